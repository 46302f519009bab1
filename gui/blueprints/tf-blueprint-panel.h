/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gui/tf-board-panel.h"

G_BEGIN_DECLS

#define TF_TYPE_BLUEPRINT_PANEL (tf_blueprint_panel_get_type ())
G_DECLARE_FINAL_TYPE (TfBlueprintPanel, tf_blueprint_panel, TF, BLUEPRINT_PANEL, TfBoardPanel)

/* The outline colours of a comparison, as drawn on the board. */
#define TF_BLUEPRINT_ADDED_RGB   0x2E9E4F
#define TF_BLUEPRINT_CHANGED_RGB 0xE09B16

GtkWidget   *tf_blueprint_panel_new           (void);

TfBoardView *tf_blueprint_panel_get_view      (TfBlueprintPanel *self);
/* The findings shown (TfBpFinding *, borrowed), in tf_blueprint_check()'s
 * order; each row of the list holds its index as the data "finding". */
GPtrArray   *tf_blueprint_panel_get_findings  (TfBlueprintPanel *self);
/* Re-runs the checks now instead of at the next quiet moment. */
void         tf_blueprint_panel_refresh_now   (TfBlueprintPanel *self);

void         tf_blueprint_panel_set_view      (TfBlueprintPanel *self,
                                               TfBoardView      *view);

G_END_DECLS
