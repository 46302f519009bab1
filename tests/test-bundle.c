/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "bundles/tf-bundle-share.h"
#include "canvas/tf-scene.h"
#include "core/tf-archive.h"
#include "core/tf-atomic-file.h"
#include "core/tf-bundle.h"
#include "core/tf-demo.h"
#include "core/tf-store-private.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* A demo archive with what a bundle must carry beyond the boards: a
 * session with the facilitator's notes and time spent, a closed vote
 * round, a phone contribution, a tag. */
static TfStore *
make_source (const char *path,
             gint64     *experiment)
{
  g_autoptr(GError) error = NULL;
  TfStore *store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_DEMO, &error);
  sqlite3 *db;
  g_autofree char *sql = NULL;
  gint64 board, note, note2;

  g_assert_no_error (error);
  db = tf_store_get_db (store);
  *experiment = tf_archive_find_demo (store);
  g_assert_cmpint (*experiment, >, 0);
  board = tf_test_sql_int (db, "SELECT min(id) FROM boards WHERE kind = 'insight-wall'");
  note = tf_test_sql_int (db, "SELECT min(id) FROM items WHERE kind = 'note'");
  note2 = tf_test_sql_int (db, "SELECT max(id) FROM items WHERE kind = 'note'");
  g_assert_cmpint (board, >, 0);
  g_assert_cmpint (note2, >, note);
  sql = g_strdup_printf (
    "INSERT INTO sessions (id, experiment_id, name) VALUES (500, %" G_GINT64_FORMAT ", 'Atelier');"
    "INSERT INTO session_steps (session_id, position, kind, board_id, item_id, title, notes, spent_seconds)"
    " VALUES (500, 0, 0, %" G_GINT64_FORMAT ", 0, 'Le mur', 'FACILITATOR-NOTE-7731', 240),"
    "        (500, 1, 1, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'Une carte', '', 60);"
    "INSERT INTO vote_rounds (id, board_id, session_id, title, colours, dots) VALUES (600, %" G_GINT64_FORMAT ", 500, 'Vote', 2, 3);"
    "INSERT INTO vote_counts (round_id, item_id, colour, count) VALUES (600, %" G_GINT64_FORMAT ", 0, 2),"
    " (600, %" G_GINT64_FORMAT ", 1, 1);"
    "INSERT INTO contributions (experiment_id, key, arrived_at, text, state, item_id)"
    " VALUES (%" G_GINT64_FORMAT ", 'abcdefghijklmnop', '2026-01-01T10:00:00Z', 'PHONE-TEXT-5521', 0, 0),"
    /* Accepted (the note it became), rejected: they travel as the archive
     * keeps them. */
    "        (%" G_GINT64_FORMAT ", 'acceptedacceptedac', '2026-01-01T10:01:00Z', 'PHONE-ACCEPTED-6632', 1, %" G_GINT64_FORMAT "),"
    "        (%" G_GINT64_FORMAT ", 'rejectedrejectedre', '2026-01-01T10:02:00Z', 'PHONE-REJECTED-7743', 2, 0);"
    /* One quote without consent, one with a date, for the anonymisation. */
    "UPDATE items SET text = 'UNCONSENTED-QUOTE-4410',"
    " payload = json_set (payload, '$.consent', 'to-check') WHERE id = %" G_GINT64_FORMAT ";"
    "UPDATE items SET payload = json_set (payload, '$.consent', 'given', '$.date', '1999-12-31')"
    " WHERE id = %" G_GINT64_FORMAT ";"
    "INSERT INTO tags (name) VALUES ('bundles');"
    "INSERT INTO experiment_tags (experiment_id, tag_id) VALUES (%" G_GINT64_FORMAT ", last_insert_rowid ());",
    *experiment, board, board, note2, board, note, note2, *experiment, *experiment, note2, *experiment,
    note, note2, *experiment);
  tf_test_sql_exec (db, sql);
  return store;
}

/* The file @name in the folder of @path. */
static char *
beside (const char *path,
        const char *name)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_build_filename (dir, name, NULL);
}

/* Every board of @experiment reads with nothing left out: every reference
 * (links' ends, pools' members, parents, photos' assets) is inside. */
static guint
count_readable (TfStore *store,
                gint64   experiment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) boards = tf_archive_list_boards (store, experiment, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);
      g_autoptr(TfScene) scene = tf_scene_new_for_board (store, tf_board_get_id (board), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (tf_scene_get_n_skipped (scene, TF_CONTENT_OK), ==, 0);
      n += tf_scene_get_n_items (scene);
    }
  return n;
}

static gint64
import_file (TfStore    *store,
             const char *file,
             gint64      replace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfBundle) bundle = tf_bundle_open (file, &error);
  g_autoptr(TfCommand) command = NULL;

  g_assert_no_error (error);
  command = tf_bundle_import_command (bundle, replace);
  g_assert_true (tf_command_execute (command, store, &error));
  g_assert_no_error (error);
  return tf_command_get_result_id (command);
}

static void
test_round_trip (void)
{
  g_autofree char *a_path = tf_test_archive_path ("bundle-a");
  g_autofree char *b_path = tf_test_archive_path ("bundle-b");
  g_autofree char *file = beside (a_path, "demo.transfo");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) a = NULL, b = NULL;
  g_autoptr(TfBundle) bundle = NULL;
  g_autofree char *before = NULL, *after = NULL;
  const TfBundleInfo *info;
  gint64 experiment, imported;
  guint n_items = 0, n_assets = 0;
  sqlite3 *plain = NULL;

  a = make_source (a_path, &experiment);
  g_assert_true (tf_bundle_export (a, experiment, 0, "Direction des lycées", FALSE, file, &n_items, &n_assets,
                                   NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items, ==, tf_test_sql_int (tf_store_get_db (a), "SELECT count(*) FROM items"));
  g_assert_cmpuint (n_assets, ==, 2);

  /* Plain sqlite3 reads it: the manifest says who, what and the hashes. */
  g_assert_cmpint (sqlite3_open_v2 (file, &plain, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (tf_test_sql_int (plain, "SELECT count(*) FROM manifest WHERE name LIKE 'asset:%'"), ==, 2);
  g_assert_cmpint (tf_test_sql_int (plain, "SELECT count(*) FROM experiments"), ==, 1);
  g_assert_cmpint (tf_test_sql_int (plain, "SELECT count(*) FROM manifest WHERE name = 'department'"
                                           " AND value = 'Direction des lycées'"), ==, 1);
  sqlite3_close (plain);

  bundle = tf_bundle_open (file, &error);
  g_assert_no_error (error);
  info = tf_bundle_get_info (bundle);
  g_assert_cmpstr (info->department, ==, "Direction des lycées");
  g_assert_cmpuint (info->n_boards, ==, tf_test_sql_int (tf_store_get_db (a), "SELECT count(*) FROM boards"));
  g_assert_cmpuint (info->n_photos, ==, 2);
  g_assert_cmpuint (info->n_sessions, ==, 1);
  g_assert_cmpuint (info->n_rounds, ==, 1);

  b = tf_store_open (b_path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  imported = import_file (b, file, 0);
  g_assert_cmpint (imported, >, 0);

  before = tf_test_describe_experiment (tf_store_get_db (a), experiment);
  after = tf_test_describe_experiment (tf_store_get_db (b), imported);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_readable (b, imported), ==, count_readable (a, experiment));
  /* A phone's accepted insight names its note in the new archive; the
   * waiting and the rejected ones came too (restorable there). */
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (b),
                                    "SELECT count(*) FROM contributions c JOIN items i ON i.id = c.item_id"
                                    " WHERE c.state = 1 AND c.text = 'PHONE-ACCEPTED-6632'"), ==, 1);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (b), "SELECT count(*) FROM contributions WHERE state IN (0, 2)"),
                   ==, 2);
  /* Every payload names items of the new archive: same texts behind. */
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (b),
                                    "SELECT count(*) FROM items i, json_each (i.payload, '$.cites') c"
                                    " WHERE c.value NOT IN (SELECT id FROM items)"), ==, 0);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (a),
                                    "SELECT count(*) FROM items WHERE json_type (payload, '$.cites') = 'array'"
                                    " AND json_array_length (payload, '$.cites') > 0"),
                   ==,
                   tf_test_sql_int (tf_store_get_db (b),
                                    "SELECT count(*) FROM items WHERE json_type (payload, '$.cites') = 'array'"
                                    " AND json_array_length (payload, '$.cites') > 0"));
  /* Where it came from. */
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (b),
                                    "SELECT count(*) FROM experiment_origins WHERE department = 'Direction des lycées'"),
                   ==, 1);

  /* Assets are shared by hash: a second copy adds no asset. */
  {
    gint64 assets = tf_test_sql_int (tf_store_get_db (b), "SELECT count(*) FROM assets");

    import_file (b, file, 0);
    g_assert_cmpint (tf_test_sql_int (tf_store_get_db (b), "SELECT count(*) FROM assets"), ==, assets);
  }

  tf_store_close (a);
  tf_store_close (b);
  tf_test_remove_archive (a_path);
  tf_test_remove_archive (b_path);
}

static gboolean
file_contains (const char *path,
               const void *needle,
               gsize       length)
{
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  return memmem (contents, size, needle, length) != NULL;
}

static void
test_anonymise (void)
{
  g_autofree char *a_path = tf_test_archive_path ("bundle-anon");
  g_autofree char *plain = beside (a_path, "plain.transfo");
  g_autofree char *anon = beside (a_path, "anon.transfo");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) a = NULL;
  g_autoptr(TfBundle) bundle = NULL;
  const void *photo;
  int photo_length;
  guint left_out = 0;
  gint64 experiment;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  a = make_source (a_path, &experiment);
  db = tf_store_get_db (a);
  /* The demo's photos (one picture, before and after) show people, and
   * nothing blurs them. */
  tf_test_sql_exec (db, "DELETE FROM items WHERE kind = 'mk-blur';"
                        "UPDATE items SET payload = json_set (payload, '$.people_visible', json ('true'))"
                        " WHERE kind = 'mk-photo'");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT data FROM assets WHERE id ="
                                           " (SELECT asset_id FROM items WHERE kind = 'mk-photo' ORDER BY id LIMIT 1)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  photo = sqlite3_column_blob (stmt, 0);
  photo_length = sqlite3_column_bytes (stmt, 0);
  g_assert_cmpint (photo_length, >, 1024);

  /* What each option would take out, as the share dialog counts it. */
  {
    TfBundleShareCounts counts;
    g_autofree char *boards = g_strdup_printf ("SELECT count(*) FROM boards WHERE experiment_id = %" G_GINT64_FORMAT,
                                               experiment);

    g_assert_true (tf_bundle_share_count (a, experiment, &counts, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (counts.n_boards, ==, tf_test_sql_int (db, boards));
    g_assert_cmpuint (counts.unconsented, >=, 1);
    g_assert_cmpuint (counts.dated, >=, 1);
    g_assert_cmpuint (counts.people_photos, ==, tf_test_sql_int (db, "SELECT count(*) FROM items WHERE kind = 'mk-photo'"));
    g_assert_cmpuint (counts.notes, ==, tf_test_sql_int (db, "SELECT count(*) FROM session_steps WHERE notes != ''"));
    g_assert_cmpuint (counts.notes, >=, 1);
  }

  g_assert_true (tf_bundle_export (a, experiment, 0, NULL, FALSE, plain, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* What the options drop is there without them (the search works). */
  g_assert_true (file_contains (plain, "UNCONSENTED-QUOTE-4410", 22));
  g_assert_true (file_contains (plain, "1999-12-31", 10));
  g_assert_true (file_contains (plain, "FACILITATOR-NOTE-7731", 21));
  g_assert_true (file_contains (plain, "PHONE-TEXT-5521", 15));
  g_assert_true (file_contains (plain, (const char *) photo + 512, 512));

  g_assert_true (tf_bundle_export (a, experiment,
                                   TF_BUNDLE_DROP_UNCONSENTED | TF_BUNDLE_DROP_DATES |
                                   TF_BUNDLE_DROP_PEOPLE_PHOTOS | TF_BUNDLE_DROP_NOTES,
                                   NULL, FALSE, anon, NULL, NULL, &left_out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (left_out, >=, 2);
  g_assert_false (file_contains (anon, "UNCONSENTED-QUOTE-4410", 22));
  g_assert_false (file_contains (anon, "1999-12-31", 10));
  g_assert_false (file_contains (anon, "FACILITATOR-NOTE-7731", 21));
  g_assert_false (file_contains (anon, "PHONE-TEXT-5521", 15));
  g_assert_false (file_contains (anon, (const char *) photo + 512, 512));
  sqlite3_finalize (stmt);

  /* What stays is whole and opens. */
  bundle = tf_bundle_open (anon, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tf_bundle_get_info (bundle)->n_photos, ==, 1);
  /* The preview says what was taken out. */
  g_assert_cmpuint (tf_bundle_get_info (bundle)->anonymised, ==, TF_BUNDLE_DROP_ALL);

  tf_store_close (a);
  tf_test_remove_archive (a_path);
}

static void
test_reimport (void)
{
  g_autofree char *a_path = tf_test_archive_path ("bundle-re-a");
  g_autofree char *b_path = tf_test_archive_path ("bundle-re-b");
  g_autofree char *file = beside (a_path, "re.transfo");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) a = NULL, b = NULL;
  g_autoptr(TfBundle) bundle = NULL;
  g_autoptr(GArray) copies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(TfCommand) update = NULL;
  gint64 experiment, first, second;
  sqlite3 *db;

  a = make_source (a_path, &experiment);
  g_assert_true (tf_bundle_export (a, experiment, 0, "DRH", FALSE, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  b = tf_store_open (b_path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  db = tf_store_get_db (b);
  first = import_file (b, file, 0);

  bundle = tf_bundle_open (file, &error);
  g_assert_no_error (error);
  g_assert_true (tf_bundle_find_copies (b, bundle, copies, &error));
  g_assert_cmpuint (copies->len, ==, 1);
  g_assert_cmpint (g_array_index (copies, gint64, 0), ==, first);

  /* Update: the earlier copy replaced, in one undoable step. */
  tf_test_sql_exec (db, "UPDATE experiments SET title = 'Changed here' WHERE id = (SELECT max(id) FROM experiments)");
  update = tf_bundle_import_command (bundle, first);
  g_assert_true (tf_command_execute (update, b, &error));
  g_assert_no_error (error);
  second = tf_command_get_result_id (update);
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM experiments"), ==, 1);
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM experiments WHERE title = 'Changed here'"), ==, 0);
  g_assert_true (tf_command_undo (update, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM experiments"), ==, 1);
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM experiments WHERE title = 'Changed here'"), ==, 1);
  g_assert_true (tf_command_redo (update, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM experiments"), ==, 1);
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM experiment_origins"), ==, 1);
  g_assert_cmpint (second, >, 0);

  /* As a copy: both kept, both known as copies. */
  import_file (b, file, 0);
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM experiments"), ==, 2);
  g_array_set_size (copies, 0);
  g_assert_true (tf_bundle_find_copies (b, bundle, copies, &error));
  g_assert_cmpuint (copies->len, ==, 2);

  tf_store_close (a);
  tf_store_close (b);
  tf_test_remove_archive (a_path);
  tf_test_remove_archive (b_path);
}

/* --- Hostile bundles --- */

typedef struct {
  const char *name;
  const char *sql;         /* run on a copy of a good bundle; NULL: see bytes */
  const char *bytes;       /* the whole file, when not from a good bundle */
  gsize       length;
  int         code;        /* the TfBundleError expected, -1: any */
  const char *reason;      /* a piece of the message */
} Hostile;

/* A literal's bytes and length, NULs inside included. */
#define BYTES(literal) literal, sizeof (literal) - 1

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, size);
}

/* SQLite's varint (big-endian groups of 7 bits, at most 5 bytes here). */
static gsize
put_varint (guint8  *out,
            guint64  value)
{
  guint8 groups[5];
  gsize n = 0;

  do
    groups[n++] = value & 0x7f, value >>= 7;
  while (value != 0 && n < 5);
  g_assert_cmpuint (value, ==, 0);
  for (gsize i = 0; i < n; i++)
    out[i] = groups[n - 1 - i] | (i + 1 < n ? 0x80 : 0);
  return n;
}

/* Rewrites, in the bytes of bundle @path, the record of its first asset
 * (made 1 MiB of zeros, its hashes right) so that its header declares a
 * blob of 2 GiB: the header grows by one byte (the data's serial type
 * takes 5 bytes instead of 4), the values before the data move by one,
 * and the record keeps its length, so that the pages stay well formed. */
static void
declare_2gb_blob (const char *path)
{
  g_autofree char *hash = NULL;
  g_autofree char *sql = NULL;
  g_autofree guint8 *zeros = g_malloc0 (1 << 20);
  g_autofree char *contents = NULL;
  guint8 header[32], big[32];
  gsize h = 0, hb = 0, size, values;
  sqlite3 *db = NULL;
  gint64 mime, name, created;
  guint8 *at;

  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, zeros, 1 << 20);
  sql = g_strdup_printf ("UPDATE manifest SET value = '%s'"
                         " WHERE name = 'asset:' || (SELECT min(id) FROM assets);"
                         "UPDATE assets SET data = zeroblob (1048576), sha256 = '%s'"
                         " WHERE id = (SELECT min(id) FROM assets);", hash, hash);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  tf_test_sql_exec (db, sql);
  mime = tf_test_sql_int (db, "SELECT length (CAST (mime_type AS BLOB)) FROM assets ORDER BY id LIMIT 1");
  name = tf_test_sql_int (db, "SELECT length (CAST (name AS BLOB)) FROM assets ORDER BY id LIMIT 1");
  created = tf_test_sql_int (db, "SELECT length (CAST (created_at AS BLOB)) FROM assets ORDER BY id LIMIT 1");
  sqlite3_close (db);

  /* id (the rowid: NULL), sha256, mime_type, name, data, created_at. */
  for (int pass = 0; pass < 2; pass++)
    {
      guint8 *out = pass == 0 ? header : big;
      gsize n = 1;

      out[n++] = 0;
      n += put_varint (out + n, 64 * 2 + 13);
      n += put_varint (out + n, (guint64) mime * 2 + 13);
      n += put_varint (out + n, (guint64) name * 2 + 13);
      n += put_varint (out + n, pass == 0 ? (1u << 20) * 2 + 12 : (G_GUINT64_CONSTANT (1) << 31) * 2 + 12);
      n += put_varint (out + n, (guint64) created * 2 + 13);
      g_assert_cmpuint (n, <, 128);
      out[0] = (guint8) n;
      *(pass == 0 ? &h : &hb) = n;
    }
  g_assert_cmpuint (hb, ==, h + 1);

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  at = memmem (contents, size, header, h);
  g_assert_nonnull (at);
  values = 64 + (gsize) mime + (gsize) name;
  /* The values before the data move by one byte over the data's first
   * (a zero); the new header takes their place. */
  memmove (at + hb, at + h, values);
  memcpy (at, big, hb);
  g_assert_true (g_file_set_contents (path, contents, (gssize) size, NULL));

  /* Plain SQLite reads the rest, and finds the record says more than it
   * holds. */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM assets"), >, 0);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT length (data) FROM assets ORDER BY id LIMIT 1", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_CORRUPT);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
test_hostile (void)
{
  g_autofree char *deep = NULL;
  g_autofree char *deep_sql = NULL;
  const Hostile hostile[] = {
    { "trigger", "CREATE TRIGGER evil AFTER INSERT ON tags BEGIN SELECT 1; END;", NULL, 0,
      TF_BUNDLE_ERROR_NOT_BUNDLE, "trigger" },
    { "view", "CREATE VIEW evil AS SELECT 1;", NULL, 0, TF_BUNDLE_ERROR_NOT_BUNDLE, "view" },
    { "table", "CREATE TABLE evil (x);", NULL, 0, TF_BUNDLE_ERROR_NOT_BUNDLE, "table" },
    { "column-type", "PRAGMA writable_schema = ON;"
      "UPDATE sqlite_schema SET sql = replace (sql, 'text        TEXT', 'text        BLOB') WHERE name = 'items';",
      NULL, 0, TF_BUNDLE_ERROR_NOT_BUNDLE, "items" },
    { "newer", "PRAGMA user_version = 99;", NULL, 0, TF_BUNDLE_ERROR_TOO_NEW, "newer" },
    { "foreign", "PRAGMA application_id = 1;", NULL, 0, TF_BUNDLE_ERROR_NOT_BUNDLE, "another application" },
    { "outside", "UPDATE items SET board_id = 99999 WHERE id = (SELECT min(id) FROM items);", NULL, 0,
      TF_BUNDLE_ERROR_INVALID, "outside" },
    { "outside-step", "UPDATE session_steps SET item_id = 99999;", NULL, 0, TF_BUNDLE_ERROR_INVALID, "outside" },
    { "outside-asset", "UPDATE items SET payload = json_set (payload, '$.asset', 77777)"
      " WHERE id = (SELECT min(id) FROM items WHERE kind = 'mk-photo');", NULL, 0, TF_BUNDLE_ERROR_INVALID, "outside" },
    { "hash", "UPDATE assets SET data = zeroblob (100) WHERE id = (SELECT min(id) FROM assets);", NULL, 0,
      TF_BUNDLE_ERROR_INVALID, "SHA-256" },
    { "wrong-storage", "UPDATE items SET text = x'00ff00' WHERE id = (SELECT min(id) FROM items);", NULL, 0,
      TF_BUNDLE_ERROR_INVALID, "column text" },
    { "nan", "UPDATE items SET x = 1e400 WHERE id = (SELECT min(id) FROM items);", NULL, 0,
      TF_BUNDLE_ERROR_INVALID, "column x" },
    { "two-experiments", "INSERT INTO experiments (uuid, title) VALUES ('x', 'Other');", NULL, 0,
      TF_BUNDLE_ERROR_INVALID, "exactly one" },
    { "manifest", "DELETE FROM manifest WHERE name = 'source_uuid';", NULL, 0, TF_BUNDLE_ERROR_INVALID, "manifest" },
    /* Whichever sees it first: quick_check or the archive's own CHECK. */
    { "check-constraint", "PRAGMA ignore_check_constraints = ON; UPDATE session_steps SET kind = 77;", NULL, 0,
      -1, NULL },
    { "deep-json", NULL, NULL, 0, TF_BUNDLE_ERROR_INVALID, "column payload" },
    { "quick-check", NULL, NULL, 0, TF_BUNDLE_ERROR_DAMAGED, NULL },
    /* An asset whose record says its data is 2 GiB long (the file is not:
     * see declare_2gb_blob()). */
    { "blob-2gb", NULL, NULL, 0, TF_BUNDLE_ERROR_DAMAGED, NULL },
    /* A file of 2 GiB (sparse: it takes no room) whose header says so. */
    { "file-2gb", NULL, NULL, 0, TF_BUNDLE_ERROR_NOT_BUNDLE, "too big" },
    { "zip", NULL, BYTES ("PK\x03\x04\x14\x00\x00\x00\x08\x00 fake zip archive content"), TF_BUNDLE_ERROR_NOT_BUNDLE, "ZIP" },
    { "empty", NULL, "", 0, TF_BUNDLE_ERROR_NOT_BUNDLE, "empty" },
    { "text", NULL, BYTES ("Hello, this is not a database at all, just text long enough to be read as a header"
                           " of one hundred bytes or more, honestly."), TF_BUNDLE_ERROR_NOT_BUNDLE,
      "not a Transfo bundle" },
  };
  g_autofree char *a_path = tf_test_archive_path ("bundle-hostile-a");
  g_autofree char *b_path = tf_test_archive_path ("bundle-hostile-b");
  g_autofree char *dir = g_path_get_dirname (a_path);
  g_autofree char *good = g_build_filename (dir, "good.transfo", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) a = NULL;
  g_autofree char *sum_before = NULL;
  gint64 experiment;

  deep = g_strnfill (100000, '[');
  deep_sql = g_strdup_printf ("UPDATE items SET payload = '%s' WHERE id = (SELECT min(id) FROM items);", deep);

  a = make_source (a_path, &experiment);
  g_assert_true (tf_bundle_export (a, experiment, 0, "Test", FALSE, good, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  tf_store_close (a);

  /* The archive that the refused bundles must leave as it was. */
  {
    g_autoptr(TfStore) b = tf_store_open (b_path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_DEMO, &error);

    g_assert_no_error (error);
    tf_store_close (b);
  }
  sum_before = checksum_file (b_path);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      const Hostile *h = &hostile[i];
      g_autofree char *path = g_strdup_printf ("%s/hostile-%s.transfo", dir, h->name);
      g_autofree char *contents = NULL;
      g_autofree char *sum_after = NULL;
      g_autoptr(TfBundle) bundle = NULL;
      g_autoptr(TfStore) b = NULL;
      gint64 root = 0;
      gsize size;

      if (h->bytes != NULL)
        g_assert_true (g_file_set_contents (path, h->bytes, (gssize) h->length, NULL));
      else
        {
          sqlite3 *db = NULL;

          g_assert_true (g_file_get_contents (good, &contents, &size, NULL));
          g_assert_true (g_file_set_contents (path, contents, (gssize) size, NULL));
          g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
          if (g_str_equal (h->name, "deep-json"))
            tf_test_sql_exec (db, deep_sql);
          else if (g_str_equal (h->name, "quick-check"))
            root = tf_test_sql_int (db, "SELECT rootpage FROM sqlite_schema WHERE name = 'items'");
          else if (h->sql != NULL)
            tf_test_sql_exec (db, h->sql);
          sqlite3_close (db);
          if (g_str_equal (h->name, "blob-2gb"))
            declare_2gb_blob (path);
          if (g_str_equal (h->name, "file-2gb"))
            {
              /* The page count (bytes 28 to 31) of 2 GiB of 4-KiB pages. */
              const guint32 pages = (guint32) ((G_GUINT64_CONSTANT (1) << 31) / 4096);
              guint8 count[4] = { pages >> 24, pages >> 16 & 0xff, pages >> 8 & 0xff, pages & 0xff };
              int fd = g_open (path, O_RDWR, 0);

              g_assert_cmpint (fd, >=, 0);
              g_assert_cmpint (pwrite (fd, count, 4, 28), ==, 4);
              g_assert_cmpint (ftruncate (fd, (off_t) pages * 4096), ==, 0);
              g_close (fd, NULL);
            }
          if (g_str_equal (h->name, "quick-check"))
            {
              /* The items table's first page is no b-tree page. */
              g_autofree char *bytes = NULL;
              gsize page_size;

              g_assert_true (g_file_get_contents (path, &bytes, &size, NULL));
              page_size = (guint8) bytes[16] << 8 | (guint8) bytes[17];
              g_assert_cmpint (root, >, 1);
              g_assert_cmpuint (size, >=, (gsize) root * page_size);
              bytes[(root - 1) * page_size] = 0x42;
              g_assert_true (g_file_set_contents (path, bytes, (gssize) size, NULL));
            }
        }

      g_test_message ("hostile bundle: %s", h->name);
      b = tf_store_open (b_path, TF_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      bundle = tf_bundle_open (path, &error);
      if (bundle != NULL)
        {
          /* Refused when it is imported (the archive's constraints). */
          g_autoptr(TfCommand) command = tf_bundle_import_command (bundle, 0);

          g_assert_false (tf_command_execute (command, b, &error));
        }
      if (h->code >= 0)
        g_assert_error (error, TF_BUNDLE_ERROR, h->code);
      else
        g_assert_true (error != NULL && error->domain == TF_BUNDLE_ERROR);
      g_test_message ("refused: %s", error->message);
      if (h->reason != NULL && strstr (error->message, h->reason) == NULL)
        g_error ("%s: “%s” does not say “%s”", h->name, error->message, h->reason);
      g_clear_error (&error);
      tf_store_close (b);
      sum_after = checksum_file (b_path);
      g_assert_cmpstr (sum_after, ==, sum_before);
      g_unlink (path);
    }

  tf_test_remove_archive (a_path);
  tf_test_remove_archive (b_path);
}

/* The whole archive while another connection writes to it. */
static void
test_backup (void)
{
  g_autofree char *a_path = tf_test_archive_path ("bundle-backup");
  g_autofree char *copy = beside (a_path, "backup.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) a = NULL, back = NULL;
  gint64 experiment;

  a = make_source (a_path, &experiment);
  tf_store_backup (a, copy, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (tf_test_exists_beside (copy, "-wal"));
  /* Never over the archive itself. */
  g_assert_false (tf_store_backup (a, a_path, TRUE, &error));
  g_assert_error (error, TF_ATOMIC_FILE_ERROR, TF_ATOMIC_FILE_ERROR_ARCHIVE);
  g_clear_error (&error);
  /* Another database only when forced. */
  g_assert_false (tf_store_backup (a, copy, FALSE, &error));
  g_assert_error (error, TF_ATOMIC_FILE_ERROR, TF_ATOMIC_FILE_ERROR_DATABASE);
  g_clear_error (&error);

  back = tf_store_open (copy, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (tf_store_needs_check (back));
  {
    g_autofree char *original = tf_test_describe_experiment (tf_store_get_db (a), experiment);
    g_autofree char *copied = tf_test_describe_experiment (tf_store_get_db (back), experiment);

    g_assert_cmpstr (original, ==, copied);
  }
  tf_store_close (back);
  tf_store_close (a);
  g_unlink (copy);
  tf_test_remove_archive (a_path);
}

typedef struct {
  GCancellable *cancellable;
  double        last;
  guint         calls;
  guint         cancel_at;  /* cancel at this call, 0: never */
} BackupWatch;

static void
backup_progress (double   fraction,
                 gpointer user_data)
{
  BackupWatch *watch = user_data;

  g_assert_cmpfloat (fraction, >=, watch->last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  watch->last = fraction;
  if (++watch->calls == watch->cancel_at)
    g_cancellable_cancel (watch->cancellable);
}

/* How many files folder @dir holds. */
static guint
count_files (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (folder != NULL && g_dir_read_name (folder) != NULL)
    n++;
  return n;
}

/* A backup of a big archive (some 12 MB: several steps) reports its
 * progress as a growing fraction, and a cancel between two steps, or
 * before it begins, leaves no file, not even a temporary one. */
static void
test_backup_cancel (void)
{
  g_autofree char *a_path = tf_test_archive_path ("bundle-backup-cancel");
  g_autofree char *dir = g_path_get_dirname (a_path);
  g_autofree char *copy = beside (a_path, "backup.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) a = NULL, back = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  BackupWatch watch = { cancellable, 0, 0, 0 };
  gint64 experiment;
  guint files;

  a = make_source (a_path, &experiment);
  tf_test_sql_exec (tf_store_get_db (a),
                    "INSERT INTO assets (sha256, mime_type, name, data) VALUES"
                    " ('0000000000000000000000000000000000000000000000000000000000000000',"
                    "  'application/octet-stream', 'big', randomblob (12000000))");
  files = count_files (dir);

  /* Cancelled before it begins. */
  g_cancellable_cancel (cancellable);
  g_assert_false (tf_store_backup_full (a, copy, FALSE, cancellable, backup_progress, &watch, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (watch.calls, ==, 0);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* Cancelled after its first step. */
  g_cancellable_reset (cancellable);
  watch.cancel_at = 1;
  g_assert_false (tf_store_backup_full (a, copy, FALSE, cancellable, backup_progress, &watch, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (watch.calls, ==, 1);
  g_assert_cmpfloat (watch.last, >, 0.0);
  g_assert_cmpfloat (watch.last, <, 0.9);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, files);

  /* To the end: steps, then the file. */
  g_cancellable_reset (cancellable);
  watch = (BackupWatch) { cancellable, 0, 0, 0 };
  g_assert_true (tf_store_backup_full (a, copy, FALSE, cancellable, backup_progress, &watch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (watch.calls, >, 3);
  g_assert_cmpfloat (watch.last, ==, 1.0);
  back = tf_store_open (copy, TF_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (back), "SELECT length (data) FROM assets WHERE name = 'big'"),
                   ==, 12000000);
  tf_store_close (back);
  tf_store_close (a);
  g_unlink (copy);
  tf_test_remove_archive (a_path);
}

/* An export reports a growing fraction, and a cancel at any of its steps
 * (before it begins, between tables, between assets, before the write)
 * leaves no file, not even a temporary one. */
static void
test_export_cancel (void)
{
  g_autofree char *a_path = tf_test_archive_path ("bundle-export-cancel");
  g_autofree char *dir = g_path_get_dirname (a_path);
  g_autofree char *file = beside (a_path, "cancelled.transfo");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) a = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  BackupWatch watch = { cancellable, 0, 0, 0 };
  gint64 experiment;
  guint files, steps;

  a = make_source (a_path, &experiment);
  files = count_files (dir);

  /* To the end: the steps, then the file. */
  g_assert_true (tf_bundle_export_full (a, experiment, 0, "Test", FALSE, file, cancellable,
                                        backup_progress, &watch, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (watch.last, ==, 1.0);
  g_assert_cmpuint (watch.calls, >, 5);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  g_unlink (file);
  steps = watch.calls;

  /* Cancelled before it begins. */
  g_cancellable_cancel (cancellable);
  watch = (BackupWatch) { cancellable, 0, 0, 0 };
  g_assert_false (tf_bundle_export_full (a, experiment, 0, "Test", FALSE, file, cancellable,
                                         backup_progress, &watch, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  /* Cancelled at each step but the last (the file is written). */
  for (guint at = 1; at < steps; at++)
    {
      g_cancellable_reset (cancellable);
      watch = (BackupWatch) { cancellable, 0, 0, at };
      g_assert_false (tf_bundle_export_full (a, experiment, 0, "Test", FALSE, file, cancellable,
                                             backup_progress, &watch, NULL, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_cmpuint (watch.calls, ==, at);
      g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_files (dir), ==, files);
    }
  tf_store_close (a);
  tf_test_remove_archive (a_path);
}

/* An archive of format 8 (the demo, written by the program of 89f976d:
 * tests/data/archive-format-8.sqlite) migrates to the current format, keeps all of
 * it, and takes an imported experiment's origin. */
static void
test_format_8_archive (void)
{
  g_autofree char *path = tf_test_archive_path ("format-8");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "archive-format-8.sqlite", NULL),
                                      &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));
  g_assert_no_error (error);
  store = tf_store_open (path, TF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tf_store_get_schema_version (store), ==, TF_SCHEMA_VERSION);
  g_assert_cmpint (tf_archive_find_demo (store), >, 0);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (store), "SELECT count(*) FROM items"), ==, 121);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (store), "SELECT count(*) FROM experiment_origins"), ==, 0);
  tf_store_close (store);
  tf_test_remove_archive (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/bundle/round-trip", test_round_trip);
  g_test_add_func ("/bundle/anonymise", test_anonymise);
  g_test_add_func ("/bundle/reimport", test_reimport);
  g_test_add_func ("/bundle/hostile", test_hostile);
  g_test_add_func ("/bundle/backup-cancel", test_backup_cancel);
  g_test_add_func ("/bundle/export-cancel", test_export_cancel);
  g_test_add_func ("/bundle/backup", test_backup);
  g_test_add_func ("/bundle/format-8-archive", test_format_8_archive);
  return g_test_run ();
}
