/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-export"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "core/tf-content.h"
#include "core/tf-board-type.h"
#include "core/tf-experiment.h"
#include "canvas/tf-text-fit.h"
#include "tf-export-private.h"
#include "tf-pdf-amend.h"

G_DEFINE_QUARK (tf-export-error-quark, tf_export_error)

/* What cairo writes is buffered: it writes a PDF in many small pieces. */
#define WRITE_BUFFER (256 * 1024)

static const struct {
  const char *id;
  double      width, height;   /* mm, portrait */
} papers[TF_N_PAPERS] = {
  [TF_PAPER_A4]     = { "A4",      210.0,  297.0 },
  [TF_PAPER_A3]     = { "A3",      297.0,  420.0 },
  [TF_PAPER_A2]     = { "A2",      420.0,  594.0 },
  [TF_PAPER_A1]     = { "A1",      594.0,  841.0 },
  [TF_PAPER_A0]     = { "A0",      841.0, 1189.0 },
  [TF_PAPER_LETTER] = { "Letter",  215.9,  279.4 },
};

void
tf_export_options_init (TfExportOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (TfExportOptions) {
    .paper = TF_PAPER_A4,
    .orientation = TF_ORIENTATION_AUTO,
    .margin_mm = 12.0,
    .scale = 0.0,
    .title_block = TRUE,
    .legend = TRUE,
    .board = 0,
    .overlap_mm = 10.0,
    .dpi = 150.0,
  };
}

void
tf_export_options_clear (TfExportOptions *options)
{
  g_clear_pointer (&options->starters, g_strfreev);
}

void
tf_export_options_copy (const TfExportOptions *options,
                        TfExportOptions       *copy)
{
  g_return_if_fail (options != NULL && copy != NULL);

  *copy = *options;
  copy->starters = g_strdupv (options->starters);
}

void
tf_paper_get_size_mm (TfPaper  paper,
                      double  *width,
                      double  *height)
{
  g_return_if_fail (paper < TF_N_PAPERS);

  *width = papers[paper].width;
  *height = papers[paper].height;
}

const char *
tf_paper_to_id (TfPaper paper)
{
  g_return_val_if_fail (paper < TF_N_PAPERS, NULL);
  return papers[paper].id;
}

gboolean
tf_paper_from_string (const char *str,
                      TfPaper    *paper)
{
  for (guint i = 0; i < TF_N_PAPERS; i++)
    if (g_ascii_strcasecmp (str, papers[i].id) == 0)
      {
        *paper = i;
        return TRUE;
      }
  return FALSE;
}

void
tf_export_page_size (TfPaper   paper,
                     gboolean  landscape,
                     double   *width_pt,
                     double   *height_pt)
{
  double w = papers[paper].width * TF_PT_PER_MM, h = papers[paper].height * TF_PT_PER_MM;

  *width_pt = landscape ? h : w;
  *height_pt = landscape ? w : h;
}

gboolean
tf_export_prefer_landscape (TfOrientation orientation,
                            double        width,
                            double        height)
{
  if (orientation == TF_ORIENTATION_PORTRAIT)
    return FALSE;
  if (orientation == TF_ORIENTATION_LANDSCAPE)
    return TRUE;
  /* Paper is √2 tall: a thing wider than it is tall fills more of it lying down. */
  return width > height;
}

/* The writer */

TfExportWriter *
tf_export_writer_new (const char            *path,
                      GCancellable          *cancellable,
                      TfExportProgressFunc   progress,
                      gpointer               progress_data,
                      GError               **error)
{
  TfExportPreviewSink *preview = tf_export_preview_sink ();
  TfExportWriter *self;
  TfAtomicFile *file = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* A preview draws its pages into images: no file. */
  if (preview == NULL && (file = tf_atomic_file_new (path, error)) == NULL)
    return NULL;

  self = g_new0 (TfExportWriter, 1);
  self->path = g_strdup (path);
  self->file = file;
  self->buffer = g_byte_array_sized_new (WRITE_BUFFER);
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->progress = progress;
  self->progress_data = progress_data;
  self->preview = preview;
  self->lang = g_strdup (tf_export_language ());
  self->alts = g_ptr_array_new_with_free_func (g_free);
  return self;
}

static void
set_write_error (TfExportWriter *self,
                 GError         *cause)
{
  g_autofree char *display = g_filename_display_name (self->path);

  if (self->write_error != NULL)
    return;
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->write_error = g_error_copy (cause);
  else
    /* Keeps the cause's code (G_IO_ERROR_NO_SPACE…) with a message that names the file. */
    self->write_error = g_error_new (cause->domain, cause->code, _("Could not write %s: %s"),
                                     display, cause->message);
}

static gboolean
flush_buffer (TfExportWriter *self)
{
  g_autoptr(GError) error = NULL;

  if (self->buffer->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (tf_atomic_file_get_stream (self->file), self->buffer->data,
                                  self->buffer->len, NULL, self->cancellable, &error))
    {
      set_write_error (self, error);
      return FALSE;
    }
  g_byte_array_set_size (self->buffer, 0);
  return TRUE;
}

cairo_status_t
tf_export_writer_write (void                *closure,
                        const unsigned char *data,
                        unsigned int         length)
{
  TfExportWriter *self = closure;

  if (self->preview != NULL)
    return CAIRO_STATUS_SUCCESS;
  if (self->write_error != NULL || self->file == NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (self->buffer->len + length > WRITE_BUFFER && !flush_buffer (self))
    return CAIRO_STATUS_WRITE_ERROR;
  g_byte_array_append (self->buffer, data, length);
  if (self->tail != NULL)
    g_byte_array_append (self->tail, data, length);
  self->offset += length;
  if (self->buffer->len >= WRITE_BUFFER && !flush_buffer (self))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *
tf_export_writer_pdf_surface (TfExportWriter *self,
                              double          width_pt,
                              double          height_pt)
{
  cairo_surface_t *surface;

  self->page_w = width_pt;
  self->page_h = height_pt;
  if (self->preview != NULL)
    {
      /* One image holds any page of the paper at the preview's scale; each
       * page is cut out of it when it ends. Points are the user units. */
      double scale = self->preview->scale;
      int side = (int) ceil (MAX (self->preview->side_pt, MAX (width_pt, height_pt)) * scale);
      cairo_t *cr;

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (side, 1), MAX (side, 1));
      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_destroy (cr);
      return surface;
    }
  surface = cairo_pdf_surface_create_for_stream (tf_export_writer_write, self, width_pt, height_pt);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Transfo " PACKAGE_VERSION);
  return surface;
}

static gboolean
check (TfExportWriter   *self,
       cairo_surface_t  *surface,
       GError          **error)
{
  cairo_status_t status;

  if (self->write_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->write_error));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  status = surface ? cairo_surface_status (surface) : CAIRO_STATUS_SUCCESS;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_FAILED,
                   _("Could not draw the document: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
tf_export_writer_step (TfExportWriter   *self,
                       cairo_surface_t  *surface,
                       double            fraction,
                       GError          **error)
{
  if (self->progress != NULL)
    self->progress (CLAMP (fraction, 0.0, 1.0), self->progress_data);
  return check (self, surface, error);
}

static void
writer_free (TfExportWriter *self)
{
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_pointer (&self->tail, g_byte_array_unref);
  g_clear_pointer (&self->alts, g_ptr_array_unref);
  g_free (self->lang);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->write_error);
  g_free (self->path);
  g_free (self);
}

void
tf_export_writer_set_page_size (TfExportWriter  *self,
                                cairo_surface_t *surface,
                                double           width_pt,
                                double           height_pt)
{
  self->page_w = width_pt;
  self->page_h = height_pt;
  if (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_PDF)
    cairo_pdf_surface_set_size (surface, width_pt, height_pt);
}

/* Hands the page drawn on @surface to the preview, then clears it. */
static void
preview_page (TfExportWriter  *self,
              cairo_surface_t *surface,
              cairo_t         *cr)
{
  TfExportPreviewSink *preview = self->preview;
  int side = cairo_image_surface_get_width (surface);
  int width = CLAMP ((int) ceil (self->page_w * preview->scale), 1, side);
  int height = CLAMP ((int) ceil (self->page_h * preview->scale), 1, side);
  cairo_surface_t *page = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  int from_stride = cairo_image_surface_get_stride (surface);
  int to_stride = cairo_image_surface_get_stride (page);
  const guchar *from;
  guchar *to;

  cairo_surface_flush (surface);
  cairo_surface_flush (page);
  from = cairo_image_surface_get_data (surface);
  to = cairo_image_surface_get_data (page);
  for (int y = 0; y < height; y++)
    memcpy (to + (gsize) y * to_stride, from + (gsize) y * from_stride, (gsize) width * 4);
  cairo_surface_mark_dirty (page);
  preview->func (self->n_pages, page, self->page_w, self->page_h, preview->user_data);
  cairo_surface_destroy (page);

  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_reset_clip (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_restore (cr);
}

gboolean
tf_export_writer_end_page (TfExportWriter   *self,
                           cairo_surface_t  *surface,
                           cairo_t          *cr,
                           double            fraction,
                           GError          **error)
{
  if (self->preview != NULL)
    {
      if (self->n_pages < self->preview->max_pages &&
          cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE &&
          cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        preview_page (self, surface, cr);
    }
  else
    cairo_show_page (cr);
  self->n_pages++;
  return tf_export_writer_step (self, surface, fraction, error);
}

/* Appends what cairo 1.16 cannot write: the language and the figures'
 * alternative texts. */
static gboolean
amend_pdf (TfExportWriter  *self,
           GError         **error)
{
  g_autoptr(GByteArray) tail = g_steal_pointer (&self->tail);
  g_autoptr(GBytes) update = NULL;
  g_autoptr(GError) local = NULL;
  gsize len = 0;
  const guint8 *data;

  update = tf_pdf_amend (tail->data, tail->len, self->tail_offset, self->lang, self->alts, &local);
  if (update == NULL)
    {
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_FAILED,
                   _("Could not draw the document: %s"), local->message);
      return FALSE;
    }
  data = g_bytes_get_data (update, &len);
  if (len > 0 && tf_export_writer_write (self, data, (unsigned int) len) != CAIRO_STATUS_SUCCESS)
    return check (self, NULL, error);
  return TRUE;
}

void
tf_export_writer_begin_figure (TfExportWriter *self,
                               cairo_t        *cr,
                               const char     *alt)
{
  g_ptr_array_add (self->alts, g_strdup (alt != NULL ? alt : ""));
  cairo_tag_begin (cr, "Figure", "");
}

void
tf_export_writer_end_figure (TfExportWriter *self,
                             cairo_t        *cr)
{
  g_return_if_fail (self != NULL);
  cairo_tag_end (cr, "Figure");
}

const char *
tf_export_language (void)
{
  /* TRANSLATORS: the language of this translation as a BCP 47 tag ("fr",
   * "de", "pt-BR"): the language the PDFs and SVGs Transfo writes are
   * marked with, for screen readers. */
  const char *tag = C_("language tag", "en");

  return tag;
}

void
tf_export_writer_abort (TfExportWriter  *self,
                        cairo_surface_t *surface)
{
  if (self == NULL)
    return;
  /* Whatever cairo still writes while finishing goes nowhere. */
  g_clear_pointer (&self->file, tf_atomic_file_abort);
  if (surface != NULL)
    cairo_surface_destroy (surface);
  writer_free (self);
}

gboolean
tf_export_writer_commit (TfExportWriter   *self,
                         cairo_surface_t  *surface,
                         guint            *n_pages,
                         GError          **error)
{
  guint pages = self->n_pages;

  if (!check (self, surface, error))
    goto fail;
  if (self->preview != NULL)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      if (n_pages != NULL)
        *n_pages = pages;
      writer_free (self);
      return TRUE;
    }
  if (surface != NULL)
    {
      gboolean pdf = cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_PDF;

      /* The fonts, the structure tree, the catalogue and the
       * cross-reference table are written now: kept to be amended. */
      if (pdf)
        {
          self->tail = g_byte_array_new ();
          self->tail_offset = self->offset;
        }
      cairo_surface_finish (surface);
      if (!check (self, surface, error))
        goto fail;
      cairo_surface_destroy (surface);
      surface = NULL;
      if (pdf && !amend_pdf (self, error))
        goto fail;
    }
  flush_buffer (self);
  if (!check (self, NULL, error))
    goto fail;
  if (!tf_atomic_file_commit (g_steal_pointer (&self->file), error))
    goto fail;

  if (self->progress != NULL)
    self->progress (1.0, self->progress_data);
  if (n_pages != NULL)
    *n_pages = pages;
  writer_free (self);
  return TRUE;

fail:
  tf_export_writer_abort (self, surface);
  return FALSE;
}

/* Boards */

gboolean
tf_export_get_board (TfExportSource  *source,
                     guint            index,
                     TfScene        **scene,
                     TfRect          *area,
                     GError         **error)
{
  TfRect extents;

  if (index >= tf_export_source_get_n_boards (source))
    {
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_INVALID,
                   _("The experiment has no board to print"));
      return FALSE;
    }
  *scene = tf_export_source_get_scene (source, index);
  extents = tf_scene_get_extents (*scene);
  if (tf_rect_is_empty (&extents))
    extents = TF_RECT_INIT (0, 0, 200, 200);
  *area = TF_RECT_INIT (extents.x - TF_EXPORT_BOARD_PAD, extents.y - TF_EXPORT_BOARD_PAD,
                        extents.width + 2 * TF_EXPORT_BOARD_PAD,
                        extents.height + 2 * TF_EXPORT_BOARD_PAD);
  return TRUE;
}

void
tf_export_draw_board (TfRenderer *renderer,
                      TfScene    *scene,
                      cairo_t    *cr,
                      double      board_x,
                      double      board_y,
                      double      zoom,
                      double      x,
                      double      y,
                      double      width,
                      double      height)
{
  TfExportPreviewSink *preview = tf_export_preview_sink ();
  TfViewport vp = { board_x, board_y, zoom, (int) ceil (width), (int) ceil (height) };

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  if (preview != NULL)
    {
      /* A preview draws in pixels, at the level of detail of their size. */
      vp = (TfViewport) { board_x, board_y, zoom * preview->scale, (int) ceil (width * preview->scale),
                          (int) ceil (height * preview->scale) };
      cairo_scale (cr, 1 / preview->scale, 1 / preview->scale);
      /* Like the page it shows: without editing marks. */
      tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_NO_BITMAPS | TF_RENDER_PAPER);
    }
  else
    tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_PRINT);
  cairo_restore (cr);
}

TfLegend *
tf_export_board_legend (TfExportSource *source,
                        guint           index)
{
  TfScene *scene = tf_export_source_get_scene (source, index);
  const TfBoardType *type = tf_board_type_lookup (tf_board_get_kind_id (tf_export_source_get_board (source, index)));
  TfLegend *legend;

  if (type == NULL || type->export_legend == NULL || !type->export_legend (scene))
    return NULL;
  legend = tf_legend_compute (scene);
  if (tf_legend_is_empty (legend))
    g_clear_pointer (&legend, tf_legend_free);
  return legend;
}

void
tf_export_draw_legend (cairo_t        *cr,
                       PangoContext   *context,
                       const TfLegend *legend,
                       double          x,
                       double          y,
                       double          scale)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  tf_legend_draw (legend, cr, context, NULL, 0, 0, TRUE);
  cairo_restore (cr);
}

/* Type */

PangoLayout *
tf_export_layout (PangoContext *context,
                  const char   *text,
                  double        size,
                  gboolean      bold,
                  double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, TF_BOARD_FONT_FAMILY);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) floor (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

PangoLayout *
tf_export_kicker (PangoContext *context,
                  const char   *text,
                  double        size)
{
  g_autofree char *upper = g_utf8_strup (text, -1);
  PangoLayout *layout = tf_export_layout (context, upper, size, TRUE, -1);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (0.12 * size * PANGO_SCALE)));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

void
tf_export_show (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y,
                guint32      rgb)
{
  tf_cairo_set_rgb (cr, rgb, 1.0);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

#define FOOTER_SIZE 7.0

void
tf_export_draw_footer (cairo_t      *cr,
                       PangoContext *context,
                       double        page_width,
                       double        margin,
                       double        baseline,
                       const char   *left,
                       const char   *right)
{
  g_autoptr(PangoLayout) r = tf_export_layout (context, right ? right : "", FOOTER_SIZE, FALSE, -1);
  g_autoptr(PangoLayout) l = NULL;
  PangoRectangle rl;
  double room;

  pango_layout_get_extents (r, NULL, &rl);
  room = page_width - 2 * margin - rl.width / (double) PANGO_SCALE - 6 * TF_PT_PER_MM;
  l = tf_export_layout (context, left ? left : "", FOOTER_SIZE, FALSE, MAX (room, 10.0));
  pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);

  tf_export_show (cr, l, margin, baseline - pango_layout_get_baseline (l) / (double) PANGO_SCALE,
                  TF_EXPORT_GREY_RGB);
  tf_export_show (cr, r, page_width - margin - rl.width / (double) PANGO_SCALE,
                  baseline - pango_layout_get_baseline (r) / (double) PANGO_SCALE, TF_EXPORT_GREY_RGB);
}

/* The month's name comes from the core's own table, in the language of the
 * export's words, not from the locale's LC_TIME (a French export from a
 * session whose LC_TIME is C said "5 December 2026" with %B). */
char *
tf_export_format_date (GDateTime *date)
{
  int month = g_date_time_get_month (date);
  int day = g_date_time_get_day_of_month (date);
  g_autofree char *number = g_strdup_printf ("%d", day);

  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  return g_strdup_printf (/* TRANSLATORS: a full date on printed pages: the day of the month, the month's
                           * name, the year ("5 December 2026"); reorder with %2$s %1$s, %3$d */
                          _("%s %s %d"),
                          /* TRANSLATORS: the first day of a month in a printed date ("1er" in French) */
                          day == 1 ? C_("day of a printed date", "1") : number,
                          tf_date_month_name (month),
                          g_date_time_get_year (date));
}

char *
tf_export_format_iso_date (const char *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  date = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return date ? tf_export_format_date (date) : NULL;
}

void
tf_export_set_metadata (cairo_surface_t *surface,
                        const char      *title,
                        const char      *author,
                        const char      *subject,
                        const char      *keywords)
{
  if (cairo_surface_get_type (surface) != CAIRO_SURFACE_TYPE_PDF)
    return;
  if (title != NULL && title[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (author != NULL && author[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  if (subject != NULL && subject[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  if (keywords != NULL && keywords[0] != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
}

/* Alternative text */

typedef struct {
  double      x, y;
  const char *text;
} PlacedText;

static int
compare_reading_order (const void *a,
                       const void *b)
{
  const PlacedText *p = a, *q = b;

  if (p->y != q->y)
    return p->y < q->y ? -1 : 1;
  return p->x < q->x ? -1 : p->x > q->x;
}

/* The texts of @scene's visible items and those its type draws, top to
 * bottom then left to right, joined. */
static char *
describe_texts (const TfBoardType *type,
                TfScene           *scene,
                const TfRect      *area)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (PlacedText));
  g_autoptr(GArray) texts = tf_board_text_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  TfRect all = TF_RECT_INIT (-G_MAXFLOAT / 4, -G_MAXFLOAT / 4, G_MAXFLOAT / 2, G_MAXFLOAT / 2);

  tf_scene_query (scene, area != NULL ? area : &all, items);
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      PlacedText p = { item->bounds.x, item->bounds.y, item->text };

      if (item->text != NULL && item->text[0] != '\0')
        g_array_append_val (placed, p);
    }
  if (type != NULL && type->list_texts != NULL)
    type->list_texts (scene, texts);
  for (guint i = 0; i < texts->len; i++)
    {
      const TfBoardText *text = &g_array_index (texts, TfBoardText, i);
      PlacedText p = { text->x, text->y, text->text };
      TfRect bounds = TF_RECT_INIT (text->x, text->y, text->width, text->height);

      if (area != NULL && !tf_rect_intersects (area, &bounds))
        continue;
      if (text->text != NULL && text->text[0] != '\0')
        g_array_append_val (placed, p);
    }
  g_array_sort (placed, compare_reading_order);
  for (guint i = 0; i < placed->len; i++)
    {
      g_autofree char *line = g_strdelimit (g_strdup (g_array_index (placed, PlacedText, i).text), "\n", ' ');

      if (i > 0)
        g_string_append (out, "; ");
      g_string_append (out, line);
    }
  if (placed->len > 0)
    g_string_append_c (out, '.');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
tf_export_board_alt (TfExportSource *source,
                     guint           index)
{
  TfBoard *board = tf_export_source_get_board (source, index);
  TfScene *scene = tf_export_source_get_scene (source, index);
  const TfBoardType *type = tf_board_type_lookup (tf_board_get_kind_id (board));
  g_autofree char *body = NULL;

  if (type != NULL && type->describe != NULL)
    body = type->describe (scene);
  else
    body = describe_texts (type, scene, NULL);
  /* TRANSLATORS: the start of a printed board's description for screen
   * readers: its kind ("Insight wall") and its name, then what it shows */
  return g_strdup_printf (_("%s “%s”. %s"), type != NULL ? tf_board_type_get_label (type) : _("Board"),
                          tf_board_get_name (board), body);
}

char *
tf_export_area_alt (TfExportSource *source,
                    guint           index,
                    const TfRect   *area)
{
  TfBoard *board = tf_export_source_get_board (source, index);
  TfScene *scene = tf_export_source_get_scene (source, index);
  const TfBoardType *type = tf_board_type_lookup (tf_board_get_kind_id (board));
  g_autofree char *body = describe_texts (type, scene, area);

  /* TRANSLATORS: a figure showing part of a board, for screen readers:
   * the board's name, then the texts in that part */
  return g_strdup_printf (_("Part of “%s”. %s"), tf_board_get_name (board), body);
}

/* The table of exporters */

static const TfExporter exporters[TF_N_EXPORT_KINDS] = {
  { TF_EXPORT_BOARD, "board", N_("Board on one page"), "pdf", TF_EXPORT_SCOPE_BOARD, tf_export_board_pdf },
  { TF_EXPORT_POSTER, "poster", N_("Wall poster"), "pdf", TF_EXPORT_SCOPE_BOARD, tf_export_poster_pdf },
  { TF_EXPORT_REPORT, "report", N_("Experiment report"), "pdf", TF_EXPORT_SCOPE_EXPERIMENT, tf_export_report_pdf },
  { TF_EXPORT_CARDS, "cards", N_("Insight cards"), "pdf", TF_EXPORT_SCOPE_BOARD, tf_export_cards_pdf },
  { TF_EXPORT_STARTERS, "starters", N_("Discussion cards"), "pdf", TF_EXPORT_SCOPE_NONE, tf_export_starters_pdf },
  { TF_EXPORT_PNG, "png", N_("PNG image"), "png", TF_EXPORT_SCOPE_BOARD, tf_export_board_png },
  { TF_EXPORT_SVG, "svg", N_("SVG drawing"), "svg", TF_EXPORT_SCOPE_BOARD, tf_export_board_svg },
};

const TfExporter *
tf_exporter_get (TfExportKind kind)
{
  g_return_val_if_fail (kind < TF_N_EXPORT_KINDS, NULL);
  return &exporters[kind];
}

char *
tf_export_suggest_name (TfExportKind  kind,
                        const char   *experiment_title,
                        const char   *board_name,
                        GDateTime    *date)
{
  g_autofree char *day = NULL;
  const char *what = NULL, *subject;
  char *name;

  g_return_val_if_fail (kind < TF_N_EXPORT_KINDS, NULL);

  if (experiment_title == NULL || experiment_title[0] == '\0')
    experiment_title = _("Experiment");
  if (board_name == NULL || board_name[0] == '\0')
    board_name = experiment_title;
  subject = exporters[kind].scope == TF_EXPORT_SCOPE_BOARD ? board_name : experiment_title;
  switch (kind)
    {
    case TF_EXPORT_BOARD:
      what = C_("file name", "one page");
      break;
    case TF_EXPORT_POSTER:
      what = C_("file name", "poster");
      break;
    case TF_EXPORT_REPORT:
      what = C_("file name", "report");
      break;
    case TF_EXPORT_CARDS:
      what = C_("file name", "cards");
      break;
    case TF_EXPORT_STARTERS:
      what = C_("file name", "discussion cards");
      break;
    case TF_EXPORT_PNG:
    case TF_EXPORT_SVG:
    case TF_N_EXPORT_KINDS:
    default:
      break;
    }
  day = date != NULL ? g_date_time_format (date, "%Y-%m-%d") : NULL;
  /* "Insight wall – poster – 2026-12-06.pdf" */
  name = g_strdup_printf ("%s%s%s%s%s.%s", subject, what ? " – " : "", what ? what : "", day ? " – " : "",
                          day ? day : "", exporters[kind].extension);
  /* A name, never a path: no separators, no control characters. */
  for (char *p = name; *p; p++)
    if (*p == '/' || *p == '\\' || (guchar) *p < 0x20)
      *p = '-';
  return name;
}

const TfExporter *
tf_exporter_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (exporters); i++)
    if (g_ascii_strcasecmp (exporters[i].id, id) == 0)
      return &exporters[i];
  return NULL;
}

const char *
tf_exporter_get_label (const TfExporter *exporter)
{
  return _(exporter->label);
}

gboolean
tf_exporter_applies_to (const TfExporter *exporter,
                        TfBoard          *board)
{
  const TfBoardType *type;

  if (exporter->scope != TF_EXPORT_SCOPE_BOARD)
    return TRUE;
  if (board == NULL)
    return FALSE;
  type = tf_board_type_lookup (tf_board_get_kind_id (board));
  return ((type != NULL ? type->export_kinds : TF_EXPORT_PLAIN_KINDS) & (1u << exporter->kind)) != 0;
}

static gboolean
check_board (TfExportSource  *source,
             guint            index,
             gint64          *board_id,
             gint64          *item_id,
             GError         **error)
{
  TfBoard *board = tf_export_source_get_board (source, index);
  const TfBoardType *type = board != NULL ? tf_board_type_lookup (tf_board_get_kind_id (board)) : NULL;

  if (type == NULL || type->export_check == NULL)
    return TRUE;
  if (type->export_check (board, tf_export_source_get_scene (source, index),
                          tf_export_source_get_assets (source), item_id, error))
    return TRUE;
  *board_id = tf_board_get_id (board);
  return FALSE;
}

gboolean
tf_export_check_boards (TfExportKind           kind,
                        TfExportSource        *source,
                        const TfExportOptions *options,
                        GError               **error)
{
  return tf_export_check_boards_at (kind, source, options, NULL, NULL, error);
}

gboolean
tf_export_check_boards_at (TfExportKind           kind,
                           TfExportSource        *source,
                           const TfExportOptions *options,
                           gint64                *board_id,
                           gint64                *item_id,
                           GError               **error)
{
  gint64 board_at = 0, item_at = 0;
  guint n;
  gboolean ok = TRUE;

  g_return_val_if_fail (kind < TF_N_EXPORT_KINDS, FALSE);
  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (source), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  n = tf_export_source_get_n_boards (source);
  switch (exporters[kind].scope)
    {
    case TF_EXPORT_SCOPE_BOARD:
      /* A board out of range is the exporter's own error to give. */
      ok = options->board >= n || check_board (source, options->board, &board_at, &item_at, error);
      break;
    case TF_EXPORT_SCOPE_EXPERIMENT:
      for (guint i = 0; i < n && ok; i++)
        ok = check_board (source, i, &board_at, &item_at, error);
      break;
    case TF_EXPORT_SCOPE_NONE:
    default:
      break;
    }
  if (board_id != NULL)
    *board_id = ok ? 0 : board_at;
  if (item_id != NULL)
    *item_id = ok ? 0 : item_at;
  return ok;
}

gboolean
tf_export_job_run (TfExportJob  *job,
                   GError      **error)
{
  g_return_val_if_fail (job != NULL && job->kind < TF_N_EXPORT_KINDS, FALSE);
  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (job->source), FALSE);
  g_return_val_if_fail (job->options != NULL && job->path != NULL, FALSE);

  job->n_pages = 0;
  if (!tf_export_check_boards (job->kind, job->source, job->options, error))
    return FALSE;
  return exporters[job->kind].run (job, error);
}

gboolean
tf_export_run (TfExportKind           kind,
               TfExportSource        *source,
               const TfExportOptions *options,
               const char            *path,
               GCancellable          *cancellable,
               TfExportProgressFunc   progress,
               gpointer               user_data,
               guint                 *n_pages,
               GError               **error)
{
  TfExportJob job = { kind, source, options, path, cancellable, progress, user_data, 0 };
  gboolean ok = tf_export_job_run (&job, error);

  if (ok && n_pages != NULL)
    *n_pages = job.n_pages;
  return ok;
}

/* A job of its own for the worker thread: the source referenced, the
 * options and the path copied. */
typedef struct {
  TfExportJob      job;
  TfExportOptions  options;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->job.source);
  g_clear_object (&job->job.cancellable);
  tf_export_options_clear (&job->options);
  g_free ((char *) job->job.path);
  g_free (job);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (tf_export_job_run (&job->job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
tf_export_job_run_async (const TfExportJob   *job,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *copy;

  g_return_if_fail (job != NULL && TF_IS_EXPORT_SOURCE (job->source));
  g_return_if_fail (job->options != NULL && job->path != NULL);

  copy = g_new0 (Job, 1);
  copy->job = *job;
  g_object_ref (copy->job.source);
  if (copy->job.cancellable != NULL)
    g_object_ref (copy->job.cancellable);
  tf_export_options_copy (job->options, &copy->options);
  copy->job.options = &copy->options;
  copy->job.path = g_strdup (job->path);

  task = g_task_new (NULL, job->cancellable, callback, user_data);
  g_task_set_source_tag (task, tf_export_run_async);
  g_task_set_task_data (task, copy, job_free);
  g_task_run_in_thread (task, run_in_thread);
}

void
tf_export_run_async (TfExportKind           kind,
                     TfExportSource        *source,
                     const TfExportOptions *options,
                     const char            *path,
                     GCancellable          *cancellable,
                     TfExportProgressFunc   progress,
                     gpointer               progress_data,
                     GAsyncReadyCallback    callback,
                     gpointer               user_data)
{
  TfExportJob job = { kind, source, options, path, cancellable, progress, progress_data, 0 };

  tf_export_job_run_async (&job, callback, user_data);
}

gboolean
tf_export_run_finish (GAsyncResult  *result,
                      guint         *n_pages,
                      GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (n_pages != NULL)
    *n_pages = job->job.n_pages;
  return TRUE;
}
