/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the tests reading PDFs back share: opening one with Poppler and
 * its text with the spaces taken out (lines wrap anywhere, so a wrapped
 * quote comes back in pieces). Part of tf-test-util's library. */

#include <glib.h>
#include <poppler.h>

G_BEGIN_DECLS

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* The PDF file @path, failing the test when Poppler cannot read it. */
PopplerDocument *tf_test_open_pdf        (const char      *path) G_GNUC_WARN_UNUSED_RESULT;
/* @text without white space (no-break spaces included) nor soft hyphens. */
char            *tf_test_squeeze         (const char      *text) G_GNUC_WARN_UNUSED_RESULT;
/* The same, without hyphens either: a name wrapped at "Vice-" comes
 * back whole, and one hyphenated by the layout too. */
char            *tf_test_squeeze_hyphens (const char      *text) G_GNUC_WARN_UNUSED_RESULT;
/* Page @index's text, squeezed. */
char            *tf_test_pdf_page_text   (PopplerDocument *doc,
                                          int              index) G_GNUC_WARN_UNUSED_RESULT;
/* Every page's text, squeezed, one after the other. */
char            *tf_test_pdf_text        (PopplerDocument *doc) G_GNUC_WARN_UNUSED_RESULT;
/* Whether @squeezed (squeezed text) holds @text once squeezed. */
gboolean         tf_test_has_text        (const char      *squeezed,
                                          const char      *text);

G_END_DECLS
