/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "test-canvas-view"

#include <locale.h>
#include <math.h>

#include "canvas/tf-item-commands.h"
#include "tf-canvas-view.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* The display canvas on its own, as the projection mode and the export
 * preview will use it: no editor around it, no action, no input. It draws
 * the board (its pixels read back through the window's renderer), fits it,
 * zooms around a point, follows the scene and outlines search matches. */

#define GAP_X 185.0   /* between the two columns of notes */

typedef struct {
  TfTestBoard   board;
  GtkWidget    *window;
  TfCanvasView *canvas;
} Fixture;

static gboolean
deadline_passed (gint64 deadline)
{
  return g_get_monotonic_time () > deadline;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (TfNewItem));
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  tf_test_board_set_up (&f->board, "test-canvas-view", "Canvas", "insight-wall");
  /* Two columns of notes with a wide empty lane between them. */
  for (int i = 0; i < 8; i++)
    {
      TfNewItem item = { "note", TF_RECT_INIT ((i % 2) * 400.0, (i / 2) * 170.0, 150, 150),
                         "Seen from the back of the room", NULL, NULL, 0 };

      g_array_append_val (items, item);
    }
  tf_test_execute (f->board.history,
                   tf_command_add_items (f->board.board, (TfNewItem *) items->data, items->len, "Add"));
  g_assert_cmpuint (tf_scene_get_n_items (f->board.scene), ==, 8);

  f->canvas = TF_CANVAS_VIEW (tf_canvas_view_new ());
  tf_canvas_view_set_scene (f->canvas, f->board.scene);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 480, 360);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->canvas));
  gtk_window_present (GTK_WINDOW (f->window));
  while (!(gtk_widget_get_mapped (GTK_WIDGET (f->canvas)) &&
           gtk_widget_get_width (GTK_WIDGET (f->canvas)) > 0) && !deadline_passed (deadline))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->canvas)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  tf_test_board_tear_down (&f->board);
}

/* What the canvas shows now, through the window's own renderer. */
static cairo_surface_t *
frame (Fixture *f)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  cairo_surface_t *surface;

  /* What the widget draws in a frame, whether or not GTK asks for one now. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The pixel at a board point, with the frame drawn again (the tile cache
 * renders a few tiles a frame) until it is drawn and differs from
 * @differs_from, or the deadline passes. */
static guint32
pixel_at (Fixture *f,
          double   bx,
          double   by,
          guint32  differs_from)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  guint32 pixel;
  double x, y;

  tf_canvas_view_to_widget (f->canvas, bx, by, &x, &y);
  for (;;)
    {
      cairo_surface_t *surface = frame (f);

      pixel = tf_test_pixel (surface, (int) x, (int) y);
      cairo_surface_destroy (surface);
      /* Black is a tile not rendered yet: nothing on a board is. */
      if ((pixel != differs_from && pixel != 0) || deadline_passed (deadline))
        break;
      g_main_context_iteration (NULL, FALSE);
    }
  return pixel;
}

static void
assert_fits (Fixture *f)
{
  TfRect extents = tf_scene_get_extents (f->board.scene);
  double x0, y0, x1, y1;

  tf_canvas_view_to_widget (f->canvas, extents.x, extents.y, &x0, &y0);
  tf_canvas_view_to_widget (f->canvas, extents.x + extents.width, extents.y + extents.height, &x1, &y1);
  g_assert_cmpfloat (x0, >=, -0.5);
  g_assert_cmpfloat (y0, >=, -0.5);
  g_assert_cmpfloat (x1, <=, gtk_widget_get_width (GTK_WIDGET (f->canvas)) + 0.5);
  g_assert_cmpfloat (y1, <=, gtk_widget_get_height (GTK_WIDGET (f->canvas)) + 0.5);
  /* Fitted, not merely inside: one side of the board fills most of the view. */
  g_assert_true (x1 - x0 > gtk_widget_get_width (GTK_WIDGET (f->canvas)) * 0.6 ||
                 y1 - y0 > gtk_widget_get_height (GTK_WIDGET (f->canvas)) * 0.6);
}

static void
test_alone (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  /* A viewer: nothing to press, no action group, no focus. */
  g_assert_cmpuint (g_list_model_get_n_items (controllers), ==, 0);
  g_assert_false (gtk_widget_get_focusable (widget));
  g_assert_false (gtk_widget_activate_action (widget, "canvas.zoom-in", NULL));
  g_assert_false (gtk_widget_activate_action (widget, "canvas.select-all", NULL));
  g_assert_false (tf_canvas_view_get_empty (f->canvas));
  g_assert_true (tf_canvas_view_get_scene (f->canvas) == f->board.scene);
}

static void
test_draws (Fixture       *f,
            gconstpointer  data)
{
  guint32 note, lane, veiled;
  gint64 match;

  assert_fits (f);
  /* A note and the empty lane beside it: both drawn, not alike. */
  lane = pixel_at (f, GAP_X + 100, 75, 0);
  note = pixel_at (f, 75, 75, lane);
  g_test_message ("note #%06x, lane #%06x", note, lane);
  g_assert_cmpuint (note, !=, lane);
  g_assert_cmpuint (pixel_at (f, 475, 245, lane), ==, note);

  /* A search match stays as it is, the other notes go behind a veil. */
  match = ((TfItem *) g_ptr_array_index (tf_scene_get_items (f->board.scene), 0))->id;
  tf_canvas_view_set_highlights (f->canvas, &match, 1, match);
  veiled = pixel_at (f, 475, 245 + 170 * 2, note);
  g_assert_cmpuint (veiled, !=, note);
  tf_canvas_view_set_highlights (f->canvas, NULL, 0, 0);
  g_assert_cmpuint (pixel_at (f, 475, 245 + 170 * 2, veiled), ==, note);
}

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  guint notified = 0;
  double fitted = tf_canvas_view_get_zoom (f->canvas);
  double bx, by, bx2, by2, lane, note;

  g_signal_connect_swapped (f->canvas, "notify::zoom", G_CALLBACK (g_atomic_int_inc), &notified);

  /* Zooming at a point keeps the board point under it. */
  tf_canvas_view_to_board (f->canvas, 100, 80, &bx, &by);
  tf_canvas_view_zoom_at (f->canvas, fitted * 2, 100, 80);
  g_assert_cmpfloat_with_epsilon (tf_canvas_view_get_zoom (f->canvas), fitted * 2, 1e-9);
  g_assert_cmpuint (notified, ==, 1);
  tf_canvas_view_to_board (f->canvas, 100, 80, &bx2, &by2);
  g_assert_cmpfloat_with_epsilon (bx, bx2, 1e-6);
  g_assert_cmpfloat_with_epsilon (by, by2, 1e-6);

  /* The drawing follows: the note under the point, at the new zoom. */
  lane = pixel_at (f, GAP_X + 100, 75, 0);
  note = pixel_at (f, 75, 75, (guint32) lane);
  g_assert_cmpuint ((guint32) note, !=, (guint32) lane);

  /* Clamped both ways, and back to the whole board. */
  tf_canvas_view_set_zoom (f->canvas, 100.0);
  g_assert_cmpfloat (tf_canvas_view_get_zoom (f->canvas), ==, TF_CANVAS_VIEW_MAX_ZOOM);
  tf_canvas_view_set_zoom (f->canvas, 1e-9);
  g_assert_cmpfloat (tf_canvas_view_get_zoom (f->canvas), ==, tf_canvas_view_get_min_zoom (f->canvas));
  tf_canvas_view_fit_all (f->canvas, FALSE);
  g_assert_cmpfloat_with_epsilon (tf_canvas_view_get_zoom (f->canvas), fitted, 1e-9);
  assert_fits (f);

  /* A larger view fits again once allocated. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 960, 720);
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

    while (gtk_widget_get_width (widget) < 900 && !deadline_passed (deadline))
      g_main_context_iteration (NULL, TRUE);
  }
  tf_canvas_view_fit_all (f->canvas, FALSE);
  g_assert_cmpfloat (tf_canvas_view_get_zoom (f->canvas), >, fitted * 1.2);
  assert_fits (f);
}

/* The pixels of the widget rectangle (x, y, w, h) once drawn whole (no
 * black of a tile not rendered yet, no tile of another zoom), as bytes. */
static GBytes *
region_of (Fixture *f,
           int      x,
           int      y,
           int      w,
           int      h)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  for (;;)
    {
      cairo_surface_t *surface = frame (f);
      GByteArray *bytes = g_byte_array_new ();
      gboolean drawn = TRUE;

      for (int j = y; j < y + h; j++)
        for (int i = x; i < x + w; i++)
          {
            guint32 pixel = tf_test_pixel (surface, i, j);

            drawn = drawn && pixel != 0;
            g_byte_array_append (bytes, (const guint8 *) &pixel, sizeof pixel);
          }
      cairo_surface_destroy (surface);
      /* Every tile at the zoom there, none scaled from another. */
      if ((drawn && tf_canvas_view_get_drawn_whole (f->canvas)) || deadline_passed (deadline))
        return g_byte_array_free_to_bytes (bytes);
      g_byte_array_unref (bytes);
      g_main_context_iteration (NULL, FALSE);
    }
}

/* An item left out (a reveal's card not out yet) leaves the board as it
 * is without it: paper and dots, no edge or shadow of it. */
static void
test_left_out (Fixture       *f,
               gconstpointer  data)
{
  TfItem *first = g_ptr_array_index (tf_scene_get_items (f->board.scene), 0);
  double zoom, x0, y0, x1, y1;
  guint32 lane = pixel_at (f, GAP_X + 100, 75, 0);
  g_autoptr(GBytes) shown = NULL;
  g_autoptr(GBytes) left_out = NULL;
  g_autoptr(GBytes) gone = NULL;

  /* Close enough for a shadow of a few pixels. */
  tf_canvas_view_set_zoom (f->canvas, 1.5);
  tf_canvas_view_set_origin (f->canvas, -20, -20);
  zoom = tf_canvas_view_get_zoom (f->canvas);
  tf_canvas_view_to_widget (f->canvas, first->bounds.x - 12, first->bounds.y - 12, &x0, &y0);
  tf_canvas_view_to_widget (f->canvas, first->bounds.x + first->bounds.width + 12,
                            first->bounds.y + first->bounds.height + 12, &x1, &y1);
  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, gtk_widget_get_width (GTK_WIDGET (f->canvas)));
  y1 = MIN (y1, gtk_widget_get_height (GTK_WIDGET (f->canvas)));
  g_assert_cmpfloat (zoom, ==, 1.5);
  g_assert_cmpfloat (x1 - x0, >, 150 * 1.5);
  g_assert_cmpuint (pixel_at (f, 75, 75, lane), !=, lane);
  g_assert_cmpfloat (y1 - y0, >, 150 * 1.5);
  shown = region_of (f, x0, y0, x1 - x0, y1 - y0);

  tf_canvas_view_set_left_out (f->canvas, &first->id, 1);
  left_out = region_of (f, x0, y0, x1 - x0, y1 - y0);
  g_assert_false (g_bytes_equal (shown, left_out));
  /* The same pixels as with the note gone from there. */
  tf_canvas_view_set_left_out (f->canvas, NULL, 0);
  first->bounds.x += 5000;
  tf_scene_item_changed (f->board.scene, first);
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

    /* The tiles there made again without it. */
    for (;;)
      {
        g_clear_pointer (&gone, g_bytes_unref);
        gone = region_of (f, x0, y0, x1 - x0, y1 - y0);
        if (g_bytes_equal (gone, left_out) || deadline_passed (deadline))
          break;
        g_main_context_iteration (NULL, FALSE);
      }
  }
  g_assert_true (g_bytes_equal (left_out, gone));
  first->bounds.x -= 5000;
  tf_scene_item_changed (f->board.scene, first);

  /* Shown again. */
  g_assert_cmpuint (pixel_at (f, 75, 75, lane), !=, lane);
}

/* The scene changes under the canvas: it draws the change, and an empty
 * scene says so. */
static void
test_follows_scene (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TfScene) empty = tf_scene_new ();
  TfItem *first = g_ptr_array_index (tf_scene_get_items (f->board.scene), 0);
  guint32 lane = pixel_at (f, GAP_X + 100, 75, 0);
  guint32 note = pixel_at (f, 75, 75, lane);

  g_assert_cmpuint (note, !=, lane);
  first->bounds.x += GAP_X + 30;
  tf_scene_item_changed (f->board.scene, first);
  g_assert_cmpuint (pixel_at (f, GAP_X + 100, 75, lane), ==, note);

  tf_canvas_view_set_scene (f->canvas, empty);
  g_assert_true (tf_canvas_view_get_empty (f->canvas));
  first->bounds.x -= GAP_X + 30;
  tf_scene_item_changed (f->board.scene, first);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();
  g_test_log_set_fatal_handler (tf_test_fatal_log_handler, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      g_printerr ("Cannot open a display: run the GUI tests under Xvfb (xvfb-run).\n");
      return 77;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/transfo/gui/canvas-view/alone", Fixture, NULL,
              fixture_set_up, test_alone, fixture_tear_down);
  g_test_add ("/transfo/gui/canvas-view/draws", Fixture, NULL,
              fixture_set_up, test_draws, fixture_tear_down);
  g_test_add ("/transfo/gui/canvas-view/left-out", Fixture, NULL,
              fixture_set_up, test_left_out, fixture_tear_down);
  g_test_add ("/transfo/gui/canvas-view/zoom", Fixture, NULL,
              fixture_set_up, test_zoom, fixture_tear_down);
  g_test_add ("/transfo/gui/canvas-view/follows-scene", Fixture, NULL,
              fixture_set_up, test_follows_scene, fixture_tear_down);
  return g_test_run ();
}
