/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A PostgreSQL server of our own, for the tests and the bench (never
 * linked into the program): initdb and pg_ctl in a folder, the server on
 * a Unix socket there (no TCP), as the postgres user when run as root
 * (the server refuses to run as root). Whatever ends the process that
 * started it (an assertion's abort too), a guardian process stops it.
 * GTK-free; the server's programs are found in $TRANSFO_TEST_PG_BINDIR,
 * Debian's /usr/lib/postgresql/N/bin (the newest) or $PATH. */

#include <glib.h>

G_BEGIN_DECLS

#define TF_PG_CLUSTER_ERROR (tf_pg_cluster_error_quark ())

typedef enum {
  TF_PG_CLUSTER_ERROR_MISSING,  /* no server programs here (or no postgres user): skip */
  TF_PG_CLUSTER_ERROR_FAILED,
} TfPgClusterError;

typedef struct _TfPgCluster TfPgCluster;

GQuark        tf_pg_cluster_error_quark (void);

/* Starts a server whose data is in @dir/data (made by initdb, superuser
 * "postgres", trust, UTF-8, unless it is there already) and whose socket
 * is in @dir. @dir NULL: a new temporary folder. @keep: the data stays
 * when the server stops (stopped "fast", not "immediate"), else @dir is
 * removed. @options: more server options ("-c name=value …"), nullable. */
TfPgCluster  *tf_pg_cluster_start       (const char   *dir,
                                         gboolean      keep,
                                         const char   *options,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;
/* The folder of the data and the socket (a libpq "host"). */
const char   *tf_pg_cluster_get_dir     (TfPgCluster  *self);
/* The folder of the server's programs (psql is there too). */
const char   *tf_pg_cluster_get_bindir  (TfPgCluster  *self);
/* Whether the data was made by this start (FALSE: found there). */
gboolean      tf_pg_cluster_is_new      (TfPgCluster  *self);
/* "host=DIR dbname=@db user=@user". */
char         *tf_pg_cluster_conninfo    (TfPgCluster  *self,
                                         const char   *user,
                                         const char   *db) G_GNUC_WARN_UNUSED_RESULT;
/* Stops the server (and removes its folder unless kept); NULL is a no-op. */
void          tf_pg_cluster_stop        (TfPgCluster  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfPgCluster, tf_pg_cluster_stop)

G_END_DECLS
