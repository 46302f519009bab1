/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Contributions from phones in the room (room/tf-contribution.h): the
 * validator (text, UTF-8, category, key, ballot), storing what arrives
 * (one row per key, never more), the moderation commands and their undo
 * (accept at the next free place or into a cluster, accept all, edit,
 * merge, reject, restore), ballots into a round, hostile rows left out,
 * an archive of format 7 migrating to format 8, and the room's QR code. */
#include "config.h"

#include <string.h>

#include "canvas/tf-scene.h"
#include "core/tf-archive.h"
#include "core/tf-demo.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-history.h"
#include "core/tf-store-private.h"
#include "insights/tf-insight-wall.h"
#include "room/tf-contribution.h"
#include "room/tf-room-link.h"
#include "room/tf-qr.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

#define KEY_A "0123456789abcdef0123456789abcdef"
#define KEY_B "fedcba9876543210fedcba9876543210"
#define KEY_C "key-of-a-third-phone_01"

static const char * const sources[] = { "elected", "agent", "citizen", NULL };

static void
test_text (void)
{
  TfContributionCheck check;
  g_autofree char *clean = NULL;
  g_autofree char *long_text = NULL;
  g_autofree char *max_text = NULL;
  GString *accents = g_string_new (NULL);
  char *text;

  clean = tf_contribution_clean_text ("  On m’a renvoyé\r\nquatre fois.  ", -1, &check);
  g_assert_cmpint (check, ==, TF_CONTRIBUTION_VALID);
  g_assert_cmpstr (clean, ==, "On m’a renvoyé\nquatre fois.");

  g_assert_null (tf_contribution_clean_text ("   \n\t ", -1, &check));
  g_assert_cmpint (check, ==, TF_CONTRIBUTION_EMPTY);
  g_assert_null (tf_contribution_clean_text (NULL, -1, &check));
  g_assert_cmpint (check, ==, TF_CONTRIBUTION_EMPTY);
  g_assert_null (tf_contribution_clean_text ("caf\xe9", -1, &check));
  g_assert_cmpint (check, ==, TF_CONTRIBUTION_NOT_UTF8);
  g_assert_null (tf_contribution_clean_text ("a\0b", 3, &check));
  g_assert_cmpint (check, ==, TF_CONTRIBUTION_NOT_UTF8);
  g_assert_null (tf_contribution_clean_text ("bell \a", -1, &check));
  g_assert_cmpint (check, ==, TF_CONTRIBUTION_NOT_UTF8);
  g_assert_null (tf_contribution_clean_text ("\xc0\xaf overlong", -1, &check));
  g_assert_cmpint (check, ==, TF_CONTRIBUTION_NOT_UTF8);

  /* 1,000 characters pass, even of two bytes each; 1,001 do not. */
  for (int i = 0; i < TF_CONTRIBUTION_TEXT_MAX; i++)
    g_string_append (accents, "é");
  max_text = g_string_free (accents, FALSE);
  text = tf_contribution_clean_text (max_text, -1, &check);
  g_assert_cmpint (check, ==, TF_CONTRIBUTION_VALID);
  g_assert_cmpint (g_utf8_strlen (text, -1), ==, TF_CONTRIBUTION_TEXT_MAX);
  g_free (text);
  long_text = g_strconcat (max_text, "e", NULL);
  g_assert_null (tf_contribution_clean_text (long_text, -1, &check));
  g_assert_cmpint (check, ==, TF_CONTRIBUTION_TOO_LONG);
}

static void
test_key_category_ballot (void)
{
  const gint64 notes[] = { 11, 12, 13 };
  const gint64 ok[] = { 11, 11, 13 };
  const gint64 stranger[] = { 11, 99 };
  g_autofree char *key = tf_contribution_new_key ();
  g_autofree char *other = tf_contribution_new_key ();

  g_assert_true (tf_contribution_check_key (KEY_A));
  g_assert_true (tf_contribution_check_key (KEY_C));
  g_assert_false (tf_contribution_check_key (NULL));
  g_assert_false (tf_contribution_check_key ("short"));
  g_assert_false (tf_contribution_check_key (KEY_A KEY_A "x"));
  g_assert_false (tf_contribution_check_key ("0123456789abcdef 123"));
  g_assert_false (tf_contribution_check_key ("0123456789abcdef/../"));
  g_assert_true (tf_contribution_check_key (key));
  g_assert_cmpuint (strlen (key), ==, 32);
  g_assert_cmpstr (key, !=, other);

  g_assert_true (tf_contribution_check_category ("", sources));
  g_assert_true (tf_contribution_check_category ("agent", sources));
  g_assert_false (tf_contribution_check_category ("Agent", sources));
  g_assert_false (tf_contribution_check_category ("Marie Dupont", sources));
  g_assert_false (tf_contribution_check_category ("agent", NULL));
  g_assert_false (tf_contribution_check_category (NULL, sources));

  g_assert_true (tf_contribution_check_ballot (ok, 3, 1, notes, 3, 2, 3));
  g_assert_false (tf_contribution_check_ballot (ok, 3, 1, notes, 3, 2, 2));  /* too many dots */
  g_assert_false (tf_contribution_check_ballot (ok, 3, 2, notes, 3, 2, 3));  /* no such colour */
  g_assert_false (tf_contribution_check_ballot (stranger, 2, 0, notes, 3, 2, 3));  /* not in the round */
  g_assert_false (tf_contribution_check_ballot (ok, 0, 0, notes, 3, 2, 3));  /* empty */
}

typedef struct {
  char      *path;
  TfStore   *store;
  TfHistory *history;
  gint64     experiment;
  gint64     board;
  gint64     zone;
  gint64     note;
} Fixture;

static gboolean
insert_board (TfStore  *store,
              gpointer  user_data,
              GError  **error)
{
  Fixture *f = user_data;

  f->board = tf_demo_insert_board (store, f->experiment, TF_INSIGHT_WALL_TYPE_ID, "Phones", 99, error);
  if (f->board == 0)
    return FALSE;
  f->zone = tf_demo_insert_item (store, f->board, "zone", 0, 0, 600, 400, 1, "Waiting", "{}", "{}", error);
  f->note = tf_demo_insert_item (store, f->board, "note", 1000, 0, 200, 200, 2, "Already there", "{}", "{}", error);
  return f->zone != 0 && f->note != 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Phones in the room");
  g_autoptr(TfCommand) create = NULL;

  (void) data;
  tf_wings_init ();
  f->path = tf_test_archive_path ("contribution");
  f->store = tf_store_open (f->path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  f->history = tf_history_new (f->store);
  f->experiment = tf_test_execute (f->history, tf_command_create_experiment (draft));
  g_assert_true (tf_store_edit (f->store, insert_board, f, NULL, &error));
  g_assert_no_error (error);
  tf_history_clear (f->history);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  g_clear_object (&f->history);
  tf_store_close (f->store);
  g_assert_finalize_object (f->store);
  tf_test_remove_archive (f->path);
  g_free (f->path);
}

static gint64
receive (Fixture    *f,
         const char *key,
         const char *text,
         const char *category,
         gboolean    expect_new)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  gboolean inserted = FALSE;

  gboolean ok = tf_contribution_receive (f->store, f->experiment, key, text, category,
                                         tf_contribution_board_categories (f->store, f->board),
                                         &id, &inserted, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (inserted, ==, expect_new);
  return id;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return tf_test_sql_int (tf_store_get_db (f->store), sql);
}

static TfContributionRow
read_row (Fixture *f,
          gint64   id)
{
  TfContributionRow row = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  g_assert_true (tf_contribution_rows_read (f->store, id, &row, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  return row;
}

static void
test_receive (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = tf_contribution_row_array_new ();
  g_auto(TfContributionRow) row = { 0 };
  gint64 id, again, found_board = 0;
  gboolean inserted;

  g_assert_true (tf_contribution_find_board (f->store, f->experiment, &found_board, &error));
  g_assert_cmpint (found_board, ==, f->board);

  id = receive (f, KEY_A, " Nobody knew which form I needed ", "agent", TRUE);
  again = receive (f, KEY_A, "Nobody knew which form I needed", "agent", FALSE);
  g_assert_cmpint (id, ==, again);
  receive (f, KEY_B, "Second", "", TRUE);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contributions"), ==, 2);
  row = read_row (f, id);
  g_assert_cmpstr (row.text, ==, "Nobody knew which form I needed");
  g_assert_cmpstr (row.category, ==, "agent");
  g_assert_cmpint (row.state, ==, TF_CONTRIBUTION_QUEUED);
  g_assert_true (g_str_has_suffix (row.arrived_at, "Z"));
  /* Arriving is not the facilitator's edit: nothing to undo. */
  g_assert_false (tf_history_get_can_undo (f->history));

  /* Refused: nothing is written. */
  g_assert_false (tf_contribution_receive (f->store, f->experiment, KEY_C, "caf\xe9", "", sources, &id, &inserted, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tf_contribution_receive (f->store, f->experiment, KEY_C, "Text", "Marie Dupont", sources, &id, &inserted, &error));
  g_clear_error (&error);
  g_assert_false (tf_contribution_receive (f->store, f->experiment, "bad key", "Text", "", sources, &id, &inserted, &error));
  g_clear_error (&error);
  g_assert_false (tf_contribution_receive (f->store, f->experiment + 100, KEY_C, "Text", "", sources, &id, &inserted, &error));
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contributions"), ==, 2);

  g_assert_true (tf_contribution_rows_list (f->store, f->experiment, TF_N_CONTRIBUTION_STATES, rows, &error));
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (g_array_index (rows, TfContributionRow, 1).text, ==, "Second");
}

static void
test_moderate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfCommand) accept_again = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_auto(TfContributionRow) row = { 0 };
  gint64 a = receive (f, KEY_A, "On the wall", "citizen", TRUE);
  gint64 b = receive (f, KEY_B, "In the cluster", "", TRUE);
  gint64 c = receive (f, KEY_C, "Same as the note", "", TRUE);
  gint64 note_a, note_b;
  TfItem *item;

  /* Accept onto the wall, at its next free place, clear of every note. */
  tf_test_execute (f->history, tf_contribution_command_accept (&a, 1, f->board, 0));
  row = read_row (f, a);
  g_assert_cmpint (row.state, ==, TF_CONTRIBUTION_ACCEPTED);
  note_a = row.item_id;
  g_assert_cmpint (note_a, >, 0);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Accept a contribution");
  scene = tf_scene_new_for_board (f->store, f->board, &error);
  g_assert_no_error (error);
  item = tf_scene_lookup (scene, note_a);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->text, ==, "On the wall");
  g_assert_nonnull (strstr (item->payload, "\"citizen\""));
  g_assert_cmpint (item->parent_id, ==, 0);
  g_assert_false (tf_rect_intersects (&item->bounds, &tf_scene_lookup (scene, f->note)->bounds));
  g_clear_object (&scene);

  /* Accepting twice does nothing: it is no longer queued. */
  accept_again = tf_contribution_command_accept (&a, 1, f->board, 0);
  g_assert_false (tf_history_execute (f->history, accept_again, &error));
  g_clear_error (&error);

  /* Into a cluster: the note joins the zone and lies inside it. */
  tf_test_execute (f->history, tf_contribution_command_accept (&b, 1, f->board, f->zone));
  tf_contribution_row_clear (&row);
  row = read_row (f, b);
  note_b = row.item_id;
  scene = tf_scene_new_for_board (f->store, f->board, &error);
  item = tf_scene_lookup (scene, note_b);
  g_assert_cmpint (item->parent_id, ==, f->zone);
  g_assert_true (tf_rect_contains_rect (&tf_scene_lookup (scene, f->zone)->bounds, &item->bounds));
  g_clear_object (&scene);

  /* Undo takes the note off and puts the contribution back in the queue. */
  tf_test_undo (f->history);
  tf_contribution_row_clear (&row);
  row = read_row (f, b);
  g_assert_cmpint (row.state, ==, TF_CONTRIBUTION_QUEUED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items WHERE text = 'In the cluster'"), ==, 0);
  tf_test_redo (f->history);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items WHERE text = 'In the cluster'"), ==, 1);

  /* Merge a duplicate into a note: merged, and the note has one more vote. */
  tf_test_execute (f->history, tf_contribution_command_merge (c, f->note));
  tf_contribution_row_clear (&row);
  row = read_row (f, c);
  g_assert_cmpint (row.state, ==, TF_CONTRIBUTION_MERGED);
  g_assert_cmpint (row.item_id, ==, f->note);
  g_assert_cmpint (count (f, "SELECT json_extract (payload, '$.votes') FROM items WHERE text = 'Already there'"), ==, 1);
  /* Restore, edit, reject, restore: each one undo step. */
  tf_test_execute (f->history, tf_contribution_command_restore (c));
  tf_test_execute (f->history, tf_contribution_command_edit (c, "  Corrected text "));
  tf_contribution_row_clear (&row);
  row = read_row (f, c);
  g_assert_cmpstr (row.text, ==, "Corrected text");
  tf_test_execute (f->history, tf_contribution_command_reject (c));
  tf_contribution_row_clear (&row);
  row = read_row (f, c);
  g_assert_cmpint (row.state, ==, TF_CONTRIBUTION_REJECTED);
  /* Rejected, it stays in the archive. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM contributions"), ==, 3);
  tf_test_undo (f->history);
  tf_test_undo (f->history);
  tf_contribution_row_clear (&row);
  row = read_row (f, c);
  g_assert_cmpstr (row.text, ==, "Same as the note");
  g_assert_cmpint (row.state, ==, TF_CONTRIBUTION_QUEUED);

  /* An edit that a phone could not have sent is refused. */
  {
    g_autoptr(TfCommand) edit = tf_contribution_command_edit (c, "   ");

    g_assert_false (tf_history_execute (f->history, edit, &error));
    g_clear_error (&error);
  }
}

static void
test_accept_all (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new ();
  GPtrArray *items;

  for (int i = 0; i < 12; i++)
    {
      g_autofree char *key = g_strdup_printf ("phone-key-%08d", i);
      g_autofree char *text = g_strdup_printf ("Insight %d", i);

      receive (f, key, text, "", TRUE);
    }
  g_assert_cmpint (tf_test_execute (f->history, tf_contribution_command_accept_all (f->experiment, f->board, 0)), ==, 12);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contributions WHERE state = 1"), ==, 12);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Accept contributions");

  /* No two notes on top of each other. */
  scene = tf_scene_new_for_board (f->store, f->board, &error);
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((TfItem *) g_ptr_array_index (items, i))->kind_id, "note"))
      g_ptr_array_add (notes, g_ptr_array_index (items, i));
  g_assert_cmpuint (notes->len, ==, 13);
  for (guint i = 0; i < notes->len; i++)
    for (guint j = i + 1; j < notes->len; j++)
      g_assert_false (tf_rect_intersects (&((TfItem *) notes->pdata[i])->bounds,
                                          &((TfItem *) notes->pdata[j])->bounds));

  /* One undo step takes all of them back to the queue. */
  tf_test_undo (f->history);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contributions WHERE state = 0"), ==, 12);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items WHERE text LIKE 'Insight %'"), ==, 0);
}

static void
test_ballot (void)
{
  const gint64 notes[] = { 5, 6, 7 };
  const gint64 two[] = { 5, 7 };
  const gint64 three[] = { 6, 6, 6 };
  const gint64 other[] = { 8 };
  TfVoteRound *round = tf_vote_round_new (1, 0, 0, "", notes, 3, 2, 3, FALSE);

  g_assert_true (tf_contribution_cast_ballot (round, 0, two, 2));
  /* Colour 0 has one dot left: a ballot of three is refused whole. */
  g_assert_false (tf_contribution_cast_ballot (round, 0, three, 3));
  g_assert_cmpuint (tf_vote_round_get_n_cast (round), ==, 2);
  g_assert_true (tf_contribution_cast_ballot (round, 1, three, 3));
  g_assert_false (tf_contribution_cast_ballot (round, 0, other, 1));
  g_assert_false (tf_contribution_cast_ballot (round, 5, two, 1));
  g_assert_cmpuint (tf_vote_round_get_total (round, 6), ==, 3);
  g_assert_cmpuint (tf_vote_round_get_n_cast (round), ==, 5);
  tf_vote_round_free (round);
}

/* A hostile archive's rows: the table's checks refuse what they can, the
 * reader leaves out the rest. */
static void
test_hostile_rows (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3 *db = tf_store_get_db (f->store);
  g_autoptr(GArray) rows = tf_contribution_row_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  receive (f, KEY_A, "Fine", "", TRUE);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO contributions (experiment_id, key, arrived_at, text)"
                                     " VALUES (1, 'short', '', 'x')", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO contributions (experiment_id, key, arrived_at, text, state)"
                                     " VALUES (1, '" KEY_B "', '', 'x', 7)", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  /* Past the checks: a key with a space, a category not ours, bytes that are not UTF-8. */
  sql = g_strdup_printf ("INSERT INTO contributions (experiment_id, key, arrived_at, text) VALUES (%" G_GINT64_FORMAT ","
                         " '0123456789abcdef 12', 'x', 'spaced key');"
                         "INSERT INTO contributions (experiment_id, key, arrived_at, text, category) VALUES (%" G_GINT64_FORMAT ","
                         " '" KEY_B "', 'x', 'odd', 'Marie Dupont');"
                         "INSERT INTO contributions (experiment_id, key, arrived_at, text) VALUES (%" G_GINT64_FORMAT ","
                         " '" KEY_C "', 'x', CAST (X'636166E9' AS TEXT));",
                         f->experiment, f->experiment, f->experiment);
  tf_test_sql_exec (db, sql);
  g_assert_true (tf_contribution_rows_list (f->store, f->experiment, TF_N_CONTRIBUTION_STATES, rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (g_array_index (rows, TfContributionRow, 0).text, ==, "Fine");
}

/* An archive of format 7 (this program's schema without the tables and
 * index of formats 8 to 11) opens, migrates, and takes contributions. */
static void
test_format_7_archive (void)
{
  g_autofree char *path = tf_test_archive_path ("format-7");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Before phones");
  TfStore *store;
  TfHistory *history;
  gint64 experiment, id = 0;
  gboolean inserted = FALSE;

  tf_wings_init ();
  store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  history = tf_history_new (store);
  experiment = tf_test_execute (history, tf_command_create_experiment (draft));
  g_object_unref (history);
  tf_test_sql_exec (tf_store_get_db (store), "DROP TABLE experiment_bin; DROP INDEX items_by_kind;"
                                             " DROP TABLE experiment_origins; DROP TABLE contributions;"
                                             " PRAGMA user_version = 7;");
  tf_store_close (store);
  g_assert_finalize_object (store);

  store = tf_store_open (path, TF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tf_store_get_schema_version (store), ==, TF_SCHEMA_VERSION);
  g_assert_true (tf_contribution_receive (store, experiment, KEY_A, "After phones", "", sources, &id, &inserted, &error));
  g_assert_no_error (error);
  g_assert_true (inserted);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (store), "SELECT count(*) FROM experiments"), ==, 1);
  tf_store_close (store);
  g_assert_finalize_object (store);
  tf_test_remove_archive (path);
}

static void
test_qr (void)
{
  const char *url = "http://192.168.1.20:8765/t/0123456789abcdef0123456789abcdef";
  g_autoptr(TfQr) qr = tf_qr_new (url);
  g_autoptr(TfQr) same = tf_qr_new (url);
  g_autofree char *too_long = g_strnfill (8000, 'x');
  guint dark = 0;

  g_assert_nonnull (qr);
  /* Version v is 17 + 4v modules a side; 64 bytes at level M is version 4. */
  g_assert_cmpuint (qr->width, ==, 17 + 4 * qr->version);
  g_assert_cmpuint (qr->version, ==, 4);
  g_assert_cmpmem (qr->modules, qr->width * qr->width, same->modules, same->width * same->width);
  /* The three finder patterns: a dark 7 × 7 ring in three corners. */
  for (guint i = 0; i < 7; i++)
    {
      g_assert_true (tf_qr_get (qr, i, 0));
      g_assert_true (tf_qr_get (qr, 0, i));
      g_assert_true (tf_qr_get (qr, qr->width - 1 - i, 0));
      g_assert_true (tf_qr_get (qr, i, qr->width - 1));
    }
  g_assert_false (tf_qr_get (qr, 1, 1));
  g_assert_true (tf_qr_get (qr, 3, 3));
  g_assert_false (tf_qr_get (qr, qr->width, 0));
  for (guint i = 0; i < qr->width * qr->width; i++)
    {
      g_assert_cmpuint (qr->modules[i], <=, 1);
      dark += qr->modules[i];
    }
  g_assert_cmpuint (dark, >, qr->width * qr->width / 4);
  g_assert_cmpuint (dark, <, qr->width * qr->width * 3 / 4);
  g_assert_null (tf_qr_new (too_long));
}

/* Decoded back by zbar (zbar-tools, build-aux/install-deps.sh) from a
 * picture of the modules: 4 pixels each, a quiet zone of 4 modules. */
static void
test_qr_decodes (void)
{
  const char *url = "http://10.42.0.1:41234/t/9f86d081884c7d659a2feaa0c55ad015";
  g_autoptr(TfQr) qr = tf_qr_new (url);
  g_autofree char *dir = tf_test_make_dir ("qr");
  g_autofree char *path = g_build_filename (dir, "qr.pgm", NULL);
  g_autoptr(GString) image = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const guint scale = 4, quiet = 4, side = (qr->width + 2 * quiet) * scale;
  const char *argv[] = { "zbarimg", "--raw", "-q", NULL, NULL };
  int status = -1;

  g_string_append_printf (image, "P5\n%u %u\n255\n", side, side);
  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      {
        int mx = (int) (x / scale) - (int) quiet, my = (int) (y / scale) - (int) quiet;
        gboolean dark = mx >= 0 && my >= 0 && tf_qr_get (qr, (guint) mx, (guint) my);

        g_string_append_c (image, dark ? 0 : (char) 255);
      }
  g_assert_true (g_file_set_contents (path, image->str, image->len, &error));
  g_assert_no_error (error);
  argv[3] = path;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_strchomp (out);
  g_assert_cmpstr (out, ==, url);
  tf_test_remove_tree (dir);
}

/* The address chooser says what each address is: the loopback reaches no
 * phone; every listed address gets words, an unknown one "Network". */
static void
test_describe_address (void)
{
  g_auto(GStrv) addresses = tf_room_link_list_addresses ();
  g_autofree char *loopback = tf_room_link_describe_address ("127.0.0.1");
  g_autofree char *nowhere = tf_room_link_describe_address ("203.0.113.9");

  g_assert_nonnull (strstr (loopback, "no phone"));
  g_assert_cmpstr (nowhere, ==, "Network");
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      g_autofree char *what = tf_room_link_describe_address (addresses[i]);

      g_assert_true (what != NULL && what[0] != '\0');
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/room/contribution/text", test_text);
  g_test_add_func ("/room/contribution/key-category-ballot", test_key_category_ballot);
  g_test_add ("/room/contribution/receive", Fixture, NULL, fixture_set_up, test_receive, fixture_tear_down);
  g_test_add ("/room/contribution/moderate", Fixture, NULL, fixture_set_up, test_moderate, fixture_tear_down);
  g_test_add ("/room/contribution/accept-all", Fixture, NULL, fixture_set_up, test_accept_all, fixture_tear_down);
  g_test_add_func ("/room/contribution/ballot", test_ballot);
  g_test_add ("/room/contribution/hostile-rows", Fixture, NULL, fixture_set_up, test_hostile_rows, fixture_tear_down);
  g_test_add_func ("/room/contribution/format-7-archive", test_format_7_archive);
  g_test_add_func ("/room/contribution/qr", test_qr);
  g_test_add_func ("/room/contribution/describe-address", test_describe_address);
  g_test_add_func ("/room/contribution/qr-decodes", test_qr_decodes);
  return g_test_run ();
}
