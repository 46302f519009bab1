/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sys/stat.h>

G_BEGIN_DECLS

#define TF_STORE_ERROR (tf_store_error_quark ())

typedef enum {
  TF_STORE_ERROR_NOT_FOUND,       /* no archive at that path */
  TF_STORE_ERROR_NOT_ARCHIVE,     /* a file, but not a Transfo archive */
  TF_STORE_ERROR_TOO_NEW,         /* written by a newer Transfo */
  TF_STORE_ERROR_CORRUPT,         /* fails SQLite's checks */
  TF_STORE_ERROR_LOCKED,          /* another Transfo process writes to it */
  TF_STORE_ERROR_NO_SUCH_ROW,     /* an id that is not in the archive */
  TF_STORE_ERROR_INVALID,         /* a value the archive refuses */
  TF_STORE_ERROR_CONFLICT,        /* undo/redo no longer matches the archive */
  TF_STORE_ERROR_FAILED,          /* any other SQLite failure */
  TF_STORE_ERROR_BUSY,            /* another process holds it for a moment: try again */
  TF_STORE_ERROR_READ_ONLY,       /* a writer asked for an archive that cannot be written */
  TF_STORE_ERROR_IN_BIN,          /* an experiment in the Bin (core/tf-bin.h) */
} TfStoreError;

typedef enum {
  TF_STORE_OPEN_DEFAULT   = 0,
  TF_STORE_OPEN_CREATE    = 1 << 0, /* create if missing (see tf_store_wants_demo) */
  TF_STORE_OPEN_READ_ONLY = 1 << 1, /* no lock, no migration, no write */
  TF_STORE_OPEN_NO_DEMO   = 1 << 2, /* a new archive does not want the demo (tests) */
  TF_STORE_OPEN_ALLOW_READ_ONLY = 1 << 3, /* an archive that cannot be written (read-only
                                           * disk, no permission) opens read-only instead
                                           * of failing; tf_store_get_read_only() tells */
  TF_STORE_OPEN_DEFER_CHECK = 1 << 4, /* an archive that was not closed cleanly is not
                                       * checked at open: the caller runs
                                       * tf_store_verify() (the window, in a thread) */
  TF_STORE_OPEN_DEMO      = 1 << 6, /* a new archive is made with the demo in it (the
                                     * window and the command line ask for it): it
                                     * appears whole, demo included */
  TF_STORE_OPEN_WAIT_FOR_LOCK = 1 << 5, /* a writer waits a moment (2 s) for another
                                         * writer to finish before failing as locked */
} TfStoreOpenFlags;

/* The kind of change a committed edit made to one row. */
typedef enum {
  TF_CHANGE_INSERT,
  TF_CHANGE_UPDATE,
  TF_CHANGE_DELETE,
} TfChangeOp;

typedef struct {
  const char *table;  /* "experiments", "boards", "items", ... (static string) */
  TfChangeOp  op;
  gint64      id;     /* the row's first primary-key column */
} TfChange;

#define TF_TYPE_STORE (tf_store_get_type ())
G_DECLARE_FINAL_TYPE (TfStore, tf_store, TF, STORE, GObject)

#define TF_SCHEMA_VERSION  11
#define TF_APPLICATION_ID  0x54465241 /* "TFRA" */

GQuark       tf_store_error_quark      (void);

TfStore     *tf_store_open             (const char        *path,
                                        TfStoreOpenFlags   flags,
                                        GError           **error) G_GNUC_WARN_UNUSED_RESULT;
char        *tf_store_default_path     (void) G_GNUC_WARN_UNUSED_RESULT;

const char  *tf_store_get_path         (TfStore           *self);
/* Whether the file @st describes (a stat() of a path, any spelling: a
 * symlink, a hard link) is an archive a store of this process has open or
 * looks at, or one of SQLite's files beside it; which in @suffix: "" for
 * the archive itself, "-wal", "-shm" or "-journal". Such a file must not be
 * opened and closed by anyone else in the process: closing any descriptor
 * of a file drops every POSIX lock the process holds on it, SQLite's
 * included. Any thread. */
gboolean     tf_store_is_open_file     (const struct stat *st,
                                        const char       **suffix);
gboolean     tf_store_get_read_only    (TfStore           *self);
/* TRUE when this open made a new archive without TF_STORE_OPEN_NO_DEMO nor
 * TF_STORE_OPEN_DEMO: the caller may add the demo (tf_demo_ensure). */
gboolean     tf_store_wants_demo       (TfStore           *self);
int          tf_store_get_schema_version (TfStore         *self);

/* An edit function: runs inside one IMMEDIATE transaction whose row changes are recorded. */
typedef gboolean (*TfStoreEditFunc) (TfStore   *store,
                                     gpointer   user_data,
                                     GError   **error);

/* Runs @func in one transaction. On success the transaction is committed and, if
 * @changeset is not NULL, it receives the recorded changes (for undo). On failure
 * everything is rolled back and nothing is written. */
gboolean     tf_store_edit             (TfStore           *self,
                                        TfStoreEditFunc    func,
                                        gpointer           user_data,
                                        GBytes           **changeset,
                                        GError           **error);

/* Applies a recorded changeset (or its inverse) in one transaction. */
gboolean     tf_store_apply_changeset  (TfStore           *self,
                                        GBytes            *changeset,
                                        gboolean           invert,
                                        GError           **error);

/* One changeset that does what @first then @second do (an insert and the
 * update after it become one insert of the updated row), or NULL with
 * @error set when they cannot be joined. */
GBytes      *tf_store_concat_changesets (GBytes           *first,
                                        GBytes            *second,
                                        GError           **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean     tf_store_check_integrity  (TfStore           *self,
                                        GError           **error);
/* Checkpoints the write-ahead log into the archive file and truncates it, so
 * that the .sqlite file alone holds every committed edit. Cheap when the log
 * is small; the window calls it when idle. */
gboolean     tf_store_checkpoint       (TfStore           *self,
                                        GError           **error);
/* Finalizes every statement, checkpoints, closes the database (SQLite then
 * removes the -wal and -shm files) and releases the writer's lock, whoever
 * still holds a reference. Idempotent; afterwards every read and edit fails
 * with an error instead of touching the file. */
void         tf_store_close            (TfStore           *self);
/* Whether the archive was not closed cleanly last time (a crash, a power cut,
 * a copy taken while it was open, or an archive of format 2 or older): the
 * window then runs tf_store_verify() in the background. An archive that a
 * writer of another process has open right now is not "unclean". */
gboolean     tf_store_needs_check      (TfStore           *self);
/* The full check ("Check the Archive…", `transfo check`): SQLite's integrity
 * check and foreign keys (the schema is checked when any archive opens), on a
 * read-only connection of its own, so it can run in a thread while the window
 * goes on. @cancellable stops it within milliseconds (G_IO_ERROR_CANCELLED). */
gboolean     tf_store_verify           (const char        *path,
                                        GCancellable      *cancellable,
                                        GError           **error);
gboolean     tf_store_is_closed        (TfStore           *self);
/* While @cancellable (nullable; not referenced: the caller keeps it alive
 * until it sets NULL again) is cancelled, every statement of @self stops
 * within milliseconds and fails with G_IO_ERROR_CANCELLED: a long read in
 * a worker thread (an export's) ends when whoever waits for it goes away.
 * For a store used by one thread, the one that reads. */
void         tf_store_set_cancellable  (TfStore           *self,
                                        GCancellable      *cancellable);

/* Signal "changed" (gpointer changes): a GArray of TfChange, emitted after
 * every committed transaction (edit, undo or redo), once per transaction.
 * Each change names its table, so that a listener passes over a
 * transaction that touched nothing it shows (the phones' contributions
 * arrive one transaction each, many a second): */

/* Whether every change of @changes is a row of one of @tables (a
 * NULL-terminated list of table names): TRUE for an empty array. */
gboolean     tf_store_changes_only_in  (const GArray      *changes,
                                        const char * const *tables);
/* The tables only the session's and the room's own widgets show (sessions,
 * their steps and rooms, vote rounds, the phones' contributions): what the
 * main window and the experiment view pass over. */
extern const char * const tf_store_session_tables[];

G_END_DECLS
