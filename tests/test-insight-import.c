/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tf-archive.h"
#include "tf-experiment-commands.h"
#include "tf-history.h"
#include "tf-store-private.h"
#include "insights/tf-insight-commands.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* Importing insights onto a wall and reading them back: one undoable
 * transaction, a layout without overlaps, a search index in step. */

typedef struct {
  char      *dir;
  TfStore   *store;
  TfHistory *history;
  gint64     experiment_id;
  gint64     wall_id;
} Fixture;

static gint64
run (Fixture   *f,
     TfCommand *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfCommand) owned = command;

  if (!tf_history_execute (f->history, command, &error))
    g_error ("%s: %s", tf_command_get_label (command), error->message);
  return tf_command_get_result_id (command);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Résidence");
  g_autofree char *path = NULL;

  f->dir = tf_test_make_dir ("test-insight-import");
  path = g_build_filename (f->dir, "archive.sqlite", NULL);
  f->store = tf_store_open (path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  f->history = tf_history_new (f->store);
  f->experiment_id = run (f, tf_command_create_experiment (draft));
  f->wall_id = run (f, tf_command_add_board (f->experiment_id, "insight-wall", "Mur"));
}

static sqlite3 *
db (Fixture *f)
{
  return tf_store_get_db (f->store);
}

static gint64
sql_int (Fixture    *f,
         const char *sql,
         gint64      arg)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db (f), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db (f)));
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, arg);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
sql_text (Fixture    *f,
          const char *sql,
          gint64      arg)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db (f), sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db (f)));
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, arg);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
sql_exec (Fixture    *f,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db (f), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static guint
fts_count (Fixture    *f,
           const char *query)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM items_fts WHERE items_fts MATCH '%s'", query);

  return (guint) sql_int (f, sql, 0);
}

/* The external-content index must match the items table exactly. */
static void
assert_fts_consistent (Fixture *f)
{
  sql_exec (f, "INSERT INTO items_fts (items_fts) VALUES ('integrity-check')");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'items_fts_%'", 0),
                   ==, 3);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  assert_fts_consistent (f);
  g_assert_true (tf_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (f->history);
  g_assert_finalize_object (f->store);
  tf_test_remove_tree (f->dir);
  g_free (f->dir);
}

static TfInsightRow *
make_row (const char *quote,
          const char *cluster,
          const char *color)
{
  TfInsightRow *row = tf_insight_row_new ();

  g_free (row->quote);
  row->quote = g_strdup (quote);
  g_free (row->cluster);
  row->cluster = g_strdup (cluster ? cluster : "");
  g_free (row->color);
  row->color = g_strdup (color ? color : "");
  return row;
}

static GPtrArray *
new_rows (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) tf_insight_row_free);
}

typedef struct {
  gint64  id;
  char   *kind;
  double  x, y, width, height;
  gint64  z;
  gint64  parent_id;
  char   *text;
} Item;

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->kind);
  g_free (item->text);
}

static GArray *
load_items (Fixture *f,
            gint64   board_id)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (Item));
  sqlite3_stmt *stmt = NULL;

  g_array_set_clear_func (items, item_clear);
  g_assert_cmpint (sqlite3_prepare_v2 (db (f),
                                       "SELECT id, kind, x, y, width, height, z, coalesce (parent_id, 0), text"
                                       " FROM items WHERE board_id = ? ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, board_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Item item = {
        sqlite3_column_int64 (stmt, 0), g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        sqlite3_column_double (stmt, 2), sqlite3_column_double (stmt, 3),
        sqlite3_column_double (stmt, 4), sqlite3_column_double (stmt, 5),
        sqlite3_column_int64 (stmt, 6), sqlite3_column_int64 (stmt, 7),
        g_strdup ((const char *) sqlite3_column_text (stmt, 8)),
      };
      g_array_append_val (items, item);
    }
  sqlite3_finalize (stmt);
  return items;
}


static gboolean
overlap (const Item *a,
         const Item *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static gboolean
inside (const Item *inner,
        const Item *outer)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

static int
compare_tops (gconstpointer a,
              gconstpointer b)
{
  const Item *x = *(Item * const *) a, *y = *(Item * const *) b;

  return x->y < y->y ? -1 : x->y > y->y;
}

/* No two notes touch, no two zones touch, every note lies inside its zone
 * and no note lies on a zone that is not its own, zones are under notes. */
static void
assert_layout (Fixture *f,
               gint64   board_id)
{
  g_autoptr(GArray) items = load_items (f, board_id);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) by_top = g_ptr_array_new ();
  gint64 max_zone_z = G_MININT64, min_note_z = G_MAXINT64;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      g_hash_table_insert (by_id, &item->id, item);

      if (g_str_equal (item->kind, "note"))
        min_note_z = MIN (min_note_z, item->z);
      else if (g_str_equal (item->kind, "zone"))
        max_zone_z = MAX (max_zone_z, item->z);
    }
  if (max_zone_z != G_MININT64)
    g_assert_cmpint (max_zone_z, <, min_note_z);

  for (guint i = 0; i < items->len; i++)
    {
      Item *a = &g_array_index (items, Item, i);

      g_ptr_array_add (by_top, a);
      if (g_str_equal (a->kind, "note") && a->parent_id != 0)
        {
          const Item *zone = g_hash_table_lookup (by_id, &a->parent_id);

          g_assert_nonnull (zone);
          g_assert_cmpstr (zone->kind, ==, "zone");
          if (!inside (a, zone))
            g_error ("note %" G_GINT64_FORMAT " is outside its zone “%s”", a->id, zone->text);
        }
    }

  /* Sorted by top edge, each item only meets those that start above its bottom. */
  g_ptr_array_sort (by_top, compare_tops);
  for (guint i = 0; i < by_top->len; i++)
    {
      Item *a = g_ptr_array_index (by_top, i);

      for (guint j = i + 1; j < by_top->len; j++)
        {
          Item *b = g_ptr_array_index (by_top, j);
          gboolean a_note = g_str_equal (a->kind, "note"), b_note = g_str_equal (b->kind, "note");

          if (b->y >= a->y + a->height)
            break;
          if (!overlap (a, b))
            continue;
          if (a_note && b_note)
            g_error ("notes %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT " overlap", a->id, b->id);
          if (!a_note && !b_note)
            g_error ("zones “%s” and “%s” overlap", a->text, b->text);
          if ((a_note && a->parent_id != b->id) || (b_note && b->parent_id != a->id))
            g_error ("a note lies on the zone of another cluster (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                     a->id, b->id);
        }
    }
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = new_rows ();
  g_autoptr(GError) error = NULL;
  g_autofree char *style = NULL;
  g_autofree char *payload = NULL;
  TfInsightRow *row;
  gint64 board_id;

  row = make_row ("Les mails, je les lis et je fais suivre à l'élu.", NULL, "coral");
  row->source = TF_SOURCE_STAFF;
  g_free (row->date);
  row->date = g_strdup ("2009-10-05");
  g_strfreev (row->tags);
  row->tags = g_strsplit ("outils,mails", ",", -1);
  g_ptr_array_add (rows, row);
  g_ptr_array_add (rows, make_row ("Raccroche si tu es en réunion", NULL, NULL));

  board_id = run (f, tf_command_import_insights (f->wall_id, rows));
  g_assert_cmpint (board_id, ==, f->wall_id);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Import 2 insights");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE board_id = ? AND kind = 'note'", f->wall_id), ==, 2);

  style = sql_text (f, "SELECT style FROM items WHERE text LIKE 'Les mails%'", 0);
  g_assert_cmpstr (style, ==, "{\"color\":\"coral\",\"size\":\"m\"}");
  payload = sql_text (f, "SELECT payload FROM items WHERE text LIKE 'Les mails%'", 0);
  {
    g_auto(TfInsightFields) fields = { 0 };

    tf_insight_fields_init (&fields);
    tf_insight_fields_parse (&fields, payload);
    g_assert_cmpint (fields.source, ==, TF_SOURCE_STAFF);
    g_assert_cmpstr (fields.date, ==, "2009-10-05");
    g_assert_cmpstr (fields.tags[1], ==, "mails");
    g_assert_cmpint (fields.consent, ==, TF_CONSENT_TO_CHECK);
  }
  g_clear_pointer (&style, g_free);
  style = sql_text (f, "SELECT style FROM items WHERE text LIKE 'Raccroche%'", 0);
  g_assert_cmpstr (style, ==, "{\"color\":\"yellow\",\"size\":\"m\"}");
  g_assert_cmpint (sql_int (f, "SELECT width * 1000 + height FROM items WHERE text LIKE 'Raccroche%'", 0),
                   ==, 200 * 1000 + 200);

  /* Searchable at once, accents folded. */
  g_assert_cmpuint (fts_count (f, "raccroche"), ==, 1);
  g_assert_cmpuint (fts_count (f, "reunion"), ==, 1);
  assert_fts_consistent (f);

  g_assert_true (tf_history_undo (f->history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items", 0), ==, 0);
  g_assert_cmpuint (fts_count (f, "raccroche"), ==, 0);
  assert_fts_consistent (f);

  g_assert_true (tf_history_redo (f->history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items", 0), ==, 2);
  g_assert_cmpuint (fts_count (f, "raccroche"), ==, 1);
  assert_fts_consistent (f);
  assert_layout (f, f->wall_id);
}

static void
add_cluster (GPtrArray  *rows,
             const char *cluster,
             guint       n,
             const char *word)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *quote = g_strdup_printf ("%s numéro %u", word, i);
      g_ptr_array_add (rows, make_row (quote, cluster, NULL));
    }
}

static void
test_clusters (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = new_rows ();
  g_autoptr(GError) error = NULL;
  g_autofree char *zone_style = NULL;
  gint64 outils;

  add_cluster (rows, "Outils", 5, "parapheur");
  add_cluster (rows, NULL, 13, "isolé");
  add_cluster (rows, "  OUTILS ", 2, "agenda");
  g_ptr_array_add (rows, make_row ("Le temps manque", "Temps", "green"));
  add_cluster (rows, "Temps", 1, "horloge");

  run (f, tf_command_import_insights (f->wall_id, rows));

  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE kind = 'zone'", 0), ==, 2);
  outils = sql_int (f, "SELECT id FROM items WHERE kind = 'zone' AND text = 'Outils'", 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE parent_id = ?", outils), ==, 7);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE kind = 'note' AND parent_id IS NULL", 0), ==, 13);
  /* A zone takes its first note's colour. */
  zone_style = sql_text (f, "SELECT style FROM items WHERE kind = 'zone' AND text = 'Temps'", 0);
  g_assert_cmpstr (zone_style, ==, "{\"color\":\"green\"}");
  /* Zones side by side on one line, loose notes below them in rows of ten. */
  g_assert_cmpint (sql_int (f, "SELECT count(DISTINCT y) FROM items WHERE kind = 'zone'", 0), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count(DISTINCT y) FROM items WHERE kind = 'note' AND parent_id IS NULL", 0), ==, 2);
  g_assert_cmpint (sql_int (f, "SELECT min (n.y) > max (z.y + z.height) FROM items n, items z"
                               " WHERE n.kind = 'note' AND n.parent_id IS NULL AND z.kind = 'zone'", 0), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE kind = 'note' AND parent_id IS NULL"
                               " AND y = (SELECT min (y) FROM items WHERE kind = 'note' AND parent_id IS NULL)", 0),
                   ==, TF_INSIGHT_ROW_LENGTH);
  g_assert_cmpuint (fts_count (f, "outils"), ==, 1);
  assert_layout (f, f->wall_id);

  g_assert_true (tf_history_undo (f->history, &error));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items", 0), ==, 0);
  g_assert_cmpuint (fts_count (f, "parapheur"), ==, 0);
  g_assert_true (tf_history_redo (f->history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items", 0), ==, 24);
  assert_layout (f, f->wall_id);
}

typedef struct {
  gint64 id;
  double x, y, width, height;
} Geometry;

static GArray *
geometry (Fixture *f)
{
  g_autoptr(GArray) items = load_items (f, f->wall_id);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (Geometry));

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      Geometry g = { item->id, item->x, item->y, item->width, item->height };
      g_array_append_val (out, g);
    }
  return out;
}

typedef struct {
  gint64 board_id;
  double x, y;
} HandNote;

static gboolean
add_hand_note (TfStore  *store,
               gpointer  user_data,
               GError  **error)
{
  const HandNote *note = user_data;
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "INSERT INTO items (board_id, kind, x, y, width, height, text)"
                                         " VALUES (?, 'note', ?, ?, 150, 150, 'posé à la main')",
                                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, note->board_id);
  sqlite3_bind_double (stmt, 2, note->x);
  sqlite3_bind_double (stmt, 3, note->y);
  return tf_store_step_done (store, stmt, error);
}

static void
insert_ordinary_note (Fixture *f)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO items (board_id, kind, text)"
                                          " VALUES (%" G_GINT64_FORMAT ", 'note', 'ordinaire')", f->wall_id);
  sql_exec (f, sql);
}

static void
test_reuse_zones (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) first = new_rows ();
  g_autoptr(GPtrArray) second = new_rows ();
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a, b, hand;
  double a_height, a_bottom, hand_y, b_y;

  add_cluster (first, "Accueil", 4, "guichet");
  add_cluster (first, "Budget", 9, "crédit");
  add_cluster (first, NULL, 3, "seul");
  run (f, tf_command_import_insights (f->wall_id, first));
  a = sql_int (f, "SELECT id FROM items WHERE kind = 'zone' AND text = 'Accueil'", 0);
  b = sql_int (f, "SELECT id FROM items WHERE kind = 'zone' AND text = 'Budget'", 0);
  a_height = (double) sql_int (f, "SELECT height FROM items WHERE id = ?", a);
  a_bottom = (double) sql_int (f, "SELECT y + height FROM items WHERE id = ?", a);
  b_y = (double) sql_int (f, "SELECT y FROM items WHERE id = ?", b);

  /* Something put by hand right under the first zone must be moved out of the way. */
  {
    HandNote note = { f->wall_id, 0, a_bottom + 10 };
    g_autoptr(GError) local_error = NULL;
    g_assert_true (tf_store_edit (f->store, add_hand_note, &note, NULL, &local_error));
    g_assert_no_error (local_error);
    hand = sqlite3_last_insert_rowid (db (f));
    hand_y = note.y;
  }
  assert_layout (f, f->wall_id);
  before = geometry (f);

  add_cluster (second, "accueil", 9, "badge");
  add_cluster (second, "Courrier", 2, "enveloppe");
  add_cluster (second, NULL, 2, "perdu");
  run (f, tf_command_import_insights (f->wall_id, second));

  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE kind = 'zone'", 0), ==, 3);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE parent_id = ?", a), ==, 13);
  /* The reused zone grew; what was below it moved down by as much; its
   * neighbour did not move. */
  g_assert_cmpint (sql_int (f, "SELECT height FROM items WHERE id = ?", a), >, (gint64) a_height);
  g_assert_cmpint (sql_int (f, "SELECT y FROM items WHERE id = ?", hand), ==,
                   (gint64) hand_y + sql_int (f, "SELECT height FROM items WHERE id = ?", a) - (gint64) a_height);
  g_assert_cmpint (sql_int (f, "SELECT y FROM items WHERE id = ?", b), ==, (gint64) b_y);
  /* The new zone starts below everything that was there. */
  g_assert_cmpint (sql_int (f, "SELECT y FROM items WHERE kind = 'zone' AND text = 'Courrier'", 0), >=,
                   sql_int (f, "SELECT max (y + height) FROM items WHERE text LIKE 'seul%' OR id = ?", hand) + 40);
  g_assert_cmpuint (fts_count (f, "badge"), ==, 9);
  assert_layout (f, f->wall_id);
  assert_fts_consistent (f);

  /* Undo puts every item back where it was. */
  g_assert_true (tf_history_undo (f->history, &error));
  g_assert_no_error (error);
  after = geometry (f);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpmem (after->data, after->len * sizeof (Geometry), before->data, before->len * sizeof (Geometry));
  g_assert_cmpuint (fts_count (f, "badge"), ==, 0);
}

static void
test_below_existing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = new_rows ();
  HandNote note = { f->wall_id, -500, 300 };
  g_autoptr(GError) error = NULL;

  g_assert_true (tf_store_edit (f->store, add_hand_note, &note, NULL, &error));
  g_assert_no_error (error);
  add_cluster (rows, NULL, 25, "nouveau");
  run (f, tf_command_import_insights (f->wall_id, rows));

  g_assert_cmpint (sql_int (f, "SELECT min (x) FROM items WHERE text LIKE 'nouveau%'", 0), ==, -500);
  g_assert_cmpint (sql_int (f, "SELECT min (y) FROM items WHERE text LIKE 'nouveau%'", 0), ==, 300 + 150 + 40);
  g_assert_cmpint (sql_int (f, "SELECT count(DISTINCT y) FROM items WHERE text LIKE 'nouveau%'", 0), ==, 3);
  g_assert_cmpint (sql_int (f, "SELECT min (z) FROM items WHERE text LIKE 'nouveau%'", 0), >,
                   sql_int (f, "SELECT z FROM items WHERE text LIKE 'posé%'", 0));
  assert_layout (f, f->wall_id);
}

static void
test_to_experiment (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Sans mur");
  g_autoptr(GPtrArray) rows = new_rows ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 experiment, wall, named, actor_map;

  add_cluster (rows, "Zone", 3, "mot");
  experiment = run (f, tf_command_create_experiment (draft));
  actor_map = run (f, tf_command_add_board (experiment, "actor-map", "Acteurs"));
  g_assert_cmpint (tf_insight_find_wall (f->store, experiment, NULL, &error), ==, 0);
  g_assert_no_error (error);

  /* No wall yet: one is made, in the same transaction. */
  wall = run (f, tf_command_import_insights_to_experiment (experiment, NULL, rows));
  g_assert_cmpint (wall, !=, actor_map);
  name = sql_text (f, "SELECT name || '/' || kind || '/' || position FROM boards WHERE id = ?", wall);
  g_assert_cmpstr (name, ==, "Insight wall/insight-wall/1");
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE board_id = ?", wall), ==, 4);
  g_assert_cmpint (tf_insight_find_wall (f->store, experiment, NULL, &error), ==, wall);
  g_assert_cmpint (tf_insight_find_wall (f->store, experiment, "  INSIGHT wall ", &error), ==, wall);
  g_assert_cmpint (tf_insight_find_wall (f->store, experiment, "Acteurs", &error), ==, 0);
  g_assert_no_error (error);

  /* Undo takes the wall away with its notes. */
  g_assert_true (tf_history_undo (f->history, &error));
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM boards WHERE id = ?", wall), ==, 0);
  g_assert_true (tf_history_redo (f->history, &error));
  g_assert_no_error (error);

  /* Found by name, or made with that name. */
  g_assert_cmpint (run (f, tf_command_import_insights_to_experiment (experiment, "insight WALL", rows)), ==, wall);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE board_id = ? AND kind = 'zone'", wall), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE board_id = ?", wall), ==, 7);
  named = run (f, tf_command_import_insights_to_experiment (experiment, " Entretiens ", rows));
  g_assert_cmpint (named, !=, wall);
  g_clear_pointer (&name, g_free);
  name = sql_text (f, "SELECT name FROM boards WHERE id = ?", named);
  g_assert_cmpstr (name, ==, "Entretiens");
  g_assert_cmpint (tf_insight_find_wall (f->store, experiment, NULL, &error), ==, wall);
  g_assert_cmpint (tf_insight_find_wall (f->store, experiment, "entretiens", &error), ==, named);
  assert_layout (f, wall);
  assert_layout (f, named);

  /* A missing experiment is an error, and writes nothing. */
  {
    g_autoptr(TfCommand) command = tf_command_import_insights_to_experiment (9999, NULL, rows);
    g_autoptr(GError) local_error = NULL;

    g_assert_false (tf_command_execute (command, f->store, &local_error));
    g_assert_error (local_error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
  }
}

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = new_rows ();
  g_autoptr(GPtrArray) bad = new_rows ();
  g_autoptr(GPtrArray) boom = new_rows ();
  g_autofree char *trigger = sql_text (f, "SELECT sql FROM sqlite_schema WHERE name = 'items_fts_ai'", 0);
  gint64 actor_map = run (f, tf_command_add_board (f->experiment_id, "actor-map", NULL));
  static const struct {
    gint64  board;
    int     code;
  } cases[] = {
    { 0, TF_STORE_ERROR_INVALID },       /* the bad rows, on the wall */
    { 9999, TF_STORE_ERROR_NO_SUCH_ROW },
    { -1, TF_STORE_ERROR_INVALID },      /* the actor map */
  };

  add_cluster (rows, "Zone", 3, "mot");
  add_cluster (bad, "Zone", 3, "mot");
  g_ptr_array_add (bad, make_row ("", NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 board = cases[i].board == 0 ? f->wall_id : cases[i].board == -1 ? actor_map : cases[i].board;
      g_autoptr(TfCommand) command = tf_command_import_insights (board, i == 0 ? bad : rows);
      g_autoptr(GError) error = NULL;

      g_assert_false (tf_command_execute (command, f->store, &error));
      g_assert_error (error, TF_STORE_ERROR, cases[i].code);
    }

  /* A failure halfway, after zones and notes were inserted and the trigger
   * dropped, leaves nothing either. */
  sql_exec (f, "CREATE TRIGGER boom BEFORE INSERT ON items WHEN new.text = 'boom'"
               " BEGIN SELECT RAISE (ABORT, 'boom'); END");
  add_cluster (boom, "Zone", 300, "avant");
  g_ptr_array_add (boom, make_row ("boom", NULL, NULL));
  add_cluster (boom, NULL, 10, "après");
  {
    g_autoptr(TfCommand) command = tf_command_import_insights (f->wall_id, boom);
    g_autoptr(GError) error = NULL;

    /* RAISE (ABORT) is a constraint failure. */
    g_assert_false (tf_command_execute (command, f->store, &error));
    g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "boom"));
  }
  sql_exec (f, "DROP TRIGGER boom");

  /* Nothing was written, and the trigger is the one it was. */
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items", 0), ==, 0);
  g_assert_cmpuint (fts_count (f, "avant"), ==, 0);
  {
    g_autofree char *now = sql_text (f, "SELECT sql FROM sqlite_schema WHERE name = 'items_fts_ai'", 0);
    g_assert_cmpstr (now, ==, trigger);
  }
  insert_ordinary_note (f);
  g_assert_cmpuint (fts_count (f, "ordinaire"), ==, 1);
  sql_exec (f, "DELETE FROM items WHERE text = 'ordinaire'");
}

static void
test_trigger_restored (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = new_rows ();
  g_autofree char *before = sql_text (f, "SELECT group_concat (sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)", 0);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  add_cluster (rows, "Zone", 700, "massif");
  run (f, tf_command_import_insights (f->wall_id, rows));
  after = sql_text (f, "SELECT group_concat (sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)", 0);
  g_assert_cmpstr (after, ==, before);

  /* The per-row trigger works again for ordinary edits. */
  insert_ordinary_note (f);
  g_assert_cmpuint (fts_count (f, "ordinaire"), ==, 1);
  sql_exec (f, "DELETE FROM items WHERE text = 'ordinaire'");

  /* Big undo and redo keep the index in step without the triggers, then put them back. */
  g_assert_true (tf_history_undo (f->history, &error));
  g_assert_cmpuint (fts_count (f, "massif"), ==, 0);
  assert_fts_consistent (f);
  g_clear_pointer (&after, g_free);
  after = sql_text (f, "SELECT group_concat (sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)", 0);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (tf_history_redo (f->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fts_count (f, "massif"), ==, 700);
  assert_fts_consistent (f);
}

static void
test_collect (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = new_rows ();
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GPtrArray) with_retired = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfInsightCsv) csv = NULL;
  g_autoptr(GBytes) bytes = NULL;
  TfInsightRow *row;
  gint64 copy;

  g_ptr_array_add (rows, make_row ("perdu 1", NULL, "white"));
  add_cluster (rows, "Beta", 3, "bêta");
  add_cluster (rows, "Alpha", 2, "alpha");
  g_ptr_array_add (rows, make_row ("perdu 2", NULL, NULL));
  row = make_row ("=SUM(A1) dit l'agent", "Beta", "sky");
  row->source = TF_SOURCE_AGENT;
  g_free (row->date);
  row->date = g_strdup ("2010-01-31");
  g_strfreev (row->tags);
  row->tags = g_strsplit ("-tableur,@outil", ",", -1);
  g_ptr_array_add (rows, row);
  run (f, tf_command_import_insights (f->wall_id, rows));

  /* One retired, one whose consent was withdrawn. */
  sql_exec (f, "UPDATE items SET payload = json_set (payload, '$.retired', json('true')) WHERE text = 'alpha numéro 1'");
  sql_exec (f, "UPDATE items SET payload = json_set (payload, '$.consent', 'withdrawn') WHERE text = 'bêta numéro 2'");

  g_assert_true (tf_insight_collect (f->store, f->wall_id, FALSE, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 6);
  /* Zones left to right as imported (Beta first), loose notes last, each in reading order. */
  {
    static const char * const order[] = {
      "bêta numéro 0", "bêta numéro 1", "=SUM(A1) dit l'agent", "alpha numéro 0", "perdu 1", "perdu 2",
    };
    for (guint i = 0; i < G_N_ELEMENTS (order); i++)
      g_assert_cmpstr (((TfInsightRow *) g_ptr_array_index (back, i))->quote, ==, order[i]);
  }
  row = g_ptr_array_index (back, 2);
  g_assert_cmpint (row->source, ==, TF_SOURCE_AGENT);
  g_assert_cmpstr (row->date, ==, "2010-01-31");
  g_assert_cmpstr (row->tags[0], ==, "-tableur");
  g_assert_cmpstr (row->color, ==, "sky");
  g_assert_cmpstr (row->cluster, ==, "Beta");
  g_assert_cmpuint (row->line, ==, 0);
  row = g_ptr_array_index (back, 4);
  g_assert_cmpstr (row->cluster, ==, "");
  g_assert_cmpstr (row->color, ==, "white");
  row = g_ptr_array_index (back, 5);
  g_assert_cmpstr (row->color, ==, "yellow");

  g_assert_true (tf_insight_collect (f->store, f->wall_id, TRUE, &with_retired, &error));
  g_assert_cmpuint (with_retired->len, ==, 7);

  /* Through CSV onto another wall, and back: the same insights. */
  bytes = tf_insight_csv_write (back);
  csv = tf_insight_csv_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csv->rejections->len, ==, 0);
  copy = run (f, tf_command_add_board (f->experiment_id, "insight-wall", "Copie"));
  run (f, tf_command_import_insights (copy, csv->rows));
  g_assert_true (tf_insight_collect (f->store, copy, FALSE, &again, &error));
  g_assert_cmpuint (again->len, ==, back->len);
  for (guint i = 0; i < back->len; i++)
    {
      TfInsightRow *a = g_ptr_array_index (back, i), *b = g_ptr_array_index (again, i);

      g_assert_cmpstr (a->quote, ==, b->quote);
      g_assert_cmpint (a->source, ==, b->source);
      g_assert_cmpstr (a->date, ==, b->date);
      g_assert_true (g_strv_equal ((const char * const *) a->tags, (const char * const *) b->tags));
      g_assert_cmpstr (a->color, ==, b->color);
      g_assert_cmpstr (a->cluster, ==, b->cluster);
    }
  assert_layout (f, copy);

  {
    g_autoptr(GPtrArray) none = NULL;
    g_autoptr(GError) local_error = NULL;

    g_assert_false (tf_insight_collect (f->store, 9999, FALSE, &none, &local_error));
    g_assert_error (local_error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
    g_assert_null (none);
  }
}

#define BIG 100000

static void
test_big (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = new_rows ();
  g_autoptr(GError) error = NULL;
  gint64 start;

  for (guint i = 0; i < BIG; i++)
    {
      g_autofree char *quote =
        g_strdup_printf ("Insight %u : les élus ne trouvent pas le parapheur avant la réunion%s",
                         i, i == 4242 ? ", dit xylophone" : "");
      g_autofree char *cluster = i % 5 == 0 ? NULL : g_strdup_printf ("Thème %u", i % 12);
      TfInsightRow *row = make_row (quote, cluster, NULL);

      row->source = 1 + i % 9;
      g_ptr_array_add (rows, row);
    }

  start = g_get_monotonic_time ();
  run (f, tf_command_import_insights (f->wall_id, rows));
  g_test_message ("%u insights imported in %.3f s", BIG, (g_get_monotonic_time () - start) / 1e6);

  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE kind = 'note'", 0), ==, BIG);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE kind = 'zone'", 0), ==, 12);
  g_assert_cmpuint (fts_count (f, "xylophone"), ==, 1);
  g_assert_cmpuint (fts_count (f, "parapheur"), ==, BIG);
  assert_fts_consistent (f);
  assert_layout (f, f->wall_id);

  start = g_get_monotonic_time ();
  g_assert_true (tf_history_undo (f->history, &error));
  g_assert_no_error (error);
  g_test_message ("undone in %.3f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items", 0), ==, 0);
  g_assert_cmpuint (fts_count (f, "xylophone"), ==, 0);
  g_assert_cmpuint (fts_count (f, "parapheur"), ==, 0);
  assert_fts_consistent (f);

  start = g_get_monotonic_time ();
  g_assert_true (tf_history_redo (f->history, &error));
  g_assert_no_error (error);
  g_test_message ("redone in %.3f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (fts_count (f, "xylophone"), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM items WHERE parent_id IS NOT NULL", 0), ==, BIG - BIG / 5);
}

#define ADD(path, func) \
  g_test_add ("/transfo/insights/import/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  ADD ("undo-redo", test_undo_redo);
  ADD ("clusters", test_clusters);
  ADD ("reuse-zones", test_reuse_zones);
  ADD ("below-existing", test_below_existing);
  ADD ("to-experiment", test_to_experiment);
  ADD ("failures", test_failures);
  ADD ("trigger-restored", test_trigger_restored);
  ADD ("collect", test_collect);
  ADD ("100k", test_big);

  return g_test_run ();
}
