/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tf-view-popover.h"

typedef struct {
  TfBoardView  *view;
  GtkWidget   **slot;
} Shown;

/* Once closed, a popover leaves the view, after GTK is done with it. */
static gboolean
unparent_later (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL && !gtk_widget_get_visible (popover))
    gtk_widget_unparent (popover);
  g_object_unref (popover);
  return G_SOURCE_REMOVE;
}

static void
on_closed (GtkPopover *popover,
           Shown      *shown)
{
  if (*shown->slot == GTK_WIDGET (popover))
    *shown->slot = NULL;
  g_idle_add (unparent_later, g_object_ref (popover));
  gtk_widget_grab_focus (GTK_WIDGET (shown->view));
}

void
tf_view_popover_close (GtkWidget **slot)
{
  g_return_if_fail (slot != NULL);

  if (*slot != NULL)
    gtk_popover_popdown (GTK_POPOVER (*slot));
}

void
tf_view_popover_clear (GtkWidget **slot)
{
  g_return_if_fail (slot != NULL);

  if (*slot == NULL)
    return;
  g_signal_handlers_disconnect_matched (*slot, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_closed, NULL);
  gtk_widget_unparent (*slot);
  *slot = NULL;
}

void
tf_view_popover_show (TfBoardView  *view,
                      GtkWidget   **slot,
                      GtkWidget    *popover,
                      const TfRect *board_rect)
{
  /* Copied first: closing the open popover moves the focus to the view, a
   * focus-out commit in a side panel may reload the scene and free the item
   * whose bounds board_rect points to. */
  TfRect where = *board_rect;
  GtkWidget *widget = GTK_WIDGET (view);
  double x0, y0, x1, y1;
  GdkRectangle rect;
  Shown *shown;

  g_return_if_fail (TF_IS_BOARD_VIEW (view));
  g_return_if_fail (slot != NULL && GTK_IS_POPOVER (popover));

  tf_view_popover_close (slot);
  tf_board_view_to_widget (view, where.x, where.y, &x0, &y0);
  tf_board_view_to_widget (view, where.x + where.width, where.y + where.height, &x1, &y1);
  x0 = CLAMP (x0, 0, gtk_widget_get_width (widget) - 1);
  x1 = CLAMP (x1, x0 + 1, gtk_widget_get_width (widget));
  y0 = CLAMP (y0, 0, gtk_widget_get_height (widget) - 1);
  y1 = CLAMP (y1, y0 + 1, gtk_widget_get_height (widget));
  rect = (GdkRectangle) { (int) x0, (int) y0, MAX (1, (int) (x1 - x0)), MAX (1, (int) (y1 - y0)) };
  gtk_widget_set_parent (popover, widget);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
  shown = g_new (Shown, 1);
  shown->view = view;
  shown->slot = slot;
  g_signal_connect_data (popover, "closed", G_CALLBACK (on_closed), shown,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  *slot = popover;
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_widget_queue_allocate (widget);
}
