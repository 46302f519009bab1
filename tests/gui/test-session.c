/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-session"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "canvas/tf-item-kinds.h"
#include "insights/tf-note-kind.h"
#include "core/tf-archive.h"
#include "tf-application.h"
#include "tf-board-view-private.h"
#include "tf-experiment-view.h"
#include "tf-gui-test-util.h"
#include "tf-test-util.h"
#include "tf-window.h"

/* A whole session as a person has it: the application runs (its own main
 * loop, g_application_run), insights are typed on the demo's wall, one is
 * moved, an experiment is added, then the application quits as Ctrl+Q
 * does. The .sqlite file alone, copied elsewhere as one copies an archive
 * to a USB stick, must hold every edit, with no -wal or -shm left beside
 * the original. And while the window is open, the log is folded into the
 * file once the person pauses. */

#define NEW_TITLE "Atelier mobilités douces"

static const char *typed[] = {
  "Les agents découvrent le dossier le matin même.",
  "Personne ne sait qui valide le budget.",
};

typedef struct {
  char          *archive_path;
  TfApplication *app;
  gint64         board_id;
  gint64         moved_id;
  TfRect         moved_to;
  gboolean       done;
} Session;

static gboolean
file_exists (const char *path,
             const char *suffix)
{
  g_autofree char *companion = g_strconcat (path, suffix, NULL);

  return g_file_test (companion, G_FILE_TEST_EXISTS);
}

static goffset
file_size (const char *path,
           const char *suffix)
{
  g_autofree char *companion = g_strconcat (path, suffix, NULL);
  GStatBuf st;

  if (g_stat (companion, &st) != 0)
    return -1;
  return st.st_size;
}

static void
type_note (TfBoardView *view,
           const char  *text)
{
  GtkTextBuffer *buffer;

  /* A letter starts the first note holding it; Enter opens the next one. */
  if (!tf_board_view_get_editing (view))
    {
      g_assert_true (tf_board_view_key_pressed (view, gdk_unicode_to_keyval (g_utf8_get_char (text)),
                                                0));
      text = g_utf8_next_char (text);
    }
  buffer = gtk_text_view_get_buffer (view->editor_text);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  g_assert_true (tf_board_view_editor_key (view, GDK_KEY_Return, 0));
  tf_gui_test_settle (100);
}

/* Types the insights, moves one note, adds an experiment: every edit is
 * committed to the archive as the person makes it. */
static void
make_edits (Session  *session,
            TfWindow *window)
{
  TfBoardView *view;
  TfItem *note = NULL;
  GPtrArray *items;
  GtkWidget *focus;
  double sx, sy;

  view = tf_gui_test_open_board_view (window, session->board_id);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    type_note (view, typed[i]);
  g_assert_true (tf_board_view_editor_key (view, GDK_KEY_Escape, 0));
  tf_gui_test_settle (100);

  /* The first demo note, dragged 300 units to the right (Alt: no snapping). */
  items = tf_scene_get_items (tf_board_view_get_scene (view));
  for (guint i = 0; i < items->len && note == NULL; i++)
    if (((TfItem *) g_ptr_array_index (items, i))->kind == &tf_note_kind &&
        ((TfItem *) g_ptr_array_index (items, i))->parent_id == 0)
      note = g_ptr_array_index (items, i);
  g_assert_nonnull (note);
  session->moved_id = note->id;
  session->moved_to = note->bounds;
  session->moved_to.x += 300;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.zoom-fit", NULL));
  tf_gui_test_settle (100);
  tf_board_view_to_widget (view, note->bounds.x + note->bounds.width / 2,
                           note->bounds.y + note->bounds.height / 2, &sx, &sy);
  tf_board_view_clear_selection (view);
  tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, sx, sy);
  g_assert_cmpint (view->drag_mode, ==, TF_DRAG_MOVE);
  for (int step = 1; step <= 4; step++)
    tf_board_view_drag_update (view, GDK_ALT_MASK, 300 * tf_board_view_get_zoom (view) * step / 4,
                               0);
  tf_board_view_drag_end (view);
  tf_gui_test_settle (100);
  g_assert_cmpfloat (fabs (tf_scene_lookup (tf_board_view_get_scene (view),
                                            session->moved_id)->bounds.x - session->moved_to.x),
                     <, 0.5);

  /* A new experiment, its title typed and confirmed with Enter. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-board", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-experiment", NULL));
  tf_gui_test_settle (100);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_TEXT (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), NEW_TITLE);
  g_signal_emit_by_name (focus, "activate");
  tf_gui_test_settle (100);
}

/* What another process reads from @path: every edit of the session. */
static void
assert_edits_in (Session    *session,
                 const char *path)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(GListStore) experiments = NULL;
  g_autoptr(GError) error = NULL;
  TfFilter filter = TF_FILTER_INIT;
  gboolean found_title = FALSE;
  GPtrArray *items;
  TfItem *moved;

  store = tf_store_open (path, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  scene = tf_scene_new_for_board (store, session->board_id, &error);
  g_assert_no_error (error);
  items = tf_scene_get_items (scene);
  for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < items->len; i++)
        found |= g_strcmp0 (((TfItem *) g_ptr_array_index (items, i))->text, typed[t]) == 0;
      g_assert_true (found);
    }
  moved = tf_scene_lookup (scene, session->moved_id);
  g_assert_nonnull (moved);
  g_assert_cmpfloat (fabs (moved->bounds.x - session->moved_to.x), <, 0.5);
  g_assert_cmpfloat (fabs (moved->bounds.y - session->moved_to.y), <, 0.5);

  experiments = tf_archive_list_experiments (store, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (experiments)); i++)
    {
      g_autoptr(TfExperiment) experiment = g_list_model_get_item (G_LIST_MODEL (experiments), i);

      found_title |= g_strcmp0 (tf_experiment_get_title (experiment), NEW_TITLE) == 0;
    }
  g_assert_true (found_title);
}

/* Copies the .sqlite file, and only it, into a fresh folder. */
static char *
copy_alone (const char *path)
{
  g_autofree char *dir = tf_test_make_dir ("copy");
  char *copy = g_build_filename (dir, "archive.sqlite", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (path);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;

  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return copy;
}

static void
remove_copy (char *copy)
{
  g_autofree char *dir = g_path_get_dirname (copy);

  tf_test_remove_tree (dir);
  g_free (copy);
}

/* Runs inside g_application_run(), once the window is up. */
static gboolean
session_script (gpointer user_data)
{
  Session *session = user_data;
  TfWindow *window = TF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (session->app)));

  g_assert_true (TF_IS_WINDOW (window));
  tf_gui_test_wait_ready (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  make_edits (session, window);

  /* While the window is open the edits are committed, most of them only
   * in the log: this is what Ctrl+Q must fold into the file. */
  g_assert_cmpint (file_size (session->archive_path, "-wal"), >, 0);

  session->done = TRUE;
  /* Ctrl+Q. */
  g_action_group_activate_action (G_ACTION_GROUP (session->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
session_activated (GApplication *app,
                   Session      *session)
{
  g_idle_add (session_script, session);
}

static void
test_session_quit_leaves_one_file (void)
{
  Session session = { 0 };
  char *argv[] = { (char *) "test-session", NULL };
  char *copy;
  int status;

  session.archive_path = tf_test_archive_path ("session");
  {
    /* The archive as a first launch makes it, with the demo. */
    g_autoptr(GError) error = NULL;
    g_autoptr(TfStore) store = tf_test_store_open (session.archive_path, TF_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    tf_store_close (store);
  }
  session.board_id = tf_gui_test_find_demo_board (session.archive_path, "insight-wall",
                                                  NULL);

  session.app = tf_gui_test_new_application (session.archive_path);
  g_signal_connect_after (session.app, "activate", G_CALLBACK (session_activated), &session);
  status = g_application_run (G_APPLICATION (session.app), 1, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (session.done);

  /* The archive is one file again. */
  g_assert_false (file_exists (session.archive_path, "-wal"));
  g_assert_false (file_exists (session.archive_path, "-shm"));

  copy = copy_alone (session.archive_path);
  assert_edits_in (&session, copy);
  remove_copy (copy);

  g_clear_object (&session.app);
  tf_test_remove_archive (session.archive_path);
  g_free (session.archive_path);
}

/* The window open, a pause after the edits: the log is folded into the
 * file and truncated, and the file alone already holds the edits. */
static void
test_session_idle_checkpoint (void)
{
  Session session = { 0 };
  TfWindow *window;
  gboolean expired = FALSE;
  guint timeout;
  char *copy;

  session.archive_path = tf_gui_test_archive_path ();
  window = tf_gui_test_start (session.archive_path, &session.app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  session.board_id = tf_gui_test_find_demo_board (session.archive_path, "insight-wall",
                                                  NULL);
  make_edits (&session, window);
  g_assert_cmpint (file_size (session.archive_path, "-wal"), >, 0);

  /* A checkpoint comes a few seconds after the last edit; 20 s at most. */
  timeout = g_timeout_add (20000, tf_test_timed_out, &expired);
  while (file_size (session.archive_path, "-wal") > 0 && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (timeout);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  copy = copy_alone (session.archive_path);
  assert_edits_in (&session, copy);
  remove_copy (copy);

  tf_gui_test_stop (window, &session.app, &session.archive_path, 100);
}

int
main (int   argc,
      char *argv[])
{
  /* Views jump instead of gliding: what the tests check happens at once. */
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;  /* no display: skipped */

  g_test_add_func ("/transfo/gui/session/quit-leaves-one-file", test_session_quit_leaves_one_file);
  g_test_add_func ("/transfo/gui/session/idle-checkpoint", test_session_idle_checkpoint);

  return g_test_run ();
}
