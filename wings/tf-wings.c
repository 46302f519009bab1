/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tf-wings.h"

#include "canvas/tf-item-kinds.h"

/* Each wing is a folder that registers its item kinds and its board type
 * from one function (tf-wings.h); adding a wing is adding its line here,
 * and its GUI part's line in gui/tf-gui-wings.c. */
void
tf_wings_init (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;
  /* The kinds every board may hold: labels and zones. */
  tf_canvas_register_kinds ();
  /* One line per wing, in the order "New board" and the demo list them. */
  tf_insights_wing_init ();
  tf_actors_wing_init ();
  tf_blueprints_wing_init ();
  tf_mockups_wing_init ();
  g_once_init_leave (&done, 1);
}
