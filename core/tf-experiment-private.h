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

/* Inside an edit: deletes an experiment for good, with its boards and
 * items (ON DELETE CASCADE) and the assets (photos, evidence) that nothing
 * else in the archive uses any more; a stamp's drawing stays with the
 * stamp. */
gboolean tf_experiment_delete_rows (TfStore       *store,
                                    gint64         id,
                                    GError       **error);

G_END_DECLS
