/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Not a test: measures the real window as a user meets it, on an existing
 * archive (left untouched but for what opening it writes). Prints one JSON
 * line a figure: the resident memory with the wall open, the frame rate of
 * a scripted pan and zoom (counted from the frame clock), the resident
 * memory after them, the time the export dialog takes to map, and to show
 * its first preview page, and the memory with it open.
 *
 *   window-tour ARCHIVE BOARD_ID
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tf-board-page.h"
#include "tf-board-view-private.h"
#include "tf-export-dialog-private.h"
#include "tf-gui-test-util.h"

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static long
peak_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

typedef struct {
  TfBoardView *view;
  int          step;
  int          steps;
  gboolean     zoom;
  gint64       first, last;
  gint64       longest;
  int          frames;
  gboolean     done;
} Tour;

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Tour *tour = user_data;
  TfBoardView *view = tour->view;
  gint64 now = g_get_monotonic_time ();

  if (tour->frames > 0 && now - tour->last > tour->longest)
    tour->longest = now - tour->last;
  if (tour->frames == 0)
    tour->first = now;
  tour->last = now;
  tour->frames++;

  if (tour->zoom)
    {
      /* In and out around the centre, a wheel notch a frame. */
      double factor = (tour->step / 20) % 2 == 0 ? 1.1 : 1 / 1.1;

      tf_board_view_zoom_at (view, view->canvas.zoom * factor, gtk_widget_get_width (widget) / 2.0,
                             gtk_widget_get_height (widget) / 2.0);
    }
  else
    {
      /* 12 pixels a frame, a long stretch right then down. */
      double dx = tour->step < tour->steps / 2 ? 12.0 : 0.0;
      double dy = tour->step < tour->steps / 2 ? 0.0 : 12.0;

      tf_board_view_set_origin (view, view->canvas.x + dx / view->canvas.zoom, view->canvas.y + dy / view->canvas.zoom);
    }
  if (++tour->step >= tour->steps)
    {
      tour->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
run_tour (TfBoardView *view,
          const char  *name,
          gboolean     zoom,
          int          steps)
{
  Tour tour = { .view = view, .steps = steps, .zoom = zoom };

  gtk_widget_add_tick_callback (GTK_WIDGET (view), on_tick, &tour, NULL);
  while (!tour.done)
    g_main_context_iteration (NULL, TRUE);
  printf ("{\"metric\": \"%s_fps\", \"value\": %.1f, \"longest_frame_ms\": %.1f}\n", name,
          (tour.frames - 1) / ((tour.last - tour.first) / 1e6), tour.longest / 1e3);
  printf ("{\"metric\": \"rss_after_%s\", \"value\": %.1f, \"unit\": \"MB\"}\n", name, rss_kb () / 1024.0);
  fflush (stdout);
}

typedef struct {
  gint64 start;
  gint64 last;
  gint64 longest;
} Watch;

static gboolean
watch_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  Watch *watch = user_data;
  gint64 now = g_get_monotonic_time ();

  if (watch->last != 0 && now - watch->last > watch->longest)
    watch->longest = now - watch->last;
  watch->last = now;
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TfApplication) app = NULL;
  TfWindow *window;
  TfBoardView *view;
  GtkWidget *page;
  gint64 board_id, start, mapped, first_page, loaded = 0;
  GtkWidget *dialog = NULL;
  Watch watch = { 0 };
  guint watch_id;

  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  if (argc < 3)
    {
      g_printerr ("Usage: window-tour ARCHIVE BOARD_ID\n");
      return 2;
    }
  board_id = g_ascii_strtoll (argv[2], NULL, 10);
  window = tf_gui_test_start (argv[1], &app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 960);
  printf ("{\"metric\": \"rss_window\", \"value\": %.1f, \"unit\": \"MB\"}\n", rss_kb () / 1024.0);

  start = g_get_monotonic_time ();
  view = tf_gui_test_open_board_view (window, board_id);
  printf ("{\"metric\": \"board_open\", \"value\": %.1f, \"unit\": \"ms\"}\n",
          (g_get_monotonic_time () - start) / 1e3);
  printf ("{\"metric\": \"rss_wall_open\", \"value\": %.1f, \"unit\": \"MB\", \"zoom\": %.4f}\n",
          rss_kb () / 1024.0, view->canvas.zoom);
  fflush (stdout);

  if (g_getenv ("TOUR_SHOTS") != NULL)
    {
      /* What a user sees, fitted and at rest after a zoom jump, to look at. */
      g_autofree char *fit = g_build_filename (g_getenv ("TOUR_SHOTS"), "fit.png", NULL);
      g_autofree char *zoomed = g_build_filename (g_getenv ("TOUR_SHOTS"), "zoomed.png", NULL);
      gint64 until;

      tf_gui_test_save_screenshot (GTK_WIDGET (window), fit);
      tf_board_view_zoom_at (view, 0.7, 300, 300);
      until = g_get_monotonic_time () + G_USEC_PER_SEC;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      tf_gui_test_save_screenshot (GTK_WIDGET (window), zoomed);
      tf_board_view_fit_all (view, FALSE);
    }

  run_tour (view, "pan", FALSE, 240);
  run_tour (view, "zoom", TRUE, 120);
  tf_board_view_fit_all (view, FALSE);
  run_tour (view, "pan_fitted", FALSE, 120);

  /* The export dialog, as Ctrl+P opens it, timed from the action to its
   * map, and to its first preview page; the window's frames meanwhile. */
  page = gtk_widget_get_ancestor (GTK_WIDGET (view), TF_TYPE_BOARD_PAGE);
  watch_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), watch_tick, &watch, NULL);
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (page, "board.print", NULL);
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (TF_IS_EXPORT_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  while (!gtk_widget_get_mapped (dialog))
    g_main_context_iteration (NULL, TRUE);
  mapped = g_get_monotonic_time ();
  /* The first page on show: the others follow one by one. */
  while (tf_export_dialog_get_preview_shown (TF_EXPORT_DIALOG (dialog)) == 0 &&
         g_get_monotonic_time () - start < 120 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, TRUE);
      if (loaded == 0 && tf_export_dialog_get_loaded (TF_EXPORT_DIALOG (dialog)))
        loaded = g_get_monotonic_time ();
    }
  printf ("{\"metric\": \"export_dialog_loaded\", \"value\": %.1f, \"unit\": \"ms\"}\n",
          (loaded - start) / 1e3);
  first_page = g_get_monotonic_time ();
  printf ("{\"metric\": \"export_dialog_open\", \"value\": %.1f, \"unit\": \"ms\"}\n",
          (mapped - start) / 1e3);
  printf ("{\"metric\": \"export_preview_first_page\", \"value\": %.1f, \"unit\": \"ms\"}\n",
          (first_page - start) / 1e3);
  printf ("{\"metric\": \"window_longest_frame_during_export_dialog\", \"value\": %.1f, \"unit\": \"ms\"}\n",
          watch.longest / 1e3);
  printf ("{\"metric\": \"rss_export_dialog\", \"value\": %.1f, \"unit\": \"MB\"}\n", rss_kb () / 1024.0);
  /* The whole preview, to its last page: the peak memory of the tour. */
  while (tf_export_dialog_get_preview_pages (TF_EXPORT_DIALOG (dialog)) == 0 &&
         g_get_monotonic_time () - start < 120 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  printf ("{\"metric\": \"export_preview_done\", \"value\": %.1f, \"unit\": \"ms\"}\n",
          (g_get_monotonic_time () - start) / 1e3);
  printf ("{\"metric\": \"window_longest_frame_during_export_dialog\", \"value\": %.1f, \"unit\": \"ms\"}\n",
          watch.longest / 1e3);
  printf ("{\"metric\": \"rss_peak\", \"value\": %.1f, \"unit\": \"MB\"}\n", peak_kb () / 1024.0);
  fflush (stdout);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), watch_id);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  tf_gui_test_settle (100);
  return 0;
}
