/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "tf-pg-cluster.h"

struct _TfPgCluster
{
  char     *bindir;
  char     *dir;
  char     *data;
  gboolean  keep;
  gboolean  is_new;
  gboolean  running;
  int       guardian_pipe;  /* closed: the guardian stops the server */
};

G_DEFINE_QUARK (tf-pg-cluster-error-quark, tf_pg_cluster_error)

/* Where initdb is: $TRANSFO_TEST_PG_BINDIR, Debian's folder, or $PATH. */
static char *
find_bindir (void)
{
  const char *env = g_getenv ("TRANSFO_TEST_PG_BINDIR");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *on_path = NULL;

  if (env != NULL && env[0] != '\0')
    {
      g_autofree char *initdb = g_build_filename (env, "initdb", NULL);

      /* Set to a folder without the programs: as if not installed. */
      return g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE) ? g_strdup (env) : NULL;
    }
  if ((dir = g_dir_open ("/usr/lib/postgresql", 0, NULL)) != NULL)
    {
      g_autofree char *best = NULL;
      const char *name;

      /* The newest: versions are numbers ("15", "16"). */
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *initdb = g_build_filename ("/usr/lib/postgresql", name, "bin", "initdb", NULL);

          if (g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE) &&
              (best == NULL || g_ascii_strtoull (name, NULL, 10) > g_ascii_strtoull (best, NULL, 10)))
            {
              g_free (best);
              best = g_strdup (name);
            }
        }
      if (best != NULL)
        return g_build_filename ("/usr/lib/postgresql", best, "bin", NULL);
    }
  if ((on_path = g_find_program_in_path ("initdb")) != NULL)
    return g_path_get_dirname (on_path);
  return NULL;
}

/* Runs a PostgreSQL program, as the postgres user when we are root. */
static gboolean
run_pg (TfPgCluster        *self,
        const char         *program,
        const char *const  *args,
        GError            **error)
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
  g_ptr_array_add (argv, g_build_filename (self->bindir, program, NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (self->dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: %s %s: ", program, out, err);
      return FALSE;
    }
  return TRUE;
}

static void
remove_dir (const char *dir)
{
  const char *argv[] = { "rm", "-rf", "--", dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                NULL, NULL, NULL);
}

static void
cluster_free (TfPgCluster *self)
{
  if (self->guardian_pipe >= 0)
    close (self->guardian_pipe);
  g_free (self->bindir);
  g_free (self->dir);
  g_free (self->data);
  g_free (self);
}

TfPgCluster *
tf_pg_cluster_start (const char  *dir,
                     gboolean     keep,
                     const char  *options,
                     GError     **error)
{
  TfPgCluster *self = g_new0 (TfPgCluster, 1);
  g_autofree char *version_file = NULL, *log = NULL, *server_options = NULL;
  g_autofree char *pg_ctl = NULL, *script = NULL;
  const char *mode = keep ? "fast" : "immediate";

  self->guardian_pipe = -1;
  self->keep = keep;
  if ((self->bindir = find_bindir ()) == NULL)
    {
      g_set_error_literal (error, TF_PG_CLUSTER_ERROR, TF_PG_CLUSTER_ERROR_MISSING,
                           "PostgreSQL's server programs (initdb, pg_ctl) are not installed");
      goto failed;
    }
  if (geteuid () == 0 && getpwnam ("postgres") == NULL)
    {
      g_set_error_literal (error, TF_PG_CLUSTER_ERROR, TF_PG_CLUSTER_ERROR_MISSING,
                           "running as root and there is no postgres user to run the server");
      goto failed;
    }
  if (dir == NULL)
    {
      if ((self->dir = g_dir_make_tmp ("transfo-pg-XXXXXX", error)) == NULL)
        goto failed;
    }
  else
    {
      self->dir = g_strdup (dir);
      if (g_mkdir_with_parents (self->dir, 0700) != 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", self->dir,
                       g_strerror (errno));
          goto failed;
        }
    }
  if (geteuid () == 0)
    {
      struct passwd *pw = getpwnam ("postgres");

      /* Given to the server's user rather than opened to everyone. */
      if (chown (self->dir, pw->pw_uid, pw->pw_gid) != 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "chown %s: %s", self->dir,
                       g_strerror (errno));
          goto failed;
        }
    }
  self->data = g_build_filename (self->dir, "data", NULL);
  version_file = g_build_filename (self->data, "PG_VERSION", NULL);
  log = g_build_filename (self->dir, "server.log", NULL);
  /* No TCP: the socket in our folder. A throw-away cluster needs no fsync. */
  server_options = g_strdup_printf ("-k %s -c listen_addresses= %s %s", self->dir,
                                    keep ? "" : "-c fsync=off -c full_page_writes=off -c synchronous_commit=off",
                                    options != NULL ? options : "");
  self->is_new = !g_file_test (version_file, G_FILE_TEST_EXISTS);
  {
    const char *initdb[] = { "-D", self->data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8",
                             "--no-sync", "--no-instructions", NULL };
    const char *start[] = { "-D", self->data, "-o", server_options, "-l", log, "-w", "-t", "300", "start", NULL };

    if ((self->is_new && !run_pg (self, "initdb", initdb, error)) || !run_pg (self, "pg_ctl", start, error))
      goto failed;
  }
  self->running = TRUE;
  /* The guardian waits for the end of our pipe, then stops the server:
   * whatever ends this process. */
  pg_ctl = g_build_filename (self->bindir, "pg_ctl", NULL);
  script = g_strdup_printf ("cat >/dev/null; %s '%s' -D '%s' -m %s -w stop >/dev/null 2>&1; %s%s%s",
                            geteuid () == 0 ? "runuser -u postgres --" : "", pg_ctl, self->data, mode,
                            keep ? "" : "rm -rf '", keep ? "" : self->dir, keep ? "" : "'");
  {
    const char *guardian[] = { "/bin/sh", "-c", script, NULL };

    if (!g_spawn_async_with_pipes (NULL, (char **) guardian, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                                   &self->guardian_pipe, NULL, NULL, error))
      {
        tf_pg_cluster_stop (self);
        return NULL;
      }
  }
  return self;

failed:
  if (self->dir != NULL && !keep)
    remove_dir (self->dir);
  cluster_free (self);
  return NULL;
}

const char *
tf_pg_cluster_get_dir (TfPgCluster *self)
{
  return self->dir;
}

const char *
tf_pg_cluster_get_bindir (TfPgCluster *self)
{
  return self->bindir;
}

gboolean
tf_pg_cluster_is_new (TfPgCluster *self)
{
  return self->is_new;
}

char *
tf_pg_cluster_conninfo (TfPgCluster *self,
                        const char  *user,
                        const char  *db)
{
  return g_strdup_printf ("host=%s dbname=%s user=%s", self->dir, db, user);
}

void
tf_pg_cluster_stop (TfPgCluster *self)
{
  if (self == NULL)
    return;
  if (self->running)
    {
      const char *args[] = { "-D", self->data, "-m", self->keep ? "fast" : "immediate", "-w", "stop", NULL };
      g_autoptr(GError) error = NULL;

      self->running = FALSE;
      if (!run_pg (self, "pg_ctl", args, &error))
        g_printerr ("# could not stop the PostgreSQL in %s: %s\n", self->dir, error->message);
    }
  if (!self->keep)
    remove_dir (self->dir);
  /* Stopped (and removed) already: the guardian finds nothing to do. */
  cluster_free (self);
}
