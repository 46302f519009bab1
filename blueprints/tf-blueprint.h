/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/tf-board-type.h"

G_BEGIN_DECLS

/* The blueprint board type: only its descriptor so far, so that users can create
 * one and its issue starts from this folder. Registered by tf_blueprints_wing_init(). */
#define TF_BLUEPRINT_TYPE_ID "blueprint"

extern const TfBoardType tf_blueprint_type;

G_END_DECLS
