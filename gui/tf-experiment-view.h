/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/tf-history.h"

G_BEGIN_DECLS

#define TF_TYPE_EXPERIMENT_VIEW (tf_experiment_view_get_type ())
G_DECLARE_FINAL_TYPE (TfExperimentView, tf_experiment_view, TF, EXPERIMENT_VIEW, AdwBin)

TfHistory *tf_experiment_view_get_history       (TfExperimentView *self);
gint64     tf_experiment_view_get_experiment_id (TfExperimentView *self);
gboolean   tf_experiment_view_get_folded        (TfExperimentView *self);

gboolean   tf_experiment_view_get_editable      (TfExperimentView *self);
void       tf_experiment_view_set_editable      (TfExperimentView *self,
                                                 gboolean          editable);
void       tf_experiment_view_set_history       (TfExperimentView *self,
                                                 TfHistory        *history);
/* Loads the experiment at once; returns FALSE when the archive has no such
 * experiment (the view is then empty). */
gboolean   tf_experiment_view_set_experiment_id (TfExperimentView *self,
                                                 gint64            experiment_id);
void       tf_experiment_view_set_folded        (TfExperimentView *self,
                                                 gboolean          folded);

/* Puts the keyboard in the title, its text selected, ready to be typed over. */
void       tf_experiment_view_focus_title       (TfExperimentView *self);
/* Puts the keyboard on the row of a board, after coming back from it. */
void       tf_experiment_view_focus_board       (TfExperimentView *self,
                                                 gint64            board_id);
/* Puts the keyboard on the session's agenda ("Prepare the Session…"). */
void       tf_experiment_view_focus_session    (TfExperimentView *self);
/* Commits what is typed in a field and not applied yet, so that nothing is
 * lost when the view shows another experiment or the window closes. */
void       tf_experiment_view_commit_pending    (TfExperimentView *self);
/* How many times the view read its experiment again after a change (for
 * tests: a phone's insight must not). */
guint      tf_experiment_view_get_n_reloads     (TfExperimentView *self);

G_END_DECLS
