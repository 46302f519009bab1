/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <math.h>

#include "insights/tf-insight.h"
#include "tf-board-view-private.h"

/* Where the board is seen from: board and widget coordinates, zooming
 * around a point, and smooth moves to an area or an item. */

/* Room around a fitted board: at most this, less in a narrow view so that
 * notes stay large enough for the renderer to draw their text. */
#define FIT_MARGIN     48.0
#define FIT_MAX_ZOOM   1.5
#define ANIMATION_USEC (280 * G_TIME_SPAN_MILLISECOND)

/* The furthest zoom out: 2 %, or less on a board too big for that, so that
 * any board fits with room around it (a 100k wall). */
double
tf_board_view_get_min_zoom (TfBoardView *self)
{
  TfRect extents = self->scene != NULL ? tf_scene_get_extents (self->scene) : TF_RECT_INIT (0, 0, 0, 0);
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 100);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 100);
  double fit;

  if (tf_rect_is_empty (&extents))
    return TF_BOARD_VIEW_MIN_ZOOM;
  fit = MIN (width / extents.width, height / extents.height);
  return CLAMP (fit / 2, 1e-4, TF_BOARD_VIEW_MIN_ZOOM);
}

void
tf_board_view_to_board (TfBoardView *self,
                        double       x,
                        double       y,
                        double      *board_x,
                        double      *board_y)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  if (board_x)
    *board_x = self->x + x / self->zoom;
  if (board_y)
    *board_y = self->y + y / self->zoom;
}

void
tf_board_view_to_widget (TfBoardView *self,
                         double       board_x,
                         double       board_y,
                         double      *x,
                         double      *y)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  if (x)
    *x = (board_x - self->x) * self->zoom;
  if (y)
    *y = (board_y - self->y) * self->zoom;
}

void
tf_board_view_set_origin (TfBoardView *self,
                          double       x,
                          double       y)
{
  if (!isfinite (x) || !isfinite (y))
    return;
  self->x = x;
  self->y = y;
  /* The editor follows its note. */
  if (tf_board_view_get_editing (self))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tf_board_view_stop_animation (TfBoardView *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

void
tf_board_view_zoom_at (TfBoardView *self,
                       double       zoom,
                       double       x,
                       double       y)
{
  double bx, by;

  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  if (!isfinite (zoom))
    return;
  zoom = CLAMP (zoom, tf_board_view_get_min_zoom (self), TF_BOARD_VIEW_MAX_ZOOM);
  tf_board_view_to_board (self, x, y, &bx, &by);
  self->x = bx - x / zoom;
  self->y = by - y / zoom;
  tf_board_view_set_zoom_internal (self, zoom);
  tf_board_view_set_origin (self, self->x, self->y);
}

/* Centre and zoom, for animations. */
static void
set_centre (TfBoardView *self,
            double       cx,
            double       cy,
            double       zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  tf_board_view_set_zoom_internal (self, zoom);
  tf_board_view_set_origin (self, cx - width / 2.0 / zoom, cy - height / 2.0 / zoom);
}

static gboolean
animation_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  TfBoardView *self = TF_BOARD_VIEW (widget);
  double t = (gdk_frame_clock_get_frame_time (clock) - self->anim_start) / (double) ANIMATION_USEC;
  double e, zoom;

  t = CLAMP (t, 0.0, 1.0);
  e = 1.0 - pow (1.0 - t, 3.0);
  /* Zoom changes feel even when interpolated on a log scale. */
  zoom = exp (log (self->anim_from[2]) + (log (self->anim_to[2]) - log (self->anim_from[2])) * e);
  set_centre (self,
              self->anim_from[0] + (self->anim_to[0] - self->anim_from[0]) * e,
              self->anim_from[1] + (self->anim_to[1] - self->anim_from[1]) * e,
              zoom);

  if (t >= 1.0)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
animations_enabled (TfBoardView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

void
tf_board_view_animate_centre (TfBoardView *self,
                              double       cx,
                              double       cy,
                              double       zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  GdkFrameClock *clock;

  tf_board_view_stop_animation (self);
  zoom = CLAMP (zoom, tf_board_view_get_min_zoom (self), TF_BOARD_VIEW_MAX_ZOOM);
  self->anim_to[0] = cx;
  self->anim_to[1] = cy;
  self->anim_to[2] = zoom;

  if (!animations_enabled (self) || width <= 0 || height <= 0)
    {
      set_centre (self, cx, cy, zoom);
      return;
    }

  self->anim_from[0] = self->x + width / 2.0 / self->zoom;
  self->anim_from[1] = self->y + height / 2.0 / self->zoom;
  self->anim_from[2] = self->zoom;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  self->anim_start = clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick, NULL, NULL);
}

void
tf_board_view_animate_to (TfBoardView  *self,
                          const TfRect *area,
                          double        max_zoom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  TfViewport target;

  if (width <= 0 || height <= 0)
    {
      tf_board_view_stop_animation (self);
      self->needs_fit = TRUE;
      return;
    }

  tf_viewport_fit (&target, area, width, height,
                   MIN (FIT_MARGIN, MIN (width, height) / 20.0),
                   tf_board_view_get_min_zoom (self),
                   MAX (max_zoom, tf_board_view_get_min_zoom (self)));
  tf_board_view_animate_centre (self, target.x + width / 2.0 / target.zoom,
                                target.y + height / 2.0 / target.zoom, target.zoom);
}

void
tf_board_view_fit_all (TfBoardView *self,
                       gboolean     animate)
{
  TfRect extents = tf_scene_get_extents (self->scene);
  double max_zoom = FIT_MAX_ZOOM;

  /* An empty board shows where the first note goes, at its real size. */
  if (tf_rect_is_empty (&extents))
    {
      extents = TF_RECT_INIT (0, 0, TF_NOTE_MEDIUM_SIDE, TF_NOTE_MEDIUM_SIDE);
      max_zoom = 1.0;
    }

  if (animate)
    {
      tf_board_view_animate_to (self, &extents, max_zoom);
    }
  else
    {
      int width = gtk_widget_get_width (GTK_WIDGET (self));
      int height = gtk_widget_get_height (GTK_WIDGET (self));
      TfViewport target;

      tf_board_view_stop_animation (self);
      if (width <= 0 || height <= 0)
        {
          self->needs_fit = TRUE;
          return;
        }
      tf_viewport_fit (&target, &extents, width, height, MIN (FIT_MARGIN, MIN (width, height) / 20.0),
                       tf_board_view_get_min_zoom (self), max_zoom);
      tf_board_view_set_zoom_internal (self, target.zoom);
      tf_board_view_set_origin (self, target.x, target.y);
    }
}

void
tf_board_view_reveal_item (TfBoardView *self,
                           gint64       id)
{
  TfItem *item;
  double side, zoom;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  item = tf_scene_lookup (self->scene, id);
  if (item == NULL || item->hidden)
    return;

  /* Keep the zoom if the note is legible at it, else come close enough to read. */
  side = MIN (item->bounds.width, item->bounds.height);
  zoom = side * self->zoom >= 150.0 ? self->zoom : MAX (self->zoom, 1.0);
  if (width > 0 && height > 0)
    zoom = MIN (zoom, MIN (width, height) * 0.8 / MAX (side, 1.0));
  tf_board_view_animate_centre (self, item->bounds.x + item->bounds.width / 2,
                                item->bounds.y + item->bounds.height / 2, zoom);
}
