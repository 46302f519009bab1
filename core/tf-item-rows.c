/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-item-rows"

#include <glib/gi18n.h>
#include <string.h>

#include "tf-item-rows.h"
#include "tf-store-private.h"

void
tf_item_row_clear (TfItemRow *row)
{
  g_clear_pointer (&row->kind, g_free);
  g_clear_pointer (&row->payload, g_free);
}

GArray *
tf_item_row_array_new (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (TfItemRow));

  g_array_set_clear_func (rows, (GDestroyNotify) tf_item_row_clear);
  return rows;
}

static gboolean
step (TfStore       *store,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  return stmt != NULL && tf_store_step_done (store, stmt, error);
}

/* Whether the last statement changed a row. */
static gboolean
step_changed (TfStore       *store,
              sqlite3_stmt  *stmt,
              gboolean      *changed,
              GError       **error)
{
  if (!step (store, stmt, error))
    return FALSE;
  if (changed != NULL)
    *changed = sqlite3_changes (tf_store_get_db (store)) > 0;
  return TRUE;
}

gint64
tf_item_rows_board_of (TfStore *store,
                       gint64   id)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT board_id FROM items WHERE id = ?", NULL);
  gint64 board = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    board = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return board;
}

gboolean
tf_item_rows_board_exists (TfStore *store,
                           gint64   board_id)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT 1 FROM boards WHERE id = ?", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

int
tf_item_rows_next_z (TfStore *store,
                     gint64   board_id)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT coalesce (max (z), 0) + 1 FROM items WHERE board_id = ?", NULL);
  int z = 1;

  if (stmt == NULL)
    return z;
  sqlite3_bind_int64 (stmt, 1, board_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    z = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return z;
}

#define ROW_COLUMNS "id, board_id, kind, x, y, width, height, z, coalesce (parent_id, 0), payload"

static void
read_row (sqlite3_stmt *stmt,
          TfItemRow    *row)
{
  row->id = sqlite3_column_int64 (stmt, 0);
  row->board_id = sqlite3_column_int64 (stmt, 1);
  row->kind = g_strdup (tf_column_text (stmt, 2));
  row->x = sqlite3_column_double (stmt, 3);
  row->y = sqlite3_column_double (stmt, 4);
  row->width = sqlite3_column_double (stmt, 5);
  row->height = sqlite3_column_double (stmt, 6);
  row->z = sqlite3_column_int (stmt, 7);
  row->parent_id = sqlite3_column_int64 (stmt, 8);
  row->payload = g_strdup (tf_column_text (stmt, 9));
}

gboolean
tf_item_rows_read (TfStore   *store,
                   gint64     id,
                   TfItemRow *row)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT " ROW_COLUMNS " FROM items WHERE id = ?", NULL);
  gboolean found;

  memset (row, 0, sizeof *row);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    read_row (stmt, row);
  sqlite3_reset (stmt);
  return found;
}

gboolean
tf_item_rows_list (TfStore            *store,
                   gint64              board_id,
                   const char * const *kinds,
                   GArray             *rows,
                   GError            **error)
{
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (kinds != NULL)
    {
      g_autoptr(GString) list = g_string_new ("[");

      if (kinds[0] == NULL)
        return TRUE;
      for (guint i = 0; kinds[i] != NULL; i++)
        {
          g_autofree char *quoted = g_strescape (kinds[i], NULL);

          g_string_append_printf (list, "%s\"%s\"", i > 0 ? "," : "", quoted);
        }
      g_string_append_c (list, ']');
      json = g_string_free (g_steal_pointer (&list), FALSE);
    }

  /* The kinds are data, bound as a JSON array: no kind is named here.
   * Two statements, so the one with kinds looks them up in
   * items_by_kind rather than reading every item of the board. */
  if (json != NULL)
    stmt = tf_store_prepare (store,
                             "SELECT " ROW_COLUMNS " FROM items WHERE board_id = ?1"
                             " AND kind IN (SELECT value FROM json_each (?2)) ORDER BY id",
                             error);
  else
    stmt = tf_store_prepare (store, "SELECT " ROW_COLUMNS " FROM items WHERE board_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board_id);
  if (json != NULL)
    tf_bind_text (stmt, 2, json);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TfItemRow row = { 0 };

      read_row (stmt, &row);
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not read the board"));
  return TRUE;
}

gboolean
tf_item_rows_children (TfStore  *store,
                       gint64    parent_id,
                       GArray   *ids,
                       GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT id FROM items WHERE parent_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not read the board"));
  return TRUE;
}

gboolean
tf_item_rows_insert (TfStore     *store,
                     gint64       board_id,
                     const char  *kind,
                     double       x,
                     double       y,
                     double       width,
                     double       height,
                     int          z,
                     gint64       parent_id,
                     const char  *text,
                     const char  *style,
                     const char  *payload,
                     gint64      *id,
                     GError     **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "INSERT INTO items (board_id, kind, x, y, width, height, z, parent_id,"
                                         " text, style, payload)"
                                         " VALUES (?, ?, ?, ?, ?, ?, ?, nullif (?, 0), ?,"
                                         "         CASE WHEN json_valid (?10) THEN ?10 ELSE '{}' END,"
                                         "         CASE WHEN json_valid (?11) THEN ?11 ELSE '{}' END)",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board_id);
  tf_bind_text (stmt, 2, kind);
  sqlite3_bind_double (stmt, 3, x);
  sqlite3_bind_double (stmt, 4, y);
  sqlite3_bind_double (stmt, 5, width);
  sqlite3_bind_double (stmt, 6, height);
  sqlite3_bind_int (stmt, 7, z);
  sqlite3_bind_int64 (stmt, 8, parent_id);
  tf_bind_text (stmt, 9, text ? text : "");
  tf_bind_text (stmt, 10, style ? style : "{}");
  tf_bind_text (stmt, 11, payload ? payload : "{}");
  if (!step (store, stmt, error))
    return FALSE;
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (tf_store_get_db (store));
  return TRUE;
}

gboolean
tf_item_rows_duplicate (TfStore  *store,
                        gint64    id,
                        double    dx,
                        double    dy,
                        int       z,
                        gint64   *copy,
                        GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "INSERT INTO items (board_id, kind, x, y, width, height, rotation, z, asset_id,"
                                         " style, text, payload)"
                                         " SELECT board_id, kind, x + ?2, y + ?3, width, height, rotation,"
                                         "        ?4, asset_id, style, text, payload"
                                         " FROM items WHERE id = ?1",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_double (stmt, 2, dx);
  sqlite3_bind_double (stmt, 3, dy);
  sqlite3_bind_int (stmt, 4, z);
  if (!step (store, stmt, error))
    return FALSE;
  if (copy != NULL)
    *copy = sqlite3_last_insert_rowid (tf_store_get_db (store));
  return TRUE;
}

gboolean
tf_item_rows_set_bounds (TfStore   *store,
                         gint64     id,
                         double     x,
                         double     y,
                         double     width,
                         double     height,
                         gboolean  *changed,
                         GError   **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "UPDATE items SET x = ?1, y = ?2, width = ?3, height = ?4 WHERE id = ?5"
                                         " AND (x, y, width, height) IS NOT (?1, ?2, ?3, ?4)",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_double (stmt, 1, x);
  sqlite3_bind_double (stmt, 2, y);
  sqlite3_bind_double (stmt, 3, width);
  sqlite3_bind_double (stmt, 4, height);
  sqlite3_bind_int64 (stmt, 5, id);
  return step_changed (store, stmt, changed, error);
}

gboolean
tf_item_rows_translate (TfStore  *store,
                        gint64    id,
                        double    dx,
                        double    dy,
                        double    limit,
                        GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "UPDATE items SET x = max (?4, min (?5, x + ?1)),"
                                         " y = max (?4, min (?5, y + ?2)) WHERE id = ?3",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_double (stmt, 1, dx);
  sqlite3_bind_double (stmt, 2, dy);
  sqlite3_bind_int64 (stmt, 3, id);
  sqlite3_bind_double (stmt, 4, -limit);
  sqlite3_bind_double (stmt, 5, limit);
  return step (store, stmt, error);
}

gboolean
tf_item_rows_set_parent (TfStore  *store,
                         gint64    id,
                         gint64    parent_id,
                         GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "UPDATE items SET parent_id = nullif (?, 0) WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  sqlite3_bind_int64 (stmt, 2, id);
  return step (store, stmt, error);
}

gboolean
tf_item_rows_set_z (TfStore  *store,
                    gint64    id,
                    int       z,
                    GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "UPDATE items SET z = ?1 WHERE id = ?2 AND z <> ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, z);
  sqlite3_bind_int64 (stmt, 2, id);
  return step (store, stmt, error);
}

gboolean
tf_item_rows_set_asset (TfStore  *store,
                        gint64    id,
                        gint64    asset_id,
                        GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "UPDATE items SET asset_id = nullif (?1, 0)"
                                         " WHERE id = ?2 AND asset_id IS NOT nullif (?1, 0)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, asset_id);
  sqlite3_bind_int64 (stmt, 2, id);
  return step (store, stmt, error);
}

gboolean
tf_item_rows_set_text (TfStore     *store,
                       gint64       id,
                       const char  *text,
                       gboolean    *changed,
                       GError     **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "UPDATE items SET text = ?1 WHERE id = ?2 AND text IS NOT ?1", error);

  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, text);
  sqlite3_bind_int64 (stmt, 2, id);
  return step_changed (store, stmt, changed, error);
}

gboolean
tf_item_rows_set_payload (TfStore     *store,
                          gint64       id,
                          const char  *payload,
                          gboolean    *changed,
                          GError     **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "UPDATE items SET payload = ?1 WHERE id = ?2 AND payload IS NOT ?1",
                                         error);

  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, payload);
  sqlite3_bind_int64 (stmt, 2, id);
  return step_changed (store, stmt, changed, error);
}

gboolean
tf_item_rows_set_key (TfStore       *store,
                      TfItemColumn   column,
                      gint64         id,
                      const char    *path,
                      const char    *json,
                      gboolean      *changed,
                      GError       **error)
{
  sqlite3_stmt *stmt;

  if (column == TF_ITEM_COLUMN_STYLE)
    stmt = tf_store_prepare (store,
                             "UPDATE items SET style = json_set (CASE WHEN json_valid (style) THEN style ELSE '{}' END,"
                             "                                   ?1, json (?2))"
                             " WHERE id = ?3 AND json_extract (style, ?1) IS NOT json_extract (json_object ('v', json (?2)), '$.v')",
                             error);
  else
    stmt = tf_store_prepare (store,
                             "UPDATE items SET payload = json_set (CASE WHEN json_valid (payload) THEN payload ELSE '{}' END,"
                             "                                     ?1, json (?2))"
                             " WHERE id = ?3 AND json_extract (payload, ?1) IS NOT json_extract (json_object ('v', json (?2)), '$.v')",
                             error);
  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, path);
  tf_bind_text (stmt, 2, json);
  sqlite3_bind_int64 (stmt, 3, id);
  return step_changed (store, stmt, changed, error);
}

gboolean
tf_item_rows_add_to_key (TfStore     *store,
                         gint64       id,
                         const char  *path,
                         int          delta,
                         gboolean    *changed,
                         GError     **error)
{
  sqlite3_stmt *stmt =
    tf_store_prepare (store,
                      "UPDATE items SET payload = json_set (CASE WHEN json_valid (payload) THEN payload ELSE '{}' END,"
                      "  ?3, max (0, coalesce (json_extract (payload, ?3), 0) + ?1))"
                      " WHERE id = ?2 AND max (0, coalesce (json_extract (payload, ?3), 0) + ?1)"
                      "                   <> coalesce (json_extract (payload, ?3), 0)",
                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, delta);
  sqlite3_bind_int64 (stmt, 2, id);
  tf_bind_text (stmt, 3, path);
  return step_changed (store, stmt, changed, error);
}

gboolean
tf_item_rows_delete (TfStore  *store,
                     gint64    id,
                     GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "DELETE FROM items WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return step (store, stmt, error);
}

static gboolean
touch (TfStore      *store,
       sqlite3_stmt *stmt,
       gint64        id,
       const char   *now,
       GError      **error)
{
  g_autofree char *stamp = now != NULL ? NULL : tf_store_now ();

  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, now != NULL ? now : stamp);
  sqlite3_bind_int64 (stmt, 2, id);
  return step (store, stmt, error);
}

gboolean
tf_store_touch_item (TfStore     *store,
                     gint64       id,
                     const char  *now,
                     GError     **error)
{
  return touch (store, tf_store_prepare (store, "UPDATE items SET modified_at = ? WHERE id = ?", error),
                id, now, error);
}

gboolean
tf_store_touch_board (TfStore     *store,
                      gint64       id,
                      const char  *now,
                      GError     **error)
{
  return touch (store, tf_store_prepare (store, "UPDATE boards SET modified_at = ? WHERE id = ?", error),
                id, now, error) &&
         touch (store, tf_store_prepare (store,
                                         "UPDATE experiments SET modified_at = ?1"
                                         " WHERE id = (SELECT experiment_id FROM boards WHERE id = ?2)",
                                         error),
                id, now, error);
}

gboolean
tf_store_touch_experiment (TfStore     *store,
                           gint64       id,
                           const char  *now,
                           GError     **error)
{
  return touch (store, tf_store_prepare (store, "UPDATE experiments SET modified_at = ? WHERE id = ?", error),
                id, now, error);
}

gboolean
tf_store_items_index_begin (TfStore  *store,
                            gint64   *max_id,
                            GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT coalesce (max (id), 0) FROM items", error);

  if (stmt == NULL)
    return FALSE;
  *max_id = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  /* The archive's schema was checked at open, so the trigger is there. */
  if (sqlite3_exec (tf_store_get_db (store), "DROP TRIGGER items_fts_ai", NULL, NULL, NULL) != SQLITE_OK)
    return tf_store_fail (store, error, _("Could not write to the archive"));
  return TRUE;
}

gboolean
tf_store_items_index_end (TfStore  *store,
                          gint64    max_id,
                          GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "INSERT INTO items_fts (rowid, text) SELECT id, text FROM items WHERE id > ?",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, max_id);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_exec (tf_store_get_db (store), tf_schema_items_fts_ai, NULL, NULL, NULL) != SQLITE_OK)
    return tf_store_fail (store, error, _("Could not write to the archive"));
  return TRUE;
}

/* @kinds as a JSON array, for `kind IN (SELECT value FROM json_each (?))`. */
static char *
kinds_json (const char * const *kinds)
{
  GString *list = g_string_new ("[");

  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    {
      g_autofree char *quoted = g_strescape (kinds[i], NULL);

      g_string_append_printf (list, "%s\"%s\"", i > 0 ? "," : "", quoted);
    }
  g_string_append_c (list, ']');
  return g_string_free (list, FALSE);
}

/* Steps @stmt, handing each row to @func until it returns FALSE. */
static gboolean
each_row (TfStore      *store,
          sqlite3_stmt *stmt,
          TfRowFunc     func,
          gpointer      user_data,
          const char   *message,
          GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!func (stmt, user_data))
      {
        rc = SQLITE_DONE;
        break;
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, message);
  return TRUE;
}

gboolean
tf_item_rows_each_full (TfStore   *store,
                        gint64     board_id,
                        TfRowFunc  func,
                        gpointer   user_data,
                        GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = tf_store_prepare (store, "SELECT " TF_ITEM_FULL_COLUMNS " FROM items WHERE board_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board_id);
  return each_row (store, stmt, func, user_data, _("Could not read the board"), error);
}

gboolean
tf_item_rows_read_full (TfStore   *store,
                        gint64     board_id,
                        gint64     id,
                        TfRowFunc  func,
                        gpointer   user_data,
                        gboolean  *found,
                        GError   **error)
{
  sqlite3_stmt *stmt;

  *found = FALSE;
  stmt = tf_store_prepare (store, "SELECT " TF_ITEM_FULL_COLUMNS " FROM items WHERE id = ? AND board_id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, board_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *found = TRUE;
      func (stmt, user_data);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static const char bulk_insert_sql[] =
  "INSERT INTO items (board_id, kind, x, y, width, height, z, parent_id, style, text, payload,"
  "                   created_at, modified_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)";

gint64
tf_item_rows_bulk_insert (TfStore       *store,
                          sqlite3_stmt **cached,
                          gint64         board_id,
                          const char    *kind,
                          double         x,
                          double         y,
                          double         width,
                          double         height,
                          gint64         z,
                          gint64         parent_id,
                          const char    *style,
                          const char    *text,
                          const char    *payload,
                          const char    *now,
                          GError       **error)
{
  sqlite3_stmt *stmt = *cached;

  /* Fetched once: the cache lookup hashes the whole SQL text every time. */
  if (stmt == NULL)
    stmt = *cached = tf_store_prepare (store, bulk_insert_sql, error);
  if (stmt == NULL)
    return 0;
  /* Every string outlives the step, so none is copied. */
  sqlite3_bind_int64 (stmt, 1, board_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, x);
  sqlite3_bind_double (stmt, 4, y);
  sqlite3_bind_double (stmt, 5, width);
  sqlite3_bind_double (stmt, 6, height);
  sqlite3_bind_int64 (stmt, 7, z);
  if (parent_id != 0)
    sqlite3_bind_int64 (stmt, 8, parent_id);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_text (stmt, 9, style, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, payload, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, now, -1, SQLITE_STATIC);
  if (!tf_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (tf_store_get_db (store));
}

gboolean
tf_item_rows_shift_y (TfStore     *store,
                      gint64       id,
                      double       dy,
                      const char  *now,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = tf_store_prepare (store, "UPDATE items SET y = y + ?1, modified_at = ?2 WHERE id = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_double (stmt, 1, dy);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  return tf_store_step_done (store, stmt, error);
}

gboolean
tf_item_rows_boxes (TfStore            *store,
                    gint64              board_id,
                    const char * const *kinds,
                    TfRowFunc           func,
                    gpointer            user_data,
                    GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = tf_store_prepare (store,
                           "SELECT id, coalesce (parent_id, 0), kind IN (SELECT value FROM json_each (?2)),"
                           " x, y, width, height"
                           " FROM items WHERE board_id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board_id);
  sqlite3_bind_text (stmt, 2, kinds_json (kinds), -1, g_free);
  return each_row (store, stmt, func, user_data, _("Could not read the board"), error);
}

gboolean
tf_item_rows_titles (TfStore            *store,
                     gint64              board_id,
                     const char * const *kinds,
                     TfRowFunc           func,
                     gpointer            user_data,
                     GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = tf_store_prepare (store,
                           "SELECT id, text FROM items"
                           " WHERE board_id = ?1 AND kind IN (SELECT value FROM json_each (?2)) ORDER BY id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board_id);
  sqlite3_bind_text (stmt, 2, kinds_json (kinds), -1, g_free);
  return each_row (store, stmt, func, user_data, _("Could not read the board"), error);
}

gboolean
tf_item_rows_extents (TfStore   *store,
                      gint64     board_id,
                      gboolean  *empty,
                      double    *min_x,
                      double    *max_bottom,
                      gint64    *min_z,
                      gint64    *max_z,
                      GError   **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = tf_store_prepare (store,
                           "SELECT count(*), min (x), max (y + height), min (z), max (z)"
                           " FROM items WHERE board_id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board_id);
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    {
      *empty = sqlite3_column_int64 (stmt, 0) == 0;
      *min_x = sqlite3_column_double (stmt, 1);
      *max_bottom = sqlite3_column_double (stmt, 2);
      *min_z = sqlite3_column_int64 (stmt, 3);
      *max_z = sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (!ok)
    return tf_store_fail (store, error, _("Could not read the board"));
  return TRUE;
}

gboolean
tf_item_rows_members (TfStore            *store,
                      gint64              board_id,
                      const char         *kind,
                      const char * const *cluster_kinds,
                      TfRowFunc           func,
                      gpointer            user_data,
                      GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = tf_store_prepare (store,
                           "SELECT n.text, n.payload, z.text,"
                           "       CASE WHEN json_valid (n.style) THEN json_extract (n.style, '$.color') END"
                           " FROM items n LEFT JOIN items z ON z.id = n.parent_id"
                           "   AND z.kind IN (SELECT value FROM json_each (?2))"
                           " WHERE n.board_id = ?1 AND n.kind = ?3"
                           " ORDER BY z.id IS NULL, z.y, z.x, z.id, n.y, n.x, n.id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board_id);
  sqlite3_bind_text (stmt, 2, kinds_json (cluster_kinds), -1, g_free);
  tf_bind_text (stmt, 3, kind);
  return each_row (store, stmt, func, user_data, _("Could not read the board"), error);
}

gboolean
tf_item_rows_citing (TfStore   *store,
                     gint64     id,
                     TfRowFunc  func,
                     gpointer   user_data,
                     GError   **error)
{
  sqlite3_stmt *stmt;

  /* The payload is checked to be JSON with an array at "cites" before
   * json_each reads it: a row written elsewhere cannot make it fail. */
  stmt = tf_store_prepare (store,
                           "SELECT i.id, i.board_id, b.kind, b.name, i.text"
                           " FROM items i JOIN boards b ON b.id = i.board_id"
                           " WHERE b.experiment_id = (SELECT ob.experiment_id FROM items oi"
                           "                          JOIN boards ob ON ob.id = oi.board_id"
                           "                          WHERE oi.id = ?1)"
                           "   AND i.id <> ?1"
                           /* A plain text test first: most payloads cite nothing. */
                           "   AND instr (i.payload, '\"cites\"') > 0"
                           "   AND json_valid (i.payload)"
                           "   AND json_type (i.payload, '$.cites') = 'array'"
                           "   AND EXISTS (SELECT 1 FROM json_each (i.payload, '$.cites') c"
                           "               WHERE c.type = 'integer' AND c.value = ?1)"
                           " ORDER BY b.position, b.id, i.id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return each_row (store, stmt, func, user_data, _("Could not read the board"), error);
}

gboolean
tf_item_rows_by_ids (TfStore      *store,
                     gint64        experiment_id,
                     const gint64 *ids,
                     guint         n_ids,
                     TfRowFunc     func,
                     gpointer      user_data,
                     GError      **error)
{
  g_autoptr(GString) list = g_string_new ("[");
  sqlite3_stmt *stmt;

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (list, ']');
  stmt = tf_store_prepare (store,
                           "SELECT i.id, i.board_id, i.text, i.payload"
                           " FROM json_each (?1) w JOIN items i ON i.id = w.value"
                           " JOIN boards b ON b.id = i.board_id"
                           " WHERE b.experiment_id = ?2"
                           " ORDER BY w.key",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, list->str, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, experiment_id);
  return each_row (store, stmt, func, user_data, _("Could not read the board"), error);
}
