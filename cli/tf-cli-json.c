/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-cli"

#include <stdio.h>

#include "tf-cli-blueprint.h"
#include "tf-cli-json.h"
#include "tf-cli-private.h"

static void
add_strv (JsonBuilder        *builder,
          const char         *member,
          const char * const *strv)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value ? value : "");
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* The summary every listing shares; "show" adds the long texts and boards. */
static void
add_summary (JsonBuilder  *builder,
             TfExperiment *experiment)
{
  add_int (builder, "id", tf_experiment_get_id (experiment));
  add_string (builder, "uuid", tf_experiment_get_uuid (experiment));
  for (TfExperimentField f = TF_FIELD_TITLE; f <= TF_FIELD_END_DATE; f++)
    add_string (builder, tf_experiment_field_to_id (f), tf_experiment_get_text (experiment, f));
  add_string (builder, "phase", tf_phase_to_id (tf_experiment_get_phase (experiment)));
  add_string (builder, "status", tf_status_to_id (tf_experiment_get_status (experiment)));
  add_strv (builder, "tags", tf_experiment_get_tags (experiment));
  add_int (builder, "board_count", tf_experiment_get_board_count (experiment));
  add_string (builder, "created_at", tf_experiment_get_created (experiment));
  add_string (builder, "modified_at", tf_experiment_get_modified (experiment));
}

JsonNode *
tf_cli_json_experiment (TfExperiment *experiment,
                        GListModel   *boards)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_summary (builder, experiment);
  for (TfExperimentField f = TF_FIELD_TEAM; f < TF_N_FIELDS; f++)
    add_string (builder, tf_experiment_field_to_id (f), tf_experiment_get_text (experiment, f));

  json_builder_set_member_name (builder, "boards");
  json_builder_begin_array (builder);
  for (guint i = 0; boards != NULL && i < g_list_model_get_n_items (boards); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (boards, i);

      json_builder_begin_object (builder);
      add_int (builder, "id", tf_board_get_id (board));
      add_string (builder, "kind", tf_board_get_kind_id (board));
      add_string (builder, "name", tf_board_get_name (board));
      add_int (builder, "position", tf_board_get_position (board));
      add_int (builder, "item_count", tf_board_get_item_count (board));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
tf_cli_json_experiments (GListModel *experiments)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "experiments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (experiments); i++)
    {
      g_autoptr(TfExperiment) experiment = g_list_model_get_item (experiments, i);

      json_builder_begin_object (builder);
      add_summary (builder, experiment);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
tf_cli_json_search (const char *query,
                    GPtrArray  *hits)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string (builder, "query", query);
  json_builder_set_member_name (builder, "hits");
  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      TfSearchHit *hit = g_ptr_array_index (hits, i);

      json_builder_begin_object (builder);
      add_string (builder, "kind", hit->kind == TF_HIT_ITEM ? "item" : "experiment");
      add_int (builder, "experiment_id", hit->experiment_id);
      add_string (builder, "experiment_title", hit->experiment_title);
      if (hit->kind == TF_HIT_ITEM)
        {
          add_int (builder, "board_id", hit->board_id);
          add_int (builder, "item_id", hit->item_id);
        }
      add_string (builder, "field", hit->field);
      add_string (builder, "text", hit->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* board_id is 0 when nothing was imported and the experiment has no wall. */
JsonNode *
tf_cli_json_import (gint64        board_id,
                    const char   *board_name,
                    TfInsightCsv *csv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int (builder, "board_id", board_id);
  add_string (builder, "board", board_name);
  add_int (builder, "imported", csv->rows->len);
  json_builder_set_member_name (builder, "rejected");
  json_builder_begin_array (builder);
  for (guint i = 0; i < csv->rejections->len; i++)
    {
      TfInsightRejection *rejection = g_ptr_array_index (csv->rejections, i);

      json_builder_begin_object (builder);
      add_int (builder, "line", rejection->line);
      add_string (builder, "reason", rejection->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < csv->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (csv->warnings, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The counts of a list of findings: errors, warnings and infos that are
 * not silenced, and the silenced ones. */
static void
add_counts (JsonBuilder *builder,
            const guint  counts[4])
{
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  add_int (builder, "error", counts[TF_BP_SEVERITY_ERROR]);
  add_int (builder, "warning", counts[TF_BP_SEVERITY_WARNING]);
  add_int (builder, "info", counts[TF_BP_SEVERITY_INFO]);
  add_int (builder, "silenced", counts[3]);
  json_builder_end_object (builder);
}

static void
add_finding (JsonBuilder       *builder,
             const TfBlueprint *bp,
             const TfBpFinding *finding)
{
  const TfBpStep *step = tf_cli_blueprint_finding_step (bp, finding);
  const TfBpLane *lane = tf_cli_blueprint_finding_lane (bp, finding);
  const TfBpCard *card = tf_cli_blueprint_finding_card (bp, finding);

  json_builder_begin_object (builder);
  add_string (builder, "check", finding->check->id);
  add_string (builder, "severity", tf_bp_severity_to_string (finding->check->severity));
  add_string (builder, "title", g_dgettext (GETTEXT_PACKAGE, finding->check->title));
  add_string (builder, "message", finding->message);
  add_string (builder, "fix", finding->fix);
  add_string (builder, "step", step != NULL ? step->id : "");
  add_string (builder, "step_title", step != NULL ? step->title : "");
  add_string (builder, "lane", lane != NULL ? lane->id : "");
  add_string (builder, "lane_title", lane != NULL ? tf_bp_lane_title (lane) : "");
  add_string (builder, "card", card != NULL ? card->text : "");
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; finding->items != NULL && i < finding->items->len; i++)
    json_builder_add_int_value (builder, g_array_index (finding->items, gint64, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "silenced");
  if (finding->silenced != NULL)
    json_builder_add_string_value (builder, finding->silenced);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

/* {"experiment_id": 1, "blueprints": [{"board_id", "name", "findings": […],
 *  "counts": {…}}], "counts": {"error", "warning", "info", "silenced"}} */
JsonNode *
tf_cli_json_blueprint_check (gint64     experiment_id,
                             GPtrArray *reports)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint total[4] = { 0 };

  json_builder_begin_object (builder);
  add_int (builder, "experiment_id", experiment_id);
  json_builder_set_member_name (builder, "blueprints");
  json_builder_begin_array (builder);
  for (guint i = 0; i < reports->len; i++)
    {
      const TfCliBlueprintReport *report = g_ptr_array_index (reports, i);
      guint counts[4] = { 0 };

      json_builder_begin_object (builder);
      add_int (builder, "board_id", tf_board_get_id (report->board));
      add_string (builder, "name", tf_board_get_name (report->board));
      json_builder_set_member_name (builder, "findings");
      json_builder_begin_array (builder);
      for (guint f = 0; f < report->findings->len; f++)
        {
          const TfBpFinding *finding = g_ptr_array_index (report->findings, f);

          add_finding (builder, report->blueprint, finding);
          counts[finding->silenced != NULL ? 3 : finding->check->severity]++;
        }
      json_builder_end_array (builder);
      add_counts (builder, counts);
      json_builder_end_object (builder);
      for (guint c = 0; c < 4; c++)
        total[c] += counts[c];
    }
  json_builder_end_array (builder);
  add_counts (builder, total);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* json-glib escapes the C0 controls of strings but writes DEL, the C1
 * controls and the bidirectional overrides as they are, which a terminal
 * obeys when the JSON is only looked at: they become \uXXXX, which reads
 * back as the same string. These characters only occur inside strings (the
 * generator's own layout is spaces and line breaks), so this is safe; a
 * byte that is not UTF-8 becomes U+FFFD, so that the output is valid JSON. */
static char *
escape_controls (const char *json)
{
  const char *end = json + strlen (json);
  GString *out = g_string_sized_new (end - json);

  for (const char *p = json; p < end;)
    {
      guchar c = (guchar) *p;
      gunichar u;

      if (c < 0x80)
        {
          if ((c < 0x20 && c != '\n') || c == 0x7F)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          p++;
          continue;
        }
      u = g_utf8_get_char_validated (p, end - p);
      if (u == (gunichar) -1 || u == (gunichar) -2)
        {
          g_string_append (out, "\\ufffd");
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

char *
tf_cli_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  return escape_controls (text);
}

void
tf_cli_json_print (JsonNode *node)
{
  g_autoptr(JsonNode) owned = node;
  g_autofree char *text = tf_cli_json_to_string (node);

  printf ("%s\n", text);
}
