/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the insight wall's GUI: its panel, its wall.* actions (votes,
 * star, retiring, colours, sizes), its clusters. From tf_gui_wings_init(). */
void tf_insight_gui_init (void);

G_END_DECLS
