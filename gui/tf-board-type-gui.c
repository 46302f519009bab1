/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "tf-board-type-gui.h"

static GPtrArray *registry;

void
tf_board_type_gui_register (const TfBoardTypeGui *gui)
{
  g_return_if_fail (gui != NULL && gui->type_id != NULL);

  if (registry == NULL)
    registry = g_ptr_array_new ();
  if (tf_board_type_gui_lookup (gui->type_id) == NULL)
    g_ptr_array_add (registry, (gpointer) gui);
}

const TfBoardTypeGui *
tf_board_type_gui_lookup (const char *type_id)
{
  if (registry == NULL || type_id == NULL)
    return NULL;
  for (guint i = 0; i < registry->len; i++)
    {
      const TfBoardTypeGui *gui = g_ptr_array_index (registry, i);

      if (g_strcmp0 (gui->type_id, type_id) == 0)
        return gui;
    }
  return NULL;
}

const char *
tf_board_type_gui_capture_kind (const TfBoardTypeGui *gui)
{
  if (gui != NULL && gui->capture_kind != NULL)
    return gui->capture_kind;
  for (guint i = 0; registry != NULL && i < registry->len; i++)
    {
      const TfBoardTypeGui *other = g_ptr_array_index (registry, i);

      if (other->capture_fallback && other->capture_kind != NULL)
        return other->capture_kind;
    }
  return NULL;
}
