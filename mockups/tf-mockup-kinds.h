/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The item kinds of a mockup board (their payloads: tf-mockup-model.h).
 * Elsewhere than mockups/ and gui/mockups/ nothing names them.
 *
 * Pixels come from the process's cache (tf-mockup-pixels.h), decoded by
 * the sandboxed helper: on screen at the size drawn, in the background
 * (a placeholder shows until ::ready), in exports (TfRenderContext.print)
 * at full resolution, waited for. Placed images are warped by
 * tf_perspective_draw() at GOOD quality, in vector exports at 300 dpi. */

#include "canvas/tf-item.h"
#include "tf-mockup-model.h"

G_BEGIN_DECLS

/* The resolution placed images and PDF pages are rendered at in vector
 * exports (PDF, SVG), in pixels per inch. */
#define TF_MK_PRINT_DPI 300.0
/* The quality of the JPEG a photo from a JPEG is printed as (PDF, SVG). */
#define TF_MK_PRINT_JPEG_QUALITY 90

/* The base photo (layer ZONES: under everything drawn on it). Its blur
 * regions are applied to its own pixels: in an export, what lies under
 * them is never written. Data: TfMkPhoto. */
extern const TfItemKind tf_mk_photo_kind;
/* An image placed in perspective (layer THINGS). Data: TfMkPlace. */
extern const TfItemKind tf_mk_place_kind;
/* A numbered disc; its text is its legend's. Data: TfMkCallout. */
extern const TfItemKind tf_mk_callout_kind;
/* A speech bubble with its tail. Data: TfMkBubble. */
extern const TfItemKind tf_mk_bubble_kind;
/* A blur region: drawn by its photo; on screen its outline shows where it
 * is (not in exports). Data: TfMkBlur. */
extern const TfItemKind tf_mk_blur_kind;

/* The parsed data of an item of each kind, NULL when @item is not one. */
const TfMkPhoto   *tf_mk_photo_item_get   (const TfItem *item);
const TfMkPlace   *tf_mk_place_item_get   (const TfItem *item);

/* The quad a placement is drawn on, in board units (its corners moved to
 * its bounds); FALSE when @item is not a parsed placement. */
gboolean           tf_mk_place_item_quad  (const TfItem *item,
                                           TfQuad       *quad);

/* Draws @image (any size) pixelated or blurred over @region of @cr's user
 * space, which is @image's own pixel space, clipped to @shape; @cell is the
 * block side in those pixels. What tf_mk_photo_kind does for each region. */
void               tf_mk_draw_blur_region (cairo_t         *cr,
                                           cairo_surface_t *image,
                                           const TfRect    *region,
                                           double           cell,
                                           TfMkBlurShape    shape,
                                           TfMkBlurMode     mode);

G_END_DECLS
