/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-canvas-view"

#include <math.h>
#include <string.h>

#include "core/tf-asset-source.h"
#include "insights/tf-insight.h"
#include "mockups/tf-mockup-pixels.h"
#include "stamps/tf-stamp-library.h"
#include "tf-canvas-view-private.h"
#include "tf-tile-cache.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#include <cairo-xlib.h>
#endif

/* A board to look at. Items come from the shared renderer, which culls,
 * simplifies far-away notes and caches each item's rendering, through the
 * tile cache; this file keeps the viewport (board and widget coordinates,
 * zooming around a point, smooth moves to an area or an item) and outlines
 * search matches. Editing lives in TfBoardView, which derives from it. */

G_DEFINE_TYPE (TfCanvasView, tf_canvas_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_EMPTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Room around a fitted board: at most this, less in a narrow view so that
 * notes stay large enough for the renderer to draw their text. */
#define FIT_MARGIN     48.0
#define FIT_MAX_ZOOM   1.5
#define ANIMATION_USEC (280 * G_TIME_SPAN_MILLISECOND)
#define SHARPEN_DELAY_MS 30
/* Tiles made ahead of a pan, between frames: a few at a time, so that an
 * input event or the next frame never waits long. */
#define PREFETCH_SLICE_US 3000

/* Viewport. */

static void
viewport_changed (TfCanvasView *self)
{
  TfCanvasViewClass *klass = TF_CANVAS_VIEW_GET_CLASS (self);

  if (klass->viewport_changed != NULL)
    klass->viewport_changed (self);
}

/* The furthest zoom out: 2 %, or less on a board too big for that, so that
 * any board fits with room around it (a 100k wall). */
double
tf_canvas_view_get_min_zoom (TfCanvasView *self)
{
  TfRect extents;
  int width, height;
  double fit;

  g_return_val_if_fail (TF_IS_CANVAS_VIEW (self), TF_CANVAS_VIEW_MIN_ZOOM);

  extents = self->scene != NULL ? tf_scene_get_extents (self->scene) : TF_RECT_INIT (0, 0, 0, 0);
  width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 100);
  height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 100);
  if (tf_rect_is_empty (&extents))
    return TF_CANVAS_VIEW_MIN_ZOOM;
  fit = MIN (width / extents.width, height / extents.height);
  return CLAMP (fit / 2, 1e-4, TF_CANVAS_VIEW_MIN_ZOOM);
}

void
tf_canvas_view_to_board (TfCanvasView *self,
                         double        x,
                         double        y,
                         double       *board_x,
                         double       *board_y)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  if (board_x)
    *board_x = self->x + x / self->zoom;
  if (board_y)
    *board_y = self->y + y / self->zoom;
}

void
tf_canvas_view_to_widget (TfCanvasView *self,
                          double        board_x,
                          double        board_y,
                          double       *x,
                          double       *y)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  if (x)
    *x = (board_x - self->x) * self->zoom;
  if (y)
    *y = (board_y - self->y) * self->zoom;
}

void
tf_canvas_view_get_origin (TfCanvasView *self,
                           double       *x,
                           double       *y)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  if (x)
    *x = self->x;
  if (y)
    *y = self->y;
}

void
tf_canvas_view_set_origin (TfCanvasView *self,
                           double        x,
                           double        y)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  if (!isfinite (x) || !isfinite (y))
    return;
  self->fit_held = FALSE;
  /* A place given once the view has its size stays: a fit still pending
   * from a new scene must not undo it at the next allocation (the room's
   * camera on a step of another board gave way to the whole board, drawn
   * smaller than the room check measured it). */
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0 && gtk_widget_get_height (GTK_WIDGET (self)) > 0)
    self->needs_fit = FALSE;
  self->x = x;
  self->y = y;
  viewport_changed (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Zoom changes notify "zoom", but never in the middle of an allocation. */
static gboolean
notify_zoom (gpointer user_data)
{
  TfCanvasView *self = user_data;

  self->notify_source = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  return G_SOURCE_REMOVE;
}

void
tf_canvas_view_set_zoom_internal (TfCanvasView *self,
                                  double        zoom)
{
  if (fabs (zoom - self->zoom) < 1e-12)
    return;
  self->fit_held = FALSE;
  self->zoom = zoom;
  viewport_changed (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->allocating)
    {
      if (self->notify_source == 0)
        self->notify_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, notify_zoom, self, NULL);
    }
  else
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
}

void
tf_canvas_view_stop_animation (TfCanvasView *self)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

void
tf_canvas_view_zoom_at (TfCanvasView *self,
                        double        zoom,
                        double        x,
                        double        y)
{
  double bx, by;

  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  if (!isfinite (zoom))
    return;
  zoom = CLAMP (zoom, tf_canvas_view_get_min_zoom (self), TF_CANVAS_VIEW_MAX_ZOOM);
  tf_canvas_view_to_board (self, x, y, &bx, &by);
  self->x = bx - x / zoom;
  self->y = by - y / zoom;
  tf_canvas_view_set_zoom_internal (self, zoom);
  tf_canvas_view_set_origin (self, self->x, self->y);
}

/* Centre and zoom, for animations. */
static void
set_centre (TfCanvasView *self,
            double        cx,
            double        cy,
            double        zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  tf_canvas_view_set_zoom_internal (self, zoom);
  tf_canvas_view_set_origin (self, cx - width / 2.0 / zoom, cy - height / 2.0 / zoom);
}

static gboolean
animation_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  TfCanvasView *self = TF_CANVAS_VIEW (widget);
  double t = (gdk_frame_clock_get_frame_time (clock) - self->anim_start) / (double) ANIMATION_USEC;
  double e, zoom;

  t = CLAMP (t, 0.0, 1.0);
  e = 1.0 - pow (1.0 - t, 3.0);
  /* Zoom changes feel even when interpolated on a log scale. */
  zoom = exp (log (self->anim_from[2]) + (log (self->anim_to[2]) - log (self->anim_from[2])) * e);
  set_centre (self,
              self->anim_from[0] + (self->anim_to[0] - self->anim_from[0]) * e,
              self->anim_from[1] + (self->anim_to[1] - self->anim_from[1]) * e,
              zoom);

  if (t >= 1.0)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
animations_enabled (TfCanvasView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

void
tf_canvas_view_animate_centre (TfCanvasView *self,
                               double        cx,
                               double        cy,
                               double        zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  GdkFrameClock *clock;

  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  tf_canvas_view_stop_animation (self);
  zoom = CLAMP (zoom, tf_canvas_view_get_min_zoom (self), TF_CANVAS_VIEW_MAX_ZOOM);
  self->anim_to[0] = cx;
  self->anim_to[1] = cy;
  self->anim_to[2] = zoom;

  if (!animations_enabled (self) || width <= 0 || height <= 0)
    {
      set_centre (self, cx, cy, zoom);
      return;
    }

  self->anim_from[0] = self->x + width / 2.0 / self->zoom;
  self->anim_from[1] = self->y + height / 2.0 / self->zoom;
  self->anim_from[2] = self->zoom;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  self->anim_start = clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick, NULL, NULL);
}

void
tf_canvas_view_animate_to (TfCanvasView *self,
                           const TfRect *area,
                           double        max_zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  TfViewport target;

  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  if (width <= 0 || height <= 0)
    {
      tf_canvas_view_stop_animation (self);
      self->needs_fit = TRUE;
      return;
    }

  tf_viewport_fit (&target, area, width, height,
                   MIN (FIT_MARGIN, MIN (width, height) / 20.0),
                   tf_canvas_view_get_min_zoom (self),
                   MAX (max_zoom, tf_canvas_view_get_min_zoom (self)));
  tf_canvas_view_animate_centre (self, target.x + width / 2.0 / target.zoom,
                                 target.y + height / 2.0 / target.zoom, target.zoom);
}

void
tf_canvas_view_set_open_zoom (TfCanvasView *self,
                              double        zoom)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  self->open_zoom = MAX (0.0, zoom);
}

void
tf_canvas_view_fit_all (TfCanvasView *self,
                        gboolean      animate)
{
  TfRect extents;
  double max_zoom = FIT_MAX_ZOOM;

  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  extents = tf_scene_get_extents (self->scene);
  /* An empty board shows where the first note goes, at its real size. */
  if (tf_rect_is_empty (&extents))
    {
      extents = TF_RECT_INIT (0, 0, TF_NOTE_MEDIUM_SIDE, TF_NOTE_MEDIUM_SIDE);
      max_zoom = 1.0;
    }

  if (animate)
    {
      tf_canvas_view_animate_to (self, &extents, max_zoom);
    }
  else
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self));
      int height = gtk_widget_get_height (GTK_WIDGET (self));
      TfViewport target;

      tf_canvas_view_stop_animation (self);
      if (width <= 0 || height <= 0)
        {
          self->needs_fit = TRUE;
          return;
        }
      tf_viewport_fit (&target, &extents, width, height, MIN (FIT_MARGIN, MIN (width, height) / 20.0),
                       tf_canvas_view_get_min_zoom (self), max_zoom);
      /* Opening on a board too big to read whole: its top-left corner at
       * the type's opening zoom. */
      if (self->open_zoom > 0 && target.zoom < self->open_zoom)
        {
          double margin = MIN (FIT_MARGIN, MIN (width, height) / 20.0);

          target.zoom = self->open_zoom;
          target.x = extents.x - margin / target.zoom;
          target.y = extents.y - margin / target.zoom;
        }
      tf_canvas_view_set_zoom_internal (self, target.zoom);
      tf_canvas_view_set_origin (self, target.x, target.y);
      self->fit_held = TRUE;
      self->fit_width = width;
      self->fit_height = height;
    }
}

void
tf_canvas_view_reveal_item (TfCanvasView *self,
                            gint64        id)
{
  TfItem *item;
  double side, zoom;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  item = tf_scene_lookup (self->scene, id);
  if (item == NULL || item->hidden)
    return;

  /* Keep the zoom if the note is legible at it, else come close enough to
   * read (100 %, no closer); then step back as far as it takes to frame the
   * item whole, with a margin: a wide label or a photo is never cut. */
  side = MIN (item->bounds.width, item->bounds.height);
  zoom = side * self->zoom >= 150.0 ? self->zoom : MAX (self->zoom, 1.0);
  if (width > 0 && height > 0)
    {
      double margin = MIN (FIT_MARGIN, MIN (width, height) / 20.0);

      zoom = MIN (zoom, (width - 2 * margin) / MAX (item->bounds.width, 1.0));
      zoom = MIN (zoom, (height - 2 * margin) / MAX (item->bounds.height, 1.0));
    }
  tf_canvas_view_animate_centre (self, item->bounds.x + item->bounds.width / 2,
                                 item->bounds.y + item->bounds.height / 2, zoom);
}

void
tf_canvas_view_set_zoom (TfCanvasView *self,
                         double        zoom)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  tf_canvas_view_stop_animation (self);
  tf_canvas_view_zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                          gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

double
tf_canvas_view_get_zoom (TfCanvasView *self)
{
  g_return_val_if_fail (TF_IS_CANVAS_VIEW (self), 1.0);

  return self->zoom;
}

/* Drawing. */

static TfViewport
get_viewport (TfCanvasView *self)
{
  TfViewport vp = {
    self->x, self->y, self->zoom,
    gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
  };

  return vp;
}

static gboolean
sharpen (gpointer user_data)
{
  TfCanvasView *self = user_data;

  self->sharpen_source = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* Where tiles drawn by GTK's Cairo renderer keep their pixels: NULL, image
 * surfaces of this process, which Cairo hands to the X server as it draws
 * them. With TRANSFO_TILE_PIXMAPS=1 on X11, a surface of the X server's (the
 * root window's), so that tiles become pixmaps of their own: measured under
 * Xvfb (10k wall, runs alternated in pairs on a machine at load 12–25),
 * those made the overview's pan slower (22–35 fps instead of 34–48 with
 * images, its longest frame 228–354 ms instead of 71–196) for the same
 * first frame after a zoom jump. One a display. */
static cairo_surface_t *
tile_store_for_display (GdkDisplay *display)
{
#ifdef GDK_WINDOWING_X11
  cairo_surface_t *store;

  if (!GDK_IS_X11_DISPLAY (display) || g_strcmp0 (g_getenv ("TRANSFO_TILE_PIXMAPS"), "1") != 0)
    return NULL;
  store = g_object_get_data (G_OBJECT (display), "tf-tile-store");
  if (store == NULL)
    {
      Display *xdisplay = gdk_x11_display_get_xdisplay (display);
      Screen *screen = DefaultScreenOfDisplay (xdisplay);

      store = cairo_xlib_surface_create (xdisplay, RootWindowOfScreen (screen),
                                         DefaultVisualOfScreen (screen), 1, 1);
      g_object_set_data_full (G_OBJECT (display), "tf-tile-store", store,
                              (GDestroyNotify) cairo_surface_destroy);
    }
  return store;
#else
  return NULL;
#endif
}

static gboolean
prefetch (gpointer user_data)
{
  TfCanvasView *self = user_data;
  TfTileCache *tiles = g_object_get_data (G_OBJECT (self), "tf-tile-cache");

  if (tiles != NULL && tf_tile_cache_prefetch (tiles, PREFETCH_SLICE_US))
    return G_SOURCE_CONTINUE;
  self->prefetch_source = 0;
  return G_SOURCE_REMOVE;
}

/* The scene itself, in view: the one place that asks the renderer. The
 * board comes from cached tiles (textures the GPU keeps); right after a zoom
 * some are still missing and an older zoom stands in, scaled: the cache
 * renders them a few at a time, frame after frame. */
/* The items left out (tf_canvas_view_set_left_out()): the paper and its
 * dots over each, its shadow's reach too, as if it were not on the board.
 * Drawn in the device's pixels, as the tiles are. */
static void
draw_left_out (TfCanvasView     *self,
               GtkSnapshot      *snapshot,
               const TfViewport *vp)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double pad = tf_renderer_get_item_pad ();
  TfViewport device = *vp;
  gboolean any = FALSE;
  cairo_t *cr;

  if (self->left_out->len == 0 || self->scene == NULL)
    return;
  device.zoom *= scale;
  device.width *= scale;
  device.height *= scale;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, vp->width, vp->height));
  cairo_scale (cr, 1.0 / scale, 1.0 / scale);
  for (guint i = 0; i < self->left_out->len; i++)
    {
      const TfItem *item = tf_scene_lookup (self->scene, g_array_index (self->left_out, gint64, i));
      double x0, y0, x1, y1;

      if (item == NULL)
        continue;
      /* Whole device pixels, so that no edge of the item shows through. */
      x0 = floor ((item->bounds.x - pad - vp->x) * device.zoom);
      y0 = floor ((item->bounds.y - pad - vp->y) * device.zoom);
      x1 = ceil ((item->bounds.x + item->bounds.width + pad - vp->x) * device.zoom);
      y1 = ceil ((item->bounds.y + item->bounds.height + pad - vp->y) * device.zoom);
      if (x1 <= 0 || y1 <= 0 || x0 >= device.width || y0 >= device.height)
        continue;
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      any = TRUE;
    }
  if (any)
    {
      cairo_clip (cr);
      tf_renderer_draw_paper (cr, &device);
    }
  cairo_destroy (cr);
}

static void
draw_scene (TfCanvasView     *self,
            GtkSnapshot      *snapshot,
            const TfViewport *vp)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean complete;

  if (tf_tile_cache_enabled ())
    {
      TfTileCache *tiles = tf_tile_cache_for_widget (widget, self->renderer);
      GtkNative *native = gtk_widget_get_native (widget);
      GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

      /* Tiles in the form the window's renderer draws fastest. */
      if (renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer))
        tf_tile_cache_set_cairo_nodes (tiles, TRUE, tile_store_for_display (gtk_widget_get_display (widget)));
      else
        tf_tile_cache_set_cairo_nodes (tiles, FALSE, NULL);
      complete = tf_tile_cache_snapshot (tiles, snapshot, self->scene, vp,
                                         gtk_widget_get_scale_factor (widget), TF_TILE_CACHE_FRAME_US);
      /* Below the frame clock's priority: only when no frame is due. */
      if (tf_tile_cache_wants_prefetch (tiles) && self->prefetch_source == 0)
        self->prefetch_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, prefetch, self, NULL);
    }
  else
    {
      /* TRANSFO_TILES=0: one cairo node a frame, from per-item bitmaps. */
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, vp->width, vp->height));

      complete = tf_renderer_draw (self->renderer, self->scene, cr, vp, TF_RENDER_BACKGROUND);
      cairo_destroy (cr);
    }
  draw_left_out (self, snapshot, vp);
  self->drawn_whole = complete;
  if (!complete && self->sharpen_source == 0)
    self->sharpen_source = g_timeout_add_full (G_PRIORITY_DEFAULT, SHARPEN_DELAY_MS,
                                               sharpen, self, NULL);
}

static void
outline (cairo_t      *cr,
         const TfRect *r,
         double        gap,
         double        width)
{
  cairo_rectangle (cr, round (r->x - gap) + 0.5 * fmod (width, 2.0), round (r->y - gap) + 0.5 * fmod (width, 2.0),
                   round (r->width + 2 * gap), round (r->height + 2 * gap));
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

/* Search: matches outlined, everything else behind a thin veil of paper. */
static void
draw_highlights (TfCanvasView     *self,
                 cairo_t          *cr,
                 const TfViewport *vp)
{
  g_autoptr(GPtrArray) visible = g_ptr_array_new ();
  TfRect area = tf_viewport_get_area (vp);

  tf_scene_query (self->scene, &area, visible);
  for (guint i = 0; i < visible->len; i++)
    {
      TfItem *item = g_ptr_array_index (visible, i);
      TfRect r = TF_RECT_INIT ((item->bounds.x - self->x) * self->zoom, (item->bounds.y - self->y) * self->zoom,
                               item->bounds.width * self->zoom, item->bounds.height * self->zoom);
      TfRect derived;

      /* A zone is the ground its notes stand on: not dimmed (a pool,
       * whose bounds follow its actors, is). */
      if (tf_item_has_role (item, TF_ITEM_ROLE_CONTAINER) &&
          !tf_item_derive_bounds (item, self->scene, &derived))
        continue;
      if (g_hash_table_contains (self->highlights, &item->id))
        {
          gboolean current = item->id == self->current_highlight;

          tf_cairo_set_rgb (cr, TF_ACCENT_RGB, current ? 1.0 : 0.75);
          outline (cr, &r, current ? 5.0 : 3.0, current ? 4.0 : 2.0);
        }
      else
        {
          tf_cairo_set_rgb (cr, TF_PAPER_RGB, 0.6);
          cairo_rectangle (cr, r.x - 2, r.y - 2, r.width + 8, r.height + 8);
          cairo_fill (cr);
        }
    }
}

/* Tints: a coloured outline and a corner tab, nothing dimmed. */
static void
draw_tints (TfCanvasView     *self,
            cairo_t          *cr,
            const TfViewport *vp)
{
  g_autoptr(GPtrArray) visible = g_ptr_array_new ();
  TfRect area = tf_viewport_get_area (vp);

  tf_scene_query (self->scene, &area, visible);
  for (guint i = 0; i < visible->len; i++)
    {
      TfItem *item = g_ptr_array_index (visible, i);
      gpointer value = g_hash_table_lookup (self->tints, &item->id);
      TfRect r;

      if (value == NULL)
        continue;
      r = TF_RECT_INIT ((item->bounds.x - self->x) * self->zoom, (item->bounds.y - self->y) * self->zoom,
                        item->bounds.width * self->zoom, item->bounds.height * self->zoom);
      tf_cairo_set_rgb (cr, GPOINTER_TO_UINT (value) & 0xffffff, 1.0);
      outline (cr, &r, 4.0, 3.0);
      cairo_rectangle (cr, round (r.x - 5.5), round (r.y - 5.5), 12, 12);
      cairo_fill (cr);
    }
}

/* High contrast, for a pale projector: every colour pushed away from the
 * middle grey (dark text darker, paper whiter) and every item but a
 * container outlined in near black. A drawing option of the view: no kind
 * is asked. */
static gboolean
is_left_out (TfCanvasView *self,
             gint64        id)
{
  for (guint i = 0; i < self->left_out->len; i++)
    if (g_array_index (self->left_out, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
draw_high_contrast (TfCanvasView     *self,
                    GtkSnapshot      *snapshot,
                    const TfViewport *vp)
{
  const float k = 1.6f, o = 0.5f * (1.0f - 1.6f);
  graphene_matrix_t matrix;
  graphene_vec4_t offset;
  g_autoptr(GPtrArray) visible = g_ptr_array_new ();
  TfRect area = tf_viewport_get_area (vp);
  cairo_t *cr;

  graphene_matrix_init_from_float (&matrix, (float[16]) { k, 0, 0, 0,
                                                          0, k, 0, 0,
                                                          0, 0, k, 0,
                                                          0, 0, 0, 1 });
  graphene_vec4_init (&offset, o, o, o, 0);
  gtk_snapshot_push_color_matrix (snapshot, &matrix, &offset);
  draw_scene (self, snapshot, vp);
  gtk_snapshot_pop (snapshot);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, vp->width, vp->height));
  tf_scene_query (self->scene, &area, visible);
  cairo_set_source_rgb (cr, 0.08, 0.08, 0.08);
  cairo_set_line_width (cr, MAX (1.5, MIN (3.0, 2.0 * self->zoom)));
  for (guint i = 0; i < visible->len; i++)
    {
      TfItem *item = g_ptr_array_index (visible, i);

      if (tf_item_has_role (item, TF_ITEM_ROLE_CONTAINER) || is_left_out (self, item->id))
        continue;
      cairo_rectangle (cr, round ((item->bounds.x - self->x) * self->zoom) + 0.5,
                       round ((item->bounds.y - self->y) * self->zoom) + 0.5,
                       round (item->bounds.width * self->zoom), round (item->bounds.height * self->zoom));
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
}

void
tf_canvas_view_set_high_contrast (TfCanvasView *self,
                                  gboolean      high_contrast)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  if (self->high_contrast == !!high_contrast)
    return;
  self->high_contrast = !!high_contrast;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
tf_canvas_view_get_high_contrast (TfCanvasView *self)
{
  g_return_val_if_fail (TF_IS_CANVAS_VIEW (self), FALSE);

  return self->high_contrast;
}

void
tf_canvas_view_set_min_text (TfCanvasView *self,
                             double        px)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  px = MAX (px, 0);
  if (self->min_text == px)
    return;
  self->min_text = px;
  /* The renderer's pixels are the device's. */
  tf_renderer_set_min_text (self->renderer, px * gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
tf_canvas_view_get_drawn_whole (TfCanvasView *self)
{
  g_return_val_if_fail (TF_IS_CANVAS_VIEW (self), FALSE);

  return self->drawn_whole && !self->needs_fit;
}

double
tf_canvas_view_get_min_text (TfCanvasView *self)
{
  g_return_val_if_fail (TF_IS_CANVAS_VIEW (self), 0);

  return self->min_text;
}

static void
tf_canvas_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  TfCanvasView *self = TF_CANVAS_VIEW (widget);
  TfViewport vp = get_viewport (self);

  if (vp.width <= 0 || vp.height <= 0)
    return;

  if (self->high_contrast)
    draw_high_contrast (self, snapshot, &vp);
  else
    draw_scene (self, snapshot, &vp);
  if (g_hash_table_size (self->highlights) > 0)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, vp.width, vp.height));

      draw_highlights (self, cr, &vp);
      cairo_destroy (cr);
    }
  if (g_hash_table_size (self->tints) > 0)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, vp.width, vp.height));

      draw_tints (self, cr, &vp);
      cairo_destroy (cr);
    }
}

static void
tf_canvas_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = *natural = 0;
}

static void
tf_canvas_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  TfCanvasView *self = TF_CANVAS_VIEW (widget);

  /* A board fitted and not moved since stays fitted while its window
   * settles: the first allocation of a page may come before a side panel
   * beside it took its width (an 800 × 600 window opened a mockup at
   * 9 %, fitted to a view half as wide as it became). */
  if (self->fit_held && (width != self->fit_width || height != self->fit_height))
    self->needs_fit = TRUE;
  if (self->needs_fit && width > 0 && height > 0)
    {
      /* The first frame shows the whole board. Others (the zoom label) hear
       * of the new zoom after this allocation: a notification now would
       * resize them in the middle of the layout. */
      self->needs_fit = FALSE;
      self->allocating = TRUE;
      tf_canvas_view_fit_all (self, FALSE);
      self->allocating = FALSE;
    }
}

/* The scene. */

static void
update_empty (TfCanvasView *self)
{
  gboolean empty = !tf_scene_has_visible_items (self->scene);

  if (empty == self->empty)
    return;
  self->empty = empty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
}

/* The scene follows the archive; the view drops what it cached about the
 * items that changed, and forgets the matches that left. */
static void
on_items_changed (TfCanvasView *self,
                  GArray       *ids,
                  TfScene      *scene)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      TfItem *item = tf_scene_lookup (scene, id);

      tf_renderer_invalidate (self->renderer, id);
      if (item == NULL || item->hidden)
        g_hash_table_remove (self->highlights, &id);
    }
  /* An edit: the board is being worked on where it is. */
  self->fit_held = FALSE;
  update_empty (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The placeholder of an archive's pictogram gives way to it once checked. */
static void
on_stamp_verified (TfCanvasView *self,
                   const char   *id,
                   gboolean      drawable)
{
  tf_renderer_invalidate_all (self->renderer);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A photo decoded in the background takes its placeholder's place, on
 * every view that draws the archive's assets (the room's too, whose camera
 * may not move again before the step ends). */
static void
on_pixels_ready (TfCanvasView *self,
                 gint64        asset_id)
{
  (void) asset_id;
  if (tf_renderer_get_assets (self->renderer) == NULL)
    return;
  tf_renderer_invalidate_all (self->renderer);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

TfScene *
tf_canvas_view_get_scene (TfCanvasView *self)
{
  g_return_val_if_fail (TF_IS_CANVAS_VIEW (self), NULL);

  return self->scene;
}

void
tf_canvas_view_set_scene (TfCanvasView *self,
                          TfScene      *scene)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));
  g_return_if_fail (TF_IS_SCENE (scene));

  if (self->scene != NULL)
    g_signal_handlers_disconnect_by_func (self->scene, on_items_changed, self);
  g_set_object (&self->scene, scene);
  g_signal_connect_object (self->scene, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);
  tf_renderer_invalidate_all (self->renderer);
  g_hash_table_remove_all (self->highlights);
  g_hash_table_remove_all (self->tints);
  self->current_highlight = 0;
  update_empty (self);
  tf_canvas_view_fit_all (self, FALSE);
  /* Fitted again at the next allocation, unless placed meanwhile. */
  self->needs_fit = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

TfRenderer *
tf_canvas_view_get_renderer (TfCanvasView *self)
{
  g_return_val_if_fail (TF_IS_CANVAS_VIEW (self), NULL);

  return self->renderer;
}

void
tf_canvas_view_set_store (TfCanvasView *self,
                          TfStore      *store)
{
  g_autoptr(TfAssetSource) assets = NULL;

  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  if (store != NULL)
    assets = tf_asset_source_new_for_store (store);
  tf_renderer_set_assets (self->renderer, assets);
}

gboolean
tf_canvas_view_get_empty (TfCanvasView *self)
{
  g_return_val_if_fail (TF_IS_CANVAS_VIEW (self), TRUE);

  return self->empty;
}

void
tf_canvas_view_set_highlights (TfCanvasView *self,
                               const gint64 *ids,
                               guint         n_ids,
                               gint64        current)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  g_hash_table_remove_all (self->highlights);
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (self->highlights, g_memdup2 (&ids[i], sizeof ids[i]));
  self->current_highlight = current;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tf_canvas_view_set_left_out (TfCanvasView *self,
                             const gint64 *ids,
                             guint         n_ids)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  if (n_ids == self->left_out->len &&
      (n_ids == 0 || memcmp (ids, self->left_out->data, n_ids * sizeof *ids) == 0))
    return;
  g_array_set_size (self->left_out, 0);
  g_array_append_vals (self->left_out, ids, n_ids);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tf_canvas_view_set_tints (TfCanvasView *self,
                          const gint64 *ids,
                          guint         n_ids,
                          guint32       rgb)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  for (guint i = 0; i < n_ids; i++)
    g_hash_table_insert (self->tints, g_memdup2 (&ids[i], sizeof ids[i]),
                         GUINT_TO_POINTER ((rgb & 0xffffff) | 1u << 24));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tf_canvas_view_clear_tints (TfCanvasView *self)
{
  g_return_if_fail (TF_IS_CANVAS_VIEW (self));

  if (g_hash_table_size (self->tints) == 0)
    return;
  g_hash_table_remove_all (self->tints);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
tf_canvas_view_get_tint (TfCanvasView *self,
                         gint64        id,
                         guint32      *rgb)
{
  gpointer value;

  g_return_val_if_fail (TF_IS_CANVAS_VIEW (self), FALSE);

  value = g_hash_table_lookup (self->tints, &id);
  if (rgb != NULL)
    *rgb = GPOINTER_TO_UINT (value) & 0xffffff;
  return value != NULL;
}

/* GObject. */

static void
tf_canvas_view_dispose (GObject *object)
{
  TfCanvasView *self = TF_CANVAS_VIEW (object);

  tf_canvas_view_stop_animation (self);
  g_clear_handle_id (&self->sharpen_source, g_source_remove);
  g_clear_handle_id (&self->prefetch_source, g_source_remove);
  g_clear_handle_id (&self->notify_source, g_source_remove);
  if (self->scene != NULL)
    g_signal_handlers_disconnect_by_data (self->scene, self);
  g_clear_object (&self->scene);
  g_clear_object (&self->renderer);

  G_OBJECT_CLASS (tf_canvas_view_parent_class)->dispose (object);
}

static void
tf_canvas_view_finalize (GObject *object)
{
  TfCanvasView *self = TF_CANVAS_VIEW (object);

  g_clear_pointer (&self->highlights, g_hash_table_unref);
  g_clear_pointer (&self->left_out, g_array_unref);
  g_clear_pointer (&self->tints, g_hash_table_unref);

  G_OBJECT_CLASS (tf_canvas_view_parent_class)->finalize (object);
}

static void
tf_canvas_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TfCanvasView *self = TF_CANVAS_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_EMPTY:
      g_value_set_boolean (value, self->empty);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_canvas_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TfCanvasView *self = TF_CANVAS_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      tf_canvas_view_set_zoom (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_canvas_view_class_init (TfCanvasViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_canvas_view_dispose;
  object_class->finalize = tf_canvas_view_finalize;
  object_class->get_property = tf_canvas_view_get_property;
  object_class->set_property = tf_canvas_view_set_property;

  widget_class->snapshot = tf_canvas_view_snapshot;
  widget_class->measure = tf_canvas_view_measure;
  widget_class->size_allocate = tf_canvas_view_size_allocate;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         1e-4, TF_CANVAS_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "canvasview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

void
tf_canvas_view_release_fit (TfCanvasView *self)
{
  self->fit_held = FALSE;
}

static void
tf_canvas_view_init (TfCanvasView *self)
{

  self->zoom = 1.0;
  self->empty = TRUE;
  self->renderer = tf_renderer_new ();
  /* Without tiles, a frame after a zoom never waits for every text. */
  tf_renderer_set_progressive (self->renderer, TRUE);
  self->scene = tf_scene_new ();
  self->highlights = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->left_out = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tints = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_signal_connect_object (self->scene, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  g_signal_connect_object (tf_stamp_library_get_default (), "stamp-verified",
                           G_CALLBACK (on_stamp_verified), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tf_mk_pixels_get_default (), "ready",
                           G_CALLBACK (on_pixels_ready), self, G_CONNECT_SWAPPED);
}

GtkWidget *
tf_canvas_view_new (void)
{
  return g_object_new (TF_TYPE_CANVAS_VIEW, NULL);
}
