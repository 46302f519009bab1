/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-bundle"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tf-atomic-file.h"
#include "tf-archive.h"
#include "tf-bin.h"
#include "tf-bundle.h"
#include "tf-bundle-private.h"
#include "tf-content.h"
#include "tf-input-file.h"
#include "tf-item-relations.h"
#include "tf-store-private.h"

G_DEFINE_QUARK (tf-bundle-error-quark, tf_bundle_error)

/* The one table a bundle has beyond the archive's schema. Rows: "format",
 * "transfo_version", "source_uuid", "department", "exported_at",
 * "anonymised" (the TfBundleDrop options of the export, in decimal, so
 * that the receiver's preview says what was taken out), and one
 * "asset:ID" per asset, its SHA-256 in hex. */
const char tf_bundle_manifest_sql[] =
  "CREATE TABLE manifest ("
  "  name  TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;";


static gboolean
sql_failed (sqlite3     *db,
            GError     **error,
            const char  *what)
{
  g_set_error (error, TF_BUNDLE_ERROR, TF_BUNDLE_ERROR_DAMAGED, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

/* A database in memory that SQLite can hand over without a copy
 * (sqlite3_serialize with SQLITE_SERIALIZE_NOCOPY needs the memdb VFS). */
static sqlite3 *
open_memory (GError **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      sqlite3_deserialize (db, "main", NULL, 0, 0,
                           SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
    {
      g_set_error (error, TF_BUNDLE_ERROR, TF_BUNDLE_ERROR_DAMAGED, "%s",
                   db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/* Writes the whole of in-memory database @db to @path, atomically. */
static gboolean
write_memory (sqlite3     *db,
              const char  *path,
              GError     **error)
{
  sqlite3_int64 size = 0;
  unsigned char *data = sqlite3_serialize (db, "main", &size, SQLITE_SERIALIZE_NOCOPY);
  gboolean copied = FALSE;
  gboolean ok;

  if (data == NULL)
    {
      data = sqlite3_serialize (db, "main", &size, 0);
      copied = TRUE;
    }
  if (data == NULL)
    return sql_failed (db, error, _("Could not write the file"));
  ok = tf_atomic_file_write (path, data, (gsize) size, error);
  if (copied)
    sqlite3_free (data);
  return ok;
}

/* --- Export --- */

typedef struct {
  TfStore              *store;
  sqlite3              *src;
  sqlite3              *dst;
  const TfBundleExport *what;
  GHashTable           *items;    /* gint64 ids exported */
  GHashTable           *assets;   /* gint64 ids exported */
  GError              **error;
} Export;

static gboolean
left_out (const Export *ex,
          gint64        id)
{
  return ex->what->left_out != NULL && g_hash_table_contains (ex->what->left_out, &id);
}

typedef enum {
  ROW_KEEP,
  ROW_SKIP,
} RowVerdict;

/* Called with the source row and the insert, every value bound as read:
 * rebinds what changes, or skips the row. */
typedef RowVerdict (*RowHook) (Export       *ex,
                               sqlite3_stmt *row,
                               sqlite3_stmt *insert);

/* Copies the rows @select (on the archive, binding @id to ?1) finds into
 * @table of the bundle, column for column (both have the same schema). */
static gboolean
copy_rows (Export     *ex,
           const char *table,
           const char *select,
           gint64      id,
           RowHook     hook)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *row = NULL, *insert = NULL;
  gboolean ok = FALSE;
  int rc, n;

  if (sqlite3_prepare_v2 (ex->src, select, -1, &row, NULL) != SQLITE_OK)
    {
      sql_failed (ex->src, ex->error, _("Could not read the archive"));
      goto out;
    }
  if (sqlite3_bind_parameter_count (row) > 0)
    sqlite3_bind_int64 (row, 1, id);
  n = sqlite3_column_count (row);
  g_string_append_printf (sql, "INSERT INTO %s VALUES (", table);
  for (int i = 0; i < n; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append (sql, ")");
  if (sqlite3_prepare_v2 (ex->dst, sql->str, -1, &insert, NULL) != SQLITE_OK)
    {
      sql_failed (ex->dst, ex->error, _("Could not write the bundle"));
      goto out;
    }
  while ((rc = sqlite3_step (row)) == SQLITE_ROW)
    {
      for (int i = 0; i < n; i++)
        sqlite3_bind_value (insert, i + 1, sqlite3_column_value (row, i));
      if (hook != NULL && hook (ex, row, insert) == ROW_SKIP)
        {
          sqlite3_clear_bindings (insert);
          continue;
        }
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          sql_failed (ex->dst, ex->error, _("Could not write the bundle"));
          goto out;
        }
      sqlite3_reset (insert);
    }
  if (rc != SQLITE_DONE)
    {
      sql_failed (ex->src, ex->error, _("Could not read the archive"));
      goto out;
    }
  ok = TRUE;
out:
  sqlite3_finalize (row);
  sqlite3_finalize (insert);
  return ok;
}

static void
id_set_add (GHashTable *set,
            gint64      id)
{
  g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

static gboolean
id_set_has (GHashTable *set,
            gint64      id)
{
  return g_hash_table_contains (set, &id);
}

/* Items: those left out are not written; a payload the kinds changed is
 * written instead; a parent left out is no parent. Columns as in the
 * schema: id 0, board_id 1, …, parent_id 9, asset_id 10, style 11, text
 * 12, payload 13. */
/* @payload without the items left out among those it "cites" (the
 * generic member any kind may cite items of the experiment with); NULL
 * when it names none of them. */
static char *
drop_cited (const Export *ex,
            const char   *payload)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  JsonObject *object;
  JsonArray *cites, *kept;
  gboolean changed = FALSE;

  if (ex->what->left_out == NULL || g_hash_table_size (ex->what->left_out) == 0 ||
      payload == NULL || strstr (payload, "\"cites\"") == NULL || !tf_content_check_json (payload, -1))
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, payload, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (object, "cites") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "cites")))
    return NULL;
  cites = json_object_get_array_member (object, "cites");
  kept = json_array_new ();
  for (guint i = 0; i < json_array_get_length (cites); i++)
    {
      JsonNode *node = json_array_get_element (cites, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
          left_out (ex, json_node_get_int (node)))
        changed = TRUE;
      else
        json_array_add_element (kept, json_node_copy (node));
    }
  json_object_set_array_member (object, "cites", kept);
  if (!changed)
    return NULL;
  generator = json_generator_new ();
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static RowVerdict
item_hook (Export       *ex,
           sqlite3_stmt *row,
           sqlite3_stmt *insert)
{
  gint64 id = sqlite3_column_int64 (row, 0);
  gint64 parent = sqlite3_column_int64 (row, 9);
  const char *payload = (const char *) sqlite3_column_text (row, 13);
  const char *changed;
  g_autofree char *cited = NULL;

  if (left_out (ex, id))
    return ROW_SKIP;
  if (parent != 0 && left_out (ex, parent))
    sqlite3_bind_null (insert, 10);
  if (ex->what->payloads != NULL &&
      (changed = g_hash_table_lookup (ex->what->payloads, &id)) != NULL)
    payload = changed;
  cited = drop_cited (ex, payload);
  if (cited != NULL)
    payload = cited;
  sqlite3_bind_text (insert, 14, payload, -1, SQLITE_TRANSIENT);
  id_set_add (ex->items, id);
  return ROW_KEEP;
}

/* Steps: the facilitator's notes go when asked; an item left out leaves
 * its rectangle (item_id 0, as when it is deleted). item_id 5, notes 11. */
static RowVerdict
step_hook (Export       *ex,
           sqlite3_stmt *row,
           sqlite3_stmt *insert)
{
  if (ex->what->drop & TF_BUNDLE_DROP_NOTES)
    sqlite3_bind_text (insert, 12, "", -1, SQLITE_STATIC);
  if (!id_set_has (ex->items, sqlite3_column_int64 (row, 5)))
    sqlite3_bind_int64 (insert, 6, 0);
  return ROW_KEEP;
}

/* Rounds: item_id 3 (a cluster's zone). */
static RowVerdict
round_hook (Export       *ex,
            sqlite3_stmt *row,
            sqlite3_stmt *insert)
{
  if (!id_set_has (ex->items, sqlite3_column_int64 (row, 3)))
    sqlite3_bind_int64 (insert, 4, 0);
  return ROW_KEEP;
}

/* Counts: item_id 1; a count on a note left out goes with it. */
static RowVerdict
count_hook (Export       *ex,
            sqlite3_stmt *row,
            sqlite3_stmt *insert)
{
  return id_set_has (ex->items, sqlite3_column_int64 (row, 1)) ? ROW_KEEP : ROW_SKIP;
}

/* Contributions: item_id 7. One that became or joined a note left out
 * goes with it (its text is the note's); without consent asked for, only
 * those that are a kept note stay: a phone's text has no consent of its
 * own. */
static RowVerdict
contribution_hook (Export       *ex,
                   sqlite3_stmt *row,
                   sqlite3_stmt *insert)
{
  gint64 item = sqlite3_column_int64 (row, 7);

  if (item != 0 && left_out (ex, item))
    return ROW_SKIP;
  if ((ex->what->drop & TF_BUNDLE_DROP_UNCONSENTED) && !id_set_has (ex->items, item))
    return ROW_SKIP;
  if (!id_set_has (ex->items, item))
    sqlite3_bind_int64 (insert, 8, 0);
  return ROW_KEEP;
}

static RowVerdict
asset_hook (Export       *ex,
            sqlite3_stmt *row,
            sqlite3_stmt *insert)
{
  gint64 id = sqlite3_column_int64 (row, 0);

  if (!id_set_has (ex->assets, id))
    return ROW_SKIP;
  return ROW_KEEP;
}

/* Between two steps of an export: the fraction done, and a cancel seen. */
static gboolean
step (Export *ex,
      double  fraction)
{
  if (g_cancellable_set_error_if_cancelled (ex->what->cancellable, ex->error))
    return FALSE;
  if (ex->what->progress != NULL)
    ex->what->progress (CLAMP (fraction, 0.0, 1.0), ex->what->progress_data);
  return TRUE;
}

static gboolean
exec_dst (Export     *ex,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (ex->dst, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (ex->error, TF_BUNDLE_ERROR, TF_BUNDLE_ERROR_DAMAGED,
                   _("Could not write the bundle: %s"), message != NULL ? message : "");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* The assets the exported rows use: items' asset_id column, the generic
 * payload member "asset" (a mockup's photo, a blueprint card's evidence),
 * and the drawings of the user stamps whose key an item names under
 * "stamp" in its payload or style. The stamps go first. */
static gboolean
copy_stamps_and_assets (Export *ex)
{
  static const char used_stamps[] =
    "SELECT DISTINCT json_extract (payload, '$.stamp') FROM items"
    " WHERE json_valid (payload) AND json_type (payload, '$.stamp') = 'text'"
    " UNION SELECT DISTINCT json_extract (style, '$.stamp') FROM items"
    " WHERE json_valid (style) AND json_type (style, '$.stamp') = 'text'";
  static const char used_assets[] =
    "SELECT asset_id FROM items WHERE asset_id IS NOT NULL"
    " UNION SELECT json_extract (payload, '$.asset') FROM items"
    " WHERE json_valid (payload) AND json_type (payload, '$.asset') = 'integer'"
    " UNION SELECT asset_id FROM stamps";
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (ex->dst, used_stamps, -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (ex->dst, ex->error, _("Could not write the bundle"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      sqlite3_stmt *find = NULL;
      gint64 stamp = 0;

      if (sqlite3_prepare_v2 (ex->src, "SELECT id FROM stamps WHERE key = ?", -1, &find, NULL) == SQLITE_OK)
        {
          sqlite3_bind_value (find, 1, sqlite3_column_value (stmt, 0));
          if (sqlite3_step (find) == SQLITE_ROW)
            stamp = sqlite3_column_int64 (find, 0);
        }
      sqlite3_finalize (find);
      if (stamp != 0 && !copy_rows (ex, "stamps", "SELECT * FROM stamps WHERE id = ?1", stamp, NULL))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_failed (ex->dst, ex->error, _("Could not write the bundle"));

  if (sqlite3_prepare_v2 (ex->dst, used_assets, -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (ex->dst, ex->error, _("Could not write the bundle"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_int64 (stmt, 0) > 0)
      id_set_add (ex->assets, sqlite3_column_int64 (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_failed (ex->dst, ex->error, _("Could not write the bundle"));

  {
    GHashTableIter iter;
    gpointer key;

    guint n = g_hash_table_size (ex->assets), done = 0;

    /* The assets are most of a bundle's bytes: 0.3 to 0.7 of the way. */
    g_hash_table_iter_init (&iter, ex->assets);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (!step (ex, 0.3 + 0.4 * done++ / MAX (n, 1)) ||
          !copy_rows (ex, "assets", "SELECT * FROM assets WHERE id = ?1", *(gint64 *) key, asset_hook))
        return FALSE;
  }
  return TRUE;
}

static gboolean
put_manifest (Export     *ex,
              const char *name,
              const char *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (ex->dst, "INSERT INTO manifest (name, value) VALUES (?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (ex->dst, ex->error, _("Could not write the bundle"));
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);
  return ok || sql_failed (ex->dst, ex->error, _("Could not write the bundle"));
}

static gboolean
write_manifest (Export *ex,
                gint64  experiment_id)
{
  g_autofree char *format = g_strdup_printf ("%d", TF_SCHEMA_VERSION);
  g_autofree char *now = tf_store_now ();
  g_autofree char *anonymised = g_strdup_printf ("%u", ex->what->drop & TF_BUNDLE_DROP_ALL);
  g_autofree char *uuid = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (ex->dst, "SELECT uuid FROM experiments WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (ex->dst, ex->error, _("Could not write the bundle"));
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (uuid == NULL)
    {
      g_set_error (ex->error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no experiment %lld in this archive"), (long long) experiment_id);
      return FALSE;
    }

  if (!put_manifest (ex, "format", format) ||
      !put_manifest (ex, "transfo_version", PACKAGE_VERSION) ||
      !put_manifest (ex, "source_uuid", uuid) ||
      !put_manifest (ex, "department", ex->what->department != NULL ? ex->what->department : "") ||
      !put_manifest (ex, "exported_at", now) ||
      !put_manifest (ex, "anonymised", anonymised))
    return FALSE;

  if (sqlite3_prepare_v2 (ex->dst, "SELECT id, data FROM assets ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (ex->dst, ex->error, _("Could not write the bundle"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *name = g_strdup_printf ("asset:%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      g_autofree char *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, sqlite3_column_blob (stmt, 1),
                                                           (gsize) sqlite3_column_bytes (stmt, 1));

      if (!put_manifest (ex, name, hash))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || sql_failed (ex->dst, ex->error, _("Could not write the bundle"));
}

static gboolean
build_bundle (Export *ex,
              gint64  id)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                           TF_APPLICATION_ID, TF_SCHEMA_VERSION);

  for (guint i = 0; i < tf_schema_n_migrations; i++)
    if (!exec_dst (ex, tf_schema_migrations[i]))
      return FALSE;
  if (!exec_dst (ex, tf_bundle_manifest_sql) || !exec_dst (ex, bump) ||
      /* A bundle is a closed archive: whoever opens it as one (sqlite3, a
       * newer Transfo) finds it clean, and nothing of the source's state. */
      !exec_dst (ex, "UPDATE archive_state SET clean = 1") ||
      !exec_dst (ex, "BEGIN"))
    return FALSE;

  if (!step (ex, 0.0) ||
      !copy_rows (ex, "experiments", "SELECT * FROM experiments WHERE id = ?1", id, NULL) ||
      !copy_rows (ex, "tags",
                  "SELECT t.* FROM tags t JOIN experiment_tags et ON et.tag_id = t.id"
                  " WHERE et.experiment_id = ?1", id, NULL) ||
      !copy_rows (ex, "experiment_tags", "SELECT * FROM experiment_tags WHERE experiment_id = ?1", id, NULL) ||
      !copy_rows (ex, "boards", "SELECT * FROM boards WHERE experiment_id = ?1", id, NULL) ||
      !step (ex, 0.05) ||
      /* Parents first is not needed: foreign keys are not enforced here. */
      !copy_rows (ex, "items",
                  "SELECT i.* FROM items i JOIN boards b ON b.id = i.board_id"
                  " WHERE b.experiment_id = ?1 ORDER BY i.id", id, item_hook) ||
      !step (ex, 0.3) ||
      !copy_stamps_and_assets (ex) ||
      !step (ex, 0.7) ||
      !copy_rows (ex, "sessions", "SELECT * FROM sessions WHERE experiment_id = ?1", id, NULL) ||
      !copy_rows (ex, "session_steps",
                  "SELECT st.* FROM session_steps st JOIN sessions s ON s.id = st.session_id"
                  " WHERE s.experiment_id = ?1", id, step_hook) ||
      !copy_rows (ex, "vote_rounds",
                  "SELECT r.* FROM vote_rounds r JOIN boards b ON b.id = r.board_id"
                  " WHERE b.experiment_id = ?1", id, round_hook) ||
      !copy_rows (ex, "vote_counts",
                  "SELECT c.* FROM vote_counts c JOIN vote_rounds r ON r.id = c.round_id"
                  " JOIN boards b ON b.id = r.board_id WHERE b.experiment_id = ?1", id, count_hook) ||
      !copy_rows (ex, "session_rooms", "SELECT * FROM session_rooms WHERE experiment_id = ?1", id, NULL) ||
      !copy_rows (ex, "contributions", "SELECT * FROM contributions WHERE experiment_id = ?1", id,
                  contribution_hook) ||
      !step (ex, 0.75) ||
      !write_manifest (ex, id) ||
      !step (ex, 0.8))
    return FALSE;

  /* A vote round whose session is not exported (none is: sessions go
   * whole) would name it; rounds keep their session. */
  /* The search index goes with the rows, though the importer never reads
   * it (the archive's triggers index what it imports): without it, a
   * bundle edited with sqlite3 would break its own index. */
  return exec_dst (ex, "COMMIT") &&
         /* Compacted, and nothing that was written then left out stays in a
          * free page. */
         exec_dst (ex, "VACUUM") &&
         step (ex, 0.9);
}

gboolean
tf_bundle_write (TfStore               *store,
                 gint64                 experiment_id,
                 const TfBundleExport  *what,
                 const char            *path,
                 guint                 *n_items,
                 guint                 *n_assets,
                 GError               **error)
{
  static const TfBundleExport nothing = { 0 };
  g_autoptr(GHashTable) items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) assets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Export ex = { 0 };
  gboolean ok;

  g_return_val_if_fail (TF_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (what == NULL)
    what = &nothing;
  if (what->department != NULL &&
      !tf_content_check_text (what->department, -1, TF_BUNDLE_MAX_DEPARTMENT))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("A department’s name is at most %d bytes of text"), TF_BUNDLE_MAX_DEPARTMENT);
      return FALSE;
    }
  /* An experiment in the Bin leaves the archive neither to a department nor
   * to the region: tf_archive_get_experiment says where it is. */
  {
    g_autofree char *deleted_at = tf_bin_get_deleted_at (store, experiment_id);

    if (deleted_at != NULL)
      {
        TfExperiment *experiment = tf_archive_get_experiment (store, experiment_id, error);

        g_clear_object (&experiment);
        return FALSE;
      }
  }
  if (!tf_atomic_file_check_target (path, tf_store_get_path (store), what->force, error))
    return FALSE;

  ex.store = store;
  ex.src = tf_store_get_db (store);
  ex.what = what;
  ex.items = items;
  ex.assets = assets;
  ex.error = error;
  ex.dst = open_memory (error);
  if (ex.dst == NULL)
    return FALSE;

  /* One read transaction: the bundle is one moment of the archive. */
  ok = sqlite3_exec (ex.src, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
  if (!ok)
    sql_failed (ex.src, error, _("Could not read the archive"));
  ok = ok && build_bundle (&ex, experiment_id);
  sqlite3_exec (ex.src, "COMMIT", NULL, NULL, NULL);
  /* The last cancel seen: the file is written in one atomic step. */
  ok = ok && !g_cancellable_set_error_if_cancelled (what->cancellable, error);
  ok = ok && write_memory (ex.dst, path, error);
  if (ok && what->progress != NULL)
    what->progress (1.0, what->progress_data);
  if (ok && n_items != NULL)
    *n_items = g_hash_table_size (items);
  if (ok && n_assets != NULL)
    *n_assets = g_hash_table_size (assets);
  sqlite3_close (ex.dst);
  return ok;
}

/* --- Backup --- */

/* Pages copied by a step of the backup: some 4 MiB at 4 KiB pages, so a
 * cancel is seen within a few milliseconds and the progress moves. */
#define BACKUP_STEP_PAGES 1024

gboolean
tf_store_backup (TfStore     *store,
                 const char  *path,
                 gboolean     force,
                 GError     **error)
{
  return tf_store_backup_full (store, path, force, NULL, NULL, NULL, error);
}

gboolean
tf_store_backup_full (TfStore              *store,
                      const char           *path,
                      gboolean              force,
                      GCancellable         *cancellable,
                      TfBackupProgressFunc  progress,
                      gpointer              user_data,
                      GError              **error)
{
  sqlite3 *copy, *src;
  sqlite3_backup *backup;
  gboolean ok, reading;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!tf_atomic_file_check_target (path, tf_store_get_path (store), force, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  copy = open_memory (error);
  if (copy == NULL)
    return FALSE;

  /* In steps, all inside one read transaction of the source: the copy is
   * one moment of the archive (the moment it began) whatever a window
   * writes meanwhile through its own connection, and the backup never
   * restarts. Between steps, a cancel is seen; what was copied is only
   * in memory, so a cancelled backup leaves no file. */
  src = tf_store_get_db (store);
  reading = sqlite3_get_autocommit (src) &&
            sqlite3_exec (src, "BEGIN; SELECT count(*) FROM sqlite_schema;", NULL, NULL, NULL) == SQLITE_OK;
  backup = sqlite3_backup_init (copy, "main", src, "main");
  if (backup == NULL)
    {
      ok = sql_failed (copy, error, _("Could not back up the archive"));
      if (reading)
        sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);
      sqlite3_close (copy);
      return ok;
    }
  do
    {
      rc = sqlite3_backup_step (backup, BACKUP_STEP_PAGES);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (1000);
      else if (rc == SQLITE_OK && progress != NULL && sqlite3_backup_pagecount (backup) > 0)
        /* The copy's writing is the last tenth. */
        progress (0.9 * (1.0 - (double) sqlite3_backup_remaining (backup) / sqlite3_backup_pagecount (backup)),
                  user_data);
    }
  while ((rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
         !g_cancellable_is_cancelled (cancellable));
  sqlite3_backup_finish (backup);
  if (reading)
    sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_DONE)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, TF_BUNDLE_ERROR, TF_BUNDLE_ERROR_DAMAGED,
                     _("Could not back up the archive: %s"), sqlite3_errstr (rc));
      sqlite3_close (copy);
      return FALSE;
    }
  if (progress != NULL)
    progress (0.9, user_data);
  /* The pages say "write-ahead log" (bytes 18 and 19 of the header, as
   * the archive's): a database in memory cannot be written so, and a copy
   * is one file. Said again as a rollback journal's, on the bytes. */
  {
    sqlite3_int64 size = 0;
    unsigned char *bytes = sqlite3_serialize (copy, "main", &size, 0);

    sqlite3_close (copy);
    copy = NULL;
    if (bytes == NULL || size < 100)
      {
        sqlite3_free (bytes);
        g_set_error (error, TF_BUNDLE_ERROR, TF_BUNDLE_ERROR_DAMAGED, _("Could not back up the archive"));
        return FALSE;
      }
    bytes[18] = bytes[19] = 1;
    if (sqlite3_open_v2 (":memory:", &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
        sqlite3_deserialize (copy, "main", bytes, size, size,
                             SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
      {
        ok = sql_failed (copy, error, _("Could not back up the archive"));
        sqlite3_close (copy);
        return ok;
      }
  }
  /* The copy is complete and closed: it opens without the full check. */
  ok = sqlite3_exec (copy, "UPDATE archive_state SET clean = 1", NULL, NULL, NULL) == SQLITE_OK ||
       sql_failed (copy, error, _("Could not back up the archive"));
  /* The last chance to stop: nothing is written yet. */
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
  ok = ok && write_memory (copy, path, error);
  sqlite3_close (copy);
  if (ok && progress != NULL)
    progress (1.0, user_data);
  return ok;
}
