/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-mockup-xdnd"

#include <string.h>
#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>

#include "canvas/tf-scene.h"
#include "core/tf-asset-source.h"
#include "core/tf-history.h"
#include "core/tf-stamp-rows.h"
#include "gui/mockups/tf-mockup-gui.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-model.h"
#include "tf-board-view-private.h"
#include "tf-mockup-test-util.h"
#include "tf-test-util.h"
#include "tf-window.h"

/* Files dragged onto a mockup board from another X client, as from a file
 * manager: tests/gui/xdnd-source (a separate process, plain Xlib) owns the
 * XdndSelection and speaks XDND version 5 to the window, which GDK's X11
 * backend receives and hands to the view's GtkDropTarget; the file list
 * crosses the X server as text/uri-list. Nothing in this process emits a
 * drop: the window sees only what the X server delivers.
 *
 * /mockup-xdnd/photo: a PNG dropped on the empty board becomes a photo,
 * read back from the archive (its asset and its file name); with the
 * placement tool, an image dropped on the photo is placed on it and one
 * dropped beside it is added as a photo (the drop's point crossed root,
 * window and view coordinates).
 *
 * /mockup-xdnd/hostile: a damaged PNG dropped: the drop is finished, the
 * window says the file cannot be read and the archive's board is as it
 * was; the same for the open archive itself dropped (refused before it is
 * opened); a drag offering only bytes of no known type, or only text, is
 * refused in the target's XdndStatus (the source leaves, no data asked
 * for); the window still works.
 *
 * The source's log (what went over the wire) is in the test's log. No
 * sleeps: every wait is for a condition, under a deadline.
 * TRANSFO_TEST_SHOT: a screenshot of the archive's refusal, to look at. */

typedef TfMkFixture Fixture;

/* Waits until the board shows @n items of @kind, nothing left to decode. */
static void
wait_for_count (Fixture    *fixture,
                const char *kind,
                guint       n,
                const char *what)
{
  tf_mk_test_wait_count (fixture, kind, n, what);
  tf_mk_test_wait_for (fixture, tf_mk_test_nothing_pending, NULL, what);
}

/* --- The drag source, another X client --- */

typedef struct {
  gboolean  done;
  char     *output;
  int       status;
  GError   *error;
} Run;

static void
source_done (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  GSubprocess *process = G_SUBPROCESS (object);
  Run *run = data;

  if (g_subprocess_communicate_utf8_finish (process, result, &run->output, NULL, &run->error))
    run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  run->done = TRUE;
}

static gboolean
source_finished (Fixture *fixture,
                 gpointer data)
{
  return ((Run *) data)->done;
}

/* Board point (@bx, @by) in the X window's pixels. The view itself must
 * be what the window has there (no overlay over it). */
static void
board_to_window (Fixture *fixture,
                 double   bx,
                 double   by,
                 int     *wx,
                 int     *wy)
{
  graphene_point_t in, out;
  GtkWidget *picked;
  double x, y, sx, sy;

  tf_board_view_to_widget (fixture->view, bx, by, &x, &y);
  in = GRAPHENE_POINT_INIT (x, y);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (fixture->view), GTK_WIDGET (fixture->window), &in, &out));
  picked = gtk_widget_pick (GTK_WIDGET (fixture->window), out.x, out.y, GTK_PICK_DEFAULT);
  if (picked != GTK_WIDGET (fixture->view))
    g_error ("A %s, not the view, is at (%g, %g) in the window", picked != NULL ? G_OBJECT_TYPE_NAME (picked) : "nothing",
             out.x, out.y);
  gtk_native_get_surface_transform (GTK_NATIVE (fixture->window), &sx, &sy);
  *wx = (int) (out.x + sx + 0.5);
  *wy = (int) (out.y + sy + 0.5);
}

/* xdnd-source drags @path (its file:// URI) to board point (@bx, @by) of
 * the window and drops it there, offering @types (NULL: a file manager's);
 * the main loop runs meanwhile, for the window to answer. Returns the
 * source's exit status; its log in @log. */
static int
drag_file (Fixture    *fixture,
           const char *path,
           double      bx,
           double      by,
           const char *types,
           char      **log)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *xid = g_strdup_printf ("%lu", tf_mk_test_window_xid (fixture));
  g_autofree char *x = NULL, *y = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };
  int wx, wy;

  tf_mk_test_view_drawn (fixture);
  board_to_window (fixture, bx, by, &wx, &wy);
  x = g_strdup_printf ("%d", wx);
  y = g_strdup_printf ("%d", wy);
  g_ptr_array_add (argv, (gpointer) XDND_SOURCE);
  /* Its own deadline comes first: its log then says which step waited. */
  g_ptr_array_add (argv, (gpointer) "--timeout");
  g_ptr_array_add (argv, (gpointer) "45000");
  if (types != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--types");
      g_ptr_array_add (argv, (gpointer) types);
    }
  g_ptr_array_add (argv, xid);
  g_ptr_array_add (argv, x);
  g_ptr_array_add (argv, y);
  g_ptr_array_add (argv, uri);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, source_done, &run);
  tf_mk_test_wait_for (fixture, source_finished, &run, "the drag source's end");
  g_assert_no_error (run.error);
  g_test_message ("xdnd-source %s (exit %d):\n%s", path, run.status, run.output);
  *log = run.output;
  return run.status;
}

/* The lines of the source's log that prove the drop went through the X
 * server: the target was the window, it accepted a copy, asked for the
 * URIs and finished. */
static void
assert_dropped (Fixture    *fixture,
                int         status,
                const char *log)
{
  g_autofree char *target = g_strdup_printf ("target 0x%lx XdndAware version 5", tf_mk_test_window_xid (fixture));

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (log, target));
  g_assert_nonnull (strstr (log, "enter version 5 (types in XdndTypeList)"));
  g_assert_nonnull (strstr (log, "status accept=1 action=XdndActionCopy"));
  g_assert_nonnull (strstr (log, "request text/uri-list from "));
  g_assert_nonnull (strstr (log, "finished accepted=1 action=XdndActionCopy data-requests=1 x-errors=0"));
}

/* --- The archive read back --- */

typedef struct {
  gint64  id;
  char   *kind;
  TfRect  bounds;
  gint64  asset;
} Stored;

static void
stored_free (gpointer data)
{
  Stored *stored = data;

  g_free (stored->kind);
  g_free (stored);
}

/* The board's items in the archive itself (a read-only connection of the
 * test's own). */
static GPtrArray *
stored_items (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(TfScene) scene = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (stored_free);

  g_assert_no_error (error);
  scene = tf_scene_new_for_board (store, fixture->board_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tf_scene_get_items (scene)->len; i++)
    {
      TfItem *item = g_ptr_array_index (tf_scene_get_items (scene), i);
      const TfMkPhoto *photo = tf_mk_photo_item_get (item);
      Stored *stored = g_new0 (Stored, 1);

      stored->id = item->id;
      stored->kind = g_strdup (item->kind_id);
      stored->bounds = item->bounds;
      stored->asset = photo != NULL ? photo->asset : 0;
      g_ptr_array_add (found, stored);
    }
  return found;
}

static void
assert_same_items (GPtrArray *before,
                   GPtrArray *after)
{
  g_assert_cmpuint (before->len, ==, after->len);
  for (guint i = 0; i < before->len; i++)
    {
      Stored *a = g_ptr_array_index (before, i), *b = g_ptr_array_index (after, i);

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpstr (a->kind, ==, b->kind);
      g_assert_true (memcmp (&a->bounds, &b->bounds, sizeof a->bounds) == 0);
      g_assert_cmpint (a->asset, ==, b->asset);
    }
}

/* The stored photo of asset @asset: its file name, and its bytes read as
 * any renderer reads them. */
static void
assert_stored_photo (Fixture    *fixture,
                     gint64      asset,
                     const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(TfAssetSource) assets = tf_asset_source_new (fixture->archive_path);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *stored_name = NULL;
  g_autofree char *mime_type = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (asset, >, 0);
  g_assert_true (tf_asset_rows_name_of (store, asset, &stored_name, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stored_name, ==, name);
  bytes = tf_asset_source_load (assets, asset, &mime_type, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_true (g_str_has_prefix (mime_type, "image/"));
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
}

static const Stored *
stored_of_kind (GPtrArray  *items,
                const char *kind,
                guint       nth)
{
  for (guint i = 0; i < items->len; i++)
    {
      const Stored *stored = g_ptr_array_index (items, i);

      if (g_strcmp0 (stored->kind, kind) == 0 && nth-- == 0)
        return stored;
    }
  return NULL;
}

/* --- Fixture --- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tf_mk_test_start_board (fixture, "test-mockup-xdnd");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_mk_test_stop (fixture);
}

static gboolean
can_drag (Fixture *fixture)
{
  return GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (fixture->window)));
}

/* The view's centre, in board coordinates. */
static void
view_centre (Fixture *fixture,
             double  *bx,
             double  *by)
{
  tf_board_view_to_board (fixture->view, gtk_widget_get_width (GTK_WIDGET (fixture->view)) / 2.0,
                          gtk_widget_get_height (GTK_WIDGET (fixture->view)) / 2.0, bx, by);
}

/* --- The cases --- */

static void
test_photo (Fixture       *fixture,
            gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  g_autofree char *photo_path = tf_gui_test_write_png (fixture->dir, "bureau.png", 800, 600, 0.24, 0.55, 0.27);
  g_autofree char *image_path = tf_gui_test_write_png (fixture->dir, "affiche.png", 400, 200, 1, 0, 0);
  g_autofree char *beside_path = tf_gui_test_write_png (fixture->dir, "guichet.png", 300, 300, 0.4, 0.4, 0.6);
  g_autofree char *log = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const Stored *photo, *place;
  gint64 photo_id;
  TfItem *item;
  TfRect bounds;
  double bx, by;
  int status;

  if (!can_drag (fixture))
    {
      g_test_skip ("XDND needs an X11 display");
      return;
    }

  /* A PNG dragged from the file manager onto the empty board. */
  g_assert_true (tf_board_view_get_empty (view));
  view_centre (fixture, &bx, &by);
  status = drag_file (fixture, photo_path, bx, by, NULL, &log);
  assert_dropped (fixture, status, log);
  wait_for_count (fixture, TF_MK_PHOTO_KIND, 1, "the dropped file as a photo");

  /* In the archive: the board has the photo, the photo its asset, named
   * after the file dropped. */
  items = stored_items (fixture);
  g_assert_cmpuint (items->len, ==, 1);
  photo = stored_of_kind (items, TF_MK_PHOTO_KIND, 0);
  g_assert_nonnull (photo);
  assert_stored_photo (fixture, photo->asset, "bureau.png");
  photo_id = photo->id;
  item = tf_gui_test_find_kind (view, TF_MK_PHOTO_KIND);
  g_assert_cmpint (tf_mk_photo_item_get (item)->natural_width, ==, 800);
  bounds = item->bounds;

  /* With the placement tool, an image dropped on the photo is placed on
   * it: the drop's point reached the view where the source let go. */
  /* The photo at half the size that fits: room around it. */
  tf_board_view_fit_all (view, FALSE);
  tf_canvas_view_set_zoom (TF_CANVAS_VIEW (view), tf_board_view_get_zoom (view) / 2);
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_PLACE);
  g_clear_pointer (&log, g_free);
  status = drag_file (fixture, image_path, bounds.x + bounds.width / 2, bounds.y + bounds.height / 2, NULL, &log);
  assert_dropped (fixture, status, log);
  wait_for_count (fixture, TF_MK_PLACE_KIND, 1, "the dropped image placed on the photo");
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_PHOTO_KIND), ==, 1);

  /* Beside the photo (halfway between the view's left edge and the
   * photo's), the same tool adds a photo instead. */
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_PLACE);
  g_clear_pointer (&log, g_free);
  {
    double left, middle;

    tf_board_view_to_widget (view, bounds.x, bounds.y + bounds.height / 2, &left, &middle);
    g_assert_cmpfloat (left, >, 100);
    tf_board_view_to_board (view, left / 2, middle, &bx, &by);
    g_assert_cmpint (tf_mockup_gui_photo_at (view, bx, by), ==, 0);
  }
  status = drag_file (fixture, beside_path, bx, by, NULL, &log);
  assert_dropped (fixture, status, log);
  wait_for_count (fixture, TF_MK_PHOTO_KIND, 2, "the image dropped beside the photo as a photo");
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_PLACE_KIND), ==, 1);

  g_clear_pointer (&items, g_ptr_array_unref);
  photo = NULL;
  items = stored_items (fixture);
  place = stored_of_kind (items, TF_MK_PLACE_KIND, 0);
  g_assert_nonnull (place);
  g_assert_cmpint (tf_mk_place_item_get (tf_gui_test_find_kind (view, TF_MK_PLACE_KIND))->photo, ==, photo_id);
  g_assert_nonnull (stored_of_kind (items, TF_MK_PHOTO_KIND, 1));
  for (guint i = 0; i < 2; i++)
    {
      const Stored *each = stored_of_kind (items, TF_MK_PHOTO_KIND, i);

      assert_stored_photo (fixture, each->asset, each->id == photo_id ? "bureau.png" : "guichet.png");
    }
}

static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *photo_path = tf_gui_test_write_png (fixture->dir, "vitrine.png", 640, 480, 0.8, 0.7, 0.5);
  g_autofree char *damaged_path = g_build_filename (fixture->dir, "abimee.png", NULL);
  g_autofree char *log = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  double bx, by;
  int status;

  if (!can_drag (fixture))
    {
      g_test_skip ("XDND needs an X11 display");
      return;
    }

  view_centre (fixture, &bx, &by);
  status = drag_file (fixture, photo_path, bx, by, NULL, &log);
  assert_dropped (fixture, status, log);
  wait_for_count (fixture, TF_MK_PHOTO_KIND, 1, "the dropped file as a photo");
  before = stored_items (fixture);
  g_assert_cmpuint (before->len, ==, 1);

  /* A PNG cut at a third, dragged in: the window takes the drop (the
   * file manager is done) and then refuses the file with one message. */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (photo_path, &contents, &length, &error));
    g_assert_true (g_file_set_contents (damaged_path, contents, (gssize) length / 3, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&log, g_free);
  view_centre (fixture, &bx, &by);
  status = drag_file (fixture, damaged_path, bx, by, NULL, &log);
  assert_dropped (fixture, status, log);
  {
    /* The message names the file. */
    g_autofree char *refusal = g_strdup_printf (_("“%s” is damaged or truncated and cannot be read"), "abimee.png");

    tf_gui_test_wait_for_label (GTK_WIDGET (fixture->window), refusal, TF_GUI_TEST_DEADLINE_MS);
  }
  tf_mk_test_wait_for (fixture, tf_mk_test_nothing_pending, NULL, "the damaged file given up");
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_PHOTO_KIND), ==, 1);
  after = stored_items (fixture);
  assert_same_items (before, after);

  /* The open archive itself dragged in (from the file manager's view of
   * its folder): refused before it is opened, which would drop the
   * window's locks on it. */
  g_clear_pointer (&log, g_free);
  status = drag_file (fixture, fixture->archive_path, bx, by, NULL, &log);
  assert_dropped (fixture, status, log);
  {
    g_autofree char *display = g_filename_display_name (fixture->archive_path);
    g_autofree char *message = g_strdup_printf (_("%s is the archive Transfo has open, not a file to read from"),
                                                display);

    tf_gui_test_wait_for_label (GTK_WIDGET (fixture->window), message, TF_GUI_TEST_DEADLINE_MS);
  }
  if (g_getenv ("TRANSFO_TEST_SHOT") != NULL)
    tf_gui_test_shoot_screen (GTK_WIDGET (fixture->window), g_getenv ("TRANSFO_TEST_SHOT"));
  tf_mk_test_wait_for (fixture, tf_mk_test_nothing_pending, NULL, "the archive refused");
  g_clear_pointer (&after, g_ptr_array_unref);
  after = stored_items (fixture);
  assert_same_items (before, after);

  /* A drag of bytes of no known type, then one of text only (what a text
   * editor drags): nothing a mockup takes, the target says so in its
   * status, the source leaves without a drop, no data is asked for; the
   * text is never shown as taken (only an actor map takes the stamp
   * palette's texts). */
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&log, g_free);
      status = drag_file (fixture, photo_path, bx, by,
                          i == 0 ? "application/octet-stream" : "text/plain;charset=utf-8,UTF8_STRING,text/plain",
                          &log);
      g_assert_cmpint (status, ==, 2);
      g_assert_nonnull (strstr (log, "status accept=0"));
      g_assert_null (strstr (log, "status accept=1"));
      g_assert_nonnull (strstr (log, "\nleave\n"));
      g_assert_null (strstr (log, "request "));
      g_assert_null (strstr (log, "drop time"));
      g_clear_pointer (&after, g_ptr_array_unref);
      after = stored_items (fixture);
      assert_same_items (before, after);
    }

  /* The window still works: the photo's drop undone. */
  g_assert_true (tf_history_undo (tf_window_get_history (fixture->window), NULL));
  wait_for_count (fixture, TF_MK_PHOTO_KIND, 0, "the dropped photo undone");
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  g_test_add ("/mockup-xdnd/photo", Fixture, NULL, fixture_set_up, test_photo, fixture_tear_down);
  g_test_add ("/mockup-xdnd/hostile", Fixture, NULL, fixture_set_up, test_hostile, fixture_tear_down);
  return g_test_run ();
}
