/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-export-cards"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "insights/tf-insight.h"
#include "core/tf-board-type.h"
#include "tf-export-private.h"

/* Sheets of cut-out cards: insights to hand around a table, and the
 * booklet's discussion starters. Cards touch, so one straight cut serves
 * two of them; the dashed lines run across the whole sheet for a guillotine.
 * With a back side, every sheet is followed by its back, laid out mirrored
 * left to right so each back lands behind its front when the printer turns
 * the sheet over on its long edge. */

#define CARD_W_MM   95.0
#define CARD_H_MM   65.0
#define MIN_SHEET_MARGIN_MM 8.0
#define CARD_PAD_MM 7.0
#define FOOT_MM     7.0

typedef struct {
  const char *text;
  const char *foot;       /* small, at the bottom: a source category, or the experiment */
  gint64      color;      /* the note's paper, or -1 */
} Card;

typedef struct {
  double page_w, page_h;
  double card_w, card_h;
  guint  columns, rows;
  double x0, y0;          /* top-left of the grid */
} Sheet;

static gboolean
sheet_layout (const TfExportOptions  *options,
              Sheet                  *sheet,
              GError                **error)
{
  double margin = MIN_SHEET_MARGIN_MM * TF_PT_PER_MM;

  tf_export_page_size (options->paper, options->orientation == TF_ORIENTATION_LANDSCAPE,
                       &sheet->page_w, &sheet->page_h);
  sheet->card_w = CARD_W_MM * TF_PT_PER_MM;
  sheet->card_h = CARD_H_MM * TF_PT_PER_MM;
  sheet->columns = (guint) floor ((sheet->page_w - 2 * margin) / sheet->card_w);
  sheet->rows = (guint) floor ((sheet->page_h - 2 * margin) / sheet->card_h);
  if (sheet->columns == 0 || sheet->rows == 0)
    {
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_INVALID,
                   _("Cards of 95 × 65 mm do not fit on this paper"));
      return FALSE;
    }
  sheet->x0 = (sheet->page_w - sheet->columns * sheet->card_w) / 2;
  sheet->y0 = (sheet->page_h - sheet->rows * sheet->card_h) / 2;
  return TRUE;
}

static void
draw_cut_lines (cairo_t     *cr,
                const Sheet *sheet,
                guint        rows_used)
{
  static const double dash[] = { 3.0, 2.5 };

  /* On a last, partly filled sheet, down to the last row only. */
  double bottom = MIN (sheet->page_h, 2 * sheet->y0 + rows_used * sheet->card_h);

  for (guint c = 0; c <= sheet->columns; c++)
    {
      double x = sheet->x0 + c * sheet->card_w;

      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, bottom);
    }
  for (guint r = 0; r <= rows_used; r++)
    {
      double y = sheet->y0 + r * sheet->card_h;

      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, sheet->page_w, y);
    }
  tf_cairo_set_rgb (cr, TF_EXPORT_LIGHT_RGB, 1.0);
  cairo_set_line_width (cr, 0.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Whether @text (after any spaces) opens with a quotation mark: « “ „ ‹ ‘ " '. */
static gboolean
starts_with_quotation_mark (const char *text)
{
  gunichar c;

  while (*text != '\0' && g_unichar_isspace (g_utf8_get_char (text)))
    text = g_utf8_next_char (text);
  c = g_utf8_get_char (text);
  return c == 0x00AB || c == 0x201C || c == 0x201E || c == 0x2039 || c == 0x2018 || c == 0x201A ||
         c == '"' || c == '\'' || c == 0x00BB || c == 0x201D;
}

static void
draw_front (cairo_t      *cr,
            PangoContext *pango,
            const Sheet  *sheet,
            double        x,
            double        y,
            const Card   *card,
            const char   *kicker)
{
  double pad = CARD_PAD_MM * TF_PT_PER_MM;
  double foot = FOOT_MM * TF_PT_PER_MM;
  /* Room at the top for the kicker, or for the quotation mark. */
  double top = (kicker ? 5.0 : 3.5) * TF_PT_PER_MM;
  double box_w = sheet->card_w - 2 * pad;
  double box_h = sheet->card_h - 2 * pad - foot - top;
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) small = NULL;
  PangoRectangle logical;

  if (kicker != NULL)
    {
      g_autoptr(PangoLayout) label = tf_export_kicker (pango, kicker, 6.5);

      tf_export_show (cr, label, x + pad, y + pad - 2, TF_ACCENT_RGB);
    }
  else if (!starts_with_quotation_mark (card->text))
    {
      /* The opening quotation mark, in the accent colour: an ornament
       * drawn as an outline, so it stays out of the quote's text; none
       * before a quote that opens with its own (“« On ne sait…»). */
      g_autoptr(PangoLayout) mark = tf_export_layout (pango, C_("opening quotation mark", "“"), 24.0, TRUE, -1);

      cairo_move_to (cr, x + pad - 2, y + pad * 0.3);
      pango_cairo_layout_path (cr, mark);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
      cairo_fill (cr);
    }

  /* As large as it fits, from a comfortable 20 pt down to 9 pt. */
  text = tf_text_fit (pango, card->text, box_w, box_h, 20.0, 9.0, FALSE, NULL);
  pango_layout_get_extents (text, NULL, &logical);
  tf_export_show (cr, text, x + pad, y + pad + top + (box_h - logical.height / (double) PANGO_SCALE) / 2,
                  TF_INK_RGB);

  if (card->foot != NULL && card->foot[0] != '\0')
    {
      small = tf_export_layout (pango, card->foot, 7.0, FALSE, box_w - 6 * TF_PT_PER_MM);
      pango_layout_set_ellipsize (small, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (small, 0);
      tf_export_show (cr, small, x + pad,
                      y + sheet->card_h - pad * 0.8 - pango_layout_get_baseline (small) / (double) PANGO_SCALE,
                      TF_EXPORT_GREY_RGB);
    }
  if (card->color >= 0)
    {
      /* The note's colour, to find it back on the wall. */
      double side = 3.2 * TF_PT_PER_MM;

      cairo_rectangle (cr, x + sheet->card_w - pad - side, y + sheet->card_h - pad * 0.8 - side + 1, side, side);
      tf_cairo_set_rgb (cr, (guint32) card->color, 1.0);
      cairo_fill_preserve (cr);
      tf_cairo_set_rgb (cr, TF_EXPORT_LIGHT_RGB, 1.0);
      cairo_set_line_width (cr, 0.4);
      cairo_stroke (cr);
    }
}

/* Three overlapping rings, the people around a table, above the title. */
static void
draw_back (cairo_t      *cr,
           PangoContext *pango,
           const Sheet  *sheet,
           double        x,
           double        y,
           const char   *title,
           const char   *kicker)
{
  double cx = x + sheet->card_w / 2, cy = y + sheet->card_h * 0.40;
  double r = 6.5 * TF_PT_PER_MM;
  g_autoptr(PangoLayout) name = NULL;
  double width = sheet->card_w - 2 * CARD_PAD_MM * TF_PT_PER_MM;

  for (int i = 0; i < 3; i++)
    {
      double angle = -G_PI / 2 + i * 2 * G_PI / 3;

      cairo_new_sub_path (cr);
      cairo_arc (cr, cx + 0.55 * r * cos (angle), cy + 0.55 * r * sin (angle), r, 0, 2 * G_PI);
    }
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  if (kicker != NULL)
    {
      g_autoptr(PangoLayout) label = tf_export_kicker (pango, kicker, 6.0);

      pango_layout_set_width (label, (int) (width * PANGO_SCALE));
      pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
      tf_export_show (cr, label, x + CARD_PAD_MM * TF_PT_PER_MM, cy + 1.7 * r, TF_ACCENT_RGB);
    }
  name = tf_export_layout (pango, title, 8.0, FALSE, width);
  pango_layout_set_alignment (name, PANGO_ALIGN_CENTER);
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (name, -2);
  tf_export_show (cr, name, x + CARD_PAD_MM * TF_PT_PER_MM, cy + 1.7 * r + (kicker ? 11 : 0),
                  TF_EXPORT_GREY_RGB);
}

static gboolean
write_cards (TfExportSource         *source,
             const TfExportOptions  *options,
             GArray                 *cards,
             const char             *kicker,
             const char             *doc_title,
             const char             *path,
             GCancellable           *cancellable,
             TfExportProgressFunc    progress,
             gpointer                user_data,
             guint                  *n_pages,
             GError                **error)
{
  TfExperiment *experiment = tf_export_source_get_experiment (source);
  g_autoptr(TfPangoContext) pango = NULL;
  g_autofree char *keywords = NULL;
  TfExportWriter *writer;
  cairo_surface_t *surface;
  Sheet sheet;
  guint per_sheet, n_sheets;

  if (!sheet_layout (options, &sheet, error))
    return FALSE;
  per_sheet = sheet.columns * sheet.rows;
  n_sheets = (cards->len + per_sheet - 1) / per_sheet;

  writer = tf_export_writer_new (path, cancellable, progress, user_data, error);
  if (writer == NULL)
    return FALSE;
  surface = tf_export_writer_pdf_surface (writer, sheet.page_w, sheet.page_h);
  keywords = g_strjoinv (", ", (char **) tf_experiment_get_tags (experiment));
  tf_export_set_metadata (surface, doc_title, tf_experiment_get_text (experiment, TF_FIELD_DEPARTMENT),
                          tf_experiment_get_title (experiment), keywords);
  pango = tf_text_context_new ();

  for (guint s = 0; s < n_sheets; s++)
    {
      guint first = s * per_sheet;
      guint count = MIN (per_sheet, cards->len - first);
      guint rows_used = (count + sheet.columns - 1) / sheet.columns;

      for (int side = 0; side < (options->back ? 2 : 1); side++)
        {
          cairo_t *cr = cairo_create (surface);
          gboolean last = s == n_sheets - 1 && side == (options->back ? 1 : 0);

          /* Tagged: each card a paragraph, in the order it is cut. */
          if (s == 0 && side == 0)
            cairo_tag_begin (cr, "Document", "");
          draw_cut_lines (cr, &sheet, rows_used);
          for (guint i = 0; i < count; i++)
            {
              double x = sheet.x0 + (i % sheet.columns) * sheet.card_w;
              double y = sheet.y0 + (i / sheet.columns) * sheet.card_h;

              cairo_tag_begin (cr, "P", "");
              if (side == 0)
                draw_front (cr, pango, &sheet, x, y, &g_array_index (cards, Card, first + i), kicker);
              else
                /* Mirrored: what is left on the front is right on the back. */
                draw_back (cr, pango, &sheet, sheet.page_w - x - sheet.card_w, y,
                           tf_experiment_get_title (experiment), kicker);
              cairo_tag_end (cr, "P");
            }
          if (last)
            cairo_tag_end (cr, "Document");
          gboolean ok = tf_export_writer_end_page (writer, surface, cr,
                                                   (writer->n_pages + 1) / (double) (n_sheets * (options->back ? 2 : 1) + 1),
                                                   error);

          cairo_destroy (cr);
          if (!ok)
            {
              tf_export_writer_abort (writer, surface);
              return FALSE;
            }
        }
    }
  return tf_export_writer_commit (writer, surface, n_pages, error);
}

gboolean
tf_export_cards_pdf (TfExportJob  *job,
                     GError      **error)
{
  TfExportSource *source = job->source;
  const TfExportOptions *options = job->options;
  const char *path = job->path;
  GCancellable *cancellable = job->cancellable;
  TfExportProgressFunc progress = job->progress;
  gpointer user_data = job->progress_data;
  guint *n_pages = &job->n_pages;
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (Card));
  g_autoptr(GPtrArray) insights = NULL;
  g_autofree char *title = NULL;
  const TfBoardType *type;
  TfScene *scene;
  TfRect area;

  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (source), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  if (!tf_export_get_board (source, options->board, &scene, &area, error))
    return FALSE;
  type = tf_board_type_lookup (tf_board_get_kind_id (tf_export_source_get_board (source, options->board)));
  if (type != NULL && type->list_quotes != NULL)
    insights = type->list_quotes (scene);
  if (insights == NULL || insights->len == 0)
    {
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_EMPTY,
                   _("“%s” has no insight to print"),
                   tf_board_get_name (tf_export_source_get_board (source, options->board)));
      return FALSE;
    }

  for (guint i = 0; i < insights->len; i++)
    {
      const TfItem *item = g_ptr_array_index (insights, i);
      g_auto(TfInsightFields) fields = { 0 };
      Card card;

      tf_insight_fields_init (&fields);
      tf_insight_fields_parse (&fields, item->payload);
      card.text = item->text;
      /* Who said it, as a category; never a name. */
      card.foot = fields.source != TF_SOURCE_UNKNOWN ? tf_source_get_label (fields.source) : NULL;
      card.color = item->kind && item->kind->lod_color ? item->kind->lod_color (item) : -1;
      g_array_append_val (cards, card);
    }

  /* TRANSLATORS: the title of a PDF of insight cards; %s is the board's name */
  title = g_strdup_printf (_("Insight cards — %s"),
                           tf_board_get_name (tf_export_source_get_board (source, options->board)));
  return write_cards (source, options, cards, NULL, title, path, cancellable, progress, user_data,
                      n_pages, error);
}

gboolean
tf_export_starters_pdf (TfExportJob  *job,
                        GError      **error)
{
  TfExportSource *source = job->source;
  const TfExportOptions *options = job->options;
  const char *path = job->path;
  GCancellable *cancellable = job->cancellable;
  TfExportProgressFunc progress = job->progress;
  gpointer user_data = job->progress_data;
  guint *n_pages = &job->n_pages;
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (Card));
  g_autoptr(GPtrArray) stripped = g_ptr_array_new_with_free_func (g_free);
  TfExperiment *experiment;

  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (source), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  experiment = tf_export_source_get_experiment (source);
  for (guint i = 0; options->starters != NULL && options->starters[i] != NULL; i++)
    {
      char *text = g_strstrip (g_strdup (options->starters[i]));

      if (text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
        {
          g_free (text);
          continue;
        }
      g_ptr_array_add (stripped, text);
    }
  if (stripped->len == 0)
    {
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_EMPTY, _("There is no discussion starter to print"));
      return FALSE;
    }
  for (guint i = 0; i < stripped->len; i++)
    {
      Card card = { g_ptr_array_index (stripped, i), tf_experiment_get_title (experiment), -1 };

      g_array_append_val (cards, card);
    }
  return write_cards (source, options, cards, _("Discussion card"), _("Discussion cards"), path,
                      cancellable, progress, user_data, n_pages, error);
}
