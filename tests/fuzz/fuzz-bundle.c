/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

/* g_assert() stays on in every build of this file. */
#undef G_DISABLE_ASSERT

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/tf-bundle.h"
#include "core/tf-demo.h"
#include "core/tf-archive.h"
#include "bundles/tf-bundle-share.h"
#include "wings/tf-wings.h"

/* The bundle reader (core/tf-bundle.c) on bytes from anywhere: whatever
 * they are, it refuses them with an error or opens them; what it opens
 * imports into an archive (or is refused by the archive's constraints)
 * and undoes. Never a crash, a hang or a leak.
 *
 * Every test run (fuzz-bundle-replay): a good bundle of the demo made on
 * the spot, then its truncations and bit flips, and the files in the
 * corpus folder given as arguments. With -Dfuzz=true (clang), the
 * libFuzzer target fuzz-bundle:
 *   build/tests/fuzz/fuzz-bundle-replay --write-seeds corpus-bundle
 *   build/tests/fuzz/fuzz-bundle -max_len=600000 -rss_limit_mb=2048 corpus-bundle */

static TfStore *archive;
static char *dir;

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (archive != NULL)
    return;
  tf_wings_init ();
  dir = g_dir_make_tmp ("fuzz-bundle-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "archive.sqlite", NULL);
  archive = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_DEMO, &error);
  g_assert_no_error (error);
}

static void
run_one (const uint8_t *data,
         size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfBundle) bundle = tf_bundle_open_bytes (bytes, "fuzz", &error);
  g_autoptr(TfCommand) command = NULL;

  if (bundle == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == TF_BUNDLE_ERROR);
      return;
    }
  command = tf_bundle_import_command (bundle, 0);
  if (tf_command_execute (command, archive, &error))
    g_assert_true (tf_command_undo (command, archive, NULL));
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  set_up ();
  run_one (data, size);
  return 0;
}

#ifndef TF_FUZZ_LIBFUZZER
static GBytes *
make_seed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "seed.transfo", NULL);
  char *contents = NULL;
  gsize size;

  g_assert_true (tf_bundle_export (archive, tf_archive_find_demo (archive), 0, "Fuzz", TRUE, path,
                                   NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &size, &error));
  g_unlink (path);
  return g_bytes_new_take (contents, size);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) seed = NULL;
  const guint8 *data;
  gsize size;
  guint32 state = 0x2545F491;
  guint runs = 0;

  set_up ();
  seed = make_seed ();
  data = g_bytes_get_data (seed, &size);

  if (argc == 3 && g_str_equal (argv[1], "--write-seeds"))
    {
      g_autofree char *path = g_build_filename (argv[2], "demo.transfo", NULL);

      g_mkdir_with_parents (argv[2], 0755);
      g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
      return 0;
    }

  run_one (data, size);
  runs++;
  /* Truncations: at each page boundary of the first pages, and odd cuts. */
  for (gsize cut = 0; cut < size && cut < 64 * 4096; cut += cut < 4096 ? 37 : 4096)
    {
      run_one (data, cut);
      runs++;
    }
  /* Bit flips, deterministic, in the header, the schema's pages and anywhere. */
  for (guint i = 0; i < 400; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      gsize at;

      state ^= state << 13, state ^= state >> 17, state ^= state << 5;
      at = i < 100 ? state % 100 : i < 250 ? state % MIN (size, 3 * 4096) : state % size;
      copy[at] ^= (guint8) (1u << (state >> 29));
      run_one (copy, size);
      runs++;
    }
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) folder = g_dir_open (argv[i], 0, NULL);
      const char *name;

      while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *contents = NULL;
          gsize length;

          if (g_file_get_contents (path, &contents, &length, NULL))
            {
              run_one ((const guint8 *) contents, length);
              runs++;
            }
        }
    }
  printf ("%u inputs, no crash\n", runs);
  {
    g_autofree char *path = g_strdup (tf_store_get_path (archive));

    tf_store_close (archive);
    g_object_unref (archive);
    g_unlink (path);
    g_rmdir (dir);
    g_free (dir);
  }
  return 0;
}
#endif
