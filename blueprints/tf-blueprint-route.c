/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-blueprint-route"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tf-blueprint-route.h"

/* Orthogonal routing of a blueprint's arrows.
 *
 * Why our own: the library made for this, libavoid (Adaptagrams), is C++
 * and not packaged in Debian (apt-cache knows neither it nor Adaptagrams);
 * OGDF is C++ and comes only as Tulip's private build; Graphviz's
 * "splines=ortho" routes a graph it lays out itself and does not handle
 * ports, so it cannot leave a card by the middle of a side. What a
 * blueprint needs is small: a shortest path with few bends over the
 * orthogonal visibility grid of some rectangles, in plain C.
 *
 * How: every card, grown by @margin, is an open box to keep out of. The
 * candidate lines are the boxes' edges (where a route can run as close as
 * allowed), the middles of the gaps between the boxes' projections on each
 * axis (the gutters between columns and lanes, which routes prefer: the
 * other lines cost a little more per unit of length), the lines through the
 * middles of the two cards' sides, and the search region's border. Their
 * crossings are the nodes; A* over (node, heading) minimises length plus a
 * fixed price per bend, from a stub leaving the middle of a side of the
 * source to a stub entering the middle of a side of the target. The search
 * keeps to a region around the two cards and widens it when nothing fits,
 * so an arrow between neighbours costs microseconds whatever the board's
 * size. */

#define EPS 1e-6

/* The price of a bend, in board units of length: a route takes up to this
 * much longer a way to save one. */
#define BEND_COST 160.0f

/* Line weights: cost per unit of length along a line. */
#define WEIGHT_GUTTER 1.0f   /* the middle of a gap, or a port's line */
#define WEIGHT_EDGE   1.15f  /* along a card, at the margin */
#define WEIGHT_BORDER 1.6f   /* the search region's border */

enum {
  DIR_RIGHT,
  DIR_DOWN,
  DIR_LEFT,
  DIR_UP,
  N_DIRS
};

#define SIDES_ALL 0xf

static const int dir_dx[N_DIRS] = { 1, 0, -1, 0 };
static const int dir_dy[N_DIRS] = { 0, 1, 0, -1 };

typedef struct {
  double x0;
  double y0;
  double x1;
  double y1;
} Box;

typedef struct {
  double c;
  float  w;
} Line;

typedef struct {
  double lo;
  double hi;
} Interval;

typedef struct {
  float  f;
  float  g;
  gint32 state;
} HeapEntry;

/* Per-thread buffers, kept between calls: no allocation in the steady
 * state, and no clearing either (stamps tell this search's entries). */
typedef struct {
  GArray  *boxes;     /* Box */
  GArray  *xlines;    /* Line */
  GArray  *ylines;    /* Line */
  GArray  *intervals; /* Interval, for projections */
  GArray  *heap;      /* HeapEntry */
  guint8  *hblock;    /* per node: the edge to its right is blocked */
  guint8  *vblock;    /* per node: the edge below it is blocked */
  gsize    n_nodes_alloc;
  float   *g;
  gint32  *parent;
  guint32 *open_stamp;
  guint32 *closed_stamp;
  gsize    n_states_alloc;
  guint32  stamp;
} Scratch;

static void
scratch_free (gpointer data)
{
  Scratch *s = data;

  g_array_unref (s->boxes);
  g_array_unref (s->xlines);
  g_array_unref (s->ylines);
  g_array_unref (s->intervals);
  g_array_unref (s->heap);
  g_free (s->hblock);
  g_free (s->vblock);
  g_free (s->g);
  g_free (s->parent);
  g_free (s->open_stamp);
  g_free (s->closed_stamp);
  g_free (s);
}

static GPrivate scratch_key = G_PRIVATE_INIT (scratch_free);

static Scratch *
scratch_get (void)
{
  Scratch *s = g_private_get (&scratch_key);

  if (s == NULL)
    {
      s = g_new0 (Scratch, 1);
      s->boxes = g_array_new (FALSE, FALSE, sizeof (Box));
      s->xlines = g_array_new (FALSE, FALSE, sizeof (Line));
      s->ylines = g_array_new (FALSE, FALSE, sizeof (Line));
      s->intervals = g_array_new (FALSE, FALSE, sizeof (Interval));
      s->heap = g_array_new (FALSE, FALSE, sizeof (HeapEntry));
      g_private_set (&scratch_key, s);
    }
  return s;
}

/* --- Geometry ---------------------------------------------------------- */

static Box
box_of (const TfRect *r,
        double        grow)
{
  return (Box) { r->x - grow, r->y - grow, r->x + r->width + grow, r->y + r->height + grow };
}

static gboolean
rect_finite (const TfRect *r)
{
  return isfinite (r->x) && isfinite (r->y) && isfinite (r->width) && isfinite (r->height) &&
         r->width >= 0 && r->height >= 0;
}

static gboolean
rect_same (const TfRect *a,
           const TfRect *b)
{
  return fabs (a->x - b->x) < EPS && fabs (a->y - b->y) < EPS &&
         fabs (a->width - b->width) < EPS && fabs (a->height - b->height) < EPS;
}

/* Whether the closed segment (x0, y0)–(x1, y1), horizontal or vertical,
 * enters the open box. */
static gboolean
segment_hits (const Box *b,
              double     x0,
              double     y0,
              double     x1,
              double     y1)
{
  double lx = MIN (x0, x1), hx = MAX (x0, x1);
  double ly = MIN (y0, y1), hy = MAX (y0, y1);

  return lx < b->x1 - EPS && hx > b->x0 + EPS && ly < b->y1 - EPS && hy > b->y0 + EPS;
}

static void
side_port (const TfRect *r,
           int           side,
           double        stub,
           double       *px,
           double       *py,
           double       *sx,
           double       *sy)
{
  double cx = r->x + r->width / 2, cy = r->y + r->height / 2;

  switch (side)
    {
    case DIR_RIGHT: *px = r->x + r->width; *py = cy; break;
    case DIR_DOWN:  *px = cx; *py = r->y + r->height; break;
    case DIR_LEFT:  *px = r->x; *py = cy; break;
    default:        *px = cx; *py = r->y; break;
    }
  *sx = *px + dir_dx[side] * stub;
  *sy = *py + dir_dy[side] * stub;
}

/* --- Candidate lines ---------------------------------------------------- */

static void
add_line (GArray *lines,
          double  c,
          float   w,
          double  lo,
          double  hi)
{
  Line l = { c, w };

  if (c < lo - EPS || c > hi + EPS)
    return;
  g_array_append_val (lines, l);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const Line *la = a, *lb = b;

  return la->c < lb->c ? -1 : la->c > lb->c ? 1 : 0;
}

/* By their start: a quicksort inlined for these pairs, several times faster
 * than qsort() here, where the sorts were a third of the time. */
static void
sort_intervals (Interval *a,
                int       n)
{
  while (n > 16)
    {
      Interval pivot, t;
      int i = 0, j = n - 1;
      double m = a[n / 2].lo, lo = a[0].lo, hi = a[n - 1].lo;

      /* The median of three as the pivot. */
      if ((lo <= m && m <= hi) || (hi <= m && m <= lo))
        pivot = a[n / 2];
      else if ((m <= lo && lo <= hi) || (hi <= lo && lo <= m))
        pivot = a[0];
      else
        pivot = a[n - 1];
      while (i <= j)
        {
          while (a[i].lo < pivot.lo)
            i++;
          while (a[j].lo > pivot.lo)
            j--;
          if (i <= j)
            {
              t = a[i];
              a[i] = a[j];
              a[j] = t;
              i++;
              j--;
            }
        }
      /* The smaller part by recursion, the larger by the loop. */
      if (j + 1 < n - i)
        {
          sort_intervals (a, j + 1);
          a += i;
          n -= i;
        }
      else
        {
          sort_intervals (a + i, n - i);
          n = j + 1;
        }
    }
  for (int i = 1; i < n; i++)
    {
      Interval v = a[i];
      int j = i - 1;

      while (j >= 0 && a[j].lo > v.lo)
        {
          a[j + 1] = a[j];
          j--;
        }
      a[j + 1] = v;
    }
}

/* Sorted, one line per coordinate (the cheapest weight wins). */
static void
lines_finish (GArray *lines)
{
  guint n = 0;

  qsort (lines->data, lines->len, sizeof (Line), compare_lines);
  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = &g_array_index (lines, Line, i);

      if (n > 0 && l->c - g_array_index (lines, Line, n - 1).c < EPS)
        {
          Line *prev = &g_array_index (lines, Line, n - 1);

          prev->w = MIN (prev->w, l->w);
          continue;
        }
      g_array_index (lines, Line, n++) = *l;
    }
  g_array_set_size (lines, n);
}

/* The middle of every gap between the boxes' projections on one axis
 * (x when @horizontal): the gutters. */
static void
add_gutters (Scratch *s,
             gboolean horizontal,
             double   lo,
             double   hi,
             GArray  *lines)
{
  double reach;

  Interval *iv;
  guint n = s->boxes->len;

  g_array_set_size (s->intervals, n);
  iv = (Interval *) (void *) s->intervals->data;
  for (guint i = 0; i < n; i++)
    {
      const Box *b = &g_array_index (s->boxes, Box, i);

      iv[i] = horizontal ? (Interval) { b->x0, b->x1 } : (Interval) { b->y0, b->y1 };
    }
  if (n == 0)
    return;
  sort_intervals (iv, (int) n);
  reach = iv[0].hi;
  for (guint i = 1; i < n; i++)
    {
      if (iv[i].lo > reach + EPS)
        add_line (lines, (reach + iv[i].lo) / 2, WEIGHT_GUTTER, lo, hi);
      reach = MAX (reach, iv[i].hi);
    }
}

/* The index of the line at @c (which is one). */
static int
line_index (GArray *lines,
            double  c)
{
  int lo = 0, hi = (int) lines->len - 1;

  while (lo <= hi)
    {
      int mid = (lo + hi) / 2;
      double v = g_array_index (lines, Line, mid).c;

      if (fabs (v - c) < EPS)
        return mid;
      if (v < c)
        lo = mid + 1;
      else
        hi = mid - 1;
    }
  return -1;
}

/* The first line whose coordinate is above @c. */
static int
first_above (GArray *lines,
             double  c)
{
  int lo = 0, hi = (int) lines->len;

  while (lo < hi)
    {
      int mid = (lo + hi) / 2;

      if (g_array_index (lines, Line, mid).c > c)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

/* --- The search --------------------------------------------------------- */

static void
heap_push (GArray   *heap,
           HeapEntry e)
{
  HeapEntry *h;
  guint i;

  g_array_append_val (heap, e);
  h = (HeapEntry *) (void *) heap->data;
  i = heap->len - 1;
  while (i > 0)
    {
      guint p = (i - 1) / 2;

      if (h[p].f < e.f || (h[p].f == e.f && h[p].g >= e.g))
        break;
      h[i] = h[p];
      i = p;
    }
  h[i] = e;
}

static HeapEntry
heap_pop (GArray *heap)
{
  HeapEntry *h = (HeapEntry *) (void *) heap->data;
  HeapEntry top = h[0], last = h[heap->len - 1];
  guint n = heap->len - 1, i = 0;

  g_array_set_size (heap, n);
  if (n == 0)
    return top;
  for (;;)
    {
      guint c = 2 * i + 1;

      if (c >= n)
        break;
      if (c + 1 < n && (h[c + 1].f < h[c].f || (h[c + 1].f == h[c].f && h[c + 1].g > h[c].g)))
        c++;
      if (last.f < h[c].f || (last.f == h[c].f && last.g >= h[c].g))
        break;
      h[i] = h[c];
      i = c;
    }
  h[i] = last;
  return top;
}

typedef struct {
  const TfRect *from;
  const TfRect *to;
  double        margin;
  guint         start_sides;  /* mask of sides the route may leave by */
  guint         goal_sides;   /* and enter by */
} Query;

typedef struct {
  int    node;     /* -1: the side is not usable */
  double px, py;   /* the port, on the card's side */
  double sx, sy;   /* the stub's end, at the margin */
} Port;

static gboolean
port_usable (Scratch   *s,
             const Port *port,
             guint       skip)
{
  for (guint i = 0; i < s->boxes->len; i++)
    if (i != skip && segment_hits (&g_array_index (s->boxes, Box, i), port->px, port->py, port->sx, port->sy))
      return FALSE;
  return TRUE;
}

static void
scratch_reserve (Scratch *s,
                 gsize    n_nodes)
{
  if (n_nodes > s->n_nodes_alloc)
    {
      s->n_nodes_alloc = MAX (n_nodes, s->n_nodes_alloc * 2);
      g_free (s->hblock);
      g_free (s->vblock);
      s->hblock = g_malloc (s->n_nodes_alloc);
      s->vblock = g_malloc (s->n_nodes_alloc);
    }
  if (n_nodes * N_DIRS > s->n_states_alloc)
    {
      s->n_states_alloc = MAX (n_nodes * N_DIRS, s->n_states_alloc * 2);
      g_free (s->g);
      g_free (s->parent);
      g_free (s->open_stamp);
      g_free (s->closed_stamp);
      s->g = g_new (float, s->n_states_alloc);
      s->parent = g_new (gint32, s->n_states_alloc);
      s->open_stamp = g_new0 (guint32, s->n_states_alloc);
      s->closed_stamp = g_new0 (guint32, s->n_states_alloc);
      s->stamp = 0;
    }
  if (++s->stamp == 0)
    {
      memset (s->open_stamp, 0, s->n_states_alloc * sizeof (guint32));
      memset (s->closed_stamp, 0, s->n_states_alloc * sizeof (guint32));
      s->stamp = 1;
    }
}

/* Routes inside @region, keeping out of @obstacles (and the two cards).
 * Appends the points and returns the route's cost, or a negative value
 * when no route fits. */
static double
route_in_region (const Query  *q,
                 const TfRect *obstacles,
                 guint         n_obstacles,
                 const Box    *region,
                 gboolean      fine,
                 GArray       *points)
{
  Scratch *s = scratch_get ();
  GArray *xl = s->xlines, *yl = s->ylines;
  double m = q->margin;
  gboolean self = rect_same (q->from, q->to);
  Port starts[N_DIRS], goals[N_DIRS];
  guint from_box, to_box;
  int nx, ny, best_state = -1, best_goal = -1;
  double best = G_MAXDOUBLE;

  /* The boxes: the two cards first, then every other card that reaches
   * into the region. */
  g_array_set_size (s->boxes, 0);
  {
    Box b = box_of (q->from, m);

    g_array_append_val (s->boxes, b);
    from_box = 0;
    to_box = 0;
    if (!self)
      {
        b = box_of (q->to, m);
        g_array_append_val (s->boxes, b);
        to_box = 1;
      }
  }
  for (guint i = 0; i < n_obstacles; i++)
    {
      const TfRect *r = &obstacles[i];
      Box b = box_of (r, m);

      if (!(b.x1 > region->x0 && b.x0 < region->x1 && b.y1 > region->y0 && b.y0 < region->y1) ||
          tf_rect_is_empty (r) || !rect_finite (r) || rect_same (r, q->from) || rect_same (r, q->to))
        continue;
      g_array_append_val (s->boxes, b);
    }

  /* The lines. */
  g_array_set_size (xl, 0);
  g_array_set_size (yl, 0);
  add_line (xl, region->x0, WEIGHT_BORDER, region->x0, region->x1);
  add_line (xl, region->x1, WEIGHT_BORDER, region->x0, region->x1);
  add_line (yl, region->y0, WEIGHT_BORDER, region->y0, region->y1);
  add_line (yl, region->y1, WEIGHT_BORDER, region->y0, region->y1);
  for (guint i = 0; i < (fine ? s->boxes->len : (self ? 1u : 2u)); i++)
    {
      const Box *b = &g_array_index (s->boxes, Box, i);

      add_line (xl, b->x0, WEIGHT_EDGE, region->x0, region->x1);
      add_line (xl, b->x1, WEIGHT_EDGE, region->x0, region->x1);
      add_line (yl, b->y0, WEIGHT_EDGE, region->y0, region->y1);
      add_line (yl, b->y1, WEIGHT_EDGE, region->y0, region->y1);
    }
  add_gutters (s, TRUE, region->x0, region->x1, xl);
  add_gutters (s, FALSE, region->y0, region->y1, yl);
  for (int k = 0; k < 2; k++)
    {
      const TfRect *r = k == 0 ? q->from : q->to;

      add_line (xl, r->x + r->width / 2, WEIGHT_GUTTER, region->x0, region->x1);
      add_line (yl, r->y + r->height / 2, WEIGHT_GUTTER, region->y0, region->y1);
    }
  lines_finish (xl);
  lines_finish (yl);
  nx = (int) xl->len;
  ny = (int) yl->len;
  if ((gsize) nx * (gsize) ny * N_DIRS >= G_MAXINT32)
    return -1;
  scratch_reserve (s, (gsize) nx * ny);

  /* Which edges between neighbouring nodes enter a box. */
  memset (s->hblock, 0, (gsize) nx * ny);
  memset (s->vblock, 0, (gsize) nx * ny);
  for (guint k = 0; k < s->boxes->len; k++)
    {
      const Box *b = &g_array_index (s->boxes, Box, k);
      int i0 = first_above (xl, b->x0 + EPS), j0 = first_above (yl, b->y0 + EPS);

      /* Horizontal lines strictly inside: their edges over the box. */
      for (int j = j0; j < ny && g_array_index (yl, Line, j).c < b->y1 - EPS; j++)
        for (int i = MAX (i0 - 1, 0); i + 1 < nx && g_array_index (xl, Line, i).c < b->x1 - EPS; i++)
          s->hblock[j * nx + i] = 1;
      /* Vertical lines strictly inside. */
      for (int i = i0; i < nx && g_array_index (xl, Line, i).c < b->x1 - EPS; i++)
        for (int j = MAX (j0 - 1, 0); j + 1 < ny && g_array_index (yl, Line, j).c < b->y1 - EPS; j++)
          s->vblock[j * nx + i] = 1;
    }

  /* The ports. */
  for (int side = 0; side < N_DIRS; side++)
    {
      Port *p = &starts[side];

      side_port (q->from, side, m, &p->px, &p->py, &p->sx, &p->sy);
      p->node = -1;
      if ((q->start_sides & (1u << side)) && port_usable (s, p, from_box) &&
          (self || !segment_hits (&g_array_index (s->boxes, Box, to_box), p->px, p->py, p->sx, p->sy)))
        {
          int i = line_index (xl, p->sx), j = line_index (yl, p->sy);

          if (i >= 0 && j >= 0)
            p->node = j * nx + i;
        }
      p = &goals[side];
      side_port (q->to, side, m, &p->px, &p->py, &p->sx, &p->sy);
      p->node = -1;
      if ((q->goal_sides & (1u << side)) && port_usable (s, p, to_box) &&
          (self || !segment_hits (&g_array_index (s->boxes, Box, from_box), p->px, p->py, p->sx, p->sy)))
        {
          int i = line_index (xl, p->sx), j = line_index (yl, p->sy);

          if (i >= 0 && j >= 0)
            p->node = j * nx + i;
        }
    }

  /* A*: a state is a node and the heading it was reached with. */
  g_array_set_size (s->heap, 0);
  for (int side = 0; side < N_DIRS; side++)
    {
      int state;

      if (starts[side].node < 0)
        continue;
      state = starts[side].node * N_DIRS + side;
      s->g[state] = 0;
      s->parent[state] = -1;
      s->open_stamp[state] = s->stamp;
      heap_push (s->heap, (HeapEntry) { 0, 0, state });
    }
  while (s->heap->len > 0)
    {
      HeapEntry e = heap_pop (s->heap);
      int state = e.state, node = state / N_DIRS, dir = state % N_DIRS;
      int i = node % nx, j = node / nx;
      double x, y;

      if (e.f >= best)
        break;
      if (s->closed_stamp[state] == s->stamp || e.g > s->g[state])
        continue;
      s->closed_stamp[state] = s->stamp;

      /* A goal: its stub enters the card head on, or after one more bend. */
      for (int side = 0; side < N_DIRS; side++)
        if (goals[side].node == node)
          {
            double total = e.g + (dir == (side + 2) % N_DIRS ? 0 : BEND_COST);

            if (total < best)
              {
                best = total;
                best_state = state;
                best_goal = side;
              }
          }

      x = g_array_index (xl, Line, i).c;
      y = g_array_index (yl, Line, j).c;
      for (int d = 0; d < N_DIRS; d++)
        {
          int ni = i + dir_dx[d], nj = j + dir_dy[d], nnode, nstate;
          double nxc, nyc, len, h = G_MAXDOUBLE;
          float w, g;

          if (d == (dir + 2) % N_DIRS || ni < 0 || nj < 0 || ni >= nx || nj >= ny)
            continue;
          if ((d == DIR_RIGHT && s->hblock[node]) || (d == DIR_LEFT && s->hblock[node - 1]) ||
              (d == DIR_DOWN && s->vblock[node]) || (d == DIR_UP && s->vblock[node - nx]))
            continue;
          nnode = nj * nx + ni;
          nstate = nnode * N_DIRS + d;
          if (s->closed_stamp[nstate] == s->stamp)
            continue;
          nxc = g_array_index (xl, Line, ni).c;
          nyc = g_array_index (yl, Line, nj).c;
          if (dir_dy[d] == 0)
            {
              len = fabs (nxc - x);
              w = g_array_index (yl, Line, j).w;
            }
          else
            {
              len = fabs (nyc - y);
              w = g_array_index (xl, Line, i).w;
            }
          g = e.g + (float) (len * w) + (d == dir ? 0 : BEND_COST);
          if (s->open_stamp[nstate] == s->stamp && s->g[nstate] <= g)
            continue;
          s->open_stamp[nstate] = s->stamp;
          s->g[nstate] = g;
          s->parent[nstate] = state;

          /* Below the true cost: the distance, and a bend when off both
           * lines of the goal's stub. */
          for (int side = 0; side < N_DIRS; side++)
            if (goals[side].node >= 0)
              {
                double ddx = fabs (goals[side].sx - nxc), ddy = fabs (goals[side].sy - nyc);
                double hh = ddx + ddy + (ddx > EPS && ddy > EPS ? BEND_COST : 0);

                h = MIN (h, hh);
              }
          heap_push (s->heap, (HeapEntry) { g + (float) h, g, nstate });
        }
    }
  if (best_state < 0)
    return -1;

  /* The points, from the source's port to the target's, corners only. */
  {
    guint first = points->len, n;
    TfBpPoint *pts;
    GArray *rev = g_array_new (FALSE, FALSE, sizeof (TfBpPoint));
    TfBpPoint p;

    p = (TfBpPoint) { goals[best_goal].px, goals[best_goal].py };
    g_array_append_val (rev, p);
    for (int st = best_state; st >= 0; st = s->parent[st])
      {
        int node = st / N_DIRS;

        p = (TfBpPoint) { g_array_index (xl, Line, node % nx).c, g_array_index (yl, Line, node / nx).c };
        g_array_append_val (rev, p);
        if (s->parent[st] < 0)
          {
            p = (TfBpPoint) { starts[st % N_DIRS].px, starts[st % N_DIRS].py };
            g_array_append_val (rev, p);
          }
      }
    for (guint k = rev->len; k > 0; k--)
      {
        TfBpPoint *c = &g_array_index (rev, TfBpPoint, k - 1);

        n = points->len - first;
        /* An empty array may have no data yet: no pointer into it. */
        pts = n > 0 ? &g_array_index (points, TfBpPoint, first) : NULL;
        if (n >= 1 && fabs (pts[n - 1].x - c->x) < EPS && fabs (pts[n - 1].y - c->y) < EPS)
          continue;
        if (n >= 2 &&
            ((fabs (pts[n - 2].x - pts[n - 1].x) < EPS && fabs (pts[n - 1].x - c->x) < EPS) ||
             (fabs (pts[n - 2].y - pts[n - 1].y) < EPS && fabs (pts[n - 1].y - c->y) < EPS)))
          {
            pts[n - 1] = *c;
            continue;
          }
        g_array_append_val (points, *c);
      }
    g_array_unref (rev);
  }
  return best;
}

/* Two facing sides whose middles are aligned: one straight segment, when
 * nothing stands between. */
static gboolean
route_straight (const TfRect *from,
                const TfRect *to,
                const TfRect *obstacles,
                guint         n_obstacles,
                double        margin,
                GArray       *points)
{
  double fcx = from->x + from->width / 2, fcy = from->y + from->height / 2;
  double tcx = to->x + to->width / 2, tcy = to->y + to->height / 2;
  TfBpPoint a, b;

  if (fabs (fcy - tcy) < EPS && to->x >= from->x + from->width - EPS)
    a = (TfBpPoint) { from->x + from->width, fcy }, b = (TfBpPoint) { to->x, tcy };
  else if (fabs (fcy - tcy) < EPS && from->x >= to->x + to->width - EPS)
    a = (TfBpPoint) { from->x, fcy }, b = (TfBpPoint) { to->x + to->width, tcy };
  else if (fabs (fcx - tcx) < EPS && to->y >= from->y + from->height - EPS)
    a = (TfBpPoint) { fcx, from->y + from->height }, b = (TfBpPoint) { tcx, to->y };
  else if (fabs (fcx - tcx) < EPS && from->y >= to->y + to->height - EPS)
    a = (TfBpPoint) { fcx, from->y }, b = (TfBpPoint) { tcx, to->y + to->height };
  else
    return FALSE;

  for (guint i = 0; i < n_obstacles; i++)
    {
      Box box;

      if (rect_same (&obstacles[i], from) || rect_same (&obstacles[i], to))
        continue;
      box = box_of (&obstacles[i], margin);
      if (segment_hits (&box, a.x, a.y, b.x, b.y))
        return FALSE;
    }
  g_array_append_val (points, a);
  g_array_append_val (points, b);
  return TRUE;
}

static double
route_search (const Query  *q,
              const TfRect *obstacles,
              guint         n_obstacles,
              GArray       *points)
{
  const TfRect *from = q->from, *to = q->to;
  double m = q->margin;
  double x0 = MIN (from->x, to->x), y0 = MIN (from->y, to->y);
  double x1 = MAX (from->x + from->width, to->x + to->width);
  double y1 = MAX (from->y + from->height, to->y + to->height);
  /* On the coarse grid of the gutters alone (enough between a blueprint's
   * cells, and fast), then on the fine one that runs along every card;
   * each near the two cards, wider, then over everything. */
  static const struct {
    double pad;   /* < 0: every obstacle */
    gboolean fine;
  } attempts[] = {
    { 56, FALSE }, { 400, FALSE }, { -1, FALSE }, { 56, TRUE }, { 400, TRUE }, { -1, TRUE },
  };
  guint start = points->len;
  double best = -1;

  for (guint k = 0; k < G_N_ELEMENTS (attempts); k++)
    {
      Box region = { x0, y0, x1, y1 };
      double cost, pad = 2 * m + 56;
      guint mark = points->len;

      if (attempts[k].pad >= 0)
        pad = 2 * m + attempts[k].pad;
      else
        for (guint i = 0; i < n_obstacles; i++)
          {
            Box b = box_of (&obstacles[i], 0);

            if (!rect_finite (&obstacles[i]))
              continue;

            region.x0 = MIN (region.x0, b.x0);
            region.y0 = MIN (region.y0, b.y0);
            region.x1 = MAX (region.x1, b.x1);
            region.y1 = MAX (region.y1, b.y1);
          }
      region.x0 -= pad;
      region.y0 -= pad;
      region.x1 += pad;
      region.y1 += pad;
      cost = route_in_region (q, obstacles, n_obstacles, &region, attempts[k].fine, points);
      if (cost >= 0 && (best < 0 || cost < best))
        {
          /* Keep the cheapest route so far. */
          if (best >= 0)
            g_array_remove_range (points, start, mark - start);
          best = cost;
        }
      else
        g_array_set_size (points, mark);
      /* A route with few bends and no long detour is the one. */
      if (best >= 0 && best < 4.5 * BEND_COST + 1.3 * ((x1 - x0) + (y1 - y0)) + 4 * m)
        break;
    }
  return best;
}

gboolean
tf_bp_route (const TfRect *from,
             const TfRect *to,
             const TfRect *obstacles,
             guint         n_obstacles,
             double        margin,
             GArray       *points)
{
  gboolean self;

  g_return_val_if_fail (from != NULL && to != NULL && points != NULL, FALSE);
  g_return_val_if_fail (obstacles != NULL || n_obstacles == 0, FALSE);

  margin = isfinite (margin) ? CLAMP (margin, 1.0, 1000.0) : TF_BP_ROUTE_MARGIN;
  self = rect_same (from, to);
  if (!rect_finite (from) || !rect_finite (to))
    {
      TfBpPoint p = { from->x, from->y };

      g_array_append_val (points, p);
      p = (TfBpPoint) { to->x, to->y };
      g_array_append_val (points, p);
      return FALSE;
    }
  if (!self && route_straight (from, to, obstacles, n_obstacles, margin, points))
    return TRUE;

  if (self)
    {
      /* Out by one side, round a corner, in by the next. */
      static const guint pairs[][2] = {
        { DIR_RIGHT, DIR_UP }, { DIR_RIGHT, DIR_DOWN }, { DIR_LEFT, DIR_UP },
        { DIR_LEFT, DIR_DOWN }, { DIR_UP, DIR_LEFT }, { DIR_DOWN, DIR_RIGHT },
      };

      for (guint k = 0; k < G_N_ELEMENTS (pairs); k++)
        {
          Query q = { from, to, margin, 1u << pairs[k][0], 1u << pairs[k][1] };

          if (route_search (&q, obstacles, n_obstacles, points) >= 0)
            return TRUE;
        }
    }
  else
    {
      Query q = { from, to, margin, SIDES_ALL, SIDES_ALL };

      if (route_search (&q, obstacles, n_obstacles, points) >= 0)
        return TRUE;
    }

  /* Nothing avoids the cards: straight, between the middles of the sides
   * that face each other most. */
  {
    double fcx = from->x + from->width / 2, fcy = from->y + from->height / 2;
    double tcx = to->x + to->width / 2, tcy = to->y + to->height / 2;
    double dx = tcx - fcx, dy = tcy - fcy, px, py, sx, sy;
    int side = fabs (dx) >= fabs (dy) ? (dx >= 0 ? DIR_RIGHT : DIR_LEFT) : (dy >= 0 ? DIR_DOWN : DIR_UP);
    TfBpPoint p;

    side_port (from, side, 0, &px, &py, &sx, &sy);
    p = (TfBpPoint) { px, py };
    g_array_append_val (points, p);
    side_port (to, (side + 2) % N_DIRS, 0, &px, &py, &sx, &sy);
    p = (TfBpPoint) { px, py };
    g_array_append_val (points, p);
  }
  return FALSE;
}

/* --- Spreading the routes that share a line ------------------------------ */

typedef struct {
  guint    route;
  guint    index;     /* the segment from point index to index + 1 */
  gboolean vertical;
  double   c;         /* x of a vertical segment, y of a horizontal one */
  double   lo;
  double   hi;
  guint    track;
  double   side;      /* where the route heads after it, for the order */
} Segment;

static int
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const Segment *sa = a, *sb = b;

  if (sa->vertical != sb->vertical)
    return sa->vertical ? 1 : -1;
  if (fabs (sa->c - sb->c) >= EPS)
    return sa->c < sb->c ? -1 : 1;
  return sa->lo < sb->lo ? -1 : sa->lo > sb->lo ? 1 : 0;
}

static TfBpPoint *
route_points (GPtrArray *routes,
              guint      route)
{
  GArray *points = g_ptr_array_index (routes, route);

  return (TfBpPoint *) (void *) points->data;
}

static guint
route_length (GPtrArray *routes,
              guint      route)
{
  GArray *points = g_ptr_array_index (routes, route);

  return points->len;
}

static gboolean
same_point (const TfBpPoint *a,
            const TfBpPoint *b)
{
  return fabs (a->x - b->x) < EPS && fabs (a->y - b->y) < EPS;
}

/* Whether segment @k of a route may lie at @c: its two neighbours keep
 * their direction and some length, and none of the three comes closer than
 * @clear to an obstacle (the route's own cards aside, for its end segments). */
static gboolean
move_fits (const TfBpPoint *p,
           guint            n,
           guint            k,
           gboolean         vertical,
           double           c,
           const TfRect    *obstacles,
           guint            n_obstacles,
           double           clear)
{
  TfBpPoint q[4];
  Box reach;

  for (guint i = 0; i < 4; i++)
    q[i] = p[k - 1 + i];
  if (vertical)
    q[1].x = q[2].x = c;
  else
    q[1].y = q[2].y = c;
  for (guint i = 0; i < 3; i += 2)
    {
      double before = vertical ? p[k - 1 + i + 1].x - p[k - 1 + i].x : p[k - 1 + i + 1].y - p[k - 1 + i].y;
      double after = vertical ? q[i + 1].x - q[i].x : q[i + 1].y - q[i].y;

      if (before * after <= 0 || fabs (after) < 4)
        return FALSE;
    }
  reach = (Box) { MIN (MIN (q[0].x, q[1].x), MIN (q[2].x, q[3].x)) - clear,
                  MIN (MIN (q[0].y, q[1].y), MIN (q[2].y, q[3].y)) - clear,
                  MAX (MAX (q[0].x, q[1].x), MAX (q[2].x, q[3].x)) + clear,
                  MAX (MAX (q[0].y, q[1].y), MAX (q[2].y, q[3].y)) + clear };
  for (guint o = 0; o < n_obstacles; o++)
    {
      const TfRect *r = &obstacles[o];
      Box box, own;

      /* Most cards are nowhere near. */
      if (!(r->x < reach.x1 && r->x + r->width > reach.x0 && r->y < reach.y1 && r->y + r->height > reach.y0))
        continue;
      box = box_of (r, clear);
      own = box_of (r, EPS);
      gboolean source = p[0].x >= own.x0 && p[0].x <= own.x1 && p[0].y >= own.y0 && p[0].y <= own.y1;
      gboolean target = p[n - 1].x >= own.x0 && p[n - 1].x <= own.x1 && p[n - 1].y >= own.y0 && p[n - 1].y <= own.y1;

      for (guint i = 0; i < 3; i++)
        {
          if ((k - 1 + i == 0 && source) || (k + i == n - 1 && target))
            continue;
          if (segment_hits (&box, q[i].x, q[i].y, q[i + 1].x, q[i + 1].y))
            return FALSE;
        }
    }
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db ? 1 : 0;
}

static void
spread_cluster (GPtrArray    *routes,
                Segment      *members,
                guint         n,
                const TfRect *obstacles,
                guint         n_obstacles,
                double        margin,
                double        spacing)
{
  guint n_tracks = 0;
  g_autofree double *sides = NULL;
  g_autofree guint *rank = NULL;

  /* Tracks: routes from the same port or into the same port share one. */
  for (guint i = 0; i < n; i++)
    members[i].track = G_MAXUINT;
  for (guint i = 0; i < n; i++)
    {
      const TfBpPoint *pi = route_points (routes, members[i].route);
      guint ni = route_length (routes, members[i].route);

      if (members[i].track != G_MAXUINT)
        continue;
      members[i].track = n_tracks++;
      for (guint j = i + 1; j < n; j++)
        {
          const TfBpPoint *pj = route_points (routes, members[j].route);
          guint nj = route_length (routes, members[j].route);

          if (members[j].track == G_MAXUINT &&
              (same_point (&pi[0], &pj[0]) || same_point (&pi[ni - 1], &pj[nj - 1])))
            members[j].track = members[i].track;
        }
    }
  if (n_tracks < 2)
    return;

  /* Order the tracks by where their routes head next, so that they do not
   * cross each other on leaving the line. */
  sides = g_new0 (double, n_tracks * 2);
  rank = g_new (guint, n_tracks);
  for (guint t = 0; t < n_tracks; t++)
    {
      double side = 0;
      guint count = 0;

      for (guint i = 0; i < n; i++)
        if (members[i].track == t)
          {
            side += members[i].side;
            count++;
          }
      sides[2 * t] = side / MAX (count, 1);
      sides[2 * t + 1] = t;
    }
  qsort (sides, n_tracks, 2 * sizeof (double), compare_doubles);
  for (guint t = 0; t < n_tracks; t++)
    rank[(guint) sides[2 * t + 1]] = t;

  for (double step = spacing; step >= spacing / 4 - EPS; step /= 2)
    {
      gboolean fits = TRUE;

      for (guint i = 0; i < n && fits; i++)
        {
          const Segment *s = &members[i];
          double c = s->c + (rank[s->track] - (n_tracks - 1) / 2.0) * step;

          fits = move_fits (route_points (routes, s->route), route_length (routes, s->route),
                            s->index, s->vertical, c, obstacles, n_obstacles, margin / 2);
        }
      if (!fits)
        continue;
      for (guint i = 0; i < n; i++)
        {
          const Segment *s = &members[i];
          TfBpPoint *p = route_points (routes, s->route);
          double c = s->c + (rank[s->track] - (n_tracks - 1) / 2.0) * step;

          if (s->vertical)
            p[s->index].x = p[s->index + 1].x = c;
          else
            p[s->index].y = p[s->index + 1].y = c;
        }
      return;
    }
}

void
tf_bp_routes_spread (GPtrArray    *routes,
                     const TfRect *obstacles,
                     guint         n_obstacles,
                     double        margin,
                     double        spacing)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  guint i = 0;

  g_return_if_fail (routes != NULL);
  g_return_if_fail (obstacles != NULL || n_obstacles == 0);

  /* The inner segments: the first and last stay on their ports. */
  for (guint r = 0; r < routes->len; r++)
    {
      const TfBpPoint *p = route_points (routes, r);
      guint n = route_length (routes, r);

      for (guint k = 1; k + 2 < n; k++)
        {
          Segment s = { r, k, fabs (p[k].x - p[k + 1].x) < EPS, 0, 0, 0, 0, 0 };

          if (s.vertical)
            {
              s.c = p[k].x;
              s.lo = MIN (p[k].y, p[k + 1].y);
              s.hi = MAX (p[k].y, p[k + 1].y);
              s.side = p[k + 2].x - p[k].x + (p[k - 1].x - p[k].x) * 0.001;
            }
          else
            {
              s.c = p[k].y;
              s.lo = MIN (p[k].x, p[k + 1].x);
              s.hi = MAX (p[k].x, p[k + 1].x);
              s.side = p[k + 2].y - p[k].y + (p[k - 1].y - p[k].y) * 0.001;
            }
          if (s.hi - s.lo > EPS)
            g_array_append_val (segments, s);
        }
    }
  g_array_sort (segments, compare_segments);

  /* Clusters: segments on one line whose stretches overlap. */
  while (i < segments->len)
    {
      Segment *first = &g_array_index (segments, Segment, i);
      double reach = first->hi;
      guint j = i + 1;

      while (j < segments->len)
        {
          const Segment *s = &g_array_index (segments, Segment, j);

          if (s->vertical != first->vertical || fabs (s->c - first->c) >= EPS || s->lo >= reach - EPS)
            break;
          reach = MAX (reach, s->hi);
          j++;
        }
      if (j - i > 1)
        spread_cluster (routes, first, j - i, obstacles, n_obstacles, margin, spacing);
      i = j;
    }
}
