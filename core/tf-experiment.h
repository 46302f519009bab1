/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tf-enums.h"

G_BEGIN_DECLS

/* The free-text fields of an experiment, in display order. */
typedef enum {
  TF_FIELD_TITLE,
  TF_FIELD_THEME,
  TF_FIELD_PLACE,
  TF_FIELD_TERRITORY,
  TF_FIELD_DEPARTMENT,
  TF_FIELD_START_DATE,  /* ISO 8601 date, YYYY-MM-DD, or empty */
  TF_FIELD_END_DATE,
  TF_FIELD_TEAM,        /* team roles, one per line, never personal names */
  TF_FIELD_CONTEXT,
  TF_FIELD_OUTCOMES,    /* the projects the experiment produced */
  TF_FIELD_LESSONS,
  TF_N_FIELDS
} TfExperimentField;

#define TF_TYPE_EXPERIMENT (tf_experiment_get_type ())
G_DECLARE_FINAL_TYPE (TfExperiment, tf_experiment, TF, EXPERIMENT, GObject)

TfExperiment  *tf_experiment_new            (const char        *title) G_GNUC_WARN_UNUSED_RESULT;

gint64         tf_experiment_get_id         (TfExperiment      *self);
const char    *tf_experiment_get_uuid       (TfExperiment      *self);
const char    *tf_experiment_get_text       (TfExperiment      *self,
                                             TfExperimentField  field);
const char    *tf_experiment_get_title      (TfExperiment      *self);
TfPhase        tf_experiment_get_phase      (TfExperiment      *self);
TfStatus       tf_experiment_get_status     (TfExperiment      *self);
const char * const *tf_experiment_get_tags  (TfExperiment      *self);
guint          tf_experiment_get_board_count (TfExperiment     *self);
const char    *tf_experiment_get_created    (TfExperiment      *self);
const char    *tf_experiment_get_modified   (TfExperiment      *self);
/* "Oct. 2009 – Dec. 2009" style, for lists; empty when no dates are set. */
char          *tf_experiment_format_dates   (TfExperiment      *self) G_GNUC_WARN_UNUSED_RESULT;

void           tf_experiment_set_id         (TfExperiment      *self,
                                             gint64             id);
void           tf_experiment_set_uuid       (TfExperiment      *self,
                                             const char        *uuid);
void           tf_experiment_set_text       (TfExperiment      *self,
                                             TfExperimentField  field,
                                             const char        *value);
void           tf_experiment_set_phase      (TfExperiment      *self,
                                             TfPhase            phase);
void           tf_experiment_set_status     (TfExperiment      *self,
                                             TfStatus           status);
void           tf_experiment_set_tags       (TfExperiment      *self,
                                             const char * const *tags);
void           tf_experiment_set_board_count (TfExperiment     *self,
                                              guint             count);
void           tf_experiment_set_timestamps (TfExperiment      *self,
                                             const char        *created,
                                             const char        *modified);

/* The SQL column and the stable JSON key of a field. */
const char    *tf_experiment_field_to_id    (TfExperimentField  field);
gboolean       tf_experiment_field_from_id  (const char        *id,
                                             TfExperimentField *field);
const char    *tf_experiment_field_get_label (TfExperimentField field);
gboolean       tf_experiment_field_is_multiline (TfExperimentField field);

/* Checks a YYYY-MM-DD date (empty is allowed). */
gboolean       tf_date_is_valid             (const char        *date);
/* A month's name (1-12) in the interface's language, whatever LC_TIME says. */
const char    *tf_date_month_name           (int                month);
/* The months of two YYYY-MM-DD dates, either may be empty ("October – December 2009"). */
char          *tf_date_format_months        (const char        *start,
                                             const char        *end) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
