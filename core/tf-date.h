/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TF_DATE_ERROR (tf_date_error_quark ())

typedef enum {
  TF_DATE_ERROR_FORMAT,      /* not written as a date */
  TF_DATE_ERROR_NO_SUCH_DAY, /* well written, but the day does not exist (2009-02-29) */
} TfDateError;

GQuark      tf_date_error_quark        (void);

/* Reads a stored date: exactly YYYY-MM-DD, ASCII digits, nothing around.
 * On success fills @date (may be NULL). */
gboolean    tf_date_parse_iso          (const char  *text,
                                        GDate       *date,
                                        GError     **error);

/* The numeric date format the person writes and reads, as a strftime()
 * pattern of %d, %m and %Y with separators ("%d/%m/%Y"): the locale's
 * D_FMT (nl_langinfo()) when LC_TIME names a locale, else the translation's
 * own (the C locale's D_FMT is American whatever the interface's language:
 * "%Y-%m-%d" in English, "%d/%m/%Y" in French). Two-digit years (%y) and
 * space-padded days (%e) become %Y and %d. */
char       *tf_date_get_user_format    (void) G_GNUC_WARN_UNUSED_RESULT;

/* Reads what a person typed: YYYY-MM-DD, or the numeric @format (see
 * tf_date_get_user_format(); NULL: the user's), day and month on one or two
 * digits, the year on four (or two: 69-99 are 19xx, 00-68 20xx), any of
 * / . - between them. Surrounding spaces are ignored. Returns the date as
 * YYYY-MM-DD, "" for an empty text, or NULL with @error saying whether the
 * text is no date at all or a day that does not exist. */
char       *tf_date_parse_user         (const char  *text,
                                        const char  *format,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* A stored YYYY-MM-DD date written in @format (NULL: the user's); any other
 * text comes back unchanged. */
char       *tf_date_format_user        (const char  *iso,
                                        const char  *format) G_GNUC_WARN_UNUSED_RESULT;

/* The pattern of @format for a hint, in the interface's language
 * ("DD/MM/YYYY", "JJ/MM/AAAA"). */
char       *tf_date_describe_format    (const char  *format) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
