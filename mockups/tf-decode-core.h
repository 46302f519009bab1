/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The parsing side of transfo-decode, in a library of its own so that the
 * fuzz harness (tests/fuzz/) runs exactly what the helper runs. Only the
 * helper and the harness link it: never the application. */

#include <glib.h>

#include "tf-decode-protocol.h"

typedef struct {
  TfDecodeAnswer  answer;   /* magic and lengths filled in */
  char           *message;  /* why, on a refusal, or NULL */
  guint8         *pixels;   /* answer.pixels_len bytes, or NULL */
  GBytes         *stored;   /* or NULL */
} TfDecodeResult;

/* Sniffs @data, checks it, decodes it and prepares what is stored, as
 * @wants (TfDecodeWants) asks. Never fails: a refusal is answer.status. */
void tf_decode_core_run    (const guint8   *data,
                            gsize           len,
                            int             wants,
                            int             page,
                            int             max_width,
                            int             max_height,
                            TfDecodeResult *result);
void tf_decode_result_clear (TfDecodeResult *result);

/* A PDF kept open to draw its pages one by one (transfo-decode pages).
 * @data must outlive it. Open fills @result as tf_decode_core_run() with
 * no pixels wanted (the page count, the first page's size) and returns
 * NULL on a refusal; each page is drawn to fit @max_width × @max_height. */
typedef struct _TfDecodePdf TfDecodePdf;

TfDecodePdf *tf_decode_core_pdf_open (const guint8   *data,
                                      gsize           len,
                                      TfDecodeResult *result);
void         tf_decode_core_pdf_page (TfDecodePdf    *pdf,
                                      int             page,
                                      int             max_width,
                                      int             max_height,
                                      TfDecodeResult *result);
void         tf_decode_core_pdf_free (TfDecodePdf    *pdf);

/* Loads Poppler (for a PDF), once; FALSE if it cannot be. Done by
 * tf_decode_core_run() when needed, but the helper does it first, while it
 * may still open files. */
gboolean tf_decode_core_load_pdf (void);
/* The kind from the first bytes, or -1. */
int  tf_decode_sniff       (const guint8   *data,
                            gsize           len);
/* The EXIF orientation (1 to 8) in a TIFF block ("II*\0"/"MM\0*", or with
 * the "Exif\0\0" prefix), 1 when there is none or the block is damaged. */
int  tf_decode_exif_orientation (const guint8 *tiff,
                                 gsize         len);
