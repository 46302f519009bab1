/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Before / after: which photo of a mockup board is the original of a
 * montage (TfMkPhoto.before_of, stored on the original). GTK-free. */

#include "core/tf-command.h"

G_BEGIN_DECLS

/* Makes photo item @original_id the original ("before") of photo item
 * @montage_id, both on the same mockup board: the original's before_of
 * names the montage, and any other photo of the board that named it no
 * longer does (a montage has one original). @original_id 0 unpairs the
 * montage. One undoable command. */
TfCommand *tf_mk_command_set_original (gint64 montage_id,
                                       gint64 original_id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
