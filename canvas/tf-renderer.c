/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-renderer"

#include <math.h>
#include <string.h>

#include "tf-renderer.h"
#include "tf-text-block.h"
#include "tf-text-fit.h"

/* Screen renderings of items are kept up to this many bytes. */
#define SURFACE_BUDGET (32 * 1024 * 1024)
/* Text layouts are kept for this many items at most; past it, those not
 * used in the last TEXT_KEEP_DRAWS draws go, least recent first. */
#define TEXT_BUDGET 4096
#define TEXT_KEEP_DRAWS 64
/* Room around an item's bounds for its shadow, in board units. */
#define ITEM_PAD 8.0
#define GRID_STEP 24.0
/* Time a frame may spend remaking bitmaps after a zoom, in µs. */
#define REFRESH_BUDGET_US 6000

typedef struct {
  guint        serial;
  double       width, height, max_size, min_size;
  gboolean     bold;
  PangoLayout *fitted;
  double       line_width, line_size;
  PangoLayout *line;
  TfTextBlock *block;         /* the plain-text path, when it applies */
  gboolean     block_tried;
  double       block_width, block_height, block_max, block_min;
  guint64      frame;         /* the last draw that used it */
} TextEntry;

typedef struct {
  guint            serial;
  double           scale;
  guint64          frame;
  cairo_surface_t *surface;
} SurfaceEntry;

struct _TfRenderer
{
  GObject          parent_instance;

  PangoContext    *pango;
  GHashTable      *texts;     /* gint64 id → TextEntry* */
  GHashTable      *surfaces;  /* gint64 id → SurfaceEntry* */
  gsize            surface_bytes;
  guint64          frame;
  gint64           deadline;    /* monotonic µs: remake stale bitmaps until then */
  cairo_surface_t *cards;       /* the view-sized bitmap of far-away cards */
  GPtrArray       *visible;     /* reused each frame: the items in view */
  GPtrArray       *batches;     /* reused each frame: CardBatch by colour */
  gboolean         incomplete;  /* some bitmap was drawn at an old zoom */
  gboolean         progressive; /* past the budget, items without a bitmap are drawn as lines */
  TfAssetSource   *assets;
  guint            generation;  /* bumped by tf_renderer_invalidate_all() */
  double           min_text;    /* "room" rendering, device pixels */
  gboolean         presenting;  /* for an audience: no editing marks */
  GArray          *plan;        /* PlannedDraw: what a document will print */
  GArray          *placed;      /* TfRect: labels placed in the drawing on paper */
};

/* A drawing a document will make (tf_renderer_plan_print()). */
typedef struct {
  TfScene *scene;   /* compared only, never dereferenced */
  TfRect   area;
  double   zoom;
} PlannedDraw;

G_DEFINE_FINAL_TYPE (TfRenderer, tf_renderer, G_TYPE_OBJECT)

static void
text_entry_free (gpointer data)
{
  TextEntry *entry = data;

  g_clear_object (&entry->fitted);
  g_clear_object (&entry->line);
  g_clear_pointer (&entry->block, tf_text_block_free);
  g_free (entry);
}

static void
surface_entry_free (gpointer data)
{
  SurfaceEntry *entry = data;

  if (entry->surface != NULL)
    cairo_surface_destroy (entry->surface);
  g_free (entry);
}

static void
tf_renderer_finalize (GObject *object)
{
  TfRenderer *self = (TfRenderer *)object;

  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->surfaces, g_hash_table_unref);
  g_clear_pointer (&self->cards, cairo_surface_destroy);
  g_clear_pointer (&self->visible, g_ptr_array_unref);
  g_clear_pointer (&self->batches, g_ptr_array_unref);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->assets, tf_asset_source_unref);
  g_clear_pointer (&self->plan, g_array_unref);
  g_clear_pointer (&self->placed, g_array_unref);

  G_OBJECT_CLASS (tf_renderer_parent_class)->finalize (object);
}

static void
tf_renderer_class_init (TfRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tf_renderer_finalize;
}

static void card_batch_free (gpointer data);

static void
tf_renderer_init (TfRenderer *self)
{
  self->pango = tf_text_context_new ();
  self->texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, text_entry_free);
  self->surfaces = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, surface_entry_free);
  self->visible = g_ptr_array_new ();
  self->batches = g_ptr_array_new_with_free_func (card_batch_free);
  self->placed = g_array_new (FALSE, FALSE, sizeof (TfRect));
}

TfRenderer *
tf_renderer_new (void)
{
  return g_object_new (TF_TYPE_RENDERER, NULL);
}

TfRect
tf_viewport_get_area (const TfViewport *viewport)
{
  return TF_RECT_INIT (viewport->x, viewport->y,
                       viewport->width / viewport->zoom, viewport->height / viewport->zoom);
}

void
tf_viewport_fit (TfViewport   *viewport,
                 const TfRect *area,
                 int           width,
                 int           height,
                 double        margin,
                 double        min_zoom,
                 double        max_zoom)
{
  double zoom;

  viewport->width = width;
  viewport->height = height;
  if (tf_rect_is_empty (area))
    {
      viewport->zoom = CLAMP (1.0, min_zoom, max_zoom);
      viewport->x = -width / 2.0 / viewport->zoom;
      viewport->y = -height / 2.0 / viewport->zoom;
      return;
    }

  zoom = MIN ((width - 2 * margin) / area->width, (height - 2 * margin) / area->height);
  zoom = CLAMP (zoom, min_zoom, max_zoom);
  viewport->zoom = zoom;
  viewport->x = area->x + area->width / 2 - width / 2.0 / zoom;
  viewport->y = area->y + area->height / 2 - height / 2.0 / zoom;
}

void
tf_renderer_invalidate (TfRenderer *self,
                        gint64      id)
{
  SurfaceEntry *entry;

  g_return_if_fail (TF_IS_RENDERER (self));

  entry = g_hash_table_lookup (self->surfaces, &id);
  if (entry != NULL)
    {
      if (entry->surface != NULL)
        self->surface_bytes -= (gsize) cairo_image_surface_get_stride (entry->surface) *
                               cairo_image_surface_get_height (entry->surface);
      g_hash_table_remove (self->surfaces, &id);
    }
  g_hash_table_remove (self->texts, &id);
}

void
tf_renderer_invalidate_all (TfRenderer *self)
{
  g_return_if_fail (TF_IS_RENDERER (self));

  g_hash_table_remove_all (self->surfaces);
  g_hash_table_remove_all (self->texts);
  self->surface_bytes = 0;
  self->generation++;
}

void
tf_renderer_set_min_text (TfRenderer *self,
                          double      px)
{
  g_return_if_fail (TF_IS_RENDERER (self));

  px = MAX (px, 0);
  if (self->min_text == px)
    return;
  self->min_text = px;
  tf_renderer_invalidate_all (self);
}

void
tf_renderer_set_presenting (TfRenderer *self,
                            gboolean    presenting)
{
  g_return_if_fail (TF_IS_RENDERER (self));

  presenting = !!presenting;
  if (self->presenting == presenting)
    return;
  self->presenting = presenting;
  tf_renderer_invalidate_all (self);
}

guint
tf_renderer_get_generation (TfRenderer *self)
{
  g_return_val_if_fail (TF_IS_RENDERER (self), 0);

  return self->generation;
}

static TextEntry *
text_entry (TfRenderer   *self,
            const TfItem *item)
{
  TextEntry *entry = g_hash_table_lookup (self->texts, &item->id);

  if (entry != NULL && entry->serial != item->serial)
    {
      g_clear_object (&entry->fitted);
      g_clear_object (&entry->line);
      g_clear_pointer (&entry->block, tf_text_block_free);
      entry->block_tried = FALSE;
      entry->serial = item->serial;
    }
  if (entry == NULL)
    {
      entry = g_new0 (TextEntry, 1);
      entry->serial = item->serial;
      g_hash_table_insert (self->texts, g_memdup2 (&item->id, sizeof item->id), entry);
    }
  entry->frame = self->frame;
  return entry;
}

PangoLayout *
tf_render_context_fit_text (TfRenderContext *ctx,
                            const TfItem    *item,
                            double           width,
                            double           height,
                            double           max_size,
                            double           min_size,
                            gboolean         bold)
{
  TextEntry *entry = text_entry (ctx->renderer, item);

  if (entry->fitted == NULL || entry->width != width || entry->height != height ||
      entry->max_size != max_size || entry->min_size != min_size || entry->bold != bold)
    {
      g_clear_object (&entry->fitted);
      entry->fitted = tf_text_fit (ctx->pango, item->text, width, height, max_size, min_size, bold, NULL);
      entry->width = width;
      entry->height = height;
      entry->max_size = max_size;
      entry->min_size = min_size;
      entry->bold = bold;
    }
  return entry->fitted;
}

TfTextBlock *
tf_render_context_fit_block (TfRenderContext *ctx,
                             const TfItem    *item,
                             double           width,
                             double           height,
                             double           max_size,
                             double           min_size)
{
  TextEntry *entry = text_entry (ctx->renderer, item);

  if (!entry->block_tried || entry->block_width != width || entry->block_height != height ||
      entry->block_max != max_size || entry->block_min != min_size)
    {
      g_clear_pointer (&entry->block, tf_text_block_free);
      entry->block = tf_text_block_fit (ctx->pango, item->text, width, height, max_size, min_size);
      entry->block_tried = TRUE;
      entry->block_width = width;
      entry->block_height = height;
      entry->block_max = max_size;
      entry->block_min = min_size;
    }
  return entry->block;
}

PangoLayout *
tf_render_context_line (TfRenderContext *ctx,
                        const TfItem    *item,
                        double           width,
                        double           size,
                        gboolean         bold)
{
  TextEntry *entry = text_entry (ctx->renderer, item);

  if (entry->line == NULL || entry->line_width != width || entry->line_size != size)
    {
      const char *end = strchr (item->text, '\n');
      g_autofree char *first = end ? g_strndup (item->text, end - item->text) : g_strdup (item->text);

      g_clear_object (&entry->line);
      entry->line = tf_text_line (ctx->pango, first, width, size, bold);
      entry->line_width = width;
      entry->line_size = size;
    }
  return entry->line;
}

/* Paper, and a dot every GRID_STEP units; far out, every other dot so the
 * grid never turns into grey noise. */
static void
draw_background (cairo_t          *cr,
                 const TfViewport *vp)
{
  double step = GRID_STEP * vp->zoom;
  double radius = CLAMP (1.1 * vp->zoom, 0.7, 2.5);
  double ox, oy;
  cairo_surface_t *tile;
  cairo_pattern_t *pattern;
  cairo_t *tcr;
  cairo_matrix_t matrix;
  int size;

  tf_cairo_set_rgb (cr, TF_PAPER_RGB, 1.0);
  cairo_paint (cr);

  while (step < 10.0)
    step *= 2.0;

  /* One dot on a tile, repeated: much cheaper than thousands of arcs. */
  size = MAX (1, (int) ceil (step));
  tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  tcr = cairo_create (tile);
  cairo_scale (tcr, size / step, size / step);
  cairo_set_source_rgba (tcr, 0.45, 0.40, 0.30, 0.30);
  cairo_arc (tcr, step / 2, step / 2, radius, 0, 2 * G_PI);
  cairo_fill (tcr);
  cairo_destroy (tcr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  /* Dots stay put on the board while it pans. */
  ox = fmod (vp->x * vp->zoom, step);
  oy = fmod (vp->y * vp->zoom, step);
  cairo_matrix_init_scale (&matrix, size / step, size / step);
  cairo_matrix_translate (&matrix, ox, oy);
  cairo_pattern_set_matrix (pattern, &matrix);
  /* The tile is a fraction of a pixel off its period: nearest sampling keeps
   * the faint dots intact and is several times cheaper than bilinear. */
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_set_source (cr, pattern);
  cairo_paint (cr);
  cairo_pattern_destroy (pattern);
  cairo_surface_destroy (tile);
}

void
tf_renderer_draw_paper (cairo_t          *cr,
                        const TfViewport *vp)
{
  g_return_if_fail (vp->zoom > 0);
  cairo_save (cr);
  draw_background (cr, vp);
  cairo_restore (cr);
}

double
tf_renderer_get_item_pad (void)
{
  return ITEM_PAD;
}

static void
draw_placeholder (const TfItem *item,
                  cairo_t      *cr)
{
  static const double dash[] = { 6.0, 4.0 };

  cairo_rectangle (cr, item->bounds.x, item->bounds.y, item->bounds.width, item->bounds.height);
  tf_cairo_set_rgb (cr, TF_INK_RGB, 0.35);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_item (TfRenderer      *self,
           const TfItem    *item,
           cairo_t         *cr,
           TfRenderContext *ctx)
{
  if (item->kind == NULL || item->kind->draw == NULL)
    {
      draw_placeholder (item, cr);
      return;
    }
  cairo_save (cr);
  /* Each item starts from an empty path: a kind that leaves a current
   * point behind (Pango's text moves to it) must not join the next one's
   * first arc to it with a stray line (cairo_save() keeps no path). */
  cairo_new_path (cr);
  item->kind->draw (item, cr, ctx);
  cairo_restore (cr);
}

/* Full-detail items on screen come from a bitmap of each item made at the
 * current zoom, so panning redraws no text and a frame is a series of plain
 * copies. After a zoom, bitmaps are remade within a time budget per frame;
 * the rest are drawn scaled from their old bitmap meanwhile, and the frame
 * reports itself incomplete so the view draws again. */
static void
render_entry (TfRenderer      *self,
              SurfaceEntry    *entry,
              const TfItem    *item,
              TfRenderContext *ctx,
              double           zoom,
              int              width,
              int              height)
{
  TfRenderContext item_ctx = *ctx;
  cairo_t *icr;

  if (entry->surface != NULL)
    {
      self->surface_bytes -= (gsize) cairo_image_surface_get_stride (entry->surface) *
                             cairo_image_surface_get_height (entry->surface);
      cairo_surface_destroy (entry->surface);
    }
  entry->serial = item->serial;
  entry->scale = zoom;
  entry->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  icr = cairo_create (entry->surface);
  cairo_scale (icr, zoom, zoom);
  cairo_translate (icr, ITEM_PAD - item->bounds.x, ITEM_PAD - item->bounds.y);
  item_ctx.scale = zoom;
  draw_item (self, item, icr, &item_ctx);
  cairo_destroy (icr);
  self->surface_bytes += (gsize) cairo_image_surface_get_stride (entry->surface) * height;
}

static void
draw_cached (TfRenderer      *self,
             const TfItem    *item,
             cairo_t         *cr,
             TfRenderContext *ctx,
             double           zoom)
{
  SurfaceEntry *entry = g_hash_table_lookup (self->surfaces, &item->id);
  int width = (int) ceil ((item->bounds.width + 2 * ITEM_PAD) * zoom);
  int height = (int) ceil ((item->bounds.height + 2 * ITEM_PAD) * zoom);
  gboolean exact;

  if ((gint64) width * height > 2048 * 2048)
    {
      /* Zoomed right in: drawing is cheap next to a bitmap this big. */
      draw_item (self, item, cr, ctx);
      return;
    }

  if (self->progressive && (entry == NULL || entry->surface == NULL) && ctx->lod != TF_LOD_CARD &&
      g_get_monotonic_time () >= self->deadline)
    {
      /* A first frame that does not wait for every text: past the budget,
       * a note never drawn shows as a plain card, and its text (its whole
       * text, or its first line when the zoom first reaches that level)
       * comes with the next frames. */
      TfRenderContext line_ctx = *ctx;

      line_ctx.lod = TF_LOD_CARD;
      draw_item (self, item, cr, &line_ctx);
      self->incomplete = TRUE;
      return;
    }

  if (entry == NULL)
    {
      entry = g_new0 (SurfaceEntry, 1);
      g_hash_table_insert (self->surfaces, g_memdup2 (&item->id, sizeof item->id), entry);
    }

  if (entry->surface == NULL || entry->serial != item->serial)
    render_entry (self, entry, item, ctx, zoom, width, height);   /* nothing to show instead */
  else if (entry->scale != zoom)
    {
      if (g_get_monotonic_time () < self->deadline)
        render_entry (self, entry, item, ctx, zoom, width, height);
      else
        self->incomplete = TRUE;
    }
  entry->frame = self->frame;
  exact = entry->scale == zoom;

  cairo_save (cr);
  if (exact)
    {
      /* A plain copy at a whole pixel: the fastest path there is. */
      double dx = item->bounds.x - ITEM_PAD, dy = item->bounds.y - ITEM_PAD;

      cairo_user_to_device (cr, &dx, &dy);
      cairo_identity_matrix (cr);
      cairo_set_source_surface (cr, entry->surface, round (dx), round (dy));
    }
  else
    {
      cairo_translate (cr, item->bounds.x - ITEM_PAD, item->bounds.y - ITEM_PAD);
      cairo_scale (cr, 1.0 / entry->scale, 1.0 / entry->scale);
      cairo_set_source_surface (cr, entry->surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
    }
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
trim_texts (TfRenderer *self)
{
  GHashTableIter iter;
  TextEntry *entry;

  if (g_hash_table_size (self->texts) <= TEXT_BUDGET)
    return;

  g_hash_table_iter_init (&iter, self->texts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (entry->frame + TEXT_KEEP_DRAWS < self->frame)
      g_hash_table_iter_remove (&iter);
}

static void
trim_surfaces (TfRenderer *self)
{
  GHashTableIter iter;
  SurfaceEntry *entry;

  if (self->surface_bytes <= SURFACE_BUDGET)
    return;

  /* Keep what this frame used, forget the rest. */
  g_hash_table_iter_init (&iter, self->surfaces);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (entry->frame != self->frame)
      {
        if (entry->surface != NULL)
          self->surface_bytes -= (gsize) cairo_image_surface_get_stride (entry->surface) *
                                 cairo_image_surface_get_height (entry->surface);
        g_hash_table_iter_remove (&iter);
      }
}

/* Far away, notes are flat cards: gathered by colour and filled in one go,
 * snapped to device pixels so they stay crisp. */
typedef struct {
  gint64  color;
  GArray *rects;  /* TfRect, in device pixels */
} CardBatch;

/* Many tiny cards (a whole wall in view) are written straight into a
 * bitmap of the view and painted once: much cheaper than asking cairo to
 * fill a hundred thousand rectangles. */
#define PIXEL_CARDS_MIN 4000

static void
flush_cards_as_pixels (TfRenderer *self,
                       cairo_t    *cr,
                       GPtrArray  *batches,
                       int         width,
                       int         height)
{
  guint32 *pixels;
  int stride;

  if (self->cards == NULL ||
      cairo_image_surface_get_width (self->cards) != width ||
      cairo_image_surface_get_height (self->cards) != height)
    {
      g_clear_pointer (&self->cards, cairo_surface_destroy);
      self->cards = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
  cairo_surface_flush (self->cards);
  pixels = (guint32 *) cairo_image_surface_get_data (self->cards);
  stride = cairo_image_surface_get_stride (self->cards) / 4;
  memset (pixels, 0, (gsize) stride * 4 * height);

  for (guint b = 0; b < batches->len; b++)
    {
      CardBatch *batch = g_ptr_array_index (batches, b);
      guint32 argb = 0xff000000u | (guint32) batch->color;

      for (guint i = 0; i < batch->rects->len; i++)
        {
          const TfRect *r = &g_array_index (batch->rects, TfRect, i);
          int x0 = MAX (0, (int) r->x), y0 = MAX (0, (int) r->y);
          int x1 = MIN (width, (int) (r->x + r->width)), y1 = MIN (height, (int) (r->y + r->height));

          for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
              pixels[y * stride + x] = argb;
        }
      g_array_set_size (batch->rects, 0);
    }
  cairo_surface_mark_dirty (self->cards);

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, self->cards, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
flush_cards (TfRenderer       *self,
             cairo_t          *cr,
             GPtrArray        *batches,
             const TfViewport *vp,
             gboolean          print)
{
  guint total = 0;

  for (guint b = 0; b < batches->len; b++)
    total += ((CardBatch *) g_ptr_array_index (batches, b))->rects->len;
  if (total == 0)
    return;

  if (!print && total >= PIXEL_CARDS_MIN && vp->width > 0 && vp->height > 0)
    {
      flush_cards_as_pixels (self, cr, batches, vp->width, vp->height);
      return;
    }

  for (guint b = 0; b < batches->len; b++)
    {
      CardBatch *batch = g_ptr_array_index (batches, b);

      if (batch->rects->len == 0)
        continue;
      for (guint i = 0; i < batch->rects->len; i++)
        {
          const TfRect *r = &g_array_index (batch->rects, TfRect, i);
          cairo_rectangle (cr, r->x, r->y, r->width, r->height);
        }
      tf_cairo_set_rgb (cr, (guint32) batch->color, 1.0);
      cairo_fill (cr);
      g_array_set_size (batch->rects, 0);
    }
}

static void
card_batch_free (gpointer data)
{
  CardBatch *batch = data;

  g_array_unref (batch->rects);
  g_free (batch);
}

static void
add_card (GPtrArray        *batches,
          gint64            color,
          const TfItem     *item,
          const TfViewport *vp)
{
  CardBatch *batch = NULL;
  double x0 = round ((item->bounds.x - vp->x) * vp->zoom);
  double y0 = round ((item->bounds.y - vp->y) * vp->zoom);
  double x1 = round ((item->bounds.x + item->bounds.width - vp->x) * vp->zoom);
  double y1 = round ((item->bounds.y + item->bounds.height - vp->y) * vp->zoom);
  TfRect r;

  for (guint b = 0; b < batches->len && batch == NULL; b++)
    if (((CardBatch *) g_ptr_array_index (batches, b))->color == color)
      batch = g_ptr_array_index (batches, b);
  if (batch == NULL)
    {
      batch = g_new0 (CardBatch, 1);
      batch->color = color;
      batch->rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
      g_ptr_array_add (batches, batch);
    }

  /* Never thinner than a pixel, and a pixel apart from the next card. */
  r = TF_RECT_INIT (x0, y0, MAX (1.0, x1 - x0 - (x1 - x0 > 3 ? 1 : 0)),
                    MAX (1.0, y1 - y0 - (y1 - y0 > 3 ? 1 : 0)));
  g_array_append_val (batch->rects, r);
}

/* Printed, a card is where the item is, exactly: vector output has no
 * pixels to snap to, and the gaps between notes are the wall's own. */
static void
add_speck (GPtrArray        *batches,
           gint64            color,
           const TfItem     *item,
           const TfViewport *vp)
{
  CardBatch *batch = NULL;
  TfRect r = TF_RECT_INIT ((item->bounds.x - vp->x) * vp->zoom, (item->bounds.y - vp->y) * vp->zoom,
                           item->bounds.width * vp->zoom, item->bounds.height * vp->zoom);

  for (guint b = 0; b < batches->len && batch == NULL; b++)
    if (((CardBatch *) g_ptr_array_index (batches, b))->color == color)
      batch = g_ptr_array_index (batches, b);
  if (batch == NULL)
    {
      batch = g_new0 (CardBatch, 1);
      batch->color = color;
      batch->rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
      g_ptr_array_add (batches, batch);
    }
  g_array_append_val (batch->rects, r);
}

/* The context a drawing gives the kinds, @zoom device units per board unit. */
static void
context_init (TfRenderer      *self,
              TfScene         *scene,
              double           zoom,
              gboolean         print,
              gboolean         paper,
              TfRenderContext *ctx)
{
  ctx->scale = zoom;
  ctx->print = print;
  ctx->paper = paper || self->presenting;
  ctx->pango = self->pango;
  ctx->renderer = self;
  ctx->scene = scene;
  ctx->assets = self->assets;
  ctx->min_text = self->min_text;
  /* Each drawing on paper places its labels anew. */
  g_array_set_size (self->placed, 0);
  ctx->placed = paper ? self->placed : NULL;
}

gboolean
tf_renderer_write_svg (TfRenderer   *self,
                       TfScene      *scene,
                       const TfRect *area,
                       double        zoom,
                       TfSvgSink    *sink)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  TfRenderContext ctx = { 0 };

  g_return_val_if_fail (TF_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (TF_IS_SCENE (scene), FALSE);
  g_return_val_if_fail (zoom > 0, FALSE);

  tf_scene_query (scene, area, items);
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);

      if (item->kind == NULL || item->kind->write_svg == NULL)
        return FALSE;
    }
  context_init (self, scene, zoom, TRUE, TRUE, &ctx);
  ctx.lod = TF_LOD_FULL;
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);

      item->kind->write_svg (item, sink, &ctx);
      /* As when printing: no layout kept per item. */
      g_hash_table_remove (self->texts, &item->id);
    }
  trim_texts (self);
  return TRUE;
}

gboolean
tf_renderer_draw (TfRenderer       *self,
                  TfScene          *scene,
                  cairo_t          *cr,
                  const TfViewport *vp,
                  TfRenderFlags     flags)
{
  GPtrArray *items = self->visible;
  GPtrArray *batches = self->batches;
  TfRenderContext ctx = { 0 };
  gboolean print = (flags & TF_RENDER_PRINT) != 0;
  TfRect area;

  g_return_val_if_fail (TF_IS_RENDERER (self), TRUE);
  g_return_val_if_fail (TF_IS_SCENE (scene), TRUE);
  g_return_val_if_fail (vp->zoom > 0, TRUE);

  self->frame++;
  self->incomplete = FALSE;
  g_ptr_array_set_size (items, 0);
  self->deadline = g_get_monotonic_time () + REFRESH_BUDGET_US;

  cairo_save (cr);
  if (flags & TF_RENDER_BACKGROUND)
    draw_background (cr, vp);

  /* Shadows reach a little past an item's bounds. */
  area = tf_viewport_get_area (vp);
  area.x -= ITEM_PAD;
  area.y -= ITEM_PAD;
  area.width += 2 * ITEM_PAD;
  area.height += 2 * ITEM_PAD;
  tf_scene_query (scene, &area, items);

  context_init (self, scene, vp->zoom, print, print || (flags & TF_RENDER_PAPER) != 0, &ctx);

  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      double side = MIN (item->bounds.width, item->bounds.height) * vp->zoom;
      gint64 color = item->kind && item->kind->lod_color ? item->kind->lod_color (item) : -1;

      if (print)
        {
          /* On paper, an item either prints whole or, too small for any
           * of its text to be read, as a speck of its colour: one
           * rectangle in one fill per colour instead of its paper, band,
           * fade and glyphs (a PDF page is recorded whole until it ends). */
          if (color >= 0 && side < TF_PRINT_SPECK_MAX)
            {
              add_speck (batches, color, item, vp);
              continue;
            }
          ctx.lod = TF_LOD_FULL;
        }
      else
        ctx.lod = side >= TF_LOD_FULL_MIN_PX ? TF_LOD_FULL
                : side >= TF_LOD_LINE_MIN_PX ? TF_LOD_LINE
                : TF_LOD_CARD;

      if (ctx.lod == TF_LOD_CARD && color >= 0)
        {
          add_card (batches, color, item, vp);
          continue;
        }

      flush_cards (self, cr, batches, vp, print);
      cairo_save (cr);
      cairo_scale (cr, vp->zoom, vp->zoom);
      cairo_translate (cr, -vp->x, -vp->y);
      if (!print && color >= 0 && !(flags & TF_RENDER_NO_BITMAPS))
        draw_cached (self, item, cr, &ctx, vp->zoom);
      else
        draw_item (self, item, cr, &ctx);
      /* Printing draws each item once: its text layouts are not kept, so
       * an export's memory does not grow by a layout per note. */
      if (print)
        g_hash_table_remove (self->texts, &item->id);
      cairo_restore (cr);
    }
  flush_cards (self, cr, batches, vp, print);
  cairo_restore (cr);

  /* Borrowed pointers: not kept past the frame. */
  g_ptr_array_set_size (items, 0);
  trim_surfaces (self);
  trim_texts (self);
  return !self->incomplete;
}

void
tf_renderer_set_progressive (TfRenderer *self,
                             gboolean    progressive)
{
  g_return_if_fail (TF_IS_RENDERER (self));
  self->progressive = !!progressive;
}

void
tf_renderer_set_assets (TfRenderer    *self,
                        TfAssetSource *assets)
{
  g_return_if_fail (TF_IS_RENDERER (self));

  if (assets != NULL)
    tf_asset_source_ref (assets);
  g_clear_pointer (&self->assets, tf_asset_source_unref);
  self->assets = assets;
  tf_renderer_invalidate_all (self);
}

TfAssetSource *
tf_renderer_get_assets (TfRenderer *self)
{
  g_return_val_if_fail (TF_IS_RENDERER (self), NULL);
  return self->assets;
}

void
tf_renderer_plan_print (TfRenderer   *self,
                        TfScene      *scene,
                        const TfRect *area,
                        double        zoom)
{
  PlannedDraw draw = { scene, *area, zoom };

  g_return_if_fail (TF_IS_RENDERER (self));
  if (self->plan == NULL)
    self->plan = g_array_new (FALSE, FALSE, sizeof (PlannedDraw));
  /* The report measures twice: one entry per drawing is enough. */
  for (guint i = 0; i < self->plan->len; i++)
    {
      const PlannedDraw *d = &g_array_index (self->plan, PlannedDraw, i);

      if (d->scene == scene && d->zoom == zoom && memcmp (&d->area, area, sizeof *area) == 0)
        return;
    }
  g_array_append_val (self->plan, draw);
}

double
tf_render_context_print_scale (TfRenderContext *ctx,
                               const TfRect    *bounds)
{
  TfRenderer *self = ctx->renderer;
  double scale = ctx->scale;

  if (!ctx->print || self == NULL || self->plan == NULL)
    return scale;
  for (guint i = 0; i < self->plan->len; i++)
    {
      const PlannedDraw *d = &g_array_index (self->plan, PlannedDraw, i);

      if (d->scene == ctx->scene && tf_rect_intersects (&d->area, bounds))
        scale = MAX (scale, d->zoom);
    }
  return scale;
}

GBytes *
tf_render_context_load_asset (TfRenderContext  *ctx,
                              gint64            asset_id,
                              char            **mime_type)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  if (ctx->assets == NULL)
    return NULL;
  bytes = tf_asset_source_load (ctx->assets, asset_id, mime_type, &error);
  if (bytes == NULL)
    g_debug ("asset %" G_GINT64_FORMAT ": %s", asset_id, error->message);
  return bytes;
}
