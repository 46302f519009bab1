/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-cli"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "core/tf-archive.h"
#include "core/tf-atomic-file.h"
#include "core/tf-bin.h"
#include "core/tf-demo.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-board-type.h"
#include "core/tf-text-match.h"
#include "canvas/tf-item-kinds.h"
#include "wings/tf-wings.h"
#include "tf-cli-blueprint.h"
#include "tf-cli-photo.h"
#include "tf-cli-bundle.h"
#include "tf-cli-regional.h"
#include "tf-cli-room.h"
#include "tf-cli-export.h"
#include "tf-cli-insights.h"
#include "tf-cli-stamps.h"
#include "tf-cli-json.h"
#include "tf-cli-private.h"
#include "tf-cli.h"
#include "wings/tf-wings.h"

typedef int (*SubcommandFunc) (const char  *archive,
                               int          argc,
                               char       **argv);

typedef struct {
  const char     *name;
  SubcommandFunc  func;
  const char     *usage;     /* arguments, as typed: not translated */
  const char     *synopsis;  /* N_() */
} Subcommand;

static int cmd_list   (const char *archive, int argc, char **argv);
static int cmd_new    (const char *archive, int argc, char **argv);
static int cmd_show   (const char *archive, int argc, char **argv);
static int cmd_search (const char *archive, int argc, char **argv);
static int cmd_demo   (const char *archive, int argc, char **argv);
static int cmd_check  (const char *archive, int argc, char **argv);
static int cmd_bin    (const char *archive, int argc, char **argv);

static const Subcommand subcommands[] = {
  { "list", cmd_list, "list [--json]",
    N_("List the experiments of the archive") },
  { "new", cmd_new, "new TITLE [--place P] [--department D]\n    [--phase PHASE] [--tag T]…",
    N_("Create an experiment and print its id") },
  { "show", cmd_show, "show ID [--json]",
    N_("Show one experiment with its boards") },
  { "search", cmd_search, "search QUERY [--json]",
    N_("Search every text of the archive") },
  { "demo", cmd_demo, "demo",
    N_("Add the booklet's demo experiment if it is missing") },
  { "bin", cmd_bin, "bin list\nbin move EXPERIMENT\nbin restore EXPERIMENT\nbin empty",
    N_("The Bin: list the experiments in it, move one there, restore one, or delete them all for good (each is kept 30 days, then deleted)") },
  { "check", cmd_check, "check",
    N_("Check the whole archive for damage (it may take a while on a big one)") },
  { "import-insights", tf_cli_import_insights, "import-insights EXPERIMENT FILE [--board NAME]\n    [--json]",
    N_("Add the insights of a CSV or TSV file to an insight wall") },
  { "export-insights", tf_cli_export_insights, "export-insights EXPERIMENT -o FILE [--board NAME]\n    [--include-retired] [--force]",
    N_("Write the insights of an insight wall to a CSV file") },
  { "export", tf_cli_export, NULL,
    N_("Export a board, a wall poster, the report or card sheets") },
  { "stamps", tf_cli_stamps, "stamps list [--json]\n"
    "stamps import FILE.svg --family F --name-fr N --name-en N\n    [--keywords K,K…] [--color #rrggbb]\n"
    "stamps sheet -o FILE.pdf [--size CM] [--stamps ID,ID…]\n    [--force]",
    N_("List, import and print stamps (actor pictograms)") },
  { "blueprint", tf_cli_blueprint, "blueprint check EXPERIMENT [--board NAME]\n    [--json]",
    N_("Check the blueprints of an experiment (exit 1 on errors)") },
  { "photo", tf_cli_photo, "photo add EXPERIMENT FILE [--board NAME] [--page N]\n"
    "photo place EXPERIMENT PHOTO FILE [--page N]\n    [--corners X1,Y1,X2,Y2,X3,Y3,X4,Y4]",
    N_("Add a photo or a PDF page to a mockup and print its asset id, or place an image on a photo") },
  { "bundle", tf_cli_bundle, "bundle export EXPERIMENT -o FILE.transfo [--department NAME]\n"
    "    [--drop-unconsented] [--drop-dates] [--drop-people-photos]\n    [--drop-notes] [--force]\n"
    "bundle show FILE\nbundle import FILE [--as-copy|--update]",
    N_("Write one experiment to a bundle file for another department, preview one, or import one") },
  { "regional", tf_cli_regional, "regional init [--to-version N]\n"
    "regional publish EXPERIMENT [--visibility region|departments|department]\n    [--to ROLE,ROLE…] [--department ROLE] [--drop-…]\n"
    "regional search QUERY [--json] [--department D] [--territory T]\n    [--phase P] [--year Y] [--tag T]\n"
    "regional fetch ID [--version N] [--as-copy|--update]\nregional withdraw ID",
    N_("The regional archive (with --regional CONNINFO): set it up, publish an experiment, search the region, fetch or withdraw one") },
  { "backup", tf_cli_backup, "backup -o FILE [--force]",
    N_("Write a consistent copy of the whole archive, even while a window has it open") },
  { "room", tf_cli_room, "room check EXPERIMENT\n"
    "room serve EXPERIMENT [--address ADDR] [--port PORT]\n    [--accept-all] [--vote COLOURSxDOTS]",
    N_("List the cards too small to read from the back of the room (exit 1 when there are), or open the room to phones: print the page’s address, store what arrives until interrupted") },
};

/* More than the synopsis, said by the command's own --help. */
static const struct {
  const char *name;
  const char *details;  /* N_() */
} subcommand_details[] = {
  { "import-insights", N_("--board names an insight wall by its name or a unique beginning or part of it, case and accents aside "
       "(several: they are listed, exit 2); when none matches, a new wall of that name is made.") },
  { "export-insights", N_("--board names an insight wall by its name or a unique beginning or part of it, case and accents aside "
       "(several: they are listed, exit 2).") },
  { "photo", N_("--board names a mockup by its name or a unique beginning or part of it, case and accents aside "
       "(several: they are listed, exit 2); when none matches, a new mockup of that name is made.") },
};

/* Helpers shared by the subcommands (tf-cli-private.h) */

int
tf_cli_fail (int         status,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_strdelimit (message, "\n", ' ');
  {
    /* A message may quote a board name or a cell: no control reaches the terminal. */
    g_autofree char *shown = tf_cli_escape (message, TF_CLI_TEXT_LINE);

    fprintf (stderr, "transfo: %s\n", shown);
  }
  return status;
}

gboolean
tf_cli_is_hidden_char (gunichar c)
{
  return (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

char *
tf_cli_escape (const char *text,
               TfCliText   kind)
{
  const char *p, *end;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  end = text + strlen (text);
  out = g_string_sized_new (end - text);
  for (p = text; p < end;)
    {
      guchar c = (guchar) *p;
      gunichar u;

      if (c < 0x80)
        {
          if (kind == TF_CLI_TEXT_BLOCK && (c == '\n' || c == '\t'))
            g_string_append_c (out, (char) c);
          else if (c == '\n')
            g_string_append (out, "\\n");
          else if (c == '\t')
            g_string_append (out, "\\t");
          else if (c == '\r')
            g_string_append (out, "\\r");
          else if (c < 0x20 || c == 0x7F)
            g_string_append_printf (out, "\\x%02x", c);
          else
            g_string_append_c (out, (char) c);
          p++;
          continue;
        }

      u = g_utf8_get_char_validated (p, end - p);
      if (u == (gunichar) -1 || u == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", c);
          p++;
          continue;
        }
      if (tf_cli_is_hidden_char (u))
        g_string_append_printf (out, "\\u%04x", u);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

gboolean
tf_cli_is_option (const char *arg,
                  const char *name)
{
  gsize len = strlen (name);

  return strncmp (arg, name, len) == 0 && (arg[len] == '\0' || arg[len] == '=');
}

const char *
tf_cli_match_option (const char         *arg,
                     const char * const *names,
                     gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    if (tf_cli_is_option (arg, names[i]))
      return names[i];
  return NULL;
}

const char *
tf_cli_option_value (const char  *arg,
                     const char  *name,
                     int          argc,
                     char       **argv,
                     int         *i)
{
  if (arg[strlen (name)] == '=')
    return arg + strlen (name) + 1;
  if (*i + 1 < argc)
    return argv[++*i];
  return NULL;
}

int
tf_cli_fail_unknown_option (const char *command,
                            const char *arg)
{
  if (g_str_equal (arg, "--archive"))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("--archive needs a path"));
  tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” does not take the option %s"), command, arg);
  tf_cli_print_usage (stderr, command);
  return TF_CLI_EXIT_USAGE;
}

/* The usage of @name ("stamps", or "stamps import" for the lines of one
 * subcommand), split in entries: a first line and its indented continuations. */
static const Subcommand *
find_subcommand (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (name, subcommands[i].name))
      return &subcommands[i];
  return NULL;
}

/* "stamps import FILE.svg …" is a line of "stamps import", not of "stamps im". */
static gboolean
is_line_of (const char *line,
            const char *prefix)
{
  return g_str_has_prefix (line, prefix) && (line[strlen (prefix)] == ' ' || line[strlen (prefix)] == '\0');
}

/* "stamps list", "stamps import …": the command is a family of subcommands. */
static gboolean
has_subcommands (const Subcommand *sub)
{
  g_autofree char *prefix = g_strconcat (sub->name, " ", NULL);
  const char *usage = sub->usage != NULL ? sub->usage : tf_cli_export_synopsis;

  return g_str_has_prefix (usage, prefix) && g_ascii_islower (usage[strlen (prefix)]);
}

void
tf_cli_print_usage (FILE       *out,
                    const char *command)
{
  g_auto(GStrv) words = g_strsplit (command, " ", 2);
  const Subcommand *sub = words[0] != NULL ? find_subcommand (words[0]) : NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *prefix = NULL;
  gboolean any = FALSE;

  if (sub == NULL)
    {
      fprintf (out, "%s\n", _("Usage: transfo [--archive PATH] [COMMAND [ARGUMENTS…]]"));
      fprintf (out, "%s\n", _("See “transfo --help” for the commands."));
      return;
    }
  lines = g_strsplit (sub->usage != NULL ? sub->usage : tf_cli_export_synopsis, "\n", -1);
  /* "stamps import": only its own lines, when the command has such lines. */
  if (words[1] != NULL)
    {
      prefix = g_strdup_printf ("%s %s", words[0], words[1]);
      for (guint l = 0; lines[l] != NULL && !any; l++)
        any = is_line_of (lines[l], prefix);
      if (!any)
        g_clear_pointer (&prefix, g_free);
    }

  fprintf (out, "%s\n", _("Usage:"));
  {
    gboolean keep = FALSE;

    for (guint l = 0; lines[l] != NULL; l++)
      {
        if (lines[l][0] == '\0')
          continue;
        if (lines[l][0] != ' ')
          keep = prefix == NULL || is_line_of (lines[l], prefix);
        if (!keep)
          continue;
        if (lines[l][0] == ' ')
          fprintf (out, "  %s\n", lines[l]);
        else
          fprintf (out, "  transfo [--archive PATH] %s\n", lines[l]);
      }
  }
  fprintf (out, "\n%s\n", _(sub->synopsis));
  for (guint i = 0; i < G_N_ELEMENTS (subcommand_details); i++)
    if (g_str_equal (subcommand_details[i].name, sub->name))
      fprintf (out, "%s\n", _(subcommand_details[i].details));
  fprintf (out, "%s\n", _("Exit status: 0 on success, 1 when the archive refuses the command, 2 on bad arguments."));
}

int
tf_cli_pick_board (const char * const *names,
                   const gint64       *ids,
                   guint               n,
                   const char         *query,
                   int                *status)
{
  g_autoptr(GArray) found = tf_text_match_names (names, n, query);
  g_autofree char *wanted = tf_text_fold (query);
  guint64 id;

  /* A name as typed or folded comes first, then an id, then a part of a name. */
  if (found->len > 0)
    {
      g_autofree char *first = tf_text_fold (names[g_array_index (found, guint, 0)]);

      if (found->len == 1 && g_str_equal (first, wanted))
        return (int) g_array_index (found, guint, 0);
    }
  if (g_ascii_string_to_unsigned (query, 10, 1, G_MAXINT64, &id, NULL))
    for (guint i = 0; i < n; i++)
      if ((guint64) ids[i] == id)
        return (int) i;
  if (found->len == 1)
    return (int) g_array_index (found, guint, 0);
  if (found->len == 0)
    return -1;

  {
    g_autofree char *shown = tf_cli_escape (query, TF_CLI_TEXT_LINE);

    *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” names %u boards; give more of the name:"), shown, found->len);
  }
  for (guint i = 0; i < found->len; i++)
    {
      guint index = g_array_index (found, guint, i);
      g_autofree char *name = tf_cli_escape (names[index], TF_CLI_TEXT_LINE);

      fprintf (stderr, "  %s (%" G_GINT64_FORMAT ")\n", name, ids[index]);
    }
  return -2;
}

TfBoard *
tf_cli_pick_board_of (GListModel  *boards,
                      gboolean   (*keep) (TfBoard *board),
                      const char  *query,
                      int         *status)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *trimmed = g_strstrip (g_strdup (query));
  int found;

  for (guint i = 0; i < g_list_model_get_n_items (boards); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (boards, i);
      gint64 id = tf_board_get_id (board);

      if (keep != NULL && !keep (board))
        continue;
      g_ptr_array_add (names, (gpointer) tf_board_get_name (board));
      g_array_append_val (ids, id);
      g_ptr_array_add (kept, g_steal_pointer (&board));
    }
  g_ptr_array_add (names, NULL);
  found = tf_cli_pick_board ((const char * const *) names->pdata, (const gint64 *) ids->data,
                             kept->len, trimmed, status);
  return found >= 0 ? g_object_ref (g_ptr_array_index (kept, found)) : NULL;
}

gboolean
tf_cli_parse_experiment_id (const char *text,
                            gint64     *id,
                            int        *status)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      *status = tf_cli_fail (TF_CLI_EXIT_USAGE,
                             _("“%s” is not an experiment id (ids are the numbers “transfo list” shows)"), text);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

TfStore *
tf_cli_open_store (const char *archive,
                   gboolean    write,
                   int        *status)
{
  g_autoptr(GError) error = NULL;
  TfStore *store;

  /* A writer waits a moment for another one (two commands started at once)
   * before saying the archive is in use. A new archive starts with the
   * booklet's demo, as in the window. */
  store = tf_store_open (archive,
                         write ? TF_STORE_OPEN_CREATE | TF_STORE_OPEN_DEMO | TF_STORE_OPEN_WAIT_FOR_LOCK
                               : TF_STORE_OPEN_READ_ONLY,
                         &error);
  if (store == NULL)
    *status = tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  return store;
}

gboolean
tf_cli_check_output (const char *output,
                     const char *archive,
                     gboolean    force,
                     int        *status)
{
  g_autoptr(GError) error = NULL;

  if (tf_atomic_file_check_target (output, archive, force, &error))
    return TRUE;
  if (g_error_matches (error, TF_ATOMIC_FILE_ERROR, TF_ATOMIC_FILE_ERROR_DATABASE))
    /* TRANSLATORS: after why a file is not replaced */
    *status = tf_cli_fail (TF_CLI_EXIT_REFUSED, _("%s; add --force to replace it anyway"),
                           error->message);
  else
    *status = tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  return FALSE;
}

volatile sig_atomic_t tf_cli_interrupted;

static const int caught_signals[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction previous_actions[G_N_ELEMENTS (caught_signals)];
static gboolean catching;

static void
on_signal_cancel (int signum)
{
  tf_cli_interrupted = 1;
}

static void
on_signal_die (int signum)
{
  /* Nothing else is safe here: remove, then die of the same signal. */
  tf_atomic_file_remove_temporaries ();
  signal (signum, SIG_DFL);
  raise (signum);
}

void
tf_cli_catch_signals (gboolean die)
{
  struct sigaction action = { 0 };

  g_return_if_fail (!catching);

  tf_cli_interrupted = 0;
  action.sa_handler = die ? on_signal_die : on_signal_cancel;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (caught_signals); i++)
    sigaddset (&action.sa_mask, caught_signals[i]);
  for (guint i = 0; i < G_N_ELEMENTS (caught_signals); i++)
    sigaction (caught_signals[i], &action, &previous_actions[i]);
  catching = TRUE;
}

void
tf_cli_release_signals (void)
{
  if (!catching)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (caught_signals); i++)
    sigaction (caught_signals[i], &previous_actions[i], NULL);
  catching = FALSE;
}

/* The command line itself */

char *
tf_cli_take_global_option (int         *argc,
                           char       **argv,
                           const char  *name,
                           const char  *variable)
{
  char *value_taken = NULL;
  int out = 1;

  for (int i = 1; i < *argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--"))
        {
          for (; i < *argc; i++)
            argv[out++] = argv[i];
          break;
        }
      if (tf_cli_is_option (arg, name))
        {
          const char *value = tf_cli_option_value (arg, name, *argc, argv, &i);

          if (value != NULL)
            {
              g_free (value_taken);
              value_taken = g_strdup (value);
            }
          else
            {
              /* Keep it: the subcommand parser reports the missing value. */
              argv[out++] = argv[i];
            }
          continue;
        }
      argv[out++] = argv[i];
    }
  *argc = out;
  argv[out] = NULL;
  if (value_taken == NULL && g_getenv (variable) != NULL && g_getenv (variable)[0] != '\0')
    value_taken = g_strdup (g_getenv (variable));
  return value_taken;
}

char *
tf_cli_take_archive_path (int   *argc,
                          char **argv)
{
  char *path = tf_cli_take_global_option (argc, argv, "--archive", "TRANSFO_ARCHIVE");

  if (path == NULL)
    path = tf_store_default_path ();
  return path;
}

gboolean
tf_cli_is_bundle_argument (const char *arg)
{
  g_autofree char *lower = g_ascii_strdown (arg, -1);

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (arg, subcommands[i].name))
      return FALSE;
  return g_str_has_suffix (lower, ".transfo");
}

gboolean
tf_cli_handles (int    argc,
                char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "--version"))
        return TRUE;
      if (g_str_equal (arg, "--archive") || g_str_equal (arg, "--regional"))
        {
          i++;
          continue;
        }
      if (g_str_has_prefix (arg, "--archive=") || g_str_has_prefix (arg, "--regional=") ||
          g_str_equal (arg, "--gapplication-service"))
        continue;
      if (g_str_equal (arg, "--"))
        return FALSE;
      /* An option the window does not take: the command line says so and
       * shows its usage, instead of opening the window. */
      if (arg[0] == '-' && arg[1] != '\0')
        return TRUE;
      /* The window takes bundles to import (a file manager's double click:
       * `transfo FILE.transfo`); any other word is a subcommand, known or not. */
      if (arg[0] != '-')
        return !tf_cli_is_bundle_argument (arg);
    }
  return FALSE;
}

/* Pads @text with spaces to @width characters (not bytes: "Thème" is 5). */
void
tf_cli_print_padded (FILE       *out,
              const char *text,
              glong       width)
{
  glong length = g_utf8_strlen (text, -1);

  fputs (text, out);
  for (glong i = length; i < width; i++)
    fputc (' ', out);
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: transfo [--archive PATH] [COMMAND [ARGUMENTS…]]"));
  fprintf (out, "\n%s\n", _("Without a command, Transfo opens its window on the archive."));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      const char *usage = subcommands[i].usage ? subcommands[i].usage : tf_cli_export_synopsis;
      g_auto(GStrv) lines = g_strsplit (usage, "\n", -1);

      fprintf (out, "  ");
      tf_cli_print_padded (out, lines[0], 50);
      fprintf (out, " %s\n", _(subcommands[i].synopsis));
      for (guint l = 1; lines[l] != NULL; l++)
        if (lines[l][0] != '\0')
          fprintf (out, "  %s\n", lines[l]);
    }
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-50s %s\n", "--archive PATH",
           _("The archive file (default: $TRANSFO_ARCHIVE, then ~/.local/share/transfo/archive.sqlite)"));
  fprintf (out, "  %-50s %s\n", "--regional CONNINFO",
           _("The regional archive, a PostgreSQL connection string (default: $TRANSFO_REGIONAL)"));
  fprintf (out, "  %-50s %s\n", "--json", _("Print stable JSON (see the README)"));
  fprintf (out, "  %-50s %s\n", "-h, --help", _("Show this help"));
  fprintf (out, "  %-50s %s\n", "--version", _("Show the version"));
  fprintf (out, "\n%s\n", _("Phases: immersion, raconter, co-conception, prototypage, bilan (or immersion, storytelling, codesign, prototyping, review)."));
  fprintf (out, "%s\n", _("Insight files: a first line naming the columns quote (or citation), source, date, tags, colour, cluster; comma, semicolon or tab between them."));
  fprintf (out, "%s\n", _("Exit status: 0 on success, 1 when the archive refuses the command, 2 on bad arguments."));
}

/* A tiny parser: flags with values, repeatable --tag, --json, and positionals. */
typedef struct {
  gboolean    json;
  const char *place;
  const char *department;
  const char *phase;
  GPtrArray  *tags;
  GPtrArray  *positionals;
} Args;

static void
args_clear (Args *args)
{
  g_clear_pointer (&args->tags, g_ptr_array_unref);
  g_clear_pointer (&args->positionals, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Args, args_clear)

typedef enum {
  ALLOW_JSON = 1 << 0,
  ALLOW_NEW  = 1 << 1,
} ArgsAllowed;

static gboolean
parse_args (const char  *command,
            int          argc,
            char       **argv,
            ArgsAllowed  allowed,
            Args        *args,
            int         *status)
{
  static const char * const value_options[] = { "--place", "--department", "--phase", "--tag" };

  args->tags = g_ptr_array_new ();
  args->positionals = g_ptr_array_new ();

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = NULL;
      const char *name = NULL;

      if (arg[0] != '-' || g_str_equal (arg, "-"))
        {
          g_ptr_array_add (args->positionals, (gpointer) arg);
          continue;
        }
      if (g_str_equal (arg, "--json") && (allowed & ALLOW_JSON))
        {
          args->json = TRUE;
          continue;
        }
      if (allowed & ALLOW_NEW)
        name = tf_cli_match_option (arg, value_options, G_N_ELEMENTS (value_options));
      if (name == NULL)
        {
          *status = tf_cli_fail_unknown_option (command, arg);
          return FALSE;
        }

      value = tf_cli_option_value (arg, name, argc, argv, &i);
      if (value == NULL)
        {
          *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), name);
          return FALSE;
        }

      if (g_str_equal (name, "--place"))
        args->place = value;
      else if (g_str_equal (name, "--department"))
        args->department = value;
      else if (g_str_equal (name, "--phase"))
        args->phase = value;
      else
        g_ptr_array_add (args->tags, (gpointer) value);
    }

  return TRUE;
}

static gboolean
expect_positionals (const char *command,
                    Args       *args,
                    guint       n,
                    const char *what,
                    int        *status)
{
  if (args->positionals->len == n)
    return TRUE;
  if (args->positionals->len < n)
    *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"),
                           command, what);
  else if (n == 0)
    *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” takes no argument, not “%s”"), command,
                           (const char *) g_ptr_array_index (args->positionals, n));
  else
    *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” takes only %s, not “%s”"), command, what,
                           (const char *) g_ptr_array_index (args->positionals, n));
  return FALSE;
}

/* Clips a text to at most @max characters, shown on one line for a
 * terminal (see tf_cli_escape()); @fold turns its line breaks and tabs into
 * spaces first, as for a snippet of a note, instead of showing them. */
static char *
one_line (const char *text,
          glong       max,
          gboolean    fold)
{
  g_autofree char *flat = g_utf8_make_valid (text ? text : "", -1);
  g_autofree char *clipped = NULL;

  if (fold)
    g_strdelimit (flat, "\n\t\r", ' ');
  if (g_utf8_strlen (flat, -1) <= max)
    clipped = g_steal_pointer (&flat);
  else
    {
      g_autofree char *head = g_utf8_substring (flat, 0, max - 1);

      clipped = g_strconcat (head, "…", NULL);
    }
  return tf_cli_escape (clipped, TF_CLI_TEXT_LINE);
}

static int
cmd_list (const char  *archive,
          int          argc,
          char       **argv)
{
  g_auto(Args) args = { 0 };
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GError) error = NULL;
  int status = TF_CLI_EXIT_OK;
  guint n;

  if (!parse_args ("list", argc, argv, ALLOW_JSON, &args, &status) ||
      !expect_positionals ("list", &args, 0, NULL, &status))
    return status;
  if (!(store = tf_cli_open_store (archive, FALSE, &status)))
    return status;

  list = tf_archive_list_experiments (store, NULL, &error);
  if (list == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);

  if (args.json)
    {
      tf_cli_json_print (tf_cli_json_experiments (G_LIST_MODEL (list)));
      return TF_CLI_EXIT_OK;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (n == 0)
    {
      printf ("%s\n", _("The archive has no experiment yet. Create one with “transfo new TITLE”."));
      return TF_CLI_EXIT_OK;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TfExperiment) e = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *dates = tf_experiment_format_dates (e);
      g_autofree char *title = one_line (tf_experiment_get_title (e), 60, FALSE);

      printf ("%4" G_GINT64_FORMAT "  ", tf_experiment_get_id (e));
      tf_cli_print_padded (stdout, tf_phase_get_label (tf_experiment_get_phase (e)), 20);
      printf ("  ");
      tf_cli_print_padded (stdout, dates, 20);
      printf ("  %s\n", title);
    }
  return TF_CLI_EXIT_OK;
}

static int
cmd_new (const char  *archive,
         int          argc,
         char       **argv)
{
  g_auto(Args) args = { 0 };
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfExperiment) draft = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;
  const char *title;
  TfPhase phase = TF_PHASE_IMMERSION;
  int status = TF_CLI_EXIT_OK;

  if (!parse_args ("new", argc, argv, ALLOW_NEW, &args, &status) ||
      !expect_positionals ("new", &args, 1, _("a title"), &status))
    return status;

  title = g_ptr_array_index (args.positionals, 0);
  trimmed = g_strstrip (g_strdup (title));
  if (!g_utf8_validate (title, -1, NULL) || trimmed[0] == '\0')
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("An experiment needs a title"));
  if (args.phase && !tf_phase_from_string (args.phase, &phase))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” is not a phase; use immersion, raconter, co-conception, prototypage or bilan"),
                        args.phase);

  draft = tf_experiment_new (title);
  if (args.place)
    tf_experiment_set_text (draft, TF_FIELD_PLACE, args.place);
  if (args.department)
    tf_experiment_set_text (draft, TF_FIELD_DEPARTMENT, args.department);
  tf_experiment_set_phase (draft, phase);
  g_ptr_array_add (args.tags, NULL);
  tf_experiment_set_tags (draft, (const char * const *) args.tags->pdata);

  if (!(store = tf_cli_open_store (archive, TRUE, &status)))
    return status;

  command = tf_command_create_experiment (draft);
  if (!tf_command_execute (command, store, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);

  printf ("%" G_GINT64_FORMAT "\n", tf_command_get_result_id (command));
  return TF_CLI_EXIT_OK;
}

/* "  Place:        Lille", the colon as the language writes it. */
static void
print_field (const char *label,
             const char *value)
{
  /* TRANSLATORS: a field name followed by its value, e.g. "Place:"; French puts a space before the colon */
  g_autofree char *with_colon = g_strdup_printf (_("%s:"), label);
  g_autofree char *shown = tf_cli_escape (value, TF_CLI_TEXT_LINE);

  printf ("  ");
  tf_cli_print_padded (stdout, with_colon, 16);
  printf (" %s\n", shown);
}

static void
print_block (const char *label,
             const char *text)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *shown = NULL;

  if (text == NULL || text[0] == '\0')
    return;
  printf ("\n%s\n", label);
  shown = tf_cli_escape (text, TF_CLI_TEXT_BLOCK);
  lines = g_strsplit (shown, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    printf ("  %s\n", lines[i]);
}

static int
cmd_show (const char  *archive,
          int          argc,
          char       **argv)
{
  g_auto(Args) args = { 0 };
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfExperiment) e = NULL;
  g_autoptr(GListStore) boards = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tags = NULL;
  int status = TF_CLI_EXIT_OK;
  gint64 id;
  guint n_boards;

  if (!parse_args ("show", argc, argv, ALLOW_JSON, &args, &status) ||
      !expect_positionals ("show", &args, 1, _("an experiment id"), &status) ||
      !tf_cli_parse_experiment_id (g_ptr_array_index (args.positionals, 0), &id, &status))
    return status;
  if (!(store = tf_cli_open_store (archive, FALSE, &status)))
    return status;

  e = tf_archive_get_experiment (store, id, &error);
  if (e == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  boards = tf_archive_list_boards (store, id, &error);
  if (boards == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);

  if (args.json)
    {
      tf_cli_json_print (tf_cli_json_experiment (e, G_LIST_MODEL (boards)));
      return TF_CLI_EXIT_OK;
    }

  {
    g_autofree char *title = tf_cli_escape (tf_experiment_get_title (e), TF_CLI_TEXT_LINE);
    printf ("%s\n", title);
  }
  {
    g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
    print_field (_("Id"), id_text);
  }
  for (TfExperimentField f = TF_FIELD_THEME; f <= TF_FIELD_END_DATE; f++)
    if (tf_experiment_get_text (e, f)[0])
      print_field (tf_experiment_field_get_label (f), tf_experiment_get_text (e, f));
  print_field (_("Phase"), tf_phase_get_label (tf_experiment_get_phase (e)));
  print_field (_("Status"), tf_status_get_label (tf_experiment_get_status (e)));
  tags = g_strjoinv (", ", (char **) tf_experiment_get_tags (e));
  if (tags[0])
    print_field (_("Tags"), tags);

  n_boards = g_list_model_get_n_items (G_LIST_MODEL (boards));
  printf ("\n%s\n", _("Boards:"));
  if (n_boards == 0)
    printf ("  %s\n", _("none yet"));
  for (guint i = 0; i < n_boards; i++)
    {
      g_autoptr(TfBoard) b = g_list_model_get_item (G_LIST_MODEL (boards), i);
      g_autofree char *name = tf_cli_escape (tf_board_get_name (b), TF_CLI_TEXT_LINE);
      const TfBoardType *type = tf_board_type_lookup (tf_board_get_kind_id (b));
      /* A kind this version does not know shows as its stored id. */
      g_autofree char *kind = tf_cli_escape (type != NULL ? tf_board_type_get_label (type)
                                                          : tf_board_get_kind_id (b), TF_CLI_TEXT_LINE);

      const guint *counts = NULL;
      guint n_kinds = 0;
      const char * const *kinds = tf_board_get_kind_counts (b, &counts, &n_kinds);
      /* "21 insights · 2 clusters": the words of the window's board rows. */
      g_autofree char *count = tf_board_get_item_count (b) == 0 ? g_strdup (_("Empty"))
                                                                : tf_item_kinds_count_line (kinds, counts, n_kinds);

      printf ("  %" G_GINT64_FORMAT "  %s (%s, %s)\n", tf_board_get_id (b), name, kind, count);
    }

  for (TfExperimentField f = TF_FIELD_TEAM; f < TF_N_FIELDS; f++)
    print_block (tf_experiment_field_get_label (f), tf_experiment_get_text (e, f));
  return TF_CLI_EXIT_OK;
}

static int
cmd_search (const char  *archive,
            int          argc,
            char       **argv)
{
  g_auto(Args) args = { 0 };
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  const char *query;
  int status = TF_CLI_EXIT_OK;

  if (!parse_args ("search", argc, argv, ALLOW_JSON, &args, &status) ||
      !expect_positionals ("search", &args, 1, _("a query"), &status))
    return status;
  query = g_ptr_array_index (args.positionals, 0);
  if (!g_utf8_validate (query, -1, NULL))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("The query is not valid UTF-8"));
  if (!(store = tf_cli_open_store (archive, FALSE, &status)))
    return status;

  hits = tf_archive_search (store, query, 200, &error);
  if (hits == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);

  if (args.json)
    {
      tf_cli_json_print (tf_cli_json_search (query, hits));
      return TF_CLI_EXIT_OK;
    }

  if (hits->len == 0)
    {
      g_autofree char *shown = tf_cli_escape (query, TF_CLI_TEXT_LINE);

      printf (_("Nothing in the archive matches “%s”.\n"), shown);
      return TF_CLI_EXIT_OK;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      TfSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *title = one_line (hit->experiment_title, 70, FALSE);
      g_autofree char *text = one_line (hit->text, 100, TRUE);
      TfExperimentField field;
      const char *where;

      if (hit->kind == TF_HIT_ITEM)
        where = _("On a board");
      else if (tf_experiment_field_from_id (hit->field, &field))
        where = tf_experiment_field_get_label (field);
      else if (g_str_equal (hit->field, "tags"))
        where = _("Tags");
      else
        where = _("Board names");

      {
        g_autofree char *with_colon = g_strdup_printf (_("%s:"), where);
        printf ("%4" G_GINT64_FORMAT "  %s\n      %s %s\n", hit->experiment_id, title, with_colon, text);
      }
    }
  return TF_CLI_EXIT_OK;
}

static int
cmd_demo (const char  *archive,
          int          argc,
          char       **argv)
{
  g_auto(Args) args = { 0 };
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  int status = TF_CLI_EXIT_OK;

  if (!parse_args ("demo", argc, argv, 0, &args, &status) ||
      !expect_positionals ("demo", &args, 0, NULL, &status))
    return status;
  if (!(store = tf_cli_open_store (archive, TRUE, &status)))
    return status;

  command = tf_command_add_demo ();
  if (!tf_command_execute (command, store, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);

  printf ("%" G_GINT64_FORMAT "\n", tf_command_get_result_id (command));
  return TF_CLI_EXIT_OK;
}

/* One edit of the Bin, done at once (the command line has no undo). */
static int
bin_execute (const char *archive,
             TfCommand  *command)
{
  g_autoptr(TfCommand) owned = command;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = TF_CLI_EXIT_OK;

  if (!(store = tf_cli_open_store (archive, TRUE, &status)))
    return status;
  if (!tf_command_execute (command, store, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  return TF_CLI_EXIT_OK;
}

static int
bin_list (const char *archive)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  int status = TF_CLI_EXIT_OK;

  if (!(store = tf_cli_open_store (archive, FALSE, &status)))
    return status;
  entries = tf_bin_list (store, &error);
  if (entries == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  if (entries->len == 0)
    {
      printf (g_dngettext (GETTEXT_PACKAGE,
                           "The Bin is empty. An experiment moved there is kept %d day, then deleted for good.\n",
                           "The Bin is empty. An experiment moved there is kept %d days, then deleted for good.\n",
                           TF_BIN_DAYS), TF_BIN_DAYS);
      return TF_CLI_EXIT_OK;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      TfBinEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *title = one_line (entry->title, 60, FALSE);
      g_autofree char *date = g_strndup (entry->deleted_at, 10);
      int days = tf_bin_days_left (entry->deleted_at, NULL);
      g_autofree char *left = days > 0
                              ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", days), days)
                              : g_strdup (_("deleted at the next start"));

      printf ("%4" G_GINT64_FORMAT "  %s  ", entry->id, date);
      tf_cli_print_padded (stdout, left, 14);
      printf ("  %s\n", title);
    }
  return TF_CLI_EXIT_OK;
}

static int
cmd_bin (const char  *archive,
         int          argc,
         char       **argv)
{
  g_auto(Args) args = { 0 };
  int status = TF_CLI_EXIT_OK;
  const char *name;
  gint64 id = 0;

  if (argc < 1)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“bin” needs a command: list, move, restore or empty; see “transfo bin --help”"));
  name = argv[0];
  if (!g_str_equal (name, "list") && !g_str_equal (name, "move") &&
      !g_str_equal (name, "restore") && !g_str_equal (name, "empty"))
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("Unknown command “bin %s”; the commands are list, move, restore and empty"), name);

  {
    g_autofree char *command = g_strdup_printf ("bin %s", name);
    gboolean needs_id = g_str_equal (name, "move") || g_str_equal (name, "restore");

    if (!parse_args (command, argc - 1, argv + 1, 0, &args, &status) ||
        !expect_positionals (command, &args, needs_id ? 1 : 0, _("an experiment id"), &status) ||
        (needs_id && !tf_cli_parse_experiment_id (g_ptr_array_index (args.positionals, 0), &id, &status)))
      return status;
  }

  if (g_str_equal (name, "list"))
    return bin_list (archive);
  if (g_str_equal (name, "move"))
    {
      status = bin_execute (archive, tf_command_move_to_bin (id, NULL));
      if (status == TF_CLI_EXIT_OK)
        printf (g_dngettext (GETTEXT_PACKAGE,
                             "Experiment %lld moved to the Bin: kept %d day (transfo bin restore %lld brings it back)\n",
                             "Experiment %lld moved to the Bin: kept %d days (transfo bin restore %lld brings it back)\n",
                             TF_BIN_DAYS), (long long) id, TF_BIN_DAYS, (long long) id);
      return status;
    }
  if (g_str_equal (name, "restore"))
    return bin_execute (archive, tf_command_restore_from_bin (id));
  return bin_execute (archive, tf_command_empty_bin ());
}

static int
cmd_check (const char  *archive,
           int          argc,
           char       **argv)
{
  g_auto(Args) args = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  int status = TF_CLI_EXIT_OK;

  if (!parse_args ("check", argc, argv, 0, &args, &status) ||
      !expect_positionals ("check", &args, 0, NULL, &status))
    return status;

  if (!tf_store_verify (archive, NULL, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  display = g_filename_display_name (archive);
  printf (_("%s is sound.\n"), display);
  return TF_CLI_EXIT_OK;
}

int
tf_cli_run (int    argc,
            char **argv)
{
  g_autofree char *archive = NULL;
  g_autofree char *display = NULL;
  const char *name;

  /* Idempotent: main() has done it already. */
  tf_wings_init ();
  archive = tf_cli_take_archive_path (&argc, argv);
  tf_cli_take_regional (&argc, argv);

  /* --help before a command is ours; after it, the command's own. */
  for (int i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help (stdout);
          return TF_CLI_EXIT_OK;
        }
      if (g_str_equal (argv[i], "--version"))
        {
          printf ("transfo %s\n", PACKAGE_VERSION);
          return TF_CLI_EXIT_OK;
        }
    }

  if (argc < 2)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("No command given; see “transfo --help”"));

  name = argv[1];
  if (name[0] == '-')
    {
      tf_cli_fail (TF_CLI_EXIT_USAGE, _("Unknown option %s"), name);
      tf_cli_print_usage (stderr, "");
      return TF_CLI_EXIT_USAGE;
    }

  /* Every command and subcommand answers --help, anywhere before "--":
   * its own usage, on standard output. */
  if (find_subcommand (name) != NULL)
    for (int i = 2; i < argc && !g_str_equal (argv[i], "--"); i++)
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          g_autofree char *command = argc > 2 && argv[2][0] != '-'
                                       ? g_strdup_printf ("%s %s", name, argv[2])
                                       : g_strdup (name);

          tf_cli_print_usage (stdout, command);
          return TF_CLI_EXIT_OK;
        }

  display = g_filename_display_name (archive);
  if (find_subcommand (name) != NULL)
    {
      const Subcommand *sub = find_subcommand (name);

      /* "stamps --foo": an option where a subcommand is expected. */
      if (argc > 2 && argv[2][0] == '-' && argv[2][1] != '\0' && !g_str_equal (argv[2], "--") &&
          has_subcommands (sub))
        return tf_cli_fail_unknown_option (name, argv[2]);
      return sub->func (archive, argc - 2, argv + 2);
    }

  {
    g_autoptr(GString) names = g_string_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      g_string_append_printf (names, "%s%s", i ? ", " : "", subcommands[i].name);
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("Unknown command “%s”; the commands are: %s"),
                        name, names->str);
  }
}
