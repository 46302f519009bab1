/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-item"

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
  TfItem *item = g_new0 (TfItem, 1);

  item->id = id;
  item->kind_id = g_strdup (kind_id);
  item->kind = tf_item_kind_lookup (kind_id);
  item->text = g_strdup ("");
  item->style = g_strdup ("{}");
  item->payload = g_strdup ("{}");
  return item;
}

TfItem *
tf_item_copy (const TfItem *item)
{
  TfItem *copy = tf_item_new (item->id, item->kind_id);

  copy->bounds = item->bounds;
  copy->rotation = item->rotation;
  copy->z = item->z;
  copy->parent_id = item->parent_id;
  tf_item_set_text (copy, item->text);
  tf_item_set_style (copy, item->style);
  tf_item_set_payload (copy, item->payload);
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
