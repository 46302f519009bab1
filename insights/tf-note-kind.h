/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "canvas/tf-item.h"

G_BEGIN_DECLS

/* An insight on a post-it. */
extern const TfItemKind tf_note_kind;

/* Parsed form of a note's style and payload. */
typedef struct {
  guint32  color;
  guint    votes;
  gboolean star;
  gboolean retired;
  const char *color_id;  /* the palette's own (tf_note_colors()) */
} TfNoteData;

/* A note's style, {"color": …, "size": …}; @size_id may be NULL (no size
 * member). Zones take a style of the same form with no size. */
char *tf_note_style_build (const char *color_id,
                           const char *size_id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
