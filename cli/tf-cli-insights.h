/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `transfo import-insights EXPERIMENT FILE [--board NAME] [--json]` and
 * `transfo export-insights EXPERIMENT -o FILE [--board NAME] [--include-retired]`:
 * @argv holds the arguments after the subcommand's name. They return the
 * exit status: 0, 1 when the file or the archive is refused, 2 on bad
 * arguments; errors are one line "transfo: …" on stderr. */
int   tf_cli_import_insights   (const char  *archive,
                                int          argc,
                                char       **argv);
int   tf_cli_export_insights   (const char  *archive,
                                int          argc,
                                char       **argv);

G_END_DECLS
