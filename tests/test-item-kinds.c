/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-item-kinds.h"
#include "canvas/tf-layout.h"
#include "canvas/tf-scene.h"
#include "core/tf-item-relations.h"
#include "insights/tf-insight.h"
#include "insights/tf-note-kind.h"
#include "stamps/tf-actor-items.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* The behaviour each kind declares (canvas/tf-item.h), checked against what
 * the editor and the commands did when they compared kinds: picking order,
 * handles, inline text, containment, references and their remapping, derived
 * bounds; and the typed builders of styles and payloads. */

static TfItem *
make (gint64      id,
      const char *kind,
      double      x,
      double      y,
      double      w,
      double      h,
      const char *text,
      const char *style,
      const char *payload)
{
  TfItem *item = tf_item_new (id, kind);

  item->bounds = TF_RECT_INIT (x, y, w, h);
  item->z = (int) id;
  tf_item_set_text (item, text);
  tf_item_set_style (item, style);
  tf_item_set_payload (item, payload);
  tf_item_changed (item);
  return item;
}

static void
assert_rect (const TfRect *r,
             double        x,
             double        y,
             double        w,
             double        h)
{
  g_assert_cmpfloat_with_epsilon (r->x, x, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->y, y, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->width, w, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->height, h, 1e-6);
}

static void
test_registry (void)
{
  const char * const ids[] = { "note", "label", "zone", "stamp", "link", "pool", "legend" };
  g_auto(GStrv) clusters = tf_item_kind_ids_with_role (TF_ITEM_ROLE_CLUSTER);
  g_auto(GStrv) containers = tf_item_kind_ids_with_role (TF_ITEM_ROLE_CONTAINER);
  g_auto(GStrv) connectors = tf_item_kind_ids_with_role (TF_ITEM_ROLE_CONNECTOR);
  g_autoptr(TfItem) future = tf_item_new (1, "lane-from-a-newer-transfo");

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const TfItemKind *kind = tf_item_kind_lookup (ids[i]);

      g_assert_nonnull (kind);
      g_assert_cmpstr (kind->id, ==, ids[i]);
    }
  g_assert_true (tf_item_kind_lookup ("note") == &tf_note_kind);
  g_assert_true (tf_item_kind_lookup ("pool") == &tf_pool_kind);
  /* Registering twice keeps one. */
  tf_item_kind_register (&tf_note_kind);
  tf_wings_init ();
  g_assert_true (tf_item_kind_lookup ("note") == &tf_note_kind);

  g_assert_cmpuint (g_strv_length (clusters), ==, 1);
  g_assert_cmpstr (clusters[0], ==, "zone");
  g_assert_cmpuint (g_strv_length (containers), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) containers, "zone"));
  g_assert_true (g_strv_contains ((const char * const *) containers, "pool"));
  /* The actor map's links and the blueprint's arrows. */
  g_assert_cmpuint (g_strv_length (connectors), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) connectors, "link"));
  g_assert_true (g_strv_contains ((const char * const *) connectors, "bp-arrow"));

  /* A kind this version does not know: no behaviour, left as it is. */
  g_assert_null (future->kind);
  g_assert_cmpuint (tf_item_handles (future), ==, TF_ITEM_HANDLES_NONE);
  g_assert_false (tf_item_has_role (future, TF_ITEM_ROLE_CONTENT));
  g_assert_cmpint (tf_item_pick_rank (future), ==, 0);
}

static void
test_roles (void)
{
  struct { const char *kind; guint roles; } expected[] = {
    { "note", TF_ITEM_ROLE_CONTENT },
    { "label", TF_ITEM_ROLE_CONTENT },
    { "stamp", TF_ITEM_ROLE_CONTENT },
    { "zone", TF_ITEM_ROLE_CONTAINER | TF_ITEM_ROLE_CLUSTER },
    { "pool", TF_ITEM_ROLE_CONTAINER },
    { "link", TF_ITEM_ROLE_CONNECTOR },
    { "legend", TF_ITEM_ROLE_DERIVED },
  };
  const TfItemRole all[] = {
    TF_ITEM_ROLE_CONTAINER, TF_ITEM_ROLE_CONNECTOR, TF_ITEM_ROLE_CONTENT,
    TF_ITEM_ROLE_DERIVED, TF_ITEM_ROLE_CLUSTER,
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(TfItem) item = tf_item_new (1, expected[i].kind);

      for (guint r = 0; r < G_N_ELEMENTS (all); r++)
        g_assert_cmpint (tf_item_has_role (item, all[r]), ==, (expected[i].roles & all[r]) != 0);
    }
}

/* What the view's pick did (gui/actors/tf-board-view-actors.c), with the
 * kinds' ranks and distances: the highest rank within reach wins, then the
 * nearest, then the topmost. */
static TfItem *
pick (TfScene *scene,
      double   x,
      double   y,
      double   reach)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  TfRect probe = TF_RECT_INIT (x - reach, y - reach, 2 * reach, 2 * reach);
  TfItem *best = NULL;
  double best_distance = G_MAXDOUBLE;

  tf_scene_query (scene, &probe, found);
  for (guint i = found->len; i > 0; i--)
    {
      TfItem *item = g_ptr_array_index (found, i - 1);
      double d = tf_item_distance (item, scene, x, y);

      if (item->hidden || d > reach)
        continue;
      if (best == NULL || tf_item_pick_rank (item) > tf_item_pick_rank (best) ||
          (tf_item_pick_rank (item) == tf_item_pick_rank (best) && d < best_distance))
        {
          best = item;
          best_distance = d;
        }
    }
  return best;
}

static char *
link_payload (gint64 source,
              gint64 target)
{
  return tf_link_payload_build (source, target, "money", TF_LINK_BOTH, "Subvention");
}

/* Two stamps, a link between them and a pool around both. */
static TfScene *
small_map (void)
{
  TfScene *scene = tf_scene_new ();
  g_autofree char *link = link_payload (1, 2);
  const gint64 members[] = { 1, 2 };
  g_autofree char *pool = tf_pool_payload_build (members, G_N_ELEMENTS (members));
  g_autofree char *pool_style = tf_pool_style_build (0x336699);
  g_autofree char *stamp = tf_stamp_payload_build ("elu", "", "", 0);
  TfRect bounds;
  TfItem *item;

  tf_scene_add (scene, make (1, "stamp", 0, 0, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT, "Élue", "{}", stamp));
  tf_scene_add (scene, make (2, "stamp", 600, 0, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT, "Agent", "{}", stamp));
  item = make (3, "link", 0, 0, 1, 1, "", "{}", link);
  g_assert_true (tf_item_derive_bounds (item, scene, &bounds));
  item->bounds = bounds;
  tf_scene_add (scene, item);
  item = make (4, "pool", 0, 0, 1, 1, "Pool", pool_style, pool);
  g_assert_true (tf_item_derive_bounds (item, scene, &bounds));
  item->bounds = bounds;
  item->z = 0;
  tf_scene_add (scene, item);
  return scene;
}

static void
test_pick_order (void)
{
  g_autoptr(TfScene) scene = small_map ();
  TfItem *stamp = tf_scene_lookup (scene, 1);
  TfItem *link = tf_scene_lookup (scene, 3);
  TfItem *pool = tf_scene_lookup (scene, 4);
  double x0, y0, x1, y1;

  g_assert_cmpint (tf_item_pick_rank (stamp), >, tf_item_pick_rank (link));
  g_assert_cmpint (tf_item_pick_rank (link), >, tf_item_pick_rank (pool));

  /* On the stamp (which the link's and the pool's rectangles cover too). */
  g_assert_true (pick (scene, 65, 60, 2) == stamp);
  /* On the line between the stamps, off both. */
  g_assert_true (tf_link_item_get_ends (link, scene, &x0, &y0, &x1, &y1));
  g_assert_cmpfloat (tf_item_distance (link, scene, (x0 + x1) / 2, (y0 + y1) / 2), <, 1e-6);
  g_assert_true (pick (scene, (x0 + x1) / 2, (y0 + y1) / 2 + 3, 6) == link);
  /* Inside the link's rectangle but far from its line: the pool. */
  g_assert_cmpfloat (tf_item_distance (link, scene, (x0 + x1) / 2, 170), >, 50);
  g_assert_true (pick (scene, (x0 + x1) / 2, 170, 6) == pool);
  /* Outside everything. */
  g_assert_null (pick (scene, 2000, 2000, 6));

  /* The default distance: to the rectangle. */
  g_assert_cmpfloat (tf_item_distance (stamp, scene, 10, 10), ==, 0);
  g_assert_cmpfloat_with_epsilon (tf_item_distance (stamp, scene, TF_STAMP_ITEM_WIDTH + 30, 10), 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (tf_item_distance (stamp, scene, -3, -4), 5, 1e-9);
}

static void
test_handles (void)
{
  struct { const char *kind; guint handles; gboolean square; } expected[] = {
    { "note", TF_ITEM_HANDLES_CORNERS, TRUE },
    { "label", TF_ITEM_HANDLES_ALL, FALSE },
    { "zone", TF_ITEM_HANDLES_ALL, FALSE },
    { "stamp", TF_ITEM_HANDLES_ALL, FALSE },
    { "legend", TF_ITEM_HANDLES_ALL, FALSE },
    { "link", TF_ITEM_HANDLES_NONE, FALSE },
    { "pool", TF_ITEM_HANDLES_NONE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(TfItem) item = tf_item_new (1, expected[i].kind);
      double w, h;

      g_assert_cmphex (tf_item_handles (item), ==, expected[i].handles);
      g_assert_cmpint (tf_item_keeps_square (item), ==, expected[i].square);
      tf_item_min_size (item, &w, &h);
      if (expected[i].handles != TF_ITEM_HANDLES_NONE)
        {
          g_assert_cmpfloat (w, ==, 60.0);
          g_assert_cmpfloat (h, ==, 60.0);
        }
    }
  /* The note's corners: handles 0, 2, 4 and 6, clockwise from top-left. */
  for (int h = 0; h < 8; h++)
    g_assert_cmpint ((TF_ITEM_HANDLES_CORNERS >> h) & 1, ==, h % 2 == 0);
}

static void
test_text_region (void)
{
  g_autoptr(TfScene) scene = small_map ();
  g_autoptr(TfItem) note = make (1, "note", 10, 20, 200, 200, "Oui", "{}", "{}");
  g_autoptr(TfItem) label = make (2, "label", 10, 20, 300, 50, "Semaine 1", "{}", "{}");
  g_autoptr(TfItem) wide = make (3, "zone", 10, 20, 900, 500, "Outils", "{}", "{}");
  g_autoptr(TfItem) narrow = make (4, "zone", 10, 20, 300, 500, "Outils", "{}", "{}");
  g_autoptr(TfItem) legend = make (5, "legend", 10, 20, 300, 400, "", "{}", "{}");
  g_autoptr(TfItem) future = make (6, "lane-from-a-newer-transfo", 10, 20, 300, 400, "", "{}", "{}");
  TfItem *pool = tf_scene_lookup (scene, 4);
  TfItem *stamp = tf_scene_lookup (scene, 1);
  TfItem *link = tf_scene_lookup (scene, 3);
  TfRect r;

  g_assert_true (tf_item_text_region (note, &r));
  assert_rect (&r, 10, 20, 200, 200);
  g_assert_true (tf_item_text_region (label, &r));
  assert_rect (&r, 10, 20, 300, 50);
  /* A zone's title band, at most 480 wide. */
  g_assert_true (tf_item_text_region (wide, &r));
  assert_rect (&r, 10, 20, 480, TF_LAYOUT_ZONE_TITLE);
  g_assert_true (tf_item_text_region (narrow, &r));
  assert_rect (&r, 10, 20, 300, TF_LAYOUT_ZONE_TITLE);
  /* A pool's name above its hull, at least 240 wide. */
  g_assert_true (tf_item_text_region (pool, &r));
  assert_rect (&r, pool->bounds.x, pool->bounds.y, MAX (pool->bounds.width, 240), TF_LAYOUT_ZONE_TITLE);
  g_assert_true (tf_item_text_region (stamp, &r));
  assert_rect (&r, stamp->bounds.x, stamp->bounds.y, stamp->bounds.width, stamp->bounds.height);
  g_assert_true (tf_item_text_region (link, &r));
  assert_rect (&r, link->bounds.x, link->bounds.y, link->bounds.width, link->bounds.height);
  g_assert_true (tf_item_text_region (legend, &r));
  assert_rect (&r, 10, 20, 300, 400);
  g_assert_false (tf_item_text_region (future, &r));
}

static void
test_zone_grip (void)
{
  g_autoptr(TfItem) zone = make (1, "zone", 0, 0, 600, 400, "Outils", "{}", "{}");
  g_autoptr(TfItem) note = make (2, "note", 0, 0, 200, 200, "Oui", "{}", "{}");

  /* By its title band and its border; its body is the board. */
  g_assert_true (tf_item_grips (zone, 300, 30, 6));
  g_assert_true (tf_item_grips (zone, 3, 200, 6));
  g_assert_true (tf_item_grips (zone, 597, 200, 6));
  g_assert_true (tf_item_grips (zone, 300, 397, 6));
  g_assert_false (tf_item_grips (zone, 300, 200, 6));
  g_assert_false (tf_item_grips (zone, 10, 200, 6));
  g_assert_true (tf_item_grips (note, 100, 150, 6));
}

static void
test_containment (void)
{
  g_autoptr(TfScene) scene = small_map ();
  g_autoptr(TfItem) zone = make (10, "zone", 0, 0, 600, 400, "Outils", "{}", "{}");
  g_autoptr(TfItem) inner = make (11, "zone", 100, 100, 100, 100, "Dedans", "{}", "{}");
  g_autoptr(TfItem) child = make (12, "note", 500, 300, 200, 200, "Bord", "{}", "{}");
  g_autoptr(TfItem) away = make (13, "note", 501, 301, 200, 200, "Dehors", "{}", "{}");
  TfItem *pool = tf_scene_lookup (scene, 4);
  TfItem *stamp = tf_scene_lookup (scene, 1);
  TfItem *link = tf_scene_lookup (scene, 3);

  /* Membership: a zone's children, a pool's listed members. */
  child->parent_id = 10;
  g_assert_true (tf_item_accepts (zone, child));
  g_assert_false (tf_item_accepts (zone, away));
  g_assert_false (tf_item_accepts (zone, zone));
  g_assert_true (tf_item_accepts (pool, stamp));
  g_assert_true (tf_item_accepts (pool, tf_scene_lookup (scene, 2)));
  g_assert_false (tf_item_accepts (pool, link));
  g_assert_false (tf_item_accepts (pool, pool));
  g_assert_false (tf_item_accepts (stamp, child));
  g_assert_false (tf_item_accepts (link, stamp));

  /* By position: the centre in the zone, edges included; never a zone. */
  g_assert_true (tf_item_adopts (zone, child));     /* centre (600, 400): the corner */
  g_assert_false (tf_item_adopts (zone, away));     /* centre (601, 401) */
  g_assert_false (tf_item_adopts (zone, inner));
  g_assert_true (tf_item_adopts (zone, link) == (link->bounds.x + link->bounds.width / 2 <= 600));
  g_assert_false (tf_item_adopts (pool, stamp));
  g_assert_false (tf_item_adopts (child, away));
}

/* The zone's rule against the commands' (recluster): for notes added all
 * over a wall with overlapping zones, the parent the archive gives each one
 * is the topmost zone that adopts it. */
static void
test_adopts_matches_commands (void)
{
  TfTestBoard f = { 0 };
  g_autoptr(GPtrArray) zones = g_ptr_array_new ();
  g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (gint64));
  const double zone_rects[][4] = { { 0, 0, 600, 400 }, { 300, 200, 600, 400 }, { 1000, 0, 200, 200 } };

  tf_test_board_set_up (&f, "kinds-adopt", "Atelier", "insight-wall");
  for (guint i = 0; i < G_N_ELEMENTS (zone_rects); i++)
    {
      TfNewItem zone = { "zone", TF_RECT_INIT (zone_rects[i][0], zone_rects[i][1], zone_rects[i][2], zone_rects[i][3]),
                         "Zone", NULL, NULL, 0 };
      gint64 id = tf_test_board_add (&f, &zone);

      g_ptr_array_add (zones, GINT_TO_POINTER ((int) id));
    }
  for (int x = -150; x <= 1200; x += 75)
    for (int y = -150; y <= 650; y += 100)
      {
        TfNewItem note = { "note", TF_RECT_INIT (x, y, 200, 200), "Oui", NULL, NULL, 0 };
        gint64 id = tf_test_board_add (&f, &note);

        g_array_append_val (notes, id);
      }

  for (guint i = 0; i < notes->len; i++)
    {
      TfItem *note = tf_scene_lookup (f.scene, g_array_index (notes, gint64, i));
      TfItem *best = NULL;

      for (guint k = 0; k < zones->len; k++)
        {
          TfItem *zone = tf_scene_lookup (f.scene, GPOINTER_TO_INT (zones->pdata[k]));

          if (tf_item_adopts (zone, note) &&
              (best == NULL || zone->z > best->z || (zone->z == best->z && zone->id > best->id)))
            best = zone;
        }
      g_assert_cmpint (note->parent_id, ==, best != NULL ? best->id : 0);
      if (best != NULL)
        g_assert_true (tf_item_accepts (best, note));
    }
  tf_test_board_tear_down (&f);
}

/* The kinds' derived bounds against what the archive stores
 * (tf_item_relations_refresh()). */
static void
test_derive_bounds_matches_store (void)
{
  TfTestBoard f = { 0 };
  g_autofree char *stamp = tf_stamp_payload_build ("elu", "Maire", "", 1);
  TfNewItem a = { "stamp", TF_RECT_INIT (0, 0, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT), "Élue", NULL, stamp, 0 };
  TfNewItem b = { "stamp", TF_RECT_INIT (700, 300, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT), "Agent", NULL, stamp, 0 };
  TfNewItem c = { "stamp", TF_RECT_INIT (-200, 500, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT), "Presse", NULL, stamp, 0 };
  gint64 ids[3], link_id, pool_id;
  g_autofree char *link = NULL;
  g_autofree char *pool = NULL;
  g_autofree char *pool_style = tf_pool_style_build (0x6f8fbf);
  TfRect r;

  tf_test_board_set_up (&f, "kinds-bounds", "Carte", "actor-map");
  ids[0] = tf_test_board_add (&f, &a);
  ids[1] = tf_test_board_add (&f, &b);
  ids[2] = tf_test_board_add (&f, &c);
  link = link_payload (ids[0], ids[1]);
  pool = tf_pool_payload_build (ids, 3);
  {
    TfNewItem l = { "link", TF_RECT_INIT (0, 0, 1, 1), "", NULL, link, 0 };
    TfNewItem p = { "pool", TF_RECT_INIT (0, 0, 1, 1), "Pool", pool_style, pool, 0 };

    link_id = tf_test_board_add (&f, &l);
    pool_id = tf_test_board_add (&f, &p);
  }

  g_assert_true (tf_item_derive_bounds (tf_scene_lookup (f.scene, link_id), f.scene, &r));
  assert_rect (&r, tf_scene_lookup (f.scene, link_id)->bounds.x, tf_scene_lookup (f.scene, link_id)->bounds.y,
               tf_scene_lookup (f.scene, link_id)->bounds.width, tf_scene_lookup (f.scene, link_id)->bounds.height);
  assert_rect (&r, -TF_LINK_MARGIN, -TF_LINK_MARGIN,
               700 + TF_STAMP_ITEM_WIDTH + 2 * TF_LINK_MARGIN, 300 + TF_STAMP_ITEM_HEIGHT + 2 * TF_LINK_MARGIN);
  g_assert_true (tf_item_derive_bounds (tf_scene_lookup (f.scene, pool_id), f.scene, &r));
  assert_rect (&r, tf_scene_lookup (f.scene, pool_id)->bounds.x, tf_scene_lookup (f.scene, pool_id)->bounds.y,
               tf_scene_lookup (f.scene, pool_id)->bounds.width, tf_scene_lookup (f.scene, pool_id)->bounds.height);
  assert_rect (&r, -200 - TF_POOL_PADDING, -TF_POOL_PADDING - TF_POOL_TITLE,
               900 + TF_STAMP_ITEM_WIDTH + 2 * TF_POOL_PADDING,
               500 + TF_STAMP_ITEM_HEIGHT + 2 * TF_POOL_PADDING + TF_POOL_TITLE);

  /* Moving an end moves both, in the archive as in the hooks. */
  tf_test_execute (f.history, tf_command_move_items (&ids[1], 1, 100, 50));
  g_assert_true (tf_item_derive_bounds (tf_scene_lookup (f.scene, link_id), f.scene, &r));
  assert_rect (&r, tf_scene_lookup (f.scene, link_id)->bounds.x, tf_scene_lookup (f.scene, link_id)->bounds.y,
               tf_scene_lookup (f.scene, link_id)->bounds.width, tf_scene_lookup (f.scene, link_id)->bounds.height);
  g_assert_true (tf_item_derive_bounds (tf_scene_lookup (f.scene, pool_id), f.scene, &r));
  assert_rect (&r, tf_scene_lookup (f.scene, pool_id)->bounds.x, tf_scene_lookup (f.scene, pool_id)->bounds.y,
               tf_scene_lookup (f.scene, pool_id)->bounds.width, tf_scene_lookup (f.scene, pool_id)->bounds.height);
  /* Own bounds hold for the others. */
  g_assert_false (tf_item_derive_bounds (tf_scene_lookup (f.scene, ids[0]), f.scene, &r));
  tf_test_board_tear_down (&f);
}

static GHashTable *
id_map (const gint64 *pairs,
        guint         n_pairs)
{
  GHashTable *map = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < n_pairs; i++)
    g_hash_table_insert (map, g_memdup2 (&pairs[2 * i], sizeof (gint64)),
                         g_memdup2 (&pairs[2 * i + 1], sizeof (gint64)));
  return map;
}

static GArray *
references (const TfItem *item)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  tf_item_references (item, ids);
  return ids;
}

static void
test_references_and_remap (void)
{
  g_autoptr(TfScene) scene = small_map ();
  TfItem *link = tf_scene_lookup (scene, 3);
  TfItem *pool = tf_scene_lookup (scene, 4);
  g_autoptr(GArray) link_ids = references (link);
  g_autoptr(GArray) pool_ids = references (pool);
  g_autoptr(GArray) none = references (tf_scene_lookup (scene, 1));
  const gint64 both[] = { 1, 101, 2, 102 };
  const gint64 one[] = { 2, 102 };
  g_autoptr(GHashTable) map_both = id_map (both, 2);
  g_autoptr(GHashTable) map_one = id_map (one, 1);
  g_autoptr(GHashTable) map_none = id_map (NULL, 0);
  g_autofree char *link_both = NULL;
  g_autofree char *link_one = NULL;
  g_autofree char *pool_both = NULL;
  g_autofree char *pool_one = NULL;
  g_autofree char *pool_none = NULL;
  g_autofree char *stamp_payload = NULL;

  g_assert_cmpuint (link_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (link_ids, gint64, 0), ==, 1);
  g_assert_cmpint (g_array_index (link_ids, gint64, 1), ==, 2);
  g_assert_cmpuint (pool_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (pool_ids, gint64, 0), ==, 1);
  g_assert_cmpint (g_array_index (pool_ids, gint64, 1), ==, 2);
  g_assert_cmpuint (none->len, ==, 0);

  /* A link keeps its relation, direction and label; it needs both ends. */
  link_both = tf_item_remap_payload (link, map_both);
  g_assert_nonnull (link_both);
  {
    g_autoptr(TfItem) copy = make (3, "link", 0, 0, 1, 1, "", "{}", link_both);
    const TfLinkData *data = copy->data;

    g_assert_cmpint (data->source, ==, 101);
    g_assert_cmpint (data->target, ==, 102);
    g_assert_cmpstr (data->relation, ==, "money");
    g_assert_cmpint (data->direction, ==, TF_LINK_BOTH);
    g_assert_cmpstr (data->label, ==, "Subvention");
  }
  link_one = tf_item_remap_payload (link, map_one);
  g_assert_null (link_one);

  /* A pool keeps the members mapped, in order; none left, no pool. */
  pool_both = tf_item_remap_payload (pool, map_both);
  pool_one = tf_item_remap_payload (pool, map_one);
  pool_none = tf_item_remap_payload (pool, map_none);
  {
    g_autoptr(TfItem) copy = make (4, "pool", 0, 0, 1, 1, "", "{}", pool_both);
    g_autoptr(TfItem) partial = make (4, "pool", 0, 0, 1, 1, "", "{}", pool_one);
    GArray *members = ((TfPoolData *) copy->data)->members;

    g_assert_cmpuint (members->len, ==, 2);
    g_assert_cmpint (g_array_index (members, gint64, 0), ==, 101);
    g_assert_cmpint (g_array_index (members, gint64, 1), ==, 102);
    members = ((TfPoolData *) partial->data)->members;
    g_assert_cmpuint (members->len, ==, 1);
    g_assert_cmpint (g_array_index (members, gint64, 0), ==, 102);
  }
  g_assert_null (pool_none);

  /* Kinds that reference nothing keep their payload. */
  stamp_payload = tf_item_remap_payload (tf_scene_lookup (scene, 1), map_none);
  g_assert_cmpstr (stamp_payload, ==, tf_scene_lookup (scene, 1)->payload);
}

static void
test_builders_round_trip (void)
{
  const char *tricky = "\"Élue\" \\ à {la} ligne\n";
  g_autofree char *note_style = tf_note_style_build ("pink", "l");
  g_autofree char *note_plain = tf_note_style_build ("green", NULL);
  g_autofree char *zone_style = tf_zone_style_build ("lilac");
  g_autofree char *stamp = tf_stamp_payload_build ("elu", tricky, "notes", 2);
  g_autofree char *stamp_no_ring = tf_stamp_payload_build ("agent", NULL, NULL, 0);
  g_autofree char *link = tf_link_payload_build (7, 9, "hierarchy", TF_LINK_NONE, tricky);
  const gint64 members[] = { 5, 3, 8 };
  g_autofree char *pool = tf_pool_payload_build (members, 3);
  g_autofree char *pool_style = tf_pool_style_build (0x0a0b0c);

  g_assert_cmpstr (note_style, ==, "{\"color\":\"pink\",\"size\":\"l\"}");
  g_assert_cmpstr (note_plain, ==, "{\"color\":\"green\"}");
  g_assert_cmpstr (pool_style, ==, "{\"color\":\"#0a0b0c\"}");
  {
    g_autoptr(TfItem) note = make (1, "note", 0, 0, 200, 200, "", note_style, "{}");
    g_autoptr(TfItem) zone = make (2, "zone", 0, 0, 200, 200, "", zone_style, "{}");

    g_assert_cmpstr (((TfNoteData *) note->data)->color_id, ==, "pink");
    g_assert_cmphex (((TfNoteData *) note->data)->color, ==, tf_note_color_lookup ("pink")->rgb);
    g_assert_cmphex (*(guint32 *) zone->data, ==, tf_note_color_lookup ("lilac")->rgb);
  }
  {
    g_autoptr(TfItem) item = make (1, "stamp", 0, 0, 130, 190, "", "{}", stamp);
    g_autoptr(TfItem) plain = make (2, "stamp", 0, 0, 130, 190, "", "{}", stamp_no_ring);
    const TfStampData *data = item->data;

    g_assert_cmpstr (data->stamp, ==, "elu");
    g_assert_cmpstr (data->role, ==, tricky);
    g_assert_cmpstr (data->notes, ==, "notes");
    g_assert_cmpint (data->ring, ==, 2);
    data = plain->data;
    g_assert_cmpstr (data->stamp, ==, "agent");
    g_assert_cmpstr (data->role, ==, "");
    g_assert_cmpint (data->ring, ==, 0);
    g_assert_null (strstr (stamp_no_ring, "ring"));
  }
  {
    g_autoptr(TfItem) item = make (1, "link", 0, 0, 1, 1, "", "{}", link);
    const TfLinkData *data = item->data;

    g_assert_cmpint (data->source, ==, 7);
    g_assert_cmpint (data->target, ==, 9);
    g_assert_cmpstr (data->relation, ==, "hierarchy");
    g_assert_cmpint (data->direction, ==, TF_LINK_NONE);
    g_assert_cmpstr (data->label, ==, tricky);
  }
  {
    g_autoptr(TfItem) item = make (1, "pool", 0, 0, 1, 1, "", pool_style, pool);
    const TfPoolData *data = item->data;

    g_assert_cmpuint (data->members->len, ==, 3);
    g_assert_cmpint (g_array_index (data->members, gint64, 0), ==, 5);
    g_assert_cmpint (g_array_index (data->members, gint64, 1), ==, 3);
    g_assert_cmpint (g_array_index (data->members, gint64, 2), ==, 8);
    g_assert_cmphex (data->color, ==, 0x0a0b0c);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/item-kinds/registry", test_registry);
  g_test_add_func ("/item-kinds/roles", test_roles);
  g_test_add_func ("/item-kinds/pick-order", test_pick_order);
  g_test_add_func ("/item-kinds/handles", test_handles);
  g_test_add_func ("/item-kinds/text-region", test_text_region);
  g_test_add_func ("/item-kinds/zone-grip", test_zone_grip);
  g_test_add_func ("/item-kinds/containment", test_containment);
  g_test_add_func ("/item-kinds/adopts-matches-commands", test_adopts_matches_commands);
  g_test_add_func ("/item-kinds/derive-bounds-matches-store", test_derive_bounds_matches_store);
  g_test_add_func ("/item-kinds/references-and-remap", test_references_and_remap);
  g_test_add_func ("/item-kinds/builders-round-trip", test_builders_round_trip);
  return g_test_run ();
}
