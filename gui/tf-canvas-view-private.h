/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The canvas view's instance, for the views that derive from it (the
 * board editor reads its viewport directly). */

#include "tf-canvas-view.h"

G_BEGIN_DECLS

struct _TfCanvasView
{
  GtkWidget           parent_instance;

  TfScene            *scene;
  TfRenderer         *renderer;

  /* What the view shows, in widget (logical) pixels. */
  double              x;
  double              y;
  double              zoom;
  gboolean            needs_fit;
  /* Fitted at this size and not moved since: fitted again when the size
   * changes. */
  gboolean            fit_held;
  int                 fit_width, fit_height;
  double              open_zoom;
  gboolean            allocating;
  guint               notify_source;     /* "zoom" changed while allocating */
  gboolean            empty;

  /* Search matches. */
  GHashTable         *highlights;
  GArray             *left_out;    /* gint64: items not drawn (tf_canvas_view_set_left_out) */
  gint64              current_highlight;
  /* Tinted outlines: id → 0xRRGGBB | 1 << 24. */
  GHashTable         *tints;
  /* The room's high contrast (tf_canvas_view_set_high_contrast). */
  gboolean            high_contrast;
  /* "Room" rendering's least text height (tf_canvas_view_set_min_text). */
  double              min_text;

  guint               sharpen_source;    /* another frame once zoomed bitmaps are remade */
  gboolean            drawn_whole;       /* the last frame drew everything (no tile or text left) */
  guint               prefetch_source;   /* tiles around the view, between frames */

  /* Smooth moves of the view. */
  guint               tick_id;
  gint64              anim_start;
  double              anim_from[3];      /* centre x, centre y, zoom */
  double              anim_to[3];
};

/* Sets the zoom, keeping the origin. */
void tf_canvas_view_set_zoom_internal (TfCanvasView *self,
                                       double        zoom);

/* The user works on the board where it is (a press, a key): a board fitted
 * on opening is no longer fitted again when the view's size changes. */
void tf_canvas_view_release_fit       (TfCanvasView *self);

G_END_DECLS
