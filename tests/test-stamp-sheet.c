/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "exports/tf-stamp-sheet.h"
#include "wings/tf-wings.h"

/* Poppler 22 has no autoptr of its own; names of ours cannot clash with a
 * later one. */
typedef PopplerDocument Pdf;
typedef PopplerPage PdfPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pdf, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdfPage, g_object_unref)

typedef struct {
  char           *dir;
  char           *pdf;
  TfStampLibrary *library;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("transfo-sheet-XXXXXX", NULL);
  f->pdf = g_build_filename (f->dir, "stamps.pdf", NULL);
  f->library = tf_stamp_library_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->library);
  g_unlink (f->pdf);
  g_rmdir (f->dir);
  g_free (f->pdf);
  g_free (f->dir);
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static char *
all_text (PopplerDocument *document)
{
  GString *text = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(PdfPage) page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat (fabs (width - 595.0), <, 1.0);
      g_assert_cmpfloat (fabs (height - 842.0), <, 1.0);
      g_string_append (text, page_text);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* Text extraction keeps words; line breaks may fall anywhere in a name. */
static gboolean
contains_words (const char *text,
                const char *name)
{
  g_autofree char *flat = g_strdup (text);
  g_auto(GStrv) words = g_strsplit_set (name, " /", -1);

  g_strdelimit (flat, "\n", ' ');
  for (guint i = 0; words[i]; i++)
    if (words[i][0] != '\0' && strstr (flat, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
test_chosen (Fixture       *f,
             gconstpointer  data)
{
  static const char * const ids[] = { "elu", "parapheur", "telephone", "cabinet", "lieu", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(Pdf) document = NULL;
  g_autofree char *text = NULL;

  g_assert_true (tf_stamp_sheet_write (f->library, ids, 3.0, f->pdf, &error));
  g_assert_no_error (error);
  document = open_pdf (f->pdf);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  text = all_text (document);
  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(TfStamp) stamp = tf_stamp_library_lookup (f->library, ids[i]);

      g_test_message ("looking for %s", tf_stamp_get_name (stamp));
      g_assert_true (contains_words (text, tf_stamp_get_name (stamp)));
    }
  /* Nothing else: only the chosen stamps. */
  {
    g_autoptr(TfStamp) other = tf_stamp_library_lookup (f->library, "entreprise");
    g_assert_false (contains_words (text, tf_stamp_get_name (other)));
  }

  /* Vector: the pictograms are drawn, not pasted as images. */
  {
    g_autoptr(PdfPage) page = poppler_document_get_page (document, 0);
    GList *images = poppler_page_get_image_mapping (page);

    g_assert_cmpuint (g_list_length (images), ==, 0);
    poppler_page_free_image_mapping (images);
  }
}

static void
test_all_sizes (Fixture       *f,
                gconstpointer  data)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->library));
  double sizes[] = { 1.0, 3.0, 5.0, 15.0 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(Pdf) document = NULL;
      g_autofree char *text = NULL;
      guint per_page = tf_stamp_sheet_get_per_page (sizes[s]);

      g_assert_cmpuint (per_page, >, 0);
      g_assert_true (tf_stamp_sheet_write (f->library, NULL, sizes[s], f->pdf, &error));
      g_assert_no_error (error);
      document = open_pdf (f->pdf);
      g_assert_cmpint (poppler_document_get_n_pages (document), ==, (n + per_page - 1) / per_page);
      text = all_text (document);
      if (sizes[s] >= 3.0)
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(TfStamp) stamp = g_list_model_get_item (G_LIST_MODEL (f->library), i);
            g_assert_true (contains_words (text, tf_stamp_get_name (stamp)));
          }
    }
  g_assert_cmpuint (tf_stamp_sheet_get_per_page (3.0), ==, 30);
  g_assert_cmpuint (tf_stamp_sheet_get_per_page (0.2), ==, 0);
  g_assert_cmpuint (tf_stamp_sheet_get_per_page (40), ==, 0);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  static const char * const unknown[] = { "elu", "martian", NULL };
  g_autoptr(GError) error = NULL;

  /* Nothing is left behind by a refusal… */
  g_assert_false (tf_stamp_sheet_write (f->library, unknown, 3.0, f->pdf, &error));
  g_assert_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->pdf, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (tf_stamp_sheet_write (f->library, NULL, 0.3, f->pdf, &error));
  g_assert_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_INVALID);
  g_clear_error (&error);

  /* …and an existing file stays as it was. */
  g_assert_true (g_file_set_contents (f->pdf, "precious", -1, NULL));
  g_assert_false (tf_stamp_sheet_write (f->library, unknown, 3.0, f->pdf, &error));
  g_clear_error (&error);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (f->pdf, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "precious");
  }
  /* A folder that does not exist. */
  {
    g_autofree char *bad = g_build_filename (f->dir, "no", "such", "dir.pdf", NULL);

    g_assert_false (tf_stamp_sheet_write (f->library, NULL, 3.0, bad, &error));
    g_assert_nonnull (error);
  }
  /* No temporary file left in the folder. */
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (dir)) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add ("/transfo/stamps/sheet/chosen", Fixture, NULL, fixture_setup, test_chosen, fixture_teardown);
  g_test_add ("/transfo/stamps/sheet/all-sizes", Fixture, NULL, fixture_setup, test_all_sizes, fixture_teardown);
  g_test_add ("/transfo/stamps/sheet/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);

  return g_test_run ();
}
