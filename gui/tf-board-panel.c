/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "tf-board-panel.h"

G_DEFINE_ABSTRACT_TYPE (TfBoardPanel, tf_board_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tf_board_panel_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, tf_board_panel_get_view (TF_BOARD_PANEL (object)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_board_panel_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_VIEW:
      tf_board_panel_set_view (TF_BOARD_PANEL (object), g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_board_panel_class_init (TfBoardPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tf_board_panel_get_property;
  object_class->set_property = tf_board_panel_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL,
                         TF_TYPE_BOARD_VIEW,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The template holds no child of its own: nothing to dispose. */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/transfo/Transfo/tf-board-panel.ui");
}

/* Escape in a field of the panel goes back to the board, as a facilitator
 * expects from a side panel; leaving the field commits what was typed. */
static gboolean
on_key_pressed (TfBoardPanel          *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  TfBoardView *view;

  (void) keycode;
  (void) controller;
  if (keyval != GDK_KEY_Escape || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  view = tf_board_panel_get_view (self);
  if (view == NULL || !gtk_widget_get_mapped (GTK_WIDGET (view)))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (view));
}

static void
tf_board_panel_init (TfBoardPanel *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

TfBoardView *
tf_board_panel_get_view (TfBoardPanel *self)
{
  g_return_val_if_fail (TF_IS_BOARD_PANEL (self), NULL);

  return TF_BOARD_PANEL_GET_CLASS (self)->get_view != NULL
         ? TF_BOARD_PANEL_GET_CLASS (self)->get_view (self) : NULL;
}

void
tf_board_panel_return_focus (TfBoardPanel *self)
{
  TfBoardView *view;

  g_return_if_fail (TF_IS_BOARD_PANEL (self));

  view = tf_board_panel_get_view (self);
  if (view != NULL && gtk_widget_get_mapped (GTK_WIDGET (view)))
    gtk_widget_grab_focus (GTK_WIDGET (view));
}

void
tf_board_panel_set_view (TfBoardPanel *self,
                         TfBoardView  *view)
{
  g_return_if_fail (TF_IS_BOARD_PANEL (self));
  g_return_if_fail (view == NULL || TF_IS_BOARD_VIEW (view));

  if (TF_BOARD_PANEL_GET_CLASS (self)->set_view != NULL)
    TF_BOARD_PANEL_GET_CLASS (self)->set_view (self, view);
}
