/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-experiment-view"

#include <glib/gi18n.h>

#include "bundles/tf-bundle-gui.h"
#include "core/tf-archive.h"
#include "core/tf-bin.h"
#include "core/tf-date.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-board-type.h"
#include "room/tf-room-agenda.h"
#include "tf-board-row.h"
#include "tf-date-picker.h"
#include "tf-experiment-view.h"
#include "tf-export-dialog.h"
#include "tf-history-buttons.h"
#include "tf-text-field.h"
#include "tf-widget-util.h"

/* The single-line fields come first in TfExperimentField, then the long ones. */
#define N_ENTRY_FIELDS (TF_FIELD_END_DATE + 1)
#define N_TEXT_FIELDS  (TF_N_FIELDS - TF_FIELD_TEAM)

/* One experiment as a form. Each committed field is one command through the
 * history; the widgets are refreshed from the archive when it changes. */
struct _TfExperimentView
{
  AdwBin             parent_instance;

  TfHistory         *history;
  gint64             experiment_id;
  TfExperiment      *experiment;   /* as last read from the archive */
  GListStore        *boards;
  guint              reload_source;
  guint              n_reloads;
  gboolean           folded;
  GtkRevealer       *read_only_banner;
  GtkMenuButton     *experiment_menu_button;
  gboolean           loading;
  gboolean           editable;

  AdwWindowTitle    *window_title;
  AdwPreferencesGroup *experiment_group;
  TfHistoryButtons  *history_buttons;
  TfRoomAgenda      *agenda;
  GtkScrolledWindow *scroller;
  AdwEntryRow       *title_row;
  AdwEntryRow       *theme_row;
  AdwEntryRow       *place_row;
  AdwEntryRow       *territory_row;
  AdwEntryRow       *department_row;
  AdwEntryRow       *start_date_row;
  AdwEntryRow       *end_date_row;
  GtkWidget         *start_date_hint;
  GtkWidget         *end_date_hint;
  AdwComboRow       *phase_row;
  AdwComboRow       *status_row;
  AdwEntryRow       *tags_row;
  TfTextField       *team_field;
  TfTextField       *context_field;
  TfTextField       *outcomes_field;
  TfTextField       *lessons_field;
  GtkListBox        *boards_list;
  GtkMenuButton     *add_board_button;

  AdwEntryRow       *entry_rows[N_ENTRY_FIELDS];
  TfTextField       *text_fields[N_TEXT_FIELDS];
};

G_DEFINE_FINAL_TYPE (TfExperimentView, tf_experiment_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_EXPERIMENT_ID,
  PROP_FOLDED,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean tf_experiment_view_load (TfExperimentView *self,
                                         gboolean          force);

static const char *
field_text (TfExperiment      *experiment,
            TfExperimentField  field)
{
  const char *text = experiment != NULL ? tf_experiment_get_text (experiment, field) : NULL;

  return text != NULL ? text : "";
}

static gboolean
is_date_field (TfExperimentField field)
{
  return field == TF_FIELD_START_DATE || field == TF_FIELD_END_DATE;
}

static void
tf_experiment_view_toast (TfExperimentView *self,
                          AdwToast         *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
tf_experiment_view_toast_text (TfExperimentView *self,
                               const char       *text)
{
  tf_experiment_view_toast (self, adw_toast_new (text));
}

static void
tf_experiment_view_toast_undoable (TfExperimentView *self,
                                   const char       *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  tf_experiment_view_toast (self, toast);
}

static gboolean
tf_experiment_view_execute (TfExperimentView *self,
                            TfCommand        *command)
{
  g_autoptr(GError) error = NULL;

  if (!tf_history_execute (self->history, command, &error))
    {
      tf_experiment_view_toast_text (self, error->message);
      return FALSE;
    }

  return TRUE;
}

/* Tags as typed, “a, b ,, a” → { "a", "b" }: trimmed, no empty, no repeat. */
static GStrv
parse_tags (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (*tag == '\0' || !g_hash_table_add (seen, tag))
        continue;

      g_strv_builder_add (builder, tag);
    }

  return g_strv_builder_end (builder);
}

static char *
join_tags (TfExperiment *experiment)
{
  const char * const *tags = experiment != NULL ? tf_experiment_get_tags (experiment) : NULL;

  if (tags == NULL)
    return g_strdup ("");

  return g_strjoinv (", ", (char **) tags);
}

/* What the person sees in a row: dates in their own format, stored as ISO. */
static char *
shown_text (TfExperimentField  field,
            const char        *stored)
{
  if (is_date_field (field))
    return tf_date_format_user (stored, NULL);
  return g_strdup (stored);
}

static gboolean
typed_date_is_valid (const char *typed)
{
  g_autofree char *iso = tf_date_parse_user (typed, NULL, NULL);

  return iso != NULL;
}

static void
tf_experiment_view_update_date_style (TfExperimentView *self,
                                      AdwEntryRow      *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = tf_date_parse_user (gtk_editable_get_text (GTK_EDITABLE (row)), NULL, &error);

  if (iso != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), error->message);
    }
}

static void
tf_experiment_view_update_title (TfExperimentView *self)
{
  g_autofree char *subtitle = NULL;

  if (self->experiment == NULL)
    {
      adw_window_title_set_title (self->window_title, "");
      adw_window_title_set_subtitle (self->window_title, "");
      return;
    }

  /* Translators: the phase and the status of an experiment, such as “Immersion · Active”. */
  subtitle = g_strdup_printf (_("%s · %s"),
                              tf_phase_get_label (tf_experiment_get_phase (self->experiment)),
                              tf_status_get_label (tf_experiment_get_status (self->experiment)));
  adw_window_title_set_title (self->window_title, tf_experiment_get_title (self->experiment));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
tf_experiment_view_commit_text (TfExperimentView  *self,
                                TfExperimentField  field,
                                const char        *typed)
{
  g_autoptr(TfCommand) command = NULL;
  g_autofree char *value = NULL;

  if (self->loading || self->experiment == NULL || self->history == NULL)
    return;

  value = g_strdup (typed != NULL ? typed : "");
  if (tf_experiment_field_is_multiline (field))
    g_strchomp (value);
  else
    g_strstrip (value);

  if (field == TF_FIELD_TITLE && *value == '\0')
    {
      tf_experiment_view_toast_text (self,
                                     _("An experiment needs a title; the previous one is kept."));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                             field_text (self->experiment, TF_FIELD_TITLE));
      return;
    }

  if (is_date_field (field))
    {
      g_autoptr(GError) error = NULL;
      char *iso = tf_date_parse_user (value, NULL, &error);

      if (iso == NULL)
        {
          tf_experiment_view_toast_text (self, error->message);
          return;
        }
      g_free (value);
      value = iso;
    }

  if (g_strcmp0 (value, field_text (self->experiment, field)) == 0)
    {
      /* "5/10/2009" for a stored 2009-10-05: shown as the locale writes it. */
      if (is_date_field (field))
        {
          g_autofree char *shown = shown_text (field, value);

          if (g_strcmp0 (shown, gtk_editable_get_text (GTK_EDITABLE (self->entry_rows[field]))) != 0)
            gtk_editable_set_text (GTK_EDITABLE (self->entry_rows[field]), shown);
        }
      return;
    }

  command = tf_command_set_experiment_text (self->experiment_id, field, value);
  if (!tf_experiment_view_execute (self, command))
    return;

  /* Mirror the edit, so that the coming reload leaves the widget alone. */
  tf_experiment_set_text (self->experiment, field, value);
  if (field < N_ENTRY_FIELDS)
    {
      g_autofree char *shown = shown_text (field, value);

      if (g_strcmp0 (shown, gtk_editable_get_text (GTK_EDITABLE (self->entry_rows[field]))) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->entry_rows[field]), shown);
    }
  if (field == TF_FIELD_TITLE)
    tf_experiment_view_update_title (self);
}

static void
tf_experiment_view_entry_committed (TfExperimentView *self,
                                    AdwEntryRow      *row)
{
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    if (self->entry_rows[i] == row)
      tf_experiment_view_commit_text (self, i, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
tf_experiment_view_date_changed (TfExperimentView *self,
                                 AdwEntryRow      *row)
{
  GtkWidget *hint = row == self->start_date_row ? self->start_date_hint : self->end_date_hint;

  /* The format is a hint for an empty field, clutter beside a date. */
  if (hint != NULL)
    gtk_widget_set_visible (hint, gtk_editable_get_text (GTK_EDITABLE (row))[0] == '\0');
  tf_experiment_view_update_date_style (self, row);
}

static void
tf_experiment_view_text_committed (TfExperimentView *self,
                                   const char       *text,
                                   TfTextField      *field)
{
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    if (self->text_fields[i] == field)
      tf_experiment_view_commit_text (self, TF_FIELD_TEAM + i, text);
}

/* Shows @text in the Tags row as saved: the row at rest, without the apply
 * button that text set while the row has the keyboard would bring back. */
static void
tf_experiment_view_show_tags (TfExperimentView *self,
                              const char       *text)
{
  adw_entry_row_set_show_apply_button (self->tags_row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), text);
  adw_entry_row_set_show_apply_button (self->tags_row, TRUE);
}

static void
tf_experiment_view_tags_committed (TfExperimentView *self)
{
  g_auto(GStrv) tags = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *current = NULL;
  g_autoptr(TfCommand) command = NULL;

  if (self->loading || self->experiment == NULL || self->history == NULL)
    return;

  tags = parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  typed = g_strjoinv (", ", tags);
  current = join_tags (self->experiment);
  if (g_strcmp0 (typed, current) == 0)
    return;

  command = tf_command_set_experiment_tags (self->experiment_id, (const char * const *) tags);
  if (!tf_experiment_view_execute (self, command))
    return;

  tf_experiment_set_tags (self->experiment, (const char * const *) tags);
  tf_experiment_view_show_tags (self, typed);
}

static void
tf_experiment_view_phase_selected (TfExperimentView *self)
{
  guint selected = adw_combo_row_get_selected (self->phase_row);
  g_autoptr(TfCommand) command = NULL;

  if (self->loading || self->experiment == NULL || selected >= TF_N_PHASES ||
      (TfPhase) selected == tf_experiment_get_phase (self->experiment))
    return;

  command = tf_command_set_experiment_phase (self->experiment_id, (TfPhase) selected);
  if (tf_experiment_view_execute (self, command))
    {
      tf_experiment_set_phase (self->experiment, (TfPhase) selected);
      tf_experiment_view_update_title (self);
    }
}

static void
tf_experiment_view_status_selected (TfExperimentView *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);
  g_autoptr(TfCommand) command = NULL;

  if (self->loading || self->experiment == NULL || selected >= TF_N_STATUSES ||
      (TfStatus) selected == tf_experiment_get_status (self->experiment))
    return;

  command = tf_command_set_experiment_status (self->experiment_id, (TfStatus) selected);
  if (tf_experiment_view_execute (self, command))
    {
      tf_experiment_set_status (self->experiment, (TfStatus) selected);
      tf_experiment_view_update_title (self);
    }
}

static GtkWidget *
tf_experiment_view_create_board_row (gpointer item,
                                     gpointer user_data)
{
  TfExperimentView *self = user_data;

  GtkWidget *row = tf_board_row_new (item, self->history,
                                     g_list_model_get_n_items (G_LIST_MODEL (self->boards)));

  tf_board_row_set_editable (TF_BOARD_ROW (row), self->editable);
  return row;
}

static gboolean
tf_experiment_view_reload_idle (gpointer user_data)
{
  TfExperimentView *self = user_data;

  self->reload_source = 0;
  self->n_reloads++;
  tf_experiment_view_load (self, FALSE);

  return G_SOURCE_REMOVE;
}

/* Deferred: the widget that made the edit may be rebuilt by the reload, and
 * must not be while its own handler runs. Sessions, votes and the phones'
 * contributions are not shown here (the agenda follows its own). */
static void
tf_experiment_view_store_changed (TfExperimentView *self,
                                  GArray           *changes,
                                  TfStore          *store)
{
  (void) store;
  if (self->experiment_id == 0 || self->reload_source != 0 ||
      tf_store_changes_only_in (changes, tf_store_session_tables))
    return;

  self->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, tf_experiment_view_reload_idle,
                                         self, NULL);
}

static void
tf_experiment_view_set_text_if_changed (TfExperimentView  *self,
                                        TfExperiment      *previous,
                                        TfExperiment      *experiment,
                                        TfExperimentField  field,
                                        gboolean           force)
{
  const char *text = field_text (experiment, field);

  if (!force && g_strcmp0 (field_text (previous, field), text) == 0)
    return;

  if (field < N_ENTRY_FIELDS)
    {
      g_autofree char *shown = shown_text (field, text);

      gtk_editable_set_text (GTK_EDITABLE (self->entry_rows[field]), shown);
      if (is_date_field (field))
        tf_experiment_view_update_date_style (self, self->entry_rows[field]);
    }
  else
    {
      tf_text_field_set_text (self->text_fields[field - TF_FIELD_TEAM], text);
    }
}

static gboolean
boards_equal (GListModel *shown,
              GPtrArray  *boards)
{
  if (g_list_model_get_n_items (shown) != boards->len)
    return FALSE;

  for (guint i = 0; i < boards->len; i++)
    {
      g_autoptr(TfBoard) a = g_list_model_get_item (shown, i);
      TfBoard *b = g_ptr_array_index (boards, i);

      if (tf_board_get_id (a) != tf_board_get_id (b) ||
          g_strcmp0 (tf_board_get_kind_id (a), tf_board_get_kind_id (b)) != 0 ||
          tf_board_get_position (a) != tf_board_get_position (b) ||
          tf_board_get_item_count (a) != tf_board_get_item_count (b) ||
          g_strcmp0 (tf_board_get_name (a), tf_board_get_name (b)) != 0)
        return FALSE;
    }

  return TRUE;
}

/* An experiment that came in a bundle says from where, under its title. */
static void
tf_experiment_view_show_origin (TfExperimentView *self)
{
  g_autofree char *origin = NULL;

  if (self->experiment_id != 0 && self->history != NULL)
    origin = tf_bundle_gui_origin_text (tf_history_get_store (self->history), self->experiment_id);
  adw_preferences_group_set_description (self->experiment_group, origin);
}

static void
tf_experiment_view_show_boards (TfExperimentView *self)
{
  g_autoptr(GListStore) boards = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n;

  if (self->experiment_id != 0)
    boards = tf_archive_list_boards (tf_history_get_store (self->history),
                                     self->experiment_id, &error);
  if (error != NULL)
    tf_experiment_view_toast_text (self, error->message);

  n = boards != NULL ? g_list_model_get_n_items (G_LIST_MODEL (boards)) : 0;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (boards), i));

  /* Rebuilding the rows would take the keyboard focus away from them. */
  if (boards_equal (G_LIST_MODEL (self->boards), items))
    return;

  g_list_store_splice (self->boards, 0, g_list_model_get_n_items (G_LIST_MODEL (self->boards)),
                       items->pdata, items->len);
}

/* Enables what changes the archive in one place: an experiment is shown,
 * and the archive can be written. */
static void
tf_experiment_view_update_actions (TfExperimentView *self)
{
  gboolean write = self->experiment != NULL && self->editable;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiment.duplicate", write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiment.move-to-bin", write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "experiment.add-board", write);
}

static gboolean
tf_experiment_view_load (TfExperimentView *self,
                         gboolean          force)
{
  g_autoptr(TfExperiment) experiment = NULL;
  g_autoptr(TfExperiment) previous = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *previous_tags = NULL;
  gboolean found;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (self->experiment_id != 0 && self->history != NULL)
    {
      g_autoptr(GError) error = NULL;

      experiment = tf_archive_get_experiment (tf_history_get_store (self->history),
                                              self->experiment_id, &error);
      if (experiment == NULL)
        g_debug ("Experiment %" G_GINT64_FORMAT " is gone: %s",
                 self->experiment_id, error->message);
    }

  found = experiment != NULL;
  if (!found)
    {
      self->experiment_id = 0;
      force = TRUE;
    }

  previous = g_steal_pointer (&self->experiment);
  self->loading = TRUE;

  for (guint field = 0; field < TF_N_FIELDS; field++)
    tf_experiment_view_set_text_if_changed (self, previous, experiment, field, force);

  if (experiment != NULL)
    {
      adw_combo_row_set_selected (self->phase_row, tf_experiment_get_phase (experiment));
      adw_combo_row_set_selected (self->status_row, tf_experiment_get_status (experiment));
    }

  tags = join_tags (experiment);
  previous_tags = join_tags (previous);
  if (force || g_strcmp0 (tags, previous_tags) != 0)
    tf_experiment_view_show_tags (self, tags);

  self->experiment = g_steal_pointer (&experiment);
  self->loading = FALSE;

  tf_experiment_view_update_title (self);
  tf_experiment_view_show_origin (self);
  tf_experiment_view_show_boards (self);

  tf_experiment_view_update_actions (self);

  return found;
}

static void
tf_experiment_view_duplicate_response (AdwMessageDialog *dialog,
                                       const char       *response,
                                       TfExperimentView *self)
{
  gint64 experiment_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "experiment-id");
  g_autoptr(TfCommand) command = NULL;
  gint64 copy_id;

  if (g_strcmp0 (response, "boards") != 0 && g_strcmp0 (response, "items") != 0)
    return;

  command = tf_command_duplicate_experiment (experiment_id, g_str_equal (response, "items"));
  if (!tf_experiment_view_execute (self, command))
    return;

  copy_id = tf_command_get_result_id (command);
  if (copy_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-experiment", "x", copy_id);

  tf_experiment_view_toast_undoable (self, _("Copy created"));
}

static void
tf_experiment_view_duplicate (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TfExperimentView *self = TF_EXPERIMENT_VIEW (widget);
  GtkWidget *dialog;

  if (self->experiment == NULL)
    return;

  tf_experiment_view_commit_pending (self);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Duplicate as Template?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The copy of “%s” keeps its fields and boards and starts "
                                    "again as a draft. Should the insights and the other items "
                                    "on its boards be copied too?"),
                                  tf_experiment_get_title (self->experiment));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "boards", _("_Boards Only"),
                                    "items", _("Boards and _Insights"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "items",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "items");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "experiment-id",
                          g_memdup2 (&self->experiment_id, sizeof self->experiment_id), g_free);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (tf_experiment_view_duplicate_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The report by default; the dialog offers every other kind. */
static void
tf_experiment_view_print (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  TfExperimentView *self = TF_EXPERIMENT_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  TfExportDialog *dialog;

  if (self->history == NULL || self->experiment_id == 0)
    return;
  dialog = tf_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 tf_history_get_store (self->history), self->experiment_id, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Ctrl+P while the page is shown; a board's page, shown instead, has its own. */
static gboolean
print_shortcut (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  return gtk_widget_activate_action (widget, "experiment.print", NULL);
}

/* Into the Bin, not gone: it is kept TF_BIN_DAYS days (core/tf-bin.h),
 * and the toast says so and offers to take it back. */
static void
tf_experiment_view_move_to_bin (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  TfExperimentView *self = TF_EXPERIMENT_VIEW (widget);
  g_autoptr(TfCommand) command = NULL;
  g_autofree char *escaped = NULL;

  if (self->experiment == NULL)
    return;

  /* An edit in progress goes in first, so that undo brings it back too. */
  tf_experiment_view_commit_pending (self);

  /* A toast's title is markup; a long title is clipped so that "kept 30
   * days" still shows in a small window. */
  {
    const char *title = tf_experiment_get_title (self->experiment);
    g_autofree char *clipped = NULL;

    if (g_utf8_strlen (title, -1) > 32)
      {
        g_autofree char *head = g_utf8_substring (title, 0, 31);

        clipped = g_strconcat (g_strchomp (head), "…", NULL);
      }
    escaped = g_markup_escape_text (clipped != NULL ? clipped : title, -1);
  }
  command = tf_command_move_to_bin (self->experiment_id, NULL);
  if (tf_experiment_view_execute (self, command))
    {
      /* TRANSLATORS: a toast after an experiment was moved to the Bin; %s is its title, %d is 30 */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "“%s” moved to the Bin — kept %d day",
                                                            "“%s” moved to the Bin — kept %d days",
                                                            TF_BIN_DAYS),
                                               escaped, TF_BIN_DAYS);

      tf_experiment_view_toast_undoable (self, text);
    }
}

static void
tf_experiment_view_add_board (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TfExperimentView *self = TF_EXPERIMENT_VIEW (widget);
  const TfBoardType *type = tf_board_type_lookup (g_variant_get_string (parameter, NULL));
  g_autoptr(TfCommand) command = NULL;

  if (self->experiment == NULL || type == NULL || !type->creatable)
    return;

  command = tf_command_add_board (self->experiment_id, type->id, tf_board_type_get_label (type));
  tf_experiment_view_execute (self, command);
}

static GMenuModel *
tf_experiment_view_create_board_menu (void)
{
  GMenu *menu = g_menu_new ();
  GPtrArray *types = tf_board_type_list ();

  /* Every registered board type a user may create, in registration order. */
  for (guint i = 0; i < types->len; i++)
    {
      const TfBoardType *type = g_ptr_array_index (types, i);
      g_autoptr(GMenuItem) item = NULL;
      g_autoptr(GIcon) icon = NULL;

      if (!type->creatable)
        continue;
      item = g_menu_item_new (tf_board_type_get_label (type), NULL);
      icon = g_themed_icon_new (type->icon_name != NULL ? type->icon_name : "view-grid-symbolic");
      g_menu_item_set_action_and_target (item, "experiment.add-board", "s", type->id);
      g_menu_item_set_icon (item, icon);
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static void
tf_experiment_view_dispose (GObject *object)
{
  TfExperimentView *self = TF_EXPERIMENT_VIEW (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (tf_history_get_store (self->history),
                                          tf_experiment_view_store_changed, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TF_TYPE_EXPERIMENT_VIEW);
  g_clear_object (&self->history);
  g_clear_object (&self->experiment);
  g_clear_object (&self->boards);

  G_OBJECT_CLASS (tf_experiment_view_parent_class)->dispose (object);
}

static void
tf_experiment_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TfExperimentView *self = TF_EXPERIMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_EXPERIMENT_ID:
      g_value_set_int64 (value, self->experiment_id);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_experiment_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TfExperimentView *self = TF_EXPERIMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      tf_experiment_view_set_history (self, g_value_get_object (value));
      break;

    case PROP_EXPERIMENT_ID:
      tf_experiment_view_set_experiment_id (self, g_value_get_int64 (value));
      break;

    case PROP_FOLDED:
      tf_experiment_view_set_folded (self, g_value_get_boolean (value));
      break;

    case PROP_EDITABLE:
      tf_experiment_view_set_editable (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_experiment_view_class_init (TfExperimentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_experiment_view_dispose;
  object_class->get_property = tf_experiment_view_get_property;
  object_class->set_property = tf_experiment_view_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         TF_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EXPERIMENT_ID] =
    g_param_spec_int64 ("experiment-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /* FALSE for a read-only archive: the fields can be read and copied, the
   * experiment printed and exported, nothing changed. */
  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TF_TYPE_HISTORY_BUTTONS);
  g_type_ensure (TF_TYPE_TEXT_FIELD);
  g_type_ensure (TF_TYPE_ROOM_AGENDA);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/transfo/Transfo/tf-experiment-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, window_title);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, experiment_group);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, history_buttons);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, agenda);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, scroller);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, experiment_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, title_row);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, theme_row);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, place_row);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, territory_row);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, department_row);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, start_date_row);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, end_date_row);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, start_date_hint);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, end_date_hint);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, phase_row);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, status_row);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, tags_row);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, team_field);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, context_field);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, outcomes_field);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, lessons_field);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, boards_list);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentView, add_board_button);
  gtk_widget_class_bind_template_callback (widget_class, tf_experiment_view_entry_committed);
  gtk_widget_class_bind_template_callback (widget_class, tf_experiment_view_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, tf_experiment_view_text_committed);
  gtk_widget_class_bind_template_callback (widget_class, tf_experiment_view_tags_committed);
  gtk_widget_class_bind_template_callback (widget_class, tf_experiment_view_phase_selected);
  gtk_widget_class_bind_template_callback (widget_class, tf_experiment_view_status_selected);

  gtk_widget_class_install_action (widget_class, "experiment.duplicate", NULL,
                                   tf_experiment_view_duplicate);
  gtk_widget_class_install_action (widget_class, "experiment.move-to-bin", NULL,
                                   tf_experiment_view_move_to_bin);
  gtk_widget_class_install_action (widget_class, "experiment.print", NULL,
                                   tf_experiment_view_print);
  gtk_widget_class_install_action (widget_class, "experiment.add-board", "s",
                                   tf_experiment_view_add_board);
}

static void
tf_experiment_view_init (TfExperimentView *self)
{
  g_autoptr(GtkStringList) phases = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GMenuModel) board_menu = NULL;

  self->editable = TRUE;
  self->boards = g_list_store_new (TF_TYPE_BOARD);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Ctrl+P does what the page's print button does, wherever the focus is
   * in the window (a header button, a field) while the page is shown. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (keys), GTK_SHORTCUT_SCOPE_GLOBAL);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_p, GDK_CONTROL_MASK),
                                                            gtk_callback_action_new (print_shortcut, NULL, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  self->entry_rows[TF_FIELD_TITLE] = self->title_row;
  self->entry_rows[TF_FIELD_THEME] = self->theme_row;
  self->entry_rows[TF_FIELD_PLACE] = self->place_row;
  self->entry_rows[TF_FIELD_TERRITORY] = self->territory_row;
  self->entry_rows[TF_FIELD_DEPARTMENT] = self->department_row;
  self->entry_rows[TF_FIELD_START_DATE] = self->start_date_row;
  self->entry_rows[TF_FIELD_END_DATE] = self->end_date_row;
  /* Dates are typed as the person writes them (or ISO), or picked. */
  {
    g_autofree char *format = tf_date_get_user_format ();
    g_autofree char *pattern = tf_date_describe_format (format);

    gtk_label_set_label (GTK_LABEL (self->start_date_hint), pattern);
    gtk_label_set_label (GTK_LABEL (self->end_date_hint), pattern);
    tf_date_picker_attach (self->start_date_row);
    tf_date_picker_attach (self->end_date_row);
  }
  self->text_fields[TF_FIELD_TEAM - TF_FIELD_TEAM] = self->team_field;
  self->text_fields[TF_FIELD_CONTEXT - TF_FIELD_TEAM] = self->context_field;
  self->text_fields[TF_FIELD_OUTCOMES - TF_FIELD_TEAM] = self->outcomes_field;
  self->text_fields[TF_FIELD_LESSONS - TF_FIELD_TEAM] = self->lessons_field;

  /* The labels of the fields are the core's, as on the command line. Ctrl+Z
   * undoes the last committed edit of the archive, not the typing in a row. */
  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entry_rows[i]),
                                     tf_experiment_field_get_label (i));
      gtk_editable_set_enable_undo (GTK_EDITABLE (self->entry_rows[i]), FALSE);
    }
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->tags_row), FALSE);
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    tf_text_field_set_title (self->text_fields[i],
                             tf_experiment_field_get_label (TF_FIELD_TEAM + i));
  tf_text_field_set_subtitle (self->team_field,
                              _("Write roles, not names, such as “facilitator” or “designer”: "
                                "the archive stays anonymous."));

  for (int phase = 0; phase < TF_N_PHASES; phase++)
    gtk_string_list_append (phases, tf_phase_get_label (phase));
  for (int status = 0; status < TF_N_STATUSES; status++)
    gtk_string_list_append (statuses, tf_status_get_label (status));
  adw_combo_row_set_model (self->phase_row, G_LIST_MODEL (phases));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  board_menu = tf_experiment_view_create_board_menu ();
  gtk_menu_button_set_menu_model (self->add_board_button, board_menu);
  tf_widget_quiet_tooltip_while_open (self->add_board_button);
  tf_widget_quiet_tooltip_while_open (self->experiment_menu_button);

  gtk_list_box_bind_model (self->boards_list, G_LIST_MODEL (self->boards),
                           tf_experiment_view_create_board_row, self, NULL);

  tf_experiment_view_load (self, TRUE);
}

TfHistory *
tf_experiment_view_get_history (TfExperimentView *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT_VIEW (self), NULL);

  return self->history;
}

gint64
tf_experiment_view_get_experiment_id (TfExperimentView *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT_VIEW (self), 0);

  return self->experiment_id;
}

gboolean
tf_experiment_view_get_folded (TfExperimentView *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT_VIEW (self), FALSE);

  return self->folded;
}

void
tf_experiment_view_set_history (TfExperimentView *self,
                                TfHistory        *history)
{
  g_return_if_fail (TF_IS_EXPERIMENT_VIEW (self));
  g_return_if_fail (history == NULL || TF_IS_HISTORY (history));

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (tf_history_get_store (self->history),
                                          tf_experiment_view_store_changed, self);

  if (!g_set_object (&self->history, history))
    return;

  if (history != NULL)
    g_signal_connect_object (tf_history_get_store (history), "changed",
                             G_CALLBACK (tf_experiment_view_store_changed), self,
                             G_CONNECT_SWAPPED);

  tf_history_buttons_set_history (self->history_buttons, history);
  tf_room_agenda_set_history (self->agenda, history);
  tf_experiment_view_load (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

gboolean
tf_experiment_view_set_experiment_id (TfExperimentView *self,
                                      gint64            experiment_id)
{
  gint64 old_id;
  gboolean found;

  g_return_val_if_fail (TF_IS_EXPERIMENT_VIEW (self), FALSE);

  old_id = self->experiment_id;
  if (old_id != experiment_id)
    tf_experiment_view_commit_pending (self);

  self->experiment_id = experiment_id;
  found = tf_experiment_view_load (self, old_id != experiment_id);
  tf_room_agenda_set_experiment_id (self->agenda, self->experiment_id);

  if (old_id != experiment_id)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  if (old_id != self->experiment_id)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPERIMENT_ID]);

  return found;
}

/* The sidebar says the archive is read-only; folded, this view says it. */
static void
update_read_only_banner (TfExperimentView *self)
{
  gtk_revealer_set_reveal_child (self->read_only_banner, !self->editable && self->folded);
}

void
tf_experiment_view_set_folded (TfExperimentView *self,
                               gboolean          folded)
{
  g_return_if_fail (TF_IS_EXPERIMENT_VIEW (self));

  folded = !!folded;
  if (self->folded == folded)
    return;

  self->folded = folded;
  update_read_only_banner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

void
tf_experiment_view_focus_title (TfExperimentView *self)
{
  g_return_if_fail (TF_IS_EXPERIMENT_VIEW (self));

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

void
tf_experiment_view_focus_board (TfExperimentView *self,
                                gint64            board_id)
{
  GtkListBoxRow *row;

  g_return_if_fail (TF_IS_EXPERIMENT_VIEW (self));

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->boards_list, i)) != NULL; i++)
    {
      TfBoard *board = tf_board_row_get_board (TF_BOARD_ROW (row));

      if (tf_board_get_id (board) == board_id)
        {
          gtk_widget_grab_focus (GTK_WIDGET (row));
          return;
        }
    }
}

void
tf_experiment_view_commit_pending (TfExperimentView *self)
{
  g_return_if_fail (TF_IS_EXPERIMENT_VIEW (self));

  if (self->experiment == NULL)
    return;

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    tf_text_field_commit (self->text_fields[i]);

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    {
      const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->entry_rows[i]));

      /* A title emptied by mistake or a malformed date stays out of the archive. */
      if ((i == TF_FIELD_TITLE && *typed == '\0') ||
          (is_date_field (i) && !typed_date_is_valid (typed)))
        continue;

      tf_experiment_view_commit_text (self, i, typed);
    }

  tf_experiment_view_tags_committed (self);
}

gboolean
tf_experiment_view_get_editable (TfExperimentView *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT_VIEW (self), FALSE);

  return self->editable;
}

void
tf_experiment_view_set_editable (TfExperimentView *self,
                                 gboolean          editable)
{
  g_return_if_fail (TF_IS_EXPERIMENT_VIEW (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  if (!editable)
    tf_experiment_view_commit_pending (self);
  self->editable = editable;

  for (guint i = 0; i < N_ENTRY_FIELDS; i++)
    gtk_editable_set_editable (GTK_EDITABLE (self->entry_rows[i]), editable);
  gtk_editable_set_editable (GTK_EDITABLE (self->tags_row), editable);
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    tf_text_field_set_editable (self->text_fields[i], editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->phase_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_row), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->add_board_button), editable);
  tf_room_agenda_set_editable (self->agenda, editable);
  update_read_only_banner (self);
  if (editable)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "read-only");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "read-only");

  /* The board rows are made again, with or without their edit buttons. */
  gtk_list_box_bind_model (self->boards_list, G_LIST_MODEL (self->boards),
                           tf_experiment_view_create_board_row, self, NULL);
  tf_experiment_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}

void
tf_experiment_view_focus_session (TfExperimentView *self)
{
  g_return_if_fail (TF_IS_EXPERIMENT_VIEW (self));

  tf_room_agenda_focus (self->agenda);
  /* The session's section in sight from its heading, not only the row or
   * button that has the keyboard (the page would stay on the boards). */
  {
    GtkWidget *child = gtk_scrolled_window_get_child (self->scroller);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
    graphene_rect_t bounds;

    if (child != NULL && gtk_widget_compute_bounds (GTK_WIDGET (self->agenda), child, &bounds))
      gtk_adjustment_clamp_page (adjustment, MAX (0, bounds.origin.y - 48),
                                 bounds.origin.y + MIN (bounds.size.height,
                                                        gtk_adjustment_get_page_size (adjustment) - 48));
  }
}

guint
tf_experiment_view_get_n_reloads (TfExperimentView *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT_VIEW (self), 0);

  return self->n_reloads;
}
