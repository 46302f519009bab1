/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-tile-cache"

#include <math.h>
#include <string.h>

#include "tf-tile-cache.h"

/* Items reach past their bounds (shadows, outlines): a change dirties the
 * tiles this far around it too, in board units, plus a few device pixels. */
#define DAMAGE_PAD 10.0
#define DAMAGE_PAD_PX 3.0
/* A zoom that changed less than this long ago is still moving (a wheel,
 * a pinch, an animation): frames come from levels a step of √2 apart,
 * scaled, and the exact zoom is rendered once it rests. */
#define SETTLE_US (150 * G_TIME_SPAN_MILLISECOND)

typedef struct {
  double      zoom;     /* device pixels per board unit */
  int         tx, ty;   /* in tiles, from the board's origin */
  GdkTexture *texture;  /* for GPU renderers */
  GskRenderNode *node;  /* for the Cairo renderer: a Cairo node of its own */
  cairo_surface_t *surface; /* the node's pixels, to draw them scaled */
  gsize       bytes;
  gboolean    stale;    /* an item under it changed */
  guint64     frame;    /* last frame that showed it */
  GList       link;     /* in the cache's LRU queue; data is the tile */
} Tile;

struct _TfTileCache
{
  TfRenderer *renderer;
  int         size;
  gsize       budget;
  GHashTable *tiles;      /* Tile* → Tile* (hashed on zoom and place) */
  GQueue      lru;        /* most recently shown first */
  gsize       bytes;
  guint64     frame;
  guint64     rendered;
  double      last_zoom;  /* the zoom of the last frame */
  gint64      zoom_time;  /* when it last changed, monotonic µs */
  TfScene    *scene;
  gulong      damaged_id;
  guint       generation; /* the renderer's, when the tiles were made */
  gboolean    cairo_nodes; /* tiles as Cairo nodes rather than textures */
  cairo_surface_t *store;  /* Cairo nodes' pixels: in surfaces similar to it */
  cairo_surface_t *scratch; /* where tiles for the store are drawn, reused */
  /* The last complete frame at rest, for tf_tile_cache_prefetch(): its
   * tiles, in device pixels, and where the view went since the one before. */
  gboolean    have_view;
  double      view_zoom;
  int         view_tx0, view_ty0, view_tx1, view_ty1;
  double      view_ox, view_oy;
  double      motion_x, motion_y;
};

/* A tile has its pixels. */
#define TILE_DRAWN(tile) ((tile)->texture != NULL || (tile)->node != NULL)

/* Whether a frame of a zoom in motion that began at @start and rendered
 * @rendered tiles already, at least one, has spent its budget. */
static gboolean
over_budget (const TfTileCache *self,
             gint64             start,
             gint64             budget_us,
             guint              rendered)
{
  if (rendered == 0)
    return FALSE;
  if (self->cairo_nodes && self->store != NULL && rendered >= TF_TILE_CACHE_STORE_TILES_PER_FRAME)
    return TRUE;
  return g_get_monotonic_time () - start >= budget_us;
}

static guint
tile_hash (gconstpointer key)
{
  const Tile *tile = key;
  guint64 bits;

  memcpy (&bits, &tile->zoom, sizeof bits);
  return (guint) (bits ^ (bits >> 32)) ^ ((guint) tile->tx * 73856093u) ^ ((guint) tile->ty * 19349663u);
}

static gboolean
tile_equal (gconstpointer a,
            gconstpointer b)
{
  const Tile *ta = a, *tb = b;

  return ta->zoom == tb->zoom && ta->tx == tb->tx && ta->ty == tb->ty;
}

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  g_clear_object (&tile->texture);
  g_clear_pointer (&tile->node, gsk_render_node_unref);
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_free (tile);
}

static TfRect
tile_area (const TfTileCache *self,
           const Tile        *tile)
{
  return TF_RECT_INIT (tile->tx * self->size / tile->zoom, tile->ty * self->size / tile->zoom,
                       self->size / tile->zoom, self->size / tile->zoom);
}

static void
remove_tile (TfTileCache *self,
             Tile        *tile)
{
  g_queue_unlink (&self->lru, &tile->link);
  self->bytes -= tile->bytes;
  g_hash_table_remove (self->tiles, tile);
}

TfTileCache *
tf_tile_cache_new (TfRenderer *renderer,
                   int         tile_size,
                   gsize       budget_bytes)
{
  TfTileCache *self;

  g_return_val_if_fail (TF_IS_RENDERER (renderer), NULL);
  g_return_val_if_fail (tile_size >= 16, NULL);

  self = g_new0 (TfTileCache, 1);
  self->renderer = g_object_ref (renderer);
  self->size = tile_size;
  self->budget = budget_bytes;
  self->tiles = g_hash_table_new_full (tile_hash, tile_equal, NULL, tile_free);
  g_queue_init (&self->lru);
  self->generation = tf_renderer_get_generation (renderer);
  return self;
}

static void
set_scene (TfTileCache *self,
           TfScene     *scene);

void
tf_tile_cache_free (TfTileCache *self)
{
  if (self == NULL)
    return;
  set_scene (self, NULL);
  g_queue_init (&self->lru);  /* the links live in the tiles */
  g_hash_table_unref (self->tiles);
  g_clear_pointer (&self->store, cairo_surface_destroy);
  g_clear_pointer (&self->scratch, cairo_surface_destroy);
  g_object_unref (self->renderer);
  g_free (self);
}

void
tf_tile_cache_invalidate_all (TfTileCache *self)
{
  g_return_if_fail (self != NULL);

  g_queue_init (&self->lru);  /* the links live in the tiles */
  g_hash_table_remove_all (self->tiles);
  self->bytes = 0;
}

void
tf_tile_cache_invalidate (TfTileCache  *self,
                          const TfRect *area)
{
  GHashTableIter iter;
  Tile *tile;

  g_return_if_fail (self != NULL);
  g_return_if_fail (area != NULL);

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, (gpointer *) &tile, NULL))
    {
      double pad = DAMAGE_PAD + DAMAGE_PAD_PX / tile->zoom;
      TfRect grown = TF_RECT_INIT (area->x - pad, area->y - pad,
                                   area->width + 2 * pad, area->height + 2 * pad);
      TfRect r = tile_area (self, tile);

      if (!tf_rect_intersects (&r, &grown))
        continue;
      if (tile->zoom == self->last_zoom)
        {
          /* Shown now: redrawn at the next frame, never shown stale. */
          tile->stale = TRUE;
          continue;
        }
      g_queue_unlink (&self->lru, &tile->link);
      self->bytes -= tile->bytes;
      g_hash_table_iter_remove (&iter);
    }
}

static void
on_damaged (TfScene      *scene,
            gpointer      area,
            TfTileCache  *self)
{
  tf_tile_cache_invalidate (self, area);
}

static void
set_scene (TfTileCache *self,
           TfScene     *scene)
{
  if (self->scene == scene)
    return;
  if (self->scene != NULL)
    g_clear_signal_handler (&self->damaged_id, self->scene);
  g_clear_object (&self->scene);
  tf_tile_cache_invalidate_all (self);
  if (scene != NULL)
    {
      self->scene = g_object_ref (scene);
      self->damaged_id = g_signal_connect (scene, "damaged", G_CALLBACK (on_damaged), self);
    }
}

static void
draw_tile (TfTileCache *self,
           Tile        *tile,
           cairo_t     *cr)
{
  TfViewport vp = {
    tile->tx * self->size / tile->zoom, tile->ty * self->size / tile->zoom,
    tile->zoom, self->size, self->size,
  };

  /* The tile is the cache: no per-item bitmaps on top of it. */
  tf_renderer_draw (self->renderer, self->scene, cr, &vp,
                    TF_RENDER_BACKGROUND | TF_RENDER_NO_BITMAPS);
}

static void
render_tile (TfTileCache *self,
             Tile        *tile)
{
  gsize bytes_now = (gsize) cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, self->size) * self->size;

  cairo_surface_t *surface;
  cairo_t *cr;

  g_clear_object (&tile->texture);
  g_clear_pointer (&tile->node, gsk_render_node_unref);
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  /* Tiles bound for the store are drawn in one surface, again and again:
   * no quarter-megabyte allocated and freed a tile. */
  if (self->cairo_nodes && self->store != NULL)
    {
      if (self->scratch == NULL)
        self->scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, self->size, self->size);
      surface = cairo_surface_reference (self->scratch);
    }
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, self->size, self->size);
  cr = cairo_create (surface);
  draw_tile (self, tile, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (self->cairo_nodes)
    {
      /* GTK's Cairo renderer paints a Cairo node as it recorded it (here,
       * the tile's pixels, painted once); a texture it would convert,
       * pixel by pixel, at every frame. */
      if (self->store != NULL)
        {
          /* Handed over once (to the X server): frames then only copy. */
          cairo_surface_t *kept = cairo_surface_create_similar (self->store, CAIRO_CONTENT_COLOR_ALPHA,
                                                                self->size, self->size);

          cr = cairo_create (kept);
          cairo_set_source_surface (cr, surface, 0, 0);
          cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
          cairo_paint (cr);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          surface = kept;
        }
      tile->node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, self->size, self->size));
      cr = gsk_cairo_node_get_draw_context (tile->node);
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      tile->surface = surface;
    }
  else
    {
      int stride = cairo_image_surface_get_stride (surface);
      g_autoptr(GBytes) bytes = NULL;

      bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                          (gsize) stride * self->size,
                                          (GDestroyNotify) cairo_surface_destroy, surface);
      tile->texture = gdk_memory_texture_new (self->size, self->size, GDK_MEMORY_DEFAULT, bytes, stride);
    }
  self->bytes -= tile->bytes;
  tile->bytes = bytes_now;
  self->bytes += tile->bytes;
  tile->stale = FALSE;
  self->rendered++;
}

static Tile *
lookup (TfTileCache *self,
        double       zoom,
        int          tx,
        int          ty)
{
  Tile key = { .zoom = zoom, .tx = tx, .ty = ty };

  return g_hash_table_lookup (self->tiles, &key);
}

static Tile *
add_tile (TfTileCache *self,
          double       zoom,
          int          tx,
          int          ty)
{
  Tile *tile = g_new0 (Tile, 1);

  tile->zoom = zoom;
  tile->tx = tx;
  tile->ty = ty;
  tile->link.data = tile;
  g_hash_table_add (self->tiles, tile);
  g_queue_push_head_link (&self->lru, &tile->link);
  return tile;
}

static void
touch (TfTileCache *self,
       Tile        *tile)
{
  tile->frame = self->frame;
  g_queue_unlink (&self->lru, &tile->link);
  g_queue_push_head_link (&self->lru, &tile->link);
}

static void
trim (TfTileCache *self)
{
  /* What this frame shows stays, even over budget. */
  while (self->bytes > self->budget && self->lru.tail != NULL)
    {
      Tile *tile = self->lru.tail->data;

      if (tile->frame == self->frame)
        break;
      remove_tile (self, tile);
    }
}

static void
append_tile (GtkSnapshot *snapshot,
             Tile        *tile,
             double       x,
             double       y,
             double       side,
             int          size)
{
  if (tile->texture != NULL)
    gtk_snapshot_append_texture (snapshot, tile->texture,
                                 &GRAPHENE_RECT_INIT (x, y, side, side));
  else if (tile->node != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      if (side != size)
        gtk_snapshot_scale (snapshot, side / size, side / size);
      gtk_snapshot_append_node (snapshot, tile->node);
      gtk_snapshot_restore (snapshot);
    }
}

typedef struct {
  int    tx, ty;
  double distance;
} Wanted;

static int
compare_wanted (gconstpointer a,
                gconstpointer b)
{
  const Wanted *wa = a, *wb = b;

  return (wa->distance > wb->distance) - (wa->distance < wb->distance);
}

/* The zoom, other than @zoom, whose fresh tiles meeting @area are the
 * closest stand-in; 0 when none. */
static double
pick_fallback (TfTileCache  *self,
               double        zoom,
               const TfRect *area)
{
  GHashTableIter iter;
  Tile *tile;
  double best = 0, best_distance = G_MAXDOUBLE;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, (gpointer *) &tile, NULL))
    {
      TfRect r;
      double distance;

      if (tile->zoom == zoom || tile->stale || !TILE_DRAWN (tile))
        continue;
      distance = fabs (log (tile->zoom / zoom));
      if (distance >= best_distance)
        continue;
      r = tile_area (self, tile);
      if (!tf_rect_intersects (&r, area))
        continue;
      best = tile->zoom;
      best_distance = distance;
    }
  return best;
}

/* Whether fresh tiles of level @zoom cover the part of tile (@tx, @ty) of
 * level @level that @area shows: then that level may stand in for it. A
 * frame draws a level's tile or a whole stand-in, never a hole (a zoom
 * out shows more than the old level had). */
static gboolean
stand_in_covers (TfTileCache  *self,
                 double        zoom,
                 double        level,
                 int           tx,
                 int           ty,
                 const TfRect *area)
{
  TfRect r = TF_RECT_INIT (tx * self->size / level, ty * self->size / level,
                           self->size / level, self->size / level);
  double x0 = MAX (r.x, area->x), y0 = MAX (r.y, area->y);
  double x1 = MIN (r.x + r.width, area->x + area->width), y1 = MIN (r.y + r.height, area->y + area->height);

  if (zoom <= 0)
    return FALSE;
  if (x1 <= x0 || y1 <= y0)
    return TRUE;
  for (int sy = (int) floor (y0 * zoom / self->size); sy <= (int) ceil (y1 * zoom / self->size) - 1; sy++)
    for (int sx = (int) floor (x0 * zoom / self->size); sx <= (int) ceil (x1 * zoom / self->size) - 1; sx++)
      {
        Tile *tile = lookup (self, zoom, sx, sy);

        if (tile == NULL || tile->stale || !TILE_DRAWN (tile))
          return FALSE;
      }
  return TRUE;
}

/* While a level is incomplete, its tiles that the stand-in level
 * @fallback covers are kept for later, not shown: a card is never drawn
 * twice at once, half from the old zoom's layout and half from the new
 * one's (their texts wrap differently). The level shows there whole once
 * all its tiles are made. Removes them from @shown. */
static void
keep_off_stand_ins (TfTileCache  *self,
                    GPtrArray    *shown,
                    double        fallback,
                    double        level,
                    const TfRect *area)
{
  for (guint i = shown->len; i > 0; i--)
    {
      Tile *tile = g_ptr_array_index (shown, i - 1);

      if (stand_in_covers (self, fallback, level, tile->tx, tile->ty, area))
        g_ptr_array_remove_index (shown, i - 1);
    }
}

/* The furthest zoom of the √2 ladder at or below @zoom. */
static double
quantise (double zoom)
{
  return exp2 (floor (log2 (zoom) * 2 + 1e-9) / 2);
}

/* @tiles, of one zoom, scaled into the view. The Cairo renderer gets
 * those kept in surfaces as one Cairo node (one recording to replay, not
 * one a tile), each on whole pixels with a bilinear filter: the X server's
 * RENDER scales them itself (with Cairo's default filter it could not, and
 * Cairo would read each pixmap back, filter it here and send it again:
 * 40 ms of this process's CPU for a view of 48 tiles at 0.75 under Xvfb),
 * and no clip with soft edges makes Cairo build a mask. Enlarged more
 * than 1.5 times, they are stand-ins for a frame or two: the nearest
 * pixel, a tenth of the X server's work of a bilinear filter. */
static void
append_scaled (TfTileCache      *self,
               GtkSnapshot      *snapshot,
               const TfViewport *vp,
               GPtrArray        *tiles)
{
  cairo_t *cr = NULL;

  for (guint i = 0; i < tiles->len; i++)
    {
      Tile *tile = g_ptr_array_index (tiles, i);
      TfRect r = tile_area (self, tile);
      double x = (r.x - vp->x) * vp->zoom, y = (r.y - vp->y) * vp->zoom, side = r.width * vp->zoom;
      double x0 = round (x), y0 = round (y), x1 = round (x + side), y1 = round (y + side);

      touch (self, tile);
      if (tile->surface == NULL)
        {
          append_tile (snapshot, tile, x, y, side, self->size);
          continue;
        }
      if (x1 <= x0 || y1 <= y0)
        continue;
      if (cr == NULL)
        cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, vp->width, vp->height));
      cairo_save (cr);
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_clip (cr);
      cairo_translate (cr, x0, y0);
      cairo_scale (cr, (x1 - x0) / self->size, (y1 - y0) / self->size);
      cairo_set_source_surface (cr, tile->surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr),
                                x1 - x0 > 1.5 * self->size ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  if (cr != NULL)
    cairo_destroy (cr);
}

/* While the zoom moves: the level @level (of the √2 ladder) scaled to the
 * view, its missing tiles rendered within @budget_us, and the nearest
 * other level standing in under them meanwhile. */
static void
snapshot_moving (TfTileCache      *self,
                 GtkSnapshot      *snapshot,
                 const TfViewport *vp,
                 double            level,
                 gint64            budget_us,
                 gint64            start,
                 gboolean          jump)
{
  TfRect area = tf_viewport_get_area (vp);
  int tx0 = (int) floor (area.x * level / self->size);
  int ty0 = (int) floor (area.y * level / self->size);
  int tx1 = (int) floor ((area.x + area.width) * level / self->size);
  int ty1 = (int) floor ((area.y + area.height) * level / self->size);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (Wanted));
  double fallback;
  guint rendered_now = 0;
  gboolean deferred = FALSE;

  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        Tile *tile = lookup (self, level, tx, ty);

        if (tile != NULL && TILE_DRAWN (tile) && !tile->stale)
          g_ptr_array_add (shown, tile);
        else
          {
            double cx = (tx + 0.5) * self->size / level - (area.x + area.width / 2);
            double cy = (ty + 0.5) * self->size / level - (area.y + area.height / 2);
            Wanted w = { tx, ty, cx * cx + cy * cy };

            g_array_append_val (wanted, w);
          }
      }

  fallback = wanted->len > 0 ? pick_fallback (self, level, &area) : 0;
  if (fallback > 0)
    {
      GHashTableIter iter;
      Tile *tile;
      g_autoptr(GPtrArray) stand_ins = g_ptr_array_new ();

      g_hash_table_iter_init (&iter, self->tiles);
      while (g_hash_table_iter_next (&iter, (gpointer *) &tile, NULL))
        {
          TfRect r;

          if (tile->zoom != fallback || tile->stale || !TILE_DRAWN (tile))
            continue;
          r = tile_area (self, tile);
          if (tf_rect_intersects (&r, &area))
            g_ptr_array_add (stand_ins, tile);
        }
      append_scaled (self, snapshot, vp, stand_ins);
    }

  g_array_sort (wanted, compare_wanted);
  for (guint i = 0; i < wanted->len; i++)
    {
      const Wanted *w = &g_array_index (wanted, Wanted, i);
      Tile *tile;

      /* The first frame after a jump shows what it has at once; later
       * frames add tiles within the budget. Where the stand-in has
       * nothing, the tile is rendered now all the same. */
      if (fallback > 0 && (jump || over_budget (self, start, budget_us, rendered_now)) &&
          stand_in_covers (self, fallback, level, w->tx, w->ty, &area))
        {
          deferred = TRUE;
          continue;
        }
      tile = lookup (self, level, w->tx, w->ty);
      if (tile == NULL)
        tile = add_tile (self, level, w->tx, w->ty);
      render_tile (self, tile);
      rendered_now++;
      g_ptr_array_add (shown, tile);
    }
  if (deferred)
    keep_off_stand_ins (self, shown, fallback, level, &area);
  append_scaled (self, snapshot, vp, shown);
  g_debug ("moving frame %" G_GUINT64_FORMAT ": level %.4f, %u tiles shown, %u wanted, %u rendered, "
           "fallback %.4f, %.1f ms", self->frame, level, shown->len, wanted->len, rendered_now, fallback,
           (g_get_monotonic_time () - start) / 1e3);
}

gboolean
tf_tile_cache_snapshot (TfTileCache      *self,
                        GtkSnapshot      *snapshot,
                        TfScene          *scene,
                        const TfViewport *vp,
                        int               scale,
                        gint64            budget_us)
{
  double zoom, fallback;
  double ox, oy;
  int size, tx0, ty0, tx1, ty1;
  TfRect area;
  g_autoptr(GArray) wanted = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean complete = TRUE;
  gboolean moving, jump = FALSE;
  guint rendered_now = 0;

  g_return_val_if_fail (self != NULL, TRUE);
  g_return_val_if_fail (TF_IS_SCENE (scene), TRUE);
  g_return_val_if_fail (vp->zoom > 0, TRUE);

  if (vp->width <= 0 || vp->height <= 0)
    return TRUE;

  set_scene (self, scene);
  if (self->generation != tf_renderer_get_generation (self->renderer))
    {
      /* Pictograms got checked, or every look changed. */
      self->generation = tf_renderer_get_generation (self->renderer);
      tf_tile_cache_invalidate_all (self);
    }

  self->frame++;
  scale = MAX (scale, 1);
  size = self->size;
  zoom = vp->zoom * scale;
  if (zoom != self->last_zoom)
    {
      moving = jump = self->last_zoom != 0 && g_hash_table_size (self->tiles) > 0;
      self->zoom_time = start;
      self->last_zoom = zoom;
    }
  else
    moving = budget_us >= 0 && start - self->zoom_time < SETTLE_US && quantise (zoom) != zoom;
  area = tf_viewport_get_area (vp);

  if (moving && budget_us >= 0)
    {
      GdkRGBA paper = { ((TF_PAPER_RGB >> 16) & 0xff) / 255.0, ((TF_PAPER_RGB >> 8) & 0xff) / 255.0,
                        (TF_PAPER_RGB & 0xff) / 255.0, 1.0 };

      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, vp->width, vp->height));
      gtk_snapshot_append_color (snapshot, &paper, &GRAPHENE_RECT_INIT (0, 0, vp->width, vp->height));
      /* A third of the budget: a zoom in motion keeps the frame rate. */
      snapshot_moving (self, snapshot, vp, quantise (zoom), budget_us / 3, start, jump);
      gtk_snapshot_pop (snapshot);
      self->have_view = FALSE;
      trim (self);
      /* Drawn again until the zoom rests and its own tiles are made. */
      return FALSE;
    }

  /* The view's corner on a whole device pixel: tiles land on pixels. */
  ox = round (vp->x * zoom);
  oy = round (vp->y * zoom);
  tx0 = (int) floor (ox / size);
  ty0 = (int) floor (oy / size);
  tx1 = (int) floor ((ox + (double) vp->width * scale - 1) / size);
  ty1 = (int) floor ((oy + (double) vp->height * scale - 1) / size);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, vp->width, vp->height));

  wanted = g_array_new (FALSE, FALSE, sizeof (Wanted));
  shown = g_ptr_array_new ();
  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        Tile *tile = lookup (self, zoom, tx, ty);

        if (tile != NULL && TILE_DRAWN (tile) && !tile->stale)
          {
            touch (self, tile);
            g_ptr_array_add (shown, tile);
          }
        else if (tile != NULL && TILE_DRAWN (tile))
          {
            /* A change under it: never shown as it was. */
            render_tile (self, tile);
            rendered_now++;
            touch (self, tile);
            g_ptr_array_add (shown, tile);
          }
        else
          {
            double cx = (tx + 0.5) * size - (ox + vp->width * scale / 2.0);
            double cy = (ty + 0.5) * size - (oy + vp->height * scale / 2.0);
            Wanted w = { tx, ty, cx * cx + cy * cy };

            g_array_append_val (wanted, w);
          }
      }

  if (wanted->len > 0)
    {
      /* Paper under the holes; with every tile there, a software GL is
       * spared painting the whole view twice. */
      GdkRGBA paper = { ((TF_PAPER_RGB >> 16) & 0xff) / 255.0, ((TF_PAPER_RGB >> 8) & 0xff) / 255.0,
                        (TF_PAPER_RGB & 0xff) / 255.0, 1.0 };

      gtk_snapshot_append_color (snapshot, &paper, &GRAPHENE_RECT_INIT (0, 0, vp->width, vp->height));
    }
  fallback = wanted->len > 0 ? pick_fallback (self, zoom, &area) : 0;
  if (fallback > 0)
    {
      GHashTableIter iter;
      Tile *tile;
      g_autoptr(GPtrArray) stand_ins = g_ptr_array_new ();

      g_hash_table_iter_init (&iter, self->tiles);
      while (g_hash_table_iter_next (&iter, (gpointer *) &tile, NULL))
        {
          TfRect r;

          if (tile->zoom != fallback || tile->stale || !TILE_DRAWN (tile))
            continue;
          r = tile_area (self, tile);
          if (tf_rect_intersects (&r, &area))
            g_ptr_array_add (stand_ins, tile);
        }
      append_scaled (self, snapshot, vp, stand_ins);
    }

  g_array_sort (wanted, compare_wanted);
  for (guint i = 0; i < wanted->len; i++)
    {
      const Wanted *w = &g_array_index (wanted, Wanted, i);
      Tile *tile;

      /* Nothing to show instead, or time left in this frame: render now. */
      if (fallback > 0 && rendered_now > 0 && budget_us >= 0 &&
          g_get_monotonic_time () - start >= budget_us &&
          stand_in_covers (self, fallback, zoom, w->tx, w->ty, &area))
        {
          complete = FALSE;
          continue;
        }
      tile = lookup (self, zoom, w->tx, w->ty);
      if (tile == NULL)
        tile = add_tile (self, zoom, w->tx, w->ty);
      render_tile (self, tile);
      rendered_now++;
      touch (self, tile);
      g_ptr_array_add (shown, tile);
    }
  if (!complete)
    keep_off_stand_ins (self, shown, fallback, zoom, &area);

  for (guint i = 0; i < shown->len; i++)
    {
      Tile *tile = g_ptr_array_index (shown, i);

      append_tile (snapshot, tile, (tile->tx * size - ox) / scale, (tile->ty * size - oy) / scale,
                   (double) size / scale, size);
    }
  gtk_snapshot_pop (snapshot);

  /* Tiles around the view are made between frames (tf_tile_cache_prefetch). */
  if (self->have_view && self->view_zoom == zoom)
    {
      double dx = ox - self->view_ox, dy = oy - self->view_oy;

      /* The pan's direction, smoothed over a few frames. */
      if (dx != 0 || dy != 0)
        {
          self->motion_x = self->motion_x * 0.5 + dx;
          self->motion_y = self->motion_y * 0.5 + dy;
        }
    }
  else
    self->motion_x = self->motion_y = 0;
  self->have_view = complete;
  self->view_zoom = zoom;
  self->view_ox = ox;
  self->view_oy = oy;
  self->view_tx0 = tx0;
  self->view_ty0 = ty0;
  self->view_tx1 = tx1;
  self->view_ty1 = ty1;
  trim (self);
  g_debug ("frame %" G_GUINT64_FORMAT ": %u tiles shown, %u rendered, %.1f ms, %zu KiB kept",
           self->frame, shown->len, rendered_now, (g_get_monotonic_time () - start) / 1e3,
           self->bytes / 1024);
  return complete;
}

typedef struct {
  int    tx, ty;
  double rank;
} Ahead;

static int
compare_ahead (gconstpointer a,
               gconstpointer b)
{
  const Ahead *aa = a, *ab = b;

  return (aa->rank > ab->rank) - (aa->rank < ab->rank);
}

/* The tiles to make around the view: a ring of one, two deep on the side
 * the view moves to, that side first. */
static GArray *
tiles_ahead (TfTileCache *self)
{
  GArray *ahead = g_array_new (FALSE, FALSE, sizeof (Ahead));
  double length = hypot (self->motion_x, self->motion_y);
  double mx = length > 0 ? self->motion_x / length : 0;
  double my = length > 0 ? self->motion_y / length : 0;
  double cx = (self->view_tx0 + self->view_tx1) / 2.0, cy = (self->view_ty0 + self->view_ty1) / 2.0;
  double half_w = (self->view_tx1 - self->view_tx0) / 2.0 + 0.5;
  double half_h = (self->view_ty1 - self->view_ty0) / 2.0 + 0.5;

  for (int ty = self->view_ty0 - 2; ty <= self->view_ty1 + 2; ty++)
    for (int tx = self->view_tx0 - 2; tx <= self->view_tx1 + 2; tx++)
      {
        int out_x = tx < self->view_tx0 ? self->view_tx0 - tx : tx > self->view_tx1 ? tx - self->view_tx1 : 0;
        int out_y = ty < self->view_ty0 ? self->view_ty0 - ty : ty > self->view_ty1 ? ty - self->view_ty1 : 0;
        /* Where the tile lies from the view's centre, in half-views. */
        double along = ((tx - cx) / half_w) * mx + ((ty - cy) / half_h) * my;
        int depth = MAX (out_x, out_y);
        Ahead a = { tx, ty, 0 };

        if (depth == 0)
          continue;
        /* The second row only ahead of the move. */
        if (depth == 2 && along <= 0.5)
          continue;
        a.rank = depth * 2 - along;
        g_array_append_val (ahead, a);
      }
  g_array_sort (ahead, compare_ahead);
  return ahead;
}

gboolean
tf_tile_cache_prefetch (TfTileCache *self,
                        gint64       budget_us)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GArray) ahead = NULL;
  gboolean more = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->have_view || self->scene == NULL || self->view_zoom != self->last_zoom ||
      self->generation != tf_renderer_get_generation (self->renderer))
    return FALSE;
  ahead = tiles_ahead (self);
  for (guint i = 0; i < ahead->len; i++)
    {
      const Ahead *a = &g_array_index (ahead, Ahead, i);
      Tile *tile = lookup (self, self->view_zoom, a->tx, a->ty);

      if (tile != NULL && TILE_DRAWN (tile) && !tile->stale)
        continue;
      /* Room for it without pushing out what the view shows. */
      if (self->bytes + (gsize) self->size * self->size * 4 > self->budget &&
          self->lru.tail != NULL && ((Tile *) self->lru.tail->data)->frame == self->frame)
        break;
      if (g_get_monotonic_time () - start >= budget_us)
        {
          more = TRUE;
          break;
        }
      if (tile == NULL)
        tile = add_tile (self, self->view_zoom, a->tx, a->ty);
      render_tile (self, tile);
      g_queue_unlink (&self->lru, &tile->link);
      g_queue_push_head_link (&self->lru, &tile->link);
      trim (self);
    }
  return more;
}

gboolean
tf_tile_cache_wants_prefetch (TfTileCache *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->have_view && self->view_zoom == self->last_zoom;
}

void
tf_tile_cache_set_cairo_nodes (TfTileCache     *self,
                               gboolean         cairo_nodes,
                               cairo_surface_t *store)
{
  g_return_if_fail (self != NULL);

  if (!cairo_nodes)
    store = NULL;
  if (self->cairo_nodes == !!cairo_nodes && self->store == store)
    return;
  self->cairo_nodes = !!cairo_nodes;
  if (store != NULL)
    cairo_surface_reference (store);
  g_clear_pointer (&self->store, cairo_surface_destroy);
  g_clear_pointer (&self->scratch, cairo_surface_destroy);
  self->store = store;
  tf_tile_cache_invalidate_all (self);
}

gboolean
tf_tile_cache_get_cairo_nodes (TfTileCache *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->cairo_nodes;
}

gsize
tf_tile_cache_get_bytes (TfTileCache *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->bytes;
}

guint
tf_tile_cache_get_n_tiles (TfTileCache *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return g_hash_table_size (self->tiles);
}

guint64
tf_tile_cache_get_n_rendered (TfTileCache *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rendered;
}

gboolean
tf_tile_cache_enabled (void)
{
  static gsize once;
  static gboolean enabled;

  if (g_once_init_enter (&once))
    {
      enabled = g_strcmp0 (g_getenv ("TRANSFO_TILES"), "0") != 0;
      g_once_init_leave (&once, 1);
    }
  return enabled;
}

TfTileCache *
tf_tile_cache_for_widget (GtkWidget  *widget,
                          TfRenderer *renderer)
{
  TfTileCache *self = g_object_get_data (G_OBJECT (widget), "tf-tile-cache");

  if (self == NULL)
    {
      self = tf_tile_cache_new (renderer, TF_TILE_CACHE_TILE_SIZE, TF_TILE_CACHE_BUDGET);
      g_object_set_data_full (G_OBJECT (widget), "tf-tile-cache", self,
                              (GDestroyNotify) tf_tile_cache_free);
    }
  return self;
}
