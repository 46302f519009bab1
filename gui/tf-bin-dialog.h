/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/tf-history.h"

G_BEGIN_DECLS

#define TF_TYPE_BIN_DIALOG (tf_bin_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TfBinDialog, tf_bin_dialog, TF, BIN_DIALOG, AdwWindow)

/* The Bin (core/tf-bin.h): the experiments moved there, when and how many
 * days they have left; Restore, Delete Now… and Empty Bin…, each one step
 * on @history. Follows the archive while open; @editable FALSE (a
 * read-only archive): it only shows. */
GtkWidget   *tf_bin_dialog_new           (GtkWindow  *parent,
                                          TfHistory  *history,
                                          gboolean    editable);

G_END_DECLS
