/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-layout.h"
#include "canvas/tf-scene.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-history.h"
#include "core/tf-store-private.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

typedef TfTestBoard Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  tf_test_board_set_up (f, "items", "Atelier", "insight-wall");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tf_test_board_tear_down (f);
}

static gint64
add (Fixture    *f,
     const char *kind,
     double      x,
     double      y,
     double      side,
     const char *text)
{
  TfNewItem item = { kind, TF_RECT_INIT (x, y, side, side), text, NULL, NULL, 0 };

  return tf_test_board_add (f, &item);
}

static TfItem *
item (Fixture *f,
      gint64   id)
{
  TfItem *found = tf_scene_lookup (f->scene, id);
  g_assert_nonnull (found);
  return found;
}

static void
test_add_and_clusters (Fixture       *f,
                       gconstpointer  data)
{
  gint64 zone, inside, outside;

  zone = add (f, "zone", 0, 0, 600, "Outils");
  inside = add (f, "note", 100, 100, 200, "Dedans");
  outside = add (f, "note", 900, 100, 200, "Dehors");

  g_assert_cmpint (item (f, zone)->z, <, 0);
  g_assert_cmpint (item (f, inside)->z, <, item (f, outside)->z);
  g_assert_cmpint (item (f, inside)->parent_id, ==, zone);
  g_assert_cmpint (item (f, outside)->parent_id, ==, 0);

  /* Dropping a note into the zone clusters it; undo takes it out again. */
  tf_test_execute (f->history, tf_command_move_items (&outside, 1, -700, 250));
  g_assert_cmpfloat (item (f, outside)->bounds.x, ==, 200);
  g_assert_cmpint (item (f, outside)->parent_id, ==, zone);
  tf_test_undo (f->history);
  g_assert_cmpfloat (item (f, outside)->bounds.x, ==, 900);
  g_assert_cmpint (item (f, outside)->parent_id, ==, 0);
  tf_test_redo (f->history);
  g_assert_cmpint (item (f, outside)->parent_id, ==, zone);

  /* Moving the zone carries its cluster along. */
  tf_test_execute (f->history, tf_command_move_items (&zone, 1, 1000, 0));
  g_assert_cmpfloat (item (f, inside)->bounds.x, ==, 1100);
  g_assert_cmpfloat (item (f, outside)->bounds.x, ==, 1200);
  g_assert_cmpint (item (f, inside)->parent_id, ==, zone);

  /* Out of the zone: out of the cluster. */
  tf_test_execute (f->history, tf_command_move_items (&inside, 1, 0, 2000));
  g_assert_cmpint (item (f, inside)->parent_id, ==, 0);

  /* Deleting the zone leaves its notes, loose. */
  tf_test_execute (f->history, tf_command_delete_items (&zone, 1));
  g_assert_null (tf_scene_lookup (f->scene, zone));
  g_assert_cmpint (item (f, outside)->parent_id, ==, 0);
  tf_test_undo (f->history);
  g_assert_cmpint (item (f, outside)->parent_id, ==, zone);
}

static void
test_edits (Fixture       *f,
            gconstpointer  data)
{
  gint64 a = add (f, "note", 0, 0, 200, "Premier");
  gint64 b = add (f, "note", 300, 0, 200, "Second");
  gint64 both[] = { a, b };
  TfRect bounds[] = { TF_RECT_INIT (10, 20, 280, 280), TF_RECT_INIT (400, 20, 150, 150) };
  g_autoptr(GError) error = NULL;
  g_autoptr(TfCommand) bad = NULL;

  tf_test_execute (f->history, tf_command_set_item_text (a, "Premier, réécrit"));
  g_assert_cmpstr (item (f, a)->text, ==, "Premier, réécrit");
  tf_test_undo (f->history);
  g_assert_cmpstr (item (f, a)->text, ==, "Premier");

  tf_test_execute (f->history, tf_command_set_bounds (both, bounds, 2, NULL));
  g_assert_cmpfloat (item (f, a)->bounds.width, ==, 280);
  g_assert_cmpfloat (item (f, b)->bounds.x, ==, 400);

  tf_test_execute (f->history, tf_command_set_style_key (both, 2, "color", "\"pink\"", NULL));
  g_assert_nonnull (strstr (item (f, a)->style, "pink"));
  g_assert_nonnull (strstr (item (f, b)->style, "pink"));

  tf_test_execute (f->history, tf_command_vote (&a, 1, 1));
  tf_test_execute (f->history, tf_command_vote (&a, 1, 1));
  tf_test_execute (f->history, tf_command_vote (&b, 1, -1));
  g_assert_nonnull (strstr (item (f, a)->payload, "\"votes\":2"));
  g_assert_null (strstr (item (f, b)->payload, "\"votes\":-"));
  /* Removing a vote from a note without any changed nothing: no undo step. */
  tf_test_undo (f->history);
  g_assert_nonnull (strstr (item (f, a)->payload, "\"votes\":1"));

  /* Retiring takes a note off the wall, not out of the archive. */
  tf_test_execute (f->history, tf_command_set_payload_key (&b, 1, "retired", "true", NULL));
  g_assert_true (item (f, b)->hidden);
  g_assert_null (tf_scene_hit_test (f->scene, 450, 60, 0));
  tf_test_undo (f->history);
  g_assert_false (item (f, b)->hidden);

  /* Keys are ours: anything else is refused and nothing is written. */
  bad = tf_command_set_style_key (&a, 1, "color') --", "1", NULL);
  g_assert_false (tf_history_execute (f->history, bad, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&bad);
  bad = tf_command_set_payload_key (&a, 1, "votes", "{not json", NULL);
  g_assert_false (tf_history_execute (f->history, bad, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
}

/* What an edit writes must pass what reading checks (core/tf-content.h):
 * otherwise the item vanishes from its board the next time it is read. */
static void
test_edits_stay_readable (Fixture       *f,
                          gconstpointer  data)
{
  gint64 a = add (f, "note", 0, 0, 200, "Au bord");
  gint64 far_away = add (f, "note", 1e9, -1e9, 1e9, "Trop loin");
  TfRect huge = TF_RECT_INIT (-5e8, 5e8, 1e12, 1e12);
  g_autofree char *long_text = g_strnfill (TF_CONTENT_MAX_TEXT + 1, 'a');
  g_autoptr(TfScene) reread = NULL;
  g_autoptr(TfCommand) bad = NULL;
  g_autoptr(GError) error = NULL;

  tf_test_execute (f->history, tf_command_move_items (&a, 1, 5e7, -5e7));
  tf_test_execute (f->history, tf_command_set_bounds (&a, &huge, 1, NULL));

  bad = tf_command_set_item_text (a, long_text);
  g_assert_false (tf_history_execute (f->history, bad, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  g_assert_cmpstr (item (f, a)->text, ==, "Au bord");
  g_clear_error (&error);

  /* Read again from the archive: both items are still on the board. */
  reread = tf_scene_new_for_board (f->store, f->board, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tf_scene_lookup (reread, a));
  g_assert_nonnull (tf_scene_lookup (reread, far_away));
  g_assert_cmpuint (tf_scene_get_n_skipped (reread, TF_CONTENT_OK), ==, 0);
  g_assert_cmpfloat (fabs (tf_scene_lookup (reread, a)->bounds.x), <=, TF_CONTENT_MAX_COORD);
  g_assert_cmpfloat (tf_scene_lookup (reread, far_away)->bounds.width, <=, TF_CONTENT_MAX_SIZE);
}

static void
test_duplicate_delete_restack (Fixture       *f,
                               gconstpointer  data)
{
  gint64 a = add (f, "note", 0, 0, 200, "A");
  gint64 b = add (f, "note", 100, 0, 200, "B");
  gint64 c = add (f, "note", 200, 0, 200, "C");
  g_autoptr(TfCommand) dup = tf_command_duplicate_items (&a, 1, 20, 20);
  g_autoptr(GError) error = NULL;
  const gint64 *copies;
  guint n;

  g_assert_true (tf_history_execute (f->history, dup, &error));
  copies = tf_item_command_get_ids (dup, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpstr (item (f, copies[0])->text, ==, "A");
  g_assert_cmpfloat (item (f, copies[0])->bounds.x, ==, 20);
  g_assert_cmpint (item (f, copies[0])->z, >, item (f, c)->z);
  tf_test_undo (f->history);
  g_assert_null (tf_scene_lookup (f->scene, copies[0]));

  tf_test_execute (f->history, tf_command_restack (&a, 1, TF_RESTACK_TOP));
  g_assert_cmpint (tf_scene_hit_test (f->scene, 150, 50, 0)->id, ==, a);
  tf_test_execute (f->history, tf_command_restack (&a, 1, TF_RESTACK_LOWER));
  g_assert_cmpint (item (f, a)->z, <, item (f, c)->z);
  g_assert_cmpint (item (f, a)->z, >, item (f, b)->z);
  tf_test_execute (f->history, tf_command_restack (&a, 1, TF_RESTACK_BOTTOM));
  g_assert_cmpint (item (f, a)->z, <, item (f, b)->z);
  tf_test_execute (f->history, tf_command_restack (&a, 1, TF_RESTACK_RAISE));
  g_assert_cmpint (item (f, a)->z, >, item (f, b)->z);
  g_assert_cmpint (item (f, a)->z, <, item (f, c)->z);

  {
    gint64 two[] = { a, c };
    tf_test_execute (f->history, tf_command_delete_items (two, 2));
    g_assert_cmpuint (tf_scene_get_n_items (f->scene), ==, 1);
    tf_test_undo (f->history);
    g_assert_cmpuint (tf_scene_get_n_items (f->scene), ==, 3);
  }
}

/* The note-size command: bounds and the style key in one edit, clamped
 * like every write, undone and redone as one step. */
static void
test_set_size (Fixture       *f,
               gconstpointer  data)
{
  gint64 a = add (f, "note", 0, 0, 200, "A");
  gint64 b = add (f, "note", 400, 0, 200, "B");
  gint64 ids[] = { a, b };
  TfRect larger[] = { TF_RECT_INIT (-50, -50, 300, 300), TF_RECT_INIT (350, -50, 300, 300) };
  TfRect wild[] = { TF_RECT_INIT (NAN, 2 * TF_CONTENT_MAX_COORD, 0, 10 * TF_CONTENT_MAX_SIZE),
                    TF_RECT_INIT (-INFINITY, 10, -5, INFINITY) };
  g_autoptr(GError) error = NULL;
  g_autoptr(TfCommand) refused = NULL;

  tf_test_execute (f->history, tf_command_set_bounds_and_style_key (ids, larger, 2, "size", "\"large\"", NULL));
  for (guint i = 0; i < 2; i++)
    {
      TfItem *it = item (f, ids[i]);

      g_assert_cmpfloat (it->bounds.x, ==, larger[i].x);
      g_assert_cmpfloat (it->bounds.y, ==, -50);
      g_assert_cmpfloat (it->bounds.width, ==, 300);
      g_assert_cmpfloat (it->bounds.height, ==, 300);
      g_assert_nonnull (strstr (it->style, "\"size\":\"large\""));
    }
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Resize 2 notes");

  /* One undo puts back both the sides and the key, of both notes. */
  tf_test_undo (f->history);
  for (guint i = 0; i < 2; i++)
    {
      TfItem *it = item (f, ids[i]);

      g_assert_cmpfloat (it->bounds.width, ==, 200);
      g_assert_cmpfloat (it->bounds.x, ==, i == 0 ? 0 : 400);
      g_assert_null (strstr (it->style, "size"));
    }
  tf_test_redo (f->history);
  g_assert_cmpfloat (item (f, b)->bounds.width, ==, 300);
  g_assert_nonnull (strstr (item (f, b)->style, "\"size\":\"large\""));

  /* What cannot be drawn is clamped to what reading accepts. */
  tf_test_execute (f->history, tf_command_set_bounds_and_style_key (ids, wild, 2, "size", "\"small\"", NULL));
  g_assert_cmpfloat (item (f, a)->bounds.x, ==, 0);
  g_assert_cmpfloat (item (f, a)->bounds.y, ==, TF_CONTENT_MAX_COORD);
  g_assert_cmpfloat (item (f, a)->bounds.width, ==, 1);
  g_assert_cmpfloat (item (f, a)->bounds.height, ==, TF_CONTENT_MAX_SIZE);
  g_assert_cmpfloat (item (f, b)->bounds.x, ==, 0);
  g_assert_cmpfloat (item (f, b)->bounds.width, ==, 1);
  g_assert_cmpfloat (item (f, b)->bounds.height, ==, 1);
  tf_test_undo (f->history);
  g_assert_cmpfloat (item (f, a)->bounds.width, ==, 300);

  /* A key that cannot be stored refuses the whole edit: no side changes. */
  refused = tf_command_set_bounds_and_style_key (ids, wild, 2, "si ze", "\"small\"", NULL);
  g_assert_false (tf_history_execute (f->history, refused, &error));
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  g_assert_cmpfloat (item (f, a)->bounds.width, ==, 300);
  g_assert_cmpfloat (item (f, b)->bounds.x, ==, 350);
}

typedef struct {
  GPtrArray *kinds;       /* "\"id\"" of the kinds whose items name others */
  GPtrArray *statements;  /* expanded SQL of every statement run */
} Trace;

static void
note_naming_kind (const TfItemKind *kind,
                  gpointer          data)
{
  if (kind->references != NULL)
    g_ptr_array_add (data, g_strdup_printf ("\"%s\"", kind->id));
}

static int
trace_statement (unsigned  type,
                 void     *data,
                 void     *p,
                 void     *x)
{
  Trace *trace = data;
  char *sql = sqlite3_expanded_sql (p);

  g_ptr_array_add (trace->statements, g_strdup (sql ? sql : ""));
  sqlite3_free (sql);
  return 0;
}

/* How many statements read the items of kinds that name others (links,
 * pools) or repair them the way the core did by hand (json_each over a
 * payload's members, its source and target). */
static guint
relation_queries (Trace *trace)
{
  guint n = 0;

  for (guint i = 0; i < trace->statements->len; i++)
    {
      const char *sql = g_ptr_array_index (trace->statements, i);
      gboolean hit = strstr (sql, "$.members") != NULL || strstr (sql, "$.source") != NULL;

      for (guint k = 0; !hit && k < trace->kinds->len; k++)
        hit = strstr (sql, g_ptr_array_index (trace->kinds, k)) != NULL;
      n += hit;
    }
  return n;
}

/* Adding a note to a wall runs none of the actor map's link and pool
 * queries: only items that name others have bounds to derive. */
static void
test_note_runs_no_relation_query (Fixture       *f,
                                  gconstpointer  data)
{
  sqlite3 *db = tf_store_get_db (f->store);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  Trace trace = { kinds, statements };
  gint64 a, b;
  guint n_note;

  add (f, "zone", 0, 0, 600, "Outils");
  a = add (f, "note", 100, 100, 200, "A");
  tf_item_kind_foreach (note_naming_kind, kinds);
  g_assert_cmpuint (kinds->len, >, 0);

  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_statement, &trace);
  b = add (f, "note", 300, 100, 200, "B");
  n_note = statements->len;
  g_test_message ("adding a note ran %u statements", n_note);
  g_assert_cmpuint (n_note, >, 0);
  g_assert_cmpuint (relation_queries (&trace), ==, 0);
  g_assert_cmpint (item (f, b)->parent_id, !=, 0);

  /* The probe sees such a query when there is one: a link between the
   * two notes derives its bounds from them. */
  {
    g_autofree char *payload = g_strdup_printf ("{\"source\": %" G_GINT64_FORMAT ", \"target\": %" G_GINT64_FORMAT "}",
                                                a, b);
    TfNewItem link = { "link", TF_RECT_INIT (0, 0, 1, 1), "", NULL, payload, 0 };

    g_ptr_array_set_size (statements, 0);
    tf_test_board_add (f, &link);
    g_assert_cmpuint (relation_queries (&trace), >, 0);
  }
  sqlite3_trace_v2 (db, 0, NULL, NULL);
}

static gboolean
overlap (const TfRect *a,
         const TfRect *b)
{
  return tf_rect_intersects (a, b);
}

static void
test_layout (void)
{
  TfRect rects[] = {
    TF_RECT_INIT (10, 0, 100, 100), TF_RECT_INIT (300, 50, 100, 100), TF_RECT_INIT (120, 200, 50, 50),
  };

  tf_layout_align (rects, 3, TF_ALIGN_LEFT);
  for (int i = 0; i < 3; i++)
    g_assert_cmpfloat (rects[i].x, ==, 10);
  tf_layout_align (rects, 3, TF_ALIGN_BOTTOM);
  for (int i = 0; i < 3; i++)
    g_assert_cmpfloat (rects[i].y + rects[i].height, ==, 250);

  {
    TfRect row[] = { TF_RECT_INIT (0, 0, 100, 100), TF_RECT_INIT (150, 0, 100, 100), TF_RECT_INIT (900, 0, 100, 100) };

    tf_layout_align (row, 3, TF_DISTRIBUTE_HORIZONTAL);
    g_assert_cmpfloat (row[0].x, ==, 0);
    g_assert_cmpfloat (row[2].x, ==, 900);
    g_assert_cmpfloat (row[1].x, ==, 450);
  }

  {
    /* A zone with seven notes in a heap: tidied, inside it, apart. */
    TfRect zone[8];

    zone[0] = TF_RECT_INIT (0, 0, 500, 300);
    for (int i = 1; i < 8; i++)
      zone[i] = TF_RECT_INIT (50 + i * 5, 50 + i * 3, 200, 200);
    tf_layout_tidy_zone (zone, 8);
    for (int i = 1; i < 8; i++)
      {
        g_assert_true (tf_rect_contains_rect (&zone[0], &zone[i]));
        for (int j = i + 1; j < 8; j++)
          g_assert_false (overlap (&zone[i], &zone[j]));
      }
  }
}

static void
test_arrange_and_places (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
  gint64 z1 = add (f, "zone", 0, 0, 500, "Un");
  gint64 z2 = add (f, "zone", 100, 100, 500, "Deux");
  TfRect place;

  /* A pile: everything overlaps everything. */
  for (int i = 0; i < 12; i++)
    add (f, "note", 150 + 10 * i, 150 + 7 * i, 200, "Pile");

  tf_layout_arrange_all (f->scene, ids, rects);
  g_assert_cmpuint (ids->len, ==, 14);
  tf_test_execute (f->history, tf_command_set_bounds ((gint64 *) ids->data, (TfRect *) rects->data, ids->len, "Arrange"));

  {
    GPtrArray *items = tf_scene_get_items (f->scene);

    for (guint i = 0; i < items->len; i++)
      for (guint j = i + 1; j < items->len; j++)
        {
          TfItem *a = g_ptr_array_index (items, i), *b = g_ptr_array_index (items, j);
          gboolean a_zone = g_str_equal (a->kind_id, "zone"), b_zone = g_str_equal (b->kind_id, "zone");

          if (a_zone && b_zone)
            g_assert_false (overlap (&a->bounds, &b->bounds));
          else if (!a_zone && !b_zone)
            g_assert_false (overlap (&a->bounds, &b->bounds));
          else
            {
              /* A note and a zone overlap only if the note is inside, in its cluster. */
              TfItem *zone = a_zone ? a : b, *note = a_zone ? b : a;
              if (overlap (&zone->bounds, &note->bounds))
                {
                  g_assert_true (tf_rect_contains_rect (&zone->bounds, &note->bounds));
                  g_assert_cmpint (note->parent_id, ==, zone->id);
                }
            }
        }
  }
  g_assert_true (tf_scene_lookup (f->scene, z1) != NULL && tf_scene_lookup (f->scene, z2) != NULL);

  /* The next free place never lands on a note. */
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GPtrArray) found = g_ptr_array_new ();

      place = tf_layout_next_free_place (f->scene, i % 2, 300, 300, 200);
      tf_scene_query (f->scene, &place, found);
      for (guint k = 0; k < found->len; k++)
        g_assert_cmpstr (((TfItem *) found->pdata[k])->kind_id, ==, "zone");
      add (f, "note", place.x, place.y, 200, "Suivant");
    }
}

/* #17: no layout command leaves an item hidden under another. The pairs that
 * overlap after a command must already have overlapped before it: a note on
 * a note, a cluster on a cluster, or a note inside a cluster it is not a
 * member of. */
static gboolean
takes_room (const TfItem *item)
{
  return !item->hidden && (g_str_equal (item->kind_id, "note") || g_str_equal (item->kind_id, "zone"));
}

static GHashTable *
hidden_pairs (TfScene *scene)
{
  GHashTable *pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *items = tf_scene_get_items (scene);

  for (guint i = 0; i < items->len; i++)
    for (guint j = i + 1; j < items->len; j++)
      {
        TfItem *a = g_ptr_array_index (items, i), *b = g_ptr_array_index (items, j);
        gboolean a_zone, b_zone, bad;

        if (!takes_room (a) || !takes_room (b) || !overlap (&a->bounds, &b->bounds))
          continue;
        a_zone = g_str_equal (a->kind_id, "zone");
        b_zone = g_str_equal (b->kind_id, "zone");
        if (a_zone == b_zone)
          bad = TRUE;
        else
          bad = (a_zone ? b->parent_id : a->parent_id) != (a_zone ? a->id : b->id);
        if (bad)
          g_hash_table_add (pairs, g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " (%s on %s)",
                                                    MIN (a->id, b->id), MAX (a->id, b->id),
                                                    a->text, b->text));
      }
  return pairs;
}

static void
assert_hides_nothing_new (TfScene    *scene,
                          GHashTable *before,
                          const char *what)
{
  g_autoptr(GHashTable) after = hidden_pairs (scene);
  GHashTableIter iter;
  gpointer pair;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &pair, NULL))
    if (!g_hash_table_contains (before, pair))
      g_error ("%s hides an item: %s", what, (const char *) pair);
}

/* Runs a layout's bounds; FALSE when they changed nothing (no undo step). */
static gboolean
run_bounds (Fixture      *f,
            const GArray *ids,
            const GArray *rects,
            const char   *what)
{
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  const char *label;

  if (ids->len == 0)
    return FALSE;
  command = tf_command_set_bounds ((gint64 *) ids->data, (TfRect *) rects->data, ids->len, what);
  if (!tf_history_execute (f->history, command, &error))
    g_error ("%s: %s", what, error->message);
  label = tf_history_get_undo_label (f->history);
  return label != NULL && g_str_equal (label, what);
}

/* Ctrl+G as the wall makes it: a zone around the notes (which may hold
 * others), then its members gathered in it, one undo step. */
static void
cluster_and_gather (Fixture      *f,
                    const GArray *notes)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
  g_autoptr(TfCommand) cluster = NULL;
  g_autoptr(GError) error = NULL;
  TfRect all = { 0 }, zone;
  gint64 zone_id;

  for (guint i = 0; i < notes->len; i++)
    all = tf_rect_union (&all, &item (f, g_array_index (notes, gint64, i))->bounds);
  zone = TF_RECT_INIT (all.x - TF_LAYOUT_ZONE_PADDING, all.y - TF_LAYOUT_ZONE_TITLE,
                       all.width + 2 * TF_LAYOUT_ZONE_PADDING,
                       all.height + TF_LAYOUT_ZONE_TITLE + TF_LAYOUT_ZONE_PADDING);
  cluster = tf_command_cluster_items (f->board, (const gint64 *) notes->data, notes->len, &zone,
                                      "Groupe", NULL);
  g_assert_true (tf_history_execute (f->history, cluster, &error));
  g_assert_no_error (error);
  zone_id = tf_command_get_result_id (cluster);
  tf_layout_tidy_zones (f->scene, &zone_id, 1, ids, rects);
  if (run_bounds (f, ids, rects, "Gather"))
    g_assert_true (tf_history_fold (f->history, cluster, &error));
}

static void
pick (GRand        *rand,
      const GArray *from,
      guint         n,
      GArray       *into)
{
  g_array_set_size (into, 0);
  for (guint k = 0; k < n && from->len > 0; k++)
    {
      gint64 id = g_array_index (from, gint64, g_rand_int_range (rand, 0, from->len));
      gboolean there = FALSE;

      for (guint i = 0; i < into->len; i++)
        there |= g_array_index (into, gint64, i) == id;
      if (!there)
        g_array_append_val (into, id);
    }
}

static void
test_layouts_hide_nothing (Fixture       *f,
                           gconstpointer  data)
{
  static const TfAlign ways[] = {
    TF_ALIGN_LEFT, TF_ALIGN_CENTER, TF_ALIGN_RIGHT, TF_ALIGN_TOP, TF_ALIGN_MIDDLE, TF_ALIGN_BOTTOM,
    TF_DISTRIBUTE_HORIZONTAL, TF_DISTRIBUTE_VERTICAL,
  };
  static const double sizes[] = { 150, 200, 260 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (GPOINTER_TO_UINT (data));
  g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) zones = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) before = NULL;
  guint n_clusters;

  /* A wall of notes that touch nothing, in cells of 300 with some empty. */
  for (int row = 0; row < 6; row++)
    for (int col = 0; col < 8; col++)
      {
        double side = sizes[g_rand_int_range (rand, 0, 3)];
        g_autofree char *text = g_strdup_printf ("N%d.%d", row, col);
        gint64 id;

        if (g_rand_int_range (rand, 0, 10) < 3)
          continue;
        id = add (f, "note", col * 300 + g_rand_double_range (rand, 0, 290 - side),
                  row * 300 + g_rand_double_range (rand, 0, 290 - side), side, text);
        g_array_append_val (notes, id);
      }
  /* Clusters drawn around scattered notes, holding others that are not
   * their members (as Ctrl+G made them before #17). */
  n_clusters = g_rand_int_range (rand, 1, 4);
  for (guint c = 0; c < n_clusters; c++)
    {
      TfRect all = { 0 };
      g_autofree char *title = g_strdup_printf ("Z%u", c);
      TfNewItem zone = { "zone", { 0 }, title, NULL, NULL, 0 };
      gint64 first = g_array_index (notes, gint64, g_rand_int_range (rand, 0, notes->len));
      TfRect near = item (f, first)->bounds;

      /* Notes within two cells of one, some of them. */
      g_array_set_size (chosen, 0);
      for (guint i = 0; i < notes->len; i++)
        {
          TfItem *note = item (f, g_array_index (notes, gint64, i));

          if (note->parent_id == 0 && fabs (note->bounds.x - near.x) < 600 &&
              fabs (note->bounds.y - near.y) < 600 && g_rand_boolean (rand))
            {
              g_array_append_val (chosen, note->id);
              all = tf_rect_union (&all, &note->bounds);
            }
        }
      if (chosen->len == 0)
        continue;
      zone.bounds = TF_RECT_INIT (all.x - 40, all.y - 60, all.width + 80, all.height + 100);
      tf_test_execute (f->history, tf_command_cluster_items (f->board, (gint64 *) chosen->data, chosen->len,
                                                             &zone.bounds, title, NULL));
    }
  {
    GPtrArray *items = tf_scene_get_items (f->scene);

    for (guint i = 0; i < items->len; i++)
      if (g_str_equal (((TfItem *) items->pdata[i])->kind_id, "zone"))
        g_array_append_val (zones, ((TfItem *) items->pdata[i])->id);
  }
  before = hidden_pairs (f->scene);

  /* Align and distribute, on notes and clusters. */
  for (guint w = 0; w < G_N_ELEMENTS (ways); w++)
    for (int round = 0; round < 4; round++)
      {
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
        g_autofree char *what = g_strdup_printf ("align %u, round %d", w, round);

        pick (rand, notes, g_rand_int_range (rand, 2, 8), chosen);
        if (round == 3 && zones->len > 0)
          g_array_append_val (chosen, g_array_index (zones, gint64, 0));
        tf_layout_align_items (f->scene, (gint64 *) chosen->data, chosen->len, ways[w], ids, rects);
        if (!run_bounds (f, ids, rects, what))
          continue;
        assert_hides_nothing_new (f->scene, before, what);
        tf_test_undo (f->history);
      }

  /* Tidy each cluster, then all at once. */
  for (guint z = 0; z <= zones->len; z++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
      gboolean all = z == zones->len;

      tf_layout_tidy_zones (f->scene, all ? (gint64 *) zones->data : &g_array_index (zones, gint64, z),
                            all ? zones->len : 1, ids, rects);
      if (!run_bounds (f, ids, rects, all ? "tidying every cluster" : "tidying a cluster"))
        continue;
      assert_hides_nothing_new (f->scene, before, all ? "tidying every cluster" : "tidying a cluster");
      tf_test_undo (f->history);
    }

  /* A new cluster around scattered notes (Ctrl+G). */
  for (int round = 0; round < 4; round++)
    {
      g_autoptr(GArray) loose = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < notes->len; i++)
        if (item (f, g_array_index (notes, gint64, i))->parent_id == 0)
          g_array_append_val (loose, g_array_index (notes, gint64, i));
      pick (rand, loose, g_rand_int_range (rand, 2, 6), chosen);
      if (chosen->len == 0)
        continue;
      cluster_and_gather (f, chosen);
      assert_hides_nothing_new (f->scene, before, "a new cluster");
      tf_test_undo (f->history);
    }

  /* Arrange all. */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));

    tf_layout_arrange_all (f->scene, ids, rects);
    run_bounds (f, ids, rects, "arrange all");
    g_hash_table_remove_all (before);
    assert_hides_nothing_new (f->scene, before, "arrange all");
  }
}

static void
test_snap (void)
{
  g_autoptr(TfScene) scene = tf_scene_new ();
  TfItem *target = tf_item_new (1, "note");
  TfRect moving = TF_RECT_INIT (0, 500, 200, 200);
  TfSnap snap;

  target->bounds = TF_RECT_INIT (400, 100, 200, 200);
  tf_item_changed (target);
  tf_scene_add (scene, target);

  /* Within 8 units of the target's left edge: snapped, with a guide. */
  snap = tf_layout_snap (scene, &moving, 395, -3, NULL, 8, 0);
  g_assert_cmpfloat (snap.dx, ==, 400);
  g_assert_cmpfloat (snap.guide_x, ==, 400);
  /* Far from everything, with a grid of 24. */
  snap = tf_layout_snap (scene, &moving, 5000, 13, NULL, 8, 24);
  g_assert_true (isnan (snap.guide_x));
  g_assert_cmpfloat (fmod (moving.x + snap.dx, 24), ==, 0);
  g_assert_cmpfloat (fmod (moving.y + snap.dy, 24), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add ("/transfo/items/add-and-clusters", Fixture, NULL, fixture_setup, test_add_and_clusters, fixture_teardown);
  g_test_add ("/transfo/items/edits", Fixture, NULL, fixture_setup, test_edits, fixture_teardown);
  g_test_add ("/transfo/items/edits-stay-readable", Fixture, NULL, fixture_setup,
              test_edits_stay_readable, fixture_teardown);
  g_test_add ("/transfo/items/duplicate-delete-restack", Fixture, NULL, fixture_setup,
              test_duplicate_delete_restack, fixture_teardown);
  g_test_add ("/transfo/items/set-size", Fixture, NULL, fixture_setup, test_set_size, fixture_teardown);
  g_test_add ("/transfo/items/note-runs-no-relation-query", Fixture, NULL, fixture_setup,
              test_note_runs_no_relation_query, fixture_teardown);
  g_test_add ("/transfo/items/arrange-and-places", Fixture, NULL, fixture_setup, test_arrange_and_places,
              fixture_teardown);
  g_test_add_func ("/transfo/layout/align-tidy", test_layout);
  for (guint seed = 1; seed <= 6; seed++)
    {
      g_autofree char *name = g_strdup_printf ("/transfo/layout/hides-nothing/%u", seed);

      g_test_add (name, Fixture, GUINT_TO_POINTER (seed), fixture_setup, test_layouts_hide_nothing,
                  fixture_teardown);
    }
  g_test_add_func ("/transfo/layout/snap", test_snap);

  return g_test_run ();
}
