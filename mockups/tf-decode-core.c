/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What transfo-decode does with a file's bytes (tf-decode-core.h): sniff,
 * check the sizes a header claims before anything is allocated, decode,
 * turn the pixels upright, and prepare the bytes the archive keeps (every
 * metadata block removed but the colour profile, the EXIF orientation
 * applied). Everything here reads untrusted bytes: every length is checked
 * against what is left before it is used. */

#include <cairo.h>
#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <png.h>
#include <poppler.h>
#include <string.h>
#include <turbojpeg.h>
#include <webp/decode.h>
#include <webp/encode.h>

#include "tf-decode.h"
#include "tf-decode-core.h"

/* Straight (not premultiplied) pixels, in CAIRO_FORMAT_ARGB32's byte
 * order, rows of width × 4 bytes. */
typedef struct {
  int       width;
  int       height;
  guint8   *data;
  gboolean  opaque;   /* every alpha is 255: nothing to premultiply */
} Image;

/* Memory for pixels, freed with g_free(). Megabytes of them are asked for
 * in huge pages when the system has them: a 12-Mpx photo written into
 * fresh memory otherwise costs some twelve thousand page faults, a quarter
 * of its decoding time. */
static gpointer
pixels_alloc (gsize size)
{
  const gsize huge = 2 * 1024 * 1024;
  void *memory = NULL;

  if (size < 2 * huge)
    return g_try_malloc (size);
  if (posix_memalign (&memory, huge, size) != 0)
    return NULL;
  madvise (memory, size - size % huge, MADV_HUGEPAGE);
  return memory;
}

static void
image_clear (Image *image)
{
  g_free (image->data);
  image->data = NULL;
}

static void
refuse (TfDecodeResult *result,
        TfDecodeError   code,
        const char     *format,
        ...) G_GNUC_PRINTF (3, 4);

static void
refuse (TfDecodeResult *result,
        TfDecodeError   code,
        const char     *format,
        ...)
{
  va_list args;

  if (result->answer.status != TF_DECODE_STATUS_OK)
    return;   /* the first reason stands */
  result->answer.status = code;
  g_free (result->message);
  va_start (args, format);
  result->message = g_strdup_vprintf (format, args);
  va_end (args);
}

static gboolean
refused (TfDecodeResult *result)
{
  return result->answer.status != TF_DECODE_STATUS_OK;
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
le32 (const guint8 *p)
{
  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static void
put_le32 (GByteArray *out,
          guint32     value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, bytes, 4);
}

/* Whether a photo of @width × @height may be decoded; refuses it if not. */
static gboolean
size_allowed (TfDecodeResult *result,
              gint64          width,
              gint64          height)
{
  if (width <= 0 || height <= 0)
    {
      refuse (result, TF_DECODE_ERROR_CORRUPT, "the header claims %" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " pixels",
              width, height);
      return FALSE;
    }
  /* cairo's own limit on a side, too. */
  if (width * height > TF_DECODE_MAX_PIXELS || width > 32767 || height > 32767)
    {
      refuse (result, TF_DECODE_ERROR_TOO_MANY_PIXELS, "%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " pixels",
              width, height);
      return FALSE;
    }
  return TRUE;
}

int
tf_decode_sniff (const guint8 *data,
                 gsize         len)
{
  static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (len >= 8 && memcmp (data, png_signature, 8) == 0)
    return TF_DECODE_KIND_PNG;
  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return TF_DECODE_KIND_JPEG;
  if (len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return TF_DECODE_KIND_WEBP;
  /* A PDF may have bytes before its header; readers look in the first KiB. */
  if (len >= 5)
    {
      gsize window = MIN (len, 1024);

      for (gsize i = 0; i + 5 <= window; i++)
        if (memcmp (data + i, "%PDF-", 5) == 0)
          return TF_DECODE_KIND_PDF;
    }
  return -1;
}

/* ---- EXIF orientation: a small TIFF reader, bounds-checked ---- */

int
tf_decode_exif_orientation (const guint8 *tiff,
                            gsize         len)
{
  gboolean big;
  guint32 ifd;
  guint count;

  if (len >= 6 && memcmp (tiff, "Exif\0\0", 6) == 0)
    {
      tiff += 6;
      len -= 6;
    }
  if (len < 8)
    return 1;
  if (memcmp (tiff, "II*\0", 4) == 0)
    big = FALSE;
  else if (memcmp (tiff, "MM\0*", 4) == 0)
    big = TRUE;
  else
    return 1;

#define U16(p) (big ? (guint) (((p)[0] << 8) | (p)[1]) : (guint) (((p)[1] << 8) | (p)[0]))
#define U32(p) (big ? be32 (p) : le32 (p))
  ifd = U32 (tiff + 4);
  if (ifd < 8 || ifd > len - 2)
    return 1;
  count = U16 (tiff + ifd);
  for (guint i = 0; i < count; i++)
    {
      gsize at = (gsize) ifd + 2 + (gsize) i * 12;
      const guint8 *entry;

      if (at + 12 > len)
        return 1;
      entry = tiff + at;
      /* Orientation, a SHORT, one of it, in the entry itself. */
      if (U16 (entry) == 0x0112 && U16 (entry + 2) == 3 && U32 (entry + 4) == 1)
        {
          guint value = U16 (entry + 8);

          return value >= 1 && value <= 8 ? (int) value : 1;
        }
    }
  return 1;
#undef U16
#undef U32
}

/* ---- Orientation of pixels ---- */

/* @image turned as EXIF @orientation says, so that it is upright. */
static gboolean
orient (Image *image,
        int    orientation)
{
  int w = image->width, h = image->height;
  gboolean swap = orientation >= 5;
  int dw = swap ? h : w, dh = swap ? w : h;
  const guint32 *src = (const guint32 *) image->data;
  guint32 *dst;

  if (orientation <= 1 || orientation > 8)
    return TRUE;
  dst = pixels_alloc ((gsize) w * h * 4);
  if (dst == NULL)
    return FALSE;
  /* By tiles, so that a quarter turn of megapixels stays in the caches;
   * one loop for each orientation, so that nothing is decided per pixel. */
#define TURN(DX, DY) \
  for (int ty = 0; ty < h; ty += 32) \
    for (int tx = 0; tx < w; tx += 32) \
      for (int y = ty; y < MIN (ty + 32, h); y++) \
        for (int x = tx; x < MIN (tx + 32, w); x++) \
          dst[(gsize) (DY) * dw + (DX)] = src[(gsize) y * w + x]
  switch (orientation)
    {
    case 2: TURN (w - 1 - x, y); break;
    case 3: TURN (w - 1 - x, h - 1 - y); break;
    case 4: TURN (x, h - 1 - y); break;
    case 5: TURN (y, x); break;
    case 6: TURN (h - 1 - y, x); break;
    case 7: TURN (h - 1 - y, w - 1 - x); break;
    default: TURN (y, w - 1 - x); break;   /* 8 */
    }
#undef TURN
  g_free (image->data);
  image->data = (guint8 *) dst;
  image->width = dw;
  image->height = dh;
  return TRUE;
}

/* The size that fits @max_width × @max_height (0: unbounded), never larger. */
static void
fit (int  width,
     int  height,
     int  max_width,
     int  max_height,
     int *out_width,
     int *out_height)
{
  double scale = 1.0;

  if (max_width > 0)
    scale = MIN (scale, (double) max_width / width);
  if (max_height > 0)
    scale = MIN (scale, (double) max_height / height);
  *out_width = MAX (1, (int) floor (width * scale + 0.5));
  *out_height = MAX (1, (int) floor (height * scale + 0.5));
  if (max_width > 0)
    *out_width = MIN (*out_width, max_width);
  if (max_height > 0)
    *out_height = MIN (*out_height, max_height);
}

/* Premultiplies @image, scales it to fit and hands it to @result. */
static void
give_pixels (TfDecodeResult *result,
             Image          *image,
             int             max_width,
             int             max_height)
{
  int width, height, stride;
  cairo_surface_t *source, *target;
  cairo_t *cr;
  guint8 *pixels;

  for (gsize i = 0, n = image->opaque ? 0 : (gsize) image->width * image->height; i < n; i++)
    {
      guint8 *p = image->data + i * 4;
      guint alpha = p[G_BYTE_ORDER == G_LITTLE_ENDIAN ? 3 : 0];

      if (alpha == 255)
        continue;
      for (int c = 0; c < 4; c++)
        if (c != (G_BYTE_ORDER == G_LITTLE_ENDIAN ? 3 : 0))
          p[c] = (guint8) ((p[c] * alpha + 127) / 255);
    }

  fit (image->width, image->height, max_width, max_height, &width, &height);
  if (width == image->width && height == image->height)
    {
      result->pixels = g_steal_pointer (&image->data);
      result->answer.pix_width = width;
      result->answer.pix_height = height;
      result->answer.pix_stride = width * 4;
      result->answer.pixels_len = (guint64) width * height * 4;
      return;
    }

  stride = width * 4;
  pixels = pixels_alloc ((gsize) stride * height);
  if (pixels == NULL)
    {
      refuse (result, TF_DECODE_ERROR_TOO_MANY_PIXELS, "out of memory");
      return;
    }
  source = cairo_image_surface_create_for_data (image->data, CAIRO_FORMAT_ARGB32,
                                                image->width, image->height, image->width * 4);
  target = cairo_image_surface_create_for_data (pixels, CAIRO_FORMAT_ARGB32, width, height, stride);
  cr = cairo_create (target);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_scale (cr, (double) width / image->width, (double) height / image->height);
  cairo_set_source_surface (cr, source, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_finish (target);
  cairo_surface_destroy (target);
  cairo_surface_destroy (source);

  result->pixels = pixels;
  result->answer.pix_width = width;
  result->answer.pix_height = height;
  result->answer.pix_stride = stride;
  result->answer.pixels_len = (guint64) stride * height;
}

/* ---- JPEG ---- */

typedef struct {
  GByteArray *out;        /* the stripped file */
  GByteArray *icc;        /* the APP2 ICC_PROFILE segments, whole */
  int         orientation;
  gboolean    stripped;
} JpegWalk;

/* Walks the markers of a JPEG, keeping all but the metadata segments, up to
 * its EOI (what follows is dropped too). FALSE: truncated or malformed. */
static gboolean
jpeg_walk (const guint8 *data,
           gsize         len,
           JpegWalk     *walk)
{
  gsize pos = 2;

  g_byte_array_append (walk->out, data, 2);
  for (;;)
    {
      guint marker;
      guint seglen;
      const guint8 *payload;
      gboolean keep = TRUE;

      if (pos + 2 > len || data[pos] != 0xff)
        return FALSE;
      while (pos + 1 < len && data[pos + 1] == 0xff)
        pos++;   /* fill bytes */
      if (pos + 2 > len)
        return FALSE;
      marker = data[pos + 1];
      if (marker == 0xd9)
        {
          g_byte_array_append (walk->out, data + pos, 2);
          if (pos + 2 < len)
            walk->stripped = TRUE;   /* what trails the image goes */
          return TRUE;
        }
      if (marker == 0xd8 || marker == 0x00)
        return FALSE;
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        {
          g_byte_array_append (walk->out, data + pos, 2);
          pos += 2;
          continue;
        }
      if (pos + 4 > len)
        return FALSE;
      seglen = ((guint) data[pos + 2] << 8) | data[pos + 3];
      if (seglen < 2 || pos + 2 + seglen > len)
        return FALSE;
      payload = data + pos + 4;

      if (marker >= 0xe0 && marker <= 0xef)
        {
          gsize plen = seglen - 2;

          if (marker == 0xe1 && plen >= 6 && memcmp (payload, "Exif\0\0", 6) == 0 && walk->orientation == 0)
            walk->orientation = tf_decode_exif_orientation (payload, plen);
          if (marker == 0xe0)
            keep = plen >= 5 && memcmp (payload, "JFIF\0", 5) == 0;
          else if (marker == 0xe2)
            keep = plen >= 12 && memcmp (payload, "ICC_PROFILE\0", 12) == 0;
          else if (marker == 0xee)
            /* Adobe's says how the colours are coded (CMYK, YCCK): no
             * metadata, and the picture is wrong without it. */
            keep = plen >= 5 && memcmp (payload, "Adobe", 5) == 0;
          else
            keep = FALSE;
          if (keep && marker == 0xe2)
            g_byte_array_append (walk->icc, data + pos, seglen + 2);
        }
      else if (marker == 0xfe)
        keep = FALSE;   /* a comment */
      if (keep)
        g_byte_array_append (walk->out, data + pos, seglen + 2);
      else
        walk->stripped = TRUE;
      pos += 2 + seglen;

      if (marker == 0xda)
        {
          /* Entropy-coded data up to the next marker that is not a restart
           * or a stuffed byte. */
          gsize start = pos;

          for (;;)
            {
              const guint8 *ff = pos < len ? memchr (data + pos, 0xff, len - pos) : NULL;
              guint next;

              if (ff == NULL || (gsize) (ff - data) + 1 >= len)
                return FALSE;   /* truncated: no EOI */
              pos = (gsize) (ff - data);
              next = data[pos + 1];
              if (next == 0x00 || (next >= 0xd0 && next <= 0xd7))
                {
                  pos += 2;
                  continue;
                }
              if (next == 0xff)
                {
                  pos += 1;
                  continue;
                }
              break;
            }
          g_byte_array_append (walk->out, data + start, pos - start);
        }
    }
}

static const int jpeg_ops[9] = {
  TJXOP_NONE, TJXOP_NONE, TJXOP_HFLIP, TJXOP_ROT180, TJXOP_VFLIP,
  TJXOP_TRANSPOSE, TJXOP_ROT90, TJXOP_TRANSVERSE, TJXOP_ROT270,
};

#define JPEG_PIXEL_FORMAT (G_BYTE_ORDER == G_LITTLE_ENDIAN ? TJPF_BGRA : TJPF_ARGB)

/* Adobe's CMYK (stored inverted) to straight BGRA, in place. */
static void
cmyk_to_bgra (Image *image)
{
  for (gsize i = 0, n = (gsize) image->width * image->height; i < n; i++)
    {
      guint8 *p = image->data + i * 4;
      guint c = p[0], m = p[1], y = p[2], k = p[3];
      guint8 r = (guint8) (c * k / 255), g = (guint8) (m * k / 255), b = (guint8) (y * k / 255);

      if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
        { p[0] = b; p[1] = g; p[2] = r; p[3] = 255; }
      else
        { p[0] = 255; p[1] = r; p[2] = g; p[3] = b; }
    }
}

/* Decodes @data at @num/@denom of its size into @image (straight BGRA). */
static gboolean
jpeg_decode (tjhandle        handle,
             const guint8   *data,
             gsize           len,
             int             colorspace,
             tjscalingfactor factor,
             Image          *image,
             TfDecodeResult *result)
{
  gboolean cmyk = colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
  int status;

  image->data = pixels_alloc ((gsize) image->width * image->height * 4);
  if (image->data == NULL)
    {
      refuse (result, TF_DECODE_ERROR_TOO_MANY_PIXELS, "out of memory");
      return FALSE;
    }
  status = tjDecompress2 (handle, data, (unsigned long) len, image->data, image->width,
                          image->width * 4, image->height,
                          cmyk ? TJPF_CMYK : JPEG_PIXEL_FORMAT, TJFLAG_ACCURATEDCT);
  if (status != 0)
    {
      const char *why = tjGetErrorStr2 (handle);

      /* A warning is a damaged image that still decodes, but a truncated
       * one is refused: half a photo is not what was meant. */
      if (tjGetErrorCode (handle) == TJERR_FATAL || strcasestr (why, "premature end") != NULL)
        {
          refuse (result, TF_DECODE_ERROR_CORRUPT, "JPEG: %s", why);
          return FALSE;
        }
    }
  if (cmyk)
    cmyk_to_bgra (image);
  return TRUE;
}

/* @icc's segments put after the SOI and the JFIF segment of @jpeg. */
static GBytes *
jpeg_with_icc (const guint8 *jpeg,
               gsize         len,
               GByteArray   *icc)
{
  GByteArray *out = g_byte_array_sized_new ((guint) (len + icc->len));
  gsize at = 2;

  if (len >= 6 && jpeg[2] == 0xff && jpeg[3] == 0xe0)
    at = MIN (len, 4 + (((gsize) jpeg[4] << 8) | jpeg[5]));
  g_byte_array_append (out, jpeg, (guint) at);
  g_byte_array_append (out, icc->data, icc->len);
  g_byte_array_append (out, jpeg + at, (guint) (len - at));
  return g_byte_array_free_to_bytes (out);
}

static void
decode_jpeg (const guint8   *data,
             gsize           len,
             int             wants,
             int             max_width,
             int             max_height,
             TfDecodeResult *result)
{
  tjhandle handle = tjInitDecompress ();
  JpegWalk walk = { g_byte_array_new (), g_byte_array_new (), 0, FALSE };
  int width = 0, height = 0, subsamp = 0, colorspace = 0;
  int orientation;
  int n_factors = 0;
  tjscalingfactor *factors = tjGetScalingFactors (&n_factors);
  tjscalingfactor factor = { 1, 1 };
  gboolean full;
  Image image = { 0 };
  /* What is decoded: the file, or the file turned losslessly. */
  const guint8 *source = data;
  gsize source_len = len;
  int source_width, source_height, turn;
  unsigned char *turned = NULL;
  unsigned long turned_len = 0;

  if (tjDecompressHeader3 (handle, data, (unsigned long) len, &width, &height, &subsamp, &colorspace) != 0)
    {
      refuse (result, TF_DECODE_ERROR_CORRUPT, "JPEG: %s", tjGetErrorStr2 (handle));
      goto out;
    }
  if (!size_allowed (result, width, height))
    goto out;
  if (!jpeg_walk (data, len, &walk))
    {
      refuse (result, TF_DECODE_ERROR_CORRUPT, "JPEG: truncated or malformed markers");
      goto out;
    }
  orientation = walk.orientation > 0 ? walk.orientation : 1;
  result->answer.orientation = orientation;
  result->answer.width = orientation >= 5 ? height : width;
  result->answer.height = orientation >= 5 ? width : height;
  result->answer.stripped = walk.stripped;
  source_width = width;
  source_height = height;
  turn = orientation;

  /* To be stored turned: losslessly when the blocks allow it (the markers
   * the walk kept, the profile, are copied), and then the pixels are
   * decoded from the turned file, upright already. Any warning of the
   * transform (a damaged file) leaves it to the decoding below. */
  if ((wants & TF_DECODE_WANT_STORED) && orientation != 1)
    {
      tjhandle transformer = tjInitTransform ();
      tjtransform transform = { .op = jpeg_ops[orientation], .options = TJXOPT_PERFECT };

      result->answer.stripped = TRUE;   /* the orientation tag went */
      if (tjTransform (transformer, walk.out->data, walk.out->len, 1, &turned, &turned_len,
                       &transform, 0) == 0)
        {
          result->stored = g_bytes_new (turned, turned_len);
          source = turned;
          source_len = turned_len;
          if (orientation >= 5)
            {
              source_width = height;
              source_height = width;
            }
          turn = 1;
        }
      tjDestroy (transformer);
    }

  /* The smallest size that still fills what is asked (every size decodes
   * all of the data, so a damaged file is found at any); the whole of it
   * when it is to be encoded again. */
  full = (wants & TF_DECODE_WANT_STORED) && turn != 1;
  if (!full && factors != NULL)
    {
      int want_w = 0, want_h = 0;

      if (wants & TF_DECODE_WANT_PIXELS)
        {
          /* The target in the source's own axes. */
          int mw = turn >= 5 ? max_height : max_width;
          int mh = turn >= 5 ? max_width : max_height;

          fit (source_width, source_height, mw, mh, &want_w, &want_h);
          if (mw <= 0 && mh <= 0)
            want_w = source_width, want_h = source_height;
        }
      else
        want_w = want_h = 1;
      for (int i = 0; i < n_factors; i++)
        {
          int sw = TJSCALED (source_width, factors[i]);
          int sh = TJSCALED (source_height, factors[i]);

          if (factors[i].num > factors[i].denom)
            continue;
          if (sw >= want_w && sh >= want_h &&
              (gint64) factors[i].num * factor.denom < (gint64) factor.num * factors[i].denom)
            factor = factors[i];
        }
    }
  image.width = TJSCALED (source_width, factor);
  image.height = TJSCALED (source_height, factor);
  image.opaque = TRUE;
  if (!jpeg_decode (handle, source, source_len, colorspace, factor, &image, result))
    goto out;
  if (!orient (&image, turn))
    {
      refuse (result, TF_DECODE_ERROR_TOO_MANY_PIXELS, "out of memory");
      goto out;
    }

  if ((wants & TF_DECODE_WANT_STORED) && result->stored == NULL)
    {
      if (orientation == 1)
        result->stored = g_byte_array_free_to_bytes (g_steal_pointer (&walk.out));
      else
        {
          /* Partial blocks: encoded again from the upright pixels, at a
           * high quality, with the profile put back. */
          tjhandle compressor = tjInitCompress ();
          int sampling = subsamp == TJSAMP_GRAY || subsamp == TJSAMP_420 ? subsamp : TJSAMP_444;
          unsigned char *encoded = NULL;
          unsigned long encoded_len = 0;

          if (tjCompress2 (compressor, image.data, image.width, image.width * 4, image.height,
                           JPEG_PIXEL_FORMAT, &encoded, &encoded_len, sampling, 95,
                           TJFLAG_ACCURATEDCT) == 0)
            result->stored = jpeg_with_icc (encoded, encoded_len, walk.icc);
          else
            refuse (result, TF_DECODE_ERROR_CORRUPT, "JPEG: %s", tjGetErrorStr2 (compressor));
          tjFree (encoded);
          tjDestroy (compressor);
        }
    }
  if (!refused (result) && (wants & TF_DECODE_WANT_PIXELS))
    give_pixels (result, &image, max_width, max_height);

out:
  image_clear (&image);
  tjFree (turned);
  if (walk.out != NULL)
    g_byte_array_unref (walk.out);
  g_byte_array_unref (walk.icc);
  tjDestroy (handle);
}

/* ---- PNG ---- */

static gboolean
png_chunk_kept (const guint8 *type)
{
  static const char * const kept[] = {
    "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "cHRM", "gAMA", "iCCP", "sBIT",
    "sRGB", "cICP", "pHYs", "bKGD", "hIST", "acTL", "fcTL", "fdAT",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    if (memcmp (type, kept[i], 4) == 0)
      return TRUE;
  return FALSE;
}

typedef struct {
  GByteArray *out;
  GByteArray *colour;    /* iCCP or sRGB, pHYs, cICP chunks, whole */
  gboolean    has_icc;
  int         orientation;
  gboolean    stripped;
} PngWalk;

static gboolean
png_walk (const guint8 *data,
          gsize         len,
          PngWalk      *walk)
{
  gsize pos = 8;

  g_byte_array_append (walk->out, data, 8);
  while (pos + 12 <= len)
    {
      guint32 clen = be32 (data + pos);
      const guint8 *type = data + pos + 4;

      if (clen > 0x7fffffff || clen > len - pos - 12)
        return FALSE;
      if (memcmp (type, "eXIf", 4) == 0 && walk->orientation == 0)
        walk->orientation = tf_decode_exif_orientation (data + pos + 8, clen);
      if (png_chunk_kept (type))
        {
          g_byte_array_append (walk->out, data + pos, clen + 12);
          if (memcmp (type, "iCCP", 4) == 0)
            walk->has_icc = TRUE;
          if (memcmp (type, "iCCP", 4) == 0 || memcmp (type, "pHYs", 4) == 0 || memcmp (type, "cICP", 4) == 0)
            g_byte_array_append (walk->colour, data + pos, clen + 12);
        }
      else
        walk->stripped = TRUE;
      pos += clen + 12;
      if (memcmp (type, "IEND", 4) == 0)
        {
          if (pos < len)
            walk->stripped = TRUE;
          return TRUE;
        }
    }
  return FALSE;   /* no IEND: truncated */
}

#define PNG_PIXEL_FORMAT (G_BYTE_ORDER == G_LITTLE_ENDIAN ? PNG_FORMAT_BGRA : PNG_FORMAT_ARGB)

static void
decode_png (const guint8   *data,
            gsize           len,
            int             wants,
            int             max_width,
            int             max_height,
            TfDecodeResult *result)
{
  png_image png = { .version = PNG_IMAGE_VERSION };
  PngWalk walk = { g_byte_array_new (), g_byte_array_new (), FALSE, 0, FALSE };
  Image image = { 0 };
  int orientation;

  if (!png_walk (data, len, &walk))
    {
      refuse (result, TF_DECODE_ERROR_CORRUPT, "PNG: truncated or malformed chunks");
      goto out;
    }
  orientation = walk.orientation > 0 ? walk.orientation : 1;
  if (!png_image_begin_read_from_memory (&png, data, len))
    {
      refuse (result, TF_DECODE_ERROR_CORRUPT, "PNG: %s", png.message);
      goto out;
    }
  /* The header's claim, before anything as large is allocated. */
  if (!size_allowed (result, png.width, png.height))
    goto out;
  result->answer.orientation = orientation;
  result->answer.width = orientation >= 5 ? (int) png.height : (int) png.width;
  result->answer.height = orientation >= 5 ? (int) png.width : (int) png.height;
  result->answer.stripped = walk.stripped;

  png.format = PNG_PIXEL_FORMAT;
  image.width = (int) png.width;
  image.height = (int) png.height;
  image.data = pixels_alloc (PNG_IMAGE_SIZE (png));
  if (image.data == NULL)
    {
      refuse (result, TF_DECODE_ERROR_TOO_MANY_PIXELS, "out of memory");
      goto out;
    }
  if (!png_image_finish_read (&png, NULL, image.data, 0, NULL))
    {
      refuse (result, TF_DECODE_ERROR_CORRUPT, "PNG: %s", png.message);
      goto out;
    }
  if (!orient (&image, orientation))
    {
      refuse (result, TF_DECODE_ERROR_TOO_MANY_PIXELS, "out of memory");
      goto out;
    }

  if (wants & TF_DECODE_WANT_STORED)
    {
      if (orientation == 1)
        result->stored = g_byte_array_free_to_bytes (g_steal_pointer (&walk.out));
      else
        {
          png_image out = { .version = PNG_IMAGE_VERSION };
          png_alloc_size_t size = 0;
          guint8 *encoded;

          /* Decoded to sRGB from a gamma; an ICC profile is kept as is. */
          out.width = (png_uint_32) image.width;
          out.height = (png_uint_32) image.height;
          out.format = PNG_PIXEL_FORMAT;
          if (walk.has_icc)
            out.flags = PNG_IMAGE_FLAG_COLORSPACE_NOT_sRGB;
          result->answer.stripped = TRUE;
          if (!png_image_write_get_memory_size (out, size, 0, image.data, 0, NULL) ||
              (encoded = g_try_malloc (size)) == NULL)
            refuse (result, TF_DECODE_ERROR_TOO_MANY_PIXELS, "PNG: cannot encode");
          else if (!png_image_write_to_memory (&out, encoded, &size, 0, image.data, 0, NULL) || size < 33)
            {
              refuse (result, TF_DECODE_ERROR_CORRUPT, "PNG: %s", out.message);
              g_free (encoded);
            }
          else
            {
              /* The profile and the density after IHDR (8 + 25 bytes). */
              GByteArray *stored = g_byte_array_sized_new ((guint) (size + walk.colour->len));

              g_byte_array_append (stored, encoded, 33);
              g_byte_array_append (stored, walk.colour->data, walk.colour->len);
              g_byte_array_append (stored, encoded + 33, (guint) (size - 33));
              result->stored = g_byte_array_free_to_bytes (stored);
              g_free (encoded);
            }
          png_image_free (&out);
        }
    }
  if (!refused (result) && (wants & TF_DECODE_WANT_PIXELS))
    give_pixels (result, &image, max_width, max_height);

out:
  png_image_free (&png);
  image_clear (&image);
  if (walk.out != NULL)
    g_byte_array_unref (walk.out);
  g_byte_array_unref (walk.colour);
}

/* ---- WebP ---- */

typedef struct {
  GByteArray    *out;      /* the stripped RIFF */
  const guint8  *icc;      /* the ICCP chunk's payload */
  gsize          icc_len;
  int            orientation;
  gboolean       stripped;
} WebpWalk;

static gboolean
webp_chunk_kept (const guint8 *fourcc)
{
  static const char * const kept[] = { "VP8 ", "VP8L", "VP8X", "ALPH", "ICCP", "ANIM", "ANMF" };

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    if (memcmp (fourcc, kept[i], 4) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
webp_walk (const guint8 *data,
           gsize         len,
           WebpWalk     *walk)
{
  guint32 riff = le32 (data + 4);
  gsize end, pos = 12;
  guint vp8x_at = 0;
  gboolean image = FALSE;

  if (riff < 4 || riff > len - 8 || (riff & 1))
    return FALSE;
  end = 8 + (gsize) riff;
  g_byte_array_append (walk->out, data, 12);
  while (pos < end)
    {
      guint32 clen;
      gsize padded;
      const guint8 *fourcc = data + pos;

      if (end - pos < 8)
        return FALSE;
      clen = le32 (data + pos + 4);
      padded = (gsize) clen + (clen & 1);
      if (padded > end - pos - 8)
        return FALSE;
      if (memcmp (fourcc, "EXIF", 4) == 0 && walk->orientation == 0)
        walk->orientation = tf_decode_exif_orientation (data + pos + 8, clen);
      if (memcmp (fourcc, "VP8X", 4) == 0)
        {
          if (clen < 10 || pos != 12)
            return FALSE;
          vp8x_at = walk->out->len;
        }
      if (memcmp (fourcc, "ICCP", 4) == 0)
        {
          walk->icc = data + pos + 8;
          walk->icc_len = clen;
        }
      if (memcmp (fourcc, "VP8 ", 4) == 0 || memcmp (fourcc, "VP8L", 4) == 0 || memcmp (fourcc, "ANMF", 4) == 0)
        image = TRUE;
      if (webp_chunk_kept (fourcc))
        g_byte_array_append (walk->out, data + pos, (guint) (8 + padded));
      else
        walk->stripped = TRUE;
      pos += 8 + padded;
    }
  if (!image)
    return FALSE;
  if (end < len)
    walk->stripped = TRUE;
  /* The extended header no longer announces EXIF (bit 3) or XMP (bit 2). */
  if (vp8x_at != 0)
    walk->out->data[vp8x_at + 8] &= (guint8) ~0x0c;
  /* The RIFF size of what is left. */
  {
    guint32 size = walk->out->len - 8;

    walk->out->data[4] = size & 0xff;
    walk->out->data[5] = (size >> 8) & 0xff;
    walk->out->data[6] = (size >> 16) & 0xff;
    walk->out->data[7] = (size >> 24) & 0xff;
  }
  return TRUE;
}

/* A lossless WebP of @image, with @icc's profile when there is one. */
static GBytes *
webp_encode (Image        *image,
             gboolean      alpha,
             const guint8 *icc,
             gsize         icc_len)
{
  WebPConfig config;
  WebPPicture picture;
  WebPMemoryWriter writer;
  GByteArray *out;
  const guint8 *vp8l = NULL;
  gsize vp8l_len = 0;
  gboolean ok;

  if (!WebPConfigInit (&config) || !WebPConfigLosslessPreset (&config, 1) || !WebPPictureInit (&picture))
    return NULL;
  config.exact = 1;
  picture.use_argb = 1;
  picture.width = image->width;
  picture.height = image->height;
  WebPMemoryWriterInit (&writer);
  picture.writer = WebPMemoryWrite;
  picture.custom_ptr = &writer;
  ok = (G_BYTE_ORDER == G_LITTLE_ENDIAN
        ? WebPPictureImportBGRA (&picture, image->data, image->width * 4)
        : WebPPictureImportRGBA (&picture, image->data, image->width * 4)) &&
       WebPEncode (&config, &picture);
  WebPPictureFree (&picture);
  if (!ok || writer.size < 20)
    {
      WebPMemoryWriterClear (&writer);
      return NULL;
    }
  if (icc == NULL)
    return g_bytes_new_take (writer.mem, writer.size);

  /* RIFF, WEBP, then the one VP8L chunk of a simple file. */
  if (memcmp (writer.mem + 12, "VP8L", 4) == 0)
    {
      vp8l = writer.mem + 12;
      vp8l_len = writer.size - 12;
    }
  if (vp8l == NULL)
    {
      WebPMemoryWriterClear (&writer);
      return NULL;
    }
  out = g_byte_array_new ();
  g_byte_array_append (out, (const guint8 *) "RIFF\0\0\0\0WEBPVP8X", 16);
  put_le32 (out, 10);
  {
    guint8 header[10] = { 0x20 | (alpha ? 0x10 : 0), 0, 0, 0 };
    guint32 w = (guint32) image->width - 1, h = (guint32) image->height - 1;

    header[4] = w & 0xff; header[5] = (w >> 8) & 0xff; header[6] = (w >> 16) & 0xff;
    header[7] = h & 0xff; header[8] = (h >> 8) & 0xff; header[9] = (h >> 16) & 0xff;
    g_byte_array_append (out, header, 10);
  }
  g_byte_array_append (out, (const guint8 *) "ICCP", 4);
  put_le32 (out, (guint32) icc_len);
  g_byte_array_append (out, icc, (guint) icc_len);
  if (icc_len & 1)
    g_byte_array_append (out, (const guint8 *) "", 1);
  g_byte_array_append (out, vp8l, (guint) vp8l_len);
  {
    guint32 size = out->len - 8;

    out->data[4] = size & 0xff;
    out->data[5] = (size >> 8) & 0xff;
    out->data[6] = (size >> 16) & 0xff;
    out->data[7] = (size >> 24) & 0xff;
  }
  WebPMemoryWriterClear (&writer);
  return g_byte_array_free_to_bytes (out);
}

static void
decode_webp (const guint8   *data,
             gsize           len,
             int             wants,
             int             max_width,
             int             max_height,
             TfDecodeResult *result)
{
  WebPBitstreamFeatures features;
  WebpWalk walk = { g_byte_array_new (), NULL, 0, 0, FALSE };
  Image image = { 0 };
  int orientation;
  guint8 *decoded;

  if (!webp_walk (data, len, &walk))
    {
      refuse (result, TF_DECODE_ERROR_CORRUPT, "WebP: truncated or malformed chunks");
      goto out;
    }
  if (WebPGetFeatures (data, len, &features) != VP8_STATUS_OK)
    {
      refuse (result, TF_DECODE_ERROR_CORRUPT, "WebP: unreadable header");
      goto out;
    }
  if (features.has_animation)
    {
      refuse (result, TF_DECODE_ERROR_UNSUPPORTED, "WebP: an animation");
      goto out;
    }
  if (!size_allowed (result, features.width, features.height))
    goto out;
  orientation = walk.orientation > 0 ? walk.orientation : 1;
  result->answer.orientation = orientation;
  result->answer.width = orientation >= 5 ? features.height : features.width;
  result->answer.height = orientation >= 5 ? features.width : features.height;
  result->answer.stripped = walk.stripped;

  image.width = features.width;
  image.height = features.height;
  image.data = pixels_alloc ((gsize) image.width * image.height * 4);
  if (image.data == NULL)
    {
      refuse (result, TF_DECODE_ERROR_TOO_MANY_PIXELS, "out of memory");
      goto out;
    }
  decoded = G_BYTE_ORDER == G_LITTLE_ENDIAN
            ? WebPDecodeBGRAInto (data, len, image.data, (size_t) image.width * image.height * 4, image.width * 4)
            : WebPDecodeARGBInto (data, len, image.data, (size_t) image.width * image.height * 4, image.width * 4);
  if (decoded == NULL)
    {
      refuse (result, TF_DECODE_ERROR_CORRUPT, "WebP: the image data cannot be decoded");
      goto out;
    }
  if (!orient (&image, orientation))
    {
      refuse (result, TF_DECODE_ERROR_TOO_MANY_PIXELS, "out of memory");
      goto out;
    }

  if (wants & TF_DECODE_WANT_STORED)
    {
      if (orientation == 1)
        result->stored = g_byte_array_free_to_bytes (g_steal_pointer (&walk.out));
      else
        {
          result->answer.stripped = TRUE;
          result->stored = webp_encode (&image, features.has_alpha, walk.icc, walk.icc_len);
          if (result->stored == NULL)
            refuse (result, TF_DECODE_ERROR_CORRUPT, "WebP: cannot encode the turned image");
        }
    }
  if (!refused (result) && (wants & TF_DECODE_WANT_PIXELS))
    give_pixels (result, &image, max_width, max_height);

out:
  image_clear (&image);
  if (walk.out != NULL)
    g_byte_array_unref (walk.out);
}

/* ---- PDF ---- */

/* Poppler is loaded only for a PDF (tf_decode_core_load_pdf(), before the
 * filter goes on): the dozens of libraries it brings cost a photo some
 * twenty milliseconds of start otherwise. */
static struct {
  gboolean          tried;
  gboolean          loaded;
  PopplerDocument *(*document_new_from_bytes) (GBytes *, const char *, GError **);
  int              (*document_get_n_pages)    (PopplerDocument *);
  PopplerPage     *(*document_get_page)       (PopplerDocument *, int);
  void             (*page_get_size)           (PopplerPage *, double *, double *);
  void             (*page_render)             (PopplerPage *, cairo_t *);
  GQuark           (*error_quark)             (void);
} poppler;

gboolean
tf_decode_core_load_pdf (void)
{
  void *library;

  if (poppler.tried)
    return poppler.loaded;
  poppler.tried = TRUE;
  library = dlopen (TF_POPPLER_GLIB_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL)
    return FALSE;
  poppler.document_new_from_bytes = (gpointer) dlsym (library, "poppler_document_new_from_bytes");
  poppler.document_get_n_pages = (gpointer) dlsym (library, "poppler_document_get_n_pages");
  poppler.document_get_page = (gpointer) dlsym (library, "poppler_document_get_page");
  poppler.page_get_size = (gpointer) dlsym (library, "poppler_page_get_size");
  poppler.page_render = (gpointer) dlsym (library, "poppler_page_render");
  poppler.error_quark = (gpointer) dlsym (library, "poppler_error_quark");
  poppler.loaded = poppler.document_new_from_bytes != NULL && poppler.document_get_n_pages != NULL &&
                   poppler.document_get_page != NULL && poppler.page_get_size != NULL &&
                   poppler.page_render != NULL && poppler.error_quark != NULL;
  return poppler.loaded;
}

/* Opens @data as a PDF and checks its pages (a refusal in @result
 * otherwise, NULL then). */
static PopplerDocument *
pdf_open (GBytes         *bytes,
          TfDecodeResult *result,
          int            *n_pages_out)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;
  int n_pages;

  if (!tf_decode_core_load_pdf ())
    {
      refuse (result, TF_DECODE_ERROR_UNSUPPORTED, "PDF: %s cannot be loaded", TF_POPPLER_GLIB_SONAME);
      return NULL;
    }
  document = poppler.document_new_from_bytes (bytes, NULL, &error);
  if (document == NULL)
    {
      if (g_error_matches (error, poppler.error_quark (), POPPLER_ERROR_ENCRYPTED))
        refuse (result, TF_DECODE_ERROR_ENCRYPTED, "PDF: %s", error->message);
      else
        refuse (result, TF_DECODE_ERROR_CORRUPT, "PDF: %s", error->message);
      return NULL;
    }
  n_pages = poppler.document_get_n_pages (document);
  if (n_pages <= 0)
    {
      refuse (result, TF_DECODE_ERROR_CORRUPT, "PDF: no page");
      g_object_unref (document);
      return NULL;
    }
  if (n_pages > TF_DECODE_MAX_PDF_PAGES)
    {
      refuse (result, TF_DECODE_ERROR_TOO_MANY_PAGES, "PDF: %d pages", n_pages);
      g_object_unref (document);
      return NULL;
    }
  *n_pages_out = n_pages;
  return document;
}

/* Page @page_index of @document: its size in @result and, if @wants
 * pixels, drawn to fit @max_width × @max_height. */
static void
pdf_draw (PopplerDocument *document,
          int              n_pages,
          int              wants,
          int              page_index,
          int              max_width,
          int              max_height,
          TfDecodeResult  *result)
{
  PopplerPage *page;
  double page_width = 0, page_height = 0;

  if (page_index < 0 || page_index >= n_pages)
    {
      refuse (result, TF_DECODE_ERROR_NO_SUCH_PAGE, "PDF: no page %d of %d", page_index + 1, n_pages);
      return;
    }
  page = poppler.document_get_page (document, page_index);
  if (page == NULL)
    {
      refuse (result, TF_DECODE_ERROR_CORRUPT, "PDF: page %d cannot be read", page_index + 1);
      return;
    }
  poppler.page_get_size (page, &page_width, &page_height);
  if (!(page_width >= 1 && page_height >= 1 && page_width < 1e6 && page_height < 1e6))
    {
      refuse (result, TF_DECODE_ERROR_CORRUPT, "PDF: a page of %g × %g points", page_width, page_height);
      g_object_unref (page);
      return;
    }
  result->answer.kind = TF_DECODE_KIND_PDF;
  result->answer.n_pages = n_pages;
  result->answer.width = (int) ceil (page_width);
  result->answer.height = (int) ceil (page_height);

  if (wants & TF_DECODE_WANT_PIXELS)
    {
      double scale = 1.0;
      int width, height;
      cairo_surface_t *surface;
      cairo_t *cr;

      if (max_width > 0 || max_height > 0)
        {
          scale = G_MAXDOUBLE;
          if (max_width > 0)
            scale = MIN (scale, max_width / page_width);
          if (max_height > 0)
            scale = MIN (scale, max_height / page_height);
        }
      /* Never over the pixel limit or cairo's side. */
      scale = MIN (scale, sqrt ((double) TF_DECODE_MAX_PIXELS / (page_width * page_height)));
      scale = MIN (scale, 32767 / MAX (page_width, page_height));
      width = MAX (1, (int) floor (page_width * scale + 0.5));
      height = MAX (1, (int) floor (page_height * scale + 0.5));
      if (max_width > 0)
        width = MIN (width, max_width);
      if (max_height > 0)
        height = MIN (height, max_height);

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          cairo_surface_destroy (surface);
          refuse (result, TF_DECODE_ERROR_TOO_MANY_PIXELS, "out of memory");
          g_object_unref (page);
          return;
        }
      cr = cairo_create (surface);
      /* Paper is white. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, (double) width / page_width, (double) height / page_height);
      poppler.page_render (page, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      {
        int stride = cairo_image_surface_get_stride (surface);
        const guint8 *src = cairo_image_surface_get_data (surface);
        guint8 *pixels = pixels_alloc ((gsize) width * height * 4);

        if (pixels == NULL)
          refuse (result, TF_DECODE_ERROR_TOO_MANY_PIXELS, "out of memory");
        else
          {
            for (int y = 0; y < height; y++)
              memcpy (pixels + (gsize) y * width * 4, src + (gsize) y * stride, (gsize) width * 4);
            result->pixels = pixels;
            result->answer.pix_width = width;
            result->answer.pix_height = height;
            result->answer.pix_stride = width * 4;
            result->answer.pixels_len = (guint64) width * height * 4;
          }
      }
      cairo_surface_destroy (surface);
    }
  g_object_unref (page);
}

static void
decode_pdf (const guint8   *data,
            gsize           len,
            int             wants,
            int             page_index,
            int             max_width,
            int             max_height,
            TfDecodeResult *result)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, len);
  PopplerDocument *document;
  int n_pages = 0;

  document = pdf_open (bytes, result, &n_pages);
  if (document == NULL)
    return;
  pdf_draw (document, n_pages, wants, page_index, max_width, max_height, result);
  g_object_unref (document);
  if (!refused (result) && (wants & TF_DECODE_WANT_STORED))
    result->stored = g_bytes_new (data, len);   /* a PDF is kept as it came */
}

/* ---- All of it ---- */

static void
result_init (TfDecodeResult *result)
{
  memset (result, 0, sizeof *result);
  memcpy (result->answer.magic, TF_DECODE_MAGIC, sizeof result->answer.magic);
  result->answer.status = TF_DECODE_STATUS_OK;
  result->answer.kind = -1;
  result->answer.n_pages = 1;
  result->answer.orientation = 1;
}

/* What every answer goes through before it is written. */
static void
result_finish (TfDecodeResult *result)
{
  if (result->stored != NULL && g_bytes_get_size (result->stored) > TF_DECODE_MAX_FILE)
    refuse (result, TF_DECODE_ERROR_TOO_LARGE, "the cleaned file would be over the limit");
  if (refused (result))
    {
      g_clear_pointer (&result->pixels, g_free);
      g_clear_pointer (&result->stored, g_bytes_unref);
      result->answer.pix_width = result->answer.pix_height = result->answer.pix_stride = 0;
      result->answer.pixels_len = 0;
    }
  result->answer.stored_len = result->stored != NULL ? g_bytes_get_size (result->stored) : 0;
  if (result->message != NULL)
    {
      /* Whole UTF-8 characters, under the limit. */
      if (strlen (result->message) >= TF_DECODE_MESSAGE_MAX)
        result->message[TF_DECODE_MESSAGE_MAX - 1] = '\0';
      if (!g_utf8_validate (result->message, -1, NULL))
        {
          g_free (result->message);
          result->message = g_strdup ("?");
        }
      result->answer.message_len = (guint32) strlen (result->message);
    }
}

void
tf_decode_core_run (const guint8   *data,
                    gsize           len,
                    int             wants,
                    int             page,
                    int             max_width,
                    int             max_height,
                    TfDecodeResult *result)
{
  result_init (result);
  if (len == 0)
    refuse (result, TF_DECODE_ERROR_EMPTY, "0 bytes");
  else if (len > TF_DECODE_MAX_FILE)
    refuse (result, TF_DECODE_ERROR_TOO_LARGE, "%" G_GSIZE_FORMAT " bytes", len);
  else
    {
      result->answer.kind = tf_decode_sniff (data, len);
      switch (result->answer.kind)
        {
        case TF_DECODE_KIND_PNG:
          decode_png (data, len, wants, max_width, max_height, result);
          break;
        case TF_DECODE_KIND_JPEG:
          decode_jpeg (data, len, wants, max_width, max_height, result);
          break;
        case TF_DECODE_KIND_WEBP:
          decode_webp (data, len, wants, max_width, max_height, result);
          break;
        case TF_DECODE_KIND_PDF:
          decode_pdf (data, len, wants, page, max_width, max_height, result);
          break;
        default:
          refuse (result, TF_DECODE_ERROR_UNSUPPORTED, "not a PNG, JPEG, WebP or PDF");
          break;
        }
    }
  result_finish (result);
}

/* ---- A PDF's pages, one after another ---- */

struct _TfDecodePdf {
  GBytes          *bytes;
  PopplerDocument *document;
  int              n_pages;
};

TfDecodePdf *
tf_decode_core_pdf_open (const guint8   *data,
                         gsize           len,
                         TfDecodeResult *result)
{
  TfDecodePdf *pdf = NULL;

  result_init (result);
  if (len == 0)
    refuse (result, TF_DECODE_ERROR_EMPTY, "0 bytes");
  else if (len > TF_DECODE_MAX_FILE)
    refuse (result, TF_DECODE_ERROR_TOO_LARGE, "%" G_GSIZE_FORMAT " bytes", len);
  else if ((result->answer.kind = tf_decode_sniff (data, len)) != TF_DECODE_KIND_PDF)
    refuse (result, TF_DECODE_ERROR_UNSUPPORTED, "not a PDF");
  else
    {
      pdf = g_new0 (TfDecodePdf, 1);
      pdf->bytes = g_bytes_new_static (data, len);
      pdf->document = pdf_open (pdf->bytes, result, &pdf->n_pages);
      if (pdf->document != NULL)
        pdf_draw (pdf->document, pdf->n_pages, 0, 0, 0, 0, result);
      if (refused (result))
        g_clear_pointer (&pdf, tf_decode_core_pdf_free);
    }
  result_finish (result);
  return pdf;
}

void
tf_decode_core_pdf_page (TfDecodePdf    *pdf,
                         int             page,
                         int             max_width,
                         int             max_height,
                         TfDecodeResult *result)
{
  result_init (result);
  result->answer.kind = TF_DECODE_KIND_PDF;
  pdf_draw (pdf->document, pdf->n_pages, TF_DECODE_WANT_PIXELS, page, max_width, max_height, result);
  result_finish (result);
}

void
tf_decode_core_pdf_free (TfDecodePdf *pdf)
{
  if (pdf == NULL)
    return;
  g_clear_object (&pdf->document);
  g_bytes_unref (pdf->bytes);
  g_free (pdf);
}

void
tf_decode_result_clear (TfDecodeResult *result)
{
  g_clear_pointer (&result->message, g_free);
  g_clear_pointer (&result->pixels, g_free);
  g_clear_pointer (&result->stored, g_bytes_unref);
}
