/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Pure geometry for arranging a board: no store, no commands. The view turns
 * the rectangles these compute into one tf_command_set_bounds(). */

#include "tf-scene.h"

G_BEGIN_DECLS

typedef enum {
  TF_ALIGN_LEFT,
  TF_ALIGN_CENTER,      /* horizontal centres */
  TF_ALIGN_RIGHT,
  TF_ALIGN_TOP,
  TF_ALIGN_MIDDLE,      /* vertical centres */
  TF_ALIGN_BOTTOM,
  TF_DISTRIBUTE_HORIZONTAL,  /* equal gaps, leftmost and rightmost stay */
  TF_DISTRIBUTE_VERTICAL,
} TfAlign;

/* Room between notes, in board units. */
#define TF_LAYOUT_GAP 40.0
/* Inside a zone: padding around its notes and the band for its title. */
#define TF_LAYOUT_ZONE_PADDING 40.0
#define TF_LAYOUT_ZONE_TITLE 60.0

void     tf_layout_align           (TfRect        *rects,
                                    guint          n,
                                    TfAlign        how);
/* Lays a zone's notes out in a grid inside it, in reading order; the zone
 * grows (never shrinks below its size) to hold them. rects[0] is the zone. */
void     tf_layout_tidy_zone       (TfRect        *rects,
                                    guint          n);
/* Lays out every zone (with its notes tidied) and every loose note of a
 * scene without overlap. Fills @ids and @rects (arrays of gint64 and TfRect)
 * with the new bounds of what moves. */
void     tf_layout_arrange_all     (TfScene       *scene,
                                    GArray        *ids,
                                    GArray        *rects);
/* Layout commands over a scene, as the board runs them. Each fills @ids and
 * @rects with the new bounds of what moves, and never leaves an item hidden
 * under another (see tf_layout_clear_overlaps()). */
void     tf_layout_align_items     (TfScene       *scene,
                                    const gint64  *selection,
                                    guint          n,
                                    TfAlign        how,
                                    GArray        *ids,
                                    GArray        *rects);
/* Tidies each zone of @zones with its members. */
void     tf_layout_tidy_zones      (TfScene       *scene,
                                    const gint64  *zones,
                                    guint          n,
                                    GArray        *ids,
                                    GArray        *rects);

/* How a command's items may slide when they would hide another item. */
typedef enum {
  TF_LAYOUT_SLIDE_ANY,     /* to the nearest free place */
  TF_LAYOUT_SLIDE_DOWN,    /* keep x (after aligning left, centres, right) */
  TF_LAYOUT_SLIDE_RIGHT,   /* keep y (after aligning tops, middles, bottoms) */
} TfLayoutSlide;

/* Given the new bounds a command gives @ids (@rects), slides what would
 * hide another item (a note on a note, a cluster over another cluster or
 * over notes that are not its members) to the nearest free place, a zone
 * with its members as one block, in the order of @ids. Notes that lie inside
 * a moved cluster without being its members are moved out to the nearest
 * free place, and appended to @ids and @rects. Only content items (notes,
 * labels, stamps) and clusters count. */
void     tf_layout_clear_overlaps  (TfScene       *scene,
                                    GArray        *ids,
                                    GArray        *rects,
                                    TfLayoutSlide  slide);
/* Where a new note of @size goes: near (@x, @y) if given (has_point), else
 * after the last note in reading order; never on top of another note. */
TfRect   tf_layout_next_free_place (TfScene       *scene,
                                    gboolean       has_point,
                                    double         x,
                                    double         y,
                                    double         size);

/* Where a note of @size written from the keyboard goes: in rows across
 * @view (the board as the user sees it, in board units), left to right
 * then the next row down, at the first place where nothing is; when the
 * view is full, on in rows below it, in the same columns. */
TfRect   tf_layout_place_in_view   (TfScene       *scene,
                                    const TfRect  *view,
                                    double         size);

/* Snapping a moving rectangle: to other items' edges and centres within
 * @threshold (board units), else to the grid if @grid > 0. Returns the
 * corrected offset and, for guides, the x and y lines snapped to (NAN when
 * none). Items in @ignore (the ones being moved) are not snap targets. */
typedef struct {
  double dx;
  double dy;
  double guide_x;
  double guide_y;
} TfSnap;

TfSnap   tf_layout_snap            (TfScene       *scene,
                                    const TfRect  *moving,
                                    double         dx,
                                    double         dy,
                                    GHashTable    *ignore,
                                    double         threshold,
                                    double         grid);

G_END_DECLS
