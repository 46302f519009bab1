/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-blueprint-panel"

#include <stdio.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "blueprints/tf-blueprint.h"
#include "blueprints/tf-blueprint-checks.h"
#include "blueprints/tf-blueprint-commands.h"
#include "blueprints/tf-blueprint-model.h"
#include "canvas/tf-item-commands.h"
#include "canvas/tf-scene.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-history.h"
#include "core/tf-store-private.h"
#include "gui/blueprints/tf-blueprint-panel.h"
#include "gui/insights/tf-insight-panel.h"
#include "gui/tf-gui-wings.h"
#include "gui/tf-text-field.h"
#include "insights/tf-note-kind.h"
#include "stamps/tf-stamp-library.h"
#include "tf-gui-test-util.h"
#include "tf-test-util.h"

/* The blueprint's side panel in the real window, on a blueprint built
 * with the commands in the demo experiment: a selected card fills it; a
 * fail mark and its owner, set in the panel, reach the archive and undo
 * one at a time; the live findings list names the fail point without an
 * owner and selects its card when clicked; a cited insight shows on the
 * wall's panel, which opens the blueprint at the card. The archive is read
 * through a second, read-only connection. Waits are bounded by a deadline,
 * never fixed. */

typedef struct {
  char          *archive_path;
  TfApplication *app;
  TfWindow      *window;
  TfBoardView   *view;
  TfHistory     *history;
  gint64         experiment;
  gint64         wall;
  gint64         board;
  gint64         card;        /* frontstage, step 1: "Remettre le kit" */
  gint64         other;       /* customer, step 1 */
  char          *shots;       /* $TF_SHOTS: where screenshots go, or NULL */
} Fixture;

/* The shared helpers (tf-gui-test-util.h) on this fixture. */
#define wait_until(fixture, condition, what) \
  tf_gui_test_wait_until ((TfGuiTestCondition) (condition), (fixture), (what))
#define shoot(fixture, name) tf_gui_test_shoot (GTK_WIDGET ((fixture)->window), (fixture)->shots, (name))
#define execute(fixture, command) tf_gui_test_execute ((fixture)->view, (command))

/* What another process sees on disk. */
static TfBlueprint *
read_blueprint (Fixture *fixture)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(GError) error = NULL;

  store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  scene = tf_scene_new_for_board (store, fixture->board, &error);
  g_assert_no_error (error);
  return tf_blueprint_from_scene (scene);
}

static TfBlueprintPanel *
panel_of (Fixture *fixture)
{
  GtkWidget *panel = tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_BLUEPRINT_PANEL);

  g_assert_nonnull (panel);
  return TF_BLUEPRINT_PANEL (panel);
}

static GtkWidget *
child (TfBlueprintPanel *panel,
       const char       *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (panel), TF_TYPE_BLUEPRINT_PANEL, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static gboolean
panel_mapped (Fixture *fixture)
{
  GtkWidget *panel = tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_BLUEPRINT_PANEL);

  return panel != NULL && gtk_widget_get_mapped (panel);
}

/* The blueprint board, opened with its panel shown. */
static void
open_blueprint (Fixture *fixture)
{
  fixture->view = tf_gui_test_open_board_view (fixture->window, fixture->board);
  if (!panel_mapped (fixture))
    gtk_widget_activate_action (GTK_WIDGET (fixture->view), "board.toggle-panel", NULL);
  wait_until (fixture, panel_mapped, "the blueprint panel");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(TfBlueprint) bp = NULL;
  g_autoptr(TfScene) scene = NULL;
  TfScene *wall_scene;
  const char *customer, *frontstage;
  char step1[64], step2[64];
  TfCommand *command;

  fixture->shots = g_strdup (g_getenv ("TF_SHOTS"));
  fixture->archive_path = tf_gui_test_archive_path ();
  fixture->window = tf_gui_test_start (fixture->archive_path, &fixture->app);
  /* $TF_SHOT_SIZE ("800x600") for screenshots at another size. */
  {
    int width = 1280, height = 800;

    if (g_getenv ("TF_SHOT_SIZE") != NULL)
      sscanf (g_getenv ("TF_SHOT_SIZE"), "%dx%d", &width, &height);
    gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  /* The demo's wall: its quotes are what cards cite. */
  fixture->wall = tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall", &fixture->experiment);
  fixture->view = tf_gui_test_open_board_view (fixture->window, fixture->wall);
  fixture->history = tf_board_view_get_history (fixture->view);
  wall_scene = tf_board_view_get_scene (fixture->view);
  g_assert_cmpuint (tf_scene_get_n_items (wall_scene), >, 0);

  /* A blueprint of two steps in the demo experiment. */
  fixture->board = execute (fixture, tf_command_add_board (fixture->experiment, TF_BLUEPRINT_TYPE_ID,
                                                           "Kit du mandat"));
  command = tf_bp_command_insert_step (fixture->board, -1, "Recevoir le kit", NULL);
  execute (fixture, g_object_ref (command));
  g_strlcpy (step1, tf_bp_command_get_new_id (command), sizeof step1);
  g_object_unref (command);
  command = tf_bp_command_insert_step (fixture->board, -1, "Trouver l’information", NULL);
  execute (fixture, g_object_ref (command));
  g_strlcpy (step2, tf_bp_command_get_new_id (command), sizeof step2);
  g_object_unref (command);

  bp = read_blueprint (fixture);
  customer = tf_blueprint_lane_of_role (bp, TF_BP_LANE_CUSTOMER)->id;
  frontstage = tf_blueprint_lane_of_role (bp, TF_BP_LANE_FRONTSTAGE)->id;
  fixture->other = execute (fixture, tf_bp_command_add_card (fixture->board, step1, customer, -1,
                                                             "Ouvrir le kit"));
  fixture->card = execute (fixture, tf_bp_command_add_card (fixture->board, step1, frontstage, -1,
                                                            "Remettre le kit"));
  execute (fixture, tf_bp_command_add_card (fixture->board, step2, customer, -1, "Chercher un contact"));
  g_assert_cmpint (fixture->card, >, 0);
  g_assert_cmpint (fixture->other, >, 0);

  open_blueprint (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_gui_test_stop (fixture->window, &fixture->app, &fixture->archive_path, 200);
  g_free (fixture->shots);
}

static gboolean
card_shown (Fixture *fixture)
{
  TfBlueprintPanel *panel = panel_of (fixture);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (child (panel, "card_stack"))), "fields") == 0 &&
         g_strcmp0 (tf_text_field_get_text (TF_TEXT_FIELD (child (panel, "text_field"))), "Remettre le kit") == 0;
}

static void
select_card (Fixture *fixture,
             gint64   id)
{
  tf_board_view_select (fixture->view, &id, 1);
}

static const char *stored_actor;

/* The search entry waits a moment before it filters. */
static gboolean
actor_found (Fixture *fixture)
{
  GtkWidget *list = child (panel_of (fixture), "actor_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  const char *id = row != NULL ? g_object_get_data (G_OBJECT (row), "stamp-id") : NULL;

  return id != NULL && id[0] != '\0';
}

static gboolean
actor_stored (Fixture *fixture)
{
  g_autoptr(TfBlueprint) bp = read_blueprint (fixture);
  TfBpCard *card = tf_blueprint_card (bp, fixture->card);

  return card != NULL && g_strcmp0 (card->actor, stored_actor) == 0;
}

static gboolean
department_stored (Fixture *fixture)
{
  g_autoptr(TfBlueprint) bp = read_blueprint (fixture);
  TfBpCard *card = tf_blueprint_card (bp, fixture->card);

  return card != NULL && g_strcmp0 (card->department, "Service culture") == 0;
}

/* Selecting a card fills the panel; its actor and department are set
 * from it. */
static void
test_select (Fixture       *fixture,
             gconstpointer  data)
{
  TfBlueprintPanel *panel = panel_of (fixture);
  GtkListBoxRow *actor_row;
  g_autofree char *actor = NULL;
  g_autofree char *offered = NULL;
  GtkTreeModel *completion;
  GtkTreeIter iter;

  select_card (fixture, fixture->card);
  wait_until (fixture, card_shown, "the card's fields");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (panel, "cell_label"))), "Recevoir le kit"));
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (child (panel, "fail_row"))));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child (panel, "pain_switch"))));
  shoot (fixture, "blueprint-card.png");

  /* The actor: a pictogram stamp searched by name. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (child (panel, "actor_button")));
  gtk_editable_set_text (GTK_EDITABLE (child (panel, "actor_search")), "élu");
  wait_until (fixture, actor_found, "the stamps matching “élu”");
  actor_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (panel, "actor_list")), 0);
  g_assert_nonnull (actor_row);
  actor = g_strdup (g_object_get_data (G_OBJECT (actor_row), "stamp-id"));
  g_assert_cmpstr (actor, !=, "");
  g_signal_emit_by_name (child (panel, "actor_list"), "row-activated", actor_row);
  stored_actor = actor;
  wait_until (fixture, actor_stored, "the actor in the archive");
  {
    g_autoptr(TfStamp) stamp = tf_stamp_library_lookup (tf_stamp_library_get_default (), actor);

    g_assert_nonnull (tf_gui_test_find_label (child (panel, "actor_button"), tf_stamp_get_name (stamp)));
  }

  /* The department, committed when the field is left, then offered to
   * the next card. */
  gtk_widget_grab_focus (child (panel, "department_entry"));
  gtk_editable_set_text (GTK_EDITABLE (child (panel, "department_entry")), "Service culture");
  gtk_widget_grab_focus (child (panel, "owner_row"));
  wait_until (fixture, department_stored, "the department in the archive");
  shoot (fixture, "blueprint-card-actor.png");
  select_card (fixture, fixture->other);
  tf_gui_test_settle (50);
  completion = gtk_entry_completion_get_model (gtk_entry_get_completion (GTK_ENTRY (child (panel, "department_entry"))));
  /* Among the departments the experiment's blueprints already use (the
   * demo's are there too). */
  g_assert_true (gtk_tree_model_get_iter_first (completion, &iter));
  do
    {
      g_clear_pointer (&offered, g_free);
      gtk_tree_model_get (completion, &iter, 0, &offered, -1);
    }
  while (g_strcmp0 (offered, "Service culture") != 0 && gtk_tree_model_iter_next (completion, &iter));
  g_assert_cmpstr (offered, ==, "Service culture");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (panel, "department_entry"))), ==, "");

  /* Nothing selected: the hint. */
  tf_board_view_select (fixture->view, NULL, 0);
  tf_gui_test_settle (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (panel, "card_stack"))), ==, "none");
}

static gboolean
fail_stored (Fixture *fixture)
{
  g_autoptr(TfBlueprint) bp = read_blueprint (fixture);
  TfBpCard *card = tf_blueprint_card (bp, fixture->card);

  return card != NULL && (card->marks & TF_BP_MARK_FAIL) != 0;
}

static gboolean
owner_stored (Fixture *fixture)
{
  g_autoptr(TfBlueprint) bp = read_blueprint (fixture);
  TfBpCard *card = tf_blueprint_card (bp, fixture->card);

  return card != NULL && g_strcmp0 (card->fail_owner, "Cabinet du président") == 0;
}

static gboolean
fail_owner_found (Fixture *fixture)
{
  GPtrArray *findings = tf_blueprint_panel_get_findings (panel_of (fixture));

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      TfBpFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->check->id, "fail-owner") == 0 && finding->silenced == NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
no_fail_owner (Fixture *fixture)
{
  return !fail_owner_found (fixture);
}

/* The row of the list showing the finding of check @id. */
static GtkListBoxRow *
finding_row (Fixture    *fixture,
             const char *id)
{
  TfBlueprintPanel *panel = panel_of (fixture);
  GPtrArray *findings = tf_blueprint_panel_get_findings (panel);
  GtkListBox *list = GTK_LIST_BOX (child (panel, "findings_list"));

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      gpointer index;

      if (row == NULL)
        return NULL;
      if (!gtk_list_box_row_get_activatable (row))
        continue;
      index = g_object_get_data (G_OBJECT (row), "finding");
      if (GPOINTER_TO_UINT (index) < findings->len &&
          g_strcmp0 (((TfBpFinding *) g_ptr_array_index (findings, GPOINTER_TO_UINT (index)))->check->id, id) == 0)
        return row;
    }
}

/* The first icon under @widget. */
static GtkWidget *
first_image (GtkWidget *widget)
{
  if (GTK_IS_IMAGE (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *image = first_image (c);

      if (image != NULL)
        return image;
    }
  return NULL;
}

/* A finding's severity is told by its icon alone: a screen reader reads
 * it by its word ("Warning"), not as a decoration left out. */
static void
assert_severity_named (TfBlueprintPanel *panel,
                       GtkListBoxRow    *row,
                       const char       *id)
{
  GPtrArray *findings = tf_blueprint_panel_get_findings (panel);
  GtkWidget *image = first_image (GTK_WIDGET (row));
  const char *word = NULL;
  g_autofree char *wrong = NULL;

  for (guint i = 0; i < findings->len; i++)
    {
      TfBpFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->check->id, id) == 0)
        word = finding->check->severity == TF_BP_SEVERITY_ERROR ? "Error"
             : finding->check->severity == TF_BP_SEVERITY_WARNING ? "Warning" : "Suggestion";
    }
  g_assert_nonnull (word);
  g_assert_nonnull (image);
  /* The sanitized build runs with accessibility off (GTK_A11Y=none):
   * widgets then have no accessible context to read. */
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "none") == 0)
    {
      g_test_message ("accessibility off: the severity's name is not read");
      return;
    }
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, word);
  if (wrong != NULL)
    g_error ("the severity icon of “%s” is named %s, not “%s”", id, wrong, word);
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN) &&
                  gtk_test_accessible_check_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN,
                                                   TRUE) == NULL);
}

/* A fail mark and its owner, typed in the panel: the archive has them;
 * one undo takes the owner back off, the mark stays. The findings list
 * names the missing owner meanwhile and selects the card when clicked. */
static void
test_fail_point (Fixture       *fixture,
                 gconstpointer  data)
{
  TfBlueprintPanel *panel = panel_of (fixture);
  GtkWidget *owner = child (panel, "owner_row");
  g_autoptr(TfBlueprint) bp = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  g_autoptr(GArray) selection = NULL;

  select_card (fixture, fixture->card);
  wait_until (fixture, card_shown, "the card's fields");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (child (panel, "fail_row")), TRUE);
  wait_until (fixture, fail_stored, "the fail mark in the archive");

  /* The live list names it; a click selects the card. */
  wait_until (fixture, fail_owner_found, "the finding “fail point without owner”");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (child (panel, "view_stack")), "findings");
  tf_board_view_select (fixture->view, &fixture->other, 1);
  row = finding_row (fixture, "fail-owner");
  g_assert_nonnull (row);
  assert_severity_named (panel, row, "fail-owner");
  shoot (fixture, "blueprint-findings.png");
  g_signal_emit_by_name (child (panel, "findings_list"), "row-activated", row);
  selection = tf_board_view_get_selection (fixture->view);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_cmpint (g_array_index (selection, gint64, 0), ==, fixture->card);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (child (panel, "view_stack")), "card");
  wait_until (fixture, card_shown, "the card's fields again");

  /* Typing changes nothing until the field is left. */
  gtk_widget_grab_focus (owner);
  gtk_editable_set_text (GTK_EDITABLE (owner), "Cabinet du président");
  tf_gui_test_settle (50);
  g_assert_false (owner_stored (fixture));
  /* Leaving the field (for the next one) commits it. */
  gtk_widget_grab_focus (child (panel, "mitigation_row"));
  wait_until (fixture, owner_stored, "the owner in the archive");
  wait_until (fixture, no_fail_owner, "the finding to go");

  /* One undo: the owner goes, the mark stays. */
  g_assert_true (tf_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_false (owner_stored (fixture));
  g_assert_true (fail_stored (fixture));
  wait_until (fixture, fail_owner_found, "the finding to come back");
  bp = read_blueprint (fixture);
  g_assert_cmpstr (tf_blueprint_card (bp, fixture->card)->fail_owner, ==, "");
}

static gboolean
silence_stored (Fixture *fixture)
{
  g_autoptr(TfBlueprint) bp = read_blueprint (fixture);
  TfBpCard *card = tf_blueprint_card (bp, fixture->card);

  return card != NULL && card->silenced != NULL &&
         g_strcmp0 (g_hash_table_lookup (card->silenced, "fail-owner"), "Le cabinet l’assume") == 0;
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
no_message_dialog (Fixture *fixture)
{
  (void) fixture;
  return find_message_dialog () == NULL;
}

/* "Silence…" asks for a reason and writes it on the card: the finding is
 * listed as silenced, the card lists the silenced check; one undo brings
 * the finding back. */
static void
test_silence (Fixture       *fixture,
              gconstpointer  data)
{
  TfBlueprintPanel *panel = panel_of (fixture);
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  GtkWidget *button, *dialog, *entry;

  select_card (fixture, fixture->card);
  wait_until (fixture, card_shown, "the card's fields");
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (child (panel, "fail_row")), TRUE);
  wait_until (fixture, fail_owner_found, "the finding “fail point without owner”");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (child (panel, "view_stack")), "findings");
  row = finding_row (fixture, "fail-owner");
  g_assert_nonnull (row);
  button = GTK_WIDGET (tf_gui_test_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  /* No reason, no silence. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "silence"));
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Le cabinet l’assume");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "silence"));
  /* Enter in the reason answers and closes the dialog. */
  g_signal_emit_by_name (tf_gui_test_find_widget (entry, GTK_TYPE_TEXT), "activate");
  wait_until (fixture, silence_stored, "the silence in the archive");
  wait_until (fixture, no_message_dialog, "the dialog to close");
  wait_until (fixture, no_fail_owner, "the finding to be silenced");
  g_assert_nonnull (tf_gui_test_find_label (child (panel, "findings_list"), "Le cabinet l’assume"));
  shoot (fixture, "blueprint-silenced.png");

  g_assert_true (tf_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_false (silence_stored (fixture));
  wait_until (fixture, fail_owner_found, "the finding to come back");
}

static gint64
first_quote (Fixture *fixture)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  scene = tf_scene_new_for_board (store, fixture->wall, &error);
  g_assert_no_error (error);
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (item->kind == &tf_note_kind && !item->hidden && item->text[0] != '\0')
        return item->id;
    }
  g_assert_not_reached ();
}

static gint64 wanted_quote;

static gboolean
cite_stored (Fixture *fixture)
{
  g_autoptr(TfBlueprint) bp = read_blueprint (fixture);
  TfBpCard *card = tf_blueprint_card (bp, fixture->card);

  return card != NULL && card->cites != NULL && card->cites->len == 1 &&
         g_array_index (card->cites, gint64, 0) == wanted_quote;
}

static gboolean
card_on_blueprint (Fixture *fixture)
{
  g_autoptr(GArray) selection = tf_board_view_get_selection (fixture->view);

  return tf_board_view_get_board_id (fixture->view) == fixture->board && selection->len == 1 &&
         g_array_index (selection, gint64, 0) == fixture->card;
}

static gboolean
cite_listed (Fixture *fixture)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (panel_of (fixture), "cites_list")), 0);
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "insight-id") : NULL;

  return id != NULL && *id == wanted_quote;
}

/* A quote cited from the panel's picker: the archive has it, the card
 * lists it, and the wall's panel shows the card, which opens it. */
static void
test_cite (Fixture       *fixture,
           gconstpointer  data)
{
  TfBlueprintPanel *panel = panel_of (fixture);
  GtkListBox *picker = GTK_LIST_BOX (child (panel, "cite_list"));
  GtkListBoxRow *row = NULL;
  GtkWidget *insight_panel, *cited_group, *cited_row;
  g_autofree char *used_by = NULL;

  wanted_quote = first_quote (fixture);
  select_card (fixture, fixture->card);
  wait_until (fixture, card_shown, "the card's fields");

  gtk_menu_button_popup (GTK_MENU_BUTTON (child (panel, "cite_button")));
  tf_gui_test_settle (50);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (picker, i)) != NULL; i++)
    {
      gint64 *id = g_object_get_data (G_OBJECT (row), "insight-id");

      if (id != NULL && *id == wanted_quote)
        break;
    }
  g_assert_nonnull (row);
  shoot (fixture, "blueprint-cite.png");
  g_signal_emit_by_name (picker, "row-activated", row);
  wait_until (fixture, cite_stored, "the cited insight in the archive");
  wait_until (fixture, cite_listed, "the cited insight in the card's list");
  shoot (fixture, "blueprint-cited.png");

  /* The wall: the note says which card uses it. */
  fixture->view = tf_gui_test_open_board_view (fixture->window, fixture->wall);
  tf_board_view_select (fixture->view, &wanted_quote, 1);
  tf_gui_test_settle (50);
  insight_panel = tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_INSIGHT_PANEL);
  g_assert_nonnull (insight_panel);
  if (!gtk_widget_get_mapped (insight_panel))
    gtk_widget_activate_action (GTK_WIDGET (fixture->view), "board.toggle-panel", NULL);
  cited_group = GTK_WIDGET (gtk_widget_get_template_child (insight_panel, TF_TYPE_INSIGHT_PANEL, "cited_group"));
  g_assert_true (gtk_widget_get_visible (cited_group));
  used_by = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Used by %u card", "Used by %u cards", 1), 1);
  g_assert_nonnull (tf_gui_test_find_label (cited_group, used_by));
  g_assert_nonnull (tf_gui_test_find_label (cited_group, "Remettre le kit"));
  shoot (fixture, "wall-used-by.png");

  /* A click opens the blueprint at the card. */
  cited_row = GTK_WIDGET (gtk_list_box_get_row_at_index (
    GTK_LIST_BOX (gtk_widget_get_template_child (insight_panel, TF_TYPE_INSIGHT_PANEL, "cited_list")), 0));
  g_signal_emit_by_name (gtk_widget_get_parent (cited_row), "row-activated", cited_row);
  wait_until (fixture, card_on_blueprint, "the blueprint opened at the card");
}

/* The to-be copy opens; comparing shows an added card and a removed one. */
static gboolean
to_be_open (Fixture *fixture)
{
  return tf_board_view_get_board_id (fixture->view) != fixture->board &&
         tf_board_view_get_board_id (fixture->view) != 0;
}

static void
test_compare (Fixture       *fixture,
              gconstpointer  data)
{
  TfBlueprintPanel *panel = panel_of (fixture);
  g_autoptr(TfBlueprint) to_be = NULL;
  g_autoptr(TfScene) scene = NULL;
  gint64 to_be_board, added, removed = 0;
  guint32 rgb = 0;

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (child (panel, "view_stack")), "compare");
  g_signal_emit_by_name (child (panel, "duplicate_button"), "clicked");
  wait_until (fixture, to_be_open, "the to-be board");
  to_be_board = tf_board_view_get_board_id (fixture->view);
  panel = panel_of (fixture);
  tf_gui_test_settle (50);
  g_assert_true (gtk_widget_get_visible (child (panel, "compare_group")));

  to_be = tf_blueprint_from_scene (tf_board_view_get_scene (fixture->view));
  g_assert_cmpuint (to_be->cards->len, ==, 3);
  for (guint i = 0; i < to_be->cards->len; i++)
    {
      TfBpCard *card = g_ptr_array_index (to_be->cards, i);

      if (card->origin == fixture->other)
        removed = card->item_id;
    }
  g_assert_cmpint (removed, !=, 0);
  added = execute (fixture, tf_bp_command_add_card (to_be_board, ((TfBpStep *) g_ptr_array_index (to_be->steps, 1))->id,
                                                   tf_blueprint_lane_of_role (to_be, TF_BP_LANE_FRONTSTAGE)->id,
                                                   -1, "Un guichet unique"));
  execute (fixture, tf_command_delete_items (&removed, 1));

  gtk_switch_set_active (GTK_SWITCH (child (panel, "compare_switch")), TRUE);
  tf_blueprint_panel_refresh_now (panel);
  g_assert_true (tf_canvas_view_get_tint (TF_CANVAS_VIEW (fixture->view), added, &rgb));
  g_assert_cmphex (rgb, ==, TF_BLUEPRINT_ADDED_RGB);
  g_assert_nonnull (tf_gui_test_find_label (child (panel, "removed_list"), "Ouvrir le kit"));
  shoot (fixture, "blueprint-compare.png");

  gtk_switch_set_active (GTK_SWITCH (child (panel, "compare_switch")), FALSE);
  g_assert_false (tf_canvas_view_get_tint (TF_CANVAS_VIEW (fixture->view), added, NULL));
}

/* A card citing more insights than a list can show: 200 rows, then one
 * that says how many more. A department that is not a string on another
 * blueprint of the experiment is left out of the completion, silently. */
#define SHOWN_CITES 200

static gboolean
many_cites_listed (Fixture *fixture)
{
  GtkListBox *list = GTK_LIST_BOX (child (panel_of (fixture), "cites_list"));
  GtkListBoxRow *row, *last = NULL;
  guint n = 0;

  while ((row = gtk_list_box_get_row_at_index (list, n)) != NULL)
    {
      last = row;
      n++;
    }
  return n == SHOWN_CITES + 1 && g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (last)), "more-cites") == 0;
}

static void
test_many_cites (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(TfBlueprint) bp = read_blueprint (fixture);
  g_autoptr(TfBlueprint) other_bp = NULL;
  g_autoptr(TfScene) other_scene = NULL;
  g_autoptr(TfStore) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *more = NULL;
  TfBpCard *card = tf_blueprint_card (bp, fixture->card);
  gint64 quote = first_quote (fixture);
  gint64 other_board, other_card;
  GtkListBox *list;

  /* Another blueprint of the experiment, its card's department an object. */
  other_board = execute (fixture, tf_command_add_board (fixture->experiment, TF_BLUEPRINT_TYPE_ID, "Autre"));
  reader = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  other_scene = tf_scene_new_for_board (reader, other_board, &error);
  g_assert_no_error (error);
  other_bp = tf_blueprint_from_scene (other_scene);
  g_assert_cmpuint (other_bp->steps->len, >, 0);
  other_card = execute (fixture, tf_bp_command_add_card (other_board, ((TfBpStep *) g_ptr_array_index (other_bp->steps, 0))->id,
                                                         tf_blueprint_lane_of_role (other_bp, TF_BP_LANE_BACKSTAGE)->id,
                                                         -1, "Répondre"));
  execute (fixture, tf_command_set_payload_key (&other_card, 1, "department", "{\"a\": 1}", NULL));

  g_assert_nonnull (card);
  if (card->cites == NULL)
    card->cites = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (card->cites, quote);
  for (gint64 i = 0; i < 250; i++)
    g_array_append_val (card->cites, (gint64) { G_GINT64_CONSTANT (1000000000) + i });
  execute (fixture, tf_bp_command_set_card (card, NULL));

  select_card (fixture, fixture->card);
  wait_until (fixture, card_shown, "the card's fields");
  wait_until (fixture, many_cites_listed, "200 cited insights and one more row");
  list = GTK_LIST_BOX (child (panel_of (fixture), "cites_list"));
  g_assert_cmpint (*(gint64 *) g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, 0)), "insight-id"),
                   ==, quote);
  more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more insight", "and %u more insights", 51), 51);
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (list), more));
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  tf_gui_wings_init ();

  /* meson runs each case in a process of its own: GLib leaves its first
   * quark array behind once a process passes 2048 quarks, which every
   * widget type and style class of a long GUI run adds up to, and
   * LeakSanitizer would report it. */
  g_test_add ("/blueprint-panel/select", Fixture, NULL, fixture_set_up, test_select, fixture_tear_down);
  g_test_add ("/blueprint-panel/fail-point", Fixture, NULL, fixture_set_up, test_fail_point, fixture_tear_down);
  g_test_add ("/blueprint-panel/silence", Fixture, NULL, fixture_set_up, test_silence, fixture_tear_down);
  g_test_add ("/blueprint-panel/cite", Fixture, NULL, fixture_set_up, test_cite, fixture_tear_down);
  g_test_add ("/blueprint-panel/many-cites", Fixture, NULL, fixture_set_up, test_many_cites, fixture_tear_down);
  g_test_add ("/blueprint-panel/compare", Fixture, NULL, fixture_set_up, test_compare, fixture_tear_down);
  return g_test_run ();
}
