/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-render-choice"

#include <epoxy/gl.h>
#include <string.h>

#include "tf-render-choice.h"

#ifdef GDK_WINDOWING_X11
#include <X11/Xlib.h>
#endif

/* GDK_DEBUG as the user had it, while GDK opens the display. */
static gboolean env_changed;
static char *saved_gdk_debug;
/* GDK was kept from loading OpenGL: Cairo, without asking. */
static gboolean gl_disabled;

gboolean
tf_render_choice_is_software (const char *gl_renderer)
{
  static const char *const software[] = { "llvmpipe", "softpipe", "swrast", "software rasterizer" };
  g_autofree char *lower = NULL;

  if (gl_renderer == NULL)
    return FALSE;
  lower = g_ascii_strdown (gl_renderer, -1);
  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (lower, software[i]) != NULL)
      return TRUE;
  return FALSE;
}

const char *
tf_render_choice_from_env (const char *gsk_renderer,
                           const char *transfo_renderer)
{
  /* The user's word for GTK: GTK reads it itself. */
  if (gsk_renderer != NULL && *gsk_renderer != '\0')
    return "gtk";
  if (transfo_renderer != NULL && g_ascii_strcasecmp (transfo_renderer, "cairo") == 0)
    return "cairo";
  if (transfo_renderer != NULL && (g_ascii_strcasecmp (transfo_renderer, "gl") == 0 ||
                                   g_ascii_strcasecmp (transfo_renderer, "gtk") == 0))
    return "gtk";
  return "probe";
}

gboolean
tf_render_choice_opens_x11 (const char *gdk_backend,
                            const char *wayland_display,
                            const char *display)
{
  if (gdk_backend != NULL && *gdk_backend != '\0')
    return g_str_has_prefix (gdk_backend, "x11");
  return (wayland_display == NULL || *wayland_display == '\0') && display != NULL && *display != '\0';
}

gboolean
tf_render_choice_x11_is_software (gboolean dri3,
                                  gboolean dri2,
                                  gboolean nv_glx)
{
  /* Mesa renders in hardware on X11 through DRI3 or DRI2 only, NVIDIA's
   * driver through its own GLX: without any, OpenGL is software. */
  return !dri3 && !dri2 && !nv_glx;
}

#ifdef GDK_WINDOWING_X11
static gboolean
x11_has_extension (Display    *xdisplay,
                   const char *name)
{
  int opcode, event, error;

  return XQueryExtension (xdisplay, name, &opcode, &event, &error);
}
#endif

gboolean
tf_render_choice_prepare (void)
{
  const char *what = tf_render_choice_from_env (g_getenv ("GSK_RENDERER"),
                                                g_getenv ("TRANSFO_RENDERER"));
  gboolean software = FALSE;

  if (g_str_equal (what, "gtk") ||
      !tf_render_choice_opens_x11 (g_getenv ("GDK_BACKEND"), g_getenv ("WAYLAND_DISPLAY"),
                                   g_getenv ("DISPLAY")))
    return FALSE;
#ifdef GDK_WINDOWING_X11
  if (g_str_equal (what, "cairo"))
    software = TRUE;
  else
    {
      Display *xdisplay = XOpenDisplay (NULL);

      if (xdisplay == NULL)
        return FALSE;
      software = tf_render_choice_x11_is_software (x11_has_extension (xdisplay, "DRI3"),
                                                   x11_has_extension (xdisplay, "DRI2"),
                                                   x11_has_extension (xdisplay, "NV-GLX"));
      XCloseDisplay (xdisplay);
    }
#endif
  if (!software)
    return FALSE;

  /* GDK loads OpenGL when it opens an X11 display (to pick its visual):
   * some 60 MB of driver for a renderer that will not be used. */
  {
    const char *debug = g_getenv ("GDK_DEBUG");
    g_autofree char *value = debug != NULL && *debug != '\0' ? g_strconcat (debug, ",gl-disable", NULL)
                                                              : g_strdup ("gl-disable");

    saved_gdk_debug = g_strdup (debug);
    env_changed = TRUE;
    gl_disabled = TRUE;
    g_setenv ("GDK_DEBUG", value, TRUE);
  }
  return TRUE;
}

void
tf_render_choice_restore_env (void)
{
  if (!env_changed)
    return;
  /* GDK read it when it opened the display; programs started later (an
   * export opened in a viewer) get the user's own. */
  if (saved_gdk_debug != NULL)
    g_setenv ("GDK_DEBUG", saved_gdk_debug, TRUE);
  else
    g_unsetenv ("GDK_DEBUG");
  g_clear_pointer (&saved_gdk_debug, g_free);
  env_changed = FALSE;
}

const char *
tf_render_choice_for_gl (const char *gl_renderer)
{
  return tf_render_choice_is_software (gl_renderer) ? "cairo" : NULL;
}

/* glGetString (GL_RENDERER) from a context made for the question, or NULL
 * without OpenGL. The driver stays loaded (GTK's GL renderer would load
 * it anyway): the question costs a few MB, not GTK's GL renderer's 70. */
static char *
probe_gl_renderer (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  char *renderer = NULL;

  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No OpenGL: %s", error != NULL ? error->message : "?");
      return NULL;
    }
  gdk_gl_context_make_current (context);
  name = (const char *) glGetString (GL_RENDERER);
  renderer = g_strdup (name != NULL ? name : "");
  gdk_gl_context_clear_current ();
  return renderer;
}

const char *
tf_render_choice_apply (GdkDisplay *display)
{
  const char *what = tf_render_choice_from_env (g_getenv ("GSK_RENDERER"),
                                                g_getenv ("TRANSFO_RENDERER"));
  const char *choice = NULL;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  tf_render_choice_restore_env ();
  if (gl_disabled || g_str_equal (what, "cairo"))
    choice = "cairo";
  else if (g_str_equal (what, "probe"))
    {
      g_autofree char *gl_renderer = probe_gl_renderer (display);

      choice = tf_render_choice_for_gl (gl_renderer);
      g_debug ("OpenGL renderer: %s", gl_renderer != NULL ? gl_renderer : "none");
    }
  if (choice != NULL)
    g_object_set_data (G_OBJECT (display), "gsk-renderer", (gpointer) choice);
  g_debug ("Window renderer: %s", choice != NULL ? choice : "GTK's choice");
  return choice;
}
