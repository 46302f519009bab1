/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-bin"

#include <glib/gi18n.h>

#include "tf-bin.h"
#include "tf-experiment-private.h"
#include "tf-store-private.h"

/* The format that made the experiment_bin table (core/tf-schema.c). */
#define BIN_FORMAT 11

typedef struct {
  gint64  id;
  char   *when;   /* ISO 8601 UTC */
} Args;

static void
args_free (gpointer data)
{
  Args *args = data;

  g_free (args->when);
  g_free (args);
}

void
tf_bin_entry_free (TfBinEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->title);
  g_free (entry->deleted_at);
  g_free (entry);
}

gboolean
tf_bin_supported (TfStore *store)
{
  g_return_val_if_fail (TF_IS_STORE (store), FALSE);
  return tf_store_get_schema_version (store) >= BIN_FORMAT;
}

static char *
format_time (GDateTime *now)
{
  g_autoptr(GDateTime) utc = now != NULL ? g_date_time_to_utc (now) : g_date_time_new_now_utc ();

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/* The experiment's title, or FALSE with @error set when it is not in the
 * archive; *@in_bin tells whether it is in the Bin. */
static gboolean
look_up (TfStore   *store,
         gint64     id,
         char     **title,
         gboolean  *in_bin,
         GError   **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "SELECT e.title, EXISTS (SELECT 1 FROM experiment_bin WHERE experiment_id = e.id)"
                                         " FROM experiments e WHERE e.id = ?",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *title = g_strdup (tf_column_text (stmt, 0));
      *in_bin = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not read the experiment"));
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
               _("There is no experiment %lld in this archive"), (long long) id);
  return FALSE;
}

/* Into the Bin when @args->when is set, out of it otherwise. */
static gboolean
move (TfCommand  *command,
      TfStore    *store,
      GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autofree char *title = NULL;
  gboolean in_bin = FALSE;
  sqlite3_stmt *stmt;

  if (!look_up (store, args->id, &title, &in_bin, error))
    return FALSE;
  if (in_bin == (args->when != NULL))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   in_bin ? _("“%s” is already in the Bin") : _("“%s” is not in the Bin"), title);
      return FALSE;
    }
  if (args->when != NULL)
    stmt = tf_store_prepare (store, "INSERT INTO experiment_bin (experiment_id, deleted_at) VALUES (?, ?)", error);
  else
    stmt = tf_store_prepare (store, "DELETE FROM experiment_bin WHERE experiment_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, args->id);
  if (args->when != NULL)
    tf_bind_text (stmt, 2, args->when);
  return tf_store_step_done (store, stmt, error);
}

TfCommand *
tf_command_move_to_bin (gint64     experiment_id,
                        GDateTime *now)
{
  Args *args = g_new0 (Args, 1);

  args->id = experiment_id;
  args->when = format_time (now);
  return tf_command_new (_("Move to Bin"), move, args, args_free);
}

TfCommand *
tf_command_restore_from_bin (gint64 experiment_id)
{
  Args *args = g_new0 (Args, 1);

  args->id = experiment_id;
  return tf_command_new (_("Restore from Bin"), move, args, args_free);
}

static GArray *
binned_ids (TfStore  *store,
            GPtrArray *times,
            GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "SELECT experiment_id, deleted_at FROM experiment_bin ORDER BY experiment_id",
                                         error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      if (times != NULL)
        g_ptr_array_add (times, g_strdup (tf_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tf_store_fail (store, error, _("Could not read the Bin"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
empty_bin (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  g_autoptr(GArray) ids = binned_ids (store, NULL, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!tf_experiment_delete_rows (store, g_array_index (ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

TfCommand *
tf_command_empty_bin (void)
{
  return tf_command_new (_("Empty Bin"), empty_bin, g_new0 (Args, 1), args_free);
}

GPtrArray *
tf_bin_list (TfStore  *store,
             GError  **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_bin_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  if (!tf_bin_supported (store))
    return g_steal_pointer (&entries);
  stmt = tf_store_prepare (store,
                           "SELECT e.id, e.title, x.deleted_at,"
                           " (SELECT count(*) FROM boards b WHERE b.experiment_id = e.id)"
                           " FROM experiment_bin x JOIN experiments e ON e.id = x.experiment_id"
                           " ORDER BY x.deleted_at DESC, e.id DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TfBinEntry *entry = g_new0 (TfBinEntry, 1);
      const char *title = tf_column_text (stmt, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->title = g_utf8_make_valid (title, sqlite3_column_bytes (stmt, 1));
      entry->deleted_at = g_strdup (tf_column_text (stmt, 2));
      entry->n_boards = (guint) sqlite3_column_int (stmt, 3);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tf_store_fail (store, error, _("Could not read the Bin"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

guint
tf_bin_count (TfStore *store)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (TF_IS_STORE (store), 0);

  if (!tf_bin_supported (store))
    return 0;
  stmt = tf_store_prepare (store, "SELECT count(*) FROM experiment_bin", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

char *
tf_bin_get_deleted_at (TfStore *store,
                       gint64   experiment_id)
{
  sqlite3_stmt *stmt;
  char *when = NULL;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  if (!tf_bin_supported (store))
    return NULL;
  stmt = tf_store_prepare (store, "SELECT deleted_at FROM experiment_bin WHERE experiment_id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    when = g_strdup (tf_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return when;
}

int
tf_bin_days_left (const char *deleted_at,
                  GDateTime  *now)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  GTimeSpan age;

  /* A date that cannot be read (a file edited by hand) never makes an
   * experiment due: it waits in the Bin until someone deletes it. */
  then = deleted_at != NULL ? g_date_time_new_from_iso8601 (deleted_at, utc) : NULL;
  if (then == NULL)
    return TF_BIN_DAYS;
  age = g_date_time_difference (current, then);
  if (age < 0)
    age = 0;
  return (int) CLAMP (TF_BIN_DAYS - age / G_TIME_SPAN_DAY, 0, TF_BIN_DAYS);
}

typedef struct {
  GDateTime *now;
  guint      n_purged;
} Purge;

static gboolean
purge_func (TfStore  *store,
            gpointer  user_data,
            GError  **error)
{
  Purge *purge = user_data;
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = binned_ids (store, times, error);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      if (tf_bin_days_left (g_ptr_array_index (times, i), purge->now) > 0)
        continue;
      if (!tf_experiment_delete_rows (store, g_array_index (ids, gint64, i), error))
        return FALSE;
      purge->n_purged++;
    }
  return TRUE;
}

gboolean
tf_bin_purge (TfStore    *store,
              GDateTime  *now,
              guint      *n_purged,
              GError    **error)
{
  Purge purge = { now, 0 };

  g_return_val_if_fail (TF_IS_STORE (store), FALSE);

  if (n_purged != NULL)
    *n_purged = 0;
  if (tf_store_get_read_only (store) || !tf_bin_supported (store))
    return TRUE;
  /* Nothing due: no transaction at all (the usual start). */
  {
    g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GArray) ids = binned_ids (store, times, error);
    gboolean due = FALSE;

    if (ids == NULL)
      return FALSE;
    for (guint i = 0; i < times->len && !due; i++)
      due = tf_bin_days_left (g_ptr_array_index (times, i), now) == 0;
    if (!due)
      return TRUE;
  }
  if (!tf_store_edit (store, purge_func, &purge, NULL, error))
    return FALSE;
  if (n_purged != NULL)
    *n_purged = purge.n_purged;
  return TRUE;
}
