/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-mockup-hints"

#include <stdio.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "gui/mockups/tf-mockup-gui.h"
#include "mockups/tf-mockup-kinds.h"
#include "tf-board-view-private.h"
#include "tf-mockup-test-util.h"
#include "tf-test-util.h"
#include "tf-window.h"

/* What a mockup says before it is asked:
 *
 * /mockup-hints/shortcuts: Ctrl+? (app.shortcuts) over a mockup opens the
 *   shortcuts window on the mockup's section, at most 1280 × 800 at its
 *   natural size (so whole on a 1280 × 800 screen), on the general
 *   section from the experiment; in French too (the suite runs it twice);
 *   from a window of 800 × 600 (TRANSFO_TEST_SIZE), within 800 × 600.
 * /mockup-hints/tools: on a board without a photo, "Place an Image" and
 *   the crop tool say to add a photo first and stay down; with one, the
 *   place tool's line over the board says what to click from the moment
 *   it is picked, and goes with the tool.
 * /mockup-hints/add-menu: the add-board menu open, its button has no
 *   tooltip over the menu's first item; closed, the tooltip is back.
 *
 * TRANSFO_TEST_SHOT: a path prefix for screenshots to look at. */

typedef TfMkFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tf_mk_test_start_board (fixture, "test-mockup-hints");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_mk_test_stop (fixture);
}

static void
shoot (Fixture    *fixture,
       const char *suffix)
{
  const char *shot = g_getenv ("TRANSFO_TEST_SHOT");
  g_autofree char *path = NULL;

  if (shot == NULL || *shot == '\0')
    return;
  path = g_strconcat (shot, suffix, NULL);
  tf_gui_test_shoot_screen (GTK_WIDGET (fixture->window), path);
}

/* The shortcuts window shown, or NULL. */
static GtkWidget *
shown_shortcuts (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        return GTK_WIDGET (w);
    }
  return NULL;
}

static gboolean
shortcuts_mapped (Fixture  *fixture,
                  gpointer  data)
{
  return shown_shortcuts () != NULL;
}

static gboolean
shortcuts_gone (Fixture  *fixture,
                gpointer  data)
{
  return shown_shortcuts () == NULL;
}

/* Opens the shortcuts window as Ctrl+? does; returns its visible section's
 * name (owned by the caller). */
static char *
open_shortcuts (Fixture    *fixture,
                const char *shot)
{
  GtkWidget *shortcuts;
  GtkWidget *stack;
  GtkWidget *visible;
  char *section = NULL;
  int min_w, nat_w, min_h, nat_h;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "shortcuts", NULL);
  tf_mk_test_wait_for (fixture, shortcuts_mapped, NULL, "the shortcuts window");
  shortcuts = shown_shortcuts ();
  gtk_test_widget_wait_for_draw (shortcuts);
  tf_gui_test_settle (50);
  shoot (fixture, shot);

  g_object_get (shortcuts, "section-name", &section, NULL);
  /* The section the window really shows: its stack's visible child. */
  stack = tf_gui_test_find_widget (shortcuts, GTK_TYPE_STACK);
  g_assert_nonnull (stack);
  visible = gtk_stack_get_visible_child (GTK_STACK (stack));
  g_assert_true (GTK_IS_SHORTCUTS_SECTION (visible));
  {
    g_autofree char *shown = NULL;

    g_object_get (visible, "section-name", &shown, NULL);
    g_assert_cmpstr (shown, ==, section);
  }

  /* Whole on a 1280 × 800 screen at its natural size. */
  for (GtkWidget *page = gtk_widget_get_first_child (stack); page != NULL; page = gtk_widget_get_next_sibling (page))
    {
      g_autofree char *name = NULL;
      int w, h;

      if (!GTK_IS_SHORTCUTS_SECTION (page))
        continue;
      g_object_get (page, "section-name", &name, NULL);
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
      gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, w, NULL, &h, NULL, NULL);
      g_test_message ("section %s: %d × %d", name, w, h);
    }
  gtk_widget_measure (shortcuts, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
  gtk_widget_measure (shortcuts, GTK_ORIENTATION_VERTICAL, nat_w, &min_h, &nat_h, NULL, NULL);
  g_test_message ("shortcuts window: %d × %d natural, %d × %d at least", nat_w, nat_h, min_w, min_h);
  g_assert_cmpint (nat_w, <=, 1280);
  g_assert_cmpint (nat_h, <=, 800);
  g_assert_cmpint (gtk_widget_get_width (shortcuts), <=, 1280);
  /* Opened from a small window (TRANSFO_TEST_SIZE, 800 × 600), it fits
   * that window: shorter columns, narrower descriptions, more pages. */
  {
    const char *size = g_getenv ("TRANSFO_TEST_SIZE");
    int w = 0, h = 0;

    if (size != NULL && sscanf (size, "%dx%d", &w, &h) == 2)
      {
        g_test_message ("the window %d × %d, the shortcuts window %d × %d", gtk_widget_get_width (GTK_WIDGET (fixture->window)),
                        gtk_widget_get_height (GTK_WIDGET (fixture->window)), gtk_widget_get_width (shortcuts),
                        gtk_widget_get_height (shortcuts));
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, w);
        g_assert_cmpint (nat_w, <=, w);
        g_assert_cmpint (nat_h, <=, h);
        g_assert_cmpint (gtk_widget_get_width (shortcuts), <=, w);
        g_assert_cmpint (gtk_widget_get_height (shortcuts), <=, h);
      }
  }

  gtk_window_close (GTK_WINDOW (shortcuts));
  tf_mk_test_wait_for (fixture, shortcuts_gone, NULL, "the shortcuts window closed");
  return section;
}

static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *on_mockup = NULL;
  g_autofree char *on_experiment = NULL;
  GLogLevelFlags fatal;

  /* GTK 4.8's shortcuts window measures one of its labels below zero (a
   * warning, whatever its groups). */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  on_mockup = open_shortcuts (fixture, ".shortcuts-mockup.png");
  g_assert_cmpstr (on_mockup, ==, "mockups");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-board", NULL);
  tf_gui_test_settle (100);
  on_experiment = open_shortcuts (fixture, ".shortcuts-general.png");
  g_assert_cmpstr (on_experiment, ==, "general");
  g_log_set_always_fatal (fatal);
}

static gboolean
tool_is (Fixture  *fixture,
         gpointer  data)
{
  return tf_mockup_gui_get_tool (fixture->view) == (TfMkToolMode) GPOINTER_TO_INT (data);
}

/* The label saying @text, when it shows (mapped), else NULL. */
static GtkWidget *
shown_label (Fixture    *fixture,
             const char *text)
{
  GtkWidget *label = tf_gui_test_find_label (GTK_WIDGET (fixture->window), text);

  return label != NULL && gtk_widget_get_mapped (label) ? label : NULL;
}

static gboolean
label_shown (Fixture  *fixture,
             gpointer  data)
{
  return shown_label (fixture, data) != NULL;
}

static gboolean
label_hidden (Fixture  *fixture,
              gpointer  data)
{
  return shown_label (fixture, data) == NULL;
}

static void
test_tools (Fixture       *fixture,
            gconstpointer  data)
{
  const char *place_hint = _("Click on a photo to place an image on it · Escape to cancel");

  /* No photo yet: the tools that work on one say so and stay down. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "mockup.tool", "s", "place");
  tf_gui_test_wait_for_label (GTK_WIDGET (fixture->window), _("Add a photo first: an image is placed on a photo"),
                              TF_GUI_TEST_DEADLINE_MS);
  g_assert_cmpint (tf_mockup_gui_get_tool (fixture->view), ==, TF_MK_TOOL_SELECT);
  g_assert_null (shown_label (fixture, place_hint));
  shoot (fixture, ".place-empty.png");
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "mockup.tool", "s", "crop");
  tf_gui_test_wait_for_label (GTK_WIDGET (fixture->window), _("Add a photo first: there is no photo to crop"),
                              TF_GUI_TEST_DEADLINE_MS);
  g_assert_cmpint (tf_mockup_gui_get_tool (fixture->view), ==, TF_MK_TOOL_SELECT);
  shoot (fixture, ".crop-empty.png");

  /* A photo: the place tool is picked and says at once what to click. */
  tf_mk_test_add_photo (fixture, "salle.png", 640, 480, 0.7, 0.6, 0.5);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "mockup.tool", "s", "place");
  tf_mk_test_wait_for (fixture, tool_is, GINT_TO_POINTER (TF_MK_TOOL_PLACE), "the place tool picked");
  tf_mk_test_wait_for (fixture, label_shown, (gpointer) place_hint, "the place tool's hint");
  shoot (fixture, ".place-hint.png");

  /* Put down: the line goes with it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "mockup.tool", "s", "select");
  tf_mk_test_wait_for (fixture, label_hidden, (gpointer) place_hint, "the place tool's hint gone");

  /* The crop tool, on the photo, says how it works. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "mockup.tool", "s", "crop");
  tf_mk_test_wait_for (fixture, tool_is, GINT_TO_POINTER (TF_MK_TOOL_CROP), "the crop tool picked");
  tf_mk_test_wait_for (fixture, label_shown,
                       (gpointer) _("Drag the photo’s handles to crop it · Enter keeps the crop · Escape to cancel"),
                       "the crop tool's hint");
}

static void
test_add_menu (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *button = NULL;
  GtkPopover *popover;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-board", NULL);
  tf_gui_test_settle (100);
  /* The experiment's "Add Board" menu button. */
  {
    g_autoptr(GString) text = g_string_new (_("_Add Board"));
    GtkWidget *label;

    g_string_replace (text, "_", "", 1);   /* its mnemonic's mark */
    label = tf_gui_test_find_label (GTK_WIDGET (fixture->window), text->str);
    g_assert_nonnull (label);
    button = gtk_widget_get_ancestor (label, GTK_TYPE_MENU_BUTTON);
  }
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_has_tooltip (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  tf_gui_test_settle (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_false (gtk_widget_get_has_tooltip (button));
  shoot (fixture, ".add-menu.png");

  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  tf_gui_test_settle (50);
  g_assert_true (gtk_widget_get_has_tooltip (button));
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  g_test_add ("/mockup-hints/shortcuts", Fixture, NULL, fixture_set_up, test_shortcuts, fixture_tear_down);
  g_test_add ("/mockup-hints/tools", Fixture, NULL, fixture_set_up, test_tools, fixture_tear_down);
  g_test_add ("/mockup-hints/add-menu", Fixture, NULL, fixture_set_up, test_add_menu, fixture_tear_down);
  return g_test_run ();
}
