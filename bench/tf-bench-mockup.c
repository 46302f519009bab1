/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mockup_place: a 12-Mpx photo of a desk drawn into a 1920×1080 view with a
 * 4-Mpx booklet cover placed on it in perspective, warm (the photo's and the
 * cover's pre-scaled levels made by the first frame). */
#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mockups/tf-perspective.h"
#include "tf-bench-mockup.h"

#define PHOTO_W 4000
#define PHOTO_H 3000
#define COVER_W 1700
#define COVER_H 2400
#define VIEW_W 1920
#define VIEW_H 1080
#define RUNS 21

/* Where the cover lies on the desk, in the photo's pixels. */
static const TfQuad cover_quad = { { { 1530, 1580 }, { 2380, 1540 }, { 2690, 2540 }, { 1300, 2620 } } };

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* This thread's CPU time: what the wall-clock figures would be on a machine
 * not shared with other work. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *samples,
        guint   n)
{
  qsort (samples, n, sizeof *samples, compare_doubles);
  return n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
}

static void
report (const char *metric,
        double      value)
{
  printf ("{\"metric\": \"%s\", \"n\": 1, \"value\": %.3f, \"unit\": \"ms\"}\n", metric, value);
  fflush (stdout);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A desk by a window: a wall, a wooden top with its grain, a laptop, a
 * mug, papers, soft light. Drawn, not taken. */
static cairo_surface_t *
make_photo (void)
{
  cairo_surface_t *photo = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PHOTO_W, PHOTO_H);
  cairo_t *cr = cairo_create (photo);
  cairo_pattern_t *p;
  GRand *rand = g_rand_new_with_seed (2026);

  /* The wall, lit from the left. */
  p = cairo_pattern_create_linear (0, 0, PHOTO_W, 0);
  cairo_pattern_add_color_stop_rgb (p, 0, 0.93, 0.91, 0.86);
  cairo_pattern_add_color_stop_rgb (p, 1, 0.70, 0.69, 0.66);
  cairo_set_source (cr, p);
  cairo_paint (cr);
  cairo_pattern_destroy (p);

  /* The desk top, from the wall (y = 1100) to the front edge. */
  p = cairo_pattern_create_linear (0, 1100, 0, PHOTO_H);
  cairo_pattern_add_color_stop_rgb (p, 0, 0.55, 0.38, 0.24);
  cairo_pattern_add_color_stop_rgb (p, 1, 0.72, 0.52, 0.33);
  cairo_move_to (cr, 0, 1100);
  cairo_line_to (cr, PHOTO_W, 1100);
  cairo_line_to (cr, PHOTO_W, PHOTO_H);
  cairo_line_to (cr, 0, PHOTO_H);
  cairo_close_path (cr);
  cairo_set_source (cr, p);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  /* Its grain, converging to the back. */
  for (guint i = 0; i < 500; i++)
    {
      double x = g_rand_double_range (rand, -3000, PHOTO_W + 3000);

      cairo_move_to (cr, PHOTO_W / 2.0 + (x - PHOTO_W / 2.0) * 0.55, 1100);
      cairo_curve_to (cr, x + g_rand_double_range (rand, -60, 60), 1800,
                      x + g_rand_double_range (rand, -60, 60), 2400, x, PHOTO_H);
      cairo_set_source_rgba (cr, 0.30, 0.18, 0.10, g_rand_double_range (rand, 0.03, 0.12));
      cairo_set_line_width (cr, g_rand_double_range (rand, 2, 9));
      cairo_stroke (cr);
    }

  /* A sheet of paper and a laptop, with their shadows. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_move_to (cr, 2850, 1700);
  cairo_line_to (cr, 3650, 1680);
  cairo_line_to (cr, 3900, 2500);
  cairo_line_to (cr, 2900, 2540);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.97, 0.97, 0.95);
  cairo_move_to (cr, 2820, 1660);
  cairo_line_to (cr, 3620, 1640);
  cairo_line_to (cr, 3860, 2460);
  cairo_line_to (cr, 2860, 2500);
  cairo_fill (cr);
  for (guint i = 0; i < 14; i++)
    {
      double t = (i + 1) / 16.0;

      cairo_move_to (cr, 2830 + t * 40 + 80, 1660 + t * 840);
      cairo_line_to (cr, 3620 + t * 240 - 90, 1640 + t * 820);
      cairo_set_source_rgba (cr, 0.3, 0.3, 0.35, 0.5);
      cairo_set_line_width (cr, 6);
      cairo_stroke (cr);
    }
  rounded_rect (cr, 300, 650, 1000, 620, 30);
  cairo_set_source_rgb (cr, 0.18, 0.19, 0.21);
  cairo_fill (cr);
  p = cairo_pattern_create_linear (340, 690, 1260, 1230);
  cairo_pattern_add_color_stop_rgb (p, 0, 0.25, 0.45, 0.70);
  cairo_pattern_add_color_stop_rgb (p, 1, 0.10, 0.20, 0.35);
  cairo_rectangle (cr, 340, 690, 920, 540);
  cairo_set_source (cr, p);
  cairo_fill (cr);
  cairo_pattern_destroy (p);
  cairo_move_to (cr, 200, 1270);
  cairo_line_to (cr, 1400, 1270);
  cairo_line_to (cr, 1560, 1520);
  cairo_line_to (cr, 60, 1520);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0.62, 0.63, 0.66);
  cairo_fill (cr);

  /* A mug. */
  cairo_save (cr);
  cairo_translate (cr, 3300, 1250);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_scale (cr, 1, 0.35);
  cairo_arc (cr, 60, 820, 260, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_rectangle (cr, 3080, 1050, 440, 480);
  cairo_set_source_rgb (cr, 0.80, 0.25, 0.20);
  cairo_fill (cr);
  cairo_save (cr);
  cairo_translate (cr, 3300, 1050);
  cairo_scale (cr, 1, 0.3);
  cairo_arc (cr, 0, 0, 220, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.25, 0.15, 0.10);
  cairo_fill (cr);
  cairo_restore (cr);

  /* Light from the window, top left. */
  p = cairo_pattern_create_radial (600, 400, 100, 600, 400, 4200);
  cairo_pattern_add_color_stop_rgba (p, 0, 1, 0.98, 0.9, 0.25);
  cairo_pattern_add_color_stop_rgba (p, 1, 0, 0, 0.05, 0.25);
  cairo_set_source (cr, p);
  cairo_paint (cr);
  cairo_pattern_destroy (p);

  g_rand_free (rand);
  cairo_destroy (cr);
  return photo;
}

/* A booklet's cover: "Kit du mandat régional". */
static cairo_surface_t *
make_cover (void)
{
  cairo_surface_t *cover = cairo_image_surface_create (CAIRO_FORMAT_RGB24, COVER_W, COVER_H);
  cairo_t *cr = cairo_create (cover);
  const char *lines[] = { "Kit du", "mandat", "régional" };

  cairo_set_source_rgb (cr, 0.96, 0.94, 0.88);
  cairo_paint (cr);
  cairo_rectangle (cr, 0, 0, COVER_W, 900);
  cairo_set_source_rgb (cr, 0.11, 0.37, 0.42);
  cairo_fill (cr);
  for (guint i = 0; i < 5; i++)
    {
      cairo_arc (cr, 250 + i * 300, 1500 + (i % 2) * 260, 120 + 30 * i, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, i % 2 ? 0.95 : 0.11, i % 2 ? 0.55 : 0.37, i % 2 ? 0.25 : 0.42, 0.85);
      cairo_fill (cr);
    }
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 230);
  cairo_set_source_rgb (cr, 1, 1, 1);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      cairo_move_to (cr, 140, 290 + i * 240);
      cairo_show_text (cr, lines[i]);
    }
  cairo_set_font_size (cr, 90);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_move_to (cr, 140, 2250);
  cairo_show_text (cr, "Transfo · résidence 2026");
  cairo_destroy (cr);
  return cover;
}

/* One frame: the board's background, the photo fitted, the cover placed
 * (left out when @cover is NULL). */
static double last_cpu;

static double
draw_view (cairo_surface_t     *view,
           cairo_surface_t     *photo,
           cairo_surface_t     *cover,
           TfPerspectiveQuality quality)
{
  double scale = MIN ((double) VIEW_W / PHOTO_W, (double) VIEW_H / PHOTO_H);
  double start = now_ms (), cpu_start = cpu_ms ();
  cairo_t *cr = cairo_create (view);

  cairo_set_source_rgb (cr, 0.95, 0.95, 0.93);
  cairo_paint (cr);
  cairo_translate (cr, (VIEW_W - PHOTO_W * scale) / 2, (VIEW_H - PHOTO_H * scale) / 2);
  cairo_scale (cr, scale, scale);
  if (!tf_perspective_draw_rect (cr, photo, 0, 0, PHOTO_W, PHOTO_H, 0, quality) ||
      (cover && !tf_perspective_draw (cr, cover, &cover_quad, 0, quality)))
    g_error ("mockup_place: nothing drawn");
  cairo_destroy (cr);
  cairo_surface_flush (view);
  last_cpu = cpu_ms () - cpu_start;
  return now_ms () - start;
}

int
tf_bench_mockup_place (const char *out_dir)
{
  cairo_surface_t *photo = make_photo ();
  cairo_surface_t *cover = make_cover ();
  cairo_surface_t *view = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_W, VIEW_H);
  double samples[RUNS], cpu[RUNS], cold, cold_cpu, fast_cold, good_cpu;

  cairo_surface_flush (photo);
  cairo_surface_flush (cover);

  cold = draw_view (view, photo, cover, TF_PERSPECTIVE_GOOD);
  cold_cpu = last_cpu;
  for (guint i = 0; i < RUNS; i++)
    {
      samples[i] = draw_view (view, photo, cover, TF_PERSPECTIVE_GOOD);
      cpu[i] = last_cpu;
    }
  report ("mockup_place", median (samples, RUNS));
  good_cpu = median (cpu, RUNS);
  if (out_dir)
    {
      g_autofree char *path = g_build_filename (out_dir, "mockup-place.png", NULL);
      cairo_surface_write_to_png (view, path);
    }

  fast_cold = draw_view (view, photo, cover, TF_PERSPECTIVE_FAST);
  for (guint i = 0; i < RUNS; i++)
    {
      samples[i] = draw_view (view, photo, cover, TF_PERSPECTIVE_FAST);
      cpu[i] = last_cpu;
    }
  report ("mockup_place_fast", median (samples, RUNS));
  if (out_dir)
    {
      g_autofree char *path = g_build_filename (out_dir, "mockup-place-fast.png", NULL);
      cairo_surface_write_to_png (view, path);
    }
  g_printerr ("# mockup_place CPU time: %.1f ms (fast: %.1f ms); the first frame, levels made: %.1f ms "
              "(CPU %.1f ms), fast's first %.1f ms\n", good_cpu, median (cpu, RUNS), cold, cold_cpu, fast_cold);
  for (guint i = 0; i < RUNS; i++)
    {
      draw_view (view, photo, NULL, TF_PERSPECTIVE_GOOD);
      cpu[i] = last_cpu;
    }
  g_printerr ("# mockup_place without the placement (background and photo): CPU %.1f ms\n", median (cpu, RUNS));

  /* For comparison: the photo alone scaled by cairo from its full size
   * (GOOD filter), as a plain image item would draw it. */
  for (guint i = 0; i < 5; i++)
    {
      double scale = (double) VIEW_H / PHOTO_H, start = now_ms ();
      cairo_t *cr = cairo_create (view);

      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, photo, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_flush (view);
      samples[i] = now_ms () - start;
    }
  g_printerr ("# for comparison, the photo alone painted by cairo from 12 Mpx (GOOD): %.1f ms\n",
              median (samples, 5));

  /* The same page as a PDF at 300 dpi (A4 landscape), for looking at. */
  if (out_dir)
    {
      g_autofree char *path = g_build_filename (out_dir, "mockup-place.pdf", NULL);
      cairo_surface_t *pdf = cairo_pdf_surface_create (path, 842, 595);
      cairo_t *cr = cairo_create (pdf);
      double scale = MIN (802.0 / PHOTO_W, 555.0 / PHOTO_H), start = now_ms ();

      cairo_translate (cr, (842 - PHOTO_W * scale) / 2, (595 - PHOTO_H * scale) / 2);
      cairo_scale (cr, scale, scale);
      tf_perspective_draw_rect (cr, photo, 0, 0, PHOTO_W, PHOTO_H, 300.0 / 72 * scale, TF_PERSPECTIVE_GOOD);
      tf_perspective_draw (cr, cover, &cover_quad, 300.0 / 72 * scale, TF_PERSPECTIVE_GOOD);
      cairo_destroy (cr);
      cairo_surface_finish (pdf);
      g_printerr ("# the page at 300 dpi into a PDF (photo and placement, written): %.0f ms\n", now_ms () - start);
      cairo_surface_destroy (pdf);
    }

  cairo_surface_destroy (view);
  cairo_surface_destroy (cover);
  cairo_surface_destroy (photo);
  return 0;
}
