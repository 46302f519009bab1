/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the mockup wing's command files share; not for outside mockups/. */

#include <glib.h>

#include "canvas/tf-rect.h"

G_BEGIN_DECLS

/* Whether @r fits the board's coordinate and size limits
 * (tf_content_check_coord/_size); FALSE with TF_STORE_ERROR_INVALID set. */
gboolean tf_mk_check_bounds (const TfRect  *r,
                             GError       **error);

G_END_DECLS
