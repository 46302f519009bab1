/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "tf-archive.h"
#include "tf-store-private.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* "A crash or power cut loses nothing committed": a writer process edits an
 * archive and is SIGKILLed at a random moment, over and over. After each
 * kill the archive must open, pass SQLite's integrity check, and hold every
 * edit the writer acknowledged, each one whole.
 *
 *   test-crash CRASH-WRITER */

#define N_ROUNDS       60
#define ROUND_STRIDE   1000000  /* N of round r starts at r * ROUND_STRIDE */

static const char *writer_path;

/* What the writer acknowledged for one N. */
typedef struct {
  gint64   experiment_id;  /* 0 until "create" is acknowledged */
  gboolean field;
  gint64   board_id;       /* 0 until "board" is acknowledged */
} Ack;

typedef struct {
  GHashTable *acks;        /* gint64 *n → Ack * */
  int         rounds;
  int         corrupt;
  int         lost;
  int         half_made;
  int         acknowledged;
} Tally;

static Ack *
ack_for (Tally  *tally,
         gint64  n)
{
  Ack *ack = g_hash_table_lookup (tally->acks, &n);

  if (ack == NULL)
    {
      ack = g_new0 (Ack, 1);
      g_hash_table_insert (tally->acks, g_memdup2 (&n, sizeof n), ack);
    }
  return ack;
}

/* Reads what the writer printed, to the end: it is dead, so the pipe holds
 * all of it. Only whole lines count. Returns the Ns seen. */
static GArray *
read_acknowledgements (GSubprocess *process,
                       const char  *prefix,
                       Tally       *tally)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  GInputStream *out = g_subprocess_get_stdout_pipe (process);
  g_auto(GStrv) lines = NULL;
  guint8 buffer[4096];
  gsize n_read;
  guint n_lines;

  g_byte_array_append (bytes, (const guint8 *) prefix, (guint) strlen (prefix));
  do
    {
      g_assert_true (g_input_stream_read_all (out, buffer, sizeof buffer, &n_read, NULL, &error));
      g_assert_no_error (error);
      g_byte_array_append (bytes, buffer, (guint) n_read);
    }
  while (n_read > 0);
  g_byte_array_append (bytes, (const guint8 *) "", 1);

  lines = g_strsplit ((const char *) bytes->data, "\n", -1);
  n_lines = g_strv_length (lines);
  /* The last piece follows the last newline: empty, or a torn line. */
  for (guint i = 0; i + 1 < n_lines; i++)
    {
      char kind[16] = { 0 };
      gint64 id, n;
      Ack *ack;

      if (sscanf (lines[i], "committed %15s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, kind, &id, &n) != 3)
        g_error ("the writer printed an unexpected line: “%s”", lines[i]);

      ack = ack_for (tally, n);
      if (g_str_equal (kind, "create"))
        ack->experiment_id = id;
      else if (g_str_equal (kind, "field"))
        {
          g_assert_cmpint (id, ==, ack->experiment_id);
          ack->field = TRUE;
        }
      else if (g_str_equal (kind, "board"))
        {
          g_assert_cmpint (ack->experiment_id, >, 0);
          ack->board_id = id;
        }
      else
        g_error ("unknown edit kind “%s”", kind);

      g_array_append_val (seen, n);
      tally->acknowledged++;
    }

  return g_steal_pointer (&seen);
}

/* Counts the acknowledged edits of @n that the archive does not hold. */
static int
count_lost (TfStore *store,
            gint64   n,
            Ack     *ack)
{
  g_autofree char *title = g_strdup_printf ("edit-%" G_GINT64_FORMAT, n);
  g_autofree char *place = g_strdup_printf ("place-%" G_GINT64_FORMAT, n);
  g_autofree char *board_name = g_strdup_printf ("board-%" G_GINT64_FORMAT, n);
  g_autoptr(TfExperiment) experiment = NULL;
  int lost = 0;

  if (ack->experiment_id == 0)
    return 0;

  experiment = tf_archive_get_experiment (store, ack->experiment_id, NULL);
  if (experiment == NULL || g_strcmp0 (tf_experiment_get_title (experiment), title) != 0)
    {
      g_test_message ("lost: experiment %s (id %" G_GINT64_FORMAT ")", title, ack->experiment_id);
      /* Nothing of it can be there then. */
      return 1 + (ack->field ? 1 : 0) + (ack->board_id ? 1 : 0);
    }
  if (ack->field && g_strcmp0 (tf_experiment_get_text (experiment, TF_FIELD_PLACE), place) != 0)
    {
      g_test_message ("lost: the place of %s", title);
      lost++;
    }
  if (ack->board_id != 0)
    {
      g_autoptr(TfBoard) board = tf_archive_get_board (store, ack->board_id, NULL);

      if (board == NULL || g_strcmp0 (tf_board_get_name (board), board_name) != 0 ||
          tf_board_get_experiment_id (board) != ack->experiment_id)
        {
          g_test_message ("lost: %s of %s", board_name, title);
          lost++;
        }
    }
  return lost;
}

/* Every experiment the writer made, acknowledged or not, is whole: the
 * fields and tag it was created with, and at most its own board. */
static int
count_half_made (TfStore *store)
{
  sqlite3 *db = tf_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  int half = 0;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT e.title, e.theme, e.place,"
                                       " (SELECT group_concat (t.name, ',') FROM experiment_tags et"
                                       "    JOIN tags t ON t.id = et.tag_id WHERE et.experiment_id = e.id),"
                                       " (SELECT count(*) FROM boards b WHERE b.experiment_id = e.id),"
                                       " (SELECT count(*) FROM boards b WHERE b.experiment_id = e.id"
                                       "    AND b.name = 'board-' || substr (e.title, 6)),"
                                       " (SELECT count(*) FROM experiments_fts f WHERE f.rowid = e.id)"
                                       " FROM experiments e WHERE e.title GLOB 'edit-*'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *title = (const char *) sqlite3_column_text (stmt, 0);
      const char *suffix = title + strlen ("edit-");
      g_autofree char *theme = g_strconcat ("theme-", suffix, NULL);
      g_autofree char *place = g_strconcat ("place-", suffix, NULL);
      const char *tags = (const char *) sqlite3_column_text (stmt, 3);
      const char *actual_place = (const char *) sqlite3_column_text (stmt, 2);
      int n_boards = sqlite3_column_int (stmt, 4);
      int n_own_boards = sqlite3_column_int (stmt, 5);
      int n_docs = sqlite3_column_int (stmt, 6);

      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), theme) != 0 ||
          g_strcmp0 (tags, "crash") != 0 ||
          (actual_place[0] != '\0' && g_strcmp0 (actual_place, place) != 0) ||
          n_boards > 1 || n_boards != n_own_boards || n_docs != 1)
        {
          g_test_message ("half-made: %s (theme %s, place %s, tags %s, %d boards, %d own, %d docs)",
                          title, sqlite3_column_text (stmt, 1), actual_place, tags ? tags : "(none)",
                          n_boards, n_own_boards, n_docs);
          half++;
        }
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return half;
}

static gboolean
fts_in_sync (TfStore *store)
{
  char *msg = NULL;

  if (sqlite3_exec (tf_store_get_db (store),
                    "INSERT INTO items_fts (items_fts) VALUES ('integrity-check');"
                    "INSERT INTO experiments_fts (experiments_fts) VALUES ('integrity-check');",
                    NULL, NULL, &msg) != SQLITE_OK)
    {
      g_test_message ("full-text index out of sync: %s", msg);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/* Opens the archive the writer left and checks it. Returns FALSE when it is
 * corrupt; then the rounds stop, since the next writer could not open it. */
static gboolean
check_archive (const char *path,
               Tally      *tally,
               GArray     *round_ns,
               gboolean    check_all)
{
  g_autoptr(GError) error = NULL;
  TfStore *store;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && g_hash_table_size (tally->acks) == 0)
    return TRUE;  /* killed before it created the archive */

  store = tf_store_open (path, TF_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_test_message ("round %d: the archive does not open: %s", tally->rounds, error->message);
      tally->corrupt++;
      return FALSE;
    }
  if (!tf_store_check_integrity (store, &error) || !fts_in_sync (store))
    {
      g_test_message ("round %d: %s", tally->rounds, error ? error->message : "index damaged");
      tally->corrupt++;
      g_assert_finalize_object (store);
      return FALSE;
    }

  if (check_all)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, tally->acks);
      while (g_hash_table_iter_next (&iter, &key, &value))
        tally->lost += count_lost (store, *(gint64 *) key, value);
    }
  else
    {
      for (guint i = 0; i < round_ns->len; i++)
        {
          gint64 n = g_array_index (round_ns, gint64, i);

          /* Each N appears once per line; check it once, on its last line. */
          if (i + 1 < round_ns->len && g_array_index (round_ns, gint64, i + 1) == n)
            continue;
          tally->lost += count_lost (store, n, ack_for (tally, n));
        }
    }
  tally->half_made += count_half_made (store);

  g_assert_finalize_object (store);
  return TRUE;
}

static void
test_sigkill (void)
{
  g_autofree char *dir = tf_test_make_dir ("test-crash");
  g_autofree char *path = g_build_filename (dir, "archive.sqlite", NULL);
  Tally tally = { 0 };
  gint64 start = g_get_monotonic_time ();

  tally.acks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (int round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) writer = NULL;
      g_autoptr(GArray) round_ns = NULL;
      g_autofree char *first = g_strdup_printf ("%d", round * ROUND_STRIDE);
      int delay_ms = g_test_rand_int_range (5, 151);
      char head[2] = { 0 };

      writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                 writer_path, path, first, NULL);
      g_assert_no_error (error);

      /* Every other round counts its moment from the writer's first
       * acknowledged edit rather than from its start: a slow start (a
       * sanitizer build, a busy machine) must not leave whole runs with
       * nothing acknowledged, while the other rounds still hit the opening
       * and the creation of the archive. */
      if (round % 2 == 1)
        {
          GInputStream *out = g_subprocess_get_stdout_pipe (writer);

          if (g_input_stream_read (out, head, 1, NULL, NULL) != 1)
            head[0] = '\0';
          delay_ms = g_test_rand_int_range (0, 151);
        }
      g_usleep ((gulong) delay_ms * 1000);
      g_subprocess_send_signal (writer, SIGKILL);
      g_assert_true (g_subprocess_wait (writer, NULL, &error));
      g_assert_no_error (error);

      if (!g_subprocess_get_if_signaled (writer))
        {
          GInputStream *err = g_subprocess_get_stderr_pipe (writer);
          char message[4096] = { 0 };
          gsize n_read = 0;

          g_input_stream_read_all (err, message, sizeof message - 1, &n_read, NULL, NULL);
          g_error ("round %d: the writer stopped on its own (status %d): %s",
                   round, g_subprocess_get_status (writer), message);
        }
      g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);

      round_ns = read_acknowledgements (writer, head, &tally);
      tally.rounds++;
      if (!check_archive (path, &tally, round_ns, round == N_ROUNDS - 1))
        break;
    }

  g_test_message ("rounds=%d corrupt=%d lost=%d acknowledged=%d",
                  tally.rounds, tally.corrupt, tally.lost, tally.acknowledged);
  g_test_message ("half-made=%d experiments=%u seconds=%.1f", tally.half_made,
                  g_hash_table_size (tally.acks), (g_get_monotonic_time () - start) / 1e6);

  g_assert_cmpint (tally.rounds, ==, N_ROUNDS);
  g_assert_cmpint (tally.corrupt, ==, 0);
  g_assert_cmpint (tally.lost, ==, 0);
  g_assert_cmpint (tally.half_made, ==, 0);
  g_assert_cmpint (tally.acknowledged, >, 0);

  g_hash_table_unref (tally.acks);
  tf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  if (argc < 2 || !g_file_test (argv[1], G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("usage: test-crash CRASH-WRITER [GTEST-OPTIONS]\n");
      return 2;
    }
  writer_path = argv[1];

  g_test_add_func ("/transfo/crash/sigkill", test_sigkill);

  return g_test_run ();
}
