/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-text-fit"

#include <math.h>
#include <string.h>

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

/* French sets a space before » ! ? : ; and after «: a line never starts
 * with the mark nor ends with «, as a typesetter keeps them (Pango breaks
 * at any space; "« accueil" / "»" on a line of its own). The spaces next
 * to them allow no break. */
static gboolean
binds_to_previous (gunichar c)
{
  return c == 0x00BB || c == 0x203A || c == '!' || c == '?' || c == ':' || c == ';';
}

gboolean
tf_text_space_binds (const char *text,
                     const char *space)
{
  const char *next = g_utf8_next_char (space);
  gunichar before = space > text ? g_utf8_get_char (g_utf8_find_prev_char (text, space)) : 0;

  return before == 0x00AB || before == 0x2039 || (*next != '\0' && binds_to_previous (g_utf8_get_char (next)));
}

static void
keep_marks_with_words (PangoLayout *layout,
                       const char  *text)
{
  PangoAttrList *attrs = NULL;
  gunichar previous = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      gboolean space = c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009;
      gboolean bind = FALSE;

      if (space && (previous == 0x00AB || previous == 0x2039))
        bind = TRUE;      /* "« accueil": none after the opening mark */
      else if (space && *next != '\0' && binds_to_previous (g_utf8_get_char (next)))
        bind = TRUE;      /* "accueil »", "vite !": none before the closing one */
      if (bind)
        {
          /* No break before the space nor before the character after it. */
          PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

          attr->start_index = p - text;
          attr->end_index = (next - text) + (*next != '\0' ? g_utf8_next_char (next) - next : 0);
          if (attrs == NULL)
            attrs = pango_attr_list_new ();
          pango_attr_list_insert (attrs, attr);
        }
      previous = c;
    }
  if (attrs != NULL)
    {
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
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

  /* A width Pango units cannot hold (or not a number): no wrapping. */
  pango_layout_set_width (layout, width > 0 && width < G_MAXINT / PANGO_SCALE
                                  ? (int) floor (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  keep_marks_with_words (layout, text);
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
  if (logical.height > height * PANGO_SCALE || logical.width > width * PANGO_SCALE ||
      ink.x < -PANGO_SCALE || ink.x + ink.width > (width + 1) * PANGO_SCALE)
    return FALSE;
  /* Nor may a word be broken ("exempla-" / "ires", a hyphen Pango adds):
   * a smaller size keeps it whole, unless it is wider than the box. */
  if (pango_layout_get_line_count (layout) > 1)
    {
      const PangoLogAttr *attrs;
      const char *text = pango_layout_get_text (layout);
      GSList *lines = pango_layout_get_lines_readonly (layout);
      int n_attrs;

      attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
      for (GSList *l = lines != NULL ? lines->next : NULL; l != NULL; l = l->next)
        {
          const PangoLayoutLine *line = l->data;
          glong offset = g_utf8_pointer_to_offset (text, text + line->start_index);

          if (offset < n_attrs && !attrs[offset].is_line_break)
            return FALSE;
        }
    }
  return TRUE;
}

/* What a font's letters measure, at a reference size, learnt once per
 * context: a quote's lines can then be counted for any size without shaping
 * it, and only the size found is laid out for real. */
#define REFERENCE_SIZE 100.0

typedef struct {
  GHashTable *advances;     /* gunichar → double width at REFERENCE_SIZE */
  double      line_height;  /* at REFERENCE_SIZE */
} Metrics;

static void
metrics_free (gpointer data)
{
  Metrics *metrics = data;

  g_hash_table_unref (metrics->advances);
  g_free (metrics);
}

static Metrics *
get_metrics (PangoContext *context,
             gboolean      bold)
{
  const char *key = bold ? "tf-text-fit-bold" : "tf-text-fit";
  Metrics *metrics = g_object_get_data (G_OBJECT (context), key);

  if (metrics == NULL)
    {
      g_autoptr(PangoLayout) sample = layout_at (context, "Hg", -1, REFERENCE_SIZE, bold);
      PangoRectangle logical;

      metrics = g_new0 (Metrics, 1);
      metrics->advances = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      pango_layout_get_extents (sample, NULL, &logical);
      metrics->line_height = logical.height / (double) PANGO_SCALE;
      g_object_set_data_full (G_OBJECT (context), key, metrics, metrics_free);
    }
  return metrics;
}

static double
advance_of (PangoContext *context,
            Metrics      *metrics,
            gunichar      c,
            gboolean      bold)
{
  double *advance = g_hash_table_lookup (metrics->advances, GUINT_TO_POINTER (c));

  if (advance == NULL)
    {
      char utf8[8] = { 0 };
      g_autoptr(PangoLayout) letter = NULL;
      PangoRectangle logical;

      g_unichar_to_utf8 (c, utf8);
      letter = layout_at (context, utf8, -1, REFERENCE_SIZE, bold);
      pango_layout_get_extents (letter, NULL, &logical);
      advance = g_new (double, 1);
      *advance = logical.width / (double) PANGO_SCALE;
      g_hash_table_insert (metrics->advances, GUINT_TO_POINTER (c), advance);
    }
  return *advance;
}

/* Words (and forced line breaks) of a text with their widths at the
 * reference size: -1 marks a line break. */
static GArray *
measure_words (PangoContext *context,
               Metrics      *metrics,
               const char   *text,
               gboolean      bold,
               double       *space)
{
  GArray *words = g_array_new (FALSE, FALSE, sizeof (double));
  double word = 0;
  gboolean in_word = FALSE;

  *space = advance_of (context, metrics, ' ', bold);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '\n')
        {
          if (in_word)
            g_array_append_val (words, word);
          if (c == '\n')
            {
              double brk = -1;
              g_array_append_val (words, brk);
            }
          word = 0;
          in_word = FALSE;
          continue;
        }
      word += advance_of (context, metrics, c, bold);
      in_word = TRUE;
    }
  if (in_word)
    g_array_append_val (words, word);
  return words;
}

/* Whether the words, laid out greedily at @size, fit the box. */
static gboolean
predicted_fit (GArray  *words,
               double   space,
               double   line_height,
               double   size,
               double   width,
               double   height)
{
  double scale = size / REFERENCE_SIZE;
  double x = 0;
  guint lines = 1;

  for (guint i = 0; i < words->len; i++)
    {
      double w = g_array_index (words, double, i);

      if (w < 0)
        {
          lines++;
          x = 0;
          continue;
        }
      w *= scale;
      if (w > width)
        return FALSE;   /* a word is broken only when none fits whole */
      if (x > 0 && x + space * scale + w > width)
        {
          lines++;
          x = w;
        }
      else
        x += (x > 0 ? space * scale : 0) + w;
    }
  return lines * line_height * scale <= height;
}

double
tf_text_largest_size (double         min_size,
                      double         max_size,
                      TfTextFitsFunc fits_at,
                      gpointer       user_data)
{
  double lo = min_size, hi = max_size;

  if (fits_at (hi, user_data))
    return hi;
  if (!fits_at (lo, user_data))
    return -1;
  while (hi - lo > 0.25)
    {
      double mid = (lo + hi) / 2;

      if (fits_at (mid, user_data))
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

typedef struct {
  GArray *words;
  double  space, line_height, width, height;
} Prediction;

static gboolean
prediction_fits (double   size,
                 gpointer user_data)
{
  Prediction *p = user_data;

  return predicted_fit (p->words, p->space, p->line_height, size, p->width, p->height);
}

/* The largest size the prediction says fits; @min_size when none does. */
static double
predict_size (PangoContext *context,
              const char   *text,
              double        width,
              double        height,
              double        max_size,
              double        min_size,
              gboolean      bold)
{
  Metrics *metrics = get_metrics (context, bold);
  g_autoptr(GArray) words = NULL;
  Prediction prediction = { NULL, 0, metrics->line_height, width, height };
  double size;

  words = measure_words (context, metrics, text, bold, &prediction.space);
  prediction.words = words;
  size = tf_text_largest_size (min_size, max_size, prediction_fits, &prediction);
  return size < 0 ? min_size : size;
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
  g_autofree char *valid = NULL;
  PangoLayout *layout;
  double size;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (min_size > 0 && max_size >= min_size, NULL);

  /* Walking invalid UTF-8 letter by letter would read past its end. */
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  /* Shaping is what costs (every post-it of a printed wall goes through
   * here): predict the size from the letters' widths, then lay out once;
   * only when kerning or a break the prediction did not see makes it
   * overflow, step down and lay out again. */
  size = predict_size (context, text, width, height, max_size, min_size, bold);
  /* Whole half units: each size is a font Pango must find and keep, and a
   * few dozen of them serve a whole wall. */
  size = MAX (min_size, floor (size * 2.0) / 2.0);
  for (;;)
    {
      layout = layout_at (context, text, width, size, bold);
      if (fits (layout, width, height))
        break;
      if (size <= min_size)
        {
          /* Too long even at the smallest legible size: cut it. */
          pango_layout_set_height (layout, (int) floor (height * PANGO_SCALE));
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          break;
        }
      g_object_unref (layout);
      size = MAX (min_size, floor ((size - MAX (0.5, size * 0.04)) * 2.0) / 2.0);
    }

  if (size_out)
    *size_out = size;
  return layout;
}

double
tf_text_balance_width (PangoContext *context,
                       const char   *text,
                       double        width,
                       double        height,
                       double        max_size,
                       double        min_size,
                       gboolean      bold)
{
  PangoLayout *layout;
  double size, lo, hi;
  int lines;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), width);
  if (text == NULL || width <= 0)
    return width;
  layout = tf_text_fit (context, text, width, height, max_size, min_size, bold, &size);
  lines = pango_layout_get_line_count (layout);
  g_object_unref (layout);
  if (lines < 2 || strchr (text, '\n') != NULL)
    return width;

  /* The narrowest width that keeps the size and the number of lines: each
   * line then holds about as much as the others (the greedy wrap at
   * @width can leave one short word alone on the last). Lines as wide as
   * the text over their number at least. Each try is laid out as the
   * drawing will be, with its rules on where a line may break. */
  hi = width;
  lo = 0;
  while (hi - lo > MAX (1.0, width / 256))
    {
      double mid = (lo + hi) / 2, mid_size;
      int mid_lines;

      layout = tf_text_fit (context, text, mid, height, max_size, min_size, bold, &mid_size);
      mid_lines = pango_layout_get_line_count (layout);
      g_object_unref (layout);
      if (mid_lines == lines && mid_size == size)
        hi = mid;
      else
        lo = mid;
    }
  return hi;
}

double
tf_text_room_min (double own_min,
                  double max_size,
                  double room_min,
                  double step)
{
  if (room_min <= own_min)
    return own_min;
  if (step > 0)
    room_min = ceil (room_min / step) * step;
  return MAX (own_min, MIN (room_min, max_size));
}

PangoLayout *
tf_text_line (PangoContext *context,
              const char   *text,
              double        width,
              double        size,
              gboolean      bold)
{
  g_autofree char *valid = NULL;
  PangoLayout *layout;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  layout = layout_at (context, text, width, size, bold);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, 0); /* one line */
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  return layout;
}
