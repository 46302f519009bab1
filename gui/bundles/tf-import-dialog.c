/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-import-dialog"

#include <glib/gi18n.h>

#include "tf-bundle-gui.h"
#include "tf-import-dialog.h"
#include "tf-window.h"

struct _TfImportDialog
{
  AdwWindow      parent_instance;

  TfHistory     *history;
  TfBundle      *bundle;
  GFile         *file;
  gint64         copy_id;

  GtkLabel      *title_label;
  GtkLabel      *file_label;
  GtkLabel      *error_label;
  GtkWidget     *import_button;
  GtkWidget     *copy_group;
  AdwActionRow  *update_row;
  AdwActionRow  *department_row;
  AdwActionRow  *exported_row;
  AdwActionRow  *dates_row;
  AdwActionRow  *contents_row;
  AdwActionRow  *anonymised_row;
};

G_DEFINE_FINAL_TYPE (TfImportDialog, tf_import_dialog, ADW_TYPE_WINDOW)

gint64
tf_import_dialog_get_copy_id (TfImportDialog *self)
{
  g_return_val_if_fail (TF_IS_IMPORT_DIALOG (self), 0);

  return self->copy_id;
}

static void
show_error (TfImportDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* One undoable step: the experiment imported (and, for an update, the
 * earlier copy removed in the same step). */
static void
run_import (TfImportDialog *self,
            gint64          replace_id)
{
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const TfBundleInfo *info = tf_bundle_get_info (self->bundle);
  gint64 id;

  command = tf_bundle_import_command (self->bundle, replace_id);
  if (!tf_history_execute (self->history, command, &error))
    {
      show_error (self, error->message);
      return;
    }
  id = tf_command_get_result_id (command);
  g_debug ("Imported: experiment %" G_GINT64_FORMAT, id);
  if (TF_IS_WINDOW (parent))
    {
      AdwToast *toast;

      /* Shown, the archive list folded away on a narrow window. */
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-experiment", "x", id);
      message = replace_id > 0
                /* Translators: %s is an experiment's title. */
                ? g_strdup_printf (_("“%s” updated"), info->title)
                /* Translators: %s is an experiment's title. */
                : g_strdup_printf (_("“%s” imported"), info->title);
      toast = adw_toast_new (message);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      tf_window_add_toast (TF_WINDOW (parent), toast);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
tf_import_dialog_import (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TfImportDialog *self = TF_IMPORT_DIALOG (widget);

  run_import (self, g_str_equal (action_name, "import.update") ? self->copy_id : 0);
}

static void
tf_import_dialog_cancel (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static char *
anonymised_text (guint drop)
{
  GString *text = g_string_new (NULL);
  static const struct {
    guint       drop;
    const char *what;
  } options[] = {
    { TF_BUNDLE_DROP_UNCONSENTED, N_("insights without consent left out") },
    { TF_BUNDLE_DROP_DATES, N_("interview dates taken off") },
    { TF_BUNDLE_DROP_PEOPLE_PHOTOS, N_("photos showing people left out") },
    { TF_BUNDLE_DROP_NOTES, N_("facilitator’s notes removed") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    if (drop & options[i].drop)
      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", _(options[i].what));
  if (text->len == 0)
    g_string_append (text, _("Nothing was taken out before sharing."));
  return g_string_free (text, FALSE);
}

static void
fill (TfImportDialog *self,
      TfStore        *store)
{
  const TfBundleInfo *info = tf_bundle_get_info (self->bundle);
  g_autoptr(GArray) copies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = self->file != NULL ? g_file_get_basename (self->file) : NULL;
  g_autofree char *shown = name != NULL ? g_filename_display_name (name) : NULL;
  g_autofree char *size = g_format_size ((guint64) MAX (info->size, 0));
  g_autofree char *file_text = NULL, *exported = NULL, *start = NULL, *end = NULL, *dates = NULL;
  g_autofree char *boards = NULL, *insights = NULL, *photos = NULL, *sessions = NULL, *contents = NULL;
  g_autofree char *anonymised = anonymised_text (info->anonymised);

  gtk_label_set_text (self->title_label, info->title);
  /* Translators: the first %s is a file name, the second its size ("2.3 MB"). */
  if (shown != NULL)
    file_text = g_strdup_printf (_("From the file “%s” (%s). Nothing is written to your archive before you "
                                   "choose below."), shown, size);
  else
    /* Translators: %s is a size ("2.3 MB"). */
    file_text = g_strdup_printf (_("From the regional archive (%s). Nothing is written to your archive before you "
                                   "choose below."), size);
  gtk_label_set_text (self->file_label, file_text);
  adw_action_row_set_subtitle (self->department_row,
                               info->department[0] != '\0' ? info->department : _("(not given)"));
  exported = tf_bundle_gui_format_date (info->exported_at);
  adw_action_row_set_subtitle (self->exported_row, exported);
  start = tf_bundle_gui_format_date (info->start_date);
  end = tf_bundle_gui_format_date (info->end_date);
  if (start[0] == '\0' && end[0] == '\0')
    dates = g_strdup (_("(not given)"));
  else
    /* Translators: from a date to a date. */
    dates = g_strdup_printf (_("%s – %s"), start, end);
  adw_action_row_set_subtitle (self->dates_row, dates);
  boards = g_strdup_printf (ngettext ("%u board", "%u boards", info->n_boards), info->n_boards);
  insights = g_strdup_printf (ngettext ("%u item (insights, stamps, cards…)", "%u items (insights, stamps, cards…)",
                                        info->n_items), info->n_items);
  photos = g_strdup_printf (ngettext ("%u photo", "%u photos", info->n_photos), info->n_photos);
  sessions = g_strdup_printf (ngettext ("%u session", "%u sessions", info->n_sessions), info->n_sessions);
  /* Translators: a list of counts, one per line. */
  contents = g_strdup_printf ("%s\n%s\n%s\n%s", boards, insights, photos, sessions);
  adw_action_row_set_subtitle (self->contents_row, contents);
  adw_action_row_set_subtitle (self->anonymised_row, anonymised);

  if (tf_store_get_read_only (store))
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
      show_error (self, _("This archive is read-only: nothing can be imported into it."));
      return;
    }
  if (!tf_bundle_find_copies (store, self->bundle, copies, &error))
    {
      show_error (self, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
      return;
    }
  if (copies->len > 0)
    {
      g_autoptr(TfBundleOrigin) origin = NULL;
      g_autofree char *when = NULL, *subtitle = NULL;

      self->copy_id = g_array_index (copies, gint64, copies->len - 1);
      origin = tf_bundle_get_origin (store, self->copy_id, NULL);
      when = tf_bundle_gui_format_date (origin != NULL ? origin->imported_at : "");
      /* Translators: %s is a date. */
      subtitle = g_strdup_printf (_("Replace the copy imported on %s with this one, in one step that Undo "
                                    "takes back."), when);
      adw_action_row_set_subtitle (self->update_row, subtitle);
      gtk_widget_set_visible (self->copy_group, TRUE);
      gtk_widget_set_visible (self->import_button, FALSE);
    }
}

static void
tf_import_dialog_dispose (GObject *object)
{
  TfImportDialog *self = TF_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TF_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->history);
  g_clear_object (&self->file);
  g_clear_pointer (&self->bundle, tf_bundle_free);

  G_OBJECT_CLASS (tf_import_dialog_parent_class)->dispose (object);
}

static void
tf_import_dialog_class_init (TfImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_import_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/transfo/Transfo/tf-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TfImportDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, TfImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, TfImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TfImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TfImportDialog, copy_group);
  gtk_widget_class_bind_template_child (widget_class, TfImportDialog, update_row);
  gtk_widget_class_bind_template_child (widget_class, TfImportDialog, department_row);
  gtk_widget_class_bind_template_child (widget_class, TfImportDialog, exported_row);
  gtk_widget_class_bind_template_child (widget_class, TfImportDialog, dates_row);
  gtk_widget_class_bind_template_child (widget_class, TfImportDialog, contents_row);
  gtk_widget_class_bind_template_child (widget_class, TfImportDialog, anonymised_row);

  gtk_widget_class_install_action (widget_class, "import.import", NULL, tf_import_dialog_import);
  gtk_widget_class_install_action (widget_class, "import.update", NULL, tf_import_dialog_import);
  gtk_widget_class_install_action (widget_class, "import.copy", NULL, tf_import_dialog_import);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, tf_import_dialog_cancel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
tf_import_dialog_init (TfImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TfImportDialog *
tf_import_dialog_new (GtkWindow *parent,
                      TfHistory *history,
                      TfBundle  *bundle,
                      GFile     *file)
{
  TfImportDialog *self;

  g_return_val_if_fail (TF_IS_HISTORY (history), NULL);
  g_return_val_if_fail (bundle != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (TF_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->history = g_object_ref (history);
  self->bundle = bundle;
  self->file = file != NULL ? g_object_ref (file) : NULL;
  fill (self, tf_history_get_store (history));
  return self;
}
