/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The phone page of the room's server: plain HTML and one style sheet, no
 * script, no external resource, in French or English. */

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  TF_PHONE_EN,
  TF_PHONE_FR,
} TfPhoneLang;

/* What the page shows besides the form. */
typedef enum {
  TF_PHONE_FORM,       /* a fresh form */
  TF_PHONE_RECEIVED,   /* "received", then a fresh form */
  TF_PHONE_RETRY,      /* not confirmed: the same form, same key, to send again */
  TF_PHONE_INVALID,    /* refused: the same form to correct */
  TF_PHONE_VOTED,      /* "your dots are in" */
  TF_PHONE_VOTE_REFUSED,
} TfPhoneNotice;

/* A voting round as the page shows it. */
typedef struct {
  guint    n_colours;
  guint    dots;
  GArray  *notes;   /* gint64 */
  GPtrArray *texts; /* char *, same order */
} TfPhoneRound;

/* The style sheet, for its Content-Security-Policy hash. */
const char  *tf_phone_page_style    (void);
/* Accept-Language (may be NULL) and the ?lang= override. */
TfPhoneLang  tf_phone_page_lang     (const char          *accept_language,
                                     const char          *query);
char        *tf_phone_page_render   (TfPhoneLang          lang,
                                     const char          *base,
                                     const char * const  *categories,
                                     const TfPhoneRound  *round,
                                     TfPhoneNotice        notice,
                                     const char          *key,
                                     const char          *text,
                                     const char          *category) G_GNUC_WARN_UNUSED_RESULT;
/* A short page for an error status (404, 413…). */
char        *tf_phone_page_error    (TfPhoneLang          lang,
                                     guint                status) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
