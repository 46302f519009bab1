/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tf-experiment-commands.h"
#include "tf-history.h"
#include "core/tf-demo.h"
#include "wings/tf-wings.h"

/* Helper of test-crash: edits an archive through commands, forever, and
 * acknowledges each committed edit on stdout, until it is killed.
 *
 *   crash-writer ARCHIVE [FIRST-N]
 *
 * For N = FIRST-N, FIRST-N + 1, … it creates experiment "edit-N" (theme
 * "theme-N", tag "crash"), sets its place to "place-N", then adds a board
 * "board-N" to it, printing after each commit:
 *
 *   committed create <experiment id> <N>
 *   committed field <experiment id> <N>
 *   committed board <board id> <N>
 */

static void
acknowledge (const char *kind,
             gint64      id,
             gint64      n)
{
  /* One write(2) per line, well under PIPE_BUF: a line is whole or absent. */
  printf ("committed %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", kind, id, n);
  fflush (stdout);
}

static gint64
execute (TfHistory *history,
         TfCommand *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfCommand) owned = command;

  if (!tf_history_execute (history, command, &error))
    {
      g_printerr ("crash-writer: %s\n", error->message);
      exit (EXIT_FAILURE);
    }
  return tf_command_get_result_id (command);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const tags[] = { "crash", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfHistory) history = NULL;
  gint64 n = 0;

  tf_wings_init ();
  if (argc < 2 || argc > 3)
    {
      g_printerr ("usage: crash-writer ARCHIVE [FIRST-N]\n");
      return 2;
    }
  if (argc == 3)
    n = g_ascii_strtoll (argv[2], NULL, 10);

  tf_wings_init ();
  store = tf_store_open (argv[1], TF_STORE_OPEN_CREATE, &error);
  /* A new archive with the demo, as the window makes it. */
  if (store != NULL && tf_store_wants_demo (store) && !tf_demo_ensure (store, NULL, &error))
    g_clear_object (&store);
  if (store == NULL)
    {
      g_printerr ("crash-writer: %s\n", error->message);
      return EXIT_FAILURE;
    }
  history = tf_history_new (store);

  for (;; n++)
    {
      g_autofree char *title = g_strdup_printf ("edit-%" G_GINT64_FORMAT, n);
      g_autofree char *theme = g_strdup_printf ("theme-%" G_GINT64_FORMAT, n);
      g_autofree char *place = g_strdup_printf ("place-%" G_GINT64_FORMAT, n);
      g_autofree char *board_name = g_strdup_printf ("board-%" G_GINT64_FORMAT, n);
      g_autoptr(TfExperiment) draft = tf_experiment_new (title);
      gint64 id, board;

      tf_experiment_set_text (draft, TF_FIELD_THEME, theme);
      tf_experiment_set_tags (draft, tags);
      id = execute (history, tf_command_create_experiment (draft));
      acknowledge ("create", id, n);

      execute (history, tf_command_set_experiment_text (id, TF_FIELD_PLACE, place));
      acknowledge ("field", id, n);

      board = execute (history, tf_command_add_board (id, "insight-wall", board_name));
      acknowledge ("board", board, n);
    }

  return EXIT_SUCCESS;
}
