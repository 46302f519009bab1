/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-cli-bundle"

#include <glib/gi18n.h>
#include <stdio.h>

#include "bundles/tf-bundle-share.h"
#include "core/tf-bundle.h"
#include "tf-cli-bundle.h"
#include "tf-cli-private.h"

gboolean
tf_cli_take_drop_option (const char *arg,
                         guint      *drop)
{
  static const struct {
    const char *name;
    guint       drop;
  } drops[] = {
    { "--drop-unconsented", TF_BUNDLE_DROP_UNCONSENTED },
    { "--drop-dates", TF_BUNDLE_DROP_DATES },
    { "--drop-people-photos", TF_BUNDLE_DROP_PEOPLE_PHOTOS },
    { "--drop-notes", TF_BUNDLE_DROP_NOTES },
  };

  for (guint d = 0; d < G_N_ELEMENTS (drops); d++)
    if (g_str_equal (arg, drops[d].name))
      {
        *drop |= drops[d].drop;
        return TRUE;
      }
  return FALSE;
}

static int
export (const char  *archive,
        int          argc,
        char       **argv)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *experiment_arg = NULL, *output = NULL, *department = NULL;
  gboolean force = FALSE;
  guint drop = 0, n_items = 0, n_assets = 0, n_left_out = 0;
  int status = TF_CLI_EXIT_OK;
  gint64 id;

  for (int i = 0; i < argc; i++)
    {
      const char *value;

      if (tf_cli_take_drop_option (argv[i], &drop))
        continue;
      if (g_str_equal (argv[i], "--force"))
        force = TRUE;
      else if (tf_cli_is_option (argv[i], "-o") || tf_cli_is_option (argv[i], "--output"))
        {
          if ((value = tf_cli_option_value (argv[i], tf_cli_is_option (argv[i], "-o") ? "-o" : "--output",
                                            argc, argv, &i)) == NULL)
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), "-o");
          output = value;
        }
      else if (tf_cli_is_option (argv[i], "--department"))
        {
          if ((value = tf_cli_option_value (argv[i], "--department", argc, argv, &i)) == NULL)
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), "--department");
          department = value;
        }
      else if (argv[i][0] == '-' && !g_str_equal (argv[i], "-"))
        return tf_cli_fail_unknown_option ("bundle export", argv[i]);
      else if (experiment_arg != NULL)
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” takes only %s, not “%s”"), "bundle export",
                            _("an experiment id"), argv[i]);
      else
        experiment_arg = argv[i];
    }
  if (experiment_arg == NULL || output == NULL)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), "bundle export",
                        _("an experiment id and -o FILE"));
  if (!tf_cli_parse_experiment_id (experiment_arg, &id, &status))
    return status;

  /* Exporting only reads: it works while a window has the archive. */
  if (!(store = tf_cli_open_store (archive, FALSE, &status)))
    return status;
  if (!tf_cli_check_output (output, tf_store_get_path (store), force, &status))
    return status;
  if (!tf_bundle_export (store, id, drop, department, force, output, &n_items, &n_assets, &n_left_out, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  {
    g_autofree char *shown = tf_cli_escape (output, TF_CLI_TEXT_LINE);

    /* TRANSLATORS: %s a file name, then counts of items and files */
    printf (_("%s: %u items, %u assets (%u items left out)\n"), shown, n_items, n_assets, n_left_out);
  }
  return TF_CLI_EXIT_OK;
}

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *shown = tf_cli_escape (value, TF_CLI_TEXT_LINE);

  printf ("%-16s %s\n", label, shown);
}

static void
print_info (const TfBundleInfo *info)
{
  g_autofree char *dates = g_strdup_printf ("%s – %s", info->start_date, info->end_date);
  g_autofree char *counts = g_strdup_printf (_("%u boards, %u items, %u photos, %u sessions, %u vote rounds"),
                                             info->n_boards, info->n_items, info->n_photos,
                                             info->n_sessions, info->n_rounds);

  print_field (_("Title"), info->title);
  print_field (_("Dates"), dates);
  print_field (_("Exported by"), info->department[0] != '\0' ? info->department : _("(not given)"));
  print_field (_("Exported on"), info->exported_at);
  print_field (_("Transfo"), info->transfo_version);
  print_field (_("Contents"), counts);
}

static int
open_bundle (const char  *command,
             int          argc,
             char       **argv,
             gboolean    *as_copy,
             gboolean    *update,
             TfBundle   **bundle)
{
  g_autoptr(GError) error = NULL;
  const char *file = NULL;

  for (int i = 0; i < argc; i++)
    {
      if (as_copy != NULL && g_str_equal (argv[i], "--as-copy"))
        *as_copy = TRUE;
      else if (update != NULL && g_str_equal (argv[i], "--update"))
        *update = TRUE;
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        return tf_cli_fail_unknown_option (command, argv[i]);
      else if (file != NULL)
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” takes only %s, not “%s”"), command, _("a file"), argv[i]);
      else
        file = argv[i];
    }
  if (file == NULL)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), command, _("a file"));
  if (as_copy != NULL && *as_copy && *update)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("Choose either --as-copy or --update"));
  *bundle = tf_bundle_open (file, &error);
  if (*bundle == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  return TF_CLI_EXIT_OK;
}

static int
show (const char  *archive,
      int          argc,
      char       **argv)
{
  g_autoptr(TfBundle) bundle = NULL;
  int status = open_bundle ("bundle show", argc, argv, NULL, NULL, &bundle);

  if (status != TF_CLI_EXIT_OK)
    return status;
  print_info (tf_bundle_get_info (bundle));
  return TF_CLI_EXIT_OK;
}

static int
import (const char  *archive,
        int          argc,
        char       **argv)
{
  g_autoptr(TfBundle) bundle = NULL;
  gboolean as_copy = FALSE, update = FALSE;
  int status = open_bundle ("bundle import", argc, argv, &as_copy, &update, &bundle);

  if (status != TF_CLI_EXIT_OK)
    return status;
  return tf_cli_bundle_import (archive, bundle, as_copy, update);
}

int
tf_cli_bundle_import (const char  *archive,
                      TfBundle    *bundle,
                      gboolean     as_copy,
                      gboolean     update)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GArray) copies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 replace = 0;
  int status = TF_CLI_EXIT_OK;

  if (!(store = tf_cli_open_store (archive, TRUE, &status)))
    return status;
  if (!tf_bundle_find_copies (store, bundle, copies, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  if (copies->len > 0 && !as_copy && !update)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED,
                        _("This experiment was imported before (experiment %lld): add --update to replace that copy, or --as-copy to keep both"),
                        (long long) g_array_index (copies, gint64, copies->len - 1));
  if (update && copies->len > 0)
    replace = g_array_index (copies, gint64, copies->len - 1);

  command = tf_bundle_import_command (bundle, replace);
  if (!tf_command_execute (command, store, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  printf ("%" G_GINT64_FORMAT "\n", tf_command_get_result_id (command));
  return TF_CLI_EXIT_OK;
}

int
tf_cli_bundle (const char  *archive,
               int          argc,
               char       **argv)
{
  if (argc >= 1 && g_str_equal (argv[0], "export"))
    return export (archive, argc - 1, argv + 1);
  if (argc >= 1 && g_str_equal (argv[0], "import"))
    return import (archive, argc - 1, argv + 1);
  if (argc >= 1 && g_str_equal (argv[0], "show"))
    return show (archive, argc - 1, argv + 1);
  return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), "bundle",
                      "export, import or show");
}

int
tf_cli_backup (const char  *archive,
               int          argc,
               char       **argv)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *output = NULL;
  gboolean force = FALSE;
  int status = TF_CLI_EXIT_OK;

  for (int i = 0; i < argc; i++)
    {
      const char *value;

      if (g_str_equal (argv[i], "--force"))
        force = TRUE;
      else if (tf_cli_is_option (argv[i], "-o") || tf_cli_is_option (argv[i], "--output"))
        {
          if ((value = tf_cli_option_value (argv[i], tf_cli_is_option (argv[i], "-o") ? "-o" : "--output",
                                            argc, argv, &i)) == NULL)
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), "-o");
          output = value;
        }
      else if (argv[i][0] == '-')
        return tf_cli_fail_unknown_option ("backup", argv[i]);
      else
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” takes only %s, not “%s”"), "backup", "-o FILE", argv[i]);
    }
  if (output == NULL)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), "backup", "-o FILE");
  if (!(store = tf_cli_open_store (archive, FALSE, &status)))
    return status;
  if (!tf_cli_check_output (output, tf_store_get_path (store), force, &status))
    return status;
  if (!tf_store_backup (store, output, force, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  return TF_CLI_EXIT_OK;
}
