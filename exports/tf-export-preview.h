/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A preview of any export: its pages, laid out by the exporter itself, drawn
 * straight into small bitmaps instead of a document. Boards are drawn at the
 * renderer's level of detail for the preview's size (a big wall draws flat
 * cards), nothing is written to disk, and each page is handed over as soon
 * as it is drawn, so the first one shows long before the last. GTK-free: it
 * runs in a worker thread. */

#include <cairo.h>

#include "tf-export.h"

G_BEGIN_DECLS

/* Called in the exporting thread for each of the first pages, in order,
 * with an ARGB32 image of the page (borrowed: copy or reference it) whose
 * longest side is about the preview's size, and the page's size in points
 * (for PNG and SVG, in pixels of the real export). */
typedef void (*TfExportPageFunc) (guint            index,
                                  cairo_surface_t *page,
                                  double           width_pt,
                                  double           height_pt,
                                  gpointer         user_data);

/* Lays out the export @kind as tf_export_run() would and draws its first
 * @max_pages pages into images of @longest_px on the longest side of the
 * paper, handing each to @func; later pages are laid out but not drawn, to
 * count them in @n_pages. Errors as tf_export_run(). */
gboolean tf_export_preview (TfExportKind           kind,
                            TfExportSource        *source,
                            const TfExportOptions *options,
                            int                    longest_px,
                            guint                  max_pages,
                            GCancellable          *cancellable,
                            TfExportPageFunc       func,
                            gpointer               user_data,
                            guint                 *n_pages,
                            GError               **error);

G_END_DECLS
