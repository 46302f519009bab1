/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "tf-archive.h"
#include "tf-bin.h"
#include "tf-bundle.h"
#include "tf-demo.h"
#include "tf-experiment-commands.h"
#include "tf-history.h"
#include "tf-store-private.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* Every edit command, run forwards, undone and redone through TfHistory, with
 * the archive read back after each step. */

#define DEMO_TITLE "Laboratoire d'innovation régional — Nord-Pas de Calais"
#define DEMO_BLUEPRINT "Kit du mandat régional — les premières semaines d’un élu"
#define DEMO_MOCKUP "Couverture du Kit sur le bureau d’un élu"

/* Each test works on an archive in a directory of its own, removed when it
 * passed (see test-store.c for why not G_TEST_OPTION_ISOLATE_DIRS). */
typedef struct {
  char      *dir;
  TfStore   *store;
  TfHistory *history;
  GArray    *changes;      /* every TfChange since the last reset */
  guint      n_emissions;
} Fixture;

static void
on_changed (TfStore  *store,
            GArray   *changes,
            gpointer  user_data)
{
  Fixture *f = user_data;

  g_assert_cmpuint (changes->len, >, 0);
  f->n_emissions++;
  g_array_append_vals (f->changes, changes->data, changes->len);
}

static void
reset_changes (Fixture *f)
{
  g_array_set_size (f->changes, 0);
  f->n_emissions = 0;
}

static gboolean
saw (Fixture    *f,
     const char *table,
     TfChangeOp  op,
     gint64      id)
{
  for (guint i = 0; i < f->changes->len; i++)
    {
      TfChange *change = &g_array_index (f->changes, TfChange, i);

      if (g_str_equal (change->table, table) && change->op == op && (id == 0 || change->id == id))
        return TRUE;
    }
  return FALSE;
}

static guint
count_seen (Fixture    *f,
            const char *table,
            TfChangeOp  op)
{
  guint n = 0;

  for (guint i = 0; i < f->changes->len; i++)
    {
      TfChange *change = &g_array_index (f->changes, TfChange, i);

      if (g_str_equal (change->table, table) && change->op == op)
        n++;
    }
  return n;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gboolean with_demo = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = tf_test_make_dir ("test-commands");
  path = g_build_filename (f->dir, "archive.sqlite", NULL);
  f->store = tf_test_store_open (path,
                            TF_STORE_OPEN_CREATE | (with_demo ? 0 : TF_STORE_OPEN_NO_DEMO),
                            &error);
  g_assert_no_error (error);
  f->history = tf_history_new (f->store);
  f->changes = g_array_new (FALSE, FALSE, sizeof (TfChange));
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tf_store_check_integrity (f->store, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (f->history);
  g_assert_finalize_object (f->store);
  g_array_unref (f->changes);
  tf_test_remove_tree (f->dir);
  g_free (f->dir);
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
  sqlite3_bind_int64 (stmt, 1, arg);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The rows of one query, one line each, every value with its type. */
static void
dump_query (GString    *out,
            sqlite3    *sqlite,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (sqlite, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (sqlite));
  g_string_append_printf (out, "== %s\n", sql);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          int type = sqlite3_column_type (stmt, c);

          if (c > 0)
            g_string_append_c (out, '|');
          if (type == SQLITE_NULL)
            g_string_append (out, "NULL");
          else if (type == SQLITE_BLOB)
            {
              const guint8 *blob = sqlite3_column_blob (stmt, c);

              g_string_append (out, "x'");
              for (int i = 0; i < sqlite3_column_bytes (stmt, c); i++)
                g_string_append_printf (out, "%02x", blob[i]);
              g_string_append_c (out, '\'');
            }
          else
            g_string_append_printf (out, "%d:%s", type, sqlite3_column_text (stmt, c));
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static int compare_strings (gconstpointer a,
                            gconstpointer b);

/* The search document of each experiment. The tags and boards columns
 * are compared as sets of words: their order follows when the document was
 * last rebuilt (moving a board does not rebuild it), not the archive. */
static void
dump_search_documents (GString *out,
                       Fixture *f)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db (f), "SELECT rowid, * FROM experiments_fts ORDER BY rowid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_string_append (out, "== experiments_fts\n");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *name = sqlite3_column_name (stmt, c);
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          if (c > 0)
            g_string_append_c (out, '|');
          if (text != NULL && (g_str_equal (name, "tags") || g_str_equal (name, "boards")))
            {
              g_auto(GStrv) words = g_strsplit (text, " ", -1);
              g_autofree char *sorted = NULL;

              qsort (words, g_strv_length (words), sizeof (char *), (GCompareFunc) compare_strings);
              sorted = g_strjoinv (" ", words);
              g_string_append (out, sorted);
            }
          else
            g_string_append (out, text ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every tracked table ordered by its primary key, then the search documents
 * of the experiments: two states of the archive are the same if their dumps are. */
static char *
dump_archive (Fixture *f)
{
  GString *out = g_string_new (NULL);

  for (guint t = 0; tf_schema_tracked_tables[t] != NULL; t++)
    {
      const char *table = tf_schema_tracked_tables[t];
      g_autofree char *info_sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')"
                                                   " WHERE pk > 0 ORDER BY pk", table);
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *order = NULL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db (f), info_sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
      g_assert_cmpuint (keys->len, >, 0);
      g_ptr_array_add (keys, NULL);

      order = g_strjoinv (", ", (char **) keys->pdata);
      sql = g_strdup_printf ("SELECT * FROM %s ORDER BY %s", table, order);
      dump_query (out, db (f), sql);
    }
  dump_search_documents (out, f);

  return g_string_free (out, FALSE);
}

/* Compares two dumps and, when they differ, shows the first differing row
 * rather than two pages of text. */
#define assert_same_dump(now, expected) assert_same_dump_impl (now, expected, __FILE__, __LINE__)

static void
assert_same_dump_impl (const char *now,
                       const char *expected,
                       const char *file,
                       int         line)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  const char *table = "?";

  if (g_strcmp0 (now, expected) == 0)
    return;
  a = g_strsplit (now, "\n", -1);
  b = g_strsplit (expected, "\n", -1);
  for (guint i = 0; a[i] != NULL || b[i] != NULL; i++)
    {
      if (a[i] != NULL && g_str_has_prefix (a[i], "== "))
        table = a[i];
      if (a[i] == NULL || b[i] == NULL || !g_str_equal (a[i], b[i]))
        g_error ("%s:%d: the archive differs from the expected state in %s, row %u:\n"
                 "  is:        %.400s\n  should be: %.400s",
                 file, line, table, i, a[i] ? a[i] : "(nothing)", b[i] ? b[i] : "(nothing)");
    }
}

/* Both full-text indexes agree with the rows they index. */
static void
assert_fts_in_sync (Fixture *f)
{
  char *msg = NULL;

  if (sqlite3_exec (db (f),
                    "INSERT INTO items_fts (items_fts) VALUES ('integrity-check');"
                    "INSERT INTO experiments_fts (experiments_fts) VALUES ('integrity-check');",
                    NULL, NULL, &msg) != SQLITE_OK)
    g_error ("full-text index out of sync: %s", msg);
  g_assert_cmpint (sql_int (f, "SELECT count(*) - ?1 FROM experiments", 0), ==,
                   sql_int (f, "SELECT count(*) - ?1 FROM experiments_fts", 0));
}

static gint64
run (Fixture   *f,
     TfCommand *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfCommand) owned = command;

  g_autofree char *undo_before = NULL;

  g_assert_nonnull (command);
  g_assert_false (tf_command_get_done (command));
  undo_before = g_strdup (tf_history_get_undo_label (f->history));
  g_assert_true (tf_history_execute (f->history, command, &error));
  g_assert_no_error (error);
  g_assert_true (tf_command_get_done (command));
  if (g_bytes_get_size (tf_command_get_changeset (command)) == 0)
    {
      /* An edit that changed nothing is not pushed: the last undo stays. */
      g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, undo_before);
      assert_fts_in_sync (f);
      return tf_command_get_result_id (command);
    }
  g_assert_true (tf_history_get_can_undo (f->history));
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, tf_command_get_label (command));
  g_assert_false (tf_history_get_can_redo (f->history));
  assert_fts_in_sync (f);
  return tf_command_get_result_id (command);
}

/* A refused command writes nothing, tells nobody and leaves the history alone. */
static void
run_fails (Fixture    *f,
           TfCommand  *command,
           GQuark      domain,
           int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfCommand) owned = command;
  g_autofree char *before = dump_archive (f);
  g_autofree char *after = NULL;
  g_autofree char *undo_label = g_strdup (tf_history_get_undo_label (f->history));
  gboolean can_undo = tf_history_get_can_undo (f->history);
  gboolean can_redo = tf_history_get_can_redo (f->history);
  guint emissions = f->n_emissions;

  g_assert_nonnull (command);
  g_assert_false (tf_history_execute (f->history, command, &error));
  g_assert_error (error, domain, code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_false (tf_command_get_done (command));

  after = dump_archive (f);
  assert_same_dump (after, before);
  g_assert_cmpuint (f->n_emissions, ==, emissions);
  g_assert_cmpint (tf_history_get_can_undo (f->history), ==, can_undo);
  g_assert_cmpint (tf_history_get_can_redo (f->history), ==, can_redo);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, undo_label);
}

static void
undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tf_history_get_can_undo (f->history));
  g_assert_true (tf_history_undo (f->history, &error));
  g_assert_no_error (error);
  g_assert_true (tf_history_get_can_redo (f->history));
  assert_fts_in_sync (f);
}

static void
redo (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tf_history_get_can_redo (f->history));
  g_assert_true (tf_history_redo (f->history, &error));
  g_assert_no_error (error);
  g_assert_true (tf_history_get_can_undo (f->history));
  assert_fts_in_sync (f);
}

static TfExperiment *
get_experiment (Fixture *f,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  TfExperiment *experiment = tf_archive_get_experiment (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (tf_experiment_get_id (experiment), ==, id);
  return experiment;
}

static void
assert_no_experiment (Fixture *f,
                      gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExperiment) experiment = tf_archive_get_experiment (f->store, id, &error);

  g_assert_null (experiment);
  g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
}

static guint
count_experiments (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) list = tf_archive_list_experiments (f->store, NULL, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
assert_tags (TfExperiment *experiment,
             ...)
{
  const char * const *tags = tf_experiment_get_tags (experiment);
  const char *expected;
  guint i = 0;
  va_list args;

  va_start (args, experiment);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (tags[i]);
      g_assert_cmpstr (tags[i], ==, expected);
      i++;
    }
  va_end (args);
  g_assert_null (tags[i]);
}

static GListStore *
list_boards (Fixture *f,
             gint64   experiment_id)
{
  g_autoptr(GError) error = NULL;
  GListStore *boards = tf_archive_list_boards (f->store, experiment_id, &error);

  g_assert_no_error (error);
  return boards;
}

/* The boards of an experiment, by name in list order; positions must be
 * their 0-based index, since the interface moves boards by position. */
static void
assert_boards (Fixture *f,
               gint64   experiment_id,
               ...)
{
  g_autoptr(GListStore) boards = list_boards (f, experiment_id);
  g_autoptr(TfExperiment) experiment = get_experiment (f, experiment_id);
  const char *expected;
  guint i = 0;
  va_list args;

  va_start (args, experiment_id);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);

      g_assert_nonnull (board);
      g_assert_cmpstr (tf_board_get_name (board), ==, expected);
      g_assert_cmpint (tf_board_get_experiment_id (board), ==, experiment_id);
      g_assert_cmpint (tf_board_get_position (board), ==, (int) i);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (boards)), ==, i);
  g_assert_cmpuint (tf_experiment_get_board_count (experiment), ==, i);
}

static gint64
board_at (Fixture *f,
          gint64   experiment_id,
          guint    index)
{
  g_autoptr(GListStore) boards = list_boards (f, experiment_id);
  g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), index);

  g_assert_nonnull (board);
  return tf_board_get_id (board);
}

static gint64
create (Fixture    *f,
        const char *title)
{
  g_autoptr(TfExperiment) draft = tf_experiment_new (title);

  return run (f, tf_command_create_experiment (draft));
}

static void
test_create_experiment (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const tags[] = { "mobilité", "  vélo ", "Mobilité", "", "   ", "bus", NULL };
  g_autoptr(TfExperiment) draft = tf_experiment_new ("  Atelier mobilité  ");
  g_autoptr(TfExperiment) created = NULL;
  g_autofree char *before = dump_archive (f);
  g_autofree char *after = NULL;
  g_autofree char *uuid = NULL;
  g_auto(GStrv) all_tags = NULL;
  gint64 id;

  tf_experiment_set_text (draft, TF_FIELD_THEME, "Se déplacer sans voiture");
  tf_experiment_set_text (draft, TF_FIELD_PLACE, "Béthune");
  tf_experiment_set_text (draft, TF_FIELD_START_DATE, "2010-03-01");
  tf_experiment_set_text (draft, TF_FIELD_END_DATE, "2010-03-21");
  tf_experiment_set_text (draft, TF_FIELD_TEAM, "Designer de service\nPolitiste");
  tf_experiment_set_phase (draft, TF_PHASE_CODESIGN);
  tf_experiment_set_status (draft, TF_STATUS_ACTIVE);
  tf_experiment_set_tags (draft, tags);
  /* The draft's id is not used. */
  tf_experiment_set_id (draft, 4242);

  id = run (f, tf_command_create_experiment (draft));
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (id, !=, 4242);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Create experiment");

  created = get_experiment (f, id);
  g_assert_cmpstr (tf_experiment_get_title (created), ==, "Atelier mobilité");
  g_assert_cmpstr (tf_experiment_get_text (created, TF_FIELD_THEME), ==, "Se déplacer sans voiture");
  g_assert_cmpstr (tf_experiment_get_text (created, TF_FIELD_PLACE), ==, "Béthune");
  g_assert_cmpstr (tf_experiment_get_text (created, TF_FIELD_START_DATE), ==, "2010-03-01");
  g_assert_cmpstr (tf_experiment_get_text (created, TF_FIELD_END_DATE), ==, "2010-03-21");
  g_assert_cmpstr (tf_experiment_get_text (created, TF_FIELD_TEAM), ==, "Designer de service\nPolitiste");
  g_assert_cmpstr (tf_experiment_get_text (created, TF_FIELD_LESSONS), ==, "");
  g_assert_cmpint (tf_experiment_get_phase (created), ==, TF_PHASE_CODESIGN);
  g_assert_cmpint (tf_experiment_get_status (created), ==, TF_STATUS_ACTIVE);
  g_assert_cmpuint (tf_experiment_get_board_count (created), ==, 0);
  g_assert_true (g_uuid_string_is_valid (tf_experiment_get_uuid (created)));
  g_assert_cmpstr (tf_experiment_get_created (created), !=, "");
  assert_tags (created, "mobilité", "vélo", "bus", NULL);
  uuid = g_strdup (tf_experiment_get_uuid (created));

  g_assert_cmpuint (f->n_emissions, ==, 1);
  g_assert_true (saw (f, "experiments", TF_CHANGE_INSERT, id));
  g_assert_true (saw (f, "experiment_tags", TF_CHANGE_INSERT, id));
  g_assert_cmpuint (count_seen (f, "experiment_tags", TF_CHANGE_INSERT), ==, 3);
  g_assert_cmpuint (count_seen (f, "tags", TF_CHANGE_INSERT), ==, 3);
  after = dump_archive (f);

  reset_changes (f);
  undo (f);
  assert_no_experiment (f, id);
  g_assert_cmpuint (count_experiments (f), ==, 0);
  all_tags = tf_archive_list_tags (f->store, NULL);
  g_assert_cmpuint (g_strv_length (all_tags), ==, 0);
  g_assert_cmpuint (f->n_emissions, ==, 1);
  g_assert_true (saw (f, "experiments", TF_CHANGE_DELETE, id));
  g_assert_true (saw (f, "experiment_tags", TF_CHANGE_DELETE, id));
  {
    g_autofree char *now = dump_archive (f);
    assert_same_dump (now, before);
  }

  reset_changes (f);
  redo (f);
  g_clear_object (&created);
  created = get_experiment (f, id);
  g_assert_cmpstr (tf_experiment_get_uuid (created), ==, uuid);
  assert_tags (created, "mobilité", "vélo", "bus", NULL);
  g_assert_true (saw (f, "experiments", TF_CHANGE_INSERT, id));
  {
    g_autofree char *now = dump_archive (f);
    assert_same_dump (now, after);
  }
}

/* A title is trimmed the same way whether it is typed at creation or edited
 * later: tabs and newlines included. */
static void
test_create_experiment_trim (Fixture       *f,
                             gconstpointer  data)
{
  static const char typed[] = "\t Atelier mobilité \n";
  g_autoptr(TfExperiment) draft = tf_experiment_new (typed);
  gint64 created = run (f, tf_command_create_experiment (draft));
  gint64 edited = create (f, "Autre");
  g_autoptr(TfExperiment) a = NULL;
  g_autoptr(TfExperiment) b = NULL;

  run (f, tf_command_set_experiment_text (edited, TF_FIELD_TITLE, typed));
  a = get_experiment (f, created);
  b = get_experiment (f, edited);
  g_assert_cmpstr (tf_experiment_get_title (b), ==, "Atelier mobilité");
  g_assert_cmpstr (tf_experiment_get_title (a), ==, "Atelier mobilité");
}

static void
test_create_experiment_invalid (Fixture       *f,
                                gconstpointer  data)
{
  static const char * const titles[] = { "", "   ", "\t\n" };
  static const char * const dates[] = { "2009-13-01", "2009-02-30", "hier", "2009-1-1",
                                        "2009/10/01", "20091001", " 2009-10-01", "2009-10-01T10:00" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(TfExperiment) draft = tf_experiment_new (titles[i]);
      run_fails (f, tf_command_create_experiment (draft), TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(TfExperiment) draft = tf_experiment_new ("Daté");

      tf_experiment_set_text (draft, i % 2 ? TF_FIELD_END_DATE : TF_FIELD_START_DATE, dates[i]);
      run_fails (f, tf_command_create_experiment (draft), TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
    }
  {
    g_autoptr(TfExperiment) draft = tf_experiment_new ("Texte");

    tf_experiment_set_text (draft, TF_FIELD_CONTEXT, "caf\xc3 \xff");
    run_fails (f, tf_command_create_experiment (draft), TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  }
  g_assert_cmpuint (count_experiments (f), ==, 0);
  g_assert_false (tf_history_get_can_undo (f->history));
  g_assert_cmpuint (f->n_emissions, ==, 0);
}

static const char *
value_for (TfExperimentField field)
{
  switch (field)
    {
    case TF_FIELD_TITLE:      return "Résidence au lycée";
    case TF_FIELD_START_DATE: return "2011-02-28";
    case TF_FIELD_END_DATE:   return "2012-02-29";
    case TF_FIELD_TEAM:       return "Designer\nAnthropologue";
    case TF_FIELD_CONTEXT:    return "Ligne 1\n\nLigne 3 « guillemets » — tiret";
    default:                  return "Valeur ✓ éàç";
    }
}

static void
test_set_text (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = create (f, "Ancien titre");

  for (TfExperimentField field = 0; field < TF_N_FIELDS; field++)
    {
      g_autoptr(TfExperiment) before = get_experiment (f, id);
      g_autoptr(TfExperiment) after = NULL;
      g_autoptr(TfExperiment) undone = NULL;
      g_autoptr(TfExperiment) redone = NULL;
      g_autofree char *dump_before = dump_archive (f);
      g_autofree char *dump_after = NULL;
      g_autofree char *label = g_strdup_printf ("Edit %s", tf_experiment_field_get_label (field));
      const char *value = value_for (field);

      reset_changes (f);
      g_assert_cmpint (run (f, tf_command_set_experiment_text (id, field, value)), ==, id);
      g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, label);
      g_assert_cmpuint (f->n_emissions, ==, 1);
      g_assert_true (saw (f, "experiments", TF_CHANGE_UPDATE, id));

      after = get_experiment (f, id);
      for (TfExperimentField other = 0; other < TF_N_FIELDS; other++)
        g_assert_cmpstr (tf_experiment_get_text (after, other), ==,
                         other == field ? value : tf_experiment_get_text (before, other));
      g_assert_cmpstr (tf_experiment_get_modified (after), !=, tf_experiment_get_modified (before));
      g_assert_cmpstr (tf_experiment_get_created (after), ==, tf_experiment_get_created (before));
      dump_after = dump_archive (f);

      reset_changes (f);
      undo (f);
      g_assert_true (saw (f, "experiments", TF_CHANGE_UPDATE, id));
      undone = get_experiment (f, id);
      g_assert_cmpstr (tf_experiment_get_text (undone, field), ==, tf_experiment_get_text (before, field));
      g_assert_cmpstr (tf_experiment_get_modified (undone), ==, tf_experiment_get_modified (before));
      {
        g_autofree char *now = dump_archive (f);
        assert_same_dump (now, dump_before);
      }

      redo (f);
      redone = get_experiment (f, id);
      g_assert_cmpstr (tf_experiment_get_text (redone, field), ==, value);
      {
        g_autofree char *now = dump_archive (f);
        assert_same_dump (now, dump_after);
      }
    }

  /* Titles are trimmed; other texts are kept as typed. */
  run (f, tf_command_set_experiment_text (id, TF_FIELD_TITLE, "  Titre espacé \n"));
  run (f, tf_command_set_experiment_text (id, TF_FIELD_PLACE, "  Lille  "));
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    g_assert_cmpstr (tf_experiment_get_title (e), ==, "Titre espacé");
    g_assert_cmpstr (tf_experiment_get_text (e, TF_FIELD_PLACE), ==, "  Lille  ");
  }

  /* A date may be cleared. */
  run (f, tf_command_set_experiment_text (id, TF_FIELD_START_DATE, ""));
  run (f, tf_command_set_experiment_text (id, TF_FIELD_END_DATE, NULL));
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    g_assert_cmpstr (tf_experiment_get_text (e, TF_FIELD_START_DATE), ==, "");
    g_assert_cmpstr (tf_experiment_get_text (e, TF_FIELD_END_DATE), ==, "");
  }

  /* Setting the value it already has writes nothing and tells nobody. */
  {
    g_autofree char *before = dump_archive (f);
    g_autofree char *after = NULL;

    reset_changes (f);
    run (f, tf_command_set_experiment_text (id, TF_FIELD_TITLE, "Titre espacé"));
    after = dump_archive (f);
    assert_same_dump (after, before);
    g_assert_cmpuint (f->n_emissions, ==, 0);
  }
}

static void
test_set_text_invalid (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const dates[] = { "2009-13-01", "2009-02-30", "2010-02-29", "hier", "2009-1-1",
                                        "2009/10/01", "20091001", " 2009-10-01", "2009-10-01 ",
                                        "0000-00-00", "2009-10-1x" };
  static const char * const titles[] = { "", " ", "\t\n  " };
  gint64 id = create (f, "Intact");

  run (f, tf_command_set_experiment_text (id, TF_FIELD_START_DATE, "2009-10-01"));

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      run_fails (f, tf_command_set_experiment_text (id, TF_FIELD_START_DATE, dates[i]),
                 TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
      run_fails (f, tf_command_set_experiment_text (id, TF_FIELD_END_DATE, dates[i]),
                 TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
    }
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    run_fails (f, tf_command_set_experiment_text (id, TF_FIELD_TITLE, titles[i]),
               TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  run_fails (f, tf_command_set_experiment_text (id, TF_FIELD_TITLE, NULL),
             TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  run_fails (f, tf_command_set_experiment_text (id, TF_FIELD_THEME, "ab\xff\xfe"),
             TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  run_fails (f, tf_command_set_experiment_text (id + 1000, TF_FIELD_THEME, "ailleurs"),
             TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);

  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    g_assert_cmpstr (tf_experiment_get_title (e), ==, "Intact");
    g_assert_cmpstr (tf_experiment_get_text (e, TF_FIELD_START_DATE), ==, "2009-10-01");
    g_assert_cmpstr (tf_experiment_get_text (e, TF_FIELD_THEME), ==, "");
  }
  /* Only the two successful edits are on the stack. */
  undo (f);
  undo (f);
  g_assert_false (tf_history_get_can_undo (f->history));
}

static void
test_set_phase_status (Fixture       *f,
                       gconstpointer  data)
{
  gint64 id = create (f, "Phases");

  for (TfPhase phase = TF_PHASE_STORYTELLING; phase < TF_N_PHASES; phase++)
    {
      g_autoptr(TfExperiment) before = get_experiment (f, id);
      g_autoptr(TfExperiment) after = NULL;
      g_autoptr(TfExperiment) undone = NULL;
      g_autoptr(TfExperiment) redone = NULL;

      reset_changes (f);
      run (f, tf_command_set_experiment_phase (id, phase));
      g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Change phase");
      g_assert_true (saw (f, "experiments", TF_CHANGE_UPDATE, id));
      after = get_experiment (f, id);
      g_assert_cmpint (tf_experiment_get_phase (after), ==, phase);
      g_assert_cmpint (tf_experiment_get_status (after), ==, tf_experiment_get_status (before));

      reset_changes (f);
      undo (f);
      g_assert_true (saw (f, "experiments", TF_CHANGE_UPDATE, id));
      undone = get_experiment (f, id);
      g_assert_cmpint (tf_experiment_get_phase (undone), ==, tf_experiment_get_phase (before));
      redo (f);
      redone = get_experiment (f, id);
      g_assert_cmpint (tf_experiment_get_phase (redone), ==, phase);
    }

  for (TfStatus status = TF_STATUS_ACTIVE; status < TF_N_STATUSES; status++)
    {
      g_autoptr(TfExperiment) before = get_experiment (f, id);
      g_autoptr(TfExperiment) after = NULL;
      g_autoptr(TfExperiment) undone = NULL;
      g_autoptr(TfExperiment) redone = NULL;

      reset_changes (f);
      run (f, tf_command_set_experiment_status (id, status));
      g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Change status");
      g_assert_true (saw (f, "experiments", TF_CHANGE_UPDATE, id));
      after = get_experiment (f, id);
      g_assert_cmpint (tf_experiment_get_status (after), ==, status);
      g_assert_cmpint (tf_experiment_get_phase (after), ==, TF_PHASE_REVIEW);

      undo (f);
      undone = get_experiment (f, id);
      g_assert_cmpint (tf_experiment_get_status (undone), ==, tf_experiment_get_status (before));
      redo (f);
      redone = get_experiment (f, id);
      g_assert_cmpint (tf_experiment_get_status (redone), ==, status);
    }

  /* Same value: nothing written. */
  {
    g_autofree char *before = dump_archive (f);
    g_autofree char *after = NULL;

    reset_changes (f);
    run (f, tf_command_set_experiment_phase (id, TF_PHASE_REVIEW));
    run (f, tf_command_set_experiment_status (id, TF_STATUS_ABANDONED));
    after = dump_archive (f);
    assert_same_dump (after, before);
    g_assert_cmpuint (f->n_emissions, ==, 0);
  }

  run_fails (f, tf_command_set_experiment_phase (id + 1, TF_PHASE_CODESIGN),
             TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
  run_fails (f, tf_command_set_experiment_status (id + 1, TF_STATUS_DONE),
             TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
}

static void
test_set_tags (Fixture       *f,
               gconstpointer  data)
{
  static const char * const first[] = { "atelier", "élus", NULL };
  static const char * const messy[] = { "  Vélo ", "atelier", "", "vélo", "VÉLO", "  ", "Atelier",
                                        "zèbre", "élus ", NULL };
  gint64 id = create (f, "Étiquettes");
  gint64 other = create (f, "Autre");
  g_autofree char *dump_first = NULL;
  g_autofree char *dump_messy = NULL;

  run (f, tf_command_set_experiment_tags (other, first));
  run (f, tf_command_set_experiment_tags (id, first));
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    assert_tags (e, "atelier", "élus", NULL);
  }
  dump_first = dump_archive (f);

  /* Trimmed, deduplicated whatever the case, in the order given. */
  reset_changes (f);
  run (f, tf_command_set_experiment_tags (id, messy));
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Edit tags");
  g_assert_true (saw (f, "experiment_tags", TF_CHANGE_INSERT, id));
  /* "atelier" stays, one place down. */
  g_assert_true (saw (f, "experiment_tags", TF_CHANGE_UPDATE, id));
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    g_autoptr(TfExperiment) o = get_experiment (f, other);
    g_auto(GStrv) all = tf_archive_list_tags (f->store, NULL);

    assert_tags (e, "Vélo", "atelier", "zèbre", "élus", NULL);
    assert_tags (o, "atelier", "élus", NULL);
    g_assert_cmpuint (g_strv_length (all), ==, 4);
    g_assert_true (g_strv_contains ((const char * const *) all, "zèbre"));
    g_assert_true (g_strv_contains ((const char * const *) all, "Vélo"));
  }
  dump_messy = dump_archive (f);

  reset_changes (f);
  undo (f);
  g_assert_true (saw (f, "experiment_tags", TF_CHANGE_DELETE, id));
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    g_auto(GStrv) all = tf_archive_list_tags (f->store, NULL);
    g_autofree char *now = dump_archive (f);

    assert_tags (e, "atelier", "élus", NULL);
    g_assert_false (g_strv_contains ((const char * const *) all, "zèbre"));
    assert_same_dump (now, dump_first);
  }
  redo (f);
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    g_autofree char *now = dump_archive (f);

    assert_tags (e, "Vélo", "atelier", "zèbre", "élus", NULL);
    assert_same_dump (now, dump_messy);
  }

  /* No tags at all. */
  run (f, tf_command_set_experiment_tags (id, NULL));
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    assert_tags (e, NULL);
  }
  undo (f);
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    assert_tags (e, "Vélo", "atelier", "zèbre", "élus", NULL);
  }

  run_fails (f, tf_command_set_experiment_tags (id + 1000, first),
             TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
}

static void
test_delete_experiment (Fixture       *f,
                        gconstpointer  data)
{
  gint64 demo = tf_archive_find_demo (f->store);
  gint64 board;
  guint demo_items;
  g_autofree char *before = dump_archive (f);
  g_autofree char *after = NULL;
  g_autoptr(GListStore) boards = NULL;
  g_autoptr(TfBoard) wall = NULL;

  g_assert_cmpint (demo, >, 0);
  boards = list_boards (f, demo);
  /* The insight wall, the actor map, the blueprint, then the mockup. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (boards)), ==, 4);
  demo_items = 9 + tf_archive_count_items (f->store, board_at (f, demo, 1)) +
               tf_archive_count_items (f->store, board_at (f, demo, 2)) +
               tf_archive_count_items (f->store, board_at (f, demo, 3));
  wall = g_list_model_get_item (G_LIST_MODEL (boards), 0);
  board = tf_board_get_id (wall);
  g_assert_cmpstr (tf_board_get_kind_id (wall), ==, "insight-wall");
  g_assert_cmpuint (tf_board_get_item_count (wall), ==, 9);
  g_assert_cmpuint (tf_archive_count_items (f->store, board), ==, 9);

  run (f, tf_command_delete_experiment (demo));
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Delete experiment");
  assert_no_experiment (f, demo);
  g_assert_cmpint (tf_archive_find_demo (f->store), ==, 0);
  g_assert_cmpuint (count_experiments (f), ==, 0);
  {
    g_autoptr(GListStore) none = list_boards (f, demo);
    g_autoptr(GError) error = NULL;
    g_autoptr(TfBoard) gone = tf_archive_get_board (f->store, board, &error);
    g_auto(GStrv) tags = tf_archive_list_tags (f->store, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (none)), ==, 0);
    g_assert_null (gone);
    g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
    g_assert_cmpuint (tf_archive_count_items (f->store, board), ==, 0);
    g_assert_cmpuint (g_strv_length (tags), ==, 0);
  }
  /* One signal, naming the experiment and everything that went with it. */
  g_assert_cmpuint (f->n_emissions, ==, 1);
  g_assert_true (saw (f, "experiments", TF_CHANGE_DELETE, demo));
  g_assert_true (saw (f, "boards", TF_CHANGE_DELETE, board));
  g_assert_cmpuint (count_seen (f, "items", TF_CHANGE_DELETE), ==, demo_items);
  g_assert_cmpuint (count_seen (f, "experiment_tags", TF_CHANGE_DELETE), ==, 4);
  after = dump_archive (f);

  reset_changes (f);
  undo (f);
  {
    g_autoptr(TfExperiment) back = get_experiment (f, demo);
    g_autofree char *now = dump_archive (f);

    g_assert_cmpstr (tf_experiment_get_title (back), ==, DEMO_TITLE);
    assert_tags (back, "résidence", "élus", "collaborateurs", "27e Région", NULL);
    g_assert_cmpint (tf_archive_find_demo (f->store), ==, demo);
    g_assert_cmpuint (tf_archive_count_items (f->store, board), ==, 9);
    assert_boards (f, demo, "Insights de la résidence", "Réseau des élus", DEMO_BLUEPRINT, DEMO_MOCKUP, NULL);
    assert_same_dump (now, before);
  }
  g_assert_true (saw (f, "experiments", TF_CHANGE_INSERT, demo));
  g_assert_true (saw (f, "boards", TF_CHANGE_INSERT, board));
  g_assert_cmpuint (count_seen (f, "items", TF_CHANGE_INSERT), ==, demo_items);

  redo (f);
  assert_no_experiment (f, demo);
  {
    g_autofree char *now = dump_archive (f);
    assert_same_dump (now, after);
  }

  run_fails (f, tf_command_delete_experiment (demo), TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
}

static char *
item_rows (Fixture *f,
           gint64   board_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT kind, x, y, width, height, rotation, z, style, text,"
                                          " payload FROM items WHERE board_id = %" G_GINT64_FORMAT
                                          " ORDER BY z, id", board_id);
  GString *out = g_string_new (NULL);

  dump_query (out, db (f), sql);
  /* Drop the header line, which names the board. */
  g_string_erase (out, 0, strchr (out->str, '\n') + 1 - out->str);
  return g_string_free (out, FALSE);
}

static void
check_duplicate (Fixture  *f,
                 gboolean  with_items)
{
  gint64 demo = tf_archive_find_demo (f->store);
  g_autoptr(TfExperiment) original = get_experiment (f, demo);
  g_autoptr(TfExperiment) copy = NULL;
  g_autofree char *before = dump_archive (f);
  g_autofree char *after = NULL;
  gint64 board = board_at (f, demo, 0);
  guint demo_items = 9 + tf_archive_count_items (f->store, board_at (f, demo, 1)) +
                     tf_archive_count_items (f->store, board_at (f, demo, 2)) +
                     tf_archive_count_items (f->store, board_at (f, demo, 3));
  gint64 id, copy_board;

  reset_changes (f);
  id = run (f, tf_command_duplicate_experiment (demo, with_items));
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (id, !=, demo);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Duplicate experiment");
  g_assert_cmpuint (f->n_emissions, ==, 1);
  g_assert_true (saw (f, "experiments", TF_CHANGE_INSERT, id));

  copy = get_experiment (f, id);
  g_assert_cmpstr (tf_experiment_get_title (copy), ==, DEMO_TITLE " (copy)");
  g_assert_cmpint (tf_experiment_get_status (copy), ==, TF_STATUS_DRAFT);
  g_assert_cmpint (tf_experiment_get_phase (copy), ==, TF_PHASE_IMMERSION);
  g_assert_cmpstr (tf_experiment_get_uuid (copy), !=, tf_experiment_get_uuid (original));
  /* The setting and the team carry over; what belonged to the run does not. */
  for (TfExperimentField field = TF_FIELD_THEME; field < TF_N_FIELDS; field++)
    {
      gboolean kept = field != TF_FIELD_START_DATE && field != TF_FIELD_END_DATE &&
                      field != TF_FIELD_OUTCOMES && field != TF_FIELD_LESSONS;

      g_assert_cmpstr (tf_experiment_get_text (copy, field), ==,
                       kept ? tf_experiment_get_text (original, field) : "");
    }
  g_assert_true (g_strv_equal (tf_experiment_get_tags (copy), tf_experiment_get_tags (original)));
  g_assert_cmpint (tf_archive_find_demo (f->store), ==, demo);

  assert_boards (f, id, "Insights de la résidence", "Réseau des élus", DEMO_BLUEPRINT, DEMO_MOCKUP, NULL);
  copy_board = board_at (f, id, 0);
  g_assert_cmpint (copy_board, !=, board);
  g_assert_true (saw (f, "boards", TF_CHANGE_INSERT, copy_board));
  {
    g_autoptr(TfBoard) b = tf_archive_get_board (f->store, copy_board, NULL);
    g_assert_cmpstr (tf_board_get_kind_id (b), ==, "insight-wall");
  }
  if (with_items)
    {
      g_autofree char *source_items = item_rows (f, board);
      g_autofree char *copied_items = item_rows (f, copy_board);

      g_assert_cmpuint (tf_archive_count_items (f->store, copy_board), ==, 9);
      g_assert_cmpuint (count_seen (f, "items", TF_CHANGE_INSERT), ==, demo_items);
      g_assert_cmpstr (copied_items, ==, source_items);
    }
  else
    {
      g_assert_cmpuint (tf_archive_count_items (f->store, copy_board), ==, 0);
      /* Only the grid of the copy's blueprint, from its type's settle hook,
       * in the same command. */
      g_assert_cmpuint (count_seen (f, "items", TF_CHANGE_INSERT), ==, 1);
      g_assert_cmpuint (tf_archive_count_items (f->store, board_at (f, id, 2)), ==, 1);
    }
  /* The original is untouched. */
  g_assert_cmpuint (tf_archive_count_items (f->store, board), ==, 9);
  {
    g_autoptr(TfExperiment) again = get_experiment (f, demo);
    g_assert_cmpstr (tf_experiment_get_modified (again), ==, tf_experiment_get_modified (original));
  }
  after = dump_archive (f);

  undo (f);
  assert_no_experiment (f, id);
  {
    g_autofree char *now = dump_archive (f);
    assert_same_dump (now, before);
  }
  redo (f);
  {
    g_autoptr(TfExperiment) back = get_experiment (f, id);
    g_autofree char *now = dump_archive (f);

    g_assert_cmpstr (tf_experiment_get_title (back), ==, DEMO_TITLE " (copy)");
    assert_same_dump (now, after);
  }

  run_fails (f, tf_command_duplicate_experiment (demo + id + 1000, with_items),
             TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
}

static void
test_duplicate_without_items (Fixture       *f,
                              gconstpointer  data)
{
  check_duplicate (f, FALSE);
}

static void
test_duplicate_with_items (Fixture       *f,
                           gconstpointer  data)
{
  check_duplicate (f, TRUE);
}

/* A copy of a copy, with items, once the original has several boards. */
static void
test_duplicate_boards (Fixture       *f,
                       gconstpointer  data)
{
  gint64 id = create (f, "Modèle");
  gint64 copy, copy2;

  run (f, tf_command_add_board (id, "actor-map", "Acteurs"));
  run (f, tf_command_add_board (id, "blueprint", "Parcours"));
  run (f, tf_command_add_board (id, "mockup", "Maquette"));
  run (f, tf_command_move_board (board_at (f, id, 2), 0));
  assert_boards (f, id, "Maquette", "Acteurs", "Parcours", NULL);

  copy = run (f, tf_command_duplicate_experiment (id, TRUE));
  assert_boards (f, copy, "Maquette", "Acteurs", "Parcours", NULL);
  copy2 = run (f, tf_command_duplicate_experiment (copy, FALSE));
  assert_boards (f, copy2, "Maquette", "Acteurs", "Parcours", NULL);
  {
    g_autoptr(TfExperiment) e = get_experiment (f, copy2);
    g_assert_cmpstr (tf_experiment_get_title (e), ==, "Modèle (copy) (copy)");
  }
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TfBoard) a = tf_archive_get_board (f->store, board_at (f, id, i), NULL);
      g_autoptr(TfBoard) b = tf_archive_get_board (f->store, board_at (f, copy2, i), NULL);

      g_assert_cmpstr (tf_board_get_kind_id (a), ==, tf_board_get_kind_id (b));
    }
}

static void
test_boards (Fixture       *f,
             gconstpointer  data)
{
  gint64 id = create (f, "Tableaux");
  gint64 wall, actors, blueprint, mockup;
  g_autofree char *dump_four = NULL;

  /* Add: at the end, named after the kind unless named. */
  reset_changes (f);
  wall = run (f, tf_command_add_board (id, "insight-wall", NULL));
  g_assert_cmpint (wall, >, 0);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Add board");
  g_assert_true (saw (f, "boards", TF_CHANGE_INSERT, wall));
  g_assert_true (saw (f, "experiments", TF_CHANGE_UPDATE, id));
  assert_boards (f, id, "Insight wall", NULL);
  {
    g_autoptr(TfBoard) b = tf_archive_get_board (f->store, wall, NULL);

    g_assert_cmpstr (tf_board_get_kind_id (b), ==, "insight-wall");
    g_assert_cmpuint (tf_board_get_item_count (b), ==, 0);
  }
  actors = run (f, tf_command_add_board (id, "actor-map", "  Acteurs  "));
  blueprint = run (f, tf_command_add_board (id, "blueprint", "Parcours"));
  mockup = run (f, tf_command_add_board (id, "mockup", "Maquette"));
  assert_boards (f, id, "Insight wall", "Acteurs", "Parcours", "Maquette", NULL);
  dump_four = dump_archive (f);

  reset_changes (f);
  undo (f);
  g_assert_true (saw (f, "boards", TF_CHANGE_DELETE, mockup));
  assert_boards (f, id, "Insight wall", "Acteurs", "Parcours", NULL);
  redo (f);
  assert_boards (f, id, "Insight wall", "Acteurs", "Parcours", "Maquette", NULL);
  g_assert_cmpint (board_at (f, id, 3), ==, mockup);
  {
    g_autofree char *now = dump_archive (f);
    assert_same_dump (now, dump_four);
  }

  run_fails (f, tf_command_add_board (id, "mockup", "   "), TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  run_fails (f, tf_command_add_board (id + 1000, "mockup", "Ailleurs"),
             TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);

  /* Rename. */
  reset_changes (f);
  run (f, tf_command_rename_board (blueprint, " Plan de service "));
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Rename board");
  g_assert_true (saw (f, "boards", TF_CHANGE_UPDATE, blueprint));
  assert_boards (f, id, "Insight wall", "Acteurs", "Plan de service", "Maquette", NULL);
  undo (f);
  assert_boards (f, id, "Insight wall", "Acteurs", "Parcours", "Maquette", NULL);
  redo (f);
  assert_boards (f, id, "Insight wall", "Acteurs", "Plan de service", "Maquette", NULL);
  run_fails (f, tf_command_rename_board (blueprint, ""), TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  run_fails (f, tf_command_rename_board (blueprint, NULL), TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  run_fails (f, tf_command_rename_board (mockup + 1000, "Nulle part"),
             TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);

  /* Move: the others close up, positions stay 0…n-1. */
  reset_changes (f);
  run (f, tf_command_move_board (wall, 2));
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Move board");
  g_assert_true (saw (f, "boards", TF_CHANGE_UPDATE, wall));
  g_assert_false (saw (f, "boards", TF_CHANGE_UPDATE, mockup));
  assert_boards (f, id, "Acteurs", "Plan de service", "Insight wall", "Maquette", NULL);
  undo (f);
  assert_boards (f, id, "Insight wall", "Acteurs", "Plan de service", "Maquette", NULL);
  redo (f);
  assert_boards (f, id, "Acteurs", "Plan de service", "Insight wall", "Maquette", NULL);

  run (f, tf_command_move_board (actors, 99));
  assert_boards (f, id, "Plan de service", "Insight wall", "Maquette", "Acteurs", NULL);
  run (f, tf_command_move_board (actors, -3));
  assert_boards (f, id, "Acteurs", "Plan de service", "Insight wall", "Maquette", NULL);
  run (f, tf_command_move_board (mockup, 1));
  assert_boards (f, id, "Acteurs", "Maquette", "Plan de service", "Insight wall", NULL);
  undo (f);
  undo (f);
  undo (f);
  assert_boards (f, id, "Acteurs", "Plan de service", "Insight wall", "Maquette", NULL);
  redo (f);
  redo (f);
  redo (f);
  assert_boards (f, id, "Acteurs", "Maquette", "Plan de service", "Insight wall", NULL);

  /* Moving to where it is writes nothing. */
  {
    g_autofree char *before = dump_archive (f);
    g_autofree char *after = NULL;

    reset_changes (f);
    run (f, tf_command_move_board (blueprint, 2));
    after = dump_archive (f);
    assert_same_dump (after, before);
    g_assert_cmpuint (f->n_emissions, ==, 0);
  }
  run_fails (f, tf_command_move_board (mockup + 1000, 0), TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);

  /* Delete. */
  {
    g_autofree char *before = dump_archive (f);
    g_autofree char *now = NULL;

    reset_changes (f);
    run (f, tf_command_delete_board (mockup));
    g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Delete board");
    g_assert_true (saw (f, "boards", TF_CHANGE_DELETE, mockup));
    assert_boards (f, id, "Acteurs", "Plan de service", "Insight wall", NULL);
    undo (f);
    assert_boards (f, id, "Acteurs", "Maquette", "Plan de service", "Insight wall", NULL);
    now = dump_archive (f);
    assert_same_dump (now, before);
    redo (f);
    assert_boards (f, id, "Acteurs", "Plan de service", "Insight wall", NULL);
  }
  run_fails (f, tf_command_delete_board (mockup), TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);

  /* After a delete, a new board goes last and moving by position still works. */
  run (f, tf_command_add_board (id, "mockup", "Nouvelle"));
  assert_boards (f, id, "Acteurs", "Plan de service", "Insight wall", "Nouvelle", NULL);
  run (f, tf_command_delete_board (actors));
  assert_boards (f, id, "Plan de service", "Insight wall", "Nouvelle", NULL);
  {
    /* As the board list does: "move up" is its position minus one. */
    g_autoptr(TfBoard) last = tf_archive_get_board (f->store, board_at (f, id, 2), NULL);

    run (f, tf_command_move_board (tf_board_get_id (last), tf_board_get_position (last) - 1));
    assert_boards (f, id, "Plan de service", "Nouvelle", "Insight wall", NULL);
  }
}

static void
test_add_demo (Fixture       *f,
               gconstpointer  data)
{
  gint64 id, again;
  g_autofree char *dump_demo = NULL;

  g_assert_cmpint (tf_archive_find_demo (f->store), ==, 0);

  reset_changes (f);
  id = run (f, tf_command_add_demo ());
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (tf_archive_find_demo (f->store), ==, id);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Add the demo experiment");
  g_assert_true (saw (f, "experiments", TF_CHANGE_INSERT, id));
  /* The insight wall's nine notes, the actor map, the blueprint and the mockup. */
  g_assert_cmpuint (count_seen (f, "items", TF_CHANGE_INSERT), ==,
                    9 + tf_archive_count_items (f->store, board_at (f, id, 1)) +
                    tf_archive_count_items (f->store, board_at (f, id, 2)) +
                    tf_archive_count_items (f->store, board_at (f, id, 3)));
  {
    g_autoptr(TfExperiment) demo = get_experiment (f, id);

    g_assert_cmpstr (tf_experiment_get_title (demo), ==, DEMO_TITLE);
    g_assert_cmpstr (tf_experiment_get_uuid (demo), ==, TF_DEMO_UUID);
    g_assert_cmpint (tf_experiment_get_phase (demo), ==, TF_PHASE_REVIEW);
    g_assert_cmpint (tf_experiment_get_status (demo), ==, TF_STATUS_DONE);
    g_assert_cmpstr (tf_experiment_get_text (demo, TF_FIELD_START_DATE), ==, "2009-10-01");
    assert_tags (demo, "résidence", "élus", "collaborateurs", "27e Région", NULL);
  }
  assert_boards (f, id, "Insights de la résidence", "Réseau des élus", DEMO_BLUEPRINT, DEMO_MOCKUP, NULL);
  g_assert_cmpuint (tf_archive_count_items (f->store, board_at (f, id, 0)), ==, 9);
  dump_demo = dump_archive (f);

  /* Twice: the same demo, nothing added. */
  reset_changes (f);
  again = run (f, tf_command_add_demo ());
  g_assert_cmpint (again, ==, id);
  g_assert_cmpuint (f->n_emissions, ==, 0);
  g_assert_cmpuint (count_experiments (f), ==, 1);
  {
    g_autofree char *now = dump_archive (f);
    assert_same_dump (now, dump_demo);
  }
  /* tf_demo_ensure agrees. */
  {
    g_autoptr(GError) error = NULL;
    gint64 ensured = 0;

    g_assert_true (tf_demo_ensure (f->store, &ensured, &error));
    g_assert_no_error (error);
    g_assert_cmpint (ensured, ==, id);
    g_assert_cmpuint (count_experiments (f), ==, 1);
  }

  /* The second, empty add is not on the undo stack: one undo removes the demo. */
  undo (f);
  g_assert_false (tf_history_get_can_undo (f->history));
  g_assert_cmpint (tf_archive_find_demo (f->store), ==, 0);
  g_assert_cmpuint (count_experiments (f), ==, 0);
  redo (f);
  g_assert_cmpint (tf_archive_find_demo (f->store), ==, id);
  {
    g_autofree char *now = dump_archive (f);
    assert_same_dump (now, dump_demo);
  }
}

/* In an archive created with the demo, adding it finds the one there. */
static void
test_add_demo_existing (Fixture       *f,
                        gconstpointer  data)
{
  gint64 demo = tf_archive_find_demo (f->store);
  g_autofree char *before = dump_archive (f);
  g_autofree char *after = NULL;

  g_assert_cmpint (demo, >, 0);
  g_assert_cmpint (run (f, tf_command_add_demo ()), ==, demo);
  after = dump_archive (f);
  assert_same_dump (after, before);
}

typedef struct {
  guint can_undo;
  guint can_redo;
  guint undo_label;
  guint redo_label;
} Notifies;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  Notifies *n = user_data;

  if (g_str_equal (pspec->name, "can-undo"))
    n->can_undo++;
  else if (g_str_equal (pspec->name, "can-redo"))
    n->can_redo++;
  else if (g_str_equal (pspec->name, "undo-label"))
    n->undo_label++;
  else if (g_str_equal (pspec->name, "redo-label"))
    n->redo_label++;
}

static void
assert_notified (Notifies *n)
{
  g_assert_cmpuint (n->can_undo, >, 0);
  g_assert_cmpuint (n->can_redo, >, 0);
  g_assert_cmpuint (n->undo_label, >, 0);
  g_assert_cmpuint (n->redo_label, >, 0);
  memset (n, 0, sizeof *n);
}

static void
assert_not_notified (Notifies *n)
{
  g_assert_cmpuint (n->can_undo + n->can_redo + n->undo_label + n->redo_label, ==, 0);
}

static void
test_history_state (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Notifies n = { 0 };
  gint64 id;

  g_assert_true (tf_history_get_store (f->history) == f->store);
  g_assert_false (tf_history_get_can_undo (f->history));
  g_assert_false (tf_history_get_can_redo (f->history));
  g_assert_null (tf_history_get_undo_label (f->history));
  g_assert_null (tf_history_get_redo_label (f->history));
  g_signal_connect (f->history, "notify", G_CALLBACK (on_notify), &n);

  /* Nothing to undo or redo: a no-op, not an error. */
  g_assert_true (tf_history_undo (f->history, &error));
  g_assert_no_error (error);
  g_assert_true (tf_history_redo (f->history, &error));
  g_assert_no_error (error);
  assert_not_notified (&n);

  id = create (f, "Historique");
  assert_notified (&n);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Create experiment");
  g_assert_null (tf_history_get_redo_label (f->history));

  run (f, tf_command_set_experiment_text (id, TF_FIELD_PLACE, "Douai"));
  assert_notified (&n);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Edit Place");

  undo (f);
  assert_notified (&n);
  g_assert_true (tf_history_get_can_undo (f->history));
  g_assert_true (tf_history_get_can_redo (f->history));
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Create experiment");
  g_assert_cmpstr (tf_history_get_redo_label (f->history), ==, "Edit Place");
  {
    gboolean can_undo, can_redo;
    g_autofree char *undo_label = NULL;
    g_autofree char *redo_label = NULL;

    g_object_get (f->history, "can-undo", &can_undo, "can-redo", &can_redo,
                  "undo-label", &undo_label, "redo-label", &redo_label, NULL);
    g_assert_true (can_undo);
    g_assert_true (can_redo);
    g_assert_cmpstr (undo_label, ==, "Create experiment");
    g_assert_cmpstr (redo_label, ==, "Edit Place");
  }

  undo (f);
  assert_notified (&n);
  g_assert_false (tf_history_get_can_undo (f->history));
  g_assert_null (tf_history_get_undo_label (f->history));
  g_assert_cmpstr (tf_history_get_redo_label (f->history), ==, "Create experiment");
  assert_no_experiment (f, id);

  redo (f);
  assert_notified (&n);
  g_assert_cmpstr (tf_history_get_redo_label (f->history), ==, "Edit Place");

  /* A new edit after an undo drops what could have been redone. */
  run (f, tf_command_set_experiment_status (id, TF_STATUS_ACTIVE));
  assert_notified (&n);
  g_assert_false (tf_history_get_can_redo (f->history));
  g_assert_null (tf_history_get_redo_label (f->history));
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Change status");
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    g_assert_cmpstr (tf_experiment_get_text (e, TF_FIELD_PLACE), ==, "");
    g_assert_cmpint (tf_experiment_get_status (e), ==, TF_STATUS_ACTIVE);
  }
  g_assert_true (tf_history_redo (f->history, &error));
  g_assert_no_error (error);
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    g_assert_cmpstr (tf_experiment_get_text (e, TF_FIELD_PLACE), ==, "");
  }

  tf_history_clear (f->history);
  g_assert_false (tf_history_get_can_undo (f->history));
  g_assert_false (tf_history_get_can_redo (f->history));
  g_assert_cmpuint (n.can_undo, >, 0);
  /* Clearing the history keeps the archive as it is. */
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    g_assert_cmpint (tf_experiment_get_status (e), ==, TF_STATUS_ACTIVE);
  }
  g_signal_handlers_disconnect_by_func (f->history, on_notify, &n);
}

static gboolean
insert_then_fail (TfCommand  *command,
                  TfStore    *store,
                  GError    **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store,
                                         "INSERT INTO experiments (uuid, title) VALUES ('half', 'À moitié')",
                                         error);

  if (stmt == NULL || !tf_store_step_done (store, stmt, error))
    return FALSE;
  tf_command_set_result_id (command, sqlite3_last_insert_rowid (tf_store_get_db (store)));
  g_set_error_literal (error, TF_STORE_ERROR, TF_STORE_ERROR_FAILED, "the disk said no");
  return FALSE;
}

static void
test_history_failing_command (Fixture       *f,
                              gconstpointer  data)
{
  Notifies n = { 0 };
  gint64 id = create (f, "Avant l'échec");

  g_signal_connect (f->history, "notify", G_CALLBACK (on_notify), &n);
  reset_changes (f);

  /* A command that writes, then fails: its rows are rolled back. */
  run_fails (f, tf_command_new ("Half an edit", insert_then_fail, NULL, NULL),
             TF_STORE_ERROR, TF_STORE_ERROR_FAILED);
  g_assert_cmpuint (count_experiments (f), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM experiments WHERE uuid = 'half' OR ?1", 0), ==, 0);
  assert_not_notified (&n);

  /* A command refused by validation. */
  run_fails (f, tf_command_set_experiment_text (id, TF_FIELD_END_DATE, "31/12/2009"),
             TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  assert_not_notified (&n);
  g_assert_cmpuint (f->n_emissions, ==, 0);

  /* Neither was pushed: one undo empties the stack. */
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Create experiment");
  undo (f);
  g_assert_false (tf_history_get_can_undo (f->history));
  assert_no_experiment (f, id);

  /* A failure after an undo keeps the redo stack too. */
  run_fails (f, tf_command_delete_experiment (id), TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
  g_assert_true (tf_history_get_can_redo (f->history));
  redo (f);
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);
    g_assert_cmpstr (tf_experiment_get_title (e), ==, "Avant l'échec");
  }
  g_signal_handlers_disconnect_by_func (f->history, on_notify, &n);
}

/* A command taken back (an item made and left empty): undone, and neither
 * undone again nor redone; only the last command can be. */
static void
test_history_retract (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfCommand) place = NULL;
  g_autoptr(TfCommand) status = NULL;
  gint64 id = create (f, "Retrait");

  place = tf_command_set_experiment_text (id, TF_FIELD_PLACE, "Arras");
  g_assert_true (tf_history_execute (f->history, place, &error));
  g_assert_no_error (error);
  status = tf_command_set_experiment_status (id, TF_STATUS_ACTIVE);
  g_assert_true (tf_history_execute (f->history, status, &error));
  g_assert_no_error (error);

  /* Not the last one: refused, nothing changed. */
  g_assert_false (tf_history_retract (f->history, place, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Change status");

  g_assert_true (tf_history_retract (f->history, status, &error));
  g_assert_no_error (error);
  g_assert_false (tf_history_get_can_redo (f->history));
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Edit Place");
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);

    g_assert_cmpint (tf_experiment_get_status (e), !=, TF_STATUS_ACTIVE);
    g_assert_cmpstr (tf_experiment_get_text (e, TF_FIELD_PLACE), ==, "Arras");
  }
  /* Gone from the stack: already taken back, it is no longer the last. */
  g_assert_false (tf_history_retract (f->history, status, &error));
  g_assert_no_error (error);
  undo (f);
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);

    g_assert_cmpstr (tf_experiment_get_text (e, TF_FIELD_PLACE), ==, "");
  }
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Create experiment");
}

/* A command folded into the one before (an item made, then its first
 * text): one undo takes back both, one redo brings both back; only the
 * command second to last can take the last in. */
static void
test_history_fold (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Pli");
  g_autoptr(TfCommand) made = tf_command_create_experiment (draft);
  g_autoptr(TfCommand) place = NULL;
  g_autoptr(TfCommand) status = NULL;
  gint64 before = create (f, "Avant");
  gint64 id;

  g_assert_true (tf_history_execute (f->history, made, &error));
  g_assert_no_error (error);
  id = tf_command_get_result_id (made);
  g_assert_cmpint (id, >, before);
  /* Nothing after it yet: nothing to fold. */
  g_assert_false (tf_history_fold (f->history, made, &error));
  g_assert_no_error (error);

  place = tf_command_set_experiment_text (id, TF_FIELD_PLACE, "Lens");
  g_assert_true (tf_history_execute (f->history, place, &error));
  g_assert_no_error (error);
  g_assert_true (tf_history_fold (f->history, made, &error));
  g_assert_no_error (error);
  /* Named after what was done last. */
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Edit Place");

  undo (f);
  assert_no_experiment (f, id);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Create experiment");
  g_assert_cmpstr (tf_history_get_redo_label (f->history), ==, "Edit Place");
  redo (f);
  {
    g_autoptr(TfExperiment) e = get_experiment (f, id);

    g_assert_cmpstr (tf_experiment_get_title (e), ==, "Pli");
    g_assert_cmpstr (tf_experiment_get_text (e, TF_FIELD_PLACE), ==, "Lens");
  }
  g_assert_false (tf_history_get_can_redo (f->history));

  /* Not second to last: refused, nothing changed. */
  status = tf_command_set_experiment_status (id, TF_STATUS_ACTIVE);
  g_assert_true (tf_history_execute (f->history, status, &error));
  g_assert_no_error (error);
  undo (f);
  redo (f);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Change status");
  {
    g_autoptr(TfCommand) other = tf_command_set_experiment_text (id, TF_FIELD_PLACE, "Douai");

    g_assert_true (tf_history_execute (f->history, other, &error));
    g_assert_no_error (error);
  }
  g_assert_false (tf_history_fold (f->history, made, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Edit Place");
  undo (f);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Change status");
}

/* A long session of mixed edits, undone step by step back to the start and
 * redone to the end: each step lands exactly on the state it had. */
static void
test_history_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const tags1[] = { "usagers", "forum", NULL };
  static const char * const tags2[] = { "forum", "citoyens", "Usagers", NULL };
  gint64 demo = tf_archive_find_demo (f->store);
  gint64 e1 = 0, e2 = 0, b1 = 0, b2 = 0, b3 = 0;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  guint n_steps = 0;

  g_ptr_array_add (states, dump_archive (f));

  for (guint step = 0; ; step++)
    {
      TfCommand *command = NULL;
      gint64 result;

      switch (step)
        {
        case 0:
          {
            g_autoptr(TfExperiment) draft = tf_experiment_new ("Forum des usagers");
            tf_experiment_set_tags (draft, tags1);
            command = tf_command_create_experiment (draft);
          }
          break;
        case 1: command = tf_command_set_experiment_text (e1, TF_FIELD_PLACE, "Arras"); break;
        case 2: command = tf_command_set_experiment_text (e1, TF_FIELD_START_DATE, "2012-05-03"); break;
        case 3: command = tf_command_set_experiment_phase (e1, TF_PHASE_CODESIGN); break;
        case 4: command = tf_command_set_experiment_status (e1, TF_STATUS_ACTIVE); break;
        case 5: command = tf_command_set_experiment_tags (e1, tags2); break;
        case 6: command = tf_command_add_board (e1, "insight-wall", "Mur"); break;
        case 7: command = tf_command_add_board (e1, "actor-map", NULL); break;
        case 8: command = tf_command_add_board (e1, "blueprint", "Parcours"); break;
        case 9: command = tf_command_rename_board (b2, "Carte des pools"); break;
        case 10: command = tf_command_move_board (b3, 0); break;
        case 11: command = tf_command_delete_board (b1); break;
        case 12: command = tf_command_duplicate_experiment (demo, TRUE); break;
        case 13: command = tf_command_set_experiment_text (demo, TF_FIELD_LESSONS, "Une leçon de plus"); break;
        case 14: command = tf_command_delete_experiment (demo); break;
        case 15: command = tf_command_set_experiment_text (e2, TF_FIELD_TITLE, "Copie renommée"); break;
        case 16: command = tf_command_duplicate_experiment (e1, FALSE); break;
        case 17: command = tf_command_delete_experiment (e1); break;
        case 18: command = tf_command_add_demo (); break;
        case 19: command = tf_command_set_experiment_tags (e2, tags1); break;
        default: break;
        }
      if (command == NULL)
        break;

      result = run (f, command);
      switch (step)
        {
        case 0: e1 = result; break;
        case 6: b1 = result; break;
        case 7: b2 = result; break;
        case 8: b3 = result; break;
        case 12: e2 = result; break;
        default: break;
        }
      g_ptr_array_add (states, dump_archive (f));
      n_steps++;
    }

  g_assert_cmpuint (n_steps, ==, 20);
  g_assert_cmpint (tf_archive_find_demo (f->store), !=, 0);
  g_assert_cmpint (tf_archive_find_demo (f->store), !=, demo);

  for (guint i = n_steps; i > 0; i--)
    {
      g_autofree char *now = NULL;

      undo (f);
      now = dump_archive (f);
      assert_same_dump (now, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (tf_history_get_can_undo (f->history));
  g_assert_cmpint (tf_archive_find_demo (f->store), ==, demo);

  for (guint i = 1; i <= n_steps; i++)
    {
      g_autofree char *now = NULL;

      redo (f);
      now = dump_archive (f);
      assert_same_dump (now, g_ptr_array_index (states, i));
    }
  g_assert_false (tf_history_get_can_redo (f->history));

  /* Half way back, then a new edit: the rest of the redo stack is gone and
   * the archive is what it was half way, plus the edit. */
  for (guint i = 0; i < n_steps / 2; i++)
    undo (f);
  {
    g_autofree char *now = dump_archive (f);
    assert_same_dump (now, g_ptr_array_index (states, n_steps - n_steps / 2));
  }
  run (f, tf_command_set_experiment_text (e1, TF_FIELD_THEME, "Bifurcation"));
  g_assert_false (tf_history_get_can_redo (f->history));
  undo (f);
  {
    g_autofree char *now = dump_archive (f);
    assert_same_dump (now, g_ptr_array_index (states, n_steps - n_steps / 2));
  }
}

/* The months of an experiment in the archive's list, named from our own
 * table in the interface's language (LC_TIME may not know it). */
static void
check_dates (gboolean french)
{
  static const struct {
    const char *start, *end, *english, *french;
  } cases[] = {
    { "2009-10-01", "2009-12-15", "October – December 2009", "octobre – décembre 2009" },
    { "2009-11-02", "2010-02-01", "November 2009 – February 2010", "novembre 2009 – février 2010" },
    { "2009-08-01", "2009-08-31", "August 2009", "août 2009" },
    { "2009-03-01", "", "March 2009", "mars 2009" },
    { "", "2009-05-20", "until May 2009", "jusqu’en mai 2009" },
    { "", "", "", "" },
    { "2009-13-01", "not a date", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tf_date_format_months (cases[i].start, cases[i].end);

      g_assert_cmpstr (text, ==, french ? cases[i].french : cases[i].english);
    }
}

static void
test_dates_english (void)
{
  check_dates (FALSE);
}

/* In French through the build's translations, in a process of its own
 * (GLib decides once per process whether to translate), with LC_ALL left
 * at C.UTF-8: no French locale, as on a machine that has none installed. */
static void
test_dates_french (void)
{
  const char *localedir = g_getenv ("TRANSFO_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    {
      g_test_skip ("TRANSFO_LOCALEDIR is not set");
      return;
    }
  if (g_test_subprocess ())
    {
      g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "fr");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      check_dates (TRUE);
      return;
    }
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("LANGUAGE");
  g_test_trap_assert_passed ();
}

/* The Bin: an experiment moved there is hidden from the list, the search
 * and every reader, restored in one undoable step, and deleted for good
 * TF_BIN_DAYS days later by the purge (whose clock the test gives), with
 * the assets no other experiment shows; a younger one stays. */
static gboolean
search_finds (Fixture    *f,
              const char *text,
              gint64      experiment_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = tf_archive_search (f->store, text, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    if (((TfSearchHit *) g_ptr_array_index (hits, i))->experiment_id == experiment_id)
      return TRUE;
  return FALSE;
}

static void
purge (Fixture   *f,
       GDateTime *now,
       guint      expected)
{
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  g_assert_true (tf_bin_purge (f->store, now, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected);
  assert_fts_in_sync (f);
}

static void
test_bin (Fixture       *f,
          gconstpointer  data)
{
  gint64 demo = tf_archive_find_demo (f->store);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) t0 = g_date_time_new (utc, 2026, 1, 10, 9, 0, 0);
  g_autoptr(GDateTime) t10 = g_date_time_add_days (t0, 10);
  g_autoptr(GDateTime) t29 = g_date_time_add_hours (t0, 30 * 24 - 1);
  g_autoptr(GDateTime) t30 = g_date_time_add_days (t0, 30);
  g_autoptr(GDateTime) t40 = g_date_time_add_days (t0, 40);
  gint64 copy, board = board_at (f, demo, 0);
  gint64 n_assets = sql_int (f, "SELECT count(*) - ?1 FROM assets", 0);
  gint64 demo_assets;
  g_autofree char *before = NULL;

  /* The copy shows the same photos: they are the demo's assets, shared. */
  demo_assets = sql_int (f, "SELECT count(DISTINCT json_extract (i.payload, '$.asset')) FROM items i"
                            " JOIN boards b ON b.id = i.board_id WHERE b.experiment_id = ?1"
                            " AND json_type (i.payload, '$.asset') = 'integer'", demo);
  g_assert_cmpint (demo_assets, >, 0);
  copy = run (f, tf_command_duplicate_experiment (demo, TRUE));
  g_assert_cmpint (sql_int (f, "SELECT count(*) - ?1 FROM assets", 0), ==, n_assets);
  g_assert_cmpuint (count_experiments (f), ==, 2);
  g_assert_true (search_finds (f, "résidence", demo));
  before = dump_archive (f);

  /* Moved: hidden everywhere, said to be in the Bin, still whole. */
  reset_changes (f);
  run (f, tf_command_move_to_bin (demo, t0));
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Move to Bin");
  g_assert_true (saw (f, "experiment_bin", TF_CHANGE_INSERT, demo));
  g_assert_cmpuint (count_experiments (f), ==, 1);
  g_assert_cmpuint (tf_bin_count (f->store), ==, 1);
  g_assert_false (search_finds (f, "résidence", demo));
  g_assert_true (search_finds (f, "résidence", copy));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TfExperiment) hidden = tf_archive_get_experiment (f->store, demo, &error);
    g_autoptr(GPtrArray) entries = tf_bin_list (f->store, &error);
    TfBinEntry *entry;

    g_assert_null (hidden);
    g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_IN_BIN);
    g_assert_nonnull (strstr (error->message, "Bin"));
    g_clear_error (&error);
    g_assert_cmpuint (entries->len, ==, 1);
    entry = g_ptr_array_index (entries, 0);
    g_assert_cmpint (entry->id, ==, demo);
    g_assert_cmpstr (entry->title, ==, DEMO_TITLE);
    g_assert_cmpuint (entry->n_boards, ==, 4);
    g_assert_cmpint (tf_bin_days_left (entry->deleted_at, t0), ==, 30);
    g_assert_cmpint (tf_bin_days_left (entry->deleted_at, t10), ==, 20);
    g_assert_cmpint (tf_bin_days_left (entry->deleted_at, t29), ==, 1);
    g_assert_cmpint (tf_bin_days_left (entry->deleted_at, t30), ==, 0);
    g_assert_cmpuint (tf_archive_count_items (f->store, board), ==, 9);
  }
  run_fails (f, tf_command_move_to_bin (demo, NULL), TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  run_fails (f, tf_command_restore_from_bin (copy), TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
  {
    g_autoptr(GError) error = NULL;

    /* Neither a bundle nor the region takes it. */
    g_autofree char *path = g_build_filename (f->dir, "demo.transfo", NULL);
    g_assert_false (tf_bundle_write (f->store, demo, NULL, path, NULL, NULL, &error));
    g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_IN_BIN);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  undo (f);
  g_assert_cmpuint (count_experiments (f), ==, 2);
  {
    g_autofree char *now = dump_archive (f);
    assert_same_dump (now, before);
  }
  redo (f);
  g_assert_cmpuint (tf_bin_count (f->store), ==, 1);

  /* Restored: one step, undoable. */
  run (f, tf_command_restore_from_bin (demo));
  g_assert_cmpuint (count_experiments (f), ==, 2);
  g_assert_true (search_finds (f, "résidence", demo));
  assert_boards (f, demo, "Insights de la résidence", "Réseau des élus", DEMO_BLUEPRINT, DEMO_MOCKUP, NULL);
  undo (f);
  g_assert_cmpuint (count_experiments (f), ==, 1);

  /* The copy goes in ten days later. */
  run (f, tf_command_move_to_bin (copy, t10));
  g_assert_cmpuint (count_experiments (f), ==, 0);
  g_assert_cmpuint (tf_bin_count (f->store), ==, 2);

  /* The purge runs as the window opens, before any edit: none recorded. */
  tf_history_clear (f->history);
  purge (f, t0, 0);
  purge (f, t29, 0);
  g_assert_cmpuint (tf_bin_count (f->store), ==, 2);
  purge (f, t30, 1);
  g_assert_cmpuint (tf_bin_count (f->store), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM experiments WHERE id = ?1", demo), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM boards WHERE experiment_id = ?1", demo), ==, 0);
  /* The copy's photos were the demo's too: they stay. */
  g_assert_cmpint (sql_int (f, "SELECT count(*) - ?1 FROM assets", 0), ==, n_assets);
  g_assert_false (tf_history_get_can_undo (f->history));

  /* The copy, younger, is still there: restored, it is whole. */
  run (f, tf_command_restore_from_bin (copy));
  assert_boards (f, copy, "Insights de la résidence", "Réseau des élus", DEMO_BLUEPRINT, DEMO_MOCKUP, NULL);
  run (f, tf_command_move_to_bin (copy, t10));
  purge (f, t40, 1);
  g_assert_cmpuint (tf_bin_count (f->store), ==, 0);
  /* Nothing shows the photos any more: they went with it. */
  g_assert_cmpint (sql_int (f, "SELECT count(*) - ?1 FROM assets", 0), <=, n_assets - demo_assets);
  g_assert_cmpint (sql_int (f, "SELECT count(*) FROM assets WHERE id NOT IN (SELECT asset_id FROM stamps)"
                              " AND ?1 = ?1", 0), ==, 0);
}

/* Empty Bin and Delete Now: for good, one undoable step each. */
static void
test_bin_empty (Fixture       *f,
                gconstpointer  data)
{
  gint64 demo = tf_archive_find_demo (f->store);
  gint64 copy = run (f, tf_command_duplicate_experiment (demo, FALSE));
  g_autofree char *before = NULL;

  run (f, tf_command_move_to_bin (demo, NULL));
  run (f, tf_command_move_to_bin (copy, NULL));
  before = dump_archive (f);
  run (f, tf_command_empty_bin ());
  g_assert_cmpuint (tf_bin_count (f->store), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) - ?1 FROM experiments", 0), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT count(*) - ?1 FROM assets WHERE id NOT IN (SELECT asset_id FROM stamps)", 0), ==, 0);
  undo (f);
  {
    g_autofree char *now = dump_archive (f);
    assert_same_dump (now, before);
  }
  run (f, tf_command_delete_experiment (copy));
  g_assert_cmpuint (tf_bin_count (f->store), ==, 1);
  g_assert_cmpuint (count_experiments (f), ==, 0);
}

#define ADD(path, func, demo) \
  g_test_add ("/transfo/" path, Fixture, GINT_TO_POINTER (demo), fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/transfo/experiment/dates", test_dates_english);
  g_test_add_func ("/transfo/experiment/dates/french", test_dates_french);

  ADD ("commands/create-experiment", test_create_experiment, FALSE);
  ADD ("commands/create-experiment/trim", test_create_experiment_trim, FALSE);
  ADD ("commands/create-experiment/invalid", test_create_experiment_invalid, FALSE);
  ADD ("commands/set-text", test_set_text, FALSE);
  ADD ("commands/set-text/invalid", test_set_text_invalid, FALSE);
  ADD ("commands/set-phase-status", test_set_phase_status, FALSE);
  ADD ("commands/set-tags", test_set_tags, FALSE);
  ADD ("commands/delete-experiment", test_delete_experiment, TRUE);
  ADD ("commands/bin", test_bin, TRUE);
  ADD ("commands/bin/empty", test_bin_empty, TRUE);
  ADD ("commands/duplicate/without-items", test_duplicate_without_items, TRUE);
  ADD ("commands/duplicate/with-items", test_duplicate_with_items, TRUE);
  ADD ("commands/duplicate/boards", test_duplicate_boards, FALSE);
  ADD ("commands/boards", test_boards, FALSE);
  ADD ("commands/add-demo", test_add_demo, FALSE);
  ADD ("commands/add-demo/existing", test_add_demo_existing, TRUE);
  ADD ("history/state", test_history_state, FALSE);
  ADD ("history/failing-command", test_history_failing_command, FALSE);
  ADD ("history/retract", test_history_retract, FALSE);
  ADD ("history/fold", test_history_fold, FALSE);
  ADD ("history/round-trip", test_history_round_trip, TRUE);

  return g_test_run ();
}
