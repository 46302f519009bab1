/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-atomic-file"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tf-atomic-file.h"

/* Why not g_file_replace(): it writes a symlinked or hard-linked target in
 * place after truncating it, so a failure or a kill in the middle leaves a
 * half-written file, and its temporary files are neither recognisable nor
 * locked, so nothing can tell a stale one from a live one. This writer
 * resolves symlinks itself, renames a whole new file over a target that has
 * one name, and copies into a hard-linked inode only once the new content
 * is complete and its space is reserved. */

#define TEMP_TAG ".transfo-tmp-"
/* The room a temporary name needs beside the target's: ".", TEMP_TAG, XXXXXX. */
#define TEMP_EXTRA (1 + sizeof TEMP_TAG - 1 + 6)

G_DEFINE_QUARK (tf-atomic-file-error-quark, tf_atomic_file_error)

typedef enum {
  MODE_REPLACE,  /* a new file renamed over the target */
  MODE_COPY_IN,  /* a hard-linked target: the new content copied into its inode */
  MODE_DIRECT,   /* a character device, written directly */
} WriteMode;

struct _TfAtomicFile
{
  char          *path;       /* as given, for messages */
  char          *base;       /* the target's name, symlinks resolved */
  int            dir_fd;     /* the target's real folder */
  int            fd;
  char          *temp_name;  /* the temporary file's name in dir_fd, once it has one */
  int            slot;       /* where a signal handler finds it, or -1 */
  WriteMode      mode;
  gboolean       exists;
  struct stat    target;     /* the target as found at the start */
  GOutputStream *stream;
};

/* Named temporary files of the writers in progress, for a signal handler. */

#define N_SLOTS 16

static struct {
  volatile sig_atomic_t used;
  char                  path[PATH_MAX];
} slots[N_SLOTS];
static GMutex slots_lock;

static int
slot_register (int         dir_fd,
               const char *name)
{
  g_autofree char *link = g_strdup_printf ("/proc/self/fd/%d", dir_fd);
  char dir[PATH_MAX];
  ssize_t n = readlink (link, dir, sizeof dir - 1);
  int found = -1;

  if (n <= 0 || (gsize) n + 1 + strlen (name) + 1 > sizeof slots[0].path)
    return -1;
  dir[n] = '\0';
  g_mutex_lock (&slots_lock);
  for (int i = 0; i < N_SLOTS && found < 0; i++)
    if (!slots[i].used)
      {
        g_snprintf (slots[i].path, sizeof slots[i].path, "%s/%s", dir, name);
        slots[i].used = 1;
        found = i;
      }
  g_mutex_unlock (&slots_lock);
  return found;
}

static void
slot_release (int slot)
{
  if (slot < 0)
    return;
  g_mutex_lock (&slots_lock);
  slots[slot].used = 0;
  g_mutex_unlock (&slots_lock);
}

/* A signal handler that removes the temporary files must not come between
 * a file's creation and its registration. */
static void
block_signals (sigset_t *previous)
{
  sigset_t set;

  sigemptyset (&set);
  sigaddset (&set, SIGINT);
  sigaddset (&set, SIGTERM);
  sigaddset (&set, SIGHUP);
  pthread_sigmask (SIG_BLOCK, &set, previous);
}

static void
restore_signals (const sigset_t *previous)
{
  pthread_sigmask (SIG_SETMASK, previous, NULL);
}

void
tf_atomic_file_remove_temporaries (void)
{
  int saved_errno = errno;

  for (int i = 0; i < N_SLOTS; i++)
    if (slots[i].used)
      unlink (slots[i].path);
  errno = saved_errno;
}

/* Errors */

/* Both messages say which file and why, e.g. "No space left on device". */
static void
set_io_error (GError     **error,
              int          saved_errno,
              gboolean     folder,
              const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  if (folder)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Cannot write in the folder of %s: %s"), display, g_strerror (saved_errno));
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not write %s: %s"), display, g_strerror (saved_errno));
}

/* Refuses what is neither a regular file nor a character device. */
static gboolean
check_kind (const char   *path,
            mode_t        mode,
            GError      **error)
{
  g_autofree char *display = NULL;

  if (S_ISREG (mode) || S_ISCHR (mode))
    return TRUE;
  display = g_filename_display_name (path);
  if (S_ISDIR (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("%s is a folder"), display);
  else if (S_ISFIFO (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("%s is a named pipe, not a file: exports are written to files"), display);
  else if (S_ISSOCK (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("%s is a socket, not a file: exports are written to files"), display);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("%s is a disk device, not a file: exports are written to files"), display);
  return FALSE;
}

/* Paths */

/* @path with its symlinks followed, as far as they lead: the file that
 * gets the content (it may not exist yet). NULL on a loop. */
static char *
resolve_symlinks (const char  *path,
                  GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (int i = 0; i < 40; i++)
    {
      struct stat st;
      g_autofree char *link = NULL;

      if (lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      link = g_file_read_link (current, NULL);
      if (link == NULL)
        return g_steal_pointer (&current);
      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
      else
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, link, NULL);
        }
    }
  set_io_error (error, ELOOP, FALSE, path);
  return NULL;
}

/* The real folder of @path (symlinks followed) and its name: one spelling
 * for any file, whether it exists or not. NULL when the folder is missing. */
static char *
canonical_path (const char *path)
{
  g_autofree char *target = resolve_symlinks (path, NULL);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  char *real;

  if (target == NULL)
    return NULL;
  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  real = realpath (dir, NULL);
  if (real == NULL)
    return NULL;
  g_free (dir);
  dir = g_build_filename (real, base, NULL);
  free (real);
  return g_steal_pointer (&dir);
}

/* Stale temporary files */

static gboolean
is_temp_name (const char *name)
{
  const char *tag;

  if (name[0] != '.')
    return FALSE;
  tag = g_strrstr (name, TEMP_TAG);
  return tag != NULL && strlen (tag) == sizeof TEMP_TAG - 1 + 6;
}

/* Removes the temporary files that no live writer holds under its lock:
 * what a killed export left behind. */
static void
remove_stale_temporaries (int dir_fd)
{
  int list_fd = openat (dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR *dir;
  struct dirent *entry;

  if (list_fd < 0)
    return;
  dir = fdopendir (list_fd);
  if (dir == NULL)
    {
      close (list_fd);
      return;
    }
  while ((entry = readdir (dir)) != NULL)
    {
      struct stat held, named;
      int fd;

      if (!is_temp_name (entry->d_name))
        continue;
      fd = openat (dir_fd, entry->d_name,
                   O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
      if (fd < 0)
        continue;
      /* Still the same file under that name, and nobody writing it. */
      if (fstat (fd, &held) == 0 && S_ISREG (held.st_mode) &&
          flock (fd, LOCK_EX | LOCK_NB) == 0 &&
          fstatat (dir_fd, entry->d_name, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
          named.st_dev == held.st_dev && named.st_ino == held.st_ino)
        unlinkat (dir_fd, entry->d_name, 0);
      close (fd);
    }
  closedir (dir);
}

/* Temporary files */

/* A fresh temporary name for @base: ".BASE.transfo-tmp-" and six random
 * letters or digits. */
static char *
temp_name_new (const char *base)
{
  /* Long names are cut so that the temporary name still fits. */
  gsize keep = MIN (strlen (base), (gsize) NAME_MAX - TEMP_EXTRA);
  char *name = g_strdup_printf (".%.*s" TEMP_TAG "XXXXXX", (int) keep, base);

  for (char *x = name + strlen (name) - 6; *x; x++)
    *x = "abcdefghijklmnopqrstuvwxyz0123456789"[g_random_int_range (0, 36)];
  return name;
}

/* An unnamed file in the folder, which vanishes with the process whatever
 * kills it. -1 with errno when the filesystem cannot. */
static int
open_unnamed (int dir_fd)
{
#ifdef O_TMPFILE
  int fd;

  /* It is named through /proc at the end. The tests set
   * TRANSFO_TEST_NO_TMPFILE to go the way of filesystems without it. */
  if (!g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR) || g_getenv ("TRANSFO_TEST_NO_TMPFILE"))
    {
      errno = EOPNOTSUPP;
      return -1;
    }
  fd = openat (dir_fd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
  if (fd >= 0)
    flock (fd, LOCK_EX);
  return fd;
#else
  errno = EOPNOTSUPP;
  return -1;
#endif
}

/* A named temporary file, created and locked. */
static int
open_named (TfAtomicFile  *self,
            GError       **error)
{
  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = temp_name_new (self->base);
      struct stat st;
      sigset_t previous;
      int fd, saved_errno;

      block_signals (&previous);
      fd = openat (self->dir_fd, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
      saved_errno = errno;
      if (fd >= 0)
        self->slot = slot_register (self->dir_fd, name);
      restore_signals (&previous);
      if (fd < 0 && saved_errno == EEXIST)
        continue;
      if (fd < 0)
        {
          set_io_error (error, saved_errno, TRUE, self->path);
          return -1;
        }
      /* Another export may have taken it for stale before the lock: start again. */
      if (flock (fd, LOCK_EX | LOCK_NB) != 0 || fstat (fd, &st) != 0 || st.st_nlink == 0)
        {
          slot_release (self->slot);
          self->slot = -1;
          close (fd);
          continue;
        }
      self->temp_name = g_steal_pointer (&name);
      return fd;
    }
  set_io_error (error, EEXIST, TRUE, self->path);
  return -1;
}

/* A replacement keeps the target's owner and group where allowed, and its
 * permissions, never wider: what the group could not be kept for loses the
 * group's rights. */
static void
keep_owner_and_mode (TfAtomicFile *self)
{
  struct stat st;
  mode_t mode = self->target.st_mode & 07777;

  if (fstat (self->fd, &st) != 0)
    return;
  if ((st.st_uid != self->target.st_uid || st.st_gid != self->target.st_gid) &&
      fchown (self->fd, self->target.st_uid, self->target.st_gid) != 0 &&
      fchown (self->fd, (uid_t) -1, self->target.st_gid) != 0)
    g_debug ("Could not keep the group of the target: %s", g_strerror (errno));
  if (fstat (self->fd, &st) != 0)
    return;
  if (st.st_gid != self->target.st_gid)
    mode &= ~(mode_t) (S_IRWXG | S_ISGID);
  if (st.st_uid != self->target.st_uid)
    mode &= ~(mode_t) S_ISUID;
  if (fchmod (self->fd, mode) != 0)
    g_debug ("Could not keep the mode of the target: %s", g_strerror (errno));
}

static void
free_file (TfAtomicFile *self)
{
  slot_release (self->slot);
  g_clear_object (&self->stream);
  if (self->fd >= 0)
    close (self->fd);
  if (self->dir_fd >= 0)
    close (self->dir_fd);
  g_free (self->temp_name);
  g_free (self->base);
  g_free (self->path);
  g_free (self);
}

TfAtomicFile *
tf_atomic_file_new (const char  *path,
                    GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  TfAtomicFile *self;

  g_return_val_if_fail (path != NULL, NULL);

  target = resolve_symlinks (path, error);
  if (target == NULL)
    return NULL;

  self = g_new0 (TfAtomicFile, 1);
  self->path = g_strdup (path);
  self->fd = -1;
  self->dir_fd = -1;
  self->slot = -1;
  self->base = g_path_get_basename (target);
  dir = g_path_get_dirname (target);

  if (stat (target, &self->target) == 0)
    self->exists = TRUE;
  else if (errno != ENOENT)
    {
      set_io_error (error, errno, FALSE, path);
      goto fail;
    }
  if (self->exists && !check_kind (path, self->target.st_mode, error))
    goto fail;

  if (self->exists && S_ISCHR (self->target.st_mode))
    {
      struct stat st;

      /* No temporary file and no rename: a device stays a device. Not
       * blocking, in case it changed into a pipe meanwhile. */
      self->mode = MODE_DIRECT;
      self->fd = open (target, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
      if (self->fd < 0)
        {
          set_io_error (error, errno, FALSE, path);
          goto fail;
        }
      if (fstat (self->fd, &st) != 0 || !check_kind (path, st.st_mode, error))
        goto fail;
      fcntl (self->fd, F_SETFL, fcntl (self->fd, F_GETFL) & ~O_NONBLOCK);
      self->stream = g_unix_output_stream_new (self->fd, FALSE);
      return self;
    }

  self->mode = self->exists && self->target.st_nlink > 1 ? MODE_COPY_IN : MODE_REPLACE;
  self->dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (self->dir_fd < 0)
    {
      set_io_error (error, errno, TRUE, path);
      goto fail;
    }

  remove_stale_temporaries (self->dir_fd);
  self->fd = open_unnamed (self->dir_fd);
  if (self->fd < 0)
    {
      if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL && errno != ENOENT)
        {
          set_io_error (error, errno, TRUE, path);
          goto fail;
        }
      self->fd = open_named (self, error);
      if (self->fd < 0)
        goto fail;
    }
  /* Owner and mode before any data, so that nobody can read it meanwhile. */
  if (self->mode == MODE_REPLACE && self->exists)
    keep_owner_and_mode (self);
  self->stream = g_unix_output_stream_new (self->fd, FALSE);
  return self;

fail:
  free_file (self);
  return NULL;
}

GOutputStream *
tf_atomic_file_get_stream (TfAtomicFile *self)
{
  return self->stream;
}

void
tf_atomic_file_abort (TfAtomicFile *self)
{
  if (self == NULL)
    return;
  if (self->temp_name != NULL)
    unlinkat (self->dir_fd, self->temp_name, 0);
  free_file (self);
}

/* Gives the unnamed temporary file a recognisable name, to rename it. */
static gboolean
name_unnamed (TfAtomicFile  *self,
              GError       **error)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", self->fd);

  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = temp_name_new (self->base);
      sigset_t previous;
      int linked, saved_errno;

      block_signals (&previous);
      linked = linkat (AT_FDCWD, proc, self->dir_fd, name, AT_SYMLINK_FOLLOW);
      saved_errno = errno;
      if (linked == 0)
        self->slot = slot_register (self->dir_fd, name);
      restore_signals (&previous);
      if (linked == 0)
        {
          self->temp_name = g_steal_pointer (&name);
          return TRUE;
        }
      errno = saved_errno;
      if (errno != EEXIST)
        break;
    }
  set_io_error (error, errno, TRUE, self->path);
  return FALSE;
}

/* The whole new content, already in the temporary file, into the
 * hard-linked target's own inode: the space first, so that a full disk
 * fails before anything of the target changed. */
static gboolean
copy_in (TfAtomicFile  *self,
         GError       **error)
{
  struct stat st;
  char buffer[65536];
  off_t size, offset = 0;
  int fd;

  if (fstat (self->fd, &st) != 0)
    {
      set_io_error (error, errno, FALSE, self->path);
      return FALSE;
    }
  size = st.st_size;
  fd = openat (self->dir_fd, self->base, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      set_io_error (error, errno, FALSE, self->path);
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !check_kind (self->path, st.st_mode, error) ||
      (size > 0 && fallocate (fd, FALLOC_FL_KEEP_SIZE, 0, size) != 0 &&
       errno != EOPNOTSUPP && errno != ENOSYS))
    goto fail;
  while (offset < size)
    {
      ssize_t n = pread (self->fd, buffer, MIN ((off_t) sizeof buffer, size - offset), offset);

      if (n <= 0 || pwrite (fd, buffer, n, offset) != n)
        goto fail;
      offset += n;
    }
  if (ftruncate (fd, size) != 0 || fsync (fd) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      set_io_error (error, errno, FALSE, self->path);
      return FALSE;
    }
  return TRUE;

fail:
  if (error != NULL && *error == NULL)
    set_io_error (error, errno != 0 ? errno : EIO, FALSE, self->path);
  close (fd);
  return FALSE;
}

gboolean
tf_atomic_file_commit (TfAtomicFile  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!g_output_stream_flush (self->stream, NULL, error))
    goto fail;

  if (self->mode == MODE_DIRECT)
    {
      /* A device may not sync: that is no failure. */
      if (fsync (self->fd) != 0 && errno != EINVAL && errno != EROFS && errno != EOPNOTSUPP)
        {
          set_io_error (error, errno, FALSE, self->path);
          goto fail;
        }
      free_file (self);
      return TRUE;
    }

  if (self->mode == MODE_COPY_IN)
    {
      if (!copy_in (self, error))
        goto fail;
      tf_atomic_file_abort (self);
      return TRUE;
    }

  if (fsync (self->fd) != 0)
    {
      set_io_error (error, errno, FALSE, self->path);
      goto fail;
    }
  if (self->temp_name == NULL && !name_unnamed (self, error))
    goto fail;
  if (renameat (self->dir_fd, self->temp_name, self->dir_fd, self->base) != 0)
    {
      set_io_error (error, errno, FALSE, self->path);
      goto fail;
    }
  g_clear_pointer (&self->temp_name, g_free);
  /* The rename itself must reach the disk too. */
  fsync (self->dir_fd);
  free_file (self);
  return TRUE;

fail:
  tf_atomic_file_abort (self);
  return FALSE;
}

gboolean
tf_atomic_file_write (const char  *path,
                      const void  *data,
                      gsize        size,
                      GError     **error)
{
  TfAtomicFile *file = tf_atomic_file_new (path, error);

  if (file == NULL)
    return FALSE;
  if (!g_output_stream_write_all (file->stream, data, size, NULL, NULL, error))
    {
      tf_atomic_file_abort (file);
      return FALSE;
    }
  return tf_atomic_file_commit (file, error);
}

/* Checks before an export */

static gboolean
is_sqlite_database (const char *path)
{
  static const char header[16] = "SQLite format 3";
  char head[16];
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  gboolean found;

  if (fd < 0)
    return FALSE;
  found = read (fd, head, sizeof head) == sizeof head && memcmp (head, header, sizeof head) == 0;
  close (fd);
  return found;
}

gboolean
tf_atomic_file_check_target (const char  *path,
                             const char  *archive,
                             gboolean     force,
                             GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", ".lock" };
  g_autofree char *target = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *display = NULL;
  struct stat st;
  gboolean exists;

  g_return_val_if_fail (path != NULL, FALSE);

  target = resolve_symlinks (path, error);
  if (target == NULL)
    return FALSE;
  exists = stat (target, &st) == 0;
  if (exists && !check_kind (path, st.st_mode, error))
    return FALSE;

  display = g_filename_display_name (path);
  if (archive != NULL)
    {
      g_autofree char *real_archive = realpath (archive, NULL);
      /* The archive as named, and as SQLite names its companions: beside
       * the file its symlinks lead to. */
      const char *spellings[] = { archive, real_archive };

      canonical = canonical_path (path);
      for (guint s = 0; s < G_N_ELEMENTS (spellings); s++)
        for (guint i = 0; spellings[s] != NULL && i < G_N_ELEMENTS (suffixes); i++)
          {
            g_autofree char *companion = g_strconcat (spellings[s], suffixes[i], NULL);
            g_autofree char *companion_canonical = NULL;
            struct stat other;
            gboolean same;

            if (stat (companion, &other) == 0)
              same = exists && other.st_dev == st.st_dev && other.st_ino == st.st_ino;
            else
              same = canonical != NULL &&
                     (companion_canonical = canonical_path (companion)) != NULL &&
                     g_str_equal (canonical, companion_canonical);
            if (!same)
              continue;
            if (i == 0)
              g_set_error (error, TF_ATOMIC_FILE_ERROR, TF_ATOMIC_FILE_ERROR_ARCHIVE,
                           _("%s is the archive itself: exporting there would destroy it"),
                           display);
            else
              /* TRANSLATORS: a file name, then the suffix of one of the
               * archive's files, e.g. -wal */
              g_set_error (error, TF_ATOMIC_FILE_ERROR, TF_ATOMIC_FILE_ERROR_ARCHIVE,
                           _("%s is the archive’s “%s” file: exporting there would destroy the archive"),
                           display, suffixes[i]);
            return FALSE;
          }
    }

  if (exists && S_ISREG (st.st_mode) && !force && is_sqlite_database (target))
    {
      g_set_error (error, TF_ATOMIC_FILE_ERROR, TF_ATOMIC_FILE_ERROR_DATABASE,
                   _("%s is an SQLite database, perhaps another archive: replacing it would destroy it"),
                   display);
      return FALSE;
    }
  return TRUE;
}
