/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-item.h"

G_BEGIN_DECLS

/* The generic kinds, usable on any board, each in its own file and header
 * (label, zone). A wing's own kinds are declared in its folder
 * (insights/tf-note-kind.h, stamps/tf-actor-items.h). */
#include "tf-label-kind.h"
#include "tf-zone-kind.h"

/* Registers the generic kinds (label, zone); called by tf_wings_init(). */
void   tf_canvas_register_kinds   (void);

/* The ids of the registered kinds that have any of @roles (TfItemRole), for
 * queries that select items by what they are. NULL-terminated. */
char **tf_item_kind_ids_with_role (guint roles) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
