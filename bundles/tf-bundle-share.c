/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-bundle-share"

#include "bundles/tf-bundle-share.h"
#include "canvas/tf-item.h"
#include "canvas/tf-scene.h"
#include "core/tf-archive.h"
#include "core/tf-board.h"

#include <string.h>

static void
id_set_add (GHashTable *set,
            gint64      id)
{
  g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

/* Asks the kinds of @scene's items what leaves; then what names an item
 * left home forgets it, and goes too when it cannot do without it. */
static void
share_board (TfScene    *scene,
             guint       drop,
             GHashTable *left_out,
             GHashTable *payloads)
{
  GPtrArray *items = tf_scene_get_items (scene);
  gboolean again = TRUE;

  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      char *payload = NULL;

      if (item->kind == NULL || item->kind->share == NULL)
        continue;
      if (!item->kind->share (item, scene, drop, &payload))
        {
          g_free (payload);
          id_set_add (left_out, item->id);
        }
      else if (payload != NULL)
        g_hash_table_insert (payloads, g_memdup2 (&item->id, sizeof item->id), payload);
    }

  while (again && g_hash_table_size (left_out) > 0)
    {
      again = FALSE;
      for (guint i = 0; i < items->len; i++)
        {
          TfItem *item = g_ptr_array_index (items, i);
          g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autoptr(GHashTable) map = g_hash_table_new (g_int64_hash, g_int64_equal);
          g_autoptr(TfItem) shared = NULL;
          const char *payload;
          char *remapped;
          gboolean touched = FALSE;

          if (g_hash_table_contains (left_out, &item->id))
            continue;
          tf_item_references (item, refs);
          for (guint k = 0; k < refs->len; k++)
            {
              gint64 *ref = &g_array_index (refs, gint64, k);

              if (g_hash_table_contains (left_out, ref))
                touched = TRUE;
              else
                g_hash_table_insert (map, ref, ref);
            }
          if (!touched)
            continue;
          /* The payload the kind already changed, if it did. */
          payload = g_hash_table_lookup (payloads, &item->id);
          shared = tf_item_copy (item);
          if (payload != NULL)
            {
              tf_item_set_payload (shared, payload);
              tf_item_changed (shared);
            }
          remapped = tf_item_remap_payload (shared, map);
          if (remapped == NULL)
            {
              id_set_add (left_out, item->id);
              g_hash_table_remove (payloads, &item->id);
              again = TRUE;
            }
          else if (g_strcmp0 (remapped, shared->payload) != 0)
            g_hash_table_insert (payloads, g_memdup2 (&item->id, sizeof item->id), remapped);
          else
            g_free (remapped);
        }
    }
}

gboolean
tf_bundle_export (TfStore     *store,
                  gint64       experiment_id,
                  guint        drop,
                  const char  *department,
                  gboolean     force,
                  const char  *path,
                  guint       *n_items,
                  guint       *n_assets,
                  guint       *n_left_out,
                  GError     **error)
{
  return tf_bundle_export_full (store, experiment_id, drop, department, force, path, NULL, NULL, NULL,
                                n_items, n_assets, n_left_out, error);
}

gboolean
tf_bundle_export_full (TfStore      *store,
                       gint64        experiment_id,
                       guint         drop,
                       const char   *department,
                       gboolean      force,
                       const char   *path,
                       GCancellable *cancellable,
                       void        (*progress) (double fraction, gpointer user_data),
                       gpointer      progress_data,
                       guint        *n_items,
                       guint        *n_assets,
                       guint        *n_left_out,
                       GError      **error)
{
  g_autoptr(GHashTable) left_out = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) payloads = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GListStore) boards = NULL;
  TfBundleExport what = {
    .drop = drop, .left_out = left_out, .payloads = payloads, .department = department, .force = force,
    .cancellable = cancellable, .progress = progress, .progress_data = progress_data,
  };

  g_return_val_if_fail (TF_IS_STORE (store), FALSE);

  boards = tf_archive_list_boards (store, experiment_id, error);
  if (boards == NULL)
    return FALSE;
  for (guint i = 0; drop != TF_BUNDLE_DROP_NONE && i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);
      g_autoptr(TfScene) scene = tf_scene_new_for_board (store, tf_board_get_id (board), error);

      if (scene == NULL)
        return FALSE;
      share_board (scene, drop, left_out, payloads);
    }
  if (n_left_out != NULL)
    *n_left_out = g_hash_table_size (left_out);
  return tf_bundle_write (store, experiment_id, &what, path, n_items, n_assets, error);
}

/* Whether @item's kind leaves it home (or, with @changed, changes it)
 * under @drop alone. */
static gboolean
share_affects (TfItem   *item,
               TfScene  *scene,
               guint     drop,
               gboolean  changed)
{
  g_autofree char *payload = NULL;
  gboolean kept;

  if (item->kind == NULL || item->kind->share == NULL)
    return FALSE;
  kept = item->kind->share (item, scene, drop, &payload);
  return changed ? kept && payload != NULL : !kept;
}

gboolean
tf_bundle_share_count (TfStore              *store,
                       gint64                experiment_id,
                       TfBundleShareCounts  *counts,
                       GError              **error)
{
  g_autoptr(GListStore) boards = NULL;
  gint64 notes;

  g_return_val_if_fail (TF_IS_STORE (store), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  boards = tf_archive_list_boards (store, experiment_id, error);
  if (boards == NULL)
    return FALSE;
  counts->n_boards = g_list_model_get_n_items (G_LIST_MODEL (boards));
  for (guint i = 0; i < counts->n_boards; i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);
      g_autoptr(TfScene) scene = tf_scene_new_for_board (store, tf_board_get_id (board), error);
      GPtrArray *items;

      if (scene == NULL)
        return FALSE;
      items = tf_scene_get_items (scene);
      counts->n_items += items->len;
      for (guint k = 0; k < items->len; k++)
        {
          TfItem *item = g_ptr_array_index (items, k);

          counts->unconsented += share_affects (item, scene, TF_BUNDLE_DROP_UNCONSENTED, FALSE);
          counts->dated += share_affects (item, scene, TF_BUNDLE_DROP_DATES, TRUE);
          counts->people_photos += share_affects (item, scene, TF_BUNDLE_DROP_PEOPLE_PHOTOS, FALSE);
        }
    }
  notes = tf_bundle_count_step_notes (store, experiment_id, error);
  if (notes < 0)
    return FALSE;
  counts->notes = (guint) notes;
  return TRUE;
}
