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

G_END_DECLS
