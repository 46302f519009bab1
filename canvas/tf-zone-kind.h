/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-item.h"

G_BEGIN_DECLS

/* A titled rectangle that groups items: a cluster. */
extern const TfItemKind tf_zone_kind;

void   tf_zone_kind_register      (void);
/* A zone's style, {"color": @color_id} (a note colour's id). */
char  *tf_zone_style_build        (const char *color_id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
