/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-link-kind"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>
#include <math.h>

#include "core/tf-content.h"
#include "stamps/tf-actor-items.h"
#include "core/tf-item-relations.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-text-fit.h"

#define LABEL_SIZE 13.0

static gpointer
link_parse (const TfItem *item)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  JsonObject *p = payload && JSON_NODE_HOLDS_OBJECT (payload) ? json_node_get_object (payload) : NULL;
  TfLinkData *data = g_new0 (TfLinkData, 1);

  if (p != NULL)
    {
      data->source = tf_content_json_int (p, "source", 0);
      data->target = tf_content_json_int (p, "target", 0);
      data->relation = g_strdup (tf_content_json_string (p, "relation", "information"));
      data->direction = tf_link_direction_from_id (tf_content_json_string (p, "direction", "forward"));
      data->label = g_strdup (tf_content_json_string (p, "label", ""));
    }
  else
    {
      data->relation = g_strdup ("information");
      data->label = g_strdup ("");
    }
  if (data->relation[0] == '\0')
    {
      g_free (data->relation);
      data->relation = g_strdup (TF_RELATION_CUSTOM);
    }
  return data;
}

static void
link_free_data (gpointer data)
{
  TfLinkData *link = data;

  g_free (link->relation);
  g_free (link->label);
  g_free (link);
}

static void
arrowhead (cairo_t *cr,
           double   x,
           double   y,
           double   ux,
           double   uy,
           double   length,
           double   half)
{
  /* Tip at (x, y), pointing along (ux, uy). */
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - ux * length - uy * half, y - uy * length + ux * half);
  cairo_line_to (cr, x - ux * length + uy * half, y - uy * length - ux * half);
  cairo_close_path (cr);
  cairo_fill (cr);
}

void
tf_link_draw_line (cairo_t               *cr,
                   const TfRelationStyle *style,
                   TfLinkDirection        direction,
                   double                 x0,
                   double                 y0,
                   double                 x1,
                   double                 y1,
                   double                 min_width)
{
  double dx = x1 - x0, dy = y1 - y0;
  double len = hypot (dx, dy);
  double ux, uy, nx, ny, width, head, half, s0, s1;

  if (len < 1e-6)
    return;
  ux = dx / len;
  uy = dy / len;
  nx = -uy;
  ny = ux;
  width = MAX (style->width, min_width);
  head = 10.0 + 2.0 * width;
  half = 4.0 + 1.2 * width;
  if (style->double_line)
    half += width;

  /* The line stops where an arrowhead starts. */
  s0 = direction == TF_LINK_BOTH ? head * 0.8 : 0;
  s1 = direction != TF_LINK_NONE ? head * 0.8 : 0;
  if (s0 + s1 > len * 0.9)
    s0 = s1 = 0;

  tf_cairo_set_rgb (cr, style->color, 0.95);
  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash (cr, style->dash, style->n_dash, 0);
  if (style->double_line)
    {
      double o = width * 1.1;

      for (int side = -1; side <= 1; side += 2)
        {
          cairo_move_to (cr, x0 + ux * s0 + side * nx * o, y0 + uy * s0 + side * ny * o);
          cairo_line_to (cr, x1 - ux * s1 + side * nx * o, y1 - uy * s1 + side * ny * o);
        }
    }
  else
    {
      cairo_move_to (cr, x0 + ux * s0, y0 + uy * s0);
      cairo_line_to (cr, x1 - ux * s1, y1 - uy * s1);
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (style->bar)
    {
      double bx = x0 + ux * (width + 3), by = y0 + uy * (width + 3);
      double bar = 9.0 + width;

      cairo_move_to (cr, bx - nx * bar, by - ny * bar);
      cairo_line_to (cr, bx + nx * bar, by + ny * bar);
      cairo_stroke (cr);
    }

  if (direction != TF_LINK_NONE)
    arrowhead (cr, x1, y1, ux, uy, head, half);
  if (direction == TF_LINK_BOTH)
    arrowhead (cr, x0, y0, -ux, -uy, head, half);
}

void
tf_link_draw_route (cairo_t               *cr,
                    const TfRelationStyle *style,
                    TfLinkDirection        direction,
                    double                 x0,
                    double                 y0,
                    double                 cx,
                    double                 cy,
                    double                 x1,
                    double                 y1,
                    double                 min_width)
{
  double mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
  double width, head, half, s0, s1, u0x, u0y, u1x, u1y, l0, l1, a0x, a0y, a1x, a1y;

  if (hypot (cx - mx, cy - my) < 0.5)
    {
      tf_link_draw_line (cr, style, direction, x0, y0, x1, y1, min_width);
      return;
    }
  /* The tangents at both ends. */
  l0 = hypot (cx - x0, cy - y0);
  l1 = hypot (x1 - cx, y1 - cy);
  if (l0 < 1e-6 || l1 < 1e-6)
    {
      tf_link_draw_line (cr, style, direction, x0, y0, x1, y1, min_width);
      return;
    }
  u0x = (cx - x0) / l0;
  u0y = (cy - y0) / l0;
  u1x = (x1 - cx) / l1;
  u1y = (y1 - cy) / l1;
  width = MAX (style->width, min_width);
  head = 10.0 + 2.0 * width;
  half = 4.0 + 1.2 * width;
  if (style->double_line)
    half += width;
  s0 = direction == TF_LINK_BOTH ? head * 0.8 : 0;
  s1 = direction != TF_LINK_NONE ? head * 0.8 : 0;
  /* The curve stops where an arrowhead starts. */
  a0x = x0 + u0x * s0;
  a0y = y0 + u0y * s0;
  a1x = x1 - u1x * s1;
  a1y = y1 - u1y * s1;

  tf_cairo_set_rgb (cr, style->color, 0.95);
  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash (cr, style->dash, style->n_dash, 0);
  for (int side = style->double_line ? -1 : 0; side <= (style->double_line ? 1 : 0); side += 2)
    {
      /* A double line: the curve twice, a little apart along its chord's normal. */
      double len = hypot (x1 - x0, y1 - y0), o = style->double_line ? width * 1.1 * side : 0;
      double ox = len > 0 ? -(y1 - y0) / len * o : 0, oy = len > 0 ? (x1 - x0) / len * o : 0;

      cairo_move_to (cr, a0x + ox, a0y + oy);
      /* The quadratic as a cubic. */
      cairo_curve_to (cr, a0x + ox + 2.0 / 3 * (cx - a0x), a0y + oy + 2.0 / 3 * (cy - a0y),
                      a1x + ox + 2.0 / 3 * (cx - a1x), a1y + oy + 2.0 / 3 * (cy - a1y),
                      a1x + ox, a1y + oy);
      if (!style->double_line)
        break;
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (style->bar)
    {
      double bx = x0 + u0x * (width + 3), by = y0 + u0y * (width + 3);
      double bar = 9.0 + width;

      cairo_move_to (cr, bx + u0y * bar, by - u0x * bar);
      cairo_line_to (cr, bx - u0y * bar, by + u0x * bar);
      cairo_stroke (cr);
    }
  if (direction != TF_LINK_NONE)
    arrowhead (cr, x1, y1, u1x, u1y, head, half);
  if (direction == TF_LINK_BOTH)
    arrowhead (cr, x0, y0, -u0x, -u0y, head, half);
}

/* The label's words at @size, in a box at most @max_width wide; printed
 * (@whole), wrapped instead of cut. */
static PangoLayout *
label_layout (PangoContext    *pango,
              const char      *text,
              double           size,
              double           max_width,
              gboolean         whole)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoFontDescription *font = pango_font_description_from_string (TF_BOARD_FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  if (whole)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
    }
  else
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Whether @r meets a label already placed on the page, an actor (its
 * disc and its name under it), or the name of one of the link's ends. */
static gboolean
label_collides (TfRenderContext *ctx,
                const TfLinkData *data,
                const TfRect    *r,
                GPtrArray       *near)
{
  for (guint i = 0; ctx->placed != NULL && i < ctx->placed->len; i++)
    if (tf_rect_intersects (&g_array_index (ctx->placed, TfRect, i), r))
      return TRUE;
  g_ptr_array_set_size (near, 0);
  tf_scene_query (ctx->scene, r, near);
  for (guint i = 0; i < near->len; i++)
    {
      const TfItem *other = g_ptr_array_index (near, i);

      TfAnchor anchor;

      if (other->kind != &tf_stamp_kind)
        continue;
      /* The line leaves its ends' discs: only their names are in the way. */
      if (other->id == data->source || other->id == data->target)
        {
          tf_actor_item_get_anchor (other, &anchor);
          if (tf_rect_intersects (&anchor.rect, r))
            return TRUE;
        }
      else if (tf_rect_intersects (&other->bounds, r))
        return TRUE;
    }
  return FALSE;
}

static void
draw_label (cairo_t          *cr,
            TfRenderContext  *ctx,
            const TfLinkData *data,
            const char       *text,
            double            x0,
            double            y0,
            double            x1,
            double            y1)
{
  /* Printed, never under TF_PRINT_MIN_TEXT points, never cut. */
  double size = ctx->print ? MAX (LABEL_SIZE, TF_PRINT_MIN_TEXT / ctx->scale) : LABEL_SIZE;
  g_autoptr(PangoLayout) layout = label_layout (ctx->pango, text, size, ctx->print ? MAX (180.0, size * 14) : 180.0,
                                                ctx->print);
  PangoRectangle logical;
  double w, h, pad = 4.0, x = (x0 + x1) / 2, y = (y0 + y1) / 2;

  pango_layout_get_extents (layout, NULL, &logical);
  w = logical.width / (double) PANGO_SCALE;
  h = logical.height / (double) PANGO_SCALE;

  /* On paper, where along the line no other label nor actor is: the
   * middle, else the nearest free place towards either end. */
  if (ctx->placed != NULL && ctx->scene != NULL)
    {
      static const double along[] = { 0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.15, 0.85 };
      g_autoptr(GPtrArray) near = g_ptr_array_new ();
      TfRect r;

      for (guint i = 0; i < G_N_ELEMENTS (along); i++)
        {
          double cx = x0 + (x1 - x0) * along[i], cy = y0 + (y1 - y0) * along[i];

          r = TF_RECT_INIT (cx - w / 2 - pad, cy - h / 2 - pad, w + 2 * pad, h + 2 * pad);
          if (!label_collides (ctx, data, &r, near))
            {
              x = cx;
              y = cy;
              break;
            }
        }
      r = TF_RECT_INIT (x - w / 2 - pad, y - h / 2 - pad, w + 2 * pad, h + 2 * pad);
      g_array_append_val (ctx->placed, r);
    }

  /* A patch of paper under the words, so the line never crosses them. */
  cairo_new_sub_path (cr);
  cairo_arc (cr, x - w / 2 - pad + 4, y - h / 2 - pad + 4, 4, G_PI, 1.5 * G_PI);
  cairo_arc (cr, x + w / 2 + pad - 4, y - h / 2 - pad + 4, 4, 1.5 * G_PI, 2 * G_PI);
  cairo_arc (cr, x + w / 2 + pad - 4, y + h / 2 + pad - 4, 4, 0, 0.5 * G_PI);
  cairo_arc (cr, x - w / 2 - pad + 4, y + h / 2 + pad - 4, 4, 0.5 * G_PI, G_PI);
  cairo_close_path (cr);
  tf_cairo_set_rgb (cr, TF_PAPER_RGB, 0.92);
  cairo_fill (cr);

  tf_cairo_set_rgb (cr, TF_INK_RGB, 0.85);
  cairo_move_to (cr, x - w / 2 - logical.x / (double) PANGO_SCALE, y - h / 2);
  pango_cairo_show_layout (cr, layout);
}

/* A relation, drawn where its two ends are now. */
static void
link_draw (const TfItem    *item,
           cairo_t         *cr,
           TfRenderContext *ctx)
{
  const TfLinkData *data = item->data;
  const char *label;
  double x0, y0, cx, cy, x1, y1, ax, ay, shift_x, shift_y;

  if (data == NULL || !tf_link_item_get_route (item, ctx->scene, &x0, &y0, &cx, &cy, &x1, &y1))
    return;

  tf_link_draw_route (cr, tf_relation_style_lookup (data->relation), data->direction,
                      x0, y0, cx, cy, x1, y1, 1.0 / ctx->scale);

  label = data->label[0] != '\0' ? data->label : item->text;
  /* Far away on screen, no label; printed, always one. Along the line
   * moved onto the curve's apex when it bends. */
  tf_link_route_point (x0, y0, cx, cy, x1, y1, 0.5, &ax, &ay);
  shift_x = ax - (x0 + x1) / 2;
  shift_y = ay - (y0 + y1) / 2;
  if (label[0] != '\0' && (ctx->print || LABEL_SIZE * ctx->scale >= 4.0))
    draw_label (cr, ctx, data, label, x0 + shift_x, y0 + shift_y, x1 + shift_x, y1 + shift_y);
}

gboolean
tf_link_item_get_label_rect (const TfItem *link,
                             TfScene      *scene,
                             PangoContext *pango,
                             TfRect       *rect)
{
  const TfLinkData *data = link->data;
  const char *label;
  double x0, y0, cx, cy, x1, y1, ax, ay, w, h, pad = 4.0;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (data == NULL || !tf_link_item_get_route (link, scene, &x0, &y0, &cx, &cy, &x1, &y1))
    return FALSE;
  label = data->label[0] != '\0' ? data->label : link->text;
  if (label == NULL || label[0] == '\0')
    return FALSE;
  /* As link_draw() and draw_label() place it on screen. */
  tf_link_route_point (x0, y0, cx, cy, x1, y1, 0.5, &ax, &ay);
  layout = label_layout (pango, label, LABEL_SIZE, 180.0, FALSE);
  pango_layout_get_extents (layout, NULL, &logical);
  w = logical.width / (double) PANGO_SCALE;
  h = logical.height / (double) PANGO_SCALE;
  *rect = TF_RECT_INIT (ax - w / 2 - pad, ay - h / 2 - pad, w + 2 * pad, h + 2 * pad);
  return TRUE;
}

/* A link is drawn between its two ends: without them it is nothing. */
static void
link_required (const TfItem *item,
               GArray       *ids)
{
  const TfLinkData *data = item->data;
  gint64 none = 0;

  if (data == NULL)
    {
      g_array_append_val (ids, none);
      return;
    }
  g_array_append_val (ids, data->source);
  g_array_append_val (ids, data->target);
}

/* Picked by its line, not its rectangle. */
static double
link_distance (const TfItem *item,
               TfScene      *scene,
               double        x,
               double        y)
{
  return tf_link_item_distance (item, scene, x, y);
}

/* Its label is typed over its rectangle. */
static gboolean
link_text_region (const TfItem *item,
                  TfRect       *region)
{
  *region = item->bounds;
  return TRUE;
}

static void
link_references (const TfItem *item,
                 GArray       *ids)
{
  const TfLinkData *data = item->data;

  if (data == NULL)
    return;
  g_array_append_val (ids, data->source);
  g_array_append_val (ids, data->target);
}

/* Both ends mapped, or no link. */
static char *
link_remap_payload (const TfItem *item,
                    GHashTable   *map)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  const TfLinkData *data = item->data;
  JsonObject *object;
  gint64 *source, *target;

  if (data == NULL || payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return NULL;
  source = g_hash_table_lookup (map, &data->source);
  target = g_hash_table_lookup (map, &data->target);
  if (source == NULL || target == NULL)
    return NULL;
  object = json_node_get_object (payload);
  json_object_set_int_member (object, "source", *source);
  json_object_set_int_member (object, "target", *target);
  return json_to_string (payload, FALSE);
}

/* The union of its two ends, with a margin (tf_item_relations_refresh()
 * stores the same). */
static gboolean
link_derive_bounds (const TfItem *item,
                    TfScene      *scene,
                    TfRect       *bounds)
{
  const TfLinkData *data = item->data;
  TfItem *source, *target;
  double x0, y0, x1, y1, ex0, ey0, cx, cy, ex1, ey1;

  if (data == NULL || scene == NULL)
    return FALSE;
  source = tf_scene_lookup (scene, data->source);
  target = tf_scene_lookup (scene, data->target);
  if (source == NULL || target == NULL)
    return FALSE;
  x0 = MIN (source->bounds.x, target->bounds.x) - TF_LINK_MARGIN;
  y0 = MIN (source->bounds.y, target->bounds.y) - TF_LINK_MARGIN;
  x1 = MAX (source->bounds.x + source->bounds.width, target->bounds.x + target->bounds.width) + TF_LINK_MARGIN;
  y1 = MAX (source->bounds.y + source->bounds.height, target->bounds.y + target->bounds.height) + TF_LINK_MARGIN;
  /* A curve around another actor stays within its control point's reach. */
  if (tf_link_item_get_route (item, scene, &ex0, &ey0, &cx, &cy, &ex1, &ey1))
    {
      double ax, ay;

      tf_link_route_point (ex0, ey0, cx, cy, ex1, ey1, 0.5, &ax, &ay);
      x0 = MIN (x0, ax - TF_LINK_MARGIN);
      y0 = MIN (y0, ay - TF_LINK_MARGIN);
      x1 = MAX (x1, ax + TF_LINK_MARGIN);
      y1 = MAX (y1, ay + TF_LINK_MARGIN);
    }
  *bounds = TF_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
  return TRUE;
}

/* A connector: drawn between its ends, picked by its line after the things
 * under the pointer, never resized. */
/* What the commands call these items: "Move a link". */
static char *
link_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a link"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
link_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u link", "%u links", count), count);
}

/* Its label at the middle of the line, at one size. */
static double
link_text_size (const TfItem  *item,
                PangoContext  *context,
                double         min_size,
                gboolean      *cut)
{
  const TfLinkData *data = item->data;
  const char *label = data != NULL && data->label[0] != '\0' ? data->label : item->text;

  *cut = FALSE;
  return label != NULL && label[0] != '\0' ? LABEL_SIZE : 0;
}

const TfItemKind tf_link_kind = {
  .id = "link",
  .layer = TF_LAYER_LINKS,
  .parse = link_parse,
  .free_data = link_free_data,
  .draw = link_draw,
  .required = link_required,
  .roles = TF_ITEM_ROLE_CONNECTOR,
  .pick_rank = TF_ITEM_PICK_LINK,
  .distance = link_distance,
  .handles = TF_ITEM_HANDLES_NONE,
  .text_region = link_text_region,
  .text_size = link_text_size,
  .references = link_references,
  .remap_payload = link_remap_payload,
  .derive_bounds = link_derive_bounds,
  .name = link_name,
  .count = link_count,
  .describe = tf_link_item_describe,
};
