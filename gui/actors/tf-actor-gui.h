/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the actor map's GUI: its panel, its actors.* actions, the stamp
 * and link tools, pools. From tf_gui_wings_init(). */
void tf_actor_gui_init (void);

G_END_DECLS
