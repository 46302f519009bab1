/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include "tf-board-view-private.h"

/* The editor's viewport is its canvas's (tf-canvas-view.c): these names
 * stay for the rest of gui/ and the tests. */

#define CANVAS(self) (&(self)->canvas)

double
tf_board_view_get_min_zoom (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), TF_BOARD_VIEW_MIN_ZOOM);

  return tf_canvas_view_get_min_zoom (CANVAS (self));
}

void
tf_board_view_to_board (TfBoardView *self,
                        double       x,
                        double       y,
                        double      *board_x,
                        double      *board_y)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  tf_canvas_view_to_board (CANVAS (self), x, y, board_x, board_y);
}

void
tf_board_view_to_widget (TfBoardView *self,
                         double       board_x,
                         double       board_y,
                         double      *x,
                         double      *y)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  tf_canvas_view_to_widget (CANVAS (self), board_x, board_y, x, y);
}

void
tf_board_view_set_origin (TfBoardView *self,
                          double       x,
                          double       y)
{
  tf_canvas_view_set_origin (CANVAS (self), x, y);
}

void
tf_board_view_set_zoom_internal (TfBoardView *self,
                                 double       zoom)
{
  tf_canvas_view_set_zoom_internal (CANVAS (self), zoom);
}

void
tf_board_view_stop_animation (TfBoardView *self)
{
  tf_canvas_view_stop_animation (CANVAS (self));
}

void
tf_board_view_zoom_at (TfBoardView *self,
                       double       zoom,
                       double       x,
                       double       y)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  tf_canvas_view_zoom_at (CANVAS (self), zoom, x, y);
}

void
tf_board_view_animate_centre (TfBoardView *self,
                              double       cx,
                              double       cy,
                              double       zoom)
{
  tf_canvas_view_animate_centre (CANVAS (self), cx, cy, zoom);
}

void
tf_board_view_animate_to (TfBoardView  *self,
                          const TfRect *area,
                          double        max_zoom)
{
  tf_canvas_view_animate_to (CANVAS (self), area, max_zoom);
}

void
tf_board_view_fit_all (TfBoardView *self,
                       gboolean     animate)
{
  tf_canvas_view_fit_all (CANVAS (self), animate);
}

void
tf_board_view_reveal_item (TfBoardView *self,
                           gint64       id)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  tf_canvas_view_reveal_item (CANVAS (self), id);
}

void
tf_board_view_set_zoom (TfBoardView *self,
                        double       zoom)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  tf_canvas_view_set_zoom (CANVAS (self), zoom);
}

double
tf_board_view_get_zoom (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), 1.0);

  return tf_canvas_view_get_zoom (CANVAS (self));
}

gboolean
tf_board_view_get_empty (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), TRUE);

  return tf_canvas_view_get_empty (CANVAS (self));
}

void
tf_board_view_set_highlights (TfBoardView  *self,
                              const gint64 *ids,
                              guint         n_ids,
                              gint64        current)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  tf_canvas_view_set_highlights (CANVAS (self), ids, n_ids, current);
}
