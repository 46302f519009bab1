/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <time.h>

#include "blueprints/tf-blueprint-checks.h"
#include "blueprints/tf-blueprint-commands.h"
#include "blueprints/tf-blueprint-kinds.h"
#include "blueprints/tf-blueprint-layout.h"
#include "blueprints/tf-blueprint-model.h"
#include "canvas/tf-item-commands.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-text-fit.h"
#include "core/tf-board-rows.h"
#include "core/tf-content.h"
#include "core/tf-item-rows.h"
#include "core/tf-experiment-commands.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* --- Helpers --- */

/* The process's CPU time in ms: a figure that other programs on the
 * machine do not inflate (wall time is printed too). */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gboolean
add_row_text (sqlite3_stmt *row,
              gpointer      user_data)
{
  GString *out = user_data;

  /* Every column of the row, as text. */
  for (int c = 0; c < sqlite3_column_count (row); c++)
    {
      const unsigned char *text = sqlite3_column_text (row, c);

      g_string_append_printf (out, "%s|", text != NULL ? (const char *) text : "NULL");
    }
  g_string_append_c (out, '\n');
  return TRUE;
}

/* Every item row of the board, as text: the archive's state to compare. */
static char *
rows_of (TfStore *store,
         gint64   board)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (tf_item_rows_each_full (store, board, add_row_text, out, &error));
  g_assert_no_error (error);
  return g_string_free (out, FALSE);
}

static TfBlueprint *
blueprint_of (TfTestBoard *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfScene) scene = tf_scene_new_for_board (f->store, f->board, &error);

  g_assert_no_error (error);
  return tf_blueprint_from_scene (scene);
}

static const char *
step_id (const TfBlueprint *bp,
         guint              i)
{
  g_assert_cmpuint (i, <, bp->steps->len);
  return ((TfBpStep *) g_ptr_array_index (bp->steps, i))->id;
}

static const char *
lane_id (const TfBlueprint *bp,
         guint              i)
{
  g_assert_cmpuint (i, <, bp->lanes->len);
  return ((TfBpLane *) g_ptr_array_index (bp->lanes, i))->id;
}

static gint64
add_card (TfTestBoard *f,
          const char  *step,
          const char  *lane,
          const char  *text)
{
  return tf_test_execute (f->history, tf_bp_command_add_card (f->board, step, lane, -1, text));
}

static TfRect
bounds_of (TfTestBoard *f,
           gint64       id)
{
  TfItemRow row;
  TfRect r;

  g_assert_true (tf_item_rows_read (f->store, id, &row));
  r = TF_RECT_INIT (row.x, row.y, row.width, row.height);
  tf_item_row_clear (&row);
  return r;
}

static void
blueprint_set_up (TfTestBoard  *f,
                  gconstpointer data)
{
  (void) data;
  tf_test_board_set_up (f, "blueprint-model", "Kit du mandat", "blueprint");
}

static void
blueprint_tear_down (TfTestBoard  *f,
                     gconstpointer data)
{
  (void) data;
  tf_test_board_tear_down (f);
}

/* Runs @command, then checks that undo restores every row of the board
 * exactly and that redo gives the state after the command again. */
static gint64
check_undo_redo (TfTestBoard *f,
                 TfCommand   *command)
{
  g_autofree char *before = rows_of (f->store, f->board);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  gint64 id = tf_test_execute (f->history, command);

  after = rows_of (f->store, f->board);
  g_assert_cmpstr (before, !=, after);
  tf_test_undo (f->history);
  undone = rows_of (f->store, f->board);
  g_assert_cmpstr (before, ==, undone);
  tf_test_redo (f->history);
  redone = rows_of (f->store, f->board);
  g_assert_cmpstr (after, ==, redone);
  return id;
}

/* Runs @command, which must fail with an invalid-data error and leave
 * every row of the board as it was. */
static void
check_refused (TfTestBoard *f,
               TfCommand   *command)
{
  g_autoptr(TfCommand) owned = command;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = rows_of (f->store, f->board);
  g_autofree char *after = NULL;

  g_assert_false (tf_history_execute (f->history, command, &error));
  g_assert_nonnull (error);
  after = rows_of (f->store, f->board);
  g_assert_cmpstr (before, ==, after);
}

/* --- Tests --- */

/* A new blueprint board gets its grid: the five lanes and three steps. */
static void
test_new_board_grid (TfTestBoard  *f,
                     gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  TfItem *grid;

  (void) data;
  g_assert_cmpint (bp->grid_item_id, >, 0);
  g_assert_cmpuint (bp->lanes->len, ==, 5);
  g_assert_cmpuint (bp->steps->len, ==, 3);
  g_assert_true (tf_blueprint_lane_of_role (bp, TF_BP_LANE_CUSTOMER) != NULL);
  grid = tf_scene_lookup (f->scene, bp->grid_item_id);
  g_assert_nonnull (grid);
  g_assert_cmpstr (grid->kind->id, ==, TF_BP_GRID_KIND);
  /* It is drawn under everything and never taken hold of. */
  g_assert_cmpint (grid->kind->layer, ==, TF_LAYER_ZONES);
  g_assert_false (tf_item_grips (grid, grid->bounds.x + 300, grid->bounds.y + 200, 4));
  g_assert_cmpuint (tf_item_handles (grid), ==, TF_ITEM_HANDLES_NONE);
  g_assert_cmpfloat (grid->bounds.width, ==, TF_BP_HEADER_WIDTH + 3 * TF_BP_COLUMN_WIDTH);
}

/* Payloads keep the keys they do not know, through the model and through
 * the set_card command. */
static void
test_json_round_trip (TfTestBoard  *f,
                      gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  g_autoptr(TfBlueprint) again = NULL;
  g_autoptr(GError) error = NULL;
  TfNewItem item = { TF_BP_CARD_KIND, TF_RECT_INIT (0, 0, 10, 10), "Recevoir le kit", NULL, NULL, 0 };
  g_autofree char *payload = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(TfBpCard) copy = NULL;
  TfBpCard *card;
  TfItemRow row;
  gint64 id;

  (void) data;
  payload = g_strdup_printf ("{\"step\": \"%s\", \"lane\": \"customer\", \"order\": 0, \"zzz\": [1, {\"a\": 2}],"
                             " \"actor\": \"elu\", \"wait\": {\"duration\": \"3 jours\"}, \"cites\": [5, 6]}",
                             step_id (bp, 1));
  item.payload = payload;
  id = tf_test_board_add (f, &item);
  again = blueprint_of (f);
  card = tf_blueprint_card (again, id);
  g_assert_nonnull (card);
  g_assert_cmpstr (card->step_id, ==, step_id (bp, 1));
  g_assert_cmpstr (card->lane_id, ==, "customer");
  g_assert_cmpstr (card->actor, ==, "elu");
  g_assert_cmpuint (card->marks, ==, TF_BP_MARK_WAIT);
  g_assert_cmpstr (card->wait_duration, ==, "3 jours");
  g_assert_cmpuint (card->cites->len, ==, 2);

  /* Edited through the command: new fields, the unknown key kept. */
  copy = tf_bp_card_copy (card);
  g_free (copy->department);
  copy->department = g_strdup ("Service culture");
  copy->marks |= TF_BP_MARK_FAIL;
  check_undo_redo (f, tf_bp_command_set_card (copy, NULL));
  g_assert_true (tf_item_rows_read (f->store, id, &row));
  {
    g_autoptr(JsonNode) root = json_from_string (row.payload, &error);
    JsonObject *o;

    g_assert_no_error (error);
    o = json_node_get_object (root);
    g_assert_true (json_object_has_member (o, "zzz"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "zzz")), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (o, "department"), ==, "Service culture");
    g_assert_true (json_object_has_member (o, "fail"));
  }
  tf_item_row_clear (&row);

  /* The grid's own JSON reads back the same. */
  stored = tf_blueprint_grid_to_json (again);
  {
    g_autoptr(TfScene) scene = tf_scene_new ();
    g_autoptr(TfBlueprint) read = NULL;
    g_autofree char *written = NULL;
    TfItem *grid = tf_item_new (again->grid_item_id, TF_BP_GRID_KIND);

    tf_item_set_payload (grid, stored);
    tf_item_changed (grid);
    tf_scene_add (scene, grid);
    read = tf_blueprint_from_scene (scene);
    written = tf_blueprint_grid_to_json (read);
    g_assert_cmpstr (stored, ==, written);
  }
}

static gboolean
rects_overlap (const TfRect *a,
               const TfRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
rect_inside (const TfRect *inner,
             const TfRect *outer)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

/* A blueprint of @n_steps × @n_lanes (the five standard lanes first) and
 * @n_cards cards spread over its cells, texts of every length. */
static TfBlueprint *
make_blueprint (guint n_steps,
                guint n_lanes,
                guint n_cards)
{
  TfBlueprint *bp = tf_blueprint_new ();
  static const char *words[] = { "Recevoir", "le", "kit", "du", "mandat", "régional", "appeler", "un",
                                 "collaborateur", "service", "répond", "sous", "trois", "jours" };

  for (guint s = 0; s < n_steps; s++)
    tf_blueprint_add_step (bp, -1, "Étape", NULL);
  for (guint l = bp->lanes->len; l < n_lanes; l++)
    tf_blueprint_add_lane (bp, -1, TF_BP_LANE_CUSTOM, "Émotions");
  for (guint i = 0; i < n_cards; i++)
    {
      GString *text = g_string_new (NULL);
      guint n_words = 1 + (i * 7) % 23;
      TfBpCard *card;

      for (guint w = 0; w < n_words; w++)
        g_string_append_printf (text, "%s%s", w ? " " : "", words[(i + w * 3) % G_N_ELEMENTS (words)]);
      card = tf_blueprint_add_card (bp, 1000 + i, step_id (bp, (i * 13) % n_steps),
                                    lane_id (bp, (i * 5) % n_lanes), text->str);
      if (i % 4 == 0)
        card->marks = TF_BP_MARK_FAIL;
      if (i % 6 == 0)
        {
          g_free (card->actor);
          card->actor = g_strdup ("elu");
        }
      g_string_free (text, TRUE);
    }
  return bp;
}

static void
check_layout (const TfBlueprint *bp,
              const TfBpLayout  *layout)
{
  g_autoptr(GPtrArray) rects = g_ptr_array_new ();

  for (guint i = 0; i < bp->cards->len; i++)
    {
      const TfBpCard *card = g_ptr_array_index (bp->cards, i);
      const TfRect *r = g_hash_table_lookup (layout->cards, &card->item_id);
      const TfBpLane *lane = g_ptr_array_index (bp->lanes, tf_blueprint_lane_index (bp, card->lane_id));
      TfRect cell = tf_bp_layout_cell (layout, tf_blueprint_step_index (bp, card->step_id),
                                       tf_blueprint_lane_index (bp, card->lane_id));

      if (lane->hidden)
        {
          g_assert_null (r);
          continue;
        }
      g_assert_nonnull (r);
      /* In its cell, and tall enough for its text. */
      g_assert_true (rect_inside (r, &cell));
      g_assert_cmpfloat (r->height, >=, tf_bp_card_height (card) - 1e-9);
      g_assert_cmpfloat (r->width, ==, TF_BP_CARD_WIDTH);
      g_ptr_array_add (rects, (gpointer) r);
    }
  for (guint i = 0; i < rects->len; i++)
    for (guint k = i + 1; k < rects->len; k++)
      g_assert_false (rects_overlap (g_ptr_array_index (rects, i), g_ptr_array_index (rects, k)));
}

/* The layout from the data alone: cells grow to fit their cards, which never
 * overlap, stay in their cell and are as tall as their text; a hidden lane
 * takes no height; 30 × 8 stays readable. */
static void
test_layout (void)
{
  g_autoptr(TfBlueprint) bp = make_blueprint (4, 5, 40);
  g_autoptr(TfBpLayout) layout = tf_blueprint_layout (bp);
  g_autoptr(TfBpLayout) hidden = NULL;
  g_autoptr(TfBpLayout) big_layout = NULL;
  g_autoptr(TfBlueprint) big = NULL;
  const char *long_text = "Le nouvel élu reçoit le kit du mandat régional, le lit le soir, cherche le numéro "
                          "du service juridique, ne le trouve pas, appelle le standard qui le renvoie vers "
                          "le cabinet, puis vers la direction des assemblées, et attend trois jours.";
  TfBpCard *card;
  double before, tall, width;
  gint64 t0;
  int s, l;

  check_layout (bp, layout);
  g_assert_cmpuint (layout->columns->len, ==, 4);
  g_assert_cmpuint (layout->rows->len, ==, 5);
  /* The three lines under the customer, frontstage and backstage lanes. */
  g_assert_cmpfloat (layout->line_y[TF_BP_LINE_INTERACTION], ==,
                     g_array_index (layout->rows, TfRect, 1).y + g_array_index (layout->rows, TfRect, 1).height);
  g_assert_cmpfloat (layout->line_y[TF_BP_LINE_VISIBILITY], ==, g_array_index (layout->rows, TfRect, 3).y);
  /* The cell under a point. */
  g_assert_true (tf_bp_layout_cell_at (layout, bp, g_array_index (layout->columns, TfRect, 2).x + 5,
                                       g_array_index (layout->rows, TfRect, 3).y + 5, &s, &l));
  g_assert_cmpint (s, ==, 2);
  g_assert_cmpint (l, ==, 3);
  g_assert_false (tf_bp_layout_cell_at (layout, bp, 10, g_array_index (layout->rows, TfRect, 3).y + 5, &s, &l));

  /* A long text makes its card, its lane and the grid taller. */
  before = g_array_index (layout->rows, TfRect, 2).height;
  card = tf_blueprint_add_card (bp, 5000, step_id (bp, 0), lane_id (bp, 2), long_text);
  for (int i = 0; i < 3; i++)
    tf_blueprint_add_card (bp, 5001 + i, step_id (bp, 0), lane_id (bp, 2), long_text);
  g_clear_pointer (&layout, tf_bp_layout_free);
  layout = tf_blueprint_layout (bp);
  check_layout (bp, layout);
  tall = ((TfRect *) g_hash_table_lookup (layout->cards, &card->item_id))->height;
  /* As tall as Pango lays its text out in the card, with the padding. */
  {
    g_autoptr(GObject) context = G_OBJECT (tf_text_context_new ());
    g_autoptr(PangoLayout) text = pango_layout_new (PANGO_CONTEXT (context));
    PangoFontDescription *font = pango_font_description_from_string (TF_BOARD_FONT_FAMILY);
    PangoRectangle logical;

    pango_font_description_set_absolute_size (font, TF_BP_CARD_TEXT_SIZE * PANGO_SCALE);
    pango_layout_set_font_description (text, font);
    pango_font_description_free (font);
    pango_layout_set_width (text, (int) ((TF_BP_CARD_WIDTH - 2 * TF_BP_CARD_PAD) * PANGO_SCALE));
    pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text (text, long_text, -1);
    pango_layout_get_extents (text, NULL, &logical);
    g_assert_cmpint (pango_layout_get_line_count (text), >=, 8);
    g_assert_cmpfloat (tall, >=, logical.height / (double) PANGO_SCALE + 2 * TF_BP_CARD_PAD);
  }
  g_assert_cmpfloat (tall, >, tf_bp_card_height_for_text ("kit", 0) * 2);
  g_assert_cmpfloat (g_array_index (layout->rows, TfRect, 2).height, >, before);
  g_assert_cmpfloat (g_array_index (layout->rows, TfRect, 2).height, >=, 4 * tall + 5 * TF_BP_GAP);

  /* A hidden lane takes no height and shows none of its cards. */
  ((TfBpLane *) g_ptr_array_index (bp->lanes, 2))->hidden = TRUE;
  hidden = tf_blueprint_layout (bp);
  check_layout (bp, hidden);
  g_assert_cmpfloat (g_array_index (hidden->rows, TfRect, 2).height, ==, 0);
  g_assert_null (g_hash_table_lookup (hidden->cards, &card->item_id));
  g_assert_cmpfloat (hidden->bounds.height, ==,
                     layout->bounds.height - g_array_index (layout->rows, TfRect, 2).height);
  g_assert_cmpfloat (hidden->line_y[TF_BP_LINE_VISIBILITY], ==, -1);

  /* 30 steps × 8 lanes × 600 cards: every card whole, nothing overlapping,
   * and the grid no wider than its columns. */
  big = make_blueprint (30, 8, 600);
  t0 = g_get_monotonic_time ();
  big_layout = tf_blueprint_layout (big);
  g_test_message ("30 × 8 × 600 layout, first (measuring the texts): %.2f ms",
                  (g_get_monotonic_time () - t0) / 1000.0);
  check_layout (big, big_layout);
  width = TF_BP_HEADER_WIDTH + 30 * TF_BP_COLUMN_WIDTH;
  g_assert_cmpfloat (big_layout->bounds.width, ==, width);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(TfBpLayout) again = NULL;

      t0 = g_get_monotonic_time ();
      again = tf_blueprint_layout (big);
      g_test_message ("30 × 8 × 600 layout, again: %.2f ms", (g_get_monotonic_time () - t0) / 1000.0);
    }
}

/* Every command, undone and redone: the archive's rows come back exactly. */
static void
test_commands_undo (TfTestBoard  *f,
                    gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  g_autoptr(TfBlueprint) after = NULL;
  g_autoptr(TfCommand) insert = NULL;
  g_autoptr(TfCommand) lane_cmd = NULL;
  g_autoptr(TfCommand) stage_cmd = NULL;
  g_autofree char *s0 = g_strdup (step_id (bp, 0));
  g_autofree char *s1 = g_strdup (step_id (bp, 1));
  g_autofree char *s2 = g_strdup (step_id (bp, 2));
  g_autoptr(GError) error = NULL;
  const char *steps[2];
  const char *new_step, *new_lane, *new_stage;
  gint64 a, b, c, arrow, to_be;

  (void) data;
  a = check_undo_redo (f, tf_bp_command_add_card (f->board, s0, "customer", -1, "Recevoir le kit"));
  b = check_undo_redo (f, tf_bp_command_add_card (f->board, s0, "customer", 0, "Ouvrir le courrier"));
  c = check_undo_redo (f, tf_bp_command_add_card (f->board, s1, "frontstage", -1, "Remettre le kit"));
  g_assert_cmpint (a, >, 0);
  after = blueprint_of (f);
  /* Order 0 put b first in its cell. */
  g_assert_cmpint (tf_blueprint_card (after, b)->order, ==, 0);
  g_assert_cmpint (tf_blueprint_card (after, a)->order, ==, 1);
  g_assert_cmpfloat (bounds_of (f, b).y, <, bounds_of (f, a).y);

  insert = tf_bp_command_insert_step (f->board, 1, "Lire le kit", NULL);
  check_undo_redo (f, g_object_ref (insert));
  new_step = tf_bp_command_get_new_id (insert);
  g_assert_nonnull (new_step);
  check_undo_redo (f, tf_bp_command_set_step (f->board, new_step, "Lire le guide", NULL, "2 jours"));
  check_undo_redo (f, tf_bp_command_move_step (f->board, new_step, 3));
  steps[0] = s0;
  steps[1] = s1;
  stage_cmd = tf_bp_command_add_stage (f->board, "Avant la séance", steps, 2);
  check_undo_redo (f, g_object_ref (stage_cmd));
  new_stage = tf_bp_command_get_new_id (stage_cmd);
  check_undo_redo (f, tf_bp_command_set_stage (f->board, new_stage, "Avant"));
  lane_cmd = tf_bp_command_insert_lane (f->board, 5, TF_BP_LANE_EMOTION, NULL);
  check_undo_redo (f, g_object_ref (lane_cmd));
  new_lane = tf_bp_command_get_new_id (lane_cmd);
  check_undo_redo (f, tf_bp_command_set_lane (f->board, new_lane, "Ressenti", -1));
  check_undo_redo (f, tf_bp_command_move_lane (f->board, new_lane, 0));
  check_undo_redo (f, tf_bp_command_add_card (f->board, s2, new_lane, -1, "Inquiet"));
  check_undo_redo (f, tf_bp_command_set_lane (f->board, "customer", NULL, TRUE));
  check_undo_redo (f, tf_bp_command_set_lane (f->board, "customer", NULL, FALSE));
  check_undo_redo (f, tf_bp_command_move_card (a, s1, "frontstage", 0));
  arrow = check_undo_redo (f, tf_bp_command_add_arrow (f->board, a, c, FALSE, FALSE));
  g_assert_cmpint (arrow, >, 0);
  check_undo_redo (f, tf_bp_command_set_arrow (arrow, TRUE, FALSE, "kit"));
  check_undo_redo (f, tf_bp_command_delete_stage (f->board, new_stage));
  check_undo_redo (f, tf_bp_command_delete_lane (f->board, new_lane));
  /* Deleting the step of a and c deletes them and their arrow. */
  check_undo_redo (f, tf_bp_command_delete_step (f->board, s1));
  g_assert_false (tf_item_rows_read (f->store, arrow, &(TfItemRow) { 0 }));
  g_assert_cmpint (tf_item_rows_board_of (f->store, a), ==, 0);
  g_assert_cmpint (tf_item_rows_board_of (f->store, b), >, 0);

  /* Errors leave everything as it was. */
  {
    g_autoptr(TfCommand) bad = tf_bp_command_move_step (f->board, "nope", 0);

    g_assert_false (tf_command_execute (bad, f->store, &error));
    g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
  }

  /* The to-be copy is a new board: its undo removes it. */
  {
    g_autofree char *before = rows_of (f->store, f->board);
    g_autofree char *copied = NULL;
    g_autofree char *undone = NULL;

    to_be = tf_test_execute (f->history, tf_bp_command_duplicate_to_be (f->board, "À venir"));
    g_assert_cmpint (to_be, >, 0);
    copied = rows_of (f->store, to_be);
    g_assert_cmpstr (copied, !=, "");
    tf_test_undo (f->history);
    g_assert_false (tf_item_rows_board_exists (f->store, to_be));
    undone = rows_of (f->store, f->board);
    g_assert_cmpstr (undone, ==, before);
    tf_test_redo (f->history);
    g_assert_true (tf_item_rows_board_exists (f->store, to_be));
  }
}

/* Inserting a step at the start moves every card one column right, and
 * nothing else. */
static void
test_reflow_insert (TfTestBoard  *f,
                    gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));

  (void) data;
  for (guint i = 0; i < 12; i++)
    {
      gint64 id = add_card (f, step_id (bp, i % 3), lane_id (bp, i % 5), i % 2 ? "Appeler le service" : "Kit");
      TfRect r = bounds_of (f, id);

      g_array_append_val (ids, id);
      g_array_append_val (rects, r);
    }
  tf_test_execute (f->history, tf_bp_command_insert_step (f->board, 0, "Avant tout", NULL));
  for (guint i = 0; i < ids->len; i++)
    {
      TfRect r = bounds_of (f, g_array_index (ids, gint64, i));
      const TfRect *old = &g_array_index (rects, TfRect, i);

      g_assert_cmpfloat (r.x, ==, old->x + TF_BP_COLUMN_WIDTH);
      g_assert_cmpfloat (r.y, ==, old->y);
      g_assert_cmpfloat (r.height, ==, old->height);
    }
}

/* The editor's generic move, delete and duplicate: settle puts the cards
 * in the cells under them and closes gaps. */
static void
test_generic_edits (TfTestBoard  *f,
                    gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  g_autoptr(TfBlueprint) moved = NULL;
  g_autoptr(TfBlueprint) copied = NULL;
  g_autofree char *s0 = g_strdup (step_id (bp, 0));
  g_autofree char *s2 = g_strdup (step_id (bp, 2));
  gint64 a = add_card (f, s0, "customer", "Recevoir le kit");
  gint64 b = add_card (f, s0, "customer", "Lire le guide");
  gint64 c = add_card (f, s0, "customer", "Appeler le standard");
  gint64 d = add_card (f, s2, "backstage", "Préparer le kit");
  TfRect ra = bounds_of (f, a), rb = bounds_of (f, b), rd = bounds_of (f, d);
  TfRect rc;
  const gint64 *copy;
  guint n;

  (void) data;
  /* Drag b onto d's cell, its centre below d's. */
  tf_test_execute (f->history, tf_command_move_items (&b, 1, rd.x - rb.x + 10, rd.y + 40 - rb.y));
  moved = blueprint_of (f);
  g_assert_cmpstr (tf_blueprint_card (moved, b)->step_id, ==, s2);
  g_assert_cmpstr (tf_blueprint_card (moved, b)->lane_id, ==, "backstage");
  g_assert_cmpint (tf_blueprint_card (moved, b)->order, ==, 1);
  g_assert_cmpint (tf_blueprint_card (moved, d)->order, ==, 0);
  /* Snapped into its place under d, and c moved up into b's. */
  rd = bounds_of (f, d);
  g_assert_cmpfloat (bounds_of (f, b).x, ==, rd.x);
  g_assert_cmpfloat (bounds_of (f, b).y, ==, rd.y + rd.height + TF_BP_GAP);
  g_assert_cmpfloat (bounds_of (f, c).y, ==, rb.y);
  g_assert_cmpint (tf_blueprint_card (moved, c)->order, ==, 1);

  /* A drop outside the grid goes back to its cell. */
  tf_test_execute (f->history, tf_command_move_items (&a, 1, -5000, 0));
  g_assert_cmpfloat (bounds_of (f, a).x, ==, ra.x);
  g_assert_cmpfloat (bounds_of (f, a).y, ==, ra.y);

  /* Deleting a leaves no gap: c goes up to the top of the cell. */
  tf_test_execute (f->history, tf_command_delete_items (&a, 1));
  g_assert_cmpfloat (bounds_of (f, c).y, ==, ra.y);

  /* A duplicate joins the cell under it, after its original. */
  rc = bounds_of (f, c);
  {
    g_autoptr(TfCommand) dup = tf_command_duplicate_items (&c, 1, 20, 20);

    tf_test_execute (f->history, g_object_ref (dup));
    copy = tf_item_command_get_ids (dup, &n);
    g_assert_cmpuint (n, ==, 1);
    copied = blueprint_of (f);
    g_assert_cmpstr (tf_blueprint_card (copied, copy[0])->step_id, ==, s0);
    g_assert_cmpint (tf_blueprint_card (copied, copy[0])->order, ==, 1);
    g_assert_cmpfloat (bounds_of (f, copy[0]).x, ==, rc.x);
    g_assert_cmpfloat (bounds_of (f, copy[0]).y, ==, rc.y + rc.height + TF_BP_GAP);
    g_assert_cmpfloat (bounds_of (f, c).y, ==, rc.y);
  }

  /* A card pasted from another blueprint (its step and lane unknown here)
   * joins the cell under it. */
  {
    g_autoptr(TfBlueprint) pasted = NULL;
    TfNewItem item = { TF_BP_CARD_KIND, TF_RECT_INIT (rd.x + 5, rd.y + 10, 232, 96), "Collé", NULL,
                       "{\"step\": \"s99\", \"lane\": \"l99\", \"order\": 0}", 0 };
    gint64 id = tf_test_board_add (f, &item);

    pasted = blueprint_of (f);
    g_assert_cmpstr (tf_blueprint_card (pasted, id)->step_id, ==, s2);
    g_assert_cmpstr (tf_blueprint_card (pasted, id)->lane_id, ==, "backstage");
    g_assert_cmpint (tf_blueprint_card (pasted, id)->order, ==, 1);
    g_assert_cmpint (tf_blueprint_card (pasted, b)->order, ==, 2);
    g_assert_cmpfloat (bounds_of (f, id).y, ==, rd.y + rd.height + TF_BP_GAP);
    tf_test_undo (f->history);
  }

  /* Undo of the whole series restores the first state. */
  tf_test_undo (f->history);
  tf_test_undo (f->history);
  tf_test_undo (f->history);
  tf_test_undo (f->history);
  g_assert_cmpfloat (bounds_of (f, b).y, ==, rb.y);
  g_assert_cmpfloat (bounds_of (f, b).x, ==, rb.x);
}

/* A hidden lane's cards are off the board, and come back with it. */
static void
test_hidden_lane (TfTestBoard  *f,
                  gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  g_autofree char *s0 = g_strdup (step_id (bp, 0));
  gint64 a = add_card (f, s0, "frontstage", "Accueillir");
  gint64 b = add_card (f, s0, "backstage", "Préparer");
  gint64 arrow = tf_test_execute (f->history, tf_bp_command_add_arrow (f->board, a, b, FALSE, FALSE));
  TfRect rb = bounds_of (f, b);
  TfItem *item;

  (void) data;
  tf_test_execute (f->history, tf_bp_command_set_lane (f->board, "frontstage", NULL, TRUE));
  item = tf_scene_lookup (f->scene, a);
  g_assert_nonnull (item);
  g_assert_true (item->hidden);
  g_assert_cmpfloat (bounds_of (f, b).y, <, rb.y);
  /* Its arrow is off the board too, without a route. */
  item = tf_scene_lookup (f->scene, arrow);
  g_assert_nonnull (strstr (item->payload, "\"off\":true"));
  g_assert_nonnull (strstr (item->payload, "\"route\":[]"));
  tf_test_execute (f->history, tf_bp_command_set_lane (f->board, "frontstage", NULL, FALSE));
  item = tf_scene_lookup (f->scene, a);
  g_assert_false (item->hidden);
  g_assert_cmpfloat (bounds_of (f, b).y, ==, rb.y);
  item = tf_scene_lookup (f->scene, arrow);
  g_assert_nonnull (strstr (item->payload, "\"off\":false"));
  g_assert_null (strstr (item->payload, "\"route\":[]"));
}

/* "Duplicate as to-be": a new board of the experiment whose cards remember
 * their origin and whose grid compares with the as-is. */
static void
test_duplicate_to_be (TfTestBoard  *f,
                      gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfBlueprint) to_be = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  gint64 a = add_card (f, step_id (bp, 0), "customer", "Recevoir le kit");
  gint64 b = add_card (f, step_id (bp, 1), "frontstage", "Remettre le kit");
  gint64 arrow = tf_test_execute (f->history, tf_bp_command_add_arrow (f->board, a, b, FALSE, FALSE));
  gint64 board;
  gint64 exp_a = 0, exp_b = 0;

  (void) data;
  g_assert_cmpint (arrow, >, 0);
  board = tf_test_execute (f->history, tf_bp_command_duplicate_to_be (f->board, "Kit, à venir"));
  g_assert_true (tf_board_rows_kind (f->store, board, &kind, &error));
  g_assert_cmpstr (kind, ==, "blueprint");
  g_assert_true (tf_board_rows_experiment (f->store, board, &exp_b, &error));
  g_assert_true (tf_board_rows_experiment (f->store, f->board, &exp_a, &error));
  g_assert_cmpint (exp_a, ==, exp_b);
  scene = tf_scene_new_for_board (f->store, board, &error);
  g_assert_no_error (error);
  to_be = tf_blueprint_from_scene (scene);
  g_assert_cmpint (to_be->compare_board, ==, f->board);
  g_assert_cmpuint (to_be->cards->len, ==, 2);
  g_assert_cmpuint (to_be->steps->len, ==, bp->steps->len);
  for (guint i = 0; i < to_be->cards->len; i++)
    {
      TfBpCard *card = g_ptr_array_index (to_be->cards, i);
      g_autoptr(TfBlueprint) as_is = blueprint_of (f);
      TfBpCard *origin = tf_blueprint_card (as_is, card->origin);

      g_assert_nonnull (origin);
      g_assert_cmpstr (card->step_id, ==, origin->step_id);
      g_assert_cmpstr (card->lane_id, ==, origin->lane_id);
      g_assert_cmpstr (card->text, ==, origin->text);
      g_assert_cmpfloat (bounds_of (f, card->item_id).y, ==, bounds_of (f, origin->item_id).y);
    }
  /* The arrow joins the copies. */
  g_assert_cmpuint (to_be->arrows->len, ==, 1);
  {
    TfBpArrow *copy = g_ptr_array_index (to_be->arrows, 0);
    TfBpCard *from = tf_blueprint_card (to_be, copy->from);
    TfBpCard *to = tf_blueprint_card (to_be, copy->to);

    g_assert_nonnull (from);
    g_assert_nonnull (to);
    g_assert_cmpint (from->origin, ==, a);
    g_assert_cmpint (to->origin, ==, b);
  }
}

static gboolean
settle_edit (TfStore  *store,
             gpointer  data,
             GError  **error)
{
  return tf_blueprint_settle (store, *(gint64 *) data, error);
}

/* 30 × 8 × 600 in an archive: how long settling and a reflow take (a
 * figure, not a bound: transfo-bench holds the bounds). */
static void
test_big_settle (TfTestBoard  *f,
                 gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t0, card = 0;

  (void) data;
  for (int i = 0; i < 27; i++)
    tf_test_execute (f->history, tf_bp_command_insert_step (f->board, -1, "Étape", NULL));
  for (int i = 0; i < 3; i++)
    tf_test_execute (f->history, tf_bp_command_insert_lane (f->board, -1, TF_BP_LANE_CUSTOM, "Règles"));
  bp = blueprint_of (f);
  g_assert_cmpuint (bp->steps->len, ==, 30);
  g_assert_cmpuint (bp->lanes->len, ==, 8);
  {
    g_autoptr(TfBlueprint) model = make_blueprint (30, 8, 600);
    g_autofree TfNewItem *items = g_new0 (TfNewItem, 600);
    g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(TfCommand) add = NULL;

    for (guint i = 0; i < 600; i++)
      {
        TfBpCard *c = g_ptr_array_index (model->cards, i);
        char *payload = g_strdup_printf ("{\"step\": \"%s\", \"lane\": \"%s\", \"order\": %d}",
                                         step_id (bp, tf_blueprint_step_index (model, c->step_id)),
                                         lane_id (bp, tf_blueprint_lane_index (model, c->lane_id)), c->order);

        g_ptr_array_add (payloads, payload);
        items[i] = (TfNewItem) { TF_BP_CARD_KIND, TF_RECT_INIT (0, 0, 232, 96), c->text, NULL, payload, 0 };
      }
    add = tf_command_add_items (f->board, items, 600, NULL);
    t0 = g_get_monotonic_time ();
    tf_test_execute (f->history, g_object_ref (add));
    g_test_message ("adding 600 cards and settling: %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
    card = tf_item_command_get_ids (add, NULL)[0];
  }
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(TfCommand) insert = tf_bp_command_insert_step (f->board, 0, "Avant", NULL);
      double c0 = cpu_ms ();

      t0 = g_get_monotonic_time ();
      g_assert_true (tf_command_execute (insert, f->store, &error));
      g_assert_no_error (error);
      g_test_message ("30 × 8 × 600: insert a step at the start (command, reflow, writes, the bound scene"
                      " reloading): %.1f ms, CPU %.1f ms", (g_get_monotonic_time () - t0) / 1000.0, cpu_ms () - c0);
      c0 = cpu_ms ();
      t0 = g_get_monotonic_time ();
      g_assert_true (tf_command_undo (insert, f->store, &error));
      g_test_message ("  its undo: %.1f ms, CPU %.1f ms", (g_get_monotonic_time () - t0) / 1000.0, cpu_ms () - c0);
    }
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(TfCommand) move = tf_command_move_items (&card, 1, 300, 0);
      double c0 = cpu_ms ();

      t0 = g_get_monotonic_time ();
      g_assert_true (tf_command_execute (move, f->store, &error));
      g_test_message ("30 × 8 × 600: a generic move of one card, settled: %.1f ms, CPU %.1f ms",
                      (g_get_monotonic_time () - t0) / 1000.0, cpu_ms () - c0);
    }
  /* Settling alone, in a transaction of its own, when nothing changed. */
  for (int i = 0; i < 3; i++)
    {
      double c0 = cpu_ms ();

      t0 = g_get_monotonic_time ();
      g_assert_true (tf_store_edit (f->store, settle_edit, &f->board, NULL, &error));
      g_test_message ("30 × 8 × 600: settle, nothing to write: %.1f ms, CPU %.1f ms",
                      (g_get_monotonic_time () - t0) / 1000.0, cpu_ms () - c0);
    }
}

/* What the commands write passes what reading checks: a text too long, a
 * grid payload too large or a layout beyond the board's edge is refused,
 * never written to vanish on the next read (the grid would come back fresh,
 * every card in its first cell). */
static void
test_content_limits (TfTestBoard  *f,
                     gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  g_autoptr(TfBlueprint) after = NULL;
  g_autoptr(TfBpCard) changed = NULL;
  g_autofree char *s1 = g_strdup (step_id (bp, 1));
  g_autofree char *long_text = g_strnfill (TF_CONTENT_MAX_TEXT + 10, 'a');
  g_autofree char *title = g_strnfill (TF_CONTENT_MAX_TEXT - 100, 't');
  GString *tall = g_string_new (NULL);
  g_autofree char *tall_text = NULL;
  gint64 card = add_card (f, s1, "frontstage", "Répondre");
  gboolean refused = FALSE;

  (void) data;
  /* A card's text. */
  check_refused (f, tf_bp_command_add_card (f->board, s1, "customer", -1, long_text));
  after = blueprint_of (f);
  changed = tf_bp_card_copy (tf_blueprint_card (after, card));
  g_free (changed->text);
  changed->text = g_strdup (long_text);
  check_refused (f, tf_bp_command_set_card (changed, NULL));

  /* Titles: each fits, together they are more than a payload holds. */
  for (guint i = 0; i < 40 && !refused; i++)
    {
      g_autoptr(TfCommand) command = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *rows = NULL;

      if (i >= 3)
        tf_test_execute (f->history, tf_bp_command_insert_step (f->board, -1, "", NULL));
      before = rows_of (f->store, f->board);
      g_clear_pointer (&after, tf_blueprint_free);
      after = blueprint_of (f);
      command = tf_bp_command_set_step (f->board, step_id (after, i), title, NULL, NULL);
      refused = !tf_history_execute (f->history, command, &error);
      if (refused)
        {
          g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
          g_test_message ("refused after %u: %s", i, error->message);
          rows = rows_of (f->store, f->board);
          g_assert_cmpstr (before, ==, rows);
        }
      else
        g_assert_no_error (error);
    }
  g_assert_true (refused);
  g_clear_pointer (&after, tf_blueprint_free);
  after = blueprint_of (f);
  g_assert_cmpint (after->grid_item_id, ==, bp->grid_item_id);
  g_assert_cmpstr (tf_blueprint_card (after, card)->step_id, ==, s1);

  /* Cards so tall that the grid would pass the board's edge. */
  for (guint i = 0; i < 30000; i++)
    g_string_append (tall, "a\n");
  tall_text = g_string_free (tall, FALSE);
  g_assert_cmpuint (strlen (tall_text), <=, TF_CONTENT_MAX_TEXT);
  refused = FALSE;
  for (guint i = 0; i < 10 && !refused; i++)
    {
      g_autoptr(TfCommand) command = tf_bp_command_add_card (f->board, s1, "backstage", -1, tall_text);
      g_autoptr(GError) error = NULL;
      g_autofree char *before = rows_of (f->store, f->board);
      g_autofree char *rows = NULL;

      refused = !tf_history_execute (f->history, command, &error);
      if (refused)
        {
          g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
          g_test_message ("refused after %u: %s", i, error->message);
          rows = rows_of (f->store, f->board);
          g_assert_cmpstr (before, ==, rows);
        }
      else
        g_assert_no_error (error);
    }
  g_assert_true (refused);
  g_clear_pointer (&after, tf_blueprint_free);
  after = blueprint_of (f);
  g_assert_cmpint (after->grid_item_id, ==, bp->grid_item_id);
  g_assert_cmpstr (tf_blueprint_card (after, card)->step_id, ==, s1);
  g_assert_cmpstr (tf_blueprint_card (after, card)->lane_id, ==, "frontstage");
}

/* Steps, lanes and stages are capped. */
static void
test_grid_caps (TfTestBoard  *f,
                gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  g_autoptr(TfBlueprint) after = NULL;

  (void) data;
  for (guint i = bp->lanes->len; i < TF_BP_MAX_LANES; i++)
    tf_test_execute (f->history, tf_bp_command_insert_lane (f->board, -1, TF_BP_LANE_CUSTOM, "Voie"));
  check_refused (f, tf_bp_command_insert_lane (f->board, -1, TF_BP_LANE_CUSTOM, "De trop"));
  for (guint i = 0; i < TF_BP_MAX_STAGES; i++)
    tf_test_execute (f->history, tf_bp_command_add_stage (f->board, "Phase", NULL, 0));
  check_refused (f, tf_bp_command_add_stage (f->board, "De trop", NULL, 0));
  for (guint i = bp->steps->len; i < TF_BP_MAX_STEPS; i++)
    tf_test_execute (f->history, tf_bp_command_insert_step (f->board, -1, "", NULL));
  check_refused (f, tf_bp_command_insert_step (f->board, 0, "De trop", NULL));
  after = blueprint_of (f);
  g_assert_cmpuint (after->steps->len, ==, TF_BP_MAX_STEPS);
  g_assert_cmpuint (after->lanes->len, ==, TF_BP_MAX_LANES);
  g_assert_cmpuint (after->stages->len, ==, TF_BP_MAX_STAGES);
}

static gboolean
set_grid_payload (TfStore  *store,
                  gpointer  data,
                  GError  **error)
{
  const char **args = data;

  return tf_item_rows_set_payload (store, g_ascii_strtoll (args[0], NULL, 10), args[1], NULL, error);
}

/* A grid read from an archive holds at most the caps of steps, lanes and
 * stages; repeated ids count once. */
static void
test_read_caps (TfTestBoard  *f,
                gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  g_autoptr(TfBlueprint) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *grid = g_strdup_printf ("%" G_GINT64_FORMAT, bp->grid_item_id);
  GString *json = g_string_new ("{\"stages\":[");
  g_autofree char *payload = NULL;
  const char *args[2];

  (void) data;
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (json, "%s{\"id\":\"g%u\"}", i > 0 ? "," : "", i);
  g_string_append (json, "],\"steps\":[");
  /* Each id twice. */
  for (guint i = 0; i < 1200; i++)
    g_string_append_printf (json, "%s{\"id\":\"s%u\",\"stage\":\"g%u\"}", i > 0 ? "," : "", i / 2, i % 150);
  g_string_append (json, "],\"lanes\":[");
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (json, "%s{\"id\":\"l%u\",\"role\":\"custom\"}", i > 0 ? "," : "", i);
  g_string_append (json, "]}");
  payload = g_string_free (json, FALSE);
  args[0] = grid;
  args[1] = payload;
  g_assert_true (tf_store_edit (f->store, set_grid_payload, args, NULL, &error));
  g_assert_no_error (error);
  read = blueprint_of (f);
  g_assert_cmpuint (read->stages->len, ==, TF_BP_MAX_STAGES);
  g_assert_cmpuint (read->steps->len, ==, TF_BP_MAX_STEPS);
  g_assert_cmpuint (read->lanes->len, ==, TF_BP_MAX_LANES);
  g_assert_cmpstr (step_id (read, 1), ==, "s1");
  g_assert_cmpstr (((TfBpStep *) g_ptr_array_index (read->steps, 1))->stage_id, ==, "g2");
  /* A step of a stage beyond the cap names none. */
  g_assert_cmpstr (((TfBpStep *) g_ptr_array_index (read->steps, 60))->stage_id, ==, "");
}

/* Changing an arrow settles it: its bounds follow its label. */
static void
test_set_arrow_settles (TfTestBoard  *f,
                        gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  gint64 a = add_card (f, step_id (bp, 0), "customer", "Demander");
  gint64 b = add_card (f, step_id (bp, 2), "customer", "Recevoir");
  gint64 arrow = tf_test_execute (f->history, tf_bp_command_add_arrow (f->board, a, b, FALSE, FALSE));
  TfRect plain = bounds_of (f, arrow), labelled;

  (void) data;
  check_undo_redo (f, tf_bp_command_set_arrow (arrow, FALSE, FALSE,
                                               "Relance par le cabinet du président, trois jours après"));
  labelled = bounds_of (f, arrow);
  g_assert_cmpfloat (labelled.height, >, plain.height);
  g_assert_cmpfloat (labelled.y, <, plain.y);
}

/* The last step and the last lane stay. */
static void
test_last_step_lane (TfTestBoard  *f,
                     gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  g_autoptr(TfBlueprint) after = NULL;
  g_autofree char *s2 = g_strdup (step_id (bp, 2));
  gint64 card = add_card (f, s2, "support", "Archiver");

  (void) data;
  tf_test_execute (f->history, tf_bp_command_delete_step (f->board, step_id (bp, 0)));
  tf_test_execute (f->history, tf_bp_command_delete_step (f->board, step_id (bp, 1)));
  check_refused (f, tf_bp_command_delete_step (f->board, s2));
  for (guint i = 0; i + 1 < bp->lanes->len; i++)
    tf_test_execute (f->history, tf_bp_command_delete_lane (f->board, lane_id (bp, i)));
  check_refused (f, tf_bp_command_delete_lane (f->board, "support"));
  after = blueprint_of (f);
  g_assert_cmpuint (after->steps->len, ==, 1);
  g_assert_cmpuint (after->lanes->len, ==, 1);
  g_assert_cmpstr (lane_id (after, 0), ==, "support");
  g_assert_nonnull (tf_blueprint_card (after, card));
}

/* A generic duplicate or paste of a to-be card is a new card: the copy
 * forgets the origin, the original keeps it, the comparison says added. */
static void
test_copy_forgets_origin (TfTestBoard  *f,
                          gconstpointer data)
{
  g_autoptr(TfBlueprint) bp = blueprint_of (f);
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfBlueprint) to_be = NULL;
  g_autoptr(TfBlueprint) as_is = NULL;
  g_autoptr(TfCommand) dup = NULL;
  g_autoptr(GError) error = NULL;
  TfBpComparison *comparison;
  gint64 a = add_card (f, step_id (bp, 0), "customer", "Recevoir le kit");
  gint64 board, copy_a = 0;
  const gint64 *copy;
  guint n;

  (void) data;
  board = tf_test_execute (f->history, tf_bp_command_duplicate_to_be (f->board, "À venir"));
  scene = tf_scene_new_for_board (f->store, board, &error);
  g_assert_no_error (error);
  to_be = tf_blueprint_from_scene (scene);
  g_assert_cmpuint (to_be->cards->len, ==, 1);
  copy_a = ((TfBpCard *) g_ptr_array_index (to_be->cards, 0))->item_id;
  g_assert_cmpint (tf_blueprint_card (to_be, copy_a)->origin, ==, a);

  dup = tf_command_duplicate_items (&copy_a, 1, 20, 20);
  tf_test_execute (f->history, g_object_ref (dup));
  copy = tf_item_command_get_ids (dup, &n);
  g_assert_cmpuint (n, ==, 1);
  g_clear_pointer (&to_be, tf_blueprint_free);
  g_clear_object (&scene);
  scene = tf_scene_new_for_board (f->store, board, &error);
  g_assert_no_error (error);
  to_be = tf_blueprint_from_scene (scene);
  g_assert_cmpint (tf_blueprint_card (to_be, copy_a)->origin, ==, a);
  g_assert_cmpint (tf_blueprint_card (to_be, copy[0])->origin, ==, 0);
  as_is = blueprint_of (f);
  comparison = tf_blueprint_compare (as_is, to_be);
  g_assert_cmpuint (comparison->added->len, ==, 1);
  g_assert_cmpint (g_array_index (comparison->added, gint64, 0), ==, copy[0]);
  g_assert_cmpuint (comparison->removed->len, ==, 0);
  tf_bp_comparison_free (comparison);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add ("/blueprint/new-board-grid", TfTestBoard, NULL, blueprint_set_up, test_new_board_grid,
              blueprint_tear_down);
  g_test_add ("/blueprint/json-round-trip", TfTestBoard, NULL, blueprint_set_up, test_json_round_trip,
              blueprint_tear_down);
  g_test_add_func ("/blueprint/layout", test_layout);
  g_test_add ("/blueprint/commands-undo", TfTestBoard, NULL, blueprint_set_up, test_commands_undo,
              blueprint_tear_down);
  g_test_add ("/blueprint/reflow-insert", TfTestBoard, NULL, blueprint_set_up, test_reflow_insert,
              blueprint_tear_down);
  g_test_add ("/blueprint/generic-edits", TfTestBoard, NULL, blueprint_set_up, test_generic_edits,
              blueprint_tear_down);
  g_test_add ("/blueprint/hidden-lane", TfTestBoard, NULL, blueprint_set_up, test_hidden_lane,
              blueprint_tear_down);
  g_test_add ("/blueprint/duplicate-to-be", TfTestBoard, NULL, blueprint_set_up, test_duplicate_to_be,
              blueprint_tear_down);
  g_test_add ("/blueprint/big-settle", TfTestBoard, NULL, blueprint_set_up, test_big_settle,
              blueprint_tear_down);
  g_test_add ("/blueprint/content-limits", TfTestBoard, NULL, blueprint_set_up, test_content_limits,
              blueprint_tear_down);
  g_test_add ("/blueprint/grid-caps", TfTestBoard, NULL, blueprint_set_up, test_grid_caps,
              blueprint_tear_down);
  g_test_add ("/blueprint/read-caps", TfTestBoard, NULL, blueprint_set_up, test_read_caps,
              blueprint_tear_down);
  g_test_add ("/blueprint/set-arrow-settles", TfTestBoard, NULL, blueprint_set_up, test_set_arrow_settles,
              blueprint_tear_down);
  g_test_add ("/blueprint/last-step-lane", TfTestBoard, NULL, blueprint_set_up, test_last_step_lane,
              blueprint_tear_down);
  g_test_add ("/blueprint/copy-forgets-origin", TfTestBoard, NULL, blueprint_set_up, test_copy_forgets_origin,
              blueprint_tear_down);
  return g_test_run ();
}
