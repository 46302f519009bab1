/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The phases of an experiment, in the order of the booklet's method. */
typedef enum {
  TF_PHASE_IMMERSION,
  TF_PHASE_STORYTELLING,   /* « raconter, inviter » */
  TF_PHASE_CODESIGN,
  TF_PHASE_PROTOTYPING,
  TF_PHASE_REVIEW,         /* « bilan » */
  TF_N_PHASES
} TfPhase;

typedef enum {
  TF_STATUS_DRAFT,
  TF_STATUS_ACTIVE,
  TF_STATUS_DONE,
  TF_STATUS_ABANDONED,
  TF_N_STATUSES
} TfStatus;

/* Stable identifiers, used in JSON and on the command line. */
const char *tf_phase_to_id         (TfPhase      phase);
const char *tf_status_to_id        (TfStatus     status);

/* Accept the stable identifier, its French form, any case, with or without accents. */
gboolean    tf_phase_from_string   (const char  *str,
                                    TfPhase     *phase);
gboolean    tf_status_from_string  (const char  *str,
                                    TfStatus    *status);

/* Translated names for display. */
const char *tf_phase_get_label      (TfPhase      phase);
const char *tf_status_get_label     (TfStatus     status);

G_END_DECLS
