/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers every wing's item kinds and board types with the library.
 * Called once, before anything reads a board, by the command line, the
 * window, the benchmark and the tests. Idempotent. */
void tf_wings_init (void);

/* Each wing's own registration, in its folder. */
void tf_insights_wing_init   (void);
void tf_actors_wing_init     (void);
void tf_blueprints_wing_init (void);
void tf_mockups_wing_init    (void);

G_END_DECLS
