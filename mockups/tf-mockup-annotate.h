/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What is drawn on top of a mockup's photo, and the crop of the photo, as
 * one undoable command each (one transaction, through TfStore): numbered
 * callouts, speech bubbles, blur regions (payloads: tf-mockup-model.h).
 * Positions are board units. */

#include "core/tf-command.h"
#include "tf-mockup-commands.h"
#include "tf-mockup-model.h"

G_BEGIN_DECLS

/* The side of a new callout's disc, and a new bubble's body, board units. */
#define TF_MK_CALLOUT_SIDE   56.0
#define TF_MK_BUBBLE_WIDTH   240.0
#define TF_MK_BUBBLE_HEIGHT  110.0

/* A numbered callout centred on (@x, @y) of photo item @photo_id, last of
 * its photo's callouts, with its legend @text ("" for none). Result id: the
 * callout. */
TfCommand *tf_mk_command_add_callout  (gint64         photo_id,
                                       double         x,
                                       double         y,
                                       const char    *text) G_GNUC_WARN_UNUSED_RESULT;
/* A speech bubble whose tail points at (@x, @y) of photo @photo_id, its
 * body above and to the right of it (below when there is no room above). */
TfCommand *tf_mk_command_add_bubble   (gint64         photo_id,
                                       double         x,
                                       double         y,
                                       const char    *text) G_GNUC_WARN_UNUSED_RESULT;
/* A blur region over @region of photo @photo_id (clipped to the photo). */
TfCommand *tf_mk_command_add_blur     (gint64         photo_id,
                                       const TfRect  *region,
                                       TfMkBlurShape  shape,
                                       TfMkBlurMode   mode) G_GNUC_WARN_UNUSED_RESULT;
/* Points the tail of bubble @bubble_id at board point (@x, @y). */
TfCommand *tf_mk_command_set_tail     (gint64         bubble_id,
                                       double         x,
                                       double         y) G_GNUC_WARN_UNUSED_RESULT;
/* Crops photo @photo_id to @keep, a board rectangle within what it shows
 * now: the photo keeps its scale and place, shows only that part (stored
 * as its normalised crop, never as pixels: crop again to widen it back).
 * What lies on it stays where it is. */
TfCommand *tf_mk_command_crop         (gint64         photo_id,
                                       const TfRect  *keep) G_GNUC_WARN_UNUSED_RESULT;
/* Shows the whole photo again, at its scale. */
TfCommand *tf_mk_command_uncrop       (gint64         photo_id) G_GNUC_WARN_UNUSED_RESULT;

/* Replaces the photo of @photo_id (another shot of the same place): its
 * width, place and what lies on it kept, its height from the new photo's
 * aspect, its crop taken off. */
TfCommand *tf_mk_command_replace_photo (gint64            photo_id,
                                        const TfMkSource *source) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
