/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A dot-voting round in the room: on a board or on a cluster of it, each
 * colour (a participant or a team) has the same number of dots to put on
 * the round's notes, one at a time, several on one note if it likes. The
 * dots show to the audience as they come, or only at the end ("hidden
 * until reveal"). Closing the round adds each note's dots to its vote
 * count and records the round with its counts per note and colour, as
 * one command: one undo step. Who voted is kept as a colour, never a
 * name. No GTK. */

#include "canvas/tf-scene.h"
#include "core/tf-command.h"
#include "core/tf-session-rows.h"
#include "core/tf-vote-rows.h"

G_BEGIN_DECLS

typedef struct _TfVoteRound TfVoteRound;

/* The notes a round on @step's view votes on, in reading order (borrowed
 * items of @scene): the cards the board's type lists for a reveal of the
 * view (a cluster's cards; a whole board's insights), else the items
 * inside the view's area. */
GPtrArray     *tf_vote_round_list_notes   (const TfSessionStep *step,
                                           const char          *board_kind,
                                           TfScene             *scene) G_GNUC_WARN_UNUSED_RESULT;

/* A round on @n_notes notes of board @board_id (@item_id: the cluster's
 * zone, 0 for the board or an area; @title: the view's), with @n_colours
 * colours (1 to TF_VOTE_MAX_COLOURS) of @dots dots each (1 to
 * TF_VOTE_MAX_DOTS). @session_id: the session it belongs to, 0 none. */
TfVoteRound   *tf_vote_round_new          (gint64          board_id,
                                           gint64          session_id,
                                           gint64          item_id,
                                           const char     *title,
                                           const gint64   *note_ids,
                                           guint           n_notes,
                                           guint           n_colours,
                                           guint           dots,
                                           gboolean        hidden) G_GNUC_WARN_UNUSED_RESULT;
/* The colour of participant or team @colour (0 to TF_VOTE_MAX_COLOURS - 1),
 * as 0xRRGGBB: told apart under colour blindness (Okabe and Ito's), and
 * without colour too, each dot carrying its number in the ink or white,
 * whichever reads at 4.5:1 on it (tests/test-contrast.c). */
guint32        tf_vote_colour_rgb         (guint           colour);

void           tf_vote_round_free         (TfVoteRound    *self);

gint64         tf_vote_round_get_board    (TfVoteRound    *self);
guint          tf_vote_round_get_n_notes  (TfVoteRound    *self);
gint64         tf_vote_round_get_note     (TfVoteRound    *self,
                                           guint           index);
/* The index of note @note_id in the round, -1 when it is not in it. */
int            tf_vote_round_find_note    (TfVoteRound    *self,
                                           gint64          note_id);
guint          tf_vote_round_get_n_colours (TfVoteRound   *self);
guint          tf_vote_round_get_dots     (TfVoteRound    *self);
/* Whether the audience sees the dots: a live round always, a hidden one
 * once revealed. */
gboolean       tf_vote_round_get_hidden   (TfVoteRound    *self);
gboolean       tf_vote_round_get_shown    (TfVoteRound    *self);
void           tf_vote_round_reveal       (TfVoteRound    *self);

/* Puts a dot of @colour (0-based) on @note_id. FALSE when the colour has
 * none left, or the note or colour is not the round's. */
gboolean       tf_vote_round_cast         (TfVoteRound    *self,
                                           gint64          note_id,
                                           guint           colour);
/* Takes a dot of @colour back from @note_id; FALSE when it has none. */
gboolean       tf_vote_round_uncast       (TfVoteRound    *self,
                                           gint64          note_id,
                                           guint           colour);
guint          tf_vote_round_get_count    (TfVoteRound    *self,
                                           gint64          note_id,
                                           guint           colour);
/* All the dots on @note_id. */
guint          tf_vote_round_get_total    (TfVoteRound    *self,
                                           gint64          note_id);
/* The dots @colour has not put yet. */
guint          tf_vote_round_get_remaining (TfVoteRound   *self,
                                           guint           colour);
/* All the dots put so far. */
guint          tf_vote_round_get_n_cast   (TfVoteRound    *self);

/* Closing: adds each note's dots to its vote count and records the round
 * and its counts (vote_rounds, vote_counts), as one undo step; the new
 * round's id is the command's result. A note deleted meanwhile keeps no
 * dot. */
TfCommand     *tf_vote_round_command_close (TfVoteRound   *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
