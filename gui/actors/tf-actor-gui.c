/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <glib/gi18n.h>

#include "gui/tf-board-view-private.h"
#include "tf-actor-gui.h"
#include "tf-actor-panel.h"

/* The actor map on the board editor: the stamp tool (each click stamps the
 * picked pictogram), the link tool (a drag from an actor to another draws
 * a link), its actions (actors.*, in tf-board-view-actors.c), pools for
 * Ctrl+G, and its panel. */

/* The stamp tool. */

typedef struct {
  TfTool  parent;
  char   *stamp_id;
} StampTool;

static gboolean
stamp_press (TfTool          *tool,
             TfBoardView     *view,
             GdkModifierType  state,
             double           x,
             double           y)
{
  g_autofree char *stamp = g_strdup (((StampTool *) tool)->stamp_id);

  /* Stamping may take the tool down (a refused pictogram): a copy. */
  tf_board_view_stamp_at (view, stamp, x, y);
  return TRUE;
}

static void
stamp_free (TfTool *tool)
{
  g_free (((StampTool *) tool)->stamp_id);
  g_free (tool);
}

static const TfToolClass stamp_tool_class = {
  .id = "stamp",
  .cursor = "crosshair",
  .press = stamp_press,
  .free = stamp_free,
};

/* The link tool: the drawing itself is tf_board_view_link_*(). */

static gboolean
link_press (TfTool          *tool,
            TfBoardView     *view,
            GdkModifierType  state,
            double           x,
            double           y)
{
  double bx, by;

  tf_board_view_to_board (view, x, y, &bx, &by);
  /* Off an actor, the select tool has the press (a rubber band, a pan). */
  return tf_board_view_link_begin (view, state, bx, by);
}

static void
link_drag (TfTool          *tool,
           TfBoardView     *view,
           GdkModifierType  state,
           double           ox,
           double           oy)
{
  double bx, by;

  view->drag_started = TRUE;
  tf_board_view_to_board (view, view->drag_start_x + ox, view->drag_start_y + oy, &bx, &by);
  tf_board_view_link_update (view, bx, by);
}

static void
link_release (TfTool      *tool,
              TfBoardView *view)
{
  tf_board_view_link_end (view);
}

static gboolean
link_cancel (TfTool      *tool,
             TfBoardView *view)
{
  if (view->drag_mode != TF_DRAG_LINK)
    return FALSE;
  tf_board_view_cancel_drag (view, NULL);
  return TRUE;
}

static const TfToolClass link_tool_class = {
  .id = "link",
  .cursor = "crosshair",
  .press = link_press,
  .drag = link_drag,
  .release = link_release,
  .cancel = link_cancel,
};

const char *
tf_board_view_get_stamp_tool (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), NULL);

  return self->tool != NULL && self->tool->klass == &stamp_tool_class
         ? ((StampTool *) self->tool)->stamp_id : NULL;
}

gboolean
tf_board_view_get_link_tool (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), FALSE);

  return self->tool != NULL && self->tool->klass == &link_tool_class;
}

/* Picking a stamp puts the link tool down, and the other way round. */
void
tf_board_view_set_stamp_tool (TfBoardView *self,
                              const char  *stamp_id)
{
  StampTool *tool;

  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  if (stamp_id != NULL && *stamp_id == '\0')
    stamp_id = NULL;
  if (g_strcmp0 (tf_board_view_get_stamp_tool (self), stamp_id) == 0)
    return;
  if (stamp_id == NULL)
    {
      tf_board_view_set_tool (self, NULL);
      return;
    }
  tool = g_new0 (StampTool, 1);
  tool->parent.klass = &stamp_tool_class;
  tool->stamp_id = g_strdup (stamp_id);
  tf_board_view_set_tool (self, &tool->parent);
}

void
tf_board_view_set_link_tool (TfBoardView *self,
                             gboolean     link_tool)
{
  TfTool *tool;

  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  if (tf_board_view_get_link_tool (self) == !!link_tool)
    return;
  if (!link_tool)
    {
      tf_board_view_set_tool (self, NULL);
      return;
    }
  tool = g_new0 (TfTool, 1);
  tool->klass = &link_tool_class;
  tf_board_view_set_tool (self, tool);
}

/* The board type. */

static void
actors_attach (TfBoardView *view)
{
  tf_board_view_set_actor_map (view, TRUE);
}

static void
actors_detach (TfBoardView *view)
{
  tf_board_view_set_actor_map (view, FALSE);
}

static guint
actors_n_groupable (TfBoardView *view)
{
  g_autoptr(GArray) ids = tf_board_view_selected_ids (view, "stamp");

  return ids->len;
}

/* Ctrl+G pools the selected actors. */
static gboolean
actors_group (TfBoardView *view)
{
  return tf_board_view_new_pool (view) != 0;
}

static const char *
actors_empty_hint (void)
{
  return _("Drag stamps from the palette onto the board, or click one and then click "
           "on the board. Drag from the edge of an actor to another to link them.");
}

static GType
actors_panel_type (void)
{
  return TF_TYPE_ACTOR_PANEL;
}

static const TfBoardTypeGui actor_map_gui = {
  .type_id = "actor-map",
  .action_prefix = "actors",
  .panel_type = actors_panel_type,
  .panel_tooltip = N_("Stamps and Details (F9)"),
  .shortcuts_section = "actors",
  .panel_open = TRUE,
  .empty_hint = actors_empty_hint,
  .typing_writes = FALSE,
  .transfers_text = FALSE,
  .link_button = TRUE,
  .attach = actors_attach,
  .detach = actors_detach,
  .group = actors_group,
  .n_groupable = actors_n_groupable,
};

void
tf_actor_gui_init (void)
{
  tf_board_type_gui_register (&actor_map_gui);
}
