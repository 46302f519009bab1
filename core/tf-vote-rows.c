/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tf-content.h"
#include "tf-store-private.h"
#include "tf-vote-rows.h"

#define TITLE_MAX 1024

void
tf_vote_round_row_clear (TfVoteRoundRow *row)
{
  g_clear_pointer (&row->title, g_free);
}

GArray *
tf_vote_round_row_array_new (void)
{
  GArray *rounds = g_array_new (FALSE, TRUE, sizeof (TfVoteRoundRow));

  g_array_set_clear_func (rounds, (GDestroyNotify) tf_vote_round_row_clear);
  return rounds;
}

static gboolean
read_done (TfStore  *store,
           int       rc,
           GError  **error)
{
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not read the voting rounds"));
  return TRUE;
}

static gboolean
invalid (GError **error)
{
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
               _("This voting round cannot be stored: a value is out of bounds"));
  return FALSE;
}

gboolean
tf_vote_rows_insert_round (TfStore               *store,
                           const TfVoteRoundRow  *row,
                           gint64                *id,
                           GError               **error)
{
  const char *title = row->title != NULL ? row->title : "";
  sqlite3_stmt *stmt;

  if (row->n_colours < 1 || row->n_colours > TF_VOTE_MAX_COLOURS ||
      row->dots < 1 || row->dots > TF_VOTE_MAX_DOTS ||
      !tf_content_check_text (title, -1, TITLE_MAX))
    return invalid (error);
  stmt = tf_store_prepare (store,
                           "INSERT INTO vote_rounds (board_id, session_id, item_id, title, colours, dots, hidden)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->board_id);
  if (row->session_id != 0)
    sqlite3_bind_int64 (stmt, 2, row->session_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, row->item_id);
  tf_bind_text (stmt, 4, title);
  sqlite3_bind_int (stmt, 5, row->n_colours);
  sqlite3_bind_int (stmt, 6, row->dots);
  sqlite3_bind_int (stmt, 7, row->hidden ? 1 : 0);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (tf_store_get_db (store));
  return TRUE;
}

gboolean
tf_vote_rows_insert_count (TfStore            *store,
                           gint64              round_id,
                           const TfVoteCount  *count,
                           GError            **error)
{
  sqlite3_stmt *stmt;

  if (count->colour < 0 || count->colour >= TF_VOTE_MAX_COLOURS ||
      count->count < 1 || count->count > TF_VOTE_MAX_DOTS)
    return invalid (error);
  stmt = tf_store_prepare (store,
                           "INSERT INTO vote_counts (round_id, item_id, colour, count) VALUES (?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round_id);
  sqlite3_bind_int64 (stmt, 2, count->item_id);
  sqlite3_bind_int (stmt, 3, count->colour);
  sqlite3_bind_int (stmt, 4, count->count);
  return tf_store_step_done (store, stmt, error);
}

gboolean
tf_vote_rows_rounds (TfStore  *store,
                     gint64    board_id,
                     GArray   *rounds,
                     GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "SELECT id, board_id, coalesce (session_id, 0), item_id, title,"
                                         " colours, dots, hidden FROM vote_rounds WHERE board_id = ? ORDER BY id",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TfVoteRoundRow row = { 0 };
      const char *title = tf_column_text (stmt, 4);

      row.id = sqlite3_column_int64 (stmt, 0);
      row.board_id = sqlite3_column_int64 (stmt, 1);
      row.session_id = sqlite3_column_int64 (stmt, 2);
      row.item_id = sqlite3_column_int64 (stmt, 3);
      row.n_colours = sqlite3_column_int (stmt, 5);
      row.dots = sqlite3_column_int (stmt, 6);
      row.hidden = sqlite3_column_int (stmt, 7) != 0;
      if (row.n_colours < 1 || row.n_colours > TF_VOTE_MAX_COLOURS ||
          row.dots < 1 || row.dots > TF_VOTE_MAX_DOTS ||
          !tf_content_check_text (title, -1, TITLE_MAX))
        continue;
      row.title = g_strdup (title);
      g_array_append_val (rounds, row);
    }
  sqlite3_reset (stmt);
  return read_done (store, rc, error);
}

gboolean
tf_vote_rows_counts (TfStore  *store,
                     gint64    round_id,
                     GArray   *counts,
                     GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "SELECT item_id, colour, count FROM vote_counts WHERE round_id = ?"
                                         " ORDER BY item_id, colour",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TfVoteCount count = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int (stmt, 1),
        sqlite3_column_int (stmt, 2),
      };

      if (count.colour < 0 || count.colour >= TF_VOTE_MAX_COLOURS ||
          count.count < 1 || count.count > TF_VOTE_MAX_DOTS)
        continue;
      g_array_append_val (counts, count);
    }
  sqlite3_reset (stmt);
  return read_done (store, rc, error);
}
