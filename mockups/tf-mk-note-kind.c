/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-items"

#include <glib/gi18n.h>

#include "canvas/tf-renderer.h"
#include "canvas/tf-text-fit.h"
#include "tf-mockup-items.h"

/* A post-it stuck on the photo: paper with a soft shadow, the words in ink. */

static double
pad_of (const TfRect *b)
{
  return MIN (b->width, b->height) * 0.1;
}

/* Its words shrink down to 8 units to fit; in "room" rendering no smaller
 * than @room_min, as far as a quarter of its height allows. */
static double
note_min_size (const TfRect *b,
               double        room_min)
{
  return tf_text_room_min (MIN (8.0, b->height / 4), b->height / 4, room_min, 1.0);
}

static void
note_draw (const TfItem    *item,
           cairo_t         *cr,
           TfRenderContext *ctx)
{
  const TfRect *b = &item->bounds;
  double pad = pad_of (b);
  double lift = MIN (b->width, b->height) * 0.03;

  if (b->width <= 0 || b->height <= 0)
    return;
  /* Its shadow on the photo, then the paper. */
  cairo_rectangle (cr, b->x + lift, b->y + 2 * lift, b->width, b->height);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_fill (cr);
  cairo_rectangle (cr, b->x, b->y, b->width, b->height);
  tf_cairo_set_rgb (cr, TF_MK_NOTE_RGB, 1);
  cairo_fill (cr);
  /* The glued band along the top, a shade darker. */
  cairo_rectangle (cr, b->x, b->y, b->width, b->height * 0.12);
  cairo_set_source_rgba (cr, 0.55, 0.42, 0, 0.12);
  cairo_fill (cr);

  if (item->text != NULL && item->text[0] != '\0' && ctx->scale * b->height > 6)
    {
      PangoLayout *layout = tf_render_context_fit_text (ctx, item, b->width - 2 * pad, b->height - 2 * pad,
                                                        b->height / 4,
                                                        note_min_size (b, ctx->scale > 0 ? ctx->min_text / ctx->scale : 0),
                                                        FALSE);
      int w, h;

      if (layout != NULL)
        {
          pango_layout_get_pixel_size (layout, &w, &h);
          tf_cairo_set_rgb (cr, TF_INK_RGB, 1);
          cairo_move_to (cr, b->x + pad, b->y + MAX (pad, (b->height - h) / 2.0));
          pango_cairo_show_layout (cr, layout);
        }
    }
}

/* The size note_draw() fits its words at. */
static double
note_text_size (const TfItem  *item,
                PangoContext  *context,
                double         min_size,
                gboolean      *cut)
{
  const TfRect *b = &item->bounds;
  double pad = pad_of (b), size = 0;
  g_autoptr(PangoLayout) layout = NULL;

  *cut = FALSE;
  if (item->text == NULL || item->text[0] == '\0' || b->width <= 2 * pad || b->height <= 2 * pad)
    return 0;
  layout = tf_text_fit (context, item->text, b->width - 2 * pad, b->height - 2 * pad,
                        b->height / 4, note_min_size (b, min_size), FALSE, &size);
  *cut = pango_layout_is_ellipsized (layout);
  return size;
}

static gboolean
note_text_region (const TfItem *item,
                  TfRect       *region)
{
  const TfRect *b = &item->bounds;
  double pad = pad_of (b);

  *region = TF_RECT_INIT (b->x + pad, b->y + pad, MAX (1.0, b->width - 2 * pad), MAX (1.0, b->height - 2 * pad));
  return TRUE;
}

/* What the commands call these items: "Move a post-it note". */
static char *
mk_note_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a post-it note"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post-it note", "%u post-it notes", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
mk_note_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post-it note", "%u post-it notes", count), count);
}

const TfItemKind tf_mk_note_kind = {
  .id = TF_MK_NOTE_KIND,
  .layer = TF_LAYER_THINGS,
  .draw = note_draw,
  /* No .lod_color: a far-away card of its colour is for the wall's
   * thousands of notes. A mockup has a few post-its, drawn whole at every
   * zoom, their words as long as they are a few pixels high, as a bubble's
   * are (the renderer would have drawn them as bare paper below 44 px). */
  .roles = TF_ITEM_ROLE_CONTENT,
  .pick_rank = TF_ITEM_PICK_THING,
  .handles = TF_ITEM_HANDLES_CORNERS,
  .min_width = TF_ITEM_MIN_SIDE,
  .min_height = TF_ITEM_MIN_SIDE,
  .square = TRUE,
  .text_region = note_text_region,
  .text_size = note_text_size,
  .name = mk_note_name,
  .count = mk_note_count,
};
