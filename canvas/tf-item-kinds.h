/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-item.h"

G_BEGIN_DECLS

/* The generic kinds, usable on any board; each is defined in its own file.
 * A wing's own kinds are declared in its folder (insights/tf-note-kind.h,
 * stamps/tf-actor-items.h). */
extern const TfItemKind tf_label_kind;  /* free text on the board */
extern const TfItemKind tf_zone_kind;   /* a titled rectangle that groups items: a cluster */

/* A zone's style, {"color": @color_id} (a note colour's id). */
char  *tf_zone_style_build        (const char *color_id) G_GNUC_WARN_UNUSED_RESULT;

/* Registers the generic kinds (label, zone); called by tf_wings_init(). */
void   tf_canvas_register_kinds   (void);

/* The ids of the registered kinds that have any of @roles (TfItemRole), for
 * queries that select items by what they are. NULL-terminated. */
char **tf_item_kind_ids_with_role (guint roles) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
