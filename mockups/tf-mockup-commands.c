/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-commands"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>

#include "core/tf-asset-source.h"
#include "core/tf-board-rows.h"
#include "core/tf-content.h"
#include "core/tf-item-rows.h"
#include "tf-mockup.h"
#include "tf-mockup-commands.h"
#include "tf-mockup-private.h"

typedef struct {
  gint64   experiment_id;
  gint64   board_id;      /* given, then the one written */
  gint64   item_id;       /* the photo or placement the command is about */
  gint64   asset_id;      /* the asset stored */
  GBytes  *stored;
  char    *mime_type;
  char    *name;
  char    *board_name;    /* of a new board, NULL: "Mockup" */
  int      page;
  int      width;
  int      height;
  TfQuad   quad;
  gboolean flag;
} MkArgs;

static void
mk_args_free (gpointer data)
{
  MkArgs *args = data;

  g_clear_pointer (&args->stored, g_bytes_unref);
  g_free (args->mime_type);
  g_free (args->name);
  g_free (args->board_name);
  g_free (args);
}

static MkArgs *
mk_args_new (const TfMkSource *source)
{
  MkArgs *args = g_new0 (MkArgs, 1);

  if (source != NULL)
    {
      args->stored = source->stored != NULL ? g_bytes_ref (source->stored) : NULL;
      args->mime_type = g_strdup (source->mime_type);
      args->name = g_strdup (source->name != NULL ? source->name : "");
      args->page = source->page;
      args->width = source->width;
      args->height = source->height;
    }
  return args;
}

gint64
tf_mk_command_get_asset_id (TfCommand *command)
{
  MkArgs *args = tf_command_get_data (command);

  g_return_val_if_fail (args != NULL, 0);
  return args->asset_id;
}

gint64
tf_mk_command_get_board_id (TfCommand *command)
{
  MkArgs *args = tf_command_get_data (command);

  g_return_val_if_fail (args != NULL, 0);
  return args->board_id;
}

/* --- Checks --- */

static gboolean
check_source (const MkArgs  *args,
              GError       **error)
{
  TfMkSource source = {
    .stored = args->stored, .mime_type = args->mime_type, .name = args->name,
    .page = args->page, .width = args->width, .height = args->height,
  };

  return tf_mk_check_source (&source, error);
}

gboolean
tf_mk_check_source (const TfMkSource  *source,
                    GError           **error)
{
  if (source->stored != NULL && g_bytes_get_size (source->stored) > 0 && source->mime_type != NULL &&
      source->width > 0 && source->height > 0 && source->width <= TF_MK_MAX_SIDE &&
      source->height <= TF_MK_MAX_SIDE && source->page >= 0 && source->page <= TF_MK_MAX_PAGE &&
      (source->name == NULL || tf_content_check_text (source->name, -1, 1024)))
    return TRUE;
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("This image cannot be added to a mockup"));
  return FALSE;
}

gboolean
tf_mk_check_payload (const char  *json,
                     GError     **error)
{
  if (tf_content_check_json (json, -1))
    return TRUE;
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("The mockup's data are too large to be stored"));
  return FALSE;
}

gboolean
tf_mk_check_bounds (const TfRect  *r,
                    GError       **error)
{
  if (tf_content_check_coord (r->x) && tf_content_check_coord (r->y) &&
      tf_content_check_coord (r->x + r->width) && tf_content_check_coord (r->y + r->height) &&
      tf_content_check_size (r->width) && tf_content_check_size (r->height))
    return TRUE;
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
               _("The mockup would grow beyond the edge of the board"));
  return FALSE;
}

gboolean
tf_mk_read_item (TfStore     *store,
                 gint64       id,
                 const char  *kind,
                 TfItemRow   *row,
                 GError     **error)
{
  if (tf_item_rows_read (store, id, row) && g_strcmp0 (row->kind, kind) == 0)
    return TRUE;
  if (g_strcmp0 (kind, TF_MK_PHOTO_KIND) == 0)
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                 _("There is no photo %lld on a mockup in this archive"), (long long) id);
  else if (g_strcmp0 (kind, TF_MK_PLACE_KIND) == 0)
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                 _("There is no placed image %lld in this archive"), (long long) id);
  else if (g_strcmp0 (kind, TF_MK_BUBBLE_KIND) == 0)
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                 _("There is no speech bubble %lld in this archive"), (long long) id);
  else
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                 _("There is no item %lld of this kind on a mockup in this archive"), (long long) id);
  return FALSE;
}

/* --- Boards --- */

static gboolean
take_first (sqlite3_stmt *row,
            gpointer      user_data)
{
  *(gint64 *) user_data = sqlite3_column_int64 (row, 0);
  return FALSE;
}

gint64
tf_mk_first_board (TfStore  *store,
                   gint64    experiment_id,
                   GError  **error)
{
  gint64 id = 0;

  if (!tf_board_rows_of_kind (store, experiment_id, TF_MOCKUP_TYPE_ID, take_first, &id, error))
    return 0;
  return id;
}

static gboolean
resolve_board (TfStore  *store,
               MkArgs   *args,
               GError  **error)
{
  gboolean found = FALSE;
  gint64 experiment = 0;
  g_autofree char *kind = NULL;

  if (!tf_experiment_rows_exists (store, args->experiment_id, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no experiment %lld in this archive"), (long long) args->experiment_id);
      return FALSE;
    }
  if (args->board_id == 0 && args->board_name != NULL)
    return tf_board_rows_append (store, args->experiment_id, TF_MOCKUP_TYPE_ID, args->board_name,
                                 &args->board_id, error);
  if (args->board_id == 0)
    {
      if (!(args->board_id = tf_mk_first_board (store, args->experiment_id, error)) &&
          error != NULL && *error != NULL)
        return FALSE;
      if (args->board_id == 0)
        /* TRANSLATORS: the name of a new mockup board */
        return tf_board_rows_append (store, args->experiment_id, TF_MOCKUP_TYPE_ID, _("Mockup"),
                                     &args->board_id, error);
      return TRUE;
    }
  if (!tf_board_rows_experiment (store, args->board_id, &experiment, error) ||
      !tf_board_rows_kind (store, args->board_id, &kind, error))
    return FALSE;
  if (experiment != args->experiment_id || g_strcmp0 (kind, TF_MOCKUP_TYPE_ID) != 0)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("Board %lld is not a mockup of this experiment"), (long long) args->board_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_asset (TfStore  *store,
             MkArgs   *args,
             GError  **error)
{
  args->asset_id = tf_asset_insert (store, args->mime_type, args->name, args->stored, error);
  return args->asset_id != 0;
}

/* --- Adding a photo --- */

static gboolean
add_photo (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  MkArgs *args = tf_command_get_data (command);
  static const char * const kinds[] = { TF_MK_PHOTO_KIND, NULL };
  g_autoptr(GArray) rows = tf_item_row_array_new ();
  g_autofree char *payload = NULL;
  TfMkPhoto photo = { 0 };
  double x = 0, y = 0, scale;
  TfRect bounds;
  gint64 id;

  if (!check_source (args, error) || !resolve_board (store, args, error) || !store_asset (store, args, error))
    return FALSE;

  /* Right of the photos already there, along their top. */
  if (!tf_item_rows_list (store, args->board_id, kinds, rows, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      TfItemRow *row = &g_array_index (rows, TfItemRow, i);

      if (i == 0 || row->x + row->width + TF_MK_PHOTO_GAP > x)
        x = row->x + row->width + TF_MK_PHOTO_GAP;
      if (i == 0)
        y = row->y;
    }
  scale = TF_MK_PHOTO_SIDE / MAX (args->width, args->height);
  bounds = TF_RECT_INIT (x, y, MAX (1.0, round (args->width * scale)), MAX (1.0, round (args->height * scale)));
  if (!tf_mk_check_bounds (&bounds, error))
    return FALSE;

  photo.asset = args->asset_id;
  photo.page = args->page;
  photo.natural_width = args->width;
  photo.natural_height = args->height;
  photo.crop = TF_RECT_INIT (0, 0, 1, 1);
  payload = tf_mk_photo_to_json (&photo, NULL);
  if (!tf_item_rows_insert (store, args->board_id, TF_MK_PHOTO_KIND, bounds.x, bounds.y, bounds.width,
                            bounds.height, tf_item_rows_next_z (store, args->board_id), 0, "", "{}", payload,
                            &id, error) ||
      !tf_item_rows_set_asset (store, id, args->asset_id, error))
    return FALSE;
  args->item_id = id;
  tf_command_set_result_id (command, id);
  return tf_store_touch_board (store, args->board_id, NULL, error);
}

TfCommand *
tf_mk_command_add_photo (gint64            experiment_id,
                         gint64            board_id,
                         const char       *board_name,
                         const TfMkSource *source)
{
  MkArgs *args = mk_args_new (source);

  args->board_name = board_id == 0 && board_name != NULL ? g_strstrip (g_strdup (board_name)) : NULL;
  args->experiment_id = experiment_id;
  args->board_id = board_id;
  return tf_command_new (_("Add a photo"), add_photo, args, mk_args_free);
}

/* --- Placements --- */

/* Writes placement @id's corners: bounds = their box, the payload's
 * corners relative to it. @quad is already checked. */
static gboolean
write_corners (TfStore       *store,
               const TfItemRow *row,
               TfMkPlace     *place,
               const TfQuad  *quad,
               GError       **error)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  g_autofree char *payload = NULL;
  TfRect bounds;

  for (int i = 0; i < 4; i++)
    {
      x0 = MIN (x0, quad->p[i].x);
      y0 = MIN (y0, quad->p[i].y);
      x1 = MAX (x1, quad->p[i].x);
      y1 = MAX (y1, quad->p[i].y);
    }
  bounds = TF_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
  if (!tf_mk_check_bounds (&bounds, error))
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      place->corners.p[i].x = quad->p[i].x - x0;
      place->corners.p[i].y = quad->p[i].y - y0;
    }
  place->has_corners = TRUE;
  payload = tf_mk_place_to_json (place, row->payload);
  if (!tf_mk_check_payload (payload, error))
    return FALSE;
  return tf_item_rows_set_bounds (store, row->id, bounds.x, bounds.y, bounds.width, bounds.height, NULL, error) &&
         tf_item_rows_set_payload (store, row->id, payload, NULL, error) &&
         tf_store_touch_item (store, row->id, NULL, error);
}

static gboolean
refuse_quad (TfQuad  *quad,
             GError **error)
{
  for (int i = 0; i < 4; i++)
    if (!tf_content_check_coord (quad->p[i].x) || !tf_content_check_coord (quad->p[i].y))
      {
        g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                     _("The mockup would grow beyond the edge of the board"));
        return TRUE;
      }
  if (tf_quad_correct (quad))
    return FALSE;
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
               _("These four corners do not make a surface an image can be placed on: "
                 "move them so that no corner points inwards"));
  return TRUE;
}

static gboolean
add_place (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  MkArgs *args = tf_command_get_data (command);
  TfItemRow photo = { 0 }, row = { 0 };
  TfMkPlace place = { 0 };
  g_autofree char *payload = NULL;
  double w, h, scale;
  TfQuad quad;
  gboolean ok = FALSE;
  gint64 id;

  if (!check_source (args, error) || !tf_mk_read_item (store, args->item_id, TF_MK_PHOTO_KIND, &photo, error))
    goto out;
  args->board_id = photo.board_id;
  if (!store_asset (store, args, error))
    goto out;

  /* Half the photo, the image's aspect, centred. */
  scale = MIN (photo.width / 2 / args->width, photo.height / 2 / args->height);
  w = MAX (1.0, args->width * scale);
  h = MAX (1.0, args->height * scale);
  {
    double x = photo.x + (photo.width - w) / 2, y = photo.y + (photo.height - h) / 2;

    quad = (TfQuad) { { { x, y }, { x + w, y }, { x + w, y + h }, { x, y + h } } };
  }
  if (refuse_quad (&quad, error))
    goto out;

  place.asset = args->asset_id;
  place.page = args->page;
  place.photo = photo.id;
  payload = tf_mk_place_to_json (&place, NULL);
  if (!tf_item_rows_insert (store, photo.board_id, TF_MK_PLACE_KIND, quad.p[0].x, quad.p[0].y, w, h,
                            tf_item_rows_next_z (store, photo.board_id), 0, "", "{}", payload, &id, error) ||
      !tf_item_rows_set_asset (store, id, args->asset_id, error) ||
      !tf_item_rows_read (store, id, &row))
    goto out;
  tf_command_set_result_id (command, id);
  ok = write_corners (store, &row, &place, &quad, error) &&
       tf_store_touch_board (store, photo.board_id, NULL, error);
out:
  tf_item_row_clear (&photo);
  tf_item_row_clear (&row);
  return ok;
}

TfCommand *
tf_mk_command_add_place (gint64            photo_id,
                         const TfMkSource *source)
{
  MkArgs *args = mk_args_new (source);

  args->item_id = photo_id;
  return tf_command_new (_("Place an image"), add_place, args, mk_args_free);
}

static gboolean
set_corners (TfCommand  *command,
             TfStore    *store,
             GError    **error)
{
  MkArgs *args = tf_command_get_data (command);
  g_autoptr(JsonObject) payload = NULL;
  TfItemRow row = { 0 };
  TfMkPlace place;
  TfQuad quad = args->quad;
  gboolean ok = FALSE;

  if (!tf_mk_read_item (store, args->item_id, TF_MK_PLACE_KIND, &row, error) || refuse_quad (&quad, error))
    goto out;
  args->board_id = row.board_id;
  payload = tf_mk_parse_payload (row.payload);
  tf_mk_place_read (&place, payload);
  ok = write_corners (store, &row, &place, &quad, error) &&
       tf_store_touch_board (store, row.board_id, NULL, error);
out:
  tf_item_row_clear (&row);
  return ok;
}

TfCommand *
tf_mk_command_set_corners (gint64        place_id,
                           const TfQuad *quad)
{
  MkArgs *args = mk_args_new (NULL);

  g_return_val_if_fail (quad != NULL, NULL);
  args->item_id = place_id;
  args->quad = *quad;
  return tf_command_new (_("Move the corners of an image"), set_corners, args, mk_args_free);
}

static gboolean
replace_image (TfCommand  *command,
               TfStore    *store,
               GError    **error)
{
  MkArgs *args = tf_command_get_data (command);
  g_autoptr(JsonObject) old = NULL;
  g_autofree char *payload = NULL;
  TfItemRow row = { 0 };
  TfMkPlace place;
  gboolean ok = FALSE;

  if (!check_source (args, error) || !tf_mk_read_item (store, args->item_id, TF_MK_PLACE_KIND, &row, error))
    goto out;
  args->board_id = row.board_id;
  if (!store_asset (store, args, error))
    goto out;
  old = tf_mk_parse_payload (row.payload);
  tf_mk_place_read (&place, old);
  place.asset = args->asset_id;
  place.page = args->page;
  payload = tf_mk_place_to_json (&place, row.payload);
  ok = tf_mk_check_payload (payload, error) &&
       tf_item_rows_set_payload (store, row.id, payload, NULL, error) &&
       tf_item_rows_set_asset (store, row.id, args->asset_id, error) &&
       tf_store_touch_item (store, row.id, NULL, error) &&
       tf_store_touch_board (store, row.board_id, NULL, error);
out:
  tf_item_row_clear (&row);
  return ok;
}

TfCommand *
tf_mk_command_replace_image (gint64            place_id,
                             const TfMkSource *source)
{
  MkArgs *args = mk_args_new (source);

  args->item_id = place_id;
  return tf_command_new (_("Replace an image"), replace_image, args, mk_args_free);
}

/* --- People and consent --- */

static gboolean
set_photo_flag (TfCommand  *command,
                TfStore    *store,
                GError    **error,
                gboolean    consent)
{
  MkArgs *args = tf_command_get_data (command);
  g_autoptr(JsonObject) old = NULL;
  g_autofree char *payload = NULL;
  TfItemRow row = { 0 };
  TfMkPhoto photo;
  gboolean ok = FALSE;

  if (!tf_mk_read_item (store, args->item_id, TF_MK_PHOTO_KIND, &row, error))
    goto out;
  args->board_id = row.board_id;
  old = tf_mk_parse_payload (row.payload);
  tf_mk_photo_read (&photo, old);
  if (consent)
    {
      photo.consent_given = args->flag;
      g_free (photo.consent_at);
      if (args->flag)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          photo.consent_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
        }
      else
        photo.consent_at = g_strdup ("");
    }
  else
    photo.people_visible = args->flag;
  payload = tf_mk_photo_to_json (&photo, row.payload);
  tf_mk_photo_clear (&photo);
  ok = tf_mk_check_payload (payload, error) &&
       tf_item_rows_set_payload (store, row.id, payload, NULL, error) &&
       tf_store_touch_item (store, row.id, NULL, error) &&
       tf_store_touch_board (store, row.board_id, NULL, error);
out:
  tf_item_row_clear (&row);
  return ok;
}

static gboolean
set_people_visible (TfCommand  *command,
                    TfStore    *store,
                    GError    **error)
{
  return set_photo_flag (command, store, error, FALSE);
}

static gboolean
set_consent (TfCommand  *command,
             TfStore    *store,
             GError    **error)
{
  return set_photo_flag (command, store, error, TRUE);
}

TfCommand *
tf_mk_command_set_people_visible (gint64   photo_id,
                                  gboolean visible)
{
  MkArgs *args = mk_args_new (NULL);

  args->item_id = photo_id;
  args->flag = visible;
  return tf_command_new (visible ? _("Mark people as visible") : _("Mark no one as visible"),
                         set_people_visible, args, mk_args_free);
}

TfCommand *
tf_mk_command_set_consent (gint64   photo_id,
                           gboolean given)
{
  MkArgs *args = mk_args_new (NULL);

  args->item_id = photo_id;
  args->flag = given;
  return tf_command_new (given ? _("Record consent") : _("Withdraw consent"), set_consent, args, mk_args_free);
}

/* A photo's own name is its item's text (nothing draws it): what tells two
 * photos of one file apart in the side panel, the key and the report. */
static gboolean
set_photo_name (TfCommand  *command,
                TfStore    *store,
                GError    **error)
{
  MkArgs *args = tf_command_get_data (command);
  TfItemRow row = { 0 };
  gboolean changed = FALSE;
  gboolean ok = FALSE;

  if (!tf_mk_read_item (store, args->item_id, TF_MK_PHOTO_KIND, &row, error))
    goto out;
  args->board_id = row.board_id;
  if (!tf_content_check_text (args->name, -1, TF_CONTENT_MAX_TEXT))
    {
      g_set_error_literal (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("That name cannot be stored"));
      goto out;
    }
  ok = tf_item_rows_set_text (store, row.id, args->name, &changed, error) &&
       (!changed || (tf_store_touch_item (store, row.id, NULL, error) &&
                     tf_store_touch_board (store, row.board_id, NULL, error)));
out:
  tf_item_row_clear (&row);
  return ok;
}

TfCommand *
tf_mk_command_set_photo_name (gint64      photo_id,
                              const char *name)
{
  MkArgs *args = mk_args_new (NULL);

  args->item_id = photo_id;
  args->name = g_strstrip (g_strdup (name != NULL ? name : ""));
  return tf_command_new (args->name[0] != '\0' ? _("Name a photo") : _("Remove a photo's name"),
                         set_photo_name, args, mk_args_free);
}
