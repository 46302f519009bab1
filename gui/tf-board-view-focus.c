/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <math.h>

#include <glib/gi18n.h>

#include "core/tf-board-type.h"
#include "canvas/tf-item-kinds.h"
#include "tf-board-view-private.h"
#include "tf-widget-util.h"

/* The keyboard on a board: Tab and Shift+Tab go from item to item in
 * reading order (the board type's own order, TfBoardTypeGui.reading_order,
 * else containers then what they hold, top to bottom, left to right) and
 * past the last one leave the board; Home and End go to the first and the
 * last, Alt+Up and Alt+Down out of and into a cluster, Ctrl+arrows to the
 * nearest item that way. The focus frame shows a focused board with
 * nothing selected; an undo or a redo keeps the selection.
 *
 * GTK 4.8 gives no accessible object to what is not a widget, so the
 * view says where the keyboard is in its own accessible name: the
 * focused item's description (TfItemKind.describe) and its place in the
 * reading order. A screen reader reads the name of the focused widget
 * again when it changes (AT-SPI's accessible-name property change). */

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

/* The board type's reading order, or the generic one. */
static GArray *
board_order (TfBoardView *self)
{
  if (self->canvas.scene == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  return self->type_gui != NULL && self->type_gui->reading_order != NULL
         ? self->type_gui->reading_order (self) : tf_board_view_reading_order (self);
}

/* Selects @item alone and brings it into view: the keyboard is on it.
 * While a selection is built from the keyboard (Shift+Space), the
 * keyboard moves to @item and the selection stays. */
static void
focus_item (TfBoardView *self,
            TfItem      *item)
{
  gint64 id = item->id;

  if (self->key_building)
    {
      self->key_focus_id = id;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      tf_board_view_announce (self);
    }
  else
    tf_board_view_select (self, &id, 1);
  self->tab_left_id = 0;
  item = tf_scene_lookup (self->canvas.scene, id);
  if (item != NULL)
    show_item (self, item);
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
  order = board_order (self);
  /* The item the keyboard is on, or the last one selected, is where Tab
   * goes on from. */
  if (self->key_focus_id != 0)
    current = self->key_focus_id;
  else if (self->selection->len > 0)
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
  focus_item (self, item);
  return TRUE;
}

gint64
tf_board_view_next_in_order (TfBoardView *self,
                             gint64       id,
                             gboolean     backwards)
{
  g_autoptr(GArray) order = board_order (self);

  for (guint i = 0; i < order->len; i++)
    if (id == 0 || g_array_index (order, gint64, i) == id)
      {
        int next = id == 0 ? (backwards ? (int) order->len - 1 : 0) : (int) i + (backwards ? -1 : 1);

        return next >= 0 && next < (int) order->len ? g_array_index (order, gint64, next) : 0;
      }
  return 0;
}

/* The item the keyboard is on: the one it was moved to while a selection
 * is built, else the one selected last. */
static TfItem *
focused_item (TfBoardView *self)
{
  if (self->canvas.scene == NULL)
    return NULL;
  if (self->key_focus_id != 0)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, self->key_focus_id);

      if (item != NULL && !item->hidden)
        return item;
    }
  if (self->selection->len == 0)
    return NULL;
  return tf_scene_lookup (self->canvas.scene,
                          g_array_index (self->selection, gint64, self->selection->len - 1));
}

/* Whether @ancestor holds @item, at any depth. */
static gboolean
holds (TfBoardView  *self,
       const TfItem *ancestor,
       const TfItem *item)
{
  for (int depth = 0; item != NULL && item->parent_id != 0 && depth < 16; depth++)
    {
      if (item->parent_id == ancestor->id)
        return TRUE;
      if (item->parent_id == item->id)
        return FALSE;
      item = tf_scene_lookup (self->canvas.scene, item->parent_id);
    }
  return FALSE;
}

/* The nearest item from @from in the direction (@dx, @dy), by the centres:
 * what lies straight that way before what lies aside of it. Neither what
 * holds @from (its cluster) nor what it holds. */
static TfItem *
nearest_toward (TfBoardView  *self,
                const TfItem *from,
                int           dx,
                int           dy)
{
  GPtrArray *items = tf_scene_get_items (self->canvas.scene);
  double cx = from->bounds.x + from->bounds.width / 2;
  double cy = from->bounds.y + from->bounds.height / 2;
  TfItem *best = NULL;
  double best_score = G_MAXDOUBLE;

  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      double ox, oy, along, aside, score;

      if (item == from || !tf_board_view_tab_stop (self, item) || holds (self, item, from) ||
          holds (self, from, item))
        continue;
      ox = item->bounds.x + item->bounds.width / 2 - cx;
      oy = item->bounds.y + item->bounds.height / 2 - cy;
      along = ox * dx + oy * dy;
      aside = fabs (ox * dy) + fabs (oy * dx);
      if (along < 1.0)
        continue;
      score = along + 2 * aside;
      if (score < best_score)
        {
          best_score = score;
          best = item;
        }
    }
  return best;
}

gboolean
tf_board_view_focus_key (TfBoardView     *self,
                         guint            keyval,
                         GdkModifierType  state)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK);
  TfItem *from = focused_item (self);
  TfItem *to = NULL;
  int dx = 0, dy = 0;
  gint64 id;

  if (self->canvas.scene == NULL)
    return FALSE;
  /* Shift+Space: the item the keyboard is on into the selection, or out
   * of it; Tab and the arrows then move on without losing it. */
  if ((keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space) && mods == GDK_SHIFT_MASK)
    {
      if (from == NULL)
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return TRUE;
        }
      id = from->id;
      /* The first press keeps the item Tab selected and starts building
       * on it; the next ones add or take out. */
      if (self->key_building || !tf_board_view_is_selected (self, id))
        tf_board_view_toggle_selected (self, id);
      self->key_building = TRUE;
      self->key_focus_id = id;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      tf_board_view_announce (self);
      return TRUE;
    }
  switch (keyval)
    {
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
    case GDK_KEY_End: case GDK_KEY_KP_End:
      if (mods != 0)
        return FALSE;
      id = tf_board_view_next_in_order (self, 0, keyval == GDK_KEY_End || keyval == GDK_KEY_KP_End);
      to = id != 0 ? tf_scene_lookup (self->canvas.scene, id) : NULL;
      break;

    case GDK_KEY_Left: case GDK_KEY_KP_Left: dx = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: dx = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dy = -1; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dy = 1; break;
    default:
      return FALSE;
    }
  if (dx == 0 && dy == 0)
    ;
  else if (mods == GDK_ALT_MASK && dy != 0)
    {
      /* Out of a cluster to the cluster; into it, to the first it holds. */
      if (from == NULL)
        return FALSE;
      if (dy < 0)
        to = from->parent_id != 0 ? tf_scene_lookup (self->canvas.scene, from->parent_id) : NULL;
      else
        {
          g_autoptr(GArray) order = board_order (self);

          for (guint i = 0; i < order->len && to == NULL; i++)
            {
              TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (order, gint64, i));

              if (item != NULL && item->parent_id == from->id && item->id != from->id)
                to = item;
            }
        }
      if (to == NULL || !tf_board_view_tab_stop (self, to))
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return TRUE;
        }
    }
  else if (mods == GDK_CONTROL_MASK)
    {
      if (from == NULL)
        {
          id = tf_board_view_next_in_order (self, 0, FALSE);
          to = id != 0 ? tf_scene_lookup (self->canvas.scene, id) : NULL;
        }
      else
        to = nearest_toward (self, from, dx, dy);
      if (to == NULL)
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return TRUE;
        }
    }
  else
    return FALSE;
  if (to == NULL)
    return TRUE;
  focus_item (self, to);
  return TRUE;
}

/* Said of the selection: the item's description and its place in the
 * reading order; how many are selected; the board's title. */
static char *
describe_selection (TfBoardView *self)
{
  TfItem *item = focused_item (self);
  g_autofree char *said = NULL;
  g_autoptr(GArray) order = NULL;

  if (item == NULL)
    return g_strdup (self->a11y_title != NULL ? self->a11y_title : "");
  if (self->key_building)
    {
      g_autofree char *one = tf_item_describe (item, self->canvas.scene);
      guint n = self->selection->len;

      /* TRANSLATORS: said by a screen reader while a selection is built
       * from the keyboard: "“quote”, yellow: selected; 3 selected" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s; %u selected", "%s: %s; %u selected", n),
                              one, tf_board_view_is_selected (self, item->id) ? _("selected") : _("not selected"),
                              n);
    }
  if (self->selection->len > 1)
    {
      g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
      g_autofree char *what = NULL;

      for (guint i = 0; i < self->selection->len; i++)
        {
          TfItem *one = tf_scene_lookup (self->canvas.scene, g_array_index (self->selection, gint64, i));

          g_ptr_array_add (kinds, one != NULL ? one->kind_id : NULL);
        }
      what = tf_item_kinds_name ((const char * const *) kinds->pdata, kinds->len);
      /* TRANSLATORS: said by a screen reader: "3 notes selected" */
      return g_strdup_printf (_("%s selected"), what);
    }
  said = tf_item_describe (item, self->canvas.scene);
  order = board_order (self);
  for (guint i = 0; i < order->len; i++)
    if (g_array_index (order, gint64, i) == item->id)
      /* TRANSLATORS: an item's description and its place on the board,
       * said by a screen reader: "“quote”, Yellow; 3 of 9" */
      return g_strdup_printf (_("%s; %u of %u"), said, i + 1, order->len);
  return g_steal_pointer (&said);
}

/* What the board is and its keys, once for the board. */
static char *
describe_board (TfBoardView *self)
{
  const TfBoardType *type = self->type_gui != NULL ? tf_board_type_lookup (self->type_gui->type_id) : NULL;
  const char *keys = _("Tab and Shift+Tab go from item to item, Home and End to the first and the last, "
                       "Ctrl and the arrows to the nearest one that way, Alt+Up and Alt+Down out of and "
                       "into a cluster; Shift+Space adds the item to the selection or takes it out; "
                       "the Menu key opens the actions of the item.");

  if (type == NULL)
    return g_strdup (keys);
  /* TRANSLATORS: the board's kind and how to move on it */
  return g_strdup_printf (_("%s. %s"), tf_board_type_get_label (type), keys);
}

void
tf_board_view_announce (TfBoardView *self)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  if (self->type_gui != NULL && self->type_gui->announce != NULL && self->board_id != 0)
    name = self->type_gui->announce (self);
  if (name == NULL)
    name = describe_selection (self);
  description = describe_board (self);
  if (g_strcmp0 (name, self->a11y_name) != 0)
    {
      g_free (self->a11y_name);
      self->a11y_name = g_steal_pointer (&name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->a11y_name, -1);
    }
  if (g_strcmp0 (description, self->a11y_description) != 0)
    {
      g_free (self->a11y_description);
      self->a11y_description = g_steal_pointer (&description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      self->a11y_description, -1);
    }
}

void
tf_board_view_set_accessible_title (TfBoardView *self,
                                    const char  *title)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  if (g_strcmp0 (title, self->a11y_title) == 0)
    return;
  g_free (self->a11y_title);
  self->a11y_title = g_strdup (title);
  tf_board_view_announce (self);
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

  if (!gtk_widget_has_visible_focus (GTK_WIDGET (self)) || width < 8 || height < 8)
    return;
  /* While a selection is built from the keyboard, the item the keyboard
   * is on has a dashed ring outside the selection's outline. */
  if (self->key_building && self->key_focus_id != 0)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, self->key_focus_id);
      double x0, y0, x1, y1;
      const double dash[] = { 5.0, 3.0 };

      if (item == NULL || item->hidden)
        return;
      tf_board_view_to_widget (self, item->bounds.x, item->bounds.y, &x0, &y0);
      tf_board_view_to_widget (self, item->bounds.x + item->bounds.width, item->bounds.y + item->bounds.height,
                               &x1, &y1);
      tf_cairo_set_rgb (cr, TF_INK_RGB, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_rectangle (cr, x0 - 9, y0 - 9, x1 - x0 + 18, y1 - y0 + 18);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }
  if (self->selection->len > 0)
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
