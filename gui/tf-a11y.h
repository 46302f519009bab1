/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Accessible names that GTK 4.8 leaves out or reads twice, given in one
 * place for every window and dialog of the process. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Names, as each control is first shown (a hook on GtkWidget::map):
 * - a button or menu button that GTK does not name (its child set by hand,
 *   an icon) is named by the text it shows, else by its tooltip without
 *   the shortcut in parentheses ("Find on the Board" for "Find on the
 *   Board (Ctrl+F)"), and follows them; a menu button with a label by
 *   its label;
 * - a button whose label has a mnemonic is named once, by its label: GTK
 *   4.8 gives it both its raw label and the label widget ("_Export…
 *   Export…");
 * - a search entry with no name is named by its placeholder;
 * - a spin button, switch, drop-down, scale or check box at the end of a
 *   libadwaita row is named by the row's title;
 * - a list item with no name is labelled by the texts it shows.
 * Idempotent; the application calls it at startup. */
void tf_a11y_install   (void);

/* Gives @widget the accessible name @label, which the hook above never
 * replaces (for a control whose tooltip tells a state, not what it is). */
void tf_a11y_set_label (GtkWidget  *widget,
                        const char *label);

/* Keeps the accessible name @widget was given in its .ui file: the hook
 * above never replaces it. */
void tf_a11y_keep_label (GtkWidget *widget);

/* The name a tooltip gives: @tooltip without a final " (Ctrl+F)" shortcut
 * hint. Newly allocated; NULL for NULL or an empty text. */
char *tf_a11y_name_from_tooltip (const char *tooltip) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
