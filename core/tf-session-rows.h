/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The rows of the `sessions` and `session_steps` tables (format 5), for
 * the room's session model (room/tf-session.h) and its commands. Every
 * writer runs inside an edit (tf_store_edit). */

#include "tf-item-rows.h"

G_BEGIN_DECLS

/* What a step of a session shows. Stored as its number: append only. */
typedef enum {
  TF_SESSION_STEP_BOARD,   /* a whole board */
  TF_SESSION_STEP_AREA,    /* a zone, cluster or frame: an item's bounds or a rectangle */
  TF_SESSION_STEP_STAGE,   /* a stage of a blueprint (its rectangle) */
  TF_SESSION_STEP_MOCKUP,  /* a mockup board, on its photo */
  TF_SESSION_STEP_REVEAL,  /* cards shown one by one (TfSessionReveal) */
  TF_N_SESSION_STEP_KINDS
} TfSessionStepKind;

/* Which cards a reveal step shows, in which order. */
typedef enum {
  TF_SESSION_REVEAL_CLUSTER, /* the cards of a cluster, in reading order */
  TF_SESSION_REVEAL_VOTES,   /* the board's insights by vote rank, most first */
} TfSessionReveal;

/* One step of a session's agenda, as stored. */
typedef struct {
  gint64             id;
  gint64             session_id;
  int                position;
  TfSessionStepKind  kind;
  gint64             board_id;
  gint64             item_id;         /* 0: none; the area is the rectangle */
  double             x, y, width, height;
  char              *title;
  char              *notes;           /* the facilitator's */
  TfSessionReveal    reveal;
  gint64             planned_seconds; /* 0: no plan */
  gint64             spent_seconds;
} TfSessionStep;

/* Limits of what a step holds (longer texts are refused when written and
 * the row left out when read). */
#define TF_SESSION_MAX_TITLE  1024
#define TF_SESSION_MAX_NOTES  (64 * 1024)
#define TF_SESSION_MAX_SECONDS (7 * 24 * 3600)

void     tf_session_step_clear          (TfSessionStep *step);
void     tf_session_step_copy           (TfSessionStep       *dest,
                                         const TfSessionStep *src);
/* A GArray of TfSessionStep that clears its steps. */
GArray  *tf_session_step_array_new      (void) G_GNUC_WARN_UNUSED_RESULT;

/* The first session of @experiment_id in @session_id, 0 when it has none. */
gboolean tf_session_rows_first          (TfStore        *store,
                                         gint64          experiment_id,
                                         gint64         *session_id,
                                         GError        **error);
/* The experiment of session @session_id, 0 when there is none. */
gboolean tf_session_rows_experiment     (TfStore        *store,
                                         gint64          session_id,
                                         gint64         *experiment_id,
                                         GError        **error);
gboolean tf_session_rows_insert         (TfStore        *store,
                                         gint64          experiment_id,
                                         const char     *name,
                                         gint64         *id,
                                         GError        **error);
/* Appends to @steps the steps of @session_id by position; rows whose
 * values the archive should not hold (a hostile file) are left out. */
gboolean tf_session_rows_steps          (TfStore        *store,
                                         gint64          session_id,
                                         GArray         *steps,
                                         GError        **error);
/* Step @id into @step (cleared first); @found says whether there is one. */
gboolean tf_session_rows_read_step      (TfStore        *store,
                                         gint64          id,
                                         TfSessionStep  *step,
                                         gboolean       *found,
                                         GError        **error);
/* Inserts @step (its id is ignored) and gives the new id. */
gboolean tf_session_rows_insert_step    (TfStore              *store,
                                         const TfSessionStep  *step,
                                         gint64               *id,
                                         GError              **error);
/* Writes every column of step @step->id but its session. */
gboolean tf_session_rows_update_step    (TfStore              *store,
                                         const TfSessionStep  *step,
                                         GError              **error);
gboolean tf_session_rows_delete_step    (TfStore        *store,
                                         gint64          id,
                                         GError        **error);
/* The room an experiment's session is held in (format 7): the depth from
 * the screen to the back row, the projected image's width, and the
 * projector's pixels. An experiment with no room stored has the defaults. */
typedef struct {
  int depth_mm;
  int screen_mm;
  int width_px;
  int height_px;
} TfSessionRoom;

#define TF_SESSION_ROOM_DEPTH_MM   8000
#define TF_SESSION_ROOM_SCREEN_MM  2400
#define TF_SESSION_ROOM_WIDTH_PX   1920
#define TF_SESSION_ROOM_HEIGHT_PX  1080
/* What the archive accepts (its CHECK constraints). */
#define TF_SESSION_ROOM_MIN_DEPTH_MM    1000
#define TF_SESSION_ROOM_MAX_DEPTH_MM    100000
#define TF_SESSION_ROOM_MIN_SCREEN_MM   300
#define TF_SESSION_ROOM_MAX_SCREEN_MM   30000
#define TF_SESSION_ROOM_MIN_WIDTH_PX    320
#define TF_SESSION_ROOM_MAX_PX          16384
#define TF_SESSION_ROOM_MIN_HEIGHT_PX   200

void     tf_session_room_init_default   (TfSessionRoom  *room);
/* Whether every value is within what the archive accepts. */
gboolean tf_session_room_is_valid       (const TfSessionRoom *room);
/* The room of @experiment_id, the defaults when none is stored (or the
 * stored one holds values the program never writes). */
gboolean tf_session_rows_room           (TfStore        *store,
                                         gint64          experiment_id,
                                         TfSessionRoom  *room,
                                         GError        **error);
/* Stores @room (valid) as the room of @experiment_id. */
gboolean tf_session_rows_set_room       (TfStore              *store,
                                         gint64               experiment_id,
                                         const TfSessionRoom  *room,
                                         GError              **error);

/* The boards of @experiment_id by position: id, type id, name. */
gboolean tf_session_rows_boards         (TfStore        *store,
                                         gint64          experiment_id,
                                         TfRowFunc       func,
                                         gpointer        user_data,
                                         GError        **error);

G_END_DECLS
