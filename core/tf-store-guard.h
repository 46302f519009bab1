/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* An archive is a document that arrives by email or on a stick: whoever made
 * it chose its schema and its content. Every connection the program opens on
 * an archive is hardened by tf_store_guard_connection() right after
 * sqlite3_open_v2(), and its schema is compared with the program's own before
 * anything else is read from it. */

/* One statement may run this long (µs) before it is stopped. */
#define TF_STORE_GUARD_DEFAULT_LIMIT (60 * G_USEC_PER_SEC)

/* The state of one connection's progress handler. The caller owns it and
 * keeps it alive as long as the connection. */
typedef struct {
  gint64        limit;        /* µs one statement may run; 0: no bound */
  gint64        deadline;     /* monotonic time at which the running statement stops */
  GCancellable *cancellable;  /* (nullable) (unowned) also stops the running statement */
  gboolean      interrupted;  /* the running or last statement was stopped by the guard */
} TfStoreGuard;

/* Defensive mode, an untrusted schema, no extension loading, no tokenizer
 * pointers, no views; an authorizer that refuses ATTACH, DETACH and the
 * functions that reach files or pointers; a progress handler that stops any
 * statement running past @guard's limit. */
gboolean  tf_store_guard_connection    (sqlite3       *db,
                                        TfStoreGuard  *guard,
                                        GError       **error);

/* Checks that the schema of @db's main database is exactly the one the
 * program's migrations write for the format version the file states: the
 * same tables, indexes, views and triggers, each with the same SQL. Reads
 * only sqlite_schema (milliseconds, whatever the archive's size). On a
 * difference, sets TF_STORE_ERROR_NOT_ARCHIVE naming it; @display names the
 * file in the message. */
gboolean  tf_store_guard_check_schema  (sqlite3       *db,
                                        const char    *display,
                                        GError       **error);

/* The same for a file that holds the program's schema plus the objects
 * @extra (SQL, always the same text for a process: a bundle's manifest)
 * creates, and nothing else. */
gboolean  tf_store_guard_check_schema_with (sqlite3     *db,
                                            const char  *display,
                                            const char  *extra,
                                            GError     **error);

/* Marks the schema as trusted, once tf_store_guard_check_schema() found it
 * to be the program's own: SQLite 3.40's FTS5 is not marked innocuous, so the
 * program's own items_fts and experiments_fts triggers cannot run on an
 * untrusted schema. */
void      tf_store_guard_trust_schema  (sqlite3       *db);

/* Sets @error for a statement that @guard stopped (SQLITE_INTERRUPT):
 * cancelled, or past its time limit. Returns FALSE. */
gboolean  tf_store_guard_fail          (TfStoreGuard  *guard,
                                        GError       **error,
                                        const char    *what);

G_END_DECLS
