/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-item.h"

G_BEGIN_DECLS

/* Free text on the board. */
extern const TfItemKind tf_label_kind;

void   tf_label_kind_register     (void);

G_END_DECLS
