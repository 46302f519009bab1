/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The insight wall's wing: registers the note kind (and, later, the wall's
 * board type). Called by tf_wings_init(). */
void tf_insights_wing_init (void);

G_END_DECLS
