/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-scene"

#include <glib/gi18n.h>
#include <string.h>

#include "core/tf-content.h"
#include "core/tf-item-rows.h"
#include "core/tf-store-private.h"
#include "tf-scene.h"
#include "tf-spatial-index.h"

/* Post-its are about 200 units wide: a cell a bit larger than that files
 * most items in one to four cells. */
#define CELL_SIZE 256.0

struct _TfScene
{
  GObject         parent_instance;

  TfStore        *store;
  gint64          board_id;
  GHashTable     *items;      /* gint64 id → TfItem* (owned) */
  TfSpatialIndex *index;      /* visible items only */
  GPtrArray      *order;      /* every item in drawing order; rebuilt lazily */
  gboolean        order_dirty;
  TfRect          extents;    /* of the visible items; recomputed lazily */
  gboolean        extents_dirty;
  gboolean        has_neighbourly;  /* an item drawn after the ones near it (a pool's name) */
  guint           skipped[TF_CONTENT_N_PROBLEMS];  /* rows left out, by reason */
};

G_DEFINE_FINAL_TYPE (TfScene, tf_scene, G_TYPE_OBJECT)

enum {
  ITEMS_CHANGED,
  DAMAGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void on_store_changed (TfScene *self, GArray *changes, TfStore *store);

static void
tf_scene_dispose (GObject *object)
{
  TfScene *self = (TfScene *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tf_scene_parent_class)->dispose (object);
}

static void
tf_scene_finalize (GObject *object)
{
  TfScene *self = (TfScene *)object;

  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->index, tf_spatial_index_free);
  g_clear_pointer (&self->items, g_hash_table_unref);

  G_OBJECT_CLASS (tf_scene_parent_class)->finalize (object);
}

static void
tf_scene_class_init (TfSceneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tf_scene_dispose;
  object_class->finalize = tf_scene_finalize;

  signals[ITEMS_CHANGED] =
    g_signal_new ("items-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* "damaged" (const TfRect *area): an item was added, moved, changed or
   * removed; @area (board units) covers where it was and where it is. */
  signals[DAMAGED] =
    g_signal_new ("damaged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
tf_scene_init (TfScene *self)
{
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                       (GDestroyNotify) tf_item_free);
  self->index = tf_spatial_index_new (CELL_SIZE);
  self->order = g_ptr_array_new ();
  self->extents_dirty = TRUE;
}

TfScene *
tf_scene_new (void)
{
  return g_object_new (TF_TYPE_SCENE, NULL);
}

gint64
tf_scene_get_board_id (TfScene *self)
{
  g_return_val_if_fail (TF_IS_SCENE (self), 0);
  return self->board_id;
}

guint
tf_scene_get_n_items (TfScene *self)
{
  g_return_val_if_fail (TF_IS_SCENE (self), 0);
  return g_hash_table_size (self->items);
}

TfItem *
tf_scene_lookup (TfScene *self,
                 gint64   id)
{
  g_return_val_if_fail (TF_IS_SCENE (self), NULL);
  return g_hash_table_lookup (self->items, &id);
}

TfRect
tf_scene_get_extents (TfScene *self)
{
  g_return_val_if_fail (TF_IS_SCENE (self), (TfRect) { 0 });

  if (self->extents_dirty)
    {
      self->extents = tf_spatial_index_get_extents (self->index);
      self->extents_dirty = FALSE;
    }
  return self->extents;
}

/* Tells caches of drawings (tiles) which board area may now look different. */
static void
damage (TfScene      *self,
        gint64        id,
        const TfRect *bounds)
{
  TfRect old, area = bounds != NULL ? *bounds : TF_RECT_INIT (0, 0, 0, 0);
  gboolean any = bounds != NULL;

  if (tf_spatial_index_lookup (self->index, id, &old))
    {
      area = any ? tf_rect_union (&area, &old) : old;
      any = TRUE;
    }
  /* An item that draws where the items near it leave room (a pool's name)
   * may now look different too, wherever it draws. */
  if (any && self->has_neighbourly)
    {
      g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (gint64));
      TfRect probe = area;

      tf_spatial_index_query (self->index, &probe, near);
      for (guint i = 0; i < near->len; i++)
        {
          gint64 other = g_array_index (near, gint64, i);
          TfItem *item = other != id ? g_hash_table_lookup (self->items, &other) : NULL;
          TfRect ink;

          if (item != NULL && item->kind != NULL && item->kind->placed_among_neighbours &&
              tf_spatial_index_lookup (self->index, other, &ink))
            area = tf_rect_union (&area, &ink);
        }
    }
  if (any)
    g_signal_emit (self, signals[DAMAGED], 0, &area);
}

/* Whether @inner lies inside @outer without reaching any of its edges
 * (with a margin for rounding): taking it away leaves @outer as it is. */
static gboolean
strictly_inside (const TfRect *inner,
                 const TfRect *outer)
{
  const double margin = 1e-3;

  return inner->x > outer->x + margin && inner->y > outer->y + margin &&
         inner->x + inner->width < outer->x + outer->width - margin &&
         inner->y + inner->height < outer->y + outer->height - margin;
}

/* Keeps the extents up to date as one visible item goes from @old to
 * @now (either NULL: it was not, or is no longer, visible). Growing is a
 * union; only an item that reached an edge makes them be measured again
 * (a scan of every item, which an edit in the middle of a wall of 10 000
 * notes would otherwise pay at its next frame). */
static void
update_extents (TfScene      *self,
                const TfRect *old,
                const TfRect *now)
{
  if (self->extents_dirty)
    return;
  if (old != NULL && !tf_rect_is_empty (old) && !strictly_inside (old, &self->extents))
    {
      self->extents_dirty = TRUE;
      return;
    }
  if (now != NULL)
    self->extents = tf_rect_union (&self->extents, now);
}

static void
file_item (TfScene *self,
           TfItem  *item)
{
  /* Indexed by where it draws (a photo's caption under it too). */
  TfRect ink = tf_item_get_ink_bounds (item), old;
  gboolean was_filed = tf_spatial_index_lookup (self->index, item->id, &old);

  if (item->kind != NULL && item->kind->placed_among_neighbours)
    self->has_neighbourly = TRUE;

  damage (self, item->id, item->hidden ? NULL : &ink);
  if (item->hidden)
    tf_spatial_index_remove (self->index, item->id);
  else
    tf_spatial_index_set (self->index, item->id, &ink);
  update_extents (self, was_filed ? &old : NULL, item->hidden ? NULL : &ink);
}

static int compare_drawing_order (gconstpointer a, gconstpointer b);

/* Where @item is in the drawing order, or -1 (the order is up to date). */
static int
find_in_order (TfScene      *self,
               const TfItem *item)
{
  guint lo = 0, hi = self->order->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int cmp = compare_drawing_order (&self->order->pdata[mid], &item);

      if (cmp == 0)
        return self->order->pdata[mid] == item ? (int) mid : -1;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

void
tf_scene_add (TfScene *self,
              TfItem  *item)
{
  TfItem *old;
  int place = -1;

  g_return_if_fail (TF_IS_SCENE (self));
  g_return_if_fail (item != NULL);

  /* An item read again that keeps its place in the drawing order (an
   * edit of its text, a move) takes the old one's place: no sort of the
   * whole board at the next frame. */
  old = g_hash_table_lookup (self->items, &item->id);
  if (old != NULL && !self->order_dirty && old != item)
    {
      place = find_in_order (self, old);
      if (place >= 0 && compare_drawing_order (&old, &item) != 0)
        place = -1;
    }
  g_hash_table_replace (self->items, &item->id, item);
  file_item (self, item);
  if (place >= 0)
    self->order->pdata[place] = item;
  else
    self->order_dirty = TRUE;
}

gboolean
tf_scene_remove (TfScene *self,
                 gint64   id)
{
  TfRect old;

  g_return_val_if_fail (TF_IS_SCENE (self), FALSE);

  damage (self, id, NULL);
  if (tf_spatial_index_lookup (self->index, id, &old))
    update_extents (self, &old, NULL);
  tf_spatial_index_remove (self->index, id);
  self->order_dirty = TRUE;
  return g_hash_table_remove (self->items, &id);
}

gboolean
tf_scene_has_visible_items (TfScene *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (TF_IS_SCENE (self), FALSE);

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!((TfItem *) value)->hidden)
      return TRUE;
  return FALSE;
}

void
tf_scene_item_changed (TfScene *self,
                       TfItem  *item)
{
  g_return_if_fail (TF_IS_SCENE (self));

  file_item (self, item);
  self->order_dirty = TRUE;
}

static int
compare_drawing_order (gconstpointer a,
                       gconstpointer b)
{
  const TfItem *x = *(TfItem * const *) a;
  const TfItem *y = *(TfItem * const *) b;
  int lx = x->kind ? (int) x->kind->layer : TF_LAYER_THINGS;
  int ly = y->kind ? (int) y->kind->layer : TF_LAYER_THINGS;

  if (lx != ly)
    return lx - ly;
  if (x->z != y->z)
    return x->z < y->z ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
ensure_order (TfScene *self)
{
  GHashTableIter iter;
  gpointer value;

  if (!self->order_dirty)
    return;
  g_ptr_array_set_size (self->order, 0);
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (self->order, value);
  g_ptr_array_sort (self->order, compare_drawing_order);
  self->order_dirty = FALSE;
}

GPtrArray *
tf_scene_get_items (TfScene *self)
{
  g_return_val_if_fail (TF_IS_SCENE (self), NULL);
  ensure_order (self);
  return self->order;
}

void
tf_scene_query (TfScene      *self,
                const TfRect *area,
                GPtrArray    *items)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint first = items->len;

  g_return_if_fail (TF_IS_SCENE (self));

  {
    TfRect all = tf_scene_get_extents (self);

    /* The whole board in view: no need to ask the index. */
    if (tf_rect_contains_rect (area, &all))
      {
        ensure_order (self);
        for (guint i = 0; i < self->order->len; i++)
          {
            TfItem *item = g_ptr_array_index (self->order, i);

            if (!item->hidden)
              g_ptr_array_add (items, item);
          }
        return;
      }
  }

  tf_spatial_index_query (self->index, area, ids);

  if (ids->len > tf_scene_get_n_items (self) / 8)
    {
      /* Most of the board is in view: filtering the ordered list beats
       * sorting what the index found. */
      ensure_order (self);
      for (guint i = 0; i < self->order->len; i++)
        {
          TfItem *item = g_ptr_array_index (self->order, i);

          TfRect ink = tf_item_get_ink_bounds (item);

          if (!item->hidden && tf_rect_intersects (&ink, area))
            g_ptr_array_add (items, item);
        }
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (items, g_hash_table_lookup (self->items, &g_array_index (ids, gint64, i)));
  /* Sort only what was appended. */
  if (items->len - first > 1)
    qsort (items->pdata + first, items->len - first, sizeof (gpointer), compare_drawing_order);
}

TfItem *
tf_scene_hit_test (TfScene *self,
                   double   x,
                   double   y,
                   double   slop)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  TfRect probe = TF_RECT_INIT (x - slop, y - slop, 2 * slop + 0.001, 2 * slop + 0.001);

  g_return_val_if_fail (TF_IS_SCENE (self), NULL);

  tf_scene_query (self, &probe, found);
  /* Topmost first: the last in drawing order. */
  for (guint i = found->len; i > 0; i--)
    {
      TfItem *item = g_ptr_array_index (found, i - 1);
      TfRect grown = TF_RECT_INIT (item->bounds.x - slop, item->bounds.y - slop,
                                   item->bounds.width + 2 * slop, item->bounds.height + 2 * slop);

      if (tf_rect_contains_point (&grown, x, y))
        return item;
    }
  return NULL;
}

/* The columns of TF_ITEM_FULL_COLUMNS. */
enum {
  COL_ID, COL_KIND, COL_X, COL_Y, COL_WIDTH, COL_HEIGHT, COL_ROTATION, COL_Z, COL_PARENT,
  COL_TEXT, COL_STYLE, COL_PAYLOAD
};

/* SQLite keeps whatever type a value was written with, whatever the column
 * declares: a number read from text or a blob is silently 0. */
static gboolean
is_number (sqlite3_stmt *stmt,
           int           column)
{
  int type = sqlite3_column_type (stmt, column);

  return type == SQLITE_INTEGER || type == SQLITE_FLOAT;
}

static TfContentProblem
check_text_column (sqlite3_stmt *stmt,
                   int           column,
                   gboolean      json)
{
  const char *text;
  int length;

  if (sqlite3_column_type (stmt, column) != SQLITE_TEXT)
    return TF_CONTENT_BAD_TYPE;
  text = (const char *) sqlite3_column_text (stmt, column);
  length = sqlite3_column_bytes (stmt, column);
  if (text == NULL)
    return TF_CONTENT_BAD_TYPE;
  if (json)
    return tf_content_check_json (text, length) ? TF_CONTENT_OK : TF_CONTENT_BAD_JSON;
  return tf_content_check_text (text, length, TF_CONTENT_MAX_TEXT) ? TF_CONTENT_OK : TF_CONTENT_BAD_TEXT;
}

/* Whether a row read from the archive is safe to draw: an archive may come
 * from anyone, so its rows are checked as strictly as an import. */
static TfContentProblem
check_row (sqlite3_stmt *stmt)
{
  static const int numbers[] = { COL_X, COL_Y, COL_WIDTH, COL_HEIGHT, COL_ROTATION };
  TfContentProblem problem;
  gint64 z;

  if (sqlite3_column_type (stmt, COL_ID) != SQLITE_INTEGER ||
      sqlite3_column_type (stmt, COL_Z) != SQLITE_INTEGER ||
      sqlite3_column_type (stmt, COL_PARENT) != SQLITE_INTEGER)
    return TF_CONTENT_BAD_TYPE;
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    if (!is_number (stmt, numbers[i]))
      return TF_CONTENT_BAD_TYPE;

  if (!tf_content_check_coord (sqlite3_column_double (stmt, COL_X)) ||
      !tf_content_check_coord (sqlite3_column_double (stmt, COL_Y)) ||
      !tf_content_check_size (sqlite3_column_double (stmt, COL_WIDTH)) ||
      !tf_content_check_size (sqlite3_column_double (stmt, COL_HEIGHT)) ||
      !tf_content_check_coord (sqlite3_column_double (stmt, COL_ROTATION)))
    return TF_CONTENT_BAD_GEOMETRY;
  z = sqlite3_column_int64 (stmt, COL_Z);
  if (z < G_MININT || z > G_MAXINT)
    return TF_CONTENT_BAD_GEOMETRY;

  if (sqlite3_column_type (stmt, COL_KIND) != SQLITE_TEXT ||
      !tf_content_check_text ((const char *) sqlite3_column_text (stmt, COL_KIND),
                              sqlite3_column_bytes (stmt, COL_KIND), 64))
    return TF_CONTENT_BAD_TYPE;
  if ((problem = check_text_column (stmt, COL_TEXT, FALSE)) != TF_CONTENT_OK ||
      (problem = check_text_column (stmt, COL_STYLE, TRUE)) != TF_CONTENT_OK ||
      (problem = check_text_column (stmt, COL_PAYLOAD, TRUE)) != TF_CONTENT_OK)
    return problem;
  return TF_CONTENT_OK;
}

/* The item of the current row, or NULL when the row fails check_row(). */
static TfItem *
item_from_row (sqlite3_stmt     *stmt,
               TfContentProblem *problem)
{
  TfItem *item;

  *problem = check_row (stmt);
  if (*problem != TF_CONTENT_OK)
    {
      g_debug ("Item %" G_GINT64_FORMAT " left out: %s", (gint64) sqlite3_column_int64 (stmt, COL_ID),
               tf_content_problem_describe (*problem));
      return NULL;
    }

  item = tf_item_new_with_texts (sqlite3_column_int64 (stmt, COL_ID), tf_column_text (stmt, COL_KIND),
                                 tf_column_text (stmt, COL_TEXT), tf_column_text (stmt, COL_STYLE),
                                 tf_column_text (stmt, COL_PAYLOAD));
  item->bounds = TF_RECT_INIT (sqlite3_column_double (stmt, COL_X), sqlite3_column_double (stmt, COL_Y),
                               sqlite3_column_double (stmt, COL_WIDTH),
                               sqlite3_column_double (stmt, COL_HEIGHT));
  item->rotation = sqlite3_column_double (stmt, COL_ROTATION);
  item->z = sqlite3_column_int (stmt, COL_Z);
  item->parent_id = sqlite3_column_int64 (stmt, COL_PARENT);
  tf_item_changed (item);
  return item;
}

typedef struct {
  TfItem           *item;
  TfContentProblem  problem;
} ReadItem;

static gboolean
read_item (sqlite3_stmt *row,
           gpointer      user_data)
{
  ReadItem *read = user_data;

  read->item = item_from_row (row, &read->problem);
  return TRUE;
}

/* Whether every item @item cannot be drawn without is on the board. */
static gboolean
has_required (TfScene      *self,
              const TfItem *item)
{
  g_autoptr(GArray) ids = NULL;

  if (item->kind == NULL || item->kind->required == NULL)
    return TRUE;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  item->kind->required (item, ids);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (id == item->id || tf_scene_lookup (self, id) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* A parent that is not on the board, or a chain of parents that loops
 * (an archive written with foreign keys off may hold both): the item is
 * drawn as it is, with no parent. */
static void
check_parents (TfScene *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *items = tf_scene_get_items (self);

  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      TfItem *p = item;

      g_hash_table_remove_all (seen);
      g_hash_table_add (seen, &item->id);
      while (p->parent_id != 0)
        {
          TfItem *parent = tf_scene_lookup (self, p->parent_id);

          if (parent == NULL || g_hash_table_contains (seen, &parent->id))
            {
              g_debug ("Item %" G_GINT64_FORMAT ": parent %" G_GINT64_FORMAT " %s", p->id, p->parent_id,
                       parent == NULL ? "not on the board" : "in a loop");
              p->parent_id = 0;
              break;
            }
          g_hash_table_add (seen, &parent->id);
          p = parent;
        }
    }
}

/* Leaves out the items whose required items are not on the board, until
 * none is left out (a link to a link to nothing). */
static void
check_references (TfScene *self)
{
  gboolean removed;

  do
    {
      g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
      GPtrArray *items = tf_scene_get_items (self);

      for (guint i = 0; i < items->len; i++)
        {
          TfItem *item = g_ptr_array_index (items, i);

          if (!has_required (self, item))
            g_array_append_val (missing, item->id);
        }
      for (guint i = 0; i < missing->len; i++)
        {
          g_debug ("Item %" G_GINT64_FORMAT " left out: %s", g_array_index (missing, gint64, i),
                   tf_content_problem_describe (TF_CONTENT_BAD_REFERENCE));
          tf_scene_remove (self, g_array_index (missing, gint64, i));
          self->skipped[TF_CONTENT_BAD_REFERENCE]++;
        }
      removed = missing->len > 0;
    }
  while (removed);
}

guint
tf_scene_get_n_skipped (TfScene          *self,
                        TfContentProblem  problem)
{
  guint n = 0;

  g_return_val_if_fail (TF_IS_SCENE (self), 0);
  g_return_val_if_fail (problem < TF_CONTENT_N_PROBLEMS, 0);

  if (problem != TF_CONTENT_OK)
    return self->skipped[problem];
  for (guint i = 0; i < TF_CONTENT_N_PROBLEMS; i++)
    n += self->skipped[i];
  return n;
}

char *
tf_scene_describe_skipped (TfScene *self)
{
  g_autoptr(GString) reasons = NULL;

  g_return_val_if_fail (TF_IS_SCENE (self), NULL);

  for (guint i = 0; i < TF_CONTENT_N_PROBLEMS; i++)
    {
      if (self->skipped[i] == 0)
        continue;
      if (reasons == NULL)
        reasons = g_string_new (NULL);
      else
        g_string_append (reasons, ", ");
      /* TRANSLATORS: why items of a board were left out, and how many: "a link to a missing item: 2" */
      g_string_append_printf (reasons, _("%s: %u"), tf_content_problem_describe (i), self->skipped[i]);
    }
  return reasons != NULL ? g_string_free (g_steal_pointer (&reasons), FALSE) : NULL;
}

/* Re-reads the given items; those no longer on this board leave the scene. */
/* Reads the rows of @ids again. An item whose required items are not on
 * the board yet (a link read before its ends, as undo restores them in
 * changeset order) waits until the others are read, then is tried again. */
static void
reload (TfScene *self,
        GArray  *ids)
{
  g_autoptr(GPtrArray) waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_item_free);
  gboolean progress = TRUE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      TfItem *item = NULL;
      ReadItem read = { NULL, 0 };
      gboolean found;

      if (!tf_item_rows_read_full (self->store, self->board_id, id, read_item, &read, &found, NULL))
        return;
      if (found && (item = read.item) != NULL)
        {
          TfItem *old = tf_scene_lookup (self, id);

          /* Keep serials increasing so caches never mistake new for old. */
          if (old != NULL)
            item->serial = old->serial + 1;
          if (has_required (self, item))
            tf_scene_add (self, item);
          else
            {
              tf_scene_remove (self, id);
              g_ptr_array_add (waiting, item);
            }
        }
      else
        {
          g_clear_pointer (&read.item, tf_item_free);
          tf_scene_remove (self, id);
        }
    }

  while (progress && waiting->len > 0)
    {
      progress = FALSE;
      for (guint i = 0; i < waiting->len;)
        {
          TfItem *item = g_ptr_array_index (waiting, i);

          if (has_required (self, item))
            {
              tf_scene_add (self, g_ptr_array_steal_index (waiting, i));
              progress = TRUE;
            }
          else
            i++;
        }
    }
}

static void
on_store_changed (TfScene *self,
                  GArray  *changes,
                  TfStore *store)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean board_gone = FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      const TfChange *change = &g_array_index (changes, TfChange, i);

      if (g_str_equal (change->table, "items"))
        g_array_append_val (ids, change->id);
      else if (g_str_equal (change->table, "boards") && change->id == self->board_id &&
               change->op == TF_CHANGE_DELETE)
        board_gone = TRUE;
    }

  if (board_gone)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->items);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_array_append_val (ids, *(gint64 *) key);
    }

  if (ids->len == 0)
    return;
  reload (self, ids);
  g_signal_emit (self, signals[ITEMS_CHANGED], 0, ids);
}

/* Adds the item of @row to the scene being read, or counts it skipped. */
static gboolean
add_row (sqlite3_stmt *row,
         gpointer      user_data)
{
  TfScene *self = user_data;
  TfContentProblem problem;
  TfItem *item = item_from_row (row, &problem);

  if (item != NULL)
    tf_scene_add (self, item);
  else
    self->skipped[problem]++;
  return TRUE;
}

TfScene *
tf_scene_new_for_board (TfStore  *store,
                        gint64    board_id,
                        GError  **error)
{
  g_autoptr(TfScene) self = NULL;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  self = tf_scene_new ();
  self->store = g_object_ref (store);
  self->board_id = board_id;

  if (!tf_item_rows_each_full (store, board_id, add_row, self, error))
    return NULL;
  check_references (self);
  check_parents (self);

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
}

TfScene *
tf_scene_copy (TfScene *self)
{
  TfScene *copy;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (TF_IS_SCENE (self), NULL);

  copy = tf_scene_new ();
  copy->board_id = self->board_id;
  memcpy (copy->skipped, self->skipped, sizeof self->skipped);
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    tf_scene_add (copy, tf_item_copy (value));
  return copy;
}
