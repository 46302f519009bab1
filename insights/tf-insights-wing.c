/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "wings/tf-wings.h"
#include "insights/tf-note-kind.h"
#include "tf-insight-wall.h"

void
tf_insights_wing_init (void)
{
  tf_item_kind_register (&tf_note_kind);
  tf_board_type_register (&tf_insight_wall_type);
}
