/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-bin-dialog"

#include <glib/gi18n.h>

#include "core/tf-bin.h"
#include "core/tf-experiment-commands.h"
#include "tf-bin-dialog.h"

struct _TfBinDialog
{
  AdwWindow          parent_instance;

  TfHistory         *history;
  gboolean           editable;
  AdwToastOverlay   *toasts;
  GtkStack          *stack;
  GtkListBox        *list;
  GtkWidget         *empty_button;
  GtkLabel          *intro;
  guint              reload_source;
};

G_DEFINE_FINAL_TYPE (TfBinDialog, tf_bin_dialog, ADW_TYPE_WINDOW)

static void tf_bin_dialog_reload (TfBinDialog *self);

static TfStore *
get_store (TfBinDialog *self)
{
  return tf_history_get_store (self->history);
}

static void
toast (TfBinDialog *self,
       const char  *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

static gboolean
execute (TfBinDialog *self,
         TfCommand   *command)
{
  g_autoptr(GError) error = NULL;

  if (tf_history_execute (self->history, command, &error))
    return TRUE;
  toast (self, error->message);
  return FALSE;
}

/* "Moved on 6 December · 28 days left" */
static char *
describe (const TfBinEntry *entry)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (entry->deleted_at, utc);
  g_autoptr(GDateTime) local = when != NULL ? g_date_time_to_local (when) : NULL;
  g_autofree char *date = local != NULL ? g_date_time_format (local, "%-d %B %Y") : g_strdup ("?");
  int days = tf_bin_days_left (entry->deleted_at, NULL);
  g_autofree char *left = NULL;

  if (days > 0)
    left = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", days), days);
  else
    left = g_strdup (_("deleted at the next start"));
  /* TRANSLATORS: under an experiment in the Bin: the date it was moved there, then "28 days left" */
  return g_strdup_printf (_("Moved on %s · %s"), date, left);
}

static void
restore_clicked (GtkButton   *button,
                 TfBinDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "tf-experiment-id"));
  const char *title = g_object_get_data (G_OBJECT (button), "tf-title");
  g_autoptr(TfCommand) command = tf_command_restore_from_bin (id);

  if (execute (self, command))
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autofree char *text = g_strdup_printf (_("“%s” restored to the archive"), escaped);

      toast (self, text);
    }
}

static void
delete_response (AdwMessageDialog *dialog,
                 const char       *response,
                 TfBinDialog      *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "tf-experiment-id"));
  g_autoptr(TfCommand) command = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  command = id != 0 ? tf_command_delete_experiment (id) : tf_command_empty_bin ();
  execute (self, command);
}

static void
ask (TfBinDialog *self,
     gint64       id,
     const char  *heading,
     const char  *body,
     const char  *action)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", action, NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "tf-experiment-id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_clicked (GtkButton   *button,
                TfBinDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "tf-experiment-id"));
  const char *title = g_object_get_data (G_OBJECT (button), "tf-title");
  g_autofree char *heading = g_strdup_printf (_("Delete “%s” Now?"), title);

  ask (self, id, heading,
       _("Its boards, their items and the photos no other experiment uses are deleted for good. "
         "Once Transfo is closed, it cannot be brought back."),
       _("_Delete Now"));
}

static void
empty_clicked (TfBinDialog *self)
{
  guint n = tf_bin_count (get_store (self));
  g_autofree char *heading = NULL;

  if (n == 0)
    return;
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Experiment for Good?",
                                          "Delete %u Experiments for Good?", n), n);
  ask (self, 0, heading,
       _("Every experiment in the Bin is deleted now, with its boards, their items and the photos "
         "no other experiment uses. Once Transfo is closed, they cannot be brought back."),
       _("_Empty Bin"));
}

static GtkWidget *
row_new (TfBinDialog      *self,
         const TfBinEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (entry->title, -1);
  g_autofree char *subtitle = describe (entry);
  GtkWidget *restore = gtk_button_new_with_mnemonic (_("_Restore"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *remove_name = g_strdup_printf (_("Delete “%s” Now…"), entry->title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  for (GtkWidget *button = restore; button != NULL; button = button == restore ? remove : NULL)
    {
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, self->editable);
      g_object_set_data (G_OBJECT (button), "tf-experiment-id", GSIZE_TO_POINTER (entry->id));
      g_object_set_data_full (G_OBJECT (button), "tf-title", g_strdup (entry->title), g_free);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect_object (restore, "clicked", G_CALLBACK (restore_clicked), self, 0);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (delete_clicked), self, 0);
  return row;
}

static void
tf_bin_dialog_reload (TfBinDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = tf_bin_list (get_store (self), &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (entries == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->list, row_new (self, g_ptr_array_index (entries, i)));
  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
  /* Nothing to empty, or nothing may be changed: no button. */
  gtk_widget_set_visible (self->empty_button, self->editable && entries->len > 0);
}

static gboolean
reload_idle (gpointer data)
{
  TfBinDialog *self = data;

  self->reload_source = 0;
  tf_bin_dialog_reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed (TfBinDialog *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle, self);
}

static void
tf_bin_dialog_dispose (GObject *object)
{
  TfBinDialog *self = TF_BIN_DIALOG (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (tf_bin_dialog_parent_class)->dispose (object);
}

static void
tf_bin_dialog_class_init (TfBinDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = tf_bin_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tf_bin_dialog_init (TfBinDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *intro;
  GtkWidget *empty = adw_status_page_new ();
  g_autofree char *intro_text = NULL;

  gtk_window_set_title (GTK_WINDOW (self), _("Bin"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 480);

  self->empty_button = gtk_button_new_with_mnemonic (_("_Empty Bin…"));
  gtk_widget_add_css_class (self->empty_button, "destructive-action");
  g_signal_connect_swapped (self->empty_button, "clicked", G_CALLBACK (empty_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->empty_button);
  gtk_box_append (GTK_BOX (box), header);

  intro_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "An experiment moved to the Bin is kept here %d day, then deleted for good. Until then, Restore puts it back in the archive as it was.",
                                             "An experiment moved to the Bin is kept here %d days, then deleted for good. Until then, Restore puts it back in the archive as it was.",
                                             TF_BIN_DAYS),
                                TF_BIN_DAYS);
  intro = gtk_label_new (intro_text);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (page), intro);
  self->intro = GTK_LABEL (intro);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Bin"), -1);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->list));
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "user-trash-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("The Bin Is Empty"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), intro_text);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scroller, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toasts));
}

GtkWidget *
tf_bin_dialog_new (GtkWindow *parent,
                   TfHistory *history,
                   gboolean   editable)
{
  TfBinDialog *self;

  g_return_val_if_fail (TF_IS_HISTORY (history), NULL);

  self = g_object_new (TF_TYPE_BIN_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
  self->history = g_object_ref (history);
  self->editable = editable;
  if (!editable)
    gtk_label_set_text (self->intro, _("This archive is read-only: the Bin can be looked at, not changed."));
  g_signal_connect_object (get_store (self), "changed", G_CALLBACK (store_changed), self, G_CONNECT_SWAPPED);
  tf_bin_dialog_reload (self);
  return GTK_WIDGET (self);
}
