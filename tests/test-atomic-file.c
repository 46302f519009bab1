/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/tf-atomic-file.h"
#include "wings/tf-wings.h"

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static void
test_write_and_replace (void)
{
  g_autofree char *dir = g_dir_make_tmp ("transfo-atomic-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rapport.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (tf_atomic_file_write (path, "première version", strlen ("première version"), &error));
  g_assert_no_error (error);
  g_assert_true (tf_atomic_file_write (path, "seconde", 7, &error));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, "seconde");
  /* Nothing left beside it. */
  g_assert_cmpuint (count_entries (dir), ==, 1);

  /* Aborting leaves the old file as it was, and no temporary file. */
  {
    TfAtomicFile *file = tf_atomic_file_new (path, &error);
    g_assert_nonnull (file);
    g_assert_true (g_output_stream_write_all (tf_atomic_file_get_stream (file), "xx", 2, NULL, NULL, NULL));
    /* An unnamed temporary file where the filesystem has O_TMPFILE, else a named one. */
    g_assert_cmpuint (count_entries (dir), <=, 2);
    tf_atomic_file_abort (file);
  }
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "seconde");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_refusals (void)
{
  g_autofree char *dir = g_dir_make_tmp ("transfo-atomic-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "nowhere", "file.csv", NULL);
  g_autoptr(GError) error = NULL;

  /* A folder that does not exist: a clear error, nothing created. */
  g_assert_false (tf_atomic_file_write (missing, "x", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "file.csv"));
  g_clear_error (&error);

  /* The target is a folder. */
  g_assert_false (tf_atomic_file_write (dir, "x", 1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  g_rmdir (dir);
}

/* A full disk: a 64 KiB filesystem in a mount namespace of our own. Needs
 * the right to mount (root, as in CI). */
static void
test_full_disk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("transfo-full-XXXXXX", NULL);
  pid_t pid;
  int status = 0;

  if (geteuid () != 0)
    {
      g_test_skip ("mounting a small filesystem needs root");
      g_rmdir (dir);
      return;
    }

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autofree char *path = g_build_filename (dir, "poster.pdf", NULL);
      g_autofree char *big = g_malloc0 (256 * 1024);
      g_autofree char *contents = NULL;
      GError *error = NULL;

      if (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
          mount ("tmpfs", dir, "tmpfs", 0, "size=64k") != 0)
        _exit (10);
      /* An old poster is there; the new, bigger one cannot fit. */
      if (!g_file_set_contents (path, "old poster", -1, NULL))
        _exit (11);
      if (tf_atomic_file_write (path, big, 256 * 1024, &error))
        _exit (12);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        _exit (13);
      if (!g_file_get_contents (path, &contents, NULL, NULL) || !g_str_equal (contents, "old poster"))
        _exit (14);
      if (count_entries (dir) != 1)
        _exit (15);
      g_clear_error (&error);

      /* A hard-linked target: the new content fits once in a temporary
       * file, but not again in the target: the target is left whole. */
      {
        g_autofree char *second = g_build_filename (dir, "link.pdf", NULL);
        g_autofree char *medium = g_malloc0 (40 * 1024);

        if (link (path, second) != 0)
          _exit (16);
        if (tf_atomic_file_write (second, medium, 40 * 1024, &error))
          _exit (17);
        if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
          _exit (18);
        g_clear_pointer (&contents, g_free);
        if (!g_file_get_contents (path, &contents, NULL, NULL) ||
            !g_str_equal (contents, "old poster"))
          _exit (19);
        if (count_entries (dir) != 2)
          _exit (20);
        g_clear_error (&error);
        g_unlink (second);
      }
      umount (dir);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 10)
    g_test_skip ("this machine does not allow a private mount namespace");
  else
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_rmdir (dir);
}

static gboolean
has_temp_name (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    if (g_str_has_prefix (name, ".board.pdf.transfo-tmp-") &&
        strlen (name) == strlen (".board.pdf.transfo-tmp-XXXXXX"))
      return TRUE;
  return FALSE;
}

/* Where the filesystem has no O_TMPFILE: a recognisable name, gone on abort
 * and after the commit. */
static void
test_named_temporary (void)
{
  g_autofree char *dir = g_dir_make_tmp ("transfo-atomic-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "board.pdf", NULL);
  g_autoptr(GError) error = NULL;
  TfAtomicFile *file;

  g_setenv ("TRANSFO_TEST_NO_TMPFILE", "1", TRUE);
  file = tf_atomic_file_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_true (has_temp_name (dir));
  tf_atomic_file_abort (file);
  g_assert_cmpuint (count_entries (dir), ==, 0);

  g_assert_true (tf_atomic_file_write (path, "pdf", 3, &error));
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_unsetenv ("TRANSFO_TEST_NO_TMPFILE");
  g_unlink (path);
  g_rmdir (dir);
}

/* What a killed writer left is swept by the next write to the folder; what
 * a live writer holds under its lock stays, and so does anything else. */
static void
test_stale_temporaries (void)
{
  g_autofree char *dir = g_dir_make_tmp ("transfo-atomic-XXXXXX", NULL);
  g_autofree char *stale = g_build_filename (dir, ".poster.pdf.transfo-tmp-a1b2c3", NULL);
  g_autofree char *live = g_build_filename (dir, ".other.pdf.transfo-tmp-d4e5f6", NULL);
  g_autofree char *mine = g_build_filename (dir, "notes.transfo-tmp-aaaaaa", NULL);
  g_autofree char *path = g_build_filename (dir, "poster.pdf", NULL);
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_true (g_file_set_contents (stale, "half a poster", -1, NULL));
  g_assert_true (g_file_set_contents (live, "being written", -1, NULL));
  g_assert_true (g_file_set_contents (mine, "not ours", -1, NULL));
  fd = open (live, O_RDWR | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  g_assert_true (tf_atomic_file_write (path, "poster", 6, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (mine, G_FILE_TEST_EXISTS));

  /* Its writer gone, the next write sweeps it too. */
  close (fd);
  g_assert_true (tf_atomic_file_write (path, "poster", 6, &error));
  g_assert_false (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (dir), ==, 2);

  g_unlink (mine);
  g_unlink (path);
  g_rmdir (dir);
}

/* The checks before an export, on their own (the command line and the
 * window tests go through them end to end). */
static void
test_check_target (void)
{
  g_autofree char *dir = g_dir_make_tmp ("transfo-atomic-XXXXXX", NULL);
  g_autofree char *archive = g_build_filename (dir, "archive.sqlite", NULL);
  g_autofree char *wal = g_build_filename (dir, "archive.sqlite-wal", NULL);
  g_autofree char *link = g_build_filename (dir, "link", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *free_name = g_build_filename (dir, "export.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (archive, "SQLite format 3\0 and the rest", 30, NULL));
  g_assert_true (g_file_set_contents (other, "SQLite format 3\0 another one", 29, NULL));
  g_assert_cmpint (symlink ("archive.sqlite-wal", link), ==, 0);

  g_assert_false (tf_atomic_file_check_target (archive, archive, TRUE, &error));
  g_assert_error (error, TF_ATOMIC_FILE_ERROR, TF_ATOMIC_FILE_ERROR_ARCHIVE);
  g_clear_error (&error);
  /* A companion that does not exist, named through a symlink. */
  g_assert_false (tf_atomic_file_check_target (link, archive, TRUE, &error));
  g_assert_error (error, TF_ATOMIC_FILE_ERROR, TF_ATOMIC_FILE_ERROR_ARCHIVE);
  g_assert_nonnull (strstr (error->message, "-wal"));
  g_clear_error (&error);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_false (tf_atomic_file_check_target (other, archive, FALSE, &error));
  g_assert_error (error, TF_ATOMIC_FILE_ERROR, TF_ATOMIC_FILE_ERROR_DATABASE);
  g_clear_error (&error);
  g_assert_true (tf_atomic_file_check_target (other, archive, TRUE, &error));
  g_assert_true (tf_atomic_file_check_target (other, NULL, TRUE, &error));
  g_assert_true (tf_atomic_file_check_target (free_name, archive, FALSE, &error));
  g_assert_true (tf_atomic_file_check_target ("/dev/null", archive, FALSE, &error));
  g_assert_no_error (error);

  g_unlink (link);
  g_unlink (other);
  g_unlink (archive);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/transfo/atomic-file/write-and-replace", test_write_and_replace);
  g_test_add_func ("/transfo/atomic-file/refusals", test_refusals);
  g_test_add_func ("/transfo/atomic-file/full-disk", test_full_disk);
  g_test_add_func ("/transfo/atomic-file/named-temporary", test_named_temporary);
  g_test_add_func ("/transfo/atomic-file/stale-temporaries", test_stale_temporaries);
  g_test_add_func ("/transfo/atomic-file/check-target", test_check_target);

  return g_test_run ();
}
