/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-asset-source"

#include <glib/gi18n.h>

#include "tf-asset-source.h"
#include "tf-store-private.h"

typedef struct {
  sqlite3      *db;
  TfStoreGuard  guard;
} Reader;

typedef struct {
  GBytes *data;
  char   *mime_type;
} Entry;

struct _TfAssetSource
{
  gatomicrefcount  ref;
  char            *path;
  GMutex           lock;
  GHashTable      *readers;  /* GThread * → Reader *: one connection per thread */
  GHashTable      *cache;    /* gint64 * → Entry * */
};

static void
reader_free (gpointer data)
{
  Reader *reader = data;

  sqlite3_close_v2 (reader->db);
  g_free (reader);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_bytes_unref (entry->data);
  g_free (entry->mime_type);
  g_free (entry);
}

TfAssetSource *
tf_asset_source_new (const char *path)
{
  TfAssetSource *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (TfAssetSource, 1);
  g_atomic_ref_count_init (&self->ref);
  self->path = g_strdup (path);
  g_mutex_init (&self->lock);
  self->readers = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, reader_free);
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, entry_free);
  return self;
}

TfAssetSource *
tf_asset_source_new_for_store (TfStore *store)
{
  g_return_val_if_fail (TF_IS_STORE (store), NULL);
  return tf_asset_source_new (tf_store_get_path (store));
}

TfAssetSource *
tf_asset_source_ref (TfAssetSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
tf_asset_source_unref (TfAssetSource *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref))
    return;
  g_hash_table_unref (self->readers);
  g_hash_table_unref (self->cache);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self);
}

void
tf_asset_source_forget (TfAssetSource *self)
{
  g_return_if_fail (self != NULL);
  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->cache);
  g_mutex_unlock (&self->lock);
}

/* The calling thread's connection; made on its first read. Called with the
 * lock held: a connection is used by its own thread only, one read at a
 * time. */
static Reader *
reader_for_thread (TfAssetSource  *self,
                   GError        **error)
{
  GThread *thread = g_thread_self ();
  Reader *reader = g_hash_table_lookup (self->readers, thread);

  if (reader != NULL)
    return reader;
  reader = g_new0 (Reader, 1);
  reader->guard.limit = TF_STORE_GUARD_DEFAULT_LIMIT;
  reader->db = tf_store_open_reader (self->path, &reader->guard, error);
  if (reader->db == NULL)
    {
      g_free (reader);
      return NULL;
    }
  g_hash_table_insert (self->readers, thread, reader);
  return reader;
}

GBytes *
tf_asset_source_load (TfAssetSource  *self,
                      gint64          asset_id,
                      char          **mime_type,
                      GError        **error)
{
  Entry *entry;
  Reader *reader;
  sqlite3_stmt *stmt = NULL;
  GBytes *data = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->cache, &asset_id);
  if (entry == NULL)
    {
      reader = reader_for_thread (self, error);
      if (reader == NULL)
        goto out;
      rc = sqlite3_prepare_v2 (reader->db, "SELECT mime_type, data FROM assets WHERE id = ?", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, asset_id);
          rc = sqlite3_step (stmt);
        }
      if (rc == SQLITE_ROW)
        {
          const char *mime = (const char *) sqlite3_column_text (stmt, 0);

          entry = g_new0 (Entry, 1);
          entry->mime_type = g_strdup (mime != NULL ? mime : "");
          entry->data = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
          g_hash_table_insert (self->cache, g_memdup2 (&asset_id, sizeof asset_id), entry);
        }
      else if (rc == SQLITE_DONE)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, asset_id);

          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("The archive has no asset %s"), number);
        }
      else
        g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (reader->db));
      sqlite3_finalize (stmt);
      if (entry == NULL)
        goto out;
    }
  data = g_bytes_ref (entry->data);
  if (mime_type != NULL)
    *mime_type = g_strdup (entry->mime_type);
out:
  g_mutex_unlock (&self->lock);
  return data;
}

char *
tf_asset_source_name (TfAssetSource *self,
                      gint64         asset_id)
{
  Reader *reader;
  sqlite3_stmt *stmt = NULL;
  char *name = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->lock);
  reader = reader_for_thread (self, NULL);
  if (reader != NULL &&
      sqlite3_prepare_v2 (reader->db, "SELECT name FROM assets WHERE id = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, asset_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, 0);

          /* An archive is a file from elsewhere: only valid UTF-8 is a name. */
          if (text != NULL && text[0] != '\0' && g_utf8_validate (text, -1, NULL))
            name = g_strdup (text);
        }
    }
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->lock);
  return name;
}

gint64
tf_asset_insert (TfStore     *store,
                 const char  *mime_type,
                 const char  *name,
                 GBytes      *data,
                 GError     **error)
{
  g_autofree char *sha = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gsize size;
  const guint8 *bytes;

  g_return_val_if_fail (TF_IS_STORE (store), 0);
  g_return_val_if_fail (mime_type != NULL && data != NULL, 0);

  bytes = g_bytes_get_data (data, &size);
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  stmt = tf_store_prepare (store,
                           "INSERT INTO assets (sha256, mime_type, name, data) VALUES (?1, ?2, ?3, ?4)"
                           " ON CONFLICT (sha256) DO NOTHING",
                           error);
  if (stmt == NULL)
    return 0;
  tf_bind_text (stmt, 1, sha);
  tf_bind_text (stmt, 2, mime_type);
  tf_bind_text (stmt, 3, name != NULL ? name : "");
  sqlite3_bind_blob64 (stmt, 4, bytes, size, SQLITE_TRANSIENT);
  if (!tf_store_step_done (store, stmt, error))
    return 0;

  stmt = tf_store_prepare (store, "SELECT id FROM assets WHERE sha256 = ?", error);
  if (stmt == NULL)
    return 0;
  tf_bind_text (stmt, 1, sha);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    tf_store_fail (store, error, _("Could not store the asset"));
  return id;
}
