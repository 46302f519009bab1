/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-command.h"

G_BEGIN_DECLS

#define TF_TYPE_HISTORY (tf_history_get_type ())
G_DECLARE_FINAL_TYPE (TfHistory, tf_history, TF, HISTORY, GObject)

TfHistory   *tf_history_new              (TfStore    *store) G_GNUC_WARN_UNUSED_RESULT;

TfStore     *tf_history_get_store        (TfHistory  *self);
gboolean     tf_history_get_can_undo     (TfHistory  *self);
gboolean     tf_history_get_can_redo     (TfHistory  *self);
/* Labels of the next undo/redo, NULL when there is none. */
const char  *tf_history_get_undo_label   (TfHistory  *self);
const char  *tf_history_get_redo_label   (TfHistory  *self);

/* Executes @command and pushes it on the undo stack; clears the redo stack. */
gboolean     tf_history_execute          (TfHistory  *self,
                                          TfCommand  *command,
                                          GError    **error);
gboolean     tf_history_undo             (TfHistory  *self,
                                          GError    **error);
gboolean     tf_history_redo             (TfHistory  *self,
                                          GError    **error);
void         tf_history_clear            (TfHistory  *self);
/* Takes back @command when it is the last one done: undoes it and forgets
 * it, with nothing to redo, as if it had never run (an item a tool made
 * to be written at once, then left empty). FALSE, and nothing changed,
 * when @command is not the last one done (no error) or its undo failed. */
gboolean     tf_history_retract          (TfHistory  *self,
                                          TfCommand  *command,
                                          GError    **error);
/* Folds the last command done into @command, the one done just before it,
 * so that one undo takes back both (an item made by a tool, then its first
 * text); @command takes the last one's label ("Write a speech bubble", as
 * a note written on a wall is one "Write insight"). FALSE, and nothing changed, when @command is not second to last
 * on the undo stack (no error) or the two cannot be joined. */
gboolean     tf_history_fold             (TfHistory  *self,
                                          TfCommand  *command,
                                          GError    **error);

G_END_DECLS
