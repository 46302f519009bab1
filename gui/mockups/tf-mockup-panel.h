/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gui/tf-board-panel.h"

G_BEGIN_DECLS

#define TF_TYPE_MOCKUP_PANEL (tf_mockup_panel_get_type ())
G_DECLARE_FINAL_TYPE (TfMockupPanel, tf_mockup_panel, TF, MOCKUP_PANEL, TfBoardPanel)

/* Beside a mockup board: the selected photo (people visible, consent,
 * legend of its callouts, its original, the blueprint cards citing it),
 * placed image (replace, reset corners), callout, bubble or blur region.
 * Every change is one command through the view's history. */
GtkWidget   *tf_mockup_panel_new          (void);
TfBoardView *tf_mockup_panel_get_view     (TfMockupPanel *self);
void         tf_mockup_panel_set_view     (TfMockupPanel *self,
                                           TfBoardView   *view);
/* Shows the selection now instead of at the next idle moment. */
void         tf_mockup_panel_refresh_now  (TfMockupPanel *self);

G_END_DECLS
