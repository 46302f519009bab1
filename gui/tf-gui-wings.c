/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "tf-gui-wings.h"
#include "wings/tf-wings.h"
#include "gui/actors/tf-actor-gui.h"
#include "gui/blueprints/tf-blueprint-gui.h"
#include "gui/insights/tf-insight-gui.h"
#include "gui/mockups/tf-mockup-gui.h"

/* The GUI part of each wing registers from one function; adding a wing is
 * adding its line here (and its library line in wings/tf-wings.c). */
void
tf_gui_wings_init (void)
{
  static gsize done = 0;

  if (!g_once_init_enter (&done))
    return;
  tf_wings_init ();
  /* One line per wing. */
  tf_insight_gui_init ();
  tf_actor_gui_init ();
  tf_blueprint_gui_init ();
  tf_mockup_gui_init ();
  g_once_init_leave (&done, 1);
}
