/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-wall"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <adwaita.h>

#include "canvas/tf-item-kinds.h"
#include "insights/tf-note-kind.h"
#include "core/tf-archive.h"
#include "tf-application.h"
#include "tf-board-view-private.h"
#include "gui/insights/tf-insight-panel.h"
#include "gui/insights/tf-insight-transfer.h"
#include "tf-gui-test-util.h"
#include "tf-test-util.h"
#include "tf-window.h"

/* The insight wall in the real window: capture with the keyboard, a move
 * into a cluster through the drag path, undo, pan and zoom, the clipboard.
 * Key presses go through the same handlers the key controllers call (GTK 4
 * has no public way to synthesize a key event in-process); the archive is
 * checked through a second, read-only connection. */

#define TIMEOUT_MS TF_GUI_TEST_DEADLINE_MS
#define DEMO_NOTES 9

typedef struct {
  char          *archive_path;
  TfApplication *app;
  TfWindow      *window;
  TfBoardView   *view;
  gint64         board_id;
} Fixture;

static void
wait_until (gboolean   *flag,
            const char *what)
{
  gboolean expired = FALSE;
  guint timeout = g_timeout_add (TIMEOUT_MS, tf_test_timed_out, &expired);

  while (!*flag && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (timeout);
}

/* What another process sees on disk: the wall's items, read afresh. */
static TfScene *
read_wall (Fixture *fixture)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TfScene *scene;

  store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  scene = tf_scene_new_for_board (store, fixture->board_id, &error);
  g_assert_no_error (error);
  return scene;
}

static guint
count_notes (TfScene *scene)
{
  GPtrArray *items = tf_scene_get_items (scene);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    n += ((TfItem *) g_ptr_array_index (items, i))->kind == &tf_note_kind;
  return n;
}

static TfItem *
find_text (TfScene    *scene,
           const char *text)
{
  GPtrArray *items = tf_scene_get_items (scene);

  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->text, text) == 0)
        return item;
    }
  return NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->archive_path = tf_gui_test_archive_path ();
  fixture->window = tf_gui_test_start (fixture->archive_path, &fixture->app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  /* The demo's insight wall, opened as its row does. */
  fixture->board_id = tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall",
                                                   NULL);
  fixture->view = tf_gui_test_open_board_view (fixture->window, fixture->board_id);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture->view)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_gui_test_stop (fixture->window, &fixture->app, &fixture->archive_path, 100);
}

static char *
editor_text (TfBoardView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view->editor_text);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Types the rest of a note as the text view would receive it. */
static void
type_text (TfBoardView *view,
           const char  *text)
{
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view->editor_text), text, -1);
}

static const char *typed[] = {
  "Personne ne lit les notes de plus d'une page.",
  "On découvre les dossiers dans la voiture, entre deux réunions.",
  "Le parapheur revient toujours le vendredi soir.",
};

/* Three insights at the speed of speech: a letter starts a note, Enter
 * writes it and starts the next, Escape ends. */
static void
test_wall_capture (Fixture       *fixture,
                   gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  g_autoptr(TfScene) before = read_wall (fixture);
  g_autoptr(TfScene) after = NULL;
  g_autofree char *first = NULL;
  g_autofree char *shot = NULL;
  TfItem *notes[3];

  g_assert_cmpuint (count_notes (before), ==, DEMO_NOTES);
  g_assert_false (tf_board_view_get_editing (view));

  /* "P", with Shift, is not a shortcut: it starts a note holding it. */
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_P, GDK_SHIFT_MASK));
  g_assert_true (tf_board_view_get_editing (view));
  first = editor_text (view);
  g_assert_cmpstr (first, ==, "P");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view->editor_text)));
  type_text (view, typed[0] + 1);
  g_assert_true (tf_board_view_editor_key (view, GDK_KEY_Return, 0));
  tf_gui_test_settle (100);

  /* The next note is open at once, empty. */
  g_assert_true (tf_board_view_get_editing (view));
  g_clear_pointer (&first, g_free);
  first = editor_text (view);
  g_assert_cmpstr (first, ==, "");

  /* Shift+Enter is a new line, left to the text view. */
  g_assert_false (tf_board_view_editor_key (view, GDK_KEY_Return, GDK_SHIFT_MASK));
  type_text (view, typed[1]);
  g_assert_true (tf_board_view_editor_key (view, GDK_KEY_Return, 0));
  tf_gui_test_settle (100);
  type_text (view, typed[2]);

  tf_test_run_for (400);
  shot = g_build_filename (TF_BUILDDIR, "gui-wall.png", NULL);
  tf_gui_test_save_screenshot (adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture->window)),
                               shot);

  /* Escape writes the last one and ends the series. */
  g_assert_true (tf_board_view_editor_key (view, GDK_KEY_Escape, 0));
  tf_gui_test_settle (100);
  g_assert_false (tf_board_view_get_editing (view));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  g_assert_cmpuint (tf_board_view_get_n_selected (view), ==, 1);

  after = read_wall (fixture);
  g_assert_cmpuint (count_notes (after), ==, DEMO_NOTES + 3);
  for (guint i = 0; i < 3; i++)
    {
      notes[i] = find_text (after, typed[i]);
      g_assert_nonnull (notes[i]);
      g_assert_cmpfloat (notes[i]->bounds.width, ==, 200.0);
    }

  /* In rows across what the view shows, in the order they were said
   * (left to right, then the next row down), on nothing else. */
  for (guint i = 0; i + 1 < 3; i++)
    {
      const TfRect *a = &notes[i]->bounds, *b = &notes[i + 1]->bounds;

      if (fabs (a->y - b->y) < 1.0)
        g_assert_cmpfloat (a->x, <, b->x);
      else
        g_assert_cmpfloat (b->y, >=, a->y + a->height);
    }
  for (guint i = 0; i < 3; i++)
    {
      GPtrArray *items = tf_scene_get_items (after);

      for (guint j = 0; j < items->len; j++)
        {
          TfItem *other = g_ptr_array_index (items, j);

          if (other != notes[i])
            g_assert_false (tf_rect_intersects (&other->bounds, &notes[i]->bounds));
        }
    }

  /* Escape again, with a selection, clears it; nothing is written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.select-none", NULL));
  g_assert_cmpuint (tf_board_view_get_n_selected (view), ==, 0);

  /* One undo takes back the last note only. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  tf_gui_test_settle (100);
  g_clear_object (&after);
  after = read_wall (fixture);
  g_assert_cmpuint (count_notes (after), ==, DEMO_NOTES + 2);
  g_assert_null (find_text (after, typed[2]));
}

/* The demo note whose text starts with @prefix. */
static TfItem *
demo_note (TfScene    *scene,
           const char *prefix)
{
  GPtrArray *items = tf_scene_get_items (scene);

  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (g_str_has_prefix (item->text, prefix))
        return item;
    }
  g_assert_not_reached ();
  return NULL;
}

/* A note dragged into a cluster joins it, in one undoable command. */
static void
test_wall_move_into_zone (Fixture       *fixture,
                          gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  TfScene *scene = tf_board_view_get_scene (view);
  g_autoptr(TfScene) on_disk = NULL;
  g_autoptr(GArray) selection = NULL;
  gint64 members[2], moved_id, zone_id;
  TfHistory *history;
  guint undos = 0;
  TfItem *zone, *moved;
  TfRect origin;
  double sx, sy, tx, ty;

  /* A cluster around the first two notes of the demo, as Ctrl+G makes it. */
  members[0] = demo_note (scene, "En passant")->id;
  members[1] = demo_note (scene, "La dernière")->id;
  tf_board_view_select (view, members, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.new-cluster", NULL));
  tf_gui_test_settle (100);
  selection = tf_board_view_get_selection (view);
  g_assert_cmpuint (selection->len, ==, 1);
  zone_id = g_array_index (selection, gint64, 0);
  zone = tf_scene_lookup (scene, zone_id);
  g_assert_true (zone->kind == &tf_zone_kind);
  g_assert_cmpstr (zone->text, ==, "Cluster");

  on_disk = read_wall (fixture);
  g_assert_cmpint (tf_scene_lookup (on_disk, members[0])->parent_id, ==, zone_id);
  g_assert_cmpint (tf_scene_lookup (on_disk, members[1])->parent_id, ==, zone_id);

  /* The whole wall in view, then a loose note dragged into the zone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.zoom-fit", NULL));
  tf_gui_test_settle (100);
  moved = demo_note (scene, "Les projets");
  moved_id = moved->id;
  origin = moved->bounds;
  g_assert_cmpint (moved->parent_id, ==, 0);
  tf_board_view_to_widget (view, origin.x + origin.width / 2, origin.y + origin.height / 2, &sx, &sy);
  /* The zone's right part: room that its two notes leave free. */
  tf_board_view_to_widget (view, zone->bounds.x + zone->bounds.width - 60,
                           zone->bounds.y + zone->bounds.height - 60, &tx, &ty);

  tf_board_view_clear_selection (view);
  tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, sx, sy);
  g_assert_cmpint (view->drag_mode, ==, TF_DRAG_MOVE);
  /* Alt: no snapping, the note lands exactly where it is dropped. */
  for (int step = 1; step <= 5; step++)
    tf_board_view_drag_update (view, GDK_ALT_MASK, (tx - sx) * step / 5, (ty - sy) * step / 5);

  /* During the drag the note moves on screen only: the archive is untouched. */
  g_clear_object (&on_disk);
  on_disk = read_wall (fixture);
  g_assert_cmpfloat (tf_scene_lookup (on_disk, moved_id)->bounds.x, ==, origin.x);
  g_assert_cmpfloat (fabs (tf_scene_lookup (scene, moved_id)->bounds.x - origin.x), >, 1.0);

  tf_board_view_drag_end (view);
  tf_gui_test_settle (100);

  g_clear_object (&on_disk);
  on_disk = read_wall (fixture);
  moved = tf_scene_lookup (on_disk, moved_id);
  g_assert_cmpint (moved->parent_id, ==, zone_id);
  g_assert_cmpfloat (fabs (moved->bounds.x + moved->bounds.width / 2 -
                           (zone->bounds.x + zone->bounds.width - 60)), <, 1.0);

  /* One undo puts it back where it was, out of the cluster. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  tf_gui_test_settle (100);
  g_clear_object (&on_disk);
  on_disk = read_wall (fixture);
  moved = tf_scene_lookup (on_disk, moved_id);
  g_assert_cmpint (moved->parent_id, ==, 0);
  g_assert_cmpfloat (moved->bounds.x, ==, origin.x);
  g_assert_cmpfloat (moved->bounds.y, ==, origin.y);
  /* The view follows the archive. */
  g_assert_cmpfloat (tf_scene_lookup (scene, moved_id)->bounds.x, ==, origin.x);

  /* Tidy and Arrange all are one command each, undone in one step each. A
   * cluster just made around its notes is already tidy: that edit changes
   * nothing and stays off the undo stack. */
  history = tf_window_get_history (fixture->window);
  tf_board_view_select (view, &zone_id, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.tidy", NULL));
  if (g_strcmp0 (tf_history_get_undo_label (history), "Tidy cluster") == 0)
    undos++;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.arrange-all", NULL));
  g_assert_cmpstr (tf_history_get_undo_label (history), ==, "Arrange all");
  undos++;
  tf_gui_test_settle (100);
  for (guint i = 0; i < undos; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  tf_gui_test_settle (100);
  g_clear_object (&on_disk);
  on_disk = read_wall (fixture);
  g_assert_cmpfloat (tf_scene_lookup (on_disk, moved_id)->bounds.x, ==, origin.x);
  g_assert_cmpint (tf_scene_lookup (on_disk, members[0])->parent_id, ==, zone_id);
}

/* Ctrl+wheel zooms around the pointer; the wheel and the middle button pan. */
static void
test_wall_pan_zoom (Fixture       *fixture,
                    gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  double bx, by, ax, ay, zoom;

  tf_board_view_pointer_motion (view, 300, 200);
  tf_board_view_to_board (view, 300, 200, &bx, &by);
  zoom = tf_board_view_get_zoom (view);

  g_assert_true (tf_board_view_scroll (view, 0, -1, GDK_SCROLL_UNIT_WHEEL, GDK_CONTROL_MASK));
  g_assert_cmpfloat_with_epsilon (tf_board_view_get_zoom (view), zoom * TF_BOARD_VIEW_ZOOM_STEP, 1e-9);
  tf_board_view_to_board (view, 300, 200, &ax, &ay);
  g_assert_cmpfloat_with_epsilon (ax, bx, 1e-6);
  g_assert_cmpfloat_with_epsilon (ay, by, 1e-6);

  /* A touchpad zooms continuously, around the pointer too. */
  tf_board_view_pointer_motion (view, 520, 410);
  tf_board_view_to_board (view, 520, 410, &bx, &by);
  g_assert_true (tf_board_view_scroll (view, 0, 12.5, GDK_SCROLL_UNIT_SURFACE, GDK_CONTROL_MASK));
  tf_board_view_to_board (view, 520, 410, &ax, &ay);
  g_assert_cmpfloat_with_epsilon (ax, bx, 1e-6);
  g_assert_cmpfloat_with_epsilon (ay, by, 1e-6);

  /* The wheel pans down, a board step scaled to the zoom. */
  zoom = tf_board_view_get_zoom (view);
  g_assert_true (tf_board_view_scroll (view, 0, 1, GDK_SCROLL_UNIT_WHEEL, 0));
  tf_board_view_to_board (view, 520, 410, &ax, &ay);
  g_assert_cmpfloat_with_epsilon (ax, bx, 1e-6);
  g_assert_cmpfloat (ay, >, by);

  /* Shift turns the wheel sideways; a touchpad's two fingers pan both ways. */
  tf_board_view_to_board (view, 520, 410, &bx, &by);
  g_assert_true (tf_board_view_scroll (view, 0, 1, GDK_SCROLL_UNIT_WHEEL, GDK_SHIFT_MASK));
  tf_board_view_to_board (view, 520, 410, &ax, &ay);
  g_assert_cmpfloat (ax, >, bx);
  g_assert_cmpfloat_with_epsilon (ay, by, 1e-6);
  g_assert_true (tf_board_view_scroll (view, -30, -20, GDK_SCROLL_UNIT_SURFACE, 0));
  tf_board_view_to_board (view, 520, 410, &bx, &by);
  g_assert_cmpfloat (bx, <, ax);
  g_assert_cmpfloat (by, <, ay);

  /* The shortcuts window says these ways to pan, and no gesture the board
   * does not know (it once drew a two-finger swipe). */
  {
    g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/fr/transfo/Transfo/gtk/help-overlay.ui");
    GSList *objects = gtk_builder_get_objects (builder);
    g_autoptr(GString) said = g_string_new ("");

    for (GSList *o = objects; o != NULL; o = o->next)
      if (GTK_IS_SHORTCUTS_SHORTCUT (o->data))
        {
          g_autofree char *title = NULL;
          GtkShortcutType type;

          g_object_get (o->data, "title", &title, "shortcut-type", &type, NULL);
          g_assert_true (type == GTK_SHORTCUT_ACCELERATOR || type == GTK_SHORTCUT_GESTURE_PINCH ||
                         type == GTK_SHORTCUT_GESTURE);
          if (g_str_has_prefix (title, "Pan"))
            g_string_append_printf (said, "%s\n", title);
        }
    g_slist_free (objects);
    g_assert_nonnull (strstr (said->str, "mouse wheel"));
    g_assert_nonnull (strstr (said->str, "two fingers on a touchpad"));
    g_assert_nonnull (strstr (said->str, "Shift"));
    g_assert_nonnull (strstr (said->str, "Space"));
    g_assert_nonnull (strstr (said->str, "middle button"));
  }

  /* Dragging with the middle button carries the board along. */
  tf_board_view_to_board (view, 100, 100, &bx, &by);
  tf_board_view_drag_begin (view, GDK_BUTTON_MIDDLE, 0, 100, 100);
  g_assert_cmpint (view->drag_mode, ==, TF_DRAG_PAN);
  tf_board_view_drag_update (view, 0, 50, 30);
  tf_board_view_drag_end (view);
  tf_board_view_to_board (view, 150, 130, &ax, &ay);
  g_assert_cmpfloat_with_epsilon (ax, bx, 1e-6);
  g_assert_cmpfloat_with_epsilon (ay, by, 1e-6);

  /* Space held turns the primary button into a hand. */
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_space, 0));
  tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, 100, 100);
  g_assert_cmpint (view->drag_mode, ==, TF_DRAG_PAN);
  tf_board_view_drag_end (view);
  tf_board_view_key_released (view, GDK_KEY_space);
  g_assert_false (view->space_held);

  /* Zoom stays within 2 % and 800 %. */
  tf_board_view_zoom_at (view, 1000, 10, 10);
  g_assert_cmpfloat (tf_board_view_get_zoom (view), ==, TF_BOARD_VIEW_MAX_ZOOM);
  tf_board_view_zoom_at (view, 1e-6, 10, 10);
  g_assert_cmpfloat (tf_board_view_get_zoom (view), ==, TF_BOARD_VIEW_MIN_ZOOM);

  /* "0" fits the wall, "1" is 100 %: single keys, when nothing is typed. */
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_1, 0));
  tf_gui_test_settle (100);
  g_assert_cmpfloat (tf_board_view_get_zoom (view), ==, 1.0);
  g_assert_false (tf_board_view_get_editing (view));
}

/* Copy gives other applications one line per quote; pasting lines makes
 * one note per line. */
static void
read_text_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static void
on_items_changed (TfBoardView *view,
                  GArray      *ids,
                  gboolean    *changed)
{
  *changed = TRUE;
}

static void
test_wall_clipboard (Fixture       *fixture,
                     gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  TfScene *scene = tf_board_view_get_scene (view);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autoptr(TfScene) on_disk = NULL;
  g_autofree char *text = NULL;
  gboolean changed = FALSE;
  gint64 ids[2];

  ids[0] = demo_note (scene, "Raccroche")->id;
  ids[1] = demo_note (scene, "On aurait")->id;
  tf_board_view_select (view, ids, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.copy", NULL));
  gdk_clipboard_read_text_async (clipboard, NULL, read_text_done, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (text, "Raccroche si tu es en réunion"));
  g_assert_nonnull (strstr (text, "\nOn aurait besoin"));

  /* Plain text from elsewhere: three lines, one blank. */
  g_signal_connect (view, "items-changed", G_CALLBACK (on_items_changed), &changed);
  gdk_clipboard_set_text (clipboard, "Une ligne\n\n  Deux lignes  \r\nTrois\n");
  tf_board_view_pointer_motion (view, 200, 200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.paste", NULL));
  wait_until (&changed, "the pasted notes");
  tf_gui_test_settle (100);
  g_signal_handlers_disconnect_by_func (view, on_items_changed, &changed);

  on_disk = read_wall (fixture);
  g_assert_cmpuint (count_notes (on_disk), ==, DEMO_NOTES + 3);
  g_assert_nonnull (find_text (on_disk, "Une ligne"));
  g_assert_nonnull (find_text (on_disk, "Deux lignes"));
  g_assert_nonnull (find_text (on_disk, "Trois"));
  g_assert_cmpuint (tf_board_view_get_n_selected (view), ==, 3);

  /* Delete is one command: one undo brings all three back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.delete", NULL));
  tf_gui_test_settle (100);
  g_clear_object (&on_disk);
  on_disk = read_wall (fixture);
  g_assert_cmpuint (count_notes (on_disk), ==, DEMO_NOTES);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  tf_gui_test_settle (100);
  g_clear_object (&on_disk);
  on_disk = read_wall (fixture);
  g_assert_cmpuint (count_notes (on_disk), ==, DEMO_NOTES + 3);

  /* Board items from another program, nested 100,000 deep: refused before
   * the (recursive) JSON parser sees them, nothing pasted, no crash. */
  {
    g_autoptr(GString) deep = g_string_new ("{\"items\":[{\"kind\":\"note\",\"text\":\"x\",\"style\":");
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GdkContentProvider) provider = NULL;

    for (int i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    bytes = g_bytes_new (deep->str, deep->len);
    provider = gdk_content_provider_new_for_bytes ("application/x-transfo-items+json", bytes);
    g_assert_true (gdk_clipboard_set_content (clipboard, provider));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.paste", NULL));
    tf_gui_test_wait_for_label (GTK_WIDGET (fixture->window), "nothing to paste", 30000);
    g_clear_object (&on_disk);
    on_disk = read_wall (fixture);
    g_assert_cmpuint (count_notes (on_disk), ==, DEMO_NOTES + 3);
  }
}

/* Votes, the star and retiring, from the keyboard and the panel's actions;
 * the ranking follows. */
static void
test_wall_ranking (Fixture       *fixture,
                   gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  TfScene *scene = tf_board_view_get_scene (view);
  g_autoptr(TfScene) on_disk = NULL;
  const TfNoteData *note;
  TfInsightPanel *panel;
  GListModel *ranking;
  gint64 id = demo_note (scene, "Les mails")->id;
  GtkRevealer *revealer;

  tf_board_view_select (view, &id, 1);
  /* The side panel, opened by the user, stays open while the note is edited
   * (the page shows the board again after each edit). */
  panel = TF_INSIGHT_PANEL (tf_gui_test_find_widget (GTK_WIDGET (fixture->window),
                                                     TF_TYPE_INSIGHT_PANEL));
  revealer = GTK_REVEALER (gtk_widget_get_ancestor (GTK_WIDGET (panel), GTK_TYPE_REVEALER));
  if (!gtk_revealer_get_reveal_child (revealer))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "board.toggle-panel", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  /* With a note selected, v, Shift+V and s are shortcuts, not text. */
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_v, 0));
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_v, 0));
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_v, 0));
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_V, GDK_SHIFT_MASK));
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_s, 0));
  tf_gui_test_settle (100);
  g_assert_false (tf_board_view_get_editing (view));

  on_disk = read_wall (fixture);
  note = tf_scene_lookup (on_disk, id)->data;
  g_assert_cmpuint (note->votes, ==, 2);
  g_assert_true (note->star);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));

  /* The side panel's ranking puts it first, by votes. */
  tf_insight_panel_set_rank_by (panel, TF_RANK_BY_DATE);
  tf_insight_panel_set_rank_by (panel, TF_RANK_BY_VOTES);
  ranking = tf_insight_panel_get_ranking (panel);
  g_assert_cmpuint (g_list_model_get_n_items (ranking), ==, DEMO_NOTES);
  g_assert_cmpint (g_ascii_strtoll (gtk_string_list_get_string (GTK_STRING_LIST (ranking), 0), NULL, 10),
                   ==, id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "wall.retire", NULL));
  tf_gui_test_settle (100);
  g_assert_true (tf_scene_lookup (scene, id)->hidden);
  g_assert_cmpuint (tf_board_view_get_n_selected (view), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "wall.restore", "x", id));
  tf_gui_test_settle (100);
  g_assert_false (tf_scene_lookup (scene, id)->hidden);

  /* With nothing selected, "v" is the first letter of a new note. */
  tf_board_view_clear_selection (view);
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_v, 0));
  g_assert_true (tf_board_view_get_editing (view));
  g_assert_true (tf_board_view_editor_key (view, GDK_KEY_Escape, 0));
  tf_gui_test_settle (100);
  g_clear_object (&on_disk);
  on_disk = read_wall (fixture);
  g_assert_cmpuint (count_notes (on_disk), ==, DEMO_NOTES + 1);
  g_assert_nonnull (find_text (on_disk, "v"));
}

static TfInsightCsv *
parse (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  TfInsightCsv *csv = tf_insight_csv_parse (bytes, &error);

  g_assert_no_error (error);
  return csv;
}

/* The import preview writes nothing until Import; Import is one command. */
static void
test_wall_import (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char file[] =
    "quote,source,date,cluster,mood\r\n"
    "\"Le parapheur revient toujours le vendredi soir.\",collaborateur,2009-10-06,Outils,\r\n"
    "On découvre les dossiers dans la voiture.,élu,5/10,,\r\n"
    "\"Personne ne lit les notes de plus d'une page.\",service,,Outils,\r\n";
  TfBoardView *view = fixture->view;
  g_autoptr(TfScene) on_disk = NULL;
  GtkWidget *dialog;

  /* Cancel: nothing is written. */
  dialog = tf_insight_import_preview_new (view, "entretiens.csv", parse (file));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Import 2 Insights?");
  gtk_window_present (GTK_WINDOW (dialog));
  tf_gui_test_settle (100);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tf_gui_test_settle (100);
  on_disk = read_wall (fixture);
  g_assert_cmpuint (count_notes (on_disk), ==, DEMO_NOTES);

  /* Import: two notes in a new cluster "Outils"; the rejected line is left out. */
  dialog = tf_insight_import_preview_new (view, "entretiens.csv", parse (file));
  gtk_window_present (GTK_WINDOW (dialog));
  tf_gui_test_settle (100);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tf_gui_test_settle (100);
  g_clear_object (&on_disk);
  on_disk = read_wall (fixture);
  g_assert_cmpuint (count_notes (on_disk), ==, DEMO_NOTES + 2);
  g_assert_nonnull (find_text (on_disk, "Le parapheur revient toujours le vendredi soir."));
  g_assert_null (find_text (on_disk, "On découvre les dossiers dans la voiture."));
  g_assert_cmpint (find_text (on_disk, "Le parapheur revient toujours le vendredi soir.")->parent_id, !=, 0);

  /* One undo takes the whole import back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  tf_gui_test_settle (100);
  g_clear_object (&on_disk);
  on_disk = read_wall (fixture);
  g_assert_cmpuint (count_notes (on_disk), ==, DEMO_NOTES);
}

/* The message dialog the window shows next, within TIMEOUT_MS. */
static AdwMessageDialog *
wait_for_message (void)
{
  gboolean expired = FALSE;
  guint timeout = g_timeout_add (TIMEOUT_MS, tf_test_timed_out, &expired);
  AdwMessageDialog *found = NULL;

  while (found == NULL && !expired)
    {
      g_autoptr(GList) windows = NULL;

      g_main_context_iteration (NULL, TRUE);
      windows = gtk_window_list_toplevels ();
      for (GList *l = windows; l != NULL && found == NULL; l = l->next)
        if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
          found = l->data;
    }
  if (expired)
    g_error ("Timed out waiting for a message");
  g_source_remove (timeout);
  return found;
}

/* A device, a pipe nobody writes to, a folder or a table of too many rows is
 * refused with a message at once, not read forever; nothing is written. */
static void
test_wall_import_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-wall-import-XXXXXX", &error);
  g_autofree char *fifo = g_build_filename (dir, "pipe.csv", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.csv", NULL);
  g_autofree char *rows = g_build_filename (dir, "rows.csv", NULL);
  g_autoptr(GString) text = g_string_new ("quote\n");
  g_autoptr(TfScene) on_disk = NULL;
  const struct {
    const char *path;
    const char *says;
  } cases[] = {
    { "/dev/zero", "regular file" },
    { fifo, "regular file" },
    { folder, "folder" },
    { rows, "200000" },
  };

  g_assert_no_error (error);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; i <= TF_INSIGHT_CSV_MAX_ROWS; i++)
    g_string_append (text, "a\n");
  g_assert_true (g_file_set_contents (rows, text->str, text->len, &error));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].path);
      AdwMessageDialog *dialog;

      tf_insight_import_file (fixture->view, file);
      dialog = wait_for_message ();
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Import the File");
      if (strstr (adw_message_dialog_get_body (dialog), cases[i].says) == NULL)
        g_error ("%s: the message reads “%s”", cases[i].path, adw_message_dialog_get_body (dialog));
      gtk_window_destroy (GTK_WINDOW (dialog));
      tf_gui_test_settle (20);
    }

  on_disk = read_wall (fixture);
  g_assert_cmpuint (count_notes (on_disk), ==, DEMO_NOTES);
  g_unlink (fifo);
  g_unlink (rows);
  g_rmdir (folder);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Views jump instead of gliding: what the tests check happens at once. */
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;  /* no display: skipped */

  g_test_add ("/transfo/gui/wall/capture", Fixture, NULL,
              fixture_set_up, test_wall_capture, fixture_tear_down);
  g_test_add ("/transfo/gui/wall/move-into-zone", Fixture, NULL,
              fixture_set_up, test_wall_move_into_zone, fixture_tear_down);
  g_test_add ("/transfo/gui/wall/pan-zoom", Fixture, NULL,
              fixture_set_up, test_wall_pan_zoom, fixture_tear_down);
  g_test_add ("/transfo/gui/wall/clipboard", Fixture, NULL,
              fixture_set_up, test_wall_clipboard, fixture_tear_down);
  g_test_add ("/transfo/gui/wall/ranking", Fixture, NULL,
              fixture_set_up, test_wall_ranking, fixture_tear_down);
  g_test_add ("/transfo/gui/wall/import", Fixture, NULL,
              fixture_set_up, test_wall_import, fixture_tear_down);
  g_test_add ("/transfo/gui/wall/import-refused", Fixture, NULL,
              fixture_set_up, test_wall_import_refused, fixture_tear_down);

  return g_test_run ();
}
