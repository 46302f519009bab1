/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "test-render-choice"

#include <locale.h>

#include "tf-render-choice.h"

/* Which renderer draws the windows: Cairo on a software OpenGL, GTK's own
 * choice otherwise, and the user's GSK_RENDERER or TRANSFO_RENDERER first. */

static void
test_software (void)
{
  g_assert_true (tf_render_choice_is_software ("llvmpipe (LLVM 15.0.6, 256 bits)"));
  g_assert_true (tf_render_choice_is_software ("softpipe"));
  g_assert_true (tf_render_choice_is_software ("Mesa X11 swrast"));
  g_assert_true (tf_render_choice_is_software ("Software Rasterizer"));
  /* Hardware drivers, one of them naming LLVM (its shader compiler). */
  g_assert_false (tf_render_choice_is_software ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  g_assert_false (tf_render_choice_is_software ("AMD Radeon RX 580 Series (polaris10, LLVM 15.0.6, DRM 3.49, 6.1.0)"));
  g_assert_false (tf_render_choice_is_software ("NVIDIA GeForce GTX 1050/PCIe/SSE2"));
  g_assert_false (tf_render_choice_is_software (NULL));
  g_assert_false (tf_render_choice_is_software (""));
}

static void
test_for_gl (void)
{
  g_assert_cmpstr (tf_render_choice_for_gl ("llvmpipe (LLVM 15.0.6, 256 bits)"), ==, "cairo");
  g_assert_null (tf_render_choice_for_gl ("Mesa Intel(R) Xe Graphics (TGL GT2)"));
  /* No OpenGL: GTK falls back to Cairo by itself. */
  g_assert_null (tf_render_choice_for_gl (NULL));
}

static void
test_env (void)
{
  /* The user's GSK_RENDERER, whatever it names, is left to GTK. */
  g_assert_cmpstr (tf_render_choice_from_env ("ngl", NULL), ==, "gtk");
  g_assert_cmpstr (tf_render_choice_from_env ("cairo", "gl"), ==, "gtk");
  g_assert_cmpstr (tf_render_choice_from_env ("gl", "cairo"), ==, "gtk");
  /* Ours. */
  g_assert_cmpstr (tf_render_choice_from_env (NULL, "cairo"), ==, "cairo");
  g_assert_cmpstr (tf_render_choice_from_env ("", "Cairo"), ==, "cairo");
  g_assert_cmpstr (tf_render_choice_from_env (NULL, "gl"), ==, "gtk");
  g_assert_cmpstr (tf_render_choice_from_env (NULL, "gtk"), ==, "gtk");
  /* Unset, empty or unknown: ask OpenGL. */
  g_assert_cmpstr (tf_render_choice_from_env (NULL, NULL), ==, "probe");
  g_assert_cmpstr (tf_render_choice_from_env ("", ""), ==, "probe");
  g_assert_cmpstr (tf_render_choice_from_env (NULL, "auto"), ==, "probe");
}

static void
test_x11 (void)
{
  /* Which display GDK opens. */
  g_assert_true (tf_render_choice_opens_x11 (NULL, NULL, ":0"));
  g_assert_true (tf_render_choice_opens_x11 ("", "", ":99"));
  g_assert_true (tf_render_choice_opens_x11 ("x11", "wayland-0", ":0"));
  g_assert_true (tf_render_choice_opens_x11 ("x11,wayland", NULL, ":0"));
  g_assert_false (tf_render_choice_opens_x11 (NULL, "wayland-0", ":0"));
  g_assert_false (tf_render_choice_opens_x11 ("wayland", NULL, ":0"));
  g_assert_false (tf_render_choice_opens_x11 ("wayland,x11", "wayland-0", ":0"));
  g_assert_false (tf_render_choice_opens_x11 (NULL, NULL, NULL));

  /* Direct rendering of any kind: maybe hardware, so OpenGL is asked. */
  g_assert_true (tf_render_choice_x11_is_software (FALSE, FALSE, FALSE));
  g_assert_false (tf_render_choice_x11_is_software (TRUE, FALSE, FALSE));
  g_assert_false (tf_render_choice_x11_is_software (FALSE, TRUE, FALSE));
  g_assert_false (tf_render_choice_x11_is_software (FALSE, FALSE, TRUE));
}

/* On a real display: TRANSFO_RENDERER=cairo names Cairo on the display,
 * and GSK_RENDERER set by the user makes it name nothing. */
static void
test_apply (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  g_unsetenv ("GSK_RENDERER");
  g_setenv ("TRANSFO_RENDERER", "cairo", TRUE);
  g_object_set_data (G_OBJECT (display), "gsk-renderer", NULL);
  g_assert_cmpstr (tf_render_choice_apply (display), ==, "cairo");
  g_assert_cmpstr (g_object_get_data (G_OBJECT (display), "gsk-renderer"), ==, "cairo");

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_object_set_data (G_OBJECT (display), "gsk-renderer", NULL);
  g_assert_null (tf_render_choice_apply (display));
  g_assert_null (g_object_get_data (G_OBJECT (display), "gsk-renderer"));
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("TRANSFO_RENDERER");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();

  g_test_add_func ("/transfo/gui/render-choice/software", test_software);
  g_test_add_func ("/transfo/gui/render-choice/for-gl", test_for_gl);
  g_test_add_func ("/transfo/gui/render-choice/env", test_env);
  g_test_add_func ("/transfo/gui/render-choice/x11", test_x11);
  /* GSK_RENDERER must not reach GTK before the display opens here. */
  g_unsetenv ("GSK_RENDERER");
  if (gtk_init_check ())
    g_test_add_func ("/transfo/gui/render-choice/apply", test_apply);
  return g_test_run ();
}
