/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-blueprint-demo"

#include <json-glib/json-glib.h>
#include <string.h>

#include "core/tf-archive.h"
#include "core/tf-board-type.h"
#include "core/tf-demo.h"
#include "tf-blueprint-commands.h"
#include "tf-blueprint-kinds.h"
#include "tf-blueprint-layout.h"
#include "tf-blueprint-outputs.h"
#include "tf-blueprint.h"

/* The demo's blueprint: the booklet's "Kit du mandat régional" as a new
 * élu lives it, from the evening of the election to the first commission.
 * It is user data in the booklet's language, not an interface string, so it
 * is not translated. Its fail, wait and pain points come from what the
 * booklet observed ("les informations existent, seulement les élus ne
 * savent pas forcément où les trouver", the dispersion of the information
 * between the departments, the absence of any initiation), and its cards
 * cite the quotes of the demo's insight wall.
 *
 * Two findings are left on purpose, so that the checks have something to
 * show: the fail point of step 4 has no mitigation yet, and the opportunity
 * of the last step cites no insight. Seven steps: the whole grid prints on
 * A3 with its cards' text at 9 pt or more. */

typedef struct {
  const char *id;
  const char *title;
} DemoStage;

typedef struct {
  const char *id;
  const char *title;
  const char *stage;
  const char *duration;
} DemoStep;

typedef struct {
  const char  *key;          /* for the arrows below */
  guint        step;         /* index in demo_steps */
  TfBpLaneRole lane;
  const char  *text;
  const char  *actor;        /* a stamp key of the library, "" for none */
  const char  *department;
  const char  *evidence;     /* the photo's label, NULL for none */
  guint        marks;
  const char  *fail_owner;
  const char  *fail_mitigation;
  const char  *wait;
  const char  *cites[3];     /* a piece of each quote cited, NULL-terminated */
} DemoCard;

typedef struct {
  const char *from;
  const char *to;
  gboolean    two_way;
  gboolean    loop;
  const char *label;
} DemoArrow;

static const DemoStage demo_stages[] = {
  { "g1", "Avant l’installation" },
  { "g2", "Premières semaines" },
  { "g3", "Tout au long du mandat" },
};

static const DemoStep demo_steps[] = {
  { "s1", "Recevoir le Kit du mandat", "g1", "Sous 8 jours" },
  { "s2", "Siéger à la séance d’installation", "g2", "1 jour" },
  { "s3", "Chercher une information pratique", "g2", "" },
  { "s4", "Demander à son collaborateur", "g2", "" },
  { "s5", "Les services répondent", "g2", "1 à 3 semaines" },
  { "s6", "Compléter son classeur", "g3", "" },
  { "s7", "Préparer sa première commission", "g3", "" },
};

static const DemoCard demo_cards[] = {
  { "e2", 0, TF_BP_LANE_EVIDENCE,
    "Le classeur et ses livrets : pratique, institution, commissions",
    "document", "", "Photo du classeur prototype", 0, NULL, NULL, NULL,
    { NULL } },
  { "c2", 0, TF_BP_LANE_CUSTOMER,
    "Ouvre le classeur et feuillette les livrets",
    "elu", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "f2", 0, TF_BP_LANE_FRONTSTAGE,
    "Un agent remet le kit en main propre",
    "agent", "Accueil des élus", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "b1", 0, TF_BP_LANE_BACKSTAGE,
    "Prépare le classeur nominatif de chaque élu",
    "agent", "Direction des assemblées", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "b2", 0, TF_BP_LANE_BACKSTAGE,
    "Chaque service rédige ses fiches pour les élus",
    "direction", "Services régionaux", NULL, TF_BP_MARK_FAIL, "Direction des assemblées", "Un comité de rédaction du kit et un calendrier commun aux services", NULL,
    { "Les informations existent", NULL } },
  { "p2", 0, TF_BP_LANE_SUPPORT,
    "Impression des fiches, chacune avec son Beecode® vers la version web",
    "", "Imprimerie régionale", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "e3", 1, TF_BP_LANE_EVIDENCE,
    "Ordre du jour de la séance et plan de l’hémicycle",
    "document", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "c3", 1, TF_BP_LANE_CUSTOMER,
    "Siège pour la première fois en séance plénière",
    "elu", "", NULL, TF_BP_MARK_PAIN, NULL, NULL, NULL,
    { "délib", NULL } },
  { "f3", 1, TF_BP_LANE_FRONTSTAGE,
    "Le cabinet accueille les nouveaux élus",
    "cabinet", "Cabinet du Président", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "b3", 1, TF_BP_LANE_BACKSTAGE,
    "Prépare les rapports et le déroulé de la séance",
    "direction", "Direction des assemblées", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "e4", 2, TF_BP_LANE_EVIDENCE,
    "Fiche « Indemnités et frais de mission » et son Beecode®",
    "document", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "c4", 2, TF_BP_LANE_CUSTOMER,
    "Cherche comment se faire rembourser un déplacement",
    "elu", "", NULL, TF_BP_MARK_PAIN, NULL, NULL, NULL,
    { "Les informations existent", NULL } },
  { "f4", 2, TF_BP_LANE_FRONTSTAGE,
    "Le site du Kit affiche la fiche complète",
    "", "Direction de la communication", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "p4", 2, TF_BP_LANE_SUPPORT,
    "Base documentaire commune aux services",
    "", "Direction des systèmes d’information", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "e5", 3, TF_BP_LANE_EVIDENCE,
    "Mail de l’élu à son collaborateur",
    "courriel", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "c5", 3, TF_BP_LANE_CUSTOMER,
    "Demande à son collaborateur qui peut l’aider sur un dossier",
    "elu", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "f5", 3, TF_BP_LANE_FRONTSTAGE,
    "Le collaborateur lit le mail et transmet la question",
    "collaborateur", "", NULL, 0, NULL, NULL, NULL,
    { "Les mails, je les lis", NULL } },
  { "b5", 3, TF_BP_LANE_BACKSTAGE,
    "Cherche le bon interlocuteur dans l’organigramme",
    "collaborateur", "", NULL, TF_BP_MARK_FAIL, "Collaborateurs d’élus", "", NULL,
    { "Les projets complexes", NULL } },
  { "e6", 4, TF_BP_LANE_EVIDENCE,
    "Note de réponse du service",
    "note", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "c6", 4, TF_BP_LANE_CUSTOMER,
    "Reçoit une réponse, parfois trop technique, et relance",
    "elu", "", NULL, TF_BP_MARK_PAIN, NULL, NULL, NULL,
    { "Lorsqu'un élu a besoin", NULL } },
  { "f6", 4, TF_BP_LANE_FRONTSTAGE,
    "Le collaborateur résume la note pour l’élu",
    "collaborateur", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "b6", 4, TF_BP_LANE_BACKSTAGE,
    "Le chargé de mission rédige une note",
    "charge_mission", "Direction opérationnelle", NULL, TF_BP_MARK_WAIT, NULL, NULL, "2 semaines",
    { NULL } },
  { "p6", 4, TF_BP_LANE_SUPPORT,
    "Circuit de validation du parapheur",
    "parapheur", "Direction générale des services", NULL, TF_BP_MARK_WAIT, NULL, NULL, "10 jours",
    { NULL } },
  { "e7", 5, TF_BP_LANE_EVIDENCE,
    "Nouveaux livrets ajoutés au classeur",
    "document", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "c7", 5, TF_BP_LANE_CUSTOMER,
    "Ajoute les livrets de ses commissions",
    "elu", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "f7", 5, TF_BP_LANE_FRONTSTAGE,
    "Le collaborateur commande les fiches manquantes",
    "collaborateur", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "b7", 5, TF_BP_LANE_BACKSTAGE,
    "Met à jour les fiches après chaque session",
    "direction", "Direction des assemblées", NULL, TF_BP_MARK_OPPORTUNITY, NULL, NULL, NULL,
    { "Les informations existent", NULL } },
  { "p7", 5, TF_BP_LANE_SUPPORT,
    "Version numérique : chaque élu choisit le détail de ses fiches",
    "", "Direction des systèmes d’information", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "e8", 6, TF_BP_LANE_EVIDENCE,
    "Livret « Commissions thématiques »",
    "document", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "c8", 6, TF_BP_LANE_CUSTOMER,
    "Prépare sa première commission avec son collaborateur",
    "elu", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "f8", 6, TF_BP_LANE_FRONTSTAGE,
    "Le collaborateur rassemble les rapports soumis à la commission",
    "collaborateur", "", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "b8", 6, TF_BP_LANE_BACKSTAGE,
    "Les services présentent leurs dossiers en commission",
    "charge_mission", "Direction de l’aménagement", NULL, 0, NULL, NULL, NULL,
    { NULL } },
  { "p8", 6, TF_BP_LANE_SUPPORT,
    "Carte stratégique des projets, partagée par les services",
    "", "Direction générale des services", NULL, TF_BP_MARK_OPPORTUNITY, NULL, NULL, NULL,
    { NULL } },
};

static const DemoArrow demo_arrows[] = {
  { "b1", "f2", FALSE, FALSE, "" },
  { "b2", "p2", FALSE, FALSE, "" },
  { "p2", "f2", FALSE, FALSE, "" },
  { "f2", "c2", FALSE, FALSE, "" },
  { "b3", "f3", FALSE, FALSE, "" },
  { "f3", "c3", FALSE, FALSE, "" },
  { "c4", "f4", FALSE, FALSE, "" },
  { "p4", "f4", FALSE, FALSE, "" },
  { "c5", "f5", FALSE, FALSE, "" },
  { "f5", "b5", FALSE, FALSE, "" },
  { "b5", "b6", FALSE, FALSE, "" },
  { "b6", "p6", TRUE, FALSE, "" },
  { "b6", "f6", FALSE, FALSE, "" },
  { "f6", "c6", FALSE, FALSE, "" },
  { "c6", "c5", FALSE, TRUE, "" },
  { "c7", "f7", FALSE, FALSE, "" },
  { "f7", "b7", FALSE, FALSE, "" },
  { "b7", "p7", FALSE, FALSE, "" },
  { "c8", "f8", FALSE, FALSE, "" },
  { "f8", "b8", FALSE, FALSE, "" },
  { "p8", "b8", FALSE, FALSE, "" },
};

/* The quotes of the experiment's boards (the insight wall's), found through
 * the board types' list_quotes hook: item id and text. */
typedef struct {
  gint64  id;
  char   *text;
} Quote;

static void
quote_clear (gpointer data)
{
  g_free (((Quote *) data)->text);
}

static GArray *
list_quotes (TfStore  *store,
             gint64    experiment_id,
             GError  **error)
{
  g_autoptr(GListStore) boards = tf_archive_list_boards (store, experiment_id, error);
  g_autoptr(GArray) quotes = g_array_new (FALSE, TRUE, sizeof (Quote));

  if (boards == NULL)
    return NULL;
  g_array_set_clear_func (quotes, quote_clear);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);
      const TfBoardType *type = tf_board_type_lookup (tf_board_get_kind_id (board));
      g_autoptr(TfScene) scene = NULL;
      g_autoptr(GPtrArray) items = NULL;

      if (type == NULL || type->list_quotes == NULL)
        continue;
      scene = tf_scene_new_for_board (store, tf_board_get_id (board), error);
      if (scene == NULL)
        return NULL;
      items = type->list_quotes (scene);
      for (guint q = 0; items != NULL && q < items->len; q++)
        {
          const TfItem *item = g_ptr_array_index (items, q);
          Quote quote = { item->id, g_strdup (item->text) };

          g_array_append_val (quotes, quote);
        }
    }
  return g_steal_pointer (&quotes);
}

static void
add_cites (GArray             *cites,
           GArray             *quotes,
           const char * const *pieces)
{
  for (guint p = 0; pieces[p] != NULL; p++)
    for (guint q = 0; q < quotes->len; q++)
      if (strstr (g_array_index (quotes, Quote, q).text, pieces[p]) != NULL)
        {
          g_array_append_val (cites, g_array_index (quotes, Quote, q).id);
          break;
        }
}

static guint
card_index (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_cards); i++)
    if (g_str_equal (demo_cards[i].key, key))
      return i;
  g_assert_not_reached ();
}

static char *
arrow_payload (gint64           from,
               gint64           to,
               const DemoArrow *arrow)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from");
  json_builder_add_int_value (builder, from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_int_value (builder, to);
  json_builder_set_member_name (builder, "two_way");
  json_builder_add_boolean_value (builder, arrow->two_way);
  json_builder_set_member_name (builder, "loop");
  json_builder_add_boolean_value (builder, arrow->loop);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, arrow->label);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static TfBlueprint *
demo_grid (void)
{
  TfBlueprint *bp = tf_blueprint_new ();

  for (guint i = 0; i < G_N_ELEMENTS (demo_stages); i++)
    {
      TfBpStage *stage = g_new0 (TfBpStage, 1);

      stage->id = g_strdup (demo_stages[i].id);
      stage->title = g_strdup (demo_stages[i].title);
      g_ptr_array_add (bp->stages, stage);
    }
  for (guint i = 0; i < G_N_ELEMENTS (demo_steps); i++)
    {
      TfBpStep *step = g_new0 (TfBpStep, 1);

      step->id = g_strdup (demo_steps[i].id);
      step->title = g_strdup (demo_steps[i].title);
      step->stage_id = g_strdup (demo_steps[i].stage);
      step->duration = g_strdup (demo_steps[i].duration);
      g_ptr_array_add (bp->steps, step);
    }
  /* Ids to come start after the demo's own ("s9", "g4"…). */
  bp->next = MAX (bp->next, G_N_ELEMENTS (demo_steps) + G_N_ELEMENTS (demo_stages) + 1);
  return bp;
}

gboolean
tf_blueprint_insert_demo (TfStore  *store,
                          gint64    experiment_id,
                          int       position,
                          GError  **error)
{
  g_autoptr(TfBlueprint) bp = demo_grid ();
  g_autoptr(GArray) quotes = NULL;
  gint64 ids[G_N_ELEMENTS (demo_cards)] = { 0 };
  g_autofree char *grid = NULL;
  gint64 board_id;
  int z = 0;

  board_id = tf_demo_insert_board (store, experiment_id, TF_BLUEPRINT_TYPE_ID,
                                   "Kit du mandat régional — les premières semaines d’un élu",
                                   position, error);
  if (board_id == 0)
    return FALSE;
  quotes = list_quotes (store, experiment_id, error);
  if (quotes == NULL)
    return FALSE;

  grid = tf_blueprint_grid_to_json (bp);
  if (tf_demo_insert_item (store, board_id, TF_BP_GRID_KIND, 0, 0, 1, 1, z++, "", "{}", grid, error) == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_cards); i++)
    {
      const DemoCard *demo = &demo_cards[i];
      const TfBpLane *lane = tf_blueprint_lane_of_role (bp, demo->lane);
      g_autoptr(GArray) cites = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GHashTable) silenced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autofree char *payload = NULL;
      TfBpCard card = { 0 };
      gint64 id;

      g_assert (lane != NULL);
      add_cites (cites, quotes, demo->cites);
      card.step_id = (char *) demo_steps[demo->step].id;
      card.lane_id = lane->id;
      for (guint j = 0; j < i; j++)
        if (demo_cards[j].step == demo->step && demo_cards[j].lane == demo->lane)
          card.order++;
      card.text = (char *) demo->text;
      card.actor = (char *) demo->actor;
      card.department = (char *) demo->department;
      card.has_evidence = demo->evidence != NULL;
      card.evidence_label = (char *) (demo->evidence != NULL ? demo->evidence : "");
      card.marks = demo->marks;
      card.fail_owner = (char *) (demo->fail_owner != NULL ? demo->fail_owner : "");
      card.fail_mitigation = (char *) (demo->fail_mitigation != NULL ? demo->fail_mitigation : "");
      card.wait_duration = (char *) (demo->wait != NULL ? demo->wait : "");
      card.cites = cites;
      card.silenced = silenced;
      payload = tf_blueprint_card_to_json (&card, NULL);

      id = tf_demo_insert_item (store, board_id, TF_BP_CARD_KIND, 0, 0, TF_BP_CARD_WIDTH,
                                TF_BP_CARD_MIN_HEIGHT, z++, demo->text, "{}", payload, error);
      if (id == 0)
        return FALSE;
      ids[i] = id;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_arrows); i++)
    {
      const DemoArrow *arrow = &demo_arrows[i];
      gint64 from = ids[card_index (arrow->from)];
      gint64 to = ids[card_index (arrow->to)];
      g_autofree char *payload = NULL;

      payload = arrow_payload (from, to, arrow);
      if (tf_demo_insert_item (store, board_id, TF_BP_ARROW_KIND, 0, 0, 1, 1, z++, "", "{}",
                               payload, error) == 0)
        return FALSE;
    }

  /* Every card to its cell, every arrow routed, as after any edit. */
  return tf_blueprint_settle (store, board_id, error);
}
