/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include "tf-board-view-private.h"

/* The selection: a set of item ids for lookups, and an array that keeps
 * the order they were picked in. */

gboolean
tf_board_view_is_selected (TfBoardView *self,
                           gint64       id)
{
  return g_hash_table_contains (self->selected, &id);
}

static void
add_selected (TfBoardView *self,
              gint64       id)
{
  if (g_hash_table_contains (self->selected, &id))
    return;
  g_hash_table_add (self->selected, g_memdup2 (&id, sizeof id));
  g_array_append_val (self->selection, id);
}

void
tf_board_view_remove_selected (TfBoardView *self,
                               gint64       id)
{
  if (!g_hash_table_remove (self->selected, &id))
    return;
  for (guint i = 0; i < self->selection->len; i++)
    if (g_array_index (self->selection, gint64, i) == id)
      {
        g_array_remove_index (self->selection, i);
        break;
      }
}

void
tf_board_view_clear_selection (TfBoardView *self)
{
  if (self->selection->len == 0)
    return;
  g_hash_table_remove_all (self->selected);
  g_array_set_size (self->selection, 0);
  tf_board_view_selection_changed (self);
}

void
tf_board_view_toggle_selected (TfBoardView *self,
                               gint64       id)
{
  if (tf_board_view_is_selected (self, id))
    tf_board_view_remove_selected (self, id);
  else
    add_selected (self, id);
  tf_board_view_selection_changed (self);
}

void
tf_board_view_select (TfBoardView  *self,
                      const gint64 *ids,
                      guint         n_ids)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  /* A selection made anew ends one being built from the keyboard. */
  self->key_building = FALSE;
  self->key_focus_id = 0;
  g_hash_table_remove_all (self->selected);
  g_array_set_size (self->selection, 0);
  for (guint i = 0; i < n_ids; i++)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, ids[i]);

      if (item != NULL && !item->hidden)
        add_selected (self, ids[i]);
    }
  tf_board_view_selection_changed (self);
}

GArray *
tf_board_view_selected_ids (TfBoardView *self,
                            const char  *kind)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->selection->len; i++)
    {
      gint64 id = g_array_index (self->selection, gint64, i);
      TfItem *item = tf_scene_lookup (self->canvas.scene, id);

      if (item != NULL && (kind == NULL || g_strcmp0 (item->kind_id, kind) == 0))
        g_array_append_val (ids, id);
    }
  return ids;
}

/* A line (a link) is picked this far from it, anything else this far from
 * its shape, in screen pixels. */
#define LINE_PICK_PIXELS 6.0
#define PICK_PIXELS      2.0

TfItem *
tf_board_view_pick_item (TfBoardView *self,
                         double       bx,
                         double       by)
{
  double slop = PICK_PIXELS / self->canvas.zoom;
  double line_slop = LINE_PICK_PIXELS / self->canvas.zoom;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  TfRect probe = TF_RECT_INIT (bx - line_slop, by - line_slop, 2 * line_slop, 2 * line_slop);
  TfItem *best = NULL;
  double best_distance = G_MAXDOUBLE;
  int best_rank = G_MININT;

  tf_scene_query (self->canvas.scene, &probe, found);
  /* Topmost first; the kind's rank first (an actor before a link before a
   * pool), then the nearest, then the topmost. */
  for (guint i = found->len; i > 0; i--)
    {
      TfItem *item = g_ptr_array_index (found, i - 1);
      double reach = tf_item_has_role (item, TF_ITEM_ROLE_CONNECTOR) ? line_slop : slop;
      double d;
      int rank;

      if (item->hidden)
        continue;
      d = tf_item_distance (item, self->canvas.scene, bx, by);
      if (d > reach)
        continue;
      rank = tf_item_pick_rank (item);
      if (best == NULL || rank > best_rank || (rank == best_rank && d < best_distance))
        {
          best = item;
          best_rank = rank;
          best_distance = d;
        }
    }
  return best;
}

GArray *
tf_board_view_selected_filtered (TfBoardView *self,
                                 gboolean   (*filter) (TfBoardView  *self,
                                                       const TfItem *item))
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->selection->len; i++)
    {
      gint64 id = g_array_index (self->selection, gint64, i);
      TfItem *item = tf_scene_lookup (self->canvas.scene, id);

      if (item != NULL && (filter == NULL || filter (self, item)))
        g_array_append_val (ids, id);
    }
  return ids;
}

gboolean
tf_board_view_is_derived (TfBoardView  *self,
                          const TfItem *item)
{
  TfRect bounds;

  return item != NULL && tf_item_derive_bounds (item, self->canvas.scene, &bounds);
}

/* A container whose bounds are its own (a zone, not a pool) holds its
 * members by parent: tidying lays them out inside it. */
gboolean
tf_board_view_is_tidy_container (TfBoardView  *self,
                                 const TfItem *item)
{
  return item != NULL && tf_item_has_role (item, TF_ITEM_ROLE_CONTAINER) &&
         !tf_board_view_is_derived (self, item);
}

TfRect
tf_board_view_selection_bounds (TfBoardView *self)
{
  TfRect bounds = { 0 };

  for (guint i = 0; i < self->selection->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (self->selection, gint64, i));

      if (item != NULL)
        bounds = tf_rect_union (&bounds, &item->bounds);
    }
  return bounds;
}

GArray *
tf_board_view_get_selection (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), NULL);

  return tf_board_view_selected_ids (self, NULL);
}

guint
tf_board_view_get_n_selected (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), 0);

  return self->selection->len;
}
