/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-store"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "tf-demo.h"
#include "tf-sqlite-locks.h"
#include "tf-store-guard.h"
#include "tf-store-private.h"

struct _TfStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;  /* const char *sql → sqlite3_stmt * */
  int         lock_fd;      /* the writer's lock (see writer_lock_take()), or -1 */
  struct _FilePin *pin;     /* the file's descriptors (see FilePin), or NULL */
  guint       read_only : 1;
  guint       wants_demo : 1;
  guint       needs_check : 1;
  guint       marked_open : 1; /* the writer set archive_state.clean = 0 */
  TfStoreGuard guard;         /* the connection's time bound */
};

G_DEFINE_FINAL_TYPE (TfStore, tf_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (tf-store-error-quark, tf_store_error)

static const char sqlite_magic[16] = "SQLite format 3";

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
tf_store_finalize (GObject *object)
{
  TfStore *self = (TfStore *)object;

  tf_store_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_free (self->path);

  G_OBJECT_CLASS (tf_store_parent_class)->finalize (object);
}

static void
tf_store_class_init (TfStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tf_store_finalize;

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
tf_store_init (TfStore *self)
{
  self->lock_fd = -1;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            finalize_statement);
}

sqlite3 *
tf_store_get_db (TfStore *self)
{
  g_return_val_if_fail (TF_IS_STORE (self), NULL);
  return self->db;
}

const char *
tf_store_get_path (TfStore *self)
{
  g_return_val_if_fail (TF_IS_STORE (self), NULL);
  return self->path;
}

gboolean
tf_store_wants_demo (TfStore *self)
{
  g_return_val_if_fail (TF_IS_STORE (self), FALSE);
  return self->wants_demo;
}

gboolean
tf_store_get_read_only (TfStore *self)
{
  g_return_val_if_fail (TF_IS_STORE (self), TRUE);
  return self->read_only;
}

gboolean
tf_store_fail (TfStore     *self,
               GError     **error,
               const char  *what)
{
  int code = self->db ? sqlite3_extended_errcode (self->db) : SQLITE_ERROR;
  TfStoreError tf_code = TF_STORE_ERROR_FAILED;

  if ((code & 0xff) == SQLITE_INTERRUPT)
    return tf_store_guard_fail (&self->guard, error, what);
  if ((code & 0xff) == SQLITE_CONSTRAINT)
    tf_code = TF_STORE_ERROR_INVALID;
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    tf_code = TF_STORE_ERROR_CORRUPT;
  else if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    tf_code = TF_STORE_ERROR_BUSY;

  {
    const char *raw = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (code);
    const char *why;

    /* What the user can do something about, in their words; SQLite's own
     * (English) text only as the detail in brackets. */
    switch (code & 0xff)
      {
      case SQLITE_IOERR:
        why = _("the disk could not be read or written");
        break;
      case SQLITE_FULL:
        why = _("the disk is full");
        break;
      case SQLITE_READONLY:
      case SQLITE_PERM:
      case SQLITE_CANTOPEN:
        why = _("the archive’s file cannot be written (read-only)");
        break;
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        why = _("another program is using the archive");
        break;
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        why = _("the archive’s file is damaged");
        break;
      default:
        why = NULL;
        break;
      }
    if (why != NULL)
      /* TRANSLATORS: what failed, why in words, then SQLite's own text. */
      g_set_error (error, TF_STORE_ERROR, tf_code, _("%s: %s (%s)"), what, why, raw);
    else
      /* TRANSLATORS: what failed, then SQLite's own text. */
      g_set_error (error, TF_STORE_ERROR, tf_code, _("%s: %s"), what, raw);
  }
  return FALSE;
}

sqlite3_stmt *
tf_store_prepare (TfStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TF_IS_STORE (self), NULL);

  if (self->db == NULL)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED, _("The archive is closed"));
      return NULL;
    }

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      tf_store_fail (self, error, _("Could not read the archive"));
      return NULL;
    }

  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
tf_store_step_done (TfStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      tf_store_fail (self, error, _("Could not write to the archive"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

void
tf_bind_text (sqlite3_stmt *stmt,
              int           index,
              const char   *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

const char *
tf_column_text (sqlite3_stmt *stmt,
                int           index)
{
  const char *text = (const char *) sqlite3_column_text (stmt, index);
  return text ? text : "";
}

char *
tf_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static gboolean
exec (TfStore     *self,
      const char  *sql,
      GError     **error)
{
  char *msg = NULL;

  if (self->db == NULL)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED, _("The archive is closed"));
      return FALSE;
    }
  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
                   _("Could not write to the archive: %s"), msg ? msg : "?");
      sqlite3_free (msg);
      return FALSE;
    }

  return TRUE;
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc_out)
    *rc_out = rc;
  return value;
}

/* How a connection reads the file. */
typedef enum {
  CONNECTION_WRITE,     /* the writer */
  CONNECTION_READ,      /* a reader of a writable archive: read-write with
                         * query_only, so that its close, if it is the last
                         * one, folds the log back and removes -wal and -shm
                         * like a writer's (a plain read-only connection
                         * leaves both behind) */
  CONNECTION_READ_ONLY, /* a file that cannot be written but whose log is
                         * there (or whose writer is alive): SQLite's mode=ro */
  CONNECTION_IMMUTABLE, /* nothing can write to it (a read-only disk, no write
                         * permission) and nobody has it open: SQLite reads
                         * the file alone and creates nothing beside it */
} ConnectionMode;

/* Every connection to an archive is opened here. */
static int
open_connection (const char      *path,
                 ConnectionMode   mode,
                 sqlite3        **db)
{
  static const char * const queries[] = {
    [CONNECTION_WRITE] = "?mode=rw",
    [CONNECTION_READ] = "?mode=rw",
    [CONNECTION_READ_ONLY] = "?mode=ro",
    [CONNECTION_IMMUTABLE] = "?mode=ro&immutable=1",
  };
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *uri = g_strconcat ("file:", escaped, queries[mode], NULL);
  int flags = mode <= CONNECTION_READ ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
  int rc;

  *db = NULL;
  /* Locks no library's close() of the file can drop. */
  tf_sqlite_locks_install ();
  rc = sqlite3_open_v2 (uri, db, flags | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_extended_result_codes (*db, 1);
  /* A writer holds the file for milliseconds at a time (its commits, a
   * checkpoint, the recovery of a log): wait for it rather than fail. */
  sqlite3_busy_timeout (*db, 5000);
  if (mode == CONNECTION_READ)
    rc = sqlite3_exec (*db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  return rc;
}

sqlite3 *
tf_store_open_reader (const char    *path,
                      TfStoreGuard  *guard,
                      GError       **error)
{
  sqlite3 *db = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (open_connection (path, CONNECTION_READ, &db) != SQLITE_OK)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED, "%s: %s", path,
                   db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close_v2 (db);
      return NULL;
    }
  if (!tf_store_guard_connection (db, guard, error) ||
      !tf_store_guard_check_schema (db, path, error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

static gboolean
is_busy_code (int rc)
{
  return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/* The writer's lock: an open file description lock (F_OFD_SETLK) on one byte
 * of the archive file itself, far beyond anything SQLite locks (its own
 * locks sit around 1 GiB). It belongs to the file, not to the name it was
 * opened by, so a symlink or a hard link cannot let a second writer in;
 * unlike a classic fcntl lock it survives SQLite closing its descriptors of
 * the same file; the kernel releases it when the process ends, however. */
#define WRITER_LOCK_OFFSET ((off_t) 1 << 62)
#define WRITER_LOCK_WAIT_MS 2000

static void
writer_lock_init (struct flock *lock,
                  short         type)
{
  memset (lock, 0, sizeof *lock);
  lock->l_type = type;
  lock->l_whence = SEEK_SET;
  lock->l_start = WRITER_LOCK_OFFSET;
  lock->l_len = 1;
}

static gboolean
writer_lock_held (int fd)
{
  struct flock lock;

  writer_lock_init (&lock, F_WRLCK);
  return fcntl (fd, F_OFD_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
}

/* Takes the writer's lock on @fd; with @wait, retries for a moment while
 * another writer holds it. */
static gboolean
writer_lock_take (int          fd,
                  const char  *display,
                  gboolean     wait,
                  GError     **error)
{
  gint64 deadline = g_get_monotonic_time () + WRITER_LOCK_WAIT_MS * G_TIME_SPAN_MILLISECOND;
  struct flock lock;

  writer_lock_init (&lock, F_WRLCK);
  while (fcntl (fd, F_OFD_SETLK, &lock) != 0)
    {
      int saved = errno;

      if (saved != EAGAIN && saved != EACCES)
        {
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
                       _("Cannot lock %s: %s"), display, g_strerror (saved));
          return FALSE;
        }
      if (wait && g_get_monotonic_time () < deadline)
        {
          g_usleep (10 * G_TIME_SPAN_MILLISECOND);
          continue;
        }
      /* (The kernel does not tell which process holds such a lock.) */
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_LOCKED,
                   _("%s is already open in another Transfo window or command; close it first"),
                   display);
      return FALSE;
    }
  return TRUE;
}

/* Closing any descriptor of a file drops every POSIX lock the process
 * holds on that file, SQLite's included (classic fcntl locks belong to the
 * process and the file, not to a descriptor). A window whose connection
 * lost its shared lock on the archive looks gone to other processes: the
 * close of a command's connection then folds the log in and deletes the
 * -wal and -shm the window still uses; the window's next edits go to a
 * deleted log (lost should it stop before its next checkpoint), and a new
 * connection of the window's process reads that log's index from the -shm
 * it shares but its frames from a new, empty -wal: "disk I/O error"
 * (SQLITE_IOERR_SHORT_READ). So the descriptors the program opens on an
 * archive (to look at it, for the writer's lock) are closed only when no
 * store of the process has that file open any more: a FilePin keeps them
 * until then, and a look at a file some store has open uses the pin's
 * descriptor instead of opening another. */
typedef struct _FilePin {
  dev_t   dev;
  ino_t   ino;
  guint   refs;
  int     fd;       /* read-only, for looks */
  GArray *parked;   /* int: other descriptors, closed with the pin */
  char   *real_path; /* where SQLite's -wal and -shm sit beside it, or NULL */
} FilePin;

static GMutex pins_lock;
static GPtrArray *pins;  /* FilePin */

static FilePin *
find_pin (dev_t dev,
          ino_t ino)
{
  for (guint i = 0; pins != NULL && i < pins->len; i++)
    {
      FilePin *pin = g_ptr_array_index (pins, i);

      if (pin->dev == dev && pin->ino == ino)
        return pin;
    }
  return NULL;
}

/* The pin of the regular file at @path, whose stat() said @st: its
 * descriptor is used as it is when a store of the process has the file
 * open, else one is opened. NULL with errno set when it cannot be opened,
 * or set to 0 when it is not a regular file. */
static FilePin *
file_pin_open (const char        *path,
               const struct stat *st)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&pins_lock);
  struct stat fd_st;
  FilePin *pin = find_pin (st->st_dev, st->st_ino);
  int fd;

  if (pin != NULL)
    {
      pin->refs++;
      return pin;
    }
  /* O_NONBLOCK: should a FIFO have replaced the file since, opening it
   * does not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    return NULL;
  if (fstat (fd, &fd_st) != 0 || !S_ISREG (fd_st.st_mode))
    {
      /* Not a file SQLite could have open. */
      close (fd);
      errno = 0;
      return NULL;
    }
  /* Replaced since stat(): perhaps by a file a store has open. */
  pin = find_pin (fd_st.st_dev, fd_st.st_ino);
  if (pin != NULL)
    {
      g_array_append_val (pin->parked, fd);
      pin->refs++;
      return pin;
    }
  pin = g_new0 (FilePin, 1);
  pin->dev = fd_st.st_dev;
  pin->ino = fd_st.st_ino;
  pin->refs = 1;
  pin->fd = fd;
  pin->parked = g_array_new (FALSE, FALSE, sizeof (int));
  pin->real_path = realpath (path, NULL);
  if (pins == NULL)
    pins = g_ptr_array_new ();
  g_ptr_array_add (pins, pin);
  return pin;
}

static FilePin *
file_pin_ref (FilePin *pin)
{
  g_mutex_lock (&pins_lock);
  pin->refs++;
  g_mutex_unlock (&pins_lock);
  return pin;
}

/* Keeps @fd, a descriptor of @pin's file, until the pin goes. */
static void
file_pin_park (FilePin *pin,
               int      fd)
{
  g_mutex_lock (&pins_lock);
  g_array_append_val (pin->parked, fd);
  g_mutex_unlock (&pins_lock);
}

static void
file_pin_unref (FilePin *pin)
{
  g_mutex_lock (&pins_lock);
  if (--pin->refs > 0)
    {
      g_mutex_unlock (&pins_lock);
      return;
    }
  g_ptr_array_remove_fast (pins, pin);
  g_mutex_unlock (&pins_lock);

  close (pin->fd);
  for (guint i = 0; i < pin->parked->len; i++)
    close (g_array_index (pin->parked, int, i));
  g_array_unref (pin->parked);
  free (pin->real_path);
  g_free (pin);
}

gboolean
tf_store_is_open_file (const struct stat  *st,
                       const char        **suffix)
{
  static const char *const companions[] = { "-wal", "-shm", "-journal" };
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&pins_lock);

  g_return_val_if_fail (st != NULL, FALSE);

  for (guint i = 0; pins != NULL && i < pins->len; i++)
    {
      FilePin *pin = g_ptr_array_index (pins, i);

      if (pin->dev == st->st_dev && pin->ino == st->st_ino)
        {
          if (suffix != NULL)
            *suffix = "";
          return TRUE;
        }
      for (guint c = 0; pin->real_path != NULL && c < G_N_ELEMENTS (companions); c++)
        {
          g_autofree char *companion = g_strconcat (pin->real_path, companions[c], NULL);
          struct stat other;

          if (g_stat (companion, &other) == 0 && other.st_dev == st->st_dev && other.st_ino == st->st_ino)
            {
              if (suffix != NULL)
                *suffix = companions[c];
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* What a look at the file, without opening it with SQLite, tells. */
typedef struct {
  char        *real_path;    /* symlinks resolved: SQLite's -wal and -shm sit beside it */
  struct stat  st;
  guint8       header[100];
  gssize       header_len;
  gboolean     writable;     /* a writer could write to it: a writable disk, write
                              * permission on the file and its folder */
  gboolean     has_wal;      /* a -wal beside it: a writer is open, or crashed */
  gboolean     writer_live;  /* a writer of another process holds its lock now */
  FilePin     *pin;          /* the file's descriptors */
} FileInfo;

static void
file_info_clear (FileInfo *info)
{
  g_clear_pointer (&info->real_path, g_free);
  g_clear_pointer (&info->pin, file_pin_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileInfo, file_info_clear)

static guint32
header_u32 (const FileInfo *info,
            guint           offset)
{
  const guint8 *p = info->header + offset;

  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* Whether a writer could write to this file. The mode bits are looked at
 * too, not only access(): root may write to anything, but a file (or a
 * folder) that nobody may write to was made read-only on purpose. */
static gboolean
is_writable (int                fd,
             const char        *real_path,
             const struct stat *st)
{
  g_autofree char *dir = g_path_get_dirname (real_path);
  struct statvfs vfs;
  struct stat dir_st;

  if (fstatvfs (fd, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
    return FALSE;
  if ((st->st_mode & 0222) == 0 || access (real_path, W_OK) != 0)
    return FALSE;
  /* SQLite creates its -wal and -shm in the folder. */
  if (g_stat (dir, &dir_st) != 0 || (dir_st.st_mode & 0222) == 0 || access (dir, W_OK) != 0)
    return FALSE;
  return TRUE;
}

/* Looks at @path without SQLite: it must be a regular file (a FIFO, a
 * socket or a device is refused before anything reads from it, so nothing
 * can block), and its first 100 bytes are read. */
static gboolean
inspect_file (const char  *path,
              FileInfo    *info,
              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *wal = NULL;
  struct stat link_st;
  int fd;

  if (g_stat (path, &info->st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT && g_lstat (path, &link_st) == 0)
        g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_FOUND,
                     _("%s is a link to a file that does not exist"), display);
      else if (saved == ENOENT)
        g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_FOUND,
                     _("There is no archive at %s"), display);
      else
        g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
                     _("Cannot open %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  if (S_ISDIR (info->st.st_mode))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE,
                   _("%s is a folder, not a Transfo archive"), display);
      return FALSE;
    }
  if (!S_ISREG (info->st.st_mode))
    goto not_regular;

  /* Never a descriptor opened and closed here: see FilePin. */
  info->pin = file_pin_open (path, &info->st);
  if (info->pin == NULL)
    {
      int saved = errno;

      if (saved == 0)
        goto not_regular;
      g_set_error (error, TF_STORE_ERROR,
                   saved == ENOENT ? TF_STORE_ERROR_NOT_FOUND : TF_STORE_ERROR_FAILED,
                   _("Cannot open %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  fd = info->pin->fd;
  if (fstat (fd, &info->st) != 0 || !S_ISREG (info->st.st_mode))
    goto not_regular;

  info->real_path = realpath (path, NULL);
  if (info->real_path == NULL)
    info->real_path = g_strdup (path);
  info->header_len = pread (fd, info->header, sizeof info->header, 0);
  info->writable = is_writable (fd, info->real_path, &info->st);
  info->writer_live = writer_lock_held (fd);

  wal = g_strconcat (info->real_path, "-wal", NULL);
  info->has_wal = g_lstat (wal, &link_st) == 0;
  return TRUE;

not_regular:
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE,
               _("%s is not a regular file (a pipe, a socket or a device), not a Transfo archive"),
               display);
  return FALSE;
}

gboolean
tf_store_refuse_foreign (GError     **error,
                         const char  *display)
{
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE,
               _("%s is a database of another application, not a Transfo archive"), display);
  return FALSE;
}

gboolean
tf_store_refuse_too_new (GError     **error,
                         const char  *display,
                         gint64       version)
{
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_TOO_NEW,
               _("%s was written by a newer version of Transfo (archive format %d, this version reads up to %d); update Transfo to open it"),
               display, (int) version, TF_SCHEMA_VERSION);
  return FALSE;
}

static gboolean
set_corrupt (GError     **error,
             const char  *display)
{
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_CORRUPT,
               _("%s is damaged (it fails SQLite's integrity check); it was left untouched. Restore it from a backup"),
               display);
  return FALSE;
}

static gboolean
set_busy (GError     **error,
          const char  *display)
{
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_BUSY,
               _("%s is busy (another Transfo is creating it or writing to it): try again in a moment"),
               display);
  return FALSE;
}

/* An SQLite failure while looking at a file: busy is not damaged. */
static gboolean
set_error_from_code (GError     **error,
                     const char  *display,
                     int          rc)
{
  if (is_busy_code (rc))
    return set_busy (error, display);
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    return set_corrupt (error, display);
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
               _("%s cannot be read: %s"), display, sqlite3_errstr (rc));
  return FALSE;
}

/* What the first 100 bytes say, when they are the whole truth (no log
 * beside the file): refuses what is not ours, or is newer, or shorter than
 * the header says, without opening it with SQLite. */
static gboolean
check_header (const FileInfo  *info,
              const char      *display,
              GError         **error)
{
  guint32 page_size, n_pages, app_id, version;

  if (info->header_len < (gssize) sizeof info->header ||
      memcmp (info->header, sqlite_magic, sizeof sqlite_magic) != 0)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE,
                   _("%s is not a Transfo archive"), display);
      return FALSE;
    }
  if (info->has_wal)
    return TRUE;

  app_id = header_u32 (info, 68);
  version = header_u32 (info, 60);
  if (app_id != TF_APPLICATION_ID && !(app_id == 0 && version == 0))
    {
      return tf_store_refuse_foreign (error, display);
    }
  if (app_id == TF_APPLICATION_ID && version > TF_SCHEMA_VERSION)
    return tf_store_refuse_too_new (error, display, version);

  /* A file cut short (an interrupted copy or download): the header's page
   * count is valid when its "version valid for" matches the change counter. */
  page_size = (guint32) info->header[16] << 8 | info->header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = header_u32 (info, 28);
  if (header_u32 (info, 92) == header_u32 (info, 24) && n_pages > 0 &&
      (guint64) info->st.st_size < (guint64) n_pages * page_size)
    return set_corrupt (error, display);
  return TRUE;
}

typedef struct {
  gboolean blank;  /* an SQLite database with nothing in it yet: ours to set up */
  gboolean clean;  /* the last writer closed it cleanly */
} Validation;

/* Looks into an existing file with SQLite, on a connection of its own that
 * writes nothing: our application id, a format we know, whether it was
 * closed cleanly; with @check, SQLite's quick_check when it was not. */
static gboolean
validate_existing (const FileInfo  *info,
                   const char      *display,
                   ConnectionMode   mode,
                   gboolean         check,
                   Validation      *out,
                   GError         **error)
{
  sqlite3 *db = NULL;
  TfStoreGuard guard = { 0 };
  gint64 app_id, version, n_tables;
  int rc;

  out->blank = FALSE;
  out->clean = FALSE;

  if (!check_header (info, display, error))
    return FALSE;

  rc = open_connection (info->real_path, mode, &db);
  if (rc != SQLITE_OK)
    goto failed;
  if (!tf_store_guard_connection (db, &guard, error))
    {
      sqlite3_close_v2 (db);
      return FALSE;
    }

  app_id = query_int (db, "PRAGMA application_id", &rc);
  if (rc != SQLITE_OK)
    goto failed;
  version = query_int (db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    goto failed;
  n_tables = query_int (db, "SELECT count(*) FROM sqlite_schema", &rc);
  if (rc != SQLITE_OK)
    goto failed;

  if (app_id != TF_APPLICATION_ID)
    {
      sqlite3_close_v2 (db);
      if (app_id == 0 && version == 0 && n_tables == 0)
        {
          /* An empty database, e.g. made by "sqlite3 file .quit": nothing to lose. */
          out->blank = TRUE;
          return TRUE;
        }
      return tf_store_refuse_foreign (error, display);
    }

  if (version > TF_SCHEMA_VERSION)
    {
      sqlite3_close_v2 (db);
      return tf_store_refuse_too_new (error, display, version);
    }

  /* Before anything else is read: the schema is exactly the program's own. */
  if (!tf_store_guard_check_schema (db, display, error))
    {
      sqlite3_close_v2 (db);
      return FALSE;
    }

  /* Formats before 3 have no marker: checked once, the first time. */
  if (version >= 3)
    {
      out->clean = query_int (db, "SELECT clean FROM archive_state WHERE id = 1", &rc) == 1;
      if (is_busy_code (rc) || (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        goto failed;
    }

  if (check && !out->clean)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean ok = FALSE;

      rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          rc = sqlite3_step (stmt);
          ok = rc == SQLITE_ROW &&
               g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
        }
      sqlite3_finalize (stmt);
      if (!ok)
        {
          if (rc != SQLITE_ROW)
            goto failed;
          sqlite3_close_v2 (db);
          return set_corrupt (error, display);
        }
    }

  sqlite3_close_v2 (db);
  return TRUE;

failed:
  if (rc == SQLITE_OK)
    rc = db != NULL ? sqlite3_extended_errcode (db) : SQLITE_ERROR;
  sqlite3_close_v2 (db);
  return set_error_from_code (error, display, rc);
}

static gboolean
migrate (TfStore  *self,
         GError  **error)
{
  gint64 version = query_int (self->db, "PRAGMA user_version", NULL);

  g_assert (tf_schema_n_migrations == TF_SCHEMA_VERSION);

  for (guint i = (guint) version; i < tf_schema_n_migrations; i++)
    {
      g_autofree char *bump = NULL;

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      bump = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                              TF_APPLICATION_ID, i + 1);
      if (!exec (self, tf_schema_migrations[i], error) || !exec (self, bump, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
      if (!exec (self, "COMMIT", error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }

  return TRUE;
}

/* The writer's settings, the schema brought up to date, and whether an
 * archive that was empty wants the demo. Not @durable: a new archive being made in a
 * hidden file, synced once when it is complete. */
static gboolean
set_up_writer (TfStore           *self,
               TfStoreOpenFlags   flags,
               gboolean           fresh,
               gboolean           durable,
               GError           **error)
{
  if (!exec (self, durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF", error) ||
      !exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;
  if (!migrate (self, error))
    return FALSE;
  /* The demo is the caller's choice (core/tf-demo.h; the board types that
   * write its boards are registered by the wings). Asked for at opening, it
   * is written here, into the hidden file a new archive is made in, so
   * that no other process ever sees the archive without it. */
  if (fresh && !(flags & TF_STORE_OPEN_NO_DEMO))
    {
      if (flags & TF_STORE_OPEN_DEMO)
        return tf_demo_ensure (self, NULL, error);
      self->wants_demo = TRUE;
    }
  return TRUE;
}

static gboolean
set_clean (TfStore   *self,
           gboolean   clean,
           GError   **error)
{
  return exec (self, clean ? "UPDATE archive_state SET clean = 1 WHERE id = 1"
                           : "UPDATE archive_state SET clean = 0 WHERE id = 1",
               error);
}

static gboolean
set_read_only_error (GError     **error,
                     const char  *display)
{
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_READ_ONLY,
               _("%s is read-only (a read-only disk or no write permission): nothing was changed"),
               display);
  return FALSE;
}

static gboolean
fsync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Puts the finished file @tmp at @path unless something is there already:
 * link() where the filesystem has hard links, else rename without
 * replacing. Sets *@taken when another process was first. */
static gboolean
publish_new_file (const char  *tmp,
                  const char  *path,
                  gboolean    *taken,
                  int         *saved_errno)
{
  *taken = FALSE;
  if (link (tmp, path) == 0)
    {
      g_unlink (tmp);
      return TRUE;
    }
  if (errno == EEXIST)
    {
      *taken = TRUE;
      return FALSE;
    }
  /* FAT (most USB sticks) has no hard links. */
  if (renameat2 (AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
    return TRUE;
  if (errno == EEXIST)
    {
      *taken = TRUE;
      return FALSE;
    }
  if (errno == EINVAL || errno == ENOSYS)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          *taken = TRUE;
          return FALSE;
        }
      if (g_rename (tmp, path) == 0)
        return TRUE;
    }
  *saved_errno = errno;
  return FALSE;
}

static void
remove_with_companions (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      g_unlink (side);
    }
  g_unlink (path);
}

/* Removes the hidden files of creations that were killed half-way: those
 * no creator holds the lock of any more (and not brand new). */
static void
remove_stale_new_files (const char *dir,
                        const char *base)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strdup_printf (".%s.new-", base);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *file = NULL;
      struct flock lock;
      struct stat st;
      int fd;

      if (!g_str_has_prefix (name, prefix) || strlen (name) != strlen (prefix) + 6)
        continue;
      file = g_build_filename (dir, name, NULL);
      fd = g_open (file, O_RDWR | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0);
      if (fd < 0)
        continue;
      writer_lock_init (&lock, F_WRLCK);
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime > 10 &&
          fcntl (fd, F_OFD_SETLK, &lock) == 0)
        remove_with_companions (file);
      close (fd);
    }
}

/* Creates a missing archive at once, whole: the schema and the demo are
 * written to a hidden file in the same folder, which is then linked into
 * place, so that no other process ever sees a half-made archive. If another
 * process was first, its archive is kept and *@lost_race is set. On success
 * the writer's lock on the new file is already held. */
static gboolean
create_archive (TfStore           *self,
                TfStoreOpenFlags   flags,
                gboolean          *lost_race,
                GError           **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.new-XXXXXX", dir, base);
  gboolean taken = FALSE;
  int fd, saved = 0;

  *lost_race = FALSE;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      saved = errno;
      goto cannot_create;
    }
  remove_stale_new_files (dir, base);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      saved = errno;
      goto cannot_create;
    }
  if (!writer_lock_take (fd, display, FALSE, error))
    {
      close (fd);
      g_unlink (tmp);
      return FALSE;
    }

  if (open_connection (tmp, CONNECTION_WRITE, &self->db) != SQLITE_OK)
    {
      tf_store_fail (self, error, _("Cannot create the archive"));
      goto failed;
    }
  /* A file of our own making: its schema is the program's from the start. */
  if (!tf_store_guard_connection (self->db, &self->guard, error))
    goto failed;
  tf_store_guard_trust_schema (self->db);
  if (!exec (self, "PRAGMA foreign_keys = ON", error) ||
      !set_up_writer (self, flags, TRUE, FALSE, error) ||
      !set_clean (self, TRUE, error))
    goto failed;
  /* The last close folds the log into the file and removes it. */
  g_hash_table_remove_all (self->statements);
  if (sqlite3_close (self->db) != SQLITE_OK)
    {
      tf_store_fail (self, error, _("Cannot create the archive"));
      goto failed;
    }
  self->db = NULL;
  if (fsync (fd) != 0)
    {
      saved = errno;
      goto cannot_write;
    }

  if (!publish_new_file (tmp, self->path, &taken, &saved))
    {
      close (fd);
      remove_with_companions (tmp);
      if (taken)
        {
          *lost_race = TRUE;
          return TRUE;
        }
      goto cannot_create;
    }
  fsync_dir (dir);
  self->lock_fd = fd;
  return TRUE;

cannot_write:
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
               _("Cannot create %s: %s"), display, g_strerror (saved));
failed:
  g_hash_table_remove_all (self->statements);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
  close (fd);
  remove_with_companions (tmp);
  return FALSE;

cannot_create:
  if (saved == EROFS || saved == EACCES || saved == EPERM)
    return set_read_only_error (error, display);
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
               _("Cannot create %s: %s"), display, g_strerror (saved));
  return FALSE;
}

/* Takes the writer's lock on the file @info describes, through a descriptor
 * of its own that lives as long as the store. */
static gboolean
take_lock (TfStore         *self,
           const FileInfo  *info,
           gboolean         wait,
           GError         **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  struct stat st;
  int fd;

  fd = g_open (info->real_path, O_RDWR | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == EROFS || saved == EACCES || saved == EPERM)
        return set_read_only_error (error, display);
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
                   _("Cannot lock %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || st.st_dev != info->st.st_dev || st.st_ino != info->st.st_ino)
    {
      /* Another file now: no store of ours has it open through this name. */
      close (fd);
      return set_busy (error, display);
    }
  if (!writer_lock_take (fd, display, wait, error))
    {
      /* The window's own connections may have the file open: see FilePin. */
      file_pin_park (info->pin, fd);
      return FALSE;
    }
  self->lock_fd = fd;
  return TRUE;
}

char *
tf_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "transfo", "archive.sqlite", NULL);
}

/**
 * tf_store_open:
 * @path: the archive file
 * @flags: how to open it
 * @error: a #GError
 *
 * Opens an archive. An existing file is first looked at without writing to
 * it: what is not a regular file, a file of another application or of a
 * newer Transfo is refused with a clear message and left untouched. An
 * archive that was not closed cleanly goes through `PRAGMA quick_check`
 * first, unless %TF_STORE_OPEN_DEFER_CHECK; one that was opens in
 * milliseconds whatever its size. A missing archive (with
 * %TF_STORE_OPEN_CREATE) is made whole in a hidden file and linked into
 * place. A writer holds the writer's lock on the file until
 * tf_store_close().
 *
 * Returns: (transfer full): the store, or %NULL
 */
TfStore *
tf_store_open (const char        *path,
               TfStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(TfStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  g_auto(FileInfo) info = { 0 };
  Validation validation = { FALSE, FALSE };
  gboolean want_write, fresh, check;
  ConnectionMode mode, check_mode;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  want_write = !(flags & TF_STORE_OPEN_READ_ONLY);

  self = g_object_new (TF_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (!inspect_file (path, &info, &local_error))
    {
      gboolean lost_race;

      if (!g_error_matches (local_error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_FOUND) ||
          !want_write || !(flags & TF_STORE_OPEN_CREATE) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);
      /* Made whole and linked into place (lock held), or made by another
       * process at the same moment: either way, opened as it is now. */
      if (!create_archive (self, flags, &lost_race, error) ||
          !inspect_file (path, &info, error))
        return NULL;
    }

  fresh = info.st.st_size == 0;
  self->read_only = !want_write;
  if (want_write && !info.writable)
    {
      if (!(flags & TF_STORE_OPEN_ALLOW_READ_ONLY) || fresh)
        {
          set_read_only_error (error, display);
          return NULL;
        }
      /* A CD, a write-protected stick, a file without write permission. */
      self->read_only = TRUE;
    }

  if (!self->read_only && self->lock_fd < 0)
    {
      g_auto(FileInfo) locked = { 0 };

      if (!take_lock (self, &info, (flags & TF_STORE_OPEN_WAIT_FOR_LOCK) != 0, error))
        return NULL;
      /* Another writer may have set it up or replaced it while we waited. */
      if (!inspect_file (path, &locked, error))
        return NULL;
      if (locked.st.st_dev != info.st.st_dev || locked.st.st_ino != info.st.st_ino)
        {
          set_busy (error, display);
          return NULL;
        }
      file_info_clear (&info);
      info = locked;
      locked.real_path = NULL;
      locked.pin = NULL;
      fresh = info.st.st_size == 0;
    }

  /* The store's descriptors of the file stay open as long as it is. */
  self->pin = file_pin_ref (info.pin);

  /* Immutable only when no writer can exist: nobody may write to the file,
   * and nobody has it open (no log beside it, no writer's lock). */
  if (!self->read_only)
    mode = CONNECTION_WRITE;
  else if (info.writable)
    mode = CONNECTION_READ;
  else if (!info.has_wal && !info.writer_live)
    mode = CONNECTION_IMMUTABLE;
  else
    mode = CONNECTION_READ_ONLY;
  /* The look before opening writes nothing: beside a log (another
   * application's maybe) it only reads. */
  if (mode == CONNECTION_IMMUTABLE || mode == CONNECTION_READ_ONLY || info.has_wal)
    check_mode = mode == CONNECTION_IMMUTABLE ? CONNECTION_IMMUTABLE : CONNECTION_READ_ONLY;
  else
    check_mode = CONNECTION_READ;

  /* "Not closed cleanly" means nothing while another process writes to it:
   * its writer has it open. A writer holds the lock itself by now. */
  check = !(flags & TF_STORE_OPEN_DEFER_CHECK) && (!self->read_only || !info.writer_live);
  if (!fresh && !validate_existing (&info, display, check_mode, check, &validation, error))
    return NULL;
  fresh = fresh || validation.blank;
  if (fresh && self->read_only)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_FOUND,
                   _("%s is empty: it holds no archive yet"), display);
      return NULL;
    }
  self->needs_check = !fresh && !validation.clean && (!self->read_only || !info.writer_live);

  if (open_connection (info.real_path, mode, &self->db) != SQLITE_OK)
    {
      set_error_from_code (error, display,
                           self->db ? sqlite3_extended_errcode (self->db) : SQLITE_CANTOPEN);
      return NULL;
    }
  /* The file may have changed since validate_existing() looked at it. */
  if (!tf_store_guard_connection (self->db, &self->guard, error) ||
      (!fresh && !tf_store_guard_check_schema (self->db, display, error)))
    return NULL;
  tf_store_guard_trust_schema (self->db);
  if (!exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (!self->read_only)
    {
      if (!set_up_writer (self, flags, fresh, TRUE, error))
        return NULL;
      /* Marked open, and checkpointed so that the file alone says so: a
       * copy taken while it is open is seen as not closed cleanly. */
      if (!set_clean (self, FALSE, error))
        return NULL;
      sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      self->marked_open = TRUE;
    }

  return g_steal_pointer (&self);
}

int
tf_store_get_schema_version (TfStore *self)
{
  g_return_val_if_fail (TF_IS_STORE (self), -1);
  return (int) query_int (self->db, "PRAGMA user_version", NULL);
}

gboolean
tf_store_check_integrity (TfStore  *self,
                          GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  gint64 limit;

  g_return_val_if_fail (TF_IS_STORE (self), FALSE);

  /* Reads the whole file: it may take long, legitimately. */
  limit = tf_store_set_query_limit (self, 0);
  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  tf_store_set_query_limit (self, limit);

  if (!ok)
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_CORRUPT,
                 _("The archive fails SQLite's integrity check"));
  return ok;
}

void
tf_store_close (TfStore *self)
{
  g_return_if_fail (TF_IS_STORE (self));

  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
      /* The writer's last word: everything before it is committed. */
      if (self->marked_open && !set_clean (self, TRUE, NULL))
        g_debug ("Could not mark %s as closed cleanly", self->path);
      self->marked_open = FALSE;
      /* Every statement is finalized above, so this close is the last one:
       * SQLite checkpoints the whole log and deletes the -wal and -shm. */
      if (sqlite3_close (self->db) != SQLITE_OK)
        {
          g_warning ("The archive %s still had open statements at close", self->path);
          sqlite3_close_v2 (self->db);
        }
      self->db = NULL;
    }
  if (self->lock_fd >= 0)
    {
      struct flock lock;

      /* Another store of the process may have the file open still: the
       * writer's lock is let go, its descriptor kept (see FilePin). */
      writer_lock_init (&lock, F_UNLCK);
      if (self->pin != NULL && fcntl (self->lock_fd, F_OFD_SETLK, &lock) == 0)
        file_pin_park (self->pin, self->lock_fd);
      else
        close (self->lock_fd);
      self->lock_fd = -1;
    }
  g_clear_pointer (&self->pin, file_pin_unref);
}

gboolean
tf_store_is_closed (TfStore *self)
{
  g_return_val_if_fail (TF_IS_STORE (self), TRUE);
  return self->db == NULL;
}

gboolean
tf_store_needs_check (TfStore *self)
{
  g_return_val_if_fail (TF_IS_STORE (self), FALSE);
  return self->needs_check;
}

/* Runs a check pragma; the rows it returns are problems, described in
 * @problems (at most a few). */
static int
collect_problems (sqlite3     *db,
                  const char  *sql,
                  gboolean     ok_row,
                  GString     *problems)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 0);

      rc = SQLITE_OK;
      if ((ok_row && g_strcmp0 (first, "ok") == 0) || n++ >= 3)
        continue;
      if (problems->len > 0)
        g_string_append (problems, "; ");
      if (ok_row)
        g_string_append (problems, first ? first : "?");
      else
        /* TRANSLATORS: a row of a table refers to a row of another table that is not there */
        g_string_append_printf (problems, _("row %lld of %s refers to a missing row of %s"),
                                (long long) sqlite3_column_int64 (stmt, 1), first ? first : "?",
                                (const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  if (rc == SQLITE_OK && n > 3)
    g_string_append_printf (problems, _(" (and %u more)"), n - 3);
  return rc;
}

gboolean
tf_store_verify (const char    *path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *display = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  store = tf_store_open (path, TF_STORE_OPEN_READ_ONLY | TF_STORE_OPEN_DEFER_CHECK, error);
  if (store == NULL)
    return FALSE;

  display = g_filename_display_name (path);
  /* The whole file is read: no time bound, but the cancellable stops it. */
  tf_store_set_query_limit (store, 0);
  store->guard.cancellable = cancellable;
  rc = collect_problems (store->db, "PRAGMA integrity_check", TRUE, problems);
  if (rc == SQLITE_OK && problems->len == 0)
    rc = collect_problems (store->db, "PRAGMA foreign_key_check", FALSE, problems);
  store->guard.cancellable = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != SQLITE_OK)
    return set_error_from_code (error, display, rc);
  if (problems->len > 0)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_CORRUPT,
                   _("%s is damaged: %s. Restore it from a backup"), display, problems->str);
      return FALSE;
    }
  return TRUE;
}

gboolean
tf_store_checkpoint (TfStore  *self,
                     GError  **error)
{
  int rc;

  g_return_val_if_fail (TF_IS_STORE (self), FALSE);

  if (self->db == NULL || self->read_only)
    return TRUE;
  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    return tf_store_fail (self, error, _("Could not write to the archive"));
  return TRUE;
}

/* Reads which rows a changeset touched, for the "changed" signal. */
static GArray *
collect_changes (GBytes *changeset)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (TfChange));
  sqlite3_changeset_iter *iter = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (changeset, &size);

  if (sqlite3changeset_start (&iter, (int) size, (void *) data) != SQLITE_OK)
    return changes;

  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_cols, op, indirect;
      sqlite3_value *value = NULL;
      TfChange change;

      if (sqlite3changeset_op (iter, &table, &n_cols, &op, &indirect) != SQLITE_OK)
        break;

      change.table = g_intern_string (table);
      change.op = op == SQLITE_INSERT ? TF_CHANGE_INSERT
                : op == SQLITE_DELETE ? TF_CHANGE_DELETE
                : TF_CHANGE_UPDATE;
      if (op == SQLITE_INSERT)
        sqlite3changeset_new (iter, 0, &value);
      else
        sqlite3changeset_old (iter, 0, &value);
      change.id = value ? sqlite3_value_int64 (value) : 0;
      g_array_append_val (changes, change);
    }

  sqlite3changeset_finalize (iter);
  return changes;
}

const char * const tf_store_session_tables[] = {
  "sessions",
  "session_steps",
  "session_rooms",
  "vote_rounds",
  "vote_counts",
  "contributions",
  NULL
};

gboolean
tf_store_changes_only_in (const GArray       *changes,
                          const char * const *tables)
{
  g_return_val_if_fail (changes != NULL, FALSE);
  g_return_val_if_fail (tables != NULL, FALSE);

  for (guint i = 0; i < changes->len; i++)
    {
      const TfChange *change = &g_array_index (changes, TfChange, i);

      /* Interned, but compared as text: a caller may give its own. */
      if (change->table == NULL || !g_strv_contains (tables, change->table))
        return FALSE;
    }
  return TRUE;
}

static void
emit_changed (TfStore *self,
              GBytes  *changeset)
{
  g_autoptr(GArray) changes = NULL;

  /* Decoding a big import's changeset costs; with nobody listening (the
   * command line), skip it. */
  if (!g_signal_has_handler_pending (self, signals[CHANGED], 0, FALSE))
    return;
  changes = collect_changes (changeset);

  if (changes->len > 0)
    g_signal_emit (self, signals[CHANGED], 0, changes);
}

/**
 * tf_store_edit:
 *
 * The one way to write: @func runs in a single IMMEDIATE transaction while a
 * session records the rows it changes. Any failure rolls everything back.
 */
gboolean
tf_store_edit (TfStore          *self,
               TfStoreEditFunc   func,
               gpointer          user_data,
               GBytes          **changeset,
               GError          **error)
{
  sqlite3_session *session = NULL;
  g_autoptr(GBytes) bytes = NULL;
  void *data = NULL;
  int size = 0;

  g_return_val_if_fail (TF_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (self->db == NULL)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED, _("The archive is closed"));
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
                   _("The archive is open read-only"));
      return FALSE;
    }

  if (sqlite3session_create (self->db, "main", &session) != SQLITE_OK)
    return tf_store_fail (self, error, _("Could not record the change"));
  for (guint i = 0; tf_schema_tracked_tables[i] != NULL; i++)
    sqlite3session_attach (session, tf_schema_tracked_tables[i]);

  if (!exec (self, "BEGIN IMMEDIATE", error))
    {
      sqlite3session_delete (session);
      return FALSE;
    }

  if (!func (self, user_data, error))
    goto rollback;

  if (sqlite3session_changeset (session, &size, &data) != SQLITE_OK)
    {
      tf_store_fail (self, error, _("Could not record the change"));
      goto rollback;
    }
  bytes = g_bytes_new_with_free_func (data, size, sqlite3_free, data);
  sqlite3session_delete (session);
  session = NULL;

  if (!exec (self, "COMMIT", error))
    goto rollback;

  emit_changed (self, bytes);
  if (changeset)
    *changeset = g_steal_pointer (&bytes);
  return TRUE;

rollback:
  if (session)
    sqlite3session_delete (session);
  exec (self, "ROLLBACK", NULL);
  return FALSE;
}

GBytes *
tf_store_concat_changesets (GBytes  *first,
                            GBytes  *second,
                            GError **error)
{
  gsize size_a = 0, size_b = 0;
  gconstpointer a, b;
  void *data = NULL;
  int size = 0;

  g_return_val_if_fail (first != NULL, NULL);
  g_return_val_if_fail (second != NULL, NULL);

  a = g_bytes_get_data (first, &size_a);
  b = g_bytes_get_data (second, &size_b);
  if (size_a > G_MAXINT || size_b > G_MAXINT ||
      sqlite3changeset_concat ((int) size_a, (void *) a, (int) size_b, (void *) b,
                               &size, &data) != SQLITE_OK)
    {
      sqlite3_free (data);
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED, _("Could not record the change"));
      return NULL;
    }
  return g_bytes_new_with_free_func (data, size, sqlite3_free, data);
}

static gboolean
values_equal (sqlite3_value *a,
              sqlite3_value *b)
{
  int type = sqlite3_value_type (a);

  if (type != sqlite3_value_type (b))
    return FALSE;
  switch (type)
    {
    case SQLITE_INTEGER:
      return sqlite3_value_int64 (a) == sqlite3_value_int64 (b);
    case SQLITE_FLOAT:
      return sqlite3_value_double (a) == sqlite3_value_double (b);
    case SQLITE_NULL:
      return TRUE;
    default:
      return sqlite3_value_bytes (a) == sqlite3_value_bytes (b) &&
             memcmp (sqlite3_value_blob (a), sqlite3_value_blob (b), sqlite3_value_bytes (a)) == 0;
    }
}

/* Whether the row in the archive differs from the one the change expects only
 * by references that are now NULL: an ON DELETE SET NULL cascade of this very
 * changeset (a zone removed before its notes) got there first. */
static gboolean
only_references_cleared (sqlite3_changeset_iter *iter,
                         int                     n_cols)
{
  for (int i = 0; i < n_cols; i++)
    {
      sqlite3_value *expected = NULL;
      sqlite3_value *current = NULL;

      if (sqlite3changeset_old (iter, i, &expected) != SQLITE_OK || expected == NULL)
        continue;
      if (sqlite3changeset_conflict (iter, i, &current) != SQLITE_OK || current == NULL)
        return FALSE;
      if (sqlite3_value_type (current) != SQLITE_NULL && !values_equal (expected, current))
        return FALSE;
    }
  return TRUE;
}

static int
on_conflict (void                   *user_data,
             int                     conflict,
             sqlite3_changeset_iter *iter)
{
  const char *table;
  int n_cols, op, indirect;

  if (sqlite3changeset_op (iter, &table, &n_cols, &op, &indirect) == SQLITE_OK)
    {
      /* Replaying a delete whose row a cascade already removed is not a conflict. */
      if (conflict == SQLITE_CHANGESET_NOTFOUND && op == SQLITE_DELETE)
        return SQLITE_CHANGESET_OMIT;
      /* Nor is replaying a change to a row whose reference a cascade cleared. */
      if (conflict == SQLITE_CHANGESET_DATA && (op == SQLITE_DELETE || op == SQLITE_UPDATE) &&
          only_references_cleared (iter, n_cols))
        return SQLITE_CHANGESET_REPLACE;
    }

  *(int *) user_data = conflict;
  return SQLITE_CHANGESET_ABORT;
}

/* FTS5 writes its pending terms out at every statement savepoint, which each
 * trigger body opens: through the items_fts triggers, replaying thousands of
 * rows costs about seven times the rows themselves. A changeset that big
 * therefore keeps the index in step itself, inside the same transaction: the
 * triggers are dropped, the old text of every row it deletes or rewrites is
 * removed from the index, the changeset is applied, the new text is added,
 * and the triggers are created again from the program's own schema — never
 * from the SQL stored in the file, which sqlite3_exec() would run whole,
 * whatever was planted after its END. */
#define BULK_ITEM_CHANGES 500

static const struct {
  const char *drop;
  const char *create;
} items_fts_triggers[] = {
  { "DROP TRIGGER items_fts_ai", tf_schema_items_fts_ai },
  { "DROP TRIGGER items_fts_ad", tf_schema_items_fts_ad },
  { "DROP TRIGGER items_fts_au", tf_schema_items_fts_au },
};

typedef struct {
  gboolean dropped[G_N_ELEMENTS (items_fts_triggers)];
  int      text_column;
} BulkFts;

static guint
count_item_changes (GBytes *changeset)
{
  sqlite3_changeset_iter *iter = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (changeset, &size);
  guint n = 0;

  if (sqlite3changeset_start (&iter, (int) size, (void *) data) != SQLITE_OK)
    return 0;
  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_cols, op, indirect;

      if (sqlite3changeset_op (iter, &table, &n_cols, &op, &indirect) == SQLITE_OK &&
          g_str_equal (table, "items"))
        n++;
    }
  sqlite3changeset_finalize (iter);
  return n;
}

static gboolean
bulk_fts_begin (TfStore  *self,
                BulkFts  *bulk,
                GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = tf_store_prepare (self, "SELECT cid FROM pragma_table_info ('items') WHERE name = 'text'", error);
  if (stmt == NULL)
    return FALSE;
  found = sqlite3_step (stmt) == SQLITE_ROW;
  bulk->text_column = found ? sqlite3_column_int (stmt, 0) : -1;
  sqlite3_reset (stmt);
  if (!found)
    return tf_store_fail (self, error, _("Could not read the archive"));

  /* The archive's schema was checked at open: the three triggers are there. */
  for (guint i = 0; i < G_N_ELEMENTS (items_fts_triggers); i++)
    {
      if (!exec (self, items_fts_triggers[i].drop, error))
        return FALSE;
      bulk->dropped[i] = TRUE;
    }
  return TRUE;
}

typedef struct {
  gint64         id;
  sqlite3_value *text;
} IndexEntry;

static void
index_entry_clear (gpointer data)
{
  sqlite3_value_free (((IndexEntry *) data)->text);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = ((const IndexEntry *) a)->id, y = ((const IndexEntry *) b)->id;

  return x < y ? -1 : x > y;
}

/* Before the apply, removes the old text of deleted and rewritten rows from
 * the index; after it, adds the new text of inserted and rewritten rows. In
 * rowid order: FTS5 flushes its pending terms whenever a rowid goes back,
 * and a changeset lists its rows in hash order. */
static gboolean
bulk_fts_sync (TfStore  *self,
               BulkFts  *bulk,
               GBytes   *changeset,
               gboolean  before,
               GError  **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (IndexEntry));
  sqlite3_changeset_iter *iter = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (changeset, &size);
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (entries, index_entry_clear);
  if (sqlite3changeset_start (&iter, (int) size, (void *) data) != SQLITE_OK)
    return tf_store_fail (self, error, _("Could not read the change"));

  while ((rc = sqlite3changeset_next (iter)) == SQLITE_ROW)
    {
      const char *table;
      int n_cols, op, indirect;
      sqlite3_value *id = NULL, *text = NULL;
      IndexEntry entry;

      if (sqlite3changeset_op (iter, &table, &n_cols, &op, &indirect) != SQLITE_OK ||
          !g_str_equal (table, "items") || bulk->text_column >= n_cols)
        continue;
      if (op == SQLITE_UPDATE)
        {
          sqlite3_value *new_text = NULL;

          /* Only a change of the text itself touches the index. */
          if (sqlite3changeset_new (iter, bulk->text_column, &new_text) != SQLITE_OK || new_text == NULL)
            continue;
        }
      if (before ? op == SQLITE_INSERT : op == SQLITE_DELETE)
        continue;

      if (op == SQLITE_INSERT)
        sqlite3changeset_new (iter, 0, &id);
      else
        sqlite3changeset_old (iter, 0, &id);
      if (before)
        sqlite3changeset_old (iter, bulk->text_column, &text);
      else
        sqlite3changeset_new (iter, bulk->text_column, &text);
      if (id == NULL || text == NULL)
        continue;

      entry.id = sqlite3_value_int64 (id);
      entry.text = sqlite3_value_dup (text);
      g_array_append_val (entries, entry);
    }
  if (sqlite3changeset_finalize (iter) != SQLITE_OK || rc != SQLITE_DONE)
    return tf_store_fail (self, error, _("Could not read the change"));

  g_array_sort (entries, compare_entries);
  stmt = tf_store_prepare (self,
                           before ? "INSERT INTO items_fts (items_fts, rowid, text) VALUES ('delete', ?, ?)"
                                  : "INSERT INTO items_fts (rowid, text) VALUES (?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      IndexEntry *entry = &g_array_index (entries, IndexEntry, i);

      sqlite3_bind_int64 (stmt, 1, entry->id);
      sqlite3_bind_value (stmt, 2, entry->text);
      if (!tf_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
bulk_fts_end (TfStore  *self,
              BulkFts  *bulk,
              GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (items_fts_triggers); i++)
    if (bulk->dropped[i] && !exec (self, items_fts_triggers[i].create, error))
      return FALSE;
  return TRUE;
}

gboolean
tf_store_apply_changeset (TfStore   *self,
                          GBytes    *changeset,
                          gboolean   invert,
                          GError   **error)
{
  g_autoptr(GBytes) applied = NULL;
  BulkFts bulk_fts = { { FALSE }, -1 };
  gboolean bulk;
  gsize size;
  gconstpointer data;
  int conflict = 0;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (self), FALSE);
  g_return_val_if_fail (changeset != NULL, FALSE);

  if (self->db == NULL)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED, _("The archive is closed"));
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
                   _("The archive is open read-only"));
      return FALSE;
    }

  data = g_bytes_get_data (changeset, &size);
  if (invert)
    {
      void *inverted = NULL;
      int n = 0;

      if (sqlite3changeset_invert ((int) size, data, &n, &inverted) != SQLITE_OK)
        return tf_store_fail (self, error, _("Could not undo"));
      applied = g_bytes_new_with_free_func (inverted, n, sqlite3_free, inverted);
    }
  else
    applied = g_bytes_ref (changeset);

  bulk = count_item_changes (applied) > BULK_ITEM_CHANGES;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (bulk && (!bulk_fts_begin (self, &bulk_fts, error) ||
               !bulk_fts_sync (self, &bulk_fts, applied, TRUE, error)))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  data = g_bytes_get_data (applied, &size);
  rc = sqlite3changeset_apply (self->db, (int) size, (void *) data, NULL, on_conflict, &conflict);
  if (rc != SQLITE_OK || conflict != 0)
    {
      if (conflict != 0)
        g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_CONFLICT,
                     _("The archive changed since this edit; it cannot be undone or redone"));
      else
        tf_store_fail (self, error, invert ? _("Could not undo") : _("Could not redo"));
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  if (bulk && (!bulk_fts_sync (self, &bulk_fts, applied, FALSE, error) ||
               !bulk_fts_end (self, &bulk_fts, error)))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  if (!exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }

  emit_changed (self, applied);
  return TRUE;
}

void
tf_store_set_cancellable (TfStore      *self,
                          GCancellable *cancellable)
{
  g_return_if_fail (TF_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self->guard.cancellable = cancellable;
}

gint64
tf_store_set_query_limit (TfStore *self,
                          gint64   limit_us)
{
  gint64 previous;

  g_return_val_if_fail (TF_IS_STORE (self), 0);
  g_return_val_if_fail (limit_us >= 0, 0);

  previous = self->guard.limit;
  self->guard.limit = limit_us;
  self->guard.deadline = g_get_monotonic_time () + limit_us;
  return previous;
}
