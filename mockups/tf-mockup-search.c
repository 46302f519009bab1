/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "core/tf-stamp-rows.h"
#include "tf-mockup-kinds.h"
#include "tf-mockup-outputs.h"

/* The board's search (TfBoardType.search_items): the side panel and the
 * printed key name a photo by its own name (its text, given in the panel)
 * or by the file it came from ("bureau.jpg"), and list its legend (its
 * callouts' texts). A search for any of them finds the photo; words match as the archive's search
 * does, by their beginnings, in any case and with or without accents. */

static gboolean
matches (const char *text,
         const char *hit)
{
  return hit != NULL && hit[0] != '\0' && g_utf8_validate (hit, -1, NULL) &&
         g_str_match_string (text, hit, TRUE);
}

static gboolean
name_matches (TfStore    *store,
              gint64      asset_id,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (store == NULL || asset_id <= 0)
    return FALSE;
  if (!tf_asset_rows_name_of (store, asset_id, &name, &error))
    {
      g_debug ("Cannot read a photo's name: %s", error->message);
      return FALSE;
    }
  return matches (text, name);
}

void
tf_mockup_search_items (TfStore    *store,
                        TfScene    *scene,
                        const char *text,
                        GArray     *found)
{
  g_autoptr(GPtrArray) photos = NULL;

  if (scene == NULL || text == NULL || text[0] == '\0')
    return;
  photos = tf_mockup_photos (scene);
  for (guint i = 0; i < photos->len; i++)
    {
      const TfItem *item = g_ptr_array_index (photos, i);
      const TfMkPhoto *photo = tf_mk_photo_item_get (item);
      gboolean hit = matches (text, item->text) || name_matches (store, photo->asset, text);

      if (!hit)
        {
          g_autoptr(GPtrArray) callouts = tf_mockup_callouts (scene, item->id);

          for (guint j = 0; j < callouts->len && !hit; j++)
            hit = matches (text, ((const TfItem *) g_ptr_array_index (callouts, j))->text);
        }
      if (hit)
        g_array_append_val (found, item->id);
    }
}
