/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The app's own colours read as WCAG 2 asks (4.5:1 for text, issue #16):
 * a note's quote and marks on each of the eight colours, the exports' text
 * on paper and white, the numbers on the room's vote dots, the window's
 * accent. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "canvas/tf-contrast.h"
#include "canvas/tf-renderer.h"
#include "exports/tf-export-private.h"
#include "insights/tf-insight.h"
#include "mockups/tf-mockup-items.h"
#include "room/tf-vote.h"

static void
assert_reads (guint32     text,
              guint32     background,
              const char *what)
{
  double ratio = tf_contrast_ratio (text, background);

  if (ratio < TF_CONTRAST_TEXT)
    g_error ("%s: #%06X on #%06X is %.2f:1, under %.1f:1", what, text, background, ratio,
             TF_CONTRAST_TEXT);
}

static void
test_ratio (void)
{
  g_assert_cmpfloat_with_epsilon (tf_contrast_ratio (0x000000, 0xFFFFFF), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tf_contrast_ratio (0xFFFFFF, 0x000000), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (tf_contrast_ratio (0x777777, 0x777777), 1.0, 1e-9);
  /* WCAG's own example: #767676 is the lightest grey that reads on white. */
  g_assert_cmpfloat (tf_contrast_ratio (0x767676, 0xFFFFFF), >=, 4.5);
  g_assert_cmpfloat (tf_contrast_ratio (0x777777, 0xFFFFFF), <, 4.5);
  g_assert_cmphex (tf_contrast_darken (0xFF8000, 0.5), ==, 0x7F4000);
  g_assert_cmphex (tf_contrast_text_on (0x000000), ==, 0xFFFFFF);
  g_assert_cmphex (tf_contrast_text_on (0xFFFFFF), ==, TF_INK_RGB);
}

/* The quote and the marks on each colour, on its plain paper and on its
 * shaded bands (the top band darkened 3.5 %, the bottom fading to 5 %). */
static void
test_notes (void)
{
  guint n_colors = 0;
  const TfNoteColor *colors = tf_note_colors (&n_colors);

  g_assert_cmpuint (n_colors, ==, 8);
  for (guint i = 0; i < n_colors; i++)
    {
      static const double shades[] = { 0.0, 0.035, 0.05 };

      for (guint s = 0; s < G_N_ELEMENTS (shades); s++)
        {
          guint32 paper = tf_contrast_darken (colors[i].rgb, shades[s]);
          g_autofree char *quote = g_strdup_printf ("a quote on %s", colors[i].id);
          g_autofree char *marks = g_strdup_printf ("votes and star on %s", colors[i].id);

          assert_reads (TF_INK_RGB, paper, quote);
          assert_reads (TF_NOTE_MARK_RGB, paper, marks);
        }
    }
  assert_reads (TF_INK_RGB, TF_MK_NOTE_RGB, "a mockup's post-it");
}

static void
test_exports (void)
{
  static const guint32 grounds[] = { TF_PAPER_RGB, 0xFFFFFF };

  for (guint i = 0; i < G_N_ELEMENTS (grounds); i++)
    {
      assert_reads (TF_INK_RGB, grounds[i], "the ink");
      assert_reads (TF_ACCENT_RGB, grounds[i], "the accent (headings)");
      assert_reads (TF_EXPORT_GREY_RGB, grounds[i], "the grey (secondary text)");
    }
}

static void
test_room (void)
{
  for (guint i = 0; i < TF_VOTE_MAX_COLOURS; i++)
    {
      guint32 dot = tf_vote_colour_rgb (i);
      g_autofree char *what = g_strdup_printf ("the number on vote dot %u", i + 1);

      assert_reads (tf_contrast_text_on (dot), dot, what);
    }
  /* The room's captions: white on 85 % of #1A1A1A over the brightest
   * board (white paper). */
  assert_reads (0xFFFFFF, 0x3C3C3C, "a caption over the board");
}

/* The colour @name defined in @css ("@define-color name #rrggbb;"). */
static guint32
css_color (const char *css,
           const char *name)
{
  g_autofree char *key = g_strdup_printf ("@define-color %s #", name);
  const char *at = strstr (css, key);

  g_assert_nonnull (at);
  return (guint32) strtoul (at + strlen (key), NULL, 16);
}

static void
test_window (void)
{
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  g_autofree char *light_path = g_test_build_filename (G_TEST_DIST, "..", "gui", "style.css", NULL);
  g_autofree char *dark_path = g_test_build_filename (G_TEST_DIST, "..", "gui", "style-dark.css", NULL);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (light_path, &light, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (dark_path, &dark, NULL, &error);
  g_assert_no_error (error);

  /* Suggested buttons, selected rows: the accent's text on its background. */
  assert_reads (css_color (light, "accent_fg_color"), css_color (light, "accent_bg_color"),
                "the accent's text on the accent");
  /* Links and accented labels on libadwaita's window (#fafafa, #242424). */
  assert_reads (css_color (light, "accent_color"), 0xFAFAFA, "the accent on the light window");
  assert_reads (css_color (light, "accent_color"), 0xFFFFFF, "the accent on a light card");
  assert_reads (css_color (dark, "accent_color"), 0x242424, "the accent on the dark window");
  assert_reads (css_color (dark, "accent_color"), 0x303030, "the accent on a dark card");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transfo/contrast/ratio", test_ratio);
  g_test_add_func ("/transfo/contrast/notes", test_notes);
  g_test_add_func ("/transfo/contrast/exports", test_exports);
  g_test_add_func ("/transfo/contrast/room", test_room);
  g_test_add_func ("/transfo/contrast/window", test_window);

  return g_test_run ();
}
