/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "canvas/tf-rect.h"
#include "gui/tf-board-view.h"

G_BEGIN_DECLS

/* A popover a board type's GUI opens on the board view (an entry for a
 * title, a context menu), pointing at a rectangle of the board; one at a
 * time per owner, which keeps it in @slot (NULL when none shows). */

/* Shows @popover (taken) on @view pointing at @board_rect, after popping
 * down the one in @slot; once closed it clears @slot, gives the focus back
 * to the view and leaves the view after GTK is done with it. */
void tf_view_popover_show  (TfBoardView  *view,
                            GtkWidget   **slot,
                            GtkWidget    *popover,
                            const TfRect *board_rect);
/* Pops down the popover in @slot, if any. */
void tf_view_popover_close (GtkWidget   **slot);
/* Takes the popover in @slot off the view at once (its owner goes). */
void tf_view_popover_clear (GtkWidget   **slot);

G_END_DECLS
