/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <math.h>

#include "tf-board-view-private.h"
#include "tf-widget-util.h"

/* The keyboard on a board: Tab and Shift+Tab go from item to item in
 * reading order (the board type's own order, TfBoardTypeGui.reading_order,
 * else containers then what they hold, top to bottom, left to right) and
 * past the last one leave the board; the focus frame shows a focused board
 * with nothing selected; an undo or a redo keeps the selection. */

/* Within a row: left to right. */
static int
compare_left (gconstpointer a,
              gconstpointer b)
{
  const TfItem *x = *(TfItem * const *) a;
  const TfItem *y = *(TfItem * const *) b;

  if (x->bounds.x != y->bounds.x)
    return x->bounds.x < y->bounds.x ? -1 : 1;
  return tf_item_compare_top_left (a, b);
}

/* Orders @items (TfItem *) as they read: in rows, top to bottom, each row
 * left to right. An item starting above the middle of a row's first item
 * is on that row. */
void
tf_board_view_sort_reading (GPtrArray *items)
{
  guint start = 0;

  g_ptr_array_sort (items, tf_item_compare_top_left);
  while (start < items->len)
    {
      const TfItem *first = g_ptr_array_index (items, start);
      double middle = first->bounds.y + first->bounds.height / 2;
      guint end = start + 1;

      while (end < items->len && ((TfItem *) g_ptr_array_index (items, end))->bounds.y < middle)
        end++;
      /* One row: by its left edges. */
      qsort (items->pdata + start, end - start, sizeof (gpointer), compare_left);
      start = end;
    }
}

/* Whether Tab stops on @item: shown, with bounds of its own (a link or a
 * pool follows the actors it joins). */
gboolean
tf_board_view_tab_stop (TfBoardView  *self,
                        const TfItem *item)
{
  return item != NULL && !item->hidden && !tf_board_view_is_derived (self, item);
}

static void
append_tree (GArray     *ids,
             GHashTable *children,
             GPtrArray  *level,
             int         depth)
{
  tf_board_view_sort_reading (level);
  for (guint i = 0; i < level->len; i++)
    {
      TfItem *item = g_ptr_array_index (level, i);
      GPtrArray *inside = g_hash_table_lookup (children, &item->id);

      g_array_append_val (ids, item->id);
      if (inside != NULL && depth < 16)
        append_tree (ids, children, inside, depth + 1);
    }
}

GArray *
tf_board_view_reading_order (TfBoardView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) children = NULL;
  g_autoptr(GPtrArray) roots = NULL;
  GPtrArray *items;

  if (self->canvas.scene == NULL)
    return ids;
  items = tf_scene_get_items (self->canvas.scene);
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  roots = g_ptr_array_new ();
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      TfItem *parent;
      GPtrArray *siblings;

      if (!tf_board_view_tab_stop (self, item))
        continue;
      parent = item->parent_id != 0 && item->parent_id != item->id
               ? tf_scene_lookup (self->canvas.scene, item->parent_id) : NULL;
      if (!tf_board_view_tab_stop (self, parent))
        {
          g_ptr_array_add (roots, item);
          continue;
        }
      siblings = g_hash_table_lookup (children, &parent->id);
      if (siblings == NULL)
        {
          siblings = g_ptr_array_new ();
          g_hash_table_insert (children, &parent->id, siblings);
        }
      g_ptr_array_add (siblings, item);
    }
  append_tree (ids, children, roots, 0);
  return ids;
}

/* Brings @item into the view if it is not all shown there: centred at the
 * same zoom, or the zoom out that shows it whole when it is bigger. */
static void
show_item (TfBoardView  *self,
           const TfItem *item)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom = self->canvas.zoom;
  double bx0, by0, bx1, by1;

  if (width <= 0 || height <= 0 || zoom <= 0)
    return;
  tf_board_view_to_board (self, 0, 0, &bx0, &by0);
  tf_board_view_to_board (self, width, height, &bx1, &by1);
  if (item->bounds.x >= bx0 && item->bounds.y >= by0 &&
      item->bounds.x + item->bounds.width <= bx1 && item->bounds.y + item->bounds.height <= by1)
    return;
  if (item->bounds.width * zoom <= width * 0.9 && item->bounds.height * zoom <= height * 0.9)
    tf_board_view_animate_centre (self, item->bounds.x + item->bounds.width / 2,
                                  item->bounds.y + item->bounds.height / 2, zoom);
  else
    tf_board_view_animate_to (self, &item->bounds, zoom);
}

gboolean
tf_board_view_tab (TfBoardView *self,
                   gboolean     backwards)
{
  g_autoptr(GArray) order = NULL;
  gint64 current = 0;
  int found = -1, next;
  TfItem *item;

  if (self->canvas.scene == NULL)
    return FALSE;
  order = self->type_gui != NULL && self->type_gui->reading_order != NULL
          ? self->type_gui->reading_order (self) : tf_board_view_reading_order (self);
  /* The last item selected is where Tab goes on from. */
  if (self->selection->len > 0)
    current = g_array_index (self->selection, gint64, self->selection->len - 1);
  /* Coming back to the board after Tab left it past the end: from the
   * start again. */
  if (current != 0 && current == self->tab_left_id && self->selection->len == 1)
    current = 0;
  for (guint i = 0; current != 0 && i < order->len; i++)
    if (g_array_index (order, gint64, i) == current)
      found = (int) i;
  if (found < 0)
    next = backwards ? (int) order->len - 1 : 0;
  else
    next = backwards ? found - 1 : found + 1;
  if (next < 0 || next >= (int) order->len)
    {
      /* Past the end: the board lets the keyboard go (the selection
       * stays, for the side panel). */
      self->tab_left_id = current;
      return FALSE;
    }
  item = tf_scene_lookup (self->canvas.scene, g_array_index (order, gint64, next));
  if (item == NULL)
    return FALSE;
  tf_board_view_select (self, &item->id, 1);
  self->tab_left_id = 0;
  show_item (self, item);
  return TRUE;
}

void
tf_board_view_leave (TfBoardView *self,
                     gboolean     backwards)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkDirectionType direction = backwards ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;

  if (root == NULL)
    return;
  g_signal_emit_by_name (root, "move-focus", direction);
  if (gtk_root_get_focus (root) != GTK_WIDGET (self))
    return;
  /* The board was the end of the window's chain (its side panel
   * folded): whoever holds the board says where the keyboard goes on
   * (the board page: its header). */
  gtk_widget_keynav_failed (GTK_WIDGET (self), direction);
}

/* A calm frame inside the view's edge while it has the keyboard, visibly
 * (F6, Tab), and nothing is selected: the selection's outline shows it
 * otherwise. */
void
tf_board_view_draw_focus_frame (TfBoardView *self,
                                cairo_t     *cr)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->selection->len > 0 || !gtk_widget_has_visible_focus (GTK_WIDGET (self)) ||
      width < 8 || height < 8)
    return;
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
  cairo_set_line_width (cr, 2.0);
  cairo_rectangle (cr, 1, 1, width - 2, height - 2);
  cairo_stroke (cr);
}

/* Undo and redo: the ids the step changed, gathered while it runs
 * (on_items_changed), then selected if some are still on the board. */
static void
on_replaying (TfBoardView *self,
              gboolean     undo,
              TfHistory   *history)
{
  self->replaying = TRUE;
  g_array_set_size (self->replay_ids, 0);
}

static void
on_replayed (TfBoardView *self,
             gboolean     undo,
             TfHistory   *history)
{
  g_autoptr(GArray) keep = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (!self->replaying)
    return;
  self->replaying = FALSE;
  if (self->canvas.scene == NULL || tf_board_view_get_editing (self))
    return;
  for (guint i = 0; i < self->replay_ids->len; i++)
    {
      gint64 *id = &g_array_index (self->replay_ids, gint64, i);
      TfItem *item = tf_scene_lookup (self->canvas.scene, *id);

      if (tf_board_view_tab_stop (self, item) && g_hash_table_add (seen, id))
        g_array_append_val (keep, *id);
    }
  g_array_set_size (self->replay_ids, 0);
  /* What was selected and is still there stays so (on_items_changed
   * dropped what went): a photo whose legend was edited, a bubble whose
   * tail was aimed. With nothing of it left, what the step brought back
   * or changed is selected (a deletion undone). */
  if (keep->len == 0 || self->selection->len > 0)
    return;
  tf_board_view_select (self, (const gint64 *) (gpointer) keep->data, keep->len);
}

void
tf_board_view_note_replayed_items (TfBoardView *self,
                                   GArray      *ids)
{
  if (self->replaying)
    g_array_append_vals (self->replay_ids, ids->data, ids->len);
}

void
tf_board_view_watch_history (TfBoardView *self,
                             TfHistory   *old_history)
{
  if (old_history != NULL)
    {
      g_signal_handlers_disconnect_by_func (old_history, on_replaying, self);
      g_signal_handlers_disconnect_by_func (old_history, on_replayed, self);
    }
  self->replaying = FALSE;
  if (self->history != NULL)
    {
      g_signal_connect_object (self->history, "replaying", G_CALLBACK (on_replaying), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->history, "replayed", G_CALLBACK (on_replayed), self, G_CONNECT_SWAPPED);
    }
}
