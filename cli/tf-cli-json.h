/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The stable JSON shapes of the command line, documented in README.md. */

#include <json-glib/json-glib.h>

#include "blueprints/tf-blueprint-checks.h"
#include "core/tf-archive.h"
#include "insights/tf-insight-csv.h"

G_BEGIN_DECLS

JsonNode *tf_cli_json_experiment  (TfExperiment *experiment,
                                   GListModel   *boards);
JsonNode *tf_cli_json_experiments (GListModel   *experiments);
JsonNode *tf_cli_json_search      (const char   *query,
                                   GPtrArray    *hits);
JsonNode *tf_cli_json_import      (gint64        board_id,
                                   const char   *board_name,
                                   TfInsightCsv *csv);
/* One blueprint checked by `transfo blueprint check`. */
typedef struct {
  TfBoard     *board;
  TfBlueprint *blueprint;
  GPtrArray   *findings;   /* TfBpFinding *, as tf_blueprint_check() returns them */
} TfCliBlueprintReport;

JsonNode *tf_cli_json_blueprint_check (gint64     experiment_id,
                                       GPtrArray *reports);
char     *tf_cli_json_to_string   (JsonNode     *node) G_GNUC_WARN_UNUSED_RESULT;
/* Prints @node on stdout, with a newline, and drops it. */
void      tf_cli_json_print       (JsonNode     *node);

G_END_DECLS
