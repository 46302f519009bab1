/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/tf-experiment.h"

G_BEGIN_DECLS

#define TF_TYPE_EXPERIMENT_ROW (tf_experiment_row_get_type ())
G_DECLARE_FINAL_TYPE (TfExperimentRow, tf_experiment_row, TF, EXPERIMENT_ROW, GtkListBoxRow)

GtkWidget    *tf_experiment_row_new            (TfExperiment    *experiment);

TfExperiment *tf_experiment_row_get_experiment (TfExperimentRow *self);
/* An imported experiment says so under its title ("Imported from
 * @department"); NULL for one made here. */
void          tf_experiment_row_set_origin     (TfExperimentRow *self,
                                                const char      *department);

/* Where a search matched, as Pango markup (tf_archive_search_excerpt);
 * NULL hides it. */
void          tf_experiment_row_set_excerpt    (TfExperimentRow *self,
                                                const char      *markup);
const char   *tf_experiment_row_get_excerpt    (TfExperimentRow *self);

G_END_DECLS
