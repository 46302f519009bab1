/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TF_TYPE_BOARD_VIEW (tf_board_view_get_type ())
G_DECLARE_FINAL_TYPE (TfBoardView, tf_board_view, TF, BOARD_VIEW, GtkWidget)

#define TF_BOARD_VIEW_MIN_ZOOM 0.25
#define TF_BOARD_VIEW_MAX_ZOOM 4.0
#define TF_BOARD_VIEW_ZOOM_STEP 1.25

GtkWidget *tf_board_view_new      (void);

double     tf_board_view_get_zoom (TfBoardView *self);

void       tf_board_view_set_zoom (TfBoardView *self,
                                   double       zoom);

G_END_DECLS
