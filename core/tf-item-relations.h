/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Items that name other items in their payload — links between two actors,
 * pools around a group — take their bounds from the items they name, and
 * follow them when they are copied or deleted. The core does not know which
 * kinds do that: the canvas layer, which asks each kind (tf_item_references,
 * tf_item_remap_payload, tf_item_derive_bounds in canvas/tf-item.h),
 * installs the two functions below; the core calls them through these
 * wrappers. These run inside an edit transaction. */

#include "tf-store.h"

G_BEGIN_DECLS

/* Room around the union of a link's two ends, for arrowheads and its label. */
#define TF_LINK_MARGIN   40.0
/* A pool's hull runs this far outside its members; its name sits above. */
#define TF_POOL_PADDING  28.0
#define TF_POOL_TITLE    34.0

typedef gboolean (*TfItemRelationsRefresh) (TfStore     *store,
                                            gint64       board_id,
                                            GError     **error);
/* A new payload for an item of kind @kind copied along with the items it
 * names, their old ids mapped to the copies' ids through @map (gint64* →
 * gint64*); NULL when the payload stays as it is. */
typedef char    *(*TfItemRelationsRemap)   (const char  *kind,
                                            const char  *payload,
                                            GHashTable  *map);

void     tf_item_relations_install (TfItemRelationsRefresh  refresh,
                                    TfItemRelationsRemap    remap);

/* Recomputes the bounds of every item of @board_id that derives them from
 * others; rows whose bounds do not change are not written. */
gboolean tf_item_relations_refresh (TfStore       *store,
                                    gint64         board_id,
                                    GError       **error);
/* See TfItemRelationsRemap; NULL when nothing is installed. */
char    *tf_item_relations_remap   (const char    *kind,
                                    const char    *payload,
                                    GHashTable    *map) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
