/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-store.h"

G_BEGIN_DECLS

#define TF_TYPE_COMMAND (tf_command_get_type ())
G_DECLARE_FINAL_TYPE (TfCommand, tf_command, TF, COMMAND, GObject)

/* The forward half of an edit. It runs inside a store transaction; the rows it
 * changes are recorded, so undo and redo need no code of their own. */
typedef gboolean (*TfCommandFunc) (TfCommand  *command,
                                   TfStore    *store,
                                   GError    **error);

TfCommand   *tf_command_new              (const char     *label,
                                          TfCommandFunc   func,
                                          gpointer        data,
                                          GDestroyNotify  destroy) G_GNUC_WARN_UNUSED_RESULT;

const char  *tf_command_get_label        (TfCommand      *self);
gpointer     tf_command_get_data         (TfCommand      *self);
/* The id of the row the command created (experiment, board…), or 0. */
gint64       tf_command_get_result_id    (TfCommand      *self);
/* The recorded changes, once the command ran; NULL before. */
GBytes      *tf_command_get_changeset    (TfCommand      *self);
gboolean     tf_command_get_done         (TfCommand      *self);

void         tf_command_set_result_id    (TfCommand      *self,
                                          gint64          id);
/* Renames the command while it runs, once it knows what it acts on
 * ("Move a photo" where it was made with ids only). */
void         tf_command_set_label        (TfCommand      *self,
                                          const char     *label);

/* Runs the command for the first time, in one transaction. */
gboolean     tf_command_execute          (TfCommand      *self,
                                          TfStore        *store,
                                          GError        **error);
/* Runs the forward half inside the caller's own transaction (a board
 * type's insert_demo hook, whose demo is one edit): nothing is recorded,
 * the command is not done and cannot be undone by itself. */
gboolean     tf_command_run_within       (TfCommand      *self,
                                          TfStore        *store,
                                          GError        **error);
/* Takes @next, done just after @self, into @self: undoing @self then
 * takes back both, redoing it does both. @next is left as it was. */
gboolean     tf_command_absorb           (TfCommand      *self,
                                          TfCommand      *next,
                                          GError        **error);
gboolean     tf_command_undo             (TfCommand      *self,
                                          TfStore        *store,
                                          GError        **error);
gboolean     tf_command_redo             (TfCommand      *self,
                                          TfStore        *store,
                                          GError        **error);

G_END_DECLS
