/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What a phone in the room may send (room/tf-contribution.h), checked
 * twice: by the room's server (server/) before anything reaches the app,
 * and by the app before anything reaches the archive. GLib only: the
 * server links this file and nothing else of the program. */

#include <glib.h>

G_BEGIN_DECLS

/* An insight: at most this many characters, valid UTF-8. */
#define TF_CONTRIBUTION_TEXT_MAX   1000
/* An idempotency key: 16 to 64 characters of [A-Za-z0-9_-]. */
#define TF_CONTRIBUTION_KEY_MIN_LENGTH 16
#define TF_CONTRIBUTION_KEY_MAX_LENGTH 64
/* The dots one phone may put in one go. */
#define TF_CONTRIBUTION_BALLOT_MAX 99

typedef enum {
  TF_CONTRIBUTION_VALID,
  TF_CONTRIBUTION_EMPTY,         /* nothing but spaces */
  TF_CONTRIBUTION_TOO_LONG,      /* more than TF_CONTRIBUTION_TEXT_MAX characters */
  TF_CONTRIBUTION_NOT_UTF8,      /* invalid UTF-8, a NUL or a control character */
  TF_CONTRIBUTION_BAD_CATEGORY,  /* not one of the list */
  TF_CONTRIBUTION_BAD_KEY,       /* not an idempotency key */
  TF_CONTRIBUTION_BAD_VOTE,      /* a note or colour the round does not have, or too many dots */
} TfContributionCheck;

/* @text (@length bytes, -1: NUL-terminated) as it will be stored: its
 * line ends made "\n", spaces around it trimmed. NULL when it is not
 * valid (@check says why; it may be NULL). */
char    *tf_contribution_clean_text     (const char          *text,
                                         gssize               length,
                                         TfContributionCheck *check) G_GNUC_WARN_UNUSED_RESULT;
gboolean tf_contribution_check_key      (const char          *key);
/* Whether @category is "" (none said) or one of @categories. */
gboolean tf_contribution_check_category (const char          *category,
                                         const char * const  *categories);
/* Whether a ballot of @n_dots dots on @dots (note ids, one per dot) of
 * colour @colour fits a round on @notes (@n_notes ids) with @n_colours
 * colours of @max_dots dots each. */
gboolean tf_contribution_check_ballot   (const gint64        *dots,
                                         guint                n_dots,
                                         guint                colour,
                                         const gint64        *notes,
                                         guint                n_notes,
                                         guint                n_colours,
                                         guint                max_dots);
/* A new idempotency key: 32 hexadecimal digits from the system's random
 * source (128 bits). NULL when it cannot be read. */
char    *tf_contribution_new_key        (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
