/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-decode"

#include <glib/gi18n.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tf-decode-pages.h"
#include "tf-decode-private.h"

/* Pages the helper may draw before it stops for its CPU time and is
 * started again; past that, it is not. */
#define MAX_RESTARTS 20

struct _TfDecodePages {
  GObject       parent_instance;

  GBytes       *pdf;
  int           max_width;
  int           max_height;
  GMainContext *context;     /* where signals are emitted */
  GCancellable *stop;        /* its descriptor wakes the thread's reads */
  gboolean      closed;      /* main thread only */

  int           wake[2];     /* a byte written: a page wanted, or closing */
  GMutex        lock;        /* guards what follows */
  GQueue        wanted;      /* pages (GINT_TO_POINTER (page + 1)), latest first */
  gboolean      closing;
  GPid          pid;
  guint         n_drawn;
};

G_DEFINE_FINAL_TYPE (TfDecodePages, tf_decode_pages, G_TYPE_OBJECT)

enum { OPENED, PAGE_DRAWN, FAILED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
tf_decode_pages_finalize (GObject *object)
{
  TfDecodePages *self = TF_DECODE_PAGES (object);

  g_bytes_unref (self->pdf);
  g_main_context_unref (self->context);
  g_object_unref (self->stop);
  g_queue_clear (&self->wanted);
  g_mutex_clear (&self->lock);
  close (self->wake[0]);
  close (self->wake[1]);
  G_OBJECT_CLASS (tf_decode_pages_parent_class)->finalize (object);
}

static void
tf_decode_pages_class_init (TfDecodePagesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tf_decode_pages_finalize;
  signals[OPENED] = g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                  NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[PAGE_DRAWN] = g_signal_new ("page-drawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                      NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_POINTER);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
tf_decode_pages_init (TfDecodePages *self)
{
  g_mutex_init (&self->lock);
  if (pipe2 (self->wake, O_CLOEXEC | O_NONBLOCK) != 0)
    g_error ("No pipe for the pages' helper: %s", g_strerror (errno));
  g_queue_init (&self->wanted);
  self->stop = g_cancellable_new ();
}

/* --- From the thread to the main context --- */

typedef struct {
  TfDecodePages   *self;
  guint            signal;
  int              value;     /* n_pages or the page */
  cairo_surface_t *surface;
  GError          *error;
} Post;

static gboolean
post_run (gpointer data)
{
  Post *post = data;

  if (!post->self->closed)
    {
      if (post->signal == OPENED)
        g_signal_emit (post->self, signals[OPENED], 0, post->value);
      else if (post->signal == PAGE_DRAWN)
        g_signal_emit (post->self, signals[PAGE_DRAWN], 0, post->value, post->surface);
      else
        g_signal_emit (post->self, signals[FAILED], 0, post->error);
    }
  return G_SOURCE_REMOVE;
}

static void
post_free (gpointer data)
{
  Post *post = data;

  g_object_unref (post->self);
  g_clear_pointer (&post->surface, cairo_surface_destroy);
  g_clear_error (&post->error);
  g_free (post);
}

static void
post (TfDecodePages   *self,
      guint            signal,
      int              value,
      cairo_surface_t *surface,
      GError          *error)
{
  Post *p = g_new0 (Post, 1);

  p->self = g_object_ref (self);
  p->signal = signal;
  p->value = value;
  p->surface = surface;
  p->error = error;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, post_run, p, post_free);
}

/* --- The thread: one helper at a time --- */

typedef struct {
  GPid pid;
  int  output;     /* its standard output */
  int  requests;   /* our end of its descriptor 3 */
} Helper;

static gboolean
helper_start (TfDecodePages  *self,
              Helper         *helper,
              GError        **error)
{
  g_autofree char *path = tf_decode_find_helper ();
  const char *argv[] = { path, "pages", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) local = NULL;
  GSpawnFlags flags = G_SPAWN_DO_NOT_REAP_CHILD;
  int pair[2];
  int input;
  gboolean started;

  if (path == NULL)
    {
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                   _("The picture cannot be read: the helper program %s is missing (reinstall Transfo)"),
                   TF_DECODE_NAME);
      return FALSE;
    }
  input = tf_decode_memfd_for (self->pdf);
  if (input < 0)
    {
      int saved = errno;

      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                   _("The picture could not be handed to its reader: %s"), g_strerror (saved));
      return FALSE;
    }
  /* A socket, not a pipe: sent with MSG_NOSIGNAL, a helper that died is
   * an error here, never a SIGPIPE. */
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
    {
      int saved = errno;

      close (input);
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                   _("The picture could not be handed to its reader: %s"), g_strerror (saved));
      return FALSE;
    }
#if TF_SANITIZED
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
#endif
  if (g_getenv ("TRANSFO_DECODE_DEBUG") == NULL)
    flags |= G_SPAWN_STDERR_TO_DEV_NULL;
  started = g_spawn_async_with_pipes_and_fds (NULL, argv, (const char * const *) envp, flags,
                                              tf_decode_limit_child, NULL, input, -1, -1,
                                              (const int[]) { pair[1] }, (const int[]) { TF_DECODE_PAGES_FD }, 1,
                                              &helper->pid, NULL, &helper->output, NULL, &local);
  close (input);
  close (pair[1]);
  if (!started)
    {
      close (pair[0]);
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                   _("The picture reader %s could not be started: %s"), TF_DECODE_NAME, local->message);
      return FALSE;
    }
  helper->requests = pair[0];
  g_mutex_lock (&self->lock);
  self->pid = helper->pid;
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/* Kills (or, if @kill_it is FALSE, lets end) and reaps the helper; its
 * wait status in @wait_status. */
static gboolean
helper_stop (TfDecodePages *self,
             Helper        *helper,
             gboolean       kill_it,
             int           *wait_status)
{
  gboolean in_time;

  g_mutex_lock (&self->lock);
  self->pid = 0;
  g_mutex_unlock (&self->lock);
  close (helper->requests);
  close (helper->output);
  in_time = tf_decode_reap (helper->pid, g_get_monotonic_time () + 2 * G_USEC_PER_SEC, kill_it, wait_status);
  g_spawn_close_pid (helper->pid);
  helper->pid = 0;
  return in_time;
}

/* Reads one answer: its header (checked against @options before anything
 * is allocated), its message, its pixels. 0 or an errno; *garbled when
 * what came cannot be believed. */
static int
read_answer (TfDecodePages          *self,
             Helper                 *helper,
             const TfDecodeOptions  *options,
             TfDecodeAnswer         *answer,
             cairo_surface_t       **surface,
             gboolean               *garbled)
{
  int cancel_fd = g_cancellable_get_fd (self->stop);
  gint64 deadline = g_get_monotonic_time () + (gint64) tf_decode_deadline_ms () * 1000;
  char message[TF_DECODE_MESSAGE_MAX];
  gssize got;
  int failure = 0;

  *surface = NULL;
  got = tf_decode_read_until (helper->output, cancel_fd, deadline, (guint8 *) answer, sizeof *answer);
  if (got < 0)
    failure = errno;
  else if (got != (gssize) sizeof *answer || !tf_decode_answer_valid (answer, options) ||
           (answer->status == TF_DECODE_STATUS_OK && answer->kind != TF_DECODE_KIND_PDF))
    *garbled = TRUE;
  if (failure == 0 && !*garbled)
    {
      got = tf_decode_read_until (helper->output, cancel_fd, deadline, (guint8 *) message, answer->message_len);
      if (got < 0)
        failure = errno;
      else if (got != answer->message_len)
        *garbled = TRUE;
      else if (answer->message_len > 0)
        g_debug ("%s pages: %.*s", TF_DECODE_NAME, (int) answer->message_len, message);
    }
  if (failure == 0 && !*garbled && answer->pixels_len > 0)
    {
      *surface = tf_decode_pixels_surface (answer->pix_width, answer->pix_height);
      if (*surface == NULL)
        failure = ENOMEM;
      else
        {
          got = tf_decode_read_until (helper->output, cancel_fd, deadline, cairo_image_surface_get_data (*surface),
                                      answer->pixels_len);
          if (got < 0)
            failure = errno;
          else if ((guint64) got != answer->pixels_len)
            *garbled = TRUE;
          cairo_surface_mark_dirty (*surface);
        }
    }
  g_cancellable_release_fd (self->stop);
  if (failure != 0 || *garbled)
    g_clear_pointer (surface, cairo_surface_destroy);
  return failure;
}

static gboolean
send_request (Helper *helper,
              int     page,
              int     max_width,
              int     max_height)
{
  TfDecodePageRequest request = { .page = page, .max_width = max_width, .max_height = max_height };
  const guint8 *p = (const guint8 *) &request;
  gsize left = sizeof request;

  memcpy (request.magic, TF_DECODE_PAGES_MAGIC, sizeof request.magic);
  while (left > 0)
    {
      ssize_t n = send (helper->requests, p, left, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      left -= (gsize) n;
    }
  return TRUE;
}

static void
wake_up (TfDecodePages *self)
{
  ssize_t n;

  do
    n = write (self->wake[1], "", 1);
  while (n < 0 && errno == EINTR);
  /* EAGAIN: the pipe is full of wake-ups already. */
}

/* The next page wanted, -1 when closing; while it waits, the helper is
 * watched: -2 if it ends (*garbled if it says something unasked). */
static int
next_page (TfDecodePages *self,
           Helper        *helper,
           gboolean      *garbled)
{
  for (;;)
    {
      struct pollfd fds[2] = { { self->wake[0], POLLIN, 0 }, { helper->output, POLLIN, 0 } };
      guint8 drain[64];
      int page = -1;
      gboolean found = FALSE;

      g_mutex_lock (&self->lock);
      if (self->closing)
        found = TRUE;
      else if (!g_queue_is_empty (&self->wanted))
        {
          page = GPOINTER_TO_INT (g_queue_pop_head (&self->wanted)) - 1;
          found = TRUE;
        }
      g_mutex_unlock (&self->lock);
      if (found)
        return page;
      if (poll (fds, 2, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          return -2;
        }
      if (fds[1].revents != 0)
        {
          ssize_t n = read (helper->output, drain, 1);

          *garbled = n > 0;
          return -2;
        }
      while (read (self->wake[0], drain, sizeof drain) > 0)
        ;
    }
}

static gboolean
closing (TfDecodePages *self)
{
  gboolean closing;

  g_mutex_lock (&self->lock);
  closing = self->closing;
  g_mutex_unlock (&self->lock);
  return closing;
}

static gpointer
serve (gpointer data)
{
  g_autoptr(TfDecodePages) self = data;
  const TfDecodeOptions open_options = { 0 };
  guint restarts = 0;
  int retry = -1;   /* the page the helper stopped on, asked once more */
  gboolean opened = FALSE;

  for (;;)
    {
      Helper helper = { 0 };
      TfDecodeAnswer answer = { 0 };
      cairo_surface_t *surface = NULL;
      GError *error = NULL;
      gboolean garbled = FALSE, killed;
      guint drawn = 0;
      int failure, wait_status = 0, page = -1;
      gboolean in_time;

      if (!helper_start (self, &helper, &error))
        {
          post (self, FAILED, 0, NULL, error);
          return NULL;
        }
      failure = read_answer (self, &helper, &open_options, &answer, &surface, &garbled);
      if (failure == 0 && !garbled)
        {
          if (answer.status != TF_DECODE_STATUS_OK)
            {
              tf_decode_set_user_error (&error, &answer, NULL);
              helper_stop (self, &helper, TRUE, &wait_status);
              post (self, FAILED, 0, NULL, error);
              return NULL;
            }
          if (!opened)
            post (self, OPENED, answer.n_pages, NULL, NULL);
          opened = TRUE;
        }
      while (failure == 0 && !garbled)
        {
          TfDecodeOptions options = { TF_DECODE_WANT_PIXELS, 0, self->max_width, self->max_height };

          page = retry >= 0 ? retry : next_page (self, &helper, &garbled);
          retry = -1;
          if (page == -2)
            {
              /* Gone or talking out of turn while nothing was asked. */
              failure = garbled ? 0 : EPIPE;
              page = -1;
              break;
            }
          if (page < 0)
            break;
          options.page = page;
          if (!send_request (&helper, page, self->max_width, self->max_height))
            {
              failure = EPIPE;
              break;
            }
          failure = read_answer (self, &helper, &options, &answer, &surface, &garbled);
          if (failure != 0 || garbled)
            break;
          if (surface != NULL)
            {
              drawn++;
              g_mutex_lock (&self->lock);
              self->n_drawn++;
              g_mutex_unlock (&self->lock);
            }
          post (self, PAGE_DRAWN, page, surface, NULL);
          page = -1;
        }

      killed = failure != 0 || garbled;
      in_time = helper_stop (self, &helper, killed, &wait_status);
      if (closing (self) || failure == ECANCELED)
        return NULL;
      /* Out of CPU time after some work: a fresh helper goes on. */
      if (WIFSIGNALED (wait_status) && WTERMSIG (wait_status) == SIGXCPU && drawn > 0 &&
          restarts < MAX_RESTARTS)
        {
          g_debug ("%s pages: out of CPU time after %u pages, started again", TF_DECODE_NAME, drawn);
          restarts++;
          retry = page;
          continue;
        }
      if (!tf_decode_set_helper_error (&error, failure, garbled, killed, in_time, wait_status))
        g_set_error_literal (&error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                             _("The picture could not be read: its reader failed without an answer"));
      post (self, FAILED, 0, NULL, error);
      return NULL;
    }
}

/* --- The main thread's side --- */

TfDecodePages *
tf_decode_pages_new (GBytes *pdf,
                     int     max_width,
                     int     max_height)
{
  TfDecodePages *self;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (max_width >= 1 && max_width <= TF_DECODE_PAGES_MAX_SIDE, NULL);
  g_return_val_if_fail (max_height >= 1 && max_height <= TF_DECODE_PAGES_MAX_SIDE, NULL);

  self = g_object_new (TF_TYPE_DECODE_PAGES, NULL);
  self->pdf = g_bytes_ref (pdf);
  self->max_width = max_width;
  self->max_height = max_height;
  self->context = g_main_context_ref_thread_default ();
  g_thread_unref (g_thread_new ("tf-decode-pages", serve, g_object_ref (self)));
  return self;
}

void
tf_decode_pages_want (TfDecodePages *self,
                      int            page)
{
  gpointer key = GINT_TO_POINTER (page + 1);

  g_return_if_fail (TF_IS_DECODE_PAGES (self));
  g_return_if_fail (page >= 0);

  g_mutex_lock (&self->lock);
  g_queue_remove (&self->wanted, key);
  g_queue_push_head (&self->wanted, key);
  g_mutex_unlock (&self->lock);
  wake_up (self);
}

void
tf_decode_pages_forget (TfDecodePages *self,
                        int            page)
{
  g_return_if_fail (TF_IS_DECODE_PAGES (self));

  g_mutex_lock (&self->lock);
  g_queue_remove (&self->wanted, GINT_TO_POINTER (page + 1));
  g_mutex_unlock (&self->lock);
}

void
tf_decode_pages_close (TfDecodePages *self)
{
  g_return_if_fail (TF_IS_DECODE_PAGES (self));

  self->closed = TRUE;
  g_mutex_lock (&self->lock);
  self->closing = TRUE;
  g_queue_clear (&self->wanted);
  g_mutex_unlock (&self->lock);
  wake_up (self);
  g_cancellable_cancel (self->stop);
}

guint
tf_decode_pages_get_n_drawn (TfDecodePages *self)
{
  guint n;

  g_return_val_if_fail (TF_IS_DECODE_PAGES (self), 0);
  g_mutex_lock (&self->lock);
  n = self->n_drawn;
  g_mutex_unlock (&self->lock);
  return n;
}

GPid
tf_decode_pages_get_pid (TfDecodePages *self)
{
  GPid pid;

  g_return_val_if_fail (TF_IS_DECODE_PAGES (self), 0);
  g_mutex_lock (&self->lock);
  pid = self->pid;
  g_mutex_unlock (&self->lock);
  return pid;
}
