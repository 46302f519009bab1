/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "core/tf-input-file.h"
#include "mockups/tf-decode.h"
#include "tf-archive.h"
#include "tf-experiment-commands.h"
#include "tf-store.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* The archive a window has open, picked by the user as an input file (a
 * CSV of insights, a pictogram, a photo), under any spelling: itself, a
 * symlink, a hard link, its -wal or -shm, a symlink to its -wal. Each is
 * refused before it is opened, with a message that says why: opening and
 * closing a descriptor of the file would drop every POSIX lock the process
 * holds on it, SQLite's included, and a command's close would then take
 * the window for gone and delete the log the window still uses (see
 * tests/test-shared-log.c). The window's hold is then checked as that test
 * does: a command run in another process leaves the -wal and -shm in
 * place, and the window's next edit is read back. Once the window has
 * closed the archive, it is an ordinary file again. */

static const char *transfo;

/* @path refused as every reader of named files reads it, with a message
 * naming it and holding @says. */
static void
assert_refused (const char *path,
                const char *says)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  TfDecoded *decoded;

  g_test_message ("refusing %s", path);
  g_assert_false (tf_input_file_check (path, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, display));
  g_assert_nonnull (strstr (error->message, says));
  g_clear_error (&error);

  /* A CSV or a starters' list from the command line or the window. */
  bytes = tf_input_file_read (path, 256 * 1024 * 1024, TF_INPUT_FILE_NONE, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, says));
  g_clear_error (&error);

  /* A pictogram or a CSV chosen in a file dialog. */
  bytes = tf_input_file_load (file, 256 * 1024 * 1024, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, says));
  g_clear_error (&error);

  /* A photo (transfo photo add, the mockup's panel). */
  decoded = tf_decode_file (path, NULL, NULL, &error);
  g_assert_null (decoded);
  g_assert_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, says));
}

static void
test_archive_as_input (void)
{
  g_autofree char *dir = tf_test_make_dir ("test-input-archive");
  g_autofree char *archive = g_build_filename (dir, "a.sqlite", NULL);
  g_autofree char *link_path = g_build_filename (dir, "lien.csv", NULL);
  g_autofree char *hard = g_build_filename (dir, "copie.png", NULL);
  g_autofree char *wal = g_strconcat (archive, "-wal", NULL);
  g_autofree char *shm = g_strconcat (archive, "-shm", NULL);
  g_autofree char *wal_link = g_build_filename (dir, "journal.svg", NULL);
  g_autofree char *dotted = g_build_filename (dir, ".", "a.sqlite", NULL);
  g_autofree char *csv = g_build_filename (dir, "idees.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) window = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 demo;

  tf_test_run_transfo (transfo, archive, "demo");
  g_assert_true (g_file_set_contents (csv, "title\nUne idée\n", -1, &error));
  g_assert_no_error (error);

  /* The window's hold on the archive: its lock, its log beside it. */
  window = tf_store_open (archive, TF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  demo = tf_archive_find_demo (window);
  g_assert_cmpint (demo, >, 0);
  g_assert_true (tf_test_exists_beside (archive, "-wal"));
  g_assert_true (tf_test_exists_beside (archive, "-shm"));
  g_assert_cmpint (symlink ("a.sqlite", link_path), ==, 0);
  g_assert_cmpint (link (archive, hard), ==, 0);
  g_assert_cmpint (symlink (wal, wal_link), ==, 0);

  assert_refused (archive, "is the archive Transfo has open");
  assert_refused (dotted, "is the archive Transfo has open");
  assert_refused (link_path, "is the archive Transfo has open");
  assert_refused (hard, "is the archive Transfo has open");
  assert_refused (wal, "is the “-wal” file of the archive Transfo has open");
  assert_refused (wal_link, "is the “-wal” file of the archive Transfo has open");
  assert_refused (shm, "is the “-shm” file of the archive Transfo has open");

  /* Another file of the same folder is read as before. */
  bytes = tf_input_file_read (csv, 1024, TF_INPUT_FILE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, strlen ("title\nUne idée\n"));
  g_clear_pointer (&bytes, g_bytes_unref);

  /* The window's hold is intact: a command's close in another process
   * leaves its log in place, and its next edit is read back. */
  tf_test_run_transfo (transfo, archive, "list");
  g_assert_true (tf_test_exists_beside (archive, "-wal"));
  g_assert_true (tf_test_exists_beside (archive, "-shm"));
  {
    g_autoptr(TfCommand) edit = tf_command_set_experiment_text (demo, TF_FIELD_TITLE, "Après les refus");
    g_autoptr(TfStore) reader = NULL;
    g_autoptr(TfExperiment) read = NULL;

    g_assert_true (tf_command_execute (edit, window, &error));
    g_assert_no_error (error);
    reader = tf_store_open (archive, TF_STORE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    read = tf_archive_get_experiment (reader, demo, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tf_experiment_get_title (read), ==, "Après les refus");
  }

  /* Closed, the archive is a file like any other (its log folded in). */
  tf_store_close (window);
  g_clear_object (&window);
  g_assert_false (tf_test_exists_beside (archive, "-wal"));
  g_assert_true (tf_input_file_check (link_path, &error));
  g_assert_no_error (error);
  bytes = tf_input_file_read (link_path, 256 * 1024 * 1024, TF_INPUT_FILE_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  tf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();
  g_assert_cmpint (argc, >=, 2);
  transfo = argv[1];
  g_test_add_func ("/input-archive/refused", test_archive_as_input);
  return g_test_run ();
}
