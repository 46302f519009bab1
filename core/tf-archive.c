/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-archive"

#include <glib/gi18n.h>
#include <string.h>

#include "tf-archive.h"
#include "tf-bin.h"
#include "tf-demo.h"
#include "tf-store-private.h"

#define TAG_SEPARATOR "\x1f"

/* Columns 0–10 follow TfExperimentField. */
#define EXPERIMENT_COLUMNS \
  "e.title, e.theme, e.place, e.territory, e.department, e.start_date, e.end_date," \
  " e.team, e.context, e.outcomes, e.lessons," \
  " e.id, e.uuid, e.phase, e.status, e.created_at, e.modified_at," \
  " (SELECT count(*) FROM boards b WHERE b.experiment_id = e.id)," \
  " (SELECT group_concat (name, char(31)) FROM (SELECT t.name FROM experiment_tags et" \
  "    JOIN tags t ON t.id = et.tag_id WHERE et.experiment_id = e.id ORDER BY et.position))"

enum {
  COL_ID = TF_N_FIELDS,
  COL_UUID,
  COL_PHASE,
  COL_STATUS,
  COL_CREATED,
  COL_MODIFIED,
  COL_BOARD_COUNT,
  COL_TAGS,
};

#define LIST_EXPERIMENTS \
  "SELECT " EXPERIMENT_COLUMNS " FROM experiments e" \
  " WHERE (?1 IS NULL OR e.id IN (" \
  "         SELECT rowid FROM experiments_fts WHERE experiments_fts MATCH ?1" \
  "         UNION SELECT b.experiment_id FROM items_fts" \
  "           JOIN items i ON i.id = items_fts.rowid" \
  "           JOIN boards b ON b.id = i.board_id WHERE items_fts MATCH ?1))" \
  "   AND (?2 < 0 OR e.phase = ?2)" \
  "   AND (?3 < 0 OR e.status = ?3)" \
  "   AND (?4 IS NULL OR EXISTS (SELECT 1 FROM experiment_tags et JOIN tags t ON t.id = et.tag_id" \
  "                              WHERE et.experiment_id = e.id AND t.name = ?4))"

/* What the Bin holds is hidden everywhere but in the Bin (core/tf-bin.h); a
 * read-only archive of format 10 or older has no bin. */
#define NOT_BINNED(ID) " AND " ID " NOT IN (SELECT experiment_id FROM experiment_bin)"

void
tf_search_hit_free (TfSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->experiment_title);
  g_free (hit->field);
  g_free (hit->text);
  g_free (hit);
}

char *
tf_archive_build_fts_query (const char *text)
{
  GString *query;
  GString *word;

  if (text == NULL)
    return NULL;

  query = g_string_new (NULL);
  word = g_string_new (NULL);

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      gboolean end = (*p == '\0' || c == (gunichar) -1 || c == (gunichar) -2);

      if (!end && (g_unichar_isalnum (c) || (word->len > 0 && g_unichar_ismark (c))))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          /* A quoted string is always a valid FTS5 term; the star makes it a prefix. */
          g_string_append_printf (query, "%s\"%s\"*", query->len ? " " : "", word->str);
          g_string_truncate (word, 0);
        }
      if (end)
        break;
    }

  g_string_free (word, TRUE);
  if (query->len == 0)
    {
      g_string_free (query, TRUE);
      return NULL;
    }
  return g_string_free (query, FALSE);
}

/* Text read from the archive as valid UTF-8: a file from elsewhere may hold
 * any bytes, and labels, layouts and the terminal expect UTF-8. Borrowed
 * when it is valid; otherwise a repaired copy, kept in *@scratch. */
static const char *
column_utf8 (sqlite3_stmt  *stmt,
             int            index,
             char         **scratch)
{
  const char *text = tf_column_text (stmt, index);

  g_clear_pointer (scratch, g_free);
  if (g_utf8_validate (text, sqlite3_column_bytes (stmt, index), NULL))
    return text;
  *scratch = g_utf8_make_valid (text, sqlite3_column_bytes (stmt, index));
  return *scratch;
}

static TfExperiment *
experiment_from_row (sqlite3_stmt *stmt)
{
  TfExperiment *experiment = tf_experiment_new (NULL);
  g_autofree char *scratch = NULL;
  g_autofree char *tags = g_strdup (column_utf8 (stmt, COL_TAGS, &scratch));
  g_auto(GStrv) tag_list = NULL;

  for (guint i = 0; i < TF_N_FIELDS; i++)
    tf_experiment_set_text (experiment, i, column_utf8 (stmt, i, &scratch));
  tf_experiment_set_id (experiment, sqlite3_column_int64 (stmt, COL_ID));
  tf_experiment_set_uuid (experiment, tf_column_text (stmt, COL_UUID));
  tf_experiment_set_phase (experiment, CLAMP (sqlite3_column_int (stmt, COL_PHASE), 0, TF_N_PHASES - 1));
  tf_experiment_set_status (experiment, CLAMP (sqlite3_column_int (stmt, COL_STATUS), 0, TF_N_STATUSES - 1));
  tf_experiment_set_timestamps (experiment,
                                tf_column_text (stmt, COL_CREATED),
                                tf_column_text (stmt, COL_MODIFIED));
  tf_experiment_set_board_count (experiment, (guint) sqlite3_column_int (stmt, COL_BOARD_COUNT));
  tag_list = tags[0] ? g_strsplit (tags, TAG_SEPARATOR, -1) : g_new0 (char *, 1);
  tf_experiment_set_tags (experiment, (const char * const *) tag_list);

  return experiment;
}

/* Case and accents folded whatever the locale (in C.UTF-8 collation is by
 * code point, which would put "Évaluation" after "Zone"). */
static char *
title_sort_key (const char *title)
{
  g_autofree char *folded = g_utf8_casefold (title, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = decomposed ? decomposed : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  return g_utf8_collate_key (bare->str, -1);
}

static int
compare_titles (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *keys = user_data;

  return g_strcmp0 (g_hash_table_lookup (keys, a), g_hash_table_lookup (keys, b));
}

GListStore *
tf_archive_list_experiments (TfStore         *store,
                             const TfFilter  *filter,
                             GError         **error)
{
  static const TfFilter all = TF_FILTER_INIT;
  g_autoptr(GListStore) list = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  const char *sql;
  gboolean bin;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  if (filter == NULL)
    filter = &all;

  bin = tf_bin_supported (store);
  switch (filter->sort)
    {
    case TF_SORT_TITLE:
      sql = bin ? LIST_EXPERIMENTS NOT_BINNED ("e.id") " ORDER BY e.title COLLATE NOCASE, e.id"
                : LIST_EXPERIMENTS " ORDER BY e.title COLLATE NOCASE, e.id";
      break;
    case TF_SORT_MODIFIED:
      sql = bin ? LIST_EXPERIMENTS NOT_BINNED ("e.id") " ORDER BY e.modified_at DESC, e.id DESC"
                : LIST_EXPERIMENTS " ORDER BY e.modified_at DESC, e.id DESC";
      break;
    case TF_SORT_DATE:
    default:
      sql = bin ? LIST_EXPERIMENTS NOT_BINNED ("e.id") " ORDER BY e.start_date = '', e.start_date DESC, e.id DESC"
                : LIST_EXPERIMENTS " ORDER BY e.start_date = '', e.start_date DESC, e.id DESC";
      break;
    }

  stmt = tf_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  match = tf_archive_build_fts_query (filter->text);
  if (match)
    tf_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, filter->phase);
  sqlite3_bind_int (stmt, 3, filter->status);
  if (filter->tag && filter->tag[0])
    tf_bind_text (stmt, 4, filter->tag);

  list = g_list_store_new (TF_TYPE_EXPERIMENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TfExperiment) experiment = experiment_from_row (stmt);
      g_list_store_append (list, experiment);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tf_store_fail (store, error, _("Could not list the experiments"));
      return NULL;
    }

  if (filter->sort == TF_SORT_TITLE)
    {
      /* SQLite's NOCASE only folds ASCII: "Évaluation" must sort with the E's. */
      g_autoptr(GHashTable) keys = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TfExperiment) e = g_list_model_get_item (G_LIST_MODEL (list), i);
          g_hash_table_insert (keys, e, title_sort_key (tf_experiment_get_title (e)));
        }
      g_list_store_sort (list, compare_titles, keys);
    }

  return g_steal_pointer (&list);
}

TfExperiment *
tf_archive_get_experiment (TfStore  *store,
                           gint64    id,
                           GError  **error)
{
  sqlite3_stmt *stmt;
  TfExperiment *experiment = NULL;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  stmt = tf_store_prepare (store, "SELECT " EXPERIMENT_COLUMNS " FROM experiments e WHERE e.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    experiment = experiment_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                 _("There is no experiment %lld in this archive"), (long long) id);
  else
    tf_store_fail (store, error, _("Could not read the experiment"));
  sqlite3_reset (stmt);

  /* In the Bin, it is not there for anything but the Bin: it says so. */
  if (experiment != NULL)
    {
      g_autofree char *deleted_at = tf_bin_get_deleted_at (store, id);

      if (deleted_at != NULL)
        {
          int days = tf_bin_days_left (deleted_at, NULL);

          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_IN_BIN,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "“%s” is in the Bin (deleted for good in %d day); restore it to use it",
                                    "“%s” is in the Bin (deleted for good in %d days); restore it to use it",
                                    days),
                       tf_experiment_get_title (experiment), days);
          g_clear_object (&experiment);
        }
    }
  return experiment;
}

static TfBoard *
board_from_row (sqlite3_stmt *stmt)
{
  g_autofree char *scratch = NULL;
  g_autofree char *kind_scratch = NULL;
  g_autofree char *counts_scratch = NULL;
  TfBoard *board;

  /* The kind id as stored, even one this version does not know (a newer
   * Transfo's): the board is listed and opened as a plain board. */
  board = tf_board_new (sqlite3_column_int64 (stmt, 0),
                       sqlite3_column_int64 (stmt, 1),
                       column_utf8 (stmt, 2, &kind_scratch),
                       column_utf8 (stmt, 3, &scratch),
                       sqlite3_column_int (stmt, 4),
                       (guint) sqlite3_column_int (stmt, 5));
  tf_board_set_kind_counts (board, column_utf8 (stmt, 6, &counts_scratch));
  return board;
}

#define BOARD_COLUMNS \
  "b.id, b.experiment_id, b.kind, b.name, b.position," \
  " (SELECT count(*) FROM items i WHERE i.board_id = b.id)," \
  /* How many of each kind, the most numerous first: "note<US>21<RS>zone<US>2". */ \
  " (SELECT group_concat(k || char(31) || n, char(30)) FROM" \
  "   (SELECT i.kind AS k, count(*) AS n FROM items i WHERE i.board_id = b.id" \
  "    GROUP BY i.kind ORDER BY n DESC, i.kind))"

GListStore *
tf_archive_list_boards (TfStore  *store,
                        gint64    experiment_id,
                        GError  **error)
{
  g_autoptr(GListStore) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  stmt = tf_store_prepare (store,
                           "SELECT " BOARD_COLUMNS " FROM boards b"
                           " WHERE b.experiment_id = ? ORDER BY b.position, b.id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, experiment_id);

  list = g_list_store_new (TF_TYPE_BOARD);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TfBoard) board = board_from_row (stmt);
      g_list_store_append (list, board);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tf_store_fail (store, error, _("Could not list the boards"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

TfBoard *
tf_archive_get_board (TfStore  *store,
                      gint64    board_id,
                      GError  **error)
{
  TfBoard *board = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  stmt = tf_store_prepare (store, "SELECT " BOARD_COLUMNS " FROM boards b WHERE b.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, board_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    board = board_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                 _("There is no board %lld in this archive"), (long long) board_id);
  else
    tf_store_fail (store, error, _("Could not read the board"));
  sqlite3_reset (stmt);

  return board;
}

GStrv
tf_archive_list_tags (TfStore  *store,
                      GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  stmt = tf_store_prepare (store,
                           tf_bin_supported (store)
                           ? "SELECT DISTINCT t.name FROM tags t"
                             " JOIN experiment_tags et ON et.tag_id = t.id"
                             " WHERE 1" NOT_BINNED ("et.experiment_id")
                             " ORDER BY t.name COLLATE NOCASE"
                           : "SELECT DISTINCT t.name FROM tags t"
                             " JOIN experiment_tags et ON et.tag_id = t.id"
                             " ORDER BY t.name COLLATE NOCASE",
                           error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *scratch = NULL;

      g_strv_builder_add (builder, column_utf8 (stmt, 0, &scratch));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tf_store_fail (store, error, _("Could not list the tags"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* The columns of experiments_fts, in order. */
static const char * const fts_fields[] = {
  "title", "theme", "place", "territory", "department", "team",
  "context", "outcomes", "lessons", "tags", "boards",
};

static char *
strip_marks (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != '\x01' && *p != '\x02')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

#define SEARCH_EXPERIMENTS \
  "SELECT f.rowid, e.title," \
  " highlight (experiments_fts, 0, char(1), char(2))," \
  " highlight (experiments_fts, 1, char(1), char(2))," \
  " highlight (experiments_fts, 2, char(1), char(2))," \
  " highlight (experiments_fts, 3, char(1), char(2))," \
  " highlight (experiments_fts, 4, char(1), char(2))," \
  " highlight (experiments_fts, 5, char(1), char(2))," \
  " highlight (experiments_fts, 6, char(1), char(2))," \
  " highlight (experiments_fts, 7, char(1), char(2))," \
  " highlight (experiments_fts, 8, char(1), char(2))," \
  " highlight (experiments_fts, 9, char(1), char(2))," \
  " highlight (experiments_fts, 10, char(1), char(2))" \
  " FROM experiments_fts f JOIN experiments e ON e.id = f.rowid" \
  " WHERE experiments_fts MATCH ?1"

#define SEARCH_ITEMS \
  "SELECT i.id, i.board_id, b.experiment_id, e.title, i.text" \
  " FROM items_fts f" \
  " JOIN items i ON i.id = f.rowid" \
  " JOIN boards b ON b.id = i.board_id" \
  " JOIN experiments e ON e.id = b.experiment_id" \
  " WHERE items_fts MATCH ?1"

GPtrArray *
tf_archive_search (TfStore     *store,
                   const char  *text,
                   guint        limit,
                   GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_search_hit_free);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  gboolean bin;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  match = tf_archive_build_fts_query (text);
  if (match == NULL)
    return g_steal_pointer (&hits);
  if (limit == 0)
    limit = G_MAXINT;

  /* Experiments first: which field matched is told by highlight() marks. */
  bin = tf_bin_supported (store);
  stmt = tf_store_prepare (store,
                           bin ? SEARCH_EXPERIMENTS NOT_BINNED ("f.rowid") " ORDER BY f.rowid LIMIT ?2"
                               : SEARCH_EXPERIMENTS " ORDER BY f.rowid LIMIT ?2",
                           error);
  if (stmt == NULL)
    return NULL;
  tf_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, (int) MIN (limit, (guint) G_MAXINT));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TfSearchHit *hit = g_new0 (TfSearchHit, 1);
      g_autofree char *scratch = NULL;

      hit->kind = TF_HIT_EXPERIMENT;
      hit->experiment_id = sqlite3_column_int64 (stmt, 0);
      hit->experiment_title = g_strdup (column_utf8 (stmt, 1, &scratch));
      for (guint i = 0; i < G_N_ELEMENTS (fts_fields); i++)
        {
          const char *marked = column_utf8 (stmt, 2 + i, &scratch);

          if (strchr (marked, '\x01') != NULL)
            {
              hit->field = g_strdup (fts_fields[i]);
              hit->text = strip_marks (marked);
              break;
            }
        }
      if (hit->field == NULL)
        {
          hit->field = g_strdup ("title");
          hit->text = g_strdup (hit->experiment_title);
        }
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tf_store_fail (store, error, _("Could not search the archive"));
      return NULL;
    }

  if (hits->len >= limit)
    return g_steal_pointer (&hits);

  /* Then every text on the boards, in archive order: no ranking over all
   * matches, so a frequent word costs no more than a rare one. */
  stmt = tf_store_prepare (store,
                           bin ? SEARCH_ITEMS NOT_BINNED ("b.experiment_id") " ORDER BY f.rowid LIMIT ?2"
                               : SEARCH_ITEMS " ORDER BY f.rowid LIMIT ?2",
                           error);
  if (stmt == NULL)
    return NULL;
  tf_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, (int) MIN (limit - hits->len, (guint) G_MAXINT));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TfSearchHit *hit = g_new0 (TfSearchHit, 1);
      g_autofree char *scratch = NULL;

      hit->kind = TF_HIT_ITEM;
      hit->item_id = sqlite3_column_int64 (stmt, 0);
      hit->board_id = sqlite3_column_int64 (stmt, 1);
      hit->experiment_id = sqlite3_column_int64 (stmt, 2);
      hit->experiment_title = g_strdup (column_utf8 (stmt, 3, &scratch));
      hit->field = g_strdup ("text");
      hit->text = g_strdup (column_utf8 (stmt, 4, &scratch));
      g_ptr_array_add (hits, hit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tf_store_fail (store, error, _("Could not search the archive"));
      return NULL;
    }

  return g_steal_pointer (&hits);
}

gboolean
tf_archive_search_board (TfStore     *store,
                         gint64       board_id,
                         const char  *text,
                         GArray      *ids,
                         GError     **error)
{
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (store), FALSE);

  match = tf_archive_build_fts_query (text);
  if (match == NULL)
    return TRUE;

  stmt = tf_store_prepare (store,
                           "SELECT i.id FROM items_fts f JOIN items i ON i.id = f.rowid"
                           " WHERE items_fts MATCH ?1 AND i.board_id = ?2 ORDER BY f.rowid",
                           error);
  if (stmt == NULL)
    return FALSE;
  tf_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, board_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tf_store_fail (store, error, _("Could not search the archive"));
  return TRUE;
}

gint64
tf_archive_find_demo (TfStore *store)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (TF_IS_STORE (store), 0);

  stmt = tf_store_prepare (store, "SELECT id FROM experiments WHERE uuid = ?", NULL);
  if (stmt == NULL)
    return 0;
  tf_bind_text (stmt, 1, TF_DEMO_UUID);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

guint
tf_archive_count_items (TfStore *store,
                        gint64   board_id)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (TF_IS_STORE (store), 0);

  stmt = tf_store_prepare (store, "SELECT count(*) FROM items WHERE board_id = ?", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, board_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

char *
tf_archive_mark_excerpt (const char *text,
                         const char *start_mark,
                         const char *end_mark)
{
  GString *out = g_string_new (NULL);
  gsize start_len, end_len;
  gboolean bold = FALSE;
  const char *p = text;

  g_return_val_if_fail (text != NULL && start_mark != NULL && end_mark != NULL, NULL);
  start_len = strlen (start_mark);
  end_len = strlen (end_mark);

  while (*p != '\0')
    {
      const char *mark = strstr (p, bold ? end_mark : start_mark);
      gsize len = mark != NULL ? (gsize) (mark - p) : strlen (p);
      g_autofree char *piece = g_markup_escape_text (p, (gssize) len);

      g_string_append (out, piece);
      if (mark == NULL)
        break;
      g_string_append (out, bold ? "</b>" : "<b>");
      p = mark + (bold ? end_len : start_len);
      bold = !bold;
    }
  if (bold)
    g_string_append (out, "</b>");
  /* One line: a row shows the excerpt, not the text's layout. */
  g_strdelimit (out->str, "\n\r\t", ' ');
  return g_string_free (out, FALSE);
}

/* "@where — @excerpt" as Pango markup. */
static char *
excerpt_line (const char *where,
              const char *marked)
{
  g_autofree char *escaped_where = g_markup_escape_text (where, -1);
  g_autofree char *excerpt = tf_archive_mark_excerpt (marked, "\x01", "\x02");

  /* Translators: under an experiment found by a search, where the words
   * were found (a field or a board) and the text around them. */
  return g_strdup_printf (_("%s — %s"), escaped_where, excerpt);
}

#define EXCERPT_TOKENS "10"

char *
tf_archive_search_excerpt (TfStore     *store,
                           gint64       experiment_id,
                           const char  *text,
                           GError     **error)
{
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;
  char *result = NULL;
  int rc;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  match = tf_archive_build_fts_query (text);
  if (match == NULL)
    return NULL;

  /* The experiment's own fields first, in the order of the form. */
#define SNIPPET(n) " snippet (experiments_fts, " #n ", char(1), char(2), '…', " EXCERPT_TOKENS "),"
  stmt = tf_store_prepare (store,
                           "SELECT" SNIPPET (0) SNIPPET (1) SNIPPET (2) SNIPPET (3) SNIPPET (4)
                           SNIPPET (5) SNIPPET (6) SNIPPET (7) SNIPPET (8) SNIPPET (9) SNIPPET (10)
                           " 0 FROM experiments_fts WHERE experiments_fts MATCH ?1 AND rowid = ?2",
                           error);
#undef SNIPPET
  if (stmt == NULL)
    return NULL;
  tf_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, experiment_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    for (guint i = 0; i < G_N_ELEMENTS (fts_fields) && result == NULL; i++)
      {
        g_autofree char *scratch = NULL;
        const char *marked = column_utf8 (stmt, (int) i, &scratch);
        TfExperimentField field;
        const char *where;

        if (strchr (marked, '\x01') == NULL)
          continue;
        if (tf_experiment_field_from_id (fts_fields[i], &field))
          where = tf_experiment_field_get_label (field);
        else if (g_str_equal (fts_fields[i], "tags"))
          where = _("Tags");
        else
          where = _("Board names");
        result = excerpt_line (where, marked);
      }
  if (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      g_free (result);
      tf_store_fail (store, error, _("Could not search the archive"));
      return NULL;
    }
  if (result != NULL)
    return result;

  /* Then the first text on its boards that matches. */
  stmt = tf_store_prepare (store,
                           "SELECT b.name, snippet (items_fts, 0, char(1), char(2), '…', " EXCERPT_TOKENS ")"
                           " FROM items_fts f"
                           " JOIN items i ON i.id = f.rowid"
                           " JOIN boards b ON b.id = i.board_id"
                           " WHERE items_fts MATCH ?1 AND b.experiment_id = ?2"
                           " ORDER BY f.rowid LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;
  tf_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, experiment_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *title_scratch = NULL;
      g_autofree char *scratch = NULL;

      result = excerpt_line (column_utf8 (stmt, 0, &title_scratch), column_utf8 (stmt, 1, &scratch));
      rc = sqlite3_step (stmt);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_free (result);
      tf_store_fail (store, error, _("Could not search the archive"));
      return NULL;
    }
  return result;
}
