/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "exports/tf-export.h"
#include "tf-mockup.h"
#include "tf-mockup-outputs.h"

const TfBoardType tf_mockup_type = {
  .id = TF_MOCKUP_TYPE_ID,
  .alias = "montage",
  .label = N_("Mockup"),
  .icon_name = "tf-mockup-symbolic",
  .empty_hint = N_("A photo with simple overlays, to picture a service that does not exist yet, "
                   "will go here. Its tools arrive in the next release."),
  .creatable = TRUE,
  .export_kinds = 1 << TF_EXPORT_BOARD | 1 << TF_EXPORT_POSTER | 1 << TF_EXPORT_PNG | 1 << TF_EXPORT_SVG,
  .report_section = tf_mockup_report_section,
  .insert_demo = tf_mockup_insert_demo,
  .export_check = tf_mockup_export_check,
  .key_rows = tf_mockup_key_rows,
};

gboolean
tf_mockup_board_is (const char *kind_id)
{
  return kind_id != NULL && tf_board_type_lookup (kind_id) == &tf_mockup_type;
}
