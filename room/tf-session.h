/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The room's session model (the "sas" where the team presents its work):
 * a session belongs to an experiment and is an ordered agenda of steps
 * (core/tf-session-rows.h: TfSessionStep), each with the facilitator's
 * notes and a planned duration. Every change is a TfCommand run through
 * tf_store_edit(), so it is undone like any edit. No GTK. */

#include "canvas/tf-scene.h"
#include "core/tf-command.h"
#include "core/tf-session-rows.h"

G_BEGIN_DECLS

/* The stored agenda of an experiment: @session_id 0 when it has none yet.
 * Appends to @steps (tf_session_step_array_new()) its steps by position. */
gboolean    tf_session_load               (TfStore        *store,
                                           gint64          experiment_id,
                                           gint64         *session_id,
                                           GArray         *steps,
                                           GError        **error);
/* The default agenda of @experiment_id, in memory: every board, in the
 * archive's order, then the views each board's type offers (a wall's
 * clusters: TfBoardType.list_session_steps). */
gboolean    tf_session_default_steps      (TfStore        *store,
                                           gint64          experiment_id,
                                           GArray         *steps,
                                           GError        **error);
/* The views board @board_id offers as steps, in the order a menu lists
 * them: the whole board, the views its type offers (list_session_steps:
 * a wall's clusters, a blueprint's stages, a mockup's photos), each part
 * of the board again as a reveal of its cards one by one, and, when the
 * type orders the cards of a reveal itself (list_reveal_cards), its
 * cards by votes. Appended to @steps, titled, on @board_id. */
gboolean    tf_session_board_views        (TfStore        *store,
                                           gint64          board_id,
                                           GArray         *steps,
                                           GError        **error);
/* What a step shows, in words ("Whole board", "Cards one by one"). */
const char *tf_session_step_kind_label    (const TfSessionStep *step);
/* The title a step shows in the agenda: its own, else its kind's. */
char       *tf_session_step_describe      (const TfSessionStep *step) G_GNUC_WARN_UNUSED_RESULT;

/* The area of @scene a step shows: its item's bounds when the item is
 * still on the board, else its rectangle; the whole board for a board
 * step or when the rectangle is empty. */
TfRect      tf_session_step_area          (const TfSessionStep *step,
                                           TfScene             *scene);
/* The cards a reveal step shows one by one (borrowed items of @scene), by
 * the board type's list_reveal_cards, else the items inside its area in
 * reading order. Empty for other steps. */
GPtrArray  *tf_session_step_reveal_cards  (const TfSessionStep *step,
                                           const char          *board_kind,
                                           TfScene             *scene) G_GNUC_WARN_UNUSED_RESULT;

/* Commands. Each is one undo step. */

/* Creates the session of @experiment_id holding @steps (copied; their
 * session and positions are set); its id is the command's result. */
TfCommand  *tf_session_command_create     (gint64          experiment_id,
                                           GArray         *steps) G_GNUC_WARN_UNUSED_RESULT;
/* Inserts @step at @index of the agenda (clamped; -1: at the end); the
 * new step's id is the command's result. */
TfCommand  *tf_session_command_add_step   (gint64               session_id,
                                           const TfSessionStep *step,
                                           int                  index) G_GNUC_WARN_UNUSED_RESULT;
/* Inserts @steps (copied) at @index, in order, as one undo step; the
 * first new step's id is the command's result. */
TfCommand  *tf_session_command_add_steps  (gint64          session_id,
                                           GArray         *steps,
                                           int             index) G_GNUC_WARN_UNUSED_RESULT;
TfCommand  *tf_session_command_remove_step (gint64         step_id) G_GNUC_WARN_UNUSED_RESULT;
/* Moves step @step_id to @index of its agenda (clamped). */
TfCommand  *tf_session_command_move_step  (gint64          step_id,
                                           int             index) G_GNUC_WARN_UNUSED_RESULT;
TfCommand  *tf_session_command_set_notes  (gint64          step_id,
                                           const char     *notes) G_GNUC_WARN_UNUSED_RESULT;
TfCommand  *tf_session_command_set_planned (gint64         step_id,
                                           gint64          seconds) G_GNUC_WARN_UNUSED_RESULT;
/* Adds to each step of @step_ids the seconds of @seconds (two gint64
 * arrays of the same length): the time a session spent on them. */
TfCommand  *tf_session_command_record_spent (GArray       *step_ids,
                                            GArray       *seconds) G_GNUC_WARN_UNUSED_RESULT;

/* Stores @room (valid) as the room @experiment_id is presented in. */
TfCommand  *tf_session_command_set_room   (gint64               experiment_id,
                                           const TfSessionRoom *room) G_GNUC_WARN_UNUSED_RESULT;

/* Two items (TfItem **) in reading order: top to bottom, then left to
 * right, then by id (for g_ptr_array_sort). */
int tf_session_compare_reading (gconstpointer a,
                                gconstpointer b);

G_END_DECLS
