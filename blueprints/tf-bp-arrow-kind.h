/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The "bp-arrow" item kind: an arrow between two blueprint cards, drawn
 * along the orthogonal route the settle step stores in its payload
 * (tf-blueprint-model.h):
 *   {"from": 12, "to": 34, "two_way": false, "loop": false, "label": "",
 *    "route": [x0, y0, x1, y1, …]}      board units, source to target
 * Without a route (or with a broken one) it is drawn along a route between
 * its two cards alone, so it never disappears. */

#include "canvas/tf-item.h"
#include "tf-blueprint-kinds.h"   /* tf_bp_arrow_kind */
#include "tf-blueprint-route.h"

G_BEGIN_DECLS

/* @old_payload (NULL or "" for none) with its "route" set to @points, every
 * other key kept as it is. */
char   *tf_bp_arrow_payload_set_route (const char      *old_payload,
                                       const TfBpPoint *points,
                                       guint            n_points) G_GNUC_WARN_UNUSED_RESULT;
/* The bounds an arrow drawn along @points covers: the route's box with room
 * for its heads and for @label (NULL or "" for none). */
TfRect  tf_bp_arrow_route_bounds      (const TfBpPoint *points,
                                       guint            n_points,
                                       const char      *label);
/* The route stored in an arrow item's payload (TfBpPoint), NULL when it has
 * none or it is not orthogonal. Borrowed from the item's parsed data. */
GArray *tf_bp_arrow_item_route        (const TfItem    *item);

G_END_DECLS
