/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Items that join other items — links between two actors, pools around a
 * group — take their bounds from the items they join, so that culling and
 * hit-testing find them where they are drawn. Their ids are in the payload:
 * {"source": id, "target": id} for a link, {"members": [ids]} for a pool.
 * These run inside an edit transaction (item commands, the demo). */

#include "tf-store.h"

G_BEGIN_DECLS

/* Room around the union of a link's two ends, for arrowheads and its label. */
#define TF_LINK_MARGIN   40.0
/* A pool's hull runs this far outside its members; its name sits above. */
#define TF_POOL_PADDING  28.0
#define TF_POOL_TITLE    34.0

/* Recomputes the bounds of every link and pool of @board_id; rows whose
 * bounds do not change are not written. */
gboolean tf_item_relations_refresh (TfStore       *store,
                                    gint64         board_id,
                                    GError       **error);
/* Before @item_id is deleted: deletes the links that touch it and takes it
 * out of the pools it belongs to; a pool left with no member is deleted. */
gboolean tf_item_relations_forget  (TfStore       *store,
                                    gint64         item_id,
                                    GError       **error);

G_END_DECLS
