/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "tf-test-pdf.h"

PopplerDocument *
tf_test_open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *doc;

  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static char *
squeeze (const char *text,
         gboolean    hyphens)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* g_unichar_isspace() counts U+00A0 and U+202F as spaces. */
      if (g_unichar_isspace (c) || c == 0x00AD || (hyphens && c == '-'))
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
tf_test_squeeze (const char *text)
{
  return squeeze (text, FALSE);
}

char *
tf_test_squeeze_hyphens (const char *text)
{
  return squeeze (text, TRUE);
}

char *
tf_test_pdf_page_text (PopplerDocument *doc,
                       int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);
  g_autofree char *text = NULL;

  g_assert_nonnull (page);
  text = poppler_page_get_text (page);
  return tf_test_squeeze (text != NULL ? text : "");
}

char *
tf_test_pdf_text (PopplerDocument *doc)
{
  GString *all = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *text = tf_test_pdf_page_text (doc, i);

      g_string_append (all, text);
    }
  return g_string_free (all, FALSE);
}

gboolean
tf_test_has_text (const char *squeezed,
                  const char *text)
{
  g_autofree char *needle = tf_test_squeeze (text);

  return strstr (squeezed, needle) != NULL;
}
