/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-export-keys"

#include <math.h>
#include <string.h>

#include "core/tf-board-type.h"
#include "tf-export-private.h"

/* The key a board prints beside itself (TfBoardType.key_rows: a mockup's
 * callout numbers and their texts), drawn the way the board draws a
 * callout: a number in an accent disc, its text beside it. */

/* The size the key is printed at when it fits, and the smallest it is
 * shrunk to (still read at arm's length) before a long key runs off. */
#define KEY_SIZE_PT     TF_EXPORT_KEY_SIZE_PT
#define KEY_MIN_SIZE_PT 5.0

GArray *
tf_export_board_key_rows (TfExportSource *source,
                          guint           index)
{
  TfScene *scene = tf_export_source_get_scene (source, index);
  const TfBoardType *type = tf_board_type_lookup (tf_board_get_kind_id (tf_export_source_get_board (source, index)));
  GArray *rows;

  if (scene == NULL || type == NULL || type->key_rows == NULL)
    return NULL;
  rows = tf_board_key_row_array_new ();
  type->key_rows (scene, tf_export_source_get_assets (source), rows);
  if (rows->len == 0)
    g_clear_pointer (&rows, g_array_unref);
  return rows;
}

GArray *
tf_export_board_figures (TfExportSource *source,
                         guint           index)
{
  TfScene *scene = tf_export_source_get_scene (source, index);
  const TfBoardType *type = tf_board_type_lookup (tf_board_get_kind_id (tf_export_source_get_board (source, index)));
  GArray *figures;

  if (scene == NULL || type == NULL || type->print_figures == NULL)
    return NULL;
  figures = tf_board_figure_array_new ();
  type->print_figures (scene, tf_export_source_get_assets (source), figures);
  for (guint i = 0; i < figures->len; i++)
    {
      const TfBoardFigure *figure = &g_array_index (figures, TfBoardFigure, i);

      /* Nothing to draw: the board as it is laid out. */
      if (!(figure->width > 0 && figure->height > 0))
        g_array_set_size (figures, 0);
    }
  if (figures->len < 2)
    g_clear_pointer (&figures, g_array_unref);
  return figures;
}

double
tf_export_draw_key_row (cairo_t             *cr,
                        PangoContext        *context,
                        const TfBoardKeyRow *row,
                        gboolean             first,
                        double               x,
                        double               y,
                        double               width,
                        double               size)
{
  double disc = size * 1.9, gap = size * 0.7, top = y;
  g_autoptr(PangoLayout) text = NULL;
  PangoRectangle logical, line;
  double h, line_h, text_y, cy;

  if (row->key == NULL)
    {
      /* A heading: a little room above, unless it comes first. */
      if (!first)
        y += size * 0.8;
      text = tf_export_layout (context, row->text, size, TRUE, width);
      pango_layout_get_extents (text, NULL, &logical);
      if (cr != NULL)
        tf_export_show (cr, text, x, y, TF_INK_RGB);
      return y - top + logical.height / (double) PANGO_SCALE + size * 0.4;
    }

  text = tf_export_layout (context, row->text, size, FALSE, MAX (size, width - disc - gap));
  pango_layout_get_extents (text, NULL, &logical);
  pango_layout_line_get_extents (pango_layout_get_line_readonly (text, 0), NULL, &line);
  line_h = line.height / (double) PANGO_SCALE;
  /* The disc centred on the first line of its text. */
  text_y = y + MAX (0.0, (disc - line_h) / 2);
  cy = y + MAX (disc / 2, line_h / 2);
  h = MAX (disc, text_y - y + logical.height / (double) PANGO_SCALE);
  if (cr != NULL)
    {
      g_autoptr(PangoLayout) number = tf_export_layout (context, row->key,
                                                        size * (strlen (row->key) > 1 ? 0.85 : 1.0), TRUE, -1);
      PangoRectangle nl;

      cairo_new_path (cr);
      cairo_arc (cr, x + disc / 2, cy, disc / 2, 0, 2 * G_PI);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
      cairo_fill (cr);
      pango_layout_get_extents (number, NULL, &nl);
      tf_export_show (cr, number, x + disc / 2 - nl.width / 2.0 / PANGO_SCALE,
                      cy - nl.height / 2.0 / PANGO_SCALE, 0xFFFFFF);
      tf_export_show (cr, text, x + disc + gap, text_y, TF_INK_RGB);
    }
  return h + size * 0.5;
}

double
tf_export_draw_key (cairo_t      *cr,
                    PangoContext *context,
                    GArray       *rows,
                    double        x,
                    double        y,
                    double        width,
                    double        size)
{
  double top = y;

  for (guint i = 0; i < rows->len; i++)
    y += tf_export_draw_key_row (cr, context, &g_array_index (rows, TfBoardKeyRow, i), i == 0, x, y, width, size);
  return y - top;
}

double
tf_export_fit_key (PangoContext *context,
                   GArray       *rows,
                   double        width,
                   double        height)
{
  double size = KEY_SIZE_PT;

  /* Wrapping changes with the size: measure again at each step. */
  while (size > KEY_MIN_SIZE_PT && tf_export_draw_key (NULL, context, rows, 0, 0, width, size) > height)
    size = MAX (KEY_MIN_SIZE_PT, size * 0.9);
  return size;
}

double
tf_export_key_width (PangoContext *context,
                     GArray       *rows,
                     double        size)
{
  double disc = size * 1.9, gap = size * 0.7, width = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const TfBoardKeyRow *row = &g_array_index (rows, TfBoardKeyRow, i);
      g_autoptr(PangoLayout) text = tf_export_layout (context, row->text, size, row->key == NULL, -1);
      PangoRectangle logical;

      pango_layout_get_extents (text, NULL, &logical);
      width = MAX (width, logical.width / (double) PANGO_SCALE + (row->key != NULL ? disc + gap : 0));
    }
  return ceil (width) + 1;
}
