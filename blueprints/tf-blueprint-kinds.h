/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The item kinds of a blueprint board (see tf-blueprint-model.h for their
 * payloads). Elsewhere than blueprints/ and gui/blueprints/ nothing names
 * them: use these macros inside the wing only. */

#include "canvas/tf-item.h"
#include "tf-blueprint-model.h"

G_BEGIN_DECLS

#ifndef TF_BP_GRID_KIND
#define TF_BP_GRID_KIND  "bp-grid"
#define TF_BP_CARD_KIND  "bp-card"
#define TF_BP_ARROW_KIND "bp-arrow"
#endif

/* The grid (layer ZONES, under everything): stage bands, step and lane
 * headers, the cells and the three lines. Drawn from its own payload: the
 * grid and, under "geometry", the edges tf_blueprint_settle() wrote:
 *   "geometry": {"cols": [x0, x1, … xn],   n steps: n + 1 column edges
 *                "rows": [y0, y1, … ym],   m lanes: m + 1 row edges
 *                                          (a hidden lane: two equal edges)
 *                "top": y}                 the top of the headers
 * Not moved by a press (grips FALSE), never resized. */
extern const TfItemKind tf_bp_grid_kind;
/* A card (layer THINGS): paper, its actor's pictogram and department, its
 * text, its markers, evidence and the count of the insights it cites.
 * Settle writes "off": true in the payload of a card of a hidden lane: it is
 * then hidden (off the board). */
extern const TfItemKind tf_bp_card_kind;
/* An arrow between two cards (layer LINKS): drawn along the points of its
 * payload's "route": [x0, y0, x1, y1, …] (written by settle); references its
 * two cards ("from", "to"). Defined in tf-bp-arrow-kind.c. */
extern const TfItemKind tf_bp_arrow_kind;

/* What the card item says of its place, as parsed (borrowed strings, ""
 * when absent); FALSE when @item is not a parsed card. */
gboolean tf_bp_card_item_get_place    (const TfItem  *item,
                                       const char   **step_id,
                                       const char   **lane_id,
                                       int           *order,
                                       gboolean      *off);
/* The card the item's payload describes, as the kind parsed it (borrowed;
 * its text and bounds are those of the parse); NULL when @item is not a
 * parsed card. */
const TfBpCard *tf_bp_card_item_get_card (const TfItem *item);
/* The grid item's stored geometry (borrowed arrays of double: column and
 * row edges); FALSE when @item is not a parsed grid or has none. */
gboolean tf_bp_grid_item_get_geometry (const TfItem  *item,
                                       GArray       **cols,
                                       GArray       **rows);

/* The card's inner measures, shared by its drawing and the layout (board
 * units): text size, padding, the actor/department band and the badge band. */
#define TF_BP_CARD_PAD         14.0
#define TF_BP_CARD_TEXT_SIZE   17.0
#define TF_BP_CARD_HEAD_HEIGHT 34.0   /* pictogram and department, + TF_BP_CARD_PAD / 2 below */
#define TF_BP_CARD_FOOT_HEIGHT 26.0   /* badges, + TF_BP_CARD_PAD / 2 above */

G_END_DECLS
