/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "core/tf-board-type.h"
#include "core/tf-archive.h"
#include "core/tf-demo.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-store-private.h"
#include "canvas/tf-item-kinds.h"
#include "exports/tf-export.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* Board types: the registry, the "add board" command, the demo the types
 * write, and an archive written before board types existed.
 *
 * tests/data/archive-before-issue-9.sqlite was written by `main` at commit
 * 71684a8, before this change (format 3), with its own code only:
 *   transfo --archive A new "Guichet unique" --place Rennes --phase prototypage
 *     (a new archive: the demo experiment 1, with its insight wall of nine
 *     quotes and its actor map of 20 stamps, 23 links, 3 pools, a legend;
 *     then experiment 2)
 *   transfo --archive A import-insights 2 q.csv --board "Mur du guichet"
 *     (q.csv: two quotes in two clusters; a new wall with 2 zones, 2 notes)
 *   and a small C program linked with that commit's libtransfo.a running
 *   tf_command_add_board (2, TF_BOARD_BLUEPRINT, NULL) and
 *   tf_command_add_board (2, TF_BOARD_MOCKUP, "Maquette du guichet").
 * Its boards: 1 insight-wall, 2 actor-map (experiment 1); 3 insight-wall,
 * 4 blueprint, 5 mockup (experiment 2). */

static void
test_registry (void)
{
  GPtrArray *types = tf_board_type_list ();
  static const char * const order[] = { "insight-wall", "actor-map", "blueprint", "mockup" };
  static const struct { const char *name; const char *id; } names[] = {
    { "insight-wall", "insight-wall" },
    { "mur", "insight-wall" },
    { "MUR", "insight-wall" },
    { "Insight wall", "insight-wall" },
    { "insight_wáll", "insight-wall" },
    { "carte", "actor-map" },
    { "Actor Map", "actor-map" },
    { "ACTOR-MÀP", "actor-map" },
    { "plan", "blueprint" },
    { "Plân", "blueprint" },
    { "Blueprint", "blueprint" },
    { "montage", "mockup" },
    { "Montagé", "mockup" },
    { "mockup", "mockup" },
  };

  /* One registration per wing, in the order of wings/tf-wings.c; a second
   * init registers nothing twice. */
  tf_wings_init ();
  g_assert_cmpuint (types->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const TfBoardType *type = g_ptr_array_index (types, i);

      g_assert_cmpstr (type->id, ==, order[i]);
      g_assert_true (type->creatable);
      g_assert_nonnull (type->icon_name);
      g_assert_nonnull (type->empty_hint);
      g_assert_true (type->export_kinds & (1u << TF_EXPORT_BOARD));
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const TfBoardType *type = tf_board_type_lookup (names[i].name);

      g_assert_nonnull (type);
      g_assert_cmpstr (type->id, ==, names[i].id);
    }
  g_assert_null (tf_board_type_lookup ("hologram"));
  g_assert_null (tf_board_type_lookup (""));
  g_assert_null (tf_board_type_lookup (NULL));

  /* Cards print the wall's quotes only; the wall and the map say so. */
  g_assert_true (tf_board_type_lookup ("mur")->export_kinds & (1u << TF_EXPORT_CARDS));
  g_assert_false (tf_board_type_lookup ("carte")->export_kinds & (1u << TF_EXPORT_CARDS));
  g_assert_nonnull (tf_board_type_lookup ("mur")->report_section);
  g_assert_nonnull (tf_board_type_lookup ("carte")->export_legend);
}

static void
test_exporters (void)
{
  g_autoptr(TfBoard) wall = tf_board_new (1, 1, "insight-wall", "Mur", 0, 0);
  g_autoptr(TfBoard) map = tf_board_new (2, 1, "actor-map", "Carte", 1, 0);
  g_autoptr(TfBoard) future = tf_board_new (3, 1, "hologram", "Demain", 2, 0);

  for (TfExportKind k = 0; k < TF_N_EXPORT_KINDS; k++)
    {
      const TfExporter *exporter = tf_exporter_get (k);

      g_assert_cmpint (exporter->kind, ==, k);
      g_assert_true (tf_exporter_lookup (exporter->id) == exporter);
      g_assert_nonnull (exporter->run);
    }
  g_assert_null (tf_exporter_lookup ("hologram"));
  g_assert_true (tf_exporter_lookup ("PNG") == tf_exporter_get (TF_EXPORT_PNG));

  g_assert_true (tf_exporter_applies_to (tf_exporter_get (TF_EXPORT_CARDS), wall));
  g_assert_false (tf_exporter_applies_to (tf_exporter_get (TF_EXPORT_CARDS), map));
  /* A kind this version does not know prints as a plain board. */
  g_assert_false (tf_exporter_applies_to (tf_exporter_get (TF_EXPORT_CARDS), future));
  g_assert_true (tf_exporter_applies_to (tf_exporter_get (TF_EXPORT_BOARD), future));
  g_assert_true (tf_exporter_applies_to (tf_exporter_get (TF_EXPORT_SVG), future));
  g_assert_true (tf_exporter_applies_to (tf_exporter_get (TF_EXPORT_REPORT), future));
}

static gint64
new_experiment (TfStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Guichet");
  g_autoptr(TfCommand) create = tf_command_create_experiment (draft);

  g_assert_true (tf_command_execute (create, store, &error));
  g_assert_no_error (error);
  return tf_command_get_result_id (create);
}

static void
test_add_board (void)
{
  g_autofree char *path = tf_test_archive_path ("board-types-add");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_autoptr(TfCommand) unknown = NULL;
  g_autoptr(TfCommand) alias = NULL;
  g_autoptr(TfBoard) board = NULL;
  gint64 experiment;

  g_assert_no_error (error);
  g_assert_false (tf_store_wants_demo (store));
  experiment = new_experiment (store);

  /* An id no type answers to is refused, with its name, and writes nothing. */
  unknown = tf_command_add_board (experiment, "hologram", NULL);
  g_assert_false (tf_command_execute (unknown, store, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "hologram"));
  g_clear_error (&error);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (store), "SELECT count(*) FROM boards"), ==, 0);

  /* An alias names the type; the archive keeps its id and its label. */
  alias = tf_command_add_board (experiment, "Plân", NULL);
  g_assert_true (tf_command_execute (alias, store, &error));
  g_assert_no_error (error);
  board = tf_archive_get_board (store, tf_command_get_result_id (alias), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tf_board_get_kind_id (board), ==, "blueprint");
  g_assert_cmpstr (tf_board_get_name (board), ==, "Blueprint");

  tf_store_close (store);
  tf_test_remove_archive (path);
}

/* The demo: the core makes the experiment, each type its board. */
static void
test_demo (void)
{
  g_autofree char *path = tf_test_archive_path ("board-types-demo");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_store_open (path, TF_STORE_OPEN_CREATE, &error);
  g_autoptr(GListStore) boards = NULL;
  g_autoptr(TfBoard) wall = NULL;
  g_autoptr(TfBoard) map = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *members = NULL;
  gint64 demo = 0;
  sqlite3 *db;

  g_assert_no_error (error);
  /* The store no longer makes it: it says a new archive wants it. */
  g_assert_true (tf_store_wants_demo (store));
  g_assert_cmpint (tf_archive_find_demo (store), ==, 0);
  g_assert_true (tf_demo_ensure (store, &demo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (demo, >, 0);
  g_assert_cmpint (tf_archive_find_demo (store), ==, demo);

  boards = tf_archive_list_boards (store, demo, &error);
  g_assert_no_error (error);
  /* The wall, the map, the Kit du mandat's blueprint and its cover's mockup. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (boards)), ==, 4);
  wall = g_list_model_get_item (G_LIST_MODEL (boards), 0);
  map = g_list_model_get_item (G_LIST_MODEL (boards), 1);
  g_assert_cmpstr (tf_board_get_kind_id (wall), ==, "insight-wall");
  g_assert_cmpuint (tf_board_get_item_count (wall), ==, 9);
  g_assert_cmpint (tf_board_get_position (wall), ==, 0);
  g_assert_cmpstr (tf_board_get_kind_id (map), ==, "actor-map");
  g_assert_cmpuint (tf_board_get_item_count (map), ==, 47);
  g_assert_cmpint (tf_board_get_position (map), ==, 1);

  /* The JSON the builders write is what the printf wrote before. */
  db = tf_store_get_db (store);
  payload = tf_test_sql_text (db, "SELECT payload || style FROM items WHERE kind = 'note' ORDER BY id LIMIT 1");
  g_assert_cmpstr (payload, ==, "{\"source\":\"collaborateur\",\"cluster\":\"Co-laboratoire\"}{\"color\":\"yellow\"}");
  members = tf_test_sql_text (db, "SELECT style || (SELECT count(*) FROM json_each (payload, '$.members'))"
                                  " FROM items WHERE kind = 'pool' ORDER BY id LIMIT 1");
  g_assert_cmpstr (members, ==, "{\"color\":\"#4a7bd0\"}4");

  /* Ensuring again adds nothing. */
  g_assert_true (tf_demo_ensure (store, NULL, &error));
  g_assert_cmpint (tf_test_sql_int (db, "SELECT count(*) FROM experiments"), ==, 1);
  tf_store_close (store);
  g_clear_object (&store);

  /* Opened again, the archive is not new: it wants nothing. */
  store = tf_store_open (path, TF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_false (tf_store_wants_demo (store));
  tf_store_close (store);
  tf_test_remove_archive (path);
}

/* Pixels of a PNG that are not the colour of its first pixel (the board's
 * background). */
static guint
count_inked (const char *png)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);
  int width, height, stride;
  const guint8 *data;
  guint32 background;
  guint inked = 0;

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  data = cairo_image_surface_get_data (image);
  background = *(const guint32 *) data;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);

        if (pixel != background)
          inked++;
      }
  cairo_surface_destroy (image);
  return inked;
}

static void
export_ok (TfExportSource *source,
           TfExportKind    kind,
           guint           board,
           const char     *path)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  TfExportJob job = { kind, source, &options, path, NULL, NULL, NULL, 0 };

  tf_export_options_init (&options);
  options.board = board;
  options.dpi = 20;
  g_assert_true (tf_export_job_run (&job, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (job.n_pages, >=, 1);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_archive_before (void)
{
  static const struct { const char *kind; const char *label; guint items; } expected[] = {
    { "insight-wall", "Insight wall", 9 },
    { "actor-map", "Actor map", 47 },
    { "insight-wall", "Insight wall", 4 },
    { "blueprint", "Blueprint", 0 },
    { "mockup", "Mockup", 0 },
  };
  g_autofree char *original = g_test_build_filename (G_TEST_DIST, "data", "archive-before-issue-9.sqlite", NULL);
  g_autofree char *path = tf_test_archive_path ("board-types-before");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  gsize length;
  guint seen = 0;

  g_assert_true (g_file_get_contents (original, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));
  g_assert_no_error (error);

  /* A board of a kind this version does not know, as a newer Transfo
   * would write it. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    tf_test_sql_exec (db, "INSERT INTO boards (experiment_id, kind, name, position)"
                          " VALUES (2, 'hologram', 'Salle de demain', 3)");
    tf_test_sql_exec (db, "INSERT INTO items (board_id, kind, x, y, width, height, z, style, text, payload)"
                          " VALUES (last_insert_rowid (), 'note', 0, 0, 200, 200, 1, '{}', 'Une idée', '{}')");
    sqlite3_close (db);
  }

  store = tf_store_open (path, TF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (tf_store_wants_demo (store));

  for (gint64 experiment = 1; experiment <= 2; experiment++)
    {
      g_autoptr(GListStore) boards = tf_archive_list_boards (store, experiment, &error);
      g_autoptr(TfExportSource) source = tf_export_source_new_from_store (store, experiment, &error);
      g_autofree char *report = g_strdup_printf ("%s/report-%" G_GINT64_FORMAT ".pdf", dir, experiment);

      g_assert_no_error (error);
      g_assert_cmpuint (tf_export_source_get_n_boards (source), ==, g_list_model_get_n_items (G_LIST_MODEL (boards)));
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
        {
          g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);
          const TfBoardType *type = tf_board_type_lookup (tf_board_get_kind_id (board));
          g_autofree char *pdf = g_strdup_printf ("%s/board-%u.pdf", dir, seen);
          g_autofree char *png = g_strdup_printf ("%s/board-%u.png", dir, seen);

          if (seen < G_N_ELEMENTS (expected))
            {
              g_assert_cmpstr (tf_board_get_kind_id (board), ==, expected[seen].kind);
              g_assert_nonnull (type);
              g_assert_cmpstr (tf_board_type_get_label (type), ==, expected[seen].label);
              g_assert_cmpuint (tf_board_get_item_count (board), ==, expected[seen].items);
            }
          else
            {
              /* Listed, kept as it is, printed as a plain board. */
              g_assert_cmpstr (tf_board_get_kind_id (board), ==, "hologram");
              g_assert_null (type);
              g_assert_cmpuint (tf_board_get_item_count (board), ==, 1);
              g_assert_false (tf_exporter_applies_to (tf_exporter_get (TF_EXPORT_CARDS), board));
            }
          export_ok (source, TF_EXPORT_BOARD, i, pdf);
          export_ok (source, TF_EXPORT_PNG, i, png);
          /* What is on the board is drawn; an empty board draws nothing. */
          if (tf_board_get_item_count (board) > 0)
            g_assert_cmpuint (count_inked (png), >, 0);
          else
            g_assert_cmpuint (count_inked (png), ==, 0);
          if (type != NULL && (type->export_kinds & (1u << TF_EXPORT_CARDS)))
            {
              g_autofree char *cards = g_strdup_printf ("%s/cards-%u.pdf", dir, seen);

              export_ok (source, TF_EXPORT_CARDS, i, cards);
            }
          seen++;
        }
      export_ok (source, TF_EXPORT_REPORT, 0, report);
    }
  g_assert_cmpuint (seen, ==, G_N_ELEMENTS (expected) + 1);

  tf_store_close (store);
  tf_test_remove_tree (dir);
}

/* A board's summary counts each kind in its own words (issue 17, point
 * 14): clusters are not insights, a legend is not counted, a kind without
 * words counts as items; English and French plurals. */
static void
test_count_line (void)
{
  TfTestBoard wall = { 0 };
  TfTestBoard map = { 0 };
  g_autoptr(TfBoard) board = NULL;
  g_autofree char *line = NULL;
  const guint *counts = NULL;
  guint n_kinds = 0;
  const char * const *kinds;
  const char *unknown[] = { "note", "a-kind-from-a-newer-transfo" };
  const guint unknown_counts[] = { 1, 3 };
  g_autoptr(GError) error = NULL;

  tf_test_board_set_up (&wall, "count-line", "Counts", "insight-wall");
  for (guint i = 0; i < 21; i++)
    {
      TfNewItem note = { "note", TF_RECT_INIT (1000 + 250.0 * i, 0, 200, 200), "Une citation", NULL, NULL, 0 };

      tf_test_board_add (&wall, &note);
    }
  for (guint i = 0; i < 2; i++)
    {
      TfNewItem zone = { "zone", TF_RECT_INIT (0, 600.0 * i, 500, 500), "Groupe", NULL, NULL, 0 };

      tf_test_board_add (&wall, &zone);
    }
  board = tf_archive_get_board (wall.store, wall.board, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tf_board_get_item_count (board), ==, 23);
  kinds = tf_board_get_kind_counts (board, &counts, &n_kinds);
  g_assert_cmpuint (n_kinds, ==, 2);
  g_assert_cmpstr (kinds[0], ==, "note");
  g_assert_cmpuint (counts[0], ==, 21);
  g_assert_cmpstr (kinds[1], ==, "zone");
  g_assert_cmpuint (counts[1], ==, 2);
  g_assert_null (kinds[2]);
  line = tf_item_kinds_count_line (kinds, counts, n_kinds);
  g_assert_cmpstr (line, ==, "21\u00a0insights · 2\u00a0clusters");
  g_clear_pointer (&line, g_free);

  /* A kind this version does not know: items. One insight. */
  line = tf_item_kinds_count_line (unknown, unknown_counts, 2);
  g_assert_cmpstr (line, ==, "1\u00a0insight · 3\u00a0other\u00a0items");
  g_clear_pointer (&line, g_free);

  /* An actor map: actors and links, its legend left out. */
  tf_test_board_set_up (&map, "count-line-map", "Counts", "actor-map");
  {
    TfNewItem legend = { "legend", TF_RECT_INIT (0, 0, 300, 200), NULL, NULL, NULL, 0 };
    TfNewItem stamp = { "stamp", TF_RECT_INIT (400, 0, 100, 100), "Proviseur", NULL, "{\"stamp\":\"elu\"}", 0 };

    tf_test_board_add (&map, &legend);
    tf_test_board_add (&map, &stamp);
  }
  g_clear_object (&board);
  board = tf_archive_get_board (map.store, map.board, &error);
  g_assert_no_error (error);
  kinds = tf_board_get_kind_counts (board, &counts, &n_kinds);
  line = tf_item_kinds_count_line (kinds, counts, n_kinds);
  g_assert_cmpstr (line, ==, "1\u00a0actor");
  g_clear_pointer (&line, g_free);

  /* What the board says first, two kinds named at most. */
  line = tf_item_kinds_count_line ((const char *[]) { "link", "stamp", "pool", "label" },
                                   (const guint[]) { 23, 20, 3, 2 }, 4);
  g_assert_cmpstr (line, ==, "20\u00a0actors · 23\u00a0links · 5\u00a0other\u00a0items");
  g_clear_pointer (&line, g_free);

  /* Nothing but a legend: empty. */
  line = tf_item_kinds_count_line ((const char *[]) { "legend" }, (const guint[]) { 1 }, 1);
  g_assert_cmpstr (line, ==, "Empty");

  tf_test_board_tear_down (&map);
  tf_test_board_tear_down (&wall);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/board-types/registry", test_registry);
  g_test_add_func ("/board-types/exporters", test_exporters);
  g_test_add_func ("/board-types/add-board", test_add_board);
  g_test_add_func ("/board-types/demo", test_demo);
  g_test_add_func ("/board-types/archive-before", test_archive_before);
  g_test_add_func ("/board-types/count-line", test_count_line);
  return g_test_run ();
}
