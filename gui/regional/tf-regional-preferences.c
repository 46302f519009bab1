/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-regional-preferences"

#include <glib/gi18n.h>

#include "tf-regional-gui.h"
#include "tf-regional-preferences.h"

/* An AdwPreferencesWindow with the widgets kept on it. */
typedef struct {
  GtkApplication *app;      /* weak */
  AdwEntryRow    *entry;
  GtkButton      *test;
  GtkSpinner     *spinner;
  GtkLabel       *status;
  GCancellable   *cancellable;
} Preferences;

#define PREFERENCES "tf-regional-preferences"

static Preferences *
get (GtkWidget *window)
{
  return g_object_get_data (G_OBJECT (window), PREFERENCES);
}

static void
preferences_free (gpointer data)
{
  Preferences *self = data;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->app);
  g_free (self);
}

static void
apply (AdwEntryRow *entry,
       Preferences *self)
{
  g_autofree char *conninfo = tf_regional_gui_normalize (gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (self->app != NULL)
    tf_regional_gui_set_connection (self->app, conninfo, TRUE);
}

static void
set_status (Preferences *self,
            const char  *text,
            gboolean     error)
{
  gtk_label_set_text (self->status, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status), text != NULL && text[0] != '\0');
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
}

typedef struct {
  char *role;
  int   version;
} Tested;

static void
tested_free (gpointer data)
{
  Tested *tested = data;

  g_free (tested->role);
  g_free (tested);
}

static gpointer
test_job (TfRegional   *regional,
          gpointer      data,
          GCancellable *cancellable,
          GError      **error)
{
  Tested *tested = g_new0 (Tested, 1);

  tested->role = g_strdup (tf_regional_get_role (regional));
  tested->version = tf_regional_schema_version (regional, error);
  if (tested->version < 0)
    {
      tested_free (tested);
      return NULL;
    }
  return tested;
}

static void
test_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GtkWidget *window = user_data;   /* a reference */
  Preferences *self = get (window);
  g_autoptr(GError) error = NULL;
  Tested *tested = tf_regional_gui_finish (result, &error);
  g_autofree char *text = NULL;

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&tested, tested_free);
      g_object_unref (window);
      return;
    }
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test), TRUE);
  if (tested == NULL)
    {
      text = g_strdup_printf ("%s. %s.", tf_regional_gui_error_heading (error), error->message);
      set_status (self, text, TRUE);
    }
  else if (tested->version == 0)
    {
      /* Translators: %s is a department (a PostgreSQL role). */
      text = g_strdup_printf (_("Connected as the department “%s”, but this database holds no regional archive yet: "
                                "the administrator sets it up with “transfo regional init”."), tested->role);
      set_status (self, text, TRUE);
    }
  else if (tested->version != TF_REGIONAL_SCHEMA_VERSION)
    {
      /* Translators: %s is a department, the %d versions of the regional archive. */
      text = g_strdup_printf (_("Connected as the department “%s”, but the regional archive is at version %d and "
                                "this Transfo reads version %d: the administrator updates one or the other."),
                              tested->role, tested->version, TF_REGIONAL_SCHEMA_VERSION);
      set_status (self, text, TRUE);
    }
  else
    {
      /* Translators: %s is a department (a PostgreSQL role). */
      text = g_strdup_printf (_("Connected as the department “%s”. The regional archive is ready."), tested->role);
      set_status (self, text, FALSE);
    }
  g_debug ("Tested: %s", text);
  g_clear_pointer (&tested, tested_free);
  g_object_unref (window);
}

static void
test_clicked (GtkButton *button,
              GtkWidget *window)
{
  Preferences *self = get (window);
  g_autofree char *conninfo = tf_regional_gui_normalize (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  if (self->cancellable != NULL)
    return;
  if (conninfo[0] == '\0')
    {
      set_status (self, _("Type the connection first."), TRUE);
      return;
    }
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->test), FALSE);
  gtk_spinner_start (self->spinner);
  set_status (self, _("Connecting…"), FALSE);
  tf_regional_gui_run (conninfo, test_job, NULL, NULL, tested_free, self->cancellable, test_done,
                       g_object_ref (window));
}

GtkWidget *
tf_regional_preferences_new (GtkWindow *parent)
{
  GtkApplication *app = parent != NULL ? gtk_window_get_application (parent) : NULL;
  g_autofree char *conninfo = tf_regional_gui_dup_connection (app);
  Preferences *self = g_new0 (Preferences, 1);
  GtkWidget *window, *page, *group, *row, *box;

  window = adw_preferences_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (window), FALSE);
  g_set_weak_pointer (&self->app, app);
  g_object_set_data_full (G_OBJECT (window), PREFERENCES, self, preferences_free);

  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Regional Archive"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "network-server-symbolic");
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Regional Archive"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("One PostgreSQL database where the departments of the region publish their experiments and find each "
      "other’s. Your IT department gives the connection: a connection string (host=… dbname=… user=…) or a "
      "service name. Leave it empty to work on this computer alone. Keep passwords in the service or password "
      "file, not here."));

  row = adw_entry_row_new ();
  self->entry = ADW_ENTRY_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Connection"));
  adw_entry_row_set_show_apply_button (self->entry, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), conninfo);
  g_signal_connect (row, "apply", G_CALLBACK (apply), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Test the connection"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Connects, says as which department, and disconnects."));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->spinner));
  self->test = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Test")));
  gtk_widget_set_valign (GTK_WIDGET (self->test), GTK_ALIGN_CENTER);
  g_signal_connect (self->test, "clicked", G_CALLBACK (test_clicked), window);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->test));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->test));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_top (box, 12);
  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_wrap_mode (self->status, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_selectable (self->status, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  return window;
}

AdwEntryRow *
tf_regional_preferences_get_entry (GtkWidget *preferences)
{
  return get (preferences)->entry;
}

GtkButton *
tf_regional_preferences_get_test (GtkWidget *preferences)
{
  return get (preferences)->test;
}

const char *
tf_regional_preferences_get_status (GtkWidget *preferences)
{
  return gtk_label_get_text (get (preferences)->status);
}

gboolean
tf_regional_preferences_get_busy (GtkWidget *preferences)
{
  return get (preferences)->cancellable != NULL;
}
