/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-insight-csv"

#include <glib/gi18n.h>
#include <string.h>

#include "tf-date.h"
#include "tf-experiment.h"
#include "tf-insight-csv.h"

G_DEFINE_QUARK (tf-insight-csv-error-quark, tf_insight_csv_error)

typedef enum {
  COLUMN_QUOTE,
  COLUMN_SOURCE,
  COLUMN_DATE,
  COLUMN_TAGS,
  COLUMN_COLOR,
  COLUMN_CLUSTER,
  N_COLUMNS
} Column;

/* Header names, folded (lower-case ASCII, no accents, letters and digits
 * only), so "Mots-clés", "mots clés" and "MOTSCLES" are one name. */
static const struct {
  Column      column;
  const char *name;
} column_names[] = {
  { COLUMN_QUOTE,   "quote" },
  { COLUMN_QUOTE,   "citation" },
  { COLUMN_QUOTE,   "insight" },
  { COLUMN_QUOTE,   "texte" },
  { COLUMN_QUOTE,   "text" },
  { COLUMN_SOURCE,  "source" },
  { COLUMN_DATE,    "date" },
  { COLUMN_TAGS,    "tags" },
  { COLUMN_TAGS,    "tag" },
  { COLUMN_TAGS,    "etiquettes" },
  { COLUMN_TAGS,    "etiquette" },
  { COLUMN_TAGS,    "motscles" },
  { COLUMN_TAGS,    "motcles" },
  { COLUMN_TAGS,    "motcle" },
  { COLUMN_COLOR,   "colour" },
  { COLUMN_COLOR,   "color" },
  { COLUMN_COLOR,   "couleur" },
  { COLUMN_CLUSTER, "cluster" },
  { COLUMN_CLUSTER, "groupe" },
  { COLUMN_CLUSTER, "group" },
  { COLUMN_CLUSTER, "zone" },
};

/* What the writer puts on its first line, in the order of Column. */
static const char header_line[] = "quote,source,date,tags,colour,cluster";

TfInsightRow *
tf_insight_row_new (void)
{
  TfInsightRow *row = g_new0 (TfInsightRow, 1);

  row->quote = g_strdup ("");
  row->date = g_strdup ("");
  row->tags = g_new0 (char *, 1);
  row->color = g_strdup ("");
  row->cluster = g_strdup ("");
  return row;
}

void
tf_insight_row_free (TfInsightRow *row)
{
  if (row == NULL)
    return;
  g_free (row->quote);
  g_free (row->date);
  g_strfreev (row->tags);
  g_free (row->color);
  g_free (row->cluster);
  g_free (row);
}

static void
rejection_free (gpointer data)
{
  TfInsightRejection *rejection = data;

  g_free (rejection->reason);
  g_free (rejection);
}

void
tf_insight_csv_free (TfInsightCsv *csv)
{
  if (csv == NULL)
    return;
  g_ptr_array_unref (csv->rows);
  g_ptr_array_unref (csv->rejections);
  g_ptr_array_unref (csv->warnings);
  g_free (csv);
}

static char *
fold (const char *str)
{
  g_autofree char *ascii = g_str_to_ascii (str, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static int
lookup_column (const char *name)
{
  g_autofree char *key = fold (name);

  for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
    if (g_str_equal (key, column_names[i].name))
      return column_names[i].column;
  return -1;
}

/* A value quoted back in a message: one line, clipped. */
static char *
shorten (const char *value)
{
  const glong max = 40;
  g_autofree char *flat = g_strdup (value);

  g_strdelimit (flat, "\t\r\n", ' ');
  if (g_utf8_strlen (flat, -1) <= max)
    return g_steal_pointer (&flat);
  {
    g_autofree char *head = g_utf8_substring (flat, 0, max - 1);
    return g_strconcat (head, "…", NULL);
  }
}

/* Spreadsheets run a cell that starts with one of these as a formula. A run
 * of apostrophes before one counts too, so that the one apostrophe the
 * writer adds can always be told from the user's own. */
static gboolean
dangerous_at (const char *p)
{
  while (*p == '\'')
    p++;
  return *p != '\0' && strchr ("=+-@\t\r", *p) != NULL;
}

/* Where a spreadsheet may see a cell start inside one of ours: the file is
 * written with commas and quotes, but opened with ';' as the separator (as
 * French spreadsheets do), or split on tabs, a quote only counts at the
 * start of a field, so every ';', tab and line break inside a cell can
 * start a new one. */
static gboolean
is_inner_start (char c)
{
  return c == ';' || c == '\t' || c == '\r' || c == '\n';
}

/* The end of what a spreadsheet may skip before it looks for a formula at a
 * cell start: spaces (the "trim spaces" option), and after an inner start
 * double quotes too (a field seen as starting there is read as quoted). */
static const char *
skip_prefix (const char *p,
             gboolean    inner)
{
  while (*p == ' ' || (inner && *p == '"'))
    p++;
  return p;
}

/* Escapes (@escape) or unescapes @cell: at its start and after every inner
 * start, one apostrophe goes before what a spreadsheet would run. */
static char *
convert_cell (const char *cell,
              gboolean    escape)
{
  g_autoptr(GString) out = g_string_sized_new (strlen (cell) + 1);
  const char *p = cell;
  gboolean inner = FALSE;

  for (;;)
    {
      const char *q = skip_prefix (p, inner);

      g_string_append_len (out, p, q - p);
      if (escape && dangerous_at (q))
        g_string_append_c (out, '\'');
      else if (!escape && *q == '\'' && dangerous_at (q + 1))
        q++;
      for (p = q; *p != '\0' && !is_inner_start (*p); p++)
        ;
      g_string_append_len (out, q, p - q);
      if (*p == '\0')
        break;
      g_string_append_c (out, *p);
      p++;
      inner = TRUE;
    }
  /* Exactly its size: a file's worth of rows keeps these. */
  return g_strndup (out->str, out->len);
}

char *
tf_insight_csv_escape_cell (const char *cell)
{
  g_return_val_if_fail (cell != NULL, NULL);

  return convert_cell (cell, TRUE);
}

char *
tf_insight_csv_unescape_cell (const char *cell)
{
  g_return_val_if_fail (cell != NULL, NULL);

  /* Most cells have no apostrophe, so nothing to remove. */
  if (strchr (cell, '\'') == NULL)
    return g_strdup (cell);
  return convert_cell (cell, FALSE);
}

/* ---- Reading ---------------------------------------------------------- */

typedef struct {
  const char *data;
  gsize       len;
  gsize       pos;
  gsize       record_start;
  guint       line;        /* the physical line at pos, from 1 */
  char        delimiter;   /* 0: the whole line is one field */
  GString    *field;
  guint8      ends[256];   /* the bytes that end an unquoted field: line ends, the delimiter */
  guint8      stops[256];  /* where a quoted field's reading stops: a quote, line ends */
  gboolean    counting;    /* only tell blank records from the others: nothing is built */
  gboolean    nonblank;    /* when counting: the record has a character that is not blank */
} Reader;

typedef enum {
  RECORD_OK,
  RECORD_END,
  RECORD_UNTERMINATED,
} RecordStatus;

/* Consumes a CRLF, LF or CR at pos, if there is one. */
static void
skip_line_end (Reader *r)
{
  if (r->pos < r->len && r->data[r->pos] == '\r')
    {
      r->pos++;
      if (r->pos < r->len && r->data[r->pos] == '\n')
        r->pos++;
      r->line++;
    }
  else if (r->pos < r->len && r->data[r->pos] == '\n')
    {
      r->pos++;
      r->line++;
    }
}

static gboolean is_stray_control (char c);

/* Adds @len bytes at @text to the field being read; when counting, only
 * notes whether any of them is not blank (see is_blank()). */
static void
field_append (Reader     *r,
              const char *text,
              gsize       len)
{
  if (!r->counting)
    {
      g_string_append_len (r->field, text, len);
      return;
    }
  for (gsize i = 0; i < len && !r->nonblank; i++)
    if (!g_ascii_isspace (text[i]) && !is_stray_control (text[i]))
      r->nonblank = TRUE;
}

/* RFC 4180, leniently: a field that starts with '"' runs to the matching
 * '"' (doubled quotes and line ends inside it are part of it); text after the
 * closing quote, or a '"' inside an unquoted field, is kept as it is. When
 * counting, @fields is not used: r->nonblank says what the record holds. */
static RecordStatus
read_record (Reader    *r,
             GPtrArray *fields,
             guint     *start_line)
{
  if (!r->counting)
    g_ptr_array_set_size (fields, 0);
  r->nonblank = FALSE;
  *start_line = r->line;
  r->record_start = r->pos;
  if (r->pos >= r->len)
    return RECORD_END;

  for (;;)
    {
      gsize start;

      if (!r->counting)
        g_string_truncate (r->field, 0);

      if (r->pos < r->len && r->data[r->pos] == '"')
        {
          r->pos++;
          for (;;)
            {
              char c;

              start = r->pos;
              while (r->pos < r->len && !r->stops[(guchar) r->data[r->pos]])
                r->pos++;
              field_append (r, r->data + start, r->pos - start);
              if (r->pos >= r->len)
                return RECORD_UNTERMINATED;

              c = r->data[r->pos];
              if (c == '"')
                {
                  if (r->pos + 1 < r->len && r->data[r->pos + 1] == '"')
                    {
                      field_append (r, "\"", 1);
                      r->pos += 2;
                      continue;
                    }
                  r->pos++;
                  break;
                }
              /* A line break inside the quotes is kept byte for byte. */
              start = r->pos;
              skip_line_end (r);
              field_append (r, r->data + start, r->pos - start);
            }
        }

      start = r->pos;
      while (r->pos < r->len && !r->ends[(guchar) r->data[r->pos]])
        r->pos++;
      field_append (r, r->data + start, r->pos - start);
      if (!r->counting)
        g_ptr_array_add (fields, g_strndup (r->field->str, r->field->len));

      if (r->pos < r->len && r->delimiter != 0 && r->data[r->pos] == r->delimiter)
        {
          r->pos++;
          continue;
        }
      skip_line_end (r);
      return RECORD_OK;
    }
}

/* After an unterminated quote the rest of the file is one broken field:
 * only the record's first line is given up, reading goes on from the next. */
static void
resume_after (Reader *r,
              guint   start_line)
{
  r->pos = r->record_start;
  r->line = start_line;
  while (r->pos < r->len && r->data[r->pos] != '\r' && r->data[r->pos] != '\n')
    r->pos++;
  skip_line_end (r);
}

/* How many records (blank ones left out) follow, counting stops past @limit:
 * the same reading as the rows', without building anything. */
static guint
count_records (const Reader *from,
               guint         limit)
{
  Reader r = *from;
  RecordStatus status;
  guint n = 0, start_line;

  r.counting = TRUE;
  r.field = NULL;
  while (n <= limit && (status = read_record (&r, NULL, &start_line)) != RECORD_END)
    {
      if (status == RECORD_UNTERMINATED)
        {
          n++;
          resume_after (&r, start_line);
        }
      else if (r.nonblank)
        n++;
    }
  return n;
}

/* Control characters other than tab and line breaks: stray bytes of other
 * programs that nothing can show or print. */
static gboolean
is_stray_control (char c)
{
  return ((guchar) c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p) && !is_stray_control (*p))
      return FALSE;
  return TRUE;
}

static gboolean
record_is_blank (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    if (!is_blank (g_ptr_array_index (fields, i)))
      return FALSE;
  return TRUE;
}

/* The delimiter is the one of tab, ';' and ',' the header line uses most
 * (outside quotes); French spreadsheets write ';' because ',' is their
 * decimal mark. A header without any is a one-column file. */
static char
detect_delimiter (const Reader *r)
{
  static const char candidates[] = { '\t', ';', ',' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  char best = 0;
  guint most = 0;

  for (gsize pos = r->pos; pos < r->len; pos++)
    {
      char c = r->data[pos];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\r' || c == '\n'))
        break;
      else if (!quoted)
        for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
          if (c == candidates[i])
            counts[i]++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (counts[i] > most)
      {
        most = counts[i];
        best = candidates[i];
      }
  return best;
}

static void
locate (const char *data,
        gsize       offset,
        guint      *line,
        guint      *byte)
{
  gsize line_start = 0;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n')))
      {
        (*line)++;
        line_start = i + 1;
      }
  *byte = (guint) (offset - line_start + 1);
}

/* Turns the bytes into UTF-8 text without a BOM, or says why it cannot. */
static gboolean
decode (GBytes      *bytes,
        char       **converted,
        const char **data,
        gsize       *len,
        GError     **error)
{
  gsize size;
  const guchar *raw = g_bytes_get_data (bytes, &size);
  guint controls = 0;
  const char *end = NULL;

  *converted = NULL;

  if (size > TF_INSIGHT_CSV_MAX_SIZE)
    {
      g_autofree char *max = g_format_size_full (TF_INSIGHT_CSV_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      /* Callers may stop reading past the limit: the size is not known. */
      g_set_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_TOO_BIG,
                   _("The file is too big to be a list of insights (more than %s)"), max);
      return FALSE;
    }

  /* Spreadsheets save "Unicode text" as UTF-16 with a byte-order mark. */
  if (size >= 2 && ((raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF)))
    {
      gsize written = 0;

      *converted = g_convert ((const char *) raw + 2, size - 2, "UTF-8",
                              raw[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", NULL, &written, NULL);
      if (*converted == NULL)
        {
          g_set_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_ENCODING,
                       _("The file starts like UTF-16 text but is damaged; save it as “CSV UTF-8” and import it again"));
          return FALSE;
        }
      *data = *converted;
      *len = written;
    }
  else
    {
      *data = (const char *) raw;
      *len = size;
      if (*len >= 3 && memcmp (*data, "\xEF\xBB\xBF", 3) == 0)
        {
          *data += 3;
          *len -= 3;
        }
    }

  if (*len == 0)
    {
      g_set_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_EMPTY, _("The file is empty"));
      return FALSE;
    }

  /* Text has no NUL byte and hardly any control character (a stray one or
   * two, like the ^Z old DOS tools end files with, are dropped from the
   * cells); pictures, archives and office documents have plenty. */
  for (gsize i = 0; i < *len; i++)
    {
      guchar c = (guchar) (*data)[i];

      if (c == 0)
        {
          controls = G_MAXUINT;
          break;
        }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f') || c == 0x7F)
        controls++;
    }
  if (controls == G_MAXUINT || controls > 8 + *len / 100)
    {
      g_set_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_NOT_TEXT,
                   _("The file is not text (it looks like a binary file); import a CSV or TSV file saved from a spreadsheet"));
      return FALSE;
    }

  if (!g_utf8_validate_len (*data, *len, &end))
    {
      guint line, byte;

      locate (*data, (gsize) (end - *data), &line, &byte);
      g_set_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_ENCODING,
                   _("The file is not UTF-8 text (line %u, byte %u); save it as “CSV UTF-8” and import it again"),
                   line, byte);
      return FALSE;
    }

  return TRUE;
}

/* Stray control characters and surrounding spaces are dropped, then the
 * writer's formula escape. */
static char *
clean_cell (GPtrArray *fields,
            int        index)
{
  g_autofree char *trimmed = NULL;
  char *out;

  if (index < 0 || (guint) index >= fields->len)
    return g_strdup ("");
  trimmed = g_strdup (g_ptr_array_index (fields, index));
  out = trimmed;
  for (const char *p = trimmed; *p; p++)
    if (!is_stray_control (*p))
      *out++ = *p;
  *out = '\0';
  g_strstrip (trimmed);
  return tf_insight_csv_unescape_cell (trimmed);
}

static GStrv
split_tags (const char *cell)
{
  g_auto(GStrv) parts = g_strsplit_set (cell, ",;", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);
      char *key;

      if (tag[0] == '\0')
        continue;
      key = g_utf8_casefold (tag, -1);
      if (!g_hash_table_add (seen, key))
        continue;
      g_strv_builder_add (builder, tag);
    }
  return g_strv_builder_end (builder);
}

static char *
color_choices (void)
{
  guint n;
  const TfNoteColor *colors = tf_note_colors (&n);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = g_utf8_strdown (_(colors[i].label), -1);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, label);
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  int         index[N_COLUMNS];   /* the field of each column, or -1 */
  guint       n_fields;           /* in the header */
  /* A file repeats a handful of sources and colours thousands of times;
   * matching one by name folds every known name, so each is matched once. */
  GHashTable *sources;            /* cell → TfSource + 1, or 0 if unknown */
  GHashTable *colors;             /* cell → const TfNoteColor *, or NULL */
} Header;

static gboolean
match_source (Header     *header,
              const char *cell,
              TfSource   *source)
{
  gpointer value;

  if (!g_hash_table_lookup_extended (header->sources, cell, NULL, &value))
    {
      TfSource found = TF_SOURCE_UNKNOWN;

      value = GINT_TO_POINTER (tf_source_from_string (cell, &found) ? (int) found + 1 : 0);
      g_hash_table_insert (header->sources, g_strdup (cell), value);
    }
  if (value == NULL)
    return FALSE;
  *source = (TfSource) (GPOINTER_TO_INT (value) - 1);
  return TRUE;
}

static const TfNoteColor *
match_color (Header     *header,
             const char *cell)
{
  gpointer value;

  if (!g_hash_table_lookup_extended (header->colors, cell, NULL, &value))
    {
      value = (gpointer) tf_note_color_lookup (cell);
      g_hash_table_insert (header->colors, g_strdup (cell), value);
    }
  return value;
}

/* Either a row, or the reasons (all of them) why the record is rejected. */
static TfInsightRow *
parse_row (Header        *header,
           GPtrArray     *fields,
           guint          line,
           char         **reason)
{
  g_autoptr(TfInsightRow) row = tf_insight_row_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *source = NULL;
  g_autofree char *color = NULL;
  g_autofree char *tags = NULL;

  if (fields->len != header->n_fields)
    {
      gboolean extra_blank = fields->len > header->n_fields;

      for (guint i = header->n_fields; extra_blank && i < fields->len; i++)
        extra_blank = is_blank (g_ptr_array_index (fields, i));
      /* Trailing empty cells are what a spreadsheet leaves after a column
       * that was once used: harmless. Anything else is a shifted row. */
      if (!extra_blank)
        {
          *reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u field where the header has %u",
                                                  "%u fields where the header has %u",
                                                  fields->len),
                                     fields->len, header->n_fields);
          return NULL;
        }
    }

  row->line = line;

  g_free (row->quote);
  row->quote = clean_cell (fields, header->index[COLUMN_QUOTE]);
  if (row->quote[0] == '\0')
    g_ptr_array_add (problems, g_strdup (_("empty quote")));
  else if (g_utf8_strlen (row->quote, -1) > TF_INSIGHT_MAX_QUOTE)
    g_ptr_array_add (problems, g_strdup_printf (_("quote longer than %d characters"), TF_INSIGHT_MAX_QUOTE));

  source = clean_cell (fields, header->index[COLUMN_SOURCE]);
  if (source[0] != '\0' && !match_source (header, source, &row->source))
    {
      g_autofree char *shown = shorten (source);
      g_ptr_array_add (problems,
                       g_strdup_printf (_("unknown source “%s” (use élu, collaborateur, cabinet, service, agent, usager, partenaire, résident or autre)"),
                                        shown));
    }

  g_free (row->date);
  row->date = clean_cell (fields, header->index[COLUMN_DATE]);
  {
    /* A spreadsheet writes dates as the locale does ("05/10/2009" in
     * French): they are read as the window reads them, and stored as ISO. */
    g_autoptr(GError) date_error = NULL;
    char *iso = tf_date_parse_user (row->date, NULL, &date_error);

    if (iso == NULL)
      g_ptr_array_add (problems, g_strdup (date_error->message));
    else
      {
        g_free (row->date);
        row->date = iso;
      }
  }

  tags = clean_cell (fields, header->index[COLUMN_TAGS]);
  g_strfreev (row->tags);
  row->tags = split_tags (tags);

  color = clean_cell (fields, header->index[COLUMN_COLOR]);
  if (color[0] != '\0')
    {
      const TfNoteColor *found = match_color (header, color);

      if (found != NULL)
        {
          g_free (row->color);
          row->color = g_strdup (found->id);
        }
      else
        {
          g_autofree char *shown = shorten (color);
          g_autofree char *choices = color_choices ();
          g_ptr_array_add (problems, g_strdup_printf (_("unknown colour “%s” (use %s)"), shown, choices));
        }
    }

  g_free (row->cluster);
  row->cluster = clean_cell (fields, header->index[COLUMN_CLUSTER]);

  if (problems->len > 0)
    {
      g_ptr_array_add (problems, NULL);
      *reason = g_strjoinv ("; ", (char **) problems->pdata);
      return NULL;
    }
  return g_steal_pointer (&row);
}

static gboolean
parse_header (TfInsightCsv  *csv,
              GPtrArray     *fields,
              Header        *header,
              GError       **error)
{
  g_autoptr(GHashTable) unknown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  header->n_fields = fields->len;
  for (guint c = 0; c < N_COLUMNS; c++)
    header->index[c] = -1;

  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *name = clean_cell (fields, (int) i);
      int column;

      if (name[0] == '\0')
        continue;
      column = lookup_column (name);
      if (column < 0)
        {
          if (g_hash_table_add (unknown, g_strdup (name)))
            {
              g_autofree char *shown = shorten (name);
              g_ptr_array_add (csv->warnings,
                               g_strdup_printf (_("Unknown column “%s” ignored (the columns are quote, source, date, tags, colour and cluster)"),
                                                shown));
            }
          continue;
        }
      if (header->index[column] >= 0)
        {
          g_autofree char *first = clean_cell (fields, header->index[column]);
          g_autofree char *shown_first = shorten (first);
          g_autofree char *shown = shorten (name);

          g_set_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_HEADER,
                       _("The first line names the same column twice: “%s” (column %d) and “%s” (column %u)"),
                       shown_first, header->index[column] + 1, shown, i + 1);
          return FALSE;
        }
      header->index[column] = (int) i;
    }

  if (header->index[COLUMN_QUOTE] < 0)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *list = NULL;
      g_autofree char *shown = NULL;

      for (guint i = 0; i < fields->len; i++)
        g_ptr_array_add (names, clean_cell (fields, (int) i));
      g_ptr_array_add (names, NULL);
      list = g_strjoinv (", ", (char **) names->pdata);
      shown = shorten (list);
      g_set_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_HEADER,
                   _("The first line must name the columns, with at least a “quote” column (or “citation”); it reads “%s”"),
                   shown);
      return FALSE;
    }

  return TRUE;
}

/**
 * tf_insight_csv_parse:
 * @bytes: the content of a CSV or TSV file
 * @error: a #GError
 *
 * Reads insights from a spreadsheet export. The file is refused as a whole
 * (%TF_INSIGHT_CSV_ERROR) when it is too big or has more than
 * %TF_INSIGHT_CSV_MAX_ROWS records (counted before any row is built), empty, binary, not UTF-8 (UTF-16
 * with a byte-order mark is converted), or when its first line does not name
 * a quote column or names a column twice. Otherwise every record becomes
 * either a row or a rejection with its line number; blank lines are skipped.
 *
 * Returns: (transfer full): what was read, or %NULL
 */
TfInsightCsv *
tf_insight_csv_parse (GBytes  *bytes,
                      GError **error)
{
  g_autoptr(TfInsightCsv) csv = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *converted = NULL;
  g_autoptr(GString) field = NULL;
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Header header = { .sources = sources, .colors = colors };
  Reader reader = { 0 };
  RecordStatus status;
  guint start_line;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!decode (bytes, &converted, &reader.data, &reader.len, error))
    return NULL;

  csv = g_new0 (TfInsightCsv, 1);
  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_insight_row_free);
  csv->rejections = g_ptr_array_new_with_free_func (rejection_free);
  csv->warnings = g_ptr_array_new_with_free_func (g_free);
  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);
  reader.field = field;
  reader.line = 1;

  /* Blank lines before the header are no one's business. */
  for (;;)
    {
      gsize p = reader.pos;

      while (p < reader.len && (reader.data[p] == ' ' || reader.data[p] == '\t'))
        p++;
      if (p < reader.len && reader.data[p] != '\r' && reader.data[p] != '\n')
        break;
      reader.pos = p;
      if (p >= reader.len)
        break;
      skip_line_end (&reader);
    }
  if (reader.pos >= reader.len)
    {
      g_set_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_EMPTY, _("The file is empty"));
      return NULL;
    }

  reader.delimiter = csv->delimiter = detect_delimiter (&reader);
  reader.ends['\r'] = reader.ends['\n'] = TRUE;
  reader.stops['\r'] = reader.stops['\n'] = reader.stops['"'] = TRUE;
  if (reader.delimiter != 0)
    reader.ends[(guchar) reader.delimiter] = TRUE;
  status = read_record (&reader, fields, &start_line);
  if (status == RECORD_UNTERMINATED)
    {
      g_set_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_HEADER,
                   _("The first line has a quoted field that is never closed"));
      return NULL;
    }
  if (!parse_header (csv, fields, &header, error))
    return NULL;
  if (count_records (&reader, TF_INSIGHT_CSV_MAX_ROWS) > TF_INSIGHT_CSV_MAX_ROWS)
    {
      g_set_error (error, TF_INSIGHT_CSV_ERROR, TF_INSIGHT_CSV_ERROR_TOO_MANY,
                   _("The file holds more than %u insights; split it into files of at most that many"),
                   TF_INSIGHT_CSV_MAX_ROWS);
      return NULL;
    }

  while ((status = read_record (&reader, fields, &start_line)) != RECORD_END)
    {
      TfInsightRow *row;
      char *reason = NULL;

      if (status == RECORD_UNTERMINATED)
        {
          TfInsightRejection *rejection = g_new0 (TfInsightRejection, 1);

          rejection->line = start_line;
          rejection->reason = g_strdup (_("unterminated quoted field"));
          g_ptr_array_add (csv->rejections, rejection);
          resume_after (&reader, start_line);
          continue;
        }
      if (record_is_blank (fields))
        continue;

      row = parse_row (&header, fields, start_line, &reason);
      if (row != NULL)
        g_ptr_array_add (csv->rows, row);
      else
        {
          TfInsightRejection *rejection = g_new0 (TfInsightRejection, 1);

          rejection->line = start_line;
          rejection->reason = reason;
          g_ptr_array_add (csv->rejections, rejection);
        }
    }

  /* A final line end does not start another line. */
  csv->n_lines = reader.line;
  if (reader.data[reader.len - 1] == '\r' || reader.data[reader.len - 1] == '\n')
    csv->n_lines--;

  return g_steal_pointer (&csv);
}

/* ---- Writing ---------------------------------------------------------- */

static void
append_cell (GString    *out,
             const char *cell)
{
  g_autofree char *escaped = tf_insight_csv_escape_cell (cell ? cell : "");

  /* Quoted when any separator could split it, whichever a spreadsheet uses. */
  if (strpbrk (escaped, ",;\t\"\r\n") == NULL)
    {
      g_string_append (out, escaped);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = escaped; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * tf_insight_csv_write:
 * @rows: (element-type TfInsightRow): the insights
 *
 * Writes what tf_insight_csv_parse() reads back to the same rows: UTF-8 with
 * a byte-order mark (so spreadsheets show accents right), comma-separated,
 * CRLF line ends, the columns quote, source, date, tags, colour, cluster.
 * A cell that holds a separator (',', ';', tab), a quote or a line break is
 * quoted. What a spreadsheet would run as a formula, at the start of a cell
 * or after a ';', tab or line break inside it (see
 * tf_insight_csv_escape_cell()), gets an apostrophe before it, which the
 * reader removes again.
 *
 * Returns: (transfer full): the file's content
 */
GBytes *
tf_insight_csv_write (GPtrArray *rows)
{
  GString *out;

  g_return_val_if_fail (rows != NULL, NULL);

  out = g_string_new ("\xEF\xBB\xBF");
  g_string_append (out, header_line);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < rows->len; i++)
    {
      const TfInsightRow *row = g_ptr_array_index (rows, i);
      g_autofree char *tags = row->tags ? g_strjoinv (", ", row->tags) : g_strdup ("");

      append_cell (out, row->quote);
      g_string_append_c (out, ',');
      append_cell (out, row->source == TF_SOURCE_UNKNOWN ? "" : tf_source_to_id (row->source));
      g_string_append_c (out, ',');
      append_cell (out, row->date);
      g_string_append_c (out, ',');
      append_cell (out, tags);
      g_string_append_c (out, ',');
      append_cell (out, row->color);
      g_string_append_c (out, ',');
      append_cell (out, row->cluster);
      g_string_append (out, "\r\n");
    }

  return g_string_free_to_bytes (out);
}
