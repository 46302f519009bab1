/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/tf-board-type.h"

G_BEGIN_DECLS

/* The blueprint board type: only its descriptor so far, so that users can create
 * one and its issue starts from this folder. Registered by tf_blueprints_wing_init(). */
#define TF_BLUEPRINT_TYPE_ID "blueprint"

extern const TfBoardType tf_blueprint_type;

/* Whether @kind_id (a board's type id, or one of its aliases) names the
 * blueprint board type. */
gboolean tf_blueprint_board_is (const char *kind_id);

G_END_DECLS
