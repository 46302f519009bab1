/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/tf-cli.h"
#include "tf-store.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* Commands at the same moment, as separate processes: each one is a fork
 * of this test running the command line's own code (tf_cli_run), which
 * spares the dynamic loading of an exec at every run, so that hundreds of
 * races fit in seconds. */

typedef struct {
  pid_t  pid;
  char  *output;  /* stdout and stderr of the command */
} Command;

/* Starts `transfo --archive ARCHIVE ARGS…` in a child process. */
static void
command_start (Command    *command,
               const char *dir,
               const char *archive,
               ...)
{
  static guint counter;
  const char *argv[16] = { "transfo", "--archive", archive };
  int argc = 3;
  va_list args;
  const char *arg;

  va_start (args, archive);
  while ((arg = va_arg (args, const char *)) != NULL && argc < (int) G_N_ELEMENTS (argv) - 1)
    argv[argc++] = arg;
  va_end (args);
  argv[argc] = NULL;

  command->output = g_strdup_printf ("%s/output-%u", dir, counter++);
  fflush (NULL);
  command->pid = fork ();
  g_assert_cmpint (command->pid, >=, 0);
  if (command->pid == 0)
    {
      int fd = open (command->output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      int status;

      if (fd < 0 || dup2 (fd, STDOUT_FILENO) < 0 || dup2 (fd, STDERR_FILENO) < 0)
        _exit (99);
      /* A process of its own draws its own random numbers (uuids). */
      g_random_set_seed ((guint32) getpid () ^ (guint32) g_get_real_time ());
      status = tf_cli_run (argc, (char **) argv);
      fflush (NULL);
      _exit (status);
    }
}

/* Waits for the command; returns its exit status and its output. */
static int
command_finish (Command  *command,
                char    **output)
{
  int status = 0;

  g_assert_cmpint (waitpid (command->pid, &status, 0), ==, command->pid);
  g_assert_true (WIFEXITED (status));
  g_assert_true (g_file_get_contents (command->output, output, NULL, NULL));
  g_unlink (command->output);
  g_clear_pointer (&command->output, g_free);
  return WEXITSTATUS (status);
}

#define BATCH 8

/* Two commands started at the same moment on an archive that does not
 * exist yet: one creates it while the other creates it too, writes or
 * reads. Never "damaged"; both writers succeed (the second waits for the
 * first); a reader finds the archive whole or not at all. */
static void
test_racing_commands (void)
{
  g_autofree char *dir = tf_test_make_dir ("test-races");
  const char *second[][3] = {
    { "new", "Deuxième", NULL },
    { "list", NULL, NULL },
    { "demo", NULL, NULL },
    { "show", "1", NULL },
    { "search", "délib", NULL },
  };
  /* $TRANSFO_RACE_RUNS: fewer under the sanitizers, whose every fork costs
   * tens of milliseconds (tests/meson.build). */
  const char *runs = g_getenv ("TRANSFO_RACE_RUNS");
  guint n_runs = runs ? (guint) g_ascii_strtoull (runs, NULL, 10) : 400;
  guint damaged = 0, failed_writes = 0, missing_reads = 0;

  /* A few races at a time: the machine waits for the disk as much as it
   * computes. */
  n_runs = MAX (BATCH, n_runs - n_runs % BATCH);
  for (guint first = 0; first < n_runs; first += BATCH)
    {
      Command a[BATCH], b[BATCH];

      for (guint run = first; run < first + BATCH; run++)
        {
          g_autofree char *archive = g_strdup_printf ("%s/archive-%u.sqlite", dir, run);
          const char * const *other = second[run % G_N_ELEMENTS (second)];

          /* Which one starts first alternates. */
          if (run % 2 == 0)
            {
              command_start (&a[run - first], dir, archive, "new", "Premier", NULL);
              command_start (&b[run - first], dir, archive, other[0], other[1], NULL);
            }
          else
            {
              command_start (&b[run - first], dir, archive, other[0], other[1], NULL);
              command_start (&a[run - first], dir, archive, "new", "Premier", NULL);
            }
        }

      for (guint run = first; run < first + BATCH; run++)
        {
          g_autofree char *archive = g_strdup_printf ("%s/archive-%u.sqlite", dir, run);
          const char * const *other = second[run % G_N_ELEMENTS (second)];
          gboolean other_writes = g_str_equal (other[0], "new") || g_str_equal (other[0], "demo");
          g_autofree char *out_a = NULL;
          g_autofree char *out_b = NULL;
          int status_a = command_finish (&a[run - first], &out_a);
          int status_b = command_finish (&b[run - first], &out_b);

          if (strstr (out_a, "damaged") || strstr (out_b, "damaged"))
            {
              damaged++;
              g_test_message ("run %u: %s | %s", run, out_a, out_b);
            }
          if (status_a != 0 || (other_writes && status_b != 0))
            {
              failed_writes++;
              g_test_message ("run %u: a write failed: %s | %s", run, out_a, out_b);
            }
          if (!other_writes && status_b != 0)
            {
              /* Started before the archive was there: "no archive", nothing else. */
              g_assert_nonnull (strstr (out_b, "There is no archive"));
              missing_reads++;
            }
          tf_test_remove_archive_files (archive);
        }
    }

  g_test_message ("%u races: %u damaged, %u failed writes, %u reads before the archive existed",
                  n_runs, damaged, failed_writes, missing_reads);
  g_printerr ("# %u races: %u damaged, %u failed writes, %u reads before the archive existed\n",
              n_runs, damaged, failed_writes, missing_reads);
  g_assert_cmpuint (damaged, ==, 0);
  g_assert_cmpuint (failed_writes, ==, 0);
  tf_test_remove_tree (dir);
}

/* Reads (list, export-insights) while another process imports a big file:
 * every one of them works. */
static void
test_reads_during_import (void)
{
  g_autofree char *dir = tf_test_make_dir ("test-races-import");
  g_autofree char *archive = g_build_filename (dir, "archive.sqlite", NULL);
  g_autofree char *csv = g_build_filename (dir, "insights.csv", NULL);
  g_autofree char *exported = g_build_filename (dir, "export.csv", NULL);
  g_autoptr(GString) rows = g_string_new ("quote,source,cluster\n");
  g_autofree char *out = NULL;
  Command import, reader;
  guint n_reads = 0, n_failed = 0, n_during = 0;
  int status;

  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (rows, "\"Les élus et les collaborateurs, réunion %u\",élu,Groupe %u\n",
                            i, i % 20);
  g_assert_true (g_file_set_contents (csv, rows->str, (gssize) rows->len, NULL));

  command_start (&import, dir, archive, "new", "Entretiens", NULL);
  g_assert_cmpint (command_finish (&import, &out), ==, 0);
  g_clear_pointer (&out, g_free);
  /* The demo is experiment 1: the import goes into 2. */
  command_start (&import, dir, archive, "import-insights", "2", csv, NULL);

  for (;;)
    {
      int import_status = 0;
      gboolean running = waitpid (import.pid, &import_status, WNOHANG) == 0;

      if (n_reads % 2)
        command_start (&reader, dir, archive, "list", NULL);
      else
        command_start (&reader, dir, archive, "export-insights", "1", "-o", exported, NULL);
      status = command_finish (&reader, &out);
      n_reads++;
      if (running)
        n_during++;
      if (status != 0)
        {
          n_failed++;
          g_test_message ("read %u failed: %s", n_reads, out);
        }
      g_clear_pointer (&out, g_free);
      if (!running)
        {
          g_assert_true (WIFEXITED (import_status));
          g_assert_cmpint (WEXITSTATUS (import_status), ==, 0);
          break;
        }
    }
  g_unlink (import.output);
  g_free (import.output);

  g_printerr ("# %u reads, %u while the import ran: %u failed\n", n_reads, n_during, n_failed);
  g_assert_cmpuint (n_failed, ==, 0);
  g_assert_cmpuint (n_during, >, 0);
  tf_test_remove_tree (dir);
}

/* While a writer (here: this process) has the archive open, a second
 * writer is refused, by the archive's name, a symlink or a hard link, after
 * waiting a moment; reading goes on; nothing is changed. */
static void
test_second_writer (void)
{
  g_autofree char *dir = tf_test_make_dir ("test-races-writer");
  g_autofree char *archive = g_build_filename (dir, "archive.sqlite", NULL);
  g_autofree char *symlink_path = g_build_filename (dir, "raccourci.sqlite", NULL);
  g_autofree char *hard_link_path = g_build_filename (dir, "copie-liee.sqlite", NULL);
  const char *names[] = { archive, symlink_path, hard_link_path };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  gsize n_before = 0, n_after = 0;
  TfStore *writer;
  Command command;

  command_start (&command, dir, archive, "demo", NULL);
  g_assert_cmpint (command_finish (&command, &out), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_no_errno (symlink (archive, symlink_path));
  g_assert_no_errno (link (archive, hard_link_path));

  writer = tf_store_open (archive, TF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  tf_store_checkpoint (writer, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (archive, &before, &n_before, NULL));

  /* The three at once (each waits the same moment for the writer, which
   * this process holds throughout); each one's end is timed as it comes. */
  {
    Command refused[G_N_ELEMENTS (names)];
    gint64 started[G_N_ELEMENTS (names)], ended[G_N_ELEMENTS (names)];

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        started[i] = g_get_monotonic_time ();
        command_start (&refused[i], dir, names[i], "new", "Concurrent", NULL);
      }
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      {
        int status = 0;
        pid_t pid = waitpid (-1, &status, 0);
        gint64 now = g_get_monotonic_time ();
        guint i = 0;

        while (i < G_N_ELEMENTS (names) && refused[i].pid != pid)
          i++;
        g_assert_cmpuint (i, <, G_N_ELEMENTS (names));
        g_assert_true (WIFEXITED (status));
        g_assert_cmpint (WEXITSTATUS (status), ==, 1);
        ended[i] = now;
      }
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_assert_true (g_file_get_contents (refused[i].output, &out, NULL, NULL));
        g_unlink (refused[i].output);
        g_free (refused[i].output);
        g_assert_nonnull (strstr (out, "already open"));
        /* It waited for the other writer a moment, but only a moment. */
        g_assert_cmpint (ended[i] - started[i], >=, G_TIME_SPAN_SECOND);
        g_clear_pointer (&out, g_free);
      }
  }
  command_start (&command, dir, symlink_path, "list", NULL);
  g_assert_cmpint (command_finish (&command, &out), ==, 0);
  g_assert_nonnull (strstr (out, "Laboratoire"));
  g_clear_pointer (&out, g_free);

  g_assert_true (g_file_get_contents (archive, &after, &n_after, NULL));
  g_assert_cmpmem (before, n_before, after, n_after);
  g_assert_finalize_object (writer);

  command_start (&command, dir, symlink_path, "new", "Après", NULL);
  g_assert_cmpint (command_finish (&command, &out), ==, 0);
  tf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/transfo/races/commands", test_racing_commands);
  g_test_add_func ("/transfo/races/reads-during-import", test_reads_during_import);
  g_test_add_func ("/transfo/races/second-writer", test_second_writer);

  return g_test_run ();
}
