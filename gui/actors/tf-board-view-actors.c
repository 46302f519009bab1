/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "stamps/tf-actor-items.h"
#include "stamps/tf-actor-layout.h"
#include "canvas/tf-item-commands.h"
#include "canvas/tf-item-kinds.h"
#include "stamps/tf-legend.h"
#include "insights/tf-insight.h"
#include "stamps/tf-stamp-library.h"
#include "tf-board-view-private.h"

/* The tools of actor maps on the canvas: stamping (drop or rubber stamp),
 * drawing links from actor to actor, pools around the selected actors, the
 * legend, and the two layouts, animated from where the actors are to where
 * the layout puts them, then written as one command. */

/* A press this close to the edge of an actor's disc draws a link. */
#define LINK_RING_PIXELS   8.0
#define LAYOUT_DURATION_US (400 * G_TIME_SPAN_MILLISECOND)
#define LEGEND_GAP         80.0

static gboolean
is_actor (const TfItem *item)
{
  return item != NULL && item->kind == &tf_stamp_kind && !item->hidden;
}

gboolean
tf_board_view_has_actors (TfBoardView *self)
{
  GPtrArray *items = tf_scene_get_items (self->canvas.scene);

  for (guint i = 0; i < items->len; i++)
    if (is_actor (g_ptr_array_index (items, i)))
      return TRUE;
  return FALSE;
}


void
tf_board_view_show_stamp_notice (TfBoardView *self)
{
  g_autofree char *notice = g_steal_pointer (&self->stamp_notice);

  if (notice != NULL)
    tf_board_view_show_toast (self, notice, FALSE);
}

/* A pictogram of the archive that is refused shows as "?" on the board:
 * the first one is said when the board shows. */
void
tf_board_view_notice_refused_stamps (TfBoardView *self)
{
  GPtrArray *items = tf_scene_get_items (self->canvas.scene);

  g_clear_pointer (&self->stamp_notice, g_free);
  for (guint i = 0; i < items->len && self->stamp_notice == NULL; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      TfStampData *data = item->data;

      if (item->kind == &tf_stamp_kind && data != NULL)
        self->stamp_notice = tf_stamp_library_dup_refusal (tf_stamp_library_get_default (), data->stamp);
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    tf_board_view_show_stamp_notice (self);
}

/* Stamping. */

static char *
stamp_payload (const char *stamp_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stamp");
  json_builder_add_string_value (builder, stamp_id);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, "");
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder, "");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

gint64
tf_board_view_stamp_at (TfBoardView *self,
                        const char  *stamp_id,
                        double       x,
                        double       y)
{
  g_autoptr(TfStamp) stamp = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autofree char *payload = NULL;
  TfRect origin = TF_RECT_INIT (0, 0, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT);
  TfNewItem item = { 0 };
  double bx, by, cx, cy, radius;
  const gint64 *ids;
  guint n_ids;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), 0);

  if (self->board_id == 0 || stamp_id == NULL)
    return 0;
  stamp = tf_stamp_library_lookup (tf_stamp_library_get_default (), stamp_id);
  if (stamp == NULL)
    return 0;

  /* The pictogram's disc lands under the pointer, its label below. */
  tf_board_view_to_board (self, x, y, &bx, &by);
  tf_stamp_item_get_disc (&origin, &cx, &cy, &radius);
  if (self->snap_to_grid)
    {
      bx = round (bx / TF_BOARD_GRID_STEP) * TF_BOARD_GRID_STEP;
      by = round (by / TF_BOARD_GRID_STEP) * TF_BOARD_GRID_STEP;
    }
  payload = stamp_payload (stamp_id);
  item.kind = "stamp";
  item.bounds = TF_RECT_INIT (bx - cx, by - cy, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT);
  /* Never on another actor: the nearest free place around the pointer. */
  if (self->canvas.scene != NULL)
    item.bounds = tf_actor_layout_free_place (self->canvas.scene, &item.bounds);
  item.text = tf_stamp_get_name (stamp);
  item.payload = payload;

  /* Named by its kind: "Add a pictogram". */
  command = tf_command_add_items (self->board_id, &item, 1, NULL);
  if (!tf_board_view_execute (self, command))
    return 0;
  ids = tf_item_command_get_ids (command, &n_ids);
  if (n_ids == 0)
    return 0;
  tf_board_view_select (self, ids, 1);
  return ids[0];
}

gboolean
tf_board_view_drop_stamp (TfBoardView *self,
                          const char  *stamp_id,
                          double       x,
                          double       y)
{
  if (!self->editable)
    {
      tf_board_view_show_read_only (self);
      return FALSE;
    }
  if (tf_board_view_get_editing (self))
    tf_board_view_stop_editing (self);
  if (tf_board_view_stamp_at (self, stamp_id, x, y) == 0)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TfBoardView   *self)
{
  return tf_board_view_drop_stamp (self, g_value_get_string (value), x, y);
}

/* A text dragged over an actor map is taken when it names a pictogram of
 * the library (the stamp palette's drag), and refused from the start
 * otherwise (any other text): never shown as taken, then failing. */
static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double         x,
                double         y,
                TfBoardView   *self)
{
  const GValue *value = gtk_drop_target_get_value (target);
  g_autoptr(TfStamp) stamp = NULL;

  if (value == NULL || !G_VALUE_HOLDS_STRING (value) || g_value_get_string (value) == NULL)
    return 0;
  stamp = tf_stamp_library_lookup (tf_stamp_library_get_default (), g_value_get_string (value));
  return stamp != NULL ? GDK_ACTION_COPY : 0;
}

/* Links. */

/* Whether a board point is on the edge of an actor's disc, where a drag
 * draws a link rather than moving the actor. */
gboolean
tf_board_view_on_link_ring (TfBoardView  *self,
                            const TfItem *item,
                            double        bx,
                            double        by)
{
  double cx, cy, radius, d, band = LINK_RING_PIXELS / self->canvas.zoom;

  if (!is_actor (item))
    return FALSE;
  tf_stamp_item_get_disc (&item->bounds, &cx, &cy, &radius);
  d = hypot (bx - cx, by - cy);
  return d >= radius - band && d <= radius + band;
}

gboolean
tf_board_view_link_begin (TfBoardView     *self,
                          GdkModifierType  state,
                          double           bx,
                          double           by)
{
  TfItem *item = tf_board_view_pick_item (self, bx, by);

  if (!is_actor (item))
    return FALSE;
  if (!tf_board_view_get_link_tool (self) && !(state & GDK_CONTROL_MASK) && !tf_board_view_on_link_ring (self, item, bx, by))
    return FALSE;

  self->drag_mode = TF_DRAG_LINK;
  self->link_source = item->id;
  self->link_target = 0;
  self->link_x = bx;
  self->link_y = by;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

void
tf_board_view_link_update (TfBoardView *self,
                           double       bx,
                           double       by)
{
  TfItem *item;

  if (self->drag_mode != TF_DRAG_LINK)
    return;
  self->link_x = bx;
  self->link_y = by;
  item = tf_board_view_pick_item (self, bx, by);
  self->link_target = is_actor (item) && item->id != self->link_source ? item->id : 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static char *
link_payload (gint64 source,
              gint64 target)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_int_value (builder, source);
  json_builder_set_member_name (builder, "target");
  json_builder_add_int_value (builder, target);
  json_builder_set_member_name (builder, "relation");
  json_builder_add_string_value (builder, "information");
  json_builder_set_member_name (builder, "direction");
  json_builder_add_string_value (builder, tf_link_direction_to_id (TF_LINK_FORWARD));
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, "");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

void
tf_board_view_link_end (TfBoardView *self)
{
  gint64 source = self->link_source, target = self->link_target;
  TfItem *from, *to;

  self->link_source = self->link_target = 0;
  tf_board_view_cancel_drag (self, NULL);

  from = tf_scene_lookup (self->canvas.scene, source);
  to = tf_scene_lookup (self->canvas.scene, target);
  if (from != NULL && to != NULL && source != target)
    {
      g_autofree char *payload = link_payload (source, target);
      g_autoptr(TfCommand) command = NULL;
      TfNewItem item = { 0 };

      item.kind = "link";
      item.bounds = tf_rect_union (&from->bounds, &to->bounds);
      item.text = "";
      item.payload = payload;
      command = tf_command_add_items (self->board_id, &item, 1, _("Link"));
      if (tf_board_view_execute (self, command))
        {
          guint n_ids;
          const gint64 *ids = tf_item_command_get_ids (command, &n_ids);

          if (n_ids > 0)
            tf_board_view_select (self, ids, 1);
        }
    }
}

gboolean
tf_board_view_outline_link (TfBoardView  *self,
                            cairo_t      *cr,
                            const TfItem *item,
                            double        alpha,
                            double        width)
{
  double x0, y0, cx, cy, x1, y1, z = self->canvas.zoom;

  if (item->kind != &tf_link_kind)
    return FALSE;
  if (!tf_link_item_get_route (item, self->canvas.scene, &x0, &y0, &cx, &cy, &x1, &y1))
    return TRUE;
  cairo_save (cr);
  /* Along the link's route, curved round other actors as it is drawn. */
  cairo_translate (cr, -self->canvas.x * z, -self->canvas.y * z);
  cairo_move_to (cr, x0 * z, y0 * z);
  cairo_curve_to (cr, (x0 + 2.0 / 3 * (cx - x0)) * z, (y0 + 2.0 / 3 * (cy - y0)) * z,
                  (x1 + 2.0 / 3 * (cx - x1)) * z, (y1 + 2.0 / 3 * (cy - y1)) * z, x1 * z, y1 * z);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, width);
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, alpha);
  cairo_stroke (cr);
  cairo_restore (cr);
  return TRUE;
}

void
tf_board_view_draw_actor_overlays (TfBoardView *self,
                                   cairo_t     *cr)
{
  TfItem *source;
  TfAnchor from;
  double x1 = self->link_x, y1 = self->link_y;

  if (self->drag_mode == TF_DRAG_NONE && self->hover_ring && self->hover_id != 0)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, self->hover_id);
      double cx, cy, radius;

      /* The edge that draws a link, lit under the pointer. */
      if (is_actor (item))
        {
          tf_stamp_item_get_disc (&item->bounds, &cx, &cy, &radius);
          cairo_new_sub_path (cr);
          cairo_arc (cr, (cx - self->canvas.x) * self->canvas.zoom, (cy - self->canvas.y) * self->canvas.zoom,
                     radius * self->canvas.zoom, 0, 2 * G_PI);
          cairo_set_line_width (cr, 4.0);
          tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.6);
          cairo_stroke (cr);
        }
    }
  if (self->drag_mode != TF_DRAG_LINK || self->link_source == 0)
    return;
  source = tf_scene_lookup (self->canvas.scene, self->link_source);
  if (source == NULL)
    return;

  cairo_save (cr);
  cairo_scale (cr, self->canvas.zoom, self->canvas.zoom);
  cairo_translate (cr, -self->canvas.x, -self->canvas.y);
  tf_actor_item_get_anchor (source, &from);

  if (self->link_target != 0)
    {
      TfItem *target = tf_scene_lookup (self->canvas.scene, self->link_target);
      TfAnchor to;

      tf_actor_item_get_anchor (target, &to);
      x1 = to.cx;
      y1 = to.cy;
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.9);
      cairo_set_line_width (cr, 3.0 / self->canvas.zoom);
      cairo_new_sub_path (cr);
      cairo_arc (cr, to.cx, to.cy, to.radius + 4.0 / self->canvas.zoom, 0, 2 * G_PI);
      cairo_stroke (cr);
    }

  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.9);
  cairo_set_line_width (cr, 3.0 / self->canvas.zoom);
  cairo_new_sub_path (cr);
  cairo_arc (cr, from.cx, from.cy, from.radius + 4.0 / self->canvas.zoom, 0, 2 * G_PI);
  cairo_stroke (cr);

  tf_link_draw_line (cr, tf_relation_style_lookup ("information"), TF_LINK_FORWARD,
                     from.cx, from.cy, x1, y1, 2.0 / self->canvas.zoom);
  cairo_restore (cr);
}

/* Pools and legend. */

gint64
tf_board_view_new_pool (TfBoardView *self)
{
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, "stamp");
  g_autoptr(TfCommand) command = NULL;
  g_autofree char *style = NULL;
  g_autofree char *payload = NULL;
  const TfNoteColor *colors;
  guint n_colors, n_pools = 0;
  GPtrArray *items = tf_scene_get_items (self->canvas.scene);
  TfNewItem item = { 0 };
  TfRect all = { 0 };
  gint64 pool_id = 0;

  if (ids->len == 0)
    return 0;

  for (guint i = 0; i < ids->len; i++)
    {
      TfItem *actor = tf_scene_lookup (self->canvas.scene, g_array_index (ids, gint64, i));

      all = i == 0 ? actor->bounds : tf_rect_union (&all, &actor->bounds);
    }
  payload = tf_pool_payload_build ((const gint64 *) ids->data, ids->len);

  /* Each new pool takes the next colour of the palette. */
  for (guint i = 0; i < items->len; i++)
    n_pools += ((TfItem *) g_ptr_array_index (items, i))->kind == &tf_pool_kind;
  colors = tf_note_colors (&n_colors);
  style = tf_pool_style_build (colors[n_pools % n_colors].rgb);

  item.kind = "pool";
  item.bounds = all;
  item.text = _("New pool");
  item.style = style;
  item.payload = payload;
  command = tf_command_add_items (self->board_id, &item, 1, _("New Pool"));
  if (tf_board_view_execute (self, command))
    {
      guint n_ids;
      const gint64 *new_ids = tf_item_command_get_ids (command, &n_ids);

      if (n_ids > 0)
        {
          pool_id = new_ids[0];
          tf_board_view_select (self, &pool_id, 1);
        }
    }
  return pool_id;
}

gint64
tf_board_view_add_legend (TfBoardView *self)
{
  g_autoptr(TfLegend) legend = tf_legend_compute (self->canvas.scene);
  g_autoptr(TfCommand) command = NULL;
  GPtrArray *items = tf_scene_get_items (self->canvas.scene);
  TfNewItem item = { 0 };
  TfRect all = { 0 };
  gboolean any = FALSE;
  double width, height;
  gint64 legend_id = 0;

  for (guint i = 0; i < items->len; i++)
    {
      TfItem *other = g_ptr_array_index (items, i);

      if (other->hidden)
        continue;
      all = any ? tf_rect_union (&all, &other->bounds) : other->bounds;
      any = TRUE;
    }
  tf_legend_measure (legend, gtk_widget_get_pango_context (GTK_WIDGET (self)), NULL,
                     &width, &height);

  /* Beside the network, at its top. */
  item.kind = "legend";
  item.bounds = TF_RECT_INIT (any ? all.x + all.width + LEGEND_GAP : self->canvas.x + 40.0,
                              any ? all.y : self->canvas.y + 40.0, MAX (width, 200.0), MAX (height, 80.0));
  item.text = "";
  command = tf_command_add_items (self->board_id, &item, 1, _("Add Legend"));
  if (tf_board_view_execute (self, command))
    {
      guint n_ids;
      const gint64 *ids = tf_item_command_get_ids (command, &n_ids);

      if (n_ids > 0)
        {
          legend_id = ids[0];
          tf_board_view_select (self, &legend_id, 1);
          tf_board_view_reveal_item (self, legend_id);
        }
    }
  return legend_id;
}

/* Layouts, animated. */

static void
place_layout (TfBoardView *self,
              GArray      *rects)
{
  for (guint i = 0; i < self->layout_ids->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (self->layout_ids, gint64, i));

      if (item == NULL)
        continue;
      item->bounds = g_array_index (rects, TfRect, i);
      tf_scene_item_changed (self->canvas.scene, item);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
clear_layout (TfBoardView *self)
{
  if (self->layout_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->layout_tick);
  self->layout_tick = 0;
  g_clear_pointer (&self->layout_ids, g_array_unref);
  g_clear_pointer (&self->layout_from, g_array_unref);
  g_clear_pointer (&self->layout_to, g_array_unref);
  g_clear_pointer (&self->layout_label, g_free);
}

void
tf_board_view_finish_layout (TfBoardView *self)
{
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) to = NULL;
  g_autofree char *label = NULL;

  if (self->layout_ids == NULL)
    return;

  /* The archive has the last word: put the actors back, then one command. */
  place_layout (self, self->layout_from);
  ids = g_array_ref (self->layout_ids);
  to = g_array_ref (self->layout_to);
  label = g_strdup (self->layout_label);
  clear_layout (self);

  command = tf_command_set_bounds ((const gint64 *) ids->data, (const TfRect *) to->data, ids->len,
                                   label);
  /* The whole network in view, where the layout put it. */
  if (tf_board_view_execute (self, command))
    tf_board_view_fit_all (self, TRUE);
}

static gboolean
layout_tick (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  TfBoardView *self = TF_BOARD_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t = (double) (now - self->layout_start) / LAYOUT_DURATION_US;
  g_autoptr(GArray) rects = NULL;

  if (t >= 1.0)
    {
      self->layout_tick = 0;
      tf_board_view_finish_layout (self);
      return G_SOURCE_REMOVE;
    }

  /* Ease out: fast at first, settling at the end. */
  t = 1.0 - pow (1.0 - CLAMP (t, 0.0, 1.0), 3.0);
  rects = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), self->layout_ids->len);
  g_array_set_size (rects, self->layout_ids->len);
  tf_actor_layout_interpolate ((const TfRect *) self->layout_from->data,
                               (const TfRect *) self->layout_to->data, self->layout_ids->len, t,
                               (TfRect *) rects->data);
  place_layout (self, rects);
  return G_SOURCE_CONTINUE;
}

gboolean
tf_board_view_start_layout (TfBoardView *self,
                            gboolean     rings)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
  GdkFrameClock *clock;
  GArray *from;

  tf_board_view_finish_layout (self);
  tf_board_view_cancel_drag (self, NULL);
  if (self->board_id == 0)
    return FALSE;

  if (rings)
    {
      g_autoptr(GArray) selected = tf_board_view_selected_ids (self, "stamp");
      double radii[3];

      if (selected->len == 0 ||
          !tf_actor_layout_rings (self->canvas.scene, g_array_index (selected, gint64, 0), ids, rects,
                                  radii))
        return FALSE;
    }
  else
    {
      tf_actor_layout_force (self->canvas.scene, 0x7472616e, ids, rects);
    }
  if (ids->len == 0)
    return FALSE;

  from = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (ids, gint64, i));

      g_array_append_val (from, item->bounds);
    }
  self->layout_ids = g_steal_pointer (&ids);
  self->layout_to = g_steal_pointer (&rects);
  self->layout_from = from;
  self->layout_label = g_strdup (rings ? _("Rings") : _("Spread the Network"));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  self->layout_start = clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
  self->layout_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), layout_tick, NULL, NULL);
  return TRUE;
}

/* Actions. */

static void
link_tool_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TfBoardView *self = user_data;

  tf_board_view_set_link_tool (self, !tf_board_view_get_link_tool (self));
}

static void
lock_link_tool_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  tf_board_view_lock_link_tool (user_data);
}

static void
link_tool_changed (TfBoardView *self)
{
  GActionGroup *group = tf_board_view_lookup_actions (self, "actors");
  GAction *action = group != NULL ? g_action_map_lookup_action (G_ACTION_MAP (group), "link-tool") : NULL;

  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (tf_board_view_get_link_tool (self)));
}

static void
new_pool_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  tf_board_view_new_pool (user_data);
}

static void
add_legend_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  tf_board_view_add_legend (user_data);
}

static void
layout_rings_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  tf_board_view_start_layout (user_data, TRUE);
}

static void
layout_spread_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  tf_board_view_start_layout (user_data, FALSE);
}

static const GActionEntry actor_entries[] = {
  { "link-tool", link_tool_activated, NULL, "false", NULL, { 0 } },
  { "lock-link-tool", lock_link_tool_activated, NULL, NULL, NULL, { 0 } },
  { "new-pool", new_pool_activated, NULL, NULL, NULL, { 0 } },
  { "add-legend", add_legend_activated, NULL, NULL, NULL, { 0 } },
  { "layout-rings", layout_rings_activated, NULL, NULL, NULL, { 0 } },
  { "layout-spread", layout_spread_activated, NULL, NULL, NULL, { 0 } },
};

static void
update_actor_actions (TfBoardView  *self,
                      GActionGroup *group)
{
  gboolean idle = self->board_id != 0 && self->actor_map && self->editable &&
                  !tf_board_view_get_editing (self);
  g_autoptr(GArray) actors = tf_board_view_selected_ids (self, "stamp");
  gboolean any = idle && tf_board_view_has_actors (self);
  struct { const char *name; gboolean enabled; } states[] = {
    { "link-tool", idle },
    { "lock-link-tool", idle },
    { "new-pool", idle && actors->len > 0 },
    { "add-legend", idle },
    { "layout-rings", any && actors->len > 0 },
    { "layout-spread", any },
  };

  if (group == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (group), states[i].name);

      if (action != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), states[i].enabled);
    }
}

static void
view_changed (TfBoardView *self)
{
  update_actor_actions (self, tf_board_view_lookup_actions (self, "actors"));
}

void
tf_board_view_set_actor_map (TfBoardView *self,
                             gboolean     actor_map)
{
  self->actor_map = !!actor_map;
  /* Only an actor map takes the stamp palette's drops: on any other board
   * a text dragged in is refused as it enters. */
  if (actor_map && self->stamp_drop == NULL)
    {
      self->stamp_drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
      gtk_drop_target_set_preload (self->stamp_drop, TRUE);
      g_signal_connect (self->stamp_drop, "enter", G_CALLBACK (on_drop_motion), self);
      g_signal_connect (self->stamp_drop, "motion", G_CALLBACK (on_drop_motion), self);
      g_signal_connect (self->stamp_drop, "drop", G_CALLBACK (on_drop), self);
      gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->stamp_drop));
    }
  else if (!actor_map && self->stamp_drop != NULL)
    {
      gtk_widget_remove_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->stamp_drop));
      self->stamp_drop = NULL;
    }
  if (actor_map)
    {
      g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

      g_action_map_add_action_entries (G_ACTION_MAP (group), actor_entries,
                                       G_N_ELEMENTS (actor_entries), self);
      tf_board_view_add_actions (self, "actors", G_ACTION_GROUP (group), update_actor_actions);
      link_tool_changed (self);
    }
  else
    {
      tf_board_view_add_actions (self, "actors", NULL, NULL);
      tf_board_view_cancel_tool (self);
    }
}

void
tf_board_view_init_actors (TfBoardView *self)
{
  g_signal_connect (self, "notify::link-tool", G_CALLBACK (link_tool_changed), NULL);
  g_signal_connect (self, "selection-changed", G_CALLBACK (view_changed), NULL);
  g_signal_connect (self, "items-changed", G_CALLBACK (view_changed), NULL);
  g_signal_connect (self, "notify::editing", G_CALLBACK (view_changed), NULL);
  g_signal_connect (self, "notify::editable", G_CALLBACK (view_changed), NULL);
}

void
tf_board_view_dispose_actors (TfBoardView *self)
{
  clear_layout (self);
}
