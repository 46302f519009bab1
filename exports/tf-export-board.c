/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-export-board"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "canvas/tf-svg-sink.h"
#include "core/tf-board-type.h"
#include "tf-export-private.h"

/* Between the board and its legend. */
#define LEGEND_GAP_MM 6.0
/* The widest a key column beside the board gets. */
#define KEY_MAX_WIDTH_MM 70.0
/* The title block needs this much of the bottom margin. */
#define FOOTER_MIN_MM 8.0
/* Posters: the margins hold crop marks and the assembly label. */
#define POSTER_MIN_MARGIN_MM 9.0
#define CROP_GAP_MM 2.0
#define CROP_LENGTH_MM 5.0
/* More sheets than this is not a poster any more. */
#define POSTER_MAX_SHEETS 1000

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return tf_export_format_date (now);
}

static char *
keywords_of (TfExperiment *experiment)
{
  return g_strjoinv (", ", (char **) tf_experiment_get_tags (experiment));
}

/* One board on one page */

typedef struct {
  double   page_w, page_h, margin, bottom, box_w, box_h;
  double   legend_w, legend_h, legend_scale;
  double   key_w, key_size;
  gboolean key_below;   /* under the board rather than at its right */
  double   key_h;       /* when below */
  double   zoom;        /* at which the board fits its box */
} BoardPage;

/* A key under a wide board: one column, as wide as its lines need up to
 * this, and no more than this share of the page's height. */
#define KEY_BELOW_MAX_WIDTH_MM 150.0
#define KEY_BELOW_MAX_SHARE    0.35

/* Where the board, its legend and its key go on a page lying down or
 * standing up. */
static gboolean
board_page_layout (const TfExportOptions  *options,
                   const TfRect           *area,
                   TfLegend               *legend,
                   GArray                 *key,
                   gboolean                landscape,
                   gboolean                key_below,
                   BoardPage              *page,
                   GError                **error)
{
  memset (page, 0, sizeof *page);
  page->key_below = key_below && key != NULL;
  page->legend_scale = 1;
  tf_export_page_size (options->paper, landscape, &page->page_w, &page->page_h);
  page->margin = MAX (0.0, options->margin_mm) * TF_PT_PER_MM;
  page->bottom = options->title_block ? MAX (page->margin, FOOTER_MIN_MM * TF_PT_PER_MM) : page->margin;
  page->box_w = page->page_w - 2 * page->margin;
  page->box_h = page->page_h - page->margin - page->bottom;
  if (page->box_w < 36 || page->box_h < 36)
    {
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_INVALID,
                   _("The margins leave no room on the page"));
      return FALSE;
    }

  if (legend != NULL)
    {
      g_autoptr(TfPangoContext) measure = tf_text_context_new ();
      double lw, lh;

      tf_legend_measure (legend, measure, NULL, &lw, &lh);
      page->legend_scale = MIN (0.75, MIN (0.28 * page->box_w / lw, page->box_h / lh));
      page->legend_w = lw * page->legend_scale;
      page->legend_h = lh * page->legend_scale;
      page->box_w -= page->legend_w + LEGEND_GAP_MM * TF_PT_PER_MM;
    }
  if (page->key_below)
    {
      g_autoptr(TfPangoContext) measure = tf_text_context_new ();
      double widest = MIN (page->box_w, KEY_BELOW_MAX_WIDTH_MM * TF_PT_PER_MM);

      page->key_w = MIN (widest, tf_export_key_width (measure, key, TF_EXPORT_KEY_SIZE_PT));
      page->key_size = tf_export_fit_key (measure, key, page->key_w, KEY_BELOW_MAX_SHARE * page->box_h);
      page->key_h = tf_export_draw_key (NULL, measure, key, 0, 0, page->key_w, page->key_size);
      page->box_h -= page->key_h + LEGEND_GAP_MM * TF_PT_PER_MM;
    }
  else if (key != NULL)
    {
      g_autoptr(TfPangoContext) measure = tf_text_context_new ();
      double widest = MIN (0.3 * page->box_w, KEY_MAX_WIDTH_MM * TF_PT_PER_MM);

      /* As wide as its lines need, up to a column: a short key leaves
       * the board the rest of the page. */
      page->key_w = MIN (widest, MAX (widest / 2, tf_export_key_width (measure, key, TF_EXPORT_KEY_SIZE_PT)));
      page->key_size = tf_export_fit_key (measure, key, page->key_w, page->box_h);
      page->box_w -= page->key_w + LEGEND_GAP_MM * TF_PT_PER_MM;
    }
  page->zoom = MIN (page->box_w / area->width, page->box_h / area->height);
  return TRUE;
}

/* A board printed as a grid of its figures (a mockup's photos): each
 * caption at 9 pt under its part, on two lines at most; a pair's two parts
 * side by side at one height. */
#define FIGURE_CAPTION_PT 9.0
#define FIGURE_GAP_MM     8.0
#define FIGURE_PAIR_GAP_MM 3.0

typedef struct {
  guint  first;
  guint  n;
  double units;   /* the parts' widths side by side at a height of 1 */
} FigureGroup;

static double
figure_caption_height (PangoContext *context)
{
  g_autoptr(PangoLayout) layout = tf_export_layout (context, "Ag\nAg", FIGURE_CAPTION_PT, FALSE, -1);
  PangoRectangle r;

  pango_layout_get_extents (layout, NULL, &r);
  return r.height / (double) PANGO_SCALE + 2 * TF_PT_PER_MM;
}

/* The groups of @figures (a pair is one) in @groups, and the number of
 * columns that prints them biggest in @width × @height points; returns
 * the area they print at then (the larger, the better), -1 for none. */
static double
figure_grid (GArray       *figures,
             double        caption_h,
             double        width,
             double        height,
             GArray       *groups,
             guint        *columns)
{
  double gap = FIGURE_GAP_MM * TF_PT_PER_MM, pair_gap = FIGURE_PAIR_GAP_MM * TF_PT_PER_MM;
  double best = -1;

  g_array_set_size (groups, 0);
  *columns = 1;
  for (guint i = 0; i < figures->len; i++)
    {
      const TfBoardFigure *figure = &g_array_index (figures, TfBoardFigure, i);

      if (!figure->with_previous || groups->len == 0)
        {
          FigureGroup group = { i, 0, 0 };

          g_array_append_val (groups, group);
        }
      g_array_index (groups, FigureGroup, groups->len - 1).n++;
      g_array_index (groups, FigureGroup, groups->len - 1).units += figure->width / figure->height;
    }
  for (guint c = 1; c <= groups->len; c++)
    {
      guint rows = (groups->len + c - 1) / c;
      double cell_w = (width - (c - 1) * gap) / c;
      double cell_h = (height - (rows - 1) * gap) / rows - caption_h;
      double total = 0;

      if (cell_w <= 0 || cell_h <= 0)
        continue;
      for (guint g = 0; g < groups->len; g++)
        {
          const FigureGroup *group = &g_array_index (groups, FigureGroup, g);
          double h = MIN (cell_h, (cell_w - (group->n - 1) * pair_gap) / group->units);

          total += h * h * group->units;
        }
      if (total > best * 1.001)
        {
          best = total;
          *columns = c;
        }
    }
  return best;
}

/* Draws the grid (@cr NULL: measures it); returns the height it takes. */
static double
draw_figures (TfRenderer   *renderer,
              TfScene      *scene,
              cairo_t      *cr,
              PangoContext *context,
              GArray       *figures,
              double        x,
              double        y,
              double        width,
              double        height)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (FigureGroup));
  double gap = FIGURE_GAP_MM * TF_PT_PER_MM, pair_gap = FIGURE_PAIR_GAP_MM * TF_PT_PER_MM;
  double caption_h = figure_caption_height (context);
  guint columns = 1;

  if (figure_grid (figures, caption_h, width, height, groups, &columns) <= 0)
    return 0;
  {
    guint rows = (groups->len + columns - 1) / columns;
    double cell_w = (width - (columns - 1) * gap) / columns;
    double cell_h = (height - (rows - 1) * gap) / rows - caption_h;

    double row_y = y, row_h = 0;

    for (guint g = 0; g < groups->len; g++)
      {
        const FigureGroup *group = &g_array_index (groups, FigureGroup, g);
        double h = MIN (cell_h, (cell_w - (group->n - 1) * pair_gap) / group->units);
        double drawn_w = h * group->units + (group->n - 1) * pair_gap;
        double px = x + (g % columns) * (cell_w + gap) + (cell_w - drawn_w) / 2;
        double py;

        /* Each row as high as its highest photo: no empty band under a
         * row of wide photos. */
        if (g % columns == 0 && g > 0)
          {
            row_y += row_h + caption_h + gap;
            row_h = 0;
          }
        for (guint k = g - g % columns; k < MIN (groups->len, g - g % columns + columns); k++)
          {
            const FigureGroup *other = &g_array_index (groups, FigureGroup, k);

            row_h = MAX (row_h, MIN (cell_h, (cell_w - (other->n - 1) * pair_gap) / other->units));
          }
        py = row_y;

        if (h <= 0 || cr == NULL)
          continue;
        for (guint k = 0; k < group->n; k++)
          {
            const TfBoardFigure *figure = &g_array_index (figures, TfBoardFigure, group->first + k);
            double zoom = h / figure->height, pw = figure->width * zoom;
            g_autoptr(PangoLayout) caption = NULL;

            tf_export_draw_board (renderer, scene, cr, figure->x, figure->y, zoom, px, py, pw, h);
            caption = tf_export_layout (context, figure->caption != NULL ? figure->caption : "", FIGURE_CAPTION_PT,
                                        FALSE, MAX (pw, 10.0));
            pango_layout_set_height (caption, -2);
            pango_layout_set_ellipsize (caption, PANGO_ELLIPSIZE_END);
            tf_export_show (cr, caption, px, py + h + 1 * TF_PT_PER_MM, TF_EXPORT_GREY_RGB);
            px += pw + pair_gap;
          }
      }
    return row_y + row_h + caption_h - y;
  }
}

gboolean
tf_export_board_pdf (TfExportJob  *job,
                     GError      **error)
{
  TfExportSource *source = job->source;
  const TfExportOptions *options = job->options;
  const char *path = job->path;
  GCancellable *cancellable = job->cancellable;
  TfExportProgressFunc progress = job->progress;
  gpointer user_data = job->progress_data;
  guint *n_pages = &job->n_pages;
  TfExperiment *experiment = tf_export_source_get_experiment (source);
  g_autoptr(TfRenderer) renderer = NULL;
  g_autoptr(TfPangoContext) pango = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *date = NULL;
  g_autofree char *alt = NULL;
  g_autoptr(TfLegend) legend = NULL;
  g_autoptr(GArray) key = NULL;
  g_autoptr(GArray) figures = NULL;
  TfExportWriter *writer;
  cairo_surface_t *surface;
  cairo_t *cr;
  TfScene *scene;
  TfBoard *board;
  TfRect area;
  double page_w = 0, page_h = 0, margin = 0, bottom = 0, box_w = 0, box_h = 0, zoom, board_x, board_y;
  double legend_w = 0, legend_h = 0, legend_scale = 1;
  double key_w = 0, key_size = 0, board_top, figures_h;
  gboolean key_below = FALSE;

  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (source), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  if (!tf_export_get_board (source, options->board, &scene, &area, error))
    return FALSE;
  board = tf_export_source_get_board (source, options->board);

  /* An actor map's legend takes a column at the right of the page, a
   * mockup's key of callouts too. */
  if (options->legend)
    {
      legend = tf_export_board_legend (source, options->board);
      key = tf_export_board_key_rows (source, options->board);
    }
  /* A mockup of several photos: a grid of them, at the size they were
   * not given on the board (a fixed scale prints the board as it is). */
  if (options->scale <= 0)
    figures = tf_export_board_figures (source, options->board);
  /* The orientation asked for; when free and the board has a key, the one
   * that prints the board bigger beside it (a photo with its key is not as
   * wide as the photo alone). */
  {
    gboolean chosen = tf_export_prefer_landscape (options->orientation, area.width, area.height);
    gboolean tried[2] = { chosen, !chosen };
    guint n_tries = options->orientation == TF_ORIENTATION_AUTO && key != NULL ? 4 : 2;
    double best = -1;

    for (guint t = 0; t < n_tries; t++)
      {
        /* A mockup's key at the right, or under a board wider than the
         * page (two photos side by side): whichever prints it bigger. */
        gboolean below = t % 2 == 1;
        BoardPage page;

        if (below && (key == NULL || legend != NULL || options->scale > 0))
          continue;
        if (!board_page_layout (options, &area, legend, key, tried[t / 2], below, &page, error))
          return FALSE;
        /* The other orientation only when it prints clearly bigger; a
         * grid of photos, when it prints them bigger. */
        if (figures != NULL)
          {
            g_autoptr(GArray) groups = g_array_new (FALSE, TRUE, sizeof (FigureGroup));
            g_autoptr(TfPangoContext) measure = tf_text_context_new ();
            guint columns;

            page.zoom = figure_grid (figures, figure_caption_height (measure), page.box_w, page.box_h, groups,
                                     &columns);
          }
        if (best < 0 || page.zoom > best * 1.02)
          {
            best = page.zoom;
            page_w = page.page_w;
            page_h = page.page_h;
            margin = page.margin;
            bottom = page.bottom;
            box_w = page.box_w;
            box_h = page.box_h;
            legend_w = page.legend_w;
            legend_h = page.legend_h;
            legend_scale = page.legend_scale;
            key_w = page.key_w;
            key_size = page.key_size;
            key_below = page.key_below;
          }
      }
  }

  if (options->scale > 0)
    {
      /* A fixed scale never clips: refuse what does not fit. */
      double need_w = (area.width - 2 * TF_EXPORT_BOARD_PAD) * options->scale * TF_PT_PER_UNIT_REAL;
      double need_h = (area.height - 2 * TF_EXPORT_BOARD_PAD) * options->scale * TF_PT_PER_UNIT_REAL;

      if (need_w > box_w + 0.5 || need_h > box_h + 0.5)
        {
          g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_INVALID,
                       _("At this scale the board needs %.0f × %.0f mm but the page holds %.0f × %.0f mm: "
                         "fit it to the page, choose bigger paper or print a poster"),
                       need_w / TF_PT_PER_MM, need_h / TF_PT_PER_MM, box_w / TF_PT_PER_MM, box_h / TF_PT_PER_MM);
          return FALSE;
        }
      zoom = options->scale * TF_PT_PER_UNIT_REAL;
    }
  else
    zoom = MIN (box_w / area.width, box_h / area.height);
  board_top = margin;
  figures_h = box_h;
  if (key_below)
    {
      /* The board and its key under it, together in the middle. */
      g_autoptr(TfPangoContext) measure = tf_text_context_new ();
      double drawn = figures != NULL ? draw_figures (NULL, scene, NULL, measure, figures, 0, 0, box_w, box_h)
                                     : MIN (box_h, area.height * zoom);

      board_top = margin + (box_h - drawn) / 2;
      box_h = drawn;
    }
  board_x = area.x + area.width / 2 - box_w / 2 / zoom;
  board_y = area.y + area.height / 2 - box_h / 2 / zoom;

  writer = tf_export_writer_new (path, cancellable, progress, user_data, error);
  if (writer == NULL)
    return FALSE;
  surface = tf_export_writer_pdf_surface (writer, page_w, page_h);
  keywords = keywords_of (experiment);
  tf_export_set_metadata (surface, tf_board_get_name (board),
                          tf_experiment_get_text (experiment, TF_FIELD_DEPARTMENT),
                          tf_experiment_get_title (experiment), keywords);

  renderer = tf_renderer_new ();
  tf_renderer_set_assets (renderer, tf_export_source_get_assets (source));
  pango = tf_text_context_new ();
  cr = cairo_create (surface);
  /* A tagged page: the board is one figure whose alternative text says
   * every quote (a reader may keep only some of a big wall's tiny
   * glyphs), then its legend and key, then the title block. */
  cairo_tag_begin (cr, "Document", "");
  alt = tf_export_board_alt (source, options->board);
  tf_export_writer_begin_figure (writer, cr, alt);
  if (figures != NULL)
    /* Laid out in the height it was measured in (the same grid). */
    draw_figures (renderer, scene, cr, pango, figures, margin, board_top, box_w, figures_h);
  else
    tf_export_draw_board (renderer, scene, cr, board_x, board_y, zoom, margin, board_top, box_w, box_h);
  tf_export_writer_end_figure (writer, cr);
  cairo_tag_begin (cr, "P", "");
  if (legend != NULL)
    tf_export_draw_legend (cr, pango, legend, page_w - margin - legend_w, margin + box_h - legend_h, legend_scale);
  if (key != NULL && key_below)
    /* Under the board, from the left of what it shows. */
    tf_export_draw_key (cr, pango, key,
                        figures != NULL ? margin
                                        : margin + MAX (0.0, (box_w - area.width * zoom) / 2 + TF_EXPORT_BOARD_PAD * zoom),
                        board_top + box_h + LEGEND_GAP_MM * TF_PT_PER_MM, key_w, key_size);
  else if (key != NULL)
    {
      /* Beside the legend when there is one too; level with the top of
       * the board as drawn, when the key fits from there. */
      double key_x = page_w - margin - key_w - (legend != NULL ? legend_w + LEGEND_GAP_MM * TF_PT_PER_MM : 0);
      double key_h = tf_export_draw_key (NULL, pango, key, 0, 0, key_w, key_size);
      double key_y = figures != NULL ? margin
                                     : margin + MAX (0.0, (box_h - area.height * zoom) / 2 + TF_EXPORT_BOARD_PAD * zoom);

      key_y = MAX (margin, MIN (key_y, margin + box_h - key_h));
      tf_export_draw_key (cr, pango, key, key_x, key_y, key_w, key_size);
    }
  cairo_tag_end (cr, "P");

  if (options->title_block)
    {
      g_autofree char *left = g_strdup_printf ("%s  ·  %s", tf_experiment_get_title (experiment),
                                               tf_board_get_name (board));
      /* TRANSLATORS: the end of a page's title block: the date of export, then the page */
      g_autofree char *right = NULL;

      date = today ();
      right = g_strdup_printf (_("%s  ·  page %u/%u"), date, 1, 1);
      cairo_tag_begin (cr, "P", "");
      tf_export_draw_footer (cr, pango, page_w, margin, page_h - bottom / 2 + 2.5, left, right);
      cairo_tag_end (cr, "P");
    }
  cairo_tag_end (cr, "Document");
  if (!tf_export_writer_end_page (writer, surface, cr, 0.5, error))
    {
      cairo_destroy (cr);
      tf_export_writer_abort (writer, surface);
      return FALSE;
    }
  cairo_destroy (cr);
  return tf_export_writer_commit (writer, surface, n_pages, error);
}

/* Wall posters */

typedef struct {
  gboolean landscape;
  double   page_w, page_h;
  double   image_w, image_h;   /* each sheet's printed area, pt */
  double   step_w, step_h;     /* from one sheet's image to the next one's */
  guint    columns, rows;
  double   zoom;               /* pt per board unit */
} PosterLayout;

static void
poster_layout (const TfExportOptions *options,
               const TfRect          *area,
               double                 margin,
               gboolean               landscape,
               PosterLayout          *layout)
{
  double overlap;

  layout->landscape = landscape;
  tf_export_page_size (options->paper, landscape, &layout->page_w, &layout->page_h);
  layout->image_w = layout->page_w - 2 * margin;
  layout->image_h = layout->page_h - 2 * margin;
  overlap = CLAMP (options->overlap_mm * TF_PT_PER_MM, 0.0, MIN (layout->image_w, layout->image_h) / 2);
  layout->step_w = layout->image_w - overlap;
  layout->step_h = layout->image_h - overlap;

  if (options->columns > 0 && options->rows > 0)
    {
      double total_w = options->columns * layout->step_w + overlap;
      double total_h = options->rows * layout->step_h + overlap;

      layout->columns = options->columns;
      layout->rows = options->rows;
      layout->zoom = MIN (total_w / area->width, total_h / area->height);
    }
  else
    {
      double scale = options->scale > 0 ? options->scale : 1.0;

      layout->zoom = scale * TF_PT_PER_UNIT_REAL;
      layout->columns = (guint) MAX (1.0, ceil ((area->width * layout->zoom - overlap) / layout->step_w - 1e-6));
      layout->rows = (guint) MAX (1.0, ceil ((area->height * layout->zoom - overlap) / layout->step_h - 1e-6));
    }
}

static void
draw_crop_marks (cairo_t *cr,
                 double   x,
                 double   y,
                 double   w,
                 double   h,
                 double   margin)
{
  double gap = CROP_GAP_MM * TF_PT_PER_MM;
  double len = MIN (CROP_LENGTH_MM * TF_PT_PER_MM, margin - gap - 1.0);
  const double corners[4][2] = { { x, y }, { x + w, y }, { x, y + h }, { x + w, y + h } };

  for (guint i = 0; i < 4; i++)
    {
      double cx = corners[i][0], cy = corners[i][1];
      double sx = cx == x ? -1 : 1, sy = cy == y ? -1 : 1;

      /* Along the image's edges, outward, never into the image. */
      cairo_move_to (cr, cx + sx * gap, cy);
      cairo_line_to (cr, cx + sx * (gap + len), cy);
      cairo_move_to (cr, cx, cy + sy * gap);
      cairo_line_to (cr, cx, cy + sy * (gap + len));
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_stroke (cr);
}

/* Where the neighbour's image begins: the line to lay its crop mark on. */
static void
draw_overlap_ticks (cairo_t            *cr,
                    const PosterLayout *l,
                    guint               column,
                    guint               row,
                    double              margin)
{
  double len = 3.0 * TF_PT_PER_MM, gap = CROP_GAP_MM * TF_PT_PER_MM;
  gboolean any = FALSE;

  if (column + 1 < l->columns)
    {
      double x = margin + l->step_w;

      cairo_move_to (cr, x, margin - gap);
      cairo_line_to (cr, x, margin - gap - len);
      cairo_move_to (cr, x, margin + l->image_h + gap);
      cairo_line_to (cr, x, margin + l->image_h + gap + len);
      any = TRUE;
    }
  if (row + 1 < l->rows)
    {
      double y = margin + l->step_h;

      cairo_move_to (cr, margin - gap, y);
      cairo_line_to (cr, margin - gap - len, y);
      cairo_move_to (cr, margin + l->image_w + gap, y);
      cairo_line_to (cr, margin + l->image_w + gap + len, y);
      any = TRUE;
    }
  if (!any)
    return;
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
  cairo_set_line_width (cr, 0.6);
  cairo_stroke (cr);
}

/* A small map of the grid with this sheet filled in, at the right end of
 * the label: assembling twenty sheets is easier with it. */
static double
draw_grid_map (cairo_t            *cr,
               const PosterLayout *l,
               guint               column,
               guint               row,
               double              right,
               double              middle,
               double              max_height)
{
  double cell = MIN (2.4 * TF_PT_PER_MM, MIN (max_height / l->rows, 40 * TF_PT_PER_MM / l->columns));
  double w = cell * l->columns, h = cell * l->rows;
  double x = right - w, y = middle - h / 2;

  if (cell < 0.8)
    return 0;
  for (guint r = 0; r < l->rows; r++)
    for (guint c = 0; c < l->columns; c++)
      cairo_rectangle (cr, x + c * cell + 0.2, y + r * cell + 0.2, cell - 0.4, cell - 0.4);
  tf_cairo_set_rgb (cr, TF_EXPORT_LIGHT_RGB, 1.0);
  cairo_fill (cr);
  cairo_rectangle (cr, x + column * cell + 0.2, y + row * cell + 0.2, cell - 0.4, cell - 0.4);
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
  cairo_fill (cr);
  return w;
}

/* @sheet (from 1) of the @n_printed sheets printed: blank ones are not. */
static void
draw_assembly_label (cairo_t            *cr,
                     PangoContext       *pango,
                     const PosterLayout *l,
                     guint               column,
                     guint               row,
                     guint               sheet,
                     guint               n_printed,
                     double              margin,
                     const char         *board_name)
{
  /* Clear of the crop marks at the corners. */
  double left = margin + (CROP_GAP_MM + CROP_LENGTH_MM + 3) * TF_PT_PER_MM;
  double right = l->page_w - left;
  double middle = l->page_h - margin / 2;
  double map_w = draw_grid_map (cr, l, column, row, right, middle, margin * 0.55);
  g_autofree char *where = NULL;
  g_autoptr(PangoLayout) label = NULL;
  g_autoptr(PangoLayout) name = NULL;
  PangoRectangle logical;
  double x = left;

  /* TRANSLATORS: the assembly label of one sheet of a wall poster */
  where = g_strdup_printf (_("Row %u / Column %u — sheet %u of %u"), row + 1, column + 1, sheet, n_printed);
  label = tf_export_layout (pango, where, 8.0, TRUE, -1);
  pango_layout_get_extents (label, NULL, &logical);
  tf_export_show (cr, label, x, middle + 3.0 - pango_layout_get_baseline (label) / (double) PANGO_SCALE,
                  TF_INK_RGB);
  x += logical.width / (double) PANGO_SCALE + 4 * TF_PT_PER_MM;

  name = tf_export_layout (pango, board_name, 8.0, FALSE, MAX (10.0, right - map_w - 4 * TF_PT_PER_MM - x));
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  tf_export_show (cr, name, x, middle + 3.0 - pango_layout_get_baseline (name) / (double) PANGO_SCALE,
                  TF_EXPORT_GREY_RGB);
}

gboolean
tf_export_poster_pdf (TfExportJob  *job,
                      GError      **error)
{
  TfExportSource *source = job->source;
  const TfExportOptions *options = job->options;
  const char *path = job->path;
  GCancellable *cancellable = job->cancellable;
  TfExportProgressFunc progress = job->progress;
  gpointer user_data = job->progress_data;
  guint *n_pages = &job->n_pages;
  TfExperiment *experiment = tf_export_source_get_experiment (source);
  g_autoptr(TfRenderer) renderer = NULL;
  g_autoptr(TfPangoContext) pango = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GArray) key = NULL;
  TfExportWriter *writer;
  cairo_surface_t *surface;
  PosterLayout layout;
  TfScene *scene;
  TfBoard *board;
  TfRect area;
  double margin, origin_x, origin_y;
  g_autofree gboolean *printed = NULL;
  guint total, n_printed = 0;

  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (source), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  if (options->paper != TF_PAPER_A4 && options->paper != TF_PAPER_A3)
    {
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_INVALID,
                   _("Posters are printed on A4 or A3 sheets"));
      return FALSE;
    }
  if (!tf_export_get_board (source, options->board, &scene, &area, error))
    return FALSE;
  board = tf_export_source_get_board (source, options->board);
  margin = MAX (options->margin_mm, POSTER_MIN_MARGIN_MM) * TF_PT_PER_MM;

  if (options->orientation == TF_ORIENTATION_AUTO)
    {
      PosterLayout portrait, landscape;

      poster_layout (options, &area, margin, FALSE, &portrait);
      poster_layout (options, &area, margin, TRUE, &landscape);
      /* A given grid: the orientation that prints the board bigger; a
       * given scale: the one that needs fewer sheets. */
      if (options->columns > 0 && options->rows > 0)
        layout = landscape.zoom > portrait.zoom * 1.001 ? landscape : portrait;
      else
        layout = landscape.columns * landscape.rows < portrait.columns * portrait.rows ? landscape : portrait;
    }
  else
    poster_layout (options, &area, margin, options->orientation == TF_ORIENTATION_LANDSCAPE, &layout);

  total = layout.columns * layout.rows;
  if ((guint64) layout.columns * layout.rows > POSTER_MAX_SHEETS)
    {
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_TOO_LARGE,
                   _("At this scale the poster needs %u × %u sheets; choose a smaller scale or a grid"),
                   layout.columns, layout.rows);
      return FALSE;
    }

  /* The board is centred on the assembled poster. */
  origin_x = area.x + area.width / 2 - (layout.columns * layout.step_w + (layout.image_w - layout.step_w)) / 2 / layout.zoom;
  origin_y = area.y + area.height / 2 - (layout.rows * layout.step_h + (layout.image_h - layout.step_h)) / 2 / layout.zoom;

  /* A sheet nothing prints on is left out (a board shaped like an L
   * leaves a corner of its grid blank); the labels count those printed. */
  printed = g_new0 (gboolean, total);
  {
    g_autoptr(GPtrArray) found = g_ptr_array_new ();

    for (guint row = 0; row < layout.rows; row++)
      for (guint column = 0; column < layout.columns; column++)
        {
          TfRect sheet = TF_RECT_INIT (origin_x + column * layout.step_w / layout.zoom,
                                       origin_y + row * layout.step_h / layout.zoom,
                                       layout.image_w / layout.zoom, layout.image_h / layout.zoom);

          g_ptr_array_set_size (found, 0);
          tf_scene_query (scene, &sheet, found);
          printed[row * layout.columns + column] = found->len > 0;
          n_printed += found->len > 0;
        }
    if (n_printed == 0)
      {
        printed[0] = TRUE;
        n_printed = 1;
      }
  }

  writer = tf_export_writer_new (path, cancellable, progress, user_data, error);
  if (writer == NULL)
    return FALSE;
  surface = tf_export_writer_pdf_surface (writer, layout.page_w, layout.page_h);
  keywords = keywords_of (experiment);
  /* TRANSLATORS: the title of a poster PDF; %s is the board's name */
  title = g_strdup_printf (_("%s — poster"), tf_board_get_name (board));
  tf_export_set_metadata (surface, title, tf_experiment_get_text (experiment, TF_FIELD_DEPARTMENT),
                          tf_experiment_get_title (experiment), keywords);
  renderer = tf_renderer_new ();
  tf_renderer_set_assets (renderer, tf_export_source_get_assets (source));
  pango = tf_text_context_new ();
  key = options->legend ? tf_export_board_key_rows (source, options->board) : NULL;

  for (guint row = 0; row < layout.rows; row++)
    for (guint column = 0; column < layout.columns; column++)
      {
        cairo_t *cr;
        g_autofree char *alt = NULL;

        if (!printed[row * layout.columns + column])
          continue;
        cr = cairo_create (surface);
        /* The first sheet's figure says the whole board; the others
         * where they go. */
        if (writer->n_pages == 0)
          {
            cairo_tag_begin (cr, "Document", "");
            alt = tf_export_board_alt (source, options->board);
          }
        else
          /* TRANSLATORS: a poster sheet's description for screen readers */
          alt = g_strdup_printf (_("Sheet %u of %u of the poster of “%s”: column %u, row %u"),
                                 writer->n_pages + 1, n_printed, tf_board_get_name (board), column + 1, row + 1);
        tf_export_writer_begin_figure (writer, cr, alt);
        tf_export_draw_board (renderer, scene, cr,
                              origin_x + column * layout.step_w / layout.zoom,
                              origin_y + row * layout.step_h / layout.zoom,
                              layout.zoom, margin, margin, layout.image_w, layout.image_h);
        tf_export_writer_end_figure (writer, cr);
        draw_crop_marks (cr, margin, margin, layout.image_w, layout.image_h, margin);
        draw_overlap_ticks (cr, &layout, column, row, margin);
        cairo_tag_begin (cr, "P", "");
        draw_assembly_label (cr, pango, &layout, column, row, writer->n_pages + 1, n_printed, margin,
                             tf_board_get_name (board));
        cairo_tag_end (cr, "P");
        if (key == NULL && writer->n_pages + 1 == n_printed)
          cairo_tag_end (cr, "Document");
        gboolean ok = tf_export_writer_end_page (writer, surface, cr,
                                                 (writer->n_pages + 1) / (double) (n_printed + 1), error);
        cairo_destroy (cr);
        if (!ok)
          {
            tf_export_writer_abort (writer, surface);
            return FALSE;
          }
      }

  /* A mockup's key of callouts: a sheet of its own, to hang beside the
   * poster, its text twice the size of a page's. */
  if (key != NULL)
    {
      cairo_t *cr = cairo_create (surface);
      g_autoptr(PangoLayout) heading = tf_export_layout (pango, tf_board_get_name (board), 14.0, TRUE,
                                                         layout.image_w);
      PangoRectangle logical;
      double top, size;
      gboolean ok;

      pango_layout_get_extents (heading, NULL, &logical);
      cairo_tag_begin (cr, "H1", "");
      tf_export_show (cr, heading, margin, margin, TF_INK_RGB);
      cairo_tag_end (cr, "H1");
      top = margin + logical.height / (double) PANGO_SCALE + 6 * TF_PT_PER_MM;
      size = tf_export_fit_key (pango, key, layout.image_w / 2, (layout.page_h - margin - top) / 2);
      cairo_save (cr);
      cairo_translate (cr, margin, top);
      cairo_scale (cr, 2, 2);
      cairo_tag_begin (cr, "P", "");
      tf_export_draw_key (cr, pango, key, 0, 0, layout.image_w / 2, size);
      cairo_tag_end (cr, "P");
      cairo_restore (cr);
      cairo_tag_end (cr, "Document");
      ok = tf_export_writer_end_page (writer, surface, cr, n_printed / (double) (n_printed + 1), error);
      cairo_destroy (cr);
      if (!ok)
        {
          tf_export_writer_abort (writer, surface);
          return FALSE;
        }
    }

  return tf_export_writer_commit (writer, surface, n_pages, error);
}

/* PNG */

/* A PNG's key column (a mockup's callouts), right of the board: its rows
 * in *@rows (NULL: none), their text size in points, the scale they are
 * drawn at, and the column's width with its gaps in pixels, for a board
 * @board_h pixels high. */
static double
png_key (TfExportSource        *source,
         const TfExportOptions *options,
         double                 board_h,
         GArray               **rows,
         double                *size,
         double                *scale_out)
{
  g_autoptr(TfPangoContext) measure = NULL;
  double px_per_pt = options->dpi / 72.0, scale;

  *rows = options->legend ? tf_export_board_key_rows (source, options->board) : NULL;
  if (*rows == NULL)
    return 0;
  measure = tf_text_context_new ();
  /* A PNG is the board at its real size: the key grows with it, a page's
   * key for a board 10 cm high (drawn scaled by *@scale_out). */
  scale = CLAMP (board_h / px_per_pt / (100 * TF_PT_PER_MM), 1.0, 6.0);
  *size = tf_export_fit_key (measure, *rows, KEY_MAX_WIDTH_MM * TF_PT_PER_MM,
                             MAX (board_h / px_per_pt / scale, 148 * TF_PT_PER_MM));
  *scale_out = scale;
  return ceil ((KEY_MAX_WIDTH_MM + 2 * LEGEND_GAP_MM) * TF_PT_PER_MM * px_per_pt * scale);
}

gboolean
tf_export_png_size (TfExportSource         *source,
                    const TfExportOptions  *options,
                    int                    *width,
                    int                    *height,
                    GError                **error)
{
  g_autoptr(GArray) key = NULL;
  TfScene *scene;
  TfRect area;
  double ppu, w, h, key_size, key_h, key_scale = 1;

  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (source), FALSE);

  if (options->dpi <= 0 || !isfinite (options->dpi))
    {
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_INVALID, _("The resolution must be positive"));
      return FALSE;
    }
  if (!tf_export_get_board (source, options->board, &scene, &area, error))
    return FALSE;
  ppu = options->dpi / 25.4 * TF_EXPORT_REAL_SIZE_MM_PER_UNIT;
  w = ceil (area.width * ppu);
  h = ceil (area.height * ppu);
  w += png_key (source, options, h, &key, &key_size, &key_scale);
  if (key != NULL)
    {
      g_autoptr(TfPangoContext) measure = tf_text_context_new ();

      /* The key's own height, when it is longer than the board. */
      key_h = tf_export_draw_key (NULL, measure, key, 0, 0, KEY_MAX_WIDTH_MM * TF_PT_PER_MM, key_size);
      h = MAX (h, ceil ((key_h + 2 * LEGEND_GAP_MM * TF_PT_PER_MM) * key_scale * options->dpi / 72.0));
    }
  if (w > TF_EXPORT_MAX_PIXELS || h > TF_EXPORT_MAX_PIXELS)
    {
      double max_dpi = floor (options->dpi * TF_EXPORT_MAX_PIXELS / MAX (w, h));

      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_TOO_LARGE,
                   _("At %.0f dpi the image would be %.0f × %.0f pixels, over the limit of %d a side: "
                     "choose %.0f dpi or less"),
                   options->dpi, w, h, TF_EXPORT_MAX_PIXELS, max_dpi);
      return FALSE;
    }
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

gboolean
tf_export_board_png (TfExportJob  *job,
                     GError      **error)
{
  TfExportSource *source = job->source;
  const TfExportOptions *options = job->options;
  const char *path = job->path;
  GCancellable *cancellable = job->cancellable;
  TfExportProgressFunc progress = job->progress;
  gpointer user_data = job->progress_data;
  guint *n_pages = &job->n_pages;
  g_autoptr(TfRenderer) renderer = NULL;
  g_autoptr(GArray) key = NULL;
  TfExportWriter *writer;
  cairo_surface_t *image;
  gboolean ok;
  cairo_t *cr;
  TfScene *scene;
  TfRect area;
  int width, height;
  double zoom, key_w, key_size = 0, key_scale = 1, board_w, board_h;

  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (source), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  if (!tf_export_png_size (source, options, &width, &height, error) ||
      !tf_export_get_board (source, options->board, &scene, &area, error))
    return FALSE;
  zoom = options->dpi / 25.4 * TF_EXPORT_REAL_SIZE_MM_PER_UNIT;
  board_w = ceil (area.width * zoom);
  board_h = ceil (area.height * zoom);
  key_w = png_key (source, options, board_h, &key, &key_size, &key_scale);

  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_TOO_LARGE,
                   _("Not enough memory for an image of %d × %d pixels"), width, height);
      cairo_surface_destroy (image);
      return FALSE;
    }
  writer = tf_export_writer_new (path, cancellable, progress, user_data, error);
  if (writer == NULL)
    {
      cairo_surface_destroy (image);
      return FALSE;
    }

  renderer = tf_renderer_new ();
  tf_renderer_set_assets (renderer, tf_export_source_get_assets (source));
  cr = cairo_create (image);
  tf_cairo_set_rgb (cr, TF_PAPER_RGB, 1.0);
  cairo_paint (cr);
  tf_export_draw_board (renderer, scene, cr, area.x, area.y, zoom, 0, 0, key != NULL ? board_w : width, height);
  if (key != NULL)
    {
      g_autoptr(TfPangoContext) pango = tf_text_context_new ();
      double px_per_pt = options->dpi / 72.0 * key_scale;

      cairo_save (cr);
      cairo_translate (cr, width - key_w, TF_EXPORT_BOARD_PAD * zoom);
      cairo_scale (cr, px_per_pt, px_per_pt);
      tf_export_draw_key (cr, pango, key, LEGEND_GAP_MM * TF_PT_PER_MM, LEGEND_GAP_MM * TF_PT_PER_MM,
                          KEY_MAX_WIDTH_MM * TF_PT_PER_MM, key_size);
      cairo_restore (cr);
    }
  cairo_destroy (cr);
  writer->n_pages = 1;

  if (!tf_export_writer_step (writer, image, 0.6, error))
    {
      tf_export_writer_abort (writer, NULL);
      cairo_surface_destroy (image);
      return FALSE;
    }
  ok = tf_export_write_png (writer, image, options->dpi, error);
  cairo_surface_destroy (image);
  if (!ok && writer->write_error == NULL)
    {
      tf_export_writer_abort (writer, NULL);
      return FALSE;
    }
  return tf_export_writer_commit (writer, NULL, n_pages, error);
}

/* SVG */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* cairo 1.16 writes glyphs as outlines: the words are not in the file. An
 * invisible text layer puts them back, so the SVG can be searched, its
 * quotes selected and read aloud, like a scanned page with its OCR text. */
static void
append_text (GString    *svg,
             const char *text,
             TfRect      bounds,
             double      board_x,
             double      board_y,
             double      zoom)
{
  g_autofree char *escaped = NULL;
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE], size[G_ASCII_DTOSTR_BUF_SIZE];
  double font = MAX (1.0, MIN (bounds.height * 0.1, 36.0) * zoom);

  if (text == NULL || text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    return;
  escaped = g_markup_escape_text (text, -1);
  g_ascii_formatd (x, sizeof x, "%.2f", (bounds.x - board_x) * zoom + 0.05 * bounds.width * zoom);
  g_ascii_formatd (y, sizeof y, "%.2f", (bounds.y - board_y) * zoom + 1.2 * font);
  g_ascii_formatd (size, sizeof size, "%.2f", font);
  g_string_append_printf (svg, "<text x=\"%s\" y=\"%s\" font-size=\"%s\">%s</text>\n", x, y, size, escaped);
}

static void
append_text_layer (GString           *svg,
                   const TfBoardType *type,
                   TfScene           *scene,
                   double             board_x,
                   double             board_y,
                   double             zoom)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  TfRect all = TF_RECT_INIT (-G_MAXFLOAT / 4, -G_MAXFLOAT / 4, G_MAXFLOAT / 2, G_MAXFLOAT / 2);

  tf_scene_query (scene, &all, items);
  g_string_append (svg, "<g id=\"transfo-text\" fill-opacity=\"0\" stroke=\"none\" font-family=\""
                   TF_BOARD_FONT_FAMILY "\">\n");
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);

      append_text (svg, item->text, item->bounds, board_x, board_y, zoom);
    }
  /* What the board draws besides its items' texts (a blueprint's titles). */
  if (type != NULL && type->list_texts != NULL)
    {
      g_autoptr(GArray) texts = tf_board_text_array_new ();

      type->list_texts (scene, texts);
      for (guint i = 0; i < texts->len; i++)
        {
          const TfBoardText *text = &g_array_index (texts, TfBoardText, i);

          append_text (svg, text->text, TF_RECT_INIT (text->x, text->y, text->width, text->height),
                       board_x, board_y, zoom);
        }
    }
  g_string_append (svg, "</g>\n");
}

/* The board written from its items (TfItemKind.write_svg) when every one
 * can: shapes, one gradient per colour, text as text, a few hundred
 * bytes a note where cairo's SVG surface writes a <use> per glyph and a
 * gradient per note (a 2,000-note wall: 24 MB). NULL when a kind cannot. */
static GString *
write_native_svg (TfRenderer   *renderer,
                  TfScene      *scene,
                  const TfRect *area,
                  double        zoom)
{
  g_autoptr(TfSvgSink) sink = tf_svg_sink_new ();
  GString *defs, *svg;
  double width = area->width * zoom, height = area->height * zoom;

  if (!tf_renderer_write_svg (renderer, scene, area, zoom, sink))
    return NULL;
  svg = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
  tf_svg_append_number (svg, width);
  g_string_append (svg, "pt\" height=\"");
  tf_svg_append_number (svg, height);
  g_string_append (svg, "pt\" viewBox=\"0 0 ");
  tf_svg_append_number (svg, width);
  g_string_append_c (svg, ' ');
  tf_svg_append_number (svg, height);
  /* The boards' font, "Sans": fontconfig's sans-serif. */
  g_string_append (svg, "\" version=\"1.1\" font-family=\"sans-serif\">\n");
  defs = tf_svg_sink_get_defs (sink);
  if (defs->len > 0)
    g_string_append_printf (svg, "<defs>\n%s</defs>\n", defs->str);
  /* Board units inside, points outside. */
  {
    char z[G_ASCII_DTOSTR_BUF_SIZE], tx[G_ASCII_DTOSTR_BUF_SIZE], ty[G_ASCII_DTOSTR_BUF_SIZE];

    /* Precise: 2,000 notes across, a rounded scale would drift. */
    g_ascii_formatd (z, sizeof z, "%.8g", zoom);
    g_ascii_formatd (tx, sizeof tx, "%.8g", -area->x * zoom);
    g_ascii_formatd (ty, sizeof ty, "%.8g", -area->y * zoom);
    g_string_append_printf (svg, "<g transform=\"matrix(%s 0 0 %s %s %s)\">\n", z, z, tx, ty);
  }
  g_string_append_len (svg, tf_svg_sink_get_body (sink)->str, tf_svg_sink_get_body (sink)->len);
  g_string_append (svg, "</g>\n</svg>\n");
  return svg;
}

/* What a screen reader says of the drawing, first in it: its title (the
 * board's name) and its description (every quote, in reading order), and
 * the language of its words. */
static void
describe_svg (GString        *svg,
              TfExportSource *source,
              guint           board)
{
  g_autofree char *title = g_markup_escape_text (tf_board_get_name (tf_export_source_get_board (source, board)), -1);
  g_autofree char *alt = tf_export_board_alt (source, board);
  g_autofree char *desc = g_markup_escape_text (alt, -1);
  g_autofree char *head = NULL;
  g_autofree char *lang = NULL;
  const char *open = strstr (svg->str, "<svg");
  const char *close = open != NULL ? strchr (open, '>') : NULL;

  if (close == NULL)
    return;
  head = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", title, desc);
  g_string_insert (svg, close + 1 - svg->str, head);
  lang = g_strdup_printf (" xml:lang=\"%s\"", tf_export_language ());
  g_string_insert (svg, open + strlen ("<svg") - svg->str, lang);
}

gboolean
tf_export_board_svg (TfExportJob  *job,
                     GError      **error)
{
  TfExportSource *source = job->source;
  const TfExportOptions *options = job->options;
  const char *path = job->path;
  GCancellable *cancellable = job->cancellable;
  TfExportProgressFunc progress = job->progress;
  gpointer user_data = job->progress_data;
  guint *n_pages = &job->n_pages;
  g_autoptr(TfRenderer) renderer = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GString) svg = NULL;
  g_autofree char *title = NULL;
  TfExportWriter *writer;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  TfScene *scene;
  TfRect area;
  double zoom, width, height;
  const char *end;

  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (source), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  if (!tf_export_get_board (source, options->board, &scene, &area, error))
    return FALSE;
  /* Real size by default: the SVG's points are the printed size. */
  zoom = (options->scale > 0 ? options->scale : 1.0) * TF_PT_PER_UNIT_REAL;
  width = area.width * zoom;
  height = area.height * zoom;

  writer = tf_export_writer_new (path, cancellable, progress, user_data, error);
  if (writer == NULL)
    return FALSE;

  renderer = tf_renderer_new ();
  tf_renderer_set_assets (renderer, tf_export_source_get_assets (source));
  svg = write_native_svg (renderer, scene, &area, zoom);
  if (svg != NULL)
    {
      if (!tf_export_writer_step (writer, NULL, 0.5, error))
        {
          tf_export_writer_abort (writer, NULL);
          return FALSE;
        }
      describe_svg (svg, source, options->board);
      writer->n_pages = 1;
      tf_export_writer_write (writer, (const unsigned char *) svg->str, svg->len);
      return tf_export_writer_commit (writer, NULL, n_pages, error);
    }

  /* A kind that cannot write itself as SVG: cairo draws the board. */
  surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
  cr = cairo_create (surface);
  tf_export_draw_board (renderer, scene, cr, area.x, area.y, zoom, 0, 0, width, height);
  cairo_destroy (cr);
  if (!tf_export_writer_step (writer, surface, 0.5, error))
    {
      cairo_surface_destroy (surface);
      tf_export_writer_abort (writer, NULL);
      return FALSE;
    }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_FAILED,
                   _("Could not draw the document: %s"), cairo_status_to_string (status));
      tf_export_writer_abort (writer, NULL);
      return FALSE;
    }

  svg = g_string_new_len ((const char *) bytes->data, bytes->len);
  end = g_strrstr (svg->str, "</svg>");
  if (end != NULL)
    {
      g_autoptr(GString) layer = g_string_new (NULL);

      append_text_layer (layer,
                         tf_board_type_lookup (tf_board_get_kind_id (tf_export_source_get_board (source, options->board))),
                         scene, area.x, area.y, zoom);
      g_string_insert_len (svg, end - svg->str, layer->str, layer->len);
    }
  describe_svg (svg, source, options->board);
  writer->n_pages = 1;
  tf_export_writer_write (writer, (const unsigned char *) svg->str, svg->len);
  return tf_export_writer_commit (writer, NULL, n_pages, error);
}
