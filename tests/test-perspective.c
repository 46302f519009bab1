/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <locale.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "mockups/tf-perspective.h"

/* The perspective placement (mockups/tf-perspective.h): the homography
 * against known points, the checks and corrections of a user's corners, and
 * the drawing, read back as pixels from an image surface and from a PDF
 * rendered by Poppler. TF_TEST_PERSPECTIVE_OUT=DIR writes the images looked at. */

/* ── Helpers ────────────────────────────────────────────────────────────── */

static const TfQuad cover = { { { 120, 80 }, { 430, 120 }, { 470, 400 }, { 90, 360 } } };

/* Red, green, blue and yellow quadrants (top-left, top-right, bottom-right,
 * bottom-left), as @format. */
static cairo_surface_t *
checker_new (int            width,
             int            height,
             cairo_format_t format)
{
  cairo_surface_t *image = cairo_image_surface_create (format, width, height);
  cairo_t *cr = cairo_create (image);
  const double colours[4][3] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 1, 1, 0 } };
  const double places[4][2] = { { 0, 0 }, { 0.5, 0 }, { 0.5, 0.5 }, { 0, 0.5 } };

  for (guint i = 0; i < 4; i++)
    {
      cairo_rectangle (cr, places[i][0] * width, places[i][1] * height, width / 2.0, height / 2.0);
      cairo_set_source_rgb (cr, colours[i][0], colours[i][1], colours[i][2]);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  return image;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  cairo_surface_flush (surface);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(guint32 *) (cairo_image_surface_get_data (surface) +
                       y * cairo_image_surface_get_stride (surface) + x * 4);
}

/* Whether @pixel is within @tolerance of @rgb on each channel. */
static gboolean
pixel_is (guint32 pixel,
          guint32 rgb,
          int     tolerance)
{
  for (guint shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((pixel >> shift) & 0xff) - (int) ((rgb >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

static void
assert_pixel (cairo_surface_t *surface,
              double           x,
              double           y,
              guint32          rgb,
              int              tolerance)
{
  guint32 pixel = pixel_at (surface, (int) floor (x), (int) floor (y));

  if (!pixel_is (pixel, rgb, tolerance))
    g_error ("pixel at %.1f, %.1f is %06x, expected %06x", x, y, pixel & 0xffffff, rgb);
}

static cairo_surface_t *
white_canvas (int width,
              int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  return surface;
}

static void
maybe_write_png (cairo_surface_t *surface,
                 const char      *name)
{
  const char *dir = g_getenv ("TF_TEST_PERSPECTIVE_OUT");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
}

static const guint32 quadrant_rgb[4] = { 0xff0000, 0x00ff00, 0x0000ff, 0xffff00 };

/* Checks that the centre of each quadrant of a @width × @height checker
 * placed on @quad through @cr's @matrix is of its colour on @surface (whose
 * pixels are @scale device units each). */
static void
assert_quadrants (cairo_surface_t      *surface,
                  const cairo_matrix_t *matrix,
                  const TfQuad         *quad,
                  double                width,
                  double                height,
                  double                scale,
                  int                   tolerance)
{
  TfHomography h;
  const double centres[4][2] = { { 0.25, 0.25 }, { 0.75, 0.25 }, { 0.75, 0.75 }, { 0.25, 0.75 } };

  g_assert_true (tf_homography_from_rect (width, height, quad, &h));
  for (guint i = 0; i < 4; i++)
    {
      double x, y;

      tf_homography_apply (&h, centres[i][0] * width, centres[i][1] * height, &x, &y);
      cairo_matrix_transform_point (matrix, &x, &y);
      assert_pixel (surface, x * scale, y * scale, quadrant_rgb[i], tolerance);
    }
}

/* ── Homographies ───────────────────────────────────────────────────────── */

static void
intersect_diagonals (const TfQuad *q,
                     double       *x,
                     double       *y)
{
  /* p0 + s (p2 − p0) = p1 + t (p3 − p1) */
  double ax = q->p[2].x - q->p[0].x, ay = q->p[2].y - q->p[0].y;
  double bx = q->p[3].x - q->p[1].x, by = q->p[3].y - q->p[1].y;
  double cx = q->p[1].x - q->p[0].x, cy = q->p[1].y - q->p[0].y;
  double s = (cx * by - cy * bx) / (ax * by - ay * bx);

  *x = q->p[0].x + s * ax;
  *y = q->p[0].y + s * ay;
}

static void
test_homography_corners (void)
{
  const TfQuad quads[] = {
    cover,
    { { { 0, 0 }, { 1, 0 }, { 1, 1 }, { 0, 1 } } },
    /* Strong perspective, far from the origin, and tiny. */
    { { { 10000, 5000 }, { 10040, 5001 }, { 10400, 5600 }, { 9700, 5590 } } },
    { { { 1e-3, 1e-3 }, { 3e-3, 1.1e-3 }, { 2.9e-3, 2e-3 }, { 1.2e-3, 2.2e-3 } } },
    /* A parallelogram: affine. */
    { { { 10, 10 }, { 110, 30 }, { 130, 130 }, { 30, 110 } } },
  };
  const double sizes[][2] = { { 400, 300 }, { 1, 1 }, { 4000, 3000 }, { 17, 5 }, { 200, 100 } };

  for (guint q = 0; q < G_N_ELEMENTS (quads); q++)
    {
      double w = sizes[q][0], h = sizes[q][1];
      const double corners[4][2] = { { 0, 0 }, { w, 0 }, { w, h }, { 0, h } };
      double size = 0, x, y, dx, dy;
      TfHomography hom;

      for (guint i = 1; i < 4; i++)
        size = MAX (size, hypot (quads[q].p[i].x - quads[q].p[0].x, quads[q].p[i].y - quads[q].p[0].y));
      g_assert_true (tf_homography_from_rect (w, h, &quads[q], &hom));
      for (guint i = 0; i < 4; i++)
        {
          tf_homography_apply (&hom, corners[i][0], corners[i][1], &x, &y);
          g_assert_cmpfloat_with_epsilon (x, quads[q].p[i].x, 1e-9 * size);
          g_assert_cmpfloat_with_epsilon (y, quads[q].p[i].y, 1e-9 * size);
        }
      /* The image's centre lands where the quad's diagonals cross. */
      tf_homography_apply (&hom, w / 2, h / 2, &x, &y);
      intersect_diagonals (&quads[q], &dx, &dy);
      g_assert_cmpfloat_with_epsilon (x, dx, 1e-9 * size);
      g_assert_cmpfloat_with_epsilon (y, dy, 1e-9 * size);
      /* The middle of an edge does not land in the middle of its side
       * (perspective), except on a parallelogram. */
      tf_homography_apply (&hom, w / 2, 0, &x, &y);
      if (q == 4)
        g_assert_cmpfloat_with_epsilon (x, (quads[q].p[0].x + quads[q].p[1].x) / 2, 1e-9 * size);
      else if (q == 0)
        g_assert_cmpfloat (fabs (x - (quads[q].p[0].x + quads[q].p[1].x) / 2), >, 1e-3 * size);
    }
}

static void
test_homography_inverse (void)
{
  TfHomography h, inv;
  GRand *rand = g_rand_new_with_seed (11);

  g_assert_true (tf_homography_from_rect (640, 480, &cover, &h));
  g_assert_true (tf_homography_invert (&h, &inv));
  for (guint i = 0; i < 1000; i++)
    {
      double u = g_rand_double_range (rand, -100, 740), v = g_rand_double_range (rand, -100, 580);
      double x, y, u2, v2;

      tf_homography_apply (&h, u, v, &x, &y);
      tf_homography_apply (&inv, x, y, &u2, &v2);
      g_assert_cmpfloat_with_epsilon (u2, u, 1e-8);
      g_assert_cmpfloat_with_epsilon (v2, v, 1e-8);
    }
  /* The quad's corners go back to the rectangle's. */
  {
    double u, v;

    tf_homography_apply (&inv, cover.p[2].x, cover.p[2].y, &u, &v);
    g_assert_cmpfloat_with_epsilon (u, 640, 1e-9);
    g_assert_cmpfloat_with_epsilon (v, 480, 1e-9);
  }

  /* Singular: no inverse. */
  {
    TfHomography flat = { { 1, 2, 3, 2, 4, 6, 0, 0, 1 } }, zero = { { 0 } }, out;

    g_assert_false (tf_homography_invert (&flat, &out));
    g_assert_false (tf_homography_invert (&zero, &out));
  }
  g_rand_free (rand);
}

/* ── Shapes ─────────────────────────────────────────────────────────────── */

static void
test_shapes (void)
{
  const TfQuad square = { { { 0, 0 }, { 100, 0 }, { 100, 100 }, { 0, 100 } } };
  struct {
    TfQuad      quad;
    TfQuadShape shape;
  } cases[] = {
    { square, TF_QUAD_OK },
    { cover, TF_QUAD_OK },
    /* Two corners together. */
    { { { { 0, 0 }, { 100, 0 }, { 100, 0.01 }, { 0, 100 } } }, TF_QUAD_DEGENERATE },
    { { { { 0, 0 }, { 0, 0 }, { 100, 100 }, { 0, 100 } } }, TF_QUAD_DEGENERATE },
    /* Three in line (a triangle). */
    { { { { 0, 0 }, { 50, 0 }, { 100, 0 }, { 50, 80 } } }, TF_QUAD_DEGENERATE },
    /* All four in line. */
    { { { { 0, 0 }, { 10, 10 }, { 20, 20 }, { 30, 30 } } }, TF_QUAD_DEGENERATE },
    /* A sliver: no area for its size. */
    { { { { 0, 0 }, { 1000, 0 }, { 1000, 0.02 }, { 0, 0.02 } } }, TF_QUAD_DEGENERATE },
    /* Not a number. */
    { { { { 0, 0 }, { NAN, 0 }, { 100, 100 }, { 0, 100 } } }, TF_QUAD_DEGENERATE },
    { { { { 0, 0 }, { INFINITY, 0 }, { 100, 100 }, { 0, 100 } } }, TF_QUAD_DEGENERATE },
    /* A dent: the bottom-right corner pushed inside. */
    { { { { 0, 0 }, { 100, 0 }, { 30, 30 }, { 0, 100 } } }, TF_QUAD_NOT_CONVEX },
    /* A bow-tie: top-right and bottom-right crossed. */
    { { { { 0, 0 }, { 100, 100 }, { 100, 0 }, { 0, 100 } } }, TF_QUAD_NOT_CONVEX },
    /* Mirrored: the corners run the other way round. */
    { { { { 0, 0 }, { 0, 100 }, { 100, 100 }, { 100, 0 } } }, TF_QUAD_FLIPPED },
    { { { { 100, 0 }, { 0, 0 }, { 0, 100 }, { 100, 100 } } }, TF_QUAD_FLIPPED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      g_assert_cmpint (tf_quad_shape (&cases[i].quad), ==, cases[i].shape);
    }

  /* A homography only for what can be drawn. */
  {
    TfHomography h;

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      g_assert_cmpint (tf_homography_from_rect (10, 10, &cases[i].quad, &h), ==,
                       cases[i].shape == TF_QUAD_OK);
  }
}

static gboolean
quad_equal (const TfQuad *a,
            const TfQuad *b)
{
  return memcmp (a, b, sizeof *a) == 0;
}

static void
test_correct (void)
{
  const TfQuad square = { { { 0, 0 }, { 100, 0 }, { 100, 100 }, { 0, 100 } } };
  TfQuad q;

  /* OK stays as it is. */
  q = cover;
  g_assert_true (tf_quad_correct (&q));
  g_assert_true (quad_equal (&q, &cover));

  /* Each pair of neighbours crossed comes back. */
  for (guint i = 0; i < 4; i++)
    {
      TfQuadPoint tmp;

      q = cover;
      tmp = q.p[i];
      q.p[i] = q.p[(i + 1) % 4];
      q.p[(i + 1) % 4] = tmp;
      g_assert_cmpint (tf_quad_shape (&q), ==, TF_QUAD_NOT_CONVEX);
      g_assert_true (tf_quad_correct (&q));
      g_assert_true (quad_equal (&q, &cover));
    }

  /* Mirrored: the order reversed, the first corner kept. */
  q = (TfQuad) { { square.p[0], square.p[3], square.p[2], square.p[1] } };
  g_assert_true (tf_quad_correct (&q));
  g_assert_true (quad_equal (&q, &square));
  q = (TfQuad) { { { 100, 0 }, { 0, 0 }, { 0, 100 }, { 100, 100 } } };   /* mirrored left-right */
  g_assert_true (tf_quad_correct (&q));
  g_assert_cmpint (tf_quad_shape (&q), ==, TF_QUAD_OK);
  g_assert_cmpfloat (q.p[0].x, ==, 100);
  g_assert_cmpfloat (q.p[0].y, ==, 0);
  g_assert_cmpfloat (q.p[1].x, ==, 100);
  g_assert_cmpfloat (q.p[1].y, ==, 100);

  /* What cannot be made right is left as it is. */
  {
    const TfQuad wrong[] = {
      { { { 0, 0 }, { 100, 0 }, { 30, 30 }, { 0, 100 } } },       /* a dent */
      { { { 0, 0 }, { 30, 30 }, { 100, 0 }, { 0, 100 } } },       /* a corner inside the others, crossed */
      { { { 0, 0 }, { 50, 0 }, { 100, 0 }, { 50, 80 } } },        /* three in line */
      { { { 0, 0 }, { 0, 0 }, { 100, 100 }, { 0, 100 } } },       /* two together */
    };

    for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
      {
        q = wrong[i];
        g_assert_false (tf_quad_correct (&q));
        g_assert_true (quad_equal (&q, &wrong[i]));
      }
  }
}

/* ── Drawing on images ──────────────────────────────────────────────────── */

static void
test_draw_image (void)
{
  cairo_surface_t *source = checker_new (400, 300, CAIRO_FORMAT_ARGB32);
  cairo_surface_t *canvas = white_canvas (560, 480);
  cairo_t *cr = cairo_create (canvas);
  cairo_matrix_t identity;
  guint32 edge;
  double ex, ey;

  cairo_matrix_init_identity (&identity);
  g_assert_true (tf_perspective_draw (cr, source, &cover, 0, TF_PERSPECTIVE_GOOD));
  cairo_destroy (cr);
  maybe_write_png (canvas, "draw-image.png");

  assert_quadrants (canvas, &identity, &cover, 400, 300, 1, 2);
  /* Outside the quad: untouched. */
  assert_pixel (canvas, 5, 5, 0xffffff, 0);
  assert_pixel (canvas, 110, 380, 0xffffff, 0);   /* just below the bottom-left edge */
  assert_pixel (canvas, 500, 200, 0xffffff, 0);
  assert_pixel (canvas, 280, 95, 0xffffff, 0);    /* above the top edge (y = 100 there) */
  /* On the slanted top edge, the pixel it crosses in the middle: partly
   * covered, between white and red. */
  ey = floor ((cover.p[0].y + cover.p[1].y) / 2) + 0.5;
  ex = cover.p[0].x + (ey - cover.p[0].y) * (cover.p[1].x - cover.p[0].x) / (cover.p[1].y - cover.p[0].y);
  edge = pixel_at (canvas, (int) floor (ex), (int) floor (ey));
  g_test_message ("edge pixel %06x", edge & 0xffffff);
  /* (the green quadrant there: white partly covered with green) */
  g_assert_cmpint ((edge >> 8) & 0xff, >=, 250);
  g_assert_cmpint ((edge >> 16) & 0xff, >, 30);
  g_assert_cmpint ((edge >> 16) & 0xff, <, 225);
  g_assert_cmpint (ABS ((int) (edge & 0xff) - (int) ((edge >> 16) & 0xff)), <=, 1);

  cairo_surface_destroy (canvas);
  cairo_surface_destroy (source);
}

/* Under a rotated and scaled matrix, and on a surface with a device scale
 * (a HiDPI screen), the placement is drawn in device space. */
static void
test_draw_transformed (void)
{
  cairo_surface_t *source = checker_new (300, 300, CAIRO_FORMAT_RGB24);
  cairo_surface_t *canvas = white_canvas (900, 800);
  cairo_t *cr;
  cairo_matrix_t matrix;
  TfQuad quad = { { { 10, 10 }, { 200, 30 }, { 210, 180 }, { 0, 170 } } };

  cairo_surface_set_device_scale (canvas, 2, 2);
  cr = cairo_create (canvas);
  cairo_translate (cr, 200, 40);
  cairo_rotate (cr, G_PI / 7);
  cairo_scale (cr, 0.9, 1.1);
  cairo_get_matrix (cr, &matrix);
  g_assert_true (tf_perspective_draw (cr, source, &quad, 0, TF_PERSPECTIVE_GOOD));
  cairo_destroy (cr);
  maybe_write_png (canvas, "draw-transformed.png");
  assert_quadrants (canvas, &matrix, &quad, 300, 300, 2, 2);
  assert_pixel (canvas, 3, 3, 0xffffff, 0);

  /* Fast quality, as while dragging: the same colours in the same places. */
  cairo_surface_destroy (canvas);
  canvas = white_canvas (900, 800);
  cairo_surface_set_device_scale (canvas, 2, 2);
  cr = cairo_create (canvas);
  cairo_set_matrix (cr, &matrix);
  g_assert_true (tf_perspective_draw (cr, source, &quad, 0, TF_PERSPECTIVE_FAST));
  cairo_destroy (cr);
  assert_quadrants (canvas, &matrix, &quad, 300, 300, 2, 2);

  cairo_surface_destroy (canvas);
  cairo_surface_destroy (source);
}

/* A big source drawn small comes from a pre-scaled level, its colours
 * averaged, not aliased: a fine checker of black and white reads grey. */
static void
test_draw_minified (void)
{
  cairo_surface_t *source = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 2048, 2048);
  cairo_surface_t *canvas = white_canvas (300, 300);
  const TfQuad quad = { { { 50, 40 }, { 240, 60 }, { 250, 250 }, { 40, 230 } } };
  guint32 *data;
  int stride;
  cairo_t *cr;
  int grey_min = 255, grey_max = 0;

  cairo_surface_flush (source);
  data = (guint32 *) cairo_image_surface_get_data (source);
  stride = cairo_image_surface_get_stride (source) / 4;
  for (int y = 0; y < 2048; y++)
    for (int x = 0; x < 2048; x++)
      data[y * stride + x] = ((x ^ y) & 1) ? 0xffffffff : 0xff000000;
  cairo_surface_mark_dirty (source);

  cr = cairo_create (canvas);
  g_assert_true (tf_perspective_draw (cr, source, &quad, 0, TF_PERSPECTIVE_GOOD));
  cairo_destroy (cr);
  for (int y = 100; y < 200; y += 7)
    for (int x = 100; x < 200; x += 7)
      {
        int g = pixel_at (canvas, x, y) & 0xff;

        grey_min = MIN (grey_min, g);
        grey_max = MAX (grey_max, g);
      }
  g_test_message ("minified checker: %d to %d", grey_min, grey_max);
  g_assert_cmpint (grey_min, >=, 110);
  g_assert_cmpint (grey_max, <=, 145);

  /* Drawn again (its levels kept), then forgotten and drawn again: the same. */
  cr = cairo_create (canvas);
  g_assert_true (tf_perspective_draw (cr, source, &quad, 0, TF_PERSPECTIVE_GOOD));
  tf_perspective_forget (source);
  g_assert_true (tf_perspective_draw (cr, source, &quad, 0, TF_PERSPECTIVE_GOOD));
  cairo_destroy (cr);
  g_assert_cmpint (pixel_at (canvas, 150, 150) & 0xff, >=, 110);
  g_assert_cmpint (pixel_at (canvas, 150, 150) & 0xff, <=, 145);

  cairo_surface_destroy (canvas);
  cairo_surface_destroy (source);
}

/* Strong perspective over a big box: an 8 × 8 checker's cells land where
 * the homography says, to the far side (pixman's 16.16 matrix keeps its
 * precision tile by tile). */
static void
test_draw_strong_perspective (void)
{
  const int cells = 8, side = 1600;
  cairo_surface_t *source = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
  cairo_surface_t *canvas = white_canvas (2400, 1400);
  const TfQuad quad = { { { 1050, 60 }, { 1350, 60 }, { 2380, 1380 }, { 20, 1380 } } };
  TfHomography h;
  cairo_t *cr = cairo_create (source);
  guint checked = 0;

  for (int j = 0; j < cells; j++)
    for (int i = 0; i < cells; i++)
      {
        cairo_rectangle (cr, i * side / cells, j * side / cells, side / cells, side / cells);
        cairo_set_source_rgb (cr, (i + j) % 2, 0, (i + j + 1) % 2);
        cairo_fill (cr);
      }
  cairo_destroy (cr);

  cr = cairo_create (canvas);
  g_assert_true (tf_perspective_draw (cr, source, &quad, 0, TF_PERSPECTIVE_GOOD));
  cairo_destroy (cr);
  maybe_write_png (canvas, "draw-strong.png");

  g_assert_true (tf_homography_from_rect (side, side, &quad, &h));
  for (int j = 0; j < cells; j++)
    for (int i = 0; i < cells; i++)
      {
        /* A point a quarter of a cell in from each corner of the cell. */
        for (guint c = 0; c < 4; c++)
          {
            double u = (i + ((c & 1) ? 0.75 : 0.25)) * side / cells;
            double v = (j + ((c & 2) ? 0.75 : 0.25)) * side / cells;
            double x, y, x2, y2;

            tf_homography_apply (&h, u, v, &x, &y);
            /* Only where a quarter cell is over 3 pixels on screen. */
            tf_homography_apply (&h, u + side / cells / 4.0, v + side / cells / 4.0, &x2, &y2);
            if (fabs (x2 - x) < 3 || fabs (y2 - y) < 3)
              continue;
            assert_pixel (canvas, x, y, (i + j) % 2 ? 0xff0000 : 0x0000ff, 40);
            checked++;
          }
      }
  g_test_message ("%u points checked", checked);
  g_assert_cmpuint (checked, >, 150);
  cairo_surface_destroy (canvas);
  cairo_surface_destroy (source);
}

/* Only the part inside the clip is rendered, and what the budget allows. */
static void
test_draw_clip_and_budget (void)
{
  cairo_surface_t *source = checker_new (400, 300, CAIRO_FORMAT_RGB24);
  cairo_surface_t *canvas = white_canvas (560, 480);
  cairo_matrix_t identity;
  cairo_t *cr = cairo_create (canvas);

  cairo_matrix_init_identity (&identity);
  cairo_rectangle (cr, 0, 0, 280, 480);
  cairo_clip (cr);
  g_assert_true (tf_perspective_draw (cr, source, &cover, 0, TF_PERSPECTIVE_GOOD));
  cairo_destroy (cr);
  assert_pixel (canvas, 200, 150, 0xff0000, 2);
  assert_pixel (canvas, 400, 200, 0xffffff, 0);   /* the green quadrant, clipped */

  /* 200 pixels a unit would need 94000 × 80000 pixels: drawn at less. */
  cr = cairo_create (canvas);
  g_assert_true (tf_perspective_draw (cr, source, &cover, 200, TF_PERSPECTIVE_GOOD));
  cairo_destroy (cr);
  assert_quadrants (canvas, &identity, &cover, 400, 300, 1, 2);

  /* A clip away from the quad: nothing to do, done. */
  cr = cairo_create (canvas);
  cairo_rectangle (cr, 500, 0, 60, 40);
  cairo_clip (cr);
  g_assert_true (tf_perspective_draw (cr, source, &cover, 0, TF_PERSPECTIVE_GOOD));
  cairo_destroy (cr);
  assert_pixel (canvas, 530, 20, 0xffffff, 0);

  cairo_surface_destroy (canvas);
  cairo_surface_destroy (source);
}

static void
test_draw_degenerate (void)
{
  cairo_surface_t *source = checker_new (40, 30, CAIRO_FORMAT_ARGB32);
  cairo_surface_t *canvas = white_canvas (200, 200);
  const TfQuad wrong[] = {
    { { { 10, 10 }, { 100, 10 }, { 190, 10 }, { 50, 150 } } },
    { { { 10, 10 }, { 150, 10 }, { 50, 50 }, { 10, 150 } } },
    { { { 10, 10 }, { 150, 150 }, { 150, 10 }, { 10, 150 } } },
    { { { 10, 10 }, { 10, 150 }, { 150, 150 }, { 150, 10 } } },
  };
  cairo_t *cr = cairo_create (canvas);

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    g_assert_false (tf_perspective_draw (cr, source, &wrong[i], 0, TF_PERSPECTIVE_GOOD));
  cairo_destroy (cr);
  for (int y = 0; y < 200; y++)
    for (int x = 0; x < 200; x++)
      g_assert_cmphex (pixel_at (canvas, x, y) & 0xffffff, ==, 0xffffff);
  cairo_surface_destroy (canvas);
  cairo_surface_destroy (source);
}

/* ── Drawing into PDF and SVG ───────────────────────────────────────────── */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static guint
count_occurrences (const GByteArray *bytes,
                   const char       *needle)
{
  gsize n = strlen (needle);
  guint count = 0;

  for (gsize i = 0; i + n <= bytes->len; i++)
    if (memcmp (bytes->data + i, needle, n) == 0)
      count++;
  return count;
}

static void
test_draw_pdf (void)
{
  cairo_surface_t *source = checker_new (800, 600, CAIRO_FORMAT_RGB24);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream (append_bytes, bytes, 595, 842);
  g_autoptr(GBytes) contents = NULL;
  PopplerDocument *document;
  PopplerPage *page;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *rendered;
  cairo_matrix_t matrix;
  GList *images;
  const double scale = 2;   /* rendered at 144 dpi */
  cairo_t *cr = cairo_create (pdf);

  /* Board units at half a point, as an export fitting a board to a page. */
  cairo_translate (cr, 40, 60);
  cairo_scale (cr, 0.5, 0.5);
  cairo_get_matrix (cr, &matrix);
  g_assert_true (tf_perspective_draw (cr, source, &cover, 300.0 / 72 * 0.5, TF_PERSPECTIVE_GOOD));
  cairo_destroy (cr);
  cairo_surface_finish (pdf);
  g_assert_cmpint (cairo_surface_status (pdf), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (pdf);

  /* One image XObject (opaque: no soft mask), whatever Poppler says. */
  g_assert_cmpuint (count_occurrences (bytes, "/Subtype /Image"), ==, 1);
  g_assert_cmpuint (count_occurrences (bytes, "/SMask"), ==, 0);

  contents = g_bytes_new (bytes->data, bytes->len);
  document = poppler_document_new_from_bytes (contents, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (document, 0);
  images = poppler_page_get_image_mapping (page);
  g_assert_cmpuint (g_list_length (images), ==, 1);
  {
    PopplerImageMapping *mapping = images->data;
    cairo_surface_t *image = poppler_page_get_image (page, mapping->image_id);

    /* At about 300 dpi: the quad is some 190 × 160 points. */
    g_test_message ("image %d × %d", cairo_image_surface_get_width (image), cairo_image_surface_get_height (image));
    g_assert_cmpint (cairo_image_surface_get_width (image), >, 190 * 300 / 72 - 10);
    g_assert_cmpint (cairo_image_surface_get_width (image), <, 200 * 300 / 72);
    cairo_surface_destroy (image);
  }
  poppler_page_free_image_mapping (images);

  rendered = white_canvas (595 * scale, 842 * scale);
  cr = cairo_create (rendered);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  maybe_write_png (rendered, "draw-pdf.png");
  assert_quadrants (rendered, &matrix, &cover, 800, 600, scale, 3);
  {
    double x = 20, y = 20;

    cairo_matrix_transform_point (&matrix, &x, &y);
    assert_pixel (rendered, x * scale, y * scale, 0xffffff, 0);
  }
  cairo_surface_destroy (rendered);
  cairo_surface_destroy (source);
  g_object_unref (page);
  g_object_unref (document);
}

static void
test_draw_svg (void)
{
  cairo_surface_t *source = checker_new (400, 300, CAIRO_FORMAT_RGB24);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *svg = cairo_svg_surface_create_for_stream (append_bytes, bytes, 560, 480);
  cairo_t *cr = cairo_create (svg);

  g_assert_true (tf_perspective_draw (cr, source, &cover, 2, TF_PERSPECTIVE_GOOD));
  cairo_destroy (cr);
  cairo_surface_finish (svg);
  g_assert_cmpint (cairo_surface_status (svg), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (svg);
  g_assert_cmpuint (count_occurrences (bytes, "<image"), ==, 1);
  cairo_surface_destroy (source);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/perspective/homography/corners", test_homography_corners);
  g_test_add_func ("/perspective/homography/inverse", test_homography_inverse);
  g_test_add_func ("/perspective/quad/shapes", test_shapes);
  g_test_add_func ("/perspective/quad/correct", test_correct);
  g_test_add_func ("/perspective/draw/image", test_draw_image);
  g_test_add_func ("/perspective/draw/transformed", test_draw_transformed);
  g_test_add_func ("/perspective/draw/minified", test_draw_minified);
  g_test_add_func ("/perspective/draw/strong-perspective", test_draw_strong_perspective);
  g_test_add_func ("/perspective/draw/clip-and-budget", test_draw_clip_and_budget);
  g_test_add_func ("/perspective/draw/degenerate", test_draw_degenerate);
  g_test_add_func ("/perspective/draw/pdf", test_draw_pdf);
  g_test_add_func ("/perspective/draw/svg", test_draw_svg);
  return g_test_run ();
}
