/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the blueprint board type gives the archive's demo and the report
 * (its insert_demo and report_section hooks, core/tf-board-type.h). */

#include "core/tf-board-type.h"

G_BEGIN_DECLS

/* The booklet's "Kit du mandat régional" as a blueprint, inside the demo's
 * transaction (tf-blueprint-demo.c). */
gboolean tf_blueprint_insert_demo    (TfStore       *store,
                                      gint64         experiment_id,
                                      int            position,
                                      GError       **error);
/* After the boards' pages: the findings of a blueprint's checks
 * (tf-blueprint-report.c). */
gboolean tf_blueprint_report_section (TfReportFlow  *flow,
                                      guint          board_index,
                                      GError       **error);

/* The titles the grid draws, for the SVG's text layer (list_texts). */
void     tf_blueprint_list_texts     (TfScene       *scene,
                                      GArray        *texts);

/* Where card @item_id stands, "Step 3, “…”" (item_place), NULL when it
 * is not a card of a step. */
char    *tf_blueprint_item_place     (TfScene       *scene,
                                      gint64         item_id);

/* The room's views of a blueprint (list_session_steps): each stage, its
 * steps' columns (tf-blueprint-session.c). */
void     tf_blueprint_list_session_steps (TfScene   *scene,
                                          GArray    *steps);

G_END_DECLS
