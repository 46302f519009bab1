/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <glib/gi18n.h>

#include "gui/tf-board-view-private.h"
#include "gui/tf-view-popover.h"
#include "gui/tf-widget-util.h"
#include "stamps/tf-actor-items.h"
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

/* The pointer says which tool is on: a stamp copies its pictogram where
 * one clicks, the link tool draws a link ("alias"); the select tool's
 * crosshair on an actor's edge is neither. */
static const TfToolClass stamp_tool_class = {
  .id = "stamp",
  .cursor = "copy",
  .press = stamp_press,
  .free = stamp_free,
};

/* The link tool: the drawing itself is tf_board_view_link_*(). It goes
 * down after one link, as a drawing tool does, unless locked. */

typedef struct {
  TfTool   parent;
  gboolean locked;
} LinkTool;

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
  gboolean drawing = view->drag_mode == TF_DRAG_LINK && view->link_source != 0;
  gboolean locked = ((LinkTool *) tool)->locked;

  tf_board_view_link_end (view);
  /* One link, then the select tool again (@tool is freed). */
  if (drawing && !locked)
    tf_board_view_set_link_tool (view, FALSE);
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
  .cursor = "alias",
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

gboolean
tf_board_view_get_link_tool_locked (TfBoardView *self)
{
  return tf_board_view_get_link_tool (self) && ((LinkTool *) self->tool)->locked;
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
  LinkTool *tool;

  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  if (tf_board_view_get_link_tool (self) == !!link_tool)
    return;
  if (!link_tool)
    {
      tf_board_view_set_tool (self, NULL);
      return;
    }
  tool = g_new0 (LinkTool, 1);
  tool->parent.klass = &link_tool_class;
  tf_board_view_set_tool (self, &tool->parent);
}

void
tf_board_view_lock_link_tool (TfBoardView *self)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  tf_board_view_set_link_tool (self, TRUE);
  if (!tf_board_view_get_link_tool (self))
    return;
  ((LinkTool *) self->tool)->locked = TRUE;
  tf_board_view_show_toast (self, _("The link tool stays on for link after link; Escape puts it down"), FALSE);
}

/* The keyboard on an actor map: Ctrl+L on an actor starts a link from it,
 * the keys that move between items pick the other end, Return draws it,
 * Escape drops it; with a stamp picked in the palette, Return stamps it
 * beside the selected item (the view's middle with none). Its menu. */
typedef struct {
  gint64     link_from;   /* the actor a link is drawn from, 0: none */
  GtkWidget *menu;
} ActorsGui;

#define ACTORS_GUI_KEY "tf-actors-gui"

static ActorsGui *
actors_gui (TfBoardView *view)
{
  return g_object_get_data (G_OBJECT (view), ACTORS_GUI_KEY);
}

static void
actors_gui_free (gpointer data)
{
  ActorsGui *gui = data;

  tf_view_popover_clear (&gui->menu);
  g_free (gui);
}

/* The item the keyboard is on, when it is one alone. */
static TfItem *
focused_one (TfBoardView *view)
{
  if (view->canvas.scene == NULL || view->selection->len != 1)
    return NULL;
  return tf_scene_lookup (view->canvas.scene, g_array_index (view->selection, gint64, 0));
}

static gboolean
is_actor (const TfItem *item)
{
  return item != NULL && item->kind == &tf_stamp_kind;
}

static void
link_from_set (TfBoardView *view,
               gint64       id)
{
  ActorsGui *gui = actors_gui (view);

  if (gui == NULL || gui->link_from == id)
    return;
  gui->link_from = id;
  tf_board_view_announce (view);
}

static gboolean
link_from_focused (TfBoardView *view)
{
  TfItem *item = focused_one (view);

  if (!view->editable || !is_actor (item))
    {
      gtk_widget_error_bell (GTK_WIDGET (view));
      return FALSE;
    }
  link_from_set (view, item->id);
  tf_board_view_show_toast (view, _("Go to the other actor, then press Return to link them; Escape cancels"),
                            FALSE);
  return TRUE;
}

/* Stamps the picked stamp beside the selected item, or in the view's
 * middle: a stamp placed without the pointer. */
static void
stamp_here (TfBoardView *view,
            const char  *stamp_id)
{
  g_autofree char *stamp = g_strdup (stamp_id);
  TfItem *item = view->selection->len > 0
                 ? tf_scene_lookup (view->canvas.scene,
                                    g_array_index (view->selection, gint64, view->selection->len - 1))
                 : NULL;
  double x = gtk_widget_get_width (GTK_WIDGET (view)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (view)) / 2.0;
  gint64 id;

  if (item != NULL)
    tf_board_view_to_widget (view, item->bounds.x + item->bounds.width * 1.5 + TF_STAMP_ITEM_WIDTH / 2,
                             item->bounds.y + item->bounds.height / 2, &x, &y);
  id = tf_board_view_stamp_at (view, stamp, x, y);
  if (id != 0)
    tf_board_view_select (view, &id, 1);
}

static gboolean
actors_key (TfBoardView     *view,
            guint            keyval,
            GdkModifierType  state)
{
  ActorsGui *gui = actors_gui (view);
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK);
  const char *stamp = tf_board_view_get_stamp_tool (view);
  TfItem *item;

  if (gui == NULL)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_l:
    case GDK_KEY_L:
      if (mods != GDK_CONTROL_MASK)
        return FALSE;
      link_from_focused (view);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (mods != 0 || !view->editable)
        return FALSE;
      if (gui->link_from != 0)
        {
          item = focused_one (view);
          if (!is_actor (item) || item->id == gui->link_from)
            {
              gtk_widget_error_bell (GTK_WIDGET (view));
              return TRUE;
            }
          view->link_source = gui->link_from;
          view->link_target = item->id;
          gui->link_from = 0;
          tf_board_view_link_end (view);
          tf_board_view_announce (view);
          return TRUE;
        }
      if (stamp != NULL)
        {
          stamp_here (view, stamp);
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_Escape:
      if (gui->link_from == 0)
        return FALSE;
      link_from_set (view, 0);
      return TRUE;

    default:
      return FALSE;
    }
}

/* A letter typed with one actor, link or pool selected starts its new name
 * (F2 keeps the old one to edit); with nothing selected, the text becomes
 * a label (the type's capture kind), never a wall's note. */
static gboolean
actors_typed (TfBoardView *view,
              const char  *text)
{
  TfItem *item = focused_one (view);

  if (item == NULL || item->hidden ||
      (item->kind != &tf_stamp_kind && item->kind != &tf_link_kind && item->kind != &tf_pool_kind))
    return FALSE;
  tf_board_view_edit_item_with (view, item->id, text);
  return TRUE;
}

/* While a link is drawn from the keyboard: from where, and where the
 * keyboard is. */
static char *
actors_announce (TfBoardView *view)
{
  ActorsGui *gui = actors_gui (view);
  TfItem *from = gui != NULL && gui->link_from != 0 ? tf_scene_lookup (view->canvas.scene, gui->link_from) : NULL;
  TfItem *item = focused_one (view);
  g_autofree char *source = NULL;
  g_autofree char *here = NULL;

  if (from == NULL)
    return NULL;
  source = from->text != NULL && from->text[0] != '\0' ? tf_item_quote (from->text)
           : tf_item_describe (from, view->canvas.scene);
  if (item == NULL || item == from)
    /* TRANSLATORS: said by a screen reader while a link is drawn from the keyboard */
    return g_strdup_printf (_("Link from %s: go to the other actor, then press Return"), source);
  here = tf_item_describe (item, view->canvas.scene);
  return g_strdup_printf (_("Link from %s to %s? Return links them"), source, here);
}

static void
link_from_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  link_from_focused (user_data);
}

/* A secondary click on an actor, a link or a pool, or the Menu key and
 * Shift+F10 with the keyboard on one: what can be done to it. */
static gboolean
actors_context_menu (TfBoardView *view,
                     double       x,
                     double       y)
{
  ActorsGui *gui = actors_gui (view);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) first = g_menu_new ();
  g_autoptr(GMenu) last = g_menu_new ();
  GtkWidget *popover;
  TfItem *item;
  TfRect where;
  double bx, by;

  if (gui == NULL || !view->editable)
    return FALSE;
  tf_board_view_to_board (view, x, y, &bx, &by);
  item = tf_board_view_pick_item (view, bx, by);
  if (item == NULL)
    return FALSE;
  if (!tf_board_view_is_selected (view, item->id))
    tf_board_view_select (view, &item->id, 1);
  if (is_actor (item))
    {
      tf_widget_menu_append (first, _("_Rename"), "canvas.edit", "F2");
      tf_widget_menu_append (first, _("_Link to Another Actor"), "actors-keys.link-from", "<Control>l");
      tf_widget_menu_append (first, _("New _Pool Around the Selection"), "canvas.new-cluster", "<Control>g");
      tf_widget_menu_append (first, _("Arrange in _Rings Around It"), "actors.layout-rings", NULL);
    }
  else
    tf_widget_menu_append (first, _("_Rename"), "canvas.edit", "F2");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (first));
  tf_widget_menu_append (last, _("_Details"), "board.toggle-panel", "F9");
  tf_widget_menu_append (last, _("_Delete"), "canvas.delete", "Delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (last));

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  where = TF_RECT_INIT (bx, by, 1 / tf_board_view_get_zoom (view), 1 / tf_board_view_get_zoom (view));
  tf_view_popover_show (view, &gui->menu, popover, &where);
  return TRUE;
}

/* Tab on an actor map: the generic order (actors, the legend), each actor
 * followed by the links drawn from it, then the pools: every item the
 * keyboard can reach and a screen reader say, though links and pools
 * follow the actors and are not where Ctrl+arrows go. */
static GArray *
actors_reading_order (TfBoardView *view)
{
  g_autoptr(GArray) base = tf_board_view_reading_order (view);
  g_autoptr(GHashTable) from = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                      (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) pools = g_ptr_array_new ();
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *items;

  if (view->canvas.scene == NULL)
    return ids;
  items = tf_scene_get_items (view->canvas.scene);
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      const TfLinkData *link = item->kind == &tf_link_kind ? item->data : NULL;
      GArray *out;

      if (item->hidden)
        continue;
      if (item->kind == &tf_pool_kind)
        g_ptr_array_add (pools, item);
      if (link == NULL)
        continue;
      out = g_hash_table_lookup (from, &link->source);
      if (out == NULL)
        {
          out = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (from, (gpointer) &link->source, out);
        }
      g_array_append_val (out, item->id);
    }
  for (guint i = 0; i < base->len; i++)
    {
      gint64 id = g_array_index (base, gint64, i);
      GArray *out = g_hash_table_lookup (from, &id);

      g_array_append_val (ids, id);
      if (out != NULL)
        g_array_append_vals (ids, out->data, out->len);
    }
  tf_board_view_sort_reading (pools);
  for (guint i = 0; i < pools->len; i++)
    g_array_append_val (ids, ((TfItem *) g_ptr_array_index (pools, i))->id);
  return ids;
}

/* The board type. */

static void
actors_attach (TfBoardView *view)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  static const GActionEntry entries[] = {
    { "link-from", link_from_activated, NULL, NULL, NULL, { 0 } },
  };

  tf_board_view_set_actor_map (view, TRUE);
  g_object_set_data_full (G_OBJECT (view), ACTORS_GUI_KEY, g_new0 (ActorsGui, 1), actors_gui_free);
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), view);
  gtk_widget_insert_action_group (GTK_WIDGET (view), "actors-keys", G_ACTION_GROUP (group));
}

static void
actors_detach (TfBoardView *view)
{
  gtk_widget_insert_action_group (GTK_WIDGET (view), "actors-keys", NULL);
  g_object_set_data (G_OBJECT (view), ACTORS_GUI_KEY, NULL);
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

/* The Arrange menu of an actor map: pools and the layouts, no clusters. */
static const TfBoardMenuEntry actors_arrange[] = {
  { N_("New _Pool"), "canvas.new-cluster", "<Control>g" },
  { N_("_Rings Around Selected Actor"), "actors.layout-rings", NULL },
  { N_("Spread the _Network"), "actors.layout-spread", NULL },
  { NULL, NULL, NULL },
};

static const TfBoardTypeGui actor_map_gui = {
  .type_id = "actor-map",
  .action_prefix = "actors",
  .panel_type = actors_panel_type,
  .panel_tooltip = N_("Stamps and Details (F9)"),
  .shortcuts_section = "actors",
  .panel_open = TRUE,
  .empty_hint = actors_empty_hint,
  .typing_writes = FALSE,
  .capture_kind = TF_ACTOR_LABEL_KIND,
  .capture_label = N_("Write label"),
  .transfers_text = FALSE,
  .link_button = TRUE,
  .arrange_entries = actors_arrange,
  .attach = actors_attach,
  .detach = actors_detach,
  .group = actors_group,
  .n_groupable = actors_n_groupable,
  .key = actors_key,
  .typed = actors_typed,
  .context_menu = actors_context_menu,
  .announce = actors_announce,
  .reading_order = actors_reading_order,
};

void
tf_actor_gui_init (void)
{
  tf_board_type_gui_register (&actor_map_gui);
}
