/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-demo"

#include <json-glib/json-glib.h>

#include "tf-archive.h"
#include "tf-demo.h"
#include "tf-experiment-private.h"
#include "tf-item-relations.h"
#include "tf-store-private.h"

/* The demo is the booklet itself: the third "Territoires en résidences"
 * residency, held inside the Nord-Pas de Calais regional council in 2009.
 * It is user data in the booklet's language, not an interface string, so it
 * is not translated. Team members appear by role only. */

static const char demo_context[] =
  "Troisième résidence de l'opération « Territoires en résidences » de la 27e Région, "
  "menée au sein même du siège du conseil régional du Nord-Pas de Calais, à Lille "
  "(113 élus, plus de 1 500 agents, un bâtiment HQE de 50 000 m² dans le quartier Euralille).\n\n"
  "Le défi : que se passe-t-il lorsque l'on fait travailler ensemble, en immersion et pendant "
  "trois semaines, des designers, des chercheurs en sciences politiques, des élus et leurs "
  "collaborateurs ? Initialement centrée sur les usages numériques des élus, la problématique "
  "s'ouvre au « métier » d'élu régional : ses outils (stylo, agenda, parapheur, note, boîtes mails, "
  "revue de presse, téléphone, réunions, discours), son temps, ses collaborateurs.\n\n"
  "Trois élus participent à l'expérimentation avec leurs « pools » de collaborateurs "
  "(collaborateur, assistant de direction, chauffeur, secrétariat en mairie), aux côtés du "
  "cabinet du Président et de plusieurs services régionaux.\n\n"
  "Méthode en quatre étapes : immersion ; raconter, inviter, échanger, communiquer ; conception "
  "d'outils d'animation et de co-conception ; prototypage d'idées-projets.";

static const char demo_team[] =
  "Deux designers de service (les trois semaines)\n"
  "Une anthropologue-vidéaste (première semaine)\n"
  "Un designer de communication (deuxième et troisième semaines)\n"
  "Une politiste, chercheuse du projet de recherche PRELAT (à partir de la deuxième semaine)\n"
  "Un designer d'interaction (dernière semaine)\n"
  "Le directeur de la 27e Région (suivi de la résidence)";

static const char demo_outcomes[] =
  "1. Le Co-laboratoire (une réunion) : un temps de rencontre régulier entre collaborateurs "
  "d'élus pour échanger sur leurs méthodes, leurs outils et leur vision du métier, avec des "
  "cartes de discussion (« starters »), un blog et des invitations.\n\n"
  "2. Le Kit du mandat régional (un classeur) : des livrets réunissant les informations utiles "
  "à un élu tout au long de son mandat, en version imprimée et numérique.\n\n"
  "3. La Suite-projet (une architecture d'information) : une carte stratégique des projets, "
  "des applications téléphoniques pour les élus et le format « .note » pour les rapports.\n\n"
  "4. La Transfo (une cellule d'innovation régionale) : un expérimentateur qui anime un réseau "
  "d'acteurs formés, un sas pour les ateliers, et des expérimentations menées entre les directions.";

static const char demo_lessons[] =
  "Les limites de la méthode sont d'abord contextuelles : l'ordre des rencontres et la part "
  "subjective de l'immersion orientent les sujets retenus ; d'autres rencontres auraient mené à "
  "d'autres projets.\n\n"
  "Travailler sur l'environnement des élus place la résidence au plus haut niveau de décision : "
  "des conditions idéales, mais une urgence permanente, accentuée par l'approche des élections. "
  "Le suivi des usages et la co-conception demandent du temps ; les collaborateurs d'élus, qui "
  "en ont beaucoup donné, ont pris une place centrale.\n\n"
  "Les compétences existent au sein de la collectivité : c'est en capitalisant sur elles que l'on "
  "trouvera de nouvelles solutions.\n\n"
  "La question des pratiques précède celle des technologies : chercher de nouveaux usages aux "
  "technologies déjà en place, en travaillant de façon itérative avec les utilisateurs et les "
  "décideurs.\n\n"
  "Le besoin « d'innover autrement » existe aussi dans les directions opérationnelles et chez les "
  "collectivités partenaires : une prochaine résidence pourrait prototyper le laboratoire "
  "d'innovation régional lui-même.";

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
insert_item (TfStore     *store,
             gint64       board_id,
             const char  *kind,
             double       x,
             double       y,
             double       width,
             double       height,
             int          z,
             const char  *text,
             const char  *style,
             const char  *payload,
             GError     **error)
{
  sqlite3_stmt *stmt =
    tf_store_prepare (store,
                      "INSERT INTO items (board_id, kind, x, y, width, height, z, style, text, payload)"
                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, board_id);
  tf_bind_text (stmt, 2, kind);
  sqlite3_bind_double (stmt, 3, x);
  sqlite3_bind_double (stmt, 4, y);
  sqlite3_bind_double (stmt, 5, width);
  sqlite3_bind_double (stmt, 6, height);
  sqlite3_bind_int (stmt, 7, z);
  tf_bind_text (stmt, 8, style);
  tf_bind_text (stmt, 9, text);
  tf_bind_text (stmt, 10, payload);
  if (!tf_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (tf_store_get_db (store));
}

static gint64
actor_id (GHashTable *ids,
          const char *key)
{
  gint64 *id = g_hash_table_lookup (ids, key);

  g_assert (id != NULL);
  return *id;
}

static gboolean
insert_actor_map (TfStore  *store,
                  gint64    experiment_id,
                  GError  **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  sqlite3_stmt *stmt;
  gint64 board_id;
  int z = 0;

  stmt = tf_store_prepare (store,
                           "INSERT INTO boards (experiment_id, kind, name, position) VALUES (?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  tf_bind_text (stmt, 2, tf_board_kind_to_id (TF_BOARD_ACTOR_MAP));
  tf_bind_text (stmt, 3, "Réseau des élus");
  sqlite3_bind_int (stmt, 4, 1);
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;
  board_id = sqlite3_last_insert_rowid (tf_store_get_db (store));

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

      id = insert_item (store, board_id, "stamp", actor->x, actor->y, STAMP_W, STAMP_H, ++z,
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
      if (insert_item (store, board_id, "link", 0, 0, 1, 1, ++z, "", "{}", payload, error) == 0)
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_pools); i++)
    {
      const DemoPool *pool = &demo_pools[i];
      g_autofree char *style = g_strdup_printf ("{\"color\":\"%s\"}", pool->color);
      GString *payload = g_string_new ("{\"members\":[");
      gint64 id;

      for (guint m = 0; pool->members[m] != NULL; m++)
        g_string_append_printf (payload, "%s%" G_GINT64_FORMAT, m ? "," : "", actor_id (ids, pool->members[m]));
      g_string_append (payload, "]}");
      id = insert_item (store, board_id, "pool", 0, 0, 1, 1, -(int) (i + 1), pool->name, style, payload->str, error);
      g_string_free (payload, TRUE);
      if (id == 0)
        return FALSE;
    }

  /* The legend, at the top right; it lists what the board uses. */
  if (insert_item (store, board_id, "legend", 2010, -80, 320, 420, ++z, "Légende", "{}", "{}", error) == 0)
    return FALSE;

  return tf_item_relations_refresh (store, board_id, error);
}

gboolean
tf_demo_insert (TfStore  *store,
                gint64   *id,
                GError  **error)
{
  static const char * const tags[] = { "résidence", "élus", "collaborateurs", "27e Région", NULL };
  g_autoptr(TfExperiment) draft = NULL;
  sqlite3_stmt *stmt;
  gint64 experiment_id, board_id;

  experiment_id = tf_archive_find_demo (store);
  if (experiment_id != 0)
    {
      if (id)
        *id = experiment_id;
      return TRUE;
    }

  draft = tf_experiment_new ("Laboratoire d'innovation régional — Nord-Pas de Calais");
  tf_experiment_set_text (draft, TF_FIELD_THEME, "L'environnement de travail des élus régionaux");
  tf_experiment_set_text (draft, TF_FIELD_PLACE, "Siège du conseil régional, Lille");
  tf_experiment_set_text (draft, TF_FIELD_TERRITORY, "Région Nord-Pas de Calais");
  tf_experiment_set_text (draft, TF_FIELD_DEPARTMENT, "Cabinet du Président, direction des assemblées");
  tf_experiment_set_text (draft, TF_FIELD_START_DATE, "2009-10-01");
  tf_experiment_set_text (draft, TF_FIELD_END_DATE, "2009-12-15");
  tf_experiment_set_text (draft, TF_FIELD_TEAM, demo_team);
  tf_experiment_set_text (draft, TF_FIELD_CONTEXT, demo_context);
  tf_experiment_set_text (draft, TF_FIELD_OUTCOMES, demo_outcomes);
  tf_experiment_set_text (draft, TF_FIELD_LESSONS, demo_lessons);
  tf_experiment_set_phase (draft, TF_PHASE_REVIEW);
  tf_experiment_set_status (draft, TF_STATUS_DONE);
  tf_experiment_set_tags (draft, tags);

  experiment_id = tf_experiment_insert (store, draft, TF_DEMO_UUID, error);
  if (experiment_id == 0)
    return FALSE;

  stmt = tf_store_prepare (store,
                           "INSERT INTO boards (experiment_id, kind, name, position) VALUES (?, ?, ?, 0)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  tf_bind_text (stmt, 2, tf_board_kind_to_id (TF_BOARD_INSIGHT_WALL));
  tf_bind_text (stmt, 3, "Insights de la résidence");
  if (!tf_store_step_done (store, stmt, error))
    return FALSE;
  board_id = sqlite3_last_insert_rowid (tf_store_get_db (store));

  for (guint i = 0; i < G_N_ELEMENTS (demo_insights); i++)
    {
      const DemoInsight *insight = &demo_insights[i];
      g_autofree char *payload = NULL;

      payload = g_strdup_printf ("{\"source\":\"%s\",\"cluster\":\"%s\"}",
                                 insight->source, insight->theme);
      stmt = tf_store_prepare (store,
                               "INSERT INTO items (board_id, kind, x, y, width, height, z, style, text, payload)"
                               " VALUES (?, 'note', ?, ?, ?, ?, ?, '{\"color\":\"yellow\"}', ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, board_id);
      sqlite3_bind_double (stmt, 2, (i % NOTES_PER_ROW) * (NOTE_SIZE + NOTE_GAP));
      sqlite3_bind_double (stmt, 3, (i / NOTES_PER_ROW) * (NOTE_SIZE + NOTE_GAP));
      sqlite3_bind_double (stmt, 4, NOTE_SIZE);
      sqlite3_bind_double (stmt, 5, NOTE_SIZE);
      sqlite3_bind_int (stmt, 6, (int) i);
      tf_bind_text (stmt, 7, insight->quote);
      tf_bind_text (stmt, 8, payload);
      if (!tf_store_step_done (store, stmt, error))
        return FALSE;
    }

  if (!insert_actor_map (store, experiment_id, error))
    return FALSE;

  if (id)
    *id = experiment_id;
  return TRUE;
}

typedef struct {
  gint64 id;
} EnsureData;

static gboolean
ensure_func (TfStore   *store,
             gpointer   user_data,
             GError   **error)
{
  EnsureData *data = user_data;

  return tf_demo_insert (store, &data->id, error);
}

gboolean
tf_demo_ensure (TfStore  *store,
                gint64   *id,
                GError  **error)
{
  EnsureData data = { 0 };

  if (!tf_store_edit (store, ensure_func, &data, NULL, error))
    return FALSE;
  if (id)
    *id = data.id;
  return TRUE;
}
