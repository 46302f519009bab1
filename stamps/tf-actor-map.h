/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/tf-board-type.h"

G_BEGIN_DECLS

/* The actor map board type: stamps, links and pools of the actors of an
 * experiment. Registered by tf_actors_wing_init(). */
#define TF_ACTOR_MAP_TYPE_ID "actor-map"

extern const TfBoardType tf_actor_map_type;

G_END_DECLS
