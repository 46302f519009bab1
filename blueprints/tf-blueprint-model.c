/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "canvas/tf-item.h"
#include "core/tf-content.h"
#include "tf-blueprint-kinds.h"
#include "tf-blueprint-model.h"

static const struct {
  const char *id;
  const char *label;
} lane_roles[TF_BP_N_LANE_ROLES] = {
  [TF_BP_LANE_EVIDENCE]    = { "evidence",    N_("Physical evidence") },
  [TF_BP_LANE_CUSTOMER]    = { "customer",    N_("User actions") },
  [TF_BP_LANE_FRONTSTAGE]  = { "frontstage",  N_("Frontstage actions") },
  [TF_BP_LANE_BACKSTAGE]   = { "backstage",   N_("Backstage actions") },
  [TF_BP_LANE_SUPPORT]     = { "support",     N_("Support processes") },
  [TF_BP_LANE_TIME]        = { "time",        N_("Time") },
  [TF_BP_LANE_EMOTION]     = { "emotion",     N_("Emotion") },
  [TF_BP_LANE_POLICY]      = { "policy",      N_("Policies and rules") },
  [TF_BP_LANE_METRICS]     = { "metrics",     N_("Metrics") },
  [TF_BP_LANE_PAIN]        = { "pain",        N_("Pain points") },
  [TF_BP_LANE_OPPORTUNITY] = { "opportunity", N_("Opportunities") },
  [TF_BP_LANE_CUSTOM]      = { "custom",      N_("Other lane") },
};

static const char *line_labels[TF_BP_N_LINES] = {
  [TF_BP_LINE_INTERACTION]          = N_("Line of interaction"),
  [TF_BP_LINE_VISIBILITY]           = N_("Line of visibility"),
  [TF_BP_LINE_INTERNAL_INTERACTION] = N_("Line of internal interaction"),
};

const char *
tf_bp_lane_role_to_string (TfBpLaneRole role)
{
  if ((guint) role >= TF_BP_N_LANE_ROLES)
    role = TF_BP_LANE_CUSTOM;
  return lane_roles[role].id;
}

TfBpLaneRole
tf_bp_lane_role_from_string (const char *s)
{
  for (guint i = 0; s != NULL && i < TF_BP_N_LANE_ROLES; i++)
    if (g_str_equal (s, lane_roles[i].id))
      return i;
  return TF_BP_LANE_CUSTOM;
}

const char *
tf_bp_lane_role_label (TfBpLaneRole role)
{
  if ((guint) role >= TF_BP_N_LANE_ROLES)
    role = TF_BP_LANE_CUSTOM;
  return _(lane_roles[role].label);
}

const char *
tf_bp_lane_title (const TfBpLane *lane)
{
  if (lane->title != NULL && lane->title[0] != '\0')
    return lane->title;
  return tf_bp_lane_role_label (lane->role);
}

const char *
tf_bp_line_label (TfBpLine line)
{
  g_return_val_if_fail ((guint) line < TF_BP_N_LINES, "");
  return _(line_labels[line]);
}

static void
stage_free (gpointer data)
{
  TfBpStage *stage = data;

  g_free (stage->id);
  g_free (stage->title);
  g_free (stage);
}

static void
step_free (gpointer data)
{
  TfBpStep *step = data;

  g_free (step->id);
  g_free (step->title);
  g_free (step->stage_id);
  g_free (step->duration);
  g_free (step);
}

static void
lane_free (gpointer data)
{
  TfBpLane *lane = data;

  g_free (lane->id);
  g_free (lane->title);
  g_free (lane);
}

static void
card_free (gpointer data)
{
  TfBpCard *card = data;

  g_free (card->step_id);
  g_free (card->lane_id);
  g_free (card->text);
  g_free (card->actor);
  g_free (card->department);
  g_free (card->evidence_label);
  g_free (card->fail_owner);
  g_free (card->fail_mitigation);
  g_free (card->wait_duration);
  g_clear_pointer (&card->cites, g_array_unref);
  g_clear_pointer (&card->silenced, g_hash_table_unref);
  g_free (card);
}

static void
arrow_free (gpointer data)
{
  TfBpArrow *arrow = data;

  g_free (arrow->label);
  g_free (arrow);
}

static TfBlueprint *
blueprint_alloc (void)
{
  TfBlueprint *bp = g_new0 (TfBlueprint, 1);

  bp->next = 1;
  bp->stages = g_ptr_array_new_with_free_func (stage_free);
  bp->steps = g_ptr_array_new_with_free_func (step_free);
  bp->lanes = g_ptr_array_new_with_free_func (lane_free);
  bp->cards = g_ptr_array_new_with_free_func (card_free);
  bp->arrows = g_ptr_array_new_with_free_func (arrow_free);
  return bp;
}

static void
add_standard_lanes (TfBlueprint *bp)
{
  for (TfBpLaneRole role = TF_BP_LANE_EVIDENCE; role <= TF_BP_LANE_SUPPORT; role++)
    {
      TfBpLane *lane = g_new0 (TfBpLane, 1);

      lane->id = g_strdup (tf_bp_lane_role_to_string (role));
      lane->role = role;
      lane->title = g_strdup ("");
      g_ptr_array_add (bp->lanes, lane);
    }
}

TfBlueprint *
tf_blueprint_new (void)
{
  TfBlueprint *bp = blueprint_alloc ();

  add_standard_lanes (bp);
  return bp;
}

void
tf_blueprint_free (TfBlueprint *bp)
{
  if (bp == NULL)
    return;
  g_ptr_array_unref (bp->stages);
  g_ptr_array_unref (bp->steps);
  g_ptr_array_unref (bp->lanes);
  g_ptr_array_unref (bp->cards);
  g_ptr_array_unref (bp->arrows);
  g_free (bp);
}

/* --- Reading --- */

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
element_object (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Whether @id is a usable, not yet taken id among @items' ids. */
static gboolean
id_is_new (GPtrArray  *items,
           const char *id)
{
  if (id == NULL || id[0] == '\0')
    return FALSE;
  /* Each of stages, steps and lanes starts with its char *id. */
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (*(char **) g_ptr_array_index (items, i), id))
      return FALSE;
  return TRUE;
}

static char *
fresh_id (TfBlueprint *bp,
          GPtrArray   *items,
          char         prefix)
{
  for (;;)
    {
      char *id = g_strdup_printf ("%c%u", prefix, bp->next++);

      if (id_is_new (items, id))
        return id;
      g_free (id);
    }
}

/* Whether @id is usable and not in @taken; if so, it is taken now (@taken
 * borrows it: the caller keeps it alive as long as @taken). A set, so that
 * a payload of many repeated ids reads in linear time. */
static gboolean
take_id (GHashTable *taken,
         const char *id)
{
  if (id == NULL || id[0] == '\0' || g_hash_table_contains (taken, id))
    return FALSE;
  g_hash_table_add (taken, (gpointer) id);
  return TRUE;
}

/* Reads at most TF_BP_MAX_STAGES stages, TF_BP_MAX_STEPS steps and
 * TF_BP_MAX_LANES lanes: what lies beyond is ignored. */
static void
read_grid (TfBlueprint *bp,
           const char  *payload)
{
  g_autoptr(JsonNode) root = tf_item_parse_json (payload);
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(GHashTable) stages = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) steps = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lanes = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (object == NULL)
    {
      add_standard_lanes (bp);
      return;
    }
  bp->next = (guint) CLAMP (tf_content_json_int (object, "next", 1), 1, G_MAXINT);
  bp->compare_board = MAX (0, tf_content_json_int (object, "compare", 0));

  if ((array = member_array (object, "stages")) != NULL)
    for (guint i = 0; i < json_array_get_length (array) && bp->stages->len < TF_BP_MAX_STAGES; i++)
      {
        JsonObject *o = element_object (array, i);
        const char *id = o != NULL ? tf_content_json_string (o, "id", NULL) : NULL;
        TfBpStage *stage;

        if (!take_id (stages, id))
          continue;
        stage = g_new0 (TfBpStage, 1);
        stage->id = g_strdup (id);
        stage->title = g_strdup (tf_content_json_string (o, "title", ""));
        g_ptr_array_add (bp->stages, stage);
      }

  if ((array = member_array (object, "steps")) != NULL)
    for (guint i = 0; i < json_array_get_length (array) && bp->steps->len < TF_BP_MAX_STEPS; i++)
      {
        JsonObject *o = element_object (array, i);
        const char *id = o != NULL ? tf_content_json_string (o, "id", NULL) : NULL;
        const char *stage_id;
        TfBpStep *step;

        if (!take_id (steps, id))
          continue;
        step = g_new0 (TfBpStep, 1);
        step->id = g_strdup (id);
        step->title = g_strdup (tf_content_json_string (o, "title", ""));
        stage_id = tf_content_json_string (o, "stage", "");
        /* A step names only a stage of the grid. */
        step->stage_id = g_strdup (stage_id != NULL && g_hash_table_contains (stages, stage_id) ? stage_id : "");
        step->duration = g_strdup (tf_content_json_string (o, "duration", ""));
        g_ptr_array_add (bp->steps, step);
      }

  if ((array = member_array (object, "lanes")) != NULL)
    for (guint i = 0; i < json_array_get_length (array) && bp->lanes->len < TF_BP_MAX_LANES; i++)
      {
        JsonObject *o = element_object (array, i);
        const char *id = o != NULL ? tf_content_json_string (o, "id", NULL) : NULL;
        TfBpLane *lane;

        if (!take_id (lanes, id))
          continue;
        lane = g_new0 (TfBpLane, 1);
        lane->id = g_strdup (id);
        lane->role = tf_bp_lane_role_from_string (tf_content_json_string (o, "role", NULL));
        lane->title = g_strdup (tf_content_json_string (o, "title", ""));
        lane->hidden = tf_content_json_boolean (o, "hidden", FALSE);
        g_ptr_array_add (bp->lanes, lane);
      }
  /* A grid always has somewhere to put a card. */
  if (bp->lanes->len == 0)
    add_standard_lanes (bp);
}

static GArray *
read_ids (JsonArray *array)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        continue;
      id = json_node_get_int (node);
      if (id > 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

static TfBpCard *
read_card (const TfItem *item)
{
  g_autoptr(JsonNode) root = tf_item_parse_json (item->payload);

  return tf_bp_card_from_item (item, root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL);
}

TfBpCard *
tf_bp_card_from_item (const TfItem *item,
                      JsonObject   *object)
{
  TfBpCard *card = g_new0 (TfBpCard, 1);
  JsonObject *o;

  card->item_id = item->id;
  card->text = g_strdup (item->text != NULL ? item->text : "");
  card->bounds = item->bounds;
  card->step_id = g_strdup (object != NULL ? tf_content_json_string (object, "step", "") : "");
  card->lane_id = g_strdup (object != NULL ? tf_content_json_string (object, "lane", "") : "");
  card->order = object != NULL ? (int) CLAMP (tf_content_json_int (object, "order", 0), 0, G_MAXINT) : 0;
  card->actor = g_strdup (object != NULL ? tf_content_json_string (object, "actor", "") : "");
  card->department = g_strdup (object != NULL ? tf_content_json_string (object, "department", "") : "");
  card->origin = object != NULL ? MAX (0, tf_content_json_int (object, "origin", 0)) : 0;

  if ((o = member_object (object, "evidence")) != NULL)
    {
      card->has_evidence = TRUE;
      card->evidence_asset = MAX (0, tf_content_json_int (o, "asset", 0));
      card->evidence_label = g_strdup (tf_content_json_string (o, "label", ""));
    }
  else
    card->evidence_label = g_strdup ("");

  if ((o = member_object (object, "fail")) != NULL)
    {
      card->marks |= TF_BP_MARK_FAIL;
      card->fail_owner = g_strdup (tf_content_json_string (o, "owner", ""));
      card->fail_mitigation = g_strdup (tf_content_json_string (o, "mitigation", ""));
    }
  else
    {
      card->fail_owner = g_strdup ("");
      card->fail_mitigation = g_strdup ("");
    }
  if ((o = member_object (object, "wait")) != NULL)
    {
      card->marks |= TF_BP_MARK_WAIT;
      card->wait_duration = g_strdup (tf_content_json_string (o, "duration", ""));
    }
  else
    card->wait_duration = g_strdup ("");
  if (object != NULL && tf_content_json_boolean (object, "pain", FALSE))
    card->marks |= TF_BP_MARK_PAIN;
  if (object != NULL && tf_content_json_boolean (object, "opportunity", FALSE))
    card->marks |= TF_BP_MARK_OPPORTUNITY;

  card->cites = read_ids (member_array (object, "cites"));
  card->silenced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if ((o = member_object (object, "silenced")) != NULL)
    {
      g_autoptr(GList) names = json_object_get_members (o);

      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *reason = tf_content_json_string (o, l->data, NULL);

          if (reason != NULL)
            g_hash_table_insert (card->silenced, g_strdup (l->data), g_strdup (reason));
        }
    }
  return card;
}

static TfBpArrow *
read_arrow (const TfItem *item)
{
  g_autoptr(JsonNode) root = tf_item_parse_json (item->payload);
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  TfBpArrow *arrow;

  if (object == NULL)
    return NULL;
  arrow = g_new0 (TfBpArrow, 1);
  arrow->item_id = item->id;
  arrow->from = tf_content_json_int (object, "from", 0);
  arrow->to = tf_content_json_int (object, "to", 0);
  arrow->two_way = tf_content_json_boolean (object, "two_way", FALSE);
  arrow->loop = tf_content_json_boolean (object, "loop", FALSE);
  arrow->label = g_strdup (tf_content_json_string (object, "label", ""));
  return arrow;
}

typedef struct {
  int       step;
  int       lane;
  TfBpCard *card;
} CardKey;

static int
compare_card_keys (gconstpointer a,
                   gconstpointer b)
{
  const CardKey *x = a, *y = b;

  if (x->step != y->step)
    return x->step < y->step ? -1 : 1;
  if (x->lane != y->lane)
    return x->lane < y->lane ? -1 : 1;
  if (x->card->order != y->card->order)
    return x->card->order < y->card->order ? -1 : 1;
  return x->card->item_id < y->card->item_id ? -1 : x->card->item_id > y->card->item_id;
}

/* Id → position + 1 of the stages, steps or lanes (each starts with its
 * char *id). */
static GHashTable *
positions_of (GPtrArray *items)
{
  GHashTable *positions = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = items->len; i-- > 0;)
    g_hash_table_insert (positions, *(char **) g_ptr_array_index (items, i), GUINT_TO_POINTER (i + 1));
  return positions;
}

static int
position_in (GHashTable *positions,
             const char *id)
{
  return id != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (positions, id)) - 1 : -1;
}

/* Cards by step, lane, order and id; each card's keys found once (a
 * blueprint of 30 steps and 600 cards sorts in a fraction of a
 * millisecond). */
static void
sort_cards (TfBlueprint *bp)
{
  g_autoptr(GHashTable) steps = positions_of (bp->steps);
  g_autoptr(GHashTable) lanes = positions_of (bp->lanes);
  g_autofree CardKey *keys = g_new (CardKey, MAX (1u, bp->cards->len));

  for (guint i = 0; i < bp->cards->len; i++)
    {
      TfBpCard *card = g_ptr_array_index (bp->cards, i);

      keys[i] = (CardKey) { position_in (steps, card->step_id), position_in (lanes, card->lane_id), card };
    }
  qsort (keys, bp->cards->len, sizeof (CardKey), compare_card_keys);
  for (guint i = 0; i < bp->cards->len; i++)
    bp->cards->pdata[i] = keys[i].card;
}

TfBlueprint *
tf_blueprint_from_scene (TfScene *scene)
{
  TfBlueprint *bp = blueprint_alloc ();
  GPtrArray *items = tf_scene_get_items (scene);
  gboolean has_grid = FALSE;

  bp->board_id = tf_scene_get_board_id (scene);

  /* The grid first (the lowest id when a merge left two), then the rest. */
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->kind_id, TF_BP_GRID_KIND) == 0
          && (!has_grid || item->id < bp->grid_item_id))
        {
          if (has_grid)
            {
              /* A second grid: keep the first one's. */
              TfBlueprint *fresh = blueprint_alloc ();

              fresh->board_id = bp->board_id;
              tf_blueprint_free (bp);
              bp = fresh;
            }
          bp->grid_item_id = item->id;
          read_grid (bp, item->payload);
          has_grid = TRUE;
        }
    }
  if (!has_grid)
    add_standard_lanes (bp);

  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (item->kind_id, TF_BP_CARD_KIND) == 0)
        {
          /* The card kind parsed the payload already: a copy is cheaper
           * than a second parse (a blueprint of 600 cards settles on every
           * edit). */
          const TfBpCard *parsed = tf_bp_card_item_get_card (item);
          TfBpCard *card = parsed != NULL ? tf_bp_card_copy (parsed) : read_card (item);

          card->item_id = item->id;
          card->bounds = item->bounds;
          if (g_strcmp0 (card->text, item->text) != 0)
            {
              g_free (card->text);
              card->text = g_strdup (item->text != NULL ? item->text : "");
            }

          /* A card outside the grid goes to the first cell. */
          if (tf_blueprint_step_index (bp, card->step_id) < 0)
            {
              g_free (card->step_id);
              card->step_id = g_strdup (bp->steps->len > 0
                                        ? ((TfBpStep *) g_ptr_array_index (bp->steps, 0))->id : "");
            }
          if (tf_blueprint_lane_index (bp, card->lane_id) < 0)
            {
              g_free (card->lane_id);
              card->lane_id = g_strdup (bp->lanes->len > 0
                                        ? ((TfBpLane *) g_ptr_array_index (bp->lanes, 0))->id : "");
            }
          g_ptr_array_add (bp->cards, card);
        }
      else if (g_strcmp0 (item->kind_id, TF_BP_ARROW_KIND) == 0)
        {
          TfBpArrow *arrow = read_arrow (item);

          if (arrow != NULL)
            g_ptr_array_add (bp->arrows, arrow);
        }
    }
  sort_cards (bp);
  return bp;
}

/* --- Lookups --- */

int
tf_blueprint_step_index (const TfBlueprint *bp,
                         const char        *step_id)
{
  for (guint i = 0; step_id != NULL && i < bp->steps->len; i++)
    if (g_str_equal (((TfBpStep *) g_ptr_array_index (bp->steps, i))->id, step_id))
      return (int) i;
  return -1;
}

int
tf_blueprint_lane_index (const TfBlueprint *bp,
                         const char        *lane_id)
{
  for (guint i = 0; lane_id != NULL && i < bp->lanes->len; i++)
    if (g_str_equal (((TfBpLane *) g_ptr_array_index (bp->lanes, i))->id, lane_id))
      return (int) i;
  return -1;
}

TfBpLane *
tf_blueprint_lane_of_role (const TfBlueprint *bp,
                           TfBpLaneRole       role)
{
  for (guint i = 0; i < bp->lanes->len; i++)
    {
      TfBpLane *lane = g_ptr_array_index (bp->lanes, i);

      if (lane->role == role)
        return lane;
    }
  return NULL;
}

TfBpCard *
tf_blueprint_card (const TfBlueprint *bp,
                   gint64             item_id)
{
  for (guint i = 0; i < bp->cards->len; i++)
    {
      TfBpCard *card = g_ptr_array_index (bp->cards, i);

      if (card->item_id == item_id)
        return card;
    }
  return NULL;
}

GPtrArray *
tf_blueprint_cell_cards (const TfBlueprint *bp,
                         const char        *step_id,
                         const char        *lane_id)
{
  GPtrArray *cards = g_ptr_array_new ();

  /* bp->cards is sorted by step, lane and order. */
  for (guint i = 0; i < bp->cards->len; i++)
    {
      TfBpCard *card = g_ptr_array_index (bp->cards, i);

      if (g_strcmp0 (card->step_id, step_id) == 0 && g_strcmp0 (card->lane_id, lane_id) == 0)
        g_ptr_array_add (cards, card);
    }
  return cards;
}

char *
tf_blueprint_new_id (TfBlueprint *bp,
                     char         prefix)
{
  GPtrArray *items = prefix == 'g' ? bp->stages : prefix == 'l' ? bp->lanes : bp->steps;

  return fresh_id (bp, items, prefix);
}

/* --- Writing --- */

char *
tf_blueprint_grid_to_json (const TfBlueprint *bp)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < bp->stages->len; i++)
    {
      TfBpStage *stage = g_ptr_array_index (bp->stages, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, stage->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, stage->title != NULL ? stage->title : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < bp->steps->len; i++)
    {
      TfBpStep *step = g_ptr_array_index (bp->steps, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, step->id);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, step->title != NULL ? step->title : "");
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, step->stage_id != NULL ? step->stage_id : "");
      json_builder_set_member_name (builder, "duration");
      json_builder_add_string_value (builder, step->duration != NULL ? step->duration : "");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "lanes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < bp->lanes->len; i++)
    {
      TfBpLane *lane = g_ptr_array_index (bp->lanes, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, lane->id);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, tf_bp_lane_role_to_string (lane->role));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, lane->title != NULL ? lane->title : "");
      json_builder_set_member_name (builder, "hidden");
      json_builder_add_boolean_value (builder, lane->hidden);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "next");
  json_builder_add_int_value (builder, bp->next);
  json_builder_set_member_name (builder, "compare");
  json_builder_add_int_value (builder, bp->compare_board);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
set_string (JsonObject *object,
            const char *name,
            const char *value)
{
  json_object_set_string_member (object, name, value != NULL ? value : "");
}

char *
tf_blueprint_card_to_json (const TfBpCard *card,
                           const char     *old_payload)
{
  g_autoptr(JsonNode) root = old_payload != NULL ? tf_item_parse_json (old_payload) : NULL;
  JsonObject *object;
  JsonObject *o;
  JsonArray *cites;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      root = json_node_init_object (json_node_alloc (), json_object_new ());
    }
  object = json_node_get_object (root);

  set_string (object, "step", card->step_id);
  set_string (object, "lane", card->lane_id);
  json_object_set_int_member (object, "order", MAX (0, card->order));
  set_string (object, "actor", card->actor);
  set_string (object, "department", card->department);

  if (card->has_evidence)
    {
      o = json_object_new ();
      json_object_set_int_member (o, "asset", card->evidence_asset);
      set_string (o, "label", card->evidence_label);
      json_object_set_object_member (object, "evidence", o);
    }
  else
    json_object_remove_member (object, "evidence");

  if (card->marks & TF_BP_MARK_FAIL)
    {
      o = json_object_new ();
      set_string (o, "owner", card->fail_owner);
      set_string (o, "mitigation", card->fail_mitigation);
      json_object_set_object_member (object, "fail", o);
    }
  else
    json_object_remove_member (object, "fail");

  if (card->marks & TF_BP_MARK_WAIT)
    {
      o = json_object_new ();
      set_string (o, "duration", card->wait_duration);
      json_object_set_object_member (object, "wait", o);
    }
  else
    json_object_remove_member (object, "wait");

  if (card->marks & TF_BP_MARK_PAIN)
    json_object_set_boolean_member (object, "pain", TRUE);
  else
    json_object_remove_member (object, "pain");
  if (card->marks & TF_BP_MARK_OPPORTUNITY)
    json_object_set_boolean_member (object, "opportunity", TRUE);
  else
    json_object_remove_member (object, "opportunity");

  cites = json_array_new ();
  for (guint i = 0; card->cites != NULL && i < card->cites->len; i++)
    json_array_add_int_element (cites, g_array_index (card->cites, gint64, i));
  json_object_set_array_member (object, "cites", cites);

  if (card->silenced != NULL && g_hash_table_size (card->silenced) > 0)
    {
      GHashTableIter iter;
      gpointer key, value;

      o = json_object_new ();
      g_hash_table_iter_init (&iter, card->silenced);
      while (g_hash_table_iter_next (&iter, &key, &value))
        set_string (o, key, value);
      json_object_set_object_member (object, "silenced", o);
    }
  else
    json_object_remove_member (object, "silenced");

  if (card->origin > 0)
    json_object_set_int_member (object, "origin", card->origin);
  else
    json_object_remove_member (object, "origin");

  return json_to_string (root, FALSE);
}

TfBpCard *
tf_bp_card_copy (const TfBpCard *card)
{
  TfBpCard *copy = g_new0 (TfBpCard, 1);
  GHashTableIter iter;
  gpointer key, value;

  *copy = *card;
  copy->step_id = g_strdup (card->step_id);
  copy->lane_id = g_strdup (card->lane_id);
  copy->text = g_strdup (card->text);
  copy->actor = g_strdup (card->actor);
  copy->department = g_strdup (card->department);
  copy->evidence_label = g_strdup (card->evidence_label);
  copy->fail_owner = g_strdup (card->fail_owner);
  copy->fail_mitigation = g_strdup (card->fail_mitigation);
  copy->wait_duration = g_strdup (card->wait_duration);
  copy->cites = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (card->cites != NULL)
    g_array_append_vals (copy->cites, card->cites->data, card->cites->len);
  copy->silenced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (card->silenced != NULL)
    {
      g_hash_table_iter_init (&iter, card->silenced);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (copy->silenced, g_strdup (key), g_strdup (value));
    }
  return copy;
}

TfBpCard *
tf_bp_card_new (const char *step_id,
                const char *lane_id,
                const char *text)
{
  TfBpCard *card = g_new0 (TfBpCard, 1);

  card->step_id = g_strdup (step_id != NULL ? step_id : "");
  card->lane_id = g_strdup (lane_id != NULL ? lane_id : "");
  card->text = g_strdup (text != NULL ? text : "");
  card->actor = g_strdup ("");
  card->department = g_strdup ("");
  card->evidence_label = g_strdup ("");
  card->fail_owner = g_strdup ("");
  card->fail_mitigation = g_strdup ("");
  card->wait_duration = g_strdup ("");
  card->cites = g_array_new (FALSE, FALSE, sizeof (gint64));
  card->silenced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return card;
}

void
tf_bp_card_free (TfBpCard *card)
{
  if (card != NULL)
    card_free (card);
}

TfBpStep *
tf_blueprint_add_step (TfBlueprint *bp,
                       int          index,
                       const char  *title,
                       const char  *stage_id)
{
  TfBpStep *step = g_new0 (TfBpStep, 1);

  step->id = fresh_id (bp, bp->steps, 's');
  step->title = g_strdup (title != NULL ? title : "");
  step->stage_id = g_strdup (stage_id != NULL ? stage_id : "");
  step->duration = g_strdup ("");
  if (index < 0 || (guint) index > bp->steps->len)
    index = (int) bp->steps->len;
  g_ptr_array_insert (bp->steps, index, step);
  return step;
}

TfBpLane *
tf_blueprint_add_lane (TfBlueprint  *bp,
                       int           index,
                       TfBpLaneRole  role,
                       const char   *title)
{
  TfBpLane *lane = g_new0 (TfBpLane, 1);

  lane->id = fresh_id (bp, bp->lanes, 'l');
  lane->role = (guint) role < TF_BP_N_LANE_ROLES ? role : TF_BP_LANE_CUSTOM;
  lane->title = g_strdup (title != NULL ? title : "");
  if (index < 0 || (guint) index > bp->lanes->len)
    index = (int) bp->lanes->len;
  g_ptr_array_insert (bp->lanes, index, lane);
  return lane;
}

TfBpStage *
tf_blueprint_add_stage (TfBlueprint *bp,
                        const char  *title)
{
  TfBpStage *stage = g_new0 (TfBpStage, 1);

  stage->id = fresh_id (bp, bp->stages, 'g');
  stage->title = g_strdup (title != NULL ? title : "");
  g_ptr_array_add (bp->stages, stage);
  return stage;
}

TfBpCard *
tf_blueprint_add_card (TfBlueprint *bp,
                       gint64       item_id,
                       const char  *step_id,
                       const char  *lane_id,
                       const char  *text)
{
  TfBpCard *card = tf_bp_card_new (step_id, lane_id, text);
  g_autoptr(GPtrArray) cell = tf_blueprint_cell_cards (bp, step_id, lane_id);

  card->item_id = item_id;
  card->order = cell->len > 0 ? ((TfBpCard *) g_ptr_array_index (cell, cell->len - 1))->order + 1 : 0;
  g_ptr_array_add (bp->cards, card);
  sort_cards (bp);
  return card;
}

TfBpArrow *
tf_blueprint_add_arrow (TfBlueprint *bp,
                        gint64       item_id,
                        gint64       from,
                        gint64       to)
{
  TfBpArrow *arrow = g_new0 (TfBpArrow, 1);

  arrow->item_id = item_id;
  arrow->from = from;
  arrow->to = to;
  arrow->label = g_strdup ("");
  g_ptr_array_add (bp->arrows, arrow);
  return arrow;
}

void
tf_blueprint_sort_cards (TfBlueprint *bp)
{
  sort_cards (bp);
}
