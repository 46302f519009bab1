/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room's session model (room/): the default agenda from the board
 * kinds' hooks, its commands and their undo, what survives a reopen, the
 * steps and reveals of a running session, its timers on a fake clock,
 * and the camera's legibility rule against known sizes. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "canvas/tf-item-commands.h"
#include "core/tf-archive.h"
#include "core/tf-demo.h"
#include "core/tf-history.h"
#include "core/tf-store-private.h"
#include "exports/tf-export.h"
#include "exports/tf-export-source.h"
#include "room/tf-room.h"
#include "room/tf-session.h"
#include "room/tf-vote.h"
#include "insights/tf-note-kind.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

typedef struct {
  char      *path;
  TfStore   *store;
  TfHistory *history;
  gint64     experiment;
} Fixture;

static void
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = tf_store_open (f->path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  f->history = tf_history_new (f->store);
}

static void
close_store (Fixture *f)
{
  g_clear_object (&f->history);
  tf_store_close (f->store);
  g_assert_finalize_object (f->store);
  f->store = NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  (void) data;
  tf_wings_init ();
  f->path = tf_test_archive_path ("session");
  open_store (f);
  g_assert_true (tf_demo_ensure (f->store, &f->experiment, &error));
  g_assert_no_error (error);
  g_assert_cmpint (f->experiment, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  close_store (f);
  tf_test_remove_archive (f->path);
  g_free (f->path);
}

static guint
count_boards (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM boards WHERE experiment_id = %"
                                          G_GINT64_FORMAT, f->experiment);

  return (guint) tf_test_sql_int (tf_store_get_db (f->store), sql);
}

static GArray *
default_steps (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GArray *steps = tf_session_step_array_new ();

  g_assert_true (tf_session_default_steps (f->store, f->experiment, steps, &error));
  g_assert_no_error (error);
  return steps;
}

static GArray *
load (Fixture *f,
      gint64  *session_id)
{
  g_autoptr(GError) error = NULL;
  GArray *steps = tf_session_step_array_new ();

  g_assert_true (tf_session_load (f->store, f->experiment, session_id, steps, &error));
  g_assert_no_error (error);
  return steps;
}

static gint64
create_default (Fixture *f)
{
  g_autoptr(GArray) steps = default_steps (f);

  return tf_test_execute (f->history, tf_session_command_create (f->experiment, steps));
}

#define STEP(steps, i) (&g_array_index ((steps), TfSessionStep, (i)))

/* Every board first, in the archive's order, then the wall's clusters,
 * each framing exactly its notes, the blueprint's stages and the
 * mockup's photo (its original beside it). */
static void
test_default_agenda (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GArray) steps = default_steps (f);
  guint n_boards = count_boards (f);
  const char *clusters[] = { "Co-laboratoire", "Kit du mandat", "Suite-projet", "Transfo" };

  (void) data;
  g_assert_cmpuint (n_boards, >=, 4);
  /* The demo blueprint's three stages, the mockup's montage. */
  g_assert_cmpuint (steps->len, ==, n_boards + G_N_ELEMENTS (clusters) + 3 + 1);
  g_assert_cmpint (STEP (steps, n_boards + G_N_ELEMENTS (clusters))->kind, ==, TF_SESSION_STEP_STAGE);
  g_assert_cmpint (STEP (steps, steps->len - 1)->kind, ==, TF_SESSION_STEP_MOCKUP);
  for (guint i = 0; i < n_boards; i++)
    {
      g_assert_cmpint (STEP (steps, i)->kind, ==, TF_SESSION_STEP_BOARD);
      g_assert_cmpint (STEP (steps, i)->board_id, >, 0);
      g_assert_cmpstr (STEP (steps, i)->title, !=, "");
      if (i > 0)
        g_assert_cmpint (STEP (steps, i)->board_id, !=, STEP (steps, i - 1)->board_id);
    }
  for (guint i = 0; i < G_N_ELEMENTS (clusters); i++)
    {
      const TfSessionStep *step = STEP (steps, n_boards + i);
      g_autoptr(GError) error = NULL;
      g_autoptr(TfScene) scene = tf_scene_new_for_board (f->store, step->board_id, &error);
      GPtrArray *items = tf_scene_get_items (scene);
      TfRect area = tf_session_step_area (step, scene);
      guint inside = 0;

      g_assert_no_error (error);
      g_assert_cmpint (step->kind, ==, TF_SESSION_STEP_AREA);
      g_assert_cmpstr (step->title, ==, clusters[i]);
      /* The demo wall's notes are 200 units wide. */
      g_assert_cmpfloat (area.width, >=, 200);
      g_assert_cmpfloat (area.height, >=, 200);
      for (guint j = 0; j < items->len; j++)
        {
          const TfItem *item = g_ptr_array_index (items, j);

          if (item->bounds.x >= area.x && item->bounds.y >= area.y &&
              item->bounds.x + item->bounds.width <= area.x + area.width &&
              item->bounds.y + item->bounds.height <= area.y + area.height)
            inside++;
        }
      g_assert_cmpuint (inside, >=, 1);
    }
}

/* The agenda is stored with the experiment, survives closing the archive,
 * and is one undo step. */
static void
test_create_and_reopen (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) expected = default_steps (f);
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) loaded = NULL;
  gint64 session_id, found;

  (void) data;
  none = load (f, &found);
  g_assert_cmpint (found, ==, 0);
  g_assert_cmpuint (none->len, ==, 0);

  session_id = create_default (f);
  g_assert_cmpint (session_id, >, 0);
  tf_test_execute (f->history, tf_session_command_set_notes (STEP (load (f, &found), 0)->id,
                                                             "Rappeler le contexte de la résidence"));
  close_store (f);
  open_store (f);

  loaded = load (f, &found);
  g_assert_cmpint (found, ==, session_id);
  g_assert_cmpuint (loaded->len, ==, expected->len);
  for (guint i = 0; i < loaded->len; i++)
    {
      g_assert_cmpint (STEP (loaded, i)->position, ==, (int) i);
      g_assert_cmpint (STEP (loaded, i)->kind, ==, STEP (expected, i)->kind);
      g_assert_cmpint (STEP (loaded, i)->board_id, ==, STEP (expected, i)->board_id);
      g_assert_cmpstr (STEP (loaded, i)->title, ==, STEP (expected, i)->title);
    }
  g_assert_cmpstr (STEP (loaded, 0)->notes, ==, "Rappeler le contexte de la résidence");

  /* Undo in a new window's history is not possible; in this one it is. */
  session_id = create_default (f);
  tf_test_undo (f->history);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (f->store), "SELECT count(*) FROM sessions"), ==, 1);
  tf_test_redo (f->history);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (f->store), "SELECT count(*) FROM sessions"), ==, 2);
}

static char *
titles (GArray *steps)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < steps->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", STEP (steps, i)->title);
  return g_string_free (out, FALSE);
}

static char *
stored_titles (Fixture *f)
{
  gint64 id;
  g_autoptr(GArray) steps = load (f, &id);

  for (guint i = 0; i < steps->len; i++)
    g_assert_cmpint (STEP (steps, i)->position, ==, (int) i);
  return titles (steps);
}

/* Reordering, adding and removing steps, notes and planned times: each
 * one undo step that undo and redo take back and forth. */
static void
test_edit_agenda (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GArray) steps = NULL;
  g_autofree char *before = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *after = NULL;
  TfSessionStep reveal = { 0 };
  gint64 session_id, id, added;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfCommand) bad = NULL;

  (void) data;
  create_default (f);
  steps = load (f, &session_id);
  before = titles (steps);

  /* The last step to the front. */
  id = STEP (steps, steps->len - 1)->id;
  tf_test_execute (f->history, tf_session_command_move_step (id, 0));
  moved = stored_titles (f);
  {
    g_autofree char *prefix = g_strconcat (STEP (steps, steps->len - 1)->title, "|", NULL);

    g_assert_true (g_str_has_prefix (moved, prefix));
  }
  g_assert_cmpuint (strlen (moved), ==, strlen (before));
  tf_test_undo (f->history);
  after = stored_titles (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  tf_test_redo (f->history);
  after = stored_titles (f);
  g_assert_cmpstr (after, ==, moved);
  g_clear_pointer (&after, g_free);

  /* A reveal step in second place. */
  reveal.kind = TF_SESSION_STEP_REVEAL;
  reveal.board_id = STEP (steps, 0)->board_id;
  reveal.title = (char *) "Suite-projet";
  reveal.notes = (char *) "Une carte à la fois";
  reveal.planned_seconds = 300;
  added = tf_test_execute (f->history, tf_session_command_add_step (session_id, &reveal, 1));
  g_assert_cmpint (added, >, 0);
  {
    g_autoptr(GArray) now = load (f, &session_id);

    g_assert_cmpuint (now->len, ==, steps->len + 1);
    g_assert_cmpint (STEP (now, 1)->id, ==, added);
    g_assert_cmpint (STEP (now, 1)->kind, ==, TF_SESSION_STEP_REVEAL);
    g_assert_cmpint (STEP (now, 1)->planned_seconds, ==, 300);
    g_assert_cmpstr (STEP (now, 1)->notes, ==, "Une carte à la fois");
  }
  tf_test_execute (f->history, tf_session_command_set_planned (added, 600));
  tf_test_execute (f->history, tf_session_command_remove_step (added));
  after = stored_titles (f);
  g_assert_cmpstr (after, ==, moved);
  g_clear_pointer (&after, g_free);
  tf_test_undo (f->history);
  {
    g_autoptr(GArray) now = load (f, &session_id);

    g_assert_cmpint (STEP (now, 1)->id, ==, added);
    g_assert_cmpint (STEP (now, 1)->planned_seconds, ==, 600);
  }

  /* Values the archive does not hold are refused, and change nothing. */
  bad = tf_session_command_set_planned (added, -5);
  g_assert_false (tf_history_execute (f->history, bad, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&bad);
  bad = tf_session_command_remove_step (987654);
  g_assert_false (tf_history_execute (f->history, bad, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);

  /* Deleting a board takes its steps with it. */
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM boards WHERE id = %" G_GINT64_FORMAT,
                                            STEP (steps, 0)->board_id);
    g_autoptr(GArray) now = NULL;

    tf_test_sql_exec (tf_store_get_db (f->store), sql);
    now = load (f, &session_id);
    for (guint i = 0; i < now->len; i++)
      g_assert_cmpint (STEP (now, i)->board_id, !=, STEP (steps, 0)->board_id);
  }
}

/* A reveal step of a cluster shows its cards one by one, in reading
 * order; by vote rank, the most voted first. */
static void
test_reveal_cards (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) steps = default_steps (f);
  const TfSessionStep *wall = STEP (steps, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfScene) scene = tf_scene_new_for_board (f->store, wall->board_id, &error);
  g_autofree char *kind = NULL;
  TfSessionStep step = { 0 };
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  gint64 voted;

  (void) data;
  g_assert_no_error (error);
  kind = tf_test_sql_text (tf_store_get_db (f->store),
                           "SELECT kind FROM boards ORDER BY position, id LIMIT 1");
  step.kind = TF_SESSION_STEP_REVEAL;
  step.board_id = wall->board_id;
  step.title = (char *) "Suite-projet";
  cards = tf_session_step_reveal_cards (&step, kind, scene);
  g_assert_cmpuint (cards->len, ==, 3);
  for (guint i = 1; i < cards->len; i++)
    {
      const TfItem *a = g_ptr_array_index (cards, i - 1), *b = g_ptr_array_index (cards, i);

      g_assert_true (a->bounds.y < b->bounds.y || (a->bounds.y == b->bounds.y && a->bounds.x < b->bounds.x));
    }

  voted = ((const TfItem *) g_ptr_array_index (cards, 2))->id;
  tf_test_execute (f->history, tf_command_vote (&voted, 1, 3));
  step.reveal = TF_SESSION_REVEAL_VOTES;
  ranked = tf_session_step_reveal_cards (&step, kind, scene);
  g_assert_cmpuint (ranked->len, ==, 9);
  g_assert_cmpint (((const TfItem *) g_ptr_array_index (ranked, 0))->id, ==, voted);

  /* Other steps reveal nothing. */
  step.kind = TF_SESSION_STEP_BOARD;
  g_ptr_array_unref (tf_session_step_reveal_cards (&step, kind, scene));
  {
    g_autoptr(GPtrArray) none = tf_session_step_reveal_cards (&step, kind, scene);

    g_assert_cmpuint (none->len, ==, 0);
  }
}

/* A fake clock, in microseconds. */
static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  (void) user_data;
  return fake_now;
}

static GArray *
three_steps (void)
{
  GArray *steps = tf_session_step_array_new ();
  TfSessionStepKind kinds[] = { TF_SESSION_STEP_BOARD, TF_SESSION_STEP_REVEAL, TF_SESSION_STEP_AREA };
  gint64 planned[] = { 60, 0, 600 };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      TfSessionStep step = { 0 };

      step.id = 100 + i;
      step.kind = kinds[i];
      step.title = g_strdup_printf ("step %u", i);
      step.notes = g_strdup ("");
      step.planned_seconds = planned[i];
      g_array_append_val (steps, step);
    }
  return steps;
}

/* Forward and back through the steps; a reveal step's cards come out one
 * at a time, and back whole; blanking toggles. */
static void
test_room_steps (void)
{
  g_autoptr(GArray) steps = three_steps ();
  TfRoom *room = tf_room_new (steps, fake_clock, NULL);

  g_assert_cmpuint (tf_room_get_n_steps (room), ==, 3);
  g_assert_cmpuint (tf_room_get_current (room), ==, 0);
  g_assert_false (tf_room_previous (room));
  g_assert_cmpstr (tf_room_get_next_step (room)->title, ==, "step 1");
  g_assert_true (tf_room_next (room));
  g_assert_cmpuint (tf_room_get_current (room), ==, 1);
  tf_room_set_n_cards (room, 2);
  g_assert_cmpuint (tf_room_get_revealed (room), ==, 0);
  g_assert_true (tf_room_next (room));
  g_assert_cmpuint (tf_room_get_revealed (room), ==, 1);
  g_assert_true (tf_room_next (room));
  g_assert_cmpuint (tf_room_get_revealed (room), ==, 2);
  g_assert_cmpuint (tf_room_get_current (room), ==, 1);
  g_assert_true (tf_room_previous (room));
  g_assert_cmpuint (tf_room_get_revealed (room), ==, 1);
  g_assert_true (tf_room_next (room));
  g_assert_true (tf_room_next (room));
  g_assert_cmpuint (tf_room_get_current (room), ==, 2);
  g_assert_null (tf_room_get_next_step (room));
  g_assert_false (tf_room_next (room));
  /* Back onto the reveal step: whole. */
  g_assert_true (tf_room_previous (room));
  tf_room_set_n_cards (room, 2);
  g_assert_cmpuint (tf_room_get_revealed (room), ==, 2);

  g_assert_cmpint (tf_room_get_screen (room), ==, TF_ROOM_SHOW);
  tf_room_toggle_screen (room, TF_ROOM_BLACK);
  g_assert_cmpint (tf_room_get_screen (room), ==, TF_ROOM_BLACK);
  tf_room_toggle_screen (room, TF_ROOM_WHITE);
  g_assert_cmpint (tf_room_get_screen (room), ==, TF_ROOM_WHITE);
  tf_room_toggle_screen (room, TF_ROOM_WHITE);
  g_assert_cmpint (tf_room_get_screen (room), ==, TF_ROOM_SHOW);
  g_assert_true (tf_room_go_to (room, 0));
  g_assert_false (tf_room_go_to (room, 3));
  tf_room_free (room);
}

#define SEC(s) ((gint64) (s) * G_USEC_PER_SEC)

/* The timers on a fake clock: a one-minute step runs out, goes over and
 * shows negative; pause stops both clocks; the time spent per step adds
 * up, and is recorded into the archive as one undo step. */
static void
test_room_timer (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GArray) steps = three_steps ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) stored = NULL;
  g_autofree char *shown = NULL;
  gint64 session_id;
  TfRoom *room;

  (void) data;
  fake_now = SEC (1000);
  room = tf_room_new (steps, fake_clock, NULL);
  g_assert_cmpint (tf_room_get_elapsed (room), ==, 0);
  /* A one-minute step is not "ending" from its start: orange five
   * minutes before the end, or in a short plan's last fifth. */
  g_assert_cmpint (tf_room_get_step_time (room), ==, TF_ROOM_TIME_ON_TIME);
  g_assert_cmpint (tf_room_time_state (SEC (60), SEC (13)), ==, TF_ROOM_TIME_ON_TIME);
  g_assert_cmpint (tf_room_time_state (SEC (60), SEC (12)), ==, TF_ROOM_TIME_ENDING);
  g_assert_cmpint (tf_room_time_state (SEC (300), SEC (300)), ==, TF_ROOM_TIME_ON_TIME);
  g_assert_cmpint (tf_room_time_state (SEC (300), SEC (60)), ==, TF_ROOM_TIME_ENDING);
  g_assert_cmpint (tf_room_time_state (SEC (600), SEC (120)), ==, TF_ROOM_TIME_ENDING);
  g_assert_cmpint (tf_room_time_state (SEC (600), SEC (121)), ==, TF_ROOM_TIME_ON_TIME);
  g_assert_cmpint (tf_room_time_state (SEC (3600), SEC (300)), ==, TF_ROOM_TIME_ENDING);
  g_assert_cmpint (tf_room_time_state (SEC (3600), SEC (301)), ==, TF_ROOM_TIME_ON_TIME);
  g_assert_cmpint (tf_room_get_step_left (room), ==, SEC (60));
  fake_now += SEC (45);
  g_assert_cmpint (tf_room_get_step_left (room), ==, SEC (15));
  shown = tf_room_format_time (tf_room_get_step_left (room));
  g_assert_cmpstr (shown, ==, "0:15");
  g_clear_pointer (&shown, g_free);
  fake_now += SEC (30);
  g_assert_cmpint (tf_room_get_step_time (room), ==, TF_ROOM_TIME_OVER);
  shown = tf_room_format_time (tf_room_get_step_left (room));
  g_assert_cmpstr (shown, ==, "−0:15");
  g_clear_pointer (&shown, g_free);
  /* A minute more: back on time. */
  tf_room_add_minute (room);
  g_assert_cmpint (tf_room_get_step_left (room), ==, SEC (45));

  /* Paused for ten minutes: nothing counts. */
  tf_room_set_paused (room, TRUE);
  fake_now += SEC (600);
  g_assert_cmpint (tf_room_get_elapsed (room), ==, SEC (75));
  g_assert_cmpint (tf_room_get_spent (room, 0), ==, SEC (75));
  tf_room_set_paused (room, FALSE);
  fake_now += SEC (5);
  g_assert_true (tf_room_next (room));
  g_assert_cmpint (tf_room_get_spent (room, 0), ==, SEC (80));
  g_assert_cmpint (tf_room_get_step_time (room), ==, TF_ROOM_TIME_UNPLANNED);
  fake_now += SEC (20);
  g_assert_true (tf_room_go_to (room, 2));
  fake_now += SEC (30);
  g_assert_cmpint (tf_room_get_spent (room, 1), ==, SEC (20));
  g_assert_cmpint (tf_room_get_spent (room, 2), ==, SEC (30));
  g_assert_cmpint (tf_room_get_step_time (room), ==, TF_ROOM_TIME_ON_TIME);
  g_assert_cmpint (tf_room_get_elapsed (room), ==, SEC (130));
  /* Planned 60 + 60 added + 600 in all. */
  g_assert_cmpint (tf_room_get_session_left (room), ==, SEC (720 - 130));
  shown = tf_room_format_time (SEC (3723));
  g_assert_cmpstr (shown, ==, "1:02:03");

  /* Recorded into the archive's steps. */
  create_default (f);
  stored = load (f, &session_id);
  for (guint i = 0; i < 3; i++)
    {
      gint64 s = tf_room_get_spent (room, i) / G_USEC_PER_SEC;

      g_array_append_val (ids, STEP (stored, i)->id);
      g_array_append_val (seconds, s);
    }
  tf_test_execute (f->history, tf_session_command_record_spent (ids, seconds));
  g_clear_pointer (&stored, g_array_unref);
  stored = load (f, &session_id);
  g_assert_cmpint (STEP (stored, 0)->spent_seconds, ==, 80);
  g_assert_cmpint (STEP (stored, 1)->spent_seconds, ==, 20);
  g_assert_cmpint (STEP (stored, 2)->spent_seconds, ==, 30);
  tf_test_undo (f->history);
  g_clear_pointer (&stored, g_array_unref);
  stored = load (f, &session_id);
  g_assert_cmpint (STEP (stored, 0)->spent_seconds, ==, 0);
  tf_room_free (room);
}

/* The camera against known sizes, on a 1920 × 1080 projector where a
 * post-it's text must be 28 px high. */
static void
test_room_camera (void)
{
  TfRect cluster = TF_RECT_INIT (0, 0, 680, 440);    /* 2 rows of 3 demo notes */
  TfRect three = TF_RECT_INIT (0, 0, 1200, 600);     /* 2 rows of 4 notes */
  TfRect wide = TF_RECT_INIT (0, 0, 1700, 500);      /* a long row */
  TfRect wall = TF_RECT_INIT (0, 0, 6000, 4000);     /* a whole big wall */
  TfRect one = TF_RECT_INIT (100, 100, 200, 200);
  double cx, cy, zoom;

  g_assert_cmpfloat_with_epsilon (tf_room_legible_zoom (1080), 1.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (TF_ROOM_TEXT_UNITS * tf_room_legible_zoom (1080), 28.0, 1e-9);
  /* A smaller screen (the presenter's preview) needs less. */
  g_assert_cmpfloat (tf_room_legible_zoom (540), <, tf_room_legible_zoom (1080));

  g_assert_true (tf_room_camera (&cluster, 1920, 1080, &cx, &cy, &zoom));
  g_assert_cmpfloat (cx, ==, 340);
  g_assert_cmpfloat (cy, ==, 220);
  g_assert_cmpfloat_with_epsilon (zoom, MIN ((1080 - 108) / 440.0, TF_ROOM_MAX_ZOOM), 1e-9);
  g_assert_cmpfloat (TF_ROOM_TEXT_UNITS * zoom, >=, 28);

  g_assert_true (tf_room_camera (&three, 1920, 1080, &cx, &cy, &zoom));
  g_assert_cmpfloat_with_epsilon (zoom, (1920 - 108) / 1200.0, 1e-9);

  /* Fits at 1.07; at 1.4 it is 2380 px wide, within a quarter more than
   * the screen: the camera comes to the legible zoom. */
  g_assert_true (tf_room_camera (&wide, 1920, 1080, &cx, &cy, &zoom));
  g_assert_cmpfloat_with_epsilon (zoom, 1.4, 1e-9);

  /* Too big to read whole: it fits, and says so. */
  g_assert_false (tf_room_camera (&wall, 1920, 1080, &cx, &cy, &zoom));
  g_assert_cmpfloat (zoom, <, 0.5);
  g_assert_cmpfloat (wall.width * zoom, <=, 1920);

  /* One card does not fill the screen. */
  g_assert_true (tf_room_camera (&one, 1920, 1080, &cx, &cy, &zoom));
  g_assert_cmpfloat (zoom, ==, TF_ROOM_MAX_ZOOM);
}

static gint64
board_of_kind (Fixture    *f,
               const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM boards WHERE experiment_id = %" G_GINT64_FORMAT
                                          " AND kind = '%s' ORDER BY position LIMIT 1", f->experiment, kind);

  return tf_test_sql_int (tf_store_get_db (f->store), sql);
}

static gint64
note_votes (Fixture *f,
            gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (json_extract (payload, '$.votes'), 0) FROM items"
                                          " WHERE id = %" G_GINT64_FORMAT, id);

  return tf_test_sql_int (tf_store_get_db (f->store), sql);
}

static gboolean
inside (const TfRect *item,
        const TfRect *area)
{
  return item->x >= area->x - 1e-6 && item->y >= area->y - 1e-6 &&
         item->x + item->width <= area->x + area->width + 1e-6 &&
         item->y + item->height <= area->y + area->height + 1e-6;
}

/* A blueprint's stages: each shows the columns of its steps, every card
 * of those steps and none of the others. */
static void
test_blueprint_stages (Fixture       *f,
                       gconstpointer  data)
{
  gint64 board = board_of_kind (f, "blueprint");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfScene) scene = tf_scene_new_for_board (f->store, board, &error);
  g_autoptr(GArray) views = tf_session_step_array_new ();
  const char *stages[] = { "Avant l’installation", "Premières semaines", "Tout au long du mandat" };
  GPtrArray *items;

  (void) data;
  g_assert_no_error (error);
  g_assert_true (tf_session_board_views (f->store, board, views, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (views->len, ==, 1 + G_N_ELEMENTS (stages));
  g_assert_cmpint (STEP (views, 0)->kind, ==, TF_SESSION_STEP_BOARD);
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      const TfSessionStep *stage = STEP (views, i + 1);
      TfRect area = tf_session_step_area (stage, scene);
      guint in = 0, out = 0;

      g_assert_cmpint (stage->kind, ==, TF_SESSION_STEP_STAGE);
      g_assert_cmpint (stage->board_id, ==, board);
      g_assert_cmpstr (stage->title, ==, stages[i]);
      g_assert_cmpstr (tf_session_step_kind_label (stage), ==, "Stage of the blueprint");
      for (guint j = 0; j < items->len; j++)
        {
          const TfItem *item = g_ptr_array_index (items, j);

          if (g_strcmp0 (item->kind->id, "bp-card") != 0)
            continue;
          if (inside (&item->bounds, &area))
            in++;
          else
            out++;
        }
      /* Cards in the stage, and cards elsewhere. */
      g_assert_cmpuint (in, >=, 1);
      g_assert_cmpuint (out, >=, 1);
    }
  /* Side by side, left to right. */
  g_assert_cmpfloat (STEP (views, 1)->x + STEP (views, 1)->width, <=, STEP (views, 2)->x + 1e-6);
  g_assert_cmpfloat (STEP (views, 2)->x + STEP (views, 2)->width, <=, STEP (views, 3)->x + 1e-6);
}

/* A mockup's photo: the montage with its original, as one view. */
static void
test_mockup_photos (Fixture       *f,
                    gconstpointer  data)
{
  gint64 board = board_of_kind (f, "mockup");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfScene) scene = tf_scene_new_for_board (f->store, board, &error);
  g_autoptr(GArray) views = tf_session_step_array_new ();
  GPtrArray *items;
  TfRect area;
  guint photos = 0;

  (void) data;
  g_assert_no_error (error);
  g_assert_true (tf_session_board_views (f->store, board, views, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (views->len, ==, 2);
  g_assert_cmpint (STEP (views, 1)->kind, ==, TF_SESSION_STEP_MOCKUP);
  g_assert_true (g_str_has_prefix (STEP (views, 1)->title, "Photo "));
  area = tf_session_step_area (STEP (views, 1), scene);
  items = tf_scene_get_items (scene);
  for (guint j = 0; j < items->len; j++)
    {
      const TfItem *item = g_ptr_array_index (items, j);

      if (g_strcmp0 (item->kind->id, "mk-photo") != 0)
        continue;
      photos++;
      g_assert_true (inside (&item->bounds, &area));
    }
  g_assert_cmpuint (photos, ==, 2);
  /* The whole board is still the board. */
  area = tf_session_step_area (STEP (views, 0), scene);
  g_assert_cmpfloat (area.width, >, STEP (views, 1)->width * 0.99);

  /* A photo alone follows its item. */
  {
    TfSessionStep alone = { 0 };
    const TfItem *photo = NULL;

    for (guint j = 0; j < items->len && photo == NULL; j++)
      if (g_strcmp0 (((const TfItem *) g_ptr_array_index (items, j))->kind->id, "mk-photo") == 0)
        photo = g_ptr_array_index (items, j);
    alone.kind = TF_SESSION_STEP_MOCKUP;
    alone.item_id = photo->id;
    area = tf_session_step_area (&alone, scene);
    g_assert_cmpfloat (area.x, ==, photo->bounds.x);
    g_assert_cmpfloat (area.width, ==, photo->bounds.width);
  }
}

/* What the Add Step menu offers for the wall: the board, its clusters,
 * each cluster's cards one by one, the insights by votes. */
static void
test_board_views (Fixture       *f,
                  gconstpointer  data)
{
  gint64 wall = board_of_kind (f, "insight-wall");
  g_autoptr(GArray) views = tf_session_step_array_new ();
  g_autoptr(GError) error = NULL;
  const char *clusters[] = { "Co-laboratoire", "Kit du mandat", "Suite-projet", "Transfo" };
  guint n = G_N_ELEMENTS (clusters);

  (void) data;
  g_assert_true (tf_session_board_views (f->store, wall, views, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (views->len, ==, 1 + 2 * n + 1);
  g_assert_cmpint (STEP (views, 0)->kind, ==, TF_SESSION_STEP_BOARD);
  g_assert_cmpstr (tf_session_step_kind_label (STEP (views, 0)), ==, "Whole board");
  for (guint i = 0; i < n; i++)
    {
      const TfSessionStep *area = STEP (views, 1 + i);
      const TfSessionStep *reveal = STEP (views, 1 + n + i);

      g_assert_cmpint (area->kind, ==, TF_SESSION_STEP_AREA);
      g_assert_cmpstr (area->title, ==, clusters[i]);
      g_assert_cmpint (reveal->kind, ==, TF_SESSION_STEP_REVEAL);
      g_assert_cmpint (reveal->reveal, ==, TF_SESSION_REVEAL_CLUSTER);
      g_assert_cmpstr (reveal->title, ==, clusters[i]);
      g_assert_cmpint (reveal->item_id, ==, area->item_id);
      g_assert_cmpint (reveal->board_id, ==, wall);
    }
  g_assert_cmpint (STEP (views, views->len - 1)->reveal, ==, TF_SESSION_REVEAL_VOTES);
  g_assert_cmpstr (tf_session_step_kind_label (STEP (views, views->len - 1)), ==, "Insights by votes, one by one");

  /* No such board. */
  g_assert_false (tf_session_board_views (f->store, 987654, views, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
}

/* Several steps at once (the default agenda appended, a board's views):
 * in order, where asked, one undo step. */
static void
test_add_steps (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GArray) views = tf_session_step_array_new ();
  g_autoptr(GArray) one = tf_session_step_array_new ();
  g_autoptr(GArray) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 session_id, first;
  TfSessionStep step;

  (void) data;
  g_assert_true (tf_session_board_views (f->store, board_of_kind (f, "blueprint"), views, &error));
  g_assert_no_error (error);
  /* A session made of one step. */
  tf_session_step_copy (&step, STEP (views, 0));
  g_array_append_val (one, step);
  session_id = tf_test_execute (f->history, tf_session_command_create (f->experiment, one));
  before = stored_titles (f);
  first = tf_test_execute (f->history, tf_session_command_add_steps (session_id, views, 0));
  now = load (f, &session_id);
  g_assert_cmpuint (now->len, ==, views->len + 1);
  g_assert_cmpint (STEP (now, 0)->id, ==, first);
  for (guint i = 0; i < views->len; i++)
    {
      g_assert_cmpstr (STEP (now, i)->title, ==, STEP (views, i)->title);
      g_assert_cmpint (STEP (now, i)->kind, ==, STEP (views, i)->kind);
    }
  g_assert_cmpstr (STEP (now, views->len)->title, ==, STEP (views, 0)->title);
  tf_test_undo (f->history);
  after = stored_titles (f);
  g_assert_cmpstr (after, ==, before);
  tf_test_redo (f->history);
  g_clear_pointer (&now, g_array_unref);
  now = load (f, &session_id);
  g_assert_cmpuint (now->len, ==, views->len + 1);
  /* Past the end: appended. */
  tf_test_execute (f->history, tf_session_command_add_steps (session_id, one, 999));
  g_clear_pointer (&now, g_array_unref);
  now = load (f, &session_id);
  g_assert_cmpuint (now->len, ==, views->len + 2);
  g_assert_cmpint (STEP (now, now->len - 1)->kind, ==, TF_SESSION_STEP_BOARD);
}

/* The experiment's report has a "Session" section: each step, the
 * board it shows, its planned and spent times, overtime marked with a
 * plus, the totals (read back with pdftotext). */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GArray) steps = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(TfExportSource) source = NULL;
  g_auto(TfExportOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strconcat (f->path, "-report.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *first = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  const char *section, *row, *total;
  gint64 session_id, s;
  int status;

  (void) data;
  create_default (f);
  steps = load (f, &session_id);
  tf_test_execute (f->history, tf_session_command_set_planned (STEP (steps, 0)->id, 300));
  tf_test_execute (f->history, tf_session_command_set_planned (STEP (steps, 1)->id, 600));
  g_array_append_val (ids, STEP (steps, 0)->id);
  s = 420;
  g_array_append_val (seconds, s);
  g_array_append_val (ids, STEP (steps, 1)->id);
  s = 75;
  g_array_append_val (seconds, s);
  tf_test_execute (f->history, tf_session_command_record_spent (ids, seconds));
  tf_test_execute (f->history, tf_session_command_set_notes (STEP (steps, 1)->id, "Laisser parler les élus"));

  source = tf_export_source_new_from_store (f->store, f->experiment, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tf_export_source_get_session (source)->len, ==, steps->len);
  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_REPORT, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* TRANSFO_TEST_SHOT: a folder that keeps the report, to look at. */
  if (g_getenv ("TRANSFO_TEST_SHOT") != NULL)
    {
      g_autofree char *kept = g_build_filename (g_getenv ("TRANSFO_TEST_SHOT"), "session-report.pdf", NULL);

      g_assert_cmpint (g_rename (path, kept), ==, 0);
    }
  else
    g_unlink (path);
  /* The section, after the boards' own. */
  section = strstr (out, "The agenda of the session in the room");
  g_assert_nonnull (section);
  first = g_strdup_printf ("1. %s", STEP (steps, 0)->title);
  row = strstr (section, first);
  g_assert_nonnull (row);
  /* Planned 5:00, spent 7:00: two minutes over. */
  g_assert_nonnull (strstr (row, "5:00"));
  g_assert_nonnull (strstr (row, "+2:00"));
  g_assert_nonnull (strstr (row, "7:00"));
  g_assert_nonnull (strstr (section, "1:15"));
  g_assert_nonnull (strstr (section, "Laisser parler les élus"));
  /* What each step shows, under it. */
  g_assert_nonnull (strstr (section, "Whole board"));
  g_assert_nonnull (strstr (section, "Part of the board"));
  /* The totals: 15:00 planned, 8:15 spent. */
  total = strstr (section, "The whole session");
  g_assert_nonnull (total);
  g_assert_nonnull (strstr (total, "15:00"));
  g_assert_nonnull (strstr (total, "8:15"));
  /* Every step is listed. */
  {
    g_autofree char *last = g_strdup_printf ("%u. %s", steps->len, STEP (steps, steps->len - 1)->title);

    g_assert_nonnull (strstr (section, last));
  }
}

static gint64
archive_count (Fixture    *f,
               const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return tf_test_sql_int (tf_store_get_db (f->store), sql);
}

/* A dot-voting round on a cluster: each colour has its dots and no more,
 * a dot taken back can go elsewhere, the audience sees the dots of a
 * hidden round only once revealed; closing adds the totals to the notes'
 * votes and records the round with its counts per colour (no name is
 * stored anywhere), all as one undo step. */
static void
test_vote_round (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GArray) steps = default_steps (f);
  const TfSessionStep *cluster = NULL;
  const TfSessionStep *board = STEP (steps, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfScene) scene = tf_scene_new_for_board (f->store, board->board_id, &error);
  g_autofree char *kind = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) rounds = tf_vote_round_row_array_new ();
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (TfVoteCount));
  g_autofree char *columns = NULL;
  gint64 ids[16], before[16], session_id, round_id;
  TfVoteRound *round;
  guint n;

  (void) data;
  g_assert_no_error (error);
  session_id = create_default (f);
  kind = tf_test_sql_text (tf_store_get_db (f->store), "SELECT kind FROM boards ORDER BY position, id LIMIT 1");
  for (guint i = 0; i < steps->len; i++)
    if (g_strcmp0 (STEP (steps, i)->title, "Kit du mandat") == 0)
      cluster = STEP (steps, i);
  g_assert_nonnull (cluster);

  /* The notes: the cluster's, in reading order; a board's: every insight. */
  notes = tf_vote_round_list_notes (cluster, kind, scene);
  all = tf_vote_round_list_notes (board, kind, scene);
  g_assert_cmpuint (notes->len, >=, 2);
  g_assert_cmpuint (all->len, ==, 9);
  g_assert_cmpuint (notes->len, <, all->len);
  n = notes->len;
  for (guint i = 0; i < n; i++)
    {
      ids[i] = ((const TfItem *) g_ptr_array_index (notes, i))->id;
      before[i] = note_votes (f, ids[i]);
    }

  round = tf_vote_round_new (cluster->board_id, session_id, cluster->item_id, cluster->title,
                             ids, n, 3, 2, TRUE);
  g_assert_cmpuint (tf_vote_round_get_n_notes (round), ==, n);
  g_assert_cmpint (tf_vote_round_find_note (round, ids[1]), ==, 1);
  for (guint i = 0; i < all->len; i++)
    {
      const TfItem *item = g_ptr_array_index (all, i);
      gboolean in_cluster = FALSE;

      for (guint k = 0; k < n; k++)
        in_cluster |= ids[k] == item->id;
      g_assert_cmpint (tf_vote_round_find_note (round, item->id) >= 0, ==, in_cluster);
    }
  for (guint c = 0; c < 3; c++)
    g_assert_cmpuint (tf_vote_round_get_remaining (round, c), ==, 2);

  /* Colour 1 puts both its dots on the first note; a third is refused. */
  g_assert_true (tf_vote_round_cast (round, ids[0], 0));
  g_assert_true (tf_vote_round_cast (round, ids[0], 0));
  g_assert_false (tf_vote_round_cast (round, ids[1], 0));
  g_assert_cmpuint (tf_vote_round_get_remaining (round, 0), ==, 0);
  /* Colour 2 one on each; colour 3 one, taken back and put elsewhere. */
  g_assert_true (tf_vote_round_cast (round, ids[0], 1));
  g_assert_true (tf_vote_round_cast (round, ids[1], 1));
  g_assert_true (tf_vote_round_cast (round, ids[0], 2));
  g_assert_true (tf_vote_round_uncast (round, ids[0], 2));
  g_assert_false (tf_vote_round_uncast (round, ids[0], 2));
  g_assert_true (tf_vote_round_cast (round, ids[1], 2));
  /* Neither a fourth colour nor a note outside the round. */
  g_assert_false (tf_vote_round_cast (round, ids[0], 3));
  g_assert_false (tf_vote_round_cast (round, 987654321, 2));
  g_assert_cmpuint (tf_vote_round_get_remaining (round, 2), ==, 1);
  g_assert_cmpuint (tf_vote_round_get_count (round, ids[0], 0), ==, 2);
  g_assert_cmpuint (tf_vote_round_get_count (round, ids[0], 2), ==, 0);
  g_assert_cmpuint (tf_vote_round_get_total (round, ids[0]), ==, 3);
  g_assert_cmpuint (tf_vote_round_get_total (round, ids[1]), ==, 2);
  g_assert_cmpuint (tf_vote_round_get_n_cast (round), ==, 5);
  g_assert_false (tf_vote_round_get_shown (round));
  tf_vote_round_reveal (round);
  g_assert_true (tf_vote_round_get_shown (round));

  /* Nothing is written before the round closes. */
  g_assert_cmpint (note_votes (f, ids[0]), ==, before[0]);
  g_assert_cmpint (archive_count (f, "vote_rounds"), ==, 0);

  round_id = tf_test_execute (f->history, tf_vote_round_command_close (round));
  tf_vote_round_free (round);
  g_assert_cmpint (round_id, >, 0);
  g_assert_cmpint (note_votes (f, ids[0]), ==, before[0] + 3);
  g_assert_cmpint (note_votes (f, ids[1]), ==, before[1] + 2);
  for (guint i = 2; i < n; i++)
    g_assert_cmpint (note_votes (f, ids[i]), ==, before[i]);
  /* The scene follows: the wall's insights by vote rank. */
  g_assert_cmpint (((TfNoteData *) tf_scene_lookup (scene, ids[0])->data)->votes, ==, before[0] + 3);

  /* The round and its counts per colour, read back. */
  g_assert_true (tf_vote_rows_rounds (f->store, cluster->board_id, rounds, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rounds->len, ==, 1);
  {
    const TfVoteRoundRow *row = &g_array_index (rounds, TfVoteRoundRow, 0);

    g_assert_cmpint (row->id, ==, round_id);
    g_assert_cmpint (row->session_id, ==, session_id);
    g_assert_cmpint (row->item_id, ==, cluster->item_id);
    g_assert_cmpstr (row->title, ==, "Kit du mandat");
    g_assert_cmpint (row->n_colours, ==, 3);
    g_assert_cmpint (row->dots, ==, 2);
    g_assert_true (row->hidden);
  }
  g_assert_true (tf_vote_rows_counts (f->store, round_id, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 4);
  {
    /* (note, colour, count), by note then colour. */
    gint64 expected[][3] = { { ids[0], 0, 2 }, { ids[0], 1, 1 }, { ids[1], 1, 1 }, { ids[1], 2, 1 } };

    if (ids[1] < ids[0])
      {
        gint64 sorted[][3] = { { ids[1], 1, 1 }, { ids[1], 2, 1 }, { ids[0], 0, 2 }, { ids[0], 1, 1 } };

        memcpy (expected, sorted, sizeof expected);
      }
    for (guint i = 0; i < 4; i++)
      {
        const TfVoteCount *count = &g_array_index (counts, TfVoteCount, i);

        g_assert_cmpint (count->item_id, ==, expected[i][0]);
        g_assert_cmpint (count->colour, ==, expected[i][1]);
        g_assert_cmpint (count->count, ==, expected[i][2]);
      }
  }
  /* Colours, never names: the tables have no column for one. */
  columns = tf_test_sql_text (tf_store_get_db (f->store),
                              "SELECT group_concat (name, ',') FROM pragma_table_info ('vote_counts')");
  g_assert_cmpstr (columns, ==, "round_id,item_id,colour,count");

  /* One undo step takes it all back, redo puts it all again. */
  tf_test_undo (f->history);
  g_assert_cmpint (note_votes (f, ids[0]), ==, before[0]);
  g_assert_cmpint (note_votes (f, ids[1]), ==, before[1]);
  g_assert_cmpint (archive_count (f, "vote_rounds"), ==, 0);
  g_assert_cmpint (archive_count (f, "vote_counts"), ==, 0);
  g_assert_cmpint (((TfNoteData *) tf_scene_lookup (scene, ids[0])->data)->votes, ==, before[0]);
  tf_test_redo (f->history);
  g_assert_cmpint (note_votes (f, ids[0]), ==, before[0] + 3);
  g_assert_cmpint (archive_count (f, "vote_counts"), ==, 4);

  /* A note deleted before the round closes keeps no dot; the others do. */
  round = tf_vote_round_new (board->board_id, 0, 0, NULL, ids, n, 1, 3, FALSE);
  g_assert_true (tf_vote_round_get_shown (round));
  g_assert_true (tf_vote_round_cast (round, ids[0], 0));
  g_assert_true (tf_vote_round_cast (round, ids[1], 0));
  tf_test_execute (f->history, tf_command_delete_items (&ids[1], 1));
  round_id = tf_test_execute (f->history, tf_vote_round_command_close (round));
  tf_vote_round_free (round);
  g_assert_cmpint (note_votes (f, ids[0]), ==, before[0] + 4);
  g_array_set_size (counts, 0);
  g_assert_true (tf_vote_rows_counts (f->store, round_id, counts, &error));
  g_assert_cmpuint (counts->len, ==, 1);
}

/* An archive of format 5 written by the program of 00c7f7c (the demo, its
 * default session, time spent on two steps: tests/data/archive-format-5.sqlite)
 * opens, migrates to format 7 keeping its session, and takes a round. */
static void
test_format_5_archive (void)
{
  g_autofree char *path = tf_test_archive_path ("format-5");
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) steps = tf_session_step_array_new ();
  g_autoptr(GArray) rounds = tf_vote_round_row_array_new ();
  TfStore *store;
  TfHistory *history;
  TfScene *scene;
  g_autofree char *kind = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  TfVoteRound *round;
  gint64 experiment, session_id = 0, note, votes;

  tf_wings_init ();
  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "archive-format-5.sqlite", NULL),
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
  g_assert_cmpint (session_id, >, 0);
  g_assert_cmpuint (steps->len, ==, 8);
  g_assert_cmpint (STEP (steps, 0)->spent_seconds, ==, 120);
  g_assert_cmpint (STEP (steps, 1)->spent_seconds, ==, 180);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (store), "SELECT count(*) FROM vote_rounds"), ==, 0);

  history = tf_history_new (store);
  scene = tf_scene_new_for_board (store, STEP (steps, 0)->board_id, &error);
  g_assert_no_error (error);
  kind = tf_test_sql_text (tf_store_get_db (store), "SELECT kind FROM boards ORDER BY position, id LIMIT 1");
  notes = tf_vote_round_list_notes (STEP (steps, 0), kind, scene);
  g_assert_cmpuint (notes->len, ==, 9);
  note = ((const TfItem *) g_ptr_array_index (notes, 0))->id;
  votes = ((TfNoteData *) ((const TfItem *) g_ptr_array_index (notes, 0))->data)->votes;
  round = tf_vote_round_new (STEP (steps, 0)->board_id, session_id, 0, STEP (steps, 0)->title,
                             &note, 1, 2, 1, FALSE);
  g_assert_true (tf_vote_round_cast (round, note, 0));
  g_assert_true (tf_vote_round_cast (round, note, 1));
  tf_test_execute (history, tf_vote_round_command_close (round));
  tf_vote_round_free (round);
  g_assert_cmpint (((TfNoteData *) tf_scene_lookup (scene, note)->data)->votes, ==, votes + 2);
  g_assert_true (tf_vote_rows_rounds (store, STEP (steps, 0)->board_id, rounds, &error));
  g_assert_cmpuint (rounds->len, ==, 1);

  g_object_unref (scene);
  g_object_unref (history);
  tf_store_close (store);
  g_assert_finalize_object (store);
  tf_test_remove_archive (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/session/default-agenda", Fixture, NULL, fixture_set_up, test_default_agenda, fixture_tear_down);
  g_test_add ("/session/create-and-reopen", Fixture, NULL, fixture_set_up, test_create_and_reopen, fixture_tear_down);
  g_test_add ("/session/edit-agenda", Fixture, NULL, fixture_set_up, test_edit_agenda, fixture_tear_down);
  g_test_add ("/session/reveal-cards", Fixture, NULL, fixture_set_up, test_reveal_cards, fixture_tear_down);
  g_test_add ("/session/room-timer", Fixture, NULL, fixture_set_up, test_room_timer, fixture_tear_down);
  g_test_add ("/session/blueprint-stages", Fixture, NULL, fixture_set_up, test_blueprint_stages, fixture_tear_down);
  g_test_add ("/session/mockup-photos", Fixture, NULL, fixture_set_up, test_mockup_photos, fixture_tear_down);
  g_test_add ("/session/board-views", Fixture, NULL, fixture_set_up, test_board_views, fixture_tear_down);
  g_test_add ("/session/add-steps", Fixture, NULL, fixture_set_up, test_add_steps, fixture_tear_down);
  g_test_add ("/session/report", Fixture, NULL, fixture_set_up, test_report, fixture_tear_down);
  g_test_add ("/session/vote-round", Fixture, NULL, fixture_set_up, test_vote_round, fixture_tear_down);
  g_test_add_func ("/session/format-5-archive", test_format_5_archive);
  g_test_add_func ("/session/room-steps", test_room_steps);
  g_test_add_func ("/session/room-camera", test_room_camera);
  return g_test_run ();
}
