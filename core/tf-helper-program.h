/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Finding one of Transfo's own helper programs (the photo decoder, the SVG
 * probe, the room's server), the same way for each. */

#include <glib.h>

G_BEGIN_DECLS

/* The path of the helper program @name, or NULL when none is executable:
 * the environment variable @env_var when it is set (and nothing else then);
 * else beside the running program; else in the build tree, where the
 * running program is one folder down (gui/transfo, cli/…) and the helper is
 * in @build_dir (e.g. "mockups"); else in LIBEXECDIR. */
char *tf_helper_program_find (const char *env_var,
                              const char *build_dir,
                              const char *name) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
