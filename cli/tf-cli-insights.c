/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-cli-insights"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "core/tf-archive.h"
#include "core/tf-atomic-file.h"
#include "core/tf-input-file.h"
#include "insights/tf-insight-commands.h"
#include "insights/tf-insight-wall.h"
#include "tf-cli-insights.h"
#include "tf-cli-json.h"
#include "tf-cli-private.h"

typedef struct {
  const char *experiment;
  const char *file;
  const char *board;
  const char *output;
  gboolean    json;
  gboolean    include_retired;
  gboolean    force;
} Args;

static gboolean
is_wall (TfBoard *board)
{
  return tf_board_type_lookup (tf_board_get_kind_id (board)) == &tf_insight_wall_type;
}

/* The insight wall --board @query names (tf_cli_pick_board_of()): its id, 0
 * when none matches (and for a NULL @query); FALSE with @status set when
 * the query is ambiguous or the archive fails. */
static gboolean
pick_wall (TfStore    *store,
           gint64      experiment_id,
           const char *query,
           gint64     *board_id,
           int        *status)
{
  g_autoptr(GListStore) boards = NULL;
  g_autoptr(TfBoard) board = NULL;
  g_autoptr(GError) error = NULL;

  *board_id = 0;
  if (query == NULL)
    return TRUE;
  boards = tf_archive_list_boards (store, experiment_id, &error);
  if (boards == NULL)
    {
      *status = tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
      return FALSE;
    }
  board = tf_cli_pick_board_of (G_LIST_MODEL (boards), is_wall, query, status);
  if (*status != TF_CLI_EXIT_OK)
    return FALSE;
  if (board != NULL)
    *board_id = tf_board_get_id (board);
  return TRUE;
}

/* Options and their values; @export says which set of options is allowed. */
static gboolean
parse_args (const char  *command,
            int          argc,
            char       **argv,
            gboolean     export,
            Args        *args,
            int         *status)
{
  static const char * const import_options[] = { "--board" };
  static const char * const export_options[] = { "--board", "-o", "--output" };
  guint n_positionals = 0;
  guint wanted = export ? 1 : 2;

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;
      const char *name;

      if (arg[0] != '-' || g_str_equal (arg, "-"))
        {
          if (n_positionals == 0)
            args->experiment = arg;
          else if (n_positionals == 1 && !export)
            args->file = arg;
          else
            {
              *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” takes only %s, not “%s”"), command,
                                     export ? _("an experiment id") : _("an experiment id and a file"), arg);
              return FALSE;
            }
          n_positionals++;
          continue;
        }

      if (export)
        name = tf_cli_match_option (arg, export_options, G_N_ELEMENTS (export_options));
      else
        name = tf_cli_match_option (arg, import_options, G_N_ELEMENTS (import_options));
      if (name == NULL && !export && g_str_equal (arg, "--json"))
        {
          args->json = TRUE;
          continue;
        }
      if (name == NULL && export && g_str_equal (arg, "--include-retired"))
        {
          args->include_retired = TRUE;
          continue;
        }
      if (name == NULL && export && g_str_equal (arg, "--force"))
        {
          args->force = TRUE;
          continue;
        }
      /* No word of its own for a dangling --archive, unlike the other commands. */
      if (name == NULL)
        {
          *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” does not take the option %s"), command, arg);
          tf_cli_print_usage (stderr, command);
          return FALSE;
        }

      value = tf_cli_option_value (arg, name, argc, argv, &i);
      if (value == NULL)
        {
          *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), name);
          return FALSE;
        }
      if (g_str_equal (name, "--board"))
        args->board = value;
      else
        args->output = value;
    }

  if (n_positionals < wanted)
    {
      *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), command,
                             export ? _("an experiment id") : _("an experiment id and a file"));
      return FALSE;
    }
  return TRUE;
}

/* Not empty once trimmed, and valid UTF-8. */
static gboolean
is_name (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return g_utf8_validate (trimmed, -1, NULL) && trimmed[0] != '\0';
}

int
tf_cli_import_insights (const char  *archive,
                        int          argc,
                        char       **argv)
{
  Args args = { 0 };
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfExperiment) experiment = NULL;
  g_autoptr(TfInsightCsv) csv = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *board_name = NULL;
  gint64 id, board_id = 0;
  int status = TF_CLI_EXIT_OK;

  if (!parse_args ("import-insights", argc, argv, FALSE, &args, &status) ||
      !tf_cli_parse_experiment_id (args.experiment, &id, &status))
    return status;
  if (args.board != NULL && !is_name (args.board))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("A board needs a name"));

  /* The file is read before the archive is opened: a refused file writes nothing. */
  display = g_filename_display_name (args.file);
  /* Never more than an insight file may hold, and only a file (or stdin):
   * not a folder, a device or a pipe, which could be read forever. */
  bytes = tf_input_file_read (args.file, TF_INSIGHT_CSV_MAX_SIZE, TF_INPUT_FILE_ALLOW_STDIN, &error);
  if (bytes == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  csv = tf_insight_csv_parse (bytes, &error);
  if (csv == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s: %s", display, error->message);

  /* Nothing to add opens the archive read-only: no wall is made for it. */
  if (!(store = tf_cli_open_store (archive, csv->rows->len > 0, &status)))
    return status;
  experiment = tf_archive_get_experiment (store, id, &error);
  if (experiment == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  /* --board: a wall's name or a unique part of it; else a new wall's name. */
  if (!pick_wall (store, id, args.board, &board_id, &status))
    return status;

  if (csv->rows->len > 0)
    {
      g_autoptr(TfCommand) command = board_id != 0 ? tf_command_import_insights (board_id, csv->rows)
                                                   : tf_command_import_insights_to_experiment (id, args.board, csv->rows);
      g_autoptr(TfBoard) board = NULL;

      if (!tf_command_execute (command, store, &error))
        return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
      board_id = tf_command_get_result_id (command);
      board = tf_archive_get_board (store, board_id, &error);
      if (board == NULL)
        return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
      board_name = g_strdup (tf_board_get_name (board));
    }
  else
    {
      g_autoptr(TfBoard) board = NULL;

      if (board_id == 0 && args.board == NULL)
        board_id = tf_insight_find_wall (store, id, NULL, &error);
      if (error != NULL)
        return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
      if (board_id != 0 && (board = tf_archive_get_board (store, board_id, NULL)) != NULL)
        board_name = g_strdup (tf_board_get_name (board));
      else
        board_name = g_strstrip (g_strdup (args.board ? args.board : tf_board_type_get_label (&tf_insight_wall_type)));
    }

  if (args.json)
    {
      tf_cli_json_print (tf_cli_json_import (board_id, board_name, csv));
      return TF_CLI_EXIT_OK;
    }

  {
    g_autofree char *shown = tf_cli_escape (board_name, TF_CLI_TEXT_LINE);

    printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u insight into “%s”.", "Imported %u insights into “%s”.",
                         csv->rows->len),
            csv->rows->len, shown);
    printf ("\n");
  }
  /* Warnings and reasons quote the file's cells: shown like archive text. */
  for (guint i = 0; i < csv->warnings->len; i++)
    {
      g_autofree char *shown = tf_cli_escape (g_ptr_array_index (csv->warnings, i), TF_CLI_TEXT_LINE);

      printf ("%s\n", shown);
    }
  for (guint i = 0; i < csv->rejections->len; i++)
    {
      TfInsightRejection *rejection = g_ptr_array_index (csv->rejections, i);
      g_autofree char *shown = tf_cli_escape (rejection->reason, TF_CLI_TEXT_LINE);

      /* TRANSLATORS: a rejected line of an imported file, e.g. "line 12: empty quote" */
      printf (_("line %u: %s"), rejection->line, shown);
      printf ("\n");
    }
  return TF_CLI_EXIT_OK;
}

int
tf_cli_export_insights (const char  *archive,
                        int          argc,
                        char       **argv)
{
  Args args = { 0 };
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfExperiment) experiment = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  gint64 id, board_id;
  int status = TF_CLI_EXIT_OK;
  gconstpointer data;
  gsize size;
  gboolean ok;

  if (!parse_args ("export-insights", argc, argv, TRUE, &args, &status) ||
      !tf_cli_parse_experiment_id (args.experiment, &id, &status))
    return status;
  if (args.output == NULL || args.output[0] == '\0')
    return tf_cli_fail (TF_CLI_EXIT_USAGE,
                        _("“export-insights” needs -o FILE, the CSV file to write"));
  /* Never over the archive, nor over another database unless forced. */
  if (!tf_cli_check_output (args.output, archive, args.force, &status))
    return status;

  if (!(store = tf_cli_open_store (archive, FALSE, &status)))
    return status;
  experiment = tf_archive_get_experiment (store, id, &error);
  if (experiment == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  if (!pick_wall (store, id, args.board, &board_id, &status))
    return status;
  if (board_id == 0 && args.board == NULL)
    board_id = tf_insight_find_wall (store, id, NULL, &error);
  if (error != NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  if (board_id == 0 && args.board != NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, _("Experiment %lld has no insight wall named “%s”"), (long long) id, args.board);
  if (board_id == 0)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, _("Experiment %lld has no insight wall"),
                        (long long) id);

  if (!tf_insight_collect (store, board_id, args.include_retired, &rows, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  bytes = tf_insight_csv_write (rows);
  data = g_bytes_get_data (bytes, &size);

  /* Written whole or not at all: an error never leaves half a file, a
   * signal no temporary file. */
  tf_cli_catch_signals (TRUE);
  ok = tf_atomic_file_write (args.output, data, size, &error);
  tf_cli_release_signals ();
  if (!ok)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);

  display = g_filename_display_name (args.output);
  printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u insight to %s", "Exported %u insights to %s", rows->len),
          rows->len, display);
  printf ("\n");
  return TF_CLI_EXIT_OK;
}
