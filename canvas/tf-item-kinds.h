/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-item.h"

G_BEGIN_DECLS

/* The kinds this version knows; each is defined in its own file. */
extern const TfItemKind tf_note_kind;   /* an insight on a post-it */
extern const TfItemKind tf_label_kind;  /* free text on the board */
extern const TfItemKind tf_zone_kind;   /* a titled rectangle that groups items: a cluster */
extern const TfItemKind tf_stamp_kind;  /* an actor stamped on a map: see tf-actor-items.h */
extern const TfItemKind tf_link_kind;   /* a relation between two items */
extern const TfItemKind tf_pool_kind;   /* a named hull around a group of actors */
extern const TfItemKind tf_legend_kind; /* the legend of an actor map, drawn from the board */

/* Parsed form of a note's style and payload. */
typedef struct {
  guint32  color;
  guint    votes;
  gboolean star;
  gboolean retired;
  char    *color_id;
} TfNoteData;

G_END_DECLS
