/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-read-only"

#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "canvas/tf-item-kinds.h"
#include "insights/tf-note-kind.h"
#include "core/tf-archive.h"
#include "tf-application.h"
#include "tf-board-view-private.h"
#include "tf-experiment-view.h"
#include "tf-bin-dialog.h"
#include "tf-gui-test-util.h"
#include "tf-test-util.h"
#include "tf-window.h"

/* An archive on a read-only filesystem (a CD, a write-protected stick, a
 * share an IT department mounted read-only), honestly: a folder bound
 * read-only in a mount namespace of the test's own, so that even root
 * cannot write there. The window opens it, says so in a banner, and
 * changes nothing: typing on the wall writes no note, a drag moves none,
 * the edit actions are off. The file stays byte-identical. */

#define BANNER_TEXT "This archive is read-only: you can read, print and export it, not change it."

static gboolean private_namespace;

/* The first widget of @css_class under @root, leaving out what lies inside a
 * widget of type @skip (G_TYPE_INVALID: none). */
static GtkWidget *
find_css_class (GtkWidget  *root,
                const char *css_class,
                GType       skip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (skip != G_TYPE_INVALID && g_type_is_a (G_OBJECT_TYPE (child), skip))
        continue;
      if (gtk_widget_has_css_class (child, css_class))
        return child;
      if ((found = find_css_class (child, css_class, skip)) != NULL)
        return found;
    }
  return NULL;
}

static char **
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_steal (names, NULL);
}

static guint
count_notes (TfScene *scene)
{
  GPtrArray *items = tf_scene_get_items (scene);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    n += ((TfItem *) g_ptr_array_index (items, i))->kind == &tf_note_kind;
  return n;
}

static gboolean
canvas_enabled (TfBoardView *view,
                const char  *action)
{
  return g_action_group_get_action_enabled (tf_board_view_get_actions (view), action);
}

static void
test_read_only_filesystem (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *shot = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  TfApplication *app = NULL;
  TfWindow *window;
  TfBoardView *view;
  GtkWidget *banner, *revealer, *entry_row;
  gsize before_len, after_len;
  gint64 board_id;
  guint notes;
  TfItem *note = NULL;
  TfRect origin;
  GPtrArray *items;
  double sx, sy;

  if (!private_namespace)
    {
      g_test_skip ("a read-only mount needs root and a private mount namespace");
      return;
    }

  dir = tf_test_make_dir ("read-only");
  path = g_build_filename (dir, "archive.sqlite", NULL);
  {
    g_autoptr(TfStore) store = tf_test_store_open (path, TF_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    tf_store_close (store);
  }
  /* The lock file of the session that made it is not part of the archive. */
  {
    g_autofree char *lock = g_strconcat (path, ".lock", NULL);

    g_remove (lock);
  }
  board_id = tf_gui_test_find_demo_board (path, "insight-wall", NULL);
  g_assert_true (g_file_get_contents (path, &before, &before_len, &error));
  g_assert_no_error (error);

  g_assert_cmpint (mount (dir, dir, NULL, MS_BIND, NULL), ==, 0);
  g_assert_cmpint (mount (NULL, dir, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), ==, 0);

  window = tf_gui_test_start (path, &app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  g_assert_false (tf_window_get_editable (window));

  /* The banner under the header bar says what can be done. */
  /* The sidebar's: the experiment page has its own for when it is folded. */
  banner = find_css_class (GTK_WIDGET (window), "tf-banner", TF_TYPE_EXPERIMENT_VIEW);
  g_assert_nonnull (banner);
  revealer = gtk_widget_get_parent (banner);
  g_assert_true (GTK_IS_REVEALER (revealer));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  tf_gui_test_settle (100);
  g_assert_true (gtk_widget_get_mapped (banner));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (tf_gui_test_find_widget (banner, GTK_TYPE_LABEL))),
                   ==, BANNER_TEXT);
  /* Folded, the sidebar is out of sight: the experiment page says it. */
  {
    GtkWidget *page = tf_gui_test_find_widget (GTK_WIDGET (window), TF_TYPE_EXPERIMENT_VIEW);
    GtkWidget *own = find_css_class (page, "tf-banner", G_TYPE_INVALID);
    gboolean folded = tf_experiment_view_get_folded (TF_EXPERIMENT_VIEW (page));

    g_assert_nonnull (own);
    g_assert_cmpint (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (own))), ==, folded);
    tf_experiment_view_set_folded (TF_EXPERIMENT_VIEW (page), TRUE);
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (own))));
    tf_experiment_view_set_folded (TF_EXPERIMENT_VIEW (page), folded);
  }

  /* The experiment's fields read, not write. */
  entry_row = tf_gui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry_row);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (entry_row)));

  /* Ctrl+N does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-experiment", NULL);
  tf_gui_test_settle (100);
  g_assert_cmpuint (g_list_model_get_n_items (tf_window_get_experiments (window)), ==, 1);

  /* Move to Bin is off; the Bin only shows, and says why. */
  {
    GtkWidget *page = tf_gui_test_find_widget (GTK_WIDGET (window), TF_TYPE_EXPERIMENT_VIEW);
    GtkWindow *bin;

    gtk_widget_activate_action (page, "experiment.move-to-bin", NULL);
    tf_gui_test_settle (100);
    g_assert_cmpuint (g_list_model_get_n_items (tf_window_get_experiments (window)), ==, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-bin", NULL));
    tf_gui_test_settle (50);
    bin = tf_gui_test_find_toplevel (TF_TYPE_BIN_DIALOG);
    g_assert_nonnull (bin);
    g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (bin), "read-only"));
    gtk_window_destroy (bin);
  }

  /* On the wall, a letter starts no note. */
  view = tf_gui_test_open_board_view (window, board_id);
  g_assert_false (tf_board_view_get_editable (view));
  notes = count_notes (tf_board_view_get_scene (view));
  g_assert_cmpuint (notes, >, 0);
  tf_board_view_key_pressed (view, GDK_KEY_a, 0);
  tf_gui_test_settle (100);
  g_assert_false (tf_board_view_get_editing (view));
  g_assert_cmpuint (count_notes (tf_board_view_get_scene (view)), ==, notes);

  /* A drag on a note selects it and moves nothing. */
  items = tf_scene_get_items (tf_board_view_get_scene (view));
  for (guint i = 0; i < items->len && note == NULL; i++)
    if (((TfItem *) g_ptr_array_index (items, i))->kind == &tf_note_kind)
      note = g_ptr_array_index (items, i);
  origin = note->bounds;
  tf_board_view_to_widget (view, origin.x + origin.width / 2, origin.y + origin.height / 2,
                           &sx, &sy);
  tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, sx, sy);
  for (int step = 1; step <= 4; step++)
    tf_board_view_drag_update (view, GDK_ALT_MASK, 40 * step, 40 * step);
  tf_board_view_drag_end (view);
  tf_gui_test_settle (100);
  g_assert_cmpuint (tf_board_view_get_n_selected (view), ==, 1);
  g_assert_cmpfloat (tf_scene_lookup (tf_board_view_get_scene (view), note->id)->bounds.x, ==,
                     origin.x);

  /* Looking and copying stay; changing goes. */
  g_assert_true (canvas_enabled (view, "copy"));
  g_assert_true (canvas_enabled (view, "select-all"));
  g_assert_true (canvas_enabled (view, "zoom-fit"));
  g_assert_false (canvas_enabled (view, "delete"));
  g_assert_false (canvas_enabled (view, "paste"));
  g_assert_false (canvas_enabled (view, "duplicate"));
  g_assert_false (canvas_enabled (view, "edit"));
  g_assert_false (canvas_enabled (view, "new-cluster"));
  gtk_widget_activate_action (GTK_WIDGET (view), "canvas.delete", NULL);
  tf_gui_test_settle (100);
  g_assert_cmpuint (count_notes (tf_board_view_get_scene (view)), ==, notes);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  shot = g_build_filename (TF_BUILDDIR, "gui-read-only.png", NULL);
  tf_gui_test_save_screenshot (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                               shot);

  gtk_window_close (GTK_WINDOW (window));
  tf_gui_test_settle (100);
  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);

  /* Lazily: without g_application_run() the store may outlive the test. */
  g_assert_cmpint (umount2 (dir, MNT_DETACH), ==, 0);

  /* The file as it was, alone in its folder. */
  g_assert_true (g_file_get_contents (path, &after, &after_len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (after_len, ==, before_len);
  g_assert_true (memcmp (before, after, before_len) == 0);
  names = list_dir (dir);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "archive.sqlite");

  tf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Before any thread starts: a mount namespace of the test's own, whose
   * mounts nobody else sees. */
  private_namespace = geteuid () == 0 && unshare (CLONE_NEWNS) == 0 &&
                      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;

  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;  /* no display: skipped */

  g_test_add_func ("/transfo/gui/read-only/filesystem", test_read_only_filesystem);

  return g_test_run ();
}
