/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-room-session"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "canvas/tf-contrast.h"
#include "canvas/tf-item-commands.h"
#include "canvas/tf-renderer.h"
#include "core/tf-board-rows.h"
#include "canvas/tf-text-fit.h"
#include "room/tf-contribution.h"
#include "room/tf-room-check.h"
#include "room/tf-session.h"
#include "room/tf-vote.h"
#include "tf-room-phones.h"
#include "tf-room-session.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

struct _TfRoomSession
{
  GObject         parent_instance;

  TfHistory      *history;
  TfStore        *store;
  GtkWindow      *parent;
  gint64          experiment_id;
  gint64          session_id;
  TfRoom         *room;
  GHashTable     *scenes;          /* board id → TfScene, shared by the views */
  GHashTable     *kinds;           /* board id → its type id */
  TfScene        *empty_scene;
  GArray         *hidden;          /* gint64: cards of a reveal step not out yet */
  guint           remeasure_id;    /* idle: the step's cards changed */
  GArray         *cut;             /* gint64: cards of the step whose text is cut
                                    * on the audience view ("Enter to read") */
  GArray         *cut_drawn;       /* CutMark: the marks as last drawn */

  GtkWindow      *audience;
  GtkWidget      *audience_overlay;
  TfCanvasView   *audience_view;
  GtkWidget      *blank;
  GdkMonitor     *audience_monitor;

  GtkWindow      *presenter_window; /* NULL: the controls are over the audience */
  GtkWidget      *presenter;
  GtkWidget      *current_frame;
  GtkWidget      *side;            /* the next view and the agenda */
  GtkWidget      *side_scroller;   /* around it: its least width asked only */
  TfCanvasView   *current_view;
  TfCanvasView   *next_view;
  GtkLabel       *position_label;
  GtkLabel       *title_label;
  GtkLabel       *next_label;
  GtkLabel       *session_clock;
  GtkLabel       *step_clock;
  GtkLabel       *legibility;
  GtkTextView    *notes;
  GtkWidget      *notes_box;       /* the heading and the notes */
  GtkWidget      *notes_button;    /* over the audience: shows the notes (N) */
  GtkWidget      *notes_warning;   /* over the audience: the room sees them */
  gboolean        notes_shown;     /* over the audience, unfolded */
  gboolean        notes_wanted;    /* the facilitator came into the notes */
  GtkWidget      *setup_panel;     /* one monitor: a round's settings alone */
  /* F2: a note's text edited from the presenter's keyboard, on the
   * presenter's current view (or over the audience view with one monitor) */
  GtkWidget      *edit_panel;
  GtkTextView    *edit_text;       /* Enter keeps, Shift+Enter a new line */
  GtkWidget      *current_overlay;
  gint64          edit_item;
  GtkListBox     *agenda;
  GtkDropDown    *monitors;
  GtkWidget      *pause_button;

  gint64          notes_step_id;
  gboolean        filling_notes;
  gboolean        notes_changed;
  double          cam_x, cam_y, cam_zoom;
  int             preview_width[2], preview_height[2];
  gboolean        previews_dirty;
  int             audience_width, audience_height;
  guint           pinned_frames;   /* frames the camera is held after a cut */
  guint           clock_id;
  gboolean        ended;

  /* A voting round (V), and its settings while they are chosen. */
  TfVoteRound    *round;
  guint           round_selected;
  GArray         *round_casts;     /* Cast: the dots in the order they came */
  gboolean        vote_setup;
  guint           setup_colours, setup_dots;
  gboolean        setup_hidden;
  GtkWidget      *dots;            /* over the audience view: dots, badge, laser */
  GtkWidget      *current_dots;    /* over the presenter's current view */
  double          dots_camera[2][3]; /* the views' origin and zoom last drawn */
  GtkLabel       *vote_label;

  /* The room's keys: F, Z, L, H, C. */
  gboolean        frozen;
  GtkWidget      *freeze;          /* a still of the audience view */
  GdkTexture     *freeze_other;    /* the same still in the other contrast (H) */
  gboolean        zoomed;
  gboolean        laser;
  GArray         *laser_trail;     /* LaserPoint */
  gboolean        pointer_in;
  double          pointer_x, pointer_y;  /* board units */
  GtkLabel       *audience_clock;
  GtkLabel       *modes_label;

  /* The room's legibility: the experiment's room, "room" rendering's
   * least text height on the audience view, and the reading view of one
   * card's text (Enter). */
  TfSessionRoom   room_setting;
  GtkWidget      *reading;
  GtkLabel       *reading_label;
  gint64          reading_item;
  PangoContext   *measure;         /* lays cards out to measure their text */
  /* TRANSFO_TEST_CLOCK: the timers on a clock tests move. */
  gboolean        test_clock;
  gint64          test_now;
  /* Phones in the room (O, Q, the moderation queue). */
  TfRoomPhones   *phones;
  GtkWidget      *views_box;       /* the next view and the agenda, beside the phones */
  /* A note just accepted from a phone: outlined a moment on the views
   * (D shows it), and a line on the audience when the controls are hidden
   * and it landed out of sight. */
  gint64          flash_item;
  gint64          flash_start;
  gboolean        shown_elsewhere; /* D took the audience to another board */
  GtkWidget      *toast;
  guint           toast_id;
};

/* How long a note accepted from a phone stays outlined. */
#define FLASH_USEC (2500 * G_TIME_SPAN_MILLISECOND)

typedef struct {
  gint64 note;
  guint  colour;
} Cast;

typedef struct {
  double x, y;  /* board units */
  gint64 time;
} LaserPoint;

/* How long a point of the laser's trail takes to fade. */
#define LASER_FADE_USEC (700 * G_TIME_SPAN_MILLISECOND)

G_DEFINE_FINAL_TYPE (TfRoomSession, tf_room_session, G_TYPE_OBJECT)

enum {
  SIGNAL_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static TfRoomSession *running;

static void scene_changed (TfRoomSession *self);
static void show_step  (TfRoomSession *self,
                        gboolean       animate);
static void set_camera (TfRoomSession *self);
static void update_votes (TfRoomSession *self);
static void update_modes (TfRoomSession *self);
static void pointer_moved (TfRoomSession *self,
                           TfCanvasView  *view,
                           double         x,
                           double         y);

/* Scenes */

static TfScene *
scene_for (TfRoomSession *self,
           gint64         board_id)
{
  TfScene *scene = g_hash_table_lookup (self->scenes, &board_id);

  if (scene == NULL)
    {
      g_autoptr(GError) error = NULL;
      gint64 *key = g_new (gint64, 1);

      scene = tf_scene_new_for_board (self->store, board_id, &error);
      if (scene == NULL)
        {
          g_warning ("Could not read board %" G_GINT64_FORMAT ": %s", board_id, error->message);
          scene = tf_scene_new ();
        }
      *key = board_id;
      g_hash_table_insert (self->scenes, key, scene);
      /* A card edited (from here or the board) may be cut now, or whole. */
      g_signal_connect_object (scene, "items-changed", G_CALLBACK (scene_changed), self, G_CONNECT_SWAPPED);
    }
  return scene;
}

static const char *
kind_of (TfRoomSession *self,
         gint64         board_id)
{
  char *kind = g_hash_table_lookup (self->kinds, &board_id);

  if (kind == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      if (!tf_board_rows_kind (self->store, board_id, &kind, NULL) || kind == NULL)
        kind = g_strdup ("");
      *key = board_id;
      g_hash_table_insert (self->kinds, key, kind);
    }
  return kind;
}

static TfRect
union_of (GPtrArray *items)
{
  TfRect r = { 0, 0, 0, 0 };

  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      double x1, y1;

      if (i == 0)
        {
          r = item->bounds;
          continue;
        }
      x1 = MAX (r.x + r.width, item->bounds.x + item->bounds.width);
      y1 = MAX (r.y + r.height, item->bounds.y + item->bounds.height);
      r.x = MIN (r.x, item->bounds.x);
      r.y = MIN (r.y, item->bounds.y);
      r.width = x1 - r.x;
      r.height = y1 - r.y;
    }
  return r;
}

/* The area a step shows; a reveal step's is its cards'. @cards, when not
 * NULL, gets them. */
static TfRect
step_area (TfRoomSession        *self,
           const TfSessionStep  *step,
           GPtrArray           **cards)
{
  TfScene *scene = scene_for (self, step->board_id);
  TfRect area = tf_session_step_area (step, scene);
  g_autoptr(GPtrArray) found = tf_session_step_reveal_cards (step, kind_of (self, step->board_id), scene);

  if (found->len > 0 && (step->item_id == 0 && tf_rect_is_empty (&TF_RECT_INIT (step->x, step->y, step->width, step->height))))
    area = union_of (found);
  if (cards != NULL)
    *cards = g_steal_pointer (&found);
  return area;
}

/* Places a view's camera on @step without animation. */
static void
place_camera (TfRoomSession       *self,
              TfCanvasView        *view,
              const TfSessionStep *step)
{
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  TfScene *scene;
  TfRect area;
  double cx, cy, zoom;

  if (step == NULL)
    {
      /* After the last step: an empty view. */
      if (self->empty_scene == NULL)
        self->empty_scene = tf_scene_new ();
      if (tf_canvas_view_get_scene (view) != self->empty_scene)
        tf_canvas_view_set_scene (view, self->empty_scene);
      return;
    }
  scene = scene_for (self, step->board_id);
  if (tf_canvas_view_get_scene (view) != scene)
    tf_canvas_view_set_scene (view, scene);
  if (width <= 0 || height <= 0)
    return;
  area = step_area (self, step, NULL);
  /* The previews frame as the projector does: the same rule on the
   * audience's size, scaled to the preview. */
  tf_room_camera (&area, width, height, &cx, &cy, &zoom);
  tf_canvas_view_stop_animation (view);
  tf_canvas_view_set_zoom (view, zoom);
  tf_canvas_view_set_origin (view, cx - width / 2.0 / tf_canvas_view_get_zoom (view),
                             cy - height / 2.0 / tf_canvas_view_get_zoom (view));
}

static gboolean
previews_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  TfRoomSession *self = user_data;
  TfCanvasView *views[2] = { self->current_view, self->next_view };

  (void) clock;
  (void) widget;
  for (guint i = 0; i < 2; i++)
    {
      int w = gtk_widget_get_width (GTK_WIDGET (views[i]));
      int h = gtk_widget_get_height (GTK_WIDGET (views[i]));

      if (w != self->preview_width[i] || h != self->preview_height[i])
        {
          self->preview_width[i] = w;
          self->preview_height[i] = h;
          self->previews_dirty = TRUE;
        }
    }
  if (self->previews_dirty && self->room != NULL)
    {
      guint current = tf_room_get_current (self->room);

      self->previews_dirty = FALSE;
      place_camera (self, self->current_view, tf_room_get_step (self->room, current));
      place_camera (self, self->next_view, tf_room_get_next_step (self->room));
    }
  return G_SOURCE_CONTINUE;
}

/* Each frame: the audience view's size and the camera pinned to it. */
static gboolean
size_tick (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  TfRoomSession *self = user_data;

  (void) widget;
  (void) clock;
  /* A new size (the window made full screen, another monitor): the
   * camera again, for that size. */
  if (gtk_widget_get_width (GTK_WIDGET (self->audience_view)) != self->audience_width ||
      gtk_widget_get_height (GTK_WIDGET (self->audience_view)) != self->audience_height)
    {
      self->audience_width = gtk_widget_get_width (GTK_WIDGET (self->audience_view));
      self->audience_height = gtk_widget_get_height (GTK_WIDGET (self->audience_view));
      if (self->audience_width > 0 && self->audience_height > 0 && !self->ended)
        show_step (self, FALSE);
    }
  if (self->pinned_frames > 0 && self->audience_width > 0)
    {
      self->pinned_frames--;
      set_camera (self);
    }
  return G_SOURCE_CONTINUE;
}

/* Clocks */

static const char *
time_class (TfRoomTime time)
{
  switch (time)
    {
    case TF_ROOM_TIME_ENDING:
      return "warning";
    case TF_ROOM_TIME_OVER:
      return "error";
    case TF_ROOM_TIME_UNPLANNED:
    case TF_ROOM_TIME_ON_TIME:
    default:
      return NULL;
    }
}

static void
set_time_class (GtkLabel   *label,
                TfRoomTime  time)
{
  const char *css = time_class (time);

  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), css);
}

static void
update_agenda_row (TfRoomSession *self,
                   guint          index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->agenda, (int) index);
  const TfSessionStep *step = tf_room_get_step (self->room, index);
  GtkWidget *time;
  g_autofree char *spent = NULL;
  g_autofree char *text = NULL;

  if (row == NULL || step == NULL)
    return;
  time = g_object_get_data (G_OBJECT (row), "time");
  spent = tf_room_format_time (tf_room_get_spent (self->room, index));
  if (step->planned_seconds > 0)
    {
      g_autofree char *planned = tf_room_format_time (step->planned_seconds * G_USEC_PER_SEC);

      /* TRANSLATORS: time spent on a step / time planned for it. */
      text = g_strdup_printf (_("%s / %s"), spent, planned);
    }
  else
    text = g_strdup (spent);
  gtk_label_set_text (GTK_LABEL (time), text);
}

static gboolean
update_clocks (gpointer user_data)
{
  TfRoomSession *self = user_data;
  g_autofree char *elapsed = tf_room_format_time (tf_room_get_elapsed (self->room));
  g_autofree char *step = tf_room_format_time (tf_room_get_spent (self->room, tf_room_get_current (self->room)));
  g_autofree char *session_text = NULL;
  g_autofree char *step_text = NULL;

  if (tf_room_get_session_time (self->room) != TF_ROOM_TIME_UNPLANNED)
    {
      g_autofree char *left = tf_room_format_time (tf_room_get_session_left (self->room));

      /* TRANSLATORS: the session's elapsed time, and what is left of the plan. */
      session_text = g_strdup_printf (_("Session %s (%s left)"), elapsed, left);
    }
  else
    session_text = g_strdup_printf (_("Session %s"), elapsed);
  if (tf_room_get_step_time (self->room) != TF_ROOM_TIME_UNPLANNED)
    {
      g_autofree char *left = tf_room_format_time (tf_room_get_step_left (self->room));

      step_text = g_strdup_printf (_("Step %s (%s left)"), step, left);
    }
  else
    step_text = g_strdup_printf (_("Step %s"), step);
  if (tf_room_get_paused (self->room))
    {
      char *paused = g_strdup_printf (_("%s, paused"), session_text);

      g_free (session_text);
      session_text = paused;
    }
  gtk_label_set_text (self->session_clock, session_text);
  gtk_label_set_text (self->step_clock, step_text);
  set_time_class (self->session_clock, tf_room_get_session_time (self->room));
  set_time_class (self->step_clock, tf_room_get_step_time (self->room));
  update_agenda_row (self, tf_room_get_current (self->room));
  /* The audience's clock (C): the step's countdown, else the session's,
   * else the time on the step; negative in overtime. */
  if (self->audience_clock != NULL && gtk_widget_get_visible (GTK_WIDGET (self->audience_clock)))
    {
      TfRoomTime state = tf_room_get_step_time (self->room);
      g_autofree char *shown = NULL;

      if (state != TF_ROOM_TIME_UNPLANNED)
        shown = tf_room_format_time (tf_room_get_step_left (self->room));
      else if ((state = tf_room_get_session_time (self->room)) != TF_ROOM_TIME_UNPLANNED)
        shown = tf_room_format_time (tf_room_get_session_left (self->room));
      else
        shown = tf_room_format_time (tf_room_get_spent (self->room, tf_room_get_current (self->room)));
      gtk_label_set_text (self->audience_clock, shown);
      set_time_class (self->audience_clock, state);
    }
  return G_SOURCE_CONTINUE;
}

/* Notes: typed in the presenter, written as one command when the step
 * changes or the session ends. */

static void
save_notes (TfRoomSession *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfCommand) command = NULL;

  if (!self->notes_changed || self->notes_step_id == 0)
    return;
  self->notes_changed = FALSE;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  command = tf_session_command_set_notes (self->notes_step_id, text);
  if (!tf_history_execute (self->history, command, &error))
    g_warning ("Could not save the notes: %s", error->message);
}

static void
notes_changed (TfRoomSession *self)
{
  if (!self->filling_notes)
    self->notes_changed = TRUE;
}

/* The facilitator's notes. With one monitor the room sees the overlay,
 * so there they stay folded until asked for (N or the button), under a
 * line saying the room sees them. The keyboard comes into them only when
 * asked (N, a click on them), never by Tab or after an action elsewhere,
 * and leaves them on Escape, F6, Ctrl+Tab or a click on a view. */

static void
update_notes_visibility (TfRoomSession *self)
{
  gboolean overlay = self->presenter_window == NULL;

  gtk_widget_set_visible (self->notes_box, !overlay || self->notes_shown);
  gtk_widget_set_visible (self->notes_button, overlay);
  gtk_widget_set_visible (self->notes_warning, overlay && self->notes_shown);
  gtk_button_set_label (GTK_BUTTON (self->notes_button),
                        overlay && self->notes_shown ? _("Hide the Notes (N)") : _("Show the Notes (N)"));
}

static void
leave_notes (TfRoomSession *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->notes));

  self->notes_wanted = FALSE;
  if (root != NULL && gtk_window_get_focus (GTK_WINDOW (root)) == GTK_WIDGET (self->notes))
    gtk_window_set_focus (GTK_WINDOW (root), NULL);
  save_notes (self);
}

static void
toggle_notes (TfRoomSession *self)
{
  if (self->presenter_window == NULL)
    {
      if (self->notes_shown && gtk_widget_get_visible (self->presenter))
        {
          self->notes_shown = FALSE;
          leave_notes (self);
          update_notes_visibility (self);
          return;
        }
      self->notes_shown = TRUE;
      gtk_widget_set_visible (self->presenter, TRUE);
    }
  update_notes_visibility (self);
  self->notes_wanted = TRUE;
  gtk_widget_grab_focus (GTK_WIDGET (self->notes));
}

static void
notes_pressed (TfRoomSession *self)
{
  self->notes_wanted = TRUE;
}

/* Focus that comes into the notes unasked (Tab, a focused row removed
 * from the phones' queue) goes back to the window, whose keys are the
 * room's. */
static void
focus_moved (GtkWindow     *window,
             GParamSpec    *pspec,
             TfRoomSession *self)
{
  (void) pspec;
  if (gtk_window_get_focus (window) != GTK_WIDGET (self->notes))
    self->notes_wanted = FALSE;
  else if (!self->notes_wanted)
    gtk_window_set_focus (window, NULL);
}

static void
view_pressed (GtkGestureClick *gesture,
              int              n_press,
              double           x,
              double           y,
              TfRoomSession   *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkRoot *root = gtk_widget_get_root (widget);

  (void) n_press;
  (void) x;
  (void) y;
  leave_notes (self);
  if (root != NULL)
    gtk_window_set_focus (GTK_WINDOW (root), NULL);
}

static void
view_takes_keys (TfRoomSession *self,
                 GtkWidget     *view)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "pressed", G_CALLBACK (view_pressed), self);
  gtk_widget_add_controller (view, GTK_EVENT_CONTROLLER (click));
}

/* Showing a step */

static gboolean
any_text_focused (GtkWindow *window)
{
  GtkWidget *focus = window != NULL ? gtk_window_get_focus (window) : NULL;

  return focus != NULL && (GTK_IS_TEXT_VIEW (focus) || GTK_IS_TEXT (focus));
}

static gint64
test_clock (gpointer user_data)
{
  TfRoomSession *self = user_data;

  return self->test_now;
}

/* "Room" rendering: on the audience view no text under the room's
 * minimum (depth ÷ 200), in this view's pixels: the projected image is
 * the room's width in millimetres over the view's width. */
static void
update_min_text (TfRoomSession *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->audience_view));
  double px;

  if (width <= 0)
    width = self->room_setting.width_px;
  px = tf_room_needed_mm (&self->room_setting) * width / MAX (self->room_setting.screen_mm, 1);
  tf_canvas_view_set_min_text (self->audience_view, px);
}

/* Boards larger than this are not measured card by card when a step
 * shows: the camera's rule alone says whether they read. */
#define MEASURE_MAX_ITEMS 2000

/* How many cards of @step would still be too small on the audience view
 * with room rendering (the room's rule, on this view's pixels); -1 when
 * the board is too large to measure at once or the step shows no card
 * whose kind measures its text. */
static int
count_too_small (TfRoomSession       *self,
                 const TfSessionStep *step,
                 TfScene             *scene,
                 int                  width,
                 int                  height)
{
  TfSessionRoom live = self->room_setting;
  g_autoptr(GArray) texts = NULL;
  double needed;
  int n = 0;

  if (tf_scene_get_items (scene)->len > MEASURE_MAX_ITEMS)
    return -1;
  if (self->measure == NULL)
    self->measure = tf_text_context_new ();
  live.width_px = width;
  live.height_px = height;
  needed = tf_room_needed_px (&live);
  texts = tf_room_step_texts (step, g_hash_table_lookup (self->kinds, &step->board_id), scene, &live,
                              self->measure, needed);
  /* No card that says how large its text is: the camera's rule. */
  if (texts->len == 0)
    return -1;
  for (guint i = 0; i < texts->len; i++)
    {
      const TfRoomCardText *text = &g_array_index (texts, TfRoomCardText, i);

      if (text->text_px < needed - 0.25)
        n++;
      if (text->cut)
        g_array_append_val (self->cut, text->item_id);
    }
  return n;
}

typedef struct {
  gint64 id;
  TfRect bounds;
} CutMark;

/* Whether the marks "Enter to read" moved, came or went since they were
 * last drawn (then records them): a layer over the whole audience view is
 * drawn again only then, not at every keystroke of an edit (GTK's Cairo
 * renderer would repaint the whole window). */
static gboolean
cut_marks_changed (TfRoomSession *self,
                   TfScene       *scene)
{
  g_autoptr(GArray) now = g_array_new (FALSE, FALSE, sizeof (CutMark));
  gboolean changed;

  for (guint i = 0; i < self->cut->len; i++)
    {
      CutMark mark = { g_array_index (self->cut, gint64, i), { 0 } };
      const TfItem *item = scene != NULL ? tf_scene_lookup (scene, mark.id) : NULL;

      if (item != NULL)
        mark.bounds = item->bounds;
      g_array_append_val (now, mark);
    }
  changed = now->len != self->cut_drawn->len ||
            (now->len > 0 && memcmp (now->data, self->cut_drawn->data, now->len * sizeof (CutMark)) != 0);
  g_array_set_size (self->cut_drawn, 0);
  g_array_append_vals (self->cut_drawn, now->data, now->len);
  return changed;
}

/* The cards of the current step whose text is cut, measured again. */
static gboolean
remeasure (gpointer user_data)
{
  TfRoomSession *self = user_data;
  const TfSessionStep *step = tf_room_get_step (self->room, tf_room_get_current (self->room));
  int width = gtk_widget_get_width (GTK_WIDGET (self->audience_view));
  int height = gtk_widget_get_height (GTK_WIDGET (self->audience_view));

  self->remeasure_id = 0;
  if (step != NULL && width > 0 && height > 0)
    {
      TfScene *scene = scene_for (self, step->board_id);

      g_array_set_size (self->cut, 0);
      count_too_small (self, step, scene, width, height);
      /* A round's dots follow their cards. */
      if (cut_marks_changed (self, scene) || self->round != NULL)
        gtk_widget_queue_draw (self->dots);
    }
  return G_SOURCE_REMOVE;
}

static void
scene_changed (TfRoomSession *self)
{
  if (self->remeasure_id == 0 && !self->ended)
    self->remeasure_id = g_idle_add (remeasure, self);
}

static void
close_reading (TfRoomSession *self)
{
  self->reading_item = 0;
  if (self->dots != NULL)
    gtk_widget_queue_draw (self->dots);
  if (self->reading != NULL)
    gtk_widget_set_visible (self->reading, FALSE);
}

/* The reading view: @item's whole text alone on the audience view, as
 * large as it fits and never under the room's minimum. */
static void
open_reading (TfRoomSession *self,
              const TfItem  *item)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->audience_view));
  int height = gtk_widget_get_height (GTK_WIDGET (self->audience_view));
  double needed = tf_canvas_view_get_min_text (self->audience_view);
  double size = MAX (height / 11.0, needed);
  PangoAttrList *attrs;

  if (width <= 0 || height <= 0)
    return;
  /* The largest size at which the quote takes no more than most of the
   * screen. */
  for (; size > needed; size *= 0.92)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->reading_label), item->text);
      PangoFontDescription *font = pango_font_description_from_string (TF_BOARD_FONT_FAMILY);
      int w, h;

      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_set_width (layout, (int) (0.8 * width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_get_pixel_size (layout, &w, &h);
      g_object_unref (layout);
      if (h <= 0.75 * height)
        break;
    }
  size = MAX (size, needed);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_size_new_absolute ((int) (size * PANGO_SCALE)));
  pango_attr_list_insert (attrs, pango_attr_family_new (TF_BOARD_FONT_FAMILY));
  gtk_label_set_attributes (self->reading_label, attrs);
  pango_attr_list_unref (attrs);
  gtk_label_set_text (self->reading_label, item->text);
  gtk_widget_set_size_request (GTK_WIDGET (self->reading_label), (int) (0.8 * width), -1);
  /* Wrapped within that width (a wrapping label takes all it is given):
   * a tenth of the screen clear on either side. */
  gtk_widget_set_margin_start (GTK_WIDGET (self->reading_label), width / 10);
  gtk_widget_set_margin_end (GTK_WIDGET (self->reading_label), width / 10);
  self->reading_item = item->id;
  gtk_widget_queue_draw (self->dots);
  gtk_widget_set_visible (self->reading, TRUE);
}

/* Enter: the card under the pointer, else the last card out of a reveal
 * step, read alone; Enter again comes back. */
static void
toggle_reading (TfRoomSession *self)
{
  TfScene *scene = tf_canvas_view_get_scene (self->audience_view);
  const TfItem *item = NULL;

  if (self->reading_item != 0)
    {
      close_reading (self);
      return;
    }
  if (scene == NULL)
    return;
  if (self->pointer_in)
    item = tf_scene_hit_test (scene, self->pointer_x, self->pointer_y, 0);
  if (item == NULL || item->text == NULL || item->text[0] == '\0' || tf_item_has_role (item, TF_ITEM_ROLE_CONTAINER))
    {
      const TfSessionStep *step = tf_room_get_step (self->room, tf_room_get_current (self->room));
      g_autoptr(GPtrArray) cards = NULL;
      guint revealed = tf_room_get_revealed (self->room);

      item = NULL;
      if (step != NULL && step->kind == TF_SESSION_STEP_REVEAL)
        {
          cards = tf_session_step_reveal_cards (step, g_hash_table_lookup (self->kinds, &step->board_id), scene);
          if (revealed > 0 && cards->len > 0)
            item = g_ptr_array_index (cards, MIN (revealed, cards->len) - 1);
        }
    }
  if (item == NULL || item->text == NULL || item->text[0] == '\0')
    return;
  open_reading (self, item);
}

/* The note the presenter's keys act on: the one under the pointer, else
 * the round's chosen note, else the card read large, else the last card
 * out of a reveal step. */
static const TfItem *
chosen_note (TfRoomSession *self)
{
  TfScene *scene = tf_canvas_view_get_scene (self->audience_view);
  const TfItem *item = NULL;
  const TfSessionStep *step;

  if (scene == NULL)
    return NULL;
  if (self->pointer_in)
    item = tf_scene_hit_test (scene, self->pointer_x, self->pointer_y, 0);
  if (item != NULL && (item->text == NULL || tf_item_has_role (item, TF_ITEM_ROLE_CONTAINER)))
    item = NULL;
  if (item == NULL && self->round != NULL && self->round_selected < tf_vote_round_get_n_notes (self->round))
    item = tf_scene_lookup (scene, tf_vote_round_get_note (self->round, self->round_selected));
  if (item == NULL && self->reading_item != 0)
    item = tf_scene_lookup (scene, self->reading_item);
  step = tf_room_get_step (self->room, tf_room_get_current (self->room));
  if (item == NULL && step != NULL && step->kind == TF_SESSION_STEP_REVEAL)
    {
      g_autoptr(GPtrArray) cards = tf_session_step_reveal_cards (step, g_hash_table_lookup (self->kinds, &step->board_id),
                                                                 scene);
      guint revealed = tf_room_get_revealed (self->room);

      if (revealed > 0 && cards->len > 0)
        item = g_ptr_array_index (cards, MIN (revealed, cards->len) - 1);
    }
  return item;
}

static void
close_edit (TfRoomSession *self)
{
  GtkWindow *window;

  if (self->edit_item == 0)
    return;
  self->edit_item = 0;
  window = GTK_WINDOW (gtk_widget_get_root (self->edit_panel));
  gtk_widget_set_visible (self->edit_panel, FALSE);
  if (window != NULL)
    gtk_window_set_focus (window, NULL);
}

static void edit_activated (TfRoomSession *self);

/* The note's field: Enter keeps the text, Shift+Enter breaks the line. */
static gboolean
edit_key_pressed (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  TfRoomSession         *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    {
      edit_activated (self);
      return TRUE;
    }
  return FALSE;
}

/* F2: the chosen note's text in a field on the presenter's side; Enter
 * keeps it (one command, undone by Ctrl+Z), Shift+Enter breaks the line,
 * Escape leaves it. */
static void
open_edit (TfRoomSession *self)
{
  const TfItem *item = chosen_note (self);
  GtkWidget *parent = self->presenter_window != NULL ? self->current_overlay : self->audience_overlay;

  if (item == NULL || item->kind == NULL || item->kind->text_region == NULL)
    return;
  if (gtk_widget_get_parent (self->edit_panel) != parent)
    {
      g_object_ref (self->edit_panel);
      gtk_overlay_remove_overlay (GTK_OVERLAY (gtk_widget_get_parent (self->edit_panel)), self->edit_panel);
      gtk_overlay_add_overlay (GTK_OVERLAY (parent), self->edit_panel);
      g_object_unref (self->edit_panel);
    }
  self->edit_item = item->id;
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->edit_text);
    GtkTextIter end;

    gtk_text_buffer_set_text (buffer, item->text != NULL ? item->text : "", -1);
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_place_cursor (buffer, &end);
  }
  gtk_widget_set_visible (self->edit_panel, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->edit_text));
}

static void
edit_activated (TfRoomSession *self)
{
  TfScene *scene = tf_canvas_view_get_scene (self->audience_view);
  const TfItem *item = scene != NULL && self->edit_item != 0 ? tf_scene_lookup (scene, self->edit_item) : NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->edit_text);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (item != NULL && g_strcmp0 (item->text, text) != 0)
    {
      g_autoptr(TfCommand) command = tf_command_set_item_text (item->id, text);
      g_autoptr(GError) error = NULL;

      if (!tf_history_execute (self->history, command, &error))
        g_warning ("Could not change the note: %s", error->message);
    }
  close_edit (self);
}

static void
set_camera (TfRoomSession *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->audience_view));
  int height = gtk_widget_get_height (GTK_WIDGET (self->audience_view));
  double zoom;

  tf_canvas_view_set_zoom (self->audience_view, self->cam_zoom);
  zoom = tf_canvas_view_get_zoom (self->audience_view);
  tf_canvas_view_set_origin (self->audience_view, self->cam_x - width / 2.0 / zoom, self->cam_y - height / 2.0 / zoom);
}

/* The agenda scrolled to the current step, with the one before it in
 * sight (without moving the keyboard there). */
static void
scroll_agenda (TfRoomSession *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->agenda), GTK_TYPE_SCROLLED_WINDOW);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->agenda);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;

  if (scrolled == NULL || row == NULL ||
      !gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->agenda), &bounds))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_clamp_page (adjustment, MAX (0, bounds.origin.y - bounds.size.height),
                             bounds.origin.y + 2 * bounds.size.height);
}

static void
show_step (TfRoomSession *self,
           gboolean       animate)
{
  guint current = tf_room_get_current (self->room);
  const TfSessionStep *step = tf_room_get_step (self->room, current);
  const TfSessionStep *next = tf_room_get_next_step (self->room);
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *title = NULL;
  g_autofree char *position = NULL;
  g_autofree char *next_title = NULL;
  TfScene *scene;
  TfRect area;
  int width, height;
  gboolean legible;
  int too_small;
  guint revealed;

  if (step == NULL)
    return;
  if (self->zoomed)
    {
      self->zoomed = FALSE;
      update_modes (self);
    }
  self->shown_elsewhere = FALSE;
  close_reading (self);
  close_edit (self);
  update_min_text (self);
  scene = scene_for (self, step->board_id);
  area = step_area (self, step, &cards);
  tf_room_set_n_cards (self->room, cards->len);
  revealed = tf_room_get_revealed (self->room);
  g_array_set_size (self->hidden, 0);
  for (guint i = revealed; i < cards->len; i++)
    g_array_append_val (self->hidden, ((const TfItem *) g_ptr_array_index (cards, i))->id);
  /* Not yet out: left out of the audience's drawing (the paper and its
   * dots where they are, no edge or shadow of theirs). */
  tf_canvas_view_set_left_out (self->audience_view, (const gint64 *) (gpointer) self->hidden->data, self->hidden->len);

  if (tf_canvas_view_get_scene (self->audience_view) != scene)
    {
      tf_canvas_view_set_scene (self->audience_view, scene);
      animate = FALSE;
    }
  width = gtk_widget_get_width (GTK_WIDGET (self->audience_view));
  height = gtk_widget_get_height (GTK_WIDGET (self->audience_view));
  if (width <= 0 || height <= 0)
    {
      GdkRectangle geometry = { 0, 0, 1920, 1080 };

      if (self->audience_monitor != NULL)
        gdk_monitor_get_geometry (self->audience_monitor, &geometry);
      width = geometry.width;
      height = geometry.height;
    }
  legible = tf_room_camera (&area, width, height, &self->cam_x, &self->cam_y, &self->cam_zoom);
  if (animate)
    {
      self->pinned_frames = 0;
      tf_canvas_view_animate_centre (self->audience_view, self->cam_x, self->cam_y, self->cam_zoom);
    }
  else
    {
      tf_canvas_view_stop_animation (self->audience_view);
      set_camera (self);
      /* A new scene fits itself at its next allocation: hold the camera
       * for a few frames. */
      self->pinned_frames = 3;
    }

  /* The presenter. */
  title = tf_session_step_describe (step);
  position = g_strdup_printf (_("Step %u of %u"), current + 1, tf_room_get_n_steps (self->room));
  if (cards->len > 0)
    {
      g_autofree char *with_cards = g_strdup_printf (_("%s — card %u of %u"), title, revealed, cards->len);

      g_free (title);
      title = g_steal_pointer (&with_cards);
    }
  gtk_label_set_text (self->position_label, position);
  gtk_label_set_text (self->title_label, title);
  if (next != NULL)
    {
      g_autofree char *described = tf_session_step_describe (next);

      next_title = g_strdup_printf (_("Next: %s"), described);
    }
  else
    next_title = g_strdup (_("Next: the end of the session"));
  gtk_label_set_text (self->next_label, next_title);
  g_array_set_size (self->cut, 0);
  too_small = count_too_small (self, step, scene, width, height);
  cut_marks_changed (self, scene);
  gtk_widget_queue_draw (self->dots);
  if (too_small >= 0)
    legible = too_small == 0;
  if (too_small > 0)
    {
      /* TRANSLATORS: the presenter's word on the step's legibility, by the room's rule */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%d card unreadable from the back of the room "
                                                            "— Enter shows it large",
                                                            "%d cards unreadable from the back of the room "
                                                            "— Enter shows one large", too_small),
                                               too_small);

      gtk_label_set_text (self->legibility, text);
    }
  else
    gtk_label_set_text (self->legibility,
                        legible ? _("Text legible from the back of the room")
                                : _("Text too small for the back of the room at this step"));
  gtk_widget_set_visible (GTK_WIDGET (self->legibility), TRUE);
  if (legible)
    gtk_widget_remove_css_class (GTK_WIDGET (self->legibility), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->legibility), "warning");

  if (self->notes_step_id != step->id)
    {
      save_notes (self);
      self->filling_notes = TRUE;
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes), step->notes != NULL ? step->notes : "", -1);
      self->filling_notes = FALSE;
      self->notes_step_id = step->id;
    }
  gtk_list_box_select_row (self->agenda, gtk_list_box_get_row_at_index (self->agenda, (int) current));
  scroll_agenda (self);
  self->previews_dirty = TRUE;
  update_clocks (self);
  if (self->round != NULL)
    update_votes (self);
}

static void
update_screen (TfRoomSession *self)
{
  TfRoomScreen screen = tf_room_get_screen (self->room);

  gtk_widget_set_visible (self->blank, screen != TF_ROOM_SHOW);
  gtk_widget_remove_css_class (self->blank, "tf-room-black");
  gtk_widget_remove_css_class (self->blank, "tf-room-white");
  gtk_widget_add_css_class (self->blank, screen == TF_ROOM_WHITE ? "tf-room-white" : "tf-room-black");
}

/* Monitors */

static GdkMonitor *
monitor_at (GdkDisplay *display,
            guint       index)
{
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (gdk_display_get_monitors (display), index);

  return monitor;
}

static guint
n_monitors (GdkDisplay *display)
{
  return g_list_model_get_n_items (gdk_display_get_monitors (display));
}

/* Two monitors: the presenter's window on a monitor the audience is not
 * on, at its top left corner. GTK 4 places no window itself; on X11 the
 * window is moved there (a window manager is asked; without one, as on
 * a kiosk, it moves), elsewhere it stays where the system put it. */
static void
place_presenter (TfRoomSession *self)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = self->presenter_window != NULL ?
    gtk_native_get_surface (GTK_NATIVE (self->presenter_window)) : NULL;
  GdkDisplay *display;

  if (surface == NULL || !GDK_IS_X11_SURFACE (surface) || self->audience_monitor == NULL)
    return;
  display = gdk_surface_get_display (surface);
  for (guint i = 0; i < n_monitors (display); i++)
    if (monitor_at (display, i) != self->audience_monitor)
      {
        GdkRectangle geometry;

        gdk_monitor_get_geometry (monitor_at (display, i), &geometry);
        XMoveWindow (gdk_x11_display_get_xdisplay (display), gdk_x11_surface_get_xid (surface),
                     geometry.x, geometry.y);
        return;
      }
#else
  (void) self;
#endif
}

static void
place_audience (TfRoomSession *self,
                GdkMonitor    *monitor)
{
  self->audience_monitor = monitor;
  place_presenter (self);
  if (monitor != NULL)
    {
      GdkRectangle geometry;

      /* The monitor's size too, for an X server without a window manager
       * (a kiosk's projector), which does not make a window full screen. */
      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (self->audience, geometry.width, geometry.height);
      gtk_window_fullscreen_on_monitor (self->audience, monitor);
    }
  else
    gtk_window_fullscreen (self->audience);
}

/* Voting rounds (V): the settings, then the dots cast from the keyboard
 * (select a note with the arrows or Tab, a participant's number puts one
 * of their dots on it), R reveals a hidden round or closes it. */


static TfScene *
round_scene (TfRoomSession *self)
{
  return self->round != NULL ? scene_for (self, tf_vote_round_get_board (self->round)) : NULL;
}

static gboolean
item_rect (TfCanvasView *view,
           const TfItem *item,
           TfRect       *r)
{
  double zoom = tf_canvas_view_get_zoom (view);

  tf_canvas_view_to_widget (view, item->bounds.x, item->bounds.y, &r->x, &r->y);
  r->width = item->bounds.width * zoom;
  r->height = item->bounds.height * zoom;
  return r->width > 0 && r->height > 0;
}

static void
draw_dot (cairo_t *cr,
          double   x,
          double   y,
          double   radius,
          guint    colour)
{
  char number[4];
  cairo_text_extents_t extents;

  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  tf_cairo_set_rgb (cr, tf_vote_colour_rgb (colour), 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, MAX (1.0, radius / 6));
  cairo_stroke (cr);
  /* The number in the ink or in white, whichever reads on the dot. */
  tf_cairo_set_rgb (cr, tf_contrast_text_on (tf_vote_colour_rgb (colour)), 1.0);
  if (radius < 6)
    return;
  g_snprintf (number, sizeof number, "%u", colour + 1);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, radius * 1.2);
  cairo_text_extents (cr, number, &extents);
  cairo_move_to (cr, x - extents.x_bearing - extents.width / 2, y - extents.y_bearing - extents.height / 2);
  cairo_show_text (cr, number);
  cairo_new_path (cr);
}

/* A rounded box with a line of text, centred at the top of the view. */
/* How much of the rectangle @r the view's cards cover, in pixels². */
static double
covered (TfCanvasView *view,
         const TfRect *r)
{
  TfScene *scene = tf_canvas_view_get_scene (view);
  GPtrArray *items = scene != NULL ? tf_scene_get_items (scene) : NULL;
  double area = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      TfRect b;
      double w, h;

      if (item->hidden || tf_item_has_role (item, TF_ITEM_ROLE_CONTAINER) || !item_rect (view, item, &b))
        continue;
      w = MIN (r->x + r->width, b.x + b.width) - MAX (r->x, b.x);
      h = MIN (r->y + r->height, b.y + b.height) - MAX (r->y, b.y);
      if (w > 0 && h > 0)
        area += w * h;
    }
  return area;
}

/* The "votes hidden" badge's place: at the top or the foot of the view,
 * centred or in a corner, the first that covers no card (else the one
 * that covers least). */
static PangoLayout *
badge_layout (TfRoomSession *self,
              GtkWidget     *widget,
              int            width,
              int            height,
              TfRect        *place)
{
  guint n = tf_vote_round_get_n_cast (self->round);
  g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dot", "%u dots", n), n);
  const char *hidden = _("Votes hidden until the end");
  PangoLayout *best_layout = NULL;
  double best = G_MAXDOUBLE;

  /* One line, then two lines, then two smaller lines: the first place
   * that covers no card. */
  for (guint form = 0; form < 3 && best > 0; form++)
    {
      g_autofree char *text = g_strdup_printf (form == 0 ? "%s — %s" : "%s\n%s", hidden, what);
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
      PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
      double size = MAX (14, height / 28) * (form == 2 ? 0.7 : 1.0);
      gboolean kept = FALSE;
      int w, h;

      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_font_description_free (font);
      pango_layout_get_pixel_size (layout, &w, &h);
      {
        double pad = size / 2.0, bw = w + 2 * pad, bh = h + 2 * pad, m = 6;
        const double xs[] = { (width - bw) / 2, (width - bw) / 2, m, width - bw - m, m, width - bw - m };
        const double ys[] = { m, height - bh - m, m, m, height - bh - m, height - bh - m };

        for (guint i = 0; i < G_N_ELEMENTS (xs) && best > 0; i++)
          {
            TfRect r = { xs[i], ys[i], bw, bh };
            double area = covered (self->audience_view, &r);

            if (area < best)
              {
                best = area;
                *place = r;
                kept = TRUE;
              }
          }
      }
      if (kept)
        {
          g_clear_object (&best_layout);
          best_layout = layout;
        }
      else
        g_object_unref (layout);
    }
  return best_layout;
}

static void
draw_badge (TfRoomSession *self,
            GtkWidget     *widget,
            cairo_t       *cr,
            int            width,
            int            height)
{
  TfRect r;
  g_autoptr(PangoLayout) layout = badge_layout (self, widget, width, height, &r);
  PangoRectangle ink;
  double pad;

  pango_layout_get_pixel_extents (layout, NULL, &ink);
  pad = (r.height - ink.height) / 2.0;

  cairo_new_sub_path (cr);
  cairo_arc (cr, r.x + pad, r.y + pad, pad, G_PI, 1.5 * G_PI);
  cairo_arc (cr, r.x + r.width - pad, r.y + pad, pad, 1.5 * G_PI, 2 * G_PI);
  cairo_arc (cr, r.x + r.width - pad, r.y + r.height - pad, pad, 0, 0.5 * G_PI);
  cairo_arc (cr, r.x + pad, r.y + r.height - pad, pad, 0.5 * G_PI, G_PI);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.85);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, r.x + pad, r.y + pad);
  pango_cairo_show_layout (cr, layout);
}

/* The round's dots on @view's notes; the selected note ringed where the
 * facilitator looks (the presenter's view, or the audience's with one
 * monitor); on the audience's, a badge while the dots are hidden. */
static void
draw_votes (TfRoomSession *self,
            TfCanvasView  *view,
            GtkWidget     *widget,
            cairo_t       *cr,
            int            width,
            int            height,
            gboolean       presenter)
{
  gboolean shown, ring;
  double zoom, radius;

  if (self->round == NULL || tf_canvas_view_get_scene (view) != round_scene (self))
    return;
  shown = presenter || tf_vote_round_get_shown (self->round);
  ring = presenter || self->presenter_window == NULL;
  zoom = tf_canvas_view_get_zoom (view);
  /* Dots the back of the room sees: about a sixth of a post-it. */
  radius = CLAMP (14.0 * zoom, 6.0, 30.0);
  for (guint i = 0; i < tf_vote_round_get_n_notes (self->round); i++)
    {
      gint64 id = tf_vote_round_get_note (self->round, i);
      const TfItem *item = tf_scene_lookup (tf_canvas_view_get_scene (view), id);
      TfRect r;
      double x, y, step = 2 * radius + 3;

      if (item == NULL || !item_rect (view, item, &r))
        continue;
      if (ring && i == self->round_selected)
        {
          tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
          cairo_set_line_width (cr, 4);
          cairo_rectangle (cr, r.x - 6, r.y - 6, r.width + 12, r.height + 12);
          cairo_stroke (cr);
        }
      if (!shown)
        continue;
      /* Astride the note's foot, left to right, then rows upwards. */
      x = r.x + radius + 4;
      y = r.y + r.height;
      for (guint c = 0; c < tf_vote_round_get_n_colours (self->round); c++)
        for (guint k = 0; k < tf_vote_round_get_count (self->round, id, c); k++)
          {
            if (x + radius > r.x + r.width - 2 && x > r.x + radius + 4)
              {
                x = r.x + radius + 4;
                y -= step;
              }
            draw_dot (cr, x, y, radius, c);
            x += step;
          }
    }
  if (!presenter && !tf_vote_round_get_shown (self->round))
    draw_badge (self, widget, cr, width, height);
}

static void
draw_laser (TfRoomSession *self,
            cairo_t       *cr)
{
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < self->laser_trail->len; i++)
    {
      const LaserPoint *p = &g_array_index (self->laser_trail, LaserPoint, i);
      double age = (double) (now - p->time) / LASER_FADE_USEC;
      double x, y, last = i + 1 == self->laser_trail->len;

      if (age >= 1)
        continue;
      tf_canvas_view_to_widget (self->audience_view, p->x, p->y, &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, last ? 11 : 7 * (1 - age) + 2, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0.93, 0.1, 0.08, (1 - age) * (last ? 0.95 : 0.6));
      cairo_fill (cr);
    }
}

/* The note just accepted, outlined on @view: three pulses that fade. */
static void
draw_flash (TfRoomSession *self,
            TfCanvasView  *view,
            cairo_t       *cr)
{
  TfScene *scene = tf_canvas_view_get_scene (view);
  const TfItem *item = scene != NULL && self->flash_item != 0 ? tf_scene_lookup (scene, self->flash_item) : NULL;
  double age = (double) (g_get_monotonic_time () - self->flash_start) / FLASH_USEC;
  TfRect r;

  if (item == NULL || age < 0 || age >= 1 || !item_rect (view, item, &r))
    return;
  cairo_set_line_width (cr, 6);
  cairo_set_source_rgba (cr, 0.15, 0.64, 0.41, (1 - age) * (0.55 + 0.45 * cos (age * 6 * G_PI)));
  cairo_rectangle (cr, r.x - 6, r.y - 6, r.width + 12, r.height + 12);
  cairo_stroke (cr);
}

/* A mark astride the top of each card of the step whose text is cut on
 * the audience view: "Enter to read" (the reading view). White on the
 * accent, as the callouts' numbers, for the facilitator and the room. A
 * card too narrow for it (a stamp's label) gets it smaller, down to a
 * third of its size, then a mark of its own: "⏎". */
static void
draw_cut_marks (TfRoomSession *self,
                GtkWidget     *widget,
                cairo_t       *cr)
{
  TfScene *scene = tf_canvas_view_get_scene (self->audience_view);
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  double full;

  if (self->cut->len == 0 || scene == NULL || self->reading_item != 0)
    return;
  layout = gtk_widget_create_pango_layout (widget, NULL);
  font = pango_font_description_from_string ("Sans Bold");
  full = CLAMP (0.45 * tf_canvas_view_get_min_text (self->audience_view), 12, 24);
  for (guint i = 0; i < self->cut->len; i++)
    {
      gint64 id = g_array_index (self->cut, gint64, i);
      const TfItem *item = tf_scene_lookup (scene, id);
      double size = full, pad, bw, bh, r, x, y;
      gboolean hidden = FALSE;
      int w, h;
      TfRect b;

      for (guint k = 0; k < self->hidden->len && !hidden; k++)
        hidden = g_array_index (self->hidden, gint64, k) == id;
      if (hidden || item == NULL || item->hidden || !item_rect (self->audience_view, item, &b))
        continue;
      pango_layout_set_text (layout, _("Enter to read"), -1);
      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (w + 2 * size / 2.5 > 0.9 * b.width)
        {
          /* Smaller, to fit nine tenths of the card. */
          size = MAX (full / 3, size * 0.9 * b.width / (w + 2 * size / 2.5));
          pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
          pango_layout_set_font_description (layout, font);
          pango_layout_get_pixel_size (layout, &w, &h);
          if (w + 2 * size / 2.5 > 0.9 * b.width)
            {
              /* Still too wide: the Enter key's sign alone. */
              size = full;
              pango_layout_set_text (layout, "⏎", -1);
              pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
              pango_layout_set_font_description (layout, font);
              pango_layout_get_pixel_size (layout, &w, &h);
            }
        }
      pad = size / 2.5;
      bw = w + 2 * pad;
      bh = h + pad;
      r = bh / 2;
      bw = MAX (bw, bh);
      x = b.x + (b.width - bw) / 2;
      y = b.y - bh / 2;
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + r, y + r, r, 0.5 * G_PI, 1.5 * G_PI);
      cairo_arc (cr, x + bw - r, y + r, r, 1.5 * G_PI, 2.5 * G_PI);
      cairo_close_path (cr);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, x + (bw - w) / 2, y + pad / 2);
      pango_cairo_show_layout (cr, layout);
    }
  pango_font_description_free (font);
}

static void
draw_audience_dots (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        user_data)
{
  TfRoomSession *self = user_data;

  draw_cut_marks (self, GTK_WIDGET (area), cr);
  draw_votes (self, self->audience_view, GTK_WIDGET (area), cr, width, height, FALSE);
  draw_flash (self, self->audience_view, cr);
  if (self->laser)
    draw_laser (self, cr);
}

static void
draw_presenter_dots (GtkDrawingArea *area,
                     cairo_t        *cr,
                     int             width,
                     int             height,
                     gpointer        user_data)
{
  TfRoomSession *self = user_data;

  draw_votes (self, self->current_view, GTK_WIDGET (area), cr, width, height, TRUE);
  draw_flash (self, self->current_view, cr);
}

static gboolean
dots_tick (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  TfRoomSession *self = user_data;
  gint64 now = g_get_monotonic_time ();
  guint old = 0;

  (void) clock;
  /* The laser's trail fades; the round's dots follow the camera. */
  while (old < self->laser_trail->len &&
         now - g_array_index (self->laser_trail, LaserPoint, old).time > LASER_FADE_USEC)
    old++;
  if (old > 0)
    g_array_remove_range (self->laser_trail, 0, old);
  if (self->laser_trail->len > 0 || old > 0)
    gtk_widget_queue_draw (widget);
  if (self->flash_item != 0)
    {
      /* One frame more after the end, to wipe the outline. */
      if (now - self->flash_start > FLASH_USEC)
        self->flash_item = 0;
      gtk_widget_queue_draw (widget);
      gtk_widget_queue_draw (self->current_dots);
    }
  if (self->round != NULL || self->cut->len > 0)
    {
      TfCanvasView *views[2] = { self->audience_view, self->current_view };
      GtkWidget *layers[2] = { widget, self->current_dots };

      for (guint i = 0; i < 2; i++)
        {
          double camera[3];

          tf_canvas_view_get_origin (views[i], &camera[0], &camera[1]);
          camera[2] = tf_canvas_view_get_zoom (views[i]);
          if (memcmp (camera, self->dots_camera[i], sizeof camera) != 0)
            {
              memcpy (self->dots_camera[i], camera, sizeof camera);
              gtk_widget_queue_draw (layers[i]);
            }
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
update_votes (TfRoomSession *self)
{
  GString *text = g_string_new (NULL);

  if (self->vote_setup)
    {
      g_string_append_printf (text, "<b>%s</b>  ", _("New voting round"));
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u colour", "%u colours", self->setup_colours),
                              self->setup_colours);
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u dot each", "%u dots each", self->setup_dots),
                              self->setup_dots);
      g_string_append (text, " · ");
      g_string_append (text, self->setup_hidden ? _("hidden until reveal") : _("dots shown as they come"));
      g_string_append_printf (text, "\n<small>%s</small>",
                              _("1–9 or ↑↓ colours, ←→ dots, H hidden or shown, Enter opens the round, Esc cancels"));
    }
  else if (self->round != NULL)
    {
      guint n = tf_vote_round_get_n_notes (self->round);
      gint64 id = tf_vote_round_get_note (self->round, self->round_selected);
      const TfItem *item = tf_scene_lookup (round_scene (self), id);
      g_autofree char *excerpt = NULL;
      g_autofree char *escaped = NULL;

      if (item != NULL && item->text != NULL && g_utf8_strlen (item->text, -1) > 48)
        {
          g_autofree char *cut = g_utf8_substring (item->text, 0, 47);

          excerpt = g_strconcat (cut, "…", NULL);
        }
      else if (item != NULL && item->text != NULL)
        excerpt = g_strdup (item->text);
      escaped = g_markup_escape_text (excerpt != NULL ? excerpt : "", -1);
      g_string_append_printf (text, "<b>%s</b>  ", _("Voting round"));
      g_string_append_printf (text, _("Note %u of %u: “%s”"), self->round_selected + 1, n, escaped);
      g_string_append (text, "\n");
      g_string_append_printf (text, "%s ", _("Dots left:"));
      for (guint c = 0; c < tf_vote_round_get_n_colours (self->round); c++)
        g_string_append_printf (text, " <span foreground=\"#%06X\">●</span>%u×%u  ", tf_vote_colour_rgb (c), c + 1,
                                tf_vote_round_get_remaining (self->round, c));
      g_string_append_printf (text, "\n<small>%s</small>",
                              tf_vote_round_get_shown (self->round)
                                ? _("Arrows or Tab choose the note, 1–9 adds a dot, Shift+digit or Backspace takes one back, R closes the round")
                                : _("Arrows or Tab choose the note, 1–9 adds a dot, Shift+digit or Backspace takes one back, R reveals the dots"));
    }
  gtk_label_set_markup (self->vote_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->vote_label), text->len > 0);
  gtk_label_set_markup (GTK_LABEL (self->setup_panel), text->str);
  gtk_widget_set_visible (self->setup_panel, self->vote_setup && self->presenter_window == NULL &&
                                             !gtk_widget_get_visible (self->presenter));
  g_string_free (text, TRUE);
  gtk_widget_queue_draw (self->dots);
  gtk_widget_queue_draw (self->current_dots);
}

static void
open_setup (TfRoomSession *self)
{
  if (self->round != NULL || tf_store_get_read_only (self->store))
    return;
  self->vote_setup = TRUE;
  /* With one monitor the settings show in a small panel of their own,
   * never with the presenter's controls the room would see. */
  update_votes (self);
}

static void
open_round (TfRoomSession *self)
{
  const TfSessionStep *step = tf_room_get_step (self->room, tf_room_get_current (self->room));
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;

  self->vote_setup = FALSE;
  if (step == NULL)
    return;
  notes = tf_vote_round_list_notes (step, kind_of (self, step->board_id), scene_for (self, step->board_id));
  for (guint i = 0; i < notes->len; i++)
    {
      const TfItem *note = g_ptr_array_index (notes, i);

      g_array_append_val (ids, note->id);
      g_ptr_array_add (texts, g_strdup (note->text != NULL ? note->text : ""));
    }
  if (ids->len == 0)
    {
      gtk_label_set_text (self->vote_label, _("No note to vote on at this step"));
      gtk_widget_set_visible (GTK_WIDGET (self->vote_label), TRUE);
      return;
    }
  title = tf_session_step_describe (step);
  self->round = tf_vote_round_new (step->board_id, self->session_id,
                                   step->kind == TF_SESSION_STEP_BOARD ? 0 : step->item_id, title,
                                   (const gint64 *) ids->data, ids->len,
                                   self->setup_colours, self->setup_dots, self->setup_hidden);
  self->round_selected = 0;
  g_array_set_size (self->round_casts, 0);
  /* Phones in the room vote in it too, open now or later. */
  tf_room_phones_set_round (self->phones, self->round, texts);
  update_votes (self);
}

/* Adds the round's dots to the notes' votes and records it: one undo step. */
static void
close_round (TfRoomSession *self)
{
  if (self->round == NULL)
    return;
  if (tf_vote_round_get_n_cast (self->round) > 0 && !tf_store_get_read_only (self->store))
    {
      g_autoptr(TfCommand) close = tf_vote_round_command_close (self->round);
      g_autoptr(GError) error = NULL;

      if (!tf_history_execute (self->history, close, &error))
        g_warning ("Could not record the voting round: %s", error->message);
    }
  tf_room_phones_set_round (self->phones, NULL, NULL);
  g_clear_pointer (&self->round, tf_vote_round_free);
  g_array_set_size (self->round_casts, 0);
  update_votes (self);
}

/* A phone's ballot went into the open round: its dots show as the
 * keyboard's do. */
static void
phones_voted (TfRoomSession *self)
{
  update_votes (self);
}

static gboolean
setup_key (TfRoomSession *self,
           guint          keyval)
{
  switch (keyval)
    {
    case GDK_KEY_Up:
      self->setup_colours = MIN (self->setup_colours + 1, TF_VOTE_MAX_COLOURS);
      break;
    case GDK_KEY_Down:
      self->setup_colours = MAX (self->setup_colours - 1, 1);
      break;
    case GDK_KEY_Right:
      self->setup_dots = MIN (self->setup_dots + 1, TF_VOTE_MAX_DOTS);
      break;
    case GDK_KEY_Left:
      self->setup_dots = MAX (self->setup_dots - 1, 1);
      break;
    case GDK_KEY_h:
    case GDK_KEY_H:
      self->setup_hidden = !self->setup_hidden;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_v:
    case GDK_KEY_V:
      open_round (self);
      return TRUE;
    case GDK_KEY_Escape:
      self->vote_setup = FALSE;
      break;
    default:
      if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
        self->setup_colours = keyval - GDK_KEY_0;
      else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
        self->setup_colours = keyval - GDK_KEY_KP_0;
      else
        return FALSE;
      break;
    }
  update_votes (self);
  return TRUE;
}

/* The participant's number a key stands for (1–9), 0 for none; @shifted
 * says whether Shift changed the key from that digit (Shift+1 on a
 * keyboard whose 1 needs no Shift: take a dot back). A layout whose digits
 * need Shift (AZERTY) casts with either; Backspace takes back there. */
static guint
digit_of (GtkEventControllerKey *controller,
          guint                  keyval,
          guint                  keycode,
          gboolean              *shifted)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GdkDisplay *display = gtk_widget_get_display (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  g_autofree GdkKeymapKey *keys = NULL;
  g_autofree guint *keyvals = NULL;
  guint layout = event != NULL ? gdk_key_event_get_layout (event) : 0;
  guint digit = 0;
  int n = 0;

  *shifted = FALSE;
  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    return keyval - GDK_KEY_0;
  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    return keyval - GDK_KEY_KP_0;
  if (!gdk_display_map_keycode (display, keycode, &keys, &keyvals, &n))
    return 0;
  for (int i = 0; i < n && digit == 0; i++)
    if (keys[i].group == (int) layout && keys[i].level == 0 &&
        keyvals[i] >= GDK_KEY_1 && keyvals[i] <= GDK_KEY_9)
      digit = keyvals[i] - GDK_KEY_0;
  *shifted = digit != 0;
  return digit;
}

static void
select_note (TfRoomSession *self,
             int            delta)
{
  guint n = tf_vote_round_get_n_notes (self->round);

  self->round_selected = (self->round_selected + n + delta) % n;
  update_votes (self);
}

static gboolean
round_key (TfRoomSession         *self,
           GtkEventControllerKey *controller,
           guint                  keyval,
           guint                  keycode,
           GdkModifierType        state)
{
  gint64 note = tf_vote_round_get_note (self->round, self->round_selected);
  gboolean shifted;
  guint digit;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_ISO_Left_Tab:
      select_note (self, -1);
      return TRUE;
    case GDK_KEY_Tab:
      select_note (self, (state & GDK_SHIFT_MASK) != 0 ? -1 : 1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_Down:
      select_note (self, 1);
      return TRUE;
    case GDK_KEY_BackSpace:
      /* The last dot put takes back. */
      if (self->round_casts->len > 0)
        {
          Cast *last = &g_array_index (self->round_casts, Cast, self->round_casts->len - 1);

          tf_vote_round_uncast (self->round, last->note, last->colour);
          g_array_set_size (self->round_casts, self->round_casts->len - 1);
          update_votes (self);
        }
      return TRUE;
    case GDK_KEY_r:
    case GDK_KEY_R:
      if (!tf_vote_round_get_shown (self->round))
        {
          tf_vote_round_reveal (self->round);
          update_votes (self);
        }
      else
        close_round (self);
      return TRUE;
    default:
      break;
    }
  digit = digit_of (controller, keyval, keycode, &shifted);
  if (digit == 0)
    return FALSE;
  if (shifted)
    {
      if (tf_vote_round_uncast (self->round, note, digit - 1))
        for (guint i = self->round_casts->len; i > 0; i--)
          {
            Cast *cast = &g_array_index (self->round_casts, Cast, i - 1);

            if (cast->note == note && cast->colour == digit - 1)
              {
                g_array_remove_index (self->round_casts, i - 1);
                break;
              }
          }
    }
  else if (tf_vote_round_cast (self->round, note, digit - 1))
    {
      Cast cast = { note, digit - 1 };

      g_array_append_val (self->round_casts, cast);
    }
  else
    gtk_widget_error_bell (GTK_WIDGET (self->audience));
  update_votes (self);
  return TRUE;
}

/* The room's keys: F freezes what the audience sees, Z zooms on what the
 * pointer is over, L a laser pointer, H high contrast, C the clock. */

static void
update_modes (TfRoomSession *self)
{
  GString *text = g_string_new (NULL);
  const char *modes[6];
  guint n = 0;

  /* Paused timers said on the line under the header too, where the
   * modes are read (the clocks' own line is short at 800 pixels). */
  if (tf_room_get_paused (self->room))
    modes[n++] = _("Timers paused (T)");
  if (self->frozen)
    modes[n++] = _("Audience view frozen (F)");
  if (self->zoomed)
    modes[n++] = _("Zoomed in (Z)");
  if (self->laser)
    modes[n++] = _("Laser (L)");
  if (tf_canvas_view_get_high_contrast (self->audience_view))
    modes[n++] = _("High contrast (H)");
  if (gtk_widget_get_visible (GTK_WIDGET (self->audience_clock)))
    modes[n++] = _("Clock shown (C)");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " · " : "", modes[i]);
  gtk_label_set_text (self->modes_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->modes_label), n > 0);
  g_string_free (text, TRUE);
}

/* A still of the audience view and what is drawn over it, as it is now. */
static GdkTexture *
take_still (TfRoomSession *self,
            int            width,
            int            height)
{
  GtkWidget *layers[] = { GTK_WIDGET (self->audience_view), self->dots };
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (layers[i]);

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
    }
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (self->audience)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* F: the audience keeps a still while the facilitator works on. The still
 * is taken in both contrasts, so that H still applies to it. */
static void
toggle_freeze (TfRoomSession *self)
{
  int width = gtk_widget_get_width (self->audience_overlay);
  int height = gtk_widget_get_height (self->audience_overlay);
  gboolean contrast = tf_canvas_view_get_high_contrast (self->audience_view);
  g_autoptr(GdkTexture) texture = NULL;

  if (self->frozen)
    {
      self->frozen = FALSE;
      gtk_widget_set_visible (self->freeze, FALSE);
      gtk_picture_set_paintable (GTK_PICTURE (self->freeze), NULL);
      g_clear_object (&self->freeze_other);
      update_modes (self);
      return;
    }
  if (width <= 0 || height <= 0)
    return;
  texture = take_still (self, width, height);
  if (texture == NULL)
    return;
  tf_canvas_view_set_high_contrast (self->audience_view, !contrast);
  g_clear_object (&self->freeze_other);
  self->freeze_other = take_still (self, width, height);
  tf_canvas_view_set_high_contrast (self->audience_view, contrast);
  gtk_picture_set_paintable (GTK_PICTURE (self->freeze), GDK_PAINTABLE (texture));
  gtk_widget_set_visible (self->freeze, TRUE);
  self->frozen = TRUE;
  update_modes (self);
}

static void
toggle_zoom (TfRoomSession *self)
{
  TfScene *scene = tf_canvas_view_get_scene (self->audience_view);
  int width = gtk_widget_get_width (GTK_WIDGET (self->audience_view));
  int height = gtk_widget_get_height (GTK_WIDGET (self->audience_view));
  const TfItem *item;
  TfRect area;
  double cx, cy, zoom;

  if (self->zoomed && self->shown_elsewhere)
    {
      /* D went to another board: back to the step's. */
      show_step (self, TRUE);
      return;
    }
  if (self->zoomed)
    {
      /* Back to the step's view. */
      self->zoomed = FALSE;
      tf_canvas_view_animate_centre (self->audience_view, self->cam_x, self->cam_y, self->cam_zoom);
      update_modes (self);
      return;
    }
  if (!self->pointer_in)
    {
      /* No motion seen yet: where the pointer is over the audience. */
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self->audience));
      GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (GTK_WIDGET (self->audience)));
      GdkDevice *pointer = seat != NULL ? gdk_seat_get_pointer (seat) : NULL;
      double x, y;

      if (surface != NULL && pointer != NULL &&
          gdk_surface_get_device_position (surface, pointer, &x, &y, NULL) &&
          x >= 0 && y >= 0 && x < width && y < height)
        pointer_moved (self, self->audience_view, x, y);
    }
  if (!self->pointer_in || width <= 0 || height <= 0)
    return;
  item = tf_scene_hit_test (scene, self->pointer_x, self->pointer_y, 0);
  if (item != NULL && !tf_item_has_role (item, TF_ITEM_ROLE_CONTAINER))
    area = item->bounds;
  else
    {
      /* Nothing but the board there: a quarter of the view around it. */
      double z = tf_canvas_view_get_zoom (self->audience_view);

      area = TF_RECT_INIT (self->pointer_x - width / 4.0 / z, self->pointer_y - height / 4.0 / z,
                           width / 2.0 / z, height / 2.0 / z);
    }
  tf_room_camera (&area, width, height, &cx, &cy, &zoom);
  /* Always a step closer, even on a view already as close as the room
   * comes: half as large again at least. */
  zoom = MIN (MAX (zoom, 1.5 * tf_canvas_view_get_zoom (self->audience_view)), TF_CANVAS_VIEW_MAX_ZOOM);
  tf_canvas_view_animate_centre (self->audience_view, cx, cy, zoom);
  self->zoomed = TRUE;
  update_modes (self);
}

static void
toggle_laser (TfRoomSession *self)
{
  self->laser = !self->laser;
  g_array_set_size (self->laser_trail, 0);
  gtk_widget_queue_draw (self->dots);
  update_modes (self);
}

static void
toggle_contrast (TfRoomSession *self)
{
  tf_canvas_view_set_high_contrast (self->audience_view, !tf_canvas_view_get_high_contrast (self->audience_view));
  if (self->frozen && self->freeze_other != NULL)
    {
      /* The audience's still in the other contrast, the same moment. */
      GdkPaintable *shown = gtk_picture_get_paintable (GTK_PICTURE (self->freeze));
      GdkTexture *was = shown != NULL ? GDK_TEXTURE (g_object_ref (shown)) : NULL;

      gtk_picture_set_paintable (GTK_PICTURE (self->freeze), GDK_PAINTABLE (self->freeze_other));
      g_object_unref (self->freeze_other);
      self->freeze_other = was;
    }
  update_modes (self);
}

static void
toggle_clock (TfRoomSession *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->audience_clock),
                          !gtk_widget_get_visible (GTK_WIDGET (self->audience_clock)));
  update_clocks (self);
  update_modes (self);
}

/* Where the pointer is on the board: over the presenter's current view,
 * or over the audience view itself (one monitor). */
static void
pointer_moved (TfRoomSession *self,
               TfCanvasView  *view,
               double         x,
               double         y)
{
  if (tf_canvas_view_get_scene (view) != tf_canvas_view_get_scene (self->audience_view))
    {
      self->pointer_in = FALSE;
      return;
    }
  tf_canvas_view_to_board (view, x, y, &self->pointer_x, &self->pointer_y);
  self->pointer_in = TRUE;
  if (self->laser)
    {
      LaserPoint point = { self->pointer_x, self->pointer_y, g_get_monotonic_time () };

      g_array_append_val (self->laser_trail, point);
      gtk_widget_queue_draw (self->dots);
    }
}

static void
audience_motion (GtkEventControllerMotion *motion,
                 double                    x,
                 double                    y,
                 gpointer                  user_data)
{
  TfRoomSession *self = user_data;

  (void) motion;
  pointer_moved (self, self->audience_view, x, y);
}

static void
presenter_motion (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  gpointer                  user_data)
{
  TfRoomSession *self = user_data;

  (void) motion;
  pointer_moved (self, self->current_view, x, y);
}

static void
pointer_left (TfRoomSession *self)
{
  self->pointer_in = FALSE;
}

static void
track_pointer (TfRoomSession *self,
               TfCanvasView  *view,
               GCallback      motion)
{
  GtkEventController *controller = gtk_event_controller_motion_new ();

  g_signal_connect (controller, "enter", motion, self);
  g_signal_connect (controller, "motion", motion, self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (pointer_left), self);
  gtk_widget_add_controller (GTK_WIDGET (view), controller);
}

/* Keys: the clickers send Page Up/Down, F5, Shift+F5, Escape, B or "." */

static void
next (TfRoomSession *self)
{
  if (tf_room_next (self->room))
    show_step (self, TRUE);
}

static void
previous (TfRoomSession *self)
{
  if (tf_room_previous (self->room))
    show_step (self, TRUE);
}

static void
toggle_screen (TfRoomSession *self,
               TfRoomScreen   screen)
{
  tf_room_toggle_screen (self->room, screen);
  update_screen (self);
}

static void
toggle_pause (TfRoomSession *self)
{
  tf_room_set_paused (self->room, !tf_room_get_paused (self->room));
  gtk_button_set_icon_name (GTK_BUTTON (self->pause_button),
                            tf_room_get_paused (self->room) ? "media-playback-start-symbolic"
                                                            : "media-playback-pause-symbolic");
  update_clocks (self);
  update_modes (self);
}

static void
add_minute (TfRoomSession *self)
{
  tf_room_add_minute (self->room);
  update_clocks (self);
}

static void
toggle_overlay (TfRoomSession *self)
{
  if (self->presenter_window == NULL)
    {
      gtk_widget_set_visible (self->presenter, !gtk_widget_get_visible (self->presenter));
      /* Hidden, the controls fold their notes again. */
      if (!gtk_widget_get_visible (self->presenter))
        {
          leave_notes (self);
          self->notes_shown = FALSE;
          update_notes_visibility (self);
        }
      update_votes (self);
    }
}

static gboolean
toast_done (gpointer user_data)
{
  TfRoomSession *self = user_data;

  self->toast_id = 0;
  gtk_widget_set_visible (self->toast, FALSE);
  return G_SOURCE_REMOVE;
}

/* Whether @item is on the audience view and within its sight. */
static gboolean
on_audience (TfRoomSession *self,
             gint64         item_id)
{
  TfScene *scene = tf_canvas_view_get_scene (self->audience_view);
  const TfItem *item = scene != NULL ? tf_scene_lookup (scene, item_id) : NULL;
  TfRect r;

  return item != NULL && item_rect (self->audience_view, item, &r) &&
         r.x + r.width > 0 && r.y + r.height > 0 &&
         r.x < gtk_widget_get_width (GTK_WIDGET (self->audience_view)) &&
         r.y < gtk_widget_get_height (GTK_WIDGET (self->audience_view));
}

/* A phone's insight went onto the wall: the note is outlined a moment
 * where the views show it. The panel says it; with the controls hidden
 * and the note out of the room's sight, a line on the audience view says
 * D shows it (no text of the insight: the room sees that line). */
static void
phones_accepted (TfRoomSession *self,
                 gint64         item_id)
{
  self->flash_item = item_id;
  self->flash_start = g_get_monotonic_time ();
  gtk_widget_queue_draw (self->dots);
  if (gtk_widget_get_mapped (tf_room_phones_get_panel (self->phones)) || on_audience (self, item_id))
    return;
  gtk_widget_set_visible (self->toast, TRUE);
  g_clear_handle_id (&self->toast_id, g_source_remove);
  self->toast_id = g_timeout_add_seconds (4, toast_done, self);
}

/* D: the audience view goes to the note last accepted (on its board if
 * the step shows another), outlined; Z or F5 comes back to the step. */
static void
phones_show (TfRoomSession *self,
             gint64         item_id)
{
  TfScene *scene = tf_canvas_view_get_scene (self->audience_view);
  const TfItem *item = scene != NULL ? tf_scene_lookup (scene, item_id) : NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (self->audience_view));
  int height = gtk_widget_get_height (GTK_WIDGET (self->audience_view));
  double cx, cy, zoom;
  TfRect area;

  if (item == NULL)
    {
      g_autoptr(GError) error = NULL;
      gint64 board_id = 0;

      /* Phones' insights go to the experiment's wall. */
      if (!tf_contribution_find_board (self->store, self->experiment_id, &board_id, &error))
        g_warning ("%s", error->message);
      scene = board_id != 0 ? scene_for (self, board_id) : NULL;
      item = scene != NULL ? tf_scene_lookup (scene, item_id) : NULL;
      if (item == NULL || width <= 0 || height <= 0)
        return;
      tf_canvas_view_set_scene (self->audience_view, scene);
      self->shown_elsewhere = TRUE;
    }
  /* The note among its neighbours: three notes' room around it. */
  area = TF_RECT_INIT (item->bounds.x - item->bounds.width * 1.5, item->bounds.y - item->bounds.height * 1.5,
                       item->bounds.width * 4, item->bounds.height * 4);
  tf_room_camera (&area, width, height, &cx, &cy, &zoom);
  tf_canvas_view_animate_centre (self->audience_view, cx, cy, zoom);
  self->zoomed = TRUE;
  update_modes (self);
  g_clear_handle_id (&self->toast_id, g_source_remove);
  gtk_widget_set_visible (self->toast, FALSE);
  self->flash_item = item_id;
  self->flash_start = g_get_monotonic_time ();
}

static void
swap_monitors (TfRoomSession *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self->audience));
  guint n = n_monitors (display), index = 0;

  if (n < 2)
    return;
  for (guint i = 0; i < n; i++)
    if (monitor_at (display, i) == self->audience_monitor)
      index = i;
  gtk_drop_down_set_selected (self->monitors, (index + 1) % n);
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             gpointer               user_data)
{
  TfRoomSession *self = user_data;
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  gboolean typing = any_text_focused (GTK_WINDOW (widget));
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;

  if (self->ended || tf_room_phones_get_busy (self->phones))
    return FALSE;
  /* F6 and Ctrl+Tab leave a text field for the room's keys, as Escape. */
  if (typing && (keyval == GDK_KEY_F6 ||
                 ((state & GDK_CONTROL_MASK) != 0 && (keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab))))
    {
      leave_notes (self);
      gtk_window_set_focus (GTK_WINDOW (widget), NULL);
      return TRUE;
    }
  /* The note's field: Escape leaves it as it was. */
  if (self->edit_item != 0 && keyval == GDK_KEY_Escape)
    {
      close_edit (self);
      return TRUE;
    }
  /* Ctrl+Z, Ctrl+Shift+Z: the edits made from here (and the board's). */
  if ((state & GDK_CONTROL_MASK) != 0 && !typing && (keyval == GDK_KEY_z || keyval == GDK_KEY_Z))
    {
      g_autoptr(GError) error = NULL;

      if (!(shift ? tf_history_redo (self->history, &error) : tf_history_undo (self->history, &error)) &&
          error != NULL)
        g_warning ("Could not undo: %s", error->message);
      return TRUE;
    }
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return !typing && tf_room_phones_key (self->phones, keyval, state);
  /* A voting round's settings, then the round itself, take their keys
   * first (arrows choose a note, digits cast). */
  if (self->vote_setup && !typing && setup_key (self, keyval))
    return TRUE;
  if (self->round != NULL && !typing && round_key (self, controller, keyval, keycode, state))
    return TRUE;
  switch (keyval)
    {
    case GDK_KEY_Page_Down:
      next (self);
      return TRUE;
    case GDK_KEY_Page_Up:
      previous (self);
      return TRUE;
    case GDK_KEY_Escape:
      /* The first Escape leaves a text field, the next one ends. */
      if (typing)
        {
          leave_notes (self);
          gtk_window_set_focus (GTK_WINDOW (widget), NULL);
          return TRUE;
        }
      tf_room_session_end (self);
      return TRUE;
    case GDK_KEY_F5:
      /* F5 again comes back to the step's view; Shift+F5 ends. */
      if (shift)
        tf_room_session_end (self);
      else
        show_step (self, TRUE);
      return TRUE;
    default:
      break;
    }
  if (typing)
    return FALSE;
  /* The room's address chooser is on the presenter's controls. */
  if ((keyval == GDK_KEY_o || keyval == GDK_KEY_O) && self->presenter_window == NULL &&
      !gtk_widget_get_visible (self->presenter) && tf_room_phones_get_url (self->phones) == NULL)
    toggle_overlay (self);
  if (tf_room_phones_key (self->phones, keyval, state))
    return TRUE;
  if (keyval == GDK_KEY_g || keyval == GDK_KEY_G || keyval == GDK_KEY_m || keyval == GDK_KEY_M)
    {
      TfScene *scene = tf_canvas_view_get_scene (self->audience_view);
      const TfItem *item = scene != NULL && self->pointer_in ?
                           tf_scene_hit_test (scene, self->pointer_x, self->pointer_y, 0) : NULL;
      /* Over the queue when the presenter's controls show, else over the
       * audience view (the list shows only what is on the wall). */
      GtkWidget *over = gtk_widget_get_mapped (tf_room_phones_get_panel (self->phones)) ?
                        NULL : GTK_WIDGET (self->audience_view);

      /* The cluster or the note the pointer is over comes first in the list. */
      if (keyval == GDK_KEY_g || keyval == GDK_KEY_G)
        tf_room_phones_pick_cluster (self->phones, over, item != NULL ? item->id : 0);
      else
        tf_room_phones_pick_note (self->phones, over, item != NULL ? item->id : 0);
      return TRUE;
    }
  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_space:
      next (self);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_BackSpace:
      previous (self);
      return TRUE;
    case GDK_KEY_Home:
      if (tf_room_go_to (self->room, 0))
        show_step (self, TRUE);
      return TRUE;
    case GDK_KEY_End:
      if (tf_room_go_to (self->room, tf_room_get_n_steps (self->room) - 1))
        show_step (self, TRUE);
      return TRUE;
    case GDK_KEY_b:
    case GDK_KEY_B:
    case GDK_KEY_period:
      toggle_screen (self, TF_ROOM_BLACK);
      return TRUE;
    case GDK_KEY_w:
    case GDK_KEY_W:
    case GDK_KEY_comma:
      toggle_screen (self, TF_ROOM_WHITE);
      return TRUE;
    case GDK_KEY_p:
    case GDK_KEY_P:
      toggle_overlay (self);
      return TRUE;
    case GDK_KEY_n:
    case GDK_KEY_N:
      toggle_notes (self);
      return TRUE;
    case GDK_KEY_s:
    case GDK_KEY_S:
      swap_monitors (self);
      return TRUE;
    case GDK_KEY_t:
    case GDK_KEY_T:
      toggle_pause (self);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
      add_minute (self);
      return TRUE;
    case GDK_KEY_v:
    case GDK_KEY_V:
      open_setup (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      toggle_reading (self);
      return TRUE;
    case GDK_KEY_F2:
      open_edit (self);
      return TRUE;
    case GDK_KEY_f:
    case GDK_KEY_F:
      toggle_freeze (self);
      return TRUE;
    case GDK_KEY_z:
    case GDK_KEY_Z:
      toggle_zoom (self);
      return TRUE;
    case GDK_KEY_l:
    case GDK_KEY_L:
      toggle_laser (self);
      return TRUE;
    case GDK_KEY_h:
    case GDK_KEY_H:
      toggle_contrast (self);
      return TRUE;
    case GDK_KEY_c:
    case GDK_KEY_C:
      toggle_clock (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
add_keys (TfRoomSession *self,
          GtkWindow     *window)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  g_signal_connect (window, "notify::focus-widget", G_CALLBACK (focus_moved), self);
}

/* The presenter's controls */

static void
agenda_row_activated (TfRoomSession *self,
                      GtkListBoxRow *row)
{
  if (tf_room_go_to (self->room, (guint) gtk_list_box_row_get_index (row)))
    show_step (self, TRUE);
}

static GtkWidget *
agenda_row_new (TfRoomSession       *self,
                guint                index,
                const TfSessionStep *step)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  g_autofree char *title = tf_session_step_describe (step);
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  GtkWidget *n = gtk_label_new (number);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *time = gtk_label_new ("");

  (void) self;
  gtk_widget_add_css_class (n, "dim-label");
  gtk_widget_add_css_class (n, "numeric");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (time, "numeric");
  gtk_widget_add_css_class (time, "dim-label");
  gtk_box_append (GTK_BOX (box), n);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), time);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "time", time);
  return row;
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             GCallback   callback,
             gpointer    user_data)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_focus_on_click (button, FALSE);
  g_signal_connect_swapped (button, "clicked", callback, user_data);
  return button;
}

static void
black_clicked (TfRoomSession *self)
{
  toggle_screen (self, TF_ROOM_BLACK);
}

static void
monitor_selected (TfRoomSession *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self->audience));
  guint selected = gtk_drop_down_get_selected (self->monitors);

  if (selected < n_monitors (display) && monitor_at (display, selected) != self->audience_monitor)
    {
      place_audience (self, monitor_at (display, selected));
      show_step (self, FALSE);
    }
}

static GtkWidget *
framed (GtkWidget *child)
{
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_frame_set_child (GTK_FRAME (frame), child);
  gtk_widget_set_overflow (frame, GTK_OVERFLOW_HIDDEN);
  return frame;
}

static GtkWidget *
build_presenter (TfRoomSession *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *clocks = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *middle = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *notes_scrolled = gtk_scrolled_window_new ();
  GtkWidget *notes_label = gtk_label_new (_("Notes for the facilitator"));
  GtkWidget *agenda_label = gtk_label_new (_("Agenda"));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self->audience));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_add_css_class (box, "tf-room-presenter");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  /* Where we are, the clocks, the controls. */
  self->position_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->position_label), "dim-label");
  gtk_label_set_xalign (self->position_label, 0);
  self->title_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title-2");
  gtk_label_set_xalign (self->title_label, 0);
  /* A long title (a board's name and its part's) on two lines rather than
   * cut in a narrow window (800 × 600 with the controls over the view). */
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_label_set_wrap_mode (self->title_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->title_label, 2);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  self->legibility = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->legibility, 0);
  gtk_label_set_ellipsize (self->legibility, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->legibility), "caption");
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->position_label));
  gtk_box_append (GTK_BOX (titles), GTK_WIDGET (self->title_label));
  self->modes_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->modes_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->modes_label), "caption-heading");
  gtk_widget_add_css_class (GTK_WIDGET (self->modes_label), "accent");
  gtk_widget_set_visible (GTK_WIDGET (self->modes_label), FALSE);

  gtk_widget_set_hexpand (titles, TRUE);

  self->session_clock = GTK_LABEL (gtk_label_new (""));
  self->step_clock = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->session_clock), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->step_clock), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->step_clock), "title-3");
  gtk_label_set_xalign (self->session_clock, 1);
  gtk_label_set_xalign (self->step_clock, 1);
  gtk_box_append (GTK_BOX (clocks), GTK_WIDGET (self->step_clock));
  gtk_box_append (GTK_BOX (clocks), GTK_WIDGET (self->session_clock));

  gtk_box_append (GTK_BOX (buttons), icon_button ("go-previous-symbolic", _("Previous (Page Up)"),
                                                  G_CALLBACK (previous), self));
  gtk_box_append (GTK_BOX (buttons), icon_button ("go-next-symbolic", _("Next (Page Down)"),
                                                  G_CALLBACK (next), self));
  self->pause_button = icon_button ("media-playback-pause-symbolic", _("Pause the timers (T)"),
                                    G_CALLBACK (toggle_pause), self);
  gtk_box_append (GTK_BOX (buttons), self->pause_button);
  gtk_box_append (GTK_BOX (buttons), icon_button ("list-add-symbolic", _("One more minute (+)"),
                                                  G_CALLBACK (add_minute), self));
  gtk_box_append (GTK_BOX (buttons), icon_button ("display-brightness-symbolic", _("Black screen (B)"),
                                                  G_CALLBACK (black_clicked), self));
  for (guint i = 0; i < n_monitors (display); i++)
    {
      GdkMonitor *monitor = monitor_at (display, i);
      const char *model = gdk_monitor_get_model (monitor);
      const char *connector = gdk_monitor_get_connector (monitor);
      g_autofree char *name = g_strdup_printf (_("Audience on %s"),
                                               model != NULL ? model : connector != NULL ? connector : "?");

      gtk_string_list_append (names, name);
    }
  self->monitors = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->monitors), _("The screen the audience sees (S swaps)"));
  gtk_widget_set_visible (GTK_WIDGET (self->monitors), n_monitors (display) > 1);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self->monitors), FALSE);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->monitors));
  {
    GtkWidget *end = gtk_button_new_with_label (_("End (Esc)"));

    gtk_widget_set_focus_on_click (end, FALSE);
    gtk_widget_add_css_class (end, "destructive-action");
    g_signal_connect_swapped (end, "clicked", G_CALLBACK (tf_room_session_end), self);
    gtk_box_append (GTK_BOX (buttons), end);
  }
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), clocks);
  gtk_box_append (GTK_BOX (header), buttons);
  gtk_box_append (GTK_BOX (box), header);
  /* The step's legibility and the room's modes on one line of their own
   * under the header, across the whole width: the header keeps its
   * height whichever modes are on, and the line says its keys whole at
   * 800 pixels. */
  {
    GtkWidget *status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

    gtk_widget_set_hexpand (GTK_WIDGET (self->legibility), TRUE);
    gtk_box_append (GTK_BOX (status), GTK_WIDGET (self->legibility));
    gtk_box_append (GTK_BOX (status), GTK_WIDGET (self->modes_label));
    gtk_box_append (GTK_BOX (box), status);
  }

  /* A voting round's settings, or the round: its note, the dots left. */
  self->vote_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->vote_label, 0);
  gtk_label_set_wrap (self->vote_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->vote_label), "tf-room-vote");
  gtk_widget_set_visible (GTK_WIDGET (self->vote_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->vote_label));

  /* The current view, large; the next one and the agenda beside it. */
  self->current_view = TF_CANVAS_VIEW (tf_canvas_view_new ());
  {
    GtkWidget *overlay = gtk_overlay_new ();

    gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->current_view));
    self->current_overlay = overlay;
    self->current_dots = gtk_drawing_area_new ();
    gtk_widget_set_can_target (self->current_dots, FALSE);
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->current_dots), draw_presenter_dots, self, NULL);
    gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->current_dots);
    track_pointer (self, self->current_view, G_CALLBACK (presenter_motion));
    view_takes_keys (self, GTK_WIDGET (self->current_view));
    self->current_frame = framed (overlay);
  }
  gtk_widget_set_hexpand (self->current_frame, TRUE);
  gtk_widget_set_vexpand (self->current_frame, TRUE);
  self->next_view = TF_CANVAS_VIEW (tf_canvas_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->next_view), 240, 135);
  self->next_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->next_label, 0);
  gtk_label_set_ellipsize (self->next_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->next_label, 30);
  gtk_widget_add_css_class (GTK_WIDGET (self->next_label), "heading");
  gtk_label_set_xalign (GTK_LABEL (agenda_label), 0);
  gtk_widget_add_css_class (agenda_label, "heading");
  self->agenda = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->agenda), "boxed-list");
  gtk_list_box_set_selection_mode (self->agenda, GTK_SELECTION_SINGLE);
  g_signal_connect_swapped (self->agenda, "row-activated", G_CALLBACK (agenda_row_activated), self);
  for (guint i = 0; i < tf_room_get_n_steps (self->room); i++)
    gtk_list_box_append (self->agenda, agenda_row_new (self, i, tf_room_get_step (self->room, i)));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->agenda));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->views_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (self->views_box), GTK_WIDGET (self->next_label));
  gtk_box_append (GTK_BOX (self->views_box), framed (GTK_WIDGET (self->next_view)));
  gtk_box_append (GTK_BOX (self->views_box), agenda_label);
  gtk_box_append (GTK_BOX (self->views_box), scrolled);
  gtk_widget_set_vexpand (self->views_box, TRUE);
  gtk_box_append (GTK_BOX (side), self->views_box);
  /* Phones' queue: under the agenda in the presenter's window, beside it
   * over the audience view (put_presenter), so that a short screen lists
   * many insights; its header and count stay put, its rows scroll. */
  gtk_widget_set_vexpand (tf_room_phones_get_panel (self->phones), TRUE);
  gtk_box_append (GTK_BOX (side), tf_room_phones_get_panel (self->phones));
  gtk_widget_set_size_request (side, 300, -1);
  gtk_widget_set_hexpand (side, FALSE);
  self->side = side;
  /* The side column asks for its least width only: its labels' natural
   * widths (a long hint on one line) took the width from the current view
   * in a small presenter window (800 × 600: a view 95 pixels wide). */
  self->side_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->side_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->side_scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->side_scroller), side);
  gtk_widget_set_vexpand (self->side_scroller, TRUE);
  gtk_box_append (GTK_BOX (middle), self->current_frame);
  gtk_box_append (GTK_BOX (middle), self->side_scroller);
  gtk_widget_set_vexpand (middle, TRUE);
  gtk_box_append (GTK_BOX (box), middle);

  /* The notes. */
  gtk_label_set_xalign (GTK_LABEL (notes_label), 0);
  gtk_widget_add_css_class (notes_label, "heading");
  self->notes = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->notes, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (self->notes, 8);
  gtk_text_view_set_right_margin (self->notes, 8);
  gtk_text_view_set_top_margin (self->notes, 6);
  gtk_text_view_set_bottom_margin (self->notes, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Notes for the facilitator"), -1);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes), "changed", G_CALLBACK (notes_changed), self);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_swapped (click, "pressed", G_CALLBACK (notes_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->notes), GTK_EVENT_CONTROLLER (click));
  }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (notes_scrolled), GTK_WIDGET (self->notes));
  gtk_widget_set_size_request (notes_scrolled, -1, 96);
  self->notes_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->notes_warning = gtk_label_new (_("The room sees these notes: with one screen the controls are on the projected view"));
  gtk_label_set_xalign (GTK_LABEL (self->notes_warning), 0);
  gtk_label_set_wrap (GTK_LABEL (self->notes_warning), TRUE);
  gtk_widget_add_css_class (self->notes_warning, "caption");
  gtk_widget_add_css_class (self->notes_warning, "warning");
  gtk_box_append (GTK_BOX (self->notes_box), notes_label);
  gtk_box_append (GTK_BOX (self->notes_box), self->notes_warning);
  gtk_box_append (GTK_BOX (self->notes_box), framed (notes_scrolled));
  gtk_box_append (GTK_BOX (box), self->notes_box);
  self->notes_button = gtk_button_new_with_label (_("Show the Notes (N)"));
  gtk_widget_set_focus_on_click (self->notes_button, FALSE);
  gtk_widget_set_halign (self->notes_button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (self->notes_button, _("The facilitator's notes: with one screen the room sees them"));
  g_signal_connect_swapped (self->notes_button, "clicked", G_CALLBACK (toggle_notes), self);
  gtk_box_append (GTK_BOX (box), self->notes_button);

  gtk_widget_add_tick_callback (box, previews_tick, self, NULL);
  return box;
}

/* Windows */

static void
load_css (GdkDisplay *display)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) css = NULL;

  if (loaded)
    return;
  loaded = TRUE;
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (css,
                                   ".tf-room-audience { background-color: black; }"
                                   ".tf-room-black { background-color: black; }"
                                   ".tf-room-white { background-color: white; }"
                                   ".tf-room-overlay { background-color: @window_bg_color;"
                                   "  border-top: 1px solid alpha(@window_fg_color, 0.15); }"
                                   ".tf-room-presenter label.warning { color: @warning_color; }"
                                   ".tf-room-presenter label.error { color: @error_color; font-weight: bold; }"
                                   ".tf-room-setup { padding: 8px 12px; border-radius: 8px; font-size: smaller;"
                                   "  background-color: @window_bg_color; border: 1px solid alpha(@window_fg_color, 0.2); }"
                                   ".tf-room-vote { padding: 8px 12px; border-radius: 8px;"
                                   "  background-color: alpha(@accent_bg_color, 0.12); }"
                                   ".tf-room-audience-clock { font-size: 40px; font-weight: bold; color: white;"
                                   "  background-color: rgba(20, 20, 20, 0.8); border-radius: 12px; padding: 6px 18px; }"
                                   ".tf-room-audience-clock.warning { color: #ffb347; }"
                                   ".tf-room-audience-clock.error { color: #ff6b5e; }"
                                   ".tf-room-notice { padding: 2px 2px 2px 8px; border-radius: 6px;"
                                   "  background-color: alpha(@success_color, 0.15); }"
                                   ".tf-room-toast { font-size: 20px; font-weight: bold; color: white;"
                                   "  background-color: rgba(20, 20, 20, 0.85); border-radius: 12px; padding: 8px 18px; }"
                                   ".tf-room-reading { background-color: #fbf8f1; }"
                                   ".tf-room-reading label { color: #26231f; }",
                                   -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static gboolean
window_close_request (TfRoomSession *self)
{
  tf_room_session_end (self);
  return FALSE;
}

static void
put_presenter (TfRoomSession *self,
               gboolean       own_window)
{
  if (gtk_widget_get_parent (self->presenter) != NULL && (self->presenter_window != NULL) == own_window)
    return;
  g_object_ref (self->presenter);
  if (gtk_widget_get_parent (self->presenter) != NULL)
    {
      GtkWidget *parent = gtk_widget_get_parent (self->presenter);

      if (GTK_IS_OVERLAY (parent))
        gtk_overlay_remove_overlay (GTK_OVERLAY (parent), self->presenter);
      else
        gtk_window_set_child (GTK_WINDOW (parent), NULL);
    }
  if (own_window)
    {
      self->presenter_window = GTK_WINDOW (gtk_window_new ());
      gtk_window_set_title (self->presenter_window, _("Session — Presenter"));
      gtk_window_set_default_size (self->presenter_window, 1280, 800);
      gtk_window_set_transient_for (self->presenter_window, NULL);
      gtk_window_set_child (self->presenter_window, self->presenter);
      gtk_widget_remove_css_class (self->presenter, "tf-room-overlay");
      gtk_widget_set_valign (self->presenter, GTK_ALIGN_FILL);
      gtk_widget_set_visible (self->presenter, TRUE);
      gtk_widget_set_visible (self->current_frame, TRUE);
      gtk_widget_set_hexpand (self->side, FALSE);
      gtk_widget_set_hexpand (self->side_scroller, FALSE);
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->side), GTK_ORIENTATION_VERTICAL);
      gtk_box_set_homogeneous (GTK_BOX (self->side), FALSE);
      gtk_box_set_spacing (GTK_BOX (self->side), 6);
      add_keys (self, self->presenter_window);
      g_signal_connect_swapped (self->presenter_window, "close-request", G_CALLBACK (window_close_request), self);
      gtk_window_present (self->presenter_window);
    }
  else
    {
      GtkWindow *window = g_steal_pointer (&self->presenter_window);

      /* Over the audience view, the view itself is the current one. */
      gtk_widget_add_css_class (self->presenter, "tf-room-overlay");
      gtk_widget_set_visible (self->current_frame, FALSE);
      gtk_widget_set_hexpand (self->side, TRUE);
      gtk_widget_set_hexpand (self->side_scroller, TRUE);
      /* Two columns: the next view and the agenda, the phones' queue. */
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->side), GTK_ORIENTATION_HORIZONTAL);
      gtk_box_set_homogeneous (GTK_BOX (self->side), TRUE);
      gtk_box_set_spacing (GTK_BOX (self->side), 12);
      gtk_widget_set_valign (self->presenter, GTK_ALIGN_END);
      gtk_widget_set_visible (self->presenter, FALSE);
      gtk_overlay_add_overlay (GTK_OVERLAY (self->audience_overlay), self->presenter);
      if (window != NULL)
        {
          g_signal_handlers_disconnect_by_data (window, self);
          gtk_window_destroy (window);
        }
    }
  update_notes_visibility (self);
  update_votes (self);
  g_object_unref (self->presenter);
}

static void
build_audience (TfRoomSession *self)
{
  self->audience = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (self->audience, _("Session — Audience"));
  gtk_window_set_decorated (self->audience, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->audience), "tf-room-audience");
  self->audience_overlay = gtk_overlay_new ();
  self->audience_view = TF_CANVAS_VIEW (tf_canvas_view_new ());
  /* Nothing of the editing UI on the projector (a blur's dashed outline). */
  tf_renderer_set_presenting (tf_canvas_view_get_renderer (self->audience_view), TRUE);
  gtk_widget_set_can_focus (GTK_WIDGET (self->audience_view), FALSE);
  gtk_overlay_set_child (GTK_OVERLAY (self->audience_overlay), GTK_WIDGET (self->audience_view));
  gtk_widget_add_tick_callback (GTK_WIDGET (self->audience_view), size_tick, self, NULL);
  self->dots = gtk_drawing_area_new ();
  gtk_widget_set_can_target (self->dots, FALSE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->dots), draw_audience_dots, self, NULL);
  gtk_widget_add_tick_callback (self->dots, dots_tick, self, NULL);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->audience_overlay), self->dots);
  self->audience_clock = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->audience_clock), "tf-room-audience-clock");
  gtk_widget_add_css_class (GTK_WIDGET (self->audience_clock), "numeric");
  gtk_widget_set_halign (GTK_WIDGET (self->audience_clock), GTK_ALIGN_END);
  gtk_widget_set_valign (GTK_WIDGET (self->audience_clock), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->audience_clock), 24);
  gtk_widget_set_margin_end (GTK_WIDGET (self->audience_clock), 24);
  gtk_widget_set_can_target (GTK_WIDGET (self->audience_clock), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->audience_clock), FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->audience_overlay), GTK_WIDGET (self->audience_clock));
  self->freeze = gtk_picture_new ();
  gtk_widget_set_can_target (self->freeze, FALSE);
  gtk_widget_set_visible (self->freeze, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->audience_overlay), self->freeze);
  track_pointer (self, self->audience_view, G_CALLBACK (audience_motion));
  view_takes_keys (self, GTK_WIDGET (self->audience_view));
  /* One monitor: a voting round's settings while they are chosen, in a
   * small panel of their own (the presenter's controls stay hidden). */
  self->setup_panel = gtk_label_new ("");
  gtk_label_set_wrap (GTK_LABEL (self->setup_panel), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->setup_panel), 60);
  gtk_widget_add_css_class (self->setup_panel, "tf-room-setup");
  gtk_widget_set_halign (self->setup_panel, GTK_ALIGN_START);
  gtk_widget_set_valign (self->setup_panel, GTK_ALIGN_END);
  gtk_widget_set_margin_start (self->setup_panel, 12);
  gtk_widget_set_margin_bottom (self->setup_panel, 12);
  gtk_widget_set_can_target (self->setup_panel, FALSE);
  gtk_widget_set_visible (self->setup_panel, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->audience_overlay), self->setup_panel);

  self->edit_panel = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->edit_panel, "tf-room-setup");
  gtk_widget_set_halign (self->edit_panel, GTK_ALIGN_FILL);
  gtk_widget_set_valign (self->edit_panel, GTK_ALIGN_END);
  gtk_widget_set_margin_start (self->edit_panel, 12);
  gtk_widget_set_margin_end (self->edit_panel, 12);
  gtk_widget_set_margin_bottom (self->edit_panel, 12);
  {
    GtkWidget *hint = gtk_label_new (_("The note's text — Enter keeps it, Shift+Enter starts a new line, "
                                       "Escape leaves it"));
    GtkWidget *scrolled = gtk_scrolled_window_new ();
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_label_set_xalign (GTK_LABEL (hint), 0);
    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    self->edit_text = GTK_TEXT_VIEW (gtk_text_view_new ());
    gtk_text_view_set_wrap_mode (self->edit_text, GTK_WRAP_WORD_CHAR);
    gtk_text_view_set_accepts_tab (self->edit_text, FALSE);
    gtk_text_view_set_left_margin (self->edit_text, 6);
    gtk_text_view_set_right_margin (self->edit_text, 6);
    gtk_text_view_set_top_margin (self->edit_text, 4);
    gtk_text_view_set_bottom_margin (self->edit_text, 4);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_text), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("The note's text"), -1);
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (edit_key_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->edit_text), keys);
    /* A few lines, then it scrolls. */
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->edit_text));
    gtk_widget_add_css_class (scrolled, "card");
    gtk_box_append (GTK_BOX (self->edit_panel), hint);
    gtk_box_append (GTK_BOX (self->edit_panel), scrolled);
  }
  gtk_widget_set_visible (self->edit_panel, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->audience_overlay), self->edit_panel);
  self->reading_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->reading_label, TRUE);
  gtk_label_set_wrap_mode (self->reading_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (self->reading_label, GTK_JUSTIFY_CENTER);
  self->reading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->reading, "tf-room-reading");
  gtk_widget_set_can_target (self->reading, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->reading_label), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->reading_label), GTK_ALIGN_CENTER);
  gtk_widget_set_vexpand (GTK_WIDGET (self->reading_label), TRUE);
  gtk_box_append (GTK_BOX (self->reading), GTK_WIDGET (self->reading_label));
  gtk_widget_set_visible (self->reading, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->audience_overlay), self->reading);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->audience_overlay), tf_room_phones_get_audience (self->phones));
  self->toast = gtk_label_new (_("Added to the wall, out of sight: D shows it"));
  gtk_widget_add_css_class (self->toast, "tf-room-toast");
  gtk_widget_set_halign (self->toast, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->toast, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->toast, 24);
  gtk_widget_set_can_target (self->toast, FALSE);
  gtk_widget_set_visible (self->toast, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->audience_overlay), self->toast);
  self->blank = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_visible (self->blank, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->audience_overlay), self->blank);
  gtk_window_set_child (self->audience, self->audience_overlay);
  add_keys (self, self->audience);
  g_signal_connect_swapped (self->audience, "close-request", G_CALLBACK (window_close_request), self);
}

TfRoomSession *
tf_room_session_start (GtkWindow  *parent,
                       TfHistory  *history,
                       gint64      experiment_id,
                       gint64      board_id,
                       GError    **error)
{
  TfRoomSession *self;
  g_autoptr(GArray) steps = tf_session_step_array_new ();
  TfStore *store = tf_history_get_store (history);
  gint64 session_id = 0;
  GdkDisplay *display;
  GdkMonitor *laptop = NULL;
  guint first = 0;

  g_return_val_if_fail (running == NULL, NULL);

  if (!tf_session_load (store, experiment_id, &session_id, steps, error))
    return NULL;
  if (session_id == 0)
    {
      g_autoptr(TfCommand) create = NULL;

      if (!tf_session_default_steps (store, experiment_id, steps, error))
        return NULL;
      if (steps->len == 0)
        {
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                       _("This experiment has no board to show yet"));
          return NULL;
        }
      if (!tf_store_get_read_only (store))
        {
          create = tf_session_command_create (experiment_id, steps);
          if (!tf_history_execute (history, create, error))
            return NULL;
          session_id = tf_command_get_result_id (create);
          g_array_set_size (steps, 0);
          if (!tf_session_rows_steps (store, session_id, steps, error))
            return NULL;
        }
    }
  if (steps->len == 0)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("This session has no step to show"));
      return NULL;
    }
  for (guint i = 0; board_id != 0 && i < steps->len; i++)
    if (g_array_index (steps, TfSessionStep, i).board_id == board_id)
      {
        first = i;
        break;
      }

  self = g_object_new (TF_TYPE_ROOM_SESSION, NULL);
  self->history = g_object_ref (history);
  self->store = g_object_ref (store);
  self->parent = parent;
  self->experiment_id = experiment_id;
  self->session_id = session_id;
  /* Tests move the timers' clock themselves (tf_room_session_advance_test_clock()). */
  self->test_clock = g_getenv ("TRANSFO_TEST_CLOCK") != NULL;
  self->test_now = g_get_monotonic_time ();
  self->room = tf_room_new (steps, self->test_clock ? test_clock : NULL, self);
  tf_room_go_to (self->room, first);
  {
    g_autoptr(GError) room_error = NULL;

    /* Unreadable, the room is the default one. */
    if (!tf_session_rows_room (store, experiment_id, &self->room_setting, &room_error))
      g_warning ("Could not read the room: %s", room_error->message);
  }
  running = self;

  display = parent != NULL ? gtk_widget_get_display (GTK_WIDGET (parent)) : gdk_display_get_default ();
  load_css (display);
  self->phones = tf_room_phones_new (self->history, experiment_id);
  g_signal_connect_object (self->phones, "voted", G_CALLBACK (phones_voted), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->phones, "accepted", G_CALLBACK (phones_accepted), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->phones, "show-accepted", G_CALLBACK (phones_show), self, G_CONNECT_SWAPPED);
  build_audience (self);
  self->presenter = build_presenter (self);
  /* Every view draws the archive's assets (photos, placed images) as the
   * board page does; without it a mockup's photos are placeholders. */
  tf_canvas_view_set_store (self->audience_view, store);
  tf_canvas_view_set_store (self->current_view, store);
  tf_canvas_view_set_store (self->next_view, store);

  /* With two monitors, the audience goes on the one the main window is
   * not on; the presenter's controls stay with the laptop. */
  if (parent != NULL && gtk_native_get_surface (GTK_NATIVE (parent)) != NULL)
    laptop = gdk_display_get_monitor_at_surface (display, gtk_native_get_surface (GTK_NATIVE (parent)));
  if (n_monitors (display) >= 2)
    {
      for (guint i = 0; i < n_monitors (display); i++)
        if (monitor_at (display, i) != laptop)
          {
            gtk_drop_down_set_selected (self->monitors, i);
            place_audience (self, monitor_at (display, i));
            break;
          }
      put_presenter (self, TRUE);
      place_presenter (self);
    }
  else
    {
      place_audience (self, n_monitors (display) == 1 ? monitor_at (display, 0) : NULL);
      put_presenter (self, FALSE);
    }
  g_signal_connect_swapped (self->monitors, "notify::selected", G_CALLBACK (monitor_selected), self);
  update_screen (self);
  gtk_window_present (self->audience);
  show_step (self, FALSE);
  self->clock_id = g_timeout_add (250, update_clocks, self);
  return self;
}

TfRoomSession *
tf_room_session_get_running (void)
{
  return running;
}

void
tf_room_session_end (TfRoomSession *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) seconds = NULL;

  g_return_if_fail (TF_IS_ROOM_SESSION (self));

  if (self->ended)
    return;
  self->ended = TRUE;
  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->remeasure_id, g_source_remove);
  g_clear_handle_id (&self->toast_id, g_source_remove);
  save_notes (self);
  /* A round still open keeps its dots; the room's token ends here. */
  close_round (self);
  tf_room_phones_close (self->phones);

  /* The time spent on each step goes into the archive, as one edit. */
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  seconds = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < tf_room_get_n_steps (self->room); i++)
    {
      gint64 s = tf_room_get_spent (self->room, i) / G_USEC_PER_SEC;
      gint64 id = tf_room_get_step (self->room, i)->id;

      if (s <= 0 || id == 0)
        continue;
      g_array_append_val (ids, id);
      g_array_append_val (seconds, s);
    }
  if (ids->len > 0 && !tf_store_get_read_only (self->store))
    {
      g_autoptr(TfCommand) record = tf_session_command_record_spent (ids, seconds);
      g_autoptr(GError) error = NULL;

      if (!tf_history_execute (self->history, record, &error))
        g_warning ("Could not record the time spent: %s", error->message);
    }

  if (self->presenter_window != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->presenter_window, self);
      gtk_window_destroy (g_steal_pointer (&self->presenter_window));
    }
  g_signal_handlers_disconnect_by_data (self->audience, self);
  gtk_window_destroy (self->audience);
  if (running == self)
    running = NULL;
  if (self->parent != NULL)
    gtk_window_present (self->parent);
  g_signal_emit (self, signals[SIGNAL_ENDED], 0);
  g_object_unref (self);
}

GtkWindow *
tf_room_session_get_audience (TfRoomSession *self)
{
  return self->audience;
}

GtkWindow *
tf_room_session_get_presenter (TfRoomSession *self)
{
  return self->presenter_window;
}

TfCanvasView *
tf_room_session_get_audience_view (TfRoomSession *self)
{
  return self->audience_view;
}

TfRoomPhones *
tf_room_session_get_phones (TfRoomSession *self)
{
  return self->phones;
}

TfRoom *
tf_room_session_get_room (TfRoomSession *self)
{
  return self->room;
}

void
tf_room_session_get_camera (TfRoomSession *self,
                            double        *centre_x,
                            double        *centre_y,
                            double        *zoom)
{
  *centre_x = self->cam_x;
  *centre_y = self->cam_y;
  *zoom = self->cam_zoom;
}

void
tf_room_session_set_presenter_window (TfRoomSession *self,
                                      gboolean       own_window)
{
  put_presenter (self, own_window);
  self->previews_dirty = TRUE;
}

TfVoteRound *
tf_room_session_get_vote_round (TfRoomSession *self)
{
  return self->round;
}

gint64
tf_room_session_get_vote_note (TfRoomSession *self)
{
  return self->round != NULL ? tf_vote_round_get_note (self->round, self->round_selected) : 0;
}

TfRoomSessionModes
tf_room_session_get_modes (TfRoomSession *self)
{
  TfRoomSessionModes modes = 0;

  if (self->frozen)
    modes |= TF_ROOM_SESSION_FROZEN;
  if (self->zoomed)
    modes |= TF_ROOM_SESSION_ZOOMED;
  if (self->laser)
    modes |= TF_ROOM_SESSION_LASER;
  if (tf_canvas_view_get_high_contrast (self->audience_view))
    modes |= TF_ROOM_SESSION_HIGH_CONTRAST;
  if (gtk_widget_get_visible (GTK_WIDGET (self->audience_clock)))
    modes |= TF_ROOM_SESSION_CLOCK;
  if (self->vote_setup)
    modes |= TF_ROOM_SESSION_VOTE_SETUP;
  return modes;
}

gboolean
tf_room_session_get_overlay_visible (TfRoomSession *self)
{
  return self->presenter_window == NULL && gtk_widget_get_visible (self->presenter);
}

static void
tf_room_session_finalize (GObject *object)
{
  TfRoomSession *self = TF_ROOM_SESSION (object);

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->remeasure_id, g_source_remove);
  tf_room_free (self->room);
  g_hash_table_unref (self->scenes);
  g_hash_table_unref (self->kinds);
  g_clear_object (&self->empty_scene);
  g_array_unref (self->hidden);
  g_array_unref (self->cut);
  g_array_unref (self->cut_drawn);
  g_clear_pointer (&self->round, tf_vote_round_free);
  g_array_unref (self->round_casts);
  g_array_unref (self->laser_trail);
  g_clear_object (&self->measure);
  g_clear_object (&self->phones);
  g_clear_object (&self->store);
  g_clear_object (&self->history);
  g_clear_object (&self->freeze_other);
  G_OBJECT_CLASS (tf_room_session_parent_class)->finalize (object);
}

static void
tf_room_session_class_init (TfRoomSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tf_room_session_finalize;

  signals[SIGNAL_ENDED] = g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tf_room_session_init (TfRoomSession *self)
{
  self->scenes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->kinds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->hidden = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cut = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cut_drawn = g_array_new (FALSE, FALSE, sizeof (CutMark));
  self->round_casts = g_array_new (FALSE, FALSE, sizeof (Cast));
  self->laser_trail = g_array_new (FALSE, FALSE, sizeof (LaserPoint));
  self->setup_colours = 4;
  self->setup_dots = 3;
}

void
tf_room_session_advance_test_clock (TfRoomSession *self,
                                    gint64         usec)
{
  g_return_if_fail (TF_IS_ROOM_SESSION (self));
  g_return_if_fail (self->test_clock);

  self->test_now += MAX (usec, 0);
  update_clocks (self);
}

GtkWidget *
tf_room_session_get_controls (TfRoomSession *self)
{
  g_return_val_if_fail (TF_IS_ROOM_SESSION (self), NULL);

  return self->presenter;
}

GdkPaintable *
tf_room_session_get_still (TfRoomSession *self)
{
  g_return_val_if_fail (TF_IS_ROOM_SESSION (self), NULL);

  return self->frozen ? gtk_picture_get_paintable (GTK_PICTURE (self->freeze)) : NULL;
}

GtkWidget *
tf_room_session_get_edit_entry (TfRoomSession *self)
{
  g_return_val_if_fail (TF_IS_ROOM_SESSION (self), NULL);

  return GTK_WIDGET (self->edit_text);
}

gint64
tf_room_session_get_edit_item (TfRoomSession *self)
{
  g_return_val_if_fail (TF_IS_ROOM_SESSION (self), 0);

  return self->edit_item;
}

const GArray *
tf_room_session_get_cut_cards (TfRoomSession *self)
{
  g_return_val_if_fail (TF_IS_ROOM_SESSION (self), NULL);

  return self->cut;
}

GtkWidget *
tf_room_session_get_reading (TfRoomSession *self)
{
  g_return_val_if_fail (TF_IS_ROOM_SESSION (self), NULL);

  return self->reading_item != 0 ? GTK_WIDGET (self->reading_label) : NULL;
}

GtkWidget *
tf_room_session_get_notes (TfRoomSession *self)
{
  g_return_val_if_fail (TF_IS_ROOM_SESSION (self), NULL);
  return GTK_WIDGET (self->notes);
}

GtkWidget *
tf_room_session_get_setup_panel (TfRoomSession *self)
{
  g_return_val_if_fail (TF_IS_ROOM_SESSION (self), NULL);
  return self->setup_panel;
}

gboolean
tf_room_session_get_badge_rect (TfRoomSession *self,
                                TfRect        *rect)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_return_val_if_fail (TF_IS_ROOM_SESSION (self), FALSE);
  if (self->round == NULL || tf_vote_round_get_shown (self->round))
    return FALSE;
  layout = badge_layout (self, self->dots, gtk_widget_get_width (self->dots),
                         gtk_widget_get_height (self->dots), rect);
  return TRUE;
}
