/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-stamp-kind"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>
#include <math.h>

#include "stamps/tf-stamp-library.h"
#include "stamps/tf-actor-items.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-text-fit.h"

#define LABEL_MAX_SIZE 17.0
#define LABEL_MIN_SIZE 11.0
#define ROLE_SIZE      12.5

typedef struct {
  PangoContext *pango;   /* not a reference: compared only */
  double        width;
  double        size;
  PangoLayout  *layout;
} RoleCache;

static void
role_cache_free (RoleCache *cache)
{
  if (cache == NULL)
    return;
  g_clear_object (&cache->layout);
  g_free (cache);
}

static char *
dup_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strdup ("");
}

static JsonObject *
object_of (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gpointer
stamp_parse (const TfItem *item)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  g_autoptr(JsonNode) style = tf_item_parse_json (item->style);
  JsonObject *p = object_of (payload);
  TfStampData *data = g_new0 (TfStampData, 1);

  data->stamp = dup_string (p, "stamp");
  /* Older boards may keep the pictogram in the style. */
  if (data->stamp[0] == '\0')
    {
      g_free (data->stamp);
      data->stamp = dup_string (object_of (style), "stamp");
    }
  data->role = dup_string (p, "role");
  data->notes = dup_string (p, "notes");
  if (p != NULL && json_object_has_member (p, "ring"))
    {
      JsonNode *ring = json_object_get_member (p, "ring");

      if (JSON_NODE_HOLDS_VALUE (ring) && json_node_get_value_type (ring) == G_TYPE_INT64)
        data->ring = (int) CLAMP (json_node_get_int (ring), 0, 3);
    }
  return data;
}

static void
stamp_free_data (gpointer data)
{
  TfStampData *stamp = data;

  g_free (stamp->stamp);
  g_free (stamp->role);
  g_free (stamp->notes);
  role_cache_free (stamp->role_cache);
  g_free (stamp);
}

/* The role's (at most two) lines in italics under the label. */
static PangoLayout *
new_role_layout (PangoContext *context,
                 const char   *role,
                 double        width,
                 double        size,
                 gboolean      whole)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (TF_BOARD_FONT_FAMILY " Italic");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (!whole)
    {
      pango_layout_set_height (layout, -2);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, role, -1);
  return layout;
}

static PangoLayout *
role_layout (TfStampData     *data,
             TfRenderContext *ctx,
             double           width,
             double           size)
{
  RoleCache *cache = data->role_cache;

  if (cache != NULL && cache->pango == ctx->pango && cache->width == width && cache->size == size)
    return cache->layout;
  role_cache_free (cache);
  cache = data->role_cache = g_new0 (RoleCache, 1);
  cache->pango = ctx->pango;
  cache->width = width;
  cache->size = size;
  cache->layout = new_role_layout (ctx->pango, data->role, width, size, FALSE);
  return cache->layout;
}

/* The label's and the role's least sizes: their own, or in "room"
 * rendering (@room_min board units, 0: none) as close to it as the label's
 * largest size allows. */
static double
label_min_size (double room_min)
{
  return tf_text_room_min (LABEL_MIN_SIZE, LABEL_MAX_SIZE, room_min, 1.0);
}

static double
role_size (double room_min)
{
  return tf_text_room_min (ROLE_SIZE, LABEL_MAX_SIZE, room_min, 1.0);
}

/* The band the label is fitted in under the disc, above the role. */
static double
label_band (const TfRect *b,
            double        role_height)
{
  double cx, cy, r;

  tf_stamp_item_get_disc (b, &cx, &cy, &r);
  return MAX (LABEL_MIN_SIZE * 1.3, MAX (1.0, b->y + b->height - (cy + r + 6)) - role_height);
}

static void
draw_unknown (cairo_t         *cr,
              TfRenderContext *ctx,
              double           cx,
              double           cy,
              double           size)
{
  PangoLayout *layout = pango_layout_new (ctx->pango);
  PangoFontDescription *font = pango_font_description_from_string (TF_BOARD_FONT_FAMILY " Bold");
  PangoRectangle ink;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, "?", -1);
  pango_layout_get_extents (layout, NULL, &ink);
  tf_cairo_set_rgb (cr, TF_INK_RGB, 0.6);
  cairo_move_to (cr, cx - ink.width / 2.0 / PANGO_SCALE, cy - ink.height / 2.0 / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

/* On paper, the name and the role whole, never under TF_PRINT_MIN_TEXT
 * points: fitted in their band as on screen when they can be, otherwise
 * wrapped on as many lines as they need (under the disc, in a column a
 * little wider than the stamp when the legible size is large). */
static void
draw_print_text (const TfItem    *item,
                 const char      *role_text,
                 cairo_t         *cr,
                 TfRenderContext *ctx,
                 double           top)
{
  const TfRect *b = &item->bounds;
  double legible = TF_PRINT_MIN_TEXT / ctx->scale;
  double min = MAX (LABEL_MIN_SIZE, legible), max = MAX (LABEL_MAX_SIZE, min);
  double width = MAX (b->width + 16, min * 9);
  double x = b->x + b->width / 2 - width / 2;
  g_autoptr(PangoLayout) role = NULL;
  g_autoptr(PangoLayout) label = NULL;
  PangoRectangle role_extents = { 0 }, logical;

  if (role_text != NULL && role_text[0] != '\0')
    {
      role = new_role_layout (ctx->pango, role_text, width, MAX (ROLE_SIZE, legible), TRUE);
      pango_layout_get_extents (role, NULL, &role_extents);
    }
  label = tf_text_fit (ctx->pango, item->text, width, label_band (b, role_extents.height / (double) PANGO_SCALE),
                       max, min, TRUE, NULL);
  if (pango_layout_is_ellipsized (label))
    {
      g_clear_object (&label);
      label = tf_text_fit (ctx->pango, item->text, width, G_MAXINT / PANGO_SCALE / 4, min, min, TRUE, NULL);
    }
  pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
  pango_layout_get_extents (label, NULL, &logical);
  tf_cairo_set_rgb (cr, TF_INK_RGB, 1.0);
  cairo_move_to (cr, x, top);
  pango_cairo_show_layout (cr, label);
  if (role != NULL)
    {
      tf_cairo_set_rgb (cr, TF_INK_RGB, 0.72);
      cairo_move_to (cr, x, top + logical.height / (double) PANGO_SCALE + 1);
      pango_cairo_show_layout (cr, role);
    }
  if (ctx->placed != NULL)
    {
      TfRect r = TF_RECT_INIT (x, top, width, (logical.height + role_extents.height) / (double) PANGO_SCALE + 1);

      g_array_append_val (ctx->placed, r);
    }
}

/* An actor as stamped on the roll of paper: the pictogram on a soft disc of
 * its family's colour, the label under it, then the role in italics. Far
 * away, a disc of the family colour. */
static void
stamp_draw (const TfItem    *item,
            cairo_t         *cr,
            TfRenderContext *ctx)
{
  TfStampData *data = item->data;
  const TfRect *b = &item->bounds;
  guint32 color = tf_actor_item_get_color (item);
  double cx, cy, r, side, top;

  tf_stamp_item_get_disc (b, &cx, &cy, &r);

  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  /* A pictogram stays legible down to about 14 pixels: only smaller than
   * that is the actor a plain disc (the note-tuned levels would drop it far
   * earlier, as a stamp's bounds include its label). */
  if (!ctx->print && 2 * r * ctx->scale < 14.0)
    {
      tf_cairo_set_rgb (cr, color, 0.9);
      cairo_fill (cr);
      return;
    }
  tf_cairo_set_rgb (cr, color, 0.30);
  cairo_fill (cr);

  side = 2 * r * TF_STAMP_PICTOGRAM_RATIO;
  if (data == NULL ||
      !tf_stamp_library_draw (tf_stamp_library_get_default (), data->stamp, cr,
                              cx - side / 2, cy - side / 2, side, ctx->print))
    draw_unknown (cr, ctx, cx, cy, side * 0.6);

  if (item->text[0] == '\0' || (!ctx->print && LABEL_MAX_SIZE * ctx->scale < 3.0))
    return;
  top = cy + r + 6;
  if (ctx->print)
    {
      draw_print_text (item, data != NULL ? data->role : NULL, cr, ctx, top);
      return;
    }
  tf_cairo_set_rgb (cr, TF_INK_RGB, 1.0);

  /* Far away, the label without its role; never cut to one line (it
   * printed "Usager / cit…" on a board of camera photos): fitted and
   * wrapped as near, the fit cached by the renderer. */
  {
    double room_min = ctx->scale > 0 ? ctx->min_text / ctx->scale : 0;
    gboolean has_role = data != NULL && data->role[0] != '\0' && ROLE_SIZE * ctx->scale >= 6.0 &&
                        LABEL_MIN_SIZE * ctx->scale >= 5.0;
    PangoLayout *role = has_role ? role_layout (data, ctx, b->width + 16, role_size (room_min)) : NULL;
    PangoRectangle role_extents = { 0 };
    PangoLayout *label;
    PangoRectangle logical;

    /* The role keeps its (at most two) lines; the label fits in the rest. */
    if (role != NULL)
      pango_layout_get_extents (role, NULL, &role_extents);
    label = tf_render_context_fit_text (ctx, item, b->width + 16,
                                        label_band (b, role_extents.height / (double) PANGO_SCALE),
                                        LABEL_MAX_SIZE, label_min_size (room_min), TRUE);
    pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
    pango_layout_get_extents (label, NULL, &logical);
    cairo_move_to (cr, b->x - 8, top);
    pango_cairo_show_layout (cr, label);

    if (role != NULL)
      {
        tf_cairo_set_rgb (cr, TF_INK_RGB, 0.72);
        cairo_move_to (cr, b->x - 8, top + logical.height / (double) PANGO_SCALE + 1);
        pango_cairo_show_layout (cr, role);
      }
  }
}

/* The smallest text stamp_draw() draws in full detail: the label's fitted
 * size, or the role's when it is smaller. */
static double
stamp_text_size (const TfItem  *item,
                 PangoContext  *context,
                 double         min_size,
                 gboolean      *cut)
{
  const TfStampData *data = item->data;
  const TfRect *b = &item->bounds;
  double role_height = 0, size = 0, smallest;
  g_autoptr(PangoLayout) label = NULL;

  *cut = FALSE;
  if (item->text == NULL || item->text[0] == '\0')
    return 0;
  if (data != NULL && data->role[0] != '\0')
    {
      g_autoptr(PangoLayout) role = new_role_layout (context, data->role, b->width + 16, role_size (min_size), FALSE);
      PangoRectangle logical;

      pango_layout_get_extents (role, NULL, &logical);
      role_height = logical.height / (double) PANGO_SCALE;
      *cut = pango_layout_is_ellipsized (role);
    }
  label = tf_text_fit (context, item->text, b->width + 16, label_band (b, role_height),
                       LABEL_MAX_SIZE, label_min_size (min_size), TRUE, &size);
  *cut = *cut || pango_layout_is_ellipsized (label);
  smallest = size;
  if (role_height > 0)
    smallest = MIN (smallest, role_size (min_size));
  return smallest;
}

/* Its label is typed over the whole stamp. */
static gboolean
stamp_text_region (const TfItem *item,
                   TfRect       *region)
{
  *region = item->bounds;
  return TRUE;
}

/* What the commands call these items: "Move a pictogram". */
static char *
stamp_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a pictogram"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pictogram", "%u pictograms", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
stamp_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u actor", "%u actors", count), count);
}

const TfItemKind tf_stamp_kind = {
  .id = "stamp",
  .layer = TF_LAYER_THINGS,
  .parse = stamp_parse,
  .free_data = stamp_free_data,
  .draw = stamp_draw,
  .roles = TF_ITEM_ROLE_CONTENT,
  .pick_rank = TF_ITEM_PICK_THING,
  .handles = TF_ITEM_HANDLES_ALL,
  .min_width = TF_ITEM_MIN_SIDE,
  .min_height = TF_ITEM_MIN_SIDE,
  .text_region = stamp_text_region,
  .text_size = stamp_text_size,
  .name = stamp_name,
  .count = stamp_count,
  .describe = tf_stamp_item_describe,
};
