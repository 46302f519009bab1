/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Every edit of a mockup, as one undoable command each (one transaction):
 * photos and the images placed on them are stored as assets of the
 * archive (tf_asset_insert(): once per content, by SHA-256), from the
 * bytes the decoder prepared (TfDecoded.stored: orientation applied,
 * metadata removed), never from a file's own bytes. */

#include "core/tf-command.h"
#include "core/tf-store.h"
#include "tf-mockup-model.h"

G_BEGIN_DECLS

/* The side of a new photo on the board, the longer one, in board units
 * (a post-it is 200). */
#define TF_MK_PHOTO_SIDE 1200.0
/* The room left between two photos. */
#define TF_MK_PHOTO_GAP  80.0

/* What the decoder said of a file, for the commands that store one. */
typedef struct {
  GBytes     *stored;       /* the bytes the archive keeps */
  const char *mime_type;
  const char *name;         /* the file's name, "" for none */
  int         page;         /* a PDF's page */
  int         width;        /* upright pixels; a PDF page, points */
  int         height;
} TfMkSource;

/* The experiment's first mockup board, 0 when it has none. */
gint64     tf_mk_first_board               (TfStore          *store,
                                            gint64            experiment_id,
                                            GError          **error);

/* Adds a photo or a PDF page on @board_id, a mockup board of
 * @experiment_id; 0: a new mockup board named @board_name, or when that is
 * NULL the experiment's first mockup board, or a new one named "Mockup" in
 * the user's language when it has none. The photo is
 * TF_MK_PHOTO_SIDE long, right of the board's other photos. Result id: the
 * photo item; tf_mk_command_get_asset_id(), _get_board_id() tell the rest. */
TfCommand *tf_mk_command_add_photo         (gint64            experiment_id,
                                            gint64            board_id,
                                            const char       *board_name,
                                            const TfMkSource *source) G_GNUC_WARN_UNUSED_RESULT;
/* Places an image on photo item @photo_id: a rectangle of the image's
 * aspect, centred on the photo, half its size. Result id: the placement. */
TfCommand *tf_mk_command_add_place         (gint64            photo_id,
                                            const TfMkSource *source) G_GNUC_WARN_UNUSED_RESULT;
/* Moves the corners of placement @place_id to @quad (board units): a
 * bow-tie or a mirrored quad is corrected (tf_quad_correct()), a dented or
 * degenerate one refused. */
TfCommand *tf_mk_command_set_corners       (gint64            place_id,
                                            const TfQuad     *quad) G_GNUC_WARN_UNUSED_RESULT;
/* Replaces the image of placement @place_id, its corners kept (poster v1
 * → v2). */
TfCommand *tf_mk_command_replace_image     (gint64            place_id,
                                            const TfMkSource *source) G_GNUC_WARN_UNUSED_RESULT;
/* Whether people can be recognised on photo @photo_id. */
TfCommand *tf_mk_command_set_people_visible (gint64           photo_id,
                                             gboolean         visible) G_GNUC_WARN_UNUSED_RESULT;
/* Records that the people on photo @photo_id consented (now), or takes it
 * back. */
TfCommand *tf_mk_command_set_consent       (gint64            photo_id,
                                            gboolean          given) G_GNUC_WARN_UNUSED_RESULT;
/* Names photo @photo_id ("" takes its name back): its item's text, shown
 * in the side panel, the key and the report ("Photo 2 · Desk, after"). */
TfCommand *tf_mk_command_set_photo_name    (gint64            photo_id,
                                            const char       *name) G_GNUC_WARN_UNUSED_RESULT;

/* Once an add or replace ran: the asset stored, the board written. */
gint64     tf_mk_command_get_asset_id      (TfCommand        *command);
gint64     tf_mk_command_get_board_id      (TfCommand        *command);

G_END_DECLS
