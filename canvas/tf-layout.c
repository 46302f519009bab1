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
is_hidden (const TfItem *item)
{
  return item->hidden;
}

/* Whether nothing but items @passes lets through is within half a gap of
 * @place. */
static gboolean
place_is_free (TfScene      *scene,
               const TfRect *place,
               gboolean    (*passes) (const TfItem *item))
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  TfRect grown = TF_RECT_INIT (place->x - TF_LAYOUT_GAP / 2, place->y - TF_LAYOUT_GAP / 2,
                               place->width + TF_LAYOUT_GAP, place->height + TF_LAYOUT_GAP);

  tf_scene_query (scene, &grown, found);
  for (guint i = 0; i < found->len; i++)
    if (!passes (g_ptr_array_index (found, i)))
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
      if (place_is_free (scene, &place, is_zone))
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

TfRect
tf_layout_place_in_view (TfScene      *scene,
                         const TfRect *view,
                         double        size)
{
  double step = size + TF_LAYOUT_GAP;
  double x0 = view->x + TF_LAYOUT_GAP / 2, y0 = view->y + TF_LAYOUT_GAP / 2;
  guint columns = 1;
  TfRect place = TF_RECT_INIT (x0, y0, size, size);

  if (isfinite (view->width) && view->width - TF_LAYOUT_GAP / 2 >= step)
    columns = (guint) MIN (1000, floor ((view->width - TF_LAYOUT_GAP / 2) / step));
  /* The rows the user sees, then on below them in the same columns. */
  for (guint k = 0; k < 100000; k++)
    {
      place.x = x0 + (k % columns) * step;
      place.y = y0 + (k / columns) * step;
      /* Nothing shown there, a cluster's box included. */
      if (place_is_free (scene, &place, is_hidden))
        return place;
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

/* Layout commands that never hide an item under another. */

/* What counts: content (notes, labels, stamps) and clusters; links, pools
 * and legends are drawn from the others. */
static gboolean
takes_room (const TfItem *item)
{
  return !item->hidden &&
         (tf_item_has_role (item, TF_ITEM_ROLE_CONTENT) || is_zone (item));
}

typedef struct {
  const TfItem *item;
  TfRect        rect;   /* where the command puts it */
  guint         unit;   /* the block it moves with: a zone and its members */
  gboolean      settled;
} Planned;

/* Whether @a at @ra would hide or be hidden by @b at @rb. A cluster and its
 * own member inside it overlap by design. */
static gboolean
collides (const TfItem *a,
          const TfRect *ra,
          const TfItem *b,
          const TfRect *rb)
{
  /* A little air around notes, so that what slides does not touch. */
  const double margin = TF_LAYOUT_GAP / 4;
  TfRect grown = TF_RECT_INIT (ra->x - margin, ra->y - margin,
                               ra->width + 2 * margin, ra->height + 2 * margin);
  gboolean a_zone = is_zone (a), b_zone = is_zone (b);

  if (a == b || !tf_rect_intersects (&grown, rb))
    return FALSE;
  /* A member stays whole inside its cluster. */
  if (a_zone && !b_zone)
    return b->parent_id != a->id || !tf_rect_contains_rect (ra, rb);
  if (b_zone && !a_zone)
    return a->parent_id != b->id || !tf_rect_contains_rect (rb, ra);
  return TRUE;
}

static gboolean
unit_collides (TfScene    *scene,
               GArray     *plan,
               GHashTable *planned,
               guint       unit,
               double      dx,
               double      dy)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  for (guint i = 0; i < plan->len; i++)
    {
      const Planned *p = &g_array_index (plan, Planned, i);
      TfRect r;

      if (p->unit != unit)
        continue;
      r = TF_RECT_INIT (p->rect.x + dx, p->rect.y + dy, p->rect.width, p->rect.height);

      /* What stays where it is. */
      {
        TfRect probe = TF_RECT_INIT (r.x - TF_LAYOUT_GAP, r.y - TF_LAYOUT_GAP,
                                     r.width + 2 * TF_LAYOUT_GAP, r.height + 2 * TF_LAYOUT_GAP);

        g_ptr_array_set_size (found, 0);
        tf_scene_query (scene, &probe, found);
        for (guint k = 0; k < found->len; k++)
          {
            const TfItem *other = g_ptr_array_index (found, k);

            if (!takes_room (other) || g_hash_table_contains (planned, &other->id))
              continue;
            if (collides (p->item, &r, other, &other->bounds))
              return TRUE;
          }
      }
      /* What has already found its place. */
      for (guint k = 0; k < plan->len; k++)
        {
          const Planned *q = &g_array_index (plan, Planned, k);

          if (q->settled && q->unit != unit && collides (p->item, &r, q->item, &q->rect))
            return TRUE;
        }
    }
  return FALSE;
}

typedef struct {
  double dx;
  double dy;
  double distance;
} Offset;

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const Offset *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  /* Ties: below before above, right before left. */
  if (x->dy != y->dy)
    return x->dy > y->dy ? -1 : 1;
  return x->dx > y->dx ? -1 : (x->dx < y->dx ? 1 : 0);
}

/* Slides @unit to the nearest place where it hides nothing. */
static void
settle_unit (TfScene       *scene,
             GArray        *plan,
             GHashTable    *planned,
             guint          unit,
             TfRect        *bound,
             TfLayoutSlide  slide)
{
  const double step = TF_LAYOUT_GAP / 2;
  TfRect box = { 0 };
  double best_dx = 0, best_dy = 0;
  guint rings;
  gboolean found = FALSE;

  for (guint i = 0; i < plan->len; i++)
    {
      const Planned *p = &g_array_index (plan, Planned, i);

      if (p->unit == unit)
        box = tf_rect_union (&box, &p->rect);
    }
  /* Past every item, all is free: the search always ends. */
  rings = (guint) ceil ((MAX (bound->width, bound->height) + MAX (box.width, box.height)) / step) + 2;

  if (!unit_collides (scene, plan, planned, unit, 0, 0))
    found = TRUE;
  else if (slide != TF_LAYOUT_SLIDE_ANY)
    {
      for (guint k = 1; k <= rings && !found; k++)
        {
          double dx = slide == TF_LAYOUT_SLIDE_RIGHT ? k * step : 0;
          double dy = slide == TF_LAYOUT_SLIDE_DOWN ? k * step : 0;

          if (!unit_collides (scene, plan, planned, unit, dx, dy))
            {
              best_dx = dx;
              best_dy = dy;
              found = TRUE;
            }
        }
    }
  else
    {
      g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (Offset));

      for (int k = 1; k <= (int) rings && !found; k++)
        {
          g_array_set_size (ring, 0);
          for (int i = -k; i <= k; i++)
            for (int j = -k; j <= k; j++)
              {
                Offset o = { i * step, j * step, (double) i * i + (double) j * j };

                if (MAX (ABS (i), ABS (j)) == k)
                  g_array_append_val (ring, o);
              }
          g_array_sort (ring, compare_offsets);
          for (guint c = 0; c < ring->len && !found; c++)
            {
              const Offset *o = &g_array_index (ring, Offset, c);

              if (!unit_collides (scene, plan, planned, unit, o->dx, o->dy))
                {
                  best_dx = o->dx;
                  best_dy = o->dy;
                  found = TRUE;
                }
            }
        }
    }
  if (!found)
    {
      /* Cannot happen (past the bound all is free); stay put. */
      best_dx = best_dy = 0;
    }
  for (guint i = 0; i < plan->len; i++)
    {
      Planned *p = &g_array_index (plan, Planned, i);

      if (p->unit != unit)
        continue;
      p->rect.x += best_dx;
      p->rect.y += best_dy;
      p->settled = TRUE;
      /* Where the next ones must get past. */
      *bound = tf_rect_union (bound, &p->rect);
    }
}

void
tf_layout_clear_overlaps (TfScene       *scene,
                          GArray        *ids,
                          GArray        *rects,
                          TfLayoutSlide  slide)
{
  g_autoptr(GArray) plan = g_array_new (FALSE, FALSE, sizeof (Planned));
  g_autoptr(GHashTable) planned = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) zone_units = g_hash_table_new (g_int64_hash, g_int64_equal);
  TfRect bound = tf_scene_get_extents (scene);
  guint n_units = 0, first_intruder;

  g_return_if_fail (ids->len == rects->len);

  /* Zones first get their units, so that members join them. */
  for (guint i = 0; i < ids->len; i++)
    {
      const TfItem *item = tf_scene_lookup (scene, g_array_index (ids, gint64, i));

      if (item != NULL && takes_room (item) && is_zone (item) &&
          !g_hash_table_contains (zone_units, &item->id))
        g_hash_table_insert (zone_units, (gpointer) &item->id, GUINT_TO_POINTER (++n_units));
    }
  for (guint i = 0; i < ids->len; i++)
    {
      const TfItem *item = tf_scene_lookup (scene, g_array_index (ids, gint64, i));
      Planned p = { 0 };
      gpointer unit;

      if (item == NULL || !takes_room (item) || g_hash_table_contains (planned, &item->id))
        continue;
      p.item = item;
      p.rect = g_array_index (rects, TfRect, i);
      if (g_hash_table_lookup_extended (zone_units, &item->id, NULL, &unit) ||
          (item->parent_id != 0 &&
           g_hash_table_lookup_extended (zone_units, &item->parent_id, NULL, &unit)))
        p.unit = GPOINTER_TO_UINT (unit);
      else
        p.unit = ++n_units;
      g_array_append_val (plan, p);
      g_hash_table_add (planned, (gpointer) &item->id);
      bound = tf_rect_union (&bound, &p.rect);
    }

  /* Notes lying inside a moved cluster without being its members leave it. */
  first_intruder = plan->len;
  for (guint i = 0; i < first_intruder; i++)
    {
      g_autoptr(GPtrArray) found = g_ptr_array_new ();
      Planned zone = g_array_index (plan, Planned, i);

      if (!is_zone (zone.item))
        continue;
      tf_scene_query (scene, &zone.rect, found);
      for (guint k = 0; k < found->len; k++)
        {
          const TfItem *other = g_ptr_array_index (found, k);
          Planned p = { other, other->bounds, ++n_units, FALSE };

          if (!takes_room (other) || is_zone (other) || other->parent_id == zone.item->id ||
              g_hash_table_contains (planned, &other->id))
            continue;
          g_array_append_val (plan, p);
          g_hash_table_add (planned, (gpointer) &other->id);
        }
    }

  /* Each block in turn finds its place among what is settled. */
  for (guint i = 0; i < plan->len; i++)
    {
      const Planned *p = &g_array_index (plan, Planned, i);

      if (!p->settled)
        settle_unit (scene, plan, planned, p->unit, &bound,
                     i < first_intruder ? slide : TF_LAYOUT_SLIDE_ANY);
    }

  /* What is not a block (links, pools) keeps the command's bounds. */
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      for (guint k = 0; k < first_intruder; k++)
        if (g_array_index (plan, Planned, k).item->id == id)
          {
            g_array_index (rects, TfRect, i) = g_array_index (plan, Planned, k).rect;
            break;
          }
    }
  for (guint k = first_intruder; k < plan->len; k++)
    {
      const Planned *p = &g_array_index (plan, Planned, k);

      g_array_append_val (ids, p->item->id);
      g_array_append_val (rects, p->rect);
    }
}

/* A zone's visible members. */
static void
append_members (TfScene *scene,
                gint64   zone,
                GArray  *ids,
                GArray  *rects)
{
  GPtrArray *items = tf_scene_get_items (scene);

  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);

      if (item->parent_id == zone && !item->hidden)
        {
          g_array_append_val (ids, item->id);
          g_array_append_val (rects, item->bounds);
        }
    }
}

typedef struct {
  gint64 id;
  TfRect rect;
  double key;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->id < y->id ? -1 : (x->id > y->id ? 1 : 0);
}

void
tf_layout_align_items (TfScene      *scene,
                       const gint64 *selection,
                       guint         n,
                       TfAlign       how,
                       GArray       *ids,
                       GArray       *rects)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autoptr(GHashTable) selected = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree TfRect *aligned = NULL;
  gboolean horizontal = how == TF_ALIGN_TOP || how == TF_ALIGN_MIDDLE || how == TF_ALIGN_BOTTOM ||
                        how == TF_DISTRIBUTE_HORIZONTAL;

  for (guint i = 0; i < n; i++)
    g_hash_table_add (selected, (gpointer) &selection[i]);
  /* A selected cluster's members move with it, not on their own. */
  for (guint i = 0; i < n; i++)
    {
      const TfItem *item = tf_scene_lookup (scene, selection[i]);
      Placed p = { selection[i], { 0 }, 0 };

      if (item == NULL || (item->parent_id != 0 && g_hash_table_contains (selected, &item->parent_id)))
        continue;
      p.rect = item->bounds;
      g_array_append_val (placed, p);
    }
  aligned = g_new0 (TfRect, MAX (placed->len, 1));
  for (guint i = 0; i < placed->len; i++)
    aligned[i] = g_array_index (placed, Placed, i).rect;
  tf_layout_align (aligned, placed->len, how);

  /* Blocks slide along the line they were aligned on, in its order. */
  for (guint i = 0; i < placed->len; i++)
    {
      Placed *p = &g_array_index (placed, Placed, i);

      p->rect = aligned[i];
      p->key = horizontal ? aligned[i].x : aligned[i].y;
    }
  g_array_sort (placed, compare_placed);
  for (guint i = 0; i < placed->len; i++)
    {
      const Placed *p = &g_array_index (placed, Placed, i);
      const TfItem *item = tf_scene_lookup (scene, p->id);
      guint members = ids->len + 1;

      g_array_append_val (ids, p->id);
      g_array_append_val (rects, p->rect);
      if (!is_zone (item))
        continue;
      /* A cluster carries its members along. */
      append_members (scene, p->id, ids, rects);
      for (guint k = members; k < ids->len; k++)
        {
          TfRect *r = &g_array_index (rects, TfRect, k);

          r->x += p->rect.x - item->bounds.x;
          r->y += p->rect.y - item->bounds.y;
        }
    }
  tf_layout_clear_overlaps (scene, ids, rects,
                            horizontal ? TF_LAYOUT_SLIDE_RIGHT : TF_LAYOUT_SLIDE_DOWN);
}

void
tf_layout_tidy_zones (TfScene      *scene,
                      const gint64 *zones,
                      guint         n,
                      GArray       *ids,
                      GArray       *rects)
{
  for (guint z = 0; z < n; z++)
    {
      const TfItem *zone = tf_scene_lookup (scene, zones[z]);
      guint first = ids->len;

      if (zone == NULL)
        continue;
      g_array_append_val (ids, zone->id);
      g_array_append_val (rects, zone->bounds);
      append_members (scene, zone->id, ids, rects);
      tf_layout_tidy_zone (&g_array_index (rects, TfRect, first), rects->len - first);
    }
  tf_layout_clear_overlaps (scene, ids, rects, TF_LAYOUT_SLIDE_ANY);
}
