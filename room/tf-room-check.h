/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The room's legibility: text on the audience view is never smaller than
 * the room's depth ÷ 200 in height (40 mm at 8 m, a common AV rule),
 * converted to projector pixels from the projected image's width in
 * millimetres and the projector's width in pixels (core/tf-session-rows.h:
 * TfSessionRoom). A text's height is its font size (the em), which is what
 * the cards are laid out in. How small each card's text comes out at a
 * step uses the camera rule (tf_room_camera()) and the kinds' own text
 * layout (TfItemKind.text_size): no kind is named here. No GTK. */

#include <pango/pango.h>

#include "canvas/tf-scene.h"
#include "core/tf-session-rows.h"
#include "room/tf-room.h"

G_BEGIN_DECLS

/* The legible minimum of @room: in millimetres on the screen, and in
 * projector pixels. */
double      tf_room_needed_mm        (const TfSessionRoom *room);
double      tf_room_needed_px        (const TfSessionRoom *room);
/* Projector pixels to millimetres on the screen. */
double      tf_room_px_to_mm         (const TfSessionRoom *room,
                                      double               px);

/* A card a step shows, and how large its smallest text is there. */
typedef struct {
  gint64    item_id;
  double    text_px;   /* in projector pixels */
  double    text_mm;   /* on the screen */
  gboolean  cut;       /* the whole text does not fit at that size */
} TfRoomCardText;

/* The cards (items whose kind draws text) @step shows on @room's
 * projector: a reveal step's cards, else the items over its area; with
 * the smallest text height of each at the step's camera. @min_px: the
 * least text height "room" rendering asks of the cards (0: the cards as
 * drawn on the boards). A GArray of TfRoomCardText, in the scene's order. */
GArray     *tf_room_step_texts       (const TfSessionStep *step,
                                      const char          *board_kind,
                                      TfScene             *scene,
                                      const TfSessionRoom *room,
                                      PangoContext        *context,
                                      double               min_px) G_GNUC_WARN_UNUSED_RESULT;
/* The zoom (projector pixels per board unit) of @step's camera on @room's
 * projector. */
double      tf_room_step_zoom        (const TfSessionStep *step,
                                      TfScene             *scene,
                                      const TfSessionRoom *room);

/* A card whose text is still too small at a step, with room rendering. */
typedef struct {
  guint     step_index;   /* in the agenda */
  char     *step_title;   /* tf_session_step_describe() */
  gint64    board_id;     /* the card's board */
  gint64    item_id;
  char     *words;        /* the first words of its text */
  double    text_mm;
  double    needed_mm;
  double    text_px;
  double    needed_px;
} TfRoomProblem;

void        tf_room_problem_clear    (TfRoomProblem *problem);
GArray     *tf_room_problem_array_new (void) G_GNUC_WARN_UNUSED_RESULT;

/* The room check: every step of @experiment_id's session (its default
 * agenda when it has none yet) in @room (NULL: the experiment's own), the
 * cards whose text would still be too small with room rendering, appended
 * to @problems (tf_room_problem_array_new()). */
gboolean    tf_room_check            (TfStore             *store,
                                      gint64               experiment_id,
                                      const TfSessionRoom *room,
                                      GArray              *problems,
                                      GError             **error);
/* One line for a problem: "Step 3 “Cluster: waiting”, card “I waited
 * three…”: text 21 mm high, 40 mm needed". */
char       *tf_room_problem_describe (const TfRoomProblem *problem) G_GNUC_WARN_UNUSED_RESULT;
/* What an empty check says: "Every step is legible from the back of the
 * room (8 m)". */
char       *tf_room_check_all_legible (const TfSessionRoom *room) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
