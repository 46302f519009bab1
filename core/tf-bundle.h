/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Bundles: one experiment in one file, to give to another department.
 *
 * A bundle is an SQLite database with the archive's own schema, at the
 * archive's format version, holding one experiment and what it uses (its
 * boards, items, the user stamps and assets they use, its tags, sessions,
 * vote rounds and phone contributions) and nothing else, plus a `manifest`
 * table (name → value: the format, the Transfo version, the source
 * experiment's UUID, the department that exported it, when, and the
 * SHA-256 of every asset, named "asset:ID"). It opens with plain sqlite3.
 *
 * Rows keep their ids from the archive they left; importing remaps every
 * one. A bundle from elsewhere is untrusted: tf_bundle_open() reads it into
 * memory (the file is never opened by SQLite, so nothing is created beside
 * it), read-only, on a defensive connection with tight limits, runs
 * quick_check, compares its schema with the program's own plus the
 * manifest, and validates every row, every reference and every asset's
 * hash before anything is imported. */

#include "tf-command.h"
#include "tf-store.h"

G_BEGIN_DECLS

#define TF_BUNDLE_ERROR (tf_bundle_error_quark ())

typedef enum {
  TF_BUNDLE_ERROR_NOT_BUNDLE,  /* empty, a ZIP, another database, another schema */
  TF_BUNDLE_ERROR_TOO_NEW,     /* written by a newer Transfo */
  TF_BUNDLE_ERROR_DAMAGED,     /* fails quick_check, or cannot be read */
  TF_BUNDLE_ERROR_INVALID,     /* a row, a reference or a hash that is not right */
  TF_BUNDLE_ERROR_IMPORTED,    /* imported before: the caller chooses update or copy */
} TfBundleError;

/* The anonymisation options of an export. */
typedef enum {
  TF_BUNDLE_DROP_NONE          = 0,
  TF_BUNDLE_DROP_UNCONSENTED   = 1 << 0,  /* insights without consent (and phone
                                           * contributions that are not a kept note) */
  TF_BUNDLE_DROP_DATES         = 1 << 1,  /* interview dates of insights */
  TF_BUNDLE_DROP_PEOPLE_PHOTOS = 1 << 2,  /* photos showing people that nothing blurs */
  TF_BUNDLE_DROP_NOTES         = 1 << 3,  /* the facilitator's notes of session steps */
  TF_BUNDLE_DROP_ALL           = (1 << 4) - 1,
} TfBundleDrop;

/* The largest bundle read: ten 12-Mpx photos are some 100 MB. */
#define TF_BUNDLE_MAX_SIZE ((gsize) 1024 * 1024 * 1024)
/* The largest single value (an asset) a bundle may hold. */
#define TF_BUNDLE_MAX_BLOB (256 * 1024 * 1024)
/* The department's name in a manifest. */
#define TF_BUNDLE_MAX_DEPARTMENT 200

/* What an export leaves out or changes, decided above the core by the
 * item kinds (bundles/tf-bundle-share.h): the core knows no kind. */
typedef struct {
  guint        drop;        /* TfBundleDrop */
  GHashTable  *left_out;    /* (nullable) gint64* item ids not exported */
  GHashTable  *payloads;    /* (nullable) gint64* item id → char* payload sent instead */
  const char  *department;  /* (nullable) who exports, a department's name */
  gboolean     force;       /* replace another SQLite database at the target */
  GCancellable *cancellable; /* (nullable) checked between steps (a table, an
                              * asset): a cancelled export writes no file */
  void        (*progress) (double fraction, gpointer user_data); /* (nullable) */
  gpointer     progress_data;
} TfBundleExport;

/* What a bundle holds, for its preview. Strings owned by the bundle. */
typedef struct {
  const char *title;
  const char *department;     /* the exporter's, "" when not given */
  const char *exported_at;    /* ISO 8601 */
  const char *transfo_version;
  const char *source_uuid;
  const char *start_date;
  const char *end_date;
  guint       n_boards;
  guint       n_items;
  guint       n_assets;
  guint       n_photos;       /* raster assets (image/png, image/jpeg…) */
  guint       n_sessions;
  guint       n_rounds;
  gint64      size;           /* of the file, bytes */
  guint       anonymised;     /* TfBundleDrop: what the exporter took out
                               * (0 also for a bundle that does not say) */
} TfBundleInfo;

/* Where an imported experiment came from (experiment_origins). */
typedef struct {
  char *department;   /* who exported it, "" when not given */
  char *exported_at;  /* ISO 8601 */
  char *imported_at;  /* ISO 8601 */
} TfBundleOrigin;

typedef struct _TfBundle TfBundle;

GQuark      tf_bundle_error_quark   (void);

/* Writes experiment @experiment_id of @store to @path as a bundle: built
 * in memory, compacted (VACUUM: nothing left out is in a free page), then
 * written atomically (core/tf-atomic-file.h: never over the archive or its
 * companions, over another database only with @what->force, mode kept).
 * @n_items, @n_assets (nullable): what was written. */
gboolean    tf_bundle_write         (TfStore               *store,
                                     gint64                 experiment_id,
                                     const TfBundleExport  *what,
                                     const char            *path,
                                     guint                 *n_items,
                                     guint                 *n_assets,
                                     GError               **error);

/* Reads and checks the bundle at @path (see above). NULL with @error set
 * (one reason) when it is refused. */
TfBundle   *tf_bundle_open          (const char            *path,
                                     GError               **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same from bytes in memory (the fuzzer's entry); @display names it. */
TfBundle   *tf_bundle_open_bytes    (GBytes                *bytes,
                                     const char            *display,
                                     GError               **error) G_GNUC_WARN_UNUSED_RESULT;
const TfBundleInfo *tf_bundle_get_info (TfBundle           *self);
void        tf_bundle_free          (TfBundle              *self);

/* What a bundle holds that a catalogue searches (the regional archive),
 * read from the bundle itself, so anything anonymisation took out is not
 * there either. Strings owned by the structure. */
typedef struct {
  char       *uuid;
  char       *title;
  char       *theme;
  char       *place;
  char       *territory;
  char       *department;   /* the experiment's own field */
  char       *start_date;
  char       *end_date;
  char       *modified_at;  /* ISO 8601: which of two copies is newer */
  int         phase;
  GPtrArray  *tags;         /* char* */
  GPtrArray  *boards;       /* char* names, in board order */
  GPtrArray  *texts;        /* TfBundleText*, every item's non-empty text */
} TfBundleContents;

typedef struct {
  guint  board;  /* index in boards */
  char  *kind;   /* the item's kind id (data: the core names none) */
  char  *text;
} TfBundleText;

TfBundleContents *tf_bundle_read_contents (TfBundle        *self,
                                           GError         **error) G_GNUC_WARN_UNUSED_RESULT;
void        tf_bundle_contents_free (TfBundleContents      *contents);

/* The experiments of @store imported before from the same source
 * experiment (its UUID), in @ids (gint64), oldest first. */
gboolean    tf_bundle_find_copies   (TfStore               *store,
                                     TfBundle              *bundle,
                                     GArray                *ids,
                                     GError               **error);

/* Imports @bundle as a new experiment (its id is the command's result),
 * every id remapped, assets shared with the archive by hash, its origin
 * recorded; with @replace_id > 0, experiment @replace_id (an earlier copy)
 * is deleted in the same transaction. One undoable command; takes a
 * reference to nothing: @bundle must outlive the command's first run. */
TfCommand  *tf_bundle_import_command (TfBundle             *bundle,
                                      gint64                replace_id) G_GNUC_WARN_UNUSED_RESULT;

/* Where experiment @experiment_id of @store came from: NULL (and no
 * @error) for an experiment made in this archive. */
TfBundleOrigin *tf_bundle_get_origin (TfStore              *store,
                                      gint64                experiment_id,
                                      GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void        tf_bundle_origin_free   (TfBundleOrigin        *origin);

/* How many session steps of experiment @experiment_id have facilitator's
 * notes (what TF_BUNDLE_DROP_NOTES takes out); -1 with @error set. */
gint64      tf_bundle_count_step_notes (TfStore            *store,
                                        gint64              experiment_id,
                                        GError            **error);

/* Writes a consistent copy of the whole archive of @store to @path (the
 * SQLite backup API, so a window may keep writing to it meanwhile), then
 * atomically: never over the archive, over another database only with
 * @force. The copy is a clean, checkpointed archive of one file. */
gboolean    tf_store_backup         (TfStore               *store,
                                     const char            *path,
                                     gboolean               force,
                                     GError               **error);

/* How far a backup is, from 0 to 1; called in the backup's thread. */
typedef void (*TfBackupProgressFunc) (double   fraction,
                                      gpointer user_data);

/* The same in steps of SQLite's backup, inside one read transaction of
 * @store (still one moment of the archive): @progress (nullable) after
 * each step; @cancellable (nullable) is looked at between steps and
 * before the file is written: a cancelled backup fails with
 * G_IO_ERROR_CANCELLED and leaves nothing at @path (the copy is made in
 * memory and written atomically at the end). */
gboolean    tf_store_backup_full    (TfStore               *store,
                                     const char            *path,
                                     gboolean               force,
                                     GCancellable          *cancellable,
                                     TfBackupProgressFunc   progress,
                                     gpointer               user_data,
                                     GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfBundle, tf_bundle_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfBundleOrigin, tf_bundle_origin_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfBundleContents, tf_bundle_contents_free)

G_END_DECLS
