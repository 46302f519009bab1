/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "tf-archive.h"
#include "tf-experiment-commands.h"
#include "tf-history.h"
#include "tf-store-private.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* Full-text search and the filtered, sorted list of experiments, on an
 * archive holding the booklet's demo. */

#define DEMO_TITLE "Laboratoire d'innovation régional — Nord-Pas de Calais"
#define DEMO_THEME "L'environnement de travail des élus régionaux"
#define DELIB_NOTE "À leur arrivée, certains nouveaux élus ne savent pas ce qu'est une délib’."

/* Each test works on an archive in a directory of its own, removed when it
 * passed (see test-store.c for why not G_TEST_OPTION_ISOLATE_DIRS). */
typedef struct {
  char      *dir;
  TfStore   *store;
  TfHistory *history;
  gint64     demo;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = tf_test_make_dir ("test-search");
  path = g_build_filename (f->dir, "archive.sqlite", NULL);
  f->store = tf_test_store_open (path, TF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->history = tf_history_new (f->store);
  f->demo = tf_archive_find_demo (f->store);
  g_assert_cmpint (f->demo, >, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->history);
  g_assert_finalize_object (f->store);
  tf_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
create (Fixture    *f,
        const char *title)
{
  g_autoptr(TfExperiment) draft = tf_experiment_new (title);

  return tf_test_execute (f->history, tf_command_create_experiment (draft));
}

/* The indexes agree with the rows they index. */
static void
assert_fts_in_sync (Fixture *f)
{
  char *msg = NULL;

  if (sqlite3_exec (tf_store_get_db (f->store),
                    "INSERT INTO items_fts (items_fts) VALUES ('integrity-check');"
                    "INSERT INTO experiments_fts (experiments_fts) VALUES ('integrity-check');",
                    NULL, NULL, &msg) != SQLITE_OK)
    g_error ("full-text index out of sync: %s", msg);
}

static GPtrArray *
search (Fixture    *f,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = tf_archive_search (f->store, text, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  for (guint i = 0; i < hits->len; i++)
    {
      TfSearchHit *hit = g_ptr_array_index (hits, i);

      g_assert_cmpint (hit->experiment_id, >, 0);
      g_assert_nonnull (hit->experiment_title);
      g_assert_nonnull (hit->field);
      g_assert_true (g_utf8_validate (hit->text, -1, NULL));
      g_assert_null (strchr (hit->text, '\x01'));
      g_assert_null (strchr (hit->text, '\x02'));
      if (hit->kind == TF_HIT_ITEM)
        {
          g_assert_cmpint (hit->item_id, >, 0);
          g_assert_cmpint (hit->board_id, >, 0);
          g_assert_cmpstr (hit->field, ==, "text");
        }
      else
        {
          g_assert_cmpint (hit->kind, ==, TF_HIT_EXPERIMENT);
          g_assert_cmpint (hit->item_id, ==, 0);
          g_assert_cmpint (hit->board_id, ==, 0);
        }
    }
  return hits;
}

static guint
count_kind (GPtrArray *hits,
            TfHitKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < hits->len; i++)
    if (((TfSearchHit *) g_ptr_array_index (hits, i))->kind == kind)
      n++;
  return n;
}

static TfSearchHit *
find_experiment_hit (GPtrArray *hits,
                     gint64     id)
{
  for (guint i = 0; i < hits->len; i++)
    {
      TfSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->kind == TF_HIT_EXPERIMENT && hit->experiment_id == id)
        return hit;
    }
  return NULL;
}

static TfSearchHit *
find_item_hit (GPtrArray  *hits,
               const char *text)
{
  for (guint i = 0; i < hits->len; i++)
    {
      TfSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->kind == TF_HIT_ITEM && g_str_equal (hit->text, text))
        return hit;
    }
  return NULL;
}

/* The hits as one comparable string. */
static char *
describe_hits (GPtrArray *hits)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      TfSearchHit *hit = g_ptr_array_index (hits, i);

      g_string_append_printf (out, "%d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s: %s\n",
                              hit->kind, hit->experiment_id, hit->item_id, hit->field, hit->text);
    }
  return g_string_free (out, FALSE);
}

static void
assert_same_hits (Fixture    *f,
                  const char *a,
                  const char *b)
{
  g_autoptr(GPtrArray) hits_a = search (f, a);
  g_autoptr(GPtrArray) hits_b = search (f, b);
  g_autofree char *desc_a = describe_hits (hits_a);
  g_autofree char *desc_b = describe_hits (hits_b);

  g_assert_cmpstr (desc_a, ==, desc_b);
}

static GListModel *
list (Fixture        *f,
      const TfFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GListStore *store = tf_archive_list_experiments (f->store, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return G_LIST_MODEL (store);
}

/* The titles of a listing, one per line. */
static char *
list_titles (Fixture        *f,
             const TfFilter *filter)
{
  g_autoptr(GListModel) model = list (f, filter);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TfExperiment) e = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s\n", tf_experiment_get_title (e));
    }
  return g_string_free (out, FALSE);
}

static guint
list_count_text (Fixture    *f,
                 const char *text)
{
  TfFilter filter = TF_FILTER_INIT;
  g_autoptr(GListModel) model = NULL;

  filter.text = text;
  model = list (f, &filter);
  return g_list_model_get_n_items (model);
}

static void
test_delib (Fixture       *f,
            gconstpointer  data)
{
  static const char * const queries[] = { "delib", "délib", "DELIB", "Délib’", "  délib  " };
  g_autoptr(GListStore) boards = tf_archive_list_boards (f->store, f->demo, NULL);
  g_autoptr(TfBoard) wall = g_list_model_get_item (G_LIST_MODEL (boards), 0);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (f, queries[i]);
      TfSearchHit *hit = find_item_hit (hits, DELIB_NOTE);

      g_assert_nonnull (hit);
      g_assert_cmpuint (hits->len, ==, 1);
      g_assert_cmpint (hit->experiment_id, ==, f->demo);
      g_assert_cmpstr (hit->experiment_title, ==, DEMO_TITLE);
      g_assert_cmpint (hit->board_id, ==, tf_board_get_id (wall));
      g_assert_cmpuint (list_count_text (f, queries[i]), ==, 1);
    }
}

static void
test_elus (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = search (f, "elus");
  TfSearchHit *hit = find_experiment_hit (hits, f->demo);

  /* The first field that matches is reported, whole and without marks. */
  g_assert_nonnull (hit);
  g_assert_cmpstr (hit->field, ==, "theme");
  g_assert_cmpstr (hit->text, ==, DEMO_THEME);
  g_assert_nonnull (find_item_hit (hits, DELIB_NOTE));
  g_assert_nonnull (find_item_hit (hits, "Les informations existent, seulement les élus ne savent "
                                         "pas forcément où les trouver."));
  /* Experiments come first. */
  g_assert_cmpint (((TfSearchHit *) g_ptr_array_index (hits, 0))->kind, ==, TF_HIT_EXPERIMENT);

  assert_same_hits (f, "elus", "ÉLUS");
  assert_same_hits (f, "elus", "élus");
  assert_same_hits (f, "elus", "Élus");
  assert_same_hits (f, "elus", "eLuS");
}

/* Text pasted from elsewhere may carry accents as combining marks (NFD). */
static void
test_decomposed_accents (Fixture       *f,
                         gconstpointer  data)
{
  gint64 id = create (f, "Lyce\xcc\x81" "e agricole");
  g_autoptr(GPtrArray) hits = search (f, "lycee");

  /* A decomposed title is found by a plain query… */
  g_assert_nonnull (find_experiment_hit (hits, id));
  /* …and a decomposed query finds what a composed one does. */
  assert_same_hits (f, "e\xcc\x81lus", "élus");
  assert_same_hits (f, "de\xcc\x81lib", "délib");
}

static void
test_lycee (Fixture       *f,
            gconstpointer  data)
{
  static const char * const queries[] = { "lycee", "LYCÉE", "lycée", "Lyc", "ly" };
  gint64 id = create (f, "Lycée agricole de Genech");

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (f, queries[i]);
      TfSearchHit *hit = find_experiment_hit (hits, id);

      g_assert_nonnull (hit);
      g_assert_cmpuint (count_kind (hits, TF_HIT_EXPERIMENT), ==, 1);
      g_assert_cmpstr (hit->field, ==, "title");
      g_assert_cmpstr (hit->text, ==, "Lycée agricole de Genech");
      g_assert_cmpstr (hit->experiment_title, ==, "Lycée agricole de Genech");
      g_assert_cmpuint (list_count_text (f, queries[i]), ==, 1);
    }

  /* A prefix, not a substring. */
  {
    g_autoptr(GPtrArray) hits = search (f, "ycee");
    g_assert_cmpuint (hits->len, ==, 0);
  }
}

static void
test_multiple_words (Fixture       *f,
                     gconstpointer  data)
{
  gint64 genech = create (f, "Lycée agricole de Genech");
  gint64 lens = create (f, "Lycée professionnel de Lens");

  {
    g_autoptr(GPtrArray) hits = search (f, "lycee");
    g_assert_cmpuint (count_kind (hits, TF_HIT_EXPERIMENT), ==, 2);
  }
  {
    g_autoptr(GPtrArray) hits = search (f, "lycee genech");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_nonnull (find_experiment_hit (hits, genech));
  }
  {
    g_autoptr(GPtrArray) hits = search (f, "Lens, lycée !");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_nonnull (find_experiment_hit (hits, lens));
  }
  /* Words from two different experiments: nothing has both. */
  {
    g_autoptr(GPtrArray) hits = search (f, "genech lens");
    g_assert_cmpuint (hits->len, ==, 0);
    g_assert_cmpuint (list_count_text (f, "genech lens"), ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits = search (f, "lycee elus");
    g_assert_cmpuint (hits->len, ==, 0);
  }
  /* Across the fields of one experiment, and within one note. */
  {
    g_autoptr(GPtrArray) hits = search (f, "innovation lille");
    g_assert_nonnull (find_experiment_hit (hits, f->demo));
    g_assert_cmpuint (hits->len, ==, 1);
  }
  {
    g_autoptr(GPtrArray) hits = search (f, "nouveaux elus delib");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_nonnull (find_item_hit (hits, DELIB_NOTE));
  }
}

static void
test_punctuation (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const queries[] = { "", " ", "?!", "…", "— ’ « »", "...", "\t\n", "()", "\"\"",
                                          "* * *", "-", "' ' '" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (f, queries[i]);
      g_assert_cmpuint (hits->len, ==, 0);
    }
  {
    g_autoptr(GPtrArray) hits = search (f, NULL);
    g_assert_cmpuint (hits->len, ==, 0);
  }
  /* The list, given no word to look for, does not filter. */
  g_assert_cmpuint (list_count_text (f, "?!"), ==, 1);
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  static const char * const queries[] = {
    "\"", "*", "NEAR(", "NEAR(élus delib", "NEAR(a b, 2)", "a OR", "OR", "AND", "NOT", "élus NOT",
    "-", "-élus", "+élus", "(", ")", "((élus", "élus))", "a AND (b", ")(", "title:élus",
    "{title theme}: élus", "^élus", "élus*", "\"élus", "x\"y\"", "'; DROP TABLE experiments; --",
    "\\", "%", "_", "élus_collab", "\x01\x02\x1f", "🙂 élus", "élus\xf0\x9f", "\xff\xfe", "élu\xc3",
    "\xc3\xa9lus\xff collab", "\xed\xa0\x80", "\xc0\xaf", "a\xe2\x80", "rowid", "experiments_fts",
    "*élus", "élus\"*", "\"\"\"", "NEAR", "near(élus)", "\xcc\x81", "\xcc\x81\xcc\x81 élus",
    "- \xcc\x81lus", "e\xcc\x81\xcc\x81\xcc\x81", "\xe0\xa4\x95\xe0\xa4\xbe", "\xd9\x8b",
  };
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GString) long_word = g_string_new (NULL);
  g_autoptr(GString) many_words = g_string_new (NULL);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  for (guint i = 0; long_text->len < 10 * 1024; i++)
    g_string_append (long_text, i % 3 ? "élus " : "collaborateurs (\"");
  while (long_word->len < 10 * 1024)
    g_string_append (long_word, "é");
  for (guint i = 0; many_words->len < 10 * 1024; i++)
    g_string_append_printf (many_words, "mot%u ", i);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    g_ptr_array_add (all, (gpointer) queries[i]);
  g_ptr_array_add (all, long_text->str);
  g_ptr_array_add (all, long_word->str);
  g_ptr_array_add (all, many_words->str);

  for (guint i = 0; i < all->len; i++)
    {
      const char *query = g_ptr_array_index (all, i);
      g_autoptr(GPtrArray) hits = search (f, query);
      g_autofree char *fts = tf_archive_build_fts_query (query);
      TfFilter filter = TF_FILTER_INIT;
      g_autoptr(GListModel) model = NULL;

      if (fts != NULL)
        g_assert_true (g_utf8_validate (fts, -1, NULL));
      filter.text = query;
      model = list (f, &filter);
      g_assert_cmpuint (g_list_model_get_n_items (model), <=, 1);
    }

  /* Nothing was harmed. */
  g_assert_cmpint (tf_archive_find_demo (f->store), ==, f->demo);
  g_assert_cmpuint (list_count_text (f, NULL), ==, 1);
  assert_fts_in_sync (f);
}

static void
test_limit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) all = search (f, "elus");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (all->len, >=, 3);
  for (guint limit = 1; limit <= all->len; limit++)
    {
      g_autoptr(GPtrArray) some = tf_archive_search (f->store, "elus", limit, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (some->len, ==, limit);
      /* The first hits of the whole list. */
      for (guint i = 0; i < limit; i++)
        {
          TfSearchHit *a = g_ptr_array_index (some, i);
          TfSearchHit *b = g_ptr_array_index (all, i);

          g_assert_cmpint (a->kind, ==, b->kind);
          g_assert_cmpint (a->experiment_id, ==, b->experiment_id);
          g_assert_cmpint (a->item_id, ==, b->item_id);
        }
    }
}

static guint
hits_for (Fixture    *f,
          const char *text,
          gint64      experiment_id,
          const char *field)
{
  g_autoptr(GPtrArray) hits = search (f, text);
  TfSearchHit *hit = find_experiment_hit (hits, experiment_id);

  assert_fts_in_sync (f);
  if (hit == NULL)
    return 0;
  if (field != NULL)
    g_assert_cmpstr (hit->field, ==, field);
  return 1;
}

static void
test_sync_fields (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const tags[] = { "agriculture", "circuits courts", NULL };
  gint64 id = create (f, "Lycée agricole");

  g_assert_cmpuint (hits_for (f, "lycee", id, "title"), ==, 1);

  tf_test_execute (f->history,
                   tf_command_set_experiment_text (id, TF_FIELD_TITLE, "Ferme pédagogique"));
  g_assert_cmpuint (hits_for (f, "ferme", id, "title"), ==, 1);
  g_assert_cmpuint (hits_for (f, "pedagogique", id, "title"), ==, 1);
  g_assert_cmpuint (hits_for (f, "lycee", id, NULL), ==, 0);
  g_assert_cmpuint (list_count_text (f, "lycee"), ==, 0);
  g_assert_cmpuint (list_count_text (f, "ferme"), ==, 1);

  tf_test_undo (f->history);
  g_assert_cmpuint (hits_for (f, "lycee", id, "title"), ==, 1);
  g_assert_cmpuint (hits_for (f, "ferme", id, NULL), ==, 0);
  g_assert_cmpuint (list_count_text (f, "ferme"), ==, 0);

  tf_test_redo (f->history);
  g_assert_cmpuint (hits_for (f, "ferme", id, "title"), ==, 1);
  g_assert_cmpuint (hits_for (f, "lycee", id, NULL), ==, 0);

  /* Every text field is searchable. */
  tf_test_execute (f->history,
                   tf_command_set_experiment_text (id, TF_FIELD_LESSONS, "Mutualiser les tracteurs"));
  {
    g_autoptr(GPtrArray) hits = search (f, "tracteurs");
    TfSearchHit *hit = find_experiment_hit (hits, id);

    g_assert_nonnull (hit);
    g_assert_cmpstr (hit->field, ==, "lessons");
    g_assert_cmpstr (hit->text, ==, "Mutualiser les tracteurs");
  }
  tf_test_undo (f->history);
  g_assert_cmpuint (hits_for (f, "tracteurs", id, NULL), ==, 0);
  tf_test_redo (f->history);
  g_assert_cmpuint (hits_for (f, "tracteurs", id, "lessons"), ==, 1);

  tf_test_execute (f->history,
                   tf_command_set_experiment_text (id, TF_FIELD_TERRITORY, "Flandre intérieure"));
  g_assert_cmpuint (hits_for (f, "flandre", id, "territory"), ==, 1);
  tf_test_execute (f->history,
                   tf_command_set_experiment_text (id, TF_FIELD_TEAM, "Agronome\nDesigner"));
  g_assert_cmpuint (hits_for (f, "agronome", id, "team"), ==, 1);

  /* Tags. */
  tf_test_execute (f->history, tf_command_set_experiment_tags (id, tags));
  g_assert_cmpuint (hits_for (f, "agricult", id, "tags"), ==, 1);
  g_assert_cmpuint (hits_for (f, "circuits courts", id, "tags"), ==, 1);
  tf_test_undo (f->history);
  g_assert_cmpuint (hits_for (f, "agricult", id, NULL), ==, 0);
  tf_test_redo (f->history);
  g_assert_cmpuint (hits_for (f, "courts", id, "tags"), ==, 1);
}

static void
test_sync_boards (Fixture       *f,
                  gconstpointer  data)
{
  gint64 id = create (f, "Semences paysannes");
  gint64 board;

  tf_test_execute (f->history, tf_command_set_experiment_text (id, TF_FIELD_TITLE, "Graines"));
  board = tf_test_execute (f->history,
                           tf_command_add_board (id, "actor-map", "Cartographie des semenciers"));
  g_assert_cmpuint (hits_for (f, "semenciers", id, "boards"), ==, 1);

  tf_test_execute (f->history, tf_command_rename_board (board, "Plan des récoltes"));
  g_assert_cmpuint (hits_for (f, "semenciers", id, NULL), ==, 0);
  g_assert_cmpuint (hits_for (f, "recoltes", id, "boards"), ==, 1);
  tf_test_undo (f->history);
  g_assert_cmpuint (hits_for (f, "semenciers", id, "boards"), ==, 1);
  g_assert_cmpuint (hits_for (f, "recoltes", id, NULL), ==, 0);
  tf_test_redo (f->history);
  g_assert_cmpuint (hits_for (f, "recoltes", id, "boards"), ==, 1);

  tf_test_execute (f->history, tf_command_delete_board (board));
  g_assert_cmpuint (hits_for (f, "recoltes", id, NULL), ==, 0);
  tf_test_undo (f->history);
  g_assert_cmpuint (hits_for (f, "recoltes", id, "boards"), ==, 1);

  /* Deleting the experiment removes all of it from the index, and undo
   * brings it back. */
  tf_test_execute (f->history, tf_command_delete_experiment (id));
  g_assert_cmpuint (hits_for (f, "graines", id, NULL), ==, 0);
  g_assert_cmpuint (hits_for (f, "recoltes", id, NULL), ==, 0);
  tf_test_undo (f->history);
  g_assert_cmpuint (hits_for (f, "graines", id, "title"), ==, 1);
  g_assert_cmpuint (hits_for (f, "recoltes", id, "boards"), ==, 1);
}

static void
test_sync_items (Fixture       *f,
                 gconstpointer  data)
{
  gint64 item_id, copy;

  {
    g_autoptr(GPtrArray) hits = search (f, "delib");
    g_assert_cmpuint (hits->len, ==, 1);
    item_id = ((TfSearchHit *) g_ptr_array_index (hits, 0))->item_id;
  }

  tf_test_execute (f->history, tf_command_delete_experiment (f->demo));
  assert_fts_in_sync (f);
  {
    g_autoptr(GPtrArray) hits = search (f, "delib");
    g_assert_cmpuint (hits->len, ==, 0);
    g_assert_cmpuint (list_count_text (f, "delib"), ==, 0);
  }
  tf_test_undo (f->history);
  assert_fts_in_sync (f);
  {
    g_autoptr(GPtrArray) hits = search (f, "delib");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (((TfSearchHit *) g_ptr_array_index (hits, 0))->item_id, ==, item_id);
    g_assert_cmpuint (list_count_text (f, "delib"), ==, 1);
  }
  tf_test_redo (f->history);
  assert_fts_in_sync (f);
  {
    g_autoptr(GPtrArray) hits = search (f, "delib");
    g_assert_cmpuint (hits->len, ==, 0);
  }
  tf_test_undo (f->history);

  /* A copy with its notes: the note is found twice, once in each. */
  copy = tf_test_execute (f->history, tf_command_duplicate_experiment (f->demo, TRUE));
  assert_fts_in_sync (f);
  {
    g_autoptr(GPtrArray) hits = search (f, "delib");
    g_assert_cmpuint (hits->len, ==, 2);
    g_assert_cmpint (((TfSearchHit *) g_ptr_array_index (hits, 0))->experiment_id, ==, f->demo);
    g_assert_cmpint (((TfSearchHit *) g_ptr_array_index (hits, 1))->experiment_id, ==, copy);
    g_assert_cmpuint (list_count_text (f, "delib"), ==, 2);
  }
  tf_test_undo (f->history);
  assert_fts_in_sync (f);
  {
    g_autoptr(GPtrArray) hits = search (f, "delib");
    g_assert_cmpuint (hits->len, ==, 1);
  }
}

/* Pango markup is XML once put in an element. */
static void
assert_well_formed (const char *markup)
{
  static const GMarkupParser parser = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_strdup_printf ("<markup>%s</markup>", markup);
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);

  g_assert_true (g_markup_parse_context_parse (context, xml, -1, &error) &&
                 g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
}

/* A search says where it matched: the words found in bold, on accents and
 * case folded, all the rest escaped for Pango markup. */
static void
test_excerpt (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (f, "Élèves <3 & profs");
  g_autofree char *theme = NULL;
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  g_autofree char *none = NULL;
  g_autofree char *marked = NULL;

  /* A field: its name, then the text around the word. */
  theme = tf_archive_search_excerpt (f->store, f->demo, "elus", &error);
  g_assert_no_error (error);
  g_assert_nonnull (theme);
  g_assert_true (g_str_has_prefix (theme, tf_experiment_field_get_label (TF_FIELD_THEME)));
  g_assert_nonnull (strstr (theme, "des <b>élus</b> régionaux"));

  title = tf_archive_search_excerpt (f->store, id, "ELEVES", &error);
  g_assert_no_error (error);
  g_assert_nonnull (title);
  g_assert_nonnull (strstr (title, "<b>Élèves</b> &lt;3 &amp; profs"));
  assert_well_formed (title);
  assert_well_formed (note);

  /* A note on a board: the board's name, then an excerpt of the note. */
  note = tf_archive_search_excerpt (f->store, f->demo, "delib", &error);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, " — "));
  g_test_message ("%s", note);
  g_assert_nonnull (strstr (note, "<b>délib</b>’"));
  g_assert_null (strstr (note, "Élèves"));

  /* Nothing matches there: no excerpt, no error. */
  none = tf_archive_search_excerpt (f->store, id, "elus", &error);
  g_assert_no_error (error);
  g_assert_null (none);

  marked = tf_archive_mark_excerpt ("a <i>\x01" "b&c\x02\nd", "\x01", "\x02");
  g_assert_cmpstr (marked, ==, "a &lt;i&gt;<b>b&amp;c</b> d");
}

/* Experiments to filter and sort, besides the demo (review, done, 2009-10-01,
 * tags résidence, élus, collaborateurs, 27e Région). */
static void
add_listing (Fixture *f)
{
  static const struct {
    const char *title;
    TfPhase     phase;
    TfStatus    status;
    const char *start;
    const char *tags[3];
  } rows[] = {
    { "Forum ouvert",              TF_PHASE_IMMERSION,   TF_STATUS_DRAFT,  "",           { "citoyens", "forum", NULL } },
    { "Évaluation des politiques", TF_PHASE_REVIEW,      TF_STATUS_DONE,   "2010-05-01", { "évaluation", NULL } },
    { "Dialogue citoyen",          TF_PHASE_CODESIGN,    TF_STATUS_ACTIVE, "2011-03-01", { "citoyens", NULL } },
    { "atelier vélo",              TF_PHASE_PROTOTYPING, TF_STATUS_ACTIVE, "",           { NULL } },
    { "Lycée agricole",            TF_PHASE_PROTOTYPING, TF_STATUS_ACTIVE, "2012-09-01", { "élus", NULL } },
    { "Zone d'activité",           TF_PHASE_CODESIGN,    TF_STATUS_ABANDONED, "2008-01-15", { NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(TfExperiment) draft = tf_experiment_new (rows[i].title);

      tf_experiment_set_phase (draft, rows[i].phase);
      tf_experiment_set_status (draft, rows[i].status);
      tf_experiment_set_text (draft, TF_FIELD_START_DATE, rows[i].start);
      tf_experiment_set_tags (draft, rows[i].tags);
      tf_test_execute (f->history, tf_command_create_experiment (draft));
    }
}

static void
assert_listing (Fixture        *f,
                const TfFilter *filter,
                const char     *expected)
{
  g_autofree char *titles = list_titles (f, filter);

  g_assert_cmpstr (titles, ==, expected);
}

static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  TfFilter filter = TF_FILTER_INIT;

  add_listing (f);
  filter.sort = TF_SORT_TITLE;

  assert_listing (f, &filter,
                  "atelier vélo\nDialogue citoyen\nÉvaluation des politiques\nForum ouvert\n"
                  DEMO_TITLE "\nLycée agricole\nZone d'activité\n");

  filter.phase = TF_PHASE_REVIEW;
  assert_listing (f, &filter, "Évaluation des politiques\n" DEMO_TITLE "\n");
  filter.phase = TF_PHASE_PROTOTYPING;
  assert_listing (f, &filter, "atelier vélo\nLycée agricole\n");
  filter.phase = TF_PHASE_STORYTELLING;
  assert_listing (f, &filter, "");
  filter.phase = -1;

  filter.status = TF_STATUS_ACTIVE;
  assert_listing (f, &filter, "atelier vélo\nDialogue citoyen\nLycée agricole\n");
  filter.status = TF_STATUS_ABANDONED;
  assert_listing (f, &filter, "Zone d'activité\n");
  filter.status = -1;

  filter.tag = "citoyens";
  assert_listing (f, &filter, "Dialogue citoyen\nForum ouvert\n");
  filter.tag = "élus";
  assert_listing (f, &filter, DEMO_TITLE "\nLycée agricole\n");
  filter.tag = "inconnu";
  assert_listing (f, &filter, "");
  filter.tag = "";
  assert_listing (f, &filter,
                  "atelier vélo\nDialogue citoyen\nÉvaluation des politiques\nForum ouvert\n"
                  DEMO_TITLE "\nLycée agricole\nZone d'activité\n");
  filter.tag = NULL;

  /* Text: titles, tags and the notes on the boards. */
  filter.text = "citoyen";
  assert_listing (f, &filter, "Dialogue citoyen\nForum ouvert\n");
  filter.text = "evaluation";
  assert_listing (f, &filter, "Évaluation des politiques\n");
  filter.text = "velo";
  assert_listing (f, &filter, "atelier vélo\n");
  filter.text = "repondeur";
  assert_listing (f, &filter, DEMO_TITLE "\n");
  filter.text = "";
  assert_listing (f, &filter,
                  "atelier vélo\nDialogue citoyen\nÉvaluation des politiques\nForum ouvert\n"
                  DEMO_TITLE "\nLycée agricole\nZone d'activité\n");

  /* Every criterion at once. */
  filter.text = "citoyen";
  filter.phase = TF_PHASE_CODESIGN;
  filter.status = TF_STATUS_ACTIVE;
  filter.tag = "citoyens";
  assert_listing (f, &filter, "Dialogue citoyen\n");
  filter.status = TF_STATUS_DRAFT;
  assert_listing (f, &filter, "");

  /* The listing carries each experiment's tags and board count. */
  {
    TfFilter all = TF_FILTER_INIT;
    g_autoptr(GListModel) model = NULL;

    all.text = "forum";
    model = list (f, &all);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    {
      g_autoptr(TfExperiment) e = g_list_model_get_item (model, 0);
      const char * const *tags = tf_experiment_get_tags (e);

      g_assert_cmpstr (tags[0], ==, "citoyens");
      g_assert_cmpstr (tags[1], ==, "forum");
      g_assert_null (tags[2]);
      g_assert_cmpint (tf_experiment_get_phase (e), ==, TF_PHASE_IMMERSION);
      g_assert_cmpuint (tf_experiment_get_board_count (e), ==, 0);
    }
  }
  /* Every tag in use, once. */
  {
    static const char * const expected[] = { "27e Région", "citoyens", "collaborateurs", "forum",
                                             "résidence", "élus", "évaluation", NULL };
    g_auto(GStrv) tags = tf_archive_list_tags (f->store, NULL);

    g_assert_cmpuint (g_strv_length (tags), ==, g_strv_length ((char **) expected));
    for (guint i = 0; expected[i] != NULL; i++)
      g_assert_true (g_strv_contains ((const char * const *) tags, expected[i]));
  }
}

static void
test_list_sort (Fixture       *f,
                gconstpointer  data)
{
  TfFilter filter = TF_FILTER_INIT;

  add_listing (f);

  /* Accents and case do not push "Évaluation" or "atelier" out of place. */
  filter.sort = TF_SORT_TITLE;
  assert_listing (f, &filter,
                  "atelier vélo\nDialogue citoyen\nÉvaluation des politiques\nForum ouvert\n"
                  DEMO_TITLE "\nLycée agricole\nZone d'activité\n");

  /* Newest start first; undated last, newest created first. */
  filter.sort = TF_SORT_DATE;
  assert_listing (f, &filter,
                  "Lycée agricole\nDialogue citoyen\nÉvaluation des politiques\n" DEMO_TITLE "\n"
                  "Zone d'activité\natelier vélo\nForum ouvert\n");

  /* Undoing a date change puts the experiment back in its place. */
  {
    g_autoptr(GListModel) model = list (f, &filter);
    g_autoptr(TfExperiment) forum = g_list_model_get_item (model, 6);

    tf_test_execute (f->history,
                     tf_command_set_experiment_text (tf_experiment_get_id (forum), TF_FIELD_START_DATE,
                                                     "2013-01-10"));
    assert_listing (f, &filter,
                    "Forum ouvert\nLycée agricole\nDialogue citoyen\nÉvaluation des politiques\n"
                    DEMO_TITLE "\nZone d'activité\natelier vélo\n");
    tf_test_undo (f->history);
    assert_listing (f, &filter,
                    "Lycée agricole\nDialogue citoyen\nÉvaluation des politiques\n" DEMO_TITLE "\n"
                    "Zone d'activité\natelier vélo\nForum ouvert\n");
  }

  /* Last modified first. */
  filter.sort = TF_SORT_MODIFIED;
  {
    g_autoptr(GListModel) model = list (f, &filter);
    g_autoptr(TfExperiment) last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
    g_autoptr(GListModel) after = NULL;
    g_autoptr(TfExperiment) first = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 7);
    /* Sleep past the timestamp's resolution so the edit is strictly newer. */
    g_usleep (2000);
    tf_test_execute (f->history, tf_command_set_experiment_text (tf_experiment_get_id (last), TF_FIELD_PLACE, "Roubaix"));
    after = list (f, &filter);
    first = g_list_model_get_item (after, 0);
    g_assert_cmpint (tf_experiment_get_id (first), ==, tf_experiment_get_id (last));
  }
}

static void
test_build_fts_query (void)
{
  static const struct {
    const char *text;
    const char *query;
  } cases[] = {
    { NULL, NULL },
    { "", NULL },
    { "   ", NULL },
    { "?!…", NULL },
    { "élus", "\"élus\"*" },
    { "  ÉLUS  ", "\"ÉLUS\"*" },
    { "délib’", "\"délib\"*" },
    { "élus collaborateurs", "\"élus\"* \"collaborateurs\"*" },
    { "l'innovation", "\"l\"* \"innovation\"*" },
    { "a OR b", "\"a\"* \"OR\"* \"b\"*" },
    { "NEAR(élus", "\"NEAR\"* \"élus\"*" },
    { "x\"y", "\"x\"* \"y\"*" },
    { "-élus*", "\"élus\"*" },
    { "2009-10", "\"2009\"* \"10\"*" },
    { "27e Région", "\"27e\"* \"Région\"*" },
    { "title:élus", "\"title\"* \"élus\"*" },
    { "élus_collab", "\"élus\"* \"collab\"*" },
    /* A combining accent belongs to its word; alone it is no word. */
    { "de\xcc\x81lib", "\"de\xcc\x81lib\"*" },
    { "\xcc\x81 x", "\"x\"*" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = tf_archive_build_fts_query (cases[i].text);

      g_assert_cmpstr (query, ==, cases[i].query);
    }

  /* Invalid UTF-8 never reaches the query. */
  {
    static const char * const invalid[] = { "\xff", "\xc3", "abc\xff" "def", "\xed\xa0\x80", "élu\xc3" };

    for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
      {
        g_autofree char *query = tf_archive_build_fts_query (invalid[i]);

        if (query != NULL)
          {
            g_assert_true (g_utf8_validate (query, -1, NULL));
            g_assert_true (g_str_has_prefix (query, "\""));
          }
      }
  }
}

#define ADD(path, func) \
  g_test_add ("/transfo/search/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  ADD ("accents/delib", test_delib);
  ADD ("accents/elus", test_elus);
  ADD ("accents/lycee", test_lycee);
  ADD ("accents/decomposed", test_decomposed_accents);
  ADD ("words/and", test_multiple_words);
  ADD ("words/punctuation", test_punctuation);
  ADD ("words/hostile", test_hostile);
  ADD ("excerpt", test_excerpt);
  ADD ("limit", test_limit);
  ADD ("sync/fields", test_sync_fields);
  ADD ("sync/boards", test_sync_boards);
  ADD ("sync/items", test_sync_items);
  ADD ("list/filters", test_list_filters);
  ADD ("list/sort", test_list_sort);
  g_test_add_func ("/transfo/search/build-fts-query", test_build_fts_query);

  return g_test_run ();
}
