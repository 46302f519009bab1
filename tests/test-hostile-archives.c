/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile archives through the command line: each case of
 * tf-test-hostile.c opened by `list`, `show`, `search` and `export` (PDF and
 * PNG) in the real binary, within a time bound, with a sensible exit status;
 * what is valid on the board is still printed, and what was left out is
 * reported on one line of standard error. */
#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "tf-test-hostile.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* A hang is a failure, not a test that never ends: every command is killed
 * after this many seconds (sanitizer builds included; a normal build takes
 * well under one second). */
#define DEADLINE_SECONDS "20"

static const char *transfo;
/* The archive every case starts from: `transfo demo` run once, copied for
 * each case (the demo itself is tested by test-cli). */
static char *demo_archive;

typedef struct {
  int   status;     /* the exit status; -1 when killed */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs transfo --archive @archive ARGS… under `timeout`, failing the test
 * when the command crashed or had to be killed. */
static void
run_transfo (Run        *run,
             const char *archive,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;
  const char *arg;
  int wait_status;
  va_list args;

  g_ptr_array_add (argv, (char *) "timeout");
  g_ptr_array_add (argv, (char *) "--signal=KILL");
  g_ptr_array_add (argv, (char *) DEADLINE_SECONDS);
  g_ptr_array_add (argv, (char *) transfo);
  g_ptr_array_add (argv, (char *) "--archive");
  g_ptr_array_add (argv, (char *) archive);
  va_start (args, archive);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  joined = g_strjoinv (" ", (char **) argv->pdata + 3);

  run_clear (run);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &run->out, &run->err, &wait_status, &error))
    g_error ("%s: %s", joined, error->message);
  /* `timeout` kills its process group, itself included. */
  if ((WIFSIGNALED (wait_status) && WTERMSIG (wait_status) == SIGKILL) ||
      (WIFEXITED (wait_status) && (WEXITSTATUS (wait_status) == 124 || WEXITSTATUS (wait_status) == 137)))
    g_error ("%s: killed after " DEADLINE_SECONDS " s", joined);
  if (WIFSIGNALED (wait_status))
    g_error ("%s: died of signal %d; stderr: %.500s", joined, WTERMSIG (wait_status), run->err);
  g_assert_true (WIFEXITED (wait_status));
  /* `timeout` exits 128 + N when its child died of signal N. */
  if (WEXITSTATUS (wait_status) > 128)
    g_error ("%s: died of signal %d; stderr: %.500s", joined, WEXITSTATUS (wait_status) - 128, run->err);
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("%s → %d", joined, run->status);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) document = poppler_document_new_from_file (uri, NULL, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append (text, page_text);
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
is_png (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  return g_file_get_contents (path, &contents, &length, NULL) && length > 8 &&
         memcmp (contents, "\211PNG\r\n\032\n", 8) == 0;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

/* A copy of the demo archive at @archive, as `transfo demo` leaves it. */
static void
copy_demo (const char *archive)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (demo_archive, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents_full (archive, contents, (gssize) length,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error));
  g_assert_no_error (error);
}

static void
test_hostile_case (gconstpointer data)
{
  const TfTestHostile *hostile = data;
  g_autofree char *dir = tf_test_make_dir ("hostile");
  g_autofree char *archive = g_build_filename (dir, "archive.sqlite", NULL);
  g_autofree char *pdf = g_build_filename (dir, "board.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "board.png", NULL);
  g_autofree char *text = NULL;
  Run run = { 0 };

  copy_demo (archive);
  tf_test_hostile_apply (archive, hostile->sql);

  run_transfo (&run, archive, "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_transfo (&run, archive, "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_transfo (&run, archive, "show", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_transfo (&run, archive, "show", "1", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_transfo (&run, archive, "search", TF_HOSTILE_KEPT_WORD, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_transfo (&run, archive, "search", "ab", NULL);
  g_assert_cmpint (run.status, <=, 1);

  /* The first board: the wall. What is valid is printed; what is not is
   * reported on one line, and the export still succeeds. */
  run_transfo (&run, archive, "export", "1", "--format", "pdf", "-o", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, TF_HOSTILE_KEPT_WORD));
  if (hostile->skipped)
    {
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_true (g_str_has_prefix (run.err, "transfo: warning: 1 item of board "));
      g_assert_nonnull (strstr (run.err, "could not be read and was left out ("));
    }
  else
    {
      g_assert_cmpstr (run.err, ==, "");
    }

  run_transfo (&run, archive, "export", "1", "--format", "png", "--dpi", "30", "-o", png, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (is_png (png));
  g_assert_cmpuint (count_lines (run.err), ==, hostile->skipped ? 1 : 0);

  /* The report prints every board. */
  run_transfo (&run, archive, "export", "1", "--report", "-o", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.err), ==, hostile->skipped ? 1 : 0);

  run_clear (&run);
  tf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *demo_dir = NULL;
  g_autofree char *wal = NULL;
  Run run = { 0 };
  int status;

  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  if (argc < 2 || argc > 3)
    {
      g_printerr ("usage: %s PATH-TO-TRANSFO [K/N]\n", argv[0]);
      return 2;
    }
  transfo = argv[1];
  /* K/N: the cases of shard K of N only (tf_test_in_shard()). */
  if (argc == 3)
    g_setenv ("TF_TEST_SHARD", argv[2], TRUE);
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");

  demo_dir = tf_test_make_dir ("hostile-demo");
  demo_archive = g_build_filename (demo_dir, "archive.sqlite", NULL);
  run_transfo (&run, demo_archive, "demo", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  /* Closed: the whole archive is in its one file, nothing in a -wal. */
  wal = g_strconcat (demo_archive, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < tf_test_hostile_n_cases; i++)
    {
      g_autofree char *path = NULL;

      if (!tf_test_in_shard (i))
        continue;
      path = g_strdup_printf ("/transfo/hostile/%s", tf_test_hostile_cases[i].name);

      g_test_add_data_func (path, &tf_test_hostile_cases[i], test_hostile_case);
    }
  status = g_test_run ();
  tf_test_remove_tree (demo_dir);
  g_free (demo_archive);
  return status;
}
