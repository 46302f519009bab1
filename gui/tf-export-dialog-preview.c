/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-export-dialog"

#include <glib/gstdio.h>
#include <poppler.h>

#include "tf-export-dialog-private.h"

/* The export dialog's preview, in a worker thread: the real export into a
 * temporary file, drawn back into textures (PDF pages through Poppler, a
 * bitmap for PNG and SVG), then the file goes. */

void
tf_export_preview_job_free (gpointer data)
{
  TfExportPreviewJob *job = data;

  g_object_unref (job->source);
  tf_export_options_clear (&job->options);
  g_free (job->path);
  g_free (job);
}

void
tf_export_preview_free (gpointer data)
{
  TfExportPreview *result = data;

  g_ptr_array_unref (result->textures);
  g_free (result);
}

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 in memory order. */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static GdkTexture *
render_page (PopplerPage *page,
             int          longest_px)
{
  double width, height, scale;
  cairo_surface_t *surface;
  GdkTexture *texture;
  cairo_t *cr;

  poppler_page_get_size (page, &width, &height);
  scale = longest_px / MAX (MAX (width, height), 1.0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (1, (int) (width * scale)),
                                        MAX (1, (int) (height * scale)));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  texture = texture_from_surface (surface);
  cairo_surface_destroy (surface);
  return texture;
}

void
tf_export_preview_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TfExportPreviewJob *job = task_data;
  g_autoptr(TfExportPreview) result = g_new0 (TfExportPreview, 1);
  GError *error = NULL;
  guint n_pages = 0;

  result->textures = g_ptr_array_new_with_free_func (g_object_unref);

  if (job->kind == TF_EXPORT_PNG || job->kind == TF_EXPORT_SVG)
    {
      int width = 0, height = 0;

      /* A bitmap of the same board at a screen's size: SVG and PNG draw the
       * same way, only the file differs. */
      if (!tf_export_png_size (job->source, &job->options, &width, &height, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      job->options.dpi *= PREVIEW_SINGLE_PX / (double) MAX (MAX (width, height), 1);
      if (!tf_export_run (TF_EXPORT_PNG, job->source, &job->options, job->path, cancellable,
                          NULL, NULL, &n_pages, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      {
        GdkTexture *texture = gdk_texture_new_from_filename (job->path, &error);

        g_remove (job->path);
        if (texture == NULL)
          {
            g_task_return_error (task, error);
            return;
          }
        result->width_pt = width;
        result->height_pt = height;
        result->n_pages = 1;
        g_ptr_array_add (result->textures, texture);
      }
      g_task_return_pointer (task, g_steal_pointer (&result), tf_export_preview_free);
      return;
    }

  if (!tf_export_run (job->kind, job->source, &job->options, job->path, cancellable,
                      NULL, NULL, &n_pages, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  {
    g_autofree char *uri = g_filename_to_uri (job->path, NULL, NULL);
    PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
    int n;

    /* Poppler has read the file whole: it can go now. */
    g_remove (job->path);
    if (document == NULL)
      {
        g_task_return_error (task, error);
        return;
      }
    n = poppler_document_get_n_pages (document);
    result->n_pages = (guint) n;
    for (int i = 0; i < MIN (n, PREVIEW_MAX_PAGES) && !g_cancellable_is_cancelled (cancellable);
         i++)
      {
        PopplerPage *page = poppler_document_get_page (document, i);

        if (i == 0)
          poppler_page_get_size (page, &result->width_pt, &result->height_pt);
        g_ptr_array_add (result->textures,
                         render_page (page, n == 1 ? PREVIEW_SINGLE_PX : PREVIEW_MANY_PX));
        g_object_unref (page);
      }
    g_object_unref (document);
    if (g_task_return_error_if_cancelled (task))
      return;
  }
  g_task_return_pointer (task, g_steal_pointer (&result), tf_export_preview_free);
}
