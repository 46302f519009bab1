/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window as a user meets it, measured for transfo-bench --window.
 *
 * With TRANSFO_BENCH_TOUR=FILE in the environment, once the window has
 * drawn its first frame this opens the board TRANSFO_BENCH_BOARD (an id),
 * pans it with wheel events sent to the view's own scroll controller (as
 * a mouse wheel would, 64 px a notch), jumps between zoom levels through
 * the view's public API, opens the export dialog (board.print, as Ctrl+P
 * does) and waits for its first preview page. Frames are counted from the
 * frame clock's after-paint; memory is VmRSS read at each stage. It writes
 * "key value" lines to FILE, then quits. Nothing of this runs otherwise. */
#include "config.h"

#define G_LOG_DOMAIN "tf-bench-tour"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "tf-bench-tour.h"
#include "tf-board-view.h"
#include "tf-export-dialog.h"
#include "tf-export-dialog-private.h"
#include "room/tf-bench-room.h"

/* Wheel notches a second while panning: a fast wheel, a touchpad's rate. */
#define PAN_EVENTS_PER_S 120
#define PAN_SECONDS 3
/* Frames shown at each zoom level of the tour. */
#define FRAMES_PER_LEVEL 12
/* Past this, the tour gives up and says so. */
#define TOUR_TIMEOUT_S 300

typedef enum {
  STAGE_LAUNCH,
  STAGE_BOARD,
  STAGE_PAN_OVERVIEW,
  STAGE_PAN_DETAIL,
  STAGE_ZOOM,
  STAGE_ZOOM_RANDOM,
  STAGE_DIALOG,
  STAGE_PREVIEW,
  STAGE_DONE,
} Stage;

typedef struct {
  GtkWindow        *window;
  TfBoardView      *view;
  GtkEventController *scroll;
  GdkFrameClock    *clock;
  GtkWindow        *dialog;
  GString          *out;
  char             *path;
  gint64            board_id;
  Stage             stage;
  gulong            paint_id;
  gulong            before_paint_id;
  gint64            frame_cpu_start; /* the main thread's CPU time at before-paint */
  GArray           *frame_cpu;       /* each pan frame's, ms */
  gulong            dialog_paint_id;
  gulong            dialog_before_paint_id;
  gint64            dialog_cpu;       /* the main thread's CPU time at the dialog's last frame, µs */
  gint64            dialog_wait;      /* and its run-queue wait then */
  gint64            dialog_paint_cpu; /* the main thread's CPU time at the dialog's before-paint */
  gint64            longest_cpu;      /* the main thread's CPU time in the dialog's longest frame */
  gint64            dialog_paint_max; /* the dialog's costliest frame: its CPU, before- to after-paint */
  guint             dialog_long_frames; /* the dialog's frames over 50 ms */
  GRand            *phase;            /* when the random-phase jumps come */
  guint             timer;
  guint             frames;
  guint             events;
  gint64            start;
  gint64            start_cpu;
  gint64            last_paint;
  gint64            longest;
  gint64            zoom_start;
  gint64            paint_start;     /* monotonic µs at before-paint */
  gint64            paint_wait_start; /* the main thread's run-queue wait then, µs */
  gint64            layout_cpu;      /* the main thread's CPU time after GTK's layout, µs */
  gint64            render_cpu;      /* and after GTK's paint (snapshot and render), µs */
  gulong            layout_id;
  gulong            render_id;
  guint             level;
  GArray           *zoom_ms;
  GArray           *zoom_wait_ms;    /* from the jump to its frame's before-paint */
  GArray           *zoom_paint_ms;   /* that frame, before-paint to after-paint */
  GArray           *zoom_cpu_ms;     /* the main thread's CPU time in it */
  guint             long_frames;     /* frames over 50 ms, all stages */
} Tour;

static void tour_next (Tour *tour);

/* Zoom levels of the tour, in screen pixels per board unit: far, notes
 * with one line, full detail, close up, then back out. */
static const double zoom_levels[] = { 0.12, 0.3, 0.6, 1.2, 0.45, 0.8 };

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "\nVmRSS:");
  return line ? g_ascii_strtod (line + strlen ("\nVmRSS:"), NULL) / 1024.0 : 0;
}

/* The process's CPU time (every thread: GTK's, the GL driver's), µs. */
static gint64
cpu_us (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

/* The calling thread's CPU time, µs: a frame's own work, whatever else
 * the machine runs meanwhile. */
gint64
tf_bench_thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* How long the calling thread has waited for a CPU while runnable, µs
 * (/proc/thread-self/schedstat; 0 where there is none): on a loaded
 * machine, what a frame lost to other processes. */
static gint64
thread_run_wait_us (void)
{
  g_autofree char *stat = NULL;
  char *end;
  guint64 wait_ns;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &stat, NULL, NULL))
    return 0;
  g_ascii_strtoull (stat, &end, 10);
  wait_ns = g_ascii_strtoull (end, NULL, 10);
  return (gint64) (wait_ns / 1000);
}

/* Connected after GTK's own handlers: these run once GTK has laid the
 * window out, and once it has drawn it. */
static void
on_layout_done (GdkFrameClock *clock,
                Tour          *tour)
{
  tour->layout_cpu = tf_bench_thread_cpu_us ();
}

static void
on_paint_done (GdkFrameClock *clock,
               Tour          *tour)
{
  tour->render_cpu = tf_bench_thread_cpu_us ();
}

static void
on_before_paint (GdkFrameClock *clock,
                 Tour          *tour)
{
  tour->frame_cpu_start = tf_bench_thread_cpu_us ();
  tour->layout_cpu = tour->render_cpu = 0;
  tour->paint_wait_start = thread_run_wait_us ();
  tour->paint_start = g_get_monotonic_time ();
}

static void
tour_write (Tour       *tour,
            const char *key,
            double      value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (tour->out, "%s %s\n", key,
                          g_ascii_formatd (number, sizeof number, "%.3f", value));
}

static void
tour_finish (Tour       *tour,
             const char *failure)
{
  g_autoptr(GError) error = NULL;

  if (failure != NULL)
    g_string_append_printf (tour->out, "error %s\n", failure);
  g_clear_handle_id (&tour->timer, g_source_remove);
  if (tour->clock != NULL && tour->paint_id != 0)
    g_clear_signal_handler (&tour->paint_id, tour->clock);
  if (tour->clock != NULL && tour->before_paint_id != 0)
    g_clear_signal_handler (&tour->before_paint_id, tour->clock);
  if (tour->clock != NULL && tour->layout_id != 0)
    g_clear_signal_handler (&tour->layout_id, tour->clock);
  if (tour->clock != NULL && tour->render_id != 0)
    g_clear_signal_handler (&tour->render_id, tour->clock);
  if (!g_file_set_contents (tour->path, tour->out->str, tour->out->len, &error))
    g_warning ("Cannot write %s: %s", tour->path, error->message);
  tour->stage = STAGE_DONE;
  g_application_quit (g_application_get_default ());
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkEventController *
find_scroll_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        return controller;
    }
  return NULL;
}

/* A wheel notch, as the view's scroll controller hands it on. */
static void
send_wheel (Tour   *tour,
            double  dx,
            double  dy)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (tour->scroll, "scroll", dx, dy, &handled);
  tour->events++;
}

static void
on_after_paint (GdkFrameClock *clock,
                Tour          *tour)
{
  gint64 now = g_get_monotonic_time ();
  /* This frame's own CPU time, ms (0 when its before-paint was missed). */
  double frame_cpu = tour->frame_cpu_start != 0 ? (tf_bench_thread_cpu_us () - tour->frame_cpu_start) / 1000.0 : 0;
  /* Of which GTK's layout, and its drawing (snapshot and render), when
   * this frame had them. */
  double layout_cpu = tour->frame_cpu_start != 0 && tour->layout_cpu != 0 ?
                      (tour->layout_cpu - tour->frame_cpu_start) / 1000.0 : 0;
  double draw_cpu = tour->render_cpu != 0 ?
                    (tour->render_cpu - (tour->layout_cpu != 0 ? tour->layout_cpu : tour->frame_cpu_start)) / 1000.0 : 0;
  double cpu_wait = tour->paint_start != 0 ? (thread_run_wait_us () - tour->paint_wait_start) / 1000.0 : 0;

  if (tour->last_paint != 0)
    tour->longest = MAX (tour->longest, now - tour->last_paint);
  if (tour->last_paint != 0 && now - tour->last_paint > 50 * G_TIME_SPAN_MILLISECOND &&
      (tour->stage == STAGE_PAN_OVERVIEW || tour->stage == STAGE_PAN_DETAIL || tour->stage == STAGE_ZOOM ||
       tour->stage == STAGE_ZOOM_RANDOM))
    {
      /* Which frames are long, and where: on stderr, for whoever runs the tour. */
      g_printerr ("tf-bench-tour: stage %d, frame %u: %.1f ms since the last frame, %.1f ms painting "
                  "(%.1f ms of CPU: layout %.1f, drawing %.1f; %.1f ms waiting for a CPU)\n",
                  tour->stage, tour->frames, (now - tour->last_paint) / 1000.0,
                  tour->paint_start != 0 ? (now - tour->paint_start) / 1000.0 : 0.0,
                  frame_cpu, layout_cpu, draw_cpu, cpu_wait);
      tour->long_frames++;
    }

  tour->last_paint = now;
  tour->frames++;
  if ((tour->stage == STAGE_PAN_OVERVIEW || tour->stage == STAGE_PAN_DETAIL) && tour->frame_cpu != NULL &&
      tour->frame_cpu_start != 0)
    g_array_append_val (tour->frame_cpu, frame_cpu);
  tour->frame_cpu_start = 0;

  switch (tour->stage)
    {
    case STAGE_LAUNCH:
      if (tour->frames >= 2)
        tour_next (tour);
      break;
    case STAGE_BOARD:
      if (tour->view != NULL && gtk_widget_get_mapped (GTK_WIDGET (tour->view)) && tour->frames >= 3)
        tour_next (tour);
      break;
    case STAGE_ZOOM:
    case STAGE_ZOOM_RANDOM:
      if (tour->zoom_start != 0)
        {
          double ms = (now - tour->zoom_start) / 1000.0;
          double wait = tour->paint_start > tour->zoom_start ? (tour->paint_start - tour->zoom_start) / 1000.0 : 0;
          double paint = tour->paint_start > tour->zoom_start ? (now - tour->paint_start) / 1000.0 : ms;
          double cpu = frame_cpu;

          g_array_append_val (tour->zoom_ms, ms);
          g_array_append_val (tour->zoom_wait_ms, wait);
          g_array_append_val (tour->zoom_paint_ms, paint);
          g_array_append_val (tour->zoom_cpu_ms, cpu);
          g_printerr ("tf-bench-tour: %szoom %g: first frame %.1f ms (%.1f waiting for the frame clock, %.1f painting, "
                      "%.1f of CPU: layout %.1f, drawing %.1f; %.1f waiting for a CPU)\n",
                      tour->stage == STAGE_ZOOM_RANDOM ? "random-phase " : "", zoom_levels[tour->level],
                      ms, wait, paint, cpu, layout_cpu, draw_cpu, cpu_wait);
          tour->zoom_start = 0;
        }
      /* Frames keep coming while a random-phase jump waits for its time. */
      if (tour->frames >= FRAMES_PER_LEVEL && !(tour->stage == STAGE_ZOOM_RANDOM && tour->timer != 0))
        tour_next (tour);
      if (tour->stage == STAGE_ZOOM || tour->stage == STAGE_ZOOM_RANDOM)
        gtk_widget_queue_draw (GTK_WIDGET (tour->view));
      break;
    default:
      break;
    }
}

int
tf_bench_compare_doubles (gconstpointer a,
                          gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static gboolean
on_pan_tick (gpointer user_data)
{
  Tour *tour = user_data;
  double elapsed = (g_get_monotonic_time () - tour->start) / 1e6;
  /* Right, down, left, up: a square, back where it started. */
  int side = (int) (elapsed * 4 / PAN_SECONDS) % 4;
  static const double steps[4][2] = { { 1, 0 }, { 0, 1 }, { -1, 0 }, { 0, -1 } };

  if (elapsed >= PAN_SECONDS)
    {
      double fps = tour->frames / elapsed;
      gboolean detail = tour->stage == STAGE_PAN_DETAIL;

      tour->timer = 0;
      tour_write (tour, detail ? "pan_fps" : "pan_fps_overview", fps);
      tour_write (tour, detail ? "pan_longest_frame_ms" : "pan_overview_longest_frame_ms", tour->longest / 1000.0);
      tour_write (tour, detail ? "pan_events" : "pan_overview_events", tour->events);
      /* What a frame costs the main thread from before-paint to after-paint
       * (median), and the process all told (every thread, between frames
       * too), whatever else runs on the machine. */
      g_array_sort (tour->frame_cpu, tf_bench_compare_doubles);
      tour_write (tour, detail ? "pan_frame_cpu_ms" : "pan_overview_frame_cpu_ms",
                  tour->frame_cpu->len > 0 ? g_array_index (tour->frame_cpu, double, tour->frame_cpu->len / 2) : 0);
      tour_write (tour, detail ? "pan_cpu_ms_per_frame" : "pan_overview_cpu_ms_per_frame",
                  tour->frames > 0 ? (cpu_us () - tour->start_cpu) / 1000.0 / tour->frames : 0);
      tour_write (tour, detail ? "rss_pan" : "rss_pan_overview", rss_mb ());
      tour_next (tour);
      return G_SOURCE_REMOVE;
    }
  send_wheel (tour, steps[side][0], steps[side][1]);
  return G_SOURCE_CONTINUE;
}

static void
start_pan (Tour *tour)
{
  tour->frames = 0;
  tour->events = 0;
  tour->longest = 0;
  tour->last_paint = 0;
  tour->start = g_get_monotonic_time ();
  tour->start_cpu = cpu_us ();
  if (tour->frame_cpu == NULL)
    tour->frame_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_set_size (tour->frame_cpu, 0);
  tour->timer = g_timeout_add (1000 / PAN_EVENTS_PER_S, on_pan_tick, tour);
}


static void
zoom_to_level (Tour *tour)
{
  int width = gtk_widget_get_width (GTK_WIDGET (tour->view));
  int height = gtk_widget_get_height (GTK_WIDGET (tour->view));

  tour->frames = 0;
  tour->zoom_start = g_get_monotonic_time ();
  /* Around a point that moves, so each level shows new notes. */
  if (tour->stage == STAGE_ZOOM_RANDOM)
    tf_board_view_zoom_at (tour->view, zoom_levels[tour->level],
                           width * (0.72 - 0.08 * tour->level), height * (0.65 - 0.05 * tour->level));
  else
    tf_board_view_zoom_at (tour->view, zoom_levels[tour->level],
                           width * (0.3 + 0.08 * tour->level), height * (0.35 + 0.05 * tour->level));
}

/* A jump at a random moment of the frame, as a user's wheel comes: the
 * frame clock's wait before the next frame is then whatever is left of
 * the frame in progress, not a whole frame. */
static gboolean
zoom_at_random_phase (gpointer user_data)
{
  Tour *tour = user_data;

  tour->timer = 0;
  zoom_to_level (tour);
  return G_SOURCE_REMOVE;
}

static void
schedule_random_zoom (Tour *tour)
{
  /* Whole milliseconds over one 60 Hz frame; the same phases each run. */
  tour->timer = g_timeout_add (g_rand_int_range (tour->phase, 0, 17), zoom_at_random_phase, tour);
}

/* The medians and worst of a set of zoom jumps, under @prefix. */
static void tour_write (Tour *tour, const char *key, double value);

static void
write_zoom_figures (Tour       *tour,
                    const char *prefix)
{
  g_autofree char *ms = g_strconcat (prefix, "_ms", NULL);
  g_autofree char *max = g_strconcat (prefix, "_max_ms", NULL);
  g_autofree char *paint = g_strconcat (prefix, "_paint_ms", NULL);
  g_autofree char *paint_max = g_strconcat (prefix, "_paint_max_ms", NULL);
  g_autofree char *wait = g_strconcat (prefix, "_wait_ms", NULL);
  g_autofree char *cpu = g_strconcat (prefix, "_cpu_ms", NULL);

  g_array_sort (tour->zoom_ms, tf_bench_compare_doubles);
  g_array_sort (tour->zoom_wait_ms, tf_bench_compare_doubles);
  g_array_sort (tour->zoom_paint_ms, tf_bench_compare_doubles);
  g_array_sort (tour->zoom_cpu_ms, tf_bench_compare_doubles);
  if (tour->zoom_ms->len == 0 || tour->zoom_paint_ms->len == 0)
    return;
  tour_write (tour, ms, g_array_index (tour->zoom_ms, double, tour->zoom_ms->len / 2));
  tour_write (tour, max, g_array_index (tour->zoom_ms, double, tour->zoom_ms->len - 1));
  /* The first frame's own work, and the wait for the frame clock's next
   * tick before it. */
  tour_write (tour, paint, g_array_index (tour->zoom_paint_ms, double, tour->zoom_paint_ms->len / 2));
  tour_write (tour, paint_max, g_array_index (tour->zoom_paint_ms, double, tour->zoom_paint_ms->len - 1));
  tour_write (tour, wait, g_array_index (tour->zoom_wait_ms, double, tour->zoom_wait_ms->len / 2));
  tour_write (tour, cpu, g_array_index (tour->zoom_cpu_ms, double, tour->zoom_cpu_ms->len / 2));
  g_array_set_size (tour->zoom_ms, 0);
  g_array_set_size (tour->zoom_wait_ms, 0);
  g_array_set_size (tour->zoom_paint_ms, 0);
  g_array_set_size (tour->zoom_cpu_ms, 0);
}


static void
on_dialog_before_paint (GdkFrameClock *clock,
                        Tour          *tour)
{
  tour->dialog_paint_cpu = tf_bench_thread_cpu_us ();
}

static void
on_dialog_paint (GdkFrameClock *clock,
                 Tour          *tour)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = tf_bench_thread_cpu_us (), wait = thread_run_wait_us ();

  if (tour->dialog_paint_cpu != 0)
    tour->dialog_paint_max = MAX (tour->dialog_paint_max, cpu - tour->dialog_paint_cpu);
  if (tour->last_paint != 0 && now - tour->last_paint > tour->longest)
    {
      tour->longest = now - tour->last_paint;
      /* What the main thread itself did meanwhile, whatever else ran. */
      tour->longest_cpu = cpu - tour->dialog_cpu;
    }
  if (tour->last_paint != 0 && now - tour->last_paint > 50 * G_TIME_SPAN_MILLISECOND)
    {
      g_printerr ("tf-bench-tour: export dialog, %.1f ms after Ctrl+P: %.1f ms since its last frame "
                  "(the main thread's CPU %.1f ms, of which this frame %.1f; %.1f ms waiting for a CPU)\n",
                  (now - tour->start) / 1000.0, (now - tour->last_paint) / 1000.0,
                  (cpu - tour->dialog_cpu) / 1000.0,
                  tour->dialog_paint_cpu != 0 ? (cpu - tour->dialog_paint_cpu) / 1000.0 : 0.0,
                  (wait - tour->dialog_wait) / 1000.0);
      tour->dialog_long_frames++;
    }
  tour->dialog_cpu = cpu;
  tour->dialog_wait = wait;
  tour->dialog_paint_cpu = 0;
  tour->last_paint = now;
  if (tour->stage == STAGE_DIALOG)
    {
      tour_write (tour, "dialog_open_ms", (now - tour->start) / 1000.0);
      tour_write (tour, "rss_dialog", rss_mb ());
      tour->stage = STAGE_PREVIEW;
    }
}

static gboolean
on_dialog_poll (gpointer user_data)
{
  Tour *tour = user_data;
  gint64 now = g_get_monotonic_time ();

  if (tour->dialog == NULL)
    {
      g_autoptr(GListModel) toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels) && tour->dialog == NULL; i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (TF_IS_EXPORT_DIALOG (window))
            tour->dialog = window;
        }
    }
  if (tour->dialog != NULL && tour->dialog_paint_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (tour->dialog)))
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (tour->dialog));

      tour->dialog_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_dialog_paint), tour);
      tour->dialog_before_paint_id = g_signal_connect (clock, "before-paint", G_CALLBACK (on_dialog_before_paint), tour);
      gtk_widget_queue_draw (GTK_WIDGET (tour->dialog));
    }
  if (tour->stage == STAGE_PREVIEW && tour->dialog != NULL &&
      tf_export_dialog_get_preview_pages (TF_EXPORT_DIALOG (tour->dialog)) > 0)
    {
      tour_write (tour, "preview_first_page_ms", (now - tour->start) / 1000.0);
      tour_write (tour, "rss_preview", rss_mb ());
      tour_write (tour, "dialog_longest_frame_ms", tour->longest / 1000.0);
      tour_write (tour, "dialog_longest_frame_cpu_ms", tour->longest_cpu / 1000.0);
      tour_write (tour, "dialog_frame_cpu_max_ms", tour->dialog_paint_max / 1000.0);
      tour_write (tour, "dialog_long_frames", tour->dialog_long_frames);
      g_clear_signal_handler (&tour->dialog_paint_id, gtk_widget_get_frame_clock (GTK_WIDGET (tour->dialog)));
      g_clear_signal_handler (&tour->dialog_before_paint_id, gtk_widget_get_frame_clock (GTK_WIDGET (tour->dialog)));
      tour->timer = 0;
      tour_finish (tour, NULL);
      return G_SOURCE_REMOVE;
    }
  if (now - tour->start > TOUR_TIMEOUT_S * G_USEC_PER_SEC)
    {
      tour->timer = 0;
      tour_finish (tour, "the export dialog showed no preview in time");
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
tour_next (Tour *tour)
{
  switch (tour->stage)
    {
    case STAGE_LAUNCH:
      tour_write (tour, "rss_launch", rss_mb ());
      tour->stage = STAGE_BOARD;
      tour->frames = 0;
      gtk_widget_activate_action (GTK_WIDGET (tour->window), "win.open-board", "x", tour->board_id);
      tour->view = TF_BOARD_VIEW (find_widget (GTK_WIDGET (tour->window), TF_TYPE_BOARD_VIEW));
      if (tour->view == NULL || tf_board_view_get_board_id (tour->view) != tour->board_id)
        {
          tour_finish (tour, "the board did not open");
          return;
        }
      tour->scroll = find_scroll_controller (GTK_WIDGET (tour->view));
      gtk_widget_queue_draw (GTK_WIDGET (tour->view));
      break;

    case STAGE_BOARD:
      tour_write (tour, "rss_board", rss_mb ());
      tour_write (tour, "fit_zoom", tf_board_view_get_zoom (tour->view));
      tour_write (tour, "view_width", gtk_widget_get_width (GTK_WIDGET (tour->view)));
      tour_write (tour, "view_height", gtk_widget_get_height (GTK_WIDGET (tour->view)));
      if (tour->scroll == NULL)
        {
          tour_finish (tour, "the board view has no scroll controller");
          return;
        }
      tour->stage = STAGE_PAN_OVERVIEW;
      start_pan (tour);
      break;

    case STAGE_PAN_OVERVIEW:
      /* Notes of 120 px, their whole text drawn. */
      tf_board_view_set_zoom (tour->view, 0.6);
      tour->stage = STAGE_PAN_DETAIL;
      start_pan (tour);
      break;

    case STAGE_PAN_DETAIL:
      tour->stage = STAGE_ZOOM;
      tour->level = 0;
      tour->zoom_ms = g_array_new (FALSE, FALSE, sizeof (double));
      tour->zoom_wait_ms = g_array_new (FALSE, FALSE, sizeof (double));
      tour->zoom_paint_ms = g_array_new (FALSE, FALSE, sizeof (double));
      tour->zoom_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
      zoom_to_level (tour);
      break;

    case STAGE_ZOOM:
      if (++tour->level < G_N_ELEMENTS (zoom_levels))
        {
          zoom_to_level (tour);
          break;
        }
      /* Jumps right after a frame: the wait for the frame clock's next
       * tick is a whole frame. */
      write_zoom_figures (tour, "first_frame_after_zoom");
      /* The same levels elsewhere on the wall, each jump at a random
       * moment of the frame (frames keep coming meanwhile), as a wheel. */
      tour->stage = STAGE_ZOOM_RANDOM;
      tour->level = 0;
      tour->phase = g_rand_new_with_seed (18);
      schedule_random_zoom (tour);
      break;

    case STAGE_ZOOM_RANDOM:
      if (++tour->level < G_N_ELEMENTS (zoom_levels))
        {
          schedule_random_zoom (tour);
          break;
        }
      write_zoom_figures (tour, "zoom_random_phase");
      g_clear_pointer (&tour->phase, g_rand_free);
      g_clear_pointer (&tour->zoom_ms, g_array_unref);
      g_clear_pointer (&tour->zoom_wait_ms, g_array_unref);
      g_clear_pointer (&tour->zoom_paint_ms, g_array_unref);
      g_clear_pointer (&tour->zoom_cpu_ms, g_array_unref);
      tour_write (tour, "rss_tour", rss_mb ());
      /* Gaps over 50 ms between the view's frames, pans and zooms. */
      tour_write (tour, "long_frames", tour->long_frames);
      g_clear_signal_handler (&tour->paint_id, tour->clock);
      /* The export dialog, as Ctrl+P opens it: timed from the keypress to
       * the dialog's first frame, then to its first preview page. */
      tour->stage = STAGE_DIALOG;
      tour->longest = 0;
      tour->last_paint = 0;
      tour->start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (tour->view), "board.print", NULL);
      /* The dialog maps as the action returns: its frames are counted from
       * its first, whatever the main loop does first. */
      on_dialog_poll (tour);
      tour->timer = g_timeout_add (2, on_dialog_poll, tour);
      break;

    default:
      break;
    }
}

static gboolean
on_start_poll (gpointer user_data)
{
  Tour *tour = user_data;

  if (!gtk_widget_get_mapped (GTK_WIDGET (tour->window)))
    return G_SOURCE_CONTINUE;
  tour->timer = 0;
  tour->clock = gtk_widget_get_frame_clock (GTK_WIDGET (tour->window));
  tour->paint_id = g_signal_connect (tour->clock, "after-paint", G_CALLBACK (on_after_paint), tour);
  tour->before_paint_id = g_signal_connect (tour->clock, "before-paint", G_CALLBACK (on_before_paint), tour);
  tour->layout_id = g_signal_connect (tour->clock, "layout", G_CALLBACK (on_layout_done), tour);
  tour->render_id = g_signal_connect (tour->clock, "paint", G_CALLBACK (on_paint_done), tour);
  gtk_widget_queue_draw (GTK_WIDGET (tour->window));
  return G_SOURCE_REMOVE;
}

void
tf_bench_tour_start (GtkWindow *window)
{
  const char *path = g_getenv ("TRANSFO_BENCH_TOUR");
  const char *board = g_getenv ("TRANSFO_BENCH_BOARD");
  /* Kept here, so leak checkers see the tour is still in use. */
  static Tour *current;
  Tour *tour;

  if (path == NULL || *path == '\0')
    return;
  /* transfo-bench --room-edit: the room's two windows instead. */
  if (tf_bench_room_start (window))
    return;

  /* Lives until the process ends (the tour quits the application). */
  if (current != NULL)
    return;
  tour = current = g_new0 (Tour, 1);
  tour->window = window;
  tour->path = g_strdup (path);
  tour->out = g_string_new (NULL);
  tour->board_id = board ? g_ascii_strtoll (board, NULL, 10) : 1;
  tour->stage = STAGE_LAUNCH;
  /* The whole 1920×1080 screen of transfo-bench's Xvfb, whatever size
   * the window had last. */
  gtk_window_set_default_size (window, 1920, 1080);
  tour->timer = g_timeout_add (5, on_start_poll, tour);
}
