/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What uses a mockup's photo elsewhere in its experiment: the items citing
 * it (core/tf-citations.h, payload key "cites"), such as the cards of a
 * blueprint whose physical evidence the photo shows, with where each
 * stands on its board (a blueprint card: its step's title, through the
 * board type's item_place hook). For the mockup panel and `transfo show`.
 * GTK-free. */

#include "core/tf-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64  item_id;      /* the citing item (a blueprint card) */
  gint64  board_id;
  char   *board_name;
  char   *board_type;   /* its type's id */
  char   *place;        /* where it stands (the step's title), "" when its board says nothing */
  char   *text;         /* the citing item's text */
} TfMkLink;

void       tf_mk_link_free        (TfMkLink  *link);
/* The items citing photo item @photo_id (TfMkLink *, free with the
 * array), by board then id; NULL on error. */
GPtrArray *tf_mk_photo_cited_by   (TfStore   *store,
                                   gint64     photo_id,
                                   GError   **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
