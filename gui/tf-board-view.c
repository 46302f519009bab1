/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <math.h>

#include "tf-board-view.h"

/* The surface of a board: paper with a dot grid. The canvas engine will draw
 * the items on top of it. */
struct _TfBoardView
{
  GtkWidget parent_instance;

  double    zoom;
};

G_DEFINE_FINAL_TYPE (TfBoardView, tf_board_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define GRID_STEP 24.0

/* Paints warm off-white paper (#f6f3ec) with a dot every GRID_STEP units,
 * scaled by @zoom. */
static void
draw_paper (cairo_t *cr,
            int      width,
            int      height,
            double   zoom)
{
  double step = GRID_STEP * zoom;
  double radius = MAX (0.8, 1.1 * zoom);

  cairo_set_source_rgb (cr, 0xf6 / 255.0, 0xf3 / 255.0, 0xec / 255.0);
  cairo_paint (cr);

  /* Zoomed far out, every other dot keeps the grid from turning grey. */
  while (step < 8.0)
    step *= 2.0;

  cairo_set_source_rgba (cr, 0.45, 0.40, 0.30, 0.28);
  for (double y = step / 2.0; y < height; y += step)
    for (double x = step / 2.0; x < width; x += step)
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      }
  cairo_fill (cr);
}

static void
tf_board_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TfBoardView *self = TF_BOARD_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_paper (cr, width, height, self->zoom);
  cairo_destroy (cr);
}

static gboolean
tf_board_view_scroll (TfBoardView              *self,
                      double                    dx,
                      double                    dy,
                      GtkEventControllerScroll *controller)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return GDK_EVENT_PROPAGATE;

  if (dy < 0)
    tf_board_view_set_zoom (self, self->zoom * TF_BOARD_VIEW_ZOOM_STEP);
  else
    tf_board_view_set_zoom (self, self->zoom / TF_BOARD_VIEW_ZOOM_STEP);
  return GDK_EVENT_STOP;
}

static void
tf_board_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TfBoardView *self = TF_BOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_board_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TfBoardView *self = TF_BOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      tf_board_view_set_zoom (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_board_view_class_init (TfBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tf_board_view_get_property;
  object_class->set_property = tf_board_view_set_property;

  widget_class->snapshot = tf_board_view_snapshot;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         TF_BOARD_VIEW_MIN_ZOOM, TF_BOARD_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "boardview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tf_board_view_init (TfBoardView *self)
{
  GtkEventController *scroll;

  self->zoom = 1.0;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (tf_board_view_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}

GtkWidget *
tf_board_view_new (void)
{
  return g_object_new (TF_TYPE_BOARD_VIEW, NULL);
}

double
tf_board_view_get_zoom (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), 1.0);

  return self->zoom;
}

void
tf_board_view_set_zoom (TfBoardView *self,
                        double       zoom)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  zoom = CLAMP (zoom, TF_BOARD_VIEW_MIN_ZOOM, TF_BOARD_VIEW_MAX_ZOOM);
  if (fabs (zoom - self->zoom) < 1e-9)
    return;

  self->zoom = zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}
