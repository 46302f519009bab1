/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-blueprint-commands"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "canvas/tf-scene.h"
#include "core/tf-content.h"
#include "core/tf-board-rows.h"
#include "core/tf-item-rows.h"
#include "tf-blueprint.h"
#include "tf-blueprint-commands.h"
#include "tf-blueprint-kinds.h"
#include "tf-blueprint-layout.h"
#include "tf-blueprint-route.h"
#include "tf-bp-arrow-kind.h"

/* --- JSON values written with tf_item_rows_set_key() --- */

static char *
json_string_value (const char *s)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, s != NULL ? s : "");
  return json_to_string (node, FALSE);
}

static gboolean
set_string_key (TfStore     *store,
                gint64       id,
                const char  *path,
                const char  *value,
                GError     **error)
{
  g_autofree char *json = json_string_value (value);

  return tf_item_rows_set_key (store, TF_ITEM_COLUMN_PAYLOAD, id, path, json, NULL, error);
}

/* --- Checks: what is written must pass what reading checks
 * (core/tf-content.h), or the row would vanish the next time it is read --- */

static gboolean
check_text (const char  *text,
            GError     **error)
{
  if (text == NULL || tf_content_check_text (text, -1, TF_CONTENT_MAX_TEXT))
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("The text is not valid UTF-8"));
  else
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                 _("This text is too long for one item of a board (at most %d KiB); split it"),
                 TF_CONTENT_MAX_TEXT / 1024);
  return FALSE;
}

static gboolean
check_payload (const char  *json,
               GError     **error)
{
  if (json == NULL || tf_content_check_json (json, -1))
    return TRUE;
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
               _("The blueprint's texts are too long to be stored; shorten them"));
  return FALSE;
}

static gboolean
check_bounds (const TfRect  *r,
              GError       **error)
{
  if (tf_content_check_coord (r->x) && tf_content_check_coord (r->y) &&
      tf_content_check_coord (r->x + r->width) && tf_content_check_coord (r->y + r->height) &&
      tf_content_check_size (r->width) && tf_content_check_size (r->height))
    return TRUE;
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
               _("The blueprint would grow beyond the edge of the board; remove some steps, lanes or cards"));
  return FALSE;
}

/* --- Loading --- */

static gboolean
board_check (TfStore  *store,
             gint64    board_id,
             GError  **error)
{
  if (tf_item_rows_board_exists (store, board_id))
    return TRUE;
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
               _("There is no board %lld in this archive"), (long long) board_id);
  return FALSE;
}

/* The board's items and its blueprint, as stored now. */
static TfBlueprint *
load (TfStore   *store,
      gint64     board_id,
      TfScene  **scene_out,
      GError   **error)
{
  g_autoptr(TfScene) scene = NULL;
  TfBlueprint *bp;

  if (!board_check (store, board_id, error))
    return NULL;
  scene = tf_scene_new_for_board (store, board_id, error);
  if (scene == NULL)
    return NULL;
  bp = tf_blueprint_from_scene (scene);
  bp->board_id = board_id;
  *scene_out = g_steal_pointer (&scene);
  return bp;
}

static int
stage_index (const TfBlueprint *bp,
             const char        *stage_id)
{
  for (guint i = 0; stage_id != NULL && i < bp->stages->len; i++)
    if (g_strcmp0 (((TfBpStage *) g_ptr_array_index (bp->stages, i))->id, stage_id) == 0)
      return (int) i;
  return -1;
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value != NULL ? value : "");

  g_free (*field);
  *field = copy;
}

/* --- Settling --- */

typedef struct {
  TfBpCard *card;
  int       step;
  int       lane;
  double    key;      /* the sort key within the cell */
} Slot;

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const Slot *x = a, *y = b;

  if (x->step != y->step)
    return x->step < y->step ? -1 : 1;
  if (x->lane != y->lane)
    return x->lane < y->lane ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->card->item_id < y->card->item_id ? -1 : x->card->item_id > y->card->item_id;
}

/* The index of the interval of @edges (ascending, non-empty intervals only)
 * holding @v; -1 for none. */
static int
interval_of (GArray *edges,
             double  v)
{
  for (guint i = 0; i + 1 < edges->len; i++)
    {
      double a = g_array_index (edges, double, i), b = g_array_index (edges, double, i + 1);

      if (b > a && v >= a && v < b)
        return (int) i;
    }
  return -1;
}

static gboolean
near (double a,
      double b)
{
  return fabs (a - b) <= 0.5;
}

/* Puts every card of the blueprint in a cell, by key: its order, or, when
 * @detect, where its stored bounds lie in the grid the last settle drew
 * (the stored geometry): a card moved, duplicated or pasted by a generic
 * command (its bounds are not where that settle put it) joins the cell
 * under its centre, at the height it was dropped. Then numbers the cards
 * of each cell from 0. */
static void
place_cards (TfScene     *scene,
             TfBlueprint *bp,
             gboolean     detect)
{
  g_autoptr(GArray) slots = g_array_sized_new (FALSE, FALSE, sizeof (Slot), bp->cards->len);
  TfItem *grid = bp->grid_item_id != 0 ? tf_scene_lookup (scene, bp->grid_item_id) : NULL;
  GArray *cols = NULL, *rows = NULL;
  gboolean geometry;

  geometry = detect && grid != NULL && tf_bp_grid_item_get_geometry (grid, &cols, &rows) &&
             cols->len == bp->steps->len + 1 && rows->len == bp->lanes->len + 1;

  if (bp->steps->len == 0 || bp->lanes->len == 0)
    return;

  for (guint i = 0; i < bp->cards->len; i++)
    {
      TfBpCard *card = g_ptr_array_index (bp->cards, i);
      Slot slot = { card, tf_blueprint_step_index (bp, card->step_id),
                    tf_blueprint_lane_index (bp, card->lane_id), card->order };

      if (slot.step < 0 || slot.lane < 0)
        slot.step = slot.lane = 0;
      g_array_append_val (slots, slot);
    }
  g_array_sort (slots, compare_slots);

  if (geometry)
    {
      /* Where the last settle put each card: stacked from the top of its
       * cell in the stored geometry, with the heights it gave them. */
      g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (gboolean));
      int cell_step = -1, cell_lane = -1, prev_order = 0;
      double y = 0;

      g_array_set_size (moved, slots->len);
      for (guint i = 0; i < slots->len; i++)
        {
          Slot *slot = &g_array_index (slots, Slot, i);
          TfItem *item = tf_scene_lookup (scene, slot->card->item_id);
          const char *raw_step = "", *raw_lane = "";
          int raw_order = 0;
          gboolean off = FALSE, known;

          if (slot->step != cell_step || slot->lane != cell_lane)
            {
              cell_step = slot->step;
              cell_lane = slot->lane;
              y = g_array_index (rows, double, cell_lane) + TF_BP_GAP;
              prev_order = G_MININT;
            }
          if (item == NULL || !tf_bp_card_item_get_place (item, &raw_step, &raw_lane, &raw_order, &off))
            continue;
          if (off)
            continue;
          known = tf_blueprint_step_index (bp, raw_step) >= 0 && tf_blueprint_lane_index (bp, raw_lane) >= 0;
          if (!known || slot->card->order == prev_order)
            {
              /* New here (pasted from elsewhere), or a copy of the card
               * before it (duplicated): not part of the last layout. */
              g_array_index (moved, gboolean, i) = TRUE;
              continue;
            }
          prev_order = slot->card->order;
          if (!near (item->bounds.x, g_array_index (cols, double, cell_step) + (TF_BP_COLUMN_WIDTH - TF_BP_CARD_WIDTH) / 2) ||
              !near (item->bounds.y, y))
            g_array_index (moved, gboolean, i) = TRUE;
          y += item->bounds.height + TF_BP_GAP;
        }

      /* Every visible card now sorts by where it lies; a moved one goes to
       * the cell under its centre. */
      for (guint i = 0; i < slots->len; i++)
        {
          Slot *slot = &g_array_index (slots, Slot, i);
          TfItem *item = tf_scene_lookup (scene, slot->card->item_id);
          double cx, cy;
          int s, l;

          if (item == NULL || item->hidden)
            continue;
          cx = item->bounds.x + item->bounds.width / 2;
          cy = item->bounds.y + item->bounds.height / 2;
          slot->key = cy;
          if (!g_array_index (moved, gboolean, i))
            continue;
          s = interval_of (cols, cx);
          l = interval_of (rows, cy);
          if (s < 0 || l < 0)
            continue;
          slot->step = s;
          slot->lane = l;
        }
      g_array_sort (slots, compare_slots);
    }

  /* The cells' orders, from 0, and the cards' step and lane. */
  for (guint i = 0, n = 0; i < slots->len; i++, n++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);
      TfBpStep *step = g_ptr_array_index (bp->steps, slot->step);
      TfBpLane *lane = g_ptr_array_index (bp->lanes, slot->lane);

      if (i > 0 && (slot[-1].step != slot->step || slot[-1].lane != slot->lane))
        n = 0;
      if (g_strcmp0 (slot->card->step_id, step->id) != 0)
        replace_string (&slot->card->step_id, step->id);
      if (g_strcmp0 (slot->card->lane_id, lane->id) != 0)
        replace_string (&slot->card->lane_id, lane->id);
      slot->card->order = (int) n;
    }
}

/* The grid's payload: the grid and the geometry of this layout. */
static char *
grid_payload (const TfBlueprint *bp,
              const TfBpLayout  *layout)
{
  g_autofree char *json = tf_blueprint_grid_to_json (bp);
  g_autoptr(JsonNode) root = tf_item_parse_json (json);
  JsonObject *object, *geometry;
  JsonArray *cols, *rows;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return g_steal_pointer (&json);
  object = json_node_get_object (root);
  geometry = json_object_new ();
  cols = json_array_new ();
  rows = json_array_new ();
  for (guint i = 0; i < layout->columns->len; i++)
    json_array_add_double_element (cols, g_array_index (layout->columns, TfRect, i).x);
  json_array_add_double_element (cols, layout->bounds.x + layout->bounds.width);
  for (guint i = 0; i < layout->rows->len; i++)
    json_array_add_double_element (rows, g_array_index (layout->rows, TfRect, i).y);
  json_array_add_double_element (rows, layout->bounds.y + layout->bounds.height);
  if (layout->columns->len == 0)
    {
      /* No step: the headers' column alone. */
      json_array_remove_element (cols, 0);
      json_array_add_double_element (cols, TF_BP_HEADER_WIDTH);
    }
  json_object_set_array_member (geometry, "cols", cols);
  json_object_set_array_member (geometry, "rows", rows);
  json_object_set_double_member (geometry, "top", layout->bounds.y);
  json_object_set_object_member (object, "geometry", geometry);
  return json_to_string (root, FALSE);
}

static gboolean
write_bounds (TfStore       *store,
              const TfItem  *item,
              const TfRect  *r,
              GError       **error)
{
  if (item != NULL && near (item->bounds.x, r->x) && near (item->bounds.y, r->y) &&
      near (item->bounds.width, r->width) && near (item->bounds.height, r->height))
    return TRUE;
  if (!check_bounds (r, error))
    return FALSE;
  return tf_item_rows_set_bounds (store, item != NULL ? item->id : 0, r->x, r->y,
                                  MAX (1.0, r->width), MAX (1.0, r->height), NULL, error);
}

/* A route between two cards that goes round the others
 * (tf-blueprint-route.h). */
static void
route_arrow (const TfRect *from,
             const TfRect *to,
             const TfRect *obstacles,
             guint         n_obstacles,
             GArray       *points)
{
  tf_bp_route (from, to, obstacles, n_obstacles, TF_BP_ROUTE_MARGIN, points);
}

static char *
route_json (GArray *points)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < points->len; i++)
    {
      const TfBpPoint *p = &g_array_index (points, TfBpPoint, i);

      json_array_add_double_element (array, round (p->x * 100) / 100);
      json_array_add_double_element (array, round (p->y * 100) / 100);
    }
  json_node_take_array (node, array);
  return json_to_string (node, FALSE);
}

/* The route the arrow item stores now, as JSON text ("" for none). */
static char *
stored_route (const TfItem *item)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  JsonNode *route;

  if (payload == NULL || !JSON_NODE_HOLDS_OBJECT (payload))
    return g_strdup ("");
  route = json_object_get_member (json_node_get_object (payload), "route");
  return route != NULL ? json_to_string (route, FALSE) : g_strdup ("");
}

/* Writes the payload's "off" when it changes (absent reads as false). */
static gboolean
set_off (TfStore       *store,
         const TfItem  *item,
         gboolean       off,
         GError       **error)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  JsonObject *object = payload != NULL && JSON_NODE_HOLDS_OBJECT (payload) ? json_node_get_object (payload) : NULL;

  if (tf_content_json_boolean (object, "off", FALSE) == off)
    return TRUE;
  return tf_item_rows_set_key (store, TF_ITEM_COLUMN_PAYLOAD, item->id, "$.off", off ? "true" : "false",
                               NULL, error);
}

static gboolean
settle_arrows (TfStore      *store,
               TfScene      *scene,
               TfBlueprint  *bp,
               TfBpLayout   *layout,
               GError      **error)
{
  g_autoptr(GArray) obstacles = NULL;
  g_autoptr(GPtrArray) routes = NULL;
  GHashTableIter iter;
  gpointer value;

  if (bp->arrows->len == 0)
    return TRUE;
  obstacles = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), g_hash_table_size (layout->cards));
  g_hash_table_iter_init (&iter, layout->cards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_val (obstacles, *(TfRect *) value);

  /* Every route first, then the routes that share a gutter are spread
   * apart onto tracks of their own, then what changed is written. */
  routes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < bp->arrows->len; i++)
    {
      const TfBpArrow *arrow = g_ptr_array_index (bp->arrows, i);
      const TfRect *from = g_hash_table_lookup (layout->cards, &arrow->from);
      const TfRect *to = g_hash_table_lookup (layout->cards, &arrow->to);
      GArray *points = g_array_new (FALSE, FALSE, sizeof (TfBpPoint));

      /* An end off the board (a hidden lane): no route, and the arrow is
       * off too ("off": true, as a card's). */
      if (from != NULL && to != NULL)
        route_arrow (from, to, (const TfRect *) obstacles->data, obstacles->len, points);
      g_ptr_array_add (routes, points);
    }
  tf_bp_routes_spread (routes, (const TfRect *) obstacles->data, obstacles->len, TF_BP_ROUTE_MARGIN, 6);

  for (guint i = 0; i < bp->arrows->len; i++)
    {
      const TfBpArrow *arrow = g_ptr_array_index (bp->arrows, i);
      TfItem *item = tf_scene_lookup (scene, arrow->item_id);
      GArray *points = g_ptr_array_index (routes, i);
      g_autofree char *json = NULL;
      g_autofree char *old = NULL;
      TfRect bounds;

      if (item == NULL)
        continue;
      if (!set_off (store, item, points->len == 0, error))
        return FALSE;
      json = route_json (points);
      old = stored_route (item);
      if (g_strcmp0 (json, old) != 0 &&
          !tf_item_rows_set_key (store, TF_ITEM_COLUMN_PAYLOAD, item->id, "$.route", json, NULL, error))
        return FALSE;
      if (points->len == 0)
        continue;
      bounds = tf_bp_arrow_route_bounds ((const TfBpPoint *) points->data, points->len, arrow->label);
      if (!write_bounds (store, item, &bounds, error))
        return FALSE;
    }
  return TRUE;
}

/* Gives a board without a grid its first one: the five standard lanes
 * (tf_blueprint_from_scene() gives them) and three steps. */
static void
ensure_grid (TfBlueprint *bp)
{
  if (bp->grid_item_id != 0)
    return;
  while (bp->steps->len < 3)
    tf_blueprint_add_step (bp, -1, "", NULL);
}

/* @payload without its member @name (NULL when it has none). */
static char *
without_member (const char *payload,
                const char *name)
{
  g_autoptr(JsonNode) root = tf_item_parse_json (payload);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), name))
    return NULL;
  json_object_remove_member (json_node_get_object (root), name);
  return json_to_string (root, FALSE);
}

/* The cards of @bp that are copies of another card of it with the same
 * origin (a generic duplicate or paste of a to-be card): the card with the
 * smallest id (the first made) keeps the origin; the copies are new cards,
 * which the comparison must report as added. */
static GHashTable *
copied_origins (const TfBlueprint *bp)
{
  g_autoptr(GHashTable) first = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTable *copies = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < bp->cards->len; i++)
    {
      TfBpCard *card = g_ptr_array_index (bp->cards, i);
      TfBpCard *other;

      if (card->origin == 0)
        continue;
      other = g_hash_table_lookup (first, &card->origin);
      if (other == NULL)
        g_hash_table_insert (first, &card->origin, card);
      else if (other->item_id < card->item_id)
        g_hash_table_add (copies, &card->item_id);
      else
        {
          g_hash_table_add (copies, &other->item_id);
          g_hash_table_insert (first, &card->origin, card);
        }
    }
  return copies;
}

/* Writes what the blueprint @bp (read from @scene, then edited in memory)
 * says: the grid, each card's place and bounds, each arrow's route; only
 * what differs from the stored rows. */
static gboolean
settle_bp (TfStore      *store,
           TfScene      *scene,
           TfBlueprint  *bp,
           gboolean      detect,
           GError      **error)
{
  g_autoptr(TfBpLayout) layout = NULL;
  g_autoptr(GHashTable) copies = NULL;
  g_autofree char *payload = NULL;
  TfItem *grid;

  ensure_grid (bp);
  place_cards (scene, bp, detect);
  layout = tf_blueprint_layout (bp);

  /* Nothing is written that reading would drop: a grid dropped would come
   * back as a fresh one, with every card in its first cell. */
  payload = grid_payload (bp, layout);
  if (!check_bounds (&layout->bounds, error) || !check_payload (payload, error))
    return FALSE;
  grid = bp->grid_item_id != 0 ? tf_scene_lookup (scene, bp->grid_item_id) : NULL;
  if (grid == NULL)
    {
      gint64 id;

      if (!tf_item_rows_insert (store, bp->board_id, TF_BP_GRID_KIND, layout->bounds.x, layout->bounds.y,
                                MAX (1.0, layout->bounds.width), MAX (1.0, layout->bounds.height),
                                0, 0, "", "{}", payload, &id, error))
        return FALSE;
      bp->grid_item_id = id;
    }
  else
    {
      if (g_strcmp0 (grid->payload, payload) != 0 &&
          !tf_item_rows_set_payload (store, grid->id, payload, NULL, error))
        return FALSE;
      if (!write_bounds (store, grid, &layout->bounds, error))
        return FALSE;
    }

  for (guint i = 0; i < bp->cards->len; i++)
    {
      const TfBpCard *card = g_ptr_array_index (bp->cards, i);
      TfItem *item = tf_scene_lookup (scene, card->item_id);
      const TfRect *rect = g_hash_table_lookup (layout->cards, &card->item_id);
      const char *raw_step = "", *raw_lane = "";
      int raw_order = 0;
      gboolean raw_off = FALSE;

      if (item == NULL || !tf_bp_card_item_get_place (item, &raw_step, &raw_lane, &raw_order, &raw_off))
        continue;
      if (copies == NULL)
        copies = copied_origins (bp);
      if (g_hash_table_contains (copies, &card->item_id))
        {
          g_autofree char *plain = without_member (item->payload, "origin");

          if (plain != NULL && !tf_item_rows_set_payload (store, item->id, plain, NULL, error))
            return FALSE;
        }
      if (g_strcmp0 (raw_step, card->step_id) != 0 &&
          !set_string_key (store, item->id, "$.step", card->step_id, error))
        return FALSE;
      if (g_strcmp0 (raw_lane, card->lane_id) != 0 &&
          !set_string_key (store, item->id, "$.lane", card->lane_id, error))
        return FALSE;
      if (raw_order != card->order)
        {
          g_autofree char *json = g_strdup_printf ("%d", card->order);

          if (!tf_item_rows_set_key (store, TF_ITEM_COLUMN_PAYLOAD, item->id, "$.order", json, NULL, error))
            return FALSE;
        }
      /* A card of a hidden lane is off the board; it comes back with it. */
      if (raw_off != (rect == NULL) &&
          !tf_item_rows_set_key (store, TF_ITEM_COLUMN_PAYLOAD, item->id, "$.off",
                                 rect == NULL ? "true" : "false", NULL, error))
        return FALSE;
      if (rect != NULL && !write_bounds (store, item, rect, error))
        return FALSE;
    }

  return settle_arrows (store, scene, bp, layout, error);
}

gboolean
tf_blueprint_settle (TfStore  *store,
                     gint64    board_id,
                     GError  **error)
{
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfBlueprint) bp = load (store, board_id, &scene, error);

  if (bp == NULL)
    return FALSE;
  return settle_bp (store, scene, bp, TRUE, error);
}

/* --- The commands --- */

typedef struct {
  gint64        board_id;
  gint64        item_id;
  gint64        other_id;
  int           index;
  int           hidden;
  TfBpLaneRole  role;
  gboolean      two_way;
  gboolean      loop;
  char         *id;
  char         *title;
  char         *stage_id;
  char         *duration;
  char         *lane_id;
  char         *text;
  char         *label;
  GStrv         step_ids;
  TfBpCard     *card;
  char         *new_id;
} BpArgs;

static void
bp_args_free (gpointer data)
{
  BpArgs *args = data;

  g_free (args->id);
  g_free (args->title);
  g_free (args->stage_id);
  g_free (args->duration);
  g_free (args->lane_id);
  g_free (args->text);
  g_free (args->label);
  g_strfreev (args->step_ids);
  g_clear_pointer (&args->card, tf_bp_card_free);
  g_free (args->new_id);
  g_free (args);
}

static BpArgs *
bp_args_new (gint64 board_id)
{
  BpArgs *args = g_new0 (BpArgs, 1);

  args->board_id = board_id;
  args->hidden = -1;
  return args;
}

const char *
tf_bp_command_get_new_id (TfCommand *command)
{
  BpArgs *args = tf_command_get_data (command);

  g_return_val_if_fail (args != NULL, NULL);
  return args->new_id;
}

/* A grid edit: @edit changes the blueprint in memory (and may delete rows),
 * then everything settles, in the command's transaction. */
typedef gboolean (*GridEdit) (BpArgs       *args,
                              TfStore      *store,
                              TfBlueprint  *bp,
                              GError      **error);

static gboolean
run_edit (TfCommand  *command,
          TfStore    *store,
          GridEdit    edit,
          GError    **error)
{
  BpArgs *args = tf_command_get_data (command);
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfBlueprint) bp = NULL;

  bp = load (store, args->board_id, &scene, error);
  if (bp == NULL)
    return FALSE;
  /* The grid a user edits is the one settle makes on a new board. */
  ensure_grid (bp);
  if (!edit (args, store, bp, error))
    return FALSE;
  if (!settle_bp (store, scene, bp, FALSE, error))
    return FALSE;
  return tf_store_touch_board (store, args->board_id, NULL, error);
}

static gboolean
no_step (const char  *id,
         GError     **error)
{
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
               _("There is no step “%s” in this blueprint"), id ? id : "");
  return FALSE;
}

static gboolean
no_lane (const char  *id,
         GError     **error)
{
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
               _("There is no lane “%s” in this blueprint"), id ? id : "");
  return FALSE;
}

static gboolean
no_stage (const char  *id,
          GError     **error)
{
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
               _("There is no stage “%s” in this blueprint"), id ? id : "");
  return FALSE;
}

static gboolean
no_card (gint64   id,
         GError **error)
{
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
               _("There is no card %lld in this blueprint"), (long long) id);
  return FALSE;
}

/* Moves the element at @from of @array to @to (clamped). */
static void
move_element (GPtrArray *array,
              guint      from,
              int        to)
{
  gpointer element = g_ptr_array_steal_index (array, from);

  if (to < 0 || (guint) to > array->len)
    to = (int) array->len;
  g_ptr_array_insert (array, to, element);
}

/* Deletes the cards whose step (or lane) is @id, and the arrows that join
 * them, rows and memory. */
static gboolean
delete_cards_of (TfStore      *store,
                 TfBlueprint  *bp,
                 const char   *id,
                 gboolean      lane,
                 GError      **error)
{
  g_autoptr(GHashTable) gone = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < bp->cards->len; i++)
    {
      TfBpCard *card = g_ptr_array_index (bp->cards, i);

      if (g_strcmp0 (lane ? card->lane_id : card->step_id, id) == 0)
        g_hash_table_add (gone, &card->item_id);
    }
  for (guint i = bp->arrows->len; i-- > 0;)
    {
      TfBpArrow *arrow = g_ptr_array_index (bp->arrows, i);

      if (!g_hash_table_contains (gone, &arrow->from) && !g_hash_table_contains (gone, &arrow->to))
        continue;
      if (!tf_item_rows_delete (store, arrow->item_id, error))
        return FALSE;
      g_ptr_array_remove_index (bp->arrows, i);
    }
  for (guint i = bp->cards->len; i-- > 0;)
    {
      TfBpCard *card = g_ptr_array_index (bp->cards, i);

      if (!g_hash_table_contains (gone, &card->item_id))
        continue;
      g_hash_table_remove (gone, &card->item_id);
      if (!tf_item_rows_delete (store, card->item_id, error))
        return FALSE;
      g_ptr_array_remove_index (bp->cards, i);
    }
  return TRUE;
}

/* Steps */

static gboolean
edit_insert_step (BpArgs       *args,
                  TfStore      *store,
                  TfBlueprint  *bp,
                  GError      **error)
{
  TfBpStep *step;

  (void) store;
  if (args->stage_id != NULL && args->stage_id[0] != '\0' && stage_index (bp, args->stage_id) < 0)
    return no_stage (args->stage_id, error);
  if (bp->steps->len >= TF_BP_MAX_STEPS)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("A blueprint has at most %d steps"), TF_BP_MAX_STEPS);
      return FALSE;
    }
  if (!check_text (args->title, error))
    return FALSE;
  step = tf_blueprint_add_step (bp, args->index, args->title, args->stage_id);
  g_free (args->new_id);
  args->new_id = g_strdup (step->id);
  return TRUE;
}

static gboolean
insert_step (TfCommand  *command,
             TfStore    *store,
             GError    **error)
{
  return run_edit (command, store, edit_insert_step, error);
}

TfCommand *
tf_bp_command_insert_step (gint64      board_id,
                           int         index,
                           const char *title,
                           const char *stage_id)
{
  BpArgs *args = bp_args_new (board_id);

  args->index = index;
  args->title = g_strdup (title);
  args->stage_id = g_strdup (stage_id);
  return tf_command_new (_("Insert a step"), insert_step, args, bp_args_free);
}

static gboolean
edit_move_step (BpArgs       *args,
                TfStore      *store,
                TfBlueprint  *bp,
                GError      **error)
{
  int index = tf_blueprint_step_index (bp, args->id);

  (void) store;
  if (index < 0)
    return no_step (args->id, error);
  move_element (bp->steps, index, args->index);
  return TRUE;
}

static gboolean
move_step (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  return run_edit (command, store, edit_move_step, error);
}

TfCommand *
tf_bp_command_move_step (gint64      board_id,
                         const char *step_id,
                         int         new_index)
{
  BpArgs *args = bp_args_new (board_id);

  args->id = g_strdup (step_id);
  args->index = new_index;
  return tf_command_new (_("Move a step"), move_step, args, bp_args_free);
}

static gboolean
edit_delete_step (BpArgs       *args,
                  TfStore      *store,
                  TfBlueprint  *bp,
                  GError      **error)
{
  int index = tf_blueprint_step_index (bp, args->id);

  if (index < 0)
    return no_step (args->id, error);
  /* Without a step, cards pasted later would have no cell to show in. */
  if (bp->steps->len <= 1)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("A blueprint keeps at least one step; add another before deleting this one"));
      return FALSE;
    }
  if (!delete_cards_of (store, bp, args->id, FALSE, error))
    return FALSE;
  g_ptr_array_remove_index (bp->steps, index);
  return TRUE;
}

static gboolean
delete_step (TfCommand  *command,
             TfStore    *store,
             GError    **error)
{
  return run_edit (command, store, edit_delete_step, error);
}

TfCommand *
tf_bp_command_delete_step (gint64      board_id,
                           const char *step_id)
{
  BpArgs *args = bp_args_new (board_id);

  args->id = g_strdup (step_id);
  return tf_command_new (_("Delete a step"), delete_step, args, bp_args_free);
}

static gboolean
edit_set_step (BpArgs       *args,
               TfStore      *store,
               TfBlueprint  *bp,
               GError      **error)
{
  int index = tf_blueprint_step_index (bp, args->id);
  TfBpStep *step;

  (void) store;
  if (index < 0)
    return no_step (args->id, error);
  if (args->stage_id != NULL && args->stage_id[0] != '\0' && stage_index (bp, args->stage_id) < 0)
    return no_stage (args->stage_id, error);
  if (!check_text (args->title, error) || !check_text (args->duration, error))
    return FALSE;
  step = g_ptr_array_index (bp->steps, index);
  if (args->title != NULL)
    replace_string (&step->title, args->title);
  if (args->stage_id != NULL)
    replace_string (&step->stage_id, args->stage_id);
  if (args->duration != NULL)
    replace_string (&step->duration, args->duration);
  return TRUE;
}

static gboolean
set_step (TfCommand  *command,
          TfStore    *store,
          GError    **error)
{
  return run_edit (command, store, edit_set_step, error);
}

TfCommand *
tf_bp_command_set_step (gint64      board_id,
                        const char *step_id,
                        const char *title,
                        const char *stage_id,
                        const char *duration)
{
  BpArgs *args = bp_args_new (board_id);

  args->id = g_strdup (step_id);
  args->title = g_strdup (title);
  args->stage_id = g_strdup (stage_id);
  args->duration = g_strdup (duration);
  return tf_command_new (_("Change a step"), set_step, args, bp_args_free);
}

/* Lanes */

static gboolean
edit_insert_lane (BpArgs       *args,
                  TfStore      *store,
                  TfBlueprint  *bp,
                  GError      **error)
{
  TfBpLane *lane;

  (void) store;
  if (bp->lanes->len >= TF_BP_MAX_LANES)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("A blueprint has at most %d lanes"), TF_BP_MAX_LANES);
      return FALSE;
    }
  if (!check_text (args->title, error))
    return FALSE;
  lane = tf_blueprint_add_lane (bp, args->index, args->role, args->title);
  g_free (args->new_id);
  args->new_id = g_strdup (lane->id);
  return TRUE;
}

static gboolean
insert_lane (TfCommand  *command,
             TfStore    *store,
             GError    **error)
{
  return run_edit (command, store, edit_insert_lane, error);
}

TfCommand *
tf_bp_command_insert_lane (gint64        board_id,
                           int           index,
                           TfBpLaneRole  role,
                           const char   *title)
{
  BpArgs *args = bp_args_new (board_id);

  args->index = index;
  args->role = CLAMP (role, 0, TF_BP_N_LANE_ROLES - 1);
  args->title = g_strdup (title);
  return tf_command_new (_("Insert a lane"), insert_lane, args, bp_args_free);
}

static gboolean
edit_move_lane (BpArgs       *args,
                TfStore      *store,
                TfBlueprint  *bp,
                GError      **error)
{
  int index = tf_blueprint_lane_index (bp, args->id);

  (void) store;
  if (index < 0)
    return no_lane (args->id, error);
  move_element (bp->lanes, index, args->index);
  return TRUE;
}

static gboolean
move_lane (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  return run_edit (command, store, edit_move_lane, error);
}

TfCommand *
tf_bp_command_move_lane (gint64      board_id,
                         const char *lane_id,
                         int         new_index)
{
  BpArgs *args = bp_args_new (board_id);

  args->id = g_strdup (lane_id);
  args->index = new_index;
  return tf_command_new (_("Move a lane"), move_lane, args, bp_args_free);
}

static gboolean
edit_delete_lane (BpArgs       *args,
                  TfStore      *store,
                  TfBlueprint  *bp,
                  GError      **error)
{
  int index = tf_blueprint_lane_index (bp, args->id);

  if (index < 0)
    return no_lane (args->id, error);
  /* Without a lane, the standard ones would come back with new ids. */
  if (bp->lanes->len <= 1)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("A blueprint keeps at least one lane; add another before deleting this one"));
      return FALSE;
    }
  if (!delete_cards_of (store, bp, args->id, TRUE, error))
    return FALSE;
  g_ptr_array_remove_index (bp->lanes, index);
  return TRUE;
}

static gboolean
delete_lane (TfCommand  *command,
             TfStore    *store,
             GError    **error)
{
  return run_edit (command, store, edit_delete_lane, error);
}

TfCommand *
tf_bp_command_delete_lane (gint64      board_id,
                           const char *lane_id)
{
  BpArgs *args = bp_args_new (board_id);

  args->id = g_strdup (lane_id);
  return tf_command_new (_("Delete a lane"), delete_lane, args, bp_args_free);
}

static gboolean
edit_set_lane (BpArgs       *args,
               TfStore      *store,
               TfBlueprint  *bp,
               GError      **error)
{
  int index = tf_blueprint_lane_index (bp, args->id);
  TfBpLane *lane;

  (void) store;
  if (index < 0)
    return no_lane (args->id, error);
  if (!check_text (args->title, error))
    return FALSE;
  lane = g_ptr_array_index (bp->lanes, index);
  if (args->title != NULL)
    replace_string (&lane->title, args->title);
  if (args->hidden >= 0)
    lane->hidden = args->hidden != 0;
  return TRUE;
}

static gboolean
set_lane (TfCommand  *command,
          TfStore    *store,
          GError    **error)
{
  return run_edit (command, store, edit_set_lane, error);
}

TfCommand *
tf_bp_command_set_lane (gint64      board_id,
                        const char *lane_id,
                        const char *title,
                        int         hidden)
{
  BpArgs *args = bp_args_new (board_id);

  args->id = g_strdup (lane_id);
  args->title = g_strdup (title);
  args->hidden = hidden;
  return tf_command_new (hidden > 0 ? _("Hide a lane") : hidden == 0 && title == NULL ? _("Show a lane")
                                                                                      : _("Change a lane"),
                         set_lane, args, bp_args_free);
}

/* Stages */

static gboolean
edit_add_stage (BpArgs       *args,
                TfStore      *store,
                TfBlueprint  *bp,
                GError      **error)
{
  TfBpStage *stage;

  (void) store;
  for (guint i = 0; args->step_ids != NULL && args->step_ids[i] != NULL; i++)
    if (tf_blueprint_step_index (bp, args->step_ids[i]) < 0)
      return no_step (args->step_ids[i], error);
  if (bp->stages->len >= TF_BP_MAX_STAGES)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("A blueprint has at most %d stages"), TF_BP_MAX_STAGES);
      return FALSE;
    }
  if (!check_text (args->title, error))
    return FALSE;
  stage = tf_blueprint_add_stage (bp, args->title);
  g_free (args->new_id);
  args->new_id = g_strdup (stage->id);
  for (guint i = 0; args->step_ids != NULL && args->step_ids[i] != NULL; i++)
    {
      TfBpStep *step = g_ptr_array_index (bp->steps, tf_blueprint_step_index (bp, args->step_ids[i]));

      replace_string (&step->stage_id, stage->id);
    }
  return TRUE;
}

static gboolean
add_stage (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  return run_edit (command, store, edit_add_stage, error);
}

TfCommand *
tf_bp_command_add_stage (gint64       board_id,
                         const char  *title,
                         const char **step_ids,
                         guint        n_steps)
{
  BpArgs *args = bp_args_new (board_id);

  args->title = g_strdup (title);
  args->step_ids = g_new0 (char *, n_steps + 1);
  for (guint i = 0; i < n_steps; i++)
    args->step_ids[i] = g_strdup (step_ids[i]);
  return tf_command_new (_("Add a stage"), add_stage, args, bp_args_free);
}

static gboolean
edit_set_stage (BpArgs       *args,
                TfStore      *store,
                TfBlueprint  *bp,
                GError      **error)
{
  int index = stage_index (bp, args->id);

  (void) store;
  if (index < 0)
    return no_stage (args->id, error);
  if (!check_text (args->title, error))
    return FALSE;
  replace_string (&((TfBpStage *) g_ptr_array_index (bp->stages, index))->title, args->title);
  return TRUE;
}

static gboolean
set_stage (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  return run_edit (command, store, edit_set_stage, error);
}

TfCommand *
tf_bp_command_set_stage (gint64      board_id,
                         const char *stage_id,
                         const char *title)
{
  BpArgs *args = bp_args_new (board_id);

  args->id = g_strdup (stage_id);
  args->title = g_strdup (title);
  return tf_command_new (_("Rename a stage"), set_stage, args, bp_args_free);
}

static gboolean
edit_delete_stage (BpArgs       *args,
                   TfStore      *store,
                   TfBlueprint  *bp,
                   GError      **error)
{
  int index = stage_index (bp, args->id);

  (void) store;
  if (index < 0)
    return no_stage (args->id, error);
  for (guint i = 0; i < bp->steps->len; i++)
    {
      TfBpStep *step = g_ptr_array_index (bp->steps, i);

      if (g_strcmp0 (step->stage_id, args->id) == 0)
        replace_string (&step->stage_id, "");
    }
  g_ptr_array_remove_index (bp->stages, index);
  return TRUE;
}

static gboolean
delete_stage (TfCommand  *command,
              TfStore    *store,
              GError    **error)
{
  return run_edit (command, store, edit_delete_stage, error);
}

TfCommand *
tf_bp_command_delete_stage (gint64      board_id,
                            const char *stage_id)
{
  BpArgs *args = bp_args_new (board_id);

  args->id = g_strdup (stage_id);
  return tf_command_new (_("Delete a stage"), delete_stage, args, bp_args_free);
}

/* Cards */

/* Puts @card at @order (-1: last) among the cards of its new cell. */
static void
place_in_cell (TfBlueprint *bp,
               TfBpCard    *card,
               const char  *step_id,
               const char  *lane_id,
               int          order)
{
  g_autoptr(GPtrArray) cell = tf_blueprint_cell_cards (bp, step_id, lane_id);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < cell->len; i++)
    if (g_ptr_array_index (cell, i) != card)
      g_ptr_array_add (sorted, g_ptr_array_index (cell, i));
  if (order < 0 || (guint) order > sorted->len)
    order = (int) sorted->len;
  g_ptr_array_insert (sorted, order, card);
  replace_string (&card->step_id, step_id);
  replace_string (&card->lane_id, lane_id);
  for (guint i = 0; i < sorted->len; i++)
    ((TfBpCard *) g_ptr_array_index (sorted, i))->order = (int) i;
}

static gboolean
check_cell (const TfBlueprint  *bp,
            const char         *step_id,
            const char         *lane_id,
            GError            **error)
{
  if (tf_blueprint_step_index (bp, step_id) < 0)
    return no_step (step_id, error);
  if (tf_blueprint_lane_index (bp, lane_id) < 0)
    return no_lane (lane_id, error);
  return TRUE;
}

static gboolean
add_card (TfCommand  *command,
          TfStore    *store,
          GError    **error)
{
  BpArgs *args = tf_command_get_data (command);
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfBlueprint) bp = NULL;
  g_autoptr(TfBlueprint) before = NULL;
  g_autoptr(TfScene) before_scene = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *payload = NULL;
  TfBpCard *card;
  gint64 id;

  if (!check_text (args->text, error))
    return FALSE;
  /* The grid first (a new board gets its grid), then the card in it. */
  before = load (store, args->board_id, &before_scene, error);
  if (before == NULL || !settle_bp (store, before_scene, before, FALSE, error))
    return FALSE;
  if (!check_cell (before, args->id, args->lane_id, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "step");
  json_builder_add_string_value (builder, args->id);
  json_builder_set_member_name (builder, "lane");
  json_builder_add_string_value (builder, args->lane_id);
  json_builder_set_member_name (builder, "order");
  json_builder_add_int_value (builder, 1000000);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  payload = json_to_string (root, FALSE);
  if (!tf_item_rows_insert (store, args->board_id, TF_BP_CARD_KIND, 0, 0, TF_BP_CARD_WIDTH, TF_BP_CARD_MIN_HEIGHT,
                            tf_item_rows_next_z (store, args->board_id), 0, args->text, "{}", payload, &id, error))
    return FALSE;
  tf_command_set_result_id (command, id);

  bp = load (store, args->board_id, &scene, error);
  if (bp == NULL)
    return FALSE;
  card = tf_blueprint_card (bp, id);
  if (card == NULL)
    return no_card (id, error);
  place_in_cell (bp, card, args->id, args->lane_id, args->index);
  if (!settle_bp (store, scene, bp, FALSE, error))
    return FALSE;
  return tf_store_touch_board (store, args->board_id, NULL, error);
}

TfCommand *
tf_bp_command_add_card (gint64      board_id,
                        const char *step_id,
                        const char *lane_id,
                        int         order,
                        const char *text)
{
  BpArgs *args = bp_args_new (board_id);

  args->id = g_strdup (step_id);
  args->lane_id = g_strdup (lane_id);
  args->index = order;
  args->text = g_strdup (text != NULL ? text : "");
  return tf_command_new (_("Add a card"), add_card, args, bp_args_free);
}

/* The board of card @id, 0 (and an error) when it is no card. */
static gint64
card_board (TfStore  *store,
            gint64    id,
            GError  **error)
{
  TfItemRow row;
  gint64 board = 0;

  if (tf_item_rows_read (store, id, &row))
    {
      if (g_strcmp0 (row.kind, TF_BP_CARD_KIND) == 0)
        board = row.board_id;
      tf_item_row_clear (&row);
    }
  if (board == 0)
    no_card (id, error);
  return board;
}

static gboolean
move_card (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  BpArgs *args = tf_command_get_data (command);
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfBlueprint) bp = NULL;
  TfBpCard *card;

  args->board_id = card_board (store, args->item_id, error);
  if (args->board_id == 0)
    return FALSE;
  bp = load (store, args->board_id, &scene, error);
  if (bp == NULL)
    return FALSE;
  card = tf_blueprint_card (bp, args->item_id);
  if (card == NULL)
    return no_card (args->item_id, error);
  if (!check_cell (bp, args->id, args->lane_id, error))
    return FALSE;
  place_in_cell (bp, card, args->id, args->lane_id, args->index);
  if (!settle_bp (store, scene, bp, FALSE, error))
    return FALSE;
  return tf_store_touch_item (store, args->item_id, NULL, error);
}

TfCommand *
tf_bp_command_move_card (gint64      card_id,
                         const char *step_id,
                         const char *lane_id,
                         int         order)
{
  BpArgs *args = bp_args_new (0);

  args->item_id = card_id;
  args->id = g_strdup (step_id);
  args->lane_id = g_strdup (lane_id);
  args->index = order;
  return tf_command_new (_("Move a card"), move_card, args, bp_args_free);
}

static gboolean
set_card (TfCommand  *command,
          TfStore    *store,
          GError    **error)
{
  BpArgs *args = tf_command_get_data (command);
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfBlueprint) bp = NULL;
  g_autofree char *payload = NULL;
  TfItem *item;
  TfBpCard *stored;
  gint64 id = args->card->item_id;

  args->board_id = card_board (store, id, error);
  if (args->board_id == 0)
    return FALSE;
  {
    g_autoptr(TfScene) old_scene = NULL;
    g_autoptr(TfBlueprint) old = load (store, args->board_id, &old_scene, error);
    TfBpCard card;

    if (old == NULL)
      return FALSE;
    item = tf_scene_lookup (old_scene, id);
    stored = tf_blueprint_card (old, id);
    if (item == NULL || stored == NULL)
      return no_card (id, error);
    /* The fields of the card, its place as stored. */
    card = *args->card;
    card.step_id = stored->step_id;
    card.lane_id = stored->lane_id;
    card.order = stored->order;
    payload = tf_blueprint_card_to_json (&card, item->payload);
    if (!check_text (args->card->text, error) || !check_payload (payload, error))
      return FALSE;
    if (!tf_item_rows_set_text (store, id, args->card->text != NULL ? args->card->text : "", NULL, error) ||
        !tf_item_rows_set_payload (store, id, payload, NULL, error))
      return FALSE;
  }
  bp = load (store, args->board_id, &scene, error);
  if (bp == NULL || !settle_bp (store, scene, bp, FALSE, error))
    return FALSE;
  return tf_store_touch_item (store, id, NULL, error);
}

TfCommand *
tf_bp_command_set_card (const TfBpCard *card,
                        const char     *label)
{
  BpArgs *args = bp_args_new (0);

  g_return_val_if_fail (card != NULL, NULL);
  args->card = tf_bp_card_copy (card);
  return tf_command_new (label != NULL ? label : _("Change a card"), set_card, args, bp_args_free);
}

/* Arrows */

static gboolean
add_arrow (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  BpArgs *args = tf_command_get_data (command);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *payload = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfBlueprint) bp = NULL;
  gint64 id;

  if (card_board (store, args->item_id, error) != args->board_id ||
      card_board (store, args->other_id, error) != args->board_id)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                     _("An arrow joins two cards of the same blueprint"));
      return FALSE;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from");
  json_builder_add_int_value (builder, args->item_id);
  json_builder_set_member_name (builder, "to");
  json_builder_add_int_value (builder, args->other_id);
  json_builder_set_member_name (builder, "two_way");
  json_builder_add_boolean_value (builder, args->two_way);
  json_builder_set_member_name (builder, "loop");
  json_builder_add_boolean_value (builder, args->loop);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, "");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  payload = json_to_string (root, FALSE);
  if (!tf_item_rows_insert (store, args->board_id, TF_BP_ARROW_KIND, 0, 0, 1, 1,
                            tf_item_rows_next_z (store, args->board_id), 0, "", "{}", payload, &id, error))
    return FALSE;
  tf_command_set_result_id (command, id);
  bp = load (store, args->board_id, &scene, error);
  if (bp == NULL || !settle_bp (store, scene, bp, FALSE, error))
    return FALSE;
  return tf_store_touch_board (store, args->board_id, NULL, error);
}

TfCommand *
tf_bp_command_add_arrow (gint64   board_id,
                         gint64   from,
                         gint64   to,
                         gboolean two_way,
                         gboolean loop)
{
  BpArgs *args = bp_args_new (board_id);

  args->item_id = from;
  args->other_id = to;
  args->two_way = two_way;
  args->loop = loop;
  return tf_command_new (_("Add an arrow"), add_arrow, args, bp_args_free);
}

static gboolean
set_arrow (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  BpArgs *args = tf_command_get_data (command);
  g_autofree char *label = json_string_value (args->label);
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfBlueprint) bp = NULL;
  TfItemRow row;
  gboolean arrow = FALSE;

  if (tf_item_rows_read (store, args->item_id, &row))
    {
      arrow = g_strcmp0 (row.kind, TF_BP_ARROW_KIND) == 0;
      args->board_id = row.board_id;
      tf_item_row_clear (&row);
    }
  if (!arrow)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no arrow %lld in this blueprint"), (long long) args->item_id);
      return FALSE;
    }
  if (!check_text (args->label, error))
    return FALSE;
  if (!tf_item_rows_set_key (store, TF_ITEM_COLUMN_PAYLOAD, args->item_id, "$.two_way",
                             args->two_way ? "true" : "false", NULL, error) ||
      !tf_item_rows_set_key (store, TF_ITEM_COLUMN_PAYLOAD, args->item_id, "$.loop",
                             args->loop ? "true" : "false", NULL, error) ||
      !tf_item_rows_set_key (store, TF_ITEM_COLUMN_PAYLOAD, args->item_id, "$.label", label, NULL, error))
    return FALSE;
  /* The arrow's bounds follow its label; a loop may route differently. */
  bp = load (store, args->board_id, &scene, error);
  if (bp == NULL || !settle_bp (store, scene, bp, FALSE, error))
    return FALSE;
  return tf_store_touch_item (store, args->item_id, NULL, error);
}

TfCommand *
tf_bp_command_set_arrow (gint64      arrow_id,
                         gboolean    two_way,
                         gboolean    loop,
                         const char *label)
{
  BpArgs *args = bp_args_new (0);

  args->item_id = arrow_id;
  args->two_way = two_way;
  args->loop = loop;
  args->label = g_strdup (label != NULL ? label : "");
  return tf_command_new (_("Change an arrow"), set_arrow, args, bp_args_free);
}

/* As-is / to-be */

static char *
with_member (const char *payload,
             const char *name,
             gint64      value)
{
  g_autoptr(JsonNode) root = tf_item_parse_json (payload);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (root, json_object_new ());
    }
  json_object_set_int_member (json_node_get_object (root), name, value);
  return json_to_string (root, FALSE);
}

static gboolean
duplicate_to_be (TfCommand  *command,
                 TfStore    *store,
                 GError    **error)
{
  BpArgs *args = tf_command_get_data (command);
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(TfBlueprint) bp = NULL;
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) arrows = g_ptr_array_new ();
  g_autoptr(TfScene) new_scene = NULL;
  g_autoptr(TfBlueprint) new_bp = NULL;
  GPtrArray *items;
  gint64 experiment = 0, board = 0;

  /* The as-is settles first, so the copy starts from its grid. */
  bp = load (store, args->board_id, &scene, error);
  if (bp == NULL || !settle_bp (store, scene, bp, FALSE, error))
    return FALSE;
  g_clear_object (&scene);
  g_clear_pointer (&bp, tf_blueprint_free);
  bp = load (store, args->board_id, &scene, error);
  if (bp == NULL)
    return FALSE;

  if (!tf_board_rows_experiment (store, args->board_id, &experiment, error) ||
      !tf_board_rows_append (store, experiment, TF_BLUEPRINT_TYPE_ID,
                             args->title != NULL && args->title[0] != '\0' ? args->title : _("To-be blueprint"),
                             &board, error))
    return FALSE;
  tf_command_set_result_id (command, board);

  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      g_autofree char *payload = NULL;
      gint64 id;

      if (g_strcmp0 (item->kind_id, TF_BP_ARROW_KIND) == 0)
        {
          g_ptr_array_add (arrows, (gpointer) item);
          continue;
        }
      if (g_strcmp0 (item->kind_id, TF_BP_GRID_KIND) == 0)
        payload = with_member (item->payload, "compare", args->board_id);
      else if (g_strcmp0 (item->kind_id, TF_BP_CARD_KIND) == 0)
        payload = with_member (item->payload, "origin", item->id);
      else
        payload = g_strdup (item->payload);
      if (!tf_item_rows_insert (store, board, item->kind_id, item->bounds.x, item->bounds.y,
                                item->bounds.width, item->bounds.height, item->z, 0,
                                item->text, item->style, payload, &id, error))
        return FALSE;
      g_hash_table_insert (map, g_memdup2 (&item->id, sizeof (gint64)), g_memdup2 (&id, sizeof id));
    }
  for (guint i = 0; i < arrows->len; i++)
    {
      const TfItem *item = g_ptr_array_index (arrows, i);
      g_autofree char *payload = tf_item_remap_payload (item, map);
      gint64 id;

      if (payload == NULL)
        continue;
      if (!tf_item_rows_insert (store, board, item->kind_id, item->bounds.x, item->bounds.y,
                                item->bounds.width, item->bounds.height, item->z, 0,
                                item->text, item->style, payload, &id, error))
        return FALSE;
    }

  new_bp = load (store, board, &new_scene, error);
  if (new_bp == NULL)
    return FALSE;
  return settle_bp (store, new_scene, new_bp, FALSE, error) &&
         tf_store_touch_board (store, board, NULL, error);
}

TfCommand *
tf_bp_command_duplicate_to_be (gint64      board_id,
                               const char *name)
{
  BpArgs *args = bp_args_new (board_id);

  args->title = g_strdup (name);
  return tf_command_new (_("Duplicate as to-be"), duplicate_to_be, args, bp_args_free);
}
