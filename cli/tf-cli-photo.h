/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `transfo photo add EXPERIMENT FILE [--board NAME] [--page N]` and
 * `transfo photo place EXPERIMENT PHOTO FILE [--corners …] [--page N]`. */
int tf_cli_photo (const char  *archive,
                  int          argc,
                  char       **argv);

G_END_DECLS
