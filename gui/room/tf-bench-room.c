/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The room's two windows while the facilitator edits, measured for
 * transfo-bench --room-edit (room_edit_frame).
 *
 * With TRANSFO_BENCH_TOUR=FILE and TRANSFO_BENCH_ROOM=EXPERIMENT in the
 * environment, once the main window has drawn it opens the experiment and
 * its board TRANSFO_BENCH_BOARD, starts the session (win.present, as F5 does), puts the presenter's
 * controls in a window of their own (tf_room_session_set_presenter_window:
 * Xvfb has one monitor), and once both windows have drawn, edits the note
 * in the middle of the step as the facilitator would: its text typed a
 * character at a time, then the note moved a few units at a time, each
 * edit one command through the window's history (the edit the board's
 * editor commits). Each edit must reach both windows: the audience view
 * and the presenter's current view show the note.
 *
 * Measured: each window's frames over the edits, from its frame clock's
 * before-paint to its after-paint (wall, and the main thread's CPU time),
 * and for each edit the main thread's CPU and wall time from the command
 * to the frame of both windows showing it. Writes "key value" lines to
 * FILE, then quits. Nothing of this runs otherwise.
 *
 * With TRANSFO_BENCH_PHONES=N too (transfo-bench --room-phones,
 * room_phones_frame), no edit: the room opens on 127.0.0.1 and N phones,
 * each a thread with its own loopback address (127.0.0.10 on) speaking
 * HTTP to the real server over real sockets, send 10 insights each, one
 * every TRANSFO_BENCH_PHONES_GAP_MS (2000) after a staggered start, while
 * the windows' frames are measured until every insight is in the
 * facilitator's queue. */
#include "config.h"

#define G_LOG_DOMAIN "tf-bench-room"

#include <string.h>

#include "canvas/tf-item-commands.h"
#include "gui/tf-bench-tour.h"
#include "gui/tf-window.h"
#include "tf-bench-room.h"
#include "tf-room-phones.h"
#include "tf-room-session.h"

/* Keystrokes typed into the note, then moves of the note. */
#define N_TYPED 40
#define N_MOVES 40
/* Between two edits: a fast typist, a drag's steady pace. */
#define EDIT_GAP_MS 40
/* Past this, the bench gives up and says so. */
#define ROOM_TIMEOUT_S 180

typedef struct {
  GdkFrameClock *clock;
  gulong         before_id, after_id;
  gint64         before_wall, before_cpu;
  GArray        *wall, *cpu;   /* each frame's, ms, while editing */
  guint          frames;
  gboolean       shown;        /* drew after the last edit */
} Clock;

typedef struct {
  GtkWindow     *window;
  TfRoomSession *session;
  char          *path;
  GString       *out;
  gint64         experiment_id;
  gint64         board_id;
  gint64         note;
  char          *text;
  Clock          clocks[2];    /* the audience's, the presenter's */
  gboolean       editing;
  guint          edits;
  gint64         edit_wall, edit_cpu;
  GArray        *edit_wall_ms, *edit_cpu_ms;
  guint          timer;
  gint64         start;
  /* --room-phones */
  guint          n_phones;
  guint          gap_ms;
  GPtrArray     *threads;
  guint16        port;
  char          *base;         /* the URL's path: /t/TOKEN */
  gint           sent_ok, sent_failed;   /* atomics */
  gint64         phones_start;
  gint64         phones_first;   /* the first in the queue */
} Bench;

/* Insights a phone sends. */
#define PHONE_INSIGHTS 10

static void
write_figure (Bench      *bench,
              const char *key,
              double      value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (bench->out, "%s %s\n", key, g_ascii_formatd (number, sizeof number, "%.3f", value));
}

/* The median and the worst of @values under @prefix_median, @prefix_max. */
static void
write_spread (Bench      *bench,
              const char *name,
              GArray     *values)
{
  g_autofree char *median = g_strconcat (name, "_median_ms", NULL);
  g_autofree char *worst = g_strconcat (name, "_max_ms", NULL);

  g_array_sort (values, tf_bench_compare_doubles);
  write_figure (bench, median, values->len > 0 ? g_array_index (values, double, values->len / 2) : 0);
  write_figure (bench, worst, values->len > 0 ? g_array_index (values, double, values->len - 1) : 0);
}

static void
bench_finish (Bench      *bench,
              const char *failure)
{
  g_autoptr(GError) error = NULL;

  if (failure != NULL)
    g_string_append_printf (bench->out, "error %s\n", failure);
  g_clear_handle_id (&bench->timer, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (bench->clocks); i++)
    if (bench->clocks[i].clock != NULL)
      {
        g_clear_signal_handler (&bench->clocks[i].before_id, bench->clocks[i].clock);
        g_clear_signal_handler (&bench->clocks[i].after_id, bench->clocks[i].clock);
      }
  bench->editing = FALSE;
  if (!g_file_set_contents (bench->path, bench->out->str, bench->out->len, &error))
    g_warning ("Cannot write %s: %s", bench->path, error->message);
  if (bench->session != NULL)
    tf_room_session_end (bench->session);
  g_application_quit (g_application_get_default ());
}

/* Each window's frames: @prefix audience_frame…, presenter_frame… */
static void
write_clocks (Bench      *bench,
              const char *prefix)
{
  static const char * const names[] = { "audience", "presenter" };

  for (guint i = 0; i < G_N_ELEMENTS (bench->clocks); i++)
    {
      g_autofree char *wall = g_strconcat (prefix, names[i], "_frame", NULL);
      g_autofree char *cpu = g_strconcat (prefix, names[i], "_frame_cpu", NULL);
      g_autofree char *frames = g_strconcat (prefix, names[i], "_frames", NULL);

      write_figure (bench, frames, bench->clocks[i].wall->len);
      write_spread (bench, wall, bench->clocks[i].wall);
      write_spread (bench, cpu, bench->clocks[i].cpu);
    }
}

static void
write_results (Bench *bench)
{
  write_clocks (bench, "room_edit_");
  if (g_getenv ("TRANSFO_BENCH_FRAMES") != NULL)
    g_printerr ("# edits end at %" G_GINT64_FORMAT " us (monotonic)\n", g_get_monotonic_time ());
  write_figure (bench, "room_edit_edits", bench->edit_cpu_ms->len);
  write_spread (bench, "room_edit_frame", bench->edit_cpu_ms);
  write_spread (bench, "room_edit_frame_wall", bench->edit_wall_ms);
  bench_finish (bench, NULL);
}

static gboolean do_edit (gpointer user_data);
static void start_phones (Bench *bench);

static void
on_before_paint (GdkFrameClock *frame_clock,
                 Clock         *clock)
{
  clock->before_wall = g_get_monotonic_time ();
  clock->before_cpu = tf_bench_thread_cpu_us ();
}

static void
on_after_paint (GdkFrameClock *frame_clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time (), cpu = tf_bench_thread_cpu_us ();
  Clock *clock = frame_clock == bench->clocks[0].clock ? &bench->clocks[0] : &bench->clocks[1];

  clock->frames++;
  if (bench->editing && clock->before_wall != 0)
    {
      double wall = (now - clock->before_wall) / 1000.0, used = (cpu - clock->before_cpu) / 1000.0;

      g_array_append_val (clock->wall, wall);
      g_array_append_val (clock->cpu, used);
      if (g_getenv ("TRANSFO_BENCH_FRAMES") != NULL)
        g_printerr ("# %s frame: %.1f ms, %.1f ms of CPU, %u queued\n",
                    clock == &bench->clocks[0] ? "audience" : "presenter", wall, used,
                    bench->session != NULL ? tf_room_phones_get_n_waiting (tf_room_session_get_phones (bench->session)) : 0);
    }
  clock->before_wall = 0;
  if (!bench->editing || bench->edit_wall == 0)
    return;
  clock->shown = TRUE;
  if (bench->clocks[0].shown && bench->clocks[1].shown)
    {
      /* Both windows drew the edit: from the command to there. */
      double wall = (now - bench->edit_wall) / 1000.0, used = (cpu - bench->edit_cpu) / 1000.0;

      g_array_append_val (bench->edit_wall_ms, wall);
      g_array_append_val (bench->edit_cpu_ms, used);
      if (g_getenv ("TRANSFO_BENCH_FRAMES") != NULL)
        g_printerr ("# edit %u on both windows: %.1f ms, %.1f ms of CPU\n", bench->edits, wall, used);
      bench->edit_wall = 0;
      if (bench->edits >= N_TYPED + N_MOVES)
        write_results (bench);
      else
        bench->timer = g_timeout_add (EDIT_GAP_MS, do_edit, bench);
    }
}

static gboolean
do_edit (gpointer user_data)
{
  Bench *bench = user_data;
  TfHistory *history = tf_window_get_history (TF_WINDOW (bench->window));
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;

  bench->timer = 0;
  if (g_get_monotonic_time () - bench->start > ROOM_TIMEOUT_S * G_USEC_PER_SEC)
    {
      bench_finish (bench, "the edits did not all reach both windows in time");
      return G_SOURCE_REMOVE;
    }
  if (bench->edits < N_TYPED)
    {
      /* One more character at the end of the note's text. */
      g_autofree char *text = g_strdup_printf ("%s%c", bench->text, "the room reads it "[bench->edits % 18]);

      g_free (bench->text);
      bench->text = g_steal_pointer (&text);
      command = tf_command_set_item_text (bench->note, bench->text);
    }
  else
    {
      /* Right, then back: a slow drag of 12 units a step. */
      double dx = bench->edits - N_TYPED < N_MOVES / 2 ? 12 : -12;

      command = tf_command_move_items (&bench->note, 1, dx, 0);
    }
  bench->clocks[0].shown = bench->clocks[1].shown = FALSE;
  bench->edit_wall = g_get_monotonic_time ();
  bench->edit_cpu = tf_bench_thread_cpu_us ();
  bench->edits++;
  if (!tf_history_execute (history, command, &error))
    bench_finish (bench, error->message);
  else if (g_getenv ("TRANSFO_BENCH_FRAMES") != NULL)
    g_printerr ("# edit %u: the command %.1f ms, %.1f ms of CPU\n", bench->edits,
                (g_get_monotonic_time () - bench->edit_wall) / 1000.0, (tf_bench_thread_cpu_us () - bench->edit_cpu) / 1000.0);
  return G_SOURCE_REMOVE;
}

static void
watch_clock (Bench     *bench,
             Clock     *clock,
             GtkWindow *window)
{
  clock->clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  clock->wall = g_array_new (FALSE, FALSE, sizeof (double));
  clock->cpu = g_array_new (FALSE, FALSE, sizeof (double));
  clock->before_id = g_signal_connect (clock->clock, "before-paint", G_CALLBACK (on_before_paint), clock);
  clock->after_id = g_signal_connect (clock->clock, "after-paint", G_CALLBACK (on_after_paint), bench);
  gtk_widget_queue_draw (GTK_WIDGET (window));
}

/* Waits for both windows to be mapped and to have drawn, then edits. */
static gboolean
on_session_poll (gpointer user_data)
{
  Bench *bench = user_data;
  GtkWindow *audience, *presenter;

  if (g_get_monotonic_time () - bench->start > ROOM_TIMEOUT_S * G_USEC_PER_SEC)
    {
      bench->timer = 0;
      bench_finish (bench, "the session's windows did not show in time");
      return G_SOURCE_REMOVE;
    }
  audience = tf_room_session_get_audience (bench->session);
  presenter = tf_room_session_get_presenter (bench->session);
  if (presenter == NULL || !gtk_widget_get_mapped (GTK_WIDGET (audience)) ||
      !gtk_widget_get_mapped (GTK_WIDGET (presenter)))
    return G_SOURCE_CONTINUE;
  if (bench->clocks[0].clock == NULL)
    {
      if (gtk_widget_get_frame_clock (GTK_WIDGET (audience)) == gtk_widget_get_frame_clock (GTK_WIDGET (presenter)))
        {
          bench->timer = 0;
          bench_finish (bench, "the two windows share one frame clock");
          return G_SOURCE_REMOVE;
        }
      watch_clock (bench, &bench->clocks[0], audience);
      watch_clock (bench, &bench->clocks[1], presenter);
      return G_SOURCE_CONTINUE;
    }
  /* The step's camera has come and the first texts are in. */
  if (bench->clocks[0].frames < 10 || bench->clocks[1].frames < 10)
    {
      gtk_widget_queue_draw (GTK_WIDGET (audience));
      gtk_widget_queue_draw (GTK_WIDGET (presenter));
      return G_SOURCE_CONTINUE;
    }
  /* The step drawn whole first (its tiles, its texts): the figures are
   * the edits or the phones' insights, not the step's first drawing. */
  if (!tf_canvas_view_get_drawn_whole (tf_room_session_get_audience_view (bench->session)))
    {
      gtk_widget_queue_draw (GTK_WIDGET (audience));
      return G_SOURCE_CONTINUE;
    }
  if (bench->n_phones > 0)
    {
      bench->timer = 0;
      start_phones (bench);
      return G_SOURCE_REMOVE;
    }
  {
    TfCanvasView *view = tf_room_session_get_audience_view (bench->session);
    TfScene *scene = tf_canvas_view_get_scene (view);
    double x, y, zoom;
    TfItem *item;

    tf_room_session_get_camera (bench->session, &x, &y, &zoom);
    /* A note by the middle of the step (it may fall between notes). */
    if (scene != NULL)
      {
        g_autoptr(GPtrArray) items = g_ptr_array_new ();
        TfRect around = TF_RECT_INIT (x - 120, y - 120, 240, 240);

        tf_scene_query (scene, &around, items);
        item = items->len > 0 ? g_ptr_array_index (items, 0) : NULL;
      }
    else
      item = NULL;
    if (item == NULL)
      {
        bench->timer = 0;
        bench_finish (bench, "no note in the middle of the step");
        return G_SOURCE_REMOVE;
      }
    bench->note = item->id;
    bench->text = g_strdup (item->text != NULL ? item->text : "");
    write_figure (bench, "room_edit_zoom", zoom);
  }
  bench->timer = 0;
  bench->editing = TRUE;
  if (g_getenv ("TRANSFO_BENCH_FRAMES") != NULL)
    g_printerr ("# edits start at %" G_GINT64_FORMAT " us (monotonic)\n", g_get_monotonic_time ());
  do_edit (bench);
  return G_SOURCE_REMOVE;
}

typedef struct {
  Bench *bench;
  guint  phone;
} Phone;

/* One phone: its own source address, one connection a request, as a
 * phone's browser posting the page's form. */
static gpointer
phone_run (gpointer data)
{
  Phone *phone = data;
  Bench *bench = phone->bench;
  g_autofree char *source = g_strdup_printf ("127.0.0.%u", 10 + phone->phone % 240);
  g_autoptr(GInetAddress) from = g_inet_address_new_from_string (source);
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new (from, 0);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) server = g_inet_socket_address_new (loopback, bench->port);

  /* Staggered: the phones do not all start on the same millisecond. */
  g_usleep ((gulong) (phone->phone * bench->gap_ms * 1000 / MAX (1, bench->n_phones)));
  for (guint i = 0; i < PHONE_INSIGHTS; i++)
    {
      g_autoptr(GSocketClient) client = g_socket_client_new ();
      g_autoptr(GSocketConnection) connection = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *body = g_strdup_printf ("key=%08x%08x%016x&text=Phone+%u+insight+%u%%3A+"
                                               "the+counter+closes+at+noon+on+market+days",
                                               phone->phone, i, 0xb0b0u, phone->phone, i);
      g_autofree char *request = g_strdup_printf ("POST %s/insight HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                                                  "Content-Type: application/x-www-form-urlencoded\r\n"
                                                  "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                                                  bench->base, bench->port, strlen (body), body);
      char answer[64] = { 0 };
      gssize got = -1;

      g_socket_client_set_local_address (client, local);
      g_socket_client_set_timeout (client, 30);
      connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (server), NULL, &error);
      if (connection != NULL &&
          g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request,
                                     strlen (request), NULL, NULL, &error))
        got = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), answer,
                                   sizeof answer - 1, NULL, &error);
      /* "HTTP/1.1 2xx" or "3xx" (the page says "received"). */
      if (got >= 12 && (answer[9] == '2' || answer[9] == '3'))
        g_atomic_int_inc (&bench->sent_ok);
      else
        g_atomic_int_inc (&bench->sent_failed);
      if (connection != NULL)
        g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      g_usleep ((gulong) bench->gap_ms * 1000);
    }
  g_free (phone);
  return NULL;
}

static void
write_phones_results (Bench *bench)
{
  TfRoomPhones *phones = tf_room_session_get_phones (bench->session);

  bench->editing = FALSE;
  for (guint i = 0; i < bench->threads->len; i++)
    g_thread_join (g_ptr_array_index (bench->threads, i));
  g_ptr_array_set_size (bench->threads, 0);
  write_clocks (bench, "room_phones_");
  write_figure (bench, "room_phones_sent", g_atomic_int_get (&bench->sent_ok));
  write_figure (bench, "room_phones_refused", g_atomic_int_get (&bench->sent_failed));
  write_figure (bench, "room_phones_queued", tf_room_phones_get_n_waiting (phones));
  write_figure (bench, "room_phones_seconds", (g_get_monotonic_time () - bench->phones_start) / 1e6);
  bench_finish (bench, NULL);
}

/* Until every insight is in the queue (or every phone has given up). */
static gboolean
on_phones_poll (gpointer user_data)
{
  Bench *bench = user_data;
  TfRoomPhones *phones = tf_room_session_get_phones (bench->session);
  guint expected = bench->n_phones * PHONE_INSIGHTS;
  guint done = (guint) (g_atomic_int_get (&bench->sent_ok) + g_atomic_int_get (&bench->sent_failed));

  if (g_get_monotonic_time () - bench->start > ROOM_TIMEOUT_S * G_USEC_PER_SEC)
    {
      bench->timer = 0;
      bench_finish (bench, "the phones' insights did not all arrive in time");
      return G_SOURCE_REMOVE;
    }
  if (tf_room_phones_get_n_waiting (phones) >= expected ||
      (done >= expected && tf_room_phones_get_n_waiting (phones) >= (guint) g_atomic_int_get (&bench->sent_ok)))
    {
      bench->timer = 0;
      write_phones_results (bench);
      return G_SOURCE_REMOVE;
    }
  /* The presenter keeps drawing (its clocks tick) as in a session. */
  return G_SOURCE_CONTINUE;
}

static void
start_phones (Bench *bench)
{
  TfRoomPhones *phones = tf_room_session_get_phones (bench->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  if (!tf_room_phones_open (phones, "127.0.0.1", &error))
    {
      bench_finish (bench, error->message);
      return;
    }
  uri = g_uri_parse (tf_room_phones_get_url (phones), G_URI_FLAGS_NONE, &error);
  if (uri == NULL)
    {
      bench_finish (bench, error->message);
      return;
    }
  bench->port = (guint16) g_uri_get_port (uri);
  bench->base = g_strdup (g_uri_get_path (uri));
  bench->threads = g_ptr_array_new ();
  bench->editing = TRUE;
  bench->phones_start = g_get_monotonic_time ();
  for (guint i = 0; i < bench->n_phones; i++)
    {
      Phone *phone = g_new0 (Phone, 1);

      phone->bench = bench;
      phone->phone = i;
      g_ptr_array_add (bench->threads, g_thread_new ("phone", phone_run, phone));
    }
  bench->timer = g_timeout_add (50, on_phones_poll, bench);
}

static gboolean
on_start_poll (gpointer user_data)
{
  Bench *bench = user_data;

  if (!gtk_widget_get_mapped (GTK_WIDGET (bench->window)))
    return G_SOURCE_CONTINUE;
  bench->timer = 0;
  if (!tf_window_show_experiment (TF_WINDOW (bench->window), bench->experiment_id))
    {
      bench_finish (bench, "the experiment did not open");
      return G_SOURCE_REMOVE;
    }
  gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.open-board", "x", bench->board_id);
  gtk_widget_activate_action (GTK_WIDGET (bench->window), "win.present", NULL);
  bench->session = tf_room_session_get_running ();
  if (bench->session == NULL)
    {
      bench_finish (bench, "the session did not start");
      return G_SOURCE_REMOVE;
    }
  tf_room_session_set_presenter_window (bench->session, TRUE);
  bench->timer = g_timeout_add (5, on_session_poll, bench);
  return G_SOURCE_REMOVE;
}

gboolean
tf_bench_room_start (GtkWindow *window)
{
  const char *path = g_getenv ("TRANSFO_BENCH_TOUR");
  const char *board = g_getenv ("TRANSFO_BENCH_BOARD");
  /* Kept here, so leak checkers see the bench is still in use. */
  static Bench *current;
  Bench *bench;

  if (path == NULL || *path == '\0' || g_getenv ("TRANSFO_BENCH_ROOM") == NULL || !TF_IS_WINDOW (window))
    return FALSE;
  if (current != NULL)
    return TRUE;
  /* Lives until the process ends (the bench quits the application). */
  bench = current = g_new0 (Bench, 1);
  bench->window = window;
  bench->path = g_strdup (path);
  bench->out = g_string_new (NULL);
  bench->board_id = board ? g_ascii_strtoll (board, NULL, 10) : 1;
  bench->experiment_id = g_ascii_strtoll (g_getenv ("TRANSFO_BENCH_ROOM"), NULL, 10);
  if (g_getenv ("TRANSFO_BENCH_PHONES") != NULL)
    {
      const char *gap = g_getenv ("TRANSFO_BENCH_PHONES_GAP_MS");

      bench->n_phones = (guint) CLAMP (g_ascii_strtoll (g_getenv ("TRANSFO_BENCH_PHONES"), NULL, 10), 1, 240);
      bench->gap_ms = gap != NULL ? (guint) CLAMP (g_ascii_strtoll (gap, NULL, 10), 0, 60000) : 2000;
    }
  bench->edit_wall_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->edit_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench->start = g_get_monotonic_time ();
  bench->timer = g_timeout_add (5, on_start_poll, bench);
  return TRUE;
}
