/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

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

static guint
count_kind (TfBoardView *self,
            GArray      *ids,
            const char  *kind)
{
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->scene, g_array_index (ids, gint64, i));

      n += item != NULL && g_strcmp0 (item->kind_id, kind) == 0;
    }
  return n;
}

/* Zoom. */

static void
zoom_in_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);

  tf_board_view_set_zoom (self, self->zoom * TF_BOARD_VIEW_ZOOM_STEP);
}

static void
zoom_out_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);

  tf_board_view_set_zoom (self, self->zoom / TF_BOARD_VIEW_ZOOM_STEP);
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
  GPtrArray *items = tf_scene_get_items (self->scene);
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
  guint notes, n = ids->len;

  if (n == 0)
    return;
  notes = count_kind (self, ids, "note");
  if (!execute_owned (self, tf_command_delete_items ((const gint64 *) ids->data, n)))
    return;

  if (notes == n && cut)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u insight cut", "%u insights cut", n), n);
  else if (notes == n)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u insight deleted",
                                          "%u insights deleted", n), n);
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

static void
nudge_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, NULL);
  double dx = 0, dy = 0;

  g_variant_get (parameter, "(dd)", &dx, &dy);
  tf_board_view_move_items (self, (const gint64 *) ids->data, ids->len, dx, dy);
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
static TfRect *
bounds_of (TfBoardView *self,
           GArray      *ids)
{
  TfRect *rects = g_new0 (TfRect, MAX (ids->len, 1));

  for (guint i = 0; i < ids->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->scene, g_array_index (ids, gint64, i));

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
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, NULL);
  g_autofree TfRect *rects = NULL;
  const char *how = g_variant_get_string (parameter, NULL);

  for (guint w = 0; w < G_N_ELEMENTS (ways); w++)
    {
      if (!g_str_equal (how, ways[w].id))
        continue;
      rects = bounds_of (self, ids);
      tf_layout_align (rects, ids->len, ways[w].how);
      execute_owned (self, tf_command_set_bounds ((const gint64 *) ids->data, rects, ids->len,
                                                  _(ways[w].label)));
      return;
    }
}

/* Clusters. */

static void
new_cluster_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, "note");
  g_autofree TfRect *rects = NULL;
  g_autoptr(TfCommand) command = NULL;
  TfRect all = { 0 }, zone;

  /* On an actor map, Ctrl+G pools the selected actors. */
  if (ids->len == 0 && self->actor_map)
    {
      tf_board_view_new_pool (self);
      return;
    }
  if (ids->len == 0)
    return;
  rects = bounds_of (self, ids);
  for (guint i = 0; i < ids->len; i++)
    all = tf_rect_union (&all, &rects[i]);
  zone = TF_RECT_INIT (all.x - TF_LAYOUT_ZONE_PADDING,
                       all.y - TF_LAYOUT_ZONE_TITLE,
                       all.width + 2 * TF_LAYOUT_ZONE_PADDING,
                       all.height + TF_LAYOUT_ZONE_TITLE + TF_LAYOUT_ZONE_PADDING);

  command = tf_command_cluster_items (self->board_id, (const gint64 *) ids->data, ids->len, &zone,
                                      _("Cluster"), "{\"color\":\"sky\"}");
  if (tf_board_view_execute (self, command))
    {
      gint64 zone_id = tf_command_get_result_id (command);

      tf_board_view_select (self, &zone_id, 1);
    }
}

/* The notes of a zone's cluster, visible ones, zone first. */
static void
collect_cluster (TfBoardView *self,
                 TfItem      *zone,
                 GArray      *ids,
                 GArray      *rects)
{
  GPtrArray *items = tf_scene_get_items (self->scene);

  g_array_append_val (ids, zone->id);
  g_array_append_val (rects, zone->bounds);
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (item->parent_id == zone->id && !item->hidden)
        {
          g_array_append_val (ids, item->id);
          g_array_append_val (rects, item->bounds);
        }
    }
}

static void
tidy_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  g_autoptr(GArray) zones = tf_board_view_selected_ids (self, "zone");
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));

  for (guint z = 0; z < zones->len; z++)
    {
      TfItem *zone = tf_scene_lookup (self->scene, g_array_index (zones, gint64, z));
      guint first = ids->len;

      if (zone == NULL)
        continue;
      collect_cluster (self, zone, ids, rects);
      tf_layout_tidy_zone (&g_array_index (rects, TfRect, first), rects->len - first);
    }
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

  tf_layout_arrange_all (self->scene, ids, rects);
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

/* Ranking. */

static void
vote_by (TfBoardView *self,
         int          delta)
{
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, "note");

  if (ids->len > 0)
    execute_owned (self, tf_command_vote ((const gint64 *) ids->data, ids->len, delta));
}

static void
vote_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  vote_by (view_of (user_data), 1);
}

static void
unvote_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  vote_by (view_of (user_data), -1);
}

static void
star_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, "note");
  gboolean all_starred = ids->len > 0;

  for (guint i = 0; i < ids->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->scene, g_array_index (ids, gint64, i));
      const TfNoteData *data = item->data;

      all_starred = all_starred && data != NULL && data->star;
    }
  if (ids->len > 0)
    execute_owned (self, tf_command_set_payload_key ((const gint64 *) ids->data, ids->len, "star",
                                                     all_starred ? "false" : "true",
                                                     all_starred ? _("Remove the star")
                                                                 : _("Star as a key insight")));
}

static void
retire_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, "note");
  g_autofree char *title = NULL;

  if (ids->len == 0 ||
      !execute_owned (self, tf_command_set_payload_key ((const gint64 *) ids->data, ids->len,
                                                        "retired", "true",
                                                        g_dngettext (GETTEXT_PACKAGE,
                                                                     "Retire an insight",
                                                                     "Retire insights", ids->len))))
    return;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u insight retired from the wall",
                                        "%u insights retired from the wall", ids->len),
                           ids->len);
  tf_board_view_show_toast (self, title, TRUE);
}

static void
restore_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  gint64 id = g_variant_get_int64 (parameter);

  if (execute_owned (self, tf_command_set_payload_key (&id, 1, "retired", "false",
                                                       _("Put an insight back on the wall"))))
    {
      tf_board_view_select (self, &id, 1);
      tf_board_view_reveal_item (self, id);
    }
}

static void
set_color_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, "note");
  const TfNoteColor *color = tf_note_color_lookup (g_variant_get_string (parameter, NULL));
  g_autofree char *json = NULL;

  if (color == NULL)
    return;
  /* The next notes written take the colour last chosen. */
  g_free (self->capture_color);
  self->capture_color = g_strdup (color->id);
  if (ids->len == 0)
    return;
  json = g_strdup_printf ("\"%s\"", color->id);
  execute_owned (self, tf_command_set_style_key ((const gint64 *) ids->data, ids->len, "color", json,
                                                 _("Change colour")));
}

static void
set_size_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TfBoardView *self = view_of (user_data);
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, "note");
  g_autofree TfRect *rects = NULL;
  g_autofree char *json = NULL;
  TfNoteSize size;
  double side;

  if (ids->len == 0 || !tf_note_size_from_string (g_variant_get_string (parameter, NULL), &size))
    return;
  side = tf_note_size_get_side (size);
  rects = bounds_of (self, ids);
  /* Each note grows or shrinks around its centre. */
  for (guint i = 0; i < ids->len; i++)
    {
      rects[i].x += (rects[i].width - side) / 2;
      rects[i].y += (rects[i].height - side) / 2;
      rects[i].width = rects[i].height = side;
    }
  json = g_strdup_printf ("\"%s\"", tf_note_size_to_id (size));
  execute_owned (self, tf_command_set_bounds_and_style_key ((const gint64 *) ids->data, rects,
                                                            ids->len, "size", json,
                                                            _("Change size")));
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
  { "vote", vote_activated, NULL, NULL, NULL, { 0 } },
  { "unvote", unvote_activated, NULL, NULL, NULL, { 0 } },
  { "star", star_activated, NULL, NULL, NULL, { 0 } },
  { "retire", retire_activated, NULL, NULL, NULL, { 0 } },
  { "restore", restore_activated, "x", NULL, NULL, { 0 } },
  { "set-color", set_color_activated, "s", NULL, NULL, { 0 } },
  { "set-size", set_size_activated, "s", NULL, NULL, { 0 } },
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
  guint n = self->selection->len;
  guint notes = 0, zones = 0, actors = 0;

  if (self->actions == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      TfItem *item = tf_scene_lookup (self->scene, g_array_index (self->selection, gint64, i));

      notes += item != NULL && item->kind == &tf_note_kind;
      zones += item != NULL && item->kind == &tf_zone_kind;
      actors += item != NULL && item->kind == &tf_stamp_kind;
    }

  enable (self, "zoom-in", board);
  enable (self, "zoom-out", board);
  enable (self, "zoom-reset", board);
  enable (self, "zoom-fit", board);
  enable (self, "zoom-selection", board);
  enable (self, "select-all", look && !self->empty);
  enable (self, "select-none", look && n > 0);
  enable (self, "delete", idle && n > 0);
  enable (self, "duplicate", idle && n > 0);
  enable (self, "copy", look && n > 0);
  enable (self, "cut", idle && n > 0);
  enable (self, "paste", idle);
  enable (self, "nudge", idle && n > 0);
  enable (self, "raise", idle && n > 0);
  enable (self, "lower", idle && n > 0);
  enable (self, "raise-to-top", idle && n > 0);
  enable (self, "lower-to-bottom", idle && n > 0);
  enable (self, "align", idle && n >= 2);
  enable (self, "distribute", idle && n >= 3);
  enable (self, "new-cluster", idle && (notes > 0 || (self->actor_map && actors > 0)));
  enable (self, "tidy", idle && zones > 0);
  enable (self, "arrange-all", idle && !self->empty);
  enable (self, "edit", idle);
  enable (self, "vote", idle && notes > 0);
  enable (self, "unvote", idle && notes > 0);
  enable (self, "star", idle && notes > 0);
  enable (self, "retire", idle && notes > 0);
  enable (self, "restore", board && self->editable);
  enable (self, "set-color", board && self->editable);
  enable (self, "set-size", idle && notes > 0);
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
 * starts a new note, Escape goes back to the experiment. */
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
    { GDK_KEY_Escape, 0, "canvas.select-none" },
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
    { GDK_KEY_v, 0, "canvas.vote" },
    { GDK_KEY_V, GDK_SHIFT_MASK, "canvas.unvote" },
    { GDK_KEY_s, 0, "canvas.star" },
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
