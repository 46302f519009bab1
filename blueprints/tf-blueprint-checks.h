/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The blueprint linter: each check is a pure function over the blueprint's
 * data that returns findings. Documented, one section per check (id, why,
 * a correct and an incorrect example), in docs/blueprint-checks.md. A card
 * silences a check with a reason ("silenced" in its payload): its findings
 * for that check are reported as silenced, not as problems. */

#include "core/tf-store.h"
#include "tf-blueprint-model.h"

G_BEGIN_DECLS

typedef enum {
  TF_BP_SEVERITY_INFO,
  TF_BP_SEVERITY_WARNING,
  TF_BP_SEVERITY_ERROR,
} TfBpSeverity;

typedef struct {
  const char  *id;        /* "evidence-missing" */
  TfBpSeverity severity;
  const char  *title;     /* N_() */
} TfBpCheck;

typedef struct {
  const TfBpCheck *check;
  GArray          *items;      /* gint64: the cards (and arrows) concerned */
  char            *step_id;    /* where, when it is a step or a lane; else NULL */
  char            *lane_id;
  char            *message;    /* translated, one line */
  char            *fix;        /* translated, one line */
  char            *silenced;   /* the reason, NULL when not silenced */
} TfBpFinding;

typedef struct {
  /* The readability check: the text size (points) a card's text must reach
   * when the whole blueprint is printed on @paper_width_mm ×
   * @paper_height_mm (0: A3 landscape) or projected. */
  double paper_width_mm;
  double paper_height_mm;
  double min_text_pt;        /* 0: 9 pt */
  /* The items cited by cards ("cites") that show physical evidence (a
   * mockup's photo: their kind has TF_ITEM_ROLE_EVIDENCE), gint64 * → any;
   * tf_blueprint_cited_evidence() finds them. NULL: none known. */
  GHashTable *evidence;
} TfBpCheckOptions;

/* Every check, in documentation order. */
const TfBpCheck *tf_bp_checks        (guint                  *n_checks);
const TfBpCheck *tf_bp_check_lookup  (const char             *id);
/* All findings (TfBpFinding *, free with the array), errors first, then
 * warnings, then infos; within a severity by step, lane and place in the
 * cell; findings about a whole lane or the whole blueprint after those
 * about a step. Silenced findings are in the list, with their reason.
 * The readability check lays the blueprint out (tf_blueprint_layout():
 * Pango, any thread). @options may be NULL. */
GPtrArray       *tf_blueprint_check  (const TfBlueprint      *bp,
                                      const TfBpCheckOptions *options) G_GNUC_WARN_UNUSED_RESULT;
void             tf_bp_finding_free  (TfBpFinding            *finding);
/* The items the cards of @bp cite that show physical evidence, read from
 * @store (a set of gint64 *, for TfBpCheckOptions.evidence), or found in
 * @scenes (TfScene *: the experiment's boards, an export's snapshot) when
 * @store is NULL. Never NULL. */
GHashTable      *tf_blueprint_cited_evidence (const TfBlueprint  *bp,
                                              TfStore            *store,
                                              GPtrArray          *scenes) G_GNUC_WARN_UNUSED_RESULT;
/* "error", "warning", "info": stable, for scripts (the CLI's --json). */
const char      *tf_bp_severity_to_string (TfBpSeverity       severity);
/* Translated, for people: "Error", "Warning", "Suggestion". */
const char      *tf_bp_severity_label     (TfBpSeverity       severity);

/* As-is / to-be: the cards of @to_be added (no origin in @as_is), changed
 * (text, cell, actor, department or marks differ from their origin) and
 * the cards of @as_is removed (no card of @to_be has them as origin). Each
 * array holds gint64 item ids. */
typedef struct {
  GArray *added;
  GArray *changed;
  GArray *removed;
} TfBpComparison;

TfBpComparison  *tf_blueprint_compare      (const TfBlueprint *as_is,
                                            const TfBlueprint *to_be) G_GNUC_WARN_UNUSED_RESULT;
void             tf_bp_comparison_free     (TfBpComparison    *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfBpFinding, tf_bp_finding_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfBpComparison, tf_bp_comparison_free)

G_END_DECLS
