/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "canvas/tf-item-commands.h"
#include "core/tf-board-rows.h"
#include "core/tf-citations.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-history.h"
#include "core/tf-item-rows.h"
#include "core/tf-store-private.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* The generic "cites" payload key: which items of the same experiment
 * cite an item (the wall's "used by" list), and the rows read by id. */

typedef TfTestBoard Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  tf_test_board_set_up (f, "citations", "Kit du mandat", "insight-wall");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tf_test_board_tear_down (f);
}

static gint64
add_on (Fixture    *f,
        gint64      board,
        const char *kind,
        const char *text,
        const char *payload)
{
  TfNewItem item = { kind, TF_RECT_INIT (0, 0, 200, 200), text, NULL, payload, 0 };
  g_autoptr(TfCommand) command = tf_command_add_items (board, &item, 1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (tf_history_execute (f->history, command, &error));
  g_assert_no_error (error);
  return tf_item_command_get_ids (command, NULL)[0];
}

static gint64
experiment_of (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) reader = NULL;
  gint64 id;

  /* The test's own board's experiment, through the SQL helpers' twin. */
  reader = tf_store_open (f->path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  id = tf_test_sql_int (tf_store_get_db (reader), "SELECT experiment_id FROM boards LIMIT 1");
  return id;
}

static gboolean
collect_sibling (sqlite3_stmt *row,
                 gpointer      user_data)
{
  g_array_append_val ((GArray *) user_data, (gint64) { sqlite3_column_int64 (row, 0) });
  return TRUE;
}

static gboolean
collect_text (sqlite3_stmt *row,
              gpointer      user_data)
{
  g_ptr_array_add (user_data, g_strdup ((const char *) sqlite3_column_text (row, 2)));
  return TRUE;
}

static void
test_citing (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) citations = NULL;
  g_autoptr(GArray) siblings = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cites_quote = NULL;
  g_autofree char *cites_both = NULL;
  gint64 experiment = experiment_of (f);
  gint64 other_board, other_experiment_board, quote, quote2, card1, card2, stranger;
  TfCitation *citation;
  gint64 wanted[3];

  other_board = tf_test_execute (f->history, tf_command_add_board (experiment, "insight-wall", "Plan"));
  {
    g_autoptr(TfExperiment) draft = tf_experiment_new ("Autre");
    gint64 other = tf_test_execute (f->history, tf_command_create_experiment (draft));

    other_experiment_board = tf_test_execute (f->history, tf_command_add_board (other, "insight-wall", NULL));
  }

  quote = add_on (f, f->board, "note", "On ne sait pas à qui demander", NULL);
  quote2 = add_on (f, f->board, "note", "Le kit arrive trop tard", NULL);
  cites_quote = g_strdup_printf ("{\"cites\": [%" G_GINT64_FORMAT "]}", quote);
  cites_both = g_strdup_printf ("{\"cites\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "], \"x\": 1}",
                                quote2, quote);

  /* Nobody cites it yet. */
  citations = tf_citations_of (f->store, quote, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (citations->len, ==, 0);
  g_clear_pointer (&citations, g_ptr_array_unref);

  card1 = add_on (f, other_board, "label", "Demander au cabinet", cites_quote);
  card2 = add_on (f, f->board, "label", "Recevoir le kit", cites_both);
  /* Not cited: a string, a cites that is not an array, another experiment. */
  add_on (f, other_board, "label", "Texte", "{\"cites\": \"1\"}");
  add_on (f, other_board, "label", "Objet", "{\"cites\": {\"a\": 1}}");
  {
    g_autofree char *text = g_strdup_printf ("{\"cites\": [\"%" G_GINT64_FORMAT "\"]}", quote);

    add_on (f, other_board, "label", "Chaîne", text);
  }
  stranger = add_on (f, other_experiment_board, "label", "Ailleurs", cites_quote);
  g_assert_cmpint (stranger, >, 0);

  citations = tf_citations_of (f->store, quote, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (citations->len, ==, 2);
  /* By board position: the first board, then the one added after it. */
  citation = g_ptr_array_index (citations, 0);
  g_assert_cmpint (citation->item_id, ==, card2);
  g_assert_cmpint (citation->board_id, ==, f->board);
  g_assert_cmpstr (citation->board_type, ==, "insight-wall");
  g_assert_cmpstr (citation->text, ==, "Recevoir le kit");
  citation = g_ptr_array_index (citations, 1);
  g_assert_cmpint (citation->item_id, ==, card1);
  g_assert_cmpint (citation->board_id, ==, other_board);
  g_assert_cmpstr (citation->board_name, ==, "Plan");
  g_clear_pointer (&citations, g_ptr_array_unref);

  citations = tf_citations_of (f->store, quote2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (citations->len, ==, 1);
  g_assert_cmpint (((TfCitation *) g_ptr_array_index (citations, 0))->item_id, ==, card2);
  g_clear_pointer (&citations, g_ptr_array_unref);

  /* Deleting a citing item takes it off the list; undo brings it back. */
  tf_test_execute (f->history, tf_command_delete_items (&card2, 1));
  citations = tf_citations_of (f->store, quote, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (citations->len, ==, 1);
  g_assert_cmpint (((TfCitation *) g_ptr_array_index (citations, 0))->item_id, ==, card1);
  g_clear_pointer (&citations, g_ptr_array_unref);
  tf_test_undo (f->history);
  citations = tf_citations_of (f->store, quote, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (citations->len, ==, 2);

  /* The boards of the experiment, and rows read by id in the asked order. */
  g_assert_true (tf_board_rows_siblings (f->store, other_board, collect_sibling, siblings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (siblings->len, ==, 2);
  g_assert_cmpint (g_array_index (siblings, gint64, 0), ==, f->board);
  g_assert_cmpint (g_array_index (siblings, gint64, 1), ==, other_board);

  wanted[0] = quote2;
  wanted[1] = 999999;
  wanted[2] = quote;
  g_assert_true (tf_item_rows_by_ids (f->store, experiment, wanted, 3, collect_text, texts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==, "Le kit arrive trop tard");
  g_assert_cmpstr (g_ptr_array_index (texts, 1), ==, "On ne sait pas à qui demander");

  /* Only the items of the experiment asked for: the stranger is elsewhere. */
  g_ptr_array_set_size (texts, 0);
  wanted[1] = stranger;
  g_assert_true (tf_item_rows_by_ids (f->store, experiment, wanted, 3, collect_text, texts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==, "Le kit arrive trop tard");
  g_ptr_array_set_size (texts, 0);
  g_assert_true (tf_item_rows_by_ids (f->store, experiment + 1000, wanted, 3, collect_text, texts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (texts->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add ("/transfo/citations/citing", Fixture, NULL, fixture_setup, test_citing, fixture_teardown);
  return g_test_run ();
}
