/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Every edit of a blueprint, as one undoable command each (one
 * transaction): the grid or the card changes, then the blueprint settles —
 * every card gets the bounds its cell gives it, every arrow its route —
 * in the same transaction (tf_blueprint_settle()). Generic item commands
 * (move, delete, duplicate, paste, text) settle too, through the board
 * type's `settle` hook: a card dragged elsewhere joins the cell under its
 * centre. Indexes are positions in the grid; ids are the grid's string ids
 * (steps, lanes, stages) or item ids (cards, arrows). */

#include "core/tf-command.h"
#include "core/tf-store.h"
#include "tf-blueprint-model.h"

G_BEGIN_DECLS

/* Puts every card in its cell and re-routes every arrow; creates the grid
 * item when the board has none. Runs inside the caller's transaction. */
gboolean   tf_blueprint_settle            (TfStore      *store,
                                           gint64        board_id,
                                           GError      **error);

/* Steps. @index -1 appends. The new step's id is the command's result
 * string (tf_bp_command_get_new_id()). */
TfCommand *tf_bp_command_insert_step      (gint64        board_id,
                                           int           index,
                                           const char   *title,
                                           const char   *stage_id) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_bp_command_move_step        (gint64        board_id,
                                           const char   *step_id,
                                           int           new_index) G_GNUC_WARN_UNUSED_RESULT;
/* Deletes the step, its cards and their arrows. */
TfCommand *tf_bp_command_delete_step      (gint64        board_id,
                                           const char   *step_id) G_GNUC_WARN_UNUSED_RESULT;
/* NULL leaves a field as it is. */
TfCommand *tf_bp_command_set_step         (gint64        board_id,
                                           const char   *step_id,
                                           const char   *title,
                                           const char   *stage_id,
                                           const char   *duration) G_GNUC_WARN_UNUSED_RESULT;

/* Lanes. */
TfCommand *tf_bp_command_insert_lane      (gint64        board_id,
                                           int           index,
                                           TfBpLaneRole  role,
                                           const char   *title) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_bp_command_move_lane        (gint64        board_id,
                                           const char   *lane_id,
                                           int           new_index) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_bp_command_delete_lane      (gint64        board_id,
                                           const char   *lane_id) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_bp_command_set_lane         (gint64        board_id,
                                           const char   *lane_id,
                                           const char   *title,
                                           int           hidden /* -1: as it is */) G_GNUC_WARN_UNUSED_RESULT;

/* Stages: a stage covers the steps whose stage_id names it. */
TfCommand *tf_bp_command_add_stage        (gint64        board_id,
                                           const char   *title,
                                           const char  **step_ids,
                                           guint         n_steps) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_bp_command_set_stage        (gint64        board_id,
                                           const char   *stage_id,
                                           const char   *title) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_bp_command_delete_stage     (gint64        board_id,
                                           const char   *stage_id) G_GNUC_WARN_UNUSED_RESULT;

/* Cards. @order -1 appends to the cell. The new card's item id is the
 * command's result id. */
TfCommand *tf_bp_command_add_card         (gint64        board_id,
                                           const char   *step_id,
                                           const char   *lane_id,
                                           int           order,
                                           const char   *text) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_bp_command_move_card        (gint64        card_id,
                                           const char   *step_id,
                                           const char   *lane_id,
                                           int           order) G_GNUC_WARN_UNUSED_RESULT;
/* Writes every field of @card (text, actor, department, evidence, marks
 * and their fields, cites, silenced) to the card item @card->item_id. */
TfCommand *tf_bp_command_set_card         (const TfBpCard *card,
                                           const char   *label) G_GNUC_WARN_UNUSED_RESULT;

/* Arrows between two cards of the board. */
TfCommand *tf_bp_command_add_arrow        (gint64        board_id,
                                           gint64        from,
                                           gint64        to,
                                           gboolean      two_way,
                                           gboolean      loop) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_bp_command_set_arrow        (gint64        arrow_id,
                                           gboolean      two_way,
                                           gboolean      loop,
                                           const char   *label) G_GNUC_WARN_UNUSED_RESULT;

/* As-is / to-be: a new blueprint board in the same experiment, a copy of
 * @board_id whose cards remember their origin ("origin": item id in the
 * card payload) and whose grid names @board_id as "compare". The new
 * board's id is the command's result id. */
TfCommand *tf_bp_command_duplicate_to_be  (gint64        board_id,
                                           const char   *name) G_GNUC_WARN_UNUSED_RESULT;

/* The string id a step, lane or stage command created, once it ran. */
const char *tf_bp_command_get_new_id      (TfCommand    *command);

G_END_DECLS
