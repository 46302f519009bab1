/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/tf-history.h"

G_BEGIN_DECLS

/* The session's agenda in the experiment view, prepared before the room
 * (F5 runs it): its steps in order, each with the board it shows and
 * what of it, the minutes planned, the facilitator's notes and, once a
 * session ran, the time spent (overtime marked). Steps are added from a
 * menu of the experiment's boards and the views each offers
 * (tf_session_board_views()), or all at once from the default agenda;
 * removed (Delete), reordered by drag and drop or Alt+Up / Alt+Down
 * (Ctrl+Up / Ctrl+Down too). Every change is a command of room/, one
 * undo step; the list follows the archive, whoever changed it. */

#define TF_TYPE_ROOM_AGENDA (tf_room_agenda_get_type ())
G_DECLARE_FINAL_TYPE (TfRoomAgenda, tf_room_agenda, TF, ROOM_AGENDA, AdwBin)

GtkWidget  *tf_room_agenda_new               (void);
void        tf_room_agenda_set_history       (TfRoomAgenda *self,
                                              TfHistory    *history);
void        tf_room_agenda_set_experiment_id (TfRoomAgenda *self,
                                              gint64        experiment_id);
void        tf_room_agenda_set_editable      (TfRoomAgenda *self,
                                              gboolean      editable);
/* Reads the archive again now (the view does it by itself after each
 * change, at idle). */
void        tf_room_agenda_reload            (TfRoomAgenda *self);
/* Puts the keyboard on the agenda: its selected step, else its first,
 * else the "Add Step" button. */
void        tf_room_agenda_focus             (TfRoomAgenda *self);

/* What the agenda shows, for tests. */
guint       tf_room_agenda_get_n_steps       (TfRoomAgenda *self);
gint64      tf_room_agenda_get_step_id       (TfRoomAgenda *self,
                                              guint         index);
/* The row of step @index (a GtkListBoxRow), NULL past the end. */
GtkWidget  *tf_room_agenda_get_row           (TfRoomAgenda *self,
                                              guint         index);
/* Its minutes and notes fields. */
GtkWidget  *tf_room_agenda_get_minutes       (TfRoomAgenda *self,
                                              guint         index);
GtkWidget  *tf_room_agenda_get_notes         (TfRoomAgenda *self,
                                              guint         index);
GtkWidget  *tf_room_agenda_get_add_button    (TfRoomAgenda *self);
GtkWidget  *tf_room_agenda_get_default_button (TfRoomAgenda *self);
/* The room's depth field (metres), the Check the Room button, and the
 * room check's dialog while it is open (else NULL). */
GtkWidget  *tf_room_agenda_get_room_depth    (TfRoomAgenda *self);
GtkWidget  *tf_room_agenda_get_check_button  (TfRoomAgenda *self);
GtkWindow  *tf_room_agenda_get_check_dialog  (TfRoomAgenda *self);

G_END_DECLS
