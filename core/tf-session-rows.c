/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tf-content.h"
#include "tf-session-rows.h"
#include "tf-store-private.h"

#define STEP_COLUMNS \
  "id, session_id, position, kind, board_id, item_id, x, y, width, height," \
  " title, notes, reveal, planned_seconds, spent_seconds"

void
tf_session_step_clear (TfSessionStep *step)
{
  g_clear_pointer (&step->title, g_free);
  g_clear_pointer (&step->notes, g_free);
}

void
tf_session_step_copy (TfSessionStep       *dest,
                      const TfSessionStep *src)
{
  *dest = *src;
  dest->title = g_strdup (src->title != NULL ? src->title : "");
  dest->notes = g_strdup (src->notes != NULL ? src->notes : "");
}

GArray *
tf_session_step_array_new (void)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (TfSessionStep));

  g_array_set_clear_func (steps, (GDestroyNotify) tf_session_step_clear);
  return steps;
}

static gboolean
read_failed (TfStore  *store,
             int       rc,
             GError  **error)
{
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return tf_store_fail (store, error, _("Could not read the sessions"));
  return TRUE;
}

static gboolean
query_id (TfStore     *store,
          const char  *sql,
          gint64       param,
          gint64      *value,
          GError     **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, sql, error);
  int rc;

  *value = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, param);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return read_failed (store, rc, error);
}

gboolean
tf_session_rows_first (TfStore  *store,
                       gint64    experiment_id,
                       gint64   *session_id,
                       GError  **error)
{
  return query_id (store, "SELECT id FROM sessions WHERE experiment_id = ? ORDER BY id LIMIT 1",
                   experiment_id, session_id, error);
}

gboolean
tf_session_rows_experiment (TfStore  *store,
                            gint64    session_id,
                            gint64   *experiment_id,
                            GError  **error)
{
  return query_id (store, "SELECT experiment_id FROM sessions WHERE id = ?",
                   session_id, experiment_id, error);
}

gboolean
tf_session_rows_insert (TfStore     *store,
                        gint64       experiment_id,
                        const char  *name,
                        gint64      *id,
                        GError     **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "INSERT INTO sessions (experiment_id, name) VALUES (?, ?)",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  tf_bind_text (stmt, 2, name != NULL ? name : "");
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (tf_store_get_db (store));
  return TRUE;
}

/* Reads the current row of a STEP_COLUMNS statement; FALSE when its values
 * are none the program writes. */
static gboolean
read_step (sqlite3_stmt  *stmt,
           TfSessionStep *step)
{
  const char *title = tf_column_text (stmt, 10);
  const char *notes = tf_column_text (stmt, 11);
  int kind = sqlite3_column_int (stmt, 3);
  int reveal = sqlite3_column_int (stmt, 12);

  memset (step, 0, sizeof *step);
  step->id = sqlite3_column_int64 (stmt, 0);
  step->session_id = sqlite3_column_int64 (stmt, 1);
  step->position = sqlite3_column_int (stmt, 2);
  step->board_id = sqlite3_column_int64 (stmt, 4);
  step->item_id = sqlite3_column_int64 (stmt, 5);
  step->x = sqlite3_column_double (stmt, 6);
  step->y = sqlite3_column_double (stmt, 7);
  step->width = sqlite3_column_double (stmt, 8);
  step->height = sqlite3_column_double (stmt, 9);
  step->planned_seconds = sqlite3_column_int64 (stmt, 13);
  step->spent_seconds = sqlite3_column_int64 (stmt, 14);
  if (kind < 0 || kind >= TF_N_SESSION_STEP_KINDS ||
      (reveal != TF_SESSION_REVEAL_CLUSTER && reveal != TF_SESSION_REVEAL_VOTES) ||
      !tf_content_check_coord (step->x) || !tf_content_check_coord (step->y) ||
      !tf_content_check_size (step->width) || !tf_content_check_size (step->height) ||
      step->planned_seconds < 0 || step->planned_seconds > TF_SESSION_MAX_SECONDS ||
      step->spent_seconds < 0 || step->spent_seconds > TF_SESSION_MAX_SECONDS ||
      !tf_content_check_text (title, -1, TF_SESSION_MAX_TITLE) ||
      !tf_content_check_text (notes, -1, TF_SESSION_MAX_NOTES))
    return FALSE;
  step->kind = kind;
  step->reveal = reveal;
  step->title = g_strdup (title);
  step->notes = g_strdup (notes);
  return TRUE;
}

gboolean
tf_session_rows_steps (TfStore  *store,
                       gint64    session_id,
                       GArray   *steps,
                       GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "SELECT " STEP_COLUMNS " FROM session_steps"
                                         " WHERE session_id = ? ORDER BY position, id",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TfSessionStep step;

      if (read_step (stmt, &step))
        g_array_append_val (steps, step);
    }
  sqlite3_reset (stmt);
  return read_failed (store, rc, error);
}

gboolean
tf_session_rows_read_step (TfStore        *store,
                           gint64          id,
                           TfSessionStep  *step,
                           gboolean       *found,
                           GError        **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "SELECT " STEP_COLUMNS " FROM session_steps WHERE id = ?",
                                         error);
  int rc;

  tf_session_step_clear (step);
  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *found = read_step (stmt, step);
  sqlite3_reset (stmt);
  return read_failed (store, rc, error);
}

static gboolean
check_step (const TfSessionStep  *step,
            GError              **error)
{
  if ((int) step->kind < 0 || step->kind >= TF_N_SESSION_STEP_KINDS ||
      !tf_content_check_coord (step->x) || !tf_content_check_coord (step->y) ||
      !tf_content_check_size (step->width) || !tf_content_check_size (step->height) ||
      step->planned_seconds < 0 || step->planned_seconds > TF_SESSION_MAX_SECONDS ||
      step->spent_seconds < 0 || step->spent_seconds > TF_SESSION_MAX_SECONDS ||
      !tf_content_check_text (step->title != NULL ? step->title : "", -1, TF_SESSION_MAX_TITLE) ||
      !tf_content_check_text (step->notes != NULL ? step->notes : "", -1, TF_SESSION_MAX_NOTES))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("This step of the session cannot be stored: a value is out of bounds"));
      return FALSE;
    }
  return TRUE;
}

static void
bind_step (sqlite3_stmt        *stmt,
           const TfSessionStep *step)
{
  sqlite3_bind_int (stmt, 2, step->position);
  sqlite3_bind_int (stmt, 3, step->kind);
  sqlite3_bind_int64 (stmt, 4, step->board_id);
  sqlite3_bind_int64 (stmt, 5, step->item_id);
  sqlite3_bind_double (stmt, 6, step->x);
  sqlite3_bind_double (stmt, 7, step->y);
  sqlite3_bind_double (stmt, 8, step->width);
  sqlite3_bind_double (stmt, 9, step->height);
  tf_bind_text (stmt, 10, step->title != NULL ? step->title : "");
  tf_bind_text (stmt, 11, step->notes != NULL ? step->notes : "");
  sqlite3_bind_int (stmt, 12, step->reveal);
  sqlite3_bind_int64 (stmt, 13, step->planned_seconds);
  sqlite3_bind_int64 (stmt, 14, step->spent_seconds);
}

gboolean
tf_session_rows_insert_step (TfStore              *store,
                             const TfSessionStep  *step,
                             gint64               *id,
                             GError              **error)
{
  sqlite3_stmt *stmt;

  if (!check_step (step, error))
    return FALSE;
  stmt = tf_store_prepare (store,
                           "INSERT INTO session_steps (session_id, position, kind, board_id, item_id,"
                           " x, y, width, height, title, notes, reveal, planned_seconds, spent_seconds)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, step->session_id);
  bind_step (stmt, step);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (tf_store_get_db (store));
  return TRUE;
}

gboolean
tf_session_rows_update_step (TfStore              *store,
                             const TfSessionStep  *step,
                             GError              **error)
{
  sqlite3_stmt *stmt;

  if (!check_step (step, error))
    return FALSE;
  stmt = tf_store_prepare (store,
                           "UPDATE session_steps SET position = ?2, kind = ?3, board_id = ?4,"
                           " item_id = ?5, x = ?6, y = ?7, width = ?8, height = ?9, title = ?10,"
                           " notes = ?11, reveal = ?12, planned_seconds = ?13, spent_seconds = ?14"
                           " WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, step->id);
  bind_step (stmt, step);
  return tf_store_step_done (store, stmt, error);
}

gboolean
tf_session_rows_delete_step (TfStore  *store,
                             gint64    id,
                             GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "DELETE FROM session_steps WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return tf_store_step_done (store, stmt, error);
}

gboolean
tf_session_rows_boards (TfStore    *store,
                        gint64      experiment_id,
                        TfRowFunc   func,
                        gpointer    user_data,
                        GError    **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "SELECT id, kind, name FROM boards WHERE experiment_id = ?"
                                         " ORDER BY position, id",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!func (stmt, user_data))
      {
        rc = SQLITE_DONE;
        break;
      }
  sqlite3_reset (stmt);
  return read_failed (store, rc, error);
}

void
tf_session_room_init_default (TfSessionRoom *room)
{
  room->depth_mm = TF_SESSION_ROOM_DEPTH_MM;
  room->screen_mm = TF_SESSION_ROOM_SCREEN_MM;
  room->width_px = TF_SESSION_ROOM_WIDTH_PX;
  room->height_px = TF_SESSION_ROOM_HEIGHT_PX;
}

gboolean
tf_session_room_is_valid (const TfSessionRoom *room)
{
  return room->depth_mm >= TF_SESSION_ROOM_MIN_DEPTH_MM && room->depth_mm <= TF_SESSION_ROOM_MAX_DEPTH_MM &&
         room->screen_mm >= TF_SESSION_ROOM_MIN_SCREEN_MM && room->screen_mm <= TF_SESSION_ROOM_MAX_SCREEN_MM &&
         room->width_px >= TF_SESSION_ROOM_MIN_WIDTH_PX && room->width_px <= TF_SESSION_ROOM_MAX_PX &&
         room->height_px >= TF_SESSION_ROOM_MIN_HEIGHT_PX && room->height_px <= TF_SESSION_ROOM_MAX_PX;
}

gboolean
tf_session_rows_room (TfStore        *store,
                      gint64          experiment_id,
                      TfSessionRoom  *room,
                      GError        **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "SELECT depth_mm, screen_mm, width_px, height_px FROM session_rooms"
                                         " WHERE experiment_id = ?",
                                         error);
  int rc;

  tf_session_room_init_default (room);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      TfSessionRoom stored = {
        .depth_mm = sqlite3_column_int (stmt, 0),
        .screen_mm = sqlite3_column_int (stmt, 1),
        .width_px = sqlite3_column_int (stmt, 2),
        .height_px = sqlite3_column_int (stmt, 3),
      };

      if (tf_session_room_is_valid (&stored))
        *room = stored;
    }
  sqlite3_reset (stmt);
  return read_failed (store, rc, error);
}

gboolean
tf_session_rows_set_room (TfStore              *store,
                          gint64               experiment_id,
                          const TfSessionRoom  *room,
                          GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (tf_session_room_is_valid (room), FALSE);
  stmt = tf_store_prepare (store,
                           "INSERT INTO session_rooms (experiment_id, depth_mm, screen_mm, width_px, height_px)"
                           " VALUES (?, ?, ?, ?, ?) ON CONFLICT (experiment_id) DO UPDATE SET"
                           " depth_mm = excluded.depth_mm, screen_mm = excluded.screen_mm,"
                           " width_px = excluded.width_px, height_px = excluded.height_px",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  sqlite3_bind_int (stmt, 2, room->depth_mm);
  sqlite3_bind_int (stmt, 3, room->screen_mm);
  sqlite3_bind_int (stmt, 4, room->width_px);
  sqlite3_bind_int (stmt, 5, room->height_px);
  return tf_store_step_done (store, stmt, error);
}
