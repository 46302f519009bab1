/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "tf-seccomp.h"

/* Allowed to every helper. */
static const int allowed[] = {
  SCMP_SYS (read), SCMP_SYS (readv), SCMP_SYS (pread64), SCMP_SYS (lseek),
  SCMP_SYS (close), SCMP_SYS (fstat), SCMP_SYS (newfstatat),
  SCMP_SYS (munmap), SCMP_SYS (mremap), SCMP_SYS (brk), SCMP_SYS (madvise), SCMP_SYS (futex),
  SCMP_SYS (exit), SCMP_SYS (exit_group),
  SCMP_SYS (rt_sigreturn), SCMP_SYS (rt_sigprocmask), SCMP_SYS (rt_sigaction),
  SCMP_SYS (sigaltstack),
  SCMP_SYS (clock_gettime), SCMP_SYS (clock_getres), SCMP_SYS (gettimeofday),
  SCMP_SYS (time), SCMP_SYS (getpid), SCMP_SYS (gettid), SCMP_SYS (getrandom),
  SCMP_SYS (sched_yield), SCMP_SYS (sched_getaffinity), SCMP_SYS (restart_syscall),
  SCMP_SYS (set_robust_list), SCMP_SYS (rseq),
};

/* Allowed with read_files: fontconfig and FreeType open the system's fonts
 * (read-only: see tf_seccomp_shut_in). */
static const int allowed_for_files[] = {
  SCMP_SYS (stat), SCMP_SYS (lstat), SCMP_SYS (statx), SCMP_SYS (fstatfs),
  SCMP_SYS (statfs), SCMP_SYS (getdents64), SCMP_SYS (readlink),
  SCMP_SYS (readlinkat), SCMP_SYS (access), SCMP_SYS (faccessat),
  SCMP_SYS (faccessat2), SCMP_SYS (fadvise64), SCMP_SYS (getcwd),
  SCMP_SYS (fcntl), SCMP_SYS (getuid), SCMP_SYS (geteuid),
};

/* Allowed with serve: the connections it accepts on the socket it bound,
 * the pipes it holds, and the main loop waiting on them. */
static const int allowed_for_serving[] = {
  SCMP_SYS (accept), SCMP_SYS (accept4), SCMP_SYS (recvfrom), SCMP_SYS (recvmsg),
  SCMP_SYS (sendto), SCMP_SYS (sendmsg), SCMP_SYS (shutdown),
  SCMP_SYS (getsockopt), SCMP_SYS (setsockopt), SCMP_SYS (getsockname), SCMP_SYS (getpeername),
  SCMP_SYS (poll), SCMP_SYS (ppoll), SCMP_SYS (fcntl),
};

/* Fatal for every helper: whatever tries these is not doing its job. */
static const int killing[] = {
  SCMP_SYS (socket), SCMP_SYS (socketpair), SCMP_SYS (connect), SCMP_SYS (bind),
  SCMP_SYS (listen),
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

/* Fatal unless serving: using any socket at all. (Calls neither allowed
 * nor killing are refused with EPERM.) */
static const int killing_unless_serving[] = {
  SCMP_SYS (accept), SCMP_SYS (accept4), SCMP_SYS (sendto), SCMP_SYS (sendmsg),
  SCMP_SYS (sendmmsg), SCMP_SYS (recvfrom), SCMP_SYS (recvmsg),
};

gboolean
tf_seccomp_shut_in (const TfSeccompPolicy *policy)
{
  scmp_filter_ctx filter;
  gboolean ok = TRUE;

  g_return_val_if_fail (policy != NULL, FALSE);
  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return FALSE;
  filter = seccomp_init (SCMP_ACT_ERRNO (EPERM));
  if (filter == NULL)
    return FALSE;
  /* Every thread, not only the caller's (GLib's worker, a thread just
   * started). */
  ok &= seccomp_attr_set (filter, SCMP_FLTATR_CTL_TSYNC, 1) == 0;
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    seccomp_rule_add (filter, SCMP_ACT_ALLOW, allowed[i], 0);
  for (guint i = 0; i < G_N_ELEMENTS (killing); i++)
    seccomp_rule_add (filter, SCMP_ACT_KILL_PROCESS, killing[i], 0);
  if (policy->serve)
    for (guint i = 0; i < G_N_ELEMENTS (allowed_for_serving); i++)
      seccomp_rule_add (filter, SCMP_ACT_ALLOW, allowed_for_serving[i], 0);
  else
    for (guint i = 0; i < G_N_ELEMENTS (killing_unless_serving); i++)
      seccomp_rule_add (filter, SCMP_ACT_KILL_PROCESS, killing_unless_serving[i], 0);
  /* tgkill: abort() raising SIGABRT on itself. */
  seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (tgkill), 1,
                    SCMP_A0 (SCMP_CMP_EQ, (scmp_datum_t) getpid ()));
  if (policy->write_any)
    {
      ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (write), 0) == 0;
      ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (writev), 0) == 0;
    }
  else
    {
      ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (write), 1,
                              SCMP_A0 (SCMP_CMP_EQ, STDOUT_FILENO)) == 0;
      ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (write), 1,
                              SCMP_A0 (SCMP_CMP_EQ, STDERR_FILENO)) == 0;
      ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (writev), 1,
                              SCMP_A0 (SCMP_CMP_EQ, STDERR_FILENO)) == 0;
    }
  /* Memory, never executable: no code is loaded or made after the filter. */
  ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (mmap), 1,
                          SCMP_A2 (SCMP_CMP_MASKED_EQ, PROT_EXEC, 0)) == 0;
  ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (mprotect), 1,
                          SCMP_A2 (SCMP_CMP_MASKED_EQ, PROT_EXEC, 0)) == 0;
  /* Reading its own limits (sanitizers do); never setting them. */
  seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (prlimit64), 1, SCMP_A2 (SCMP_CMP_EQ, 0));
  seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (getrlimit), 0);
  if (policy->read_files)
    {
      const scmp_datum_t writing = O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND | (O_TMPFILE & ~O_DIRECTORY);

      for (guint i = 0; i < G_N_ELEMENTS (allowed_for_files); i++)
        seccomp_rule_add (filter, SCMP_ACT_ALLOW, allowed_for_files[i], 0);
      ok &= seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (openat), 1,
                              SCMP_A2 (SCMP_CMP_MASKED_EQ, writing, O_RDONLY)) == 0;
      seccomp_rule_add (filter, SCMP_ACT_ALLOW, SCMP_SYS (open), 1,
                        SCMP_A1 (SCMP_CMP_MASKED_EQ, writing, O_RDONLY));
    }
  ok &= seccomp_load (filter) == 0;
  seccomp_release (filter);
  return ok;
}
