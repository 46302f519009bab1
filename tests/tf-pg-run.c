/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tf-pg-run COMMAND [ARGUMENTS…]: runs a test script with a PostgreSQL
 * server of its own (regional/tf-pg-cluster.h), started in a temporary
 * folder and stopped afterwards whatever happens; the script finds its
 * socket's folder in $TRANSFO_TEST_PG_HOST and psql in
 * $TRANSFO_TEST_PG_BINDIR. Without PostgreSQL's server programs it prints
 * a TAP plan that skips, and succeeds. Exits with the script's status. */
#include "config.h"

#include <stdio.h>
#include <sys/wait.h>

#include "regional/tf-pg-cluster.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfPgCluster) cluster = NULL;
  int status = 0;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: tf-pg-run COMMAND [ARGUMENTS…]\n");
      return 2;
    }
  if ((cluster = tf_pg_cluster_start (NULL, FALSE, NULL, &error)) == NULL)
    {
      if (g_error_matches (error, TF_PG_CLUSTER_ERROR, TF_PG_CLUSTER_ERROR_MISSING))
        {
          printf ("1..0 # SKIP %s\n", error->message);
          return 0;
        }
      fprintf (stderr, "tf-pg-run: the test's PostgreSQL did not start: %s\n", error->message);
      return 1;
    }
  g_setenv ("TRANSFO_TEST_PG_HOST", tf_pg_cluster_get_dir (cluster), TRUE);
  g_setenv ("TRANSFO_TEST_PG_BINDIR", tf_pg_cluster_get_bindir (cluster), TRUE);
  if (!g_spawn_sync (NULL, argv + 1, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, &error))
    {
      fprintf (stderr, "tf-pg-run: %s\n", error->message);
      return 1;
    }
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return 1;
}
