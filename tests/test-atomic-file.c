/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/tf-atomic-file.h"

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
    g_assert_cmpuint (count_entries (dir), ==, 2);
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
      g_error_free (error);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transfo/atomic-file/write-and-replace", test_write_and_replace);
  g_test_add_func ("/transfo/atomic-file/refusals", test_refusals);
  g_test_add_func ("/transfo/atomic-file/full-disk", test_full_disk);

  return g_test_run ();
}
