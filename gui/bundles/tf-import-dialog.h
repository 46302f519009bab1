/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/tf-bundle.h"
#include "core/tf-history.h"

G_BEGIN_DECLS

#define TF_TYPE_IMPORT_DIALOG (tf_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TfImportDialog, tf_import_dialog, TF, IMPORT_DIALOG, AdwWindow)

/* The preview of a bundle read and checked (tf_bundle_open(), @bundle
 * taken): what it holds, who shared it, what was anonymised; then Import,
 * or "Update the copy" / "Keep both" when the archive has it already.
 * Nothing is written before one of them is pressed; the import is one
 * undoable step of @history. @file (nullable): where it was read, NULL
 * for the regional archive. */
TfImportDialog *tf_import_dialog_new          (GtkWindow      *parent,
                                               TfHistory      *history,
                                               TfBundle       *bundle,
                                               GFile          *file);

/* The experiment an "Update" replaces, 0 when the archive has no copy. */
gint64          tf_import_dialog_get_copy_id  (TfImportDialog *self);

G_END_DECLS
