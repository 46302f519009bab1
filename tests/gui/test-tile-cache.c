/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "test-tile-cache"

#include <locale.h>

#include "canvas/tf-item-commands.h"
#include "tf-test-util.h"
#include "tf-tile-cache.h"
#include "wings/tf-wings.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#include <cairo-xlib.h>
#endif

/* The board view's tile cache on a real board: a tiled frame shows the
 * same pixels as the board drawn whole (as textures, and as the Cairo
 * nodes GTK's Cairo renderer gets), the cache keeps within its budget
 * (least recently shown first out), a moved note renders again only the
 * tiles it touches, tiles around the view are made between frames (ahead
 * of a pan first), and the first frame after a zoom jump renders only
 * what the old level cannot stand in for: no frame has holes. */

#define TILE 128

typedef struct {
  TfTestBoard  board;
  TfRenderer  *renderer;
  GskRenderer *gsk;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (TfNewItem));
  TfCommand *command;

  tf_test_board_set_up (&f->board, "test-tile-cache", "Tiles", "insight-wall");
  /* A grid of notes with text, across many tiles. */
  for (int i = 0; i < 48; i++)
    {
      TfNewItem item = { "note", TF_RECT_INIT ((i % 8) * 170.0, (i / 8) * 170.0, 150, 150),
                         NULL, NULL, NULL, 0 };

      item.text = g_strdup_printf ("Note %d: the quick brown fox jumps over the lazy dog", i);
      g_ptr_array_add (texts, (gpointer) item.text);
      g_array_append_val (items, item);
    }
  command = tf_command_add_items (f->board.board, (TfNewItem *) items->data, items->len, "Add");
  tf_test_execute (f->board.history, command);
  g_assert_cmpuint (tf_scene_get_n_items (f->board.scene), ==, 48);

  f->renderer = tf_renderer_new ();
  f->gsk = gsk_cairo_renderer_new ();
  g_assert_true (gsk_renderer_realize (f->gsk, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gsk_renderer_unrealize (f->gsk);
  g_clear_object (&f->gsk);
  g_clear_object (&f->renderer);
  tf_test_board_tear_down (&f->board);
}

/* The cache's frame, rendered to pixels. */
static cairo_surface_t *
tiled_frame (Fixture          *f,
             TfTileCache      *cache,
             const TfViewport *vp)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;

  g_assert_true (tf_tile_cache_snapshot (cache, snapshot, f->board.scene, vp, 1, -1));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (f->gsk, node,
                                         &GRAPHENE_RECT_INIT (0, 0, vp->width, vp->height));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, vp->width, vp->height);
  cairo_surface_flush (surface);
  /* GDK's download format is cairo's ARGB32 in memory order. */
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The same view drawn whole, as the view drew it before tiles. */
static cairo_surface_t *
whole_frame (Fixture          *f,
             const TfViewport *vp)
{
  g_autoptr(TfRenderer) renderer = tf_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, vp->width, vp->height);
  cairo_t *cr = cairo_create (surface);

  tf_renderer_draw (renderer, f->board.scene, cr, vp, TF_RENDER_BACKGROUND | TF_RENDER_NO_BITMAPS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  double differing = tf_test_fraction_differing (a, b, 2);

  g_test_message ("pixels differing: %.5f", differing);
  /* Seams, or a tile off by a pixel, would show on whole rows. */
  g_assert_cmpfloat (differing, <, 0.002);
}

static void
test_pixels (Fixture       *f,
             gconstpointer  data)
{
  /* Corners on whole device pixels, not on tile bounds; zooms where text
   * is drawn full and as a line. */
  const double zooms[] = { 1.0, 0.5, 0.75 };

  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      TfTileCache *cache = tf_tile_cache_new (f->renderer, TILE, 64 << 20);
      TfViewport vp = { -37 / zooms[i], 53 / zooms[i], zooms[i], 700, 500 };
      cairo_surface_t *tiled = tiled_frame (f, cache, &vp);
      cairo_surface_t *whole = whole_frame (f, &vp);

      g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), >, 4);
      assert_same_pixels (tiled, whole);
      cairo_surface_destroy (tiled);
      cairo_surface_destroy (whole);
      tf_tile_cache_free (cache);
    }
}

static void
test_budget (Fixture       *f,
             gconstpointer  data)
{
  gsize tile_bytes = (gsize) TILE * TILE * 4;
  gsize budget = 8 * tile_bytes;
  TfTileCache *cache = tf_tile_cache_new (f->renderer, TILE, budget);
  TfViewport vp = { 0, 0, 1.0, 2 * TILE, 2 * TILE };
  guint64 rendered;

  /* Ten places, four tiles each: never more than the budget kept. */
  for (int i = 0; i < 10; i++)
    {
      cairo_surface_t *frame;

      vp.x = (i % 5) * 2 * TILE;
      vp.y = (i / 5) * 2 * TILE;
      frame = tiled_frame (f, cache, &vp);
      cairo_surface_destroy (frame);
      g_assert_cmpuint (tf_tile_cache_get_bytes (cache), <=, budget);
      g_assert_cmpuint (tf_tile_cache_get_n_tiles (cache), <=, 8);
      g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, 4 * (i + 1));
    }

  /* The place before the last is still there; the first went. */
  rendered = tf_tile_cache_get_n_rendered (cache);
  vp.x = 3 * 2 * TILE;
  vp.y = 1 * 2 * TILE;
  cairo_surface_destroy (tiled_frame (f, cache, &vp));
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, rendered);
  vp.x = vp.y = 0;
  cairo_surface_destroy (tiled_frame (f, cache, &vp));
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, rendered + 4);
  g_assert_cmpuint (tf_tile_cache_get_bytes (cache), <=, budget);
  tf_tile_cache_free (cache);
}

/* Tiles as Cairo nodes, their pixels in image surfaces and, on X11, in
 * the X server's pixmaps: the same pixels. */
static void
test_cairo_nodes (Fixture       *f,
                  gconstpointer  data)
{
  cairo_surface_t *stores[2] = { NULL, NULL };
  guint n_stores = 1;

#ifdef GDK_WINDOWING_X11
  GdkDisplay *display = gdk_display_get_default ();

  if (GDK_IS_X11_DISPLAY (display))
    {
      Display *xdisplay = gdk_x11_display_get_xdisplay (display);
      Screen *screen = DefaultScreenOfDisplay (xdisplay);

      stores[n_stores++] = cairo_xlib_surface_create (xdisplay, RootWindowOfScreen (screen),
                                                      DefaultVisualOfScreen (screen), 1, 1);
    }
#endif
  for (guint s = 0; s < n_stores; s++)
    {
      TfTileCache *cache = tf_tile_cache_new (f->renderer, TILE, 64 << 20);
      TfViewport vp = { -37, 53, 1.0, 700, 500 };
      cairo_surface_t *tiled, *whole;

      tf_tile_cache_set_cairo_nodes (cache, TRUE, stores[s]);
      g_assert_true (tf_tile_cache_get_cairo_nodes (cache));
      tiled = tiled_frame (f, cache, &vp);
      whole = whole_frame (f, &vp);
      g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), >, 4);
      assert_same_pixels (tiled, whole);
      cairo_surface_destroy (tiled);
      cairo_surface_destroy (whole);

      /* Back to textures: every tile made again, the same pixels. */
      tf_tile_cache_set_cairo_nodes (cache, FALSE, NULL);
      g_assert_cmpuint (tf_tile_cache_get_n_tiles (cache), ==, 0);
      tiled = tiled_frame (f, cache, &vp);
      whole = whole_frame (f, &vp);
      assert_same_pixels (tiled, whole);
      cairo_surface_destroy (tiled);
      cairo_surface_destroy (whole);
      tf_tile_cache_free (cache);
      g_clear_pointer (&stores[s], cairo_surface_destroy);
    }
}

/* Between frames, the ring around the view is made, then the side a pan
 * goes to, two deep: the next frames of the pan render nothing. */
static void
test_prefetch (Fixture       *f,
               gconstpointer  data)
{
  gsize tile_bytes = (gsize) TILE * TILE * 4;
  TfTileCache *cache = tf_tile_cache_new (f->renderer, TILE, 64 << 20);
  /* 3 × 2 tiles, away from the board's origin. */
  TfViewport vp = { 2 * TILE, 2 * TILE, 1.0, 3 * TILE, 2 * TILE };
  guint64 rendered;

  cairo_surface_destroy (tiled_frame (f, cache, &vp));
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, 6);
  g_assert_true (tf_tile_cache_wants_prefetch (cache));

  /* Nothing to go by yet: the ring of one, 5 × 4 less the view. */
  g_assert_false (tf_tile_cache_prefetch (cache, G_MAXINT64));
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, 6 + 14);
  g_assert_false (tf_tile_cache_prefetch (cache, G_MAXINT64));
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, 6 + 14);

  /* A pan to the right, a tile a frame: each frame finds its tiles made. */
  for (int step = 0; step < 4; step++)
    {
      rendered = tf_tile_cache_get_n_rendered (cache);
      vp.x += TILE;
      cairo_surface_destroy (tiled_frame (f, cache, &vp));
      g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, rendered);
      g_assert_false (tf_tile_cache_prefetch (cache, G_MAXINT64));
      /* Ahead: the new column of the ring, and after the first step the
       * second column on the right. */
      g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), >, rendered);
    }

  /* No time: nothing made, and it says there is more. */
  vp.y += 3 * TILE;
  cairo_surface_destroy (tiled_frame (f, cache, &vp));
  rendered = tf_tile_cache_get_n_rendered (cache);
  g_assert_true (tf_tile_cache_prefetch (cache, 0));
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, rendered);
  tf_tile_cache_free (cache);

  /* A budget the view fills: prefetching pushes out none of its tiles. */
  cache = tf_tile_cache_new (f->renderer, TILE, 6 * tile_bytes + tile_bytes / 2);
  vp = (TfViewport) { 2 * TILE, 2 * TILE, 1.0, 3 * TILE, 2 * TILE };
  cairo_surface_destroy (tiled_frame (f, cache, &vp));
  rendered = tf_tile_cache_get_n_rendered (cache);
  g_assert_false (tf_tile_cache_prefetch (cache, G_MAXINT64));
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, rendered);
  cairo_surface_destroy (tiled_frame (f, cache, &vp));
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, rendered);
  g_assert_cmpuint (tf_tile_cache_get_bytes (cache), <=, 6 * tile_bytes + tile_bytes / 2);
  tf_tile_cache_free (cache);
}

/* The fraction of @frame's pixels that are bare paper where @whole shows
 * something else: holes in a frame. */
static double
fraction_holes (cairo_surface_t *frame,
                cairo_surface_t *whole)
{
  int width = cairo_image_surface_get_width (frame), height = cairo_image_surface_get_height (frame);
  guint holes = 0;

  for (int y = 0; y < height; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (frame) + y * cairo_image_surface_get_stride (frame));
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (whole) + y * cairo_image_surface_get_stride (whole));

      for (int x = 0; x < width; x++)
        if ((a[x] & 0xffffff) == TF_PAPER_RGB && (b[x] & 0xffffff) != TF_PAPER_RGB)
          holes++;
    }
  return (double) holes / (width * height);
}

/* The first frame after a zoom jump renders no tile the level it had can
 * stand in for (scaled); a zoom out shows more than that level had, and
 * those tiles are rendered at once: no frame has holes. The frames after
 * it complete the new level. */
static void
test_zoom_jump (Fixture       *f,
                gconstpointer  data)
{
  TfTileCache *cache = tf_tile_cache_new (f->renderer, TILE, 64 << 20);
  TfViewport vp = { 0, 0, 1.0, 5 * TILE, 4 * TILE };
  gint64 deadline;
  guint64 rendered;
  gboolean complete = FALSE;

  cairo_surface_destroy (tiled_frame (f, cache, &vp));
  rendered = tf_tile_cache_get_n_rendered (cache);

  vp.zoom = 0.7;
  {
    g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) node = NULL;
    g_autoptr(GdkTexture) texture = NULL;
    cairo_surface_t *frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, vp.width, vp.height);
    cairo_surface_t *whole = whole_frame (f, &vp);
    double holes;

    g_assert_false (tf_tile_cache_snapshot (cache, snapshot, f->board.scene, &vp, 1,
                                            TF_TILE_CACHE_FRAME_US));
    node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    g_assert_nonnull (node);
    texture = gsk_renderer_render_texture (f->gsk, node, &GRAPHENE_RECT_INIT (0, 0, vp.width, vp.height));
    cairo_surface_flush (frame);
    gdk_texture_download (texture, cairo_image_surface_get_data (frame), cairo_image_surface_get_stride (frame));
    cairo_surface_mark_dirty (frame);
    holes = fraction_holes (frame, whole);
    g_test_message ("the jump's frame: %.4f of it holes", holes);
    g_assert_cmpfloat (holes, <, 0.002);
    cairo_surface_destroy (frame);
    cairo_surface_destroy (whole);
  }
  /* Only what the old level did not show: the middle stands in. */
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), >, rendered);
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache) - rendered, <, 20);

  /* Frame after frame (the view draws again while some are missing). */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!complete && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      complete = tf_tile_cache_snapshot (cache, snapshot, f->board.scene, &vp, 1, TF_TILE_CACHE_FRAME_US);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_true (complete);
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), >, rendered);
  tf_tile_cache_free (cache);
}

/* With the tiles kept in a store (the X server's pixmaps in the window),
 * the first frame after a zoom jump renders only what the old level did
 * not show and draws the old level scaled where the notes are; each frame after it, while the zoom is in
 * motion, hands the store at most TF_TILE_CACHE_STORE_TILES_PER_FRAME new
 * tiles; then the new level is completed, with the pixels of the view
 * drawn whole. */
static void
test_zoom_jump_store (Fixture       *f,
                      gconstpointer  data)
{
  cairo_surface_t *store = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  TfTileCache *cache = tf_tile_cache_new (f->renderer, TILE, 64 << 20);
  TfViewport vp = { 0, 0, 1.0, 5 * TILE, 4 * TILE };
  cairo_surface_t *scaled, *whole;
  gint64 deadline;
  guint64 rendered;
  gboolean complete = FALSE;
  guint frames = 0, capped = 0;
  gint64 jump;
  g_autoptr(GskRenderNode) jump_node = NULL;

  tf_tile_cache_set_cairo_nodes (cache, TRUE, store);
  cairo_surface_destroy (tiled_frame (f, cache, &vp));
  rendered = tf_tile_cache_get_n_rendered (cache);

  vp.zoom = 0.7;
  jump = g_get_monotonic_time ();
  {
    g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

    g_assert_false (tf_tile_cache_snapshot (cache, snapshot, f->board.scene, &vp, 1,
                                            TF_TILE_CACHE_FRAME_US));
    jump_node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    /* Only the tiles outside what the old level showed. */
    g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache) - rendered, >, 0);
    g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache) - rendered, <, 20);
  }

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!complete && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      guint64 before = tf_tile_cache_get_n_rendered (cache);
      /* The zoom is in motion for 150 ms after it changed. */
      gboolean moving = g_get_monotonic_time () - jump < 100 * G_TIME_SPAN_MILLISECOND;

      /* Time enough for every tile: the cap, not the clock, stops it. */
      complete = tf_tile_cache_snapshot (cache, snapshot, f->board.scene, &vp, 1, 3 * G_USEC_PER_SEC);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (moving)
        {
          g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache) - before, <=, TF_TILE_CACHE_STORE_TILES_PER_FRAME);
          capped++;
        }
      frames++;
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_true (complete);
  /* 5 × 4 tiles at the new zoom, and the √2 level before it: more than
   * one frame's worth. */
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache) - rendered, >, TF_TILE_CACHE_STORE_TILES_PER_FRAME);
  g_test_message ("%u frames, %u while the zoom moved", frames, capped);

  /* The jump's frame: the stand-in, scaled to 0.7, lands where the notes
   * are: alike but for their text, drawn smaller. */
  {
    g_autoptr(GdkTexture) texture = gsk_renderer_render_texture (f->gsk, jump_node,
                                                                 &GRAPHENE_RECT_INIT (0, 0, vp.width, vp.height));

    scaled = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, vp.width, vp.height);
    cairo_surface_flush (scaled);
    gdk_texture_download (texture, cairo_image_surface_get_data (scaled), cairo_image_surface_get_stride (scaled));
    cairo_surface_mark_dirty (scaled);
    whole = whole_frame (f, &vp);
    /* The old level covered the view at zoom 1, 0.7 of it each way now:
     * there, each note's corner and the paper beside it are where the
     * view drawn whole has them (their text differs: one line at this
     * size, whole at the old). */
    for (int i = 0; i < 48; i++)
      {
        double x = (i % 8) * 170.0, y = (i / 8) * 170.0;
        const double spots[3][2] = { { x + 146, y + 146 }, { x + 154, y + 75 }, { x + 75, y + 154 } };

        if ((x + 170) * 0.7 > vp.width * 0.7 || (y + 170) * 0.7 > vp.height * 0.7)
          continue;
        for (int k = 0; k < 3; k++)
          {
            guint32 a = tf_test_pixel (scaled, spots[k][0] * 0.7, spots[k][1] * 0.7);
            guint32 b = tf_test_pixel (whole, spots[k][0] * 0.7, spots[k][1] * 0.7);

            for (int shift = 0; shift < 24; shift += 8)
              g_assert_cmpint (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)), <, 24);
          }
      }
    cairo_surface_destroy (scaled);
    cairo_surface_destroy (whole);
  }

  scaled = tiled_frame (f, cache, &vp);
  whole = whole_frame (f, &vp);
  assert_same_pixels (scaled, whole);
  cairo_surface_destroy (scaled);
  cairo_surface_destroy (whole);
  tf_tile_cache_free (cache);
  cairo_surface_destroy (store);
}

static void
test_invalidation (Fixture       *f,
                   gconstpointer  data)
{
  TfTileCache *cache = tf_tile_cache_new (f->renderer, TILE, 64 << 20);
  TfViewport vp = { 0, 0, 1.0, 8 * TILE, 6 * TILE };
  GPtrArray *items = tf_scene_get_items (f->board.scene);
  TfItem *note = NULL;
  cairo_surface_t *tiled, *whole;
  guint64 rendered;

  cairo_surface_destroy (tiled_frame (f, cache, &vp));
  rendered = tf_tile_cache_get_n_rendered (cache);
  g_assert_cmpuint (rendered, ==, 48);

  /* Nothing changed: nothing rendered again. */
  cairo_surface_destroy (tiled_frame (f, cache, &vp));
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, rendered);

  /* The note at (340, 340): within tiles 2 and 3 both ways, and moved
   * within them, as a drag does. */
  for (guint i = 0; i < items->len && note == NULL; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (item->bounds.x == 340 && item->bounds.y == 340)
        note = item;
    }
  g_assert_nonnull (note);
  note->bounds.x += 4;
  note->bounds.y += 4;
  tf_scene_item_changed (f->board.scene, note);

  tiled = tiled_frame (f, cache, &vp);
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, rendered + 4);
  whole = whole_frame (f, &vp);
  assert_same_pixels (tiled, whole);
  cairo_surface_destroy (tiled);
  cairo_surface_destroy (whole);

  /* Every look changed (pictograms checked): everything again. */
  rendered = tf_tile_cache_get_n_rendered (cache);
  tf_renderer_invalidate_all (f->renderer);
  cairo_surface_destroy (tiled_frame (f, cache, &vp));
  g_assert_cmpuint (tf_tile_cache_get_n_rendered (cache), ==, rendered + 48);
  tf_tile_cache_free (cache);
}

/* The texture nodes of @node, their bounds in the view (the tile cache
 * draws with clips and containers only, no transform, without a store). */
static void
collect_textures (GskRenderNode *node,
                  GArray        *rects)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_textures (gsk_container_node_get_child (node, i), rects);
      break;
    case GSK_CLIP_NODE:
      collect_textures (gsk_clip_node_get_child (node), rects);
      break;
    case GSK_TEXTURE_NODE:
      {
        graphene_rect_t bounds;

        gsk_render_node_get_bounds (node, &bounds);
        g_array_append_val (rects, bounds);
      }
      break;
    case GSK_COLOR_NODE:
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Whether the stand-ins (tiles @stand_in wide) cover @r wholly. */
static gboolean
covered_by_stand_ins (GArray                *rects,
                      const graphene_rect_t *r,
                      double                 stand_in)
{
  for (int j = 0; j < 5; j++)
    for (int i = 0; i < 5; i++)
      {
        graphene_point_t p = GRAPHENE_POINT_INIT (r->origin.x + (i + 0.5) * r->size.width / 5,
                                                  r->origin.y + (j + 0.5) * r->size.height / 5);
        gboolean in = FALSE;

        for (guint k = 0; k < rects->len && !in; k++)
          {
            const graphene_rect_t *s = &g_array_index (rects, graphene_rect_t, k);

            in = fabs (s->size.width - stand_in) < 0.5 && graphene_rect_contains_point (s, &p);
          }
        if (!in)
          return FALSE;
      }
  return TRUE;
}

/* After a zoom jump, while the new level is incomplete, none of its tiles
 * shows where the old level stands in: a card is never drawn at once from
 * two zooms' layouts (a text wrapped two ways), whatever tiles each frame
 * managed to render. The level then shows whole. */
static void
test_no_mixed_levels (Fixture       *f,
                      gconstpointer  data)
{
  TfTileCache *cache = tf_tile_cache_new (f->renderer, TILE, 64 << 20);
  TfViewport vp = { 0, 0, 1.0, 5 * TILE, 4 * TILE };
  guint incomplete = 0, mixed = 0, frames = 0;
  gboolean complete = FALSE;

  cairo_surface_destroy (tiled_frame (f, cache, &vp));
  /* Half the zoom, on the √2 ladder: the frames after the jump's are at
   * rest, each renders one tile (no budget), the old level (64 pixels a
   * tile now) stands in for the middle. */
  vp.zoom = 0.5;
  while (!complete && frames < 100)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
      gboolean stand_ins = FALSE;

      complete = tf_tile_cache_snapshot (cache, snapshot, f->board.scene, &vp, 1, 0);
      frames++;
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      g_assert_nonnull (node);
      collect_textures (node, rects);
      for (guint i = 0; i < rects->len; i++)
        stand_ins |= fabs (g_array_index (rects, graphene_rect_t, i).size.width - TILE / 2) < 0.5;
      /* (A frame that completes the level may still lay the stand-in
       * under it.) */
      if (complete)
        break;
      g_assert_true (stand_ins);
      incomplete++;
      for (guint i = 0; i < rects->len; i++)
        {
          const graphene_rect_t *r = &g_array_index (rects, graphene_rect_t, i);

          if (fabs (r->size.width - TILE) < 0.5 && covered_by_stand_ins (rects, r, TILE / 2))
            mixed++;
        }
    }
  g_test_message ("%u frames, %u incomplete, %u new tiles shown over stand-ins", frames, incomplete, mixed);
  g_assert_true (complete);
  /* The middle's four tiles, one a frame. */
  g_assert_cmpuint (incomplete, >=, 3);
  g_assert_cmpuint (mixed, ==, 0);
  tf_tile_cache_free (cache);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();
  g_test_log_set_fatal_handler (tf_test_fatal_log_handler, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      g_printerr ("Cannot open a display: run the GUI tests under Xvfb (xvfb-run).\n");
      return 77;
    }

  g_test_add ("/transfo/gui/tile-cache/pixels", Fixture, NULL,
              fixture_set_up, test_pixels, fixture_tear_down);
  g_test_add ("/transfo/gui/tile-cache/budget", Fixture, NULL,
              fixture_set_up, test_budget, fixture_tear_down);
  g_test_add ("/transfo/gui/tile-cache/cairo-nodes", Fixture, NULL,
              fixture_set_up, test_cairo_nodes, fixture_tear_down);
  g_test_add ("/transfo/gui/tile-cache/prefetch", Fixture, NULL,
              fixture_set_up, test_prefetch, fixture_tear_down);
  g_test_add ("/transfo/gui/tile-cache/zoom-jump", Fixture, NULL,
              fixture_set_up, test_zoom_jump, fixture_tear_down);
  g_test_add ("/transfo/gui/tile-cache/zoom-jump-store", Fixture, NULL,
              fixture_set_up, test_zoom_jump_store, fixture_tear_down);
  g_test_add ("/transfo/gui/tile-cache/invalidation", Fixture, NULL,
              fixture_set_up, test_invalidation, fixture_tear_down);
  g_test_add ("/transfo/gui/tile-cache/no-mixed-levels", Fixture, NULL,
              fixture_set_up, test_no_mixed_levels, fixture_tear_down);
  return g_test_run ();
}
