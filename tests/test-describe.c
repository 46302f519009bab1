/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "canvas/tf-item-kinds.h"
#include "canvas/tf-item.h"
#include "canvas/tf-scene.h"
#include "core/tf-archive.h"
#include "core/tf-demo.h"
#include "core/tf-store.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* What a screen reader says of each item (TfItemKind.describe, read as the
 * board view's accessible name, #16), for every item of every demo board:
 * the AT-SPI tests read it too, but they drive the real binary from
 * Python and do not run in the sanitized build; here AddressSanitizer and
 * UBSan watch every kind's hook. Each says something (valid UTF-8, one
 * line), its text when it has one (a note its quote, an actor its label),
 * and a link or an actor its relations. */

typedef struct
{
  GHashTable *with_hook;  /* kind id → the kind, for kinds with a describe hook */
  GHashTable *described;  /* kind ids described at least once */
} Seen;

static void
note_hooks (const TfItemKind *kind,
            gpointer          data)
{
  Seen *seen = data;

  if (kind->describe != NULL)
    g_hash_table_insert (seen->with_hook, (gpointer) kind->id, (gpointer) kind);
}

/* The first line of @text, as the describe hooks quote it. */
static char *
first_line (const char *text)
{
  const char *end = strchr (text, '\n');

  return g_strstrip (end != NULL ? g_strndup (text, end - text) : g_strdup (text));
}

static void
describe_board (TfStore *store,
                TfBoard *board,
                Seen    *seen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfScene) scene = tf_scene_new_for_board (store, tf_board_get_id (board), &error);
  GPtrArray *items;

  g_assert_no_error (error);
  items = tf_scene_get_items (scene);
  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      g_autofree char *said = tf_item_describe (item, scene);

      g_assert_nonnull (said);
      g_assert_true (g_utf8_validate (said, -1, NULL));
      g_assert_cmpuint (strlen (said), >, 0);
      g_assert_null (strchr (said, '\n'));
      if (item->text != NULL && *item->text != '\0' && g_str_equal (item->kind_id, "note"))
        {
          g_autofree char *line = first_line (item->text);

          g_assert_nonnull (strstr (said, line));
        }
      if (g_str_equal (item->kind_id, "link"))
        g_assert_true (g_str_has_prefix (said, "Link"));
      if (g_str_equal (item->kind_id, "stamp"))
        g_assert_nonnull (strstr (said, ", actor"));
      g_hash_table_add (seen->described, g_strdup (item->kind_id));
      if (g_test_verbose ())
        g_test_message ("%s: %s", item->kind_id, said);
    }
  /* Without its scene (the hooks must not need one). */
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *alone = tf_item_describe (g_ptr_array_index (items, i), NULL);

      g_assert_nonnull (alone);
    }
}

static void
test_demo_boards (void)
{
  g_autofree char *path = tf_test_archive_path ("test-describe");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(GListStore) boards = NULL;
  g_autoptr(GHashTable) with_hook = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) described = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Seen seen = { with_hook, described };
  gint64 demo = 0;
  GHashTableIter iter;
  gpointer id;
  guint kinds_said = 0;

  tf_test_remove_archive_files (path);
  store = tf_store_open (path, TF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (tf_demo_ensure (store, &demo, &error));
  g_assert_no_error (error);
  boards = tf_archive_list_boards (store, demo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (boards)), >=, 4);

  tf_item_kind_foreach (note_hooks, &seen);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);

      describe_board (store, board, &seen);
    }

  /* The hooks the demo has items of: every kind with a hook but the ones
   * no demo board holds, which are listed. */
  g_hash_table_iter_init (&iter, with_hook);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (g_hash_table_contains (described, id))
      kinds_said++;
    else
      g_test_message ("no demo item of kind %s, whose describe hook is not run here", (const char *) id);
  g_assert_cmpuint (kinds_said, >=, 4);
  for (const char * const *kind = (const char * const[]) { "note", "stamp", "link", "pool", NULL }; *kind; kind++)
    g_assert_true (g_hash_table_contains (described, *kind));

  g_clear_object (&store);
  tf_test_remove_archive (path);
}

/* No demo board has a cluster: one made here, empty, then holding two
 * notes (one retired, which is not said), titled and not. */
static void
test_cluster (void)
{
  g_autoptr(TfScene) scene = tf_scene_new ();
  TfItem *zone = tf_item_new (1, "zone");
  g_autofree char *empty = NULL;
  g_autofree char *held = NULL;
  g_autofree char *untitled = NULL;

  zone->bounds = TF_RECT_INIT (0, 0, 400, 300);
  tf_item_set_text (zone, "Horaires");
  tf_item_changed (zone);
  tf_scene_add (scene, zone);
  empty = tf_item_describe (zone, scene);
  g_assert_cmpstr (empty, ==, "Cluster “Horaires”, empty");

  for (gint64 id = 2; id <= 4; id++)
    {
      TfItem *note = tf_item_new (id, "note");

      note->bounds = TF_RECT_INIT (20 * id, 20, 100, 100);
      note->parent_id = 1;
      tf_item_set_text (note, "Le bus passe trop tôt");
      tf_item_changed (note);
      note->hidden = id == 4;
      tf_scene_add (scene, note);
    }
  held = tf_item_describe (tf_scene_lookup (scene, 1), scene);
  g_assert_cmpstr (held, ==, "Cluster “Horaires”, 2 notes");

  tf_item_set_text (tf_scene_lookup (scene, 1), NULL);
  untitled = tf_item_describe (tf_scene_lookup (scene, 1), NULL);
  g_assert_cmpstr (untitled, ==, "Untitled cluster, empty");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/describe/demo-boards", test_demo_boards);
  g_test_add_func ("/describe/cluster", test_cluster);

  return g_test_run ();
}
