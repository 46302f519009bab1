/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-input-file"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tf-input-file.h"
#include "tf-store.h"

/* What open() or read() said, the file named. */
static void
set_errno_error (GError     **error,
                 int          saved,
                 gboolean     opening,
                 const char  *display)
{
  if (opening)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Cannot open %s: %s"),
                 display, g_strerror (saved));
  else
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Cannot read %s: %s"),
                 display, g_strerror (saved));
}

static void
set_too_big (GError     **error,
             const char  *display,
             gsize        max_size)
{
  g_autofree char *max = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               _("%s is too big (more than %s)"), display, max);
}

/* A folder, a device, a pipe or a socket: refused before anything is read. */
static gboolean
check_regular (mode_t       mode,
               const char  *display,
               GError     **error)
{
  if (S_ISREG (mode))
    return TRUE;
  if (S_ISDIR (mode))
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, _("%s is a folder, not a file"), display);
  else
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 _("%s is not a regular file (it is a device, a pipe or a socket)"), display);
  return FALSE;
}

/* @st, a look at @display before it is opened, is an archive a store of
 * the process has open (or its -wal, -shm): refused, never opened. */
static gboolean
check_not_archive (const struct stat  *st,
                   const char         *display,
                   GError            **error)
{
  const char *suffix = NULL;

  if (!tf_store_is_open_file (st, &suffix))
    return TRUE;
  if (*suffix == '\0')
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 _("%s is the archive Transfo has open, not a file to read from"), display);
  else
    /* TRANSLATORS: a file name, then the suffix of one of the archive's
     * files, e.g. -wal */
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                 _("%s is the “%s” file of the archive Transfo has open, not a file to read from"),
                 display, suffix);
  return FALSE;
}

gboolean
tf_input_file_check (const char  *path,
                     GError     **error)
{
  g_autofree char *display = NULL;
  struct stat info;

  g_return_val_if_fail (path != NULL, FALSE);

  /* Not there: whoever opens it says so. */
  if (g_stat (path, &info) != 0)
    return TRUE;
  display = g_filename_display_name (path);
  return check_not_archive (&info, display, error);
}

GBytes *
tf_input_file_read (const char        *path,
                    gsize              max_size,
                    TfInputFileFlags   flags,
                    GError           **error)
{
  g_autoptr(GByteArray) data = NULL;
  g_autofree char *display = NULL;
  gboolean is_stdin;
  struct stat info;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_size < G_MAXSIZE, NULL);

  is_stdin = (flags & TF_INPUT_FILE_ALLOW_STDIN) && g_str_equal (path, "-");
  display = is_stdin ? g_strdup (_("the standard input")) : g_filename_display_name (path);

  if (is_stdin)
    fd = STDIN_FILENO;
  else
    {
      /* Looked at before it is opened: opening a device can have effects,
       * and opening a pipe waits for a writer. */
      if (g_stat (path, &info) != 0)
        {
          set_errno_error (error, errno, TRUE, display);
          return NULL;
        }
      if (!check_regular (info.st_mode, display, error) || !check_not_archive (&info, display, error))
        return NULL;
      /* Non-blocking, so that a pipe swapped in meanwhile cannot hang the open. */
      fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
      if (fd < 0)
        {
          set_errno_error (error, errno, TRUE, display);
          return NULL;
        }
      if (fstat (fd, &info) != 0 || !check_regular (info.st_mode, display, error))
        {
          if (error != NULL && *error == NULL)
            set_errno_error (error, errno, FALSE, display);
          close (fd);
          return NULL;
        }
      /* Renamed over by the archive since it was looked at: closing this
       * descriptor would drop the process's locks on the archive, so it
       * is left open (a race with a rename, once). */
      if (!check_not_archive (&info, display, error))
        return NULL;
      if ((guint64) info.st_size > max_size)
        {
          set_too_big (error, display, max_size);
          close (fd);
          return NULL;
        }
      fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
    }

  /* One byte more than allowed tells "too big" from "just fits", whatever
   * the size said: a file may grow, stdin has none. */
  data = g_byte_array_sized_new (is_stdin ? 65536 : (guint) MIN ((gsize) info.st_size + 1, max_size + 1));
  while (data->len <= max_size)
    {
      guint8 buffer[65536];
      gssize n = read (fd, buffer, MIN (sizeof buffer, max_size + 1 - data->len));

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, FALSE, display);
          if (!is_stdin)
            close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, (guint) n);
    }
  if (!is_stdin)
    close (fd);
  if (data->len > max_size)
    {
      set_too_big (error, display, max_size);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

GBytes *
tf_input_file_load (GFile         *file,
                    gsize          max_size,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) data = NULL;
  g_autofree char *display = NULL;
  mode_t mode;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (max_size < G_MAXSIZE, NULL);

  path = g_file_get_path (file);
  if (path != NULL)
    return tf_input_file_read (path, max_size, TF_INPUT_FILE_NONE, error);

  /* Not local (a remote folder through GVfs): the same checks through GIO. */
  display = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      mode = S_IFREG;
      break;
    case G_FILE_TYPE_DIRECTORY:
      mode = S_IFDIR;
      break;
    default:
      mode = 0;  /* a device, a pipe or a socket, as far as GIO tells */
      break;
    }
  if (!check_regular (mode, display, error))
    return NULL;
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      g_file_info_get_size (info) > 0 && (guint64) g_file_info_get_size (info) > max_size)
    {
      set_too_big (error, display, max_size);
      return NULL;
    }

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  data = g_byte_array_new ();
  while (data->len <= max_size)
    {
      guint8 buffer[65536];
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer,
                                      MIN (sizeof buffer, max_size + 1 - data->len), cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (data, buffer, (guint) n);
    }
  if (data->len > max_size)
    {
      set_too_big (error, display, max_size);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

gboolean
tf_input_file_is_too_big (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
}
