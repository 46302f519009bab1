/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What sits on a photo moves with it (issue #11): the mockup board type's
 * settle hook (core/tf-board-type.h), run inside every item command's
 * transaction, so that moving, resizing or cropping a photo carries its
 * placed images, callouts, bubbles, blur regions, stamps, notes, labels and
 * arrows along in the same undoable step.
 *
 * Each item of a mockup board but the photos records in its payload where
 * it was and where its photo was when the board last settled:
 *   "mk_on": [photo, x, y, w, h,  px, py, pw, ph,  cx, cy, cw, ch]
 * (its bounds, its photo's bounds and crop; photo 0: on none). Settling
 * compares: an item whose own bounds are as recorded while its photo's
 * changed is carried by the photo (the same photo pixels stay under it:
 * moved, scaled for placements, blur regions and arrows, its centre moved
 * for the others); an item that moved itself (alone or with its photo) is
 * recorded where it is now. The photo of a callout, a bubble, a blur
 * region or a placement is the one its payload names; of the others, the
 * topmost photo under their centre. */

#include "core/tf-command.h"
#include "core/tf-store.h"

G_BEGIN_DECLS

#define TF_MK_ON_KEY "mk_on"

/* The hook: settles board @board_id (inside the caller's transaction). */
gboolean   tf_mockup_settle             (TfStore    *store,
                                         gint64      board_id,
                                         GError    **error);

/* A command that runs @inner then settles @board_id, in one transaction
 * and one undo step, with @inner's label and result id; for the wing's
 * own commands (add a callout, crop…), which do not go through the item
 * commands. Takes a reference on @inner. */
TfCommand *tf_mk_command_settled        (TfCommand  *inner,
                                         gint64      board_id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
