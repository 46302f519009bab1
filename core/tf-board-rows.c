/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "tf-board-rows.h"
#include "tf-store-private.h"

static gint64
query_int (TfStore     *store,
           const char  *sql,
           gint64       param,
           gboolean    *found,
           GError     **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, sql, error);
  gint64 value = 0;
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, param);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *found = TRUE;
      value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    tf_store_fail (store, error, _("Could not read the archive"));
  return value;
}

gboolean
tf_experiment_rows_exists (TfStore   *store,
                           gint64     id,
                           gboolean  *found,
                           GError   **error)
{
  GError *local_error = NULL;

  query_int (store, "SELECT id FROM experiments WHERE id = ?", id, found, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
tf_board_rows_exists (TfStore   *store,
                      gint64     id,
                      gboolean  *found,
                      GError   **error)
{
  GError *local_error = NULL;

  query_int (store, "SELECT id FROM boards WHERE id = ?", id, found, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
tf_board_rows_experiment (TfStore   *store,
                          gint64     id,
                          gint64    *experiment_id,
                          GError   **error)
{
  GError *local_error = NULL;
  gboolean found;

  *experiment_id = query_int (store, "SELECT experiment_id FROM boards WHERE id = ?", id, &found, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
tf_board_rows_kind (TfStore  *store,
                    gint64    id,
                    char    **kind,
                    GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT kind FROM boards WHERE id = ?", error);

  *kind = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *kind = g_strdup (tf_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
tf_board_rows_of_kind (TfStore     *store,
                       gint64       experiment_id,
                       const char  *kind,
                       TfRowFunc    func,
                       gpointer     user_data,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tf_store_prepare (store,
                           "SELECT id, name FROM boards WHERE experiment_id = ? AND kind = ?"
                           " ORDER BY position, id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  tf_bind_text (stmt, 2, kind);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!func (stmt, user_data))
      {
        rc = SQLITE_DONE;
        break;
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not read the boards"));
  return TRUE;
}

gboolean
tf_board_rows_append (TfStore     *store,
                      gint64       experiment_id,
                      const char  *kind,
                      const char  *name,
                      gint64      *id,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = tf_store_prepare (store,
                           "INSERT INTO boards (experiment_id, kind, name, position)"
                           " VALUES (?1, ?2, ?3, (SELECT coalesce (max (position) + 1, 0)"
                           "                      FROM boards WHERE experiment_id = ?1))",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  tf_bind_text (stmt, 2, kind);
  tf_bind_text (stmt, 3, name);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (tf_store_get_db (store));
  return TRUE;
}
