/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-insight-commands"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tf-enums.h"
#include "tf-insight-commands.h"
#include "tf-board-rows.h"
#include "tf-item-rows.h"
#include "tf-insight-wall.h"
#include "tf-store-private.h"
#include "canvas/tf-item-kinds.h"
#include "insights/tf-note-kind.h"

typedef struct {
  gint64     board_id;
  gint64     experiment_id;   /* when the wall is found or created at run time */
  char      *wall_name;
  GPtrArray *rows;            /* of TfInsightRow, shared with the caller: never changed */
} ImportArgs;

static void
import_args_free (gpointer data)
{
  ImportArgs *args = data;

  g_free (args->wall_name);
  g_ptr_array_unref (args->rows);
  g_free (args);
}

/* A rectangle of the board, in memory while a reused zone makes room. */
typedef struct {
  gint64   id;
  gint64   parent_id;
  gboolean is_zone;
  double   x, y, width, height;
} Box;

typedef struct {
  char      *title;     /* as first written */
  GArray    *members;   /* indexes into the rows */
  gint64     zone_id;   /* an existing zone of the board, or 0 */
} Cluster;

static void
cluster_free (gpointer data)
{
  Cluster *cluster = data;

  g_free (cluster->title);
  g_array_unref (cluster->members);
  g_free (cluster);
}

/* Everything one import needs while it runs. */
typedef struct {
  TfStore      *store;
  gint64        board_id;
  GPtrArray    *rows;
  char         *now;
  gint64        next_note_z;
  gint64        next_zone_z;
  guint         n_zones;
  GArray       *boxes;     /* of Box: the board, loaded only when a zone is reused */
  GHashTable   *styles;    /* colour as given → style JSON of a medium note */
  GHashTable   *payloads;  /* source, date and tags → payload JSON */
  GString      *key;
  sqlite3_stmt *insert;
} Import;

static gint64
insert_item (Import      *import,
             const char  *kind,
             double       x,
             double       y,
             double       width,
             double       height,
             gint64       z,
             gint64       parent_id,
             const char  *style,
             const char  *text,
             const char  *payload,
             GError     **error)
{
  /* One statement for every row: import->insert keeps it. */
  return tf_item_rows_bulk_insert (import->store, &import->insert, import->board_id, kind, x, y, width, height,
                                   z, parent_id, style, text, payload, import->now, error);
}

/* Looking a colour up folds every name of the palette: once per colour. */
static const char *
note_style (Import       *import,
            TfInsightRow *row)
{
  char *style = g_hash_table_lookup (import->styles, row->color);

  if (style == NULL)
    {
      const TfNoteColor *color = row->color[0] ? tf_note_color_lookup (row->color) : NULL;

      style = tf_note_style_build ((color ? color : tf_note_color_default ())->id,
                                   tf_note_size_to_id (TF_NOTE_MEDIUM));
      g_hash_table_insert (import->styles, g_strdup (row->color), style);
    }
  return style;
}

/* Building JSON costs more than inserting the row, and a file repeats a few
 * sources, dates and tag sets many times: each payload is built once. */
static const char *
note_payload (Import       *import,
              TfInsightRow *row)
{
  g_auto(TfInsightFields) fields = { 0 };
  TfSource source = row->source < TF_N_SOURCES ? row->source : TF_SOURCE_UNKNOWN;
  char *payload;
  GStrv tags;

  /* Lengths first, so that no text can pass for another. */
  g_string_printf (import->key, "%d %zu:%s", (int) source, strlen (row->date), row->date);
  for (guint i = 0; row->tags[i] != NULL; i++)
    g_string_append_printf (import->key, " %zu:%s", strlen (row->tags[i]), row->tags[i]);
  payload = g_hash_table_lookup (import->payloads, import->key->str);
  if (payload != NULL)
    return payload;

  tf_insight_fields_init (&fields);
  fields.source = source;
  g_free (fields.date);
  fields.date = g_strdup (row->date);
  /* Borrowed: the fields only read them. */
  tags = fields.tags;
  fields.tags = row->tags;
  payload = tf_insight_fields_to_json (&fields);
  fields.tags = tags;

  g_hash_table_insert (import->payloads, g_strdup (import->key->str), payload);
  return payload;
}

static gboolean
insert_note (Import        *import,
             TfInsightRow  *row,
             double         x,
             double         y,
             gint64         zone_id,
             GError       **error)
{
  return insert_item (import, "note", x, y, TF_NOTE_MEDIUM_SIDE, TF_NOTE_MEDIUM_SIDE,
                      import->next_note_z++, zone_id, note_style (import, row),
                      row->quote, note_payload (import, row), error) != 0;
}

/* Columns and rows of a cluster's grid: roughly square, at most a row's length wide. */
static guint
grid_columns (guint n_notes)
{
  guint columns = (guint) ceil (sqrt ((double) n_notes));

  return CLAMP (columns, 1, TF_INSIGHT_ROW_LENGTH);
}

static double
grid_span (guint n)
{
  return n == 0 ? 0 : n * TF_NOTE_MEDIUM_SIDE + (n - 1) * TF_INSIGHT_GAP;
}

/* The kinds that cluster notes (zones today): the wall asks the kinds
 * instead of naming one. */
static GStrv
cluster_kinds (void)
{
  return tf_item_kind_ids_with_role (TF_ITEM_ROLE_CLUSTER);
}

#define STEP (TF_NOTE_MEDIUM_SIDE + TF_INSIGHT_GAP)

static gboolean
add_box (sqlite3_stmt *stmt,
         gpointer      user_data)
{
  GArray *boxes = user_data;
  Box box = {
    sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int (stmt, 2),
    sqlite3_column_double (stmt, 3), sqlite3_column_double (stmt, 4),
    sqlite3_column_double (stmt, 5), sqlite3_column_double (stmt, 6),
  };

  g_array_append_val (boxes, box);
  return TRUE;
}

static gboolean
load_boxes (Import  *import,
            GError **error)
{
  g_auto(GStrv) kinds = cluster_kinds ();

  import->boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  return tf_item_rows_boxes (import->store, import->board_id, (const char * const *) kinds, add_box,
                             import->boxes, error);
}

static gboolean
intersects (const Box *a,
            const Box *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* The top-level item a box hangs from (a zone for its notes), or itself. */
static gint64
root_of (GHashTable *index,
         GArray     *boxes,
         guint       i)
{
  Box *box = &g_array_index (boxes, Box, i);

  /* Parents nest at most a few levels; the bound guards against a cycle. */
  for (guint depth = 0; box->parent_id != 0 && depth < 16; depth++)
    {
      gpointer parent;

      if (!g_hash_table_lookup_extended (index, &box->parent_id, NULL, &parent))
        break;
      box = &g_array_index (boxes, Box, GPOINTER_TO_UINT (parent));
    }
  return box->id;
}

/* The new notes of a reused zone go below what it already holds; when they
 * do not fit, the zone grows downwards and everything below it on the board
 * moves down by as much, as one would make room on a wall. */
static gboolean
fill_zone (Import   *import,
           Cluster  *cluster,
           GError  **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) unit_top = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  Box *zone = NULL;
  guint zone_index = 0, columns, n_rows;
  double next_y, old_bottom, new_bottom, shift;
  gint64 zone_root;

  if (import->boxes == NULL && !load_boxes (import, error))
    return FALSE;

  for (guint i = 0; i < import->boxes->len; i++)
    {
      Box *box = &g_array_index (import->boxes, Box, i);

      g_hash_table_insert (index, &box->id, GUINT_TO_POINTER (i));
      if (box->id == cluster->zone_id)
        zone_index = i;
    }
  zone = &g_array_index (import->boxes, Box, zone_index);
  g_assert (zone->id == cluster->zone_id);

  /* A zone narrower than one note is widened to hold one. */
  zone->width = MAX (zone->width, 2 * TF_ZONE_PADDING + TF_NOTE_MEDIUM_SIDE);
  columns = (guint) floor ((zone->width - 2 * TF_ZONE_PADDING + TF_INSIGHT_GAP) / STEP);
  columns = CLAMP (columns, 1, TF_INSIGHT_ROW_LENGTH);
  n_rows = (cluster->members->len + columns - 1) / columns;

  next_y = zone->y + TF_ZONE_TITLE_BAND;
  for (guint i = 0; i < import->boxes->len; i++)
    {
      Box *box = &g_array_index (import->boxes, Box, i);

      if (!box->is_zone && intersects (box, zone))
        next_y = MAX (next_y, box->y + box->height + TF_INSIGHT_GAP);
    }

  old_bottom = zone->y + zone->height;
  new_bottom = next_y + grid_span (n_rows) + TF_ZONE_PADDING;
  shift = MAX (0, new_bottom - old_bottom);

  if (shift > 0)
    {
      zone_root = root_of (index, import->boxes, zone_index);
      for (guint i = 0; i < import->boxes->len; i++)
        {
          Box *box = &g_array_index (import->boxes, Box, i);
          gint64 root = root_of (index, import->boxes, i);
          double *top = g_hash_table_lookup (unit_top, &root);

          if (top == NULL)
            g_hash_table_insert (unit_top, g_memdup2 (&root, sizeof root), g_memdup2 (&box->y, sizeof box->y));
          else
            *top = MIN (*top, box->y);
        }

      for (guint i = 0; i < import->boxes->len; i++)
        {
          Box *box = &g_array_index (import->boxes, Box, i);
          gint64 root = root_of (index, import->boxes, i);
          double *top = g_hash_table_lookup (unit_top, &root);

          if (root == zone_root || *top < old_bottom)
            continue;
          box->y += shift;
          if (!tf_item_rows_shift_y (import->store, box->id, shift, import->now, error))
            return FALSE;
        }
      zone->height += shift;
    }

  {
    gboolean grown;

    if (!tf_item_rows_set_bounds (import->store, zone->id, zone->x, zone->y, zone->width, zone->height,
                                  &grown, error) ||
        (grown && !tf_store_touch_item (import->store, zone->id, import->now, error)))
      return FALSE;
  }

  {
    Box copy = *zone;

    for (guint j = 0; j < cluster->members->len; j++)
      {
        TfInsightRow *row = g_ptr_array_index (import->rows, g_array_index (cluster->members, guint, j));
        Box note = {
          0, copy.id, FALSE,
          copy.x + TF_ZONE_PADDING + (j % columns) * STEP, next_y + (j / columns) * STEP,
          TF_NOTE_MEDIUM_SIDE, TF_NOTE_MEDIUM_SIDE,
        };

        if (!insert_note (import, row, note.x, note.y, copy.id, error))
          return FALSE;
        note.id = sqlite3_last_insert_rowid (tf_store_get_db (import->store));
        /* The next reused zone must see these notes (appending may move
         * the array, hence the copy of the zone above). */
        g_array_append_val (import->boxes, note);
      }
  }

  return TRUE;
}

typedef struct {
  Import     *import;
  GHashTable *by_key;
} FindingZones;

static gboolean
add_zone (sqlite3_stmt *stmt,
          gpointer      user_data)
{
  FindingZones *finding = user_data;
  g_autofree char *trimmed = g_strstrip (g_strdup (tf_column_text (stmt, 1)));
  char *key = g_utf8_casefold (trimmed, -1);
  gint64 id = sqlite3_column_int64 (stmt, 0);

  finding->import->n_zones++;
  /* Two zones with one title: the older one is the cluster. */
  if (g_hash_table_contains (finding->by_key, key))
    g_free (key);
  else
    g_hash_table_insert (finding->by_key, key, g_memdup2 (&id, sizeof id));
  return TRUE;
}

static gboolean
find_zones (Import     *import,
            GHashTable *by_key,
            GError    **error)
{
  g_auto(GStrv) kinds = cluster_kinds ();
  FindingZones finding = { import, by_key };

  return tf_item_rows_titles (import->store, import->board_id, (const char * const *) kinds, add_zone,
                              &finding, error);
}

static gboolean
query_extents (Import  *import,
               gboolean *empty,
               double   *min_x,
               double   *max_bottom,
               gint64   *min_z,
               gint64   *max_z,
               GError  **error)
{
  return tf_item_rows_extents (import->store, import->board_id, empty, min_x, max_bottom, min_z, max_z, error);
}

static gboolean
check_wall (TfStore  *store,
            gint64    board_id,
            GError  **error)
{
  g_autofree char *kind = NULL;

  if (!tf_board_rows_kind (store, board_id, &kind, error))
    return FALSE;

  if (kind == NULL)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no board %lld in this archive"), (long long) board_id);
      return FALSE;
    }
  if (!g_str_equal (kind, TF_INSIGHT_WALL_TYPE_ID))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                   _("Board %lld is not an insight wall"), (long long) board_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
place_rows (Import   *import,
            GError  **error)
{
  g_autoptr(GPtrArray) clusters = g_ptr_array_new_with_free_func (cluster_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  static const char * const zone_tints[] = { "sky", "green", "lilac", "pink", "orange", "coral" };
  g_autoptr(GArray) loose = g_array_new (FALSE, FALSE, sizeof (guint));
  guint new_zone = 0;
  gboolean empty;
  double min_x, max_bottom, origin_x, origin_y, x, tallest = 0;
  gint64 min_z, max_z;

  /* Clusters in the order they first appear; titles match regardless of case. */
  for (guint i = 0; i < import->rows->len; i++)
    {
      TfInsightRow *row = g_ptr_array_index (import->rows, i);
      g_autofree char *title = g_strstrip (g_strdup (row->cluster ? row->cluster : ""));
      g_autofree char *key = NULL;
      Cluster *cluster;

      if (title[0] == '\0')
        {
          g_array_append_val (loose, i);
          continue;
        }
      key = g_utf8_casefold (title, -1);
      cluster = g_hash_table_lookup (by_key, key);
      if (cluster == NULL)
        {
          cluster = g_new0 (Cluster, 1);
          cluster->title = g_steal_pointer (&title);
          cluster->members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_ptr_array_add (clusters, cluster);
          g_hash_table_insert (by_key, g_steal_pointer (&key), cluster);
        }
      g_array_append_val (cluster->members, i);
    }

  if (!find_zones (import, zones, error))
    return FALSE;
  if (!query_extents (import, &empty, &min_x, &max_bottom, &min_z, &max_z, error))
    return FALSE;
  import->next_note_z = empty ? 1 : max_z + 1;
  import->next_zone_z = empty ? -1 : min_z - 1;

  for (guint c = 0; c < clusters->len; c++)
    {
      Cluster *cluster = g_ptr_array_index (clusters, c);
      g_autofree char *key = g_utf8_casefold (cluster->title, -1);
      gint64 *zone_id = g_hash_table_lookup (zones, key);

      if (zone_id == NULL)
        continue;
      cluster->zone_id = *zone_id;
      if (!fill_zone (import, cluster, error))
        return FALSE;
    }

  /* New clusters and loose notes start below everything, reused zones included. */
  if (!query_extents (import, &empty, &min_x, &max_bottom, &min_z, &max_z, error))
    return FALSE;
  origin_x = empty ? 0 : min_x;
  origin_y = empty ? 0 : max_bottom + TF_INSIGHT_GAP;
  x = origin_x;

  for (guint c = 0; c < clusters->len; c++)
    {
      Cluster *cluster = g_ptr_array_index (clusters, c);
      guint n = cluster->members->len;
      guint columns = grid_columns (n);
      guint n_rows = (n + columns - 1) / columns;
      double width = 2 * TF_ZONE_PADDING + grid_span (columns);
      double height = TF_ZONE_TITLE_BAND + grid_span (n_rows) + TF_ZONE_PADDING;
      TfInsightRow *first = g_ptr_array_index (import->rows, g_array_index (cluster->members, guint, 0));
      const TfNoteColor *color = first->color[0] ? tf_note_color_lookup (first->color) : NULL;
      g_autofree char *style = NULL;
      gint64 zone_id;

      if (cluster->zone_id != 0)
        continue;

      /* A zone takes its first note's colour, or the next of a few tints
       * (not the default note's yellow) so that neighbours differ. */
      if (color == NULL)
        color = tf_note_color_lookup (zone_tints[(import->n_zones + new_zone) % G_N_ELEMENTS (zone_tints)]);
      style = tf_zone_style_build (color->id);
      zone_id = insert_item (import, "zone", x, origin_y, width, height, import->next_zone_z--, 0,
                             style, cluster->title, "{}", error);
      if (zone_id == 0)
        return FALSE;
      new_zone++;

      for (guint j = 0; j < n; j++)
        {
          TfInsightRow *row = g_ptr_array_index (import->rows, g_array_index (cluster->members, guint, j));

          if (!insert_note (import, row,
                            x + TF_ZONE_PADDING + (j % columns) * STEP,
                            origin_y + TF_ZONE_TITLE_BAND + (j / columns) * STEP,
                            zone_id, error))
            return FALSE;
        }
      x += width + TF_INSIGHT_GAP;
      tallest = MAX (tallest, height);
    }

  if (new_zone > 0)
    origin_y += tallest + TF_INSIGHT_GAP;
  for (guint j = 0; j < loose->len; j++)
    {
      TfInsightRow *row = g_ptr_array_index (import->rows, g_array_index (loose, guint, j));

      if (!insert_note (import, row,
                        origin_x + (j % TF_INSIGHT_ROW_LENGTH) * STEP,
                        origin_y + (j / TF_INSIGHT_ROW_LENGTH) * STEP,
                        0, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_rows (TfStore    *store,
             gint64      board_id,
             GPtrArray  *rows,
             GError    **error)
{
  g_autoptr(GHashTable) styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) payloads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *now = tf_store_now ();
  Import import = { store, board_id, rows, now, 0, 0, 0, NULL, styles, payloads, key, NULL };
  gint64 max_id_before;
  gboolean ok;

  if (!check_wall (store, board_id, error))
    return FALSE;
  if (rows->len == 0)
    return TRUE;

  for (guint i = 0; i < rows->len; i++)
    {
      TfInsightRow *row = g_ptr_array_index (rows, i);

      if (row->quote == NULL || row->quote[0] == '\0' || !g_utf8_validate (row->quote, -1, NULL) ||
          (row->cluster != NULL && !g_utf8_validate (row->cluster, -1, NULL)) ||
          row->date == NULL || row->color == NULL || row->tags == NULL)
        {
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                       _("Insight %u has no text or text that is not UTF-8"), i + 1);
          return FALSE;
        }
    }

  /* The per-row search-index trigger costs more than the insert itself:
   * the new rows are indexed in one pass instead. */
  if (!tf_store_items_index_begin (store, &max_id_before, error))
    return FALSE;

  ok = place_rows (&import, error) &&
       tf_store_items_index_end (store, max_id_before, error) &&
       tf_store_touch_board (store, board_id, now, error);
  g_clear_pointer (&import.boxes, g_array_unref);
  return ok;
}

static gboolean
import_insights (TfCommand  *command,
                 TfStore    *store,
                 GError    **error)
{
  ImportArgs *args = tf_command_get_data (command);
  gint64 board_id = args->board_id;

  if (board_id == 0)
    {
      GError *local_error = NULL;
      gboolean found;

      if (!tf_experiment_rows_exists (store, args->experiment_id, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                       _("There is no experiment %lld in this archive"), (long long) args->experiment_id);
          return FALSE;
        }

      board_id = tf_insight_find_wall (store, args->experiment_id, args->wall_name, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (board_id == 0)
        {
          const char *name = args->wall_name ? args->wall_name : tf_board_type_get_label (&tf_insight_wall_type);

          if (!tf_board_rows_append (store, args->experiment_id, TF_INSIGHT_WALL_TYPE_ID, name, &board_id, error))
            return FALSE;
        }
    }

  if (!import_rows (store, board_id, args->rows, error))
    return FALSE;
  tf_command_set_result_id (command, board_id);
  return TRUE;
}

static char *
import_label (GPtrArray *rows)
{
  /* TRANSLATORS: an undoable edit, e.g. "Import 12 insights" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u insight", "Import %u insights", rows->len),
                          rows->len);
}

/**
 * tf_command_import_insights:
 * @board_id: an insight wall
 * @rows: (element-type TfInsightRow): the insights, e.g. from tf_insight_csv_parse();
 *   the command keeps a reference and never changes them
 *
 * Adds every row to the wall as a medium note, in one transaction that undo
 * removes whole. Rows with a cluster go into the wall's zone of that title
 * (compared regardless of case), which grows to hold them, or into a new
 * zone. New zones stand side by side below everything already on the wall,
 * loose notes below them in rows of %TF_INSIGHT_ROW_LENGTH. The result id is
 * the board's id.
 *
 * Returns: (transfer full): the command
 */
TfCommand *
tf_command_import_insights (gint64     board_id,
                            GPtrArray *rows)
{
  g_autofree char *label = NULL;
  ImportArgs *args;

  g_return_val_if_fail (board_id > 0, NULL);
  g_return_val_if_fail (rows != NULL, NULL);

  args = g_new0 (ImportArgs, 1);
  args->board_id = board_id;
  args->rows = g_ptr_array_ref (rows);
  label = import_label (rows);
  return tf_command_new (label, import_insights, args, import_args_free);
}

/**
 * tf_command_import_insights_to_experiment:
 * @experiment_id: an experiment
 * @wall_name: (nullable): the name of one of its insight walls, or %NULL for its first
 * @rows: (element-type TfInsightRow): the insights
 *
 * Like tf_command_import_insights(), onto the wall tf_insight_find_wall()
 * finds when the command runs; when there is none, a wall named @wall_name
 * (or "Insight wall") is added in the same transaction.
 *
 * Returns: (transfer full): the command
 */
TfCommand *
tf_command_import_insights_to_experiment (gint64      experiment_id,
                                          const char *wall_name,
                                          GPtrArray  *rows)
{
  g_autofree char *label = NULL;
  ImportArgs *args;

  g_return_val_if_fail (experiment_id > 0, NULL);
  g_return_val_if_fail (rows != NULL, NULL);

  args = g_new0 (ImportArgs, 1);
  args->experiment_id = experiment_id;
  if (wall_name != NULL)
    args->wall_name = g_strstrip (g_strdup (wall_name));
  if (args->wall_name != NULL && (args->wall_name[0] == '\0' || !g_utf8_validate (args->wall_name, -1, NULL)))
    g_clear_pointer (&args->wall_name, g_free);
  args->rows = g_ptr_array_ref (rows);
  label = import_label (rows);
  return tf_command_new (label, import_insights, args, import_args_free);
}

typedef struct {
  char   *wanted;  /* casefolded, NULL: the first wall */
  gint64  id;
} FindingWall;

static gboolean
match_wall (sqlite3_stmt *stmt,
            gpointer      user_data)
{
  FindingWall *finding = user_data;
  g_autofree char *trimmed = NULL;
  g_autofree char *key = NULL;

  if (finding->wanted == NULL)
    {
      finding->id = sqlite3_column_int64 (stmt, 0);
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (tf_column_text (stmt, 1)));
  key = g_utf8_casefold (trimmed, -1);
  if (g_str_equal (key, finding->wanted))
    {
      finding->id = sqlite3_column_int64 (stmt, 0);
      return FALSE;
    }
  return TRUE;
}

/**
 * tf_insight_find_wall:
 * @store: an archive
 * @experiment_id: an experiment
 * @name: (nullable): a board name, compared regardless of case and surrounding spaces
 * @error: a #GError
 *
 * Finds the insight wall called @name in the experiment or, when @name is
 * %NULL, its first insight wall in board order.
 *
 * Returns: the board's id; 0 when there is none (@error unset) or on failure (@error set)
 */
gint64
tf_insight_find_wall (TfStore     *store,
                      gint64       experiment_id,
                      const char  *name,
                      GError     **error)
{
  FindingWall finding = { NULL, 0 };

  g_return_val_if_fail (TF_IS_STORE (store), 0);

  if (name != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (name));
      finding.wanted = g_utf8_casefold (trimmed, -1);
    }

  tf_board_rows_of_kind (store, experiment_id, TF_INSIGHT_WALL_TYPE_ID, match_wall, &finding, error);
  g_free (finding.wanted);
  return finding.id;
}

typedef struct {
  GPtrArray *rows;
  gboolean   include_retired;
} Collecting;

static gboolean
collect_row (sqlite3_stmt *stmt,
             gpointer      user_data)
{
  Collecting *collecting = user_data;
  g_auto(TfInsightFields) fields = { 0 };
  const char *color_id = (const char *) sqlite3_column_text (stmt, 3);
  const TfNoteColor *color = color_id ? tf_note_color_lookup (color_id) : NULL;
  TfInsightRow *row;

  tf_insight_fields_init (&fields);
  tf_insight_fields_parse (&fields, tf_column_text (stmt, 1));
  if (fields.consent == TF_CONSENT_WITHDRAWN || (fields.retired && !collecting->include_retired))
    return TRUE;

  row = tf_insight_row_new ();
  g_free (row->quote);
  row->quote = g_strdup (tf_column_text (stmt, 0));
  row->source = fields.source;
  g_free (row->date);
  row->date = g_strdup (fields.date);
  g_strfreev (row->tags);
  row->tags = g_strdupv (fields.tags);
  g_free (row->color);
  row->color = g_strdup (color ? color->id : "");
  g_free (row->cluster);
  row->cluster = g_strdup (tf_column_text (stmt, 2));
  g_ptr_array_add (collecting->rows, row);
  return TRUE;
}

/**
 * tf_insight_collect:
 * @store: an archive
 * @board_id: an insight wall
 * @include_retired: whether retired notes are included
 * @rows: (out) (transfer full) (element-type TfInsightRow): the notes
 * @error: a #GError
 *
 * Reads the notes of a board back as rows, for export: cluster by cluster
 * (zones in reading order, loose notes last), each top to bottom, then left
 * to right. A note whose consent was withdrawn is never included.
 *
 * Returns: %TRUE on success
 */
gboolean
tf_insight_collect (TfStore     *store,
                    gint64       board_id,
                    gboolean     include_retired,
                    GPtrArray  **rows,
                    GError     **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_auto(GStrv) kinds = cluster_kinds ();
  Collecting collecting;
  gboolean found;

  g_return_val_if_fail (TF_IS_STORE (store), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!tf_board_rows_exists (store, board_id, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no board %lld in this archive"), (long long) board_id);
      return FALSE;
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_insight_row_free);
  collecting.rows = result;
  collecting.include_retired = include_retired;
  if (!tf_item_rows_members (store, board_id, "note", (const char * const *) kinds, collect_row, &collecting,
                             error))
    return FALSE;

  *rows = g_steal_pointer (&result);
  return TRUE;
}
