/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-mockup-fit"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "canvas/tf-scene.h"
#include "gui/tf-board-page.h"
#include "gui/tf-board-panel.h"
#include "gui/tf-canvas-view.h"
#include "mockups/tf-mockup-kinds.h"
#include "tf-board-view-private.h"
#include "tf-mockup-test-util.h"
#include "tf-test-util.h"
#include "tf-window.h"

/* The demo's mockup board opened in a small window (TRANSFO_TEST_SIZE,
 * 800 × 600 in the suite), with animations on as in the application: its
 * photos fill the part of the window that neither the tool rail nor the
 * side panel takes, with the fit's margin, once the panel has slid open.
 * TRANSFO_TEST_SHOT: a screenshot's path, to look at. */

typedef TfMkFixture Fixture;

/* The side panel's width in a narrow window (tf-mockup-panel.c). */
#define PANEL_MIN_WIDTH 240

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tf_mk_test_start (fixture, "test-mockup-fit");
  tf_gui_test_settle (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_mk_test_stop (fixture);
}

/* The revealer holding the board type's side panel, below @root. */
static GtkRevealer *
panel_revealer (GtkWidget *root)
{
  if (GTK_IS_REVEALER (root) && gtk_revealer_get_child (GTK_REVEALER (root)) != NULL &&
      TF_IS_BOARD_PANEL (gtk_revealer_get_child (GTK_REVEALER (root))))
    return GTK_REVEALER (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkRevealer *found = panel_revealer (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
panel_open (gpointer data)
{
  Fixture *fixture = data;
  GtkRevealer *revealer = panel_revealer (GTK_WIDGET (fixture->window));

  return revealer != NULL && gtk_revealer_get_child_revealed (revealer) &&
         gtk_widget_get_width (GTK_WIDGET (revealer)) >= PANEL_MIN_WIDTH;
}

/* The board's photos whole in the view and filling it: the board's
 * extents fitted into the view with the fit's margin. @what: when. */
static void
assert_fitted (Fixture    *fixture,
               const char *what)
{
  TfScene *scene = tf_board_view_get_scene (fixture->view);
  TfRect photos = TF_RECT_INIT (0, 0, 0, 0), extents;
  double zoom, fit, margin, x0, y0, x1, y1;
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->view));

  for (guint i = 0; i < tf_scene_get_items (scene)->len; i++)
    {
      TfItem *item = g_ptr_array_index (tf_scene_get_items (scene), i);

      if (!item->hidden && tf_mk_photo_item_get (item) != NULL)
        photos = tf_rect_is_empty (&photos) ? item->bounds : tf_rect_union (&photos, &item->bounds);
    }
  g_assert_false (tf_rect_is_empty (&photos));
  extents = tf_scene_get_extents (scene);
  zoom = tf_board_view_get_zoom (fixture->view);
  tf_board_view_to_widget (fixture->view, photos.x, photos.y, &x0, &y0);
  tf_board_view_to_widget (fixture->view, photos.x + photos.width, photos.y + photos.height, &x1, &y1);
  g_test_message ("%s: view %d × %d, zoom %.3f, photos at (%.0f, %.0f)–(%.0f, %.0f)", what, width, height,
                  zoom, x0, y0, x1, y1);

  /* The bound: the board's extents fitted into that view with the fit's
   * margin (at most 48 pixels, a twentieth of the smaller side) — the
   * largest zoom showing all of it. 5 % below for rounding; opened at 9 %
   * (fitted to a view 248 pixels wide, before the panel took its width)
   * the zoom was 58 % of it. */
  margin = MIN (48.0, MIN (width, height) / 20.0);
  fit = MIN ((width - 2 * margin) / extents.width, (height - 2 * margin) / extents.height);
  g_assert_cmpfloat (zoom, >=, 0.95 * fit);
  g_assert_cmpfloat (zoom, <=, 1.05 * fit);
  /* Every photo whole in the view, clear of the rail (the view starts right
   * of it) and of the panel (the view ends left of it). */
  g_assert_cmpfloat (x0, >=, 0);
  g_assert_cmpfloat (y0, >=, 0);
  g_assert_cmpfloat (x1, <=, width);
  g_assert_cmpfloat (y1, <=, height);
  /* And filling it: across its width or its height, but the margins. */
  g_assert_true (x1 - x0 >= 0.9 * (width - 2 * margin) || y1 - y0 >= 0.9 * (height - 2 * margin));
}

static void
open_demo_board (Fixture *fixture)
{
  gint64 board = tf_gui_test_find_demo_board (fixture->archive_path, "mockup", NULL);

  g_assert_cmpint (board, >, 0);
  fixture->view = tf_gui_test_open_board_view (fixture->window, board);
  /* The side panel slides open beside the board (animations are on, as
   * in the application): wait for it, then for a frame. */
  tf_gui_test_wait_until (panel_open, fixture, "the side panel open");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  tf_gui_test_settle (100);
}

static void
test_open_fit (Fixture       *fixture,
               gconstpointer  data)
{
  const char *shot = g_getenv ("TRANSFO_TEST_SHOT");
  int width;

  open_demo_board (fixture);
  if (shot != NULL)
    tf_gui_test_shoot_screen (GTK_WIDGET (fixture->window), shot);
  width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  /* The view is what the rail and the side panel leave of 800 pixels
   * (when TRANSFO_TEST_SIZE says 800x600): most of it. */
  if (g_strcmp0 (g_getenv ("TRANSFO_TEST_SIZE"), "800x600") == 0)
    {
      g_assert_cmpint (width, <=, 800 - PANEL_MIN_WIDTH);
      g_assert_cmpint (width, >=, 800 * 55 / 100);
    }
  assert_fitted (fixture, "opened");
}

/* Nothing sliding: neither the archive beside the board nor the side
 * panel. */
static gboolean
layout_still (gpointer data)
{
  Fixture *fixture = data;
  GtkRevealer *revealer = panel_revealer (GTK_WIDGET (fixture->window));
  AdwLeaflet *leaflet = ADW_LEAFLET (tf_gui_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET));

  return revealer != NULL && gtk_revealer_get_child_revealed (revealer) == gtk_revealer_get_reveal_child (revealer) &&
         !adw_leaflet_get_child_transition_running (leaflet);
}

static gboolean
archive_shown (gpointer data)
{
  Fixture *fixture = data;

  return tf_window_get_show_archive (fixture->window) && layout_still (fixture);
}

static gboolean
archive_hidden (gpointer data)
{
  Fixture *fixture = data;

  return !tf_window_get_show_archive (fixture->window) && layout_still (fixture) &&
         gtk_widget_get_mapped (GTK_WIDGET (fixture->view));
}

static gboolean
window_wide (gpointer data)
{
  Fixture *fixture = data;

  /* Without a window manager, the window draws its own frame inside the
   * size it was given. */
  return gtk_widget_get_width (GTK_WIDGET (fixture->window)) >= 1200 - 12;
}

static gboolean
panel_closed (gpointer data)
{
  Fixture *fixture = data;
  GtkRevealer *revealer = panel_revealer (GTK_WIDGET (fixture->window));

  return revealer != NULL && !gtk_revealer_get_reveal_child (revealer) && layout_still (fixture);
}

static void
settle_drawn (Fixture *fixture)
{
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  tf_gui_test_settle (100);
}

/* A board fitted and untouched stays fitted through the window's own keys
 * and sizes, sent as a keyboard sends them (xdotool): Ctrl+F9 (the
 * archive beside the board, then folded away again), F9 (the side panel
 * hidden and shown) and the window resized. A pan ends that hold. */
static void
test_keys_keep_fit (Fixture       *fixture,
                    gconstpointer  data)
{
  double zoom, x, y;

  open_demo_board (fixture);
  assert_fitted (fixture, "opened");

  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "ctrl+F9");
  tf_gui_test_wait_until (archive_shown, fixture, "the archive shown");
  settle_drawn (fixture);
  /* Beside the board in a wide window; the page shown in a folded one. */
  if (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)))
    assert_fitted (fixture, "archive shown");
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "ctrl+F9");
  tf_gui_test_wait_until (archive_hidden, fixture, "the archive folded away");
  settle_drawn (fixture);
  assert_fitted (fixture, "archive folded away");

  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "F9");
  tf_gui_test_wait_until (panel_closed, fixture, "the side panel hidden");
  settle_drawn (fixture);
  assert_fitted (fixture, "side panel hidden");
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "F9");
  tf_gui_test_wait_until (panel_open, fixture, "the side panel open again");
  tf_gui_test_wait_until (layout_still, fixture, "the side panel still");
  settle_drawn (fixture);
  assert_fitted (fixture, "side panel shown");

  /* A wider window, the archive beside the board (unfolded). */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  tf_gui_test_wait_until (window_wide, fixture, "the window 1200 pixels wide");
  tf_gui_test_wait_until (layout_still, fixture, "the layout still");
  settle_drawn (fixture);
  assert_fitted (fixture, "wider window");
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "ctrl+F9");
  tf_gui_test_wait_until (archive_shown, fixture, "the archive shown beside the board");
  settle_drawn (fixture);
  if (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)))
    assert_fitted (fixture, "wider window, archive shown");

  /* The user's own pan: the board stays where it was put. */
  tf_canvas_view_set_origin (TF_CANVAS_VIEW (fixture->view), -500, -500);
  zoom = tf_board_view_get_zoom (fixture->view);
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "ctrl+F9");
  tf_gui_test_wait_until (archive_hidden, fixture, "the archive folded away again");
  settle_drawn (fixture);
  tf_canvas_view_get_origin (TF_CANVAS_VIEW (fixture->view), &x, &y);
  g_assert_cmpfloat (tf_board_view_get_zoom (fixture->view), ==, zoom);
  g_assert_cmpfloat (x, ==, -500);
  g_assert_cmpfloat (y, ==, -500);
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, TRUE))
    return 77;
  g_test_add ("/mockup-fit/open", Fixture, NULL, fixture_set_up, test_open_fit, fixture_tear_down);
  g_test_add ("/mockup-fit/window-keys", Fixture, NULL, fixture_set_up, test_keys_keep_fit, fixture_tear_down);
  return g_test_run ();
}
