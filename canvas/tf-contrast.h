/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Contrast between colours as WCAG 2 measures it, for the colours Transfo
 * draws text and marks with. */

#include <glib.h>

G_BEGIN_DECLS

/* Text needs 4.5:1 against its background (WCAG 2, 1.4.3, level AA). */
#define TF_CONTRAST_TEXT 4.5

/* The relative luminance of an sRGB colour 0xRRGGBB, 0 (black) to 1. */
double  tf_contrast_luminance (guint32 rgb);
/* The contrast ratio of two colours, 1 to 21, in either order. */
double  tf_contrast_ratio     (guint32 a,
                               guint32 b);
/* The one of the ink (TF_INK_RGB) and white that reads best on @background. */
guint32 tf_contrast_text_on   (guint32 background);
/* @rgb darkened by @amount (0 to 1), as a note's shaded band is drawn. */
guint32 tf_contrast_darken    (guint32 rgb,
                               double  amount);

G_END_DECLS
