/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Every edit of the things on a board, as undoable commands. Each runs in one
 * transaction; the scene of the board follows through the store's "changed"
 * signal. Ids are item ids of one board. */

#include "core/tf-command.h"
#include "tf-rect.h"

G_BEGIN_DECLS

/* A new item to add: what tf_command_add_items() writes. */
typedef struct {
  const char *kind;      /* a registered kind's id; required */
  TfRect      bounds;
  const char *text;
  const char *style;     /* JSON object text, NULL for "{}" */
  const char *payload;   /* JSON object text, NULL for "{}" */
  gint64      parent_id; /* 0 for none */
} TfNewItem;

/* What a label calls new items (tf_item_kinds_name()): "a photo",
 * "3 photos", "4 items" when their kinds differ; for labels such as
 * g_strdup_printf (_("Paste %s"), name). */
char         *tf_new_items_name           (const TfNewItem *items,
                                           guint            n_items) G_GNUC_WARN_UNUSED_RESULT;

/* Adds items on top of everything (increasing z); after it ran,
 * tf_item_command_get_ids() gives the new ids in order. A note added inside a
 * zone joins its cluster. A NULL @label names them: "Add a photo".
 *
 * The commands below made with ids only and no label name their items once
 * they run and read their kinds (tf_command_get_label() after
 * tf_command_execute()): "Move a photo", "Delete 3 notes", "Resize 4
 * items"; before, "Move an item". */
TfCommand    *tf_command_add_items        (gint64           board_id,
                                           const TfNewItem *items,
                                           guint            n_items,
                                           const char      *label) G_GNUC_WARN_UNUSED_RESULT;
/* Copies items (their text, style, payload, size) with an offset: duplicate,
 * and paste from the clipboard within Transfo. */
TfCommand    *tf_command_duplicate_items  (const gint64    *ids,
                                           guint            n_ids,
                                           double           dx,
                                           double           dy) G_GNUC_WARN_UNUSED_RESULT;
/* The ids created by an add or duplicate command, once it ran. */
const gint64 *tf_item_command_get_ids     (TfCommand       *command,
                                           guint           *n_ids);

/* Moves items by (dx, dy). A zone carries the items of its cluster along;
 * a note dropped with its centre in a zone joins that cluster, one dropped
 * outside every zone leaves its cluster. */
TfCommand    *tf_command_move_items       (const gint64    *ids,
                                           guint            n_ids,
                                           double           dx,
                                           double           dy) G_GNUC_WARN_UNUSED_RESULT;
/* Sets the bounds of several items at once (resize, align, distribute,
 * tidy, arrange), then re-derives cluster membership as a move does. */
TfCommand    *tf_command_set_bounds       (const gint64    *ids,
                                           const TfRect    *bounds,
                                           guint            n_ids,
                                           const char      *label) G_GNUC_WARN_UNUSED_RESULT;
/* Sets bounds and one style key together, as one edit: a note's size is
 * both its side and its "size" key. */
TfCommand    *tf_command_set_bounds_and_style_key (const gint64 *ids,
                                           const TfRect    *bounds,
                                           guint            n_ids,
                                           const char      *key,
                                           const char      *json_value,
                                           const char      *label) G_GNUC_WARN_UNUSED_RESULT;
/* Adds a zone titled @title over @zone_bounds and puts @ids (notes on the
 * same board) in its cluster: "New cluster". The zone's id is the command's
 * result id, and tf_item_command_get_ids() gives it too. */
TfCommand    *tf_command_cluster_items    (gint64           board_id,
                                           const gint64    *ids,
                                           guint            n_ids,
                                           const TfRect    *zone_bounds,
                                           const char      *title,
                                           const char      *style) G_GNUC_WARN_UNUSED_RESULT;
TfCommand    *tf_command_set_item_text    (gint64           id,
                                           const char      *text) G_GNUC_WARN_UNUSED_RESULT;
/* Sets one key of the items' style (or payload) JSON to a JSON value text,
 * e.g. ("color", "\"pink\""), ("votes", "3"), ("retired", "true"). */
TfCommand    *tf_command_set_style_key    (const gint64    *ids,
                                           guint            n_ids,
                                           const char      *key,
                                           const char      *json_value,
                                           const char      *label) G_GNUC_WARN_UNUSED_RESULT;
TfCommand    *tf_command_set_payload_key  (const gint64    *ids,
                                           guint            n_ids,
                                           const char      *key,
                                           const char      *json_value,
                                           const char      *label) G_GNUC_WARN_UNUSED_RESULT;
/* Adds @delta dot votes (never below zero). */
TfCommand    *tf_command_vote             (const gint64    *ids,
                                           guint            n_ids,
                                           int              delta) G_GNUC_WARN_UNUSED_RESULT;
/* Deletes items; the notes of a deleted zone stay, out of any cluster. */
TfCommand    *tf_command_delete_items     (const gint64    *ids,
                                           guint            n_ids) G_GNUC_WARN_UNUSED_RESULT;

typedef enum {
  TF_RESTACK_RAISE,     /* one step up */
  TF_RESTACK_LOWER,
  TF_RESTACK_TOP,
  TF_RESTACK_BOTTOM,
} TfRestack;

TfCommand    *tf_command_restack          (const gint64    *ids,
                                           guint            n_ids,
                                           TfRestack        how) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
