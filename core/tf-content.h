/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What the content of an archive may hold. An archive is a document that
 * arrives by email or on a USB stick: what is read from it is checked as
 * strictly as what is imported, before any parser or layout sees it.
 *
 * The bounds are generous for real use and small enough that nothing a
 * hostile file holds can exhaust the stack, the memory or the time of a
 * window or an export. */

/* Texts of items: a quote is capped at 2,000 characters on import, but
 * labels, actor notes and zone titles are typed freely and may be longer.
 * 64 KiB (some 30 pages of prose) is more than any item can show legibly on
 * a board; beyond it, laying out the text would cost seconds per item. */
#define TF_CONTENT_MAX_TEXT       (64 * 1024)

/* Style and payload JSON: a few members each (a pool lists its members, some
 * ten bytes each), nested two levels at most today. 1 MiB and 64 levels leave
 * room for years of new keys and stop json-glib's recursive parser long
 * before it exhausts a thread's stack. */
#define TF_CONTENT_MAX_JSON       (1024 * 1024)
#define TF_CONTENT_MAX_JSON_DEPTH 64

/* Boards: items lie within ±10⁶ units of the origin (a post-it is 200 units:
 * a wall of 5,000 post-its across fits), and are at most as large as the
 * whole board. */
#define TF_CONTENT_MAX_COORD      1e6
#define TF_CONTENT_MAX_SIZE       (2 * TF_CONTENT_MAX_COORD)

/* Why a row could not be read. */
typedef enum {
  TF_CONTENT_OK,
  TF_CONTENT_BAD_TYPE,       /* a value of the wrong storage type (text or a blob where a number belongs) */
  TF_CONTENT_BAD_GEOMETRY,   /* a position or size that is not finite, negative or off the board */
  TF_CONTENT_BAD_TEXT,       /* text that is not UTF-8 or too long */
  TF_CONTENT_BAD_JSON,       /* style or payload that is not UTF-8, too large or too deeply nested */
  TF_CONTENT_BAD_REFERENCE,  /* a link whose ends are not on the board */
  TF_CONTENT_N_PROBLEMS
} TfContentProblem;

/* Whether @text (@length bytes, or -1 for NUL-terminated) is UTF-8 with no
 * NUL inside and at most @max_length bytes. */
gboolean     tf_content_check_text   (const char       *text,
                                      gssize            length,
                                      gsize             max_length);
/* Whether @json is safe to hand to a JSON parser: UTF-8, at most
 * TF_CONTENT_MAX_JSON bytes and nested at most TF_CONTENT_MAX_JSON_DEPTH
 * levels. A cheap scan that does not check the syntax: the parser does. */
gboolean     tf_content_check_json   (const char       *json,
                                      gssize            length);
/* Whether @value is a finite coordinate within the board. */
gboolean     tf_content_check_coord  (double            value);
/* Whether @value is a finite size, not negative, no larger than the board. */
gboolean     tf_content_check_size   (double            value);

/* Members of a JSON object read from an archive: @fallback when the member
 * is missing or not a value of the type asked for (json-glib's own getters
 * warn on a wrong type, and return NULL for a string that is a number). A
 * double is also finite. */
const char  *tf_content_json_string  (JsonObject       *object,
                                      const char       *member,
                                      const char       *fallback);
gint64       tf_content_json_int     (JsonObject       *object,
                                      const char       *member,
                                      gint64            fallback);
double       tf_content_json_double  (JsonObject       *object,
                                      const char       *member,
                                      double            fallback);
gboolean     tf_content_json_boolean (JsonObject       *object,
                                      const char       *member,
                                      gboolean          fallback);

/* A short phrase for @problem ("an invalid position or size"), translated. */
const char  *tf_content_problem_describe (TfContentProblem problem);

G_END_DECLS
