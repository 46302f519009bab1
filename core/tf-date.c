/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-date"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "tf-date.h"
#include "tf-experiment.h"

/* Why a parser of our own: g_date_set_parse() guesses (it takes "2009- 1-05",
 * month names and lone numbers, and cannot tell a misspelt date from a day
 * that does not exist), and strptime() skips spaces and accepts 29 February
 * of any year. The locale still decides: its D_FMT (nl_langinfo()) gives the
 * order of day, month and year; the digits are read here, strictly, and the
 * calendar is GDate's. */

G_DEFINE_QUARK (tf-date-error-quark, tf_date_error)

typedef enum { FIELD_DAY, FIELD_MONTH, FIELD_YEAR } Field;

typedef struct {
  Field order[3];
  char  separator;
} Layout;

/* Reads @format's order of fields; FALSE for what is not a numeric date of
 * three fields (then only ISO is read and written). */
static gboolean
read_layout (const char *format,
             Layout     *layout)
{
  guint n = 0;
  gboolean seen[3] = { FALSE, FALSE, FALSE };

  layout->separator = '\0';
  if (format == NULL)
    return FALSE;
  if (g_str_equal (format, "%D"))
    format = "%m/%d/%y";
  for (const char *p = format; *p != '\0'; p++)
    {
      Field field;

      if (*p != '%')
        {
          if (strchr ("/.-", *p) == NULL || n == 0 || n == 3)
            return FALSE;
          if (layout->separator == '\0')
            layout->separator = *p;
          continue;
        }
      p++;
      /* glibc's flags, as in "%-d" or "%Ey". */
      while (*p == '-' || *p == '_' || *p == '0' || *p == 'E' || *p == 'O')
        p++;
      switch (*p)
        {
        case 'd': case 'e': field = FIELD_DAY; break;
        case 'm': field = FIELD_MONTH; break;
        case 'y': case 'Y': field = FIELD_YEAR; break;
        default: return FALSE;
        }
      if (n == 3 || seen[field])
        return FALSE;
      seen[field] = TRUE;
      layout->order[n++] = field;
    }
  return n == 3 && layout->separator != '\0';
}

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
         g_str_has_prefix (name, "C.");
}

char *
tf_date_get_user_format (void)
{
  const char *format = NULL;
  Layout layout;
  GString *out;

  if (!is_c_locale (setlocale (LC_TIME, NULL)))
    format = nl_langinfo (D_FMT);
  if (!read_layout (format, &layout))
    /* TRANSLATORS: how dates are written when the system has no locale for the
     * language, as strftime() patterns of %d, %m and %Y only: French "%d/%m/%Y" */
    format = C_("date format", "%Y-%m-%d");
  if (!read_layout (format, &layout))
    return g_strdup ("%Y-%m-%d");

  out = g_string_new (NULL);
  for (guint i = 0; i < 3; i++)
    {
      if (i > 0)
        g_string_append_c (out, layout.separator);
      g_string_append (out, layout.order[i] == FIELD_DAY ? "%d" : layout.order[i] == FIELD_MONTH ? "%m" : "%Y");
    }
  return g_string_free (out, FALSE);
}

/* Reads one to @max ASCII digits; FALSE when there are none or too many. */
static gboolean
read_number (const char **p,
             guint        min,
             guint        max,
             int         *value,
             guint       *n_digits)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit ((*p)[0]))
    {
      if (++n > max)
        return FALSE;
      *value = *value * 10 + ((*p)[0] - '0');
      (*p)++;
    }
  *n_digits = n;
  return n >= min;
}

static char *
shown_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  if (g_utf8_strlen (valid, -1) <= 40)
    return g_steal_pointer (&valid);
  {
    g_autofree char *head = g_utf8_substring (valid, 0, 39);
    return g_strconcat (head, "…", NULL);
  }
}

static void
set_format_error (GError     **error,
                  const char  *text,
                  const char  *format)
{
  g_autofree char *shown = shown_text (text);
  g_autofree char *iso = tf_date_describe_format ("%Y-%m-%d");
  Layout layout;

  if (format != NULL && read_layout (format, &layout) && layout.order[0] != FIELD_YEAR)
    {
      g_autofree char *pattern = tf_date_describe_format (format);
      g_autofree char *example = tf_date_format_user ("2009-10-05", format);

      /* TRANSLATORS: the patterns are "DD/MM/YYYY" and "YYYY-MM-DD" as translated */
      g_set_error (error, TF_DATE_ERROR, TF_DATE_ERROR_FORMAT,
                   _("“%s” is not a date; write it as %s (or %s), e.g. %s"), shown, pattern, iso, example);
    }
  else
    g_set_error (error, TF_DATE_ERROR, TF_DATE_ERROR_FORMAT,
                 _("“%s” is not a date; write it as %s, e.g. %s"), shown, iso, "2009-10-05");
}

/* Checks the calendar: says which part does not exist. */
static gboolean
check_day (const char  *text,
           int          year,
           int          month,
           int          day,
           GError     **error)
{
  g_autofree char *shown = shown_text (text);

  if (year < 1)
    g_set_error (error, TF_DATE_ERROR, TF_DATE_ERROR_NO_SUCH_DAY,
                 _("The date “%s” does not exist: there is no year 0"), shown);
  else if (month < 1 || month > 12)
    g_set_error (error, TF_DATE_ERROR, TF_DATE_ERROR_NO_SUCH_DAY,
                 _("The date “%s” does not exist: there is no month %d"), shown, month);
  else if (day < 1 || day > g_date_get_days_in_month (month, year))
    {
      guint8 days = g_date_get_days_in_month (month, year);

      if (month == 2 && day == 29)
        g_set_error (error, TF_DATE_ERROR, TF_DATE_ERROR_NO_SUCH_DAY,
                     /* TRANSLATORS: "The date “2009-02-29” does not exist: 2009 is not a leap year" */
                     _("The date “%s” does not exist: %d is not a leap year"), shown, year);
      else
        g_set_error (error, TF_DATE_ERROR, TF_DATE_ERROR_NO_SUCH_DAY,
                     /* TRANSLATORS: "…: April has 30 days" */
                     g_dngettext (GETTEXT_PACKAGE, "The date “%s” does not exist: %s has %u day",
                                  "The date “%s” does not exist: %s has %u days", days),
                     shown, tf_date_month_name (month), (guint) days);
    }
  else
    return TRUE;
  return FALSE;
}

gboolean
tf_date_parse_iso (const char  *text,
                   GDate       *date,
                   GError     **error)
{
  const char *p = text;
  int year, month, day;
  guint n;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!read_number (&p, 4, 4, &year, &n) || *p++ != '-' ||
      !read_number (&p, 2, 2, &month, &n) || *p++ != '-' ||
      !read_number (&p, 2, 2, &day, &n) || *p != '\0')
    {
      set_format_error (error, text, NULL);
      return FALSE;
    }
  if (!check_day (text, year, month, day, error))
    return FALSE;
  if (date != NULL)
    g_date_set_dmy (date, day, month, year);
  return TRUE;
}

char *
tf_date_parse_user (const char  *text,
                    const char  *format,
                    GError     **error)
{
  g_autofree char *user_format = NULL;
  g_autofree char *trimmed = NULL;
  int values[3] = { 0, 0, 0 };
  const char *p;
  Layout layout;
  char separator = '\0';
  guint year_digits = 4;

  g_return_val_if_fail (text != NULL, NULL);

  if (format == NULL)
    format = user_format = tf_date_get_user_format ();
  trimmed = g_strstrip (g_strdup (text));
  if (trimmed[0] == '\0')
    return g_strdup ("");

  /* Four digits first: ISO, whatever the locale. */
  if (g_ascii_isdigit (trimmed[0]) && g_ascii_isdigit (trimmed[1]) && g_ascii_isdigit (trimmed[2]) &&
      g_ascii_isdigit (trimmed[3]))
    {
      GDate date;

      if (trimmed[4] == '-')
        {
          if (!tf_date_parse_iso (trimmed, &date, error))
            return NULL;
          return g_strdup (trimmed);
        }
      set_format_error (error, trimmed, format);
      return NULL;
    }

  if (!read_layout (format, &layout) || layout.order[0] == FIELD_YEAR)
    {
      set_format_error (error, trimmed, format);
      return NULL;
    }

  p = trimmed;
  for (guint i = 0; i < 3; i++)
    {
      guint n;
      gboolean is_year = layout.order[i] == FIELD_YEAR;

      if (i > 0)
        {
          /* One separator, the same one twice: "05/10-2009" is no date. */
          if (strchr ("/.-", *p) == NULL || *p == '\0' || (separator != '\0' && *p != separator))
            {
              set_format_error (error, trimmed, format);
              return NULL;
            }
          separator = *p++;
        }
      if (!read_number (&p, is_year ? 2 : 1, is_year ? 4 : 2, &values[layout.order[i]], &n) ||
          (is_year && n == 3))
        {
          set_format_error (error, trimmed, format);
          return NULL;
        }
      if (is_year)
        year_digits = n;
    }
  if (*p != '\0')
    {
      set_format_error (error, trimmed, format);
      return NULL;
    }
  if (year_digits == 2)
    values[FIELD_YEAR] += values[FIELD_YEAR] < 69 ? 2000 : 1900;

  if (!check_day (trimmed, values[FIELD_YEAR], values[FIELD_MONTH], values[FIELD_DAY], error))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", values[FIELD_YEAR], values[FIELD_MONTH], values[FIELD_DAY]);
}

char *
tf_date_format_user (const char *iso,
                     const char *format)
{
  g_autofree char *user_format = NULL;
  GDate date;
  Layout layout;
  GString *out;

  if (iso == NULL)
    return g_strdup ("");
  if (!tf_date_parse_iso (iso, &date, NULL))
    return g_strdup (iso);
  if (format == NULL)
    format = user_format = tf_date_get_user_format ();
  if (!read_layout (format, &layout))
    return g_strdup (iso);

  out = g_string_new (NULL);
  for (guint i = 0; i < 3; i++)
    {
      if (i > 0)
        g_string_append_c (out, layout.separator);
      switch (layout.order[i])
        {
        case FIELD_DAY: g_string_append_printf (out, "%02d", g_date_get_day (&date)); break;
        case FIELD_MONTH: g_string_append_printf (out, "%02d", g_date_get_month (&date)); break;
        case FIELD_YEAR: g_string_append_printf (out, "%04d", g_date_get_year (&date)); break;
        default: g_assert_not_reached ();
        }
    }
  return g_string_free (out, FALSE);
}

char *
tf_date_describe_format (const char *format)
{
  Layout layout;
  GString *out;

  if (!read_layout (format, &layout))
    return g_strdup (C_("date pattern", "YYYY-MM-DD"));

  out = g_string_new (NULL);
  for (guint i = 0; i < 3; i++)
    {
      if (i > 0)
        g_string_append_c (out, layout.separator);
      /* TRANSLATORS: the letters of a date pattern, as in "DD/MM/YYYY" (French "JJ/MM/AAAA") */
      g_string_append (out, layout.order[i] == FIELD_DAY ? C_("date pattern", "DD")
                            : layout.order[i] == FIELD_MONTH ? C_("date pattern", "MM")
                            : C_("date pattern", "YYYY"));
    }
  return g_string_free (out, FALSE);
}
