/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "insights/tf-insight.h"
#include "wings/tf-wings.h"

/* The note palette must stay readable for everyone in the room: every pair of
 * colours apart for people with a colour-vision deficiency, and dark text
 * legible on each. */

typedef struct {
  double v[3];
} Vec3;

/* Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB. */
static const double protanopia[3][3] = {
  {  0.152286,  1.052583, -0.204868 },
  {  0.114503,  0.786281,  0.099216 },
  { -0.003882, -0.048116,  1.051998 },
};
static const double deuteranopia[3][3] = {
  {  0.367322,  0.860646, -0.227968 },
  {  0.280085,  0.672501,  0.047413 },
  { -0.011820,  0.042940,  0.968881 },
};
static const double tritanopia[3][3] = {
  {  1.255528, -0.076749, -0.178779 },
  { -0.078411,  0.930809,  0.147602 },
  {  0.004733,  0.691367,  0.303900 },
};

static double
srgb_to_linear (guint8 c)
{
  double v = c / 255.0;

  return v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
}

static Vec3
linear_rgb (guint32 rgb)
{
  return (Vec3) { { srgb_to_linear ((rgb >> 16) & 0xff),
                    srgb_to_linear ((rgb >> 8) & 0xff),
                    srgb_to_linear (rgb & 0xff) } };
}

static Vec3
simulate (const double matrix[3][3],
          Vec3         rgb)
{
  Vec3 out;

  for (int i = 0; i < 3; i++)
    {
      double v = 0;
      for (int j = 0; j < 3; j++)
        v += matrix[i][j] * rgb.v[j];
      out.v[i] = CLAMP (v, 0.0, 1.0);
    }
  return out;
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

/* Linear sRGB → XYZ (D65) → CIELAB. */
static Vec3
to_lab (Vec3 rgb)
{
  double r = rgb.v[0], g = rgb.v[1], b = rgb.v[2];
  double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
  double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
  double fx = lab_f (x / 0.95047), fy = lab_f (y / 1.0), fz = lab_f (z / 1.08883);

  return (Vec3) { { 116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz) } };
}

static double
delta_e76 (Vec3 a,
           Vec3 b)
{
  return sqrt (pow (a.v[0] - b.v[0], 2) + pow (a.v[1] - b.v[1], 2) + pow (a.v[2] - b.v[2], 2));
}

static double
luminance (guint32 rgb)
{
  Vec3 l = linear_rgb (rgb);

  return 0.2126 * l.v[0] + 0.7152 * l.v[1] + 0.0722 * l.v[2];
}

static void
assert_pairs_apart (const char   *vision,
                    const double  matrix[3][3],
                    double        minimum)
{
  guint n;
  const TfNoteColor *colors = tf_note_colors (&n);
  double closest = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        Vec3 a = linear_rgb (colors[i].rgb), b = linear_rgb (colors[j].rgb);
        double d;

        if (matrix != NULL)
          {
            a = simulate (matrix, a);
            b = simulate (matrix, b);
          }
        d = delta_e76 (to_lab (a), to_lab (b));
        closest = MIN (closest, d);
        if (d < minimum)
          g_error ("%s: %s and %s are only Delta E %.1f apart (at least %.0f needed)",
                   vision, colors[i].id, colors[j].id, d, minimum);
      }
  g_test_message ("%s: closest pair Delta E %.1f", vision, closest);
}

static void
test_palette_normal (void)
{
  assert_pairs_apart ("normal vision", NULL, 15.0);
}

static void
test_palette_protanopia (void)
{
  assert_pairs_apart ("protanopia", protanopia, 8.0);
}

static void
test_palette_deuteranopia (void)
{
  assert_pairs_apart ("deuteranopia", deuteranopia, 8.0);
}

static void
test_palette_tritanopia (void)
{
  assert_pairs_apart ("tritanopia", tritanopia, 8.0);
}

/* Known values, so that the colour maths above is itself checked. */
static void
test_colour_maths (void)
{
  Vec3 white = to_lab (linear_rgb (0xFFFFFF));
  Vec3 red = to_lab (linear_rgb (0xFF0000));
  Vec3 grey = simulate (protanopia, linear_rgb (0x808080));

  g_assert_cmpfloat_with_epsilon (white.v[0], 100.0, 0.01);
  g_assert_cmpfloat_with_epsilon (white.v[1], 0.0, 0.01);
  g_assert_cmpfloat_with_epsilon (white.v[2], 0.0, 0.01);
  g_assert_cmpfloat_with_epsilon (red.v[0], 53.24, 0.05);
  g_assert_cmpfloat_with_epsilon (red.v[1], 80.09, 0.05);
  g_assert_cmpfloat_with_epsilon (red.v[2], 67.20, 0.05);
  /* The simulations keep greys grey. */
  g_assert_cmpfloat_with_epsilon (grey.v[0], grey.v[1], 0.002);
  g_assert_cmpfloat_with_epsilon (grey.v[1], grey.v[2], 0.002);
  g_assert_cmpfloat_with_epsilon ((luminance (0xFFFFFF) + 0.05) / (luminance (0x000000) + 0.05), 21.0, 0.01);
}

static void
test_palette_contrast (void)
{
  /* The house's near-black, and the renderer's ink. */
  static const guint32 inks[] = { 0x1F1F1F, 0x262522 };
  guint n;
  const TfNoteColor *colors = tf_note_colors (&n);

  for (guint k = 0; k < G_N_ELEMENTS (inks); k++)
    for (guint i = 0; i < n; i++)
      {
        double ratio = (luminance (colors[i].rgb) + 0.05) / (luminance (inks[k]) + 0.05);

        g_test_message ("%s on #%06X: %.2f:1", colors[i].id, inks[k], ratio);
        if (ratio < 4.5)
          g_error ("text on %s has a contrast of %.2f:1 (WCAG AA needs 4.5:1)", colors[i].id, ratio);
      }
}

static void
test_palette_lookup (void)
{
  guint n;
  const TfNoteColor *colors = tf_note_colors (&n);

  g_assert_cmpuint (n, ==, 8);
  g_assert_true (tf_note_color_default () == &colors[0]);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (tf_note_color_lookup (colors[i].id) == &colors[i]);
      g_assert_true (tf_note_color_lookup (colors[i].label) == &colors[i]);
      for (guint j = i + 1; j < n; j++)
        g_assert_cmpstr (colors[i].id, !=, colors[j].id);
    }
  g_assert_cmpstr (tf_note_color_lookup ("Jaune")->id, ==, "yellow");
  g_assert_cmpstr (tf_note_color_lookup ("VERT")->id, ==, "green");
  g_assert_cmpstr (tf_note_color_lookup ("bleu")->id, ==, "sky");
  g_assert_null (tf_note_color_lookup ("turquoise"));
  g_assert_null (tf_note_color_lookup (NULL));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/transfo/insights/palette/colour-maths", test_colour_maths);
  g_test_add_func ("/transfo/insights/palette/normal", test_palette_normal);
  g_test_add_func ("/transfo/insights/palette/protanopia", test_palette_protanopia);
  g_test_add_func ("/transfo/insights/palette/deuteranopia", test_palette_deuteranopia);
  g_test_add_func ("/transfo/insights/palette/tritanopia", test_palette_tritanopia);
  g_test_add_func ("/transfo/insights/palette/contrast", test_palette_contrast);
  g_test_add_func ("/transfo/insights/palette/lookup", test_palette_lookup);

  return g_test_run ();
}
