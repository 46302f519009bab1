/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Checks an SVG from elsewhere before it enters the archive. Files from
 * outside may be broken or hostile: every refusal is a TF_STAMP_ERROR with a
 * sentence that says why, and nothing in here reads a file, follows a
 * reference or renders without a bound on the work. */

#include <gio/gio.h>

#include "tf-stamp.h"

G_BEGIN_DECLS

#define TF_SVG_MAX_BYTES     (512 * 1024)
#define TF_SVG_MAX_ELEMENTS  5000
#define TF_SVG_MAX_DEPTH     64
#define TF_SVG_MAX_USES      200
/* Shapes drawn once every <use>, pattern, marker… is expanded. */
#define TF_SVG_MAX_EXPANDED  100000
/* Largest width, height or viewBox side, in user units. */
#define TF_SVG_MAX_SIZE      10000.0
/* Vertices of every path, polyline and polygon together (a command or a
 * pair of numbers each). */
#define TF_SVG_MAX_VERTICES  10000
/* Markers drawn: vertices that may carry markers times the marker
 * declarations. */
#define TF_SVG_MAX_MARKERS   500
/* Bytes of text drawn by <text> and its children. */
#define TF_SVG_MAX_TEXT      1024
/* Numbers in one stroke-dasharray. */
#define TF_SVG_MAX_DASHES    32
/* <pattern> elements. */
#define TF_SVG_MAX_PATTERNS  8

/* The markup pass alone: size, XML well-formedness (with no DOCTYPE nor
 * entity), root element, external references, forbidden elements (filters
 * among them: a pictogram needs none, and they are librsvg's costliest and
 * least robust part) and the bounds above. */
gboolean tf_svg_check_markup (GBytes   *svg,
                              GError  **error);
/* The markup pass, then a load and renders by librsvg in a separate process
 * with a deadline and a memory cap (see tf-svg-sandbox.h), which must show
 * something. */
gboolean tf_svg_check       (GBytes   *svg,
                              GError  **error);

G_END_DECLS
