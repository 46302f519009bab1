/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-history-buttons"

#include <glib/gi18n.h>

#include "tf-a11y.h"
#include "tf-history-buttons.h"

/* Undo and redo buttons for a header bar; their tooltips name the edit. */
struct _TfHistoryButtons
{
  GtkBox     parent_instance;

  TfHistory *history;
};

G_DEFINE_FINAL_TYPE (TfHistoryButtons, tf_history_buttons, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
undo_tooltip (gpointer    unused,
              const char *label)
{
  if (label == NULL)
    return g_strdup (_("Nothing to undo"));

  /* Translators: %s is the name of an edit, such as “Set title”. */
  return g_strdup_printf (_("Undo “%s”"), label);
}

static char *
redo_tooltip (gpointer    unused,
              const char *label)
{
  if (label == NULL)
    return g_strdup (_("Nothing to redo"));

  /* Translators: %s is the name of an edit, such as “Set title”. */
  return g_strdup_printf (_("Redo “%s”"), label);
}

static void
tf_history_buttons_dispose (GObject *object)
{
  TfHistoryButtons *self = TF_HISTORY_BUTTONS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TF_TYPE_HISTORY_BUTTONS);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (tf_history_buttons_parent_class)->dispose (object);
}

static void
tf_history_buttons_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TfHistoryButtons *self = TF_HISTORY_BUTTONS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_history_buttons_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TfHistoryButtons *self = TF_HISTORY_BUTTONS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      tf_history_buttons_set_history (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_history_buttons_class_init (TfHistoryButtonsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_history_buttons_dispose;
  object_class->get_property = tf_history_buttons_get_property;
  object_class->set_property = tf_history_buttons_set_property;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         TF_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/transfo/Transfo/tf-history-buttons.ui");
  gtk_widget_class_bind_template_callback (widget_class, undo_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, redo_tooltip);
}

static void
tf_history_buttons_init (TfHistoryButtons *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* "Undo" and "Redo", from the .ui: their tooltips tell the edit, or that
   * there is none, which names no button. */
  for (GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self));
       button != NULL;
       button = gtk_widget_get_next_sibling (button))
    tf_a11y_keep_label (button);
}

TfHistory *
tf_history_buttons_get_history (TfHistoryButtons *self)
{
  g_return_val_if_fail (TF_IS_HISTORY_BUTTONS (self), NULL);

  return self->history;
}

void
tf_history_buttons_set_history (TfHistoryButtons *self,
                                TfHistory        *history)
{
  g_return_if_fail (TF_IS_HISTORY_BUTTONS (self));
  g_return_if_fail (history == NULL || TF_IS_HISTORY (history));

  if (g_set_object (&self->history, history))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}
