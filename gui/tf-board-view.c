/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "stamps/tf-actor-items.h"
#include "canvas/tf-item-kinds.h"
#include "insights/tf-note-kind.h"
#include "insights/tf-insight.h"
#include "stamps/tf-stamp-library.h"
#include "tf-board-view-private.h"
#include "tf-tile-cache.h"

/* The canvas of a board. Items come from the shared renderer, which culls,
 * simplifies far-away notes and caches each item's rendering; this file only
 * keeps the viewport and draws what changes every frame on top: selection,
 * handles, hover, the rubber band, snap guides and search matches. Pointer
 * and keyboard live in tf-board-view-input.c, actions and the clipboard in
 * tf-board-view-actions.c, the note editor in tf-board-view-editor.c. */

G_DEFINE_FINAL_TYPE (TfBoardView, tf_board_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_BOARD_ID,
  PROP_ZOOM,
  PROP_EMPTY,
  PROP_EDITING,
  PROP_SNAP_TO_GRID,
  PROP_N_SELECTED,
  PROP_STAMP_TOOL,
  PROP_LINK_TOOL,
  PROP_EDITABLE,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  ITEMS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Screen sizes of the overlays, in logical pixels whatever the zoom. */
#define OUTLINE_WIDTH  2.0
#define OUTLINE_GAP    3.0
#define HANDLE_SIZE    9.0
#define SHARPEN_DELAY_MS 30

static void
set_accent (cairo_t *cr,
            double   alpha)
{
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, alpha);
}

/* A board rectangle in widget coordinates. */
static TfRect
to_widget_rect (TfBoardView  *self,
                const TfRect *r)
{
  return TF_RECT_INIT ((r->x - self->x) * self->zoom, (r->y - self->y) * self->zoom,
                       r->width * self->zoom, r->height * self->zoom);
}

static TfViewport
get_viewport (TfBoardView *self)
{
  TfViewport vp = {
    self->x, self->y, self->zoom,
    gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
  };

  return vp;
}

/* Whether the item offers resize handle @h (notes only their corners). */
static gboolean
has_handle (const TfItem *item,
            int           h)
{
  return (tf_item_handles (item) & (1u << h)) != 0;
}

/* Whether a single selected item can be resized by hand: not when it offers
 * no handle, nor when its shape follows other items (links, pools). */
static gboolean
resizable (TfBoardView  *self,
           const TfItem *item)
{
  return tf_item_handles (item) != TF_ITEM_HANDLES_NONE && !tf_board_view_is_derived (self, item);
}

static void
draw_handles (TfBoardView *self,
              cairo_t     *cr,
              TfItem      *item)
{
  for (int h = 0; h < TF_N_HANDLES; h++)
    {
      TfRect r = to_widget_rect (self, &item->bounds);
      double hx, hy;

      /* Notes stay square: only their corners resize them. */
      if (!has_handle (item, h))
        continue;

      hx = (h == 0 || h == 6 || h == 7) ? r.x : (h == 1 || h == 5) ? r.x + r.width / 2 : r.x + r.width;
      hy = (h <= 2) ? r.y : (h == 3 || h == 7) ? r.y + r.height / 2 : r.y + r.height;
      hx += (h == 0 || h == 6 || h == 7) ? -OUTLINE_GAP : (h >= 2 && h <= 4) ? OUTLINE_GAP : 0;
      hy += (h <= 2) ? -OUTLINE_GAP : (h >= 4 && h <= 6) ? OUTLINE_GAP : 0;

      cairo_rectangle (cr, round (hx - HANDLE_SIZE / 2) + 0.5, round (hy - HANDLE_SIZE / 2) + 0.5,
                       HANDLE_SIZE - 1, HANDLE_SIZE - 1);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      set_accent (cr, 1.0);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

int
tf_board_view_handle_at (TfBoardView *self,
                         double       x,
                         double       y)
{
  TfItem *item;
  TfRect r;

  if (!self->editable || self->selection->len != 1 || self->editor_text == NULL ||
      gtk_widget_get_visible (self->editor))
    return -1;

  item = tf_scene_lookup (self->scene, g_array_index (self->selection, gint64, 0));
  if (item == NULL || item->hidden)
    return -1;
  /* Links and pools take their shape from the actors they join. */
  if (!resizable (self, item))
    return -1;

  r = to_widget_rect (self, &item->bounds);
  for (int h = 0; h < TF_N_HANDLES; h++)
    {
      double hx = (h == 0 || h == 6 || h == 7) ? r.x - OUTLINE_GAP
                : (h == 1 || h == 5) ? r.x + r.width / 2 : r.x + r.width + OUTLINE_GAP;
      double hy = (h <= 2) ? r.y - OUTLINE_GAP
                : (h == 3 || h == 7) ? r.y + r.height / 2 : r.y + r.height + OUTLINE_GAP;

      if (!has_handle (item, h))
        continue;
      if (fabs (x - hx) <= HANDLE_SIZE && fabs (y - hy) <= HANDLE_SIZE)
        return h;
    }
  return -1;
}

static void
outline (cairo_t      *cr,
         const TfRect *r,
         double        gap,
         double        width)
{
  cairo_rectangle (cr, round (r->x - gap) + 0.5 * fmod (width, 2.0), round (r->y - gap) + 0.5 * fmod (width, 2.0),
                   round (r->width + 2 * gap), round (r->height + 2 * gap));
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

/* Search: matches outlined, everything else behind a thin veil of paper. */
static void
draw_highlights (TfBoardView *self,
                 cairo_t     *cr,
                 const TfRect *area)
{
  g_autoptr(GPtrArray) visible = g_ptr_array_new ();

  tf_scene_query (self->scene, area, visible);
  for (guint i = 0; i < visible->len; i++)
    {
      TfItem *item = g_ptr_array_index (visible, i);
      TfRect r = to_widget_rect (self, &item->bounds);

      /* A zone is the ground its notes stand on: not dimmed. */
      if (tf_board_view_is_tidy_container (self, item))
        continue;
      if (g_hash_table_contains (self->highlights, &item->id))
        {
          gboolean current = item->id == self->current_highlight;

          set_accent (cr, current ? 1.0 : 0.75);
          outline (cr, &r, current ? 5.0 : 3.0, current ? 4.0 : 2.0);
        }
      else
        {
          tf_cairo_set_rgb (cr, TF_PAPER_RGB, 0.6);
          cairo_rectangle (cr, r.x - 2, r.y - 2, r.width + 8, r.height + 8);
          cairo_fill (cr);
        }
    }
}

static void
draw_overlays (TfBoardView *self,
               cairo_t     *cr)
{
  TfViewport vp = get_viewport (self);
  TfRect area = tf_viewport_get_area (&vp);

  if (g_hash_table_size (self->highlights) > 0)
    draw_highlights (self, cr, &area);

  if (self->hover_id != 0 && !tf_board_view_is_selected (self, self->hover_id) &&
      self->drag_mode == TF_DRAG_NONE)
    {
      TfItem *item = tf_scene_lookup (self->scene, self->hover_id);

      if (item != NULL && !item->hidden && !tf_board_view_outline_link (self, cr, item, 0.45, 3.0))
        {
          TfRect r = to_widget_rect (self, &item->bounds);

          set_accent (cr, 0.45);
          outline (cr, &r, OUTLINE_GAP, 1.0);
        }
    }

  for (guint i = 0; i < self->selection->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->scene, g_array_index (self->selection, gint64, i));
      TfRect r;

      if (item == NULL || item->hidden || !tf_rect_intersects (&item->bounds, &area))
        continue;
      if (item->id == self->editing_id && gtk_widget_get_visible (self->editor))
        continue;
      if (tf_board_view_outline_link (self, cr, item, 0.6, 6.0))
        continue;
      r = to_widget_rect (self, &item->bounds);
      set_accent (cr, 1.0);
      outline (cr, &r, OUTLINE_GAP, OUTLINE_WIDTH);
    }

  if (self->selection->len == 1 && self->drag_mode != TF_DRAG_MOVE &&
      !gtk_widget_get_visible (self->editor))
    {
      TfItem *item = tf_scene_lookup (self->scene, g_array_index (self->selection, gint64, 0));

      /* No handle invites a resize that a read-only archive refuses. */
      if (item != NULL && !item->hidden && resizable (self, item) && self->editable)
        draw_handles (self, cr, item);
    }

  if (self->drag_mode == TF_DRAG_RUBBER && self->drag_started)
    {
      TfRect r = to_widget_rect (self, &self->rubber);

      cairo_rectangle (cr, round (r.x) + 0.5, round (r.y) + 0.5, round (r.width), round (r.height));
      set_accent (cr, 0.08);
      cairo_fill_preserve (cr);
      set_accent (cr, 0.8);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }

  if (self->drag_mode == TF_DRAG_MOVE && self->drag_started)
    {
      static const double dash[] = { 4.0, 3.0 };

      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_line_width (cr, 1.0);
      set_accent (cr, 0.9);
      if (!isnan (self->guide_x))
        {
          double gx = round ((self->guide_x - self->x) * self->zoom) + 0.5;

          cairo_move_to (cr, gx, 0);
          cairo_line_to (cr, gx, vp.height);
        }
      if (!isnan (self->guide_y))
        {
          double gy = round ((self->guide_y - self->y) * self->zoom) + 0.5;

          cairo_move_to (cr, 0, gy);
          cairo_line_to (cr, vp.width, gy);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  tf_board_view_draw_actor_overlays (self, cr);
  if (self->tool != NULL && self->tool->klass->draw_overlay != NULL)
    self->tool->klass->draw_overlay (self->tool, self, cr);
}

static gboolean
sharpen (gpointer user_data)
{
  TfBoardView *self = user_data;

  self->sharpen_source = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* The scene itself, in view: the one place that asks the renderer. The
 * board comes from cached tiles (textures the GPU keeps); right after a zoom
 * some are still missing and an older zoom stands in, scaled: the cache
 * renders them a few at a time, frame after frame. Overlays (selection,
 * hover, guides) are drawn live on top by the caller. */
static void
draw_scene (TfBoardView      *self,
            GtkSnapshot      *snapshot,
            const TfViewport *vp)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean complete;

  if (tf_tile_cache_enabled ())
    complete = tf_tile_cache_snapshot (tf_tile_cache_for_widget (widget, self->renderer), snapshot,
                                       self->scene, vp, gtk_widget_get_scale_factor (widget),
                                       TF_TILE_CACHE_FRAME_US);
  else
    {
      /* TRANSFO_TILES=0: one cairo node a frame, from per-item bitmaps. */
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, vp->width, vp->height));

      complete = tf_renderer_draw (self->renderer, self->scene, cr, vp, TF_RENDER_BACKGROUND);
      cairo_destroy (cr);
    }
  if (!complete && self->sharpen_source == 0)
    self->sharpen_source = g_timeout_add_full (G_PRIORITY_DEFAULT, SHARPEN_DELAY_MS,
                                               sharpen, self, NULL);
}

static void
tf_board_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TfBoardView *self = TF_BOARD_VIEW (widget);
  TfViewport vp = get_viewport (self);
  cairo_surface_t *overlays;
  TfRect ink;
  cairo_t *cr;

  if (vp.width <= 0 || vp.height <= 0)
    return;

  draw_scene (self, snapshot, &vp);
  /* Recorded first: a frame with no overlay uploads no surface at all, and
   * one with an outline only the outline's box. */
  overlays = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                             &(cairo_rectangle_t) { 0, 0, vp.width, vp.height });
  cr = cairo_create (overlays);
  draw_overlays (self, cr);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (overlays, &ink.x, &ink.y, &ink.width, &ink.height);
  if (ink.width > 0 && ink.height > 0)
    {
      ink = TF_RECT_INIT (floor (ink.x), floor (ink.y), ceil (ink.x + ink.width) - floor (ink.x),
                          ceil (ink.y + ink.height) - floor (ink.y));
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (ink.x, ink.y, ink.width, ink.height));
      cairo_set_source_surface (cr, overlays, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (overlays);

  if (self->editor != NULL && gtk_widget_get_visible (self->editor))
    gtk_widget_snapshot_child (widget, self->editor, snapshot);
}

static void
tf_board_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = *natural = 0;
}

static void
tf_board_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  TfBoardView *self = TF_BOARD_VIEW (widget);

  if (self->needs_fit && width > 0 && height > 0)
    {
      /* The first frame shows the whole board. Others (the zoom label) hear
       * of the new zoom after this allocation: a notification now would
       * resize them in the middle of the layout. */
      self->needs_fit = FALSE;
      self->allocating = TRUE;
      tf_board_view_fit_all (self, FALSE);
      self->allocating = FALSE;
    }
  tf_board_view_place_editor (self);
}

/* Selection lives in tf-board-view-selection.c; this tells everyone it changed. */
void
tf_board_view_selection_changed (TfBoardView *self)
{
  tf_board_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/* The scene follows the archive; the view drops what it cached about the
 * items that changed, and forgets those that left. */

static gboolean
scene_is_empty (TfScene *scene)
{
  GPtrArray *items = tf_scene_get_items (scene);

  for (guint i = 0; i < items->len; i++)
    if (!((TfItem *) g_ptr_array_index (items, i))->hidden)
      return FALSE;
  return TRUE;
}

static void
update_empty (TfBoardView *self)
{
  gboolean empty = scene_is_empty (self->scene);

  if (empty == self->empty)
    return;
  self->empty = empty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
}

static void
on_items_changed (TfBoardView *self,
                  GArray      *ids,
                  TfScene     *scene)
{
  gboolean selection_changed = FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      TfItem *item = tf_scene_lookup (scene, id);

      tf_renderer_invalidate (self->renderer, id);
      if (item == NULL || item->hidden)
        {
          if (tf_board_view_is_selected (self, id))
            {
              tf_board_view_remove_selected (self, id);
              selection_changed = TRUE;
            }
          g_hash_table_remove (self->highlights, &id);
          if (self->hover_id == id)
            self->hover_id = 0;
        }
    }

  /* The archive changed under a drag (an undo, another window): the items
   * were reloaded where the archive has them. */
  if (self->drag_mode == TF_DRAG_MOVE || self->drag_mode == TF_DRAG_RESIZE)
    tf_board_view_cancel_drag (self, ids);

  update_empty (self);
  if (selection_changed)
    tf_board_view_selection_changed (self);
  else
    tf_board_view_update_actions (self);

  g_signal_emit (self, signals[ITEMS_CHANGED], 0, ids);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Zoom changes notify "zoom", but never in the middle of an allocation. */
static gboolean
notify_zoom (gpointer user_data)
{
  TfBoardView *self = user_data;

  self->notify_source = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  return G_SOURCE_REMOVE;
}

void
tf_board_view_set_zoom_internal (TfBoardView *self,
                                 double       zoom)
{
  if (fabs (zoom - self->zoom) < 1e-12)
    return;
  self->zoom = zoom;
  if (tf_board_view_get_editing (self))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->allocating)
    {
      if (self->notify_source == 0)
        self->notify_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, notify_zoom, self, NULL);
    }
  else
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
}

/* The placeholder of an archive's pictogram gives way to it once checked. */
static void
on_stamp_verified (TfBoardView *self,
                   const char  *id,
                   gboolean     drawable)
{
  tf_renderer_invalidate_all (self->renderer);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_stamp_refused (TfBoardView *self,
                  const char  *id,
                  const char  *message)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    tf_board_view_show_toast (self, message, FALSE);
}


void
tf_board_view_show_toast (TfBoardView *self,
                          const char  *title,
                          gboolean     undo_button)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_debug ("No toast overlay: %s", title);
      return;
    }

  toast = adw_toast_new (title);
  if (undo_button)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
tf_board_view_show_read_only (TfBoardView *self)
{
  tf_board_view_show_toast (self, _("This archive is read-only: it cannot be changed"), FALSE);
}

gboolean
tf_board_view_execute (TfBoardView *self,
                       TfCommand   *command)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), FALSE);
  g_return_val_if_fail (TF_IS_COMMAND (command), FALSE);

  if (self->history == NULL)
    return FALSE;
  /* Every edit of the board passes here: a read-only archive stops them all. */
  if (!self->editable)
    {
      tf_board_view_show_read_only (self);
      return FALSE;
    }
  if (!tf_history_execute (self->history, command, &error))
    {
      tf_board_view_show_toast (self, error->message, FALSE);
      return FALSE;
    }
  return TRUE;
}

/* GObject. */

static void
tf_board_view_dispose (GObject *object)
{
  TfBoardView *self = TF_BOARD_VIEW (object);

  tf_board_view_stop_animation (self);
  g_clear_handle_id (&self->sharpen_source, g_source_remove);
  g_clear_handle_id (&self->notify_source, g_source_remove);
  tf_board_view_dispose_editor (self);
  tf_board_view_dispose_actors (self);
  if (self->scene != NULL)
    g_signal_handlers_disconnect_by_data (self->scene, self);
  g_clear_object (&self->scene);
  g_clear_object (&self->renderer);
  g_clear_pointer (&self->stamp_notice, g_free);
  g_clear_object (&self->history);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (tf_board_view_parent_class)->dispose (object);
}

static void
tf_board_view_finalize (GObject *object)
{
  TfBoardView *self = TF_BOARD_VIEW (object);

  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_pointer (&self->selection, g_array_unref);
  g_clear_pointer (&self->highlights, g_hash_table_unref);
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  g_clear_pointer (&self->drag_ignore, g_hash_table_unref);
  g_clear_pointer (&self->drag_ids, g_array_unref);
  g_clear_pointer (&self->drag_origins, g_array_unref);
  g_free (self->capture_color);
  g_clear_pointer (&self->tool, tf_tool_free);
  g_clear_pointer (&self->extra_actions, g_hash_table_unref);

  G_OBJECT_CLASS (tf_board_view_parent_class)->finalize (object);
}

static void
tf_board_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TfBoardView *self = TF_BOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_BOARD_ID:
      g_value_set_int64 (value, self->board_id);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_EMPTY:
      g_value_set_boolean (value, self->empty);
      break;

    case PROP_EDITING:
      g_value_set_boolean (value, tf_board_view_get_editing (self));
      break;

    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->snap_to_grid);
      break;

    case PROP_N_SELECTED:
      g_value_set_uint (value, self->selection->len);
      break;

    case PROP_STAMP_TOOL:
      g_value_set_string (value, tf_board_view_get_stamp_tool (self));
      break;

    case PROP_LINK_TOOL:
      g_value_set_boolean (value, tf_board_view_get_link_tool (self));
      break;

    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_board_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TfBoardView *self = TF_BOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      tf_board_view_set_history (self, g_value_get_object (value));
      break;

    case PROP_ZOOM:
      tf_board_view_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_SNAP_TO_GRID:
      tf_board_view_set_snap_to_grid (self, g_value_get_boolean (value));
      break;

    case PROP_STAMP_TOOL:
      tf_board_view_set_stamp_tool (self, g_value_get_string (value));
      break;

    case PROP_LINK_TOOL:
      tf_board_view_set_link_tool (self, g_value_get_boolean (value));
      break;

    case PROP_EDITABLE:
      tf_board_view_set_editable (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_board_view_class_init (TfBoardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_board_view_dispose;
  object_class->finalize = tf_board_view_finalize;
  object_class->get_property = tf_board_view_get_property;
  object_class->set_property = tf_board_view_set_property;

  widget_class->snapshot = tf_board_view_snapshot;
  widget_class->measure = tf_board_view_measure;
  widget_class->size_allocate = tf_board_view_size_allocate;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         TF_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BOARD_ID] =
    g_param_spec_int64 ("board-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         1e-4, TF_BOARD_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_STAMP_TOOL] =
    g_param_spec_string ("stamp-tool", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LINK_TOOL] =
    g_param_spec_boolean ("link-tool", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The selection changed (not its items: see ::items-changed). */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* Items of the board changed in the archive: a GArray of gint64 ids. */
  signals[ITEMS_CHANGED] =
    g_signal_new ("items-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  tf_board_view_class_init_keys (widget_class);

  gtk_widget_class_set_css_name (widget_class, "boardview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tf_board_view_init (TfBoardView *self)
{
  self->zoom = 1.0;
  self->empty = TRUE;
  self->editable = TRUE;
  self->guide_x = self->guide_y = NAN;
  self->resize_handle = -1;
  self->renderer = tf_renderer_new ();
  self->scene = tf_scene_new ();
  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->selection = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->highlights = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->drag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->drag_origins = g_array_new (FALSE, FALSE, sizeof (TfRect));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  tf_board_view_init_editor (self);
  tf_board_view_init_input (self);
  tf_board_view_init_actions (self);
  tf_board_view_init_actors (self);

  g_signal_connect_object (tf_stamp_library_get_default (), "stamp-verified",
                           G_CALLBACK (on_stamp_verified), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tf_stamp_library_get_default (), "stamp-refused",
                           G_CALLBACK (on_stamp_refused), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (tf_board_view_show_stamp_notice), NULL);
}

GtkWidget *
tf_board_view_new (void)
{
  return g_object_new (TF_TYPE_BOARD_VIEW, NULL);
}

TfHistory *
tf_board_view_get_history (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), NULL);

  return self->history;
}

gint64
tf_board_view_get_board_id (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), 0);

  return self->board_id;
}

TfScene *
tf_board_view_get_scene (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), NULL);

  return self->board_id != 0 ? self->scene : NULL;
}

double
tf_board_view_get_zoom (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), 1.0);

  return self->zoom;
}

gboolean
tf_board_view_get_empty (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), TRUE);

  return self->empty;
}

gboolean
tf_board_view_get_editing (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), FALSE);

  return self->editor != NULL && gtk_widget_get_visible (self->editor);
}

gboolean
tf_board_view_get_snap_to_grid (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), FALSE);

  return self->snap_to_grid;
}

GActionGroup *
tf_board_view_get_actions (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

void
tf_board_view_set_history (TfBoardView *self,
                           TfHistory   *history)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));
  g_return_if_fail (history == NULL || TF_IS_HISTORY (history));

  if (!g_set_object (&self->history, history))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

static void
set_scene (TfBoardView *self,
           TfScene     *scene)
{
  tf_board_view_stop_editing (self);
  tf_board_view_cancel_drag (self, NULL);
  if (self->scene != NULL)
    g_signal_handlers_disconnect_by_data (self->scene, self);
  g_set_object (&self->scene, scene);
  g_signal_connect_object (self->scene, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);

  tf_renderer_invalidate_all (self->renderer);
  g_hash_table_remove_all (self->selected);
  g_array_set_size (self->selection, 0);
  g_hash_table_remove_all (self->highlights);
  self->current_highlight = 0;
  self->hover_id = 0;
  update_empty (self);
  tf_board_view_selection_changed (self);
  tf_board_view_notice_refused_stamps (self);
}

gboolean
tf_board_view_set_board_id (TfBoardView  *self,
                            gint64        board_id,
                            GError      **error)
{
  g_autoptr(TfScene) scene = NULL;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), FALSE);

  /* The scene follows the archive by itself: the same board is not reread. */
  if (board_id == self->board_id)
    return TRUE;

  /* A note being written belongs to the board it was started on; a tool
   * to the board it was picked on. */
  tf_board_view_stop_editing (self);
  tf_board_view_cancel_tool (self);

  if (board_id != 0)
    {
      g_return_val_if_fail (self->history != NULL, FALSE);

      scene = tf_scene_new_for_board (tf_history_get_store (self->history), board_id, error);
      if (scene == NULL)
        return FALSE;
    }
  else
    {
      scene = tf_scene_new ();
    }

  self->board_id = board_id;
  set_scene (self, scene);
  if (tf_scene_get_n_skipped (scene, TF_CONTENT_OK) > 0)
    {
      guint n = tf_scene_get_n_skipped (scene, TF_CONTENT_OK);
      g_autofree char *reasons = tf_scene_describe_skipped (scene);
      g_autofree char *title = g_strdup_printf (ngettext ("%u item of this board could not be read and was left out",
                                                          "%u items of this board could not be read and were left out",
                                                          n),
                                                n);

      g_debug ("Board %" G_GINT64_FORMAT ": %s (%s)", board_id, title, reasons);
      tf_board_view_show_toast (self, title, FALSE);
    }
  self->needs_fit = TRUE;
  tf_board_view_fit_all (self, FALSE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOARD_ID]);
  return TRUE;
}

void
tf_board_view_set_zoom (TfBoardView *self,
                        double       zoom)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  tf_board_view_stop_animation (self);
  tf_board_view_zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                         gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
tf_board_view_set_snap_to_grid (TfBoardView *self,
                                gboolean     snap_to_grid)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  snap_to_grid = !!snap_to_grid;
  if (self->snap_to_grid == snap_to_grid)
    return;
  self->snap_to_grid = snap_to_grid;
  tf_board_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

TfTool *
tf_board_view_get_tool (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), NULL);

  return self->tool;
}

/* Drops the gesture of the tool in progress, if any. */
static gboolean
cancel_gesture (TfBoardView *self)
{
  gboolean had = FALSE;

  if (self->tool != NULL && self->tool->klass->cancel != NULL)
    had = self->tool->klass->cancel (self->tool, self);
  self->tool_grab = FALSE;
  return had;
}

/* One tool at a time, with its cursor while it is held. */
gboolean
tf_board_view_set_tool (TfBoardView *self,
                        TfTool      *tool)
{
  g_autoptr(TfTool) owned = tool;
  g_autoptr(TfTool) old = NULL;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), FALSE);

  if (tool != NULL && (!self->editable || self->board_id == 0))
    return FALSE;
  if (tool == NULL && self->tool == NULL)
    return TRUE;
  cancel_gesture (self);
  old = g_steal_pointer (&self->tool);
  self->tool = g_steal_pointer (&owned);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->tool != NULL ? self->tool->klass->cursor : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAMP_TOOL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK_TOOL]);
  return TRUE;
}

gboolean
tf_board_view_cancel_tool (TfBoardView *self)
{
  gboolean had;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), FALSE);

  had = cancel_gesture (self) || self->tool != NULL;
  tf_board_view_set_tool (self, NULL);
  return had;
}

void
tf_board_view_set_highlights (TfBoardView  *self,
                              const gint64 *ids,
                              guint         n_ids,
                              gint64        current)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  g_hash_table_remove_all (self->highlights);
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (self->highlights, g_memdup2 (&ids[i], sizeof ids[i]));
  self->current_highlight = current;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tf_board_view_notify_editing (TfBoardView *self)
{
  tf_board_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

gboolean
tf_board_view_get_editable (TfBoardView *self)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), FALSE);

  return self->editable;
}

void
tf_board_view_set_editable (TfBoardView *self,
                            gboolean     editable)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  self->editable = editable;
  if (!editable)
    {
      tf_board_view_stop_editing (self);
      tf_board_view_cancel_tool (self);
    }
  tf_board_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITABLE]);
}
