/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Which of GTK's renderers draws the windows. GTK 4.8 picks its GL
 * renderer whenever OpenGL is there, even when the OpenGL is Mesa's
 * software rasterizer (llvmpipe: virtual machines, laptops without a
 * working GPU driver, Xvfb). There, GTK's Cairo renderer is faster and
 * takes some 70 MB less; so at startup the window asks OpenGL once who
 * renders, and on a software one hands the display to Cairo.
 *
 * A GSK_RENDERER set by the user always wins (Transfo then does nothing);
 * TRANSFO_RENDERER=gl keeps GTK's own choice, TRANSFO_RENDERER=cairo
 * takes Cairo without asking. */

/* TRUE when @gl_renderer (glGetString (GL_RENDERER)) names a software
 * rasterizer. */
gboolean     tf_render_choice_is_software   (const char *gl_renderer);

/* What to do, from the environment: "cairo" (set it), "gl" (leave GTK
 * alone) or "probe" (ask OpenGL, then tf_render_choice_for_gl()). */
const char  *tf_render_choice_from_env      (const char *gsk_renderer,
                                             const char *transfo_renderer);

/* The renderer for the display once OpenGL answered: "cairo", or NULL
 * for GTK's own choice. @gl_renderer NULL: no OpenGL (GTK falls back to
 * Cairo by itself). */
const char  *tf_render_choice_for_gl        (const char *gl_renderer);

/* Applies the choice to @display; call before its first window is
 * realized. Returns the renderer named on the display, or NULL. */
const char  *tf_render_choice_apply         (GdkDisplay *display);

G_END_DECLS
