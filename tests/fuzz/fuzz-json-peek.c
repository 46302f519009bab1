/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

/* g_assert() stays on in every build of this file. */
#undef G_DISABLE_ASSERT

#include <json-glib/json-glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/tf-content.h"
#include "core/tf-json-peek.h"

/* The plain-form reader (core/tf-json-peek.c) under libFuzzer, against
 * json-glib: whatever the bytes, it must not read outside them (they are
 * handed over with their length, not NUL-terminated), and whatever it
 * reads, json-glib must read the same. Built with clang:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I build -I . -I core \
 *     $(pkg-config --cflags --libs glib-2.0 json-glib-1.0) \
 *     tests/fuzz/fuzz-json-peek.c core/tf-json-peek.c core/tf-content.c -o fuzz-json-peek
 *   ./fuzz-json-peek -max_total_time=300 -max_len=512 CORPUS_DIR
 */

static const char *names[] = { "color", "votes", "star", "retired", "tags", "a", "" };

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  TfJsonPeekMember members[G_N_ELEMENTS (names)];
  char *exact = malloc (size > 0 ? size : 1);
  char *text;
  JsonNode *root;
  JsonObject *object;

  memcpy (exact, data, size);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    members[i].name = names[i];
  /* Exactly @size bytes: the sanitizer sees any read past them. */
  tf_json_peek_object (exact, (gssize) size, members, G_N_ELEMENTS (members));
  free (exact);

  if (memchr (data, '\0', size) != NULL)
    return 0;
  text = g_strndup ((const char *) data, size);
  if (!tf_json_peek_object (text, -1, members, G_N_ELEMENTS (members)) ||
      !tf_content_check_json (text, -1))
    {
      g_free (text);
      return 0;
    }
  root = json_from_string (text, NULL);
  g_assert (root != NULL && JSON_NODE_HOLDS_OBJECT (root));
  object = json_node_get_object (root);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *node = json_object_get_member (object, names[i]);

      switch (members[i].type)
        {
        case TF_JSON_PEEK_ABSENT:
          g_assert (node == NULL);
          break;
        case TF_JSON_PEEK_OBJECT:
          g_assert (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
          break;
        case TF_JSON_PEEK_ARRAY:
          g_assert (node != NULL && JSON_NODE_HOLDS_ARRAY (node));
          break;
        case TF_JSON_PEEK_NULL:
          g_assert (node != NULL && JSON_NODE_HOLDS_NULL (node));
          break;
        case TF_JSON_PEEK_STRING:
          g_assert (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                    json_node_get_value_type (node) == G_TYPE_STRING);
          g_assert (tf_json_peek_string_equal (&members[i], json_node_get_string (node)));
          break;
        case TF_JSON_PEEK_INT:
          g_assert (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                    json_node_get_value_type (node) == G_TYPE_INT64);
          g_assert (members[i].integer == json_node_get_int (node));
          break;
        case TF_JSON_PEEK_BOOLEAN:
          g_assert (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
                    json_node_get_value_type (node) == G_TYPE_BOOLEAN);
          g_assert (members[i].boolean == json_node_get_boolean (node));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  json_node_unref (root);
  g_free (text);
  return 0;
}
