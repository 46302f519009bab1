/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-pdf-amend"

#include <stdlib.h>
#include <string.h>

#include "tf-pdf-amend.h"

G_DEFINE_QUARK (tf-pdf-amend-error-quark, tf_pdf_amend_error)

/* The file is binary (fonts, images): every search is bounded by lengths,
 * never by a NUL. */
static gssize
find (const guint8 *hay,
      gsize         len,
      gsize         from,
      const char   *needle)
{
  gsize n = strlen (needle);

  for (gsize i = from; n <= len && i + n <= len; i++)
    if (hay[i] == (guint8) needle[0] && memcmp (hay + i, needle, n) == 0)
      return (gssize) i;
  return -1;
}

static gssize
rfind (const guint8 *hay,
       gsize         len,
       const char   *needle)
{
  gsize n = strlen (needle);

  if (n > len)
    return -1;
  for (gsize i = len - n + 1; i-- > 0;)
    if (hay[i] == (guint8) needle[0] && memcmp (hay + i, needle, n) == 0)
      return (gssize) i;
  return -1;
}

/* The integer after @key ("/Size") in the NUL-terminated @dict, or -1. */
static gint64
dict_int (const char *dict,
          const char *key)
{
  const char *at = strstr (dict, key);
  char *end;
  gint64 value;

  if (at == NULL)
    return -1;
  at += strlen (key);
  while (*at == ' ' || *at == '\n' || *at == '\r')
    at++;
  value = g_ascii_strtoll (at, &end, 10);
  return end == at || value < 0 ? -1 : value;
}

/* A UTF-8 text as a PDF text string: UTF-16BE with a byte order mark, in hex. */
static void
append_text_string (GString    *out,
                    const char *text)
{
  g_autofree gunichar2 *units = NULL;
  glong n = 0;

  units = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);
  g_string_append (out, "<FEFF");
  for (glong i = 0; units != NULL && i < n; i++)
    g_string_append_printf (out, "%04X", (guint) units[i]);
  g_string_append_c (out, '>');
}

/* Only letters, digits and hyphens: a BCP 47 tag needs no escaping. */
static gboolean
is_language_tag (const char *lang)
{
  if (lang == NULL || lang[0] == '\0' || strlen (lang) > 35)
    return FALSE;
  for (const char *c = lang; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '-')
      return FALSE;
  return TRUE;
}

typedef struct {
  guint   number;
  guint64 offset;
} XrefEntry;

static int
compare_entries (const void *a,
                 const void *b)
{
  const XrefEntry *x = a, *y = b;

  return x->number < y->number ? -1 : x->number > y->number;
}

/* Appends object @number (its text at [@start, @end) of @tail: "N 0 obj
 * << … >>" up to its "endobj") with @addition inserted at @insert, and
 * notes where it begins. */
static void
append_object (GString      *out,
               GArray       *xref,
               guint64       base,
               guint         number,
               const guint8 *tail,
               gsize         start,
               gsize         insert,
               gsize         end,
               const char   *addition)
{
  XrefEntry entry = { number, base + out->len };

  g_array_append_val (xref, entry);
  g_string_append_len (out, (const char *) tail + start, (gssize) (insert - start));
  g_string_append (out, addition);
  g_string_append_len (out, (const char *) tail + insert, (gssize) (end - insert));
  g_string_append (out, "endobj\n");
}

#define FIGURE "<< /Type /StructElem\n   /S /Figure\n"

GBytes *
tf_pdf_amend (const guint8 *tail,
              gsize         tail_len,
              guint64       tail_offset,
              const char   *lang,
              GPtrArray    *alts,
              GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) xref = g_array_new (FALSE, FALSE, sizeof (XrefEntry));
  g_autofree char *trailer = NULL;
  g_autofree char *root_needle = NULL;
  gssize startxref, trailer_at, at, dict_end, end;
  gint64 prev, size, root, info;
  guint64 base = tail_offset + tail_len;
  guint n_figures = 0;

  g_return_val_if_fail (tail != NULL, NULL);

  /* The trailer cairo wrote: "trailer << /Size … /Root … /Info … >>
   * startxref N %%EOF". */
  startxref = rfind (tail, tail_len, "startxref");
  trailer_at = startxref < 0 ? -1 : rfind (tail, (gsize) startxref, "trailer");
  if (trailer_at < 0)
    {
      g_set_error (error, TF_PDF_AMEND_ERROR, 0, "no trailer at the end of the PDF");
      return NULL;
    }
  trailer = g_strndup ((const char *) tail + trailer_at, (gsize) (startxref - trailer_at));
  {
    g_autofree char *rest = g_strndup ((const char *) tail + startxref + 9, tail_len - (gsize) startxref - 9);
    char *endp;

    prev = g_ascii_strtoll (g_strchug (rest), &endp, 10);
    if (endp == rest || prev < 0)
      prev = -1;
  }
  size = dict_int (trailer, "/Size");
  root = dict_int (trailer, "/Root");
  info = dict_int (trailer, "/Info");
  if (prev < 0 || size <= 0 || root <= 0 || root >= size)
    {
      g_set_error (error, TF_PDF_AMEND_ERROR, 0, "a trailer without /Size, /Root or startxref");
      return NULL;
    }

  /* The catalogue, with the document's language. */
  root_needle = g_strdup_printf ("\n%" G_GINT64_FORMAT " 0 obj", root);
  at = find (tail, tail_len, 0, root_needle);
  end = at < 0 ? -1 : find (tail, tail_len, (gsize) at, "endobj");
  dict_end = end < 0 ? -1 : rfind (tail, (gsize) end, ">>");
  if (dict_end <= at)
    {
      g_set_error (error, TF_PDF_AMEND_ERROR, 0, "the catalogue is not in the end of the PDF");
      return NULL;
    }
  if (is_language_tag (lang) && find (tail, (gsize) end, (gsize) at, "/Lang") < 0)
    {
      g_autofree char *entry = g_strdup_printf ("   /Lang (%s)\n", lang);

      append_object (out, xref, base, (guint) root, tail, (gsize) at + 1, (gsize) dict_end, (gsize) end, entry);
    }

  /* The figures, in the order cairo wrote them: the order of the
   * structure tree, which is the order they were begun in (figures do not
   * nest in one another). */
  for (at = find (tail, tail_len, 0, FIGURE); at >= 0; at = find (tail, tail_len, (gsize) end, FIGURE))
    {
      const char *alt = alts != NULL && n_figures < alts->len ? g_ptr_array_index (alts, n_figures) : NULL;
      gsize header = strlen (" 0 obj\n");
      gsize start;
      guint64 number = 0, unit = 1;

      end = find (tail, tail_len, (gsize) at, "endobj");
      if (end < 0 || (gsize) at < header + 1 || memcmp (tail + at - header, " 0 obj\n", header) != 0)
        {
          g_set_error (error, TF_PDF_AMEND_ERROR, 0, "a Figure element that is not an object");
          return NULL;
        }
      start = (gsize) at - header;
      while (start > 0 && g_ascii_isdigit (tail[start - 1]) && unit <= 1000000000)
        {
          start--;
          number += (tail[start] - '0') * unit;
          unit *= 10;
        }
      if (unit == 1 || number >= (guint64) size)
        {
          g_set_error (error, TF_PDF_AMEND_ERROR, 0, "a Figure element without an object number");
          return NULL;
        }
      n_figures++;
      if (alt != NULL && alt[0] != '\0' && find (tail, (gsize) end, (gsize) at, "/Alt") < 0)
        {
          g_autoptr(GString) entry = g_string_new ("   /Alt ");

          append_text_string (entry, alt);
          g_string_append_c (entry, '\n');
          append_object (out, xref, base, (guint) number, tail, start, (gsize) at + strlen (FIGURE),
                         (gsize) end, entry->str);
        }
    }
  if (alts != NULL && n_figures != alts->len)
    {
      g_set_error (error, TF_PDF_AMEND_ERROR, 0, "%u figures in the PDF for %u alternative texts",
                   n_figures, alts->len);
      return NULL;
    }
  if (xref->len == 0)
    return g_bytes_new (NULL, 0);

  /* One subsection per object; each entry is exactly 20 bytes. */
  g_array_sort (xref, compare_entries);
  {
    guint64 xref_at = base + out->len;

    g_string_append (out, "xref\n");
    for (guint i = 0; i < xref->len; i++)
      {
        XrefEntry *entry = &g_array_index (xref, XrefEntry, i);

        g_string_append_printf (out, "%u 1\n%010" G_GUINT64_FORMAT " 00000 n \n", entry->number, entry->offset);
      }
    g_string_append_printf (out, "trailer\n<< /Size %" G_GINT64_FORMAT "\n   /Root %" G_GINT64_FORMAT " 0 R\n",
                            size, root);
    if (info > 0)
      g_string_append_printf (out, "   /Info %" G_GINT64_FORMAT " 0 R\n", info);
    g_string_append_printf (out, "   /Prev %" G_GINT64_FORMAT "\n>>\nstartxref\n%" G_GUINT64_FORMAT "\n%%%%EOF\n",
                            prev, xref_at);
  }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
