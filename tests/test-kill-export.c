/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Kills the real `transfo` at random moments of `export-insights` and
 * `export` (a board, a poster) over an existing file: SIGKILL mostly, and
 * SIGTERM and SIGHUP rounds. After each kill the target is the old file or
 * the complete new one, never half of either; SIGTERM and SIGHUP leave no
 * temporary file; after one more export to the folder, no temporary file
 * remains. Half of the rounds take the way of filesystems without O_TMPFILE
 * (named temporary files).
 *
 * Usage: test-kill-export PATH-TO-TRANSFO KILLS */
#include "config.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
  const char *name;
  const char *target;
  const char *args[6];
  GBytes     *fresh;    /* the complete new file, dates blanked */
  double      seconds;  /* how long a whole run takes */
} Job;

static const char *transfo;
static char *folder;
static char *archive;
static guint wanted_kills;

static Job jobs[] = {
  { "export-insights", "insights.csv", { "export-insights", "1", "-o", NULL } },
  { "export pdf", "board.pdf", { "export", "1", "--format", "pdf", "-o", NULL } },
  { "export poster", "poster.pdf", { "export", "1", "--poster", "3x3", "-o", NULL } },
};

/* A PDF's creation date changes from one second to the next. */
static GBytes *
read_normalised (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  for (char *p = contents; (p = memmem (p, length - (p - contents), "(D:", 3)) != NULL; p += 3)
    for (gsize i = 3; i < 17 && (gsize) (p - contents) + i < length && g_ascii_isdigit (p[i]); i++)
      p[i] = '0';
  return g_bytes_new_take (contents, length);
}

static char *
target_path (const Job *job)
{
  return g_build_filename (folder, job->target, NULL);
}

static GPid
spawn (const Job *job,
       gboolean   named)
{
  g_autofree char *target = target_path (job);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_strv_builder_add_many (builder, transfo, "--archive", archive, NULL);
  for (guint i = 0; job->args[i] != NULL; i++)
    g_strv_builder_add (builder, job->args[i]);
  g_strv_builder_add (builder, target);
  argv = g_strv_builder_end (builder);
  if (named)
    envp = g_environ_setenv (envp, "TRANSFO_TEST_NO_TMPFILE", "1", TRUE);
  else
    envp = g_environ_unsetenv (envp, "TRANSFO_TEST_NO_TMPFILE");
  g_spawn_async (NULL, argv, envp,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                 G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static int
run_whole (const Job *job,
           gboolean   named)
{
  GPid pid = spawn (job, named);
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return status;
}

/* Files of the folder: the targets, temporary files (their names added to
 * @seen, when given, counting only those not there yet), and anything else. */
static void
count_files (GHashTable *seen,
             guint      *n_temporary,
             guint      *n_other)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  *n_temporary = *n_other = 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      gboolean target = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (jobs); j++)
        target |= g_str_equal (name, jobs[j].target);
      if (target)
        continue;
      if (strstr (name, ".transfo-tmp-") != NULL)
        {
          if (seen == NULL || g_hash_table_add (seen, g_strdup (name)))
            (*n_temporary)++;
        }
      else
        {
          g_test_message ("unexpected file %s", name);
          (*n_other)++;
        }
    }
}

static void
calibrate (Job *job)
{
  g_autofree char *target = target_path (job);
  g_autoptr(GBytes) again = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (run_whole (job, FALSE), ==, 0);
  job->seconds = (g_get_monotonic_time () - start) / 1e6;
  job->fresh = read_normalised (target);
  g_assert_nonnull (job->fresh);
  g_assert_cmpuint (g_bytes_get_size (job->fresh), >, 0);
  /* The same again, by the other way: the same file. The faster of the two
   * runs is how long a run takes. */
  start = g_get_monotonic_time ();
  g_assert_cmpint (run_whole (job, TRUE), ==, 0);
  job->seconds = MIN (job->seconds, (g_get_monotonic_time () - start) / 1e6);
  again = read_normalised (target);
  g_assert_true (g_bytes_equal (again, job->fresh));
}

static void
test_kill_loop (void)
{
  static const char old_line[] = "The old file, which must stay whole or be replaced whole.\n";
  g_autoptr(GString) old = g_string_new (NULL);
  g_autoptr(GBytes) old_bytes = NULL;
  guint kills[3] = { 0 }, finished_first = 0, half_written = 0, strays_after_kill = 0;
  guint strays_named = 0, n_temporary, n_other, total_kills = 0, rounds = 0;
  g_autofree char *archive_dir = NULL;
  g_autofree char *stale = NULL;
  int status;

  for (guint i = 0; i < 200; i++)
    g_string_append (old, old_line);
  old_bytes = g_bytes_new (old->str, old->len);

  /* The archive in a folder of its own: the export folder holds only exports. */
  folder = g_dir_make_tmp ("transfo-kill-XXXXXX", NULL);
  archive_dir = g_dir_make_tmp ("transfo-kill-archive-XXXXXX", NULL);
  archive = g_build_filename (archive_dir, "archive.sqlite", NULL);
  {
    const char *argv[] = { transfo, "--archive", archive, "demo", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, NULL));
    g_assert_cmpint (status, ==, 0);
  }

  for (guint j = 0; j < G_N_ELEMENTS (jobs); j++)
    {
      calibrate (&jobs[j]);
      g_test_message ("%s: %.3f s a run", jobs[j].name, jobs[j].seconds);
    }

  while (total_kills < wanted_kills && rounds < wanted_kills * 3)
    {
      Job *job = &jobs[rounds % G_N_ELEMENTS (jobs)];
      g_autofree char *target = target_path (job);
      g_autoptr(GBytes) now = NULL;
      gboolean named = g_random_boolean ();
      /* In every 20 kills, 14 SIGKILL, 3 SIGTERM and 3 SIGHUP: the same
       * shares as drawing at random, but each signal surely comes up, even
       * in the short runs of the sanitizer build. */
      guint slot = total_kills % 20;
      int signum = slot < 14 ? SIGKILL : slot < 17 ? SIGTERM : SIGHUP;
      int which = signum == SIGKILL ? 0 : signum == SIGTERM ? 1 : 2;
      double delay;
      siginfo_t info = { 0 };
      GPid pid;

      g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      rounds++;
      /* What earlier SIGKILLs left: this round's export may not get as far as sweeping it. */
      count_files (before, &n_temporary, &n_other);
      g_assert_true (g_file_set_contents (target, old->str, old->len, NULL));
      /* Mostly where the file is written, late in the run; sometimes anywhere. */
      delay = g_random_double () < 0.6 ? g_random_double_range (0.4, 1.0) * job->seconds
                                        : g_random_double_range (0, 1.0) * job->seconds;
      pid = spawn (job, named);
      g_usleep ((gulong) (delay * G_USEC_PER_SEC));
      /* Already done: not a kill. */
      if (waitid (P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid)
        finished_first++;
      else
        {
          g_assert_cmpint (kill (pid, signum), ==, 0);
          kills[which]++;
          total_kills++;
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

      now = read_normalised (target);
      if (now == NULL || (!g_bytes_equal (now, old_bytes) && !g_bytes_equal (now, job->fresh)))
        {
          half_written++;
          g_test_message ("round %u (%s, signal %d): %s is neither the old nor the new file",
                          rounds, job->name, signum, job->target);
        }
      /* New temporary files only. */
      count_files (before, &n_temporary, &n_other);
      g_assert_cmpuint (n_other, ==, 0);
      /* SIGTERM and SIGHUP clean up as Ctrl+C does. */
      if (signum != SIGKILL && n_temporary > 0)
        g_error ("round %u (%s, %s): %u temporary files left", rounds, job->name,
                 g_strsignal (signum), n_temporary);
      if (n_temporary > 0)
        {
          strays_after_kill += n_temporary;
          strays_named += named;
        }
    }

  g_test_message ("%u rounds: %u kills (%u SIGKILL, %u SIGTERM, %u SIGHUP), %u finished "
                  "before the signal; %u half-written targets; %u temporary files left by "
                  "SIGKILL before the next export (%u of them named-temporary rounds)",
                  rounds, total_kills, kills[0], kills[1], kills[2], finished_first,
                  half_written, strays_after_kill, strays_named);
  g_assert_cmpuint (total_kills, >=, wanted_kills);
  g_assert_cmpuint (kills[1], >, 0);
  g_assert_cmpuint (kills[2], >, 0);
  g_assert_cmpuint (half_written, ==, 0);

  /* One more export to the folder, without a kill: nothing else remains. */
  stale = g_build_filename (folder, ".board.pdf.transfo-tmp-abc123", NULL);
  g_assert_true (g_file_set_contents (stale, "stale", -1, NULL));
  g_assert_cmpint (run_whole (&jobs[0], FALSE), ==, 0);
  count_files (NULL, &n_temporary, &n_other);
  g_test_message ("after one more export: %u temporary files", n_temporary);
  g_assert_cmpuint (n_temporary, ==, 0);
  g_assert_cmpuint (n_other, ==, 0);

  for (guint j = 0; j < G_N_ELEMENTS (jobs); j++)
    {
      g_autofree char *target = target_path (&jobs[j]);

      g_remove (target);
      g_bytes_unref (jobs[j].fresh);
    }
  g_rmdir (folder);
  {
    g_autofree char *wal = g_strconcat (archive, "-wal", NULL);
    g_autofree char *shm = g_strconcat (archive, "-shm", NULL);
    g_autofree char *lock = g_strconcat (archive, ".lock", NULL);

    g_remove (archive);
    g_remove (wal);
    g_remove (shm);
    g_remove (lock);
    g_rmdir (archive_dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 3)
    g_error ("usage: test-kill-export PATH-TO-TRANSFO KILLS");
  transfo = argv[1];
  wanted_kills = (guint) g_ascii_strtoull (argv[2], NULL, 10);

  g_test_add_func ("/transfo/kill-export/loop", test_kill_loop);
  return g_test_run ();
}
