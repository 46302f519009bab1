/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/tf-history.h"
#include "gui/tf-canvas-view.h"
#include "room/tf-room.h"
#include "room/tf-vote.h"
#include "tf-room-phones.h"

G_BEGIN_DECLS

/* A session in the room (the "sas"): a full-screen audience window that
 * shows only the current step's view (a TfCanvasView: no editing UI),
 * and the presenter's controls (current and next view, notes, agenda,
 * timers) in a window of their own on the other monitor, or over the
 * audience view on a single monitor (P shows and hides them). One
 * session runs at a time; it ends with Escape or Shift+F5, writes the
 * time spent on each step into the archive (one undo step) and emits
 * "ended". The model is room/ (tf-session.h, tf-room.h). */

#define TF_TYPE_ROOM_SESSION (tf_room_session_get_type ())
G_DECLARE_FINAL_TYPE (TfRoomSession, tf_room_session, TF, ROOM_SESSION, GObject)

/* Starts the session of @experiment_id (made from the default agenda, as
 * one undo step, when the experiment has none yet), on the step of
 * @board_id when one shows it (0: the first). NULL with @error when the
 * experiment has nothing to show. The session keeps itself alive until
 * it ends. */
TfRoomSession *tf_room_session_start          (GtkWindow     *parent,
                                               TfHistory     *history,
                                               gint64         experiment_id,
                                               gint64         board_id,
                                               GError       **error);
/* The session running, NULL when none. */
TfRoomSession *tf_room_session_get_running    (void);
void           tf_room_session_end            (TfRoomSession *self);

GtkWindow     *tf_room_session_get_audience   (TfRoomSession *self);
/* The presenter's own window, NULL when its controls are over the
 * audience view (a single monitor). */
GtkWindow     *tf_room_session_get_presenter  (TfRoomSession *self);
TfCanvasView  *tf_room_session_get_audience_view (TfRoomSession *self);
TfRoom        *tf_room_session_get_room       (TfRoomSession *self);
/* Phones in the room: the room's server, its QR code, the queue. */
TfRoomPhones  *tf_room_session_get_phones     (TfRoomSession *self);
/* Where the audience's camera goes for the current step: centre, zoom. */
void           tf_room_session_get_camera     (TfRoomSession *self,
                                               double        *centre_x,
                                               double        *centre_y,
                                               double        *zoom);
/* Whether the presenter's controls are in a window of their own (the
 * default with two monitors) or over the audience view. */
void           tf_room_session_set_presenter_window (TfRoomSession *self,
                                                     gboolean       own_window);
/* Whether the controls show over the audience view (single monitor). */
gboolean       tf_room_session_get_overlay_visible (TfRoomSession *self);

/* The voting round open (V … R), NULL when none; the note it has
 * selected (0: none). */
TfVoteRound   *tf_room_session_get_vote_round (TfRoomSession *self);
gint64         tf_room_session_get_vote_note  (TfRoomSession *self);

/* The room's modes on: F, Z, L, H, C, and a round's settings shown. */
typedef enum {
  TF_ROOM_SESSION_FROZEN        = 1 << 0,
  TF_ROOM_SESSION_ZOOMED        = 1 << 1,
  TF_ROOM_SESSION_LASER         = 1 << 2,
  TF_ROOM_SESSION_HIGH_CONTRAST = 1 << 3,
  TF_ROOM_SESSION_CLOCK         = 1 << 4,
  TF_ROOM_SESSION_VOTE_SETUP    = 1 << 5,
} TfRoomSessionModes;

TfRoomSessionModes tf_room_session_get_modes  (TfRoomSession *self);

/* With TRANSFO_TEST_CLOCK set when the session starts, its timers run on
 * a clock that moves only when a test moves it, by @usec. */
void           tf_room_session_advance_test_clock (TfRoomSession *self,
                                                   gint64         usec);
/* The reading view's label (Enter: a card's text alone on the audience
 * view), NULL when it is not shown. */
GtkWidget     *tf_room_session_get_reading    (TfRoomSession *self);
/* The cards of the step whose text is cut on the audience view, each
 * marked "Enter to read" astride its top (gint64 item ids). */
const GArray  *tf_room_session_get_cut_cards  (TfRoomSession *self);
/* The presenter's controls (over the audience view with one monitor, or
 * in the presenter's window). */
GtkWidget     *tf_room_session_get_controls   (TfRoomSession *self);
/* F2's field for a note's text (a GtkTextView), and the note it edits (0:
 * none). */
GtkWidget     *tf_room_session_get_edit_entry (TfRoomSession *self);
/* The still the audience sees while frozen (F), NULL otherwise. */
GdkPaintable  *tf_room_session_get_still      (TfRoomSession *self);
gint64         tf_room_session_get_edit_item  (TfRoomSession *self);
/* The facilitator's notes (a GtkTextView), and the voting settings'
 * panel shown over the audience view with one monitor. */
GtkWidget     *tf_room_session_get_notes      (TfRoomSession *self);
GtkWidget     *tf_room_session_get_setup_panel (TfRoomSession *self);
/* Where the audience view shows a hidden round's "votes hidden" badge,
 * in its pixels; FALSE when it shows none. */
gboolean       tf_room_session_get_badge_rect (TfRoomSession *self,
                                               TfRect        *rect);

G_END_DECLS
