/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-regional"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "bundles/tf-bundle-share.h"
#include "tf-regional.h"
#include "tf-regional-resources.h"

/* Every PostgreSQL statement Transfo runs, but the schema's (regional/sql/). */

struct _TfRegional
{
  PGconn    *conn;
  GMutex     cancel_lock;
  PGcancel  *cancel;
  char      *role;
  void     (*hook) (TfRegional *regional, gpointer data);
  gpointer   hook_data;
};

/* The migrations, in order: version N is migrations[N - 1]. */
static const char *const migrations[] = {
  "/fr/transfo/regional/001-catalogue.sql",
  "/fr/transfo/regional/002-search.sql",
  "/fr/transfo/regional/003-search-index.sql",
};
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TF_REGIONAL_SCHEMA_VERSION);

/* Any number: the key of the lock that serialises migrations. */
#define MIGRATION_LOCK "5463526567696f6e"

G_DEFINE_QUARK (tf-regional-error-quark, tf_regional_error)

static char *command_line_conninfo;

const char *
tf_regional_get_command_line_conninfo (void)
{
  return command_line_conninfo;
}

void
tf_regional_set_command_line_conninfo (const char *conninfo)
{
  g_free (command_line_conninfo);
  command_line_conninfo = conninfo != NULL && conninfo[0] != '\0' ? g_strdup (conninfo) : NULL;
}

static GResource *
migrations_resource (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      tf_regional_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  return tf_regional_get_resource ();
}

static void
ignore_notice (void       *data,
               const char *message)
{
}

/* The error of a failed statement (or of a lost connection), worded for
 * the user: @what says what was being done. */
static gboolean
fail_result (TfRegional  *self,
             PGresult    *result,
             const char  *what,
             GError     **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *message = g_strdup (primary != NULL ? primary : PQerrorMessage (self->conn));

  g_strstrip (message);
  if (PQstatus (self->conn) != CONNECTION_OK || (state != NULL && g_str_has_prefix (state, "08")) ||
      g_strcmp0 (state, "57P01") == 0)
    g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_LOST,
                 /* TRANSLATORS: %s says what was being done */
                 _("The connection to the regional archive was lost while %s; nothing was changed there"),
                 what);
  else if (g_strcmp0 (state, "57014") == 0 || g_strcmp0 (state, "55P03") == 0)
    g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_TIMEOUT,
                 _("The regional archive took too long while %s (or it was cancelled); nothing was changed there"),
                 what);
  else if (g_strcmp0 (state, "42501") == 0)
    g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_DENIED,
                 _("The regional archive does not allow this role to do that while %s: %s"), what, message);
  else
    g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_FAILED,
                 _("The regional archive failed while %s: %s"), what, message);
  return FALSE;
}

/* Runs @sql with text parameters (NULL is SQL's NULL); @binary, when not
 * NULL, is one more parameter, last, sent as bytes. Returns the result of
 * a command or a query that succeeded, else NULL with @error set. */
static PGresult *
run (TfRegional    *self,
     const char    *what,
     GError       **error,
     const char    *sql,
     int            n_params,
     const char   **params,
     GBytes        *binary)
{
  g_autofree const char **values = g_new0 (const char *, n_params + 1);
  g_autofree int *lengths = g_new0 (int, n_params + 1);
  g_autofree int *formats = g_new0 (int, n_params + 1);
  int n = n_params;
  PGresult *result;

  for (int i = 0; i < n_params; i++)
    values[i] = params[i];
  if (binary != NULL)
    {
      gsize size;

      values[n] = g_bytes_get_data (binary, &size);
      if (size > G_MAXINT)
        {
          g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_FAILED,
                       _("The regional archive failed while %s: %s"), what, _("the bundle is too large"));
          return NULL;
        }
      lengths[n] = (int) size;
      formats[n] = 1;
      n++;
    }
  result = PQexecParams (self->conn, sql, n, NULL, values, lengths, formats, 0);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      fail_result (self, result, what, error);
      PQclear (result);
      return NULL;
    }
  return result;
}

/* Runs a statement whose result is not needed. */
static gboolean
exec (TfRegional  *self,
      const char  *what,
      GError     **error,
      const char  *sql)
{
  PGresult *result = run (self, what, error, sql, 0, NULL, NULL);

  PQclear (result);
  return result != NULL;
}

static void
rollback (TfRegional *self)
{
  if (PQstatus (self->conn) == CONNECTION_OK && PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    PQclear (PQexec (self->conn, "ROLLBACK"));
}

TfRegional *
tf_regional_connect (const char  *conninfo,
                     GError     **error)
{
  /* Ours first: what @conninfo says wins (libpq keeps the last value). */
  g_autofree char *connect_timeout = g_strdup_printf ("%d", TF_REGIONAL_CONNECT_TIMEOUT_S);
  g_autofree char *user_timeout = g_strdup_printf ("%d", TF_REGIONAL_STATEMENT_TIMEOUT_MS + 5000);
  const char *keywords[] = {
    "connect_timeout", "tcp_user_timeout", "keepalives_idle", "keepalives_interval", "keepalives_count",
    "application_name", "dbname", "client_encoding", NULL,
  };
  const char *values[] = {
    connect_timeout, user_timeout, "30", "10", "3",
    "transfo", conninfo, "UTF8", NULL,
  };
  g_autoptr(TfRegional) self = g_new0 (TfRegional, 1);
  g_autofree char *setup = NULL;
  PGresult *result;

  g_mutex_init (&self->cancel_lock);
  if (conninfo == NULL || conninfo[0] == '\0')
    {
      g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_CONNECT,
                   _("No regional archive is configured (a PostgreSQL connection string)"));
      return NULL;
    }
  self->conn = PQconnectdbParams (keywords, values, 1);
  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *reason = g_strdup (self->conn != NULL ? PQerrorMessage (self->conn) : "");

      g_strdelimit (g_strstrip (reason), "\n", ' ');
      g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_CONNECT,
                   _("The regional archive cannot be reached: %s"), reason);
      return NULL;
    }
  PQsetNoticeProcessor (self->conn, ignore_notice, NULL);
  self->cancel = PQgetCancel (self->conn);
  /* Nothing of a user's search_path, and every statement bounded. */
  setup = g_strdup_printf ("SET search_path = pg_catalog;"
                           " SET statement_timeout = %d; SET lock_timeout = %d;"
                           " SET idle_in_transaction_session_timeout = %d;"
                           " SELECT current_user",
                           TF_REGIONAL_STATEMENT_TIMEOUT_MS, TF_REGIONAL_LOCK_TIMEOUT_MS,
                           TF_REGIONAL_STATEMENT_TIMEOUT_MS);
  result = PQexec (self->conn, setup);
  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    {
      fail_result (self, result, _("connecting"), error);
      PQclear (result);
      return NULL;
    }
  self->role = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return g_steal_pointer (&self);
}

void
tf_regional_close (TfRegional *self)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->cancel_lock);
  g_clear_pointer (&self->cancel, PQfreeCancel);
  g_mutex_unlock (&self->cancel_lock);
  g_clear_pointer (&self->conn, PQfinish);
  g_mutex_clear (&self->cancel_lock);
  g_free (self->role);
  g_free (self);
}

const char *
tf_regional_get_role (TfRegional *self)
{
  return self->role;
}

int
tf_regional_get_backend_pid (TfRegional *self)
{
  return PQbackendPID (self->conn);
}

void
tf_regional_cancel (TfRegional *self)
{
  char reason[256];

  g_mutex_lock (&self->cancel_lock);
  if (self->cancel != NULL)
    PQcancel (self->cancel, reason, sizeof reason);
  g_mutex_unlock (&self->cancel_lock);
}

void
tf_regional_set_publish_hook (TfRegional  *self,
                              void       (*hook) (TfRegional *regional, gpointer data),
                              gpointer     data)
{
  self->hook = hook;
  self->hook_data = data;
}

/* Schema */

static int
read_version (TfRegional  *self,
              GError     **error)
{
  const char *what = _("reading its version");
  PGresult *result = run (self, what, error, "SELECT to_regclass ('transfo.schema_version') IS NOT NULL",
                          0, NULL, NULL);
  gboolean exists;
  int version;

  if (result == NULL)
    return -1;
  exists = g_str_equal (PQgetvalue (result, 0, 0), "t");
  PQclear (result);
  if (!exists)
    return 0;
  if ((result = run (self, what, error, "SELECT version FROM transfo.schema_version", 0, NULL, NULL)) == NULL)
    return -1;
  version = PQntuples (result) == 1 ? atoi (PQgetvalue (result, 0, 0)) : -1;
  PQclear (result);
  if (version < 0)
    g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_SCHEMA,
                 _("The regional archive’s schema is damaged: its version cannot be read"));
  return version;
}

int
tf_regional_schema_version (TfRegional  *self,
                            GError     **error)
{
  return read_version (self, error);
}

/* Refuses to work on a schema this Transfo does not know. */
static gboolean
check_schema (TfRegional  *self,
              GError     **error)
{
  int version = read_version (self, error);

  if (version < 0)
    return FALSE;
  if (version == 0)
    return g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_SCHEMA,
                        _("This database is not a regional archive yet: an administrator runs “transfo regional init” once")),
           FALSE;
  if (version < TF_REGIONAL_SCHEMA_VERSION)
    return g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_SCHEMA,
                        _("The regional archive is at version %d and this Transfo needs version %d: an administrator runs “transfo regional init” to bring it up to date"),
                        version, TF_REGIONAL_SCHEMA_VERSION),
           FALSE;
  if (version > TF_REGIONAL_SCHEMA_VERSION)
    return g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_SCHEMA,
                        _("The regional archive was made by a newer Transfo (version %d; this one knows %d): update Transfo"),
                        version, TF_REGIONAL_SCHEMA_VERSION),
           FALSE;
  return TRUE;
}

gboolean
tf_regional_migrate (TfRegional  *self,
                     int          target,
                     int         *from,
                     GError     **error)
{
  const char *what = _("updating its schema");
  int version;

  if (target <= 0)
    target = TF_REGIONAL_SCHEMA_VERSION;
  g_return_val_if_fail (target <= TF_REGIONAL_SCHEMA_VERSION, FALSE);
  if (!exec (self, what, error, "BEGIN") ||
      !exec (self, what, error, "SELECT pg_advisory_xact_lock (x'" MIGRATION_LOCK "'::bigint)"))
    goto failed;
  if ((version = read_version (self, error)) < 0)
    goto failed;
  if (from != NULL)
    *from = version;
  if (version > TF_REGIONAL_SCHEMA_VERSION)
    {
      g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_SCHEMA,
                   _("The regional archive was made by a newer Transfo (version %d; this one knows %d): update Transfo"),
                   version, TF_REGIONAL_SCHEMA_VERSION);
      goto failed;
    }
  for (int v = version + 1; v <= target; v++)
    {
      g_autoptr(GBytes) script = g_resource_lookup_data (migrations_resource (), migrations[v - 1],
                                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autofree char *text = g_strndup (g_bytes_get_data (script, NULL), g_bytes_get_size (script));
      g_autofree char *step = g_strdup_printf ("UPDATE transfo.schema_version SET version = %d", v);
      PGresult *result = PQexec (self->conn, text);

      /* Several statements: the simple query protocol, in our transaction. */
      if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
        {
          fail_result (self, result, what, error);
          PQclear (result);
          goto failed;
        }
      PQclear (result);
      if (!exec (self, what, error, step))
        goto failed;
    }
  if (!exec (self, what, error, "COMMIT"))
    goto failed;
  return TRUE;

failed:
  rollback (self);
  return FALSE;
}

/* Publishing */

/* A PostgreSQL array literal of @n texts. */
static char *
array_literal (const char *const *texts,
               guint              n)
{
  GString *out = g_string_new ("{");

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      for (const char *p = texts[i]; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static char *
array_of (GPtrArray *texts)
{
  return array_literal ((const char *const *) texts->pdata, texts->len);
}

static const char *
visibility_name (TfRegionalVisibility visibility)
{
  switch (visibility)
    {
    case TF_REGIONAL_VISIBLE_DEPARTMENTS:
      return "departments";
    case TF_REGIONAL_VISIBLE_DEPARTMENT:
      return "department";
    case TF_REGIONAL_VISIBLE_REGION:
      return "region";
    case TF_REGIONAL_VISIBLE_KEEP:
    default:
      return NULL;
    }
}

/* The refusal of a publish over another department's experiment (seen or
 * not: the database's rules hide or protect it). */
static void
refuse_not_ours (const char  *title,
                 GError     **error)
{
  g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_DENIED,
               _("“%s” was published by another department: only that department or an administrator can replace it; nothing was published"),
               title);
}

gboolean
tf_regional_publish_bundle (TfRegional               *self,
                            GBytes                   *bytes,
                            const TfRegionalPublish  *options,
                            TfRegionalPublished      *published,
                            GError                  **error)
{
  const char *what = _("publishing");
  g_autoptr(TfBundle) bundle = NULL;
  g_autoptr(TfBundleContents) contents = NULL;
  g_autoptr(GPtrArray) text_boards = g_ptr_array_new ();
  g_autoptr(GPtrArray) text_kinds = g_ptr_array_new ();
  g_autoptr(GPtrArray) text_bodies = g_ptr_array_new ();
  g_autofree char *sha256 = NULL, *tags = NULL, *boards = NULL, *phase = NULL, *anonymised = NULL;
  g_autofree char *a_boards = NULL, *a_kinds = NULL, *a_bodies = NULL, *visible_to = NULL;
  g_autofree char *id_text = NULL, *version_text = NULL;
  const char *visibility = visibility_name (options->visibility);
  const TfBundleInfo *info;
  PGresult *result = NULL;
  gint64 id = 0;
  int version = 1;

  /* What is published is checked as any bundle from elsewhere would be,
   * and what is searchable is read from it: anonymised as it is. */
  if ((bundle = tf_bundle_open_bytes (bytes, _("The experiment’s bundle"), error)) == NULL ||
      (contents = tf_bundle_read_contents (bundle, error)) == NULL)
    return FALSE;
  info = tf_bundle_get_info (bundle);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  tags = array_of (contents->tags);
  boards = array_of (contents->boards);
  phase = g_strdup_printf ("%d", contents->phase);
  anonymised = g_strdup_printf ("%u", info->anonymised);
  for (guint i = 0; i < contents->texts->len; i++)
    {
      TfBundleText *text = g_ptr_array_index (contents->texts, i);

      g_ptr_array_add (text_boards, g_ptr_array_index (contents->boards, text->board));
      g_ptr_array_add (text_kinds, text->kind);
      g_ptr_array_add (text_bodies, text->text);
    }
  a_boards = array_of (text_boards);
  a_kinds = array_of (text_kinds);
  a_bodies = array_of (text_bodies);
  visible_to = options->visible_to != NULL
    ? array_literal (options->visible_to, g_strv_length ((char **) options->visible_to)) : g_strdup ("{}");

  if (!check_schema (self, error) || !exec (self, what, error, "BEGIN"))
    goto failed;

  {
    const char *params[] = { info->source_uuid };

    result = run (self, what, error,
                  "SELECT id, version, source_modified, department FROM transfo.experiments"
                  " WHERE source_uuid = $1 FOR UPDATE",
                  1, params, NULL);
    if (result == NULL)
      goto failed;
  }
  if (PQntuples (result) == 1)
    {
      const char *region_modified = PQgetvalue (result, 0, 2);

      id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      version = atoi (PQgetvalue (result, 0, 1)) + 1;
      if (strcmp (contents->modified_at, region_modified) < 0)
        {
          g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_OLDER,
                       _("The region holds a newer version of “%s” (version %d, changed %s) than this one (changed %s): fetch it before publishing; nothing was published"),
                       contents->title, version - 1, region_modified, contents->modified_at);
          goto failed;
        }
    }
  else
    {
      /* Not ours to replace, whether we see it or not? */
      const char *params[] = {
        info->source_uuid, options->department != NULL ? options->department : self->role,
        visibility != NULL ? visibility : "region", visible_to, contents->modified_at, contents->title,
      };

      g_clear_pointer (&result, PQclear);
      result = run (self, what, error,
                    "INSERT INTO transfo.experiments (source_uuid, department, visibility, visible_to,"
                    "   version, source_modified, title)"
                    " VALUES ($1, $2, $3, $4, 1, $5, $6) ON CONFLICT (source_uuid) DO NOTHING RETURNING id",
                    G_N_ELEMENTS (params), params, NULL);
      if (result == NULL)
        goto failed;
      if (PQntuples (result) != 1)
        {
          refuse_not_ours (contents->title, error);
          goto failed;
        }
      id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
    }
  g_clear_pointer (&result, PQclear);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  version_text = g_strdup_printf ("%d", version);

  {
    const char *params[] = {
      id_text, version_text, contents->modified_at, contents->title, contents->theme, contents->place,
      contents->territory, contents->department, contents->start_date, contents->end_date, phase, tags,
      boards, visibility, visible_to,
    };

    /* The row and its document; NULL visibility keeps what it was. */
    result = run (self, what, error,
                  "UPDATE transfo.experiments SET version = $2, source_modified = $3, title = $4, theme = $5,"
                  "   place = $6, territory = $7, department_name = $8, start_date = $9, end_date = $10,"
                  "   phase = $11, tags = $12, boards = $13, published_at = now (),"
                  "   visibility = coalesce ($14, visibility),"
                  "   visible_to = CASE WHEN $14 IS NULL THEN visible_to ELSE $15::name[] END"
                  " WHERE id = $1 RETURNING id",
                  G_N_ELEMENTS (params), params, NULL);
    if (result == NULL)
      goto failed;
    if (PQntuples (result) != 1)
      {
        refuse_not_ours (contents->title, error);
        goto failed;
      }
    g_clear_pointer (&result, PQclear);
  }
  {
    const char *params[] = { id_text, version_text, contents->modified_at, anonymised, sha256 };

    if ((result = run (self, what, error,
                       "INSERT INTO transfo.versions (experiment_id, version, source_modified, anonymised,"
                       "   bundle_sha256, bundle) VALUES ($1, $2, $3, $4, $5, $6)",
                       G_N_ELEMENTS (params), params, bytes)) == NULL)
      goto failed;
    g_clear_pointer (&result, PQclear);
  }
  {
    const char *params[] = { id_text, a_boards, a_kinds, a_bodies };

    if ((result = run (self, what, error, "DELETE FROM transfo.texts WHERE experiment_id = $1",
                       1, params, NULL)) == NULL)
      goto failed;
    g_clear_pointer (&result, PQclear);
    if ((result = run (self, what, error,
                       "INSERT INTO transfo.texts (experiment_id, board, kind, body)"
                       " SELECT $1, b, k, t FROM unnest ($2::text[], $3::text[], $4::text[]) AS u (b, k, t)",
                       G_N_ELEMENTS (params), params, NULL)) == NULL)
      goto failed;
    g_clear_pointer (&result, PQclear);
    if ((result = run (self, what, error,
                       "UPDATE transfo.experiments e SET search ="
                       "     transfo.document (e.title, 'A')"
                       "  || transfo.document (concat_ws (' ', e.theme, e.place, e.territory, e.department_name,"
                       "                                  array_to_string (e.tags, ' ')), 'B')"
                       "  || transfo.document (array_to_string (e.boards, ' '), 'C')"
                       "  || strip (transfo.document (array_to_string ($2::text[], ' '), 'D'))"
                       " WHERE e.id = $1",
                       2, (const char *[]) { id_text, a_bodies }, NULL)) == NULL)
      goto failed;
    g_clear_pointer (&result, PQclear);
  }
  if (self->hook != NULL)
    self->hook (self, self->hook_data);
  if (!exec (self, what, error, "COMMIT"))
    goto failed;
  if (published != NULL)
    {
      published->id = id;
      published->version = version;
      published->n_texts = contents->texts->len;
      published->size = g_bytes_get_size (bytes);
    }
  return TRUE;

failed:
  g_clear_pointer (&result, PQclear);
  rollback (self);
  return FALSE;
}

gboolean
tf_regional_publish (TfRegional               *self,
                     TfStore                  *store,
                     gint64                    experiment_id,
                     const TfRegionalPublish  *options,
                     TfRegionalPublished      *published,
                     GError                  **error)
{
  g_autofree char *dir = NULL, *path = NULL, *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  gboolean ok;

  /* The bundle is written as `bundle export` writes it, in a folder of
   * our own (mode 0700), read back and removed. */
  if ((dir = g_dir_make_tmp ("transfo-publish-XXXXXX", error)) == NULL)
    return FALSE;
  path = g_build_filename (dir, "experiment.transfo", NULL);
  ok = tf_bundle_export (store, experiment_id, options->drop,
                         options->department != NULL ? options->department : self->role,
                         FALSE, path, NULL, NULL, NULL, error) &&
       g_file_get_contents (path, &data, &size, error);
  g_unlink (path);
  g_rmdir (dir);
  if (!ok)
    return FALSE;
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  return tf_regional_publish_bundle (self, bytes, options, published, error);
}

/* Searching */

void
tf_regional_hit_free (TfRegionalHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->title);
  g_free (hit->department);
  g_free (hit->department_name);
  g_free (hit->visibility);
  g_free (hit->theme);
  g_free (hit->place);
  g_free (hit->territory);
  g_free (hit->start_date);
  g_free (hit->end_date);
  g_strfreev (hit->tags);
  g_free (hit->published_at);
  g_free (hit->excerpt);
  g_free (hit);
}

/* Reads a text[] in PostgreSQL's output syntax (what array_to_json gives
 * is simpler: the query sends JSON). */
static GStrv
parse_json_strings (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = json;

  /* ["a","b\"c"]: strings with JSON escapes, as PostgreSQL writes them. */
  while (p != NULL && *p != '\0')
    {
      GString *s;

      if (*p != '"')
        {
          p++;
          continue;
        }
      s = g_string_new (NULL);
      for (p++; *p != '\0' && *p != '"'; p++)
        {
          if (*p == '\\' && p[1] != '\0')
            {
              p++;
              switch (*p)
                {
                case 'n': g_string_append_c (s, '\n'); break;
                case 't': g_string_append_c (s, '\t'); break;
                case 'r': g_string_append_c (s, '\r'); break;
                case 'b': g_string_append_c (s, '\b'); break;
                case 'f': g_string_append_c (s, '\f'); break;
                case 'u':
                  {
                    char hex[5] = { 0 };
                    gunichar c;

                    if (strlen (p + 1) < 4)
                      break;
                    memcpy (hex, p + 1, 4);
                    c = (gunichar) g_ascii_strtoull (hex, NULL, 16);
                    g_string_append_unichar (s, g_unichar_validate (c) ? c : 0xFFFD);
                    p += 4;
                  }
                  break;
                default: g_string_append_c (s, *p); break;
                }
            }
          else
            g_string_append_c (s, *p);
        }
      if (*p == '"')
        p++;
      g_strv_builder_add (builder, s->str);
      g_string_free (s, TRUE);
    }
  return g_strv_builder_end (builder);
}

/* For each hit, the first of its texts that matches @text, shortened
 * around the words found: one statement for the whole list, and only for
 * the window (the list of the command line needs none). */
static gboolean
add_excerpts (TfRegional  *self,
              const char  *text,
              GPtrArray   *hits,
              GError     **error)
{
  GString *ids = g_string_new ("{");
  const char *params[2];
  PGresult *result;

  for (guint i = 0; i < hits->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            ((TfRegionalHit *) g_ptr_array_index (hits, i))->id);
  g_string_append_c (ids, '}');
  params[0] = ids->str;
  params[1] = text;
  result = run (self, _("searching"), error,
                "SELECT h.id, (SELECT ts_headline ('transfo.fr', t.body, q.any,"
                "                'MaxWords=22, MinWords=8,"
                "                 StartSel=\"" TF_REGIONAL_MARK_START "\", StopSel=\"" TF_REGIONAL_MARK_END "\"')"
                "              FROM transfo.texts t"
                "             WHERE t.experiment_id = h.id AND transfo.document (t.body, 'D') @@ q.any"
                "             ORDER BY transfo.document (t.body, 'D') @@ q.every DESC"
                "             LIMIT 1)"
                /* A text with every word first, else one with any. */
                " FROM unnest ($1::bigint[]) AS h (id),"
                "   (SELECT transfo.query ($2) AS every,"
                "           replace (transfo.query ($2)::text, ' & ', ' | ')::tsquery AS any) AS q",
                G_N_ELEMENTS (params), params, NULL);
  g_string_free (ids, TRUE);
  if (result == NULL)
    return FALSE;
  for (int r = 0; r < PQntuples (result); r++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (result, r, 0), NULL, 10);

      if (PQgetisnull (result, r, 1))
        continue;
      for (guint i = 0; i < hits->len; i++)
        {
          TfRegionalHit *hit = g_ptr_array_index (hits, i);

          if (hit->id == id && hit->excerpt == NULL)
            hit->excerpt = g_strdup (PQgetvalue (result, r, 1));
        }
    }
  PQclear (result);
  return TRUE;
}

GPtrArray *
tf_regional_search (TfRegional             *self,
                    const TfRegionalQuery  *query,
                    GError                **error)
{
  return tf_regional_search_page (self, query, NULL, error);
}

GPtrArray *
tf_regional_search_page (TfRegional             *self,
                         const TfRegionalQuery  *query,
                         gboolean               *more,
                         GError                **error)
{
  const char *what = _("searching");
  g_autofree char *phase = query->phase >= 0 ? g_strdup_printf ("%d", query->phase) : NULL;
  g_autofree char *year = query->year > 0 ? g_strdup_printf ("%04d", query->year) : NULL;
  guint n = query->limit > 0 && query->limit <= TF_REGIONAL_SEARCH_LIMIT ? query->limit : TF_REGIONAL_SEARCH_LIMIT;
  /* One more than asked for says whether there are more. */
  g_autofree char *limit = g_strdup_printf ("%u", more != NULL ? n + 1 : n);
  g_autofree char *offset = g_strdup_printf ("%u", query->offset);
  const char *text = query->text != NULL && query->text[0] != '\0' ? query->text : NULL;
  const char *params[] = { text, query->department, query->territory, phase, year, query->tag, limit, offset };
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_regional_hit_free);
  g_autofree char *sql = NULL;
  PGresult *result;

  if (!check_schema (self, error))
    return NULL;
  /* The GIN index finds the words (through transfo.@@, which row-level
   * security lets it use), row-level security what this role may see;
   * ranked, newest first among equals. A department or a territory
   * leaves a few dozen experiments of thousands: those are chosen first
   * (OFFSET 0 keeps the planner from matching the words before, which
   * would read the document of every experiment a frequent word is in),
   * then their words matched and ranked. */
  sql = g_strdup_printf ("SELECT e.id, e.title, e.department, e.department_name, e.visibility, e.theme, e.place,"
                         "   e.territory, e.start_date, e.end_date, e.phase, array_to_json (e.tags), e.version,"
                         "   to_char (e.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                         "   CASE WHEN $1::text IS NULL THEN 0 ELSE ts_rank (e.search, transfo.query ($1)) END AS rank,"
                         "   e.department = ANY ((SELECT transfo.my_roles ())::name[]) OR (SELECT transfo.is_admin ())"
                         " FROM (SELECT * FROM transfo.experiments e"
                         "       WHERE ($2::text IS NULL OR e.department = $2::name OR lower (e.department_name) = lower ($2))"
                         "         AND ($3::text IS NULL OR lower (e.territory) = lower ($3))"
                         "         AND ($4::int IS NULL OR e.phase = $4::int)"
                         "         AND ($5::text IS NULL OR (left (e.start_date, 4) <= $5"
                         "              AND (e.end_date = '' OR left (e.end_date, 4) >= $5)"
                         "              AND e.start_date <> ''))"
                         "         AND ($6::text IS NULL OR EXISTS (SELECT FROM unnest (e.tags) t WHERE lower (t) = lower ($6)))"
                         "       %s) e"
                         " WHERE ($1::text IS NULL OR e.search OPERATOR (transfo.@@) transfo.query ($1))"
                         " ORDER BY rank DESC, e.published_at DESC, e.id DESC"
                         " LIMIT $7::int OFFSET $8::int",
                         query->department != NULL || query->territory != NULL ? "OFFSET 0" : "");
  result = run (self, what, error, sql, G_N_ELEMENTS (params), params, NULL);
  if (result == NULL)
    return NULL;
  for (int r = 0; r < PQntuples (result); r++)
    {
      TfRegionalHit *hit = g_new0 (TfRegionalHit, 1);

      hit->id = g_ascii_strtoll (PQgetvalue (result, r, 0), NULL, 10);
      hit->title = g_strdup (PQgetvalue (result, r, 1));
      hit->department = g_strdup (PQgetvalue (result, r, 2));
      hit->department_name = g_strdup (PQgetvalue (result, r, 3));
      hit->visibility = g_strdup (PQgetvalue (result, r, 4));
      hit->theme = g_strdup (PQgetvalue (result, r, 5));
      hit->place = g_strdup (PQgetvalue (result, r, 6));
      hit->territory = g_strdup (PQgetvalue (result, r, 7));
      hit->start_date = g_strdup (PQgetvalue (result, r, 8));
      hit->end_date = g_strdup (PQgetvalue (result, r, 9));
      hit->phase = atoi (PQgetvalue (result, r, 10));
      hit->tags = parse_json_strings (PQgetvalue (result, r, 11));
      hit->version = atoi (PQgetvalue (result, r, 12));
      hit->published_at = g_strdup (PQgetvalue (result, r, 13));
      hit->rank = g_ascii_strtod (PQgetvalue (result, r, 14), NULL);
      hit->may_withdraw = g_str_equal (PQgetvalue (result, r, 15), "t");
      g_ptr_array_add (hits, hit);
    }
  PQclear (result);
  if (more != NULL)
    {
      *more = hits->len > n;
      if (*more)
        g_ptr_array_set_size (hits, n);
    }
  if (query->excerpts && text != NULL && hits->len > 0 && !add_excerpts (self, text, hits, error))
    return NULL;
  return g_steal_pointer (&hits);
}

/* Fetching and withdrawing */

GBytes *
tf_regional_fetch (TfRegional  *self,
                   gint64       id,
                   int          version,
                   GError     **error)
{
  const char *what = _("fetching");
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *version_text = version > 0 ? g_strdup_printf ("%d", version) : NULL;
  const char *params[] = { id_text, version_text };
  PGresult *result;
  GBytes *bytes;

  if (!check_schema (self, error))
    return NULL;
  /* Bytes, not text: the result in binary. */
  result = PQexecParams (self->conn,
                         "SELECT v.bundle FROM transfo.versions v JOIN transfo.experiments e"
                         "   ON e.id = v.experiment_id"
                         " WHERE e.id = $1::bigint AND v.version = coalesce ($2::int, e.version)",
                         2, NULL, params, NULL, NULL, 1);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      fail_result (self, result, what, error);
      PQclear (result);
      return NULL;
    }
  if (PQntuples (result) != 1)
    {
      PQclear (result);
      g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_NOT_FOUND,
                   _("The region has no experiment %lld (or not that version) that this department may see"),
                   (long long) id);
      return NULL;
    }
  bytes = g_bytes_new (PQgetvalue (result, 0, 0), PQgetlength (result, 0, 0));
  PQclear (result);
  return bytes;
}

gboolean
tf_regional_withdraw (TfRegional  *self,
                      gint64       id,
                      GError     **error)
{
  const char *what = _("withdrawing");
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *params[] = { id_text };
  PGresult *result;
  int deleted;

  if (!check_schema (self, error))
    return FALSE;
  if ((result = run (self, what, error, "DELETE FROM transfo.experiments WHERE id = $1::bigint RETURNING id",
                     1, params, NULL)) == NULL)
    return FALSE;
  deleted = PQntuples (result);
  PQclear (result);
  if (deleted == 1)
    return TRUE;
  /* Seen but not ours, or not seen at all. */
  if ((result = run (self, what, error, "SELECT department FROM transfo.experiments WHERE id = $1::bigint",
                     1, params, NULL)) == NULL)
    return FALSE;
  if (PQntuples (result) == 1)
    g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_DENIED,
                 _("Experiment %lld was published by %s: only that department or an administrator can withdraw it"),
                 (long long) id, PQgetvalue (result, 0, 0));
  else
    g_set_error (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_NOT_FOUND,
                 _("The region has no experiment %lld (or not that version) that this department may see"),
                 (long long) id);
  PQclear (result);
  return FALSE;
}
