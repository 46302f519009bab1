/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-item-relations"

#include "tf-item-relations.h"
#include "tf-store-private.h"

#define STR(x) #x
#define XSTR(x) STR (x)
#define LINK_MARGIN XSTR (40.0)
#define POOL_PADDING XSTR (28.0)
#define POOL_TITLE XSTR (34.0)

G_STATIC_ASSERT (TF_LINK_MARGIN == 40.0 && TF_POOL_PADDING == 28.0 && TF_POOL_TITLE == 34.0);

gboolean
tf_item_relations_refresh (TfStore  *store,
                           gint64    board_id,
                           GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TF_IS_STORE (store), FALSE);

  /* A link spans the union of its two ends. */
  stmt = tf_store_prepare (store,
                           "WITH b AS ("
                           "  SELECT l.id AS id,"
                           "         min (s.x, t.x) - " LINK_MARGIN " AS x,"
                           "         min (s.y, t.y) - " LINK_MARGIN " AS y,"
                           "         max (s.x + s.width, t.x + t.width) - min (s.x, t.x) + 2 * " LINK_MARGIN " AS w,"
                           "         max (s.y + s.height, t.y + t.height) - min (s.y, t.y) + 2 * " LINK_MARGIN " AS h"
                           "    FROM items l"
                           "    JOIN items s ON s.id = json_extract (l.payload, '$.source') AND s.board_id = l.board_id"
                           "    JOIN items t ON t.id = json_extract (l.payload, '$.target') AND t.board_id = l.board_id"
                           "   WHERE l.board_id = ?1 AND l.kind = 'link')"
                           " UPDATE items SET x = b.x, y = b.y, width = b.w, height = b.h FROM b"
                           "  WHERE items.id = b.id AND (items.x, items.y, items.width, items.height) IS NOT (b.x, b.y, b.w, b.h)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board_id);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;

  /* A pool spans its members, padded, with its name above. */
  stmt = tf_store_prepare (store,
                           "WITH b AS ("
                           "  SELECT p.id AS id,"
                           "         min (m.x) - " POOL_PADDING " AS x,"
                           "         min (m.y) - " POOL_PADDING " - " POOL_TITLE " AS y,"
                           "         max (m.x + m.width) - min (m.x) + 2 * " POOL_PADDING " AS w,"
                           "         max (m.y + m.height) - min (m.y) + 2 * " POOL_PADDING " + " POOL_TITLE " AS h"
                           "    FROM items p, json_each (p.payload, '$.members') j"
                           "    JOIN items m ON m.id = j.value AND m.board_id = p.board_id AND m.id <> p.id"
                           "   WHERE p.board_id = ?1 AND p.kind = 'pool' AND json_valid (p.payload)"
                           "   GROUP BY p.id)"
                           " UPDATE items SET x = b.x, y = b.y, width = b.w, height = b.h FROM b"
                           "  WHERE items.id = b.id AND (items.x, items.y, items.width, items.height) IS NOT (b.x, b.y, b.w, b.h)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board_id);
  return tf_store_step_done (store, stmt, error);
}

gboolean
tf_item_relations_forget (TfStore  *store,
                          gint64    item_id,
                          GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TF_IS_STORE (store), FALSE);

  stmt = tf_store_prepare (store,
                           "DELETE FROM items WHERE kind = 'link' AND id <> ?1"
                           " AND board_id = (SELECT board_id FROM items WHERE id = ?1)"
                           " AND (json_extract (payload, '$.source') = ?1 OR json_extract (payload, '$.target') = ?1)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;

  stmt = tf_store_prepare (store,
                           "UPDATE items SET payload = json_set (payload, '$.members',"
                           "   (SELECT json_group_array (j.value) FROM json_each (items.payload, '$.members') j"
                           "     WHERE j.value IS NOT ?1))"
                           " WHERE kind = 'pool' AND id <> ?1 AND json_valid (payload)"
                           "   AND board_id = (SELECT board_id FROM items WHERE id = ?1)"
                           "   AND EXISTS (SELECT 1 FROM json_each (items.payload, '$.members') j WHERE j.value = ?1)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;

  stmt = tf_store_prepare (store,
                           "DELETE FROM items WHERE kind = 'pool' AND id <> ?1"
                           " AND board_id = (SELECT board_id FROM items WHERE id = ?1)"
                           " AND json_valid (payload) AND coalesce (json_array_length (payload, '$.members'), 0) = 0",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  return tf_store_step_done (store, stmt, error);
}
