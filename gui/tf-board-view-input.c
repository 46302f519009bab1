/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-item-kinds.h"
#include "insights/tf-note-kind.h"
#include "tf-board-view-private.h"

/* The pointer and the keyboard on a board. Each controller callback only
 * unpacks its event and calls a tf_board_view_*() handler, so the GUI tests
 * drive exactly the code the events do. */

/* Pixels the pointer travels before a press becomes a drag. */
#define DRAG_THRESHOLD 4.0
/* Snapping to other items reaches this far, in screen pixels. */
#define SNAP_PIXELS    8.0
/* The smallest item a resize makes, in board units. */
#define MIN_SIDE       60.0

/* A container of its own bounds (a zone) is picked up by its title band;
 * its body is the board, where a rubber band gathers its notes. */
static TfItem *
pick (TfBoardView *self,
      double       bx,
      double       by)
{
  TfItem *item = tf_board_view_pick_item (self, bx, by);

  if (tf_board_view_is_tidy_container (self, item) && by > item->bounds.y + TF_LAYOUT_ZONE_TITLE &&
      bx > item->bounds.x + 6.0 / self->canvas.zoom &&
      bx < item->bounds.x + item->bounds.width - 6.0 / self->canvas.zoom &&
      by < item->bounds.y + item->bounds.height - 6.0 / self->canvas.zoom)
    return NULL;
  /* Where the kind does not take hold (a blueprint's grid, between its
   * cards), the press is the board's: a rubber band. */
  if (item != NULL && !tf_item_grips (item, bx, by, 6.0 / self->canvas.zoom))
    return NULL;
  return item;
}

static void
set_cursor (TfBoardView *self,
            const char  *name)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

static const char *
handle_cursor (int handle)
{
  static const char * const names[TF_N_HANDLES] = {
    "nwse-resize", "ns-resize", "nesw-resize", "ew-resize",
    "nwse-resize", "ns-resize", "nesw-resize", "ew-resize",
  };

  return handle >= 0 && handle < TF_N_HANDLES ? names[handle] : "default";
}

static void
update_hover (TfBoardView *self)
{
  gint64 hover = 0;
  int handle = -1;
  TfItem *item = NULL;
  gboolean ring = FALSE;

  if (self->pointer_inside && self->drag_mode == TF_DRAG_NONE)
    {
      double bx, by;

      tf_board_view_to_board (self, self->pointer_x, self->pointer_y, &bx, &by);
      handle = tf_board_view_handle_at (self, self->pointer_x, self->pointer_y);
      item = pick (self, bx, by);
      if (item != NULL)
        hover = item->id;
      ring = handle < 0 && tf_board_view_on_link_ring (self, item, bx, by);
    }

  if (self->drag_mode == TF_DRAG_PAN)
    set_cursor (self, "grabbing");
  else if (self->space_held)
    set_cursor (self, "grab");
  else if (handle >= 0)
    set_cursor (self, handle_cursor (handle));
  else if (self->drag_mode == TF_DRAG_RESIZE)
    set_cursor (self, handle_cursor (self->resize_handle));
  else if (self->tool != NULL)
    set_cursor (self, self->tool->klass->cursor);
  else if (self->drag_mode == TF_DRAG_LINK || ring)
    set_cursor (self, "crosshair");
  else
    set_cursor (self, "default");

  if (hover != self->hover_id || ring != self->hover_ring)
    {
      self->hover_id = hover;
      self->hover_ring = ring;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
tf_board_view_pointer_motion (TfBoardView *self,
                              double       x,
                              double       y)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  update_hover (self);
  if (self->tool != NULL && self->tool->klass->motion != NULL)
    self->tool->klass->motion (self->tool, self, x, y);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TfBoardView              *self)
{
  tf_board_view_pointer_motion (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *controller,
          TfBoardView              *self)
{
  self->pointer_inside = FALSE;
  update_hover (self);
}

gboolean
tf_board_view_scroll (TfBoardView     *self,
                      double           dx,
                      double           dy,
                      GdkScrollUnit    unit,
                      GdkModifierType  state)
{
  double step;

  tf_board_view_stop_animation (self);

  if (state & GDK_CONTROL_MASK)
    {
      double factor;
      double ax = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double ay = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

      if (dy == 0)
        return GDK_EVENT_PROPAGATE;
      /* A wheel notch is one zoom step; a touchpad zooms continuously. */
      factor = unit == GDK_SCROLL_UNIT_WHEEL ? pow (TF_BOARD_VIEW_ZOOM_STEP, -dy) : exp (-dy * 0.01);
      if (self->pointer_inside)
        {
          ax = self->pointer_x;
          ay = self->pointer_y;
        }
      tf_board_view_zoom_at (self, self->canvas.zoom * factor, ax, ay);
      return GDK_EVENT_STOP;
    }

  /* Shift turns a mouse wheel sideways. */
  if ((state & GDK_SHIFT_MASK) && dx == 0)
    {
      dx = dy;
      dy = 0;
    }

  step = unit == GDK_SCROLL_UNIT_WHEEL ? 64.0 : 1.0;
  tf_board_view_set_origin (self, self->canvas.x + dx * step / self->canvas.zoom, self->canvas.y + dy * step / self->canvas.zoom);
  return GDK_EVENT_STOP;
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           TfBoardView              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  return tf_board_view_scroll (self, dx, dy, gtk_event_controller_scroll_get_unit (controller), state);
}

static void
on_pinch_begin (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                TfBoardView      *self)
{
  tf_board_view_stop_animation (self);
  self->pinch_zoom = self->canvas.zoom;
}

static void
on_pinch_scale (GtkGestureZoom *gesture,
                double          scale,
                TfBoardView    *self)
{
  double cx, cy;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    {
      cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  tf_board_view_zoom_at (self, self->pinch_zoom * scale, cx, cy);
}

/* Dragging. */

static void
add_drag_item (TfBoardView *self,
               TfItem      *item)
{
  if (g_hash_table_contains (self->drag_ignore, &item->id))
    return;
  g_hash_table_add (self->drag_ignore, g_memdup2 (&item->id, sizeof item->id));
  g_array_append_val (self->drag_ids, item->id);
  g_array_append_val (self->drag_origins, item->bounds);
  self->drag_box = tf_rect_union (&self->drag_box, &item->bounds);
}

/* What moves: the selection, and the notes of each selected zone, which the
 * move command carries along. */
static void
collect_drag_items (TfBoardView *self)
{
  GPtrArray *all = NULL;

  g_array_set_size (self->drag_ids, 0);
  g_array_set_size (self->drag_origins, 0);
  self->drag_box = TF_RECT_INIT (0, 0, 0, 0);
  if (self->drag_ignore == NULL)
    self->drag_ignore = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_remove_all (self->drag_ignore);

  for (guint i = 0; i < self->selection->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (self->selection, gint64, i));

      if (item == NULL)
        continue;
      /* A link moves with its ends; a pool moves its members. */
      if (tf_item_has_role (item, TF_ITEM_ROLE_CONNECTOR))
        continue;
      if (tf_board_view_is_derived (self, item))
        {
          g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));

          tf_item_references (item, members);
          for (guint m = 0; m < members->len; m++)
            {
              TfItem *member = tf_scene_lookup (self->canvas.scene, g_array_index (members, gint64, m));

              if (member != NULL && !member->hidden)
                add_drag_item (self, member);
            }
          continue;
        }
      add_drag_item (self, item);
      if (tf_board_view_is_tidy_container (self, item))
        {
          if (all == NULL)
            all = tf_scene_get_items (self->canvas.scene);
          for (guint j = 0; j < all->len; j++)
            {
              TfItem *child = g_ptr_array_index (all, j);

              if (child->parent_id == item->id && !child->hidden)
                add_drag_item (self, child);
            }
        }
    }
}

/* Displaces the dragged items in the scene, not in the archive. */
static void
displace (TfBoardView *self,
          double       dx,
          double       dy)
{
  for (guint i = 0; i < self->drag_ids->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (self->drag_ids, gint64, i));
      const TfRect *origin = &g_array_index (self->drag_origins, TfRect, i);

      if (item == NULL)
        continue;
      item->bounds = TF_RECT_INIT (origin->x + dx, origin->y + dy, origin->width, origin->height);
      tf_scene_item_changed (self->canvas.scene, item);
    }
}

static void
restore_origins (TfBoardView *self,
                 GArray      *reloaded)
{
  for (guint i = 0; i < self->drag_ids->len; i++)
    {
      gint64 id = g_array_index (self->drag_ids, gint64, i);
      TfItem *item = tf_scene_lookup (self->canvas.scene, id);
      gboolean fresh = FALSE;

      for (guint j = 0; reloaded != NULL && j < reloaded->len && !fresh; j++)
        fresh = g_array_index (reloaded, gint64, j) == id;
      if (item == NULL || fresh)
        continue;
      item->bounds = g_array_index (self->drag_origins, TfRect, i);
      tf_scene_item_changed (self->canvas.scene, item);
      if (self->drag_mode == TF_DRAG_RESIZE)
        tf_renderer_invalidate (self->canvas.renderer, id);
    }
}

void
tf_board_view_cancel_drag (TfBoardView *self,
                           GArray      *reloaded)
{
  if (self->drag_mode == TF_DRAG_MOVE || self->drag_mode == TF_DRAG_RESIZE)
    restore_origins (self, reloaded);
  self->drag_mode = TF_DRAG_NONE;
  self->drag_started = FALSE;
  self->link_source = self->link_target = 0;
  self->guide_x = self->guide_y = NAN;
  g_array_set_size (self->drag_ids, 0);
  g_array_set_size (self->drag_origins, 0);
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static TfTool select_tool;

void
tf_board_view_drag_begin (TfBoardView     *self,
                          guint            button,
                          GdkModifierType  state,
                          double           x,
                          double           y)
{
  double bx, by;
  TfItem *item;

  tf_board_view_cancel_drag (self, NULL);
  self->tool_grab = FALSE;
  tf_board_view_stop_animation (self);
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->press_id = 0;
  self->press_toggled = FALSE;

  if (tf_board_view_get_editing (self))
    tf_board_view_stop_editing (self);

  if (button == GDK_BUTTON_MIDDLE || (button == GDK_BUTTON_PRIMARY && self->space_held))
    {
      self->drag_mode = TF_DRAG_PAN;
      self->drag_view_x = self->canvas.x;
      self->drag_view_y = self->canvas.y;
      update_hover (self);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY || self->board_id == 0)
    return;

  /* A read-only archive: a click selects, a drag on the board selects with
   * a rubber band or pans; nothing moves. */
  if (!self->editable)
    {
      tf_board_view_to_board (self, x, y, &bx, &by);
      item = pick (self, bx, by);
      if (item != NULL)
        {
          if (state & GDK_SHIFT_MASK)
            tf_board_view_toggle_selected (self, item->id);
          else
            tf_board_view_select (self, &item->id, 1);
          return;
        }
    }

  /* The current tool first (a stamp, a link…); what it leaves is the
   * select tool's. */
  if (self->tool != NULL && self->tool->klass->press != NULL &&
      self->tool->klass->press (self->tool, self, state, x, y))
    {
      self->tool_grab = TRUE;
      update_hover (self);
      return;
    }
  select_tool.klass->press (&select_tool, self, state, x, y);
}

/* The select tool: the editor's default, under every other one. A press
 * on an actor's edge (or with Ctrl) draws a link, on a handle resizes, on
 * an item selects and moves, on the board draws a rubber band. */
static gboolean
select_press (TfTool          *tool,
              TfBoardView     *self,
              GdkModifierType  state,
              double           x,
              double           y)
{
  double bx, by;
  TfItem *item;
  int handle;

  tf_board_view_to_board (self, x, y, &bx, &by);
  if (self->editable && tf_board_view_link_begin (self, state, bx, by))
    {
      update_hover (self);
      return TRUE;
    }

  handle = tf_board_view_handle_at (self, x, y);
  if (handle >= 0 && self->editable)
    {
      item = tf_scene_lookup (self->canvas.scene, g_array_index (self->selection, gint64, 0));
      self->drag_mode = TF_DRAG_RESIZE;
      self->resize_handle = handle;
      self->resize_rect = item->bounds;
      g_array_append_val (self->drag_ids, item->id);
      g_array_append_val (self->drag_origins, item->bounds);
      return TRUE;
    }

  item = pick (self, bx, by);
  if (item != NULL)
    {
      self->press_id = item->id;
      if (state & GDK_SHIFT_MASK)
        {
          tf_board_view_toggle_selected (self, item->id);
          self->press_toggled = TRUE;
          if (!tf_board_view_is_selected (self, item->id))
            return TRUE;
        }
      else if (!tf_board_view_is_selected (self, item->id))
        {
          tf_board_view_select (self, &item->id, 1);
        }
      self->drag_mode = TF_DRAG_MOVE;
      return TRUE;
    }

  /* Empty board: a rubber band, adding to the selection with Shift. */
  self->rubber_base = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (state & GDK_SHIFT_MASK)
    {
      for (guint i = 0; i < self->selection->len; i++)
        g_hash_table_add (self->rubber_base,
                          g_memdup2 (&g_array_index (self->selection, gint64, i), sizeof (gint64)));
    }
  else
    {
      tf_board_view_clear_selection (self);
    }
  self->rubber = TF_RECT_INIT (bx, by, 0, 0);
  self->drag_mode = TF_DRAG_RUBBER;
  return TRUE;
}

static void
update_rubber (TfBoardView *self,
               double       ox,
               double       oy)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;
  double x0, y0, x1, y1;

  tf_board_view_to_board (self, self->drag_start_x, self->drag_start_y, &x0, &y0);
  tf_board_view_to_board (self, self->drag_start_x + ox, self->drag_start_y + oy, &x1, &y1);
  self->rubber = TF_RECT_INIT (MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0));

  g_hash_table_iter_init (&iter, self->rubber_base);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);

  tf_scene_query (self->canvas.scene, &self->rubber, found);
  for (guint i = 0; i < found->len; i++)
    {
      TfItem *item = g_ptr_array_index (found, i);

      /* A zone only when wholly inside: bands are drawn within zones. */
      if (tf_board_view_is_tidy_container (self, item) && !tf_rect_contains_rect (&self->rubber, &item->bounds))
        continue;
      if (!g_hash_table_contains (self->rubber_base, &item->id))
        g_array_append_val (ids, item->id);
    }
  tf_board_view_select (self, (const gint64 *) ids->data, ids->len);
}

static void
update_resize (TfBoardView     *self,
               GdkModifierType  state,
               double           ox,
               double           oy)
{
  TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (self->drag_ids, gint64, 0));
  const TfRect *o = &g_array_index (self->drag_origins, TfRect, 0);
  int h = self->resize_handle;
  double dx = ox / self->canvas.zoom, dy = oy / self->canvas.zoom;
  double left = o->x, top = o->y, right = o->x + o->width, bottom = o->y + o->height;

  if (item == NULL)
    return;

  if (h == 0 || h == 6 || h == 7)
    left = MIN (left + dx, right - MIN_SIDE);
  if (h >= 2 && h <= 4)
    right = MAX (right + dx, left + MIN_SIDE);
  if (h <= 2)
    top = MIN (top + dy, bottom - MIN_SIDE);
  if (h >= 4 && h <= 6)
    bottom = MAX (bottom + dy, top + MIN_SIDE);

  if (self->snap_to_grid && !(state & GDK_ALT_MASK))
    {
      left = round (left / TF_BOARD_GRID_STEP) * TF_BOARD_GRID_STEP;
      top = round (top / TF_BOARD_GRID_STEP) * TF_BOARD_GRID_STEP;
      right = round (right / TF_BOARD_GRID_STEP) * TF_BOARD_GRID_STEP;
      bottom = round (bottom / TF_BOARD_GRID_STEP) * TF_BOARD_GRID_STEP;
    }

  /* Post-its stay square (they offer only their corners): the larger side
   * wins, the opposite corner stays. */
  if (tf_item_handles (item) == TF_ITEM_HANDLES_CORNERS)
    {
      double side = MAX (MAX (right - left, bottom - top), MIN_SIDE);

      if (h == 0 || h == 6)
        left = right - side;
      else
        right = left + side;
      if (h <= 2)
        top = bottom - side;
      else
        bottom = top + side;
    }

  self->resize_rect = TF_RECT_INIT (left, top, right - left, bottom - top);
  item->bounds = self->resize_rect;
  tf_scene_item_changed (self->canvas.scene, item);
  /* Only this item is drawn again at its new size; the rest comes from caches. */
  tf_renderer_invalidate (self->canvas.renderer, item->id);
}

static void
update_move (TfBoardView     *self,
             GdkModifierType  state,
             double           ox,
             double           oy)
{
  double dx = ox / self->canvas.zoom, dy = oy / self->canvas.zoom;

  if (!self->drag_started)
    {
      if (hypot (ox, oy) < DRAG_THRESHOLD)
        return;
      self->drag_started = TRUE;
      collect_drag_items (self);
    }

  self->guide_x = self->guide_y = NAN;
  if (!(state & GDK_ALT_MASK))
    {
      TfSnap snap = tf_layout_snap (self->canvas.scene, &self->drag_box, dx, dy, self->drag_ignore,
                                    SNAP_PIXELS / self->canvas.zoom,
                                    self->snap_to_grid ? TF_BOARD_GRID_STEP : 0.0);

      dx = snap.dx;
      dy = snap.dy;
      self->guide_x = snap.guide_x;
      self->guide_y = snap.guide_y;
    }

  self->drag_dx = dx;
  self->drag_dy = dy;
  displace (self, dx, dy);
}

void
tf_board_view_drag_update (TfBoardView     *self,
                           GdkModifierType  state,
                           double           ox,
                           double           oy)
{
  if (self->tool_grab)
    {
      if (self->tool != NULL && self->tool->klass->drag != NULL)
        self->tool->klass->drag (self->tool, self, state, ox, oy);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  /* Panning (middle button, Space) is the view's whatever the tool. */
  if (self->drag_mode == TF_DRAG_PAN)
    {
      tf_board_view_set_origin (self, self->drag_view_x - ox / self->canvas.zoom,
                                self->drag_view_y - oy / self->canvas.zoom);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  select_tool.klass->drag (&select_tool, self, state, ox, oy);
}

static void
select_drag (TfTool          *tool,
             TfBoardView     *self,
             GdkModifierType  state,
             double           ox,
             double           oy)
{
  switch (self->drag_mode)
    {
    case TF_DRAG_MOVE:
      update_move (self, state, ox, oy);
      break;

    case TF_DRAG_RUBBER:
      if (!self->drag_started && hypot (ox, oy) >= DRAG_THRESHOLD)
        self->drag_started = TRUE;
      if (self->drag_started)
        update_rubber (self, ox, oy);
      break;

    case TF_DRAG_RESIZE:
      self->drag_started = TRUE;
      update_resize (self, state, ox, oy);
      break;

    case TF_DRAG_LINK:
      {
        double bx, by;

        self->drag_started = TRUE;
        tf_board_view_to_board (self, self->drag_start_x + ox, self->drag_start_y + oy, &bx, &by);
        tf_board_view_link_update (self, bx, by);
      }
      break;

    case TF_DRAG_PAN:
    case TF_DRAG_NONE:
    default:
      return;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The ids a move command gets: not the notes of a zone that moves too, as
 * the command carries them along. */
static GArray *
move_command_ids (TfBoardView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->selection->len; i++)
    {
      gint64 id = g_array_index (self->selection, gint64, i);
      TfItem *item = tf_scene_lookup (self->canvas.scene, id);

      if (item == NULL)
        continue;
      if (item->parent_id != 0 && tf_board_view_is_selected (self, item->parent_id))
        continue;
      /* Links and pools follow what they join. */
      if (tf_item_has_role (item, TF_ITEM_ROLE_CONNECTOR) || tf_board_view_is_derived (self, item))
        continue;
      g_array_append_val (ids, id);
    }
  /* What a pool carried along: its members, each once. */
  for (guint i = 0; i < self->drag_ids->len; i++)
    {
      gint64 id = g_array_index (self->drag_ids, gint64, i);
      gboolean listed = FALSE;

      if (tf_board_view_is_selected (self, id))
        continue;
      for (guint j = 0; j < ids->len && !listed; j++)
        listed = g_array_index (ids, gint64, j) == id;
      if (!listed)
        {
          TfItem *member = tf_scene_lookup (self->canvas.scene, id);

          /* Not a zone's note: the command carries those along. */
          if (member != NULL && (member->parent_id == 0 || !tf_board_view_is_selected (self, member->parent_id)))
            g_array_append_val (ids, id);
        }
    }
  return ids;
}

void
tf_board_view_drag_end (TfBoardView *self)
{
  if (self->tool_grab)
    {
      self->tool_grab = FALSE;
      if (self->tool != NULL && self->tool->klass->release != NULL)
        self->tool->klass->release (self->tool, self);
      tf_board_view_cancel_drag (self, NULL);
    }
  else
    {
      select_tool.klass->release (&select_tool, self);
    }
  update_hover (self);
}

static void
select_release (TfTool      *tool,
                TfBoardView *self)
{
  TfDragMode mode = self->drag_mode;
  gboolean started = self->drag_started;

  if (mode == TF_DRAG_MOVE && started)
    {
      g_autoptr(GArray) ids = move_command_ids (self);
      double dx = self->drag_dx, dy = self->drag_dy;

      /* The archive has the last word: put everything back, then one command. */
      tf_board_view_cancel_drag (self, NULL);
      if ((dx != 0 || dy != 0) && ids->len > 0)
        tf_board_view_move_items (self, (const gint64 *) ids->data, ids->len, dx, dy);
    }
  else if (mode == TF_DRAG_MOVE && !self->press_toggled && self->press_id != 0 &&
           self->selection->len > 1)
    {
      gint64 id = self->press_id;

      /* A click (no drag) on one of several selected items picks it alone. */
      tf_board_view_cancel_drag (self, NULL);
      tf_board_view_select (self, &id, 1);
    }
  else if (mode == TF_DRAG_LINK)
    {
      tf_board_view_link_end (self);
    }
  else if (mode == TF_DRAG_RESIZE && started)
    {
      gint64 id = g_array_index (self->drag_ids, gint64, 0);
      TfRect rect = self->resize_rect;
      TfRect origin = g_array_index (self->drag_origins, TfRect, 0);

      tf_board_view_cancel_drag (self, NULL);
      if (memcmp (&rect, &origin, sizeof rect) != 0)
        {
          g_autoptr(TfCommand) command = tf_command_set_bounds (&id, &rect, 1, NULL);

          tf_board_view_execute (self, command);
        }
    }
  else
    {
      tf_board_view_cancel_drag (self, NULL);
    }
}

/* Drops a move, a resize, a rubber band or a link being drawn. */
static gboolean
select_cancel (TfTool      *tool,
               TfBoardView *self)
{
  gboolean had = self->drag_mode != TF_DRAG_NONE;

  tf_board_view_cancel_drag (self, NULL);
  return had;
}

/* The select tool's gesture, over the selection: the rubber band, the
 * snap guides of a move. */
static void
select_draw_overlay (TfTool      *tool,
                     TfBoardView *self,
                     cairo_t     *cr)
{
  if (self->drag_mode == TF_DRAG_RUBBER && self->drag_started)
    {
      TfRect r;

      tf_board_view_to_widget (self, self->rubber.x, self->rubber.y, &r.x, &r.y);
      r.width = self->rubber.width * self->canvas.zoom;
      r.height = self->rubber.height * self->canvas.zoom;

      cairo_rectangle (cr, round (r.x) + 0.5, round (r.y) + 0.5, round (r.width), round (r.height));
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.08);
      cairo_fill_preserve (cr);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.8);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }

  if (self->drag_mode == TF_DRAG_MOVE && self->drag_started)
    {
      static const double dash[] = { 4.0, 3.0 };

      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_line_width (cr, 1.0);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.9);
      if (!isnan (self->guide_x))
        {
          double gx = round ((self->guide_x - self->canvas.x) * self->canvas.zoom) + 0.5;

          cairo_move_to (cr, gx, 0);
          cairo_line_to (cr, gx, gtk_widget_get_height (GTK_WIDGET (self)));
        }
      if (!isnan (self->guide_y))
        {
          double gy = round ((self->guide_y - self->canvas.y) * self->canvas.zoom) + 0.5;

          cairo_move_to (cr, 0, gy);
          cairo_line_to (cr, gtk_widget_get_width (GTK_WIDGET (self)), gy);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static const TfToolClass select_tool_class = {
  .id = "select",
  .cursor = NULL,
  .press = select_press,
  .drag = select_drag,
  .release = select_release,
  .draw_overlay = select_draw_overlay,
  .cancel = select_cancel,
};

static TfTool select_tool = { &select_tool_class };

TfTool *
tf_board_view_get_select_tool (void)
{
  return &select_tool;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               TfBoardView    *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  tf_board_view_drag_begin (self, button, state, x, y);
  /* Claimed only once the pointer really moves: a claim now would cancel the
   * click gesture, and with it double-clicks. Denied when nothing took the
   * press; a tool that took it (a blur region, an arrow) keeps the gesture,
   * or its drag would end at once, as a click. */
  if (self->drag_mode == TF_DRAG_NONE && !self->tool_grab)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          ox,
                double          oy,
                TfBoardView    *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  tf_board_view_drag_update (self, state, ox, oy);
  if (self->drag_started || self->drag_mode == TF_DRAG_PAN)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          ox,
             double          oy,
             TfBoardView    *self)
{
  tf_board_view_drag_end (self);
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                TfBoardView      *self)
{
  /* The pointer taken elsewhere (a popover the tool's press opened): the
   * tool's gesture ends too, so that no grab is left for Escape to end. */
  if (self->tool_grab)
    {
      if (self->tool != NULL && self->tool->klass->cancel != NULL)
        self->tool->klass->cancel (self->tool, self);
      self->tool_grab = FALSE;
    }
  tf_board_view_cancel_drag (self, NULL);
}

/* Double-click: edit what is under the pointer, or write a note there. On
 * release, once the drag gesture has seen the second press too. */
static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             TfBoardView     *self)
{
  double bx, by;
  TfItem *item;

  if (n_press != 2 || self->board_id == 0)
    return;

  tf_board_view_to_board (self, x, y, &bx, &by);
  if (self->editable && self->type_gui != NULL && self->type_gui->activate != NULL &&
      self->type_gui->activate (self, bx, by))
    {
      tf_board_view_cancel_drag (self, NULL);
      return;
    }
  item = tf_board_view_pick_item (self, bx, by);
  tf_board_view_cancel_drag (self, NULL);
  if (item != NULL)
    tf_board_view_edit_item (self, item->id);
  else
    {
      self->pointer_inside = TRUE;
      self->pointer_x = x;
      self->pointer_y = y;
      tf_board_view_start_capture (self, "");
    }
}

/* The keys that are shortcuts on their own, when their action applies
 * (the board type's actions among them: the wall's votes, the actor map's
 * link tool); otherwise they are the first letter of a new note. */
static const char *
single_key_action (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_v:
      return "wall.vote";
    case GDK_KEY_V:
      return "wall.unvote";
    case GDK_KEY_s:
      return "wall.star";
    case GDK_KEY_l:
      return "actors.link-tool";
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      return "canvas.zoom-fit";
    case GDK_KEY_1:
    case GDK_KEY_KP_1:
      return "canvas.zoom-reset";
    case GDK_KEY_3:
    case GDK_KEY_KP_3:
      return "canvas.zoom-selection";
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      return "canvas.zoom-in";
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      return "canvas.zoom-out";
    default:
      return NULL;
    }
}

/* The current tool's keys, then the board type's: before the view's own
 * shortcuts (a blueprint's arrows move its cell cursor, not the card). */
static gboolean
tool_and_type_key (TfBoardView     *self,
                   guint            keyval,
                   GdkModifierType  state)
{
  if (tf_board_view_get_editing (self) || self->board_id == 0)
    return GDK_EVENT_PROPAGATE;

  if (self->tool != NULL && self->tool->klass->key != NULL &&
      self->tool->klass->key (self->tool, self, keyval, state))
    return GDK_EVENT_STOP;
  if (self->type_gui != NULL && self->type_gui->key != NULL &&
      self->type_gui->key (self, keyval, state))
    return GDK_EVENT_STOP;
  return GDK_EVENT_PROPAGATE;
}

/* Where a menu opened from the keyboard points: a spot of @item that
 * shows it (not one under another item), in the view; widget pixels. */
static gboolean
menu_point (TfBoardView  *self,
            TfItem       *item,
            double       *x,
            double       *y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  TfRect shown, area;
  double bx0, by0, bx1, by1;
  gint64 id = item->id;

  tf_board_view_to_board (self, 0, 0, &bx0, &by0);
  tf_board_view_to_board (self, width, height, &bx1, &by1);
  shown = TF_RECT_INIT (bx0, by0, bx1 - bx0, by1 - by0);
  if (!tf_rect_intersection (&item->bounds, &shown, &area))
    {
      /* Off the view: brought to its middle. */
      tf_board_view_set_origin (self, item->bounds.x + item->bounds.width / 2 - shown.width / 2,
                                item->bounds.y + item->bounds.height / 2 - shown.height / 2);
      item = tf_scene_lookup (self->canvas.scene, id);
      if (item == NULL)
        return FALSE;
      tf_board_view_to_board (self, 0, 0, &bx0, &by0);
      shown = TF_RECT_INIT (bx0, by0, shown.width, shown.height);
      if (!tf_rect_intersection (&item->bounds, &shown, &area))
        return FALSE;
    }
  /* Its middle first, then spots around it, nearest first. */
  for (int ring = 0; ring <= 4; ring++)
    for (int j = -ring; j <= ring; j++)
      for (int i = -ring; i <= ring; i++)
        {
          double bx = area.x + area.width * (0.5 + i / 9.0);
          double by = area.y + area.height * (0.5 + j / 9.0);

          if ((ABS (i) != ring && ABS (j) != ring) || tf_board_view_pick_item (self, bx, by) != item)
            continue;
          tf_board_view_to_widget (self, bx, by, x, y);
          return TRUE;
        }
  tf_board_view_to_widget (self, area.x + area.width / 2, area.y + area.height / 2, x, y);
  return TRUE;
}

/* Shift+F10, the Menu key: the board type's menu for the selection (the
 * one a secondary click opens), pointing at the selected item, or at the
 * pointer with nothing selected; the keyboard in the menu. */
static gboolean
keyboard_menu (TfBoardView *self)
{
  TfItem *item = NULL;
  double x, y;

  if (self->type_gui == NULL || self->type_gui->context_menu == NULL)
    return FALSE;
  if (self->selection->len > 0)
    item = tf_scene_lookup (self->canvas.scene, g_array_index (self->selection, gint64, 0));
  if (item != NULL)
    {
      if (!menu_point (self, item, &x, &y))
        return FALSE;
    }
  else if (self->pointer_inside)
    {
      x = self->pointer_x;
      y = self->pointer_y;
    }
  else
    return FALSE;
  if (!self->type_gui->context_menu (self, x, y))
    return FALSE;
  /* The menu shown on the view: the keyboard goes to its first entry, if
   * it is not there yet. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkRoot *root = gtk_widget_get_root (child);
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child) &&
          (focus == NULL || !gtk_widget_is_ancestor (focus, child)))
        gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
    }
  return TRUE;
}

/* The view's own keys, in the bubble phase: the tool's and the board
 * type's keys already ran in the capture phase (on_key_captured). */
static gboolean
view_key_pressed (TfBoardView     *self,
                  guint            keyval,
                  GdkModifierType  state)
{
  const char *action;
  gunichar c;
  char text[8] = { 0 };

  if (tf_board_view_get_editing (self) || self->board_id == 0)
    return GDK_EVENT_PROPAGATE;

  /* Escape drops the gesture in progress (a link being drawn) first. A press the tool took with
   * nothing under way (a click that made a callout) is no gesture: the
   * same Escape goes on to the tool. */
  if (keyval == GDK_KEY_Escape && (self->tool_grab || self->drag_mode == TF_DRAG_LINK))
    {
      gboolean had;

      if (!self->tool_grab)
        had = select_tool.klass->cancel (&select_tool, self);
      else
        {
          had = self->tool != NULL && self->tool->klass->cancel != NULL &&
                self->tool->klass->cancel (self->tool, self);
          had = had || self->drag_mode != TF_DRAG_NONE;
          tf_board_view_cancel_drag (self, NULL);
        }
      self->tool_grab = FALSE;
      update_hover (self);
      if (had)
        return GDK_EVENT_STOP;
    }
  /* Then it puts the tool down (a stamp tool selects each stamp it makes:
   * one Escape must end it), then clears the selection; it never leaves
   * the board (Alt+Left or the back button do). */
  if (keyval == GDK_KEY_Escape && (state & GDK_MODIFIER_MASK & ~GDK_LOCK_MASK) == 0)
    {
      if (self->tool != NULL)
        {
          tf_board_view_set_tool (self, NULL);
          update_hover (self);
        }
      else if (self->selection->len > 0 || self->key_building)
        tf_board_view_select (self, NULL, 0);
      return GDK_EVENT_STOP;
    }

  if (keyval == GDK_KEY_space && (state & GDK_MODIFIER_MASK & ~GDK_LOCK_MASK) == 0)
    {
      self->space_held = TRUE;
      update_hover (self);
      return GDK_EVENT_STOP;
    }

  if (((keyval == GDK_KEY_Menu && (state & GDK_MODIFIER_MASK & ~GDK_LOCK_MASK) == 0) ||
       (keyval == GDK_KEY_F10 && (state & GDK_MODIFIER_MASK & ~GDK_LOCK_MASK) == GDK_SHIFT_MASK)) &&
      keyboard_menu (self))
    return GDK_EVENT_STOP;

  if (tf_board_view_focus_key (self, keyval, state))
    return GDK_EVENT_STOP;

  /* Tab, Shift+Tab: from item to item in reading order; past the last
   * one the window's Tab takes the keyboard off the board, as Ctrl+Tab
   * and Ctrl+Shift+Tab always do. */
  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab)
    {
      gboolean backwards = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK);

      if (state & (GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
        return GDK_EVENT_PROPAGATE;
      if ((state & GDK_CONTROL_MASK) || !tf_board_view_tab (self, backwards))
        tf_board_view_leave (self, backwards);
      return GDK_EVENT_STOP;
    }

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return GDK_EVENT_PROPAGATE;

  c = gdk_keyval_to_unicode (keyval);
  if (c == 0 || !g_unichar_isprint (c) || g_unichar_isspace (c))
    return GDK_EVENT_PROPAGATE;

  action = single_key_action (keyval);
  if (action != NULL)
    {
      g_autofree char *prefix = g_strndup (action, strchr (action, '.') - action);
      const char *name = strchr (action, '.') + 1;
      GActionGroup *group = g_str_equal (prefix, "canvas") ? G_ACTION_GROUP (self->actions)
                            : tf_board_view_lookup_actions (self, prefix);

      if (group != NULL && g_action_group_get_action_enabled (group, name))
        {
          g_action_group_activate_action (group, name, NULL);
          return GDK_EVENT_STOP;
        }
    }

  /* Capture at the speed of speech: the first letter starts the note,
   * unless the board type takes it (an actor map renames its actor). */
  g_unichar_to_utf8 (c, text);
  if (self->editable && self->type_gui != NULL && self->type_gui->typed != NULL &&
      self->type_gui->typed (self, text))
    return GDK_EVENT_STOP;
  tf_board_view_start_capture (self, text);
  return GDK_EVENT_STOP;
}

/* A key pressed on the focused view, both phases in their order (for
 * callers outside the event controllers). */
gboolean
tf_board_view_key_pressed (TfBoardView     *self,
                           guint            keyval,
                           GdkModifierType  state)
{
  if (tool_and_type_key (self, keyval, state))
    return GDK_EVENT_STOP;
  return view_key_pressed (self, keyval, state);
}

void
tf_board_view_key_released (TfBoardView *self,
                            guint        keyval)
{
  if (keyval == GDK_KEY_space && self->space_held)
    {
      self->space_held = FALSE;
      update_hover (self);
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TfBoardView           *self)
{
  return view_key_pressed (self, keyval, state);
}

static gboolean
on_key_captured (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 TfBoardView           *self)
{
  /* Keys for the inline editor, a child, pass by. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    return GDK_EVENT_PROPAGATE;
  return tool_and_type_key (self, keyval, state);
}

/* A secondary click: the board type's context menu. */
static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      TfBoardView     *self)
{
  if (self->board_id == 0 || self->type_gui == NULL || self->type_gui->context_menu == NULL)
    return;
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->type_gui->context_menu (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 TfBoardView           *self)
{
  tf_board_view_key_released (self, keyval);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                TfBoardView             *self)
{
  self->space_held = FALSE;
}

void
tf_board_view_init_input (TfBoardView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_pinch_scale), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  /* Before the view's own shortcuts: the tool's and the board type's keys. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_captured), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
