/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-application"

#include <errno.h>
#include <signal.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "bundles/tf-bundle-gui.h"
#include "core/tf-demo.h"
#include "regional/tf-regional-gui.h"
#include "cli/tf-cli.h"
#include "stamps/tf-stamp-library.h"
#include "wings/tf-wings.h"
#include "tf-a11y.h"
#include "tf-application.h"
#include "tf-gui-wings.h"
#include "tf-bench-tour.h"
#include "tf-render-choice.h"
#include "tf-window.h"

/* The key under which a launch sends its archive path to the running instance. */
#define PLATFORM_DATA_ARCHIVE "transfo-archive"

/* Seconds without an edit after which the write-ahead log is folded into
 * the archive file, so that the .sqlite alone is the whole archive. */
#define CHECKPOINT_DELAY_SECONDS 2

struct _TfApplication
{
  AdwApplication  parent_instance;

  char           *archive_path;
  TfStore        *store;
  TfHistory      *history;
  GSettings      *settings;
  guint           checkpoint_source;
  guint           signal_sources[3];
};

G_DEFINE_FINAL_TYPE (TfApplication, tf_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_ARCHIVE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tf_application_show_message (TfApplication *self,
                             const char    *heading,
                             const char    *body)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Explains in the user's words why the archive cannot be opened. The dialog
 * is the only window, so closing it quits. */
static void
tf_application_show_open_error (TfApplication *self,
                                const GError  *error)
{
  g_autofree char *name = g_filename_display_name (self->archive_path);
  g_autofree char *body = NULL;
  const char *heading;

  if (g_error_matches (error, TF_STORE_ERROR, TF_STORE_ERROR_LOCKED))
    {
      heading = _("Archive Already Open");
      body = g_strdup_printf (_("The archive “%s” is already open in another Transfo window. "
                                "Use that window, or close it and start Transfo again."),
                              name);
    }
  else if (g_error_matches (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE))
    {
      heading = _("Not a Transfo Archive");
      /* Translators: the first %s is a file name, the second says what is wrong with it. */
      body = g_strdup_printf (_("The file “%s” is not a Transfo archive. "
                                "Transfo has not changed it.\n\n%s"),
                              name, error->message);
    }
  else if (g_error_matches (error, TF_STORE_ERROR, TF_STORE_ERROR_BUSY))
    {
      heading = _("Archive Busy");
      body = g_strdup_printf (_("Another Transfo command is writing to the archive “%s” right now. "
                                "Try again in a moment; nothing is wrong with it."),
                              name);
    }
  else if (g_error_matches (error, TF_STORE_ERROR, TF_STORE_ERROR_TOO_NEW))
    {
      heading = _("Archive From a Newer Version");
      body = g_strdup_printf (_("The archive “%s” was written by a newer version of Transfo. "
                                "Update Transfo to open it; the archive has not been changed."),
                              name);
    }
  else if (g_error_matches (error, TF_STORE_ERROR, TF_STORE_ERROR_CORRUPT))
    {
      heading = _("Damaged Archive");
      body = g_strdup_printf (_("The archive “%s” is damaged and cannot be opened safely. "
                                "Restore it from a backup; Transfo has not changed it."),
                              name);
    }
  else
    {
      heading = _("Cannot Open the Archive");
      /* Translators: the first %s is a file name, the second the reason given by the system. */
      body = g_strdup_printf (_("The archive “%s” cannot be opened: %s"), name, error->message);
    }

  tf_application_show_message (self, heading, body);
}

static gboolean
tf_application_checkpoint_timeout (gpointer user_data)
{
  TfApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  self->checkpoint_source = 0;
  if (self->store != NULL && !tf_store_checkpoint (self->store, &error))
    g_debug ("Cannot checkpoint the archive: %s", error->message);

  return G_SOURCE_REMOVE;
}

/* Every committed edit postpones the checkpoint: it runs once the person
 * pauses, never in the middle of typing. */
static void
tf_application_store_changed (TfApplication *self)
{
  g_clear_handle_id (&self->checkpoint_source, g_source_remove);
  self->checkpoint_source = g_timeout_add_seconds (CHECKPOINT_DELAY_SECONDS,
                                                   tf_application_checkpoint_timeout, self);
}

/* The last step of a session: every statement finalized, the log folded
 * into the archive and removed, the lock released. */
static void
tf_application_close_store (TfApplication *self)
{
  g_clear_handle_id (&self->checkpoint_source, g_source_remove);
  if (self->store == NULL)
    return;

  tf_stamp_library_set_store (tf_stamp_library_get_default (), NULL, NULL);
  g_signal_handlers_disconnect_by_data (self->store, self);
  tf_store_close (self->store);
}

static gboolean
tf_application_open_store (TfApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (self->archive_path);

  /* The default archive lives in a data folder that may not exist yet. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_debug ("Cannot create %s: %s", dir, g_strerror (errno));

  /* A CD, a write-protected stick or a folder without write permission: the
   * archive opens read-only and the window says so. The wings, and their
   * GUI parts, are registered first. */
  tf_gui_wings_init ();
  self->store = tf_store_open (self->archive_path,
                               /* A new archive opens on the booklet's demo. */
                               TF_STORE_OPEN_CREATE | TF_STORE_OPEN_DEMO | TF_STORE_OPEN_ALLOW_READ_ONLY |
                               TF_STORE_OPEN_DEFER_CHECK, &error);
  if (self->store == NULL)
    {
      tf_application_show_open_error (self, error);
      return FALSE;
    }

  self->history = tf_history_new (self->store);
  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (tf_application_store_changed), self, G_CONNECT_SWAPPED);

  /* The palette and the boards show the archive's own stamps too. */
  if (!tf_stamp_library_set_store (tf_stamp_library_get_default (), self->store, &error))
    g_debug ("Cannot read the archive's stamps: %s", error->message);
  return TRUE;
}

static GSettings *
tf_application_load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_message ("The settings schema %s is not installed: the window will not remember "
                 "its size. Set GSETTINGS_SCHEMA_DIR to the build's data folder.", APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
tf_application_quit (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TfApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing lets each window save its state and commit a field being edited. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  /* Still starting, with no window yet: nothing to save. */
  if (windows == NULL)
    g_application_quit (G_APPLICATION (self));

  g_list_free (windows);
}

static gboolean
tf_application_quit_on_signal (gpointer user_data)
{
  TfApplication *self = user_data;

  g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static void
tf_application_about (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TfApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("Transfo developers"), NULL };

  adw_show_about_window (parent,
                         "application-name", _("Transfo"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Transfo developers"),
                         "developers", developers,
                         "comments", _("The archive of a public innovation cell: experiments, "
                                       "insight walls, actor maps, blueprints and mockups."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your names here, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* The shortcuts window fits the window it is opened from: in a window of
 * 1000 × 700 or more, sections of up to COLUMN_ROWS rows a column and
 * descriptions wrapping past TITLE_CHARS characters; in a smaller one (800 ×
 * 600), shorter columns and narrower descriptions, the groups going over
 * more pages (GtkShortcutsSection puts two columns on a page, never
 * splitting a group). GTK wraps no description itself. */
#define ROOMY_WIDTH          1000
#define ROOMY_HEIGHT         700
#define COLUMN_ROWS          16
#define TITLE_CHARS          40
#define COMPACT_COLUMN_ROWS  8
#define COMPACT_TITLE_CHARS  18

static void
fit_shortcuts (GtkWidget *widget,
               gboolean   in_shortcut,
               guint      rows,
               int        chars)
{
  if (GTK_IS_SHORTCUTS_SECTION (widget))
    g_object_set (widget, "max-height", rows, NULL);
  /* The keys' caps stay whole. */
  if (GTK_IS_SHORTCUT_LABEL (widget))
    return;
  if (in_shortcut && GTK_IS_LABEL (widget))
    {
      gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD_CHAR);
      /* As wide as the others, measured or not: GTK 4.8 lays some wrapped
       * labels of a size group out wider than they were given. */
      gtk_label_set_width_chars (GTK_LABEL (widget), chars);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (widget), GTK_NATURAL_WRAP_WORD);
      gtk_label_set_max_width_chars (GTK_LABEL (widget), chars);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fit_shortcuts (child, in_shortcut || GTK_IS_SHORTCUTS_SHORTCUT (widget), rows, chars);
}

static void
tf_application_shortcuts (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  TfApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  GtkShortcutsWindow *overlay;

  /* GtkApplicationWindow loads gtk/help-overlay.ui from our resources; it
   * opens on the section of the board kind shown (or the general one). */
  if (window == NULL)
    return;
  overlay = GTK_IS_APPLICATION_WINDOW (window)
            ? gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) : NULL;
  if (overlay != NULL)
    {
      gboolean roomy = gtk_widget_get_width (GTK_WIDGET (window)) >= ROOMY_WIDTH &&
                       gtk_widget_get_height (GTK_WIDGET (window)) >= ROOMY_HEIGHT;

      fit_shortcuts (GTK_WIDGET (overlay), FALSE, roomy ? COLUMN_ROWS : COMPACT_COLUMN_ROWS,
                     roomy ? TITLE_CHARS : COMPACT_TITLE_CHARS);
    }
  if (overlay != NULL && TF_IS_WINDOW (window))
    g_object_set (overlay, "section-name", tf_window_get_shortcuts_section (TF_WINDOW (window)), NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", tf_application_quit, NULL, NULL, NULL, { 0 } },
  { "about", tf_application_about, NULL, NULL, NULL, { 0 } },
  { "shortcuts", tf_application_shortcuts, NULL, NULL, NULL, { 0 } },
};

static void
tf_application_startup (GApplication *application)
{
  TfApplication *self = TF_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *no_accels[] = { NULL };

  G_APPLICATION_CLASS (tf_application_parent_class)->startup (application);

  /* Before the first window: on a software OpenGL, Cairo draws them. */
  tf_render_choice_apply (gdk_display_get_default ());
  /* Every control of every window named for screen readers. */
  tf_a11y_install ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         shortcuts_accels);
  /* app.shortcuts owns Ctrl+?; the built-in action keeps no second binding. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         no_accels);

  self->settings = tf_application_load_settings ();
  /* `--regional CONNINFO` (or $TRANSFO_REGIONAL) is this run's regional
   * archive, over the preference, which it does not change. */
  if (tf_regional_get_command_line_conninfo () != NULL)
    tf_regional_gui_set_connection (GTK_APPLICATION (self), tf_regional_get_command_line_conninfo (), FALSE);

  /* A logout, a closed terminal or Ctrl+C quit as Ctrl+Q does: the note
   * being written is kept and the archive is closed. */
  self->signal_sources[0] = g_unix_signal_add (SIGTERM, tf_application_quit_on_signal, self);
  self->signal_sources[1] = g_unix_signal_add (SIGHUP, tf_application_quit_on_signal, self);
  self->signal_sources[2] = g_unix_signal_add (SIGINT, tf_application_quit_on_signal, self);
}

static void
tf_application_activate (GApplication *application)
{
  TfApplication *self = TF_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      if (self->store == NULL && !tf_application_open_store (self))
        return;

      window = GTK_WINDOW (tf_window_new (self));
      /* transfo-bench --window: a scripted, measured tour. */
      tf_bench_tour_start (window);
    }

  gtk_window_present (window);
}

static void
tf_application_shutdown (GApplication *application)
{
  TfApplication *self = TF_APPLICATION (application);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_sources); i++)
    g_clear_handle_id (&self->signal_sources[i], g_source_remove);

  /* The windows are closed and the exports they ran have ended (each held
   * the application until then): the archive becomes one file again. */
  tf_application_close_store (self);

  /* The windows saved their state as they closed; write it before exiting. */
  g_settings_sync ();

  G_APPLICATION_CLASS (tf_application_parent_class)->shutdown (application);
}

static gboolean
tf_application_same_archive (const char *a,
                             const char *b)
{
  g_autoptr(GFile) file_a = g_file_new_for_path (a);
  g_autoptr(GFile) file_b = g_file_new_for_path (b);

  return g_file_equal (file_a, file_b);
}

/* Runs in the first instance, for its own launch and for every later one. */
static int
tf_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  TfApplication *self = TF_APPLICATION (application);
  g_autoptr(GVariant) platform_data = g_application_command_line_get_platform_data (command_line);
  const char *requested = NULL;

  if (platform_data != NULL)
    g_variant_lookup (platform_data, PLATFORM_DATA_ARCHIVE, "^&ay", &requested);

  if (requested != NULL && self->store != NULL &&
      !tf_application_same_archive (requested, self->archive_path))
    {
      g_autofree char *open_name = g_filename_display_name (self->archive_path);
      g_autofree char *requested_name = g_filename_display_name (requested);
      g_autofree char *body = NULL;

      /* Translators: both %s are archive file names. */
      body = g_strdup_printf (_("Transfo is already open with the archive “%s”. "
                                "Close it first to open “%s”."),
                              open_name, requested_name);
      tf_application_show_message (self, _("Another Archive Is Open"), body);
      return EXIT_SUCCESS;
    }

  g_application_activate (application);

  /* `transfo FILE.transfo` (a double click in the file manager): each
   * bundle's import preview over the window, nothing written before the
   * person chooses. */
  {
    g_auto(GStrv) argv = g_application_command_line_get_arguments (command_line, NULL);
    GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

    for (guint i = 1; argv != NULL && argv[i] != NULL && TF_IS_WINDOW (window); i++)
      if (tf_cli_is_bundle_argument (argv[i]))
        {
          g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, argv[i]);

          tf_bundle_gui_open (TF_WINDOW (window), file);
        }
  }
  return EXIT_SUCCESS;
}

static void
tf_application_add_platform_data (GApplication    *application,
                                  GVariantBuilder *builder)
{
  TfApplication *self = TF_APPLICATION (application);

  G_APPLICATION_CLASS (tf_application_parent_class)->add_platform_data (application, builder);

  if (self->archive_path != NULL)
    g_variant_builder_add (builder, "{sv}", PLATFORM_DATA_ARCHIVE,
                           g_variant_new_bytestring (self->archive_path));
}

static void
tf_application_dispose (GObject *object)
{
  TfApplication *self = TF_APPLICATION (object);

  g_clear_object (&self->history);
  tf_application_close_store (self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tf_application_parent_class)->dispose (object);
}

static void
tf_application_finalize (GObject *object)
{
  TfApplication *self = TF_APPLICATION (object);

  g_free (self->archive_path);

  G_OBJECT_CLASS (tf_application_parent_class)->finalize (object);
}

static void
tf_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TfApplication *self = TF_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_ARCHIVE_PATH:
      g_value_set_string (value, self->archive_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TfApplication *self = TF_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_ARCHIVE_PATH:
      /* Absolute, so that another launch from another folder compares equal. */
      g_free (self->archive_path);
      self->archive_path = g_canonicalize_filename (g_value_get_string (value), NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_application_class_init (TfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tf_application_dispose;
  object_class->finalize = tf_application_finalize;
  object_class->get_property = tf_application_get_property;
  object_class->set_property = tf_application_set_property;

  app_class->startup = tf_application_startup;
  app_class->activate = tf_application_activate;
  app_class->shutdown = tf_application_shutdown;
  app_class->command_line = tf_application_command_line;
  app_class->add_platform_data = tf_application_add_platform_data;

  properties[PROP_ARCHIVE_PATH] =
    g_param_spec_string ("archive-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tf_application_init (TfApplication *self)
{
}

TfApplication *
tf_application_new (const char *archive_path)
{
  g_return_val_if_fail (archive_path != NULL, NULL);

  return g_object_new (TF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "archive-path", archive_path,
                       NULL);
}

const char *
tf_application_get_archive_path (TfApplication *self)
{
  g_return_val_if_fail (TF_IS_APPLICATION (self), NULL);

  return self->archive_path;
}

TfStore *
tf_application_get_store (TfApplication *self)
{
  g_return_val_if_fail (TF_IS_APPLICATION (self), NULL);

  return self->store;
}

TfHistory *
tf_application_get_history (TfApplication *self)
{
  g_return_val_if_fail (TF_IS_APPLICATION (self), NULL);

  return self->history;
}

GSettings *
tf_application_get_settings (TfApplication *self)
{
  g_return_val_if_fail (TF_IS_APPLICATION (self), NULL);

  return self->settings;
}
