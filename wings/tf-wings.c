/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tf-wings.h"

#include "canvas/tf-item-kinds.h"
#include "insights/tf-insights-wing.h"
#include "stamps/tf-actors-wing.h"

/* Each wing is a folder that registers its item kinds and board type from
 * one function; adding a wing is adding its line here (and its GUI part's
 * line in gui/tf-gui-wings.c). */
void
tf_wings_init (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;
  tf_canvas_register_kinds ();
  /* One line per wing. */
  tf_insights_wing_init ();
  tf_actors_wing_init ();
  g_once_init_leave (&done, 1);
}
