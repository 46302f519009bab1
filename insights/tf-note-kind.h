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

/* The side of a square note that shows the whole of @text at a legible
 * size: @side itself when the text fits a note that big, else the
 * smallest larger side, in steps of 10 units, up to TF_NOTE_FIT_MAX_SIDE
 * (a quote longer than that stays cut there). For "Fit to text" and for
 * the notes written on the board. */
#define TF_NOTE_FIT_MAX_SIDE 1200.0
/* While a quote is typed on a note, the note grows with it up to this
 * side (about 1,200 letters); past it the text scrolls in the editor and
 * the note shows its start. */
#define TF_NOTE_TYPING_MAX_SIDE 480.0

double tf_note_side_for_text (PangoContext *context,
                              const char   *text,
                              double        side,
                              guint         votes);

G_END_DECLS
