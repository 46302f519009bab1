/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-render-choice"

#include <epoxy/gl.h>
#include <string.h>

#include "tf-render-choice.h"

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
    return "gl";
  if (transfo_renderer != NULL && g_ascii_strcasecmp (transfo_renderer, "cairo") == 0)
    return "cairo";
  if (transfo_renderer != NULL && (g_ascii_strcasecmp (transfo_renderer, "gl") == 0 ||
                                   g_ascii_strcasecmp (transfo_renderer, "gtk") == 0))
    return "gl";
  return "probe";
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

  if (g_str_equal (what, "cairo"))
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
