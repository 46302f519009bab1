/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tf-content.h"
#include "tf-json-peek.h"

/* Why a reader of our own and not a faster JSON library (Debian has
 * jansson and json-c): any of them still builds a tree of allocated nodes
 * for each of the 200k objects of a 100k wall, and would be a second JSON
 * library beside json-glib, which the rest of Transfo keeps. What a board's
 * opening needs is four scalars from objects of one known shape, so this is
 * a validating scanner that allocates nothing and gives up (FALSE) on
 * anything outside strict, plain JSON, leaving those texts to json-glib:
 * its worst case is a fallback, never a different reading. */

typedef struct {
  const char       *p;
  const char       *end;
  TfJsonPeekMember *members;
  guint             n_members;
} Peek;

static void
skip_space (Peek *peek)
{
  /* JSON's whitespace but the carriage return: json-glib's scanner skips
   * " \t\n" (and more); leaving the rest to it keeps the two readings the
   * same. */
  while (peek->p < peek->end && (*peek->p == ' ' || *peek->p == '\t' || *peek->p == '\n'))
    peek->p++;
}

/* A string without escapes or control characters; @start and @length are
 * its bytes between the quotes. */
static gboolean
read_string (Peek        *peek,
             const char **start,
             gsize       *length)
{
  const char *s;

  if (peek->p >= peek->end || *peek->p != '"')
    return FALSE;
  s = ++peek->p;
  while (peek->p < peek->end && *peek->p != '"')
    {
      if (*peek->p == '\\' || (guchar) *peek->p < 0x20)
        return FALSE;
      peek->p++;
    }
  if (peek->p >= peek->end)
    return FALSE;
  *start = s;
  *length = (gsize) (peek->p - s);
  peek->p++;
  return TRUE;
}

/* An integer as JSON writes it (no leading zero, no fraction or exponent),
 * of at most 18 digits: any gint64 json-glib reads the same. */
static gboolean
read_integer (Peek   *peek,
              gint64 *value)
{
  gboolean negative = FALSE;
  guint digits = 0;
  gint64 v = 0;

  if (peek->p < peek->end && *peek->p == '-')
    {
      negative = TRUE;
      peek->p++;
    }
  if (peek->p >= peek->end || !g_ascii_isdigit (*peek->p))
    return FALSE;
  if (*peek->p == '0' && peek->p + 1 < peek->end && g_ascii_isdigit (peek->p[1]))
    return FALSE;
  while (peek->p < peek->end && g_ascii_isdigit (*peek->p))
    {
      if (++digits > 18)
        return FALSE;
      v = v * 10 + (*peek->p - '0');
      peek->p++;
    }
  /* A float, or a number json-glib reads its own way (0x10): its turn. */
  if (peek->p < peek->end && (*peek->p == '.' || *peek->p == 'e' || *peek->p == 'E' ||
                              g_ascii_isalnum (*peek->p)))
    return FALSE;
  *value = negative ? -v : v;
  return TRUE;
}

static gboolean
read_word (Peek       *peek,
           const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (peek->end - peek->p) < length || memcmp (peek->p, word, length) != 0)
    return FALSE;
  peek->p += length;
  /* "truex" is not true. */
  return peek->p >= peek->end || !g_ascii_isalnum (*peek->p);
}

static gboolean read_value (Peek             *peek,
                            guint             depth,
                            TfJsonPeekMember *into);

static gboolean
read_array (Peek  *peek,
            guint  depth)
{
  peek->p++;  /* [ */
  skip_space (peek);
  if (peek->p < peek->end && *peek->p == ']')
    {
      peek->p++;
      return TRUE;
    }
  for (;;)
    {
      if (!read_value (peek, depth, NULL))
        return FALSE;
      skip_space (peek);
      if (peek->p >= peek->end)
        return FALSE;
      if (*peek->p == ']')
        {
          peek->p++;
          return TRUE;
        }
      if (*peek->p != ',')
        return FALSE;
      peek->p++;
      skip_space (peek);
    }
}

/* An object; at the top (@depth 1) its members named in peek->members are
 * filled in. */
static gboolean
read_object (Peek  *peek,
             guint  depth)
{
  peek->p++;  /* { */
  skip_space (peek);
  if (peek->p < peek->end && *peek->p == '}')
    {
      peek->p++;
      return TRUE;
    }
  for (;;)
    {
      TfJsonPeekMember *into = NULL;
      const char *name;
      gsize length;

      if (!read_string (peek, &name, &length))
        return FALSE;
      if (depth == 1)
        for (guint i = 0; i < peek->n_members; i++)
          if (strncmp (peek->members[i].name, name, length) == 0 &&
              peek->members[i].name[length] == '\0')
            {
              into = &peek->members[i];
              /* json-glib keeps the last of two: not worth following. */
              if (into->type != TF_JSON_PEEK_ABSENT)
                return FALSE;
              break;
            }
      skip_space (peek);
      if (peek->p >= peek->end || *peek->p != ':')
        return FALSE;
      peek->p++;
      skip_space (peek);
      if (!read_value (peek, depth, into))
        return FALSE;
      skip_space (peek);
      if (peek->p >= peek->end)
        return FALSE;
      if (*peek->p == '}')
        {
          peek->p++;
          return TRUE;
        }
      if (*peek->p != ',')
        return FALSE;
      peek->p++;
      skip_space (peek);
    }
}

/* A value at @depth levels of nesting; @into, if not NULL, receives it. */
static gboolean
read_value (Peek             *peek,
            guint             depth,
            TfJsonPeekMember *into)
{
  TfJsonPeekMember scratch;

  if (into == NULL)
    into = &scratch;
  if (peek->p >= peek->end)
    return FALSE;
  switch (*peek->p)
    {
    case '{':
      if (depth >= TF_CONTENT_MAX_JSON_DEPTH || !read_object (peek, depth + 1))
        return FALSE;
      into->type = TF_JSON_PEEK_OBJECT;
      return TRUE;
    case '[':
      if (depth >= TF_CONTENT_MAX_JSON_DEPTH || !read_array (peek, depth + 1))
        return FALSE;
      into->type = TF_JSON_PEEK_ARRAY;
      return TRUE;
    case '"':
      if (!read_string (peek, &into->string, &into->length))
        return FALSE;
      into->type = TF_JSON_PEEK_STRING;
      return TRUE;
    case 't':
    case 'f':
      into->boolean = *peek->p == 't';
      if (!read_word (peek, into->boolean ? "true" : "false"))
        return FALSE;
      into->type = TF_JSON_PEEK_BOOLEAN;
      return TRUE;
    case 'n':
      if (!read_word (peek, "null"))
        return FALSE;
      into->type = TF_JSON_PEEK_NULL;
      return TRUE;
    default:
      if (!read_integer (peek, &into->integer))
        return FALSE;
      into->type = TF_JSON_PEEK_INT;
      return TRUE;
    }
}

static void
clear_members (TfJsonPeekMember *members,
               guint             n_members)
{
  for (guint i = 0; i < n_members; i++)
    {
      members[i].type = TF_JSON_PEEK_ABSENT;
      members[i].string = NULL;
      members[i].length = 0;
      members[i].integer = 0;
      members[i].boolean = FALSE;
    }
}

gboolean
tf_json_peek_object (const char       *json,
                     gssize            length,
                     TfJsonPeekMember *members,
                     guint             n_members)
{
  Peek peek = { 0 };

  g_return_val_if_fail (members != NULL || n_members == 0, FALSE);

  clear_members (members, n_members);
  if (json == NULL)
    return FALSE;
  if (length < 0)
    length = (gssize) strlen (json);
  peek.p = json;
  peek.end = json + length;
  peek.members = members;
  peek.n_members = n_members;

  skip_space (&peek);
  if (peek.p >= peek.end || *peek.p != '{' || !read_object (&peek, 1))
    {
      clear_members (members, n_members);
      return FALSE;
    }
  skip_space (&peek);
  if (peek.p != peek.end)
    {
      clear_members (members, n_members);
      return FALSE;
    }
  return TRUE;
}

gboolean
tf_json_peek_string_equal (const TfJsonPeekMember *member,
                           const char             *str)
{
  g_return_val_if_fail (member != NULL && str != NULL, FALSE);

  return member->type == TF_JSON_PEEK_STRING && strlen (str) == member->length &&
         memcmp (member->string, str, member->length) == 0;
}
