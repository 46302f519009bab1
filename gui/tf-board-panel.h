/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tf-board-view.h"

G_BEGIN_DECLS

#define TF_TYPE_BOARD_PANEL (tf_board_panel_get_type ())
G_DECLARE_DERIVABLE_TYPE (TfBoardPanel, tf_board_panel, TF, BOARD_PANEL, AdwBin)

/* The side panel of a board type (the wall's insight panel, the actor
 * map's stamps and details): what TfBoardTypeGui.panel_type names. The
 * page makes one with its "view" property, the editor it follows; a
 * subclass keeps its own template under the base's (tf-board-panel.ui). */
struct _TfBoardPanelClass
{
  AdwBinClass parent_class;

  TfBoardView *(*get_view) (TfBoardPanel *self);
  /* Follows another editor (NULL: none); notifies "view". */
  void         (*set_view) (TfBoardPanel *self,
                            TfBoardView  *view);
};

TfBoardView *tf_board_panel_get_view (TfBoardPanel *self);
void         tf_board_panel_set_view (TfBoardPanel *self,
                                      TfBoardView  *view);
/* After a click on one of the panel's controls (a colour swatch): the
 * keyboard goes back to the board, so that its shortcuts keep working. */
void         tf_board_panel_return_focus (TfBoardPanel *self);

G_END_DECLS
