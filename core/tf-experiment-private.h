/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-experiment.h"
#include "tf-store.h"

G_BEGIN_DECLS

/* Inside an edit: inserts an experiment with @draft's fields and tags, under
 * @uuid (a random one when NULL). Returns the new id, or 0 with @error set. */
gint64 tf_experiment_insert (TfStore       *store,
                             TfExperiment  *draft,
                             const char    *uuid,
                             GError       **error);

G_END_DECLS
