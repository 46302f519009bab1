/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-export"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <png.h>

#include "tf-export-private.h"

/* cairo writes a PNG with neither its resolution nor its colour space:
 * a board printed from it comes out at the wrong size, and colour-managed
 * viewers guess. This writes the image with libpng and says both. */

typedef struct {
  TfExportWriter *writer;
  const char     *message;   /* libpng's, when it failed */
} Sink;

static void
on_error (png_structp     png,
          png_const_charp message)
{
  Sink *sink = png_get_error_ptr (png);

  if (sink->message == NULL)
    sink->message = message;
  png_longjmp (png, 1);
}

static void
on_warning (png_structp     png,
            png_const_charp message)
{
  /* Warnings say nothing the file needs. */
}

static void
write_data (png_structp png,
            png_bytep   data,
            size_t      length)
{
  Sink *sink = png_get_io_ptr (png);

  /* cairo's write function takes at most 4 GiB at once. */
  while (length > 0)
    {
      unsigned int chunk = (unsigned int) MIN (length, (size_t) G_MAXUINT32);

      if (tf_export_writer_write (sink->writer, data, chunk) != CAIRO_STATUS_SUCCESS)
        png_error (png, "write failed");
      data += chunk;
      length -= chunk;
    }
}

static void
flush_data (png_structp png)
{
}

gboolean
tf_export_write_png (TfExportWriter  *writer,
                     cairo_surface_t *image,
                     double           dpi,
                     GError         **error)
{
  Sink sink = { writer, NULL };
  png_structp png;
  png_infop info = NULL;
  guchar *volatile row = NULL;
  int width, height, stride;
  const guchar *pixels;
  png_uint_32 per_metre;

  g_return_val_if_fail (cairo_image_surface_get_format (image) == CAIRO_FORMAT_RGB24, FALSE);

  cairo_surface_flush (image);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  pixels = cairo_image_surface_get_data (image);
  per_metre = (png_uint_32) CLAMP (lround (dpi / 0.0254), 1, G_MAXINT32);

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
  if (png != NULL)
    info = png_create_info_struct (png);
  if (png == NULL || info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_FAILED, _("Could not encode the image: %s"),
                   g_strerror (ENOMEM));
      return FALSE;
    }
  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      g_free (row);
      /* A write that failed has its own error in the writer. */
      if (writer->write_error == NULL)
        g_set_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_FAILED, _("Could not encode the image: %s"),
                     sink.message != NULL ? sink.message : "libpng");
      return FALSE;
    }

  png_set_write_fn (png, &sink, write_data, flush_data);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8, PNG_COLOR_TYPE_RGB,
                PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  /* The board's colours are sRGB; the resolution prints it at real size
   * times the export's scale. */
  png_set_sRGB (png, info, PNG_sRGB_INTENT_PERCEPTUAL);
  png_set_pHYs (png, info, per_metre, per_metre, PNG_RESOLUTION_METER);
  png_write_info (png, info);

  row = g_malloc ((gsize) width * 3);
  for (int y = 0; y < height; y++)
    {
      const guint32 *from = (const guint32 *) (pixels + (gsize) y * stride);

      for (int x = 0; x < width; x++)
        {
          row[3 * x] = (from[x] >> 16) & 0xff;
          row[3 * x + 1] = (from[x] >> 8) & 0xff;
          row[3 * x + 2] = from[x] & 0xff;
        }
      png_write_row (png, row);
    }
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  g_free (row);
  return TRUE;
}
