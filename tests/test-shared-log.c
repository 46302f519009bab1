/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "tf-archive.h"
#include "tf-experiment-commands.h"
#include "tf-store.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* A window keeps its archive open while the export dialog opens it a
 * second time in the same process and a command reads it in another
 * (a facilitator saw the dialog say "disk I/O error"). Opening a second
 * store used to close a descriptor of the file, which drops every lock the
 * process holds on it, SQLite's shared lock of the window's connection
 * included: the command's close then took the window for gone, folded the
 * log in and deleted the -wal and -shm the window was still using; the
 * window's next edit went to a deleted log, and the dialog's next read
 * found that edit in the index but not in a new, empty -wal
 * (SQLITE_IOERR_SHORT_READ). */

static const char *transfo;

static void
test_window_dialog_command (void)
{
  g_autofree char *dir = tf_test_make_dir ("test-shared-log");
  g_autofree char *archive = g_build_filename (dir, "a.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) window = NULL;
  gint64 demo;

  tf_test_run_transfo (transfo, archive, "demo");

  window = tf_store_open (archive, TF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  demo = tf_archive_find_demo (window);
  g_assert_cmpint (demo, >, 0);

  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *title = g_strdup_printf ("Modifiée %u", round);
      g_autoptr(TfCommand) edit = tf_command_set_experiment_text (demo, TF_FIELD_TITLE, title);
      g_autoptr(TfExperiment) read = NULL;
      g_autoptr(TfStore) dialog = NULL;

      /* The dialog, in the window's process: opened and closed. */
      dialog = tf_store_open (archive, TF_STORE_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      g_clear_object (&dialog);

      /* A command that reads, in another process: its close must see the
       * window and leave the window's log in place. */
      tf_test_run_transfo (transfo, archive, "list");
      g_assert_true (tf_test_exists_beside (archive, "-wal"));
      g_assert_true (tf_test_exists_beside (archive, "-shm"));

      /* An edit in the window, not checkpointed yet… */
      g_assert_true (tf_command_execute (edit, window, &error));
      g_assert_no_error (error);

      /* …read by the dialog opened again. */
      dialog = tf_store_open (archive, TF_STORE_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      read = tf_archive_get_experiment (dialog, demo, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (tf_experiment_get_title (read), ==, title);
    }

  /* Every edit is in the file alone once the window closes. */
  tf_store_close (window);
  g_assert_false (tf_test_exists_beside (archive, "-wal"));
  g_assert_false (tf_test_exists_beside (archive, "-shm"));
  g_clear_object (&window);
  window = tf_store_open (archive, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  {
    g_autoptr(TfExperiment) read = tf_archive_get_experiment (window, demo, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (tf_experiment_get_title (read), ==, "Modifiée 2");
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  if (argc < 2)
    g_error ("usage: test-shared-log PATH-TO-TRANSFO");
  transfo = argv[1];

  g_test_add_func ("/transfo/shared-log/window-dialog-command", test_window_dialog_command);
  return g_test_run ();
}
