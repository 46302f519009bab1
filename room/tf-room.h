/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A session running in the room: which step is shown, how many cards of
 * a reveal step are out, whether the audience's screen is blanked, and
 * the timers (the session's and each step's, planned against spent) on a
 * clock the caller gives (a fake one in tests). And the room's camera
 * rule: how close a step's view comes so that the text reads from the
 * back of the room. No GTK, no archive: gui/room/ shows it and records
 * the time spent with tf_session_command_record_spent(). */

#include "canvas/tf-rect.h"
#include "core/tf-session-rows.h"

G_BEGIN_DECLS

typedef struct _TfRoom TfRoom;

/* Monotonic microseconds. */
typedef gint64 (*TfRoomClock) (gpointer user_data);

typedef enum {
  TF_ROOM_SHOW,        /* the step's view */
  TF_ROOM_BLACK,       /* a black screen */
  TF_ROOM_WHITE,       /* a white screen */
} TfRoomScreen;

typedef enum {
  TF_ROOM_TIME_UNPLANNED, /* no planned duration */
  TF_ROOM_TIME_ON_TIME,
  TF_ROOM_TIME_ENDING,    /* five minutes or less left, a fifth of a short plan */
  TF_ROOM_TIME_OVER,      /* past the planned duration */
} TfRoomTime;

/* Five minutes before the end a countdown changes colour. */
#define TF_ROOM_ENDING_USEC (5 * 60 * G_USEC_PER_SEC)

/* Legibility: a post-it's body text is about this high in board units (a
 * medium note's line), and must be at least TF_ROOM_TEXT_PX pixels high
 * on a projector of TF_ROOM_REFERENCE_HEIGHT pixels to be read from the
 * back of a room. */
#define TF_ROOM_TEXT_UNITS        20.0
#define TF_ROOM_TEXT_PX           28.0
#define TF_ROOM_REFERENCE_HEIGHT  1080.0
/* The closest a step's view comes (a single card does not fill a wall). */
#define TF_ROOM_MAX_ZOOM          2.0

/* @steps is copied. @clock NULL: g_get_monotonic_time(). The timers start
 * at once, on the first step. */
TfRoom             *tf_room_new              (GArray        *steps,
                                              TfRoomClock    clock,
                                              gpointer       clock_data) G_GNUC_WARN_UNUSED_RESULT;
void                tf_room_free             (TfRoom        *self);

guint               tf_room_get_n_steps      (TfRoom        *self);
const TfSessionStep *tf_room_get_step        (TfRoom        *self,
                                              guint          index);
guint               tf_room_get_current      (TfRoom        *self);
/* The step after the current one, NULL at the end. */
const TfSessionStep *tf_room_get_next_step   (TfRoom        *self);

/* A reveal step: how many cards it has (the caller counts them when it
 * shows the step) and how many are out. */
void                tf_room_set_n_cards      (TfRoom        *self,
                                              guint          n_cards);
guint               tf_room_get_n_cards      (TfRoom        *self);
guint               tf_room_get_revealed     (TfRoom        *self);

/* Forward: the next card of a reveal step, else the next step. Back: a
 * card less, else the previous step (a reveal step comes back whole).
 * FALSE at either end. */
gboolean            tf_room_next             (TfRoom        *self);
gboolean            tf_room_previous         (TfRoom        *self);
gboolean            tf_room_go_to            (TfRoom        *self,
                                              guint          index);

TfRoomScreen        tf_room_get_screen       (TfRoom        *self);
/* Blanks the audience's screen in @screen, or shows the view again when
 * it is already so. */
void                tf_room_toggle_screen    (TfRoom        *self,
                                              TfRoomScreen   screen);

/* Timers. A paused session counts no time, for itself or its step. */
gboolean            tf_room_get_paused       (TfRoom        *self);
void                tf_room_set_paused       (TfRoom        *self,
                                              gboolean       paused);
gint64              tf_room_get_elapsed      (TfRoom        *self);
/* The time spent on step @index so far (this session), the current
 * step's running time included. */
gint64              tf_room_get_spent        (TfRoom        *self,
                                              guint          index);
/* The current step's planned time (with the minutes added) less what it
 * spent: negative in overtime. 0 when it has no plan. */
gint64              tf_room_get_step_left    (TfRoom        *self);
TfRoomTime          tf_room_get_step_time    (TfRoom        *self);
/* The whole session's planned time (the steps' plans) less its elapsed. */
gint64              tf_room_get_session_left (TfRoom        *self);
TfRoomTime          tf_room_get_session_time (TfRoom        *self);
/* One more minute for the current step. */
void                tf_room_add_minute       (TfRoom        *self);
/* What a countdown or a clock shows: "4:05", "1:02:03", "−0:42". */
char               *tf_room_format_time      (gint64         usec) G_GNUC_WARN_UNUSED_RESULT;
TfRoomTime          tf_room_time_state       (gint64         planned,
                                              gint64         left);

/* The camera for @area on a screen of @width × @height pixels: its centre
 * and zoom. The area fits; when that leaves a post-it's text smaller than
 * the room's minimum and the area nearly fits at the legible zoom (no
 * more than a quarter larger than the screen), the camera comes to the
 * legible zoom on the area's centre. Returns whether the text is legible. */
gboolean            tf_room_camera           (const TfRect  *area,
                                              int            width,
                                              int            height,
                                              double        *centre_x,
                                              double        *centre_y,
                                              double        *zoom);
/* The least zoom at which a post-it's text is legible on a screen
 * @height pixels high. */
double              tf_room_legible_zoom     (int            height);

G_END_DECLS
