/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "exports/tf-export.h"
#include "tf-blueprint-outputs.h"
#include "tf-blueprint.h"
#include "tf-blueprint-commands.h"
#include "tf-blueprint-kinds.h"

static const char * const item_kinds[] = { TF_BP_GRID_KIND, TF_BP_CARD_KIND, TF_BP_ARROW_KIND, NULL };

const TfBoardType tf_blueprint_type = {
  .id = TF_BLUEPRINT_TYPE_ID,
  .alias = "plan",
  .label = N_("Blueprint"),
  .icon_name = "tf-blueprint-symbolic",
  .empty_hint = N_("The user actions, frontstage, backstage and support processes of a service, "
                   "step by step."),
  .creatable = TRUE,
  .item_kinds = item_kinds,
  .export_kinds = 1 << TF_EXPORT_BOARD | 1 << TF_EXPORT_POSTER | 1 << TF_EXPORT_PNG | 1 << TF_EXPORT_SVG,
  .settle = tf_blueprint_settle,
  .insert_demo = tf_blueprint_insert_demo,
  .report_section = tf_blueprint_report_section,
  .list_texts = tf_blueprint_list_texts,
  .item_place = tf_blueprint_item_place,
  .list_session_steps = tf_blueprint_list_session_steps,
};

gboolean
tf_blueprint_board_is (const char *kind_id)
{
  return kind_id != NULL && tf_board_type_lookup (kind_id) == &tf_blueprint_type;
}
