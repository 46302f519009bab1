/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when the arguments name a command-line subcommand (list, new, show,
 * search, demo, import-insights, export-insights), or --help/--version: then
 * no display is needed and GTK must not be initialised. */
gboolean  tf_cli_handles        (int    argc,
                                 char **argv);
/* TRUE when @arg names a bundle for the window to import (it ends with
 * ".transfo" and is no subcommand's name). */
gboolean  tf_cli_is_bundle_argument (const char *arg);
/* Runs a subcommand and returns the process exit status. */
int       tf_cli_run            (int    argc,
                                 char **argv);
/* The archive the app opens: --archive PATH, then $TRANSFO_ARCHIVE, then the
 * default path. Removes --archive from argv. */
char     *tf_cli_take_archive_path (int   *argc,
                                    char **argv) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
