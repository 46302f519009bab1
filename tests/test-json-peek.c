/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "canvas/tf-scene.h"
#include "core/tf-content.h"
#include "core/tf-json-peek.h"
#include "core/tf-store.h"
#include "insights/tf-insight.h"
#include "insights/tf-note-kind.h"
#include "wings/tf-wings.h"
#include "tf-test-util.h"

/* The note kind reads its style and payload with tf-json-peek.h when they
 * are in the plain form, and with json-glib otherwise. These tests hold the
 * two readings to the same answers: on Transfo's own texts, on hostile
 * ones, and on thousands of mutated ones. */

typedef struct {
  guint32  color;
  guint    votes;
  gboolean star;
  gboolean retired;
} Reading;

/* The note's reading before the plain form had a reader of its own:
 * json-glib for both texts, as the note kind read them until then. */
static Reading
reference_reading (const char *style,
                   const char *payload)
{
  g_autoptr(JsonNode) node = tf_item_parse_json (style);
  g_auto(TfInsightFields) fields = { 0 };
  const TfNoteColor *color = NULL;
  Reading reading;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    color = tf_note_color_lookup (tf_content_json_string (json_node_get_object (node), "color", NULL));
  if (color == NULL)
    color = tf_note_color_default ();
  tf_insight_fields_init (&fields);
  tf_insight_fields_parse (&fields, payload);
  reading.color = color->rgb;
  reading.votes = fields.votes;
  reading.star = fields.star;
  reading.retired = fields.retired;
  return reading;
}

/* What the note kind reads now. */
static Reading
note_reading (const char *style,
              const char *payload)
{
  g_autoptr(TfItem) item = tf_item_new (1, "note");
  const TfNoteData *data;
  Reading reading;

  tf_item_set_style (item, style);
  tf_item_set_payload (item, payload);
  tf_item_changed (item);
  data = item->data;
  g_assert_nonnull (data);
  g_assert_cmphex (tf_note_color_lookup (data->color_id)->rgb, ==, data->color);
  reading.color = data->color;
  reading.votes = data->votes;
  reading.star = data->star;
  reading.retired = data->retired;
  return reading;
}

static void
assert_same_reading (const char *style,
                     const char *payload)
{
  Reading expected = reference_reading (style, payload);
  Reading got = note_reading (style, payload);

  if (expected.color != got.color || expected.votes != got.votes ||
      expected.star != got.star || expected.retired != got.retired)
    g_error ("style %s payload %s: json-glib reads #%06x %u votes star %d retired %d, "
             "the note kind #%06x %u votes star %d retired %d",
             style, payload, expected.color, expected.votes, expected.star, expected.retired,
             got.color, got.votes, got.star, got.retired);
}

static const char *peeked_names[] = { "color", "size", "source", "tags", "votes", "star", "retired", "x" };

/* When the reader answers, its members are json-glib's; returns whether it
 * answered. */
static gboolean
assert_peek_agrees (const char *json)
{
  TfJsonPeekMember members[G_N_ELEMENTS (peeked_names)];
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    members[i].name = peeked_names[i];
  if (!tf_json_peek_object (json, -1, members, G_N_ELEMENTS (members)))
    {
      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        g_assert_cmpint (members[i].type, ==, TF_JSON_PEEK_ABSENT);
      return FALSE;
    }
  if (!tf_content_check_json (json, -1))
    return TRUE;  /* the callers never get there: checked first */
  root = json_from_string (json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    g_error ("read as an object, refused by json-glib: %s", json);
  object = json_node_get_object (root);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *node = json_object_get_member (object, peeked_names[i]);
      TfJsonPeekType type = TF_JSON_PEEK_ABSENT;

      if (node == NULL)
        type = TF_JSON_PEEK_ABSENT;
      else if (JSON_NODE_HOLDS_OBJECT (node))
        type = TF_JSON_PEEK_OBJECT;
      else if (JSON_NODE_HOLDS_ARRAY (node))
        type = TF_JSON_PEEK_ARRAY;
      else if (JSON_NODE_HOLDS_NULL (node))
        type = TF_JSON_PEEK_NULL;
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          type = TF_JSON_PEEK_STRING;
          if (members[i].type == type && !tf_json_peek_string_equal (&members[i], json_node_get_string (node)))
            g_error ("%s: member %s differs from json-glib's \"%s\"", json, peeked_names[i],
                     json_node_get_string (node));
        }
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        {
          type = TF_JSON_PEEK_INT;
          if (members[i].type == type && members[i].integer != json_node_get_int (node))
            g_error ("%s: member %s is %" G_GINT64_FORMAT ", json-glib's %" G_GINT64_FORMAT, json,
                     peeked_names[i], members[i].integer, json_node_get_int (node));
        }
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        {
          type = TF_JSON_PEEK_BOOLEAN;
          if (members[i].type == type && members[i].boolean != json_node_get_boolean (node))
            g_error ("%s: member %s differs from json-glib's", json, peeked_names[i]);
        }
      else
        g_error ("%s: member %s is a %s for json-glib, read by the plain reader", json,
                 peeked_names[i], g_type_name (json_node_get_value_type (node)));
      if (type != members[i].type)
        g_error ("%s: member %s is of type %d, json-glib's %d", json, peeked_names[i],
                 members[i].type, type);
    }
  return TRUE;
}

static void
test_plain_form (void)
{
  TfJsonPeekMember members[] = { { .name = "color" }, { .name = "votes" }, { .name = "star" },
                                 { .name = "tags" }, { .name = "missing" }, { .name = "date" } };
  const char *payload = "{\"source\":\"staff\",\"date\":\"\",\"tags\":[\"outils\",\"é\"],"
                        "\"consent\":\"to-check\",\"retired\":false,\"votes\":-12,\"star\":true,"
                        "\"color\" : \"Élue {x}\", \"later\": {\"a\": [1, null, {\"b\": []}]}}";

  g_assert_true (tf_json_peek_object (payload, -1, members, G_N_ELEMENTS (members)));
  g_assert_cmpint (members[0].type, ==, TF_JSON_PEEK_STRING);
  g_assert_true (tf_json_peek_string_equal (&members[0], "Élue {x}"));
  g_assert_false (tf_json_peek_string_equal (&members[0], "Élue"));
  g_assert_cmpint (members[1].type, ==, TF_JSON_PEEK_INT);
  g_assert_cmpint (members[1].integer, ==, -12);
  g_assert_cmpint (members[2].type, ==, TF_JSON_PEEK_BOOLEAN);
  g_assert_true (members[2].boolean);
  g_assert_cmpint (members[3].type, ==, TF_JSON_PEEK_ARRAY);
  g_assert_cmpint (members[4].type, ==, TF_JSON_PEEK_ABSENT);
  g_assert_cmpint (members[5].type, ==, TF_JSON_PEEK_STRING);
  g_assert_cmpuint (members[5].length, ==, 0);
  g_assert_true (assert_peek_agrees (payload));

  /* A length that cuts the text is the end of it. */
  g_assert_true (tf_json_peek_object ("{\"votes\":7}garbage", 11, members, 2));
  g_assert_cmpint (members[1].integer, ==, 7);
  g_assert_true (tf_json_peek_object (" {}\n", -1, members, 2));
  g_assert_cmpint (members[0].type, ==, TF_JSON_PEEK_ABSENT);
}

/* Texts outside the plain form: the reader declines, json-glib reads them
 * (and its answer, for a note, is held to the old one below). */
static void
test_outside_the_form (void)
{
  static const char *texts[] = {
    "", " ", "[]", "\"color\"", "null", "{", "}", "{\"votes\":3", "{\"votes\":3,}", "{\"votes\":3}}",
    "{\"votes\":3}x", "{\"votes\":3}{}", "{\"votes\":3 4}", "{\"votes\" 3}", "{votes:3}", "{'votes':3}",
    "{\"votes\":03}", "{\"votes\":0x10}", "{\"votes\":1.5}", "{\"votes\":1e3}", "{\"votes\":1E3}",
    "{\"votes\":.5}", "{\"votes\":-}", "{\"votes\":- 1}", "{\"votes\":+1}",
    "{\"votes\":1234567890123456789}", "{\"votes\":99999999999999999999}",
    "{\"votes\":3,\"votes\":4}", "{\"star\":True}", "{\"star\":tru}", "{\"star\":truex}",
    "{\"color\":\"\\u0070ink\"}", "{\"color\":\"pi\\\"nk\"}", "{\"color\":\"a\tb\"}",
    "{\"col\\u006fr\":\"pink\"}", "{/*c*/\"votes\":3}", "{\"votes\":3}\r", "\xef\xbb\xbf{}",
    "{\"a\":[1,]}", "{\"a\":[1 2]}", "{\"a\":[}", "{\"a\":{\"b\"}}", "{\"a\":\"unterminated}",
  };
  TfJsonPeekMember members[] = { { .name = "votes" }, { .name = "star" }, { .name = "color" } };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (tf_json_peek_object (texts[i], -1, members, G_N_ELEMENTS (members)))
        g_error ("read in the plain form: %s", texts[i]);
      g_assert_false (assert_peek_agrees (texts[i]));
    }
  g_assert_false (tf_json_peek_object (NULL, -1, members, G_N_ELEMENTS (members)));

  /* Nesting past the archive's limit, inside and at the top. */
  {
    GString *deep = g_string_new ("{\"a\":");

    for (guint i = 0; i < 200; i++)
      g_string_append_c (deep, '[');
    for (guint i = 0; i < 200; i++)
      g_string_append_c (deep, ']');
    g_string_append_c (deep, '}');
    g_assert_false (tf_json_peek_object (deep->str, -1, members, 1));
    g_string_free (deep, TRUE);
  }
  {
    GString *deep = g_string_new ("");

    for (guint i = 0; i < TF_CONTENT_MAX_JSON_DEPTH; i++)
      g_string_append (deep, "{\"a\":");
    g_string_append (deep, "1");
    for (guint i = 0; i < TF_CONTENT_MAX_JSON_DEPTH; i++)
      g_string_append_c (deep, '}');
    g_assert_true (tf_json_peek_object (deep->str, -1, members, 1));
    g_string_insert (deep, 0, "{\"a\":");
    g_string_append_c (deep, '}');
    g_assert_false (tf_json_peek_object (deep->str, -1, members, 1));
    g_string_free (deep, TRUE);
  }
}

/* Notes as Transfo writes them, and hostile ones: the note kind reads what
 * json-glib read. */
static void
test_note_fields (void)
{
  static const struct {
    const char *style;
    const char *payload;
    const char *color;     /* NULL: the default */
    guint       votes;
    gboolean    star;
    gboolean    retired;
  } cases[] = {
    /* As Transfo writes them. */
    { "{\"color\":\"pink\",\"size\":\"l\"}",
      "{\"source\":\"staff\",\"date\":\"2009-10-05\",\"tags\":[\"outils\"],\"consent\":\"anonymised\","
      "\"retired\":false,\"votes\":2,\"star\":true}", "pink", 2, TRUE, FALSE },
    { "{\"color\":\"green\"}", "{\"retired\":true,\"votes\":0,\"star\":false}", "green", 0, FALSE, TRUE },
    { "{}", "{}", NULL, 0, FALSE, FALSE },
    /* Names people type, and escapes. */
    { "{\"color\":\"rose\"}", "{\"votes\":12345678}", "pink", 9999, FALSE, FALSE },
    { "{\"color\":\"\\u0070ink\"}", "{\"st\\u0061r\":true}", "pink", 0, TRUE, FALSE },
    /* Wrong types: the defaults. */
    { "{\"color\":null}", "{\"votes\":\"3\",\"star\":1,\"retired\":\"yes\"}", NULL, 0, FALSE, FALSE },
    { "{\"color\":{\"a\":1}}", "{\"votes\":[3],\"star\":{},\"retired\":null}", NULL, 0, FALSE, FALSE },
    { "{\"color\":7}", "{\"votes\":2.0,\"star\":true}", NULL, 0, TRUE, FALSE },
    { "[\"pink\"]", "[{\"votes\":3}]", NULL, 0, FALSE, FALSE },
    { "\"pink\"", "3", NULL, 0, FALSE, FALSE },
    /* Huge and negative numbers. */
    { "{\"color\":\"sky\"}", "{\"votes\":99999999999999999999}", "sky", 0, FALSE, FALSE },
    { "{\"color\":\"sky\"}", "{\"votes\":9223372036854775807}", "sky", 9999, FALSE, FALSE },
    { "{\"color\":\"sky\"}", "{\"votes\":-5}", "sky", 0, FALSE, FALSE },
    { "{\"color\":\"sky\"}", "{\"votes\":1e400}", "sky", 0, FALSE, FALSE },
    /* Truncated, broken or empty: the defaults. */
    { "{\"color\":\"pink\"", "{\"votes\":3,\"star\":tr", NULL, 0, FALSE, FALSE },
    { "{\"color\":\"pink\",}", "{\"votes\":3,}", NULL, 0, FALSE, FALSE },
    { "", "", NULL, 0, FALSE, FALSE },
    { "{\"color\":\"no such colour\"}", "{\"votes\":4,\"votes\":5}", NULL, 5, FALSE, FALSE },
    /* Duplicates: json-glib keeps the last. */
    { "{\"color\":\"pink\",\"color\":\"sky\"}", "{\"star\":true,\"star\":false}", "sky", 0, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Reading got = note_reading (cases[i].style, cases[i].payload);
      guint32 color = (cases[i].color != NULL ? tf_note_color_lookup (cases[i].color)
                                               : tf_note_color_default ())->rgb;

      g_test_message ("case %u: %s %s", i, cases[i].style, cases[i].payload);
      g_assert_cmphex (got.color, ==, color);
      g_assert_cmpuint (got.votes, ==, cases[i].votes);
      g_assert_cmpint (got.star, ==, cases[i].star);
      g_assert_cmpint (got.retired, ==, cases[i].retired);
      assert_same_reading (cases[i].style, cases[i].payload);
      assert_peek_agrees (cases[i].style);
      assert_peek_agrees (cases[i].payload);
    }
}

/* Mutations of Transfo's own texts, a few bytes at a time: what the reader
 * reads, json-glib reads the same; the note reads as before. */
static const char *seeds[] = {
  "{\"color\":\"coral\",\"size\":\"m\"}",
  "{\"source\":\"staff\",\"date\":\"\",\"tags\":[],\"consent\":\"to-check\",\"retired\":false,"
  "\"votes\":3,\"star\":false}",
  "{\"source\":\"elected\",\"date\":\"2024-01-02\",\"tags\":[\"accueil\",\"délais\"],\"consent\":\"given\","
  "\"retired\":true,\"votes\":12,\"star\":true,\"later\":{\"x\":[1,2,{\"y\":null}]}}",
  "{ \"color\" : \"lilac\" , \"size\" : null }",
};

static const char *tokens[] = {
  "{", "}", "[", "]", "\"", ":", ",", " ", "\t", "\n", "\r", "\\", "/", "-", "0", "1", "9", ".", "e",
  "x", "'", "true", "false", "null", "tru", "\"votes\":", "\"star\":", "\"retired\":", "\"color\":",
  "\"pink\"", "\"Rose\"", "99999999999999999999", "9223372036854775807", "1e5", "0x1f", "\\u0041",
  "\\\"", "é", "\xe2\x80\x94", "{}", "[]", "/*c*/", "#", "\xef\xbb\xbf",
};

static char *
mutate (GRand      *rand,
        const char *seed)
{
  GString *text = g_string_new (seed);
  int n = g_rand_int_range (rand, 1, 4);

  for (int i = 0; i < n; i++)
    {
      gsize at = text->len > 0 ? (gsize) g_rand_int_range (rand, 0, (gint32) text->len + 1) : 0;

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:  /* insert a token */
          g_string_insert (text, (gssize) at, tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))]);
          break;
        case 1:  /* replace a byte by a token */
          if (at < text->len)
            g_string_erase (text, (gssize) at, 1);
          g_string_insert (text, (gssize) at, tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))]);
          break;
        case 2:  /* delete a few bytes */
          {
            gsize length = (gsize) g_rand_int_range (rand, 1, 4);

            if (at < text->len)
              g_string_erase (text, (gssize) at, (gssize) MIN (text->len - at, length));
          }
          break;
        case 3:  /* truncate */
          g_string_truncate (text, at);
          break;
        default:  /* a random printable byte */
          if (at < text->len)
            text->str[at] = (char) g_rand_int_range (rand, 0x20, 0x7f);
          break;
        }
    }
  return g_string_free (text, FALSE);
}

static void
test_mutations (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);
  guint read = 0, declined = 0;

  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *style = mutate (rand, seeds[g_rand_int_range (rand, 0, G_N_ELEMENTS (seeds))]);
      g_autofree char *payload = mutate (rand, seeds[g_rand_int_range (rand, 0, G_N_ELEMENTS (seeds))]);

      if (assert_peek_agrees (style))
        read++;
      else
        declined++;
      if (assert_peek_agrees (payload))
        read++;
      else
        declined++;
      assert_same_reading (style, payload);
    }
  g_test_message ("%u texts read in the plain form, %u left to json-glib", read, declined);
  /* Both ways were taken often. */
  g_assert_cmpuint (read, >, 4000);
  g_assert_cmpuint (declined, >, 4000);
}

/* Through an archive: notes whose rows someone else wrote, read by a
 * scene as a board's opening reads them. */
static void
test_scene_rows (void)
{
  TfTestBoard f;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfScene) scene = NULL;
  static const struct {
    const char *style;
    const char *payload;
  } rows[] = {
    { "{\"color\":\"pink\",\"size\":\"m\"}", "{\"votes\":3,\"star\":true,\"retired\":false}" },
    { "{\"color\":\"sky\"}", "{\"votes\":\"3\",\"star\":1}" },
    { "{\"color\":\"pink\"", "{\"votes\":3" },
    { "{\"color\":\"\\u0070ink\"}", "{\"votes\":99999999999999999999,\"retired\":true}" },
    { "[]", "{\"votes\":1.5e3,\"star\":true}" },
  };

  sqlite3 *db = NULL;

  tf_test_board_set_up (&f, "json-peek.sqlite", "Peek", "insight-wall");
  /* As someone else's program would write them. */
  g_assert_cmpint (sqlite3_open_v2 (f.path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO items (id, board_id, kind, x, y, width, height, "
                                              "style, text, payload) VALUES (%u, %" G_GINT64_FORMAT
                                              ", 'note', %u, 0, 200, 200, '%s', 'Note', '%s')",
                                              100 + i, f.board, 300 * i, rows[i].style, rows[i].payload);

      tf_test_sql_exec (db, sql);
    }
  sqlite3_close (db);
  scene = tf_scene_new_for_board (f.store, f.board, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      TfItem *item = tf_scene_lookup (scene, 100 + i);
      Reading expected = reference_reading (rows[i].style, rows[i].payload);
      const TfNoteData *data;

      g_assert_nonnull (item);
      data = item->data;
      g_assert_cmphex (data->color, ==, expected.color);
      g_assert_cmpuint (data->votes, ==, expected.votes);
      g_assert_cmpint (data->star, ==, expected.star);
      g_assert_cmpint (data->retired, ==, expected.retired);
      g_assert_cmpint (item->hidden, ==, expected.retired);
    }
  g_assert_cmphex (((TfNoteData *) tf_scene_lookup (scene, 100)->data)->color, ==,
                   tf_note_color_lookup ("pink")->rgb);
  g_assert_cmpuint (((TfNoteData *) tf_scene_lookup (scene, 100)->data)->votes, ==, 3);
  g_assert_true (tf_scene_lookup (scene, 103)->hidden);
  g_assert_finalize_object (g_steal_pointer (&scene));
  tf_test_board_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/json-peek/plain-form", test_plain_form);
  g_test_add_func ("/json-peek/outside-the-form", test_outside_the_form);
  g_test_add_func ("/json-peek/note-fields", test_note_fields);
  g_test_add_func ("/json-peek/mutations", test_mutations);
  g_test_add_func ("/json-peek/scene-rows", test_scene_rows);
  return g_test_run ();
}
