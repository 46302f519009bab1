/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* With TRANSFO_BENCH_TOUR=FILE and TRANSFO_BENCH_ROOM set, measures the
 * room's audience and presenter windows while a note of the step is
 * edited (transfo-bench --room-edit), writes the figures to FILE and
 * quits: TRUE then. FALSE, doing nothing, without them. */
gboolean tf_bench_room_start (GtkWindow *window);

G_END_DECLS
