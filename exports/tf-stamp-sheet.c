/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-stamp-sheet"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "canvas/tf-text-fit.h"
#include "tf-export-private.h"
#include "tf-stamp-sheet.h"

#define PT_PER_CM  (72.0 / 2.54)
#define MARGIN     (1.0 * PT_PER_CM)
/* Around the pictogram in its cell, and the band for its name. */
#define CELL_PAD   (0.3 * PT_PER_CM)
#define NAME_BAND  (0.95 * PT_PER_CM)

typedef struct {
  double width;
  double height;
  guint  columns;
  guint  rows;
} Grid;

static gboolean
compute_grid (double  size_cm,
              Grid   *grid)
{
  double size = size_cm * PT_PER_CM;

  if (!(size_cm >= TF_STAMP_SHEET_MIN_CM && size_cm <= TF_STAMP_SHEET_MAX_CM))
    return FALSE;
  grid->width = size + 2 * CELL_PAD;
  grid->height = size + 2 * CELL_PAD + NAME_BAND;
  grid->columns = (guint) floor ((TF_A4_WIDTH_PT - 2 * MARGIN) / grid->width);
  grid->rows = (guint) floor ((TF_A4_HEIGHT_PT - 2 * MARGIN) / grid->height);
  return grid->columns > 0 && grid->rows > 0;
}

guint
tf_stamp_sheet_get_per_page (double size_cm)
{
  Grid grid;

  return compute_grid (size_cm, &grid) ? grid.columns * grid.rows : 0;
}

/* Dashed, light grey: visible enough to cut along, faint on the page. */
static void
cut_lines (cairo_t    *cr,
           const Grid *grid,
           double      x0,
           double      y0,
           guint       columns,
           guint       rows)
{
  static const double dash[] = { 3.0, 3.0 };

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.72, 0.72, 0.72);
  cairo_set_line_width (cr, 0.4);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  for (guint c = 0; c <= columns; c++)
    {
      cairo_move_to (cr, x0 + c * grid->width, y0);
      cairo_line_to (cr, x0 + c * grid->width, y0 + rows * grid->height);
    }
  for (guint r = 0; r <= rows; r++)
    {
      cairo_move_to (cr, x0, y0 + r * grid->height);
      cairo_line_to (cr, x0 + columns * grid->width, y0 + r * grid->height);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_cell (TfExportWriter *writer,
           cairo_t        *cr,
           PangoContext   *pango,
           TfStampLibrary *library,
           TfStamp        *stamp,
           const Grid     *grid,
           double          x,
           double          y,
           double          size)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoFontDescription *font = pango_font_description_from_string (TF_BOARD_FONT_FAMILY);
  PangoRectangle logical;
  double font_size = CLAMP (5.0 + size / PT_PER_CM * 1.0, 7.0, 11.0);

  /* Tagged: the pictogram a figure named after the stamp, then its name. */
  tf_export_writer_begin_figure (writer, cr, tf_stamp_get_name (stamp));
  tf_stamp_library_draw (library, tf_stamp_get_id (stamp), cr, x + CELL_PAD, y + CELL_PAD, size, TRUE);
  tf_export_writer_end_figure (writer, cr);

  pango_font_description_set_absolute_size (font, font_size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((grid->width - 4) * PANGO_SCALE));
  pango_layout_set_height (layout, -2);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, tf_stamp_get_name (stamp), -1);
  pango_layout_get_extents (layout, NULL, &logical);

  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_move_to (cr, x + 2, y + CELL_PAD + size + (NAME_BAND + CELL_PAD - logical.height / (double) PANGO_SCALE) / 2);
  cairo_tag_begin (cr, "P", "");
  pango_cairo_show_layout (cr, layout);
  cairo_tag_end (cr, "P");

  pango_font_description_free (font);
  g_object_unref (layout);
}

gboolean
tf_stamp_sheet_write (TfStampLibrary      *library,
                      const char * const  *ids,
                      double               size_cm,
                      const char          *path,
                      GError             **error)
{
  g_autoptr(GPtrArray) stamps = g_ptr_array_new_with_free_func (g_object_unref);
  TfExportWriter *writer;
  PangoContext *pango;
  cairo_surface_t *surface;
  cairo_t *cr;
  Grid grid;
  double size = size_cm * PT_PER_CM;
  double x0, y0;
  guint per_page;

  g_return_val_if_fail (TF_IS_STAMP_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!compute_grid (size_cm, &grid))
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_INVALID,
                   _("Stamps can be printed from %g to %g cm wide"),
                   TF_STAMP_SHEET_MIN_CM, TF_STAMP_SHEET_MAX_CM);
      return FALSE;
    }

  if (ids == NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (library)); i++)
        g_ptr_array_add (stamps, g_list_model_get_item (G_LIST_MODEL (library), i));
    }
  else
    for (guint i = 0; ids[i] != NULL; i++)
      {
        TfStamp *stamp = tf_stamp_library_lookup (library, ids[i]);

        if (stamp == NULL)
          {
            g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_NOT_FOUND,
                         _("There is no stamp “%s”; “transfo stamps list” shows them"), ids[i]);
            return FALSE;
          }
        g_ptr_array_add (stamps, stamp);
      }
  if (stamps->len == 0)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_INVALID, _("No stamp to print"));
      return FALSE;
    }

  writer = tf_export_writer_new (path, NULL, NULL, NULL, error);
  if (writer == NULL)
    return FALSE;
  surface = tf_export_writer_pdf_surface (writer, TF_A4_WIDTH_PT, TF_A4_HEIGHT_PT);
  tf_export_set_metadata (surface, _("Stamps to cut out"), NULL, NULL, NULL);
  cr = cairo_create (surface);
  pango = tf_text_context_new ();

  per_page = grid.columns * grid.rows;
  /* The grid is centred on the page. */
  x0 = (TF_A4_WIDTH_PT - grid.columns * grid.width) / 2;
  y0 = MARGIN;
  cairo_tag_begin (cr, "Document", "");
  for (guint first = 0; first < stamps->len; first += per_page)
    {
      guint on_page = MIN (per_page, stamps->len - first);
      guint rows = (on_page + grid.columns - 1) / grid.columns;

      cut_lines (cr, &grid, x0, y0, on_page < grid.columns ? on_page : grid.columns, rows);
      for (guint i = 0; i < on_page; i++)
        draw_cell (writer, cr, pango, library, g_ptr_array_index (stamps, first + i), &grid,
                   x0 + (i % grid.columns) * grid.width, y0 + (i / grid.columns) * grid.height, size);
      if (first + per_page >= stamps->len)
        cairo_tag_end (cr, "Document");
      if (!tf_export_writer_end_page (writer, surface, cr, (first + on_page) / (double) (stamps->len + 1), error))
        {
          g_object_unref (pango);
          cairo_destroy (cr);
          tf_export_writer_abort (writer, surface);
          return FALSE;
        }
    }

  g_object_unref (pango);
  cairo_destroy (cr);
  return tf_export_writer_commit (writer, surface, NULL, error);
}
