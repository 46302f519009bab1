/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "stamps/tf-stamp-library.h"

G_BEGIN_DECLS

/* "transfo stamps list|import|sheet …": @argv holds the arguments after
 * "stamps". Returns the exit status: 0 on success, 1 when the action is
 * refused (a hostile SVG, an unknown stamp, an archive that cannot be
 * opened), 2 on bad arguments; errors are one line "transfo: …" on stderr. */
int tf_cli_stamps (const char  *archive,
                   int          argc,
                   char       **argv);

/* Says on stderr which of the archive's stamps were drawn as the placeholder
 * and why, one line "transfo: …" each. */
void tf_cli_stamps_report (TfStampLibrary *library);

G_END_DECLS
