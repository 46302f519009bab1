/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/tf-history.h"
#include "tf-board-view.h"

G_BEGIN_DECLS

#define TF_TYPE_BOARD_PAGE (tf_board_page_get_type ())
G_DECLARE_FINAL_TYPE (TfBoardPage, tf_board_page, TF, BOARD_PAGE, AdwBin)

TfHistory   *tf_board_page_get_history  (TfBoardPage *self);
gint64       tf_board_page_get_board_id (TfBoardPage *self);
TfBoardView *tf_board_page_get_view     (TfBoardPage *self);
/* The shortcuts window's section for the board shown, NULL for none. */
const char  *tf_board_page_get_shortcuts_section (TfBoardPage *self);

void         tf_board_page_set_history  (TfBoardPage *self,
                                         TfHistory   *history);
/* Loads the board; returns FALSE when the archive has no such board. */
gboolean     tf_board_page_set_board_id (TfBoardPage *self,
                                         gint64       board_id);

G_END_DECLS
