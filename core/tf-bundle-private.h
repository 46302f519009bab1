/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What writing (tf-bundle.c) and reading (tf-bundle-read.c) a bundle
 * share: the one table a bundle has beyond the archive's schema, and the
 * bounds of short texts. */
extern const char tf_bundle_manifest_sql[];

#define MAX_SHORT 64     /* uuids, timestamps, kinds, hashes */
#define MAX_NAME  1000   /* names, titles */

G_END_DECLS
