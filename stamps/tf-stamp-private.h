/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-stamp.h"

G_BEGIN_DECLS

/* The built-in metadata (stamps/data/stamps.json), compiled into the
 * library as a GResource and parsed once for the process. */
typedef struct {
  char  *id;
  char  *family;
  char  *name_fr;
  char  *name_en;
  char **keywords;
} TfBuiltinStamp;

typedef struct {
  TfStampFamily  *families;
  guint           n_families;
  TfBuiltinStamp *stamps;
  guint           n_stamps;
} TfStampBuiltins;

const TfStampBuiltins *tf_stamp_builtins_get      (void);
/* The SVG of a built-in pictogram, or NULL. */
GBytes                *tf_stamp_builtins_load_svg (const char *id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
