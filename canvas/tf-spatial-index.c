/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-spatial-index"

#include <math.h>
#include <string.h>

#include "tf-spatial-index.h"

/* An entry spanning more cells than this (or whose bounds are not finite)
 * is not filed in cells at all: it goes on a list every query reads. A
 * board item is never that large, but an index must not file one rectangle
 * in millions of cells whatever it is given. */
#define MAX_CELLS_PER_ENTRY 4096

/* Cell coordinates stay well within 32 bits, so that no computation on them
 * overflows. */
#define MAX_CELL_COORD ((double) (1 << 28))

typedef struct {
  gint64   id;
  TfRect   bounds;
  guint    stamp;  /* last query that reported it, to report it once */
  gboolean wide;   /* on the wide list, in no cell */
} Entry;

struct _TfSpatialIndex
{
  double      cell_size;
  GHashTable *entries;  /* gint64 id → Entry* */
  GHashTable *cells;    /* packed cell key → GPtrArray of Entry* */
  GPtrArray  *wide;     /* Entry*: too large or too far for cells */
  guint       stamp;
};

/* Cells are addressed by two signed 32-bit coordinates packed in a pointer-
 * sized key. */
static inline guint64
cell_key (gint32 cx,
          gint32 cy)
{
  return ((guint64) (guint32) cx << 32) | (guint32) cy;
}

static guint
key_hash (gconstpointer key)
{
  guint64 k = *(const guint64 *) key;
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  k ^= k >> 33;
  return (guint) k;
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  return *(const guint64 *) a == *(const guint64 *) b;
}

/* The cells @r covers, and their number; FALSE when the range cannot be
 * represented (bounds not finite or too far out). The conversions to
 * integers happen only on values known to fit. */
static gboolean
cell_range (TfSpatialIndex *self,
            const TfRect   *r,
            gint32         *x0,
            gint32         *y0,
            gint32         *x1,
            gint32         *y1,
            guint64        *n_cells)
{
  double fx0 = floor (r->x / self->cell_size);
  double fy0 = floor (r->y / self->cell_size);
  double fx1 = floor ((r->x + MAX (r->width, 0)) / self->cell_size);
  double fy1 = floor ((r->y + MAX (r->height, 0)) / self->cell_size);

  /* Also false for NaN. */
  if (!(fabs (fx0) <= MAX_CELL_COORD && fabs (fy0) <= MAX_CELL_COORD &&
        fabs (fx1) <= MAX_CELL_COORD && fabs (fy1) <= MAX_CELL_COORD))
    {
      *x0 = *y0 = *x1 = *y1 = 0;
      *n_cells = G_MAXUINT64;
      return FALSE;
    }
  *x0 = (gint32) fx0;
  *y0 = (gint32) fy0;
  *x1 = (gint32) fx1;
  *y1 = (gint32) fy1;
  *n_cells = (guint64) (*x1 - *x0 + 1) * (guint64) (*y1 - *y0 + 1);
  return TRUE;
}

static gboolean
is_wide (TfSpatialIndex *self,
         const TfRect   *r)
{
  gint32 x0, y0, x1, y1;
  guint64 n_cells;

  return !cell_range (self, r, &x0, &y0, &x1, &y1, &n_cells) || n_cells > MAX_CELLS_PER_ENTRY;
}

TfSpatialIndex *
tf_spatial_index_new (double cell_size)
{
  TfSpatialIndex *self = g_new0 (TfSpatialIndex, 1);

  g_return_val_if_fail (cell_size > 0, NULL);

  self->cell_size = cell_size;
  self->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  self->cells = g_hash_table_new_full (key_hash, key_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->wide = g_ptr_array_new ();
  return self;
}

void
tf_spatial_index_free (TfSpatialIndex *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->cells);
  g_hash_table_unref (self->entries);
  g_ptr_array_unref (self->wide);
  g_free (self);
}

guint
tf_spatial_index_get_size (TfSpatialIndex *self)
{
  return g_hash_table_size (self->entries);
}

static void
file_entry (TfSpatialIndex *self,
            Entry          *entry,
            gboolean        add)
{
  gint32 x0, y0, x1, y1;
  guint64 n_cells;

  if (add)
    entry->wide = is_wide (self, &entry->bounds);
  if (entry->wide)
    {
      if (add)
        g_ptr_array_add (self->wide, entry);
      else
        g_ptr_array_remove_fast (self->wide, entry);
      return;
    }

  cell_range (self, &entry->bounds, &x0, &y0, &x1, &y1, &n_cells);
  for (gint32 cy = y0; cy <= y1; cy++)
    for (gint32 cx = x0; cx <= x1; cx++)
      {
        guint64 key = cell_key (cx, cy);
        GPtrArray *cell = g_hash_table_lookup (self->cells, &key);

        if (add)
          {
            if (cell == NULL)
              {
                cell = g_ptr_array_new ();
                g_hash_table_insert (self->cells, g_memdup2 (&key, sizeof key), cell);
              }
            g_ptr_array_add (cell, entry);
          }
        else if (cell != NULL)
          {
            g_ptr_array_remove_fast (cell, entry);
            if (cell->len == 0)
              g_hash_table_remove (self->cells, &key);
          }
      }
}

void
tf_spatial_index_set (TfSpatialIndex *self,
                      gint64          id,
                      const TfRect   *bounds)
{
  Entry *entry = g_hash_table_lookup (self->entries, &id);

  if (entry != NULL)
    {
      gint32 a[4], b[4];
      guint64 na, nb;

      if (cell_range (self, &entry->bounds, &a[0], &a[1], &a[2], &a[3], &na) &&
          cell_range (self, bounds, &b[0], &b[1], &b[2], &b[3], &nb) &&
          !entry->wide && nb <= MAX_CELLS_PER_ENTRY && memcmp (a, b, sizeof a) == 0)
        {
          /* Moved within the same cells: nothing to refile. */
          entry->bounds = *bounds;
          return;
        }
      file_entry (self, entry, FALSE);
    }
  else
    {
      entry = g_new0 (Entry, 1);
      entry->id = id;
      g_hash_table_insert (self->entries, &entry->id, entry);
    }

  entry->bounds = *bounds;
  file_entry (self, entry, TRUE);
}

gboolean
tf_spatial_index_remove (TfSpatialIndex *self,
                         gint64          id)
{
  Entry *entry = g_hash_table_lookup (self->entries, &id);

  if (entry == NULL)
    return FALSE;
  file_entry (self, entry, FALSE);
  g_hash_table_remove (self->entries, &id);
  return TRUE;
}

gboolean
tf_spatial_index_lookup (TfSpatialIndex *self,
                         gint64          id,
                         TfRect         *bounds)
{
  Entry *entry = g_hash_table_lookup (self->entries, &id);

  if (entry == NULL)
    return FALSE;
  if (bounds)
    *bounds = entry->bounds;
  return TRUE;
}

void
tf_spatial_index_query (TfSpatialIndex *self,
                        const TfRect   *area,
                        GArray         *ids)
{
  gint32 x0, y0, x1, y1;
  guint64 n_cells;
  gboolean in_range;

  if (++self->stamp == 0)
    {
      /* The stamp wrapped: forget every entry's old stamp. */
      GHashTableIter iter;
      Entry *entry;

      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        entry->stamp = 0;
      self->stamp = 1;
    }

  in_range = cell_range (self, area, &x0, &y0, &x1, &y1, &n_cells);

  if (!in_range || n_cells > g_hash_table_size (self->cells))
    {
      /* A view wider than the board: walk the occupied cells instead. */
      GHashTableIter iter;
      Entry *entry;

      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        if (tf_rect_intersects (&entry->bounds, area) ||
            (tf_rect_is_empty (&entry->bounds) && tf_rect_contains_point (area, entry->bounds.x, entry->bounds.y)))
          g_array_append_val (ids, entry->id);
      return;
    }

  for (gint32 cy = y0; cy <= y1; cy++)
    for (gint32 cx = x0; cx <= x1; cx++)
      {
        guint64 key = cell_key (cx, cy);
        GPtrArray *cell = g_hash_table_lookup (self->cells, &key);

        if (cell == NULL)
          continue;
        for (guint i = 0; i < cell->len; i++)
          {
            Entry *entry = g_ptr_array_index (cell, i);

            if (entry->stamp == self->stamp)
              continue;
            entry->stamp = self->stamp;
            if (tf_rect_intersects (&entry->bounds, area) ||
                (tf_rect_is_empty (&entry->bounds) && tf_rect_contains_point (area, entry->bounds.x, entry->bounds.y)))
              g_array_append_val (ids, entry->id);
          }
      }

  for (guint i = 0; i < self->wide->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->wide, i);

      if (tf_rect_intersects (&entry->bounds, area) ||
          (tf_rect_is_empty (&entry->bounds) && tf_rect_contains_point (area, entry->bounds.x, entry->bounds.y)))
        g_array_append_val (ids, entry->id);
    }
}

TfRect
tf_spatial_index_get_extents (TfSpatialIndex *self)
{
  GHashTableIter iter;
  Entry *entry;
  TfRect extents = { 0 };

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    extents = tf_rect_union (&extents, &entry->bounds);
  return extents;
}
