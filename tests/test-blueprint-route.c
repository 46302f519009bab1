/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "blueprints/tf-blueprint-kinds.h"
#include "blueprints/tf-blueprint-layout.h"
#include "blueprints/tf-blueprint-route.h"
#include "blueprints/tf-bp-arrow-kind.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-scene.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

#define MARGIN TF_BP_ROUTE_MARGIN
#define EPS 1e-6

/* --- Generated blueprints ------------------------------------------------ */

typedef struct {
  TfRect r;
  int    col;
  int    lane;
  int    order;
} Card;

/* Cards as the blueprint layout places them: columns of one width, cards
 * stacked in their cell with a gap, lanes as tall as their tallest cell. */
static GArray *
generate_cards (GRand *rand,
                int    n_cols,
                int    n_lanes,
                int    max_per_cell)
{
  GArray *cards = g_array_new (FALSE, FALSE, sizeof (Card));
  double top = TF_BP_STAGE_HEIGHT + TF_BP_STEP_HEIGHT;

  for (int lane = 0; lane < n_lanes; lane++)
    {
      double height = TF_BP_LANE_MIN_HEIGHT;

      for (int col = 0; col < n_cols; col++)
        {
          int n = g_rand_int_range (rand, 0, max_per_cell + 1);
          double y = top + TF_BP_GAP;

          for (int k = 0; k < n; k++)
            {
              double h = TF_BP_CARD_MIN_HEIGHT + 24 * g_rand_int_range (rand, 0, 5);
              Card card = {
                TF_RECT_INIT (TF_BP_HEADER_WIDTH + col * TF_BP_COLUMN_WIDTH + TF_BP_GAP, y, TF_BP_CARD_WIDTH, h),
                col, lane, k
              };

              g_array_append_val (cards, card);
              y += h + TF_BP_GAP;
            }
          height = MAX (height, y - top);
        }
      top += height;
    }
  return cards;
}

static TfRect *
rects_of (GArray *cards)
{
  TfRect *rects = g_new (TfRect, MAX (cards->len, 1));

  for (guint i = 0; i < cards->len; i++)
    rects[i] = g_array_index (cards, Card, i).r;
  return rects;
}

/* Whether (x, y) is the middle of a side of @r. */
static gboolean
on_side_middle (const TfRect *r,
                double        x,
                double        y)
{
  double cx = r->x + r->width / 2, cy = r->y + r->height / 2;

  return (fabs (y - cy) < EPS && (fabs (x - r->x) < EPS || fabs (x - (r->x + r->width)) < EPS)) ||
         (fabs (x - cx) < EPS && (fabs (y - r->y) < EPS || fabs (y - (r->y + r->height)) < EPS));
}

/* Whether the segment enters the open rectangle @r grown by @grow. */
static gboolean
segment_crosses (const TfBpPoint *a,
                 const TfBpPoint *b,
                 const TfRect    *r,
                 double           grow)
{
  double lx = MIN (a->x, b->x), hx = MAX (a->x, b->x);
  double ly = MIN (a->y, b->y), hy = MAX (a->y, b->y);

  return lx < r->x + r->width + grow && hx > r->x - grow &&
         ly < r->y + r->height + grow && hy > r->y - grow;
}

static guint
n_bends (GArray *points)
{
  return points->len >= 2 ? points->len - 2 : 0;
}

/* Everything a route must be: orthogonal, from the middle of a side of the
 * source to the middle of a side of the target, through no card (the two
 * ends included, shrunk by one unit), at the margin from every other. */
static void
assert_route_clear (GArray       *points,
                    const TfRect *from,
                    const TfRect *to,
                    const TfRect *cards,
                    guint         n_cards,
                    double        clearance,
                    const char   *what)
{
  const TfBpPoint *p = (const TfBpPoint *) (const void *) points->data;

  if (points->len < 2)
    g_error ("%s: %u points", what, points->len);
  if (!on_side_middle (from, p[0].x, p[0].y))
    g_error ("%s: starts at %g,%g, off the source's sides", what, p[0].x, p[0].y);
  if (!on_side_middle (to, p[points->len - 1].x, p[points->len - 1].y))
    g_error ("%s: ends at %g,%g, off the target's sides", what, p[points->len - 1].x, p[points->len - 1].y);
  for (guint i = 1; i < points->len; i++)
    {
      if (fabs (p[i].x - p[i - 1].x) > EPS && fabs (p[i].y - p[i - 1].y) > EPS)
        g_error ("%s: segment %u is oblique", what, i);
      for (guint k = 0; k < n_cards; k++)
        {
          gboolean end = memcmp (&cards[k], from, sizeof (TfRect)) == 0 ||
                         memcmp (&cards[k], to, sizeof (TfRect)) == 0;

          if (segment_crosses (&p[i - 1], &p[i], &cards[k], -1.0))
            g_error ("%s: segment %u (%g,%g)-(%g,%g) crosses card %u", what, i,
                     p[i - 1].x, p[i - 1].y, p[i].x, p[i].y, k);
          if (!end && segment_crosses (&p[i - 1], &p[i], &cards[k], clearance - 0.5))
            g_error ("%s: segment %u passes closer than %g to card %u", what, i, clearance, k);
        }
    }
}

static void
assert_route (GArray       *points,
              const TfRect *from,
              const TfRect *to,
              const TfRect *cards,
              guint         n_cards,
              const char   *what)
{
  assert_route_clear (points, from, to, cards, n_cards, MARGIN, what);
}

static void
test_generated (void)
{
  guint n_routes = 0, n_loops = 0, bends = 0;

  for (guint32 seed = 1; seed <= 40; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      int n_cols = g_rand_int_range (rand, 5, 31), n_lanes = g_rand_int_range (rand, 5, 9);
      g_autoptr(GArray) cards = generate_cards (rand, n_cols, n_lanes, 4);
      g_autofree TfRect *rects = rects_of (cards);

      if (cards->len < 2)
        continue;
      for (int k = 0; k < 60; k++)
        {
          g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (TfBpPoint));
          guint a = g_rand_int_range (rand, 0, cards->len), b = a;
          const Card *ca = &g_array_index (cards, Card, a);
          g_autofree char *what = NULL;
          int kind = k % 6;

          /* Random, same column, same lane, backwards, a loop, adjacent. */
          for (int tries = 0; tries < 200; tries++)
            {
              const Card *cb;

              b = g_rand_int_range (rand, 0, cards->len);
              cb = &g_array_index (cards, Card, b);
              if ((kind == 0 && b != a) ||
                  (kind == 1 && b != a && cb->col == ca->col) ||
                  (kind == 2 && b != a && cb->lane == ca->lane) ||
                  (kind == 3 && cb->col < ca->col) ||
                  (kind == 5 && b != a && abs (cb->col - ca->col) + abs (cb->lane - ca->lane) +
                                          abs (cb->order - ca->order) == 1))
                break;
              b = a;
            }
          if (kind == 4)
            b = a;
          what = g_strdup_printf ("seed %u, %d × %d, %u cards, arrow %u → %u (case %d)",
                                  seed, n_cols, n_lanes, cards->len, a, b, kind);
          if (!tf_bp_route (&rects[a], &rects[b], rects, cards->len, MARGIN, points))
            g_error ("%s: no route", what);
          assert_route (points, &rects[a], &rects[b], rects, cards->len, what);
          if (a == b)
            {
              const TfBpPoint *p = (const TfBpPoint *) (const void *) points->data;

              /* Out by one side, in by another, round a corner. */
              g_assert_cmpuint (points->len, >=, 4);
              g_assert_false (fabs (p[0].x - p[points->len - 1].x) < EPS &&
                              fabs (p[0].y - p[points->len - 1].y) < EPS);
              n_loops++;
            }
          bends += n_bends (points);
          n_routes++;
        }
    }
  g_test_message ("%u routes (%u loops), %.2f bends on average", n_routes, n_loops, bends / (double) n_routes);
  g_assert_cmpuint (n_routes, >, 2000);
  g_assert_cmpuint (n_loops, >, 300);
}

/* --- Hand cases ---------------------------------------------------------- */

static GArray *
route (const TfRect *from,
       const TfRect *to,
       const TfRect *obstacles,
       guint         n,
       gboolean      expect_found)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (TfBpPoint));

  g_assert_cmpint (tf_bp_route (from, to, obstacles, n, MARGIN, points), ==, expect_found);
  return points;
}

static void
assert_point (GArray *points,
              guint   i,
              double  x,
              double  y)
{
  const TfBpPoint *p = &g_array_index (points, TfBpPoint, i);

  g_assert_cmpfloat_with_epsilon (p->x, x, EPS);
  g_assert_cmpfloat_with_epsilon (p->y, y, EPS);
}

static void
test_straight (void)
{
  /* Two neighbours in a lane, their middles level: one segment. */
  TfRect cards[] = {
    TF_RECT_INIT (264, 184, 232, 96), TF_RECT_INIT (544, 184, 232, 96),
    TF_RECT_INIT (264, 304, 232, 96),
  };
  g_autoptr(GArray) a = route (&cards[0], &cards[1], cards, 3, TRUE);
  g_autoptr(GArray) b = route (&cards[0], &cards[2], cards, 3, TRUE);
  g_autoptr(GArray) c = route (&cards[1], &cards[0], cards, 3, TRUE);

  g_assert_cmpuint (a->len, ==, 2);
  assert_point (a, 0, 496, 232);
  assert_point (a, 1, 544, 232);
  /* Stacked in one cell, 24 apart: straight down. */
  g_assert_cmpuint (b->len, ==, 2);
  assert_point (b, 0, 380, 280);
  assert_point (b, 1, 380, 304);
  /* Backwards: right to left. */
  g_assert_cmpuint (c->len, ==, 2);
  assert_point (c, 0, 544, 232);
  assert_point (c, 1, 496, 232);
}

static void
test_one_bend (void)
{
  /* Nothing in the way, the target lower right: out by the right side,
   * down into the target's top. */
  TfRect from = TF_RECT_INIT (0, 0, 100, 50), to = TF_RECT_INIT (400, 300, 100, 50);
  g_autoptr(GArray) points = route (&from, &to, NULL, 0, TRUE);

  g_assert_cmpuint (points->len, ==, 3);
  assert_point (points, 0, 100, 25);
  assert_point (points, 1, 450, 25);
  assert_point (points, 2, 450, 300);
}

static void
test_around (void)
{
  /* Three cards in a row: from the first to the third goes round the
   * middle one, by the gutter above or below, in few bends. */
  TfRect cards[] = {
    TF_RECT_INIT (264, 184, 232, 96), TF_RECT_INIT (544, 184, 232, 96), TF_RECT_INIT (824, 184, 232, 96),
  };
  g_autoptr(GArray) points = route (&cards[0], &cards[2], cards, 3, TRUE);

  assert_route (points, &cards[0], &cards[2], cards, 3, "around");
  g_assert_cmpuint (n_bends (points), <=, 4);
  g_assert_cmpuint (n_bends (points), >=, 2);

  /* The same three stacked in a cell, first to last: out by a side, down
   * the column's gutter, back in by the same side. */
  {
    TfRect stack[] = {
      TF_RECT_INIT (264, 184, 232, 96), TF_RECT_INIT (264, 304, 232, 120), TF_RECT_INIT (264, 448, 232, 96),
      TF_RECT_INIT (544, 184, 232, 300), TF_RECT_INIT (-16, 184, 232, 300),
    };
    g_autoptr(GArray) down = route (&stack[0], &stack[2], stack, G_N_ELEMENTS (stack), TRUE);
    const TfBpPoint *p = (const TfBpPoint *) (const void *) down->data;

    assert_route (down, &stack[0], &stack[2], stack, G_N_ELEMENTS (stack), "stack");
    g_assert_cmpuint (n_bends (down), ==, 2);
    /* In the middle of the gutter between the columns (24 wide each side). */
    g_assert_true (fabs (p[1].x - 520) < EPS || fabs (p[1].x - 240) < EPS);
  }
}

static void
test_loops (void)
{
  TfRect cards[] = {
    TF_RECT_INIT (264, 184, 232, 96), TF_RECT_INIT (544, 184, 232, 96),
    TF_RECT_INIT (264, 304, 232, 96), TF_RECT_INIT (544, 304, 232, 96),
  };

  /* To itself: a loop round a corner of the card, clear of its neighbours. */
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      g_autoptr(GArray) points = route (&cards[i], &cards[i], cards, G_N_ELEMENTS (cards), TRUE);

      assert_route (points, &cards[i], &cards[i], cards, G_N_ELEMENTS (cards), "self");
      g_assert_cmpuint (points->len, ==, 5);
      g_assert_cmpuint (n_bends (points), ==, 3);
    }
  /* Back to an earlier step in another lane. */
  {
    g_autoptr(GArray) points = route (&cards[3], &cards[0], cards, G_N_ELEMENTS (cards), TRUE);

    assert_route (points, &cards[3], &cards[0], cards, G_N_ELEMENTS (cards), "back");
    g_assert_cmpuint (n_bends (points), <=, 2);
  }
}

static void
test_branches (void)
{
  /* Three arrows from one card: each leaves by the middle of a side, and
   * those going the same way share their way out. */
  TfRect cards[] = {
    TF_RECT_INIT (264, 184, 232, 96), TF_RECT_INIT (544, 184, 232, 96),
    TF_RECT_INIT (544, 304, 232, 96), TF_RECT_INIT (544, 424, 232, 96),
  };
  g_autoptr(GArray) first = NULL;

  for (guint i = 1; i < G_N_ELEMENTS (cards); i++)
    {
      g_autoptr(GArray) points = route (&cards[0], &cards[i], cards, G_N_ELEMENTS (cards), TRUE);

      assert_route (points, &cards[0], &cards[i], cards, G_N_ELEMENTS (cards), "branch");
      g_assert_cmpuint (n_bends (points), <=, 2);
      if (i == 2)
        first = g_array_ref (points);
      else if (i == 3)
        {
          /* The two lower branches leave by the same port. */
          assert_point (points, 0, g_array_index (first, TfBpPoint, 0).x, g_array_index (first, TfBpPoint, 0).y);
        }
    }
}

static void
test_enclosed (void)
{
  /* A card boxed in by others closer than the margin: no route, a straight
   * line between the facing sides instead. */
  TfRect from = TF_RECT_INIT (100, 100, 100, 100), to = TF_RECT_INIT (600, 100, 100, 100);
  TfRect cards[] = {
    from, to,
    TF_RECT_INIT (40, 40, 220, 55), TF_RECT_INIT (40, 205, 220, 55),
    TF_RECT_INIT (40, 40, 55, 220), TF_RECT_INIT (205, 40, 55, 220),
  };
  g_autoptr(GArray) points = route (&from, &to, cards, G_N_ELEMENTS (cards), FALSE);

  g_assert_cmpuint (points->len, ==, 2);
  assert_point (points, 0, 200, 150);
  assert_point (points, 1, 600, 150);
}

static void
test_hostile (void)
{
  /* Rectangles from a damaged archive: no crash, no endless search. */
  TfRect from = TF_RECT_INIT (0, 0, 100, 50), to = TF_RECT_INIT (400, 300, 100, 50);
  TfRect bad = TF_RECT_INIT (NAN, 0, 100, 50);
  TfRect obstacles[] = {
    from, to, TF_RECT_INIT (INFINITY, 10, 10, 10), TF_RECT_INIT (200, NAN, 10, 10),
    TF_RECT_INIT (200, 0, -50, 10), TF_RECT_INIT (-1e12, -1e12, 2e12, 10),
  };
  g_autoptr(GArray) a = route (&bad, &to, obstacles, G_N_ELEMENTS (obstacles), FALSE);
  g_autoptr(GArray) b = route (&from, &to, obstacles, G_N_ELEMENTS (obstacles) - 1, TRUE);
  g_autoptr(GArray) c = g_array_new (FALSE, FALSE, sizeof (TfBpPoint));

  g_assert_cmpuint (a->len, ==, 2);
  assert_route (b, &from, &to, obstacles, 2, "hostile");
  /* A huge card across the board: a route round it, or the straight line. */
  tf_bp_route (&from, &to, obstacles, G_N_ELEMENTS (obstacles), MARGIN, c);
  g_assert_cmpuint (c->len, >=, 2);
  g_assert_true (tf_bp_route (&from, &to, obstacles, 2, NAN, c));
}

static void
test_appends (void)
{
  /* The points are appended after what @points holds. */
  TfRect from = TF_RECT_INIT (0, 0, 100, 50), to = TF_RECT_INIT (400, 300, 100, 50);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (TfBpPoint));
  TfBpPoint first = { -1, -1 };

  g_array_append_val (points, first);
  g_assert_true (tf_bp_route (&from, &to, &from, 1, MARGIN, points));
  g_assert_cmpuint (points->len, ==, 4);
  assert_point (points, 0, -1, -1);
  assert_point (points, 1, 100, 25);
}

/* Pairs of inner segments of different routes, not from or into the same
 * port, that run along the same line over a common stretch. */
static guint
count_shared (GPtrArray *routes)
{
  guint shared = 0;

  for (guint a = 0; a < routes->len; a++)
    for (guint b = a + 1; b < routes->len; b++)
      {
        GArray *ra = g_ptr_array_index (routes, a), *rb = g_ptr_array_index (routes, b);
        const TfBpPoint *p = (const TfBpPoint *) (const void *) ra->data;
        const TfBpPoint *q = (const TfBpPoint *) (const void *) rb->data;

        if ((fabs (p[0].x - q[0].x) < EPS && fabs (p[0].y - q[0].y) < EPS) ||
            (fabs (p[ra->len - 1].x - q[rb->len - 1].x) < EPS && fabs (p[ra->len - 1].y - q[rb->len - 1].y) < EPS))
          continue;
        for (guint i = 1; i + 2 < ra->len; i++)
          for (guint j = 1; j + 2 < rb->len; j++)
            {
              gboolean va = fabs (p[i].x - p[i + 1].x) < EPS, vb = fabs (q[j].x - q[j + 1].x) < EPS;
              double ca = va ? p[i].x : p[i].y, cb = vb ? q[j].x : q[j].y;
              double alo = va ? MIN (p[i].y, p[i + 1].y) : MIN (p[i].x, p[i + 1].x);
              double ahi = va ? MAX (p[i].y, p[i + 1].y) : MAX (p[i].x, p[i + 1].x);
              double blo = vb ? MIN (q[j].y, q[j + 1].y) : MIN (q[j].x, q[j + 1].x);
              double bhi = vb ? MAX (q[j].y, q[j + 1].y) : MAX (q[j].x, q[j + 1].x);

              if (va == vb && fabs (ca - cb) < EPS && MIN (ahi, bhi) - MAX (alo, blo) > EPS)
                shared++;
            }
      }
  return shared;
}

static void
test_spread (void)
{
  guint before_total = 0, after_total = 0;

  /* Hand case: two arrows down the same gutter, from different cards to
   * different cards, end on two tracks 6 apart, each side of the middle. */
  {
    TfRect cards[] = {
      TF_RECT_INIT (264, 184, 232, 96), TF_RECT_INIT (264, 304, 232, 96),
      TF_RECT_INIT (544, 664, 232, 96), TF_RECT_INIT (544, 784, 232, 96),
      TF_RECT_INIT (544, 184, 232, 300), TF_RECT_INIT (264, 424, 232, 500),
    };
    g_autoptr(GPtrArray) routes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
    double xs[2];

    g_ptr_array_add (routes, route (&cards[0], &cards[2], cards, G_N_ELEMENTS (cards), TRUE));
    g_ptr_array_add (routes, route (&cards[1], &cards[3], cards, G_N_ELEMENTS (cards), TRUE));
    g_assert_cmpuint (count_shared (routes), >, 0);
    tf_bp_routes_spread (routes, cards, G_N_ELEMENTS (cards), MARGIN, 6);
    g_assert_cmpuint (count_shared (routes), ==, 0);
    for (guint r = 0; r < 2; r++)
      {
        GArray *points = g_ptr_array_index (routes, r);

        assert_route_clear (points, &cards[r], &cards[r + 2], cards, G_N_ELEMENTS (cards), MARGIN / 2, "spread");
        g_assert_cmpuint (points->len, ==, 4);
        xs[r] = g_array_index (points, TfBpPoint, 1).x;
      }
    g_assert_cmpfloat_with_epsilon (fabs (xs[0] - xs[1]), 6, EPS);
    g_assert_cmpfloat_with_epsilon ((xs[0] + xs[1]) / 2, 520, EPS);
  }

  /* Generated: every route still holds, with half the margin, and fewer
   * routes share a line. */
  for (guint32 seed = 100; seed < 120; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      int n_cols = g_rand_int_range (rand, 5, 16), n_lanes = g_rand_int_range (rand, 5, 9);
      g_autoptr(GArray) cards = generate_cards (rand, n_cols, n_lanes, 3);
      g_autofree TfRect *rects = rects_of (cards);
      g_autoptr(GPtrArray) routes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));

      if (cards->len < 2)
        continue;
      for (int k = 0; k < 40; k++)
        {
          guint a = g_rand_int_range (rand, 0, cards->len), b = g_rand_int_range (rand, 0, cards->len);

          g_ptr_array_add (routes, route (&rects[a], &rects[b], rects, cards->len, TRUE));
          g_array_append_val (ends, a);
          g_array_append_val (ends, b);
        }
      before_total += count_shared (routes);
      tf_bp_routes_spread (routes, rects, cards->len, MARGIN, 6);
      after_total += count_shared (routes);
      for (guint r = 0; r < routes->len; r++)
        assert_route_clear (g_ptr_array_index (routes, r), &rects[g_array_index (ends, guint, 2 * r)],
                            &rects[g_array_index (ends, guint, 2 * r + 1)], rects, cards->len, MARGIN / 2,
                            "spread generated");
    }
  g_test_message ("lines shared by two routes: %u before spreading, %u after", before_total, after_total);
  g_assert_cmpuint (after_total, <, before_total / 4);
}

/* Not a timed test (transfo-bench measures): what 100 arrows over a 30 × 8
 * blueprint of 600 cards cost here, for the log. */
static void
test_cost (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);
  g_autoptr(GArray) cards = g_array_new (FALSE, FALSE, sizeof (Card));
  g_autofree TfRect *rects = NULL;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (TfBpPoint));
  struct timespec t0, t1;
  guint found = 0;

  while (cards->len != 600)
    {
      g_array_unref (cards);
      cards = generate_cards (rand, 30, 8, 5);
    }
  rects = rects_of (cards);
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t0);
  for (int k = 0; k < 100; k++)
    {
      guint a = g_rand_int_range (rand, 0, 600), b = g_rand_int_range (rand, 0, 600);

      g_array_set_size (points, 0);
      found += tf_bp_route (&rects[a], &rects[b], rects, 600, MARGIN, points);
      assert_route (points, &rects[a], &rects[b], rects, 600, "cost");
    }
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t1);
  g_test_message ("100 arrows between random cards of 600 (30 × 8), with the checks: %.2f ms of CPU",
                  (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
  g_assert_cmpuint (found, ==, 100);
}

/* --- The arrow kind ------------------------------------------------------ */

static TfItem *
make (gint64      id,
      const char *kind,
      TfRect      bounds,
      const char *payload)
{
  TfItem *item = tf_item_new (id, kind);

  item->bounds = bounds;
  item->z = (int) id;
  tf_item_set_payload (item, payload);
  tf_item_changed (item);
  return item;
}

static const TfBpPoint arrow_route[] = { { 100, 50 }, { 150, 50 }, { 150, 250 }, { 200, 250 } };

static char *
arrow_payload (gint64      from,
               gint64      to,
               gboolean    two_way,
               gboolean    loop,
               const char *label)
{
  g_autofree char *base = g_strdup_printf ("{\"from\": %" G_GINT64_FORMAT ", \"to\": %" G_GINT64_FORMAT
                                           ", \"two_way\": %s, \"loop\": %s, \"label\": \"%s\", \"keep\": 7}",
                                           from, to, two_way ? "true" : "false", loop ? "true" : "false", label);

  return tf_bp_arrow_payload_set_route (base, arrow_route, G_N_ELEMENTS (arrow_route));
}

static void
test_kind_behaviour (void)
{
  g_autofree char *payload = arrow_payload (11, 22, FALSE, FALSE, "");
  g_autoptr(TfItem) arrow = make (5, TF_BP_ARROW_KIND, TF_RECT_INIT (0, 0, 1, 1), payload);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *remapped = NULL;
  g_autofree char *dropped = NULL;
  GArray *stored;
  TfRect bounds;
  gint64 k, v;

  g_assert_true (arrow->kind == &tf_bp_arrow_kind);
  g_assert_true (tf_item_has_role (arrow, TF_ITEM_ROLE_CONNECTOR));
  g_assert_cmpint (tf_item_pick_rank (arrow), ==, TF_ITEM_PICK_LINK);
  g_assert_cmpuint (tf_item_handles (arrow), ==, TF_ITEM_HANDLES_NONE);
  g_assert_cmpint (tf_bp_arrow_kind.layer, ==, TF_LAYER_LINKS);

  /* The route as stored. */
  stored = tf_bp_arrow_item_route (arrow);
  g_assert_nonnull (stored);
  g_assert_cmpuint (stored->len, ==, 4);
  assert_point (stored, 2, 150, 250);

  /* Distance: to the polyline, not to the rectangle. */
  g_assert_cmpfloat_with_epsilon (tf_item_distance (arrow, NULL, 120, 50), 0, EPS);
  g_assert_cmpfloat_with_epsilon (tf_item_distance (arrow, NULL, 150, 150), 0, EPS);
  g_assert_cmpfloat_with_epsilon (tf_item_distance (arrow, NULL, 160, 150), 10, EPS);
  g_assert_cmpfloat_with_epsilon (tf_item_distance (arrow, NULL, 100, 250), 50, EPS);
  g_assert_cmpfloat_with_epsilon (tf_item_distance (arrow, NULL, 230, 254), 30 * sqrt (1 + 16.0 / 900), 1e-6);

  /* References and requirements: its two cards. */
  tf_item_references (arrow, ids);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 11);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 22);
  g_array_set_size (ids, 0);
  arrow->kind->required (arrow, ids);
  g_assert_cmpuint (ids->len, ==, 2);

  /* Remapped (a copy): both ends to their copies, the rest kept. */
  k = 11, v = 111;
  g_hash_table_insert (map, g_memdup2 (&k, sizeof k), g_memdup2 (&v, sizeof v));
  dropped = tf_item_remap_payload (arrow, map);
  g_assert_null (dropped);   /* the end 22 is missing: no arrow */
  k = 22, v = 222;
  g_hash_table_insert (map, g_memdup2 (&k, sizeof k), g_memdup2 (&v, sizeof v));
  remapped = tf_item_remap_payload (arrow, map);
  g_assert_nonnull (remapped);
  {
    g_autoptr(TfItem) copy = make (6, TF_BP_ARROW_KIND, TF_RECT_INIT (0, 0, 1, 1), remapped);

    g_array_set_size (ids, 0);
    tf_item_references (copy, ids);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 111);
    g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 222);
    g_assert_nonnull (strstr (remapped, "\"keep\":7"));
    g_assert_nonnull (tf_bp_arrow_item_route (copy));
  }

  /* Bounds follow the route, with room for the heads; more for a label. */
  g_assert_true (tf_item_derive_bounds (arrow, NULL, &bounds));
  g_assert_cmpfloat (bounds.x, <, 100);
  g_assert_cmpfloat (bounds.x + bounds.width, >, 200);
  g_assert_cmpfloat (bounds.y, <, 50);
  g_assert_cmpfloat (bounds.y + bounds.height, >, 250);
  {
    TfRect plain = tf_bp_arrow_route_bounds (arrow_route, G_N_ELEMENTS (arrow_route), NULL);
    TfRect labelled = tf_bp_arrow_route_bounds (arrow_route, G_N_ELEMENTS (arrow_route), "Relance");

    g_assert_cmpfloat (labelled.width, >, plain.width);
    /* The label may sit anywhere along the route: 90 each side of it. */
    g_assert_cmpfloat (labelled.x, <=, 100 - 90);
    g_assert_cmpfloat (labelled.x + labelled.width, >=, 200 + 90);
    g_assert_cmpfloat (labelled.y, <=, plain.y);
    g_assert_cmpfloat (labelled.y + labelled.height, >=, plain.y + plain.height);
  }
}

static void
test_kind_payload (void)
{
  /* Setting the route keeps every other key; a broken route is none. */
  g_autofree char *set = tf_bp_arrow_payload_set_route ("{\"from\":1,\"to\":2,\"x\":{\"y\":[1]},\"route\":[0,0]}",
                                                        arrow_route, 2);
  g_autofree char *fresh = tf_bp_arrow_payload_set_route (NULL, arrow_route, 2);
  g_autoptr(TfItem) oblique = make (7, TF_BP_ARROW_KIND, TF_RECT_INIT (0, 0, 1, 1),
                                    "{\"from\":1,\"to\":2,\"route\":[0,0,10,10]}");
  g_autoptr(TfItem) odd = make (8, TF_BP_ARROW_KIND, TF_RECT_INIT (0, 0, 1, 1),
                                "{\"from\":1,\"to\":2,\"route\":[0,0,10]}");
  g_autoptr(TfItem) text = make (9, TF_BP_ARROW_KIND, TF_RECT_INIT (0, 0, 1, 1),
                                 "{\"from\":1,\"to\":2,\"route\":[\"0\",0,10,0]}");
  g_autoptr(TfItem) off = make (10, TF_BP_ARROW_KIND, TF_RECT_INIT (0, 0, 1, 1),
                                "{\"from\":1,\"to\":2,\"route\":[],\"off\":true}");

  g_assert_cmpstr (set, ==, "{\"from\":1,\"to\":2,\"x\":{\"y\":[1]},\"route\":[100.0,50.0,150.0,50.0]}");
  g_assert_cmpstr (fresh, ==, "{\"route\":[100.0,50.0,150.0,50.0]}");
  /* Off the board with an end in a hidden lane. */
  g_assert_true (tf_bp_arrow_kind.is_hidden (off));
  g_assert_false (tf_bp_arrow_kind.is_hidden (oblique));
  g_assert_null (tf_bp_arrow_item_route (oblique));
  g_assert_null (tf_bp_arrow_item_route (odd));
  g_assert_null (tf_bp_arrow_item_route (text));
  /* Without a route and without a scene: nowhere to be picked. */
  g_assert_cmpfloat (tf_item_distance (oblique, NULL, 0, 0), ==, G_MAXDOUBLE);
}

/* A route of more points than any settle makes is none: the arrow is drawn
 * straight between its cards, and no frame walks thousands of bends. */
static void
test_route_cap (void)
{
  for (guint n = 511; n <= 513; n++)
    {
      GString *payload = g_string_new ("{\"from\":1,\"to\":2,\"route\":[");
      g_autofree char *json = NULL;
      g_autoptr(TfItem) item = NULL;

      /* A staircase: orthogonal, every point on the board. */
      for (guint i = 0; i < n; i++)
        g_string_append_printf (payload, "%s%u,%u", i > 0 ? "," : "", (i + 1) / 2 * 10, i / 2 * 10);
      g_string_append (payload, "]}");
      json = g_string_free (payload, FALSE);
      item = make (11, TF_BP_ARROW_KIND, TF_RECT_INIT (0, 0, 1, 1), json);
      if (n <= 512)
        g_assert_nonnull (tf_bp_arrow_item_route (item));
      else
        g_assert_null (tf_bp_arrow_item_route (item));
    }
}

static cairo_surface_t *
render (TfScene *scene)
{
  g_autoptr(TfRenderer) renderer = tf_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700, 400);
  cairo_t *cr = cairo_create (surface);
  TfViewport vp = { 0, 0, 1.0, 700, 400 };

  tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_DEFAULT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static int
alpha_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint32 *row = (const guint32 *) (const void *) (cairo_image_surface_get_data (surface) +
                                                         y * cairo_image_surface_get_stride (surface));

  return row[x] >> 24;
}

static void
test_kind_draw (void)
{
  g_autoptr(TfScene) scene = tf_scene_new ();
  g_autofree char *plain = arrow_payload (1, 2, FALSE, FALSE, "");
  g_autofree char *looped = arrow_payload (1, 2, TRUE, TRUE, "");
  cairo_surface_t *surface;
  TfItem *arrow;
  int dark = 0, clear = 0;

  /* Two cards and an arrow between them along the stored route. */
  tf_scene_add (scene, make (1, TF_BP_CARD_KIND, TF_RECT_INIT (0, 0, 100, 100), "{}"));
  tf_scene_add (scene, make (2, TF_BP_CARD_KIND, TF_RECT_INIT (200, 200, 100, 100), "{}"));
  arrow = make (3, TF_BP_ARROW_KIND, tf_bp_arrow_route_bounds (arrow_route, G_N_ELEMENTS (arrow_route), NULL), plain);
  tf_scene_add (scene, arrow);

  surface = render (scene);
  /* On the vertical segment: a solid dark line; beside it, nothing. */
  for (int y = 80; y < 220; y++)
    {
      guint32 rgb = tf_test_pixel (surface, 150, y);

      g_assert_cmpint (alpha_at (surface, 150, y), >, 200);
      g_assert_cmpuint ((rgb >> 16) & 0xff, <, 0x80);
    }
  g_assert_cmpint (alpha_at (surface, 160, 150), ==, 0);
  g_assert_cmpint (alpha_at (surface, 120, 150), ==, 0);
  /* The head at the target, filled: wider than the line just before it. */
  g_assert_cmpint (alpha_at (surface, 192, 247), >, 100);
  g_assert_cmpint (alpha_at (surface, 192, 252), >, 100);
  /* No head at the source of a one-way arrow. */
  g_assert_cmpint (alpha_at (surface, 108, 47), ==, 0);
  cairo_surface_destroy (surface);

  /* A two-way loop: dashed, a head at each end. */
  tf_item_set_payload (arrow, looped);
  tf_item_changed (arrow);
  tf_scene_item_changed (scene, arrow);
  surface = render (scene);
  for (int y = 80; y < 220; y++)
    {
      if (alpha_at (surface, 150, y) > 200)
        dark++;
      else if (alpha_at (surface, 150, y) == 0)
        clear++;
    }
  g_assert_cmpint (dark, >, 30);
  g_assert_cmpint (clear, >, 20);
  g_assert_cmpint (alpha_at (surface, 108, 47), >, 100);
  cairo_surface_destroy (surface);

  /* Not settled yet (no route): drawn along a route between its cards;
   * settled with no route (an end in a hidden lane): nothing. */
  {
    g_autoptr(TfItem) fresh = make (4, TF_BP_ARROW_KIND, TF_RECT_INIT (0, 0, 1, 1), "{\"from\":1,\"to\":2}");
    g_autoptr(TfItem) empty = make (5, TF_BP_ARROW_KIND, TF_RECT_INIT (0, 0, 1, 1),
                                    "{\"from\":1,\"to\":2,\"route\":[]}");
    g_autoptr(TfItem) broken = make (6, TF_BP_ARROW_KIND, TF_RECT_INIT (0, 0, 1, 1),
                                     "{\"from\":1,\"to\":2,\"route\":[0,0,10,10]}");

    g_assert_null (tf_bp_arrow_item_route (fresh));
    g_assert_cmpfloat (tf_item_distance (fresh, scene, 100, 50), <, 1e-6);
    g_assert_cmpfloat (tf_item_distance (fresh, scene, 250, 200), <, 1e-6);
    g_assert_cmpfloat (tf_item_distance (empty, scene, 100, 50), ==, G_MAXDOUBLE);
    g_assert_cmpfloat (tf_item_distance (broken, scene, 100, 50), <, 1e-6);
  }

  /* A label: on the longest segment's middle, on a patch of paper; slid
   * along the route when a card would hide it there. */
  {
    g_autofree char *labelled = arrow_payload (1, 2, FALSE, FALSE, "Relance");
    TfItem *blocker;

    tf_item_set_payload (arrow, labelled);
    tf_item_changed (arrow);
    tf_scene_item_changed (scene, arrow);
    surface = render (scene);
    g_assert_cmpint (alpha_at (surface, 135, 150), >, 200);
    g_assert_cmpint (alpha_at (surface, 135, 110), ==, 0);
    cairo_surface_destroy (surface);

    blocker = make (9, TF_BP_CARD_KIND, TF_RECT_INIT (160, 120, 100, 60), "{}");
    tf_scene_add (scene, blocker);
    surface = render (scene);
    g_assert_cmpint (alpha_at (surface, 135, 150), ==, 0);
    g_assert_cmpint (alpha_at (surface, 135, 110), >, 200);
    cairo_surface_destroy (surface);
    g_assert_true (tf_scene_remove (scene, 9));
  }

  /* An end gone from the board: the arrow is not drawn. */
  g_assert_true (tf_scene_remove (scene, 2));
  surface = render (scene);
  g_assert_cmpint (alpha_at (surface, 150, 150), ==, 0);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/blueprint-route/generated", test_generated);
  g_test_add_func ("/blueprint-route/straight", test_straight);
  g_test_add_func ("/blueprint-route/one-bend", test_one_bend);
  g_test_add_func ("/blueprint-route/around", test_around);
  g_test_add_func ("/blueprint-route/loops", test_loops);
  g_test_add_func ("/blueprint-route/branches", test_branches);
  g_test_add_func ("/blueprint-route/enclosed", test_enclosed);
  g_test_add_func ("/blueprint-route/hostile", test_hostile);
  g_test_add_func ("/blueprint-route/appends", test_appends);
  g_test_add_func ("/blueprint-route/spread", test_spread);
  g_test_add_func ("/blueprint-route/cost", test_cost);
  g_test_add_func ("/blueprint-route/kind-behaviour", test_kind_behaviour);
  g_test_add_func ("/blueprint-route/kind-payload", test_kind_payload);
  g_test_add_func ("/blueprint-route/route-cap", test_route_cap);
  g_test_add_func ("/blueprint-route/kind-draw", test_kind_draw);
  return g_test_run ();
}
