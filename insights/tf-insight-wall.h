/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/tf-board-type.h"
#include "canvas/tf-scene.h"

G_BEGIN_DECLS

/* The insight wall board type: post-its of what people said, in clusters.
 * Registered by tf_insights_wing_init(). */
#define TF_INSIGHT_WALL_TYPE_ID "insight-wall"

extern const TfBoardType tf_insight_wall_type;

/* The wall's visible insights (const TfItem *), cluster by cluster in the
 * order their first insight reads, each cluster in reading order. */
GPtrArray *tf_insight_wall_list_insights (TfScene      *scene) G_GNUC_WARN_UNUSED_RESULT;
/* The cluster of an insight: its zone's name, else its own "cluster"
 * field; NULL when it has none. */
char      *tf_insight_wall_get_cluster   (TfScene      *scene,
                                          const TfItem *item) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
