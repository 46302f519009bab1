/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-cli-blueprint"

#include <glib/gi18n.h>
#include <stdio.h>

#include "blueprints/tf-blueprint.h"
#include "core/tf-archive.h"
#include "tf-cli-blueprint.h"
#include "tf-cli-json.h"
#include "tf-cli-private.h"

/* Nothing could be checked: bad arguments, an archive that cannot be read,
 * no such experiment or blueprint. 1 is kept for "errors were found", so
 * that a script tells the two apart. */
#define EXIT_UNCHECKED TF_CLI_EXIT_USAGE
#define EXIT_ERRORS    1

/* How many characters of a card's text a line shows. */
#define CARD_CHARS 40

typedef struct {
  const char *experiment;
  const char *board;
  gboolean    json;
} Args;

static gboolean
parse_args (int          argc,
            char       **argv,
            Args        *args,
            int         *status)
{
  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];

      if (arg[0] != '-' || g_str_equal (arg, "-"))
        {
          if (args->experiment != NULL)
            {
              *status = tf_cli_fail (EXIT_UNCHECKED, _("“%s” takes only %s, not “%s”"), "blueprint check",
                                     _("an experiment id"), arg);
              return FALSE;
            }
          args->experiment = arg;
          continue;
        }
      if (g_str_equal (arg, "--json"))
        {
          args->json = TRUE;
          continue;
        }
      if (tf_cli_is_option (arg, "--board"))
        {
          args->board = tf_cli_option_value (arg, "--board", argc, argv, &i);
          if (args->board == NULL)
            {
              *status = tf_cli_fail (EXIT_UNCHECKED, _("%s needs a value"), "--board");
              return FALSE;
            }
          continue;
        }
      *status = tf_cli_fail_unknown_option ("blueprint check", arg);
      return FALSE;
    }
  if (args->experiment == NULL)
    {
      *status = tf_cli_fail (EXIT_UNCHECKED, _("“%s” needs %s; see “transfo --help”"), "blueprint check",
                             _("an experiment id"));
      return FALSE;
    }
  return TRUE;
}

/* Where a finding is */

const TfBpCard *
tf_cli_blueprint_finding_card (const TfBlueprint *bp,
                               const TfBpFinding *finding)
{
  for (guint i = 0; finding->items != NULL && i < finding->items->len; i++)
    {
      gint64 id = g_array_index (finding->items, gint64, i);
      TfBpCard *card = tf_blueprint_card (bp, id);

      if (card != NULL)
        return card;
      /* An arrow: the card it starts from. */
      for (guint a = 0; a < bp->arrows->len; a++)
        {
          const TfBpArrow *arrow = g_ptr_array_index (bp->arrows, a);

          if (arrow->item_id == id && (card = tf_blueprint_card (bp, arrow->from)) != NULL)
            return card;
        }
    }
  return NULL;
}

const TfBpStep *
tf_cli_blueprint_finding_step (const TfBlueprint *bp,
                               const TfBpFinding *finding)
{
  const TfBpCard *card;
  int index = -1;

  if (finding->step_id != NULL)
    index = tf_blueprint_step_index (bp, finding->step_id);
  else if ((card = tf_cli_blueprint_finding_card (bp, finding)) != NULL)
    index = tf_blueprint_step_index (bp, card->step_id);
  return index >= 0 ? g_ptr_array_index (bp->steps, index) : NULL;
}

const TfBpLane *
tf_cli_blueprint_finding_lane (const TfBlueprint *bp,
                               const TfBpFinding *finding)
{
  const TfBpCard *card;
  int index = -1;

  if (finding->lane_id != NULL)
    index = tf_blueprint_lane_index (bp, finding->lane_id);
  else if (finding->step_id == NULL && (card = tf_cli_blueprint_finding_card (bp, finding)) != NULL)
    index = tf_blueprint_lane_index (bp, card->lane_id);
  return index >= 0 ? g_ptr_array_index (bp->lanes, index) : NULL;
}

/* The start of @text on one line, "…" when clipped. */
static char *
clip (const char *text,
      glong       max)
{
  g_autofree char *flat = g_utf8_make_valid (text != NULL ? text : "", -1);

  g_strdelimit (flat, "\n\t\r", ' ');
  g_strstrip (flat);
  if (g_utf8_strlen (flat, -1) <= max)
    return g_steal_pointer (&flat);
  {
    g_autofree char *head = g_utf8_substring (flat, 0, max - 1);

    return g_strconcat (g_strchomp (head), "…", NULL);
  }
}

static const char *
severity_label (TfBpSeverity severity)
{
  switch (severity)
    {
    case TF_BP_SEVERITY_ERROR:
      /* TRANSLATORS: the severity of a blueprint finding, in a column of 8 characters */
      return C_("blueprint finding", "error");
    case TF_BP_SEVERITY_WARNING:
      /* TRANSLATORS: the severity of a blueprint finding, in a column of 8 characters */
      return C_("blueprint finding", "warning");
    case TF_BP_SEVERITY_INFO:
    default:
      /* TRANSLATORS: the severity of a blueprint finding, in a column of 8 characters */
      return C_("blueprint finding", "info");
    }
}

/* One line: severity, check, where (step, card), message, fix. */
static void
print_finding (const TfBlueprint *bp,
               const TfBpFinding *finding)
{
  const TfBpStep *step = tf_cli_blueprint_finding_step (bp, finding);
  const TfBpLane *lane = tf_cli_blueprint_finding_lane (bp, finding);
  const TfBpCard *card = tf_cli_blueprint_finding_card (bp, finding);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *shown = NULL;

  if (step != NULL)
    {
      g_autofree char *title = clip (step->title, CARD_CHARS);

      /* TRANSLATORS: a step's title or a card's text quoted in a finding */
      g_string_append_printf (line, C_("blueprint finding", "“%s”"), title);
    }
  else if (lane != NULL)
    {
      g_autofree char *title = clip (tf_bp_lane_title (lane), CARD_CHARS);

      g_string_append_printf (line, C_("blueprint finding", "“%s”"), title);
    }
  if (card != NULL)
    {
      g_autofree char *text = clip (card->text, CARD_CHARS);

      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append_printf (line, C_("blueprint finding", "“%s”"), text);
    }
  if (line->len > 0)
    /* TRANSLATORS: between where a finding is and its message; French puts a space before the colon */
    g_string_append (line, C_("blueprint finding", ": "));
  g_string_append (line, finding->message);
  if (finding->fix != NULL && finding->fix[0] != '\0')
    {
      g_string_append (line, " — ");
      g_string_append (line, finding->fix);
    }
  if (finding->silenced != NULL)
    {
      g_autofree char *reason = clip (finding->silenced, 60);

      /* TRANSLATORS: after a finding a card silenced, with the reason it gave */
      g_string_append_printf (line, _(" [silenced: %s]"), reason);
    }
  shown = tf_cli_escape (line->str, TF_CLI_TEXT_LINE);

  printf ("  ");
  tf_cli_print_padded (stdout, finding->silenced != NULL ? C_("blueprint finding", "silenced") : severity_label (finding->check->severity), 9);
  printf (" ");
  tf_cli_print_padded (stdout, finding->check->id, 22);
  printf (" %s\n", shown);
}

/* "1 error, 2 warnings, 0 infos, 1 silenced" */
static char *
format_counts (const guint counts[4])
{
  g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                                          counts[TF_BP_SEVERITY_ERROR]),
                                             counts[TF_BP_SEVERITY_ERROR]);
  g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                            counts[TF_BP_SEVERITY_WARNING]),
                                               counts[TF_BP_SEVERITY_WARNING]);
  g_autofree char *infos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u info", "%u infos",
                                                         counts[TF_BP_SEVERITY_INFO]),
                                            counts[TF_BP_SEVERITY_INFO]);
  g_autofree char *silenced = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u silenced", "%u silenced",
                                                            counts[3]),
                                               counts[3]);

  return g_strdup_printf ("%s, %s, %s, %s", errors, warnings, infos, silenced);
}

static void
report_free (gpointer data)
{
  TfCliBlueprintReport *report = data;

  g_clear_object (&report->board);
  g_clear_pointer (&report->blueprint, tf_blueprint_free);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report);
}

static gboolean
is_blueprint (TfBoard *board)
{
  return tf_blueprint_board_is (tf_board_get_kind_id (board));
}

/* The board @name names (see tf_cli_pick_board()); -1 when none, -2 when
 * ambiguous (said, with @status set). */
static int
find_board (GListModel *boards,
            const char *name,
            int        *status)
{
  guint n = g_list_model_get_n_items (boards);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree gint64 *ids = g_new0 (gint64, n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (boards, i);

      g_ptr_array_add (names, g_strdup (tf_board_get_name (board)));
      ids[i] = tf_board_get_id (board);
    }
  return tf_cli_pick_board ((const char * const *) names->pdata, ids, n, name, status);
}

static char *
blueprint_names (GListModel *boards)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (boards); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (boards, i);

      if (is_blueprint (board))
        g_string_append_printf (names, "%s“%s”", names->len ? ", " : "", tf_board_get_name (board));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static TfCliBlueprintReport *
check_board (TfStore  *store,
             TfBoard  *board,
             GError  **error)
{
  g_autoptr(TfScene) scene = tf_scene_new_for_board (store, tf_board_get_id (board), error);
  TfCliBlueprintReport *report;

  if (scene == NULL)
    return NULL;
  report = g_new0 (TfCliBlueprintReport, 1);
  report->board = g_object_ref (board);
  report->blueprint = tf_blueprint_from_scene (scene);
  {
    /* A card citing a mockup's photo has evidence. */
    g_autoptr(GHashTable) evidence = tf_blueprint_cited_evidence (report->blueprint, store, NULL);
    TfBpCheckOptions options = { .evidence = evidence };

    report->findings = tf_blueprint_check (report->blueprint, &options);
  }
  return report;
}

static int
check (const char  *archive,
       int          argc,
       char       **argv)
{
  Args args = { 0 };
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfExperiment) experiment = NULL;
  g_autoptr(GListStore) boards = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (report_free);
  g_autoptr(GError) error = NULL;
  guint total[4] = { 0 };
  int status = TF_CLI_EXIT_OK;
  gint64 id;

  if (!parse_args (argc, argv, &args, &status) ||
      !tf_cli_parse_experiment_id (args.experiment, &id, &status))
    return EXIT_UNCHECKED;

  /* Checking only reads: the archive is never written, even when locked. */
  if (!(store = tf_cli_open_store (archive, FALSE, &status)))
    return EXIT_UNCHECKED;
  experiment = tf_archive_get_experiment (store, id, &error);
  if (experiment == NULL)
    return tf_cli_fail (EXIT_UNCHECKED, "%s", error->message);
  boards = tf_archive_list_boards (store, id, &error);
  if (boards == NULL)
    return tf_cli_fail (EXIT_UNCHECKED, "%s", error->message);

  if (args.board != NULL)
    {
      int index = find_board (G_LIST_MODEL (boards), args.board, &status);
      g_autoptr(TfBoard) board = index >= 0 ? g_list_model_get_item (G_LIST_MODEL (boards), index) : NULL;

      if (index == -2)
        return status;
      if (board == NULL)
        {
          g_autofree char *names = blueprint_names (G_LIST_MODEL (boards));

          if (names[0] == '\0')
            return tf_cli_fail (EXIT_UNCHECKED, _("The experiment has no blueprint “%s”, nor any other"),
                                args.board);
          return tf_cli_fail (EXIT_UNCHECKED, _("The experiment has no blueprint “%s”; its blueprints are %s"),
                              args.board, names);
        }
      if (!is_blueprint (board))
        return tf_cli_fail (EXIT_UNCHECKED, _("The board “%s” is not a blueprint"), tf_board_get_name (board));
      {
        TfCliBlueprintReport *report = check_board (store, board, &error);

        if (report == NULL)
          return tf_cli_fail (EXIT_UNCHECKED, "%s", error->message);
        g_ptr_array_add (reports, report);
      }
    }
  else
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
      {
        g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);
        TfCliBlueprintReport *report;

        if (!is_blueprint (board))
          continue;
        report = check_board (store, board, &error);
        if (report == NULL)
          return tf_cli_fail (EXIT_UNCHECKED, "%s", error->message);
        g_ptr_array_add (reports, report);
      }

  for (guint i = 0; i < reports->len; i++)
    {
      TfCliBlueprintReport *report = g_ptr_array_index (reports, i);

      for (guint f = 0; f < report->findings->len; f++)
        {
          const TfBpFinding *finding = g_ptr_array_index (report->findings, f);

          total[finding->silenced != NULL ? 3 : finding->check->severity]++;
        }
    }

  if (args.json)
    tf_cli_json_print (tf_cli_json_blueprint_check (id, reports));
  else if (reports->len == 0)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      printf (_("Experiment %s has no blueprint: nothing to check.\n"), id_text);
    }
  else
    {
      g_autofree char *counts = format_counts (total);

      for (guint i = 0; i < reports->len; i++)
        {
          TfCliBlueprintReport *report = g_ptr_array_index (reports, i);
          g_autofree char *name = tf_cli_escape (tf_board_get_name (report->board), TF_CLI_TEXT_LINE);
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, tf_board_get_id (report->board));

          /* TRANSLATORS: a heading: the blueprint's name, then its board id */
          printf (_("Blueprint “%s” (board %s)\n"), name, id_text);
          if (report->findings->len == 0)
            printf ("  %s\n", _("No finding."));
          for (guint f = 0; f < report->findings->len; f++)
            print_finding (report->blueprint, g_ptr_array_index (report->findings, f));
        }
      /* TRANSLATORS: the summary line: how many blueprints, then the counts ("1 error, 2 warnings…") */
      printf (g_dngettext (GETTEXT_PACKAGE, "%u blueprint checked: %s.\n", "%u blueprints checked: %s.\n",
                           reports->len),
              reports->len, counts);
    }
  return total[TF_BP_SEVERITY_ERROR] > 0 ? EXIT_ERRORS : TF_CLI_EXIT_OK;
}

int
tf_cli_blueprint (const char  *archive,
                  int          argc,
                  char       **argv)
{
  if (argc < 1)
    return tf_cli_fail (EXIT_UNCHECKED, _("“%s” needs %s; see “transfo --help”"), "blueprint",
                        _("an action (check)"));
  if (g_str_equal (argv[0], "check"))
    return check (archive, argc - 1, argv + 1);
  return tf_cli_fail (EXIT_UNCHECKED, _("Unknown blueprint action “%s”; the only one is “check”"), argv[0]);
}
