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

/* What the commands call @count items whose kinds are @kind_ids (@count
 * ids, NULL entries for kinds unknown): the kind's own name when they are
 * all of one kind ("a photo", "3 photos"), "an item" or "4 items" when
 * they differ or the kind says nothing. Translated, newly allocated. */
char  *tf_item_kinds_name         (const char * const *kind_ids,
                                   guint               count) G_GNUC_WARN_UNUSED_RESULT;
/* A board's summary: @n kinds (@kind_ids, as stored) with @counts items
 * each, most numerous first: "21 insights · 2 clusters", each kind in its
 * own words (its count() hook), what the board says (content kinds) first;
 * two kinds named at most, the others (and kinds without words) counted
 * together as "other items"; kinds drawn from the board (a legend) left
 * out; a count's number and words held together by no-break spaces.
 * "Empty" when nothing is left. Translated, newly allocated. */
char  *tf_item_kinds_count_line   (const char * const *kind_ids,
                                   const guint        *counts,
                                   guint               n) G_GNUC_WARN_UNUSED_RESULT;
G_END_DECLS
