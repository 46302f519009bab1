/* SPDX-License-Identifier: GPL-3.0-or-later */

/* transfo-svg-probe: reads an SVG on its standard input, loads it with
 * librsvg (from memory, no base file) and renders it at the sizes Transfo
 * uses. Run by Transfo under a deadline and resource limits: if librsvg
 * aborts or hangs here, only this process dies.
 *
 * Exit status: 0 drawn, 1 unreadable, 2 not drawable, 3 nothing visible,
 * 4 bad input. The first line on the standard error says why. */

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <stdio.h>
#include <unistd.h>

/* More than any pictogram the markup check lets through. */
#define PROBE_MAX_INPUT (1024 * 1024)

static const int sizes[] = { 48, 768 };

static gboolean
read_all (GByteArray *data)
{
  guint8 buffer[16384];

  for (;;)
    {
      ssize_t n = read (STDIN_FILENO, buffer, sizeof buffer);

      if (n == 0)
        return TRUE;
      if (n < 0)
        return FALSE;
      g_byte_array_append (data, buffer, (guint) n);
      if (data->len > PROBE_MAX_INPUT)
        return FALSE;
    }
}

static gboolean
visible (cairo_surface_t *surface)
{
  const guint8 *pixels = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (((const guint32 *) (pixels + y * stride))[x] >> 24 != 0)
        return TRUE;
  return FALSE;
}

int
main (void)
{
  GByteArray *data = g_byte_array_new ();
  GBytes *bytes = NULL;
  GInputStream *stream = NULL;
  GError *error = NULL;
  RsvgHandle *handle = NULL;
  int status = 0;

  if (!read_all (data))
    {
      fprintf (stderr, "cannot read the drawing\n");
      g_byte_array_unref (data);
      return 4;
    }
  bytes = g_byte_array_free_to_bytes (data);
  stream = g_memory_input_stream_new_from_bytes (bytes);
  handle = rsvg_handle_new_from_stream_sync (stream, NULL, RSVG_HANDLE_FLAGS_NONE, NULL, &error);
  if (handle == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      status = 1;
    }

  for (guint i = 0; status == 0 && i < G_N_ELEMENTS (sizes); i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sizes[i], sizes[i]);
      cairo_t *cr = cairo_create (surface);
      RsvgRectangle viewport = { 0, 0, sizes[i], sizes[i] };

      if (!rsvg_handle_render_document (handle, cr, &viewport, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          status = 2;
        }
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (status == 0 && i == 0 && !visible (surface))
        status = 3;
      cairo_surface_destroy (surface);
    }

  g_clear_error (&error);
  g_clear_object (&handle);
  g_object_unref (stream);
  g_bytes_unref (bytes);
  return status;
}
