/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-board-keys"

#include <math.h>
#include <string.h>
#include <cairo.h>
#include <glib/gi18n.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-text-fit.h"
#include "core/tf-history.h"
#include "gui/mockups/tf-mockup-gui.h"
#include "mockups/tf-mockup-annotate.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-model.h"
#include "tf-board-page.h"
#include "tf-board-panel.h"
#include "tf-board-view-private.h"
#include "gui/insights/tf-insight-panel.h"
#include "insights/tf-insight.h"
#include "insights/tf-note-kind.h"
#include "tf-mockup-test-util.h"
#include "tf-window.h"

/* The keyboard's reach on a board, keys sent by the X server (xdotool):
 * Tab and Shift+Tab go through a mockup's items (the photo, then what is
 * on it, top to bottom, left to right) and past the last one leave the
 * board, Ctrl+Tab leaves at once; the wall goes note by note; the board
 * focused from the keyboard (F6) with nothing selected shows a frame in
 * the accent colour; "Aim the Tail" (Alt+Q) moves a bubble's tip with the
 * arrows, Enter keeps it (one undo step), Escape puts it back; an undo or
 * a redo keeps the selection.
 *
 * TF_SHOTS=DIR keeps screenshots (the focus frame, the tail aimed). */

typedef TfMkFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tf_mk_test_start (fixture, "test-board-keys");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_mk_test_stop (fixture);
}

static void
key (Fixture    *fixture,
     const char *name)
{
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), name);
}

static GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static gint64
selected (Fixture *fixture)
{
  g_autoptr(GArray) selection = tf_board_view_get_selection (fixture->view);

  return selection->len == 1 ? g_array_index (selection, gint64, 0) : 0;
}

/* A photo with, on it, a callout at its bottom left, a bubble pointing at
 * its top right and another callout at its top left: returns them in the
 * order Tab reads them (the photo first). */
static GArray *
board_with_items (Fixture *fixture)
{
  GArray *order = g_array_new (FALSE, FALSE, sizeof (gint64));
  const TfRect *p = &fixture->photo;
  gint64 low_left, top_left, bubble;

  tf_mk_test_new_board (fixture);
  tf_mk_test_add_photo (fixture, "bureau-accueil.png", 900, 600, 0.55, 0.62, 0.70);
  low_left = tf_gui_test_execute (fixture->view, tf_mk_command_add_callout (fixture->photo_id, p->x + 80,
                                                                          p->y + p->height - 80, "Guichet"));
  bubble = tf_gui_test_execute (fixture->view, tf_mk_command_add_bubble (fixture->photo_id, p->x + p->width - 200,
                                                                       p->y + p->height / 2, "Bonjour"));
  top_left = tf_gui_test_execute (fixture->view, tf_mk_command_add_callout (fixture->photo_id, p->x + 80,
                                                                          p->y + 60, "Accueil"));
  /* The bubble's body is above its tail, below the top callout's row. */
  {
    TfItem *b = tf_scene_lookup (tf_board_view_get_scene (fixture->view), bubble);
    TfItem *t = tf_scene_lookup (tf_board_view_get_scene (fixture->view), top_left);

    g_assert_nonnull (b);
    g_assert_nonnull (t);
    g_test_message ("top callout at %g, %g; bubble at %g, %g", t->bounds.x, t->bounds.y, b->bounds.x, b->bounds.y);
    g_assert_cmpfloat (b->bounds.y, >, t->bounds.y + t->bounds.height / 2);
  }
  g_array_append_val (order, fixture->photo_id);
  g_array_append_val (order, top_left);
  g_array_append_val (order, bubble);
  g_array_append_val (order, low_left);
  tf_board_view_select (fixture->view, NULL, 0);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_settle (20);
  return order;
}

static gboolean
view_focused (gpointer data)
{
  Fixture *fixture = data;

  return focus_of (fixture) == GTK_WIDGET (fixture->view);
}

static gboolean
view_visibly_focused (gpointer data)
{
  Fixture *fixture = data;

  return view_focused (fixture) && gtk_widget_has_visible_focus (GTK_WIDGET (fixture->view));
}

/* --- Tab through a mockup --- */

static void
test_tab_mockup (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GArray) order = board_with_items (fixture);
  GtkWidget *page;
  GtkWidget *focus;

  g_assert_true (view_focused (fixture));
  page = gtk_widget_get_ancestor (GTK_WIDGET (fixture->view), TF_TYPE_BOARD_PAGE);
  g_assert_nonnull (page);

  /* Tab: the photo, then what is on it in reading order, the keyboard on
   * the board all along. */
  for (guint i = 0; i < order->len; i++)
    {
      key (fixture, "Tab");
      g_test_message ("Tab %u: item %" G_GINT64_FORMAT, i + 1, selected (fixture));
      g_assert_cmpint (selected (fixture), ==, g_array_index (order, gint64, i));
      g_assert_true (view_focused (fixture));
    }
  /* Shift+Tab goes back one. */
  key (fixture, "shift+Tab");
  g_assert_cmpint (selected (fixture), ==, g_array_index (order, gint64, order->len - 2));
  key (fixture, "Tab");
  g_assert_cmpint (selected (fixture), ==, g_array_index (order, gint64, order->len - 1));

  /* Past the last item, Tab leaves the board for the side panel; the last
   * item stays selected (the panel shows it). */
  key (fixture, "Tab");
  focus = focus_of (fixture);
  g_test_message ("Tab past the last item: %s", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "none");
  g_assert_true (focus != NULL && focus != GTK_WIDGET (fixture->view));
  g_assert_true (gtk_widget_is_ancestor (focus, page));
  g_assert_nonnull (gtk_widget_get_ancestor (focus, TF_TYPE_BOARD_PANEL));
  g_assert_cmpint (selected (fixture), ==, g_array_index (order, gint64, order->len - 1));

  /* Back on the board, Tab starts again from the first item. */
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  key (fixture, "Tab");
  g_assert_cmpint (selected (fixture), ==, g_array_index (order, gint64, 0));

  /* Shift+Tab from the first item leaves the board backwards (to the
   * tool rail, at its left). */
  key (fixture, "shift+Tab");
  g_assert_false (view_focused (fixture));

  /* Ctrl+Tab leaves from anywhere, Ctrl+Shift+Tab too, the selection kept. */
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_board_view_select (fixture->view, &g_array_index (order, gint64, 1), 1);
  tf_gui_test_settle (20);
  key (fixture, "ctrl+Tab");
  focus = focus_of (fixture);
  g_test_message ("Ctrl+Tab from an item: %s", focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "none");
  g_assert_true (focus != NULL && focus != GTK_WIDGET (fixture->view));
  g_assert_nonnull (gtk_widget_get_ancestor (focus, TF_TYPE_BOARD_PANEL));
  g_assert_cmpint (selected (fixture), ==, g_array_index (order, gint64, 1));
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  key (fixture, "ctrl+shift+Tab");
  g_assert_false (view_focused (fixture));

  /* A placement's corners keep Tab while one is being moved (1 took it):
   * not on this board; the corner keys are tested in test-mockup-keys. */
}

/* --- Tab through a wall, note by note --- */

static void
test_tab_wall (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 wall = tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall", NULL);
  g_autoptr(GArray) order = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  TfBoardView *view;

  g_assert_cmpint (wall, >, 0);
  view = tf_gui_test_open_board_view (fixture->window, wall);
  fixture->view = view;
  order = tf_board_view_reading_order (view);
  g_assert_cmpuint (order->len, >=, 3);
  tf_board_view_select (view, NULL, 0);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  /* Every item once, in the order, then off the board. */
  for (guint i = 0; i < order->len; i++)
    {
      gint64 *id = &g_array_index (order, gint64, i);

      key (fixture, "Tab");
      g_assert_cmpint (selected (fixture), ==, *id);
      g_assert_true (g_hash_table_add (seen, id));
    }
  tf_gui_test_settle (20);
  key (fixture, "Tab");
  g_test_message ("Tab past the wall's last item (%u): %s", order->len,
                  focus_of (fixture) != NULL ? G_OBJECT_TYPE_NAME (focus_of (fixture)) : "none");
  g_assert_false (view_focused (fixture));
  /* A cluster comes before the notes it holds. */
  for (guint i = 0; i < order->len; i++)
    {
      TfItem *item = tf_scene_lookup (tf_board_view_get_scene (view), g_array_index (order, gint64, i));

      if (item->parent_id != 0 && g_hash_table_contains (seen, &item->parent_id))
        for (guint j = i; j < order->len; j++)
          g_assert_cmpint (g_array_index (order, gint64, j), !=, item->parent_id);
    }
}

/* --- The focus frame after F6 --- */

/* The view as drawn now, as an image surface. */
static cairo_surface_t *
view_shot (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "view.png", NULL);
  cairo_surface_t *surface;

  gtk_widget_queue_draw (GTK_WIDGET (fixture->view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->view));
  tf_gui_test_save_screenshot (GTK_WIDGET (fixture->view), path);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
shot_pixel (cairo_surface_t *surface,
            int              x,
            int              y)
{
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + x * 4)
         & 0xFFFFFF;
}

/* The view's pixel at (@x, @y), as drawn now. */
static guint32
view_pixel (Fixture *fixture,
            int      x,
            int      y)
{
  cairo_surface_t *surface = view_shot (fixture);
  guint32 pixel = shot_pixel (surface, x, y);

  cairo_surface_destroy (surface);
  return pixel;
}

/* The view drawn while its keyboard focus is visible. GTK hides the focus
 * 3 s after the last key (VISIBLE_FOCUS_DURATION in gtkwindow.c), and the
 * frame with it: on a busy machine the screenshots can come later than
 * that. So one screenshot holds every pixel read, and it counts only if the
 * focus was visible both before and after it was taken; otherwise F6 and
 * Shift+F6 come again (keys, as the user would) and it is taken again. */
static cairo_surface_t *
view_shot_focus_visible (Fixture *fixture)
{
  for (int attempt = 0; attempt < 5; attempt++)
    {
      cairo_surface_t *surface;
      gboolean before, after;

      if (!gtk_widget_has_visible_focus (GTK_WIDGET (fixture->view)))
        {
          g_test_message ("the focus was hidden (GTK's timeout): F6, Shift+F6 again");
          key (fixture, "F6");
          key (fixture, "shift+F6");
          g_assert_true (view_focused (fixture));
        }
      before = gtk_widget_has_visible_focus (GTK_WIDGET (fixture->view));
      surface = view_shot (fixture);
      after = gtk_widget_has_visible_focus (GTK_WIDGET (fixture->view));
      if (before && after)
        return surface;
      cairo_surface_destroy (surface);
    }
  g_error ("the board's focus never stayed visible through a screenshot");
  return NULL;
}

static gboolean
is_accent (guint32 pixel)
{
  int r = (pixel >> 16) & 0xFF, g = (pixel >> 8) & 0xFF, b = pixel & 0xFF;

  return ABS (r - 0x2A) <= 12 && ABS (g - 0x6F) <= 12 && ABS (b - 0x97) <= 12;
}

static void
test_focus_frame (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GArray) order = board_with_items (fixture);
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  guint32 pixel;

  /* F6 to the tool rail and Shift+F6 back: the board has the keyboard,
   * visibly, with nothing selected: the frame, 2 pixels inside its edge. */
  key (fixture, "F6");
  g_assert_false (view_focused (fixture));
  key (fixture, "shift+F6");
  /* Waited for: on a busy machine the focus can have moved while the
   * window has not yet shown it (seen under the sanitizers at a load of
   * 20: the focus there, not yet visible). */
  tf_gui_test_wait_until (view_visibly_focused, fixture, "the board focused, visibly");
  g_assert_cmpuint (tf_board_view_get_n_selected (fixture->view), ==, 0);
  /* Its size now (the keys may have laid the page out again). */
  tf_mk_test_view_drawn (fixture);
  width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  {
    cairo_surface_t *shot = view_shot_focus_visible (fixture);

    /* The size it was drawn at. */
    width = cairo_image_surface_get_width (shot);
    height = cairo_image_surface_get_height (shot);
    pixel = shot_pixel (shot, width - 2, height / 2);
    g_test_message ("right edge with the focus: %06x", pixel);
    g_assert_true (is_accent (pixel));
    g_assert_true (is_accent (shot_pixel (shot, width / 2, 1)));
    g_assert_true (is_accent (shot_pixel (shot, width / 2, height - 1)));
    /* Inside the frame, the board. */
    g_assert_false (is_accent (shot_pixel (shot, width - 6, height / 2)));
    cairo_surface_destroy (shot);
  }
  tf_mk_test_shoot (fixture, "focus-frame.png");

  /* Selected, the selection's outline says it: no frame. */
  key (fixture, "Tab");
  g_assert_cmpint (selected (fixture), ==, g_array_index (order, gint64, 0));
  pixel = view_pixel (fixture, width - 2, height / 2);
  g_test_message ("right edge with the photo selected: %06x", pixel);
  g_assert_false (is_accent (pixel));
  tf_mk_test_shoot (fixture, "focus-selected.png");

  /* The keyboard elsewhere: no frame either. */
  tf_board_view_select (fixture->view, NULL, 0);
  tf_gui_test_settle (20);
  key (fixture, "ctrl+Tab");
  g_test_message ("Ctrl+Tab, nothing selected: %s",
                  focus_of (fixture) != NULL ? G_OBJECT_TYPE_NAME (focus_of (fixture)) : "none");
  g_assert_false (view_focused (fixture));
  g_assert_false (is_accent (view_pixel (fixture, width - 2, height / 2)));
}

/* --- Aiming a bubble's tail with the keys --- */

static TfItem *
bubble_item (Fixture *fixture)
{
  return tf_mk_test_find_kind (fixture, TF_MK_BUBBLE_KIND);
}

static void
tail_of (Fixture *fixture,
         double  *x,
         double  *y)
{
  TfItem *item = bubble_item (fixture);
  const TfMkBubble *b;

  g_assert_nonnull (item);
  b = item->data;
  g_assert_nonnull (b);
  *x = item->bounds.x + b->tail_x;
  *y = item->bounds.y + b->tail_y;
}

static GtkWidget *
aim_hint (Fixture *fixture)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (fixture->view));

  for (GtkWidget *c = gtk_widget_get_first_child (overlay); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (gtk_widget_get_name (c), "aim-tail-hint") == 0)
      return c;
  return NULL;
}

static void
test_aim_tail (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GArray) order = board_with_items (fixture);
  TfHistory *history = tf_window_get_history (fixture->window);
  double x0, y0, x, y, ax, ay, zoom;
  gint64 bubble;

  bubble = bubble_item (fixture)->id;
  tf_board_view_select (fixture->view, &bubble, 1);
  tail_of (fixture, &x0, &y0);
  zoom = tf_board_view_get_zoom (fixture->view);

  /* Alt+Q: the arrows aim the tip, the hint line says the keys. */
  key (fixture, "alt+q");
  g_assert_true (tf_mockup_gui_get_aiming (fixture->view, &ax, &ay));
  g_assert_nonnull (aim_hint (fixture));
  g_assert_true (gtk_widget_get_visible (aim_hint (fixture)));
  key (fixture, "Right");
  key (fixture, "Right");
  key (fixture, "shift+Down");
  g_assert_true (tf_mockup_gui_get_aiming (fixture->view, &ax, &ay));
  g_assert_cmpfloat_with_epsilon (ax, x0 + 10 / zoom, 1e-6);
  g_assert_cmpfloat_with_epsilon (ay, y0 + 40 / zoom, 1e-6);
  /* Nothing stored while aiming; the selection did not move. */
  tail_of (fixture, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, x0, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, y0, 1e-6);
  g_assert_cmpint (selected (fixture), ==, bubble);
  tf_mk_test_shoot (fixture, "aim-tail.png");

  /* Escape puts it back. */
  key (fixture, "Escape");
  g_assert_false (tf_mockup_gui_get_aiming (fixture->view, NULL, NULL));
  g_assert_false (gtk_widget_get_visible (aim_hint (fixture)));
  tail_of (fixture, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, x0, 1e-6);
  g_assert_cmpint (selected (fixture), ==, bubble);

  /* Again, Enter keeps it: one undo step, named. */
  key (fixture, "alt+q");
  key (fixture, "Left");
  key (fixture, "Up");
  key (fixture, "Return");
  g_assert_false (tf_mockup_gui_get_aiming (fixture->view, NULL, NULL));
  tail_of (fixture, &x, &y);
  g_assert_cmpfloat (fabs (x - (x0 - 5 / zoom)), <, 0.5);
  g_assert_cmpfloat (fabs (y - (y0 - 5 / zoom)), <, 0.5);
  g_assert_cmpstr (tf_history_get_undo_label (history), ==, _("Point a speech bubble"));

  /* Ctrl+Z: the tail back, the bubble still selected. */
  key (fixture, "ctrl+z");
  tail_of (fixture, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, x0, 1e-3);
  g_assert_cmpfloat_with_epsilon (y, y0, 1e-3);
  g_assert_cmpint (selected (fixture), ==, bubble);

  /* The bubble's menu holds it too, with its key. */
  {
    GActionGroup *group = tf_board_view_lookup_actions (fixture->view, "mockup");

    g_assert_true (g_action_group_get_action_enabled (group, "aim-tail"));
    tf_board_view_select (fixture->view, &g_array_index (order, gint64, 0), 1);
    g_assert_false (g_action_group_get_action_enabled (group, "aim-tail"));
  }
}

/* --- An undo keeps the selection --- */

static void
test_undo_keeps (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GArray) order = board_with_items (fixture);
  gint64 callout = g_array_index (order, gint64, order->len - 1);
  TfScene *scene = tf_board_view_get_scene (fixture->view);
  double x0;

  /* Moved with the arrows, then Ctrl+Z: it goes back, still selected. */
  tf_board_view_select (fixture->view, &callout, 1);
  x0 = tf_scene_lookup (scene, callout)->bounds.x;
  key (fixture, "Right");
  g_assert_cmpfloat (tf_scene_lookup (scene, callout)->bounds.x, >, x0);
  key (fixture, "ctrl+z");
  g_assert_cmpfloat_with_epsilon (tf_scene_lookup (scene, callout)->bounds.x, x0, 1e-6);
  g_assert_cmpint (selected (fixture), ==, callout);
  /* Redone: still. */
  key (fixture, "ctrl+shift+z");
  g_assert_cmpfloat (tf_scene_lookup (scene, callout)->bounds.x, >, x0);
  g_assert_cmpint (selected (fixture), ==, callout);

  /* Deleted, then undone: back, and selected. */
  key (fixture, "Delete");
  g_assert_null (tf_scene_lookup (scene, callout));
  g_assert_cmpuint (tf_board_view_get_n_selected (fixture->view), ==, 0);
  key (fixture, "ctrl+z");
  g_assert_nonnull (tf_scene_lookup (scene, callout));
  g_assert_cmpint (selected (fixture), ==, callout);

  /* Another item selected, an undo of something else that it survives:
   * the step's item is selected (what changed); the redo of the delete
   * drops the callout and keeps nothing that is gone. */
  key (fixture, "ctrl+shift+z");
  g_assert_null (tf_scene_lookup (scene, callout));
  g_assert_cmpuint (tf_board_view_get_n_selected (fixture->view), ==, 0);
}

/* --- Escape clears and never leaves the board (#17) --- */

static GtkWidget *
find_with_class (GtkWidget  *root,
                 GType       type,
                 const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, type, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
view_mapped (gpointer data)
{
  Fixture *fixture = data;

  return gtk_widget_get_mapped (GTK_WIDGET (fixture->view));
}

static gboolean
widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
view_unmapped (gpointer data)
{
  return !view_mapped (data);
}

static guint
count_zones (Fixture *fixture)
{
  GPtrArray *items = tf_scene_get_items (tf_board_view_get_scene (fixture->view));
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    n += g_str_equal (((TfItem *) items->pdata[i])->kind_id, "zone");
  return n;
}

static void
test_escape_stays (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 wall = tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall", NULL);
  g_autoptr(GArray) order = NULL;
  GtkWidget *page, *panel, *swatch;
  gint64 two[2];
  guint zones;

  fixture->view = tf_gui_test_open_board_view (fixture->window, wall);
  order = tf_board_view_reading_order (fixture->view);
  for (guint i = 0, k = 0; i < order->len && k < 2; i++)
    {
      TfItem *item = tf_scene_lookup (tf_board_view_get_scene (fixture->view), g_array_index (order, gint64, i));

      if (g_str_equal (item->kind_id, "note"))
        two[k++] = item->id;
    }
  tf_board_view_select (fixture->view, two, 2);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_settle (20);

  /* Escape clears the selection; more Escapes stay on the board. */
  key (fixture, "Escape");
  g_assert_cmpuint (tf_board_view_get_n_selected (fixture->view), ==, 0);
  g_assert_true (view_mapped (fixture));
  key (fixture, "Escape");
  key (fixture, "Escape");
  tf_gui_test_settle (50);
  g_assert_true (view_mapped (fixture));
  g_assert_true (view_focused (fixture));

  /* A colour swatch clicked in the side panel: the keyboard comes back to
   * the board, where Ctrl+G then makes a cluster. */
  tf_board_view_select (fixture->view, two, 2);
  page = gtk_widget_get_ancestor (GTK_WIDGET (fixture->view), TF_TYPE_BOARD_PAGE);
  panel = find_with_class (page, TF_TYPE_BOARD_PANEL, NULL);
  g_assert_nonnull (panel);
  if (!gtk_widget_get_mapped (panel))
    gtk_widget_activate_action (page, "board.toggle-panel", NULL);
  tf_gui_test_wait_until (widget_mapped, panel, "the side panel");
  swatch = find_with_class (panel, GTK_TYPE_BUTTON, "swatch-sky");
  g_assert_nonnull (swatch);
  g_assert_true (gtk_widget_grab_focus (swatch));
  g_signal_emit_by_name (swatch, "clicked");
  tf_gui_test_settle (20);
  g_assert_true (view_focused (fixture));
  zones = count_zones (fixture);
  key (fixture, "ctrl+g");
  g_assert_cmpuint (count_zones (fixture), ==, zones + 1);

  /* Alt+Left leaves. */
  key (fixture, "alt+Left");
  tf_gui_test_wait_until (view_unmapped, fixture, "the board closed by Alt+Left");
}

/* --- Arrow nudges of the same selection are one undo step (#17) --- */

static void
test_nudges_merge (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GArray) order = board_with_items (fixture);
  gint64 callout = g_array_index (order, gint64, order->len - 1);
  TfScene *scene = tf_board_view_get_scene (fixture->view);
  double x0, y0;

  tf_board_view_select (fixture->view, &callout, 1);
  x0 = tf_scene_lookup (scene, callout)->bounds.x;
  y0 = tf_scene_lookup (scene, callout)->bounds.y;
  key (fixture, "Right");
  key (fixture, "Right");
  key (fixture, "Down");
  g_assert_cmpfloat (tf_scene_lookup (scene, callout)->bounds.x, >, x0);
  g_assert_cmpfloat (tf_scene_lookup (scene, callout)->bounds.y, >, y0);
  /* One Ctrl+Z takes back all three. */
  key (fixture, "ctrl+z");
  g_assert_cmpfloat_with_epsilon (tf_scene_lookup (scene, callout)->bounds.x, x0, 1e-6);
  g_assert_cmpfloat_with_epsilon (tf_scene_lookup (scene, callout)->bounds.y, y0, 1e-6);
}

/* --- New notes fill the view in rows, in the default colour (#17) --- */

static gboolean
not_editing (gpointer data)
{
  Fixture *fixture = data;

  return !tf_board_view_get_editing (fixture->view);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = (*(TfItem * const *) a)->id, y = (*(TfItem * const *) b)->id;

  return x < y ? -1 : x > y;
}

static void
collect_buttons (GtkWidget *root,
                 GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        g_ptr_array_add (found, child);
      collect_buttons (child, found);
    }
}

static void
test_new_notes_fill_view (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 wall = tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall", NULL);
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) written = g_ptr_array_new ();
  TfScene *scene;
  GPtrArray *items;
  gint64 first_note = 0;
  double vx0, vy0, vx1, vy1;
  guint rows = 1, in_view = 0;
  const guint count = 24;

  fixture->view = tf_gui_test_open_board_view (fixture->window, wall);
  scene = tf_board_view_get_scene (fixture->view);
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      g_hash_table_add (before, g_memdup2 (&item->id, sizeof item->id));
      if (first_note == 0 && g_str_equal (item->kind_id, "note"))
        first_note = item->id;
    }
  g_assert_cmpint (first_note, !=, 0);
  /* A note coloured sky: the notes written next keep the default colour. */
  tf_board_view_select (fixture->view, &first_note, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "wall.set-color", "s", "sky"));
  tf_board_view_select (fixture->view, NULL, 0);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_wait_until (view_focused, fixture, "the board focused");
  fixture->view->pointer_inside = FALSE;
  tf_board_view_to_board (fixture->view, 0, 0, &vx0, &vy0);
  tf_board_view_to_board (fixture->view, gtk_widget_get_width (GTK_WIDGET (fixture->view)),
                          gtk_widget_get_height (GTK_WIDGET (fixture->view)), &vx1, &vy1);

  /* Notes said one after the other: a letter starts each, Enter the next. */
  for (guint i = 0; i < count; i++)
    {
      key (fixture, "n");
      key (fixture, "Return");
    }
  key (fixture, "Escape");
  tf_gui_test_wait_until (not_editing, fixture, "the series ended");

  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (!g_hash_table_contains (before, &item->id))
        g_ptr_array_add (written, item);
    }
  g_ptr_array_sort (written, compare_ids);
  for (guint i = 0; i < written->len; i++)
    g_test_message ("written: %s “%s” at %g, %g", ((TfItem *) written->pdata[i])->kind_id,
                    ((TfItem *) written->pdata[i])->text, ((TfItem *) written->pdata[i])->bounds.x,
                    ((TfItem *) written->pdata[i])->bounds.y);
  g_assert_cmpuint (written->len, ==, count);
  for (guint i = 0; i < written->len; i++)
    {
      TfItem *item = g_ptr_array_index (written, i);
      const TfNoteData *note = item->data;

      g_assert_cmpstr (note->color_id, ==, tf_note_color_default ()->id);
      /* Rows as wide as the view, never one endless row. */
      g_assert_cmpfloat (item->bounds.x, >=, vx0);
      g_assert_cmpfloat (item->bounds.x + item->bounds.width, <=, vx1);
      if (item->bounds.x >= vx0 && item->bounds.y >= vy0 && item->bounds.x + item->bounds.width <= vx1 &&
          item->bounds.y + item->bounds.height <= vy1)
        in_view++;
      /* Never on another item. */
      for (guint j = 0; j < items->len; j++)
        {
          TfItem *other = g_ptr_array_index (items, j);

          if (other != item && !other->hidden && tf_rect_intersects (&item->bounds, &other->bounds))
            g_error ("note %u written on item %" G_GINT64_FORMAT " (%s)", i, other->id, other->kind_id);
        }
      if (i > 0)
        {
          TfItem *previous = g_ptr_array_index (written, i - 1);

          /* In rows: on along the row, or down to a new one. */
          if (item->bounds.y > previous->bounds.y + 1)
            rows++;
          else
            g_assert_cmpfloat (item->bounds.x, >, previous->bounds.x);
        }
    }
  g_test_message ("%u notes written, %u in the view they were said in, on %u rows", written->len, in_view, rows);
  /* The first ones where the user looked, and no endless row. */
  g_assert_true (tf_rect_contains_point (&TF_RECT_INIT (vx0, vy0, vx1 - vx0, vy1 - vy0),
                                         ((TfItem *) written->pdata[0])->bounds.x,
                                         ((TfItem *) written->pdata[0])->bounds.y));
  g_assert_cmpuint (in_view, >=, 1);
  g_assert_cmpuint (rows, >=, 2);

  /* With nothing selected, the side panel offers the colour of new notes:
   * a swatch the keyboard reaches; pressed, it is marked and the next note
   * is written in it. */
  {
    GtkWidget *panel = tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_INSIGHT_PANEL);
    GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_ancestor (panel, GTK_TYPE_REVEALER));
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *sky = NULL;
    TfItem *last = NULL;
    gint64 newest = 0;

    tf_board_view_select (fixture->view, NULL, 0);
    if (!gtk_revealer_get_reveal_child (revealer))
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "board.toggle-panel", NULL));
    tf_gui_test_settle (100);
    collect_buttons (panel, buttons);
    for (guint i = 0; i < buttons->len && sky == NULL; i++)
      {
        GtkWidget *button = g_ptr_array_index (buttons, i);
        const char *tip = gtk_widget_get_tooltip_text (button);

        if (tip != NULL && g_str_has_prefix (tip, "New notes in") && gtk_widget_get_mapped (button) &&
            g_strcmp0 (g_object_get_data (G_OBJECT (button), "color-id"), "sky") == 0)
          sky = button;
      }
    g_assert_nonnull (sky);
    g_assert_true (gtk_widget_grab_focus (sky));
    g_assert_true (gtk_widget_has_focus (sky));
    g_signal_emit_by_name (sky, "clicked");
    g_assert_cmpstr (fixture->view->capture_color, ==, "sky");
    g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (sky)), ==, "object-select-symbolic");
    gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
    tf_gui_test_wait_until (view_focused, fixture, "the board focused");
    key (fixture, "n");
    key (fixture, "Escape");
    tf_gui_test_wait_until (not_editing, fixture, "the note written");
    items = tf_scene_get_items (scene);
    for (guint i = 0; i < items->len; i++)
      if (((TfItem *) g_ptr_array_index (items, i))->id > newest)
        {
          last = g_ptr_array_index (items, i);
          newest = last->id;
        }
    g_assert_nonnull (last);
    g_assert_cmpstr (last->kind_id, ==, "note");
    g_assert_cmpstr (((const TfNoteData *) last->data)->color_id, ==, "sky");
  }
}

/* --- Fit to Text, and notes that grow as a long quote is typed (#17) --- */

static const char long_quote[] =
  "Le matin, les élèves arrivent par le car de 6 h 40 et attendent devant la grille fermée jusqu’à "
  "7 h 30 ; personne ne sait qui doit ouvrir, alors on fait comme on peut : le surveillant passe par "
  "derrière, les agents d’entretien laissent la porte de la cantine entrouverte, et quand il pleut "
  "tout le monde se serre sous l’auvent du gymnase. On en a parlé au conseil deux fois, et rien ne "
  "change vraiment.";

/* Whether @id's quote is cut on its note as it is in the scene. */
static gboolean
quote_cut (Fixture *fixture,
           gint64   id)
{
  TfItem *item = tf_scene_lookup (tf_board_view_get_scene (fixture->view), id);
  PangoContext *pango = tf_text_context_new ();
  gboolean cut = TRUE;

  g_assert_nonnull (item);
  item->kind->text_size (item, pango, 0, &cut);
  g_object_unref (pango);
  return cut;
}

static double
archive_width (Fixture *fixture,
               gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT CAST (width AS INTEGER) FROM items WHERE id = %" G_GINT64_FORMAT, id);

  return (double) tf_gui_test_archive_int (fixture->archive_path, sql);
}

/* No note of the board on @id's. */
static void
assert_hides_nothing (Fixture *fixture,
                      gint64   id)
{
  TfScene *scene = tf_board_view_get_scene (fixture->view);
  TfItem *item = tf_scene_lookup (scene, id);
  GPtrArray *items = tf_scene_get_items (scene);

  for (guint j = 0; j < items->len; j++)
    {
      TfItem *other = g_ptr_array_index (items, j);

      if (other != item && !other->hidden && g_str_equal (other->kind_id, "note") &&
          tf_rect_intersects (&item->bounds, &other->bounds))
        g_error ("note %" G_GINT64_FORMAT " on note %" G_GINT64_FORMAT, id, other->id);
    }
}

static gboolean
editing (gpointer data)
{
  return tf_board_view_get_editing (((Fixture *) data)->view);
}

static gboolean
editor_inside (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *view = GTK_WIDGET (fixture->view);
  graphene_rect_t r;

  if (!gtk_widget_get_visible (fixture->view->editor) ||
      !gtk_widget_compute_bounds (fixture->view->editor, view, &r))
    return FALSE;
  return r.size.width > 0 && r.origin.x >= 0 && r.origin.y >= 0 &&
         r.origin.x + r.size.width <= gtk_widget_get_width (view) &&
         r.origin.y + r.size.height <= gtk_widget_get_height (view);
}

static void
test_fit_text (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 wall = tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall", NULL);
  TfScene *scene;
  TfRect extents;
  gint64 ids[3], written;
  guint notes;

  fixture->view = tf_gui_test_open_board_view (fixture->window, wall);
  scene = tf_board_view_get_scene (fixture->view);
  extents = tf_scene_get_extents (scene);
  /* Beyond the wall: the long quote on a Medium note, a note just right of
   * it, and a short quote on a Large one. */
  {
    double x = extents.x + extents.width + 400, y = extents.y;
    TfNewItem items[] = {
      { "note", TF_RECT_INIT (x, y, 200, 200), long_quote, "{\"color\":\"yellow\"}", NULL, 0 },
      { "note", TF_RECT_INIT (x + 220, y, 200, 200), "Le car passe trop tôt.", "{\"color\":\"sky\"}", NULL, 0 },
      { "note", TF_RECT_INIT (x, y + 400, 280, 280), "Personne n’ouvre.", "{\"color\":\"yellow\"}", NULL, 0 },
    };
    g_autoptr(TfCommand) add = tf_command_add_items (wall, items, G_N_ELEMENTS (items), "Add");
    const gint64 *added;
    guint n = 0;

    g_assert_true (tf_board_view_execute (fixture->view, add));
    added = tf_item_command_get_ids (add, &n);
    g_assert_cmpuint (n, ==, 3);
    memcpy (ids, added, sizeof ids);
  }
  g_assert_true (quote_cut (fixture, ids[0]));

  /* Ctrl+T on the long quote and the short one: one undo step. */
  tf_board_view_select (fixture->view, (gint64[]) { ids[0], ids[2] }, 2);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_wait_until (view_focused, fixture, "the board focused");
  key (fixture, "ctrl+t");
  g_test_message ("fitted: %g and %g", archive_width (fixture, ids[0]), archive_width (fixture, ids[2]));
  g_assert_cmpfloat (archive_width (fixture, ids[0]), >, 200);
  g_assert_cmpfloat (archive_width (fixture, ids[0]), <=, 400);
  g_assert_false (quote_cut (fixture, ids[0]));
  /* A short quote goes back to a Medium note. */
  g_assert_cmpfloat (archive_width (fixture, ids[2]), ==, 200);
  assert_hides_nothing (fixture, ids[0]);
  assert_hides_nothing (fixture, ids[2]);
  g_assert_cmpstr (tf_history_get_undo_label (fixture->view->history), ==, _("Fit to Text"));
  key (fixture, "ctrl+z");
  g_assert_cmpfloat (archive_width (fixture, ids[0]), ==, 200);
  g_assert_cmpfloat (archive_width (fixture, ids[2]), ==, 280);

  /* A long quote typed on a new note: the note grows as it is written
   * (from a letter typed, the rest as if pasted into the editor), then is
   * one undo step with its text, and hides nothing. */
  tf_board_view_select (fixture->view, NULL, 0);
  fixture->view->pointer_inside = FALSE;
  notes = (guint) tf_gui_test_archive_int (fixture->archive_path, "SELECT count(*) FROM items WHERE kind = 'note'");
  key (fixture, "L");
  tf_gui_test_wait_until (editing, fixture, "the editor open");
  g_assert_cmpfloat (fixture->view->editing_bounds.width, ==, 200);
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (fixture->view->editor_text), long_quote + 1, -1);
  g_assert_cmpfloat (fixture->view->editing_bounds.width, >, 200);
  g_assert_cmpfloat (fixture->view->editing_bounds.width, ==, fixture->view->editing_bounds.height);
  /* However far down the note grows, the editor stays in the view: the
   * line being typed is in sight. */
  tf_gui_test_wait_until (editor_inside, fixture, "the editor inside the view");
  key (fixture, "Escape");
  tf_gui_test_wait_until (not_editing, fixture, "the note written");
  written = tf_gui_test_archive_int (fixture->archive_path, "SELECT max(id) FROM items WHERE kind = 'note'");
  g_test_message ("typed note: %g wide", archive_width (fixture, written));
  g_assert_cmpfloat (archive_width (fixture, written), >, 200);
  g_assert_false (quote_cut (fixture, written));
  assert_hides_nothing (fixture, written);
  key (fixture, "ctrl+z");
  g_assert_cmpint (tf_gui_test_archive_int (fixture->archive_path, "SELECT count(*) FROM items WHERE kind = 'note'"),
                   ==, notes);
}

/* --- A selection built from the keyboard (#17) --- */

static guint
votes_of (Fixture *fixture,
          gint64   id)
{
  TfItem *item = tf_scene_lookup (tf_board_view_get_scene (fixture->view), id);
  const TfNoteData *note = item != NULL ? item->data : NULL;

  return note != NULL ? note->votes : 0;
}

static const char *
view_name (Fixture *fixture)
{
  return fixture->view->a11y_name != NULL ? fixture->view->a11y_name : "";
}

static void
test_shift_space (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 wall = tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall", NULL);
  g_autoptr(GArray) order = NULL;
  TfScene *scene;
  gint64 a = 0, b = 0, c = 0, skipped = 0, cluster;
  guint votes_a, votes_b, votes_c, votes_skipped, zones;

  fixture->view = tf_gui_test_open_board_view (fixture->window, wall);
  scene = tf_board_view_get_scene (fixture->view);
  order = tf_board_view_reading_order (fixture->view);
  /* Four notes one after the other in reading order. */
  for (guint i = 0; i + 3 < order->len && a == 0; i++)
    {
      gboolean notes = TRUE;

      for (guint k = 0; k < 4; k++)
        notes = notes && g_str_equal (tf_scene_lookup (scene, g_array_index (order, gint64, i + k))->kind_id,
                                      "note");
      if (notes)
        {
          a = g_array_index (order, gint64, i);
          b = g_array_index (order, gint64, i + 1);
          skipped = g_array_index (order, gint64, i + 2);
          c = g_array_index (order, gint64, i + 3);
        }
    }
  g_assert_cmpint (a, !=, 0);
  tf_board_view_select (fixture->view, &a, 1);   /* where Tab would be */
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_wait_until (view_focused, fixture, "the board focused");

  /* Shift+Space keeps the first, Tab moves on without losing it. */
  key (fixture, "shift+space");
  key (fixture, "Tab");
  key (fixture, "shift+space");
  key (fixture, "Tab");
  g_assert_cmpuint (tf_board_view_get_n_selected (fixture->view), ==, 2);
  g_test_message ("on the third: %s", view_name (fixture));
  g_assert_nonnull (strstr (view_name (fixture), "not selected"));
  key (fixture, "Tab");
  key (fixture, "shift+space");
  g_assert_cmpuint (tf_board_view_get_n_selected (fixture->view), ==, 3);
  g_assert_true (tf_board_view_is_selected (fixture->view, a));
  g_assert_true (tf_board_view_is_selected (fixture->view, b));
  g_assert_true (tf_board_view_is_selected (fixture->view, c));
  g_assert_false (tf_board_view_is_selected (fixture->view, skipped));
  g_assert_nonnull (strstr (view_name (fixture), "3 selected"));
  /* Back to the one skipped: in, and out again. */
  key (fixture, "shift+Tab");
  key (fixture, "shift+space");
  g_assert_true (tf_board_view_is_selected (fixture->view, skipped));
  key (fixture, "shift+space");
  g_assert_false (tf_board_view_is_selected (fixture->view, skipped));
  g_assert_cmpuint (tf_board_view_get_n_selected (fixture->view), ==, 3);

  /* A vote for each of the three, none for the other. */
  votes_a = votes_of (fixture, a);
  votes_b = votes_of (fixture, b);
  votes_c = votes_of (fixture, c);
  votes_skipped = votes_of (fixture, skipped);
  key (fixture, "v");
  g_assert_cmpuint (votes_of (fixture, a), ==, votes_a + 1);
  g_assert_cmpuint (votes_of (fixture, b), ==, votes_b + 1);
  g_assert_cmpuint (votes_of (fixture, c), ==, votes_c + 1);
  g_assert_cmpuint (votes_of (fixture, skipped), ==, votes_skipped);

  /* Ctrl+G: a cluster of the three. */
  zones = count_zones (fixture);
  key (fixture, "ctrl+g");
  g_assert_cmpuint (count_zones (fixture), ==, zones + 1);
  cluster = tf_scene_lookup (scene, a)->parent_id;
  g_assert_cmpint (cluster, !=, 0);
  g_assert_cmpint (tf_scene_lookup (scene, b)->parent_id, ==, cluster);
  g_assert_cmpint (tf_scene_lookup (scene, c)->parent_id, ==, cluster);
  g_assert_cmpint (tf_scene_lookup (scene, skipped)->parent_id, !=, cluster);
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  g_test_add ("/board-keys/tab-mockup", Fixture, NULL, fixture_set_up, test_tab_mockup, fixture_tear_down);
  g_test_add ("/board-keys/tab-wall", Fixture, NULL, fixture_set_up, test_tab_wall, fixture_tear_down);
  g_test_add ("/board-keys/focus-frame", Fixture, NULL, fixture_set_up, test_focus_frame, fixture_tear_down);
  g_test_add ("/board-keys/aim-tail", Fixture, NULL, fixture_set_up, test_aim_tail, fixture_tear_down);
  g_test_add ("/board-keys/undo-keeps", Fixture, NULL, fixture_set_up, test_undo_keeps, fixture_tear_down);
  g_test_add ("/board-keys/escape-stays", Fixture, NULL, fixture_set_up, test_escape_stays, fixture_tear_down);
  g_test_add ("/board-keys/nudges-merge", Fixture, NULL, fixture_set_up, test_nudges_merge, fixture_tear_down);
  g_test_add ("/board-keys/shift-space", Fixture, NULL, fixture_set_up, test_shift_space, fixture_tear_down);
  g_test_add ("/board-keys/fit-text", Fixture, NULL, fixture_set_up, test_fit_text, fixture_tear_down);
  g_test_add ("/board-keys/new-notes-fill-view", Fixture, NULL, fixture_set_up, test_new_notes_fill_view,
              fixture_tear_down);
  return g_test_run ();
}
