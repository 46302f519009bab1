/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-board-view.h"

G_BEGIN_DECLS

/* Adds a user's own SVG pictogram to the archive's stamps: a file chooser,
 * then a short form (family, French and English names, keywords). The
 * drawing is checked before anything is written; a refused file says why. */
void     tf_stamp_import_start  (TfBoardView *view);

/* The last step, for the form and the tests: imports @svg as one undoable
 * command. Returns whether it was added. */
gboolean tf_stamp_import_commit (TfBoardView *view,
                                 GBytes      *svg,
                                 const char  *family,
                                 const char  *name_fr,
                                 const char  *name_en,
                                 const char  *keywords);

G_END_DECLS
