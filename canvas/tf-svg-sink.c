/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-svg-sink"

#include <math.h>
#include <string.h>

#include "tf-svg-sink.h"
#include "tf-text-fit.h"

struct _TfSvgSink
{
  GString    *body;
  GString    *defs;
  GHashTable *gradients;   /* "top-bottom" -> id */
};

TfSvgSink *
tf_svg_sink_new (void)
{
  TfSvgSink *self = g_new0 (TfSvgSink, 1);

  self->body = g_string_new (NULL);
  self->defs = g_string_new (NULL);
  self->gradients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
tf_svg_sink_free (TfSvgSink *self)
{
  if (self == NULL)
    return;
  g_string_free (self->body, TRUE);
  g_string_free (self->defs, TRUE);
  g_hash_table_unref (self->gradients);
  g_free (self);
}

GString *
tf_svg_sink_get_body (TfSvgSink *self)
{
  return self->body;
}

GString *
tf_svg_sink_get_defs (TfSvgSink *self)
{
  return self->defs;
}

void
tf_svg_append_number (GString *out,
                      double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  if (!isfinite (value))
    value = 0;
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  /* "12.50" reads "12.5", "12.00" "12". */
  end = buffer + strlen (buffer) - 1;
  while (end > buffer && *end == '0')
    *end-- = '\0';
  if (end > buffer && *end == '.')
    *end = '\0';
  g_string_append (out, strcmp (buffer, "-0") == 0 ? "0" : buffer);
}

void
tf_svg_append_color (GString *out,
                     guint32  rgb)
{
  g_string_append_printf (out, "#%06x", rgb & 0xffffff);
}

const char *
tf_svg_sink_gradient (TfSvgSink *self,
                      guint32    top,
                      guint32    bottom)
{
  g_autofree char *key = g_strdup_printf ("%06x-%06x", top & 0xffffff, bottom & 0xffffff);
  char *id = g_hash_table_lookup (self->gradients, key);

  if (id != NULL)
    return id;
  id = g_strdup_printf ("g%u", g_hash_table_size (self->gradients));
  g_string_append_printf (self->defs, "<linearGradient id=\"%s\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">"
                          "<stop offset=\"0\" stop-color=\"#%06x\"/><stop offset=\"1\" stop-color=\"#%06x\"/>"
                          "</linearGradient>\n", id, top & 0xffffff, bottom & 0xffffff);
  g_hash_table_insert (self->gradients, g_steal_pointer (&key), id);
  return id;
}

void
tf_svg_sink_layout (TfSvgSink   *self,
                    PangoLayout *layout,
                    double       x,
                    double       y,
                    guint32      rgb,
                    double       alpha)
{
  const PangoFontDescription *font = pango_layout_get_font_description (layout);
  const char *text = pango_layout_get_text (layout);
  PangoLayoutIter *iter;
  double size = 0;
  gboolean bold = FALSE;
  GString *out = self->body;

  if (font != NULL)
    {
      size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
      bold = pango_font_description_get_weight (font) >= PANGO_WEIGHT_BOLD;
    }
  if (size <= 0 || text == NULL || text[0] == '\0')
    return;

  g_string_append (out, "<text font-size=\"");
  tf_svg_append_number (out, size);
  g_string_append (out, "\"");
  if (bold)
    g_string_append (out, " font-weight=\"bold\"");
  g_string_append (out, " fill=\"");
  tf_svg_append_color (out, rgb);
  g_string_append (out, "\"");
  if (alpha < 1)
    {
      g_string_append (out, " fill-opacity=\"");
      tf_svg_append_number (out, alpha);
      g_string_append (out, "\"");
    }
  g_string_append (out, ">");

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      g_autofree char *escaped = NULL;
      int start = line->start_index, length = line->length;

      /* An ellipsized line shows what Pango shows: its runs' text is the
       * original, so it is cut by hand where the line ends. */
      while (length > 0 && (text[start + length - 1] == '\n' || text[start + length - 1] == ' '))
        length--;
      if (length <= 0)
        continue;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      escaped = g_markup_escape_text (text + start, length);
      g_string_append (out, "<tspan x=\"");
      tf_svg_append_number (out, x + logical.x / (double) PANGO_SCALE);
      g_string_append (out, "\" y=\"");
      tf_svg_append_number (out, y + pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE);
      g_string_append_printf (out, "\">%s</tspan>", escaped);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  g_string_append (out, "</text>\n");
}
