/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The seccomp filter Transfo's helper programs shut themselves in with once
 * they hold what they need (the photo decoder, the room's server). One
 * list for all: what any of them may do, what kills whoever tries it, and
 * a few choices a helper makes. Everything else fails with EPERM, so that
 * a library trying something harmless carries on. */

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  /* Opening files read-only and looking at folders (a PDF's fonts);
   * otherwise no file is opened at all. */
  gboolean read_files;
  /* Accepting, receiving and sending on the sockets it already holds, and
   * polling; never a new socket, bind, listen or connect (those kill).
   * Otherwise every socket call kills. */
  gboolean serve;
  /* Writing to any descriptor it holds; otherwise to the standard output
   * and error only. */
  gboolean write_any;
} TfSeccompPolicy;

/* Sets no_new_privs and loads the filter: TRUE when it is in force. */
gboolean tf_seccomp_shut_in (const TfSeccompPolicy *policy);

G_END_DECLS
