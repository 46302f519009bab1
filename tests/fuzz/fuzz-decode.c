/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The input side of transfo-decode (mockups/tf-decode-core.c), fuzzed.
 *
 * Built two ways:
 * - with -Dfuzz=true and clang, `fuzz-decode` is a libFuzzer target
 *   (LLVMFuzzerTestOneInput alone; run it on a corpus folder, e.g. one
 *   written by `fuzz-decode-replay --write-seeds DIR`);
 * - always, `fuzz-decode-replay` runs the same function over the files
 *   named on its command line (folders: every file in them), or, without
 *   any, over seeds it makes (a JPEG with EXIF, a PNG, lossy and lossless
 *   WebP, a PDF) and, for each, every sixteenth truncation and 150 copies
 *   with a few bits flipped (a fixed seed: the same run each time). It
 *   fails only by crashing (or under a sanitizer, by what it finds). */

#include <glib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <string.h>
#include <turbojpeg.h>
#include <webp/encode.h>

#include "tf-decode.h"
#include "tf-decode-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  TfDecodeResult result;

  /* Everything at its own size, then a thumbnail (JPEG's scaled decoding). */
  tf_decode_core_run (data, size, TF_DECODE_WANT_PIXELS | TF_DECODE_WANT_STORED, 0, 0, 0, &result);
  tf_decode_result_clear (&result);
  tf_decode_core_run (data, size, TF_DECODE_WANT_PIXELS, 0, 16, 16, &result);
  tf_decode_result_clear (&result);
  return 0;
}

#ifndef TF_FUZZ_LIBFUZZER

static guint8 *
seed_pixels (int width,
             int height)
{
  guint8 *pixels = g_malloc ((gsize) width * height * 4);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + ((gsize) y * width + x) * 4;

        p[0] = (guint8) (x * 8);
        p[1] = (guint8) (y * 8);
        p[2] = (guint8) ((x ^ y) * 4);
        p[3] = (guint8) (x < 4 ? 128 : 255);
      }
  return pixels;
}

static cairo_status_t
append (void                *closure,
        const unsigned char *data,
        unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
seed_jpeg (void)
{
  /* EXIF orientation 6, big-endian, and an ICC_PROFILE segment. */
  static const guint8 app1[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0, '*', 0, 0, 0, 8,
    0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0,
    0, 0, 0, 0,
  };
  static const guint8 app2[] = {
    0xff, 0xe2, 0x00, 0x16, 'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0, 1, 1,
    1, 2, 3, 4, 5, 6,
  };
  tjhandle handle = tjInitCompress ();
  g_autofree guint8 *pixels = seed_pixels (24, 16);
  unsigned char *jpeg = NULL;
  unsigned long len = 0;
  GByteArray *out = g_byte_array_new ();

  if (tjCompress2 (handle, pixels, 24, 24 * 4, 16, TJPF_BGRA, &jpeg, &len, TJSAMP_420, 80, TJFLAG_PROGRESSIVE) != 0)
    g_error ("tjCompress2: %s", tjGetErrorStr2 (handle));
  g_byte_array_append (out, jpeg, 2);
  g_byte_array_append (out, app1, sizeof app1);
  g_byte_array_append (out, app2, sizeof app2);
  g_byte_array_append (out, jpeg + 2, (guint) len - 2);
  tjFree (jpeg);
  tjDestroy (handle);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
seed_png (void)
{
  g_autofree guint8 *pixels = seed_pixels (20, 12);
  cairo_surface_t *surface = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, 20, 12, 80);
  GByteArray *out = g_byte_array_new ();

  cairo_surface_write_to_png_stream (surface, append, out);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
seed_webp (gboolean lossless)
{
  g_autofree guint8 *pixels = seed_pixels (20, 12);
  guint8 *webp = NULL;
  size_t len = lossless ? WebPEncodeLosslessBGRA (pixels, 20, 12, 80, &webp)
                        : WebPEncodeBGRA (pixels, 20, 12, 80, 75, &webp);
  GBytes *bytes = g_bytes_new (webp, len);

  WebPFree (webp);
  return bytes;
}

static GBytes *
seed_pdf (void)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append, out, 100, 60);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_rectangle (cr, 10, 10, 30, 20);
  cairo_fill (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

static void
run (const guint8 *data,
     gsize         len)
{
  LLVMFuzzerTestOneInput (data, len);
}

static guint
replay_path (const char *path)
{
  guint count = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          count += replay_path (child);
        }
      return count;
    }
  {
    g_autofree char *contents = NULL;
    gsize len = 0;

    if (!g_file_get_contents (path, &contents, &len, NULL))
      return 0;
    run ((const guint8 *) contents, len);
    return 1;
  }
}

int
main (int   argc,
      char *argv[])
{
  GBytes *seeds[] = { seed_jpeg (), seed_png (), seed_webp (FALSE), seed_webp (TRUE), seed_pdf () };
  const char *names[] = { "seed.jpg", "seed.png", "seed-lossy.webp", "seed-lossless.webp", "seed.pdf" };
  guint count = 0;

  if (argc == 3 && strcmp (argv[1], "--write-seeds") == 0)
    {
      g_mkdir_with_parents (argv[2], 0700);
      for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
        {
          g_autofree char *path = g_build_filename (argv[2], names[i], NULL);

          if (!g_file_set_contents (path, g_bytes_get_data (seeds[i], NULL),
                                    (gssize) g_bytes_get_size (seeds[i]), NULL))
            return 1;
        }
      return 0;
    }
  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        count += replay_path (argv[i]);
      g_print ("%u inputs replayed\n", count);
      return 0;
    }

  {
    GRand *rand = g_rand_new_with_seed (11);

    for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
      {
        gsize len;
        const guint8 *data = g_bytes_get_data (seeds[i], &len);
        g_autofree guint8 *copy = g_malloc (len);

        run (data, len);
        count++;
        for (guint cut = 0; cut < 16; cut++)
          {
            run (data, len * cut / 16);
            count++;
          }
        for (guint n = 0; n < 150; n++)
          {
            guint flips = (guint) g_rand_int_range (rand, 1, 5);

            memcpy (copy, data, len);
            for (guint f = 0; f < flips; f++)
              copy[g_rand_int_range (rand, 0, (gint32) len)] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
            run (copy, len);
            count++;
          }
      }
    g_rand_free (rand);
  }
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    g_bytes_unref (seeds[i]);
  g_print ("%u inputs decoded without a crash\n", count);
  return 0;
}

#endif
