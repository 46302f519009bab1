/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-actor-items"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "stamps/tf-stamp-library.h"
#include "stamps/tf-actor-items.h"

/* Gap between an actor's border and the end of a link, board units. */
#define LINK_GAP 5.0

static const double information_dash[] = { 10.0, 7.0 };
static const double documents_dash[] = { 14.0, 5.0, 3.0, 5.0 };
static const double trust_dash[] = { 0.01, 7.5 };

/* Each relation type has its own colour, weight and pattern, so a printed
 * map reads without colour too. */
static const TfRelationStyle relations[] = {
  { "information", N_("Information"), 0x2f6db5, 2.5, information_dash, G_N_ELEMENTS (information_dash), FALSE, FALSE },
  { "money", N_("Money"), 0x2e8b57, 2.0, NULL, 0, TRUE, FALSE },
  { "service", N_("Service"), 0xd9822b, 3.5, NULL, 0, FALSE, FALSE },
  { "documents", N_("Documents"), 0x8a6d3b, 2.5, documents_dash, G_N_ELEMENTS (documents_dash), FALSE, FALSE },
  { "hierarchy", N_("Hierarchy"), 0x2b2b2b, 3.5, NULL, 0, FALSE, TRUE },
  { "trust", N_("Trust / influence"), 0x8e44ad, 3.5, trust_dash, G_N_ELEMENTS (trust_dash), FALSE, FALSE },
};

static const TfRelationStyle custom_relation = {
  TF_RELATION_CUSTOM, N_("Other"), 0x6b6b6b, 2.5, NULL, 0, FALSE, FALSE
};

guint
tf_relation_get_n_builtin (void)
{
  return G_N_ELEMENTS (relations);
}

const TfRelationStyle *
tf_relation_get_nth (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (relations), NULL);
  return &relations[index];
}

gboolean
tf_relation_is_builtin (const char *relation)
{
  if (relation == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (relations); i++)
    if (g_str_equal (relations[i].id, relation))
      return TRUE;
  return FALSE;
}

const TfRelationStyle *
tf_relation_style_lookup (const char *relation)
{
  if (relation != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (relations); i++)
      if (g_str_equal (relations[i].id, relation))
        return &relations[i];
  return &custom_relation;
}

const char *
tf_relation_get_name (const char *relation)
{
  if (relation == NULL || relation[0] == '\0')
    return _(custom_relation.name);
  for (guint i = 0; i < G_N_ELEMENTS (relations); i++)
    if (g_str_equal (relations[i].id, relation))
      return _(relations[i].name);
  return relation;
}

const char *
tf_link_direction_to_id (TfLinkDirection direction)
{
  switch (direction)
    {
    case TF_LINK_BOTH:
      return "both";
    case TF_LINK_NONE:
      return "none";
    case TF_LINK_FORWARD:
    default:
      return "forward";
    }
}

TfLinkDirection
tf_link_direction_from_id (const char *id)
{
  if (g_strcmp0 (id, "both") == 0)
    return TF_LINK_BOTH;
  if (g_strcmp0 (id, "none") == 0)
    return TF_LINK_NONE;
  return TF_LINK_FORWARD;
}

void
tf_stamp_item_get_disc (const TfRect *bounds,
                        double       *cx,
                        double       *cy,
                        double       *radius)
{
  /* The label takes the lower part; the disc the largest square above. */
  double side = MIN (bounds->width, bounds->height * 0.70);

  *cx = bounds->x + bounds->width / 2;
  *cy = bounds->y + side / 2;
  *radius = MAX (1.0, side / 2 - 2);
}

void
tf_actor_item_get_anchor (const TfItem *item,
                          TfAnchor     *anchor)
{
  anchor->rect = item->bounds;
  if (item->kind == &tf_stamp_kind)
    {
      const TfRect *b = &item->bounds;
      double top;

      tf_stamp_item_get_disc (b, &anchor->cx, &anchor->cy, &anchor->radius);
      top = anchor->cy + anchor->radius;
      anchor->rect = TF_RECT_INIT (b->x, top, b->width, MAX (0.0, b->y + b->height - top));
    }
  else
    {
      anchor->cx = item->bounds.x + item->bounds.width / 2;
      anchor->cy = item->bounds.y + item->bounds.height / 2;
      anchor->radius = 0;
    }
}

/* How far from an anchor's centre, along the unit vector (ux, uy), its
 * border is. */
static double
border_distance (const TfAnchor *anchor,
                 double          ux,
                 double          uy)
{
  double hw, hh, tx, ty;

  if (anchor->radius > 0)
    {
      /* A ray from the disc's centre that crosses the label block leaves it
       * at its far side: links stop short of the words. */
      const TfRect *r = &anchor->rect;
      double t0 = 0, t1 = G_MAXDOUBLE;

      if (r->height <= 0 || r->width <= 0)
        return anchor->radius;
      if (fabs (ux) > 1e-9)
        {
          double a = (r->x - anchor->cx) / ux, b = (r->x + r->width - anchor->cx) / ux;
          t0 = MAX (t0, MIN (a, b));
          t1 = MIN (t1, MAX (a, b));
        }
      else if (anchor->cx < r->x || anchor->cx > r->x + r->width)
        return anchor->radius;
      if (fabs (uy) > 1e-9)
        {
          double a = (r->y - anchor->cy) / uy, b = (r->y + r->height - anchor->cy) / uy;
          t0 = MAX (t0, MIN (a, b));
          t1 = MIN (t1, MAX (a, b));
        }
      else if (anchor->cy < r->y || anchor->cy > r->y + r->height)
        return anchor->radius;
      return t0 <= t1 ? MAX (anchor->radius, t1) : anchor->radius;
    }
  hw = anchor->rect.width / 2;
  hh = anchor->rect.height / 2;
  tx = fabs (ux) > 1e-9 ? hw / fabs (ux) : G_MAXDOUBLE;
  ty = fabs (uy) > 1e-9 ? hh / fabs (uy) : G_MAXDOUBLE;
  return MIN (tx, ty);
}

gboolean
tf_link_item_get_ends (const TfItem *link,
                       TfScene      *scene,
                       double       *x0,
                       double       *y0,
                       double       *x1,
                       double       *y1)
{
  const TfLinkData *data = link->data;
  const TfItem *source, *target;
  TfAnchor a, b;
  double dx, dy, dist, ux, uy, t0, t1;

  if (data == NULL || scene == NULL || data->source == link->id || data->target == link->id)
    return FALSE;
  source = tf_scene_lookup (scene, data->source);
  target = tf_scene_lookup (scene, data->target);
  if (source == NULL || target == NULL || source == target || source->hidden || target->hidden)
    return FALSE;

  tf_actor_item_get_anchor (source, &a);
  tf_actor_item_get_anchor (target, &b);
  dx = b.cx - a.cx;
  dy = b.cy - a.cy;
  dist = hypot (dx, dy);
  if (dist < 1e-6)
    return FALSE;
  ux = dx / dist;
  uy = dy / dist;
  t0 = border_distance (&a, ux, uy) + LINK_GAP;
  t1 = dist - border_distance (&b, -ux, -uy) - LINK_GAP;
  if (t1 - t0 < 4.0)
    return FALSE;

  *x0 = a.cx + ux * t0;
  *y0 = a.cy + uy * t0;
  *x1 = a.cx + ux * t1;
  *y1 = a.cy + uy * t1;
  return TRUE;
}

void
tf_link_route_point (double  x0,
                     double  y0,
                     double  cx,
                     double  cy,
                     double  x1,
                     double  y1,
                     double  t,
                     double *x,
                     double *y)
{
  double u = 1 - t;

  *x = u * u * x0 + 2 * u * t * cx + t * t * x1;
  *y = u * u * y0 + 2 * u * t * cy + t * t * y1;
}

/* Room kept between a routed link and an actor it goes round. */
#define ROUTE_CLEARANCE 14.0
/* Points along a curve where it is checked against obstacles. */
#define ROUTE_SAMPLES 40

static double
segment_distance (double x,
                  double y,
                  double x0,
                  double y0,
                  double x1,
                  double y1)
{
  double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((x - x0) * dx + (y - y0) * dy) / len2, 0.0, 1.0) : 0.0;

  return hypot (x - (x0 + t * dx), y - (y0 + t * dy));
}

/* Whether the curve keeps clear of every obstacle (anchors of actors). */
static gboolean
route_clear (const TfAnchor *obstacles,
             guint           n,
             double          x0,
             double          y0,
             double          cx,
             double          cy,
             double          x1,
             double          y1)
{
  for (int s = 1; s < ROUTE_SAMPLES; s++)
    {
      double x, y;

      tf_link_route_point (x0, y0, cx, cy, x1, y1, s / (double) ROUTE_SAMPLES, &x, &y);
      for (guint i = 0; i < n; i++)
        {
          const TfAnchor *a = &obstacles[i];
          const TfRect *r = &a->rect;

          if (a->radius > 0 && hypot (x - a->cx, y - a->cy) < a->radius + ROUTE_CLEARANCE)
            return FALSE;
          if (x > r->x - ROUTE_CLEARANCE && x < r->x + r->width + ROUTE_CLEARANCE &&
              y > r->y - ROUTE_CLEARANCE && y < r->y + r->height + ROUTE_CLEARANCE)
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
tf_link_item_get_route (const TfItem *link,
                        TfScene      *scene,
                        double       *x0,
                        double       *y0,
                        double       *cx,
                        double       *cy,
                        double       *x1,
                        double       *y1)
{
  const TfLinkData *data = link->data;
  g_autoptr(GPtrArray) near = NULL;
  g_autoptr(GArray) obstacles = NULL;
  double len, nx, ny, mx, my, step;
  TfRect area;

  if (!tf_link_item_get_ends (link, scene, x0, y0, x1, y1))
    return FALSE;
  mx = (*x0 + *x1) / 2;
  my = (*y0 + *y1) / 2;
  *cx = mx;
  *cy = my;
  len = hypot (*x1 - *x0, *y1 - *y0);
  if (len < 1e-6)
    return TRUE;
  nx = -(*y1 - *y0) / len;
  ny = (*x1 - *x0) / len;

  /* The actors near the line, but its own two ends. */
  area = TF_RECT_INIT (MIN (*x0, *x1) - len / 2, MIN (*y0, *y1) - len / 2,
                       fabs (*x1 - *x0) + len, fabs (*y1 - *y0) + len);
  near = g_ptr_array_new ();
  tf_scene_query (scene, &area, near);
  obstacles = g_array_new (FALSE, FALSE, sizeof (TfAnchor));
  for (guint i = 0; i < near->len; i++)
    {
      const TfItem *item = g_ptr_array_index (near, i);
      TfAnchor anchor;

      if (item->kind != &tf_stamp_kind || item->hidden || item->id == data->source || item->id == data->target)
        continue;
      tf_actor_item_get_anchor (item, &anchor);
      g_array_append_val (obstacles, anchor);
    }
  if (obstacles->len == 0 ||
      route_clear ((TfAnchor *) obstacles->data, obstacles->len, *x0, *y0, mx, my, *x1, *y1))
    return TRUE;

  /* Bends of growing depth, one side then the other: the first clear one.
   * The curve's apex is half as far from the line as its control point. */
  step = MAX (len * 0.08, 20.0);
  for (int k = 1; k <= 16; k++)
    for (int side = 1; side >= -1; side -= 2)
      {
        double px = mx + side * k * step * nx, py = my + side * k * step * ny;

        if (route_clear ((TfAnchor *) obstacles->data, obstacles->len, *x0, *y0, px, py, *x1, *y1))
          {
            *cx = px;
            *cy = py;
            return TRUE;
          }
      }
  return TRUE;
}

double
tf_link_item_distance (const TfItem *link,
                       TfScene      *scene,
                       double        x,
                       double        y)
{
  double x0, y0, cx, cy, x1, y1, px, py, best = G_MAXDOUBLE;

  if (!tf_link_item_get_route (link, scene, &x0, &y0, &cx, &cy, &x1, &y1))
    return G_MAXDOUBLE;
  px = x0;
  py = y0;
  for (int s = 1; s <= 24; s++)
    {
      double qx, qy;

      tf_link_route_point (x0, y0, cx, cy, x1, y1, s / 24.0, &qx, &qy);
      best = MIN (best, segment_distance (x, y, px, py, qx, qy));
      px = qx;
      py = qy;
    }
  return best;
}

typedef struct {
  double x;
  double y;
} Point;

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const Point *p = a, *q = b;

  if (p->x != q->x)
    return p->x < q->x ? -1 : 1;
  return p->y < q->y ? -1 : p->y > q->y;
}

static double
cross (const Point *o,
       const Point *a,
       const Point *b)
{
  return (a->x - o->x) * (b->y - o->y) - (a->y - o->y) * (b->x - o->x);
}

/* Andrew's monotone chain. */
static void
convex_hull (GArray *in,
             GArray *out)
{
  guint n = in->len, k = 0;
  Point *p = (Point *) in->data;
  g_autofree Point *h = NULL;

  if (n < 3)
    {
      g_array_append_vals (out, in->data, n);
      return;
    }
  g_array_sort (in, compare_points);
  h = g_new (Point, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      while (k >= 2 && cross (&h[k - 2], &h[k - 1], &p[i]) <= 0)
        k--;
      h[k++] = p[i];
    }
  for (guint i = n - 1, t = k + 1; i > 0; i--)
    {
      while (k >= t && cross (&h[k - 2], &h[k - 1], &p[i - 1]) <= 0)
        k--;
      h[k++] = p[i - 1];
    }
  g_array_append_vals (out, h, k - 1);
}

gboolean
tf_pool_item_get_hull (const TfItem *pool,
                       TfScene      *scene,
                       GArray       *points)
{
  const TfPoolData *data = pool->data;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Point));
  g_autoptr(GArray) hull = g_array_new (FALSE, FALSE, sizeof (Point));

  if (data == NULL || scene == NULL)
    return FALSE;

  for (guint i = 0; i < data->members->len; i++)
    {
      gint64 id = g_array_index (data->members, gint64, i);
      const TfItem *member = id != pool->id ? tf_scene_lookup (scene, id) : NULL;
      const TfRect *r;

      if (member == NULL || member->hidden)
        continue;
      r = &member->bounds;
      if (member->kind == &tf_stamp_kind)
        {
          double cx, cy, radius;

          /* Round around the disc, square under the label. */
          tf_stamp_item_get_disc (r, &cx, &cy, &radius);
          for (int k = 0; k < 16; k++)
            {
              Point q = { cx + radius * cos (k * G_PI / 8), cy + radius * sin (k * G_PI / 8) };
              g_array_append_val (all, q);
            }
          {
            Point left = { r->x + 0.12 * r->width, r->y + r->height };
            Point right = { r->x + 0.88 * r->width, r->y + r->height };

            g_array_append_val (all, left);
            g_array_append_val (all, right);
          }
        }
      else
        {
          Point corners[4] = {
            { r->x, r->y }, { r->x + r->width, r->y },
            { r->x + r->width, r->y + r->height }, { r->x, r->y + r->height },
          };
          g_array_append_vals (all, corners, 4);
        }
    }
  if (all->len == 0)
    return FALSE;

  convex_hull (all, hull);
  for (guint i = 0; i < hull->len; i++)
    {
      Point *q = &g_array_index (hull, Point, i);

      g_array_append_val (points, q->x);
      g_array_append_val (points, q->y);
    }
  return TRUE;
}

void
tf_pool_hull_path (cairo_t *cr,
                   GArray  *points,
                   double   padding)
{
  guint n = points->len / 2;
  const double *p = (const double *) points->data;
  double area = 0;
  gboolean reversed;

  if (n == 0)
    return;
  if (n == 1)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, p[0], p[1], padding, 0, 2 * G_PI);
      cairo_close_path (cr);
      return;
    }

  /* Cairo's arcs turn with increasing angles: walk the hull that way round. */
  for (guint i = 0; i < n; i++)
    {
      guint j = (i + 1) % n;
      area += p[2 * i] * p[2 * j + 1] - p[2 * j] * p[2 * i + 1];
    }
  reversed = area < 0;

  cairo_new_sub_path (cr);
  for (guint k = 0; k < n; k++)
    {
      guint i = reversed ? n - 1 - k : k;
      guint prev = reversed ? (i + 1) % n : (i + n - 1) % n;
      guint next = reversed ? (i + n - 1) % n : (i + 1) % n;
      double in_dx = p[2 * i] - p[2 * prev], in_dy = p[2 * i + 1] - p[2 * prev + 1];
      double out_dx = p[2 * next] - p[2 * i], out_dy = p[2 * next + 1] - p[2 * i + 1];
      /* Outward normals of the edges in and out of this corner. */
      double a0 = atan2 (-in_dx, in_dy);
      double a1 = atan2 (-out_dx, out_dy);

      if (a1 < a0)
        a1 += 2 * G_PI;
      cairo_arc (cr, p[2 * i], p[2 * i + 1], padding, a0, a1);
    }
  cairo_close_path (cr);
}

/* Unknown pictograms and families are grey. */
#define UNKNOWN_COLOR 0x9a9a9a

const char *
tf_stamp_item_get_family (const TfItem *item)
{
  const TfStampData *data = item->data;
  g_autoptr(TfStamp) stamp = NULL;
  const TfStampFamily *family;

  if (item->kind != &tf_stamp_kind || data == NULL)
    return "";
  stamp = tf_stamp_library_lookup (tf_stamp_library_get_default (), data->stamp);
  family = stamp ? tf_stamp_get_family (stamp) : NULL;
  /* Families are static: the id outlives the stamp. */
  return family ? family->id : "";
}

guint32
tf_actor_item_get_color (const TfItem *item)
{
  if (item->kind == &tf_stamp_kind && item->data != NULL)
    {
      g_autoptr(TfStamp) stamp = tf_stamp_library_lookup (tf_stamp_library_get_default (),
                                                          ((const TfStampData *) item->data)->stamp);

      return stamp ? tf_stamp_get_color (stamp) : UNKNOWN_COLOR;
    }
  if (item->kind == &tf_pool_kind && item->data != NULL)
    return ((const TfPoolData *) item->data)->color;
  return UNKNOWN_COLOR;
}

static char *
build_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

char *
tf_stamp_payload_build (const char *stamp_id,
                        const char *role,
                        const char *notes,
                        int         ring)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "stamp", stamp_id);
  add_string (builder, "role", role);
  add_string (builder, "notes", notes);
  if (ring > 0)
    {
      json_builder_set_member_name (builder, "ring");
      json_builder_add_int_value (builder, ring);
    }
  json_builder_end_object (builder);
  return build_string (builder);
}

char *
tf_link_payload_build (gint64           source,
                       gint64           target,
                       const char      *relation,
                       TfLinkDirection  direction,
                       const char      *label)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_int_value (builder, source);
  json_builder_set_member_name (builder, "target");
  json_builder_add_int_value (builder, target);
  add_string (builder, "relation", relation != NULL ? relation : "information");
  add_string (builder, "direction", tf_link_direction_to_id (direction));
  add_string (builder, "label", label);
  json_builder_end_object (builder);
  return build_string (builder);
}

char *
tf_pool_payload_build (const gint64 *members,
                       guint         n_members)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_members; i++)
    json_builder_add_int_value (builder, members[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return build_string (builder);
}

char *
tf_pool_style_build (guint32 rgb)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *color = g_strdup_printf ("#%06x", rgb & 0xffffff);

  json_builder_begin_object (builder);
  add_string (builder, "color", color);
  json_builder_end_object (builder);
  return build_string (builder);
}
