/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* With TRANSFO_BENCH_TOUR=FILE set, measures @window on a scripted tour
 * (open a board, pan, zoom, open the export dialog), writes the figures to
 * FILE and quits: see tf-bench-tour.c and transfo-bench --window. Does
 * nothing without it. */
void   tf_bench_tour_start    (GtkWindow *window);
/* The calling thread's CPU time, µs (the benches' frames' own work). */
gint64 tf_bench_thread_cpu_us (void);
/* Two doubles, for sorting the benches' samples (g_array_sort). */
int    tf_bench_compare_doubles (gconstpointer a,
                                 gconstpointer b);

G_END_DECLS
