/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where the person was in an archive (the experiment open, the board open
 * in it, 0 for none), remembered per archive outside it: in
 * $XDG_STATE_HOME/transfo/places/, one small file per archive path, so
 * that a read-only archive has one too and no window writes another's. */

/* FALSE when nothing is remembered for @archive_path (its first launch). */
gboolean tf_last_place_load   (const char *archive_path,
                               gint64     *experiment_id,
                               gint64     *board_id);
/* Best effort: a folder that cannot be written only means the place is not
 * remembered (said with g_debug()). */
void     tf_last_place_save   (const char *archive_path,
                               gint64      experiment_id,
                               gint64      board_id);
/* Forgets @archive_path's place (its next launch is a first one). */
void     tf_last_place_forget (const char *archive_path);

G_END_DECLS
