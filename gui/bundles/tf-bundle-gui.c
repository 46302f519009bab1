/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-bundle-gui"

#include <glib/gi18n.h>
#include <stdio.h>

#include "core/tf-bundle.h"
#include "core/tf-experiment.h"
#include "tf-bundle-gui.h"
#include "tf-import-dialog.h"
#include "tf-share-dialog.h"

/* --- Dates --- */

/* The day, the month's name in the interface's language (whatever
 * LC_TIME says, as the archive list does), the year. */
static char *
format_day (int year,
            int month,
            int day)
{
  /* Translators: a date: the day, the month's name, the year ("6 December 2026"). */
  return g_strdup_printf (_("%d %s %d"), day, tf_date_month_name (month), year);
}

char *
tf_bundle_gui_format_date (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL || iso[0] == '\0')
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc != NULL)
    {
      g_autofree char *day = NULL;

      local = g_date_time_to_local (utc);
      day = format_day (g_date_time_get_year (local), g_date_time_get_month (local),
                        g_date_time_get_day_of_month (local));
      /* Translators: a date, then the time ("6 December 2026 at 09:12"). */
      return g_strdup_printf (_("%s at %02d:%02d"), day, g_date_time_get_hour (local),
                              g_date_time_get_minute (local));
    }
  if (tf_date_is_valid (iso))
    {
      int year = 0, month = 0, day = 0;

      if (sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) == 3 && month >= 1 && month <= 12)
        return format_day (year, month, day);
    }
  return g_strdup (iso);
}

char *
tf_bundle_gui_origin_text (TfStore *store,
                           gint64   experiment_id)
{
  g_autoptr(TfBundleOrigin) origin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *imported = NULL;

  origin = tf_bundle_get_origin (store, experiment_id, &error);
  if (origin == NULL)
    {
      if (error != NULL)
        g_debug ("Cannot read the origin of experiment %" G_GINT64_FORMAT ": %s", experiment_id, error->message);
      return NULL;
    }
  imported = tf_bundle_gui_format_date (origin->imported_at);
  if (origin->department[0] == '\0')
    /* Translators: %s is a date. */
    return g_strdup_printf (_("Imported on %s from a shared file."), imported);
  /* Translators: the first %s is a date, the second a department's name. */
  return g_strdup_printf (_("Imported on %s from a file shared by %s."), imported, origin->department);
}

/* --- Show in folder --- */

static void
show_in_folder (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *window = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = NULL;

  if (folder == NULL)
    return;
  uri = g_file_get_uri (folder);
  /* GTK 4.8 has no file launcher: the folder opens in the file manager. */
  gtk_show_uri (window, uri, GDK_CURRENT_TIME);
}

void
tf_bundle_gui_toast_written (TfWindow   *window,
                             const char *message,
                             GFile      *file)
{
  AdwToast *toast = adw_toast_new (message);
  g_autofree char *uri = g_file_get_uri (file);

  adw_toast_set_button_label (toast, _("Show in _Folder"));
  adw_toast_set_action_name (toast, "bundle.show-in-folder");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 8);
  tf_window_add_toast (window, toast);
}

/* --- Share --- */

static void
share (GSimpleAction *action,
       GVariant      *parameter,
       gpointer       user_data)
{
  TfWindow *window = user_data;
  TfHistory *history = tf_window_get_history (window);
  gint64 id = tf_window_get_experiment_id (window);
  TfShareDialog *dialog;

  if (id == 0)
    return;
  dialog = tf_share_dialog_new (GTK_WINDOW (window), tf_history_get_store (history), id);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- Import --- */

static void
show_refusal (TfWindow    *window,
              GFile       *file,
              const char  *reason)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *shown = g_filename_display_name (name);
  g_autofree char *heading = NULL, *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a file name. */
  heading = g_strdup_printf (_("Cannot Import “%s”"), shown);
  /* Translators: %s says why the file is refused. */
  body = g_strdup_printf (_("%s.\n\nYour archive has not been changed, nor has the file. Ask whoever sent it "
                            "to share the experiment again."), reason);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (task_data);
  GError *error = NULL;
  TfBundle *bundle;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only a file on this computer can be imported."));
      return;
    }
  bundle = tf_bundle_open (path, &error);
  if (bundle == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bundle, (GDestroyNotify) tf_bundle_free);
}

static void
open_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TfWindow) window = user_data;
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  TfBundle *bundle = g_task_propagate_pointer (G_TASK (result), &error);
  TfImportDialog *dialog;

  if (gtk_widget_in_destruction (GTK_WIDGET (window)) || !gtk_widget_get_realized (GTK_WIDGET (window)))
    {
      g_clear_pointer (&bundle, tf_bundle_free);
      return;
    }
  if (bundle == NULL)
    {
      g_debug ("Refused: %s", error->message);
      show_refusal (window, file, error->message);
      return;
    }
  dialog = tf_import_dialog_new (GTK_WINDOW (window), tf_window_get_history (window), bundle, file);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
tf_bundle_gui_open (TfWindow *window,
                    GFile    *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TF_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  /* Not the task's source object: see tf_window_check_archive(). */
  task = g_task_new (NULL, NULL, open_done, g_object_ref (window));
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, open_in_thread);
}

static void
add_bundle_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Transfo experiments"));
  gtk_file_filter_add_pattern (filter, "*" TF_BUNDLE_GUI_EXTENSION);
  gtk_file_filter_add_mime_type (filter, TF_BUNDLE_GUI_MIME_TYPE);
  gtk_file_chooser_add_filter (chooser, filter);
}

typedef void (*FileChosen) (TfWindow *window,
                            GFile    *file);

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  TfWindow        *window)
{
  FileChosen chosen = (FileChosen) g_object_get_data (G_OBJECT (chooser), "tf-chosen");
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file != NULL)
    chosen (window, file);
}

/* A file chooser over @window (@name: a save's suggested name, or NULL to
 * open a bundle); @chosen gets the file. */
static void
choose_file (TfWindow   *window,
             const char *title,
             const char *name,
             FileChosen  chosen)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (window),
                                         name != NULL ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         name != NULL ? _("_Save") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  else
    add_bundle_filter (GTK_FILE_CHOOSER (chooser));
  g_object_set_data (G_OBJECT (chooser), "tf-chosen", (gpointer) chosen);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response), window, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import (GSimpleAction *action,
        GVariant      *parameter,
        gpointer       user_data)
{
  choose_file (user_data, _("Import an Experiment"), NULL, tf_bundle_gui_open);
}

static gboolean
is_bundle_file (GFile *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && g_str_has_suffix (lower, TF_BUNDLE_GUI_EXTENSION);
}

GFile *
tf_bundle_gui_find_dropped (const GValue *value)
{
  GFile *found = NULL;
  GSList *files;

  if (value != NULL && G_VALUE_HOLDS (value, G_TYPE_FILE))
    return is_bundle_file (g_value_get_object (value)) ? g_value_get_object (value) : NULL;
  if (value == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || g_value_get_boxed (value) == NULL)
    return NULL;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL && found == NULL; l = l->next)
    if (is_bundle_file (l->data))
      found = l->data;
  g_slist_free (files);
  return found;
}

/* A bundle dropped on the window opens its preview; any other file is
 * left alone. The widgets under the pointer that take drops of their own
 * come first (a board takes images, a field text). */
static gboolean
drop (GtkDropTarget *target,
      const GValue  *value,
      double         x,
      double         y,
      TfWindow      *window)
{
  GFile *bundle = tf_bundle_gui_find_dropped (value);

  if (bundle == NULL)
    return FALSE;
  tf_bundle_gui_open (window, bundle);
  return TRUE;
}

/* A bundle that reached a widget of the window (a board) first. */
static void
open_uri (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  tf_bundle_gui_open (user_data, file);
}

/* --- Backup --- */

typedef struct {
  char         *archive_path;
  char         *path;
  GFile        *file;
  GApplication *app;      /* held while the thread writes */
  GtkWindow    *progress; /* the dialog that says it runs */
  GtkProgressBar *bar;
  GCancellable *cancellable;
  gint          permille; /* how far, written by the thread (atomic) */
  guint         pulse_source;
} BackupJob;

static void
backup_job_free (gpointer data)
{
  BackupJob *job = data;

  g_free (job->archive_path);
  g_free (job->path);
  g_clear_object (&job->file);
  g_clear_object (&job->app);
  g_clear_object (&job->cancellable);
  g_free (job);
}

/* In the backup's thread. */
static void
backup_progress (double   fraction,
                 gpointer user_data)
{
  BackupJob *job = user_data;

  g_atomic_int_set (&job->permille, (gint) (fraction * 1000));
}

static void
backup_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr(TfStore) store = NULL;
  GError *error = NULL;

  store = tf_store_open (job->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  /* The file chooser asked before replacing a file. */
  if (store != NULL &&
      tf_store_backup_full (store, job->path, TRUE, job->cancellable, backup_progress, job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
backup_pulse (gpointer user_data)
{
  BackupJob *job = user_data;
  gint permille = g_atomic_int_get (&job->permille);
  g_autofree char *text = g_strdup_printf ("%d %%", permille / 10);

  gtk_progress_bar_set_fraction (job->bar, permille / 1000.0);
  gtk_progress_bar_set_text (job->bar, text);
  return G_SOURCE_CONTINUE;
}

/* Cancel: the thread stops between two steps; no file is written. */
static void
backup_response (AdwMessageDialog *dialog,
                 const char       *response,
                 BackupJob        *job)
{
  if (g_strcmp0 (response, "cancel") == 0)
    g_cancellable_cancel (job->cancellable);
  /* The dialog closes itself after its response. */
  if (job->progress != NULL)
    {
      g_signal_handlers_disconnect_by_data (job->progress, job);
      g_clear_object (&job->progress);
    }
}

static void
backup_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TfWindow) window = user_data;
  BackupJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean written = g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_handle_id (&job->pulse_source, g_source_remove);
  if (job->progress != NULL)
    {
      g_signal_handlers_disconnect_by_data (job->progress, job);
      gtk_window_destroy (job->progress);
      g_clear_object (&job->progress);
    }
  g_clear_object (&job->bar);
  if (job->app != NULL)
    g_application_release (job->app);
  if (gtk_widget_in_destruction (GTK_WIDGET (window)) || !gtk_widget_get_realized (GTK_WIDGET (window)))
    return;
  if (!written && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Backup cancelled: %s", job->path);
      tf_window_add_toast (window, adw_toast_new (_("Backup cancelled: no file was written")));
    }
  else if (written)
    {
      g_autofree char *name = g_file_get_basename (job->file);
      g_autofree char *shown = g_filename_display_name (name);
      g_autofree char *message = NULL;

      g_debug ("Backed up: %s", job->path);
      /* Translators: %s is a file name. */
      message = g_strdup_printf (_("Archive backed up as “%s”"), shown);
      tf_bundle_gui_toast_written (window, message, job->file);
    }
  else
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Cannot Back Up the Archive"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

void
tf_bundle_gui_backup_to (TfWindow *window,
                         GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  BackupJob *job;
  GtkWidget *dialog, *bar;

  g_return_if_fail (TF_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (BackupJob, 1);
  job->path = g_file_get_path (file);
  job->file = g_object_ref (file);
  job->archive_path = g_strdup (tf_store_get_path (tf_history_get_store (tf_window_get_history (window))));
  if (job->path == NULL)
    {
      backup_job_free (job);
      return;
    }
  job->app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  if (job->app != NULL)
    {
      g_object_ref (job->app);
      g_application_hold (job->app);
    }

  /* SQLite's backup in steps: a fraction, and Cancel between two steps
   * (the copy is in memory until the end: a cancelled backup leaves no
   * file). */
  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Backing Up the Archive…"),
                                   _("A copy of the whole archive is being written. You may go on working: "
                                     "the copy is the archive as it was when the backup began."));
  bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  job->cancellable = g_cancellable_new ();
  job->bar = GTK_PROGRESS_BAR (g_object_ref (bar));
  g_signal_connect (dialog, "response", G_CALLBACK (backup_response), job);
  job->progress = GTK_WINDOW (g_object_ref (dialog));
  job->pulse_source = g_timeout_add (100, backup_pulse, job);
  gtk_window_present (GTK_WINDOW (dialog));

  task = g_task_new (NULL, NULL, backup_done, g_object_ref (window));
  g_task_set_task_data (task, job, backup_job_free);
  g_task_run_in_thread (task, backup_in_thread);
}

static void
backup (GSimpleAction *action,
        GVariant      *parameter,
        gpointer       user_data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: a file name; %s is today's date. */
  g_autofree char *name = g_strdup_printf (_("Transfo archive %s.sqlite"), date);

  choose_file (user_data, _("Back Up Archive"), name, tf_bundle_gui_backup_to);
}

/* --- The window's actions --- */

void
tf_bundle_gui_install (TfWindow *window)
{
  static const GActionEntry entries[] = {
    { "share", share, NULL, NULL, NULL, { 0 } },
    { "import", import, NULL, NULL, NULL, { 0 } },
    { "backup", backup, NULL, NULL, NULL, { 0 } },
    { "open-uri", open_uri, "s", NULL, NULL, { 0 } },
    { "show-in-folder", show_in_folder, "s", NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkDropTarget *target;

  g_return_if_fail (TF_IS_WINDOW (window));

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), window);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (group), "import")),
                               tf_window_get_editable (window));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (group), "open-uri")),
                               tf_window_get_editable (window));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "bundle", G_ACTION_GROUP (group));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop), window, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (target));
}
