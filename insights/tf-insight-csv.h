/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Insights as CSV or TSV: what people type in a spreadsheet after a round of
 * interviews, and what they get back to share or archive. One row per
 * insight; the columns are named on the first line, in English or French:
 *
 *   quote,source,date,tags,colour,cluster
 *   "Les mails, je les lis et je fais suivre à l'élu.",collaborateur,2009-10-05,"outils, mails",jaune,Suite-projet
 *
 * A file is refused as a whole only when it cannot be read as text; a row
 * with a problem is rejected alone, with its line number and the reason. */

#include <glib.h>

#include "tf-insight.h"

G_BEGIN_DECLS

#define TF_INSIGHT_CSV_ERROR (tf_insight_csv_error_quark ())

typedef enum {
  TF_INSIGHT_CSV_ERROR_TOO_BIG,    /* more than TF_INSIGHT_CSV_MAX_SIZE bytes */
  TF_INSIGHT_CSV_ERROR_EMPTY,      /* no header line */
  TF_INSIGHT_CSV_ERROR_NOT_TEXT,   /* NUL bytes or control characters: a binary file */
  TF_INSIGHT_CSV_ERROR_ENCODING,   /* text, but not UTF-8 */
  TF_INSIGHT_CSV_ERROR_HEADER,     /* no quote column, a column named twice… */
  TF_INSIGHT_CSV_ERROR_TOO_MANY,   /* more than TF_INSIGHT_CSV_MAX_ROWS records */
} TfInsightCsvError;

#define TF_INSIGHT_CSV_MAX_SIZE  (64 * 1024 * 1024)
/* Records after the header, blank lines not counted: more than a wall can
 * show, and a bound on what a file may cost (a 64 MiB file of one-letter
 * lines would otherwise be 33 million rows). Counted before any row is
 * built, so a file over it is refused quickly and in little memory. */
#define TF_INSIGHT_CSV_MAX_ROWS  200000
/* In characters: a post-it holds a sentence, not a transcript. */
#define TF_INSIGHT_MAX_QUOTE     2000

/* One insight, as read from a file or from a board. */
typedef struct {
  guint     line;      /* the line its record starts on in the file; 0 when read from a board */
  char     *quote;
  TfSource  source;
  char     *date;      /* YYYY-MM-DD or "" */
  GStrv     tags;      /* never NULL */
  char     *color;     /* a palette id, or "" for the default colour */
  char     *cluster;   /* the cluster's title, or "" for a loose note */
} TfInsightRow;

typedef struct {
  guint  line;         /* the line its record starts on */
  char  *reason;       /* translated, e.g. "date “5/10” is not YYYY-MM-DD" */
} TfInsightRejection;

typedef struct {
  GPtrArray *rows;        /* of TfInsightRow, in file order */
  GPtrArray *rejections;  /* of TfInsightRejection, in file order */
  GPtrArray *warnings;    /* of char *, translated: unknown columns */
  char       delimiter;   /* ',', ';', '\t', or 0 for a one-column file */
  guint      n_lines;     /* physical lines in the file */
} TfInsightCsv;

GQuark         tf_insight_csv_error_quark (void);

TfInsightRow  *tf_insight_row_new        (void) G_GNUC_WARN_UNUSED_RESULT;
void           tf_insight_row_free       (TfInsightRow *row);

TfInsightCsv  *tf_insight_csv_parse      (GBytes       *bytes,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;
void           tf_insight_csv_free       (TfInsightCsv *csv);

GBytes        *tf_insight_csv_write      (GPtrArray    *rows) G_GNUC_WARN_UNUSED_RESULT;

/* What a spreadsheet must not run: '=', '+', '-', '@', tab or CR at the start
 * of a cell (after spaces), or after a ';', tab or line break inside it
 * (after spaces and double quotes): where a spreadsheet that splits on ';'
 * or tabs sees a cell start. Each gets one apostrophe before it (before a
 * run of apostrophes too, so that unescaping is exact). Exposed for tests. */
char          *tf_insight_csv_escape_cell   (const char *cell) G_GNUC_WARN_UNUSED_RESULT;
char          *tf_insight_csv_unescape_cell (const char *cell) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfInsightRow, tf_insight_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfInsightCsv, tf_insight_csv_free)

G_END_DECLS
