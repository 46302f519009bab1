/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `transfo export EXPERIMENT …`: @argv holds the arguments after "export".
 * Prints "Wrote FILE (N pages)" and returns the exit status: 0, 1 when the
 * archive or the export refused, 2 on bad arguments (one line on stderr). */
int   tf_cli_export       (const char  *archive,
                           int          argc,
                           char       **argv);

/* The synopsis lines of `transfo --help`, ready to print. */
extern const char tf_cli_export_synopsis[];

G_END_DECLS
