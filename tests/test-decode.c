/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The sandboxed photo decoder (mockups/tf-decode.h) through its real
 * helper: orientation and metadata stripping for JPEG, PNG and WebP, the
 * hostile inputs of issue #11 each with its error and the process alive,
 * a helper that hangs, crashes or babbles, and the seccomp filter. */

#include <glib.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <turbojpeg.h>
#include <webp/encode.h>
#include <zlib.h>

#include "mockups/tf-decode.h"
#include "tf-test-util.h"

/* ---- Making files ---- */

static void
put_be32 (GByteArray *out,
          guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (out, b, 4);
}

static void
put_le16 (GByteArray *out,
          guint       v)
{
  guint8 b[2] = { v & 0xff, (v >> 8) & 0xff };

  g_byte_array_append (out, b, 2);
}

static void
put_le32 (GByteArray *out,
          guint32     v)
{
  guint8 b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (out, b, 4);
}

static void
tiff_entry (GByteArray *out,
            guint       tag,
            guint       type,
            guint32     count,
            guint32     value)
{
  put_le16 (out, tag);
  put_le16 (out, type);
  put_le32 (out, count);
  put_le32 (out, value);
}

/* A little-endian TIFF block: IFD0 with the orientation, a camera make and
 * a pointer to a GPS IFD (latitude and a datum that says SECRET). */
static GByteArray *
make_exif (int orientation)
{
  GByteArray *tiff = g_byte_array_new ();
  const guint32 ifd0 = 8, ifd0_len = 2 + 3 * 12 + 4;
  const guint32 gps = ifd0 + ifd0_len, gps_len = 2 + 3 * 12 + 4;
  const guint32 make = gps + gps_len;            /* "SpyCam\0\0" */
  const guint32 latitude = make + 8;             /* 3 rationals */
  const guint32 datum = latitude + 24;           /* "WGS-84-SECRET\0" */

  g_byte_array_append (tiff, (const guint8 *) "II*\0", 4);
  put_le32 (tiff, ifd0);
  put_le16 (tiff, 3);
  tiff_entry (tiff, 0x010f, 2, 7, make);
  tiff_entry (tiff, 0x0112, 3, 1, (guint32) orientation);
  tiff_entry (tiff, 0x8825, 4, 1, gps);
  put_le32 (tiff, 0);
  put_le16 (tiff, 3);
  tiff_entry (tiff, 0x0001, 2, 2, 'N');
  tiff_entry (tiff, 0x0002, 5, 3, latitude);
  tiff_entry (tiff, 0x0012, 2, 14, datum);
  put_le32 (tiff, 0);
  g_byte_array_append (tiff, (const guint8 *) "SpyCam\0\0", 8);
  for (int i = 0; i < 3; i++)
    {
      put_le32 (tiff, 48 + i);
      put_le32 (tiff, 1);
    }
  g_byte_array_append (tiff, (const guint8 *) "WGS-84-SECRET\0", 14);
  return tiff;
}

/* Straight BGRA pixels of @width × @height: grey, red in the top-left
 * corner, green in the top-right, each a block of a quarter of the side. */
static guint8 *
make_pixels (int width,
             int height)
{
  guint8 *pixels = g_malloc ((gsize) width * height * 4);
  int bw = MAX (2, width / 4), bh = MAX (2, height / 4);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + ((gsize) y * width + x) * 4;

        p[0] = 128; p[1] = 128; p[2] = 128; p[3] = 255;
        if (y < bh && x < bw)
          { p[0] = 0; p[1] = 0; p[2] = 255; }
        else if (y < bh && x >= width - bw)
          { p[0] = 0; p[1] = 255; p[2] = 0; }
      }
  return pixels;
}

/* A JPEG of make_pixels() with, after SOI, a comment, an EXIF APP1 with
 * @orientation (when > 0), an XMP APP1 and an ICC_PROFILE APP2. */
static GBytes *
make_jpeg (int width,
           int height,
           int orientation)
{
  tjhandle handle = tjInitCompress ();
  g_autofree guint8 *pixels = make_pixels (width, height);
  unsigned char *jpeg = NULL;
  unsigned long len = 0;
  GByteArray *out = g_byte_array_new ();

  g_assert_cmpint (tjCompress2 (handle, pixels, width, width * 4, height, TJPF_BGRA,
                                &jpeg, &len, TJSAMP_420, 92, 0), ==, 0);
  g_byte_array_append (out, jpeg, 2);
  {
    static const char comment[] = "shot at 12 rue Secret";

    g_byte_array_append (out, (const guint8 *) "\xff\xfe", 2);
    g_byte_array_append (out, (const guint8 []) { 0, sizeof comment + 1 }, 2);
    g_byte_array_append (out, (const guint8 *) comment, sizeof comment - 1);
  }
  if (orientation > 0)
    {
      g_autoptr(GByteArray) tiff = make_exif (orientation);
      guint seg = tiff->len + 6 + 2;

      g_byte_array_append (out, (const guint8 []) { 0xff, 0xe1, seg >> 8, seg & 0xff }, 4);
      g_byte_array_append (out, (const guint8 *) "Exif\0\0", 6);
      g_byte_array_append (out, tiff->data, tiff->len);
    }
  {
    static const char xmp[] = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Secret</x:xmpmeta>";
    guint seg = sizeof xmp - 1 + 2;

    g_byte_array_append (out, (const guint8 []) { 0xff, 0xe1, seg >> 8, seg & 0xff }, 4);
    g_byte_array_append (out, (const guint8 *) xmp, sizeof xmp - 1);
  }
  {
    guint8 profile[128];
    guint seg = 12 + 2 + sizeof profile + 2;

    for (guint i = 0; i < sizeof profile; i++)
      profile[i] = (guint8) (i * 7);
    g_byte_array_append (out, (const guint8 []) { 0xff, 0xe2, seg >> 8, seg & 0xff }, 4);
    g_byte_array_append (out, (const guint8 *) "ICC_PROFILE\0\1\1", 14);
    g_byte_array_append (out, profile, sizeof profile);
  }
  g_byte_array_append (out, jpeg + 2, (guint) len - 2);
  tjFree (jpeg);
  tjDestroy (handle);
  return g_byte_array_free_to_bytes (out);
}

static void
png_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           guint32       len)
{
  uLong crc = crc32 (0, (const Bytef *) type, 4);

  put_be32 (out, len);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (len > 0)
    {
      g_byte_array_append (out, data, len);
      crc = crc32 (crc, data, len);
    }
  put_be32 (out, (guint32) crc);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PNG of make_pixels() (drawn by cairo) with, after IHDR, an sRGB chunk,
 * an eXIf chunk with @orientation (when > 0), a tEXt and a tIME chunk. */
static GBytes *
make_png (int width,
          int height,
          int orientation)
{
  g_autofree guint8 *pixels = make_pixels (width, height);
  cairo_surface_t *surface = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32,
                                                                  width, height, width * 4);
  g_autoptr(GByteArray) plain = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();

  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_to_array, plain), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_byte_array_append (out, plain->data, 8 + 25);
  png_chunk (out, "sRGB", (const guint8 *) "\0", 1);
  if (orientation > 0)
    {
      g_autoptr(GByteArray) tiff = make_exif (orientation);

      png_chunk (out, "eXIf", tiff->data, tiff->len);
    }
  png_chunk (out, "tEXt", (const guint8 *) "Author\0Secret Person", 20);
  png_chunk (out, "tIME", (const guint8 *) "\x07\xea\x0c\x05\x0b\x2a\x00", 7);
  g_byte_array_append (out, plain->data + 33, plain->len - 33);
  return g_byte_array_free_to_bytes (out);
}

static void
riff_chunk (GByteArray   *out,
            const char   *fourcc,
            const guint8 *data,
            guint32       len)
{
  g_byte_array_append (out, (const guint8 *) fourcc, 4);
  put_le32 (out, len);
  g_byte_array_append (out, data, len);
  if (len & 1)
    g_byte_array_append (out, (const guint8 *) "", 1);
}

/* An extended WebP (lossless) of make_pixels() with an ICC profile, an
 * EXIF chunk with @orientation (when > 0) and an XMP chunk. */
static GBytes *
make_webp (int width,
           int height,
           int orientation)
{
  g_autofree guint8 *pixels = make_pixels (width, height);
  guint8 *simple = NULL;
  size_t len = WebPEncodeLosslessBGRA (pixels, width, height, width * 4, &simple);
  GByteArray *out = g_byte_array_new ();
  guint8 vp8x[10] = { 0x20 | 0x04 | (orientation > 0 ? 0x08 : 0), 0, 0, 0,
                      (width - 1) & 0xff, (width - 1) >> 8, 0, (height - 1) & 0xff, (height - 1) >> 8, 0 };
  static const char xmp[] = "<x:xmpmeta>Secret</x:xmpmeta>";

  g_assert_cmpuint (len, >, 20);
  g_assert_true (memcmp (simple + 12, "VP8L", 4) == 0);
  g_byte_array_append (out, (const guint8 *) "RIFF\0\0\0\0WEBP", 12);
  riff_chunk (out, "VP8X", vp8x, 10);
  riff_chunk (out, "ICCP", (const guint8 *) "fake-profile-bytes", 18);
  g_byte_array_append (out, simple + 12, (guint) len - 12);
  if (orientation > 0)
    {
      g_autoptr(GByteArray) tiff = make_exif (orientation);

      riff_chunk (out, "EXIF", tiff->data, tiff->len);
    }
  riff_chunk (out, "XMP ", (const guint8 *) xmp, sizeof xmp - 1);
  {
    guint32 size = out->len - 8;

    memcpy (out->data + 4, (guint8 []) { size & 0xff, (size >> 8) & 0xff, (size >> 16) & 0xff, size >> 24 }, 4);
  }
  WebPFree (simple);
  return g_byte_array_free_to_bytes (out);
}

static cairo_status_t
append_pdf (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A one-page PDF that writes HELLO in Helvetica, not embedded: the reader
 * finds a font of the system for it (fontconfig, behind the filter). */
static GBytes *
make_text_pdf (void)
{
  static const char content[] = "BT /F1 48 Tf 10 20 Td (HELLO) Tj ET";
  GString *pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[6];
  gsize xref;

  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
  offsets[3] = pdf->len;
  g_string_append (pdf, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 80] "
                   "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj\n");
  offsets[4] = pdf->len;
  g_string_append_printf (pdf, "4 0 obj << /Length %d >> stream\n%s\nendstream endobj\n",
                          (int) strlen (content), content);
  offsets[5] = pdf->len;
  g_string_append (pdf, "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n");
  xref = pdf->len;
  g_string_append (pdf, "xref\n0 6\n0000000000 65535 f \n");
  for (int i = 1; i <= 5; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_MODIFIER "u 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer << /Size 6 /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", xref);
  return g_string_free_to_bytes (pdf);
}

/* A PDF of @n_pages A5 pages, each with a red square at its top left. */
static GBytes *
make_pdf (int n_pages)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_pdf, out, 420, 595);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      if (i < 3)
        {
          cairo_set_source_rgb (cr, 1, 0, 0);
          cairo_rectangle (cr, 0, 0, 100, 100);
          cairo_fill (cr);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

/* A one-page PDF under the standard security handler whose user password
 * is not empty: readers ask for it. */
static GBytes *
make_encrypted_pdf (void)
{
  GString *pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[5];
  gsize xref;
  const char *hex32 = "<1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c5b6a7988>";

  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
  offsets[3] = pdf->len;
  g_string_append (pdf, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n");
  offsets[4] = pdf->len;
  g_string_append_printf (pdf, "4 0 obj << /Filter /Standard /V 1 /R 2 /O %s /U %s /P -44 >> endobj\n",
                          hex32, hex32);
  xref = pdf->len;
  g_string_append (pdf, "xref\n0 5\n0000000000 65535 f \n");
  for (int i = 1; i <= 4; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_MODIFIER "u 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer << /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> "
                          "<0123456789abcdef0123456789abcdef>] >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", xref);
  return g_string_free_to_bytes (pdf);
}

/* A PNG whose IHDR claims @width × @height of 1-bit grey, with the real
 * zlib stream of that many blank rows (a bomb: small file, huge image)
 * when @rows is TRUE, else one tiny IDAT. */
static GBytes *
make_png_claiming (guint32  width,
                   guint32  height,
                   gboolean rows)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  GByteArray *out = g_byte_array_new ();
  GByteArray *ihdr = g_byte_array_new ();
  g_autoptr(GByteArray) idat = g_byte_array_new ();

  g_byte_array_append (out, signature, 8);
  put_be32 (ihdr, width);
  put_be32 (ihdr, height);
  g_byte_array_append (ihdr, (const guint8 []) { 1, 0, 0, 0, 0 }, 5);
  png_chunk (out, "IHDR", ihdr->data, ihdr->len);
  g_byte_array_unref (ihdr);
  if (rows)
    {
      gsize row = 1 + (width + 7) / 8;
      g_autofree guint8 *zeros = g_malloc0 (row);
      z_stream z = { 0 };
      guint8 buffer[65536];

      g_assert_cmpint (deflateInit (&z, 9), ==, Z_OK);
      for (guint32 y = 0; y <= height; y++)
        {
          z.next_in = zeros;
          z.avail_in = y < height ? (uInt) row : 0;
          do
            {
              z.next_out = buffer;
              z.avail_out = sizeof buffer;
              deflate (&z, y < height ? Z_NO_FLUSH : Z_FINISH);
              g_byte_array_append (idat, buffer, sizeof buffer - z.avail_out);
            }
          while (z.avail_out == 0);
        }
      deflateEnd (&z);
    }
  else
    g_byte_array_append (idat, (const guint8 []) { 0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1 }, 9);
  png_chunk (out, "IDAT", idat->data, idat->len);
  png_chunk (out, "IEND", NULL, 0);
  return g_byte_array_free_to_bytes (out);
}

/* ---- Looking at results ---- */

static gboolean
contains (GBytes     *bytes,
          const char *needle)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return memmem (data, len, needle, strlen (needle)) != NULL;
}

/* The colour at (@x, @y): 'r', 'g', 'k' (grey) or '?'. */
static char
colour_at (cairo_surface_t *surface,
           int              x,
           int              y)
{
  const guint8 *p = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) + x * 4;

  if (p[2] > 200 && p[1] < 60 && p[0] < 60)
    return 'r';
  if (p[1] > 200 && p[2] < 60 && p[0] < 60)
    return 'g';
  if (abs (p[0] - 128) < 30 && abs (p[1] - 128) < 30 && abs (p[2] - 128) < 30)
    return 'k';
  return '?';
}

/* The colours in the corners TL, TR, BL, BR, a few pixels in. */
static char *
corners (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int m = 2;

  return g_strdup_printf ("%c%c%c%c", colour_at (surface, m, m), colour_at (surface, w - 1 - m, m),
                          colour_at (surface, m, h - 1 - m), colour_at (surface, w - 1 - m, h - 1 - m));
}

/* Where the stored image's top-left (red) and top-right (green) corners
 * are seen, for each EXIF orientation, as the standard describes it
 * (0th row / 0th column), TL TR BL BR. */
static const char * const upright_corners[9] = {
  NULL,
  "rgkk",  /* 1: as stored */
  "grkk",  /* 2: mirrored left to right */
  "kkgr",  /* 3: turned half a turn */
  "kkrg",  /* 4: mirrored top to bottom */
  "rkgk",  /* 5: 0th row left, 0th column top */
  "krkg",  /* 6: 0th row right, 0th column top */
  "kgkr",  /* 7: 0th row right, 0th column bottom */
  "gkrk",  /* 8: 0th row left, 0th column bottom */
};

static TfDecoded *
decode_ok (GBytes *bytes,
           int     wants)
{
  TfDecodeOptions options = { wants, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  TfDecoded *decoded = tf_decode_bytes (bytes, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (decoded);
  return decoded;
}

static void
assert_refused (GBytes        *bytes,
                TfDecodeError  code)
{
  TfDecodeOptions options = { TF_DECODE_WANT_PIXELS | TF_DECODE_WANT_STORED, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TfDecoded) decoded = tf_decode_bytes (bytes, &options, NULL, &error);

  g_assert_null (decoded);
  g_assert_error (error, TF_DECODE_ERROR, (gint) code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("refused (%d): %s", code, error->message);
}

/* The file is upright (pixels), clean (stored) and stays so when its
 * stored bytes are decoded again. */
static void
check_upright_and_clean (GBytes     *input,
                         int         orientation,
                         int         width,
                         int         height,
                         const char *mime_type,
                         const char *profile)
{
  g_autoptr(TfDecoded) decoded = decode_ok (input, TF_DECODE_WANT_PIXELS | TF_DECODE_WANT_STORED);
  g_autoptr(TfDecoded) again = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *seen_again = NULL;
  gboolean turned = orientation >= 5;

  g_assert_cmpstr (decoded->mime_type, ==, mime_type);
  g_assert_cmpint (decoded->orientation, ==, MAX (orientation, 1));
  g_assert_cmpint (decoded->width, ==, turned ? height : width);
  g_assert_cmpint (decoded->height, ==, turned ? width : height);
  g_assert_true (decoded->stripped);
  g_assert_cmpint (cairo_image_surface_get_width (decoded->pixels), ==, decoded->width);
  g_assert_cmpint (cairo_image_surface_get_height (decoded->pixels), ==, decoded->height);
  seen = corners (decoded->pixels);
  g_assert_cmpstr (seen, ==, upright_corners[MAX (orientation, 1)]);

  /* Nothing of the camera, the place or the comments is kept. */
  g_assert_nonnull (decoded->stored);
  g_assert_false (contains (decoded->stored, "Exif"));
  g_assert_false (contains (decoded->stored, "EXIF"));
  g_assert_false (contains (decoded->stored, "eXIf"));
  g_assert_false (contains (decoded->stored, "SpyCam"));
  g_assert_false (contains (decoded->stored, "SECRET"));
  g_assert_false (contains (decoded->stored, "Secret"));
  g_assert_false (contains (decoded->stored, "tIME"));
  if (profile != NULL)
    g_assert_true (contains (decoded->stored, profile));

  again = decode_ok (decoded->stored, TF_DECODE_WANT_PIXELS | TF_DECODE_WANT_STORED);
  g_assert_cmpstr (again->mime_type, ==, mime_type);
  g_assert_cmpint (again->orientation, ==, 1);
  g_assert_cmpint (again->width, ==, decoded->width);
  g_assert_cmpint (again->height, ==, decoded->height);
  seen_again = corners (again->pixels);
  g_assert_cmpstr (seen_again, ==, seen);
}

/* ---- Tests ---- */

static void
test_jpeg_orientation (void)
{
  /* 64 × 32: whole MCUs, turned losslessly; 60 × 30: partial ones, turned
   * by decoding and encoding again. */
  for (int orientation = 1; orientation <= 8; orientation++)
    {
      g_autoptr(GBytes) whole = make_jpeg (64, 32, orientation);
      g_autoptr(GBytes) partial = make_jpeg (60, 30, orientation);

      g_test_message ("JPEG orientation %d", orientation);
      check_upright_and_clean (whole, orientation, 64, 32, "image/jpeg", "ICC_PROFILE");
      check_upright_and_clean (partial, orientation, 60, 30, "image/jpeg", "ICC_PROFILE");
    }
}

static void
test_jpeg_lossless_when_upright (void)
{
  g_autoptr(GBytes) input = make_jpeg (64, 32, 1);
  g_autoptr(TfDecoded) decoded = decode_ok (input, TF_DECODE_WANT_STORED);
  gsize in_len, out_len;
  const guint8 *in = g_bytes_get_data (input, &in_len);
  const guint8 *out = g_bytes_get_data (decoded->stored, &out_len);
  const guint8 *in_sos = NULL, *out_sos = NULL;

  g_assert_null (decoded->pixels);
  /* The coded image, from its first scan on, is the same bytes. */
  for (gsize i = 0; i + 1 < in_len && in_sos == NULL; i++)
    if (in[i] == 0xff && in[i + 1] == 0xda)
      in_sos = in + i;
  for (gsize i = 0; i + 1 < out_len && out_sos == NULL; i++)
    if (out[i] == 0xff && out[i + 1] == 0xda)
      out_sos = out + i;
  g_assert_nonnull (in_sos);
  g_assert_nonnull (out_sos);
  g_assert_cmpuint (in_len - (gsize) (in_sos - in), ==, out_len - (gsize) (out_sos - out));
  g_assert_true (memcmp (in_sos, out_sos, in_len - (gsize) (in_sos - in)) == 0);
  g_assert_true (decoded->stripped);
  g_assert_false (contains (decoded->stored, "rue Secret"));
  g_assert_false (contains (decoded->stored, "xmpmeta"));
}

static void
test_png_orientation (void)
{
  for (int orientation = 0; orientation <= 8; orientation++)
    {
      g_autoptr(GBytes) input = make_png (40, 24, orientation);

      g_test_message ("PNG orientation %d", orientation);
      check_upright_and_clean (input, orientation, 40, 24, "image/png", orientation <= 1 ? "sRGB" : NULL);
    }
}

static void
test_webp_orientation (void)
{
  for (int orientation = 0; orientation <= 8; orientation++)
    {
      g_autoptr(GBytes) input = make_webp (40, 24, orientation);
      g_autoptr(TfDecoded) decoded = NULL;
      const guint8 *stored;

      g_test_message ("WebP orientation %d", orientation);
      check_upright_and_clean (input, orientation, 40, 24, "image/webp", "ICCP");
      g_assert_false (contains (input, "XMP ") == FALSE);
      decoded = decode_ok (input, TF_DECODE_WANT_STORED);
      g_assert_false (contains (decoded->stored, "XMP "));
      /* The extended header keeps the profile's flag, not EXIF's or XMP's. */
      stored = g_bytes_get_data (decoded->stored, NULL);
      g_assert_true (memcmp (stored + 12, "VP8X", 4) == 0);
      g_assert_cmphex (stored[20] & 0x2c, ==, 0x20);
    }
}

static void
test_scaled (void)
{
  g_autoptr(GBytes) jpeg = make_jpeg (640, 320, 6);
  TfDecodeOptions options = { TF_DECODE_WANT_PIXELS, 0, 100, 100 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TfDecoded) decoded = tf_decode_bytes (jpeg, &options, NULL, &error);
  g_autofree char *seen = NULL;

  g_assert_no_error (error);
  /* Upright 320 × 640, fitted in 100 × 100. */
  g_assert_cmpint (decoded->width, ==, 320);
  g_assert_cmpint (decoded->height, ==, 640);
  g_assert_cmpint (cairo_image_surface_get_width (decoded->pixels), ==, 50);
  g_assert_cmpint (cairo_image_surface_get_height (decoded->pixels), ==, 100);
  g_assert_null (decoded->stored);
  seen = corners (decoded->pixels);
  g_assert_cmpstr (seen, ==, upright_corners[6]);
}

static void
test_pdf (void)
{
  g_autoptr(GBytes) pdf = make_pdf (3);
  TfDecodeOptions options = { TF_DECODE_WANT_PIXELS | TF_DECODE_WANT_STORED, 1, 210, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TfDecoded) decoded = tf_decode_bytes (pdf, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (decoded->mime_type, ==, "application/pdf");
  g_assert_cmpint (decoded->n_pages, ==, 3);
  g_assert_cmpint (decoded->width, ==, 420);
  g_assert_cmpint (decoded->height, ==, 595);
  g_assert_cmpint (cairo_image_surface_get_width (decoded->pixels), ==, 210);
  g_assert_cmpint (cairo_image_surface_get_height (decoded->pixels), ==, 298);
  g_assert_cmpint (colour_at (decoded->pixels, 10, 10), ==, 'r');
  g_assert_true (g_bytes_equal (decoded->stored, pdf));

  /* A font of the system, found and read behind the filter. */
  {
    g_autoptr(GBytes) text = make_text_pdf ();
    TfDecodeOptions at_size = { TF_DECODE_WANT_PIXELS, 0, 0, 0 };
    g_autoptr(TfDecoded) drawn = tf_decode_bytes (text, &at_size, NULL, &error);
    const guint8 *pixels;
    int stride, dark = 0;

    g_assert_no_error (error);
    g_assert_cmpint (cairo_image_surface_get_width (drawn->pixels), ==, 200);
    pixels = cairo_image_surface_get_data (drawn->pixels);
    stride = cairo_image_surface_get_stride (drawn->pixels);
    for (int y = 0; y < 80; y++)
      for (int x = 0; x < 200; x++)
        dark += pixels[y * stride + x * 4 + 1] < 100;
    g_test_message ("HELLO: %d dark pixels", dark);
    g_assert_cmpint (dark, >, 500);
  }

  options.page = 3;
  g_clear_error (&error);
  g_assert_null (tf_decode_bytes (pdf, &options, NULL, &error));
  g_assert_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_NO_SUCH_PAGE);
}

static void
test_hostile (void)
{
  g_autoptr(GBytes) jpeg = make_jpeg (256, 256, 6);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) * 6 / 10);
  g_autoptr(GByteArray) cut = g_byte_array_new ();
  g_autoptr(GBytes) cut_with_end = NULL;
  g_autoptr(GBytes) huge = make_png_claiming (60000, 60000, FALSE);
  g_autoptr(GBytes) bomb = make_png_claiming (12000, 8000, TRUE);
  g_autoptr(GBytes) webp = make_webp (40, 24, 0);
  g_autoptr(GByteArray) bad_chunk = g_byte_array_new ();
  g_autoptr(GBytes) bad_webp = NULL;
  g_autoptr(GBytes) encrypted = make_encrypted_pdf ();
  g_autoptr(GBytes) many = make_pdf (TF_DECODE_MAX_PDF_PAGES + 1);
  g_autoptr(GBytes) malformed = g_bytes_new_static ("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF\n", 57);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) text = g_bytes_new_static ("GIF89a, or a letter", 19);

  g_test_message ("the bomb: %" G_GSIZE_FORMAT " bytes for 96 Mpx", g_bytes_get_size (bomb));
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 200000);

  /* The WebP with its VP8L chunk's size beyond the file. */
  g_byte_array_append (bad_chunk, g_bytes_get_data (webp, NULL), (guint) g_bytes_get_size (webp));
  for (guint i = 12; i + 8 <= bad_chunk->len; i++)
    if (memcmp (bad_chunk->data + i, "VP8L", 4) == 0)
      {
        memcpy (bad_chunk->data + i + 4, "\xff\xff\xff\x0f", 4);
        break;
      }
  bad_webp = g_bytes_new (bad_chunk->data, bad_chunk->len);
  /* Cut in its scan but ended properly: the decoder finds it short. */
  g_byte_array_append (cut, g_bytes_get_data (truncated, NULL), (guint) g_bytes_get_size (truncated));
  g_byte_array_append (cut, (const guint8 *) "\xff\xd9", 2);
  cut_with_end = g_bytes_new (cut->data, cut->len);

  assert_refused (truncated, TF_DECODE_ERROR_CORRUPT);
  assert_refused (cut_with_end, TF_DECODE_ERROR_CORRUPT);
  assert_refused (huge, TF_DECODE_ERROR_TOO_MANY_PIXELS);
  assert_refused (bomb, TF_DECODE_ERROR_TOO_MANY_PIXELS);
  assert_refused (bad_webp, TF_DECODE_ERROR_CORRUPT);
  assert_refused (encrypted, TF_DECODE_ERROR_ENCRYPTED);
  assert_refused (many, TF_DECODE_ERROR_TOO_MANY_PAGES);
  assert_refused (malformed, TF_DECODE_ERROR_CORRUPT);
  assert_refused (empty, TF_DECODE_ERROR_EMPTY);
  assert_refused (text, TF_DECODE_ERROR_UNSUPPORTED);

  /* And the next file decodes: nothing was left behind. */
  {
    g_autoptr(TfDecoded) decoded = decode_ok (jpeg, TF_DECODE_WANT_PIXELS);

    g_assert_cmpint (decoded->width, ==, 256);
  }
}

static void
test_files (void)
{
  g_autofree char *dir = tf_test_make_dir ("decode");
  g_autofree char *disguised = g_build_filename (dir, "photo.jpg", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.png", NULL);
  g_autofree char *gone = g_build_filename (dir, "gone.png", NULL);
  g_autoptr(GBytes) pdf = make_pdf (2);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfDecoded) decoded = NULL;
  TfDecodeOptions options = { TF_DECODE_WANT_PIXELS | TF_DECODE_WANT_STORED, 0, 0, 0 };

  /* A PDF named .jpg is read as what it is. */
  g_assert_true (g_file_set_contents (disguised, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf), NULL));
  decoded = tf_decode_file (disguised, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (decoded->mime_type, ==, "application/pdf");
  g_assert_cmpint (decoded->n_pages, ==, 2);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_null (tf_decode_file (empty, &options, NULL, &error));
  g_assert_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_null (tf_decode_file (gone, &options, NULL, &error));
  g_assert_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_UNREADABLE);
  g_clear_error (&error);

  g_assert_null (tf_decode_file (dir, &options, NULL, &error));
  g_assert_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_UNREADABLE);
  g_clear_error (&error);

  g_unlink (disguised);
  g_unlink (empty);
  tf_test_remove_tree (dir);
}

static void
restore_env (const char *name,
             const char *value)
{
  if (value != NULL)
    g_setenv (name, value, TRUE);
  else
    g_unsetenv (name);
}

/* A stand-in helper, a shell script, for what the real one must never do. */
static char *
fake_helper (const char *dir,
             const char *name,
             const char *body)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\n%s\n", body);

  g_assert_true (g_file_set_contents (path, script, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0700), ==, 0);
  return path;
}

static void
assert_helper_fails (const char *helper,
                     gint64      at_most_ms)
{
  g_autoptr(GBytes) png = make_png (8, 8, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfDecoded) decoded = NULL;
  const char *real = g_getenv ("TRANSFO_DECODE");
  g_autofree char *saved = g_strdup (real);
  gint64 start = g_get_monotonic_time ();

  g_setenv ("TRANSFO_DECODE", helper, TRUE);
  decoded = tf_decode_bytes (png, NULL, NULL, &error);
  restore_env ("TRANSFO_DECODE", saved);
  g_assert_null (decoded);
  g_assert_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER);
  g_test_message ("%s: %s, after %" G_GINT64_FORMAT " ms", helper, error->message,
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <=, at_most_ms);
}

static void
test_helper_failures (void)
{
  g_autofree char *dir = tf_test_make_dir ("decode-helpers");
  g_autofree char *sleeper = fake_helper (dir, "sleeper", "exec sleep 600");
  g_autofree char *crasher = fake_helper (dir, "crasher", "cat > /dev/null; kill -SEGV $$");
  g_autofree char *babbler = fake_helper (dir, "babbler", "cat > /dev/null; echo 'TFDECOD1 and then some nonsense'");
  g_autofree char *flood = fake_helper (dir, "flood", "cat > /dev/null; exec cat /dev/zero");
  /* A well-formed answer that claims 30000 × 30000 pixels (900 Mpx): it
   * must be turned down from its header, nothing allocated for it. */
  g_autofree char *liar = fake_helper (dir, "liar",
    "cat > /dev/null; printf 'TFDECOD1\\377\\377\\377\\377\\001\\0\\0\\0"
    "\\060\\165\\0\\0\\060\\165\\0\\0\\001\\0\\0\\0\\001\\0\\0\\0\\0\\0\\0\\0"
    "\\060\\165\\0\\0\\060\\165\\0\\0\\300\\324\\001\\0\\0\\0\\0\\0\\0\\0\\0\\0"
    "\\0\\244\\223\\326\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0'; exec sleep 600");
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);

  /* The deadline, shortened for the test, then killed and reaped. */
  g_setenv ("TRANSFO_DECODE_DEADLINE_MS", "1500", TRUE);
  assert_helper_fails (sleeper, 1500 + 5000);
  g_unsetenv ("TRANSFO_DECODE_DEADLINE_MS");
  assert_helper_fails (crasher, TF_DECODE_DEADLINE_MS);
  assert_helper_fails (babbler, TF_DECODE_DEADLINE_MS);
  assert_helper_fails (flood, TF_DECODE_DEADLINE_MS);
  /* Killed as soon as its header is read, not at the deadline. */
  assert_helper_fails (liar, 5000);
  assert_helper_fails (missing, TF_DECODE_DEADLINE_MS);

  g_unlink (sleeper);
  g_unlink (crasher);
  g_unlink (babbler);
  g_unlink (flood);
  g_unlink (liar);
  tf_test_remove_tree (dir);
}

static void
on_decoded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;
  TfDecoded *decoded = tf_decode_bytes_finish (result, error);

  if (decoded != NULL)
    {
      tf_decoded_free (decoded);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "decoded");
    }
}

/* Runs the main loop until *@error is set, at most @ms milliseconds. */
static void
wait_for_error (GError **error,
                guint    ms)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add (ms, tf_test_timed_out, &timed_out);

  while (*error == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
}

static void
test_async_and_cancel (void)
{
  g_autofree char *dir = tf_test_make_dir ("decode-cancel");
  g_autofree char *sleeper = fake_helper (dir, "sleeper", "exec sleep 600");
  g_autoptr(GBytes) jpeg = make_jpeg (64, 32, 6);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error = NULL;
  const char *real = g_getenv ("TRANSFO_DECODE");
  g_autofree char *saved = g_strdup (real);
  gint64 start;

  /* A real decode, without blocking. */
  tf_decode_bytes_async (jpeg, NULL, NULL, on_decoded, &error);
  wait_for_error (&error, 20000);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);   /* "decoded" */
  g_clear_error (&error);

  /* A helper that hangs, given up on when asked. */
  g_setenv ("TRANSFO_DECODE", sleeper, TRUE);
  start = g_get_monotonic_time ();
  tf_decode_bytes_async (jpeg, NULL, cancellable, on_decoded, &error);
  g_cancellable_cancel (cancellable);
  wait_for_error (&error, 5000);
  restore_env ("TRANSFO_DECODE", saved);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint ((g_get_monotonic_time () - start) / 1000, <, 5000);
  g_clear_error (&error);

  g_unlink (sleeper);
  tf_test_remove_tree (dir);
}

/* The real helper, asked (TRANSFO_DECODE_TEST_ESCAPE) to try what a
 * hostile decoder would once the filter is on. */
static void
test_seccomp (void)
{
  const struct {
    const char *what;
    gboolean    killed;   /* else refused: exits 4 */
  } tries[] = {
    { "open", FALSE },
    { "write", FALSE },
    { "exec-memory", FALSE },
    { "socket", TRUE },
    { "exec", TRUE },
  };
  const char *helper = g_getenv ("TRANSFO_DECODE");
  g_autofree char *dir = tf_test_make_dir ("decode-seccomp");
  g_autofree char *input = g_build_filename (dir, "in.png", NULL);
  g_autoptr(GBytes) png = make_png (8, 8, 0);

  g_assert_nonnull (helper);
  g_assert_true (g_file_set_contents (input, g_bytes_get_data (png, NULL), (gssize) g_bytes_get_size (png), NULL));
  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      g_autofree char *command = g_strdup_printf ("env ASAN_OPTIONS=detect_leaks=0 TRANSFO_DECODE_TEST_ESCAPE=%s %s 3 0 0 0 < %s > /dev/null",
                                                  tries[i].what, helper, input);
      const char *argv[] = { "/bin/sh", "-c", command, NULL };
      int status = 0;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_test_message ("%s: status %d", tries[i].what, status);
      /* The shell reports a child killed by signal N as 128 + N. */
      if (tries[i].killed)
        g_assert_true ((WIFEXITED (status) && WEXITSTATUS (status) == 128 + SIGSYS) ||
                       (WIFSIGNALED (status) && WTERMSIG (status) == SIGSYS));
      else
        g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 4);
    }
  g_assert_false (g_file_test ("/tmp/transfo-decode-escape", G_FILE_TEST_EXISTS));
  g_unlink (input);
  tf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decode/jpeg/orientation", test_jpeg_orientation);
  g_test_add_func ("/decode/jpeg/lossless", test_jpeg_lossless_when_upright);
  g_test_add_func ("/decode/png/orientation", test_png_orientation);
  g_test_add_func ("/decode/webp/orientation", test_webp_orientation);
  g_test_add_func ("/decode/scaled", test_scaled);
  g_test_add_func ("/decode/pdf", test_pdf);
  g_test_add_func ("/decode/hostile", test_hostile);
  g_test_add_func ("/decode/files", test_files);
  g_test_add_func ("/decode/helper-failures", test_helper_failures);
  g_test_add_func ("/decode/async", test_async_and_cancel);
  g_test_add_func ("/decode/seccomp", test_seccomp);
  return g_test_run ();
}
