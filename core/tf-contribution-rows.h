/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The rows of the `contributions` table (format 8): what participants sent
 * from their phones during a session (room/tf-contribution.h), each with
 * its arrival time, its text, an optional source category and the
 * idempotency key the phone's page made; never an address or a device.
 * Every writer runs inside an edit (tf_store_edit). */

#include "tf-store.h"

G_BEGIN_DECLS

/* Where a contribution is in the moderation queue. Stored as its number:
 * append only. */
typedef enum {
  TF_CONTRIBUTION_QUEUED,    /* waiting, hidden from the audience */
  TF_CONTRIBUTION_ACCEPTED,  /* a note on the wall (@item_id) */
  TF_CONTRIBUTION_REJECTED,  /* kept in the archive, restorable */
  TF_CONTRIBUTION_MERGED,    /* a duplicate of another one or of a note (@item_id) */
  TF_N_CONTRIBUTION_STATES
} TfContributionState;

/* The limits a stored contribution keeps to (what the phone may send). */
#define TF_CONTRIBUTION_MAX_TEXT   1000   /* characters */
#define TF_CONTRIBUTION_KEY_MIN    16
#define TF_CONTRIBUTION_KEY_MAX    64

typedef struct {
  gint64               id;
  gint64               experiment_id;
  char                *key;
  char                *arrived_at;  /* ISO 8601 UTC */
  char                *text;
  char                *category;    /* a source id (insights/tf-insight.h) or "" */
  TfContributionState  state;
  gint64               item_id;     /* the note it became or joined; 0: none */
} TfContributionRow;

void     tf_contribution_row_clear        (TfContributionRow *row);
/* A GArray of TfContributionRow that clears its rows. */
GArray  *tf_contribution_row_array_new    (void) G_GNUC_WARN_UNUSED_RESULT;

/* Inserts a contribution of @experiment_id unless one with the same @key is
 * there already; @id gets the row's id either way and @inserted says
 * which. The text, key and category are checked again here. */
gboolean tf_contribution_rows_insert      (TfStore              *store,
                                           gint64                experiment_id,
                                           const char           *key,
                                           const char           *text,
                                           const char           *category,
                                           TfContributionState   state,
                                           gint64               *id,
                                           gboolean             *inserted,
                                           GError              **error);
gboolean tf_contribution_rows_set_state   (TfStore              *store,
                                           gint64                id,
                                           TfContributionState   state,
                                           gint64                item_id,
                                           GError              **error);
gboolean tf_contribution_rows_set_text    (TfStore              *store,
                                           gint64                id,
                                           const char           *text,
                                           GError              **error);
/* Contribution @id into @row (cleared first); @found says whether there is one. */
gboolean tf_contribution_rows_read        (TfStore              *store,
                                           gint64                id,
                                           TfContributionRow    *row,
                                           gboolean             *found,
                                           GError              **error);
/* Appends to @rows the contributions of @experiment_id in arrival order,
 * only those in @state (or all when @state is TF_N_CONTRIBUTION_STATES);
 * rows whose values the archive should not hold are left out. */
gboolean tf_contribution_rows_list        (TfStore              *store,
                                           gint64                experiment_id,
                                           TfContributionState   state,
                                           GArray               *rows,
                                           GError              **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TfContributionRow, tf_contribution_row_clear)

G_END_DECLS
