/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-test"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "core/tf-experiment-commands.h"
#include "core/tf-demo.h"
#include "core/tf-item-rows.h"
#include "mockups/tf-decode.h"
#include "mockups/tf-mockup-commands.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* Plain SQLite */

void
tf_test_sql_exec (sqlite3    *db,
                  const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static sqlite3_stmt *
sql_one_row (sqlite3    *db,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

gint64
tf_test_sql_int (sqlite3    *db,
                 const char *sql)
{
  sqlite3_stmt *stmt = sql_one_row (db, sql);
  gint64 value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  return value;
}

char *
tf_test_sql_text (sqlite3    *db,
                  const char *sql)
{
  sqlite3_stmt *stmt = sql_one_row (db, sql);
  char *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  return value;
}

void
tf_test_plant_stamp (sqlite3    *db,
                     const char *key,
                     const char *name,
                     const char *svg)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, svg, -1);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO assets (sha256, mime_type, data) VALUES (?, 'image/svg+xml', ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 2, svg, (int) strlen (svg), SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO stamps (key, family, name_fr, name_en, keywords, color, asset_id)"
                                       " VALUES (?1, 'elus', ?2, ?2, '', '', last_insert_rowid ())",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name != NULL ? name : key, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Temporary archives */

char *
tf_test_make_dir (const char *name)
{
  g_autofree char *template = g_strdup_printf ("transfo-%s-XXXXXX", name);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
tf_test_run_transfo (const char *transfo,
                     const char *archive,
                     const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *argv[] = { transfo, "--archive", archive, what, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("transfo %s: %s\n%s", what, error->message, err);
}

gboolean
tf_test_exists_beside (const char *archive,
                       const char *suffix)
{
  g_autofree char *side = g_strconcat (archive, suffix, NULL);

  return g_file_test (side, G_FILE_TEST_EXISTS);
}

char *
tf_test_archive_path (const char *name)
{
  g_autofree char *dir = tf_test_make_dir (name);

  return g_build_filename (dir, "archive.sqlite", NULL);
}

void
tf_test_remove_archive_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

void
tf_test_remove_archive (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  tf_test_remove_archive_files (path);
  g_rmdir (dir);
}

void
tf_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          tf_test_remove_tree (child);
        }
    }
  g_assert_no_errno (g_remove (path));
}

/* Commands */

gint64
tf_test_execute (TfHistory *history,
                 TfCommand *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfCommand) owned = command;

  g_assert_true (tf_history_execute (history, command, &error));
  g_assert_no_error (error);
  return tf_command_get_result_id (command);
}

void
tf_test_undo (TfHistory *history)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tf_history_undo (history, &error));
  g_assert_no_error (error);
}

void
tf_test_redo (TfHistory *history)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tf_history_redo (history, &error));
  g_assert_no_error (error);
}

TfStore *
tf_test_store_open (const char        *path,
                    TfStoreOpenFlags   flags,
                    GError           **error)
{
  TfStore *store = tf_store_open (path, flags, error);

  if (store != NULL && tf_store_wants_demo (store) && !tf_demo_ensure (store, NULL, error))
    g_clear_object (&store);
  return store;
}

/* A board to edit */

void
tf_test_board_set_up (TfTestBoard *f,
                      const char  *name,
                      const char  *title,
                      const char  *kind_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExperiment) draft = tf_experiment_new (title);
  g_autoptr(TfCommand) create = tf_command_create_experiment (draft);
  g_autoptr(TfCommand) board = NULL;

  /* Kinds and board types, as every program registers them (idempotent). */
  tf_wings_init ();
  f->path = tf_test_archive_path (name);
  f->store = tf_store_open (f->path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  f->history = tf_history_new (f->store);
  g_assert_true (tf_command_execute (create, f->store, &error));
  board = tf_command_add_board (tf_command_get_result_id (create), kind_id, NULL);
  g_assert_true (tf_command_execute (board, f->store, &error));
  f->board = tf_command_get_result_id (board);
  f->scene = tf_scene_new_for_board (f->store, f->board, &error);
  g_assert_no_error (error);
}

void
tf_test_board_tear_down (TfTestBoard *f)
{
  g_assert_finalize_object (f->scene);
  g_assert_finalize_object (f->history);
  g_assert_finalize_object (f->store);
  tf_test_remove_archive (f->path);
  g_free (f->path);
}

gint64
tf_test_board_add (TfTestBoard     *f,
                   const TfNewItem *item)
{
  g_autoptr(TfCommand) command = tf_command_add_items (f->board, item, 1, NULL);
  g_autoptr(GError) error = NULL;
  guint n;
  const gint64 *ids;

  g_assert_true (tf_history_execute (f->history, command, &error));
  g_assert_no_error (error);
  ids = tf_item_command_get_ids (command, &n);
  g_assert_cmpuint (n, ==, 1);
  return ids[0];
}

/* Pixels */

guint32
tf_test_pixel (cairo_surface_t *surface,
               int              x,
               int              y)
{
  const guint8 *p = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + 4 * x;

  return (p[2] << 16) | (p[1] << 8) | p[0];
}

/* A few anti-aliased pixels may differ between font versions, shapes and
 * colours may not: the callers bound the fraction. */
double
tf_test_fraction_differing (cairo_surface_t *a,
                            cairo_surface_t *b,
                            int              tolerance)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  guint64 differing = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 4; c++)
        if (ABS ((int) pa[y * sa + 4 * x + c] - (int) pb[y * sb + 4 * x + c]) > tolerance)
          {
            differing++;
            break;
          }
  return differing / (double) (w * h);
}

void
tf_test_assert_reference (cairo_surface_t *render,
                          const char      *reference,
                          int              tolerance,
                          double           max_fraction)
{
  g_autofree char *reference_path = g_test_build_filename (G_TEST_DIST, "data", reference, NULL);
  g_autofree char *render_name = g_strconcat ("transfo-", reference, NULL);
  g_autofree char *render_path = g_build_filename (g_get_tmp_dir (), render_name, NULL);
  cairo_surface_t *expected;
  double diff;

  cairo_surface_write_to_png (render, render_path);
  if (g_getenv ("TRANSFO_UPDATE_REFERENCES"))
    cairo_surface_write_to_png (render, reference_path);

  expected = cairo_image_surface_create_from_png (reference_path);
  g_assert_cmpint (cairo_surface_status (expected), ==, CAIRO_STATUS_SUCCESS);
  diff = tf_test_fraction_differing (render, expected, tolerance);
  g_test_message ("%.3f %% of pixels differ from %s (render in %s)", diff * 100, reference_path, render_path);
  g_assert_cmpfloat (diff, <, max_fraction);
  cairo_surface_destroy (expected);
}

/* Main loop */

gboolean
tf_test_fatal_log_handler (const char     *log_domain,
                           GLogLevelFlags  log_level,
                           const char     *message,
                           gpointer        user_data)
{
  return message == NULL || strstr (message, "Unable to acquire session bus") == NULL;
}

gboolean
tf_test_timed_out (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
tf_test_run_for (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, tf_test_timed_out, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
tf_test_in_shard (guint index)
{
  const char *shard = g_getenv ("TF_TEST_SHARD");
  guint k = 0;
  guint n = 0;

  if (shard == NULL || *shard == '\0')
    return TRUE;
  if (sscanf (shard, "%u/%u", &k, &n) != 2 || n == 0 || k == 0 || k > n)
    g_error ("TF_TEST_SHARD=%s: expected K/N with 1 <= K <= N", shard);
  return index % n == k - 1;
}

cairo_status_t
tf_test_append_bytes (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
tf_test_png_bytes (cairo_surface_t *surface)
{
  GByteArray *out = g_byte_array_new ();

  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, tf_test_append_bytes, out), ==, CAIRO_STATUS_SUCCESS);
  return g_byte_array_free_to_bytes (out);
}

static gint64
add_photo (TfTestMockup *mockup,
           GBytes       *png,
           const char   *file_name,
           const char   *board_name)
{
  TfDecodeOptions options = { .wants = TF_DECODE_WANT_STORED };
  g_autoptr(GError) error = NULL;
  g_autoptr(TfDecoded) decoded = tf_decode_bytes (png, &options, NULL, &error);
  g_autoptr(TfCommand) command = NULL;
  TfMkSource source = { 0 };
  gint64 id;

  g_assert_no_error (error);
  source.stored = decoded->stored;
  source.mime_type = decoded->mime_type;
  source.name = file_name;
  source.width = decoded->width;
  source.height = decoded->height;
  command = tf_mk_command_add_photo (mockup->experiment, mockup->board, mockup->board == 0 ? board_name : NULL,
                                     &source);
  id = tf_test_execute (mockup->history, g_object_ref (command));
  if (mockup->board == 0)
    mockup->board = tf_mk_command_get_board_id (command);
  g_assert_cmpint (id, >, 0);
  return id;
}

void
tf_test_mockup_set_up (TfTestMockup *mockup,
                       const char   *name,
                       const char   *title,
                       const char   *board_name,
                       GBytes       *png,
                       const char   *file_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExperiment) draft = tf_experiment_new (title);

  memset (mockup, 0, sizeof *mockup);
  mockup->path = tf_test_archive_path (name);
  mockup->dir = g_path_get_dirname (mockup->path);
  mockup->store = tf_store_open (mockup->path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  mockup->history = tf_history_new (mockup->store);
  mockup->experiment = tf_test_execute (mockup->history, tf_command_create_experiment (draft));
  mockup->photo = add_photo (mockup, png, file_name, board_name);
  g_assert_cmpint (mockup->board, >, 0);
}

gint64
tf_test_mockup_add_photo (TfTestMockup *mockup,
                          GBytes       *png,
                          const char   *file_name)
{
  return add_photo (mockup, png, file_name, NULL);
}

TfRect
tf_test_mockup_bounds (TfTestMockup *mockup,
                       gint64        id)
{
  TfItemRow row = { 0 };
  TfRect r;

  g_assert_true (tf_item_rows_read (mockup->store, id, &row));
  r = TF_RECT_INIT (row.x, row.y, row.width, row.height);
  tf_item_row_clear (&row);
  return r;
}

void
tf_test_mockup_tear_down (TfTestMockup *mockup)
{
  g_clear_object (&mockup->history);
  g_clear_object (&mockup->store);
  tf_test_remove_tree (mockup->dir);
  g_clear_pointer (&mockup->path, g_free);
  g_clear_pointer (&mockup->dir, g_free);
}

/* What an experiment's rows say, without ids: equal after remapping. */
char *
tf_test_describe_experiment (sqlite3 *db,
                             gint64   experiment)
{
  static const char * const queries[] = {
    "SELECT title, theme, place, department, start_date, end_date, phase, status, context FROM experiments WHERE id = ?1",
    "SELECT group_concat (t.name) FROM experiment_tags et JOIN tags t ON t.id = et.tag_id WHERE et.experiment_id = ?1",
    "SELECT kind, name, position, settings FROM boards WHERE experiment_id = ?1 ORDER BY position",
    "SELECT b.position, i.kind, i.x, i.y, i.width, i.height, i.rotation, i.z, i.text, i.style,"
    " (SELECT p.text FROM items p WHERE p.id = i.parent_id), (SELECT a.sha256 FROM assets a WHERE a.id = i.asset_id)"
    " FROM items i JOIN boards b ON b.id = i.board_id WHERE b.experiment_id = ?1"
    " ORDER BY b.position, i.z, i.kind, i.text, i.x, i.y",
    "SELECT s.name, st.position, st.kind, st.title, st.notes, st.spent_seconds, (SELECT text FROM items WHERE id = st.item_id)"
    " FROM session_steps st JOIN sessions s ON s.id = st.session_id WHERE s.experiment_id = ?1 ORDER BY st.position",
    "SELECT r.title, r.colours, r.dots, c.colour, c.count, i.text FROM vote_counts c"
    " JOIN vote_rounds r ON r.id = c.round_id JOIN boards b ON b.id = r.board_id JOIN items i ON i.id = c.item_id"
    " WHERE b.experiment_id = ?1 ORDER BY c.colour",
    "SELECT c.key, c.text, c.state, (SELECT i.text FROM items i WHERE i.id = c.item_id) FROM contributions c"
    " WHERE c.experiment_id = ?1 ORDER BY c.key",
    "SELECT DISTINCT a.sha256, a.mime_type, length (a.data) FROM items i JOIN boards b ON b.id = i.board_id"
    " JOIN assets a ON a.id = i.asset_id WHERE b.experiment_id = ?1 ORDER BY 1",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, experiment);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c) ? (const char *) sqlite3_column_text (stmt, c) : "NULL");
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (out, "--\n");
    }
  return g_string_free (out, FALSE);
}
