/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "insights/tf-insight-csv.h"
#include "wings/tf-wings.h"

static TfInsightCsv *
parse_len (const char  *data,
           gsize        len,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);

  return tf_insight_csv_parse (bytes, error);
}

static TfInsightCsv *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  TfInsightCsv *csv = parse_len (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

static void
assert_refused (const char        *data,
                gsize              len,
                TfInsightCsvError  code,
                const char        *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfInsightCsv) csv = parse_len (data, len, &error);

  g_assert_null (csv);
  g_assert_error (error, TF_INSIGHT_CSV_ERROR, (int) code);
  if (in_message != NULL && strstr (error->message, in_message) == NULL)
    g_error ("“%s” is not in “%s”", in_message, error->message);
}

static TfInsightRow *
row_at (TfInsightCsv *csv,
        guint         i)
{
  g_assert_cmpuint (i, <, csv->rows->len);
  return g_ptr_array_index (csv->rows, i);
}

static TfInsightRejection *
rejection_at (TfInsightCsv *csv,
              guint         i)
{
  g_assert_cmpuint (i, <, csv->rejections->len);
  return g_ptr_array_index (csv->rejections, i);
}

static void
assert_rejected (TfInsightCsv *csv,
                 guint         i,
                 guint         line,
                 const char   *in_reason)
{
  TfInsightRejection *rejection = rejection_at (csv, i);

  g_assert_cmpuint (rejection->line, ==, line);
  if (strstr (rejection->reason, in_reason) == NULL)
    g_error ("line %u: “%s” is not in “%s”", line, in_reason, rejection->reason);
}

static void
test_bom (void)
{
  const char *bodies[] = {
    "quote,source\nIl faut un prétexte,élu\n",
    "\xEF\xBB\xBFquote,source\nIl faut un prétexte,élu\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(TfInsightCsv) csv = parse (bodies[i]);

      g_assert_cmpuint (csv->rows->len, ==, 1);
      g_assert_cmpuint (csv->rejections->len, ==, 0);
      g_assert_cmpuint (csv->warnings->len, ==, 0);
      g_assert_cmpstr (row_at (csv, 0)->quote, ==, "Il faut un prétexte");
      g_assert_cmpint (row_at (csv, 0)->source, ==, TF_SOURCE_ELECTED);
      g_assert_cmpuint (row_at (csv, 0)->line, ==, 2);
    }
}

static void
test_delimiters (void)
{
  static const struct {
    const char *text;
    char        delimiter;
  } cases[] = {
    { "quote,source,cluster\nUn, deux;trois,agent,Outils\n", ',' },
    { "quote;source;cluster\n\"Un, deux;trois\";agent;Outils\n", ';' },
    { "quote\tsource\tcluster\nUn, deux;trois\tagent\tOutils\n", '\t' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TfInsightCsv) csv = parse (cases[i].text);
      TfInsightRow *row;

      g_assert_cmpint (csv->delimiter, ==, cases[i].delimiter);
      g_assert_cmpuint (csv->rejections->len, ==, cases[i].delimiter == ',' ? 1 : 0);
      if (cases[i].delimiter == ',')
        {
          /* Unquoted, the comma splits the quote: the row is refused whole. */
          assert_rejected (csv, 0, 2, "4 fields where the header has 3");
          continue;
        }
      row = row_at (csv, 0);
      g_assert_cmpstr (row->quote, ==, "Un, deux;trois");
      g_assert_cmpint (row->source, ==, TF_SOURCE_AGENT);
      g_assert_cmpstr (row->cluster, ==, "Outils");
    }
}

static void
test_quoting (void)
{
  g_autoptr(TfInsightCsv) csv =
    parse ("quote,source,tags\n"
           "\"Il a dit \"\"non\"\", puis oui\",usager,\"a, b\"\n"
           "\"Deux\nlignes\r\net trois\",,\n"
           "Sans guillemets,,\n"
           "\"fin\"texte collé,,\n"
           "milieu \"entre\" guillemets,,\n");

  g_assert_cmpuint (csv->rejections->len, ==, 0);
  g_assert_cmpuint (csv->rows->len, ==, 5);
  g_assert_cmpstr (row_at (csv, 0)->quote, ==, "Il a dit \"non\", puis oui");
  g_assert_cmpstr (row_at (csv, 0)->tags[0], ==, "a");
  g_assert_cmpstr (row_at (csv, 0)->tags[1], ==, "b");
  g_assert_cmpuint (row_at (csv, 0)->line, ==, 2);
  /* Line breaks inside quotes are kept as they are and counted. */
  g_assert_cmpstr (row_at (csv, 1)->quote, ==, "Deux\nlignes\r\net trois");
  g_assert_cmpuint (row_at (csv, 1)->line, ==, 3);
  g_assert_cmpuint (row_at (csv, 2)->line, ==, 6);
  g_assert_cmpstr (row_at (csv, 3)->quote, ==, "fintexte collé");
  g_assert_cmpstr (row_at (csv, 4)->quote, ==, "milieu \"entre\" guillemets");
  g_assert_cmpuint (csv->n_lines, ==, 8);
}

static void
test_line_ends (void)
{
  const char *bodies[] = {
    "quote\r\nun\r\ndeux\r\n",
    "quote\nun\ndeux\n",
    "quote\run\rdeux\r",
    "quote\nun\ndeux",
    "quote\r\nun\r\ndeux\r\n\r\n",
    "\n\nquote\n\nun\n  \ndeux\n\n\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(TfInsightCsv) csv = parse (bodies[i]);

      g_assert_cmpuint (csv->rows->len, ==, 2);
      g_assert_cmpuint (csv->rejections->len, ==, 0);
      g_assert_cmpstr (row_at (csv, 0)->quote, ==, "un");
      g_assert_cmpstr (row_at (csv, 1)->quote, ==, "deux");
      if (i < 4)
        {
          g_assert_cmpuint (row_at (csv, 1)->line, ==, 3);
          g_assert_cmpuint (csv->n_lines, ==, 3);
        }
    }

  {
    g_autoptr(TfInsightCsv) csv = parse ("\n\nquote\n\nun\n  \ndeux\n\n\n");
    g_assert_cmpuint (row_at (csv, 0)->line, ==, 5);
    g_assert_cmpuint (row_at (csv, 1)->line, ==, 7);
  }
}

static void
test_french_headers (void)
{
  g_autoptr(TfInsightCsv) csv =
    parse ("Citation;Source;Date;Étiquettes;Couleur;Groupe\n"
           "On a du mal à savoir comment les mener;Service;2009-10-05;\"projets; services\";Vert;Transfo\n");
  g_autoptr(TfInsightCsv) other =
    parse ("  TEXTE ;mots-clés;COULEUR;zone\nBonjour;a,b;bleu;Accueil\n");
  g_autoptr(TfInsightCsv) english = parse ("Insight,Tags,Color,Cluster\nHello,x,sky,Desk\n");
  TfInsightRow *row;

  g_assert_cmpint (csv->delimiter, ==, ';');
  g_assert_cmpuint (csv->warnings->len, ==, 0);
  row = row_at (csv, 0);
  g_assert_cmpstr (row->quote, ==, "On a du mal à savoir comment les mener");
  g_assert_cmpint (row->source, ==, TF_SOURCE_DEPARTMENT);
  g_assert_cmpstr (row->date, ==, "2009-10-05");
  g_assert_cmpuint (g_strv_length (row->tags), ==, 2);
  g_assert_cmpstr (row->tags[0], ==, "projets");
  g_assert_cmpstr (row->tags[1], ==, "services");
  g_assert_cmpstr (row->color, ==, "green");
  g_assert_cmpstr (row->cluster, ==, "Transfo");

  row = row_at (other, 0);
  g_assert_cmpstr (row->quote, ==, "Bonjour");
  g_assert_cmpstr (row->color, ==, "sky");
  g_assert_cmpstr (row->cluster, ==, "Accueil");
  g_assert_cmpuint (g_strv_length (row->tags), ==, 2);

  row = row_at (english, 0);
  g_assert_cmpstr (row->quote, ==, "Hello");
  g_assert_cmpstr (row->color, ==, "sky");
  g_assert_cmpstr (row->cluster, ==, "Desk");
}

static void
test_missing_quote (void)
{
  const char *text = "source,date\nélu,2009-10-05\n";

  assert_refused (text, strlen (text), TF_INSIGHT_CSV_ERROR_HEADER, "“quote”");
  assert_refused (text, strlen (text), TF_INSIGHT_CSV_ERROR_HEADER, "source, date");
  /* A file without a header: its first line is taken for one, and refused. */
  text = "Il faut un prétexte,élu\n";
  assert_refused (text, strlen (text), TF_INSIGHT_CSV_ERROR_HEADER, "Il faut un prétexte");
  text = "\"quote,source\nx,y\n";
  assert_refused (text, strlen (text), TF_INSIGHT_CSV_ERROR_HEADER, "never closed");
}

static void
test_unknown_columns (void)
{
  g_autoptr(TfInsightCsv) csv =
    parse ("id,quote,Interviewer,notes,notes,,source\n1,Bonjour,Marie,x,y,,agent\n");

  g_assert_cmpuint (csv->rows->len, ==, 1);
  g_assert_cmpuint (csv->rejections->len, ==, 0);
  g_assert_cmpstr (row_at (csv, 0)->quote, ==, "Bonjour");
  g_assert_cmpint (row_at (csv, 0)->source, ==, TF_SOURCE_AGENT);
  /* Each unknown name once; an empty name is no column at all. */
  g_assert_cmpuint (csv->warnings->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (csv->warnings, 0), "“id”"));
  g_assert_nonnull (strstr (g_ptr_array_index (csv->warnings, 1), "“Interviewer”"));
  g_assert_nonnull (strstr (g_ptr_array_index (csv->warnings, 2), "“notes”"));
}

static void
test_duplicate_columns (void)
{
  const char *cases[] = {
    "quote,source,quote\nx,y,z\n",
    "citation;texte\nx;y\n",
    "quote,couleur,Colour\nx,y,z\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_refused (cases[i], strlen (cases[i]), TF_INSIGHT_CSV_ERROR_HEADER, "twice");
  assert_refused (cases[1], strlen (cases[1]), TF_INSIGHT_CSV_ERROR_HEADER, "“citation” (column 1) and “texte” (column 2)");
}

static void
test_rejections (void)
{
  g_autofree char *long_quote = g_strnfill (TF_INSIGHT_MAX_QUOTE + 1, 'a');
  g_autofree char *max_quote = NULL;
  g_autoptr(GString) text = g_string_new ("quote,source,date,colour\n");   /* line 1 */
  g_autoptr(TfInsightCsv) csv = NULL;

  /* 2000 characters, not bytes: "é" is two bytes. */
  {
    g_autoptr(GString) s = g_string_new (NULL);
    for (guint i = 0; i < TF_INSIGHT_MAX_QUOTE; i++)
      g_string_append (s, "é");
    max_quote = g_string_free (g_steal_pointer (&s), FALSE);
  }

  g_string_append (text, "Bon,élu,2009-10-05,jaune\n");                      /* 2: fine */
  g_string_append (text, ",élu,2009-10-05,jaune\n");                         /* 3 */
  g_string_append (text, "  ,,,\n");                                         /* 4: blank, skipped */
  g_string_append (text, "Bon,chef,,\n");                                    /* 5 */
  g_string_append (text, "Bon,,05/10/2009,\n");                              /* 6 */
  g_string_append (text, "Bon,,2009-02-30,\n");                              /* 7 */
  g_string_append (text, "Bon,,,turquoise\n");                               /* 8 */
  g_string_append (text, "Bon,,\n");                                         /* 9 */
  g_string_append (text, "Bon,,,,extra\n");                                  /* 10 */
  g_string_append_printf (text, "%s,,,\n", long_quote);                      /* 11 */
  g_string_append_printf (text, "%s,,,\n", max_quote);                       /* 12: fine */
  g_string_append (text, "\"Deux\nlignes\",chef,,\n");                       /* 13-14 */
  g_string_append (text, ",chef,hier,rouille\n");                            /* 15 */
  g_string_append (text, "Bon,,,,\n");                                       /* 16: fine */
  g_string_append (text, "\"pas fermé,élu,,\n");                             /* 17 */
  g_string_append (text, "Après,agent,,\n");                                 /* 18: fine */

  csv = parse (text->str);
  g_assert_cmpuint (csv->rows->len, ==, 4);
  g_assert_cmpuint (row_at (csv, 0)->line, ==, 2);
  g_assert_cmpuint (row_at (csv, 1)->line, ==, 12);
  g_assert_cmpuint (row_at (csv, 2)->line, ==, 16);
  g_assert_cmpuint (row_at (csv, 3)->line, ==, 18);
  g_assert_cmpstr (row_at (csv, 3)->quote, ==, "Après");

  g_assert_cmpuint (csv->rejections->len, ==, 11);
  assert_rejected (csv, 0, 3, "empty quote");
  assert_rejected (csv, 1, 5, "unknown source “chef” (use élu, collaborateur");
  assert_rejected (csv, 2, 6, "“05/10/2009” is not a date; write it as YYYY-MM-DD");
  assert_rejected (csv, 3, 7, "The date “2009-02-30” does not exist: February has 28 days");
  assert_rejected (csv, 4, 8, "unknown colour “turquoise” (use yellow, orange");
  assert_rejected (csv, 5, 9, "3 fields where the header has 4");
  assert_rejected (csv, 6, 10, "5 fields where the header has 4");
  assert_rejected (csv, 7, 11, "quote longer than 2000 characters");
  assert_rejected (csv, 8, 13, "unknown source “chef”");
  /* Every problem of a row is told at once. */
  assert_rejected (csv, 9, 15, "empty quote; unknown source “chef”");
  assert_rejected (csv, 9, 15, "“hier” is not a date");
  assert_rejected (csv, 9, 15, "unknown colour “rouille”");
  assert_rejected (csv, 10, 17, "unterminated quoted field");
  g_assert_cmpuint (csv->n_lines, ==, 18);
}

static void
test_long_value_in_message (void)
{
  g_autofree char *source = g_strnfill (500, 'x');
  g_autofree char *text = g_strdup_printf ("quote,source\nBon,%s\n", source);
  g_autoptr(TfInsightCsv) csv = parse (text);

  /* Clipped: a message is read on one line. */
  g_assert_cmpuint (strlen (rejection_at (csv, 0)->reason), <, 300);
  g_assert_nonnull (strstr (rejection_at (csv, 0)->reason, "…"));
}

static void
test_refused (void)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
  static const char latin1[] = "quote\nun\nd\xe9j\xe0 vu\n";
  static const char nul[] = "quote\nun\0deux\n";
  static const char controls[] = "quote\n\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f";
  gsize big_size = TF_INSIGHT_CSV_MAX_SIZE + 1;
  g_autofree char *big = g_malloc (big_size);

  assert_refused (png, sizeof png - 1, TF_INSIGHT_CSV_ERROR_NOT_TEXT, "not text");
  assert_refused (nul, sizeof nul - 1, TF_INSIGHT_CSV_ERROR_NOT_TEXT, NULL);
  assert_refused (controls, sizeof controls - 1, TF_INSIGHT_CSV_ERROR_NOT_TEXT, NULL);
  assert_refused (latin1, sizeof latin1 - 1, TF_INSIGHT_CSV_ERROR_ENCODING, "line 3, byte 2");
  assert_refused ("", 0, TF_INSIGHT_CSV_ERROR_EMPTY, NULL);
  assert_refused ("\xEF\xBB\xBF", 3, TF_INSIGHT_CSV_ERROR_EMPTY, NULL);
  assert_refused ("\r\n \n\t\n", 6, TF_INSIGHT_CSV_ERROR_EMPTY, NULL);
  assert_refused ("\xFF\xFE\x00", 3, TF_INSIGHT_CSV_ERROR_ENCODING, "UTF-16");

  memset (big, 'a', big_size);
  assert_refused (big, big_size, TF_INSIGHT_CSV_ERROR_TOO_BIG, NULL);
}

static void
test_stray_controls (void)
{
  g_autoptr(TfInsightCsv) csv = parse ("quote,cluster\nBon\x01jour,\x0b\x7fZone\n\x1a");

  g_assert_cmpuint (csv->rows->len, ==, 1);
  g_assert_cmpuint (csv->rejections->len, ==, 0);
  g_assert_cmpstr (row_at (csv, 0)->quote, ==, "Bonjour");
  g_assert_cmpstr (row_at (csv, 0)->cluster, ==, "Zone");
}

static void
test_utf16 (void)
{
  const char *text = "quote\tsource\r\nDéjà vu\tagent\r\n";
  g_autofree char *utf16 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfInsightCsv) csv = NULL;
  g_autoptr(GString) data = g_string_new_len ("\xFF\xFE", 2);
  gsize written = 0;

  utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &written, &error);
  g_assert_no_error (error);
  g_string_append_len (data, utf16, (gssize) written);

  csv = parse_len (data->str, data->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csv->rows->len, ==, 1);
  g_assert_cmpstr (row_at (csv, 0)->quote, ==, "Déjà vu");
  g_assert_cmpint (row_at (csv, 0)->source, ==, TF_SOURCE_AGENT);
}

static void
test_tags (void)
{
  g_autoptr(TfInsightCsv) csv =
    parse ("quote;tags\nBon;\" outils , mails;Outils;; agenda \"\nBon;\n");
  GStrv tags = row_at (csv, 0)->tags;

  g_assert_cmpuint (g_strv_length (tags), ==, 3);
  g_assert_cmpstr (tags[0], ==, "outils");
  g_assert_cmpstr (tags[1], ==, "mails");
  g_assert_cmpstr (tags[2], ==, "agenda");
  g_assert_nonnull (row_at (csv, 1)->tags);
  g_assert_cmpuint (g_strv_length (row_at (csv, 1)->tags), ==, 0);
}

static void
test_sources (void)
{
  g_autoptr(TfInsightCsv) csv =
    parse ("quote,source\n"
           "a,Élue\nb,collaborateurs\nc,STAFF\nd,Service\ne,usager\nf,\ng,résident\nh,Autre\n");
  static const TfSource expected[] = {
    TF_SOURCE_ELECTED, TF_SOURCE_STAFF, TF_SOURCE_STAFF, TF_SOURCE_DEPARTMENT,
    TF_SOURCE_CITIZEN, TF_SOURCE_UNKNOWN, TF_SOURCE_RESIDENT, TF_SOURCE_OTHER,
  };

  g_assert_cmpuint (csv->rejections->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (row_at (csv, i)->source, ==, expected[i]);
}

static void
test_one_column (void)
{
  g_autoptr(TfInsightCsv) csv = parse ("Citation\nUn, deux; trois\n\"Entre guillemets, aussi\"\n");

  g_assert_cmpint (csv->delimiter, ==, 0);
  g_assert_cmpuint (csv->rows->len, ==, 2);
  g_assert_cmpstr (row_at (csv, 0)->quote, ==, "Un, deux; trois");
  g_assert_cmpstr (row_at (csv, 1)->quote, ==, "Entre guillemets, aussi");
}

static void
test_trailing_empty_fields (void)
{
  g_autoptr(TfInsightCsv) csv = parse ("quote;source;;;\nBon;agent;;;;;\n");

  g_assert_cmpuint (csv->rejections->len, ==, 0);
  g_assert_cmpuint (csv->rows->len, ==, 1);
  g_assert_cmpstr (row_at (csv, 0)->quote, ==, "Bon");
}

static TfInsightCsv *
parse_rows (guint        n,
            const char  *row,
            const char  *extra,
            GError     **error)
{
  g_autoptr(GString) text = g_string_new ("quote,date\n");
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append (text, row);
  g_string_append (text, extra);
  bytes = g_bytes_new (text->str, text->len);
  return tf_insight_csv_parse (bytes, error);
}

/* At most TF_INSIGHT_CSV_MAX_ROWS records, rejected ones included, blank
 * lines not; one more refuses the whole file, before any row is built. */
static void
test_row_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfInsightCsv) full = NULL;
  g_autoptr(TfInsightCsv) blanks = NULL;
  g_autoptr(TfInsightCsv) over = NULL;
  g_autoptr(TfInsightCsv) rejected = NULL;

  full = parse_rows (TF_INSIGHT_CSV_MAX_ROWS, "a,\n", "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (full->rows->len, ==, TF_INSIGHT_CSV_MAX_ROWS);

  blanks = parse_rows (TF_INSIGHT_CSV_MAX_ROWS, "a,\n", "\n  \n,\n\"\",\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (blanks->rows->len, ==, TF_INSIGHT_CSV_MAX_ROWS);

  over = parse_rows (TF_INSIGHT_CSV_MAX_ROWS, "a,\n", "b,\n", &error);
  g_assert_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_TOO_MANY);
  g_assert_null (over);
  g_assert_nonnull (strstr (error->message, "200000"));
  g_clear_error (&error);

  /* A rejected row is a row too, and so is an unterminated one. */
  rejected = parse_rows (TF_INSIGHT_CSV_MAX_ROWS, "a,\n", "b,5/10\n", &error);
  g_assert_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_TOO_MANY);
  g_clear_error (&error);
  g_clear_pointer (&rejected, tf_insight_csv_free);
  rejected = parse_rows (TF_INSIGHT_CSV_MAX_ROWS, "a,\n", "\"b,\n", &error);
  g_assert_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_TOO_MANY);
}

static void
test_escape (void)
{
  static const struct {
    const char *cell;
    const char *escaped;
  } cases[] = {
    { "=SUM(A1)", "'=SUM(A1)" },
    { "+33 6 12", "'+33 6 12" },
    { "-5 °C", "'-5 °C" },
    { "@home", "'@home" },
    { "\tindent", "'\tindent" },
    { "\rcarriage", "'\rcarriage" },
    { "'=already", "''=already" },
    { "''-two", "'''-two" },
    { "'quoted'", "'quoted'" },
    { "'", "'" },
    { "", "" },
    { "a=b", "a=b" },
    /* A spreadsheet may trim the spaces before it looks for a formula. */
    { " =x", " '=x" },
    { "  -1", "  '-1" },
    /* Opened with ';' as the separator, or split on tabs or lines, a cell
     * starts after each of these: the same escape there. */
    { "a;=1+1", "a;'=1+1" },
    { "a; =1+1", "a; '=1+1" },
    { "a;\"=1+1", "a;\"'=1+1" },
    { "a;\"\" @x", "a;\"\" '@x" },
    { "a\t=1", "a\t'=1" },
    { "a\t\t=1", "a\t'\t'=1" },
    { "a\n-2", "a\n'-2" },
    { "a\r\n+3", "a\r\n'+3" },
    { "a;'=1", "a;''=1" },
    { "a;b=1", "a;b=1" },
    { "a,=1", "a,=1" },
    { "=1;=2", "'=1;'=2" },
    { ";", ";" },
    { "a;", "a;" },
    { ";'", ";'" },
    { "\"=x", "\"=x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = tf_insight_csv_escape_cell (cases[i].cell);
      g_autofree char *back = tf_insight_csv_unescape_cell (escaped);

      g_assert_cmpstr (escaped, ==, cases[i].escaped);
      g_assert_cmpstr (back, ==, cases[i].cell);
    }
}

static TfInsightRow *
make_row (const char *quote,
          TfSource    source,
          const char *date,
          const char *tags,
          const char *color,
          const char *cluster)
{
  TfInsightRow *row = tf_insight_row_new ();

  g_free (row->quote);
  row->quote = g_strdup (quote);
  row->source = source;
  g_free (row->date);
  row->date = g_strdup (date);
  g_strfreev (row->tags);
  row->tags = tags[0] ? g_strsplit (tags, ",", -1) : g_new0 (char *, 1);
  g_free (row->color);
  row->color = g_strdup (color);
  g_free (row->cluster);
  row->cluster = g_strdup (cluster);
  return row;
}

/* Splits @text into fields as a spreadsheet does when told that @delimiter
 * separates them: a quote opens a quoted field only at the start of a field
 * (after spaces, which it may trim), doubled inside it; a line break outside
 * quotes ends the record. No field may then start a formula. */
static void
assert_no_formula (const char *text,
                   char        delimiter)
{
  const char *p = text;

  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  while (*p != '\0')
    {
      g_autoptr(GString) field = g_string_new (NULL);

      while (*p == ' ')
        p++;
      if (*p == '"')
        {
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                p++;
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              g_string_append_c (field, *p);
            }
        }
      for (; *p != '\0' && *p != delimiter && *p != '\r' && *p != '\n'; p++)
        g_string_append_c (field, *p);
      g_strchug (field->str);
      if (field->str[0] != '\0' && strchr ("=+-@", field->str[0]) != NULL)
        g_error ("with “%c” as the separator, a field reads “%s”", delimiter, field->str);
      if (*p != '\0')
        p++;
    }
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_insight_row_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TfInsightCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize size;
  const char *data;

  g_ptr_array_add (rows, make_row ("=SUM(A1)", TF_SOURCE_ELECTED, "2009-10-05", "outils,mails", "yellow", "Suite-projet"));
  g_ptr_array_add (rows, make_row ("-5 °C dans le hall", TF_SOURCE_AGENT, "", "", "", ""));
  g_ptr_array_add (rows, make_row ("@home, le vendredi", TF_SOURCE_UNKNOWN, "", "-négatif", "sky", "=Zone"));
  g_ptr_array_add (rows, make_row ("'quoted'", TF_SOURCE_STAFF, "", "", "", ""));
  g_ptr_array_add (rows, make_row ("'=déjà échappé", TF_SOURCE_STAFF, "", "", "", ""));
  g_ptr_array_add (rows, make_row ("+33 le numéro", TF_SOURCE_CITIZEN, "", "", "", ""));
  g_ptr_array_add (rows, make_row ("Émoji 🎉👩‍💻 et « guillemets »", TF_SOURCE_PARTNER, "", "fête", "pink", "Joie"));
  g_ptr_array_add (rows, make_row ("Deux\nlignes, \"citées\"\net une troisième", TF_SOURCE_RESIDENT, "", "", "", ""));
  g_ptr_array_add (rows, make_row ("\tTabulé", TF_SOURCE_OTHER, "", "", "", ""));
  g_ptr_array_add (rows, make_row ("\rRetour", TF_SOURCE_OTHER, "", "", "", ""));
  g_ptr_array_add (rows, make_row ("Point-virgule; et, virgule", TF_SOURCE_DEPARTMENT, "2010-01-31", "a,b,c", "white", "Une, zone"));
  /* Cells that ';', tabs or line breaks would split in another spreadsheet. */
  g_ptr_array_add (rows, make_row ("Réunion; =1+1 et\t=2", TF_SOURCE_OTHER, "", "", "", "Zone;@SUM(A1)"));
  g_ptr_array_add (rows, make_row ("Liste :\n- un\n- deux", TF_SOURCE_OTHER, "", "", "", "a\t+b"));
  g_ptr_array_add (rows, make_row ("Il a dit « \"=HYPERLINK()\" »; \"=x\"", TF_SOURCE_OTHER, "", "", "", ""));
  g_ptr_array_add (rows, make_row ("Déjà; '=échappé", TF_SOURCE_OTHER, "", "", "", ""));

  bytes = tf_insight_csv_write (rows);
  data = g_bytes_get_data (bytes, &size);
  text = g_strndup (data, size);

  /* What a spreadsheet sees. */
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFquote,source,date,tags,colour,cluster\r\n"));
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  g_assert_nonnull (strstr (text, "\r\n'=SUM(A1),elected,2009-10-05,\"outils, mails\",yellow,Suite-projet\r\n"));
  g_assert_nonnull (strstr (text, "\r\n'-5 °C dans le hall,agent,,,,\r\n"));
  g_assert_nonnull (strstr (text, "\r\n\"'@home, le vendredi\",,,'-négatif,sky,'=Zone\r\n"));
  g_assert_nonnull (strstr (text, "\r\n'quoted',staff,"));
  g_assert_nonnull (strstr (text, "\r\n''=déjà échappé,staff,"));
  g_assert_nonnull (strstr (text, "\r\n\"Deux\nlignes, \"\"citées\"\"\net une troisième\",resident,"));
  g_assert_nonnull (strstr (text, "\r\n\"'\rRetour\",other,"));
  g_assert_nonnull (strstr (text, "\r\n\"Réunion; '=1+1 et\t'=2\",other,,,,\"Zone;'@SUM(A1)\"\r\n"));
  g_assert_nonnull (strstr (text, "\r\n\"Liste :\n'- un\n'- deux\",other,,,,\"a\t'+b\"\r\n"));
  g_assert_nonnull (strstr (text, "\r\n\"Il a dit « \"\"=HYPERLINK()\"\" »; \"\"'=x\"\"\",other,"));
  g_assert_nonnull (strstr (text, "\r\n\"Déjà; ''=échappé\",other,"));
  for (const char *p = text; (p = strchr (p, '\n')) != NULL; p++)
    if (p[-1] != '\r')
      g_assert_true (g_str_has_prefix (p + 1, "lignes") || g_str_has_prefix (p + 1, "et une") ||
                     g_str_has_prefix (p + 1, "'- "));
  /* Read with ';' or tab as the separator, no field is a formula. */
  assert_no_formula (text, ';');
  assert_no_formula (text, '\t');

  csv = tf_insight_csv_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csv->rejections->len, ==, 0);
  g_assert_cmpuint (csv->warnings->len, ==, 0);
  g_assert_cmpint (csv->delimiter, ==, ',');
  g_assert_cmpuint (csv->rows->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      TfInsightRow *a = g_ptr_array_index (rows, i);
      TfInsightRow *b = row_at (csv, i);

      g_assert_cmpstr (a->quote, ==, b->quote);
      g_assert_cmpint (a->source, ==, b->source);
      g_assert_cmpstr (a->date, ==, b->date);
      g_assert_true (g_strv_equal ((const char * const *) a->tags, (const char * const *) b->tags));
      g_assert_cmpstr (a->color, ==, b->color);
      g_assert_cmpstr (a->cluster, ==, b->cluster);
    }

  /* And again: writing what was read gives the same bytes. */
  {
    g_autoptr(GBytes) again = tf_insight_csv_write (csv->rows);
    g_assert_true (g_bytes_equal (bytes, again));
  }
}

static void
test_write_empty (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = tf_insight_csv_write (rows);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfInsightCsv) csv = tf_insight_csv_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (csv->rows->len, ==, 0);
  g_assert_cmpuint (csv->rejections->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/transfo/insights/csv/bom", test_bom);
  g_test_add_func ("/transfo/insights/csv/delimiters", test_delimiters);
  g_test_add_func ("/transfo/insights/csv/quoting", test_quoting);
  g_test_add_func ("/transfo/insights/csv/line-ends", test_line_ends);
  g_test_add_func ("/transfo/insights/csv/french-headers", test_french_headers);
  g_test_add_func ("/transfo/insights/csv/missing-quote", test_missing_quote);
  g_test_add_func ("/transfo/insights/csv/unknown-columns", test_unknown_columns);
  g_test_add_func ("/transfo/insights/csv/duplicate-columns", test_duplicate_columns);
  g_test_add_func ("/transfo/insights/csv/rejections", test_rejections);
  g_test_add_func ("/transfo/insights/csv/long-value-in-message", test_long_value_in_message);
  g_test_add_func ("/transfo/insights/csv/refused", test_refused);
  g_test_add_func ("/transfo/insights/csv/stray-controls", test_stray_controls);
  g_test_add_func ("/transfo/insights/csv/utf16", test_utf16);
  g_test_add_func ("/transfo/insights/csv/tags", test_tags);
  g_test_add_func ("/transfo/insights/csv/sources", test_sources);
  g_test_add_func ("/transfo/insights/csv/one-column", test_one_column);
  g_test_add_func ("/transfo/insights/csv/trailing-empty-fields", test_trailing_empty_fields);
  g_test_add_func ("/transfo/insights/csv/row-limit", test_row_limit);
  g_test_add_func ("/transfo/insights/csv/escape", test_escape);
  g_test_add_func ("/transfo/insights/csv/round-trip", test_round_trip);
  g_test_add_func ("/transfo/insights/csv/write-empty", test_write_empty);

  return g_test_run ();
}
