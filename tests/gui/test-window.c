/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-window"

#include <string.h>
#include <adwaita.h>

#include <glib/gi18n.h>

#include "core/tf-archive.h"
#include "core/tf-bin.h"
#include "core/tf-date.h"
#include "core/tf-last-place.h"
#include "tf-application.h"
#include "tf-bin-dialog.h"
#include "tf-board-page.h"
#include "tf-board-row.h"
#include "tf-experiment-view.h"
#include "tf-gui-test-util.h"
#include "tf-test-util.h"
#include "tf-window.h"

#define DEMO_TITLE  "Laboratoire d'innovation régional — Nord-Pas de Calais"
#define TYPED_TITLE "Résidence au service des lycées"
#define TIMEOUT_MS TF_GUI_TEST_DEADLINE_MS

typedef struct {
  char          *archive_path;
  TfApplication *app;
  TfWindow      *window;
} Fixture;

/* Runs the main loop until @done says so; fails the test after TIMEOUT_MS. */
static void
wait_for (gboolean (*done) (Fixture *), Fixture *fixture, const char *what)
{
  gboolean expired = FALSE;
  guint timeout = g_timeout_add (TIMEOUT_MS, tf_test_timed_out, &expired);

  while (!done (fixture) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (expired)
    g_error ("Timed out waiting for %s", what);

  g_source_remove (timeout);
}

static gboolean
window_is_mapped (Fixture *fixture)
{
  return fixture->window != NULL && gtk_widget_get_mapped (GTK_WIDGET (fixture->window));
}

static gboolean
list_has_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (tf_window_get_experiments (fixture->window)) > 0;
}

static GListStore *
read_archive (Fixture *fixture)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TfFilter filter = TF_FILTER_INIT;
  GListStore *experiments;

  /* A second, read-only connection: what another process would see on disk. */
  store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  experiments = tf_archive_list_experiments (store, &filter, &error);
  g_assert_no_error (error);

  return experiments;
}

static gint64
find_title (GListModel *experiments,
            const char *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (experiments); i++)
    {
      g_autoptr(TfExperiment) experiment = g_list_model_get_item (experiments, i);

      if (g_strcmp0 (tf_experiment_get_title (experiment), title) == 0)
        return tf_experiment_get_id (experiment);
    }

  return 0;
}

static GListStore *
read_boards (Fixture *fixture,
             gint64   experiment_id)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GListStore *boards;

  store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  boards = tf_archive_list_boards (store, experiment_id, &error);
  g_assert_no_error (error);

  return boards;
}

/* Depth-first: the widgets of @type under @widget, in order. */
static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect_widgets (child, type, found);
    }
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, type, found);
  g_assert_cmpuint (found->len, >, 0);

  return g_ptr_array_index (found, 0);
}

static char *
screenshot_path (void)
{
  const char *path = g_getenv ("TRANSFO_SHOT");

  if (path != NULL && *path != '\0')
    return g_strdup (path);

  return g_build_filename (TF_BUILDDIR, "gui-window.png", NULL);
}

/* The shared screenshot, of a widget that has a size. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
  g_assert_cmpint (gtk_widget_get_height (widget), >, 0);
  tf_gui_test_save_screenshot (widget, path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->archive_path = tf_gui_test_archive_path ();
  fixture->window = tf_gui_test_start (fixture->archive_path, &fixture->app);

  wait_for (window_is_mapped, fixture, "the window to be mapped");
  wait_for (list_has_rows, fixture, "the archive list to fill");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_gui_test_stop (fixture->window, &fixture->app, &fixture->archive_path, 50);
}

static void
test_window_shows_demo (Fixture       *fixture,
                        gconstpointer  data)
{
  GListModel *shown = tf_window_get_experiments (fixture->window);

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpint (find_title (shown, DEMO_TITLE), !=, 0);
  /* The first start, past the welcome page's "Explore the Example", is on the demo. */
  g_assert_cmpint (tf_window_get_experiment_id (fixture->window), ==, find_title (shown, DEMO_TITLE));
}

/* Ctrl+N, type a title, Enter; then Ctrl+Z, as a keyboard user would. */
static void
test_window_keyboard_new_experiment (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GListStore) on_disk = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *focus;
  GtkWidget *row;
  gint64 new_id;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.new-experiment", NULL));
  tf_gui_test_settle (50);

  new_id = tf_window_get_experiment_id (fixture->window);
  g_assert_cmpint (new_id, !=, 0);
  /* Remembered, to be reopened at the next start. */
  {
    gint64 remembered = 0, board = 0;

    g_assert_true (tf_last_place_load (fixture->archive_path, &remembered, &board));
    g_assert_cmpint (remembered, ==, new_id);
  }
  g_assert_cmpuint (g_list_model_get_n_items (tf_window_get_experiments (fixture->window)), ==, 2);

  /* The keyboard is in the title row, whose text is ready to be typed over. */
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_TEXT (focus));
  row = gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Untitled experiment");

  gtk_editable_set_text (GTK_EDITABLE (focus), TYPED_TITLE);
  /* What Enter does in the row's text: GtkText emits ::activate. */
  g_signal_emit_by_name (focus, "activate");
  tf_gui_test_settle (50);

  on_disk = read_archive (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (on_disk)), ==, 2);
  g_assert_cmpint (find_title (G_LIST_MODEL (on_disk), TYPED_TITLE), ==, new_id);
  g_assert_cmpint (find_title (tf_window_get_experiments (fixture->window), TYPED_TITLE),
                   ==, new_id);

  /* Tags typed then saved with Enter (written "lycée, atelier"): the row
   * returns to rest, without its apply button. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *tags_row = NULL;
    GtkWidget *text;

    collect_widgets (GTK_WIDGET (fixture->window), ADW_TYPE_ENTRY_ROW, rows);
    for (guint i = 0; i < rows->len && tags_row == NULL; i++)
      if (g_str_equal (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "Tags, separated by commas"))
        tags_row = g_ptr_array_index (rows, i);
    g_assert_nonnull (tags_row);
    g_assert_true (gtk_widget_grab_focus (tags_row));
    text = gtk_root_get_focus (GTK_ROOT (fixture->window));
    g_assert_true (GTK_IS_TEXT (text));
    gtk_editable_set_text (GTK_EDITABLE (text), "lycée,atelier");
    collect_widgets (tags_row, GTK_TYPE_BUTTON, buttons);
    g_assert_cmpuint (buttons->len, ==, 1);
    g_assert_true (gtk_widget_get_visible (g_ptr_array_index (buttons, 0)));
    g_signal_emit_by_name (text, "activate");
    tf_gui_test_settle (50);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tags_row)), ==, "lycée, atelier");
    g_assert_false (gtk_widget_get_visible (g_ptr_array_index (buttons, 0)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
    tf_gui_test_settle (50);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tags_row)), ==, "");
    g_assert_false (gtk_widget_get_visible (g_ptr_array_index (buttons, 0)));
  }

  tf_test_run_for (500);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  shot = screenshot_path ();
  save_screenshot (adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture->window)),
                   shot);

  /* Ctrl+Z takes the title back… */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  tf_gui_test_settle (50);
  g_clear_object (&on_disk);
  on_disk = read_archive (fixture);
  g_assert_cmpint (find_title (G_LIST_MODEL (on_disk), TYPED_TITLE), ==, 0);
  g_assert_cmpint (find_title (G_LIST_MODEL (on_disk), "Untitled experiment"), ==, new_id);

  /* …and once more, the experiment itself. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  tf_gui_test_settle (50);
  g_clear_object (&on_disk);
  on_disk = read_archive (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (on_disk)), ==, 1);
  g_assert_cmpint (find_title (G_LIST_MODEL (on_disk), DEMO_TITLE), !=, 0);
  g_assert_cmpint (tf_window_get_experiment_id (fixture->window), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tf_window_get_experiments (fixture->window)), ==, 1);

  /* Redo brings it back, and shows it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL));
  tf_gui_test_settle (50);
  g_assert_cmpint (tf_window_get_experiment_id (fixture->window), ==, new_id);
}

static void
count_dismissed (AdwToast *toast,
                 gpointer  user_data)
{
  (*(guint *) user_data)++;
}

/* Several Ctrl+Z in a row leave one toast, the last one's: each new
 * “Undone” toast takes the place of the one before (which says the new
 * words while it is still sliding in, else goes at once), so that no
 * stale label plays long after (the walkthrough's ten queued toasts). */
static void
test_window_undo_toasts (Fixture       *fixture,
                         gconstpointer  data)
{
  const guint n = 4;
  guint dismissed = 0;
  AdwToast *toast = NULL;
  g_autofree char *last = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                                 "win.new-experiment", NULL));
      tf_gui_test_settle (50);
    }

  for (guint i = 0; i < n; i++)
    {
      g_clear_pointer (&last, g_free);
      last = g_strdup_printf ("Undone: %s", tf_history_get_undo_label (tf_window_get_history (fixture->window)));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
      toast = tf_window_get_replay_toast (fixture->window);
      g_assert_nonnull (toast);
      g_assert_cmpstr (adw_toast_get_title (toast), ==, last);
      if (!g_ptr_array_find (shown, toast, NULL))
        {
          g_signal_connect (toast, "dismissed", G_CALLBACK (count_dismissed), &dismissed);
          g_ptr_array_add (shown, g_object_ref (toast));
        }
      /* Never two: the one before went, or is this one. */
      g_assert_cmpuint (dismissed, ==, shown->len - 1);
    }
  tf_gui_test_settle (50);

  /* One toast left; it says the last undo. */
  g_assert_cmpuint (dismissed, ==, shown->len - 1);
  toast = tf_window_get_replay_toast (fixture->window);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, last);

  /* A redo replaces it too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL));
  toast = tf_window_get_replay_toast (fixture->window);
  g_assert_true (g_str_has_prefix (adw_toast_get_title (toast), "Redone: "));
  if (!g_ptr_array_find (shown, toast, NULL))
    {
      g_signal_connect (toast, "dismissed", G_CALLBACK (count_dismissed), &dismissed);
      g_ptr_array_add (shown, g_object_ref (toast));
    }
  g_assert_cmpuint (dismissed, ==, shown->len - 1);
  for (guint i = 0; i < shown->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (shown, i), count_dismissed, &dismissed);
}

/* "New board" lists every registered type a user may create, in the
 * wings' order, and creates the one chosen by its id. */
static void
test_window_board_menu (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const ids[] = { "insight-wall", "actor-map", "blueprint", "mockup" };
  static const char * const labels[] = { "Insight wall", "Actor map", "Blueprint", "Mockup" };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GListStore) on_disk = NULL;
  g_autoptr(TfBoard) added = NULL;
  GMenuModel *menu = NULL;
  GtkWidget *view;
  gint64 demo_id;

  demo_id = find_title (tf_window_get_experiments (fixture->window), DEMO_TITLE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-experiment", "x", demo_id));
  tf_gui_test_settle (50);
  view = find_widget (GTK_WIDGET (fixture->window), TF_TYPE_EXPERIMENT_VIEW);
  collect_widgets (view, GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len && menu == NULL; i++)
    {
      GMenuModel *model = gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, i));
      g_autofree char *action = NULL;

      if (model != NULL && g_menu_model_get_n_items (model) > 0 &&
          g_menu_model_get_item_attribute (model, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_str_equal (action, "experiment.add-board"))
        menu = model;
    }
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, G_N_ELEMENTS (ids));
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_STRING);
      g_autoptr(GVariant) icon = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_ICON, NULL);

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_assert_cmpstr (label, ==, labels[i]);
      g_assert_nonnull (target);
      g_assert_cmpstr (g_variant_get_string (target, NULL), ==, ids[i]);
      g_assert_nonnull (icon);
    }

  /* The mockup entry's target makes a mockup board; an unknown id nothing. */
  g_assert_true (gtk_widget_activate_action (view, "experiment.add-board", "s", "hologram"));
  tf_gui_test_settle (50);
  /* The demo's wall, map, blueprint and mockup. */
  on_disk = read_boards (fixture, demo_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (on_disk)), ==, 4);
  g_clear_object (&on_disk);
  g_assert_true (gtk_widget_activate_action (view, "experiment.add-board", "s", ids[3]));
  tf_gui_test_settle (50);
  on_disk = read_boards (fixture, demo_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (on_disk)), ==, 5);
  added = g_list_model_get_item (G_LIST_MODEL (on_disk), 4);
  g_assert_cmpstr (tf_board_get_kind_id (added), ==, "mockup");
  g_assert_cmpstr (tf_board_get_name (added), ==, "Mockup");
}

/* Add, move, open and close a board, then undo it all, through the actions
 * the buttons and the menus use. */
static void
test_window_boards (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GListStore) on_disk = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(TfBoard) first = NULL;
  GtkWidget *view;
  GtkWidget *page;
  gint64 demo_id;
  gint64 board_id;

  demo_id = find_title (tf_window_get_experiments (fixture->window), DEMO_TITLE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-experiment", "x", demo_id));
  tf_gui_test_settle (50);
  g_assert_cmpint (tf_window_get_experiment_id (fixture->window), ==, demo_id);

  view = find_widget (GTK_WIDGET (fixture->window), TF_TYPE_EXPERIMENT_VIEW);
  g_assert_true (gtk_widget_activate_action (view, "experiment.add-board", "s",
                                             "actor-map"));
  tf_gui_test_settle (50);

  /* The demo has its insight wall, its actor map, its blueprint and its
   * mockup; the new map is fifth. */
  on_disk = read_boards (fixture, demo_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (on_disk)), ==, 5);

  collect_widgets (view, TF_TYPE_BOARD_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 5);
  board_id = tf_board_get_id (tf_board_row_get_board (g_ptr_array_index (rows, 4)));
  g_assert_cmpstr (tf_board_get_kind_id (tf_board_row_get_board (g_ptr_array_index (rows, 4))),
                   ==, "actor-map");

  /* The new map goes up one place. */
  g_assert_true (gtk_widget_activate_action (g_ptr_array_index (rows, 4), "board.move-up", NULL));
  tf_gui_test_settle (50);
  g_clear_object (&on_disk);
  on_disk = read_boards (fixture, demo_id);
  first = g_list_model_get_item (G_LIST_MODEL (on_disk), 3);
  g_assert_cmpint (tf_board_get_id (first), ==, board_id);

  /* Open it, then come back as Escape does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.open-board", "x", board_id));
  tf_gui_test_settle (50);
  page = find_widget (GTK_WIDGET (fixture->window), TF_TYPE_BOARD_PAGE);
  g_assert_true (gtk_widget_get_child_visible (page) && gtk_widget_get_mapped (page));
  g_assert_cmpint (tf_board_page_get_board_id (TF_BOARD_PAGE (page)), ==, board_id);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.close-board", NULL));
  tf_gui_test_settle (50);
  g_assert_true (gtk_widget_get_mapped (view));

  /* Undo the move and the addition. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  tf_gui_test_settle (50);
  g_clear_object (&on_disk);
  on_disk = read_boards (fixture, demo_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (on_disk)), ==, 4);
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (has_label (child, text))
        return TRUE;
    }
  return FALSE;
}

static gboolean
says_sound (Fixture *fixture)
{
  return has_label (GTK_WIDGET (fixture->window), "The archive is sound.");
}

/* Check the Archive…: the full check runs in a thread while the window goes
 * on, says so, and reports a sound archive in a toast. */
static void
test_window_check_archive (Fixture       *fixture,
                           gconstpointer  data)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.check-archive",
                                             NULL));
  wait_for (says_sound, fixture, "the check's result");
  /* The window stayed usable, and writes still go through. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-experiment",
                                             NULL));
  tf_gui_test_settle (100);
  g_assert_cmpuint (g_list_model_get_n_items (tf_window_get_experiments (fixture->window)), ==, 2);
}

/* Closed while the check runs: the window lives on until the check, now
 * cancelled, has called back, and is freed then in the main thread, not by
 * the worker letting the task go last (GTK is not thread-safe: the export
 * dialog crashed so). Three rounds, the race has that many chances. */
static void
window_freed (gpointer  data,
              GObject  *where_the_object_was)
{
  GThread **freed_in = data;

  *freed_in = g_thread_self ();
}

static void
test_window_close_while_checking (Fixture       *fixture,
                                  gconstpointer  data)
{
  for (guint round = 0; round < 3; round++)
    {
      TfWindow *window = tf_window_new (fixture->app);
      GThread *freed_in = NULL;
      gboolean expired = FALSE;
      guint timeout;

      g_object_weak_ref (G_OBJECT (window), window_freed, &freed_in);
      gtk_window_present (GTK_WINDOW (window));
      tf_gui_test_wait_ready (window);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-archive", NULL));
      gtk_window_destroy (GTK_WINDOW (window));
      timeout = g_timeout_add (TIMEOUT_MS, tf_test_timed_out, &expired);
      while (freed_in == NULL && !expired)
        g_main_context_iteration (NULL, TRUE);
      if (expired)
        g_error ("Timed out waiting for the closed window to be freed");
      g_source_remove (timeout);
      g_assert_true (freed_in == g_thread_self ());
    }
  /* The other window goes on, told nothing of the closed one's check. */
  tf_gui_test_settle (50);
  g_assert_false (says_sound (fixture));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
}

/* Clicks the button whose label holds @text, below @root. */
static void
click_button (GtkWidget  *root,
              const char *text)
{
  GtkWidget *label = tf_gui_test_find_label (root, text);
  GtkWidget *button = label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON) : NULL;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  tf_gui_test_settle (20);
}

static void
quit (TfWindow       *window,
      TfApplication **app)
{
  gtk_window_close (GTK_WINDOW (window));
  tf_gui_test_settle (20);
  g_application_quit (G_APPLICATION (*app));
  /* As the application's shutdown does after g_application_run(): the
   * archive closed, so that the next launch in this process can open it. */
  tf_store_close (tf_application_get_store (*app));
  g_clear_object (app);
}

/* #17, point 13: a first launch welcomes with two ways in; the next one
 * reopens the experiment and the board the person left. */
static void
test_window_first_run_and_return (void)
{
  g_autofree char *archive_path = tf_gui_test_archive_path ();
  g_autoptr(TfApplication) app = NULL;
  g_autoptr(GListStore) boards = NULL;
  TfWindow *window;
  gint64 demo, board_id;
  g_autofree char *shot = NULL;

  /* First launch: the welcome page, saying what Transfo is for. */
  window = tf_gui_test_launch (archive_path, &app);
  g_assert_cmpstr (tf_window_get_page (window), ==, "welcome");
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (window), "Welcome to Transfo"));
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (window), "innovation team"));
  shot = g_build_filename (TF_BUILDDIR, "gui-welcome.png", NULL);
  tf_gui_test_save_screenshot (GTK_WIDGET (window), shot);

  /* "Explore the Example" opens the demo; a board of it is opened. */
  click_button (GTK_WIDGET (window), "Explore the Example");
  demo = tf_archive_find_demo (tf_application_get_store (app));
  g_assert_cmpint (demo, !=, 0);
  g_assert_cmpstr (tf_window_get_page (window), ==, "experiment");
  g_assert_cmpint (tf_window_get_experiment_id (window), ==, demo);
  boards = tf_archive_list_boards (tf_application_get_store (app), demo, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (boards)), >=, 2);
  {
    g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), 1);

    board_id = tf_board_get_id (board);
  }
  tf_gui_test_open_board (window, board_id);
  g_assert_cmpstr (tf_window_get_page (window), ==, "board");
  quit (window, &app);

  /* The next launch: that experiment, that board. */
  window = tf_gui_test_launch (archive_path, &app);
  g_assert_cmpstr (tf_window_get_page (window), ==, "board");
  g_assert_cmpint (tf_window_get_experiment_id (window), ==, demo);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-board", NULL));
  tf_gui_test_settle (20);
  quit (window, &app);

  /* Back on the experiment when the board was closed. */
  window = tf_gui_test_launch (archive_path, &app);
  g_assert_cmpstr (tf_window_get_page (window), ==, "experiment");
  g_assert_cmpint (tf_window_get_experiment_id (window), ==, demo);
  quit (window, &app);

  /* A new archive is a first launch again: "Start an Experiment" makes one. */
  tf_test_remove_archive_files (archive_path);
  g_free (tf_gui_test_archive_path ());
  window = tf_gui_test_launch (archive_path, &app);
  g_assert_cmpstr (tf_window_get_page (window), ==, "welcome");
  click_button (GTK_WIDGET (window), "Start an Experiment");
  g_assert_cmpstr (tf_window_get_page (window), ==, "experiment");
  g_assert_cmpint (tf_window_get_experiment_id (window), !=, 0);
  g_assert_cmpint (tf_window_get_experiment_id (window), !=, tf_archive_find_demo (tf_application_get_store (app)));
  g_assert_cmpuint (g_list_model_get_n_items (tf_window_get_experiments (window)), ==, 2);
  quit (window, &app);
  tf_test_remove_archive_files (archive_path);
}

static gboolean
menu_open (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (data));

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static gboolean
bin_dialog_shown (gpointer data)
{
  return tf_gui_test_find_toplevel (TF_TYPE_BIN_DIALOG) != NULL;
}

typedef struct {
  TfWindow *window;
  gint64    id;
} Listed;

static gboolean
experiment_listed (gpointer data)
{
  Listed *listed = data;
  GListModel *model = tf_window_get_experiments (listed->window);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TfExperiment) e = g_list_model_get_item (model, i);

      if (tf_experiment_get_id (e) == listed->id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
experiment_not_listed (gpointer data)
{
  return !experiment_listed (data);
}

typedef struct
{
  GtkRoot   *root;
  GtkWidget *before;
} FocusMove;

static gboolean
focus_moved (gpointer data)
{
  FocusMove *move = data;

  return gtk_root_get_focus (move->root) != move->before;
}

static gboolean
focus_on_label (gpointer    window,
                const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && tf_gui_test_find_label (focus, text) != NULL;
}

/* #17, point 15: the experiment's menu moves it to the Bin, with the
 * keyboard; the toast says it is kept 30 days. After a restart it waits in
 * the Bin, which restores it with its boards. */
static void
test_window_bin (void)
{
  g_autofree char *archive_path = tf_gui_test_archive_path ();
  g_autoptr(TfApplication) app = NULL;
  const char *shots = g_getenv ("TF_SHOTS");
  GtkWidget *view, *menu_button = NULL, *restore;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWindow *dialog;
  TfWindow *window;
  Listed listed = { 0 };
  gint64 demo, n_boards;

  window = tf_gui_test_start (archive_path, &app);
  demo = tf_window_get_experiment_id (window);
  g_assert_cmpint (demo, ==, tf_archive_find_demo (tf_application_get_store (app)));
  n_boards = tf_gui_test_archive_int (archive_path, "SELECT count(*) FROM boards WHERE experiment_id = "
                                                    "(SELECT min(id) FROM experiments)");
  g_assert_cmpint (n_boards, >=, 2);
  listed.window = window;
  listed.id = demo;
  g_assert_true (experiment_listed (&listed));

  /* The menu button, found as a keyboard user finds it: by its name. */
  view = find_widget (GTK_WIDGET (window), TF_TYPE_EXPERIMENT_VIEW);
  collect_widgets (view, GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), "Experiment Menu") == 0)
      menu_button = g_ptr_array_index (buttons, i);
  g_assert_nonnull (menu_button);

  gtk_widget_grab_focus (gtk_widget_get_first_child (menu_button));
  tf_gui_test_send_key (GTK_WINDOW (window), "space");
  tf_gui_test_wait_until (menu_open, menu_button, "the experiment menu to open");
  if (shots != NULL)
    {
      g_autofree char *path = g_build_filename (shots, "bin-menu.png", NULL);
      tf_gui_test_shoot_screen (GTK_WIDGET (window), path);
    }
  /* The menu opens on Duplicate; Down goes item by item to Move to Bin, the
   * last, alone in its section. */
  for (guint i = 0; !focus_on_label (window, "Move to Bin"); i++)
    {
      GtkWidget *before = gtk_root_get_focus (GTK_ROOT (window));
      FocusMove move = { GTK_ROOT (window), before };

      g_assert_cmpuint (i, <, 6);
      tf_gui_test_send_key (GTK_WINDOW (window), "Down");
      tf_gui_test_wait_until (focus_moved, &move, "Down to move in the experiment menu");
    }
  tf_gui_test_send_key (GTK_WINDOW (window), "Return");
  tf_gui_test_wait_for_label (GTK_WIDGET (window), "moved to the Bin — kept 30 days", TIMEOUT_MS);
  tf_gui_test_wait_until (experiment_not_listed, &listed, "the experiment to leave the list");
  g_assert_cmpint (tf_gui_test_archive_int (archive_path, "SELECT count(*) FROM experiment_bin"), ==, 1);
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (window), "Bin (1)"));
  g_assert_cmpint (tf_window_get_experiment_id (window), !=, demo);
  tf_gui_test_shoot (GTK_WIDGET (window), shots, "bin-toast");
  quit (window, &app);

  /* After a restart: still in the Bin, which says when and how long. */
  window = tf_gui_test_launch (archive_path, &app);
  listed.window = window;
  g_assert_false (experiment_listed (&listed));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-bin", NULL));
  tf_gui_test_wait_until (bin_dialog_shown, NULL, "the Bin");
  dialog = tf_gui_test_find_toplevel (TF_TYPE_BIN_DIALOG);
  tf_gui_test_settle (20);
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), DEMO_TITLE));
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), "30 days left"));
  tf_gui_test_shoot (GTK_WIDGET (dialog), shots, "bin-view");

  /* Restore, with the keyboard: the experiment and its boards are back. */
  g_ptr_array_set_size (buttons, 0);
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, buttons);
  restore = NULL;
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Restore") == 0)
      restore = g_ptr_array_index (buttons, i);
  g_assert_nonnull (restore);
  g_assert_true (gtk_widget_grab_focus (restore));
  tf_gui_test_send_key (dialog, "space");
  tf_gui_test_wait_until (experiment_listed, &listed, "the experiment back in the list");
  g_assert_cmpint (tf_gui_test_archive_int (archive_path, "SELECT count(*) FROM experiment_bin"), ==, 0);
  g_assert_cmpint (tf_gui_test_archive_int (archive_path, "SELECT count(*) FROM boards WHERE experiment_id = "
                                                          "(SELECT min(id) FROM experiments)"), ==, n_boards);
  tf_gui_test_wait_for_label (GTK_WIDGET (dialog), "The Bin Is Empty", TIMEOUT_MS);
  tf_gui_test_shoot (GTK_WIDGET (dialog), shots, "bin-empty");
  gtk_window_close (dialog);
  /* Delete on its row in the archive list does the same; Undo takes it back. */
  {
    g_autoptr(GPtrArray) lists = g_ptr_array_new ();
    GtkListBox *list = NULL;

    collect_widgets (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, lists);
    for (guint i = 0; i < lists->len; i++)
      if (list == NULL && gtk_widget_has_css_class (g_ptr_array_index (lists, i), "navigation-sidebar") &&
          gtk_list_box_get_row_at_index (g_ptr_array_index (lists, i), 0) != NULL)
        list = g_ptr_array_index (lists, i);
    g_assert_nonnull (list);
    /* Opened from its row (Enter), then Delete there. */
    g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0))));
    tf_gui_test_send_key (GTK_WINDOW (window), "Return");
    g_assert_nonnull (gtk_list_box_get_selected_row (list));
    g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (list))));
    tf_gui_test_send_key (GTK_WINDOW (window), "Delete");
    tf_gui_test_wait_until (experiment_not_listed, &listed, "Delete to move the experiment to the Bin");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    tf_gui_test_wait_until (experiment_listed, &listed, "Undo to bring it back");
  }
  quit (window, &app);
  tf_test_remove_archive_files (archive_path);
}

static void
collect_date_buttons (GtkWidget *widget,
                      GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child)
          && g_strcmp0 (gtk_widget_get_tooltip_text (child), g_dgettext (GETTEXT_PACKAGE, "Choose a Date")) == 0)
        g_ptr_array_add (found, child);
      collect_date_buttons (child, found);
    }
}

static gboolean
date_popover_open (gpointer data)
{
  return gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (data))));
}

static gboolean
date_popover_closed (gpointer data)
{
  return !date_popover_open (data);
}

/* #17, point 12: the calendar beside a date field, with the keyboard only.
 * Space on its button opens it on the field's day; the arrows move the day
 * (Right: the next day, Down: a week later, across the month's end); Enter
 * picks it. The field shows it as the locale writes dates (in French
 * "07/03/2026"), the archive keeps it ISO. */
static void
test_window_date_picker (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (fixture->window));
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autofree char *expected = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *shot = NULL;
  const char *shot_dir = g_getenv ("TF_SHOT_DIR");
  GtkWidget *button, *row, *popover, *focus;
  gint64 id = tf_window_get_experiment_id (fixture->window);

  g_assert_cmpint (id, !=, 0);
  collect_date_buttons (content, buttons);
  /* The start and the end of the experiment. */
  g_assert_cmpuint (buttons->len, ==, 2);
  button = g_ptr_array_index (buttons, 0);
  row = gtk_widget_get_ancestor (button, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));

  /* The day the calendar opens on, typed as ISO (always accepted). */
  gtk_editable_set_text (GTK_EDITABLE (row), "2026-02-27");
  gtk_widget_grab_focus (button);
  tf_gui_test_settle (20);
  g_assert_true (gtk_widget_has_focus (button) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), button));

  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "space");
  tf_gui_test_wait_until (date_popover_open, button, "the calendar to open");
  gtk_test_widget_wait_for_draw (popover);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_CALENDAR (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_CALENDAR) != NULL);

  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "Right");
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "Down");
  tf_gui_test_settle (20);
  gtk_test_widget_wait_for_draw (popover);
  if (shot_dir != NULL && *shot_dir != '\0')
    tf_gui_test_shoot_screen (GTK_WIDGET (fixture->window),
                              (shot = g_build_filename (shot_dir, "date-picker.png", NULL)));

  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "Return");
  tf_gui_test_wait_until (date_popover_closed, button, "the calendar to close");
  tf_gui_test_settle (50);

  expected = tf_date_format_user ("2026-03-07", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, expected);
  if (g_str_has_prefix (g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "", "fr"))
    g_assert_cmpstr (expected, ==, "07/03/2026");
  else
    g_assert_cmpstr (expected, ==, "2026-03-07");

  sql = g_strdup_printf ("SELECT start_date FROM experiments WHERE id = %" G_GINT64_FORMAT, id);
  stored = tf_gui_test_archive_text (fixture->archive_path, sql);
  g_assert_cmpstr (stored, ==, "2026-03-07");
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, TRUE))
    return 77;  /* no display: skipped */

  g_test_add_func ("/transfo/gui/window/first-run-and-return", test_window_first_run_and_return);
  g_test_add_func ("/transfo/gui/window/bin", test_window_bin);
  g_test_add ("/transfo/gui/window/shows-demo", Fixture, NULL,
              fixture_set_up, test_window_shows_demo, fixture_tear_down);
  g_test_add ("/transfo/gui/window/keyboard-new-experiment", Fixture, NULL,
              fixture_set_up, test_window_keyboard_new_experiment, fixture_tear_down);
  g_test_add ("/transfo/gui/window/undo-toasts", Fixture, NULL,
              fixture_set_up, test_window_undo_toasts, fixture_tear_down);
  g_test_add ("/transfo/gui/window/boards", Fixture, NULL,
              fixture_set_up, test_window_boards, fixture_tear_down);
  g_test_add ("/transfo/gui/window/board-menu", Fixture, NULL,
              fixture_set_up, test_window_board_menu, fixture_tear_down);
  g_test_add ("/transfo/gui/window/check-archive", Fixture, NULL,
              fixture_set_up, test_window_check_archive, fixture_tear_down);
  g_test_add ("/transfo/gui/window/close-while-checking", Fixture, NULL,
              fixture_set_up, test_window_close_while_checking, fixture_tear_down);
  g_test_add ("/transfo/gui/window/date-picker", Fixture, NULL,
              fixture_set_up, test_window_date_picker, fixture_tear_down);

  return g_test_run ();
}
