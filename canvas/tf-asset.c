/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-asset"

#include <poppler.h>
#include <string.h>

typedef PopplerDocument TfPopplerDocument;
typedef PopplerPage     TfPopplerPage;

#include "tf-asset.h"

/* Poppler 22.12 defines no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfPopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfPopplerPage, g_object_unref)

/* Maps a @width × @height picture into @box, centred, aspect kept. */
static void
fit (cairo_t      *cr,
     const TfRect *box,
     double        width,
     double        height)
{
  double scale = MIN (box->width / width, box->height / height);

  cairo_translate (cr, box->x + (box->width - width * scale) / 2,
                   box->y + (box->height - height * scale) / 2);
  cairo_scale (cr, scale, scale);
}

typedef struct {
  const guint8 *data;
  gsize         size;
  gsize         offset;
} Reader;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *out,
            unsigned int   length)
{
  Reader *reader = closure;

  if (length > reader->size - reader->offset)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
tf_asset_draw_png (GBytes       *png,
                   cairo_t      *cr,
                   const TfRect *box)
{
  Reader reader = { 0 };
  cairo_surface_t *image;
  int width, height;

  g_return_val_if_fail (png != NULL && cr != NULL && box != NULL, FALSE);

  reader.data = g_bytes_get_data (png, &reader.size);
  image = cairo_image_surface_create_from_png_stream (read_bytes, &reader);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return FALSE;
    }
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  if (width <= 0 || height <= 0 || box->width <= 0 || box->height <= 0)
    {
      cairo_surface_destroy (image);
      return FALSE;
    }
  cairo_save (cr);
  fit (cr, box, width, height);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
  return TRUE;
}

static PopplerDocument *
open_pdf (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (pdf, NULL, &error);

  if (document == NULL)
    g_debug ("not a PDF: %s", error->message);
  return document;
}

int
tf_asset_pdf_n_pages (GBytes *pdf)
{
  g_autoptr(TfPopplerDocument) document = NULL;

  g_return_val_if_fail (pdf != NULL, 0);
  document = open_pdf (pdf);
  return document != NULL ? poppler_document_get_n_pages (document) : 0;
}

gboolean
tf_asset_draw_pdf_page (GBytes       *pdf,
                        int           page,
                        cairo_t      *cr,
                        const TfRect *box,
                        gboolean      print)
{
  g_autoptr(TfPopplerDocument) document = NULL;
  g_autoptr(TfPopplerPage) sheet = NULL;
  double width, height;

  g_return_val_if_fail (pdf != NULL && cr != NULL && box != NULL, FALSE);

  document = open_pdf (pdf);
  if (document == NULL || page < 0 || page >= poppler_document_get_n_pages (document))
    return FALSE;
  sheet = poppler_document_get_page (document, page);
  if (sheet == NULL)
    return FALSE;
  poppler_page_get_size (sheet, &width, &height);
  if (width <= 0 || height <= 0 || box->width <= 0 || box->height <= 0)
    return FALSE;

  cairo_save (cr);
  fit (cr, box, width, height);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  /* A page is paper: white under what it draws. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (print)
    poppler_page_render_for_printing (sheet, cr);
  else
    poppler_page_render (sheet, cr);
  cairo_restore (cr);
  return TRUE;
}

gboolean
tf_asset_draw (TfRenderContext *ctx,
               gint64           asset_id,
               cairo_t         *cr,
               const TfRect    *box)
{
  g_autofree char *mime = NULL;
  g_autoptr(GBytes) bytes = tf_render_context_load_asset (ctx, asset_id, &mime);

  if (bytes == NULL)
    return FALSE;
  if (g_str_equal (mime, "image/png"))
    return tf_asset_draw_png (bytes, cr, box);
  if (g_str_equal (mime, "application/pdf"))
    return tf_asset_draw_pdf_page (bytes, 0, cr, box, ctx->print);
  return FALSE;
}
