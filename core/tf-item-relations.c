/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-item-relations"

#include "tf-item-relations.h"

static TfItemRelationsRefresh refresh_func;
static TfItemRelationsRemap   remap_func;

void
tf_item_relations_install (TfItemRelationsRefresh refresh,
                           TfItemRelationsRemap   remap)
{
  refresh_func = refresh;
  remap_func = remap;
}

gboolean
tf_item_relations_refresh (TfStore  *store,
                           gint64    board_id,
                           GError  **error)
{
  g_return_val_if_fail (TF_IS_STORE (store), FALSE);

  return refresh_func == NULL || refresh_func (store, board_id, error);
}

char *
tf_item_relations_remap (const char *kind,
                         const char *payload,
                         GHashTable *map)
{
  return remap_func != NULL ? remap_func (kind, payload, map) : NULL;
}
