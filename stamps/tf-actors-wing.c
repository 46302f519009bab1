/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "wings/tf-wings.h"
#include "stamps/tf-actor-items.h"
#include "tf-actor-map.h"

void
tf_actors_wing_init (void)
{
  tf_item_kind_register (&tf_stamp_kind);
  tf_item_kind_register (&tf_link_kind);
  tf_item_kind_register (&tf_pool_kind);
  tf_item_kind_register (&tf_legend_kind);
  tf_board_type_register (&tf_actor_map_type);
}
