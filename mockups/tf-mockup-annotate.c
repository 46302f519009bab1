/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-annotate"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "core/tf-asset-source.h"
#include "core/tf-content.h"
#include "core/tf-item-rows.h"
#include "tf-mockup-annotate.h"
#include "tf-mockup-private.h"

typedef struct {
  gint64        photo_id;   /* or the bubble's id */
  TfRect        rect;
  double        x;
  double        y;
  char         *text;
  TfMkBlurShape shape;
  TfMkBlurMode  mode;
  gboolean      uncrop;
  GBytes       *stored;
  char         *mime_type;
  char         *name;       /* the new photo's file name */
  int           page;
  int           width;
  int           height;
} AnnArgs;

static void
ann_args_free (gpointer data)
{
  AnnArgs *args = data;

  g_free (args->text);
  g_clear_pointer (&args->stored, g_bytes_unref);
  g_free (args->mime_type);
  g_free (args->name);
  g_free (args);
}

static AnnArgs *
ann_args_new (gint64 id)
{
  AnnArgs *args = g_new0 (AnnArgs, 1);

  args->photo_id = id;
  return args;
}

/* A callout's or a bubble's: what it says and the point it marks. */
static AnnArgs *
ann_args_new_at (gint64      photo_id,
                 double      x,
                 double      y,
                 const char *text)
{
  AnnArgs *args = ann_args_new (photo_id);

  args->x = x;
  args->y = y;
  args->text = g_strdup (text != NULL ? text : "");
  return args;
}

static gboolean
check_text (const char  *text,
            GError     **error)
{
  if (text == NULL || tf_content_check_text (text, -1, TF_CONTENT_MAX_TEXT))
    return TRUE;
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("This text is too long to be stored"));
  return FALSE;
}

static gboolean
insert (TfCommand    *command,
        TfStore      *store,
        gint64        board_id,
        const char   *kind,
        const TfRect *bounds,
        const char   *text,
        const char   *payload,
        GError      **error)
{
  gint64 id;

  if (!tf_mk_check_bounds (bounds, error) || !check_text (text, error))
    return FALSE;
  if (!tf_item_rows_insert (store, board_id, kind, bounds->x, bounds->y, bounds->width, bounds->height,
                            tf_item_rows_next_z (store, board_id), 0, text != NULL ? text : "", "{}",
                            payload, &id, error))
    return FALSE;
  tf_command_set_result_id (command, id);
  return tf_store_touch_board (store, board_id, NULL, error);
}

/* --- Callouts --- */

static gboolean
add_callout (TfCommand  *command,
             TfStore    *store,
             GError    **error)
{
  AnnArgs *args = tf_command_get_data (command);
  static const char * const kinds[] = { TF_MK_CALLOUT_KIND, NULL };
  g_autoptr(GArray) rows = tf_item_row_array_new ();
  g_autofree char *payload = NULL;
  TfItemRow photo = { 0 };
  TfMkCallout callout = { 0 };
  TfRect bounds;
  gboolean ok = FALSE;

  if (!tf_mk_read_item (store, args->photo_id, TF_MK_PHOTO_KIND, &photo, error) ||
      !tf_item_rows_list (store, photo.board_id, kinds, rows, error))
    goto out;
  /* After the photo's last callout. */
  callout.photo = photo.id;
  callout.order = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(JsonObject) object = tf_mk_parse_payload (g_array_index (rows, TfItemRow, i).payload);
      TfMkCallout other;

      tf_mk_callout_read (&other, object);
      if (other.photo == photo.id && other.order + 1 > callout.order)
        callout.order = floor (other.order) + 1;
    }
  payload = tf_mk_callout_to_json (&callout, NULL);
  bounds = TF_RECT_INIT (args->x - TF_MK_CALLOUT_SIDE / 2, args->y - TF_MK_CALLOUT_SIDE / 2,
                         TF_MK_CALLOUT_SIDE, TF_MK_CALLOUT_SIDE);
  ok = insert (command, store, photo.board_id, TF_MK_CALLOUT_KIND, &bounds, args->text, payload, error);
out:
  tf_item_row_clear (&photo);
  return ok;
}

TfCommand *
tf_mk_command_add_callout (gint64      photo_id,
                           double      x,
                           double      y,
                           const char *text)
{
  return tf_command_new (_("Add a callout"), add_callout, ann_args_new_at (photo_id, x, y, text), ann_args_free);
}

/* --- Bubbles --- */

static gboolean
add_bubble (TfCommand  *command,
            TfStore    *store,
            GError    **error)
{
  AnnArgs *args = tf_command_get_data (command);
  g_autofree char *payload = NULL;
  TfItemRow photo = { 0 };
  TfMkBubble bubble = { 0 };
  TfRect bounds;
  double gap = TF_MK_BUBBLE_HEIGHT * 0.6;
  gboolean ok = FALSE;

  if (!tf_mk_read_item (store, args->photo_id, TF_MK_PHOTO_KIND, &photo, error))
    goto out;
  bounds = TF_RECT_INIT (args->x - TF_MK_BUBBLE_WIDTH * 0.25, args->y - gap - TF_MK_BUBBLE_HEIGHT,
                         TF_MK_BUBBLE_WIDTH, TF_MK_BUBBLE_HEIGHT);
  if (bounds.y < photo.y)
    bounds.y = args->y + gap;
  if (bounds.x + bounds.width > photo.x + photo.width)
    bounds.x = MAX (photo.x, args->x - TF_MK_BUBBLE_WIDTH * 0.75);
  bubble.photo = photo.id;
  bubble.tail_x = args->x - bounds.x;
  bubble.tail_y = args->y - bounds.y;
  payload = tf_mk_bubble_to_json (&bubble, NULL);
  ok = insert (command, store, photo.board_id, TF_MK_BUBBLE_KIND, &bounds, args->text, payload, error);
out:
  tf_item_row_clear (&photo);
  return ok;
}

TfCommand *
tf_mk_command_add_bubble (gint64      photo_id,
                          double      x,
                          double      y,
                          const char *text)
{
  return tf_command_new (_("Add a speech bubble"), add_bubble, ann_args_new_at (photo_id, x, y, text), ann_args_free);
}

static gboolean
set_tail (TfCommand  *command,
          TfStore    *store,
          GError    **error)
{
  AnnArgs *args = tf_command_get_data (command);
  g_autoptr(JsonObject) old = NULL;
  g_autofree char *payload = NULL;
  TfItemRow row = { 0 };
  TfMkBubble bubble;
  gboolean ok = FALSE;

  if (!tf_mk_read_item (store, args->photo_id, TF_MK_BUBBLE_KIND, &row, error))
    goto out;
  if (!tf_content_check_coord (args->x) || !tf_content_check_coord (args->y))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("The mockup would grow beyond the edge of the board"));
      goto out;
    }
  old = tf_mk_parse_payload (row.payload);
  tf_mk_bubble_read (&bubble, old);
  bubble.tail_x = args->x - row.x;
  bubble.tail_y = args->y - row.y;
  payload = tf_mk_bubble_to_json (&bubble, row.payload);
  ok = tf_mk_check_payload (payload, error) &&
       tf_item_rows_set_payload (store, row.id, payload, NULL, error) &&
       tf_store_touch_item (store, row.id, NULL, error) &&
       tf_store_touch_board (store, row.board_id, NULL, error);
out:
  tf_item_row_clear (&row);
  return ok;
}

TfCommand *
tf_mk_command_set_tail (gint64 bubble_id,
                        double x,
                        double y)
{
  AnnArgs *args = ann_args_new (bubble_id);

  args->x = x;
  args->y = y;
  return tf_command_new (_("Point a speech bubble"), set_tail, args, ann_args_free);
}

/* --- Blur regions --- */

static gboolean
add_blur (TfCommand  *command,
          TfStore    *store,
          GError    **error)
{
  AnnArgs *args = tf_command_get_data (command);
  g_autofree char *payload = NULL;
  TfItemRow photo = { 0 };
  TfMkBlur blur = { 0 };
  TfRect bounds, shown;
  gboolean ok = FALSE;

  if (!tf_mk_read_item (store, args->photo_id, TF_MK_PHOTO_KIND, &photo, error))
    goto out;
  shown = TF_RECT_INIT (photo.x, photo.y, photo.width, photo.height);
  if (!tf_rect_intersection (&args->rect, &shown, &bounds) || bounds.width < 1 || bounds.height < 1)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("A blur region must cover part of the photo"));
      goto out;
    }
  blur.photo = photo.id;
  blur.shape = args->shape;
  blur.mode = args->mode;
  payload = tf_mk_blur_to_json (&blur, NULL);
  ok = insert (command, store, photo.board_id, TF_MK_BLUR_KIND, &bounds, "", payload, error);
out:
  tf_item_row_clear (&photo);
  return ok;
}

TfCommand *
tf_mk_command_add_blur (gint64         photo_id,
                        const TfRect  *region,
                        TfMkBlurShape  shape,
                        TfMkBlurMode   mode)
{
  AnnArgs *args = ann_args_new (photo_id);

  g_return_val_if_fail (region != NULL, NULL);
  args->rect = *region;
  args->shape = shape;
  args->mode = mode;
  return tf_command_new (_("Add a blur region"), add_blur, args, ann_args_free);
}

/* --- Crop --- */

static gboolean
crop (TfCommand  *command,
      TfStore    *store,
      GError    **error)
{
  AnnArgs *args = tf_command_get_data (command);
  g_autoptr(JsonObject) old = NULL;
  g_autofree char *payload = NULL;
  TfItemRow row = { 0 };
  TfMkPhoto photo;
  TfRect shown, keep, crop;
  gboolean ok = FALSE;

  if (!tf_mk_read_item (store, args->photo_id, TF_MK_PHOTO_KIND, &row, error))
    goto out;
  old = tf_mk_parse_payload (row.payload);
  tf_mk_photo_read (&photo, old);
  shown = TF_RECT_INIT (row.x, row.y, row.width, row.height);
  if (args->uncrop)
    {
      /* The whole photo at the scale of the part shown, the part in place. */
      double sx = row.width / photo.crop.width, sy = row.height / photo.crop.height;

      keep = TF_RECT_INIT (row.x - photo.crop.x * sx, row.y - photo.crop.y * sy, sx, sy);
      crop = TF_RECT_INIT (0, 0, 1, 1);
    }
  else
    {
      if (!tf_rect_intersection (&args->rect, &shown, &keep) ||
          keep.width < shown.width * TF_MK_MIN_CROP || keep.height < shown.height * TF_MK_MIN_CROP ||
          keep.width < 1 || keep.height < 1)
        {
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                       _("The crop must keep part of the photo"));
          tf_mk_photo_clear (&photo);
          goto out;
        }
      crop = TF_RECT_INIT (photo.crop.x + (keep.x - shown.x) / shown.width * photo.crop.width,
                           photo.crop.y + (keep.y - shown.y) / shown.height * photo.crop.height,
                           keep.width / shown.width * photo.crop.width,
                           keep.height / shown.height * photo.crop.height);
    }
  photo.crop = crop;
  payload = tf_mk_photo_to_json (&photo, row.payload);
  tf_mk_photo_clear (&photo);
  ok = tf_mk_check_bounds (&keep, error) && tf_mk_check_payload (payload, error) &&
       tf_item_rows_set_bounds (store, row.id, keep.x, keep.y, keep.width, keep.height, NULL, error) &&
       tf_item_rows_set_payload (store, row.id, payload, NULL, error) &&
       tf_store_touch_item (store, row.id, NULL, error) &&
       tf_store_touch_board (store, row.board_id, NULL, error);
out:
  tf_item_row_clear (&row);
  return ok;
}

TfCommand *
tf_mk_command_crop (gint64        photo_id,
                    const TfRect *keep)
{
  AnnArgs *args = ann_args_new (photo_id);

  g_return_val_if_fail (keep != NULL, NULL);
  args->rect = *keep;
  return tf_command_new (_("Crop a photo"), crop, args, ann_args_free);
}

TfCommand *
tf_mk_command_uncrop (gint64 photo_id)
{
  AnnArgs *args = ann_args_new (photo_id);

  args->uncrop = TRUE;
  return tf_command_new (_("Show the whole photo"), crop, args, ann_args_free);
}

/* --- Replacing the photo --- */

static gboolean
replace_photo (TfCommand  *command,
               TfStore    *store,
               GError    **error)
{
  AnnArgs *args = tf_command_get_data (command);
  g_autoptr(JsonObject) old = NULL;
  g_autofree char *payload = NULL;
  TfItemRow row = { 0 };
  TfMkPhoto photo;
  TfRect bounds;
  gint64 asset;
  gboolean ok = FALSE;
  TfMkSource source = {
    .stored = args->stored, .mime_type = args->mime_type, .name = args->name,
    .page = args->page, .width = args->width, .height = args->height,
  };

  if (!tf_mk_check_source (&source, error))
    return FALSE;
  if (!tf_mk_read_item (store, args->photo_id, TF_MK_PHOTO_KIND, &row, error))
    goto out;
  if ((asset = tf_asset_insert (store, args->mime_type, args->name, args->stored, error)) == 0)
    goto out;
  old = tf_mk_parse_payload (row.payload);
  tf_mk_photo_read (&photo, old);
  photo.asset = asset;
  photo.page = args->page;
  photo.natural_width = args->width;
  photo.natural_height = args->height;
  photo.crop = TF_RECT_INIT (0, 0, 1, 1);
  payload = tf_mk_photo_to_json (&photo, row.payload);
  tf_mk_photo_clear (&photo);
  bounds = TF_RECT_INIT (row.x, row.y, row.width, MAX (1.0, round (row.width * args->height / args->width)));
  ok = tf_mk_check_bounds (&bounds, error) && tf_mk_check_payload (payload, error) &&
       tf_item_rows_set_bounds (store, row.id, bounds.x, bounds.y, bounds.width, bounds.height, NULL, error) &&
       tf_item_rows_set_payload (store, row.id, payload, NULL, error) &&
       tf_item_rows_set_asset (store, row.id, asset, error) &&
       tf_store_touch_item (store, row.id, NULL, error) &&
       tf_store_touch_board (store, row.board_id, NULL, error);
out:
  tf_item_row_clear (&row);
  return ok;
}

TfCommand *
tf_mk_command_replace_photo (gint64            photo_id,
                             const TfMkSource *source)
{
  AnnArgs *args = ann_args_new (photo_id);

  g_return_val_if_fail (source != NULL, NULL);
  args->stored = source->stored != NULL ? g_bytes_ref (source->stored) : NULL;
  args->mime_type = g_strdup (source->mime_type);
  args->name = g_strdup (source->name != NULL ? source->name : "");
  args->page = source->page;
  args->width = source->width;
  args->height = source->height;
  return tf_command_new (_("Replace a photo"), replace_photo, args, ann_args_free);
}
