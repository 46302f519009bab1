/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>

/* Replays the fuzzer's corpus through the same checks, in the ordinary build
 * and under the ordinary sanitizers: what the fuzzer once found stays fixed.
 * Arguments: corpus folders or files. Prints TAP. */

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint n_tests;

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size;

  if (!g_file_get_contents (path, &data, &size, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
  printf ("ok %u - %s\n", ++n_tests, path);
}

int
main (int    argc,
      char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          replay_file (argv[i]);
          continue;
        }
      dir = g_dir_open (argv[i], 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, compare_paths);
      for (guint j = 0; j < names->len; j++)
        replay_file (g_ptr_array_index (names, j));
    }

  if (n_tests == 0)
    {
      printf ("Bail out! no corpus file given or found\n");
      return 1;
    }
  printf ("1..%u\n", n_tests);
  return 0;
}
