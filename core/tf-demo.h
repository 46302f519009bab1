/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-store.h"

G_BEGIN_DECLS

/* The demo experiment's fixed uuid: "transfo demo" finds it again. */
#define TF_DEMO_UUID "5f1c2d7e-0b9a-4c1e-9d3f-2009a27e0003"

/* Inside an edit transaction: adds the booklet's demo experiment unless the
 * archive already has it, with each registered board type's demo board
 * (tf_wings_init() first). Sets @id to its id (new or existing). */
gboolean tf_demo_insert (TfStore  *store,
                         gint64   *id,
                         GError  **error);

/* Adds the demo in its own transaction if it is missing. */
gboolean tf_demo_ensure (TfStore  *store,
                         gint64   *id,
                         GError  **error);

/* For the board types' insert_demo hooks (canvas/tf-board-type.h), inside
 * the demo's transaction: a board row and an item row; 0 on failure. */
gint64   tf_demo_insert_board (TfStore     *store,
                               gint64       experiment_id,
                               const char  *kind_id,
                               const char  *name,
                               int          position,
                               GError     **error);
gint64   tf_demo_insert_item  (TfStore     *store,
                               gint64       board_id,
                               const char  *kind,
                               double       x,
                               double       y,
                               double       width,
                               double       height,
                               int          z,
                               const char  *text,
                               const char  *style,
                               const char  *payload,
                               GError     **error);

G_END_DECLS
