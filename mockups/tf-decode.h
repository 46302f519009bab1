/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Reading photos and PDF pages that come from elsewhere (email, USB sticks,
 * another department's bundle). Only the helper process transfo-decode
 * parses them: it gets the file's bytes on its standard input, is held by a
 * deadline, CPU, memory and output limits and, once its input is read, by a
 * seccomp filter (no network, no file opened, no program run), and answers
 * on its standard output. A crash, a hang or a decompression bomb there is a
 * TfDecodeError here, never a crash of Transfo.
 *
 * The helper also prepares what the archive keeps of a photo: the original
 * bytes with the EXIF orientation applied and every metadata block removed
 * but the colour profile (EXIF with its location and camera, XMP, comments,
 * text chunks), so that an anonymous residency never leaks where a photo was
 * taken. A PDF is kept as it came; one of its pages is drawn.
 *
 * GTK-free; any thread. */

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* The helper's name; TRANSFO_DECODE names another path. */
#define TF_DECODE_NAME          "transfo-decode"
/* What is accepted at most. */
#define TF_DECODE_MAX_FILE      (100 * 1024 * 1024)  /* bytes of a file */
#define TF_DECODE_MAX_PIXELS    (80 * 1000 * 1000)   /* of a photo, width × height */
#define TF_DECODE_MAX_PDF_PAGES 10000
/* Wall-clock time and CPU time the helper has for one file. */
#define TF_DECODE_DEADLINE_MS   15000
#define TF_DECODE_CPU_SECONDS   10

#define TF_DECODE_ERROR (tf_decode_error_quark ())
GQuark tf_decode_error_quark (void);

/* Each comes with a message for the user (translated, one sentence). */
typedef enum {
  TF_DECODE_ERROR_EMPTY,           /* 0 bytes */
  TF_DECODE_ERROR_TOO_LARGE,       /* over TF_DECODE_MAX_FILE */
  TF_DECODE_ERROR_TOO_MANY_PIXELS, /* over TF_DECODE_MAX_PIXELS, or a bomb */
  TF_DECODE_ERROR_UNSUPPORTED,     /* not a PNG, JPEG, WebP or PDF (sniffed, never by name) */
  TF_DECODE_ERROR_CORRUPT,         /* truncated, bad chunk, malformed */
  TF_DECODE_ERROR_ENCRYPTED,       /* a PDF with a password */
  TF_DECODE_ERROR_TOO_MANY_PAGES,  /* a PDF over TF_DECODE_MAX_PDF_PAGES */
  TF_DECODE_ERROR_NO_SUCH_PAGE,
  TF_DECODE_ERROR_UNREADABLE,      /* the file vanished or cannot be read */
  TF_DECODE_ERROR_HELPER,          /* the helper crashed, ran out of time or is missing */
} TfDecodeError;

typedef enum {
  TF_DECODE_WANT_PIXELS = 1 << 0,  /* TfDecoded.pixels */
  TF_DECODE_WANT_STORED = 1 << 1,  /* TfDecoded.stored */
} TfDecodeWants;

typedef struct {
  TfDecodeWants wants;
  int           page;        /* a PDF's page to draw, from 0 */
  /* The pixels wanted at most, aspect kept: a photo is scaled down to fit
   * (never up), a PDF page is rendered to fit. 0 and 0: a photo at its own
   * size, a PDF page at 1 pixel a point. */
  int           max_width;
  int           max_height;
} TfDecodeOptions;

typedef struct {
  char            *mime_type;   /* "image/png", "image/jpeg", "image/webp", "application/pdf" */
  int              width;       /* the photo upright, in pixels; a PDF page, in points */
  int              height;
  int              n_pages;     /* a PDF's pages; 1 for a photo */
  int              orientation; /* the EXIF orientation that was applied, 1 when none */
  gboolean         stripped;    /* metadata were found and removed */
  GBytes          *stored;      /* TF_DECODE_WANT_STORED: what the archive keeps */
  cairo_surface_t *pixels;      /* TF_DECODE_WANT_PIXELS: CAIRO_FORMAT_ARGB32, upright */
} TfDecoded;

/* Decodes @data in the helper and waits for it (at most the deadline).
 * NULL with a TF_DECODE_ERROR (or G_IO_ERROR_CANCELLED) set on failure. */
TfDecoded *tf_decode_bytes        (GBytes                *data,
                                   const TfDecodeOptions *options,
                                   GCancellable          *cancellable,
                                   GError               **error);
/* The same for a file, read here with the size limit first (reading is not
 * parsing); a file that vanishes or changes size while read is UNREADABLE. */
TfDecoded *tf_decode_file         (const char            *path,
                                   const TfDecodeOptions *options,
                                   GCancellable          *cancellable,
                                   GError               **error);
/* Without blocking: @callback runs in the thread-default main context. */
void       tf_decode_bytes_async  (GBytes                *data,
                                   const TfDecodeOptions *options,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data);
TfDecoded *tf_decode_bytes_finish (GAsyncResult          *result,
                                   GError               **error);
void       tf_decoded_free        (TfDecoded             *decoded);
/* Rewords a TF_DECODE_ERROR to name the file it is about (@name, as shown
 * to the user: “photo.jpg” is damaged…); other errors, and an empty or
 * NULL @name, are left alone. */
void       tf_decode_error_name_file (GError             *error,
                                      const char         *name);
/* The helper's path (TRANSFO_DECODE, beside the program, the build tree,
 * then LIBEXECDIR), or NULL when it cannot be found. */
char      *tf_decode_find_helper  (void) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfDecoded, tf_decoded_free)

G_END_DECLS
