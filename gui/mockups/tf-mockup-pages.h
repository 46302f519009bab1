/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* "Choose a Page": a PDF's pages as a grid, each drawn small by the
 * sandboxed helper (TfDecodePages) only once it comes in sight, a blank
 * page meanwhile. Arrows, Home/End, Page Up/Down move, Enter or a double
 * click chooses, Escape cancels; "Go to page" takes a number. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called once: the page chosen (from 0), or -1 when cancelled. */
typedef void (*TfMkPageChosen) (int      page,
                                gpointer user_data);

/* Presents the dialog over @parent for @pdf of @n_pages pages (as the
 * helper counted them), page @selected (from 0) selected. */
GtkWidget *tf_mockup_pages_ask (GtkWindow      *parent,
                                GBytes         *pdf,
                                int             n_pages,
                                int             selected,
                                TfMkPageChosen  chosen,
                                gpointer        user_data);

/* For the tests: whether @dialog is one; the pages its helper drew; its
 * helper's process (0 when none runs); the message on screen, or NULL. */
gboolean    tf_mockup_pages_is_dialog   (GtkWidget *widget);
guint       tf_mockup_pages_get_n_drawn (GtkWidget *dialog);
GPid        tf_mockup_pages_get_pid     (GtkWidget *dialog);
const char *tf_mockup_pages_get_message (GtkWidget *dialog);

G_END_DECLS
