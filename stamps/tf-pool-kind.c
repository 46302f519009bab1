/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-pool-kind"

#include <json-glib/json-glib.h>

#include "core/tf-content.h"
#include "core/tf-item-relations.h"
#include "stamps/tf-stamp.h"
#include "stamps/tf-actor-items.h"
#include "canvas/tf-item-kinds.h"
#include "canvas/tf-renderer.h"

#define DEFAULT_COLOR 0x6f8fbf
#define TITLE_SIZE    20.0

static gpointer
pool_parse (const TfItem *item)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  g_autoptr(JsonNode) style = tf_item_parse_json (item->style);
  TfPoolData *data = g_new0 (TfPoolData, 1);
  JsonArray *members = NULL;

  data->members = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->color = DEFAULT_COLOR;
  if (payload != NULL && JSON_NODE_HOLDS_OBJECT (payload))
    {
      JsonNode *node = json_object_get_member (json_node_get_object (payload), "members");

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        members = json_node_get_array (node);
    }
  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonNode *node = json_array_get_element (members, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        {
          gint64 id = json_node_get_int (node);
          g_array_append_val (data->members, id);
        }
    }
  if (style != NULL && JSON_NODE_HOLDS_OBJECT (style))
    tf_stamp_parse_color (tf_content_json_string (json_node_get_object (style), "color", NULL),
                          &data->color);
  return data;
}

static void
pool_free_data (gpointer data)
{
  TfPoolData *pool = data;

  g_array_unref (pool->members);
  g_free (pool);
}

static guint32
darker (guint32 rgb)
{
  guint r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

  return ((r * 55 / 100) << 16) | ((g * 55 / 100) << 8) | (b * 55 / 100);
}

/* The pool of an elected official: a soft rounded hull around its members,
 * recomputed from where they are now, with its name above. */
static void
pool_draw (const TfItem    *item,
           cairo_t         *cr,
           TfRenderContext *ctx)
{
  const TfPoolData *data = item->data;
  g_autoptr(GArray) hull = g_array_new (FALSE, FALSE, sizeof (double));
  double top = G_MAXDOUBLE, left = G_MAXDOUBLE, right = -G_MAXDOUBLE;

  if (data == NULL || !tf_pool_item_get_hull (item, ctx->scene, hull))
    return;

  tf_pool_hull_path (cr, hull, TF_POOL_PADDING);
  tf_cairo_set_rgb (cr, data->color, 0.13);
  cairo_fill_preserve (cr);
  tf_cairo_set_rgb (cr, data->color, 0.75);
  cairo_set_line_width (cr, MAX (2.5, 1.0 / ctx->scale));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  if (item->text[0] == '\0' || TITLE_SIZE * ctx->scale < 4.0)
    return;
  for (guint i = 0; i < hull->len; i += 2)
    {
      left = MIN (left, g_array_index (hull, double, i));
      right = MAX (right, g_array_index (hull, double, i));
      top = MIN (top, g_array_index (hull, double, i + 1));
    }
  {
    double width = right - left + 2 * TF_POOL_PADDING;
    PangoLayout *title = tf_render_context_line (ctx, item, MAX (40.0, width), TITLE_SIZE, TRUE);
    PangoRectangle logical;

    pango_layout_get_extents (title, NULL, &logical);
    tf_cairo_set_rgb (cr, darker (data->color), 1.0);
    cairo_move_to (cr, (left + right) / 2 - logical.width / 2.0 / PANGO_SCALE,
                   top - TF_POOL_PADDING - logical.height / (double) PANGO_SCALE - 4);
    pango_cairo_show_layout (cr, title);
  }
}

const TfItemKind tf_pool_kind = {
  .id = "pool",
  .layer = TF_LAYER_ZONES,
  .parse = pool_parse,
  .free_data = pool_free_data,
  .draw = pool_draw,
};
