/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "wings/tf-wings.h"
#include "tf-mockup.h"

void
tf_mockups_wing_init (void)
{
  tf_board_type_register (&tf_mockup_type);
}
