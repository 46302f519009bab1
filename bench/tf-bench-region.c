/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The simulated region of transfo-bench's regional_* metrics, generated
 * by the server itself (INSERT … SELECT over generate_series, vocabulary
 * in arrays) on two connections at once, rows loaded before their indexes
 * are built, then ANALYZEd; kept between runs. */
#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <stdio.h>

#include "regional/tf-regional.h"
#include "tf-bench-region.h"

/* Changed when what is generated changes: an older region is made again. */
#define GENERATOR_VERSION "1"

/* The insights: French sentences of a subject, a verb, an object, a place
 * or a time, and at times a consequence; the words drawn with a skew (the
 * first ones of each list far more often, as in speech), a rare word (a
 * village, a local facility) in one sentence in thirty. "usagers" is the
 * most frequent noun: it is in a fifth of the sentences and every
 * experiment. */
static const char vocabulary[] =
  "CREATE FUNCTION bench.pick (words text[], skew float8) RETURNS text LANGUAGE sql VOLATILE"
  "  AS $$ SELECT words[1 + floor (power (random (), skew) * array_length (words, 1))::int] $$;"
  "CREATE TABLE bench.vocabulary AS SELECT"
  " ARRAY['Les usagers', 'Les agents', 'Les élus', 'Les habitants', 'Les familles', 'Les lycéens',"
  "  'Les parents', 'Les collègues du service', 'Les partenaires', 'Les associations', 'Les personnes âgées',"
  "  'Les demandeurs d’emploi', 'Les chauffeurs', 'Les cuisiniers', 'Les secrétaires de mairie',"
  "  'Les bénévoles', 'Les jeunes', 'Les commerçants', 'Les enseignants', 'Les agriculteurs',"
  "  'Les saisonniers', 'Les aidants', 'Les riverains', 'Les apprentis', 'Les directeurs d’école'] AS subjects,"
  " ARRAY['ne trouvent pas', 'attendent', 'cherchent', 'demandent', 'ne comprennent pas', 'remplissent',"
  "  'perdent', 'reçoivent', 'appellent pour', 'découvrent', 'oublient', 'contournent', 'redoutent',"
  "  'apprécient', 'réclament', 'signalent', 'partagent', 'évitent', 'critiquent', 'inventent',"
  "  'n’ont jamais vu', 'se plaignent de', 'imaginent', 'refont', 'photographient'] AS verbs,"
  " ARRAY['le bon guichet', 'les horaires du car', 'le formulaire', 'un rendez-vous', 'les informations',"
  "  'la réponse du service', 'le dossier de subvention', 'les menus de la cantine', 'le numéro d’accueil',"
  "  'les délais', 'la carte de transport', 'les aides', 'le courrier', 'les démarches en ligne',"
  "  'la salle de réunion', 'le compte rendu', 'les pièces justificatives', 'le parapheur',"
  "  'la délibération', 'le plan d’accès', 'les repas', 'le badge', 'les consignes', 'le portail',"
  "  'la facture', 'l’agenda des élus', 'les panneaux', 'la navette', 'les inscriptions', 'le règlement'] AS objects,"
  " ARRAY['à l’accueil', 'en mairie', 'au lycée', 'à la gare', 'depuis des semaines', 'le lundi matin',"
  "  'sans réponse', 'avant la commission', 'au téléphone', 'par mail', 'à la maison France services',"
  "  'dans le hall', 'pendant la pause', 'avant l’été', 'à chaque rentrée', 'entre deux réunions',"
  "  'sur le site de la région', 'en fin de mois', 'au guichet unique', 'dans les villages',"
  "  'à la cantine', 'sur le quai', 'au conseil de quartier', 'à la médiathèque', 'le samedi'] AS places,"
  " ARRAY['', '', '', '', '', ' et personne ne sait qui fait quoi', ', alors ils abandonnent',"
  "  ', mais le service est fermé', ' parce que le délai est trop court', ' et reviennent le lendemain',"
  "  ', comme l’année dernière', ' faute de transport', ', ce qui crée de la colère',"
  "  ' et ils se sentent perdus', ', et c’est toujours la même histoire', ' quand il pleut',"
  "  ', personne ne les prévient', ' malgré les affiches'] AS tails,"
  " ARRAY['Hazebrouck', 'Maubeuge', 'Avesnes-sur-Helpe', 'Fourmies', 'Berck', 'Montreuil-sur-Mer',"
  "  'Abbeville', 'Péronne', 'Château-Thierry', 'Hirson', 'Noyon', 'Saint-Omer', 'Bailleul', 'Cambrai',"
  "  'Le Cateau', 'Guise', 'Vervins', 'Doullens', 'Ham', 'Wormhout', 'Steenvoorde', 'Hesdin', 'Fruges',"
  "  'Marquise', 'Desvres', 'Crécy', 'Rue', 'Albert', 'Roye', 'Chauny', 'ressourcerie', 'béguinage',"
  "  'tiers-lieu', 'covoiturage solidaire', 'estaminet', 'bibliobus', 'halte-garderie', 'friche textile',"
  "  'jardin partagé', 'épicerie sociale', 'recyclerie', 'micro-folie', 'conciergerie', 'laverie',"
  "  'navette fluviale', 'ludothèque', 'régie de quartier', 'fablab', 'pédibus', 'kiosque'] AS rare,"
  " ARRAY['Résidence', 'Immersion', 'Expérimentation', 'Laboratoire', 'Atelier', 'Enquête', 'Prototype'] AS heads,"
  " ARRAY['restauration scolaire', 'mobilité rurale', 'accueil du public', 'transition écologique',"
  "  'orientation des lycéens', 'aides aux associations', 'transport à la demande', 'santé de proximité',"
  "  'lecture publique', 'emploi des jeunes', 'numérique inclusif', 'circuits courts', 'tourisme fluvial',"
  "  'rénovation énergétique', 'démarches simplifiées', 'accueil des saisonniers'] AS themes,"
  " ARRAY['Lille', 'Amiens', 'Arras', 'Beauvais', 'Laon', 'Valenciennes', 'Dunkerque', 'Calais',"
  "  'Boulogne-sur-Mer', 'Lens', 'Douai', 'Saint-Quentin', 'Compiègne', 'Soissons', 'Creil', 'Abbeville',"
  "  'Maubeuge', 'Cambrai', 'Béthune', 'Roubaix'] AS towns,"
  " ARRAY['Nord', 'Pas-de-Calais', 'Somme', 'Aisne', 'Oise', 'Métropole lilloise', 'Littoral',"
  "  'Sambre-Avesnois', 'Thiérache', 'Bassin minier'] AS territories,"
  " ARRAY['Direction des lycées', 'Direction des transports', 'Direction de la culture',"
  "  'Direction de l’agriculture', 'Direction du tourisme', 'Direction de la formation',"
  "  'Direction de l’environnement', 'Direction du numérique', 'Direction des sports',"
  "  'Direction de la santé', 'Direction de l’économie', 'Direction des finances',"
  "  'Direction des ressources humaines', 'Direction de la jeunesse', 'Direction du logement',"
  "  'Direction de l’aménagement', 'Direction de la mer', 'Direction des relations internationales',"
  "  'Direction de la recherche', 'Direction de la communication'] AS directions,"
  " ARRAY['cantine', 'mobilité', 'accueil', 'jeunesse', 'ruralité', 'numérique', 'santé', 'climat',"
  "  'formation', 'culture', 'emploi', 'logement', 'alimentation', 'tourisme', 'sport'] AS tags;"
  /* A pool of sentences the insights are drawn from. */
  "CREATE TABLE bench.pool (n integer PRIMARY KEY, body text NOT NULL);"
  "INSERT INTO bench.pool"
  " SELECT n, bench.pick (v.subjects, 2.5) || ' ' || bench.pick (v.verbs, 1.8) || ' '"
  "   || bench.pick (v.objects, 1.8) || ' ' || bench.pick (v.places, 1.5)"
  "   || CASE WHEN random () < 0.034 THEN ' près de ' || bench.pick (v.rare, 1.0) ELSE '' END"
  "   || bench.pick (v.tails, 1.0) || '.'"
  " FROM generate_series (1, 200000) n, bench.vocabulary v;";

/* The experiments: a department each (50 per department), seen by the
 * region (85 %), by chosen departments (10 %) or by their own (5 %);
 * their metadata, a version each (its bundle a 1 kB stand-in: the search
 * never reads bundles, and a fetch's is measured on a real one). */
static const char experiments[] =
  "DO $roles$ BEGIN"
  "  FOR d IN 1..100 LOOP"
  "    EXECUTE format ('CREATE ROLE dep_%s LOGIN IN ROLE transfo_department', lpad (d::text, 3, '0'));"
  "  END LOOP;"
  " END $roles$;"
  "INSERT INTO transfo.experiments (source_uuid, department, visibility, visible_to, version, source_modified,"
  "   title, theme, place, territory, department_name, start_date, end_date, phase, tags, boards, published_at)"
  " SELECT md5 ('bench-' || n), 'dep_' || lpad ((1 + n % 100)::text, 3, '0'),"
  "   CASE WHEN n % 20 = 0 THEN 'department' WHEN n % 10 = 0 THEN 'departments' ELSE 'region' END,"
  "   CASE WHEN n % 20 <> 0 AND n % 10 = 0"
  "        THEN ARRAY['dep_' || lpad ((1 + (n * 7) % 100)::text, 3, '0'),"
  "                   'dep_' || lpad ((1 + (n * 13) % 100)::text, 3, '0')]::name[]"
  "        ELSE '{}' END,"
  "   1, to_char (x.start + 200, 'YYYY-MM-DD') || 'T10:00:00.000Z',"
  "   bench.pick (v.heads, 1.0) || ' : ' || x.theme || ' à ' || x.town, x.theme, x.town,"
  "   v.territories[1 + n % 10], v.directions[1 + (n % 100) % 20] || ' (' || (1 + (n % 100) / 20) || ')',"
  "   to_char (x.start, 'YYYY-MM-DD'), CASE WHEN n % 3 = 0 THEN '' ELSE to_char (x.start + 180, 'YYYY-MM-DD') END,"
  "   n % 5, ARRAY[bench.pick (v.tags, 1.3), bench.pick (v.tags, 1.0)],"
  "   '{\"Mur des insights\",\"Carte des acteurs\",\"Parcours usager\"}', now () - n * interval '11 hours'"
  " FROM generate_series (1, 5000) n, bench.vocabulary v,"
  "   LATERAL (SELECT bench.pick (v.themes, 1.2) AS theme, bench.pick (v.towns, 1.5) AS town,"
  "                   date '2018-01-01' + (random () * 2900)::int AS start WHERE n > 0) x;"
  "INSERT INTO transfo.versions (experiment_id, version, source_modified, published_at, published_by,"
  "   bundle_sha256, bundle)"
  " SELECT e.id, 1, e.source_modified, e.published_at, e.department, encode (sha256 (b.b), 'hex'), b.b"
  " FROM transfo.experiments e, (SELECT decode (repeat ('00', 1024), 'hex') AS b) b;";

/* Half of the insights (the experiments of id % 2 = HALF): two run at once. */
static const char texts[] =
  "SET synchronous_commit = off;"
  "INSERT INTO transfo.texts (experiment_id, board, kind, body)"
  " SELECT e.id, 'Mur des insights', 'note', p.body"
  " FROM transfo.experiments e CROSS JOIN generate_series (1, 1000) i"
  "   JOIN bench.pool p ON p.n = 1 + (hashint8 (e.id * 1000 + i)::int8 & 2147483647) % 200000"
  " WHERE e.id % 2 = HALF;";

/* The search documents of half of the experiments, as a publish writes them. */
static const char documents[] =
  "SET synchronous_commit = off;"
  "UPDATE transfo.experiments e SET search ="
  "     transfo.document (e.title, 'A')"
  "  || transfo.document (concat_ws (' ', e.theme, e.place, e.territory, e.department_name,"
  "                                  array_to_string (e.tags, ' ')), 'B')"
  "  || transfo.document (array_to_string (e.boards, ' '), 'C')"
  "  || coalesce ((SELECT strip (transfo.document (string_agg (t.body, ' '), 'D'))"
  "                FROM transfo.texts t WHERE t.experiment_id = e.id), '')"
  " WHERE e.id % 2 = HALF;";

static gboolean
exec_sql (PGconn      *conn,
          const char  *what,
          const char  *sql,
          GError     **error)
{
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK;

  if (!ok)
    g_set_error (error, TF_PG_CLUSTER_ERROR, TF_PG_CLUSTER_ERROR_FAILED, "generating the region (%s): %s",
                 what, PQerrorMessage (conn));
  PQclear (result);
  return ok;
}

/* Runs @format (with HALF: 0, then 1) on two connections at once. */
static gboolean
exec_halves (PGconn      *conns[2],
             const char  *what,
             const char  *format,
             GError     **error)
{
  gboolean ok = TRUE;

  for (int half = 0; half < 2; half++)
    {
      g_autoptr(GString) sql = g_string_new (format);

      g_string_replace (sql, "HALF", half == 0 ? "0" : "1", 0);

      if (!PQsendQuery (conns[half], sql->str))
        return g_set_error (error, TF_PG_CLUSTER_ERROR, TF_PG_CLUSTER_ERROR_FAILED, "%s: %s", what,
                            PQerrorMessage (conns[half])), FALSE;
    }
  for (int half = 0; half < 2; half++)
    {
      PGresult *result;

      while ((result = PQgetResult (conns[half])) != NULL)
        {
          if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK && ok)
            {
              g_set_error (error, TF_PG_CLUSTER_ERROR, TF_PG_CLUSTER_ERROR_FAILED, "generating the region (%s): %s",
                           what, PQresultErrorMessage (result));
              ok = FALSE;
            }
          PQclear (result);
        }
    }
  return ok;
}

static void
ignore_notice (void       *data,
               const char *message)
{
}

static PGconn *
connect_db (TfPgCluster  *cluster,
            const char   *db,
            GError      **error)
{
  g_autofree char *info = tf_pg_cluster_conninfo (cluster, "postgres", db);
  PGconn *conn = PQconnectdb (info);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_set_error (error, TF_PG_CLUSTER_ERROR, TF_PG_CLUSTER_ERROR_FAILED, "%s: %s", info, PQerrorMessage (conn));
      PQfinish (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  return conn;
}

/* CREATE INDEX … of @index, as the migrations made it. */
static char *
index_definition (PGconn      *conn,
                  const char  *index,
                  GError     **error)
{
  const char *params[] = { index };
  PGresult *result = PQexecParams (conn, "SELECT pg_get_indexdef ($1::regclass)", 1, NULL, params, NULL, NULL, 0);
  char *definition = NULL;

  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    definition = g_strdup (PQgetvalue (result, 0, 0));
  else
    g_set_error (error, TF_PG_CLUSTER_ERROR, TF_PG_CLUSTER_ERROR_FAILED, "generating the region (%s): %s", index,
                 PQerrorMessage (conn));
  PQclear (result);
  return definition;
}

static void
step (const char *what,
      gint64     *since)
{
  gint64 now = g_get_monotonic_time ();

  g_printerr ("# region: %s (%.1f s)\n", what, (now - *since) / 1e6);
  *since = now;
}

static gboolean
generate (TfPgCluster  *cluster,
          GError      **error)
{
  g_autoptr(TfRegional) regional = NULL;
  g_autofree char *info = tf_pg_cluster_conninfo (cluster, "postgres", TF_BENCH_REGION_DB);
  g_autofree char *texts_index = NULL, *search_index = NULL;
  PGconn *conns[2] = { NULL, NULL };
  PGconn *admin;
  gint64 since = g_get_monotonic_time ();
  gboolean ok = FALSE;

  if ((admin = connect_db (cluster, "postgres", error)) == NULL)
    return FALSE;
  ok = exec_sql (admin, "database", "CREATE DATABASE " TF_BENCH_REGION_DB, error);
  PQfinish (admin);
  if (!ok)
    return FALSE;
  ok = FALSE;
  /* The schema as `transfo regional init` makes it. */
  if ((regional = tf_regional_connect (info, error)) == NULL ||
      !tf_regional_migrate (regional, 0, NULL, error))
    return FALSE;
  g_clear_pointer (&regional, tf_regional_close);
  if ((conns[0] = connect_db (cluster, TF_BENCH_REGION_DB, error)) == NULL ||
      (conns[1] = connect_db (cluster, TF_BENCH_REGION_DB, error)) == NULL)
    goto out;
  /* Rows first, indexes (as the migrations define them) and constraints after. */
  if ((texts_index = index_definition (conns[0], "transfo.texts_by_experiment", error)) == NULL ||
      (search_index = index_definition (conns[0], "transfo.experiments_search", error)) == NULL)
    goto out;
  if (!exec_sql (conns[0], "indexes off",
                 "CREATE SCHEMA bench;"
                 "DROP INDEX transfo.experiments_search; DROP INDEX transfo.texts_by_experiment;"
                 "ALTER TABLE transfo.texts DROP CONSTRAINT texts_experiment_id_fkey;", error) ||
      !exec_sql (conns[0], "vocabulary", vocabulary, error) ||
      !exec_sql (conns[0], "experiments", experiments, error))
    goto out;
  step ("vocabulary, sentences, departments and experiments", &since);
  if (!exec_halves (conns, "insights", texts, error))
    goto out;
  step ("5 million insights", &since);
  if (!exec_sql (conns[0], "insights' index", "SET maintenance_work_mem = '256MB'", error) ||
      !exec_sql (conns[0], "insights' index", texts_index, error) ||
      !exec_sql (conns[0], "insights' index",
                 "ALTER TABLE transfo.texts ADD CONSTRAINT texts_experiment_id_fkey FOREIGN KEY (experiment_id)"
                 "  REFERENCES transfo.experiments (id) ON DELETE CASCADE;", error))
    goto out;
  step ("their index", &since);
  if (!exec_halves (conns, "documents", documents, error))
    goto out;
  step ("search documents", &since);
  if (!exec_sql (conns[0], "search index", search_index, error) ||
      !exec_sql (conns[0], "search index", "DROP SCHEMA bench CASCADE", error) ||
      !exec_sql (conns[0], "vacuum", "VACUUM (ANALYZE) transfo.experiments", error) ||
      !exec_sql (conns[0], "analyze", "ANALYZE", error))
    goto out;
  step ("search index, VACUUM, ANALYZE", &since);
  ok = TRUE;

out:
  for (int i = 0; i < 2; i++)
    if (conns[i] != NULL)
      PQfinish (conns[i]);
  return ok;
}

static void
remove_tree (const char *dir)
{
  const char *argv[] = { "rm", "-rf", "--", dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

TfPgCluster *
tf_bench_region_open (gboolean   rebuild,
                      GError   **error)
{
  const char *env = g_getenv ("TRANSFO_BENCH_REGION_DIR");
  g_autofree char *dir = env != NULL && env[0] != '\0'
    ? g_strdup (env) : g_strdup_printf ("/var/tmp/transfo-bench-region-%d", TF_REGIONAL_SCHEMA_VERSION);
  g_autofree char *marker = g_build_filename (dir, "generated", NULL);
  g_autofree char *generated = NULL;
  g_autoptr(TfPgCluster) cluster = NULL;
  /* A server's settings for a modest machine; the generation's more
   * memory for sorts is per session. */
  const char *options = "-c shared_buffers=256MB -c max_wal_size=4GB -c checkpoint_timeout=30min";

  if (!rebuild && g_file_get_contents (marker, &generated, NULL, NULL) &&
      g_str_equal (g_strstrip (generated), GENERATOR_VERSION))
    return tf_pg_cluster_start (dir, TRUE, options, error);

  g_printerr ("# region: generating it in %s (kept for the next runs; --regional-rebuild makes it again)\n", dir);
  remove_tree (dir);
  if ((cluster = tf_pg_cluster_start (dir, TRUE, options, error)) == NULL ||
      !generate (cluster, error) ||
      !g_file_set_contents (marker, GENERATOR_VERSION "\n", -1, error))
    return NULL;
  return g_steal_pointer (&cluster);
}
