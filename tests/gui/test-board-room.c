/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-board-room"

#include "core/tf-archive.h"
#include "core/tf-experiment-commands.h"
#include "gui/tf-board-page.h"
#include "gui/tf-board-panel.h"
#include "gui/tf-experiment-row.h"
#include "gui/tf-board-view-private.h"
#include "tf-gui-test-util.h"
#include "tf-test-util.h"
#include "tf-window.h"

/* The room a board gets in the window, on every board kind of the demo:
 * the archive folds away while a board is open (at 1200 × 800 it and the
 * board's side panel left the board a third of the window), comes back
 * with Ctrl+F9 or the header's button, and Ctrl+Tab from the board goes to its
 * side panel and header, never opening another experiment in its place.
 * TF_SHOTS: a folder for screenshots, to look at. */

typedef struct {
  char          *archive_path;
  TfApplication *app;
  TfWindow      *window;
  GtkWidget     *page;
  gint64         board_id;
  int            width;
  int            height;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 demo = 0;

  fixture->archive_path = tf_gui_test_archive_path ();
  fixture->window = tf_gui_test_start (fixture->archive_path, &fixture->app);
  tf_gui_test_find_demo_board (fixture->archive_path, "mockup", &demo);
  g_assert_true (tf_window_show_experiment (fixture->window, demo));
  tf_gui_test_settle (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_gui_test_stop (fixture->window, &fixture->app, &fixture->archive_path, 100);
}

/* The demo's boards, every kind (ids in a GArray of gint64). */
static GArray *
demo_boards (const char *archive_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_store_open (archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(GListStore) boards = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  boards = tf_archive_list_boards (store, tf_archive_find_demo (store), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);
      gint64 id = tf_board_get_id (board);

      g_test_message ("demo board %" G_GINT64_FORMAT ": %s", id, tf_board_get_kind_id (board));
      g_array_append_val (ids, id);
    }
  g_assert_cmpuint (ids->len, >=, 3);
  return ids;
}

/* The widget below @root acting on @action, or NULL. */
static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
sidebar_of (Fixture *fixture)
{
  GtkWidget *leaflet = tf_gui_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET);
  GtkWidget *sidebar = leaflet != NULL ? adw_leaflet_get_child_by_name (ADW_LEAFLET (leaflet), "sidebar") : NULL;

  g_assert_nonnull (sidebar);
  return sidebar;
}

/* The archive's list of experiments. */
static GtkListBox *
archive_list (Fixture *fixture)
{
  GtkWidget *list = tf_gui_test_find_widget (sidebar_of (fixture), GTK_TYPE_LIST_BOX);

  g_assert_nonnull (list);
  return GTK_LIST_BOX (list);
}

static gboolean
window_sized (gpointer data)
{
  Fixture *fixture = data;

  /* Without a window manager, the window draws its own 5-pixel frame
   * inside the size it was given. */
  return ABS (gtk_widget_get_width (GTK_WIDGET (fixture->window)) - fixture->width) <= 12 &&
         ABS (gtk_widget_get_height (GTK_WIDGET (fixture->window)) - fixture->height) <= 12;
}

/* The board's side panel open, the view laid out beside it. */
static gboolean
board_laid_out (gpointer data)
{
  Fixture *fixture = data;
  TfBoardView *view = tf_board_page_get_view (TF_BOARD_PAGE (fixture->page));
  GtkWidget *panel = tf_gui_test_find_widget (fixture->page, TF_TYPE_BOARD_PANEL);
  GtkWidget *revealer = panel != NULL ? gtk_widget_get_parent (panel) : NULL;

  if (revealer != NULL && GTK_IS_REVEALER (revealer) && gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) &&
      !gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)))
    return FALSE;
  return gtk_widget_get_mapped (GTK_WIDGET (view)) && gtk_widget_get_width (GTK_WIDGET (view)) > 0 &&
         !gtk_widget_get_visible (sidebar_of (fixture));
}

static void
set_size (Fixture *fixture,
          int      width,
          int      height)
{
  fixture->width = width;
  fixture->height = height;
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  tf_gui_test_wait_until (window_sized, fixture, "the window takes its size");
}

/* At 1200 × 800 each board has at least 60 % of the window's width, at
 * 800 × 600 at least half; the archive folded away, Ctrl+F9 brings it
 * back (the keyboard in its list) and folds it again (the keyboard back
 * on the board). */
static void
test_room (Fixture       *fixture,
           gconstpointer  data)
{
  static const int sizes[][2] = { { 1200, 800 }, { 800, 600 } };
  g_autoptr(GArray) boards = demo_boards (fixture->archive_path);
  const char *shots = g_getenv ("TF_SHOTS");

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      set_size (fixture, sizes[s][0], sizes[s][1]);
      for (guint i = 0; i < boards->len; i++)
        {
          TfBoardView *view;
          double share;
          GtkWidget *focus;

          fixture->board_id = g_array_index (boards, gint64, i);
          fixture->page = tf_gui_test_open_board (fixture->window, fixture->board_id);
          view = tf_board_page_get_view (TF_BOARD_PAGE (fixture->page));
          gtk_widget_grab_focus (GTK_WIDGET (view));
          tf_gui_test_wait_until (board_laid_out, fixture, "the board laid out, the archive folded away");
          share = (double) gtk_widget_get_width (GTK_WIDGET (view)) / gtk_widget_get_width (GTK_WIDGET (fixture->window));
          g_test_message ("%d × %d, board %" G_GINT64_FORMAT ": the view %d px wide (%.0f %%)",
                          fixture->width, fixture->height, fixture->board_id,
                          gtk_widget_get_width (GTK_WIDGET (view)), share * 100);
          g_assert_cmpfloat (share, >=, fixture->width >= 1200 ? 0.6 : 0.5);
          if (shots != NULL)
            {
              g_autofree char *name = g_strdup_printf ("board-%dx%d-%" G_GINT64_FORMAT ".png",
                                                       fixture->width, fixture->height, fixture->board_id);

              tf_gui_test_shoot (GTK_WIDGET (fixture->window), shots, name);
            }

          /* Ctrl+F9: the archive, the keyboard in it. */
          tf_gui_test_send_key (GTK_WINDOW (fixture->window), "ctrl+F9");
          g_assert_true (tf_window_get_show_archive (fixture->window));
          g_assert_true (gtk_widget_get_visible (sidebar_of (fixture)));
          focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
          g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, sidebar_of (fixture)));
          g_assert_cmpint (tf_board_page_get_board_id (TF_BOARD_PAGE (fixture->page)), ==, fixture->board_id);
          if (shots != NULL && i == 0)
            {
              g_autofree char *name = g_strdup_printf ("archive-%dx%d.png", fixture->width, fixture->height);

              tf_gui_test_shoot (GTK_WIDGET (fixture->window), shots, name);
            }
          /* And again: folded, the keyboard on the board. */
          tf_gui_test_send_key (GTK_WINDOW (fixture->window), "ctrl+F9");
          g_assert_false (tf_window_get_show_archive (fixture->window));
          tf_gui_test_wait_until (board_laid_out, fixture, "the archive folded again");
          focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
          g_assert_true (focus == GTK_WIDGET (view) ||
                         (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (view))));
        }
    }
}

/* The header's button shows the archive too, and its state follows. */
static void
test_button (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GArray) boards = demo_boards (fixture->archive_path);
  GtkWidget *button;

  fixture->board_id = g_array_index (boards, gint64, 0);
  fixture->page = tf_gui_test_open_board (fixture->window, fixture->board_id);
  button = find_actionable (fixture->page, "win.show-archive");
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_false (gtk_widget_get_visible (sidebar_of (fixture)));
  g_signal_emit_by_name (button, "clicked");
  tf_gui_test_settle (50);
  g_assert_true (gtk_widget_get_visible (sidebar_of (fixture)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  /* Back to the experiment: the archive shows there whatever was chosen;
   * on a board again, as it was left. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-board", NULL));
  tf_gui_test_settle (50);
  g_assert_true (gtk_widget_get_visible (sidebar_of (fixture)));
  fixture->page = tf_gui_test_open_board (fixture->window, fixture->board_id);
  g_assert_true (gtk_widget_get_visible (sidebar_of (fixture)));
  g_signal_emit_by_name (button, "clicked");
  tf_gui_test_settle (50);
  g_assert_false (gtk_widget_get_visible (sidebar_of (fixture)));
}

/* The experiment of the list's selected row (rows are made again when
 * the list reloads), 0 for none. */
static gint64
selected_experiment (GtkListBox *list)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);

  return row != NULL ? tf_experiment_get_id (tf_experiment_row_get_experiment (TF_EXPERIMENT_ROW (row))) : 0;
}

/* Tab from the board, twice, the archive folded or shown, then the arrows
 * in the archive's list: the open board stays open, and the list's
 * selected row stays the open experiment's. Enter on a row opens it. */
static void
test_tab (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GArray) boards = demo_boards (fixture->archive_path);
  GtkListBox *list = archive_list (fixture);
  gint64 experiment = tf_window_get_experiment_id (fixture->window);
  g_autoptr(TfExperiment) other = tf_experiment_new ("Atelier des lycées");
  g_autoptr(TfCommand) command = tf_command_create_experiment (other);
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *selected;
  TfBoardView *view = NULL;
  gboolean in_panel, reached_header = FALSE;

  /* Another experiment in the archive, for the arrows to reach. */
  g_assert_true (tf_history_execute (tf_window_get_history (fixture->window), command, &error));
  g_assert_no_error (error);
  tf_gui_test_settle (100);
  g_assert_cmpint (selected_experiment (list), ==, experiment);

  set_size (fixture, 1200, 800);
  g_assert_cmpint (experiment, !=, 0);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 1));   /* another experiment to open */
  for (guint i = 0; i < boards->len; i++)
    {
      fixture->board_id = g_array_index (boards, gint64, i);
      fixture->page = tf_gui_test_open_board (fixture->window, fixture->board_id);
      view = tf_board_page_get_view (TF_BOARD_PAGE (fixture->page));
      gtk_widget_grab_focus (GTK_WIDGET (view));
      tf_gui_test_wait_until (board_laid_out, fixture, "the board laid out");
      in_panel = FALSE;
      for (int k = 0; k < 3; k++)
        {
          GtkWidget *focus;
          gboolean panel;

          /* Ctrl+Tab from the board (Tab goes from item to item on it). */
          tf_gui_test_send_key (GTK_WINDOW (fixture->window), k == 0 ? "ctrl+Tab" : "Tab");
          focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
          g_test_message ("board %" G_GINT64_FORMAT ", Tab %d: %s", fixture->board_id, k + 1,
                          focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
          /* Within the board's page: the board, its side panel, then its
           * header. */
          g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, fixture->page));
          panel = gtk_widget_get_ancestor (focus, TF_TYPE_BOARD_PANEL) != NULL;
          if (in_panel && !panel)
            {
              g_assert_nonnull (gtk_widget_get_ancestor (focus, ADW_TYPE_HEADER_BAR));
              reached_header = TRUE;
            }
          in_panel = panel;
          g_assert_true (gtk_widget_get_mapped (fixture->page));
          g_assert_cmpint (tf_board_page_get_board_id (TF_BOARD_PAGE (fixture->page)), ==, fixture->board_id);
        }

      /* Tab from the last item in the board's reading order leaves the
       * board too, within its page: nobody is kept on it. */
      {
        g_autoptr(GArray) order = view->type_gui != NULL && view->type_gui->reading_order != NULL
                                  ? view->type_gui->reading_order (view) : tf_board_view_reading_order (view);
        GtkWidget *focus;

        g_assert_cmpuint (order->len, >, 0);
        gtk_widget_grab_focus (GTK_WIDGET (view));
        tf_board_view_select (view, &g_array_index (order, gint64, order->len - 1), 1);
        tf_gui_test_settle (20);
        tf_gui_test_send_key (GTK_WINDOW (fixture->window), "Tab");
        focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
        g_test_message ("board %" G_GINT64_FORMAT ", Tab from its last item: %s", fixture->board_id,
                        focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing");
        g_assert_true (focus != NULL && focus != GTK_WIDGET (view) && gtk_widget_is_ancestor (focus, fixture->page));
      }
    }

  /* (The mockup's panel shows one thing with nothing selected.) */
  g_assert_true (reached_header);

  /* The archive shown: Tab and the arrows go through its list and open
   * nothing. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "ctrl+F9");
  for (int k = 0; k < 6; k++)
    tf_gui_test_send_key (GTK_WINDOW (fixture->window), k < 3 ? "Tab" : "Down");
  g_assert_true (gtk_widget_get_mapped (fixture->page));
  g_assert_cmpint (tf_board_page_get_board_id (TF_BOARD_PAGE (fixture->page)), ==, fixture->board_id);
  g_assert_cmpint (tf_window_get_experiment_id (fixture->window), ==, experiment);
  g_assert_cmpint (selected_experiment (list), ==, experiment);

  /* A row other than the open one, focused: Enter opens it. */
  selected = gtk_list_box_get_selected_row (list);
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (
    list, selected == gtk_list_box_get_row_at_index (list, 0) ? 1 : 0)));
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "Return");
  g_assert_cmpint (tf_window_get_experiment_id (fixture->window), !=, experiment);
  g_assert_false (gtk_widget_get_mapped (fixture->page));
  g_assert_cmpint (selected_experiment (list), ==, tf_window_get_experiment_id (fixture->window));
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;

  g_test_add ("/board-room/room", Fixture, NULL, fixture_set_up, test_room, fixture_tear_down);
  g_test_add ("/board-room/button", Fixture, NULL, fixture_set_up, test_button, fixture_tear_down);
  g_test_add ("/board-room/tab", Fixture, NULL, fixture_set_up, test_tab, fixture_tear_down);
  return g_test_run ();
}
