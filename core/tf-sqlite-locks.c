/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-store"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tf-sqlite-locks.h"

/* SQLite's unix VFS locks its files with classic fcntl() record locks.
 * Those belong to the process and the file, not to a descriptor: closing
 * *any* descriptor of the file drops them all. The program's own code
 * never does that (see FilePin in tf-store.c), but the libraries it uses
 * may: GTK's file chooser, browsing the archive's folder for a photo, has
 * GIO read the first bytes of "archive.sqlite" and of its "-shm" to guess
 * their types. The window then looks gone to other processes, and the
 * next command closing its connection folds the log in and deletes the
 * -wal and -shm the window still uses ("disk I/O error" in the window).
 *
 * Open-file-description locks (Linux 3.15, F_OFD_*) belong to one open
 * file description instead, and are dropped only when the last descriptor
 * sharing it is closed; they conflict with classic locks of other
 * processes as classic locks do. SQLite 3.40 has no option to use them,
 * but its VFS lets a program replace the system calls it makes
 * (xSetSystemCall): here every lock SQLite takes on a file goes through
 * one description per file, a duplicate of the first descriptor SQLite
 * locked it with, kept until SQLite closes its last descriptor of that
 * file. SQLite already counts the locks of all its connections to a file
 * in a process as one holder (unixInodeInfo), so one owner per file is
 * exactly the semantics it expects, without the hazard. */

typedef struct {
  dev_t dev;
  ino_t ino;
  int   owner;  /* the duplicate the locks are taken on */
  guint users;  /* SQLite's descriptors of the file seen locking */
} LockFile;

typedef int (*FcntlFunc) (int, int, ...);
typedef int (*CloseFunc) (int);

static FcntlFunc real_fcntl;
static CloseFunc real_close;
static GMutex files_lock;
static GHashTable *by_fd;  /* int fd → LockFile * */
static GPtrArray *files;   /* LockFile */
static gboolean no_ofd;    /* the kernel refused F_OFD_*: classic locks */

static gboolean
is_lock_command (int cmd)
{
  return cmd == F_SETLK || cmd == F_SETLKW || cmd == F_GETLK;
}

static int
ofd_command (int cmd)
{
  switch (cmd)
    {
    case F_SETLK:
      return F_OFD_SETLK;
    case F_SETLKW:
      return F_OFD_SETLKW;
    default:
      return F_OFD_GETLK;
    }
}

/* The lock owner of @fd's file, found or made; -1 (errno set) if @fd
 * cannot be looked at. Called with files_lock held. */
static int
owner_for (int fd)
{
  LockFile *file = g_hash_table_lookup (by_fd, GINT_TO_POINTER (fd));
  struct stat st;

  if (file != NULL)
    return file->owner;
  if (fstat (fd, &st) != 0)
    return -1;
  for (guint i = 0; i < files->len && file == NULL; i++)
    {
      LockFile *candidate = g_ptr_array_index (files, i);

      if (candidate->dev == st.st_dev && candidate->ino == st.st_ino)
        file = candidate;
    }
  if (file == NULL)
    {
      int owner = real_fcntl (fd, F_DUPFD_CLOEXEC, 3);

      if (owner < 0)
        return -1;
      file = g_new0 (LockFile, 1);
      file->dev = st.st_dev;
      file->ino = st.st_ino;
      file->owner = owner;
      g_ptr_array_add (files, file);
    }
  file->users++;
  g_hash_table_insert (by_fd, GINT_TO_POINTER (fd), file);
  return file->owner;
}

static int
lock_fcntl (int           fd,
            int           cmd,
            struct flock *lock)
{
  struct flock ofd;
  int owner;
  int rc;

  g_mutex_lock (&files_lock);
  owner = no_ofd ? -1 : owner_for (fd);
  if (owner < 0)
    {
      g_mutex_unlock (&files_lock);
      return real_fcntl (fd, cmd, lock);
    }
  ofd = *lock;
  ofd.l_pid = 0;  /* required by F_OFD_* */
  rc = real_fcntl (owner, ofd_command (cmd), &ofd);
  if (rc != 0 && errno == EINVAL && fcntl (owner, F_OFD_GETLK, &(struct flock) { .l_type = F_RDLCK }) != 0)
    {
      /* A kernel without OFD locks (before 3.15): SQLite's own way. */
      no_ofd = TRUE;
      g_mutex_unlock (&files_lock);
      return real_fcntl (fd, cmd, lock);
    }
  g_mutex_unlock (&files_lock);
  if (cmd == F_GETLK && rc == 0)
    {
      /* An OFD holder has no process: say "someone", as SQLite only
       * looks at the type. */
      lock->l_type = ofd.l_type;
      lock->l_whence = ofd.l_whence;
      lock->l_start = ofd.l_start;
      lock->l_len = ofd.l_len;
      lock->l_pid = ofd.l_pid;
    }
  return rc;
}

static int
shim_fcntl (int fd,
            int cmd,
            ...)
{
  va_list args;
  int rc;

  va_start (args, cmd);
  if (is_lock_command (cmd))
    rc = lock_fcntl (fd, cmd, va_arg (args, struct flock *));
  else if (cmd == F_GETFD || cmd == F_GETFL)
    rc = real_fcntl (fd, cmd);
  else
    rc = real_fcntl (fd, cmd, va_arg (args, int));
  va_end (args);
  return rc;
}

static int
shim_close (int fd)
{
  LockFile *file;
  int owner = -1;

  g_mutex_lock (&files_lock);
  file = g_hash_table_lookup (by_fd, GINT_TO_POINTER (fd));
  if (file != NULL)
    {
      g_hash_table_remove (by_fd, GINT_TO_POINTER (fd));
      if (--file->users == 0)
        {
          /* SQLite closes a descriptor only once its file holds none of
           * its locks (it parks them otherwise): the owner goes with it. */
          owner = file->owner;
          g_ptr_array_remove_fast (files, file);
          g_free (file);
        }
    }
  g_mutex_unlock (&files_lock);
  if (owner >= 0)
    real_close (owner);
  return real_close (fd);
}

static gpointer
install (gpointer data G_GNUC_UNUSED)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

  if (vfs == NULL || vfs->iVersion < 3 || vfs->xGetSystemCall == NULL)
    return GINT_TO_POINTER (FALSE);
  real_fcntl = (FcntlFunc) vfs->xGetSystemCall (vfs, "fcntl");
  real_close = (CloseFunc) vfs->xGetSystemCall (vfs, "close");
  if (real_fcntl == NULL || real_close == NULL)
    return GINT_TO_POINTER (FALSE);
  by_fd = g_hash_table_new (NULL, NULL);
  files = g_ptr_array_new ();
  if (vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) shim_fcntl) != SQLITE_OK ||
      vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) shim_close) != SQLITE_OK)
    {
      vfs->xSetSystemCall (vfs, "fcntl", NULL);
      vfs->xSetSystemCall (vfs, "close", NULL);
      return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

gboolean
tf_sqlite_locks_install (void)
{
  static GOnce once = G_ONCE_INIT;

  return GPOINTER_TO_INT (g_once (&once, install, NULL));
}
