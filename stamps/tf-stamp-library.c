/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-stamp-library"

#include <glib/gi18n.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <string.h>

#include "core/tf-stamp-rows.h"
#include "core/tf-store-private.h"
#include "tf-stamp-library.h"
#include "tf-stamp-private.h"
#include "tf-svg-check.h"
#include "tf-svg-sandbox.h"

/* Bitmaps kept for the screen, in bytes; the least recently used go first. */
#define CACHE_BUDGET (24 * 1024 * 1024)
/* Above this many pixels a side, drawing the vectors beats a bitmap. */
#define MAX_BITMAP_SIDE 768
/* Colour of a user stamp whose family is unknown and that has none. */
#define FALLBACK_COLOR 0x8c8c8c

typedef struct {
  cairo_surface_t *surface;
  guint64          used;
} CacheEntry;

struct _TfStampLibrary
{
  GObject     parent_instance;

  GMutex      lock;
  GPtrArray  *stamps;    /* TfStamp: built-in first, then user stamps */
  guint       n_builtin;
  GHashTable *by_id;     /* id → TfStamp (borrowed from stamps) */
  GHashTable *handles;   /* id → RsvgHandle, made on first draw */
  GHashTable *cache;     /* "id@pixels" → CacheEntry */
  gsize       cache_bytes;
  guint64     clock;
  TfStore    *store;     /* weak */
  GHashTable *shas;      /* user stamp id → SHA-256 of its drawing */
  GHashTable *probing;   /* ids whose drawing is being checked or waits to be (main thread) */
  GQueue      waiting;   /* TfStamp: checks not started yet */
  guint       running;   /* checks under way */
  GHashTable *refused;   /* id → why it is not drawn (translated) */
};

enum {
  SIGNAL_STAMP_VERIFIED,
  SIGNAL_STAMP_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TfStampLibrary, tf_stamp_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void on_store_changed (TfStampLibrary *self, GArray *changes, TfStore *store);

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  cairo_surface_destroy (entry->surface);
  g_free (entry);
}

static gsize
surface_bytes (cairo_surface_t *surface)
{
  return (gsize) cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface);
}

static void
tf_stamp_library_dispose (GObject *object)
{
  TfStampLibrary *self = (TfStampLibrary *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_clear_weak_pointer (&self->store);

  G_OBJECT_CLASS (tf_stamp_library_parent_class)->dispose (object);
}

static void
tf_stamp_library_finalize (GObject *object)
{
  TfStampLibrary *self = (TfStampLibrary *)object;

  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->handles, g_hash_table_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->stamps, g_ptr_array_unref);
  g_clear_pointer (&self->shas, g_hash_table_unref);
  g_clear_pointer (&self->probing, g_hash_table_unref);
  g_queue_clear_full (&self->waiting, g_object_unref);
  g_clear_pointer (&self->refused, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (tf_stamp_library_parent_class)->finalize (object);
}

static void
tf_stamp_library_class_init (TfStampLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tf_stamp_library_dispose;
  object_class->finalize = tf_stamp_library_finalize;

  /**
   * TfStampLibrary::stamp-verified:
   * @id: the stamp
   * @drawable: whether its drawing passed the check
   *
   * A user stamp's drawing was checked in the helper process, after a draw
   * that showed the placeholder meanwhile: redraw what shows it.
   */
  signals[SIGNAL_STAMP_VERIFIED] =
    g_signal_new ("stamp-verified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /**
   * TfStampLibrary::stamp-refused:
   * @id: the stamp
   * @message: a sentence for the user, naming the stamp and why
   *
   * A user stamp of the archive cannot be drawn safely: it shows as the
   * placeholder. Emitted on the main thread, once per stamp.
   */
  signals[SIGNAL_STAMP_REFUSED] =
    g_signal_new ("stamp-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
tf_stamp_library_init (TfStampLibrary *self)
{
  const TfStampBuiltins *builtins = tf_stamp_builtins_get ();

  g_mutex_init (&self->lock);
  self->stamps = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->handles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_entry_free);
  self->shas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->probing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < builtins->n_stamps; i++)
    {
      const TfBuiltinStamp *b = &builtins->stamps[i];
      const TfStampFamily *family = tf_stamp_family_lookup (b->family);
      g_autoptr(GBytes) svg = tf_stamp_builtins_load_svg (b->id);
      TfStamp *stamp;

      if (svg == NULL || family == NULL)
        g_error ("The built-in stamp %s has no drawing or no family", b->id);
      stamp = tf_stamp_new (b->id, b->family, b->name_fr, b->name_en,
                            (const char * const *) b->keywords, family->color, TRUE, svg);
      g_ptr_array_add (self->stamps, stamp);
      g_hash_table_insert (self->by_id, (gpointer) tf_stamp_get_id (stamp), stamp);
    }
  self->n_builtin = self->stamps->len;
}

static GType
list_get_item_type (GListModel *model)
{
  return TF_TYPE_STAMP;
}

static guint
list_get_n_items (GListModel *model)
{
  return TF_STAMP_LIBRARY (model)->stamps->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  TfStampLibrary *self = TF_STAMP_LIBRARY (model);

  if (position >= self->stamps->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->stamps, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

TfStampLibrary *
tf_stamp_library_new (void)
{
  return g_object_new (TF_TYPE_STAMP_LIBRARY, NULL);
}

TfStampLibrary *
tf_stamp_library_get_default (void)
{
  static gsize library = 0;

  if (g_once_init_enter (&library))
    g_once_init_leave (&library, (gsize) tf_stamp_library_new ());
  return (TfStampLibrary *) library;
}

guint
tf_stamp_library_get_n_builtin (TfStampLibrary *self)
{
  g_return_val_if_fail (TF_IS_STAMP_LIBRARY (self), 0);
  return self->n_builtin;
}

static char *
refusal_message (const char *id,
                 const char *name_fr,
                 const char *name_en,
                 const char *reason)
{
  /* TRANSLATORS: a stamp's name, its id, then why it cannot be drawn */
  return g_strdup_printf (_("The stamp “%s” (%s) shows as “?”. %s"),
                          tf_stamp_prefer_french () ? name_fr : name_en, id, reason);
}

typedef struct {
  GPtrArray  *stamps;
  GHashTable *refused;
} ReadingStamps;

static gboolean
read_user_stamp (sqlite3_stmt *stmt,
                 gpointer      user_data)
{
  ReadingStamps *reading = user_data;
  g_autoptr(GBytes) svg = g_bytes_new (sqlite3_column_blob (stmt, 6), sqlite3_column_bytes (stmt, 6));
  g_auto(GStrv) keywords = g_strsplit (tf_column_text (stmt, 4), ",", -1);
  g_autoptr(GPtrArray) clean = g_ptr_array_new ();
  const TfStampFamily *family = tf_stamp_family_lookup (tf_column_text (stmt, 1));
  guint32 color = family ? family->color : FALLBACK_COLOR;
  g_autoptr(GError) check_error = NULL;

  if (!tf_svg_check_markup (svg, &check_error))
    {
      g_debug ("Leaving out the user stamp %s: %s", tf_column_text (stmt, 0), check_error->message);
      if (reading->refused != NULL)
        g_hash_table_replace (reading->refused, g_strdup (tf_column_text (stmt, 0)),
                              refusal_message (tf_column_text (stmt, 0), tf_column_text (stmt, 2),
                                               tf_column_text (stmt, 3), check_error->message));
      return TRUE;
    }
  for (guint i = 0; keywords[i]; i++)
    if (g_strstrip (keywords[i])[0] != '\0')
      g_ptr_array_add (clean, keywords[i]);
  g_ptr_array_add (clean, NULL);
  tf_stamp_parse_color (tf_column_text (stmt, 5), &color);
  g_ptr_array_add (reading->stamps, tf_stamp_new (tf_column_text (stmt, 0), tf_column_text (stmt, 1),
                                                 tf_column_text (stmt, 2), tf_column_text (stmt, 3),
                                                 (const char * const *) clean->pdata, color, FALSE, svg));
  return TRUE;
}

/* The user stamps; those whose drawing fails the markup check are left out,
 * and said in @refused (id → message) when given. */
static GPtrArray *
read_user_stamps (TfStore     *store,
                  GHashTable  *refused,
                  GError     **error)
{
  g_autoptr(GPtrArray) stamps = g_ptr_array_new_with_free_func (g_object_unref);
  ReadingStamps reading = { stamps, refused };

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  if (!tf_stamp_rows_have_table (store))
    return g_steal_pointer (&stamps);
  if (!tf_stamp_rows_each (store, read_user_stamp, &reading, error))
    return NULL;
  return g_steal_pointer (&stamps);
}

GPtrArray *
tf_stamp_library_read_user_stamps (TfStore  *store,
                                   GError  **error)
{
  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  return read_user_stamps (store, NULL, error);
}

/* Replaces the user stamps with @stamps (NULL for none), and what is known
 * of the drawings that cannot be drawn with @refused (NULL: nothing). */
static void
replace_user_stamps (TfStampLibrary *self,
                     GPtrArray      *stamps,
                     GHashTable     *refused)
{
  guint removed, added = stamps ? stamps->len : 0;

  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->shas);
  g_hash_table_remove_all (self->refused);
  if (refused != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, refused);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (self->refused, g_strdup (key), g_strdup (value));
    }
  removed = self->stamps->len - self->n_builtin;
  for (guint i = self->n_builtin; i < self->stamps->len; i++)
    {
      TfStamp *old = g_ptr_array_index (self->stamps, i);

      g_hash_table_remove (self->by_id, tf_stamp_get_id (old));
      g_hash_table_remove (self->handles, tf_stamp_get_id (old));
    }
  g_ptr_array_set_size (self->stamps, self->n_builtin);
  for (guint i = 0; i < added; i++)
    {
      TfStamp *stamp = g_ptr_array_index (stamps, i);

      /* A user stamp never hides a built-in one. */
      if (g_hash_table_contains (self->by_id, tf_stamp_get_id (stamp)))
        continue;
      g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, tf_stamp_get_svg (stamp));
      g_autofree char *reason = NULL;

      g_ptr_array_add (self->stamps, g_object_ref (stamp));
      g_hash_table_insert (self->by_id, (gpointer) tf_stamp_get_id (stamp), stamp);
      /* A verdict given earlier in this process still holds. */
      if (tf_svg_probe_lookup (sha, &reason) == TF_SVG_VERDICT_UNSAFE)
        g_hash_table_replace (self->refused, g_strdup (tf_stamp_get_id (stamp)),
                              refusal_message (tf_stamp_get_id (stamp), tf_stamp_get_name_fr (stamp),
                                               tf_stamp_get_name_en (stamp), reason ? reason : ""));
      g_hash_table_insert (self->shas, g_strdup (tf_stamp_get_id (stamp)), g_steal_pointer (&sha));
    }
  added = self->stamps->len - self->n_builtin;
  g_mutex_unlock (&self->lock);

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), self->n_builtin, removed, added);
}

static gboolean
reload (TfStampLibrary  *self,
        GError         **error)
{
  g_autoptr(GPtrArray) stamps = NULL;
  g_autoptr(GHashTable) refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (self->store != NULL)
    {
      stamps = read_user_stamps (self->store, refused, error);
      if (stamps == NULL)
        return FALSE;
    }
  replace_user_stamps (self, stamps, refused);
  return TRUE;
}

static void
on_store_changed (TfStampLibrary *self,
                  GArray         *changes,
                  TfStore        *store)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < changes->len; i++)
    if (g_str_equal (g_array_index (changes, TfChange, i).table, "stamps"))
      {
        if (!reload (self, &error))
          g_warning ("Could not reload the user stamps: %s", error->message);
        return;
      }
}

/* Records that @stamp cannot be drawn; says so once on the main thread. */
static void
refuse (TfStampLibrary *self,
        TfStamp        *stamp,
        const char     *reason)
{
  const char *id = tf_stamp_get_id (stamp);
  g_autofree char *message = refusal_message (id, tf_stamp_get_name_fr (stamp),
                                              tf_stamp_get_name_en (stamp), reason);
  gboolean known;

  g_mutex_lock (&self->lock);
  known = g_hash_table_contains (self->refused, id);
  if (!known)
    g_hash_table_insert (self->refused, g_strdup (id), g_strdup (message));
  g_mutex_unlock (&self->lock);
  g_debug ("%s", message);
  if (!known && g_main_context_is_owner (g_main_context_default ()))
    g_signal_emit (self, signals[SIGNAL_STAMP_REFUSED], 0, id, message);
}

/* Helpers run at once, at most; the others wait their turn. */
#define MAX_PROBES 2

typedef struct {
  TfStampLibrary *library;
  TfStamp        *stamp;
} ProbeClosure;

static void start_probes (TfStampLibrary *self);

static void
on_probed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ProbeClosure *closure = user_data;
  TfStampLibrary *self = closure->library;
  const char *id = tf_stamp_get_id (closure->stamp);
  g_autoptr(GError) error = NULL;
  gboolean ok = tf_svg_probe_finish (result, &error);

  self->running--;
  g_hash_table_remove (self->probing, id);
  if (!ok)
    refuse (self, closure->stamp, error->message);
  g_signal_emit (self, signals[SIGNAL_STAMP_VERIFIED], 0, id, ok);
  start_probes (self);
  g_object_unref (closure->stamp);
  g_object_unref (closure->library);
  g_free (closure);
}

static void
start_probes (TfStampLibrary *self)
{
  while (self->running < MAX_PROBES && !g_queue_is_empty (&self->waiting))
    {
      ProbeClosure *closure = g_new0 (ProbeClosure, 1);

      closure->library = g_object_ref (self);
      closure->stamp = g_queue_pop_head (&self->waiting);
      self->running++;
      tf_svg_probe_async (tf_stamp_get_svg (closure->stamp), NULL, on_probed, closure);
    }
}

/* On the main thread: checks @stamp's drawing in the helper process without
 * waiting; ::stamp-verified tells when done. */
static void
probe_in_background (TfStampLibrary *self,
                     TfStamp        *stamp)
{
  if (g_hash_table_contains (self->probing, tf_stamp_get_id (stamp)))
    return;
  g_hash_table_add (self->probing, g_strdup (tf_stamp_get_id (stamp)));
  g_queue_push_tail (&self->waiting, g_object_ref (stamp));
  start_probes (self);
}

/* Whether the pictogram @id may be drawn now. The built-in ones always may; a
 * user stamp once its drawing passed the check in the helper process (see
 * tf-svg-sandbox.h) in this process. On the main thread of a running loop the
 * check is started in the background and FALSE returned meanwhile (the
 * placeholder is drawn, and ::stamp-verified asks for a redraw); elsewhere
 * (the command line, an export's thread) it is waited for, within its
 * deadline. Called without the lock. */
static gboolean
ensure_drawable (TfStampLibrary *self,
                 const char     *id)
{
  g_autoptr(TfStamp) stamp = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;

  g_mutex_lock (&self->lock);
  stamp = g_hash_table_lookup (self->by_id, id);
  if (stamp != NULL)
    g_object_ref (stamp);
  sha = g_strdup (g_hash_table_lookup (self->shas, id));
  g_mutex_unlock (&self->lock);

  if (stamp == NULL)
    return FALSE;
  if (tf_stamp_get_builtin (stamp))
    return TRUE;
  if (sha == NULL)
    sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, tf_stamp_get_svg (stamp));

  switch (tf_svg_probe_lookup (sha, NULL))
    {
    case TF_SVG_VERDICT_SAFE:
      return TRUE;
    case TF_SVG_VERDICT_UNSAFE:
      return FALSE;
    case TF_SVG_VERDICT_UNKNOWN:
    default:
      break;
    }

  if (g_main_context_is_owner (g_main_context_default ()))
    {
      probe_in_background (self, stamp);
      return FALSE;
    }
  if (!tf_svg_probe (tf_stamp_get_svg (stamp), &error))
    {
      refuse (self, stamp, error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
tf_stamp_library_set_store (TfStampLibrary  *self,
                            TfStore         *store,
                            GError         **error)
{
  g_return_val_if_fail (TF_IS_STAMP_LIBRARY (self), FALSE);
  g_return_val_if_fail (store == NULL || TF_IS_STORE (store), FALSE);

  if (self->store != store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
      g_set_weak_pointer (&self->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
    }
  if (!reload (self, error))
    return FALSE;

  /* In the window, every drawing of the archive is checked at once, in the
   * background: boards show them as soon as they pass. */
  if (g_main_context_is_owner (g_main_context_default ()))
    {
      for (guint i = self->n_builtin; i < self->stamps->len; i++)
        {
          TfStamp *stamp = g_ptr_array_index (self->stamps, i);
          const char *sha = g_hash_table_lookup (self->shas, tf_stamp_get_id (stamp));

          if (sha != NULL && tf_svg_probe_lookup (sha, NULL) == TF_SVG_VERDICT_UNKNOWN)
            probe_in_background (self, stamp);
        }
    }
  return TRUE;
}

char *
tf_stamp_library_dup_refusal (TfStampLibrary *self,
                              const char     *id)
{
  char *message;

  g_return_val_if_fail (TF_IS_STAMP_LIBRARY (self), NULL);

  if (id == NULL)
    return NULL;
  g_mutex_lock (&self->lock);
  message = g_strdup (g_hash_table_lookup (self->refused, id));
  g_mutex_unlock (&self->lock);
  return message;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

char **
tf_stamp_library_dup_refusals (TfStampLibrary *self)
{
  GPtrArray *messages = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (TF_IS_STAMP_LIBRARY (self), NULL);

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->refused);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (messages, g_strdup (value));
  g_mutex_unlock (&self->lock);
  g_ptr_array_sort (messages, compare_strings);
  g_ptr_array_add (messages, NULL);
  return (char **) g_ptr_array_free (messages, FALSE);
}

TfStamp *
tf_stamp_library_lookup (TfStampLibrary *self,
                         const char     *id)
{
  TfStamp *stamp;

  g_return_val_if_fail (TF_IS_STAMP_LIBRARY (self), NULL);

  if (id == NULL)
    return NULL;
  g_mutex_lock (&self->lock);
  stamp = g_hash_table_lookup (self->by_id, id);
  if (stamp != NULL)
    g_object_ref (stamp);
  g_mutex_unlock (&self->lock);
  return stamp;
}

GPtrArray *
tf_stamp_library_search (TfStampLibrary *self,
                         const char     *query)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (TF_IS_STAMP_LIBRARY (self), found);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->stamps->len; i++)
    {
      TfStamp *stamp = g_ptr_array_index (self->stamps, i);

      if (tf_stamp_matches (stamp, query))
        g_ptr_array_add (found, g_object_ref (stamp));
    }
  g_mutex_unlock (&self->lock);
  return found;
}

/* With the lock held. */
static RsvgHandle *
get_handle (TfStampLibrary *self,
            const char     *id)
{
  RsvgHandle *handle = g_hash_table_lookup (self->handles, id);
  TfStamp *stamp;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (handle != NULL)
    return handle;
  stamp = g_hash_table_lookup (self->by_id, id);
  if (stamp == NULL)
    return NULL;

  /* From memory and with no base file: nothing outside the data is read. */
  stream = g_memory_input_stream_new_from_bytes (tf_stamp_get_svg (stamp));
  handle = rsvg_handle_new_from_stream_sync (stream, NULL, RSVG_HANDLE_FLAGS_NONE, NULL, &error);
  if (handle == NULL)
    {
      g_debug ("The pictogram %s cannot be read: %s", id, error->message);
      return NULL;
    }
  g_hash_table_insert (self->handles, g_strdup (id), handle);
  return handle;
}

/* With the lock held. */
static gboolean
render_vector (TfStampLibrary *self,
               const char     *id,
               cairo_t        *cr,
               double          x,
               double          y,
               double          size)
{
  RsvgHandle *handle = get_handle (self, id);
  RsvgRectangle viewport = { x, y, size, size };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (handle == NULL)
    return FALSE;
  cairo_save (cr);
  ok = rsvg_handle_render_document (handle, cr, &viewport, &error);
  cairo_restore (cr);
  if (!ok)
    g_debug ("The pictogram %s cannot be drawn: %s", id, error->message);
  return ok;
}

static void
trim_cache (TfStampLibrary *self)
{
  while (self->cache_bytes > CACHE_BUDGET)
    {
      GHashTableIter iter;
      gpointer key, value;
      const char *oldest_key = NULL;
      CacheEntry *oldest = NULL;

      g_hash_table_iter_init (&iter, self->cache);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (oldest == NULL || ((CacheEntry *) value)->used < oldest->used)
          {
            oldest = value;
            oldest_key = key;
          }
      if (oldest == NULL)
        break;
      self->cache_bytes -= surface_bytes (oldest->surface);
      g_hash_table_remove (self->cache, oldest_key);
    }
}

cairo_surface_t *
tf_stamp_library_render (TfStampLibrary *self,
                         const char     *id,
                         int             pixels)
{
  g_autofree char *key = NULL;
  CacheEntry *entry;
  cairo_surface_t *surface = NULL;

  g_return_val_if_fail (TF_IS_STAMP_LIBRARY (self), NULL);
  g_return_val_if_fail (pixels > 0 && pixels <= 4096, NULL);

  if (id == NULL || !ensure_drawable (self, id))
    return NULL;
  key = g_strdup_printf ("%s@%d", id, pixels);

  g_mutex_lock (&self->lock);
  entry = g_hash_table_lookup (self->cache, key);
  if (entry == NULL)
    {
      cairo_surface_t *made = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels, pixels);
      cairo_t *cr = cairo_create (made);
      gboolean ok = render_vector (self, id, cr, 0, 0, pixels);

      cairo_destroy (cr);
      cairo_surface_flush (made);
      if (ok)
        {
          entry = g_new0 (CacheEntry, 1);
          entry->surface = made;
          g_hash_table_insert (self->cache, g_steal_pointer (&key), entry);
          self->cache_bytes += surface_bytes (made);
        }
      else
        cairo_surface_destroy (made);
    }
  if (entry != NULL)
    {
      entry->used = ++self->clock;
      surface = cairo_surface_reference (entry->surface);
      trim_cache (self);
    }
  g_mutex_unlock (&self->lock);
  return surface;
}

gboolean
tf_stamp_library_draw (TfStampLibrary *self,
                       const char     *id,
                       cairo_t        *cr,
                       double          x,
                       double          y,
                       double          size,
                       gboolean        vector)
{
  cairo_matrix_t matrix;
  cairo_surface_t *surface;
  double dx = size, dy = 0, px;
  int pixels;

  g_return_val_if_fail (TF_IS_STAMP_LIBRARY (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (id == NULL || size <= 0)
    return FALSE;

  cairo_user_to_device_distance (cr, &dx, &dy);
  px = hypot (dx, dy);
  cairo_get_matrix (cr, &matrix);

  if (vector || px > MAX_BITMAP_SIDE)
    {
      gboolean ok;

      if (!ensure_drawable (self, id))
        return FALSE;
      g_mutex_lock (&self->lock);
      ok = render_vector (self, id, cr, x, y, size);
      g_mutex_unlock (&self->lock);
      return ok;
    }

  pixels = MAX (1, (int) round (px));
  surface = tf_stamp_library_render (self, id, pixels);
  if (surface == NULL)
    return FALSE;

  cairo_save (cr);
  if (matrix.xy == 0 && matrix.yx == 0 && matrix.xx > 0 && matrix.yy > 0)
    {
      /* Unrotated: a plain copy at a whole device pixel stays crisp. */
      double ox = x, oy = y;

      cairo_user_to_device (cr, &ox, &oy);
      cairo_identity_matrix (cr);
      cairo_set_source_surface (cr, surface, round (ox), round (oy));
    }
  else
    {
      cairo_translate (cr, x, y);
      cairo_scale (cr, size / pixels, size / pixels);
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
    }
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (surface);
  return TRUE;
}

void
tf_stamp_library_clear_cache (TfStampLibrary *self)
{
  g_return_if_fail (TF_IS_STAMP_LIBRARY (self));

  g_mutex_lock (&self->lock);
  g_hash_table_remove_all (self->cache);
  self->cache_bytes = 0;
  g_mutex_unlock (&self->lock);
}

gsize
tf_stamp_library_get_cache_size (TfStampLibrary *self)
{
  gsize bytes;

  g_return_val_if_fail (TF_IS_STAMP_LIBRARY (self), 0);

  g_mutex_lock (&self->lock);
  bytes = self->cache_bytes;
  g_mutex_unlock (&self->lock);
  return bytes;
}
