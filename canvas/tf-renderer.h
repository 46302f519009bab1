/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "core/tf-asset-source.h"
#include "tf-scene.h"
#include "tf-text-block.h"

G_BEGIN_DECLS

/* What part of a board a view shows: the board point at the top-left corner
 * of the view, the zoom (device pixels per board unit) and the view's size
 * in device pixels. */
typedef struct {
  double x;
  double y;
  double zoom;
  int    width;
  int    height;
} TfViewport;

/* The board area a viewport shows. */
TfRect tf_viewport_get_area   (const TfViewport *viewport);
/* A viewport of @width × @height showing all of @area with a margin. */
void   tf_viewport_fit        (TfViewport       *viewport,
                               const TfRect     *area,
                               int               width,
                               int               height,
                               double            margin,
                               double            min_zoom,
                               double            max_zoom);

typedef enum {
  TF_RENDER_DEFAULT    = 0,
  TF_RENDER_BACKGROUND = 1 << 0,  /* paint the paper and its dot grid */
  TF_RENDER_PRINT      = 1 << 1,  /* vector output: full detail (tiny notes as specks), no bitmap caches, no shadows */
  TF_RENDER_NO_BITMAPS = 1 << 2,  /* no per-item bitmaps: the caller caches the result (tiles) */
  TF_RENDER_PAPER      = 1 << 3,  /* an export or its preview: no editing marks (implied by PRINT) */
} TfRenderFlags;

/* Levels of detail, by the size an item takes on screen. */
typedef enum {
  TF_LOD_FULL,   /* everything */
  TF_LOD_LINE,   /* a card with its first line, readable */
  TF_LOD_CARD,   /* a flat card of the item's colour */
} TfLod;

/* On-screen sizes (device pixels) below which the simpler levels apply. */
#define TF_LOD_FULL_MIN_PX 110.0
#define TF_LOD_LINE_MIN_PX  44.0
/* Printed (TF_RENDER_PRINT), items with a colour of their own (notes) whose
 * smaller side is under this many device units (points in a PDF or SVG,
 * pixels in an image) are plain rectangles of that colour: their text
 * would be at most about a point high, which no one reads on paper. */
#define TF_PRINT_SPECK_MAX  8.0
/* Printed, the words a kind must keep (an actor's name, a link's label)
 * are never smaller than this many device units (points on paper): they
 * wrap on more lines instead of being cut or dropped. */
#define TF_PRINT_MIN_TEXT   5.0

/* Handed to each kind's draw function. */
struct _TfRenderContext
{
  double        scale;       /* device pixels per board unit */
  gboolean      print;
  gboolean      paper;       /* an export or its preview (TF_RENDER_PAPER or
                              * TF_RENDER_PRINT): what only helps editing
                              * (a blur region's outline) is left out */
  TfLod         lod;
  PangoContext *pango;
  gpointer      renderer;    /* the TfRenderer, for its caches */
  TfScene      *scene;       /* for kinds that draw relative to others (links) */
  TfAssetSource *assets;     /* the archive's images, PDF pages, pictograms; NULL
                              * when none was given (tf_renderer_set_assets()) */
  double        min_text;    /* "room" rendering: the least height of text, in
                              * device pixels (0: none; tf_renderer_set_min_text()) */
  GArray       *placed;      /* on paper: the TfRect (board units) of the labels
                              * drawn so far in this drawing, for kinds that place
                              * theirs where no other is (NULL on screen) */
};

#define TF_TYPE_RENDERER (tf_renderer_get_type ())
G_DECLARE_FINAL_TYPE (TfRenderer, tf_renderer, TF, RENDERER, GObject)

TfRenderer   *tf_renderer_new            (void) G_GNUC_WARN_UNUSED_RESULT;

/* Draws @scene as seen through @viewport on @cr, whose origin is the
 * viewport's top-left corner in device pixels. The screen and every export
 * call this. Returns FALSE when some items were drawn from bitmaps made at
 * another zoom (right after zooming): draw again soon for full sharpness. */
gboolean      tf_renderer_draw           (TfRenderer       *self,
                                          TfScene          *scene,
                                          cairo_t          *cr,
                                          const TfViewport *viewport,
                                          TfRenderFlags     flags);
/* The paper and its dot grid alone, as TF_RENDER_BACKGROUND paints them
 * for @vp (within @cr's clip): what an item hides where it is not shown. */
void          tf_renderer_draw_paper     (cairo_t          *cr,
                                          const TfViewport *vp);
/* How far past an item's bounds its drawing (its shadow) may reach, in
 * board units. */
double        tf_renderer_get_item_pad   (void);
/* Where items find the assets they draw (images, PDF pages): readable from
 * the thread that draws, the screen's or an export worker's. */
void          tf_renderer_set_assets     (TfRenderer       *self,
                                          TfAssetSource    *assets);
TfAssetSource *tf_renderer_get_assets    (TfRenderer       *self);

/* Drops what is cached for an item (it changed) or for everything. */
void          tf_renderer_invalidate     (TfRenderer       *self,
                                          gint64            id);
/* On screen, with per-item bitmaps: once a frame's time budget is spent,
 * full-detail items that have no bitmap yet are drawn as their lines, and
 * tf_renderer_draw() returns FALSE (draw again: more come each frame). Off
 * by default (exports and tests draw everything). */
void          tf_renderer_set_progressive (TfRenderer      *self,
                                           gboolean         progressive);
void          tf_renderer_invalidate_all (TfRenderer       *self);
/* "Room" rendering: the kinds lay their text out no smaller than @px
 * device pixels high, as far as their cards allow (0: as on the board). */
void          tf_renderer_set_min_text   (TfRenderer       *self,
                                          double            px);
/* A view for an audience (the room's projector): no editing marks, as in
 * an export (the kinds see ctx->paper), the rest as on the board. */
void          tf_renderer_set_presenting (TfRenderer       *self,
                                          gboolean          presenting);
/* Changes at each tf_renderer_invalidate_all(): what was drawn before may
 * look different now (for caches of whole drawings, like tiles). */
guint         tf_renderer_get_generation (TfRenderer       *self);

/* Writes the visible items meeting @area into @sink as SVG (each kind's
 * write_svg), as they print at @zoom device units per board unit; FALSE,
 * with nothing written, when a kind cannot (the board is then drawn
 * through cairo). */
gboolean      tf_renderer_write_svg      (TfRenderer       *self,
                                          TfScene          *scene,
                                          const TfRect     *area,
                                          double            zoom,
                                          TfSvgSink        *sink);
/* Printing: the document will draw @area of @scene at @zoom device units
 * per board unit (a report: each board's page, each figure). Kinds that
 * embed pixels make them once, for the largest of these drawings
 * (tf_render_context_print_scale()), so that a document holds each image
 * once however often it draws it. */
void          tf_renderer_plan_print     (TfRenderer       *self,
                                          TfScene          *scene,
                                          const TfRect     *area,
                                          double            zoom);
/* For kinds, printing: the largest scale at which the document draws
 * something at @bounds of the scene being drawn (at least ctx->scale). */
double        tf_render_context_print_scale (TfRenderContext *ctx,
                                             const TfRect    *bounds);

/* For kinds: the bytes of an asset and its MIME type, NULL when there is
 * no asset source or no such asset. */
GBytes       *tf_render_context_load_asset (TfRenderContext *ctx,
                                            gint64           asset_id,
                                            char           **mime_type) G_GNUC_WARN_UNUSED_RESULT;

/* For kinds: the cached text layout fitted to a box, in board units. */
PangoLayout  *tf_render_context_fit_text (TfRenderContext  *ctx,
                                          const TfItem     *item,
                                          double            width,
                                          double            height,
                                          double            max_size,
                                          double            min_size,
                                          gboolean          bold);
/* For kinds: the same fitting without Pango for plain Latin text (much
 * cheaper, same lines); NULL when the text needs Pango. */
TfTextBlock  *tf_render_context_fit_block (TfRenderContext *ctx,
                                           const TfItem    *item,
                                           double           width,
                                           double           height,
                                           double           max_size,
                                           double           min_size);
/* For kinds: the cached one-line layout of the item's first line. */
PangoLayout  *tf_render_context_line     (TfRenderContext  *ctx,
                                          const TfItem     *item,
                                          double            width,
                                          double            size,
                                          gboolean          bold);

/* Colours of the paper and of text, shared by kinds and views. */
#define TF_PAPER_RGB  0xF6F3EC
#define TF_INK_RGB    0x262522
#define TF_ACCENT_RGB 0x2A6F97

static inline void
tf_cairo_set_rgb (cairo_t *cr,
                  guint32  rgb,
                  double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

G_END_DECLS
