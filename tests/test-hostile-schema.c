/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tf-archive.h"
#include "tf-experiment-commands.h"
#include "tf-history.h"
#include "tf-store-guard.h"
#include "tf-store-private.h"
#include "insights/tf-insight-commands.h"
#include "insights/tf-insight-csv.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* An archive is a document that arrives by email or on a stick: these
 * archives were made by hand from a valid one, with plain SQLite, to make
 * Transfo run SQL of their own, hang or misbehave. Each one is refused at
 * open, quickly, naming what is wrong, and stays byte for byte what it was;
 * the command line refuses it too, within a time bound. And SQL planted in
 * the file's triggers never runs, even when it gets there behind the
 * program's back while the archive is open.
 *
 *   test-hostile-schema [PATH-TO-TRANSFO]   (without it, the command-line cases skip) */

/* Refusing a file reads only its schema: milliseconds. Generous bounds, for
 * a loaded machine and the sanitizers. */
#define OPEN_DEADLINE_US  (5 * G_USEC_PER_SEC)
#define CLI_DEADLINE_S    20

static const char *transfo_path;

/* Raw SQLite, bypassing the store: the hostile author's tools. */

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("cannot open %s: %s", path, sqlite3_errmsg (db));
  return db;
}

static void
raw_close (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Rewrites the stored SQL of schema entry @name with writable_schema, as
 * an attacker would: @sql_expr is an SQL expression of the old text `sql`.
 * The schema cookie moves, so connections already open read the new text. */
static void
raw_rewrite_schema (sqlite3    *db,
                    const char *name,
                    const char *sql_expr)
{
  gint64 cookie = tf_test_sql_int (db, "PRAGMA schema_version");
  g_autofree char *update = NULL;
  g_autofree char *bump = g_strdup_printf ("PRAGMA schema_version = %" G_GINT64_FORMAT, cookie + 1);
  char *quoted = sqlite3_mprintf ("%Q", name);

  update = g_strdup_printf ("UPDATE sqlite_schema SET sql = %s WHERE name = %s", sql_expr, quoted);
  sqlite3_free (quoted);
  tf_test_sql_exec (db, "PRAGMA writable_schema = ON");
  tf_test_sql_exec (db, update);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  tf_test_sql_exec (db, bump);
  tf_test_sql_exec (db, "PRAGMA writable_schema = OFF");
}

/* The statements planted after a trigger's END: attach another archive and
 * empty it, attach a new file and write to it (the canary). */
static char *
planted_statements (const char *other,
                    const char *canary)
{
  char *sql = sqlite3_mprintf ("; ATTACH %Q AS victim; DELETE FROM victim.items;"
                               " ATTACH %Q AS canary; CREATE TABLE canary.pwned (a)",
                               other, canary);
  char *copy = g_strdup (sql);

  sqlite3_free (sql);
  return copy;
}

/* `sql || '<planted>'`, quoted for SQL. */
static char *
append_expr (const char *planted)
{
  char *quoted = sqlite3_mprintf ("sql || %Q", planted);
  char *copy = g_strdup (quoted);

  sqlite3_free (quoted);
  return copy;
}

/* A valid archive with the demo experiment, closed: one file, no -wal. */
static void
make_archive (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_test_store_open (path, TF_STORE_OPEN_CREATE, &error);

  g_autofree char *lock = g_strconcat (path, ".lock", NULL);

  g_assert_no_error (error);
  tf_store_close (store);
  /* The file alone, as it arrives by email. */
  g_remove (lock);
}

static gint64
count_items (const char *path)
{
  sqlite3 *db = raw_open (path);
  gint64 n = tf_test_sql_int (db, "SELECT count(*) FROM items");

  raw_close (db);
  return n;
}

static void
assert_no_companions (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *companion = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (companion, G_FILE_TEST_EXISTS))
        g_error ("%s was left beside the refused archive", companion);
    }
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* The hostile archives. */

typedef struct {
  const char *name;
  const char *sql;         /* run on the valid archive; NULL for the planted ones */
  const char *rewrite;     /* or: the schema entry whose SQL is rewritten… */
  const char *from;        /* …replacing this in it… */
  const char *to;          /* …by this (NULL: append the planted statements) */
  const char *named;       /* what the refusal must name */
} Hostile;

static const Hostile hostiles[] = {
  { "view", "CREATE VIEW foo AS SELECT title FROM experiments", NULL, NULL, NULL, "foo" },
  /* What the user types, rewritten and copied elsewhere. */
  { "trigger",
    "CREATE TRIGGER copy_typing AFTER INSERT ON items BEGIN"
    " UPDATE items SET text = 'rewritten' WHERE id = new.id;"
    " INSERT INTO tags (name) VALUES (new.text); END",
    NULL, NULL, NULL, "copy_typing" },
  { "table", "CREATE TABLE notes_copy (text TEXT)", NULL, NULL, NULL, "notes_copy" },
  { "index", "CREATE INDEX items_by_text ON items (text)", NULL, NULL, NULL, "items_by_text" },
  { "missing-trigger", "DROP TRIGGER items_fts_au", NULL, NULL, NULL, "items_fts_au" },
  { "column-type", NULL, "stamps", "asset_id  INTEGER", "asset_id  TEXT", "stamps" },
  /* The list of experiments, endless: `list` used to loop forever. */
  { "endless-view",
    "PRAGMA foreign_keys = OFF;"
    "DROP TABLE experiments;"
    "CREATE VIEW experiments AS WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
    " SELECT i AS id, 'u' || i AS uuid, 'Boucle ' || i AS title, '' AS theme, '' AS place,"
    " '' AS territory, '' AS department, '' AS start_date, '' AS end_date, 0 AS phase,"
    " 0 AS status, '' AS team, '' AS context, '' AS outcomes, '' AS lessons,"
    " '' AS created_at, '' AS modified_at FROM n",
    NULL, NULL, NULL, "experiments" },
  /* A second statement after END, dormant: it passes quick_check. */
  { "trailing-statement", NULL, "experiments_fts_ad", NULL, NULL, "experiments_fts_ad" },
  { "trailing-statement-items-fts-ai", NULL, "items_fts_ai", NULL, NULL, "items_fts_ai" },
  /* A name that would drive the terminal that prints the refusal. */
  { "escape-sequence-name", "CREATE VIEW \"\x1b]0;owned\x07\x1b[2J\" AS SELECT 1", NULL, NULL, NULL, "owned" },
};

typedef struct {
  char   *dir;
  char   *path;
  char   *other;    /* a valid archive the planted SQL would empty */
  char   *canary;   /* the file the planted SQL would create */
  gint64  other_items;
  gint64  experiment_id;
  GBytes *before;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const Hostile *hostile = data;
  sqlite3 *db;

  f->dir = tf_test_make_dir ("test-hostile-schema");
  f->path = g_build_filename (f->dir, "hostile.sqlite", NULL);
  f->other = g_build_filename (f->dir, "other.sqlite", NULL);
  f->canary = g_build_filename (f->dir, "canary.sqlite", NULL);
  make_archive (f->path);
  make_archive (f->other);
  f->other_items = count_items (f->other);
  g_assert_cmpint (f->other_items, >, 0);

  db = raw_open (f->path);
  f->experiment_id = tf_test_sql_int (db, "SELECT min (id) FROM experiments");
  if (hostile->sql != NULL)
    tf_test_sql_exec (db, hostile->sql);
  else if (hostile->from != NULL)
    {
      char *expr = sqlite3_mprintf ("replace (sql, %Q, %Q)", hostile->from, hostile->to);
      g_autofree char *old = NULL;
      g_autofree char *query = g_strdup_printf ("SELECT sql FROM sqlite_schema WHERE name = '%s'",
                                                hostile->rewrite);

      old = tf_test_sql_text (db, query);
      g_assert_nonnull (strstr (old, hostile->from));
      raw_rewrite_schema (db, hostile->rewrite, expr);
      sqlite3_free (expr);
    }
  else
    {
      g_autofree char *planted = planted_statements (f->other, f->canary);
      g_autofree char *expr = append_expr (planted);

      raw_rewrite_schema (db, hostile->rewrite, expr);
    }
  /* The hostile file is plain SQLite: it passes SQLite's own check. */
  {
    g_autofree char *check = tf_test_sql_text (db, "PRAGMA quick_check");
    g_assert_cmpstr (check, ==, "ok");
  }
  raw_close (db);
  assert_no_companions (f->path);
  f->before = read_file (f->path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->before, g_bytes_unref);
  tf_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->other);
  g_free (f->canary);
}

/* Nothing the planted SQL would do happened, and the file is unchanged. */
static void
assert_untouched (Fixture *f)
{
  g_autoptr(GBytes) after = read_file (f->path);

  g_assert_true (g_bytes_equal (after, f->before));
  assert_no_companions (f->path);
  g_assert_false (g_file_test (f->canary, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_items (f->other), ==, f->other_items);
}

static void
assert_refusal_message (const char    *message,
                        const Hostile *hostile)
{
  g_assert_nonnull (strstr (message, "is not a Transfo archive as this version writes it"));
  g_assert_nonnull (strstr (message, hostile->named));
  g_assert_nonnull (strstr (message, "left untouched"));
  /* A name from the file carries no control character to the terminal. */
  for (const char *p = message; *p != '\0'; p++)
    g_assert_false (*p == '\x1b' || *p == '\x07');
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  const Hostile *hostile = data;
  static const TfStoreOpenFlags modes[] = {
    TF_STORE_OPEN_DEFAULT,
    TF_STORE_OPEN_READ_ONLY,
    TF_STORE_OPEN_CREATE,
    TF_STORE_OPEN_ALLOW_READ_ONLY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TfStore) store = NULL;
      gint64 start = g_get_monotonic_time ();

      store = tf_test_store_open (f->path, modes[i], &error);
      g_assert_cmpint (g_get_monotonic_time () - start, <, OPEN_DEADLINE_US);
      g_assert_null (store);
      g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE);
      g_test_message ("%s", error->message);
      assert_refusal_message (error->message, hostile);
      assert_untouched (f);
    }
}

/* The command line. */

typedef struct {
  gboolean  done;
  char     *out;
  char     *err;
  GError   *error;
} Communication;

static void
on_communicated (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communication *c = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &c->out, &c->err, &c->error);
  c->done = TRUE;
}

/* Runs transfo with @args; fails the test if it does not end within the
 * deadline. Returns its exit status and its error output. */
static int
run_transfo (const char * const *args,
             char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Communication c = { FALSE, NULL, NULL, NULL };
  gboolean timed_out = FALSE;
  guint timeout;

  g_ptr_array_add (argv, (gpointer) transfo_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated, &c);
  timeout = g_timeout_add_seconds (CLI_DEADLINE_S, tf_test_timed_out, &timed_out);
  while (!c.done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!c.done)
    {
      g_subprocess_force_exit (process);
      while (!c.done)
        g_main_context_iteration (NULL, TRUE);
      g_error ("transfo %s did not end within %d s", args[2], CLI_DEADLINE_S);
    }
  g_source_remove (timeout);
  g_assert_no_error (c.error);
  g_free (c.out);
  *err = c.err;
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
test_cli_refuses (Fixture       *f,
                  gconstpointer  data)
{
  const Hostile *hostile = data;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->experiment_id);
  g_autofree char *output = g_build_filename (f->dir, "export.svg", NULL);
  const char *commands[][8] = {
    { "--archive", f->path, "list", NULL },
    { "--archive", f->path, "list", "--json", NULL },
    { "--archive", f->path, "show", id, NULL },
    { "--archive", f->path, "search", "boucle", NULL },
    { "--archive", f->path, "export", id, "--format", "svg", "-o", output },
  };

  if (transfo_path == NULL)
    {
      g_test_skip ("no transfo binary given");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *err = NULL;
      const char *args[9] = { NULL };
      int status;

      memcpy (args, commands[i], sizeof commands[i]);
      status = run_transfo (args, &err);
      g_assert_cmpint (status, ==, 1);
      g_assert_true (g_str_has_prefix (err, "transfo: "));
      assert_refusal_message (err, hostile);
      g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
      assert_untouched (f);
    }
}

/* SQL planted in the items_fts triggers while the archive is open (another
 * process, or a copy swapped in behind the program's back): the bulk paths
 * — an insight import, and the undo of an edit of more than 500 items — drop
 * and recreate those triggers, and must never run their stored text. */

static gint64
run (TfHistory *history,
     TfCommand *command)
{
  g_autoptr(TfCommand) owned = command;
  g_autoptr(GError) error = NULL;

  if (!tf_history_execute (history, command, &error))
    g_error ("%s: %s", tf_command_get_label (command), error->message);
  return tf_command_get_result_id (command);
}

static void
plant_in_items_fts_triggers (const char *path,
                             const char *other,
                             const char *canary,
                             gboolean    all_three)
{
  static const char * const triggers[] = { "items_fts_ai", "items_fts_ad", "items_fts_au" };
  g_autofree char *planted = planted_statements (other, canary);
  g_autofree char *expr = append_expr (planted);
  sqlite3 *db = raw_open (path);

  for (guint i = 0; i < (all_three ? G_N_ELEMENTS (triggers) : 1); i++)
    raw_rewrite_schema (db, triggers[i], expr);
  raw_close (db);
}

static void
assert_program_triggers (TfStore *store)
{
  static const struct {
    const char *name;
    const char *sql;
  } expected[] = {
    { "items_fts_ai", tf_schema_items_fts_ai },
    { "items_fts_ad", tf_schema_items_fts_ad },
    { "items_fts_au", tf_schema_items_fts_au },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *query = g_strdup_printf ("SELECT sql FROM sqlite_schema WHERE name = '%s'",
                                                expected[i].name);
      g_autofree char *sql = tf_test_sql_text (tf_store_get_db (store), query);

      g_assert_cmpstr (sql, ==, expected[i].sql);
    }
}

static void
test_planted_while_open (void)
{
  g_autofree char *dir = tf_test_make_dir ("test-hostile-planted");
  g_autofree char *path = g_build_filename (dir, "archive.sqlite", NULL);
  g_autofree char *other1 = g_build_filename (dir, "other1.sqlite", NULL);
  g_autofree char *other2 = g_build_filename (dir, "other2.sqlite", NULL);
  g_autofree char *canary1 = g_build_filename (dir, "canary1.sqlite", NULL);
  g_autofree char *canary2 = g_build_filename (dir, "canary2.sqlite", NULL);
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Hostile");
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_insight_row_free);
  g_autoptr(GBytes) csv_bytes = g_bytes_new_static ("quote\nUne seule remarque\n", 25);
  g_autoptr(TfInsightCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfHistory) history = NULL;
  gint64 experiment, wall, other1_items, other2_items;

  make_archive (other1);
  make_archive (other2);
  other1_items = count_items (other1);
  other2_items = count_items (other2);

  store = tf_test_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  history = tf_history_new (store);
  experiment = run (history, tf_command_create_experiment (draft));
  wall = run (history, tf_command_add_board (experiment, "insight-wall", "Mur"));

  /* An edit of more than 500 items, to undo later. */
  for (guint i = 0; i < 600; i++)
    {
      TfInsightRow *row = tf_insight_row_new ();

      g_free (row->quote);
      row->quote = g_strdup_printf ("Remarque %u", i);
      g_ptr_array_add (many, row);
    }
  run (history, tf_command_import_insights (wall, many));

  /* An import of one CSV line. */
  plant_in_items_fts_triggers (path, other1, canary1, FALSE);
  csv = tf_insight_csv_parse (csv_bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csv->rows->len, ==, 1);
  run (history, tf_command_import_insights (wall, csv->rows));
  g_assert_false (g_file_test (canary1, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_items (other1), ==, other1_items);
  assert_program_triggers (store);

  /* Undo of both imports: the second one takes the bulk path. */
  plant_in_items_fts_triggers (path, other2, canary2, TRUE);
  tf_test_undo (history);
  tf_test_undo (history);
  g_assert_false (g_file_test (canary2, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_items (other2), ==, other2_items);
  assert_program_triggers (store);
  {
    g_autoptr(GPtrArray) hits = tf_archive_search (store, "remarque", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 0);
  }

  g_clear_object (&history);
  tf_store_close (store);
  g_clear_object (&store);
  tf_test_remove_tree (dir);
}

/* The connection refuses what no Transfo statement needs. */
static void
test_connection_hardened (void)
{
  g_autofree char *dir = tf_test_make_dir ("test-hostile-connection");
  g_autofree char *path = g_build_filename (dir, "archive.sqlite", NULL);
  g_autofree char *outside = g_build_filename (dir, "outside.sqlite", NULL);
  g_autofree char *elsewhere = g_build_filename (dir, "elsewhere.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_test_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  const char *refused[] = {
    NULL,  /* ATTACH outside */
    NULL,  /* VACUUM INTO elsewhere */
    "SELECT load_extension ('libm.so.6')",
    "SELECT fts3_tokenizer ('simple')",
    "SELECT fts5 (NULL)",
    "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = sql WHERE name = 'items'",
    "CREATE VIEW later AS SELECT 1; SELECT * FROM later",
  };
  g_autofree char *attach = NULL;
  g_autofree char *vacuum = NULL;

  g_assert_no_error (error);
  {
    char *quoted = sqlite3_mprintf ("ATTACH %Q AS outside", outside);
    attach = g_strdup (quoted);
    sqlite3_free (quoted);
    quoted = sqlite3_mprintf ("VACUUM INTO %Q", elsewhere);
    vacuum = g_strdup (quoted);
    sqlite3_free (quoted);
  }
  refused[0] = attach;
  refused[1] = vacuum;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      char *message = NULL;

      g_assert_cmpint (sqlite3_exec (tf_store_get_db (store), refused[i], NULL, NULL, &message), !=, SQLITE_OK);
      g_test_message ("%s: %s", refused[i], message);
      sqlite3_free (message);
    }
  g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (elsewhere, G_FILE_TEST_EXISTS));

  tf_store_close (store);
  g_clear_object (&store);
  tf_test_remove_tree (dir);
}

/* A statement that runs away is stopped with an error, not a hang, and the
 * connection goes on afterwards. */
static void
test_query_bound (void)
{
  g_autofree char *dir = tf_test_make_dir ("test-hostile-bound");
  g_autofree char *path = g_build_filename (dir, "archive.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_test_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  sqlite3_stmt *stmt;
  gint64 start;
  int rc;

  g_assert_no_error (error);
  g_assert_cmpint (tf_store_set_query_limit (store, 200 * 1000), ==, 60 * G_USEC_PER_SEC);

  /* Through the store's statement cache… */
  stmt = tf_store_prepare (store,
                           "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                           " SELECT count (*) FROM n",
                           &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  rc = sqlite3_step (stmt);
  g_assert_cmpint (rc, ==, SQLITE_INTERRUPT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, OPEN_DEADLINE_US);
  g_assert_false (tf_store_fail (store, &error, "Could not read the archive"));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "was stopped"));
  g_clear_error (&error);
  sqlite3_reset (stmt);

  /* …and around it: each statement gets its own time. */
  start = g_get_monotonic_time ();
  g_assert_cmpint (sqlite3_exec (tf_store_get_db (store),
                                 "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                                 " SELECT count (*) FROM n",
                                 NULL, NULL, NULL), ==, SQLITE_INTERRUPT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, OPEN_DEADLINE_US);

  /* The connection works on. */
  {
    g_autoptr(GListStore) list = tf_archive_list_experiments (store, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  }

  tf_store_close (store);
  g_clear_object (&store);
  tf_test_remove_tree (dir);
}

/* ANALYZE, run by a database tool, adds SQLite's own statistics tables: the
 * archive is still ours. An AUTOINCREMENT table (and its sqlite_sequence) is
 * not. */
static void
test_sqlite_tables (void)
{
  g_autofree char *dir = tf_test_make_dir ("test-hostile-stat");
  g_autofree char *path = g_build_filename (dir, "archive.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  sqlite3 *db;

  make_archive (path);
  db = raw_open (path);
  tf_test_sql_exec (db, "ANALYZE");
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count (*) FROM sqlite_schema WHERE name = 'sqlite_stat1'"), ==, 1);
  raw_close (db);

  store = tf_test_store_open (path, TF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  tf_store_close (store);
  g_clear_object (&store);

  db = raw_open (path);
  tf_test_sql_exec (db, "CREATE TABLE counter (id INTEGER PRIMARY KEY AUTOINCREMENT); INSERT INTO counter DEFAULT VALUES");
  raw_close (db);
  store = tf_test_store_open (path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE);
  g_assert_nonnull (strstr (error->message, "counter"));

  tf_test_remove_tree (dir);
}

/* The check reads only the schema: it does not grow with the archive. */
static void
test_check_cost (void)
{
  g_autofree char *dir = tf_test_make_dir ("test-hostile-cost");
  g_autofree char *path = g_build_filename (dir, "archive.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  gint64 start, elapsed;

  make_archive (path);
  db = raw_open (path);
  tf_test_sql_exec (db, "PRAGMA foreign_keys = OFF");
  tf_test_sql_exec (db, "BEGIN;"
                "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)"
                " INSERT INTO items (board_id, kind, text)"
                " SELECT (SELECT min (id) FROM boards), 'note', 'note ' || i FROM n;"
                "COMMIT");
  raw_close (db);

  db = raw_open (path);
  start = g_get_monotonic_time ();
  g_assert_true (tf_store_guard_check_schema (db, "archive", &error));
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  raw_close (db);
  g_test_message ("schema check on an archive of 200,000 items: %.2f ms", elapsed / 1000.0);
  g_assert_cmpint (elapsed, <, 100 * 1000);

  tf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  if (argc > 1)
    transfo_path = argv[1];

  for (guint i = 0; i < G_N_ELEMENTS (hostiles); i++)
    {
      g_autofree char *open_path = g_strdup_printf ("/hostile-schema/open/%s", hostiles[i].name);
      g_autofree char *cli_path = g_strdup_printf ("/hostile-schema/cli/%s", hostiles[i].name);

      g_test_add (open_path, Fixture, &hostiles[i], fixture_setup, test_refused, fixture_teardown);
      g_test_add (cli_path, Fixture, &hostiles[i], fixture_setup, test_cli_refuses, fixture_teardown);
    }
  g_test_add_func ("/hostile-schema/planted-while-open", test_planted_while_open);
  g_test_add_func ("/hostile-schema/connection-hardened", test_connection_hardened);
  g_test_add_func ("/hostile-schema/query-bound", test_query_bound);
  g_test_add_func ("/hostile-schema/sqlite-tables", test_sqlite_tables);
  g_test_add_func ("/hostile-schema/check-cost", test_check_cost);

  return g_test_run ();
}
