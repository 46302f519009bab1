/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <utime.h>
#include <unistd.h>

#include "tf-archive.h"
#include "tf-experiment-commands.h"
#include "tf-experiment-private.h"
#include "tf-store-private.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* Storage: creating, migrating, validating and locking archives. */

/* Each test works in a directory of its own, removed when it passed. (Not
 * G_TEST_OPTION_ISOLATE_DIRS: with GLib 2.74 it leaks the previous XDG
 * strings at every test, which LeakSanitizer reports and, GLib having no
 * frame pointers, no suppression can name.) */
typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = tf_test_make_dir ("test-store");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tf_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
test_path (Fixture    *f,
           const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static char *
sibling (const char *path,
         const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

static const char * const sidecar_suffixes[] = { "-wal", "-shm", "-journal", ".lock" };

static void
assert_no_sidecars (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *side = sibling (path, sidecar_suffixes[i]);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_error ("%s was created next to a file that must be left untouched", side);
    }
}

/* Which of the sidecar files exist, as a bit mask. */
static guint
sidecars_present (const char *path)
{
  guint mask = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    {
      g_autofree char *side = sibling (path, sidecar_suffixes[i]);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        mask |= 1u << i;
    }
  return mask;
}

static void
assert_same_sidecars (const char *path,
                      guint       before)
{
  guint after = sidecars_present (path);

  for (guint i = 0; i < G_N_ELEMENTS (sidecar_suffixes); i++)
    if ((after & (1u << i)) && !(before & (1u << i)))
      g_error ("%s%s was created next to a file that must be left untouched",
               path, sidecar_suffixes[i]);
}

static void
write_file (const char   *path,
            const void   *data,
            gssize        len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* Opens a file with plain SQLite, bypassing the store, to see what is on disk. */
static sqlite3 *
raw_open (const char *path,
          gboolean    writable)
{
  sqlite3 *db = NULL;
  int flags = writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;

  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    g_error ("cannot open %s: %s", path, sqlite3_errmsg (db));
  return db;
}

static void
raw_close (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static TfStore *
open_ok (const char       *path,
         TfStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  TfStore *store = tf_test_store_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_true (TF_IS_STORE (store));
  return store;
}

static guint
count_experiments (TfStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) list = tf_archive_list_experiments (store, NULL, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* What a newly created archive must look like on disk. */
static void
assert_archive_on_disk (const char *path)
{
  sqlite3 *db = raw_open (path, FALSE);
  g_autofree char *journal = tf_test_sql_text (db, "PRAGMA journal_mode");

  g_assert_cmpint (tf_test_sql_int (db, "PRAGMA user_version"), ==, TF_SCHEMA_VERSION);
  g_assert_cmpint (tf_test_sql_int (db, "PRAGMA application_id"), ==, TF_APPLICATION_ID);
  g_assert_cmpstr (journal, ==, "wal");
  for (guint i = 0; tf_schema_tracked_tables[i] != NULL; i++)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s'",
                         tf_schema_tracked_tables[i]);
      g_assert_cmpint (tf_test_sql_int (db, sql), ==, 1);
    }
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'experiments_fts'"), ==, 1);
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'items_fts'"), ==, 1);
  raw_close (db);
}

static void
assert_connection_settings (TfStore *store)
{
  sqlite3 *db = tf_store_get_db (store);
  g_autofree char *journal = tf_test_sql_text (db, "PRAGMA journal_mode");

  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (tf_test_sql_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (tf_test_sql_int (db, "PRAGMA user_version"), ==, TF_SCHEMA_VERSION);
  g_assert_cmpint (tf_test_sql_int (db, "PRAGMA application_id"), ==, TF_APPLICATION_ID);
  g_assert_cmpint (tf_store_get_schema_version (store), ==, TF_SCHEMA_VERSION);
}

static void
test_create_with_demo (Fixture       *f,
                      gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "new/sub/archive.sqlite");
  g_autofree char *wal = sibling (path, "-wal");
  g_autoptr(GError) error = NULL;
  TfStore *store;
  gint64 demo;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  store = open_ok (path, TF_STORE_OPEN_CREATE);
  g_assert_cmpstr (tf_store_get_path (store), ==, path);
  g_assert_false (tf_store_get_read_only (store));
  assert_connection_settings (store);

  demo = tf_archive_find_demo (store);
  g_assert_cmpint (demo, >, 0);
  g_assert_cmpuint (count_experiments (store), ==, 1);
  g_assert_true (tf_store_check_integrity (store, &error));
  g_assert_no_error (error);

  g_assert_finalize_object (store);
  /* Closing the last connection checkpoints the WAL and removes it. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_archive_on_disk (path);

  {
    sqlite3 *db = raw_open (path, FALSE);
    g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM experiments"), ==, 1);
    /* The insight wall, the actor map, the blueprint and the mockup. */
    g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM boards"), ==, 4);
    g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM items WHERE kind = 'note'"), ==, 9);
    g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM items WHERE kind = 'pool'"), ==, 3);
    g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM experiment_tags"), ==, 4);
    raw_close (db);
  }
}

static void
test_create_no_demo (Fixture       *f,
                    gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "empty.sqlite");
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO);

  assert_connection_settings (store);
  g_assert_cmpint (tf_archive_find_demo (store), ==, 0);
  g_assert_cmpuint (count_experiments (store), ==, 0);
  g_assert_finalize_object (store);

  assert_archive_on_disk (path);
  {
    sqlite3 *db = raw_open (path, FALSE);
    for (guint i = 0; tf_schema_tracked_tables[i] != NULL; i++)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tf_schema_tracked_tables[i]);
        g_assert_cmpint (tf_test_sql_int (db, sql), ==, 0);
      }
    raw_close (db);
  }
}

static void
test_integrity_fresh (Fixture       *f,
                     gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "fresh.sqlite");
  g_autoptr(GError) error = NULL;
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE);

  g_assert_true (tf_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  store = open_ok (path, TF_STORE_OPEN_READ_ONLY);
  g_assert_true (tf_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);
}

/* An SQLite file with no table, no user_version and no application id (what
 * "sqlite3 file .quit" or a crashed first run leaves) is an archive to set up. */
static void
test_migrate_from_empty_database (Fixture       *f,
                                 gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "blank.sqlite");
  sqlite3 *db = raw_open (path, TRUE);
  TfStore *store;

  /* Force SQLite to write its header: a blank database with a page size. */
  tf_test_sql_exec (db, "PRAGMA page_size = 4096; VACUUM;");
  raw_close (db);
  db = raw_open (path, FALSE);
  g_assert_cmpint (tf_test_sql_int (db, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (tf_test_sql_int (db, "PRAGMA application_id"), ==, 0);
  raw_close (db);

  store = open_ok (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO);
  assert_connection_settings (store);
  g_assert_cmpuint (count_experiments (store), ==, 0);
  g_assert_finalize_object (store);
  assert_archive_on_disk (path);
}

/* An archive of ours whose migrations never ran (user_version 0) is brought
 * up to date by running every migration from the first. */
static void
test_migrate_from_version_zero (Fixture       *f,
                               gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "v0.sqlite");
  g_autoptr(GError) error = NULL;
  g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d", TF_APPLICATION_ID);
  sqlite3 *db = raw_open (path, TRUE);
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Après migration");
  g_autoptr(TfCommand) command = NULL;
  TfStore *store;

  tf_test_sql_exec (db, set_id);
  raw_close (db);

  store = open_ok (path, TF_STORE_OPEN_DEFAULT);
  assert_connection_settings (store);
  /* The migrated schema works: an edit goes through, triggers included. */
  command = tf_command_create_experiment (draft);
  g_assert_true (tf_command_execute (command, store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_experiments (store), ==, 1);
  {
    g_autoptr(GPtrArray) hits = tf_archive_search (store, "apres", 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
  g_clear_object (&command);
  g_assert_finalize_object (store);
  assert_archive_on_disk (path);
}

static void
test_reopen (Fixture       *f,
            gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "reopen.sqlite");
  g_autoptr(GError) error = NULL;
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE);
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Deuxième");
  g_autoptr(TfCommand) command = tf_command_create_experiment (draft);
  gint64 demo = tf_archive_find_demo (store);
  gint64 id;

  g_assert_true (tf_command_execute (command, store, &error));
  g_assert_no_error (error);
  id = tf_command_get_result_id (command);
  g_assert_finalize_object (store);

  /* Reopening, with or without CREATE, neither migrates again nor adds a
   * second demo. */
  for (guint round = 0; round < 3; round++)
    {
      TfStoreOpenFlags flags = round == 0 ? TF_STORE_OPEN_DEFAULT : TF_STORE_OPEN_CREATE;
      g_autoptr(TfExperiment) found = NULL;

      store = open_ok (path, flags);
      assert_connection_settings (store);
      g_assert_cmpint (tf_archive_find_demo (store), ==, demo);
      g_assert_cmpuint (count_experiments (store), ==, 2);
      found = tf_archive_get_experiment (store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (tf_experiment_get_title (found), ==, "Deuxième");
      g_assert_cmpint (tf_test_sql_int (tf_store_get_db (store), "SELECT count(*) FROM items WHERE kind = 'note'"), ==, 9);
      g_assert_cmpint (tf_test_sql_int (tf_store_get_db (store), "SELECT count(*) FROM items WHERE kind = 'legend'"), ==, 1);
      g_assert_finalize_object (store);
    }

  store = open_ok (path, TF_STORE_OPEN_READ_ONLY);
  g_assert_true (tf_store_get_read_only (store));
  g_assert_cmpuint (count_experiments (store), ==, 2);
  g_assert_finalize_object (store);
  assert_archive_on_disk (path);
}

/* A file that is not ours is refused with @code, whatever the flags, and is
 * left exactly as it was: same bytes, no journal or lock file beside it. */
static void
assert_rejected (const char *path,
                 TfStoreError code)
{
  static const TfStoreOpenFlags all_flags[] = {
    TF_STORE_OPEN_DEFAULT,
    TF_STORE_OPEN_CREATE,
    TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO,
    TF_STORE_OPEN_READ_ONLY,
  };
  g_autoptr(GBytes) before = read_file (path);
  guint sidecars = sidecars_present (path);

  g_assert_cmpuint (sidecars, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (all_flags); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autofree char *base = g_path_get_basename (path);
      TfStore *store = tf_test_store_open (path, all_flags[i], &error);

      g_assert_null (store);
      g_assert_error (error, TF_STORE_ERROR, (int) code);
      /* The message names the file so the user knows which one. */
      g_assert_nonnull (strstr (error->message, base));

      after = read_file (path);
      g_assert_cmpuint (g_bytes_get_size (after), ==, g_bytes_get_size (before));
      g_assert_true (g_bytes_equal (before, after));
      assert_same_sidecars (path, sidecars);
    }
}

static void
test_reject_text_file (Fixture       *f,
                      gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "notes.txt");
  const char text[] = "Compte rendu de l'atelier du 5 octobre\nÀ relire avant jeudi.\n";

  write_file (path, text, -1);
  assert_rejected (path, TF_STORE_ERROR_NOT_ARCHIVE);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TfStore) store = tf_test_store_open (path, TF_STORE_OPEN_DEFAULT, &error);

    g_assert_null (store);
    g_assert_nonnull (strstr (error->message, "not a Transfo archive"));
  }
}

static void
test_reject_short_file (Fixture       *f,
                       gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "short.bin");

  /* Shorter than SQLite's 16-byte magic, and a truncated magic. */
  write_file (path, "SQLite", 6);
  assert_rejected (path, TF_STORE_ERROR_NOT_ARCHIVE);
  write_file (path, "SQLite format 3", 15);
  assert_rejected (path, TF_STORE_ERROR_NOT_ARCHIVE);
}

static void
test_reject_random_bytes (Fixture       *f,
                         gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "random.bin");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20091001);
  guint8 data[64 * 1024];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  write_file (path, data, sizeof data);
  assert_rejected (path, TF_STORE_ERROR_NOT_ARCHIVE);
}

static void
make_foreign_database (const char *path,
                       int         application_id,
                       gboolean    wal)
{
  sqlite3 *db = raw_open (path, TRUE);
  g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d", application_id);

  if (wal)
    tf_test_sql_exec (db, "PRAGMA journal_mode = WAL");
  tf_test_sql_exec (db, set_id);
  tf_test_sql_exec (db,
           "CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT);"
           "INSERT INTO contacts (name) VALUES ('Mairie'), ('Préfecture');"
           "PRAGMA user_version = 1;");
  raw_close (db);
  assert_no_sidecars (path);
}

static void
test_reject_foreign_database (Fixture       *f,
                             gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "foreign.sqlite");
  g_autofree char *other = test_path (f, "other-app.sqlite");
  g_autofree char *no_table = test_path (f, "other-app-empty.sqlite");

  /* A database with tables and no application id. */
  make_foreign_database (path, 0, FALSE);
  assert_rejected (path, TF_STORE_ERROR_NOT_ARCHIVE);

  /* Another application's id. */
  make_foreign_database (other, 0x4d504246, FALSE);
  assert_rejected (other, TF_STORE_ERROR_NOT_ARCHIVE);

  /* Another application's id and no table yet: still not ours to take. */
  {
    sqlite3 *db = raw_open (no_table, TRUE);
    tf_test_sql_exec (db, "PRAGMA application_id = 1234; PRAGMA page_size = 4096; VACUUM;");
    raw_close (db);
    assert_rejected (no_table, TF_STORE_ERROR_NOT_ARCHIVE);
  }
}

/* A WAL-mode database of another application: looking at it must not leave
 * a -wal or -shm file behind. */
static void
test_reject_foreign_wal_database (Fixture       *f,
                                 gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "foreign-wal.sqlite");

  make_foreign_database (path, 0, TRUE);
  assert_rejected (path, TF_STORE_ERROR_NOT_ARCHIVE);
}

/* A file name with what URIs and shells treat specially. */
#define ODD_NAME "Été 2009 #3 ?100%&x=1.sqlite"

static void
test_odd_path (Fixture       *f,
              gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "dossier à part/" ODD_NAME);
  g_autofree char *foreign = test_path (f, "dossier à part/foreign " ODD_NAME);
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE);

  g_assert_cmpint (tf_archive_find_demo (store), >, 0);
  g_assert_finalize_object (store);
  assert_archive_on_disk (path);

  store = open_ok (path, TF_STORE_OPEN_DEFAULT);
  g_assert_cmpuint (count_experiments (store), ==, 1);
  g_assert_finalize_object (store);
  store = open_ok (path, TF_STORE_OPEN_READ_ONLY);
  g_assert_cmpuint (count_experiments (store), ==, 1);
  g_assert_finalize_object (store);

  make_foreign_database (foreign, 0, TRUE);
  assert_rejected (foreign, TF_STORE_ERROR_NOT_ARCHIVE);
}

static void
test_reject_too_new (Fixture       *f,
                    gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "future.sqlite");
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", TF_SCHEMA_VERSION + 1);
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE);
  sqlite3 *db;

  g_assert_finalize_object (store);
  db = raw_open (path, TRUE);
  tf_test_sql_exec (db, bump);
  raw_close (db);

  assert_rejected (path, TF_STORE_ERROR_TOO_NEW);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TfStore) refused = tf_test_store_open (path, TF_STORE_OPEN_DEFAULT, &error);
    g_autofree char *newer = g_strdup_printf ("%d", TF_SCHEMA_VERSION + 1);

    g_assert_null (refused);
    g_assert_nonnull (strstr (error->message, "newer"));
    g_assert_nonnull (strstr (error->message, newer));
  }
}

/* The same file in rollback-journal mode, so the check of the file cannot be
 * confused by the WAL: the refusal is about the version alone. */
static void
test_reject_too_new_rollback_journal (Fixture       *f,
                                     gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "future-delete.sqlite");
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", TF_SCHEMA_VERSION + 1);
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO);
  sqlite3 *db;

  g_assert_finalize_object (store);
  db = raw_open (path, TRUE);
  tf_test_sql_exec (db, "PRAGMA journal_mode = DELETE");
  tf_test_sql_exec (db, bump);
  raw_close (db);

  assert_rejected (path, TF_STORE_ERROR_TOO_NEW);
}

static gboolean
insert_many (TfStore   *store,
             gpointer   user_data,
             GError   **error)
{
  guint n = GPOINTER_TO_UINT (user_data);
  g_autoptr(GString) context = g_string_new (NULL);

  for (guint i = 0; i < 20; i++)
    g_string_append (context, "Une résidence au siège du conseil régional, avec les élus. ");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Expérimentation %u", i);
      g_autoptr(TfExperiment) draft = tf_experiment_new (title);

      tf_experiment_set_text (draft, TF_FIELD_CONTEXT, context->str);
      if (tf_experiment_insert (store, draft, NULL, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static void
test_reject_corrupt (Fixture       *f,
                    gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "corrupt.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (27);
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE);
  g_autoptr(GBytes) original = NULL;
  guint8 *data;
  gsize size, page = 4096, n_pages;
  sqlite3 *db;

  g_assert_true (tf_store_edit (store, insert_many, GUINT_TO_POINTER (2000), NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  /* Everything is in the main file: no WAL content left to read. */
  db = raw_open (path, TRUE);
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM experiments"), ==, 2001);
  page = (gsize) tf_test_sql_int (db, "PRAGMA page_size");
  tf_test_sql_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  raw_close (db);

  original = read_file (path);
  size = g_bytes_get_size (original);
  n_pages = size / page;
  g_assert_cmpuint (n_pages, >, 100);

  /* Scribble over a few whole pages in the middle of the file. */
  data = g_memdup2 (g_bytes_get_data (original, NULL), size);
  for (gsize p = n_pages / 2; p < n_pages / 2 + 4; p++)
    for (gsize i = 0; i < page; i++)
      data[p * page + i] = (guint8) g_rand_int_range (rand, 0, 256);
  write_file (path, data, (gssize) size);
  g_free (data);

  /* A cleanly closed archive opens without reading it all (opening must
   * not grow with the size): the full check finds the damage. */
  {
    g_autoptr(GError) verify_error = NULL;
    g_autoptr(TfStore) opened = tf_test_store_open (path, TF_STORE_OPEN_READ_ONLY, &verify_error);

    g_assert_no_error (verify_error);
    g_assert_false (tf_store_needs_check (opened));
    g_clear_object (&opened);
    g_assert_false (tf_store_verify (path, NULL, &verify_error));
    g_assert_error (verify_error, TF_STORE_ERROR, TF_STORE_ERROR_CORRUPT);
    g_assert_nonnull (strstr (verify_error->message, "damaged"));
  }

  /* The same damage in an archive that was not closed cleanly is refused
   * at open, and the file is left as it is. */
  data = g_memdup2 (g_bytes_get_data (original, NULL), size);
  write_file (path, data, (gssize) size);
  db = raw_open (path, TRUE);
  tf_test_sql_exec (db, "UPDATE archive_state SET clean = 0");
  raw_close (db);
  g_free (data);
  g_clear_pointer (&original, g_bytes_unref);
  original = read_file (path);
  data = g_memdup2 (g_bytes_get_data (original, NULL), size);
  for (gsize p = n_pages / 2; p < n_pages / 2 + 4; p++)
    for (gsize i = 0; i < page; i++)
      data[p * page + i] = (guint8) g_rand_int_range (rand, 0, 256);
  write_file (path, data, (gssize) size);
  g_free (data);
  assert_rejected (path, TF_STORE_ERROR_CORRUPT);
  {
    g_autoptr(GError) open_error = NULL;
    g_autoptr(TfStore) refused = tf_test_store_open (path, TF_STORE_OPEN_DEFAULT, &open_error);

    g_assert_null (refused);
    g_assert_nonnull (strstr (open_error->message, "damaged"));
  }

  /* A damaged header page is refused too. */
  data = g_memdup2 (g_bytes_get_data (original, NULL), size);
  memset (data + 100, 0xff, page - 100);
  write_file (path, data, (gssize) size);
  g_free (data);
  {
    g_autoptr(GError) open_error = NULL;
    g_autoptr(TfStore) refused = tf_test_store_open (path, TF_STORE_OPEN_CREATE, &open_error);

    g_assert_null (refused);
    g_assert_true (g_error_matches (open_error, TF_STORE_ERROR, TF_STORE_ERROR_CORRUPT) ||
                   g_error_matches (open_error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE));
  }

  /* Truncated to half its size. */
  write_file (path, g_bytes_get_data (original, NULL), (gssize) (size / 2));
  {
    g_autoptr(GError) open_error = NULL;
    g_autoptr(TfStore) refused = tf_test_store_open (path, TF_STORE_OPEN_DEFAULT, &open_error);

    g_assert_null (refused);
    g_assert_true (g_error_matches (open_error, TF_STORE_ERROR, TF_STORE_ERROR_CORRUPT) ||
                   g_error_matches (open_error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE));
  }
}

static void
test_reject_directory (Fixture       *f,
                      gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "a-folder.sqlite");
  g_autofree char *inside = g_build_filename (path, "keep.txt", NULL);
  g_autoptr(GError) error = NULL;
  TfStore *store;

  g_assert_no_errno (g_mkdir_with_parents (path, 0700));
  write_file (inside, "x", 1);

  store = tf_test_store_open (path, TF_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE);
  g_clear_error (&error);

  store = tf_test_store_open (path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  assert_no_sidecars (path);
}

static void
test_missing_file (Fixture       *f,
                  gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "missing.sqlite");
  g_autofree char *deep = test_path (f, "no/such/dir/missing.sqlite");
  const char *paths[] = { path, deep };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      static const TfStoreOpenFlags flags[] = { TF_STORE_OPEN_DEFAULT, TF_STORE_OPEN_READ_ONLY };

      for (guint j = 0; j < G_N_ELEMENTS (flags); j++)
        {
          g_autoptr(GError) error = NULL;
          TfStore *store = tf_test_store_open (paths[i], flags[j], &error);

          g_assert_null (store);
          g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_FOUND);
          g_assert_false (g_file_test (paths[i], G_FILE_TEST_EXISTS));
          assert_no_sidecars (paths[i]);
        }
    }
}

static void
test_empty_file (Fixture       *f,
                gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "zero.sqlite");
  g_autoptr(GError) error = NULL;
  TfStore *store;

  write_file (path, "", 0);

  /* Read-only cannot set it up, and must not write to it. */
  store = tf_test_store_open (path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr(GBytes) contents = read_file (path);
    g_assert_cmpuint (g_bytes_get_size (contents), ==, 0);
  }

  /* With CREATE, an empty file becomes a new archive, demo included. */
  store = open_ok (path, TF_STORE_OPEN_CREATE);
  assert_connection_settings (store);
  g_assert_cmpint (tf_archive_find_demo (store), >, 0);
  g_assert_true (tf_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  assert_archive_on_disk (path);
}

static void
test_lock (Fixture       *f,
          gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "locked.sqlite");
  g_autofree char *symlink_path = test_path (f, "symlink.sqlite");
  g_autofree char *hard_link_path = test_path (f, "hard-link.sqlite");
  g_autofree char *lock_sidecar = sibling (path, ".lock");
  g_autoptr(GError) error = NULL;
  TfStore *writer = open_ok (path, TF_STORE_OPEN_CREATE);
  TfStore *second;
  TfStore *reader;
  const char *names[] = { path, symlink_path, hard_link_path };

  /* The lock is on the file itself, not on a name: another name for the
   * same file (a symlink, a hard link) does not let a second writer in. */
  g_assert_no_errno (symlink (path, symlink_path));
  g_assert_no_errno (link (path, hard_link_path));
  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    for (guint i = 0; i < 3; i++)
      {
        TfStoreOpenFlags flags = i == 0 ? TF_STORE_OPEN_DEFAULT
                               : i == 1 ? TF_STORE_OPEN_CREATE
                               : TF_STORE_OPEN_CREATE | TF_STORE_OPEN_ALLOW_READ_ONLY;

        second = tf_test_store_open (names[n], flags, &error);
        g_assert_null (second);
        g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_LOCKED);
        g_assert_nonnull (strstr (error->message, "already open"));
        g_clear_error (&error);
      }
  /* And there is no lock file beside it. */
  g_assert_false (g_file_test (lock_sidecar, G_FILE_TEST_EXISTS));

  /* Readers do not take the lock. */
  reader = open_ok (path, TF_STORE_OPEN_READ_ONLY);
  g_assert_true (tf_store_get_read_only (reader));
  g_assert_cmpuint (count_experiments (reader), ==, 1);

  /* The writer still writes while a reader is open, and the reader sees it. */
  {
    g_autoptr(TfExperiment) draft = tf_experiment_new ("Pendant la lecture");
    g_autoptr(TfCommand) command = tf_command_create_experiment (draft);

    g_assert_true (tf_command_execute (command, writer, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_experiments (reader), ==, 2);
  }

  g_assert_finalize_object (writer);
  g_assert_finalize_object (reader);

  /* Once the writer is gone, another one may open it, by any name. (SQLite
   * names the log after the name it was given: two names for one file may
   * not be open at the same time, which the lock alone cannot tell.) */
  writer = open_ok (hard_link_path, TF_STORE_OPEN_DEFAULT);
  g_assert_cmpuint (count_experiments (writer), ==, 2);
  second = tf_test_store_open (path, TF_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_null (second);
  g_assert_finalize_object (writer);
  g_assert_no_errno (g_unlink (hard_link_path));
}

static gboolean
edit_must_not_run (TfStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  gboolean *ran = user_data;

  *ran = TRUE;
  return TRUE;
}

static void
test_read_only_refuses_edits (Fixture       *f,
                             gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "ro.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) changeset = NULL;
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE);
  gboolean ran = FALSE;

  /* A real changeset, to try to replay it on the read-only store. */
  {
    g_autoptr(TfCommand) command = tf_command_set_experiment_text (tf_archive_find_demo (store),
                                                                   TF_FIELD_PLACE, "Arras");
    g_assert_true (tf_command_execute (command, store, &error));
    g_assert_no_error (error);
    changeset = g_bytes_ref (tf_command_get_changeset (command));
  }
  g_assert_finalize_object (store);
  before = read_file (path);

  store = open_ok (path, TF_STORE_OPEN_READ_ONLY);
  g_assert_false (tf_store_edit (store, edit_must_not_run, &ran, NULL, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED);
  g_assert_false (ran);
  g_clear_error (&error);

  g_assert_false (tf_store_apply_changeset (store, changeset, TRUE, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED);
  g_clear_error (&error);

  {
    g_autoptr(TfCommand) command = tf_command_set_experiment_text (tf_archive_find_demo (store),
                                                                   TF_FIELD_PLACE, "Lens");
    g_assert_false (tf_command_execute (command, store, &error));
    g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED);
    g_clear_error (&error);
  }
  g_assert_finalize_object (store);

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));

  store = open_ok (path, TF_STORE_OPEN_DEFAULT);
  {
    g_autoptr(TfExperiment) demo = tf_archive_get_experiment (store, tf_archive_find_demo (store), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tf_experiment_get_text (demo, TF_FIELD_PLACE), ==, "Arras");
  }
  g_assert_finalize_object (store);
}

typedef struct {
  guint   n_emissions;
  GArray *last;  /* copy of the TfChange array of the last emission */
} ChangeLog;

static void
on_changed (TfStore  *store,
            GArray   *changes,
            gpointer  user_data)
{
  ChangeLog *log = user_data;

  log->n_emissions++;
  g_clear_pointer (&log->last, g_array_unref);
  log->last = g_array_sized_new (FALSE, FALSE, sizeof (TfChange), changes->len);
  g_array_append_vals (log->last, changes->data, changes->len);
}

static gboolean
log_has (ChangeLog  *log,
         const char *table,
         TfChangeOp  op,
         gint64      id)
{
  for (guint i = 0; log->last != NULL && i < log->last->len; i++)
    {
      TfChange *change = &g_array_index (log->last, TfChange, i);

      if (g_str_equal (change->table, table) && change->op == op && change->id == id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
insert_then_fail (TfStore   *store,
                  gpointer   user_data,
                  GError   **error)
{
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Jamais écrite");

  if (tf_experiment_insert (store, draft, NULL, error) == 0)
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "changed my mind");
  return FALSE;
}

static gboolean
insert_empty_title (TfStore   *store,
                    gpointer   user_data,
                    GError   **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "INSERT INTO experiments (uuid, title) VALUES ('x', '')",
                                         error);

  return stmt != NULL && tf_store_step_done (store, stmt, error);
}

/* A board of an experiment that does not exist. */
static gboolean
insert_orphan_board (TfStore   *store,
                     gpointer   user_data,
                     GError   **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "INSERT INTO boards (experiment_id, kind, name)"
                                         " VALUES (4242, 'mockup', 'Orpheline')",
                                         error);

  return stmt != NULL && tf_store_step_done (store, stmt, error);
}

static gboolean
insert_two (TfStore   *store,
            gpointer   user_data,
            GError   **error)
{
  gint64 *ids = user_data;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TfExperiment) draft = tf_experiment_new (i == 0 ? "Un" : "Deux");

      ids[i] = tf_experiment_insert (store, draft, NULL, error);
      if (ids[i] == 0)
        return FALSE;
    }
  return TRUE;
}

static void
test_edit_transaction (Fixture       *f,
                      gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "edit.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) changeset = NULL;
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO);
  ChangeLog log = { 0 };
  gint64 ids[2] = { 0 };

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &log);

  /* A failing edit rolls back what it wrote, and nobody is told of it. */
  g_assert_false (tf_store_edit (store, insert_then_fail, NULL, &changeset, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (changeset);
  g_assert_cmpuint (count_experiments (store), ==, 0);
  g_assert_cmpuint (log.n_emissions, ==, 0);

  /* A constraint of the schema is reported as an invalid value. */
  g_assert_false (tf_store_edit (store, insert_empty_title, NULL, NULL, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_experiments (store), ==, 0);

  /* Foreign keys are enforced. */
  g_assert_false (tf_store_edit (store, insert_orphan_board, NULL, NULL, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (store), "SELECT count(*) FROM boards"), ==, 0);
  g_assert_cmpuint (log.n_emissions, ==, 0);

  /* One transaction, one signal listing every row. */
  g_assert_true (tf_store_edit (store, insert_two, ids, &changeset, &error));
  g_assert_no_error (error);
  g_assert_nonnull (changeset);
  g_assert_cmpuint (log.n_emissions, ==, 1);
  g_assert_true (log_has (&log, "experiments", TF_CHANGE_INSERT, ids[0]));
  g_assert_true (log_has (&log, "experiments", TF_CHANGE_INSERT, ids[1]));
  g_assert_cmpuint (count_experiments (store), ==, 2);

  /* The changeset undoes and redoes the whole edit, with one signal each. */
  g_assert_true (tf_store_apply_changeset (store, changeset, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.n_emissions, ==, 2);
  g_assert_true (log_has (&log, "experiments", TF_CHANGE_DELETE, ids[0]));
  g_assert_true (log_has (&log, "experiments", TF_CHANGE_DELETE, ids[1]));
  g_assert_cmpuint (count_experiments (store), ==, 0);

  /* Undoing twice finds nothing left to delete: nothing happens. */
  g_assert_true (tf_store_apply_changeset (store, changeset, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_experiments (store), ==, 0);
  log.n_emissions = 2;

  g_assert_true (tf_store_apply_changeset (store, changeset, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.n_emissions, ==, 3);
  g_assert_true (log_has (&log, "experiments", TF_CHANGE_INSERT, ids[1]));
  g_assert_cmpuint (count_experiments (store), ==, 2);

  /* Redoing an insert that is already there no longer matches the archive. */
  g_assert_false (tf_store_apply_changeset (store, changeset, FALSE, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpuint (log.n_emissions, ==, 3);
  g_assert_cmpuint (count_experiments (store), ==, 2);

  /* Nor does undoing it once the row was edited since: a conflict, and the
   * edit is kept. */
  {
    g_autoptr(TfCommand) rename = tf_command_set_experiment_text (ids[0], TF_FIELD_TITLE, "Renommée");
    g_autoptr(TfExperiment) kept = NULL;

    g_assert_true (tf_command_execute (rename, store, &error));
    g_assert_no_error (error);
    g_assert_false (tf_store_apply_changeset (store, changeset, TRUE, &error));
    g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_CONFLICT);
    g_clear_error (&error);
    g_assert_cmpuint (count_experiments (store), ==, 2);
    kept = tf_archive_get_experiment (store, ids[0], &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tf_experiment_get_title (kept), ==, "Renommée");
  }

  g_assert_true (tf_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_clear_pointer (&log.last, g_array_unref);
  g_assert_finalize_object (store);
}

/* What is beside @path in its folder, other than @path itself. */
static char *
folder_companions (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autoptr(GString) others = g_string_new (NULL);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (!g_str_equal (name, base))
      g_string_append_printf (others, "%s%s", others->len ? " " : "", name);
  return g_string_free (g_steal_pointer (&others), FALSE);
}

static gboolean
add_experiment (TfStore   *store,
                gpointer   user_data,
                GError   **error)
{
  g_autoptr(TfExperiment) draft = tf_experiment_new (user_data);

  return tf_experiment_insert (store, draft, NULL, error) != 0;
}

/* Everything a reader does on an archive that cannot be written, leaving
 * nothing beside it; writers are refused up front, or open it read-only
 * when they allow it. */
static void
assert_read_only_archive (const char *path)
{
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *others = NULL;
  TfStore *store;

  store = open_ok (path, TF_STORE_OPEN_READ_ONLY);
  g_assert_true (tf_store_get_read_only (store));
  g_assert_cmpuint (count_experiments (store), ==, 2);
  {
    g_autoptr(GPtrArray) hits = tf_archive_search (store, "lecture", 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
  g_assert_false (tf_store_edit (store, add_experiment, "Jamais", NULL, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_finalize_object (store);
  g_assert_true (tf_store_verify (path, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      TfStoreOpenFlags flags = i == 0 ? TF_STORE_OPEN_DEFAULT : TF_STORE_OPEN_CREATE;

      store = tf_test_store_open (path, flags, &error);
      g_assert_null (store);
      g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_READ_ONLY);
      g_assert_nonnull (strstr (error->message, "is read-only"));
      g_assert_nonnull (strstr (error->message, "nothing was changed"));
      g_clear_error (&error);
    }

  store = open_ok (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_ALLOW_READ_ONLY);
  g_assert_true (tf_store_get_read_only (store));
  g_assert_false (tf_store_needs_check (store));
  g_assert_cmpuint (count_experiments (store), ==, 2);
  g_assert_finalize_object (store);

  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  others = folder_companions (path);
  g_assert_cmpstr (others, ==, "");
}

/* A two-experiment archive, cleanly closed, alone in its folder. */
static void
make_small_archive (const char *path)
{
  g_autoptr(GError) error = NULL;
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE);

  g_assert_true (tf_store_edit (store, add_experiment, "Pendant la lecture", NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);
}

/* A file without write permission (0444) and a folder without it (0555).
 * As root, access() says yes to everything; the mode bits say what the
 * owner meant, and Transfo follows them for root too. */
static void
test_read_only_file (Fixture       *f,
                     gconstpointer  unused)
{
  g_autofree char *dir = test_path (f, "ro-folder");
  g_autofree char *path = test_path (f, "ro-file/archive.sqlite");
  g_autofree char *in_dir = g_build_filename (dir, "archive.sqlite", NULL);

  make_small_archive (path);
  g_assert_no_errno (g_chmod (path, 0444));
  assert_read_only_archive (path);

  make_small_archive (in_dir);
  g_assert_no_errno (g_chmod (dir, 0555));
  assert_read_only_archive (in_dir);
  g_assert_no_errno (g_chmod (dir, 0755));
}

/* A read-only filesystem: a small tmpfs remounted read-only, in a mount
 * namespace of our own (root). */
static void
test_read_only_mount (Fixture       *f,
                      gconstpointer  unused)
{
  g_autofree char *dir = test_path (f, "cdrom");
  pid_t pid;
  int status = 0;

  if (geteuid () != 0)
    {
      g_test_skip ("mounting a filesystem needs root");
      return;
    }
  g_assert_no_errno (g_mkdir (dir, 0755));

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autofree char *path = g_build_filename (dir, "archive.sqlite", NULL);

      if (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
          mount ("tmpfs", dir, "tmpfs", 0, "size=8m") != 0)
        _exit (10);
      make_small_archive (path);
      if (mount ("tmpfs", dir, "tmpfs", MS_REMOUNT | MS_RDONLY, "size=8m") != 0)
        _exit (11);
      assert_read_only_archive (path);
      umount (dir);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 10)
    g_test_skip ("this machine does not allow a private mount namespace");
  else
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* A FIFO, a socket or a device given as the archive is refused at once,
 * and nothing reads from it (a FIFO would block forever). */
static void
test_reject_not_regular (Fixture       *f,
                         gconstpointer  unused)
{
  g_autofree char *fifo = test_path (f, "fifo.sqlite");
  const char *paths[] = { fifo, "/dev/null", "/dev/zero" };

  g_assert_no_errno (mkfifo (fifo, 0600));
  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      static const TfStoreOpenFlags all_flags[] = {
        TF_STORE_OPEN_DEFAULT,
        TF_STORE_OPEN_CREATE,
        TF_STORE_OPEN_READ_ONLY,
        TF_STORE_OPEN_CREATE | TF_STORE_OPEN_ALLOW_READ_ONLY,
      };

      for (guint i = 0; i < G_N_ELEMENTS (all_flags); i++)
        {
          g_autoptr(GError) error = NULL;
          TfStore *store = tf_test_store_open (paths[p], all_flags[i], &error);

          g_assert_null (store);
          g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE);
          g_assert_nonnull (strstr (error->message, "not a regular file"));
        }
      g_assert_false (tf_store_verify (paths[p], NULL, NULL));
    }
  g_assert_no_errno (g_unlink (fifo));
}

/* After tf_store_close() the archive is one file: a copy of the .sqlite
 * alone holds every edit, and no -wal or -shm remains. */
static void
test_close_leaves_one_file (Fixture       *f,
                            gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "one/archive.sqlite");
  g_autofree char *copy = test_path (f, "usb-stick.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *others = NULL;
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE);
  TfStore *reader;
  g_autoptr(TfStore) extra_ref = NULL;

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *title = g_strdup_printf ("Atelier %u", i);
      g_assert_true (tf_store_edit (store, add_experiment, title, NULL, &error));
      g_assert_no_error (error);
    }
  /* A statement left in the cache and a reference kept elsewhere do not
   * keep the log alive. */
  g_assert_cmpuint (count_experiments (store), ==, 51);
  extra_ref = g_object_ref (store);
  tf_store_close (store);
  g_assert_true (tf_store_is_closed (store));
  g_assert_false (tf_store_edit (store, add_experiment, "Trop tard", NULL, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* The store is still referenced, and the archive is one file already. */
  others = folder_companions (path);
  g_assert_cmpstr (others, ==, "");
  bytes = read_file (path);
  write_file (copy, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
  reader = open_ok (copy, TF_STORE_OPEN_READ_ONLY);
  g_assert_cmpuint (count_experiments (reader), ==, 51);
  g_assert_false (tf_store_needs_check (reader));
  g_assert_finalize_object (reader);
  g_clear_object (&extra_ref);
  g_assert_finalize_object (store);
}

/* The clean-close marker travels with the file: a copy taken while a
 * writer had the archive open is "not closed cleanly"; the archive itself,
 * while its writer is alive, is not. */
static void
test_clean_marker (Fixture       *f,
                   gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "marker.sqlite");
  g_autofree char *copy = test_path (f, "copy-while-open.sqlite");
  g_autoptr(GBytes) bytes = NULL;
  TfStore *writer = open_ok (path, TF_STORE_OPEN_CREATE);
  TfStore *reader;
  sqlite3 *db;

  g_assert_false (tf_store_needs_check (writer));
  /* Copied with a file manager while the window is open. */
  bytes = read_file (path);
  write_file (copy, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));

  reader = open_ok (path, TF_STORE_OPEN_READ_ONLY);
  g_assert_false (tf_store_needs_check (reader));
  g_assert_finalize_object (reader);

  reader = open_ok (copy, TF_STORE_OPEN_READ_ONLY);
  g_assert_true (tf_store_needs_check (reader));
  g_assert_cmpuint (count_experiments (reader), ==, 1);
  g_assert_finalize_object (reader);
  /* Still so until a writer closes it cleanly. */
  reader = open_ok (copy, TF_STORE_OPEN_DEFAULT);
  g_assert_true (tf_store_needs_check (reader));
  g_assert_finalize_object (reader);
  reader = open_ok (copy, TF_STORE_OPEN_READ_ONLY);
  g_assert_false (tf_store_needs_check (reader));
  g_assert_finalize_object (reader);

  g_assert_finalize_object (writer);
  db = raw_open (path, FALSE);
  g_assert_cmpint (tf_test_sql_int (db, "SELECT clean FROM archive_state"), ==, 1);
  raw_close (db);
  reader = open_ok (path, TF_STORE_OPEN_DEFAULT);
  g_assert_false (tf_store_needs_check (reader));
  g_assert_finalize_object (reader);

  /* A writer that died (here: the marker it left) makes the next open check. */
  db = raw_open (path, TRUE);
  tf_test_sql_exec (db, "UPDATE archive_state SET clean = 0");
  raw_close (db);
  reader = open_ok (path, TF_STORE_OPEN_READ_ONLY);
  g_assert_true (tf_store_needs_check (reader));
  g_assert_finalize_object (reader);
}

/* An archive of format 2 (before the marker) is brought to format 3 and
 * checked once. */
static void
test_migrate_from_v2 (Fixture       *f,
                      gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "v2.sqlite");
  g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d", TF_APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = raw_open (path, TRUE);
  TfStore *store;

  tf_test_sql_exec (db, "PRAGMA journal_mode = WAL");
  for (guint i = 0; i < 2; i++)
    tf_test_sql_exec (db, tf_schema_migrations[i]);
  tf_test_sql_exec (db, set_id);
  tf_test_sql_exec (db, "PRAGMA user_version = 2;"
               "INSERT INTO experiments (uuid, title) VALUES ('v2', 'Archive de 2009');");
  raw_close (db);

  store = open_ok (path, TF_STORE_OPEN_READ_ONLY);
  g_assert_cmpint (tf_store_get_schema_version (store), ==, 2);
  g_assert_true (tf_store_needs_check (store));
  g_assert_cmpuint (count_experiments (store), ==, 1);
  g_assert_finalize_object (store);

  store = open_ok (path, TF_STORE_OPEN_DEFAULT);
  assert_connection_settings (store);
  g_assert_true (tf_store_needs_check (store));
  g_assert_cmpuint (count_experiments (store), ==, 1);
  g_assert_true (tf_store_edit (store, add_experiment, "Après la migration", NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  store = open_ok (path, TF_STORE_OPEN_READ_ONLY);
  g_assert_false (tf_store_needs_check (store));
  g_assert_cmpuint (count_experiments (store), ==, 2);
  g_assert_finalize_object (store);
  assert_archive_on_disk (path);
  g_assert_true (tf_store_verify (path, NULL, &error));
  g_assert_no_error (error);
}

/* The full check: sound, broken references, and cancelled. */
static void
test_verify (Fixture       *f,
             gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "verify.sqlite");
  g_autofree char *missing = test_path (f, "missing.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE);
  sqlite3 *db;

  g_assert_true (tf_store_edit (store, insert_many, GUINT_TO_POINTER (500), NULL, &error));
  g_assert_no_error (error);

  /* While the writer has it open, from another connection. */
  g_assert_true (tf_store_verify (path, cancellable, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  g_cancellable_cancel (cancellable);
  g_assert_false (tf_store_verify (path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_false (tf_store_verify (missing, NULL, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A board of an experiment that is not there. */
  db = raw_open (path, TRUE);
  tf_test_sql_exec (db, "PRAGMA foreign_keys = OFF;"
               "INSERT INTO boards (experiment_id, kind, name) VALUES (4242, 'mockup', 'Orpheline');");
  raw_close (db);
  g_assert_false (tf_store_verify (path, NULL, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "boards"));
  g_assert_nonnull (strstr (error->message, "experiments"));
}

/* A creation killed half-way leaves a hidden file; the next creation in
 * that folder removes it, but not one that is being made right now. */
static void
test_create_removes_stale (Fixture       *f,
                           gconstpointer  unused)
{
  g_autofree char *dir = test_path (f, "fresh");
  g_autofree char *path = test_path (f, "fresh/archive.sqlite");
  g_autofree char *stale = test_path (f, "fresh/.archive.sqlite.new-AbC123");
  g_autofree char *stale_wal = test_path (f, "fresh/.archive.sqlite.new-AbC123-wal");
  g_autofree char *recent = test_path (f, "fresh/.archive.sqlite.new-XyZ789");
  g_autofree char *others = NULL;
  struct utimbuf old = { 1000000000, 1000000000 };
  TfStore *store;

  g_assert_no_errno (g_mkdir (dir, 0755));
  write_file (stale, "SQLite format 3", 16);
  write_file (stale_wal, "", 0);
  write_file (recent, "SQLite format 3", 16);
  g_assert_no_errno (g_utime (stale, &old));

  store = open_ok (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO);
  g_assert_finalize_object (store);
  others = folder_companions (path);
  g_assert_cmpstr (others, ==, ".archive.sqlite.new-XyZ789");
  g_assert_no_errno (g_unlink (recent));
}

/* An archive another process holds exclusively for longer than the busy
 * timeout is "busy: try again", never "damaged". */
static void
test_busy_is_not_damaged (Fixture       *f,
                          gconstpointer  unused)
{
  g_autofree char *path = test_path (f, "busy.sqlite");
  g_autoptr(GError) error = NULL;
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO);
  sqlite3 *db;

  g_assert_finalize_object (store);
  db = raw_open (path, TRUE);
  tf_test_sql_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; DELETE FROM experiments;");

  store = tf_test_store_open (path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "try again"));
  g_assert_null (strstr (error->message, "damaged"));
  g_clear_error (&error);

  tf_test_sql_exec (db, "ROLLBACK");
  raw_close (db);
  store = open_ok (path, TF_STORE_OPEN_READ_ONLY);
  g_assert_finalize_object (store);
}


/* A library of the window's process reading the archive's folder (GTK's
 * file chooser has GIO sniff "archive.sqlite" and its "-shm" to guess
 * their types) opens and closes descriptors of the open archive. With
 * SQLite's classic locks that dropped every lock of the process: the next
 * program to close a connection (a command, another SQLite) believed it
 * was alone and deleted the -wal and -shm under the window. */
static void
test_foreign_close_keeps_locks (Fixture       *f,
                                gconstpointer  unused)
{
  static const char *const companions[] = { "", "-wal", "-shm" };
  g_autofree char *path = test_path (f, "sniffed.sqlite");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  const char *python = g_getenv ("TRANSFO_TEST_PYTHON");
  g_autoptr(GError) error = NULL;
  TfStore *store = open_ok (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO);
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Avant");
  g_autoptr(TfCommand) first = tf_command_create_experiment (draft);
  g_autoptr(TfExperiment) later = tf_experiment_new ("Après");
  g_autoptr(TfCommand) second = tf_command_create_experiment (later);
  char *argv[] = { (char *) (python != NULL ? python : "python3"), "-c",
                   "import sqlite3, sys\n"
                   "c = sqlite3.connect(sys.argv[1])\n"
                   "print(c.execute('SELECT count(*) FROM experiments').fetchone()[0])\n"
                   "c.close()\n",
                   path, NULL };
  g_autofree char *out = NULL;
  int status = -1;

  g_assert_true (tf_command_execute (first, store, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* What GIO does to guess a type: open, read a little, close. */
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *name = g_strconcat (path, companions[i], NULL);
      char head[64];
      int fd = g_open (name, O_RDONLY | O_CLOEXEC, 0);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (read (fd, head, sizeof head), >=, 0);
      g_assert_cmpint (close (fd), ==, 0);
    }

  /* Another program, with the system's SQLite and its classic locks. */
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (g_strstrip (out), ==, "1");

  /* It saw the window: the log and its index are still there, and the
   * window goes on writing to them. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_true (tf_command_execute (second, store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_experiments (store), ==, 2);
  g_assert_finalize_object (store);

  store = open_ok (path, TF_STORE_OPEN_READ_ONLY);
  g_assert_cmpuint (count_experiments (store), ==, 2);
  g_assert_finalize_object (store);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  ADD ("/transfo/store/create/demo", test_create_with_demo);
  ADD ("/transfo/store/create/no-demo", test_create_no_demo);
  ADD ("/transfo/store/create/empty-file", test_empty_file);
  ADD ("/transfo/store/integrity/fresh", test_integrity_fresh);
  ADD ("/transfo/store/migrate/empty-database", test_migrate_from_empty_database);
  ADD ("/transfo/store/migrate/version-zero", test_migrate_from_version_zero);
  ADD ("/transfo/store/reopen", test_reopen);
  ADD ("/transfo/store/odd-path", test_odd_path);
  ADD ("/transfo/store/reject/text-file", test_reject_text_file);
  ADD ("/transfo/store/reject/short-file", test_reject_short_file);
  ADD ("/transfo/store/reject/random-bytes", test_reject_random_bytes);
  ADD ("/transfo/store/reject/foreign-database", test_reject_foreign_database);
  ADD ("/transfo/store/reject/foreign-wal-database", test_reject_foreign_wal_database);
  ADD ("/transfo/store/reject/too-new", test_reject_too_new);
  ADD ("/transfo/store/reject/too-new-rollback-journal", test_reject_too_new_rollback_journal);
  ADD ("/transfo/store/reject/corrupt", test_reject_corrupt);
  ADD ("/transfo/store/reject/directory", test_reject_directory);
  ADD ("/transfo/store/reject/missing", test_missing_file);
  ADD ("/transfo/store/lock", test_lock);
  ADD ("/transfo/store/read-only", test_read_only_refuses_edits);
  ADD ("/transfo/store/edit/transaction", test_edit_transaction);
  ADD ("/transfo/store/read-only/file-and-folder", test_read_only_file);
  ADD ("/transfo/store/read-only/mount", test_read_only_mount);
  ADD ("/transfo/store/reject/not-regular", test_reject_not_regular);
  ADD ("/transfo/store/close/one-file", test_close_leaves_one_file);
  ADD ("/transfo/store/close/clean-marker", test_clean_marker);
  ADD ("/transfo/store/migrate/v2", test_migrate_from_v2);
  ADD ("/transfo/store/verify", test_verify);
  ADD ("/transfo/store/busy", test_busy_is_not_damaged);
  ADD ("/transfo/store/locks/foreign-close", test_foreign_close_keeps_locks);
  ADD ("/transfo/store/create/stale-temporary", test_create_removes_stale);

  return g_test_run ();
}
