/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-actor-layout"

#include <math.h>

#include "stamps/tf-actor-items.h"
#include "stamps/tf-actor-layout.h"

/* Room kept between two actors after a layout, board units. */
#define SPACING 18.0

typedef struct {
  const TfItem *item;
  double        x, y;     /* centre */
  double        dx, dy;   /* displacement of this iteration */
  double        angle;
  int           ring;
} Node;

static gboolean
is_actor (const TfItem *item)
{
  return item != NULL && item->kind == &tf_stamp_kind && !item->hidden;
}

/* Every visible actor, in id order. */
static GArray *
collect_actors (TfScene *scene)
{
  GArray *nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  GPtrArray *items = tf_scene_get_items (scene);
  g_autoptr(GPtrArray) actors = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    if (is_actor (g_ptr_array_index (items, i)))
      g_ptr_array_add (actors, g_ptr_array_index (items, i));
  for (guint i = 0; i < actors->len; i++)
    {
      const TfItem *item = g_ptr_array_index (actors, i);
      Node node = { item, item->bounds.x + item->bounds.width / 2, item->bounds.y + item->bounds.height / 2 };

      g_array_append_val (nodes, node);
    }
  return nodes;
}

/* Links between actors, as pairs of node indexes, each pair once. */
static GArray *
collect_edges (TfScene *scene,
               GArray  *nodes)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (int) * 2);
  GPtrArray *items = tf_scene_get_items (scene);

  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = &g_array_index (nodes, Node, i);
      g_hash_table_insert (index, (gpointer) &node->item->id, GINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      const TfLinkData *link = item->data;
      int a, b;
      gint64 key;

      if (item->kind != &tf_link_kind || item->hidden || link == NULL)
        continue;
      a = GPOINTER_TO_INT (g_hash_table_lookup (index, &link->source)) - 1;
      b = GPOINTER_TO_INT (g_hash_table_lookup (index, &link->target)) - 1;
      if (a < 0 || b < 0 || a == b)
        continue;
      key = (gint64) MIN (a, b) * G_MAXINT32 + MAX (a, b);
      if (g_hash_table_contains (seen, &key))
        continue;
      g_hash_table_add (seen, g_memdup2 (&key, sizeof key));
      {
        int pair[2] = { a, b };
        g_array_append_val (edges, pair);
      }
    }
  return edges;
}

static int
find_node (GArray *nodes,
           gint64  id)
{
  for (guint i = 0; i < nodes->len; i++)
    if (g_array_index (nodes, Node, i).item->id == id)
      return (int) i;
  return -1;
}

/* Link distances from @from, by breadth-first search; -1 when unreachable. */
static int *
distances (GArray *nodes,
           GArray *edges,
           int     from)
{
  int *dist = g_new (int, nodes->len);
  g_autofree int *queue = g_new (int, nodes->len);
  guint head = 0, tail = 0;

  for (guint i = 0; i < nodes->len; i++)
    dist[i] = -1;
  dist[from] = 0;
  queue[tail++] = from;
  while (head < tail)
    {
      int n = queue[head++];

      for (guint e = 0; e < edges->len; e++)
        {
          int *pair = &g_array_index (edges, int, 2 * e);
          int other = pair[0] == n ? pair[1] : pair[1] == n ? pair[0] : -1;

          if (other >= 0 && dist[other] < 0)
            {
              dist[other] = dist[n] + 1;
              queue[tail++] = other;
            }
        }
    }
  return dist;
}

static int
ring_of (const Node *node,
         int         distance)
{
  const TfStampData *data = node->item->data;

  if (data != NULL && data->ring >= 1 && data->ring <= 3)
    return data->ring;
  if (distance == 1)
    return TF_RING_ESSENTIAL;
  if (distance == 2)
    return TF_RING_IMPORTANT;
  return TF_RING_INTERESTING;
}

int
tf_actor_layout_get_ring (TfScene *scene,
                          gint64   center_id,
                          gint64   actor_id)
{
  g_autoptr(GArray) nodes = NULL;
  g_autoptr(GArray) edges = NULL;
  g_autofree int *dist = NULL;
  int center, actor;

  g_return_val_if_fail (TF_IS_SCENE (scene), 0);

  nodes = collect_actors (scene);
  edges = collect_edges (scene, nodes);
  center = find_node (nodes, center_id);
  actor = find_node (nodes, actor_id);
  if (center < 0 || actor < 0 || center == actor)
    return 0;
  dist = distances (nodes, edges, center);
  return ring_of (&g_array_index (nodes, Node, actor), dist[actor]);
}

static int
compare_angles (gconstpointer a,
                gconstpointer b)
{
  const Node *x = *(Node * const *) a;
  const Node *y = *(Node * const *) b;

  if (x->angle != y->angle)
    return x->angle < y->angle ? -1 : 1;
  return x->item->id < y->item->id ? -1 : x->item->id > y->item->id;
}

static void
add_result (GArray       *ids,
            GArray       *rects,
            const TfItem *item,
            double        cx,
            double        cy)
{
  TfRect r = TF_RECT_INIT (cx - item->bounds.width / 2, cy - item->bounds.height / 2,
                           item->bounds.width, item->bounds.height);

  g_array_append_val (ids, item->id);
  g_array_append_val (rects, r);
}

gboolean
tf_actor_layout_rings (TfScene *scene,
                       gint64   center_id,
                       GArray  *ids,
                       GArray  *rects,
                       double   radii[3])
{
  g_autoptr(GArray) nodes = NULL;
  g_autoptr(GArray) edges = NULL;
  g_autofree int *dist = NULL;
  GPtrArray *rings[3];
  const Node *center;
  double diameter = 0, previous = 0;
  int c;

  g_return_val_if_fail (TF_IS_SCENE (scene), FALSE);

  nodes = collect_actors (scene);
  edges = collect_edges (scene, nodes);
  c = find_node (nodes, center_id);
  if (c < 0)
    return FALSE;
  center = &g_array_index (nodes, Node, c);
  dist = distances (nodes, edges, c);

  for (guint k = 0; k < 3; k++)
    rings[k] = g_ptr_array_new ();
  for (guint i = 0; i < nodes->len; i++)
    {
      Node *node = &g_array_index (nodes, Node, i);

      /* The circle that holds any actor whole: two actors whose centres are
       * farther apart than this cannot overlap. */
      diameter = MAX (diameter, hypot (node->item->bounds.width, node->item->bounds.height) + SPACING);
      if ((int) i == c)
        continue;
      node->ring = ring_of (node, dist[i]);
      node->angle = atan2 (node->y - center->y, node->x - center->x);
      g_ptr_array_add (rings[node->ring - 1], node);
    }

  for (guint k = 0; k < 3; k++)
    {
      GPtrArray *ring = rings[k];
      guint n = ring->len;
      double radius = previous + diameter;
      double start;

      /* Neighbours on a ring are one diameter apart, chord to chord. */
      if (n >= 2)
        radius = MAX (radius, diameter / (2 * sin (G_PI / n)));
      radii[k] = radius;
      previous = radius;

      g_ptr_array_sort (ring, compare_angles);
      start = n > 0 ? ((Node *) g_ptr_array_index (ring, 0))->angle : 0;
      for (guint i = 0; i < n; i++)
        {
          Node *node = g_ptr_array_index (ring, i);
          double angle = start + 2 * G_PI * i / n;

          add_result (ids, rects, node->item, center->x + radius * cos (angle), center->y + radius * sin (angle));
        }
    }
  for (guint k = 0; k < 3; k++)
    g_ptr_array_unref (rings[k]);
  tf_actor_layout_anchor_legends (scene, ids, rects);
  return TRUE;
}

static gboolean
overlap (const TfRect *a,
         const TfRect *b,
         double        gap)
{
  return a->x < b->x + b->width + gap && b->x < a->x + a->width + gap &&
         a->y < b->y + b->height + gap && b->y < a->y + a->height + gap;
}

/* Moves rectangles apart until none overlaps another (with @gap between):
 * pairwise pushes along the axis of least overlap, then, for whatever is
 * still overlapping, a sweep that slides rectangles right until they are
 * free, which always ends. */
static void
remove_overlaps (TfRect *r,
                 guint   n,
                 double  gap)
{
  gboolean moved = TRUE;

  for (int sweep = 0; sweep < 200 && moved; sweep++)
    {
      moved = FALSE;
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            double ox, oy, ci, cj;

            if (!overlap (&r[i], &r[j], gap))
              continue;
            ox = MIN (r[i].x + r[i].width, r[j].x + r[j].width) - MAX (r[i].x, r[j].x) + gap;
            oy = MIN (r[i].y + r[i].height, r[j].y + r[j].height) - MAX (r[i].y, r[j].y) + gap;
            if (ox < oy)
              {
                ci = r[i].x + r[i].width / 2;
                cj = r[j].x + r[j].width / 2;
                if (ci < cj || (ci == cj && i < j))
                  r[i].x -= ox / 2 + 0.01, r[j].x += ox / 2 + 0.01;
                else
                  r[i].x += ox / 2 + 0.01, r[j].x -= ox / 2 + 0.01;
              }
            else
              {
                ci = r[i].y + r[i].height / 2;
                cj = r[j].y + r[j].height / 2;
                if (ci < cj || (ci == cj && i < j))
                  r[i].y -= oy / 2 + 0.01, r[j].y += oy / 2 + 0.01;
                else
                  r[i].y += oy / 2 + 0.01, r[j].y -= oy / 2 + 0.01;
              }
            moved = TRUE;
          }
    }

  for (guint i = 1; i < n; i++)
    {
      gboolean clear = FALSE;

      while (!clear)
        {
          clear = TRUE;
          for (guint j = 0; j < i; j++)
            if (overlap (&r[i], &r[j], gap))
              {
                r[i].x = r[j].x + r[j].width + gap + 0.01;
                clear = FALSE;
              }
        }
    }
}

void
tf_actor_layout_force (TfScene *scene,
                       guint32  seed,
                       GArray  *ids,
                       GArray  *rects)
{
  g_autoptr(GArray) nodes = NULL;
  g_autoptr(GArray) edges = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree TfRect *placed = NULL;
  double k = 0, cx = 0, cy = 0, nx = 0, ny = 0, temperature;
  guint n, iterations;

  g_return_if_fail (TF_IS_SCENE (scene));

  nodes = collect_actors (scene);
  edges = collect_edges (scene, nodes);
  n = nodes->len;
  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      Node *node = &g_array_index (nodes, Node, i);

      k = MAX (k, MAX (node->item->bounds.width, node->item->bounds.height));
      cx += node->x / n;
      cy += node->y / n;
      /* A small deterministic jitter separates actors stacked on one point. */
      node->x += g_rand_double_range (rand, -1.0, 1.0);
      node->y += g_rand_double_range (rand, -1.0, 1.0);
    }
  /* The ideal distance between linked actors: room for both and a link. */
  k *= 1.7;
  temperature = 2.0 * k;
  iterations = n > 200 ? 120 : 300;

  for (guint it = 0; it < iterations; it++)
    {
      for (guint i = 0; i < n; i++)
        {
          Node *a = &g_array_index (nodes, Node, i);

          /* A pull to the middle keeps unlinked groups and lone actors in
           * view: without it, repulsion alone scatters a small network over
           * thousands of units. */
          a->dx = (cx - a->x) * 0.3;
          a->dy = (cy - a->y) * 0.3;
        }
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            Node *a = &g_array_index (nodes, Node, i), *b = &g_array_index (nodes, Node, j);
            double dx = a->x - b->x, dy = a->y - b->y;
            double d = MAX (hypot (dx, dy), 0.01);
            double f = k * k / d;

            a->dx += dx / d * f;
            a->dy += dy / d * f;
            b->dx -= dx / d * f;
            b->dy -= dy / d * f;
          }
      for (guint e = 0; e < edges->len; e++)
        {
          int *pair = &g_array_index (edges, int, 2 * e);
          Node *a = &g_array_index (nodes, Node, pair[0]), *b = &g_array_index (nodes, Node, pair[1]);
          double dx = a->x - b->x, dy = a->y - b->y;
          double d = MAX (hypot (dx, dy), 0.01);
          double f = d * d / k;

          a->dx -= dx / d * f;
          a->dy -= dy / d * f;
          b->dx += dx / d * f;
          b->dy += dy / d * f;
        }
      for (guint i = 0; i < n; i++)
        {
          Node *a = &g_array_index (nodes, Node, i);
          double d = hypot (a->dx, a->dy);

          if (d > 0)
            {
              a->x += a->dx / d * MIN (d, temperature);
              a->y += a->dy / d * MIN (d, temperature);
            }
        }
      temperature = MAX (temperature * 0.985, 0.5);
    }

  /* Back where the network was. */
  for (guint i = 0; i < n; i++)
    {
      nx += g_array_index (nodes, Node, i).x / n;
      ny += g_array_index (nodes, Node, i).y / n;
    }
  placed = g_new (TfRect, n);
  for (guint i = 0; i < n; i++)
    {
      Node *node = &g_array_index (nodes, Node, i);
      const TfRect *b = &node->item->bounds;

      placed[i] = TF_RECT_INIT (node->x - nx + cx - b->width / 2, node->y - ny + cy - b->height / 2,
                                b->width, b->height);
    }
  remove_overlaps (placed, n, SPACING);
  for (guint i = 0; i < n; i++)
    {
      g_array_append_val (ids, g_array_index (nodes, Node, i).item->id);
      g_array_append_val (rects, placed[i]);
    }
  tf_actor_layout_anchor_legends (scene, ids, rects);
}

/* The bounds of the visible actors, each at its place in (@ids, @rects)
 * when it is there, else where it is. FALSE when there is none. */
static gboolean
actors_extent (TfScene *scene,
               GArray  *ids,
               GArray  *rects,
               TfRect  *extent)
{
  g_autoptr(GHashTable) moved = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *items = tf_scene_get_items (scene);
  gboolean any = FALSE;

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_insert (moved, &g_array_index (ids, gint64, i), &g_array_index (rects, TfRect, i));
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      const TfRect *r;

      if (!is_actor (item))
        continue;
      r = g_hash_table_lookup (moved, &item->id);
      if (r == NULL)
        r = &item->bounds;
      *extent = any ? tf_rect_union (extent, r) : *r;
      any = TRUE;
    }
  return any;
}

void
tf_actor_layout_anchor_legends (TfScene *scene,
                                GArray  *ids,
                                GArray  *rects)
{
  GPtrArray *items = tf_scene_get_items (scene);
  TfRect before, after;
  double stack_top = 0, stack_bottom = 0;

  g_return_if_fail (TF_IS_SCENE (scene));

  if (!actors_extent (scene, NULL, NULL, &before) || !actors_extent (scene, ids, rects, &after))
    return;
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      const TfRect *b = &item->bounds;
      gboolean right, bottom;
      TfRect r;

      if (item->kind != &tf_legend_kind || item->hidden)
        continue;
      /* The corner it was nearest to, judged from the middle of the actors. */
      right = b->x + b->width / 2 >= before.x + before.width / 2;
      bottom = b->y + b->height / 2 > before.y + before.height / 2;
      r = *b;
      r.x = right ? after.x + after.width + 2 * SPACING : after.x - 2 * SPACING - b->width;
      if (bottom)
        {
          r.y = after.y + after.height - b->height - stack_bottom;
          stack_bottom += b->height + SPACING;
        }
      else
        {
          r.y = after.y + stack_top;
          stack_top += b->height + SPACING;
        }
      g_array_append_val (ids, item->id);
      g_array_append_val (rects, r);
    }
}

/* Whether @r overlaps, with @gap around, an actor or a legend. */
static gboolean
place_taken (TfScene      *scene,
             const TfRect *r,
             double        gap)
{
  TfRect grown = TF_RECT_INIT (r->x - gap, r->y - gap, r->width + 2 * gap, r->height + 2 * gap);
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();

  tf_scene_query (scene, &grown, hits);
  for (guint i = 0; i < hits->len; i++)
    {
      const TfItem *item = g_ptr_array_index (hits, i);

      if (item->hidden || (item->kind != &tf_stamp_kind && item->kind != &tf_legend_kind))
        continue;
      if (overlap (r, &item->bounds, gap))
        return TRUE;
    }
  return FALSE;
}

TfRect
tf_actor_layout_free_place (TfScene      *scene,
                            const TfRect *wanted)
{
  double step, best = G_MAXDOUBLE;
  TfRect found = *wanted;

  g_return_val_if_fail (TF_IS_SCENE (scene), *wanted);

  if (!place_taken (scene, wanted, SPACING / 2))
    return *wanted;
  /* Rings of candidates a step apart, the nearest free one wins; a ring
   * with a winner is the last one looked at further out than it. */
  step = MAX (8.0, MIN (wanted->width, wanted->height) / 4);
  for (int ring = 1; ring <= 200; ring++)
    {
      double radius = ring * step;
      int n = 8 * ring;

      if (radius > best)
        break;
      for (int k = 0; k < n; k++)
        {
          double angle = 2 * G_PI * k / n;
          TfRect r = *wanted;
          double d;

          r.x += radius * cos (angle);
          r.y += radius * sin (angle);
          d = hypot (r.x - wanted->x, r.y - wanted->y);
          if (d < best && !place_taken (scene, &r, SPACING / 2))
            {
              best = d;
              found = r;
            }
        }
    }
  return found;
}

void
tf_actor_layout_interpolate (const TfRect *from,
                             const TfRect *to,
                             guint         n,
                             double        t,
                             TfRect       *out)
{
  t = CLAMP (t, 0.0, 1.0);
  for (guint i = 0; i < n; i++)
    out[i] = TF_RECT_INIT (from[i].x + (to[i].x - from[i].x) * t,
                           from[i].y + (to[i].y - from[i].y) * t,
                           from[i].width + (to[i].width - from[i].width) * t,
                           from[i].height + (to[i].height - from[i].height) * t);
}
