/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the mockup wing's command files share; not for outside mockups/. */

#include <glib.h>

#include "canvas/tf-rect.h"
#include "core/tf-item-rows.h"
#include "tf-mockup-commands.h"

G_BEGIN_DECLS

/* Whether @r fits the board's coordinate and size limits
 * (tf_content_check_coord/_size); FALSE with TF_STORE_ERROR_INVALID set. */
gboolean tf_mk_check_bounds (const TfRect  *r,
                             GError       **error);
/* Reads item @id into @row when it is an item of @kind (a mockup kind's
 * id); FALSE with TF_STORE_ERROR_NO_SUCH_ROW and a message naming what was
 * looked for otherwise (@row is then to be cleared all the same). */
gboolean tf_mk_read_item     (TfStore       *store,
                              gint64         id,
                              const char    *kind,
                              TfItemRow     *row,
                              GError       **error);
/* Whether what the decoder prepared can be stored: bytes and a type, an
 * upright size within TF_MK_MAX_SIDE, a page within TF_MK_MAX_PAGE, a name
 * (NULL: none) of a sane length; FALSE with TF_STORE_ERROR_INVALID. */
gboolean tf_mk_check_source  (const TfMkSource *source,
                              GError          **error);
/* Whether payload @json fits the archive's JSON limits
 * (tf_content_check_json); FALSE with TF_STORE_ERROR_INVALID. */
gboolean tf_mk_check_payload (const char    *json,
                              GError       **error);

G_END_DECLS
