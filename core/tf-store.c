/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-store"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "tf-demo.h"
#include "tf-store-private.h"

struct _TfStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;  /* const char *sql → sqlite3_stmt * */
  int         lock_fd;
  guint       read_only : 1;
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

void
tf_store_close (TfStore *self)
{
  g_return_if_fail (TF_IS_STORE (self));

  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
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
      close (self->lock_fd);
      self->lock_fd = -1;
    }
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
  return FALSE;
}

gboolean
tf_store_verify (const char    *path,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(TfStore) store = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  store = tf_store_open (path, TF_STORE_OPEN_READ_ONLY, error);
  if (store == NULL)
    return FALSE;
  return tf_store_check_integrity (store, error);
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

  if ((code & 0xff) == SQLITE_CONSTRAINT)
    tf_code = TF_STORE_ERROR_INVALID;
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    tf_code = TF_STORE_ERROR_CORRUPT;

  g_set_error (error, TF_STORE_ERROR, tf_code, "%s: %s", what,
               self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (code));
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

/* Looks at an existing file without writing anything to it: it must be an
 * SQLite database with our application id, a schema we know, and pass
 * quick_check. */
static gboolean
validate_existing (const char  *path,
                   gboolean    *is_empty,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  char header[16] = { 0 };
  sqlite3 *db = NULL;
  gssize n_read;
  gint64 app_id, version, n_tables;
  int fd, rc;

  *is_empty = FALSE;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE,
                   _("%s is a folder, not a Transfo archive"), display);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, TF_STORE_ERROR,
                   saved == ENOENT ? TF_STORE_ERROR_NOT_FOUND : TF_STORE_ERROR_FAILED,
                   _("Cannot open %s: %s"), display, g_strerror (saved));
      return FALSE;
    }
  n_read = read (fd, header, sizeof header);
  close (fd);

  if (n_read == 0)
    {
      *is_empty = TRUE;
      return TRUE;
    }

  if (n_read != sizeof header || memcmp (header, sqlite_magic, sizeof header) != 0)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE,
                   _("%s is not a Transfo archive"), display);
      return FALSE;
    }

  /* With no -wal beside it, all of the database is in the file: read it as
   * immutable, so that SQLite creates no -wal or -shm next to a file we may
   * refuse (a plain read-only connection to a WAL database leaves both). */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *uri = NULL;

    if (!g_file_test (wal, G_FILE_TEST_EXISTS))
      {
        g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
        uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
      }
    rc = sqlite3_open_v2 (uri ? uri : path, &db,
                          SQLITE_OPEN_READONLY | (uri ? SQLITE_OPEN_URI : 0), NULL);
  }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_CORRUPT,
                   _("%s cannot be read: %s"), display, sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return FALSE;
    }

  app_id = query_int (db, "PRAGMA application_id", &rc);
  if (rc != SQLITE_OK)
    goto corrupt;
  version = query_int (db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    goto corrupt;
  n_tables = query_int (db, "SELECT count(*) FROM sqlite_schema", &rc);
  if (rc != SQLITE_OK)
    goto corrupt;

  if (app_id != TF_APPLICATION_ID)
    {
      if (app_id == 0 && version == 0 && n_tables == 0)
        {
          /* An empty database, e.g. made by "sqlite3 file .quit": nothing to lose. */
          *is_empty = TRUE;
          sqlite3_close_v2 (db);
          return TRUE;
        }
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_ARCHIVE,
                   _("%s is a database of another application, not a Transfo archive"), display);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  if (version > TF_SCHEMA_VERSION)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Transfo (archive format %d, this version reads up to %d); update Transfo to open it"),
                   display, (int) version, TF_SCHEMA_VERSION);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  {
    sqlite3_stmt *stmt = NULL;
    gboolean ok = FALSE;

    rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
    if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
      ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
    sqlite3_finalize (stmt);
    if (!ok)
      goto corrupt;
  }

  sqlite3_close_v2 (db);
  return TRUE;

corrupt:
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_CORRUPT,
               _("%s is damaged (it fails SQLite's integrity check); it was left untouched. Restore it from a backup"),
               display);
  sqlite3_close_v2 (db);
  return FALSE;
}

/* One process writes to an archive at a time: the lock is an flock on a
 * sidecar file, released by the kernel even when the process is killed. */
static gboolean
take_lock (TfStore  *self,
           GError  **error)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);
  g_autofree char *display = g_filename_display_name (self->path);
  char pid[32];
  int fd;

  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
                   _("Cannot lock %s: %s"), display, g_strerror (saved));
      return FALSE;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      char other[32] = { 0 };
      gssize n = pread (fd, other, sizeof other - 1, 0);

      g_strstrip (other);
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_LOCKED,
                   _("%s is already open in another Transfo window or command (process %s); close it first"),
                   display, n > 0 && other[0] ? other : "?");
      close (fd);
      return FALSE;
    }

  g_snprintf (pid, sizeof pid, "%d\n", (int) getpid ());
  if (ftruncate (fd, 0) == 0 && pwrite (fd, pid, strlen (pid), 0) < 0)
    g_debug ("Could not record the pid in %s", lock_path);

  self->lock_fd = fd;
  return TRUE;
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
 * Opens an archive. An existing file is first checked without writing to it:
 * a file of another application, of a newer Transfo, or one that fails
 * `PRAGMA quick_check` is refused with a clear message and left untouched.
 *
 * Returns: (transfer full): the store, or %NULL
 */
TfStore *
tf_store_open (const char        *path,
               TfStoreOpenFlags   flags,
               GError           **error)
{
  g_autoptr(TfStore) self = NULL;
  g_autofree char *display = NULL;
  gboolean exists, is_empty = FALSE, created;
  int rc, open_flags;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  exists = g_file_test (path, G_FILE_TEST_EXISTS);

  if (!exists && !(flags & TF_STORE_OPEN_CREATE))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_FOUND,
                   _("There is no archive at %s"), display);
      return NULL;
    }
  if (exists && !validate_existing (path, &is_empty, error))
    return NULL;
  if (is_empty && (flags & TF_STORE_OPEN_READ_ONLY))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NOT_FOUND,
                   _("%s is empty: it holds no archive yet"), display);
      return NULL;
    }

  self = g_object_new (TF_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = (flags & TF_STORE_OPEN_READ_ONLY) != 0;
  if (exists && !is_empty && (flags & TF_STORE_OPEN_ALLOW_READ_ONLY))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      /* A CD, a write-protected stick, a file without write permission. */
      if (access (path, W_OK) != 0 || access (dir, W_OK) != 0)
        self->read_only = TRUE;
    }
  created = !exists || is_empty;

  if (!self->read_only)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0755) != 0)
        {
          int saved = errno;
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
                       _("Cannot create the folder for %s: %s"), display, g_strerror (saved));
          return NULL;
        }
      if (!take_lock (self, error))
        return NULL;
    }

  open_flags = self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *uri = NULL;

    /* Read-only with the whole database in the file: immutable, so that
     * SQLite needs no -shm (a read-only disk has none) and leaves nothing
     * beside the archive. */
    if (self->read_only && !g_file_test (wal, G_FILE_TEST_EXISTS))
      {
        g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

        uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
        open_flags |= SQLITE_OPEN_URI;
      }
    rc = sqlite3_open_v2 (uri != NULL ? uri : path, &self->db, open_flags | SQLITE_OPEN_NOMUTEX,
                          NULL);
  }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED,
                   _("Cannot open %s: %s"), display, sqlite3_errstr (rc));
      goto fail;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  if (!exec (self, "PRAGMA foreign_keys = ON", error))
    goto fail;

  if (!self->read_only)
    {
      if (!exec (self,
                 "PRAGMA journal_mode = WAL;"
                 "PRAGMA synchronous = FULL;",
                 error))
        goto fail;
      if (!migrate (self, error))
        goto fail;
      if (created && !(flags & TF_STORE_OPEN_NO_DEMO) && !tf_demo_ensure (self, NULL, error))
        goto fail;
    }

  return g_steal_pointer (&self);

fail:
  /* A file we created and could not set up holds nothing of the user's. */
  if (created && !exists)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_clear_pointer (&self->statements, g_hash_table_unref);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
    }
  return NULL;
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

  g_return_val_if_fail (TF_IS_STORE (self), FALSE);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (!ok)
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_CORRUPT,
                 _("The archive fails SQLite's integrity check"));
  return ok;
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
 * and the triggers are put back from their own SQL. */
#define BULK_ITEM_CHANGES 500

static const char * const items_fts_triggers[] = { "items_fts_ai", "items_fts_ad", "items_fts_au" };

typedef struct {
  char *trigger_sql[G_N_ELEMENTS (items_fts_triggers)];
  int   text_column;
} BulkFts;

static void
bulk_fts_clear (BulkFts *bulk)
{
  for (guint i = 0; i < G_N_ELEMENTS (bulk->trigger_sql); i++)
    g_clear_pointer (&bulk->trigger_sql[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BulkFts, bulk_fts_clear)

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

  for (guint i = 0; i < G_N_ELEMENTS (items_fts_triggers); i++)
    {
      g_autofree char *drop = NULL;

      stmt = tf_store_prepare (self, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, items_fts_triggers[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        bulk->trigger_sql[i] = g_strdup (tf_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (bulk->trigger_sql[i] == NULL)
        continue;

      drop = g_strdup_printf ("DROP TRIGGER %s", items_fts_triggers[i]);
      if (!exec (self, drop, error))
        return FALSE;
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
    if (bulk->trigger_sql[i] != NULL && !exec (self, bulk->trigger_sql[i], error))
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
  g_auto(BulkFts) bulk_fts = { { NULL }, -1 };
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
