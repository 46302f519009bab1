/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the GUI side of every wing (tf-board-type-gui.h): the board
 * types' panels, tools and actions. Once, at startup; calling it again does
 * nothing. */
void tf_gui_wings_init (void);

G_END_DECLS
