/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Contributions from phones in the room (#13): insights typed on a phone
 * land in the experiment's moderation queue (core/tf-contribution-rows.h),
 * hidden from the audience, with their arrival time and never an address
 * or a device. The facilitator accepts them onto a board that takes
 * quotes (at its next free place, or into a cluster), edits, merges a
 * duplicate into a note, rejects or restores them: each an undoable
 * command. Arriving is not an edit of the facilitator's: it is written at
 * once, in its own transaction, and is not undone. Votes from phones go
 * into the open voting round (room/tf-vote.h). No GTK. */

#include "core/tf-command.h"
#include "core/tf-contribution-rows.h"
#include "tf-contribution-check.h"
#include "tf-vote.h"

G_BEGIN_DECLS

/* Stores a contribution of @experiment_id that arrived: @text and
 * @category (a source id or "") checked against what a board of the
 * experiment takes (@categories, NULL-terminated), @key against the
 * format; a second one with the same key is the first (@inserted FALSE).
 * One transaction; @id gets the row. */
gboolean   tf_contribution_receive          (TfStore             *store,
                                             gint64               experiment_id,
                                             const char          *key,
                                             const char          *text,
                                             const char          *category,
                                             const char * const  *categories,
                                             gint64              *id,
                                             gboolean            *inserted,
                                             GError             **error);

/* The first board of @experiment_id whose type takes quotes (an insight
 * wall), 0 when there is none; and that type's source categories. */
gboolean   tf_contribution_find_board       (TfStore             *store,
                                             gint64               experiment_id,
                                             gint64              *board_id,
                                             GError             **error);
/* The source categories board @board_id's type takes, NULL when it takes
 * no quotes (borrowed, static). */
const char * const *tf_contribution_board_categories (TfStore    *store,
                                             gint64               board_id);

/* Accepts the queued contributions @ids onto board @board_id: each a new
 * note at the board's next free place, or in the cluster of zone
 * @cluster_id (0: none). One undo step; contributions no longer queued are
 * left as they are. */
TfCommand *tf_contribution_command_accept   (const gint64        *ids,
                                             guint                n_ids,
                                             gint64               board_id,
                                             gint64               cluster_id) G_GNUC_WARN_UNUSED_RESULT;
/* Accepts every queued contribution of @experiment_id, oldest first. */
TfCommand *tf_contribution_command_accept_all (gint64             experiment_id,
                                             gint64               board_id,
                                             gint64               cluster_id) G_GNUC_WARN_UNUSED_RESULT;
/* Rewrites a queued contribution's text (checked as a phone's is). */
TfCommand *tf_contribution_command_edit     (gint64               id,
                                             const char          *text) G_GNUC_WARN_UNUSED_RESULT;
/* A queued contribution says what note @note_id (on a board of the same
 * experiment) says already: merged into it, which gets one vote. */
TfCommand *tf_contribution_command_merge    (gint64               id,
                                             gint64               note_id) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_contribution_command_reject   (gint64               id) G_GNUC_WARN_UNUSED_RESULT;
/* Back to the queue from rejected or merged. */
TfCommand *tf_contribution_command_restore  (gint64               id) G_GNUC_WARN_UNUSED_RESULT;

/* A cluster or a note of a board, as the facilitator picks one to accept
 * into or merge into. */
typedef struct {
  gint64  id;
  char   *text;
} TfContributionTarget;

/* The clusters (@clusters TRUE) or the notes (items that carry what the
 * board says, not hidden, with a text) of board @board_id, in reading
 * order (top to bottom, then left to right): a GPtrArray of
 * TfContributionTarget that frees them; NULL on error. */
GPtrArray *tf_contribution_list_targets     (TfStore             *store,
                                             gint64               board_id,
                                             gboolean             clusters,
                                             GError             **error) G_GNUC_WARN_UNUSED_RESULT;

/* Puts a phone's ballot into the open round: @n_dots dots of @colour on
 * @dots (note ids, one per dot), all or none. FALSE when the ballot does
 * not fit the round or the colour has not that many dots left. */
gboolean   tf_contribution_cast_ballot      (TfVoteRound         *round,
                                             guint                colour,
                                             const gint64        *dots,
                                             guint                n_dots);

G_END_DECLS
