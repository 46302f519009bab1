/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-spin-wheel"

#include <gdk/x11/gdkx.h>

#include "tf-gui-test-util.h"
#include "tf-widget-util.h"

/* The mouse wheel over a spin button in a scrolled page (the experiment's
 * room settings, the export options), sent by the X server: the page
 * scrolls and the value stays; once the spin button has the keyboard
 * focus, the wheel changes its value. */

static GtkWidget *window;
static GtkWidget *scroller;
static GtkWidget *spin;

static void
wheel_over_spin (int button)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  g_autofree char *x = NULL, *y = NULL, *b = g_strdup_printf ("%d", button);
  graphene_point_t p;
  double sx, sy;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (gtk_widget_compute_point (spin, window, &GRAPHENE_POINT_INIT (20, 10), &p));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  x = g_strdup_printf ("%d", (int) (p.x + sx));
  y = g_strdup_printf ("%d", (int) (p.y + sy));
  {
    const char *argv[] = { "timeout", "30", "xdotool", "mousemove", "--sync", "--window", xid, x, y,
                           "click", b, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                                 &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  tf_gui_test_settle (50);
}

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (window);
}

static gboolean
scrolled (gpointer data)
{
  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller))) > 0;
}

static void
test_wheel (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *button = gtk_button_new_with_label ("Avant");
  double before;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 200);
  scroller = gtk_scrolled_window_new ();
  spin = gtk_spin_button_new_with_range (0, 4000, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 1080);
  tf_widget_spin_wheel_when_focused (spin);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_widget_set_size_request (box, -1, 2000);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));
  tf_gui_test_wait_until (mapped, NULL, "the window mapped");
  gtk_test_widget_wait_for_draw (window);
  gtk_widget_grab_focus (button);

  /* Not focused: the page scrolls, the value stays. */
  wheel_over_spin (5);
  tf_gui_test_wait_until (scrolled, NULL, "the page scrolled by the wheel");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 1080);

  /* Focused: the wheel is the spin button's. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0);
  gtk_widget_grab_focus (spin);
  gtk_test_widget_wait_for_draw (window);
  before = gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
  wheel_over_spin (5);
  for (guint i = 0; i < 100 && gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)) == before; i++)
    tf_gui_test_settle (10);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), !=, before);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  g_test_add_func ("/spin-wheel/scrolls-page-until-focused", test_wheel);
  return g_test_run ();
}
