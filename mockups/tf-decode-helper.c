/* SPDX-License-Identifier: GPL-3.0-or-later */

/* transfo-decode: reads a photo or a PDF on its standard input, then shuts
 * itself in (a seccomp filter: no file opened for writing, no network, no
 * program run, no process made) before it parses a byte of it, and answers
 * on its standard output (tf-decode-protocol.h). Run by tf-decode.c under
 * a deadline and resource limits.
 *
 * Usage: transfo-decode WANTS PAGE MAX_WIDTH MAX_HEIGHT
 * Exit status: 0 answered (decoded or refused), 2 bad usage or input,
 * 3 the seccomp filter could not be installed.
 *
 * The filter (install_filter): allowed are reading, writing to the standard
 * output and error only, memory (mmap/mprotect never executable, munmap,
 * mremap, brk, madvise), futex, clocks, getrandom, signals to itself and
 * leaving; for a PDF, opening files read-only and looking at folders (its
 * fonts, found by fontconfig). Killed on the spot: sockets, exec, fork and
 * clone, ptrace, kill, changing files or mounts, seccomp, bpf, memfd,
 * io_uring, keys, modules. Anything else fails with EPERM. */

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tf-decode.h"
#include "tf-decode-core.h"

static gboolean
read_all (GByteArray *data,
          gboolean   *too_large)
{
  guint8 buffer[65536];

  for (;;)
    {
      ssize_t n = read (STDIN_FILENO, buffer, sizeof buffer);

      if (n == 0)
        return TRUE;
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (data->len + (gsize) n > TF_DECODE_MAX_FILE)
        {
          *too_large = TRUE;
          return TRUE;
        }
      g_byte_array_append (data, buffer, (guint) n);
    }
}

static gboolean
write_all (const void *data,
           gsize       len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      ssize_t n = write (STDOUT_FILENO, p, MIN (len, 1 << 20));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Allowed, whatever the file. */
static const int allowed[] = {
  SCMP_SYS (read), SCMP_SYS (readv), SCMP_SYS (pread64), SCMP_SYS (lseek),
  SCMP_SYS (close), SCMP_SYS (fstat), SCMP_SYS (newfstatat),
  SCMP_SYS (munmap), SCMP_SYS (mremap), SCMP_SYS (brk), SCMP_SYS (madvise), SCMP_SYS (futex),
  SCMP_SYS (exit), SCMP_SYS (exit_group),
  SCMP_SYS (rt_sigreturn), SCMP_SYS (rt_sigprocmask), SCMP_SYS (rt_sigaction),
  SCMP_SYS (sigaltstack),
  SCMP_SYS (clock_gettime), SCMP_SYS (clock_getres), SCMP_SYS (gettimeofday),
  SCMP_SYS (time), SCMP_SYS (getpid), SCMP_SYS (gettid), SCMP_SYS (getrandom),
  SCMP_SYS (sched_yield), SCMP_SYS (sched_getaffinity),
};

/* Allowed for a PDF alone: fontconfig and FreeType open the system's fonts
 * when a page names one (read-only: see install_filter). */
static const int allowed_for_fonts[] = {
  SCMP_SYS (stat), SCMP_SYS (lstat), SCMP_SYS (statx), SCMP_SYS (fstatfs),
  SCMP_SYS (statfs), SCMP_SYS (getdents64), SCMP_SYS (readlink),
  SCMP_SYS (readlinkat), SCMP_SYS (access), SCMP_SYS (faccessat),
  SCMP_SYS (faccessat2), SCMP_SYS (fadvise64), SCMP_SYS (getcwd),
  SCMP_SYS (fcntl), SCMP_SYS (getuid), SCMP_SYS (geteuid),
};

/* Fatal: whatever tries these is not decoding a picture. */
static const int killing[] = {
  SCMP_SYS (socket), SCMP_SYS (socketpair), SCMP_SYS (connect), SCMP_SYS (bind),
  SCMP_SYS (listen), SCMP_SYS (accept), SCMP_SYS (accept4), SCMP_SYS (sendto),
  SCMP_SYS (sendmsg), SCMP_SYS (sendmmsg), SCMP_SYS (recvfrom), SCMP_SYS (recvmsg),
  SCMP_SYS (execve), SCMP_SYS (execveat), SCMP_SYS (fork), SCMP_SYS (vfork),
  SCMP_SYS (clone), SCMP_SYS (clone3), SCMP_SYS (ptrace), SCMP_SYS (kill),
  SCMP_SYS (tkill), SCMP_SYS (process_vm_readv), SCMP_SYS (process_vm_writev),
  SCMP_SYS (unlink), SCMP_SYS (unlinkat), SCMP_SYS (rename), SCMP_SYS (renameat),
  SCMP_SYS (renameat2), SCMP_SYS (mkdir), SCMP_SYS (mkdirat), SCMP_SYS (rmdir),
  SCMP_SYS (link), SCMP_SYS (linkat), SCMP_SYS (symlink), SCMP_SYS (symlinkat),
  SCMP_SYS (chmod), SCMP_SYS (fchmod), SCMP_SYS (fchmodat), SCMP_SYS (chown),
  SCMP_SYS (fchown), SCMP_SYS (fchownat), SCMP_SYS (truncate), SCMP_SYS (ftruncate),
  SCMP_SYS (mount), SCMP_SYS (umount2), SCMP_SYS (chroot), SCMP_SYS (pivot_root),
  SCMP_SYS (setuid), SCMP_SYS (setgid), SCMP_SYS (setreuid), SCMP_SYS (setregid),
  SCMP_SYS (seccomp), SCMP_SYS (bpf), SCMP_SYS (perf_event_open),
  SCMP_SYS (memfd_create), SCMP_SYS (pidfd_open), SCMP_SYS (pidfd_getfd),
  SCMP_SYS (io_uring_setup), SCMP_SYS (userfaultfd), SCMP_SYS (keyctl),
  SCMP_SYS (add_key), SCMP_SYS (request_key), SCMP_SYS (init_module),
  SCMP_SYS (finit_module), SCMP_SYS (kexec_load), SCMP_SYS (reboot),
};

/* Everything not named fails with EPERM (a library that tries something
 * harmless carries on); what kills is listed; writing goes to the standard
 * output and error only; files open read-only, for a PDF's fonts only. */
static gboolean
install_filter (gboolean fonts)
{
  scmp_filter_ctx filter;
  gboolean ok = TRUE;

  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return FALSE;
  filter = seccomp_init (SCMP_ACT_ERRNO (EPERM));
  if (filter == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    seccomp_rule_add (filter, SCMP_ACT_ALLOW, allowed[i], 0);
  for (guint i = 0; i < G_N_ELEMENTS (killing); i++)
    seccomp_rule_add (filter, SCMP_ACT_KILL_PROCESS, killing[i], 0);
  /* tgkill: abort() raising SIGABRT on itself. */
  seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (tgkill), 1,
                    SCMP_A0 (SCMP_CMP_EQ, (scmp_datum_t) getpid ()));
  ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (write), 1,
                          SCMP_A0 (SCMP_CMP_EQ, STDOUT_FILENO)) == 0;
  ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (write), 1,
                          SCMP_A0 (SCMP_CMP_EQ, STDERR_FILENO)) == 0;
  ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (writev), 1,
                          SCMP_A0 (SCMP_CMP_EQ, STDERR_FILENO)) == 0;
  /* Memory, never executable: no code is loaded or made after the filter. */
  ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (mmap), 1,
                          SCMP_A2 (SCMP_CMP_MASKED_EQ, PROT_EXEC, 0)) == 0;
  ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (mprotect), 1,
                          SCMP_A2 (SCMP_CMP_MASKED_EQ, PROT_EXEC, 0)) == 0;
  /* Reading its own limits (sanitizers do); never setting them. */
  seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (prlimit64), 1, SCMP_A2 (SCMP_CMP_EQ, 0));
  seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (getrlimit), 0);
  if (fonts)
    {
      const scmp_datum_t writing = O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND | (O_TMPFILE & ~O_DIRECTORY);

      for (guint i = 0; i < G_N_ELEMENTS (allowed_for_fonts); i++)
        seccomp_rule_add (filter, SCMP_ACT_ALLOW, allowed_for_fonts[i], 0);
      ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (openat), 1,
                              SCMP_A2 (SCMP_CMP_MASKED_EQ, writing, O_RDONLY)) == 0;
      seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (open), 1,
                        SCMP_A1 (SCMP_CMP_MASKED_EQ, writing, O_RDONLY));
    }
  ok &= seccomp_load (filter) == 0;
  seccomp_release (filter);
  return ok;
}

/* For the test of the filter: what a hostile decoder would try. */
static int
try_escape (const char *what)
{
  if (g_strcmp0 (what, "open") == 0)
    {
      int fd = open ("/etc/hostname", O_RDONLY);

      fprintf (stderr, "open: %s\n", fd >= 0 ? "opened" : g_strerror (errno));
      return fd >= 0 ? 0 : 4;
    }
  if (g_strcmp0 (what, "write") == 0)
    {
      int fd = open ("/tmp/transfo-decode-escape", O_WRONLY | O_CREAT, 0600);

      return fd >= 0 ? 0 : 4;
    }
  if (g_strcmp0 (what, "exec-memory") == 0)
    return mmap (NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED ? 0 : 4;
  if (g_strcmp0 (what, "socket") == 0)
    return socket (AF_INET, SOCK_STREAM, 0) >= 0 ? 0 : 4;
  if (g_strcmp0 (what, "exec") == 0)
    {
      char *args[] = { (char *) "/bin/true", NULL };

      execv (args[0], args);
      return 4;
    }
  return 2;
}

int
main (int   argc,
      char *argv[])
{
  GByteArray *data;
  gboolean too_large = FALSE;
  TfDecodeResult result;
  int kind;
  const char *escape;

  if (argc != 5)
    {
      fprintf (stderr, "usage: %s WANTS PAGE MAX_WIDTH MAX_HEIGHT < FILE\n", argv[0]);
      return 2;
    }
  data = g_byte_array_new ();
  if (!read_all (data, &too_large))
    {
      fprintf (stderr, "cannot read the file: %s\n", g_strerror (errno));
      return 2;
    }
  close (STDIN_FILENO);

  /* The only decision taken before the filter: whether fonts may be read. */
  kind = tf_decode_sniff (data->data, data->len);
  escape = g_getenv ("TRANSFO_DECODE_TEST_ESCAPE");
  if (kind == TF_DECODE_KIND_PDF)
    tf_decode_core_load_pdf ();
  if (!install_filter (kind == TF_DECODE_KIND_PDF))
    {
      fprintf (stderr, "cannot install the seccomp filter\n");
      return 3;
    }
  if (escape != NULL)
    return try_escape (escape);

  if (too_large)
    {
      g_byte_array_set_size (data, 0);
      tf_decode_core_run (NULL, (gsize) TF_DECODE_MAX_FILE + 1, 0, 0, 0, 0, &result);
    }
  else
    tf_decode_core_run (data->data, data->len, (int) g_ascii_strtoll (argv[1], NULL, 10),
                        (int) g_ascii_strtoll (argv[2], NULL, 10),
                        (int) g_ascii_strtoll (argv[3], NULL, 10),
                        (int) g_ascii_strtoll (argv[4], NULL, 10), &result);
  if (result.message != NULL)
    fprintf (stderr, "%s\n", result.message);

  if (!write_all (&result.answer, sizeof result.answer) ||
      !write_all (result.message, result.answer.message_len) ||
      !write_all (result.pixels, result.answer.pixels_len) ||
      !write_all (result.stored ? g_bytes_get_data (result.stored, NULL) : NULL, result.answer.stored_len))
    return 2;
  /* The process ends here: freeing would only cost time. */
  return 0;
}
