/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <locale.h>

#include "canvas/tf-asset.h"
#include "canvas/tf-renderer.h"
#include "core/tf-asset-source.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* Assets reach the renderer: an image and a PDF page stored in the archive
 * are drawn by an item kind through the render context, on the main thread
 * and on a worker thread (an export's), each reading the archive through a
 * connection of its own. */

/* A kind for the test: draws the asset its payload names, {"asset": id}. */
static gpointer
picture_parse (const TfItem *item)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  gint64 *id = g_new0 (gint64, 1);

  if (payload != NULL && JSON_NODE_HOLDS_OBJECT (payload))
    *id = json_object_get_int_member_with_default (json_node_get_object (payload), "asset", 0);
  return id;
}

static void
picture_draw (const TfItem    *item,
              cairo_t         *cr,
              TfRenderContext *ctx)
{
  if (!tf_asset_draw (ctx, *(gint64 *) item->data, cr, &item->bounds))
    {
      /* Missing: black, so that the pixels say it. */
      cairo_rectangle (cr, item->bounds.x, item->bounds.y, item->bounds.width, item->bounds.height);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_fill (cr);
    }
}

static const TfItemKind picture_kind = {
  .id = "test-picture",
  .layer = TF_LAYER_THINGS,
  .parse = picture_parse,
  .free_data = g_free,
  .draw = picture_draw,
};

/* 40 × 20 pixels: red on the left, blue on the right. */
static GBytes *
make_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 40, 20);
  cairo_t *cr = cairo_create (surface);
  GByteArray *out = g_byte_array_new ();

  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_rectangle (cr, 0, 0, 20, 20);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 1);
  cairo_rectangle (cr, 20, 0, 20, 20);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, tf_test_append_bytes, out), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

/* One page of 200 × 100 points: green on its top half, white below. */
static GBytes *
make_pdf (void)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (tf_test_append_bytes, out, 200, 100);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0, 1, 0);
  cairo_rectangle (cr, 0, 0, 200, 50);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

typedef struct {
  GBytes *png;
  GBytes *pdf;
  gint64  png_id;
  gint64  pdf_id;
} Insert;

static gboolean
insert_assets (TfStore  *store,
               gpointer  user_data,
               GError  **error)
{
  Insert *insert = user_data;

  insert->png_id = tf_asset_insert (store, "image/png", "rouge-bleu.png", insert->png, error);
  if (insert->png_id == 0)
    return FALSE;
  insert->pdf_id = tf_asset_insert (store, "application/pdf", "maquette.pdf", insert->pdf, error);
  return insert->pdf_id != 0;
}

static TfItem *
picture (gint64  id,
         gint64  asset,
         TfRect  bounds)
{
  TfItem *item = tf_item_new (id, "test-picture");
  g_autofree char *payload = g_strdup_printf ("{\"asset\":%" G_GINT64_FORMAT "}", asset);

  item->bounds = bounds;
  tf_item_set_payload (item, payload);
  tf_item_changed (item);
  return item;
}

typedef struct {
  TfScene         *scene;
  TfAssetSource   *assets;
  cairo_surface_t *result;
  GThread         *thread;
} Draw;

/* Draws the scene at one pixel per unit, as an export does. */
static gpointer
draw_scene (gpointer data)
{
  Draw *draw = data;
  g_autoptr(TfRenderer) renderer = tf_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 220, 160);
  cairo_t *cr = cairo_create (surface);
  TfViewport vp = { 0, 0, 1.0, 220, 160 };

  draw->thread = g_thread_self ();
  tf_renderer_set_assets (renderer, draw->assets);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  tf_renderer_draw (renderer, draw->scene, cr, &vp, TF_RENDER_PRINT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  draw->result = surface;
  return NULL;
}

static void
assert_pictures (cairo_surface_t *surface)
{
  /* The PNG at (0, 0, 40, 20). */
  g_assert_cmphex (tf_test_pixel (surface, 5, 10), ==, 0xff0000);
  g_assert_cmphex (tf_test_pixel (surface, 35, 10), ==, 0x0000ff);
  /* The PDF page at (10, 40, 200, 100): green above, paper below. */
  g_assert_cmphex (tf_test_pixel (surface, 110, 60), ==, 0x00ff00);
  g_assert_cmphex (tf_test_pixel (surface, 110, 120), ==, 0xffffff);
  /* The missing asset: black. */
  g_assert_cmphex (tf_test_pixel (surface, 215, 5), ==, 0x000000);
}

static void
test_assets_drawn_on_any_thread (void)
{
  g_autofree char *path = tf_test_archive_path ("assets");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_autoptr(TfScene) scene = tf_scene_new ();
  g_autoptr(TfScene) copy = NULL;
  Insert insert = { make_png (), make_pdf (), 0, 0 };
  Draw here = { 0 }, there = { 0 };
  g_autoptr(GBytes) loaded = NULL;
  g_autofree char *mime = NULL;
  GThread *worker;

  g_assert_no_error (error);
  g_assert_true (tf_store_edit (store, insert_assets, &insert, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (insert.png_id, >, 0);
  g_assert_cmpint (insert.pdf_id, >, insert.png_id);
  g_assert_cmpint (tf_asset_pdf_n_pages (insert.pdf), ==, 1);
  g_assert_cmpint (tf_asset_pdf_n_pages (insert.png), ==, 0);

  tf_scene_add (scene, picture (1, insert.png_id, TF_RECT_INIT (0, 0, 40, 20)));
  tf_scene_add (scene, picture (2, insert.pdf_id, TF_RECT_INIT (10, 40, 200, 100)));
  tf_scene_add (scene, picture (3, insert.pdf_id + 100, TF_RECT_INIT (210, 0, 10, 10)));
  copy = tf_scene_copy (scene);

  here.scene = scene;
  here.assets = tf_asset_source_new_for_store (store);
  there.scene = copy;
  there.assets = tf_asset_source_new_for_store (store);

  /* The bytes come back as stored. */
  loaded = tf_asset_source_load (here.assets, insert.png_id, &mime, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mime, ==, "image/png");
  g_assert_true (g_bytes_equal (loaded, insert.png));
  g_assert_null (tf_asset_source_load (here.assets, insert.pdf_id + 100, NULL, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  g_clear_error (&error);

  draw_scene (&here);
  g_assert_true (here.thread == g_thread_self ());
  assert_pictures (here.result);

  /* An export's worker, with its own renderer and its own connection. */
  worker = g_thread_new ("export", draw_scene, &there);
  g_thread_join (worker);
  g_assert_true (there.thread != g_thread_self ());
  assert_pictures (there.result);
  g_assert_cmpfloat (tf_test_fraction_differing (here.result, there.result, 0), ==, 0.0);

  /* Without an asset source, nothing is drawn from the archive. */
  {
    Draw none = { scene, NULL, NULL, NULL };

    draw_scene (&none);
    g_assert_cmphex (tf_test_pixel (none.result, 5, 10), ==, 0x000000);
    cairo_surface_destroy (none.result);
  }

  cairo_surface_destroy (here.result);
  cairo_surface_destroy (there.result);
  tf_asset_source_unref (here.assets);
  tf_asset_source_unref (there.assets);
  g_bytes_unref (insert.png);
  g_bytes_unref (insert.pdf);
  tf_store_close (store);
  tf_test_remove_archive (path);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();
  tf_item_kind_register (&picture_kind);

  g_test_add_func ("/assets/drawn-on-any-thread", test_assets_drawn_on_any_thread);
  return g_test_run ();
}
