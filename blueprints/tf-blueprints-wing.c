/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "wings/tf-wings.h"
#include "tf-blueprint.h"
#include "tf-blueprint-kinds.h"

void
tf_blueprints_wing_init (void)
{
  tf_item_kind_register (&tf_bp_grid_kind);
  tf_item_kind_register (&tf_bp_card_kind);
  tf_item_kind_register (&tf_bp_arrow_kind);
  tf_board_type_register (&tf_blueprint_type);
}
