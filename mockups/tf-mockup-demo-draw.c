/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Draws the demo mockup's two images at build time: the photo of an élu's
 * desk with a blank booklet on it, and the cover of the "Kit du mandat
 * régional" booklet the team prototyped. Both drawn with Cairo (no picture
 * taken from elsewhere), written once as files that are compiled into the
 * library as a GResource (mockups/demo.gresource.xml): a new archive stores
 * their bytes as they are (tf-mockup-demo.c) instead of drawing and decoding
 * them every time.
 *
 *   transfo-demo-draw DESK.jpg COVER.png HEADER.h
 *
 * The header gives the images' sizes in pixels. User data in the booklet's
 * language: not translated. */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <turbojpeg.h>

#include "canvas/tf-renderer.h"
#include "tf-mockup-demo-scene.h"

/* Drawn in these units, then stored smaller: the demo is made in every new
 * archive (and a test suite makes many). */
#define DESK_SCALE 0.4
#define COVER_W 1240
#define COVER_H 1754
#define COVER_SCALE 0.35
/* The desk's grain makes a big PNG: a JPEG of this quality instead. */
#define DESK_QUALITY 88

static void
set_rgb (cairo_t *cr,
         guint32  rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                         (rgb & 0xFF) / 255.0, alpha);
}

static guint32 noise_state = 0x2545F491;

static guint32
next_noise (void)
{
  /* xorshift: the same pictures every time. */
  noise_state ^= noise_state << 13;
  noise_state ^= noise_state >> 17;
  noise_state ^= noise_state << 5;
  return noise_state;
}

static double
noise_unit (void)
{
  return (next_noise () & 0xFFFF) / 65535.0;
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

/* A soft shadow of the current path: filled small, then drawn enlarged
 * with a smooth filter, which blurs it. */
static void
soft_shadow (cairo_t *cr,
             double   dx,
             double   dy,
             double   alpha)
{
  const int k = 12;
  cairo_path_t *path = cairo_copy_path (cr);
  cairo_surface_t *small = cairo_image_surface_create (CAIRO_FORMAT_A8, DESK_W / k + 2, DESK_H / k + 2);
  cairo_t *scr = cairo_create (small);

  cairo_scale (scr, 1.0 / k, 1.0 / k);
  cairo_translate (scr, dx + k, dy + k);
  cairo_append_path (scr, path);
  cairo_set_source_rgba (scr, 0, 0, 0, 1);
  cairo_fill (scr);
  cairo_destroy (scr);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_scale (cr, k, k);
  cairo_translate (cr, -1, -1);
  cairo_set_source_rgba (cr, 0.12, 0.07, 0.03, alpha);
  cairo_pattern_t *mask = cairo_pattern_create_for_surface (small);
  cairo_pattern_set_filter (mask, CAIRO_FILTER_GOOD);
  cairo_mask (cr, mask);
  cairo_pattern_destroy (mask);
  cairo_restore (cr);
  cairo_surface_destroy (small);
  cairo_append_path (cr, path);
  cairo_path_destroy (path);
}

static void
show_text (cairo_t    *cr,
           const char *text,
           const char *font,
           double      size,
           double      x,
           double      y,
           double      width,
           double      spacing)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  if (spacing != 0)
    pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (spacing * PANGO_SCALE)));
  pango_layout_set_attributes (layout, attrs);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    }
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_attr_list_unref (attrs);
  pango_font_description_free (desc);
  g_object_unref (layout);
}

/* --- The desk --- */

static void
draw_wood (cairo_t *cr)
{
  static const guint32 planks[] = { 0xB98A5A, 0xC29464, 0xB3834F, 0xBE8F5E, 0xB78756 };
  const double plank_h = 300;

  for (int p = 0; p * plank_h - 40 < DESK_H; p++)
    {
      double y0 = p * plank_h - 40;
      cairo_pattern_t *grad = cairo_pattern_create_linear (0, y0, DESK_W, y0 + plank_h);
      guint32 base = planks[p % G_N_ELEMENTS (planks)];

      cairo_pattern_add_color_stop_rgb (grad, 0, ((base >> 16) & 0xFF) / 255.0 * 0.96,
                                        ((base >> 8) & 0xFF) / 255.0 * 0.95, (base & 0xFF) / 255.0 * 0.94);
      cairo_pattern_add_color_stop_rgb (grad, 0.5, ((base >> 16) & 0xFF) / 255.0,
                                        ((base >> 8) & 0xFF) / 255.0, (base & 0xFF) / 255.0);
      cairo_pattern_add_color_stop_rgb (grad, 1, ((base >> 16) & 0xFF) / 255.0 * 0.92,
                                        ((base >> 8) & 0xFF) / 255.0 * 0.9, (base & 0xFF) / 255.0 * 0.88);
      cairo_rectangle (cr, 0, y0, DESK_W, plank_h);
      cairo_set_source (cr, grad);
      cairo_fill (cr);
      cairo_pattern_destroy (grad);

      /* The grain: long wavy lines, darker and lighter. */
      for (int g = 0; g < 90; g++)
        {
          double gy = y0 + noise_unit () * plank_h;
          double amp = 2 + noise_unit () * 7, freq = 0.002 + noise_unit () * 0.004, phase = noise_unit () * 6.3;
          gboolean dark = noise_unit () < 0.7;

          cairo_move_to (cr, -10, gy + amp * sin (phase));
          for (double x = 0; x <= DESK_W + 20; x += 20)
            cairo_line_to (cr, x, gy + amp * sin (phase + x * freq) + 3 * sin (x * 0.0007 + p));
          if (dark)
            set_rgb (cr, 0x5A3418, 0.05 + noise_unit () * 0.1);
          else
            set_rgb (cr, 0xE8C79A, 0.05 + noise_unit () * 0.08);
          cairo_set_line_width (cr, 0.8 + noise_unit () * 2.6);
          cairo_stroke (cr);
        }
      /* A knot here and there. */
      if (p % 2 == 1)
        {
          double kx = 200 + noise_unit () * (DESK_W - 400), ky = y0 + plank_h * (0.3 + noise_unit () * 0.4);

          for (int r = 1; r < 9; r++)
            {
              cairo_save (cr);
              cairo_translate (cr, kx, ky);
              cairo_scale (cr, 1, 0.32);
              cairo_arc (cr, 0, 0, r * 7.0, 0, 2 * G_PI);
              cairo_restore (cr);
              set_rgb (cr, 0x4A2A12, 0.16 - r * 0.012);
              cairo_set_line_width (cr, 2.5);
              cairo_stroke (cr);
            }
        }
      /* The seam between two planks. */
      cairo_rectangle (cr, 0, y0 + plank_h - 2, DESK_W, 3);
      set_rgb (cr, 0x3B2410, 0.45);
      cairo_fill (cr);
    }
}

static void
draw_keyboard (cairo_t *cr)
{
  cairo_save (cr);
  cairo_translate (cr, 1180, 40);
  cairo_rotate (cr, -0.06);
  rounded_rect (cr, 0, 0, 760, 250, 18);
  soft_shadow (cr, 10, 16, 0.45);
  set_rgb (cr, 0xE9E7E2, 1);
  cairo_fill (cr);
  for (int row = 0; row < 5; row++)
    for (int col = 0; col < 15; col++)
      {
        double kw = 42, x = 22 + col * 48 + (row % 2) * 12, y = 22 + row * 44;

        if (row == 4 && col > 3 && col < 10)
          {
            if (col == 4)
              {
                rounded_rect (cr, x, y, 6 * 48 - 6, 38, 6);
                set_rgb (cr, 0xFBFAF8, 1);
                cairo_fill (cr);
              }
            continue;
          }
        rounded_rect (cr, x, y, kw, 38, 6);
        set_rgb (cr, 0xFBFAF8, 1);
        cairo_fill_preserve (cr);
        set_rgb (cr, 0xBDB9B0, 0.8);
        cairo_set_line_width (cr, 1.2);
        cairo_stroke (cr);
      }
  cairo_restore (cr);
}

static void
draw_mug (cairo_t *cr)
{
  const double cx = 1500, cy = 790, r = 118;
  cairo_pattern_t *grad;

  /* The handle, then the body, seen from above. */
  cairo_save (cr);
  cairo_translate (cr, cx + r * 0.95, cy + 20);
  cairo_rotate (cr, 0.35);
  rounded_rect (cr, -10, -26, 78, 52, 24);
  cairo_restore (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  soft_shadow (cr, 22, 26, 0.5);
  cairo_new_path (cr);
  cairo_save (cr);
  cairo_translate (cr, cx + r * 0.95, cy + 20);
  cairo_rotate (cr, 0.35);
  rounded_rect (cr, -10, -26, 78, 52, 24);
  rounded_rect (cr, 8, -12, 44, 24, 12);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  set_rgb (cr, TF_ACCENT_RGB, 1);
  cairo_fill (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_restore (cr);

  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  grad = cairo_pattern_create_radial (cx - 40, cy - 40, 10, cx, cy, r);
  cairo_pattern_add_color_stop_rgb (grad, 0, 0.27, 0.55, 0.72);
  cairo_pattern_add_color_stop_rgb (grad, 1, 0.13, 0.37, 0.52);
  cairo_set_source (cr, grad);
  cairo_fill (cr);
  cairo_pattern_destroy (grad);
  /* The rim and the coffee. */
  cairo_arc (cr, cx, cy, r - 12, 0, 2 * G_PI);
  set_rgb (cr, 0xF4F1EA, 1);
  cairo_fill (cr);
  cairo_arc (cr, cx + 3, cy + 4, r - 24, 0, 2 * G_PI);
  grad = cairo_pattern_create_radial (cx - 20, cy - 25, 5, cx, cy, r - 24);
  cairo_pattern_add_color_stop_rgb (grad, 0, 0.42, 0.26, 0.14);
  cairo_pattern_add_color_stop_rgb (grad, 1, 0.22, 0.12, 0.06);
  cairo_set_source (cr, grad);
  cairo_fill (cr);
  cairo_pattern_destroy (grad);
  /* The window's reflection. */
  cairo_save (cr);
  cairo_translate (cr, cx - 34, cy - 36);
  cairo_rotate (cr, -0.6);
  cairo_scale (cr, 1, 0.45);
  cairo_arc (cr, 0, 0, 26, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.35);
  cairo_fill (cr);
}

static void
draw_pen (cairo_t *cr)
{
  cairo_save (cr);
  cairo_translate (cr, 760, 1050);
  cairo_rotate (cr, -0.12);
  rounded_rect (cr, 0, 0, 330, 20, 10);
  soft_shadow (cr, 8, 10, 0.45);
  set_rgb (cr, 0x262522, 1);
  cairo_fill (cr);
  cairo_move_to (cr, 0, 3);
  cairo_line_to (cr, -36, 10);
  cairo_line_to (cr, 0, 17);
  cairo_close_path (cr);
  set_rgb (cr, 0xC9C4B8, 1);
  cairo_fill (cr);
  cairo_rectangle (cr, 250, -2, 60, 6);
  set_rgb (cr, 0xB8B3A8, 1);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_phone (cairo_t *cr)
{
  cairo_save (cr);
  cairo_translate (cr, 150, 640);
  cairo_rotate (cr, -0.22);
  rounded_rect (cr, 0, 0, 200, 390, 30);
  soft_shadow (cr, 10, 16, 0.45);
  set_rgb (cr, 0x1E1E20, 1);
  cairo_fill (cr);
  rounded_rect (cr, 12, 14, 176, 362, 20);
  set_rgb (cr, 0x2C3540, 1);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.07);
  cairo_move_to (cr, 12, 14);
  cairo_line_to (cr, 188, 14);
  cairo_line_to (cr, 12, 220);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_badge (cairo_t *cr)
{
  /* The lanyard, out of the photo at the left. */
  cairo_move_to (cr, -20, 200);
  cairo_curve_to (cr, 60, 230, 150, 250, 240, 300);
  cairo_move_to (cr, -20, 420);
  cairo_curve_to (cr, 80, 400, 170, 360, 250, 318);
  set_rgb (cr, TF_ACCENT_RGB, 0.9);
  cairo_set_line_width (cr, 14);
  cairo_stroke (cr);

  cairo_save (cr);
  cairo_translate (cr, badge_box[0] + 20, badge_box[1] + 40);
  cairo_rotate (cr, 0.12);
  rounded_rect (cr, 0, 0, 280, 170, 12);
  soft_shadow (cr, 6, 10, 0.4);
  set_rgb (cr, 0xFFFFFF, 1);
  cairo_fill (cr);
  cairo_rectangle (cr, 0, 24, 280, 10);
  set_rgb (cr, TF_ACCENT_RGB, 1);
  cairo_fill (cr);
  cairo_arc (cr, 50, 96, 30, 0, 2 * G_PI);
  set_rgb (cr, 0xC8C2B6, 1);
  cairo_fill (cr);
  set_rgb (cr, TF_INK_RGB, 1);
  show_text (cr, "Claire Lemaire", "Sans Bold", 21, 92, 72, 180, 0);
  set_rgb (cr, 0x76726A, 1);
  show_text (cr, "Conseillère régionale", "Sans", 15, 92, 104, 180, 0);
  cairo_restore (cr);
}

/* The booklet, blank: where the cover will go. */
static void
draw_blank_booklet (cairo_t *cr)
{
  cairo_pattern_t *light;

  cairo_move_to (cr, booklet[0], booklet[1]);
  for (int i = 1; i < 4; i++)
    cairo_line_to (cr, booklet[2 * i], booklet[2 * i + 1]);
  cairo_close_path (cr);
  soft_shadow (cr, 18, 22, 0.55);
  light = cairo_pattern_create_linear (booklet[0], booklet[1], booklet[4], booklet[5]);
  cairo_pattern_add_color_stop_rgb (light, 0, 0.97, 0.96, 0.93);
  cairo_pattern_add_color_stop_rgb (light, 1, 0.86, 0.85, 0.81);
  cairo_set_source (cr, light);
  cairo_fill (cr);
  cairo_pattern_destroy (light);
  /* The thickness of its pages along the right and bottom edges. */
  cairo_move_to (cr, booklet[2], booklet[3]);
  cairo_line_to (cr, booklet[2] + 7, booklet[3] + 6);
  cairo_line_to (cr, booklet[4] + 7, booklet[5] + 6);
  cairo_line_to (cr, booklet[6] + 2, booklet[7] + 7);
  cairo_line_to (cr, booklet[6], booklet[7]);
  cairo_line_to (cr, booklet[4], booklet[5]);
  cairo_close_path (cr);
  set_rgb (cr, 0xD9D4C8, 1);
  cairo_fill (cr);
}

static void
add_light_and_grain (cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);
  cairo_pattern_t *grad;
  unsigned char *data;
  int stride, width = cairo_image_surface_get_width (surface), height = cairo_image_surface_get_height (surface);

  cairo_scale (cr, (double) width / DESK_W, (double) height / DESK_H);
  /* Daylight from a window at the top left, shade at the far corner. */
  grad = cairo_pattern_create_radial (-200, -300, 100, -200, -300, 2300);
  cairo_pattern_add_color_stop_rgba (grad, 0, 1, 0.98, 0.92, 0.30);
  cairo_pattern_add_color_stop_rgba (grad, 0.45, 1, 0.98, 0.92, 0.06);
  cairo_pattern_add_color_stop_rgba (grad, 0.75, 0, 0, 0, 0.0);
  cairo_pattern_add_color_stop_rgba (grad, 1, 0.05, 0.03, 0.02, 0.35);
  cairo_set_source (cr, grad);
  cairo_paint (cr);
  cairo_pattern_destroy (grad);
  grad = cairo_pattern_create_radial (DESK_W / 2.0, DESK_H / 2.0, DESK_H * 0.45, DESK_W / 2.0, DESK_H / 2.0, DESK_W * 0.72);
  cairo_pattern_add_color_stop_rgba (grad, 0, 0, 0, 0, 0);
  cairo_pattern_add_color_stop_rgba (grad, 1, 0.06, 0.03, 0.01, 0.32);
  cairo_set_source (cr, grad);
  cairo_paint (cr);
  cairo_pattern_destroy (grad);
  cairo_destroy (cr);

  /* A camera's grain, pixel by pixel. */
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          int n = (int) (next_noise () % 5) - 2;
          guint32 p = row[x];
          int r = CLAMP ((int) ((p >> 16) & 0xFF) + n, 0, 255);
          int g = CLAMP ((int) ((p >> 8) & 0xFF) + n, 0, 255);
          int b = CLAMP ((int) (p & 0xFF) + n, 0, 255);

          row[x] = 0xFF000000u | (guint32) r << 16 | (guint32) g << 8 | (guint32) b;
        }
    }
  cairo_surface_mark_dirty (surface);
}

static cairo_surface_t *
draw_desk (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (DESK_W * DESK_SCALE),
                                                         (int) (DESK_H * DESK_SCALE));
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, DESK_SCALE, DESK_SCALE);
  noise_state = 0x2545F491;
  draw_wood (cr);
  draw_keyboard (cr);
  draw_phone (cr);
  draw_badge (cr);
  draw_blank_booklet (cr);
  draw_mug (cr);
  draw_pen (cr);
  cairo_destroy (cr);
  add_light_and_grain (surface);
  return surface;
}

/* --- The cover --- */

/* The pictogram of the booklet: a hemicycle, its rows of seats and the
 * president's desk. */
static void
draw_hemicycle (cairo_t *cr,
                double   cx,
                double   cy,
                double   r)
{
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int row = 0; row < 4; row++)
    {
      double rr = r * (0.45 + row * 0.18);
      int seats = 7 + row * 3;

      for (int s = 0; s < seats; s++)
        {
          double a = G_PI + G_PI * (s + 0.5) / seats;

          cairo_arc (cr, cx + rr * cos (a), cy + rr * sin (a), r * 0.055, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  rounded_rect (cr, cx - r * 0.2, cy - r * 0.16, r * 0.4, r * 0.16, r * 0.04);
  cairo_fill (cr);
  cairo_move_to (cr, cx - r * 1.1, cy + r * 0.12);
  cairo_line_to (cr, cx + r * 1.1, cy + r * 0.12);
  cairo_set_line_width (cr, r * 0.05);
  cairo_stroke (cr);
}

static cairo_surface_t *
draw_cover (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (COVER_W * COVER_SCALE),
                                                         (int) (COVER_H * COVER_SCALE));
  cairo_t *cr = cairo_create (surface);
  const double m = 110, band = COVER_H * 0.46;

  cairo_scale (cr, COVER_SCALE, COVER_SCALE);
  set_rgb (cr, TF_PAPER_RGB, 1);
  cairo_paint (cr);
  cairo_rectangle (cr, 0, 0, COVER_W, band);
  set_rgb (cr, TF_ACCENT_RGB, 1);
  cairo_fill (cr);

  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  show_text (cr, "RÉGION NORD-PAS DE CALAIS", "Sans Bold", 30, m, 100, -1, 6);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.7);
  show_text (cr, "Livret 2", "Sans", 30, COVER_W - m - 130, 100, -1, 1);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  draw_hemicycle (cr, COVER_W / 2.0, band * 0.74, 300);

  set_rgb (cr, TF_INK_RGB, 1);
  show_text (cr, "Kit du mandat régional", "Sans Bold", 112, m, band + 120, COVER_W - 2 * m, 0);
  cairo_rectangle (cr, m, band + 430, 160, 10);
  set_rgb (cr, TF_ACCENT_RGB, 1);
  cairo_fill (cr);
  set_rgb (cr, 0x4A4741, 1);
  show_text (cr, "L’institution, ses assemblées et ses commissions", "Sans", 50, m, band + 490,
             COVER_W - 2 * m - 80, 0);

  /* The foot: the mandate and a code to the web version. */
  set_rgb (cr, 0x76726A, 1);
  show_text (cr, "Mandat 2010 – 2015 · Guide de l’élu", "Sans", 30, m, COVER_H - m - 40, -1, 0);
  noise_state = 0x9E3779B9;
  for (int y = 0; y < 9; y++)
    for (int x = 0; x < 9; x++)
      if ((x < 3 && y < 3) || (x > 5 && y < 3) || (x < 3 && y > 5) || next_noise () % 2)
        {
          cairo_rectangle (cr, COVER_W - m - 135 + x * 15, COVER_H - m - 135 + y * 15, 15, 15);
          set_rgb (cr, TF_INK_RGB, 1);
          cairo_fill (cr);
        }
  cairo_destroy (cr);
  return surface;
}

/* --- Writing --- */

static gboolean
write_jpeg (cairo_surface_t *surface,
            const char      *path)
{
  tjhandle compressor = tjInitCompress ();
  unsigned char *encoded = NULL;
  unsigned long encoded_len = 0;
  gboolean ok;
  GError *error = NULL;

  cairo_surface_flush (surface);
  /* Cairo's RGB24 is a native-endian 32-bit word: BGRX on little-endian. */
  ok = tjCompress2 (compressor, cairo_image_surface_get_data (surface),
                    cairo_image_surface_get_width (surface), cairo_image_surface_get_stride (surface),
                    cairo_image_surface_get_height (surface),
                    G_BYTE_ORDER == G_LITTLE_ENDIAN ? TJPF_BGRX : TJPF_XRGB,
                    &encoded, &encoded_len, TJSAMP_420, DESK_QUALITY, TJFLAG_ACCURATEDCT) == 0;
  if (!ok)
    g_printerr ("%s: %s\n", path, tjGetErrorStr2 (compressor));
  else if (!g_file_set_contents (path, (const char *) encoded, (gssize) encoded_len, &error))
    {
      g_printerr ("%s\n", error->message);
      g_error_free (error);
      ok = FALSE;
    }
  tjFree (encoded);
  tjDestroy (compressor);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  cairo_surface_t *desk, *cover;
  g_autofree char *header = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_SUCCESS;

  if (argc != 4)
    {
      g_printerr ("usage: %s DESK.jpg COVER.png HEADER.h\n", argv[0]);
      return EXIT_FAILURE;
    }
  desk = draw_desk ();
  cover = draw_cover ();
  if (!write_jpeg (desk, argv[1]))
    status = EXIT_FAILURE;
  if (cairo_surface_write_to_png (cover, argv[2]) != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("%s: could not write\n", argv[2]);
      status = EXIT_FAILURE;
    }
  header = g_strdup_printf ("/* Made by transfo-demo-draw: do not edit. */\n"
                            "#pragma once\n"
                            "#define TF_DEMO_DESK_WIDTH %d\n"
                            "#define TF_DEMO_DESK_HEIGHT %d\n"
                            "#define TF_DEMO_COVER_WIDTH %d\n"
                            "#define TF_DEMO_COVER_HEIGHT %d\n",
                            cairo_image_surface_get_width (desk), cairo_image_surface_get_height (desk),
                            cairo_image_surface_get_width (cover), cairo_image_surface_get_height (cover));
  if (!g_file_set_contents (argv[3], header, -1, &error))
    {
      g_printerr ("%s\n", error->message);
      status = EXIT_FAILURE;
    }
  cairo_surface_destroy (desk);
  cairo_surface_destroy (cover);
  return status;
}
