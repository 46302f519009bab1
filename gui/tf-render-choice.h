/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Which of GTK's renderers draws the windows. GTK 4.8 picks its GL
 * renderer whenever OpenGL is there, even when the OpenGL is Mesa's
 * software rasterizer (llvmpipe: virtual machines, laptops without a
 * working GPU driver, Xvfb). There, GTK's Cairo renderer is faster and
 * takes some 70 MB less; so at startup the window asks OpenGL once who
 * renders, and on a software one hands the display to Cairo. On an X
 * server that offers no direct rendering at all (no DRI3, DRI2 or
 * NVIDIA's GLX: Xvfb, remote X), OpenGL can only be software: GDK is then
 * told not to load it (GDK_DEBUG=gl-disable while it opens the display),
 * which saves the driver's ~60 MB too.
 *
 * A GSK_RENDERER set by the user always wins (Transfo then does nothing);
 * TRANSFO_RENDERER=gl keeps GTK's own choice, TRANSFO_RENDERER=cairo
 * takes Cairo without asking. */

/* TRUE when @gl_renderer (glGetString (GL_RENDERER)) names a software
 * rasterizer. */
gboolean     tf_render_choice_is_software   (const char *gl_renderer);

/* What to do, from the environment: "cairo" (set it), "gtk" (leave GTK
 * alone) or "probe" (ask OpenGL, then tf_render_choice_for_gl()). */
const char  *tf_render_choice_from_env      (const char *gsk_renderer,
                                             const char *transfo_renderer);

/* The renderer for the display once OpenGL answered: "cairo", or NULL
 * for GTK's own choice. @gl_renderer NULL: no OpenGL (GTK falls back to
 * Cairo by itself). */
const char  *tf_render_choice_for_gl        (const char *gl_renderer);

/* TRUE when GDK will open an X11 display, from GDK_BACKEND,
 * WAYLAND_DISPLAY and DISPLAY. */
gboolean     tf_render_choice_opens_x11     (const char *gdk_backend,
                                             const char *wayland_display,
                                             const char *display);
/* TRUE when an X server with these extensions can only have software
 * OpenGL. */
gboolean     tf_render_choice_x11_is_software (gboolean  dri3,
                                               gboolean  dri2,
                                               gboolean  nv_glx);

/* Before GTK opens the display (in main()): on an X server without
 * direct rendering, or with TRANSFO_RENDERER=cairo, keeps GDK from loading
 * OpenGL. Returns TRUE when it did. */
gboolean     tf_render_choice_prepare       (void);
/* Puts GDK_DEBUG back as it was, once GDK opened the display (before any
 * thread: setenv() is not thread-safe). */
void         tf_render_choice_restore_env   (void);

/* Applies the choice to @display; call before its first window is
 * realized. Returns the renderer named on the display, or NULL. */
const char  *tf_render_choice_apply         (GdkDisplay *display);

G_END_DECLS
