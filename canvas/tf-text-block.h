/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* A quote laid out without Pango: for the plain Latin text most post-its
 * hold, the font's own advances and greedy line breaking at spaces give the
 * same lines for a fraction of the cost, which a printed wall of ten
 * thousand notes feels. Anything else (other scripts, combining marks,
 * letters the font lacks, a word wider than the box, text that must be cut)
 * is left to Pango: tf_text_block_fit() then returns NULL. */
typedef struct _TfTextBlock TfTextBlock;

TfTextBlock *tf_text_block_fit        (PangoContext      *context,
                                       const char        *text,
                                       double             width,
                                       double             height,
                                       double             max_size,
                                       double             min_size) G_GNUC_WARN_UNUSED_RESULT;
void         tf_text_block_free       (TfTextBlock       *block);
double       tf_text_block_get_height (const TfTextBlock *block);
double       tf_text_block_get_size   (const TfTextBlock *block);
/* Draws the lines centred in @width, the first line's top at @y. The text
 * stays text in PDF and SVG (cairo_show_text_glyphs). */
void         tf_text_block_draw       (const TfTextBlock *block,
                                       cairo_t           *cr,
                                       double             x,
                                       double             y);

/* The same lines as one SVG <text> in @rgb, for an SVG written from the
 * scene (tf-svg-sink.h). */
void         tf_text_block_write_svg  (const TfTextBlock *block,
                                       GString           *out,
                                       double             x,
                                       double             y,
                                       guint32            rgb);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfTextBlock, tf_text_block_free)

G_END_DECLS
