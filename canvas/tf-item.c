/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-item"

#include <math.h>

#include "core/tf-content.h"
#include "tf-item.h"

static void
drop_data (TfItem *item)
{
  if (item->data != NULL && item->kind != NULL && item->kind->free_data != NULL)
    item->kind->free_data (item->data);
  item->data = NULL;
}

TfItem *
tf_item_new (gint64      id,
             const char *kind_id)
{
  return tf_item_new_with_texts (id, kind_id, NULL, NULL, NULL);
}

TfItem *
tf_item_new_with_texts (gint64      id,
                        const char *kind_id,
                        const char *text,
                        const char *style,
                        const char *payload)
{
  TfItem *item = g_new0 (TfItem, 1);

  item->id = id;
  item->kind_id = g_strdup (kind_id);
  item->kind = tf_item_kind_lookup (kind_id);
  item->text = g_strdup (text ? text : "");
  item->style = g_strdup (style ? style : "{}");
  item->payload = g_strdup (payload ? payload : "{}");
  return item;
}

TfItem *
tf_item_copy (const TfItem *item)
{
  TfItem *copy = tf_item_new_with_texts (item->id, item->kind_id, item->text, item->style,
                                         item->payload);

  copy->bounds = item->bounds;
  copy->rotation = item->rotation;
  copy->z = item->z;
  copy->parent_id = item->parent_id;
  copy->serial = item->serial;
  tf_item_changed (copy);
  copy->serial = item->serial;
  return copy;
}

void
tf_item_free (TfItem *item)
{
  if (item == NULL)
    return;
  drop_data (item);
  g_free (item->kind_id);
  g_free (item->text);
  g_free (item->style);
  g_free (item->payload);
  g_free (item);
}

void
tf_item_changed (TfItem *item)
{
  drop_data (item);
  if (item->kind != NULL && item->kind->parse != NULL)
    item->data = item->kind->parse (item);
  item->hidden = item->kind != NULL && item->kind->is_hidden != NULL && item->kind->is_hidden (item);
  item->serial++;
}

static void
replace (char       **field,
         const char  *value,
         const char  *fallback)
{
  g_free (*field);
  *field = g_strdup (value ? value : fallback);
}

void
tf_item_set_text (TfItem     *item,
                  const char *text)
{
  replace (&item->text, text, "");
}

void
tf_item_set_style (TfItem     *item,
                   const char *style)
{
  replace (&item->style, style, "{}");
}

void
tf_item_set_payload (TfItem     *item,
                     const char *payload)
{
  replace (&item->payload, payload, "{}");
}

JsonNode *
tf_item_parse_json (const char *json)
{
  if (json == NULL || !tf_content_check_json (json, -1))
    return NULL;
  return json_from_string (json, NULL);
}

gboolean
tf_item_has_role (const TfItem *item,
                  TfItemRole    role)
{
  return item->kind != NULL && (item->kind->roles & role) != 0;
}

int
tf_item_pick_rank (const TfItem *item)
{
  return item->kind != NULL ? item->kind->pick_rank : 0;
}

double
tf_item_distance (const TfItem *item,
                  TfScene      *scene,
                  double        x,
                  double        y)
{
  double dx, dy;

  if (item->kind != NULL && item->kind->distance != NULL)
    return item->kind->distance (item, scene, x, y);
  dx = MAX (MAX (item->bounds.x - x, 0), x - (item->bounds.x + item->bounds.width));
  dy = MAX (MAX (item->bounds.y - y, 0), y - (item->bounds.y + item->bounds.height));
  return sqrt (dx * dx + dy * dy);
}

guint
tf_item_handles (const TfItem *item)
{
  /* A kind this version does not know is left as it is. */
  if (item->kind == NULL)
    return TF_ITEM_HANDLES_NONE;
  return item->kind->handles;
}

void
tf_item_min_size (const TfItem *item,
                  double       *width,
                  double       *height)
{
  *width = item->kind != NULL && item->kind->min_width > 0 ? item->kind->min_width : 24.0;
  *height = item->kind != NULL && item->kind->min_height > 0 ? item->kind->min_height : 24.0;
}

gboolean
tf_item_keeps_square (const TfItem *item)
{
  return item->kind != NULL && item->kind->square;
}

TfRect
tf_item_get_ink_bounds (const TfItem *item)
{
  TfRect ink;

  if (item->kind != NULL && item->kind->ink_bounds != NULL && item->kind->ink_bounds (item, &ink))
    return tf_rect_union (&ink, &item->bounds);
  return item->bounds;
}

gboolean
tf_item_text_region (const TfItem *item,
                     TfRect       *region)
{
  if (item->kind == NULL || item->kind->text_region == NULL)
    return FALSE;
  return item->kind->text_region (item, region);
}

double
tf_item_kind_side_for_text (const TfItemKind *kind,
                            const TfItem     *item,
                            PangoContext     *context,
                            const char       *text,
                            double            side,
                            double            max_side)
{
  if (kind == NULL || kind->side_for_text == NULL || context == NULL)
    return side;
  return kind->side_for_text (item, context, text, side, max_side);
}

gboolean
tf_item_accepts (const TfItem *container,
                 const TfItem *other)
{
  if (container->kind == NULL || container->kind->accepts == NULL || container == other)
    return FALSE;
  return container->kind->accepts (container, other);
}

gboolean
tf_item_adopts (const TfItem *container,
                const TfItem *other)
{
  if (container->kind == NULL || container->kind->adopts == NULL || container == other ||
      container->id == other->id)
    return FALSE;
  return container->kind->adopts (container, other);
}

gboolean
tf_item_grips (const TfItem *item,
               double        x,
               double        y,
               double        slop)
{
  if (item->kind == NULL || item->kind->grips == NULL)
    return TRUE;
  return item->kind->grips (item, x, y, slop);
}

void
tf_item_references (const TfItem *item,
                    GArray       *ids)
{
  if (item->kind != NULL && item->kind->references != NULL)
    item->kind->references (item, ids);
}

char *
tf_item_remap_payload (const TfItem *item,
                       GHashTable   *map)
{
  if (item->kind == NULL || item->kind->remap_payload == NULL)
    return g_strdup (item->payload);
  return item->kind->remap_payload (item, map);
}

gboolean
tf_item_derive_bounds (const TfItem *item,
                       TfScene      *scene,
                       TfRect       *bounds)
{
  if (item->kind == NULL || item->kind->derive_bounds == NULL)
    return FALSE;
  return item->kind->derive_bounds (item, scene, bounds);
}

int
tf_item_compare_top_left (gconstpointer a,
                          gconstpointer b)
{
  const TfItem *x = *(TfItem * const *) a;
  const TfItem *y = *(TfItem * const *) b;

  if (x->bounds.y != y->bounds.y)
    return x->bounds.y < y->bounds.y ? -1 : 1;
  if (x->bounds.x != y->bounds.x)
    return x->bounds.x < y->bounds.x ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}
