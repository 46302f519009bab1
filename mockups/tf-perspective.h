/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Placing an image onto a surface of a photo (a poster on a wall, a screen,
 * a booklet's cover on a desk) by its four corners: the projective transform
 * (a homography) that sends the image's rectangle onto a quadrilateral, the
 * checks a user's quadrilateral needs, and the drawing. Cairo's matrices are
 * affine only and triangles leave seams in print, so the image is warped by
 * pixman's 3×3 transform into one image, at the resolution of the target.
 *
 * GTK-free; pure but for the drawing; any thread. */

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double x;
  double y;
} TfQuadPoint;

/* The corners where the image's top-left, top-right, bottom-right and
 * bottom-left corners land, in that order. */
typedef struct {
  TfQuadPoint p[4];
} TfQuad;

/* Row-major 3 × 3: (x, y, 1) ↦ (m0 x + m1 y + m2, m3 x + m4 y + m5) / (m6 x + m7 y + m8). */
typedef struct {
  double m[9];
} TfHomography;

typedef enum {
  TF_QUAD_OK,
  TF_QUAD_DEGENERATE,   /* two corners together, three in line, no area */
  TF_QUAD_NOT_CONVEX,   /* a dent, or a bow-tie (two corners crossed) */
  TF_QUAD_FLIPPED,      /* convex but mirrored: the corners run the other way */
} TfQuadShape;

TfQuadShape tf_quad_shape   (const TfQuad *quad);
/* Makes a user's quadrilateral usable, as GIMP's perspective tool does:
 * a bow-tie has its crossed corners swapped back, a mirrored one its order
 * reversed; TRUE when @quad is (now) TF_QUAD_OK, FALSE when it cannot be
 * (degenerate, or a dent), @quad unchanged then. */
gboolean    tf_quad_correct (TfQuad       *quad);

/* The homography that sends the rectangle (0, 0)–(@width, @height) onto
 * @quad; FALSE when @quad is not TF_QUAD_OK. */
gboolean tf_homography_from_rect (double              width,
                                  double              height,
                                  const TfQuad       *quad,
                                  TfHomography       *out);
gboolean tf_homography_invert    (const TfHomography *h,
                                  TfHomography       *out);
void     tf_homography_apply     (const TfHomography *h,
                                  double              x,
                                  double              y,
                                  double             *out_x,
                                  double             *out_y);

typedef enum {
  TF_PERSPECTIVE_FAST,   /* while dragging: nearest-ish filter, coarse */
  TF_PERSPECTIVE_GOOD,   /* on screen at rest and in exports: filtered, antialiased edges */
} TfPerspectiveQuality;

/* Draws @image (an image surface) warped so that its corners land on
 * @quad, in @cr's user space, clipped to the quad, as one image: rendered by
 * pixman at @pixels_per_unit device pixels per user unit (0: from @cr's
 * matrix, for image surfaces; exports pass their print resolution, e.g.
 * 300 dpi in points is 300 / 72), only over the part of the quad inside
 * @cr's clip. FALSE when @quad is not TF_QUAD_OK (nothing drawn).
 *
 * A board item passes `ctx->print ? 300.0 / 72.0 * ctx->scale : 0` (the
 * render context's scale is device units per board unit, points in PDF and
 * SVG). With 0 on an image surface, the density is the device's (times the
 * surface's device scale). The image is painted once, as the source of a
 * fill of the quad: on image surfaces its edge is antialiased, on vector
 * surfaces the quad is a clip path and the image opaque when @image is
 * (RGB24), so PDF and SVG hold one image per placement and no seam. */
gboolean tf_perspective_draw     (cairo_t             *cr,
                                  cairo_surface_t     *image,
                                  const TfQuad        *quad,
                                  double               pixels_per_unit,
                                  TfPerspectiveQuality quality);

/* Added with the implementation. */

/* The largest image tf_perspective_draw() makes for one placement: beyond
 * either bound the placement is rendered at a lower resolution. */
#define TF_PERSPECTIVE_MAX_SIDE   8192
#define TF_PERSPECTIVE_MAX_PIXELS (24.0 * 1024 * 1024)

/* tf_perspective_draw() of the axis-aligned rectangle @x, @y, @width,
 * @height: an image scaled (a photo to its place), from the same cached
 * pre-scaled levels, so at a cost proportional to the pixels drawn. */
gboolean tf_perspective_draw_rect (cairo_t             *cr,
                                   cairo_surface_t     *image,
                                   double               x,
                                   double               y,
                                   double               width,
                                   double               height,
                                   double               pixels_per_unit,
                                   TfPerspectiveQuality quality);

/* tf_perspective_draw() keeps, attached to each source image (cairo user
 * data), the image halved and halved again (2 × 2 box filter) as drawings
 * need them: drawing small costs the pixels drawn, not the source's, and
 * does not alias. A source is taken as it is when first drawn: after
 * changing its pixels, forget its levels. Not while another thread draws it. */
void     tf_perspective_forget    (cairo_surface_t     *image);

G_END_DECLS
