/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-store"

#include <glib/gi18n.h>
#include <string.h>

#include "tf-store-guard.h"
#include "tf-store-private.h"

/* SQLite calls the progress handler every this many virtual machine steps: a
 * clock read each time costs nothing measurable, and a statement gone astray
 * is seen within a millisecond or so. */
#define PROGRESS_STEPS 10000

/* Functions that an archive's SQL must never reach, whatever the SQLite
 * build provides: extension loading, tokenizer and FTS5 API pointers (the
 * known ways from SQL to native code), and the shell's file functions. */
static const char * const denied_functions[] = {
  "load_extension",
  "fts3_tokenizer",
  "fts5",
  "readfile",
  "writefile",
  "edit",
};

static int
authorize (void       *user_data,
           int         action,
           const char *arg1,
           const char *arg2,
           const char *database,
           const char *trigger)
{
  switch (action)
    {
    case SQLITE_ATTACH:
      /* VACUUM attaches a private temporary database, named "": it reaches
       * no file. Any other database is out of reach. */
      return arg1 != NULL && arg1[0] == '\0' ? SQLITE_OK : SQLITE_DENY;

    case SQLITE_DETACH:
      return SQLITE_DENY;

    case SQLITE_FUNCTION:
      for (guint i = 0; i < G_N_ELEMENTS (denied_functions); i++)
        if (arg2 != NULL && g_ascii_strcasecmp (arg2, denied_functions[i]) == 0)
          return SQLITE_DENY;
      return SQLITE_OK;

    default:
      return SQLITE_OK;
    }
}

/* Each statement the connection starts gets its own time: the deadline is
 * set when it begins (SQLITE_TRACE_STMT), so whoever runs it — a cached
 * statement of the store, sqlite3_exec(), the session extension — is
 * bounded the same way. A trigger's program (an SQL comment naming it) runs
 * within the time of the statement that fired it. */
static int
on_statement (unsigned  type,
              void     *user_data,
              void     *stmt,
              void     *sql)
{
  TfStoreGuard *guard = user_data;
  const char *text = sql;

  if (text != NULL && text[0] == '-' && text[1] == '-')
    return 0;
  guard->deadline = g_get_monotonic_time () + guard->limit;
  guard->interrupted = FALSE;
  return 0;
}

static int
on_progress (void *user_data)
{
  TfStoreGuard *guard = user_data;

  if ((guard->cancellable != NULL && g_cancellable_is_cancelled (guard->cancellable)) ||
      (guard->limit > 0 && g_get_monotonic_time () > guard->deadline))
    {
      guard->interrupted = TRUE;
      return 1;
    }
  return 0;
}

gboolean
tf_store_guard_connection (sqlite3       *db,
                           TfStoreGuard  *guard,
                           GError       **error)
{
  static const struct {
    int op;
    int value;
  } settings[] = {
    /* No writable_schema, no writes to the shadow tables of the search
     * index, no journal_mode=OFF: a statement cannot corrupt the file. */
    { SQLITE_DBCONFIG_DEFENSIVE, 1 },
    /* Until tf_store_guard_trust_schema(): functions with side effects and
     * virtual tables cannot be used from the file's own triggers and views. */
    { SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0 },
    { SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0 },
    { SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0 },
    /* The program's schema has no view: one planted in a file (refused by
     * the schema check anyway) could not even be read. */
    { SQLITE_DBCONFIG_ENABLE_VIEW, 0 },
  };

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (guard != NULL, FALSE);

  if (guard->limit == 0)
    guard->limit = TF_STORE_GUARD_DEFAULT_LIMIT;
  guard->deadline = g_get_monotonic_time () + guard->limit;
  guard->interrupted = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      int now = -1;

      if (sqlite3_db_config (db, settings[i].op, settings[i].value, &now) != SQLITE_OK ||
          now != settings[i].value)
        {
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
                       _("Could not open the archive safely: %s"), sqlite3_errmsg (db));
          return FALSE;
        }
    }

  if (sqlite3_set_authorizer (db, authorize, NULL) != SQLITE_OK ||
      sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_statement, guard) != SQLITE_OK)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
                   _("Could not open the archive safely: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  sqlite3_progress_handler (db, PROGRESS_STEPS, on_progress, guard);
  return TRUE;
}

void
tf_store_guard_trust_schema (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 1, NULL);
}

gboolean
tf_store_guard_fail (TfStoreGuard  *guard,
                     GError       **error,
                     const char    *what)
{
  if (guard->cancellable != NULL &&
      g_cancellable_set_error_if_cancelled (guard->cancellable, error))
    return FALSE;

  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
               /* Translators: %s says what was being done ("Could not read the archive"). */
               _("%s: a query ran for more than %d seconds and was stopped; the archive may be damaged, or made to hang Transfo"),
               what, (int) (guard->limit / G_USEC_PER_SEC));
  return FALSE;
}

/* The schema check. */

typedef struct {
  char *type;
  char *name;
  char *tbl_name;
  char *sql;      /* NULL for the indexes SQLite makes for UNIQUE constraints */
} SchemaRow;

static void
schema_row_free (gpointer data)
{
  SchemaRow *row = data;

  g_free (row->type);
  g_free (row->name);
  g_free (row->tbl_name);
  g_free (row->sql);
  g_free (row);
}

static SchemaRow *
schema_row_read (sqlite3_stmt *stmt)
{
  SchemaRow *row = g_new0 (SchemaRow, 1);

  row->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  row->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  row->tbl_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  row->sql = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  return row;
}

static gboolean
schema_row_equal (const SchemaRow *a,
                  const SchemaRow *b)
{
  return g_strcmp0 (a->type, b->type) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->tbl_name, b->tbl_name) == 0 &&
         g_strcmp0 (a->sql, b->sql) == 0;
}

/* Views and triggers first: they are what can act. */
#define SCHEMA_QUERY \
  "SELECT type, name, tbl_name, sql FROM main.sqlite_schema" \
  " ORDER BY CASE type WHEN 'view' THEN 0 WHEN 'trigger' THEN 1 WHEN 'table' THEN 2 ELSE 3 END, name"

/* Tables SQLite itself may add to an archive of ours. Only ANALYZE (or
 * PRAGMA optimize) writes sqlite_stat1 and sqlite_stat4 — the program never
 * runs either, but a database tool someone used on the file may have. They
 * hold query-planner statistics, no SQL and nothing the program reads, and
 * the worst a forged one can do is a slow plan, which the progress handler
 * bounds; refusing such a file would call an intact archive foreign. They
 * are accepted only with the exact definition SQLite gives them.
 * sqlite_sequence exists only beside an AUTOINCREMENT table, which the
 * program's schema has none of: it is refused like any other table. */
static const SchemaRow allowed_extras[] = {
  { (char *) "table", (char *) "sqlite_stat1", (char *) "sqlite_stat1",
    (char *) "CREATE TABLE sqlite_stat1(tbl,idx,stat)" },
  { (char *) "table", (char *) "sqlite_stat4", (char *) "sqlite_stat4",
    (char *) "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)" },
};

static GMutex expected_lock;
/* Format version → name → SchemaRow: what the migrations write; [1]: with
 * the one extra statement a bundle adds (its manifest). */
static GHashTable *expected_schemas[2][TF_SCHEMA_VERSION + 1];

/* Runs migrations 1 to @version on an empty in-memory database and reads
 * back its schema: the program's own, by construction, and stated in the
 * very SQL text (and FTS5 shadow tables) an archive of that version holds. */
static GHashTable *
build_expected_schema (int         version,
                       const char *extra,
                       GError    **error)
{
  g_autoptr(GHashTable) schema = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        NULL, schema_row_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *message = NULL;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  for (int i = 0; rc == SQLITE_OK && i < version; i++)
    rc = sqlite3_exec (db, tf_schema_migrations[i], NULL, NULL, &message);
  if (rc == SQLITE_OK && extra != NULL)
    rc = sqlite3_exec (db, extra, NULL, NULL, &message);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, SCHEMA_QUERY, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaRow *row = schema_row_read (stmt);

      g_hash_table_insert (schema, row->name, row);
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
                 _("Could not read the archive: %s"),
                 message != NULL ? message : db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_free (message);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rc == SQLITE_DONE ? g_steal_pointer (&schema) : NULL;
}

typedef enum {
  PROBLEM_UNEXPECTED,
  PROBLEM_MISSING,
  PROBLEM_CHANGED,
} Problem;

/* A name from the file, fit to be shown: valid UTF-8, no control
 * characters (a terminal would obey them), not too long. */
static char *
displayable_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  GString *shown = g_string_new (NULL);
  const char *p = valid;

  for (guint n = 0; *p != '\0' && n < 64; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (shown, '?');
      else
        g_string_append_unichar (shown, c);
    }
  if (*p != '\0')
    g_string_append (shown, "…");
  return g_string_free (shown, FALSE);
}

/* One message for each kind of object, for the translations' sake (the
 * words differ in gender and number). */
static char *
describe_problem (const char *type,
                  const char *name,
                  Problem     problem)
{
  g_autofree char *shown = displayable_name (name);

  if (g_strcmp0 (type, "table") == 0)
    switch (problem)
      {
      case PROBLEM_UNEXPECTED:
        return g_strdup_printf (_("an unexpected table “%s”"), shown);
      case PROBLEM_MISSING:
        return g_strdup_printf (_("the table “%s” is missing"), shown);
      case PROBLEM_CHANGED:
      default:
        return g_strdup_printf (_("the table “%s” is not the one Transfo writes"), shown);
      }
  if (g_strcmp0 (type, "index") == 0)
    switch (problem)
      {
      case PROBLEM_UNEXPECTED:
        return g_strdup_printf (_("an unexpected index “%s”"), shown);
      case PROBLEM_MISSING:
        return g_strdup_printf (_("the index “%s” is missing"), shown);
      case PROBLEM_CHANGED:
      default:
        return g_strdup_printf (_("the index “%s” is not the one Transfo writes"), shown);
      }
  if (g_strcmp0 (type, "view") == 0)
    switch (problem)
      {
      case PROBLEM_UNEXPECTED:
        return g_strdup_printf (_("an unexpected view “%s”"), shown);
      case PROBLEM_MISSING:
        return g_strdup_printf (_("the view “%s” is missing"), shown);
      case PROBLEM_CHANGED:
      default:
        return g_strdup_printf (_("the view “%s” is not the one Transfo writes"), shown);
      }
  if (g_strcmp0 (type, "trigger") == 0)
    switch (problem)
      {
      case PROBLEM_UNEXPECTED:
        return g_strdup_printf (_("an unexpected trigger “%s”"), shown);
      case PROBLEM_MISSING:
        return g_strdup_printf (_("the trigger “%s” is missing"), shown);
      case PROBLEM_CHANGED:
      default:
        return g_strdup_printf (_("the trigger “%s” is not the one Transfo writes"), shown);
      }
  return g_strdup_printf (_("an unexpected entry “%s” in its schema"), shown);
}

static gboolean
refuse (const char  *display,
        const char  *type,
        const char  *name,
        Problem      problem,
        GError     **error)
{
  g_autofree char *what = describe_problem (type, name, problem);

  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE,
               /* Translators: the first %s is a file name, the second says what differs,
                * e.g. "an unexpected view “foo”". */
               _("%s is not a Transfo archive as this version writes it: %s. It was changed outside Transfo, so it is not opened; the file was left untouched"),
               display, what);
  return FALSE;
}

static gboolean
read_failed (sqlite3     *db,
             const char  *display,
             int          rc,
             GError     **error)
{
  int code = rc & 0xff;

  g_set_error (error, TF_STORE_ERROR,
               code == SQLITE_CORRUPT || code == SQLITE_NOTADB
               ? TF_STORE_ERROR_CORRUPT : TF_STORE_ERROR_FAILED,
               _("%s cannot be read: %s"), display, sqlite3_errmsg (db));
  return FALSE;
}

gboolean
tf_store_guard_check_schema (sqlite3     *db,
                             const char  *display,
                             GError     **error)
{
  return tf_store_guard_check_schema_with (db, display, NULL, error);
}

gboolean
tf_store_guard_check_schema_with (sqlite3     *db,
                                  const char  *display,
                                  const char  *extra,
                                  GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *expected;
  GHashTableIter iter;
  sqlite3_stmt *stmt = NULL;
  SchemaRow *missing = NULL;
  gint64 version = -1;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      version = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_OK)
    return read_failed (db, display, rc, error);
  if (version > TF_SCHEMA_VERSION)
    return tf_store_refuse_too_new (error, display, version);
  if (version < 0)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE,
                   _("%s is not a Transfo archive"), display);
      return FALSE;
    }

  g_mutex_lock (&expected_lock);
  if (expected_schemas[extra != NULL][version] == NULL)
    expected_schemas[extra != NULL][version] = build_expected_schema ((int) version, extra, error);
  expected = expected_schemas[extra != NULL][version];
  g_mutex_unlock (&expected_lock);
  if (expected == NULL)
    return FALSE;

  rc = sqlite3_prepare_v2 (db, SCHEMA_QUERY, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaRow *row = schema_row_read (stmt);
      SchemaRow *mine = g_hash_table_lookup (expected, row->name ? row->name : "");
      gboolean allowed = FALSE;

      rc = SQLITE_OK;
      for (guint i = 0; mine == NULL && i < G_N_ELEMENTS (allowed_extras); i++)
        allowed = allowed || schema_row_equal (row, &allowed_extras[i]);

      if (mine != NULL && schema_row_equal (row, mine))
        g_hash_table_add (seen, mine->name);
      else if (!allowed)
        {
          refuse (display, mine != NULL ? mine->type : row->type, row->name,
                  mine != NULL ? PROBLEM_CHANGED : PROBLEM_UNEXPECTED, error);
          schema_row_free (row);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      schema_row_free (row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return read_failed (db, display, rc, error);

  /* The first missing one in a stable order, for a stable message. */
  g_hash_table_iter_init (&iter, expected);
  for (gpointer value; g_hash_table_iter_next (&iter, NULL, &value);)
    {
      SchemaRow *row = value;

      if (!g_hash_table_contains (seen, row->name) &&
          (missing == NULL || strcmp (row->name, missing->name) < 0))
        missing = row;
    }
  if (missing != NULL)
    return refuse (display, missing->type, missing->name, PROBLEM_MISSING, error);

  return TRUE;
}
