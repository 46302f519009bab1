/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The decoded pixels of the photos and placed images of mockups, for their
 * item kinds. Assets come from the archive, which may come from elsewhere:
 * they are always decoded by the sandboxed helper (tf-decode.h), never here.
 *
 * What was decoded is kept, within a memory budget, least recently used
 * first out. The screen asks for the size it draws (rounded up to a power
 * of two, at least 256 pixels a side, never above the photo's own size):
 * ten 12-Mpx photos seen whole on a 1920 × 1080 screen keep some ten
 * 1024-pixel (4 MB) or 2048-pixel (12 MB) images, not ten 48 MB ones.
 * Exports ask for what they print (300 dpi of the printed size, at most the
 * photo's own pixels: the full resolution only when printed that large),
 * one photo at a time; an image larger than the budget is handed to its
 * caller and not kept.
 *
 * On the main thread of a running loop (the window), a size that is not
 * there yet is decoded in the background: meanwhile the caller gets the
 * nearest size already decoded, or nothing (it draws a placeholder), and
 * ::ready (asset id) tells when to draw again. Elsewhere (an export's
 * thread, the command line) it is decoded at once.
 *
 * Peak memory, a figure to keep: the budget (TF_MK_PIXELS_BUDGET), plus the
 * image being drawn when it is not kept, plus one decode's pixels read from
 * the helper: at most 192 + 2 × 48 MiB (a 12-Mpx photo printed at full
 * size) on top of the program, whatever the number of photos. The
 * helper's own memory is its own process's (tf-decode.h). Measured: see
 * the report of issue #11 (an A4 PDF of ten 12-Mpx photos).
 *
 * Any thread; the cache is shared by the process. */

#include <cairo.h>
#include <glib-object.h>

#include "canvas/tf-renderer.h"

G_BEGIN_DECLS

#define TF_MK_PIXELS_BUDGET   ((gsize) 192 * 1024 * 1024)
/* The smallest and largest side asked for: 6144 pixels is 52 cm at
 * 300 dpi, and keeps one image (and the copy a photo with blur regions
 * prints from) at 108 MiB. */
#define TF_MK_PIXELS_MIN_SIDE 256
#define TF_MK_PIXELS_MAX_SIDE 6144

#define TF_TYPE_MK_PIXELS (tf_mk_pixels_get_type ())
G_DECLARE_FINAL_TYPE (TfMkPixels, tf_mk_pixels, TF, MK_PIXELS, GObject)

/* The process's cache. */
TfMkPixels      *tf_mk_pixels_get_default  (void);

/* How the pixels are wanted. */
typedef enum {
  TF_MK_PIXELS_SCREEN,  /* at @side, in the background on the main thread */
  TF_MK_PIXELS_EXPORT,  /* at @side (0: the photo's own size), waited for */
} TfMkPixelsMode;

/* The pixels of page @page of asset @asset_id (read through @ctx) fitting a
 * square of @side pixels (0: the photo's own size; a PDF page: 1 pixel a
 * point), upright, CAIRO_FORMAT_ARGB32; (transfer full). NULL when there
 * is nothing to draw yet (@pending TRUE: ::ready will tell) or it cannot be
 * decoded (@error says why, once per asset and page; nothing is retried). A
 * result of another size than asked (nearest one kept, while the wanted one
 * decodes) sets @pending too. */
cairo_surface_t *tf_mk_pixels_get          (TfMkPixels      *self,
                                            TfRenderContext *ctx,
                                            gint64           asset_id,
                                            int              page,
                                            int              side,
                                            TfMkPixelsMode   mode,
                                            gboolean        *pending,
                                            GError         **error) G_GNUC_WARN_UNUSED_RESULT;

/* The side to ask for to draw @width × @height device pixels of an image of
 * @natural_width × @natural_height (0 × 0: unknown): a power of two between
 * the limits above, 0 when that would reach the natural size. */
int              tf_mk_pixels_side_for     (double           width,
                                            double           height,
                                            int              natural_width,
                                            int              natural_height);

/* What is kept, in bytes; forgetting everything (tests, low memory). */
gsize            tf_mk_pixels_get_size     (TfMkPixels      *self);
void             tf_mk_pixels_clear        (TfMkPixels      *self);
/* How many decodes ran (helper calls), for tests and benches. */
guint            tf_mk_pixels_get_n_decodes (TfMkPixels     *self);

G_END_DECLS
