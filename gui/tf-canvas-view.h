/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "canvas/tf-renderer.h"
#include "canvas/tf-scene.h"

G_BEGIN_DECLS

/* A board on screen, to look at: the scene drawn by the renderer through the
 * tile cache, a viewport (origin and zoom) moved smoothly, search matches.
 * No selection, no editing, no action, no input: the projection mode and the
 * export preview show a board with it as it is; the editor (TfBoardView)
 * derives from it and draws its overlays on top. */

#define TF_TYPE_CANVAS_VIEW (tf_canvas_view_get_type ())
GType tf_canvas_view_get_type (void) G_GNUC_CONST;
#define TF_CANVAS_VIEW(obj) (G_TYPE_CHECK_INSTANCE_CAST ((obj), TF_TYPE_CANVAS_VIEW, TfCanvasView))
#define TF_CANVAS_VIEW_CLASS(klass) (G_TYPE_CHECK_CLASS_CAST ((klass), TF_TYPE_CANVAS_VIEW, TfCanvasViewClass))
#define TF_IS_CANVAS_VIEW(obj) (G_TYPE_CHECK_INSTANCE_TYPE ((obj), TF_TYPE_CANVAS_VIEW))
#define TF_CANVAS_VIEW_GET_CLASS(obj) (G_TYPE_INSTANCE_GET_CLASS ((obj), TF_TYPE_CANVAS_VIEW, TfCanvasViewClass))

/* The instance is in tf-canvas-view-private.h, for subclasses. */
typedef struct _TfCanvasView TfCanvasView;
typedef struct _TfCanvasViewClass TfCanvasViewClass;

struct _TfCanvasViewClass
{
  GtkWidgetClass parent_class;

  /* The origin or the zoom changed: a subclass places its children. */
  void (*viewport_changed) (TfCanvasView *self);

  gpointer padding[8];
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfCanvasView, g_object_unref)

/* Zoom is in screen pixels per board unit: 2 % to 800 %; a board too big
 * to fit at 2 % zooms out further (tf_canvas_view_get_min_zoom()). */
#define TF_CANVAS_VIEW_MIN_ZOOM  0.02
#define TF_CANVAS_VIEW_MAX_ZOOM  8.0

GtkWidget  *tf_canvas_view_new             (void);

/* The items shown; never NULL (an empty scene at first). */
TfScene    *tf_canvas_view_get_scene       (TfCanvasView *self);
/* Shows @scene, which the view follows as it changes; fits it in view. */
void        tf_canvas_view_set_scene       (TfCanvasView *self,
                                            TfScene      *scene);
TfRenderer *tf_canvas_view_get_renderer    (TfCanvasView *self);
/* The archive the scenes shown come from (NULL: none): the renderer draws
 * its assets (photos, placed images, PDF pages) on every board. */
void        tf_canvas_view_set_store       (TfCanvasView *self,
                                            TfStore      *store);
/* Whether the scene has nothing to show (no visible item). */
gboolean    tf_canvas_view_get_empty       (TfCanvasView *self);

double      tf_canvas_view_get_zoom        (TfCanvasView *self);
/* The furthest this view zooms out: 2 %, or what fits the whole scene. */
double      tf_canvas_view_get_min_zoom    (TfCanvasView *self);
/* Zooms around the centre of the view. */
void        tf_canvas_view_set_zoom        (TfCanvasView *self,
                                            double        zoom);
/* Zooms so that the board point under (@x, @y), in widget coordinates,
 * stays under it. */
void        tf_canvas_view_zoom_at         (TfCanvasView *self,
                                            double        zoom,
                                            double        x,
                                            double        y);
/* The board point at the widget's top-left corner. */
void        tf_canvas_view_get_origin      (TfCanvasView *self,
                                            double       *x,
                                            double       *y);
void        tf_canvas_view_set_origin      (TfCanvasView *self,
                                            double        x,
                                            double        y);
/* The board point at a widget point, and back. */
void        tf_canvas_view_to_board        (TfCanvasView *self,
                                            double        x,
                                            double        y,
                                            double       *board_x,
                                            double       *board_y);
void        tf_canvas_view_to_widget       (TfCanvasView *self,
                                            double        board_x,
                                            double        board_y,
                                            double       *x,
                                            double       *y);
/* Shows the whole scene (smoothly if @animate); before the first
 * allocation, once the view has a size. */
/* The smallest zoom a board opens at (see TfBoardTypeGui.open_zoom); 0 to
 * open on the whole board. */
void        tf_canvas_view_set_open_zoom   (TfCanvasView *self,
                                            double        zoom);
void        tf_canvas_view_fit_all         (TfCanvasView *self,
                                            gboolean      animate);
/* Moves smoothly to show @area, at most at @max_zoom. */
void        tf_canvas_view_animate_to      (TfCanvasView *self,
                                            const TfRect *area,
                                            double        max_zoom);
/* Moves smoothly to centre (@cx, @cy) at @zoom. */
void        tf_canvas_view_animate_centre  (TfCanvasView *self,
                                            double        cx,
                                            double        cy,
                                            double        zoom);
void        tf_canvas_view_stop_animation  (TfCanvasView *self);
/* Brings an item to the centre of the view, legible, smoothly. */
void        tf_canvas_view_reveal_item     (TfCanvasView *self,
                                            gint64        id);
/* Search matches: outlined in the accent colour, the rest dimmed; @current
 * is outlined more strongly. NULL clears. */
void        tf_canvas_view_set_highlights  (TfCanvasView *self,
                                            const gint64 *ids,
                                            guint         n_ids,
                                            gint64        current);
/* Items left out of the drawing (a reveal's cards not out yet): the paper
 * and its dots show where they are, their shadows too. Replaces the
 * previous list; n_ids 0 shows every item again. */
void        tf_canvas_view_set_left_out    (TfCanvasView *self,
                                            const gint64 *ids,
                                            guint         n_ids);
/* Items outlined in a colour of their own (0xRRGGBB), the rest left as it
 * is: a comparison's added and changed cards. Replaces the tint of those
 * items; tf_canvas_view_clear_tints() takes every tint off. */
void        tf_canvas_view_set_tints       (TfCanvasView *self,
                                            const gint64 *ids,
                                            guint         n_ids,
                                            guint32       rgb);
void        tf_canvas_view_clear_tints     (TfCanvasView *self);
/* The tint of an item, and whether it has one. */
gboolean    tf_canvas_view_get_tint        (TfCanvasView *self,
                                            gint64        id,
                                            guint32      *rgb);
/* High contrast for a pale projector (the room's H): stronger colours and
 * dark outlines around the items. */
void        tf_canvas_view_set_high_contrast (TfCanvasView *self,
                                              gboolean      high_contrast);
gboolean    tf_canvas_view_get_high_contrast (TfCanvasView *self);
/* "Room" rendering (the audience view): the cards lay their text out no
 * smaller than @px pixels high, as far as each card allows, instead of
 * scaling it down with the zoom (0: as on the board). */
void        tf_canvas_view_set_min_text      (TfCanvasView *self,
                                              double        px);
double      tf_canvas_view_get_min_text      (TfCanvasView *self);
/* Whether the view's last frame drew the scene whole: every tile of its
 * zoom there, every text laid out (a progressive frame leaves some for
 * the next ones). What tests wait for before reading pixels. */
gboolean    tf_canvas_view_get_drawn_whole   (TfCanvasView *self);

G_END_DECLS
