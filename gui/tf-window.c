/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-window"

#include <glib/gi18n.h>

#include "bundles/tf-bundle-gui.h"
#include "core/tf-archive.h"
#include "core/tf-bin.h"
#include "core/tf-last-place.h"
#include "core/tf-bundle.h"
#include "core/tf-experiment-commands.h"
#include "regional/tf-regional-gui.h"
#include "regional/tf-regional-pane.h"
#include "room/tf-room-session.h"
#include "tf-bin-dialog.h"
#include "tf-board-page.h"
#include "tf-experiment-row.h"
#include "tf-experiment-view.h"
#include "tf-history-buttons.h"
#include "tf-widget-util.h"
#include "tf-window.h"

/* The main window: the archive on the left, the experiment or one of its
 * boards on the right. It reads the archive and reloads what it shows when
 * the store reports a committed change; the edits go through the history. */
struct _TfWindow
{
  AdwApplicationWindow  parent_instance;

  TfHistory            *history;
  GSettings            *settings;        /* NULL without the schema */
  GListStore           *experiments;
  GtkStringList        *tags;
  char                 *sort_order;
  gint64                experiment_id;
  gint64                replayed_experiment_id;
  gint64                replayed_board_id;
  guint                 reload_source;
  guint                 n_reloads;
  gboolean              replaying;
  gboolean              selecting;
  /* Rows of this search that may still look their excerpt up. */
  guint                 excerpts_left;
  gboolean              restoring;
  gboolean              updating_filters;
  gboolean              editable;
  gboolean              show_archive;  /* the archive beside an open board */
  AdwStatusPage        *empty_status;
  GCancellable         *check_cancellable;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *sidebar_separator;
  AdwWindowTitle       *archive_title;
  GtkRevealer          *read_only_banner;
  GtkRevealer          *check_banner;
  GtkSpinner           *check_spinner;
  GtkSearchEntry       *search_entry;
  GtkMenuButton        *filter_button;
  GtkDropDown          *phase_dropdown;
  GtkDropDown          *status_dropdown;
  GtkDropDown          *tag_dropdown;
  GtkStack             *list_stack;
  GtkListBox           *list_box;
  GtkButton            *bin_button;
  AdwButtonContent     *bin_button_content;
  GtkStack             *place_stack;
  GtkToggleButton      *local_toggle;
  GtkToggleButton      *region_toggle;
  TfRegionalPane       *regional_pane;
  GtkStack             *content_stack;
  TfHistoryButtons     *empty_history_buttons;
  TfExperimentView     *experiment_view;
  TfBoardPage          *board_page;
};

G_DEFINE_FINAL_TYPE (TfWindow, tf_window, ADW_TYPE_APPLICATION_WINDOW)

static void tf_window_check_archive (TfWindow *self,
                                     gboolean  quiet);

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_SETTINGS,
  PROP_SORT_ORDER,
  PROP_EDITABLE,
  PROP_SHOW_ARCHIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TfStore *
tf_window_get_store (TfWindow *self)
{
  return tf_history_get_store (self->history);
}

static void
tf_window_toast_text (TfWindow   *self,
                      const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static TfSort
sort_from_string (const char *sort_order)
{
  if (g_strcmp0 (sort_order, "title") == 0)
    return TF_SORT_TITLE;
  if (g_strcmp0 (sort_order, "modified") == 0)
    return TF_SORT_MODIFIED;
  return TF_SORT_DATE;
}

/* The dropdowns hold “any” first, then the values. */
static int
dropdown_value (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return -1;

  return (int) selected - 1;
}

static gboolean
tf_window_get_filters_active (TfWindow *self)
{
  return dropdown_value (self->phase_dropdown) >= 0 ||
         dropdown_value (self->status_dropdown) >= 0 ||
         dropdown_value (self->tag_dropdown) >= 0;
}

static gboolean
tf_window_get_searching (TfWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return tf_window_get_filters_active (self) || (text != NULL && *text != '\0');
}

static void
tf_window_select_row (TfWindow *self,
                      gint64    experiment_id)
{
  GtkListBoxRow *found = NULL;
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    {
      TfExperiment *experiment = tf_experiment_row_get_experiment (TF_EXPERIMENT_ROW (row));

      if (tf_experiment_get_id (experiment) == experiment_id)
        {
          found = row;
          break;
        }
    }

  self->selecting = TRUE;
  if (found != NULL)
    gtk_list_box_select_row (self->list_box, found);
  else
    gtk_list_box_unselect_all (self->list_box);
  self->selecting = FALSE;
}

static guint
tf_window_count_all (TfWindow *self)
{
  TfFilter filter = TF_FILTER_INIT;
  g_autoptr(GListStore) all = NULL;

  all = tf_archive_list_experiments (tf_window_get_store (self), &filter, NULL);
  return all != NULL ? g_list_model_get_n_items (G_LIST_MODEL (all)) : 0;
}

/* "Bin (3)" under the list: where deleted experiments wait 30 days. */
static void
tf_window_update_bin_button (TfWindow *self)
{
  guint n = tf_bin_count (tf_window_get_store (self));
  g_autofree char *label = NULL;

  if (n > 0)
    /* TRANSLATORS: the button under the archive list; %u is how many experiments are in the Bin */
    label = g_strdup_printf (_("_Bin (%u)"), n);
  else
    label = g_strdup (_("_Bin"));
  adw_button_content_set_label (self->bin_button_content, label);
}

static void
tf_window_reload_list (TfWindow *self)
{
  TfFilter filter = TF_FILTER_INIT;
  g_autoptr(GListStore) found = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint tag = gtk_drop_down_get_selected (self->tag_dropdown);
  guint n;

  filter.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  filter.phase = dropdown_value (self->phase_dropdown);
  filter.status = dropdown_value (self->status_dropdown);
  if (tag != 0 && tag != GTK_INVALID_LIST_POSITION)
    filter.tag = gtk_string_list_get_string (self->tags, tag);
  filter.sort = sort_from_string (self->sort_order);

  found = tf_archive_list_experiments (tf_window_get_store (self), &filter, &error);
  if (found == NULL)
    {
      tf_window_toast_text (self, error->message);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (found));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (found), i));

  /* A search's first rows say where it matched; the rest of a long list
   * does not, so that a frequent word in a big archive stays instant. */
  self->excerpts_left = 50;
  self->selecting = TRUE;
  g_list_store_splice (self->experiments, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->experiments)),
                       items->pdata, items->len);
  self->selecting = FALSE;
  tf_window_select_row (self, self->experiment_id);

  tf_window_update_bin_button (self);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (tf_window_get_searching (self) && tf_window_count_all (self) > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
tf_window_update_filter_button (TfWindow *self)
{
  gboolean active = tf_window_get_filters_active (self);

  if (active)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "filters-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "filters-active");

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button),
                               active ? _("Filters Are On") : _("Filter Experiments"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filters", active);
}

static void
tf_window_reload_tags (TfWindow *self)
{
  g_auto(GStrv) tags = NULL;
  g_autofree char *current = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->tags));
  guint new_selected = 0;
  gboolean same;

  tags = tf_archive_list_tags (tf_window_get_store (self), &error);
  if (tags == NULL)
    {
      g_debug ("Cannot list the tags: %s", error != NULL ? error->message : "no tags");
      tags = g_new0 (char *, 1);
    }

  same = g_strv_length (tags) + 1 == n_old;
  for (guint i = 0; same && tags[i] != NULL; i++)
    same = g_str_equal (tags[i], gtk_string_list_get_string (self->tags, i + 1));
  if (same)
    return;

  if (selected != 0 && selected != GTK_INVALID_LIST_POSITION)
    current = g_strdup (gtk_string_list_get_string (self->tags, selected));

  self->updating_filters = TRUE;
  gtk_string_list_splice (self->tags, 1, n_old - 1, (const char * const *) tags);
  for (guint i = 0; current != NULL && tags[i] != NULL; i++)
    if (g_str_equal (tags[i], current))
      new_selected = i + 1;
  gtk_drop_down_set_selected (self->tag_dropdown, new_selected);
  self->updating_filters = FALSE;

  tf_window_update_filter_button (self);
}

static void
tf_window_reload (TfWindow *self)
{
  gint64 target = self->replayed_experiment_id;

  /* Undo and redo bring what they changed into view. */
  if (target == 0 && self->replayed_board_id != 0)
    {
      g_autoptr(TfBoard) board = tf_archive_get_board (tf_window_get_store (self),
                                                       self->replayed_board_id, NULL);

      if (board != NULL)
        target = tf_board_get_experiment_id (board);
    }
  self->replayed_experiment_id = 0;
  self->replayed_board_id = 0;
  self->n_reloads++;

  tf_window_reload_tags (self);
  tf_window_reload_list (self);

  if (target != 0 && target != self->experiment_id)
    {
      tf_window_show_experiment (self, target);
    }
  else if (self->experiment_id != 0)
    {
      g_autoptr(TfExperiment) experiment = NULL;

      experiment = tf_archive_get_experiment (tf_window_get_store (self),
                                              self->experiment_id, NULL);
      if (experiment == NULL)
        tf_window_show_experiment (self, 0);
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "board") == 0 &&
      !tf_board_page_set_board_id (self->board_page, tf_board_page_get_board_id (self->board_page)))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.close-board", NULL);
}

static gboolean
tf_window_reload_idle (gpointer user_data)
{
  TfWindow *self = user_data;

  self->reload_source = 0;
  tf_window_reload (self);

  return G_SOURCE_REMOVE;
}

/* Deferred to an idle: the widget whose edit caused the change may be
 * replaced by the reload, and must not be while its own handler runs.
 * Sessions, votes and contributions are not shown here (the session's
 * windows and the experiment's agenda follow them themselves): a phone's
 * insight reloads nothing. */
static void
tf_window_store_changed (TfWindow *self,
                         GArray   *changes,
                         TfStore  *store)
{
  (void) store;
  if (tf_store_changes_only_in (changes, tf_store_session_tables))
    return;

  if (self->replaying)
    {
      for (guint i = 0; i < changes->len; i++)
        {
          const TfChange *change = &g_array_index (changes, TfChange, i);

          /* Out of the Bin (a restore, or a move to it undone): shown. */
          if (g_strcmp0 (change->table, "experiment_bin") == 0 && change->op == TF_CHANGE_DELETE &&
              self->replayed_experiment_id == 0)
            self->replayed_experiment_id = change->id;
          if (change->op == TF_CHANGE_DELETE)
            continue;

          if (g_strcmp0 (change->table, "experiments") == 0 && self->replayed_experiment_id == 0)
            self->replayed_experiment_id = change->id;
          else if (g_strcmp0 (change->table, "boards") == 0 && self->replayed_board_id == 0)
            self->replayed_board_id = change->id;
        }
    }

  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, tf_window_reload_idle, self, NULL);
}

/* What changes the archive, enabled in one place: the views follow the
 * window's "editable" property for their own. */
static void
tf_window_update_history_actions (TfWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-experiment", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 self->editable && tf_history_get_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 self->editable && tf_history_get_can_redo (self->history));
}

static gboolean
tf_window_on_board (TfWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "board") == 0;
}

/* The archive folds away while a board is open, unless it was asked for:
 * at 1200 pixels, beside the board's own side panel, it left the board a
 * third of the window. Elsewhere it always shows (or is a page of its own,
 * the leaflet folded). */
static void
tf_window_update_archive (TfWindow *self)
{
  gboolean on_board, shown;
  GtkWidget *focus;

  if (self->sidebar == NULL || self->content_stack == NULL)
    return;
  on_board = tf_window_on_board (self);
  shown = !on_board || self->show_archive;
  if (gtk_widget_get_visible (self->sidebar) == shown)
    return;

  /* The keyboard leaves what hides for the board. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (!shown && focus != NULL && gtk_widget_is_ancestor (focus, self->sidebar))
    gtk_widget_grab_focus (GTK_WIDGET (self->board_page));
  gtk_widget_set_visible (self->sidebar, shown);
  gtk_widget_set_visible (self->sidebar_separator, shown);
}

static void
tf_window_content_changed (TfWindow *self)
{
  tf_window_update_archive (self);
}

/* The list's selection is what is open. GtkListBox selects the row the
 * arrow keys move the focus to (and Tab can land on one): that opens
 * nothing, and the open experiment's row stays the selected one. A row
 * opens when activated: a click, Enter or Space. */
static void
tf_window_row_selected (TfWindow      *self,
                        GtkListBoxRow *row)
{
  TfExperiment *experiment;

  /* (No row: the list was emptied, or the window goes.) */
  if (self->selecting || row == NULL || self->list_box == NULL)
    return;

  experiment = tf_experiment_row_get_experiment (TF_EXPERIMENT_ROW (row));
  if (tf_experiment_get_id (experiment) != self->experiment_id)
    tf_window_select_row (self, self->experiment_id);
}

static void
tf_window_row_activated (TfWindow      *self,
                         GtkListBoxRow *row)
{
  TfExperiment *experiment = tf_experiment_row_get_experiment (TF_EXPERIMENT_ROW (row));

  if (tf_experiment_get_id (experiment) != self->experiment_id)
    tf_window_show_experiment (self, tf_experiment_get_id (experiment));

  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
tf_window_search_changed (TfWindow *self)
{
  tf_window_reload_list (self);
}

static void
tf_window_search_activated (TfWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list_box, 0);

  /* Enter in the search opens the first result and leaves the keyboard on it. */
  if (first == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (first));
  tf_window_row_activated (self, first);
}

static void
tf_window_search_stopped (TfWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
tf_window_filters_changed (TfWindow *self)
{
  if (self->updating_filters || self->history == NULL)
    return;

  tf_window_update_filter_button (self);
  tf_window_reload_list (self);
}

static void
tf_window_clear_filters (TfWindow *self)
{
  self->updating_filters = TRUE;
  gtk_drop_down_set_selected (self->phase_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  self->updating_filters = FALSE;

  tf_window_update_filter_button (self);
}

static GtkWidget *
tf_window_create_row (gpointer item,
                      gpointer user_data)
{
  TfWindow *self = user_data;
  GtkWidget *row = tf_experiment_row_new (item);
  g_autoptr(TfBundleOrigin) origin = NULL;

  /* An imported experiment says where it came from. */
  if (self->history != NULL)
    origin = tf_bundle_get_origin (tf_window_get_store (self), tf_experiment_get_id (item), NULL);
  if (origin != NULL)
    tf_experiment_row_set_origin (TF_EXPERIMENT_ROW (row), origin->department);
  /* A search says where it matched: one indexed lookup for this row. */
  if (self->history != NULL && self->excerpts_left > 0 && tf_window_get_searching (self))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
      g_autofree char *excerpt = tf_archive_search_excerpt (tf_window_get_store (self),
                                                            tf_experiment_get_id (item), text, NULL);

      tf_experiment_row_set_excerpt (TF_EXPERIMENT_ROW (row), excerpt);
      self->excerpts_left--;
    }
  return row;
}

static void
tf_window_new_experiment (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);
  g_autoptr(TfExperiment) draft = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;

  /* The new experiment must be in the list, whatever was searched. */
  tf_window_clear_filters (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  draft = tf_experiment_new (_("Untitled experiment"));
  command = tf_command_create_experiment (draft);
  if (!tf_history_execute (self->history, command, &error))
    {
      tf_window_toast_text (self, error->message);
      return;
    }

  if (!tf_window_show_experiment (self, tf_command_get_result_id (command)))
    return;

  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  tf_experiment_view_focus_title (self->experiment_view);
}

/* F5: the current experiment in the room (gui/room/), on the open board. */
static void
tf_window_present_session (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 board_id = 0;

  if (self->experiment_id == 0 || tf_room_session_get_running () != NULL)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "board") == 0)
    {
      board_id = tf_board_page_get_board_id (self->board_page);
      tf_board_view_stop_editing (tf_board_page_get_view (self->board_page));
    }
  if (tf_room_session_start (GTK_WINDOW (self), self->history, self->experiment_id, board_id, &error) == NULL)
    tf_window_toast_text (self, error->message);
}

/* Ctrl+F5: back to the experiment, the keyboard on its session's agenda. */
static void
tf_window_prepare_session (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);

  if (self->experiment_id == 0)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "board") == 0)
    {
      tf_board_view_stop_editing (tf_board_page_get_view (self->board_page));
      gtk_stack_set_visible_child_name (self->content_stack, "experiment");
      tf_board_page_set_board_id (self->board_page, 0);
    }
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  tf_experiment_view_focus_session (self->experiment_view);
}

/* The archive pane in sight: beside an open board, or alone when folded. */
static void
tf_window_reveal_archive (TfWindow *self)
{
  if (tf_window_on_board (self))
    tf_window_set_show_archive (self, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

static void
tf_window_search (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);

  tf_window_reveal_archive (self);
  if (gtk_toggle_button_get_active (self->region_toggle))
    gtk_widget_grab_focus (GTK_WIDGET (tf_regional_pane_get_search_entry (self->regional_pane)));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* "This Computer" or "Region" in the archive pane. */
static void
tf_window_place_toggled (TfWindow *self)
{
  gboolean region = gtk_toggle_button_get_active (self->region_toggle);

  gtk_stack_set_visible_child_name (self->place_stack, region ? "region" : "local");
}

void
tf_window_show_place (TfWindow   *self,
                      const char *place)
{
  g_return_if_fail (TF_IS_WINDOW (self));

  if (g_strcmp0 (place, "region") == 0)
    gtk_toggle_button_set_active (self->region_toggle, TRUE);
  else
    gtk_toggle_button_set_active (self->local_toggle, TRUE);
}

static void
tf_window_show_place_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);

  tf_window_reveal_archive (self);
  tf_window_show_place (self, g_variant_get_string (parameter, NULL));
  /* The keyboard follows: the region's search field, or the experiment
   * selected here (else the search field). */
  if (gtk_toggle_button_get_active (self->region_toggle))
    tf_regional_pane_focus (self->regional_pane);
  else
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

      gtk_widget_grab_focus (row != NULL ? GTK_WIDGET (row) : GTK_WIDGET (self->search_entry));
    }
}

GtkWidget *
tf_window_get_regional_pane (TfWindow *self)
{
  g_return_val_if_fail (TF_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->regional_pane);
}

static void
tf_window_replay (TfWindow *self,
                  gboolean  redo)
{
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done;

  label = g_strdup (redo ? tf_history_get_redo_label (self->history)
                         : tf_history_get_undo_label (self->history));
  if (label == NULL)
    return;

  self->replaying = TRUE;
  self->replayed_experiment_id = 0;
  self->replayed_board_id = 0;
  done = redo ? tf_history_redo (self->history, &error) : tf_history_undo (self->history, &error);
  self->replaying = FALSE;

  if (!done)
    {
      tf_window_toast_text (self, error->message);
      return;
    }

  if (redo)
    /* Translators: %s is the name of an edit, such as “Set title”. */
    message = g_strdup_printf (_("Redone: %s"), label);
  else
    /* Translators: %s is the name of an edit, such as “Set title”. */
    message = g_strdup_printf (_("Undone: %s"), label);

  /* Ten Ctrl+Z in a row show one toast, the last one: the previous one
   * (an undo's, a board's) goes instead of queueing stale labels. */
  tf_widget_replace_toast (self->toast_overlay, message, NULL, NULL);
}

static void
tf_window_undo (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  tf_window_replay (TF_WINDOW (widget), FALSE);
}

static void
tf_window_redo (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  tf_window_replay (TF_WINDOW (widget), TRUE);
}

/* Where the person is, for the next launch on this archive (the welcome
 * page is no place: until one is chosen, the next launch welcomes again). */
static void
tf_window_remember_place (TfWindow *self)
{
  gint64 board_id = tf_window_on_board (self) ? tf_board_page_get_board_id (self->board_page) : 0;

  if (self->restoring)
    return;
  tf_last_place_save (tf_store_get_path (tf_window_get_store (self)), self->experiment_id, board_id);
}

/* "Explore the Example" on the welcome page: the booklet's demo, added
 * again (one undoable step) if it was deleted. */
static void
tf_window_explore_example (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);
  gint64 demo = tf_archive_find_demo (tf_window_get_store (self));

  if (demo == 0 && self->editable)
    {
      g_autoptr(TfCommand) command = tf_command_add_demo ();
      g_autoptr(GError) error = NULL;

      tf_window_clear_filters (self);
      if (!tf_history_execute (self->history, command, &error))
        {
          tf_window_toast_text (self, error->message);
          return;
        }
      demo = tf_command_get_result_id (command);
    }
  if (demo == 0)
    {
      tf_window_toast_text (self, _("This archive has no example, and it is read-only."));
      return;
    }
  if (tf_window_show_experiment (self, demo))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
tf_window_show_experiment_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);

  if (tf_window_show_experiment (self, g_variant_get_int64 (parameter)))
    adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
tf_window_open_board (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);

  tf_experiment_view_commit_pending (self->experiment_view);
  if (!tf_board_page_set_board_id (self->board_page, g_variant_get_int64 (parameter)))
    return;

  gtk_stack_set_visible_child_name (self->content_stack, "board");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  gtk_widget_grab_focus (GTK_WIDGET (self->board_page));
  tf_window_remember_place (self);
}

/* A card on its board: the board opened, the card selected and brought
 * into view (the room check's dialog goes to a card this way). */
static void
tf_window_open_item (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);
  TfBoardView *view = tf_board_page_get_view (self->board_page);
  gint64 board_id, item_id;

  g_variant_get (parameter, "(xx)", &board_id, &item_id);
  gtk_widget_activate_action (widget, "win.open-board", "x", board_id);
  if (tf_board_page_get_board_id (self->board_page) != board_id)
    return;
  tf_board_view_select (view, &item_id, 1);
  tf_board_view_reveal_item (view, item_id);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

static void
tf_window_close_board (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);
  gint64 board_id = tf_board_page_get_board_id (self->board_page);

  gtk_stack_set_visible_child_name (self->content_stack,
                                    self->experiment_id != 0 ? "experiment" : "empty");
  tf_board_page_set_board_id (self->board_page, 0);
  tf_experiment_view_focus_board (self->experiment_view, board_id);
  tf_window_remember_place (self);
}

static void
tf_window_show_list (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);

  tf_window_reveal_archive (self);
}

static void
tf_window_clear_filters_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);

  tf_window_clear_filters (self);
  tf_window_reload_list (self);
}

/* Check the Archive…: the full check, in a thread on a connection of its
 * own, while the window goes on. */

typedef struct {
  GApplication *app;      /* held while the thread runs */
  gboolean      quiet;    /* the check at startup: speak only of a problem */
} CheckJob;

static void
check_job_free (gpointer data)
{
  CheckJob *job = data;

  g_clear_object (&job->app);
  g_free (job);
}

static void
tf_window_check_in_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  g_autoptr(GError) error = NULL;

  if (tf_store_verify (path, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
tf_window_show_check_problem (TfWindow     *self,
                              const GError *error)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  name = g_filename_display_basename (tf_store_get_path (tf_window_get_store (self)));
  /* Translators: the first %s is the archive's file name, the second what is wrong. */
  body = g_strdup_printf (_("The check found a problem in “%s”: %s\n\n"
                            "Keep the file: Transfo has not changed it, and what can be read "
                            "stays readable. Before anything else, make a copy of it, export "
                            "what matters, and ask for help with the copy."),
                          name, error->message);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Archive Has a Problem"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tf_window_check_done (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  /* The reference tf_window_check_archive() took, dropped here in the
   * main thread. */
  g_autoptr(TfWindow) self = user_data;
  CheckJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean sound = g_task_propagate_boolean (G_TASK (result), &error);
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_clear_object (&self->check_cancellable);
  if (job->app != NULL)
    g_application_release (job->app);

  /* Closed meanwhile: nobody to tell. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || !gtk_widget_get_realized (GTK_WIDGET (self)))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-archive", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-check", FALSE);
  gtk_revealer_set_reveal_child (self->check_banner, FALSE);
  gtk_spinner_stop (self->check_spinner);

  if (sound)
    {
      g_debug ("Check: the archive is sound");
      if (!job->quiet)
        tf_window_toast_text (self, _("The archive is sound."));
    }
  else if (cancelled)
    {
      if (!job->quiet)
        tf_window_toast_text (self, _("Check cancelled."));
    }
  else
    {
      g_debug ("Check: %s", error->message);
      tf_window_show_check_problem (self, error);
    }
}

static void
tf_window_check_archive (TfWindow *self,
                         gboolean  quiet)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  if (self->check_cancellable != NULL)
    return;

  job = g_new0 (CheckJob, 1);
  job->quiet = quiet;
  job->app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (job->app != NULL)
    g_object_ref (job->app);
  self->check_cancellable = g_cancellable_new ();
  /* The window is not the task's source object: a task run in a thread is
   * finalized by whichever of the worker and the main thread lets it go
   * last, and with it its source object; a window closed meanwhile would
   * then be disposed in the worker thread (see the export dialog). The
   * callback's own reference is dropped in the main thread. */
  task = g_task_new (NULL, self->check_cancellable, tf_window_check_done, g_object_ref (self));
  g_task_set_source_tag (task, tf_window_check_archive);
  g_task_set_task_data (task, job, check_job_free);
  g_object_set_data_full (G_OBJECT (task), "path",
                          g_strdup (tf_store_get_path (tf_window_get_store (self))), g_free);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-archive", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-check", TRUE);
  /* Asked for: a banner says the check runs, with its cancel. (Not a toast
   * dismissed at the end: libadwaita 1.2 may then free a toast twice.) */
  if (!quiet)
    {
      gtk_spinner_start (self->check_spinner);
      gtk_revealer_set_reveal_child (self->check_banner, TRUE);
    }

  /* Quitting during the check waits for the thread, cancelled, to end. */
  if (job->app != NULL)
    g_application_hold (job->app);
  g_task_run_in_thread (task, tf_window_check_in_thread);
}

static void
tf_window_check_archive_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  tf_window_check_archive (TF_WINDOW (widget), FALSE);
}

static void
tf_window_cancel_check_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
}

static void
tf_window_fill_dropdowns (TfWindow *self)
{
  g_autoptr(GtkStringList) phases = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_string_list_append (phases, _("Any phase"));
  for (int phase = 0; phase < TF_N_PHASES; phase++)
    gtk_string_list_append (phases, tf_phase_get_label (phase));

  gtk_string_list_append (statuses, _("Any status"));
  for (int status = 0; status < TF_N_STATUSES; status++)
    gtk_string_list_append (statuses, tf_status_get_label (status));

  self->tags = gtk_string_list_new (NULL);
  gtk_string_list_append (self->tags, _("Any tag"));

  self->updating_filters = TRUE;
  gtk_drop_down_set_model (self->phase_dropdown, G_LIST_MODEL (phases));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (self->tags));
  self->updating_filters = FALSE;
}

static void
tf_window_restore_state (TfWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "sort-order", self, "sort-order", G_SETTINGS_BIND_DEFAULT);

}

/* Back where the person was in this archive: the experiment, and the board
 * if one was open. The first launch on an archive, or an archive with no
 * experiment, opens on the welcome page. */
static void
tf_window_restore_place (TfWindow *self)
{
  TfStore *store = tf_window_get_store (self);
  gint64 experiment_id = 0, board_id = 0;
  gboolean known = tf_last_place_load (tf_store_get_path (store), &experiment_id, &board_id);

  self->restoring = TRUE;
  if (known && experiment_id != 0 && tf_window_show_experiment (self, experiment_id))
    {
      g_autoptr(TfBoard) board = board_id != 0 ? tf_archive_get_board (store, board_id, NULL) : NULL;

      /* A board since deleted, or moved: the experiment alone. */
      if (board != NULL && tf_board_get_experiment_id (board) == experiment_id)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.open-board", "x", board_id);
    }
  else if (!known || g_list_model_get_n_items (G_LIST_MODEL (self->experiments)) == 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "welcome");
      /* A narrow (folded) window shows the welcome, not the archive's list. */
      adw_leaflet_set_visible_child_name (self->leaflet, "content");
    }
  self->restoring = FALSE;
}

static gboolean
tf_window_close_request (GtkWindow *window)
{
  TfWindow *self = TF_WINDOW (window);

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  tf_experiment_view_commit_pending (self->experiment_view);
  /* A note being written on a board is kept too. */
  tf_board_view_stop_editing (tf_board_page_get_view (self->board_page));

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (tf_window_parent_class)->close_request (window);
}

static void
tf_window_first_paint (GdkFrameClock *clock,
                       TfWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, tf_window_first_paint, self);
  /* Tests driving the real binary wait for this line (G_MESSAGES_DEBUG=tf-window). */
  g_debug ("Ready: the window is mapped and its first frame drawn");
}

static void
tf_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tf_window_parent_class)->map (widget);

  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (tf_window_first_paint), widget, 0);
}

static void
tf_window_constructed (GObject *object)
{
  TfWindow *self = TF_WINDOW (object);

  G_OBJECT_CLASS (tf_window_parent_class)->constructed (object);

  g_assert (TF_IS_HISTORY (self->history));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-check", FALSE);
  self->editable = !tf_store_get_read_only (tf_window_get_store (self));
  gtk_revealer_set_reveal_child (self->read_only_banner, !self->editable);
  if (!self->editable)
    {
      adw_window_title_set_subtitle (self->archive_title, _("Read-only"));
      /* Nothing can be created in it: say only what can be done. */
      adw_status_page_set_description (self->empty_status,
                                       _("Choose one in the archive to read, print or export it."));
    }
  /* One property, followed by every view. */
  g_object_bind_property (self, "editable", self->experiment_view, "editable",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "editable", tf_board_page_get_view (self->board_page), "editable",
                          G_BINDING_SYNC_CREATE);

  g_signal_connect_object (tf_window_get_store (self), "changed",
                           G_CALLBACK (tf_window_store_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-undo",
                           G_CALLBACK (tf_window_update_history_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-redo",
                           G_CALLBACK (tf_window_update_history_actions), self, G_CONNECT_SWAPPED);
  tf_window_update_history_actions (self);

  /* Share, import (and drop), back up: gui/bundles/. */
  tf_bundle_gui_install (self);
  /* Preferences, Publish to the Region: gui/regional/. */
  tf_regional_gui_install (self);

  tf_experiment_view_set_history (self->experiment_view, self->history);
  tf_board_page_set_history (self->board_page, self->history);
  tf_history_buttons_set_history (self->empty_history_buttons, self->history);

  /* What has been in the Bin for 30 days goes now, before anything shows
   * it (nothing on a read-only archive). Deleting a few experiments takes
   * milliseconds; it is one transaction, not an edit to undo. */
  {
    g_autoptr(GError) error = NULL;
    guint n_purged = 0;

    if (!tf_bin_purge (tf_window_get_store (self), NULL, &n_purged, &error))
      g_warning ("Could not empty the Bin of its old experiments: %s", error->message);
    else if (n_purged > 0)
      {
        g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u experiment was in the Bin for %d days: deleted for good",
                                                              "%u experiments were in the Bin for %d days: deleted for good",
                                                              n_purged),
                                                 n_purged, TF_BIN_DAYS);
        tf_window_toast_text (self, text);
      }
  }

  tf_window_reload_tags (self);
  tf_window_update_filter_button (self);
  tf_window_reload_list (self);
  tf_window_restore_state (self);
  tf_window_restore_place (self);

  /* Not closed cleanly last time: the full check runs in the background
   * and speaks only if something is wrong. */
  if (tf_store_needs_check (tf_window_get_store (self)))
    tf_window_check_archive (self, TRUE);
}

/* Destroyed (closed, or gtk_window_destroy()): the window lives on until a
 * check running for it has called back, cancelled; what it says is dropped
 * (the window is no longer realized). */
static void
tf_window_unrealize (GtkWidget *widget)
{
  TfWindow *self = TF_WINDOW (widget);

  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  GTK_WIDGET_CLASS (tf_window_parent_class)->unrealize (widget);
}

static void
tf_window_show_bin (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TfWindow *self = TF_WINDOW (widget);
  GtkWidget *dialog = tf_bin_dialog_new (GTK_WINDOW (self), self->history, self->editable);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tf_window_dispose (GObject *object)
{
  TfWindow *self = TF_WINDOW (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  if (self->history != NULL)
    {
      g_signal_handlers_disconnect_by_data (tf_window_get_store (self), self);
      g_signal_handlers_disconnect_by_data (self->history, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TF_TYPE_WINDOW);
  g_clear_object (&self->experiments);
  g_clear_object (&self->tags);
  g_clear_object (&self->settings);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (tf_window_parent_class)->dispose (object);
}

static void
tf_window_finalize (GObject *object)
{
  TfWindow *self = TF_WINDOW (object);

  g_free (self->sort_order);

  G_OBJECT_CLASS (tf_window_parent_class)->finalize (object);
}

static void
tf_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TfWindow *self = TF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_SORT_ORDER:
      g_value_set_string (value, self->sort_order);
      break;

    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;

    case PROP_SHOW_ARCHIVE:
      g_value_set_boolean (value, self->show_archive);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TfWindow *self = TF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_SORT_ORDER:
      tf_window_set_sort_order (self, g_value_get_string (value));
      break;

    case PROP_SHOW_ARCHIVE:
      tf_window_set_show_archive (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_window_class_init (TfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = tf_window_constructed;
  object_class->dispose = tf_window_dispose;
  object_class->finalize = tf_window_finalize;
  object_class->get_property = tf_window_get_property;
  object_class->set_property = tf_window_set_property;

  window_class->close_request = tf_window_close_request;
  widget_class->map = tf_window_map;
  widget_class->unrealize = tf_window_unrealize;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         TF_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Where the window keeps its size and the last experiment; NULL for none. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* FALSE when the archive is read-only (a CD, a write-protected stick, a
   * file without write permission): the banner shows, and the views, bound
   * to this property, change nothing. */
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether the archive shows beside an open board (it always shows
   * beside an experiment). */
  properties[PROP_SHOW_ARCHIVE] =
    g_param_spec_boolean ("show-archive", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SORT_ORDER] =
    g_param_spec_string ("sort-order", NULL, NULL,
                         "date",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TF_TYPE_BOARD_PAGE);
  g_type_ensure (TF_TYPE_EXPERIMENT_VIEW);
  g_type_ensure (TF_TYPE_HISTORY_BUTTONS);
  g_type_ensure (TF_TYPE_REGIONAL_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/transfo/Transfo/tf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, archive_title);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, empty_status);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, check_banner);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, check_spinner);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, phase_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, bin_button);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, bin_button_content);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, place_stack);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, local_toggle);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, region_toggle);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, regional_pane);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, empty_history_buttons);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, experiment_view);
  gtk_widget_class_bind_template_child (widget_class, TfWindow, board_page);
  gtk_widget_class_bind_template_callback (widget_class, tf_window_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, tf_window_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, tf_window_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, tf_window_search_activated);
  gtk_widget_class_bind_template_callback (widget_class, tf_window_search_stopped);
  gtk_widget_class_bind_template_callback (widget_class, tf_window_place_toggled);
  gtk_widget_class_bind_template_callback (widget_class, tf_window_filters_changed);
  gtk_widget_class_bind_template_callback (widget_class, tf_window_content_changed);

  gtk_widget_class_install_action (widget_class, "win.new-experiment", NULL,
                                   tf_window_new_experiment);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-experiment", NULL);

  gtk_widget_class_install_action (widget_class, "win.present", NULL, tf_window_present_session);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  gtk_widget_class_install_action (widget_class, "win.prepare-session", NULL, tf_window_prepare_session);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, GDK_CONTROL_MASK, "win.prepare-session", NULL);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, tf_window_search);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, tf_window_undo);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);

  gtk_widget_class_install_action (widget_class, "win.redo", NULL, tf_window_redo);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK,
                                       "win.redo", NULL);

  gtk_widget_class_install_action (widget_class, "win.show-experiment", "x",
                                   tf_window_show_experiment_action);
  gtk_widget_class_install_action (widget_class, "win.open-board", "x", tf_window_open_board);
  gtk_widget_class_install_action (widget_class, "win.open-item", "(xx)", tf_window_open_item);
  gtk_widget_class_install_action (widget_class, "win.close-board", NULL, tf_window_close_board);
  gtk_widget_class_install_action (widget_class, "win.show-list", NULL, tf_window_show_list);
  gtk_widget_class_install_action (widget_class, "win.show-bin", NULL, tf_window_show_bin);
  gtk_widget_class_install_action (widget_class, "win.explore-example", NULL, tf_window_explore_example);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL,
                                   tf_window_clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.check-archive", NULL,
                                   tf_window_check_archive_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-check", NULL,
                                   tf_window_cancel_check_action);
  gtk_widget_class_install_property_action (widget_class, "win.sort-order", "sort-order");
  gtk_widget_class_install_property_action (widget_class, "win.show-archive", "show-archive");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_CONTROL_MASK, "win.show-archive", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-place", "s", tf_window_show_place_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-place", "s", "local");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-place", "s", "region");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "regional.preferences", NULL);
}

/* Delete on the selected row moves that experiment (the one open) to the
 * Bin, as its menu does. */
static gboolean
tf_window_list_key_pressed (GtkEventControllerKey *controller,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            TfWindow              *self)
{
  (void) controller;
  (void) keycode;
  if ((keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 ||
      self->experiment_id == 0 || gtk_list_box_get_selected_row (self->list_box) == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self->experiment_view), "experiment.move-to-bin", NULL);
  return TRUE;
}

static void
tf_window_init (TfWindow *self)
{
  GtkEventController *keys;

  self->sort_order = g_strdup ("date");
  self->experiments = g_list_store_new (TF_TYPE_EXPERIMENT);

  gtk_widget_init_template (GTK_WIDGET (self));

  tf_window_fill_dropdowns (self);
  tf_window_update_archive (self);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->experiments),
                           tf_window_create_row, self, NULL);
  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (tf_window_list_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), keys);
}

TfWindow *
tf_window_new (TfApplication *application)
{
  g_return_val_if_fail (TF_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (tf_application_get_history (application) != NULL, NULL);

  return g_object_new (TF_TYPE_WINDOW,
                       "application", application,
                       "history", tf_application_get_history (application),
                       "settings", tf_application_get_settings (application),
                       NULL);
}

TfHistory *
tf_window_get_history (TfWindow *self)
{
  g_return_val_if_fail (TF_IS_WINDOW (self), NULL);

  return self->history;
}

const char *
tf_window_get_sort_order (TfWindow *self)
{
  g_return_val_if_fail (TF_IS_WINDOW (self), NULL);

  return self->sort_order;
}

gint64
tf_window_get_experiment_id (TfWindow *self)
{
  g_return_val_if_fail (TF_IS_WINDOW (self), 0);

  return self->experiment_id;
}

GListModel *
tf_window_get_experiments (TfWindow *self)
{
  g_return_val_if_fail (TF_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->experiments);
}

void
tf_window_set_sort_order (TfWindow   *self,
                          const char *sort_order)
{
  g_return_if_fail (TF_IS_WINDOW (self));

  if (sort_order == NULL)
    sort_order = "date";

  if (g_strcmp0 (self->sort_order, sort_order) == 0)
    return;

  g_free (self->sort_order);
  self->sort_order = g_strdup (sort_order);

  if (self->history != NULL)
    tf_window_reload_list (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_ORDER]);
}

const char *
tf_window_get_page (TfWindow *self)
{
  g_return_val_if_fail (TF_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

gboolean
tf_window_show_experiment (TfWindow *self,
                           gint64    experiment_id)
{
  gboolean found;

  g_return_val_if_fail (TF_IS_WINDOW (self), FALSE);

  found = tf_experiment_view_set_experiment_id (self->experiment_view, experiment_id);
  self->experiment_id = found ? experiment_id : 0;

  gtk_stack_set_visible_child_name (self->content_stack,
                                    self->experiment_id != 0 ? "experiment" : "empty");
  tf_board_page_set_board_id (self->board_page, 0);
  tf_window_select_row (self, self->experiment_id);

  tf_window_remember_place (self);

  return found;
}

void
tf_window_add_toast (TfWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (TF_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

guint
tf_window_get_n_reloads (TfWindow *self)
{
  g_return_val_if_fail (TF_IS_WINDOW (self), 0);

  return self->n_reloads;
}

AdwToast *
tf_window_get_replay_toast (TfWindow *self)
{
  g_return_val_if_fail (TF_IS_WINDOW (self), NULL);

  return tf_widget_replaced_toast (self->toast_overlay);
}

gboolean
tf_window_get_editable (TfWindow *self)
{
  g_return_val_if_fail (TF_IS_WINDOW (self), FALSE);

  return self->editable;
}

const char *
tf_window_get_shortcuts_section (TfWindow *self)
{
  const char *section = NULL;

  g_return_val_if_fail (TF_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "board") == 0)
    section = tf_board_page_get_shortcuts_section (self->board_page);
  return section != NULL ? section : "general";
}

gboolean
tf_window_get_show_archive (TfWindow *self)
{
  g_return_val_if_fail (TF_IS_WINDOW (self), FALSE);

  return self->show_archive;
}

/* Ctrl+F9 and the board's header button: the archive beside the open
 * board, the keyboard on its list; hidden again, the keyboard on the
 * board. On a folded window the archive is the page shown. */
void
tf_window_set_show_archive (TfWindow *self,
                            gboolean  show_archive)
{
  g_return_if_fail (TF_IS_WINDOW (self));

  show_archive = !!show_archive;
  if (self->show_archive == show_archive)
    return;

  self->show_archive = show_archive;
  tf_window_update_archive (self);
  if (tf_window_on_board (self))
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

      adw_leaflet_set_visible_child_name (self->leaflet, show_archive ? "sidebar" : "content");
      if (show_archive)
        gtk_widget_grab_focus (row != NULL ? GTK_WIDGET (row) : GTK_WIDGET (self->search_entry));
      else
        gtk_widget_grab_focus (GTK_WIDGET (tf_board_page_get_view (self->board_page)));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ARCHIVE]);
}
