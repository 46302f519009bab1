/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Every edit of experiments and boards, as undoable commands. */

#include "tf-command.h"
#include "tf-experiment.h"

G_BEGIN_DECLS

/* Creates an experiment from a draft (its id is ignored); the new id is the result id. */
TfCommand *tf_command_create_experiment     (TfExperiment      *draft) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_command_set_experiment_text   (gint64             experiment_id,
                                             TfExperimentField  field,
                                             const char        *value) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_command_set_experiment_phase  (gint64             experiment_id,
                                             TfPhase            phase) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_command_set_experiment_status (gint64             experiment_id,
                                             TfStatus           status) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_command_set_experiment_tags   (gint64             experiment_id,
                                             const char * const *tags) G_GNUC_WARN_UNUSED_RESULT;
/* Deletes an experiment for good (the Bin’s "Delete Now"; see tf-bin.h to
 * move it to the Bin), with the assets nothing else uses. */
TfCommand *tf_command_delete_experiment     (gint64             experiment_id) G_GNUC_WARN_UNUSED_RESULT;
/* Copies an experiment as a template: its fields and boards, and the boards'
 * items when @with_items; the copy is titled "… (copy)" and set back to draft. */
TfCommand *tf_command_duplicate_experiment  (gint64             experiment_id,
                                             gboolean           with_items) G_GNUC_WARN_UNUSED_RESULT;

/* @kind_id: a registered board type's id, alias or label ("mur"); the
 * command fails with a message naming it when no type answers to it.
 * @name: NULL for the type's label. */
TfCommand *tf_command_add_board             (gint64             experiment_id,
                                             const char        *kind_id,
                                             const char        *name) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_command_rename_board          (gint64             board_id,
                                             const char        *name) G_GNUC_WARN_UNUSED_RESULT;
/* Moves a board to @position (0-based) among its experiment's boards. */
TfCommand *tf_command_move_board            (gint64             board_id,
                                             int                position) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_command_delete_board          (gint64             board_id) G_GNUC_WARN_UNUSED_RESULT;

/* Adds the booklet's demo experiment unless the archive has it; result id is its id. */
TfCommand *tf_command_add_demo              (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
