/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "bundles/tf-bundle-gui.h"
#include "stamps/tf-actor-items.h"
#include "canvas/tf-item-kinds.h"
#include "insights/tf-note-kind.h"
#include "insights/tf-insight.h"
#include "stamps/tf-stamp-library.h"
#include "tf-board-view-private.h"
#include "tf-widget-util.h"

/* The editor of a board. It derives from TfCanvasView (tf-canvas-view.c),
 * which draws the scene, keeps the viewport and outlines search matches;
 * this file draws what editing changes every frame on top: selection,
 * handles, hover, the rubber band, snap guides, the tool's overlay. Pointer
 * and keyboard live in tf-board-view-input.c, actions and the clipboard in
 * tf-board-view-actions.c, the note editor in tf-board-view-editor.c. */

G_DEFINE_FINAL_TYPE (TfBoardView, tf_board_view, TF_TYPE_CANVAS_VIEW)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_BOARD_ID,
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
  return TF_RECT_INIT ((r->x - self->canvas.x) * self->canvas.zoom, (r->y - self->canvas.y) * self->canvas.zoom,
                       r->width * self->canvas.zoom, r->height * self->canvas.zoom);
}

static TfViewport
get_viewport (TfBoardView *self)
{
  TfViewport vp = {
    self->canvas.x, self->canvas.y, self->canvas.zoom,
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

  item = tf_scene_lookup (self->canvas.scene, g_array_index (self->selection, gint64, 0));
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

static void
draw_overlays (TfBoardView *self,
               cairo_t     *cr)
{
  TfTool *select_tool = tf_board_view_get_select_tool ();
  TfViewport vp = get_viewport (self);
  TfRect area = tf_viewport_get_area (&vp);

  if (self->hover_id != 0 && !tf_board_view_is_selected (self, self->hover_id) &&
      self->drag_mode == TF_DRAG_NONE)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, self->hover_id);

      if (item != NULL && !item->hidden && !tf_board_view_outline_link (self, cr, item, 0.45, 3.0))
        {
          TfRect r = to_widget_rect (self, &item->bounds);

          set_accent (cr, 0.45);
          outline (cr, &r, OUTLINE_GAP, 1.0);
        }
    }

  for (guint i = 0; i < self->selection->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (self->selection, gint64, i));
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
      TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (self->selection, gint64, 0));

      /* No handle invites a resize that a read-only archive refuses. */
      if (item != NULL && !item->hidden && resizable (self, item) && self->editable)
        draw_handles (self, cr, item);
    }

  tf_board_view_draw_focus_frame (self, cr);

  /* The select tool's gesture: a rubber band, snap guides. */
  select_tool->klass->draw_overlay (select_tool, self, cr);

  tf_board_view_draw_actor_overlays (self, cr);
  if (self->type_gui != NULL && self->type_gui->draw_overlay != NULL)
    self->type_gui->draw_overlay (self, cr);
  if (self->tool != NULL && self->tool->klass->draw_overlay != NULL)
    self->tool->klass->draw_overlay (self->tool, self, cr);
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

  /* The board and the search matches, then what editing draws on top. */
  GTK_WIDGET_CLASS (tf_board_view_parent_class)->snapshot (widget, snapshot);
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

/* The view narrowed (the side panel opened beside it, F9) after a zoom or
 * a pan: a selection that showed whole still shows, the view moved as
 * little as it takes. A board fitted and untouched is fitted again
 * instead (tf-canvas-view.c). */
static void
keep_selection_shown (TfBoardView *self,
                      int          old_width,
                      int          width)
{
  const double margin = 16.0;
  TfRect b = { 0 };
  gboolean any = FALSE;
  double x0, y0, x1, y1, dx;

  if (old_width <= 0 || width >= old_width || self->canvas.fit_held || self->canvas.scene == NULL ||
      self->canvas.zoom <= 0)
    return;
  for (guint i = 0; i < self->selection->len; i++)
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (self->selection, gint64, i));

      if (item == NULL || item->hidden)
        continue;
      b = any ? tf_rect_union (&b, &item->bounds) : item->bounds;
      any = TRUE;
    }
  if (!any)
    return;
  tf_board_view_to_widget (self, b.x, b.y, &x0, &y0);
  tf_board_view_to_widget (self, b.x + b.width, b.y + b.height, &x1, &y1);
  /* Whole before, cut now. */
  if (x0 < -0.5 || x1 > old_width + 0.5 || x1 <= width - margin)
    return;
  /* Its right edge in, never its left edge out. */
  dx = MIN (x1 - (width - margin), x0 - MIN (margin, x0));
  if (dx > 0)
    tf_canvas_view_set_origin (TF_CANVAS_VIEW (self), self->canvas.x + dx / self->canvas.zoom, self->canvas.y);
}

/* The keyboard moving through the window: the board is one stop (its
 * items are Tab's stops inside it, tf-board-view-focus.c), never a way
 * into the widgets it holds, which take the keyboard themselves when
 * they show (the note editor, a menu). */
static gboolean
tf_board_view_focus (GtkWidget        *widget,
                     GtkDirectionType  direction)
{
  if (gtk_widget_is_focus (widget))
    return FALSE;
  if (gtk_widget_get_focus_child (widget) != NULL)
    return GTK_WIDGET_CLASS (tf_board_view_parent_class)->focus (widget, direction);
  return gtk_widget_grab_focus (widget);
}

static void
tf_board_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  TfBoardView *self = TF_BOARD_VIEW (widget);

  keep_selection_shown (self, self->alloc_width, width);
  self->alloc_width = width;
  GTK_WIDGET_CLASS (tf_board_view_parent_class)->size_allocate (widget, width, height, baseline);
  tf_board_view_place_editor (self);
  /* A board type's menus and entries (popovers) are sized and placed here. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_present (GTK_POPOVER (child));
}

/* The editor follows its note when the view moves or zooms. */
static void
tf_board_view_viewport_changed (TfCanvasView *canvas)
{
  if (tf_board_view_get_editing (TF_BOARD_VIEW (canvas)))
    gtk_widget_queue_allocate (GTK_WIDGET (canvas));
}

/* Selection lives in tf-board-view-selection.c; this tells everyone it changed. */
void
tf_board_view_selection_changed (TfBoardView *self)
{
  self->tab_left_id = 0;
  tf_board_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  tf_board_view_announce (self);
}

/* The scene follows the archive; the view drops what it cached about the
 * items that changed, and forgets those that left. */

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

      if (item == NULL || item->hidden)
        {
          if (tf_board_view_is_selected (self, id))
            {
              tf_board_view_remove_selected (self, id);
              selection_changed = TRUE;
            }
          if (self->hover_id == id)
            self->hover_id = 0;
        }
    }

  /* The archive changed under a drag (an undo, another window): the items
   * were reloaded where the archive has them. */
  if (self->drag_mode == TF_DRAG_MOVE || self->drag_mode == TF_DRAG_RESIZE)
    tf_board_view_cancel_drag (self, ids);

  if (selection_changed)
    tf_board_view_selection_changed (self);
  else
    {
      tf_board_view_update_actions (self);
      /* The item the keyboard is on changed (its colour, its votes), or
       * one it speaks of (its cluster, a link): said again. */
      if (self->selection->len > 0)
        tf_board_view_announce (self);
    }

  tf_board_view_note_replayed_items (self, ids);
  g_signal_emit (self, signals[ITEMS_CHANGED], 0, ids);
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

  if (overlay == NULL)
    {
      g_debug ("No toast overlay: %s", title);
      return;
    }
  /* Two deletions in a row show one toast, the last one's, as the undo
   * toasts do: the one before goes instead of queueing behind. */
  tf_widget_replace_toast (ADW_TOAST_OVERLAY (overlay), title, undo_button ? _("_Undo") : NULL,
                           undo_button ? "win.undo" : NULL);
}

AdwToast *
tf_board_view_get_toast (TfBoardView *self)
{
  GtkWidget *overlay;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), NULL);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  return overlay != NULL ? tf_widget_replaced_toast (ADW_TOAST_OVERLAY (overlay)) : NULL;
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

  tf_board_view_dispose_editor (self);
  tf_board_view_dispose_actors (self);
  g_clear_pointer (&self->stamp_notice, g_free);
  g_clear_pointer (&self->a11y_title, g_free);
  g_clear_pointer (&self->a11y_name, g_free);
  g_clear_pointer (&self->a11y_description, g_free);
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
  g_clear_pointer (&self->rubber_base, g_hash_table_unref);
  g_clear_pointer (&self->drag_ignore, g_hash_table_unref);
  g_clear_pointer (&self->drag_ids, g_array_unref);
  g_clear_pointer (&self->drag_origins, g_array_unref);
  g_clear_pointer (&self->replay_ids, g_array_unref);
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
  widget_class->focus = tf_board_view_focus;
  widget_class->size_allocate = tf_board_view_size_allocate;
  TF_CANVAS_VIEW_CLASS (klass)->viewport_changed = tf_board_view_viewport_changed;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         TF_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BOARD_ID] =
    g_param_spec_int64 ("board-id", NULL, NULL,
                        0, G_MAXINT64, 0,
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
  /* Not an image (the canvas view's role, which screen readers pass by
   * as a picture): a group that takes the keyboard, whose name says the
   * focused item and changes with it (tf-board-view-focus.c). GTK 4.8 has
   * no "application" role; its "group" is AT-SPI's panel, which Orca
   * reads on focus and on a name change of the focused object. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* A key of the window rather than of the board: a modifier alone (the
 * Ctrl of Ctrl+F9) or a function key (F9 folds the side panel, Ctrl+F9
 * brings the archive back). They change the view's size, not what it
 * shows: a fitted board stays fitted through them. */
static gboolean
is_window_key (GdkEvent *event)
{
  guint keyval = gdk_key_event_get_keyval (event);

  return gdk_key_event_is_modifier (event) || (keyval >= GDK_KEY_F1 && keyval <= GDK_KEY_F35);
}

/* Any press, key or scroll: the user works on the board where it is
 * (tf_canvas_view_release_fit()). Seen first, never taken. */
static gboolean
release_fit (TfBoardView *self,
             GdkEvent    *event)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_KEY_PRESS && is_window_key (event))
    return GDK_EVENT_PROPAGATE;
  if (type == GDK_BUTTON_PRESS || type == GDK_KEY_PRESS || type == GDK_SCROLL || type == GDK_TOUCH_BEGIN ||
      type == GDK_TOUCHPAD_PINCH)
    tf_canvas_view_release_fit (TF_CANVAS_VIEW (self));
  return GDK_EVENT_PROPAGATE;
}

static void
tf_board_view_init (TfBoardView *self)
{
  GtkEventController *input = gtk_event_controller_legacy_new ();

  self->editable = TRUE;
  self->guide_x = self->guide_y = NAN;
  self->resize_handle = -1;
  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->selection = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->drag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->drag_origins = g_array_new (FALSE, FALSE, sizeof (TfRect));
  self->replay_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  tf_board_view_init_editor (self);
  tf_board_view_init_input (self);
  tf_board_view_init_actions (self);
  tf_board_view_init_actors (self);
  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (input, "event", G_CALLBACK (release_fit), self);
  gtk_widget_add_controller (GTK_WIDGET (self), input);

  g_signal_connect_object (tf_stamp_library_get_default (), "stamp-refused",
                           G_CALLBACK (on_stamp_refused), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (tf_board_view_show_stamp_notice), NULL);
  /* The focus frame comes and goes with the keyboard focus. */
  g_signal_connect (self, "state-flags-changed", G_CALLBACK (gtk_widget_queue_draw), NULL);
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

  return self->board_id != 0 ? self->canvas.scene : NULL;
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

  g_autoptr(TfHistory) old_history = self->history != NULL ? g_object_ref (self->history) : NULL;

  if (!g_set_object (&self->history, history))
    return;
  tf_board_view_watch_history (self, old_history);
  tf_canvas_view_set_store (TF_CANVAS_VIEW (self), history != NULL ? tf_history_get_store (history) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

static void
set_scene (TfBoardView *self,
           TfScene     *scene)
{
  tf_board_view_stop_editing (self);
  tf_board_view_cancel_drag (self, NULL);
  if (self->canvas.scene != NULL)
    g_signal_handlers_disconnect_by_func (self->canvas.scene, on_items_changed, self);
  /* The canvas hears of changes first: the renderer forgets the items, the
   * emptiness is known before the editor tells its own listeners. */
  tf_canvas_view_set_scene (TF_CANVAS_VIEW (self), scene);
  g_signal_connect_object (self->canvas.scene, "items-changed", G_CALLBACK (on_items_changed), self,
                           G_CONNECT_SWAPPED);

  g_hash_table_remove_all (self->selected);
  g_array_set_size (self->selection, 0);
  self->hover_id = 0;
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
  self->canvas.needs_fit = TRUE;
  tf_board_view_fit_all (self, FALSE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOARD_ID]);
  return TRUE;
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

gboolean
tf_board_view_drop_bundle (TfBoardView  *self,
                           const GValue *value)
{
  GFile *bundle = tf_bundle_gui_find_dropped (value);
  g_autofree char *uri = NULL;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (self), FALSE);

  if (bundle == NULL)
    return FALSE;
  uri = g_file_get_uri (bundle);
  return gtk_widget_activate_action (GTK_WIDGET (self), "bundle.open-uri", "s", uri);
}
