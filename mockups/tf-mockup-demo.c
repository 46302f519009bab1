/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-demo"

#include <gio/gio.h>

#include "core/tf-demo.h"
#include "core/tf-item-rows.h"
#include "tf-mockup.h"
#include "tf-mockup-commands.h"
#include "tf-mockup-outputs.h"
#include "mockups/tf-mockup-demo-images.h"
#include "mockups/tf-mockup-demo-resources.h"
#include "tf-mockup-demo-scene.h"

/* The demo's mockup: the cover of the "Kit du mandat régional" booklet
 * the team prototyped, placed in perspective on a photo of an élu's desk,
 * beside the photo as it was. Both images are drawn with Cairo at build
 * time (tf-mockup-demo-draw.c) and compiled in as a GResource; they are
 * stored through the mockup commands as a user's photo is, but not through
 * the sandboxed decoder: they are our own bytes, made without metadata, of
 * known sizes, and a new archive (every one gets the demo; a test suite
 * makes hundreds) does not pay for two helper processes. The desk has a
 * name badge on it, hidden by a blur region. User data in the booklet's
 * language: not translated. */

/* An image compiled in by tf-mockup-demo-draw.c. The bundle is
 * registered on first use: nothing else refers to it. */
static GBytes *
demo_image (const char  *name,
            GError     **error)
{
  static gsize registered = 0;
  g_autofree char *path = g_strconcat ("/fr/transfo/Transfo/mockups/", name, NULL);

  if (g_once_init_enter (&registered))
    {
      tf_mockup_demo_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  return g_resource_lookup_data (tf_mockup_demo_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

static gboolean
run (TfCommand  *command,
     TfStore    *store,
     GError    **error)
{
  g_autoptr(TfCommand) owned = command;

  return tf_command_run_within (owned, store, error);
}

static gint64
insert_annotation (TfStore     *store,
                   gint64       board_id,
                   const char  *kind,
                   const TfRect *r,
                   const char  *text,
                   const char  *payload,
                   GError     **error)
{
  return tf_demo_insert_item (store, board_id, kind, r->x, r->y, r->width, r->height,
                              tf_item_rows_next_z (store, board_id), text, "{}", payload, error);
}

gboolean
tf_mockup_insert_demo (TfStore  *store,
                       gint64    experiment_id,
                       int       position,
                       GError  **error)
{
  g_autoptr(GBytes) desk = NULL;
  g_autoptr(GBytes) cover = NULL;
  TfMkSource source = { 0 };
  TfCommand *command;
  TfItemRow row = { 0 };
  TfMkPhoto photo = { 0 };
  TfQuad quad;
  TfRect r;
  g_autofree char *payload = NULL;
  g_autoptr(JsonObject) object = NULL;
  gint64 board_id, before_id, photo_id, id;
  double sx, sy, ox, oy;

  desk = demo_image ("demo-desk.jpg", error);
  if (desk == NULL)
    return FALSE;
  cover = demo_image ("demo-cover.png", error);
  if (cover == NULL)
    return FALSE;

  board_id = tf_demo_insert_board (store, experiment_id, TF_MOCKUP_TYPE_ID,
                                   "Couverture du Kit sur le bureau d’un élu", position, error);
  if (board_id == 0)
    return FALSE;

  /* The desk as it is, then the same photo for the montage, at its right
   * (one asset: the archive keeps a content once). */
  source.stored = desk;
  source.mime_type = "image/jpeg";
  source.name = "bureau-elu.jpg";
  source.width = TF_DEMO_DESK_WIDTH;
  source.height = TF_DEMO_DESK_HEIGHT;
  command = tf_mk_command_add_photo (experiment_id, board_id, NULL, &source);
  if (!tf_command_run_within (command, store, error))
    {
      g_object_unref (command);
      return FALSE;
    }
  before_id = tf_command_get_result_id (command);
  g_object_unref (command);
  command = tf_mk_command_add_photo (experiment_id, board_id, NULL, &source);
  if (!tf_command_run_within (command, store, error))
    {
      g_object_unref (command);
      return FALSE;
    }
  photo_id = tf_command_get_result_id (command);
  g_object_unref (command);

  /* The first is the second's "before". */
  if (!tf_item_rows_read (store, before_id, &row))
    return FALSE;
  object = tf_mk_parse_payload (row.payload);
  tf_mk_photo_read (&photo, object);
  photo.before_of = photo_id;
  payload = tf_mk_photo_to_json (&photo, row.payload);
  tf_mk_photo_clear (&photo);
  tf_item_row_clear (&row);
  if (!tf_item_rows_set_payload (store, before_id, payload, NULL, error))
    return FALSE;

  /* The cover on the blank booklet. */
  if (!tf_item_rows_read (store, photo_id, &row))
    return FALSE;
  sx = row.width / DESK_W;
  sy = row.height / DESK_H;
  ox = row.x;
  oy = row.y;
  tf_item_row_clear (&row);
  source.stored = cover;
  source.mime_type = "image/png";
  source.name = "couverture-kit-livret-2.png";
  source.width = TF_DEMO_COVER_WIDTH;
  source.height = TF_DEMO_COVER_HEIGHT;
  command = tf_mk_command_add_place (photo_id, &source);
  if (!tf_command_run_within (command, store, error))
    {
      g_object_unref (command);
      return FALSE;
    }
  id = tf_command_get_result_id (command);
  g_object_unref (command);
  for (int i = 0; i < 4; i++)
    {
      quad.p[i].x = ox + booklet[2 * i] * sx;
      quad.p[i].y = oy + booklet[2 * i + 1] * sy;
    }
  if (!run (tf_mk_command_set_corners (id, &quad), store, error))
    return FALSE;

  /* The badge blurred on both photos, two callouts and their legend, one
   * bubble, and what each photo is above it. */
  {
    TfMkBlur blur = { .photo = photo_id, .shape = TF_MK_BLUR_RECT, .mode = TF_MK_BLUR_PIXELATE };
    TfMkCallout callout = { .photo = photo_id };
    TfMkBubble bubble = { .photo = photo_id };
    g_autofree char *json = NULL;
    double before_x;

    if (!tf_item_rows_read (store, before_id, &row))
      return FALSE;
    before_x = row.x;
    tf_item_row_clear (&row);
    r = TF_RECT_INIT (ox + badge_box[0] * sx, oy + badge_box[1] * sy, badge_box[2] * sx, badge_box[3] * sy);
    json = tf_mk_blur_to_json (&blur, NULL);
    if (insert_annotation (store, board_id, TF_MK_BLUR_KIND, &r, "", json, error) == 0)
      return FALSE;
    g_clear_pointer (&json, g_free);
    blur.photo = before_id;
    r.x += before_x - ox;
    json = tf_mk_blur_to_json (&blur, NULL);
    if (insert_annotation (store, board_id, TF_MK_BLUR_KIND, &r, "", json, error) == 0)
      return FALSE;
    g_clear_pointer (&json, g_free);

    /* Free text, as every board may hold. */
    r = TF_RECT_INIT (before_x, oy - 80, 1100, 60);
    if (insert_annotation (store, board_id, "label", &r, "Avant : le bureau d’une élue, tel qu’il est", "{}", error) == 0)
      return FALSE;
    r = TF_RECT_INIT (ox, oy - 80, 1100, 60);
    if (insert_annotation (store, board_id, "label", &r, "Après : la couverture du livret 2 posée dessus", "{}", error) == 0)
      return FALSE;

    callout.order = 0;
    r = TF_RECT_INIT (ox + 1122 * sx, oy + 575 * sy, 56, 56);
    json = tf_mk_callout_to_json (&callout, NULL);
    if (insert_annotation (store, board_id, TF_MK_CALLOUT_KIND, &r,
                           "Le titre se lit à deux mètres : posé parmi les dossiers, "
                           "le livret reste reconnaissable", json, error) == 0)
      return FALSE;
    g_clear_pointer (&json, g_free);

    callout.order = 1;
    r = TF_RECT_INIT (ox + 480 * sx, oy + 400 * sy, 56, 56);
    json = tf_mk_callout_to_json (&callout, NULL);
    if (insert_annotation (store, board_id, TF_MK_CALLOUT_KIND, &r,
                           "Le pictogramme de l’hémicycle distingue le livret « Institution » "
                           "des autres livrets du kit", json, error) == 0)
      return FALSE;
    g_clear_pointer (&json, g_free);

    r = TF_RECT_INIT (ox + 1230 * sx, oy + 340 * sy, 300, 110);
    bubble.tail_x = (ox + 1060 * sx) - r.x;
    bubble.tail_y = (oy + 400 * sy) - r.y;
    json = tf_mk_bubble_to_json (&bubble, NULL);
    if (insert_annotation (store, board_id, TF_MK_BUBBLE_KIND, &r,
                           "Enfin, je trouve la bonne fiche sans appeler mon collaborateur !",
                           json, error) == 0)
      return FALSE;
  }
  return TRUE;
}
