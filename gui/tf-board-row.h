/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "core/tf-board.h"
#include "core/tf-history.h"

G_BEGIN_DECLS

#define TF_TYPE_BOARD_ROW (tf_board_row_get_type ())
G_DECLARE_FINAL_TYPE (TfBoardRow, tf_board_row, TF, BOARD_ROW, AdwActionRow)

/* @n_boards is the number of boards of the experiment, to know the last one. */
GtkWidget *tf_board_row_new       (TfBoard    *board,
                                   TfHistory  *history,
                                   guint       n_boards);

TfBoard   *tf_board_row_get_board (TfBoardRow *self);
void       tf_board_row_set_editable (TfBoardRow *self,
                                      gboolean    editable);

G_END_DECLS
