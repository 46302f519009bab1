/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A few members of a JSON object read in one pass, without building a tree:
 * for the styles and payloads read once per item when a board opens (a
 * 100k wall is 200k small objects; their json-glib parses were most of the
 * CPU time of reading it: transfo-bench's board_read).
 *
 * It reads only the plain form Transfo itself writes: strict JSON, strings
 * without escapes, integers of at most 18 digits, each asked-for member at
 * most once. Anything else — an escape, a float, a comment, a duplicate,
 * a syntax error, a truncated or hostile text — makes it answer FALSE, and
 * the caller reads the text with json-glib as before: every text outside
 * that form keeps exactly the meaning (values, defaults, errors) it had.
 * Within the form, its answers are json-glib's (tests/test-json-peek.c
 * compares both on mutated texts; tests/fuzz/fuzz-json-peek.c under
 * libFuzzer).
 *
 * The caller checks the text with tf_content_check_json() first (UTF-8,
 * size, depth), as for json-glib; the reader also stops at
 * TF_CONTENT_MAX_JSON_DEPTH levels on its own. */

typedef enum {
  TF_JSON_PEEK_ABSENT,    /* not a member of the object */
  TF_JSON_PEEK_STRING,
  TF_JSON_PEEK_INT,
  TF_JSON_PEEK_BOOLEAN,
  TF_JSON_PEEK_NULL,
  TF_JSON_PEEK_ARRAY,
  TF_JSON_PEEK_OBJECT,
} TfJsonPeekType;

typedef struct {
  const char     *name;     /* set by the caller: the member's name */
  TfJsonPeekType  type;
  const char     *string;   /* TF_JSON_PEEK_STRING: its bytes in the text, */
  gsize           length;   /* not NUL-terminated */
  gint64          integer;  /* TF_JSON_PEEK_INT */
  gboolean        boolean;  /* TF_JSON_PEEK_BOOLEAN */
} TfJsonPeekMember;

/* Reads the members named in @members (their other fields are set) from
 * @json, @length bytes or -1 for NUL-terminated. TRUE when @json is an
 * object in the plain form; FALSE otherwise, with @members left ABSENT. */
gboolean tf_json_peek_object (const char       *json,
                              gssize            length,
                              TfJsonPeekMember *members,
                              guint             n_members);

/* Whether the member's string equals @str. */
gboolean tf_json_peek_string_equal (const TfJsonPeekMember *member,
                                    const char             *str);

G_END_DECLS
