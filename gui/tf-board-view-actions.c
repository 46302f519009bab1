/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#define G_LOG_DOMAIN "tf-board-view"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-item-kinds.h"
#include "insights/tf-note-kind.h"
#include "stamps/tf-actor-items.h"
#include "insights/tf-insight.h"
#include "tf-board-view-private.h"

/* The "canvas.*" actions: one undoable command each, through the window's
 * history. They live in an action group of the view's own, so that menus
 * outside the view (the board's header bar) reach them too; their keys are
 * bound in class_init below. */

#define NUDGE_STEP     10.0
#define NUDGE_BIG_STEP 100.0
#define PASTE_OFFSET   40.0

static TfBoardView *
view_of (gpointer user_data)
{
  return TF_BOARD_VIEW (user_data);
}

static gboolean
execute_owned (TfBoardView *self,
               TfCommand   *command)
{
  g_autoptr(TfCommand) owned = command;

  return tf_board_view_execute (self, owned);
}

const char *
tf_board_view_capture_kind (TfBoardView *self)
{
  return tf_board_type_gui_capture_kind (self->type_gui);
}

gboolean
tf_board_view_execute_owned (TfBoardView *self,
                             TfCommand   *command)
{
  return execute_owned (self, command);
}

gboolean
tf_board_view_move_items (TfBoardView  *self,
                          const gint64 *ids,
                          guint         n_ids,
                          double        dx,
                          double        dy)
{
  if (n_ids == 0 || (dx == 0 && dy == 0))
    return FALSE;
  return execute_owned (self, tf_command_move_items (ids, n_ids, dx, dy));
}

static void
select_created (TfBoardView *self,
                TfCommand   *command)
{
  guint n = 0;
  const gint64 *ids = tf_item_command_get_ids (command, &n);

  tf_board_view_select (self, ids, n);
}

/* Zoom. */

/* + and − zoom around the selection's middle when it is on show, so that
 * what the facilitator works on stays in view; else around the view's. */
static void
zoom_step (TfBoardView *self,
           double       zoom)
{
  TfRect bounds = tf_board_view_selection_bounds (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x, y;

  if (!tf_rect_is_empty (&bounds) && width > 0 && height > 0)
    {
      tf_board_view_to_widget (self, bounds.x + bounds.width / 2, bounds.y + bounds.height / 2, &x, &y);
      if (x >= 0 && x <= width && y >= 0 && y <= height)
        {
          tf_board_view_stop_animation (self);
          tf_board_view_zoom_at (self, zoom, x, y);
          return;
        }
    }
  tf_board_view_set_zoom (self, zoom);
}

static void
zoom_in_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);

  zoom_step (self, self->canvas.zoom * TF_BOARD_VIEW_ZOOM_STEP);
}

static void
zoom_out_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);

  zoom_step (self, self->canvas.zoom / TF_BOARD_VIEW_ZOOM_STEP);
}

static void
zoom_reset_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  tf_board_view_set_zoom (view_of (user_data), 1.0);
}

static void
zoom_fit_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  tf_board_view_fit_all (view_of (user_data), TRUE);
}

static void
zoom_selection_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  TfRect bounds = tf_board_view_selection_bounds (self);

  /* Like the other digits, "3" is never the start of a note. */
  if (tf_rect_is_empty (&bounds))
    tf_board_view_fit_all (self, TRUE);
  else
    tf_board_view_animate_to (self, &bounds, 2.0);
}

/* Selection. */

static void
select_all_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  GPtrArray *items = tf_scene_get_items (self->canvas.scene);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), items->len);

  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (!item->hidden)
        g_array_append_val (ids, item->id);
    }
  tf_board_view_select (self, (const gint64 *) ids->data, ids->len);
}

static void
select_none_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  tf_board_view_clear_selection (view_of (user_data));
}

/* Editing. */

void
tf_board_view_delete_selection (TfBoardView *self,
                                gboolean     cut)
{
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, NULL);
  g_autofree char *title = NULL;
  guint n = ids->len;

  if (n == 0)
    return;
  /* The board type may name what goes (“3 insights deleted”). */
  if (self->type_gui != NULL && self->type_gui->removal_title != NULL)
    title = self->type_gui->removal_title (self, ids, cut);
  if (!execute_owned (self, tf_command_delete_items ((const gint64 *) ids->data, n)))
    return;

  if (title != NULL)
    ;
  else if (cut)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item cut", "%u items cut", n), n);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item deleted", "%u items deleted", n), n);
  tf_board_view_show_toast (self, title, TRUE);
}

static void
delete_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  tf_board_view_delete_selection (view_of (user_data), FALSE);
}

static void
duplicate_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, NULL);
  g_autoptr(TfCommand) command = NULL;

  if (ids->len == 0)
    return;
  command = tf_command_duplicate_items ((const gint64 *) ids->data, ids->len, PASTE_OFFSET, PASTE_OFFSET);
  if (tf_board_view_execute (self, command))
    select_created (self, command);
}

/* The last arrow-key move and what it moved, to merge the next one in. */
#define NUDGE_KEY "tf-last-nudge"
#define NUDGE_IDS_KEY "tf-last-nudge-ids"

static void
nudge_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, NULL);
  double dx = 0, dy = 0;

  g_autoptr(TfCommand) command = NULL;
  TfCommand *last = g_object_get_data (G_OBJECT (self), NUDGE_KEY);
  const GArray *last_ids = g_object_get_data (G_OBJECT (self), NUDGE_IDS_KEY);

  g_variant_get (parameter, "(dd)", &dx, &dy);
  if (ids->len == 0 || (dx == 0 && dy == 0))
    return;
  command = tf_command_move_items ((const gint64 *) ids->data, ids->len, dx, dy);
  if (!tf_board_view_execute (self, command))
    return;
  /* Arrow after arrow on the same selection: one undo step. The fold
   * fails (and changes nothing) when anything else was done between. */
  if (last != NULL && last_ids != NULL && last_ids->len == ids->len &&
      memcmp (last_ids->data, ids->data, ids->len * sizeof (gint64)) == 0 &&
      tf_history_fold (self->history, last, NULL))
    return;
  g_object_set_data_full (G_OBJECT (self), NUDGE_KEY, g_object_ref (command), g_object_unref);
  g_object_set_data_full (G_OBJECT (self), NUDGE_IDS_KEY, g_array_ref (ids), (GDestroyNotify) g_array_unref);
}

static void
restack (TfBoardView *self,
         TfRestack    how)
{
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, NULL);

  if (ids->len > 0)
    execute_owned (self, tf_command_restack ((const gint64 *) ids->data, ids->len, how));
}

static void
raise_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  restack (view_of (user_data), TF_RESTACK_RAISE);
}

static void
lower_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  restack (view_of (user_data), TF_RESTACK_LOWER);
}

static void
raise_to_top_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  restack (view_of (user_data), TF_RESTACK_TOP);
}

static void
lower_to_bottom_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  restack (view_of (user_data), TF_RESTACK_BOTTOM);
}

/* The bounds of @ids, for layout functions. */
TfRect *
tf_board_view_bounds_of (TfBoardView *self,
                         GArray      *ids)
{
  TfRect *rects = g_new0 (TfRect, MAX (ids->len, 1));

  for (guint i = 0; i < ids->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (ids, gint64, i));

      if (item != NULL)
        rects[i] = item->bounds;
    }
  return rects;
}

static void
align_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  static const struct { const char *id; TfAlign how; const char *label; } ways[] = {
    { "left", TF_ALIGN_LEFT, N_("Align left edges") },
    { "center", TF_ALIGN_CENTER, N_("Align centres") },
    { "right", TF_ALIGN_RIGHT, N_("Align right edges") },
    { "top", TF_ALIGN_TOP, N_("Align top edges") },
    { "middle", TF_ALIGN_MIDDLE, N_("Align middles") },
    { "bottom", TF_ALIGN_BOTTOM, N_("Align bottom edges") },
    { "horizontal", TF_DISTRIBUTE_HORIZONTAL, N_("Distribute horizontally") },
    { "vertical", TF_DISTRIBUTE_VERTICAL, N_("Distribute vertically") },
  };
  TfBoardView *self = view_of (user_data);
  g_autoptr(GArray) selection = tf_board_view_selected_ids (self, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
  const char *how = g_variant_get_string (parameter, NULL);

  for (guint w = 0; w < G_N_ELEMENTS (ways); w++)
    {
      if (!g_str_equal (how, ways[w].id))
        continue;
      tf_layout_align_items (self->canvas.scene, (const gint64 *) selection->data, selection->len,
                             ways[w].how, ids, rects);
      if (ids->len > 0)
        execute_owned (self, tf_command_set_bounds ((const gint64 *) ids->data,
                                                    (const TfRect *) rects->data, ids->len,
                                                    _(ways[w].label)));
      return;
    }
}

/* Clusters. */

/* Ctrl+G groups the selection the board type's way: a cluster of notes
 * on a wall, a pool of actors on an actor map. */
static void
new_cluster_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);

  if (self->type_gui != NULL && self->type_gui->group != NULL)
    self->type_gui->group (self);
}

static void
tidy_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  g_autoptr(GArray) zones = tf_board_view_selected_filtered (self, tf_board_view_is_tidy_container);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));

  tf_layout_tidy_zones (self->canvas.scene, (const gint64 *) zones->data, zones->len, ids, rects);
  if (ids->len > 0)
    execute_owned (self, tf_command_set_bounds ((const gint64 *) ids->data,
                                                (const TfRect *) rects->data, ids->len,
                                                _("Tidy cluster")));
}

static void
arrange_all_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));

  tf_layout_arrange_all (self->canvas.scene, ids, rects);
  if (ids->len > 0 &&
      execute_owned (self, tf_command_set_bounds ((const gint64 *) ids->data,
                                                  (const TfRect *) rects->data, ids->len,
                                                  _("Arrange all"))))
    tf_board_view_fit_all (self, TRUE);
}

/* Text. */

static void
edit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);

  if (self->selection->len == 1)
    tf_board_view_edit_item (self, g_array_index (self->selection, gint64, 0));
  else
    tf_board_view_start_capture (self, "");
}

static void
copy_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  tf_board_view_copy (view_of (user_data));
}

static void
cut_activated (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);

  if (tf_board_view_copy (self))
    tf_board_view_delete_selection (self, TRUE);
}

static void
paste_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  tf_board_view_paste (view_of (user_data));
}

static const GActionEntry entries[] = {
  { "zoom-in", zoom_in_activated, NULL, NULL, NULL, { 0 } },
  { "zoom-out", zoom_out_activated, NULL, NULL, NULL, { 0 } },
  { "zoom-reset", zoom_reset_activated, NULL, NULL, NULL, { 0 } },
  { "zoom-fit", zoom_fit_activated, NULL, NULL, NULL, { 0 } },
  { "zoom-selection", zoom_selection_activated, NULL, NULL, NULL, { 0 } },
  { "select-all", select_all_activated, NULL, NULL, NULL, { 0 } },
  { "select-none", select_none_activated, NULL, NULL, NULL, { 0 } },
  { "delete", delete_activated, NULL, NULL, NULL, { 0 } },
  { "duplicate", duplicate_activated, NULL, NULL, NULL, { 0 } },
  { "copy", copy_activated, NULL, NULL, NULL, { 0 } },
  { "cut", cut_activated, NULL, NULL, NULL, { 0 } },
  { "paste", paste_activated, NULL, NULL, NULL, { 0 } },
  { "nudge", nudge_activated, "(dd)", NULL, NULL, { 0 } },
  { "raise", raise_activated, NULL, NULL, NULL, { 0 } },
  { "lower", lower_activated, NULL, NULL, NULL, { 0 } },
  { "raise-to-top", raise_to_top_activated, NULL, NULL, NULL, { 0 } },
  { "lower-to-bottom", lower_to_bottom_activated, NULL, NULL, NULL, { 0 } },
  { "align", align_activated, "s", NULL, NULL, { 0 } },
  { "distribute", align_activated, "s", NULL, NULL, { 0 } },
  { "new-cluster", new_cluster_activated, NULL, NULL, NULL, { 0 } },
  { "tidy", tidy_activated, NULL, NULL, NULL, { 0 } },
  { "arrange-all", arrange_all_activated, NULL, NULL, NULL, { 0 } },
  { "edit", edit_activated, NULL, NULL, NULL, { 0 } },
};

static void
enable (TfBoardView *self,
        const char  *name,
        gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
tf_board_view_update_actions (TfBoardView *self)
{
  gboolean board = self->board_id != 0;
  gboolean look = board && !tf_board_view_get_editing (self);
  /* What changes the board; looking, selecting and copying stay. */
  gboolean idle = look && self->editable;
  gboolean free_layout = self->type_gui == NULL || !self->type_gui->fixed_layout;
  guint n = self->selection->len;
  guint groupable = 0, containers = 0;
  GHashTableIter iter;
  gpointer value;

  if (self->actions == NULL)
    return;

  for (guint i = 0; i < n; i++)
    containers += tf_board_view_is_tidy_container (self, tf_scene_lookup (self->canvas.scene,
                                                                     g_array_index (self->selection, gint64, i)));
  if (self->type_gui != NULL && self->type_gui->n_groupable != NULL)
    groupable = self->type_gui->n_groupable (self);

  enable (self, "zoom-in", board);
  enable (self, "zoom-out", board);
  enable (self, "zoom-reset", board);
  enable (self, "zoom-fit", board);
  enable (self, "zoom-selection", board);
  enable (self, "select-all", look && !self->canvas.empty);
  enable (self, "select-none", look && n > 0);
  enable (self, "delete", idle && n > 0);
  enable (self, "duplicate", idle && n > 0);
  enable (self, "copy", look && n > 0);
  enable (self, "cut", idle && n > 0);
  enable (self, "paste", idle);
  enable (self, "nudge", idle && n > 0);
  enable (self, "raise", free_layout && idle && n > 0);
  enable (self, "lower", free_layout && idle && n > 0);
  enable (self, "raise-to-top", free_layout && idle && n > 0);
  enable (self, "lower-to-bottom", free_layout && idle && n > 0);
  enable (self, "align", free_layout && idle && n >= 2);
  enable (self, "distribute", free_layout && idle && n >= 3);
  enable (self, "new-cluster", idle && groupable > 0);
  enable (self, "tidy", free_layout && idle && containers > 0);
  enable (self, "arrange-all", free_layout && idle && !self->canvas.empty);
  enable (self, "edit", idle);

  /* The board type's own actions. */
  if (self->extra_actions != NULL)
    {
      g_hash_table_iter_init (&iter, self->extra_actions);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          TfViewActions *extra = value;

          if (extra->update != NULL)
            extra->update (self, extra->group);
        }
    }
}

static void
view_actions_free (gpointer data)
{
  TfViewActions *extra = data;

  g_object_unref (extra->group);
  g_free (extra);
}

void
tf_board_view_add_actions (TfBoardView         *self,
                           const char          *prefix,
                           GActionGroup        *group,
                           TfViewActionsUpdate  update)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  if (self->extra_actions == NULL)
    self->extra_actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, view_actions_free);
  gtk_widget_insert_action_group (GTK_WIDGET (self), prefix, group);
  if (group == NULL)
    {
      g_hash_table_remove (self->extra_actions, prefix);
      return;
    }
  else
    {
      TfViewActions *extra = g_new0 (TfViewActions, 1);

      extra->group = g_object_ref (group);
      extra->update = update;
      g_hash_table_replace (self->extra_actions, g_strdup (prefix), extra);
      if (update != NULL)
        update (self, group);
    }
}

GActionGroup *
tf_board_view_lookup_actions (TfBoardView *self,
                              const char  *prefix)
{
  TfViewActions *extra = self->extra_actions != NULL ? g_hash_table_lookup (self->extra_actions, prefix) : NULL;

  return extra != NULL ? extra->group : NULL;
}

void
tf_board_view_set_type_gui (TfBoardView          *self,
                            const TfBoardTypeGui *gui)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  if (self->type_gui == gui)
    return;
  tf_board_view_cancel_tool (self);
  if (self->type_gui != NULL && self->type_gui->detach != NULL)
    self->type_gui->detach (self);
  self->type_gui = gui;
  tf_canvas_view_set_open_zoom (TF_CANVAS_VIEW (self), gui != NULL ? gui->open_zoom : 0.0);
  if (gui != NULL && gui->attach != NULL)
    gui->attach (self);
  tf_board_view_update_actions (self);  tf_board_view_announce (self);
}

void
tf_board_view_init_actions (TfBoardView *self)
{
  g_autoptr(GPropertyAction) snap = NULL;

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  snap = g_property_action_new ("snap-to-grid", self, "snap-to-grid");
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (snap));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "canvas", G_ACTION_GROUP (self->actions));
  tf_board_view_update_actions (self);
}

/* Keys of the board, active while it has the keyboard focus. A key whose
 * action does not apply (nothing selected, say) goes on: a letter then
 * starts a new note. Escape (tf-board-view-input.c) clears the
 * selection, then the tool, and never leaves the board. */
void
tf_board_view_class_init_keys (GtkWidgetClass *widget_class)
{
  static const struct {
    guint keyval;
    GdkModifierType mods;
    const char *action;
  } keys[] = {
    { GDK_KEY_plus, 0, "canvas.zoom-in" },
    { GDK_KEY_equal, 0, "canvas.zoom-in" },
    { GDK_KEY_KP_Add, 0, "canvas.zoom-in" },
    { GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in" },
    { GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in" },
    { GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in" },
    { GDK_KEY_minus, 0, "canvas.zoom-out" },
    { GDK_KEY_KP_Subtract, 0, "canvas.zoom-out" },
    { GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out" },
    { GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out" },
    { GDK_KEY_0, 0, "canvas.zoom-fit" },
    { GDK_KEY_KP_0, 0, "canvas.zoom-fit" },
    { GDK_KEY_1, 0, "canvas.zoom-reset" },
    { GDK_KEY_KP_1, 0, "canvas.zoom-reset" },
    { GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-reset" },
    { GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-reset" },
    { GDK_KEY_3, 0, "canvas.zoom-selection" },
    { GDK_KEY_KP_3, 0, "canvas.zoom-selection" },
    { GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all" },
    { GDK_KEY_Delete, 0, "canvas.delete" },
    { GDK_KEY_KP_Delete, 0, "canvas.delete" },
    { GDK_KEY_BackSpace, 0, "canvas.delete" },
    { GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate" },
    { GDK_KEY_c, GDK_CONTROL_MASK, "canvas.copy" },
    { GDK_KEY_x, GDK_CONTROL_MASK, "canvas.cut" },
    { GDK_KEY_v, GDK_CONTROL_MASK, "canvas.paste" },
    { GDK_KEY_bracketright, GDK_CONTROL_MASK, "canvas.raise" },
    { GDK_KEY_bracketleft, GDK_CONTROL_MASK, "canvas.lower" },
    { GDK_KEY_bracketright, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.raise-to-top" },
    { GDK_KEY_braceright, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.raise-to-top" },
    { GDK_KEY_bracketleft, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.lower-to-bottom" },
    { GDK_KEY_braceleft, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "canvas.lower-to-bottom" },
    { GDK_KEY_g, GDK_CONTROL_MASK, "canvas.new-cluster" },
    { GDK_KEY_F2, 0, "canvas.edit" },
    { GDK_KEY_Return, 0, "canvas.edit" },
    { GDK_KEY_KP_Enter, 0, "canvas.edit" },
    { GDK_KEY_v, 0, "wall.vote" },
    { GDK_KEY_V, GDK_SHIFT_MASK, "wall.unvote" },
    { GDK_KEY_s, 0, "wall.star" },
    { GDK_KEY_t, GDK_CONTROL_MASK, "wall.fit-text" },
  };
  static const struct {
    guint keyval;
    double dx, dy;
  } arrows[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
    { GDK_KEY_KP_Left, -1, 0 }, { GDK_KEY_KP_Right, 1, 0 }, { GDK_KEY_KP_Up, 0, -1 }, { GDK_KEY_KP_Down, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding_action (widget_class, keys[i].keyval, keys[i].mods,
                                         keys[i].action, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, arrows[i].keyval, 0, "canvas.nudge", "(dd)",
                                           arrows[i].dx * NUDGE_STEP, arrows[i].dy * NUDGE_STEP);
      gtk_widget_class_add_binding_action (widget_class, arrows[i].keyval, GDK_SHIFT_MASK,
                                           "canvas.nudge", "(dd)",
                                           arrows[i].dx * NUDGE_BIG_STEP, arrows[i].dy * NUDGE_BIG_STEP);
    }
}
