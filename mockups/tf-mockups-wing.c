/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "wings/tf-wings.h"
#include "tf-mockup.h"
#include "tf-mockup-items.h"
#include "tf-mockup-kinds.h"

void
tf_mockups_wing_init (void)
{
  tf_item_kind_register (&tf_mk_photo_kind);
  tf_item_kind_register (&tf_mk_place_kind);
  tf_item_kind_register (&tf_mk_callout_kind);
  tf_item_kind_register (&tf_mk_bubble_kind);
  tf_item_kind_register (&tf_mk_blur_kind);
  tf_item_kind_register (&tf_mk_note_kind);
  tf_item_kind_register (&tf_mk_arrow_kind);
  tf_board_type_register (&tf_mockup_type);
}
