/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tf-contribution-rows.h"
#include "tf-content.h"
#include "tf-store-private.h"

#define CATEGORY_MAX 32

void
tf_contribution_row_clear (TfContributionRow *row)
{
  g_clear_pointer (&row->key, g_free);
  g_clear_pointer (&row->arrived_at, g_free);
  g_clear_pointer (&row->text, g_free);
  g_clear_pointer (&row->category, g_free);
}

GArray *
tf_contribution_row_array_new (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (TfContributionRow));

  g_array_set_clear_func (rows, (GDestroyNotify) tf_contribution_row_clear);
  return rows;
}

static gboolean
key_ok (const char *key)
{
  gsize length = key != NULL ? strlen (key) : 0;

  if (length < TF_CONTRIBUTION_KEY_MIN || length > TF_CONTRIBUTION_KEY_MAX)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (key[i]) && key[i] != '-' && key[i] != '_')
      return FALSE;
  return TRUE;
}

static gboolean
text_ok (const char *text)
{
  return text != NULL && text[0] != '\0' &&
         tf_content_check_text (text, -1, TF_CONTRIBUTION_MAX_TEXT * 4) &&
         g_utf8_strlen (text, -1) <= TF_CONTRIBUTION_MAX_TEXT;
}

static gboolean
category_ok (const char *category)
{
  gsize length = strlen (category);

  if (length > CATEGORY_MAX)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_islower (category[i]) && category[i] != '-')
      return FALSE;
  return TRUE;
}

static gboolean
invalid (GError **error)
{
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
               _("This contribution cannot be stored: a value is out of bounds"));
  return FALSE;
}

static gboolean
read_row (sqlite3_stmt      *stmt,
          TfContributionRow *row)
{
  const char *key = tf_column_text (stmt, 2);
  const char *arrived = tf_column_text (stmt, 3);
  const char *text = tf_column_text (stmt, 4);
  const char *category = tf_column_text (stmt, 5);
  int state = sqlite3_column_int (stmt, 6);

  if (!key_ok (key) || !text_ok (text) || !category_ok (category) ||
      !tf_content_check_text (arrived, -1, 64) ||
      state < 0 || state >= TF_N_CONTRIBUTION_STATES)
    return FALSE;
  row->id = sqlite3_column_int64 (stmt, 0);
  row->experiment_id = sqlite3_column_int64 (stmt, 1);
  row->key = g_strdup (key);
  row->arrived_at = g_strdup (arrived);
  row->text = g_strdup (text);
  row->category = g_strdup (category);
  row->state = state;
  row->item_id = sqlite3_column_int64 (stmt, 7);
  return TRUE;
}

#define COLUMNS "id, experiment_id, key, arrived_at, text, category, state, item_id"

gboolean
tf_contribution_rows_insert (TfStore              *store,
                             gint64                experiment_id,
                             const char           *key,
                             const char           *text,
                             const char           *category,
                             TfContributionState   state,
                             gint64               *id,
                             gboolean             *inserted,
                             GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (category == NULL)
    category = "";
  if (!key_ok (key) || !text_ok (text) || !category_ok (category) ||
      state < 0 || state >= TF_N_CONTRIBUTION_STATES)
    return invalid (error);

  /* A phone that lost the network sends the same key again: one row. */
  stmt = tf_store_prepare (store, "SELECT id FROM contributions WHERE experiment_id = ? AND key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  tf_bind_text (stmt, 2, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *inserted = FALSE;
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not read the contributions"));

  stmt = tf_store_prepare (store,
                           "INSERT INTO contributions (experiment_id, key, arrived_at, text, category, state)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autofree char *now = tf_store_now ();

    sqlite3_bind_int64 (stmt, 1, experiment_id);
    tf_bind_text (stmt, 2, key);
    tf_bind_text (stmt, 3, now);
    tf_bind_text (stmt, 4, text);
    tf_bind_text (stmt, 5, category);
    sqlite3_bind_int (stmt, 6, state);
    if (!tf_store_step_done (store, stmt, error))
      return FALSE;
  }
  *id = sqlite3_last_insert_rowid (tf_store_get_db (store));
  *inserted = TRUE;
  return TRUE;
}

gboolean
tf_contribution_rows_set_state (TfStore              *store,
                                gint64                id,
                                TfContributionState   state,
                                gint64                item_id,
                                GError              **error)
{
  sqlite3_stmt *stmt;

  if (state < 0 || state >= TF_N_CONTRIBUTION_STATES || item_id < 0)
    return invalid (error);
  stmt = tf_store_prepare (store, "UPDATE contributions SET state = ?, item_id = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_int64 (stmt, 2, item_id);
  sqlite3_bind_int64 (stmt, 3, id);
  return tf_store_step_done (store, stmt, error);
}

gboolean
tf_contribution_rows_set_text (TfStore     *store,
                               gint64       id,
                               const char  *text,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  if (!text_ok (text))
    return invalid (error);
  stmt = tf_store_prepare (store, "UPDATE contributions SET text = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, text);
  sqlite3_bind_int64 (stmt, 2, id);
  return tf_store_step_done (store, stmt, error);
}

gboolean
tf_contribution_rows_read (TfStore            *store,
                           gint64              id,
                           TfContributionRow  *row,
                           gboolean           *found,
                           GError            **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT " COLUMNS " FROM contributions WHERE id = ?", error);
  int rc;

  tf_contribution_row_clear (row);
  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *found = read_row (stmt, row);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not read the contributions"));
  return TRUE;
}

gboolean
tf_contribution_rows_list (TfStore              *store,
                           gint64                experiment_id,
                           TfContributionState   state,
                           GArray               *rows,
                           GError              **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "SELECT " COLUMNS " FROM contributions WHERE experiment_id = ?"
                                         " AND (? < 0 OR state = ?) ORDER BY id",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  sqlite3_bind_int (stmt, 2, state == TF_N_CONTRIBUTION_STATES ? -1 : (int) state);
  sqlite3_bind_int (stmt, 3, (int) state);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TfContributionRow row = { 0 };

      if (read_row (stmt, &row))
        g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not read the contributions"));
  return TRUE;
}
