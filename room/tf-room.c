/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-room"

#include <math.h>

#include "tf-room.h"

struct _TfRoom
{
  GArray       *steps;      /* TfSessionStep */
  GArray       *spent;      /* gint64 per step, closed stretches only */
  GArray       *extra;      /* gint64 per step: minutes added */
  TfRoomClock   clock;
  gpointer      clock_data;
  guint         current;
  guint         n_cards;
  guint         revealed;
  TfRoomScreen  screen;
  gboolean      paused;
  gint64        started;    /* when the session's current stretch started */
  gint64        elapsed;    /* closed stretches of the session */
  gint64        step_started;
};

static gint64
now (TfRoom *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_get_monotonic_time ();
}

TfRoom *
tf_room_new (GArray      *steps,
             TfRoomClock  clock,
             gpointer     clock_data)
{
  TfRoom *self = g_new0 (TfRoom, 1);

  self->steps = tf_session_step_array_new ();
  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      TfSessionStep copy;

      tf_session_step_copy (&copy, &g_array_index (steps, TfSessionStep, i));
      g_array_append_val (self->steps, copy);
    }
  self->spent = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->extra = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (self->spent, self->steps->len);
  g_array_set_size (self->extra, self->steps->len);
  self->clock = clock;
  self->clock_data = clock_data;
  self->started = self->step_started = now (self);
  return self;
}

void
tf_room_free (TfRoom *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->steps);
  g_array_unref (self->spent);
  g_array_unref (self->extra);
  g_free (self);
}

guint
tf_room_get_n_steps (TfRoom *self)
{
  return self->steps->len;
}

const TfSessionStep *
tf_room_get_step (TfRoom *self,
                  guint   index)
{
  return index < self->steps->len ? &g_array_index (self->steps, TfSessionStep, index) : NULL;
}

guint
tf_room_get_current (TfRoom *self)
{
  return self->current;
}

const TfSessionStep *
tf_room_get_next_step (TfRoom *self)
{
  return tf_room_get_step (self, self->current + 1);
}

void
tf_room_set_n_cards (TfRoom *self,
                     guint   n_cards)
{
  self->n_cards = n_cards;
  self->revealed = MIN (self->revealed, n_cards);
}

guint
tf_room_get_n_cards (TfRoom *self)
{
  return self->n_cards;
}

guint
tf_room_get_revealed (TfRoom *self)
{
  return self->revealed;
}

static gboolean
is_reveal (TfRoom *self)
{
  const TfSessionStep *step = tf_room_get_step (self, self->current);

  return step != NULL && step->kind == TF_SESSION_STEP_REVEAL;
}

/* Closes the current step's running stretch into its spent time. */
static void
close_step (TfRoom *self)
{
  gint64 t = now (self);

  if (!self->paused && self->current < self->spent->len)
    g_array_index (self->spent, gint64, self->current) += MAX (0, t - self->step_started);
  self->step_started = t;
}

gboolean
tf_room_go_to (TfRoom *self,
               guint   index)
{
  if (index >= self->steps->len || index == self->current)
    return FALSE;
  close_step (self);
  self->current = index;
  /* Unknown until the caller counts them. */
  self->n_cards = 0;
  self->revealed = 0;
  return TRUE;
}

gboolean
tf_room_next (TfRoom *self)
{
  if (is_reveal (self) && self->revealed < self->n_cards)
    {
      self->revealed++;
      return TRUE;
    }
  return tf_room_go_to (self, self->current + 1);
}

gboolean
tf_room_previous (TfRoom *self)
{
  if (is_reveal (self) && self->revealed > 0)
    {
      self->revealed--;
      return TRUE;
    }
  if (self->current == 0 || !tf_room_go_to (self, self->current - 1))
    return FALSE;
  /* Coming back to a reveal step shows it whole. */
  self->revealed = G_MAXUINT;
  return TRUE;
}

TfRoomScreen
tf_room_get_screen (TfRoom *self)
{
  return self->screen;
}

void
tf_room_toggle_screen (TfRoom       *self,
                       TfRoomScreen  screen)
{
  self->screen = self->screen == screen ? TF_ROOM_SHOW : screen;
}

gboolean
tf_room_get_paused (TfRoom *self)
{
  return self->paused;
}

void
tf_room_set_paused (TfRoom   *self,
                    gboolean  paused)
{
  gint64 t;

  if (self->paused == !!paused)
    return;
  t = now (self);
  if (paused)
    {
      close_step (self);
      self->elapsed += MAX (0, t - self->started);
    }
  self->started = self->step_started = t;
  self->paused = !!paused;
}

gint64
tf_room_get_elapsed (TfRoom *self)
{
  return self->elapsed + (self->paused ? 0 : MAX (0, now (self) - self->started));
}

gint64
tf_room_get_spent (TfRoom *self,
                   guint   index)
{
  gint64 spent;

  if (index >= self->spent->len)
    return 0;
  spent = g_array_index (self->spent, gint64, index);
  if (index == self->current && !self->paused)
    spent += MAX (0, now (self) - self->step_started);
  return spent;
}

static gint64
planned (TfRoom *self,
         guint   index)
{
  const TfSessionStep *step = tf_room_get_step (self, index);

  if (step == NULL || (step->planned_seconds <= 0 && g_array_index (self->extra, gint64, index) == 0))
    return 0;
  return step->planned_seconds * G_USEC_PER_SEC + g_array_index (self->extra, gint64, index);
}

gint64
tf_room_get_step_left (TfRoom *self)
{
  gint64 plan = planned (self, self->current);

  return plan > 0 ? plan - tf_room_get_spent (self, self->current) : 0;
}

TfRoomTime
tf_room_time_state (gint64 plan,
                    gint64 left)
{
  if (plan <= 0)
    return TF_ROOM_TIME_UNPLANNED;
  if (left < 0)
    return TF_ROOM_TIME_OVER;
  /* Five minutes before the end, or the last fifth of a short plan (a
   * 5-minute step is not orange from its start). */
  if (left <= MIN (TF_ROOM_ENDING_USEC, plan / 5))
    return TF_ROOM_TIME_ENDING;
  return TF_ROOM_TIME_ON_TIME;
}

TfRoomTime
tf_room_get_step_time (TfRoom *self)
{
  return tf_room_time_state (planned (self, self->current), tf_room_get_step_left (self));
}

static gint64
session_planned (TfRoom *self)
{
  gint64 plan = 0;

  for (guint i = 0; i < self->steps->len; i++)
    plan += planned (self, i);
  return plan;
}

gint64
tf_room_get_session_left (TfRoom *self)
{
  gint64 plan = session_planned (self);

  return plan > 0 ? plan - tf_room_get_elapsed (self) : 0;
}

TfRoomTime
tf_room_get_session_time (TfRoom *self)
{
  return tf_room_time_state (session_planned (self), tf_room_get_session_left (self));
}

void
tf_room_add_minute (TfRoom *self)
{
  if (self->current < self->extra->len)
    g_array_index (self->extra, gint64, self->current) += 60 * G_USEC_PER_SEC;
}

char *
tf_room_format_time (gint64 usec)
{
  gboolean negative = usec < 0;
  /* A countdown shows a second as soon as it starts: round up. */
  gint64 s = negative ? -usec / G_USEC_PER_SEC : (usec + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
  const char *sign = negative && s > 0 ? "−" : "";

  if (s >= 3600)
    return g_strdup_printf ("%s%d:%02d:%02d", sign, (int) (s / 3600), (int) (s / 60 % 60), (int) (s % 60));
  return g_strdup_printf ("%s%d:%02d", sign, (int) (s / 60), (int) (s % 60));
}

double
tf_room_legible_zoom (int height)
{
  return TF_ROOM_TEXT_PX * (MAX (height, 1) / TF_ROOM_REFERENCE_HEIGHT) / TF_ROOM_TEXT_UNITS;
}

gboolean
tf_room_camera (const TfRect *area,
                int           width,
                int           height,
                double       *centre_x,
                double       *centre_y,
                double       *zoom)
{
  double margin = MIN (width, height) / 20.0;
  double w = MAX (area->width, 1.0), h = MAX (area->height, 1.0);
  double fit, legible = tf_room_legible_zoom (height);

  *centre_x = area->x + area->width / 2.0;
  *centre_y = area->y + area->height / 2.0;
  fit = MIN ((width - 2 * margin) / w, (height - 2 * margin) / h);
  fit = MAX (fit, 1e-4);
  *zoom = MIN (fit, TF_ROOM_MAX_ZOOM);
  if (*zoom < legible && w * legible <= width * 1.25 && h * legible <= height * 1.25)
    *zoom = legible;
  return *zoom >= legible - 1e-9;
}
