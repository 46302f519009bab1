/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-demo"

#include "tf-archive.h"
#include "tf-demo.h"
#include "tf-experiment-private.h"
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
