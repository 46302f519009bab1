/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tf-widget-util.h"

gboolean
tf_widget_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}
