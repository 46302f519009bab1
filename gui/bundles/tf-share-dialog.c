/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-share-dialog"

#include <glib/gi18n.h>

#include "bundles/tf-bundle-share.h"
#include "core/tf-archive.h"
#include "tf-application.h"
#include "tf-bundle-gui.h"
#include "tf-share-dialog.h"
#include "tf-window.h"

/* The experiment is read and counted, then written, in threads on
 * read-only connections of their own: a big wall never freezes the
 * window, and the window may go on writing meanwhile. */

struct _TfShareDialog
{
  AdwWindow       parent_instance;

  char           *archive_path;
  gint64          experiment_id;
  char           *title;
  char           *suggested_name;
  TfBundleShareCounts counts;
  gboolean        counted;
  gboolean        closed;
  GCancellable   *count_cancellable;
  GCancellable   *export_cancellable;
  guint           pulse_source;    /* shows export_permille */
  gint            export_permille; /* written by the export's thread */
  GtkFileChooserNative *chooser;
  GSettings      *settings;        /* NULL without the schema */
  TfShareDialogSend send;          /* another destination than a file */
  gpointer        send_data;
  GDestroyNotify  send_destroy;

  GtkLabel       *intro_label;
  GtkLabel       *error_label;
  GtkLabel       *summary_label;
  AdwEntryRow    *department_row;
  AdwActionRow   *unconsented_row;
  AdwActionRow   *dates_row;
  AdwActionRow   *photos_row;
  AdwActionRow   *notes_row;
  GtkSwitch      *unconsented_switch;
  GtkSwitch      *dates_switch;
  GtkSwitch      *photos_switch;
  GtkSwitch      *notes_switch;
  GtkStack       *stack;
  GtkWidget      *share_button;
  AdwStatusPage  *progress_page;
  GtkProgressBar *progress_bar;
};

G_DEFINE_FINAL_TYPE (TfShareDialog, tf_share_dialog, ADW_TYPE_WINDOW)

guint
tf_share_dialog_get_drop (TfShareDialog *self)
{
  g_return_val_if_fail (TF_IS_SHARE_DIALOG (self), 0);

  return (gtk_switch_get_active (self->unconsented_switch) ? TF_BUNDLE_DROP_UNCONSENTED : 0) |
         (gtk_switch_get_active (self->dates_switch) ? TF_BUNDLE_DROP_DATES : 0) |
         (gtk_switch_get_active (self->photos_switch) ? TF_BUNDLE_DROP_PEOPLE_PHOTOS : 0) |
         (gtk_switch_get_active (self->notes_switch) ? TF_BUNDLE_DROP_NOTES : 0);
}

const char *
tf_share_dialog_get_suggested_name (TfShareDialog *self)
{
  g_return_val_if_fail (TF_IS_SHARE_DIALOG (self), NULL);

  return self->suggested_name;
}

gboolean
tf_share_dialog_get_busy (TfShareDialog *self)
{
  g_return_val_if_fail (TF_IS_SHARE_DIALOG (self), FALSE);

  return self->export_cancellable != NULL;
}

/* Each option says what it takes out of this experiment, counted. */
static void
update_texts (TfShareDialog *self)
{
  const TfBundleShareCounts *c = &self->counts;
  guint drop = tf_share_dialog_get_drop (self);
  g_autofree char *unconsented = NULL, *dates = NULL, *photos = NULL, *notes = NULL;
  g_autofree char *boards = NULL, *items = NULL, *summary = NULL;
  GString *left = g_string_new (NULL);

  if (!self->counted)
    {
      const char *counting = _("Counting…");

      adw_action_row_set_subtitle (self->unconsented_row, counting);
      adw_action_row_set_subtitle (self->dates_row, counting);
      adw_action_row_set_subtitle (self->photos_row, counting);
      adw_action_row_set_subtitle (self->notes_row, counting);
      gtk_label_set_text (self->summary_label, counting);
      g_string_free (left, TRUE);
      return;
    }

  if (c->unconsented == 0)
    unconsented = g_strdup (_("Every insight has its consent: none would stay behind."));
  else
    unconsented = g_strdup_printf (ngettext ("%u insight whose consent is still to check or was withdrawn stays in your archive, with the phone contributions that are not kept insights.",
                                             "%u insights whose consent is still to check or was withdrawn stay in your archive, with the phone contributions that are not kept insights.",
                                             c->unconsented), c->unconsented);
  if (c->dated == 0)
    dates = g_strdup (_("No insight has an interview date."));
  else
    dates = g_strdup_printf (ngettext ("The date of the interview is taken off %u insight; the quote itself leaves.",
                                       "The date of the interview is taken off %u insights; the quotes themselves leave.",
                                       c->dated), c->dated);
  if (c->people_photos == 0)
    photos = g_strdup (_("No photo is marked “people visible” without a blur over it."));
  else
    photos = g_strdup_printf (ngettext ("%u photo marked “people visible”, with no blur over it, stays in your archive.",
                                        "%u photos marked “people visible”, with no blur over them, stay in your archive.",
                                        c->people_photos), c->people_photos);
  if (c->notes == 0)
    notes = g_strdup (_("No step of a session has notes for the facilitator."));
  else
    notes = g_strdup_printf (ngettext ("The facilitator’s notes of %u session step are emptied; the step itself leaves.",
                                       "The facilitator’s notes of %u session steps are emptied; the steps themselves leave.",
                                       c->notes), c->notes);
  adw_action_row_set_subtitle (self->unconsented_row, unconsented);
  adw_action_row_set_subtitle (self->dates_row, dates);
  adw_action_row_set_subtitle (self->photos_row, photos);
  adw_action_row_set_subtitle (self->notes_row, notes);

  boards = g_strdup_printf (ngettext ("%u board", "%u boards", c->n_boards), c->n_boards);
  items = g_strdup_printf (ngettext ("%u item", "%u items", c->n_items), c->n_items);
  if ((drop & TF_BUNDLE_DROP_UNCONSENTED) && c->unconsented > 0)
    g_string_append_printf (left, "\n• %s", _("insights without consent"));
  if ((drop & TF_BUNDLE_DROP_DATES) && c->dated > 0)
    g_string_append_printf (left, "\n• %s", _("interview dates"));
  if ((drop & TF_BUNDLE_DROP_PEOPLE_PHOTOS) && c->people_photos > 0)
    g_string_append_printf (left, "\n• %s", _("photos showing people"));
  if ((drop & TF_BUNDLE_DROP_NOTES) && c->notes > 0)
    g_string_append_printf (left, "\n• %s", _("the facilitator’s notes"));
  /* Translators: the first %s is "5 boards", the second "240 items", the third a list of what stays. */
  summary = g_strdup_printf (_("Leaves in the file: this experiment, its %s and their %s, the photos, PDF pages and "
                               "stamps they use, its sessions, votes and time spent.\n"
                               "Stays in your archive: every other experiment, and what the options above take out:%s"),
                             boards, items, left->len > 0 ? left->str : _(" nothing."));
  gtk_label_set_text (self->summary_label, summary);
  g_string_free (left, TRUE);
}

static void
tf_share_dialog_options_changed (TfShareDialog *self)
{
  update_texts (self);
}

/* --- Counting, in a thread --- */

typedef struct {
  char   *archive_path;
  gint64  experiment_id;
  TfBundleShareCounts counts;
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_free (job->archive_path);
  g_free (job);
}

static void
count_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CountJob *job = task_data;
  g_autoptr(TfStore) store = NULL;
  GError *error = NULL;

  store = tf_store_open (job->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  if (store != NULL)
    {
      tf_store_set_cancellable (store, cancellable);
      tf_bundle_share_count (store, job->experiment_id, &job->counts, &error);
      tf_store_set_cancellable (store, NULL);
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
count_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  /* The reference start_count() took, dropped here in the main thread. */
  g_autoptr(TfShareDialog) self = user_data;
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->count_cancellable);
  if (self->closed)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  self->counts = job->counts;
  self->counted = TRUE;
  update_texts (self);
  g_debug ("Counted: %u boards, %u items", self->counts.n_boards, self->counts.n_items);
}

static void
start_count (TfShareDialog *self)
{
  g_autoptr(GTask) task = NULL;
  CountJob *job = g_new0 (CountJob, 1);

  job->archive_path = g_strdup (self->archive_path);
  job->experiment_id = self->experiment_id;
  self->count_cancellable = g_cancellable_new ();
  /* Not the task's source object: a task run in a thread may be finalized
   * in the worker, and the dialog with it (see the export dialog). */
  task = g_task_new (NULL, self->count_cancellable, count_done, g_object_ref (self));
  g_task_set_task_data (task, job, count_job_free);
  g_task_run_in_thread (task, count_in_thread);
}

/* --- Writing, in a thread --- */

typedef struct {
  char         *archive_path;
  gint64        experiment_id;
  guint         drop;
  char         *department;
  char         *path;
  GApplication *app;       /* held while the thread writes */
  GFile        *file;
  TfShareDialog *dialog;   /* the task's callback holds it until the end */
  guint         n_items;
  guint         n_left_out;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->archive_path);
  g_free (job->department);
  g_free (job->path);
  g_clear_object (&job->app);
  g_clear_object (&job->file);
  g_free (job);
}

/* In the export's thread: the dialog lives as long as the task. */
static void
export_progress (double   fraction,
                 gpointer user_data)
{
  TfShareDialog *self = user_data;

  g_atomic_int_set (&self->export_permille, (gint) (fraction * 1000.0));
}

static void
export_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(TfStore) store = NULL;
  GError *error = NULL;
  guint n_assets = 0;

  store = tf_store_open (job->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  if (store != NULL)
    {
      /* Cancel stops the reads and is checked between steps; the file
       * is written atomically at the end, so a cancelled export leaves
       * nothing behind. */
      tf_store_set_cancellable (store, cancellable);
      /* The file chooser asked before replacing a file. */
      tf_bundle_export_full (store, job->experiment_id, job->drop, job->department, TRUE, job->path,
                             cancellable, export_progress, job->dialog,
                             &job->n_items, &n_assets, &job->n_left_out, &error);
      tf_store_set_cancellable (store, NULL);
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
pulse (gpointer user_data)
{
  TfShareDialog *self = user_data;
  double fraction;
  g_autofree char *text = NULL;

  /* Another destination tells no fraction. */
  if (self->send != NULL)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }
  fraction = g_atomic_int_get (&self->export_permille) / 1000.0;
  text = g_strdup_printf (_("%.0f %%"), 100.0 * fraction);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (TfShareDialog *self,
          gboolean       busy)
{
  gtk_stack_set_visible_child_name (self->stack, busy ? "progress" : "options");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "share.choose", !busy);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  g_atomic_int_set (&self->export_permille, 0);
  if (busy)
    {
      pulse (self);
      self->pulse_source = g_timeout_add (100, pulse, self);
    }
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TfShareDialog) self = user_data;
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean written = g_task_propagate_boolean (G_TASK (result), &error);
  GtkWindow *parent;

  g_clear_object (&self->export_cancellable);
  if (job->app != NULL)
    g_application_release (job->app);
  if (self->closed)
    return;
  set_busy (self, FALSE);

  if (written)
    {
      g_autofree char *name = g_file_get_basename (job->file);
      g_autofree char *shown = g_filename_display_name (name);
      g_autofree char *message = NULL;

      g_debug ("Shared: %s (%u items, %u left out)", job->path, job->n_items, job->n_left_out);
      /* Offered again the next time this user shares. */
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "share-department", job->department);
      /* Translators: %s is a file name. */
      message = g_strdup_printf (_("Experiment shared as “%s”"), shown);
      parent = gtk_window_get_transient_for (GTK_WINDOW (self));
      if (TF_IS_WINDOW (parent))
        tf_bundle_gui_toast_written (TF_WINDOW (parent), message, job->file);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

void
tf_share_dialog_export_to (TfShareDialog *self,
                           GFile         *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *department = NULL;
  ExportJob *job;

  g_return_if_fail (TF_IS_SHARE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->export_cancellable != NULL || self->closed)
    return;
  job = g_new0 (ExportJob, 1);
  job->path = g_file_get_path (file);
  if (job->path == NULL)
    {
      export_job_free (job);
      gtk_label_set_text (self->error_label, _("Choose a file on this computer."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  department = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->department_row))));
  job->archive_path = g_strdup (self->archive_path);
  job->experiment_id = self->experiment_id;
  job->drop = tf_share_dialog_get_drop (self);
  /* At most what a manifest holds (bytes): a character is at most four.
   * (g_utf8_substring() reads past a shorter string's end.) */
  job->department = g_utf8_substring (department, 0,
                                      MIN (g_utf8_strlen (department, -1), TF_BUNDLE_MAX_DEPARTMENT / 4));
  job->file = g_object_ref (file);
  job->dialog = self;
  job->app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (job->app == NULL && gtk_window_get_transient_for (GTK_WINDOW (self)) != NULL)
    job->app = G_APPLICATION (gtk_window_get_application (gtk_window_get_transient_for (GTK_WINDOW (self))));
  if (job->app != NULL)
    {
      g_object_ref (job->app);
      g_application_hold (job->app);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->export_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (NULL, self->export_cancellable, export_done, g_object_ref (self));
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_in_thread);
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  TfShareDialog   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && !self->closed)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    tf_share_dialog_export_to (self, file);
}

static void
tf_share_dialog_choose (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TfShareDialog *self = TF_SHARE_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL || self->export_cancellable != NULL)
    return;
  if (self->send != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      self->export_cancellable = g_cancellable_new ();
      set_busy (self, TRUE);
      self->send (self, tf_share_dialog_get_drop (self), self->export_cancellable, self->send_data);
      return;
    }
  self->chooser = gtk_file_chooser_native_new (_("Share Experiment"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Transfo experiments"));
  gtk_file_filter_add_pattern (filter, "*" TF_BUNDLE_GUI_EXTENSION);
  gtk_file_filter_add_mime_type (filter, TF_BUNDLE_GUI_MIME_TYPE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), self->suggested_name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
tf_share_dialog_set_destination (TfShareDialog    *self,
                                 const char       *title,
                                 const char       *intro,
                                 const char       *button_label,
                                 const char       *progress_title,
                                 GtkWidget        *options,
                                 TfShareDialogSend send,
                                 gpointer          user_data,
                                 GDestroyNotify    destroy)
{
  g_return_if_fail (TF_IS_SHARE_DIALOG (self));
  g_return_if_fail (send != NULL);

  if (self->send_destroy != NULL)
    self->send_destroy (self->send_data);
  self->send = send;
  self->send_data = user_data;
  self->send_destroy = destroy;
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->intro_label, intro);
  gtk_button_set_label (GTK_BUTTON (self->share_button), button_label);
  adw_status_page_set_title (self->progress_page, progress_title);
  gtk_progress_bar_set_show_text (self->progress_bar, FALSE);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->department_row), ADW_TYPE_PREFERENCES_GROUP),
                          FALSE);
  if (options != NULL)
    gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->error_label))), options,
                                GTK_WIDGET (self->error_label));
}

void
tf_share_dialog_send_done (TfShareDialog *self,
                           const GError  *error)
{
  g_return_if_fail (TF_IS_SHARE_DIALOG (self));

  g_clear_object (&self->export_cancellable);
  if (self->closed)
    return;
  set_busy (self, FALSE);
  if (error == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* Cancel: while writing, stops the export and comes back to the options;
 * else closes. */
static void
tf_share_dialog_cancel (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TfShareDialog *self = TF_SHARE_DIALOG (widget);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* "Title 2026-12-06.transfo": no slash, no control character, not too long. */
static char *
make_suggested_name (const char *title)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *clean = g_utf8_make_valid (title != NULL && title[0] != '\0' ? title : _("Experiment"), -1);
  g_autofree char *cut = NULL;

  for (char *p = clean; *p != '\0'; p++)
    if (*p == '/' || *p == '\\' || (guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  g_strstrip (clean);
  cut = g_utf8_substring (clean, 0, MIN (g_utf8_strlen (clean, -1), 80));
  /* Translators: a file name: the experiment's title, then the date. */
  return g_strdup_printf ("%s %s" TF_BUNDLE_GUI_EXTENSION, cut[0] == '.' ? _("Experiment") : cut, date);
}

static gboolean
tf_share_dialog_close_request (GtkWindow *window)
{
  TfShareDialog *self = TF_SHARE_DIALOG (window);

  /* Closing while writing cancels: nothing is left behind. */
  self->closed = TRUE;
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  return GTK_WINDOW_CLASS (tf_share_dialog_parent_class)->close_request (window);
}

static void
tf_share_dialog_dispose (GObject *object)
{
  TfShareDialog *self = TF_SHARE_DIALOG (object);

  self->closed = TRUE;
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), TF_TYPE_SHARE_DIALOG);

  G_OBJECT_CLASS (tf_share_dialog_parent_class)->dispose (object);
}

static void
tf_share_dialog_finalize (GObject *object)
{
  TfShareDialog *self = TF_SHARE_DIALOG (object);

  if (self->send_destroy != NULL)
    self->send_destroy (self->send_data);
  g_free (self->archive_path);
  g_free (self->title);
  g_free (self->suggested_name);

  G_OBJECT_CLASS (tf_share_dialog_parent_class)->finalize (object);
}

static void
tf_share_dialog_class_init (TfShareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tf_share_dialog_dispose;
  object_class->finalize = tf_share_dialog_finalize;
  window_class->close_request = tf_share_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/transfo/Transfo/tf-share-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, department_row);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, unconsented_row);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, dates_row);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, photos_row);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, unconsented_switch);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, dates_switch);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, photos_switch);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, notes_switch);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, share_button);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, TfShareDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, tf_share_dialog_options_changed);

  gtk_widget_class_install_action (widget_class, "share.choose", NULL, tf_share_dialog_choose);
  gtk_widget_class_install_action (widget_class, "share.cancel", NULL, tf_share_dialog_cancel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "share.cancel", NULL);
}

static void
tf_share_dialog_init (TfShareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TfShareDialog *
tf_share_dialog_new (GtkWindow *parent,
                     TfStore   *store,
                     gint64     experiment_id)
{
  g_autoptr(TfExperiment) experiment = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *department = NULL;
  GtkApplication *app = parent != NULL ? gtk_window_get_application (parent) : NULL;
  TfShareDialog *self;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  self = g_object_new (TF_TYPE_SHARE_DIALOG, "transient-for", parent, NULL);
  self->archive_path = g_strdup (tf_store_get_path (store));
  self->experiment_id = experiment_id;
  experiment = tf_archive_get_experiment (store, experiment_id, NULL);
  self->title = g_strdup (experiment != NULL ? tf_experiment_get_text (experiment, TF_FIELD_TITLE) : "");
  self->suggested_name = make_suggested_name (self->title);
  /* Who shares: the department this user gave the last time, never the
   * experiment's own (an imported one names the department it came from). */
  if (TF_IS_APPLICATION (app) && tf_application_get_settings (TF_APPLICATION (app)) != NULL)
    {
      self->settings = g_object_ref (tf_application_get_settings (TF_APPLICATION (app)));
      department = g_settings_get_string (self->settings, "share-department");
      gtk_editable_set_text (GTK_EDITABLE (self->department_row), department);
    }
  /* Translators: %s is an experiment's title. */
  intro = g_strdup_printf (_("“%s” leaves as one file that another department opens with Transfo "
                             "(File ▸ Import an Experiment…, or a double click). It is a copy: "
                             "nothing changes in your archive."),
                           self->title);
  gtk_label_set_text (self->intro_label, intro);
  update_texts (self);
  start_count (self);
  return self;
}
