/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `transfo [--regional CONNINFO] regional init|publish|search|fetch|withdraw`:
 * the regional archive on PostgreSQL (regional/tf-regional.h). */
int tf_cli_regional (const char  *archive,
                     int          argc,
                     char       **argv);

/* Takes `--regional CONNINFO` out of @argv (anywhere, like --archive),
 * else reads $TRANSFO_REGIONAL, and keeps it for this run
 * (tf_regional_get_command_line_conninfo ()): commands and the window. */
void tf_cli_take_regional (int   *argc,
                           char **argv);

G_END_DECLS
