/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-layout"

#include <math.h>

#include "tf-layout.h"

static TfRect
union_of (const TfRect *rects,
          guint         n)
{
  TfRect all = { 0 };

  for (guint i = 0; i < n; i++)
    all = tf_rect_union (&all, &rects[i]);
  return all;
}

typedef struct {
  guint  index;
  double key;
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  const Keyed *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return (int) x->index - (int) y->index;
}

void
tf_layout_align (TfRect  *rects,
                 guint    n,
                 TfAlign  how)
{
  TfRect all;

  if (n < 2)
    return;
  all = union_of (rects, n);

  if (how == TF_DISTRIBUTE_HORIZONTAL || how == TF_DISTRIBUTE_VERTICAL)
    {
      gboolean horizontal = how == TF_DISTRIBUTE_HORIZONTAL;
      g_autofree Keyed *order = g_new (Keyed, n);
      double total = 0, span, gap, at;

      if (n < 3)
        return;
      for (guint i = 0; i < n; i++)
        {
          order[i].index = i;
          order[i].key = horizontal ? rects[i].x + rects[i].width / 2 : rects[i].y + rects[i].height / 2;
          total += horizontal ? rects[i].width : rects[i].height;
        }
      qsort (order, n, sizeof (Keyed), compare_keyed);
      span = horizontal ? all.width : all.height;
      gap = (span - total) / (n - 1);
      at = horizontal ? all.x : all.y;
      for (guint k = 0; k < n; k++)
        {
          TfRect *r = &rects[order[k].index];

          if (horizontal)
            {
              r->x = at;
              at += r->width + gap;
            }
          else
            {
              r->y = at;
              at += r->height + gap;
            }
        }
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      TfRect *r = &rects[i];

      switch (how)
        {
        case TF_ALIGN_LEFT:   r->x = all.x; break;
        case TF_ALIGN_CENTER: r->x = all.x + all.width / 2 - r->width / 2; break;
        case TF_ALIGN_RIGHT:  r->x = all.x + all.width - r->width; break;
        case TF_ALIGN_TOP:    r->y = all.y; break;
        case TF_ALIGN_MIDDLE: r->y = all.y + all.height / 2 - r->height / 2; break;
        case TF_ALIGN_BOTTOM: r->y = all.y + all.height - r->height; break;
        case TF_DISTRIBUTE_HORIZONTAL:
        case TF_DISTRIBUTE_VERTICAL:
        default:
          break;
        }
    }
}

/* Reading order: rows first (items whose tops are within half a height of
 * each other share a row), then left to right. */
static void
reading_order (const TfRect *rects,
               guint         first,
               guint         n,
               Keyed        *order)
{
  double row_height = 0;

  for (guint i = 0; i < n; i++)
    row_height = MAX (row_height, rects[first + i].height);
  row_height = MAX (row_height, 1.0);

  for (guint i = 0; i < n; i++)
    {
      const TfRect *r = &rects[first + i];

      order[i].index = first + i;
      order[i].key = floor ((r->y + row_height / 2) / row_height) * 1e7 + r->x;
    }
  qsort (order, n, sizeof (Keyed), compare_keyed);
}

void
tf_layout_tidy_zone (TfRect *rects,
                     guint   n)
{
  TfRect *zone;
  g_autofree Keyed *order = NULL;
  double cell_w = 0, cell_h = 0, inner;
  guint notes, cols, rows;

  if (n == 0)
    return;
  zone = &rects[0];
  notes = n - 1;
  if (notes == 0)
    return;

  for (guint i = 1; i < n; i++)
    {
      cell_w = MAX (cell_w, rects[i].width);
      cell_h = MAX (cell_h, rects[i].height);
    }
  cell_w += TF_LAYOUT_GAP;
  cell_h += TF_LAYOUT_GAP;

  /* As many columns as the zone holds, or a square-ish grid if it is narrower. */
  inner = zone->width - 2 * TF_LAYOUT_ZONE_PADDING + TF_LAYOUT_GAP;
  cols = (guint) MAX (1.0, floor (inner / cell_w));
  if (cols * cols < notes && cols < (guint) ceil (sqrt (notes)))
    cols = (guint) ceil (sqrt (notes));
  cols = MIN (cols, notes);
  rows = (notes + cols - 1) / cols;

  order = g_new (Keyed, notes);
  reading_order (rects, 1, notes, order);
  for (guint k = 0; k < notes; k++)
    {
      TfRect *r = &rects[order[k].index];

      r->x = zone->x + TF_LAYOUT_ZONE_PADDING + (k % cols) * cell_w;
      r->y = zone->y + TF_LAYOUT_ZONE_TITLE + (k / cols) * cell_h;
    }

  zone->width = MAX (zone->width, 2 * TF_LAYOUT_ZONE_PADDING + cols * cell_w - TF_LAYOUT_GAP);
  zone->height = MAX (zone->height, TF_LAYOUT_ZONE_TITLE + rows * cell_h - TF_LAYOUT_GAP + TF_LAYOUT_ZONE_PADDING);
}

/* A cluster (a zone): its members are its children. */
static gboolean
is_zone (const TfItem *item)
{
  return tf_item_has_role (item, TF_ITEM_ROLE_CLUSTER);
}

typedef struct {
  GArray *ids;    /* the zone first, then its members */
  GArray *rects;
} Group;

static void
group_free (gpointer data)
{
  Group *group = data;

  g_array_unref (group->ids);
  g_array_unref (group->rects);
  g_free (group);
}

static void
translate_group (Group  *group,
                 double  dx,
                 double  dy)
{
  for (guint i = 0; i < group->rects->len; i++)
    {
      TfRect *r = &g_array_index (group->rects, TfRect, i);
      r->x += dx;
      r->y += dy;
    }
}

void
tf_layout_arrange_all (TfScene *scene,
                       GArray  *ids,
                       GArray  *rects)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GHashTable) zone_groups = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) loose_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) loose_rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
  GPtrArray *items = tf_scene_get_items (scene);
  TfRect extents = tf_scene_get_extents (scene);
  double x, y, row_height = 0, max_width, origin_x, origin_y;
  double total_area = 0;

  /* Zones, each with its members. */
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (item->hidden || !is_zone (item))
        continue;
      Group *group = g_new0 (Group, 1);
      group->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      group->rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
      g_array_append_val (group->ids, item->id);
      g_array_append_val (group->rects, item->bounds);
      g_ptr_array_add (groups, group);
      g_hash_table_insert (zone_groups, &item->id, group);
    }
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      Group *group;

      if (item->hidden || is_zone (item))
        continue;
      group = item->parent_id ? g_hash_table_lookup (zone_groups, &item->parent_id) : NULL;
      if (group != NULL)
        {
          g_array_append_val (group->ids, item->id);
          g_array_append_val (group->rects, item->bounds);
        }
      else
        {
          g_array_append_val (loose_ids, item->id);
          g_array_append_val (loose_rects, item->bounds);
        }
    }

  /* Tidy each zone in place, and sort zones in reading order. */
  {
    g_autofree Keyed *order = g_new (Keyed, MAX (groups->len, 1));
    g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

    for (guint g = 0; g < groups->len; g++)
      {
        Group *group = g_ptr_array_index (groups, g);
        TfRect *zone = &g_array_index (group->rects, TfRect, 0);

        tf_layout_tidy_zone ((TfRect *) group->rects->data, group->rects->len);
        total_area += zone->width * zone->height;
        order[g].index = g;
        order[g].key = zone->y * 1e3 + zone->x;
      }
    qsort (order, groups->len, sizeof (Keyed), compare_keyed);
    for (guint g = 0; g < groups->len; g++)
      g_ptr_array_add (sorted, g_ptr_array_index (groups, order[g].index));

    /* Shelves of zones, about as wide as they are tall altogether. */
    origin_x = tf_rect_is_empty (&extents) ? 0 : extents.x;
    origin_y = tf_rect_is_empty (&extents) ? 0 : extents.y;
    max_width = MAX (sqrt (total_area) * 1.6, 0);
    x = origin_x;
    y = origin_y;
    for (guint g = 0; g < sorted->len; g++)
      {
        Group *group = g_ptr_array_index (sorted, g);
        TfRect zone = g_array_index (group->rects, TfRect, 0);

        if (x > origin_x && x + zone.width - origin_x > max_width)
          {
            x = origin_x;
            y += row_height + TF_LAYOUT_GAP * 2;
            row_height = 0;
          }
        translate_group (group, x - zone.x, y - zone.y);
        x += zone.width + TF_LAYOUT_GAP * 2;
        row_height = MAX (row_height, zone.height);

        g_array_append_vals (ids, group->ids->data, group->ids->len);
        g_array_append_vals (rects, group->rects->data, group->rects->len);
      }
  }

  /* Loose notes below, in rows of ten, in reading order. */
  if (loose_ids->len > 0)
    {
      g_autofree Keyed *order = g_new (Keyed, loose_ids->len);
      double cell_w = 0, cell_h = 0;

      for (guint i = 0; i < loose_rects->len; i++)
        {
          cell_w = MAX (cell_w, g_array_index (loose_rects, TfRect, i).width);
          cell_h = MAX (cell_h, g_array_index (loose_rects, TfRect, i).height);
        }
      cell_w += TF_LAYOUT_GAP;
      cell_h += TF_LAYOUT_GAP;

      reading_order ((TfRect *) loose_rects->data, 0, loose_rects->len, order);
      y = groups->len > 0 ? y + row_height + TF_LAYOUT_GAP * 2 : origin_y;
      for (guint k = 0; k < loose_ids->len; k++)
        {
          TfRect r = g_array_index (loose_rects, TfRect, order[k].index);

          r.x = origin_x + (k % 10) * cell_w;
          r.y = y + (k / 10) * cell_h;
          g_array_append_val (ids, g_array_index (loose_ids, gint64, order[k].index));
          g_array_append_val (rects, r);
        }
    }
}

static gboolean
place_is_free (TfScene      *scene,
               const TfRect *place)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  TfRect grown = TF_RECT_INIT (place->x - TF_LAYOUT_GAP / 2, place->y - TF_LAYOUT_GAP / 2,
                               place->width + TF_LAYOUT_GAP, place->height + TF_LAYOUT_GAP);

  tf_scene_query (scene, &grown, found);
  for (guint i = 0; i < found->len; i++)
    if (!is_zone (g_ptr_array_index (found, i)))
      return FALSE;
  return TRUE;
}

TfRect
tf_layout_next_free_place (TfScene  *scene,
                           gboolean  has_point,
                           double    x,
                           double    y,
                           double    size)
{
  GPtrArray *items = tf_scene_get_items (scene);
  double step = size + TF_LAYOUT_GAP;
  TfRect place = TF_RECT_INIT (0, 0, size, size);
  const TfItem *last = NULL;
  double origin_x = 0;

  if (has_point)
    {
      place.x = x - size / 2;
      place.y = y - size / 2;
      origin_x = place.x;
    }
  else
    {
      /* After the last note in reading order. */
      for (guint i = 0; i < items->len; i++)
        {
          const TfItem *item = g_ptr_array_index (items, i);

          if (item->hidden || is_zone (item))
            continue;
          if (last == NULL ||
              item->bounds.y > last->bounds.y + last->bounds.height / 2 ||
              (fabs (item->bounds.y - last->bounds.y) <= last->bounds.height / 2 && item->bounds.x > last->bounds.x))
            last = item;
        }
      if (last != NULL)
        {
          TfRect all = tf_scene_get_extents (scene);

          place.x = last->bounds.x + last->bounds.width + TF_LAYOUT_GAP;
          place.y = last->bounds.y;
          origin_x = all.x;
          /* Keep rows to about ten notes before starting a new one. */
          if (place.x - origin_x > 10 * step)
            {
              place.x = origin_x;
              place.y = last->bounds.y + last->bounds.height + TF_LAYOUT_GAP;
            }
        }
    }

  for (guint tries = 0; tries < 10000; tries++)
    {
      if (place_is_free (scene, &place))
        return place;
      place.x += step;
      if (place.x - origin_x >= 10 * step)
        {
          place.x = origin_x;
          place.y += step;
        }
    }
  return place;
}

/* The three x (or y) lines of a rectangle: start, centre, end. */
static void
lines_of (const TfRect *r,
          gboolean      vertical,
          double        lines[3])
{
  double start = vertical ? r->y : r->x;
  double length = vertical ? r->height : r->width;

  lines[0] = start;
  lines[1] = start + length / 2;
  lines[2] = start + length;
}

TfSnap
tf_layout_snap (TfScene      *scene,
                const TfRect *moving,
                double        dx,
                double        dy,
                GHashTable   *ignore,
                double        threshold,
                double        grid)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  TfSnap snap = { dx, dy, NAN, NAN };
  TfRect moved = TF_RECT_INIT (moving->x + dx, moving->y + dy, moving->width, moving->height);
  /* Alignment guides come from what is around, as far as a screen reaches. */
  TfRect near = TF_RECT_INIT (moved.x - 1500, moved.y - 1000, moved.width + 3000, moved.height + 2000);
  double best[2] = { threshold + 1, threshold + 1 };

  tf_scene_query (scene, &near, found);

  for (guint i = 0; i < found->len; i++)
    {
      const TfItem *item = g_ptr_array_index (found, i);

      if (ignore != NULL && g_hash_table_contains (ignore, &item->id))
        continue;
      for (int axis = 0; axis < 2; axis++)
        {
          double mine[3], theirs[3];

          lines_of (&moved, axis == 1, mine);
          lines_of (&item->bounds, axis == 1, theirs);
          for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++)
              {
                double delta = theirs[b] - mine[a];

                if (fabs (delta) <= threshold && fabs (delta) < best[axis])
                  {
                    best[axis] = fabs (delta);
                    if (axis == 0)
                      {
                        snap.dx = dx + delta;
                        snap.guide_x = theirs[b];
                      }
                    else
                      {
                        snap.dy = dy + delta;
                        snap.guide_y = theirs[b];
                      }
                  }
              }
        }
    }

  if (grid > 0)
    {
      if (isnan (snap.guide_x))
        snap.dx = round ((moving->x + dx) / grid) * grid - moving->x;
      if (isnan (snap.guide_y))
        snap.dy = round ((moving->y + dy) / grid) * grid - moving->y;
    }
  return snap;
}
