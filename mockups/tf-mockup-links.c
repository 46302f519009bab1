/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-links"

#include "canvas/tf-scene.h"
#include "core/tf-board-type.h"
#include "core/tf-citations.h"
#include "tf-mockup-links.h"

void
tf_mk_link_free (TfMkLink *link)
{
  if (link == NULL)
    return;
  g_free (link->board_name);
  g_free (link->board_type);
  g_free (link->place);
  g_free (link->text);
  g_free (link);
}

GPtrArray *
tf_mk_photo_cited_by (TfStore  *store,
                      gint64    photo_id,
                      GError  **error)
{
  g_autoptr(GPtrArray) citations = NULL;
  g_autoptr(GHashTable) scenes = NULL;
  GPtrArray *links;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  citations = tf_citations_of (store, photo_id, error);
  if (citations == NULL)
    return NULL;
  /* One scene read per board that cites it, when its type places items. */
  scenes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  links = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_mk_link_free);
  for (guint i = 0; i < citations->len; i++)
    {
      const TfCitation *citation = g_ptr_array_index (citations, i);
      const TfBoardType *type = tf_board_type_lookup (citation->board_type);
      TfMkLink *link = g_new0 (TfMkLink, 1);
      char *place = NULL;

      link->item_id = citation->item_id;
      link->board_id = citation->board_id;
      link->board_name = g_strdup (citation->board_name);
      link->board_type = g_strdup (citation->board_type);
      link->text = g_strdup (citation->text);
      if (type != NULL && type->item_place != NULL)
        {
          TfScene *scene = g_hash_table_lookup (scenes, &citation->board_id);

          if (scene == NULL)
            {
              scene = tf_scene_new_for_board (store, citation->board_id, NULL);
              if (scene != NULL)
                g_hash_table_insert (scenes, g_memdup2 (&citation->board_id, sizeof (gint64)), scene);
            }
          if (scene != NULL)
            place = type->item_place (scene, citation->item_id);
        }
      link->place = place != NULL ? place : g_strdup ("");
      g_ptr_array_add (links, link);
    }
  return links;
}
