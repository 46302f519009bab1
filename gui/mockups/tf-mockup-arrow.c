/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-gui"

#include <math.h>

#include "gui/tf-board-view-private.h"
#include "mockups/tf-mockup-items.h"
#include "tf-mockup-gui.h"

/* The selected arrow shows a handle at each end; a drag from one moves
 * that end (drawn live), one command when released. */

#define ARROW_KEY "tf-mockup-arrow"
#define RADIUS 7.0
#define GRAB   14.0

typedef struct {
  gint64 id;
  int    end;          /* 0: "from", 1: "to" */
  double x[2], y[2];   /* the ends as moved, board units */
} ArrowDrag;

static TfItem *
selected_arrow (TfBoardView *view)
{
  g_autoptr(GArray) selection = tf_board_view_get_selection (view);
  TfScene *scene = tf_board_view_get_scene (view);
  TfItem *item;

  if (selection->len != 1 || scene == NULL)
    return NULL;
  item = tf_scene_lookup (scene, g_array_index (selection, gint64, 0));
  return item != NULL && item->kind == &tf_mk_arrow_kind ? item : NULL;
}

static ArrowDrag *
get_drag (TfBoardView *view)
{
  return g_object_get_data (G_OBJECT (view), ARROW_KEY);
}

gboolean
tf_mockup_arrow_press (TfBoardView *view,
                       double       x,
                       double       y)
{
  TfItem *item = selected_arrow (view);
  ArrowDrag drag = { 0 };

  if (item == NULL || !tf_mk_arrow_item_ends (item, &drag.x[0], &drag.y[0], &drag.x[1], &drag.y[1]))
    return FALSE;
  /* The head first: it is what one points with. */
  for (int end = 1; end >= 0; end--)
    {
      double wx, wy;

      tf_board_view_to_widget (view, drag.x[end], drag.y[end], &wx, &wy);
      if (hypot (wx - x, wy - y) <= GRAB)
        {
          drag.id = item->id;
          drag.end = end;
          g_object_set_data_full (G_OBJECT (view), ARROW_KEY, g_memdup2 (&drag, sizeof drag), g_free);
          return TRUE;
        }
    }
  return FALSE;
}

void
tf_mockup_arrow_drag (TfBoardView *view,
                      double       x,
                      double       y)
{
  ArrowDrag *drag = get_drag (view);

  if (drag == NULL)
    return;
  tf_board_view_to_board (view, x, y, &drag->x[drag->end], &drag->y[drag->end]);
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

void
tf_mockup_arrow_release (TfBoardView *view)
{
  ArrowDrag *drag = get_drag (view);
  ArrowDrag done;

  if (drag == NULL)
    return;
  done = *drag;
  g_object_set_data (G_OBJECT (view), ARROW_KEY, NULL);
  if (hypot (done.x[1] - done.x[0], done.y[1] - done.y[0]) * tf_board_view_get_zoom (view) >= 4)
    tf_mockup_gui_run (view, tf_mk_command_set_arrow (done.id, done.x[0], done.y[0], done.x[1], done.y[1]));
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

void
tf_mockup_arrow_cancel (TfBoardView *view)
{
  if (get_drag (view) == NULL)
    return;
  g_object_set_data (G_OBJECT (view), ARROW_KEY, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

void
tf_mockup_arrow_draw (TfBoardView *view,
                      cairo_t     *cr)
{
  TfItem *item = selected_arrow (view);
  ArrowDrag *drag = get_drag (view);
  double x[2], y[2], wx[2], wy[2];

  if (item == NULL || !tf_mk_arrow_item_ends (item, &x[0], &y[0], &x[1], &y[1]))
    return;
  if (drag != NULL && drag->id == item->id)
    {
      memcpy (x, drag->x, sizeof x);
      memcpy (y, drag->y, sizeof y);
    }
  for (int i = 0; i < 2; i++)
    tf_board_view_to_widget (view, x[i], y[i], &wx[i], &wy[i]);
  cairo_save (cr);
  if (drag != NULL && drag->id == item->id)
    {
      cairo_move_to (cr, wx[0], wy[0]);
      cairo_line_to (cr, wx[1], wy[1]);
      cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  for (int i = 0; i < 2; i++)
    {
      gboolean active = drag != NULL && drag->id == item->id && drag->end == i;

      cairo_arc (cr, wx[i], wy[i], active ? RADIUS + 2 : RADIUS, 0, 2 * G_PI);
      if (active)
        tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
