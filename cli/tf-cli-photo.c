/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-cli-photo"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/tf-archive.h"
#include "core/tf-text-match.h"
#include "core/tf-item-rows.h"
#include "mockups/tf-decode.h"
#include "mockups/tf-mockup.h"
#include "mockups/tf-mockup-commands.h"
#include "mockups/tf-mockup-follow.h"
#include "tf-cli-photo.h"
#include "tf-cli-private.h"

/* `transfo photo add` and `transfo photo place`: a photo, a PDF page or an
 * image from a file onto a mockup. The file is decoded (in the sandboxed
 * helper) before the archive is opened for writing: a refused file writes
 * nothing. */

typedef struct {
  const char *positional[3];
  int         n_positional;
  const char *board;
  const char *corners;
  int         page;       /* from 1; 0: not given */
} Args;

static gboolean
parse_page (const char *text,
            int        *page)
{
  char *end = NULL;
  gint64 value;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  if (*end != '\0' || value < 1 || value > TF_DECODE_MAX_PDF_PAGES)
    return FALSE;
  *page = (int) value;
  return TRUE;
}

static gboolean
parse_args (const char  *command,
            int          argc,
            char       **argv,
            int          wanted,
            Args        *args,
            int         *status)
{
  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];

      if (arg[0] != '-' || g_str_equal (arg, "-"))
        {
          if (args->n_positional >= wanted)
            {
              *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” does not take “%s”"), command, arg);
              return FALSE;
            }
          args->positional[args->n_positional++] = arg;
          continue;
        }
      if (wanted == 2 && tf_cli_is_option (arg, "--board"))
        {
          args->board = tf_cli_option_value (arg, "--board", argc, argv, &i);
          if (args->board == NULL)
            {
              *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), "--board");
              return FALSE;
            }
          continue;
        }
      if (wanted == 3 && tf_cli_is_option (arg, "--corners"))
        {
          args->corners = tf_cli_option_value (arg, "--corners", argc, argv, &i);
          if (args->corners == NULL)
            {
              *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a value"), "--corners");
              return FALSE;
            }
          continue;
        }
      if (tf_cli_is_option (arg, "--page"))
        {
          if (!parse_page (tf_cli_option_value (arg, "--page", argc, argv, &i), &args->page))
            {
              *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs a page number from 1 to %d"), "--page",
                                     TF_DECODE_MAX_PDF_PAGES);
              return FALSE;
            }
          continue;
        }
      *status = tf_cli_fail_unknown_option (command, arg);
      return FALSE;
    }
  if (args->n_positional < wanted)
    {
      *status = tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), command,
                             wanted == 2 ? _("an experiment id and a file")
                                         : _("an experiment id, a photo item id and a file"));
      return FALSE;
    }
  return TRUE;
}

/* Decodes @path for the archive: its cleaned bytes and size. */
static TfDecoded *
decode (const char  *path,
        int          page,
        GError     **error)
{
  TfDecodeOptions options = { TF_DECODE_WANT_STORED, page > 0 ? page - 1 : 0, 0, 0 };
  TfDecoded *decoded = tf_decode_file (path, &options, NULL, error);

  if (decoded == NULL && error != NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);

      tf_decode_error_name_file (*error, name);
    }
  if (decoded != NULL && (decoded->stored == NULL || decoded->width <= 0 || decoded->height <= 0))
    {
      g_set_error (error, TF_DECODE_ERROR, TF_DECODE_ERROR_HELPER, _("The image could not be read"));
      g_clear_pointer (&decoded, tf_decoded_free);
    }
  return decoded;
}

static TfMkSource
source_of (const TfDecoded *decoded,
           const char      *path,
           int              page,
           char           **name)
{
  TfMkSource source = { 0 };

  *name = g_filename_display_basename (path);
  source.stored = decoded->stored;
  source.mime_type = decoded->mime_type;
  source.name = *name;
  source.page = page > 0 ? page - 1 : 0;
  source.width = decoded->width;
  source.height = decoded->height;
  return source;
}

/* The board @name names as typed or with case and accents folded, whatever
 * its kind (a name that is not a mockup's is refused); NULL when none. */
static TfBoard *
find_named_board (GListModel *boards,
                  const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name));
  g_autofree char *wanted = tf_text_fold (trimmed);

  for (guint i = 0; i < g_list_model_get_n_items (boards); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (boards, i);
      g_autofree char *other = tf_text_fold (tf_board_get_name (board));

      if (g_str_equal (other, wanted))
        return g_steal_pointer (&board);
    }
  return NULL;
}

static gboolean
is_mockup (TfBoard *board)
{
  return tf_mockup_board_is (tf_board_get_kind_id (board));
}

static int
photo_add (const char  *archive,
           int          argc,
           char       **argv)
{
  Args args = { 0 };
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfExperiment) experiment = NULL;
  g_autoptr(TfDecoded) decoded = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *new_board = NULL;
  gint64 id, board_id = 0;
  int status = TF_CLI_EXIT_OK;
  TfMkSource source;

  if (!parse_args ("photo add", argc, argv, 2, &args, &status) ||
      !tf_cli_parse_experiment_id (args.positional[0], &id, &status))
    return status;
  if (args.board != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (args.board));

      if (trimmed[0] == '\0' || !g_utf8_validate (trimmed, -1, NULL))
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("A board needs a name"));
    }

  decoded = decode (args.positional[1], args.page, &error);
  if (decoded == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);

  if (!(store = tf_cli_open_store (archive, TRUE, &status)))
    return status;
  experiment = tf_archive_get_experiment (store, id, &error);
  if (experiment == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  if (args.board != NULL)
    {
      g_autoptr(GListStore) boards = tf_archive_list_boards (store, id, &error);
      g_autoptr(TfBoard) board = NULL;

      if (boards == NULL)
        return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
      /* A name of any board, else an id or a unique part of a mockup's name. */
      board = find_named_board (G_LIST_MODEL (boards), args.board);
      if (board == NULL)
        board = tf_cli_pick_board_of (G_LIST_MODEL (boards), is_mockup, args.board, &status);
      if (status != TF_CLI_EXIT_OK)
        return status;
      if (board == NULL)
        new_board = args.board;
      else if (!tf_mockup_board_is (tf_board_get_kind_id (board)))
        return tf_cli_fail (TF_CLI_EXIT_REFUSED, _("The board “%s” is not a mockup"), tf_board_get_name (board));
      else
        board_id = tf_board_get_id (board);
    }

  source = source_of (decoded, args.positional[1], args.page, &name);
  command = tf_mk_command_add_photo (id, board_id, new_board, &source);
  if (!tf_command_execute (command, store, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  printf ("%" G_GINT64_FORMAT "\n", tf_mk_command_get_asset_id (command));
  return TF_CLI_EXIT_OK;
}

/* "x1,y1,x2,y2,x3,y3,x4,y4" */
static gboolean
parse_corners (const char *text,
               TfQuad     *quad)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != 8)
    return FALSE;
  for (int i = 0; i < 8; i++)
    {
      char *end = NULL;
      double v = g_ascii_strtod (g_strstrip (parts[i]), &end);

      if (end == parts[i] || *end != '\0' || !isfinite (v))
        return FALSE;
      if (i % 2 == 0)
        quad->p[i / 2].x = v;
      else
        quad->p[i / 2].y = v;
    }
  return TRUE;
}

static int
photo_place (const char  *archive,
             int          argc,
             char       **argv)
{
  Args args = { 0 };
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfExperiment) experiment = NULL;
  g_autoptr(TfDecoded) decoded = NULL;
  g_autoptr(TfCommand) inner = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 id, photo, board;
  int status = TF_CLI_EXIT_OK;
  TfMkSource source;
  TfQuad quad;

  if (!parse_args ("photo place", argc, argv, 3, &args, &status) ||
      !tf_cli_parse_experiment_id (args.positional[0], &id, &status))
    return status;
  {
    char *end = NULL;

    photo = g_ascii_strtoll (args.positional[1], &end, 10);
    if (end == args.positional[1] || *end != '\0' || photo <= 0)
      return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” is not an item id"), args.positional[1]);
  }
  if (args.corners != NULL)
    {
      TfQuad checked;

      if (!parse_corners (args.corners, &quad))
        return tf_cli_fail (TF_CLI_EXIT_USAGE, _("%s needs eight numbers: x1,y1,x2,y2,x3,y3,x4,y4"), "--corners");
      checked = quad;
      if (!tf_quad_correct (&checked))
        return tf_cli_fail (TF_CLI_EXIT_REFUSED, _("These four corners do not make a surface an image can be placed on: "
                                                   "move them so that no corner points inwards"));
    }

  decoded = decode (args.positional[2], args.page, &error);
  if (decoded == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  if (!(store = tf_cli_open_store (archive, TRUE, &status)))
    return status;
  experiment = tf_archive_get_experiment (store, id, &error);
  if (experiment == NULL)
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  board = tf_item_rows_board_of (store, photo);
  {
    /* The photo must be on one of this experiment's boards. */
    g_autoptr(GListStore) boards = tf_archive_list_boards (store, id, &error);
    gboolean mine = FALSE;

    if (boards == NULL)
      return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (boards)) && !mine; i++)
      {
        g_autoptr(TfBoard) b = g_list_model_get_item (G_LIST_MODEL (boards), i);

        mine = tf_board_get_id (b) == board;
      }
    if (!mine)
      return tf_cli_fail (TF_CLI_EXIT_REFUSED, _("There is no photo %lld on a mockup of this experiment"),
                          (long long) photo);
  }

  source = source_of (decoded, args.positional[2], args.page, &name);
  /* Settled as the window's edits are: the placement records where it
   * sits on its photo, to follow it. */
  inner = tf_mk_command_add_place (photo, &source);
  command = tf_mk_command_settled (inner, board);
  if (!tf_command_execute (command, store, &error))
    return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
  if (args.corners != NULL)
    {
      g_autoptr(TfCommand) set = tf_mk_command_set_corners (tf_command_get_result_id (command), &quad);
      g_autoptr(TfCommand) corners = tf_mk_command_settled (set, board);

      if (!tf_command_execute (corners, store, &error))
        {
          /* One command as seen from outside: the placement goes too. */
          g_autoptr(GError) undo_error = NULL;

          if (!tf_command_undo (command, store, &undo_error))
            g_debug ("undo: %s", undo_error->message);
          return tf_cli_fail (TF_CLI_EXIT_REFUSED, "%s", error->message);
        }
    }
  printf ("%" G_GINT64_FORMAT "\n", tf_command_get_result_id (command));
  return TF_CLI_EXIT_OK;
}

int
tf_cli_photo (const char  *archive,
              int          argc,
              char       **argv)
{
  if (argc >= 1 && g_str_equal (argv[0], "add"))
    return photo_add (archive, argc - 1, argv + 1);
  if (argc >= 1 && g_str_equal (argv[0], "place"))
    return photo_place (archive, argc - 1, argv + 1);
  return tf_cli_fail (TF_CLI_EXIT_USAGE, _("“%s” needs %s; see “transfo --help”"), "photo",
                      "add, place");
}
