/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-text-match"

#include <string.h>

#include "tf-text-match.h"

char *
tf_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (decomposed, -1);

  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          continue;
        default:
          break;
        }
      if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
        c = '\'';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

typedef enum { EXACT, FOLDED, PREFIX, SUBSTRING, N_LEVELS } Level;

GArray *
tf_text_match_names (const char * const *names,
                     guint               n_names,
                     const char         *query)
{
  GArray *levels[N_LEVELS];
  g_autofree char *wanted = NULL;
  GArray *found = NULL;

  g_return_val_if_fail (names != NULL || n_names == 0, NULL);

  if (query == NULL || query[0] == '\0' || !g_utf8_validate (query, -1, NULL))
    return g_array_new (FALSE, FALSE, sizeof (guint));

  wanted = tf_text_fold (query);
  for (guint l = 0; l < N_LEVELS; l++)
    levels[l] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n_names; i++)
    {
      g_autofree char *name = NULL;

      if (names[i] == NULL)
        continue;
      name = tf_text_fold (names[i]);
      if (g_str_equal (names[i], query))
        g_array_append_val (levels[EXACT], i);
      else if (wanted[0] == '\0')
        continue;
      else if (g_str_equal (name, wanted))
        g_array_append_val (levels[FOLDED], i);
      else if (g_str_has_prefix (name, wanted))
        g_array_append_val (levels[PREFIX], i);
      else if (strstr (name, wanted) != NULL)
        g_array_append_val (levels[SUBSTRING], i);
    }

  for (guint l = 0; l < N_LEVELS; l++)
    {
      if (found == NULL && levels[l]->len > 0)
        found = levels[l];
      else
        g_array_unref (levels[l]);
    }
  return found != NULL ? found : g_array_new (FALSE, FALSE, sizeof (guint));
}
