/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-atomic-file"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "tf-atomic-file.h"

struct _TfAtomicFile
{
  char          *path;
  char          *temp_path;
  int            fd;
  GOutputStream *stream;
};

/* Both messages say which file and why, e.g. "No space left on device". */
static void
set_io_error (GError     **error,
              int          saved_errno,
              gboolean     folder,
              const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  if (folder)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Cannot write in the folder of %s: %s"), display, g_strerror (saved_errno));
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not write %s: %s"), display, g_strerror (saved_errno));
}

TfAtomicFile *
tf_atomic_file_new (const char  *path,
                    GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  TfAtomicFile *self;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("%s is a folder"), display);
      return NULL;
    }

  self = g_new0 (TfAtomicFile, 1);
  self->path = g_strdup (path);
  /* Hidden, beside the target, so the rename stays within one filesystem. */
  self->temp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (self->temp_path, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_io_error (error, errno, TRUE, path);
      g_free (self->temp_path);
      g_free (self->path);
      g_free (self);
      return NULL;
    }
  self->fd = fd;
  self->stream = g_unix_output_stream_new (fd, FALSE);
  return self;
}

GOutputStream *
tf_atomic_file_get_stream (TfAtomicFile *self)
{
  return self->stream;
}

const char *
tf_atomic_file_get_temp_path (TfAtomicFile *self)
{
  return self->temp_path;
}

static void
free_file (TfAtomicFile *self)
{
  g_clear_object (&self->stream);
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->temp_path);
  g_free (self->path);
  g_free (self);
}

void
tf_atomic_file_abort (TfAtomicFile *self)
{
  if (self == NULL)
    return;
  g_unlink (self->temp_path);
  free_file (self);
}

gboolean
tf_atomic_file_commit (TfAtomicFile  *self,
                       GError       **error)
{
  g_autofree char *dir = NULL;
  int dir_fd;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!g_output_stream_flush (self->stream, NULL, error))
    goto fail;
  if (fsync (self->fd) != 0)
    {
      set_io_error (error, errno, FALSE, self->path);
      goto fail;
    }
  if (close (self->fd) != 0)
    {
      self->fd = -1;
      set_io_error (error, errno, FALSE, self->path);
      goto fail;
    }
  self->fd = -1;
  if (g_rename (self->temp_path, self->path) != 0)
    {
      set_io_error (error, errno, FALSE, self->path);
      goto fail;
    }

  /* The rename itself must reach the disk too. */
  dir = g_path_get_dirname (self->path);
  dir_fd = g_open (dir, O_RDONLY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }

  free_file (self);
  return TRUE;

fail:
  tf_atomic_file_abort (self);
  return FALSE;
}

gboolean
tf_atomic_file_write (const char  *path,
                      const void  *data,
                      gsize        size,
                      GError     **error)
{
  TfAtomicFile *file = tf_atomic_file_new (path, error);

  if (file == NULL)
    return FALSE;
  if (!g_output_stream_write_all (file->stream, data, size, NULL, NULL, error))
    {
      tf_atomic_file_abort (file);
      return FALSE;
    }
  return tf_atomic_file_commit (file, error);
}
