/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-model"

#include <math.h>
#include <string.h>

#include "canvas/tf-item.h"
#include "core/tf-content.h"
#include "tf-mockup-model.h"
#include "tf-mockup-outputs.h"

/* --- Reading: every value checked, clamped or defaulted --- */

static double
clamp_coord (double v)
{
  if (!isfinite (v))
    return 0;
  return CLAMP (v, -TF_CONTENT_MAX_COORD, TF_CONTENT_MAX_COORD);
}

static gint64
read_id (JsonObject *o,
         const char *member)
{
  gint64 id = o != NULL ? tf_content_json_int (o, member, 0) : 0;

  return id > 0 ? id : 0;
}

/* @n finite numbers of the array @member of @o into @out; FALSE (and @out
 * untouched) when it is not exactly that. */
static gboolean
read_numbers (JsonObject *o,
              const char *member,
              double     *out,
              guint       n)
{
  JsonNode *node;
  JsonArray *array;
  double values[8];

  g_assert (n <= G_N_ELEMENTS (values));
  if (o == NULL || (node = json_object_get_member (o, member)) == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      GType type;

      if (!JSON_NODE_HOLDS_VALUE (e))
        return FALSE;
      type = json_node_get_value_type (e);
      if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
        return FALSE;
      values[i] = json_node_get_double (e);
      if (!isfinite (values[i]))
        return FALSE;
    }
  memcpy (out, values, n * sizeof (double));
  return TRUE;
}

void
tf_mk_photo_read (TfMkPhoto  *photo,
                  JsonObject *payload)
{
  double natural[2], crop[4];
  JsonNode *node;

  memset (photo, 0, sizeof *photo);
  photo->crop = TF_RECT_INIT (0, 0, 1, 1);
  photo->consent_at = g_strdup ("");
  if (payload == NULL)
    return;

  photo->asset = read_id (payload, "asset");
  photo->page = (int) CLAMP (tf_content_json_int (payload, "page", 0), 0, TF_MK_MAX_PAGE);
  if (read_numbers (payload, "natural", natural, 2) &&
      natural[0] >= 1 && natural[1] >= 1 && natural[0] <= TF_MK_MAX_SIDE && natural[1] <= TF_MK_MAX_SIDE)
    {
      photo->natural_width = (int) natural[0];
      photo->natural_height = (int) natural[1];
    }
  if (read_numbers (payload, "crop", crop, 4))
    {
      double x = CLAMP (crop[0], 0, 1 - TF_MK_MIN_CROP);
      double y = CLAMP (crop[1], 0, 1 - TF_MK_MIN_CROP);
      double w = CLAMP (crop[2], TF_MK_MIN_CROP, 1 - x);
      double h = CLAMP (crop[3], TF_MK_MIN_CROP, 1 - y);

      photo->crop = TF_RECT_INIT (x, y, w, h);
    }
  photo->people_visible = tf_content_json_boolean (payload, "people_visible", FALSE);
  node = json_object_get_member (payload, "consent");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *consent = json_node_get_object (node);
      const char *at = tf_content_json_string (consent, "at", "");

      photo->consent_given = tf_content_json_boolean (consent, "given", FALSE);
      if (photo->consent_given && g_utf8_validate (at, -1, NULL) && strlen (at) <= 64)
        {
          g_free (photo->consent_at);
          photo->consent_at = g_strdup (at);
        }
    }
  photo->before_of = read_id (payload, "before_of");
}

void
tf_mk_photo_clear (TfMkPhoto *photo)
{
  g_clear_pointer (&photo->consent_at, g_free);
}

void
tf_mk_place_read (TfMkPlace  *place,
                  JsonObject *payload)
{
  double c[8];

  memset (place, 0, sizeof *place);
  if (payload == NULL)
    return;
  place->asset = read_id (payload, "asset");
  place->page = (int) CLAMP (tf_content_json_int (payload, "page", 0), 0, TF_MK_MAX_PAGE);
  place->photo = read_id (payload, "photo");
  if (read_numbers (payload, "corners", c, 8))
    {
      for (int i = 0; i < 4; i++)
        {
          place->corners.p[i].x = clamp_coord (c[2 * i]);
          place->corners.p[i].y = clamp_coord (c[2 * i + 1]);
        }
      place->has_corners = TRUE;
    }
}

void
tf_mk_callout_read (TfMkCallout *callout,
                    JsonObject  *payload)
{
  memset (callout, 0, sizeof *callout);
  if (payload == NULL)
    return;
  callout->photo = read_id (payload, "photo");
  callout->order = clamp_coord (tf_content_json_double (payload, "order", 0));
}

void
tf_mk_bubble_read (TfMkBubble *bubble,
                   JsonObject *payload)
{
  double tail[2];

  memset (bubble, 0, sizeof *bubble);
  if (payload == NULL)
    return;
  bubble->photo = read_id (payload, "photo");
  if (read_numbers (payload, "tail", tail, 2))
    {
      bubble->tail_x = clamp_coord (tail[0]);
      bubble->tail_y = clamp_coord (tail[1]);
    }
}

void
tf_mk_blur_read (TfMkBlur   *blur,
                 JsonObject *payload)
{
  double cell;

  memset (blur, 0, sizeof *blur);
  if (payload == NULL)
    return;
  blur->photo = read_id (payload, "photo");
  blur->shape = g_strcmp0 (tf_content_json_string (payload, "shape", "rect"), "ellipse") == 0
              ? TF_MK_BLUR_ELLIPSE : TF_MK_BLUR_RECT;
  blur->mode = g_strcmp0 (tf_content_json_string (payload, "mode", "pixelate"), "blur") == 0
             ? TF_MK_BLUR_BLUR : TF_MK_BLUR_PIXELATE;
  cell = tf_content_json_double (payload, "cell", 0);
  blur->cell = cell > 0 && cell <= TF_CONTENT_MAX_COORD ? cell : 0;
}

/* --- Writing --- */

static JsonNode *
old_root (const char *old_payload)
{
  JsonNode *root = old_payload != NULL ? tf_item_parse_json (old_payload) : NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      root = json_node_init_object (json_node_alloc (), json_object_new ());
    }
  return root;
}

static void
set_numbers (JsonObject   *o,
             const char   *member,
             const double *values,
             guint         n)
{
  JsonArray *array = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      /* Whole numbers as integers: the payload stays readable. */
      if (values[i] == floor (values[i]) && fabs (values[i]) < 1e15)
        json_array_add_int_element (array, (gint64) values[i]);
      else
        json_array_add_double_element (array, values[i]);
    }
  json_object_set_array_member (o, member, array);
}

static char *
finish (JsonNode *root)
{
  char *json = json_to_string (root, FALSE);

  json_node_unref (root);
  return json;
}

char *
tf_mk_photo_to_json (const TfMkPhoto *photo,
                     const char      *old_payload)
{
  JsonNode *root = old_root (old_payload);
  JsonObject *o = json_node_get_object (root);
  double natural[2] = { photo->natural_width, photo->natural_height };
  double crop[4] = { photo->crop.x, photo->crop.y, photo->crop.width, photo->crop.height };

  json_object_set_int_member (o, "asset", photo->asset);
  json_object_set_int_member (o, "page", photo->page);
  set_numbers (o, "natural", natural, 2);
  set_numbers (o, "crop", crop, 4);
  json_object_set_boolean_member (o, "people_visible", photo->people_visible);
  if (photo->consent_given)
    {
      JsonObject *consent = json_object_new ();

      json_object_set_boolean_member (consent, "given", TRUE);
      json_object_set_string_member (consent, "at", photo->consent_at != NULL ? photo->consent_at : "");
      json_object_set_object_member (o, "consent", consent);
    }
  else if (json_object_has_member (o, "consent"))
    json_object_remove_member (o, "consent");
  json_object_set_int_member (o, "before_of", photo->before_of);
  return finish (root);
}

char *
tf_mk_place_to_json (const TfMkPlace *place,
                     const char      *old_payload)
{
  JsonNode *root = old_root (old_payload);
  JsonObject *o = json_node_get_object (root);

  json_object_set_int_member (o, "asset", place->asset);
  json_object_set_int_member (o, "page", place->page);
  json_object_set_int_member (o, "photo", place->photo);
  if (place->has_corners)
    {
      double c[8];

      for (int i = 0; i < 4; i++)
        {
          c[2 * i] = place->corners.p[i].x;
          c[2 * i + 1] = place->corners.p[i].y;
        }
      set_numbers (o, "corners", c, 8);
    }
  return finish (root);
}

char *
tf_mk_callout_to_json (const TfMkCallout *callout,
                       const char        *old_payload)
{
  JsonNode *root = old_root (old_payload);
  JsonObject *o = json_node_get_object (root);

  json_object_set_int_member (o, "photo", callout->photo);
  json_object_set_double_member (o, "order", callout->order);
  return finish (root);
}

char *
tf_mk_bubble_to_json (const TfMkBubble *bubble,
                      const char       *old_payload)
{
  JsonNode *root = old_root (old_payload);
  JsonObject *o = json_node_get_object (root);
  double tail[2] = { bubble->tail_x, bubble->tail_y };

  json_object_set_int_member (o, "photo", bubble->photo);
  set_numbers (o, "tail", tail, 2);
  return finish (root);
}

char *
tf_mk_blur_to_json (const TfMkBlur *blur,
                    const char     *old_payload)
{
  JsonNode *root = old_root (old_payload);
  JsonObject *o = json_node_get_object (root);

  json_object_set_int_member (o, "photo", blur->photo);
  json_object_set_string_member (o, "shape", tf_mk_blur_shape_to_string (blur->shape));
  json_object_set_string_member (o, "mode", tf_mk_blur_mode_to_string (blur->mode));
  json_object_set_double_member (o, "cell", blur->cell);
  return finish (root);
}

JsonObject *
tf_mk_parse_payload (const char *payload)
{
  g_autoptr(JsonNode) root = payload != NULL ? tf_item_parse_json (payload) : NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

void
tf_mk_photo_cropped_size (const TfMkPhoto *photo,
                          double          *width,
                          double          *height)
{
  double w = photo->natural_width > 0 ? photo->natural_width : 1;
  double h = photo->natural_height > 0 ? photo->natural_height : 1;

  *width = MAX (1.0, w * photo->crop.width);
  *height = MAX (1.0, h * photo->crop.height);
}

/* --- Relations between the items of a photo --- */

static gboolean
is_kind (const TfItem *item,
         const char   *kind_id)
{
  /* item->data is the kind's parse only when the kind is registered. */
  return item->kind != NULL && item->data != NULL && g_strcmp0 (item->kind_id, kind_id) == 0;
}

/* Where photo @photo_id comes in @photos (reading order); the photos the
 * board does not show come after them all, by id. */
static void
photo_rank (GPtrArray *photos,
            gint64     photo_id,
            guint     *rank,
            gint64    *tie)
{
  for (guint i = 0; i < photos->len; i++)
    if (((const TfItem *) g_ptr_array_index (photos, i))->id == photo_id)
      {
        *rank = i;
        *tie = 0;
        return;
      }
  *rank = photos->len;
  *tie = photo_id;
}

int
tf_mk_callout_number (TfScene      *scene,
                      const TfItem *item)
{
  const TfMkCallout *self;
  g_autoptr(GPtrArray) photos = NULL;
  GPtrArray *items;
  guint self_rank;
  gint64 self_tie;
  int number = 1;
  guint seen = 0;

  if (scene == NULL || item == NULL || !is_kind (item, TF_MK_CALLOUT_KIND))
    return 0;
  self = item->data;
  /* One series for the board: the photos in reading order (as the key
   * lists them), each photo's callouts by order, then id. */
  photos = tf_mockup_photos (scene);
  photo_rank (photos, self->photo, &self_rank, &self_tie);
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len && seen < TF_MK_MAX_ANNOTATIONS * 10; i++)
    {
      const TfItem *other = g_ptr_array_index (items, i);
      const TfMkCallout *c;
      guint rank;
      gint64 tie;

      if (other == item || other->hidden || !is_kind (other, TF_MK_CALLOUT_KIND))
        continue;
      seen++;
      c = other->data;
      if (c->photo == self->photo)
        {
          if (c->order < self->order || (c->order == self->order && other->id < item->id))
            number++;
          continue;
        }
      photo_rank (photos, c->photo, &rank, &tie);
      if (rank < self_rank || (rank == self_rank && tie < self_tie))
        number++;
    }
  return number;
}

void
tf_mk_blur_regions (TfScene   *scene,
                    gint64     photo_id,
                    GPtrArray *regions)
{
  GPtrArray *items;
  guint n = 0;

  if (scene == NULL)
    return;
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len && n < TF_MK_MAX_ANNOTATIONS; i++)
    {
      TfItem *other = g_ptr_array_index (items, i);

      if (other->hidden || !is_kind (other, TF_MK_BLUR_KIND) || ((TfMkBlur *) other->data)->photo != photo_id)
        continue;
      g_ptr_array_add (regions, other);
      n++;
    }
}

double
tf_mk_blur_cell (const TfMkBlur *blur,
                 const TfRect   *bounds)
{
  double side = MIN (bounds->width, bounds->height);

  if (blur->cell > 0)
    return MAX (blur->cell, side / 200.0);   /* never more than 200 blocks across */
  return MAX (4.0, side / 10.0);
}

const char *
tf_mk_blur_shape_to_string (TfMkBlurShape shape)
{
  return shape == TF_MK_BLUR_ELLIPSE ? "ellipse" : "rect";
}

const char *
tf_mk_blur_mode_to_string (TfMkBlurMode mode)
{
  return mode == TF_MK_BLUR_BLUR ? "blur" : "pixelate";
}
