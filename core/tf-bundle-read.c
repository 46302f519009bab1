/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-bundle"

#include <glib/gi18n.h>
#include <string.h>

#include "tf-bundle.h"
#include "tf-bundle-private.h"
#include "tf-content.h"
#include "tf-input-file.h"
#include "tf-item-relations.h"
#include "tf-store-private.h"

/* Reading a bundle from elsewhere (every check before a row is used) and
 * importing it; writing one is tf-bundle.c. */


struct _TfBundle
{
  GBytes       *bytes;
  sqlite3      *db;
  TfStoreGuard  guard;
  char         *display;
  TfBundleInfo  info;
  GHashTable   *strings;   /* owns the info's strings */
};

void
tf_bundle_free (TfBundle *self)
{
  if (self == NULL)
    return;
  sqlite3_close (self->db);
  g_bytes_unref (self->bytes);
  g_free (self->display);
  g_clear_pointer (&self->strings, g_hash_table_unref);
  g_free (self);
}

const TfBundleInfo *
tf_bundle_get_info (TfBundle *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->info;
}

static gboolean
refuse (TfBundle    *self,
        GError     **error,
        int          code,
        const char  *format,
        ...) G_GNUC_PRINTF (4, 5);

static gboolean
refuse (TfBundle    *self,
        GError     **error,
        int          code,
        const char  *format,
        ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, TF_BUNDLE_ERROR, code,
               /* TRANSLATORS: %s is a file name, then why it is refused */
               _("%s is refused: %s; nothing was imported"), self->display, reason);
  return FALSE;
}

/* Each table's columns as the program writes them: storage type and bound. */
typedef enum {
  COL_INT,        /* an integer */
  COL_INT_NULL,   /* an integer or NULL */
  COL_COORD,      /* a finite number within the board */
  COL_SIZE,       /* a finite size, not negative */
  COL_TEXT,       /* UTF-8 text of at most max bytes */
  COL_JSON,       /* text fit for the JSON parser (tf_content_check_json) */
  COL_BLOB,       /* bytes, at most TF_BUNDLE_MAX_BLOB */
} ColType;

typedef struct {
  const char *name;
  ColType     type;
  gsize       max;
} Column;

typedef struct {
  const char   *table;
  const Column *columns;
  guint         n_columns;
} TableSpec;

#define TEXT(name, max) { name, COL_TEXT, max }
#define INT(name)       { name, COL_INT, 0 }
#define LONG_TEXT       TF_CONTENT_MAX_TEXT

static const Column experiments_cols[] = {
  INT ("id"), TEXT ("uuid", MAX_SHORT), TEXT ("title", MAX_NAME), TEXT ("theme", MAX_NAME),
  TEXT ("place", MAX_NAME), TEXT ("territory", MAX_NAME), TEXT ("department", MAX_NAME),
  TEXT ("start_date", MAX_SHORT), TEXT ("end_date", MAX_SHORT), INT ("phase"), INT ("status"),
  TEXT ("team", LONG_TEXT), TEXT ("context", LONG_TEXT), TEXT ("outcomes", LONG_TEXT),
  TEXT ("lessons", LONG_TEXT), TEXT ("created_at", MAX_SHORT), TEXT ("modified_at", MAX_SHORT),
};
static const Column tags_cols[] = { INT ("id"), TEXT ("name", MAX_NAME) };
static const Column experiment_tags_cols[] = { INT ("experiment_id"), INT ("tag_id"), INT ("position") };
static const Column boards_cols[] = {
  INT ("id"), INT ("experiment_id"), TEXT ("kind", MAX_SHORT), TEXT ("name", MAX_NAME), INT ("position"),
  { "settings", COL_JSON, 0 }, TEXT ("created_at", MAX_SHORT), TEXT ("modified_at", MAX_SHORT),
};
static const Column assets_cols[] = {
  INT ("id"), TEXT ("sha256", MAX_SHORT), TEXT ("mime_type", 128), TEXT ("name", MAX_NAME),
  { "data", COL_BLOB, 0 }, TEXT ("created_at", MAX_SHORT),
};
static const Column items_cols[] = {
  INT ("id"), INT ("board_id"), TEXT ("kind", MAX_SHORT), { "x", COL_COORD, 0 }, { "y", COL_COORD, 0 },
  { "width", COL_SIZE, 0 }, { "height", COL_SIZE, 0 }, { "rotation", COL_COORD, 0 }, INT ("z"),
  { "parent_id", COL_INT_NULL, 0 }, { "asset_id", COL_INT_NULL, 0 }, { "style", COL_JSON, 0 },
  TEXT ("text", LONG_TEXT), { "payload", COL_JSON, 0 }, TEXT ("created_at", MAX_SHORT),
  TEXT ("modified_at", MAX_SHORT),
};
static const Column stamps_cols[] = {
  INT ("id"), TEXT ("key", MAX_NAME), TEXT ("family", MAX_NAME), TEXT ("name_fr", MAX_NAME),
  TEXT ("name_en", MAX_NAME), TEXT ("keywords", LONG_TEXT), TEXT ("color", MAX_SHORT), INT ("asset_id"),
};
static const Column archive_state_cols[] = { INT ("id"), INT ("clean") };
static const Column sessions_cols[] = {
  INT ("id"), INT ("experiment_id"), TEXT ("name", MAX_NAME), TEXT ("created_at", MAX_SHORT),
};
static const Column session_steps_cols[] = {
  INT ("id"), INT ("session_id"), INT ("position"), INT ("kind"), INT ("board_id"), INT ("item_id"),
  { "x", COL_COORD, 0 }, { "y", COL_COORD, 0 }, { "width", COL_SIZE, 0 }, { "height", COL_SIZE, 0 },
  TEXT ("title", MAX_NAME), TEXT ("notes", LONG_TEXT), INT ("reveal"), INT ("planned_seconds"),
  INT ("spent_seconds"),
};
static const Column vote_rounds_cols[] = {
  INT ("id"), INT ("board_id"), { "session_id", COL_INT_NULL, 0 }, INT ("item_id"), TEXT ("title", MAX_NAME),
  INT ("colours"), INT ("dots"), INT ("hidden"), TEXT ("created_at", MAX_SHORT),
};
static const Column vote_counts_cols[] = { INT ("round_id"), INT ("item_id"), INT ("colour"), INT ("count") };
static const Column session_rooms_cols[] = {
  INT ("experiment_id"), INT ("depth_mm"), INT ("screen_mm"), INT ("width_px"), INT ("height_px"),
};
static const Column contributions_cols[] = {
  INT ("id"), INT ("experiment_id"), TEXT ("key", MAX_SHORT), TEXT ("arrived_at", MAX_SHORT),
  TEXT ("text", 4 * 1000), TEXT ("category", 4 * 32), INT ("state"), INT ("item_id"),
};
static const Column experiment_origins_cols[] = {
  INT ("experiment_id"), TEXT ("source_uuid", MAX_SHORT), TEXT ("department", TF_BUNDLE_MAX_DEPARTMENT),
  TEXT ("exported_at", MAX_SHORT), TEXT ("imported_at", MAX_SHORT),
};
static const Column manifest_cols[] = { TEXT ("name", MAX_SHORT), TEXT ("value", MAX_NAME) };

#define TABLE(name) { #name, name##_cols, G_N_ELEMENTS (name##_cols) }

/* Every table of the schema but the search index's, which is never read
 * (the archive's own triggers index what is imported). */
static const TableSpec tables[] = {
  TABLE (experiments), TABLE (tags), TABLE (experiment_tags), TABLE (boards), TABLE (assets),
  TABLE (items), TABLE (stamps), TABLE (archive_state), TABLE (sessions), TABLE (session_steps),
  TABLE (vote_rounds), TABLE (vote_counts), TABLE (session_rooms), TABLE (contributions),
  TABLE (experiment_origins), TABLE (manifest),
};

static gboolean
check_value (sqlite3_stmt *stmt,
             int           i,
             const Column *column)
{
  int type = sqlite3_column_type (stmt, i);

  switch (column->type)
    {
    case COL_INT:
      return type == SQLITE_INTEGER;
    case COL_INT_NULL:
      return type == SQLITE_INTEGER || type == SQLITE_NULL;
    case COL_COORD:
      return (type == SQLITE_INTEGER || type == SQLITE_FLOAT) &&
             tf_content_check_coord (sqlite3_column_double (stmt, i));
    case COL_SIZE:
      return (type == SQLITE_INTEGER || type == SQLITE_FLOAT) &&
             tf_content_check_size (sqlite3_column_double (stmt, i));
    case COL_TEXT:
      return type == SQLITE_TEXT &&
             tf_content_check_text ((const char *) sqlite3_column_text (stmt, i),
                                    sqlite3_column_bytes (stmt, i), column->max);
    case COL_JSON:
      return type == SQLITE_TEXT &&
             tf_content_check_json ((const char *) sqlite3_column_text (stmt, i),
                                    sqlite3_column_bytes (stmt, i));
    case COL_BLOB:
      return type == SQLITE_BLOB && sqlite3_column_bytes (stmt, i) <= TF_BUNDLE_MAX_BLOB;
    default:
      return FALSE;
    }
}

static const char *
describe_column (ColType type)
{
  switch (type)
    {
    case COL_INT:
    case COL_INT_NULL:
      return _("not a whole number");
    case COL_COORD:
    case COL_SIZE:
      return _("not a finite position or size on a board");
    case COL_TEXT:
      return _("not text, too long or not UTF-8");
    case COL_JSON:
      return _("not text, too large or too deeply nested for a style or payload");
    case COL_BLOB:
    default:
      return _("not binary data or too large");
    }
}

/* Every row of every table, as the archive's readers check them. */
static gboolean
validate_rows (TfBundle  *self,
               GError   **error)
{
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      const TableSpec *spec = &tables[t];
      g_autoptr(GString) sql = g_string_new ("SELECT ");
      sqlite3_stmt *stmt = NULL;
      int rc;

      for (guint c = 0; c < spec->n_columns; c++)
        g_string_append_printf (sql, "%s\"%s\"", c > 0 ? ", " : "", spec->columns[c].name);
      g_string_append_printf (sql, " FROM \"%s\"", spec->table);
      if (sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
        return refuse (self, error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (self->db));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        for (guint c = 0; c < spec->n_columns; c++)
          if (!check_value (stmt, (int) c, &spec->columns[c]))
            {
              gint64 rowid = sqlite3_column_type (stmt, 0) == SQLITE_INTEGER ? sqlite3_column_int64 (stmt, 0) : 0;

              sqlite3_finalize (stmt);
              return refuse (self, error, TF_BUNDLE_ERROR_INVALID,
                             /* TRANSLATORS: "the column text of items row 12 is not text, too long…" */
                             _("the column %s of %s row %lld is %s"),
                             spec->columns[c].name, spec->table, (long long) rowid,
                             describe_column (spec->columns[c].type));
            }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return refuse (self, error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (self->db));
    }
  return TRUE;
}

static gint64
query_int (TfBundle   *self,
           const char *sql,
           gboolean   *ok)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    *ok = FALSE;
  sqlite3_finalize (stmt);
  return value;
}

static const char *
keep_string (TfBundle   *self,
             const char *text)
{
  char *kept = g_strdup (text != NULL ? text : "");

  g_hash_table_add (self->strings, kept);
  return kept;
}

/* References inside the bundle: every foreign key, the item ids that are
 * not foreign keys, the payload's generic "asset" and "cites" members.
 * Before this runs every payload passed tf_content_check_json(), so
 * SQLite's JSON functions see nothing deeper than 64 levels. */
static gboolean
validate_references (TfBundle  *self,
                     GError   **error)
{
  static const struct {
    const char *sql;
    const char *what;
  } checks[] = {
    { "SELECT count(*) FROM pragma_foreign_key_check", N_("a row names another that is not in it") },
    { "SELECT count(*) FROM session_steps WHERE item_id != 0 AND item_id NOT IN (SELECT id FROM items)",
      N_("a session step shows an item that is not in it") },
    { "SELECT count(*) FROM vote_rounds WHERE item_id != 0 AND item_id NOT IN (SELECT id FROM items)",
      N_("a vote round is on an item that is not in it") },
    { "SELECT count(*) FROM vote_counts WHERE item_id NOT IN (SELECT id FROM items)",
      N_("votes went to an item that is not in it") },
    { "SELECT count(*) FROM contributions WHERE item_id != 0 AND item_id NOT IN (SELECT id FROM items)",
      N_("a contribution became an item that is not in it") },
    { "SELECT count(*) FROM items WHERE json_type (payload, '$.asset') IS NOT NULL AND"
      " (json_type (payload, '$.asset') != 'integer' OR"
      "  (json_extract (payload, '$.asset') != 0 AND"
      "   json_extract (payload, '$.asset') NOT IN (SELECT id FROM assets)))",
      N_("an item shows an image that is not in it") },
    { "SELECT count(*) FROM items i, json_each (i.payload, '$.cites') c"
      " WHERE json_type (i.payload, '$.cites') = 'array' AND c.value NOT IN (SELECT id FROM items)",
      N_("an item cites one that is not in it") },
    { "SELECT count(*) FROM items c JOIN items p ON p.id = c.parent_id WHERE p.board_id != c.board_id",
      N_("an item’s parent is on another board") },
    { "SELECT count(*) FROM experiment_origins", N_("it says where an experiment of another archive came from") },
  };
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      gint64 n = query_int (self, checks[i].sql, &ok);

      if (!ok)
        return refuse (self, error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (self->db));
      if (n > 0)
        return refuse (self, error, TF_BUNDLE_ERROR_INVALID,
                       /* TRANSLATORS: %s says which, e.g. "an item cites one that is not in it" */
                       _("a reference outside the bundle: %s"), _(checks[i].what));
    }
  return TRUE;
}

/* The manifest: the format the file states, the experiment's UUID, and the
 * hash of every asset, checked against the bytes. */
static gboolean
validate_manifest (TfBundle  *self,
                   gint64     version,
                   GError   **error)
{
  g_autoptr(GHashTable) manifest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  const char *format, *uuid;
  g_autofree char *version_text = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  gboolean ok = TRUE;
  guint n_hashes = 0, n_optional = 0;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT name, value FROM manifest", -1, &stmt, NULL) != SQLITE_OK)
    return refuse (self, error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (self->db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (manifest, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return refuse (self, error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (self->db));

  format = g_hash_table_lookup (manifest, "format");
  uuid = g_hash_table_lookup (manifest, "source_uuid");
  if (g_strcmp0 (format, version_text) != 0 || uuid == NULL || uuid[0] == '\0' ||
      g_hash_table_lookup (manifest, "exported_at") == NULL ||
      g_hash_table_lookup (manifest, "department") == NULL ||
      g_hash_table_lookup (manifest, "transfo_version") == NULL ||
      strlen (g_hash_table_lookup (manifest, "department")) > TF_BUNDLE_MAX_DEPARTMENT)
    return refuse (self, error, TF_BUNDLE_ERROR_INVALID, _("its manifest is incomplete or does not match it"));

  if (query_int (self, "SELECT count(*) FROM experiments", &ok) != 1 || !ok)
    return refuse (self, error, TF_BUNDLE_ERROR_INVALID, _("it does not hold exactly one experiment"));
  if (sqlite3_prepare_v2 (self->db, "SELECT uuid, title, start_date, end_date FROM experiments", -1, &stmt,
                          NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), uuid) != 0)
    {
      sqlite3_finalize (stmt);
      return refuse (self, error, TF_BUNDLE_ERROR_INVALID, _("its manifest is incomplete or does not match it"));
    }
  self->info.title = keep_string (self, (const char *) sqlite3_column_text (stmt, 1));
  self->info.start_date = keep_string (self, (const char *) sqlite3_column_text (stmt, 2));
  self->info.end_date = keep_string (self, (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  self->info.source_uuid = keep_string (self, uuid);
  self->info.department = keep_string (self, g_hash_table_lookup (manifest, "department"));
  self->info.exported_at = keep_string (self, g_hash_table_lookup (manifest, "exported_at"));
  self->info.transfo_version = keep_string (self, g_hash_table_lookup (manifest, "transfo_version"));
  /* What the exporter took out: optional (the first bundles did not say),
   * a small number when said. */
  if (g_hash_table_contains (manifest, "anonymised"))
    {
      const char *text = g_hash_table_lookup (manifest, "anonymised");
      guint64 drop = 0;

      if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, TF_BUNDLE_DROP_ALL, &drop, NULL))
        return refuse (self, error, TF_BUNDLE_ERROR_INVALID, _("its manifest is incomplete or does not match it"));
      self->info.anonymised = (guint) drop;
      n_optional++;
    }

  if (sqlite3_prepare_v2 (self->db, "SELECT id, sha256, data FROM assets", -1, &stmt, NULL) != SQLITE_OK)
    return refuse (self, error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (self->db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *name = g_strdup_printf ("asset:%" G_GINT64_FORMAT, id);
      g_autofree char *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, sqlite3_column_blob (stmt, 2),
                                                           (gsize) sqlite3_column_bytes (stmt, 2));

      if (g_strcmp0 (hash, (const char *) sqlite3_column_text (stmt, 1)) != 0 ||
          g_strcmp0 (hash, g_hash_table_lookup (manifest, name)) != 0)
        {
          sqlite3_finalize (stmt);
          return refuse (self, error, TF_BUNDLE_ERROR_INVALID,
                         _("the content of asset %lld does not match its SHA-256"), (long long) id);
        }
      n_hashes++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return refuse (self, error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (self->db));
  /* format, transfo_version, source_uuid, department, exported_at, then
   * anonymised when said. */
  if (g_hash_table_size (manifest) != 5 + n_optional + n_hashes)
    return refuse (self, error, TF_BUNDLE_ERROR_INVALID, _("its manifest is incomplete or does not match it"));
  return TRUE;
}

static void
count_contents (TfBundle *self)
{
  gboolean ok = TRUE;

  self->info.n_boards = (guint) query_int (self, "SELECT count(*) FROM boards", &ok);
  self->info.n_items = (guint) query_int (self, "SELECT count(*) FROM items", &ok);
  self->info.n_assets = (guint) query_int (self, "SELECT count(*) FROM assets", &ok);
  self->info.n_photos = (guint) query_int (self, "SELECT count(*) FROM assets WHERE mime_type LIKE 'image/%'"
                                                 " AND mime_type != 'image/svg+xml'", &ok);
  self->info.n_sessions = (guint) query_int (self, "SELECT count(*) FROM sessions", &ok);
  self->info.n_rounds = (guint) query_int (self, "SELECT count(*) FROM vote_rounds", &ok);
}

/* Tight limits for a file from elsewhere: only a value's length is left
 * large (a photo). */
static void
limit_connection (sqlite3 *db)
{
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, TF_BUNDLE_MAX_BLOB);
  sqlite3_limit (db, SQLITE_LIMIT_SQL_LENGTH, 100000);
  sqlite3_limit (db, SQLITE_LIMIT_COLUMN, 100);
  sqlite3_limit (db, SQLITE_LIMIT_EXPR_DEPTH, 100);
  sqlite3_limit (db, SQLITE_LIMIT_COMPOUND_SELECT, 8);
  sqlite3_limit (db, SQLITE_LIMIT_VDBE_OP, 100000);
  sqlite3_limit (db, SQLITE_LIMIT_FUNCTION_ARG, 8);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_limit (db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100);
  sqlite3_limit (db, SQLITE_LIMIT_VARIABLE_NUMBER, 16);
  sqlite3_limit (db, SQLITE_LIMIT_TRIGGER_DEPTH, 1);
  sqlite3_limit (db, SQLITE_LIMIT_WORKER_THREADS, 0);
}

TfBundle *
tf_bundle_open_bytes (GBytes      *bytes,
                      const char  *display,
                      GError     **error)
{
  g_autoptr(TfBundle) self = g_new0 (TfBundle, 1);
  const guint8 *data;
  gsize size;
  sqlite3_stmt *stmt = NULL;
  gint64 app_id, version;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (bytes != NULL, NULL);

  self->bytes = g_bytes_ref (bytes);
  self->display = g_strdup (display != NULL ? display : "");
  self->strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data = g_bytes_get_data (bytes, &size);
  self->info.size = (gint64) size;

  if (size == 0)
    return refuse (self, error, TF_BUNDLE_ERROR_NOT_BUNDLE, _("the file is empty")), NULL;
  if (size >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    return refuse (self, error, TF_BUNDLE_ERROR_NOT_BUNDLE,
                   _("it is a ZIP archive, not a Transfo bundle")), NULL;
  if (size < 100 || memcmp (data, "SQLite format 3", 16) != 0)
    return refuse (self, error, TF_BUNDLE_ERROR_NOT_BUNDLE, _("it is not a Transfo bundle")), NULL;
  /* A bundle is written without a write-ahead log; one that says it has
   * one would need files beside it. */
  if (data[18] != 1 || data[19] != 1)
    return refuse (self, error, TF_BUNDLE_ERROR_NOT_BUNDLE,
                   _("it is a database in write-ahead-log mode, not a Transfo bundle")), NULL;

  if (sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    return refuse (self, error, TF_BUNDLE_ERROR_DAMAGED, "%s", _("out of memory")), NULL;
  /* sqlite3_deserialize() attaches the bytes itself, before the guard's
   * authorizer (which refuses ATTACH) is in place; it reads nothing yet. */
  if (sqlite3_deserialize (self->db, "main", (unsigned char *) data, (sqlite3_int64) size,
                           (sqlite3_int64) size, SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
    return refuse (self, error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (self->db)), NULL;
  if (!tf_store_guard_connection (self->db, &self->guard, error))
    return NULL;
  limit_connection (self->db);
  if (sqlite3_exec (self->db, "PRAGMA cell_size_check = ON", NULL, NULL, NULL) != SQLITE_OK)
    return refuse (self, error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (self->db)), NULL;

  app_id = query_int (self, "PRAGMA application_id", &ok);
  version = query_int (self, "PRAGMA user_version", &ok);
  if (!ok)
    return refuse (self, error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (self->db)), NULL;
  if (app_id != TF_APPLICATION_ID)
    return refuse (self, error, TF_BUNDLE_ERROR_NOT_BUNDLE,
                   _("it is a database of another application")), NULL;
  if (version > TF_SCHEMA_VERSION)
    return refuse (self, error, TF_BUNDLE_ERROR_TOO_NEW,
                   _("it was written by a newer version of Transfo (format %d, this version reads up to %d); update Transfo to import it"),
                   (int) version, TF_SCHEMA_VERSION), NULL;
  /* Bundles began with format 9; one of an older format would need the
   * migrations run on a copy, which no bundle needs yet. Format 10 only
   * added an index: a bundle of format 9 has the same tables, and the
   * guard checks it against format 9's schema. */
  if (version < 9)
    return refuse (self, error, TF_BUNDLE_ERROR_NOT_BUNDLE,
                   _("its format (%d) is not one a bundle is written in"), (int) version), NULL;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  ok = rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (!ok)
    return refuse (self, error, TF_BUNDLE_ERROR_DAMAGED,
                   _("it is damaged (it fails SQLite’s quick check)")), NULL;

  {
    g_autoptr(GError) schema_error = NULL;

    if (!tf_store_guard_check_schema_with (self->db, self->display, tf_bundle_manifest_sql, &schema_error))
      {
        g_set_error (error, TF_BUNDLE_ERROR, TF_BUNDLE_ERROR_NOT_BUNDLE, "%s", schema_error->message);
        return NULL;
      }
  }

  if (!validate_rows (self, error) ||
      !validate_manifest (self, version, error) ||
      !validate_references (self, error))
    return NULL;
  count_contents (self);
  return g_steal_pointer (&self);
}

TfBundle *
tf_bundle_open (const char  *path,
                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  bytes = tf_input_file_read (path, TF_BUNDLE_MAX_SIZE, TF_INPUT_FILE_NONE, &read_error);
  if (bytes == NULL)
    {
      g_set_error (error, TF_BUNDLE_ERROR, TF_BUNDLE_ERROR_NOT_BUNDLE, "%s", read_error->message);
      return NULL;
    }
  return tf_bundle_open_bytes (bytes, display, error);
}

static void
bundle_text_free (gpointer data)
{
  TfBundleText *text = data;

  g_free (text->kind);
  g_free (text->text);
  g_free (text);
}

void
tf_bundle_contents_free (TfBundleContents *contents)
{
  if (contents == NULL)
    return;
  g_free (contents->uuid);
  g_free (contents->title);
  g_free (contents->theme);
  g_free (contents->place);
  g_free (contents->territory);
  g_free (contents->department);
  g_free (contents->start_date);
  g_free (contents->end_date);
  g_free (contents->modified_at);
  g_clear_pointer (&contents->tags, g_ptr_array_unref);
  g_clear_pointer (&contents->boards, g_ptr_array_unref);
  g_clear_pointer (&contents->texts, g_ptr_array_unref);
  g_free (contents);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

TfBundleContents *
tf_bundle_read_contents (TfBundle  *self,
                         GError   **error)
{
  static const char *const queries[] = {
    "SELECT uuid, title, theme, place, territory, department, start_date, end_date, modified_at, phase"
    " FROM experiments",
    "SELECT t.name FROM experiment_tags et JOIN tags t ON t.id = et.tag_id ORDER BY et.position, t.name",
    "SELECT id, name FROM boards ORDER BY position, id",
    "SELECT board_id, kind, text FROM items WHERE text <> '' ORDER BY board_id, id",
  };
  g_autoptr(TfBundleContents) contents = g_new0 (TfBundleContents, 1);
  g_autoptr(GHashTable) board_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_return_val_if_fail (self != NULL, NULL);
  contents->tags = g_ptr_array_new_with_free_func (g_free);
  contents->boards = g_ptr_array_new_with_free_func (g_free);
  contents->texts = g_ptr_array_new_with_free_func (bundle_text_free);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (self->db, queries[q], -1, &stmt, NULL) != SQLITE_OK)
        {
          g_set_error (error, TF_BUNDLE_ERROR, TF_BUNDLE_ERROR_DAMAGED, _("%s cannot be read: %s"),
                       self->display, sqlite3_errmsg (self->db));
          return NULL;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        switch (q)
          {
          case 0:
            contents->uuid = column_dup (stmt, 0);
            contents->title = column_dup (stmt, 1);
            contents->theme = column_dup (stmt, 2);
            contents->place = column_dup (stmt, 3);
            contents->territory = column_dup (stmt, 4);
            contents->department = column_dup (stmt, 5);
            contents->start_date = column_dup (stmt, 6);
            contents->end_date = column_dup (stmt, 7);
            contents->modified_at = column_dup (stmt, 8);
            contents->phase = sqlite3_column_int (stmt, 9);
            break;
          case 1:
            g_ptr_array_add (contents->tags, column_dup (stmt, 0));
            break;
          case 2:
            g_hash_table_insert (board_index, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                                 GUINT_TO_POINTER (contents->boards->len));
            g_ptr_array_add (contents->boards, column_dup (stmt, 1));
            break;
          default:
            {
              gint64 board = sqlite3_column_int64 (stmt, 0);
              TfBundleText *text = g_new0 (TfBundleText, 1);

              text->board = GPOINTER_TO_UINT (g_hash_table_lookup (board_index, &board));
              text->kind = column_dup (stmt, 1);
              text->text = column_dup (stmt, 2);
              g_ptr_array_add (contents->texts, text);
            }
            break;
          }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          g_set_error (error, TF_BUNDLE_ERROR, TF_BUNDLE_ERROR_DAMAGED, _("%s cannot be read: %s"),
                       self->display, sqlite3_errstr (rc));
          return NULL;
        }
    }
  if (contents->uuid == NULL)
    {
      g_set_error (error, TF_BUNDLE_ERROR, TF_BUNDLE_ERROR_INVALID, _("%s holds no experiment"), self->display);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

gboolean
tf_bundle_find_copies (TfStore   *store,
                       TfBundle  *bundle,
                       GArray    *ids,
                       GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (store), FALSE);
  g_return_val_if_fail (bundle != NULL, FALSE);

  stmt = tf_store_prepare (store,
                           "SELECT experiment_id FROM experiment_origins WHERE source_uuid = ?"
                           " ORDER BY experiment_id", error);
  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, bundle->info.source_uuid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || tf_store_fail (store, error, _("Could not read the archive"));
}

TfBundleOrigin *
tf_bundle_get_origin (TfStore  *store,
                      gint64    experiment_id,
                      GError  **error)
{
  TfBundleOrigin *origin = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  stmt = tf_store_prepare (store,
                           "SELECT department, exported_at, imported_at FROM experiment_origins"
                           " WHERE experiment_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      origin = g_new0 (TfBundleOrigin, 1);
      origin->department = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      origin->exported_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      origin->imported_at = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    tf_store_fail (store, error, _("Could not read the archive"));
  return origin;
}

void
tf_bundle_origin_free (TfBundleOrigin *origin)
{
  if (origin == NULL)
    return;
  g_free (origin->department);
  g_free (origin->exported_at);
  g_free (origin->imported_at);
  g_free (origin);
}

gint64
tf_bundle_count_step_notes (TfStore  *store,
                            gint64    experiment_id,
                            GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (TF_IS_STORE (store), -1);

  stmt = tf_store_prepare (store,
                           "SELECT count(*) FROM session_steps JOIN sessions ON sessions.id = session_id"
                           " WHERE sessions.experiment_id = ? AND notes != ''", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (n < 0)
    tf_store_fail (store, error, _("Could not read the archive"));
  return n;
}

/* --- Import --- */

typedef struct {
  TfBundle   *bundle;
  gint64      replace_id;
} ImportArgs;

typedef struct {
  TfBundle   *bundle;
  TfStore    *store;
  sqlite3    *db;         /* the archive */
  GHashTable *experiments, *tags, *boards, *assets, *items, *sessions, *rounds;
  GError    **error;
} Import;

static GHashTable *
id_map_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
id_map_put (GHashTable *map,
            gint64      from,
            gint64      to)
{
  g_hash_table_insert (map, g_memdup2 (&from, sizeof from), g_memdup2 (&to, sizeof to));
}

/* The new id of @from; 0 when it was not imported. */
static gint64
id_map_get (GHashTable *map,
            gint64      from)
{
  gint64 *to = g_hash_table_lookup (map, &from);

  return to != NULL ? *to : 0;
}

typedef gboolean (*ImportRow) (Import       *im,
                               sqlite3_stmt *row,
                               sqlite3_stmt *insert);

/* Reads @select from the bundle and runs @insert on the archive for each
 * row, @func binding it; the new row's id maps from the first column
 * through @map (nullable). */
static gboolean
import_rows (Import     *im,
             const char *select,
             const char *insert_sql,
             GHashTable *map,
             ImportRow   func)
{
  sqlite3_stmt *row = NULL, *insert = NULL;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (im->bundle->db, select, -1, &row, NULL) != SQLITE_OK)
    {
      refuse (im->bundle, im->error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (im->bundle->db));
      goto out;
    }
  if (sqlite3_prepare_v2 (im->db, insert_sql, -1, &insert, NULL) != SQLITE_OK)
    {
      tf_store_fail (im->store, im->error, _("Could not import the bundle"));
      goto out;
    }
  while ((rc = sqlite3_step (row)) == SQLITE_ROW)
    {
      if (!func (im, row, insert))
        goto out;
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          /* The archive's own constraints (CHECK, NOT NULL, UNIQUE) refuse
           * what the bundle's rows did not say. */
          g_set_error (im->error, TF_BUNDLE_ERROR, TF_BUNDLE_ERROR_INVALID,
                       _("%s is refused: %s; nothing was imported"), im->bundle->display,
                       sqlite3_errmsg (im->db));
          goto out;
        }
      sqlite3_reset (insert);
      sqlite3_clear_bindings (insert);
      if (map != NULL)
        id_map_put (map, sqlite3_column_int64 (row, 0), sqlite3_last_insert_rowid (im->db));
    }
  if (rc != SQLITE_DONE)
    {
      refuse (im->bundle, im->error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (im->bundle->db));
      goto out;
    }
  ok = TRUE;
out:
  sqlite3_finalize (row);
  sqlite3_finalize (insert);
  return ok;
}

/* Binds columns @from.. of @row to parameters @to.. of @insert. */
static void
bind_columns (sqlite3_stmt *insert,
              int           to,
              sqlite3_stmt *row,
              int           from,
              int           n)
{
  for (int i = 0; i < n; i++)
    sqlite3_bind_value (insert, to + i, sqlite3_column_value (row, from + i));
}

static gboolean
experiment_row (Import       *im,
                sqlite3_stmt *row,
                sqlite3_stmt *insert)
{
  g_autofree char *uuid = g_uuid_string_random ();

  /* id, uuid | title … modified_at (15 columns) */
  tf_bind_text (insert, 1, uuid);
  bind_columns (insert, 2, row, 2, 15);
  return TRUE;
}

static gboolean
tag_row (Import       *im,
         sqlite3_stmt *row,
         sqlite3_stmt *insert)
{
  /* SELECT et.tag_id, t.name, et.position */
  sqlite3_stmt *find;
  gint64 tag = 0;

  find = tf_store_prepare (im->store, "SELECT id FROM tags WHERE name = ?", im->error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_value (find, 1, sqlite3_column_value (row, 1));
  if (sqlite3_step (find) == SQLITE_ROW)
    tag = sqlite3_column_int64 (find, 0);
  sqlite3_reset (find);
  if (tag == 0)
    {
      sqlite3_stmt *add = tf_store_prepare (im->store, "INSERT INTO tags (name) VALUES (?)", im->error);

      if (add == NULL)
        return FALSE;
      sqlite3_bind_value (add, 1, sqlite3_column_value (row, 1));
      if (!tf_store_step_done (im->store, add, im->error))
        return FALSE;
      tag = sqlite3_last_insert_rowid (im->db);
    }
  sqlite3_bind_int64 (insert, 1, id_map_get (im->experiments, -1));
  sqlite3_bind_int64 (insert, 2, tag);
  sqlite3_bind_value (insert, 3, sqlite3_column_value (row, 2));
  return TRUE;
}

static gboolean
board_row (Import       *im,
           sqlite3_stmt *row,
           sqlite3_stmt *insert)
{
  /* id, experiment_id | kind, name, position, settings, created_at, modified_at */
  sqlite3_bind_int64 (insert, 1, id_map_get (im->experiments, -1));
  bind_columns (insert, 2, row, 2, 6);
  return TRUE;
}

/* Assets are shared by hash: one the archive has already is used as is. */
static gboolean
import_assets (Import *im)
{
  sqlite3_stmt *row = NULL;
  int rc;

  if (sqlite3_prepare_v2 (im->bundle->db, "SELECT id, sha256, mime_type, name, data, created_at FROM assets",
                          -1, &row, NULL) != SQLITE_OK)
    return refuse (im->bundle, im->error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (im->bundle->db));
  while ((rc = sqlite3_step (row)) == SQLITE_ROW)
    {
      sqlite3_stmt *find = tf_store_prepare (im->store, "SELECT id FROM assets WHERE sha256 = ?", im->error);
      gint64 id = 0;

      if (find == NULL)
        break;
      sqlite3_bind_value (find, 1, sqlite3_column_value (row, 1));
      if (sqlite3_step (find) == SQLITE_ROW)
        id = sqlite3_column_int64 (find, 0);
      sqlite3_reset (find);
      if (id == 0)
        {
          sqlite3_stmt *add =
            tf_store_prepare (im->store,
                              "INSERT INTO assets (sha256, mime_type, name, data, created_at)"
                              " VALUES (?, ?, ?, ?, ?)", im->error);

          if (add == NULL)
            break;
          bind_columns (add, 1, row, 1, 5);
          if (!tf_store_step_done (im->store, add, im->error))
            break;
          id = sqlite3_last_insert_rowid (im->db);
        }
      id_map_put (im->assets, sqlite3_column_int64 (row, 0), id);
    }
  sqlite3_finalize (row);
  if (rc == SQLITE_ROW)
    return FALSE;
  if (rc != SQLITE_DONE)
    return refuse (im->bundle, im->error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (im->bundle->db));
  return TRUE;
}

/* User stamps are shared by key: one the archive has is used as is (items
 * name stamps by key, so nothing to remap). */
static gboolean
import_stamps (Import *im)
{
  sqlite3_stmt *row = NULL;
  int rc;

  if (sqlite3_prepare_v2 (im->bundle->db,
                          "SELECT key, family, name_fr, name_en, keywords, color, asset_id FROM stamps",
                          -1, &row, NULL) != SQLITE_OK)
    return refuse (im->bundle, im->error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (im->bundle->db));
  while ((rc = sqlite3_step (row)) == SQLITE_ROW)
    {
      sqlite3_stmt *add =
        tf_store_prepare (im->store,
                          "INSERT INTO stamps (key, family, name_fr, name_en, keywords, color, asset_id)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING", im->error);

      if (add == NULL)
        break;
      bind_columns (add, 1, row, 0, 6);
      sqlite3_bind_int64 (add, 7, id_map_get (im->assets, sqlite3_column_int64 (row, 6)));
      if (!tf_store_step_done (im->store, add, im->error))
        break;
    }
  sqlite3_finalize (row);
  if (rc == SQLITE_ROW)
    return FALSE;
  if (rc != SQLITE_DONE)
    return refuse (im->bundle, im->error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (im->bundle->db));
  return TRUE;
}

static gboolean
item_row (Import       *im,
          sqlite3_stmt *row,
          sqlite3_stmt *insert)
{
  /* id, board_id | kind, x, y, width, height, rotation, z | parent_id | asset_id |
   * style, text, payload, created_at, modified_at */
  sqlite3_bind_int64 (insert, 1, id_map_get (im->boards, sqlite3_column_int64 (row, 1)));
  bind_columns (insert, 2, row, 2, 7);
  if (sqlite3_column_type (row, 10) == SQLITE_INTEGER)
    sqlite3_bind_int64 (insert, 9, id_map_get (im->assets, sqlite3_column_int64 (row, 10)));
  bind_columns (insert, 10, row, 11, 5);
  return TRUE;
}

/* The generic members of a payload that name rows: "asset" an asset,
 * "cites" items. NULL when nothing changes. */
static char *
remap_generic (Import     *im,
               const char *payload)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  gboolean changed = FALSE;

  if (!json_parser_load_from_data (parser, payload, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (object, "asset") &&
      json_node_get_value_type (json_object_get_member (object, "asset")) == G_TYPE_INT64)
    {
      gint64 asset = json_object_get_int_member (object, "asset");

      json_object_set_int_member (object, "asset", asset != 0 ? id_map_get (im->assets, asset) : 0);
      changed = TRUE;
    }
  if (json_object_has_member (object, "cites") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "cites")))
    {
      JsonArray *cites = json_object_get_array_member (object, "cites");
      JsonArray *mapped = json_array_new ();

      for (guint i = 0; i < json_array_get_length (cites); i++)
        {
          JsonNode *node = json_array_get_element (cites, i);
          gint64 to = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
                      ? id_map_get (im->items, json_node_get_int (node)) : 0;

          if (to != 0)
            json_array_add_int_element (mapped, to);
        }
      json_object_set_array_member (object, "cites", mapped);
      changed = TRUE;
    }
  if (!changed)
    return NULL;
  {
    g_autoptr(JsonGenerator) generator = json_generator_new ();

    json_generator_set_root (generator, json_parser_get_root (parser));
    return json_generator_to_data (generator, NULL);
  }
}

/* Once every item has its new id: parents, and what payloads name. */
static gboolean
link_items (Import *im)
{
  sqlite3_stmt *row = NULL;
  int rc;

  if (sqlite3_prepare_v2 (im->bundle->db, "SELECT id, kind, parent_id, payload FROM items", -1, &row,
                          NULL) != SQLITE_OK)
    return refuse (im->bundle, im->error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (im->bundle->db));
  while ((rc = sqlite3_step (row)) == SQLITE_ROW)
    {
      gint64 id = id_map_get (im->items, sqlite3_column_int64 (row, 0));
      g_autofree char *kinds = NULL, *generic = NULL;
      const char *payload = (const char *) sqlite3_column_text (row, 3);

      if (sqlite3_column_type (row, 2) == SQLITE_INTEGER)
        {
          sqlite3_stmt *update = tf_store_prepare (im->store, "UPDATE items SET parent_id = ? WHERE id = ?",
                                                   im->error);

          if (update == NULL)
            break;
          sqlite3_bind_int64 (update, 1, id_map_get (im->items, sqlite3_column_int64 (row, 2)));
          sqlite3_bind_int64 (update, 2, id);
          if (!tf_store_step_done (im->store, update, im->error))
            break;
        }
      kinds = tf_item_relations_remap ((const char *) sqlite3_column_text (row, 1), payload, im->items);
      generic = remap_generic (im, kinds != NULL ? kinds : payload);
      if (kinds != NULL || generic != NULL)
        {
          sqlite3_stmt *update = tf_store_prepare (im->store, "UPDATE items SET payload = ? WHERE id = ?",
                                                   im->error);

          if (update == NULL)
            break;
          tf_bind_text (update, 1, generic != NULL ? generic : kinds);
          sqlite3_bind_int64 (update, 2, id);
          if (!tf_store_step_done (im->store, update, im->error))
            break;
        }
    }
  sqlite3_finalize (row);
  if (rc == SQLITE_ROW)
    return FALSE;
  if (rc != SQLITE_DONE)
    return refuse (im->bundle, im->error, TF_BUNDLE_ERROR_DAMAGED, "%s", sqlite3_errmsg (im->bundle->db));
  return TRUE;
}

static gint64
mapped_item (Import       *im,
             sqlite3_stmt *row,
             int           column)
{
  gint64 id = sqlite3_column_int64 (row, column);

  return id != 0 ? id_map_get (im->items, id) : 0;
}

static gboolean
session_row (Import       *im,
             sqlite3_stmt *row,
             sqlite3_stmt *insert)
{
  /* id, experiment_id | name, created_at */
  sqlite3_bind_int64 (insert, 1, id_map_get (im->experiments, -1));
  bind_columns (insert, 2, row, 2, 2);
  return TRUE;
}

static gboolean
step_row (Import       *im,
          sqlite3_stmt *row,
          sqlite3_stmt *insert)
{
  /* id, session_id | position, kind | board_id | item_id | x … spent_seconds (9) */
  sqlite3_bind_int64 (insert, 1, id_map_get (im->sessions, sqlite3_column_int64 (row, 1)));
  bind_columns (insert, 2, row, 2, 2);
  sqlite3_bind_int64 (insert, 4, id_map_get (im->boards, sqlite3_column_int64 (row, 4)));
  sqlite3_bind_int64 (insert, 5, mapped_item (im, row, 5));
  bind_columns (insert, 6, row, 6, 9);
  return TRUE;
}

static gboolean
round_row (Import       *im,
           sqlite3_stmt *row,
           sqlite3_stmt *insert)
{
  /* id, board_id | session_id | item_id | title, colours, dots, hidden, created_at */
  sqlite3_bind_int64 (insert, 1, id_map_get (im->boards, sqlite3_column_int64 (row, 1)));
  if (sqlite3_column_type (row, 2) == SQLITE_INTEGER)
    sqlite3_bind_int64 (insert, 2, id_map_get (im->sessions, sqlite3_column_int64 (row, 2)));
  sqlite3_bind_int64 (insert, 3, mapped_item (im, row, 3));
  bind_columns (insert, 4, row, 4, 5);
  return TRUE;
}

static gboolean
count_row (Import       *im,
           sqlite3_stmt *row,
           sqlite3_stmt *insert)
{
  /* round_id | item_id | colour, count */
  sqlite3_bind_int64 (insert, 1, id_map_get (im->rounds, sqlite3_column_int64 (row, 0)));
  sqlite3_bind_int64 (insert, 2, mapped_item (im, row, 1));
  bind_columns (insert, 3, row, 2, 2);
  return TRUE;
}

static gboolean
room_row (Import       *im,
          sqlite3_stmt *row,
          sqlite3_stmt *insert)
{
  sqlite3_bind_int64 (insert, 1, id_map_get (im->experiments, -1));
  bind_columns (insert, 2, row, 1, 4);
  return TRUE;
}

static gboolean
contribution_row (Import       *im,
                  sqlite3_stmt *row,
                  sqlite3_stmt *insert)
{
  /* id, experiment_id | key, arrived_at, text, category, state | item_id */
  sqlite3_bind_int64 (insert, 1, id_map_get (im->experiments, -1));
  bind_columns (insert, 2, row, 2, 5);
  sqlite3_bind_int64 (insert, 7, mapped_item (im, row, 7));
  return TRUE;
}

static gboolean
import_bundle (TfCommand  *command,
               TfStore    *store,
               GError    **error)
{
  ImportArgs *args = tf_command_get_data (command);
  g_autoptr(GHashTable) experiments = id_map_new (), tags = id_map_new (), boards = id_map_new ();
  g_autoptr(GHashTable) assets = id_map_new (), items = id_map_new (), sessions = id_map_new ();
  g_autoptr(GHashTable) rounds = id_map_new ();
  Import im = {
    .bundle = args->bundle, .store = store, .db = tf_store_get_db (store),
    .experiments = experiments, .tags = tags, .boards = boards, .assets = assets, .items = items,
    .sessions = sessions, .rounds = rounds, .error = error,
  };
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (args->bundle != NULL && args->bundle->db != NULL, FALSE);

  if (args->replace_id > 0)
    {
      stmt = tf_store_prepare (store, "DELETE FROM experiments WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, args->replace_id);
      if (!tf_store_step_done (store, stmt, error))
        return FALSE;
    }

  if (!import_rows (&im, "SELECT * FROM experiments",
                    "INSERT INTO experiments (uuid, title, theme, place, territory, department, start_date,"
                    " end_date, phase, status, team, context, outcomes, lessons, created_at, modified_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL, experiment_row))
    return FALSE;
  id = sqlite3_last_insert_rowid (im.db);
  id_map_put (experiments, -1, id);

  stmt = tf_store_prepare (store,
                           "INSERT INTO experiment_origins (experiment_id, source_uuid, department, exported_at)"
                           " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  tf_bind_text (stmt, 2, args->bundle->info.source_uuid);
  tf_bind_text (stmt, 3, args->bundle->info.department);
  tf_bind_text (stmt, 4, args->bundle->info.exported_at);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;

  if (!import_rows (&im, "SELECT et.tag_id, t.name, et.position FROM experiment_tags et"
                         " JOIN tags t ON t.id = et.tag_id",
                    "INSERT INTO experiment_tags (experiment_id, tag_id, position) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING", NULL, tag_row) ||
      !import_rows (&im, "SELECT * FROM boards ORDER BY position, id",
                    "INSERT INTO boards (experiment_id, kind, name, position, settings, created_at, modified_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)", boards, board_row) ||
      !import_assets (&im) ||
      !import_stamps (&im) ||
      !import_rows (&im, "SELECT * FROM items ORDER BY id",
                    "INSERT INTO items (board_id, kind, x, y, width, height, rotation, z, asset_id,"
                    " style, text, payload, created_at, modified_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", items, item_row) ||
      !link_items (&im) ||
      !import_rows (&im, "SELECT * FROM sessions ORDER BY id",
                    "INSERT INTO sessions (experiment_id, name, created_at) VALUES (?, ?, ?)",
                    sessions, session_row) ||
      !import_rows (&im, "SELECT * FROM session_steps ORDER BY id",
                    "INSERT INTO session_steps (session_id, position, kind, board_id, item_id, x, y, width,"
                    " height, title, notes, reveal, planned_seconds, spent_seconds)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL, step_row) ||
      !import_rows (&im, "SELECT * FROM vote_rounds ORDER BY id",
                    "INSERT INTO vote_rounds (board_id, session_id, item_id, title, colours, dots, hidden,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rounds, round_row) ||
      !import_rows (&im, "SELECT * FROM vote_counts",
                    "INSERT INTO vote_counts (round_id, item_id, colour, count) VALUES (?, ?, ?, ?)",
                    NULL, count_row) ||
      !import_rows (&im, "SELECT * FROM session_rooms",
                    "INSERT INTO session_rooms (experiment_id, depth_mm, screen_mm, width_px, height_px)"
                    " VALUES (?, ?, ?, ?, ?)", NULL, room_row) ||
      !import_rows (&im, "SELECT * FROM contributions ORDER BY id",
                    "INSERT INTO contributions (experiment_id, key, arrived_at, text, category, state, item_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)", NULL, contribution_row))
    return FALSE;

  /* Bounds that follow from others (links, pools, a blueprint's arrows)
   * are kept as the bundle has them: the same items at the same places
   * give the same bounds, and refreshing them would round them. */
  tf_command_set_result_id (command, id);
  return TRUE;
}

TfCommand *
tf_bundle_import_command (TfBundle *bundle,
                          gint64    replace_id)
{
  ImportArgs *args;

  g_return_val_if_fail (bundle != NULL, NULL);

  args = g_new0 (ImportArgs, 1);
  args->bundle = bundle;
  args->replace_id = replace_id;
  return tf_command_new (replace_id > 0 ? _("Update imported experiment") : _("Import experiment"),
                         import_bundle, args, g_free);
}
