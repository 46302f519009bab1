/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-mockup-keys"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gdk/x11/gdkx.h>
#include <cairo-pdf.h>

#include "core/tf-history.h"
#include "gui/mockups/tf-mockup-gui.h"
#include "gui/mockups/tf-mockup-pages.h"
#include "gui/mockups/tf-mockup-panel.h"
#include "core/tf-asset-source.h"
#include "mockups/tf-decode.h"
#include "mockups/tf-mockup-annotate.h"
#include "mockups/tf-mockup-commands.h"
#include "mockups/tf-mockup-items.h"
#include "mockups/tf-mockup-kinds.h"
#include "tf-board-page.h"
#include "tf-board-view-private.h"
#include "tf-experiment-view.h"
#include "tf-mockup-test-util.h"
#include "tf-window.h"

/* A mockup board with the keyboard only, keys sent by the X server
 * (xdotool) as a keyboard sends them: a board opened from the experiment
 * with Enter has the keyboard focus (any kind: a wall too); F6 goes round
 * the board, the tool rail, the side panel and the header (Shift+F6 back),
 * Tab moves in the rail; the photo's menu (Shift+F10) adds a
 * speech bubble and a blur region with no pointer, the region moved with
 * the arrows; Alt+Up goes from an item back to its photo, and the side
 * panel says what is selected and offers the same; Ctrl+F finds a photo by
 * its file's name and by its legend; Ctrl+O opens "Add Photo…", which the
 * board's menu and the board's own menu hold too. A PDF of several pages
 * asks which one in a grid of its pages drawn small (arrows, Enter,
 * Escape); one of 10 000 pages opens at once and draws only what is in
 * sight; its helper killed, the dialog says so and still answers.
 *
 * TF_SHOTS=DIR keeps screenshots (the rail focused, the photo's menu). */

typedef TfMkFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tf_mk_test_start (fixture, "test-mockup-keys");
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

/* A key to whatever has the keyboard now (a menu's popup, which a
 * focus request on the window would close). */
static void
menu_key (const char *name)
{
  const char *argv[] = { "timeout", "30", "xdotool", "key", "--clearmodifiers", name, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  tf_gui_test_settle (20);
}

/* Down in a menu until the entry @text has the keyboard. */
static void
menu_down_to (Fixture    *fixture,
              const char *text)
{
  for (guint i = 0; i < 12; i++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
      g_autofree char *label = NULL;

      tf_gui_test_settle (50);
      if (focus != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (focus), "text") != NULL)
        g_object_get (focus, "text", &label, NULL);
      g_test_message ("menu entry focused: %s", label);
      if (label != NULL && g_str_equal (label, text))
        return;
      menu_key ("Down");
    }
  g_error ("No menu entry %s", text);
}

static void
type_text (Fixture    *fixture,
           const char *text)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  const char *argv[] = { "timeout", "30", "xdotool", "windowfocus", "--sync", xid,
                         "type", "--clearmodifiers", text, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  tf_gui_test_settle (20);
}

static GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

static TfBoardPage *
board_page (Fixture *fixture)
{
  return TF_BOARD_PAGE (tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_BOARD_PAGE));
}

/* --- Opening a board from the experiment, with Enter --- */

static gboolean
board_shown (gpointer data)
{
  Fixture *fixture = data;
  TfBoardPage *page = board_page (fixture);

  return page != NULL && gtk_widget_get_mapped (GTK_WIDGET (page)) &&
         tf_board_page_get_board_id (page) == fixture->board_id;
}

static gboolean
row_focused (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *focus = focus_of (fixture);
  GtkWidget *row = focus != NULL && GTK_IS_LIST_BOX_ROW (focus) ? focus
                   : focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  return row != NULL && GTK_IS_ACTIONABLE (row) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), "win.open-board") == 0 &&
         g_variant_get_int64 (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row))) == fixture->board_id;
}

/* Opens board @board_id of the demo as a facilitator does with the
 * keyboard: the experiment shown, its board's row focused, Enter. Then
 * the board's own keys work at once: the focus is on its canvas, and
 * "+" zooms in. */
static void
open_with_enter (Fixture *fixture,
                 gint64   board_id)
{
  TfExperimentView *experiment;
  TfBoardView *view;
  double zoom;

  fixture->board_id = board_id;
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-experiment", "x", fixture->experiment_id);
  tf_gui_test_settle (50);
  experiment = TF_EXPERIMENT_VIEW (tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_EXPERIMENT_VIEW));
  g_assert_nonnull (experiment);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  tf_experiment_view_focus_board (experiment, board_id);
  tf_gui_test_wait_until (row_focused, fixture, "the board's row focused");
  key (fixture, "Return");
  tf_gui_test_wait_until (board_shown, fixture, "the board opened by Enter");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  tf_gui_test_settle (100);
  view = tf_board_page_get_view (board_page (fixture));
  g_test_message ("focus after Enter: %s", focus_of (fixture) != NULL ? G_OBJECT_TYPE_NAME (focus_of (fixture)) : "none");
  g_assert_true (focus_of (fixture) == GTK_WIDGET (view));
  zoom = tf_board_view_get_zoom (view);
  key (fixture, "plus");
  g_assert_cmpfloat (tf_board_view_get_zoom (view), >, zoom * 1.01);
  fixture->view = view;
}

static void
test_open_focus (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 wall = tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall", &fixture->experiment_id);
  gint64 mockup = tf_gui_test_find_demo_board (fixture->archive_path, "mockup", NULL);

  g_assert_cmpint (wall, >, 0);
  g_assert_cmpint (mockup, >, 0);
  open_with_enter (fixture, mockup);
  g_assert_nonnull (fixture->view->type_gui);
  /* Back to the experiment (Escape), then the wall, the same way. */
  key (fixture, "Escape");
  open_with_enter (fixture, wall);
  key (fixture, "Escape");
  open_with_enter (fixture, mockup);
}

/* --- A photo, and what the keyboard does with it --- */

/* A new mockup board with one photo from "bureau-accueil.png", selected,
 * the canvas focused. */
static void
board_with_photo (Fixture *fixture)
{
  tf_mk_test_new_board (fixture);
  tf_mk_test_add_photo (fixture, "bureau-accueil.png", 900, 600, 0.55, 0.62, 0.70);
  tf_board_view_select (fixture->view, &fixture->photo_id, 1);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_settle (20);
}

/* The tool rail: the box of the "mockup.tool" buttons. */
static GtkWidget *
rail (Fixture *fixture)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (fixture->view));

  for (GtkWidget *c = gtk_widget_get_first_child (overlay); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_has_css_class (c, "toolbar") && c != GTK_WIDGET (fixture->view) && gtk_widget_get_visible (c) &&
        gtk_widget_get_valign (c) == GTK_ALIGN_START)
      return c;
  return NULL;
}

static gboolean
in_rail (Fixture *fixture)
{
  GtkWidget *focus = focus_of (fixture);

  return focus != NULL && gtk_widget_is_ancestor (focus, rail (fixture));
}

/* The focus in the board page's side panel, or in its header. */
static gboolean
in_panel (Fixture *fixture)
{
  GtkWidget *focus = focus_of (fixture);
  GtkWidget *revealer = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_REVEALER) : NULL;

  return revealer != NULL && gtk_widget_is_ancestor (revealer, GTK_WIDGET (board_page (fixture))) &&
         gtk_widget_get_ancestor (revealer, ADW_TYPE_HEADER_BAR) == NULL;
}

static gboolean
in_header (Fixture *fixture)
{
  GtkWidget *focus = focus_of (fixture);
  GtkWidget *header = focus != NULL ? gtk_widget_get_ancestor (focus, ADW_TYPE_HEADER_BAR) : NULL;

  return header != NULL && gtk_widget_is_ancestor (header, GTK_WIDGET (board_page (fixture)));
}

static gboolean
view_focused (gpointer data)
{
  Fixture *fixture = data;

  return focus_of (fixture) == GTK_WIDGET (fixture->view);
}

static void
test_rail (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *first, *button;

  board_with_photo (fixture);
  g_assert_nonnull (rail (fixture));

  /* F6: from the board to the rail, on the current tool's button. */
  key (fixture, "F6");
  g_assert_true (in_rail (fixture));
  first = focus_of (fixture);
  g_assert_true (GTK_IS_ACTIONABLE (first));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (first)), ==, "mockup.tool");
  tf_mk_test_shoot (fixture, "rail-focused.png");

  /* Tab moves in the rail, each button named for a screen reader and
   * its tooltip telling its key when it has one. */
  key (fixture, "Tab");
  g_assert_true (in_rail (fixture));
  button = focus_of (fixture);
  g_assert_true (button != first);
  key (fixture, "shift+Tab");
  g_assert_true (focus_of (fixture) == first);
  for (GtkWidget *w = rail (fixture); w != NULL; )
    {
      GtkWidget *next = gtk_widget_get_first_child (w);

      if (GTK_IS_BUTTON (w))
        {
          GtkWidget *named = w;

          /* A menu button's tooltip is on the menu button. */
          while (named != rail (fixture) && gtk_widget_get_tooltip_text (named) == NULL)
            named = gtk_widget_get_parent (named);
          g_assert_true (named != rail (fixture));
          next = NULL;
        }
      else if (GTK_IS_POPOVER (w))
        next = NULL;
      if (next == NULL)
        {
          while (w != rail (fixture) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          next = w != rail (fixture) ? gtk_widget_get_next_sibling (w) : NULL;
        }
      w = next;
    }
  {
    /* "Add Photo…" tells its key. */
    GtkWidget *add = gtk_widget_get_first_child (rail (fixture));

    g_assert_true (GTK_IS_ACTIONABLE (add));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (add)), ==, "mockup.add-photo");
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (add), "Ctrl+O"));
  }

  /* Space on a tool's button arms the tool and gives the board the
   * keyboard, where Escape puts the tool down. */
  key (fixture, "Tab");
  key (fixture, "space");
  g_assert_cmpint (tf_mockup_gui_get_tool (fixture->view), !=, TF_MK_TOOL_SELECT);
  g_assert_true (focus_of (fixture) == GTK_WIDGET (fixture->view));
  key (fixture, "Escape");
  g_assert_cmpint (tf_mockup_gui_get_tool (fixture->view), ==, TF_MK_TOOL_SELECT);

  /* F6 goes round the panes: board, rail, side panel, header, board;
   * Shift+F6 the other way; Escape in the rail comes back too. */
  key (fixture, "F6");
  g_assert_true (in_rail (fixture));
  key (fixture, "F6");
  g_test_message ("F6 from the rail: %s", focus_of (fixture) ? G_OBJECT_TYPE_NAME (focus_of (fixture)) : "none");
  g_assert_true (in_panel (fixture));
  key (fixture, "F6");
  g_assert_true (in_header (fixture));
  key (fixture, "F6");
  g_assert_true (focus_of (fixture) == GTK_WIDGET (fixture->view));
  key (fixture, "shift+F6");
  g_assert_true (in_header (fixture));
  key (fixture, "shift+F6");
  g_assert_true (in_panel (fixture));
  key (fixture, "shift+F6");
  g_assert_true (in_rail (fixture));
  key (fixture, "Escape");
  g_assert_true (focus_of (fixture) == GTK_WIDGET (fixture->view));
  key (fixture, "F6");
  g_assert_true (in_rail (fixture));
  key (fixture, "shift+F6");
  g_assert_true (focus_of (fixture) == GTK_WIDGET (fixture->view));

  /* The current tool picked again (Space, Enter): the board has the
   * keyboard, not the rail nor the side panel. */
  key (fixture, "F6");
  g_assert_true (in_rail (fixture));
  key (fixture, "space");
  tf_gui_test_wait_until (view_focused, fixture, "the board focused after Space");
  g_assert_cmpint (tf_mockup_gui_get_tool (fixture->view), ==, TF_MK_TOOL_SELECT);
  key (fixture, "F6");
  g_assert_true (in_rail (fixture));
  key (fixture, "Return");
  tf_gui_test_wait_until (view_focused, fixture, "the board focused after Enter");
  g_assert_false (tf_board_view_get_editing (fixture->view));
  key (fixture, "F6");
  key (fixture, "shift+F6");
  g_assert_true (focus_of (fixture) == GTK_WIDGET (fixture->view));

  /* Ctrl+Tab and Ctrl+Shift+Tab leave the board as in any GTK window
   * (Tab goes through its items): Ctrl+Shift+Tab reaches the rail (at its
   * left), Tab from the rail's last button comes back to the board. */
  tf_board_view_select (fixture->view, NULL, 0);
  key (fixture, "ctrl+shift+Tab");
  g_test_message ("Ctrl+Shift+Tab from the board: %s", focus_of (fixture) ? G_OBJECT_TYPE_NAME (focus_of (fixture)) : "none");
  g_assert_true (in_rail (fixture));
  for (guint i = 0; i < 20 && in_rail (fixture); i++)
    key (fixture, "Tab");
  g_test_message ("Tab from the rail: %s", focus_of (fixture) ? G_OBJECT_TYPE_NAME (focus_of (fixture)) : "none");
  g_assert_true (focus_of (fixture) == GTK_WIDGET (fixture->view));
}

/* --- The photo's menu, Alt+Up, the panel --- */

static GtkWidget *
shown_popover (Fixture *fixture)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (fixture->view)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER_MENU (c) && gtk_widget_get_visible (c))
      return c;
  return NULL;
}

static gboolean
menu_shown (gpointer data)
{
  return shown_popover (data) != NULL;
}

static gboolean
menu_gone (gpointer data)
{
  return shown_popover (data) == NULL;
}

static gboolean
selected_is (Fixture *fixture,
             gint64   id)
{
  g_autoptr(GArray) selection = tf_board_view_get_selection (fixture->view);

  return selection->len == 1 && g_array_index (selection, gint64, 0) == id;
}

static gboolean
bubble_written (gpointer data)
{
  Fixture *fixture = data;
  TfItem *bubble = tf_mk_test_find_kind (fixture, TF_MK_BUBBLE_KIND);

  return bubble != NULL && g_strcmp0 (bubble->text, "Bonjour") == 0 && !tf_board_view_get_editing (fixture->view);
}

static gboolean
editing (gpointer data)
{
  return tf_board_view_get_editing (((Fixture *) data)->view);
}

/* The button named @name in the board page, when it shows. */
static GtkWidget *
page_button (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, board_page (fixture));
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_widget_get_name (w), name) == 0 && gtk_widget_is_drawable (w))
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return NULL;
}

static gboolean selected_is (Fixture *fixture, gint64 id);

static gboolean
photo_selected (gpointer data)
{
  Fixture *fixture = data;

  return selected_is (fixture, fixture->photo_id);
}

static gboolean
panel_offers_photo (gpointer data)
{
  Fixture *fixture = data;

  return page_button (fixture, "select-photo") != NULL &&
         tf_gui_test_find_label (GTK_WIDGET (board_page (fixture)), "Post-it Note") != NULL &&
         tf_gui_test_find_label (GTK_WIDGET (board_page (fixture)), "On Photo 1 · bureau-accueil.png") != NULL;
}

static void
test_menu (Fixture       *fixture,
           gconstpointer  data)
{
  TfItem *photo, *blur, *bubble, *note;
  TfRect was;
  gint64 id;

  board_with_photo (fixture);
  photo = tf_mk_test_find_kind (fixture, TF_MK_PHOTO_KIND);

  /* The photo's menu from the keyboard holds the speech bubble: its
   * mnemonic adds one pointing at the photo, its text typed at once. */
  key (fixture, "shift+F10");
  tf_gui_test_wait_until (menu_shown, fixture, "the photo's menu");
  tf_mk_test_shoot (fixture, "photo-menu.png");
  g_assert_nonnull (tf_gui_test_find_label (shown_popover (fixture), "Speech B"));
  /* Place Image…, Add Callout, Speech Bubble. */
  menu_down_to (fixture, "Speech Bubble");
  menu_key ("Return");
  tf_gui_test_wait_until (editing, fixture, "the bubble's editor");
  type_text (fixture, "Bonjour");
  key (fixture, "Return");
  tf_gui_test_wait_until (bubble_written, fixture, "the bubble written");
  bubble = tf_mk_test_find_kind (fixture, TF_MK_BUBBLE_KIND);
  g_assert_true (selected_is (fixture, bubble->id));

  /* Alt+Up: back to the photo. */
  key (fixture, "alt+Up");
  g_assert_true (selected_is (fixture, fixture->photo_id));

  /* "Blur Region" from the menu makes a region a fifth of the photo, on
   * a free spot of it (covering nothing already there), selected: the
   * arrows move it. */
  key (fixture, "Menu");
  tf_gui_test_wait_until (menu_shown, fixture, "the photo's menu");
  /* Place Image…, Add Callout, Speech Bubble, Blur Region. */
  menu_down_to (fixture, "Blur Region");
  menu_key ("Return");
  tf_gui_test_wait_until (menu_gone, fixture, "the menu closed");
  blur = tf_mk_test_find_kind (fixture, TF_MK_BLUR_KIND);
  g_assert_nonnull (blur);
  photo = tf_mk_test_find_kind (fixture, TF_MK_PHOTO_KIND);
  g_assert_cmpfloat (fabs (blur->bounds.width - photo->bounds.width / 5), <, 1);
  g_assert_cmpfloat (fabs (blur->bounds.height - photo->bounds.height / 5), <, 1);
  g_assert_true (tf_rect_contains_rect (&photo->bounds, &blur->bounds));
  {
    GPtrArray *all = tf_scene_get_items (tf_board_view_get_scene (fixture->view));

    for (guint i = 0; i < all->len; i++)
      {
        TfItem *other = g_ptr_array_index (all, i);

        if (other != blur && g_strcmp0 (other->kind_id, TF_MK_PHOTO_KIND) != 0)
          g_assert_false (tf_rect_intersects (&other->bounds, &blur->bounds));
      }
  }
  g_assert_true (selected_is (fixture, blur->id));
  g_assert_cmpint (tf_mockup_gui_get_tool (fixture->view), ==, TF_MK_TOOL_SELECT);
  g_assert_true (focus_of (fixture) == GTK_WIDGET (fixture->view));
  was = blur->bounds;
  key (fixture, "Right");
  key (fixture, "shift+Down");
  blur = tf_mk_test_find_kind (fixture, TF_MK_BLUR_KIND);
  g_assert_cmpfloat (blur->bounds.x, >, was.x);
  g_assert_cmpfloat (blur->bounds.y, >, was.y + (blur->bounds.x - was.x));
  key (fixture, "alt+Up");
  g_assert_true (selected_is (fixture, fixture->photo_id));

  /* A post-it (Alt+N): the panel says what it is and on which photo, and
   * offers to go back to it, as Alt+Up does. */
  key (fixture, "alt+n");
  tf_gui_test_wait_until (editing, fixture, "the post-it's editor");
  type_text (fixture, "Idee");
  key (fixture, "Escape");
  note = tf_mk_test_find_kind (fixture, TF_MK_NOTE_KIND);
  g_assert_nonnull (note);
  g_assert_true (selected_is (fixture, note->id));
  tf_mk_test_shoot (fixture, "postit-panel.png");
  tf_gui_test_wait_until (panel_offers_photo, fixture, "the panel offering the post-it's photo");
  {
    GtkWidget *none = tf_gui_test_find_label (GTK_WIDGET (board_page (fixture)), "No photo selected");

    g_assert_true (none == NULL || !gtk_widget_is_drawable (none));
  }
  gtk_widget_activate (page_button (fixture, "select-photo"));
  tf_gui_test_wait_until (photo_selected, fixture, "the photo selected from the panel");
  id = note->id;
  tf_board_view_select (fixture->view, &id, 1);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_settle (20);
  /* Its menu holds the way back too. */
  key (fixture, "shift+F10");
  tf_gui_test_wait_until (menu_shown, fixture, "the post-it's menu");
  g_assert_nonnull (tf_gui_test_find_label (shown_popover (fixture), "Select Its "));
  /* Edit Text, Delete, Select Its Photo. */
  menu_down_to (fixture, "Select Its Photo");
  menu_key ("Return");
  tf_gui_test_wait_until (menu_gone, fixture, "the menu closed");
  g_assert_true (selected_is (fixture, fixture->photo_id));
}

/* --- Search, Ctrl+O --- */

static gboolean
one_match (gpointer data)
{
  Fixture *fixture = data;

  return tf_gui_test_find_label (GTK_WIDGET (board_page (fixture)), "1 of 1") != NULL;
}

static gboolean
no_match (gpointer data)
{
  Fixture *fixture = data;

  return tf_gui_test_find_label (GTK_WIDGET (board_page (fixture)), "No matches") != NULL;
}

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
file_dialog_shown (gpointer data)
{
  return file_dialog () != NULL;
}

static gboolean
file_dialog_gone (gpointer data)
{
  return file_dialog () == NULL;
}

static gboolean
two_matches (gpointer data)
{
  Fixture *fixture = data;

  return tf_gui_test_find_label (GTK_WIDGET (board_page (fixture)), "1 of 2") != NULL;
}

/* Whether @model (or a section of it) has an item of @action. */
static gboolean
menu_has (GMenuModel *model,
          const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      GMenuModel *section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      gboolean found = section != NULL && menu_has (section, action);

      g_clear_object (&section);
      if (found || (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
                    g_strcmp0 (name, action) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
test_search_open (Fixture       *fixture,
                  gconstpointer  data)
{
  board_with_photo (fixture);

  /* Ctrl+F finds the photo by its file's name. */
  key (fixture, "ctrl+f");
  type_text (fixture, "accueil");
  tf_gui_test_wait_until (one_match, fixture, "the photo found by its file's name");
  key (fixture, "ctrl+a");
  type_text (fixture, "vitrine");
  tf_gui_test_wait_until (no_match, fixture, "no match for another name");
  key (fixture, "Escape");
  tf_gui_test_settle (20);

  /* And by its legend: a callout's text finds the callout and its photo. */
  tf_gui_test_execute (fixture->view, tf_mk_command_add_callout (fixture->photo_id, 100, 100, "Guichet unique"));
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  key (fixture, "ctrl+f");
  key (fixture, "ctrl+a");
  type_text (fixture, "guichet");
  tf_gui_test_wait_until (two_matches, fixture, "the photo and its callout found by the legend");
  key (fixture, "Escape");
  tf_gui_test_settle (20);

  /* Ctrl+O on the board: "Add Photo…"'s dialog. */
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  key (fixture, "ctrl+o");
  tf_gui_test_wait_until (file_dialog_shown, NULL, "the file dialog from Ctrl+O");
  {
    GtkWidget *dialog = file_dialog ();
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (dialog));
    g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
    const char *argv[] = { "timeout", "30", "xdotool", "windowfocus", "--sync", xid,
                           "key", "--clearmodifiers", "Escape", NULL };
    int status = 0;

    gtk_test_widget_wait_for_draw (dialog);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, NULL));
  }
  tf_gui_test_wait_until (file_dialog_gone, NULL, "the file dialog closed");

  /* The board's menu holds "Add Photo…" too. */
  {
    GtkWidget *page = GTK_WIDGET (board_page (fixture));
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();
    gboolean found = FALSE;

    g_ptr_array_add (stack, page);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w)) != NULL &&
            menu_has (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w)), "mockup.add-photo"))
          found = TRUE;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
    g_assert_true (found);
  }
}

/* --- Alt+C, Alt+B on an image placed on the photo --- */

static gboolean
image_placed (gpointer data)
{
  Fixture *fixture = data;

  return tf_mockup_gui_get_n_pending (fixture->view) == 0 && tf_mk_test_find_kind (fixture, TF_MK_PLACE_KIND) != NULL;
}

static gboolean
callout_added (gpointer data)
{
  return tf_mk_test_find_kind (data, TF_MK_CALLOUT_KIND) != NULL;
}

static gboolean
bubble_added (gpointer data)
{
  return tf_mk_test_find_kind (data, TF_MK_BUBBLE_KIND) != NULL;
}

static gboolean
not_editing (gpointer data)
{
  return !tf_board_view_get_editing (((Fixture *) data)->view);
}

static gboolean
legend_open (gpointer data)
{
  GtkWidget *focus = focus_of (data);

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) != NULL &&
         gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL;
}

static gboolean
legend_closed (gpointer data)
{
  return !legend_open (data);
}

static gboolean
reset_shown (gpointer data)
{
  return page_button (data, "reset-button") != NULL;
}

/* Alt+C (Alt+B) with an image placed on the photo selected adds a
 * callout (a bubble) on that photo, at the image's middle, the side
 * panel shown: the panel's "Reset Corners" button had C for its
 * mnemonic, which the window gave Alt+C before the board, and the
 * corners were reset instead. */
static void
test_alt_on_image (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  TfItem *place, *photo, *callout, *bubble;
  gint64 place_id;
  TfQuad quad, after;
  double cx, cy;

  board_with_photo (fixture);
  path = tf_gui_test_write_png (fixture->dir, "ecran.png", 300, 200, 0.9, 0.4, 0.2);
  file = g_file_new_for_path (path);
  g_assert_true (tf_mockup_gui_place_file (fixture->view, fixture->photo_id, file));
  tf_gui_test_wait_until (image_placed, fixture, "the image placed on the photo");
  place_id = tf_mk_test_find_kind (fixture, TF_MK_PLACE_KIND)->id;
  /* The image in the photo's upper left quarter, slanted: its middle is
   * not the photo's. */
  photo = tf_mk_test_find_kind (fixture, TF_MK_PHOTO_KIND);
  {
    TfRect b = photo->bounds;

    quad = (TfQuad) { { { b.x + 0.10 * b.width, b.y + 0.12 * b.height },
                        { b.x + 0.40 * b.width, b.y + 0.10 * b.height },
                        { b.x + 0.38 * b.width, b.y + 0.40 * b.height },
                        { b.x + 0.12 * b.width, b.y + 0.36 * b.height } } };
  }
  tf_gui_test_execute (fixture->view, tf_mk_command_set_corners (place_id, &quad));
  tf_gui_test_settle (20);
  place = tf_mk_test_find_kind (fixture, TF_MK_PLACE_KIND);
  g_assert_true (tf_mk_place_item_quad (place, &quad));
  cx = place->bounds.x + place->bounds.width / 2;
  cy = place->bounds.y + place->bounds.height / 2;

  tf_board_view_select (fixture->view, &place_id, 1);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_wait_until (reset_shown, fixture, "the panel's Reset Corners button");
  key (fixture, "alt+c");
  tf_gui_test_wait_until (callout_added, fixture, "a callout from Alt+C");
  callout = tf_mk_test_find_kind (fixture, TF_MK_CALLOUT_KIND);
  g_assert_cmpint (tf_mockup_gui_photo_under (fixture->view, callout->id), ==, fixture->photo_id);
  g_assert_cmpfloat_with_epsilon (callout->bounds.x + callout->bounds.width / 2, cx, 1.0);
  g_assert_cmpfloat_with_epsilon (callout->bounds.y + callout->bounds.height / 2, cy, 1.0);
  g_assert_true (tf_mk_place_item_quad (tf_mk_test_find_kind (fixture, TF_MK_PLACE_KIND), &after));
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat_with_epsilon (after.p[i].x, quad.p[i].x, 1e-6);
      g_assert_cmpfloat_with_epsilon (after.p[i].y, quad.p[i].y, 1e-6);
    }
  /* Its legend's field open at once; Escape closes it. */
  tf_gui_test_wait_until (legend_open, fixture, "the callout's legend field");
  menu_key ("Escape");
  tf_gui_test_wait_until (legend_closed, fixture, "the legend's field closed");

  /* Alt+B: a bubble the same way. */
  tf_board_view_select (fixture->view, &place_id, 1);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_wait_until (reset_shown, fixture, "the panel's Reset Corners button");
  key (fixture, "alt+b");
  tf_gui_test_wait_until (bubble_added, fixture, "a bubble from Alt+B");
  bubble = tf_mk_test_find_kind (fixture, TF_MK_BUBBLE_KIND);
  g_assert_cmpint (tf_mockup_gui_photo_under (fixture->view, bubble->id), ==, fixture->photo_id);
  g_assert_true (tf_mk_place_item_quad (tf_mk_test_find_kind (fixture, TF_MK_PLACE_KIND), &after));
  g_assert_cmpfloat_with_epsilon (after.p[0].x, quad.p[0].x, 1e-6);
  tf_gui_test_wait_until (editing, fixture, "the bubble's text edited");
  type_text (fixture, "Bonjour");
  key (fixture, "Return");
  tf_gui_test_wait_until (not_editing, fixture, "the bubble written");
}

/* Enter on a placed image has no empty text to open: it takes the image's
 * corners (an arrow then moves the first, Enter keeps it). Enter with
 * nothing selected opens nothing; a letter typed with the pointer off the
 * photos writes a label on the photo (the only one here), never a free
 * label off it. */
static void
test_enter_and_typing (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  gint64 place_id;
  TfQuad before, after;
  TfItem *label;

  board_with_photo (fixture);
  path = tf_gui_test_write_png (fixture->dir, "affiche.png", 300, 200, 0.9, 0.4, 0.2);
  file = g_file_new_for_path (path);
  g_assert_true (tf_mockup_gui_place_file (fixture->view, fixture->photo_id, file));
  tf_gui_test_wait_until (image_placed, fixture, "the image placed on the photo");
  place_id = tf_mk_test_find_kind (fixture, TF_MK_PLACE_KIND)->id;
  g_assert_true (tf_mk_place_item_quad (tf_mk_test_find_kind (fixture, TF_MK_PLACE_KIND), &before));

  tf_board_view_select (fixture->view, &place_id, 1);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_settle (20);
  key (fixture, "Return");
  g_assert_false (tf_board_view_get_editing (fixture->view));
  key (fixture, "shift+Right");
  key (fixture, "Return");
  g_assert_false (tf_board_view_get_editing (fixture->view));
  g_assert_true (tf_mk_place_item_quad (tf_mk_test_find_kind (fixture, TF_MK_PLACE_KIND), &after));
  g_assert_cmpfloat (after.p[0].x, >, before.p[0].x + 1e-3);
  g_assert_cmpfloat_with_epsilon (after.p[1].x, before.p[1].x, 1e-6);

  /* Nothing selected: Enter opens no editor, makes nothing. */
  tf_board_view_clear_selection (fixture->view);
  fixture->view->pointer_inside = FALSE;
  key (fixture, "Return");
  tf_gui_test_settle (20);
  g_assert_false (tf_board_view_get_editing (fixture->view));
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_LABEL_KIND), ==, 0);

  /* A letter: a label on the photo, being written. */
  key (fixture, "shift+o");
  tf_gui_test_wait_until (editing, fixture, "the label written");
  type_text (fixture, "n entre");
  key (fixture, "Return");
  tf_gui_test_wait_until (not_editing, fixture, "the label kept");
  label = tf_mk_test_find_kind (fixture, TF_MK_LABEL_KIND);
  g_assert_nonnull (label);
  g_assert_cmpstr (label->text, ==, "On entre");
  g_assert_cmpint (tf_mockup_gui_photo_under (fixture->view, label->id), ==, fixture->photo_id);
}

static gboolean
blur_added (gpointer data)
{
  return tf_mk_test_count_kind (data, TF_MK_BLUR_KIND) == 1;
}

static gboolean
tool_down (gpointer data)
{
  return tf_mockup_gui_get_tool (((Fixture *) data)->view) == TF_MK_TOOL_SELECT;
}

/* A tool armed from the rail applies to the selected photo with Enter
 * (or Space), and is put down; the photo tools have their Alt keys. */
static void
test_tool_by_key (Fixture       *fixture,
                  gconstpointer  data)
{
  board_with_photo (fixture);
  tf_mockup_gui_set_tool (fixture->view, TF_MK_TOOL_BLUR);
  tf_board_view_select (fixture->view, &fixture->photo_id, 1);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  key (fixture, "Return");
  tf_gui_test_wait_until (blur_added, fixture, "a blur region from Enter");
  tf_gui_test_wait_until (tool_down, fixture, "the blur tool put down");
  g_assert_cmpint (tf_mockup_gui_photo_under (fixture->view, tf_mk_test_find_kind (fixture, TF_MK_BLUR_KIND)->id),
                   ==, fixture->photo_id);

  tf_mockup_gui_set_tool (fixture->view, TF_MK_TOOL_CALLOUT);
  tf_board_view_select (fixture->view, &fixture->photo_id, 1);
  key (fixture, "space");
  tf_gui_test_wait_until (callout_added, fixture, "a callout from Space");
  tf_gui_test_wait_until (tool_down, fixture, "the callout tool put down");
  tf_gui_test_wait_until (legend_open, fixture, "the callout's legend field");
  menu_key ("Escape");
  tf_gui_test_wait_until (legend_closed, fixture, "the legend's field closed");

  /* Alt+R: the crop tool; Escape puts it down. */
  tf_board_view_select (fixture->view, &fixture->photo_id, 1);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  key (fixture, "alt+r");
  g_assert_cmpint (tf_mockup_gui_get_tool (fixture->view), ==, TF_MK_TOOL_CROP);
  key (fixture, "Escape");
  tf_gui_test_wait_until (tool_down, fixture, "the crop tool put down");
  /* Alt+U: a second blur region on the selected photo. */
  tf_board_view_select (fixture->view, &fixture->photo_id, 1);
  key (fixture, "alt+u");
  tf_mk_test_wait_count (fixture, TF_MK_BLUR_KIND, 2, "a blur region from Alt+U");
}

/* Escape steps back one thing at a time: from the side panel to the
 * board, then the selection dropped, then only the board left. */
static void
test_escape_steps (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *page, *panel;
  gint64 id;

  board_with_photo (fixture);
  {
    TfItem *photo = tf_mk_test_find_kind (fixture, TF_MK_PHOTO_KIND);

    tf_gui_test_execute (fixture->view, tf_mk_command_add_callout (fixture->photo_id, photo->bounds.x + 50,
                                                                   photo->bounds.y + 50, "Entrée"));
  }
  tf_gui_test_settle (20);
  id = tf_mk_test_find_kind (fixture, TF_MK_CALLOUT_KIND)->id;
  tf_board_view_select (fixture->view, &id, 1);
  page = GTK_WIDGET (board_page (fixture));
  panel = tf_gui_test_find_widget (page, TF_TYPE_MOCKUP_PANEL);
  g_assert_nonnull (panel);
  tf_gui_test_settle (50);
  g_assert_true (gtk_widget_child_focus (panel, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (focus_of (fixture), panel));

  key (fixture, "Escape");
  g_assert_true (focus_of (fixture) == GTK_WIDGET (fixture->view));
  g_assert_cmpuint (tf_board_view_get_n_selected (fixture->view), ==, 1);
  g_assert_true (board_shown (fixture));
  key (fixture, "Escape");
  g_assert_cmpuint (tf_board_view_get_n_selected (fixture->view), ==, 0);
  g_assert_true (board_shown (fixture));
  /* Escape never leaves the board (#17): Alt+Left does. */
  key (fixture, "Escape");
  tf_gui_test_settle (50);
  g_assert_true (board_shown (fixture));
  key (fixture, "alt+Left");
  tf_gui_test_settle (50);
  g_assert_false (board_shown (fixture));
}

/* --- What a pictogram's menu and a blur region's panel offer --- */

static gboolean
search_focused (gpointer data)
{
  GtkWidget *focus = focus_of (data);

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL;
}

static gboolean
stamp_added (gpointer data)
{
  return tf_mk_test_find_kind (data, TF_MK_STAMP_KIND) != NULL;
}

static gboolean
select_photo_shown (gpointer data)
{
  return page_button (data, "select-photo") != NULL;
}

/* The picker's names under their pictograms, whole: wrapped, never
 * ellipsized ("Cabinet d…"); how many were seen. */
static guint
check_picker_names (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_FLOW_BOX) != NULL &&
      gtk_widget_get_mapped (widget))
    {
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (widget)), ==, PANGO_ELLIPSIZE_NONE);
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += check_picker_names (child);
  return n;
}

/* A pictogram has no text: its menu offers no "Edit Text"; a blur
 * region's panel offers "Select Its Photo" as the rest on a photo. */
static void
test_text_and_photo (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 id;
  GtkWidget *popover;

  board_with_photo (fixture);
  /* No warning while the picker opens and lays its names out (GTK 4.8
   * warned of a negative minimum width for ellipsized names). */
  {
    GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

    key (fixture, "alt+s");
    tf_gui_test_wait_until (search_focused, fixture, "the pictogram library");
    tf_gui_test_settle (20);
    g_assert_cmpuint (check_picker_names (gtk_widget_get_ancestor (focus_of (fixture), GTK_TYPE_POPOVER)), >, 4);
    g_log_set_always_fatal (fatal);
  }
  menu_key ("Return");
  tf_gui_test_wait_until (stamp_added, fixture, "a pictogram on the photo");
  id = tf_mk_test_find_kind (fixture, TF_MK_STAMP_KIND)->id;
  tf_board_view_select (fixture->view, &id, 1);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_settle (20);
  key (fixture, "shift+F10");
  tf_gui_test_wait_until (menu_shown, fixture, "the pictogram's menu");
  popover = shown_popover (fixture);
  g_assert_true (menu_has (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)), "mockup.delete"));
  g_assert_false (menu_has (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)), "mockup.edit-text"));
  menu_key ("Escape");
  tf_gui_test_wait_until (menu_gone, fixture, "the menu closed");

  {
    TfItem *photo = tf_mk_test_find_kind (fixture, TF_MK_PHOTO_KIND);
    TfRect region = TF_RECT_INIT (photo->bounds.x + 20, photo->bounds.y + 20, 80, 60);

    tf_gui_test_execute (fixture->view, tf_mk_command_add_blur (fixture->photo_id, &region, TF_MK_BLUR_RECT,
                                                                TF_MK_BLUR_PIXELATE));
  }
  tf_gui_test_settle (20);
  id = tf_mk_test_find_kind (fixture, TF_MK_BLUR_KIND)->id;
  tf_board_view_select (fixture->view, &id, 1);
  tf_gui_test_wait_until (select_photo_shown, fixture, "the blur region's panel offering its photo");
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  key (fixture, "alt+Up");
  tf_gui_test_wait_until (photo_selected, fixture, "the photo selected again");
}

/* The found photo is whole in the view, with no zoom past 100 %. */
static gboolean
photo_framed (gpointer data)
{
  Fixture *fixture = data;
  const TfItem *item = tf_scene_lookup (tf_board_view_get_scene (fixture->view), fixture->photo_id);
  int width = gtk_widget_get_width (GTK_WIDGET (fixture->view));
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  double x0, y0, x1, y1;

  tf_board_view_to_widget (fixture->view, item->bounds.x, item->bounds.y, &x0, &y0);
  tf_board_view_to_widget (fixture->view, item->bounds.x + item->bounds.width,
                           item->bounds.y + item->bounds.height, &x1, &y1);
  return tf_board_view_get_zoom (fixture->view) <= 1.0 + 1e-9 &&
         x0 >= -0.5 && y0 >= -0.5 && x1 <= width + 0.5 && y1 <= height + 0.5;
}

/* Ctrl+F on a wide photo seen at 100 %: the match is framed whole, the view
 * steps back instead of cutting it (the walkthrough's cut label and photo). */
static void
test_search_frames (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = tf_gui_test_write_png (fixture->dir, "bureau-long.png", 3200, 400, 0.55, 0.62, 0.70);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  fixture->view = tf_gui_test_new_board (fixture->window, fixture->archive_path, "mockup", "Long",
                                         &fixture->experiment_id, &fixture->board_id);
  g_assert_true (tf_mockup_gui_add_file (fixture->view, file, -1));
  tf_mk_test_wait_count (fixture, TF_MK_PHOTO_KIND, 1, "the photo on the board");
  tf_mk_test_wait_for (fixture, tf_mk_test_nothing_pending, NULL, "the photo's decoding done");
  fixture->photo_id = tf_mk_test_find_kind (fixture, TF_MK_PHOTO_KIND)->id;
  tf_gui_test_settle (20);
  /* At 100 %, the photo is wider than the view. */
  tf_board_view_set_zoom (fixture->view, 1.0);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_settle (20);
  g_assert_false (photo_framed (fixture));

  key (fixture, "ctrl+f");
  type_text (fixture, "bureau");
  tf_gui_test_wait_until (one_match, fixture, "the photo found by its file's name");
  tf_gui_test_wait_until (photo_framed, fixture, "the found photo framed whole");
}

/* + and − with a callout selected near the photo's corner: the callout
 * stays where it was on screen, the zoom turns around it. */
static void
test_zoom_keeps_selection (Fixture       *fixture,
                           gconstpointer  data)
{
  const TfItem *callout;
  double x0, y0, x, y;
  gint64 id;

  board_with_photo (fixture);
  tf_gui_test_execute (fixture->view, tf_mk_command_add_callout (fixture->photo_id, 60, 60, "Guichet"));
  callout = tf_gui_test_find_kind (fixture->view, TF_MK_CALLOUT_KIND);
  id = callout->id;
  tf_board_view_select (fixture->view, &id, 1);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_settle (20);
  tf_board_view_to_widget (fixture->view, callout->bounds.x + callout->bounds.width / 2,
                           callout->bounds.y + callout->bounds.height / 2, &x0, &y0);
  g_assert_cmpfloat (x0, >, 0);
  g_assert_cmpfloat (y0, >, 0);

  for (guint i = 0; i < 6; i++)
    key (fixture, "plus");
  key (fixture, "minus");
  callout = tf_scene_lookup (tf_board_view_get_scene (fixture->view), id);
  tf_board_view_to_widget (fixture->view, callout->bounds.x + callout->bounds.width / 2,
                           callout->bounds.y + callout->bounds.height / 2, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, x0, 1.0);
  g_assert_cmpfloat_with_epsilon (y, y0, 1.0);
}

/* --- A PDF of several pages --- */

static GtkWidget *
page_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (tf_mockup_pages_is_dialog (GTK_WIDGET (window)) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
page_dialog_shown (gpointer data)
{
  return page_dialog () != NULL;
}

static gboolean
page_dialog_gone (gpointer data)
{
  return page_dialog () == NULL;
}

static GtkSingleSelection *
page_selection (void)
{
  GtkWidget *dialog = page_dialog ();
  GtkWidget *grid = dialog != NULL ? tf_gui_test_find_widget (dialog, GTK_TYPE_GRID_VIEW) : NULL;

  return grid != NULL ? GTK_SINGLE_SELECTION (gtk_grid_view_get_model (GTK_GRID_VIEW (grid))) : NULL;
}

/* The page selected in the dialog (from 0), -1 without a dialog. */
static int
selected_page (void)
{
  GtkSingleSelection *selection = page_selection ();

  return selection != NULL ? (int) gtk_single_selection_get_selected (selection) : -1;
}

static void
collect_pictures (GtkWidget *widget,
                  GPtrArray *pictures)
{
  if (GTK_IS_PICTURE (widget))
    g_ptr_array_add (pictures, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_pictures (c, pictures);
}

/* Every page in sight is drawn (none left blank; the grid's cells out of
 * its scrolled window's sight do not count). */
static gboolean
pages_in_sight_drawn (gpointer data)
{
  GtkWidget *dialog = page_dialog ();
  GtkWidget *scrolled = dialog != NULL ? tf_gui_test_find_widget (dialog, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  g_autoptr(GPtrArray) pictures = g_ptr_array_new ();
  graphene_rect_t sight;
  guint in_sight = 0;

  if (scrolled == NULL)
    return FALSE;
  sight = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (scrolled), gtk_widget_get_height (scrolled));
  collect_pictures (scrolled, pictures);
  for (guint i = 0; i < pictures->len; i++)
    {
      graphene_rect_t bounds;

      if (!gtk_widget_compute_bounds (pictures->pdata[i], scrolled, &bounds) ||
          !graphene_rect_intersection (&bounds, &sight, NULL))
        continue;
      in_sight++;
      if (gtk_picture_get_paintable (pictures->pdata[i]) == NULL)
        return FALSE;
    }
  return in_sight > 0;
}

static gboolean
one_photo (gpointer data)
{
  return tf_mk_test_count_kind (data, TF_MK_PHOTO_KIND) == 1;
}

/* Nothing is read while the dialog asks: no reading bar behind it. */
static gboolean
reading_bar_shown (Fixture *fixture)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (fixture->view));

  for (GtkWidget *c = gtk_widget_get_first_child (overlay); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_visible (c) && gtk_widget_has_css_class (c, "osd") && tf_gui_test_find_widget (c, GTK_TYPE_PROGRESS_BAR) != NULL)
      return TRUE;
  return FALSE;
}

/* A PDF of @n_pages small pages, each of its own colour (@colours: n × 3). */
static void
write_pdf (const char   *path,
           int           n_pages,
           const double *colours,
           int           n_colours)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 300, 200);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      const double *rgb = colours + 3 * (i % n_colours);

      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_paint (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* The photo's page read back from the archive, drawn by the helper: its
 * middle pixel (0xRRGGBB). */
static guint32
photo_colour (Fixture *fixture,
              TfItem  *item)
{
  const TfMkPhoto *photo = tf_mk_photo_item_get (item);
  TfAssetSource *assets = tf_asset_source_new_for_store (tf_history_get_store (fixture->view->history));
  g_autoptr(GError) error = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GBytes) bytes = tf_asset_source_load (assets, photo->asset, &mime_type, &error);
  TfDecodeOptions options = { TF_DECODE_WANT_PIXELS, photo->page, 30, 20 };
  g_autoptr(TfDecoded) decoded = NULL;
  const guint8 *row;

  g_assert_no_error (error);
  g_assert_cmpstr (mime_type, ==, "application/pdf");
  decoded = tf_decode_bytes (bytes, &options, NULL, &error);
  g_assert_no_error (error);
  tf_asset_source_unref (assets);
  row = cairo_image_surface_get_data (decoded->pixels) +
        cairo_image_surface_get_stride (decoded->pixels) * (cairo_image_surface_get_height (decoded->pixels) / 2);
  return ((const guint32 *) row)[cairo_image_surface_get_width (decoded->pixels) / 2] & 0xffffff;
}

/* The keyboard is on the selected page's cell. */
static gboolean
selected_page_focused (gpointer data)
{
  GtkWidget *dialog = page_dialog ();
  GtkWidget *focus = dialog != NULL ? gtk_root_get_focus (GTK_ROOT (dialog)) : NULL;
  GtkWidget *grid = dialog != NULL ? tf_gui_test_find_widget (dialog, GTK_TYPE_GRID_VIEW) : NULL;
  g_autofree char *number = g_strdup_printf ("%d", selected_page () + 1);
  GtkWidget *label;

  if (focus == NULL || grid == NULL || !gtk_widget_is_ancestor (focus, grid) || !gtk_widget_is_visible (dialog))
    return FALSE;
  label = tf_gui_test_find_widget (focus, GTK_TYPE_LABEL);
  return label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), number) == 0;
}

static gboolean
page_three_selected (gpointer data)
{
  return selected_page () == 2;
}

/* A PDF of five pages asks which one in a grid of its pages, each drawn
 * small by the helper, page 1 selected with the keyboard on it; Right
 * twice then Enter adds page 3 (read back from the archive: its colour);
 * Escape adds nothing. */
static void
test_pdf_page (Fixture       *fixture,
               gconstpointer  data)
{
  static const double colours[] = { 1, 0, 0,  0, 1, 0,  0, 0, 1,  1, 1, 0,  1, 0, 1 };
  g_autofree char *path = g_build_filename (fixture->dir, "affiches.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TfItem *photo;

  write_pdf (path, 5, colours, 5);
  tf_mk_test_new_board (fixture);
  g_assert_true (tf_mockup_gui_add_file (fixture->view, file, -1));
  tf_gui_test_wait_until (page_dialog_shown, fixture, "the page dialog");
  g_assert_cmpint (selected_page (), ==, 0);
  tf_gui_test_wait_until (selected_page_focused, fixture, "the keyboard on page 1");
  tf_gui_test_wait_until (pages_in_sight_drawn, fixture, "the pages drawn small");
  g_assert_cmpuint (tf_mockup_pages_get_n_drawn (page_dialog ()), ==, 5);
  g_assert_false (reading_bar_shown (fixture));
  tf_mk_test_shoot (fixture, "pdf-page.png");
  menu_key ("Right");
  menu_key ("Right");
  tf_gui_test_wait_until (page_three_selected, fixture, "page 3 selected");
  menu_key ("Return");
  tf_gui_test_wait_until (page_dialog_gone, fixture, "the dialog to close on Enter");
  tf_gui_test_wait_until (one_photo, fixture, "the page added");
  photo = tf_mk_test_find_kind (fixture, TF_MK_PHOTO_KIND);
  g_assert_cmpint (tf_mk_photo_item_get (photo)->page, ==, 2);
  g_assert_cmphex (photo_colour (fixture, photo), ==, 0x0000ff);

  g_assert_true (tf_mockup_gui_add_file (fixture->view, file, -1));
  tf_gui_test_wait_until (page_dialog_shown, fixture, "the page dialog again");
  menu_key ("Escape");
  tf_gui_test_wait_until (page_dialog_gone, fixture, "the dialog to close on Escape");
  tf_gui_test_settle (50);
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_PHOTO_KIND), ==, 1);
}

static gboolean
last_page_selected (gpointer data)
{
  return selected_page () == 9999;
}

static gboolean
page_message_shown (gpointer data)
{
  GtkWidget *dialog = page_dialog ();

  return dialog != NULL && tf_mockup_pages_get_message (dialog) != NULL;
}

static gboolean
page_helper_running (gpointer data)
{
  GtkWidget *dialog = page_dialog ();

  return dialog != NULL && tf_mockup_pages_get_pid (dialog) > 0;
}

/* A PDF of 10 000 pages: the dialog has them all at once and answers the
 * keys, the pages in sight drawn and only those (the helper's count); End
 * goes to the last page, drawn too. The helper killed then: a message says
 * so, the keys still work, Escape adds nothing. */
static void
test_pdf_many_pages (Fixture       *fixture,
                     gconstpointer  data)
{
  static const double colours[] = { 0.9, 0.3, 0.2,  0.2, 0.5, 0.9,  0.3, 0.8, 0.4 };
  g_autofree char *path = g_build_filename (fixture->dir, "annuaire.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *dialog;
  guint drawn;

  write_pdf (path, 10000, colours, 3);
  tf_mk_test_new_board (fixture);
  g_assert_true (tf_mockup_gui_add_file (fixture->view, file, -1));
  tf_gui_test_wait_until (page_dialog_shown, fixture, "the page dialog");
  dialog = page_dialog ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page_selection ())), ==, 10000);
  tf_gui_test_wait_until (selected_page_focused, fixture, "the keyboard on page 1");
  tf_gui_test_wait_until (pages_in_sight_drawn, fixture, "the first pages drawn small");
  drawn = tf_mockup_pages_get_n_drawn (dialog);
  g_test_message ("%u pages drawn at first", drawn);
  g_assert_cmpuint (drawn, >, 0);
  g_assert_cmpuint (drawn, <, 60);

  menu_key ("End");
  tf_gui_test_wait_until (last_page_selected, fixture, "the last page selected");
  tf_gui_test_wait_until (pages_in_sight_drawn, fixture, "the last pages drawn small");
  drawn = tf_mockup_pages_get_n_drawn (dialog);
  g_test_message ("%u pages drawn after End", drawn);
  g_assert_cmpuint (drawn, <, 120);
  tf_mk_test_shoot (fixture, "pdf-many-pages.png");

  tf_gui_test_wait_until (page_helper_running, fixture, "the helper");
  g_assert_cmpint (kill (tf_mockup_pages_get_pid (dialog), SIGKILL), ==, 0);
  tf_gui_test_wait_until (page_message_shown, fixture, "the message of a helper gone");
  tf_mk_test_shoot (fixture, "pdf-helper-gone.png");
  menu_key ("Home");
  tf_gui_test_wait_until (page_dialog_shown, fixture, "the dialog still there");
  g_assert_cmpint (selected_page (), ==, 0);
  menu_key ("Escape");
  tf_gui_test_wait_until (page_dialog_gone, fixture, "the dialog to close on Escape");
  tf_gui_test_settle (50);
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_PHOTO_KIND), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  /* tests/gui/meson.build runs these in groups (-p): a new path goes into
   * one of its groups. */
  g_test_add ("/mockup-keys/pdf-page", Fixture, NULL, fixture_set_up, test_pdf_page, fixture_tear_down);
  g_test_add ("/mockup-keys/pdf-many-pages", Fixture, NULL, fixture_set_up, test_pdf_many_pages, fixture_tear_down);
  g_test_add ("/mockup-keys/open-focus", Fixture, NULL, fixture_set_up, test_open_focus, fixture_tear_down);
  g_test_add ("/mockup-keys/rail", Fixture, NULL, fixture_set_up, test_rail, fixture_tear_down);
  g_test_add ("/mockup-keys/menu", Fixture, NULL, fixture_set_up, test_menu, fixture_tear_down);
  g_test_add ("/mockup-keys/search-frames", Fixture, NULL, fixture_set_up, test_search_frames, fixture_tear_down);
  g_test_add ("/mockup-keys/zoom-keeps-selection", Fixture, NULL, fixture_set_up, test_zoom_keeps_selection,
              fixture_tear_down);
  g_test_add ("/mockup-keys/search-open", Fixture, NULL, fixture_set_up, test_search_open, fixture_tear_down);
  g_test_add ("/mockup-keys/text-and-photo", Fixture, NULL, fixture_set_up, test_text_and_photo, fixture_tear_down);
  g_test_add ("/mockup-keys/enter-and-typing", Fixture, NULL, fixture_set_up, test_enter_and_typing,
              fixture_tear_down);
  g_test_add ("/mockup-keys/tool-by-key", Fixture, NULL, fixture_set_up, test_tool_by_key, fixture_tear_down);
  g_test_add ("/mockup-keys/escape-steps", Fixture, NULL, fixture_set_up, test_escape_steps, fixture_tear_down);
  g_test_add ("/mockup-keys/alt-on-image", Fixture, NULL, fixture_set_up, test_alt_on_image, fixture_tear_down);
  return g_test_run ();
}
