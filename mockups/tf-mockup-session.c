/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/tf-session-rows.h"
#include "tf-mockup-kinds.h"
#include "tf-mockup-outputs.h"

/* The room: each photo of a mockup is a view of a session, named as the
 * side panel names it ("Photo 2"). A montage shows beside its original
 * ("before") in one view; the original gets no view of its own. */
void
tf_mockup_list_session_steps (TfScene *scene,
                              GArray  *steps)
{
  g_autoptr(GPtrArray) photos = tf_mockup_photos (scene);
  g_autoptr(GHashTable) shown = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < photos->len; i++)
    {
      const TfItem *item = g_ptr_array_index (photos, i);

      g_hash_table_add (shown, (gpointer) &item->id);
    }
  for (guint i = 0; i < photos->len; i++)
    {
      const TfItem *item = g_ptr_array_index (photos, i);
      const TfMkPhoto *photo = tf_mk_photo_item_get (item);
      TfSessionStep step = { 0 };
      TfRect area = item->bounds;
      gboolean paired = FALSE;

      /* An original beside its montage: shown with it. */
      if (photo->before_of > 0 && g_hash_table_contains (shown, &photo->before_of))
        continue;
      for (guint j = 0; j < photos->len; j++)
        {
          const TfItem *before = g_ptr_array_index (photos, j);

          if (tf_mk_photo_item_get (before)->before_of == item->id)
            {
              TfRect b = before->bounds;

              area = tf_rect_union (&area, &b);
              paired = TRUE;
            }
        }
      step.kind = TF_SESSION_STEP_MOCKUP;
      /* A photo alone follows its item; a pair is its rectangle. */
      step.item_id = paired ? 0 : item->id;
      step.x = area.x;
      step.y = area.y;
      step.width = area.width;
      step.height = area.height;
      /* TRANSLATORS: a step of a session: the photo %u of a mockup, as its side panel numbers it */
      step.title = g_strdup_printf (_("Photo %u"), tf_mockup_photo_number (scene, item->id));
      step.notes = g_strdup ("");
      g_array_append_val (steps, step);
    }
}
