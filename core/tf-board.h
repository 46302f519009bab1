/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tf-enums.h"

G_BEGIN_DECLS

#define TF_TYPE_BOARD (tf_board_get_type ())
G_DECLARE_FINAL_TYPE (TfBoard, tf_board, TF, BOARD, GObject)

TfBoard     *tf_board_new                (gint64       id,
                                          gint64       experiment_id,
                                          const char  *kind_id,
                                          const char  *name,
                                          int          position,
                                          guint        item_count) G_GNUC_WARN_UNUSED_RESULT;

gint64       tf_board_get_id             (TfBoard     *self);
gint64       tf_board_get_experiment_id  (TfBoard     *self);
/* The stored kind id ("insight-wall"), never NULL; a newer Transfo's kind
 * is kept as it is. tf_board_type_lookup() tells what it is. */
const char  *tf_board_get_kind_id        (TfBoard     *self);
const char  *tf_board_get_name           (TfBoard     *self);
int          tf_board_get_position       (TfBoard     *self);
guint        tf_board_get_item_count     (TfBoard     *self);
/* What its items are: @n_kinds item kind ids (as stored) and how many of
 * each, the most numerous first (the board row's "21 insights · 2
 * clusters"). Borrowed; NULL and 0 for an empty board. */
const char * const *tf_board_get_kind_counts (TfBoard     *self,
                                              const guint **counts,
                                              guint        *n_kinds);
/* Sets them from the archive's packed form: "kind<US>count" pairs
 * separated by <RS> (0x1F, 0x1E); what does not parse is left out. */
void         tf_board_set_kind_counts    (TfBoard     *self,
                                          const char  *packed);

G_END_DECLS
