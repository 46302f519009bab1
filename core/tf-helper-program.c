/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tf-helper-program.h"

char *
tf_helper_program_find (const char *env_var,
                        const char *build_dir,
                        const char *name)
{
  const char *env = g_getenv (env_var);
  g_autofree char *self = NULL;
  g_autofree char *installed = NULL;

  if (env != NULL && env[0] != '\0')
    return g_file_test (env, G_FILE_TEST_IS_EXECUTABLE) ? g_strdup (env) : NULL;

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *beside = g_build_filename (dir, name, NULL);
      g_autofree char *built = g_build_filename (dir, "..", build_dir, name, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
      if (g_file_test (built, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&built);
    }
  installed = g_build_filename (LIBEXECDIR, name, NULL);
  if (g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&installed);
  return NULL;
}
