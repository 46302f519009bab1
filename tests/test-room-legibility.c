/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room's legibility (room/tf-room-check.h): the rule (depth ÷ 200,
 * in projector pixels from the screen's width), each card's smallest text
 * at a step's camera against known sizes, with and without "room"
 * rendering, the room stored with the experiment and its undo, the room
 * check, and an archive of format 6 migrating to format 7. */
#include "config.h"

#include <string.h>

#include "canvas/tf-text-fit.h"
#include "core/tf-archive.h"
#include "core/tf-demo.h"
#include "core/tf-history.h"
#include "core/tf-store-private.h"
#include "insights/tf-insight-wall.h"
#include "room/tf-room-check.h"
#include "stamps/tf-actor-map.h"
#include "room/tf-session.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

#define LONG_QUOTE \
  "Every time I came to the counter they sent me to another office, then back again, " \
  "and nobody could tell me which form I needed, so I came four times in two weeks and " \
  "lost a day of work each time, which my employer did not like at all, and in the end " \
  "I gave up and asked my neighbour who had done it the year before to help me fill it"

typedef struct {
  char      *path;
  TfStore   *store;
  TfHistory *history;
  gint64     experiment;
  gint64     board;
  gint64     short_note;
  gint64     long_note;
} Fixture;

static gboolean
insert_board (TfStore   *store,
              gpointer   user_data,
              GError   **error)
{
  Fixture *f = user_data;

  f->board = tf_demo_insert_board (store, f->experiment, TF_INSIGHT_WALL_TYPE_ID, "Legibility", 99, error);
  if (f->board == 0)
    return FALSE;
  /* Two post-its 200 units square, side by side. */
  f->short_note = tf_demo_insert_item (store, f->board, "note", 0, 0, 200, 200, 1, "Short", "{}", "{}", error);
  f->long_note = tf_demo_insert_item (store, f->board, "note", 300, 0, 200, 200, 2, LONG_QUOTE, "{}", "{}", error);
  return f->short_note != 0 && f->long_note != 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  (void) data;
  tf_wings_init ();
  f->path = tf_test_archive_path ("legibility");
  f->store = tf_store_open (f->path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  f->history = tf_history_new (f->store);
  g_assert_true (tf_demo_ensure (f->store, &f->experiment, &error));
  g_assert_no_error (error);
  g_assert_true (tf_store_edit (f->store, insert_board, f, NULL, &error));
  g_assert_no_error (error);
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

/* The rule against known rooms. */
static void
test_rule (void)
{
  TfSessionRoom room;

  tf_session_room_init_default (&room);
  g_assert_cmpint (room.depth_mm, ==, 8000);
  g_assert_true (tf_session_room_is_valid (&room));
  /* 8 m: 40 mm; a 2.4 m image 1920 pixels wide: 0.8 pixel a millimetre. */
  g_assert_cmpfloat_with_epsilon (tf_room_needed_mm (&room), 40.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tf_room_needed_px (&room), 32.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tf_room_px_to_mm (&room, 13), 16.25, 1e-9);

  /* A hall 12 m deep, a 3 m image in 4K: 60 mm, 76.8 pixels. */
  room = (TfSessionRoom) { 12000, 3000, 3840, 2160 };
  g_assert_cmpfloat_with_epsilon (tf_room_needed_mm (&room), 60.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tf_room_needed_px (&room), 76.8, 1e-9);

  room.depth_mm = 500;
  g_assert_false (tf_session_room_is_valid (&room));
  room.depth_mm = 8000;
  room.width_px = 100000;
  g_assert_false (tf_session_room_is_valid (&room));
}

static TfSessionStep
area_step (Fixture *f)
{
  /* Both notes: 500 × 200, which fits at 3.6 on 1920 × 1080 and comes to
   * the closest the camera goes, 2. */
  TfSessionStep step = {
    .kind = TF_SESSION_STEP_AREA, .board_id = f->board,
    .x = 0, .y = 0, .width = 500, .height = 200,
  };

  return step;
}

static const TfRoomCardText *
card (GArray *texts,
      gint64  id)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_array_index (texts, TfRoomCardText, i).item_id == id)
      return &g_array_index (texts, TfRoomCardText, i);
  g_assert_not_reached ();
  return NULL;
}

/* Each card's smallest text at the step's camera, with known sizes: a
 * note's quote is laid out between 0.14 and 0.065 of its height (28 and 13
 * units on a 200-unit post-it), at zoom 2. */
static void
test_step_texts (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfScene) scene = tf_scene_new_for_board (f->store, f->board, &error);
  PangoContext *context = tf_text_context_new ();
  g_autoptr(GArray) texts = NULL;
  TfSessionStep step = area_step (f);
  TfSessionRoom room;
  const TfRoomCardText *text;

  (void) data;
  g_assert_no_error (error);
  tf_session_room_init_default (&room);
  g_assert_cmpfloat_with_epsilon (tf_room_step_zoom (&step, scene, &room), 2.0, 1e-9);

  /* As on the board. */
  texts = tf_room_step_texts (&step, TF_INSIGHT_WALL_TYPE_ID, scene, &room, context, 0);
  g_assert_cmpuint (texts->len, ==, 2);
  text = card (texts, f->short_note);
  g_assert_cmpfloat_with_epsilon (text->text_px, 56.0, 1e-6);   /* 28 units × 2 */
  g_assert_cmpfloat_with_epsilon (text->text_mm, 70.0, 1e-6);
  g_assert_false (text->cut);
  text = card (texts, f->long_note);
  g_assert_cmpfloat_with_epsilon (text->text_px, 26.0, 1e-6);   /* 13 units × 2: too small */
  g_assert_cmpfloat_with_epsilon (text->text_mm, 32.5, 1e-6);
  g_assert_true (text->cut);
  g_clear_pointer (&texts, g_array_unref);

  /* "Room" rendering: no text under 32 pixels (16 units). */
  texts = tf_room_step_texts (&step, TF_INSIGHT_WALL_TYPE_ID, scene, &room, context, tf_room_needed_px (&room));
  g_assert_cmpfloat_with_epsilon (card (texts, f->short_note)->text_px, 56.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (card (texts, f->long_note)->text_px, 32.0, 1e-6);
  g_assert_true (card (texts, f->long_note)->cut);
  g_clear_pointer (&texts, g_array_unref);

  /* A room 30 m deep: 150 mm, 120 pixels, 60 units; a post-it gives its
   * text no more than a quarter of its height, 50 units: 100 pixels. */
  room.depth_mm = 30000;
  texts = tf_room_step_texts (&step, TF_INSIGHT_WALL_TYPE_ID, scene, &room, context, tf_room_needed_px (&room));
  g_assert_cmpfloat_with_epsilon (card (texts, f->short_note)->text_px, 100.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (card (texts, f->short_note)->text_mm, 125.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (card (texts, f->long_note)->text_px, 100.0, 1e-6);
  g_clear_pointer (&texts, g_array_unref);

  /* A step on the first note alone: the other is not shown. */
  step.width = 200;
  texts = tf_room_step_texts (&step, TF_INSIGHT_WALL_TYPE_ID, scene, &room, context, 0);
  g_assert_cmpuint (texts->len, ==, 1);
  g_assert_cmpint (g_array_index (texts, TfRoomCardText, 0).item_id, ==, f->short_note);
  g_object_unref (context);
}

/* Items of every kind that draws text, on a board of their own (the kinds
 * do not care which board type holds them). */
typedef struct {
  Fixture *f;
  gint64   board;
  gint64   label, stamp, card, card_dept, mk_note, bubble, callout, zone, long_bubble;
} KindItems;

static gboolean
insert_kind_items (TfStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  KindItems *k = user_data;

  k->board = tf_demo_insert_board (store, k->f->experiment, TF_ACTOR_MAP_TYPE_ID, "Kinds", 98, error);
  if (k->board == 0)
    return FALSE;
  k->label = tf_demo_insert_item (store, k->board, "label", 0, 0, 600, 100, 1, "Heading",
                                  "{\"font_size\":36}", "{}", error);
  k->stamp = tf_demo_insert_item (store, k->board, "stamp", 0, 200, 100, 160, 1, "Élu", "{}",
                                  "{\"stamp\":\"elected\",\"role\":\"Vice\"}", error);
  k->card = tf_demo_insert_item (store, k->board, "bp-card", 200, 200, 220, 120, 1, "Fills in the form", "{}",
                                 "{}", error);
  k->card_dept = tf_demo_insert_item (store, k->board, "bp-card", 450, 200, 220, 160, 1, "Checks the form", "{}",
                                      "{\"department\":\"Finances\"}", error);
  k->mk_note = tf_demo_insert_item (store, k->board, "mk-note", 0, 400, 200, 200, 1, "Go", "{}", "{}", error);
  k->bubble = tf_demo_insert_item (store, k->board, "mk-bubble", 250, 400, 300, 150, 1, "Hi", "{}", "{}", error);
  k->callout = tf_demo_insert_item (store, k->board, "mk-callout", 600, 400, 40, 40, 1, "", "{}", "{}", error);
  k->long_bubble = tf_demo_insert_item (store, k->board, "mk-bubble", 700, 400, 200, 100, 1, LONG_QUOTE,
                                        "{}", "{}", error);
  k->zone = tf_demo_insert_item (store, k->board, "zone", 0, 700, 300, 300, -1, "A zone", "{}", "{}", error);
  return k->label != 0 && k->stamp != 0 && k->card != 0 && k->card_dept != 0 && k->mk_note != 0 &&
         k->bubble != 0 && k->callout != 0 && k->long_bubble != 0 && k->zone != 0;
}

static double
kind_text_size (TfScene      *scene,
                gint64        id,
                PangoContext *context,
                double        min_size,
                gboolean     *cut)
{
  const TfItem *item = tf_scene_lookup (scene, id);

  g_assert_nonnull (item);
  g_assert_nonnull (item->kind->text_size);
  return item->kind->text_size (item, context, min_size, cut);
}

/* Every kind that draws text says how large, through its own text_size
 * hook, with known sizes: a label its font size (36), a stamp its role
 * (12.5 under a 17-unit label), a blueprint card its text (18) or its
 * department's (13), a mockup's post-it a quarter of its height, a bubble
 * 28 units at most, a callout its number (0.9 of its radius), a zone its
 * title (30). In "room" rendering the kinds that reflow take the room's
 * minimum up to their largest; the cards of a blueprint (laid out at one
 * size) do not. The step's texts have them all. */
static void
test_kinds (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KindItems k = { .f = f };
  g_autoptr(TfScene) scene = NULL;
  PangoContext *context = tf_text_context_new ();
  g_autoptr(GArray) texts = NULL;
  TfSessionRoom room;
  TfSessionStep step = { .kind = TF_SESSION_STEP_AREA, .x = 0, .y = 0, .width = 1920, .height = 1080 };
  gboolean cut;

  (void) data;
  g_assert_true (tf_store_edit (f->store, insert_kind_items, &k, NULL, &error));
  g_assert_no_error (error);
  scene = tf_scene_new_for_board (f->store, k.board, &error);
  g_assert_no_error (error);

  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.label, context, 0, &cut), 36.0, 1e-9);
  g_assert_false (cut);
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.stamp, context, 0, &cut), 12.5, 1e-9);
  g_assert_false (cut);
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.card, context, 0, &cut), 18.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.card_dept, context, 0, &cut), 13.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.mk_note, context, 0, &cut), 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.bubble, context, 0, &cut), 28.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.callout, context, 0, &cut), 18.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.zone, context, 0, &cut), 30.0, 1e-9);
  /* A long quote in a small bubble: down to 9 units, cut. */
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.long_bubble, context, 0, &cut), 9.0, 1e-9);
  g_assert_true (cut);

  /* "Room" rendering asking for 15.2 units: 16 (to a whole unit), as far
   * as each kind's largest allows. */
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.stamp, context, 15.2, &cut), 16.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.long_bubble, context, 15.2, &cut), 16.0, 1e-9);
  g_assert_true (cut);
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.card_dept, context, 15.2, &cut), 13.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.label, context, 15.2, &cut), 36.0, 1e-9);
  /* Asking for more than a stamp's label ever takes: 17. */
  g_assert_cmpfloat_with_epsilon (kind_text_size (scene, k.stamp, context, 40, &cut), 17.0, 1e-9);

  /* The step over them all: 1920 × 1080 with the camera's margin, zoom
   * 0.9 on a 1920 × 1080 projector. */
  step.board_id = k.board;
  tf_session_room_init_default (&room);
  g_assert_cmpfloat_with_epsilon (tf_room_step_zoom (&step, scene, &room), 0.9, 1e-9);
  texts = tf_room_step_texts (&step, TF_ACTOR_MAP_TYPE_ID, scene, &room, context, 0);
  g_assert_cmpuint (texts->len, ==, 9);
  g_assert_cmpfloat_with_epsilon (card (texts, k.stamp)->text_px, 11.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (card (texts, k.stamp)->text_mm, 14.0625, 1e-9);
  g_assert_cmpfloat_with_epsilon (card (texts, k.callout)->text_px, 16.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (card (texts, k.zone)->text_px, 27.0, 1e-9);
  g_object_unref (context);
}

static gint64
count_rooms (Fixture *f)
{
  return tf_test_sql_int (tf_store_get_db (f->store), "SELECT count(*) FROM session_rooms");
}

/* The room is stored with the experiment, as one undo step. */
static void
test_stored_room (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TfSessionRoom room, read;

  (void) data;
  g_assert_true (tf_session_rows_room (f->store, f->experiment, &read, &error));
  g_assert_no_error (error);
  g_assert_cmpint (read.depth_mm, ==, TF_SESSION_ROOM_DEPTH_MM);
  g_assert_cmpint (read.screen_mm, ==, TF_SESSION_ROOM_SCREEN_MM);
  g_assert_cmpint (count_rooms (f), ==, 0);

  room = (TfSessionRoom) { 12500, 3000, 1280, 800 };
  tf_test_execute (f->history, tf_session_command_set_room (f->experiment, &room));
  g_assert_true (tf_session_rows_room (f->store, f->experiment, &read, &error));
  g_assert_cmpint (read.depth_mm, ==, 12500);
  g_assert_cmpint (read.screen_mm, ==, 3000);
  g_assert_cmpint (read.width_px, ==, 1280);
  g_assert_cmpint (read.height_px, ==, 800);
  room.depth_mm = 6000;
  tf_test_execute (f->history, tf_session_command_set_room (f->experiment, &room));
  g_assert_cmpint (count_rooms (f), ==, 1);

  tf_test_undo (f->history);
  g_assert_true (tf_session_rows_room (f->store, f->experiment, &read, &error));
  g_assert_cmpint (read.depth_mm, ==, 12500);
  tf_test_undo (f->history);
  g_assert_cmpint (count_rooms (f), ==, 0);
  g_assert_true (tf_session_rows_room (f->store, f->experiment, &read, &error));
  g_assert_cmpint (read.depth_mm, ==, 8000);

  /* The archive refuses what the program never writes; reading a hostile
   * row gives the defaults. */
  g_assert_cmpint (sqlite3_exec (tf_store_get_db (f->store),
                                 "INSERT INTO session_rooms VALUES (1, 10, 10, 10, 10)", NULL, NULL, NULL) & 0xff,
                   ==, SQLITE_CONSTRAINT);
}

static const char *
item_kind_of (Fixture *f,
              gint64   item_id)
{
  static char kind[32];
  g_autofree char *sql = g_strdup_printf ("SELECT kind FROM items WHERE id = %" G_GINT64_FORMAT, item_id);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tf_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_strlcpy (kind, (const char *) sqlite3_column_text (stmt, 0), sizeof kind);
  sqlite3_finalize (stmt);
  return kind;
}

/* The room check on the demo: none in a small room (2 m deep, a 3 m
 * image), every step's cards of every kind in a hall with a small screen,
 * named by step and first words. */
static void
test_room_check (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) problems = tf_room_problem_array_new ();
  TfSessionRoom room = { 2000, 3000, 1920, 1080 };
  g_autofree char *ok = NULL;
  g_autofree char *line = NULL;
  const TfRoomProblem *problem = NULL;
  const char *item_kind;
  gboolean long_found = FALSE;
  guint kinds_seen = 0;

  (void) data;
  g_assert_true (tf_room_check (f->store, f->experiment, &room, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  ok = tf_room_check_all_legible (&room);
  g_assert_cmpstr (ok, ==, "Every step is legible from the back of the room (2 m)");

  /* The experiment's own room: stored, 30 m deep on a 1 m image. */
  room = (TfSessionRoom) { 30000, 1000, 1920, 1080 };
  tf_test_execute (f->history, tf_session_command_set_room (f->experiment, &room));
  g_assert_true (tf_room_check (f->store, f->experiment, NULL, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, >, 2);
  for (guint i = 0; i < problems->len; i++)
    {
      problem = &g_array_index (problems, TfRoomProblem, i);
      g_assert_cmpfloat (problem->text_px, <, problem->needed_px);
      g_assert_cmpfloat_with_epsilon (problem->needed_mm, 150.0, 1e-9);
      item_kind = item_kind_of (f, problem->item_id);
      kinds_seen |= g_str_equal (item_kind, "note") ? 1 : g_str_equal (item_kind, "stamp") ? 2
                    : g_str_equal (item_kind, "bp-card") ? 4 : g_str_has_prefix (item_kind, "mk-") ? 8 : 0;
      if (problem->item_id == f->long_note)
        {
          long_found = TRUE;
          g_assert_cmpstr (problem->words, ==, "Every time I came to…");
          line = tf_room_problem_describe (problem);
        }
    }
  g_assert_true (long_found);
  /* Every board kind's cards: post-its, actors' stamps, blueprint cards,
   * a mockup's bubbles and callouts. */
  g_assert_cmpint (kinds_seen, ==, 15);
  /* 50 units at the board's camera. */
  g_assert_true (g_str_has_prefix (line, "Step "));
  g_assert_nonnull (strstr (line, "“Legibility"));
  g_assert_nonnull (strstr (line, ", card “Every time I came to…”: text "));
  g_assert_true (g_str_has_suffix (line, " mm high, 150 mm needed"));
  room.depth_mm = 8000;
  ok = (g_free (ok), tf_room_check_all_legible (&room));
  g_assert_cmpstr (ok, ==, "Every step is legible from the back of the room (8 m)");
}

/* An archive of format 6 written by the program of ca5b2e0 (the demo, its
 * default session with time spent on two steps, a closed vote round:
 * tests/data/archive-format-6.sqlite) opens, migrates to format 7 keeping
 * all of it, has the default room, and takes one. */
static void
test_format_6_archive (void)
{
  g_autofree char *path = tf_test_archive_path ("format-6");
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) steps = tf_session_step_array_new ();
  TfSessionRoom room;
  TfStore *store;
  TfHistory *history;
  gint64 experiment, session_id = 0;

  tf_wings_init ();
  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "archive-format-6.sqlite", NULL),
                                      &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);

  store = tf_store_open (path, TF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tf_store_get_schema_version (store), ==, TF_SCHEMA_VERSION);
  experiment = tf_archive_find_demo (store);
  g_assert_cmpint (experiment, >, 0);
  g_assert_true (tf_session_load (store, experiment, &session_id, steps, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (steps->len, ==, 12);
  g_assert_cmpint (g_array_index (steps, TfSessionStep, 0).spent_seconds, ==, 240);
  g_assert_cmpint (g_array_index (steps, TfSessionStep, 1).spent_seconds, ==, 300);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (store), "SELECT count(*) FROM vote_rounds"), ==, 1);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (store), "SELECT sum(count) FROM vote_counts"), ==, 3);

  g_assert_true (tf_session_rows_room (store, experiment, &room, &error));
  g_assert_cmpint (room.depth_mm, ==, 8000);
  history = tf_history_new (store);
  room.depth_mm = 10000;
  tf_test_execute (history, tf_session_command_set_room (experiment, &room));
  g_assert_true (tf_session_rows_room (store, experiment, &room, &error));
  g_assert_cmpint (room.depth_mm, ==, 10000);

  g_object_unref (history);
  tf_store_close (store);
  g_assert_finalize_object (store);
  tf_test_remove_archive (path);
}

typedef struct {
  Fixture *f;
  char    *text;
  gint64   plain, voted;
} RoomNotes;

static gboolean
insert_room_notes (TfStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  RoomNotes *n = user_data;

  n->plain = tf_demo_insert_item (store, n->f->board, "note", 0, 300, 200, 200, 3, n->text, "{}", "{}", error);
  n->voted = tf_demo_insert_item (store, n->f->board, "note", 300, 300, 200, 200, 4, n->text, "{}",
                                  "{\"votes\":5}", error);
  return n->plain != 0 && n->voted != 0;
}

/* "Room" rendering gives the quote more of the card: a text that the
 * board's margins (9 %) would cut at the room's 16 units fits whole; and
 * votes do not take a line from it (their dots sit in the foot's margin),
 * whereas on the board they do. */
static void
test_room_fits_more (Fixture       *f,
                     gconstpointer  data)
{
  PangoContext *context = tf_text_context_new ();
  g_autoptr(GString) text = g_string_new ("Les");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfScene) scene = NULL;
  RoomNotes n = { f, NULL, 0, 0 };
  double plain, voted;
  gboolean cut = FALSE, voted_cut = TRUE;

  (void) data;
  /* The shortest text the board's box (164 units square, from 16 up to a
   * post-it's 28) cuts. */
  for (;;)
    {
      g_autoptr(PangoLayout) layout = tf_text_fit (context, text->str, 164, 164, 28, 16, FALSE, NULL);

      if (pango_layout_is_ellipsized (layout))
        break;
      g_string_append (text, " mots");
    }
  n.text = text->str;
  g_assert_true (tf_store_edit (f->store, insert_room_notes, &n, NULL, &error));
  g_assert_no_error (error);
  scene = tf_scene_new_for_board (f->store, f->board, &error);
  g_assert_no_error (error);

  plain = kind_text_size (scene, n.plain, context, 16, &cut);
  g_assert_false (cut);
  g_assert_cmpfloat (plain, >=, 16);
  voted = kind_text_size (scene, n.voted, context, 16, &voted_cut);
  g_assert_false (voted_cut);
  g_assert_cmpfloat_with_epsilon (voted, plain, 1e-9);

  /* On the board the votes' band takes room from the text. */
  plain = kind_text_size (scene, n.plain, context, 0, &cut);
  voted = kind_text_size (scene, n.voted, context, 0, &voted_cut);
  g_assert_true (voted < plain || (voted_cut && !cut));
  g_object_unref (context);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/room/legibility/rule", test_rule);
  g_test_add ("/room/legibility/step-texts", Fixture, NULL, fixture_set_up, test_step_texts, fixture_tear_down);
  g_test_add ("/room/legibility/kinds", Fixture, NULL, fixture_set_up, test_kinds, fixture_tear_down);
  g_test_add ("/room/legibility/stored-room", Fixture, NULL, fixture_set_up, test_stored_room, fixture_tear_down);
  g_test_add ("/room/legibility/check", Fixture, NULL, fixture_set_up, test_room_check, fixture_tear_down);
  g_test_add ("/room/legibility/room-fits-more", Fixture, NULL, fixture_set_up, test_room_fits_more, fixture_tear_down);
  g_test_add_func ("/room/legibility/format-6-archive", test_format_6_archive);
  return g_test_run ();
}
