/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The rows of the `boards` and `experiments` tables, for the commands of
 * the wings. A board type id is data, passed in by the caller. */

#include "tf-item-rows.h"

G_BEGIN_DECLS

/* Whether experiment @id exists, in @found. */
gboolean tf_experiment_rows_exists  (TfStore       *store,
                                     gint64         id,
                                     gboolean      *found,
                                     GError       **error);
/* Whether board @id exists, in @found. */
gboolean tf_board_rows_exists       (TfStore       *store,
                                     gint64         id,
                                     gboolean      *found,
                                     GError       **error);
/* The experiment of board @id in @experiment_id, 0 when there is no such
 * board. */
gboolean tf_board_rows_experiment   (TfStore       *store,
                                     gint64         id,
                                     gint64        *experiment_id,
                                     GError       **error);
/* The type id of board @id in @kind, NULL when there is no such board. */
gboolean tf_board_rows_kind         (TfStore       *store,
                                     gint64         id,
                                     char         **kind,
                                     GError       **error);
/* The boards of type @kind of @experiment_id, by position: id, name. */
gboolean tf_board_rows_of_kind      (TfStore       *store,
                                     gint64         experiment_id,
                                     const char    *kind,
                                     TfRowFunc      func,
                                     gpointer       user_data,
                                     GError       **error);
/* Appends a board of type @kind named @name after the others of
 * @experiment_id. */
gboolean tf_board_rows_append       (TfStore       *store,
                                     gint64         experiment_id,
                                     const char    *kind,
                                     const char    *name,
                                     gint64        *id,
                                     GError       **error);

G_END_DECLS
