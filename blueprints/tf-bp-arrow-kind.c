/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-bp-arrow-kind"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>
#include <math.h>

#include "core/tf-content.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-scene.h"
#include "canvas/tf-text-fit.h"
#include "tf-blueprint-kinds.h"
#include "tf-bp-arrow-kind.h"

#define ARROW_RGB     0x45433F   /* dark grey: under the ink of the cards */
#define ARROW_WIDTH   1.75
#define HEAD_LENGTH   11.0
#define HEAD_HALF     5.0
#define CORNER_RADIUS 7.0
#define LABEL_SIZE    13.0
#define LABEL_WIDTH   180.0
#define LABEL_PAD     4.0
/* The clearance a route keeps from the cards when the arrow draws its own
 * (no stored route). */
#define FALLBACK_MARGIN 12.0

typedef struct {
  gint64   from;
  gint64   to;
  gboolean two_way;
  gboolean loop;
  char    *label;
  GArray  *route;   /* TfBpPoint; NULL when none or not orthogonal */
  gboolean routed;  /* settled with an empty route: nothing to draw */
  gboolean off;     /* an end in a hidden lane: off the board, as it is */
} ArrowData;

/* --- Parsing ------------------------------------------------------------- */

static gboolean
route_is_orthogonal (GArray *route)
{
  if (route->len < 2)
    return FALSE;
  for (guint i = 1; i < route->len; i++)
    {
      const TfBpPoint *a = &g_array_index (route, TfBpPoint, i - 1);
      const TfBpPoint *b = &g_array_index (route, TfBpPoint, i);

      if (fabs (a->x - b->x) > 1e-6 && fabs (a->y - b->y) > 1e-6)
        return FALSE;
    }
  return TRUE;
}

/* A route has a few bends; a hostile payload may claim thousands, which
 * drawing and placing the label would walk at every frame. Beyond this, the
 * route is ignored and the arrow drawn straight between its cards. */
#define MAX_ROUTE_POINTS 512

static GArray *
parse_route (JsonObject *p)
{
  JsonNode *node = json_object_get_member (p, "route");
  JsonArray *array;
  GArray *route;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n < 4 || n % 2 != 0 || n / 2 > MAX_ROUTE_POINTS)
    return NULL;
  route = g_array_sized_new (FALSE, FALSE, sizeof (TfBpPoint), n / 2);
  for (guint i = 0; i < n; i += 2)
    {
      JsonNode *xn = json_array_get_element (array, i), *yn = json_array_get_element (array, i + 1);
      TfBpPoint pt;

      if (!JSON_NODE_HOLDS_VALUE (xn) || !JSON_NODE_HOLDS_VALUE (yn) ||
          (json_node_get_value_type (xn) != G_TYPE_DOUBLE && json_node_get_value_type (xn) != G_TYPE_INT64) ||
          (json_node_get_value_type (yn) != G_TYPE_DOUBLE && json_node_get_value_type (yn) != G_TYPE_INT64))
        break;
      pt.x = json_node_get_double (xn);
      pt.y = json_node_get_double (yn);
      if (!tf_content_check_coord (pt.x) || !tf_content_check_coord (pt.y))
        break;
      g_array_append_val (route, pt);
    }
  if (route->len != n / 2 || !route_is_orthogonal (route))
    {
      g_array_unref (route);
      return NULL;
    }
  return route;
}

static gpointer
arrow_parse (const TfItem *item)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  JsonObject *p = payload && JSON_NODE_HOLDS_OBJECT (payload) ? json_node_get_object (payload) : NULL;
  ArrowData *data = g_new0 (ArrowData, 1);

  if (p != NULL)
    {
      data->from = tf_content_json_int (p, "from", 0);
      data->to = tf_content_json_int (p, "to", 0);
      data->two_way = tf_content_json_boolean (p, "two_way", FALSE);
      data->loop = tf_content_json_boolean (p, "loop", FALSE);
      data->label = g_strdup (tf_content_json_string (p, "label", ""));
      data->route = parse_route (p);
      data->routed = json_object_has_member (p, "route");
      if (data->routed)
        {
          JsonNode *route = json_object_get_member (p, "route");

          /* Settled with no route: only an empty one says so. */
          data->routed = JSON_NODE_HOLDS_ARRAY (route) && json_array_get_length (json_node_get_array (route)) == 0;
        }
      data->off = tf_content_json_boolean (p, "off", FALSE);
    }
  else
    data->label = g_strdup ("");
  return data;
}

static void
arrow_free_data (gpointer data)
{
  ArrowData *arrow = data;

  g_free (arrow->label);
  if (arrow->route != NULL)
    g_array_unref (arrow->route);
  g_free (arrow);
}

GArray *
tf_bp_arrow_item_route (const TfItem *item)
{
  const ArrowData *data;

  g_return_val_if_fail (item != NULL, NULL);
  if (item->kind != &tf_bp_arrow_kind || item->data == NULL)
    return NULL;
  data = item->data;
  return data->route;
}

/* The route to draw and pick: the stored one, or one between the two cards
 * alone when there is none (a new arrow before its first settle). Settle
 * stores an empty route for an arrow whose end is off the board (a hidden
 * lane): nothing then. */
static GArray *
arrow_route (const TfItem *item,
             TfScene      *scene)
{
  const ArrowData *data = item->data;
  TfItem *from, *to;
  GArray *route;

  if (data == NULL)
    return NULL;
  /* On a board, both cards must be on it and shown. */
  from = scene != NULL ? tf_scene_lookup (scene, data->from) : NULL;
  to = scene != NULL ? tf_scene_lookup (scene, data->to) : NULL;
  if (scene != NULL && (from == NULL || to == NULL || from->hidden || to->hidden))
    return NULL;
  if (data->route != NULL)
    return g_array_ref (data->route);
  if (scene == NULL || data->routed)
    return NULL;
  route = g_array_new (FALSE, FALSE, sizeof (TfBpPoint));
  tf_bp_route (&from->bounds, &to->bounds, NULL, 0, FALLBACK_MARGIN, route);
  return route;
}

/* --- Drawing ------------------------------------------------------------- */

static void
unit (const TfBpPoint *a,
      const TfBpPoint *b,
      double          *ux,
      double          *uy,
      double          *len)
{
  double dx = b->x - a->x, dy = b->y - a->y;

  *len = hypot (dx, dy);
  *ux = *len > 1e-9 ? dx / *len : 0;
  *uy = *len > 1e-9 ? dy / *len : 0;
}

static void
head (cairo_t         *cr,
      const TfBpPoint *tip,
      double           ux,
      double           uy,
      double           length,
      double           half)
{
  cairo_move_to (cr, tip->x, tip->y);
  cairo_line_to (cr, tip->x - ux * length - uy * half, tip->y - uy * length + ux * half);
  cairo_line_to (cr, tip->x - ux * length * 0.8, tip->y - uy * length * 0.8);
  cairo_line_to (cr, tip->x - ux * length + uy * half, tip->y - uy * length - ux * half);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* The polyline, its corners rounded, its ends pulled back under the heads. */
static void
polyline_path (cairo_t   *cr,
               GArray    *route,
               double     cut_start,
               double     cut_end)
{
  guint n = route->len;
  const TfBpPoint *p = (const TfBpPoint *) (const void *) route->data;
  double ux, uy, len;

  unit (&p[0], &p[1], &ux, &uy, &len);
  cairo_move_to (cr, p[0].x + ux * MIN (cut_start, len / 2), p[0].y + uy * MIN (cut_start, len / 2));
  for (guint i = 1; i + 1 < n; i++)
    {
      double ix, iy, il, ox, oy, ol, r;

      unit (&p[i - 1], &p[i], &ix, &iy, &il);
      unit (&p[i], &p[i + 1], &ox, &oy, &ol);
      r = MIN (CORNER_RADIUS, MIN (il, ol) / 2);
      if (r < 0.5 || fabs (ix * ox + iy * oy) > 0.5)
        {
          cairo_line_to (cr, p[i].x, p[i].y);
          continue;
        }
      /* A quarter circle: Bézier handles at 0.552 of the radius. */
      cairo_line_to (cr, p[i].x - ix * r, p[i].y - iy * r);
      cairo_curve_to (cr,
                      p[i].x - ix * r * 0.448, p[i].y - iy * r * 0.448,
                      p[i].x + ox * r * 0.448, p[i].y + oy * r * 0.448,
                      p[i].x + ox * r, p[i].y + oy * r);
    }
  unit (&p[n - 2], &p[n - 1], &ux, &uy, &len);
  cairo_line_to (cr, p[n - 1].x - ux * MIN (cut_end, len / 2), p[n - 1].y - uy * MIN (cut_end, len / 2));
}

/* Where the label goes: the middle of the longest horizontal segment when
 * one is long enough to carry it (a label across a vertical segment would
 * reach over the cards on both sides of a gutter), else of the longest. */
static guint
label_anchor (GArray *route,
              double *x,
              double *y)
{
  double best = -1, best_horizontal = -1, hx = 0, hy = 0;
  guint segment = 1, horizontal = 1;

  for (guint i = 1; i < route->len; i++)
    {
      const TfBpPoint *a = &g_array_index (route, TfBpPoint, i - 1);
      const TfBpPoint *b = &g_array_index (route, TfBpPoint, i);
      double len = fabs (b->x - a->x) + fabs (b->y - a->y);

      if (len > best)
        {
          best = len;
          segment = i;
          *x = (a->x + b->x) / 2;
          *y = (a->y + b->y) / 2;
        }
      if (fabs (a->y - b->y) < 1e-6 && len > best_horizontal)
        {
          best_horizontal = len;
          horizontal = i;
          hx = (a->x + b->x) / 2;
          hy = a->y;
        }
    }
  if (best_horizontal >= LABEL_WIDTH / 2)
    {
      *x = hx;
      *y = hy;
      return horizontal;
    }
  return segment;
}

/* Whether a label over @area would hide part of a card. */
static gboolean
covers_a_card (TfScene      *scene,
               const TfRect *area)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  tf_scene_query (scene, area, items);
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);

      if (!item->hidden && tf_item_has_role (item, TF_ITEM_ROLE_CONTENT) &&
          tf_rect_intersects (area, &item->bounds))
        return TRUE;
    }
  return FALSE;
}

/* Where on the route a label of @w × @h hides no card: along segment
 * @first from its middle outwards, then along the other segments, the
 * longest first. Leaves (@x, @y) as they are when there is no such place. */
static void
find_label_place (TfScene *scene,
                  GArray  *route,
                  guint    first,
                  double   w,
                  double   h,
                  double  *x,
                  double  *y)
{
  g_autofree guint *order = g_new (guint, route->len);
  guint n = 0;
  /* Places tried in all: a bound on the time a label takes, whatever the
   * route (a spatial query each). */
  guint budget = 512;

  order[n++] = first;
  for (guint i = 1; i < route->len; i++)
    if (i != first)
      order[n++] = i;
  /* The others by length, longest first (a few segments: insertion). */
  for (guint i = 2; i < n; i++)
    for (guint j = i; j > 1; j--)
      {
        const TfBpPoint *p = (const TfBpPoint *) (const void *) route->data;
        double lj = fabs (p[order[j]].x - p[order[j] - 1].x) + fabs (p[order[j]].y - p[order[j] - 1].y);
        double lk = fabs (p[order[j - 1]].x - p[order[j - 1] - 1].x) + fabs (p[order[j - 1]].y - p[order[j - 1] - 1].y);

        if (lj <= lk)
          break;
        {
          guint t = order[j];

          order[j] = order[j - 1];
          order[j - 1] = t;
        }
      }

  for (guint k = 0; k < n; k++)
    {
      const TfBpPoint *a = &g_array_index (route, TfBpPoint, order[k] - 1);
      const TfBpPoint *b = &g_array_index (route, TfBpPoint, order[k]);
      gboolean vertical = fabs (a->x - b->x) < 1e-6;
      double lo = vertical ? MIN (a->y, b->y) : MIN (a->x, b->x);
      double hi = vertical ? MAX (a->y, b->y) : MAX (a->x, b->x);
      double mid = (lo + hi) / 2;

      for (double step = 0; step <= MIN ((hi - lo) / 2, 400); step += 8)
        for (int sign = -1; sign <= 1; sign += 2)
          {
            double c = mid + sign * step;
            TfRect area;

            if (budget-- == 0)
              return;
            area = TF_RECT_INIT ((vertical ? a->x : c) - w / 2, (vertical ? c : a->y) - h / 2, w, h);
            if (!covers_a_card (scene, &area))
              {
                *x = vertical ? a->x : c;
                *y = vertical ? c : a->y;
                return;
              }
          }
    }
}

static void
draw_label (cairo_t         *cr,
            TfRenderContext *ctx,
            const char      *text,
            GArray          *route)
{
  PangoLayout *layout = pango_layout_new (ctx->pango);
  PangoFontDescription *font = pango_font_description_from_string (TF_BOARD_FONT_FAMILY);
  PangoRectangle logical;
  double w, h, r = 4.0, x = 0, y = 0;
  double x0, y0, x1, y1;
  guint segment;

  pango_font_description_set_absolute_size (font, LABEL_SIZE * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (LABEL_WIDTH * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  w = logical.width / (double) PANGO_SCALE;
  h = logical.height / (double) PANGO_SCALE;

  /* The label slides along its segment, then along the others from the
   * longest, to the first place where it hides no card (a gutter). */
  segment = label_anchor (route, &x, &y);
  if (ctx->scene != NULL)
    find_label_place (ctx->scene, route, segment, w + 2 * LABEL_PAD, h, &x, &y);

  /* A small patch of paper under the words: the line stops at it. */
  x0 = x - w / 2 - LABEL_PAD;
  y0 = y - h / 2 - LABEL_PAD / 2;
  x1 = x + w / 2 + LABEL_PAD;
  y1 = y + h / 2 + LABEL_PAD / 2;
  cairo_new_sub_path (cr);
  cairo_arc (cr, x0 + r, y0 + r, r, G_PI, 1.5 * G_PI);
  cairo_arc (cr, x1 - r, y0 + r, r, 1.5 * G_PI, 2 * G_PI);
  cairo_arc (cr, x1 - r, y1 - r, r, 0, 0.5 * G_PI);
  cairo_arc (cr, x0 + r, y1 - r, r, 0.5 * G_PI, G_PI);
  cairo_close_path (cr);
  tf_cairo_set_rgb (cr, TF_PAPER_RGB, 1.0);
  cairo_fill (cr);

  tf_cairo_set_rgb (cr, TF_INK_RGB, 0.9);
  cairo_move_to (cr, x - w / 2 - logical.x / (double) PANGO_SCALE, y - h / 2 - logical.y / (double) PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
arrow_draw (const TfItem    *item,
            cairo_t         *cr,
            TfRenderContext *ctx)
{
  const ArrowData *data = item->data;
  g_autoptr(GArray) route = arrow_route (item, ctx->scene);
  const TfBpPoint *p;
  double width, length, half, ux, uy, len;
  guint n;

  if (route == NULL || route->len < 2)
    return;
  n = route->len;
  p = (const TfBpPoint *) (const void *) route->data;
  /* Never thinner than a device pixel: crisp when zoomed out and printed. */
  width = MAX (ARROW_WIDTH, 1.0 / ctx->scale);
  length = HEAD_LENGTH + width;
  half = HEAD_HALF + width / 2;

  cairo_save (cr);
  tf_cairo_set_rgb (cr, ARROW_RGB, 1.0);
  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (data->loop)
    {
      double dash[] = { 3.5 * width, 2.5 * width };

      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    }
  polyline_path (cr, route, data->two_way ? length * 0.7 : 0, length * 0.7);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  unit (&p[n - 2], &p[n - 1], &ux, &uy, &len);
  head (cr, &p[n - 1], ux, uy, length, half);
  if (data->two_way)
    {
      unit (&p[1], &p[0], &ux, &uy, &len);
      head (cr, &p[0], ux, uy, length, half);
    }

  if (data->label[0] != '\0' && LABEL_SIZE * ctx->scale >= 4.0)
    draw_label (cr, ctx, data->label, route);
  cairo_restore (cr);
}

/* --- Behaviour ----------------------------------------------------------- */

/* Settle puts an arrow with an end in a hidden lane off the board
 * ("off": true), as it does the card. */
static gboolean
arrow_is_hidden (const TfItem *item)
{
  const ArrowData *data = item->data;

  return data != NULL && data->off;
}

/* Drawn between its two cards: without them it is nothing. */
static void
arrow_required (const TfItem *item,
                GArray       *ids)
{
  const ArrowData *data = item->data;
  gint64 none = 0;

  if (data == NULL)
    {
      g_array_append_val (ids, none);
      return;
    }
  g_array_append_val (ids, data->from);
  g_array_append_val (ids, data->to);
}

/* Picked by its line, not by its rectangle. */
static double
arrow_distance (const TfItem *item,
                TfScene      *scene,
                double        x,
                double        y)
{
  g_autoptr(GArray) route = arrow_route (item, scene);
  double best = G_MAXDOUBLE;

  if (route == NULL)
    return G_MAXDOUBLE;
  for (guint i = 1; i < route->len; i++)
    {
      const TfBpPoint *a = &g_array_index (route, TfBpPoint, i - 1);
      const TfBpPoint *b = &g_array_index (route, TfBpPoint, i);
      double dx = b->x - a->x, dy = b->y - a->y, len2 = dx * dx + dy * dy, t;

      t = len2 > 0 ? CLAMP (((x - a->x) * dx + (y - a->y) * dy) / len2, 0.0, 1.0) : 0.0;
      best = MIN (best, hypot (x - (a->x + t * dx), y - (a->y + t * dy)));
    }
  return best;
}

static void
arrow_references (const TfItem *item,
                  GArray       *ids)
{
  const ArrowData *data = item->data;

  if (data == NULL)
    return;
  g_array_append_val (ids, data->from);
  if (data->to != data->from)
    g_array_append_val (ids, data->to);
}

/* Both cards mapped, or no arrow. The route stays until the next settle. */
static char *
arrow_remap_payload (const TfItem *item,
                     GHashTable   *map)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  const ArrowData *data = item->data;
  JsonObject *object;
  gint64 *from, *to;

  if (data == NULL || payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return NULL;
  from = g_hash_table_lookup (map, &data->from);
  to = g_hash_table_lookup (map, &data->to);
  if (from == NULL || to == NULL)
    return NULL;
  object = json_node_get_object (payload);
  json_object_set_int_member (object, "from", *from);
  json_object_set_int_member (object, "to", *to);
  return json_to_string (payload, FALSE);
}

/* Its bounds follow its route. */
static gboolean
arrow_derive_bounds (const TfItem *item,
                     TfScene      *scene,
                     TfRect       *bounds)
{
  const ArrowData *data = item->data;

  if (data == NULL || data->route == NULL)
    return FALSE;
  *bounds = tf_bp_arrow_route_bounds ((const TfBpPoint *) (const void *) data->route->data,
                                      data->route->len, data->label);
  return TRUE;
}

TfRect
tf_bp_arrow_route_bounds (const TfBpPoint *points,
                          guint            n_points,
                          const char      *label)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double pad = HEAD_HALF + HEAD_LENGTH;

  if (n_points == 0)
    return TF_RECT_INIT (0, 0, 0, 0);
  for (guint i = 0; i < n_points; i++)
    {
      x0 = MIN (x0, points[i].x);
      y0 = MIN (y0, points[i].y);
      x1 = MAX (x1, points[i].x);
      y1 = MAX (y1, points[i].y);
    }
  x0 -= pad;
  y0 -= pad;
  x1 += pad;
  y1 += pad;
  /* The label may slide anywhere along the route (find_label_place()). */
  if (label != NULL && label[0] != '\0')
    {
      double hw = LABEL_WIDTH / 2 + LABEL_PAD, hh = LABEL_SIZE * 1.5;

      x0 = MIN (x0, x0 + pad - hw);
      y0 = MIN (y0, y0 + pad - hh);
      x1 = MAX (x1, x1 - pad + hw);
      y1 = MAX (y1, y1 - pad + hh);
    }
  return TF_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
}

char *
tf_bp_arrow_payload_set_route (const char      *old_payload,
                               const TfBpPoint *points,
                               guint            n_points)
{
  g_autoptr(JsonNode) payload = NULL;
  JsonObject *object;
  JsonArray *route;

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  if (old_payload != NULL && old_payload[0] != '\0')
    payload = tf_item_parse_json (old_payload);
  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    {
      g_clear_pointer (&payload, json_node_unref);
      payload = json_node_init_object (json_node_alloc (), json_object_new ());
    }
  object = json_node_get_object (payload);
  route = json_array_sized_new (n_points * 2);
  for (guint i = 0; i < n_points; i++)
    {
      /* Board units to a tenth: the route is redrawn, never measured. */
      json_array_add_double_element (route, round (points[i].x * 10) / 10);
      json_array_add_double_element (route, round (points[i].y * 10) / 10);
    }
  json_object_set_array_member (object, "route", route);
  return json_to_string (payload, FALSE);
}

/* A connector: drawn along its route, picked by its line after the cards
 * under the pointer, never resized; it goes with its cards. */
/* What the commands call these items: "Move an arrow". */
static char *
bp_arrow_name (guint count)
{
  if (count == 1)
    return g_strdup (_("an arrow"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u arrow", "%u arrows", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
bp_arrow_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u arrow", "%u arrows", count), count);
}

const TfItemKind tf_bp_arrow_kind = {
  .id = "bp-arrow",
  .layer = TF_LAYER_LINKS,
  .parse = arrow_parse,
  .free_data = arrow_free_data,
  .draw = arrow_draw,
  .is_hidden = arrow_is_hidden,
  .required = arrow_required,
  .roles = TF_ITEM_ROLE_CONNECTOR,
  .pick_rank = TF_ITEM_PICK_LINK,
  .distance = arrow_distance,
  .handles = TF_ITEM_HANDLES_NONE,
  .references = arrow_references,
  .remap_payload = arrow_remap_payload,
  .derive_bounds = arrow_derive_bounds,
  .name = bp_arrow_name,
  .count = bp_arrow_count,
};
