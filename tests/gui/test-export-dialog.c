/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-export-dialog"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <poppler.h>

#include "canvas/tf-item-kinds.h"
#include "core/tf-archive.h"
#include "tf-application.h"
#include "tf-board-page.h"
#include "tf-experiment-view.h"
#include "tf-export-dialog-private.h"
#include "tf-window.h"

/* The export dialog in the real window: opened through its actions, its
 * preview waited for, an export written through the path the Export button
 * takes once the file chooser has answered, and read back with Poppler. */

#define TIMEOUT_MS 20000

typedef struct {
  char          *archive_path;
  char          *folder;
  TfApplication *app;
  TfWindow      *window;
  gint64         demo_id;
  gint64         board_id;
} Fixture;

static gboolean
fatal_log_handler (const char     *log_domain,
                   GLogLevelFlags  log_level,
                   const char     *message,
                   gpointer        user_data)
{
  return message == NULL || strstr (message, "Unable to acquire session bus") == NULL;
}

static gboolean
timed_out (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
settle (void)
{
  for (int i = 0; i < 100 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

typedef gboolean (*Condition) (TfExportDialog *dialog);

static void
wait_for (TfExportDialog *dialog,
          Condition       condition,
          const char     *what)
{
  gboolean expired = FALSE;
  guint timeout = g_timeout_add (TIMEOUT_MS, timed_out, &expired);

  while (!condition (dialog) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (timeout);
}

static gboolean
preview_has_one_page (TfExportDialog *dialog)
{
  return tf_export_dialog_get_preview_pages (dialog) == 1;
}

static gboolean
preview_has_pages (TfExportDialog *dialog)
{
  return tf_export_dialog_get_preview_pages (dialog) > 0;
}

static gboolean
export_done (TfExportDialog *dialog)
{
  return !tf_export_dialog_get_exporting (dialog);
}

static void
remove_archive (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_widget (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The dialog an action just opened, with a reference of the test's own. */
static TfExportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (TF_IS_EXPORT_DIALOG (window))
        return g_object_ref (TF_EXPORT_DIALOG (window));
    }
  return NULL;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static guint
count_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *archive = g_getenv ("TRANSFO_ARCHIVE");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GListStore) boards = NULL;

  g_assert_nonnull (archive);
  fixture->archive_path = g_strdup (archive);
  remove_archive (fixture->archive_path);
  fixture->folder = g_dir_make_tmp ("test-export-dialog-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->app = tf_application_new (fixture->archive_path);
  g_application_set_flags (G_APPLICATION (fixture->app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fixture->app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (fixture->app));
  fixture->window = TF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (fixture->app)));
  g_assert_true (TF_IS_WINDOW (fixture->window));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  fixture->demo_id = tf_archive_find_demo (store);
  g_assert_cmpint (fixture->demo_id, !=, 0);
  boards = tf_archive_list_boards (store, fixture->demo_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);

      if (tf_board_get_kind (board) == TF_BOARD_INSIGHT_WALL && fixture->board_id == 0)
        fixture->board_id = tf_board_get_id (board);
    }
  g_assert_cmpint (fixture->board_id, !=, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_close (GTK_WINDOW (fixture->window));
  settle ();
  g_application_quit (G_APPLICATION (fixture->app));
  g_clear_object (&fixture->app);
  remove_archive (fixture->archive_path);
  g_free (fixture->archive_path);
  g_assert_cmpuint (count_files (fixture->folder), ==, 0);
  g_rmdir (fixture->folder);
  g_free (fixture->folder);
}

/* The wall opened as its row opens it, then Ctrl+P's action. */
static TfExportDialog *
open_dialog_on_wall (Fixture *fixture)
{
  GtkWidget *page;
  TfExportDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.open-board", "x",
                                             fixture->board_id));
  settle ();
  page = find_widget (GTK_WIDGET (fixture->window), TF_TYPE_BOARD_PAGE);
  g_assert_nonnull (page);
  g_assert_cmpint (tf_board_page_get_board_id (TF_BOARD_PAGE (page)), ==, fixture->board_id);
  g_assert_null (find_dialog ());
  g_assert_true (gtk_widget_activate_action (page, "board.print", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (fixture->window));
  g_assert_cmpint (tf_export_dialog_get_kind (dialog), ==, TF_EXPORT_BOARD);
  return dialog;
}

/* The quotes on the wall, as another process reads them from the archive. */
static GPtrArray *
wall_quotes (Fixture *fixture)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *quotes = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *items;

  store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  scene = tf_scene_new_for_board (store, fixture->board_id, &error);
  g_assert_no_error (error);
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (item->kind == &tf_note_kind && !item->hidden && item->text != NULL && *item->text != '\0')
        g_ptr_array_add (quotes, g_strdup (item->text));
    }
  return quotes;
}

static void
test_export_board (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TfExportDialog) dialog = open_dialog_on_wall (fixture);
  g_autofree char *path = g_build_filename (fixture->folder, "wall.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *all_text = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) quotes = wall_quotes (fixture);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;
  double width, height;

  tf_export_dialog_set_kind (dialog, TF_EXPORT_BOARD);
  tf_export_dialog_set_paper (dialog, TF_PAPER_A4);
  tf_export_dialog_set_orientation (dialog, TF_ORIENTATION_LANDSCAPE);
  g_assert_cmpuint (tf_export_dialog_get_preview_pages (dialog), ==, 0);
  wait_for (dialog, preview_has_one_page, "the preview of one page");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  settle ();
  shot = g_build_filename (TF_BUILDDIR, "gui-export-dialog.png", NULL);
  save_screenshot (GTK_WIDGET (dialog), shot);

  /* What the file chooser's Save does with the chosen file. */
  tf_export_dialog_export_to_file (dialog, file);
  g_assert_true (tf_export_dialog_get_exporting (dialog));
  wait_for (dialog, export_done, "the export");
  g_assert_null (tf_export_dialog_get_error (dialog));
  /* Done: the dialog has closed, the window says so. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (fixture->folder), ==, 1);

  uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  {
    PopplerPage *page = poppler_document_get_page (document, 0);
    g_autofree char *page_text = poppler_page_get_text (page);

    poppler_page_get_size (page, &width, &height);
    g_string_append (text, page_text);
    g_object_unref (page);
  }
  g_object_unref (document);
  g_assert_cmpfloat_with_epsilon (width, 842, 1);
  g_assert_cmpfloat_with_epsilon (height, 595, 1);

  all_text = squeeze (text->str);
  g_assert_cmpuint (quotes->len, >, 0);
  for (guint i = 0; i < quotes->len; i++)
    {
      g_autofree char *needle = squeeze (g_ptr_array_index (quotes, i));

      if (strstr (all_text, needle) == NULL)
        g_error ("The quote “%s” is not in the PDF", (char *) g_ptr_array_index (quotes, i));
    }
  g_remove (path);
}

static void
test_export_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TfExportDialog) dialog = open_dialog_on_wall (fixture);
  g_autofree char *path = g_build_filename (fixture->folder, "cancelled.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const GError *error;

  tf_export_dialog_set_kind (dialog, TF_EXPORT_POSTER);
  tf_export_dialog_export_to_file (dialog, file);
  g_assert_true (tf_export_dialog_get_exporting (dialog));
  /* The Cancel button's path, at once. */
  tf_export_dialog_cancel_export (dialog);
  wait_for (dialog, export_done, "the cancelled export");
  error = tf_export_dialog_get_error (dialog);
  g_assert_error ((GError *) error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Still open, ready for another try; nothing on disk, not even a temporary file. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->folder), ==, 0);

  /* Escape closes it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  settle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
}

/* A folder that cannot be written: the error shows in the dialog, which
 * stays open with its options for another try. */
static void
test_export_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TfExportDialog) dialog = open_dialog_on_wall (fixture);
  g_autofree char *path = g_build_filename (fixture->folder, "missing", "wall.pdf", NULL);
  g_autofree char *shot = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);

  tf_export_dialog_export_to_file (dialog, file);
  wait_for (dialog, export_done, "the failed export");
  g_assert_nonnull (tf_export_dialog_get_error (dialog));
  g_assert_false (g_error_matches (tf_export_dialog_get_error (dialog),
                                  G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (count_files (fixture->folder), ==, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  settle ();
  shot = g_build_filename (TF_BUILDDIR, "gui-export-dialog-error.png", NULL);
  save_screenshot (GTK_WIDGET (dialog), shot);
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
}

/* From the experiment's header: the report, several pages. */
static void
test_export_report (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TfExportDialog) dialog = NULL;
  GtkWidget *view;

  g_assert_true (tf_window_show_experiment (fixture->window, fixture->demo_id));
  settle ();
  view = find_widget (GTK_WIDGET (fixture->window), TF_TYPE_EXPERIMENT_VIEW);
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_activate_action (view, "experiment.print", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (tf_export_dialog_get_kind (dialog), ==, TF_EXPORT_REPORT);
  wait_for (dialog, preview_has_pages, "the preview of the report");
  g_assert_cmpuint (tf_export_dialog_get_preview_pages (dialog), >, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (fatal_log_handler, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("Cannot open a display: run the GUI tests under Xvfb (xvfb-run).\n");
      return 1;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/transfo/gui/export-dialog/board", Fixture, NULL,
              fixture_set_up, test_export_board, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/cancel", Fixture, NULL,
              fixture_set_up, test_export_cancel, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/failure", Fixture, NULL,
              fixture_set_up, test_export_failure, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/report", Fixture, NULL,
              fixture_set_up, test_export_report, fixture_tear_down);

  return g_test_run ();
}
