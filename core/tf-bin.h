/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The Bin: an experiment moved there is hidden from the lists, the search,
 * the exports, bundles and the region, and kept for TF_BIN_DAYS days; it
 * can be restored until then. After that, the next writer that opens the
 * archive deletes it for good (tf_bin_purge). Moving, restoring, deleting
 * now and emptying are commands (undoable while the window is open). */

#include "tf-command.h"

G_BEGIN_DECLS

#define TF_BIN_DAYS 30

typedef struct {
  gint64  id;
  char   *title;
  char   *deleted_at;  /* ISO 8601 UTC, as stored */
  guint   n_boards;
} TfBinEntry;

void        tf_bin_entry_free          (TfBinEntry  *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfBinEntry, tf_bin_entry_free)

/* @now: when it is moved (NULL: now); the tests give another clock. */
TfCommand  *tf_command_move_to_bin     (gint64       experiment_id,
                                        GDateTime   *now) G_GNUC_WARN_UNUSED_RESULT;
TfCommand  *tf_command_restore_from_bin (gint64      experiment_id) G_GNUC_WARN_UNUSED_RESULT;
/* Deletes every experiment of the Bin for good. */
TfCommand  *tf_command_empty_bin       (void) G_GNUC_WARN_UNUSED_RESULT;

/* Whether the archive can have a bin (a read-only archive of format 10 or
 * older has none: nothing is in it). */
gboolean    tf_bin_supported           (TfStore     *store);
/* The experiments in the Bin, most recently moved first: a GPtrArray of
 * TfBinEntry. */
GPtrArray  *tf_bin_list                (TfStore     *store,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;
guint       tf_bin_count               (TfStore     *store);
/* When @experiment_id was moved to the Bin, or NULL when it is not there. */
char       *tf_bin_get_deleted_at      (TfStore     *store,
                                        gint64       experiment_id) G_GNUC_WARN_UNUSED_RESULT;
/* Whole days left before an experiment moved at @deleted_at is deleted,
 * at @now (NULL: now): TF_BIN_DAYS the day it is moved (or when the date
 * cannot be read), 0 when it is due. */
int         tf_bin_days_left           (const char  *deleted_at,
                                        GDateTime   *now);
/* Deletes for good, in one transaction that is not recorded for undo,
 * every experiment moved to the Bin TF_BIN_DAYS days or more before @now
 * (NULL: now), with the assets nothing else uses. @n_purged (nullable):
 * how many. Nothing to do on a read-only archive (TRUE). Any thread that
 * owns @store. */
gboolean    tf_bin_purge               (TfStore     *store,
                                        GDateTime   *now,
                                        guint       *n_purged,
                                        GError     **error);

G_END_DECLS
