/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-print"

#include <glib/gi18n.h>
#include <math.h>
#include <poppler.h>

#include "tf-print.h"

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* The PDF is held in memory (its bytes and Poppler's document), so the
 * temporary file it was written to can go at once. */
typedef struct {
  GBytes          *bytes;
  PopplerDocument *document;
} PrintData;

static void
print_data_free (gpointer data)
{
  PrintData *print = data;

  g_clear_object (&print->document);
  g_bytes_unref (print->bytes);
  g_free (print);
}

/* A page setup for a page of @width × @height points: its own size as the
 * paper, in the orientation its shape says. */
static GtkPageSetup *
page_setup_for (double width,
                double height)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  gboolean landscape = width > height;
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autofree char *name = NULL;

  /* A known paper when the page is one (A4, A3, Letter…), so that the
   * printer picks the right tray; a custom size otherwise. */
  name = g_strdup_printf ("transfo_%.0fx%.0fpt", MIN (width, height), MAX (width, height));
  paper = gtk_paper_size_new_custom (name, name, MIN (width, height), MAX (width, height),
                                     GTK_UNIT_POINTS);
  {
    GList *papers = gtk_paper_size_get_paper_sizes (FALSE);

    for (GList *l = papers; l != NULL; l = l->next)
      {
        GtkPaperSize *known = l->data;

        if (fabs (gtk_paper_size_get_width (known, GTK_UNIT_POINTS) - MIN (width, height)) < 2 &&
            fabs (gtk_paper_size_get_height (known, GTK_UNIT_POINTS) - MAX (width, height)) < 2)
          {
            gtk_paper_size_free (paper);
            paper = gtk_paper_size_copy (known);
            break;
          }
      }
    g_list_free_full (papers, (GDestroyNotify) gtk_paper_size_free);
  }
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                   : GTK_PAGE_ORIENTATION_PORTRAIT);
  /* The export draws its own margins. */
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  return setup;
}

/* Each page in the orientation of its own shape (a poster's sheets and a
 * report's pages share one, but a report may turn a wide board). */
static void
request_page_setup (GtkPrintOperation *operation,
                    GtkPrintContext   *context,
                    int                page_nr,
                    GtkPageSetup      *setup,
                    PrintData         *print)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (print->document, page_nr);
  double width, height;

  if (page == NULL)
    return;
  poppler_page_get_size (page, &width, &height);
  gtk_page_setup_set_orientation (setup, width > height ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                        : GTK_PAGE_ORIENTATION_PORTRAIT);
}

/* The page whole, centred, at its size or smaller if the printer's page is
 * smaller (never cut). */
static void
draw_page (GtkPrintOperation *operation,
           GtkPrintContext   *context,
           int                page_nr,
           PrintData         *print)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (print->document, page_nr);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double area_w = gtk_print_context_get_width (context);
  double area_h = gtk_print_context_get_height (context);
  double width, height, scale;

  if (page == NULL)
    return;
  poppler_page_get_size (page, &width, &height);
  if (width <= 0 || height <= 0 || area_w <= 0 || area_h <= 0)
    return;
  /* The context's unit is the point (set below): 1 is the exported size. */
  scale = MIN (1.0, MIN (area_w / width, area_h / height));
  cairo_save (cr);
  cairo_translate (cr, (area_w - width * scale) / 2, (area_h - height * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  poppler_page_render_for_printing (page, cr);
  cairo_restore (cr);
}

GtkPrintOperation *
tf_print_operation_new_for_pdf (const char  *pdf_path,
                                const char  *job_name,
                                GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(PopplerPage) first = NULL;
  char *contents = NULL;
  gsize length = 0;
  PrintData *print;
  double width, height;

  g_return_val_if_fail (pdf_path != NULL, NULL);

  if (!g_file_get_contents (pdf_path, &contents, &length, error))
    return NULL;
  print = g_new0 (PrintData, 1);
  print->bytes = g_bytes_new_take (contents, length);
  print->document = poppler_document_new_from_bytes (print->bytes, NULL, error);
  if (print->document == NULL || poppler_document_get_n_pages (print->document) < 1)
    {
      if (print->document != NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("there is no page to print"));
      print_data_free (print);
      return NULL;
    }

  operation = gtk_print_operation_new ();
  g_object_set_data_full (G_OBJECT (operation), "tf-print-data", print, print_data_free);
  gtk_print_operation_set_job_name (operation, job_name != NULL ? job_name : "Transfo");
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (print->document));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The export has its margins: the whole sheet is the page (drawn within
   * the printable area when the printer cannot reach the edges). */
  gtk_print_operation_set_use_full_page (operation, FALSE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  first = poppler_document_get_page (print->document, 0);
  poppler_page_get_size (first, &width, &height);
  setup = page_setup_for (width, height);
  gtk_print_operation_set_default_page_setup (operation, setup);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup), print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page), print);
  return g_steal_pointer (&operation);
}
