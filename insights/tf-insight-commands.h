/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Bulk edits of insight walls, as undoable commands, and reading a wall back. */

#include "tf-command.h"
#include "tf-insight-csv.h"

G_BEGIN_DECLS

/* The layout of imported notes, in board units; a zone is filled as the
 * canvas tidies one (tf_layout_tidy_zone()), which the insights cannot call. */
#define TF_INSIGHT_GAP          40.0   /* between notes, zones, and what is already there */
#define TF_ZONE_PADDING         40.0   /* left, right and below the notes of a zone */
#define TF_ZONE_TITLE_BAND      60.0   /* above them, where the zone's title is drawn */
#define TF_INSIGHT_ROW_LENGTH   10     /* loose notes per row; also the widest zone, in notes */

TfCommand *tf_command_import_insights               (gint64       board_id,
                                                     GPtrArray   *rows) G_GNUC_WARN_UNUSED_RESULT;
TfCommand *tf_command_import_insights_to_experiment (gint64       experiment_id,
                                                     const char  *wall_name,
                                                     GPtrArray   *rows) G_GNUC_WARN_UNUSED_RESULT;

gint64     tf_insight_find_wall                     (TfStore     *store,
                                                     gint64       experiment_id,
                                                     const char  *name,
                                                     GError     **error);
gboolean   tf_insight_collect                       (TfStore     *store,
                                                     gint64       board_id,
                                                     gboolean     include_retired,
                                                     GPtrArray  **rows,
                                                     GError     **error);

G_END_DECLS
