/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gui/tf-board-panel.h"

G_BEGIN_DECLS

#define TF_TYPE_INSIGHT_PANEL (tf_insight_panel_get_type ())
G_DECLARE_FINAL_TYPE (TfInsightPanel, tf_insight_panel, TF, INSIGHT_PANEL, TfBoardPanel)

typedef enum {
  TF_RANK_BY_VOTES,
  TF_RANK_BY_CLUSTER,
  TF_RANK_BY_DATE,
} TfRankBy;

GtkWidget   *tf_insight_panel_new        (void);

TfBoardView *tf_insight_panel_get_view   (TfInsightPanel *self);
/* The ranking list: a GListModel of GtkStringObject holding note ids. */
GListModel  *tf_insight_panel_get_ranking (TfInsightPanel *self);

void         tf_insight_panel_set_view   (TfInsightPanel *self,
                                          TfBoardView    *view);
void         tf_insight_panel_set_rank_by (TfInsightPanel *self,
                                          TfRankBy        rank_by);

G_END_DECLS
