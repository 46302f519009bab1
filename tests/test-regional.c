/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The regional archive against a real PostgreSQL, started here in a
 * temporary folder (initdb, pg_ctl on a Unix socket there, no TCP) and
 * stopped at the end: migrations, the publish → search → fetch round trip,
 * row-level security through each department's own connection, a publish
 * cut by killing its connection, an older version refused, anonymisation
 * in the stored text. Skipped when PostgreSQL's programs are missing. */
#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>
#include <unistd.h>

#include "cli/tf-cli-regional.h"
#include "core/tf-archive.h"
#include "core/tf-bundle.h"
#include "core/tf-store-private.h"
#include "regional/tf-pg-cluster.h"
#include "regional/tf-regional.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

static TfPgCluster *cluster;  /* NULL: no PostgreSQL here */
static char *skip_reason;

static char *
conninfo (const char *user,
          const char *db)
{
  return tf_pg_cluster_conninfo (cluster, user, db);
}

static PGconn *
pg_connect (const char *user,
            const char *db)
{
  g_autofree char *info = conninfo (user, db);
  PGconn *conn = PQconnectdb (info);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  return conn;
}

/* Runs @sql (one statement or several) and says whether it succeeded. */
static gboolean
pg_try (PGconn     *conn,
        const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK;

  PQclear (result);
  return ok;
}

static void
pg_exec (PGconn     *conn,
         const char *sql)
{
  if (!pg_try (conn, sql))
    g_error ("%s: %s", sql, PQerrorMessage (conn));
}

/* The first column of the one row @sql returns, as a number. */
static gint64
pg_int (PGconn     *conn,
        const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gint64 value;

  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return value;
}

/* Commands that change rows: how many they changed (-1 refused). */
static gint64
pg_changed (PGconn     *conn,
            const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gint64 n = PQresultStatus (result) == PGRES_COMMAND_OK || PQresultStatus (result) == PGRES_TUPLES_OK
    ? g_ascii_strtoll (PQcmdTuples (result), NULL, 10) : -1;

  PQclear (result);
  return n;
}

#define SKIP_WITHOUT_SERVER() \
  G_STMT_START { if (cluster == NULL) { g_test_skip (skip_reason); return; } } G_STMT_END

static TfRegional *
regional_as (const char *user,
             const char *db)
{
  g_autofree char *info = conninfo (user, db);
  g_autoptr(GError) error = NULL;
  TfRegional *regional = tf_regional_connect (info, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (tf_regional_get_role (regional), ==, user);
  return regional;
}

/* A fresh database with the catalogue, and the departments of the tests. */
static void
make_region (const char *db)
{
  PGconn *admin = pg_connect ("postgres", "postgres");
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", db);
  g_autoptr(TfRegional) regional = NULL;
  g_autoptr(GError) error = NULL;
  int from = -1;

  pg_exec (admin, create);
  PQfinish (admin);
  regional = regional_as ("postgres", db);
  g_assert_true (tf_regional_migrate (regional, 0, &from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 0);
  g_assert_cmpint (tf_regional_schema_version (regional, NULL), ==, TF_REGIONAL_SCHEMA_VERSION);
}

static void
make_departments (void)
{
  PGconn *admin = pg_connect ("postgres", "postgres");

  /* How docs/regional-archive.md says a region adds its departments. */
  pg_exec (admin, "CREATE ROLE lycees LOGIN IN ROLE transfo_department;"
                  "CREATE ROLE culture LOGIN IN ROLE transfo_department;"
                  "CREATE ROLE transports LOGIN IN ROLE transfo_department;"
                  "CREATE ROLE cellule LOGIN IN ROLE transfo_admin;"
                  "CREATE ROLE stranger LOGIN;");
  PQfinish (admin);
}

/* An archive with the demo, one quote without consent, and @n_more
 * experiments of their own title. */
static TfStore *
make_archive (const char  *path,
              gint64      *demo)
{
  g_autoptr(GError) error = NULL;
  TfStore *store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_DEMO, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  db = tf_store_get_db (store);
  *demo = tf_archive_find_demo (store);
  g_assert_cmpint (*demo, >, 0);
  tf_test_sql_exec (db, "UPDATE items SET text = 'UNCONSENTED-QUOTE-4410 des élus pressés',"
                        " payload = json_set (payload, '$.consent', 'to-check')"
                        " WHERE id = (SELECT min(id) FROM items WHERE kind = 'note')");
  return store;
}

static gint64
add_experiment (TfStore    *store,
                const char *title)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO experiments (uuid, title, department, start_date)"
                                          " VALUES (lower (hex (randomblob (16))), '%s', 'Tests', '2026-03-01')",
                                          title);

  tf_test_sql_exec (tf_store_get_db (store), sql);
  return sqlite3_last_insert_rowid (tf_store_get_db (store));
}

static gint64
publish (TfRegional           *regional,
         TfStore              *store,
         gint64                experiment,
         guint                 drop,
         TfRegionalVisibility  visibility,
         const char *const    *to)
{
  g_autoptr(GError) error = NULL;
  TfRegionalPublish options = { .drop = drop, .visibility = visibility, .visible_to = to };
  TfRegionalPublished published = { 0 };

  g_assert_true (tf_regional_publish (regional, store, experiment, &options, &published, &error));
  g_assert_no_error (error);
  g_assert_cmpint (published.id, >, 0);
  return published.id;
}

static GPtrArray *
search (TfRegional *regional,
        const char *text,
        const char *department)
{
  g_autoptr(GError) error = NULL;
  TfRegionalQuery query = TF_REGIONAL_QUERY_INIT;
  GPtrArray *hits;

  query.text = text;
  query.department = department;
  hits = tf_regional_search (regional, &query, &error);
  g_assert_no_error (error);
  return hits;
}

static gboolean
has_hit (GPtrArray *hits,
         gint64     id)
{
  for (guint i = 0; i < hits->len; i++)
    if (((TfRegionalHit *) g_ptr_array_index (hits, i))->id == id)
      return TRUE;
  return FALSE;
}

/* Migrations: from empty to the last version; from version 1 with an
 * experiment in it to the last, which makes it searchable; again is a
 * no-op; a role that is no department is refused clearly. */
static void
test_migrations (void)
{
  g_autoptr(TfRegional) regional = NULL, stranger = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  PGconn *admin;
  int from = -1;

  SKIP_WITHOUT_SERVER ();
  admin = pg_connect ("postgres", "postgres");
  pg_exec (admin, "CREATE DATABASE migrations");
  PQfinish (admin);

  regional = regional_as ("postgres", "migrations");
  g_assert_cmpint (tf_regional_schema_version (regional, &error), ==, 0);
  g_assert_no_error (error);
  /* Not initialised: said, not failed obscurely. */
  g_assert_null (tf_regional_search (regional, &(TfRegionalQuery) TF_REGIONAL_QUERY_INIT, &error));
  g_assert_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_SCHEMA);
  g_clear_error (&error);

  g_assert_true (tf_regional_migrate (regional, 1, &from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 0);
  g_assert_cmpint (tf_regional_schema_version (regional, NULL), ==, 1);
  /* This Transfo needs the last version. */
  g_assert_null (tf_regional_search (regional, &(TfRegionalQuery) TF_REGIONAL_QUERY_INIT, &error));
  g_assert_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_SCHEMA);
  g_clear_error (&error);

  /* What a version-1 Transfo had published. */
  admin = pg_connect ("postgres", "migrations");
  pg_exec (admin, "INSERT INTO transfo.experiments (source_uuid, department, version, source_modified, title,"
                  "   place, boards) VALUES ('u-1', 'lycees', 1, '2026-01-01T00:00:00.000Z', 'Cantine',"
                  "   'Lille', '{Mur}');"
                  "INSERT INTO transfo.versions (experiment_id, version, source_modified, bundle_sha256, bundle)"
                  "   SELECT id, 1, source_modified, 'x', '\\x00' FROM transfo.experiments;"
                  "INSERT INTO transfo.texts (experiment_id, board, kind, body)"
                  "   SELECT id, 'Mur', 'note', 'Les élèves mangent trop vite à la cantine' FROM transfo.experiments");

  g_assert_true (tf_regional_migrate (regional, 0, &from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 1);
  g_assert_cmpint (tf_regional_schema_version (regional, NULL), ==, TF_REGIONAL_SCHEMA_VERSION);
  /* Kept, and now found by a stemmed, unaccented word of its texts. */
  g_assert_cmpint (pg_int (admin, "SELECT count(*) FROM transfo.versions"), ==, 1);
  hits = search (regional, "eleve", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((TfRegionalHit *) g_ptr_array_index (hits, 0))->title, ==, "Cantine");
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_assert_cmpint (pg_int (admin, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'transfo'"
                                  " AND indexname = 'experiments_search' AND indexdef LIKE '%USING gin%'"), ==, 1);
  PQfinish (admin);

  /* Again: nothing to do. */
  g_assert_true (tf_regional_migrate (regional, 0, &from, &error));
  g_assert_cmpint (from, ==, TF_REGIONAL_SCHEMA_VERSION);

  /* A role that is no department reads nothing, and is told why. */
  stranger = regional_as ("stranger", "migrations");
  g_assert_null (tf_regional_search (stranger, &(TfRegionalQuery) TF_REGIONAL_QUERY_INIT, &error));
  g_assert_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_DENIED);
}

/* The plan of @sql (EXPLAIN), its lines joined. */
static char *
pg_plan (PGconn     *conn,
         const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN ", sql, NULL);
  PGresult *result = PQexec (conn, explain);
  GString *plan = g_string_new (NULL);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", explain, PQerrorMessage (conn));
  for (int r = 0; r < PQntuples (result); r++)
    g_string_append_printf (plan, "%s\n", PQgetvalue (result, r, 0));
  PQclear (result);
  return g_string_free (plan, FALSE);
}

/* From version 2 with published experiments to 3: at version 2 a
 * department's search could not use the GIN index (row-level security
 * runs no condition before its policies unless it is leakproof, and the
 * built-in @@ is not); version 3's transfo.@@ is, and its index is used,
 * checked in the plan of a department's own connection. */
static void
test_migration_search_index (void)
{
#define MATCHING(operator) \
  "SELECT id FROM transfo.experiments WHERE search " operator " websearch_to_tsquery ('transfo.fr', 'cantine')"
  const char *builtin = MATCHING ("@@"), *ours = MATCHING ("OPERATOR (transfo.@@)");
#undef MATCHING
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(TfRegional) regional = NULL, culture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  PGconn *admin, *department;
  int from = -1;

  SKIP_WITHOUT_SERVER ();
  admin = pg_connect ("postgres", "postgres");
  pg_exec (admin, "CREATE DATABASE migration3");
  PQfinish (admin);
  regional = regional_as ("postgres", "migration3");
  g_assert_true (tf_regional_migrate (regional, 2, &from, &error));
  g_assert_no_error (error);

  /* What a version-2 Transfo had published: searchable documents. */
  admin = pg_connect ("postgres", "migration3");
  pg_exec (admin, "INSERT INTO transfo.experiments (source_uuid, department, version, source_modified, title, place)"
                  "   VALUES ('u-1', 'lycees', 1, '2026-01-01T00:00:00.000Z', 'Cantine du lycée', 'Lille'),"
                  "          ('u-2', 'lycees', 1, '2026-01-02T00:00:00.000Z', 'Gare', 'Arras');"
                  "UPDATE transfo.experiments SET search = transfo.document (title, 'A');");
  department = pg_connect ("culture", "migration3");
  pg_exec (department, "SET search_path = pg_catalog; SET enable_seqscan = off");
  before = pg_plan (department, builtin);
  g_assert_null (strstr (before, "experiments_search"));

  g_assert_true (tf_regional_migrate (regional, 0, &from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 2);
  g_assert_cmpint (tf_regional_schema_version (regional, NULL), ==, 3);
  g_assert_cmpint (pg_int (admin, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'transfo'"
                                  " AND indexname = 'experiments_search' AND indexdef LIKE '%transfo.search_ops%'"
                                  " AND indexdef LIKE '%fastupdate%off%'"), ==, 1);
  after = pg_plan (department, ours);
  g_assert_nonnull (strstr (after, "Bitmap Index Scan on experiments_search"));
  /* Still found, and only what the department may see. */
  culture = regional_as ("culture", "migration3");
  hits = search (culture, "cantines", NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((TfRegionalHit *) g_ptr_array_index (hits, 0))->title, ==, "Cantine du lycée");
  pg_exec (admin, "UPDATE transfo.experiments SET visibility = 'department'");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (culture, "cantines", NULL);
  g_assert_cmpuint (hits->len, ==, 0);
  PQfinish (department);
  PQfinish (admin);
}

/* Publish → search → fetch: the experiment fetched into another archive
 * (through the bundle import) equals the local one; re-publishing keeps
 * the history; anonymisation holds in the stored text and bundle; an
 * older version is refused and changes nothing. */
static void
test_round_trip (void)
{
  g_autofree char *a_path = tf_test_archive_path ("regional-a");
  g_autofree char *b_path = tf_test_archive_path ("regional-b");
  g_autoptr(TfStore) a = NULL, b = NULL;
  g_autoptr(TfRegional) lycees = NULL, culture = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TfBundle) bundle = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *version_sql = NULL, *history_sql = NULL;
  gint64 demo, id, imported;
  PGconn *admin;

  SKIP_WITHOUT_SERVER ();
  a = make_archive (a_path, &demo);
  lycees = regional_as ("lycees", "transfo");
  culture = regional_as ("culture", "transfo");
  id = publish (lycees, a, demo, 0, TF_REGIONAL_VISIBLE_KEEP, NULL);

  /* Another department finds it: French stems, no accents typed,
   * English stems, and with a department filter. */
  hits = search (culture, "elus regionaux", NULL);
  g_assert_true (has_hit (hits, id));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (culture, "élu", "lycees");
  g_assert_true (has_hit (hits, id));
  g_assert_cmpstr (((TfRegionalHit *) g_ptr_array_index (hits, 0))->department, ==, "lycees");
  g_assert_cmpint (((TfRegionalHit *) g_ptr_array_index (hits, 0))->version, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (culture, "élu", "culture");
  g_assert_false (has_hit (hits, id));
  g_clear_pointer (&hits, g_ptr_array_unref);

  bytes = tf_regional_fetch (culture, id, 0, &error);
  g_assert_no_error (error);
  bundle = tf_bundle_open_bytes (bytes, "region", &error);
  g_assert_no_error (error);
  b = tf_store_open (b_path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  command = tf_bundle_import_command (bundle, 0);
  g_assert_true (tf_command_execute (command, b, &error));
  g_assert_no_error (error);
  imported = tf_command_get_result_id (command);
  before = tf_test_describe_experiment (tf_store_get_db (a), demo);
  after = tf_test_describe_experiment (tf_store_get_db (b), imported);
  g_assert_cmpstr (before, ==, after);

  /* Version 2, anonymised: the quote without consent is in no stored
   * text, no searchable document and no bundle of the current version,
   * while version 1 is kept as it was. */
  tf_test_sql_exec (tf_store_get_db (a), "UPDATE experiments SET modified_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now', '+1 second')");
  g_assert_cmpint (publish (lycees, a, demo, TF_BUNDLE_DROP_ALL, TF_REGIONAL_VISIBLE_KEEP, NULL), ==, id);
  admin = pg_connect ("postgres", "transfo");
  version_sql = g_strdup_printf ("SELECT version FROM transfo.experiments WHERE id = %" G_GINT64_FORMAT, id);
  history_sql = g_strdup_printf ("SELECT count(*) FROM transfo.versions WHERE experiment_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (pg_int (admin, version_sql), ==, 2);
  g_assert_cmpint (pg_int (admin, history_sql), ==, 2);
  g_assert_cmpint (pg_int (admin, "SELECT count(*) FROM transfo.texts WHERE body LIKE '%UNCONSENTED-QUOTE-4410%'"),
                   ==, 0);
  g_assert_cmpint (pg_int (admin, "SELECT count(*) FROM transfo.texts"), >, 10);
  g_assert_cmpint (pg_int (admin, "SELECT count(*) FROM transfo.experiments"
                                  " WHERE search @@ transfo.query ('UNCONSENTED')"), ==, 0);
  g_assert_cmpint (pg_int (admin, "SELECT position ('UNCONSENTED-QUOTE-4410'::bytea IN bundle) FROM transfo.versions"
                                  " WHERE version = 2"), ==, 0);
  g_assert_cmpint (pg_int (admin, "SELECT position ('UNCONSENTED-QUOTE-4410'::bytea IN bundle) FROM transfo.versions"
                                  " WHERE version = 1"), >, 0);
  g_assert_cmpint (pg_int (admin, "SELECT anonymised FROM transfo.versions WHERE version = 2"), ==,
                   TF_BUNDLE_DROP_ALL);
  /* Version 1 can still be fetched. */
  {
    g_autoptr(GBytes) first = tf_regional_fetch (culture, id, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (first), ==, g_bytes_get_size (bytes));
  }

  /* An older copy (another laptop's, changed before version 2) is refused
   * with a clear message, and the region is unchanged. */
  tf_test_sql_exec (tf_store_get_db (a), "UPDATE experiments SET modified_at = '2001-01-01T00:00:00.000Z'");
  {
    TfRegionalPublish options = { 0 };

    g_assert_false (tf_regional_publish (lycees, a, demo, &options, NULL, &error));
    g_assert_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_OLDER);
    g_assert_nonnull (strstr (error->message, "newer version"));
    g_clear_error (&error);
  }
  g_assert_cmpint (pg_int (admin, version_sql), ==, 2);
  g_assert_cmpint (pg_int (admin, history_sql), ==, 2);
  PQfinish (admin);

  tf_store_close (a);
  tf_store_close (b);
  tf_test_remove_archive (a_path);
  tf_test_remove_archive (b_path);
}

/* Who sees what, checked with each role's own connection, through the
 * client and in plain SQL (the database decides, not Transfo). */
static void
test_row_security (void)
{
  g_autofree char *path = tf_test_archive_path ("regional-rls");
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfRegional) culture = NULL, lycees = NULL, transports = NULL, cellule = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  const char *const to_lycees[] = { "lycees", NULL };
  gint64 demo, own, chosen, region;
  g_autofree char *sql = NULL;
  PGconn *as_lycees, *as_transports;

  SKIP_WITHOUT_SERVER ();
  store = make_archive (path, &demo);
  culture = regional_as ("culture", "transfo");
  lycees = regional_as ("lycees", "transfo");
  transports = regional_as ("transports", "transfo");
  cellule = regional_as ("cellule", "transfo");
  own = publish (culture, store, add_experiment (store, "Archives secrètes du musée"),
                 0, TF_REGIONAL_VISIBLE_DEPARTMENT, NULL);
  chosen = publish (culture, store, add_experiment (store, "Musée et lycées partagés"),
                    0, TF_REGIONAL_VISIBLE_DEPARTMENTS, to_lycees);
  region = publish (culture, store, add_experiment (store, "Musée ouvert à tous"),
                    0, TF_REGIONAL_VISIBLE_REGION, NULL);

  /* Seeing: culture all three, lycees the chosen and the region's,
   * transports the region's, the administrator all. */
  hits = search (culture, "musee", NULL);
  g_assert_true (has_hit (hits, own) && has_hit (hits, chosen) && has_hit (hits, region));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (lycees, "musee", NULL);
  g_assert_true (!has_hit (hits, own) && has_hit (hits, chosen) && has_hit (hits, region));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (transports, "musee", NULL);
  g_assert_true (!has_hit (hits, own) && !has_hit (hits, chosen) && has_hit (hits, region));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (cellule, "musee", NULL);
  g_assert_true (has_hit (hits, own) && has_hit (hits, chosen) && has_hit (hits, region));
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* What the window offers to withdraw: its own, or all for an
   * administrator (the server says so; the policies decide anyway). */
  hits = search (lycees, "musee", NULL);
  for (guint i = 0; i < hits->len; i++)
    g_assert_false (((TfRegionalHit *) g_ptr_array_index (hits, i))->may_withdraw);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (cellule, "musee", NULL);
  for (guint i = 0; i < hits->len; i++)
    g_assert_true (((TfRegionalHit *) g_ptr_array_index (hits, i))->may_withdraw);
  g_clear_pointer (&hits, g_ptr_array_unref);
  /* Pages: two, then the third, in the same order, then no more. */
  {
    TfRegionalQuery query = TF_REGIONAL_QUERY_INIT;
    g_autoptr(GPtrArray) all = search (culture, "musee", NULL);
    g_autoptr(GPtrArray) first = NULL, second = NULL;
    gboolean more = FALSE;

    g_assert_cmpuint (all->len, ==, 3);
    query.text = "musee";
    query.limit = 2;
    first = tf_regional_search_page (culture, &query, &more, &error);
    g_assert_no_error (error);
    g_assert_true (more);
    g_assert_cmpuint (first->len, ==, 2);
    query.offset = 2;
    second = tf_regional_search_page (culture, &query, &more, &error);
    g_assert_no_error (error);
    g_assert_false (more);
    g_assert_cmpuint (second->len, ==, 1);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpint (((TfRegionalHit *) g_ptr_array_index (all, i))->id, ==,
                       ((TfRegionalHit *) g_ptr_array_index (i < 2 ? first : second, i < 2 ? i : 0))->id);
    g_assert_true (((TfRegionalHit *) g_ptr_array_index (all, 0))->may_withdraw);
  }

  /* Fetching what one may not see: not found. */
  g_assert_null (tf_regional_fetch (transports, chosen, 0, &error));
  g_assert_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Replacing or withdrawing another department's: refused. */
  g_assert_false (tf_regional_withdraw (lycees, chosen, &error));
  g_assert_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (tf_regional_withdraw (transports, own, &error));
  g_assert_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  tf_test_sql_exec (tf_store_get_db (store), "UPDATE experiments SET modified_at = '2099-01-01T00:00:00.000Z'");
  {
    TfRegionalPublish options = { 0 };
    gint64 regional_ids[] = { chosen, own };

    for (guint i = 0; i < G_N_ELEMENTS (regional_ids); i++)
      {
        g_autofree char *title_sql = g_strdup_printf ("SELECT id FROM experiments WHERE title = '%s'",
                                                      i == 0 ? "Musée et lycées partagés" : "Archives secrètes du musée");
        gint64 local = tf_test_sql_int (tf_store_get_db (store), title_sql);

        g_assert_false (tf_regional_publish (lycees, store, local, &options, NULL, &error));
        g_assert_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_DENIED);
        g_clear_error (&error);
      }
  }

  /* In plain SQL with the department's own connection. */
  as_lycees = pg_connect ("lycees", "transfo");
  as_transports = pg_connect ("transports", "transfo");
  g_assert_cmpint (pg_int (as_lycees, "SELECT count(*) FROM transfo.experiments WHERE department = 'culture'"), ==, 2);
  g_assert_cmpint (pg_int (as_transports, "SELECT count(*) FROM transfo.experiments WHERE department = 'culture'"),
                   ==, 1);
  g_assert_cmpint (pg_int (as_transports, "SELECT count(*) FROM transfo.versions v JOIN transfo.experiments e"
                                          " ON e.id = v.experiment_id WHERE e.department = 'culture'"), ==, 1);
  g_assert_cmpint (pg_int (as_transports, "SELECT count(*) FROM transfo.texts t JOIN transfo.experiments e"
                                          " ON e.id = t.experiment_id WHERE e.department = 'culture'"), ==, 0);
  g_assert_cmpint (pg_changed (as_lycees, "UPDATE transfo.experiments SET title = 'pris', department = 'lycees'"
                                          " WHERE department = 'culture'"), ==, 0);
  g_assert_cmpint (pg_changed (as_lycees, "DELETE FROM transfo.experiments WHERE department = 'culture'"), ==, 0);
  g_assert_cmpint (pg_changed (as_lycees, "DELETE FROM transfo.versions WHERE experiment_id IN"
                                          " (SELECT id FROM transfo.experiments WHERE department = 'culture')"), ==, 0);
  g_assert_cmpint (pg_changed (as_lycees, "DELETE FROM transfo.texts WHERE experiment_id IN"
                                          " (SELECT id FROM transfo.experiments WHERE department = 'culture')"), ==, 0);
  /* Its own experiment cannot be given away to another department. */
  g_assert_cmpint (pg_changed (as_lycees, "UPDATE transfo.experiments SET department = 'culture'"
                                          " WHERE department = 'lycees'"), ==, -1);
  g_assert_cmpint (pg_changed (as_lycees, "UPDATE transfo.versions SET bundle = '\\x00'"), ==, -1);
  /* Publishing in another department's name, or making a visible one
   * its own: refused by the policies. */
  g_assert_cmpint (pg_changed (as_lycees, "INSERT INTO transfo.experiments (source_uuid, department, version,"
                                          " source_modified, title) VALUES ('forged', 'culture', 1, '', 'x')"), ==, -1);
  sql = g_strdup_printf ("INSERT INTO transfo.versions (experiment_id, version, source_modified, bundle_sha256,"
                         " bundle) VALUES (%" G_GINT64_FORMAT ", 9, '', 'x', '\\x00')", chosen);
  g_assert_cmpint (pg_changed (as_lycees, sql), ==, -1);
  PQfinish (as_lycees);
  PQfinish (as_transports);
  {
    PGconn *admin = pg_connect ("postgres", "transfo");
    g_autofree char *title_sql = g_strdup_printf ("SELECT count(*) FROM transfo.experiments WHERE title = 'pris'"
                                                  " OR id = %" G_GINT64_FORMAT, own);

    g_assert_cmpint (pg_int (admin, title_sql), ==, 1);
    PQfinish (admin);
  }

  /* The publishing department and the administrator may withdraw. */
  g_assert_true (tf_regional_withdraw (culture, region, &error));
  g_assert_no_error (error);
  g_assert_true (tf_regional_withdraw (cellule, own, &error));
  g_assert_no_error (error);
  hits = search (cellule, "musee", NULL);
  g_assert_true (!has_hit (hits, own) && has_hit (hits, chosen) && !has_hit (hits, region));

  tf_store_close (store);
  tf_test_remove_archive (path);
}

typedef struct {
  PGconn *admin;
  int     killed;
} Killer;

/* In the middle of the publish's transaction, its server process ends. */
static void
kill_publisher (TfRegional *regional,
                gpointer    data)
{
  Killer *killer = data;
  g_autofree char *sql = g_strdup_printf ("SELECT pg_terminate_backend (%d, 30000)::int",
                                          tf_regional_get_backend_pid (regional));

  killer->killed = (int) pg_int (killer->admin, sql);
}

static void
test_interrupted (void)
{
  g_autofree char *path = tf_test_archive_path ("regional-cut");
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfRegional) transports = NULL;
  g_autoptr(GError) error = NULL;
  TfRegionalPublish options = { 0 };
  const char *count_sql = "SELECT (SELECT count(*) FROM transfo.experiments) * 1000000"
                          " + (SELECT count(*) FROM transfo.versions) * 1000 + (SELECT count(*) FROM transfo.texts)";
  Killer killer = { 0 };
  gint64 demo, local, before, id;
  g_autofree char *check = NULL;

  SKIP_WITHOUT_SERVER ();
  store = make_archive (path, &demo);
  killer.admin = pg_connect ("postgres", "transfo");
  transports = regional_as ("transports", "transfo");
  /* The demo is lycees' in this region: an experiment of its own. */
  local = add_experiment (store, "Navettes du soir");
  id = publish (transports, store, local, 0, TF_REGIONAL_VISIBLE_DEPARTMENT, NULL);
  before = pg_int (killer.admin, count_sql);

  /* A new version, cut before it commits: the region keeps version 1. */
  tf_test_sql_exec (tf_store_get_db (store), "UPDATE experiments SET modified_at = '2099-06-01T00:00:00.000Z'");
  tf_regional_set_publish_hook (transports, kill_publisher, &killer);
  g_assert_false (tf_regional_publish (transports, store, local, &options, NULL, &error));
  g_assert_cmpint (killer.killed, ==, 1);
  g_assert_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_LOST);
  g_assert_cmpint (pg_int (killer.admin, count_sql), ==, before);
  check = g_strdup_printf ("SELECT version FROM transfo.experiments WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (pg_int (killer.admin, check), ==, 1);
  PQfinish (killer.admin);

  tf_store_close (store);
  tf_test_remove_archive (path);
}

/* `--regional CONNINFO` is taken out of the arguments wherever it is (the
 * window's as well as a command's) and kept for the run; without it,
 * $TRANSFO_REGIONAL. No server needed. */
static void
test_command_line (void)
{
  char *args[] = { "transfo", "--archive", "/tmp/a.sqlite", "--regional", "host=/run/pg dbname=region",
                   "demo.transfo", NULL };
  char *equals[] = { "transfo", "--regional=service=region", NULL };
  int n = G_N_ELEMENTS (args) - 1;

  g_unsetenv ("TRANSFO_REGIONAL");
  tf_cli_take_regional (&n, args);
  g_assert_cmpint (n, ==, 4);
  g_assert_cmpstr (args[1], ==, "--archive");
  g_assert_cmpstr (args[3], ==, "demo.transfo");
  g_assert_null (args[4]);
  g_assert_cmpstr (tf_regional_get_command_line_conninfo (), ==, "host=/run/pg dbname=region");

  n = G_N_ELEMENTS (equals) - 1;
  tf_cli_take_regional (&n, equals);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpstr (tf_regional_get_command_line_conninfo (), ==, "service=region");

  /* Not given: the environment's, else none. */
  n = 1;
  g_setenv ("TRANSFO_REGIONAL", "dbname=from-env", TRUE);
  tf_cli_take_regional (&n, args);
  g_assert_cmpstr (tf_regional_get_command_line_conninfo (), ==, "dbname=from-env");
  g_unsetenv ("TRANSFO_REGIONAL");
  tf_cli_take_regional (&n, args);
  g_assert_null (tf_regional_get_command_line_conninfo ());
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();
  if ((cluster = tf_pg_cluster_start (NULL, FALSE, NULL, &error)) != NULL)
    {
      make_region ("transfo");
      make_departments ();
    }
  else if (g_error_matches (error, TF_PG_CLUSTER_ERROR, TF_PG_CLUSTER_ERROR_MISSING))
    skip_reason = g_strdup (error->message);
  else
    g_error ("The test's PostgreSQL did not start: %s", error->message);
  g_test_add_func ("/regional/command-line", test_command_line);
  g_test_add_func ("/regional/migrations", test_migrations);
  g_test_add_func ("/regional/migration-search-index", test_migration_search_index);
  g_test_add_func ("/regional/round-trip", test_round_trip);
  g_test_add_func ("/regional/row-security", test_row_security);
  g_test_add_func ("/regional/interrupted", test_interrupted);
  status = g_test_run ();
  g_clear_pointer (&cluster, tf_pg_cluster_stop);
  g_free (skip_reason);
  return status;
}
