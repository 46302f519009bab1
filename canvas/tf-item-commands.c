/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-item-commands"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/tf-content.h"
#include "core/tf-item-relations.h"
#include "core/tf-store-private.h"
#include "tf-item-commands.h"

typedef struct {
  GArray    *ids;        /* gint64: the items acted on */
  GArray    *rects;      /* TfRect, for set-bounds */
  GArray    *created;    /* gint64: ids made by add/duplicate */
  GPtrArray *news;       /* owned TfNewItem copies, for add */
  gint64     board_id;
  double     dx, dy;
  int        value;
  char      *text;
  char      *key;
  char      *json;
} Args;

static void
new_item_free (gpointer data)
{
  TfNewItem *item = data;

  g_free ((char *) item->kind);
  g_free ((char *) item->text);
  g_free ((char *) item->style);
  g_free ((char *) item->payload);
  g_free (item);
}

static void
args_free (gpointer data)
{
  Args *args = data;

  g_clear_pointer (&args->ids, g_array_unref);
  g_clear_pointer (&args->rects, g_array_unref);
  g_clear_pointer (&args->created, g_array_unref);
  g_clear_pointer (&args->news, g_ptr_array_unref);
  g_free (args->text);
  g_free (args->key);
  g_free (args->json);
  g_free (args);
}

static Args *
args_new (const gint64 *ids,
          guint         n_ids)
{
  Args *args = g_new0 (Args, 1);

  args->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (args->ids, ids, n_ids);
  args->created = g_array_new (FALSE, FALSE, sizeof (gint64));
  return args;
}

const gint64 *
tf_item_command_get_ids (TfCommand *command,
                         guint     *n_ids)
{
  Args *args = tf_command_get_data (command);

  g_return_val_if_fail (args != NULL, NULL);
  if (n_ids)
    *n_ids = args->created->len;
  return (const gint64 *) args->created->data;
}

static gboolean
step (TfStore       *store,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  return stmt != NULL && tf_store_step_done (store, stmt, error);
}

/* The board all the ids are on; every id must exist. */
static gint64
board_of (TfStore  *store,
          GArray   *ids,
          GError  **error)
{
  gint64 board = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT board_id FROM items WHERE id = ?", error);
      gint64 this_board = 0;

      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        this_board = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      if (this_board == 0)
        {
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                       _("There is no item %lld on this board"), (long long) id);
          return 0;
        }
      if (board != 0 && this_board != board)
        {
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                       _("These items are on different boards"));
          return 0;
        }
      board = this_board;
    }

  if (board == 0)
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("Nothing is selected"));
  return board;
}

/* A thing whose centre lies in a zone belongs to that zone's cluster (the
 * topmost zone when zones overlap); outside every zone, to none. */
static gboolean
recluster (TfStore  *store,
           gint64    id,
           GError  **error)
{
  sqlite3_stmt *stmt =
    tf_store_prepare (store,
                      "UPDATE items SET parent_id = ("
                      "  SELECT z.id FROM items z"
                      "   WHERE z.board_id = items.board_id AND z.kind = 'zone' AND z.id <> items.id"
                      "     AND items.x + items.width / 2 BETWEEN z.x AND z.x + z.width"
                      "     AND items.y + items.height / 2 BETWEEN z.y AND z.y + z.height"
                      "   ORDER BY z.z DESC, z.id DESC LIMIT 1)"
                      " WHERE id = ?1 AND kind <> 'zone' AND parent_id IS NOT ("
                      "  SELECT z.id FROM items z"
                      "   WHERE z.board_id = items.board_id AND z.kind = 'zone' AND z.id <> items.id"
                      "     AND items.x + items.width / 2 BETWEEN z.x AND z.x + z.width"
                      "     AND items.y + items.height / 2 BETWEEN z.y AND z.y + z.height"
                      "   ORDER BY z.z DESC, z.id DESC LIMIT 1)",
                      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return step (store, stmt, error);
}

typedef struct {
  gint64 id;
  double x, y, width, height;
  gint64 z;
} Zone;

/* recluster() for many items of one board: the board's zones are read once
 * rather than once per item, which on a wall of 10 000 notes made moving or
 * arranging them all a scan of the board per note (30 s for Arrange all).
 * The rule is recluster()'s, to the letter. */
static gboolean
recluster_many (TfStore  *store,
                gint64    board_id,
                GArray   *ids,
                GError  **error)
{
  g_autoptr(GArray) zones = g_array_new (FALSE, FALSE, sizeof (Zone));
  sqlite3_stmt *stmt;
  int rc;

  if (ids->len == 0)
    return TRUE;
  if (ids->len == 1)
    return recluster (store, g_array_index (ids, gint64, 0), error);

  stmt = tf_store_prepare (store,
                           "SELECT id, x, y, width, height, z FROM items WHERE board_id = ? AND kind = 'zone'",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Zone zone = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_double (stmt, 1), sqlite3_column_double (stmt, 2),
        sqlite3_column_double (stmt, 3), sqlite3_column_double (stmt, 4),
        sqlite3_column_int64 (stmt, 5),
      };
      g_array_append_val (zones, zone);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not read the board"));

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const Zone *best = NULL;
      gboolean is_zone;
      double cx, cy;
      gint64 parent;

      stmt = tf_store_prepare (store,
                               "SELECT kind = 'zone', x + width / 2, y + height / 2, coalesce (parent_id, 0)"
                               " FROM items WHERE id = ?",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      is_zone = sqlite3_column_int (stmt, 0) != 0;
      cx = sqlite3_column_double (stmt, 1);
      cy = sqlite3_column_double (stmt, 2);
      parent = sqlite3_column_int64 (stmt, 3);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW || is_zone)
        continue;

      /* The topmost zone holding the centre: highest z, then highest id. */
      for (guint k = 0; k < zones->len; k++)
        {
          const Zone *zone = &g_array_index (zones, Zone, k);

          if (zone->id == id || cx < zone->x || cx > zone->x + zone->width ||
              cy < zone->y || cy > zone->y + zone->height)
            continue;
          if (best == NULL || zone->z > best->z || (zone->z == best->z && zone->id > best->id))
            best = zone;
        }
      if ((best != NULL ? best->id : 0) == parent)
        continue;

      stmt = tf_store_prepare (store, "UPDATE items SET parent_id = nullif (?, 0) WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, best != NULL ? best->id : 0);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!step (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
touch (TfStore  *store,
       gint64    id,
       GError  **error)
{
  g_autofree char *now = tf_store_now ();
  sqlite3_stmt *stmt = tf_store_prepare (store, "UPDATE items SET modified_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  return step (store, stmt, error);
}

static int
next_z (TfStore *store,
        gint64   board_id)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "SELECT coalesce (max (z), 0) + 1 FROM items WHERE board_id = ?", NULL);
  int z = 1;

  if (stmt == NULL)
    return z;
  sqlite3_bind_int64 (stmt, 1, board_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    z = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return z;
}

static gboolean
check_json (const char  *json,
            GError     **error)
{
  if (json == NULL || g_utf8_validate (json, -1, NULL))
    return TRUE;
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("The text is not valid UTF-8"));
  return FALSE;
}

/* What is written must pass what reading checks (core/tf-content.h), or the
 * item would vanish from its board the next time it is read. */
static gboolean
check_text (const char  *text,
            GError     **error)
{
  if (text == NULL || tf_content_check_text (text, -1, TF_CONTENT_MAX_TEXT))
    return TRUE;
  if (!check_json (text, error))
    return FALSE;
  /* Valid UTF-8, so too long. */
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
               _("This text is too long for one item of a board (at most %d KiB); split it"),
               TF_CONTENT_MAX_TEXT / 1024);
  return FALSE;
}

static gboolean
check_style (const char  *json,
             GError     **error)
{
  if (json == NULL || tf_content_check_json (json, -1))
    return TRUE;
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
               _("The item's settings are too large or not valid UTF-8"));
  return FALSE;
}

static double
clamp_coord (double value)
{
  if (!isfinite (value))
    return 0;
  return CLAMP (value, -TF_CONTENT_MAX_COORD, TF_CONTENT_MAX_COORD);
}

static double
clamp_size (double value)
{
  if (!isfinite (value))
    return 1;
  return CLAMP (value, 1, TF_CONTENT_MAX_SIZE);
}

static gboolean
add_items (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GArray) unparented = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = tf_store_get_db (store);
  sqlite3_stmt *stmt;
  int z;

  stmt = tf_store_prepare (store, "SELECT 1 FROM boards WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, args->board_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no board %lld in this archive"), (long long) args->board_id);
      return FALSE;
    }
  sqlite3_reset (stmt);

  z = next_z (store, args->board_id);
  for (guint i = 0; i < args->news->len; i++)
    {
      const TfNewItem *item = g_ptr_array_index (args->news, i);
      gint64 id;

      if (!check_text (item->text, error) || !check_style (item->style, error) ||
          !check_style (item->payload, error))
        return FALSE;

      stmt = tf_store_prepare (store,
                               "INSERT INTO items (board_id, kind, x, y, width, height, z, parent_id,"
                               " text, style, payload)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, nullif (?, 0), ?,"
                               "         CASE WHEN json_valid (?10) THEN ?10 ELSE '{}' END,"
                               "         CASE WHEN json_valid (?11) THEN ?11 ELSE '{}' END)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, args->board_id);
      tf_bind_text (stmt, 2, item->kind);
      sqlite3_bind_double (stmt, 3, clamp_coord (item->bounds.x));
      sqlite3_bind_double (stmt, 4, clamp_coord (item->bounds.y));
      sqlite3_bind_double (stmt, 5, clamp_size (item->bounds.width));
      sqlite3_bind_double (stmt, 6, clamp_size (item->bounds.height));
      /* Zones go under what they group. */
      sqlite3_bind_int (stmt, 7, g_str_equal (item->kind, "zone") ? -z - (int) i : z + (int) i);
      sqlite3_bind_int64 (stmt, 8, item->parent_id);
      tf_bind_text (stmt, 9, item->text);
      tf_bind_text (stmt, 10, item->style ? item->style : "{}");
      tf_bind_text (stmt, 11, item->payload ? item->payload : "{}");
      if (!step (store, stmt, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (db);
      g_array_append_val (args->created, id);
      if (item->parent_id == 0)
        g_array_append_val (unparented, id);
    }
  if (!recluster_many (store, args->board_id, unparented, error))
    return FALSE;

  if (args->created->len > 0)
    tf_command_set_result_id (command, g_array_index (args->created, gint64, 0));
  /* Links and pools take their bounds from the items they join. */
  return tf_item_relations_refresh (store, args->board_id, error);
}

TfCommand *
tf_command_add_items (gint64           board_id,
                      const TfNewItem *items,
                      guint            n_items,
                      const char      *label)
{
  Args *args = args_new (NULL, 0);

  args->board_id = board_id;
  args->news = g_ptr_array_new_with_free_func (new_item_free);
  for (guint i = 0; i < n_items; i++)
    {
      TfNewItem *copy = g_new0 (TfNewItem, 1);

      copy->kind = g_strdup (items[i].kind ? items[i].kind : "note");
      copy->bounds = items[i].bounds;
      copy->text = g_strdup (items[i].text ? items[i].text : "");
      copy->style = g_strdup (items[i].style);
      copy->payload = g_strdup (items[i].payload);
      copy->parent_id = items[i].parent_id;
      g_ptr_array_add (args->news, copy);
    }
  if (label == NULL)
    label = g_dngettext (GETTEXT_PACKAGE, "Add a note", "Add notes", n_items);
  return tf_command_new (label, add_items, args, args_free);
}

static gboolean
duplicate_items (TfCommand  *command,
                 TfStore    *store,
                 GError    **error)
{
  Args *args = tf_command_get_data (command);
  gint64 board = board_of (store, args->ids, error);
  int z;

  if (board == 0)
    return FALSE;
  z = next_z (store, board);

  for (guint i = 0; i < args->ids->len; i++)
    {
      sqlite3_stmt *stmt =
        tf_store_prepare (store,
                          "INSERT INTO items (board_id, kind, x, y, width, height, rotation, z, asset_id,"
                          " style, text, payload)"
                          " SELECT board_id, kind, x + ?2, y + ?3, width, height, rotation,"
                          "        CASE WHEN kind = 'zone' THEN z ELSE ?4 END, asset_id, style, text, payload"
                          " FROM items WHERE id = ?1",
                          error);
      gint64 id;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (args->ids, gint64, i));
      sqlite3_bind_double (stmt, 2, args->dx);
      sqlite3_bind_double (stmt, 3, args->dy);
      sqlite3_bind_int (stmt, 4, z + (int) i);
      if (!step (store, stmt, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (tf_store_get_db (store));
      g_array_append_val (args->created, id);
    }
  if (!recluster_many (store, board, args->created, error))
    return FALSE;

  if (args->created->len > 0)
    tf_command_set_result_id (command, g_array_index (args->created, gint64, 0));
  return tf_item_relations_refresh (store, board, error);
}

TfCommand *
tf_command_duplicate_items (const gint64 *ids,
                            guint         n_ids,
                            double        dx,
                            double        dy)
{
  Args *args = args_new (ids, n_ids);

  args->dx = dx;
  args->dy = dy;
  return tf_command_new (g_dngettext (GETTEXT_PACKAGE, "Duplicate a note", "Duplicate notes", n_ids),
                         duplicate_items, args, args_free);
}

/* The moved set grows by the members of every moved zone. */
static GArray *
with_cluster_members (TfStore  *store,
                      GArray   *ids,
                      GError  **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GArray *all = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        g_array_append_val (all, id);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_stmt *stmt =
        tf_store_prepare (store,
                          "SELECT c.id FROM items c JOIN items z ON z.id = c.parent_id"
                          " WHERE c.parent_id = ?1 AND z.kind = 'zone'"
                          " UNION ALL"
                          " SELECT m.id FROM items p, json_each (p.payload, '$.members') j"
                          "   JOIN items m ON m.id = j.value AND m.board_id = p.board_id"
                          "  WHERE p.id = ?1 AND p.kind = 'pool' AND json_valid (p.payload)",
                          error);
      if (stmt == NULL)
        {
          g_array_unref (all);
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 child = sqlite3_column_int64 (stmt, 0);

          if (g_hash_table_add (seen, g_memdup2 (&child, sizeof child)))
            g_array_append_val (all, child);
        }
      sqlite3_reset (stmt);
    }
  return all;
}

static gboolean
move_items (TfCommand  *command,
            TfStore    *store,
            GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GArray) all = NULL;

  if (board_of (store, args->ids, error) == 0)
    return FALSE;
  if (args->dx == 0 && args->dy == 0)
    return TRUE;

  all = with_cluster_members (store, args->ids, error);
  if (all == NULL)
    return FALSE;

  for (guint i = 0; i < all->len; i++)
    {
      gint64 id = g_array_index (all, gint64, i);
      sqlite3_stmt *stmt = tf_store_prepare (store,
                                                 "UPDATE items SET x = max (?4, min (?5, x + ?1)),"
                                                 " y = max (?4, min (?5, y + ?2)) WHERE id = ?3",
                                                 error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_double (stmt, 1, args->dx);
      sqlite3_bind_double (stmt, 2, args->dy);
      sqlite3_bind_int64 (stmt, 3, id);
      /* Nothing is pushed off the board (core/tf-content.h). */
      sqlite3_bind_double (stmt, 4, -TF_CONTENT_MAX_COORD);
      sqlite3_bind_double (stmt, 5, TF_CONTENT_MAX_COORD);
      if (!step (store, stmt, error) || !touch (store, id, error))
        return FALSE;
    }

  /* Only what was dropped changes cluster; members carried by their zone stay. */
  if (!recluster_many (store, board_of (store, args->ids, NULL), args->ids, error))
    return FALSE;
  /* Links and pools follow the actors they join. */
  return tf_item_relations_refresh (store, board_of (store, args->ids, NULL), error);
}

TfCommand *
tf_command_move_items (const gint64 *ids,
                       guint         n_ids,
                       double        dx,
                       double        dy)
{
  Args *args = args_new (ids, n_ids);

  args->dx = dx;
  args->dy = dy;
  return tf_command_new (g_dngettext (GETTEXT_PACKAGE, "Move a note", "Move notes", n_ids),
                         move_items, args, args_free);
}

static gboolean
set_bounds (TfCommand  *command,
            TfStore    *store,
            GError    **error)
{
  Args *args = tf_command_get_data (command);

  if (board_of (store, args->ids, error) == 0)
    return FALSE;

  for (guint i = 0; i < args->ids->len; i++)
    {
      gint64 id = g_array_index (args->ids, gint64, i);
      const TfRect *r = &g_array_index (args->rects, TfRect, i);
      sqlite3_stmt *stmt =
        tf_store_prepare (store,
                          "UPDATE items SET x = ?1, y = ?2, width = ?3, height = ?4 WHERE id = ?5"
                          " AND (x, y, width, height) IS NOT (?1, ?2, ?3, ?4)",
                          error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_double (stmt, 1, clamp_coord (r->x));
      sqlite3_bind_double (stmt, 2, clamp_coord (r->y));
      sqlite3_bind_double (stmt, 3, clamp_size (r->width));
      sqlite3_bind_double (stmt, 4, clamp_size (r->height));
      sqlite3_bind_int64 (stmt, 5, id);
      if (!step (store, stmt, error))
        return FALSE;
      if (sqlite3_changes (tf_store_get_db (store)) > 0 && !touch (store, id, error))
        return FALSE;
    }
  if (!recluster_many (store, board_of (store, args->ids, NULL), args->ids, error))
    return FALSE;
  return tf_item_relations_refresh (store, board_of (store, args->ids, NULL), error);
}

TfCommand *
tf_command_set_bounds (const gint64 *ids,
                       const TfRect *bounds,
                       guint         n_ids,
                       const char   *label)
{
  Args *args = args_new (ids, n_ids);

  args->rects = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), n_ids);
  g_array_append_vals (args->rects, bounds, n_ids);
  return tf_command_new (label ? label : _("Resize"), set_bounds, args, args_free);
}

static gboolean set_style_key (TfCommand *command, TfStore *store, GError **error);

static gboolean
set_bounds_and_style_key (TfCommand  *command,
                          TfStore    *store,
                          GError    **error)
{
  return set_bounds (command, store, error) && set_style_key (command, store, error);
}

TfCommand *
tf_command_set_bounds_and_style_key (const gint64 *ids,
                                     const TfRect *bounds,
                                     guint         n_ids,
                                     const char   *key,
                                     const char   *json_value,
                                     const char   *label)
{
  Args *args = args_new (ids, n_ids);

  args->rects = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), n_ids);
  g_array_append_vals (args->rects, bounds, n_ids);
  args->key = g_strdup (key);
  args->json = g_strdup (json_value);
  return tf_command_new (label ? label : _("Resize"), set_bounds_and_style_key, args, args_free);
}

static gboolean
cluster_items (TfCommand  *command,
               TfStore    *store,
               GError    **error)
{
  Args *args = tf_command_get_data (command);

  if (args->ids->len > 0 && board_of (store, args->ids, error) != args->board_id)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                     _("These items are on different boards"));
      return FALSE;
    }
  if (!add_items (command, store, error))
    return FALSE;
  return recluster_many (store, args->board_id, args->ids, error);
}

TfCommand *
tf_command_cluster_items (gint64        board_id,
                          const gint64 *ids,
                          guint         n_ids,
                          const TfRect *zone_bounds,
                          const char   *title,
                          const char   *style)
{
  Args *args = args_new (ids, n_ids);
  TfNewItem *zone = g_new0 (TfNewItem, 1);

  args->board_id = board_id;
  args->news = g_ptr_array_new_with_free_func (new_item_free);
  zone->kind = g_strdup ("zone");
  zone->bounds = *zone_bounds;
  zone->text = g_strdup (title ? title : "");
  zone->style = g_strdup (style);
  g_ptr_array_add (args->news, zone);
  return tf_command_new (_("New cluster"), cluster_items, args, args_free);
}

static gboolean
set_text (TfCommand  *command,
          TfStore    *store,
          GError    **error)
{
  Args *args = tf_command_get_data (command);
  sqlite3_stmt *stmt;
  gint64 id = g_array_index (args->ids, gint64, 0);

  if (board_of (store, args->ids, error) == 0 || !check_text (args->text, error))
    return FALSE;
  stmt = tf_store_prepare (store, "UPDATE items SET text = ?1 WHERE id = ?2 AND text IS NOT ?1", error);
  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, args->text);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!step (store, stmt, error))
    return FALSE;
  return sqlite3_changes (tf_store_get_db (store)) == 0 || touch (store, id, error);
}

TfCommand *
tf_command_set_item_text (gint64      id,
                          const char *text)
{
  Args *args = args_new (&id, 1);

  args->text = g_strdup (text ? text : "");
  return tf_command_new (_("Edit text"), set_text, args, args_free);
}

/* JSON keys are ours ("color", "votes"…): letters, digits and underscores. */
static gboolean
valid_key (const char *key)
{
  if (key == NULL || key[0] == '\0')
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
set_key (TfCommand   *command,
         TfStore     *store,
         const char  *sql,
         GError     **error)
{
  Args *args = tf_command_get_data (command);
  g_autofree char *path = g_strconcat ("$.", args->key, NULL);

  if (board_of (store, args->ids, error) == 0)
    return FALSE;
  if (!valid_key (args->key) || !check_json (args->json, error))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("That value cannot be stored"));
      return FALSE;
    }

  for (guint i = 0; i < args->ids->len; i++)
    {
      gint64 id = g_array_index (args->ids, gint64, i);
      sqlite3_stmt *stmt = tf_store_prepare (store, sql, error);

      if (stmt == NULL)
        return FALSE;
      tf_bind_text (stmt, 1, path);
      tf_bind_text (stmt, 2, args->json);
      sqlite3_bind_int64 (stmt, 3, id);
      if (!step (store, stmt, error))
        {
          g_clear_error (error);
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("That value cannot be stored"));
          return FALSE;
        }
      if (sqlite3_changes (tf_store_get_db (store)) > 0 && !touch (store, id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_style_key (TfCommand  *command,
               TfStore    *store,
               GError    **error)
{
  return set_key (command, store,
                  "UPDATE items SET style = json_set (CASE WHEN json_valid (style) THEN style ELSE '{}' END,"
                  "                                   ?1, json (?2))"
                  " WHERE id = ?3 AND json_extract (style, ?1) IS NOT json_extract (json_object ('v', json (?2)), '$.v')",
                  error);
}

static gboolean
set_payload_key (TfCommand  *command,
                 TfStore    *store,
                 GError    **error)
{
  return set_key (command, store,
                  "UPDATE items SET payload = json_set (CASE WHEN json_valid (payload) THEN payload ELSE '{}' END,"
                  "                                     ?1, json (?2))"
                  " WHERE id = ?3 AND json_extract (payload, ?1) IS NOT json_extract (json_object ('v', json (?2)), '$.v')",
                  error);
}

static TfCommand *
key_command (const gint64  *ids,
             guint          n_ids,
             const char    *key,
             const char    *json_value,
             const char    *label,
             TfCommandFunc  func)
{
  Args *args = args_new (ids, n_ids);

  args->key = g_strdup (key);
  args->json = g_strdup (json_value);
  return tf_command_new (label ? label : _("Change a note"), func, args, args_free);
}

TfCommand *
tf_command_set_style_key (const gint64 *ids,
                          guint         n_ids,
                          const char   *key,
                          const char   *json_value,
                          const char   *label)
{
  return key_command (ids, n_ids, key, json_value, label, set_style_key);
}

TfCommand *
tf_command_set_payload_key (const gint64 *ids,
                            guint         n_ids,
                            const char   *key,
                            const char   *json_value,
                            const char   *label)
{
  return key_command (ids, n_ids, key, json_value, label, set_payload_key);
}

static gboolean
vote (TfCommand  *command,
      TfStore    *store,
      GError    **error)
{
  Args *args = tf_command_get_data (command);

  if (board_of (store, args->ids, error) == 0)
    return FALSE;
  for (guint i = 0; i < args->ids->len; i++)
    {
      gint64 id = g_array_index (args->ids, gint64, i);
      sqlite3_stmt *stmt =
        tf_store_prepare (store,
                          "UPDATE items SET payload = json_set (CASE WHEN json_valid (payload) THEN payload ELSE '{}' END,"
                          "  '$.votes', max (0, coalesce (json_extract (payload, '$.votes'), 0) + ?1))"
                          " WHERE id = ?2 AND max (0, coalesce (json_extract (payload, '$.votes'), 0) + ?1)"
                          "                   <> coalesce (json_extract (payload, '$.votes'), 0)",
                          error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, args->value);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!step (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

TfCommand *
tf_command_vote (const gint64 *ids,
                 guint         n_ids,
                 int           delta)
{
  Args *args = args_new (ids, n_ids);

  args->value = delta;
  return tf_command_new (delta >= 0 ? _("Add a vote") : _("Remove a vote"), vote, args, args_free);
}

static gboolean
delete_items (TfCommand  *command,
              TfStore    *store,
              GError    **error)
{
  Args *args = tf_command_get_data (command);
  gint64 board = board_of (store, args->ids, error);

  if (board == 0)
    return FALSE;
  for (guint i = 0; i < args->ids->len; i++)
    {
      gint64 id = g_array_index (args->ids, gint64, i);
      sqlite3_stmt *stmt;

      /* The links of a deleted actor go with it; its pools lose a member. */
      if (!tf_item_relations_forget (store, id, error))
        return FALSE;
      stmt = tf_store_prepare (store, "DELETE FROM items WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!step (store, stmt, error))
        return FALSE;
    }
  return tf_item_relations_refresh (store, board, error);
}

TfCommand *
tf_command_delete_items (const gint64 *ids,
                         guint         n_ids)
{
  return tf_command_new (g_dngettext (GETTEXT_PACKAGE, "Delete a note", "Delete notes", n_ids),
                         delete_items, args_new (ids, n_ids), args_free);
}

static int
compare_z (gconstpointer a,
           gconstpointer b)
{
  const gint64 *x = a, *y = b;   /* pairs (z, id) */
  return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

/* Restacking rewrites the z of the items of the selection's layer on the
 * board: their order, with the selection moved, numbered again. */
static gboolean
restack (TfCommand  *command,
         TfStore    *store,
         GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GHashTable) selected = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, 2 * sizeof (gint64));
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 board;
  int base = 0, rc;

  board = board_of (store, args->ids, error);
  if (board == 0)
    return FALSE;
  for (guint i = 0; i < args->ids->len; i++)
    g_hash_table_add (selected, &g_array_index (args->ids, gint64, i));

  /* Zones keep to their own (negative) range, under everything else. */
  stmt = tf_store_prepare (store,
                           "SELECT z, id, kind = 'zone' FROM items WHERE board_id = ?1"
                           " AND (kind = 'zone') = (SELECT kind = 'zone' FROM items WHERE id = ?2)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, board);
  sqlite3_bind_int64 (stmt, 2, g_array_index (args->ids, gint64, 0));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      base = sqlite3_column_int (stmt, 2) ? -1000000 : 1;
      g_array_append_val (order, pair);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not restack"));
  g_array_sort (order, compare_z);

  {
    guint n = order->len;
    g_autofree gint64 *ids = g_new (gint64, n);

    for (guint i = 0; i < n; i++)
      ids[i] = ((gint64 *) order->data)[2 * i + 1];

    switch (args->value)
      {
      case TF_RESTACK_TOP:
      case TF_RESTACK_BOTTOM:
        {
          gboolean top = args->value == TF_RESTACK_TOP;

          if (!top)
            for (guint i = 0; i < n; i++)
              if (g_hash_table_contains (selected, &ids[i]))
                g_array_append_val (result, ids[i]);
          for (guint i = 0; i < n; i++)
            if (!g_hash_table_contains (selected, &ids[i]))
              g_array_append_val (result, ids[i]);
          if (top)
            for (guint i = 0; i < n; i++)
              if (g_hash_table_contains (selected, &ids[i]))
                g_array_append_val (result, ids[i]);
        }
        break;
      case TF_RESTACK_RAISE:
        /* Each selected item swaps with the unselected one just above it. */
        for (guint i = n; i-- > 1;)
          if (!g_hash_table_contains (selected, &ids[i]) && g_hash_table_contains (selected, &ids[i - 1]))
            {
              guint j = i - 1;
              gint64 moved = ids[i];

              while (j > 0 && g_hash_table_contains (selected, &ids[j - 1]))
                j--;
              memmove (&ids[j + 1], &ids[j], (i - j) * sizeof (gint64));
              ids[j] = moved;
              i = j;
            }
        g_array_append_vals (result, ids, n);
        break;
      case TF_RESTACK_LOWER:
      default:
        for (guint i = 0; i + 1 < n; i++)
          if (!g_hash_table_contains (selected, &ids[i]) && g_hash_table_contains (selected, &ids[i + 1]))
            {
              guint j = i + 1;
              gint64 moved = ids[i];

              while (j + 1 < n && g_hash_table_contains (selected, &ids[j + 1]))
                j++;
              memmove (&ids[i], &ids[i + 1], (j - i) * sizeof (gint64));
              ids[j] = moved;
              i = j;
            }
        g_array_append_vals (result, ids, n);
        break;
      }
  }

  for (guint i = 0; i < result->len; i++)
    {
      stmt = tf_store_prepare (store, "UPDATE items SET z = ?1 WHERE id = ?2 AND z <> ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, base + (int) i);
      sqlite3_bind_int64 (stmt, 2, g_array_index (result, gint64, i));
      if (!step (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

TfCommand *
tf_command_restack (const gint64 *ids,
                    guint         n_ids,
                    TfRestack     how)
{
  static const char *labels[] = { N_("Bring forward"), N_("Send backward"), N_("Bring to front"), N_("Send to back") };
  Args *args = args_new (ids, n_ids);

  args->value = how;
  return tf_command_new (_(labels[how]), restack, args, args_free);
}
