/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-store.h"

G_BEGIN_DECLS

/* The demo experiment's fixed uuid: "transfo demo" finds it again. */
#define TF_DEMO_UUID "5f1c2d7e-0b9a-4c1e-9d3f-2009a27e0003"

/* Inside an edit transaction: adds the booklet's demo experiment unless the
 * archive already has it. Sets @id to its id (new or existing). */
gboolean tf_demo_insert (TfStore  *store,
                         gint64   *id,
                         GError  **error);

/* Adds the demo in its own transaction if it is missing. */
gboolean tf_demo_ensure (TfStore  *store,
                         gint64   *id,
                         GError  **error);

G_END_DECLS
