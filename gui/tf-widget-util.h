/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Small questions about widgets that several parts of the window ask. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether the keyboard focus of @widget's window is on @widget or inside
 * it (a field being typed in keeps its text when the model refreshes). */
gboolean tf_widget_focus_within (GtkWidget *widget);

G_END_DECLS
