/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-text-fit"

#include <math.h>

#include "tf-text-fit.h"

PangoContext *
tf_text_context_new (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics must not snap to device pixels, or a layout made once would
   * wrap differently at each zoom level. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);

  return context;
}

static PangoLayout *
layout_at (PangoContext *context,
           const char   *text,
           double        width,
           double        size,
           gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, TF_BOARD_FONT_FAMILY);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_MEDIUM);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_width (layout, (int) floor (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static gboolean
fits (PangoLayout *layout,
      double       width,
      double       height)
{
  PangoRectangle ink, logical;

  pango_layout_get_extents (layout, &ink, &logical);
  /* Ink can stick out of the logical box (italic overhangs, long words
   * broken at characters): both must fit. */
  return logical.height <= height * PANGO_SCALE &&
         logical.width <= width * PANGO_SCALE &&
         ink.x >= -PANGO_SCALE && ink.x + ink.width <= (width + 1) * PANGO_SCALE;
}

/* The size at which @layout, made at @size, would just fill the box: the
 * height a text needs grows with the square of its size (lines get both
 * taller and shorter), its widest word linearly. */
static double
estimate_size (PangoLayout *layout,
               double       size,
               double       width,
               double       height)
{
  PangoRectangle logical;
  double h, w, guess;

  pango_layout_get_extents (layout, NULL, &logical);
  h = MAX (logical.height / (double) PANGO_SCALE, 1e-3);
  w = MAX (logical.width / (double) PANGO_SCALE, 1e-3);
  guess = size * sqrt (height / h);
  if (w > width)
    guess = MIN (guess, size * width / w);
  return guess;
}

PangoLayout *
tf_text_fit (PangoContext *context,
             const char   *text,
             double        width,
             double        height,
             double        max_size,
             double        min_size,
             gboolean      bold,
             double       *size_out)
{
  PangoLayout *layout, *best = NULL;
  double lo = min_size, hi = max_size, guess;
  gboolean hi_known = FALSE;   /* whether @hi was seen not to fit */

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (min_size > 0 && max_size >= min_size, NULL);

  /* A first guess from the text's length: a character takes about 0.8 size²
   * of area once words wrap, a little on the safe side so the first layout
   * usually fits. Short texts get the largest size at once. */
  guess = sqrt (width * height / (0.8 * MAX (1, g_utf8_strlen (text, -1))));
  if (guess >= hi)
    {
      layout = layout_at (context, text, width, hi, bold);
      if (fits (layout, width, height))
        goto done;
      guess = estimate_size (layout, hi, width, height);
      g_object_unref (layout);
      hi_known = TRUE;
    }

  /* The largest size that fits, to half a unit. Shaping the text is what
   * costs (every post-it of a printed wall goes through here), so each
   * probe aims where the last one says the answer is, rather than halving
   * the range: one to three layouts instead of eight. Invariant: @hi does
   * not fit once @hi_known; @best, when set, is the layout at @lo, which fits. */
  while (hi - lo > 0.5 || (!hi_known && best == NULL))
    {
      PangoLayout *probe;

      /* Just under the estimate, on a half-unit step, inside the range. */
      guess = lo + floor ((guess - lo) * 2.0) / 2.0;
      guess = CLAMP (guess, best ? lo + 0.5 : lo, hi_known ? hi - 0.5 : hi);
      probe = layout_at (context, text, width, guess, bold);
      if (fits (probe, width, height))
        {
          g_clear_object (&best);
          best = probe;
          lo = guess;
          guess = estimate_size (probe, guess, width, height);
          /* At the largest size, or within a tenth of the best size: done.
           * A note set a few percent small is fine; a layout more is not. */
          if (lo >= hi || guess < lo * 1.1)
            break;
        }
      else
        {
          hi = guess;
          hi_known = TRUE;
          guess = estimate_size (probe, guess, width, height);
          g_object_unref (probe);
        }
    }

  if (best != NULL)
    {
      layout = best;
      hi = lo;
      goto done;
    }

  /* Nothing above the smallest size fits. */
  layout = layout_at (context, text, width, lo, bold);
  hi = lo;
  if (!fits (layout, width, height))
    {
      /* Too long even at the smallest legible size: cut it. */
      pango_layout_set_height (layout, (int) floor (height * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

done:
  if (size_out)
    *size_out = hi;
  return layout;
}

PangoLayout *
tf_text_line (PangoContext *context,
              const char   *text,
              double        width,
              double        size,
              gboolean      bold)
{
  PangoLayout *layout = layout_at (context, text, width, size, bold);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, 0); /* one line */
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  return layout;
}
