/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Files written whole or not at all: the data goes to a temporary file in
 * the target's folder, is flushed to disk, then renamed over the target.
 * A failure, a full disk or a cancel leaves no partial file behind. */

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TfAtomicFile TfAtomicFile;

/* Opens a temporary file beside @path. */
TfAtomicFile  *tf_atomic_file_new        (const char     *path,
                                          GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Where to write: a stream on the temporary file. */
GOutputStream *tf_atomic_file_get_stream (TfAtomicFile   *self);
const char    *tf_atomic_file_get_temp_path (TfAtomicFile *self);
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfAtomicFile, tf_atomic_file_abort)

G_END_DECLS
