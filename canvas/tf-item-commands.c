/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-item-commands"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/tf-board-rows.h"
#include "core/tf-board-type.h"
#include "core/tf-content.h"
#include "core/tf-item-relations.h"
#include "core/tf-item-rows.h"
#include "tf-item-commands.h"
#include "tf-item-kinds.h"
#include "tf-scene.h"

typedef struct {
  GArray    *ids;        /* gint64: the items acted on */
  GArray    *rects;      /* TfRect, for set-bounds */
  GArray    *created;    /* gint64: ids made by add/duplicate */
  GPtrArray *news;       /* owned TfNewItem copies, for add */
  gint64     board_id;
  double     dx, dy;
  int        value;
  char      *text;
  char      *key;
  char      *json;
  int        verb;       /* a Verb when the label names the items */
} Args;

/* What a command made with ids only does, to name it once it knows the
 * kinds of its items. */
typedef enum {
  VERB_NONE,
  VERB_MOVE,
  VERB_DELETE,
  VERB_DUPLICATE,
  VERB_RESIZE,
  VERB_CHANGE,
  VERB_WRITE,
} Verb;

/* "Move a photo": @noun from tf_item_kinds_name(). */
static char *
verb_label (Verb        verb,
            const char *noun)
{
  switch (verb)
    {
    case VERB_MOVE:
      return g_strdup_printf (_("Move %s"), noun);
    case VERB_DELETE:
      return g_strdup_printf (_("Delete %s"), noun);
    case VERB_DUPLICATE:
      return g_strdup_printf (_("Duplicate %s"), noun);
    case VERB_RESIZE:
      return g_strdup_printf (_("Resize %s"), noun);
    case VERB_CHANGE:
      return g_strdup_printf (_("Change %s"), noun);
    case VERB_WRITE:
      /* Translators: its text typed or changed: "Write a post-it note". */
      return g_strdup_printf (_("Write %s"), noun);
    case VERB_NONE:
    default:
      return g_strdup (noun);
    }
}

static void
new_item_free (gpointer data)
{
  TfNewItem *item = data;

  g_free ((char *) item->kind);
  g_free ((char *) item->text);
  g_free ((char *) item->style);
  g_free ((char *) item->payload);
  g_free (item);
}

static void
args_free (gpointer data)
{
  Args *args = data;

  g_clear_pointer (&args->ids, g_array_unref);
  g_clear_pointer (&args->rects, g_array_unref);
  g_clear_pointer (&args->created, g_array_unref);
  g_clear_pointer (&args->news, g_ptr_array_unref);
  g_free (args->text);
  g_free (args->key);
  g_free (args->json);
  g_free (args);
}

static Args *
args_new (const gint64 *ids,
          guint         n_ids)
{
  Args *args = g_new0 (Args, 1);

  args->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (args->ids, ids, n_ids);
  args->created = g_array_new (FALSE, FALSE, sizeof (gint64));
  return args;
}

const gint64 *
tf_item_command_get_ids (TfCommand *command,
                         guint     *n_ids)
{
  Args *args = tf_command_get_data (command);

  g_return_val_if_fail (args != NULL, NULL);
  if (n_ids)
    *n_ids = args->created->len;
  return (const gint64 *) args->created->data;
}

/* The board all the ids are on; every id must exist. With @kinds, the kind
 * of each id is appended to it (owned strings), from the same read. */
static gint64
board_and_kinds_of (TfStore    *store,
                    GArray     *ids,
                    GPtrArray  *kinds,
                    GError    **error)
{
  gint64 board = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      gint64 this_board = 0;
      TfItemRow row;

      if (kinds == NULL)
        this_board = tf_item_rows_board_of (store, id);
      else if (tf_item_rows_read (store, id, &row))
        {
          this_board = row.board_id;
          g_ptr_array_add (kinds, g_steal_pointer (&row.kind));
          tf_item_row_clear (&row);
        }
      if (this_board == 0)
        {
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                       _("There is no item %lld on this board"), (long long) id);
          return 0;
        }
      if (board != 0 && this_board != board)
        {
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                       _("These items are on different boards"));
          return 0;
        }
      board = this_board;
    }

  if (board == 0)
    g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("Nothing is selected"));
  return board;
}

static gint64
board_of (TfStore  *store,
          GArray   *ids,
          GError  **error)
{
  return board_and_kinds_of (store, ids, NULL, error);
}

/* Puts the name of @n_kinds items of @kinds in the command's verb, when it
 * was made without a label of its caller: "Move a photo", "Delete 3
 * photos", "Move 4 items" (the kinds name themselves: no kind is named
 * here). */
static void
name_items (TfCommand          *command,
            const char * const *kinds,
            guint               n_kinds)
{
  Args *args = tf_command_get_data (command);
  g_autofree char *noun = NULL;
  g_autofree char *label = NULL;

  if (args->verb == VERB_NONE || n_kinds == 0)
    return;
  noun = tf_item_kinds_name (kinds, n_kinds);
  label = verb_label (args->verb, noun);
  tf_command_set_label (command, label);
}

/* board_of() for a command whose label names its items: the board, and the
 * label set from the kinds read on the way. */
static gint64
board_of_named (TfCommand  *command,
                TfStore    *store,
                GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GPtrArray) kinds = NULL;
  gint64 board;

  if (args->verb == VERB_NONE)
    return board_of (store, args->ids, error);
  kinds = g_ptr_array_new_with_free_func (g_free);
  board = board_and_kinds_of (store, args->ids, kinds, error);
  if (board != 0)
    name_items (command, (const char * const *) kinds->pdata, kinds->len);
  return board;
}

/* A command whose label names the items it acts on once it runs; before,
 * "Move an item", "Move 3 items". */
static TfCommand *
named_command_new (Verb           verb,
                   TfCommandFunc  func,
                   Args          *args)
{
  g_autofree char *noun = tf_item_kinds_name (NULL, args->ids->len);
  g_autofree char *label = verb_label (verb, noun);

  args->verb = verb;
  return tf_command_new (label, func, args, args_free);
}

/* --- What the commands ask of the kinds (canvas/tf-item.h). No kind is
 * named here: a zone, a pool or a blueprint lane behave through their
 * hooks. --- */

/* A container that does not name its members in its payload (a zone) holds
 * what lies in it: its members are its children (parent_id), found by
 * asking it whether it accepts them, and it stays under everything else. A
 * container that names its members (a pool) keeps them in its payload. */
static gboolean
holds_by_place (const TfItemKind *kind)
{
  return kind != NULL && (kind->roles & TF_ITEM_ROLE_CONTAINER) != 0 && kind->references == NULL;
}

static void
first_holding_by_place (const TfItemKind *kind,
                        gpointer          data)
{
  const char **id = data;

  if (*id == NULL && holds_by_place (kind))
    *id = kind->id;
}

/* The kind a new cluster is made of: the first kind that holds by place
 * (today the only one, the zone). */
static const char *
cluster_kind (void)
{
  const char *id = NULL;

  tf_item_kind_foreach (first_holding_by_place, &id);
  g_return_val_if_fail (id != NULL, "");
  return id;
}

/* Whether items of the kind name others in their payload (a link, a pool). */
static gboolean
names_others (const TfItemKind *kind)
{
  return kind != NULL && kind->references != NULL;
}

typedef struct {
  gboolean  (*test) (const TfItemKind *kind);
  GPtrArray  *ids;
} KindFilter;

static void
filter_kind (const TfItemKind *kind,
             gpointer          data)
{
  KindFilter *filter = data;

  if (filter->test (kind))
    g_ptr_array_add (filter->ids, (gpointer) kind->id);
}

/* The ids of the kinds that pass @test, NULL-terminated (borrowed strings). */
static GPtrArray *
kinds_where (gboolean (*test) (const TfItemKind *kind))
{
  KindFilter filter = { test, g_ptr_array_new () };

  tf_item_kind_foreach (filter_kind, &filter);
  g_ptr_array_add (filter.ids, NULL);
  return filter.ids;
}

/* The parsed item of a row, for the kind's hooks. */
static TfItem *
item_from_row (const TfItemRow *row)
{
  TfItem *item = tf_item_new (row->id, row->kind);

  item->bounds = (TfRect) { row->x, row->y, row->width, row->height };
  item->z = row->z;
  item->parent_id = row->parent_id;
  tf_item_set_payload (item, row->payload);
  tf_item_changed (item);
  return item;
}

static TfItem *
read_item (TfStore *store,
           gint64   id)
{
  TfItemRow row;
  TfItem *item;

  if (!tf_item_rows_read (store, id, &row))
    return NULL;
  item = item_from_row (&row);
  tf_item_row_clear (&row);
  return item;
}

/* The items of @board_id whose kind passes @test, parsed. */
static GPtrArray *
list_items (TfStore   *store,
            gint64     board_id,
            gboolean (*test) (const TfItemKind *kind),
            GError   **error)
{
  g_autoptr(GPtrArray) kinds = kinds_where (test);
  g_autoptr(GArray) rows = tf_item_row_array_new ();
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_item_free);

  /* No kind of that sort: not even a query. */
  if (kinds->len == 1)
    return items;
  if (!tf_item_rows_list (store, board_id, (const char * const *) kinds->pdata, rows, error))
    {
      g_ptr_array_unref (items);
      return NULL;
    }
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, item_from_row (&g_array_index (rows, TfItemRow, i)));
  return items;
}

/* A thing belongs to the topmost container (highest z, then highest id)
 * that holds it by place and accepts it; to none when none does. Containers
 * that hold by place are not themselves reclustered. The board's containers
 * are read once for all @ids: on a wall of 10 000 notes, a scan of the
 * board per note made Arrange all take 30 s. */
static gboolean
recluster_many (TfStore  *store,
                gint64    board_id,
                GArray   *ids,
                GError  **error)
{
  g_autoptr(GPtrArray) containers = NULL;

  if (ids->len == 0)
    return TRUE;
  containers = list_items (store, board_id, holds_by_place, error);
  if (containers == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(TfItem) item = read_item (store, id);
      const TfItem *best = NULL;

      if (item == NULL || holds_by_place (item->kind))
        continue;
      for (guint k = 0; k < containers->len; k++)
        {
          const TfItem *container = g_ptr_array_index (containers, k);

          if (container->id == id || !tf_item_adopts (container, item))
            continue;
          if (best == NULL || container->z > best->z || (container->z == best->z && container->id > best->id))
            best = container;
        }
      if ((best != NULL ? best->id : 0) == item->parent_id)
        continue;
      if (!tf_item_rows_set_parent (store, id, best != NULL ? best->id : 0, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
id_set_contains (GHashTable *set,
                 gint64      id)
{
  return g_hash_table_contains (set, &id);
}

static void
id_set_add (GHashTable *set,
            gint64      id)
{
  g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

static GHashTable *
id_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* Re-derives the bounds of the items of @board_id that take them from
 * others (a link from its ends, a pool from its members): all of them when
 * @changed is NULL, else those in @changed or naming an item of it. Only
 * items of kinds that name others are read. */
static gboolean
refresh_derived (TfStore     *store,
                 gint64       board_id,
                 GHashTable  *changed,
                 GError     **error)
{
  g_autoptr(GPtrArray) referrers = list_items (store, board_id, names_others, error);

  if (referrers == NULL)
    return FALSE;
  for (guint i = 0; i < referrers->len; i++)
    {
      TfItem *item = g_ptr_array_index (referrers, i);
      g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(TfScene) scene = NULL;
      gboolean relevant = changed == NULL || id_set_contains (changed, item->id);
      TfRect bounds;

      tf_item_references (item, refs);
      for (guint k = 0; !relevant && k < refs->len; k++)
        relevant = id_set_contains (changed, g_array_index (refs, gint64, k));
      if (!relevant)
        continue;

      /* The items it names, on its board. */
      scene = tf_scene_new ();
      for (guint k = 0; k < refs->len; k++)
        {
          TfItem *other = read_item (store, g_array_index (refs, gint64, k));
          gint64 other_board = other != NULL ? tf_item_rows_board_of (store, other->id) : 0;

          if (other != NULL && other_board == board_id && other->id != item->id)
            tf_scene_add (scene, other);
          else if (other != NULL)
            tf_item_free (other);
        }
      if (tf_item_derive_bounds (item, scene, &bounds) &&
          !tf_item_rows_set_bounds (store, item->id, bounds.x, bounds.y, bounds.width, bounds.height,
                                    NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
refresh_board (TfStore  *store,
               gint64    board_id,
               GError  **error)
{
  return refresh_derived (store, board_id, NULL, error);
}

static GHashTable *
id_set_from (GArray *ids)
{
  GHashTable *set = id_set_new ();

  for (guint i = 0; i < ids->len; i++)
    id_set_add (set, g_array_index (ids, gint64, i));
  return set;
}

/* After new items: only when one of them names others does anything
 * derive its bounds, so a note added to a wall reads nothing more. */
static gboolean
refresh_new (TfStore     *store,
             gint64       board_id,
             GArray      *created,
             const char **kinds,
             GError     **error)
{
  g_autoptr(GHashTable) set = NULL;
  gboolean any = FALSE;

  for (guint i = 0; i < created->len && !any; i++)
    any = names_others (tf_item_kind_lookup (kinds[i]));
  if (!any)
    return TRUE;
  set = id_set_from (created);
  return refresh_derived (store, board_id, set, error);
}

/* A copy of an item that names others names their copies. */
static char *
remap_copied (const char *kind_id,
              const char *payload,
              GHashTable *map)
{
  g_autoptr(TfItem) item = NULL;

  if (!names_others (tf_item_kind_lookup (kind_id)))
    return NULL;
  item = tf_item_new (0, kind_id);
  tf_item_set_payload (item, payload);
  tf_item_changed (item);
  return tf_item_remap_payload (item, map);
}

/* The core asks the kinds through these (core/tf-item-relations.h). */
__attribute__ ((constructor)) static void
install_relations (void)
{
  tf_item_relations_install (refresh_board, remap_copied);
}

/* After a command changed the items of @board_id, in its transaction: the
 * board's type settles what follows from them (a blueprint puts a moved
 * card in the cell under it and reflows its grid). No type is named. */
static gboolean
settle (TfStore  *store,
        gint64    board_id,
        GError  **error)
{
  g_autofree char *kind = NULL;
  const TfBoardType *type;

  if (board_id == 0 || !tf_board_rows_kind (store, board_id, &kind, error))
    return board_id == 0;
  type = kind != NULL ? tf_board_type_lookup (kind) : NULL;
  if (type == NULL || type->settle == NULL)
    return TRUE;
  return type->settle (store, board_id, error);
}

static gboolean
touch (TfStore  *store,
       gint64    id,
       GError  **error)
{
  return tf_store_touch_item (store, id, NULL, error);
}

static gboolean
check_json (const char  *json,
            GError     **error)
{
  if (json == NULL || g_utf8_validate (json, -1, NULL))
    return TRUE;
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("The text is not valid UTF-8"));
  return FALSE;
}

/* What is written must pass what reading checks (core/tf-content.h), or the
 * item would vanish from its board the next time it is read. */
static gboolean
check_text (const char  *text,
            GError     **error)
{
  if (text == NULL || tf_content_check_text (text, -1, TF_CONTENT_MAX_TEXT))
    return TRUE;
  if (!check_json (text, error))
    return FALSE;
  /* Valid UTF-8, so too long. */
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
               _("This text is too long for one item of a board (at most %d KiB); split it"),
               TF_CONTENT_MAX_TEXT / 1024);
  return FALSE;
}

static gboolean
check_style (const char  *json,
             GError     **error)
{
  if (json == NULL || tf_content_check_json (json, -1))
    return TRUE;
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
               _("The item's settings are too large or not valid UTF-8"));
  return FALSE;
}

static double
clamp_coord (double value)
{
  if (!isfinite (value))
    return 0;
  return CLAMP (value, -TF_CONTENT_MAX_COORD, TF_CONTENT_MAX_COORD);
}

static double
clamp_size (double value)
{
  if (!isfinite (value))
    return 1;
  return CLAMP (value, 1, TF_CONTENT_MAX_SIZE);
}

static gboolean
add_items (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GArray) unparented = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree const char **kinds = g_new0 (const char *, args->news->len + 1);
  int z;

  if (!tf_item_rows_board_exists (store, args->board_id))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no board %lld in this archive"), (long long) args->board_id);
      return FALSE;
    }

  z = tf_item_rows_next_z (store, args->board_id);
  for (guint i = 0; i < args->news->len; i++)
    {
      const TfNewItem *item = g_ptr_array_index (args->news, i);
      gint64 id;

      if (!check_text (item->text, error) || !check_style (item->style, error) ||
          !check_style (item->payload, error))
        return FALSE;

      /* Containers that hold by place go under what they group. */
      if (!tf_item_rows_insert (store, args->board_id, item->kind,
                                clamp_coord (item->bounds.x), clamp_coord (item->bounds.y),
                                clamp_size (item->bounds.width), clamp_size (item->bounds.height),
                                holds_by_place (tf_item_kind_lookup (item->kind)) ? -z - (int) i : z + (int) i,
                                item->parent_id, item->text, item->style, item->payload, &id, error))
        return FALSE;
      kinds[args->created->len] = item->kind;
      g_array_append_val (args->created, id);
      if (item->parent_id == 0)
        g_array_append_val (unparented, id);
    }
  if (!recluster_many (store, args->board_id, unparented, error))
    return FALSE;

  if (args->created->len > 0)
    tf_command_set_result_id (command, g_array_index (args->created, gint64, 0));
  /* Links and pools take their bounds from the items they join. */
  return refresh_new (store, args->board_id, args->created, kinds, error) &&
         settle (store, args->board_id, error);
}

char *
tf_new_items_name (const TfNewItem *items,
                   guint            n_items)
{
  g_autofree const char **kinds = g_new0 (const char *, n_items + 1);

  for (guint i = 0; i < n_items; i++)
    kinds[i] = items[i].kind;
  return tf_item_kinds_name (kinds, n_items);
}

TfCommand *
tf_command_add_items (gint64           board_id,
                      const TfNewItem *items,
                      guint            n_items,
                      const char      *label)
{
  Args *args = args_new (NULL, 0);

  args->board_id = board_id;
  args->news = g_ptr_array_new_with_free_func (new_item_free);
  for (guint i = 0; i < n_items; i++)
    {
      TfNewItem *copy = g_new0 (TfNewItem, 1);

      /* Every new item says its kind: the canvas knows none by name. */
      g_return_val_if_fail (items[i].kind != NULL, NULL);
      copy->kind = g_strdup (items[i].kind);
      copy->bounds = items[i].bounds;
      copy->text = g_strdup (items[i].text ? items[i].text : "");
      copy->style = g_strdup (items[i].style);
      copy->payload = g_strdup (items[i].payload);
      copy->parent_id = items[i].parent_id;
      g_ptr_array_add (args->news, copy);
    }
  if (label == NULL)
    {
      g_autofree char *noun = tf_new_items_name (items, n_items);
      g_autofree char *named = g_strdup_printf (_("Add %s"), noun);

      return tf_command_new (named, add_items, args, args_free);
    }
  return tf_command_new (label, add_items, args, args_free);
}

static gboolean
duplicate_items (TfCommand  *command,
                 TfStore    *store,
                 GError    **error)
{
  Args *args = tf_command_get_data (command);
  gint64 board = board_of_named (command, store, error);
  g_autofree const char **kinds = NULL;
  g_autoptr(GArray) rows = tf_item_row_array_new ();
  int z;

  if (board == 0)
    return FALSE;
  z = tf_item_rows_next_z (store, board);

  for (guint i = 0; i < args->ids->len; i++)
    {
      TfItemRow row;

      if (tf_item_rows_read (store, g_array_index (args->ids, gint64, i), &row))
        g_array_append_val (rows, row);
    }
  kinds = g_new0 (const char *, rows->len + 1);
  for (guint i = 0; i < rows->len; i++)
    {
      const TfItemRow *row = &g_array_index (rows, TfItemRow, i);
      gint64 id;

      /* A container that holds by place keeps its place under the rest. */
      if (!tf_item_rows_duplicate (store, row->id, args->dx, args->dy,
                                   holds_by_place (tf_item_kind_lookup (row->kind)) ? row->z : z + (int) i,
                                   &id, error))
        return FALSE;
      kinds[args->created->len] = row->kind;
      g_array_append_val (args->created, id);
    }
  if (!recluster_many (store, board, args->created, error))
    return FALSE;

  if (args->created->len > 0)
    tf_command_set_result_id (command, g_array_index (args->created, gint64, 0));
  return refresh_new (store, board, args->created, kinds, error) && settle (store, board, error);
}

TfCommand *
tf_command_duplicate_items (const gint64 *ids,
                            guint         n_ids,
                            double        dx,
                            double        dy)
{
  Args *args = args_new (ids, n_ids);

  args->dx = dx;
  args->dy = dy;
  return named_command_new (VERB_DUPLICATE, duplicate_items, args);
}

/* The moved set grows by the members of every moved container: the
 * children of one that holds by place, the items named by one that names
 * its members (on its board). */
static GArray *
with_cluster_members (TfStore  *store,
                      GArray   *ids,
                      GError  **error)
{
  g_autoptr(GHashTable) seen = id_set_new ();
  GArray *all = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!id_set_contains (seen, id))
        {
          id_set_add (seen, id);
          g_array_append_val (all, id);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TfItem) item = read_item (store, g_array_index (ids, gint64, i));
      g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 board;

      if (item == NULL || !tf_item_has_role (item, TF_ITEM_ROLE_CONTAINER))
        continue;
      board = tf_item_rows_board_of (store, item->id);
      if (holds_by_place (item->kind))
        {
          if (!tf_item_rows_children (store, item->id, members, error))
            {
              g_array_unref (all);
              return NULL;
            }
        }
      else
        tf_item_references (item, members);
      for (guint k = 0; k < members->len; k++)
        {
          gint64 member = g_array_index (members, gint64, k);

          if (id_set_contains (seen, member) || tf_item_rows_board_of (store, member) != board)
            continue;
          id_set_add (seen, member);
          g_array_append_val (all, member);
        }
    }
  return all;
}

static gboolean
move_items (TfCommand  *command,
            TfStore    *store,
            GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GArray) all = NULL;
  g_autoptr(GHashTable) moved = NULL;
  gint64 board = board_of_named (command, store, error);

  if (board == 0)
    return FALSE;
  if (args->dx == 0 && args->dy == 0)
    return TRUE;

  all = with_cluster_members (store, args->ids, error);
  if (all == NULL)
    return FALSE;

  for (guint i = 0; i < all->len; i++)
    {
      gint64 id = g_array_index (all, gint64, i);

      /* Nothing is pushed off the board (core/tf-content.h). */
      if (!tf_item_rows_translate (store, id, args->dx, args->dy, TF_CONTENT_MAX_COORD, error) ||
          !touch (store, id, error))
        return FALSE;
    }

  /* Only what was dropped changes cluster; members carried by their zone stay. */
  if (!recluster_many (store, board, args->ids, error))
    return FALSE;
  /* Links and pools follow the actors they join. */
  moved = id_set_from (all);
  return refresh_derived (store, board, moved, error) && settle (store, board, error);
}

TfCommand *
tf_command_move_items (const gint64 *ids,
                       guint         n_ids,
                       double        dx,
                       double        dy)
{
  Args *args = args_new (ids, n_ids);

  args->dx = dx;
  args->dy = dy;
  return named_command_new (VERB_MOVE, move_items, args);
}

static gboolean
set_bounds (TfCommand  *command,
            TfStore    *store,
            GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GHashTable) resized = NULL;
  gint64 board = board_of_named (command, store, error);

  if (board == 0)
    return FALSE;

  for (guint i = 0; i < args->ids->len; i++)
    {
      gint64 id = g_array_index (args->ids, gint64, i);
      const TfRect *r = &g_array_index (args->rects, TfRect, i);
      gboolean changed;

      if (!tf_item_rows_set_bounds (store, id, clamp_coord (r->x), clamp_coord (r->y),
                                    clamp_size (r->width), clamp_size (r->height), &changed, error))
        return FALSE;
      if (changed && !touch (store, id, error))
        return FALSE;
    }
  if (!recluster_many (store, board, args->ids, error))
    return FALSE;
  resized = id_set_from (args->ids);
  return refresh_derived (store, board, resized, error) && settle (store, board, error);
}

TfCommand *
tf_command_set_bounds (const gint64 *ids,
                       const TfRect *bounds,
                       guint         n_ids,
                       const char   *label)
{
  Args *args = args_new (ids, n_ids);

  args->rects = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), n_ids);
  g_array_append_vals (args->rects, bounds, n_ids);
  if (label == NULL)
    return named_command_new (VERB_RESIZE, set_bounds, args);
  return tf_command_new (label, set_bounds, args, args_free);
}

static gboolean set_style_key (TfCommand *command, TfStore *store, GError **error);

static gboolean
set_bounds_and_style_key (TfCommand  *command,
                          TfStore    *store,
                          GError    **error)
{
  return set_bounds (command, store, error) && set_style_key (command, store, error);
}

TfCommand *
tf_command_set_bounds_and_style_key (const gint64 *ids,
                                     const TfRect *bounds,
                                     guint         n_ids,
                                     const char   *key,
                                     const char   *json_value,
                                     const char   *label)
{
  Args *args = args_new (ids, n_ids);

  args->rects = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), n_ids);
  g_array_append_vals (args->rects, bounds, n_ids);
  args->key = g_strdup (key);
  args->json = g_strdup (json_value);
  if (label == NULL)
    return named_command_new (VERB_RESIZE, set_bounds_and_style_key, args);
  return tf_command_new (label, set_bounds_and_style_key, args, args_free);
}

static gboolean
cluster_items (TfCommand  *command,
               TfStore    *store,
               GError    **error)
{
  Args *args = tf_command_get_data (command);

  if (args->ids->len > 0 && board_of (store, args->ids, error) != args->board_id)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID,
                     _("These items are on different boards"));
      return FALSE;
    }
  if (!add_items (command, store, error))
    return FALSE;
  return recluster_many (store, args->board_id, args->ids, error);
}

TfCommand *
tf_command_cluster_items (gint64        board_id,
                          const gint64 *ids,
                          guint         n_ids,
                          const TfRect *zone_bounds,
                          const char   *title,
                          const char   *style)
{
  Args *args = args_new (ids, n_ids);
  TfNewItem *zone = g_new0 (TfNewItem, 1);

  args->board_id = board_id;
  args->news = g_ptr_array_new_with_free_func (new_item_free);
  zone->kind = g_strdup (cluster_kind ());
  zone->bounds = *zone_bounds;
  zone->text = g_strdup (title ? title : "");
  zone->style = g_strdup (style);
  g_ptr_array_add (args->news, zone);
  return tf_command_new (_("New cluster"), cluster_items, args, args_free);
}

static gboolean
set_text (TfCommand  *command,
          TfStore    *store,
          GError    **error)
{
  Args *args = tf_command_get_data (command);
  gint64 id = g_array_index (args->ids, gint64, 0);
  gboolean changed;

  if (board_of_named (command, store, error) == 0 || !check_text (args->text, error))
    return FALSE;
  if (!tf_item_rows_set_text (store, id, args->text, &changed, error))
    return FALSE;
  if (changed && !touch (store, id, error))
    return FALSE;
  return settle (store, tf_item_rows_board_of (store, id), error);
}

TfCommand *
tf_command_set_item_text (gint64      id,
                          const char *text)
{
  Args *args = args_new (&id, 1);

  args->text = g_strdup (text ? text : "");
  /* Named once it runs: "Write a text label". */
  return named_command_new (VERB_WRITE, set_text, args);
}

/* JSON keys are ours ("color", "votes"…): letters, digits and underscores. */
static gboolean
valid_key (const char *key)
{
  if (key == NULL || key[0] == '\0')
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean
set_key (TfCommand     *command,
         TfStore       *store,
         TfItemColumn   column,
         GError       **error)
{
  Args *args = tf_command_get_data (command);
  g_autofree char *path = g_strconcat ("$.", args->key, NULL);
  gint64 board = board_of_named (command, store, error);

  if (board == 0)
    return FALSE;
  if (!valid_key (args->key) || !check_json (args->json, error))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("That value cannot be stored"));
      return FALSE;
    }

  for (guint i = 0; i < args->ids->len; i++)
    {
      gint64 id = g_array_index (args->ids, gint64, i);
      gboolean changed;

      if (!tf_item_rows_set_key (store, column, id, path, args->json, &changed, error))
        {
          g_clear_error (error);
          g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("That value cannot be stored"));
          return FALSE;
        }
      if (changed && !touch (store, id, error))
        return FALSE;
    }
  return settle (store, board, error);
}

static gboolean
set_style_key (TfCommand  *command,
               TfStore    *store,
               GError    **error)
{
  return set_key (command, store, TF_ITEM_COLUMN_STYLE, error);
}

static gboolean
set_payload_key (TfCommand  *command,
                 TfStore    *store,
                 GError    **error)
{
  return set_key (command, store, TF_ITEM_COLUMN_PAYLOAD, error);
}

static TfCommand *
key_command (const gint64  *ids,
             guint          n_ids,
             const char    *key,
             const char    *json_value,
             const char    *label,
             TfCommandFunc  func)
{
  Args *args = args_new (ids, n_ids);

  args->key = g_strdup (key);
  args->json = g_strdup (json_value);
  if (label == NULL)
    return named_command_new (VERB_CHANGE, func, args);
  return tf_command_new (label, func, args, args_free);
}

TfCommand *
tf_command_set_style_key (const gint64 *ids,
                          guint         n_ids,
                          const char   *key,
                          const char   *json_value,
                          const char   *label)
{
  return key_command (ids, n_ids, key, json_value, label, set_style_key);
}

TfCommand *
tf_command_set_payload_key (const gint64 *ids,
                            guint         n_ids,
                            const char   *key,
                            const char   *json_value,
                            const char   *label)
{
  return key_command (ids, n_ids, key, json_value, label, set_payload_key);
}

static gboolean
vote (TfCommand  *command,
      TfStore    *store,
      GError    **error)
{
  Args *args = tf_command_get_data (command);

  gint64 board = board_of (store, args->ids, error);

  if (board == 0)
    return FALSE;
  for (guint i = 0; i < args->ids->len; i++)
    if (!tf_item_rows_add_to_key (store, g_array_index (args->ids, gint64, i), "$.votes", args->value,
                                  NULL, error))
      return FALSE;
  return settle (store, board, error);
}

TfCommand *
tf_command_vote (const gint64 *ids,
                 guint         n_ids,
                 int           delta)
{
  Args *args = args_new (ids, n_ids);

  args->value = delta;
  return tf_command_new (delta >= 0 ? _("Add a vote") : _("Remove a vote"), vote, args, args_free);
}

static gboolean
delete_items (TfCommand  *command,
              TfStore    *store,
              GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GHashTable) deleted = NULL;
  g_autoptr(GHashTable) affected = id_set_new ();
  g_autoptr(GPtrArray) referrers = NULL;
  g_autoptr(GArray) order = NULL;
  gint64 board = board_of_named (command, store, error);
  gboolean again = TRUE;

  if (board == 0)
    return FALSE;
  deleted = id_set_from (args->ids);
  order = g_array_copy (args->ids);

  /* What names a deleted item forgets it: a link without its end goes too,
   * a pool loses a member (and goes when it has none left); and so on for
   * what named those. The kinds say how (tf_item_remap_payload). */
  referrers = list_items (store, board, names_others, error);
  if (referrers == NULL)
    return FALSE;
  while (again)
    {
      again = FALSE;
      for (guint i = 0; i < referrers->len; i++)
        {
          TfItem *item = g_ptr_array_index (referrers, i);
          g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autoptr(GHashTable) map = NULL;
          g_autofree char *payload = NULL;
          gboolean touched = FALSE;

          if (id_set_contains (deleted, item->id))
            continue;
          tf_item_references (item, refs);
          map = g_hash_table_new (g_int64_hash, g_int64_equal);
          for (guint k = 0; k < refs->len; k++)
            {
              gint64 *ref = &g_array_index (refs, gint64, k);

              if (id_set_contains (deleted, *ref))
                touched = TRUE;
              else
                g_hash_table_insert (map, ref, ref);
            }
          if (!touched)
            continue;

          payload = tf_item_remap_payload (item, map);
          if (payload == NULL)
            {
              id_set_add (deleted, item->id);
              g_array_append_val (order, item->id);
              again = TRUE;
              continue;
            }
          if (!tf_item_rows_set_payload (store, item->id, payload, NULL, error))
            return FALSE;
          tf_item_set_payload (item, payload);
          tf_item_changed (item);
          id_set_add (affected, item->id);
        }
    }

  /* What named the selection goes first, then the selection, as the
   * scene expects on undo. */
  for (guint i = order->len; i-- > 0;)
    if (!tf_item_rows_delete (store, g_array_index (order, gint64, i), error))
      return FALSE;
  if (g_hash_table_size (affected) > 0 && !refresh_derived (store, board, affected, error))
    return FALSE;
  return settle (store, board, error);
}

TfCommand *
tf_command_delete_items (const gint64 *ids,
                         guint         n_ids)
{
  return named_command_new (VERB_DELETE, delete_items, args_new (ids, n_ids));
}

static int
compare_z (gconstpointer a,
           gconstpointer b)
{
  const gint64 *x = a, *y = b;   /* pairs (z, id) */
  return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

/* Restacking rewrites the z of the items of the selection's layer on the
 * board: their order, with the selection moved, numbered again. */
static gboolean
restack (TfCommand  *command,
         TfStore    *store,
         GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GHashTable) selected = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, 2 * sizeof (gint64));
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 board;
  int base = 0;

  board = board_of (store, args->ids, error);
  if (board == 0)
    return FALSE;
  for (guint i = 0; i < args->ids->len; i++)
    g_hash_table_add (selected, &g_array_index (args->ids, gint64, i));

  /* Containers that hold by place keep to their own (negative) range, under
   * everything else. */
  {
    g_autoptr(GArray) rows = tf_item_row_array_new ();
    TfItemRow first;
    gboolean below;

    if (!tf_item_rows_read (store, g_array_index (args->ids, gint64, 0), &first))
      {
        g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW, _("Could not restack"));
        return FALSE;
      }
    below = holds_by_place (tf_item_kind_lookup (first.kind));
    tf_item_row_clear (&first);
    if (!tf_item_rows_list (store, board, NULL, rows, error))
      return FALSE;
    for (guint i = 0; i < rows->len; i++)
      {
        const TfItemRow *row = &g_array_index (rows, TfItemRow, i);
        gint64 pair[2] = { row->z, row->id };

        if (holds_by_place (tf_item_kind_lookup (row->kind)) != below)
          continue;
        g_array_append_val (order, pair);
      }
    base = below ? -1000000 : 1;
  }
  g_array_sort (order, compare_z);

  {
    guint n = order->len;
    g_autofree gint64 *ids = g_new (gint64, n);

    for (guint i = 0; i < n; i++)
      ids[i] = ((gint64 *) order->data)[2 * i + 1];

    switch (args->value)
      {
      case TF_RESTACK_TOP:
      case TF_RESTACK_BOTTOM:
        {
          gboolean top = args->value == TF_RESTACK_TOP;

          if (!top)
            for (guint i = 0; i < n; i++)
              if (g_hash_table_contains (selected, &ids[i]))
                g_array_append_val (result, ids[i]);
          for (guint i = 0; i < n; i++)
            if (!g_hash_table_contains (selected, &ids[i]))
              g_array_append_val (result, ids[i]);
          if (top)
            for (guint i = 0; i < n; i++)
              if (g_hash_table_contains (selected, &ids[i]))
                g_array_append_val (result, ids[i]);
        }
        break;
      case TF_RESTACK_RAISE:
        /* Each selected item swaps with the unselected one just above it. */
        for (guint i = n; i-- > 1;)
          if (!g_hash_table_contains (selected, &ids[i]) && g_hash_table_contains (selected, &ids[i - 1]))
            {
              guint j = i - 1;
              gint64 moved = ids[i];

              while (j > 0 && g_hash_table_contains (selected, &ids[j - 1]))
                j--;
              memmove (&ids[j + 1], &ids[j], (i - j) * sizeof (gint64));
              ids[j] = moved;
              i = j;
            }
        g_array_append_vals (result, ids, n);
        break;
      case TF_RESTACK_LOWER:
      default:
        for (guint i = 0; i + 1 < n; i++)
          if (!g_hash_table_contains (selected, &ids[i]) && g_hash_table_contains (selected, &ids[i + 1]))
            {
              guint j = i + 1;
              gint64 moved = ids[i];

              while (j + 1 < n && g_hash_table_contains (selected, &ids[j + 1]))
                j++;
              memmove (&ids[i], &ids[i + 1], (j - i) * sizeof (gint64));
              ids[j] = moved;
              i = j;
            }
        g_array_append_vals (result, ids, n);
        break;
      }
  }

  for (guint i = 0; i < result->len; i++)
    if (!tf_item_rows_set_z (store, g_array_index (result, gint64, i), base + (int) i, error))
      return FALSE;
  return settle (store, board, error);
}

TfCommand *
tf_command_restack (const gint64 *ids,
                    guint         n_ids,
                    TfRestack     how)
{
  static const char *labels[] = { N_("Bring forward"), N_("Send backward"), N_("Bring to front"), N_("Send to back") };
  Args *args = args_new (ids, n_ids);

  args->value = how;
  return tf_command_new (_(labels[how]), restack, args, args_free);
}
