/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "wings/tf-wings.h"
#include "tf-actor-map.h"

void
tf_actors_wing_init (void)
{
  tf_board_type_register (&tf_actor_map_type);
}
