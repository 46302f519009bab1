/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-cli-export"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/tf-input-file.h"
#include "exports/tf-export.h"
#include "stamps/tf-stamp-library.h"
#include "tf-cli-export.h"
#include "tf-cli-private.h"
#include "tf-cli-stamps.h"

const char tf_cli_export_synopsis[] =
  "export EXPERIMENT --format pdf|png|svg -o FILE\n"
  "    [--board NAME] [--paper a4|a3|a2|a1|a0|letter] [--landscape|--portrait]\n"
  "    [--margin MM]\n"
  "    [--poster COLSxROWS | --scale S] [--dpi N] [--report]\n"
  "    [--cards insights|starters] [--starters FILE] [--back] [--no-title-block]\n"
  "    [--force]\n";

typedef struct {
  const char *experiment;
  const char *board;
  const char *format;
  const char *output;
  const char *paper;
  const char *margin;
  const char *poster;
  const char *scale;
  const char *dpi;
  const char *cards;
  const char *starters;
  gboolean    landscape;
  gboolean    portrait;
  gboolean    report;
  gboolean    back;
  gboolean    no_title_block;
  gboolean    force;
} Args;

static const char * const value_options[] = {
  "--board", "--format", "--output", "-o", "--paper", "--margin", "--poster", "--scale", "--dpi",
  "--cards", "--starters",
};

static const char **
value_slot (Args       *args,
            const char *name)
{
  if (g_str_equal (name, "--board")) return &args->board;
  if (g_str_equal (name, "--format")) return &args->format;
  if (g_str_equal (name, "--output") || g_str_equal (name, "-o")) return &args->output;
  if (g_str_equal (name, "--paper")) return &args->paper;
  if (g_str_equal (name, "--margin")) return &args->margin;
  if (g_str_equal (name, "--poster")) return &args->poster;
  if (g_str_equal (name, "--scale")) return &args->scale;
  if (g_str_equal (name, "--dpi")) return &args->dpi;
  if (g_str_equal (name, "--cards")) return &args->cards;
  return &args->starters;
}

static gboolean
parse (int    argc,
       char **argv,
       Args  *args,
       int   *status)
{
  const struct { const char *name; gboolean *flag; } flags[] = {
    { "--landscape", &args->landscape }, { "--portrait", &args->portrait },
    { "--report", &args->report }, { "--back", &args->back },
    { "--no-title-block", &args->no_title_block }, { "--force", &args->force },
  };

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *name = NULL;
      const char *value = NULL;
      gboolean done = FALSE;

      if (arg[0] != '-' || g_str_equal (arg, "-"))
        {
          if (args->experiment != NULL)
            {
              *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("“export” takes one experiment, not “%s”"),
                                     arg);
              return FALSE;
            }
          args->experiment = arg;
          continue;
        }
      for (guint f = 0; f < G_N_ELEMENTS (flags) && !done; f++)
        if (g_str_equal (arg, flags[f].name))
          {
            *flags[f].flag = TRUE;
            done = TRUE;
          }
      if (done)
        continue;

      name = tf_cli_match_option (arg, value_options, G_N_ELEMENTS (value_options));
      if (name == NULL)
        {
          *status = tf_cli_fail_unknown_option ("export", arg);
          return FALSE;
        }
      value = tf_cli_option_value (arg, name, argc, argv, &i);
      if (value == NULL || value[0] == '\0')
        {
          *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), name);
          return FALSE;
        }
      *value_slot (args, name) = value;
    }
  return TRUE;
}

static gboolean
parse_number (const char *text,
              double      min,
              double      max,
              double     *value)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !isfinite (v) || v < min || v > max)
    return FALSE;
  *value = v;
  return TRUE;
}

static gboolean
parse_grid (const char *text,
            guint      *columns,
            guint      *rows)
{
  guint64 c, r;
  g_auto(GStrv) parts = g_strsplit_set (text, "xX×", -1);

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, 40, &c, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 40, &r, NULL))
    return FALSE;
  *columns = (guint) c;
  *rows = (guint) r;
  return TRUE;
}

/* Says which option cannot go with which, before anything is opened. */
static gboolean
refuse (gboolean    present,
        const char *option,
        const char *context,
        int        *status)
{
  if (present)
    /* TRANSLATORS: e.g. "--dpi cannot be used with --format pdf" */
    *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s cannot be used with %s"), option, context);
  return present;
}

/* A list of discussion starters is a few pages of text at most. */
#define MAX_STARTERS_SIZE (1024 * 1024)

static GStrv
read_starters (const char  *path,
               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autofree char *contents = NULL;
  const char *data;
  gsize length;

  /* Bounded, and only a file or stdin: /dev/zero or a pipe is not read forever. */
  bytes = tf_input_file_read (path, MAX_STARTERS_SIZE, TF_INPUT_FILE_ALLOW_STDIN, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);

  if (!g_utf8_validate_len (data, length, NULL) || memchr (data, '\0', length) != NULL)
    {
      g_autofree char *display = g_str_equal (path, "-") ? g_strdup (_("the standard input"))
                                                          : g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s is not UTF-8 text"), display);
      return NULL;
    }
  contents = g_strndup (data, length);
  /* One starter a line; blank lines are skipped. */
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] != '\0')
        g_ptr_array_add (kept, g_strdup (line));
    }
  g_ptr_array_add (kept, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&kept), FALSE);
}

/* Ctrl+C, SIGTERM and SIGHUP cancel cleanly: the temporary file goes, the
 * target stays. */
static void
on_progress (double   fraction,
             gpointer user_data)
{
  if (tf_cli_interrupted)
    g_cancellable_cancel (user_data);
}

/* The board --board names (see tf_cli_pick_board()), else the first one the
 * export applies to; -1 when none, -2 when the name is ambiguous (said). */
static int
find_board (TfExportSource   *source,
            const char       *name,
            const TfExporter *exporter,
            int              *status)
{
  guint n = tf_export_source_get_n_boards (source);
  g_autofree const char **names = g_new0 (const char *, n + 1);
  g_autofree gint64 *ids = g_new0 (gint64, n + 1);

  if (name == NULL)
    {
      /* The first board the export applies to (cards: the first insight wall). */
      for (guint i = 0; i < n; i++)
        if (tf_exporter_applies_to (exporter, tf_export_source_get_board (source, i)))
          return (int) i;
      return -1;
    }
  for (guint i = 0; i < n; i++)
    {
      names[i] = tf_board_get_name (tf_export_source_get_board (source, i));
      ids[i] = tf_board_get_id (tf_export_source_get_board (source, i));
    }
  return tf_cli_pick_board (names, ids, n, name, status);
}

/* One line on standard error for each exported board that had items left
 * out when it was read (tf_scene_new_for_board()): the export goes on with
 * the rest. @board -1: every board. */
static void
warn_skipped (TfExportSource *source,
              int             board)
{
  for (guint i = 0; i < tf_export_source_get_n_boards (source); i++)
    {
      TfScene *scene = tf_export_source_get_scene (source, i);
      guint n = tf_scene_get_n_skipped (scene, TF_CONTENT_OK);
      g_autofree char *reasons = NULL;
      g_autofree char *name = NULL;

      if ((board >= 0 && (guint) board != i) || n == 0)
        continue;
      reasons = tf_scene_describe_skipped (scene);
      /* The board's name comes from the archive: its line breaks are shown
       * as \n (tf_cli_fail() would make them spaces), and tf_cli_fail()
       * shows the rest of its control characters. */
      name = tf_cli_escape (tf_board_get_name (tf_export_source_get_board (source, i)),
                            TF_CLI_TEXT_LINE);
      tf_cli_fail (TF_CLI_EXIT_OK,
                   g_dngettext (GETTEXT_PACKAGE,
                                /* TRANSLATORS: the count, the board's name, then why (a list) */
                                "warning: %u item of board “%s” could not be read and was left out (%s)",
                                "warning: %u items of board “%s” could not be read and were left out (%s)",
                                n),
                   n, name, reasons);
    }
}

static char *
board_names (TfExportSource *source)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < tf_export_source_get_n_boards (source); i++)
    g_string_append_printf (names, "%s“%s”", i ? ", " : "",
                            tf_board_get_name (tf_export_source_get_board (source, i)));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

int
tf_cli_export (const char  *archive,
               int          argc,
               char       **argv)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfExportSource) source = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  Args args = { 0 };
  TfStampLibrary *library = NULL;
  const TfExporter *exporter;
  TfExportKind kind;
  gboolean pdf;
  gint64 experiment_id;
  guint n_pages = 0;
  int status = TF_CLI_EXIT_OK, board = 0;
  gboolean ok;

  tf_export_options_init (&options);
  if (!parse (argc, argv, &args, &status))
    return status;

  if (args.experiment == NULL)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), "export", _("an experiment id"));
  if (!tf_cli_parse_experiment_id (args.experiment, &experiment_id, &status))
    return status;
  if (args.output == NULL)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“export” needs -o FILE, the file to write"));
  if (g_str_equal (args.output, "-"))
    return tf_cli_fail (TF_CLI_EXIT_USAGE,
                        _("Exports are written to a file, not to the standard output"));

  /* Never over the archive, nor over another database unless forced: said
   * first, whatever else is wrong with the command. */
  if (!tf_cli_check_output (args.output, archive, args.force, &status))
    return status;

  if (args.format == NULL)
    {
      /* Guessed from the file name when not given. */
      if (g_str_has_suffix (args.output, ".pdf") || g_str_has_suffix (args.output, ".PDF"))
        args.format = "pdf";
      else if (g_str_has_suffix (args.output, ".png") || g_str_has_suffix (args.output, ".PNG"))
        args.format = "png";
      else if (g_str_has_suffix (args.output, ".svg") || g_str_has_suffix (args.output, ".SVG"))
        args.format = "svg";
      else
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("Choose a format with --format pdf, png or svg"));
    }
  if (!g_str_equal (args.format, "pdf") && !g_str_equal (args.format, "png") && !g_str_equal (args.format, "svg"))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” is not a format; use pdf, png or svg"),
                        args.format);
  pdf = g_str_equal (args.format, "pdf");

  /* Options that only mean something for some exports. */
  if (!pdf)
    {
      g_autofree char *context = g_strconcat ("--format ", args.format, NULL);

      if (refuse (args.report, "--report", context, &status) ||
          refuse (args.cards != NULL, "--cards", context, &status) ||
          refuse (args.poster != NULL, "--poster", context, &status) ||
          refuse (args.paper != NULL, "--paper", context, &status) ||
          refuse (args.landscape, "--landscape", context, &status) ||
          refuse (args.portrait, "--portrait", context, &status) ||
          refuse (args.margin != NULL, "--margin", context, &status) ||
          refuse (args.back, "--back", context, &status) ||
          refuse (args.no_title_block, "--no-title-block", context, &status) ||
          refuse (args.scale != NULL && g_str_equal (args.format, "png"), "--scale", context, &status))
        return status;
    }
  if (refuse (args.dpi != NULL && !g_str_equal (args.format, "png"), "--dpi",
              pdf ? "--format pdf" : "--format svg", &status) ||
      refuse (args.landscape && args.portrait, "--landscape", "--portrait", &status) ||
      refuse (args.poster != NULL && args.scale != NULL, "--poster", "--scale", &status) ||
      refuse (args.report && args.cards != NULL, "--report", "--cards", &status) ||
      refuse (args.report && (args.poster || args.scale), args.poster ? "--poster" : "--scale", "--report",
              &status) ||
      refuse (args.report && args.board != NULL, "--board", "--report", &status) ||
      refuse (args.cards != NULL && (args.poster || args.scale), args.poster ? "--poster" : "--scale",
              "--cards", &status) ||
      refuse (args.back && args.cards == NULL, "--back", _("anything but --cards"), &status))
    return status;
  if (args.cards != NULL && !g_str_equal (args.cards, "insights") && !g_str_equal (args.cards, "starters"))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” is not a kind of card; use insights or starters"),
                        args.cards);
  if (args.cards != NULL && g_str_equal (args.cards, "starters"))
    {
      if (args.starters == NULL)
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("--cards starters needs --starters FILE, one discussion starter a line"));
      if (refuse (args.board != NULL, "--board", "--cards starters", &status))
        return status;
    }
  else if (refuse (args.starters != NULL, "--starters", _("anything but --cards starters"), &status))
    return status;

  if (args.paper != NULL && !tf_paper_from_string (args.paper, &options.paper))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” is not a paper size; use a4, a3, a2, a1, a0 or letter"), args.paper);
  if (args.margin != NULL && !parse_number (args.margin, 0, 100, &options.margin_mm))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("--margin takes millimetres, from 0 to 100, not “%s”"),
                        args.margin);
  if (args.scale != NULL && (!parse_number (args.scale, 0.01, 20, &options.scale) || options.scale <= 0))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("--scale takes a positive number (1 is real size), not “%s”"), args.scale);
  if (args.poster != NULL && !parse_grid (args.poster, &options.columns, &options.rows))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("--poster takes COLUMNSxROWS, e.g. 3x2 (at most 40x40), not “%s”"), args.poster);
  if (args.dpi != NULL && !parse_number (args.dpi, 1, 2400, &options.dpi))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("--dpi takes a resolution from 1 to 2400, not “%s”"),
                        args.dpi);
  if (args.landscape)
    options.orientation = TF_ORIENTATION_LANDSCAPE;
  if (args.portrait)
    options.orientation = TF_ORIENTATION_PORTRAIT;
  options.back = args.back;
  options.title_block = !args.no_title_block;

  /* The exporter of the table the options name. */
  if (!pdf)
    exporter = tf_exporter_lookup (args.format);
  else if (args.report)
    exporter = tf_exporter_lookup ("report");
  else if (args.cards != NULL)
    exporter = tf_exporter_lookup (g_str_equal (args.cards, "insights") ? "cards" : "starters");
  else if (args.poster != NULL || args.scale != NULL)
    exporter = tf_exporter_lookup ("poster");
  else
    exporter = tf_exporter_lookup ("board");
  g_assert (exporter != NULL);
  kind = exporter->kind;

  if (kind == TF_EXPORT_POSTER && options.paper != TF_PAPER_A4 && options.paper != TF_PAPER_A3)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("Posters are printed on A4 or A3 sheets"));

  if (kind == TF_EXPORT_STARTERS)
    {
      options.starters = read_starters (args.starters, &error);
      if (options.starters == NULL)
        return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
    }

  /* Exports only read: the archive is never written, even when locked. */
  if (!(store = tf_cli_open_store (archive, FALSE, &status)))
    return status;
  /* Boards draw the archive's own stamps too, as in the window. */
  library = tf_stamp_library_get_default ();
  if (!tf_stamp_library_set_store (library, store, &error))
    {
      tf_cli_fail (TF_CLI_EXIT_OK, _("The archive’s own stamps cannot be read (%s): they show as “?”"),
                   error->message);
      g_clear_error (&error);
    }
  source = tf_export_source_new_from_store (store, experiment_id, &error);
  if (source == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);

  if (exporter->scope == TF_EXPORT_SCOPE_BOARD)
    {
      board = find_board (source, args.board, exporter, &status);
      if (board == -2)
        return status;
      if (board < 0 && args.board != NULL)
        {
          g_autofree char *names = board_names (source);

          if (names[0] == '\0')
            return tf_cli_fail (TF_CLI_EXIT_REFUSED, _("The experiment has no board “%s”, nor any other"), args.board);
          return tf_cli_fail (TF_CLI_EXIT_REFUSED, _("The experiment has no board “%s”; its boards are %s"),
                              args.board, names);
        }
      if (board < 0)
        return tf_cli_fail (TF_CLI_EXIT_REFUSED,
                            kind == TF_EXPORT_CARDS ? _("The experiment has no insight wall")
                                                    : _("The experiment has no board to export"));
      options.board = (guint) board;
    }
  if (exporter->scope != TF_EXPORT_SCOPE_NONE)
    warn_skipped (source, exporter->scope == TF_EXPORT_SCOPE_EXPERIMENT ? -1 : board);

  cancellable = g_cancellable_new ();
  tf_cli_catch_signals (FALSE);
  {
    TfExportJob job = { kind, source, &options, args.output, cancellable, on_progress, cancellable, 0 };

    ok = tf_export_job_run (&job, &error);
    n_pages = job.n_pages;
  }
  tf_cli_release_signals ();
  tf_cli_stamps_report (library);
  if (!ok)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s",
                        g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                        ? _("Export interrupted; nothing was written") : error->message);

  display = g_filename_display_name (args.output);
  if (kind == TF_EXPORT_PNG)
    {
      int width = 0, height = 0;

      tf_export_png_size (source, &options, &width, &height, NULL);
      /* TRANSLATORS: after a PNG export: the file, then its size in pixels */
      printf (_("Wrote %s (%d × %d pixels)\n"), display, width, height);
    }
  else
    {
      printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%u page)\n", "Wrote %s (%u pages)\n", n_pages),
              display, n_pages);
    }
  return TF_CLI_EXIT_OK;
}
