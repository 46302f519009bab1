/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-decode"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/tf-input-file.h"
#include "core/tf-helper-program.h"
#include "tf-decode.h"
#include "tf-decode-protocol.h"
#include "tf-decode-private.h"

/* The helper's address space: the largest photo's pixels twice (decoded
 * and turned upright) and its file, with room for the libraries. */
#define DECODE_MEMORY ((rlim_t) 1536 * 1024 * 1024)

G_DEFINE_QUARK (tf-decode-error-quark, tf_decode_error)

static const char * const mime_types[TF_DECODE_N_KINDS] = {
  "image/png", "image/jpeg", "image/webp", "application/pdf",
};

void
tf_decoded_free (TfDecoded *decoded)
{
  if (decoded == NULL)
    return;
  g_free (decoded->mime_type);
  g_clear_pointer (&decoded->stored, g_bytes_unref);
  g_clear_pointer (&decoded->pixels, cairo_surface_destroy);
  g_free (decoded);
}

char *
tf_decode_find_helper (void)
{
  return tf_helper_program_find ("TRANSFO_DECODE", "mockups", TF_DECODE_NAME);
}

/* TF_DECODE_DEADLINE_MS, or less when TRANSFO_DECODE_DEADLINE_MS says so
 * (the tests of a helper that hangs). */
int
tf_decode_deadline_ms (void)
{
  const char *env = g_getenv ("TRANSFO_DECODE_DEADLINE_MS");
  gint64 shorter = env != NULL ? g_ascii_strtoll (env, NULL, 10) : 0;

  return shorter > 0 && shorter < TF_DECODE_DEADLINE_MS ? (int) shorter : TF_DECODE_DEADLINE_MS;
}

/* In the child, between fork and exec: async-signal-safe calls only. */
void
tf_decode_limit_child (gpointer user_data)
{
  struct rlimit cpu = { TF_DECODE_CPU_SECONDS, TF_DECODE_CPU_SECONDS + 1 };
  struct rlimit none = { 0, 0 };
  /* The standard streams and what poppler opens for a font at a time. */
  struct rlimit files = { 64, 64 };

  /* A group of its own, killed whole at the deadline. */
  setpgid (0, 0);
  setrlimit (RLIMIT_CPU, &cpu);
  setrlimit (RLIMIT_CORE, &none);
  /* It writes to pipes only: no file grows. */
  setrlimit (RLIMIT_FSIZE, &none);
  setrlimit (RLIMIT_NOFILE, &files);
#if !TF_SANITIZED
  {
    /* A sanitizer's shadow memory needs terabytes of address space: those
     * builds go without this cap. */
    struct rlimit memory = { DECODE_MEMORY, DECODE_MEMORY };

    setrlimit (RLIMIT_AS, &memory);
  }
#endif
}

int
tf_decode_memfd_for (GBytes *data)
{
  gsize len = 0;
  const guint8 *p = g_bytes_get_data (data, &len);
  int fd = memfd_create ("transfo-decode-input", MFD_CLOEXEC);

  if (fd < 0)
    return -1;
  while (len > 0)
    {
      ssize_t n = write (fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;

          close (fd);
          errno = saved;
          return -1;
        }
      p += n;
      len -= (gsize) n;
    }
  if (lseek (fd, 0, SEEK_SET) != 0)
    {
      int saved = errno;

      close (fd);
      errno = saved;
      return -1;
    }
  return fd;
}

static const cairo_user_data_key_t pixels_key;

/* An image surface of @width × @height (rows of @width × 4 bytes) whose
 * megabytes are asked for in huge pages when the system has them: reading
 * a 12-Mpx photo into fresh memory otherwise costs some twelve thousand
 * page faults. NULL when there is not enough memory. */
cairo_surface_t *
tf_decode_pixels_surface (int width,
                int height)
{
  const gsize huge = 2 * 1024 * 1024;
  gsize size = (gsize) width * height * 4;
  cairo_surface_t *surface;
  void *memory = NULL;

  if (size < 2 * huge)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS &&
          cairo_image_surface_get_stride (surface) == width * 4)
        return surface;
      cairo_surface_destroy (surface);
      return NULL;
    }
  if (posix_memalign (&memory, huge, size) != 0)
    return NULL;
  madvise (memory, size - size % huge, MADV_HUGEPAGE);
  surface = cairo_image_surface_create_for_data (memory, CAIRO_FORMAT_ARGB32, width, height, width * 4);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_set_user_data (surface, &pixels_key, memory, free) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      free (memory);
      return NULL;
    }
  return surface;
}

void
tf_decode_set_user_error (GError                **error,
                const TfDecodeAnswer   *answer,
                const TfDecodeOptions  *options)
{
  switch (answer->status)
    {
    case TF_DECODE_ERROR_EMPTY:
      g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_EMPTY, _("The file is empty"));
      break;
    case TF_DECODE_ERROR_TOO_LARGE:
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_TOO_LARGE,
                   _("The file is too large: at most %d MB are accepted"),
                   TF_DECODE_MAX_FILE / (1024 * 1024));
      break;
    case TF_DECODE_ERROR_TOO_MANY_PIXELS:
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_TOO_MANY_PIXELS,
                   _("The picture is too large: at most %d million pixels are accepted"),
                   TF_DECODE_MAX_PIXELS / 1000000);
      break;
    case TF_DECODE_ERROR_UNSUPPORTED:
      g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_UNSUPPORTED,
                           _("The file is neither a PNG, JPEG or WebP picture nor a PDF"));
      break;
    case TF_DECODE_ERROR_CORRUPT:
      g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_CORRUPT,
                           _("The file is damaged or incomplete and cannot be read"));
      break;
    case TF_DECODE_ERROR_ENCRYPTED:
      g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_ENCRYPTED,
                           _("The PDF is protected by a password: save it without one first"));
      break;
    case TF_DECODE_ERROR_TOO_MANY_PAGES:
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_TOO_MANY_PAGES,
                   _("The PDF has too many pages: at most %d are accepted"), TF_DECODE_MAX_PDF_PAGES);
      break;
    case TF_DECODE_ERROR_NO_SUCH_PAGE:
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_NO_SUCH_PAGE,
                   _("The PDF has no page %d"), options->page + 1);
      break;
    default:
      g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                           _("The picture could not be read: its reader gave an answer that makes no sense"));
      break;
    }
}

void
tf_decode_error_name_file (GError     *error,
                           const char *name)
{
  char *message;

  if (error == NULL || name == NULL || *name == '\0' || error->domain != TF_DECODE_ERROR)
    return;
  switch (error->code)
    {
    case TF_DECODE_ERROR_EMPTY:
      /* Translators: %s is a file's name. */
      message = g_strdup_printf (_("“%s” is empty"), name);
      break;
    case TF_DECODE_ERROR_UNSUPPORTED:
      /* Translators: %s is a file's name. */
      message = g_strdup_printf (_("“%s” is neither a PNG, JPEG or WebP picture nor a PDF"), name);
      break;
    case TF_DECODE_ERROR_CORRUPT:
      /* Translators: %s is a file's name. */
      message = g_strdup_printf (_("“%s” is damaged or truncated and cannot be read"), name);
      break;
    case TF_DECODE_ERROR_ENCRYPTED:
      /* Translators: %s is a file's name. */
      message = g_strdup_printf (_("“%s” is protected by a password: save it without one first"), name);
      break;
    default:
      /* Translators: a file's name, then why it was refused. */
      message = g_strdup_printf (_("“%s”: %s"), name, error->message);
      break;
    }
  g_free (error->message);
  error->message = message;
}

/* Whether @answer may be believed, for what was asked. */
gboolean
tf_decode_answer_valid (const TfDecodeAnswer  *answer,
              const TfDecodeOptions *options)
{
  gboolean want_pixels = (options->wants & TF_DECODE_WANT_PIXELS) != 0;
  gboolean want_stored = (options->wants & TF_DECODE_WANT_STORED) != 0;

  if (memcmp (answer->magic, TF_DECODE_MAGIC, sizeof answer->magic) != 0)
    return FALSE;
  if (answer->message_len > TF_DECODE_MESSAGE_MAX)
    return FALSE;
  if (answer->status != TF_DECODE_STATUS_OK)
    return answer->status >= TF_DECODE_ERROR_EMPTY && answer->status <= TF_DECODE_ERROR_NO_SUCH_PAGE &&
           answer->pixels_len == 0 && answer->stored_len == 0;

  if (answer->kind < 0 || answer->kind >= TF_DECODE_N_KINDS)
    return FALSE;
  if (answer->width < 1 || answer->height < 1 || answer->width > 1000000 || answer->height > 1000000)
    return FALSE;
  if (answer->n_pages < 1 || answer->n_pages > TF_DECODE_MAX_PDF_PAGES ||
      (answer->kind != TF_DECODE_KIND_PDF && answer->n_pages != 1))
    return FALSE;
  if (answer->orientation < 1 || answer->orientation > 8 || (answer->stripped != 0 && answer->stripped != 1))
    return FALSE;

  if (want_pixels)
    {
      if (answer->pix_width < 1 || answer->pix_height < 1 ||
          answer->pix_width > 32767 || answer->pix_height > 32767 ||
          (gint64) answer->pix_width * answer->pix_height > TF_DECODE_MAX_PIXELS)
        return FALSE;
      if ((options->max_width > 0 && answer->pix_width > options->max_width) ||
          (options->max_height > 0 && answer->pix_height > options->max_height))
        return FALSE;
      /* A photo is never scaled up. */
      if (answer->kind != TF_DECODE_KIND_PDF &&
          (answer->pix_width > answer->width || answer->pix_height > answer->height))
        return FALSE;
      if (answer->pix_stride != answer->pix_width * 4 ||
          answer->pixels_len != (guint64) answer->pix_stride * (guint64) answer->pix_height)
        return FALSE;
    }
  else if (answer->pix_width != 0 || answer->pix_height != 0 || answer->pix_stride != 0 || answer->pixels_len != 0)
    return FALSE;

  if (want_stored)
    return answer->stored_len >= 1 && answer->stored_len <= TF_DECODE_MAX_FILE;
  return answer->stored_len == 0;
}

/* Reads into @buffer until @len bytes, the end, the deadline or a
 * cancellation. The number of bytes read, or -1 (errno: ETIMEDOUT,
 * ECANCELED, or the read's). */
gssize
tf_decode_read_until (int           fd,
            int           cancel_fd,
            gint64        deadline,
            guint8       *buffer,
            gsize         len)
{
  gsize got = 0;

  while (got < len)
    {
      struct pollfd fds[2] = { { fd, POLLIN, 0 }, { cancel_fd, POLLIN, 0 } };
      gint64 left = deadline - g_get_monotonic_time ();
      ssize_t n;
      int ready;

      if (left <= 0)
        {
          errno = ETIMEDOUT;
          return -1;
        }
      ready = poll (fds, cancel_fd >= 0 ? 2 : 1, (int) MIN ((left + 999) / 1000, G_MAXINT));
      if (ready < 0 && errno == EINTR)
        continue;
      if (ready < 0)
        return -1;
      if (cancel_fd >= 0 && (fds[1].revents & POLLIN))
        {
          errno = ECANCELED;
          return -1;
        }
      if (ready == 0)
        continue;
      n = read (fd, buffer + got, len - got);
      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      got += (gsize) n;
    }
  return (gssize) got;
}

/* Waits for @pid until @deadline; kills its group first if @kill_it or at
 * the deadline. Always reaps it. TRUE if it ended by itself in time. */
gboolean
tf_decode_reap (GPid      pid,
      gint64    deadline,
      gboolean  kill_it,
      int      *wait_status)
{
  gboolean in_time = TRUE;
  int pidfd = -1;

#ifdef SYS_pidfd_open
  if (!kill_it)
    pidfd = (int) syscall (SYS_pidfd_open, pid, 0);
#endif
  while (!kill_it)
    {
      pid_t done = waitpid (pid, wait_status, WNOHANG);
      gint64 left = deadline - g_get_monotonic_time ();

      if (done == pid)
        {
          if (pidfd >= 0)
            close (pidfd);
          return TRUE;
        }
      if (done < 0 && errno != EINTR)
        {
          if (pidfd >= 0)
            close (pidfd);
          *wait_status = 0;
          return TRUE;
        }
      if (left <= 0)
        {
          in_time = FALSE;
          break;
        }
      if (pidfd >= 0)
        {
          struct pollfd fds = { pidfd, POLLIN, 0 };

          poll (&fds, 1, (int) MIN ((left + 999) / 1000, G_MAXINT));
        }
      else
        g_usleep (MIN (left, 2000));
    }
  if (pidfd >= 0)
    close (pidfd);
  kill (-pid, SIGKILL);
  kill (pid, SIGKILL);
  while (waitpid (pid, wait_status, 0) < 0 && errno == EINTR)
    ;
  return in_time && !kill_it;
}

gboolean
tf_decode_set_helper_error (GError   **error,
                            int        failure,
                            gboolean   garbled,
                            gboolean   killed,
                            gboolean   in_time,
                            int        wait_status)
{
  if (failure == ETIMEDOUT || (!in_time && failure == 0 && !garbled))
    {
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                   _("The picture could not be read: reading it took more than %d seconds"),
                   MAX (1, tf_decode_deadline_ms () / 1000));
      return TRUE;
    }
  if (garbled && killed && WIFSIGNALED (wait_status) && WTERMSIG (wait_status) == SIGKILL)
    {
      /* Killed here for what it said. */
      tf_decode_set_user_error (error, &(TfDecodeAnswer) { .status = TF_DECODE_ERROR_HELPER }, NULL);
      return TRUE;
    }
  if (WIFSIGNALED (wait_status))
    {
      int sig = WTERMSIG (wait_status);

      if (sig == SIGXCPU)
        g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                     _("The picture could not be read: reading it took more than %d seconds of work"),
                     TF_DECODE_CPU_SECONDS);
      else if (sig == SIGSYS)
        g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                             _("The picture could not be read: its reader tried something its sandbox forbids"));
      else
        g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                             _("The picture could not be read: its reader crashed on it or ran out of memory"));
      return TRUE;
    }
  if (failure == ENOMEM)
    {
      g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                           _("The picture could not be read: there is not enough memory for it"));
      return TRUE;
    }
  if (failure != 0)
    {
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                   _("The picture could not be read: %s"), g_strerror (failure));
      return TRUE;
    }
  if (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 3)
    {
      g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                           _("The picture could not be read: its reader could not shut itself in a sandbox"));
      return TRUE;
    }
  if (garbled || !WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
    {
      g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                           _("The picture could not be read: its reader failed without an answer"));
      return TRUE;
    }
  return FALSE;
}

static TfDecoded *
run_helper (const char            *helper,
            GBytes                *data,
            const TfDecodeOptions *options,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autofree char *wants = g_strdup_printf ("%d", (int) options->wants);
  g_autofree char *page = g_strdup_printf ("%d", options->page);
  g_autofree char *max_width = g_strdup_printf ("%d", MAX (0, options->max_width));
  g_autofree char *max_height = g_strdup_printf ("%d", MAX (0, options->max_height));
  const char *argv[] = { helper, wants, page, max_width, max_height, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) local = NULL;
  g_autoptr(TfDecoded) decoded = NULL;
  g_autofree char *message = NULL;
  g_autofree guint8 *stored = NULL;
  TfDecodeAnswer answer = { 0 };
  gint64 deadline = g_get_monotonic_time () + (gint64) tf_decode_deadline_ms () * 1000;
  GSpawnFlags flags = G_SPAWN_DO_NOT_REAP_CHILD;
  GPid pid = 0;
  int input, output = -1, cancel_fd = -1, wait_status = 0;
  gssize got;
  int failure = 0;       /* errno of the reading: ETIMEDOUT, ECANCELED… */
  gboolean garbled = FALSE;
  gboolean in_time;
  gboolean killed;

  input = tf_decode_memfd_for (data);
  if (input < 0)
    {
      int saved = errno;

      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                   _("The picture could not be handed to its reader: %s"), g_strerror (saved));
      return NULL;
    }
#if TF_SANITIZED
  /* What the helper leaks when it exits does not matter, and finding out
   * would take calls its filter refuses. */
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
#endif
  if (g_getenv ("TRANSFO_DECODE_DEBUG") == NULL)
    flags |= G_SPAWN_STDERR_TO_DEV_NULL;
  if (!g_spawn_async_with_pipes_and_fds (NULL, argv, (const char * const *) envp, flags,
                                         tf_decode_limit_child, NULL, input, -1, -1, NULL, NULL, 0,
                                         &pid, NULL, &output, NULL, &local))
    {
      close (input);
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                   _("The picture reader %s could not be started: %s"), TF_DECODE_NAME, local->message);
      return NULL;
    }
  close (input);

  if (cancellable != NULL)
    cancel_fd = g_cancellable_get_fd (cancellable);
  /* Fewer wake-ups for the megabytes of a photo (the default is 64 KiB). */
  fcntl (output, F_SETPIPE_SZ, 1024 * 1024);

  /* The answer, then what it announces: nothing is allocated before the
   * header is found sound, and nothing more than it announced is read. */
  got = tf_decode_read_until (output, cancel_fd, deadline, (guint8 *) &answer, sizeof answer);
  if (got < 0)
    failure = errno;
  else if (got != (gssize) sizeof answer || !tf_decode_answer_valid (&answer, options))
    garbled = TRUE;
  if (failure == 0 && !garbled)
    {
      decoded = g_new0 (TfDecoded, 1);
      message = g_malloc0 (answer.message_len + 1);
      got = tf_decode_read_until (output, cancel_fd, deadline, (guint8 *) message, answer.message_len);
      if (got < 0)
        failure = errno;
      else if (got != answer.message_len)
        garbled = TRUE;
    }
  if (failure == 0 && !garbled && answer.pixels_len > 0)
    {
      decoded->pixels = tf_decode_pixels_surface (answer.pix_width, answer.pix_height);
      if (decoded->pixels == NULL)
        failure = ENOMEM;
      else
        {
          got = tf_decode_read_until (output, cancel_fd, deadline, cairo_image_surface_get_data (decoded->pixels),
                            answer.pixels_len);
          if (got < 0)
            failure = errno;
          else if ((guint64) got != answer.pixels_len)
            garbled = TRUE;
          cairo_surface_mark_dirty (decoded->pixels);
        }
    }
  if (failure == 0 && !garbled && answer.stored_len > 0)
    {
      stored = g_try_malloc (answer.stored_len);
      if (stored == NULL)
        failure = ENOMEM;
      else
        {
          got = tf_decode_read_until (output, cancel_fd, deadline, stored, answer.stored_len);
          if (got < 0)
            failure = errno;
          else if ((guint64) got != answer.stored_len)
            garbled = TRUE;
        }
    }
  if (failure == 0 && !garbled)
    {
      guint8 extra;

      /* The end, and nothing after. */
      got = tf_decode_read_until (output, cancel_fd, deadline, &extra, 1);
      if (got < 0)
        failure = errno;
      else if (got != 0)
        garbled = TRUE;
    }
  close (output);
  if (cancel_fd >= 0)
    g_cancellable_release_fd (cancellable);

  killed = failure != 0 || garbled;
  in_time = tf_decode_reap (pid, deadline, killed, &wait_status);
  g_spawn_close_pid (pid);

  if (failure == ECANCELED || g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Reading the picture was cancelled"));
      return NULL;
    }
  if (tf_decode_set_helper_error (error, failure, garbled, killed, in_time, wait_status))
    return NULL;

  if (answer.status != TF_DECODE_STATUS_OK)
    {
      g_debug ("%s refused the file: %s", TF_DECODE_NAME, message);
      tf_decode_set_user_error (error, &answer, options);
      return NULL;
    }
  decoded->mime_type = g_strdup (mime_types[answer.kind]);
  decoded->width = answer.width;
  decoded->height = answer.height;
  decoded->n_pages = answer.n_pages;
  decoded->orientation = answer.orientation;
  decoded->stripped = answer.stripped;
  if (stored != NULL)
    decoded->stored = g_bytes_new_take (g_steal_pointer (&stored), answer.stored_len);
  return g_steal_pointer (&decoded);
}

TfDecoded *
tf_decode_bytes (GBytes                *data,
                 const TfDecodeOptions *options,
                 GCancellable          *cancellable,
                 GError               **error)
{
  static const TfDecodeOptions defaults = { TF_DECODE_WANT_PIXELS, 0, 0, 0 };
  g_autofree char *helper = NULL;
  gsize len;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  len = g_bytes_get_size (data);
  if (len == 0)
    {
      TfDecodeAnswer answer = { .status = TF_DECODE_ERROR_EMPTY };

      tf_decode_set_user_error (error, &answer, options);
      return NULL;
    }
  if (len > TF_DECODE_MAX_FILE)
    {
      TfDecodeAnswer answer = { .status = TF_DECODE_ERROR_TOO_LARGE };

      tf_decode_set_user_error (error, &answer, options);
      return NULL;
    }
  if (options->page < 0)
    {
      TfDecodeAnswer answer = { .status = TF_DECODE_ERROR_NO_SUCH_PAGE };

      tf_decode_set_user_error (error, &answer, options);
      return NULL;
    }
  helper = tf_decode_find_helper ();
  if (helper == NULL)
    {
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER,
                   _("The picture cannot be read: the helper program %s is missing (reinstall Transfo)"),
                   TF_DECODE_NAME);
      return NULL;
    }
  return run_helper (helper, data, options, cancellable, error);
}

TfDecoded *
tf_decode_file (const char            *path,
                const TfDecodeOptions *options,
                GCancellable          *cancellable,
                GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  struct stat before, after;
  guint8 *data;
  gsize got = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The open archive (or its -wal, -shm) picked as a photo: never opened,
   * closing it would drop the process's locks on it. */
  {
    g_autoptr(GError) refused = NULL;

    if (!tf_input_file_check (path, &refused))
      {
        g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_UNREADABLE, refused->message);
        return NULL;
      }
  }
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_UNREADABLE,
                   _("The file cannot be read: %s"), g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &before) != 0 || !S_ISREG (before.st_mode))
    {
      close (fd);
      g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_UNREADABLE,
                           _("The file cannot be read: it is not a regular file"));
      return NULL;
    }
  if (before.st_size == 0)
    {
      TfDecodeAnswer answer = { .status = TF_DECODE_ERROR_EMPTY };

      close (fd);
      tf_decode_set_user_error (error, &answer, options ? options : &(TfDecodeOptions) { 0 });
      return NULL;
    }
  if (before.st_size > TF_DECODE_MAX_FILE)
    {
      TfDecodeAnswer answer = { .status = TF_DECODE_ERROR_TOO_LARGE };

      close (fd);
      tf_decode_set_user_error (error, &answer, options ? options : &(TfDecodeOptions) { 0 });
      return NULL;
    }

  /* One byte more than announced, to see a file that grows meanwhile. */
  data = g_malloc ((gsize) before.st_size + 1);
  for (;;)
    {
      ssize_t n = read (fd, data + got, (gsize) before.st_size + 1 - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_free (data);
          g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_UNREADABLE,
                       _("The file cannot be read: %s"), g_strerror (saved));
          return NULL;
        }
      if (n == 0 || got + (gsize) n > (gsize) before.st_size)
        {
          got += (gsize) n;
          break;
        }
      got += (gsize) n;
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  if (fstat (fd, &after) != 0)
    memset (&after, 0, sizeof after);
  close (fd);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_free (data);
      return NULL;
    }
  if (got != (gsize) before.st_size || after.st_size != before.st_size ||
      after.st_mtim.tv_sec != before.st_mtim.tv_sec || after.st_mtim.tv_nsec != before.st_mtim.tv_nsec)
    {
      g_free (data);
      g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_UNREADABLE,
                           _("The file cannot be read: it changed or vanished while it was read"));
      return NULL;
    }
  bytes = g_bytes_new_take (data, got);
  return tf_decode_bytes (bytes, options, cancellable, error);
}

typedef struct {
  GBytes          *data;
  TfDecodeOptions  options;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_bytes_unref (job->data);
  g_free (job);
}

static void
decode_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  TfDecoded *decoded = tf_decode_bytes (job->data, &job->options, cancellable, &error);

  if (decoded == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, decoded, (GDestroyNotify) tf_decoded_free);
}

void
tf_decode_bytes_async (GBytes                *data,
                       const TfDecodeOptions *options,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (data != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tf_decode_bytes_async);
  job = g_new0 (Job, 1);
  job->data = g_bytes_ref (data);
  job->options = options != NULL ? *options : (TfDecodeOptions) { TF_DECODE_WANT_PIXELS, 0, 0, 0 };
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, decode_in_thread);
}

TfDecoded *
tf_decode_bytes_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
