/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Has SQLite take its file locks as open-file-description locks, which
 * no other descriptor's close() can drop (see tf-sqlite-locks.c). Called
 * before the process opens its first archive; FALSE if SQLite's VFS does
 * not allow it (the classic locks are then kept). */
gboolean tf_sqlite_locks_install (void);

G_END_DECLS
