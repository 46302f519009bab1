/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-actor-map"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "core/tf-demo.h"
#include "core/tf-item-relations.h"
#include "exports/tf-export.h"
#include "tf-actor-map.h"

/* The printed board gets the legend of its pictograms in the margin,
 * unless the map carries a legend item of its own. */
static gboolean
export_legend (TfScene *scene)
{
  GPtrArray *items = tf_scene_get_items (scene);

  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);

      if (!item->hidden && item->kind_id != NULL && g_str_equal (item->kind_id, "legend"))
        return FALSE;
    }
  return TRUE;
}

/* The actor map of the booklet's "cartographie des réseaux de
 * collaborateurs": the three pools formed around the elected officials of
 * the residency (each with their collaborator and executive assistant, and
 * for their local mandates a driver and a town-hall secretary), the
 * president's cabinet, and the departments they deal with. Roles only, no
 * names. Stamps are 130 × 190 units, as canvas/tf-actor-items.h makes them. */

#define STAMP_W 130.0
#define STAMP_H 190.0

typedef struct {
  const char *key;
  const char *stamp;
  double      x;
  double      y;
  const char *label;
  const char *role;
} DemoActor;

/* Each pool: the local-mandate staff on top, the collaborator and the
 * assistant on either side, the elected official at the bottom, facing the
 * cabinet and the departments below, so that no link crosses a pool's name. */
static const DemoActor demo_actors[] = {
  /* Pool of the vice-president for regional staff. */
  { "a-sec", "secretaire", 190, -80, "Secrétaire de direction", "Mairie — mandat d'adjointe au maire" },
  { "a-ass", "assistant", 0, 220, "Assistante de direction", "Pôle de l'élue" },
  { "a-col", "collaborateur", 380, 220, "Collaboratrice", "Collaboratrice d'élue" },
  { "a-elu", "elu", 190, 400, "Élue", "Vice-présidente au personnel régional" },
  /* Pool of the regional planning delegate, also a mayor. */
  { "b-sec", "secretaire", 760, -80, "Secrétaire de direction", "Mairie — mandat de maire" },
  { "b-chf", "chauffeur", 1020, -80, "Chauffeur", "Déplacements sur le territoire" },
  { "b-ass", "assistant", 700, 220, "Assistante de direction", "Pôle de l'élu" },
  { "b-col", "collaborateur", 1080, 220, "Collaborateur", "Collaborateur d'élu" },
  { "b-elu", "elu", 890, 400, "Élu", "Délégué au SRADT, président de groupe" },
  /* Pool of the vice-president for planning and Europe, also a mayor. */
  { "c-sec", "secretaire", 1460, -80, "Secrétaire de direction", "Mairie — mandat de maire" },
  { "c-chf", "chauffeur", 1720, -80, "Chauffeur", "Déplacements sur le territoire" },
  { "c-ass", "assistant", 1400, 220, "Assistant de direction", "Pôle de l'élu" },
  { "c-col", "collaborateur", 1780, 220, "Collaboratrice", "Collaboratrice d'élu" },
  { "c-elu", "elu", 1590, 400, "Élu", "Vice-président à l'aménagement et à l'Europe" },
  /* The president's cabinet. */
  { "cab", "cabinet", 1000, 760, "Cabinet du Président", "Directeur et chef de cabinet" },
  { "cab-cm", "charge_mission", 1330, 840, "Chargé de mission", "Auprès du cabinet du Président" },
  /* The departments they deal with. */
  { "d-rh", "direction", 190, 1150, "Direction des ressources humaines", "Personnel régional" },
  { "d-ass", "direction", 700, 1150, "Direction des assemblées", "Délibérations, commissions, séances" },
  { "d-amt", "direction", 1590, 1150, "Direction de l'aménagement", "CPER, fonds européens" },
  { "commune", "commune", 1990, 1150, "Communes", "Villes du territoire" },
};

typedef struct {
  const char *from;
  const char *to;
  const char *relation;
  const char *direction;
  const char *label;
} DemoLink;

static const DemoLink demo_links[] = {
  { "a-col", "a-elu", "trust", "both", "" },
  { "a-ass", "a-elu", "information", "forward", "Agenda" },
  { "a-col", "a-ass", "information", "both", "" },
  { "a-ass", "a-sec", "information", "both", "Agenda de la mairie" },
  { "b-col", "b-elu", "trust", "both", "" },
  { "b-ass", "b-elu", "information", "forward", "Agenda" },
  { "b-col", "b-ass", "information", "both", "" },
  { "b-ass", "b-sec", "information", "both", "" },
  { "b-chf", "b-elu", "service", "forward", "" },
  { "c-col", "c-elu", "trust", "both", "" },
  { "c-ass", "c-elu", "information", "forward", "Agenda" },
  { "c-col", "c-ass", "information", "both", "" },
  { "c-ass", "c-sec", "information", "both", "" },
  { "c-chf", "c-elu", "service", "forward", "" },
  { "cab", "a-elu", "information", "forward", "" },
  { "cab", "b-elu", "information", "forward", "Arbitrages" },
  { "cab", "c-elu", "information", "forward", "" },
  { "cab", "cab-cm", "hierarchy", "forward", "" },
  { "a-elu", "d-rh", "hierarchy", "forward", "" },
  { "c-elu", "d-amt", "hierarchy", "forward", "" },
  { "d-ass", "a-col", "documents", "forward", "Délibérations" },
  { "d-ass", "b-col", "documents", "forward", "" },
  { "d-amt", "commune", "money", "forward", "Subventions" },
};

typedef struct {
  const char *name;
  const char *color;
  const char *members[6];
} DemoPool;

static const DemoPool demo_pools[] = {
  { "Pool de la vice-présidente au personnel", "#4a7bd0", { "a-elu", "a-col", "a-ass", "a-sec", NULL } },
  { "Pool du délégué à l'aménagement", "#3fae9e", { "b-elu", "b-col", "b-ass", "b-chf", "b-sec", NULL } },
  { "Pool du vice-président à l'Europe", "#e0893a", { "c-elu", "c-col", "c-ass", "c-chf", "c-sec", NULL } },
};

static gint64
actor_id (GHashTable *ids,
          const char *key)
{
  gint64 *id = g_hash_table_lookup (ids, key);

  g_assert (id != NULL);
  return *id;
}

static gboolean
insert_demo (TfStore  *store,
             gint64    experiment_id,
             int       position,
             GError  **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gint64 board_id;
  int z = 0;

  board_id = tf_demo_insert_board (store, experiment_id, TF_ACTOR_MAP_TYPE_ID, "Réseau des élus",
                                   position, error);
  if (board_id == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_actors); i++)
    {
      const DemoActor *actor = &demo_actors[i];
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *payload = NULL;
      gint64 id;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "stamp");
      json_builder_add_string_value (builder, actor->stamp);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, actor->role);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      payload = json_to_string (root, FALSE);

      id = tf_demo_insert_item (store, board_id, "stamp", actor->x, actor->y, STAMP_W, STAMP_H, ++z,
                        actor->label, "{}", payload, error);
      if (id == 0)
        return FALSE;
      g_hash_table_insert (ids, (gpointer) actor->key, g_memdup2 (&id, sizeof id));
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_links); i++)
    {
      const DemoLink *link = &demo_links[i];
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *payload = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_int_value (builder, actor_id (ids, link->from));
      json_builder_set_member_name (builder, "target");
      json_builder_add_int_value (builder, actor_id (ids, link->to));
      json_builder_set_member_name (builder, "relation");
      json_builder_add_string_value (builder, link->relation);
      json_builder_set_member_name (builder, "direction");
      json_builder_add_string_value (builder, link->direction);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, link->label);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      payload = json_to_string (root, FALSE);

      /* Bounds are set from the two ends below. */
      if (tf_demo_insert_item (store, board_id, "link", 0, 0, 1, 1, ++z, "", "{}", payload, error) == 0)
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_pools); i++)
    {
      const DemoPool *pool = &demo_pools[i];
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *style = NULL;
      g_autofree char *payload = NULL;
      gint64 id;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, pool->color);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      style = json_to_string (root, FALSE);
      g_clear_pointer (&root, json_node_unref);

      json_builder_reset (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "members");
      json_builder_begin_array (builder);
      for (guint m = 0; pool->members[m] != NULL; m++)
        json_builder_add_int_value (builder, actor_id (ids, pool->members[m]));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      payload = json_to_string (root, FALSE);

      id = tf_demo_insert_item (store, board_id, "pool", 0, 0, 1, 1, -(int) (i + 1), pool->name, style, payload, error);
      if (id == 0)
        return FALSE;
    }

  /* The legend, at the top right; it lists what the board uses. */
  if (tf_demo_insert_item (store, board_id, "legend", 2010, -80, 320, 420, ++z, "", "{}", "{}", error) == 0)
    return FALSE;

  return tf_item_relations_refresh (store, board_id, error);
}

static const char * const item_kinds[] = { "stamp", "link", "pool", "legend", "label", NULL };

const TfBoardType tf_actor_map_type = {
  .id = TF_ACTOR_MAP_TYPE_ID,
  .alias = "carte",
  .label = N_("Actor map"),
  .icon_name = "tf-actor-map-symbolic",
  .empty_hint = N_("Drag stamps from the palette onto the board, or click one and then click "
                   "on the board. Drag from the edge of an actor to another to link them."),
  .creatable = TRUE,
  .item_kinds = item_kinds,
  .export_kinds = 1 << TF_EXPORT_BOARD | 1 << TF_EXPORT_POSTER | 1 << TF_EXPORT_PNG | 1 << TF_EXPORT_SVG,
  .insert_demo = insert_demo,
  .export_legend = export_legend,
};
