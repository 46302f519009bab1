/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "tf-stamp-rows.h"
#include "tf-store-private.h"

gboolean
tf_stamp_rows_name_of (TfStore     *store,
                       const char  *key,
                       char       **name_fr,
                       GError     **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT name_fr FROM stamps WHERE key = ?", error);

  *name_fr = NULL;
  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *name_fr = g_strdup (tf_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
tf_asset_rows_name_of (TfStore     *store,
                       gint64       asset_id,
                       char       **name,
                       GError     **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT name FROM assets WHERE id = ?", error);

  *name = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, asset_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = tf_column_text (stmt, 0);

      /* An archive is a file from elsewhere: only valid UTF-8 is a name. */
      *name = g_strdup (text != NULL && g_utf8_validate (text, -1, NULL) ? text : "");
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
tf_asset_rows_add_svg (TfStore     *store,
                       const char  *sha256,
                       const char  *name,
                       GBytes      *svg,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = tf_store_prepare (store,
                           "INSERT INTO assets (sha256, mime_type, name, data) VALUES (?1, 'image/svg+xml', ?2, ?3)"
                           " ON CONFLICT (sha256) DO NOTHING",
                           error);
  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, sha256);
  tf_bind_text (stmt, 2, name);
  sqlite3_bind_blob (stmt, 3, g_bytes_get_data (svg, NULL), (int) g_bytes_get_size (svg),
                     SQLITE_TRANSIENT);
  return tf_store_step_done (store, stmt, error);
}

gboolean
tf_asset_rows_find (TfStore     *store,
                    const char  *sha256,
                    gint64      *id,
                    GError     **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT id FROM assets WHERE sha256 = ?", error);

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, sha256);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
tf_stamp_rows_insert (TfStore     *store,
                      const char  *key,
                      const char  *family,
                      const char  *name_fr,
                      const char  *name_en,
                      const char  *keywords,
                      const char  *color,
                      gint64       asset_id,
                      gint64      *id,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = tf_store_prepare (store,
                           "INSERT INTO stamps (key, family, name_fr, name_en, keywords, color, asset_id)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, key);
  tf_bind_text (stmt, 2, family);
  tf_bind_text (stmt, 3, name_fr);
  tf_bind_text (stmt, 4, name_en);
  tf_bind_text (stmt, 5, keywords);
  tf_bind_text (stmt, 6, color);
  sqlite3_bind_int64 (stmt, 7, asset_id);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (tf_store_get_db (store));
  return TRUE;
}

gboolean
tf_stamp_rows_have_table (TfStore *store)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'stamps'",
                                         NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

gboolean
tf_stamp_rows_each (TfStore    *store,
                    TfRowFunc   func,
                    gpointer    user_data,
                    GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tf_store_prepare (store,
                           "SELECT s.key, s.family, s.name_fr, s.name_en, s.keywords, s.color, a.data"
                           " FROM stamps s JOIN assets a ON a.id = s.asset_id ORDER BY s.id",
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!func (stmt, user_data))
      {
        rc = SQLITE_DONE;
        break;
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not read the user stamps"));
  return TRUE;
}
