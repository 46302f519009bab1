/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-bundle-gui"

#include <string.h>
#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "bundles/tf-bundle-share.h"
#include "bundles/tf-bundle-gui.h"
#include "bundles/tf-import-dialog.h"
#include "bundles/tf-share-dialog.h"
#include "core/tf-archive.h"
#include "tf-board-view.h"
#include "tf-experiment-view.h"
#include "tf-gui-test-util.h"
#include "tf-test-util.h"

/* Bundles in the real window (gui/bundles/): the demo shared from one
 * archive through the share dialog (its counts checked against the core,
 * the file written in its thread, the toast), then dropped from another X
 * client (tests/gui/xdnd-source, XDND as a file manager speaks it) onto
 * the window of a second archive: the preview says what the file holds
 * before anything is written; Import adds the experiment with where it
 * came from, one undo step; a second import offers "Update the copy";
 * a broken bundle is refused with its name and changes nothing; Back Up
 * Archive writes a copy.
 *
 * TF_SHOTS=DIR keeps screenshots of the screen with each dialog. */

#define DEPARTMENT "Direction de l'innovation publique"

typedef struct {
  char          *dir;
  char          *shots;
  char          *archive_a;
  char          *archive_b;
  char          *bundle;
  TfApplication *app;
  TfWindow      *window;
  gint64         demo_id;
} Fixture;

/* --- Waiting --- */

static gboolean
share_dialog_counted (gpointer data)
{
  TfShareDialog *dialog = TF_SHARE_DIALOG (tf_gui_test_find_toplevel (TF_TYPE_SHARE_DIALOG));

  return dialog != NULL && tf_gui_test_find_label (GTK_WIDGET (dialog), "Counting…") == NULL;
}

static gboolean
share_dialog_gone (gpointer data)
{
  return tf_gui_test_find_toplevel (TF_TYPE_SHARE_DIALOG) == NULL;
}

static gboolean
import_dialog_shown (gpointer data)
{
  return tf_gui_test_find_toplevel (TF_TYPE_IMPORT_DIALOG) != NULL;
}

static gboolean
import_dialog_gone (gpointer data)
{
  return tf_gui_test_find_toplevel (TF_TYPE_IMPORT_DIALOG) == NULL;
}

static gboolean
message_shown (gpointer data)
{
  return tf_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
shoot (Fixture    *fixture,
       const char *name)
{
  g_autofree char *path = NULL;

  if (fixture->shots == NULL)
    return;
  path = g_build_filename (fixture->shots, name, NULL);
  tf_gui_test_settle (200);
  tf_gui_test_shoot_screen (GTK_WIDGET (fixture->window), path);
}

static gint64
count_b (Fixture    *fixture,
         const char *sql)
{
  return tf_gui_test_archive_int (fixture->archive_b, sql);
}

/* What identifies the archive's content: its experiments, boards and
 * items, read back. */
static char *
content_b (Fixture *fixture)
{
  return tf_gui_test_archive_text (fixture->archive_b,
                                   "SELECT (SELECT group_concat (id || ':' || title, '|') FROM experiments)"
                                   " || '/' || (SELECT count(*) FROM boards) || '/' || (SELECT count(*) FROM items)"
                                   " || '/' || (SELECT count(*) FROM experiment_origins)");
}

/* The share dialog of the window's experiment, opened with LAST as the
 * department this user shared with last, offers LAST. */
static void
share_department_offered (Fixture    *fixture,
                          const char *last)
{
  GSettings *settings = tf_application_get_settings (fixture->app);
  TfShareDialog *dialog;
  AdwEntryRow *department;

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "share-department", last);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "bundle.share", NULL);
  tf_gui_test_wait_until (share_dialog_counted, fixture, "the share dialog's counts");
  dialog = TF_SHARE_DIALOG (tf_gui_test_find_toplevel (TF_TYPE_SHARE_DIALOG));
  department = ADW_ENTRY_ROW (tf_gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (department)), ==, last);
  gtk_window_close (GTK_WINDOW (dialog));
  tf_gui_test_wait_until (share_dialog_gone, fixture, "the share dialog closed");
}

/* --- Sharing, from archive A --- */

static void
share_from_a (Fixture *fixture)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *expected = NULL;
  TfBundleShareCounts counts;
  TfShareDialog *dialog;
  AdwEntryRow *department;

  fixture->window = tf_gui_test_start (fixture->archive_a, &fixture->app);
  tf_gui_test_find_demo_board (fixture->archive_a, "insight-wall", &fixture->demo_id);
  g_assert_true (tf_window_show_experiment (fixture->window, fixture->demo_id));

  /* What the dialog counts is what the kinds say. */
  store = tf_store_open (fixture->archive_a, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (tf_bundle_share_count (store, fixture->demo_id, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_boards, ==, 4);
  g_assert_cmpuint (counts.unconsented, >, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "bundle.share", NULL);
  tf_gui_test_wait_until (share_dialog_counted, fixture, "the share dialog's counts");
  dialog = TF_SHARE_DIALOG (tf_gui_test_find_toplevel (TF_TYPE_SHARE_DIALOG));
  expected = g_strdup_printf ("%u insights whose consent", counts.unconsented);
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("its %u boards and their %u items", counts.n_boards, counts.n_items);
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), expected));
  g_assert_true (g_str_has_suffix (tf_share_dialog_get_suggested_name (dialog), ".transfo"));
  g_assert_true (g_str_has_prefix (tf_share_dialog_get_suggested_name (dialog), "Laboratoire d'innovation"));
  /* Unconsented insights, people photos and notes out by default; dates kept. */
  g_assert_cmpuint (tf_share_dialog_get_drop (dialog), ==,
                    TF_BUNDLE_DROP_UNCONSENTED | TF_BUNDLE_DROP_PEOPLE_PHOTOS | TF_BUNDLE_DROP_NOTES);

  department = ADW_ENTRY_ROW (tf_gui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW));
  /* Nothing shared yet: no department offered, not the experiment's own. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (department)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (department), DEPARTMENT);
  shoot (fixture, "share-dialog.png");

  /* What the file chooser's Save does. */
  file = g_file_new_for_path (fixture->bundle);
  tf_share_dialog_export_to (dialog, file);
  g_assert_true (tf_share_dialog_get_busy (dialog));
  tf_gui_test_wait_until (share_dialog_gone, fixture, "the bundle written");
  tf_gui_test_wait_for_label (GTK_WIDGET (fixture->window), "Experiment shared as", TF_GUI_TEST_DEADLINE_MS);
  {
    g_autofree char *last = g_settings_get_string (tf_application_get_settings (fixture->app),
                                                   "share-department");

    g_assert_cmpstr (last, ==, DEPARTMENT);
  }
  g_assert_true (g_file_test (fixture->bundle, G_FILE_TEST_IS_REGULAR));
  shoot (fixture, "shared-toast.png");

  tf_gui_test_stop (fixture->window, &fixture->app, &fixture->archive_a, 100);
  fixture->window = NULL;
}

/* --- Importing, into archive B --- */

typedef struct {
  GSubprocess *process;
  gboolean     done;
  int          status;
  char        *output;
} Drag;

static void
drag_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Drag *drag = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &drag->output, NULL, &error);
  g_assert_no_error (error);
  drag->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  drag->done = TRUE;
}

static gboolean
drag_finished (gpointer data)
{
  return ((Drag *) data)->done;
}

/* The archive's list of experiments. */
static GtkWidget *
find_sidebar (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_BOX (child) && gtk_widget_has_css_class (child, "navigation-sidebar"))
        return child;
      if ((found = find_sidebar (child)) != NULL)
        return found;
    }
  return NULL;
}

/* xdnd-source drags @path onto @target at (@tx, @ty) and drops it there,
 * as a file manager does. */
static void
drop_file_on (Fixture    *fixture,
              const char *path,
              GtkWidget  *list,
              double      tx,
              double      ty)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *xid = NULL, *x = NULL, *y = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *picked;
  graphene_point_t in, out;
  Drag drag = { 0 };
  double sx, sy;

  g_assert_nonnull (list);
  tf_gui_test_settle (100);
  in = GRAPHENE_POINT_INIT (tx, ty);
  g_assert_true (gtk_widget_compute_point (list, GTK_WIDGET (fixture->window), &in, &out));
  picked = gtk_widget_pick (GTK_WIDGET (fixture->window), out.x, out.y, GTK_PICK_DEFAULT);
  g_assert_true (picked != NULL && (picked == list || gtk_widget_is_ancestor (picked, list) ||
                                    gtk_widget_is_ancestor (list, picked)));
  gtk_native_get_surface_transform (GTK_NATIVE (fixture->window), &sx, &sy);
  xid = g_strdup_printf ("%lu", gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (fixture->window))));
  x = g_strdup_printf ("%d", (int) (out.x + sx + 0.5));
  y = g_strdup_printf ("%d", (int) (out.y + sy + 0.5));
  drag.process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                                   XDND_SOURCE, "--timeout", "45000", xid, x, y, uri, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (drag.process, NULL, NULL, drag_done, &drag);
  tf_gui_test_wait_until (drag_finished, &drag, "the drag source's end");
  g_test_message ("xdnd-source %s (exit %d):\n%s", path, drag.status, drag.output);
  g_assert_cmpint (drag.status, ==, 0);
  g_assert_nonnull (strstr (drag.output, "finished accepted=1 action=XdndActionCopy"));
  g_clear_object (&drag.process);
  g_free (drag.output);
}

/* Onto the archive list, below its rows. */
static void
drop_file (Fixture    *fixture,
           const char *path)
{
  GtkWidget *list = find_sidebar (GTK_WIDGET (fixture->window));

  g_assert_nonnull (list);
  drop_file_on (fixture, path, list, gtk_widget_get_width (list) / 2.0, gtk_widget_get_height (list) - 40.0);
}

static void
import_into_b (Fixture *fixture)
{
  g_autofree char *origin = NULL, *before = NULL, *after = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (fixture->bundle);
  TfImportDialog *dialog;
  GtkWidget *view;
  gint64 imported;

  fixture->window = tf_gui_test_start (fixture->archive_b, &fixture->app);
  g_assert_cmpint (count_b (fixture, "SELECT count(*) FROM experiments"), ==, 1);
  before = content_b (fixture);

  /* Dropped on the window: the preview, and nothing written yet. */
  drop_file (fixture, fixture->bundle);
  tf_gui_test_wait_until (import_dialog_shown, fixture, "the import preview");
  dialog = TF_IMPORT_DIALOG (tf_gui_test_find_toplevel (TF_TYPE_IMPORT_DIALOG));
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), "Laboratoire d'innovation régional"));
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), DEPARTMENT));
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), "4 boards"));
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), "insights without consent left out"));
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), "facilitator’s notes removed"));
  g_assert_null (tf_gui_test_find_label (GTK_WIDGET (dialog), "interview dates taken off"));
  g_assert_cmpint (tf_import_dialog_get_copy_id (dialog), ==, 0);
  shoot (fixture, "import-preview.png");
  after = content_b (fixture);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  tf_gui_test_wait_until (import_dialog_gone, fixture, "the import");
  g_assert_cmpint (count_b (fixture, "SELECT count(*) FROM experiments"), ==, 2);
  imported = count_b (fixture, "SELECT experiment_id FROM experiment_origins");
  g_assert_cmpint (imported, ==, tf_window_get_experiment_id (fixture->window));
  origin = tf_gui_test_archive_text (fixture->archive_b, "SELECT department FROM experiment_origins");
  g_assert_cmpstr (origin, ==, DEPARTMENT);
  /* What left A is here: four boards, every item of the file, and no
   * insight (the demo's have no consent yet). */
  g_assert_cmpint (tf_gui_test_archive_int (fixture->archive_b,
                                            "SELECT count(*) FROM items JOIN boards ON boards.id = board_id"
                                            " WHERE experiment_id = (SELECT experiment_id FROM experiment_origins)"),
                   ==, tf_gui_test_archive_int (fixture->bundle, "SELECT count(*) FROM items"));
  g_assert_cmpint (tf_gui_test_archive_int (fixture->archive_b,
                                            "SELECT count(*) FROM boards WHERE experiment_id ="
                                            " (SELECT experiment_id FROM experiment_origins)"), ==, 4);
  g_assert_cmpint (tf_gui_test_archive_int (fixture->archive_b,
                                            "SELECT count(*) FROM items JOIN boards ON boards.id = board_id"
                                            " WHERE experiment_id = (SELECT experiment_id FROM experiment_origins)"
                                            " AND items.kind = 'note'"), ==, 0);
  /* The experiment says where it came from. */
  view = tf_gui_test_find_widget (GTK_WIDGET (fixture->window), TF_TYPE_EXPERIMENT_VIEW);
  tf_gui_test_wait_for_label (view, "from a file shared by " DEPARTMENT, TF_GUI_TEST_DEADLINE_MS);
  tf_gui_test_wait_for_label (GTK_WIDGET (fixture->window), "imported", TF_GUI_TEST_DEADLINE_MS);
  /* And so does its row in the archive list. */
  tf_gui_test_wait_for_label (find_sidebar (GTK_WIDGET (fixture->window)), "Imported from " DEPARTMENT,
                              TF_GUI_TEST_DEADLINE_MS);
  shoot (fixture, "imported.png");

  /* Sharing the imported experiment offers this user's department (the
   * one given last time, or none), never the one it came from. */
  share_department_offered (fixture, "Mission des mobilités");
  share_department_offered (fixture, "");

  /* One undo step takes it away, redo brings it back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  tf_gui_test_settle (50);
  after = content_b (fixture);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  tf_gui_test_settle (50);
  g_assert_cmpint (count_b (fixture, "SELECT count(*) FROM experiment_origins"), ==, 1);

  /* The same file again: "Update the copy" replaces it in one step. */
  tf_bundle_gui_open (fixture->window, file);
  tf_gui_test_wait_until (import_dialog_shown, fixture, "the second preview");
  dialog = TF_IMPORT_DIALOG (tf_gui_test_find_toplevel (TF_TYPE_IMPORT_DIALOG));
  g_assert_cmpint (tf_import_dialog_get_copy_id (dialog), ==, imported);
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), "Already in Your Archive"));
  shoot (fixture, "import-again.png");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.update", NULL);
  tf_gui_test_wait_until (import_dialog_gone, fixture, "the update");
  g_assert_cmpint (count_b (fixture, "SELECT count(*) FROM experiments"), ==, 2);
  g_assert_cmpint (count_b (fixture, "SELECT count(*) FROM experiment_origins"), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  tf_gui_test_settle (50);
  g_assert_cmpint (count_b (fixture, "SELECT count(*) FROM experiments"), ==, 2);
  g_assert_cmpint (count_b (fixture, "SELECT experiment_id FROM experiment_origins"), ==, imported);
}

/* A broken bundle dropped: refused with its name, the archive and the
 * file as they were. */
static void
refuse_broken (Fixture *fixture)
{
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.transfo", NULL);
  g_autofree char *before = content_b (fixture), *after = NULL;
  g_autofree char *bytes_after = NULL;
  char bytes[4096];
  gsize length = 0;
  GtkWindow *message;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (char) (i * 7919 % 251);
  memcpy (bytes, "SQLite format 3", 16);
  g_assert_true (g_file_set_contents (broken, bytes, sizeof bytes, NULL));

  drop_file (fixture, broken);
  tf_gui_test_wait_until (message_shown, fixture, "the refusal");
  message = tf_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "Cannot Import “broken.transfo”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "is refused"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "has not been changed"));
  g_assert_null (tf_gui_test_find_toplevel (TF_TYPE_IMPORT_DIALOG));
  shoot (fixture, "refused.png");
  gtk_window_destroy (message);

  after = content_b (fixture);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (g_file_get_contents (broken, &bytes_after, &length, NULL));
  g_assert_cmpuint (length, ==, sizeof bytes);
  g_assert_cmpint (memcmp (bytes, bytes_after, length), ==, 0);
}

static void
back_up (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "backup.sqlite", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = content_b (fixture);
  g_autofree char *copy = NULL;
  g_autofree char *saved = fixture->archive_b;

  tf_bundle_gui_backup_to (fixture->window, file);
  tf_gui_test_wait_for_label (GTK_WIDGET (fixture->window), "Archive backed up as", TF_GUI_TEST_DEADLINE_MS);
  fixture->archive_b = path;
  copy = content_b (fixture);
  fixture->archive_b = g_steal_pointer (&saved);
  g_assert_cmpstr (before, ==, copy);
}

/* A bundle dropped on an open board (a mockup, which takes dropped files
 * as photos) goes to the import preview, not to the board. */
static void
drop_on_board (Fixture *fixture)
{
  gint64 board = count_b (fixture, "SELECT min(id) FROM boards WHERE kind = 'mockup'");
  const char *count_sql = "SELECT count(*) FROM items WHERE board_id = (SELECT min(id) FROM boards"
                          " WHERE kind = 'mockup')";
  g_autofree char *before = content_b (fixture), *after = NULL;
  gint64 items = count_b (fixture, count_sql);
  TfBoardView *view;
  TfImportDialog *dialog;

  g_assert_cmpint (board, >, 0);
  view = tf_gui_test_open_board_view (fixture->window, board);
  g_assert_cmpint (tf_board_view_get_board_id (view), ==, board);
  drop_file_on (fixture, fixture->bundle, GTK_WIDGET (view),
                gtk_widget_get_width (GTK_WIDGET (view)) / 2.0, gtk_widget_get_height (GTK_WIDGET (view)) / 2.0);
  tf_gui_test_wait_until (import_dialog_shown, fixture, "the preview of a bundle dropped on a mockup");
  dialog = TF_IMPORT_DIALOG (tf_gui_test_find_toplevel (TF_TYPE_IMPORT_DIALOG));
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (dialog), "Laboratoire d'innovation régional"));
  g_assert_null (tf_gui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  shoot (fixture, "dropped-on-board.png");
  gtk_window_close (GTK_WINDOW (dialog));
  tf_gui_test_wait_until (import_dialog_gone, fixture, "the preview closed");
  tf_gui_test_settle (50);
  /* Nothing was added to the board, nor anywhere. */
  g_assert_cmpint (count_b (fixture, count_sql), ==, items);
  after = content_b (fixture);
  g_assert_cmpstr (before, ==, after);
}

static void
test_share_and_import (void)
{
  Fixture fixture = { 0 };

  fixture.dir = tf_test_make_dir ("test-bundle-gui");
  fixture.shots = g_strdup (g_getenv ("TF_SHOTS"));
  fixture.archive_a = tf_gui_test_archive_path ();
  fixture.archive_b = g_build_filename (fixture.dir, "b.sqlite", NULL);
  fixture.bundle = g_build_filename (fixture.dir, "demo.transfo", NULL);

  share_from_a (&fixture);
  import_into_b (&fixture);
  refuse_broken (&fixture);
  back_up (&fixture);
  drop_on_board (&fixture);

  tf_gui_test_stop (fixture.window, &fixture.app, &fixture.archive_b, 100);
  tf_gui_test_remove_dir (fixture.dir);
  g_free (fixture.dir);
  g_free (fixture.shots);
  g_free (fixture.bundle);
}

/* `transfo FILE.transfo` (a double click in the file manager): the
 * application's own command line, run as main() runs it, opens the window
 * and the file's import preview, with nothing written. */
typedef struct {
  GApplication *app;
  gint64        deadline;
  gboolean      shown;
  gboolean      says_title;
} CommandLine;

static gboolean
watch_preview (gpointer user_data)
{
  CommandLine *state = user_data;
  GtkWindow *dialog = tf_gui_test_find_toplevel (TF_TYPE_IMPORT_DIALOG);
  GListModel *toplevels;

  if (dialog == NULL && g_get_monotonic_time () < state->deadline)
    return G_SOURCE_CONTINUE;
  state->shown = dialog != NULL;
  state->says_title = dialog != NULL &&
                      tf_gui_test_find_label (GTK_WIDGET (dialog), "Laboratoire d'innovation régional") != NULL;
  toplevels = gtk_window_get_toplevels ();
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  g_application_quit (state->app);
  return G_SOURCE_REMOVE;
}

static void
test_command_line (void)
{
  g_autofree char *dir = tf_test_make_dir ("test-bundle-cli");
  g_autofree char *source = g_build_filename (dir, "a.sqlite", NULL);
  g_autofree char *archive = g_build_filename (dir, "b.sqlite", NULL);
  g_autofree char *bundle = g_build_filename (dir, "Démo.transfo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfApplication) app = NULL;
  CommandLine state = { 0 };
  char *argv[] = { (char *) "transfo", bundle, NULL };
  int status;

  {
    g_autoptr(TfStore) store = tf_store_open (source, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_DEMO, &error);

    g_assert_no_error (error);
    g_assert_true (tf_bundle_export (store, tf_archive_find_demo (store), 0, DEPARTMENT, FALSE, bundle,
                                     NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    tf_store_close (store);
  }

  app = tf_gui_test_new_application (archive);
  state.app = G_APPLICATION (app);
  state.deadline = g_get_monotonic_time () + TF_GUI_TEST_DEADLINE_MS * 1000;
  g_timeout_add (50, watch_preview, &state);
  status = g_application_run (G_APPLICATION (app), 2, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (state.shown);
  g_assert_true (state.says_title);
  /* The preview wrote nothing: the demo alone. */
  g_assert_cmpint (tf_gui_test_archive_int (archive, "SELECT count(*) FROM experiments"), ==, 1);
  g_assert_cmpint (tf_gui_test_archive_int (archive, "SELECT count(*) FROM experiment_origins"), ==, 0);
  g_clear_object (&app);
  tf_gui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;

  g_test_add_func ("/bundle-gui/share-and-import", test_share_and_import);
  g_test_add_func ("/bundle-gui/command-line", test_command_line);
  return g_test_run ();
}
