/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-cli-room"

#include <glib/gi18n.h>
#include <stdio.h>

#include "core/tf-archive.h"
#include "room/tf-room-check.h"
#include "tf-cli-private.h"
#include "tf-cli-room.h"

/* Nothing could be checked (bad arguments, no such experiment): 1 is kept
 * for "some text is too small". */
#define EXIT_UNCHECKED TF_CLI_EXIT_USAGE
#define EXIT_PROBLEMS  1

static int
check (const char  *archive,
       int          argc,
       char       **argv)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfExperiment) experiment = NULL;
  g_autoptr(GArray) problems = tf_room_problem_array_new ();
  g_autoptr(GError) error = NULL;
  const char *experiment_arg = NULL;
  TfSessionRoom room;
  int status = TF_CLI_EXIT_OK;
  gint64 id;

  for (int i = 0; i < argc; i++)
    {
      if (argv[i][0] == '-' && !g_str_equal (argv[i], "-"))
        return tf_cli_fail_unknown_option ("room check", argv[i]);
      if (experiment_arg != NULL)
        return tf_cli_fail (EXIT_UNCHECKED, _("“%s” takes only %s, not “%s”"), "room check",
                            _("an experiment id"), argv[i]);
      experiment_arg = argv[i];
    }
  if (experiment_arg == NULL)
    return tf_cli_fail (EXIT_UNCHECKED, _("“%s” needs %s; see “transfo --help”"), "room check",
                        _("an experiment id"));
  if (!tf_cli_parse_experiment_id (experiment_arg, &id, &status))
    return EXIT_UNCHECKED;

  /* Checking only reads: the archive is never written, even when locked. */
  if (!(store = tf_cli_open_store (archive, FALSE, &status)))
    return EXIT_UNCHECKED;
  experiment = tf_archive_get_experiment (store, id, &error);
  if (experiment == NULL)
    return tf_cli_fail (EXIT_UNCHECKED, "%s", error->message);
  if (!tf_session_rows_room (store, id, &room, &error) ||
      !tf_room_check (store, id, &room, problems, &error))
    return tf_cli_fail (EXIT_UNCHECKED, "%s", error->message);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = tf_room_problem_describe (&g_array_index (problems, TfRoomProblem, i));
      g_autofree char *safe = tf_cli_escape (line, TF_CLI_TEXT_LINE);

      printf ("%s\n", safe);
    }
  if (problems->len == 0)
    {
      g_autofree char *ok = tf_room_check_all_legible (&room);

      printf ("%s\n", ok);
    }
  return problems->len > 0 ? EXIT_PROBLEMS : TF_CLI_EXIT_OK;
}

int
tf_cli_room (const char  *archive,
             int          argc,
             char       **argv)
{
  if (argc < 1)
    return tf_cli_fail (EXIT_UNCHECKED, _("“%s” needs %s; see “transfo --help”"), "room",
                        _("an action (check, serve)"));
  if (g_str_equal (argv[0], "check"))
    return check (archive, argc - 1, argv + 1);
  if (g_str_equal (argv[0], "serve"))
    return tf_cli_room_serve (archive, argc - 1, argv + 1);
  return tf_cli_fail (EXIT_UNCHECKED, _("Unknown room action “%s”; they are “check” and “serve”"), argv[0]);
}
