/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "tf-renderer.h"

G_BEGIN_DECLS

/* Drawing an asset's bytes: a PNG image, or a page of a PDF (with Poppler),
 * scaled to fit @box (board units) and centred in it, aspect kept. Any
 * thread; nothing is shared between calls. FALSE when the bytes are not a
 * drawable image or page (nothing is drawn then). */
gboolean tf_asset_draw_png       (GBytes          *png,
                                  cairo_t         *cr,
                                  const TfRect    *box);
gboolean tf_asset_draw_pdf_page  (GBytes          *pdf,
                                  int              page,
                                  cairo_t         *cr,
                                  const TfRect    *box,
                                  gboolean         print);
/* The number of pages of a PDF asset; 0 when it is not one. */
int      tf_asset_pdf_n_pages    (GBytes          *pdf);
/* Draws asset @asset_id of the render context's source by its MIME type
 * ("image/png", "application/pdf": its first page), for item kinds. */
gboolean tf_asset_draw           (TfRenderContext *ctx,
                                  gint64           asset_id,
                                  cairo_t         *cr,
                                  const TfRect    *box);

G_END_DECLS
