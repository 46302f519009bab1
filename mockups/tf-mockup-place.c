/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mockups/tf-mockup-place.h"

#include <math.h>

typedef struct {
  double x, y, d;
  guint  order;
} Spot;

static int
spot_compare (gconstpointer a,
              gconstpointer b)
{
  const Spot *sa = a, *sb = b;

  if (sa->d != sb->d)
    return sa->d < sb->d ? -1 : 1;
  return sa->order < sb->order ? -1 : sa->order > sb->order;
}

static gboolean
spot_free (const TfRect *taken,
           guint         n_taken,
           double        x,
           double        y,
           double        width,
           double        height)
{
  TfRect r = TF_RECT_INIT (x - width / 2, y - height / 2, width, height);

  for (guint i = 0; i < n_taken; i++)
    if (tf_rect_intersects (&r, &taken[i]))
      return FALSE;
  return TRUE;
}

gboolean
tf_mockup_free_spot (const TfRect *area,
                     const TfRect *taken,
                     guint         n_taken,
                     double        width,
                     double        height,
                     double       *cx,
                     double       *cy)
{
  double mx = area->x + area->width / 2, my = area->y + area->height / 2;
  double step_x = width / 2, step_y = height / 2;
  g_autoptr(GArray) spots = NULL;
  int nx, ny;

  *cx = mx;
  *cy = my;
  if (spot_free (taken, n_taken, mx, my, width, height))
    return TRUE;
  if (!(width > 0) || !(height > 0) || width > area->width || height > area->height)
    return FALSE;
  /* Grid spots whose item stays inside the area, symmetric about its
   * centre; at most a few thousand. */
  nx = (int) floor ((area->width - width) / 2 / step_x);
  ny = (int) floor ((area->height - height) / 2 / step_y);
  nx = MIN (nx, 40);
  ny = MIN (ny, 40);
  spots = g_array_new (FALSE, FALSE, sizeof (Spot));
  for (int j = -ny; j <= ny; j++)
    for (int i = -nx; i <= nx; i++)
      {
        Spot s = { mx + i * step_x, my + j * step_y, 0, spots->len };

        /* Nearest first, in the item's own proportions: a wide label
         * tries above and below before far left and right. */
        s.d = hypot (i * step_x / width, j * step_y / height);
        g_array_append_val (spots, s);
      }
  g_array_sort (spots, spot_compare);
  for (guint k = 0; k < spots->len; k++)
    {
      const Spot *s = &g_array_index (spots, Spot, k);

      if (spot_free (taken, n_taken, s->x, s->y, width, height))
        {
          *cx = s->x;
          *cy = s->y;
          return TRUE;
        }
    }
  return FALSE;
}
