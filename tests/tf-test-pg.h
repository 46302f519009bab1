/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A real PostgreSQL for the tests of the regional archive: started in a
 * temporary folder (initdb, pg_ctl on a Unix socket there, no TCP), as the
 * postgres user when the test runs as root, and stopped at the end
 * whatever ends the test (a guardian process waits on a pipe). */

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* Finds the server's programs and starts it. FALSE without an error when
 * they are missing (tf_test_pg_skip_reason() says why): the test skips. */
gboolean    tf_test_pg_start       (GError    **error);
gboolean    tf_test_pg_running     (void);
const char *tf_test_pg_skip_reason (void);
void        tf_test_pg_stop        (void);
/* The folder of the server (its data, socket and log). */
const char *tf_test_pg_root        (void);

/* A libpq connection string for @user on database @db. */
char       *tf_test_pg_conninfo    (const char *user,
                                    const char *db) G_GNUC_WARN_UNUSED_RESULT;
/* Connected, or the test fails. */
PGconn     *tf_test_pg_connect     (const char *user,
                                    const char *db);
/* Runs @sql (one statement or several): whether it succeeded. */
gboolean    tf_test_pg_try         (PGconn     *conn,
                                    const char *sql);
/* The same, the test failing when it does not. */
void        tf_test_pg_exec        (PGconn     *conn,
                                    const char *sql);
/* A new database @db with the regional catalogue at the current version. */
void        tf_test_pg_make_region (const char *db);

#define TF_TEST_PG_SKIP_WITHOUT_SERVER() \
  G_STMT_START { if (!tf_test_pg_running ()) { g_test_skip (tf_test_pg_skip_reason ()); return; } } G_STMT_END

G_END_DECLS
