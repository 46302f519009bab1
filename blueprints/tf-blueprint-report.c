/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-blueprint-report"

#include <glib/gi18n-lib.h>

#include "exports/tf-export-report.h"
#include "tf-blueprint-checks.h"
#include "tf-blueprint-layout.h"
#include "tf-blueprint-outputs.h"

/* The report: after the boards' pages, the findings of each blueprint's
 * checks, errors first, each with where it is and its fix, so that a
 * printed report says what is left to settle. */

static const char *
severity_label (const TfBpFinding *finding)
{
  if (finding->silenced != NULL)
    /* TRANSLATORS: a finding of the blueprint checks that a card silenced */
    return C_("blueprint finding", "Silenced");
  switch (finding->check->severity)
    {
    case TF_BP_SEVERITY_ERROR:
      return C_("blueprint finding", "Error");
    case TF_BP_SEVERITY_WARNING:
      return C_("blueprint finding", "Warning");
    case TF_BP_SEVERITY_INFO:
    default:
      return C_("blueprint finding", "Info");
    }
}

/* "Step “…” · “card text”: message — fix" */
static char *
finding_text (const TfBlueprint *bp,
              const TfBpFinding *finding)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const TfBpCard *card = NULL;
  const char *step_id = finding->step_id;

  for (guint i = 0; finding->items != NULL && i < finding->items->len && card == NULL; i++)
    card = tf_blueprint_card (bp, g_array_index (finding->items, gint64, i));
  if (step_id == NULL && card != NULL)
    step_id = card->step_id;
  if (step_id != NULL && tf_blueprint_step_index (bp, step_id) >= 0)
    {
      const TfBpStep *step = g_ptr_array_index (bp->steps, tf_blueprint_step_index (bp, step_id));

      /* TRANSLATORS: where a finding is: the step's number and title */
      g_string_append_printf (text, _("Step %d, “%s”"), tf_blueprint_step_index (bp, step_id) + 1,
                              step->title);
    }
  if (card != NULL)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: a card's text quoted in a finding */
      g_string_append_printf (text, C_("blueprint finding", "“%s”"), card->text);
    }
  if (text->len > 0)
    /* TRANSLATORS: between where a finding is and its message; French puts a space before the colon */
    g_string_append (text, C_("blueprint finding", ": "));
  g_string_append (text, finding->message);
  if (finding->fix != NULL && finding->fix[0] != '\0')
    g_string_append_printf (text, " — %s", finding->fix);
  if (finding->silenced != NULL)
    /* TRANSLATORS: after a silenced finding in the report, the reason the card gave */
    g_string_append_printf (text, _(" (silenced: %s)"), finding->silenced);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
tf_blueprint_report_section (TfReportFlow  *flow,
                             guint          board_index,
                             GError       **error)
{
  TfExportSource *source = tf_report_flow_get_source (flow);
  TfScene *scene = tf_export_source_get_scene (source, board_index);
  TfBoard *board = tf_export_source_get_board (source, board_index);
  g_autoptr(TfBlueprint) bp = tf_blueprint_from_scene (scene);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *title = NULL;
  guint counts[4] = { 0 };

  /* An empty board has nothing to say yet. */
  if (bp->cards->len == 0)
    return TRUE;
  {
    g_autoptr(GPtrArray) scenes = g_ptr_array_new ();
    g_autoptr(GHashTable) evidence = NULL;
    TfBpCheckOptions options = { 0 };

    for (guint i = 0; i < tf_export_source_get_n_boards (source); i++)
      g_ptr_array_add (scenes, tf_export_source_get_scene (source, i));
    evidence = tf_blueprint_cited_evidence (bp, NULL, scenes);
    options.evidence = evidence;
    findings = tf_blueprint_check (bp, &options);
  }
  for (guint i = 0; i < findings->len; i++)
    {
      const TfBpFinding *finding = g_ptr_array_index (findings, i);

      counts[finding->silenced != NULL ? 3 : finding->check->severity]++;
    }

  /* TRANSLATORS: a section of the report: the blueprint's name */
  title = g_strdup_printf (_("Blueprint checks: %s"), tf_board_get_name (board));
  if (!tf_report_flow_section (flow, title))
    return FALSE;
  if (findings->len == 0)
    return tf_report_flow_paragraphs (flow, _("Every check passes."));
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
    /* TRANSLATORS: the counts of a blueprint's findings, then what the list below is */
    g_autofree char *summary = g_strdup_printf (_("%s, %s, %s, %s. Each finding says where it is and how to fix it; "
                                                  "the checks are described in the user documentation."),
                                                errors, warnings, infos, silenced);

    if (!tf_report_flow_paragraphs (flow, summary))
      return FALSE;
  }
  for (guint i = 0; i < findings->len; i++)
    {
      const TfBpFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *label = g_strdup_printf ("%s\n%s", severity_label (finding), finding->check->id);
      g_autofree char *text = finding_text (bp, finding);

      if (!tf_report_flow_row (flow, label, text))
        return FALSE;
    }
  (void) error;
  return TRUE;
}

char *
tf_blueprint_item_place (TfScene *scene,
                         gint64   item_id)
{
  g_autoptr(TfBlueprint) bp = tf_blueprint_from_scene (scene);
  const TfBpCard *card = tf_blueprint_card (bp, item_id);
  int index;

  if (card == NULL || card->step_id == NULL || (index = tf_blueprint_step_index (bp, card->step_id)) < 0)
    return NULL;
  return g_strdup_printf (_("Step %d, “%s”"), index + 1,
                          ((const TfBpStep *) g_ptr_array_index (bp->steps, index))->title);
}

/* The SVG's text layer: the titles the grid draws (stages, steps and their
 * durations, lanes, the three lines), each where it is drawn. */
void
tf_blueprint_list_texts (TfScene *scene,
                         GArray  *texts)
{
  g_autoptr(TfBlueprint) bp = tf_blueprint_from_scene (scene);
  g_autoptr(TfBpLayout) layout = NULL;

  if (bp->grid_item_id == 0)
    return;
  layout = tf_blueprint_layout (bp);

#define ADD_TEXT(string, rect)                                                              \
  G_STMT_START {                                                                            \
    TfBoardText text_ = { g_strdup (string), (rect).x, (rect).y, (rect).width, (rect).height }; \
    g_array_append_val (texts, text_);                                                     \
  } G_STMT_END

  for (guint i = 0; i < bp->stages->len && i < layout->stage_bands->len; i++)
    ADD_TEXT (((TfBpStage *) g_ptr_array_index (bp->stages, i))->title,
              g_array_index (layout->stage_bands, TfRect, i));
  for (guint i = 0; i < bp->steps->len && i < layout->step_headers->len; i++)
    {
      const TfBpStep *step = g_ptr_array_index (bp->steps, i);
      TfRect header = g_array_index (layout->step_headers, TfRect, i);

      ADD_TEXT (step->title, header);
      if (step->duration != NULL && step->duration[0] != '\0')
        {
          TfRect below = TF_RECT_INIT (header.x, header.y + header.height / 2, header.width, header.height / 2);

          ADD_TEXT (step->duration, below);
        }
    }
  for (guint i = 0; i < bp->lanes->len && i < layout->lane_headers->len; i++)
    {
      const TfBpLane *lane = g_ptr_array_index (bp->lanes, i);

      if (!lane->hidden)
        ADD_TEXT (tf_bp_lane_title (lane), g_array_index (layout->lane_headers, TfRect, i));
    }
  for (int line = 0; line < TF_BP_N_LINES; line++)
    if (layout->line_y[line] >= 0)
      {
        TfRect where = TF_RECT_INIT (layout->bounds.x + TF_BP_HEADER_WIDTH, layout->line_y[line] - 24,
                                     TF_BP_COLUMN_WIDTH * 2, 24);

        ADD_TEXT (tf_bp_line_label (line), where);
      }
#undef ADD_TEXT
}
