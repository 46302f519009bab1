/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "stamps/tf-actors-wing.h"
#include "stamps/tf-actor-items.h"

void
tf_actors_wing_init (void)
{
  tf_item_kind_register (&tf_stamp_kind);
  tf_item_kind_register (&tf_link_kind);
  tf_item_kind_register (&tf_pool_kind);
  tf_item_kind_register (&tf_legend_kind);
}
