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
/* Another destination than a file (the regional archive): @send is
 * called in place of the file chooser, with the anonymisation chosen and a
 * cancellable that the dialog's Cancel (or closing it) cancels; it ends
 * with tf_share_dialog_send_done(). @options (nullable) is a group of
 * options of that destination, shown above the anonymisation; the
 * department ("Who Shares") is not asked. */
typedef void (*TfShareDialogSend) (TfShareDialog *dialog,
                                   guint          drop,
                                   GCancellable  *cancellable,
                                   gpointer       user_data);
void           tf_share_dialog_set_destination (TfShareDialog    *self,
                                                const char       *title,
                                                const char       *intro,
                                                const char       *button_label,
                                                const char       *progress_title,
                                                GtkWidget        *options,
                                                TfShareDialogSend send,
                                                gpointer          user_data,
                                                GDestroyNotify    destroy);
/* The send has ended: @error NULL closes the dialog, a cancelled one comes
 * back to the options, another is shown above them. */
void           tf_share_dialog_send_done    (TfShareDialog *self,
                                             const GError  *error);
/* TRUE while the bundle is being written. */
gboolean       tf_share_dialog_get_busy     (TfShareDialog *self);

G_END_DECLS
