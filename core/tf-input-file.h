/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Reading a file the user named (an insight table, a list of discussion
 * starters, a pictogram): only a regular file, and never more than a bound,
 * so that a device (/dev/zero), a pipe nobody writes to, a folder or a huge
 * file picked by mistake is refused at once instead of read forever. */

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  TF_INPUT_FILE_NONE        = 0,
  TF_INPUT_FILE_ALLOW_STDIN = 1 << 0,  /* "-" reads the standard input (bounded too) */
} TfInputFileFlags;

/* Reads the whole of @path, at most @max_size bytes. Errors, with messages
 * that name the file: G_FILE_ERROR_ISDIR for a folder, G_FILE_ERROR_INVAL for
 * anything else that is not a regular file (a device, a pipe, a socket) and
 * for an archive the process has open or its -wal, -shm (any spelling: a
 * symlink, a hard link; see tf_input_file_check()),
 * G_IO_ERROR_MESSAGE_TOO_LARGE when there is more than @max_size (a regular
 * file's size is checked before anything is read), or the G_FILE_ERROR of
 * open() or read(). */
GBytes   *tf_input_file_read      (const char        *path,
                                   gsize              max_size,
                                   TfInputFileFlags   flags,
                                   GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* The same for a #GFile that may not be local (a file chooser's); blocking:
 * call it from a thread. */
GBytes   *tf_input_file_load      (GFile             *file,
                                   gsize              max_size,
                                   GCancellable      *cancellable,
                                   GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* FALSE, with G_FILE_ERROR_INVAL and a message naming the file, when @path
 * (however spelled) is an archive a store of this process has open or one
 * of SQLite's files beside it (-wal, -shm): opening and closing it would
 * drop the process's locks on the archive (see tf_store_is_open_file()).
 * Looks with stat() only; TRUE for anything else, a missing file
 * included. For readers of their own (photos): call it before opening. */
gboolean  tf_input_file_check     (const char        *path,
                                   GError           **error);

/* TRUE when @error is one of tf_input_file_read()'s "too big". */
gboolean  tf_input_file_is_too_big (const GError     *error);

G_END_DECLS
