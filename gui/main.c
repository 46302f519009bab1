/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "transfo"

#include <locale.h>
#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "cli/tf-cli.h"
#include "cli/tf-cli-regional.h"
#include "wings/tf-wings.h"
#include "tf-application.h"
#include "tf-render-choice.h"
#include "wings/tf-wings.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TfApplication) app = NULL;
  g_autofree char *archive_path = NULL;
  const char *localedir = g_getenv ("TRANSFO_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* TRANSFO_LOCALEDIR points to the build's translations, for tests. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Every wing's item kinds and board types, for the command line and the window. */
  tf_wings_init ();

  /* The command line needs no display: GTK is never initialised for it. */
  if (tf_cli_handles (argc, argv))
    return tf_cli_run (argc, argv);

  archive_path = tf_cli_take_archive_path (&argc, argv);
  /* The window's regional archive for this run (over its preference). */
  tf_cli_take_regional (&argc, argv);
  /* Before GTK opens the display: no OpenGL where it could only be software.
   * GDK opens it now, before any thread, so that the environment is put
   * back as the user had it before threads (and programs) start. */
  if (tf_render_choice_prepare ())
    {
      gtk_init_check ();
      tf_render_choice_restore_env ();
    }
  app = tf_application_new (archive_path);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
