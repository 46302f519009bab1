/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "canvas/tf-spatial-index.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transfo/canvas/spatial-index/query", test_query_matches_scan);
  g_test_add_func ("/transfo/canvas/spatial-index/extents", test_extents_and_lookup);

  return g_test_run ();
}
