/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The actor map's wing: registers the stamp, link, pool and legend kinds
 * (and, later, the map's board type). Called by tf_wings_init(). */
void tf_actors_wing_init (void);

G_END_DECLS
