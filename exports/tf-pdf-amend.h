/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What cairo 1.16 cannot say in a tagged PDF: the document's language
 * (/Lang in the catalogue) and the alternative text of its figures (/Alt
 * on each Figure structure element). Both are added as a PDF incremental
 * update (ISO 32000-1, 7.5.6): the file cairo wrote stays byte for byte,
 * and new versions of the catalogue and of the Figure elements, with a
 * cross-reference section and a trailer pointing back at cairo's, are
 * appended after it. */

#include <glib.h>

G_BEGIN_DECLS

#define TF_PDF_AMEND_ERROR (tf_pdf_amend_error_quark ())

GQuark   tf_pdf_amend_error_quark (void);

/* @tail: the last bytes of a PDF cairo wrote, from offset @tail_offset of
 * the file to its end; they must hold what cairo writes when the surface
 * finishes (the structure tree, the catalogue, the trailer). @lang: a BCP
 * 47 tag ("fr", "en-GB") or NULL. @alts: the alternative texts of the
 * Figure elements in the order they were begun, or NULL; a figure past
 * the end of @alts, or given NULL or "", gets none.
 * Returns the bytes to append to the file; FALSE with an error when @tail
 * is not such a PDF, or when it holds a different number of figures than
 * @alts (the texts would land on the wrong figures). */
GBytes  *tf_pdf_amend             (const guint8       *tail,
                                   gsize               tail_len,
                                   guint64             tail_offset,
                                   const char         *lang,
                                   GPtrArray          *alts,
                                   GError            **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
