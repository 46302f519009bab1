/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-kinds"

#include <glib/gi18n.h>

#include <math.h>
#include <string.h>
#include <turbojpeg.h>

#include "canvas/tf-text-fit.h"
#include "core/tf-bundle.h"
#include "core/tf-content.h"
#include "tf-mockup-kinds.h"
#include "tf-mockup-outputs.h"
#include "tf-mockup-pixels.h"
#include "tf-perspective.h"

/* The most blocks a blur region is pixelated into, each way. */
#define MAX_BLOCKS 400

/* --- Shared --- */

static gboolean
is_vector_target (cairo_t *cr)
{
  return cairo_surface_get_type (cairo_get_group_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE;
}

/* Device pixels per board unit the pixels of an item are wanted at: the
 * screen's or a PNG's own, 300 dpi in a PDF (whose units are points). */
static double
wanted_scale_at (TfRenderContext *ctx,
                 cairo_t         *cr,
                 double           scale)
{
  if (!ctx->print || !is_vector_target (cr))
    return scale;
  /* An SVG's units are CSS pixels, shown on screens: twice that is sharp
   * on any, and keeps ten photos in a file a browser opens. */
  if (cairo_surface_get_type (cairo_get_group_target (cr)) == CAIRO_SURFACE_TYPE_SVG)
    return scale * 2;
  return scale * TF_MK_PRINT_DPI / 72.0;
}

static double
wanted_scale (TfRenderContext *ctx,
              cairo_t         *cr)
{
  return wanted_scale_at (ctx, cr, ctx->scale);
}

static JsonObject *
payload_of (const TfItem *item)
{
  return tf_mk_parse_payload (item->payload);
}

static void
dashed_rect_path (cairo_t      *cr,
                  const TfRect *r)
{
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
}

static void
references_photo (gint64  photo,
                  GArray *ids)
{
  if (photo > 0)
    g_array_append_val (ids, photo);
}

/* The payload with "photo" (and the like) replaced through @map; a photo
 * that was not copied along is dropped (0): the copy belongs to none until
 * it is put on one. */
static char *
remap_member (const TfItem *item,
              GHashTable   *map,
              const char   *member)
{
  g_autoptr(JsonNode) root = tf_item_parse_json (item->payload);
  JsonObject *o;
  gint64 id, *to;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_strdup ("{}");
  o = json_node_get_object (root);
  id = tf_content_json_int (o, member, 0);
  if (id > 0)
    {
      to = g_hash_table_lookup (map, &id);
      json_object_set_int_member (o, member, to != NULL ? *to : 0);
    }
  return json_to_string (root, FALSE);
}

/* --- Blur regions --- */

void
tf_mk_draw_blur_region (cairo_t         *cr,
                        cairo_surface_t *image,
                        const TfRect    *region,
                        double           cell,
                        TfMkBlurShape    shape,
                        TfMkBlurMode     mode)
{
  cairo_surface_t *small;
  cairo_t *scr;
  int sw, sh;

  if (region->width <= 0 || region->height <= 0 || !isfinite (cell))
    return;
  cell = MAX (cell, 1.0);
  sw = (int) CLAMP (ceil (region->width / cell), 1, MAX_BLOCKS);
  sh = (int) CLAMP (ceil (region->height / cell), 1, MAX_BLOCKS);

  /* Each block the mean of the pixels under it: what was there is gone. */
  small = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sw, sh);
  scr = cairo_create (small);
  cairo_scale (scr, sw / region->width, sh / region->height);
  cairo_translate (scr, -region->x, -region->y);
  cairo_set_source_surface (scr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (scr), CAIRO_FILTER_GOOD);
  cairo_pattern_set_extend (cairo_get_source (scr), CAIRO_EXTEND_PAD);
  cairo_paint (scr);
  cairo_destroy (scr);

  cairo_save (cr);
  if (shape == TF_MK_BLUR_ELLIPSE)
    {
      cairo_save (cr);
      cairo_translate (cr, region->x + region->width / 2, region->y + region->height / 2);
      cairo_scale (cr, region->width / 2, region->height / 2);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
    }
  else
    cairo_rectangle (cr, region->x, region->y, region->width, region->height);
  cairo_clip (cr);
  cairo_translate (cr, region->x, region->y);
  cairo_scale (cr, region->width / sw, region->height / sh);
  cairo_set_source_surface (cr, small, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr),
                            mode == TF_MK_BLUR_BLUR ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_NEAREST);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (small);
}

/* --- The photo --- */

static gpointer
photo_parse (const TfItem *item)
{
  g_autoptr(JsonObject) payload = payload_of (item);
  TfMkPhoto *photo = g_new0 (TfMkPhoto, 1);

  tf_mk_photo_read (photo, payload);
  return photo;
}

static void
photo_free (gpointer data)
{
  tf_mk_photo_clear (data);
  g_free (data);
}

const TfMkPhoto *
tf_mk_photo_item_get (const TfItem *item)
{
  return item != NULL && item->kind == &tf_mk_photo_kind ? item->data : NULL;
}

/* Where the photo will be: paper, a frame and a small landscape; crossed
 * out when it cannot be drawn. */
static void
photo_placeholder (const TfItem *item,
                   cairo_t      *cr,
                   double        scale,
                   gboolean      broken)
{
  const TfRect *b = &item->bounds;
  double s = MIN (b->width, b->height) / 4;
  double cx = b->x + b->width / 2, cy = b->y + b->height / 2;

  cairo_rectangle (cr, b->x, b->y, b->width, b->height);
  tf_cairo_set_rgb (cr, 0xE4E0D6, 1);
  cairo_fill_preserve (cr);
  tf_cairo_set_rgb (cr, TF_INK_RGB, 0.35);
  cairo_set_line_width (cr, MAX (1.0 / scale, 2.0));
  cairo_stroke (cr);

  /* A mountain and a sun. */
  cairo_move_to (cr, cx - s, cy + s / 2);
  cairo_line_to (cr, cx - s / 3, cy - s / 3);
  cairo_line_to (cr, cx + s / 6, cy + s / 6);
  cairo_line_to (cr, cx + s / 2, cy - s / 8);
  cairo_line_to (cr, cx + s, cy + s / 2);
  cairo_close_path (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx + s / 2, cy - s / 2, s / 6, 0, 2 * G_PI);
  tf_cairo_set_rgb (cr, TF_INK_RGB, 0.25);
  cairo_fill (cr);
  if (broken)
    {
      cairo_move_to (cr, b->x, b->y);
      cairo_line_to (cr, b->x + b->width, b->y + b->height);
      cairo_move_to (cr, b->x + b->width, b->y);
      cairo_line_to (cr, b->x, b->y + b->height);
      tf_cairo_set_rgb (cr, 0xB3261E, 0.6);
      cairo_stroke (cr);
    }
}

/* A blur region's box in the pixels of @image drawn as @item. */
static TfRect
region_in_image (const TfItem    *item,
                 const TfMkPhoto *photo,
                 int              width,
                 int              height,
                 const TfRect    *region,
                 double          *per_unit)
{
  const TfRect *b = &item->bounds;
  double sx = photo->crop.width * width / b->width;
  double sy = photo->crop.height * height / b->height;

  *per_unit = MIN (sx, sy);
  return TF_RECT_INIT ((region->x - b->x) * sx + photo->crop.x * width,
                       (region->y - b->y) * sy + photo->crop.y * height,
                       region->width * sx, region->height * sy);
}

static void
draw_regions (const TfItem    *item,
              const TfMkPhoto *photo,
              cairo_t         *cr,
              cairo_surface_t *image,
              GPtrArray       *regions)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);

  for (guint i = 0; i < regions->len; i++)
    {
      const TfItem *region = g_ptr_array_index (regions, i);
      const TfMkBlur *blur = region->data;
      double per_unit;
      TfRect r = region_in_image (item, photo, width, height, &region->bounds, &per_unit);

      tf_mk_draw_blur_region (cr, image, &r, tf_mk_blur_cell (blur, &region->bounds) * per_unit,
                              blur->shape, blur->mode);
    }
}

/* The name of the pixels @image (named by the cache) once @regions of
 * @item are drawn on them: from what makes them, so that the same blurred
 * photo drawn twice by a document is written once, and never the name of
 * the photo's own pixels. NULL when @image has no name. */
static char *
blurred_name (cairo_surface_t *image,
              const TfItem    *item,
              const TfMkPhoto *photo,
              GPtrArray       *regions)
{
  const unsigned char *id = NULL;
  unsigned long length = 0;
  GString *name;

  cairo_surface_get_mime_data (image, CAIRO_MIME_TYPE_UNIQUE_ID, &id, &length);
  if (id == NULL || length == 0)
    return NULL;
  name = g_string_new_len ((const char *) id, (gssize) length);
  g_string_append_printf (name, "#blurred:%a,%a,%a,%a/%a,%a,%a,%a", item->bounds.x, item->bounds.y,
                          item->bounds.width, item->bounds.height, photo->crop.x, photo->crop.y,
                          photo->crop.width, photo->crop.height);
  for (guint i = 0; i < regions->len; i++)
    {
      const TfItem *region = g_ptr_array_index (regions, i);
      const TfMkBlur *blur = region->data;

      g_string_append_printf (name, ";%a,%a,%a,%a,%a,%d,%d", region->bounds.x, region->bounds.y,
                              region->bounds.width, region->bounds.height,
                              tf_mk_blur_cell (blur, &region->bounds), (int) blur->shape, (int) blur->mode);
    }
  return g_string_free (name, FALSE);
}

static void
free_jpeg (void *data)
{
  tjFree (data);
}

/* Sets the JPEG of @image's pixels as they print, for the PDF or SVG
 * surface to write instead of the pixels deflated (a tenth of their size
 * for a photo). On a surface of its own sharing @image's pixels and name:
 * the cache's surface may be drawn on screen meanwhile. Returns @image
 * itself when it cannot encode. (transfer full) */
static cairo_surface_t *
with_jpeg (cairo_surface_t *image)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const unsigned char *id = NULL;
  unsigned long id_length = 0;
  unsigned char *jpeg = NULL;
  unsigned long jpeg_size = 0;
  cairo_surface_t *wrapper;
  tjhandle tj;
  int status;
  static const cairo_user_data_key_t keep_key;

  if (cairo_image_surface_get_format (image) != CAIRO_FORMAT_ARGB32 &&
      cairo_image_surface_get_format (image) != CAIRO_FORMAT_RGB24)
    return cairo_surface_reference (image);
  /* Its pixels are all drawn (decoded, or painted by a cairo_t already
   * gone): no cairo_surface_flush(), which would drop its name. */
  tj = tjInitCompress ();
  if (tj == NULL)
    return cairo_surface_reference (image);
  /* A photo of a JPEG is opaque: the alpha byte is left out. */
  status = tjCompress2 (tj, cairo_image_surface_get_data (image), width, stride, height,
                        G_BYTE_ORDER == G_LITTLE_ENDIAN ? TJPF_BGRX : TJPF_XRGB, &jpeg, &jpeg_size,
                        TJSAMP_420, TF_MK_PRINT_JPEG_QUALITY, TJFLAG_ACCURATEDCT);
  tjDestroy (tj);
  if (status != 0 || jpeg == NULL || jpeg_size == 0)
    {
      tjFree (jpeg);
      return cairo_surface_reference (image);
    }
  wrapper = cairo_image_surface_create_for_data (cairo_image_surface_get_data (image),
                                                 cairo_image_surface_get_format (image), width, height, stride);
  cairo_surface_set_user_data (wrapper, &keep_key, cairo_surface_reference (image),
                               (cairo_destroy_func_t) cairo_surface_destroy);
  cairo_surface_get_mime_data (image, CAIRO_MIME_TYPE_UNIQUE_ID, &id, &id_length);
  if (id != NULL && id_length > 0)
    {
      char *name = g_strndup ((const char *) id, id_length);

      cairo_surface_set_mime_data (wrapper, CAIRO_MIME_TYPE_UNIQUE_ID, (const unsigned char *) name, id_length,
                                   g_free, name);
    }
  cairo_surface_set_mime_data (wrapper, CAIRO_MIME_TYPE_JPEG, jpeg, jpeg_size, free_jpeg, jpeg);
  return wrapper;
}

/* The photo's caption, under its bottom-left edge: its name as the side
 * panel gives it ("Photo 1 · Le bureau, après"), quiet, at a size that
 * follows the photo's (about 9 pt when a photo prints 13 cm wide). */
#define CAPTION_SHARE 0.032
#define CAPTION_MIN 10.0
#define CAPTION_GAP 0.5      /* in caption sizes, between the photo and the line */
#define CAPTION_BAND 2.0     /* in caption sizes, all the band under the photo */
#define CAPTION_RGB 0x67635C

static double
caption_size (const TfRect *b)
{
  return MAX (CAPTION_MIN, CAPTION_SHARE * MIN (b->width, b->height));
}

static gboolean
photo_ink_bounds (const TfItem *item,
                  TfRect       *ink)
{
  const TfRect *b = &item->bounds;

  if (item->data == NULL || b->width <= 0 || b->height <= 0)
    return FALSE;
  *ink = TF_RECT_INIT (b->x, b->y, b->width, b->height + CAPTION_BAND * caption_size (b));
  return TRUE;
}

static void
draw_caption (const TfItem    *item,
              cairo_t         *cr,
              TfRenderContext *ctx)
{
  const TfMkPhoto *photo = item->data;
  const TfRect *b = &item->bounds;
  double size = caption_size (b);
  g_autofree char *file = NULL;
  g_autofree char *caption = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  /* Too small to read on screen: a line of nothing. */
  if (ctx->scene == NULL || ctx->pango == NULL || (!ctx->print && size * ctx->scale < 4))
    return;
  if ((item->text == NULL || item->text[0] == '\0') && ctx->assets != NULL && photo->asset > 0)
    file = tf_asset_source_name (ctx->assets, photo->asset);
  caption = tf_mockup_photo_heading (ctx->scene, item, file);
  layout = tf_text_line (ctx->pango, caption, b->width, size, FALSE);
  cairo_save (cr);
  tf_cairo_set_rgb (cr, CAPTION_RGB, 1.0);
  cairo_move_to (cr, b->x, b->y + b->height + CAPTION_GAP * size);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
photo_draw (const TfItem    *item,
            cairo_t         *cr,
            TfRenderContext *ctx)
{
  const TfMkPhoto *photo = item->data;
  const TfRect *b = &item->bounds;
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *mime = NULL;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *image = NULL;
  gboolean pending = FALSE;
  double scale = wanted_scale (ctx, cr);
  int side, width, height;

  if (photo == NULL || b->width <= 0 || b->height <= 0)
    return;
  draw_caption (item, cr, ctx);
  if (photo->asset > 0)
    bytes = tf_render_context_load_asset (ctx, photo->asset, &mime);
  if (ctx->print)
    {
      /* What the output shows of it at print resolution (the decoder never
       * enlarges a photo: at most its own pixels; a PDF page is rendered to
       * the size). Not more: ten 12-Mpx photos on one A4 page would hold
       * half a gigabyte in the PDF surface until the page is written.
       * The largest the document prints it (a report: its board's page
       * and its figure), so that both draw the same pixels, written once. */
      double need = MAX (b->width / photo->crop.width, b->height / photo->crop.height) *
                    wanted_scale_at (ctx, cr, tf_render_context_print_scale (ctx, b));
      int natural = MAX (photo->natural_width, photo->natural_height);

      side = (int) MIN ((double) TF_MK_PIXELS_MAX_SIDE, MAX (ceil (need), 1.0));
      /* All its pixels: asked as such, one size for every drawing. */
      if (g_strcmp0 (mime, "application/pdf") != 0 && natural > 0 && side >= natural)
        side = 0;
    }
  else
    {
      gboolean pdf = g_strcmp0 (mime, "application/pdf") == 0;

      /* A photo never beyond its own size; a PDF page at any. */
      side = tf_mk_pixels_side_for (b->width / photo->crop.width * scale, b->height / photo->crop.height * scale,
                                    pdf ? 0 : photo->natural_width, pdf ? 0 : photo->natural_height);
    }
  if (photo->asset > 0)
    image = tf_mk_pixels_get (tf_mk_pixels_get_default (), ctx, photo->asset, photo->page, side,
                              ctx->print ? TF_MK_PIXELS_EXPORT : TF_MK_PIXELS_SCREEN, &pending, &error);
  if (image == NULL)
    {
      photo_placeholder (item, cr, ctx->scale, !pending);
      return;
    }
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  tf_mk_blur_regions (ctx->scene, item->id, regions);

  if (ctx->print && regions->len > 0)
    {
      /* Exports get the photo with its regions already destroyed: the
       * pixels under them never reach the file. The copy has a name of
       * its own (never the photo's: cairo would write the photo's pixels). */
      cairo_surface_t *copy = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_t *ccr = cairo_create (copy);
      char *name = blurred_name (image, item, photo, regions);

      cairo_set_source_surface (ccr, image, 0, 0);
      cairo_set_operator (ccr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (ccr);
      cairo_set_operator (ccr, CAIRO_OPERATOR_OVER);
      draw_regions (item, photo, ccr, image, regions);
      cairo_destroy (ccr);
      cairo_surface_flush (copy);
      if (name != NULL)
        cairo_surface_set_mime_data (copy, CAIRO_MIME_TYPE_UNIQUE_ID, (const unsigned char *) name,
                                     strlen (name), g_free, name);
      cairo_surface_destroy (image);
      image = copy;
      g_ptr_array_set_size (regions, 0);
    }
  if (ctx->print && is_vector_target (cr) && g_strcmp0 (mime, "image/jpeg") == 0)
    {
      /* A photo from a JPEG is written as a JPEG again, of the pixels
       * printed (its blur regions already drawn on them): never the stored
       * bytes, which only the decoding helper reads. */
      cairo_surface_t *jpeg = with_jpeg (image);

      cairo_surface_destroy (image);
      image = jpeg;
    }

  cairo_save (cr);
  cairo_rectangle (cr, b->x, b->y, b->width, b->height);
  cairo_clip (cr);
  cairo_translate (cr, b->x, b->y);
  cairo_scale (cr, b->width / (photo->crop.width * width), b->height / (photo->crop.height * height));
  cairo_translate (cr, -photo->crop.x * width, -photo->crop.y * height);
  cairo_set_source_surface (cr, image, 0, 0);
  /* On screen the pixels come at most twice the size drawn (a power of two
   * above it): bilinear is sharp there and many times cheaper than GOOD's
   * convolution; exports and stronger reductions get GOOD. */
  cairo_pattern_set_filter (cairo_get_source (cr),
                            !ctx->print && b->width * ctx->scale >= 0.5 * photo->crop.width * width
                            ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_GOOD);
  /* Padding keeps an image's edge sharp where its pixels are resampled;
   * a PDF or SVG places the image itself (cairo 1.16 would write a padded
   * copy of it instead: no JPEG, no name, one copy per drawing). */
  cairo_pattern_set_extend (cairo_get_source (cr), is_vector_target (cr) ? CAIRO_EXTEND_NONE : CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  /* On screen the regions are drawn over it, from the same pixels. */
  draw_regions (item, photo, cr, image, regions);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

static void
photo_references (const TfItem *item,
                  GArray       *ids)
{
  const TfMkPhoto *photo = item->data;

  if (photo != NULL)
    references_photo (photo->before_of, ids);
}

static char *
photo_remap_payload (const TfItem *item,
                     GHashTable   *map)
{
  return remap_member (item, map, "before_of");
}

/* What the commands call these items: "Move a photo". */
static char *
mk_photo_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a photo"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
mk_photo_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", count), count);
}

/* A photo in a bundle: one where people can be recognised and that no
 * blur region covers stays home when asked (its bytes with it: an asset
 * no exported row names is not exported). */
static gboolean
photo_share (const TfItem  *item,
             TfScene       *scene,
             guint          drop,
             char         **payload)
{
  const TfMkPhoto *photo = tf_mk_photo_item_get (item);
  g_autoptr(GPtrArray) regions = NULL;

  if (!(drop & TF_BUNDLE_DROP_PEOPLE_PHOTOS) || photo == NULL || !photo->people_visible)
    return TRUE;
  regions = g_ptr_array_new ();
  if (scene != NULL)
    tf_mk_blur_regions (scene, item->id, regions);
  return regions->len > 0;
}

const TfItemKind tf_mk_photo_kind = {
  .id = TF_MK_PHOTO_KIND,
  .layer = TF_LAYER_ZONES,
  .parse = photo_parse,
  .free_data = photo_free,
  .draw = photo_draw,
  .roles = TF_ITEM_ROLE_CONTENT | TF_ITEM_ROLE_EVIDENCE,  /* a card citing it has evidence */
  .pick_rank = TF_ITEM_PICK_POOL,
  .handles = TF_ITEM_HANDLES_NONE,
  .references = photo_references,
  .remap_payload = photo_remap_payload,
  .name = mk_photo_name,
  .count = mk_photo_count,
  .ink_bounds = photo_ink_bounds,
  .share = photo_share,
};

/* --- The placement --- */

static gpointer
place_parse (const TfItem *item)
{
  g_autoptr(JsonObject) payload = payload_of (item);
  TfMkPlace *place = g_new0 (TfMkPlace, 1);

  tf_mk_place_read (place, payload);
  return place;
}

const TfMkPlace *
tf_mk_place_item_get (const TfItem *item)
{
  return item != NULL && item->kind == &tf_mk_place_kind ? item->data : NULL;
}

gboolean
tf_mk_place_item_quad (const TfItem *item,
                       TfQuad       *quad)
{
  const TfMkPlace *place = tf_mk_place_item_get (item);
  const TfRect *b;

  if (place == NULL)
    return FALSE;
  b = &item->bounds;
  if (!place->has_corners)
    {
      *quad = (TfQuad) { { { b->x, b->y }, { b->x + b->width, b->y },
                           { b->x + b->width, b->y + b->height }, { b->x, b->y + b->height } } };
      return TRUE;
    }
  for (int i = 0; i < 4; i++)
    {
      quad->p[i].x = b->x + place->corners.p[i].x;
      quad->p[i].y = b->y + place->corners.p[i].y;
    }
  return TRUE;
}

static void
quad_path (cairo_t      *cr,
           const TfQuad *q)
{
  cairo_move_to (cr, q->p[0].x, q->p[0].y);
  for (int i = 1; i < 4; i++)
    cairo_line_to (cr, q->p[i].x, q->p[i].y);
  cairo_close_path (cr);
}

/* The regions of the placement's photo that cover part of the placement
 * draw over its pixels too: the placement is drawn into an image (of the
 * part of it that is drawn, at the density wanted) whose blocks under the
 * regions are pixelated or blurred, then that image alone is drawn. So in
 * an export nothing of a placed image is left readable under a region.
 * FALSE when no region touches it (then it is drawn as it is). */
static gboolean
place_draw_blurred (const TfItem    *item,
                    cairo_t         *cr,
                    TfRenderContext *ctx,
                    cairo_surface_t *image,
                    const TfQuad    *quad,
                    double           scale)
{
  const TfMkPlace *place = item->data;
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  g_autoptr(GPtrArray) over = g_ptr_array_new ();
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double cx0, cy0, cx1, cy1, s;
  cairo_surface_t *target;
  cairo_t *tcr;
  TfRect box;
  int width, height;

  tf_mk_blur_regions (ctx->scene, place->photo, regions);
  for (int i = 0; i < 4; i++)
    {
      x0 = MIN (x0, quad->p[i].x);
      y0 = MIN (y0, quad->p[i].y);
      x1 = MAX (x1, quad->p[i].x);
      y1 = MAX (y1, quad->p[i].y);
    }
  box = TF_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
  for (guint i = 0; i < regions->len; i++)
    {
      const TfItem *region = g_ptr_array_index (regions, i);

      if (region->data != NULL && tf_rect_intersects (&region->bounds, &box))
        g_ptr_array_add (over, (gpointer) region);
    }
  if (over->len == 0)
    return FALSE;

  /* Only the part drawn (a tile on screen), at the density wanted, within
   * the size a placement is ever drawn at. */
  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  x0 = MAX (x0, floor (cx0));
  y0 = MAX (y0, floor (cy0));
  x1 = MIN (x1, ceil (cx1));
  y1 = MIN (y1, ceil (cy1));
  if (x1 <= x0 || y1 <= y0)
    return TRUE;
  s = scale;
  if ((x1 - x0) * s > TF_PERSPECTIVE_MAX_SIDE || (y1 - y0) * s > TF_PERSPECTIVE_MAX_SIDE)
    s = TF_PERSPECTIVE_MAX_SIDE / MAX (x1 - x0, y1 - y0);
  if ((x1 - x0) * (y1 - y0) * s * s > TF_PERSPECTIVE_MAX_PIXELS)
    s = sqrt (TF_PERSPECTIVE_MAX_PIXELS / ((x1 - x0) * (y1 - y0)));
  width = MAX (1, (int) ceil ((x1 - x0) * s));
  height = MAX (1, (int) ceil ((y1 - y0) * s));

  target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  tcr = cairo_create (target);
  cairo_scale (tcr, s, s);
  cairo_translate (tcr, -x0, -y0);
  tf_perspective_draw (tcr, image, quad, 0, TF_PERSPECTIVE_GOOD);
  cairo_destroy (tcr);

  /* In the image's own pixels, as a photo's regions are. */
  tcr = cairo_create (target);
  for (guint i = 0; i < over->len; i++)
    {
      const TfItem *region = g_ptr_array_index (over, i);
      const TfMkBlur *blur = region->data;
      TfRect r = TF_RECT_INIT ((region->bounds.x - x0) * s, (region->bounds.y - y0) * s,
                               region->bounds.width * s, region->bounds.height * s);

      tf_mk_draw_blur_region (tcr, target, &r, tf_mk_blur_cell (blur, &region->bounds) * s,
                              blur->shape, blur->mode);
    }
  cairo_destroy (tcr);
  cairo_surface_flush (target);

  cairo_save (cr);
  cairo_translate (cr, x0, y0);
  cairo_scale (cr, 1 / s, 1 / s);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_surface (cr, target, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_surface_destroy (target);
  return TRUE;
}

static void
place_draw (const TfItem    *item,
            cairo_t         *cr,
            TfRenderContext *ctx)
{
  static const double dash[] = { 6.0, 4.0 };
  const TfMkPlace *place = item->data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image = NULL;
  gboolean pending = FALSE;
  double scale = wanted_scale (ctx, cr);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  TfQuad quad;
  int side;

  if (place == NULL || !tf_mk_place_item_quad (item, &quad))
    return;
  if (tf_quad_shape (&quad) != TF_QUAD_OK)
    {
      quad_path (cr, &quad);
      tf_cairo_set_rgb (cr, 0xB3261E, 0.8);
      cairo_set_line_width (cr, MAX (1.5 / ctx->scale, 1.0));
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }
  for (int i = 0; i < 4; i++)
    {
      x0 = MIN (x0, quad.p[i].x);
      y0 = MIN (y0, quad.p[i].y);
      x1 = MAX (x1, quad.p[i].x);
      y1 = MAX (y1, quad.p[i].y);
    }
  side = tf_mk_pixels_side_for ((x1 - x0) * scale, (y1 - y0) * scale, 0, 0);
  if (place->asset > 0)
    image = tf_mk_pixels_get (tf_mk_pixels_get_default (), ctx, place->asset, place->page, side,
                              ctx->print ? TF_MK_PIXELS_EXPORT : TF_MK_PIXELS_SCREEN, &pending, &error);
  if (image == NULL)
    {
      quad_path (cr, &quad);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, pending ? 0.12 : 0.05);
      cairo_fill_preserve (cr);
      tf_cairo_set_rgb (cr, pending ? TF_ACCENT_RGB : 0xB3261E, 0.8);
      cairo_set_line_width (cr, MAX (1.5 / ctx->scale, 1.0));
      cairo_stroke (cr);
      return;
    }
  if (!place_draw_blurred (item, cr, ctx, image, &quad, scale))
    tf_perspective_draw (cr, image, &quad, ctx->print && is_vector_target (cr) ? scale : 0, TF_PERSPECTIVE_GOOD);
  cairo_surface_destroy (image);
}

static void
place_references (const TfItem *item,
                  GArray       *ids)
{
  const TfMkPlace *place = item->data;

  if (place != NULL)
    references_photo (place->photo, ids);
}

static char *
place_remap_payload (const TfItem *item,
                     GHashTable   *map)
{
  return remap_member (item, map, "photo");
}

/* What the commands call these items: "Move a placed image". */
static char *
mk_place_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a placed image"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u placed image", "%u placed images", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
mk_place_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u placed image", "%u placed images", count), count);
}

const TfItemKind tf_mk_place_kind = {
  .id = TF_MK_PLACE_KIND,
  .layer = TF_LAYER_THINGS,
  .parse = place_parse,
  .free_data = g_free,
  .draw = place_draw,
  .roles = TF_ITEM_ROLE_CONTENT,
  .pick_rank = TF_ITEM_PICK_THING,
  .handles = TF_ITEM_HANDLES_NONE,
  .references = place_references,
  .remap_payload = place_remap_payload,
  .name = mk_place_name,
  .count = mk_place_count,
};

/* --- Callouts --- */

static gpointer
callout_parse (const TfItem *item)
{
  g_autoptr(JsonObject) payload = payload_of (item);
  TfMkCallout *callout = g_new0 (TfMkCallout, 1);

  tf_mk_callout_read (callout, payload);
  return callout;
}

/* The number's size in a disc of radius @r: two digits a little smaller. */
static double
callout_number_size (double r,
                     int    number)
{
  return r * (number >= 10 ? 0.9 : 1.1);
}

static void
callout_draw (const TfItem    *item,
              cairo_t         *cr,
              TfRenderContext *ctx)
{
  const TfRect *b = &item->bounds;
  double r = MIN (b->width, b->height) / 2;
  double cx = b->x + b->width / 2, cy = b->y + b->height / 2;
  int number = tf_mk_callout_number (ctx->scene, item);
  g_autofree char *text = g_strdup_printf ("%d", MAX (number, 1));
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");
  int w, h;

  if (r <= 0)
    return;
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, r * 0.12);
  cairo_stroke (cr);

  pango_font_description_set_absolute_size (font, callout_number_size (r, number) * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, cx - w / 2.0, cy - h / 2.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  pango_cairo_show_layout (cr, layout);
}

/* A callout's text is its number (its legend's words are printed apart):
 * taken as two digits, the smaller size, since the number depends on the
 * other callouts of its photo. The disc keeps its size in the room. */
static double
callout_text_size (const TfItem  *item,
                   PangoContext  *context,
                   double         min_size,
                   gboolean      *cut)
{
  *cut = FALSE;
  return callout_number_size (MIN (item->bounds.width, item->bounds.height) / 2, 10);
}

static void
annotation_references (const TfItem *item,
                       GArray       *ids)
{
  /* Every annotation's data starts with its photo's id. */
  const gint64 *photo = item->data;

  if (photo != NULL)
    references_photo (*photo, ids);
}

static char *
annotation_remap_payload (const TfItem *item,
                          GHashTable   *map)
{
  return remap_member (item, map, "photo");
}

/* What the commands call these items: "Move a numbered callout". */
static char *
mk_callout_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a numbered callout"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u numbered callout", "%u numbered callouts", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
mk_callout_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u numbered callout", "%u numbered callouts", count), count);
}

const TfItemKind tf_mk_callout_kind = {
  .id = TF_MK_CALLOUT_KIND,
  .layer = TF_LAYER_THINGS,
  .parse = callout_parse,
  .free_data = g_free,
  .draw = callout_draw,
  .roles = TF_ITEM_ROLE_CONTENT,
  .pick_rank = TF_ITEM_PICK_THING,
  .handles = TF_ITEM_HANDLES_CORNERS,
  .min_width = 24,
  .min_height = 24,
  .square = TRUE,
  .references = annotation_references,
  .remap_payload = annotation_remap_payload,
  .text_size = callout_text_size,
  .name = mk_callout_name,
  .count = mk_callout_count,
};

/* --- Bubbles --- */

static gpointer
bubble_parse (const TfItem *item)
{
  g_autoptr(JsonObject) payload = payload_of (item);
  TfMkBubble *bubble = g_new0 (TfMkBubble, 1);

  tf_mk_bubble_read (bubble, payload);
  return bubble;
}

static void
rounded_rect (cairo_t      *cr,
              const TfRect *b,
              double        r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, b->x + b->width - r, b->y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, b->x + b->width - r, b->y + b->height - r, r, 0, G_PI / 2);
  cairo_arc (cr, b->x + r, b->y + b->height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, b->x + r, b->y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A bubble's words shrink from 28 down to 9 units to fit; in "room"
 * rendering no smaller than @room_min, as far as 28 allows. */
#define BUBBLE_MAX_SIZE 28.0

static double
bubble_pad (const TfRect *b)
{
  return MIN (16.0, MIN (b->width, b->height) / 6);
}

static double
bubble_min_size (double room_min)
{
  return tf_text_room_min (9.0, BUBBLE_MAX_SIZE, room_min, 1.0);
}

static void
bubble_draw (const TfItem    *item,
             cairo_t         *cr,
             TfRenderContext *ctx)
{
  const TfMkBubble *bubble = item->data;
  const TfRect *b = &item->bounds;
  double r = MIN (24.0, MIN (b->width, b->height) / 3);
  double cx = b->x + b->width / 2, cy = b->y + b->height / 2;
  double line = MAX (2.0, 1.0 / ctx->scale);
  double pad = bubble_pad (b);
  double tx, ty;
  gboolean has_tail;

  if (bubble == NULL || b->width <= 0 || b->height <= 0)
    return;
  tx = b->x + bubble->tail_x;
  ty = b->y + bubble->tail_y;
  has_tail = !(tx >= b->x && tx <= b->x + b->width && ty >= b->y && ty <= b->y + b->height);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (has_tail)
    {
      /* A wedge from inside the body to the point, as wide as a third of
       * the body's shorter side where it leaves it. */
      double dx = tx - cx, dy = ty - cy, len = hypot (dx, dy);
      double half = MIN (b->width, b->height) / 6;
      double nx = -dy / len * half, ny = dx / len * half;

      cairo_move_to (cr, cx + nx, cy + ny);
      cairo_line_to (cr, tx, ty);
      cairo_line_to (cr, cx - nx, cy - ny);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      tf_cairo_set_rgb (cr, TF_INK_RGB, 0.9);
      cairo_set_line_width (cr, 2 * line);
      cairo_stroke (cr);
    }
  rounded_rect (cr, b, r);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  tf_cairo_set_rgb (cr, TF_INK_RGB, 0.9);
  cairo_set_line_width (cr, line);
  cairo_stroke (cr);
  if (has_tail)
    {
      /* The body's outline opens where the tail leaves it. */
      double dx = tx - cx, dy = ty - cy, len = hypot (dx, dy);
      double half = MIN (b->width, b->height) / 6 - line;
      double nx = -dy / len * half, ny = dx / len * half;

      cairo_move_to (cr, cx + nx, cy + ny);
      cairo_line_to (cr, tx - dx / len * line * 2, ty - dy / len * line * 2);
      cairo_line_to (cr, cx - nx, cy - ny);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
    }
  if (item->text != NULL && item->text[0] != '\0' && b->width > 2 * pad && b->height > 2 * pad)
    {
      PangoLayout *layout = tf_render_context_fit_text (ctx, item, b->width - 2 * pad, b->height - 2 * pad,
                                                        BUBBLE_MAX_SIZE,
                                                        bubble_min_size (ctx->scale > 0 ? ctx->min_text / ctx->scale : 0),
                                                        FALSE);
      int w, h;

      if (layout != NULL)
        {
          pango_layout_get_pixel_size (layout, &w, &h);
          tf_cairo_set_rgb (cr, TF_INK_RGB, 1);
          cairo_move_to (cr, b->x + pad, cy - h / 2.0);
          pango_cairo_show_layout (cr, layout);
        }
    }
}

/* The size bubble_draw() fits its words at. */
static double
bubble_text_size (const TfItem  *item,
                  PangoContext  *context,
                  double         min_size,
                  gboolean      *cut)
{
  const TfRect *b = &item->bounds;
  double pad = bubble_pad (b), size = 0;
  g_autoptr(PangoLayout) layout = NULL;

  *cut = FALSE;
  if (item->text == NULL || item->text[0] == '\0' || b->width <= 2 * pad || b->height <= 2 * pad)
    return 0;
  layout = tf_text_fit (context, item->text, b->width - 2 * pad, b->height - 2 * pad,
                        BUBBLE_MAX_SIZE, bubble_min_size (min_size), FALSE, &size);
  *cut = pango_layout_is_ellipsized (layout);
  return size;
}

static gboolean
bubble_text_region (const TfItem *item,
                    TfRect       *region)
{
  const TfRect *b = &item->bounds;
  double pad = bubble_pad (b);

  *region = TF_RECT_INIT (b->x + pad, b->y + pad, MAX (1.0, b->width - 2 * pad), MAX (1.0, b->height - 2 * pad));
  return TRUE;
}

/* What the commands call these items: "Move a speech bubble". */
static char *
mk_bubble_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a speech bubble"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u speech bubble", "%u speech bubbles", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
mk_bubble_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u speech bubble", "%u speech bubbles", count), count);
}

const TfItemKind tf_mk_bubble_kind = {
  .id = TF_MK_BUBBLE_KIND,
  .layer = TF_LAYER_THINGS,
  .parse = bubble_parse,
  .free_data = g_free,
  .draw = bubble_draw,
  .roles = TF_ITEM_ROLE_CONTENT,
  .pick_rank = TF_ITEM_PICK_THING,
  .handles = TF_ITEM_HANDLES_ALL,
  .min_width = 80,
  .min_height = 48,
  .text_region = bubble_text_region,
  .text_size = bubble_text_size,
  .references = annotation_references,
  .remap_payload = annotation_remap_payload,
  .name = mk_bubble_name,
  .count = mk_bubble_count,
};

/* --- Blur regions --- */

static gpointer
blur_parse (const TfItem *item)
{
  g_autoptr(JsonObject) payload = payload_of (item);
  TfMkBlur *blur = g_new0 (TfMkBlur, 1);

  tf_mk_blur_read (blur, payload);
  return blur;
}

static void
blur_draw (const TfItem    *item,
           cairo_t         *cr,
           TfRenderContext *ctx)
{
  static const double dash[] = { 8.0, 5.0 };
  const TfMkBlur *blur = item->data;
  const TfRect *b = &item->bounds;
  double scale = MAX (ctx->scale, 1e-6);

  /* The pixels are its photo's business; exports and their previews
   * show only them. */
  if (blur == NULL || ctx->paper || b->width <= 0 || b->height <= 0)
    return;
  if (blur->shape == TF_MK_BLUR_ELLIPSE)
    {
      cairo_save (cr);
      cairo_translate (cr, b->x + b->width / 2, b->y + b->height / 2);
      cairo_scale (cr, b->width / 2, b->height / 2);
      cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_restore (cr);
    }
  else
    dashed_rect_path (cr, b);
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.9);
  cairo_set_line_width (cr, 1.5 / scale);
  cairo_set_dash (cr, (double[]) { dash[0] / scale, dash[1] / scale }, 2, 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* What the commands call these items: "Move a blur region". */
static char *
mk_blur_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a blur region"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u blur region", "%u blur regions", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
mk_blur_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u blur region", "%u blur regions", count), count);
}

const TfItemKind tf_mk_blur_kind = {
  .id = TF_MK_BLUR_KIND,
  .layer = TF_LAYER_THINGS,
  .parse = blur_parse,
  .free_data = g_free,
  .draw = blur_draw,
  .roles = TF_ITEM_ROLE_CONTENT,
  .pick_rank = TF_ITEM_PICK_THING,
  .handles = TF_ITEM_HANDLES_ALL,
  .min_width = 8,
  .min_height = 8,
  .references = annotation_references,
  .remap_payload = annotation_remap_payload,
  .name = mk_blur_name,
  .count = mk_blur_count,
};
