/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-regional-gui"

#include <glib/gi18n.h>

#include "core/tf-archive.h"
#include "gui/bundles/tf-bundle-gui.h"
#include "gui/bundles/tf-import-dialog.h"
#include "gui/bundles/tf-share-dialog.h"
#include "tf-application.h"
#include "tf-regional-gui.h"
#include "tf-regional-pane.h"
#include "tf-regional-preferences.h"

/* --- The connection --- */

#define RUN_CONNECTION "tf-regional-connection"

char *
tf_regional_gui_dup_connection (GtkApplication *app)
{
  const char *run;
  GSettings *settings;

  if (app == NULL)
    return g_strdup ("");
  run = g_object_get_data (G_OBJECT (app), RUN_CONNECTION);
  if (run != NULL)
    return g_strdup (run);
  settings = TF_IS_APPLICATION (app) ? tf_application_get_settings (TF_APPLICATION (app)) : NULL;
  if (settings != NULL)
    return g_settings_get_string (settings, TF_REGIONAL_GUI_SETTING);
  return g_strdup ("");
}

void
tf_regional_gui_set_connection (GtkApplication *app,
                                const char     *conninfo,
                                gboolean        persist)
{
  GSettings *settings;

  g_return_if_fail (GTK_IS_APPLICATION (app));

  settings = TF_IS_APPLICATION (app) ? tf_application_get_settings (TF_APPLICATION (app)) : NULL;
  if (persist && settings != NULL)
    {
      /* The preferences' choice wins over this run's from now on. */
      g_object_set_data (G_OBJECT (app), RUN_CONNECTION, NULL);
      g_settings_set_string (settings, TF_REGIONAL_GUI_SETTING, conninfo != NULL ? conninfo : "");
    }
  else
    g_object_set_data_full (G_OBJECT (app), RUN_CONNECTION, g_strdup (conninfo != NULL ? conninfo : ""), g_free);
  /* Without settings (an uninstalled schema) nothing else tells them. */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (TF_IS_WINDOW (l->data))
      tf_regional_pane_connection_changed (TF_REGIONAL_PANE (tf_window_get_regional_pane (l->data)));
}

char *
tf_regional_gui_normalize (const char *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (clean[0] != '\0' && strchr (clean, '=') == NULL && strstr (clean, "://") == NULL &&
      strchr (clean, ' ') == NULL)
    return g_strdup_printf ("service=%s", clean);
  return g_steal_pointer (&clean);
}

/* --- Work in a thread --- */

typedef struct {
  char            *conninfo;
  TfRegionalGuiJob job;
  gpointer         data;
  GDestroyNotify   data_free;
  GDestroyNotify   result_free;
  GMutex           lock;
  TfRegional      *regional;   /* while connected, under lock */
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->conninfo);
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_mutex_clear (&job->lock);
  g_free (job);
}

/* Any thread: the statement under way is stopped by the server. */
static void
job_cancelled (GCancellable *cancellable,
               gpointer      data)
{
  Job *job = data;

  g_mutex_lock (&job->lock);
  if (job->regional != NULL)
    tf_regional_cancel (job->regional);
  g_mutex_unlock (&job->lock);
}

static void
job_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  TfRegional *regional;
  gpointer result = NULL;
  gulong handler = 0;

  regional = tf_regional_connect (job->conninfo, &error);
  if (regional != NULL)
    {
      g_mutex_lock (&job->lock);
      job->regional = regional;
      g_mutex_unlock (&job->lock);
      if (cancellable != NULL)
        handler = g_cancellable_connect (cancellable, G_CALLBACK (job_cancelled), job, NULL);
      if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
        result = job->job (regional, job->data, cancellable, &error);
      if (handler != 0)
        g_cancellable_disconnect (cancellable, handler);
      g_mutex_lock (&job->lock);
      job->regional = NULL;
      g_mutex_unlock (&job->lock);
      tf_regional_close (regional);
    }
  if (result == NULL && error == NULL)
    error = g_error_new_literal (TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_FAILED, _("The regional archive failed"));
  if (error != NULL)
    {
      if (result != NULL && job->result_free != NULL)
        job->result_free (result);
      /* A statement the cancel stopped is a cancel, not a timeout. */
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
        }
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, result, job->result_free);
}

void
tf_regional_gui_run (const char          *conninfo,
                     TfRegionalGuiJob     job_func,
                     gpointer             data,
                     GDestroyNotify       data_free,
                     GDestroyNotify       result_free,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  job->conninfo = g_strdup (conninfo);
  job->job = job_func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  g_mutex_init (&job->lock);
  /* No source object: a task run in a thread may be finalized in the
   * worker (see the share dialog). */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_task_data (task, job, job_free);
  /* Cancel answers at once, even while connecting (bounded by
   * TF_REGIONAL_CONNECT_TIMEOUT_S): the thread ends by itself. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, job_in_thread);
}

gpointer
tf_regional_gui_finish (GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
tf_regional_gui_error_heading (const GError *error)
{
  if (error == NULL || error->domain != TF_REGIONAL_ERROR)
    return _("Something Went Wrong");
  switch ((TfRegionalError) error->code)
    {
    case TF_REGIONAL_ERROR_CONNECT: return _("Cannot Reach the Regional Archive");
    case TF_REGIONAL_ERROR_SCHEMA: return _("The Regional Archive Is Not Ready");
    case TF_REGIONAL_ERROR_DENIED: return _("Not Allowed");
    case TF_REGIONAL_ERROR_OLDER: return _("The Region Has a Newer Version");
    case TF_REGIONAL_ERROR_NOT_FOUND: return _("No Longer in the Region");
    case TF_REGIONAL_ERROR_LOST: return _("Connection Lost");
    case TF_REGIONAL_ERROR_TIMEOUT: return _("The Regional Archive Took Too Long");
    case TF_REGIONAL_ERROR_FAILED:
    default: return _("Something Went Wrong");
    }
}

/* --- Fetching --- */

static gpointer
fetch_job (TfRegional   *regional,
           gpointer      data,
           GCancellable *cancellable,
           GError      **error)
{
  gint64 *id = data;
  g_autoptr(GBytes) bytes = tf_regional_fetch (regional, *id, 0, error);

  if (bytes == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* Read and checked as a file would be: nothing is written yet. */
  return tf_bundle_open_bytes (bytes, _("The regional archive’s copy"), error);
}

void
tf_regional_gui_fetch_bundle (const char          *conninfo,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  tf_regional_gui_run (conninfo, fetch_job, g_memdup2 (&id, sizeof id), g_free, (GDestroyNotify) tf_bundle_free,
                       cancellable, callback, user_data);
}

void
tf_regional_gui_show_import (TfWindow *window,
                             TfBundle *bundle)
{
  TfImportDialog *dialog;

  g_return_if_fail (TF_IS_WINDOW (window));

  if (!tf_window_get_editable (window))
    {
      tf_bundle_free (bundle);
      tf_window_add_toast (window, adw_toast_new (_("This archive is read-only: nothing can be fetched into it")));
      return;
    }
  dialog = tf_import_dialog_new (GTK_WINDOW (window), tf_window_get_history (window), bundle, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- Publishing --- */

typedef struct {
  TfWindow      *window;       /* weak */
  char          *conninfo;
  char          *archive_path;
  gint64         experiment_id;
  char          *title;
  GtkCheckButton *region_check;
  GtkCheckButton *departments_check;
  GtkCheckButton *department_check;
  AdwEntryRow   *departments_row;
} Publish;

static void
publish_free (gpointer data)
{
  Publish *publish = data;

  g_clear_weak_pointer (&publish->window);
  g_free (publish->conninfo);
  g_free (publish->archive_path);
  g_free (publish->title);
  g_free (publish);
}

typedef struct {
  char                 *archive_path;
  gint64                experiment_id;
  TfRegionalPublish     options;
  GStrv                 visible_to;
  TfRegionalPublished   published;
} PublishJob;

static void
publish_job_free (gpointer data)
{
  PublishJob *job = data;

  g_free (job->archive_path);
  g_strfreev (job->visible_to);
  g_free (job);
}

static gpointer
publish_in_thread (TfRegional   *regional,
                   gpointer      data,
                   GCancellable *cancellable,
                   GError      **error)
{
  PublishJob *job = data;
  g_autoptr(TfStore) store = NULL;
  TfRegionalPublished *published;

  /* A connection of its own, read-only: the window goes on writing. */
  store = tf_store_open (job->archive_path, TF_STORE_OPEN_READ_ONLY, error);
  if (store == NULL)
    return NULL;
  tf_store_set_cancellable (store, cancellable);
  job->options.visible_to = (const char *const *) job->visible_to;
  if (!tf_regional_publish (regional, store, job->experiment_id, &job->options, &job->published, error))
    return NULL;
  published = g_new (TfRegionalPublished, 1);
  *published = job->published;
  return published;
}

typedef struct {
  TfShareDialog *dialog;
  TfWindow      *window;   /* weak */
  char          *title;
} PublishDone;

static void
publish_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PublishDone *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree TfRegionalPublished *published = tf_regional_gui_finish (result, &error);

  if (published != NULL && done->window != NULL)
    {
      g_autofree char *message = NULL;

      g_debug ("Published: experiment %" G_GINT64_FORMAT " of the region, version %d", published->id,
               published->version);
      message = published->version > 1
                /* Translators: %s is an experiment's title, %d a version number. */
                ? g_strdup_printf (_("“%s” published to the region (version %d)"), done->title, published->version)
                /* Translators: %s is an experiment's title. */
                : g_strdup_printf (_("“%s” published to the region"), done->title);
      tf_window_add_toast (done->window, adw_toast_new (message));
      /* The Region lists it: searched again now if shown, else when shown. */
      tf_regional_pane_connection_changed (TF_REGIONAL_PANE (tf_window_get_regional_pane (done->window)));
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf ("%s. %s.", tf_regional_gui_error_heading (error), error->message);

      g_debug ("Not published: %s", error->message);
      g_free (error->message);
      error->message = g_steal_pointer (&message);
    }
  tf_share_dialog_send_done (done->dialog, error);
  g_object_unref (done->dialog);
  g_clear_weak_pointer (&done->window);
  g_free (done->title);
  g_free (done);
}

static void
publish_send (TfShareDialog *dialog,
              guint          drop,
              GCancellable  *cancellable,
              gpointer       user_data)
{
  Publish *publish = user_data;
  PublishJob *job = g_new0 (PublishJob, 1);
  PublishDone *done = g_new0 (PublishDone, 1);

  job->archive_path = g_strdup (publish->archive_path);
  job->experiment_id = publish->experiment_id;
  job->options.drop = drop;
  if (gtk_check_button_get_active (publish->departments_check))
    {
      g_auto(GStrv) parts = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (publish->departments_row)),
                                            ", ;", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          g_strv_builder_add (builder, parts[i]);
      job->visible_to = g_strv_builder_end (builder);
      job->options.visibility = TF_REGIONAL_VISIBLE_DEPARTMENTS;
    }
  else if (gtk_check_button_get_active (publish->department_check))
    job->options.visibility = TF_REGIONAL_VISIBLE_DEPARTMENT;
  else
    job->options.visibility = TF_REGIONAL_VISIBLE_REGION;
  done->dialog = g_object_ref (dialog);
  g_set_weak_pointer (&done->window, publish->window);
  done->title = g_strdup (publish->title);
  tf_regional_gui_run (publish->conninfo, publish_in_thread, job, publish_job_free, g_free, cancellable,
                       publish_done, done);
}

static GtkCheckButton *
add_choice (AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle,
            GtkCheckButton      *first)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (first != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  return GTK_CHECK_BUTTON (check);
}

static void
needs_connection (TfWindow *window)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _("No Regional Archive Yet"),
                                              _("Set up the regional archive in Preferences: the connection your "
                                                "IT department gives (a PostgreSQL connection string or service "
                                                "name)."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"),
                                    "preferences", _("Open _Preferences"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "preferences",
                                              ADW_RESPONSE_SUGGESTED);
  g_signal_connect_swapped (dialog, "response::preferences", G_CALLBACK (tf_regional_gui_show_preferences), window);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
publish_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  TfWindow *window = user_data;
  TfStore *store = tf_history_get_store (tf_window_get_history (window));
  gint64 id = tf_window_get_experiment_id (window);
  g_autofree char *conninfo = tf_regional_gui_dup_connection (gtk_window_get_application (GTK_WINDOW (window)));
  g_autoptr(TfExperiment) experiment = NULL;
  g_autofree char *intro = NULL;
  AdwPreferencesGroup *group;
  TfShareDialog *dialog;
  Publish *publish;

  if (id == 0)
    return;
  if (conninfo[0] == '\0')
    {
      needs_connection (window);
      return;
    }
  experiment = tf_archive_get_experiment (store, id, NULL);
  publish = g_new0 (Publish, 1);
  g_set_weak_pointer (&publish->window, window);
  publish->conninfo = g_steal_pointer (&conninfo);
  publish->archive_path = g_strdup (tf_store_get_path (store));
  publish->experiment_id = id;
  publish->title = g_strdup (experiment != NULL ? tf_experiment_get_text (experiment, TF_FIELD_TITLE) : "");

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Who Sees It"));
  adw_preferences_group_set_description (group, _("The regional archive itself keeps it from the departments that "
                                                  "may not see it. Only your department can publish it again or "
                                                  "withdraw it."));
  publish->region_check = add_choice (group, _("The _whole region"), _("Every department of the region"), NULL);
  publish->departments_check = add_choice (group, _("_Chosen departments"),
                                           _("Yours and those named below, as the regional archive names them"),
                                           publish->region_check);
  publish->departments_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (publish->departments_row),
                                 _("Departments, separated by commas"));
  g_object_bind_property (publish->departments_check, "active", publish->departments_row, "sensitive",
                          G_BINDING_SYNC_CREATE);
  adw_preferences_group_add (group, GTK_WIDGET (publish->departments_row));
  publish->department_check = add_choice (group, _("_Only my department"), _("No other department sees it"),
                                          publish->region_check);
  gtk_check_button_set_active (publish->region_check, TRUE);

  dialog = tf_share_dialog_new (GTK_WINDOW (window), store, id);
  /* Translators: %s is an experiment's title. */
  intro = g_strdup_printf (_("“%s” goes to the regional archive, where the departments allowed below can find it, "
                             "read it and fetch a copy. Publishing it again later adds a new version; nothing "
                             "changes in your archive."), publish->title);
  tf_share_dialog_set_destination (dialog, _("Publish to the Region"), intro, _("_Publish"),
                                   _("Publishing to the Region…"), GTK_WIDGET (group), publish_send, publish,
                                   publish_free);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  tf_regional_gui_show_preferences (GTK_WINDOW (user_data));
}

void
tf_regional_gui_show_preferences (GtkWindow *parent)
{
  GtkWidget *preferences = tf_regional_preferences_new (parent);

  gtk_window_present (GTK_WINDOW (preferences));
}

void
tf_regional_gui_install (TfWindow *window)
{
  static const GActionEntry entries[] = {
    { "publish", publish_activated, NULL, NULL, NULL, { 0 } },
    { "preferences", preferences_activated, NULL, NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_return_if_fail (TF_IS_WINDOW (window));

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), window);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "regional", G_ACTION_GROUP (group));
}
