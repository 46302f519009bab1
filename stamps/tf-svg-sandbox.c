/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-svg-sandbox"

#include <glib/gi18n.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/tf-helper-program.h"
#include "tf-stamp.h"
#include "tf-svg-sandbox.h"

typedef struct {
  gboolean  safe;
  char     *reason;
} Verdict;

typedef struct {
  GSubprocess *process;
  GSource     *deadline;
  char        *sha256;
  int          errors;      /* the helper's stderr, a file in memory */
  gboolean     timed_out;
} Probe;

static GMutex verdicts_lock;
static GCond verdicts_given;
static GHashTable *verdicts;   /* sha256 → Verdict */
static GHashTable *waited;     /* sha256 of the drawings tf_svg_probe() is running on */

static void
verdict_free (gpointer data)
{
  Verdict *verdict = data;

  g_free (verdict->reason);
  g_free (verdict);
}

static void
probe_free (gpointer data)
{
  Probe *probe = data;

  if (probe->deadline != NULL)
    {
      g_source_destroy (probe->deadline);
      g_source_unref (probe->deadline);
    }
  g_clear_object (&probe->process);
  if (probe->errors >= 0)
    close (probe->errors);
  g_free (probe->sha256);
  g_free (probe);
}

/* With verdicts_lock held. */
static TfSvgVerdict
lookup_locked (const char  *sha256,
               char       **reason)
{
  Verdict *verdict = verdicts != NULL ? g_hash_table_lookup (verdicts, sha256) : NULL;

  if (verdict == NULL)
    return TF_SVG_VERDICT_UNKNOWN;
  if (reason != NULL)
    *reason = g_strdup (verdict->reason);
  return verdict->safe ? TF_SVG_VERDICT_SAFE : TF_SVG_VERDICT_UNSAFE;
}

TfSvgVerdict
tf_svg_probe_lookup (const char  *sha256,
                     char       **reason)
{
  TfSvgVerdict result;

  g_return_val_if_fail (sha256 != NULL, TF_SVG_VERDICT_UNKNOWN);

  g_mutex_lock (&verdicts_lock);
  result = lookup_locked (sha256, reason);
  g_mutex_unlock (&verdicts_lock);
  return result;
}

static void
remember (const char *sha256,
          gboolean    safe,
          const char *reason)
{
  Verdict *verdict = g_new0 (Verdict, 1);

  verdict->safe = safe;
  verdict->reason = g_strdup (reason);
  g_mutex_lock (&verdicts_lock);
  if (verdicts == NULL)
    verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, verdict_free);
  g_hash_table_replace (verdicts, g_strdup (sha256), verdict);
  g_cond_broadcast (&verdicts_given);
  g_mutex_unlock (&verdicts_lock);
}

char *
tf_svg_probe_find (void)
{
  return tf_helper_program_find ("TRANSFO_SVG_PROBE", "stamps", TF_SVG_PROBE_NAME);
}

/* In the child, between fork and exec: async-signal-safe calls only. */
static void
limit_child (gpointer user_data)
{
  struct rlimit cpu = { TF_SVG_PROBE_CPU_SECONDS, TF_SVG_PROBE_CPU_SECONDS + 1 };
  struct rlimit core = { 0, 0 };
  struct rlimit output = { 64 * 1024, 64 * 1024 };

  /* A group of its own, killed whole at the deadline. */
  setpgid (0, 0);
  setrlimit (RLIMIT_CPU, &cpu);
  setrlimit (RLIMIT_CORE, &core);
  setrlimit (RLIMIT_FSIZE, &output);
#if !TF_SANITIZED
  {
    /* A sanitizer's shadow memory needs terabytes of address space: those
     * builds go without this cap. */
    struct rlimit memory = { TF_SVG_PROBE_MEMORY, TF_SVG_PROBE_MEMORY };

    setrlimit (RLIMIT_AS, &memory);
  }
#endif
}

static int
memfd_for (GBytes  *svg,
           GError **error)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (svg, &len);
  int fd = memfd_create ("transfo-svg", MFD_CLOEXEC);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return -1;
    }
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;

          close (fd);
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
          return -1;
        }
      data += n;
      len -= (gsize) n;
    }
  if (lseek (fd, 0, SEEK_SET) != 0)
    {
      int saved = errno;

      close (fd);
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
      return -1;
    }
  return fd;
}

static gboolean
on_deadline (gpointer user_data)
{
  GTask *task = user_data;
  Probe *probe = g_task_get_task_data (task);

  const char *pid = g_subprocess_get_identifier (probe->process);

  probe->timed_out = TRUE;
  if (pid != NULL)
    kill (-(pid_t) g_ascii_strtoll (pid, NULL, 10), SIGKILL);
  g_subprocess_force_exit (probe->process);
  g_source_unref (probe->deadline);
  probe->deadline = NULL;
  return G_SOURCE_REMOVE;
}

/* The first line the helper wrote on its stderr, or NULL. */
static char *
first_line (int fd)
{
  char data[512];
  ssize_t len;
  const char *end;
  g_autofree char *line = NULL;

  if (fd < 0 || lseek (fd, 0, SEEK_SET) != 0)
    return NULL;
  do
    len = read (fd, data, sizeof data);
  while (len < 0 && errno == EINTR);
  if (len <= 0)
    return NULL;
  end = memchr (data, '\n', (gsize) len);
  line = g_strndup (data, end ? (gsize) (end - data) : (gsize) MIN (len, 300));
  if (!g_utf8_validate (line, -1, NULL) || line[0] == '\0')
    return NULL;
  return g_steal_pointer (&line);
}

/* The deadline in milliseconds: TF_SVG_PROBE_DEADLINE_MS, or less for a
 * test (TF_SVG_PROBE_TEST_DEADLINE_ENV, tf-svg-sandbox.h). */
static guint
probe_deadline_ms (void)
{
  const char *value = g_getenv (TF_SVG_PROBE_TEST_DEADLINE_ENV);
  guint64 seconds = 0;

  if (value != NULL &&
      g_ascii_string_to_unsigned (value, 10, 1, TF_SVG_PROBE_DEADLINE_MS / 1000, &seconds, NULL))
    return (guint) seconds * 1000;
  return TF_SVG_PROBE_DEADLINE_MS;
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *reason = NULL;

  if (!g_subprocess_wait_finish (probe->process, result, &error))
    {
      g_subprocess_force_exit (probe->process);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  line = first_line (probe->errors);

  /* The reason is the whole sentence, as a refusal shows it. */
  if (probe->timed_out)
    reason = g_strdup_printf (_("The SVG cannot be drawn safely: drawing it took more than %d seconds"),
                              (int) (probe_deadline_ms () / 1000));
  else if (g_subprocess_get_if_signaled (probe->process))
    {
      int sig = g_subprocess_get_term_sig (probe->process);

      if (sig == SIGXCPU || sig == SIGKILL)
        reason = g_strdup (_("The SVG cannot be drawn safely: drawing it takes too long"));
      else
        reason = g_strdup (_("The SVG cannot be drawn safely: the SVG renderer crashed on it"));
    }
  else
    switch (g_subprocess_get_exit_status (probe->process))
      {
      case 0:
        break;
      case 1:
        reason = g_strdup_printf (_("The SVG could not be read: %s"), line ? line : "?");
        break;
      case 2:
        reason = g_strdup_printf (_("The SVG could not be drawn: %s"), line ? line : "?");
        break;
      case 3:
        reason = g_strdup (_("The SVG draws nothing visible"));
        break;
      default:
        /* A Rust panic aborts; an exhausted memory cap too. */
        reason = g_strdup (_("The SVG cannot be drawn safely: the SVG renderer crashed on it or ran out of memory"));
        break;
      }

  remember (probe->sha256, reason == NULL, reason);
  if (reason != NULL)
    {
      g_task_return_new_error (task, TF_STAMP_ERROR, TF_STAMP_ERROR_UNRENDERABLE, "%s", reason);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
return_known (GTask        *task,
              TfSvgVerdict  verdict,
              const char   *reason)
{
  if (verdict == TF_SVG_VERDICT_SAFE)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, TF_STAMP_ERROR, TF_STAMP_ERROR_UNRENDERABLE, "%s",
                             reason ? reason : "");
}

void
tf_svg_probe_async (GBytes              *svg,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *helper = NULL;
  g_autofree char *reason = NULL;
  Probe *probe;
  TfSvgVerdict known;
  int input;

  g_return_if_fail (svg != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tf_svg_probe_async);
  probe = g_new0 (Probe, 1);
  probe->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, svg);
  probe->errors = -1;
  g_task_set_task_data (task, probe, probe_free);

  known = tf_svg_probe_lookup (probe->sha256, &reason);
  if (known != TF_SVG_VERDICT_UNKNOWN)
    {
      return_known (task, known, reason);
      return;
    }

  helper = tf_svg_probe_find ();
  if (helper == NULL)
    {
      /* Not remembered: the helper may be installed later. */
      g_task_return_new_error (task, TF_STAMP_ERROR, TF_STAMP_ERROR_UNRENDERABLE,
                               _("The SVG cannot be checked: the helper program %s is missing (reinstall Transfo)"),
                               TF_SVG_PROBE_NAME);
      return;
    }

  /* The drawing is the helper's standard input as a file in memory, not a
   * pipe: a helper that dies early cannot leave us a SIGPIPE. */
  input = memfd_for (svg, &error);
  if (input < 0)
    {
      g_task_return_new_error (task, TF_STAMP_ERROR, TF_STAMP_ERROR_UNRENDERABLE,
                               _("The SVG cannot be checked: %s"), error->message);
      return;
    }
  probe->errors = memfd_create ("transfo-svg-errors", MFD_CLOEXEC);
  if (probe->errors < 0)
    {
      close (input);
      g_task_return_new_error (task, TF_STAMP_ERROR, TF_STAMP_ERROR_UNRENDERABLE,
                               _("The SVG cannot be checked: %s"), g_strerror (errno));
      return;
    }
  /* Its stderr is a file in memory too: the end of the helper, not of a
   * pipe that something it started could hold open, is what is waited for. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_take_stdin_fd (launcher, input);
  g_subprocess_launcher_take_stderr_fd (launcher, dup (probe->errors));
  g_subprocess_launcher_set_child_setup (launcher, limit_child, NULL, NULL);
  /* Only the first line of a panic is read: a backtrace asked for by the
   * environment would be symbolized for nothing, seconds of the deadline. */
  g_subprocess_launcher_setenv (launcher, "RUST_BACKTRACE", "0", TRUE);
  g_subprocess_launcher_setenv (launcher, "RUST_LIB_BACKTRACE", "0", TRUE);
#if TF_SANITIZED
  /* What the helper leaks when it exits does not matter. */
  g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
#endif
  probe->process = g_subprocess_launcher_spawn (launcher, &error, helper, NULL);
  if (probe->process == NULL)
    {
      g_task_return_new_error (task, TF_STAMP_ERROR, TF_STAMP_ERROR_UNRENDERABLE,
                               _("The SVG cannot be checked: %s"), error->message);
      return;
    }

  probe->deadline = g_timeout_source_new (probe_deadline_ms ());
  g_source_set_callback (probe->deadline, on_deadline, task, NULL);
  g_source_attach (probe->deadline, g_main_context_get_thread_default ());
  g_subprocess_wait_async (probe->process, cancellable, on_exited, g_object_ref (task));
}

gboolean
tf_svg_probe_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_probed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

gboolean
tf_svg_probe (GBytes  *svg,
              GError **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *reason = NULL;
  TfSvgVerdict known;

  g_return_val_if_fail (svg != NULL, FALSE);

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, svg);
  /* One run per drawing: threads that want the same verdict (the tiles of
   * an export) wait for the first. */
  g_mutex_lock (&verdicts_lock);
  if (waited == NULL)
    waited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((known = lookup_locked (sha256, &reason)) == TF_SVG_VERDICT_UNKNOWN &&
         g_hash_table_contains (waited, sha256))
    g_cond_wait (&verdicts_given, &verdicts_lock);
  if (known == TF_SVG_VERDICT_UNKNOWN)
    g_hash_table_add (waited, g_strdup (sha256));
  g_mutex_unlock (&verdicts_lock);
  if (known == TF_SVG_VERDICT_SAFE)
    return TRUE;
  if (known == TF_SVG_VERDICT_UNSAFE)
    {
      g_set_error_literal (error, TF_STAMP_ERROR, TF_STAMP_ERROR_UNRENDERABLE, reason ? reason : "");
      return FALSE;
    }

  /* A context of our own: whatever the caller's loop does meanwhile, only
   * the probe runs here, and its deadline fires. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  tf_svg_probe_async (svg, NULL, on_probed, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  g_mutex_lock (&verdicts_lock);
  g_hash_table_remove (waited, sha256);
  g_cond_broadcast (&verdicts_given);
  g_mutex_unlock (&verdicts_lock);
  return tf_svg_probe_finish (result, error);
}
