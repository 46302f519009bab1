/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile archives in the window: each case of tf-test-hostile.c opened on
 * its insight wall, drawn, zoomed and fitted with no critical (the suite
 * runs with G_DEBUG=fatal-criticals), what was left out counted on the
 * scene and told in a toast. */
#include "config.h"

#define G_LOG_DOMAIN "test-hostile-board"

#include <glib/gstdio.h>
#include <string.h>

#include "core/tf-store.h"
#include "tf-gui-test-util.h"
#include "tf-test-hostile.h"
#include "tf-test-util.h"

#define TIMEOUT_MS 10000

/* The demo archive, made by the program and closed, then made hostile.
 * Returns the demo wall's id, found before: a hostile kind id (one this
 * version does not know) leaves it a plain board. */
static gint64
make_archive (const char          *path,
              const TfTestHostile *hostile)
{
  g_autoptr(GError) error = NULL;
  TfStore *store = tf_test_store_open (path, TF_STORE_OPEN_CREATE, &error);
  gint64 board;

  g_assert_no_error (error);
  tf_store_close (store);
  g_object_unref (store);
  board = tf_gui_test_find_demo_board (path, "insight-wall", NULL);
  tf_test_hostile_apply (path, hostile->sql);
  return board;
}

static void
test_hostile_board (gconstpointer data)
{
  const TfTestHostile *hostile = data;
  g_autofree char *archive_path = tf_gui_test_archive_path ();
  g_autofree char *shot = NULL;
  TfApplication *app = NULL;
  TfWindow *window;
  TfBoardView *view;
  TfScene *scene;
  gint64 board;

  board = make_archive (archive_path, hostile);
  window = tf_gui_test_start (archive_path, &app);

  /* Opening the board draws a first frame of it. */
  view = tf_gui_test_open_board_view (window, board);
  scene = tf_board_view_get_scene (view);
  g_assert_nonnull (scene);
  g_assert_cmpuint (tf_scene_get_n_skipped (scene, TF_CONTENT_OK), ==, hostile->skipped ? 1 : 0);
  /* The valid notes are all there: 9 on the demo's wall, less the one left out. */
  g_assert_cmpuint (tf_scene_get_n_items (scene), >=, 8);

  if (hostile->skipped)
    tf_gui_test_wait_for_label (GTK_WIDGET (window), "could not be read", TIMEOUT_MS);

  /* More frames: zoomed in, then the whole board. */
  tf_board_view_set_zoom (view, TF_BOARD_VIEW_MAX_ZOOM);
  gtk_widget_queue_draw (GTK_WIDGET (view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.zoom-fit", NULL));
  tf_gui_test_settle (100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "canvas.select-all", NULL));
  gtk_widget_queue_draw (GTK_WIDGET (view));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  shot = g_build_filename (g_get_tmp_dir (), "transfo-hostile-board.png", NULL);
  tf_gui_test_save_screenshot (GTK_WIDGET (view), shot);
  g_unlink (shot);

  tf_gui_test_stop (window, &app, &archive_path, 100);
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 1;

  for (guint i = 0; i < tf_test_hostile_n_cases; i++)
    {
      g_autofree char *path = NULL;

      if (!tf_test_in_shard (i))
        continue;
      path = g_strdup_printf ("/transfo/gui/hostile/%s", tf_test_hostile_cases[i].name);

      g_test_add_data_func (path, &tf_test_hostile_cases[i], test_hostile_board);
    }
  return g_test_run ();
}
