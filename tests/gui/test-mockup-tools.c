/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-mockup-tools"

#include <math.h>
#include <string.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>

#include "canvas/tf-item-kinds.h"
#include "core/tf-history.h"
#include "gui/mockups/tf-mockup-gui.h"
#include "gui/tf-board-panel.h"
#include "gui/tf-canvas-view.h"
#include "mockups/tf-mockup-images.h"
#include "mockups/tf-mockup-items.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-model.h"
#include "tf-board-view-private.h"
#include "tf-mockup-test-util.h"
#include "tf-window.h"

/* The tools of a mockup's rail as a facilitator's hands use them, the
 * pointer and the keys driven through the X server (xdotool), as the
 * walkthrough of session 7 did:
 *
 * /mockup-tools/label: Alt+T with the pointer on the photo opens the
 * label's editor where the label is, as large as it shows, the view
 * neither zoomed nor moved; Enter keeps the text and opens nothing else;
 * the undo says what was written; the label tool clicked near the view's
 * edge keeps the label in view; a letter typed after a callout click that
 * missed (on the label) makes no stray label.
 *
 * /mockup-tools/on-placed-image: the placement tool goes back to select
 * once the image is chosen; a numbered callout, a bubble and a pictogram
 * clicked on the placed image go on it (on its photo); the pictogram
 * picked shows pressed and a line says where to click; the undo names
 * the pictogram and the callout's text; the bubble made and written is
 * one step: Ctrl+Z takes it away, Ctrl+Shift+Z brings it back written.
 *
 * /mockup-tools/picker: Alt+P on a photo opens the image picker: "Choose
 * a File…" and the images the experiment's mockups hold (the demo's desk
 * and cover), each drawn small; Escape closes it, nothing placed; the
 * arrows and Enter place the image chosen, read from the archive.
 *
 * /mockup-tools/editor-size: the post-it's and the bubble's editors are
 * drawn over their text, as large as it shows; zoomed out (27 %), the
 * bubble's is still large enough to read what is typed (about 14 letters
 * on three lines), around the bubble, inside the view.
 *
 * /mockup-tools/panel: F9 opening the side panel after a zoom and a pan
 * keeps the selected photo in view.
 *
 * /mockup-tools/enter-photo: Enter on a photo with no callout starts its
 * legend (a callout, its text field); Enter on a photo with callouts shows
 * the side panel (opened if F9 closed it) with the keyboard in its first
 * callout's text; no editor opens over the photo.
 *
 * TRANSFO_TEST_SHOT, if set, is a path prefix for screenshots. */

typedef TfMkFixture Fixture;

static gboolean
editing (Fixture *fixture,
         gpointer data)
{
  return tf_board_view_get_editing (fixture->view) == GPOINTER_TO_INT (data);
}

/* The undo label of a command writing (@write) or adding one item of
 * @kind: "Write a text label", "Add a pictogram". */
static char *
named (gboolean    write,
       const char *kind)
{
  const char *kinds[] = { kind };
  g_autofree char *noun = tf_item_kinds_name (kinds, 1);

  return write ? g_strdup_printf (_("Write %s"), noun) : g_strdup_printf (_("Add %s"), noun);
}

static const char *
undo_label (Fixture *fixture)
{
  return tf_history_get_undo_label (tf_window_get_history (fixture->window));
}

/* --- The X server's pointer and keyboard --- */

static gboolean
can_drive (Fixture *fixture)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return xdotool != NULL && GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (fixture->window)));
}

static void
xdotool (const char *arguments)
{
  g_autofree char *command = g_strdup_printf ("timeout 30 xdotool %s", arguments);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The pointer over board point (@bx, @by); with @click, a click there. */
static void
pointer_at (Fixture  *fixture,
            double    bx,
            double    by,
            gboolean  click)
{
  g_autofree char *args = NULL;
  double x, y;
  int wx, wy;

  tf_mk_test_view_drawn (fixture);
  tf_board_view_to_widget (fixture->view, bx, by, &x, &y);
  tf_mk_test_to_window (fixture, x, y, &wx, &wy);
  args = g_strdup_printf ("mousemove --sync --window %lu %d %d%s", tf_mk_test_window_xid (fixture), wx, wy,
                          click ? " click 1" : "");
  xdotool (args);
  tf_gui_test_settle (20);
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

static void
keys (const char *keys)
{
  g_autofree char *args = g_strdup_printf ("key --clearmodifiers %s", keys);

  xdotool (args);
  tf_gui_test_settle (20);
}

static void
type (const char *text)
{
  g_autofree char *args = g_strdup_printf ("type --clearmodifiers '%s'", text);

  xdotool (args);
  tf_gui_test_settle (20);
}

static void
shoot (Fixture    *fixture,
       const char *name)
{
  const char *shot = g_getenv ("TRANSFO_TEST_SHOT");
  g_autofree char *path = NULL;

  if (shot == NULL || *shot == '\0')
    return;
  path = g_strconcat (shot, ".", name, ".png", NULL);
  tf_mk_test_view_drawn (fixture);
  tf_gui_test_shoot_screen (GTK_WIDGET (fixture->window), path);
}

/* --- The board --- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tf_mk_test_start_board (fixture, "test-mockup-tools");
  tf_mk_test_add_photo (fixture, "hall.png", 800, 600, 60 / 255.0, 140 / 255.0, 70 / 255.0);
  tf_mk_test_view_drawn (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_mk_test_stop (fixture);
}

/* A board rectangle on screen (widget pixels). */
static graphene_rect_t
on_screen (Fixture      *fixture,
           const TfRect *r)
{
  double x0, y0, x1, y1;

  tf_board_view_to_widget (fixture->view, r->x, r->y, &x0, &y0);
  tf_board_view_to_widget (fixture->view, r->x + r->width, r->y + r->height, &x1, &y1);
  return GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
}

static graphene_rect_t
editor_bounds (Fixture *fixture)
{
  graphene_rect_t box;

  g_assert_true (gtk_widget_get_visible (fixture->view->editor));
  g_assert_true (gtk_widget_compute_bounds (fixture->view->editor, GTK_WIDGET (fixture->view), &box));
  return box;
}

/* The editor drawn over @item's text, as large as it shows (an item too
 * small to type in may grow it around its centre to a readable line or
 * three, never to a post-it's square, moved only to stay inside the
 * view), inside the view. */
static void
assert_editor_on (Fixture *fixture,
                  TfItem  *item)
{
  graphene_rect_t box = editor_bounds (fixture);
  graphene_rect_t text;
  TfRect region;
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->view));

  if (!tf_item_text_region (item, &region))
    region = item->bounds;
  text = on_screen (fixture, &region);
  g_test_message ("%s: text %.0f,%.0f %.0f×%.0f on screen, editor %.0f,%.0f %.0f×%.0f (zoom %.2f)",
                  item->kind_id, text.origin.x, text.origin.y, text.size.width, text.size.height,
                  box.origin.x, box.origin.y, box.size.width, box.size.height,
                  tf_board_view_get_zoom (fixture->view));
  g_assert_cmpfloat (box.size.width, <=, MAX (text.size.width, 120) + 2);
  g_assert_cmpfloat (box.size.height, <=, MAX (text.size.height, 60) + 2);
  g_assert_cmpfloat (box.size.width, >=, text.size.width - 2);
  /* Centred on it, unless a small item's grown editor was kept inside
   * the view by an edge. */
  if (box.origin.x > 0.5 && box.origin.x + box.size.width < width - 0.5)
    g_assert_cmpfloat (fabs (box.origin.x + box.size.width / 2 - (text.origin.x + text.size.width / 2)), <=, 2);
  else
    g_assert_true (box.origin.x <= text.origin.x + 2 && box.origin.x + box.size.width >= text.origin.x + text.size.width - 2);
  g_assert_cmpfloat (box.origin.x, >=, -0.5);
  g_assert_cmpfloat (box.origin.y, >=, -0.5);
  g_assert_cmpfloat (box.origin.x + box.size.width, <=, width + 0.5);
  g_assert_cmpfloat (box.origin.y + box.size.height, <=, height + 0.5);
}

/* Zooms to @zoom around the photo's centre, the fit let go. */
static void
zoom_on_photo (Fixture *fixture,
               double   zoom)
{
  TfBoardView *view = fixture->view;
  double cx = fixture->photo.x + fixture->photo.width / 2, cy = fixture->photo.y + fixture->photo.height / 2;
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  tf_board_view_set_zoom (view, zoom);
  tf_canvas_view_set_origin (TF_CANVAS_VIEW (view), cx - width / 2.0 / zoom, cy - height / 2.0 / zoom);
  tf_mk_test_view_drawn (fixture);
}

/* --- /mockup-tools/label --- */

static gboolean
label_says (Fixture *fixture,
            gpointer data)
{
  TfItem *item = tf_mk_test_find_kind (fixture, TF_MK_LABEL_KIND);

  return item != NULL && g_strcmp0 (item->text, data) == 0 && !tf_board_view_get_editing (fixture->view);
}

static void
test_label (Fixture       *fixture,
            gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  const TfRect *p = &fixture->photo;
  double zoom, ox, oy, ox2, oy2;
  TfItem *label;
  g_autofree char *written = named (TRUE, TF_MK_LABEL_KIND);

  if (!can_drive (fixture))
    {
      g_test_skip ("needs X11 and xdotool to drive the pointer");
      return;
    }
  /* Not fitted, not at 100 %: zoomed a little out, the photo whole. */
  zoom = tf_board_view_get_zoom (view) * 0.8;
  if (fabs (zoom - 1.0) < 0.15)
    zoom *= 0.7;
  zoom_on_photo (fixture, zoom);
  tf_canvas_view_get_origin (TF_CANVAS_VIEW (view), &ox, &oy);

  /* Alt+T with the pointer on the photo's upper left (nothing selected:
   * a selected item would take the label). */
  tf_board_view_clear_selection (view);
  focus_view (fixture);
  pointer_at (fixture, p->x + p->width * 0.2, p->y + p->height * 0.25, FALSE);
  keys ("alt+t");
  tf_mk_test_wait_for (fixture, editing, GINT_TO_POINTER (TRUE), "the label's editor");
  label = tf_mk_test_find_kind (fixture, TF_MK_LABEL_KIND);
  g_assert_nonnull (label);
  g_assert_cmpint (view->editing_id, ==, label->id);
  g_assert_cmpfloat_with_epsilon (label->bounds.x, p->x + p->width * 0.2, 2 / zoom);
  /* The view stayed where it was, at its zoom. */
  tf_mk_test_view_drawn (fixture);
  tf_canvas_view_get_origin (TF_CANVAS_VIEW (view), &ox2, &oy2);
  g_assert_cmpfloat_with_epsilon (tf_board_view_get_zoom (view), zoom, 1e-9);
  g_assert_cmpfloat_with_epsilon (ox2, ox, 1e-6);
  g_assert_cmpfloat_with_epsilon (oy2, oy, 1e-6);
  assert_editor_on (fixture, label);
  type ("Accueil");
  shoot (fixture, "label");
  /* Enter keeps it, and opens no other editor. */
  keys ("Return");
  tf_mk_test_wait_for (fixture, label_says, (gpointer) "Accueil", "the label written");
  tf_mk_test_view_drawn (fixture);
  g_assert_false (tf_board_view_get_editing (view));
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_LABEL_KIND), ==, 1);
  g_assert_cmpstr (undo_label (fixture), ==, written);

  /* The label tool clicked near the view's right edge: the label inside
   * the view, the view still. */
  {
    int width = gtk_widget_get_width (GTK_WIDGET (view));
    double bx, by;
    TfItem *second = NULL;
    graphene_rect_t shown;

    tf_board_view_to_board (view, width - 20, 0, &bx, NULL);
    by = p->y + p->height * 0.7;
    focus_view (fixture);
    tf_mockup_gui_set_tool (view, TF_MK_TOOL_TEXT);
    pointer_at (fixture, MIN (bx, p->x + p->width - 1), by, TRUE);
    tf_mk_test_wait_for (fixture, editing, GINT_TO_POINTER (TRUE), "the second label's editor");
    tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the select tool after the label");
    second = tf_scene_lookup (tf_board_view_get_scene (view), view->editing_id);
    g_assert_nonnull (second);
    shown = on_screen (fixture, &second->bounds);
    g_assert_cmpfloat (shown.origin.x + shown.size.width, <=, width + 0.5);
    g_assert_cmpfloat_with_epsilon (tf_board_view_get_zoom (view), zoom, 1e-9);
    assert_editor_on (fixture, second);
    /* Escape with nothing typed: no label left. */
    keys ("Escape");
    tf_mk_test_wait_count (fixture, TF_MK_LABEL_KIND, 1, "the empty label gone");
    g_assert_cmpstr (undo_label (fixture), ==, written);
  }

  /* The callout tool's click on the label (something already on the
   * photo: it selects it), then letters typed, meant for a legend: no
   * stray label, no editor. */
  label = tf_mk_test_find_kind (fixture, TF_MK_LABEL_KIND);
  focus_view (fixture);
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_CALLOUT);
  pointer_at (fixture, label->bounds.x + 10 / zoom, label->bounds.y + label->bounds.height / 2, TRUE);
  type ("Borne");
  tf_mk_test_view_drawn (fixture);
  g_assert_false (tf_board_view_get_editing (view));
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_LABEL_KIND), ==, 1);
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_CALLOUT_KIND), ==, 0);
}

/* --- /mockup-tools/on-placed-image --- */

static GtkWidget *
file_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

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

/* The image picker (a window titled as the placement's file dialog). */
static GtkWidget *
picker (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (!GTK_IS_FILE_CHOOSER_DIALOG (window) && !TF_IS_WINDOW (window) &&
          gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          g_strcmp0 (gtk_window_get_title (GTK_WINDOW (window)), _("Place an Image on the Photo")) == 0)
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
picker_focused (Fixture *fixture,
                gpointer data)
{
  GtkWidget *window = picker ();
  GtkWidget *focus = window != NULL ? gtk_root_get_focus (GTK_ROOT (window)) : NULL;

  return focus != NULL && GTK_IS_FLOW_BOX_CHILD (focus) && gtk_widget_get_mapped (focus);
}

static gboolean
picker_gone (Fixture *fixture,
             gpointer data)
{
  return picker () == NULL;
}

/* The keyboard of the X server on @window (a toplevel). */
static void
focus_window (GtkWidget *window)
{
  g_autofree char *focus = NULL;

  g_assert_nonnull (window);
  gtk_test_widget_wait_for_draw (window);
  focus = g_strdup_printf ("windowfocus --sync %lu", gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  xdotool (focus);
}

static gboolean
file_chosen (Fixture *fixture,
             gpointer data)
{
  GtkWidget *dialog = file_dialog ();
  g_autoptr(GFile) file = dialog != NULL ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog)) : NULL;

  return file != NULL && g_file_equal (file, data);
}

static gboolean
popover_entry_shown (Fixture *fixture,
                     gpointer data)
{
  GtkWidget *popover = tf_gui_test_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_POPOVER);
  GtkWidget *entry = popover != NULL ? tf_gui_test_find_widget (popover, GTK_TYPE_ENTRY) : NULL;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  /* Shown, the keyboard in it. */
  return entry != NULL && gtk_widget_get_visible (popover) && focus != NULL &&
         (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static gboolean
callout_says (Fixture *fixture,
              gpointer data)
{
  TfItem *item = tf_mk_test_find_kind (fixture, TF_MK_CALLOUT_KIND);

  return item != NULL && g_strcmp0 (item->text, data) == 0;
}

static GtkWidget *
picker_button (Fixture *fixture)
{
  return tf_gui_test_find_widget (gtk_widget_get_parent (GTK_WIDGET (fixture->view)), GTK_TYPE_MENU_BUTTON);
}

static gboolean
library_shown (Fixture *fixture,
               gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (picker_button (fixture)));

  return popover != NULL && gtk_widget_get_visible (GTK_WIDGET (popover));
}

/* The line saying a pictogram waits, when it shows. */
static GtkWidget *
pending_line (Fixture *fixture)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (fixture->view));

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = tf_gui_test_find_widget (child, GTK_TYPE_LABEL);

      if (label != NULL && g_strcmp0 (gtk_widget_get_name (label), "stamp-pending") == 0)
        return gtk_widget_get_visible (child) ? label : NULL;
    }
  return NULL;
}

static gboolean
picker_pressed (Fixture *fixture)
{
  GtkWidget *toggle = gtk_widget_get_first_child (picker_button (fixture));

  return (gtk_widget_get_state_flags (toggle) & GTK_STATE_FLAG_CHECKED) != 0;
}

static void
test_on_placed_image (Fixture       *fixture,
                      gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  const TfRect *p = &fixture->photo;
  g_autofree char *image_path = tf_gui_test_write_png (fixture->dir, "affiche.png", 400, 300, 1, 0, 0);
  g_autoptr(GFile) image = g_file_new_for_path (image_path);
  TfItem *place, *callout, *bubble, *stamp;
  double cx, cy;

  if (!can_drive (fixture))
    {
      g_test_skip ("needs X11 and xdotool to drive the pointer");
      return;
    }

  /* The placement tool: a click on the photo asks for the image (the
   * picker, the keyboard on "Choose a File…": Enter), and the select tool
   * is back at once. */
  focus_view (fixture);
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_PLACE);
  pointer_at (fixture, p->x + p->width * 0.5, p->y + p->height * 0.5, TRUE);
  tf_mk_test_wait_for (fixture, picker_focused, NULL, "the image picker, the keyboard in it");
  focus_window (picker ());
  keys ("Return");
  tf_mk_test_wait_for (fixture, file_dialog_shown, NULL, "the image's file dialog");
  tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the select tool after the placement tool's click");
  {
    GtkWidget *dialog = file_dialog ();
    g_autofree char *focus = NULL;

    gtk_test_widget_wait_for_draw (dialog);
    focus = g_strdup_printf ("windowfocus --sync %lu",
                             gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (dialog))));
    xdotool (focus);
    /* The file set, not typed: typed under a sanitizer on a loaded
     * machine, the dialog's completion raced the keys (the path typed
     * into a dialog is /mockup-window/inputs' case). Enter is typed. */
    g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), image, NULL));
    tf_mk_test_wait_for (fixture, file_chosen, image, "the image chosen in the dialog");
    keys ("Return");
  }
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_PLACE_KIND, "the image placed");
  tf_mk_test_wait_for (fixture, tf_mk_test_nothing_pending, NULL, "the image's decoding done");
  g_assert_true (tf_mk_test_tool_is_select (fixture, NULL));
  place = tf_mk_test_find_kind (fixture, TF_MK_PLACE_KIND);
  cx = place->bounds.x + place->bounds.width / 2;
  cy = place->bounds.y + place->bounds.height / 2;
  g_assert_true (tf_board_view_pick_item (view, cx, cy) == place);
  tf_board_view_clear_selection (view);

  /* A numbered callout clicked on the placed image: on it, on its photo;
   * its legend typed. */
  focus_view (fixture);
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_CALLOUT);
  pointer_at (fixture, cx, cy, TRUE);
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_CALLOUT_KIND, "the callout on the placed image");
  callout = tf_mk_test_find_kind (fixture, TF_MK_CALLOUT_KIND);
  g_assert_cmpint (((const TfMkCallout *) callout->data)->photo, ==, fixture->photo_id);
  g_assert_true (tf_rect_contains_point (&callout->bounds, cx, cy));
  tf_mk_test_wait_for (fixture, popover_entry_shown, NULL, "the callout's legend field");
  tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the select tool after the callout");
  shoot (fixture, "callout-on-placed-image");
  type ("Affiche");
  keys ("Return");
  tf_mk_test_wait_for (fixture, callout_says, (gpointer) "Affiche", "the callout's legend");
  {
    g_autofree char *written = named (TRUE, TF_MK_CALLOUT_KIND);

    g_assert_cmpstr (undo_label (fixture), ==, written);
  }

  /* A speech bubble clicked on the placed image, beside the callout. */
  focus_view (fixture);
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_BUBBLE);
  pointer_at (fixture, place->bounds.x + place->bounds.width * 0.2, place->bounds.y + place->bounds.height * 0.8,
              TRUE);
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_BUBBLE_KIND, "the bubble on the placed image");
  bubble = tf_mk_test_find_kind (fixture, TF_MK_BUBBLE_KIND);
  g_assert_cmpint (((const TfMkBubble *) bubble->data)->photo, ==, fixture->photo_id);
  tf_mk_test_wait_for (fixture, editing, GINT_TO_POINTER (TRUE), "the bubble's editor");
  type ("Ici");
  keys ("Return");
  tf_mk_test_wait_for (fixture, editing, GINT_TO_POINTER (FALSE), "the bubble written");
  g_assert_cmpstr (tf_mk_test_find_kind (fixture, TF_MK_BUBBLE_KIND)->text, ==, "Ici");
  {
    g_autofree char *written = named (TRUE, TF_MK_BUBBLE_KIND);

    g_assert_cmpstr (undo_label (fixture), ==, written);
  }
  /* Made and written, one step: one Ctrl+Z takes the bubble away, one
   * Ctrl+Shift+Z brings it back with its text. */
  focus_view (fixture);
  keys ("ctrl+z");
  tf_mk_test_wait_count (fixture, TF_MK_BUBBLE_KIND, 0, "the bubble undone in one step");
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_CALLOUT_KIND), ==, 1);
  keys ("ctrl+shift+z");
  tf_mk_test_wait_count (fixture, TF_MK_BUBBLE_KIND, 1, "the bubble redone");
  g_assert_cmpstr (tf_mk_test_find_kind (fixture, TF_MK_BUBBLE_KIND)->text, ==, "Ici");
  g_assert_false (tf_history_get_can_redo (tf_window_get_history (fixture->window)));

  /* A pictogram picked in the library: the picker shows pressed and a
   * line says where to click, until it is stamped on the placed image. */
  g_assert_null (pending_line (fixture));
  gtk_menu_button_popup (GTK_MENU_BUTTON (picker_button (fixture)));
  tf_mk_test_wait_for (fixture, library_shown, NULL, "the pictogram library");
  {
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (picker_button (fixture)));
    GtkWidget *flow = tf_gui_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_FLOW_BOX);
    GtkWidget *first = gtk_widget_get_first_child (flow);
    GtkWidget *line;

    g_assert_nonnull (first);
    g_signal_emit_by_name (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (first)), "clicked");
    tf_mk_test_view_drawn (fixture);
    g_assert_nonnull (tf_board_view_get_tool (view));
    line = pending_line (fixture);
    g_assert_nonnull (line);
    g_test_message ("pending: %s", gtk_label_get_text (GTK_LABEL (line)));
    g_assert_true (picker_pressed (fixture));
    shoot (fixture, "pictogram-pending");
  }
  pointer_at (fixture, place->bounds.x + place->bounds.width * 0.8, place->bounds.y + place->bounds.height * 0.3,
              TRUE);
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_STAMP_KIND, "the pictogram on the placed image");
  tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the select tool after the pictogram");
  tf_mk_test_view_drawn (fixture);
  stamp = tf_mk_test_find_kind (fixture, TF_MK_STAMP_KIND);
  g_assert_true (tf_rect_contains_point (&place->bounds, stamp->bounds.x + stamp->bounds.width / 2,
                                         stamp->bounds.y + stamp->bounds.height / 2));
  g_assert_null (pending_line (fixture));
  g_assert_false (picker_pressed (fixture));
  {
    g_autofree char *added = named (FALSE, TF_MK_STAMP_KIND);

    g_assert_cmpstr (undo_label (fixture), ==, added);
  }

  /* Escape puts a pictogram waiting down, and the line goes. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (picker_button (fixture)));
  tf_mk_test_wait_for (fixture, library_shown, NULL, "the pictogram library again");
  {
    GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (picker_button (fixture)));
    GtkWidget *flow = tf_gui_test_find_widget (GTK_WIDGET (popover), GTK_TYPE_FLOW_BOX);

    g_signal_emit_by_name (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_first_child (flow))),
                           "clicked");
  }
  tf_mk_test_view_drawn (fixture);
  g_assert_nonnull (pending_line (fixture));
  focus_view (fixture);
  keys ("Escape");
  tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the pictogram put down");
  tf_mk_test_view_drawn (fixture);
  g_assert_null (pending_line (fixture));
  g_assert_false (picker_pressed (fixture));
}

/* --- /mockup-tools/editor-size --- */

static void
test_editor_size (Fixture       *fixture,
                  gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  const TfRect *p = &fixture->photo;
  TfItem *item;

  if (!can_drive (fixture))
    {
      g_test_skip ("needs X11 and xdotool to drive the pointer");
      return;
    }
  for (int i = 0; i < 3; i++)
    {
      /* At the fitted zoom, then closer, then far out. */
      if (i == 1)
        zoom_on_photo (fixture, 1.0);
      else if (i == 2)
        zoom_on_photo (fixture, 0.27);
      /* A post-it from the keyboard, on the selected photo. */
      tf_board_view_select (view, &fixture->photo_id, 1);
      focus_view (fixture);
      keys ("alt+n");
      tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_NOTE_KIND, "the post-it");
      tf_mk_test_wait_for (fixture, editing, GINT_TO_POINTER (TRUE), "the post-it's editor");
      tf_mk_test_view_drawn (fixture);
      item = tf_mk_test_find_kind (fixture, TF_MK_NOTE_KIND);
      assert_editor_on (fixture, item);
      if (i == 1)
        shoot (fixture, "postit-editor");
      keys ("Escape");
      tf_mk_test_wait_count (fixture, TF_MK_NOTE_KIND, 0, "the empty post-it gone");

      /* A bubble clicked with its tool. */
      focus_view (fixture);
      tf_mockup_gui_set_tool (view, TF_MK_TOOL_BUBBLE);
      pointer_at (fixture, p->x + p->width * 0.5, p->y + p->height * 0.55, TRUE);
      tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_BUBBLE_KIND, "the bubble");
      tf_mk_test_wait_for (fixture, editing, GINT_TO_POINTER (TRUE), "the bubble's editor");
      tf_mk_test_view_drawn (fixture);
      item = tf_mk_test_find_kind (fixture, TF_MK_BUBBLE_KIND);
      assert_editor_on (fixture, item);
      if (i == 2)
        {
          graphene_rect_t box = editor_bounds (fixture);
          TfRect region;
          graphene_rect_t text;

          /* Far out, a readable line and a few of them, around the
           * bubble: what is typed stays in sight. */
          if (!tf_item_text_region (item, &region))
            region = item->bounds;
          text = on_screen (fixture, &region);
          g_assert_cmpfloat (text.size.width, <, 100);
          g_assert_cmpfloat (box.size.width, >=, 110);
          g_assert_cmpfloat (box.size.height, >=, 50);
          g_assert_true (graphene_rect_contains_point (&box, &GRAPHENE_POINT_INIT (
                           text.origin.x + text.size.width / 2, text.origin.y + text.size.height / 2)));
          type ("Une phrase assez longue");
          tf_mk_test_view_drawn (fixture);
          shoot (fixture, "bubble-editor-far");
          /* Emptied again, so that Escape takes the bubble back. */
          keys ("ctrl+a BackSpace");
        }
      if (i == 1)
        shoot (fixture, "bubble-editor");
      keys ("Escape");
      tf_mk_test_wait_count (fixture, TF_MK_BUBBLE_KIND, 0, "the empty bubble gone");
    }
}

/* --- /mockup-tools/panel --- */

static GtkRevealer *
panel_revealer (Fixture *fixture)
{
  GtkWidget *panel = tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_BOARD_PANEL);

  g_assert_nonnull (panel);
  return GTK_REVEALER (gtk_widget_get_ancestor (panel, GTK_TYPE_REVEALER));
}

typedef struct {
  gboolean open;
  int      width;   /* the view's width, when settled */
} PanelState;

static gboolean
panel_settled (Fixture *fixture,
               gpointer data)
{
  PanelState *state = data;
  GtkRevealer *revealer = panel_revealer (fixture);
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  gboolean done = gtk_revealer_get_reveal_child (revealer) == state->open &&
                  gtk_revealer_get_child_revealed (revealer) == state->open && width == state->width;

  state->width = width;
  return done;
}

static void
wait_panel (Fixture    *fixture,
            gboolean    open,
            const char *what)
{
  PanelState state = { open, -1 };

  tf_mk_test_wait_for (fixture, panel_settled, &state, what);
  tf_mk_test_view_drawn (fixture);
}

static void
test_panel (Fixture       *fixture,
            gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  const TfRect *p = &fixture->photo;
  graphene_rect_t shown;
  int width, height;
  double zoom;

  if (!can_drive (fixture))
    {
      g_test_skip ("needs X11 and xdotool to drive the pointer");
      return;
    }
  /* The panel opens with the board; F9 closes it. */
  focus_view (fixture);
  g_assert_true (gtk_revealer_get_reveal_child (panel_revealer (fixture)));
  keys ("F9");
  wait_panel (fixture, FALSE, "the panel closed");

  /* Zoomed and panned: the photo whole, its right edge near the view's,
   * small enough to show whole beside the panel. */
  width = gtk_widget_get_width (GTK_WIDGET (view));
  height = gtk_widget_get_height (GTK_WIDGET (view));
  {
    int panel_width = -1;

    gtk_widget_get_size_request (tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_BOARD_PANEL),
                                 &panel_width, NULL);
    g_assert_cmpint (panel_width, >, 0);
    g_assert_cmpint (width - panel_width, >, 100);
    zoom = MIN ((width - panel_width) * 0.7 / p->width, height * 0.8 / p->height);
  }
  tf_board_view_set_zoom (view, zoom);
  tf_canvas_view_set_origin (TF_CANVAS_VIEW (view), p->x + p->width - (width - 12) / zoom,
                             p->y + p->height / 2 - height / 2.0 / zoom);
  tf_board_view_select (view, &fixture->photo_id, 1);
  tf_mk_test_view_drawn (fixture);
  shown = on_screen (fixture, p);
  g_assert_cmpfloat (shown.origin.x, >=, 0);
  g_assert_cmpfloat (shown.origin.x + shown.size.width, <=, width);

  /* F9: the panel opens; the photo still shows whole, at the same zoom. */
  focus_view (fixture);
  keys ("F9");
  wait_panel (fixture, TRUE, "the panel open");
  width = gtk_widget_get_width (GTK_WIDGET (view));
  shown = on_screen (fixture, p);
  g_test_message ("view %d wide; photo from %.0f to %.0f", width, shown.origin.x,
                  shown.origin.x + shown.size.width);
  shoot (fixture, "panel");
  g_assert_cmpfloat_with_epsilon (tf_board_view_get_zoom (view), zoom, 1e-9);
  g_assert_cmpfloat (shown.origin.x, >=, -0.5);
  g_assert_cmpfloat (shown.origin.x + shown.size.width, <=, width + 0.5);
}

/* --- /mockup-tools/enter-photo --- */

static gboolean
focus_in_legend (Fixture *fixture,
                 gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (g_strcmp0 (gtk_widget_get_name (w), "legend-row") == 0)
      return TRUE;
  return FALSE;
}

static void
test_enter_photo (Fixture       *fixture,
                  gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  TfItem *callout;

  if (!can_drive (fixture))
    {
      g_test_skip ("needs X11 and xdotool to drive the pointer");
      return;
    }
  /* No callout yet: Enter starts the legend, a numbered callout on the
   * photo with its text field. */
  tf_board_view_select (view, &fixture->photo_id, 1);
  focus_view (fixture);
  keys ("Return");
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_CALLOUT_KIND, "a callout from Enter");
  tf_mk_test_wait_for (fixture, popover_entry_shown, NULL, "its legend field");
  g_assert_false (tf_board_view_get_editing (view));
  callout = tf_mk_test_find_kind (fixture, TF_MK_CALLOUT_KIND);
  g_assert_cmpint (((const TfMkCallout *) callout->data)->photo, ==, fixture->photo_id);
  type ("Guichet");
  keys ("Return");
  tf_mk_test_wait_for (fixture, callout_says, (gpointer) "Guichet", "the legend typed");

  /* With its callout: Enter puts the keyboard in the panel's legend, the
   * panel opened if F9 had closed it; nothing typed over the photo. */
  for (int i = 0; i < 2; i++)
    {
      tf_board_view_select (view, &fixture->photo_id, 1);
      focus_view (fixture);
      if (i == 1)
        {
          keys ("F9");
          wait_panel (fixture, FALSE, "the panel closed");
          focus_view (fixture);
        }
      keys ("Return");
      tf_mk_test_wait_for (fixture, focus_in_legend, NULL, "the keyboard in the panel's legend");
      g_assert_false (tf_board_view_get_editing (view));
      g_assert_true (gtk_revealer_get_reveal_child (panel_revealer (fixture)));
      g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_CALLOUT_KIND), ==, 1);
      if (i == 1)
        shoot (fixture, "enter-photo");
    }
}

/* --- /mockup-tools/picker --- */

static gboolean
thumbs_drawn (Fixture *fixture,
              gpointer data)
{
  GtkWidget *window = picker ();
  guint drawn = 0;

  if (window == NULL)
    return FALSE;
  for (GtkWidget *w = gtk_widget_get_first_child (tf_gui_test_find_widget (window, GTK_TYPE_FLOW_BOX)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *picture = tf_gui_test_find_widget (w, GTK_TYPE_PICTURE);
      GdkPaintable *paintable = picture != NULL ? gtk_picture_get_paintable (GTK_PICTURE (picture)) : NULL;

      if (paintable != NULL && gdk_paintable_get_intrinsic_width (paintable) > 0)
        drawn++;
    }
  return drawn == GPOINTER_TO_UINT (data);
}

static void
test_picker (Fixture       *fixture,
             gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  TfStore *store = tf_history_get_store (tf_window_get_history (fixture->window));
  TfItem *photo_item = tf_scene_lookup (tf_board_view_get_scene (view), fixture->photo_id);
  const TfMkPhoto *photo = tf_mk_photo_item_get (photo_item);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) images = tf_mk_images_list (store, tf_board_view_get_scene (view), photo->asset, photo->page,
                                                   &error);
  const TfMkImage *first;
  GtkWidget *window, *grid;
  TfItem *place;
  guint n = 0;

  if (!can_drive (fixture))
    {
      g_test_skip ("needs X11 and xdotool to drive the pointer");
      return;
    }
  g_assert_no_error (error);
  /* The demo's mockup lends its desk photo and the kit's cover; the
   * photo the image goes on is not offered. */
  g_assert_cmpuint (images->len, >=, 2);
  for (guint i = 0; i < images->len; i++)
    g_assert_false (((TfMkImage *) g_ptr_array_index (images, i))->asset == photo->asset);
  first = g_ptr_array_index (images, 0);

  /* Alt+P on the selected photo: the picker, "Choose a File…" then every
   * image, each drawn small by the helper. Escape: nothing placed. */
  tf_board_view_select (view, &fixture->photo_id, 1);
  focus_view (fixture);
  keys ("alt+p");
  tf_mk_test_wait_for (fixture, picker_focused, NULL, "the image picker, the keyboard in it");
  window = picker ();
  grid = tf_gui_test_find_widget (window, GTK_TYPE_FLOW_BOX);
  for (GtkWidget *w = gtk_widget_get_first_child (grid); w != NULL; w = gtk_widget_get_next_sibling (w))
    n++;
  g_assert_cmpuint (n, ==, images->len + 1);
  tf_mk_test_wait_for (fixture, thumbs_drawn, GUINT_TO_POINTER (images->len), "every image drawn small");
  shoot (fixture, "picker");
  focus_window (window);
  keys ("Escape");
  tf_mk_test_wait_for (fixture, picker_gone, NULL, "the picker closed by Escape");
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_PLACE_KIND), ==, 0);

  /* Again: Right, Enter places the first image the experiment holds, read
   * from the archive, on the photo. */
  tf_board_view_select (view, &fixture->photo_id, 1);
  focus_view (fixture);
  keys ("alt+p");
  tf_mk_test_wait_for (fixture, picker_focused, NULL, "the image picker again");
  focus_window (picker ());
  keys ("Right Return");
  tf_mk_test_wait_for (fixture, picker_gone, NULL, "the picker closed by Enter");
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_PLACE_KIND, "the image placed");
  tf_mk_test_wait_for (fixture, tf_mk_test_nothing_pending, NULL, "the image's decoding done");
  place = tf_mk_test_find_kind (fixture, TF_MK_PLACE_KIND);
  g_assert_cmpint (tf_mk_place_item_get (place)->asset, ==, first->asset);
  g_assert_cmpint (tf_mk_place_item_get (place)->page, ==, first->page);
  g_assert_cmpint (tf_mk_place_item_get (place)->photo, ==, fixture->photo_id);
  g_assert_true (tf_rect_contains_point (&fixture->photo, place->bounds.x + place->bounds.width / 2,
                                         place->bounds.y + place->bounds.height / 2));
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  g_test_add ("/mockup-tools/label", Fixture, NULL, fixture_set_up, test_label, fixture_tear_down);
  g_test_add ("/mockup-tools/on-placed-image", Fixture, NULL, fixture_set_up, test_on_placed_image,
              fixture_tear_down);
  g_test_add ("/mockup-tools/editor-size", Fixture, NULL, fixture_set_up, test_editor_size, fixture_tear_down);
  g_test_add ("/mockup-tools/panel", Fixture, NULL, fixture_set_up, test_panel, fixture_tear_down);
  g_test_add ("/mockup-tools/picker", Fixture, NULL, fixture_set_up, test_picker, fixture_tear_down);
  g_test_add ("/mockup-tools/enter-photo", Fixture, NULL, fixture_set_up, test_enter_photo, fixture_tear_down);
  return g_test_run ();
}
