/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "canvas/tf-spatial-index.h"
#include "wings/tf-wings.h"

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* The index must answer exactly what a scan over every rectangle answers. */
static void
check_against_brute_force (TfSpatialIndex *index,
                           const TfRect   *rects,
                           const gboolean *alive,
                           guint           n,
                           const TfRect   *area)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));

  tf_spatial_index_query (index, area, found);
  for (guint i = 0; i < n; i++)
    if (alive[i] && tf_rect_intersects (&rects[i], area))
      {
        gint64 id = i;
        g_array_append_val (expected, id);
      }

  g_array_sort (found, compare_ids);
  g_assert_cmpuint (found->len, ==, expected->len);
  for (guint i = 0; i < found->len; i++)
    g_assert_cmpint (g_array_index (found, gint64, i), ==, g_array_index (expected, gint64, i));
}

static TfRect
random_rect (double spread)
{
  return TF_RECT_INIT (g_test_rand_double_range (-spread, spread),
                       g_test_rand_double_range (-spread, spread),
                       g_test_rand_double_range (1, 400),
                       g_test_rand_double_range (1, 400));
}

static void
test_query_matches_scan (void)
{
  const guint n = 2000;
  g_autoptr(TfSpatialIndex) index = tf_spatial_index_new (256);
  g_autofree TfRect *rects = g_new (TfRect, n);
  g_autofree gboolean *alive = g_new0 (gboolean, n);

  for (guint i = 0; i < n; i++)
    {
      rects[i] = random_rect (20000);
      alive[i] = TRUE;
      tf_spatial_index_set (index, i, &rects[i]);
    }
  g_assert_cmpuint (tf_spatial_index_get_size (index), ==, n);

  for (guint q = 0; q < 200; q++)
    {
      TfRect area = TF_RECT_INIT (g_test_rand_double_range (-20000, 20000),
                                  g_test_rand_double_range (-20000, 20000),
                                  g_test_rand_double_range (1, 3000),
                                  g_test_rand_double_range (1, 3000));
      check_against_brute_force (index, rects, alive, n, &area);
    }

  /* Move half, remove a quarter, and ask again. */
  for (guint i = 0; i < n; i += 2)
    {
      rects[i] = random_rect (20000);
      tf_spatial_index_set (index, i, &rects[i]);
    }
  for (guint i = 1; i < n; i += 4)
    {
      g_assert_true (tf_spatial_index_remove (index, i));
      alive[i] = FALSE;
    }
  g_assert_false (tf_spatial_index_remove (index, 1));
  for (guint q = 0; q < 200; q++)
    {
      TfRect area = random_rect (20000);
      area.width *= 5;
      area.height *= 5;
      check_against_brute_force (index, rects, alive, n, &area);
    }

  /* A view larger than the whole board. */
  {
    TfRect everything = TF_RECT_INIT (-1e7, -1e7, 2e7, 2e7);
    check_against_brute_force (index, rects, alive, n, &everything);
  }
}

static void
test_extents_and_lookup (void)
{
  g_autoptr(TfSpatialIndex) index = tf_spatial_index_new (512);
  TfRect r, extents;

  extents = tf_spatial_index_get_extents (index);
  g_assert_true (tf_rect_is_empty (&extents));

  tf_spatial_index_set (index, 7, &TF_RECT_INIT (-100, -50, 200, 200));
  tf_spatial_index_set (index, 8, &TF_RECT_INIT (1000, 2000, 76, 76));
  extents = tf_spatial_index_get_extents (index);
  g_assert_cmpfloat (extents.x, ==, -100);
  g_assert_cmpfloat (extents.y, ==, -50);
  g_assert_cmpfloat (extents.width, ==, 1176);
  g_assert_cmpfloat (extents.height, ==, 2126);

  g_assert_true (tf_spatial_index_lookup (index, 8, &r));
  g_assert_cmpfloat (r.x, ==, 1000);
  g_assert_false (tf_spatial_index_lookup (index, 9, NULL));

  /* Moving within the same cells keeps the new bounds. */
  tf_spatial_index_set (index, 8, &TF_RECT_INIT (1001, 2001, 76, 76));
  g_assert_true (tf_spatial_index_lookup (index, 8, &r));
  g_assert_cmpfloat (r.x, ==, 1001);
}

/* Bounds no board item has (an archive may hold anything): huge, far,
 * infinite, not a number. Filing them must cost no more than filing a
 * post-it, and queries still find what they meet. */
static void
test_hostile_bounds (void)
{
  const TfRect rects[] = {
    TF_RECT_INIT (0, 0, 200, 200),
    TF_RECT_INIT (0, 0, 1e7, 1e7),
    TF_RECT_INIT (1e308, 0, 200, 200),
    TF_RECT_INIT (-1e308, -1e308, 1e308, 1e308),
    TF_RECT_INIT (0, 0, INFINITY, 200),
    TF_RECT_INIT (NAN, 0, 200, 200),
    TF_RECT_INIT (0, NAN, NAN, NAN),
    TF_RECT_INIT (-1e7, 500, 2e7, 10),
    TF_RECT_INIT (5000, 5000, 200, 200),
  };
  const gboolean alive[G_N_ELEMENTS (rects)] = { TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE };
  const TfRect areas[] = {
    TF_RECT_INIT (-10, -10, 100, 100),
    TF_RECT_INIT (4000, 4000, 2000, 2000),
    TF_RECT_INIT (-1e9, -1e9, 2e9, 2e9),
    TF_RECT_INIT (1e308, 0, 1e308, 1e308),
    TF_RECT_INIT (NAN, NAN, 10, 10),
    TF_RECT_INIT (0, 0, INFINITY, INFINITY),
  };
  TfSpatialIndex *index = tf_spatial_index_new (256);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < G_N_ELEMENTS (rects); i++)
    tf_spatial_index_set (index, i, &rects[i]);
  for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
    check_against_brute_force (index, rects, alive, G_N_ELEMENTS (rects), &areas[i]);

  /* Back to a post-it's size, then away again, then gone. */
  tf_spatial_index_set (index, 1, &TF_RECT_INIT (300, 300, 200, 200));
  g_assert_true (tf_spatial_index_remove (index, 2));
  tf_spatial_index_set (index, 8, &TF_RECT_INIT (0, 0, 1e9, 1e9));
  {
    TfRect moved[G_N_ELEMENTS (rects)];
    gboolean left[G_N_ELEMENTS (rects)];

    memcpy (moved, rects, sizeof rects);
    memcpy (left, alive, sizeof alive);
    moved[1] = TF_RECT_INIT (300, 300, 200, 200);
    left[2] = FALSE;
    moved[8] = TF_RECT_INIT (0, 0, 1e9, 1e9);
    for (guint i = 0; i < G_N_ELEMENTS (areas); i++)
      check_against_brute_force (index, moved, left, G_N_ELEMENTS (rects), &areas[i]);
  }
  for (guint i = 0; i < G_N_ELEMENTS (rects); i++)
    tf_spatial_index_remove (index, i);
  g_assert_cmpuint (tf_spatial_index_get_size (index), ==, 0);
  tf_spatial_index_free (index);

  /* A post-it takes microseconds; a whole second means cells were walked. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/transfo/canvas/spatial-index/query", test_query_matches_scan);
  g_test_add_func ("/transfo/canvas/spatial-index/extents", test_extents_and_lookup);
  g_test_add_func ("/transfo/canvas/spatial-index/hostile-bounds", test_hostile_bounds);

  return g_test_run ();
}
