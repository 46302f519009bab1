/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "insights/tf-insights-wing.h"
#include "insights/tf-note-kind.h"

void
tf_insights_wing_init (void)
{
  tf_item_kind_register (&tf_note_kind);
}
