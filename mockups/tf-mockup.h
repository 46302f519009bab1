/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "core/tf-board-type.h"

G_BEGIN_DECLS

/* The mockup board type: only its descriptor so far, so that users can create
 * one and its issue starts from this folder. Registered by tf_mockups_wing_init(). */
#define TF_MOCKUP_TYPE_ID "mockup"

extern const TfBoardType tf_mockup_type;

/* Whether a board of type @kind_id is a mockup (for the command line). */
gboolean tf_mockup_board_is (const char *kind_id);

G_END_DECLS
