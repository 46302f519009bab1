/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "exports/tf-export.h"
#include "tf-mockup.h"
#include "tf-mockup-follow.h"
#include "tf-mockup-items.h"
#include "tf-mockup-kinds.h"
#include "tf-mockup-outputs.h"

/* What a user adds to a mockup: photos and what goes on them. */
static const char * const item_kinds[] = {
  TF_MK_PHOTO_KIND, TF_MK_PLACE_KIND, TF_MK_CALLOUT_KIND, TF_MK_BUBBLE_KIND, TF_MK_BLUR_KIND,
  TF_MK_STAMP_KIND, TF_MK_LABEL_KIND, TF_MK_NOTE_KIND, TF_MK_ARROW_KIND, NULL
};

const TfBoardType tf_mockup_type = {
  .id = TF_MOCKUP_TYPE_ID,
  .alias = "montage",
  .label = N_("Mockup"),
  .icon_name = "tf-mockup-symbolic",
  .empty_hint = N_("A photo of a place with a project that does not exist yet placed on it in "
                   "perspective, numbered callouts and blurred faces."),
  .creatable = TRUE,
  .item_kinds = item_kinds,
  .export_kinds = 1 << TF_EXPORT_BOARD | 1 << TF_EXPORT_POSTER | 1 << TF_EXPORT_PNG | 1 << TF_EXPORT_SVG,
  .report_section = tf_mockup_report_section,
  .insert_demo = tf_mockup_insert_demo,
  .export_check = tf_mockup_export_check,
  /* What sits on a photo moves with it. */
  .settle = tf_mockup_settle,
  .key_rows = tf_mockup_key_rows,
  .print_figures = tf_mockup_print_figures,
  .list_session_steps = tf_mockup_list_session_steps,
  .search_items = tf_mockup_search_items,
};

gboolean
tf_mockup_board_is (const char *kind_id)
{
  return kind_id != NULL && tf_board_type_lookup (kind_id) == &tf_mockup_type;
}
