/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "regional/tf-regional.h"
#include "tf-test-pg.h"
#include "tf-test-util.h"

static char *pg_bindir;   /* NULL: no PostgreSQL here */
static char *pg_root;     /* the temporary folder: data, socket, log */
static gboolean pg_running;
static int guardian_pipe = -1;  /* closed: the guardian stops the server */
static const char *skip_reason = "PostgreSQL's server programs (initdb, pg_ctl) are not installed";


/* Where initdb is: $TRANSFO_TEST_PG_BINDIR, Debian's folder, or $PATH. */
static char *
find_bindir (void)
{
  const char *env = g_getenv ("TRANSFO_TEST_PG_BINDIR");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *on_path = NULL;

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  if ((dir = g_dir_open ("/usr/lib/postgresql", 0, NULL)) != NULL)
    {
      const char *name;
      char *best = NULL;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *initdb = g_build_filename ("/usr/lib/postgresql", name, "bin", "initdb", NULL);

          if (g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE) && (best == NULL || strcmp (name, best) > 0))
            {
              g_free (best);
              best = g_strdup (name);
            }
        }
      if (best != NULL)
        {
          char *bindir = g_build_filename ("/usr/lib/postgresql", best, "bin", NULL);

          g_free (best);
          return bindir;
        }
    }
  if ((on_path = g_find_program_in_path ("initdb")) != NULL)
    return g_path_get_dirname (on_path);
  return NULL;
}

/* Runs a PostgreSQL program: as the postgres user when we are root
 * (the server refuses to run as root). */
static gboolean
run_pg (const char  *program,
        const char  *const *args,
        GError     **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  if (geteuid () == 0)
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("postgres"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (pg_bindir, program, NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (pg_root, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: %s %s: ", program, out, err);
      return FALSE;
    }
  return TRUE;
}

void
tf_test_pg_stop (void)
{
  if (pg_running)
    {
      g_autofree char *data = g_build_filename (pg_root, "data", NULL);
      const char *args[] = { "-D", data, "-m", "immediate", "-w", "stop", NULL };

      pg_running = FALSE;
      if (!run_pg ("pg_ctl", args, NULL))
        g_printerr ("# could not stop the test's PostgreSQL in %s\n", pg_root);
    }
  if (pg_root != NULL)
    {
      tf_test_remove_tree (pg_root);
      g_clear_pointer (&pg_root, g_free);
    }
  /* Stopped and removed already: the guardian finds nothing to do. */
  if (guardian_pipe >= 0)
    close (guardian_pipe);
}

char *
tf_test_pg_conninfo (const char *user,
          const char *db)
{
  return g_strdup_printf ("host=%s dbname=%s user=%s", pg_root, db, user);
}

PGconn *
tf_test_pg_connect (const char *user,
            const char *db)
{
  g_autofree char *info = tf_test_pg_conninfo (user, db);
  PGconn *conn = PQconnectdb (info);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

/* Runs @sql (one statement or several) and says whether it succeeded. */
gboolean
tf_test_pg_try (PGconn     *conn,
        const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK;

  PQclear (result);
  return ok;
}

void
tf_test_pg_exec (PGconn     *conn,
         const char *sql)
{
  if (!tf_test_pg_try (conn, sql))
    g_error ("%s: %s", sql, PQerrorMessage (conn));
}

static gboolean
start_server (GError **error)
{
  g_autofree char *data = NULL, *log = NULL, *options = NULL;

  pg_root = tf_test_make_dir ("regional");
  if (geteuid () == 0)
    {
      struct passwd *pw = getpwnam ("postgres");

      if (pw == NULL)
        {
          skip_reason = "running as root and there is no postgres user to run the server";
          return FALSE;
        }
      /* Given to the server's user rather than opened to everyone. */
      if (chown (pg_root, pw->pw_uid, pw->pw_gid) != 0)
        return g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (errno), "chown"), FALSE;
    }
  data = g_build_filename (pg_root, "data", NULL);
  log = g_build_filename (pg_root, "server.log", NULL);
  /* A test server: no fsync, no TCP, the socket in our folder. */
  options = g_strdup_printf ("-k %s -c listen_addresses= -c fsync=off -c full_page_writes=off"
                             " -c synchronous_commit=off", pg_root);
  {
    const char *initdb[] = { "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
                             "--no-sync", "--no-instructions", NULL };
    const char *start[] = { "-D", data, "-o", options, "-l", log, "-w", "-t", "120", "start", NULL };

    if (!run_pg ("initdb", initdb, error) || !run_pg ("pg_ctl", start, error))
      return FALSE;
  }
  pg_running = TRUE;
  /* Whatever ends this test (an assertion's abort too), the server goes:
   * a guardian waits for the end of our pipe, then stops it. */
  {
    g_autofree char *pg_ctl = g_build_filename (pg_bindir, "pg_ctl", NULL);
    g_autofree char *script = g_strdup_printf ("cat >/dev/null; %s %s -D '%s' -m immediate stop >/dev/null 2>&1;"
                                               " rm -rf '%s'",
                                               geteuid () == 0 ? "runuser -u postgres --" : "", pg_ctl, data, pg_root);
    const char *guardian[] = { "/bin/sh", "-c", script, NULL };

    if (!g_spawn_async_with_pipes (NULL, (char **) guardian, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                                   &guardian_pipe, NULL, NULL, error))
      return FALSE;
  }
  return TRUE;
}

gboolean
tf_test_pg_start (GError **error)
{
  if ((pg_bindir = find_bindir ()) == NULL)
    return FALSE;
  return start_server (error);
}

gboolean
tf_test_pg_running (void)
{
  return pg_running;
}

const char *
tf_test_pg_skip_reason (void)
{
  return skip_reason;
}

const char *
tf_test_pg_root (void)
{
  return pg_root;
}

void
tf_test_pg_make_region (const char *db)
{
  PGconn *admin = tf_test_pg_connect ("postgres", "postgres");
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", db);
  g_autofree char *info = tf_test_pg_conninfo ("postgres", db);
  g_autoptr(TfRegional) regional = NULL;
  g_autoptr(GError) error = NULL;
  int from = -1;

  tf_test_pg_exec (admin, create);
  PQfinish (admin);
  regional = tf_regional_connect (info, &error);
  g_assert_no_error (error);
  g_assert_true (tf_regional_migrate (regional, 0, &from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 0);
  g_assert_cmpint (tf_regional_schema_version (regional, NULL), ==, TF_REGIONAL_SCHEMA_VERSION);
}
