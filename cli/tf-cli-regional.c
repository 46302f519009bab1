/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-cli-regional"

#include <glib/gi18n.h>
#include <stdio.h>

#include "core/tf-enums.h"
#include "regional/tf-regional.h"
#include "tf-cli-bundle.h"
#include "tf-cli-json.h"
#include "tf-cli-private.h"
#include "tf-cli-regional.h"

void
tf_cli_take_regional (int   *argc,
                      char **argv)
{
  g_autofree char *conninfo = tf_cli_take_global_option (argc, argv, "--regional", "TRANSFO_REGIONAL");

  tf_regional_set_command_line_conninfo (conninfo);
}

static TfRegional *
connect (int *status)
{
  const char *conninfo = tf_regional_get_command_line_conninfo ();
  g_autoptr(GError) error = NULL;
  TfRegional *regional;

  if (conninfo == NULL)
    {
      *status = tf_cli_fail (TF_CLI_EXIT_USAGE,
                             _("No regional archive given: add --regional CONNINFO (a PostgreSQL connection string) or set TRANSFO_REGIONAL"));
      return NULL;
    }
  if ((regional = tf_regional_connect (conninfo, &error)) == NULL)
    *status = tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  return regional;
}

static int
init (int    argc,
      char **argv)
{
  g_autoptr(TfRegional) regional = NULL;
  g_autoptr(GError) error = NULL;
  int status = TF_CLI_EXIT_OK, from = 0, target = 0;

  for (int i = 0; i < argc; i++)
    {
      const char *value;
      guint64 v;

      /* --to-version: for tests of the migrations, and for a region that
       * updates its server in steps. */
      if (tf_cli_is_option (argv[i], "--to-version"))
        {
          if ((value = tf_cli_option_value (argv[i], "--to-version", argc, argv, &i)) == NULL ||
              !g_ascii_string_to_unsigned (value, 10, 1, TF_REGIONAL_SCHEMA_VERSION, &v, NULL))
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a number from 1 to %d"), "--to-version",
                                TF_REGIONAL_SCHEMA_VERSION);
          target = (int) v;
        }
      else
        return tf_cli_fail_unknown_option ("regional init", argv[i]);
    }
  if ((regional = connect (&status)) == NULL)
    return status;
  if (!tf_regional_migrate (regional, target, &from, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  if (target == 0)
    target = TF_REGIONAL_SCHEMA_VERSION;
  if (from >= target)
    printf (_("The regional archive is up to date (version %d).\n"), from);
  else
    printf (_("The regional archive is now at version %d (it was at %d).\n"), target, from);
  return TF_CLI_EXIT_OK;
}

static int
publish (const char  *archive,
         int          argc,
         char       **argv)
{
  static const struct {
    const char           *name;
    TfRegionalVisibility  visibility;
  } visibilities[] = {
    { "region", TF_REGIONAL_VISIBLE_REGION },
    { "departments", TF_REGIONAL_VISIBLE_DEPARTMENTS },
    { "department", TF_REGIONAL_VISIBLE_DEPARTMENT },
  };
  g_autoptr(TfRegional) regional = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) visible_to = NULL;
  TfRegionalPublish options = { 0 };
  TfRegionalPublished published = { 0 };
  const char *experiment_arg = NULL;
  int status = TF_CLI_EXIT_OK;
  gint64 id;

  for (int i = 0; i < argc; i++)
    {
      const char *value;

      if (tf_cli_take_drop_option (argv[i], &options.drop))
        continue;
      if (tf_cli_is_option (argv[i], "--department"))
        {
          if ((value = tf_cli_option_value (argv[i], "--department", argc, argv, &i)) == NULL)
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), "--department");
          options.department = value;
        }
      else if (tf_cli_is_option (argv[i], "--visibility"))
        {
          if ((value = tf_cli_option_value (argv[i], "--visibility", argc, argv, &i)) == NULL)
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), "--visibility");
          for (guint v = 0; v < G_N_ELEMENTS (visibilities); v++)
            if (g_str_equal (value, visibilities[v].name))
              options.visibility = visibilities[v].visibility;
          if (options.visibility == TF_REGIONAL_VISIBLE_KEEP)
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” is not a visibility; use region, departments or department"),
                                value);
        }
      else if (tf_cli_is_option (argv[i], "--to"))
        {
          if ((value = tf_cli_option_value (argv[i], "--to", argc, argv, &i)) == NULL)
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), "--to");
          g_strfreev (visible_to);
          visible_to = g_strsplit (value, ",", -1);
        }
      else if (argv[i][0] == '-')
        return tf_cli_fail_unknown_option ("regional publish", argv[i]);
      else if (experiment_arg != NULL)
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” takes only %s, not “%s”"), "regional publish",
                            _("an experiment id"), argv[i]);
      else
        experiment_arg = argv[i];
    }
  if (experiment_arg == NULL)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), "regional publish",
                        _("an experiment id"));
  if (visible_to != NULL && options.visibility == TF_REGIONAL_VISIBLE_KEEP)
    options.visibility = TF_REGIONAL_VISIBLE_DEPARTMENTS;
  if ((visible_to != NULL) != (options.visibility == TF_REGIONAL_VISIBLE_DEPARTMENTS))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("--visibility departments goes with --to ROLE,ROLE…"));
  options.visible_to = (const char *const *) visible_to;
  if (!tf_cli_parse_experiment_id (experiment_arg, &id, &status))
    return status;

  /* Publishing only reads the archive: it works while a window has it. */
  if (!(store = tf_cli_open_store (archive, FALSE, &status)))
    return status;
  if ((regional = connect (&status)) == NULL)
    return status;
  if (!tf_regional_publish (regional, store, id, &options, &published, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  /* TRANSLATORS: the region's experiment id, its version, then counts */
  printf (_("Published as experiment %lld of the region, version %d (%u texts, %lu bytes)\n"),
          (long long) published.id, published.version, published.n_texts, (unsigned long) published.size);
  return TF_CLI_EXIT_OK;
}

static JsonNode *
json_hits (const char *query,
           GPtrArray  *hits)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "query");
  json_builder_add_string_value (b, query);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  for (guint i = 0; i < hits->len; i++)
    {
      TfRegionalHit *hit = g_ptr_array_index (hits, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, hit->id);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, hit->title);
      json_builder_set_member_name (b, "publisher");
      json_builder_add_string_value (b, hit->department);
      json_builder_set_member_name (b, "department");
      json_builder_add_string_value (b, hit->department_name);
      json_builder_set_member_name (b, "visibility");
      json_builder_add_string_value (b, hit->visibility);
      json_builder_set_member_name (b, "theme");
      json_builder_add_string_value (b, hit->theme);
      json_builder_set_member_name (b, "place");
      json_builder_add_string_value (b, hit->place);
      json_builder_set_member_name (b, "territory");
      json_builder_add_string_value (b, hit->territory);
      json_builder_set_member_name (b, "start_date");
      json_builder_add_string_value (b, hit->start_date);
      json_builder_set_member_name (b, "end_date");
      json_builder_add_string_value (b, hit->end_date);
      json_builder_set_member_name (b, "phase");
      json_builder_add_string_value (b, tf_phase_to_id ((TfPhase) CLAMP (hit->phase, 0, 4)));
      json_builder_set_member_name (b, "tags");
      json_builder_begin_array (b);
      for (guint t = 0; hit->tags[t] != NULL; t++)
        json_builder_add_string_value (b, hit->tags[t]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "version");
      json_builder_add_int_value (b, hit->version);
      json_builder_set_member_name (b, "published_at");
      json_builder_add_string_value (b, hit->published_at);
      json_builder_set_member_name (b, "rank");
      json_builder_add_double_value (b, hit->rank);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
search (int    argc,
        char **argv)
{
  static const char *const value_options[] = { "--department", "--territory", "--phase", "--year", "--tag" };
  g_autoptr(TfRegional) regional = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  TfRegionalQuery query = TF_REGIONAL_QUERY_INIT;
  gboolean json = FALSE;
  int status = TF_CLI_EXIT_OK;

  for (int i = 0; i < argc; i++)
    {
      const char *name = tf_cli_match_option (argv[i], value_options, G_N_ELEMENTS (value_options));
      const char *value;

      if (g_str_equal (argv[i], "--json"))
        {
          json = TRUE;
          continue;
        }
      if (name == NULL)
        {
          if (argv[i][0] == '-')
            return tf_cli_fail_unknown_option ("regional search", argv[i]);
          if (query.text != NULL)
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” takes only %s, not “%s”"), "regional search",
                                _("one query (quote several words)"), argv[i]);
          query.text = argv[i];
          continue;
        }
      if ((value = tf_cli_option_value (argv[i], name, argc, argv, &i)) == NULL)
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), name);
      if (g_str_equal (name, "--department"))
        query.department = value;
      else if (g_str_equal (name, "--territory"))
        query.territory = value;
      else if (g_str_equal (name, "--tag"))
        query.tag = value;
      else if (g_str_equal (name, "--phase"))
        {
          TfPhase phase;

          if (!tf_phase_from_string (value, &phase))
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” is not a phase; use immersion, raconter, co-conception, prototypage or bilan"),
                                value);
          query.phase = (int) phase;
        }
      else
        {
          guint64 year;

          if (!g_ascii_string_to_unsigned (value, 10, 1900, 2999, &year, NULL))
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” is not a year"), value);
          query.year = (int) year;
        }
    }
  if (query.text == NULL)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), "regional search",
                        _("a query (\"\" lists the newest)"));
  if ((regional = connect (&status)) == NULL)
    return status;
  if ((hits = tf_regional_search (regional, &query, &error)) == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  if (json)
    {
      tf_cli_json_print (json_hits (query.text, hits));
      return TF_CLI_EXIT_OK;
    }
  if (hits->len == 0)
    {
      g_autofree char *shown = tf_cli_escape (query.text, TF_CLI_TEXT_LINE);

      printf (_("Nothing in the region matches “%s”.\n"), shown);
      return TF_CLI_EXIT_OK;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      TfRegionalHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *title = tf_cli_escape (hit->title, TF_CLI_TEXT_LINE);
      g_autofree char *who = tf_cli_escape (hit->department, TF_CLI_TEXT_LINE);
      g_autofree char *place = tf_cli_escape (hit->place, TF_CLI_TEXT_LINE);

      printf ("%6" G_GINT64_FORMAT "  ", hit->id);
      tf_cli_print_padded (stdout, title, 40);
      printf ("  %s  %s  %s  v%d\n", who, place, hit->start_date, hit->version);
    }
  return TF_CLI_EXIT_OK;
}

static gboolean
parse_region_id (const char *text,
                 gint64     *id,
                 int        *status)
{
  return tf_cli_parse_experiment_id (text, id, status);
}

static int
fetch (const char  *archive,
       int          argc,
       char       **argv)
{
  g_autoptr(TfRegional) regional = NULL;
  g_autoptr(TfBundle) bundle = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  const char *id_arg = NULL;
  gboolean as_copy = FALSE, update = FALSE;
  int status = TF_CLI_EXIT_OK, version = 0;
  gint64 id;

  for (int i = 0; i < argc; i++)
    {
      const char *value;
      guint64 v;

      if (g_str_equal (argv[i], "--as-copy"))
        as_copy = TRUE;
      else if (g_str_equal (argv[i], "--update"))
        update = TRUE;
      else if (tf_cli_is_option (argv[i], "--version"))
        {
          if ((value = tf_cli_option_value (argv[i], "--version", argc, argv, &i)) == NULL ||
              !g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT, &v, NULL))
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a number"), "--version");
          version = (int) v;
        }
      else if (argv[i][0] == '-')
        return tf_cli_fail_unknown_option ("regional fetch", argv[i]);
      else if (id_arg != NULL)
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” takes only %s, not “%s”"), "regional fetch",
                            _("an experiment id"), argv[i]);
      else
        id_arg = argv[i];
    }
  if (id_arg == NULL)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), "regional fetch",
                        _("an experiment id"));
  if (as_copy && update)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("Choose either --as-copy or --update"));
  if (!parse_region_id (id_arg, &id, &status))
    return status;
  if ((regional = connect (&status)) == NULL)
    return status;
  if ((bytes = tf_regional_fetch (regional, id, version, &error)) == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  g_clear_pointer (&regional, tf_regional_close);
  /* What arrives is a bundle from elsewhere: every check of an import. */
  /* TRANSLATORS: names a bundle fetched from the regional archive */
  display = g_strdup_printf (_("The region’s experiment %lld"), (long long) id);
  if ((bundle = tf_bundle_open_bytes (bytes, display, &error)) == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  return tf_cli_bundle_import (archive, bundle, as_copy, update);
}

static int
withdraw (int    argc,
          char **argv)
{
  g_autoptr(TfRegional) regional = NULL;
  g_autoptr(GError) error = NULL;
  int status = TF_CLI_EXIT_OK;
  gint64 id;

  for (int i = 0; i < argc; i++)
    if (argv[i][0] == '-' && argv[i][1] != '\0')
      return tf_cli_fail_unknown_option ("regional withdraw", argv[i]);
  if (argc != 1)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), "regional withdraw",
                        _("an experiment id"));
  if (!parse_region_id (argv[0], &id, &status))
    return status;
  if ((regional = connect (&status)) == NULL)
    return status;
  if (!tf_regional_withdraw (regional, id, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  printf (_("Experiment %lld was withdrawn from the region.\n"), (long long) id);
  return TF_CLI_EXIT_OK;
}

/* Each command's usage and what it does, for `transfo regional COMMAND --help`. */
static const struct {
  const char *name;
  const char *usage;
  const char *what;
} commands[] = {
  { "init", "regional init [--to-version N]",
    N_("Create or update the regional archive’s schema (for the administrator, once, and after updating Transfo).") },
  { "publish", "regional publish EXPERIMENT [--visibility region|departments|department]\n"
    "    [--to ROLE,ROLE…] [--department ROLE] [--drop-unconsented] [--drop-dates]\n"
    "    [--drop-people-photos] [--drop-notes]",
    N_("Publish an experiment of this archive to the region, or a new version of it, anonymised as chosen.") },
  { "search", "regional search QUERY [--json] [--department D] [--territory T]\n"
    "    [--phase P] [--year Y] [--tag T]",
    N_("Search the experiments of the region this department may see, best first (\"\" lists the newest).") },
  { "fetch", "regional fetch ID [--version N] [--as-copy|--update]",
    N_("Bring an experiment of the region into this archive, with every check of a bundle import.") },
  { "withdraw", "regional withdraw ID",
    N_("Take an experiment this department published, and all its versions, out of the region.") },
};

static gboolean
asks_help (int    argc,
           char **argv)
{
  for (int i = 0; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      return TRUE;
  return FALSE;
}

int
tf_cli_regional (const char  *archive,
                 int          argc,
                 char       **argv)
{
  for (guint c = 0; argc >= 1 && c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[0], commands[c].name) && asks_help (argc - 1, argv + 1))
      {
        printf ("%s transfo [--archive PATH] [--regional CONNINFO] %s\n\n%s\n", _("Usage:"), commands[c].usage,
                _(commands[c].what));
        printf ("%s\n", _("CONNINFO is a PostgreSQL connection string (default: $TRANSFO_REGIONAL)."));
        return TF_CLI_EXIT_OK;
      }
  if (argc >= 1 && g_str_equal (argv[0], "init"))
    return init (argc - 1, argv + 1);
  if (argc >= 1 && g_str_equal (argv[0], "publish"))
    return publish (archive, argc - 1, argv + 1);
  if (argc >= 1 && g_str_equal (argv[0], "search"))
    return search (argc - 1, argv + 1);
  if (argc >= 1 && g_str_equal (argv[0], "fetch"))
    return fetch (archive, argc - 1, argv + 1);
  if (argc >= 1 && g_str_equal (argv[0], "withdraw"))
    return withdraw (argc - 1, argv + 1);
  return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), "regional",
                      "init, publish, search, fetch or withdraw");
}
