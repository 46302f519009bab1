/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "tf-store.h"
#include "tf-store-guard.h"

G_BEGIN_DECLS

/* Only the core talks SQL. */
sqlite3      *tf_store_get_db            (TfStore       *self);
/* A prepared statement for @sql (a string literal), cached for the store's
 * lifetime and reset before it is returned. */
sqlite3_stmt *tf_store_prepare           (TfStore       *self,
                                          const char    *sql,
                                          GError       **error);
/* Sets @error from the connection's last error, prefixed by @what. Returns FALSE. */
gboolean      tf_store_fail              (TfStore       *self,
                                          GError       **error,
                                          const char    *what);
/* Steps a statement that returns no row (or ignores it); resets it. */
gboolean      tf_store_step_done         (TfStore       *self,
                                          sqlite3_stmt  *stmt,
                                          GError       **error);
/* ISO 8601 UTC timestamp for created_at / modified_at. */
char         *tf_store_now               (void) G_GNUC_WARN_UNUSED_RESULT;

/* The schema: migrations[i] brings user_version i to i + 1. */
extern const char * const tf_schema_migrations[];
extern const guint        tf_schema_n_migrations;
/* The tables whose changes are recorded for undo. */
extern const char * const tf_schema_tracked_tables[];
/* The CREATE TRIGGER statements of the items_fts triggers, exactly as the
 * first migration writes them: what the bulk paths put back after dropping
 * them (SQL read from an archive is never executed). */
extern const char         tf_schema_items_fts_ai[];
extern const char         tf_schema_items_fts_ad[];
extern const char         tf_schema_items_fts_au[];

/* How long one statement may run before it is stopped with an error (the
 * archive may be hostile: a query must not hang). 60 s by default; 0 lifts
 * the bound, for long legitimate work. Returns the previous limit. */
gint64        tf_store_set_query_limit   (TfStore       *self,
                                          gint64         limit_us);

/* The refusals of a file that is not ours to open, shared by every look at
 * it (its header, the check connection, the schema check). @display names
 * the file. Return FALSE. */
gboolean      tf_store_refuse_foreign    (GError       **error,
                                          const char    *display);
gboolean      tf_store_refuse_too_new    (GError       **error,
                                          const char    *display,
                                          gint64         version);

/* Bind helpers. */
void          tf_bind_text               (sqlite3_stmt  *stmt,
                                          int            index,
                                          const char    *text);
const char   *tf_column_text             (sqlite3_stmt  *stmt,
                                          int            index);

/* A connection of its own to the archive at @path, for reading only, from
 * another thread than the store's (the asset source's): opened as the
 * store's readers are, then hardened by @guard, which the caller keeps
 * alive as long as the connection. NULL with @error set on failure. */
sqlite3    *tf_store_open_reader       (const char      *path,
                                        TfStoreGuard    *guard,
                                        GError         **error);

G_END_DECLS
