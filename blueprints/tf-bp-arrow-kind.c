/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-bp-arrow-kind"

#include <json-glib/json-glib.h>
#include <math.h>

#include "canvas/tf-renderer.h"
#include "core/tf-content.h"
#include "tf-blueprint-kinds.h"

/* A first arrow kind: the polyline of its stored route with a head. The
 * routing wing's drawing replaces it. */

typedef struct {
  gint64   from;
  gint64   to;
  gboolean two_way;
  GArray  *route;   /* double: x0, y0, x1, y1… */
} ArrowData;

static void
arrow_free_data (gpointer data)
{
  ArrowData *arrow = data;

  g_array_unref (arrow->route);
  g_free (arrow);
}

static gpointer
arrow_parse (const TfItem *item)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  JsonObject *p = payload != NULL && JSON_NODE_HOLDS_OBJECT (payload) ? json_node_get_object (payload) : NULL;
  JsonNode *route = p != NULL ? json_object_get_member (p, "route") : NULL;
  ArrowData *arrow = g_new0 (ArrowData, 1);

  arrow->route = g_array_new (FALSE, FALSE, sizeof (double));
  arrow->from = tf_content_json_int (p, "from", 0);
  arrow->to = tf_content_json_int (p, "to", 0);
  arrow->two_way = tf_content_json_boolean (p, "two_way", FALSE);
  if (route != NULL && JSON_NODE_HOLDS_ARRAY (route))
    {
      JsonArray *array = json_node_get_array (route);

      for (guint i = 0; i + 1 < json_array_get_length (array); i += 2)
        for (guint k = 0; k < 2; k++)
          {
            JsonNode *node = json_array_get_element (array, i + k);
            double v = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : 0;

            g_array_append_val (arrow->route, v);
          }
    }
  return arrow;
}

static void
head (cairo_t *cr,
      double   x,
      double   y,
      double   fx,
      double   fy)
{
  double dx = x - fx, dy = y - fy, len = hypot (dx, dy), ux, uy;

  if (len < 1e-6)
    return;
  ux = dx / len;
  uy = dy / len;
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - ux * 14 - uy * 6, y - uy * 14 + ux * 6);
  cairo_line_to (cr, x - ux * 14 + uy * 6, y - uy * 14 - ux * 6);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
arrow_draw (const TfItem    *item,
            cairo_t         *cr,
            TfRenderContext *ctx)
{
  const ArrowData *arrow = item->data;
  const double *p;
  guint n;

  (void) ctx;
  if (arrow == NULL || arrow->route->len < 4)
    return;
  p = (const double *) arrow->route->data;
  n = arrow->route->len / 2;
  tf_cairo_set_rgb (cr, TF_INK_RGB, 0.8);
  cairo_set_line_width (cr, 2.0);
  cairo_move_to (cr, p[0], p[1]);
  for (guint i = 1; i < n; i++)
    cairo_line_to (cr, p[2 * i], p[2 * i + 1]);
  cairo_stroke (cr);
  head (cr, p[2 * n - 2], p[2 * n - 1], p[2 * n - 4], p[2 * n - 3]);
  if (arrow->two_way)
    head (cr, p[0], p[1], p[2], p[3]);
}

static void
arrow_references (const TfItem *item,
                  GArray       *ids)
{
  const ArrowData *arrow = item->data;

  if (arrow == NULL)
    return;
  g_array_append_val (ids, arrow->from);
  g_array_append_val (ids, arrow->to);
}

static void
arrow_required (const TfItem *item,
                GArray       *ids)
{
  arrow_references (item, ids);
}

/* Both cards mapped, or no arrow. */
static char *
arrow_remap_payload (const TfItem *item,
                     GHashTable   *map)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  const ArrowData *arrow = item->data;
  gint64 *from, *to;
  JsonObject *object;

  if (arrow == NULL || payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return NULL;
  from = g_hash_table_lookup (map, &arrow->from);
  to = g_hash_table_lookup (map, &arrow->to);
  if (from == NULL || to == NULL)
    return NULL;
  object = json_node_get_object (payload);
  json_object_set_int_member (object, "from", *from);
  json_object_set_int_member (object, "to", *to);
  return json_to_string (payload, FALSE);
}

const TfItemKind tf_bp_arrow_kind = {
  .id = TF_BP_ARROW_KIND,
  .layer = TF_LAYER_LINKS,
  .parse = arrow_parse,
  .free_data = arrow_free_data,
  .draw = arrow_draw,
  .required = arrow_required,
  .roles = TF_ITEM_ROLE_CONNECTOR,
  .pick_rank = TF_ITEM_PICK_LINK,
  .handles = TF_ITEM_HANDLES_NONE,
  .references = arrow_references,
  .remap_payload = arrow_remap_payload,
};
