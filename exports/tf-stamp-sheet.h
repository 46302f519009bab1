/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Sheets of stamps to print and cut out for paper workshops: A4 pages of
 * pictograms at a chosen size, each with its name under it and light cut
 * lines around it. Vector PDF, written whole or not at all. */

#include "stamps/tf-stamp-library.h"

G_BEGIN_DECLS

#define TF_STAMP_SHEET_MIN_CM     1.0
#define TF_STAMP_SHEET_MAX_CM    15.0
#define TF_STAMP_SHEET_DEFAULT_CM 3.0

/* A4 portrait, in PostScript points. */
#define TF_A4_WIDTH_PT  595.2756
#define TF_A4_HEIGHT_PT 841.8898

/* How many stamps of @size_cm fit on a page; 0 when the size is out of range. */
guint    tf_stamp_sheet_get_per_page (double           size_cm);

/* Writes the stamps @ids of @library (NULL: every stamp of the library) at
 * @size_cm to the PDF @path. A missing id, a size out of range or a failed
 * write leaves no file at @path (an existing one is left as it was). */
gboolean tf_stamp_sheet_write        (TfStampLibrary      *library,
                                      const char * const  *ids,
                                      double               size_cm,
                                      const char          *path,
                                      GError             **error);

G_END_DECLS
