/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A photo-mockup as data (issue #11): a photo of a real place, images
 * placed onto its surfaces in perspective, and what is drawn on top of it
 * (numbered callouts, speech bubbles, blur regions). What is stored is
 * always the source and its geometry, never the warped or blurred pixels,
 * so everything can be changed later.
 *
 * Stored as items of a mockup board (kind ids below). Positions and sizes
 * are in board units; the item's bounds are where it is on the board.
 *
 *   "mk-photo"   the base photo. Its `asset_id` column names the asset (the
 *     cleaned bytes of the photo or the PDF, tf-decode.h), which keeps it
 *     from being deleted while the item uses it; the payload repeats it
 *     for drawing. Bounds: the photo (its crop) on the board, aspect kept.
 *     payload {"asset": 12,
 *              "page": 0,                  a PDF's page, from 0
 *              "natural": [4000, 3000],    pixels upright (a PDF page: points)
 *              "crop": [0, 0, 1, 1],       x, y, width, height of the part
 *                                          shown, normalised to the natural
 *                                          size ([0, 0, 1, 1]: all of it)
 *              "people_visible": false,    people can be recognised on it
 *              "consent": {"given": true,  their consent was given (when
 *                          "at": "2026-12-05T11:40:00Z"},   and when); or absent
 *              "before_of": 0}             this photo is the original ("before")
 *                                          of the montage photo item 34; 0: none
 *
 *   "mk-place"   an image placed in perspective on a photo (a poster on a
 *     wall, a kit cover on a desk). Its `asset_id` column and "asset" name
 *     the source image or PDF. Bounds: the box of its four corners.
 *     payload {"asset": 13, "page": 0,
 *              "photo": 11,                the mk-photo item it sits on
 *              "corners": [x1, y1, x2, y2, x3, y3, x4, y4]}
 *     The corners are where the image's top-left, top-right, bottom-right
 *     and bottom-left corners land, in board units relative to the item's
 *     bounds' top-left corner (so that moving the item moves them), and
 *     form a quad tf_quad_shape() accepts (the commands correct or refuse
 *     others; one read otherwise is drawn as a dashed outline).
 *
 *   "mk-callout" a numbered disc on the photo; text = its legend text.
 *     payload {"photo": 11, "order": 0}
 *     The number is not stored: the callouts of a board are numbered 1, 2…
 *     photo by photo in reading order, each photo's by "order", then id
 *     (tf_mk_callout_number()), so that deleting one renumbers the others
 *     and no two on a board share a number.
 *
 *   "mk-bubble"  a speech bubble; text = what is said; bounds: its body.
 *     payload {"photo": 11, "tail": [x, y]}  where the tail points, relative
 *                                            to the bounds' top-left corner
 *
 *   "mk-blur"    a region of the photo made unreadable (a face, a badge, a
 *     screen); bounds: the region's box.
 *     payload {"photo": 11, "shape": "rect" | "ellipse",
 *              "mode": "pixelate" | "blur", "cell": 0}
 *     "cell": the side of a pixelation block in board units, 0 for the
 *     default (a tenth of the region's shorter side, at least 4). Blur
 *     regions are applied to the photo's own pixels wherever it is drawn,
 *     so that no export holds what is under them.
 *
 * Unknown keys are kept as they are. Missing or wrong keys take their
 * defaults; numbers out of range are clamped; reading never fails. */

#include <glib.h>
#include <json-glib/json-glib.h>

#include "canvas/tf-rect.h"
#include "canvas/tf-scene.h"
#include "mockups/tf-decode.h"
#include "mockups/tf-perspective.h"

G_BEGIN_DECLS

/* The item kinds' ids, for mockups/ and gui/mockups/ only. */
#define TF_MK_PHOTO_KIND   "mk-photo"
#define TF_MK_PLACE_KIND   "mk-place"
#define TF_MK_CALLOUT_KIND "mk-callout"
#define TF_MK_BUBBLE_KIND  "mk-bubble"
#define TF_MK_BLUR_KIND    "mk-blur"

/* Caps, far beyond a real mockup and small enough that a hostile archive
 * cannot make drawing slow or ask for absurd pixel counts: a photo's
 * natural size (each side, and width × height as the decoder's own limit),
 * a PDF page index, and how many callouts, bubbles and blur regions one
 * photo draws (those beyond are not drawn). */
#define TF_MK_MAX_SIDE        100000
#define TF_MK_MAX_PAGE        (TF_DECODE_MAX_PDF_PAGES - 1)
#define TF_MK_MAX_ANNOTATIONS 200
/* The smallest part of a photo a crop keeps (normalised). */
#define TF_MK_MIN_CROP        0.01

typedef enum {
  TF_MK_BLUR_RECT,
  TF_MK_BLUR_ELLIPSE,
} TfMkBlurShape;

typedef enum {
  TF_MK_BLUR_PIXELATE,
  TF_MK_BLUR_BLUR,
} TfMkBlurMode;

typedef struct {
  gint64   asset;
  int      page;
  int      natural_width;   /* 0 when unknown */
  int      natural_height;
  TfRect   crop;            /* normalised, within (0, 0, 1, 1) */
  gboolean people_visible;
  gboolean consent_given;
  char    *consent_at;      /* ISO 8601, "" when not given */
  gint64   before_of;
} TfMkPhoto;

typedef struct {
  gint64 asset;
  int    page;
  gint64 photo;
  TfQuad corners;           /* relative to the item's bounds' top-left */
  gboolean has_corners;     /* FALSE: none stored (drawn as the bounds) */
} TfMkPlace;

typedef struct {
  gint64 photo;
  double order;
} TfMkCallout;

typedef struct {
  gint64 photo;
  double tail_x;            /* relative to the bounds' top-left */
  double tail_y;
} TfMkBubble;

typedef struct {
  gint64        photo;
  TfMkBlurShape shape;
  TfMkBlurMode  mode;
  double        cell;       /* 0: the default */
} TfMkBlur;

/* Reading: from a parsed payload object (NULL: the defaults). */
void       tf_mk_photo_read     (TfMkPhoto     *photo,
                                 JsonObject    *payload);
void       tf_mk_place_read     (TfMkPlace     *place,
                                 JsonObject    *payload);
void       tf_mk_callout_read   (TfMkCallout   *callout,
                                 JsonObject    *payload);
void       tf_mk_bubble_read    (TfMkBubble    *bubble,
                                 JsonObject    *payload);
void       tf_mk_blur_read      (TfMkBlur      *blur,
                                 JsonObject    *payload);
void       tf_mk_photo_clear    (TfMkPhoto     *photo);

/* Writing: the payload JSON; @old_payload's unknown keys are kept (NULL:
 * none). */
char      *tf_mk_photo_to_json   (const TfMkPhoto   *photo,
                                  const char        *old_payload) G_GNUC_WARN_UNUSED_RESULT;
char      *tf_mk_place_to_json   (const TfMkPlace   *place,
                                  const char        *old_payload) G_GNUC_WARN_UNUSED_RESULT;
char      *tf_mk_callout_to_json (const TfMkCallout *callout,
                                  const char        *old_payload) G_GNUC_WARN_UNUSED_RESULT;
char      *tf_mk_bubble_to_json  (const TfMkBubble  *bubble,
                                  const char        *old_payload) G_GNUC_WARN_UNUSED_RESULT;
char      *tf_mk_blur_to_json    (const TfMkBlur    *blur,
                                  const char        *old_payload) G_GNUC_WARN_UNUSED_RESULT;

/* The payload of an item parsed as an object, NULL when it is not one (it
 * goes through tf_item_parse_json(): the archive's JSON limits). */
JsonObject *tf_mk_parse_payload  (const char        *payload) G_GNUC_WARN_UNUSED_RESULT;

/* The photo's natural size cropped, in pixels (1 × 1 when unknown). */
void       tf_mk_photo_cropped_size (const TfMkPhoto *photo,
                                     double          *width,
                                     double          *height);

/* The number a callout item shows, unique on the board: its rank among
 * the callouts of @scene, photo by photo in reading order (as the printed
 * key lists them), each photo's by order then id, from 1; 0 when @item is
 * not a parsed callout. Adding, deleting or moving a photo renumbers. */
int        tf_mk_callout_number  (TfScene      *scene,
                                  const TfItem *item);
/* The blur regions drawn on photo item @photo_id in @scene (borrowed
 * TfItem *, at most TF_MK_MAX_ANNOTATIONS), appended to @regions. */
void       tf_mk_blur_regions    (TfScene      *scene,
                                  gint64        photo_id,
                                  GPtrArray    *regions);
/* The side of a blur region's pixelation blocks, board units. */
double     tf_mk_blur_cell       (const TfMkBlur *blur,
                                  const TfRect   *bounds);

/* Names as stored. */
const char   *tf_mk_blur_shape_to_string (TfMkBlurShape shape);
const char   *tf_mk_blur_mode_to_string  (TfMkBlurMode  mode);

G_END_DECLS
