/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* An SVG written from the scene rather than through cairo's SVG surface
 * (which writes every glyph as a <use> of an outline and a gradient per
 * fill): the item kinds that can (TfItemKind.write_svg) write their shapes
 * as SVG elements, their text as <text>, and share definitions (one
 * gradient per colour) through the sink. Coordinates are board units;
 * the export puts the whole under one transform. */

#include <pango/pangocairo.h>

G_BEGIN_DECLS

typedef struct _TfSvgSink TfSvgSink;

TfSvgSink   *tf_svg_sink_new           (void) G_GNUC_WARN_UNUSED_RESULT;
void         tf_svg_sink_free          (TfSvgSink    *self);
/* The elements written so far, and the definitions they use. */
GString     *tf_svg_sink_get_body      (TfSvgSink    *self);
GString     *tf_svg_sink_get_defs      (TfSvgSink    *self);

/* Appends a number ("12.5") in the C locale, two decimals at most. */
void         tf_svg_append_number      (GString      *out,
                                        double        value);
/* Appends "#rrggbb". */
void         tf_svg_append_color       (GString      *out,
                                        guint32       rgb);
/* The id of a vertical gradient over its shape's box (objectBoundingBox)
 * from @top to @bottom, defined once for all the shapes that use it. */
const char  *tf_svg_sink_gradient      (TfSvgSink    *self,
                                        guint32       top,
                                        guint32       bottom);
/* @layout's lines as one <text>, its top-left corner at (@x, @y), in the
 * layout's font, size and weight; @rgb at @alpha. */
void         tf_svg_sink_layout        (TfSvgSink    *self,
                                        PangoLayout  *layout,
                                        double        x,
                                        double        y,
                                        guint32       rgb,
                                        double        alpha);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfSvgSink, tf_svg_sink_free)

G_END_DECLS
