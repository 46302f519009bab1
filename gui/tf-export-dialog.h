/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/tf-store.h"

G_BEGIN_DECLS

#define TF_TYPE_EXPORT_DIALOG (tf_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TfExportDialog, tf_export_dialog, TF, EXPORT_DIALOG, AdwWindow)

/* Prints or exports the experiment @experiment_id of @store, read now into
 * a snapshot. With a @board_id, that board is chosen and the dialog opens on
 * "Board on one page"; with 0, on the experiment report. */
TfExportDialog *tf_export_dialog_new (GtkWindow *parent,
                                      TfStore   *store,
                                      gint64     experiment_id,
                                      gint64     board_id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
