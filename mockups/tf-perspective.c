/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <pixman.h>
#include <string.h>

#include "tf-perspective.h"

/* Corners closer than this fraction of the quad's size are together, turns
 * whose sine is below it are straight. */
#define QUAD_EPSILON 1e-3
/* A convex quad whose area is below this fraction of its size squared is a
 * sliver: nothing to show. */
#define QUAD_MIN_AREA 1e-4

/* ── Shapes ─────────────────────────────────────────────────────────────── */

static double
cross (TfQuadPoint o,
       TfQuadPoint a,
       TfQuadPoint b)
{
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

static double
quad_area (const TfQuad *quad)
{
  double area = 0;

  for (guint i = 0; i < 4; i++)
    {
      TfQuadPoint a = quad->p[i], b = quad->p[(i + 1) % 4];
      area += a.x * b.y - b.x * a.y;
    }
  return area / 2;
}

/* The shape of @quad whichever way it turns: OK for convex quads turning as
 * on screen (y down: top-left, top-right, bottom-right, bottom-left runs
 * clockwise), FLIPPED for the others. */
TfQuadShape
tf_quad_shape (const TfQuad *quad)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double size;
  guint positive = 0, negative = 0;

  g_return_val_if_fail (quad != NULL, TF_QUAD_DEGENERATE);

  for (guint i = 0; i < 4; i++)
    {
      if (!isfinite (quad->p[i].x) || !isfinite (quad->p[i].y))
        return TF_QUAD_DEGENERATE;
      min_x = MIN (min_x, quad->p[i].x);
      max_x = MAX (max_x, quad->p[i].x);
      min_y = MIN (min_y, quad->p[i].y);
      max_y = MAX (max_y, quad->p[i].y);
    }
  size = MAX (max_x - min_x, max_y - min_y);
  if (!(size > 0) || !isfinite (size))
    return TF_QUAD_DEGENERATE;

  for (guint i = 0; i < 4; i++)
    for (guint j = i + 1; j < 4; j++)
      if (hypot (quad->p[i].x - quad->p[j].x, quad->p[i].y - quad->p[j].y) < QUAD_EPSILON * size)
        return TF_QUAD_DEGENERATE;

  for (guint i = 0; i < 4; i++)
    {
      TfQuadPoint prev = quad->p[(i + 3) % 4], here = quad->p[i], next = quad->p[(i + 1) % 4];
      /* The turn at @here, from the edge coming in to the edge going out. */
      double turn = (here.x - prev.x) * (next.y - here.y) - (here.y - prev.y) * (next.x - here.x);
      double lengths = hypot (here.x - prev.x, here.y - prev.y) * hypot (next.x - here.x, next.y - here.y);

      if (fabs (turn) <= QUAD_EPSILON * lengths)
        return TF_QUAD_DEGENERATE;
      if (turn > 0)
        positive++;
      else
        negative++;
    }
  if (positive != 4 && negative != 4)
    return TF_QUAD_NOT_CONVEX;
  if (fabs (quad_area (quad)) < QUAD_MIN_AREA * size * size)
    return TF_QUAD_DEGENERATE;
  return positive == 4 ? TF_QUAD_OK : TF_QUAD_FLIPPED;
}

gboolean
tf_quad_correct (TfQuad *quad)
{
  TfQuad fixed;

  g_return_val_if_fail (quad != NULL, FALSE);

  switch (tf_quad_shape (quad))
    {
    case TF_QUAD_OK:
      return TRUE;
    case TF_QUAD_DEGENERATE:
      return FALSE;
    case TF_QUAD_FLIPPED:
      /* Mirrored: the same corners run the other way, from the same first one. */
      fixed = (TfQuad) { { quad->p[0], quad->p[3], quad->p[2], quad->p[1] } };
      if (tf_quad_shape (&fixed) != TF_QUAD_OK)
        return FALSE;
      *quad = fixed;
      return TRUE;
    case TF_QUAD_NOT_CONVEX:
      /* A bow-tie: two neighbouring corners dragged past each other. Of the
       * four swaps of neighbours, exactly one gives back a convex quad
       * turning the right way when the corners are those of a convex quad;
       * none does for a dent (one corner inside the triangle of the others). */
      for (guint i = 0; i < 4; i++)
        {
          TfQuadPoint tmp;

          fixed = *quad;
          tmp = fixed.p[i];
          fixed.p[i] = fixed.p[(i + 1) % 4];
          fixed.p[(i + 1) % 4] = tmp;
          if (tf_quad_shape (&fixed) == TF_QUAD_OK)
            {
              *quad = fixed;
              return TRUE;
            }
        }
      return FALSE;
    default:
      return FALSE;
    }
}

/* ── Homographies ───────────────────────────────────────────────────────── */

/* The homography from (0, 0)–(@width, @height) onto @quad, which must be
 * convex (either orientation). Computed on the quad moved to the origin and
 * brought to a unit size, with the closed form of the unit square onto a
 * quadrilateral, then scaled back: the same relative precision at any place
 * and size. */
static gboolean
homography_from_rect_convex (double        width,
                             double        height,
                             const TfQuad *quad,
                             TfHomography *out)
{
  double cx = 0, cy = 0, size = 0;
  double x[4], y[4];
  double a, b, c, d, e, f, g, h;
  double sx, sy;

  if (!(width > 0) || !(height > 0) || !isfinite (width) || !isfinite (height))
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      cx += quad->p[i].x / 4;
      cy += quad->p[i].y / 4;
    }
  for (guint i = 0; i < 4; i++)
    size = MAX (size, MAX (fabs (quad->p[i].x - cx), fabs (quad->p[i].y - cy)));
  if (!(size > 0) || !isfinite (size))
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      x[i] = (quad->p[i].x - cx) / size;
      y[i] = (quad->p[i].y - cy) / size;
    }

  sx = x[0] - x[1] + x[2] - x[3];
  sy = y[0] - y[1] + y[2] - y[3];
  if (fabs (sx) < 1e-12 && fabs (sy) < 1e-12)
    {
      /* A parallelogram: affine. */
      a = x[1] - x[0];
      b = x[2] - x[1];
      c = x[0];
      d = y[1] - y[0];
      e = y[2] - y[1];
      f = y[0];
      g = h = 0;
    }
  else
    {
      double dx1 = x[1] - x[2], dx2 = x[3] - x[2];
      double dy1 = y[1] - y[2], dy2 = y[3] - y[2];
      double den = dx1 * dy2 - dx2 * dy1;

      if (fabs (den) < 1e-12)
        return FALSE;
      g = (sx * dy2 - dx2 * sy) / den;
      h = (dx1 * sy - sx * dy1) / den;
      a = x[1] - x[0] + g * x[1];
      b = x[3] - x[0] + h * x[3];
      c = x[0];
      d = y[1] - y[0] + g * y[1];
      e = y[3] - y[0] + h * y[3];
      f = y[0];
    }

  /* Back to the quad's place and size, from the rectangle's size. */
  out->m[0] = (size * a + cx * g) / width;
  out->m[1] = (size * b + cx * h) / height;
  out->m[2] = size * c + cx;
  out->m[3] = (size * d + cy * g) / width;
  out->m[4] = (size * e + cy * h) / height;
  out->m[5] = size * f + cy;
  out->m[6] = g / width;
  out->m[7] = h / height;
  out->m[8] = 1;
  for (guint i = 0; i < 9; i++)
    if (!isfinite (out->m[i]))
      return FALSE;
  return TRUE;
}

gboolean
tf_homography_from_rect (double        width,
                         double        height,
                         const TfQuad *quad,
                         TfHomography *out)
{
  g_return_val_if_fail (quad != NULL && out != NULL, FALSE);

  if (tf_quad_shape (quad) != TF_QUAD_OK)
    return FALSE;
  return homography_from_rect_convex (width, height, quad, out);
}

gboolean
tf_homography_invert (const TfHomography *h,
                      TfHomography       *out)
{
  const double *m;
  double adj[9], det, largest = 0;

  g_return_val_if_fail (h != NULL && out != NULL, FALSE);

  m = h->m;
  for (guint i = 0; i < 9; i++)
    {
      if (!isfinite (m[i]))
        return FALSE;
      largest = MAX (largest, fabs (m[i]));
    }
  if (largest == 0)
    return FALSE;

  adj[0] = m[4] * m[8] - m[5] * m[7];
  adj[1] = m[2] * m[7] - m[1] * m[8];
  adj[2] = m[1] * m[5] - m[2] * m[4];
  adj[3] = m[5] * m[6] - m[3] * m[8];
  adj[4] = m[0] * m[8] - m[2] * m[6];
  adj[5] = m[2] * m[3] - m[0] * m[5];
  adj[6] = m[3] * m[7] - m[4] * m[6];
  adj[7] = m[1] * m[6] - m[0] * m[7];
  adj[8] = m[0] * m[4] - m[1] * m[3];
  det = m[0] * adj[0] + m[1] * adj[3] + m[2] * adj[6];
  /* Singular, or so nearly that the inverse would be noise. */
  if (!isfinite (det) || fabs (det) <= 1e-14 * largest * largest * largest)
    return FALSE;
  for (guint i = 0; i < 9; i++)
    out->m[i] = adj[i] / det;
  return TRUE;
}

void
tf_homography_apply (const TfHomography *h,
                     double              x,
                     double              y,
                     double             *out_x,
                     double             *out_y)
{
  const double *m = h->m;
  double w = m[6] * x + m[7] * y + m[8];

  if (out_x)
    *out_x = (m[0] * x + m[1] * y + m[2]) / w;
  if (out_y)
    *out_y = (m[3] * x + m[4] * y + m[5]) / w;
}

/* ── Pre-scaled sources ─────────────────────────────────────────────────── */

/* Each source image keeps, as its cairo user data, the levels halved from it
 * by a 2 × 2 box filter as drawings asked for them: a placement drawn small
 * is warped from the level nearest its density, at a cost proportional to
 * the pixels drawn, and without aliasing. Levels are made once, under the
 * lock, and never change; a source is taken as it is when first drawn
 * (tf_perspective_forget() after changing its pixels). */

#define MAX_LEVELS 16

typedef struct {
  int      width;
  int      height;
  int      stride;
  guint32 *data;      /* owned, but for level 0 of an ARGB32 or RGB24 source */
} MipLevel;

typedef struct {
  pixman_format_code_t format;    /* a8r8g8b8 or x8r8g8b8 */
  guint    n_levels;
  MipLevel levels[MAX_LEVELS];
  gboolean own_level0;
} MipChain;

static const cairo_user_data_key_t mip_key;
static GMutex mip_lock;

static void
mip_chain_free (gpointer data)
{
  MipChain *chain = data;

  for (guint i = chain->own_level0 ? 0 : 1; i < chain->n_levels; i++)
    g_free (chain->levels[i].data);
  g_free (chain);
}

static MipLevel
halve (const MipLevel *src)
{
  MipLevel out;

  out.width = MAX (1, (src->width + 1) / 2);
  out.height = MAX (1, (src->height + 1) / 2);
  out.stride = out.width * 4;
  out.data = g_malloc ((gsize) out.stride * out.height);
  for (int y = 0; y < out.height; y++)
    {
      const guint32 *row0 = (const guint32 *) ((const guint8 *) src->data + (gsize) MIN (2 * y, src->height - 1) * src->stride);
      const guint32 *row1 = (const guint32 *) ((const guint8 *) src->data + (gsize) MIN (2 * y + 1, src->height - 1) * src->stride);
      guint32 *dst = out.data + (gsize) y * out.width;

      for (int x = 0; x < out.width; x++)
        {
          int x0 = 2 * x, x1 = MIN (2 * x + 1, src->width - 1);
          guint32 p[4] = { row0[x0], row0[x1], row1[x0], row1[x1] };
          guint32 rb = 0x00020002, ag = 0x00020002;

          /* Four channels in two lanes each, rounded. */
          for (guint i = 0; i < 4; i++)
            {
              rb += p[i] & 0x00ff00ff;
              ag += (p[i] >> 8) & 0x00ff00ff;
            }
          dst[x] = ((rb >> 2) & 0x00ff00ff) | (((ag >> 2) & 0x00ff00ff) << 8);
        }
    }
  return out;
}

/* Level @level of @image's chain (or its smallest, when the image is too
 * small for it: @level is lowered), made if need be; FALSE when @image
 * cannot be read. Takes the lock. */
static gboolean
mip_level_get (cairo_surface_t      *image,
               guint                *level,
               MipLevel             *out,
               pixman_format_code_t *format)
{
  MipChain *chain;

  g_mutex_lock (&mip_lock);
  chain = cairo_surface_get_user_data (image, &mip_key);
  if (chain == NULL)
    {
      cairo_format_t cformat = cairo_image_surface_get_format (image);
      int width = cairo_image_surface_get_width (image);
      int height = cairo_image_surface_get_height (image);

      cairo_surface_flush (image);
      chain = g_new0 (MipChain, 1);
      chain->n_levels = 1;
      chain->levels[0].width = width;
      chain->levels[0].height = height;
      if (cformat == CAIRO_FORMAT_ARGB32 || cformat == CAIRO_FORMAT_RGB24)
        {
          chain->format = cformat == CAIRO_FORMAT_ARGB32 ? PIXMAN_a8r8g8b8 : PIXMAN_x8r8g8b8;
          chain->levels[0].stride = cairo_image_surface_get_stride (image);
          chain->levels[0].data = (guint32 *) cairo_image_surface_get_data (image);
        }
      else
        {
          /* Other formats (A8, 565, 30-bit): once into ARGB32. */
          cairo_surface_t *copy = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
          cairo_t *cr = cairo_create (copy);

          cairo_set_source_surface (cr, image, 0, 0);
          cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
          cairo_paint (cr);
          cairo_destroy (cr);
          cairo_surface_flush (copy);
          chain->format = PIXMAN_a8r8g8b8;
          chain->own_level0 = TRUE;
          chain->levels[0].stride = width * 4;
          chain->levels[0].data = g_malloc ((gsize) width * 4 * height);
          for (int y = 0; y < height; y++)
            memcpy ((guint8 *) chain->levels[0].data + (gsize) y * width * 4,
                    cairo_image_surface_get_data (copy) + (gsize) y * cairo_image_surface_get_stride (copy),
                    (gsize) width * 4);
          cairo_surface_destroy (copy);
        }
      if (chain->levels[0].data == NULL ||
          cairo_surface_set_user_data (image, &mip_key, chain, mip_chain_free) != CAIRO_STATUS_SUCCESS)
        {
          if (chain->own_level0)
            g_free (chain->levels[0].data);
          g_free (chain);
          g_mutex_unlock (&mip_lock);
          return FALSE;
        }
    }
  while (chain->n_levels <= *level && chain->n_levels < MAX_LEVELS)
    {
      const MipLevel *last = &chain->levels[chain->n_levels - 1];

      if (last->width == 1 && last->height == 1)
        break;
      chain->levels[chain->n_levels] = halve (last);
      chain->n_levels++;
    }
  *level = MIN (*level, chain->n_levels - 1);
  *out = chain->levels[*level];
  *format = chain->format;
  g_mutex_unlock (&mip_lock);
  return TRUE;
}

void
tf_perspective_forget (cairo_surface_t *image)
{
  g_return_if_fail (image != NULL);

  g_mutex_lock (&mip_lock);
  cairo_surface_set_user_data (image, &mip_key, NULL, NULL);
  g_mutex_unlock (&mip_lock);
}

/* ── Drawing ────────────────────────────────────────────────────────────── */

/* Tiles of the warp: each has a transform of its own over the part of the
 * source it reads, so that pixman's 16.16 matrix keeps its precision
 * whatever the sizes, and tiles off the quad are not warped at all. */
#define TILE 64

static gboolean
is_vector_target (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_group_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_IMAGE:
    case CAIRO_SURFACE_TYPE_XLIB:
    case CAIRO_SURFACE_TYPE_XCB:
    case CAIRO_SURFACE_TYPE_WIN32:
    case CAIRO_SURFACE_TYPE_QUARTZ:
    case CAIRO_SURFACE_TYPE_QUARTZ_IMAGE:
      return FALSE;
    default:
      return TRUE;
    }
}

/* Whether the tile [x0, x1) × [y0, y1) lies wholly outside the convex
 * @quad (its corners turning either way), or wholly inside it, with a
 * margin of @margin pixels. */
static void
tile_versus_quad (const TfQuad *quad,
                  double        x0,
                  double        y0,
                  double        x1,
                  double        y1,
                  double        margin,
                  gboolean     *outside,
                  gboolean     *inside)
{
  double sign = quad_area (quad) > 0 ? 1 : -1;
  TfQuadPoint corners[4] = { { x0, y0 }, { x1, y0 }, { x1, y1 }, { x0, y1 } };

  *outside = FALSE;
  *inside = TRUE;
  for (guint e = 0; e < 4; e++)
    {
      TfQuadPoint a = quad->p[e], b = quad->p[(e + 1) % 4];
      double length = hypot (b.x - a.x, b.y - a.y);
      guint out = 0;

      for (guint c = 0; c < 4; c++)
        {
          /* Signed distance inside the edge's half-plane. */
          double d = sign * cross (a, b, corners[c]) / length;

          if (d < -margin)
            out++;
          if (d < margin)
            *inside = FALSE;
        }
      if (out == 4)
        {
          *outside = TRUE;
          *inside = FALSE;
          return;
        }
    }
}

/* Sets the transform of @src, whose top-left pixel is at (@sx, @sy) of the
 * level, for the tile whose top-left pixel is at (@tx, @ty) of the box:
 * @t (box → level) moved to both origins, scaled so that the homogeneous
 * coordinates at the tile's corners use most of 16.16's range (pixman
 * needs them to fit, and its matrix entries keep then the most precision),
 * with w positive on the tile's centre. Exactly affine stays affine (w = 1),
 * for pixman's fast paths. FALSE when nothing fits. */
static gboolean
set_tile_transform (pixman_image_t     *src,
                    const TfHomography *t,
                    double              tx,
                    double              ty,
                    double              tw,
                    double              th,
                    double              sx,
                    double              sy)
{
  double m[9];
  pixman_transform_t fixed;
  double largest = 0, scale;

  /* m = translate (-sx, -sy) · t · translate (tx, ty) */
  for (guint r = 0; r < 3; r++)
    {
      m[3 * r + 0] = t->m[3 * r + 0];
      m[3 * r + 1] = t->m[3 * r + 1];
      m[3 * r + 2] = t->m[3 * r + 0] * tx + t->m[3 * r + 1] * ty + t->m[3 * r + 2];
    }
  for (guint c = 0; c < 3; c++)
    {
      m[0 + c] -= sx * m[6 + c];
      m[3 + c] -= sy * m[6 + c];
    }

  if (m[6] == 0 && m[7] == 0)
    {
      if (m[8] == 0)
        return FALSE;
      for (guint i = 0; i < 9; i++)
        m[i] /= m[8];
      scale = 1;
    }
  else
    {
      double w_centre = m[6] * tw / 2 + m[7] * th / 2 + m[8];

      if (w_centre < 0)
        for (guint i = 0; i < 9; i++)
          m[i] = -m[i];
      for (guint c = 0; c < 4; c++)
        {
          double x = (c & 1) ? tw : 0, y = (c & 2) ? th : 0;

          for (guint r = 0; r < 3; r++)
            largest = MAX (largest, fabs (m[3 * r] * x + m[3 * r + 1] * y + m[3 * r + 2]));
        }
      if (!(largest > 0))
        return FALSE;
      scale = 16384.0 / largest;
    }
  for (guint i = 0; i < 9; i++)
    {
      double v = m[i] * scale;

      if (!isfinite (v) || fabs (v) >= 32767.0)
        return FALSE;
      fixed.matrix[i / 3][i % 3] = pixman_double_to_fixed (v);
    }
  return pixman_image_set_transform (src, &fixed);
}

/* Warps @level into @box (@bw × @bh) through @t (box pixel → level pixel,
 * both with pixel centres at +0.5), tile by tile, the tiles off @quad (in
 * box pixels) left blank. */
static void
warp (pixman_image_t       *box,
      int                   bw,
      int                   bh,
      const MipLevel       *level,
      pixman_format_code_t  format,
      const TfHomography   *t,
      const TfQuad         *quad,
      pixman_filter_t       filter)
{
  for (int ty = 0; ty < bh; ty += TILE)
    for (int tx = 0; tx < bw; tx += TILE)
      {
        int tw = MIN (TILE, bw - tx), th = MIN (TILE, bh - ty);
        gboolean outside, inside;
        double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
        gboolean beyond = FALSE;
        int sx0, sy0, sx1, sy1;
        pixman_image_t *src;

        tile_versus_quad (quad, tx, ty, tx + tw, ty + th, 1.5, &outside, &inside);
        if (outside)
          continue;

        /* The part of the level the tile reads (a projective map keeps
         * lines straight where w keeps its sign), plus the filter's reach. */
        for (guint c = 0; c < 4; c++)
          {
            double x = tx + ((c & 1) ? tw : 0), y = ty + ((c & 2) ? th : 0);
            double w = t->m[6] * x + t->m[7] * y + t->m[8];
            double u, v;

            if (!(w > 0))
              {
                beyond = TRUE;
                break;
              }
            tf_homography_apply (t, x, y, &u, &v);
            min_x = MIN (min_x, u);
            max_x = MAX (max_x, u);
            min_y = MIN (min_y, v);
            max_y = MAX (max_y, v);
          }
        if (beyond || !isfinite (min_x + max_x + min_y + max_y))
          {
            sx0 = sy0 = 0;
            sx1 = level->width;
            sy1 = level->height;
          }
        else
          {
            sx0 = (int) CLAMP (floor (min_x) - 2, 0, level->width - 1);
            sy0 = (int) CLAMP (floor (min_y) - 2, 0, level->height - 1);
            sx1 = (int) CLAMP (ceil (max_x) + 2, sx0 + 1, level->width);
            sy1 = (int) CLAMP (ceil (max_y) + 2, sy0 + 1, level->height);
          }

        src = pixman_image_create_bits (format, sx1 - sx0, sy1 - sy0,
                                        (uint32_t *) ((guint8 *) level->data + (gsize) sy0 * level->stride) + sx0,
                                        level->stride);
        if (src == NULL)
          continue;
        if (set_tile_transform (src, t, tx, ty, tw, th, sx0, sy0))
          {
            pixman_image_set_filter (src, filter, NULL, 0);
            pixman_image_set_repeat (src, PIXMAN_REPEAT_PAD);
            pixman_image_composite32 (PIXMAN_OP_SRC, src, NULL, box, 0, 0, 0, 0, tx, ty, tw, th);
          }
        pixman_image_unref (src);
      }
}

gboolean
tf_perspective_draw (cairo_t             *cr,
                     cairo_surface_t     *image,
                     const TfQuad        *quad,
                     double               pixels_per_unit,
                     TfPerspectiveQuality quality)
{
  cairo_matrix_t ctm;
  double ctm_scale, k;
  TfQuad device, raster;
  double clip_x0, clip_y0, clip_x1, clip_y1;
  int bx = 0, by = 0, bw = 0, bh = 0;
  int w0, h0;
  double ratio = G_MAXDOUBLE, ratio_log = 0;
  guint level;
  MipLevel lv;
  pixman_format_code_t format;
  TfHomography g, t;
  gboolean vector, opaque;
  cairo_surface_t *box;
  pixman_image_t *box_pixman;

  g_return_val_if_fail (cr != NULL && image != NULL && quad != NULL, FALSE);

  if (tf_quad_shape (quad) != TF_QUAD_OK)
    return FALSE;
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_get_type (image) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  w0 = cairo_image_surface_get_width (image);
  h0 = cairo_image_surface_get_height (image);
  if (w0 <= 0 || h0 <= 0 || cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    return FALSE;

  /* Raster space: device space times k. */
  cairo_get_matrix (cr, &ctm);
  ctm_scale = sqrt (fabs (ctm.xx * ctm.yy - ctm.xy * ctm.yx));
  if (!(ctm_scale > 0) || !isfinite (ctm_scale))
    return TRUE;   /* squashed flat: nothing to see */
  vector = is_vector_target (cr);
  if (pixels_per_unit > 0 && isfinite (pixels_per_unit))
    k = pixels_per_unit / ctm_scale;
  else
    {
      double dsx = 1, dsy = 1;

      cairo_surface_get_device_scale (cairo_get_group_target (cr), &dsx, &dsy);
      k = MAX (fabs (dsx), fabs (dsy));
      if (!(k > 0) || !isfinite (k))
        k = 1;
    }

  for (guint i = 0; i < 4; i++)
    {
      double x = quad->p[i].x, y = quad->p[i].y;

      cairo_user_to_device (cr, &x, &y);
      device.p[i] = (TfQuadPoint) { x, y };
    }
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_clip_extents (cr, &clip_x0, &clip_y0, &clip_x1, &clip_y1);
  cairo_restore (cr);

  /* The box: the quad's bounds within the clip, in raster pixels, within
   * the budget (a lower resolution beyond it). */
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
      double shrink;

      for (guint i = 0; i < 4; i++)
        {
          min_x = MIN (min_x, device.p[i].x * k);
          max_x = MAX (max_x, device.p[i].x * k);
          min_y = MIN (min_y, device.p[i].y * k);
          max_y = MAX (max_y, device.p[i].y * k);
        }
      min_x = MAX (min_x, clip_x0 * k);
      min_y = MAX (min_y, clip_y0 * k);
      max_x = MIN (max_x, clip_x1 * k);
      max_y = MIN (max_y, clip_y1 * k);
      if (!(max_x > min_x) || !(max_y > min_y))
        return TRUE;   /* the quad is outside the clip */
      if (!isfinite (min_x) || !isfinite (min_y) || !isfinite (max_x) || !isfinite (max_y))
        return TRUE;
      bx = (int) floor (min_x);
      by = (int) floor (min_y);
      bw = (int) ceil (max_x) - bx;
      bh = (int) ceil (max_y) - by;
      if (bw <= TF_PERSPECTIVE_MAX_SIDE && bh <= TF_PERSPECTIVE_MAX_SIDE &&
          (double) bw * bh <= TF_PERSPECTIVE_MAX_PIXELS)
        break;
      shrink = MIN (MIN ((double) TF_PERSPECTIVE_MAX_SIDE / bw, (double) TF_PERSPECTIVE_MAX_SIDE / bh),
                    sqrt (TF_PERSPECTIVE_MAX_PIXELS / ((double) bw * bh)));
      k *= shrink * 0.98;
      if (attempt == 7)
        return TRUE;
    }
  for (guint i = 0; i < 4; i++)
    raster.p[i] = (TfQuadPoint) { device.p[i].x * k - bx, device.p[i].y * k - by };

  /* The level: source pixels per box pixel, by area, at each corner (the
   * parallelogram of its two edges); filtered, the least minified corner
   * decides (no detail lost there, and the far side minified only as much
   * as the perspective); coarse, the middle of the range. */
  {
    double largest = 0;

    for (guint i = 0; i < 4; i++)
      {
        double a = fabs (cross (raster.p[i], raster.p[(i + 1) % 4], raster.p[(i + 3) % 4]));
        double r = a > 0 ? sqrt ((double) w0 * h0 / a) : G_MAXDOUBLE;

        ratio = MIN (ratio, r);
        largest = MAX (largest, r);
      }
    if (quality == TF_PERSPECTIVE_FAST)
      ratio = sqrt (ratio * MIN (largest, ratio * 16));
    ratio_log = ratio > 1 ? floor (log2 (ratio)) : 0;
    level = (guint) CLAMP (ratio_log, 0, MAX_LEVELS - 1);
  }
  if (!mip_level_get (image, &level, &lv, &format))
    return FALSE;

  /* Box pixel → level pixel: the level is the source halved @level times
   * (its last row and column padded when odd). */
  if (!homography_from_rect_convex (ldexp (w0, -(int) level), ldexp (h0, -(int) level), &raster, &g) ||
      !tf_homography_invert (&g, &t))
    return FALSE;

  opaque = format == PIXMAN_x8r8g8b8;
  box = cairo_image_surface_create (opaque && vector ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32, bw, bh);
  if (cairo_surface_status (box) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (box);
      return FALSE;
    }
  cairo_surface_flush (box);
  box_pixman = pixman_image_create_bits (opaque && vector ? PIXMAN_x8r8g8b8 : PIXMAN_a8r8g8b8, bw, bh,
                                         (uint32_t *) cairo_image_surface_get_data (box),
                                         cairo_image_surface_get_stride (box));
  if (box_pixman == NULL)
    {
      cairo_surface_destroy (box);
      return FALSE;
    }
  warp (box_pixman, bw, bh, &lv, format, &t, &raster,
        quality == TF_PERSPECTIVE_FAST ? PIXMAN_FILTER_NEAREST : PIXMAN_FILTER_BILINEAR);
  pixman_image_unref (box_pixman);
  cairo_surface_mark_dirty (box);

  /* One image, filling the quad: its edge antialiased on images, a clip
   * path on vector surfaces (sharp at any zoom, and the image opaque). */
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, quad->p[0].x, quad->p[0].y);
  for (guint i = 1; i < 4; i++)
    cairo_line_to (cr, quad->p[i].x, quad->p[i].y);
  cairo_close_path (cr);
  cairo_identity_matrix (cr);
  cairo_scale (cr, 1 / k, 1 / k);
  cairo_set_source_surface (cr, box, bx, by);
  if (!vector && fabs (k - 1) > 1e-9)
    cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_pattern_set_filter (cairo_get_source (cr),
                            quality == TF_PERSPECTIVE_FAST ? CAIRO_FILTER_FAST : CAIRO_FILTER_GOOD);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_surface_destroy (box);
  return TRUE;
}

gboolean
tf_perspective_draw_rect (cairo_t             *cr,
                          cairo_surface_t     *image,
                          double               x,
                          double               y,
                          double               width,
                          double               height,
                          double               pixels_per_unit,
                          TfPerspectiveQuality quality)
{
  TfQuad quad = { { { x, y }, { x + width, y }, { x + width, y + height }, { x, y + height } } };

  return tf_perspective_draw (cr, image, &quad, pixels_per_unit, quality);
}
