/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/tf-history.h"

G_BEGIN_DECLS

#define TF_TYPE_HISTORY_BUTTONS (tf_history_buttons_get_type ())
G_DECLARE_FINAL_TYPE (TfHistoryButtons, tf_history_buttons, TF, HISTORY_BUTTONS, GtkBox)

TfHistory *tf_history_buttons_get_history (TfHistoryButtons *self);

void       tf_history_buttons_set_history (TfHistoryButtons *self,
                                           TfHistory        *history);

G_END_DECLS
