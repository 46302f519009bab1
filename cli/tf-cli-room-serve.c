/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-cli-room"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "canvas/tf-scene.h"
#include "core/tf-archive.h"
#include "core/tf-board-rows.h"
#include "core/tf-board-type.h"
#include "room/tf-contribution.h"
#include "room/tf-room-link.h"
#include "tf-cli-private.h"
#include "tf-cli-room.h"

typedef struct {
  GMainLoop *loop;
  gboolean   server_died;
} Serve;

static gboolean
on_signal (gpointer data)
{
  Serve *serve = data;

  g_main_loop_quit (serve->loop);
  return G_SOURCE_CONTINUE;
}

static void
on_closed (TfRoomLink *link,
           gpointer    data)
{
  Serve *serve = data;

  serve->server_died = TRUE;
  g_main_loop_quit (serve->loop);
}

static gboolean
parse_vote (const char *text,
            guint      *colours,
            guint      *dots)
{
  g_auto(GStrv) parts = g_strsplit (text, "x", 3);
  guint64 c = 0, d = 0;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, TF_VOTE_MAX_COLOURS, &c, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, TF_VOTE_MAX_DOTS, &d, NULL))
    return FALSE;
  *colours = c;
  *dots = d;
  return TRUE;
}

/* A round on every quote of @board_id, in reading order, and their texts. */
static TfVoteRound *
open_round (TfStore    *store,
            gint64      board_id,
            guint       colours,
            guint       dots,
            GPtrArray  *texts,
            GError    **error)
{
  g_autoptr(TfScene) scene = tf_scene_new_for_board (store, board_id, error);
  g_autofree char *kind = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const TfBoardType *type;

  if (scene == NULL || !tf_board_rows_kind (store, board_id, &kind, error))
    return NULL;
  type = kind != NULL ? tf_board_type_lookup (kind) : NULL;
  quotes = type != NULL && type->list_quotes != NULL ? type->list_quotes (scene) : g_ptr_array_new ();
  for (guint i = 0; i < quotes->len; i++)
    {
      TfItem *item = g_ptr_array_index (quotes, i);

      g_array_append_val (ids, item->id);
      g_ptr_array_add (texts, g_strdup (item->text != NULL ? item->text : ""));
    }
  return tf_vote_round_new (board_id, 0, 0, "", (const gint64 *) ids->data, ids->len, colours, dots, FALSE);
}

int
tf_cli_room_serve (const char  *archive,
                   int          argc,
                   char       **argv)
{
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfExperiment) experiment = NULL;
  g_autoptr(TfRoomLink) link = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) addresses = NULL;
  const char *experiment_arg = NULL, *address = NULL, *vote = NULL;
  TfVoteRound *round = NULL;
  gboolean accept_all = FALSE;
  guint64 port = 0;
  guint colours = 0, dots = 0;
  gint64 id, board_id = 0;
  int status = TF_CLI_EXIT_OK;
  guint sigint, sigterm;
  Serve serve = { 0 };

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--accept-all"))
        accept_all = TRUE;
      else if ((g_str_equal (argv[i], "--address") || g_str_equal (argv[i], "--port") ||
                g_str_equal (argv[i], "--vote")) && i + 1 >= argc)
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), argv[i]);
      else if (g_str_equal (argv[i], "--address"))
        address = argv[++i];
      else if (g_str_equal (argv[i], "--port"))
        {
          if (!g_ascii_string_to_unsigned (argv[++i], 10, 0, 65535, &port, NULL))
            return tf_cli_fail (TF_CLI_EXIT_USAGE, _("--port takes a number from 0 to 65535, not “%s”"), argv[i]);
        }
      else if (g_str_equal (argv[i], "--vote"))
        {
          vote = argv[++i];
          if (!parse_vote (vote, &colours, &dots))
            return tf_cli_fail (TF_CLI_EXIT_USAGE,
                                _("--vote takes colours × dots, like 4x3 (1 to %d colours, 1 to %d dots), not “%s”"),
                                TF_VOTE_MAX_COLOURS, TF_VOTE_MAX_DOTS, vote);
        }
      else if (argv[i][0] == '-')
        return tf_cli_fail_unknown_option ("room serve", argv[i]);
      else if (experiment_arg != NULL)
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” takes only %s, not “%s”"), "room serve",
                            _("an experiment id"), argv[i]);
      else
        experiment_arg = argv[i];
    }
  if (experiment_arg == NULL)
    return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), "room serve",
                        _("an experiment id"));
  if (!tf_cli_parse_experiment_id (experiment_arg, &id, &status))
    return status;
  /* One address, never every interface: by default the first of the
   * machine's own (a Wi-Fi or a hotspot's). */
  if (address == NULL)
    {
      addresses = tf_room_link_list_addresses ();
      if (addresses[0] == NULL)
        return tf_cli_fail (TF_CLI_EXIT_REFUSED, _("This computer has no network address for the room"));
      address = addresses[0];
    }

  if (!(store = tf_cli_open_store (archive, TRUE, &status)))
    return status;
  experiment = tf_archive_get_experiment (store, id, &error);
  if (experiment == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  if (!tf_contribution_find_board (store, id, &board_id, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  if ((accept_all || vote != NULL) && board_id == 0)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, _("Experiment %lld has no insight wall"), (long long) id);

  link = tf_room_link_new (store, NULL, id);
  if (accept_all)
    tf_room_link_set_accept_all (link, board_id);
  if (vote != NULL)
    {
      round = open_round (store, board_id, colours, dots, texts, &error);
      if (round == NULL)
        return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
      tf_room_link_set_round (link, round, texts);
    }
  if (!tf_room_link_open (link, address, (guint) port, &error))
    {
      tf_vote_round_free (round);
      return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
    }

  printf ("%s\n", tf_room_link_get_url (link));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  serve.loop = loop;
  g_signal_connect (link, "closed", G_CALLBACK (on_closed), &serve);
  sigint = g_unix_signal_add (SIGINT, on_signal, &serve);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &serve);
  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  tf_room_link_close (link);

  /* The round's dots, recorded as the room records a round it closes. */
  if (round != NULL)
    {
      if (tf_vote_round_get_n_cast (round) > 0)
        {
          g_autoptr(TfCommand) close = tf_vote_round_command_close (round);

          if (!tf_command_execute (close, store, &error))
            status = tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
        }
      tf_vote_round_free (round);
    }
  if (serve.server_died)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, _("The room’s server stopped"));
  return status;
}
