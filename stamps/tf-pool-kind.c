/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-pool-kind"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "core/tf-content.h"
#include "core/tf-item-relations.h"
#include "stamps/tf-stamp.h"
#include "stamps/tf-actor-items.h"
#include "canvas/tf-layout.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-text-fit.h"

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

/* The highest point (least y) of the hull's upper edge over [@x0, @x1]
 * (clamped to the hull), before padding. */
static double
hull_top_over (const GArray *hull,
               double        x0,
               double        x1)
{
  const double *p = (const double *) hull->data;
  guint n = hull->len / 2;
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE, top = G_MAXDOUBLE;
  double xs[2];

  for (guint i = 0; i < n; i++)
    {
      left = MIN (left, p[2 * i]);
      right = MAX (right, p[2 * i]);
      if (p[2 * i] >= x0 && p[2 * i] <= x1)
        top = MIN (top, p[2 * i + 1]);
    }
  xs[0] = CLAMP (x0, left, right);
  xs[1] = CLAMP (x1, left, right);
  /* Where the span's ends cross the outline's edges. */
  for (guint k = 0; k < 2; k++)
    for (guint i = 0; i < n; i++)
      {
        double ax = p[2 * i], ay = p[2 * i + 1];
        double bx = p[2 * ((i + 1) % n)], by = p[2 * ((i + 1) % n) + 1];

        if (xs[k] < MIN (ax, bx) || xs[k] > MAX (ax, bx))
          continue;
        top = MIN (top, ax == bx ? MIN (ay, by) : ay + (by - ay) * (xs[k] - ax) / (bx - ax));
      }
  return top;
}

static double
overlap_area (const TfRect *a,
              const TfRect *b)
{
  double w = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
  double h = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);

  return w > 0 && h > 0 ? w * h : 0;
}

/* How much of @r other things of the map cover: actors' discs and names,
 * links' labels (as drawn on screen), and on paper the labels placed so far. */
static double
title_crowding (const TfItem *pool,
                TfScene      *scene,
                PangoContext *pango,
                const GArray *placed,
                const TfRect *r,
                GPtrArray    *near)
{
  /* A link's label may lie off its own bounds (a short link, a long label). */
  TfRect reach = TF_RECT_INIT (r->x - 100, r->y - 40, r->width + 200, r->height + 80);
  double crowd = 0;

  for (guint i = 0; placed != NULL && i < placed->len; i++)
    crowd += overlap_area (&g_array_index (placed, TfRect, i), r);
  g_ptr_array_set_size (near, 0);
  tf_scene_query (scene, &reach, near);
  for (guint i = 0; i < near->len; i++)
    {
      const TfItem *other = g_ptr_array_index (near, i);
      TfRect label;

      if (other == pool || other->hidden)
        continue;
      if (other->kind == &tf_stamp_kind)
        crowd += overlap_area (&other->bounds, r);
      else if (other->kind == &tf_link_kind && pango != NULL &&
               tf_link_item_get_label_rect (other, scene, pango, &label))
        crowd += overlap_area (&label, r);
    }
  return crowd;
}

/* The place of a name @w × @h along the top of @hull: just over the
 * outline where it runs under the name, the middle first, then further
 * on either side, the first that nothing covers (else the least covered). */
static TfRect
title_place (const TfItem *pool,
             TfScene      *scene,
             PangoContext *pango,
             const GArray *placed,
             const GArray *hull,
             double        w,
             double        h)
{
  g_autoptr(GPtrArray) near = g_ptr_array_new ();
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE, best_crowd = G_MAXDOUBLE;
  double lo, hi, centre, step;
  TfRect best = { 0 };

  for (guint i = 0; i < hull->len; i += 2)
    {
      left = MIN (left, g_array_index (hull, double, i));
      right = MAX (right, g_array_index (hull, double, i));
    }
  centre = (left + right) / 2 - w / 2;
  lo = MIN (centre, left - TF_POOL_PADDING);
  hi = MAX (centre, right + TF_POOL_PADDING - w);
  step = MAX (20.0, w / 4);
  for (int k = 0; k < 41; k++)
    {
      /* 0, +1, −1, +2, −2… steps from the middle. */
      double x = centre + ((k + 1) / 2) * step * (k % 2 == 1 ? 1 : -1);
      double bottom;
      TfRect r;
      double crowd;

      if (x < lo - 1e-6 || x > hi + 1e-6)
        continue;
      bottom = hull_top_over (hull, x - TF_POOL_PADDING, x + w + TF_POOL_PADDING) - TF_POOL_PADDING - 4;
      r = TF_RECT_INIT (x, bottom - h, w, h);
      crowd = title_crowding (pool, scene, pango, placed, &r, near);
      if (crowd < best_crowd)
        {
          best = r;
          best_crowd = crowd;
        }
      if (crowd <= 0)
        break;
    }
  return best;
}

gboolean
tf_pool_item_get_title_rect (const TfItem *pool,
                             TfScene      *scene,
                             PangoContext *pango,
                             TfRect       *rect)
{
  g_autoptr(GArray) hull = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(PangoLayout) title = NULL;
  PangoRectangle logical;
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE;

  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), FALSE);

  if (pool->text == NULL || pool->text[0] == '\0' || !tf_pool_item_get_hull (pool, scene, hull))
    return FALSE;
  for (guint i = 0; i < hull->len; i += 2)
    {
      left = MIN (left, g_array_index (hull, double, i));
      right = MAX (right, g_array_index (hull, double, i));
    }
  /* As pool_draw() lays it out (the renderer's cached line). */
  title = tf_text_line (pango, pool->text, MAX (40.0, right - left + 2 * TF_POOL_PADDING), TITLE_SIZE, TRUE);
  pango_layout_get_extents (title, NULL, &logical);
  *rect = title_place (pool, scene, pango, NULL, hull, logical.width / (double) PANGO_SCALE,
                       logical.height / (double) PANGO_SCALE);
  return TRUE;
}

/* The pool of an elected official: a soft rounded hull around its members,
 * recomputed from where they are now, with its name on its top edge where
 * no actor's name nor link's label is (title_place()). */
static void
pool_draw (const TfItem    *item,
           cairo_t         *cr,
           TfRenderContext *ctx)
{
  const TfPoolData *data = item->data;
  g_autoptr(GArray) hull = g_array_new (FALSE, FALSE, sizeof (double));
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE;

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
    }
  {
    double width = right - left + 2 * TF_POOL_PADDING;
    PangoLayout *title = tf_render_context_line (ctx, item, MAX (40.0, width), TITLE_SIZE, TRUE);
    PangoRectangle logical;
    TfRect r;

    pango_layout_get_extents (title, NULL, &logical);
    r = title_place (item, ctx->scene, ctx->pango, ctx->placed, hull, logical.width / (double) PANGO_SCALE,
                     logical.height / (double) PANGO_SCALE);
    /* On paper the links' labels, drawn next, keep off it. */
    if (ctx->placed != NULL)
      g_array_append_val (ctx->placed, r);
    tf_cairo_set_rgb (cr, darker (data->color), 1.0);
    cairo_move_to (cr, r.x, r.y);
    pango_cairo_show_layout (cr, title);
  }
}

/* Its name is typed above its hull, at the top of its bounds, at least this
 * wide. */
#define TITLE_EDIT_WIDTH 240.0

static gboolean
pool_text_region (const TfItem *item,
                  TfRect       *region)
{
  *region = TF_RECT_INIT (item->bounds.x, item->bounds.y,
                          MAX (item->bounds.width, TITLE_EDIT_WIDTH), TF_LAYOUT_ZONE_TITLE);
  return TRUE;
}

static gboolean
has_member (const TfPoolData *data,
            gint64            id)
{
  for (guint i = 0; data != NULL && i < data->members->len; i++)
    if (g_array_index (data->members, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* Its members are listed in its payload. */
static gboolean
pool_accepts (const TfItem *pool,
              const TfItem *other)
{
  return has_member (pool->data, other->id);
}

static void
pool_references (const TfItem *item,
                 GArray       *ids)
{
  const TfPoolData *data = item->data;

  if (data != NULL)
    g_array_append_vals (ids, data->members->data, data->members->len);
}

/* The members that are mapped, in order; no pool without one. */
static char *
pool_remap_payload (const TfItem *item,
                    GHashTable   *map)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  const TfPoolData *data = item->data;
  JsonArray *members;
  JsonObject *object;

  if (data == NULL || payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return NULL;
  members = json_array_new ();
  for (guint i = 0; i < data->members->len; i++)
    {
      gint64 *mapped = g_hash_table_lookup (map, &g_array_index (data->members, gint64, i));

      if (mapped != NULL)
        json_array_add_int_element (members, *mapped);
    }
  if (json_array_get_length (members) == 0)
    {
      json_array_unref (members);
      return NULL;
    }
  object = json_node_get_object (payload);
  json_object_set_array_member (object, "members", members);
  return json_to_string (payload, FALSE);
}

/* Its members' rectangles, padded, with room for its name above
 * (tf_item_relations_refresh() stores the same). */
static gboolean
pool_derive_bounds (const TfItem *item,
                    TfScene      *scene,
                    TfRect       *bounds)
{
  const TfPoolData *data = item->data;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  gboolean any = FALSE;

  if (data == NULL || scene == NULL)
    return FALSE;
  for (guint i = 0; i < data->members->len; i++)
    {
      gint64 id = g_array_index (data->members, gint64, i);
      TfItem *member = id != item->id ? tf_scene_lookup (scene, id) : NULL;

      if (member == NULL)
        continue;
      x0 = MIN (x0, member->bounds.x);
      y0 = MIN (y0, member->bounds.y);
      x1 = MAX (x1, member->bounds.x + member->bounds.width);
      y1 = MAX (y1, member->bounds.y + member->bounds.height);
      any = TRUE;
    }
  if (!any)
    return FALSE;
  *bounds = TF_RECT_INIT (x0 - TF_POOL_PADDING, y0 - TF_POOL_PADDING - TF_POOL_TITLE,
                          x1 - x0 + 2 * TF_POOL_PADDING, y1 - y0 + 2 * TF_POOL_PADDING + TF_POOL_TITLE);
  return TRUE;
}

/* A container of actors: drawn around its members, picked by its rectangle
 * only where nothing else is, never resized. */
/* What the commands call these items: "Move a pool". */
static char *
pool_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a pool"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pool", "%u pools", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
pool_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pool", "%u pools", count), count);
}

/* Its title above its members, on one line at one size. */
static double
pool_text_size (const TfItem  *item,
                PangoContext  *context,
                double         min_size,
                gboolean      *cut)
{
  *cut = FALSE;
  return item->text != NULL && item->text[0] != '\0' ? TITLE_SIZE : 0;
}

const TfItemKind tf_pool_kind = {
  .id = "pool",
  .layer = TF_LAYER_ZONES,
  .parse = pool_parse,
  .free_data = pool_free_data,
  .draw = pool_draw,
  .roles = TF_ITEM_ROLE_CONTAINER,
  .pick_rank = TF_ITEM_PICK_POOL,
  .handles = TF_ITEM_HANDLES_NONE,
  .text_region = pool_text_region,
  .text_size = pool_text_size,
  .accepts = pool_accepts,
  .references = pool_references,
  .remap_payload = pool_remap_payload,
  .derive_bounds = pool_derive_bounds,
  .name = pool_name,
  .count = pool_count,
  .describe = tf_pool_item_describe,
  .placed_among_neighbours = TRUE,
};
