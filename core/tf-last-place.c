/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-last-place"

#include <errno.h>
#include <glib/gstdio.h>

#include "tf-last-place.h"

#define GROUP "Place"

/* The file for @archive_path: named by a digest of its absolute path, which
 * it also holds, as a check and for whoever looks in the folder. */
static char *
place_file (const char *archive_path)
{
  g_autofree char *absolute = g_canonicalize_filename (archive_path, NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  g_autofree char *name = g_strconcat (digest, ".ini", NULL);

  return g_build_filename (g_get_user_state_dir (), "transfo", "places", name, NULL);
}

gboolean
tf_last_place_load (const char *archive_path,
                    gint64     *experiment_id,
                    gint64     *board_id)
{
  g_autofree char *path = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *archive = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  gint64 experiment, board;

  g_return_val_if_fail (archive_path != NULL, FALSE);

  *experiment_id = 0;
  *board_id = 0;
  path = place_file (archive_path);
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &error))
    return FALSE;
  absolute = g_canonicalize_filename (archive_path, NULL);
  archive = g_key_file_get_string (file, GROUP, "archive", NULL);
  if (g_strcmp0 (archive, absolute) != 0)
    return FALSE;
  experiment = g_key_file_get_int64 (file, GROUP, "experiment", NULL);
  board = g_key_file_get_int64 (file, GROUP, "board", NULL);
  *experiment_id = MAX (experiment, 0);
  *board_id = *experiment_id > 0 ? MAX (board, 0) : 0;
  return TRUE;
}

void
tf_last_place_save (const char *archive_path,
                    gint64      experiment_id,
                    gint64      board_id)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *absolute = NULL;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_return_if_fail (archive_path != NULL);

  path = place_file (archive_path);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("Cannot create %s: %s", dir, g_strerror (errno));
      return;
    }
  absolute = g_canonicalize_filename (archive_path, NULL);
  g_key_file_set_string (file, GROUP, "archive", absolute);
  g_key_file_set_int64 (file, GROUP, "experiment", experiment_id);
  g_key_file_set_int64 (file, GROUP, "board", board_id);
  {
    gsize length;
    g_autofree char *data = g_key_file_to_data (file, &length, NULL);

    /* Written whole into a temporary file, then renamed; the person's own. */
    if (!g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
      g_debug ("Cannot remember the place in %s: %s", path, error->message);
  }
}

void
tf_last_place_forget (const char *archive_path)
{
  g_autofree char *path = NULL;

  g_return_if_fail (archive_path != NULL);

  path = place_file (archive_path);
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_debug ("Cannot forget the place in %s: %s", path, g_strerror (errno));
}
