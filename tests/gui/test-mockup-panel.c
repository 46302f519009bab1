/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-mockup-panel"

#include <stdio.h>
#include <string.h>
#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-scene.h"
#include "core/tf-history.h"
#include "gui/mockups/tf-mockup-panel.h"
#include "gui/tf-text-field.h"
#include "tf-export-dialog-private.h"
#include "gui/tf-gui-wings.h"
#include "mockups/tf-mockup-commands.h"
#include "mockups/tf-mockup-items.h"
#include "mockups/tf-mockup-kinds.h"
#include "stamps/tf-stamp-library.h"
#include "tf-board-view-private.h"
#include "mockups/tf-mockup-model.h"
#include "tf-gui-test-util.h"
#include "tf-test-util.h"

/* The mockup's side panel in the real window, on a mockup board built with
 * the commands in the demo experiment (two photos, a numbered callout on
 * the first): "people visible" switched on in the panel, the export
 * dialog's refusal said once with Export off and "Show the Photo" going
 * to it, consent recorded
 * through its confirmation, read back from the archive through a second,
 * read-only connection, and taken back by one undo; a callout's legend
 * text edited in the panel reaches the item and undoes; the original photo
 * chosen in the panel is written on the other photo. When the board type's
 * GUI does not show this panel (yet), the panel follows the window's board
 * view from a window of its own. Waits are bounded by a deadline. */

typedef struct {
  char          *archive_path;
  TfApplication *app;
  TfWindow      *window;
  GtkWidget     *own_window;  /* the panel's, when the page shows none */
  TfMockupPanel *panel;
  TfBoardView   *view;
  TfHistory     *history;
  gint64         board;
  gint64         photo;
  gint64         other;
  gint64         callout;
  gint64         experiment;
  char          *shots;
} Fixture;

/* The shared helpers (tf-gui-test-util.h) on this fixture. */
#define wait_until(fixture, condition, what) \
  tf_gui_test_wait_until ((TfGuiTestCondition) (condition), (fixture), (what))
#define shoot(fixture, name) tf_gui_test_shoot (GTK_WIDGET ((fixture)->window), (fixture)->shots, (name))
#define execute(fixture, command) tf_gui_test_execute ((fixture)->view, (command))

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
in_panel (Fixture    *fixture,
          const char *name)
{
  GtkWidget *widget = named (GTK_WIDGET (fixture->panel), name);

  return widget != NULL && gtk_widget_get_mapped (widget) ? widget : NULL;
}

/* What @field (a name's entry row, a text field) shows. */
static gboolean
field_shows (GtkWidget  *field,
             const char *text)
{
  g_autofree char *shown = NULL;

  if (field == NULL)
    return FALSE;
  shown = TF_IS_TEXT_FIELD (field) ? tf_text_field_dup_typed_text (TF_TEXT_FIELD (field))
                                   : g_strdup (gtk_editable_get_text (GTK_EDITABLE (field)));
  return g_strcmp0 (shown, text) == 0;
}

/* Puts @text in @field as if typed over what it held. */
static void
field_type (GtkWidget  *field,
            const char *text)
{
  if (TF_IS_TEXT_FIELD (field))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (tf_text_field_get_text_view (TF_TEXT_FIELD (field)));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      gtk_text_buffer_delete_interactive (buffer, &start, &end, TRUE);
      gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (field), text);
}

/* A photo as the decoder would have stored it: a PNG drawn here. */
static GBytes *
photo_png (int width,
           int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GBytes *bytes;

  cairo_set_source_rgb (cr, 0.82, 0.76, 0.66);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.35, 0.42, 0.55);
  cairo_rectangle (cr, width * 0.2, height * 0.3, width * 0.4, height * 0.4);
  cairo_fill (cr);
  cairo_destroy (cr);
  bytes = tf_test_png_bytes (surface);
  cairo_surface_destroy (surface);
  return bytes;
}

/* The archive as another process sees it. */
static TfItem *
read_item (Fixture  *fixture,
           gint64    id,
           TfScene **scene)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  *scene = tf_scene_new_for_board (store, fixture->board, &error);
  g_assert_no_error (error);
  return tf_scene_lookup (*scene, id);
}

static gboolean
panel_mapped (Fixture *fixture)
{
  return fixture->panel != NULL && gtk_widget_get_mapped (GTK_WIDGET (fixture->panel));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) png = photo_png (400, 300);
  g_autoptr(TfCommand) add = NULL;
  g_autofree char *payload = NULL;
  TfMkSource source = { png, "image/png", "bureau.png", 0, 400, 300 };
  TfNewItem callout = { 0 };
  gint64 wall, experiment;
  GtkWidget *panel;

  (void) data;
  fixture->shots = g_strdup (g_getenv ("TF_SHOTS"));
  fixture->archive_path = tf_gui_test_archive_path ();
  fixture->window = tf_gui_test_start (fixture->archive_path, &fixture->app);
  {
    int width = 1280, height = 800;

    if (g_getenv ("TF_SHOT_SIZE") != NULL)
      sscanf (g_getenv ("TF_SHOT_SIZE"), "%dx%d", &width, &height);
    gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  /* A mockup board of two photos in the demo experiment. */
  wall = tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall", &experiment);
  fixture->experiment = experiment;
  fixture->view = tf_gui_test_open_board_view (fixture->window, wall);
  fixture->history = tf_board_view_get_history (fixture->view);
  add = tf_mk_command_add_photo (experiment, 0, "Maquette du test", &source);
  fixture->photo = execute (fixture, g_object_ref (add));
  fixture->board = tf_mk_command_get_board_id (add);
  g_clear_object (&add);
  add = tf_mk_command_add_photo (experiment, fixture->board, NULL, &source);
  fixture->other = execute (fixture, g_object_ref (add));
  g_assert_cmpint (fixture->photo, >, 0);
  g_assert_cmpint (fixture->other, >, fixture->photo);

  fixture->view = tf_gui_test_open_board_view (fixture->window, fixture->board);
  g_assert_cmpint (tf_board_view_get_board_id (fixture->view), ==, fixture->board);
  payload = g_strdup_printf ("{\"photo\": %" G_GINT64_FORMAT ", \"order\": 0}", fixture->photo);
  callout.kind = TF_MK_CALLOUT_KIND;
  callout.bounds = TF_RECT_INIT (100, 100, 48, 48);
  callout.text = "Affiche du kit";
  callout.payload = payload;
  {
    g_autoptr(TfCommand) command = tf_command_add_items (fixture->board, &callout, 1, "callout");

    guint n = 0;
    const gint64 *ids;

    g_assert_true (tf_board_view_execute (fixture->view, command));
    ids = tf_item_command_get_ids (command, &n);
    g_assert_cmpuint (n, ==, 1);
    fixture->callout = ids[0];
  }

  /* The page's panel, or one of our own following the same view. */
  panel = tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_MOCKUP_PANEL);
  if (panel != NULL && !gtk_widget_get_mapped (panel))
    gtk_widget_activate_action (GTK_WIDGET (fixture->view), "board.toggle-panel", NULL);
  if (panel == NULL)
    {
      fixture->own_window = gtk_window_new ();
      panel = tf_mockup_panel_new ();
      tf_mockup_panel_set_view (TF_MOCKUP_PANEL (panel), fixture->view);
      gtk_window_set_child (GTK_WINDOW (fixture->own_window), panel);
      gtk_window_set_default_size (GTK_WINDOW (fixture->own_window), 360, 700);
      gtk_window_present (GTK_WINDOW (fixture->own_window));
    }
  fixture->panel = TF_MOCKUP_PANEL (panel);
  wait_until (fixture, panel_mapped, "the mockup panel");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  (void) data;
  if (fixture->own_window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->own_window));
  tf_gui_test_stop (fixture->window, &fixture->app, &fixture->archive_path, 200);
  g_free (fixture->shots);
}

static void
select_item (Fixture *fixture,
             gint64   id)
{
  tf_board_view_select (fixture->view, &id, 1);
}

static gboolean
empty_shown (Fixture *fixture)
{
  GtkWidget *stack = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (fixture->panel)));

  return GTK_IS_STACK (stack) && g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "none") == 0;
}

static gboolean
switch_shown (Fixture *fixture)
{
  return in_panel (fixture, "people-switch") != NULL;
}

static gboolean
consent_button_shown (Fixture *fixture)
{
  return in_panel (fixture, "consent-button") != NULL;
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
dialog_shown (Fixture *fixture)
{
  (void) fixture;
  return find_message_dialog () != NULL;
}

static gboolean
no_dialog (Fixture *fixture)
{
  (void) fixture;
  return find_message_dialog () == NULL;
}

static gboolean
consent_stored (Fixture *fixture)
{
  g_autoptr(TfScene) scene = NULL;
  const TfMkPhoto *photo = tf_mk_photo_item_get (read_item (fixture, fixture->photo, &scene));

  g_assert_nonnull (photo);
  return photo->people_visible && photo->consent_given && photo->consent_at[0] != '\0';
}

static gboolean
consent_gone (Fixture *fixture)
{
  g_autoptr(TfScene) scene = NULL;
  const TfMkPhoto *photo = tf_mk_photo_item_get (read_item (fixture, fixture->photo, &scene));

  g_assert_nonnull (photo);
  return photo->people_visible && !photo->consent_given;
}

static gboolean
consent_status_shown (Fixture *fixture)
{
  GtkWidget *row = in_panel (fixture, "consent-status");
  g_autofree char *date = g_strdup (_("Consent recorded on %s"));

  *strstr (date, "%s") = '\0';
  return row != NULL && g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), date) &&
         in_panel (fixture, "withdraw-button") != NULL;
}

/* A widget below @root running @action (a button), or NULL. */
static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_actionable (c, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button running @action below @root, when it shows. */
static GtkWidget *
shown_button (GtkWidget  *root,
              const char *action)
{
  GtkWidget *button = find_actionable (root, action);

  return button != NULL && gtk_widget_get_mapped (button) ? button : NULL;
}

/* How many labels below @root show @text on screen. */
static guint
count_shown_labels (GtkWidget  *root,
                    const char *text)
{
  guint n = GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) && gtk_widget_get_child_visible (root) &&
            g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_child_visible (c))
      n += count_shown_labels (c, text);
  return n;
}

static gboolean
one_selected (Fixture *fixture)
{
  return tf_board_view_get_n_selected (fixture->view) == 1;
}

static void
shoot_window (Fixture    *fixture,
              GtkWidget  *window,
              const char *name)
{
  tf_gui_test_shoot (window, fixture->shots, name);
}

/* Nothing selected: the empty state. A photo: "people visible" switched on
 * shows what to do before export; "Consent given…" asks, then records
 * consent in the archive; the panel says so; one undo takes it back. */
static void
test_consent (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *sw, *status, *dialog;
  g_autofree char *none = NULL;

  (void) data;
  tf_board_view_select (fixture->view, NULL, 0);
  wait_until (fixture, empty_shown, "the empty state");
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (fixture->panel), _("No photo selected")));

  select_item (fixture, fixture->photo);
  wait_until (fixture, switch_shown, "the photo's details");
  g_assert_null (in_panel (fixture, "consent-button"));
  sw = in_panel (fixture, "people-switch");
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  wait_until (fixture, consent_button_shown, "the consent button");
  status = in_panel (fixture, "consent-status");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (status)), ==,
                   _("Blur the faces, or record consent, before export"));
  none = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u blur region over it", "%u blur regions over it", 0), 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status)), ==, none);
  shoot (fixture, "mockup-panel-people.png");

  /* The export dialog says so once it has read the board, before any file
   * is chosen. */
  {
    TfExportDialog *export = tf_export_dialog_new (GTK_WINDOW (fixture->window),
                                                   tf_history_get_store (fixture->history),
                                                   fixture->experiment, fixture->board);
    gint64 deadline = g_get_monotonic_time () + TF_GUI_TEST_DEADLINE_MS * 1000;

    gtk_window_present (GTK_WINDOW (export));
    while (!tf_export_dialog_get_loaded (export) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (tf_export_dialog_get_loaded (export));
    g_assert_nonnull (tf_export_dialog_get_error (export));
    {
      const char *message = tf_export_dialog_get_error (export)->message;
      GtkWidget *show = NULL, *export_button = NULL;
      g_autoptr(GArray) selection = NULL;

      /* Said once, where the preview would be, with "Show the Photo"; the
       * Export button off while it stands. */
      while ((show = shown_button (GTK_WIDGET (export), "export.show-blocked")) == NULL &&
             g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_nonnull (show);
      g_assert_true (gtk_widget_get_mapped (show));
      tf_gui_test_settle (20);
      g_assert_cmpuint (count_shown_labels (GTK_WIDGET (export), message), ==, 1);
      export_button = find_actionable (GTK_WIDGET (export), "export.export");
      g_assert_nonnull (export_button);
      g_assert_false (gtk_widget_is_sensitive (export_button));
      shoot_window (fixture, GTK_WIDGET (export), "export-blocked.png");

      /* It takes the user to the photo, selected on its board. */
      tf_board_view_select (fixture->view, NULL, 0);
      g_signal_emit_by_name (show, "clicked");
      wait_until (fixture, one_selected, "the photo selected");
      selection = tf_board_view_get_selection (fixture->view);
      g_assert_cmpuint (selection->len, ==, 1);
      g_assert_cmpint (g_array_index (selection, gint64, 0), ==, fixture->photo);
    }
    while (tf_export_dialog_get_n_workers () > 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (tf_export_dialog_get_n_workers (), ==, 0);
  }

  /* Cancelling records nothing. */
  g_signal_emit_by_name (in_panel (fixture, "consent-button"), "clicked");
  wait_until (fixture, dialog_shown, "the consent dialog");
  dialog = find_message_dialog ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (fixture, no_dialog, "the dialog to close");
  tf_gui_test_settle (20);
  g_assert_false (consent_stored (fixture));

  g_signal_emit_by_name (in_panel (fixture, "consent-button"), "clicked");
  wait_until (fixture, dialog_shown, "the consent dialog");
  dialog = find_message_dialog ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "record");
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (fixture, no_dialog, "the dialog to close");
  wait_until (fixture, consent_stored, "the consent in the archive");
  wait_until (fixture, consent_status_shown, "the recorded consent in the panel");
  shoot (fixture, "mockup-panel-consent.png");

  /* One undo: the consent goes, "people visible" stays. */
  g_assert_true (tf_history_undo (fixture->history, NULL));
  wait_until (fixture, consent_gone, "the consent to go from the archive");
  wait_until (fixture, consent_button_shown, "the consent button again");
}

static gboolean
legend_shown (Fixture *fixture)
{
  return field_shows (in_panel (fixture, "legend-row"), "Affiche du kit");
}

static const char *wanted_text;

static gboolean
callout_text_is (Fixture *fixture)
{
  g_autoptr(TfScene) scene = NULL;
  TfItem *item = read_item (fixture, fixture->callout, &scene);
  TfItem *shown = tf_scene_lookup (tf_board_view_get_scene (fixture->view), fixture->callout);

  g_assert_nonnull (item);
  return g_strcmp0 (item->text, wanted_text) == 0 && shown != NULL && g_strcmp0 (shown->text, wanted_text) == 0;
}

static gboolean
legend_follows (Fixture *fixture)
{
  return field_shows (in_panel (fixture, "legend-row"), wanted_text);
}

/* The photo's legend lists its callout; its text edited there is the
 * item's, and undoes. The callout selected shows its number and text. */
static void
test_legend (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *row;

  (void) data;
  select_item (fixture, fixture->photo);
  wait_until (fixture, legend_shown, "the legend");
  row = in_panel (fixture, "legend-row");
  {
    g_autofree char *title = g_strdup_printf (_("Callout %d"), 1);

    g_assert_nonnull (tf_gui_test_find_label (row, title));
  }
  gtk_widget_grab_focus (row);
  field_type (row, "Affiche du kit, version 2");
  /* A legend is one paragraph: Enter keeps it. */
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "Return");
  wanted_text = "Affiche du kit, version 2";
  wait_until (fixture, callout_text_is, "the callout's new text");
  shoot (fixture, "mockup-panel-legend.png");

  g_assert_true (tf_history_undo (fixture->history, NULL));
  wanted_text = "Affiche du kit";
  wait_until (fixture, callout_text_is, "the callout's text back");
  wait_until (fixture, legend_follows, "the legend to follow the undo");

}

static gboolean
mark_shown (Fixture *fixture)
{
  return field_shows (in_panel (fixture, "mark-text"), "Affiche du kit");
}

static gboolean
original_shown (Fixture *fixture)
{
  return in_panel (fixture, "original-row") != NULL;
}

static gboolean
paired (Fixture *fixture)
{
  g_autoptr(TfScene) scene = NULL;
  const TfMkPhoto *other = tf_mk_photo_item_get (read_item (fixture, fixture->other, &scene));

  return other != NULL && other->before_of == fixture->photo;
}

/* A selected callout shows its text; the original chosen for the first
 * photo is written on the second. */
static void
test_pair (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *row;
  g_autofree char *name = NULL;

  (void) data;
  select_item (fixture, fixture->callout);
  wait_until (fixture, mark_shown, "the callout's details");
  name = g_strdup_printf (_("Callout %d"), 1);
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (fixture->panel), name));
  g_clear_pointer (&name, g_free);

  select_item (fixture, fixture->photo);
  wait_until (fixture, original_shown, "the original photo row");
  row = in_panel (fixture, "original-row");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  wait_until (fixture, paired, "the pair in the archive");
  name = g_strdup_printf (_("Photo %u"), 2);
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (fixture->panel), name));
}

static gboolean
place_shown (Fixture *fixture)
{
  GtkWidget *row = in_panel (fixture, "place-source");
  GtkWidget *reset = in_panel (fixture, "reset-button");

  /* Shown and laid out. */
  return in_panel (fixture, "replace-button") != NULL && reset != NULL && row != NULL &&
         gtk_widget_get_width (row) > 0 && gtk_widget_get_width (reset) > 0;
}

/* @widget wholly inside the panel's visible height (above the fold);
 * when @natural, as wide as it asks to be (a button). */
static void
assert_whole (Fixture   *fixture,
              GtkWidget *widget,
              gboolean   natural_width)
{
  graphene_rect_t bounds;
  int natural = 0;

  /* The bounds are the border box, as measured. */
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (fixture->panel), &bounds));
  if (natural_width)
    g_assert_cmpfloat (bounds.size.width + 0.5, >=, natural);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (fixture->panel)));
}

/* A selected placed image: its file, the photo it is on and both buttons
 * readable in a normal-width column, the Corners above the fold. */
static void
test_place (Fixture       *fixture,
            gconstpointer  data)
{
  TfScene *scene = tf_board_view_get_scene (fixture->view);
  TfMkPlace place = { 0 };
  TfNewItem item = { 0 };
  g_autofree char *payload = NULL;
  g_autofree char *on = NULL;
  GtkWidget *row;
  gint64 id;

  (void) data;
  place.asset = tf_mk_photo_item_get (tf_scene_lookup (scene, fixture->photo))->asset;
  place.photo = fixture->photo;
  payload = tf_mk_place_to_json (&place, NULL);
  item.kind = TF_MK_PLACE_KIND;
  item.bounds = TF_RECT_INIT (120, 80, 160, 120);
  item.payload = payload;
  {
    g_autoptr(TfCommand) command = tf_command_add_items (fixture->board, &item, 1, "place");
    guint n = 0;

    g_assert_true (tf_board_view_execute (fixture->view, command));
    id = tf_item_command_get_ids (command, &n)[0];
    g_assert_cmpuint (n, ==, 1);
  }
  select_item (fixture, id);
  wait_until (fixture, place_shown, "the placed image's details");
  shoot (fixture, "mockup-panel-place.png");

  /* The file's name on one line, the explanation over the column's
   * width (not squeezed beside a button). */
  row = in_panel (fixture, "place-source");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "bureau.png");
  g_assert_cmpint (gtk_widget_get_width (row), >=, gtk_widget_get_width (GTK_WIDGET (fixture->panel)) * 3 / 5);
  on = g_strdup_printf (_("Placed in perspective on %s"), "Photo 1 · bureau.png");
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (fixture->panel), on));
  assert_whole (fixture, in_panel (fixture, "place-corners"), FALSE);
  assert_whole (fixture, in_panel (fixture, "replace-button"), TRUE);
  assert_whole (fixture, in_panel (fixture, "reset-button"), TRUE);
}

/* The text of item @id as another process reads it. */
static char *
stored_text (Fixture *fixture,
             gint64   id)
{
  g_autoptr(TfScene) scene = NULL;
  TfItem *item = read_item (fixture, id, &scene);

  g_assert_nonnull (item);
  return g_strdup (item->text);
}

static gint64 edited_id;

static gboolean
edited_stored (Fixture *fixture)
{
  g_autofree char *text = stored_text (fixture, edited_id);

  return g_strcmp0 (text, wanted_text) == 0;
}

static const char *wanted_row;

static gboolean
row_shows (Fixture *fixture)
{
  return field_shows (in_panel (fixture, wanted_row), wanted_text);
}

/* Writes @text in the panel's row @row_name as a person would: the row
 * reached with Ctrl+Tab from the board, the text typed, Enter (Ctrl+Enter
 * in a field of several lines, where Enter starts a new line). */
static void
type_in_row (Fixture    *fixture,
             const char *row_name,
             const char *text)
{
  GtkWidget *row = in_panel (fixture, row_name);
  GtkWidget *focus;
  gboolean lines;

  g_assert_nonnull (row);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "ctrl+Tab");
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, row));
  field_type (row, text);
  lines = TF_IS_TEXT_FIELD (row) && !tf_text_field_get_one_paragraph (TF_TEXT_FIELD (row));
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), lines ? "ctrl+Return" : "Return");
}

/* Edits @id's text in the panel's row @row_name, one undo step that
 * brings @before back. */
static void
edit_and_undo (Fixture    *fixture,
               gint64      id,
               const char *row_name,
               const char *before,
               const char *after,
               const char *shot)
{
  edited_id = id;
  wanted_row = row_name;
  select_item (fixture, id);
  wanted_text = before;
  wait_until (fixture, row_shows, "the item's text in the panel");
  type_in_row (fixture, row_name, after);
  wanted_text = after;
  wait_until (fixture, edited_stored, "the new text in the archive");
  wait_until (fixture, row_shows, "the panel showing it");
  shoot (fixture, shot);
  g_assert_true (tf_history_undo (fixture->history, NULL));
  wanted_text = before;
  wait_until (fixture, edited_stored, "the text back after one undo");
  wait_until (fixture, row_shows, "the panel following the undo");
}

static gboolean
other_titled (Fixture *fixture)
{
  GtkWidget *group = in_panel (fixture, "other-item");

  return group != NULL && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), wanted_text) == 0;
}

static gboolean
original_names (Fixture *fixture)
{
  GtkWidget *row = in_panel (fixture, "original-row");
  GListModel *names = row != NULL ? adw_combo_row_get_model (ADW_COMBO_ROW (row)) : NULL;

  return names != NULL && g_list_model_get_n_items (names) == 2 &&
         g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), wanted_text) == 0;
}

/* Every kind on a photo says what it is and takes its text in the panel,
 * each edit one undo step, reached with Ctrl+Tab from the board: a post-it,
 * a text label, a pictogram (named by its pictogram), and the photo's own
 * name, which then tells the two photos of one file apart. */
static void
test_names (Fixture       *fixture,
            gconstpointer  data)
{
  TfRect photo = tf_scene_lookup (tf_board_view_get_scene (fixture->view), fixture->photo)->bounds;
  g_autoptr(TfStamp) stamp = g_list_model_get_item (G_LIST_MODEL (tf_stamp_library_get_default ()), 0);
  g_autofree char *pictogram = g_strdup_printf (_("Pictogram · %s"), tf_stamp_get_name (stamp));
  g_autofree char *heading = NULL;
  gint64 note, label, stamped;
  double x, y;

  (void) data;
  note = execute (fixture, tf_mk_command_add_note (fixture->board, photo.x + 100, photo.y + 100, "Accueil"));
  label = execute (fixture, tf_mk_command_add_label (fixture->board, photo.x + 20, photo.y + 200, "Entrée"));
  tf_board_view_to_widget (fixture->view, photo.x + photo.width - 60, photo.y + 60, &x, &y);
  stamped = tf_board_view_stamp_at (fixture->view, tf_stamp_get_id (stamp), x, y);
  g_assert_cmpint (stamped, >, 0);

  edit_and_undo (fixture, note, "mark-text", "Accueil", "Accueil des élus", "mockup-panel-note.png");
  edit_and_undo (fixture, label, "mark-text", "Entrée", "Entrée du public", "mockup-panel-label.png");
  {
    /* A pictogram's caption starts as its name. */
    g_autofree char *caption = stored_text (fixture, stamped);

    edit_and_undo (fixture, stamped, "mark-text", caption, "L’agent d’accueil", "mockup-panel-pictogram.png");
  }
  select_item (fixture, stamped);
  wanted_text = pictogram;
  wait_until (fixture, other_titled, "the pictogram's name");

  /* Two photos of one file: named apart. */
  edited_id = fixture->photo;
  wanted_row = "photo-name";
  select_item (fixture, fixture->photo);
  wanted_text = "";
  wait_until (fixture, row_shows, "the photo's name row");
  type_in_row (fixture, "photo-name", "Le bureau, après");
  wanted_text = "Le bureau, après";
  wait_until (fixture, edited_stored, "the photo's name in the archive");
  g_assert_cmpstr (tf_history_get_undo_label (fixture->history), ==, _("Name a photo"));
  heading = g_strdup_printf (_("Photo %u · %s"), 1, "Le bureau, après");
  tf_gui_test_wait_for_label (GTK_WIDGET (fixture->panel), heading, TF_GUI_TEST_DEADLINE_MS);
  /* The other photo's choice of its original names it so. */
  select_item (fixture, fixture->other);
  wanted_text = heading;
  wait_until (fixture, original_names, "the other photo's choice of its original naming it");
  shoot (fixture, "mockup-panel-names.png");
  g_assert_true (tf_history_undo (fixture->history, NULL));
  wanted_text = "";
  wait_until (fixture, edited_stored, "the photo's name taken back");
}

/* Types @text with the keyboard (xdotool) where the window's focus is. */
static void
type_keys (Fixture    *fixture,
           const char *text)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  const char *argv[] = { "timeout", "60", "xdotool", "windowfocus", "--sync", xid,
                         "type", "--clearmodifiers", "--delay", "4", text, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static const char *wanted_typed;

static gboolean
typed_shows (Fixture *fixture)
{
  return field_shows (in_panel (fixture, wanted_row), wanted_typed);
}

/* The display lines @view wraps its text into. */
static int
display_lines (GtkTextView *view)
{
  GtkTextIter iter;
  int n = 1;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), &iter);
  while (gtk_text_view_forward_display_line (view, &iter))
    n++;
  return n;
}

/* The legend's field as tall as its text (up to its scrolling height). */
static gboolean
legend_grown (Fixture *fixture)
{
  GtkWidget *row = in_panel (fixture, "legend-row");
  GtkTextView *view = row != NULL ? tf_text_field_get_text_view (TF_TEXT_FIELD (row)) : NULL;
  GtkAdjustment *adjustment = view != NULL ? gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view)) : NULL;

  return adjustment != NULL && gtk_adjustment_get_page_size (adjustment) >= gtk_adjustment_get_upper (adjustment);
}

#define LONG_LEGEND "The kit cover, version 2, stands on the reception desk. Visitors read it from the door, " \
                    "and the council staff hand it over with the agenda of the day."

/* A legend of two sentences typed in the photo's legend: it wraps over
 * several lines, all shown (the field grows with it), Enter keeps it as one
 * paragraph, the archive has it, one undo takes it back. A post-it's text
 * takes a line break from Enter and is kept with Ctrl+Enter. */
static void
test_long_text (Fixture       *fixture,
                gconstpointer  data)
{
  TfRect photo = tf_scene_lookup (tf_board_view_get_scene (fixture->view), fixture->photo)->bounds;
  GtkWidget *row;
  GtkTextView *view;
  GtkTextIter end;
  GdkRectangle cursor;
  GtkAdjustment *adjustment;
  g_autofree char *stored = NULL;
  gint64 note;

  (void) data;
  select_item (fixture, fixture->photo);
  wait_until (fixture, legend_shown, "the legend");
  row = in_panel (fixture, "legend-row");
  g_assert_true (TF_IS_TEXT_FIELD (row));
  gtk_widget_grab_focus (row);
  field_type (row, "");
  wanted_row = "legend-row";
  wanted_typed = LONG_LEGEND;
  type_keys (fixture, LONG_LEGEND);
  wait_until (fixture, typed_shows, "the long legend typed");
  tf_gui_test_settle (20);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  /* Several lines, the last of them inside the field: nothing cut. */
  view = tf_text_field_get_text_view (TF_TEXT_FIELD (row));
  g_test_message ("the legend field: %d × %d, %d lines", gtk_widget_get_width (GTK_WIDGET (view)),
                  gtk_widget_get_height (GTK_WIDGET (view)), display_lines (view));
  g_assert_cmpint (display_lines (view), >=, 3);
  gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
  gtk_text_view_get_iter_location (view, &end, &cursor);
  g_assert_cmpint (cursor.y, >=, 2 * cursor.height);
  /* The field grew with its lines: the last one shows, none scrolled away. */
  wait_until (fixture, legend_grown, "the legend's field to grow with its lines");
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_cmpint (cursor.y + cursor.height, <=, gtk_widget_get_height (GTK_WIDGET (view)));
  shoot (fixture, "mockup-panel-long-legend.png");

  /* Enter keeps it: one paragraph, in the archive. */
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "Return");
  wanted_text = LONG_LEGEND;
  wait_until (fixture, callout_text_is, "the long legend in the archive");
  stored = stored_text (fixture, fixture->callout);
  g_assert_null (strchr (stored, '\n'));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (tf_text_field_get_text_view (
    TF_TEXT_FIELD (in_panel (fixture, "legend-row"))))));
  g_assert_true (tf_history_undo (fixture->history, NULL));
  wanted_text = "Affiche du kit";
  wait_until (fixture, callout_text_is, "the legend back after one undo");
  wait_until (fixture, legend_follows, "the field following the undo");

  /* A post-it: Enter is a new line, Ctrl+Enter keeps the text. */
  note = execute (fixture, tf_mk_command_add_note (fixture->board, photo.x + 100, photo.y + 100, "Accueil"));
  select_item (fixture, note);
  wanted_row = "mark-text";
  wanted_text = "Accueil";
  wait_until (fixture, row_shows, "the post-it's text");
  gtk_widget_grab_focus (in_panel (fixture, "mark-text"));
  tf_text_field_set_cursor (TF_TEXT_FIELD (in_panel (fixture, "mark-text")), 7);
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "Return");
  type_keys (fixture, "des elus");
  wanted_typed = "Accueil\ndes elus";
  wait_until (fixture, typed_shows, "a second line in the post-it's text");
  {
    /* Not kept yet. */
    g_autofree char *before = stored_text (fixture, note);

    g_assert_cmpstr (before, ==, "Accueil");
  }
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "ctrl+Return");
  edited_id = note;
  wanted_text = "Accueil\ndes elus";
  wait_until (fixture, edited_stored, "the post-it's two lines in the archive");
  shoot (fixture, "mockup-panel-note-lines.png");
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  tf_gui_wings_init ();

  /* One case a process (see test-blueprint-panel.c). */
  g_test_add ("/mockup-panel/consent", Fixture, NULL, fixture_set_up, test_consent, fixture_tear_down);
  g_test_add ("/mockup-panel/legend", Fixture, NULL, fixture_set_up, test_legend, fixture_tear_down);
  g_test_add ("/mockup-panel/pair", Fixture, NULL, fixture_set_up, test_pair, fixture_tear_down);
  g_test_add ("/mockup-panel/place", Fixture, NULL, fixture_set_up, test_place, fixture_tear_down);
  g_test_add ("/mockup-panel/names", Fixture, NULL, fixture_set_up, test_names, fixture_tear_down);
  g_test_add ("/mockup-panel/long-text", Fixture, NULL, fixture_set_up, test_long_text, fixture_tear_down);
  return g_test_run ();
}
