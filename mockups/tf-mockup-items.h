/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What a facilitator puts on top of a photo besides the wing's own
 * annotations (tf-mockup-kinds.h): pictograms (the stamp kind of stamps/),
 * text labels (canvas's label kind), and the two kinds below. They follow
 * their photo (tf-mockup-follow.h) and print in every export.
 *
 *   "mk-note"  a post-it: a square of paper with a few words; text = what
 *     is written. Not an insight: it is no quote of the wall. payload {}
 *
 *   "mk-arrow" an arrow from one point to another; bounds: the box of its
 *     two ends (at least 1 × 1). payload {"from": [x, y], "to": [x, y]}, the
 *     ends relative to the bounds' top-left corner (so that moving the item
 *     moves them); the head is at "to". */

#include "canvas/tf-item.h"
#include "core/tf-command.h"

G_BEGIN_DECLS

#define TF_MK_NOTE_KIND  "mk-note"
/* The generic kinds a mockup takes too (stamps/'s pictograms, canvas's
 * text label): they are drawn and edited as on any board. */
#define TF_MK_STAMP_KIND "stamp"
#define TF_MK_LABEL_KIND "label"
#define TF_MK_ARROW_KIND "mk-arrow"

/* A new note's side, and the paper's colour. */
#define TF_MK_NOTE_SIDE  160.0
#define TF_MK_NOTE_RGB   0xFFE27A

extern const TfItemKind tf_mk_note_kind;
extern const TfItemKind tf_mk_arrow_kind;

/* The two ends of an arrow item, board units; FALSE when @item is not a
 * parsed arrow. */
gboolean   tf_mk_arrow_item_ends     (const TfItem *item,
                                      double       *x1,
                                      double       *y1,
                                      double       *x2,
                                      double       *y2);
/* The bounds and payload of an arrow from (x1, y1) to (x2, y2). */
char      *tf_mk_arrow_payload       (double        x1,
                                      double        y1,
                                      double        x2,
                                      double        y2,
                                      TfRect       *bounds) G_GNUC_WARN_UNUSED_RESULT;

/* Adds to board @board_id a note of @text centred on (x, y), a label of
 * @text with its top-left corner there, an arrow from (x1, y1) to
 * (x2, y2); the board settles in the same step. The new id is the
 * command's result id. */
TfCommand *tf_mk_command_add_note    (gint64        board_id,
                                      double        x,
                                      double        y,
                                      const char   *text) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_mk_command_add_label   (gint64        board_id,
                                      double        x,
                                      double        y,
                                      const char   *text) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_mk_command_add_arrow   (gint64        board_id,
                                      double        x1,
                                      double        y1,
                                      double        x2,
                                      double        y2) G_GNUC_WARN_UNUSED_RESULT;
/* Moves the ends of arrow @id, one step. */
TfCommand *tf_mk_command_set_arrow   (gint64        id,
                                      double        x1,
                                      double        y1,
                                      double        x2,
                                      double        y2) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
