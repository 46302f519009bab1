/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-blueprint-gui"

#include "blueprints/tf-blueprint-commands.h"
#include "gui/tf-board-view-private.h"
#include "tf-blueprint-gui.h"

/* The arrow tool of a blueprint: a press on a card, a drag to another, and
 * one add-arrow command (routed by the blueprint's settle). A press off a
 * card is the select tool's. */

typedef struct {
  TfTool  parent;
  gint64  from;
  gint64  to;       /* the card under the loose end, 0 for none */
  double  x;        /* the loose end, board units */
  double  y;
} ArrowTool;

static gboolean
arrow_press (TfTool          *tool,
             TfBoardView     *view,
             GdkModifierType  state,
             double           x,
             double           y)
{
  ArrowTool *self = (ArrowTool *) tool;
  double bx, by;

  tf_board_view_to_board (view, x, y, &bx, &by);
  self->from = tf_blueprint_gui_card_at (view, bx, by);
  self->to = 0;
  self->x = bx;
  self->y = by;
  if (self->from != 0)
    tf_board_view_select (view, &self->from, 1);
  return self->from != 0;
}

static void
arrow_drag (TfTool          *tool,
            TfBoardView     *view,
            GdkModifierType  state,
            double           ox,
            double           oy)
{
  ArrowTool *self = (ArrowTool *) tool;

  view->drag_started = TRUE;
  tf_board_view_to_board (view, view->drag_start_x + ox, view->drag_start_y + oy, &self->x, &self->y);
  self->to = tf_blueprint_gui_card_at (view, self->x, self->y);
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

static void
arrow_release (TfTool      *tool,
               TfBoardView *view)
{
  ArrowTool *self = (ArrowTool *) tool;
  gint64 from = self->from, to = self->to;

  self->from = self->to = 0;
  gtk_widget_queue_draw (GTK_WIDGET (view));
  /* A card to itself only by the context menu's loop, not by a slip. */
  if (from != 0 && to != 0 && from != to)
    {
      g_autoptr(TfCommand) command = tf_bp_command_add_arrow (view->board_id, from, to, FALSE, FALSE);

      if (tf_board_view_execute (view, command))
        {
          gint64 id = tf_command_get_result_id (command);

          if (id != 0)
            tf_board_view_select (view, &id, 1);
        }
    }
}

static void
arrow_draw_overlay (TfTool      *tool,
                    TfBoardView *view,
                    cairo_t     *cr)
{
  ArrowTool *self = (ArrowTool *) tool;
  TfItem *from, *to;
  double x0, y0, x1, y1;

  if (self->from == 0)
    return;
  from = tf_scene_lookup (tf_board_view_get_scene (view), self->from);
  if (from == NULL)
    return;
  tf_board_view_to_widget (view, from->bounds.x + from->bounds.width / 2,
                           from->bounds.y + from->bounds.height / 2, &x0, &y0);
  to = self->to != 0 ? tf_scene_lookup (tf_board_view_get_scene (view), self->to) : NULL;
  if (to != NULL)
    {
      double tx, ty, tx1, ty1;

      tf_board_view_to_widget (view, to->bounds.x, to->bounds.y, &tx, &ty);
      tf_board_view_to_widget (view, to->bounds.x + to->bounds.width, to->bounds.y + to->bounds.height,
                               &tx1, &ty1);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.9);
      cairo_set_line_width (cr, 3.0);
      cairo_rectangle (cr, tx - 3, ty - 3, tx1 - tx + 6, ty1 - ty + 6);
      cairo_stroke (cr);
    }
  tf_board_view_to_widget (view, self->x, self->y, &x1, &y1);
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
  cairo_set_line_width (cr, 2.5);
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
  cairo_arc (cr, x1, y1, 4.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static gboolean
arrow_cancel (TfTool      *tool,
              TfBoardView *view)
{
  ArrowTool *self = (ArrowTool *) tool;
  gboolean had = self->from != 0;

  self->from = self->to = 0;
  gtk_widget_queue_draw (GTK_WIDGET (view));
  return had;
}

static const TfToolClass arrow_tool_class = {
  .id = "blueprint-arrow",
  .cursor = "crosshair",
  .press = arrow_press,
  .drag = arrow_drag,
  .release = arrow_release,
  .draw_overlay = arrow_draw_overlay,
  .cancel = arrow_cancel,
};

TfTool *
tf_blueprint_arrow_tool_new (void)
{
  ArrowTool *tool = g_new0 (ArrowTool, 1);

  tool->parent.klass = &arrow_tool_class;
  return &tool->parent;
}

gboolean
tf_blueprint_arrow_tool_is (TfTool *tool)
{
  return tool != NULL && tool->klass == &arrow_tool_class;
}
