/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The system print dialog for what Transfo exports: a print operation whose
 * pages are those of the PDF @pdf_path (the export itself, written by
 * exports/ with the same drawing), each drawn whole on the printer's page.
 * The first page's size and orientation are the default page setup, so the
 * paper chosen in Transfo's dialog is the one the print dialog proposes;
 * on another paper a page is scaled down to fit it, never cut. @pdf_path is
 * read at once: it may go once this returns. NULL with an error if it cannot
 * be read. */
GtkPrintOperation *tf_print_operation_new_for_pdf (const char  *pdf_path,
                                                   const char  *job_name,
                                                   GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
