/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <math.h>

#define G_LOG_DOMAIN "tf-export-dialog"

#include "exports/tf-export-preview.h"
#include "tf-export-dialog-private.h"
#include "tf-widget-util.h"

/* The export dialog's preview, in a worker thread: the exporter's own pages
 * drawn straight at the preview's size (tf_export_preview()), each handed to
 * the main thread as soon as it is drawn. Nothing is written to disk and at
 * most the pages on show are held. */

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

  g_free (result);
}

typedef struct {
  TfExportDialog *dialog;
  guint           generation;
  guint           index;
  GdkTexture     *texture;
  double          width_pt;
  double          height_pt;
} PageMessage;

static void
page_message_free (gpointer data)
{
  PageMessage *message = data;

  g_object_unref (message->dialog);
  g_object_unref (message->texture);
  g_free (message);
}

static gboolean
deliver_page (gpointer data)
{
  PageMessage *message = data;
  gint64 start = g_get_monotonic_time ();

  tf_export_dialog_add_preview_page (message->dialog, message->generation, message->index,
                                     message->texture, message->width_pt, message->height_pt);
  g_debug ("preview page %u shown in %.1f ms", message->index + 1, (g_get_monotonic_time () - start) / 1e3);
  return G_SOURCE_REMOVE;
}

typedef struct {
  GTask              *task;
  TfExportPreviewJob *job;
  TfExportPreview    *result;
  gint64              start;
  gboolean            fit;     /* one page alone: fitted into the job's box */
} PageSink;

/* @page (borrowed) shrunk in this worker to fit @width × @height, keeping
 * its shape; NULL when it fits already. The window then shows it pixel for
 * pixel instead of scaling it at each redraw (in the main thread, with
 * GTK's Cairo renderer). */
static cairo_surface_t *
fit_page (cairo_surface_t *page,
          int              width,
          int              height)
{
  int page_width = cairo_image_surface_get_width (page);
  int page_height = cairo_image_surface_get_height (page);
  double scale = MIN (width / (double) page_width, height / (double) page_height);
  cairo_surface_t *fitted;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || scale >= 1.0)
    return NULL;
  fitted = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (1, (int) floor (page_width * scale)),
                                       MAX (1, (int) floor (page_height * scale)));
  cr = cairo_create (fitted);
  cairo_scale (cr, cairo_image_surface_get_width (fitted) / (double) page_width,
               cairo_image_surface_get_height (fitted) / (double) page_height);
  cairo_set_source_surface (cr, page, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  return fitted;
}

static void
page_drawn (guint            index,
            cairo_surface_t *page,
            double           width_pt,
            double           height_pt,
            gpointer         user_data)
{
  PageSink *sink = user_data;
  PageMessage *message = g_new0 (PageMessage, 1);

  if (index == 0)
    {
      g_debug ("preview page 1 drawn in %.1f ms", (g_get_monotonic_time () - sink->start) / 1e3);
      sink->result->width_pt = width_pt;
      sink->result->height_pt = height_pt;
    }
  /* Alive: the task's callback, still to come, holds it. This reference
   * is dropped in the main thread, after the page is delivered. */
  message->dialog = g_object_ref (sink->job->dialog);
  message->generation = sink->job->generation;
  message->index = index;
  if (sink->fit)
    {
      cairo_surface_t *fitted = fit_page (page, sink->job->box_width, sink->job->box_height);

      message->texture = tf_texture_new_for_surface (fitted != NULL ? fitted : page);
      g_clear_pointer (&fitted, cairo_surface_destroy);
    }
  else
    message->texture = tf_texture_new_for_surface (page);
  message->width_pt = width_pt;
  message->height_pt = height_pt;
  /* Before the task's own callback, which comes from an idle too. */
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, deliver_page, message, page_message_free);
}

/* Whether the export may have several pages: their previews are small. */
static gboolean
kind_has_pages (TfExportKind kind)
{
  return kind != TF_EXPORT_BOARD && kind != TF_EXPORT_PNG && kind != TF_EXPORT_SVG;
}

void
tf_export_preview_in_thread (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable)
{
  TfExportPreviewJob *job = task_data;
  g_autoptr(TfExportPreview) result = g_new0 (TfExportPreview, 1);
  PageSink sink = { task, job, result, g_get_monotonic_time (), !kind_has_pages (job->kind) };
  GError *error = NULL;
  guint n_pages = 0;
  int longest = kind_has_pages (job->kind) ? PREVIEW_MANY_PX : job->single_px;
  gboolean ok;

  tf_export_dialog_worker_begin ();
  ok = tf_export_preview (job->kind, job->source, &job->options, longest, PREVIEW_MAX_PAGES,
                          cancellable, page_drawn, &sink, &n_pages, &error);
  /* It had only one page after all: that one again, big enough to fill the room. */
  if (ok && n_pages == 1 && longest < job->single_px)
    {
      sink.fit = TRUE;
      ok = tf_export_preview (job->kind, job->source, &job->options, job->single_px, 1,
                              cancellable, page_drawn, &sink, NULL, &error);
    }
  if (!ok)
    {
      g_task_return_error (task, error);
      tf_export_dialog_worker_end ();
      return;
    }
  result->n_pages = n_pages;
  g_debug ("preview of %u pages drawn in %.1f ms", n_pages, (g_get_monotonic_time () - sink.start) / 1e3);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&result), tf_export_preview_free);
  tf_export_dialog_worker_end ();
}
