/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-mockup-window"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "core/tf-archive.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-history.h"
#include "exports/tf-export.h"
#include "exports/tf-export-source.h"
#include "gui/mockups/tf-mockup-gui.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-model.h"
#include "tf-board-view-private.h"
#include "tf-gui-test-util.h"
#include "tf-test-util.h"
#include "tf-window.h"

/* A photo-mockup made in the real window: a PNG photo handed over as a
 * drop hands it (a file, read and decoded by the sandboxed helper in the
 * background), an image placed on it and its four corners moved with the
 * keyboard (1–4, Shift+arrows, Enter), a numbered callout clicked on with
 * the callout tool and its legend typed in its field; then the board's PDF
 * export read back with Poppler: the callout's number and legend in the
 * text, the placed image's red where its corners put it.
 *
 * TRANSFO_TEST_SIZE=800x600 sets the window's size, TRANSFO_TEST_SHOT a
 * screenshot's path (for looking at it by hand). */

#define LEGEND "Accueil sans rendez-vous"

typedef struct {
  char          *archive_path;
  char          *dir;
  TfApplication *app;
  TfWindow      *window;
  TfBoardView   *view;
  gint64         experiment_id;
  gint64         board_id;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture,
                               gpointer data);

static void
wait_for (Fixture    *fixture,
          Condition   condition,
          gpointer    data,
          const char *what)
{
  gint64 deadline = g_get_monotonic_time () + TF_GUI_TEST_DEADLINE_MS * 1000;

  while (!condition (fixture, data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      if (!g_main_context_pending (NULL))
        g_usleep (1000);
    }
}

static TfItem *
find_kind (Fixture    *fixture,
           const char *kind)
{
  TfScene *scene = tf_board_view_get_scene (fixture->view);

  for (guint i = 0; scene != NULL && i < tf_scene_get_items (scene)->len; i++)
    {
      TfItem *item = g_ptr_array_index (tf_scene_get_items (scene), i);

      if (g_strcmp0 (item->kind_id, kind) == 0)
        return item;
    }
  return NULL;
}

static gboolean
has_kind (Fixture *fixture,
          gpointer data)
{
  return find_kind (fixture, data) != NULL;
}

static gboolean
nothing_pending (Fixture *fixture,
                 gpointer data)
{
  return tf_mockup_gui_get_n_pending (fixture->view) == 0;
}

static gboolean
callout_says (Fixture *fixture,
              gpointer data)
{
  TfItem *item = find_kind (fixture, TF_MK_CALLOUT_KIND);

  return item != NULL && g_strcmp0 (item->text, data) == 0;
}

static gboolean
corners_are (Fixture *fixture,
             gpointer data)
{
  const TfQuad *want = data;
  TfItem *item = find_kind (fixture, TF_MK_PLACE_KIND);
  TfQuad quad;

  if (item == NULL || !tf_mk_place_item_quad (item, &quad))
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (fabs (quad.p[i].x - want->p[i].x) > 0.01 || fabs (quad.p[i].y - want->p[i].y) > 0.01)
      return FALSE;
  return TRUE;
}

static gboolean
popover_entry_shown (Fixture *fixture,
                     gpointer data)
{
  GtkWidget *popover = tf_gui_test_find_widget (GTK_WIDGET (fixture->view), GTK_TYPE_POPOVER);

  return popover != NULL && gtk_widget_get_visible (popover) &&
         tf_gui_test_find_widget (popover, GTK_TYPE_ENTRY) != NULL;
}

/* A PNG of @width × @height filled with one colour, with a lighter band
 * (so that the photo is not flat). */
static char *
write_png (Fixture    *fixture,
           const char *name,
           int         width,
           int         height,
           double      r,
           double      g,
           double      b)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  char *path = g_build_filename (fixture->dir, name, NULL);

  cairo_set_source_rgb (cr, r, g, b);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static void
shoot (Fixture    *fixture,
       const char *path)
{
  g_autofree char *import = g_find_program_in_path ("import");
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;

  tf_test_run_for (300);
  if (import == NULL)
    {
      tf_gui_test_save_screenshot (GTK_WIDGET (fixture->window), path);
      return;
    }
  command = g_strdup_printf ("%s -window root %s", import, path);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  TfHistory *history;
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  const char *size = g_getenv ("TRANSFO_TEST_SIZE");

  fixture->archive_path = tf_gui_test_archive_path ();
  fixture->dir = g_dir_make_tmp ("test-mockup-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->window = tf_gui_test_start (fixture->archive_path, &fixture->app);
  if (size != NULL)
    {
      int w = 0, h = 0;

      if (sscanf (size, "%dx%d", &w, &h) == 2)
        gtk_window_set_default_size (GTK_WINDOW (fixture->window), w, h);
    }
  history = tf_window_get_history (fixture->window);
  tf_gui_test_find_demo_board (fixture->archive_path, "insight-wall", &fixture->experiment_id);
  command = tf_command_add_board (fixture->experiment_id, "mockup", "Accueil");
  g_assert_true (tf_history_execute (history, command, &error));
  g_assert_no_error (error);
  fixture->board_id = tf_command_get_result_id (command);
  g_assert_cmpint (fixture->board_id, !=, 0);
  fixture->view = tf_gui_test_open_board_view (fixture->window, fixture->board_id);
  g_assert_nonnull (fixture->view->type_gui);
  g_assert_cmpstr (fixture->view->type_gui->type_id, ==, "mockup");
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_gui_test_stop (fixture->window, &fixture->app, &fixture->archive_path, 100);
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Moves the selected placement's corner @corner by @dx, @dy steps of ten
 * screen pixels (Shift+arrows). */
static void
nudge (Fixture *fixture,
       int      corner,
       int      dx,
       int      dy)
{
  TfBoardView *view = fixture->view;

  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_1 + corner, 0));
  g_assert_cmpint (tf_mockup_gui_get_corner (view, NULL), ==, corner);
  for (int i = 0; i < abs (dx); i++)
    g_assert_true (tf_board_view_key_pressed (view, dx < 0 ? GDK_KEY_Left : GDK_KEY_Right, GDK_SHIFT_MASK));
  for (int i = 0; i < abs (dy); i++)
    g_assert_true (tf_board_view_key_pressed (view, dy < 0 ? GDK_KEY_Up : GDK_KEY_Down, GDK_SHIFT_MASK));
}

typedef struct {
  int    width;
  int    height;
  guchar *data;
  int    stride;
} Pixels;

static gboolean
is_photo_colour (const guchar *p)
{
  /* ARGB32 little-endian: B, G, R, A. The photo: (50, 100, 140). */
  return abs (p[2] - 50) < 20 && abs (p[1] - 100) < 20 && abs (p[0] - 140) < 20;
}

static gboolean
is_red (const guchar *p)
{
  return p[2] > 200 && p[1] < 60 && p[0] < 60;
}

static void
test_mockup_window (Fixture       *fixture,
                    gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  g_autofree char *photo_path = write_png (fixture, "bureau.png", 800, 600, 50 / 255.0, 100 / 255.0, 140 / 255.0);
  g_autofree char *image_path = write_png (fixture, "affiche.png", 400, 200, 1, 0, 0);
  g_autoptr(GFile) photo_file = g_file_new_for_path (photo_path);
  g_autoptr(GFile) image_file = g_file_new_for_path (image_path);
  const char *shot = g_getenv ("TRANSFO_TEST_SHOT");
  TfItem *photo, *place, *callout;
  gint64 photo_id, place_id;
  TfRect photo_bounds;
  TfQuad quad, before;
  double x, y;

  /* The photo, as a dropped file is: read, decoded in the helper, stored. */
  g_assert_true (tf_board_view_get_empty (view));
  g_assert_true (tf_mockup_gui_add_file (view, photo_file, -1));
  g_assert_cmpuint (tf_mockup_gui_get_n_pending (view), >, 0);
  wait_for (fixture, has_kind, (gpointer) TF_MK_PHOTO_KIND, "the photo on the board");
  wait_for (fixture, nothing_pending, NULL, "the photo's decoding done");
  photo = find_kind (fixture, TF_MK_PHOTO_KIND);
  photo_id = photo->id;
  photo_bounds = photo->bounds;
  g_assert_cmpfloat_with_epsilon (photo_bounds.width / photo_bounds.height, 800.0 / 600.0, 0.01);
  g_assert_cmpint (tf_mk_photo_item_get (photo)->natural_width, ==, 800);

  /* An image placed on it (what the placement tool's chooser hands over). */
  g_assert_true (tf_mockup_gui_place_file (view, photo_id, image_file));
  wait_for (fixture, has_kind, (gpointer) TF_MK_PLACE_KIND, "the image placed");
  wait_for (fixture, nothing_pending, NULL, "the image's decoding done");
  place = find_kind (fixture, TF_MK_PLACE_KIND);
  place_id = place->id;
  tf_board_view_select (view, &place_id, 1);
  tf_gui_test_settle (20);
  g_assert_true (tf_mk_place_item_quad (place, &before));

  /* Its four corners, with the keyboard: a poster seen from the left. */
  nudge (fixture, 0, -3, -2);
  nudge (fixture, 1, 4, 3);
  nudge (fixture, 2, 4, -3);
  nudge (fixture, 3, -3, 2);
  g_assert_cmpint (tf_mockup_gui_get_corner (view, &quad), ==, 3);
  g_assert_cmpfloat (quad.p[0].x, <, before.p[0].x);
  g_assert_cmpfloat (quad.p[1].y, >, before.p[1].y);
  if (shot != NULL)
    {
      g_autofree char *live = g_strconcat (shot, ".corners.png", NULL);

      shoot (fixture, live);
    }
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_Return, 0));
  wait_for (fixture, corners_are, &quad, "the corners stored");
  g_assert_cmpint (tf_mockup_gui_get_corner (view, NULL), ==, -1);

  /* Undo puts them back, redo moves them again: one step. */
  g_assert_true (tf_history_undo (tf_window_get_history (fixture->window), NULL));
  wait_for (fixture, corners_are, &before, "the corners back");
  g_assert_true (tf_history_redo (tf_window_get_history (fixture->window), NULL));
  wait_for (fixture, corners_are, &quad, "the corners again");

  /* A dented quad is refused: the corner goes back, nothing stored. */
  tf_board_view_select (view, &place_id, 1);
  {
    TfQuad dented = quad;
    double cx = (quad.p[0].x + quad.p[2].x) / 2, cy = (quad.p[0].y + quad.p[2].y) / 2;
    double zoom = tf_board_view_get_zoom (view);
    int steps_x = (int) ceil ((cx - quad.p[1].x) * zoom / 10), steps_y = (int) ceil ((cy - quad.p[1].y) * zoom / 10);

    /* The top-right corner pulled in past the centre. */
    nudge (fixture, 1, steps_x + 2, steps_y + 2);
    g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_Return, 0));
    tf_gui_test_settle (20);
    g_assert_true (corners_are (fixture, &quad));
    g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (fixture->window), "inwards"));
    (void) dented;
  }

  /* A numbered callout, clicked with its tool on the photo's top left. */
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_CALLOUT);
  g_assert_cmpint (tf_mockup_gui_get_tool (view), ==, TF_MK_TOOL_CALLOUT);
  tf_board_view_to_widget (view, photo_bounds.x + photo_bounds.width * 0.15,
                           photo_bounds.y + photo_bounds.height * 0.15, &x, &y);
  tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, x, y);
  tf_board_view_drag_end (view);
  wait_for (fixture, has_kind, (gpointer) TF_MK_CALLOUT_KIND, "the callout");
  wait_for (fixture, popover_entry_shown, NULL, "the callout's legend field");
  {
    GtkWidget *popover = tf_gui_test_find_widget (GTK_WIDGET (view), GTK_TYPE_POPOVER);
    GtkWidget *entry = tf_gui_test_find_widget (popover, GTK_TYPE_ENTRY);

    gtk_editable_set_text (GTK_EDITABLE (entry), LEGEND);
    if (shot != NULL)
      shoot (fixture, shot);
    g_signal_emit_by_name (entry, "activate");
  }
  wait_for (fixture, callout_says, (gpointer) LEGEND, "the callout's legend");
  callout = find_kind (fixture, TF_MK_CALLOUT_KIND);
  g_assert_cmpint (tf_mk_callout_number (tf_board_view_get_scene (view), callout), ==, 1);
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_Escape, 0));
  g_assert_cmpint (tf_mockup_gui_get_tool (view), ==, TF_MK_TOOL_SELECT);

  /* The board's PDF, read back. */
  {
    g_autoptr(TfStore) store = NULL;
    g_autoptr(TfExportSource) source = NULL;
    g_auto(TfExportOptions) options;
    g_autoptr(GError) error = NULL;
    g_autofree char *pdf = g_build_filename (fixture->dir, "mockup.pdf", NULL);
    g_autofree char *uri = NULL;
    PopplerDocument *document;
    PopplerPage *page;
    g_autofree char *text = NULL;
    cairo_surface_t *surface;
    cairo_t *cr;
    double pw, ph, scale = 2.0;
    Pixels px;
    int x0 = G_MAXINT, y0 = G_MAXINT, x1 = -1, y1 = -1;
    double rx = 0, ry = 0;
    guint n_red = 0;
    guint board_index = G_MAXUINT;

    store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    source = tf_export_source_new_from_store (store, fixture->experiment_id, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < tf_export_source_get_n_boards (source); i++)
      if (tf_board_get_id (tf_export_source_get_board (source, i)) == fixture->board_id)
        board_index = i;
    g_assert_cmpuint (board_index, !=, G_MAXUINT);
    tf_export_options_init (&options);
    options.board = board_index;
    g_assert_true (tf_export_run (TF_EXPORT_BOARD, source, &options, pdf, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);

    uri = g_filename_to_uri (pdf, NULL, &error);
    g_assert_no_error (error);
    document = poppler_document_new_from_file (uri, NULL, &error);
    g_assert_no_error (error);
    page = poppler_document_get_page (document, 0);
    text = poppler_page_get_text (page);
    g_test_message ("PDF text: %s", text);
    g_assert_nonnull (strstr (text, "1"));
    /* The legend's text is in the archive; the board's PDF shows only the
     * numbers so far (the legend beside the photo is the export's part). */
    {
      g_autoptr(TfScene) scene = tf_scene_new_for_board (store, fixture->board_id, &error);
      TfItem *stored = NULL;

      g_assert_no_error (error);
      for (guint i = 0; i < tf_scene_get_items (scene)->len; i++)
        if (g_strcmp0 (((TfItem *) g_ptr_array_index (tf_scene_get_items (scene), i))->kind_id,
                       TF_MK_CALLOUT_KIND) == 0)
          stored = g_ptr_array_index (tf_scene_get_items (scene), i);
      g_assert_nonnull (stored);
      g_assert_cmpstr (stored->text, ==, LEGEND);
    }

    /* The page drawn: the photo's box, the red inside it where the
     * corners are. */
    poppler_page_get_size (page, &pw, &ph);
    px.width = (int) ceil (pw * scale);
    px.height = (int) ceil (ph * scale);
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, px.width, px.height);
    cr = cairo_create (surface);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    cairo_scale (cr, scale, scale);
    poppler_page_render_for_printing (page, cr);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    px.data = cairo_image_surface_get_data (surface);
    px.stride = cairo_image_surface_get_stride (surface);
    for (int j = 0; j < px.height; j++)
      for (int i = 0; i < px.width; i++)
        {
          const guchar *p = px.data + j * px.stride + i * 4;

          if (is_photo_colour (p))
            {
              x0 = MIN (x0, i);
              y0 = MIN (y0, j);
              x1 = MAX (x1, i);
              y1 = MAX (y1, j);
            }
          else if (is_red (p))
            {
              rx += i;
              ry += j;
              n_red++;
            }
        }
    g_assert_cmpint (x1, >, x0);
    g_assert_cmpuint (n_red, >, 100);
    {
      /* The quad's centre of area (the red's centre is one: the image
       * fills the quad), as a fraction of the photo, against the red's. */
      double qx = 0, qy = 0, area = 0, fx, fy, gx, gy;

      for (int t = 0; t < 2; t++)
        {
          /* The triangles (0, 1, 2) and (0, 2, 3). */
          const TfQuadPoint *a = &quad.p[0], *b = &quad.p[1 + t], *c = &quad.p[2 + t];
          double w = fabs ((b->x - a->x) * (c->y - a->y) - (c->x - a->x) * (b->y - a->y)) / 2;

          qx += w * (a->x + b->x + c->x) / 3;
          qy += w * (a->y + b->y + c->y) / 3;
          area += w;
        }
      g_assert_cmpfloat (area, >, 0);
      qx /= area;
      qy /= area;
      fx = (qx - photo_bounds.x) / photo_bounds.width;
      fy = (qy - photo_bounds.y) / photo_bounds.height;
      gx = (rx / n_red - x0) / (x1 - x0);
      gy = (ry / n_red - y0) / (y1 - y0);
      g_test_message ("quad centre %.3f, %.3f; red centre %.3f, %.3f", fx, fy, gx, gy);
      g_assert_cmpfloat (fabs (fx - gx), <, 0.04);
      g_assert_cmpfloat (fabs (fy - gy), <, 0.04);
      /* And the red there. */
      g_assert_true (is_red (px.data + (int) (y0 + fy * (y1 - y0)) * px.stride + (int) (x0 + fx * (x1 - x0)) * 4));
    }
    cairo_surface_destroy (surface);
    g_object_unref (page);
    g_object_unref (document);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("TRANSFO_LOCALEDIR");

  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  if (localedir != NULL && *localedir != '\0')
    {
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_add ("/mockup-window/place-and-callout", Fixture, NULL, fixture_set_up, test_mockup_window,
              fixture_tear_down);
  return g_test_run ();
}
