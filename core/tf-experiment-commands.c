/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-experiment-commands"

#include <glib/gi18n.h>

#include "tf-archive.h"
#include "tf-demo.h"
#include "tf-date.h"
#include "tf-experiment-commands.h"
#include "tf-item-relations.h"
#include "tf-item-rows.h"
#include "tf-experiment-private.h"
#include "tf-store-private.h"
#include "core/tf-board-type.h"

/* What any of these commands needs; each uses a few of the members. */
typedef struct {
  gint64         id;
  int            field;
  int            value;
  char          *text;
  GStrv          strv;
  TfExperiment  *draft;
} Args;

static void
args_free (gpointer data)
{
  Args *args = data;

  g_free (args->text);
  g_strfreev (args->strv);
  g_clear_object (&args->draft);
  g_free (args);
}

static TfCommand *
command_new (const char    *label,
             TfCommandFunc  func,
             Args          *args)
{
  return tf_command_new (label, func, args, args_free);
}

static gboolean
experiment_exists (TfStore  *store,
                   gint64    id,
                   GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT 1 FROM experiments WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (!found)
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                 _("There is no experiment %lld in this archive"), (long long) id);
  return found;
}

static gboolean
touch_experiment (TfStore  *store,
                  gint64    id,
                  GError  **error)
{
  return tf_store_touch_experiment (store, id, NULL, error);
}

/* Tags are trimmed, deduplicated case-insensitively and kept in the given order. */
static gboolean
write_tags (TfStore             *store,
            gint64               experiment_id,
            const char * const  *tags,
            GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int position = 0;

  stmt = tf_store_prepare (store, "DELETE FROM experiment_tags WHERE experiment_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (tags[i]));
      g_autofree char *key = g_utf8_casefold (name, -1);
      gint64 tag_id;

      if (name[0] == '\0' || g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&key));

      stmt = tf_store_prepare (store, "INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", error);
      if (stmt == NULL)
        return FALSE;
      tf_bind_text (stmt, 1, name);
      if (!tf_store_step_done (store, stmt, error))
        return FALSE;

      stmt = tf_store_prepare (store, "SELECT id FROM tags WHERE name = ?", error);
      if (stmt == NULL)
        return FALSE;
      tf_bind_text (stmt, 1, name);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          return tf_store_fail (store, error, _("Could not save the tags"));
        }
      tag_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      stmt = tf_store_prepare (store,
                               "INSERT INTO experiment_tags (experiment_id, tag_id, position) VALUES (?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, experiment_id);
      sqlite3_bind_int64 (stmt, 2, tag_id);
      sqlite3_bind_int (stmt, 3, position++);
      if (!tf_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_text (TfExperimentField   field,
            const char         *value,
            GError            **error)
{
  if (field == TF_FIELD_TITLE)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value ? value : ""));

      if (trimmed[0] == '\0')
        {
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                       _("An experiment needs a title"));
          return FALSE;
        }
    }
  if ((field == TF_FIELD_START_DATE || field == TF_FIELD_END_DATE) && !tf_date_is_valid (value))
    {
      g_autoptr(GError) local = NULL;

      /* Stored dates are ISO: the caller reads what the person typed first
       * (tf_date_parse_user()). */
      tf_date_parse_iso (value, NULL, &local);
      g_set_error_literal (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, local->message);
      return FALSE;
    }
  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("The text is not valid UTF-8"));
      return FALSE;
    }
  return TRUE;
}

gint64
tf_experiment_insert (TfStore       *store,
                   TfExperiment  *draft,
                   const char    *uuid,
                   GError       **error)
{
  g_autofree char *random_uuid = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  for (guint i = 0; i < TF_N_FIELDS; i++)
    if (!check_text (i, tf_experiment_get_text (draft, i), error))
      return 0;

  if (uuid == NULL)
    uuid = random_uuid = g_uuid_string_random ();

  stmt = tf_store_prepare (store,
                           "INSERT INTO experiments (title, theme, place, territory, department,"
                           " start_date, end_date, team, context, outcomes, lessons, uuid, phase, status)"
                           " VALUES (trim (?1, char (32, 9, 10, 11, 12, 13)), ?2, ?3, ?4, ?5, ?6, ?7,"
                           "         ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                           error);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < TF_N_FIELDS; i++)
    tf_bind_text (stmt, (int) i + 1, tf_experiment_get_text (draft, i));
  tf_bind_text (stmt, 12, uuid);
  sqlite3_bind_int (stmt, 13, tf_experiment_get_phase (draft));
  sqlite3_bind_int (stmt, 14, tf_experiment_get_status (draft));
  if (!tf_store_step_done (store, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (tf_store_get_db (store));
  if (!write_tags (store, id, tf_experiment_get_tags (draft), error))
    return 0;
  return id;
}

static gboolean
create_experiment (TfCommand  *command,
                   TfStore    *store,
                   GError    **error)
{
  Args *args = tf_command_get_data (command);
  gint64 id = tf_experiment_insert (store, args->draft, NULL, error);

  if (id == 0)
    return FALSE;
  tf_command_set_result_id (command, id);
  return TRUE;
}

TfCommand *
tf_command_create_experiment (TfExperiment *draft)
{
  Args *args;

  g_return_val_if_fail (TF_IS_EXPERIMENT (draft), NULL);

  args = g_new0 (Args, 1);
  args->draft = g_object_ref (draft);
  return command_new (_("Create experiment"), create_experiment, args);
}

static gboolean
set_text (TfCommand  *command,
          TfStore    *store,
          GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt;

  if (!experiment_exists (store, args->id, error) || !check_text (args->field, args->text, error))
    return FALSE;

  value = args->field == TF_FIELD_TITLE ? g_strstrip (g_strdup (args->text)) : g_strdup (args->text);
  /* The column comes from our own table of fields, never from input; interned
   * so the statement cache can key on it. */
  sql = g_strdup_printf ("UPDATE experiments SET %s = ? WHERE id = ? AND %s IS NOT ?",
                         tf_experiment_field_to_id (args->field),
                         tf_experiment_field_to_id (args->field));
  stmt = tf_store_prepare (store, g_intern_string (sql), error);
  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, args->id);
  tf_bind_text (stmt, 3, value);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;

  if (sqlite3_changes (tf_store_get_db (store)) == 0)
    return TRUE;
  tf_command_set_result_id (command, args->id);
  return touch_experiment (store, args->id, error);
}

TfCommand *
tf_command_set_experiment_text (gint64             experiment_id,
                                TfExperimentField  field,
                                const char        *value)
{
  g_autofree char *label = NULL;
  Args *args;

  g_return_val_if_fail (field < TF_N_FIELDS, NULL);

  args = g_new0 (Args, 1);
  args->id = experiment_id;
  args->field = field;
  args->text = g_strdup (value ? value : "");
  /* TRANSLATORS: %s is a field name, e.g. "Edit Place" */
  label = g_strdup_printf (_("Edit %s"), tf_experiment_field_get_label (field));
  return command_new (label, set_text, args);
}

static gboolean
set_int_column (TfCommand   *command,
                TfStore     *store,
                const char  *sql,
                GError     **error)
{
  Args *args = tf_command_get_data (command);
  sqlite3_stmt *stmt;

  if (!experiment_exists (store, args->id, error))
    return FALSE;
  stmt = tf_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, args->value);
  sqlite3_bind_int64 (stmt, 2, args->id);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (tf_store_get_db (store)) == 0)
    return TRUE;
  return touch_experiment (store, args->id, error);
}

static gboolean
set_phase (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  return set_int_column (command, store,
                         "UPDATE experiments SET phase = ?1 WHERE id = ?2 AND phase <> ?1", error);
}

static gboolean
set_status (TfCommand  *command,
            TfStore    *store,
            GError    **error)
{
  return set_int_column (command, store,
                         "UPDATE experiments SET status = ?1 WHERE id = ?2 AND status <> ?1", error);
}

TfCommand *
tf_command_set_experiment_phase (gint64  experiment_id,
                                 TfPhase phase)
{
  Args *args;

  g_return_val_if_fail (phase < TF_N_PHASES, NULL);

  args = g_new0 (Args, 1);
  args->id = experiment_id;
  args->value = phase;
  return command_new (_("Change phase"), set_phase, args);
}

TfCommand *
tf_command_set_experiment_status (gint64   experiment_id,
                                  TfStatus status)
{
  Args *args;

  g_return_val_if_fail (status < TF_N_STATUSES, NULL);

  args = g_new0 (Args, 1);
  args->id = experiment_id;
  args->value = status;
  return command_new (_("Change status"), set_status, args);
}

static gboolean
set_tags (TfCommand  *command,
          TfStore    *store,
          GError    **error)
{
  Args *args = tf_command_get_data (command);

  return experiment_exists (store, args->id, error) &&
         write_tags (store, args->id, (const char * const *) args->strv, error) &&
         touch_experiment (store, args->id, error);
}

TfCommand *
tf_command_set_experiment_tags (gint64              experiment_id,
                                const char * const *tags)
{
  Args *args = g_new0 (Args, 1);

  args->id = experiment_id;
  args->strv = g_strdupv ((char **) tags);
  if (args->strv == NULL)
    args->strv = g_new0 (char *, 1);
  return command_new (_("Edit tags"), set_tags, args);
}

/* The assets an item of an experiment shows: the items' asset_id column
 * and the generic payload member "asset" (what tf-bundle.c exports too). */
#define ASSETS_OF_EXPERIMENT \
  "SELECT i.asset_id FROM items i JOIN boards b ON b.id = i.board_id" \
  " WHERE b.experiment_id = ?1 AND i.asset_id IS NOT NULL" \
  " UNION SELECT json_extract (i.payload, '$.asset') FROM items i JOIN boards b ON b.id = i.board_id" \
  " WHERE b.experiment_id = ?1 AND json_valid (i.payload) AND json_type (i.payload, '$.asset') = 'integer'"

gboolean
tf_experiment_delete_rows (TfStore  *store,
                           gint64    id,
                           GError  **error)
{
  g_autoptr(GArray) assets = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!experiment_exists (store, id, error))
    return FALSE;

  stmt = tf_store_prepare (store, ASSETS_OF_EXPERIMENT, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 asset = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (assets, asset);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not delete the experiment"));

  /* Boards, items, sessions and the bin's row go with it (ON DELETE
   * CASCADE); the session records every one of them, so undo brings them
   * all back. */
  stmt = tf_store_prepare (store, "DELETE FROM experiments WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;

  /* Then what only it used: an asset another experiment's item or a
   * stamp still shows stays. */
  for (guint i = 0; i < assets->len; i++)
    {
      stmt = tf_store_prepare (store,
                               "DELETE FROM assets WHERE id = ?1"
                               " AND NOT EXISTS (SELECT 1 FROM items WHERE asset_id = ?1)"
                               " AND NOT EXISTS (SELECT 1 FROM stamps WHERE asset_id = ?1)"
                               " AND NOT EXISTS (SELECT 1 FROM items WHERE json_valid (payload)"
                               "                 AND json_type (payload, '$.asset') = 'integer'"
                               "                 AND json_extract (payload, '$.asset') = ?1)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (assets, gint64, i));
      if (!tf_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
delete_experiment (TfCommand  *command,
                   TfStore    *store,
                   GError    **error)
{
  Args *args = tf_command_get_data (command);

  return tf_experiment_delete_rows (store, args->id, error);
}

TfCommand *
tf_command_delete_experiment (gint64 experiment_id)
{
  Args *args = g_new0 (Args, 1);

  args->id = experiment_id;
  return command_new (_("Delete experiment"), delete_experiment, args);
}

/* Copies the items of one board onto another, keeping the parent/child
 * structure and the references between the copies. */
static gboolean
copy_items (TfStore  *store,
            gint64    from_board,
            gint64    to_board,
            GError  **error)
{
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3 *db = tf_store_get_db (store);
  sqlite3_stmt *select;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  select = tf_store_prepare (store, "SELECT id FROM items WHERE board_id = ? ORDER BY id", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (select, 1, from_board);

  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    while ((rc = sqlite3_step (select)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (select, 0);
        g_array_append_val (ids, id);
      }
    sqlite3_reset (select);
    if (rc != SQLITE_DONE)
      return tf_store_fail (store, error, _("Could not copy the board"));

    for (guint i = 0; i < ids->len; i++)
      {
        gint64 old_id = g_array_index (ids, gint64, i);
        sqlite3_stmt *insert =
          tf_store_prepare (store,
                            "INSERT INTO items (board_id, kind, x, y, width, height, rotation, z,"
                            " asset_id, style, text, payload)"
                            " SELECT ?1, kind, x, y, width, height, rotation, z, asset_id, style, text, payload"
                            " FROM items WHERE id = ?2",
                            error);
        if (insert == NULL)
          return FALSE;
        sqlite3_bind_int64 (insert, 1, to_board);
        sqlite3_bind_int64 (insert, 2, old_id);
        if (!tf_store_step_done (store, insert, error))
          return FALSE;
        g_hash_table_insert (map, g_memdup2 (&old_id, sizeof old_id),
                             g_memdup2 (&(gint64) { sqlite3_last_insert_rowid (db) }, sizeof (gint64)));
      }
  }

  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      sqlite3_stmt *parent =
        tf_store_prepare (store,
                          "SELECT parent_id FROM items WHERE id = ? AND parent_id IS NOT NULL", error);
      gint64 old_parent = 0;
      gint64 *new_parent;

      if (parent == NULL)
        return FALSE;
      sqlite3_bind_int64 (parent, 1, *(gint64 *) key);
      if (sqlite3_step (parent) == SQLITE_ROW)
        old_parent = sqlite3_column_int64 (parent, 0);
      sqlite3_reset (parent);

      new_parent = old_parent ? g_hash_table_lookup (map, &old_parent) : NULL;
      if (new_parent != NULL)
        {
          sqlite3_stmt *update = tf_store_prepare (store, "UPDATE items SET parent_id = ? WHERE id = ?", error);

          if (update == NULL)
            return FALSE;
          sqlite3_bind_int64 (update, 1, *new_parent);
          sqlite3_bind_int64 (update, 2, *(gint64 *) value);
          if (!tf_store_step_done (store, update, error))
            return FALSE;
        }
    }

  /* Items that name others (a link its ends, a pool its members) name the
   * copies: their kind says how (tf-item-relations.h). */
  g_hash_table_iter_init (&iter, map);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TfItemRow row;
      g_autofree char *payload = NULL;

      if (!tf_item_rows_read (store, *(gint64 *) value, &row))
        continue;
      payload = tf_item_relations_remap (row.kind, row.payload, map);
      tf_item_row_clear (&row);
      if (payload != NULL && !tf_item_rows_set_payload (store, *(gint64 *) value, payload, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
duplicate_experiment (TfCommand  *command,
                      TfStore    *store,
                      GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(TfExperiment) source = NULL;
  g_autoptr(GListStore) boards = NULL;
  g_autofree char *title = NULL;
  gint64 id;

  source = tf_archive_get_experiment (store, args->id, error);
  if (source == NULL)
    return FALSE;
  boards = tf_archive_list_boards (store, args->id, error);
  if (boards == NULL)
    return FALSE;

  /* A template keeps what describes the setting and the team, not what
   * belongs to the original run: its dates, outcomes and lessons. */
  /* TRANSLATORS: the title of a duplicated experiment */
  title = g_strdup_printf (_("%s (copy)"), tf_experiment_get_title (source));
  tf_experiment_set_text (source, TF_FIELD_TITLE, title);
  tf_experiment_set_text (source, TF_FIELD_START_DATE, "");
  tf_experiment_set_text (source, TF_FIELD_END_DATE, "");
  tf_experiment_set_text (source, TF_FIELD_OUTCOMES, "");
  tf_experiment_set_text (source, TF_FIELD_LESSONS, "");
  tf_experiment_set_phase (source, TF_PHASE_IMMERSION);
  tf_experiment_set_status (source, TF_STATUS_DRAFT);

  id = tf_experiment_insert (store, source, NULL, error);
  if (id == 0)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);
      sqlite3_stmt *stmt =
        tf_store_prepare (store,
                          "INSERT INTO boards (experiment_id, kind, name, position, settings)"
                          " SELECT ?1, kind, name, position, settings FROM boards WHERE id = ?2",
                          error);
      const TfBoardType *type;
      gint64 new_board;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, tf_board_get_id (board));
      if (!tf_store_step_done (store, stmt, error))
        return FALSE;
      new_board = sqlite3_last_insert_rowid (tf_store_get_db (store));

      if (args->value && !copy_items (store, tf_board_get_id (board), new_board, error))
        return FALSE;
      /* As tf_command_add_board(): a board that needs items to start with
       * (a blueprint's grid, when the items are not copied) gets them from
       * its type, in this transaction, so that they undo with it. */
      type = tf_board_type_lookup (tf_board_get_kind_id (board));
      if (type != NULL && type->settle != NULL && !type->settle (store, new_board, error))
        return FALSE;
    }

  tf_command_set_result_id (command, id);
  return TRUE;
}

TfCommand *
tf_command_duplicate_experiment (gint64   experiment_id,
                                 gboolean with_items)
{
  Args *args = g_new0 (Args, 1);

  args->id = experiment_id;
  args->value = with_items;
  return command_new (_("Duplicate experiment"), duplicate_experiment, args);
}

static gint64
board_experiment (TfStore  *store,
                  gint64    board_id,
                  GError  **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT experiment_id FROM boards WHERE id = ?", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, board_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id == 0)
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                 _("There is no board %lld in this archive"), (long long) board_id);
  return id;
}

static char *
check_board_name (const char  *name,
                  GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (trimmed[0] == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("A board needs a name"));
      return NULL;
    }
  return g_steal_pointer (&trimmed);
}

static gboolean
add_board (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  Args *args = tf_command_get_data (command);
  const TfBoardType *type = tf_board_type_lookup (args->strv[0]);
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (type == NULL)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("There is no kind of board called “%s”"), args->strv[0]);
      return FALSE;
    }
  if (!experiment_exists (store, args->id, error))
    return FALSE;
  name = check_board_name (args->text ? args->text : tf_board_type_get_label (type), error);
  if (name == NULL)
    return FALSE;

  stmt = tf_store_prepare (store,
                           "INSERT INTO boards (experiment_id, kind, name, position)"
                           " VALUES (?1, ?2, ?3, (SELECT coalesce (max (position) + 1, 0)"
                           "                      FROM boards WHERE experiment_id = ?1))",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, args->id);
  tf_bind_text (stmt, 2, type->id);
  tf_bind_text (stmt, 3, name);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;

  id = sqlite3_last_insert_rowid (tf_store_get_db (store));
  tf_command_set_result_id (command, id);
  /* A board that needs items to start with (a blueprint's grid) gets them
   * from its type, in the same transaction. */
  if (type->settle != NULL && !type->settle (store, id, error))
    return FALSE;
  return touch_experiment (store, args->id, error);
}

TfCommand *
tf_command_add_board (gint64       experiment_id,
                      const char  *kind_id,
                      const char  *name)
{
  Args *args;

  g_return_val_if_fail (kind_id != NULL, NULL);

  args = g_new0 (Args, 1);
  args->id = experiment_id;
  args->strv = g_new0 (char *, 2);
  args->strv[0] = g_strdup (kind_id);
  args->text = g_strdup (name);
  return command_new (_("Add board"), add_board, args);
}

static gboolean
rename_board (TfCommand  *command,
              TfStore    *store,
              GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gint64 experiment_id;

  experiment_id = board_experiment (store, args->id, error);
  if (experiment_id == 0)
    return FALSE;
  name = check_board_name (args->text, error);
  if (name == NULL)
    return FALSE;

  stmt = tf_store_prepare (store,
                           "UPDATE boards SET name = ?1 WHERE id = ?2 AND name IS NOT ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, name);
  sqlite3_bind_int64 (stmt, 2, args->id);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (tf_store_get_db (store)) == 0)
    return TRUE;
  /* The board and its experiment. */
  return tf_store_touch_board (store, args->id, NULL, error);
}

TfCommand *
tf_command_rename_board (gint64      board_id,
                         const char *name)
{
  Args *args = g_new0 (Args, 1);

  args->id = board_id;
  args->text = g_strdup (name);
  return command_new (_("Rename board"), rename_board, args);
}

static gboolean
move_board (TfCommand  *command,
            TfStore    *store,
            GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 experiment_id;
  guint from = 0, to;
  int rc;

  experiment_id = board_experiment (store, args->id, error);
  if (experiment_id == 0)
    return FALSE;

  stmt = tf_store_prepare (store, "SELECT id FROM boards WHERE experiment_id = ? ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id == args->id)
        from = order->len;
      g_array_append_val (order, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not move the board"));

  to = (guint) CLAMP (args->value, 0, (int) order->len - 1);
  if (to == from)
    return TRUE;
  g_array_remove_index (order, from);
  g_array_insert_val (order, to, args->id);

  for (guint i = 0; i < order->len; i++)
    {
      stmt = tf_store_prepare (store, "UPDATE boards SET position = ?1 WHERE id = ?2 AND position <> ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_int64 (stmt, 2, g_array_index (order, gint64, i));
      if (!tf_store_step_done (store, stmt, error))
        return FALSE;
    }

  return touch_experiment (store, experiment_id, error);
}

TfCommand *
tf_command_move_board (gint64 board_id,
                       int    position)
{
  Args *args = g_new0 (Args, 1);

  args->id = board_id;
  args->value = MAX (position, 0);
  return command_new (_("Move board"), move_board, args);
}

static gboolean
delete_board (TfCommand  *command,
              TfStore    *store,
              GError    **error)
{
  Args *args = tf_command_get_data (command);
  sqlite3_stmt *stmt;
  gint64 experiment_id;

  experiment_id = board_experiment (store, args->id, error);
  if (experiment_id == 0)
    return FALSE;

  stmt = tf_store_prepare (store, "DELETE FROM boards WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, args->id);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;

  /* The boards after it move up one: positions stay 0…n-1, which is what
   * tf_command_move_board() and the board list count in. */
  stmt = tf_store_prepare (store,
                           "UPDATE boards SET position = r.n"
                           " FROM (SELECT id, row_number () OVER (ORDER BY position, id) - 1 AS n"
                           "       FROM boards WHERE experiment_id = ?1) AS r"
                           " WHERE boards.id = r.id AND boards.position <> r.n",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;
  return touch_experiment (store, experiment_id, error);
}

TfCommand *
tf_command_delete_board (gint64 board_id)
{
  Args *args = g_new0 (Args, 1);

  args->id = board_id;
  return command_new (_("Delete board"), delete_board, args);
}

static gboolean
add_demo (TfCommand  *command,
          TfStore    *store,
          GError    **error)
{
  gint64 id = 0;

  if (!tf_demo_insert (store, &id, error))
    return FALSE;
  tf_command_set_result_id (command, id);
  return TRUE;
}

TfCommand *
tf_command_add_demo (void)
{
  return command_new (_("Add the demo experiment"), add_demo, g_new0 (Args, 1));
}
