/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The rows of the `vote_rounds` and `vote_counts` tables (format 6): the
 * dot-voting rounds of the room (room/tf-vote.h), each with how many dots
 * of each colour went on each note. Colours, never names. Every writer
 * runs inside an edit (tf_store_edit). */

#include "tf-item-rows.h"

G_BEGIN_DECLS

/* A round's colours (participants or teams) and the dots each has. */
#define TF_VOTE_MAX_COLOURS 9
#define TF_VOTE_MAX_DOTS    99

/* A recorded round. */
typedef struct {
  gint64   id;
  gint64   board_id;
  gint64   session_id; /* 0: none */
  gint64   item_id;    /* the cluster's zone; 0: the board or an area */
  char    *title;
  int      n_colours;
  int      dots;       /* each colour's */
  gboolean hidden;     /* the dots were hidden until the end */
} TfVoteRoundRow;

/* How many dots of one colour one note got in a round. */
typedef struct {
  gint64 item_id;
  int    colour;       /* 0 .. n_colours - 1 */
  int    count;
} TfVoteCount;

void     tf_vote_round_row_clear  (TfVoteRoundRow *row);
/* A GArray of TfVoteRoundRow that clears its rows. */
GArray  *tf_vote_round_row_array_new (void) G_GNUC_WARN_UNUSED_RESULT;

/* Inserts @row (its id ignored) and gives the new id. */
gboolean tf_vote_rows_insert_round (TfStore               *store,
                                    const TfVoteRoundRow  *row,
                                    gint64                *id,
                                    GError               **error);
gboolean tf_vote_rows_insert_count (TfStore               *store,
                                    gint64                 round_id,
                                    const TfVoteCount     *count,
                                    GError               **error);
/* Appends to @rounds the rounds of board @board_id, oldest first; rows
 * whose values the archive should not hold are left out. */
gboolean tf_vote_rows_rounds       (TfStore               *store,
                                    gint64                 board_id,
                                    GArray                *rounds,
                                    GError               **error);
/* Appends to @counts (TfVoteCount) the counts of round @round_id, by note
 * then colour. */
gboolean tf_vote_rows_counts       (TfStore               *store,
                                    gint64                 round_id,
                                    GArray                *counts,
                                    GError               **error);

G_END_DECLS
