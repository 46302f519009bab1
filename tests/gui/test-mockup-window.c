/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-mockup-window"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "core/tf-archive.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-history.h"
#include "core/tf-stamp-rows.h"
#include "exports/tf-export.h"
#include "exports/tf-export-source.h"
#include "gui/mockups/tf-mockup-gui.h"
#include "gui/mockups/tf-mockup-panel.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-model.h"
#include "tf-board-view-private.h"
#include "tf-mockup-test-util.h"
#include "tf-test-util.h"
#include "tf-window.h"

/* A photo-mockup made in the real window through the ways a user's hands
 * take, each read back from the archive:
 *
 * /mockup-window/place-and-callout: a PNG photo dropped on the board (the
 * "drop" of the view's own GtkDropTarget, with the GdkFileList a file
 * manager's drag hands over), an image dropped on it with the placement
 * tool, its four corners dragged with the pointer (xdotool on the mapped X
 * window: press, moves, release through the view's gesture), a corner
 * pulled inwards refused, a numbered callout clicked with the pointer and
 * its legend typed in its field (the select tool back after it); a second
 * callout left empty with one Escape typed: gone, no undo step left, and
 * the next one is number 2; a blur region dragged with the pointer, its
 * bounds read back from the archive; the photo's menu from the keyboard
 * (Shift+F10, Menu) and Escape out of it; then the board's PDF read back
 * with Poppler: the callout's number and its legend beside the photo in
 * the text, the placed image's red where its corners put it.
 *
 * /mockup-window/inputs: Ctrl+V typed (xdotool) with the clipboard holding
 * a file list, then an image; "Add Photo…" clicked and a file chosen in
 * its dialog; a damaged PNG dropped: one clear message in the window, the
 * board unchanged, the window still working; then Ctrl+V with another X
 * client (xclip) owning the clipboard: a camera's JPEG (stored without
 * its EXIF) and a file copied by a file manager (gnome-copied-files).
 *
 * No sleeps: every wait is for a condition, under a deadline.
 * TRANSFO_TEST_SIZE=800x600 sets the window's size, TRANSFO_TEST_SHOT a
 * screenshot's path (for looking at it by hand). */

#define LEGEND "Accueil sans rendez-vous"

typedef TfMkFixture Fixture;

static gboolean
n_photos_are (Fixture *fixture,
              gpointer data)
{
  return tf_mk_test_count_kind (fixture, TF_MK_PHOTO_KIND) == GPOINTER_TO_UINT (data) &&
         tf_mockup_gui_get_n_pending (fixture->view) == 0;
}

static gboolean
callout_says (Fixture *fixture,
              gpointer data)
{
  TfItem *item = tf_mk_test_find_kind (fixture, TF_MK_CALLOUT_KIND);

  return item != NULL && g_strcmp0 (item->text, data) == 0;
}

static gboolean
corners_are (Fixture *fixture,
             gpointer data)
{
  const TfQuad *want = data;
  TfItem *item = tf_mk_test_find_kind (fixture, TF_MK_PLACE_KIND);
  TfQuad quad;

  if (item == NULL || !tf_mk_place_item_quad (item, &quad))
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (fabs (quad.p[i].x - want->p[i].x) > 0.01 || fabs (quad.p[i].y - want->p[i].y) > 0.01)
      return FALSE;
  return TRUE;
}

/* --- The real ways in --- */

/* The GtkDropTarget the mockup's GUI put on the view. */
static GtkDropTarget *
drop_target (TfBoardView *view)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* @file dropped at board point (@bx, @by) as a file manager drops it: a
 * GdkFileList, the format the view's drop target asks for first. */
static void
drop_file (Fixture *fixture,
           GFile   *file,
           double   bx,
           double   by)
{
  GtkDropTarget *target = drop_target (fixture->view);
  GValue value = G_VALUE_INIT;
  GSList *files = g_slist_prepend (NULL, file);
  gboolean taken = FALSE;
  double x, y;

  g_assert_nonnull (target);
  g_assert_true (gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (target), GDK_TYPE_FILE_LIST));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);
  tf_board_view_to_widget (fixture->view, bx, by, &x, &y);
  g_signal_emit_by_name (target, "drop", &value, x, y, &taken);
  g_value_unset (&value);
  g_assert_true (taken);
}

/* xdotool drives the X server's pointer and keyboard: the events reach the
 * window as a user's do. FALSE (the test skips) without X11 or xdotool. */
static gboolean
can_drive (Fixture *fixture)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (fixture->window)));
}

static void
xdotool (const char *arguments)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", arguments);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* A press at board point (@bx, @by), moves by (@dx, @dy) window pixels in
 * four steps, a release: the view's gestures see a drag. The actual
 * offset, in widget pixels, is returned in @ox, @oy. */
static void
pointer_drag (Fixture *fixture,
              double   bx,
              double   by,
              int      dx,
              int      dy,
              double  *ox,
              double  *oy)
{
  gulong xid = tf_mk_test_window_xid (fixture);
  g_autoptr(GString) args = g_string_new (NULL);
  double x, y;
  int wx, wy;

  tf_mk_test_view_drawn (fixture);
  tf_board_view_to_widget (fixture->view, bx, by, &x, &y);
  tf_mk_test_to_window (fixture, x, y, &wx, &wy);
  g_string_append_printf (args, "mousemove --sync --window %lu %d %d mousedown 1", xid, wx, wy);
  for (int step = 1; step <= 4; step++)
    g_string_append_printf (args, " mousemove --sync --window %lu %d %d", xid, wx + dx * step / 4, wy + dy * step / 4);
  g_string_append (args, " mouseup 1");
  xdotool (args->str);
  *ox = dx;
  *oy = dy;
}

static void
pointer_click (Fixture *fixture,
               double   bx,
               double   by)
{
  g_autofree char *args = NULL;
  double x, y;
  int wx, wy;

  tf_mk_test_view_drawn (fixture);
  tf_board_view_to_widget (fixture->view, bx, by, &x, &y);
  tf_mk_test_to_window (fixture, x, y, &wx, &wy);
  args = g_strdup_printf ("mousemove --sync --window %lu %d %d click 1", tf_mk_test_window_xid (fixture), wx, wy);
  xdotool (args);
}

/* Ctrl+V typed on the keyboard, the view having the focus. */
static void
type_paste (Fixture *fixture)
{
  g_autofree char *focus = g_strdup_printf ("windowfocus --sync %lu", tf_mk_test_window_xid (fixture));

  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_mk_test_view_drawn (fixture);
  xdotool (focus);
  xdotool ("key --clearmodifiers ctrl+v");
}

static gboolean
popover_entry_shown (Fixture *fixture,
                     gpointer data)
{
  GtkWidget *popover = tf_gui_test_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_POPOVER);

  return popover != NULL && gtk_widget_get_visible (popover) &&
         tf_gui_test_find_widget (popover, GTK_TYPE_ENTRY) != NULL;
}

static gboolean
popover_gone (Fixture *fixture,
              gpointer data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return FALSE;
  return gtk_widget_has_focus (GTK_WIDGET (fixture->view));
}

/* The menu a secondary click opens, shown on the view. */
static GtkWidget *
shown_menu (Fixture *fixture)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child) && gtk_widget_get_mapped (child))
      return child;
  return NULL;
}

/* The menu shown, with the keyboard in it. */
static gboolean
menu_focused (Fixture *fixture,
              gpointer data)
{
  GtkWidget *menu = shown_menu (fixture);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return menu != NULL && focus != NULL && gtk_widget_is_ancestor (focus, menu);
}

static gboolean
bubble_says (Fixture *fixture,
             gpointer data)
{
  TfItem *item = tf_mk_test_find_kind (fixture, TF_MK_BUBBLE_KIND);

  return item != NULL && !tf_board_view_get_editing (fixture->view) && g_strcmp0 (item->text, data) == 0;
}

static gboolean
n_callouts_are (Fixture *fixture,
                gpointer data)
{
  return tf_mk_test_count_kind (fixture, TF_MK_CALLOUT_KIND) == GPOINTER_TO_UINT (data);
}

/* The keyboard on the window, the view focused. */
static void
focus_view (Fixture *fixture)
{
  g_autofree char *focus = g_strdup_printf ("windowfocus --sync %lu", tf_mk_test_window_xid (fixture));

  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_mk_test_view_drawn (fixture);
  xdotool (focus);
}

/* The items of @kind in the archive itself (a read-only connection). */
static GPtrArray *
stored_items (Fixture    *fixture,
              const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(TfScene) scene = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  scene = tf_scene_new_for_board (store, fixture->board_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tf_scene_get_items (scene)->len; i++)
    {
      TfItem *item = g_ptr_array_index (tf_scene_get_items (scene), i);

      if (g_strcmp0 (item->kind_id, kind) == 0)
        g_ptr_array_add (found, g_memdup2 (&item->bounds, sizeof item->bounds));
    }
  return found;
}

static void
shoot (Fixture    *fixture,
       const char *path)
{
  tf_gui_test_shoot_screen (GTK_WIDGET (fixture->window), path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tf_mk_test_start_board (fixture, "test-mockup-window");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_mk_test_stop (fixture);
}

typedef struct {
  int    width;
  int    height;
  guchar *data;
  int    stride;
} Pixels;

static gboolean
is_photo_colour (const guchar *p)
{
  /* ARGB32 little-endian: B, G, R, A. The photo: (60, 140, 70), a green
   * far from the accent blue of the callouts and their key. */
  return abs (p[2] - 60) < 20 && abs (p[1] - 140) < 20 && abs (p[0] - 70) < 20;
}

static gboolean
is_red (const guchar *p)
{
  return p[2] > 200 && p[1] < 60 && p[0] < 60;
}

/* The centre of a quad's area (the red's centre is one: the image fills
 * the quad). */
static void
quad_centre (const TfQuad *quad,
             double       *x,
             double       *y)
{
  double qx = 0, qy = 0, area = 0;

  for (int t = 0; t < 2; t++)
    {
      /* The triangles (0, 1, 2) and (0, 2, 3). */
      const TfQuadPoint *a = &quad->p[0], *b = &quad->p[1 + t], *c = &quad->p[2 + t];
      double w = fabs ((b->x - a->x) * (c->y - a->y) - (c->x - a->x) * (b->y - a->y)) / 2;

      qx += w * (a->x + b->x + c->x) / 3;
      qy += w * (a->y + b->y + c->y) / 3;
      area += w;
    }
  g_assert_cmpfloat (area, >, 0);
  *x = qx / area;
  *y = qy / area;
}

/* The side panel, showing the selection's details, asks no more than
 * its own width in any language (its labels wrap): the view keeps the
 * rest of the window, where the photo was fitted. */
static void
panel_keeps_width (Fixture *fixture)
{
  GtkWidget *panel = tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_BOARD_PANEL);
  int request = -1, minimum = 0;

  g_assert_nonnull (panel);
  tf_mockup_panel_refresh_now (TF_MOCKUP_PANEL (panel));
  gtk_widget_get_size_request (panel, &request, NULL);
  g_assert_cmpint (request, >, 0);
  gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, request);
}

static void
test_mockup_window (Fixture       *fixture,
                    gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  g_autofree char *photo_path = tf_gui_test_write_png (fixture->dir, "bureau.png", 800, 600, 60 / 255.0, 140 / 255.0, 70 / 255.0);
  g_autofree char *image_path = tf_gui_test_write_png (fixture->dir, "affiche.png", 400, 200, 1, 0, 0);
  g_autoptr(GFile) photo_file = g_file_new_for_path (photo_path);
  g_autoptr(GFile) image_file = g_file_new_for_path (image_path);
  const char *shot = g_getenv ("TRANSFO_TEST_SHOT");
  /* Each corner's move, in window pixels: a poster seen from the left. */
  const int moves[4][2] = { { -30, -20 }, { 40, 30 }, { 40, -30 }, { -30, 20 } };
  TfItem *photo, *place, *callout;
  gint64 photo_id, place_id;
  TfRect photo_bounds;
  TfQuad quad, before;
  double zoom, cx, cy;

  if (!can_drive (fixture))
    {
      g_test_skip ("needs X11 and xdotool to drive the pointer");
      return;
    }

  /* The photo, dropped on the empty board as a file manager drops it. */
  g_assert_true (tf_board_view_get_empty (view));
  tf_board_view_to_board (view, gtk_widget_get_width (GTK_WIDGET (view)) / 2.0,
                          gtk_widget_get_height (GTK_WIDGET (view)) / 2.0, &cx, &cy);
  drop_file (fixture, photo_file, cx, cy);
  g_assert_cmpuint (tf_mockup_gui_get_n_pending (view), >, 0);
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_PHOTO_KIND, "the photo on the board");
  tf_mk_test_wait_for (fixture, tf_mk_test_nothing_pending, NULL, "the photo's decoding done");
  photo = tf_mk_test_find_kind (fixture, TF_MK_PHOTO_KIND);
  photo_id = photo->id;
  photo_bounds = photo->bounds;
  g_assert_cmpfloat_with_epsilon (photo_bounds.width / photo_bounds.height, 800.0 / 600.0, 0.01);
  g_assert_cmpint (tf_mk_photo_item_get (photo)->natural_width, ==, 800);
  tf_board_view_fit_all (view, FALSE);
  tf_mk_test_view_drawn (fixture);

  /* An image dropped on it with the placement tool: placed on the photo. */
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_PLACE);
  drop_file (fixture, image_file, photo_bounds.x + photo_bounds.width / 2, photo_bounds.y + photo_bounds.height / 2);
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_PLACE_KIND, "the image placed");
  tf_mk_test_wait_for (fixture, tf_mk_test_nothing_pending, NULL, "the image's decoding done");
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_PHOTO_KIND), ==, 1);
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_SELECT);
  place = tf_mk_test_find_kind (fixture, TF_MK_PLACE_KIND);
  place_id = place->id;
  g_assert_cmpint (tf_mk_place_item_get (place)->photo, ==, photo_id);
  tf_board_view_select (view, &place_id, 1);
  g_assert_true (tf_mk_place_item_quad (place, &before));
  panel_keeps_width (fixture);

  /* Its four corners, dragged with the pointer one after the other; each
   * drag is stored when the button is released. */
  quad = before;
  zoom = tf_board_view_get_zoom (view);
  for (int i = 0; i < 4; i++)
    {
      double ox, oy;
      g_autofree char *what = g_strdup_printf ("corner %d stored where the pointer left it", i + 1);

      pointer_drag (fixture, quad.p[i].x, quad.p[i].y, moves[i][0], moves[i][1], &ox, &oy);
      quad.p[i].x += ox / zoom;
      quad.p[i].y += oy / zoom;
      tf_mk_test_wait_for (fixture, corners_are, &quad, what);
      if (i == 1 && shot != NULL)
        {
          g_autofree char *live = g_strconcat (shot, ".corners.png", NULL);

          shoot (fixture, live);
        }
    }
  g_assert_cmpfloat (quad.p[0].x, <, before.p[0].x);
  g_assert_cmpfloat (quad.p[1].y, >, before.p[1].y);

  /* Undo puts the last corner back, redo moves it again: one step each. */
  {
    TfQuad three = quad;

    three.p[3] = before.p[3];
    g_assert_true (tf_history_undo (tf_window_get_history (fixture->window), NULL));
    tf_mk_test_wait_for (fixture, corners_are, &three, "the last corner back");
    g_assert_true (tf_history_redo (tf_window_get_history (fixture->window), NULL));
    tf_mk_test_wait_for (fixture, corners_are, &quad, "the corners again");
  }

  /* A corner pulled inwards past the centre is refused: it goes back, and
   * the window says why. */
  tf_board_view_select (view, &place_id, 1);
  {
    double mx = (quad.p[0].x + quad.p[2].x) / 2, my = (quad.p[0].y + quad.p[2].y) / 2, ox, oy;
    int dx = (int) ceil ((mx - quad.p[1].x) * zoom) - 20, dy = (int) ceil ((my - quad.p[1].y) * zoom) + 20;

    pointer_drag (fixture, quad.p[1].x, quad.p[1].y, dx, dy, &ox, &oy);
    tf_gui_test_wait_for_label (GTK_WIDGET (fixture->window),
                                _("These four corners do not make a surface: a corner cannot point inwards"),
                                TF_GUI_TEST_DEADLINE_MS);
    g_assert_true (corners_are (fixture, &quad));
  }

  /* A numbered callout, clicked with its tool on the photo's top left. */
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_CALLOUT);
  g_assert_cmpint (tf_mockup_gui_get_tool (view), ==, TF_MK_TOOL_CALLOUT);
  pointer_click (fixture, photo_bounds.x + photo_bounds.width * 0.15, photo_bounds.y + photo_bounds.height * 0.15);
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_CALLOUT_KIND, "the callout");
  tf_mk_test_wait_for (fixture, popover_entry_shown, NULL, "the callout's legend field");
  {
    GtkWidget *popover = tf_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_POPOVER);
    GtkWidget *entry = tf_gui_test_find_widget (popover, GTK_TYPE_ENTRY);

    gtk_editable_set_text (GTK_EDITABLE (entry), LEGEND);
    if (shot != NULL)
      shoot (fixture, shot);
    g_signal_emit_by_name (entry, "activate");
  }
  tf_mk_test_wait_for (fixture, callout_says, (gpointer) LEGEND, "the callout's legend");
  callout = tf_mk_test_find_kind (fixture, TF_MK_CALLOUT_KIND);
  g_assert_cmpint (tf_mk_callout_number (tf_board_view_get_scene (view), callout), ==, 1);
  /* One callout made: the select tool is back. */
  tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the select tool after the callout");

  /* A second callout, left empty: one Escape typed in its field closes
   * it, and the callout goes with no undo step left behind. */
  {
    TfHistory *history = tf_window_get_history (fixture->window);
    g_autofree char *undo_label = g_strdup (tf_history_get_undo_label (history));
    g_autoptr(GPtrArray) stored = NULL;

    focus_view (fixture);
    tf_mockup_gui_set_tool (view, TF_MK_TOOL_CALLOUT);
    pointer_click (fixture, photo_bounds.x + photo_bounds.width * 0.85, photo_bounds.y + photo_bounds.height * 0.15);
    tf_mk_test_wait_for (fixture, n_callouts_are, GUINT_TO_POINTER (2), "the second callout");
    tf_mk_test_wait_for (fixture, popover_entry_shown, NULL, "the second callout's legend field");
    xdotool ("key --clearmodifiers Escape");
    tf_mk_test_wait_for (fixture, n_callouts_are, GUINT_TO_POINTER (1), "the empty callout gone");
    tf_mk_test_wait_for (fixture, popover_gone, NULL, "the legend field closed, the board focused");
    g_assert_cmpstr (tf_history_get_undo_label (history), ==, undo_label);
    g_assert_false (tf_history_get_can_redo (history));
    g_assert_true (tf_mk_test_tool_is_select (fixture, NULL));
    stored = stored_items (fixture, TF_MK_CALLOUT_KIND);
    g_assert_cmpuint (stored->len, ==, 1);
  }

  /* The next one is number 2, as if the empty one had never been. */
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_CALLOUT);
  pointer_click (fixture, photo_bounds.x + photo_bounds.width * 0.85, photo_bounds.y + photo_bounds.height * 0.15);
  tf_mk_test_wait_for (fixture, n_callouts_are, GUINT_TO_POINTER (2), "the next callout");
  tf_mk_test_wait_for (fixture, popover_entry_shown, NULL, "the next callout's legend field");
  {
    GtkWidget *popover = tf_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_POPOVER);
    GtkWidget *entry = tf_gui_test_find_widget (popover, GTK_TYPE_ENTRY);
    g_autoptr(GArray) selection = tf_board_view_get_selection (view);
    TfItem *second;

    g_assert_cmpuint (selection->len, ==, 1);
    second = tf_scene_lookup (tf_board_view_get_scene (view), g_array_index (selection, gint64, 0));
    g_assert_nonnull (second);
    g_assert_cmpint (tf_mk_callout_number (tf_board_view_get_scene (view), second), ==, 2);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Borne");
    g_signal_emit_by_name (entry, "activate");
  }
  tf_mk_test_wait_for (fixture, popover_gone, NULL, "the next callout's field closed");
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_CALLOUT_KIND), ==, 2);

  /* A blur region dragged with the pointer (press, moves, release): the
   * rectangle dragged, not a click's square. */
  {
    /* Beside the placed image, under nothing but the photo. */
    double bx = photo_bounds.x + photo_bounds.width * 0.08, by = photo_bounds.y + photo_bounds.height * 0.65;
    double ox, oy;
    g_autoptr(GPtrArray) stored = NULL;
    const TfRect *r;

    tf_mockup_gui_set_tool (view, TF_MK_TOOL_BLUR);
    zoom = tf_board_view_get_zoom (view);
    pointer_drag (fixture, bx, by, 90, 40, &ox, &oy);
    tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_BLUR_KIND, "the blur region");
    stored = stored_items (fixture, TF_MK_BLUR_KIND);
    g_assert_cmpuint (stored->len, ==, 1);
    r = g_ptr_array_index (stored, 0);
    g_test_message ("blur %.1f,%.1f %.1f×%.1f; dragged from %.1f,%.1f by %.1f×%.1f", r->x, r->y, r->width,
                    r->height, bx, by, ox / zoom, oy / zoom);
    g_assert_cmpfloat (fabs (r->x - bx), <, 2 / zoom);
    g_assert_cmpfloat (fabs (r->y - by), <, 2 / zoom);
    /* Never past the photo's edges. */
    g_assert_cmpfloat (fabs (r->width - MIN (ox / zoom, photo_bounds.x + photo_bounds.width - bx)), <, 2 / zoom);
    g_assert_cmpfloat (fabs (r->height - MIN (oy / zoom, photo_bounds.y + photo_bounds.height - by)), <, 2 / zoom);
    /* Not a click's square either. */
    g_assert_cmpfloat (fabs (r->width - r->height), >, 10 / zoom);
    tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the select tool after the blur");
  }

  /* A speech bubble clicked with the pointer: the select tool is back
   * while its text is typed on the keyboard (xdotool), Enter keeps it. */
  {
    TfItem *bubble;

    focus_view (fixture);
    tf_mockup_gui_set_tool (view, TF_MK_TOOL_BUBBLE);
    pointer_click (fixture, photo_bounds.x + photo_bounds.width * 0.6, photo_bounds.y + photo_bounds.height * 0.15);
    tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_BUBBLE_KIND, "the bubble");
    tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the select tool after the bubble");
    tf_mk_test_view_drawn (fixture);
    g_assert_true (tf_board_view_get_editing (view));
    xdotool ("type --clearmodifiers 'Ici'");
    xdotool ("key --clearmodifiers Return");
    tf_mk_test_wait_for (fixture, bubble_says, (gpointer) "Ici", "the bubble's text typed");
    bubble = tf_mk_test_find_kind (fixture, TF_MK_BUBBLE_KIND);
    g_assert_cmpstr (bubble->text, ==, "Ici");
  }

  /* The photo's menu from the keyboard: Shift+F10, then the Menu key,
   * pointing at the photo where nothing covers it, the keyboard in it;
   * Escape closes it and gives the board the keyboard back. */
  for (int i = 0; i < 2; i++)
    {
      GtkWidget *menu;
      GdkRectangle at;
      double x0, y0, x1, y1;
      TfItem *hit;

      tf_board_view_select (view, &photo_id, 1);
      focus_view (fixture);
      xdotool (i == 0 ? "key --clearmodifiers shift+F10" : "key --clearmodifiers Menu");
      tf_mk_test_wait_for (fixture, menu_focused, NULL, "the photo's menu, focused");
      menu = shown_menu (fixture);
      g_assert_true (gtk_popover_get_pointing_to (GTK_POPOVER (menu), &at));
      tf_board_view_to_widget (view, photo_bounds.x, photo_bounds.y, &x0, &y0);
      tf_board_view_to_widget (view, photo_bounds.x + photo_bounds.width, photo_bounds.y + photo_bounds.height,
                               &x1, &y1);
      g_test_message ("menu at %d,%d; photo %.0f,%.0f to %.0f,%.0f", at.x, at.y, x0, y0, x1, y1);
      g_assert_cmpfloat (at.x, >=, x0 - 1);
      g_assert_cmpfloat (at.x, <=, x1 + 1);
      g_assert_cmpfloat (at.y, >=, y0 - 1);
      g_assert_cmpfloat (at.y, <=, y1 + 1);
      {
        double bx, by;

        tf_board_view_to_board (view, at.x + 0.5, at.y + 0.5, &bx, &by);
        hit = tf_board_view_pick_item (view, bx, by);
        g_assert_nonnull (hit);
        g_assert_cmpint (hit->id, ==, photo_id);
      }
      if (i == 0 && shot != NULL)
        {
          g_autofree char *path = g_strconcat (shot, ".menu.png", NULL);

          shoot (fixture, path);
        }
      xdotool ("key --clearmodifiers Escape");
      tf_mk_test_wait_for (fixture, popover_gone, NULL, "the menu closed, the board focused");
    }

  /* The board's PDF, read back. */
  {
    g_autoptr(TfStore) store = NULL;
    g_autoptr(TfExportSource) source = NULL;
    g_auto(TfExportOptions) options;
    g_autoptr(GError) error = NULL;
    g_autofree char *pdf = g_build_filename (fixture->dir, "mockup.pdf", NULL);
    g_autofree char *uri = NULL;
    PopplerDocument *document;
    PopplerPage *page;
    g_autofree char *text = NULL;
    cairo_surface_t *surface;
    cairo_t *cr;
    double pw, ph, scale = 2.0;
    Pixels px;
    int x0 = G_MAXINT, y0 = G_MAXINT, x1 = -1, y1 = -1;
    double rx = 0, ry = 0;
    guint n_red = 0;
    guint board_index = G_MAXUINT;

    store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    source = tf_export_source_new_from_store (store, fixture->experiment_id, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < tf_export_source_get_n_boards (source); i++)
      if (tf_board_get_id (tf_export_source_get_board (source, i)) == fixture->board_id)
        board_index = i;
    g_assert_cmpuint (board_index, !=, G_MAXUINT);
    tf_export_options_init (&options);
    options.board = board_index;
    g_assert_true (tf_export_run (TF_EXPORT_BOARD, source, &options, pdf, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);

    uri = g_filename_to_uri (pdf, NULL, &error);
    g_assert_no_error (error);
    document = poppler_document_new_from_file (uri, NULL, &error);
    g_assert_no_error (error);
    page = poppler_document_get_page (document, 0);
    text = poppler_page_get_text (page);
    g_test_message ("PDF text: %s", text);
    g_assert_nonnull (strstr (text, "1"));
    /* The callouts' legends beside the photo, on the board's own page, in
     * their order. */
    g_assert_nonnull (strstr (text, LEGEND));
    g_assert_nonnull (strstr (text, "Borne"));
    g_assert_true (strstr (text, LEGEND) < strstr (text, "Borne"));
    {
      g_autoptr(TfScene) scene = tf_scene_new_for_board (store, fixture->board_id, &error);
      g_autoptr(GString) legends = g_string_new (NULL);

      g_assert_no_error (error);
      for (guint i = 0; i < tf_scene_get_items (scene)->len; i++)
        {
          TfItem *stored = g_ptr_array_index (tf_scene_get_items (scene), i);

          if (g_strcmp0 (stored->kind_id, TF_MK_CALLOUT_KIND) == 0)
            g_string_append_printf (legends, "%d %s|", tf_mk_callout_number (scene, stored), stored->text);
        }
      g_assert_cmpstr (legends->str, ==, "1 " LEGEND "|2 Borne|");
    }

    /* The page drawn: the photo's box, the red inside it where the
     * corners are. */
    poppler_page_get_size (page, &pw, &ph);
    px.width = (int) ceil (pw * scale);
    px.height = (int) ceil (ph * scale);
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, px.width, px.height);
    cr = cairo_create (surface);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    cairo_scale (cr, scale, scale);
    poppler_page_render_for_printing (page, cr);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    px.data = cairo_image_surface_get_data (surface);
    px.stride = cairo_image_surface_get_stride (surface);
    for (int j = 0; j < px.height; j++)
      for (int i = 0; i < px.width; i++)
        {
          const guchar *p = px.data + j * px.stride + i * 4;

          if (is_photo_colour (p))
            {
              x0 = MIN (x0, i);
              y0 = MIN (y0, j);
              x1 = MAX (x1, i);
              y1 = MAX (y1, j);
            }
          else if (is_red (p))
            {
              rx += i;
              ry += j;
              n_red++;
            }
        }
    g_assert_cmpint (x1, >, x0);
    g_assert_cmpuint (n_red, >, 100);
    {
      /* The quad's centre of area as a fraction of the photo, against the
       * red's in the photo's box on the page. */
      double qx, qy, fx, fy, gx, gy;

      quad_centre (&quad, &qx, &qy);
      fx = (qx - photo_bounds.x) / photo_bounds.width;
      fy = (qy - photo_bounds.y) / photo_bounds.height;
      gx = (rx / n_red - x0) / (x1 - x0);
      gy = (ry / n_red - y0) / (y1 - y0);
      g_test_message ("quad centre %.3f, %.3f; red centre %.3f, %.3f", fx, fy, gx, gy);
      g_assert_cmpfloat (fabs (fx - gx), <, 0.04);
      g_assert_cmpfloat (fabs (fy - gy), <, 0.04);
      /* And the red there. */
      g_assert_true (is_red (px.data + (int) (y0 + fy * (y1 - y0)) * px.stride + (int) (x0 + fx * (x1 - x0)) * 4));
    }
    cairo_surface_destroy (surface);
    g_object_unref (page);
    g_object_unref (document);
  }
}

/* The file dialog "Add Photo…" opened (GtkFileChooserNative falls back to
 * a GtkFileChooserDialog without a portal), once it shows. */
static GtkWidget *
file_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
file_dialog_shown (Fixture *fixture,
                   gpointer data)
{
  return file_dialog () != NULL;
}

static gboolean
file_chosen (Fixture *fixture,
             gpointer data)
{
  GtkWidget *dialog = file_dialog ();
  g_autoptr(GFile) file = dialog != NULL ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog)) : NULL;

  return file != NULL && g_file_equal (file, data);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names the photos' assets were stored with, sorted, joined by "|". */
static char *
asset_names (Fixture *fixture)
{
  TfScene *scene = tf_board_view_get_scene (fixture->view);
  TfStore *store = tf_history_get_store (tf_window_get_history (fixture->window));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < tf_scene_get_items (scene)->len; i++)
    {
      const TfMkPhoto *photo = tf_mk_photo_item_get (g_ptr_array_index (tf_scene_get_items (scene), i));
      char *name = NULL;

      if (photo == NULL)
        continue;
      g_assert_true (tf_asset_rows_name_of (store, photo->asset, &name, NULL));
      g_assert_nonnull (name);
      g_ptr_array_add (names, name);
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

/* A JPEG as a camera writes it: an EXIF block naming the camera
 * ("SpyCam") right after its start. */
static char *
write_camera_jpeg (const char *dir,
                   const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 240);
  g_autofree char *jpeg = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;
  /* APP1: "Exif", a little-endian TIFF, IFD0 with Make at offset 26. */
  static const guint8 app1[] = {
    0xFF, 0xE1, 0x00, 41, 'E', 'x', 'i', 'f', 0, 0,
    'I', 'I', 42, 0, 8, 0, 0, 0,
    1, 0, 0x0F, 0x01, 2, 0, 7, 0, 0, 0, 26, 0, 0, 0,
    0, 0, 0, 0,
    'S', 'p', 'y', 'C', 'a', 'm', 0,
  };
  g_autoptr(GByteArray) out = g_byte_array_new ();
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x3366aaff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &length, "jpeg", &error, NULL));
  g_assert_cmpuint (length, >, 2);
  g_byte_array_append (out, (const guint8 *) jpeg, 2);
  g_byte_array_append (out, app1, sizeof app1);
  g_byte_array_append (out, (const guint8 *) jpeg + 2, (guint) length - 2);
  g_assert_true (g_file_set_contents (path, (const char *) out->data, out->len, &error));
  return path;
}

/* Another X client owns the clipboard with @type ("xclip -quiet" stays in
 * the foreground, serving it, until it is killed). */
static GPid
xclip_own (const char *type,
           const char *path)
{
  const char *argv[] = { "xclip", "-quiet", "-selection", "clipboard", "-t", type, "-i", path, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                  G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static void
xclip_stop (GPid pid)
{
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

static gboolean
clipboard_offers_remote (Fixture *fixture,
                         gpointer data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->view));

  return !gdk_clipboard_is_local (clipboard) &&
         gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard), data);
}

/* The bytes the archive keeps for the photo of the newest asset. */
static GBytes *
newest_photo_bytes (Fixture *fixture)
{
  TfScene *scene = tf_board_view_get_scene (fixture->view);
  gint64 newest = 0;
  g_autofree char *mime = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  for (guint i = 0; i < tf_scene_get_items (scene)->len; i++)
    {
      const TfMkPhoto *photo = tf_mk_photo_item_get (g_ptr_array_index (tf_scene_get_items (scene), i));

      if (photo != NULL)
        newest = MAX (newest, photo->asset);
    }
  bytes = tf_asset_source_load (tf_renderer_get_assets (fixture->view->canvas.renderer), newest, &mime, &error);
  g_assert_no_error (error);
  return bytes;
}

static void
test_inputs (Fixture       *fixture,
             gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autofree char *first_path = tf_gui_test_write_png (fixture->dir, "vitrine.png", 640, 480, 0.8, 0.7, 0.5);
  g_autofree char *image_path = tf_gui_test_write_png (fixture->dir, "copie.png", 300, 200, 0.2, 0.5, 0.3);
  g_autofree char *chosen_path = tf_gui_test_write_png (fixture->dir, "guichet.png", 500, 400, 0.4, 0.4, 0.6);
  g_autofree char *damaged_path = g_build_filename (fixture->dir, "abimee.png", NULL);
  g_autoptr(GFile) first = g_file_new_for_path (first_path);
  g_autoptr(GFile) chosen = g_file_new_for_path (chosen_path);
  g_autoptr(GFile) damaged = g_file_new_for_path (damaged_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  GtkWidget *button = NULL;

  if (!can_drive (fixture))
    {
      g_test_skip ("needs X11 and xdotool to type");
      return;
    }

  /* Ctrl+V with files on the clipboard (copied in a file manager). */
  {
    GSList *files = g_slist_prepend (NULL, first);
    GdkFileList *list = gdk_file_list_new_from_list (files);

    g_slist_free (files);
    gdk_clipboard_set (clipboard, GDK_TYPE_FILE_LIST, list);
    g_boxed_free (GDK_TYPE_FILE_LIST, list);
  }
  type_paste (fixture);
  tf_mk_test_wait_for (fixture, n_photos_are, GUINT_TO_POINTER (1), "the pasted file as a photo");

  /* Ctrl+V with an image on the clipboard (copied in an image editor). */
  {
    g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (image_path, &error);

    g_assert_no_error (error);
    gdk_clipboard_set_texture (clipboard, texture);
  }
  type_paste (fixture);
  tf_mk_test_wait_for (fixture, n_photos_are, GUINT_TO_POINTER (2), "the pasted image as a photo");

  /* Ctrl+V with nothing on the clipboard: a toast says so. */
  gdk_clipboard_set_content (clipboard, NULL);
  type_paste (fixture);
  tf_gui_test_wait_for_label (GTK_WIDGET (fixture->window), _("Nothing to paste"), TF_GUI_TEST_DEADLINE_MS);
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_PHOTO_KIND), ==, 2);

  /* "Add Photo…" in the tool box, a file chosen in its dialog. */
  {
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, fixture->window);
    while (stack->len > 0 && button == NULL)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_ACTIONABLE (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "mockup.add-photo") == 0 &&
            gtk_widget_is_sensitive (w))
          button = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
  }
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  tf_mk_test_wait_for (fixture, file_dialog_shown, NULL, "the file dialog");
  {
    /* As a user does: the path typed in the dialog (a "/" opens its
     * location field), then Enter. */
    GtkWidget *dialog = file_dialog ();
    g_autofree char *focus = NULL;
    g_autofree char *type = NULL;

    gtk_test_widget_wait_for_draw (dialog);
    focus = g_strdup_printf ("windowfocus --sync %lu",
                             gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (dialog))));
    xdotool (focus);
    type = g_strdup_printf ("type --clearmodifiers '%s'", chosen_path);
    xdotool (type);
    tf_mk_test_wait_for (fixture, file_chosen, chosen, "the file typed in the dialog");
    xdotool ("key --clearmodifiers Return");
  }
  tf_mk_test_wait_for (fixture, n_photos_are, GUINT_TO_POINTER (3), "the chosen file as a photo");

  /* Each photo's file name is in the archive (a pasted image has none). */
  names = asset_names (fixture);
  g_assert_cmpstr (names, ==, "|guichet.png|vitrine.png");

  /* A damaged PNG dropped: one clear message, the board as it was. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (chosen_path, &contents, &length, &error));
    g_assert_true (g_file_set_contents (damaged_path, contents, (gssize) length / 3, &error));
    g_assert_no_error (error);
  }
  drop_file (fixture, damaged, 0, 0);
  {
    /* The message names the file. */
    g_autofree char *refusal = g_strdup_printf (_("“%s” is damaged or truncated and cannot be read"), "abimee.png");

    tf_gui_test_wait_for_label (GTK_WIDGET (fixture->window), refusal, TF_GUI_TEST_DEADLINE_MS);
  }
  tf_mk_test_wait_for (fixture, tf_mk_test_nothing_pending, NULL, "the damaged file given up");
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_PHOTO_KIND), ==, 3);

  /* The window still works: the last photo undone. */
  g_assert_true (tf_history_undo (tf_window_get_history (fixture->window), NULL));
  tf_mk_test_wait_for (fixture, n_photos_are, GUINT_TO_POINTER (2), "the chosen photo undone");

  /* Ctrl+V of what another program owns on the clipboard: a camera's
   * JPEG (its bytes through the helper: stored without its EXIF)... */
  {
    g_autofree char *jpeg_path = write_camera_jpeg (fixture->dir, "appareil.jpg");
    g_autoptr(GBytes) stored = NULL;
    g_autofree char *xclip = g_find_program_in_path ("xclip");
    GPid owner;

    g_assert_nonnull (xclip);
    owner = xclip_own ("image/jpeg", jpeg_path);

    tf_mk_test_wait_for (fixture, clipboard_offers_remote, (gpointer) "image/jpeg", "xclip owning the clipboard");
    type_paste (fixture);
    tf_mk_test_wait_for (fixture, n_photos_are, GUINT_TO_POINTER (3), "the JPEG pasted from another program");
    xclip_stop (owner);
    stored = newest_photo_bytes (fixture);
    g_assert_null (g_strstr_len (g_bytes_get_data (stored, NULL), (gssize) g_bytes_get_size (stored), "SpyCam"));
    g_assert_null (g_strstr_len (g_bytes_get_data (stored, NULL), (gssize) g_bytes_get_size (stored), "Exif"));
  }
  /* ... and a file a file manager copied (x-special/gnome-copied-files). */
  {
    g_autofree char *png_path = tf_gui_test_write_png (fixture->dir, "etagere.png", 400, 300, 0.6, 0.3, 0.3);
    g_autofree char *list_path = g_build_filename (fixture->dir, "copied-files", NULL);
    g_autofree char *uri = g_filename_to_uri (png_path, NULL, NULL);
    g_autofree char *list = g_strdup_printf ("copy\n%s", uri);
    GPid owner;

    g_assert_true (g_file_set_contents (list_path, list, -1, &error));
    owner = xclip_own ("x-special/gnome-copied-files", list_path);
    tf_mk_test_wait_for (fixture, clipboard_offers_remote, (gpointer) "x-special/gnome-copied-files",
                         "xclip owning the clipboard");
    type_paste (fixture);
    tf_mk_test_wait_for (fixture, n_photos_are, GUINT_TO_POINTER (4), "the file pasted from a file manager");
    xclip_stop (owner);
  }
  g_free (names);
  names = asset_names (fixture);
  g_assert_cmpstr (names, ==, "||etagere.png|vitrine.png");
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  g_test_add ("/mockup-window/place-and-callout", Fixture, NULL, fixture_set_up, test_mockup_window,
              fixture_tear_down);
  g_test_add ("/mockup-window/inputs", Fixture, NULL, fixture_set_up, test_inputs, fixture_tear_down);
  return g_test_run ();
}
