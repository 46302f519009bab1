/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-text-block"

#include <math.h>
#include <string.h>

#include "tf-svg-sink.h"
#include "tf-text-block.h"
#include "tf-text-fit.h"

#define REFERENCE_SIZE 100.0

typedef struct {
  gsize  offset;   /* bytes into the text */
  gsize  length;
  double width;    /* at REFERENCE_SIZE */
} Span;

struct _TfTextBlock
{
  char                 *text;
  cairo_font_face_t    *face;
  cairo_font_options_t *options;
  double                size;
  double                width;
  double                ascent;       /* at REFERENCE_SIZE */
  double                line_height;  /* at REFERENCE_SIZE */
  GArray               *lines;        /* Span */
};

/* The board font's cairo face, learnt once per context from Pango. */
typedef struct {
  cairo_font_face_t    *face;
  cairo_font_options_t *options;
  cairo_scaled_font_t  *reference;
  double                ascent, line_height, space;
} Face;

static void
face_free (gpointer data)
{
  Face *face = data;

  cairo_scaled_font_destroy (face->reference);
  cairo_font_face_destroy (face->face);
  cairo_font_options_destroy (face->options);
  g_free (face);
}

static cairo_scaled_font_t *
scaled_font (cairo_font_face_t          *face,
             const cairo_font_options_t *options,
             double                      size)
{
  cairo_matrix_t font_matrix, ctm;

  cairo_matrix_init_scale (&font_matrix, size, size);
  cairo_matrix_init_identity (&ctm);
  return cairo_scaled_font_create (face, &font_matrix, &ctm, options);
}

static Face *
get_face (PangoContext *context)
{
  Face *face = g_object_get_data (G_OBJECT (context), "tf-text-block-face");

  if (face == NULL)
    {
      PangoFontDescription *desc = pango_font_description_new ();
      PangoFont *font;
      cairo_scaled_font_t *pango_scaled;
      cairo_font_extents_t extents;
      cairo_text_extents_t space;
      g_autoptr(PangoLayout) probe = NULL;
      PangoRectangle logical;

      pango_font_description_set_family_static (desc, TF_BOARD_FONT_FAMILY);
      pango_font_description_set_weight (desc, PANGO_WEIGHT_MEDIUM);
      pango_font_description_set_absolute_size (desc, REFERENCE_SIZE * PANGO_SCALE);
      font = pango_context_load_font (context, desc);
      face = g_new0 (Face, 1);
      if (font != NULL && PANGO_IS_CAIRO_FONT (font) &&
          (pango_scaled = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font))) != NULL)
        {
          face->face = cairo_font_face_reference (cairo_scaled_font_get_font_face (pango_scaled));
          face->options = cairo_font_options_create ();
          cairo_scaled_font_get_font_options (pango_scaled, face->options);
          face->reference = scaled_font (face->face, face->options, REFERENCE_SIZE);
          cairo_scaled_font_extents (face->reference, &extents);
          cairo_scaled_font_text_extents (face->reference, " ", &space);
          face->ascent = extents.ascent;
          face->space = space.x_advance;
          /* The same line spacing Pango uses, so both paths agree. */
          probe = pango_layout_new (context);
          pango_layout_set_font_description (probe, desc);
          pango_layout_set_text (probe, "Hg\nHg", -1);
          pango_layout_get_extents (probe, NULL, &logical);
          face->line_height = logical.height / 2.0 / PANGO_SCALE;
        }
      g_clear_object (&font);
      pango_font_description_free (desc);
      g_object_set_data_full (G_OBJECT (context), "tf-text-block-face", face, face_free);
    }
  return face->reference != NULL ? face : NULL;
}

/* Plain text this path draws as Pango would: Latin or common characters,
 * no combining marks, no bidirectional text. */
static gboolean
is_plain (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script;

      if (c == '\n' || c == ' ')
        continue;
      if (c < 0x20 || c == 0x7f || g_unichar_ismark (c) || g_unichar_iszerowidth (c) ||
          g_unichar_isspace (c) || c > 0x24ff)
        return FALSE;
      script = g_unichar_get_script (c);
      if (script != G_UNICODE_SCRIPT_LATIN && script != G_UNICODE_SCRIPT_COMMON &&
          script != G_UNICODE_SCRIPT_INHERITED)
        return FALSE;
    }
  return TRUE;
}

/* The width of text[offset, offset + length) at the reference size; FALSE
 * when the font lacks one of its letters. */
static gboolean
measure (Face       *face,
         const char *text,
         gsize       length,
         double     *width)
{
  cairo_glyph_t *glyphs = NULL;
  int n_glyphs = 0;
  cairo_text_extents_t extents;
  gboolean ok = TRUE;

  if (length == 0)
    {
      *width = 0;
      return TRUE;
    }
  if (cairo_scaled_font_text_to_glyphs (face->reference, 0, 0, text, (int) length,
                                        &glyphs, &n_glyphs, NULL, NULL, NULL) != CAIRO_STATUS_SUCCESS)
    return FALSE;
  for (int i = 0; i < n_glyphs && ok; i++)
    ok = glyphs[i].index != 0;
  cairo_scaled_font_glyph_extents (face->reference, glyphs, n_glyphs, &extents);
  *width = extents.x_advance;
  cairo_glyph_free (glyphs);
  return ok;
}

typedef struct {
  gsize  offset, length;
  double width;
  gboolean newline_after;
} Word;

/* Greedy lines at @size; FALSE when a word is wider than the box. */
static gboolean
break_lines (GArray *words,
             double  space,
             double  size,
             double  width,
             GArray *lines)
{
  double scale = size / REFERENCE_SIZE;
  Span line = { 0, 0, 0 };
  gboolean open = FALSE;

  g_array_set_size (lines, 0);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *w = &g_array_index (words, Word, i);

      if (w->width * scale > width)
        return FALSE;
      if (open && (line.width + space + w->width) * scale > width)
        {
          g_array_append_val (lines, line);
          open = FALSE;
        }
      if (!open)
        {
          line.offset = w->offset;
          line.length = w->length;
          line.width = w->width;
          open = TRUE;
        }
      else
        {
          line.length = w->offset + w->length - line.offset;
          line.width += space + w->width;
        }
      if (w->newline_after)
        {
          g_array_append_val (lines, line);
          open = FALSE;
        }
    }
  if (open)
    g_array_append_val (lines, line);
  return TRUE;
}

typedef struct {
  GArray *words;
  GArray *lines;
  double  space, line_height, width, height;
} Layout;

/* Breaks the lines at @size into layout->lines; whether they fit the box. */
static gboolean
layout_fits (double   size,
             gpointer user_data)
{
  Layout *layout = user_data;

  return break_lines (layout->words, layout->space, size, layout->width, layout->lines) &&
         layout->lines->len * layout->line_height * size / REFERENCE_SIZE <= layout->height;
}

TfTextBlock *
tf_text_block_fit (PangoContext *context,
                   const char   *text,
                   double        width,
                   double        height,
                   double        max_size,
                   double        min_size)
{
  g_autoptr(GArray) words = NULL;
  g_autoptr(GArray) lines = NULL;
  TfTextBlock *block;
  Face *face;
  double size;

  if (text == NULL || text[0] == '\0' || !is_plain (text) || (face = get_face (context)) == NULL)
    return NULL;

  /* Words, split at spaces and line breaks, with their widths: "« On" and
   * "dit :" are one word each. */
  words = g_array_new (FALSE, FALSE, sizeof (Word));
  for (const char *p = text; *p;)
    {
      const char *start = p;
      Word word = { 0 };

      /* A space French typography binds stays inside the word. */
      while (*p && *p != '\n' && (*p != ' ' || (p > start && tf_text_space_binds (text, p))))
        p++;
      if (p > start)
        {
          word.offset = start - text;
          word.length = p - start;
          if (!measure (face, start, word.length, &word.width))
            return NULL;
          g_array_append_val (words, word);
        }
      if (*p == '\n')
        {
          if (words->len == 0 || (&g_array_index (words, Word, words->len - 1))->newline_after)
            return NULL;  /* blank lines: Pango's business */
          g_array_index (words, Word, words->len - 1).newline_after = TRUE;
        }
      if (*p)
        p++;
    }
  if (words->len == 0)
    return NULL;

  lines = g_array_new (FALSE, FALSE, sizeof (Span));
  {
    Layout layout = { words, lines, face->space, face->line_height, width, height };

    size = tf_text_largest_size (min_size, max_size, layout_fits, &layout);
    if (size < 0)
      return NULL;  /* cut with an ellipsis, or broken inside a word: Pango */
    /* Half units below the largest size, as tf_text_fit() uses: a few dozen
     * fonts serve a whole wall. The lines kept are those of the final size. */
    if (size < max_size)
      size = MAX (min_size, floor (size * 2.0) / 2.0);
    if (!layout_fits (size, &layout))
      return NULL;
  }

  block = g_new0 (TfTextBlock, 1);
  block->text = g_strdup (text);
  block->face = cairo_font_face_reference (face->face);
  block->options = cairo_font_options_copy (face->options);
  block->size = size;
  block->width = width;
  block->ascent = face->ascent;
  block->line_height = face->line_height;
  block->lines = g_steal_pointer (&lines);
  return block;
}

void
tf_text_block_free (TfTextBlock *block)
{
  if (block == NULL)
    return;
  g_array_unref (block->lines);
  cairo_font_face_destroy (block->face);
  cairo_font_options_destroy (block->options);
  g_free (block->text);
  g_free (block);
}

double
tf_text_block_get_height (const TfTextBlock *block)
{
  return block->lines->len * block->line_height * block->size / REFERENCE_SIZE;
}

double
tf_text_block_get_size (const TfTextBlock *block)
{
  return block->size;
}

void
tf_text_block_draw (const TfTextBlock *block,
                    cairo_t           *cr,
                    double             x,
                    double             y)
{
  double scale = block->size / REFERENCE_SIZE;
  cairo_scaled_font_t *font;
  cairo_matrix_t font_matrix, ctm;
  GArray *all_glyphs, *all_clusters;
  GString *utf8;

  cairo_save (cr);
  /* The scaled font must match the current transformation for cairo to
   * pick the right glyph cache; build it against the target's matrix. */
  cairo_set_font_face (cr, block->face);
  cairo_set_font_size (cr, block->size);
  cairo_set_font_options (cr, block->options);
  cairo_get_font_matrix (cr, &font_matrix);
  cairo_get_matrix (cr, &ctm);
  font = cairo_scaled_font_create (block->face, &font_matrix, &ctm, block->options);

  /* All the lines in one call: a PDF page records each call with its own
   * copy of the source and state, so a wall's export holds a third less. */
  all_glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  all_clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  utf8 = g_string_new (NULL);
  for (guint i = 0; i < block->lines->len; i++)
    {
      const Span *line = &g_array_index (block->lines, Span, i);
      double line_x = x + (block->width - line->width * scale) / 2;
      double baseline = y + (block->ascent + i * block->line_height) * scale;
      cairo_glyph_t *glyphs = NULL;
      cairo_text_cluster_t *clusters = NULL;
      cairo_text_cluster_flags_t flags = 0;
      int n_glyphs = 0, n_clusters = 0;

      if (cairo_scaled_font_text_to_glyphs (font, line_x, baseline, block->text + line->offset,
                                            (int) line->length, &glyphs, &n_glyphs,
                                            &clusters, &n_clusters, &flags) != CAIRO_STATUS_SUCCESS)
        continue;
      if (flags != 0)
        {
          /* Not left to right: this line on its own. */
          cairo_show_text_glyphs (cr, block->text + line->offset, (int) line->length,
                                  glyphs, n_glyphs, clusters, n_clusters, flags);
        }
      else
        {
          g_array_append_vals (all_glyphs, glyphs, n_glyphs);
          g_array_append_vals (all_clusters, clusters, n_clusters);
          g_string_append_len (utf8, block->text + line->offset, (gssize) line->length);
        }
      cairo_glyph_free (glyphs);
      cairo_text_cluster_free (clusters);
    }
  if (all_glyphs->len > 0)
    cairo_show_text_glyphs (cr, utf8->str, (int) utf8->len,
                            (const cairo_glyph_t *) (gpointer) all_glyphs->data, (int) all_glyphs->len,
                            (const cairo_text_cluster_t *) (gpointer) all_clusters->data, (int) all_clusters->len, 0);
  g_array_unref (all_glyphs);
  g_array_unref (all_clusters);
  g_string_free (utf8, TRUE);

  cairo_scaled_font_destroy (font);
  cairo_restore (cr);
}

void
tf_text_block_write_svg (const TfTextBlock *block,
                         GString           *out,
                         double             x,
                         double             y,
                         guint32            rgb)
{
  double scale = block->size / REFERENCE_SIZE;

  /* Centred as tf_text_block_draw() centres them: on the box's middle. */
  g_string_append (out, "<text text-anchor=\"middle\" font-size=\"");
  tf_svg_append_number (out, block->size);
  g_string_append (out, "\" fill=\"");
  tf_svg_append_color (out, rgb);
  g_string_append (out, "\">");
  for (guint i = 0; i < block->lines->len; i++)
    {
      const Span *line = &g_array_index (block->lines, Span, i);
      g_autofree char *escaped = g_markup_escape_text (block->text + line->offset, (gssize) line->length);

      g_string_append (out, "<tspan x=\"");
      tf_svg_append_number (out, x + block->width / 2);
      g_string_append (out, "\" y=\"");
      tf_svg_append_number (out, y + (block->ascent + i * block->line_height) * scale);
      g_string_append_printf (out, "\">%s</tspan>", escaped);
    }
  g_string_append (out, "</text>\n");
}
