/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-insight-wall"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "core/tf-content.h"
#include "core/tf-demo.h"
#include "exports/tf-export.h"
#include "exports/tf-export-report.h"
#include "tf-insight.h"
#include "tf-insight-wall.h"
#include "tf-note-kind.h"

/* Listing */

char *
tf_insight_wall_get_cluster (TfScene      *scene,
                             const TfItem *item)
{
  g_autoptr(JsonNode) payload = NULL;
  const char *name = NULL;

  /* A note's parent is the zone it sits in. */
  if (item->parent_id != 0)
    {
      const TfItem *zone = tf_scene_lookup (scene, item->parent_id);

      if (zone != NULL && zone->text[0] != '\0')
        return g_strdup (zone->text);
    }
  payload = tf_item_parse_json (item->payload);
  if (payload != NULL && JSON_NODE_HOLDS_OBJECT (payload))
    name = tf_content_json_string (json_node_get_object (payload), "cluster", NULL);
  return name != NULL && name[0] != '\0' ? g_strdup (name) : NULL;
}

typedef struct {
  const TfItem *item;
  int           group;   /* order of the cluster's first insight; unclustered last */
  guint         rank;    /* reading order */
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->group != y->group)
    return x->group - y->group;
  return x->rank < y->rank ? -1 : x->rank > y->rank;
}

GPtrArray *
tf_insight_wall_list_insights (TfScene *scene)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new ();
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GPtrArray *items = tf_scene_get_items (scene);
  GPtrArray *result;

  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);

      if (!item->hidden && item->kind_id != NULL && g_str_equal (item->kind_id, "note"))
        g_ptr_array_add (notes, (gpointer) item);
    }
  g_ptr_array_sort (notes, tf_item_compare_top_left);

  for (guint i = 0; i < notes->len; i++)
    {
      const TfItem *item = g_ptr_array_index (notes, i);
      g_autofree char *cluster = tf_insight_wall_get_cluster (scene, item);
      Ranked r = { item, G_MAXINT, i };

      if (cluster != NULL)
        {
          gpointer group;

          if (!g_hash_table_lookup_extended (groups, cluster, NULL, &group))
            {
              group = GINT_TO_POINTER (g_hash_table_size (groups));
              g_hash_table_insert (groups, g_steal_pointer (&cluster), group);
            }
          r.group = GPOINTER_TO_INT (group);
        }
      g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, compare_ranked);

  result = g_ptr_array_sized_new (ranked->len);
  for (guint i = 0; i < ranked->len; i++)
    g_ptr_array_add (result, (gpointer) g_array_index (ranked, Ranked, i).item);
  return result;
}

/* The room: each cluster is a view of a session, and its cards are
 * revealed one by one. */

static void
list_session_steps (TfScene *scene,
                    GArray  *steps)
{
  g_autoptr(GPtrArray) insights = tf_insight_wall_list_insights (scene);
  g_autofree char *current = NULL;
  TfSessionStep *step = NULL;

  for (guint i = 0; i < insights->len; i++)
    {
      const TfItem *item = g_ptr_array_index (insights, i);
      g_autofree char *cluster = tf_insight_wall_get_cluster (scene, item);
      const TfItem *zone = item->parent_id != 0 ? tf_scene_lookup (scene, item->parent_id) : NULL;
      double x1, y1;

      /* The insights come cluster by cluster; the unclustered ones last. */
      if (cluster == NULL)
        break;
      if (current == NULL || !g_str_equal (current, cluster))
        {
          TfSessionStep added = { 0 };

          g_free (current);
          current = g_strdup (cluster);
          added.kind = TF_SESSION_STEP_AREA;
          added.title = g_strdup (cluster);
          added.notes = g_strdup ("");
          if (zone != NULL)
            {
              added.item_id = zone->id;
              added.x = zone->bounds.x;
              added.y = zone->bounds.y;
              added.width = zone->bounds.width;
              added.height = zone->bounds.height;
            }
          else
            {
              added.x = item->bounds.x;
              added.y = item->bounds.y;
            }
          g_array_append_val (steps, added);
          step = &g_array_index (steps, TfSessionStep, steps->len - 1);
        }
      if (step->item_id != 0)
        continue;
      x1 = MAX (step->x + step->width, item->bounds.x + item->bounds.width);
      y1 = MAX (step->y + step->height, item->bounds.y + item->bounds.height);
      step->x = MIN (step->x, item->bounds.x);
      step->y = MIN (step->y, item->bounds.y);
      step->width = x1 - step->x;
      step->height = y1 - step->y;
    }
}

static guint
note_votes (const TfItem *item)
{
  const TfNoteData *data = item->kind == &tf_note_kind ? item->data : NULL;

  return data != NULL ? data->votes : 0;
}

static int
compare_votes (gconstpointer a,
               gconstpointer b)
{
  guint x = note_votes (*(TfItem * const *) a);
  guint y = note_votes (*(TfItem * const *) b);

  return x > y ? -1 : x < y;
}

static GPtrArray *
list_reveal_cards (TfScene             *scene,
                   const TfSessionStep *step)
{
  g_autoptr(GPtrArray) insights = tf_insight_wall_list_insights (scene);
  GPtrArray *cards = g_ptr_array_new ();

  for (guint i = 0; i < insights->len; i++)
    {
      const TfItem *item = g_ptr_array_index (insights, i);
      g_autofree char *cluster = NULL;

      if (step->reveal == TF_SESSION_REVEAL_VOTES)
        {
          g_ptr_array_add (cards, (gpointer) item);
          continue;
        }
      cluster = tf_insight_wall_get_cluster (scene, item);
      if ((step->item_id != 0 && item->parent_id == step->item_id) ||
          (step->item_id == 0 && cluster != NULL && step->title != NULL &&
           g_str_equal (cluster, step->title)))
        g_ptr_array_add (cards, (gpointer) item);
    }
  /* A stable sort: equal votes keep the reading order. */
  if (step->reveal == TF_SESSION_REVEAL_VOTES)
    g_ptr_array_sort (cards, compare_votes);
  return cards;
}

/* The demo */

typedef struct {
  const char *quote;
  const char *source;
  const char *theme;
} DemoInsight;

/* Every interviewee sentence of the booklet, anonymous, with the kind of
 * person who said it. */
static const DemoInsight demo_insights[] = {
  { "En passant des services au rôle de collaborateur d'élu, on perd les moments d'échanges en équipe.",
    "collaborateur", "Co-laboratoire" },
  { "La dernière fois qu'on a voulu se réunir entre collaborateurs, on a dû inventer un prétexte administratif.",
    "collaborateur", "Co-laboratoire" },
  { "Les informations existent, seulement les élus ne savent pas forcément où les trouver.",
    "service", "Kit du mandat" },
  { "À leur arrivée, certains nouveaux élus ne savent pas ce qu'est une délib’.",
    "collaborateur", "Kit du mandat" },
  { "Les mails, je les lis et je fais suivre à l'élu. Si c'est urgent je téléphone.",
    "collaborateur", "Suite-projet" },
  { "Lorsqu'un élu a besoin d'une information sur un projet, ce n'est pas forcément celle qui intéresse le chargé de mission.",
    "service", "Suite-projet" },
  { "Raccroche si tu es en réunion, que je te laisse un message sur ton répondeur.",
    "collaborateur", "Suite-projet" },
  { "On aurait besoin de monter nous-mêmes des résidences sur certains sujets.",
    "service", "Transfo" },
  { "Les projets complexes, impliquant différents services, on a du mal à savoir comment les mener.",
    "service", "Transfo" },
};

/* Post-its of 200 × 200 units, three to a row, with room to breathe. */
#define NOTE_SIZE 200.0
#define NOTE_GAP  40.0
#define NOTES_PER_ROW 3

static gboolean
insert_demo (TfStore  *store,
             gint64    experiment_id,
             int       position,
             GError  **error)
{
  gint64 board_id = tf_demo_insert_board (store, experiment_id, TF_INSIGHT_WALL_TYPE_ID,
                                          "Insights de la résidence", position, error);

  if (board_id == 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (demo_insights); i++)
    {
      const DemoInsight *insight = &demo_insights[i];
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *style = NULL;
      g_autofree char *payload = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, "yellow");
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      style = json_to_string (root, FALSE);
      g_clear_pointer (&root, json_node_unref);

      json_builder_reset (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, insight->source);
      json_builder_set_member_name (builder, "cluster");
      json_builder_add_string_value (builder, insight->theme);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      payload = json_to_string (root, FALSE);

      if (tf_demo_insert_item (store, board_id, "note",
                               (i % NOTES_PER_ROW) * (NOTE_SIZE + NOTE_GAP),
                               (i / NOTES_PER_ROW) * (NOTE_SIZE + NOTE_GAP),
                               NOTE_SIZE, NOTE_SIZE, (int) i, insight->quote, style, payload, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/* The report: after the boards' pages, the insights of each wall by
 * cluster, titled with the wall's name when there are several. */
static gboolean
report_section (TfReportFlow  *flow,
                guint          board_index,
                GError       **error)
{
  TfExportSource *source = tf_report_flow_get_source (flow);
  TfScene *scene = tf_export_source_get_scene (source, board_index);
  g_autoptr(GPtrArray) insights = tf_insight_wall_list_insights (scene);
  g_autoptr(GPtrArray) clusters = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  guint walls = 0;

  if (insights->len == 0)
    return TRUE;
  for (guint i = 0; i < tf_export_source_get_n_boards (source); i++)
    if (g_strcmp0 (tf_board_get_kind_id (tf_export_source_get_board (source, i)), TF_INSIGHT_WALL_TYPE_ID) == 0 &&
        tf_scene_get_n_items (tf_export_source_get_scene (source, i)) > 0)
      walls++;
  if (walls > 1)
    /* TRANSLATORS: a section of the report when there are several insight walls */
    title = g_strdup_printf (_("Insights by cluster: %s"),
                             tf_board_get_name (tf_export_source_get_board (source, board_index)));
  else
    title = g_strdup (_("Insights by cluster"));
  for (guint i = 0; i < insights->len; i++)
    g_ptr_array_add (clusters, tf_insight_wall_get_cluster (scene, g_ptr_array_index (insights, i)));
  return tf_report_flow_quotes (flow, title, insights, clusters, error);
}

/* Every visible quote, cluster by cluster in reading order. */
static char *
describe (TfScene *scene)
{
  g_autoptr(GPtrArray) insights = tf_insight_wall_list_insights (scene);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *current = NULL;
  gboolean first = TRUE;

  for (guint i = 0; i < insights->len; i++)
    {
      const TfItem *item = g_ptr_array_index (insights, i);
      g_autofree char *cluster = tf_insight_wall_get_cluster (scene, item);

      if (first || g_strcmp0 (cluster, current) != 0)
        {
          if (!first)
            g_string_append (text, ". ");
          if (cluster != NULL)
            /* TRANSLATORS: what a printed wall says to a screen reader before a cluster's quotes */
            g_string_append_printf (text, _("Cluster “%s”: "), cluster);
          else
            /* TRANSLATORS: before the quotes that are in no cluster, read by a screen reader */
            g_string_append (text, _("Not in a cluster: "));
          g_free (current);
          current = g_steal_pointer (&cluster);
        }
      else
        g_string_append (text, " ");
      /* TRANSLATORS: one quote of a printed wall, read by a screen reader */
      g_string_append_printf (text, _("“%s”"), item->text);
      first = FALSE;
    }
  if (!first)
    g_string_append_c (text, '.');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A quote from a phone in the room: a medium note, its speaker's category
 * in its payload, its consent to check (nobody has reviewed its wording). */
static void
new_quote (const char  *source,
           const char **kind,
           double      *side,
           char       **payload)
{
  g_auto(TfInsightFields) fields;

  tf_insight_fields_init (&fields);
  if (source != NULL && source[0] != '\0')
    tf_source_from_string (source, &fields.source);
  *kind = tf_note_kind.id;
  *side = tf_note_size_get_side (TF_NOTE_MEDIUM);
  *payload = tf_insight_fields_to_json (&fields);
}

static const char * const quote_sources[] = {
  "elected", "staff", "cabinet", "department", "agent", "citizen", "partner", "resident", "other", NULL
};

static const char * const item_kinds[] = { "note", "zone", "label", NULL };

const TfBoardType tf_insight_wall_type = {
  .id = TF_INSIGHT_WALL_TYPE_ID,
  .alias = "mur",
  .label = N_("Insight wall"),
  .icon_name = "tf-insight-wall-symbolic",
  .empty_hint = N_("Start typing to write the first insight — Enter adds the next one."),
  .creatable = TRUE,
  .item_kinds = item_kinds,
  .export_kinds = 1 << TF_EXPORT_BOARD | 1 << TF_EXPORT_POSTER | 1 << TF_EXPORT_CARDS |
                  1 << TF_EXPORT_PNG | 1 << TF_EXPORT_SVG,
  .report_section = report_section,
  .list_quotes = tf_insight_wall_list_insights,
  .describe = describe,
  .insert_demo = insert_demo,
  .list_session_steps = list_session_steps,
  .list_reveal_cards = list_reveal_cards,
  .new_quote = new_quote,
  .quote_sources = quote_sources,
};
