/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `transfo bundle export|import|show`: an experiment as one file
 * (core/tf-bundle.h, bundles/tf-bundle-share.h). */
int tf_cli_bundle (const char  *archive,
                   int          argc,
                   char       **argv);
/* `transfo backup -o FILE`: a consistent copy of the whole archive, even
 * while a window writes to it. */
int tf_cli_backup (const char  *archive,
                   int          argc,
                   char       **argv);

G_END_DECLS
