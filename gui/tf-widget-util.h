/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Small questions about widgets that several parts of the window ask. */

#include <adwaita.h>

G_BEGIN_DECLS

/* Whether the keyboard focus of @widget's window is on @widget or inside
 * it (a field being typed in keeps its text when the model refreshes). */
gboolean tf_widget_focus_within (GtkWidget *widget);

/* Shows a toast saying @title in @overlay (with a button @button_label
 * activating @action_name, when not NULL) in place of the one shown this
 * way before, which goes at once: ten undos or deletions in a row show one
 * toast, the last one's, not ten queued. A toast shown less than a moment
 * ago says the new words instead of going (libadwaita 1.2 frees a toast
 * dismissed during its show animation twice). Returns the toast shown,
 * owned by @overlay. */
AdwToast *tf_widget_replace_toast   (AdwToastOverlay *overlay,
                                     const char      *title,
                                     const char      *button_label,
                                     const char      *action_name);
/* The toast tf_widget_replace_toast() last showed in @overlay while it
 * shows or waits, else NULL. */
AdwToast *tf_widget_replaced_toast  (AdwToastOverlay *overlay);

/* Hides @button's tooltip while its menu or popover is open (GTK 4.8
 * leaves it over the first item), whichever popover it gets later. */
void      tf_widget_quiet_tooltip_while_open (GtkMenuButton *button);

/* Makes @widget a hint line over a board (a GtkOverlay's overlay):
 * centred at the top (@valign GTK_ALIGN_START) or the bottom, dark
 * ("osd"), never taking the pointer, hidden until shown. */
void      tf_widget_make_osd_hint (GtkWidget *widget,
                                   GtkAlign   valign);

/* A spin button in a scrolled page takes the mouse wheel only once it has
 * the keyboard focus: before that, the wheel scrolls the page (a value
 * changed by a scroll over it is an accident, and an undo step). */
void      tf_widget_spin_wheel_when_focused (GtkWidget *spin);
/* Appends @label running @action to @menu, with @accel (or none) shown
 * beside it as the key that does it. */
void      tf_widget_menu_append (GMenu      *menu,
                                 const char *label,
                                 const char *action,
                                 const char *accel);

/* Makes @widget (an overlay of a board, as a kind's tool rail) a pane
 * that F6 and Shift+F6 visit between the board and its side panel;
 * @enter gives it the keyboard (NULL: its first control). */
typedef gboolean (*TfPaneEnter) (GtkWidget *pane,
                                 gpointer   data);
void      tf_widget_set_pane   (GtkWidget   *widget,
                                TfPaneEnter  enter,
                                gpointer     data);
/* Whether @widget was made a pane; gives it the keyboard when @enter. */
gboolean  tf_widget_is_pane    (GtkWidget   *widget);
gboolean  tf_widget_enter_pane (GtkWidget   *widget);

/* A texture holding a copy of @surface's pixels (an ARGB32 image
 * surface, flushed here); any thread. */
GdkTexture *tf_texture_new_for_surface (cairo_surface_t *surface) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
