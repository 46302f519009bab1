/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A PDF's pages drawn small, on request, by one helper process kept for
 * as long as they are wanted (`transfo-decode pages`, under the same
 * limits and seccomp filter as tf_decode_bytes()). The PDF is never parsed
 * here. Requests go to the helper one at a time, the latest asked first;
 * a page no longer wanted is dropped before it is sent. Each page answer
 * is held to the deadline; a helper that crashes, hangs or says nonsense
 * is killed and "failed" says why (once). A helper stopped by its CPU
 * limit after it drew pages is started again (a long look through a big
 * PDF), never for the page it stopped on twice.
 *
 * GTK-free. Signals are emitted in the thread-default main context of
 * tf_decode_pages_new()'s caller:
 *   "opened"     (int n_pages)
 *   "page-drawn" (int page, gpointer cairo_surface_t or NULL if refused)
 *   "failed"     (GError *) */

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define TF_TYPE_DECODE_PAGES (tf_decode_pages_get_type ())
G_DECLARE_FINAL_TYPE (TfDecodePages, tf_decode_pages, TF, DECODE_PAGES, GObject)

/* Starts the helper on @pdf; pages are drawn to fit @max_width ×
 * @max_height (1 to 1024). */
TfDecodePages *tf_decode_pages_new         (GBytes        *pdf,
                                            int            max_width,
                                            int            max_height);
/* Asks for @page (from 0): before every other page still waiting. */
void           tf_decode_pages_want        (TfDecodePages *self,
                                            int            page);
/* @page is no longer in sight: not drawn if it was not sent yet. */
void           tf_decode_pages_forget      (TfDecodePages *self,
                                            int            page);
/* Stops the helper; no signal is emitted after this. */
void           tf_decode_pages_close       (TfDecodePages *self);
/* How many pages the helper drew for this object (tests, debugging). */
guint          tf_decode_pages_get_n_drawn (TfDecodePages *self);
/* The helper's process, 0 when none runs (tests). */
GPid           tf_decode_pages_get_pid     (TfDecodePages *self);

G_END_DECLS
