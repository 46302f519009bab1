/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-export-dialog"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <poppler.h>

#include "canvas/tf-item-kinds.h"
#include "insights/tf-note-kind.h"
#include "core/tf-archive.h"
#include "core/tf-atomic-file.h"
#include "tf-application.h"
#include "tf-board-page.h"
#include "tf-experiment-view.h"
#include "tf-export-dialog-private.h"
#include "tf-gui-test-util.h"
#include "tf-test-pdf.h"
#include "tf-test-util.h"
#include "tf-window.h"

/* The export dialog in the real window: opened through its actions, its
 * preview waited for, an export written through the path the Export button
 * takes once the file chooser has answered, and read back with Poppler. */

#define TIMEOUT_MS TF_GUI_TEST_DEADLINE_MS

typedef struct {
  char          *archive_path;
  char          *folder;
  TfApplication *app;
  TfWindow      *window;
  gint64         demo_id;
  gint64         board_id;
} Fixture;

typedef gboolean (*Condition) (TfExportDialog *dialog);

static void
wait_for (TfExportDialog *dialog,
          Condition       condition,
          const char     *what)
{
  gboolean expired = FALSE;
  guint timeout = g_timeout_add (TIMEOUT_MS, tf_test_timed_out, &expired);

  while (!condition (dialog) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (timeout);
}

static gboolean
dialog_loaded (TfExportDialog *dialog)
{
  return tf_export_dialog_get_loaded (dialog);
}

static gboolean
dialog_mapped (TfExportDialog *dialog)
{
  return gtk_widget_get_mapped (GTK_WIDGET (dialog));
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
  g_autoptr(GError) error = NULL;

  fixture->archive_path = tf_gui_test_archive_path ();
  fixture->folder = g_dir_make_tmp ("test-export-dialog-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->window = tf_gui_test_start (fixture->archive_path, &fixture->app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  fixture->board_id = tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall",
                                                   &fixture->demo_id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_gui_test_stop (fixture->window, &fixture->app, &fixture->archive_path, 100);
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

  page = tf_gui_test_open_board (fixture->window, fixture->board_id);
  g_assert_cmpint (tf_board_page_get_board_id (TF_BOARD_PAGE (page)), ==, fixture->board_id);
  g_assert_null (find_dialog ());
  g_assert_true (gtk_widget_activate_action (page, "board.print", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (fixture->window));
  g_assert_cmpint (tf_export_dialog_get_kind (dialog), ==, TF_EXPORT_BOARD);
  /* The experiment is read in a thread: the options follow once it is. */
  wait_for (dialog, dialog_loaded, "the experiment read");
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

/* A wall of thousands of notes: the dialog shows at once and reads the
 * experiment in a thread, the window drawing frames meanwhile; the preview
 * comes later. */
static gboolean
count_frames (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* The resident memory of this process, in kB. */
static gint64
vm_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10);
}

static gboolean
preview_shows_a_page (TfExportDialog *dialog)
{
  return tf_export_dialog_get_preview_shown (dialog) > 0;
}

typedef struct {
  guint    ready;      /* "preview-ready" emissions */
  gboolean wide;      /* the first page of the last one is wider than tall */
} Ready;

static void
on_preview_ready (TfExportDialog *dialog,
                  Ready          *ready)
{
  GdkTexture *page = tf_export_dialog_get_preview_texture (dialog, 0);

  g_assert_nonnull (page);
  g_assert_cmpuint (tf_export_dialog_get_preview_shown (dialog), ==, 1);
  ready->ready++;
  ready->wide = gdk_texture_get_width (page) > gdk_texture_get_height (page);
}

/* The demo wall, grown to over 12,000 notes. */
static void
grow_wall (Fixture *fixture)
{
  g_autofree char *sql = NULL;
  sqlite3 *db;
  gint64 notes;

  /* 1500 copies of the demo wall's first notes (9), in a grid below it. */
  g_assert_cmpint (sqlite3_open (fixture->archive_path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 1500)"
                         " INSERT INTO items (board_id, kind, x, y, width, height, rotation, z,"
                         " asset_id, style, text, payload)"
                         " SELECT board_id, kind, x + 2000 * (n %% 60), y + 2000 + 2000 * (n / 60),"
                         " width, height, rotation, z, asset_id, style, text, payload"
                         " FROM items, seq WHERE board_id = %" G_GINT64_FORMAT " AND kind = 'note'"
                         " AND id IN (SELECT id FROM items WHERE board_id = %" G_GINT64_FORMAT
                         " AND kind = 'note' ORDER BY id LIMIT 10)",
                         fixture->board_id, fixture->board_id);
  tf_test_sql_exec (db, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM items WHERE board_id = %" G_GINT64_FORMAT,
                         fixture->board_id);
  notes = tf_test_sql_int (db, sql);
  sqlite3_close (db);
  g_assert_cmpint (notes, >=, 12000);
}

static void
test_big_wall_opens_at_once (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TfExportDialog) dialog = NULL;
  GtkWidget *page;
  guint frames = 0, frames_at_load = 0, tick;
  Ready ready = { 0 };
  gint64 start, rss_before, rss_peak;

  grow_wall (fixture);
  page = tf_gui_test_open_board (fixture->window, fixture->board_id);
  rss_before = vm_rss_kb ();
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), count_frames, &frames, NULL);
  g_assert_true (gtk_widget_activate_action (page, "board.print", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  /* The action returned before the experiment was read: nothing blocked. */
  g_assert_false (tf_export_dialog_get_loaded (dialog));
  g_assert_cmpuint (tf_export_dialog_get_preview_pages (dialog), ==, 0);
  g_assert_cmpint (tf_export_dialog_get_kind (dialog), ==, TF_EXPORT_BOARD);
  wait_for (dialog, dialog_mapped, "the dialog on screen");
  wait_for (dialog, dialog_loaded, "the experiment read");
  frames_at_load = frames;
  g_test_message ("window frames while the experiment was read: %u", frames_at_load);
  g_signal_connect (dialog, "preview-ready", G_CALLBACK (on_preview_ready), &ready);
  start = g_get_monotonic_time ();
  wait_for (dialog, preview_shows_a_page, "the preview's first page");
  g_test_message ("first preview page after %.0f ms, VmRSS %+" G_GINT64_FORMAT " kB",
                  (g_get_monotonic_time () - start) / 1000.0, vm_rss_kb () - rss_before);
  g_assert_cmpuint (ready.ready, ==, 1);
  /* A wide wall: landscape. */
  g_assert_true (ready.wide);
  wait_for (dialog, preview_has_pages, "the preview");
  g_assert_cmpuint (tf_export_dialog_get_preview_pages (dialog), ==, 1);
  /* Drawn at the preview's size, not as a document: memory stays small. */
  rss_peak = vm_rss_kb ();
  g_test_message ("VmRSS after the preview: %+" G_GINT64_FORMAT " kB", rss_peak - rss_before);
  /* AddressSanitizer keeps freed memory in quarantine and shadows all of
   * it: the bound is the plain build's; the sanitized one gets twice. */
  g_assert_cmpint (rss_peak - rss_before, <, (TF_SANITIZED ? 400 : 200) * 1024);

  /* Portrait, then several changes at once ending in landscape: the
   * previews overtaken are cancelled and none of their pages ever shows. */
  tf_export_dialog_set_orientation (dialog, TF_ORIENTATION_PORTRAIT);
  g_assert_cmpuint (tf_export_dialog_get_preview_shown (dialog), ==, 0);
  g_assert_cmpuint (tf_export_dialog_get_preview_pages (dialog), ==, 0);
  wait_for (dialog, preview_shows_a_page, "the portrait preview");
  g_assert_cmpuint (ready.ready, ==, 2);
  g_assert_false (ready.wide);
  wait_for (dialog, preview_has_pages, "the portrait preview, whole");
  tf_export_dialog_set_orientation (dialog, TF_ORIENTATION_LANDSCAPE);
  tf_export_dialog_set_paper (dialog, TF_PAPER_A3);
  tf_export_dialog_set_orientation (dialog, TF_ORIENTATION_PORTRAIT);
  tf_export_dialog_set_orientation (dialog, TF_ORIENTATION_LANDSCAPE);
  wait_for (dialog, preview_has_pages, "the last preview");
  g_assert_cmpuint (ready.ready, ==, 3);
  g_assert_true (ready.wide);
  g_assert_cmpuint (tf_export_dialog_get_preview_shown (dialog), ==, 1);

  gtk_widget_remove_tick_callback (GTK_WIDGET (fixture->window), tick);
  g_assert_null (tf_export_dialog_get_error (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), action) == 0)
        return c;
      found = find_action_button (c, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
window_is_small (gpointer data)
{
  GtkWidget *window = data;

  return gtk_widget_get_width (window) <= 800 && gtk_widget_get_height (window) <= 600;
}

/* In an 800×600 window, the dialog opens smaller than the window (the .ui's
 * 1080×720 did not fit such a screen), its Export button on show and its
 * options scrolling. */
static void
test_small_window (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TfExportDialog) dialog = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *button;
  graphene_rect_t bounds;
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  tf_gui_test_wait_until (window_is_small, fixture->window, "the window at 800×600");
  width = gtk_widget_get_width (GTK_WIDGET (fixture->window));
  height = gtk_widget_get_height (GTK_WIDGET (fixture->window));

  dialog = open_dialog_on_wall (fixture);
  wait_for (dialog, preview_shows_a_page, "the preview");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  tf_gui_test_settle (100);
  shot = g_build_filename (TF_BUILDDIR, "gui-export-dialog-small.png", NULL);
  tf_gui_test_save_screenshot (GTK_WIDGET (dialog), shot);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, width - 48);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (dialog)), <=, height - 48);
  button = find_action_button (GTK_WIDGET (dialog), "export.export");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (dialog), &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
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
  tf_gui_test_settle (100);
  shot = g_build_filename (TF_BUILDDIR, "gui-export-dialog.png", NULL);
  tf_gui_test_save_screenshot (GTK_WIDGET (dialog), shot);

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

  all_text = tf_test_squeeze (text->str);
  g_assert_cmpuint (quotes->len, >, 0);
  for (guint i = 0; i < quotes->len; i++)
    {
      g_autofree char *needle = tf_test_squeeze (g_ptr_array_index (quotes, i));

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
  tf_gui_test_settle (100);
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
  tf_gui_test_settle (100);
  shot = g_build_filename (TF_BUILDDIR, "gui-export-dialog-error.png", NULL);
  tf_gui_test_save_screenshot (GTK_WIDGET (dialog), shot);
  gtk_window_destroy (GTK_WINDOW (dialog));
  tf_gui_test_settle (100);
}

/* A label showing @text somewhere in @widget, all its ancestors shown. */
static GtkWidget *
find_shown_label (GtkWidget  *widget,
                  const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    {
      for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
        if (!gtk_widget_get_visible (w) ||
            (GTK_IS_REVEALER (w) && !gtk_revealer_get_reveal_child (GTK_REVEALER (w))))
          return NULL;
      return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_sqlite (const char *path)
{
  char head[16] = { 0 };
  FILE *file = fopen (path, "rb");
  gboolean yes;

  g_assert_nonnull (file);
  yes = fread (head, 1, sizeof head, file) == sizeof head &&
        memcmp (head, "SQLite format 3", 16) == 0;
  fclose (file);
  return yes;
}

/* The archive itself as the target, however named: refused in the dialog,
 * with its error shown, and nothing written. */
static void
test_export_over_archive (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TfExportDialog) dialog = open_dialog_on_wall (fixture);
  g_autofree char *symlink_path = g_build_filename (fixture->folder, "link.pdf", NULL);
  g_autofree char *folder = g_path_get_dirname (fixture->archive_path);
  /* Beside the archive: a hard link needs the same filesystem. */
  g_autofree char *hard_path = g_build_filename (folder, "test-export-dialog-hard-link.pdf", NULL);
  g_autofree char *shot = NULL;
  g_autofree char *wal_name = NULL;
  const char *targets[4];
  GStatBuf before, after;

  g_assert_cmpint (g_stat (fixture->archive_path, &before), ==, 0);
  g_assert_cmpint (symlink (fixture->archive_path, symlink_path), ==, 0);
  g_unlink (hard_path);
  g_assert_cmpint (link (fixture->archive_path, hard_path), ==, 0);
  wal_name = g_strconcat (fixture->archive_path, "-wal", NULL);
  targets[0] = fixture->archive_path;
  targets[1] = symlink_path;
  targets[2] = hard_path;
  targets[3] = wal_name;

  tf_export_dialog_set_kind (dialog, TF_EXPORT_BOARD);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (targets[i]);
      const GError *error;

      tf_export_dialog_export_to_file (dialog, file);
      /* Refused before any export starts. */
      g_assert_false (tf_export_dialog_get_exporting (dialog));
      error = tf_export_dialog_get_error (dialog);
      g_assert_error ((GError *) error, TF_ATOMIC_FILE_ERROR, TF_ATOMIC_FILE_ERROR_ARCHIVE);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
      tf_gui_test_settle (50);
      g_assert_nonnull (find_shown_label (GTK_WIDGET (dialog),
                                          i < 3 ? "is the archive itself" : "“-wal” file"));
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  shot = g_build_filename (TF_BUILDDIR, "gui-export-dialog-archive.png", NULL);
  tf_gui_test_save_screenshot (GTK_WIDGET (dialog), shot);

  /* The archive is still the archive, under all its names. */
  g_assert_cmpint (g_stat (fixture->archive_path, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_true (is_sqlite (fixture->archive_path));
  g_assert_true (is_sqlite (hard_path));
  g_assert_true (g_file_test (symlink_path, G_FILE_TEST_IS_SYMLINK));
  g_assert_cmpuint (tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall", NULL),
                    ==, fixture->board_id);
  g_unlink (symlink_path);
  g_unlink (hard_path);
  g_assert_cmpuint (count_files (fixture->folder), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  tf_gui_test_settle (100);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Another SQLite database: replaced only once the user confirms. */
static void
test_export_over_database (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(TfExportDialog) dialog = open_dialog_on_wall (fixture);
  g_autofree char *path = g_build_filename (fixture->folder, "other.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  AdwMessageDialog *confirm;

  g_assert_true (g_file_set_contents (path, "SQLite format 3\0another archive", 32, NULL));
  tf_export_dialog_set_kind (dialog, TF_EXPORT_BOARD);

  /* Cancel: nothing written. */
  tf_export_dialog_export_to_file (dialog, file);
  g_assert_false (tf_export_dialog_get_exporting (dialog));
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  g_assert_true (adw_message_dialog_has_response (confirm, "replace"));
  adw_message_dialog_response (confirm, "cancel");
  tf_gui_test_settle (50);
  g_assert_false (tf_export_dialog_get_exporting (dialog));
  g_assert_true (is_sqlite (path));

  /* Replace: exported. */
  tf_export_dialog_export_to_file (dialog, file);
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "replace");
  g_assert_true (tf_export_dialog_get_exporting (dialog));
  wait_for (dialog, export_done, "the export over a database");
  g_assert_null (tf_export_dialog_get_error (dialog));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_unlink (path);
  tf_gui_test_settle (100);
}

/* The dialog's first frame shares the processor with nothing of its own:
 * the experiment is read once it is drawn. Closed while the experiment is
 * read, the dialog leaves no worker behind, does nothing more (no preview
 * of a closed dialog) and is freed in the main thread: a worker letting
 * its last reference go tore its widgets down while the main thread drew
 * them (GTK 4.8 crashed in GtkTextView's validation idle, about one run
 * in three). Three rounds, the race had that many chances. */
static gboolean
workers_ended (TfExportDialog *dialog)
{
  return tf_export_dialog_get_n_workers () == 0;
}

static gboolean
workers_running (TfExportDialog *dialog)
{
  return tf_export_dialog_get_n_workers () > 0 || tf_export_dialog_get_loaded (dialog);
}

typedef struct {
  gboolean  closed;
  guint     late;       /* "loaded" or "preview-ready" after the close */
  GThread  *disposed_in;
} Closing;

static void
count_late (TfExportDialog *dialog,
            Closing        *closing)
{
  if (closing->closed)
    closing->late++;
}

static void
dialog_freed (gpointer  data,
              GObject  *where_the_object_was)
{
  Closing *closing = data;

  closing->disposed_in = g_thread_self ();
}

static void
test_close_while_reading (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *page;

  grow_wall (fixture);
  page = tf_gui_test_open_board (fixture->window, fixture->board_id);
  for (guint round = 0; round < 3; round++)
    {
      TfExportDialog *dialog;
      Closing closing = { 0 };
      gboolean expired = FALSE;
      guint timeout;

      /* What an earlier dialog read is freed in a thread of its own. */
      wait_for (NULL, workers_ended, "an earlier dialog's workers");
      g_assert_true (gtk_widget_activate_action (page, "board.print", NULL));
      dialog = find_dialog ();
      g_assert_nonnull (dialog);
      /* Mapped as the action returns: its first frame is still to come,
       * and the read with it. */
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
      g_assert_false (tf_export_dialog_get_loaded (dialog));
      g_assert_cmpuint (tf_export_dialog_get_n_workers (), ==, 0);
      g_signal_connect (dialog, "loaded", G_CALLBACK (count_late), &closing);
      g_signal_connect (dialog, "preview-ready", G_CALLBACK (count_late), &closing);
      g_object_weak_ref (G_OBJECT (dialog), dialog_freed, &closing);
      wait_for (dialog, workers_running, "the experiment's read");
      if (tf_export_dialog_get_loaded (dialog))
        g_test_message ("the experiment was read before the test could close the dialog");

      closing.closed = TRUE;
      gtk_window_close (GTK_WINDOW (dialog));
      g_object_unref (dialog);
      dialog = NULL;
      timeout = g_timeout_add (TIMEOUT_MS, tf_test_timed_out, &expired);
      while ((tf_export_dialog_get_n_workers () > 0 || closing.disposed_in == NULL) && !expired)
        g_main_context_iteration (NULL, TRUE);
      if (expired)
        g_error ("Timed out waiting for the dialog's workers to end (%u running)",
                 tf_export_dialog_get_n_workers ());
      g_source_remove (timeout);
      g_assert_true (closing.disposed_in == g_thread_self ());
      g_assert_cmpuint (closing.late, ==, 0);
      g_assert_true (workers_ended (NULL));
      g_assert_null (find_dialog ());
    }
}

static gboolean
print_done (TfExportDialog *dialog)
{
  return !tf_export_dialog_get_printing (dialog);
}

/* Every page of @doc is @width × @height points (or turned), and every
 * bit of its text lies on it: nothing is cut. Returns the whole text,
 * squeezed. */
static char *
assert_nothing_cut (PopplerDocument *doc,
                    double           width,
                    double           height)
{
  for (int p = 0; p < poppler_document_get_n_pages (doc); p++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, p);
      PopplerRectangle *boxes = NULL;
      guint n_boxes = 0;
      double w, h;

      poppler_page_get_size (page, &w, &h);
      /* The paper chosen, each page turned as the export turned it (a
       * report turns a wide board's page). */
      if (w > h && width < height)
        {
          g_assert_cmpfloat_with_epsilon (w, height, 1);
          g_assert_cmpfloat_with_epsilon (h, width, 1);
        }
      else
        {
          g_assert_cmpfloat_with_epsilon (w, width, 1);
          g_assert_cmpfloat_with_epsilon (h, height, 1);
        }
      g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
      g_assert_cmpuint (n_boxes, >, 0);
      for (guint i = 0; i < n_boxes; i++)
        {
          g_assert_cmpfloat (boxes[i].x1, >=, 0);
          g_assert_cmpfloat (boxes[i].y1, >=, 0);
          g_assert_cmpfloat (boxes[i].x2, <=, w);
          g_assert_cmpfloat (boxes[i].y2, <=, h);
        }
      g_free (boxes);
    }
  return tf_test_pdf_text (doc);
}

/* "Print…" (issue 17, point 4): the system print operation over the
 * export's own pages, driven to a PDF file (GTK_PRINT_OPERATION_ACTION_EXPORT
 * is what "Print to File" does): the paper and orientation chosen in the
 * dialog, every page, every quote, nothing cut. */
static void
test_print_board (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(TfExportDialog) dialog = open_dialog_on_wall (fixture);
  g_autofree char *path = g_build_filename (fixture->folder, "printed.pdf", NULL);
  g_autofree char *all = NULL;
  g_autoptr(GPtrArray) quotes = wall_quotes (fixture);
  g_autoptr(PopplerDocument) doc = NULL;

  g_assert_true (gtk_widget_is_visible (find_action_button (GTK_WIDGET (dialog), "export.print")));
  tf_export_dialog_set_kind (dialog, TF_EXPORT_BOARD);
  tf_export_dialog_set_paper (dialog, TF_PAPER_A3);
  tf_export_dialog_set_orientation (dialog, TF_ORIENTATION_LANDSCAPE);
  wait_for (dialog, preview_has_one_page, "the preview of one page");
  tf_export_dialog_print (dialog, path);
  g_assert_true (tf_export_dialog_get_printing (dialog));
  wait_for (dialog, print_done, "the print");
  g_assert_null (tf_export_dialog_get_error (dialog));
  /* Printed: the dialog has closed. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  doc = tf_test_open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  /* A3 landscape. */
  all = assert_nothing_cut (doc, 1190.55, 841.89);
  g_assert_cmpuint (quotes->len, >, 0);
  for (guint i = 0; i < quotes->len; i++)
    if (!tf_test_has_text (all, g_ptr_array_index (quotes, i)))
      g_error ("The quote “%s” is not printed", (char *) g_ptr_array_index (quotes, i));
  g_remove (path);
}

/* The report and the cards print every page of their export, on their
 * paper, from the dialog Ctrl+P opens on the experiment page. */
static void
test_print_report (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct {
    TfExportKind kind;
    TfPaper      paper;
    double       width, height;
  } cases[] = {
    { TF_EXPORT_REPORT, TF_PAPER_A4, 595.28, 841.89 },
    { TF_EXPORT_CARDS, TF_PAPER_LETTER, 612, 792 },
  };

  g_assert_true (tf_window_show_experiment (fixture->window, fixture->demo_id));
  tf_gui_test_settle (100);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(TfExportDialog) dialog = NULL;
      g_autoptr(PopplerDocument) doc = NULL;
      g_autofree char *path = g_build_filename (fixture->folder, "printed.pdf", NULL);
      g_autofree char *all = NULL;
      GtkWidget *view = tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_EXPERIMENT_VIEW);
      guint pages;

      g_assert_nonnull (view);
      gtk_widget_grab_focus (view);
      tf_gui_test_send_key (GTK_WINDOW (fixture->window), "ctrl+p");
      for (guint i = 0; i < 400 && (dialog = find_dialog ()) == NULL; i++)
        tf_gui_test_settle (25);
      g_assert_nonnull (dialog);
      wait_for (dialog, dialog_loaded, "the experiment read");
      tf_export_dialog_set_kind (dialog, cases[c].kind);
      tf_export_dialog_set_paper (dialog, cases[c].paper);
      wait_for (dialog, preview_has_pages, "the preview");
      pages = tf_export_dialog_get_preview_pages (dialog);
      g_assert_cmpuint (pages, >, 1);
      tf_export_dialog_print (dialog, path);
      wait_for (dialog, print_done, "the print");
      g_assert_null (tf_export_dialog_get_error (dialog));

      doc = tf_test_open_pdf (path);
      g_assert_cmpint (poppler_document_get_n_pages (doc), ==, pages);
      all = assert_nothing_cut (doc, cases[c].width, cases[c].height);
      g_assert_cmpuint (strlen (all), >, 200);
      g_remove (path);
      tf_gui_test_settle (100);
    }
}

/* From the experiment's header: the report, several pages. */
static void
test_export_report (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(TfExportDialog) dialog = NULL;
  GtkWidget *view;

  g_assert_true (tf_window_show_experiment (fixture->window, fixture->demo_id));
  tf_gui_test_settle (100);
  view = tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_EXPERIMENT_VIEW);
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_activate_action (view, "experiment.print", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (tf_export_dialog_get_kind (dialog), ==, TF_EXPORT_REPORT);
  wait_for (dialog, preview_has_pages, "the preview of the report");
  g_assert_cmpuint (tf_export_dialog_get_preview_pages (dialog), >, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&dialog);
  tf_gui_test_settle (100);

  /* Ctrl+P on the page does what its print button does (issue 17). */
  gtk_widget_grab_focus (view);
  tf_gui_test_send_key (GTK_WINDOW (fixture->window), "ctrl+p");
  /* The key's way through the X server: wait for the dialog, a while. */
  for (guint i = 0; i < 400 && (dialog = find_dialog ()) == NULL; i++)
    tf_gui_test_settle (25);
  g_assert_nonnull (dialog);
  g_assert_cmpint (tf_export_dialog_get_kind (dialog), ==, TF_EXPORT_REPORT);
  gtk_window_destroy (GTK_WINDOW (dialog));
  tf_gui_test_settle (100);
}

int
main (int   argc,
      char *argv[])
{
  /* Views jump instead of gliding: what the tests check happens at once. */
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;  /* no display: skipped */

  g_test_add ("/transfo/gui/export-dialog/small-window", Fixture, NULL,
              fixture_set_up, test_small_window, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/board", Fixture, NULL,
              fixture_set_up, test_export_board, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/big-wall", Fixture, NULL,
              fixture_set_up, test_big_wall_opens_at_once, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/close-while-reading", Fixture, NULL,
              fixture_set_up, test_close_while_reading, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/cancel", Fixture, NULL,
              fixture_set_up, test_export_cancel, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/failure", Fixture, NULL,
              fixture_set_up, test_export_failure, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/over-archive", Fixture, NULL,
              fixture_set_up, test_export_over_archive, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/over-database", Fixture, NULL,
              fixture_set_up, test_export_over_database, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/print-board", Fixture, NULL,
              fixture_set_up, test_print_board, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/print-report", Fixture, NULL,
              fixture_set_up, test_print_report, fixture_tear_down);
  g_test_add ("/transfo/gui/export-dialog/report", Fixture, NULL,
              fixture_set_up, test_export_report, fixture_tear_down);

  return g_test_run ();
}
