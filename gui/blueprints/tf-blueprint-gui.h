/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gui/tf-board-view.h"
#include "gui/tf-tool.h"

G_BEGIN_DECLS

/* The blueprint on the board editor (gui/blueprints/): its cell cursor and
 * keys, its actions (blueprint.*), its context menus and the arrow tool. */
void     tf_blueprint_gui_init       (void);

/* The cell cursor of the blueprint @view shows: the ids of its step and
 * lane (g_free() them); FALSE when no blueprint is shown or its grid has
 * no cell yet. */
gboolean tf_blueprint_gui_get_cursor (TfBoardView *view,
                                      char       **step_id,
                                      char       **lane_id);
/* Puts the cell cursor on a cell (and selects its first card); FALSE when
 * the blueprint has no such cell. */
gboolean tf_blueprint_gui_set_cursor (TfBoardView *view,
                                      const char  *step_id,
                                      const char  *lane_id);

/* The arrow tool: a drag from one card to another draws an arrow. */
void     tf_blueprint_gui_set_arrow_tool (TfBoardView *view,
                                          gboolean     arrow_tool);
gboolean tf_blueprint_gui_get_arrow_tool (TfBoardView *view);

/* The card at a board point of @view (the topmost visible one, from the
 * scene's spatial index), 0 for none. */
gint64   tf_blueprint_gui_card_at    (TfBoardView *view,
                                      double       bx,
                                      double       by);

/* tf-blueprint-arrow-tool.c: the tool itself. */
TfTool  *tf_blueprint_arrow_tool_new (void);
gboolean tf_blueprint_arrow_tool_is  (TfTool      *tool);

G_END_DECLS
