/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A service blueprint as data (issue #10). Each card's lane and step are
 * stored; its geometry follows from them (tf-blueprint-layout.h) and is
 * written back by every command, so the spatial index, the renderer and the
 * exports see ordinary items.
 *
 * Stored as items of the board (kind ids in tf-blueprint-kinds.h):
 *
 *   "bp-grid"   one per board, under everything; its payload holds the grid:
 *     {"stages": [{"id": "g1", "title": "Avant la séance"}],
 *      "steps":  [{"id": "s1", "title": "Recevoir le kit", "stage": "g1",
 *                  "duration": "2 jours"}],
 *      "lanes":  [{"id": "evidence", "role": "evidence", "title": "",
 *                  "hidden": false}, …],
 *      "next": 7,               the counter that makes new ids ("s7", "l7")
 *      "compare": 0}            the as-is blueprint's board id, 0 for none
 *     Steps are in time order; lanes top to bottom. An empty title means
 *     the role's translated default ("Actions de l'usager").
 *
 *   "bp-card"   text = the card's text;
 *     payload {"step": "s1", "lane": "frontstage", "order": 0,
 *              "actor": "elu",              a stamp key, "" for none
 *              "department": "Service culture",
 *              "evidence": {"asset": 0, "label": "Photo du kit"},   or absent
 *              "fail": {"owner": "", "mitigation": ""},            or absent
 *              "wait": {"duration": "3 jours"},                    or absent
 *              "pain": true, "opportunity": true,                  or absent
 *              "cites": [123, 456],   item ids of insights (notes) of the
 *                                     same experiment; "cites" is the
 *                                     generic key any kind may use
 *              "silenced": {"fail-owner": "reason"},
 *              "origin": 77}   the as-is card a to-be card was copied from
 *
 *   "bp-arrow"  payload {"from": 12, "to": 34, "two_way": false,
 *                        "loop": false, "label": ""}
 *     Its bounds cover its route; it references its two cards (deleting a
 *     card deletes its arrows).
 *
 * Unknown keys are kept as they are. Missing keys take their defaults. */

#include <glib.h>
#include <json-glib/json-glib.h>

#include "canvas/tf-rect.h"
#include "canvas/tf-scene.h"

G_BEGIN_DECLS

/* The item kinds' ids, for blueprints/ and gui/blueprints/ only. */
#define TF_BP_GRID_KIND  "bp-grid"
#define TF_BP_CARD_KIND  "bp-card"
#define TF_BP_ARROW_KIND "bp-arrow"

/* How large a grid may grow: far beyond a readable blueprint (30 steps × 8
 * lanes), small enough that a hostile archive cannot make reading or laying
 * it out slow. Reading ignores what lies beyond; the commands refuse it. */
#define TF_BP_MAX_STEPS  500
#define TF_BP_MAX_LANES  40
#define TF_BP_MAX_STAGES 100

typedef enum {
  TF_BP_LANE_EVIDENCE,      /* physical evidence */
  TF_BP_LANE_CUSTOMER,      /* customer actions (élu, agent, citizen) */
  TF_BP_LANE_FRONTSTAGE,    /* visible contact staff actions */
  TF_BP_LANE_BACKSTAGE,     /* invisible contact staff actions */
  TF_BP_LANE_SUPPORT,       /* support processes */
  /* Optional lanes. */
  TF_BP_LANE_TIME,
  TF_BP_LANE_EMOTION,
  TF_BP_LANE_POLICY,        /* policy, rules */
  TF_BP_LANE_METRICS,
  TF_BP_LANE_PAIN,          /* pain points */
  TF_BP_LANE_OPPORTUNITY,
  TF_BP_LANE_CUSTOM,
  TF_BP_N_LANE_ROLES
} TfBpLaneRole;

/* The three lines, each drawn under the lane of its role. */
typedef enum {
  TF_BP_LINE_INTERACTION,           /* under the customer lane */
  TF_BP_LINE_VISIBILITY,            /* under the frontstage lane */
  TF_BP_LINE_INTERNAL_INTERACTION,  /* under the backstage lane */
  TF_BP_N_LINES
} TfBpLine;

typedef struct {
  char *id;
  char *title;
} TfBpStage;

typedef struct {
  char *id;
  char *title;
  char *stage_id;   /* NULL or "" for none */
  char *duration;   /* free text, "" for none */
} TfBpStep;

typedef struct {
  char        *id;
  TfBpLaneRole role;
  char        *title;   /* "" for the role's default */
  gboolean     hidden;
} TfBpLane;

typedef enum {
  TF_BP_MARK_FAIL        = 1 << 0,
  TF_BP_MARK_WAIT        = 1 << 1,
  TF_BP_MARK_PAIN        = 1 << 2,
  TF_BP_MARK_OPPORTUNITY = 1 << 3,
} TfBpMarks;

typedef struct {
  gint64      item_id;
  char       *step_id;
  char       *lane_id;
  int         order;          /* within its cell, top to bottom */
  char       *text;
  char       *actor;          /* stamp key, "" for none */
  char       *department;     /* "" for none */
  gboolean    has_evidence;
  gint64      evidence_asset; /* 0: a placeholder until the mockup wing */
  char       *evidence_label;
  guint       marks;          /* TfBpMarks */
  char       *fail_owner;
  char       *fail_mitigation;
  char       *wait_duration;
  GArray     *cites;          /* gint64 insight item ids */
  GHashTable *silenced;       /* check id → reason (char *) */
  gint64      origin;         /* the as-is card it was copied from, 0 for none */
  TfRect      bounds;         /* as stored (after the last layout) */
} TfBpCard;

typedef struct {
  gint64   item_id;
  gint64   from;
  gint64   to;
  gboolean two_way;
  gboolean loop;
  char    *label;
} TfBpArrow;

typedef struct {
  gint64     board_id;
  gint64     grid_item_id;    /* 0 when the board has no grid item yet */
  gint64     compare_board;   /* the as-is version, 0 for none */
  guint      next;
  GPtrArray *stages;          /* TfBpStage * */
  GPtrArray *steps;           /* TfBpStep * */
  GPtrArray *lanes;           /* TfBpLane * */
  GPtrArray *cards;           /* TfBpCard *, by step, lane, order */
  GPtrArray *arrows;          /* TfBpArrow * */
} TfBlueprint;

/* An empty blueprint with the five standard lanes and no step. */
TfBlueprint *tf_blueprint_new            (void) G_GNUC_WARN_UNUSED_RESULT;
void         tf_blueprint_free           (TfBlueprint  *bp);
/* The blueprint of a scene (its bp-grid, bp-card and bp-arrow items);
 * cards whose step or lane is not in the grid go to the first cell. */
TfBlueprint *tf_blueprint_from_scene     (TfScene      *scene) G_GNUC_WARN_UNUSED_RESULT;

/* Lookups; NULL / -1 when absent. */
int          tf_blueprint_step_index     (const TfBlueprint *bp,
                                          const char        *step_id);
int          tf_blueprint_lane_index     (const TfBlueprint *bp,
                                          const char        *lane_id);
/* The first lane of @role, NULL when none. */
TfBpLane    *tf_blueprint_lane_of_role   (const TfBlueprint *bp,
                                          TfBpLaneRole       role);
TfBpCard    *tf_blueprint_card           (const TfBlueprint *bp,
                                          gint64             item_id);
/* The cards of one cell in order (borrowed TfBpCard *). */
GPtrArray   *tf_blueprint_cell_cards     (const TfBlueprint *bp,
                                          const char        *step_id,
                                          const char        *lane_id) G_GNUC_WARN_UNUSED_RESULT;

/* Building and editing in memory (what the commands do before writing). A
 * new step, lane or stage gets a fresh id ("s7", "l8", "g9"); @index -1
 * appends. A new card goes last in its cell. Cards stay sorted by step,
 * lane and order; after changing a card's cell or order or the steps' or
 * lanes' order, call tf_blueprint_sort_cards(). */
char        *tf_blueprint_new_id         (TfBlueprint       *bp,
                                          char               prefix) G_GNUC_WARN_UNUSED_RESULT;
TfBpStep    *tf_blueprint_add_step       (TfBlueprint       *bp,
                                          int                index,
                                          const char        *title,
                                          const char        *stage_id);
TfBpLane    *tf_blueprint_add_lane       (TfBlueprint       *bp,
                                          int                index,
                                          TfBpLaneRole       role,
                                          const char        *title);
TfBpStage   *tf_blueprint_add_stage      (TfBlueprint       *bp,
                                          const char        *title);
TfBpCard    *tf_blueprint_add_card       (TfBlueprint       *bp,
                                          gint64             item_id,
                                          const char        *step_id,
                                          const char        *lane_id,
                                          const char        *text);
TfBpArrow   *tf_blueprint_add_arrow      (TfBlueprint       *bp,
                                          gint64             item_id,
                                          gint64             from,
                                          gint64             to);
void         tf_blueprint_sort_cards     (TfBlueprint       *bp);

/* The card of a "bp-card" item, read from its parsed payload @payload
 * (NULL: an empty one): what tf_blueprint_from_scene() and the card kind
 * read. */
TfBpCard    *tf_bp_card_from_item        (const TfItem      *item,
                                          JsonObject        *payload) G_GNUC_WARN_UNUSED_RESULT;

/* A card alone (the panel's edited copy, tf_bp_command_set_card()). */
TfBpCard    *tf_bp_card_new              (const char        *step_id,
                                          const char        *lane_id,
                                          const char        *text) G_GNUC_WARN_UNUSED_RESULT;
TfBpCard    *tf_bp_card_copy             (const TfBpCard    *card) G_GNUC_WARN_UNUSED_RESULT;
void         tf_bp_card_free             (TfBpCard          *card);

/* The grid's payload JSON, as stored in the bp-grid item. */
char        *tf_blueprint_grid_to_json   (const TfBlueprint *bp) G_GNUC_WARN_UNUSED_RESULT;
/* A card's payload JSON; @old_payload's unknown keys are kept. */
char        *tf_blueprint_card_to_json   (const TfBpCard    *card,
                                          const char        *old_payload) G_GNUC_WARN_UNUSED_RESULT;

/* Role names as stored ("evidence"…) and labels (translated). */
const char  *tf_bp_lane_role_to_string   (TfBpLaneRole role);
TfBpLaneRole tf_bp_lane_role_from_string (const char  *s);
const char  *tf_bp_lane_role_label       (TfBpLaneRole role);
/* The lane's title, or its role's label when it has none. */
const char  *tf_bp_lane_title            (const TfBpLane *lane);
const char  *tf_bp_line_label            (TfBpLine line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfBlueprint, tf_blueprint_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfBpCard, tf_bp_card_free)

G_END_DECLS
