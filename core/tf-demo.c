/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-demo"

#include "tf-archive.h"
#include "tf-demo.h"
#include "tf-item-rows.h"
#include "tf-experiment-private.h"
#include "tf-store-private.h"
#include "core/tf-board-type.h"

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

/* For the board types' demo hooks: SQL stays in the core. */
gint64
tf_demo_insert_board (TfStore     *store,
                      gint64       experiment_id,
                      const char  *kind_id,
                      const char  *name,
                      int          position,
                      GError     **error)
{
  sqlite3_stmt *stmt =
    tf_store_prepare (store,
                      "INSERT INTO boards (experiment_id, kind, name, position) VALUES (?, ?, ?, ?)",
                      error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, experiment_id);
  tf_bind_text (stmt, 2, kind_id);
  tf_bind_text (stmt, 3, name);
  sqlite3_bind_int (stmt, 4, position);
  if (!tf_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (tf_store_get_db (store));
}

gint64
tf_demo_insert_item (TfStore     *store,
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
  gint64 id = 0;

  if (!tf_item_rows_insert (store, board_id, kind, x, y, width, height, z, 0,
                            text, style, payload, &id, error))
    return 0;
  return id;
}

gboolean
tf_demo_insert (TfStore  *store,
                gint64   *id,
                GError  **error)
{
  static const char * const tags[] = { "résidence", "élus", "collaborateurs", "27e Région", NULL };
  g_autoptr(TfExperiment) draft = NULL;
  GPtrArray *types;
  gint64 experiment_id;
  int position = 0;

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

  /* Each board type writes its own demo board, in registration order. */
  types = tf_board_type_list ();
  for (guint i = 0; i < types->len; i++)
    {
      const TfBoardType *type = g_ptr_array_index (types, i);

      if (type->insert_demo != NULL && !type->insert_demo (store, experiment_id, position++, error))
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
  /* The file alone holds it, as it holds a new archive's schema: a copy
   * taken while the window is open has the demo too. */
  if (!tf_store_checkpoint (store, error))
    return FALSE;
  if (id)
    *id = data.id;
  return TRUE;
}
