/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lower case, accents removed, typographic apostrophes made straight:
 * "Élu(e)" and "elu(E)" fold alike, "Qui travaille" and "qui". */
char   *tf_text_fold         (const char         *text) G_GNUC_WARN_UNUSED_RESULT;

/* Which of the @n_names @names @query names, as a person abbreviates on a
 * command line: the names equal to it, else (case and accents folded, see
 * tf_text_fold()) those equal to it, else those that start with it, else
 * those that contain it. Returns the indices of the first of these sets that
 * is not empty: one name when it is unique, several when @query is
 * ambiguous, none when nothing matches (or @query is empty). */
GArray *tf_text_match_names  (const char * const *names,
                              guint               n_names,
                              const char         *query) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
