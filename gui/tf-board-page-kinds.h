/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* TEMPORARY, for gui/tf-board-page.c only, until its kind switches become
 * TfBoardTypeGui (issue #9, point 3, GUI side): the old board-kind enum,
 * derived from the board's type. Delete with those switches. */

#include <glib/gi18n.h>

#include "core/tf-board-type.h"
#include "core/tf-board.h"

typedef enum {
  TF_BOARD_INSIGHT_WALL,
  TF_BOARD_ACTOR_MAP,
  TF_BOARD_BLUEPRINT,
  TF_BOARD_MOCKUP,
  TF_N_BOARD_KINDS     /* a kind this version does not know: a plain board */
} TfBoardKind;

static inline TfBoardKind
tf_board_page_kind_of (TfBoard *board)
{
  static const char * const ids[TF_N_BOARD_KINDS] = { "insight-wall", "actor-map", "blueprint", "mockup" };

  for (int i = 0; i < TF_N_BOARD_KINDS; i++)
    if (g_strcmp0 (tf_board_get_kind_id (board), ids[i]) == 0)
      return (TfBoardKind) i;
  return TF_N_BOARD_KINDS;
}

static inline const char *
tf_board_page_kind_label (TfBoard *board)
{
  const TfBoardType *type = tf_board_type_lookup (tf_board_get_kind_id (board));

  return type != NULL ? tf_board_type_get_label (type) : _("Board");
}
