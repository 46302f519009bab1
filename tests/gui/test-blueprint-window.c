/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-blueprint-window"

#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "blueprints/tf-blueprint.h"
#include "blueprints/tf-blueprint-checks.h"
#include "blueprints/tf-blueprint-commands.h"
#include "blueprints/tf-blueprint-layout.h"
#include "blueprints/tf-blueprint-model.h"
#include "core/tf-archive.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-history.h"
#include "gui/blueprints/tf-blueprint-gui.h"
#include "tf-application.h"
#include "tf-board-view-private.h"
#include "tf-gui-test-util.h"
#include "tf-test-util.h"
#include "tf-window.h"

/* A service blueprint drawn in the real window with the keyboard only: a
 * new blueprint board shows its grid at once; letters write cards in the
 * evidence, customer and frontstage lanes, the arrow keys go from cell to
 * cell, Ctrl+Shift+→ adds steps, Tab goes from card to card and off the
 * board; a fail point gives the finding "fail point without owner" until
 * its owner is set. The archive is read back through a second, read-only
 * connection.
 *
 * TRANSFO_TEST_SIZE=800x600 sets the window's size, TRANSFO_TEST_SHOT a
 * screenshot's path (both for looking at it by hand). */

typedef struct {
  char          *archive_path;
  TfApplication *app;
  TfWindow      *window;
  TfBoardView   *view;
  gint64         board_id;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture,
                               gpointer data);

/* Runs the main loop until @condition holds (at most the GUI deadline). */
static void
wait_for (Fixture    *fixture,
          Condition   condition,
          gpointer    data,
          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + TF_GUI_TEST_DEADLINE_MS * 1000;

  while (!condition (fixture, data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      if (!g_main_context_pending (NULL))
        g_usleep (1000);
    }
}

/* The blueprint as the window shows it. */
static TfBlueprint *
shown (Fixture *fixture)
{
  return tf_blueprint_from_scene (tf_board_view_get_scene (fixture->view));
}

/* The blueprint as another process reads it from the archive. */
static TfBlueprint *
on_disk (Fixture *fixture)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(GError) error = NULL;

  store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  scene = tf_scene_new_for_board (store, fixture->board_id, &error);
  g_assert_no_error (error);
  return tf_blueprint_from_scene (scene);
}

/* A screenshot of the whole screen (popovers included) for looking at it,
 * when asked by the environment. */
static void
shoot (Fixture    *fixture,
       const char *path)
{
  tf_gui_test_shoot_screen (GTK_WIDGET (fixture->window), path);
}

static gboolean
has_grid (Fixture *fixture,
          gpointer data)
{
  g_autoptr(TfBlueprint) bp = shown (fixture);

  return bp->grid_item_id != 0 && bp->steps->len > 0;
}

static gboolean
n_steps_is (Fixture *fixture,
            gpointer data)
{
  g_autoptr(TfBlueprint) bp = shown (fixture);

  return bp->steps->len == GPOINTER_TO_UINT (data);
}

static guint
n_steps (Fixture *fixture)
{
  g_autoptr(TfBlueprint) bp = shown (fixture);

  return bp->steps->len;
}

static gboolean
not_editing (Fixture *fixture,
             gpointer data)
{
  return !tf_board_view_get_editing (fixture->view);
}

static gboolean
n_cards_is (Fixture *fixture,
            gpointer data)
{
  g_autoptr(TfBlueprint) bp = shown (fixture);

  return bp->cards->len == GPOINTER_TO_UINT (data);
}

static TfBpLaneRole
cursor_role (Fixture *fixture,
             int     *step)
{
  g_autoptr(TfBlueprint) bp = shown (fixture);
  g_autofree char *step_id = NULL;
  g_autofree char *lane_id = NULL;
  int lane;

  g_assert_true (tf_blueprint_gui_get_cursor (fixture->view, &step_id, &lane_id));
  if (step != NULL)
    *step = tf_blueprint_step_index (bp, step_id);
  lane = tf_blueprint_lane_index (bp, lane_id);
  g_assert_cmpint (lane, >=, 0);
  return ((TfBpLane *) g_ptr_array_index (bp->lanes, lane))->role;
}

static void
key (Fixture         *fixture,
     guint            keyval,
     GdkModifierType  state)
{
  g_assert_true (tf_board_view_key_pressed (fixture->view, keyval, state));
  tf_gui_test_settle (20);
}

/* Writes a card in the cursor's cell as a user does: its first letter
 * starts it, the rest is typed into the inline editor, Enter writes it. */
static void
write_card (Fixture    *fixture,
            const char *text)
{
  g_autoptr(TfBlueprint) before = shown (fixture);
  guint n = before->cards->len;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *typed = NULL;
  gunichar first = g_utf8_get_char (text);

  g_assert_false (tf_board_view_get_editing (fixture->view));
  key (fixture, gdk_unicode_to_keyval (first), g_unichar_isupper (first) ? GDK_SHIFT_MASK : 0);
  g_assert_true (tf_board_view_get_editing (fixture->view));
  buffer = gtk_text_view_get_buffer (fixture->view->editor_text);
  gtk_text_buffer_insert_at_cursor (buffer, g_utf8_next_char (text), -1);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  typed = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (typed, ==, text);
  g_assert_true (tf_board_view_editor_key (fixture->view, GDK_KEY_Return, 0));
  wait_for (fixture, not_editing, NULL, "the card's text written");
  wait_for (fixture, n_cards_is, GUINT_TO_POINTER (n + 1), "the new card");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture->view)));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *size = g_getenv ("TRANSFO_TEST_SIZE");
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  int width = 1280, height = 800;
  gint64 demo;

  if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
    width = 1280, height = 800;
  fixture->archive_path = tf_gui_test_archive_path ();
  fixture->window = tf_gui_test_start (fixture->archive_path, &fixture->app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  /* A new blueprint board in the demo experiment, as "New board" adds it. */
  tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall", &demo);
  command = tf_command_add_board (demo, "blueprint", "Kit du mandat");
  g_assert_true (tf_history_execute (tf_window_get_history (fixture->window), command, &error));
  g_assert_no_error (error);
  fixture->board_id = tf_command_get_result_id (command);
  g_assert_cmpint (fixture->board_id, !=, 0);
  fixture->view = tf_gui_test_open_board_view (fixture->window, fixture->board_id);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture->view)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_gui_test_stop (fixture->window, &fixture->app, &fixture->archive_path, 100);
}

static const TfBpFinding *
find_finding (GPtrArray  *findings,
              const char *needle,
              gint64      card)
{
  for (guint i = 0; i < findings->len; i++)
    {
      TfBpFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->check->id, needle) != 0 || finding->silenced != NULL)
        continue;
      for (guint j = 0; j < finding->items->len; j++)
        if (g_array_index (finding->items, gint64, j) == card)
          return finding;
    }
  return NULL;
}

static gboolean
fail_owner_finding (Fixture *fixture,
                    gpointer data)
{
  g_autoptr(TfBlueprint) bp = shown (fixture);
  g_autoptr(GPtrArray) findings = tf_blueprint_check (bp, NULL);
  gint64 id = *(gint64 *) data;

  return find_finding (findings, "fail-owner", id) != NULL;
}

static gboolean
no_fail_owner_finding (Fixture *fixture,
                       gpointer data)
{
  return !fail_owner_finding (fixture, data);
}

static gint64
selected_card (Fixture *fixture)
{
  g_autoptr(GArray) selection = tf_board_view_get_selection (fixture->view);

  g_assert_cmpuint (selection->len, ==, 1);
  return g_array_index (selection, gint64, 0);
}

static TfBpCard *
card_with_text (TfBlueprint *bp,
                const char  *text)
{
  for (guint i = 0; i < bp->cards->len; i++)
    {
      TfBpCard *card = g_ptr_array_index (bp->cards, i);

      if (g_strcmp0 (card->text, text) == 0)
        return card;
    }
  return NULL;
}

static void
assert_card (TfBlueprint  *bp,
             const char   *text,
             int           step,
             TfBpLaneRole  role)
{
  TfBpCard *card = card_with_text (bp, text);
  int lane;

  g_assert_nonnull (card);
  g_assert_cmpint (tf_blueprint_step_index (bp, card->step_id), ==, step);
  lane = tf_blueprint_lane_index (bp, card->lane_id);
  g_assert_cmpint (lane, >=, 0);
  g_assert_cmpint (((TfBpLane *) g_ptr_array_index (bp->lanes, lane))->role, ==, role);
}

static gboolean
n_arrows_is (Fixture *fixture,
             gpointer data)
{
  g_autoptr(TfBlueprint) bp = shown (fixture);

  return bp->arrows->len == GPOINTER_TO_UINT (data);
}

static gboolean
arrow_two_way (Fixture *fixture,
               gpointer data)
{
  g_autoptr(TfBlueprint) bp = shown (fixture);

  return bp->arrows->len == 1 && ((TfBpArrow *) g_ptr_array_index (bp->arrows, 0))->two_way;
}

/* Whether a menu, its sections or its submenus have an item for @action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
      if ((section != NULL && menu_has_action (section, action)) ||
          (submenu != NULL && menu_has_action (submenu, action)))
        return TRUE;
    }
  return FALSE;
}

static void
test_keyboard_blueprint (Fixture       *fixture,
                         gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  GActionGroup *actions;
  g_autoptr(TfBlueprint) bp = NULL;
  g_autoptr(TfBlueprint) archived = NULL;
  const char *shot = g_getenv ("TRANSFO_TEST_SHOT");
  gint64 failing, first, tabbed;
  int step;

  /* The grid shows at once, with a first step; the cursor is on the
   * customer's cell of it. */
  wait_for (fixture, has_grid, NULL, "the new blueprint's grid");
  g_assert_cmpint (cursor_role (fixture, &step), ==, TF_BP_LANE_CUSTOMER);
  g_assert_cmpint (step, ==, 0);

  /* Step 1: the customer's action, the evidence above it, the frontstage
   * below; Up and Down go from lane to lane. */
  write_card (fixture, "Recevoir le kit du mandat");
  first = selected_card (fixture);
  key (fixture, GDK_KEY_Up, 0);
  g_assert_cmpint (cursor_role (fixture, NULL), ==, TF_BP_LANE_EVIDENCE);
  write_card (fixture, "Mallette et guide papier");
  key (fixture, GDK_KEY_Down, 0);
  key (fixture, GDK_KEY_Down, 0);
  g_assert_cmpint (cursor_role (fixture, NULL), ==, TF_BP_LANE_FRONTSTAGE);
  /* Enter on an empty cell writes a card there. */
  key (fixture, GDK_KEY_Return, 0);
  g_assert_true (tf_board_view_get_editing (view));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view->editor_text),
                                    "Accueil par le cabinet", -1);
  g_assert_true (tf_board_view_editor_key (view, GDK_KEY_Return, 0));
  wait_for (fixture, not_editing, NULL, "the frontstage card written");
  wait_for (fixture, n_cards_is, GUINT_TO_POINTER (3), "three cards");

  /* Step 2: Right goes to it. */
  key (fixture, GDK_KEY_Right, 0);
  g_assert_cmpint (cursor_role (fixture, &step), ==, TF_BP_LANE_FRONTSTAGE);
  g_assert_cmpint (step, ==, 1);
  write_card (fixture, "Le collaborateur répond");
  failing = selected_card (fixture);
  key (fixture, GDK_KEY_Up, 0);
  write_card (fixture, "Chercher une information pratique");

  /* The new grid's steps after the second go (Ctrl+Delete); a step is
   * added after the second (Ctrl+Shift+→), the cursor on it. */
  while (n_steps (fixture) > 2)
    {
      guint n = n_steps (fixture);

      key (fixture, GDK_KEY_Right, 0);
      g_assert_cmpint (cursor_role (fixture, &step), ==, TF_BP_LANE_CUSTOMER);
      g_assert_cmpint (step, ==, 2);
      key (fixture, GDK_KEY_Delete, GDK_CONTROL_MASK);
      wait_for (fixture, n_steps_is, GUINT_TO_POINTER (n - 1), "a step deleted");
    }
  g_assert_cmpint (cursor_role (fixture, &step), ==, TF_BP_LANE_CUSTOMER);
  g_assert_cmpint (step, ==, 1);
  key (fixture, GDK_KEY_Right, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  wait_for (fixture, n_steps_is, GUINT_TO_POINTER (3), "a third step");
  g_assert_cmpint (cursor_role (fixture, &step), ==, TF_BP_LANE_CUSTOMER);
  g_assert_cmpint (step, ==, 2);
  write_card (fixture, "Poser une question au service");

  /* Tab goes from card to card in reading order; past the last card it
   * leaves the board (as on every board), and back on the board it
   * starts again from the first card. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  key (fixture, GDK_KEY_Tab, 0);
  g_assert_false (gtk_widget_has_focus (GTK_WIDGET (view)));
  gtk_widget_grab_focus (GTK_WIDGET (view));
  key (fixture, GDK_KEY_Tab, 0);
  bp = shown (fixture);
  g_assert_cmpint (selected_card (fixture), ==, card_with_text (bp, "Mallette et guide papier")->item_id);
  g_assert_cmpint (cursor_role (fixture, &step), ==, TF_BP_LANE_EVIDENCE);
  g_assert_cmpint (step, ==, 0);
  key (fixture, GDK_KEY_Tab, 0);
  tabbed = selected_card (fixture);
  g_assert_cmpint (tabbed, ==, first);
  key (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK);
  g_assert_cmpint (cursor_role (fixture, NULL), ==, TF_BP_LANE_EVIDENCE);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));

  /* A fail point on the frontstage card of step 2: the check finds it has
   * no owner, until the owner is set. */
  g_assert_true (tf_blueprint_gui_set_cursor (view, ((TfBpStep *) g_ptr_array_index (bp->steps, 1))->id,
                                              tf_blueprint_lane_of_role (bp, TF_BP_LANE_FRONTSTAGE)->id));
  g_assert_cmpint (selected_card (fixture), ==, failing);
  key (fixture, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  wait_for (fixture, fail_owner_finding, &failing, "the finding “fail point without owner”");
  actions = tf_board_view_lookup_actions (view, "blueprint");
  g_assert_nonnull (actions);
  g_assert_true (g_action_group_get_action_enabled (actions, "set-fail-owner-to"));
  g_action_group_activate_action (actions, "set-fail-owner-to", g_variant_new_string ("Cabinet du président"));
  wait_for (fixture, no_fail_owner_finding, &failing, "the finding gone");

  if (shot != NULL)
    shoot (fixture, shot);

  /* What another process reads: the cards in their cells, the mark. */
  archived = on_disk (fixture);
  g_assert_cmpuint (archived->steps->len, ==, 3);
  g_assert_cmpuint (archived->cards->len, ==, 6);
  assert_card (archived, "Recevoir le kit du mandat", 0, TF_BP_LANE_CUSTOMER);
  assert_card (archived, "Mallette et guide papier", 0, TF_BP_LANE_EVIDENCE);
  assert_card (archived, "Accueil par le cabinet", 0, TF_BP_LANE_FRONTSTAGE);
  assert_card (archived, "Le collaborateur répond", 1, TF_BP_LANE_FRONTSTAGE);
  assert_card (archived, "Chercher une information pratique", 1, TF_BP_LANE_CUSTOMER);
  assert_card (archived, "Poser une question au service", 2, TF_BP_LANE_CUSTOMER);
  g_assert_true (tf_blueprint_card (archived, failing)->marks & TF_BP_MARK_FAIL);
  g_assert_cmpstr (tf_blueprint_card (archived, failing)->fail_owner, ==, "Cabinet du président");

  /* One undo takes the owner back off; the finding returns. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  wait_for (fixture, fail_owner_finding, &failing, "the finding back after undo");

  /* An arrow with the keyboard: Ctrl+L on the first card, Right to the
   * next step's customer card, Enter; then made two-way. */
  g_assert_true (tf_blueprint_gui_set_cursor (view, ((TfBpStep *) g_ptr_array_index (bp->steps, 0))->id,
                                              tf_blueprint_lane_of_role (bp, TF_BP_LANE_CUSTOMER)->id));
  g_assert_cmpint (selected_card (fixture), ==, first);
  key (fixture, GDK_KEY_l, GDK_CONTROL_MASK);
  key (fixture, GDK_KEY_Right, 0);
  key (fixture, GDK_KEY_Return, 0);
  g_assert_false (tf_board_view_get_editing (view));
  wait_for (fixture, n_arrows_is, GUINT_TO_POINTER (1), "the arrow drawn with the keyboard");
  {
    g_autoptr(TfBlueprint) with_arrow = shown (fixture);
    TfBpArrow *arrow = g_ptr_array_index (with_arrow->arrows, 0);

    g_assert_cmpint (arrow->from, ==, first);
    g_assert_cmpint (arrow->to, ==, card_with_text (with_arrow, "Chercher une information pratique")->item_id);
    g_assert_false (arrow->two_way);
    g_assert_true (g_action_group_get_action_enabled (actions, "arrow-two-way"));
    g_action_group_activate_action (actions, "arrow-two-way", g_variant_new_int64 (arrow->item_id));
    wait_for (fixture, arrow_two_way, NULL, "the arrow two-way");
  }

  /* Shift+F10: the cell's menu, from the keyboard, with the card's arrow. */
  g_assert_true (tf_blueprint_gui_set_cursor (view, ((TfBpStep *) g_ptr_array_index (bp->steps, 0))->id,
                                              tf_blueprint_lane_of_role (bp, TF_BP_LANE_CUSTOMER)->id));
  key (fixture, GDK_KEY_F10, GDK_SHIFT_MASK);
  {
    GtkWidget *menu = tf_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_POPOVER_MENU);
    GMenuModel *model;
    gboolean arrow_items = FALSE;

    g_assert_nonnull (menu);
    g_assert_true (gtk_widget_get_visible (menu));
    model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (menu));
    arrow_items = menu_has_action (model, "blueprint.arrow-two-way");
    g_assert_true (arrow_items);
    if (g_getenv ("TRANSFO_TEST_CELL_MENU_SHOT") != NULL)
      shoot (fixture, g_getenv ("TRANSFO_TEST_CELL_MENU_SHOT"));
    gtk_popover_popdown (GTK_POPOVER (menu));
    tf_gui_test_settle (50);
    g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  }
}

/* The centre of a cell or an item, in widget coordinates. */
static void
cell_centre (Fixture *fixture,
             int      step,
             int      lane,
             double  *x,
             double  *y)
{
  g_autoptr(TfBlueprint) bp = shown (fixture);
  g_autoptr(TfBpLayout) layout = tf_blueprint_layout (bp);
  TfRect cell = tf_bp_layout_cell (layout, step, lane);

  tf_board_view_to_widget (fixture->view, cell.x + cell.width / 2, cell.y + cell.height - 12, x, y);
}

static void
item_centre (Fixture *fixture,
             gint64   id,
             double  *x,
             double  *y)
{
  TfItem *item = tf_scene_lookup (tf_board_view_get_scene (fixture->view), id);

  g_assert_nonnull (item);
  tf_board_view_to_widget (fixture->view, item->bounds.x + item->bounds.width / 2,
                           item->bounds.y + item->bounds.height / 2, x, y);
}

static void
drag (Fixture *fixture,
      double   x0,
      double   y0,
      double   x1,
      double   y1)
{
  tf_board_view_drag_begin (fixture->view, GDK_BUTTON_PRIMARY, 0, x0, y0);
  tf_board_view_drag_update (fixture->view, 0, (x1 - x0) / 2, (y1 - y0) / 2);
  tf_board_view_drag_update (fixture->view, 0, x1 - x0, y1 - y0);
  tf_board_view_drag_end (fixture->view);
}

typedef struct {
  gint64 id;
  int    step;
  int    lane;
} Place;

static gboolean
lane_titled (Fixture *fixture,
             gpointer data)
{
  g_autoptr(TfBlueprint) bp = shown (fixture);
  int lane = tf_blueprint_lane_index (bp, data);

  return lane >= 0 && g_strcmp0 (((TfBpLane *) g_ptr_array_index (bp->lanes, lane))->title,
                                 "Cabinet et services") == 0;
}

static gboolean
card_is_at (Fixture *fixture,
            gpointer data)
{
  const Place *place = data;
  g_autoptr(TfBlueprint) bp = shown (fixture);
  TfBpCard *card = tf_blueprint_card (bp, place->id);

  return card != NULL && tf_blueprint_step_index (bp, card->step_id) == place->step &&
         tf_blueprint_lane_index (bp, card->lane_id) == place->lane;
}


/* The mouse: a double-click on an empty cell writes a card there; a card
 * dragged to another cell joins it (the generic move, then the blueprint
 * settles); the arrow tool draws an arrow from one card to another; a
 * right-click on a header opens its menu. */
static void
test_mouse_blueprint (Fixture       *fixture,
                      gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  const char *shot = g_getenv ("TRANSFO_TEST_MENU_SHOT");
  g_autoptr(TfBlueprint) bp = NULL;
  g_autoptr(TfBpLayout) layout = NULL;
  GtkWidget *menu;
  double x0, y0, x1, y1, bx, by;
  int customer, frontstage;
  gint64 a, b;
  Place place;

  wait_for (fixture, has_grid, NULL, "the new blueprint's grid");
  bp = shown (fixture);
  customer = tf_blueprint_lane_index (bp, tf_blueprint_lane_of_role (bp, TF_BP_LANE_CUSTOMER)->id);
  frontstage = tf_blueprint_lane_index (bp, tf_blueprint_lane_of_role (bp, TF_BP_LANE_FRONTSTAGE)->id);

  /* Double-click on the customer's cell of step 1: a card, edited. */
  cell_centre (fixture, 0, customer, &x0, &y0);
  tf_board_view_to_board (view, x0, y0, &bx, &by);
  g_assert_true (view->type_gui->activate (view, bx, by));
  g_assert_true (tf_board_view_get_editing (view));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view->editor_text), "Ouvrir la mallette", -1);
  g_assert_true (tf_board_view_editor_key (view, GDK_KEY_Return, 0));
  wait_for (fixture, not_editing, NULL, "the card written");
  wait_for (fixture, n_cards_is, GUINT_TO_POINTER (1), "one card");
  a = selected_card (fixture);

  /* Another in the frontstage of step 2. */
  cell_centre (fixture, 1, frontstage, &x0, &y0);
  tf_board_view_to_board (view, x0, y0, &bx, &by);
  g_assert_true (view->type_gui->activate (view, bx, by));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view->editor_text), "Répondre", -1);
  g_assert_true (tf_board_view_editor_key (view, GDK_KEY_Return, 0));
  wait_for (fixture, n_cards_is, GUINT_TO_POINTER (2), "two cards");
  b = selected_card (fixture);

  /* A press on an empty cell takes hold of nothing (the grid is the
   * board there): no selection, nothing moved. */
  cell_centre (fixture, 2, frontstage, &x0, &y0);
  tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, x0, y0);
  tf_board_view_drag_end (view);
  g_assert_cmpuint (tf_board_view_get_n_selected (view), ==, 0);

  /* Dragged to the customer's cell of step 3, it settles there. */
  item_centre (fixture, b, &x0, &y0);
  cell_centre (fixture, 2, customer, &x1, &y1);
  drag (fixture, x0, y0, x1, y1);
  place = (Place) { b, 2, customer };
  wait_for (fixture, card_is_at, &place, "the card in its new cell");

  /* The arrow tool: from the first card to the moved one. */
  tf_blueprint_gui_set_arrow_tool (view, TRUE);
  g_assert_true (tf_blueprint_gui_get_arrow_tool (view));
  tf_gui_test_settle (20);
  item_centre (fixture, a, &x0, &y0);
  item_centre (fixture, b, &x1, &y1);
  drag (fixture, x0, y0, x1, y1);
  wait_for (fixture, n_arrows_is, GUINT_TO_POINTER (1), "the arrow drawn");
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_Escape, 0));
  g_assert_false (tf_blueprint_gui_get_arrow_tool (view));

  /* A right-click on the step header of step 2: its menu. */
  layout = tf_blueprint_layout (bp);
  tf_board_view_to_widget (view, g_array_index (layout->step_headers, TfRect, 1).x + 40,
                           g_array_index (layout->step_headers, TfRect, 1).y + 20, &x0, &y0);
  g_assert_true (view->type_gui->context_menu (view, x0, y0));
  tf_gui_test_settle (50);
  menu = tf_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_POPOVER_MENU);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (menu));
  if (shot != NULL)
    shoot (fixture, shot);
  gtk_popover_popdown (GTK_POPOVER (menu));
  tf_gui_test_settle (50);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));

  /* A double-click on a lane's header: a small entry renames it. */
  {
    const TfRect *header = &g_array_index (layout->lane_headers, TfRect, frontstage);
    GtkWidget *popover, *entry;
    const char *lane_id = tf_blueprint_lane_of_role (bp, TF_BP_LANE_FRONTSTAGE)->id;

    g_assert_true (view->type_gui->activate (view, header->x + 20, header->y + 20));
    tf_gui_test_settle (50);
    popover = tf_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_POPOVER);
    g_assert_nonnull (popover);
    entry = tf_gui_test_find_widget (popover, GTK_TYPE_ENTRY);
    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Cabinet et services");
    if (g_getenv ("TRANSFO_TEST_ENTRY_SHOT") != NULL)
      shoot (fixture, g_getenv ("TRANSFO_TEST_ENTRY_SHOT"));
    g_signal_emit_by_name (entry, "activate");
    wait_for (fixture, lane_titled, (gpointer) lane_id, "the lane renamed");
    tf_gui_test_settle (50);
    g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  }
}

/* Duplicating the experiment without its items gives the copy's blueprints
 * their grid inside the duplicate's own command: on disk before anyone looks
 * at them, and viewing one writes no grid of its own. */
static void
test_duplicate_without_items (Fixture       *fixture,
                              gconstpointer  data)
{
  TfHistory *history = tf_window_get_history (fixture->window);
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GListStore) boards = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfBlueprint) seen = NULL;
  gint64 demo, copy, grid = 0;
  guint n_blueprints = 0;

  tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall", &demo);
  command = tf_command_duplicate_experiment (demo, FALSE);
  g_assert_true (tf_history_execute (history, command, &error));
  g_assert_no_error (error);
  copy = tf_command_get_result_id (command);
  g_assert_cmpint (copy, !=, 0);

  boards = tf_archive_list_boards (tf_history_get_store (history), copy, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);
      g_autoptr(TfBlueprint) bp = NULL;

      if (g_strcmp0 (tf_board_get_kind_id (board), TF_BLUEPRINT_TYPE_ID) != 0)
        continue;
      n_blueprints++;
      fixture->board_id = tf_board_get_id (board);
      bp = on_disk (fixture);
      g_assert_cmpint (bp->grid_item_id, !=, 0);
      g_assert_cmpuint (bp->steps->len, >, 0);
      g_assert_cmpuint (bp->cards->len, ==, 0);
      grid = bp->grid_item_id;
    }
  g_assert_cmpuint (n_blueprints, >=, 1);

  fixture->view = tf_gui_test_open_board_view (fixture->window, fixture->board_id);
  wait_for (fixture, has_grid, NULL, "the copy's grid");
  seen = shown (fixture);
  g_assert_cmpint (seen->grid_item_id, ==, grid);
  g_assert_cmpstr (tf_history_get_undo_label (history), ==, tf_command_get_label (command));
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;

  g_test_add ("/blueprint-window/keyboard", Fixture, NULL, fixture_set_up, test_keyboard_blueprint,
              fixture_tear_down);
  g_test_add ("/blueprint-window/mouse", Fixture, NULL, fixture_set_up, test_mouse_blueprint,
              fixture_tear_down);
  g_test_add ("/blueprint-window/duplicate", Fixture, NULL, fixture_set_up, test_duplicate_without_items,
              fixture_tear_down);
  return g_test_run ();
}
