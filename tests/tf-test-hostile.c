/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "tf-test-hostile.h"

#define NOTE0 TF_HOSTILE_NOTE (0)
#define NOTE1 TF_HOSTILE_NOTE (1)

/* 100,000 opening brackets: json-glib recursed once for each. */
#define DEEP_ARRAY  "replace (hex (zeroblob (100000)), '00', '[')"
#define DEEP_OBJECT "replace (hex (zeroblob (100000)), '00', '{\"a\":')"

#define INSERT_LINK(payload) \
  "INSERT INTO items (board_id, kind, x, y, width, height, style, text, payload)" \
  " VALUES (" TF_HOSTILE_WALL ", 'link', 0, 0, 100, 100, '{}', '', '" payload "')"

const TfTestHostile tf_test_hostile_cases[] = {
  { "style-deep", "UPDATE items SET style = " DEEP_ARRAY " WHERE id = " NOTE0, TRUE },
  { "payload-deep", "UPDATE items SET payload = " DEEP_OBJECT " WHERE id = " NOTE0, TRUE },
  /* Ends with the first byte of a four-byte sequence: walking it letter by
   * letter steps over the terminating NUL. */
  { "text-not-utf8", "UPDATE items SET text = CAST (X'4C612064C3A9F0' AS TEXT) WHERE id = " NOTE0, TRUE },
  { "text-blob", "UPDATE items SET text = X'00FF41' WHERE id = " NOTE0, TRUE },
  /* 20 MiB of words. */
  { "text-20mb", "UPDATE items SET text = replace (hex (zeroblob (10485760)), '00', 'ab ') WHERE id = " NOTE0, TRUE },
  { "x-1e308", "UPDATE items SET x = 1e308 WHERE id = " NOTE0, TRUE },
  { "size-1e7", "UPDATE items SET width = 1e7, height = 1e7 WHERE id = " NOTE0, TRUE },
  { "width-1e7", "UPDATE items SET width = 1e7 WHERE id = " NOTE0, TRUE },
  { "height-inf", "UPDATE items SET height = 1e999 WHERE id = " NOTE0, TRUE },
  { "x-minus-inf", "UPDATE items SET x = -1e999 WHERE id = " NOTE0, TRUE },
  /* SQLite stores no NaN in a REAL column: a file can only hold it as text. */
  { "width-nan", "UPDATE items SET width = 'NaN' WHERE id = " NOTE0, TRUE },
  { "width-negative", "UPDATE items SET width = -200 WHERE id = " NOTE0, TRUE },
  { "x-text", "UPDATE items SET x = 'left' WHERE id = " NOTE0, TRUE },
  { "y-blob", "UPDATE items SET y = X'0102' WHERE id = " NOTE0, TRUE },
  { "z-text", "UPDATE items SET z = 'top' WHERE id = " NOTE0, TRUE },
  { "parent-self", "UPDATE items SET parent_id = id WHERE id = " NOTE0, FALSE },
  { "parent-cycle", "UPDATE items SET parent_id = " NOTE1 " WHERE id = " NOTE0 ";"
                    "UPDATE items SET parent_id = " NOTE0 " WHERE id = " NOTE1, FALSE },
  { "parent-missing", "UPDATE items SET parent_id = 99999 WHERE id = " NOTE0, FALSE },
  { "link-missing-source", INSERT_LINK ("{\"source\":99999,\"target\":1}"), TRUE },
  { "link-missing-target", INSERT_LINK ("{\"source\":1,\"target\":99999}"), TRUE },
  { "link-malformed", INSERT_LINK ("{\"source\":\"x\",\"target\":[1],\"relation\":5,\"label\":{}}"), TRUE },
  { "link-self", "UPDATE items SET kind = 'link', payload = json_object ('source', id, 'target', id)"
                 " WHERE id = " NOTE0, TRUE },
  { "style-not-json", "UPDATE items SET style = '{\"color\": [1, {\"x\": ' WHERE id = " NOTE0, FALSE },
  { "style-wrong-types", "UPDATE items SET style = '{\"color\": {\"a\": 1}}',"
                         " payload = '{\"votes\": \"many\", \"star\": [], \"tags\": 3, \"retired\": {}}'"
                         " WHERE id = " NOTE0, FALSE },
  { "kind-unknown", "UPDATE items SET kind = 'hologram' WHERE id = " NOTE0, FALSE },
  { "kind-blob", "UPDATE items SET kind = X'6E6F7465' WHERE id = " NOTE0, TRUE },
  /* Not items, but read with them: titles, names and tags that are not UTF-8. */
  { "names-not-utf8", "UPDATE experiments SET title = CAST (X'4C61626FF0' AS TEXT),"
                      " place = CAST (X'C328' AS TEXT);"
                      "UPDATE boards SET name = CAST (X'4D7572E2' AS TEXT);"
                      "UPDATE tags SET name = CAST (X'74C3' AS TEXT) || id", FALSE },
  { "board-kind-unknown", "UPDATE boards SET kind = 'nonexistent' WHERE id = " TF_HOSTILE_WALL, FALSE },
};

const guint tf_test_hostile_n_cases = G_N_ELEMENTS (tf_test_hostile_cases);

void
tf_test_hostile_apply (const char *path,
                       const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  rc = sqlite3_exec (db, "PRAGMA foreign_keys = OFF;", NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  /* Leave one file: the archive, with every change in it. */
  rc = sqlite3_exec (db, "PRAGMA wal_checkpoint (TRUNCATE);", NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}
