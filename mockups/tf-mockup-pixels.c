/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-pixels"

#include <string.h>

#include "tf-decode.h"
#include "tf-mockup-pixels.h"

/* An asset id alone could name other bytes after an undo and a new insert
 * (SQLite may reuse the id), or in another archive: the key adds the size
 * and a checksum of three 4 KiB slices, cheap to take at every frame. */
static char *
fingerprint (gint64  asset_id,
             int     page,
             GBytes *bytes)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_MD5);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize slice = MIN (size, (gsize) 4096);

  g_checksum_update (sum, data, slice);
  g_checksum_update (sum, data + (size - slice) / 2, slice);
  g_checksum_update (sum, data + size - slice, slice);
  return g_strdup_printf ("%" G_GINT64_FORMAT "/%d/%" G_GSIZE_FORMAT "/%s", asset_id, page, size,
                          g_checksum_get_string (sum));
}

typedef struct {
  char            *image;    /* the fingerprint */
  int              side;     /* as asked, 0: full */
  cairo_surface_t *surface;
  gsize            bytes;
  guint64          used;     /* tick of the last use */
} Entry;

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->image);
  cairo_surface_destroy (entry->surface);
  g_free (entry);
}

struct _TfMkPixels
{
  GObject     parent_instance;

  GMutex      lock;
  GHashTable *entries;   /* "fingerprint#side" → Entry */
  GHashTable *failed;    /* fingerprint → message */
  GHashTable *pending;   /* "fingerprint#side" (set) */
  gsize       size;
  guint64     tick;
  guint       n_decodes;
};

G_DEFINE_FINAL_TYPE (TfMkPixels, tf_mk_pixels, G_TYPE_OBJECT)

enum {
  SIGNAL_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
tf_mk_pixels_finalize (GObject *object)
{
  TfMkPixels *self = TF_MK_PIXELS (object);

  g_hash_table_unref (self->entries);
  g_hash_table_unref (self->failed);
  g_hash_table_unref (self->pending);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (tf_mk_pixels_parent_class)->finalize (object);
}

static void
tf_mk_pixels_class_init (TfMkPixelsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tf_mk_pixels_finalize;

  /**
   * TfMkPixels::ready:
   * @asset_id: (type gint64): the asset whose pixels arrived or failed
   *
   * Pixels decoded in the background arrived (or could not be had): the
   * boards showing the asset draw again.
   */
  signals[SIGNAL_READY] =
    g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
tf_mk_pixels_init (TfMkPixels *self)
{
  g_mutex_init (&self->lock);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  self->failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

TfMkPixels *
tf_mk_pixels_get_default (void)
{
  static TfMkPixels *cache;

  if (g_once_init_enter (&cache))
    g_once_init_leave (&cache, g_object_new (TF_TYPE_MK_PIXELS, NULL));
  return cache;
}

int
tf_mk_pixels_side_for (double width,
                       double height,
                       int    natural_width,
                       int    natural_height)
{
  double need = MAX (width, height);
  int natural = MAX (natural_width, natural_height);
  int side = TF_MK_PIXELS_MIN_SIDE;

  while (side < need && side < TF_MK_PIXELS_MAX_SIDE)
    side *= 2;
  if (natural > 0 && side >= natural)
    return 0;
  return side;
}

/* Called with the lock held: makes room for @bytes more. */
static void
evict_for (TfMkPixels *self,
           gsize       bytes)
{
  while (self->size + bytes > TF_MK_PIXELS_BUDGET && g_hash_table_size (self->entries) > 0)
    {
      GHashTableIter iter;
      gpointer key, value;
      const char *oldest = NULL;
      guint64 oldest_tick = G_MAXUINT64;

      g_hash_table_iter_init (&iter, self->entries);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (((Entry *) value)->used < oldest_tick)
          {
            oldest_tick = ((Entry *) value)->used;
            oldest = key;
          }
      self->size -= ((Entry *) g_hash_table_lookup (self->entries, oldest))->bytes;
      g_hash_table_remove (self->entries, oldest);
    }
}

/* Names @surface's pixels for vector outputs: cairo's PDF and SVG
 * surfaces write an image once however many times, and from however many
 * surfaces, it is drawn under one name. The key is the asset's
 * fingerprint and the size asked: the same key, the same pixels. */
static void
name_pixels (cairo_surface_t *surface,
             const char      *key)
{
  char *id = g_strdup_printf ("transfo-asset:%s", key);

  cairo_surface_set_mime_data (surface, CAIRO_MIME_TYPE_UNIQUE_ID, (const guchar *) id, strlen (id), g_free, id);
}

/* Keeps @surface (not taken) when it fits the budget. */
static void
keep (TfMkPixels      *self,
      const char      *image,
      int              side,
      cairo_surface_t *surface)
{
  gsize bytes = (gsize) cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface);
  g_autofree char *key = g_strdup_printf ("%s#%d", image, side);
  Entry *entry;

  if (bytes > TF_MK_PIXELS_BUDGET)
    return;
  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->entries, key);
  if (entry != NULL)
    {
      self->size -= entry->bytes;
      g_hash_table_remove (self->entries, key);
    }
  evict_for (self, bytes);
  entry = g_new0 (Entry, 1);
  entry->image = g_strdup (image);
  entry->side = side;
  entry->surface = cairo_surface_reference (surface);
  entry->bytes = bytes;
  entry->used = ++self->tick;
  g_hash_table_insert (self->entries, g_steal_pointer (&key), entry);
  self->size += bytes;
  g_mutex_unlock (&self->lock);
}

/* With the lock: the entry of @image nearest to @side (the full size counts
 * as the largest), used now; NULL when none. */
static Entry *
nearest (TfMkPixels *self,
         const char *image,
         int         side)
{
  GHashTableIter iter;
  gpointer value;
  Entry *best = NULL;
  int want = side > 0 ? side : G_MAXINT;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Entry *entry = value;
      int have = entry->side > 0 ? entry->side : G_MAXINT;

      if (!g_str_equal (entry->image, image))
        continue;
      /* Larger than wanted first (downscaled, sharp), then the largest smaller. */
      if (best == NULL)
        best = entry;
      else
        {
          int best_have = best->side > 0 ? best->side : G_MAXINT;
          gboolean better = have >= want ? (best_have < want || have < best_have) : (best_have < want && have > best_have);

          if (better)
            best = entry;
        }
    }
  if (best != NULL)
    best->used = ++self->tick;
  return best;
}

static void
fail (TfMkPixels   *self,
      const char   *image,
      const GError *error)
{
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->failed, g_strdup (image), g_strdup (error->message));
  g_mutex_unlock (&self->lock);
}

typedef struct {
  TfMkPixels *self;
  char       *image;
  char       *key;
  int         side;
  gint64      asset_id;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->self);
  g_free (job->image);
  g_free (job->key);
  g_free (job);
}

static void
on_decoded (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Job *job = user_data;
  TfMkPixels *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfDecoded) decoded = tf_decode_bytes_finish (result, &error);

  (void) source;
  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->pending, job->key);
  g_mutex_unlock (&self->lock);
  if (decoded != NULL && decoded->pixels != NULL)
    {
      name_pixels (decoded->pixels, job->key);
      keep (self, job->image, job->side, decoded->pixels);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("asset %" G_GINT64_FORMAT ": %s", job->asset_id, error->message);
      fail (self, job->image, error);
    }
  g_signal_emit (self, signals[SIGNAL_READY], 0, job->asset_id);
  job_free (job);
}

cairo_surface_t *
tf_mk_pixels_get (TfMkPixels      *self,
                  TfRenderContext *ctx,
                  gint64           asset_id,
                  int              page,
                  int              side,
                  TfMkPixelsMode   mode,
                  gboolean        *pending,
                  GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *image = NULL;
  g_autofree char *key = NULL;
  g_autoptr(TfDecoded) decoded = NULL;
  g_autoptr(GError) local = NULL;
  TfDecodeOptions options = { TF_DECODE_WANT_PIXELS, page, side, side };
  cairo_surface_t *surface = NULL;
  const char *message;
  Entry *entry;

  g_return_val_if_fail (TF_IS_MK_PIXELS (self), NULL);
  if (pending != NULL)
    *pending = FALSE;

  bytes = tf_render_context_load_asset (ctx, asset_id, NULL);
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_UNREADABLE, "no asset %" G_GINT64_FORMAT, asset_id);
      return NULL;
    }
  image = fingerprint (asset_id, page, bytes);
  key = g_strdup_printf ("%s#%d", image, side);

  g_mutex_lock (&self->lock);
  message = g_hash_table_lookup (self->failed, image);
  if (message != NULL)
    {
      g_set_error_literal (error, TF_DECODE_ERROR, TF_DECODE_ERROR_CORRUPT, message);
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  entry = g_hash_table_lookup (self->entries, key);
  if (entry != NULL)
    {
      entry->used = ++self->tick;
      surface = cairo_surface_reference (entry->surface);
      g_mutex_unlock (&self->lock);
      return surface;
    }

  if (mode == TF_MK_PIXELS_SCREEN && g_main_context_is_owner (g_main_context_default ()))
    {
      /* The window: never wait for the helper in a frame. */
      entry = nearest (self, image, side);
      if (entry != NULL)
        surface = cairo_surface_reference (entry->surface);
      if (!g_hash_table_contains (self->pending, key))
        {
          Job *job = g_new0 (Job, 1);

          job->self = g_object_ref (self);
          job->image = g_strdup (image);
          job->key = g_strdup (key);
          job->side = side;
          job->asset_id = asset_id;
          g_hash_table_add (self->pending, g_strdup (key));
          self->n_decodes++;
          g_mutex_unlock (&self->lock);
          tf_decode_bytes_async (bytes, &options, NULL, on_decoded, job);
        }
      else
        g_mutex_unlock (&self->lock);
      if (pending != NULL)
        *pending = TRUE;
      return surface;
    }
  self->n_decodes++;
  g_mutex_unlock (&self->lock);

  decoded = tf_decode_bytes (bytes, &options, NULL, &local);
  if (decoded == NULL || decoded->pixels == NULL)
    {
      if (local == NULL)
        g_set_error_literal (&local, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER, "no pixels");
      /* Said once: a file that crashes or hangs the helper is not tried at
       * every frame or page (tf_mk_pixels_clear() forgets). */
      if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, image, local);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  name_pixels (decoded->pixels, key);
  keep (self, image, side, decoded->pixels);
  return cairo_surface_reference (decoded->pixels);
}

gsize
tf_mk_pixels_get_size (TfMkPixels *self)
{
  gsize size;

  g_return_val_if_fail (TF_IS_MK_PIXELS (self), 0);
  g_mutex_lock (&self->lock);
  size = self->size;
  g_mutex_unlock (&self->lock);
  return size;
}

void
tf_mk_pixels_clear (TfMkPixels *self)
{
  g_return_if_fail (TF_IS_MK_PIXELS (self));
  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->entries);
  g_hash_table_remove_all (self->failed);
  self->size = 0;
  g_mutex_unlock (&self->lock);
}

guint
tf_mk_pixels_get_n_decodes (TfMkPixels *self)
{
  guint n;

  g_return_val_if_fail (TF_IS_MK_PIXELS (self), 0);
  g_mutex_lock (&self->lock);
  n = self->n_decodes;
  g_mutex_unlock (&self->lock);
  return n;
}
