/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-test"

#include <math.h>
#include <gdk/x11/gdkx.h>

#include "gui/mockups/tf-mockup-gui.h"
#include "mockups/tf-mockup-kinds.h"
#include "tf-board-view-private.h"
#include "tf-mockup-test-util.h"

void
tf_mk_test_start (TfMkFixture *fixture,
                  const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", name);

  fixture->archive_path = tf_gui_test_archive_path ();
  fixture->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  fixture->window = tf_gui_test_start (fixture->archive_path, &fixture->app);
  tf_gui_test_apply_size (fixture->window);
}

void
tf_mk_test_new_board (TfMkFixture *fixture)
{
  fixture->view = tf_gui_test_new_board (fixture->window, fixture->archive_path, "mockup", "Accueil",
                                         &fixture->experiment_id, &fixture->board_id);
  g_assert_nonnull (fixture->view->type_gui);
  g_assert_cmpstr (fixture->view->type_gui->type_id, ==, "mockup");
}

void
tf_mk_test_start_board (TfMkFixture *fixture,
                        const char  *name)
{
  tf_mk_test_start (fixture, name);
  tf_mk_test_new_board (fixture);
}

void
tf_mk_test_add_photo (TfMkFixture *fixture,
                      const char  *file,
                      int          width,
                      int          height,
                      double       r,
                      double       g,
                      double       b)
{
  g_autofree char *path = tf_gui_test_write_png (fixture->dir, file, width, height, r, g, b);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  guint before = tf_mk_test_count_kind (fixture, TF_MK_PHOTO_KIND);
  TfScene *scene;
  TfItem *photo = NULL;

  g_assert_true (tf_mockup_gui_add_file (fixture->view, gfile, -1));
  tf_mk_test_wait_count (fixture, TF_MK_PHOTO_KIND, before + 1, "the photo on the board");
  tf_mk_test_wait_for (fixture, tf_mk_test_nothing_pending, NULL, "the photo's decoding done");
  /* The newest photo: the last one in the scene's order. */
  scene = tf_board_view_get_scene (fixture->view);
  for (guint i = 0; i < tf_scene_get_items (scene)->len; i++)
    {
      TfItem *item = g_ptr_array_index (tf_scene_get_items (scene), i);

      if (g_strcmp0 (item->kind_id, TF_MK_PHOTO_KIND) == 0 && (photo == NULL || item->id > photo->id))
        photo = item;
    }
  g_assert_nonnull (photo);
  fixture->photo_id = photo->id;
  fixture->photo = photo->bounds;
  tf_gui_test_settle (20);
  tf_board_view_fit_all (fixture->view, FALSE);
}

void
tf_mk_test_stop (TfMkFixture *fixture)
{
  tf_gui_test_stop (fixture->window, &fixture->app, &fixture->archive_path, 100);
  if (fixture->dir != NULL)
    tf_gui_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

typedef struct {
  TfMkFixture   *fixture;
  TfMkCondition  condition;
  gpointer       data;
} Waiting;

static gboolean
waiting_holds (gpointer data)
{
  Waiting *waiting = data;

  return waiting->condition (waiting->fixture, waiting->data);
}

void
tf_mk_test_wait_for (TfMkFixture   *fixture,
                     TfMkCondition  condition,
                     gpointer       data,
                     const char    *what)
{
  Waiting waiting = { fixture, condition, data };

  tf_gui_test_wait_until (waiting_holds, &waiting, what);
}

TfItem *
tf_mk_test_find_kind (TfMkFixture *fixture,
                      const char  *kind)
{
  return tf_gui_test_find_kind (fixture->view, kind);
}

guint
tf_mk_test_count_kind (TfMkFixture *fixture,
                       const char  *kind)
{
  TfScene *scene = tf_board_view_get_scene (fixture->view);
  guint n = 0;

  for (guint i = 0; scene != NULL && i < tf_scene_get_items (scene)->len; i++)
    if (g_strcmp0 (((TfItem *) g_ptr_array_index (tf_scene_get_items (scene), i))->kind_id, kind) == 0)
      n++;
  return n;
}

typedef struct {
  const char *kind;
  guint       n;
} Count;

static gboolean
count_is (TfMkFixture *fixture,
          gpointer     data)
{
  const Count *count = data;

  return tf_mk_test_count_kind (fixture, count->kind) == count->n;
}

void
tf_mk_test_wait_count (TfMkFixture *fixture,
                       const char  *kind,
                       guint        n,
                       const char  *what)
{
  Count count = { kind, n };

  tf_mk_test_wait_for (fixture, count_is, &count, what);
}

gboolean
tf_mk_test_has_kind (TfMkFixture *fixture,
                     gpointer     data)
{
  return tf_mk_test_find_kind (fixture, data) != NULL;
}

gboolean
tf_mk_test_nothing_pending (TfMkFixture *fixture,
                            gpointer     data)
{
  return tf_mockup_gui_get_n_pending (fixture->view) == 0;
}

gboolean
tf_mk_test_tool_is_select (TfMkFixture *fixture,
                           gpointer     data)
{
  GActionGroup *group = tf_board_view_lookup_actions (fixture->view, "mockup");
  g_autoptr(GVariant) state = group != NULL ? g_action_group_get_action_state (group, "tool") : NULL;

  return tf_board_view_get_tool (fixture->view) == NULL && state != NULL &&
         g_str_equal (g_variant_get_string (state, NULL), "select");
}

void
tf_mk_test_view_drawn (TfMkFixture *fixture)
{
  tf_gui_test_settle (50);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->view));
}

void
tf_mk_test_shoot (TfMkFixture *fixture,
                  const char  *name)
{
  const char *dir = g_getenv ("TF_SHOTS");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  tf_gui_test_shoot_screen (GTK_WIDGET (fixture->window), path);
}

gulong
tf_mk_test_window_xid (TfMkFixture *fixture)
{
  return gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (fixture->window)));
}

void
tf_mk_test_to_window (TfMkFixture *fixture,
                      double       x,
                      double       y,
                      int         *wx,
                      int         *wy)
{
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;
  double sx, sy;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (fixture->view), GTK_WIDGET (fixture->window), &in, &out));
  gtk_native_get_surface_transform (GTK_NATIVE (fixture->window), &sx, &sy);
  *wx = (int) lround (out.x + sx);
  *wy = (int) lround (out.y + sy);
}
