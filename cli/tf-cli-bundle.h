/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "core/tf-bundle.h"

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

/* Imports @bundle into @archive as `bundle import` does (a copy imported
 * before needs @as_copy or @update) and prints the new experiment's id. */
int tf_cli_bundle_import (const char  *archive,
                          TfBundle    *bundle,
                          gboolean     as_copy,
                          gboolean     update);

G_END_DECLS
