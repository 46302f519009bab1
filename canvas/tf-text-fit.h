/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* Text laid out in board units, independent of zoom: hinting is off so a
 * layout drawn at any scale keeps its line breaks. */
PangoContext *tf_text_context_new (void) G_GNUC_WARN_UNUSED_RESULT;

/* Lays out @text to fit in @width × @height: the largest font size from
 * @max_size down to @min_size (in board units) at which the whole text fits;
 * at @min_size, the text is cut with an ellipsis instead of overflowing. The
 * layout's logical extents never exceed the box. @size_out gets the size. */
PangoLayout  *tf_text_fit         (PangoContext *context,
                                   const char   *text,
                                   double        width,
                                   double        height,
                                   double        max_size,
                                   double        min_size,
                                   gboolean      bold,
                                   double       *size_out) G_GNUC_WARN_UNUSED_RESULT;

/* The narrowest width, at most @width, at which tf_text_fit() of @text
 * (same box height and sizes) gives the same size and number of lines as
 * at @width: lines of even length instead of a greedy wrap that leaves
 * one short word alone on the last. @width itself for one line, or a text
 * with line breaks of its own. */
double        tf_text_balance_width (PangoContext *context,
                                     const char   *text,
                                     double        width,
                                     double        height,
                                     double        max_size,
                                     double        min_size,
                                     gboolean      bold);

/* One line of @text at @size, ellipsized to @width. */
PangoLayout  *tf_text_line        (PangoContext *context,
                                   const char   *text,
                                   double        width,
                                   double        size,
                                   gboolean      bold) G_GNUC_WARN_UNUSED_RESULT;

/* The largest size in [@min_size, @max_size], to a quarter unit, at which
 * @fits_at says a text fits; -1 when it does not fit even at @min_size. Both
 * ways of laying out a quote search their size with it. */
typedef gboolean (*TfTextFitsFunc) (double   size,
                                    gpointer user_data);

double        tf_text_largest_size (double         min_size,
                                    double         max_size,
                                    TfTextFitsFunc fits_at,
                                    gpointer       user_data);

/* The least size a text fitted between @own_min and @max_size (board
 * units) is drawn at when "room" rendering asks for no less than
 * @room_min (0: no such ask): @room_min rounded up to a whole @step (so a
 * gliding camera lays the text out again only now and then), within
 * [@own_min, @max_size]. The item kinds' draw and text_size hooks share it. */
double        tf_text_room_min     (double own_min,
                                    double max_size,
                                    double room_min,
                                    double step);

/* French typography: whether the space at @space (a byte of @text) binds
 * its neighbours, so that no line breaks there: after « or ‹, before » ›
 * ! ? : ; ("m'a dit : «" never ends a line, "»" never starts one). Both
 * ways of laying out a quote keep these spaces. */
gboolean      tf_text_space_binds  (const char   *text,
                                    const char   *space);

/* The font the boards use. */
#define TF_BOARD_FONT_FAMILY "Sans"

G_END_DECLS
