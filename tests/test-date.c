/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dates as people type them (core/tf-date.h): strict ISO for what is stored,
 * the locale's numeric format or ISO for what is typed, and messages that
 * tell a misspelt date from a day that does not exist. */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "core/tf-date.h"
#include "core/tf-experiment.h"

static void
assert_iso_rejected (const char *text,
                     TfDateError code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (tf_date_parse_iso (text, NULL, &error));
  g_assert_error (error, TF_DATE_ERROR, (int) code);
  g_assert_false (tf_date_is_valid (text));
}

static void
test_iso (void)
{
  static const char * const refused[] = {
    "+009-10-05", "-009-10-05", "2009- 1-05", "2009-1-05", "2009-10-5", " 2009-10-05",
    "2009-10-05 ", "2009/10/05", "20091005", "2009-10-05x", "209-10-05", "02009-10-05",
    "2009-１0-05", "２009-10-05", "2009--10-05", "2009-10", "abcd-ef-gh", "0x09-10-05",
    "2009-10-\t5", "2009-+1-05",
  };
  static const struct { const char *text; const char *says; } missing[] = {
    { "2009-02-29", "2009 is not a leap year" },
    { "1900-02-29", "1900 is not a leap year" },
    { "2009-02-30", "February has 28 days" },
    { "2009-04-31", "April has 30 days" },
    { "2009-13-01", "there is no month 13" },
    { "2009-00-10", "there is no month 0" },
    { "2009-10-00", "October has 31 days" },
    { "2009-10-32", "October has 31 days" },
    { "0000-01-01", "there is no year 0" },
  };
  GDate date;

  g_assert_true (tf_date_parse_iso ("2009-10-05", &date, NULL));
  g_assert_cmpint (g_date_get_year (&date), ==, 2009);
  g_assert_cmpint (g_date_get_month (&date), ==, 10);
  g_assert_cmpint (g_date_get_day (&date), ==, 5);
  g_assert_true (tf_date_parse_iso ("2008-02-29", NULL, NULL));
  g_assert_true (tf_date_parse_iso ("2000-02-29", NULL, NULL));
  g_assert_true (tf_date_parse_iso ("0001-01-01", NULL, NULL));
  g_assert_true (tf_date_parse_iso ("9999-12-31", NULL, NULL));
  g_assert_true (tf_date_is_valid (""));
  g_assert_true (tf_date_is_valid (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("%s", refused[i]);
      assert_iso_rejected (refused[i], TF_DATE_ERROR_FORMAT);
    }
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", missing[i].text);
      assert_iso_rejected (missing[i].text, TF_DATE_ERROR_NO_SUCH_DAY);
      g_assert_false (tf_date_parse_iso (missing[i].text, NULL, &error));
      g_assert_nonnull (strstr (error->message, "does not exist"));
      g_assert_nonnull (strstr (error->message, missing[i].says));
      g_assert_nonnull (strstr (error->message, missing[i].text));
    }
}

static void
assert_typed (const char *format,
              const char *text,
              const char *iso)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *read = tf_date_parse_user (text, format, &error);

  g_test_message ("%s in %s", text, format);
  g_assert_no_error (error);
  g_assert_cmpstr (read, ==, iso);
}

static void
assert_typed_refused (const char *format,
                      const char *text,
                      TfDateError code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *read = tf_date_parse_user (text, format, &error);

  g_test_message ("%s in %s", text, format);
  g_assert_null (read);
  g_assert_error (error, TF_DATE_ERROR, (int) code);
}

static void
test_typed (void)
{
  /* French (and British): day first. */
  assert_typed ("%d/%m/%Y", "12/01/2026", "2026-01-12");
  assert_typed ("%d/%m/%Y", "5/10/2009", "2009-10-05");
  assert_typed ("%d/%m/%Y", " 05/10/2009 ", "2009-10-05");
  assert_typed ("%d/%m/%Y", "05.10.2009", "2009-10-05");
  assert_typed ("%d/%m/%Y", "05-10-2009", "2009-10-05");
  assert_typed ("%d/%m/%Y", "29/02/2008", "2008-02-29");
  assert_typed ("%d/%m/%Y", "2009-10-05", "2009-10-05");
  assert_typed ("%d/%m/%y", "05/10/09", "2009-10-05");
  assert_typed ("%d/%m/%y", "05/10/75", "1975-10-05");
  assert_typed ("%d/%m/%Y", "", "");
  assert_typed ("%d/%m/%Y", "   ", "");
  /* American: month first. */
  assert_typed ("%m/%d/%Y", "12/01/2026", "2026-12-01");
  assert_typed ("%m/%d/%y", "10/5/2009", "2009-10-05");
  assert_typed ("%D", "10/05/09", "2009-10-05");
  /* German, with glibc's flags. */
  assert_typed ("%d.%m.%Y", "05.10.2009", "2009-10-05");
  assert_typed ("%-d.%-m.%Y", "5.10.2009", "2009-10-05");
  assert_typed ("%e/%m/%Y", "5/10/2009", "2009-10-05");
  /* ISO as the only format: the C locale in English. */
  assert_typed ("%Y-%m-%d", "2009-10-05", "2009-10-05");

  assert_typed_refused ("%d/%m/%Y", "29/02/2009", TF_DATE_ERROR_NO_SUCH_DAY);
  assert_typed_refused ("%d/%m/%Y", "31/04/2009", TF_DATE_ERROR_NO_SUCH_DAY);
  assert_typed_refused ("%d/%m/%Y", "12/13/2026", TF_DATE_ERROR_NO_SUCH_DAY);
  assert_typed_refused ("%m/%d/%Y", "13/12/2026", TF_DATE_ERROR_NO_SUCH_DAY);
  assert_typed_refused ("%d/%m/%Y", "2009-02-29", TF_DATE_ERROR_NO_SUCH_DAY);
  assert_typed_refused ("%d/%m/%Y", "05/10/2009x", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "05/10-2009", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "05//2009", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "005/10/2009", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "05/10/200", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "05/10/20091", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "05 / 10 / 2009", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "+5/10/2009", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "-5/10/2009", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "5 octobre 2009", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "hier", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "2009/10/05", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "+009-10-05", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%d/%m/%Y", "2009- 1-05", TF_DATE_ERROR_FORMAT);
  assert_typed_refused ("%Y-%m-%d", "12/01/2026", TF_DATE_ERROR_FORMAT);
  /* A format that is no numeric date reads ISO only. */
  assert_typed_refused ("%A %d %B %Y", "05/10/2009", TF_DATE_ERROR_FORMAT);
  assert_typed ("%A %d %B %Y", "2009-10-05", "2009-10-05");
}

static void
test_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *read = tf_date_parse_user ("12/01", "%d/%m/%Y", &error);

  /* The message shows the format to use and an example in it. */
  g_assert_null (read);
  g_assert_cmpstr (error->message, ==,
                   "“12/01” is not a date; write it as DD/MM/YYYY (or YYYY-MM-DD), e.g. 05/10/2009");
  g_clear_error (&error);
  g_assert_null (tf_date_parse_user ("12/01/2026", "%Y-%m-%d", &error));
  g_assert_cmpstr (error->message, ==, "“12/01/2026” is not a date; write it as YYYY-MM-DD, e.g. 2009-10-05");
  g_clear_error (&error);
  g_assert_false (tf_date_parse_iso ("2009-02-29", NULL, &error));
  g_assert_cmpstr (error->message, ==, "The date “2009-02-29” does not exist: 2009 is not a leap year");
  g_clear_error (&error);
  /* A long text is clipped in the message. */
  g_assert_false (tf_date_parse_iso ("2009-10-05 and then a very long sentence that goes on and on", NULL, &error));
  g_assert_nonnull (strstr (error->message, "…”"));
}

static void
test_format (void)
{
  g_autofree char *fr = tf_date_format_user ("2009-10-05", "%d/%m/%Y");
  g_autofree char *us = tf_date_format_user ("2009-10-05", "%m/%d/%y");
  g_autofree char *de = tf_date_format_user ("2009-10-05", "%e.%m.%Y");
  g_autofree char *iso = tf_date_format_user ("2009-10-05", "%Y-%m-%d");
  g_autofree char *odd = tf_date_format_user ("2009-10-05", "%A");
  g_autofree char *bad = tf_date_format_user ("2009-02-29", "%d/%m/%Y");
  g_autofree char *empty = tf_date_format_user ("", "%d/%m/%Y");
  g_autofree char *p_fr = tf_date_describe_format ("%d/%m/%Y");
  g_autofree char *p_us = tf_date_describe_format ("%m/%d/%y");

  g_assert_cmpstr (fr, ==, "05/10/2009");
  /* Four digits for the year always, so that what is shown reads back. */
  g_assert_cmpstr (us, ==, "10/05/2009");
  g_assert_cmpstr (de, ==, "05.10.2009");
  g_assert_cmpstr (iso, ==, "2009-10-05");
  g_assert_cmpstr (odd, ==, "2009-10-05");
  g_assert_cmpstr (bad, ==, "2009-02-29");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (p_fr, ==, "DD/MM/YYYY");
  g_assert_cmpstr (p_us, ==, "MM/DD/YYYY");

  /* Every day of 2008 and 2009 goes round in both orders. */
  for (const char * const *format = (const char * const[]) { "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%y", NULL };
       *format != NULL; format++)
    {
      GDate day;

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, 1, 1, 2008);
      for (guint i = 0; i < 731; i++, g_date_add_days (&day, 1))
        {
          char stored[16];
          g_autofree char *shown = NULL;
          g_autofree char *back = NULL;

          g_date_strftime (stored, sizeof stored, "%Y-%m-%d", &day);
          shown = tf_date_format_user (stored, *format);
          back = tf_date_parse_user (shown, *format, NULL);
          g_assert_cmpstr (back, ==, stored);
        }
    }
}

/* The locale decides: its D_FMT, from a French locale compiled for the
 * test when the system has none (localedef, as locale-gen does). */
static void
test_locale (void)
{
  g_autofree char *c_format = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *fr_format = NULL;
  g_autofree char *read = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  char *old;
  int status = 0;

  old = g_strdup (setlocale (LC_TIME, NULL));
  setlocale (LC_TIME, "C");
  c_format = tf_date_get_user_format ();
  /* The C locale's own D_FMT is American: ISO instead (the translation's). */
  g_assert_cmpstr (c_format, ==, "%Y-%m-%d");

  if (setlocale (LC_TIME, "fr_FR.UTF-8") == NULL)
    {
      const char *argv[] = { "localedef", "-i", "fr_FR", "-f", "UTF-8", NULL, NULL };
      g_autofree char *target = NULL;

      dir = g_dir_make_tmp ("tf-date-XXXXXX", NULL);
      target = g_build_filename (dir, "fr_FR.UTF-8", NULL);
      argv[5] = target;
      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                         &status, NULL) || !g_file_test (target, G_FILE_TEST_IS_DIR))
        {
          g_test_skip ("No French locale, and localedef cannot make one");
          setlocale (LC_TIME, old);
          g_free (old);
          return;
        }
      g_setenv ("LOCPATH", dir, TRUE);
      g_assert_nonnull (setlocale (LC_TIME, "fr_FR.UTF-8"));
    }

  fr_format = tf_date_get_user_format ();
  g_assert_cmpstr (fr_format, ==, "%d/%m/%Y");
  read = tf_date_parse_user ("12/01/2026", NULL, NULL);
  g_assert_cmpstr (read, ==, "2026-01-12");
  shown = tf_date_format_user ("2009-10-05", NULL);
  g_assert_cmpstr (shown, ==, "05/10/2009");

  setlocale (LC_TIME, old);
  g_free (old);
  if (dir != NULL)
    {
      const char *argv[] = { "rm", "-rf", dir, NULL };

      g_unsetenv ("LOCPATH");
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transfo/date/iso", test_iso);
  g_test_add_func ("/transfo/date/typed", test_typed);
  g_test_add_func ("/transfo/date/messages", test_messages);
  g_test_add_func ("/transfo/date/format", test_format);
  g_test_add_func ("/transfo/date/locale", test_locale);
  return g_test_run ();
}
