/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

/* g_assert() stays on in every build of this file. */
#undef G_DISABLE_ASSERT

#include <stdint.h>
#include <string.h>

#include "insights/tf-insight-csv.h"
#include "tf-experiment.h"

/* libFuzzer's entry point, also called by replay.c on the seed corpus.
 * Whatever the bytes, the parser must not crash, and what it returns must
 * hold together: valid UTF-8 everywhere, line numbers within the file and in
 * order, fields that the importer accepts, and a written file that reads
 * back to the same rows. */

static void
check_row (const TfInsightRow *row,
           guint               previous_line,
           guint               n_lines)
{
  guint n;
  const TfNoteColor *colors = tf_note_colors (&n);
  gboolean known_color = row->color[0] == '\0';

  g_assert (row->line > previous_line && row->line <= n_lines);
  g_assert (row->quote[0] != '\0');
  g_assert (g_utf8_validate (row->quote, -1, NULL));
  g_assert (g_utf8_strlen (row->quote, -1) <= TF_INSIGHT_MAX_QUOTE);
  g_assert (!g_ascii_isspace (row->quote[strlen (row->quote) - 1]));
  g_assert ((guint) row->source < TF_N_SOURCES);
  g_assert (tf_date_is_valid (row->date));
  g_assert (g_utf8_validate (row->cluster, -1, NULL));
  for (guint i = 0; row->tags[i] != NULL; i++)
    {
      g_assert (row->tags[i][0] != '\0');
      g_assert (g_utf8_validate (row->tags[i], -1, NULL));
      g_assert (strpbrk (row->tags[i], ",;") == NULL);
    }
  for (guint i = 0; i < n; i++)
    known_color = known_color || g_str_equal (row->color, colors[i].id);
  g_assert (known_color);
}

static void
check_round_trip (GPtrArray *rows)
{
  g_autoptr(GBytes) written = tf_insight_csv_write (rows);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfInsightCsv) again = tf_insight_csv_parse (written, &error);

  g_assert (again != NULL && error == NULL);
  g_assert (again->rejections->len == 0);
  g_assert (again->warnings->len == 0);
  g_assert (again->rows->len == rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      TfInsightRow *a = g_ptr_array_index (rows, i), *b = g_ptr_array_index (again->rows, i);

      g_assert (g_str_equal (a->quote, b->quote));
      g_assert (a->source == b->source);
      g_assert (g_str_equal (a->date, b->date));
      g_assert (g_strv_equal ((const char * const *) a->tags, (const char * const *) b->tags));
      g_assert (g_str_equal (a->color, b->color));
      g_assert (g_str_equal (a->cluster, b->cluster));
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfInsightCsv) csv = tf_insight_csv_parse (bytes, &error);
  guint line = 0;

  if (csv == NULL)
    {
      g_assert (error != NULL && error->domain == TF_INSIGHT_CSV_ERROR);
      g_assert (error->message[0] != '\0' && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert (error == NULL);
  g_assert (csv->n_lines >= 1);
  g_assert (csv->delimiter == 0 || strchr (",;\t", csv->delimiter) != NULL);

  for (guint i = 0; i < csv->rows->len; i++)
    {
      TfInsightRow *row = g_ptr_array_index (csv->rows, i);

      check_row (row, line, csv->n_lines);
      line = row->line;
    }
  line = 0;
  for (guint i = 0; i < csv->rejections->len; i++)
    {
      TfInsightRejection *rejection = g_ptr_array_index (csv->rejections, i);

      g_assert (rejection->line > line && rejection->line <= csv->n_lines);
      g_assert (rejection->reason[0] != '\0' && g_utf8_validate (rejection->reason, -1, NULL));
      line = rejection->line;
    }
  for (guint i = 0; i < csv->warnings->len; i++)
    g_assert (g_utf8_validate (g_ptr_array_index (csv->warnings, i), -1, NULL));

  check_round_trip (csv->rows);
  return 0;
}
