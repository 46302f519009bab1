/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Orthogonal routing of a blueprint's arrows: a polyline of horizontal and
 * vertical segments from the edge of one card to the edge of another that
 * crosses no other card, preferring the gutters between columns and lanes,
 * with few bends; a loop (to a card in an earlier step, or to itself) goes
 * round the cards. Pure: rectangles in, points out. */

#include <glib.h>

#include "canvas/tf-rect.h"

G_BEGIN_DECLS

typedef struct {
  double x;
  double y;
} TfBpPoint;

/* The clearance a blueprint's arrows keep from the cards: half the gap
 * between two cards, so that a route fits between any two of them. */
#define TF_BP_ROUTE_MARGIN 12.0

/* Appends the route's points (TfBpPoint, at least 2) to @points. The
 * obstacles are every card (the two ends may be among them). @margin is the
 * clearance kept from obstacles. Returns FALSE only when no route avoids
 * the obstacles (then @points holds a straight fallback). */
gboolean tf_bp_route (const TfRect *from,
                      const TfRect *to,
                      const TfRect *obstacles,
                      guint         n_obstacles,
                      double        margin,
                      GArray       *points);

G_END_DECLS
