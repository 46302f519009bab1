/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/tf-history.h"
#include "core/tf-store.h"

G_BEGIN_DECLS

#define TF_TYPE_APPLICATION (tf_application_get_type ())
G_DECLARE_FINAL_TYPE (TfApplication, tf_application, TF, APPLICATION, AdwApplication)

TfApplication *tf_application_new              (const char    *archive_path)
                                                G_GNUC_WARN_UNUSED_RESULT;

const char    *tf_application_get_archive_path (TfApplication *self);
/* NULL until the archive is open. */
TfStore       *tf_application_get_store        (TfApplication *self);
TfHistory     *tf_application_get_history      (TfApplication *self);
/* NULL when the GSettings schema is not installed (an uninstalled build). */
GSettings     *tf_application_get_settings     (TfApplication *self);

G_END_DECLS
