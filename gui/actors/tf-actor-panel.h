/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "gui/tf-board-panel.h"

G_BEGIN_DECLS

#define TF_TYPE_ACTOR_PANEL (tf_actor_panel_get_type ())
G_DECLARE_FINAL_TYPE (TfActorPanel, tf_actor_panel, TF, ACTOR_PANEL, TfBoardPanel)

/* The side panel of an actor map: the stamp palette, the details of the
 * selected actor, link or pool, and the counts per family and relation. */
GtkWidget   *tf_actor_panel_new      (void);

TfBoardView *tf_actor_panel_get_view (TfActorPanel *self);

void         tf_actor_panel_set_view (TfActorPanel *self,
                                      TfBoardView  *view);

G_END_DECLS
