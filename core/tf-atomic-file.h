/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Files written whole or not at all. The data goes to a temporary file in
 * the target's real folder (an unnamed O_TMPFILE where the filesystem has
 * it), is flushed to disk, then renamed over the target. A failure, a full
 * disk, a cancel or a kill leaves the target as it was.
 *
 * Replacing an existing file keeps what the user set on it: its
 * permissions (never wider), its owner and group where allowed, the
 * symlink that leads to it (the link's target gets the new content) and
 * its hard links (the same inode gets the new content, copied in place
 * once the whole new content is ready). A character device such as
 * /dev/null is written directly; folders, pipes, sockets and block devices
 * are refused.
 *
 * Named temporary files are called ".NAME.transfo-tmp-XXXXXX" and are held
 * under a lock while written; the next write to the same folder removes
 * those that no live writer holds. */

#include <gio/gio.h>

G_BEGIN_DECLS

#define TF_ATOMIC_FILE_ERROR (tf_atomic_file_error_quark ())

typedef enum {
  TF_ATOMIC_FILE_ERROR_ARCHIVE,   /* the open archive or one of its companion files */
  TF_ATOMIC_FILE_ERROR_DATABASE,  /* an SQLite database: replaced only when forced */
} TfAtomicFileError;

GQuark         tf_atomic_file_error_quark (void);

typedef struct _TfAtomicFile TfAtomicFile;

/* Opens a temporary file beside @path (or @path itself for a character
 * device). Refuses folders, pipes, sockets and block devices. */
TfAtomicFile  *tf_atomic_file_new        (const char     *path,
                                          GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Where to write: a stream on the temporary file. */
GOutputStream *tf_atomic_file_get_stream (TfAtomicFile   *self);
/* Flushes, syncs and renames over the target. On failure the temporary file
 * is removed and the target is left as it was. Frees @self either way. */
gboolean       tf_atomic_file_commit     (TfAtomicFile   *self,
                                          GError        **error);
/* Removes the temporary file; the target is left as it was. Frees @self. */
void           tf_atomic_file_abort      (TfAtomicFile   *self);

/* Writes @data to @path atomically. */
gboolean       tf_atomic_file_write      (const char     *path,
                                          const void     *data,
                                          gsize           size,
                                          GError        **error);

/* Whether @path may receive an export of the archive @archive (NULL: none
 * open). Refused, whatever the spelling of @path (relative, symlink, hard
 * link): the archive itself and its companions (-wal, -shm, .lock), with
 * TF_ATOMIC_FILE_ERROR_ARCHIVE; an existing SQLite database unless @force,
 * with TF_ATOMIC_FILE_ERROR_DATABASE; a folder, pipe, socket or block
 * device, as tf_atomic_file_new() refuses them. Opens nothing that could
 * block. */
gboolean       tf_atomic_file_check_target (const char   *path,
                                            const char   *archive,
                                            gboolean      force,
                                            GError      **error);

/* Async-signal-safe: removes the named temporary files of the writers in
 * progress, for a signal handler about to end the process. */
void           tf_atomic_file_remove_temporaries (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfAtomicFile, tf_atomic_file_abort)

G_END_DECLS
