/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "room/tf-room-check.h"

G_BEGIN_DECLS

/* The room check's result ("Check the Room"): a dialog modal to @parent
 * (a TfWindow) listing the cards still too small (TfRoomProblem), grouped
 * under a heading per step, each row's title the card's first words and
 * its subtitle how small its text is and what the room needs; a summary
 * line above. Activating a row closes the dialog and shows the card
 * selected on its board (win.open-item). No problem: an empty state,
 * "Every card is legible from the back of the room"; @failure (not NULL):
 * the check could not run. It opens with the keyboard on the first card;
 * Escape closes it. */
GtkWindow  *tf_room_check_dialog_new         (GtkWindow           *parent,
                                              const TfSessionRoom *room,
                                              GArray              *problems,
                                              const char          *failure);
/* Its list of cards (NULL in the empty state), summary label, and the
 * empty state's (or failure's) status page (NULL with a list). */
GtkListBox *tf_room_check_dialog_get_list    (GtkWindow           *dialog);
GtkWidget  *tf_room_check_dialog_get_summary (GtkWindow           *dialog);
GtkWidget  *tf_room_check_dialog_get_status  (GtkWindow           *dialog);

G_END_DECLS
