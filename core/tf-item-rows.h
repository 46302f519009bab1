/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The rows of the `items` table, for the command files of the canvas and
 * the wings: they call these instead of preparing statements of their own,
 * so the SQL stays in the core. Nothing here knows a kind: a kind id is
 * data, passed in by the caller. Every writer runs inside an edit
 * (tf_store_edit) and says through @changed whether the row changed. */

#include <sqlite3.h>

#include "tf-store.h"

G_BEGIN_DECLS

/* One row, as the commands need it (no text, no style). */
typedef struct {
  gint64  id;
  gint64  board_id;
  char   *kind;
  double  x, y, width, height;
  int     z;
  gint64  parent_id;     /* 0: none */
  char   *payload;
} TfItemRow;

typedef enum {
  TF_ITEM_COLUMN_STYLE,
  TF_ITEM_COLUMN_PAYLOAD,
} TfItemColumn;

void     tf_item_row_clear          (TfItemRow     *row);
/* A GArray of TfItemRow that clears its rows. */
GArray  *tf_item_row_array_new      (void) G_GNUC_WARN_UNUSED_RESULT;

/* The board of item @id, 0 when there is no such item. */
gint64   tf_item_rows_board_of      (TfStore       *store,
                                     gint64         id);
gboolean tf_item_rows_board_exists  (TfStore       *store,
                                     gint64         board_id);
/* One more than the highest z of the board (1 on an empty board). */
int      tf_item_rows_next_z        (TfStore       *store,
                                     gint64         board_id);
/* Reads item @id into @row; FALSE (no error set) when there is none. */
gboolean tf_item_rows_read          (TfStore       *store,
                                     gint64         id,
                                     TfItemRow     *row);
/* Appends to @rows the items of @board_id whose kind is one of @kinds
 * (NULL: every kind), by id. */
gboolean tf_item_rows_list          (TfStore            *store,
                                     gint64              board_id,
                                     const char * const *kinds,
                                     GArray             *rows,
                                     GError            **error);
/* Appends to @ids (gint64) the items whose parent is @parent_id. */
gboolean tf_item_rows_children      (TfStore       *store,
                                     gint64         parent_id,
                                     GArray        *ids,
                                     GError       **error);

/* Inserts an item; @style and @payload that are not JSON are stored as
 * "{}". */
gboolean tf_item_rows_insert        (TfStore       *store,
                                     gint64         board_id,
                                     const char    *kind,
                                     double         x,
                                     double         y,
                                     double         width,
                                     double         height,
                                     int            z,
                                     gint64         parent_id,
                                     const char    *text,
                                     const char    *style,
                                     const char    *payload,
                                     gint64        *id,
                                     GError       **error);
/* Copies item @id (kind, geometry moved by @dx, @dy, rotation, asset,
 * style, text, payload) on its board at @z, without parent. */
gboolean tf_item_rows_duplicate     (TfStore       *store,
                                     gint64         id,
                                     double         dx,
                                     double         dy,
                                     int            z,
                                     gint64        *copy,
                                     GError       **error);
gboolean tf_item_rows_set_bounds    (TfStore       *store,
                                     gint64         id,
                                     double         x,
                                     double         y,
                                     double         width,
                                     double         height,
                                     gboolean      *changed,
                                     GError       **error);
/* Moves item @id by @dx, @dy, each coordinate kept within ±@limit. */
gboolean tf_item_rows_translate     (TfStore       *store,
                                     gint64         id,
                                     double         dx,
                                     double         dy,
                                     double         limit,
                                     GError       **error);
gboolean tf_item_rows_set_parent    (TfStore       *store,
                                     gint64         id,
                                     gint64         parent_id,
                                     GError       **error);
gboolean tf_item_rows_set_z         (TfStore       *store,
                                     gint64         id,
                                     int            z,
                                     GError       **error);
/* Sets the asset item @id draws (its `asset_id` column, which keeps the
 * asset from being deleted while an item uses it); 0 for none. */
gboolean tf_item_rows_set_asset     (TfStore       *store,
                                     gint64         id,
                                     gint64         asset_id,
                                     GError       **error);
gboolean tf_item_rows_set_text      (TfStore       *store,
                                     gint64         id,
                                     const char    *text,
                                     gboolean      *changed,
                                     GError       **error);
gboolean tf_item_rows_set_payload   (TfStore       *store,
                                     gint64         id,
                                     const char    *payload,
                                     gboolean      *changed,
                                     GError       **error);
/* Sets the member @path ("$.color") of the style or payload object to the
 * JSON value @json. */
gboolean tf_item_rows_set_key       (TfStore       *store,
                                     TfItemColumn   column,
                                     gint64         id,
                                     const char    *path,
                                     const char    *json,
                                     gboolean      *changed,
                                     GError       **error);
/* Adds @delta to the number at @path of the payload (0 when absent),
 * never below 0. */
gboolean tf_item_rows_add_to_key    (TfStore       *store,
                                     gint64         id,
                                     const char    *path,
                                     int            delta,
                                     gboolean      *changed,
                                     GError       **error);
gboolean tf_item_rows_delete        (TfStore       *store,
                                     gint64         id,
                                     GError       **error);

/* The modified_at of an item, a board (and its experiment) or an
 * experiment, set to @now (NULL: this instant). Every command that changes
 * one of them calls these. */
gboolean tf_store_touch_item        (TfStore       *store,
                                     gint64         id,
                                     const char    *now,
                                     GError       **error);
gboolean tf_store_touch_board       (TfStore       *store,
                                     gint64         id,
                                     const char    *now,
                                     GError       **error);
gboolean tf_store_touch_experiment  (TfStore       *store,
                                     gint64         id,
                                     const char    *now,
                                     GError       **error);

/* Bulk inserts into `items` (an import of thousands of rows): the per-row
 * search-index trigger is dropped by _begin, which gives the highest item id
 * so far, and _end indexes every newer row in one pass and creates the
 * trigger again from the program's own schema (never from SQL read from the
 * archive). Both run inside the edit's transaction, so a failure or a crash
 * leaves the trigger in place. */
gboolean tf_store_items_index_begin (TfStore       *store,
                                     gint64        *max_id,
                                     GError       **error);
gboolean tf_store_items_index_end   (TfStore       *store,
                                     gint64         max_id,
                                     GError       **error);

/* A row of a query, handed to the caller, who reads its columns; return
 * FALSE to stop at this row. */
typedef gboolean (*TfRowFunc) (sqlite3_stmt *row,
                               gpointer      user_data);

/* The columns tf_item_rows_each_full() and _read_full() give, in order. */
#define TF_ITEM_FULL_COLUMNS \
  "id, kind, x, y, width, height, rotation, z, coalesce (parent_id, 0), text, style, payload"

/* Every item of @board_id, TF_ITEM_FULL_COLUMNS. */
gboolean tf_item_rows_each_full     (TfStore            *store,
                                     gint64              board_id,
                                     TfRowFunc           func,
                                     gpointer            user_data,
                                     GError            **error);
/* Item @id when it is on @board_id; @found says whether @func saw it. */
gboolean tf_item_rows_read_full     (TfStore            *store,
                                     gint64              board_id,
                                     gint64              id,
                                     TfRowFunc           func,
                                     gpointer            user_data,
                                     gboolean           *found,
                                     GError            **error);
/* Inserts one row of a bulk import (created and modified at @now) and
 * gives its id, 0 on failure. @cached (NULL at first) keeps the statement
 * from one row to the next; the strings are not copied. */
gint64   tf_item_rows_bulk_insert   (TfStore            *store,
                                     sqlite3_stmt      **cached,
                                     gint64              board_id,
                                     const char         *kind,
                                     double              x,
                                     double              y,
                                     double              width,
                                     double              height,
                                     gint64              z,
                                     gint64              parent_id,
                                     const char         *style,
                                     const char         *text,
                                     const char         *payload,
                                     const char         *now,
                                     GError            **error);
/* Moves item @id down by @dy, modified at @now. */
gboolean tf_item_rows_shift_y       (TfStore            *store,
                                     gint64              id,
                                     double              dy,
                                     const char         *now,
                                     GError            **error);
/* The items of @board_id: id, parent (0: none), whether the kind is one of
 * @kinds, x, y, width, height. */
gboolean tf_item_rows_boxes         (TfStore            *store,
                                     gint64              board_id,
                                     const char * const *kinds,
                                     TfRowFunc           func,
                                     gpointer            user_data,
                                     GError            **error);
/* The items of @board_id whose kind is one of @kinds, by id: id, text. */
gboolean tf_item_rows_titles        (TfStore            *store,
                                     gint64              board_id,
                                     const char * const *kinds,
                                     TfRowFunc           func,
                                     gpointer            user_data,
                                     GError            **error);
/* How many items @board_id has, their smallest x, largest bottom, and
 * smallest and largest z. */
gboolean tf_item_rows_extents       (TfStore            *store,
                                     gint64              board_id,
                                     gboolean           *empty,
                                     double             *min_x,
                                     double             *max_bottom,
                                     gint64             *min_z,
                                     gint64             *max_z,
                                     GError            **error);
/* The items of kind @kind on @board_id, with the parent that is one of
 * @cluster_kinds, in reading order (clusters by y then x, members last):
 * text, payload, the parent's text (NULL: none), the style's colour. */
gboolean tf_item_rows_members       (TfStore            *store,
                                     gint64              board_id,
                                     const char         *kind,
                                     const char * const *cluster_kinds,
                                     TfRowFunc           func,
                                     gpointer            user_data,
                                     GError            **error);

/* The items of the experiment of item @id (on any of its boards) whose
 * payload's "cites" array holds @id, by board position then id: id, board
 * id, the board's type id, the board's name, text. A kind cites insights
 * (or any item) under that generic key; @id itself is never listed. */
gboolean tf_item_rows_citing        (TfStore            *store,
                                     gint64              id,
                                     TfRowFunc           func,
                                     gpointer            user_data,
                                     GError            **error);
/* The items @ids on the boards of @experiment_id, in the order of @ids
 * (missing ones and those of other experiments left out): id, board id,
 * text, payload. */
gboolean tf_item_rows_by_ids        (TfStore            *store,
                                     gint64              experiment_id,
                                     const gint64       *ids,
                                     guint               n_ids,
                                     TfRowFunc           func,
                                     gpointer            user_data,
                                     GError            **error);

G_END_DECLS
