/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "tf-contribution-check.h"

char *
tf_contribution_clean_text (const char          *text,
                            gssize               length,
                            TfContributionCheck *check)
{
  TfContributionCheck dummy;
  g_autoptr(GString) clean = NULL;
  const char *end;

  if (check == NULL)
    check = &dummy;
  if (text == NULL)
    {
      *check = TF_CONTRIBUTION_EMPTY;
      return NULL;
    }
  if (length < 0)
    length = (gssize) strlen (text);
  /* Never more than four bytes a character: anything longer is refused
   * before it is even scanned. */
  if ((gsize) length > TF_CONTRIBUTION_TEXT_MAX * 4 + 64)
    {
      *check = TF_CONTRIBUTION_TOO_LONG;
      return NULL;
    }
  if (!g_utf8_validate (text, length, &end) || end != text + length)
    {
      *check = TF_CONTRIBUTION_NOT_UTF8;
      return NULL;
    }

  clean = g_string_sized_new ((gsize) length);
  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          if (p + 1 < text + length && p[1] == '\n')
            continue;
          c = '\n';
        }
      if (c == 0 || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ||
          (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029)
        {
          *check = TF_CONTRIBUTION_NOT_UTF8;
          return NULL;
        }
      g_string_append_unichar (clean, c);
    }
  g_strstrip (clean->str);
  clean->len = strlen (clean->str);
  if (clean->len == 0)
    {
      *check = TF_CONTRIBUTION_EMPTY;
      return NULL;
    }
  if (g_utf8_strlen (clean->str, -1) > TF_CONTRIBUTION_TEXT_MAX)
    {
      *check = TF_CONTRIBUTION_TOO_LONG;
      return NULL;
    }
  *check = TF_CONTRIBUTION_VALID;
  return g_string_free (g_steal_pointer (&clean), FALSE);
}

gboolean
tf_contribution_check_key (const char *key)
{
  gsize length;

  if (key == NULL)
    return FALSE;
  length = strlen (key);
  if (length < TF_CONTRIBUTION_KEY_MIN_LENGTH || length > TF_CONTRIBUTION_KEY_MAX_LENGTH)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (key[i]) && key[i] != '-' && key[i] != '_')
      return FALSE;
  return TRUE;
}

gboolean
tf_contribution_check_category (const char         *category,
                                const char * const *categories)
{
  if (category == NULL)
    return FALSE;
  if (category[0] == '\0')
    return TRUE;
  return categories != NULL && g_strv_contains (categories, category);
}

gboolean
tf_contribution_check_ballot (const gint64 *dots,
                              guint         n_dots,
                              guint         colour,
                              const gint64 *notes,
                              guint         n_notes,
                              guint         n_colours,
                              guint         max_dots)
{
  if (n_dots == 0 || n_dots > max_dots || n_dots > TF_CONTRIBUTION_BALLOT_MAX || colour >= n_colours)
    return FALSE;
  for (guint i = 0; i < n_dots; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < n_notes && !found; j++)
        found = notes[j] == dots[i];
      if (!found)
        return FALSE;
    }
  return TRUE;
}

char *
tf_contribution_new_key (void)
{
  guint8 bytes[16];
  gsize got = 0;
  GString *key;

  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return NULL;
      got += (gsize) n;
    }
  key = g_string_sized_new (2 * sizeof bytes);
  for (gsize i = 0; i < sizeof bytes; i++)
    g_string_append_printf (key, "%02x", bytes[i]);
  return g_string_free (key, FALSE);
}
