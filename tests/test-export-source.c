/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "core/tf-store-private.h"
#include "exports/tf-export-source.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* An export's read of an experiment stops when its cancellable is
 * cancelled, in the middle of a board (the export dialog, closed while it
 * reads a 100k wall, must not read on for seconds), and leaves the store
 * able to read again. */

#define N_ITEMS 20000
/* The item whose parsing cancels the read. */
#define CANCEL_AT 500

/* A kind for the test: counts the items parsed, and cancels the read at
 * the CANCEL_AT-th when asked to. */
static guint n_parsed;
static GCancellable *cancel_at;

static gpointer
probe_parse (const TfItem *item)
{
  if (++n_parsed == CANCEL_AT && cancel_at != NULL)
    g_cancellable_cancel (cancel_at);
  return NULL;
}

static const TfItemKind probe_kind = {
  .id = "test-read-probe",
  .layer = TF_LAYER_THINGS,
  .parse = probe_parse,
};

typedef struct {
  char    *path;
  TfStore *store;
  gint64   experiment_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) writer = NULL;
  sqlite3 *db;

  f->path = tf_test_archive_path ("export-source");
  writer = tf_store_open (f->path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  db = tf_store_get_db (writer);
  tf_test_sql_exec (db, "INSERT INTO experiments (uuid, title) VALUES ('read', 'Read')");
  f->experiment_id = sqlite3_last_insert_rowid (db);
  tf_test_sql_exec (db, "INSERT INTO boards (experiment_id, kind, name) VALUES (last_insert_rowid (), "
                        "'insight-wall', 'Wall')");
  tf_test_sql_exec (db, "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 20000) "
                        "INSERT INTO items (board_id, kind, x, y, width, height, z, style, text, payload) "
                        "SELECT (SELECT max(id) FROM boards), 'test-read-probe', (i % 141) * 240.0, "
                        "(i / 141) * 240.0, 200, 200, i, '{}', 'probe', '{}' FROM n");
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM items"), ==, N_ITEMS);
  tf_store_close (writer);

  /* Read the way the export dialog's worker reads: a read-only connection. */
  f->store = tf_store_open (f->path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  n_parsed = 0;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&cancel_at);
  tf_store_close (f->store);
  g_clear_object (&f->store);
  tf_test_remove_archive (f->path);
  g_free (f->path);
}

static guint
n_items_read (TfExportSource *source)
{
  g_assert_cmpuint (tf_export_source_get_n_boards (source), ==, 1);
  return tf_scene_get_n_items (tf_export_source_get_scene (source, 0));
}

/* Cancelled while the board's rows are read: the read ends there. */
static void
test_cancelled_mid_board (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExportSource) source = NULL;
  g_autoptr(TfExportSource) again = NULL;

  cancel_at = g_cancellable_new ();
  source = tf_export_source_new_from_store_cancellable (f->store, f->experiment_id, cancel_at, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* SQLite's progress handler looks every 10000 steps of its machine: a
   * few hundred rows past the cancel at most, not the whole board. */
  g_assert_cmpuint (n_parsed, >=, CANCEL_AT);
  g_assert_cmpuint (n_parsed, <, CANCEL_AT + 2000);

  /* The store reads in full afterwards, with no cancellable or another. */
  g_clear_error (&error);
  g_clear_object (&cancel_at);
  n_parsed = 0;
  again = tf_export_source_new_from_store_cancellable (f->store, f->experiment_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpuint (n_parsed, ==, N_ITEMS);
  g_assert_cmpuint (n_items_read (again), ==, N_ITEMS);
}

/* Not cancelled: everything read, as tf_export_source_new_from_store(). */
static void
test_not_cancelled (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TfExportSource) source = NULL;
  g_autoptr(TfExportSource) plain = NULL;

  source = tf_export_source_new_from_store_cancellable (f->store, f->experiment_id, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items_read (source), ==, N_ITEMS);
  g_assert_cmpstr (tf_experiment_get_title (tf_export_source_get_experiment (source)), ==, "Read");

  /* The cancellable is no longer the store's once the read is done. */
  g_cancellable_cancel (cancellable);
  plain = tf_export_source_new_from_store (f->store, f->experiment_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_items_read (plain), ==, N_ITEMS);
}

/* Cancelled before it starts: nothing read. */
static void
test_cancelled_before (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  TfExportSource *source;

  g_cancellable_cancel (cancellable);
  source = tf_export_source_new_from_store_cancellable (f->store, f->experiment_id, cancellable, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_parsed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();
  tf_item_kind_register (&probe_kind);

  g_test_add ("/export-source/cancelled-mid-board", Fixture, NULL, fixture_set_up,
              test_cancelled_mid_board, fixture_tear_down);
  g_test_add ("/export-source/not-cancelled", Fixture, NULL, fixture_set_up,
              test_not_cancelled, fixture_tear_down);
  g_test_add ("/export-source/cancelled-before", Fixture, NULL, fixture_set_up,
              test_cancelled_before, fixture_tear_down);
  return g_test_run ();
}
