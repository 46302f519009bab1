/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* mockup_place and mockup_place_fast (README's bench table); with @out_dir,
 * also writes the view as PNG and the page as a 300-dpi PDF there. */
int tf_bench_mockup_place (const char *out_dir);

G_END_DECLS
