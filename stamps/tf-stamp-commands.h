/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Edits of the archive's user stamps, as undoable commands. */

#include "core/tf-command.h"

G_BEGIN_DECLS

/* The metadata of a user stamp, checked before anything is opened: a known
 * family, two non-empty names, and a colour "#rrggbb" or NULL/"" for the
 * family's. */
gboolean     tf_stamp_check_metadata   (const char  *family,
                                        const char  *name_fr,
                                        const char  *name_en,
                                        const char  *color,
                                        GError     **error);

/* Imports an SVG as a user stamp, in one transaction: the drawing is checked
 * (tf_svg_check()), stored once in the assets by its SHA-256, and described
 * in the stamps table. @keywords is a comma-separated list. The result id is
 * the stamps row; tf_stamp_command_get_key() gives the stamp's id. */
TfCommand   *tf_command_import_stamp   (GBytes      *svg,
                                        const char  *family,
                                        const char  *name_fr,
                                        const char  *name_en,
                                        const char  *keywords,
                                        const char  *color) G_GNUC_WARN_UNUSED_RESULT;
/* The stamp id an import made ("user-…"), once it ran; NULL before. */
const char  *tf_stamp_command_get_key  (TfCommand   *command);

G_END_DECLS
