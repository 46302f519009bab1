/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <glib/gi18n.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-item-kinds.h"
#include "canvas/tf-layout.h"
#include "canvas/tf-text-fit.h"
#include "canvas/tf-zone-kind.h"
#include "gui/tf-board-view-private.h"
#include "gui/tf-view-popover.h"
#include "gui/tf-widget-util.h"
#include "insights/tf-insight.h"
#include "insights/tf-note-kind.h"
#include "tf-insight-gui.h"
#include "tf-insight-panel.h"

/* The insight wall on the board editor: its actions (wall.*), kept apart
 * from the generic canvas.* ones, its clusters (Ctrl+G) and its panel.
 * Here the wing names its own kinds. */

static gboolean
is_note (TfBoardView  *self,
         const TfItem *item)
{
  return item != NULL && g_strcmp0 (item->kind_id, "note") == 0;
}

static GArray *
selected_notes (TfBoardView *self)
{
  return tf_board_view_selected_filtered (self, is_note);
}

static void
vote_by (TfBoardView *self,
         int          delta)
{
  g_autoptr(GArray) ids = selected_notes (self);

  if (ids->len > 0)
    tf_board_view_execute_owned (self, tf_command_vote ((const gint64 *) ids->data, ids->len, delta));
}

static void
vote_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  vote_by (user_data, 1);
}

static void
unvote_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  vote_by (user_data, -1);
}

static void
star_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TfBoardView *self = user_data;
  g_autoptr(GArray) ids = selected_notes (self);
  gboolean all_starred = ids->len > 0;

  for (guint i = 0; i < ids->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (ids, gint64, i));
      const TfNoteData *data = item->data;

      all_starred = all_starred && data != NULL && data->star;
    }
  if (ids->len > 0)
    tf_board_view_execute_owned (self, tf_command_set_payload_key ((const gint64 *) ids->data, ids->len,
                                                                   "star",
                                                                   all_starred ? "false" : "true",
                                                                   all_starred ? _("Remove the star")
                                                                   : _("Star as a key insight")));
}

static void
retire_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TfBoardView *self = user_data;
  g_autoptr(GArray) ids = selected_notes (self);
  g_autofree char *title = NULL;

  if (ids->len == 0 ||
      !tf_board_view_execute_owned (self, tf_command_set_payload_key ((const gint64 *) ids->data, ids->len,
                                                                      "retired", "true",
                                                                      g_dngettext (GETTEXT_PACKAGE,
                                                                                   "Retire an insight",
                                                                                   "Retire insights",
                                                                                   ids->len))))
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
  TfBoardView *self = user_data;
  gint64 id = g_variant_get_int64 (parameter);

  if (tf_board_view_execute_owned (self, tf_command_set_payload_key (&id, 1, "retired", "false",
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
  TfBoardView *self = user_data;
  g_autoptr(GArray) ids = selected_notes (self);
  const TfNoteColor *color = tf_note_color_lookup (g_variant_get_string (parameter, NULL));
  g_autofree char *json = NULL;

  if (color == NULL)
    return;
  /* A colour chosen with no note selected is the one the next notes are
   * written in, for the session; colouring notes leaves it as it was. */
  if (ids->len == 0)
    {
      g_free (self->capture_color);
      self->capture_color = g_strdup (color->id);
      return;
    }
  json = g_strdup_printf ("\"%s\"", color->id);
  tf_board_view_execute_owned (self, tf_command_set_style_key ((const gint64 *) ids->data, ids->len,
                                                               "color", json, _("Change colour")));
}

/* The new bounds of @ids, each note @sides[i] square around its centre,
 * slid where it hides nothing (tf_layout_clear_overlaps()). */
static GArray *
resized_bounds (TfBoardView  *self,
                const GArray *ids,
                const double *sides)
{
  g_autofree TfRect *old = tf_board_view_bounds_of (self, (GArray *) ids);
  g_autoptr(GArray) moved = g_array_copy ((GArray *) ids);
  GArray *rects = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), ids->len);

  for (guint i = 0; i < ids->len; i++)
    {
      TfRect r = TF_RECT_INIT (old[i].x + (old[i].width - sides[i]) / 2,
                               old[i].y + (old[i].height - sides[i]) / 2, sides[i], sides[i]);

      g_array_append_val (rects, r);
    }
  tf_layout_clear_overlaps (self->canvas.scene, moved, rects, TF_LAYOUT_SLIDE_ANY);
  /* Only notes move, and no cluster: nothing is appended. */
  g_array_set_size (rects, ids->len);
  return rects;
}

static void
set_size_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TfBoardView *self = user_data;
  g_autoptr(GArray) ids = selected_notes (self);
  g_autoptr(GArray) rects = NULL;
  g_autofree double *sides = NULL;
  g_autofree char *json = NULL;
  TfNoteSize size;

  if (ids->len == 0 || !tf_note_size_from_string (g_variant_get_string (parameter, NULL), &size))
    return;
  sides = g_new (double, ids->len);
  for (guint i = 0; i < ids->len; i++)
    sides[i] = tf_note_size_get_side (size);
  /* Each note grows or shrinks around its centre, and hides no other. */
  rects = resized_bounds (self, ids, sides);
  json = g_strdup_printf ("\"%s\"", tf_note_size_to_id (size));
  tf_board_view_execute_owned (self, tf_command_set_bounds_and_style_key ((const gint64 *) ids->data,
                                                                          (const TfRect *) rects->data,
                                                                          ids->len, "size", json,
                                                                          _("Change size")));
}

/* Ctrl+T, "Fit to Text": each selected note takes the side at which its
 * quote is whole at the legible size, never smaller than a Medium note (a
 * short quote on a big note goes back to Medium), around its centre, slid
 * where it hides no other item. One undo step for the selection. */
static void
fit_text_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TfBoardView *self = user_data;
  g_autoptr(GArray) ids = selected_notes (self);
  PangoContext *pango;
  g_autoptr(GArray) rects = NULL;
  g_autofree double *sides = NULL;
  gboolean changed = FALSE;

  if (ids->len == 0)
    return;
  pango = tf_text_context_new ();
  sides = g_new (double, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      const TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (ids, gint64, i));

      sides[i] = tf_item_kind_side_for_text (item->kind, item, pango, item->text, TF_NOTE_MEDIUM_SIDE,
                                             TF_NOTE_FIT_MAX_SIDE);
    }
  g_object_unref (pango);
  rects = resized_bounds (self, ids, sides);
  for (guint i = 0; i < ids->len; i++)
    {
      const TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (ids, gint64, i));

      const TfRect *r = &g_array_index (rects, TfRect, i);

      changed = changed || r->x != item->bounds.x || r->y != item->bounds.y ||
                r->width != item->bounds.width || r->height != item->bounds.height;
    }
  if (changed)
    tf_board_view_execute_owned (self, tf_command_set_bounds ((const gint64 *) ids->data,
                                                              (const TfRect *) rects->data, ids->len,
                                                              _("Fit to Text")));
}

static const GActionEntry wall_entries[] = {
  { "vote", vote_activated, NULL, NULL, NULL, { 0 } },
  { "unvote", unvote_activated, NULL, NULL, NULL, { 0 } },
  { "star", star_activated, NULL, NULL, NULL, { 0 } },
  { "retire", retire_activated, NULL, NULL, NULL, { 0 } },
  { "restore", restore_activated, "x", NULL, NULL, { 0 } },
  { "set-color", set_color_activated, "s", NULL, NULL, { 0 } },
  { "set-size", set_size_activated, "s", NULL, NULL, { 0 } },
  { "fit-text", fit_text_activated, NULL, NULL, NULL, { 0 } },
};

static void
update_wall_actions (TfBoardView  *self,
                     GActionGroup *group)
{
  gboolean board = self->board_id != 0;
  gboolean idle = board && !tf_board_view_get_editing (self) && self->editable;
  g_autoptr(GArray) notes = selected_notes (self);
  struct { const char *name; gboolean enabled; } states[] = {
    { "vote", idle && notes->len > 0 },
    { "unvote", idle && notes->len > 0 },
    { "star", idle && notes->len > 0 },
    { "retire", idle && notes->len > 0 },
    { "restore", board && self->editable },
    { "set-color", board && self->editable },
    { "set-size", idle && notes->len > 0 },
    { "fit-text", idle && notes->len > 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (group), states[i].name);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), states[i].enabled);
    }
}

/* The wall's menu on the view, kept on it while the wall shows. */
typedef struct {
  GtkWidget *menu;
} WallGui;

#define WALL_GUI_KEY "tf-wall-gui"

static void
wall_gui_free (gpointer data)
{
  WallGui *gui = data;

  tf_view_popover_clear (&gui->menu);
  g_free (gui);
}

static void
wall_attach (TfBoardView *view)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), wall_entries, G_N_ELEMENTS (wall_entries), view);
  tf_board_view_add_actions (view, "wall", G_ACTION_GROUP (group), update_wall_actions);
  g_object_set_data_full (G_OBJECT (view), WALL_GUI_KEY, g_new0 (WallGui, 1), wall_gui_free);
}

static void
wall_detach (TfBoardView *view)
{
  tf_board_view_add_actions (view, "wall", NULL, NULL);
  g_object_set_data (G_OBJECT (view), WALL_GUI_KEY, NULL);
}

/* A secondary click on a note, or the Menu key and Shift+F10 with the
 * keyboard on it: every action on the selected notes, with its key when
 * it has one, so that nothing needs the pointer or the panel. */
static gboolean
wall_context_menu (TfBoardView *view,
                   double       x,
                   double       y)
{
  WallGui *gui = g_object_get_data (G_OBJECT (view), WALL_GUI_KEY);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) text = g_menu_new ();
  g_autoptr(GMenu) colors = g_menu_new ();
  g_autoptr(GMenu) ranking = g_menu_new ();
  g_autoptr(GMenu) arranging = g_menu_new ();
  const TfNoteColor *palette;
  GtkWidget *popover;
  TfItem *item;
  TfRect where;
  double bx, by;
  guint n_colors;

  if (gui == NULL || !view->editable)
    return FALSE;
  tf_board_view_to_board (view, x, y, &bx, &by);
  item = tf_board_view_pick_item (view, bx, by);
  if (!is_note (view, item))
    return FALSE;
  if (!tf_board_view_is_selected (view, item->id))
    tf_board_view_select (view, &item->id, 1);

  tf_widget_menu_append (text, _("_Edit the Text"), "canvas.edit", "F2");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (text));
  palette = tf_note_colors (&n_colors);
  for (guint i = 0; i < n_colors; i++)
    {
      g_autofree char *action = g_strdup_printf ("wall.set-color::%s", palette[i].id);

      tf_widget_menu_append (colors, _(palette[i].label), action, NULL);
    }
  g_menu_append_submenu (menu, _("_Colour"), G_MENU_MODEL (colors));
  tf_widget_menu_append (text, _("_Fit to Text"), "wall.fit-text", "<Control>t");
  tf_widget_menu_append (ranking, _("Add a _Vote"), "wall.vote", "v");
  tf_widget_menu_append (ranking, _("_Remove a Vote"), "wall.unvote", "<Shift>v");
  tf_widget_menu_append (ranking, _("_Star as a Key Insight, or Remove the Star"), "wall.star", "s");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (ranking));
  tf_widget_menu_append (arranging, _("New C_luster Around the Selection"), "canvas.new-cluster", "<Control>g");
  tf_widget_menu_append (arranging, _("Re_tire from the Wall"), "wall.retire", NULL);
  tf_widget_menu_append (arranging, _("_Delete"), "canvas.delete", "Delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (arranging));

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  where = TF_RECT_INIT (bx, by, 1 / tf_board_view_get_zoom (view), 1 / tf_board_view_get_zoom (view));
  tf_view_popover_show (view, &gui->menu, popover, &where);
  return TRUE;
}

static guint
wall_n_groupable (TfBoardView *view)
{
  g_autoptr(GArray) ids = selected_notes (view);

  return ids->len;
}

/* Ctrl+G: a zone around the selected notes, which become its cluster. */
static gboolean
wall_group (TfBoardView *self)
{
  g_autoptr(GArray) ids = selected_notes (self);
  g_autofree TfRect *rects = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autofree char *style = NULL;
  TfRect all = { 0 }, zone;

  if (ids->len == 0)
    return FALSE;
  rects = tf_board_view_bounds_of (self, ids);
  for (guint i = 0; i < ids->len; i++)
    all = tf_rect_union (&all, &rects[i]);
  zone = TF_RECT_INIT (all.x - TF_LAYOUT_ZONE_PADDING,
                       all.y - TF_LAYOUT_ZONE_TITLE,
                       all.width + 2 * TF_LAYOUT_ZONE_PADDING,
                       all.height + TF_LAYOUT_ZONE_TITLE + TF_LAYOUT_ZONE_PADDING);

  style = tf_zone_style_build ("sky");
  command = tf_command_cluster_items (self->board_id, (const gint64 *) ids->data, ids->len, &zone,
                                      _("Cluster"), style);
  if (tf_board_view_execute (self, command))
    {
      gint64 zone_id = tf_command_get_result_id (command);
      g_autoptr(GArray) moved = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (TfRect));

      /* The members gather in the new cluster, which hides nothing: one
       * undo step with its making. */
      tf_layout_tidy_zones (self->canvas.scene, &zone_id, 1, moved, placed);
      if (moved->len > 0)
        {
          g_autoptr(TfCommand) gather = tf_command_set_bounds ((const gint64 *) moved->data,
                                                               (const TfRect *) placed->data,
                                                               moved->len,
                                                               tf_command_get_label (command));

          if (tf_board_view_execute (self, gather))
            tf_history_fold (self->history, command, NULL);
        }
      tf_board_view_select (self, &zone_id, 1);
    }
  return TRUE;
}

/* Deleting only notes says “insights”. */
static char *
wall_removal_title (TfBoardView  *self,
                    const GArray *ids,
                    gboolean      cut)
{
  guint n = ids->len;

  for (guint i = 0; i < n; i++)
    if (!is_note (self, tf_scene_lookup (self->canvas.scene, g_array_index (ids, gint64, i))))
      return NULL;
  if (cut)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u insight cut", "%u insights cut", n), n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u insight deleted", "%u insights deleted", n), n);
}

static const char *
wall_empty_hint (void)
{
  return _("Start typing to write the first insight — Enter adds the next one.");
}

static GType
wall_panel_type (void)
{
  return TF_TYPE_INSIGHT_PANEL;
}

static const TfBoardMenuEntry wall_arrange[] = {
  { N_("_New Cluster"), "canvas.new-cluster", "<Control>g" },
  { N_("_Tidy Cluster"), "canvas.tidy", NULL },
  { N_("_Arrange All"), "canvas.arrange-all", NULL },
  { NULL, NULL, NULL },
};

static const TfBoardTypeGui wall_gui = {
  .type_id = "insight-wall",
  .action_prefix = "wall",
  .panel_type = wall_panel_type,
  .panel_tooltip = N_("Insight Details (F9)"),
  .shortcuts_section = "insights",
  .panel_open = FALSE,
  .empty_hint = wall_empty_hint,
  .typing_writes = TRUE,
  .capture_kind = "note",
  .capture_fallback = TRUE,
  .arrange_entries = wall_arrange,
  .transfers_text = TRUE,
  .link_button = FALSE,
  .attach = wall_attach,
  .detach = wall_detach,
  .group = wall_group,
  .n_groupable = wall_n_groupable,
  .removal_title = wall_removal_title,
  .context_menu = wall_context_menu,
};

void
tf_insight_gui_init (void)
{
  tf_board_type_gui_register (&wall_gui);
}
