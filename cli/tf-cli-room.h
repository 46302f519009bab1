/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `transfo room check EXPERIMENT`: the room check (room/tf-room-check.h),
 * one line per card still too small at a step; exit 1 when there is one. */
int tf_cli_room (const char  *archive,
                 int          argc,
                 char       **argv);
/* `transfo room serve EXPERIMENT`: opens the room to phones
 * (room/tf-room-link.h), prints the page's address with its token as its
 * first line and stores what arrives until SIGINT or SIGTERM. */
int tf_cli_room_serve (const char  *archive,
                       int          argc,
                       char       **argv);

G_END_DECLS
