/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-images"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "core/tf-board-rows.h"
#include "core/tf-stamp-rows.h"
#include "tf-mockup.h"
#include "tf-mockup-images.h"
#include "tf-mockup-kinds.h"
#include "tf-mockup-outputs.h"

void
tf_mk_image_free (TfMkImage *image)
{
  if (image == NULL)
    return;
  g_free (image->name);
  g_free (image->board);
  g_free (image);
}

typedef struct {
  GArray *ids;
  GPtrArray *names;
} Boards;

static gboolean
add_board (sqlite3_stmt *row,
           gpointer      user_data)
{
  Boards *boards = user_data;
  gint64 id = sqlite3_column_int64 (row, 0);
  const char *name = (const char *) sqlite3_column_text (row, 1);

  g_array_append_val (boards->ids, id);
  g_ptr_array_add (boards->names, g_strdup (name != NULL && g_utf8_validate (name, -1, NULL) ? name : ""));
  return TRUE;
}

static char *
file_name (TfStore *store,
           gint64   asset)
{
  g_autoptr(GError) error = NULL;
  char *name = NULL;

  if (!tf_asset_rows_name_of (store, asset, &name, &error))
    g_debug ("asset %" G_GINT64_FORMAT ": %s", asset, error->message);
  if (name != NULL && name[0] == '\0')
    g_clear_pointer (&name, g_free);
  return name;
}

static gboolean
seen (GHashTable *done,
      gint64      asset,
      int         page)
{
  char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%d", asset, page);

  if (g_hash_table_contains (done, key))
    {
      g_free (key);
      return TRUE;
    }
  g_hash_table_add (done, key);
  return FALSE;
}

/* @scene's photos in reading order, then the images placed on them. */
static void
list_scene (TfStore    *store,
            TfScene    *scene,
            const char *board,
            GHashTable *done,
            GPtrArray  *images)
{
  g_autoptr(GPtrArray) photos = tf_mockup_photos (scene);
  GPtrArray *items = tf_scene_get_items (scene);

  for (guint i = 0; i < photos->len; i++)
    {
      const TfItem *item = g_ptr_array_index (photos, i);
      const TfMkPhoto *photo = tf_mk_photo_item_get (item);
      g_autofree char *file = NULL;
      TfMkImage *image;

      if (photo->asset <= 0 || seen (done, photo->asset, photo->page))
        continue;
      file = file_name (store, photo->asset);
      image = g_new0 (TfMkImage, 1);
      image->asset = photo->asset;
      image->page = photo->page;
      image->board_id = tf_scene_get_board_id (scene);
      image->name = tf_mockup_photo_heading (scene, item, file);
      image->board = g_strdup (board);
      g_ptr_array_add (images, image);
    }
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      const TfMkPlace *place = tf_mk_place_item_get (item);
      g_autofree char *file = NULL;
      TfMkImage *image;

      if (item->hidden || place == NULL || place->asset <= 0 || seen (done, place->asset, place->page))
        continue;
      file = file_name (store, place->asset);
      image = g_new0 (TfMkImage, 1);
      image->asset = place->asset;
      image->page = place->page;
      image->board_id = tf_scene_get_board_id (scene);
      /* TRANSLATORS: an image placed in perspective on a mockup's photo, and the file it came from */
      image->name = file != NULL ? g_strdup_printf (_("Placed image · %s"), file) : g_strdup (_("Placed image"));
      image->board = g_strdup (board);
      g_ptr_array_add (images, image);
    }
}

GPtrArray *
tf_mk_images_list (TfStore  *store,
                   TfScene  *scene,
                   gint64    skip_asset,
                   int       skip_page,
                   GError  **error)
{
  g_autoptr(GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_mk_image_free);
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  Boards boards = { ids, names };
  gint64 board_id = tf_scene_get_board_id (scene);
  gint64 experiment = 0;
  const char *own_name = "";

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  if (skip_asset > 0)
    seen (done, skip_asset, skip_page);
  if (!tf_board_rows_experiment (store, board_id, &experiment, error) ||
      !tf_board_rows_of_kind (store, experiment, TF_MOCKUP_TYPE_ID, add_board, &boards, error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == board_id)
      own_name = g_ptr_array_index (names, i);
  list_scene (store, scene, own_name, done, images);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(TfScene) other = NULL;
      g_autoptr(GError) local = NULL;

      if (id == board_id)
        continue;
      /* A board that cannot be read lends no image; the others still do. */
      other = tf_scene_new_for_board (store, id, &local);
      if (other == NULL)
        {
          g_debug ("board %" G_GINT64_FORMAT ": %s", id, local->message);
          continue;
        }
      list_scene (store, other, g_ptr_array_index (names, i), done, images);
    }
  return g_steal_pointer (&images);
}
