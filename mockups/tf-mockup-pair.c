/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-pair"

#include <glib/gi18n-lib.h>

#include "core/tf-content.h"
#include "core/tf-item-rows.h"
#include "tf-mockup-model.h"
#include "tf-mockup-pair.h"

typedef struct {
  gint64 montage_id;
  gint64 original_id;
} PairArgs;

/* Writes @before_of into photo row @row when it differs. */
static gboolean
write_before_of (TfStore    *store,
                 TfItemRow  *row,
                 gint64      before_of,
                 GError    **error)
{
  g_autoptr(JsonObject) old = tf_mk_parse_payload (row->payload);
  g_autofree char *payload = NULL;
  TfMkPhoto photo;

  tf_mk_photo_read (&photo, old);
  if (photo.before_of == before_of)
    {
      tf_mk_photo_clear (&photo);
      return TRUE;
    }
  photo.before_of = before_of;
  payload = tf_mk_photo_to_json (&photo, row->payload);
  tf_mk_photo_clear (&photo);
  if (!tf_content_check_json (payload, -1))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("The mockup's data are too large to be stored"));
      return FALSE;
    }
  return tf_item_rows_set_payload (store, row->id, payload, NULL, error) &&
         tf_store_touch_item (store, row->id, NULL, error);
}

static gboolean
set_original (TfCommand  *command,
              TfStore    *store,
              GError    **error)
{
  PairArgs *args = tf_command_get_data (command);
  static const char * const kinds[] = { TF_MK_PHOTO_KIND, NULL };
  g_autoptr(GArray) rows = tf_item_row_array_new ();
  TfItemRow montage = { 0 };
  gboolean found = FALSE, ok = FALSE;

  if (!tf_item_rows_read (store, args->montage_id, &montage) ||
      g_strcmp0 (montage.kind, TF_MK_PHOTO_KIND) != 0 ||
      args->original_id == args->montage_id)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no photo %lld on a mockup in this archive"), (long long) args->montage_id);
      goto out;
    }
  if (!tf_item_rows_list (store, montage.board_id, kinds, rows, error))
    goto out;
  for (guint i = 0; i < rows->len; i++)
    {
      TfItemRow *row = &g_array_index (rows, TfItemRow, i);

      if (row->id == args->original_id)
        found = TRUE;
    }
  if (args->original_id != 0 && !found)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no photo %lld on a mockup in this archive"), (long long) args->original_id);
      goto out;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      TfItemRow *row = &g_array_index (rows, TfItemRow, i);
      g_autoptr(JsonObject) payload = tf_mk_parse_payload (row->payload);
      TfMkPhoto photo;
      gint64 before_of;

      tf_mk_photo_read (&photo, payload);
      before_of = photo.before_of;
      tf_mk_photo_clear (&photo);
      if (row->id == args->original_id)
        {
          if (!write_before_of (store, row, args->montage_id, error))
            goto out;
        }
      else if (before_of == args->montage_id && !write_before_of (store, row, 0, error))
        goto out;
    }
  ok = tf_store_touch_board (store, montage.board_id, NULL, error);
out:
  tf_item_row_clear (&montage);
  return ok;
}

TfCommand *
tf_mk_command_set_original (gint64 montage_id,
                            gint64 original_id)
{
  PairArgs *args = g_new0 (PairArgs, 1);

  args->montage_id = montage_id;
  args->original_id = original_id;
  return tf_command_new (original_id != 0 ? _("Pair with the original photo") : _("Unpair the original photo"),
                         set_original, args, g_free);
}
