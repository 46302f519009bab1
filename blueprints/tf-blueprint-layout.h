/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Where everything of a blueprint goes, from its data alone: a pure
 * function of the TfBlueprint (and of the cards' text, measured with
 * Pango at the card's print size). Steps are columns of one width, lanes
 * rows that grow to fit their tallest cell; the cards of a cell stack in
 * their order. Hidden lanes take no height and their cards are off the
 * board. The commands (tf-blueprint-commands.h) write the result back to
 * the items' bounds in the same transaction. */

#include "tf-blueprint-model.h"

G_BEGIN_DECLS

/* Board units (a note is 200). */
#define TF_BP_HEADER_WIDTH   240.0   /* the lane titles, left */
#define TF_BP_STAGE_HEIGHT    64.0   /* the stage band, top (when any stage) */
#define TF_BP_STEP_HEIGHT    96.0    /* the step titles, under the stages */
#define TF_BP_COLUMN_WIDTH   280.0
#define TF_BP_CARD_WIDTH     232.0
#define TF_BP_CARD_MIN_HEIGHT 96.0
#define TF_BP_GAP             24.0   /* between cards, and around them in a cell */
#define TF_BP_LANE_MIN_HEIGHT 144.0
/* The font size of a card's text (board units), drawn by the card kind and
 * measured by the layout; the readability check scales it to the paper. */
#define TF_BP_CARD_FONT_SIZE  18.0

typedef struct {
  TfRect  bounds;        /* the whole grid, headers included */
  GArray *columns;       /* TfRect per step (the full column below the headers) */
  GArray *rows;          /* TfRect per lane (the full row right of the headers) */
  GArray *stage_bands;   /* TfRect per stage (over its steps; empty when none) */
  GArray *step_headers;  /* TfRect per step */
  GArray *lane_headers;  /* TfRect per lane */
  double  line_y[TF_BP_N_LINES];   /* -1 when its lane is absent or hidden */
  GHashTable *cards;     /* item id (gint64 *) → TfRect * */
} TfBpLayout;

TfBpLayout *tf_blueprint_layout        (const TfBlueprint *bp) G_GNUC_WARN_UNUSED_RESULT;
void        tf_bp_layout_free          (TfBpLayout        *layout);
/* The cell under a board point: FALSE outside the grid's cells. */
gboolean    tf_bp_layout_cell_at       (const TfBpLayout  *layout,
                                        const TfBlueprint *bp,
                                        double             x,
                                        double             y,
                                        int               *step_index,
                                        int               *lane_index);
/* A cell's rectangle. */
TfRect      tf_bp_layout_cell          (const TfBpLayout  *layout,
                                        int                step_index,
                                        int                lane_index);
/* The height a card needs for @text at TF_BP_CARD_WIDTH. */
double      tf_bp_card_height_for_text (const char        *text,
                                        guint              marks);
/* The height @card needs: its text, and the band of its pictogram and
 * department and that of its badges when it has them (what the card kind
 * draws, tf-blueprint-kinds.h). Never less than TF_BP_CARD_MIN_HEIGHT. */
double      tf_bp_card_height          (const TfBpCard    *card);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfBpLayout, tf_bp_layout_free)

G_END_DECLS
