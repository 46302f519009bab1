/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-content"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tf-content.h"

gboolean
tf_content_check_text (const char *text,
                       gssize      length,
                       gsize       max_length)
{
  const char *end = NULL;

  if (text == NULL)
    return FALSE;
  if (length < 0)
    length = (gssize) strnlen (text, max_length + 1);
  if ((gsize) length > max_length)
    return FALSE;
  /* g_utf8_validate() with a length refuses a NUL inside the text. */
  return g_utf8_validate (text, length, &end) && end == text + length;
}

gboolean
tf_content_check_json (const char *json,
                       gssize      length)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  if (json == NULL)
    return FALSE;
  if (length < 0)
    length = (gssize) strnlen (json, TF_CONTENT_MAX_JSON + 1);
  if (!tf_content_check_text (json, length, TF_CONTENT_MAX_JSON))
    return FALSE;

  /* Brackets inside strings do not nest; an escaped quote does not end a
   * string. Unbalanced brackets are the parser's to refuse. */
  for (gssize i = 0; i < length; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > TF_CONTENT_MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

gboolean
tf_content_check_coord (double value)
{
  return isfinite (value) && fabs (value) <= TF_CONTENT_MAX_COORD;
}

gboolean
tf_content_check_size (double value)
{
  /* Zero is allowed: a link between two aligned points has an empty box. */
  return isfinite (value) && value >= 0 && value <= TF_CONTENT_MAX_SIZE;
}

static GType
value_type (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return G_TYPE_INVALID;
  return json_node_get_value_type (node);
}

const char *
tf_content_json_string (JsonObject *object,
                        const char *member,
                        const char *fallback)
{
  if (value_type (object, member) != G_TYPE_STRING)
    return fallback;
  return json_object_get_string_member (object, member);
}

gint64
tf_content_json_int (JsonObject *object,
                     const char *member,
                     gint64      fallback)
{
  if (value_type (object, member) != G_TYPE_INT64)
    return fallback;
  return json_object_get_int_member (object, member);
}

double
tf_content_json_double (JsonObject *object,
                        const char *member,
                        double      fallback)
{
  GType type = value_type (object, member);
  double value;

  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return fallback;
  value = json_object_get_double_member (object, member);
  return isfinite (value) ? value : fallback;
}

gboolean
tf_content_json_boolean (JsonObject *object,
                         const char *member,
                         gboolean    fallback)
{
  if (value_type (object, member) != G_TYPE_BOOLEAN)
    return fallback;
  return json_object_get_boolean_member (object, member);
}

const char *
tf_content_problem_describe (TfContentProblem problem)
{
  switch (problem)
    {
    case TF_CONTENT_BAD_TYPE:
      return _("a value of the wrong type");
    case TF_CONTENT_BAD_GEOMETRY:
      return _("a position or size off the board");
    case TF_CONTENT_BAD_TEXT:
      return _("text that is not UTF-8 or too long");
    case TF_CONTENT_BAD_JSON:
      return _("style or data that is malformed or too large");
    case TF_CONTENT_BAD_REFERENCE:
      return _("a link to a missing item");
    case TF_CONTENT_OK:
    case TF_CONTENT_N_PROBLEMS:
    default:
      break;
    }
  return "";
}
