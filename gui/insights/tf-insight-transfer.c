/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-insight-transfer"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "core/tf-atomic-file.h"
#include "core/tf-input-file.h"
#include "insights/tf-insight-commands.h"
#include "tf-confirm.h"
#include "gui/insights/tf-insight-transfer.h"

/* Insights in and out of a wall as files. Reading and parsing a file, and
 * writing one, run in a thread; the archive is only touched on the main
 * thread, by one import command (undone whole) or one read. Nothing is
 * written before the preview's Import. */

/* What the preview lists at most. */
#define PREVIEW_ROWS       5
#define PREVIEW_REJECTIONS 200

static GtkWindow *
window_of (TfBoardView *view)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (TfBoardView *view,
            const char  *heading,
            const char  *body)
{
  GtkWidget *dialog = adw_message_dialog_new (window_of (view), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
caption (const char *text,
         gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, heading ? "heading" : "caption");
  return label;
}

/* One line per row: the quote, and who said it. */
static GtkWidget *
row_line (const TfInsightRow *row)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (row->source != TF_SOURCE_UNKNOWN)
    /* Translators: a quote in the import preview, and its source category. */
    text = g_strdup_printf (_("“%s” — %s"), row->quote, tf_source_get_label (row->source));
  else
    text = g_strdup_printf (_("“%s”"), row->quote);

  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 56);
  gtk_label_set_width_chars (GTK_LABEL (label), 40);
  return label;
}

static GtkWidget *
preview_child (TfInsightCsv *csv)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  guint n = csv->rows->len, r = csv->rejections->len;

  if (n > 0)
    {
      gtk_box_append (GTK_BOX (box), caption (n > PREVIEW_ROWS ? _("The first insights") : _("The insights"), TRUE));
      for (guint i = 0; i < MIN (n, PREVIEW_ROWS); i++)
        gtk_box_append (GTK_BOX (box), row_line (g_ptr_array_index (csv->rows, i)));
    }

  for (guint i = 0; i < csv->warnings->len; i++)
    gtk_box_append (GTK_BOX (box), caption (g_ptr_array_index (csv->warnings, i), FALSE));

  if (r > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u line is left out",
                                                             "%u lines are left out", r),
                                                r);
      GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      for (guint i = 0; i < MIN (r, PREVIEW_REJECTIONS); i++)
        {
          const TfInsightRejection *rejection = g_ptr_array_index (csv->rejections, i);
          /* Translators: a line of the file that is not imported, and why. */
          g_autofree char *text = g_strdup_printf (_("Line %u: %s"), rejection->line, rejection->reason);

          gtk_box_append (GTK_BOX (list), caption (text, FALSE));
        }
      if (r > PREVIEW_REJECTIONS)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more line",
                                                                "and %u more lines",
                                                                r - PREVIEW_REJECTIONS),
                                                   r - PREVIEW_REJECTIONS);

          gtk_box_append (GTK_BOX (list), caption (more, FALSE));
        }
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
      gtk_box_append (GTK_BOX (box), caption (title, TRUE));
      gtk_box_append (GTK_BOX (box), scrolled);
    }
  return box;
}

static void
preview_response (AdwMessageDialog *dialog,
                  const char       *response,
                  TfBoardView      *view)
{
  TfInsightCsv *csv = g_object_get_data (G_OBJECT (dialog), "csv");
  g_autoptr(TfCommand) command = NULL;
  g_autofree char *title = NULL;
  guint n;

  if (g_strcmp0 (response, "import") != 0 || csv == NULL ||
      tf_board_view_get_board_id (view) == 0)
    return;

  n = csv->rows->len;
  command = tf_command_import_insights (tf_board_view_get_board_id (view), csv->rows);
  if (!tf_board_view_execute (view, command))
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u insight imported",
                                        "%u insights imported", n),
                           n);
  gtk_widget_activate_action (GTK_WIDGET (view), "canvas.zoom-fit", NULL);
  {
    GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_TOAST_OVERLAY);

    if (overlay != NULL)
      {
        AdwToast *toast = adw_toast_new (title);

        adw_toast_set_button_label (toast, _("_Undo"));
        adw_toast_set_action_name (toast, "win.undo");
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      }
  }
}

GtkWidget *
tf_insight_import_preview_new (TfBoardView  *view,
                               const char   *file_name,
                               TfInsightCsv *csv)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  guint n;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), NULL);
  g_return_val_if_fail (csv != NULL, NULL);

  n = csv->rows->len;
  if (n > 0)
    {
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u Insight?",
                                              "Import %u Insights?", n),
                                 n);
      /* Translators: %s is a file name. */
      body = g_strdup_printf (_("They come from “%s” and go on this wall, each on a post-it. "
                                "Nothing is written until you import; one undo takes it all back."),
                              file_name);
    }
  else
    {
      heading = g_strdup (_("Nothing to Import"));
      /* Translators: %s is a file name. */
      body = g_strdup_printf (_("No line of “%s” holds an insight that can be imported."), file_name);
    }

  dialog = adw_message_dialog_new (window_of (view), heading, body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), preview_child (csv));
  if (n > 0)
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "import", _("_Import"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    }
  else
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
    }

  g_object_set_data_full (G_OBJECT (dialog), "csv", csv, (GDestroyNotify) tf_insight_csv_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (preview_response), view, 0);
  return dialog;
}

/* The files are read and written in threads for a view that is not the
 * tasks' source object: a task run in a thread is finalized by whichever of
 * the worker and the main thread lets it go last, and with it its source
 * object; the view's last reference, its window closed meanwhile, would go
 * in the worker thread and tear the widgets down there while the main
 * thread drew them. The callback's data holds the view instead, let go in
 * the main thread; a view gone from its window (unrealized) has nothing
 * more shown for it. */

static gboolean
view_closed (TfBoardView *view)
{
  return gtk_widget_in_destruction (GTK_WIDGET (view)) || !gtk_widget_get_realized (GTK_WIDGET (view));
}

/* Import: load and parse in a thread, preview. */

typedef struct {
  TfBoardView  *view;
  GCancellable *cancellable;      /* cancelled when the view leaves its window */
  gulong        unrealize_handler;
} Import;

static void
import_free (Import *import)
{
  g_signal_handler_disconnect (import->view, import->unrealize_handler);
  g_object_unref (import->view);
  g_object_unref (import->cancellable);
  g_free (import);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Import, import_free)

static void
parse_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  TfInsightCsv *csv = NULL;

  /* Bounded, and only a regular file: a device or a pipe is refused at once. */
  bytes = tf_input_file_load (task_data, TF_INSIGHT_CSV_MAX_SIZE, cancellable, &error);
  if (bytes != NULL)
    csv = tf_insight_csv_parse (bytes, &error);
  if (csv != NULL)
    g_task_return_pointer (task, csv, (GDestroyNotify) tf_insight_csv_free);
  else
    g_task_return_error (task, error);
}

static void
parsed (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  /* Let go here, in the main thread. */
  g_autoptr(Import) import = user_data;
  TfBoardView *view = import->view;
  g_autoptr(GFile) file = g_object_ref (g_task_get_task_data (G_TASK (result)));
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  TfInsightCsv *csv = g_task_propagate_pointer (G_TASK (result), &error);

  /* Closed meanwhile: nobody to show the file to. */
  if (view_closed (view) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&csv, tf_insight_csv_free);
      return;
    }
  if (csv != NULL)
    {
      gtk_window_present (GTK_WINDOW (tf_insight_import_preview_new (view, name, csv)));
      return;
    }

  if (tf_input_file_is_too_big (error) ||
      g_error_matches (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_TOO_BIG))
    body = g_strdup_printf (_("“%s” is too big for an insight wall: "
                              "split it into files of less than 64 MB."), name);
  else if (error->domain == TF_INSIGHT_CSV_ERROR)
    body = g_strdup_printf (_("“%s” cannot be imported: %s"), name, error->message);
  else
    body = g_strdup_printf (_("“%s” cannot be read: %s"), name, error->message);
  show_error (view, _("Cannot Import the File"), body);
}

void
tf_insight_import_file (TfBoardView *view,
                        GFile       *file)
{
  g_autoptr(GTask) task = NULL;
  Import *import;

  g_return_if_fail (TF_IS_BOARD_VIEW (view));
  g_return_if_fail (G_IS_FILE (file));

  import = g_new0 (Import, 1);
  import->view = g_object_ref (view);
  import->cancellable = g_cancellable_new ();
  import->unrealize_handler = g_signal_connect_swapped (view, "unrealize", G_CALLBACK (g_cancellable_cancel),
                                                        import->cancellable);
  task = g_task_new (NULL, import->cancellable, parsed, import);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, parse_in_thread);
}

static void
import_chosen (GtkNativeDialog *chooser,
               int              response,
               TfBoardView     *view)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL)
    tf_insight_import_file (view, file);
  g_object_unref (view);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char    **mime_types,
            const char    **patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
tf_insight_import_run (TfBoardView *view)
{
  static const char *table_types[] = { "text/csv", "text/tab-separated-values", NULL };
  static const char *table_patterns[] = { "*.csv", "*.tsv", "*.CSV", "*.TSV", NULL };
  static const char *text_types[] = { "text/plain", NULL };
  static const char *all_patterns[] = { "*", NULL };
  GtkFileChooserNative *chooser;

  g_return_if_fail (TF_IS_BOARD_VIEW (view));

  chooser = gtk_file_chooser_native_new (_("Import Insights"), window_of (view),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (chooser), _("Spreadsheets (CSV, TSV)"), table_types, table_patterns);
  add_filter (GTK_FILE_CHOOSER (chooser), _("Text, one insight per line"), text_types, NULL);
  add_filter (GTK_FILE_CHOOSER (chooser), _("All files"), NULL, all_patterns);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chosen), g_object_ref (view));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Export: read the wall, then write the file in a thread. */

typedef struct {
  char   *path;
  GBytes *bytes;
  guint   n_rows;
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_free (export->path);
  g_bytes_unref (export->bytes);
  g_free (export);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Export *export = task_data;
  GError *error = NULL;
  gsize size = 0;
  const void *data = g_bytes_get_data (export->bytes, &size);

  /* The same atomic writer as the command line: the file is whole or untouched. */
  if (tf_atomic_file_write (export->path, data, size, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
written (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  /* The reference start_writing() took, let go here in the main thread. */
  g_autoptr(TfBoardView) view = user_data;
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (export->path);
  g_autofree char *title = NULL;
  gboolean done = g_task_propagate_boolean (G_TASK (result), &error);
  GtkWidget *overlay;

  /* The file is written or not whatever becomes of the window; closed
   * meanwhile, nobody to tell. */
  if (view_closed (view))
    return;
  if (!done)
    {
      g_autofree char *body = g_strdup_printf (_("“%s” could not be written: %s"), name, error->message);

      show_error (view, _("Cannot Export the Insights"), body);
      return;
    }

  /* Translators: %u insights were written to the file %s. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u insight exported to “%s”",
                                        "%u insights exported to “%s”", export->n_rows),
                           export->n_rows, name);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (view), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static void
start_writing (TfBoardView *view,
               Export      *export)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, written, g_object_ref (view));

  g_task_set_task_data (task, export, export_free);
  g_task_run_in_thread (task, write_in_thread);
}

static void
replace_database_response (AdwMessageDialog *dialog,
                           const char       *response,
                           TfBoardView      *view)
{
  Export *export = g_object_steal_data (G_OBJECT (dialog), "export");

  if (g_str_equal (response, "replace"))
    start_writing (view, export);
  else
    export_free (export);
}

static void
export_chosen (GtkNativeDialog *chooser,
               int              response,
               TfBoardView     *view)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfBoardView) owned = view;
  TfStore *store;
  Export *export;
  char *path;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || tf_board_view_get_history (view) == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (view, _("Cannot Export the Insights"),
                  _("Choose a folder on this computer: the file cannot be written there."));
      return;
    }

  /* What is on the wall, as the command line exports it by default. */
  store = tf_history_get_store (tf_board_view_get_history (view));
  if (!tf_insight_collect (store, tf_board_view_get_board_id (view), FALSE, &rows, &error))
    {
      show_error (view, _("Cannot Export the Insights"), error->message);
      g_free (path);
      return;
    }

  export = g_new0 (Export, 1);
  export->path = path;
  export->bytes = tf_insight_csv_write (rows);
  export->n_rows = rows->len;

  /* Never over the archive; over another database only once confirmed. */
  if (!tf_atomic_file_check_target (path, tf_store_get_path (store), FALSE, &error))
    {
      GtkWidget *dialog;

      if (!g_error_matches (error, TF_ATOMIC_FILE_ERROR, TF_ATOMIC_FILE_ERROR_DATABASE))
        {
          show_error (view, _("Cannot Export the Insights"), error->message);
          export_free (export);
          return;
        }
      dialog = tf_confirm_replace_database_new (window_of (view), path);
      g_object_set_data_full (G_OBJECT (dialog), "export", export, export_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (replace_database_response), view, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  start_writing (view, export);
}

void
tf_insight_export_run (TfBoardView *view,
                       const char  *board_name)
{
  static const char *table_types[] = { "text/csv", NULL };
  static const char *table_patterns[] = { "*.csv", NULL };
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  g_return_if_fail (TF_IS_BOARD_VIEW (view));

  chooser = gtk_file_chooser_native_new (_("Export Insights"), window_of (view),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (chooser), _("Spreadsheets (CSV)"), table_types, table_patterns);
  name = g_strdup_printf ("%s.csv", board_name != NULL && *board_name != '\0' ? board_name : _("Insights"));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chosen), g_object_ref (view));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
