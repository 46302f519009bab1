/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/tf-store.h"

G_BEGIN_DECLS

#define TF_TYPE_SHARE_DIALOG (tf_share_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TfShareDialog, tf_share_dialog, TF, SHARE_DIALOG, AdwWindow)

/* "Share Experiment…": the anonymisation options with what each takes out,
 * then a file chooser, then the bundle written in a thread. */
TfShareDialog *tf_share_dialog_new          (GtkWindow     *parent,
                                             TfStore       *store,
                                             gint64         experiment_id);

/* The TfBundleDrop options chosen. */
guint          tf_share_dialog_get_drop     (TfShareDialog *self);
/* The file name offered in the file chooser ("Title 2026-12-06.transfo"). */
const char    *tf_share_dialog_get_suggested_name (TfShareDialog *self);
/* Writes the bundle to @file, as the file chooser's answer does. */
void           tf_share_dialog_export_to    (TfShareDialog *self,
                                             GFile         *file);
/* TRUE while the bundle is being written. */
gboolean       tf_share_dialog_get_busy     (TfShareDialog *self);

G_END_DECLS
