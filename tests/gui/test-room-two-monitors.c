/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room (gui/room/) on two monitors side by side, 1280 × 1024 each
 * (an Xorg dummy server of its own, with-xorg-dummy.sh): F5 puts the
 * audience window full screen on the second monitor and the presenter's
 * controls in a window of their own on the first, the one the main window
 * is on; S swaps them; the presenter's menu of monitors chooses the
 * audience's; Escape ends the session and both windows go. The geometry
 * is the X server's (the windows' place on the root window), not GTK's
 * idea of it. With TF_SHOTS set to a folder, the whole root window is
 * saved there during the session. */
#include "config.h"

#include <gdk/x11/gdkx.h>

#include "room/tf-room-session.h"
#include "tf-gui-test-util.h"
#include "tf-gui-wings.h"

typedef struct {
  GtkWindow *window;
  int        x, y, width, height;
} Place;

/* @window's place on the root window, as the X server has it. */
static gboolean
x_place (GtkWindow *window,
         int       *x,
         int       *y,
         int       *width,
         int       *height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *xdisplay;
  XWindowAttributes attributes;
  Window child;

  if (surface == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;
  xdisplay = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));
  XSync (xdisplay, False);
  if (!XGetWindowAttributes (xdisplay, gdk_x11_surface_get_xid (surface), &attributes) ||
      attributes.map_state != IsViewable)
    return FALSE;
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (surface), attributes.root, 0, 0, x, y, &child);
  *width = attributes.width;
  *height = attributes.height;
  return TRUE;
}

static gboolean
placed (gpointer data)
{
  Place *place = data;
  int x, y, width, height;

  return x_place (place->window, &x, &y, &width, &height) && x == place->x && y == place->y &&
         width == place->width && height == place->height;
}

/* The audience full screen on the monitor at @x, and the presenter's
 * window wholly on the other one. */
static void
assert_places (TfRoomSession *session,
               int            audience_x)
{
  Place audience = { tf_room_session_get_audience (session), audience_x, 0, 1280, 1024 };
  GtkWindow *presenter = tf_room_session_get_presenter (session);
  int x, y, width, height, presenter_x = audience_x == 0 ? 1280 : 0;
  g_autofree char *what = g_strdup_printf ("the audience window at %d,0 1280×1024", audience_x);

  tf_gui_test_wait_until (placed, &audience, what);
  g_assert_true (gtk_window_is_fullscreen (audience.window));
  g_assert_nonnull (presenter);
  g_assert_false (tf_room_session_get_overlay_visible (session));
  g_assert_true (x_place (presenter, &x, &y, &width, &height));
  g_test_message ("presenter at %d,%d %d×%d", x, y, width, height);
  g_assert_cmpint (x, >=, presenter_x);
  g_assert_cmpint (x + width, <=, presenter_x + 1280);
  g_assert_cmpint (y + height, <=, 1024);
}

static guint
mapped_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      n += gtk_widget_get_mapped (GTK_WIDGET (window));
    }
  return n;
}

static void
test_two_monitors (void)
{
  g_autofree char *path = tf_gui_test_archive_path ();
  const char *shots = g_getenv ("TF_SHOTS");
  TfApplication *app = NULL;
  TfWindow *window;
  TfRoomSession *session;
  GtkDropDown *monitors;
  gint64 demo_id = 0, wall;
  Place main_place;

  g_assert_cmpuint (g_list_model_get_n_items (gdk_display_get_monitors (gdk_display_get_default ())), ==, 2);
  window = tf_gui_test_start (path, &app);
  wall = tf_gui_test_find_demo_board (path, "insight-wall", &demo_id);
  g_assert_true (tf_window_show_experiment (window, demo_id));
  tf_gui_test_open_board_view (window, wall);
  /* The main window (the laptop's) on the first monitor. */
  main_place.window = GTK_WINDOW (window);
  g_assert_true (x_place (main_place.window, &main_place.x, &main_place.y, &main_place.width, &main_place.height));
  g_assert_cmpint (main_place.x, <, 1280);

  /* F5: the audience on the second monitor, the presenter on the first. */
  tf_gui_test_send_key (GTK_WINDOW (window), "F5");
  tf_gui_test_wait_until (tf_gui_test_session_running, NULL, "the audience window");
  session = tf_room_session_get_running ();
  assert_places (session, 1280);
  if (shots != NULL)
    {
      g_autofree char *shot = g_build_filename (shots, "room-two-monitors.png", NULL);

      gtk_test_widget_wait_for_draw (GTK_WIDGET (tf_room_session_get_audience (session)));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (tf_room_session_get_presenter (session)));
      tf_gui_test_shoot_screen (GTK_WIDGET (tf_room_session_get_audience (session)), shot);
    }

  /* S swaps them, from the presenter's keyboard. */
  tf_gui_test_send_key (tf_room_session_get_presenter (session), "s");
  assert_places (session, 0);

  /* The presenter's menu of monitors: the second one again. */
  monitors = GTK_DROP_DOWN (tf_gui_test_find_widget (GTK_WIDGET (tf_room_session_get_presenter (session)),
                                                     GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (monitors);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (monitors)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (monitors)), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (monitors), ==, 0);
  gtk_drop_down_set_selected (monitors, 1);
  assert_places (session, 1280);

  /* Escape ends the session: both windows go, the main one stays. */
  tf_gui_test_send_key (tf_room_session_get_presenter (session), "Escape");
  tf_gui_test_wait_until (tf_gui_test_session_ended, NULL, "the end of the session");
  tf_gui_test_settle (50);
  g_assert_cmpuint (mapped_toplevels (), ==, 1);
  tf_gui_test_wait_until (placed, &main_place, "the main window where it was");
  tf_gui_test_stop (window, &app, &path, 100);
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 1; /* with-xorg-dummy.sh gives a display: none is a failure */
  tf_gui_wings_init ();
  g_test_add_func ("/room/two-monitors", test_two_monitors);
  return g_test_run ();
}
