/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-rect.h"

G_BEGIN_DECLS

/* A uniform-grid index over an unbounded board: each item is filed in every
 * cell its bounds touch, so a query costs the cells it covers plus the items
 * found, whatever the board's size. Items are identified by a gint64 id. */
typedef struct _TfSpatialIndex TfSpatialIndex;

TfSpatialIndex *tf_spatial_index_new       (double          cell_size) G_GNUC_WARN_UNUSED_RESULT;
void            tf_spatial_index_free      (TfSpatialIndex *self);

guint           tf_spatial_index_get_size  (TfSpatialIndex *self);
/* Inserts or moves an item. */
void            tf_spatial_index_set       (TfSpatialIndex *self,
                                            gint64          id,
                                            const TfRect   *bounds);
gboolean        tf_spatial_index_remove    (TfSpatialIndex *self,
                                            gint64          id);
gboolean        tf_spatial_index_lookup    (TfSpatialIndex *self,
                                            gint64          id,
                                            TfRect         *bounds);
/* Appends to @ids (a GArray of gint64) every item whose bounds intersect
 * @area, each once, in no particular order. */
void            tf_spatial_index_query     (TfSpatialIndex *self,
                                            const TfRect   *area,
                                            GArray         *ids);
/* The bounds of everything, or an empty rectangle. */
TfRect          tf_spatial_index_get_extents (TfSpatialIndex *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfSpatialIndex, tf_spatial_index_free)

G_END_DECLS
