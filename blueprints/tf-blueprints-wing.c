/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "wings/tf-wings.h"
#include "tf-blueprint.h"

void
tf_blueprints_wing_init (void)
{
  tf_board_type_register (&tf_blueprint_type);
}
