/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Which items cite an item: any kind may cite items of the same
 * experiment (insights, mostly) by listing their ids under the generic
 * payload key "cites" (a blueprint card citing the quotes behind it). The
 * cited item's wing shows who cites it without knowing the citing kind. */

#include "tf-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64  item_id;      /* the citing item */
  gint64  board_id;     /* its board */
  char   *board_type;   /* the board's type id */
  char   *board_name;
  char   *text;         /* the citing item's text */
} TfCitation;

void       tf_citation_free (TfCitation *citation);
/* The items citing @item_id (TfCitation *, free with the array), by board
 * then id; NULL on error. */
GPtrArray *tf_citations_of  (TfStore    *store,
                             gint64      item_id,
                             GError    **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
