/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room (gui/room/): F5 in the main window opens the audience window
 * full screen with nothing of the editor in it, Page Down moves to the
 * next step (the camera reaches the step's view), B blanks the screen,
 * Escape ends the session, records it in the archive and leaves the
 * editor as it was; a voting round from the keyboard (V, digits, R)
 * writes the notes' votes and the round's counts per colour; F, H, C, L
 * and Z switch the room's modes. The keys go through the X server (xdotool), as a
 * clicker's would. With TRANSFO_ROOM_SCREENSHOTS set to a folder, also
 * saves the audience and presenter windows there. */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-text-fit.h"
#include "core/tf-store-private.h"
#include "room/tf-room-session.h"
#include "room/tf-session.h"
#include "tf-board-page.h"
#include "tf-gui-test-util.h"
#include "tf-gui-wings.h"
#include "tf-test-util.h"

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition    condition,
            gpointer     data,
            const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + TF_GUI_TEST_DEADLINE_MS * G_TIME_SPAN_MILLISECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      if (!condition (data))
        g_usleep (2000);
    }
}

static gboolean
audience_full_screen (gpointer data)
{
  GtkWindow *audience = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (audience));
  GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (audience)), surface);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  if (g_getenv ("TF_ROOM_DEBUG"))
    g_printerr ("fullscreen %d %dx%d monitor %dx%d\n", gtk_window_is_fullscreen (audience),
                gtk_widget_get_width (GTK_WIDGET (audience)), gtk_widget_get_height (GTK_WIDGET (audience)),
                geometry.width, geometry.height);
  return gtk_window_is_fullscreen (audience) &&
         gtk_widget_get_width (GTK_WIDGET (audience)) == geometry.width &&
         gtk_widget_get_height (GTK_WIDGET (audience)) == geometry.height;
}

/* The audience view has come to the camera the step asks for. */
static gboolean
camera_reached (gpointer data)
{
  TfRoomSession *session = data;
  TfCanvasView *view = tf_room_session_get_audience_view (session);
  double cx, cy, zoom, x, y;
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  tf_room_session_get_camera (session, &cx, &cy, &zoom);
  tf_canvas_view_get_origin (view, &x, &y);
  return fabs (tf_canvas_view_get_zoom (view) - zoom) < 1e-3 &&
         fabs (x + width / 2.0 / zoom - cx) < 0.5 && fabs (y + height / 2.0 / zoom - cy) < 0.5;
}

typedef struct {
  TfRoomSession *session;
  guint          step;
} StepWait;

static gboolean
on_step (gpointer data)
{
  StepWait *wait = data;

  return tf_room_get_current (tf_room_session_get_room (wait->session)) == wait->step &&
         camera_reached (wait->session);
}

typedef struct {
  TfRoomSession *session;
  TfRoomScreen   screen;
} ScreenWait;

static gboolean
on_screen (gpointer data)
{
  ScreenWait *wait = data;

  return tf_room_get_screen (tf_room_session_get_room (wait->session)) == wait->screen;
}

/* Nothing that edits, visible in the audience's window. */
static void
assert_no_editing (GtkWidget *widget)
{
  g_assert_false (TF_IS_BOARD_VIEW (widget));
  if ((GTK_IS_TEXT_VIEW (widget) || GTK_IS_EDITABLE (widget) || GTK_IS_BUTTON (widget)))
    g_assert_false (gtk_widget_get_mapped (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_no_editing (child);
}

/* Like tf_gui_test_save_screenshot(), waiting for a frame to draw: a
 * window whose layout a change just queued (the presenter's controls
 * hidden, the screen blanked) draws nothing until it is laid out. */
static void
save_png (GtkWidget  *widget,
          const char *path)
{
  gint64 deadline = g_get_monotonic_time () + TF_GUI_TEST_DEADLINE_MS * G_TIME_SPAN_MILLISECOND;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  while (node == NULL)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_to_node (snapshot);
      if (node != NULL)
        break;
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for a frame of %s", G_OBJECT_TYPE_NAME (widget));
      gtk_test_widget_wait_for_draw (widget);
    }
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static guint32
centre_pixel (GtkWidget  *widget,
              const char *path)
{
  cairo_surface_t *image;
  guint32 pixel;

  /* A change just made (the presenter's controls hidden) is laid out
   * and drawn first: a widget waiting for its allocation draws nothing. */
  save_png (widget, path);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  pixel = tf_test_pixel (image, cairo_image_surface_get_width (image) / 2,
                         cairo_image_surface_get_height (image) / 2);
  cairo_surface_destroy (image);
  return pixel;
}

typedef struct {
  GtkWidget *widget;
  int        width, height;
} SizeWait;

static gboolean
has_size (gpointer data)
{
  SizeWait *wait = data;

  return gtk_widget_get_mapped (wait->widget) && gtk_widget_get_width (wait->widget) == wait->width &&
         gtk_widget_get_height (wait->widget) == wait->height;
}

static void
screenshots (TfRoomSession *session,
             const char    *folder)
{
  SizeWait size_wait;
  const char *lang = g_getenv ("LANGUAGE") != NULL && g_str_has_prefix (g_getenv ("LANGUAGE"), "fr") ? "fr" : "en";
  int sizes[][2] = { { 1280, 800 }, { 800, 600 } };

  tf_room_session_set_presenter_window (session, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      GtkWindow *presenter = tf_room_session_get_presenter (session);
      g_autofree char *name = g_strdup_printf ("%s/room-presenter-%dx%d-%s.png", folder,
                                               sizes[i][0], sizes[i][1], lang);

      gtk_window_set_default_size (presenter, sizes[i][0], sizes[i][1]);
      gtk_widget_set_size_request (GTK_WIDGET (presenter), sizes[i][0], sizes[i][1]);
      size_wait.widget = GTK_WIDGET (presenter);
      size_wait.width = sizes[i][0];
      size_wait.height = sizes[i][1];
      wait_until (has_size, &size_wait, "the presenter's window at its size");
      gtk_test_widget_wait_for_draw (GTK_WIDGET (presenter));
      tf_gui_test_settle (200);
      save_png (GTK_WIDGET (presenter), name);
      gtk_widget_set_size_request (GTK_WIDGET (presenter), -1, -1);
    }
  {
    g_autofree char *name = g_strdup_printf ("%s/room-audience-%s.png", folder, lang);

    gtk_test_widget_wait_for_draw (GTK_WIDGET (tf_room_session_get_audience (session)));

    save_png (GTK_WIDGET (tf_room_session_get_audience (session)), name);
  }
  tf_room_session_set_presenter_window (session, FALSE);
  tf_gui_test_settle (50);
  /* The last cluster, then with the controls over it (one monitor). */
  {
    GtkWindow *audience = tf_room_session_get_audience (session);
    g_autofree char *cluster = g_strdup_printf ("%s/room-audience-cluster-%s.png", folder, lang);
    g_autofree char *overlay = g_strdup_printf ("%s/room-audience-overlay-%s.png", folder, lang);
    StepWait step_wait = { session, tf_room_get_n_steps (tf_room_session_get_room (session)) - 1 };

    tf_gui_test_send_key (audience, "End");
    wait_until (on_step, &step_wait, "the last step");
    save_png (GTK_WIDGET (audience), cluster);
    tf_gui_test_send_key (audience, "p");
    save_png (GTK_WIDGET (audience), overlay);
    tf_gui_test_send_key (audience, "p");
  }
}

typedef struct {
  TfRoomSession      *session;
  TfRoomSessionModes  modes;
} ModesWait;

static gboolean
has_modes (gpointer data)
{
  ModesWait *wait = data;

  return tf_room_session_get_modes (wait->session) == wait->modes;
}

/* The audience view has come closer than the step's view. */
static gboolean
zoomed_in (gpointer data)
{
  TfCanvasView *view = data;
  double cx, cy, zoom;

  tf_room_session_get_camera (tf_room_session_get_running (), &cx, &cy, &zoom);
  return tf_canvas_view_get_zoom (view) > zoom * 1.05;
}

/* The fraction of pixels of @a and @b (the same size) that differ. */
static double
textures_differ (GdkTexture *a,
                 GdkTexture *b)
{
  int width = gdk_texture_get_width (a), height = gdk_texture_get_height (a);
  g_autofree guint32 *pa = g_new (guint32, (gsize) width * height);
  g_autofree guint32 *pb = g_new (guint32, (gsize) width * height);
  gsize differing = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (b), ==, height);
  gdk_texture_download (a, (guchar *) pa, width * 4);
  gdk_texture_download (b, (guchar *) pb, width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    differing += pa[i] != pb[i];
  return (double) differing / ((double) width * height);
}

/* F freezes the audience view (a still over it), H high contrast on the
 * audience view, C its clock; each key again takes it off. */
static void
room_keys (TfRoomSession *session,
           const char    *folder)
{
  GtkWindow *audience = tf_room_session_get_audience (session);
  TfCanvasView *view = tf_room_session_get_audience_view (session);
  const struct { const char *key; TfRoomSessionModes mode; } keys[] = {
    { "f", TF_ROOM_SESSION_FROZEN },
    { "h", TF_ROOM_SESSION_HIGH_CONTRAST },
    { "c", TF_ROOM_SESSION_CLOCK },
    { "l", TF_ROOM_SESSION_LASER },
  };
  ModesWait wait = { session, 0 };
  GtkWidget *controls = tf_room_session_get_controls (session);
  int controls_height = 0, with_mode = 0;

  g_assert_cmpint (tf_room_session_get_modes (session), ==, 0);
  /* The presenter's controls keep their height whichever mode is on. */
  gtk_widget_measure (controls, GTK_ORIENTATION_VERTICAL, 800, NULL, &controls_height, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      tf_gui_test_send_key (audience, keys[i].key);
      wait.modes = keys[i].mode;
      wait_until (has_modes, &wait, keys[i].key);
      gtk_widget_measure (controls, GTK_ORIENTATION_VERTICAL, 800, NULL, &with_mode, NULL, NULL);
      g_assert_cmpint (with_mode, ==, controls_height);
      if (keys[i].mode == TF_ROOM_SESSION_HIGH_CONTRAST)
        g_assert_true (tf_canvas_view_get_high_contrast (view));
      if (folder != NULL)
        {
          const char *lang = g_getenv ("LANGUAGE") != NULL && g_str_has_prefix (g_getenv ("LANGUAGE"), "fr") ? "fr" : "en";
          g_autofree char *name = g_strdup_printf ("%s/room-key-%s-%s.png", folder, keys[i].key, lang);

          save_png (GTK_WIDGET (audience), name);
        }
      tf_gui_test_send_key (audience, keys[i].key);
      wait.modes = 0;
      wait_until (has_modes, &wait, "the mode off");
    }
  g_assert_false (tf_canvas_view_get_high_contrast (view));

  /* H with the audience frozen: the room's still turns high contrast (the
   * same moment), and back. */
  {
    GdkTexture *plain, *contrast;

    tf_gui_test_send_key (audience, "f");
    wait.modes = TF_ROOM_SESSION_FROZEN;
    wait_until (has_modes, &wait, "frozen");
    plain = GDK_TEXTURE (g_object_ref (tf_room_session_get_still (session)));
    tf_gui_test_send_key (audience, "h");
    wait.modes = TF_ROOM_SESSION_FROZEN | TF_ROOM_SESSION_HIGH_CONTRAST;
    wait_until (has_modes, &wait, "frozen, high contrast");
    contrast = GDK_TEXTURE (tf_room_session_get_still (session));
    g_assert_true (GDK_PAINTABLE (contrast) != GDK_PAINTABLE (plain));
    g_assert_cmpfloat (textures_differ (plain, contrast), >, 0.05);
    tf_gui_test_send_key (audience, "h");
    wait.modes = TF_ROOM_SESSION_FROZEN;
    wait_until (has_modes, &wait, "frozen, contrast off");
    g_assert_true (tf_room_session_get_still (session) == GDK_PAINTABLE (plain));
    tf_gui_test_send_key (audience, "f");
    wait.modes = 0;
    wait_until (has_modes, &wait, "thawed");
    g_object_unref (plain);
  }

  /* Z zooms on the note under the pointer, and back to the step's view. */
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (audience));
    g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
    int width = gtk_widget_get_width (GTK_WIDGET (view)), height = gtk_widget_get_height (GTK_WIDGET (view));
    g_autofree char *x = NULL, *y = NULL;
    const TfItem *item = NULL;
    double bx, by, before = tf_canvas_view_get_zoom (view);
    const char *argv[] = { "timeout", "30", "xdotool", "mousemove", "--sync", "--window", xid, NULL, NULL, NULL };
    int status = 0;

    /* A note near the middle of the view. */
    for (int k = 0; k < 40 && item == NULL; k++)
      {
        tf_canvas_view_to_board (view, width * (0.3 + 0.01 * k), height * 0.35, &bx, &by);
        item = tf_scene_hit_test (tf_canvas_view_get_scene (view), bx, by, 0);
        if (item == NULL || tf_item_has_role (item, TF_ITEM_ROLE_CONTAINER))
          {
            item = NULL;
            continue;
          }
        x = g_strdup_printf ("%d", (int) (width * (0.3 + 0.01 * k)));
        y = g_strdup_printf ("%d", (int) (height * 0.35));
      }
    g_assert_nonnull (item);
    argv[7] = x;
    argv[8] = y;
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                                 &status, NULL));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    tf_gui_test_send_key (audience, "z");
    wait.modes = TF_ROOM_SESSION_ZOOMED;
    wait_until (has_modes, &wait, "the zoom on the pointer");
    wait_until (zoomed_in, view, "the view zoomed in");
    g_assert_cmpfloat (tf_canvas_view_get_zoom (view), >, before);
    tf_gui_test_send_key (audience, "z");
    wait.modes = 0;
    wait_until (has_modes, &wait, "the zoom back");
    wait_until (camera_reached, session, "the step's view again");
  }
}

typedef struct {
  gint64 notes[2];
  gint64 before[2];
} Votes;

typedef struct {
  TfRoomSession *session;
  gint64         note;
  guint          colour;
  guint          count;
} CountWait;

static gboolean
has_count (gpointer data)
{
  CountWait *wait = data;
  TfVoteRound *round = tf_room_session_get_vote_round (wait->session);

  return round != NULL && tf_vote_round_get_count (round, wait->note, wait->colour) == wait->count;
}

static gboolean
round_shown (gpointer data)
{
  TfVoteRound *round = tf_room_session_get_vote_round (data);

  return round != NULL && tf_vote_round_get_shown (round);
}

static gboolean
note_selected (gpointer data)
{
  CountWait *wait = data;

  return tf_room_session_get_vote_note (wait->session) == wait->note;
}

static gboolean
step_spent (gpointer data)
{
  TfRoom *room = tf_room_session_get_room (data);

  return tf_room_get_spent (room, tf_room_get_current (room)) >= 1100 * G_TIME_SPAN_MILLISECOND;
}

static void
cast (CountWait  *wait,
      const char *key,
      guint       colour,
      guint       count)
{
  tf_gui_test_send_key (tf_room_session_get_audience (wait->session), key);
  wait->colour = colour;
  wait->count = count;
  wait_until (has_count, wait, key);
}

/* A round on the wall, from the keyboard: V, 3 colours, one dot less
 * (2 each), hidden until reveal, Enter; colour 1 puts its two dots on the
 * first note (a third is refused), Right, colours 2 and 3 one each on the
 * second, Shift+3 takes one back, 3 again; R reveals, R closes. */
static Votes
vote_round (TfRoomSession *session,
            const char    *path,
            const char    *folder)
{
  GtkWindow *audience = tf_room_session_get_audience (session);
  StepWait step_wait = { session, 0 };
  ModesWait modes_wait = { session, TF_ROOM_SESSION_VOTE_SETUP };
  CountWait wait = { session, 0, 0, 0 };
  const char *lang = g_getenv ("LANGUAGE") != NULL && g_str_has_prefix (g_getenv ("LANGUAGE"), "fr") ? "fr" : "en";
  TfVoteRound *round;
  Votes votes;
  gboolean overlay_before;

  tf_gui_test_send_key (audience, "Home");
  wait_until (on_step, &step_wait, "the wall");
  overlay_before = tf_room_session_get_overlay_visible (session);
  tf_gui_test_send_key (audience, "v");
  wait_until (has_modes, &modes_wait, "the round's settings");
  /* V never brings the presenter's controls (and their notes) up over the
   * room's view: with one monitor the settings have a small panel. */
  g_assert_cmpint (tf_room_session_get_overlay_visible (session), ==, overlay_before);
  if (tf_room_session_get_presenter (session) == NULL && !overlay_before)
    g_assert_true (gtk_widget_get_visible (tf_room_session_get_setup_panel (session)));
  tf_gui_test_send_key (audience, "3");
  tf_gui_test_send_key (audience, "Left");
  tf_gui_test_send_key (audience, "h");
  tf_gui_test_send_key (audience, "Return");
  wait_until (tf_gui_test_round_open, session, "the round");
  g_assert_false (gtk_widget_get_visible (tf_room_session_get_setup_panel (session)));
  round = tf_room_session_get_vote_round (session);
  g_assert_cmpuint (tf_vote_round_get_n_colours (round), ==, 3);
  g_assert_cmpuint (tf_vote_round_get_dots (round), ==, 2);
  g_assert_true (tf_vote_round_get_hidden (round));
  g_assert_false (tf_vote_round_get_shown (round));
  /* The "votes hidden" badge is on the view, clear of the note chosen. */
  {
    TfCanvasView *view = tf_room_session_get_audience_view (session);
    const TfItem *chosen = tf_scene_lookup (tf_canvas_view_get_scene (view),
                                            tf_room_session_get_vote_note (session));
    TfRect badge;

    g_assert_true (tf_room_session_get_badge_rect (session, &badge));
    g_assert_cmpfloat (badge.x, >=, 0);
    g_assert_cmpfloat (badge.y, >=, 0);
    g_assert_cmpfloat (badge.x + badge.width, <=, gtk_widget_get_width (GTK_WIDGET (view)));
    g_assert_cmpfloat (badge.y + badge.height, <=, gtk_widget_get_height (GTK_WIDGET (view)));
    if (chosen != NULL)
      {
        double zoom = tf_canvas_view_get_zoom (view), x, y;

        tf_canvas_view_to_widget (view, chosen->bounds.x, chosen->bounds.y, &x, &y);
        g_assert_false (x < badge.x + badge.width && badge.x < x + chosen->bounds.width * zoom &&
                        y < badge.y + badge.height && badge.y < y + chosen->bounds.height * zoom);
      }
  }
  g_assert_cmpuint (tf_vote_round_get_n_notes (round), ==, 9);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *sql = NULL;

      votes.notes[i] = tf_vote_round_get_note (round, i);
      sql = g_strdup_printf ("SELECT coalesce (json_extract (payload, '$.votes'), 0) FROM items WHERE id = %"
                             G_GINT64_FORMAT, votes.notes[i]);
      votes.before[i] = tf_gui_test_archive_int (path, sql);
    }
  g_assert_cmpint (tf_room_session_get_vote_note (session), ==, votes.notes[0]);

  wait.note = votes.notes[0];
  cast (&wait, "1", 0, 1);
  cast (&wait, "1", 0, 2);
  tf_gui_test_send_key (audience, "1");
  g_assert_cmpuint (tf_vote_round_get_count (round, votes.notes[0], 0), ==, 2);
  g_assert_cmpuint (tf_vote_round_get_remaining (round, 0), ==, 0);
  tf_gui_test_send_key (audience, "Right");
  wait.note = votes.notes[1];
  wait_until (note_selected, &wait, "the second note");
  cast (&wait, "2", 1, 1);
  cast (&wait, "3", 2, 1);
  cast (&wait, "shift+3", 2, 0);
  cast (&wait, "3", 2, 1);
  g_assert_cmpuint (tf_vote_round_get_n_cast (round), ==, 4);
  /* Nothing in the archive before the round closes. */
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM vote_rounds"), ==, 0);
  if (folder != NULL)
    {
      g_autofree char *hidden = g_strdup_printf ("%s/room-vote-hidden-overlay-%s.png", folder, lang);

      save_png (GTK_WIDGET (audience), hidden);
    }
  tf_gui_test_send_key (audience, "r");
  wait_until (round_shown, session, "the dots revealed");
  if (folder != NULL)
    {
      g_autofree char *overlay = g_strdup_printf ("%s/room-vote-overlay-%s.png", folder, lang);
      g_autofree char *dots = g_strdup_printf ("%s/room-vote-audience-%s.png", folder, lang);

      save_png (GTK_WIDGET (audience), dots);
      tf_gui_test_send_key (audience, "p");
      save_png (GTK_WIDGET (audience), overlay);
      tf_gui_test_send_key (audience, "p");
    }
  tf_gui_test_send_key (audience, "r");
  wait_until (tf_gui_test_round_closed, session, "the round closed");
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM vote_rounds"), ==, 1);
  if (tf_room_session_get_overlay_visible (session))
    tf_gui_test_send_key (audience, "p");
  g_assert_false (tf_room_session_get_overlay_visible (session));
  /* At least a second on this step, for the time spent. */
  wait_until (step_spent, session, "a second on the step");
  return votes;
}

static void
test_session (void)
{
  TfApplication *app = NULL;
  g_autofree char *path = tf_gui_test_archive_path ();
  g_autofree char *shot = NULL;
  TfWindow *window;
  TfBoardView *editor;
  TfRoomSession *session;
  GtkWindow *audience;
  gint64 demo_id = 0, wall;
  double zoom_before, x_before, y_before, x, y;
  StepWait step_wait;
  ScreenWait screen_wait;
  Votes votes;
  const char *folder = g_getenv ("TRANSFO_ROOM_SCREENSHOTS");

  window = tf_gui_test_start (path, &app);
  wall = tf_gui_test_find_demo_board (path, "insight-wall", &demo_id);
  g_assert_cmpint (wall, >, 0);
  g_assert_true (tf_window_show_experiment (window, demo_id));
  editor = tf_gui_test_open_board_view (window, wall);
  zoom_before = tf_board_view_get_zoom (editor);
  tf_canvas_view_get_origin (TF_CANVAS_VIEW (editor), &x_before, &y_before);

  /* F5 starts the session on the open board, full screen. */
  g_assert_null (tf_room_session_get_running ());
  tf_gui_test_send_key (GTK_WINDOW (window), "F5");
  wait_until (tf_gui_test_session_running, NULL, "the audience window");
  session = tf_room_session_get_running ();
  audience = tf_room_session_get_audience (session);
  g_assert_null (tf_room_session_get_presenter (session));
  wait_until (audience_full_screen, audience, "the audience window full screen");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (audience));
  assert_no_editing (GTK_WIDGET (audience));
  g_assert_false (tf_room_session_get_overlay_visible (session));
  g_assert_cmpuint (tf_room_get_n_steps (tf_room_session_get_room (session)), >=, 5);
  g_assert_cmpint (tf_room_get_step (tf_room_session_get_room (session), 0)->board_id, ==, wall);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM sessions"), ==, 1);
  step_wait.session = session;
  step_wait.step = 0;
  wait_until (on_step, &step_wait, "the first step's camera");

  /* Page Down: the next step, the camera glides to it; three views. */
  tf_gui_test_send_key (audience, "Next");
  step_wait.step = 1;
  wait_until (on_step, &step_wait, "the second step's camera");
  tf_gui_test_send_key (audience, "Next");
  step_wait.step = 2;
  wait_until (on_step, &step_wait, "the third step");
  /* Right goes on, Page Up and Left come back. */
  tf_gui_test_send_key (audience, "Right");
  step_wait.step = 3;
  wait_until (on_step, &step_wait, "the fourth step");
  tf_gui_test_send_key (audience, "Prior");
  step_wait.step = 2;
  wait_until (on_step, &step_wait, "the third step again");
  tf_gui_test_send_key (audience, "Left");
  step_wait.step = 1;
  wait_until (on_step, &step_wait, "the second step again");

  /* P shows the presenter's controls over the view, and hides them. */
  tf_gui_test_send_key (audience, "p");
  g_assert_true (tf_room_session_get_overlay_visible (session));
  tf_gui_test_send_key (audience, "p");
  g_assert_false (tf_room_session_get_overlay_visible (session));

  /* B blanks the screen, B again shows the view. */
  shot = g_build_filename (g_get_tmp_dir (), "test-room-audience.png", NULL);
  g_assert_cmphex (centre_pixel (GTK_WIDGET (audience), shot), !=, 0x000000);
  tf_gui_test_send_key (audience, "b");
  screen_wait.session = session;
  screen_wait.screen = TF_ROOM_BLACK;
  wait_until (on_screen, &screen_wait, "a black screen");
  tf_gui_test_settle (20);
  g_assert_cmphex (centre_pixel (GTK_WIDGET (audience), shot), ==, 0x000000);
  tf_gui_test_send_key (audience, "period");
  screen_wait.screen = TF_ROOM_SHOW;
  wait_until (on_screen, &screen_wait, "the view again");

  if (folder != NULL)
    screenshots (session, folder);

  room_keys (session, folder);
  votes = vote_round (session, path, folder);

  /* Escape ends: the archive keeps the session, the editor is as it was. */
  tf_gui_test_send_key (audience, "Escape");
  wait_until (tf_gui_test_session_ended, NULL, "the end of the session");
  tf_gui_test_settle (50);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM sessions"), ==, 1);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM session_steps"), >=, 5);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_cmpint (tf_board_view_get_board_id (editor), ==, wall);
  g_assert_cmpfloat_with_epsilon (tf_board_view_get_zoom (editor), zoom_before, 1e-9);
  tf_canvas_view_get_origin (TF_CANVAS_VIEW (editor), &x, &y);
  g_assert_cmpfloat_with_epsilon (x, x_before, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, y_before, 1e-6);
  g_unlink (shot);

  /* The round, in the archive: the notes' votes, its counts per colour. */
  {
    g_autofree char *sql = NULL;
    g_autofree char *pairs = NULL;

    g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM vote_rounds"), ==, 1);
    g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT colours * 100 + dots * 10 + hidden FROM vote_rounds"), ==, 321);
    g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM vote_counts"), ==, 3);
    sql = g_strdup_printf ("SELECT count FROM vote_counts WHERE item_id = %" G_GINT64_FORMAT " AND colour = 0",
                           votes.notes[0]);
    g_assert_cmpint (tf_gui_test_archive_int (path, sql), ==, 2);
    g_free (sql);
    sql = g_strdup_printf ("SELECT group_concat (colour || 'x' || count, ',') FROM"
                           " (SELECT * FROM vote_counts WHERE item_id = %" G_GINT64_FORMAT " ORDER BY colour)",
                           votes.notes[1]);
    pairs = tf_gui_test_archive_text (path, sql);
    g_assert_cmpstr (pairs, ==, "1x1,2x1");
    for (guint i = 0; i < 2; i++)
      {
        g_free (sql);
        sql = g_strdup_printf ("SELECT json_extract (payload, '$.votes') FROM items WHERE id = %" G_GINT64_FORMAT,
                               votes.notes[i]);
        g_assert_cmpint (tf_gui_test_archive_int (path, sql), ==, votes.before[i] + 2);
      }
  }
  /* The time spent on the steps shown. */
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT sum (spent_seconds) FROM session_steps"), >=, 1);

  tf_gui_test_stop (window, &app, &path, 100);
}

/* The audience clock's label (C shows it). */
static GtkWidget *
find_by_class (GtkWidget  *widget,
               const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* How many pixels of the audience window, inside @widget's bounds, are
 * within a small distance of @rgb: read back from a rendering of it. */
/* The pixels of @rgb (give or take) in @bounds of the audience window. */
static guint
count_colour_in (GtkWindow             *audience,
                 const graphene_rect_t *rect,
                 guint32                rgb)
{
  g_autofree char *shot = g_build_filename (g_get_tmp_dir (), "test-room-clock.png", NULL);
  cairo_surface_t *image;
  graphene_rect_t bounds = *rect;
  guint n = 0;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (audience));
  save_png (GTK_WIDGET (audience), shot);
  image = cairo_image_surface_create_from_png (shot);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  for (int y = (int) bounds.origin.y; y < bounds.origin.y + bounds.size.height; y++)
    for (int x = (int) bounds.origin.x; x < bounds.origin.x + bounds.size.width; x++)
      {
        guint32 p = tf_test_pixel (image, x, y);
        int dr = (int) ((p >> 16) & 0xff) - (int) ((rgb >> 16) & 0xff);
        int dg = (int) ((p >> 8) & 0xff) - (int) ((rgb >> 8) & 0xff);
        int db = (int) (p & 0xff) - (int) (rgb & 0xff);

        if (ABS (dr) <= 24 && ABS (dg) <= 24 && ABS (db) <= 24)
          n++;
      }
  cairo_surface_destroy (image);
  g_unlink (shot);
  return n;
}

static guint
count_colour (GtkWindow *audience,
              GtkWidget *widget,
              guint32    rgb)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (audience), &bounds));
  return count_colour_in (audience, &bounds, rgb);
}

static gboolean
label_shows (gpointer data)
{
  GtkLabel *label = data;

  return g_str_equal (gtk_label_get_text (label), g_object_get_data (G_OBJECT (label), "expected"));
}

static void
wait_label (GtkWidget  *label,
            const char *text)
{
  g_object_set_data_full (G_OBJECT (label), "expected", g_strdup (text), g_free);
  wait_until (label_shows, label, text);
}

static gboolean
reading_shown (gpointer data)
{
  return tf_room_session_get_reading (data) != NULL;
}

/* The reading view's text laid out clear of the screen's sides (a tenth
 * of its width each). */
static gboolean
reading_within (gpointer data)
{
  GtkWidget *label = tf_room_session_get_reading (data);
  GtkWidget *root = label != NULL ? GTK_WIDGET (gtk_widget_get_root (label)) : NULL;
  graphene_rect_t bounds;
  int width = root != NULL ? gtk_widget_get_width (root) : 0;

  if (label == NULL || width <= 0 || gtk_widget_get_width (label) <= 0 ||
      !gtk_widget_compute_bounds (label, root, &bounds))
    return FALSE;
  return bounds.origin.x >= width / 10 - 1 && bounds.origin.x + bounds.size.width <= width - width / 10 + 1;
}

static gboolean
reading_hidden (gpointer data)
{
  return tf_room_session_get_reading (data) == NULL;
}

static gboolean
notes_focused (gpointer data)
{
  TfRoomSession *session = data;

  return gtk_window_get_focus (tf_room_session_get_audience (session)) == tf_room_session_get_notes (session);
}

static gboolean
notes_left (gpointer data)
{
  return !notes_focused (data);
}

static gboolean
overlay_shown (gpointer data)
{
  return tf_room_session_get_overlay_visible (data);
}

static gboolean
overlay_hidden (gpointer data)
{
  return !tf_room_session_get_overlay_visible (data);
}

static char *
notes_text (TfRoomSession *session)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (tf_room_session_get_notes (session)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
click_at (GtkWindow *window,
          int        x,
          int        y)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  g_autofree char *sx = g_strdup_printf ("%d", x);
  g_autofree char *sy = g_strdup_printf ("%d", y);
  const char *argv[] = { "timeout", "30", "xdotool", "mousemove", "--sync", "--window", xid, sx, sy,
                         "click", "1", NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  tf_gui_test_settle (50);
}

/* The facilitator's notes with one monitor: folded while the controls
 * show over the room's view; N shows them (with a line saying the room
 * sees them) and types there; Escape, F6, Ctrl+Tab and a click on the
 * view leave them, the first Escape without ending the session; Tab never
 * brings the keyboard into them, so P stays the room's key. */
static void
notes_keys (TfRoomSession *session)
{
  GtkWindow *audience = tf_room_session_get_audience (session);
  GtkWidget *notes = tf_room_session_get_notes (session);
  g_autofree char *before = notes_text (session);
  g_autofree char *after = NULL;
  g_autofree char *expected = g_strconcat (before, "xxx", NULL);
  const char *leave[] = { "Escape", "F6", "ctrl+Tab" };

  g_assert_null (tf_room_session_get_presenter (session));
  tf_gui_test_send_key (audience, "p");
  wait_until (overlay_shown, session, "the controls over the view");
  g_assert_false (gtk_widget_is_visible (notes));
  /* Tab goes round the controls, never into the notes. */
  for (guint i = 0; i < 12; i++)
    {
      tf_gui_test_send_key (audience, "Tab");
      g_assert_false (notes_focused (session));
    }
  gtk_window_set_focus (audience, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (leave); i++)
    {
      tf_gui_test_send_key (audience, "n");
      wait_until (notes_focused, session, "the keyboard in the notes");
      g_assert_true (gtk_widget_is_visible (notes));
      tf_gui_test_send_key (audience, "x");
      tf_gui_test_send_key (audience, leave[i]);
      wait_until (notes_left, session, "the keyboard out of the notes");
      g_assert_nonnull (tf_room_session_get_running ());
      /* N again folds them. */
      tf_gui_test_send_key (audience, "n");
      g_assert_false (gtk_widget_is_visible (notes));
    }
  /* A click on the room's view, above the controls, takes the keys back. */
  tf_gui_test_send_key (audience, "n");
  wait_until (notes_focused, session, "the keyboard in the notes");
  click_at (audience, gtk_widget_get_width (GTK_WIDGET (audience)) / 2, 10);
  wait_until (notes_left, session, "the keyboard out of the notes after a click");
  /* Focus put there by anything but N or a click goes back to the room. */
  gtk_window_set_focus (audience, notes);
  tf_gui_test_settle (20);
  g_assert_false (notes_focused (session));
  /* P is the room's key again: it hides the controls, types nothing. */
  tf_gui_test_send_key (audience, "p");
  wait_until (overlay_hidden, session, "the controls hidden");
  after = notes_text (session);
  g_assert_cmpstr (after, ==, expected);
  tf_gui_test_send_key (audience, "n");
  wait_until (overlay_shown, session, "the controls with the notes");
  g_assert_true (gtk_widget_is_visible (notes));
  tf_gui_test_send_key (audience, "Escape");
  wait_until (notes_left, session, "the keyboard out of the notes");
  tf_gui_test_send_key (audience, "p");
  wait_until (overlay_hidden, session, "the controls hidden");
}

#define WHITE  0xffffff
#define ORANGE 0xffb347
#define RED    0xff6b5e

/* The session on a clock the test moves (TRANSFO_TEST_CLOCK), on one
 * monitor (the audience full screen, the controls over it): the first
 * step planned for 6 minutes; C shows its countdown on the audience
 * view, white, then orange 5 minutes before the end, then red and
 * negative in overtime (read back from the window's pixels); a minute
 * on the second step, half a minute on the third, a black screen; the
 * reading view of a note (Enter) and "room" rendering's least text
 * height; votes from the keyboard; Escape writes the exact time spent on
 * each step and the round into the archive. */
static gboolean
editing (gpointer data)
{
  TfRoomSession *session = data;

  GtkWidget *entry = tf_room_session_get_edit_entry (session);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (entry));

  /* The field takes the keyboard. */
  return tf_room_session_get_edit_item (session) != 0 && gtk_widget_get_mapped (entry) &&
         focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static gboolean
not_editing (gpointer data)
{
  return tf_room_session_get_edit_item (data) == 0;
}

typedef struct {
  TfRoomSession *session;
  gint64         id;
  const char    *text;
  gboolean       cut;
} NoteWait;

/* The audience's scene has the note's @text, and the note is (or not)
 * among the cards marked "Enter to read". */
static gboolean
note_shows (gpointer data)
{
  NoteWait *wait = data;
  TfScene *scene = tf_canvas_view_get_scene (tf_room_session_get_audience_view (wait->session));
  const TfItem *item = tf_scene_lookup (scene, wait->id);
  const GArray *cut = tf_room_session_get_cut_cards (wait->session);
  gboolean listed = FALSE;

  for (guint k = 0; k < cut->len; k++)
    listed |= g_array_index (cut, gint64, k) == wait->id;
  return item != NULL && g_strcmp0 (item->text, wait->text) == 0 && listed == wait->cut;
}

/* F2's field's text. */
static char *
edit_text (TfRoomSession *session)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (tf_room_session_get_edit_entry (session)));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* F2 over a note: its text in a field; typed keys and Enter change it in
 * the archive and on the audience view, as one undo step (Ctrl+Z takes
 * it back); Shift+Enter breaks a line in the field; Escape leaves the
 * field without a change. A long text set from the board makes the card
 * cut, marked "Enter to read". */
static void
edit_from_presenter (TfRoomSession *session,
                     TfWindow      *window,
                     const char    *path,
                     gint64         id)
{
  GtkWindow *audience = tf_room_session_get_audience (session);
  TfScene *scene = tf_canvas_view_get_scene (tf_room_session_get_audience_view (session));
  g_autofree char *before = g_strdup (tf_scene_lookup (scene, id)->text);
  g_autofree char *after = g_strconcat (before, "\nok", NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT text FROM items WHERE id = %" G_GINT64_FORMAT, id);
  g_autofree char *stored = NULL;
  NoteWait wait = { session, id, NULL, FALSE };

  tf_gui_test_send_key (audience, "F2");
  wait_until (editing, session, "the note's field");
  g_assert_cmpint (tf_room_session_get_edit_item (session), ==, id);
  {
    g_autofree char *shown = edit_text (session);

    g_assert_cmpstr (shown, ==, before);
  }
  tf_gui_test_send_key (audience, "ctrl+End");
  tf_gui_test_send_key (audience, "shift+Return");
  tf_gui_test_send_key (audience, "o");
  tf_gui_test_send_key (audience, "k");
  tf_gui_test_send_key (audience, "Return");
  wait_until (not_editing, session, "the note's field closed");
  stored = tf_gui_test_archive_text (path, sql);
  g_assert_cmpstr (stored, ==, after);
  wait.text = after;
  wait.cut = FALSE;
  {
    const GArray *cut = tf_room_session_get_cut_cards (session);

    for (guint k = 0; k < cut->len; k++)
      wait.cut |= g_array_index (cut, gint64, k) == id;
  }
  wait_until (note_shows, &wait, "the note's new text on the audience view");

  /* Ctrl+Z from the session: the text as it was. */
  tf_gui_test_send_key (audience, "ctrl+z");
  wait.text = before;
  wait_until (note_shows, &wait, "the note's text back");
  g_free (stored);
  stored = tf_gui_test_archive_text (path, sql);
  g_assert_cmpstr (stored, ==, before);

  /* Escape leaves the field, the text unchanged. */
  tf_gui_test_send_key (audience, "F2");
  wait_until (editing, session, "the note's field");
  tf_gui_test_send_key (audience, "x");
  tf_gui_test_send_key (audience, "Escape");
  wait_until (not_editing, session, "the note's field closed");
  g_assert_true (tf_room_session_get_running () == session);
  g_free (stored);
  stored = tf_gui_test_archive_text (path, sql);
  g_assert_cmpstr (stored, ==, before);

  /* A long quote set from the board: the card is cut and marked. */
  {
    g_autoptr(GString) text = g_string_new (before);
    g_autoptr(TfCommand) command = NULL;
    g_autoptr(GError) error = NULL;

    for (int i = 0; i < 12; i++)
      g_string_append (text, " et puis encore une phrase de plus");
    command = tf_command_set_item_text (id, text->str);
    g_assert_true (tf_history_execute (tf_window_get_history (window), command, &error));
    g_assert_no_error (error);
    wait.text = text->str;
    wait.cut = TRUE;
    wait_until (note_shows, &wait, "the long note marked");
    {
      TfCanvasView *view = tf_room_session_get_audience_view (session);
      const TfItem *item = tf_scene_lookup (scene, id);
      double x, y, zoom = tf_canvas_view_get_zoom (view);
      graphene_rect_t top;

      tf_canvas_view_to_widget (view, item->bounds.x, item->bounds.y, &x, &y);
      graphene_rect_init (&top, (float) x, (float) y - 12, (float) (item->bounds.width * zoom), 24);
      g_assert_cmpuint (count_colour_in (audience, &top, TF_ACCENT_RGB), >, 40);
    }
    tf_gui_test_send_key (audience, "ctrl+z");
    wait.text = before;
    wait.cut = FALSE;
    wait_until (note_shows, &wait, "the note's text back");
  }
}

static void
test_fake_clock (void)
{
  TfApplication *app = NULL;
  g_autofree char *path = tf_gui_test_archive_path ();
  g_autofree char *shot = NULL;
  TfWindow *window;
  TfRoomSession *session;
  GtkWindow *audience;
  GtkWidget *clock;
  TfCanvasView *view;
  gint64 demo_id = 0, wall, first_step;
  StepWait step_wait;
  ScreenWait screen_wait;
  Votes votes;

  window = tf_gui_test_start (path, &app);
  wall = tf_gui_test_find_demo_board (path, "insight-wall", &demo_id);
  g_assert_cmpint (wall, >, 0);
  g_assert_true (tf_window_show_experiment (window, demo_id));
  tf_gui_test_open_board_view (window, wall);

  /* The agenda, its first step planned for 6 minutes. */
  {
    TfHistory *history = tf_window_get_history (window);
    TfStore *store = tf_history_get_store (history);
    g_autoptr(GArray) steps = tf_session_step_array_new ();
    g_autoptr(TfCommand) create = NULL;
    g_autoptr(TfCommand) plan = NULL;
    g_autoptr(GError) error = NULL;
    gint64 session_id = 0;

    g_assert_true (tf_session_default_steps (store, demo_id, steps, &error));
    create = tf_session_command_create (demo_id, steps);
    g_assert_true (tf_history_execute (history, create, &error));
    g_assert_no_error (error);
    g_array_set_size (steps, 0);
    g_assert_true (tf_session_load (store, demo_id, &session_id, steps, &error));
    first_step = g_array_index (steps, TfSessionStep, 0).id;
    plan = tf_session_command_set_planned (first_step, 6 * 60);
    g_assert_true (tf_history_execute (history, plan, &error));
    g_assert_no_error (error);
  }

  g_setenv ("TRANSFO_TEST_CLOCK", "1", TRUE);
  tf_gui_test_send_key (GTK_WINDOW (window), "F5");
  wait_until (tf_gui_test_session_running, NULL, "the audience window");
  g_unsetenv ("TRANSFO_TEST_CLOCK");
  session = tf_room_session_get_running ();
  audience = tf_room_session_get_audience (session);
  view = tf_room_session_get_audience_view (session);
  wait_until (audience_full_screen, audience, "the audience window full screen");
  step_wait.session = session;
  step_wait.step = 0;
  wait_until (on_step, &step_wait, "the first step");
  g_assert_cmpint (tf_room_get_step (tf_room_session_get_room (session), 0)->id, ==, first_step);

  /* "Room" rendering: no text under 40 mm on a 2.4 m image (the room's
   * defaults), in the audience view's pixels. */
  g_assert_cmpfloat_with_epsilon (tf_canvas_view_get_min_text (view),
                                  40.0 * gtk_widget_get_width (GTK_WIDGET (view)) / 2400.0, 1e-6);

  /* The cards whose text is cut at that size are exactly those the note
   * kind says are, each marked "Enter to read" astride its top (white on
   * the accent). */
  {
    const GArray *cut = tf_room_session_get_cut_cards (session);
    GPtrArray *items = tf_scene_get_items (tf_canvas_view_get_scene (view));
    g_autoptr(GObject) context = G_OBJECT (tf_text_context_new ());
    double zoom = tf_canvas_view_get_zoom (view);
    guint n_cut = 0;

    for (guint i = 0; i < items->len; i++)
      {
        const TfItem *item = g_ptr_array_index (items, i);
        gboolean is_cut = FALSE, listed = FALSE;

        if (item->hidden || g_strcmp0 (item->kind->id, "note") != 0)
          continue;
        item->kind->text_size (item, PANGO_CONTEXT (context), tf_canvas_view_get_min_text (view) / zoom, &is_cut);
        for (guint k = 0; k < cut->len; k++)
          listed |= g_array_index (cut, gint64, k) == item->id;
        g_assert_cmpint (is_cut, ==, listed);
        if (is_cut)
          n_cut++;
      }
    g_assert_cmpuint (n_cut, ==, cut->len);
  }

  /* C: the step's countdown on the audience view, white: 6:00. */
  tf_gui_test_send_key (audience, "c");
  clock = find_by_class (GTK_WIDGET (audience), "tf-room-audience-clock");
  g_assert_nonnull (clock);
  wait_label (clock, "6:00");
  g_assert_cmpuint (count_colour (audience, clock, WHITE), >, 40);
  g_assert_cmpuint (count_colour (audience, clock, ORANGE), ==, 0);
  g_assert_cmpuint (count_colour (audience, clock, RED), ==, 0);

  /* 61 seconds later, 4:59 left of a 6-minute plan: still white (orange
   * comes five minutes before the end or in the plan's last fifth,
   * whichever is later: 1:12 here). */
  tf_room_session_advance_test_clock (session, 61 * G_USEC_PER_SEC);
  wait_label (clock, "4:59");
  g_assert_false (gtk_widget_has_css_class (clock, "warning"));
  g_assert_cmpuint (count_colour (audience, clock, ORANGE), ==, 0);

  /* 1:10 left: orange. */
  tf_room_session_advance_test_clock (session, 229 * G_USEC_PER_SEC);
  wait_label (clock, "1:10");
  g_assert_true (gtk_widget_has_css_class (clock, "warning"));
  g_assert_cmpuint (count_colour (audience, clock, ORANGE), >, 40);
  g_assert_cmpuint (count_colour (audience, clock, RED), ==, 0);

  /* 71 seconds more: a second over, red and negative. */
  tf_room_session_advance_test_clock (session, 71 * G_USEC_PER_SEC);
  wait_label (clock, "−0:01");
  g_assert_true (gtk_widget_has_css_class (clock, "error"));
  g_assert_cmpuint (count_colour (audience, clock, RED), >, 40);
  g_assert_cmpuint (count_colour (audience, clock, ORANGE), ==, 0);
  tf_gui_test_send_key (audience, "c");

  /* Enter over a note of the wall: its text alone, large, on the audience
   * view; Enter again, the view. */
  {
    TfScene *scene = tf_canvas_view_get_scene (view);
    GPtrArray *items = tf_scene_get_items (scene);
    const TfItem *note = NULL;
    double x = 0, y = 0;

    for (guint i = 0; i < items->len && note == NULL; i++)
      {
        const TfItem *item = g_ptr_array_index (items, i);

        if (item->hidden || item->text == NULL || item->text[0] == '\0' ||
            tf_item_has_role (item, TF_ITEM_ROLE_CONTAINER) || g_strcmp0 (item->kind->id, "note") != 0)
          continue;
        tf_canvas_view_to_widget (view, item->bounds.x + item->bounds.width / 2,
                                  item->bounds.y + item->bounds.height / 2, &x, &y);
        if (x > 0 && y > 0 && x < gtk_widget_get_width (GTK_WIDGET (view)) &&
            y < gtk_widget_get_height (GTK_WIDGET (view)))
          note = item;
      }
    g_assert_nonnull (note);
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (audience));
      g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
      g_autofree char *sx = g_strdup_printf ("%d", (int) x);
      g_autofree char *sy = g_strdup_printf ("%d", (int) y);
      const char *argv[] = { "timeout", "30", "xdotool", "mousemove", "--sync", "--window", xid, sx, sy, NULL };
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   NULL, NULL, &status, NULL));
      tf_gui_test_settle (50);
    }
    tf_gui_test_send_key (audience, "Return");
    wait_until (reading_shown, session, "the reading view");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (tf_room_session_get_reading (session))), ==, note->text);
    g_assert_true (gtk_widget_get_mapped (tf_room_session_get_reading (session)));
    wait_until (reading_within, session, "the reading view's text clear of the sides");
    if (g_getenv ("TRANSFO_ROOM_SCREENSHOTS") != NULL)
      {
        g_autofree char *name = g_strdup_printf ("%s/room-reading.png", g_getenv ("TRANSFO_ROOM_SCREENSHOTS"));

        save_png (GTK_WIDGET (audience), name);
      }
    tf_gui_test_send_key (audience, "Return");
    wait_until (reading_hidden, session, "the reading view closed");
    edit_from_presenter (session, window, path, note->id);
  }

  notes_keys (session);

  /* Page Down: a minute on the second step; Page Down: half a minute on
   * the third. */
  tf_gui_test_send_key (audience, "Next");
  step_wait.step = 1;
  wait_until (on_step, &step_wait, "the second step");
  tf_room_session_advance_test_clock (session, 60 * G_USEC_PER_SEC);
  g_assert_cmpint (tf_room_get_spent (tf_room_session_get_room (session), 1), ==, 60 * G_USEC_PER_SEC);

  tf_gui_test_send_key (audience, "Next");
  step_wait.step = 2;
  wait_until (on_step, &step_wait, "the third step");
  tf_room_session_advance_test_clock (session, 30 * G_USEC_PER_SEC);

  /* B: black; B again: the view. */
  shot = g_build_filename (g_get_tmp_dir (), "test-room-fake-clock.png", NULL);
  tf_gui_test_send_key (audience, "b");
  screen_wait.session = session;
  screen_wait.screen = TF_ROOM_BLACK;
  wait_until (on_screen, &screen_wait, "a black screen");
  g_assert_cmphex (centre_pixel (GTK_WIDGET (audience), shot), ==, 0x000000);
  tf_gui_test_send_key (audience, "b");
  screen_wait.screen = TF_ROOM_SHOW;
  wait_until (on_screen, &screen_wait, "the view again");
  g_unlink (shot);

  /* Votes from the keyboard, on the wall (the first step, which has its
   * time: no more is spent while the clock stands still). */
  votes = vote_round (session, path, NULL);

  tf_gui_test_send_key (audience, "Escape");
  wait_until (tf_gui_test_session_ended, NULL, "the end of the session");
  tf_gui_test_settle (50);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT spent_seconds FROM session_steps WHERE position = 0"), ==, 361);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT spent_seconds FROM session_steps WHERE position = 1"), ==, 60);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT spent_seconds FROM session_steps WHERE position = 2"), ==, 30);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT sum (spent_seconds) FROM session_steps"), ==, 451);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT count(*) FROM vote_rounds"), ==, 1);
  g_assert_cmpint (tf_gui_test_archive_int (path, "SELECT sum (count) FROM vote_counts"), ==, 4);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT json_extract (payload, '$.votes') FROM items WHERE id = %"
                                            G_GINT64_FORMAT, votes.notes[0]);

    g_assert_cmpint (tf_gui_test_archive_int (path, sql), ==, votes.before[0] + 2);
  }

  tf_gui_test_stop (window, &app, &path, 100);
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, TRUE))
    return 77;
  tf_gui_wings_init ();
  g_test_add_func ("/room/session", test_session);
  g_test_add_func ("/room/fake-clock", test_fake_clock);
  return g_test_run ();
}
