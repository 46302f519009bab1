/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-export"

#include <math.h>

#include "tf-export-private.h"
#include "tf-export-preview.h"

/* Each exporter lays its pages out as always; while a preview is drawn in
 * this thread, its writer draws them into images (tf_export_writer_*). */
static GPrivate preview_key = G_PRIVATE_INIT (NULL);

TfExportPreviewSink *
tf_export_preview_sink (void)
{
  return g_private_get (&preview_key);
}

/* PNG and SVG have no pages: the board as the image would show it. */
static gboolean
preview_image (TfExportSource        *source,
               const TfExportOptions *options,
               TfExportPreviewSink   *sink,
               int                    longest_px,
               GError               **error)
{
  g_autoptr(TfRenderer) renderer = NULL;
  cairo_surface_t *image;
  TfScene *scene;
  TfRect area;
  int width, height;
  double zoom;
  cairo_t *cr;

  if (!tf_export_png_size (source, options, &width, &height, error) ||
      !tf_export_get_board (source, options->board, &scene, &area, error))
    return FALSE;
  zoom = options->dpi / 25.4 * TF_EXPORT_REAL_SIZE_MM_PER_UNIT;
  sink->scale = longest_px / (double) MAX (MAX (width, height), 1);
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (1, (int) ceil (width * sink->scale)),
                                      MAX (1, (int) ceil (height * sink->scale)));
  cairo_surface_set_device_scale (image, sink->scale, sink->scale);
  renderer = tf_renderer_new ();
  tf_renderer_set_assets (renderer, tf_export_source_get_assets (source));
  cr = cairo_create (image);
  tf_cairo_set_rgb (cr, TF_PAPER_RGB, 1.0);
  cairo_paint (cr);
  tf_export_draw_board (renderer, scene, cr, area.x, area.y, zoom, 0, 0, width, height);
  cairo_destroy (cr);
  cairo_surface_set_device_scale (image, 1, 1);
  if (sink->max_pages > 0)
    sink->func (0, image, width, height, sink->user_data);
  cairo_surface_destroy (image);
  return TRUE;
}

gboolean
tf_export_preview (TfExportKind           kind,
                   TfExportSource        *source,
                   const TfExportOptions *options,
                   int                    longest_px,
                   guint                  max_pages,
                   GCancellable          *cancellable,
                   TfExportPageFunc       func,
                   gpointer               user_data,
                   guint                 *n_pages,
                   GError               **error)
{
  TfExportPreviewSink sink = { 0, 0, max_pages, func, user_data };
  double paper_w, paper_h;
  gboolean ok;

  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (source), FALSE);
  g_return_val_if_fail (options != NULL && func != NULL && longest_px > 0, FALSE);
  g_return_val_if_fail (kind < TF_N_EXPORT_KINDS, FALSE);
  g_return_val_if_fail (tf_export_preview_sink () == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  tf_export_page_size (options->paper, FALSE, &paper_w, &paper_h);
  sink.side_pt = MAX (paper_w, paper_h);
  sink.scale = longest_px / sink.side_pt;

  g_private_set (&preview_key, &sink);
  if (kind == TF_EXPORT_PNG || kind == TF_EXPORT_SVG)
    {
      ok = preview_image (source, options, &sink, longest_px, error);
      if (ok && n_pages != NULL)
        *n_pages = 1;
    }
  else
    /* No file is written: the path only names the export in messages. */
    ok = tf_export_run (kind, source, options, "preview", cancellable, NULL, NULL, n_pages, error);
  g_private_set (&preview_key, NULL);
  return ok;
}
