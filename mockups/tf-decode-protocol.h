/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What transfo-decode and tf-decode.c say to each other (private).
 *
 * The helper is run as `transfo-decode WANTS PAGE MAX_WIDTH MAX_HEIGHT`
 * (decimal numbers, TfDecodeOptions), reads the file's bytes on its standard
 * input and writes on its standard output one TfDecodeAnswer, then
 * message_len bytes of UTF-8 (why it refused, for the log), pixels_len bytes
 * of CAIRO_FORMAT_ARGB32 pixels (pix_stride × pix_height, rows top to
 * bottom) and stored_len bytes of what the archive keeps. It exits 0 when
 * it wrote an answer, whether it decoded the file or refused it (status).
 * Both ends run on the same machine: the fields are in its byte order. */

#include <stdint.h>

#define TF_DECODE_MAGIC "TFDECOD1"
#define TF_DECODE_MESSAGE_MAX 1024

enum {
  TF_DECODE_KIND_PNG,
  TF_DECODE_KIND_JPEG,
  TF_DECODE_KIND_WEBP,
  TF_DECODE_KIND_PDF,
  TF_DECODE_N_KINDS
};

typedef struct {
  char     magic[8];     /* TF_DECODE_MAGIC, without its NUL */
  int32_t  status;       /* -1 decoded, else a TfDecodeError */
  int32_t  kind;         /* TF_DECODE_KIND_* */
  int32_t  width;        /* TfDecoded's */
  int32_t  height;
  int32_t  n_pages;
  int32_t  orientation;
  int32_t  stripped;
  int32_t  pix_width;    /* 0 when no pixels were asked for */
  int32_t  pix_height;
  int32_t  pix_stride;
  uint32_t message_len;
  uint64_t pixels_len;
  uint64_t stored_len;
} TfDecodeAnswer;

#define TF_DECODE_STATUS_OK (-1)

/* The pages server: `transfo-decode pages` reads a PDF on its standard
 * input (to its end), answers once on its standard output as above with no
 * pixels (n_pages, the first page's size) or a refusal, then reads
 * TfDecodePageRequest on descriptor 3, one at a time, and answers each with
 * one TfDecodeAnswer (the page's size, message_len bytes, its pixels,
 * stored_len 0) until descriptor 3 ends. A request it cannot believe ends
 * it (exit status 2). */
#define TF_DECODE_PAGES_MAGIC "TFPAGES1"
#define TF_DECODE_PAGES_FD 3
/* A page's pixels at most, on either side. */
#define TF_DECODE_PAGES_MAX_SIDE 1024

typedef struct {
  char     magic[8];     /* TF_DECODE_PAGES_MAGIC, without its NUL */
  int32_t  page;         /* from 0 */
  int32_t  max_width;    /* 1 to TF_DECODE_PAGES_MAX_SIDE */
  int32_t  max_height;
  int32_t  reserved;     /* 0 */
} TfDecodePageRequest;
