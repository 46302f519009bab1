/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "stamps/tf-actor-items.h"
#include "stamps/tf-actor-layout.h"
#include "canvas/tf-item-commands.h"
#include "canvas/tf-item-kinds.h"
#include "stamps/tf-legend.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-text-fit.h"
#include "canvas/tf-scene.h"
#include "core/tf-archive.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-history.h"
#include "core/tf-item-relations.h"
#include "core/tf-store-private.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

typedef TfTestBoard Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  tf_test_board_set_up (f, "actors", "Carte", "actor-map");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  tf_test_board_tear_down (f);
}

static gint64
add_item (Fixture    *f,
          const char *kind,
          TfRect      bounds,
          const char *text,
          const char *style,
          const char *payload)
{
  TfNewItem item = { kind, bounds, text, style, payload, 0 };

  return tf_test_board_add (f, &item);
}

static gint64
add_actor (Fixture    *f,
           const char *stamp,
           double      x,
           double      y,
           const char *label)
{
  g_autofree char *payload = g_strdup_printf ("{\"stamp\":\"%s\"}", stamp);

  return add_item (f, "stamp", TF_RECT_INIT (x, y, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT), label, NULL, payload);
}

static gint64
add_link (Fixture    *f,
          gint64      source,
          gint64      target,
          const char *relation,
          const char *direction)
{
  g_autofree char *payload = g_strdup_printf ("{\"source\":%" G_GINT64_FORMAT ",\"target\":%" G_GINT64_FORMAT
                                              ",\"relation\":\"%s\",\"direction\":\"%s\",\"label\":\"\"}",
                                              source, target, relation, direction);

  /* The bounds given are wrong on purpose: the item takes them from its ends. */
  return add_item (f, "link", TF_RECT_INIT (0, 0, 1, 1), "", NULL, payload);
}

static TfRect
expected_link_bounds (const TfRect *a,
                      const TfRect *b)
{
  TfRect u = tf_rect_union (a, b);

  return TF_RECT_INIT (u.x - TF_LINK_MARGIN, u.y - TF_LINK_MARGIN,
                       u.width + 2 * TF_LINK_MARGIN, u.height + 2 * TF_LINK_MARGIN);
}

static void
assert_rect (const TfRect *r,
             const TfRect *expected)
{
  g_assert_cmpfloat_with_epsilon (r->x, expected->x, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->y, expected->y, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->width, expected->width, 1e-6);
  g_assert_cmpfloat_with_epsilon (r->height, expected->height, 1e-6);
}

static void
test_links_follow (Fixture       *f,
                   gconstpointer  data)
{
  gint64 a = add_actor (f, "elu", 0, 0, "Élue");
  gint64 b = add_actor (f, "collaborateur", 400, 100, "Collaboratrice");
  gint64 link = add_link (f, a, b, "trust", "both");
  TfItem *item;
  TfRect before, expected;
  double x0, y0, x1, y1, mx0, my0, mx1, my1;

  item = tf_scene_lookup (f->scene, link);
  g_assert_nonnull (item);
  g_assert_true (item->kind == &tf_link_kind);
  g_assert_true (item->kind->layer == TF_LAYER_LINKS);
  expected = expected_link_bounds (&tf_scene_lookup (f->scene, a)->bounds, &tf_scene_lookup (f->scene, b)->bounds);
  assert_rect (&item->bounds, &expected);
  before = item->bounds;
  g_assert_true (tf_link_item_get_ends (item, f->scene, &x0, &y0, &x1, &y1));
  /* From the border of the source's disc towards the target. */
  g_assert_cmpfloat (x0, >, 65);
  g_assert_cmpfloat (x1, <, 465);

  /* Moving an actor carries the link's ends and bounds, in the same edit. */
  tf_test_execute (f->history, tf_command_move_items (&b, 1, 300, 200));
  item = tf_scene_lookup (f->scene, link);
  expected = expected_link_bounds (&tf_scene_lookup (f->scene, a)->bounds, &tf_scene_lookup (f->scene, b)->bounds);
  assert_rect (&item->bounds, &expected);
  g_assert_true (tf_link_item_get_ends (item, f->scene, &mx0, &my0, &mx1, &my1));
  g_assert_cmpfloat (mx1, >, x1 + 250);
  g_assert_cmpfloat (my1, >, y1 + 150);
  /* Culling finds it where it is drawn. */
  {
    g_autoptr(GPtrArray) found = g_ptr_array_new ();
    TfRect probe = TF_RECT_INIT ((mx0 + mx1) / 2 - 1, (my0 + my1) / 2 - 1, 2, 2);

    tf_scene_query (f->scene, &probe, found);
    g_assert_true (g_ptr_array_find (found, item, NULL));
  }
  g_assert_cmpfloat (tf_link_item_distance (item, f->scene, (mx0 + mx1) / 2, (my0 + my1) / 2), <, 0.01);
  g_assert_cmpfloat (tf_link_item_distance (item, f->scene, mx0 - 100, my0 + 300), >, 50);

  /* Undo: one step brings the actor and its link back. */
  tf_test_undo (f->history);
  item = tf_scene_lookup (f->scene, link);
  assert_rect (&item->bounds, &before);

  /* Resizing and set-bounds (layouts) do the same. */
  {
    TfRect moved = TF_RECT_INIT (-500, -300, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT);

    tf_test_execute (f->history, tf_command_set_bounds (&a, &moved, 1, NULL));
    item = tf_scene_lookup (f->scene, link);
    expected = expected_link_bounds (&moved, &tf_scene_lookup (f->scene, b)->bounds);
    assert_rect (&item->bounds, &expected);
  }

  /* A link to itself or to a missing item draws nothing. */
  {
    gint64 self = add_link (f, a, a, "information", "forward");
    g_assert_false (tf_link_item_get_ends (tf_scene_lookup (f->scene, self), f->scene, &x0, &y0, &x1, &y1));
  }
}

static void
test_delete_actor (Fixture       *f,
                   gconstpointer  data)
{
  gint64 a = add_actor (f, "elu", 0, 0, "Élu");
  gint64 b = add_actor (f, "assistant", 400, 0, "Assistant");
  gint64 c = add_actor (f, "agent", 0, 400, "Agent");
  gint64 ab = add_link (f, a, b, "information", "forward");
  gint64 ca = add_link (f, c, a, "hierarchy", "forward");
  gint64 bc = add_link (f, b, c, "service", "none");
  g_autofree char *members = g_strdup_printf ("{\"members\":[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]}", a, b);
  gint64 pool = add_item (f, "pool", TF_RECT_INIT (0, 0, 1, 1), "Pool", "{\"color\":\"#336699\"}", members);
  guint n = tf_scene_get_n_items (f->scene);

  g_assert_cmpuint (n, ==, 7);
  tf_test_execute (f->history, tf_command_delete_items (&a, 1));
  g_assert_null (tf_scene_lookup (f->scene, a));
  g_assert_null (tf_scene_lookup (f->scene, ab));
  g_assert_null (tf_scene_lookup (f->scene, ca));
  g_assert_nonnull (tf_scene_lookup (f->scene, bc));
  /* The pool keeps its other member, and its bounds follow. */
  {
    TfItem *p = tf_scene_lookup (f->scene, pool);
    const TfPoolData *pd;

    g_assert_nonnull (p);
    pd = p->data;
    g_assert_cmpuint (pd->members->len, ==, 1);
    g_assert_cmpint (g_array_index (pd->members, gint64, 0), ==, b);
    g_assert_cmpfloat_with_epsilon (p->bounds.x, 400 - TF_POOL_PADDING, 1e-6);
  }

  tf_test_undo (f->history);
  g_assert_cmpuint (tf_scene_get_n_items (f->scene), ==, n);
  g_assert_nonnull (tf_scene_lookup (f->scene, ab));
  g_assert_nonnull (tf_scene_lookup (f->scene, ca));
  g_assert_cmpuint (((const TfPoolData *) tf_scene_lookup (f->scene, pool)->data)->members->len, ==, 2);

  /* The last member gone, the pool goes too. */
  {
    gint64 both[] = { a, b };

    tf_test_execute (f->history, tf_command_delete_items (both, 2));
    g_assert_null (tf_scene_lookup (f->scene, pool));
    g_assert_null (tf_scene_lookup (f->scene, bc));
    g_assert_cmpuint (tf_scene_get_n_items (f->scene), ==, 1);
    tf_test_undo (f->history);
    g_assert_cmpuint (tf_scene_get_n_items (f->scene), ==, n);
    tf_test_redo (f->history);
    g_assert_cmpuint (tf_scene_get_n_items (f->scene), ==, 1);
  }
}

static void
test_pools (Fixture       *f,
            gconstpointer  data)
{
  gint64 a = add_actor (f, "elu", 100, 100, "Élu");
  gint64 b = add_actor (f, "chauffeur", 400, 300, "Chauffeur");
  gint64 outside = add_actor (f, "agent", 1000, 1000, "Agent");
  g_autofree char *members = g_strdup_printf ("{\"members\":[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]}", a, b);
  gint64 pool = add_item (f, "pool", TF_RECT_INIT (0, 0, 1, 1), "Pool de l'élu", NULL, members);
  TfItem *p = tf_scene_lookup (f->scene, pool);
  g_autoptr(GArray) hull = g_array_new (FALSE, FALSE, sizeof (double));
  TfRect expected;

  g_assert_true (p->kind == &tf_pool_kind);
  g_assert_true (p->kind->layer == TF_LAYER_ZONES);
  expected = TF_RECT_INIT (100 - TF_POOL_PADDING, 100 - TF_POOL_PADDING - TF_POOL_TITLE,
                           300 + TF_STAMP_ITEM_WIDTH + 2 * TF_POOL_PADDING,
                           200 + TF_STAMP_ITEM_HEIGHT + 2 * TF_POOL_PADDING + TF_POOL_TITLE);
  assert_rect (&p->bounds, &expected);
  g_assert_true (tf_pool_item_get_hull (p, f->scene, hull));
  g_assert_cmpuint (hull->len, >=, 6);
  /* Every member's centre is inside the hull's box. */
  {
    double minx = G_MAXDOUBLE, maxx = -G_MAXDOUBLE;

    for (guint i = 0; i < hull->len; i += 2)
      {
        minx = MIN (minx, g_array_index (hull, double, i));
        maxx = MAX (maxx, g_array_index (hull, double, i));
      }
    g_assert_cmpfloat (minx, <=, 100 + TF_STAMP_ITEM_WIDTH / 2);
    g_assert_cmpfloat (maxx, >=, 400 + TF_STAMP_ITEM_WIDTH / 2);
  }

  /* A member moved: the pool follows. Moving the pool carries its members,
   * not the others. */
  tf_test_execute (f->history, tf_command_move_items (&b, 1, 200, 0));
  g_assert_cmpfloat_with_epsilon (tf_scene_lookup (f->scene, pool)->bounds.width, expected.width + 200, 1e-6);
  tf_test_execute (f->history, tf_command_move_items (&pool, 1, -50, -60));
  g_assert_cmpfloat_with_epsilon (tf_scene_lookup (f->scene, a)->bounds.x, 50, 1e-6);
  g_assert_cmpfloat_with_epsilon (tf_scene_lookup (f->scene, b)->bounds.y, 240, 1e-6);
  g_assert_cmpfloat_with_epsilon (tf_scene_lookup (f->scene, outside)->bounds.x, 1000, 1e-6);
  g_assert_cmpfloat_with_epsilon (tf_scene_lookup (f->scene, pool)->bounds.x, 50 - TF_POOL_PADDING, 1e-6);
  tf_test_undo (f->history);
  g_assert_cmpfloat_with_epsilon (tf_scene_lookup (f->scene, a)->bounds.x, 100, 1e-6);
}

static void
test_legend (Fixture       *f,
             gconstpointer  data)
{
  gint64 a = add_actor (f, "elu", 0, 0, "Élu");
  gint64 b = add_actor (f, "collaborateur", 400, 0, "Collaborateur");
  gint64 c = add_actor (f, "assistant", 800, 0, "Assistante");
  gint64 d = add_actor (f, "cabinet", 0, 400, "Cabinet");
  gint64 link;
  g_autoptr(TfLegend) legend = NULL;
  const TfLegendFamily *family;

  add_link (f, a, b, "trust", "both");
  link = add_link (f, c, a, "information", "forward");
  add_link (f, d, a, "information", "forward");

  legend = tf_legend_compute (f->scene);
  /* Only what is used: two families, two relation types. */
  g_assert_cmpuint (legend->families->len, ==, 2);
  g_assert_cmpuint (legend->relations->len, ==, 2);
  g_assert_cmpuint (legend->n_actors, ==, 4);
  g_assert_cmpuint (legend->n_links, ==, 3);
  family = tf_legend_find_family (legend, "elus");
  g_assert_nonnull (family);
  g_assert_cmpuint (family->count, ==, 2);
  g_assert_cmpuint (family->stamps->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (family->stamps, 0), ==, "elu");
  g_assert_cmpuint (tf_legend_find_family (legend, "entourage")->count, ==, 2);
  g_assert_null (tf_legend_find_family (legend, "objets"));
  /* In the families' order, and relations in theirs. */
  g_assert_cmpstr (((TfLegendFamily *) g_ptr_array_index (legend->families, 0))->family, ==, "elus");
  g_assert_cmpstr (((TfLegendRelation *) g_ptr_array_index (legend->relations, 0))->relation, ==, "information");
  g_assert_cmpuint (tf_legend_find_relation (legend, "information")->count, ==, 2);
  g_assert_cmpuint (tf_legend_find_relation (legend, "trust")->count, ==, 1);
  g_assert_null (tf_legend_find_relation (legend, "money"));
  g_clear_pointer (&legend, tf_legend_free);

  /* The default title reads in the interface's language (English here),
   * also where an archive stored it in French; a typed title stays. */
  g_assert_cmpstr (tf_legend_get_title (NULL), ==, "Legend");
  g_assert_cmpstr (tf_legend_get_title (""), ==, "Legend");
  g_assert_cmpstr (tf_legend_get_title ("Légende"), ==, "Legend");
  g_assert_cmpstr (tf_legend_get_title ("Nos partenaires"), ==, "Nos partenaires");

  /* A relation changes type: the legend follows. */
  tf_test_execute (f->history,
                   tf_command_set_payload_key (&link, 1, "relation", "\"money\"", NULL));
  legend = tf_legend_compute (f->scene);
  g_assert_cmpuint (tf_legend_find_relation (legend, "information")->count, ==, 1);
  g_assert_cmpuint (tf_legend_find_relation (legend, "money")->count, ==, 1);
  g_clear_pointer (&legend, tf_legend_free);

  /* A type of the user's own, and the last actor of a family gone. */
  tf_test_execute (f->history,
                   tf_command_set_payload_key (&link, 1, "relation", "\"amitié\"", NULL));
  tf_test_execute (f->history, tf_command_delete_items (&d, 1));
  legend = tf_legend_compute (f->scene);
  g_assert_null (tf_legend_find_relation (legend, "money"));
  g_assert_cmpuint (tf_legend_find_relation (legend, "amitié")->count, ==, 1);
  g_assert_cmpstr (((TfLegendRelation *) g_ptr_array_index (legend->relations, legend->relations->len - 1))->relation,
                   ==, "amitié");
  g_assert_cmpstr (tf_relation_get_name ("amitié"), ==, "amitié");
  g_assert_true (tf_relation_style_lookup ("amitié") == tf_relation_style_lookup ("custom"));
  g_assert_cmpuint (tf_legend_find_family (legend, "elus")->count, ==, 1);
  g_assert_cmpuint (tf_legend_find_family (legend, "elus")->stamps->len, ==, 1);

  /* It measures and draws (a legend item on the board, too). */
  {
    g_autoptr(TfRenderer) renderer = tf_renderer_new ();
    PangoContext *pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
    double w, h;
    gint64 item;
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 400);
    cairo_t *cr = cairo_create (surface);
    TfViewport vp = { 1200, 0, 1.0, 400, 400 };

    tf_legend_measure (legend, pango, NULL, &w, &h);
    g_assert_cmpfloat (w, >, 100);
    g_assert_cmpfloat (h, >, 2 * 30 + 2 * 24);
    item = add_item (f, "legend", TF_RECT_INIT (1250, 20, w, h), "", NULL, NULL);
    g_assert_true (tf_scene_lookup (f->scene, item)->kind == &tf_legend_kind);
    tf_renderer_draw (renderer, f->scene, cr, &vp, TF_RENDER_BACKGROUND);
    cairo_surface_flush (surface);
    /* The legend's card is lighter than the paper around it. */
    {
      const guint8 *px = cairo_image_surface_get_data (surface) + 30 * cairo_image_surface_get_stride (surface) + 4 * 60;
      g_assert_cmpint (px[0] + px[1] + px[2], >, 3 * 250);
    }
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
    g_object_unref (pango);
  }
}

static gboolean
any_overlap (GArray *rects)
{
  for (guint i = 0; i < rects->len; i++)
    for (guint j = i + 1; j < rects->len; j++)
      if (tf_rect_intersects (&g_array_index (rects, TfRect, i), &g_array_index (rects, TfRect, j)))
        return TRUE;
  return FALSE;
}

static void
test_rings (Fixture       *f,
            gconstpointer  data)
{
  gint64 center = add_actor (f, "elu", 0, 0, "Élu");
  gint64 ring1[3], ring2[4], far, pinned;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
  double radii[3];
  double cx = TF_STAMP_ITEM_WIDTH / 2, cy = TF_STAMP_ITEM_HEIGHT / 2;

  for (int i = 0; i < 3; i++)
    {
      ring1[i] = add_actor (f, "collaborateur", 50 * i, 20, "Proche");
      add_link (f, center, ring1[i], "information", "both");
    }
  for (int i = 0; i < 4; i++)
    {
      ring2[i] = add_actor (f, "direction", 30 * i, 40, "Direction");
      add_link (f, ring1[i % 3], ring2[i], "service", "forward");
    }
  far = add_actor (f, "presse", 10, 10, "Presse");
  add_link (f, ring2[0], far, "information", "forward");
  /* Unlinked, but marked essential by hand. */
  pinned = add_actor (f, "partenaire", 5, 5, "Partenaire");
  tf_test_execute (f->history, tf_command_set_payload_key (&pinned, 1, "ring", "1", NULL));

  g_assert_cmpint (tf_actor_layout_get_ring (f->scene, center, ring1[0]), ==, TF_RING_ESSENTIAL);
  g_assert_cmpint (tf_actor_layout_get_ring (f->scene, center, ring2[3]), ==, TF_RING_IMPORTANT);
  g_assert_cmpint (tf_actor_layout_get_ring (f->scene, center, far), ==, TF_RING_INTERESTING);
  g_assert_cmpint (tf_actor_layout_get_ring (f->scene, center, pinned), ==, TF_RING_ESSENTIAL);
  g_assert_cmpint (tf_actor_layout_get_ring (f->scene, center, center), ==, 0);

  g_assert_false (tf_actor_layout_rings (f->scene, 999999, ids, rects, radii));
  g_assert_true (tf_actor_layout_rings (f->scene, center, ids, rects, radii));
  g_assert_cmpuint (ids->len, ==, 9);
  g_assert_cmpfloat (radii[0], <, radii[1]);
  g_assert_cmpfloat (radii[1], <, radii[2]);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const TfRect *r = &g_array_index (rects, TfRect, i);
      int ring = tf_actor_layout_get_ring (f->scene, center, id);
      double d = hypot (r->x + r->width / 2 - cx, r->y + r->height / 2 - cy);

      g_assert_cmpfloat_with_epsilon (d, radii[ring - 1], 0.5);
      g_assert_cmpfloat (r->width, ==, TF_STAMP_ITEM_WIDTH);
    }
  /* No two actors overlap, the centre included. */
  {
    TfRect c = tf_scene_lookup (f->scene, center)->bounds;
    g_array_append_val (rects, c);
    g_assert_false (any_overlap (rects));
    g_array_set_size (rects, rects->len - 1);
  }

  /* Applied as one edit, undone in one step. */
  {
    guint n_links_moved = 0;
    GPtrArray *items = tf_scene_get_items (f->scene);
    g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (TfRect));

    for (guint i = 0; i < items->len; i++)
      g_array_append_val (before, ((TfItem *) g_ptr_array_index (items, i))->bounds);
    tf_test_execute (f->history, tf_command_set_bounds ((gint64 *) ids->data, (TfRect *) rects->data, ids->len, "Rings"));
    items = tf_scene_get_items (f->scene);
    for (guint i = 0; i < items->len; i++)
      {
        TfItem *item = g_ptr_array_index (items, i);
        if (item->kind == &tf_link_kind)
          n_links_moved++;
      }
    g_assert_cmpuint (n_links_moved, ==, 8);
    tf_test_undo (f->history);
    g_assert_true (tf_history_get_can_redo (f->history));
    assert_rect (&tf_scene_lookup (f->scene, far)->bounds, &TF_RECT_INIT (10, 10, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT));
  }
}

static void
test_force (Fixture       *f,
            gconstpointer  data)
{
  gint64 actors[16];
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
  g_autoptr(GArray) ids2 = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects2 = g_array_new (FALSE, FALSE, sizeof (TfRect));
  static const char * const stamps[] = { "elu", "collaborateur", "assistant", "direction", "agent", "usager" };

  /* Stacked on one point, the worst start. */
  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    actors[i] = add_actor (f, stamps[i % G_N_ELEMENTS (stamps)], 100, 100, "Acteur");
  for (guint i = 1; i < G_N_ELEMENTS (actors); i++)
    add_link (f, actors[(i - 1) / 3], actors[i], "information", "forward");
  add_link (f, actors[5], actors[9], "trust", "both");

  tf_actor_layout_force (f->scene, 7, ids, rects);
  g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (actors));
  g_assert_false (any_overlap (rects));

  /* Deterministic. */
  tf_actor_layout_force (f->scene, 7, ids2, rects2);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), ids2->data, ids2->len * sizeof (gint64));
  g_assert_cmpmem (rects->data, rects->len * sizeof (TfRect), rects2->data, rects2->len * sizeof (TfRect));

  /* Linked actors end up nearer each other than the network's span. */
  {
    TfRect all = g_array_index (rects, TfRect, 0);
    double span, d;
    const TfRect *p = &g_array_index (rects, TfRect, 0), *q = &g_array_index (rects, TfRect, 1);

    for (guint i = 1; i < rects->len; i++)
      all = tf_rect_union (&all, &g_array_index (rects, TfRect, i));
    span = hypot (all.width, all.height);
    d = hypot (p->x - q->x, p->y - q->y);
    g_assert_cmpfloat (d, <, span * 0.6);
  }

  tf_test_execute (f->history,
                   tf_command_set_bounds ((gint64 *) ids->data, (TfRect *) rects->data, ids->len, "Force"));
  {
    g_autoptr(GArray) now = g_array_new (FALSE, FALSE, sizeof (TfRect));

    for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
      g_array_append_val (now, tf_scene_lookup (f->scene, actors[i])->bounds);
    g_assert_false (any_overlap (now));
  }
  tf_test_undo (f->history);
  g_assert_cmpfloat (tf_scene_lookup (f->scene, actors[3])->bounds.x, ==, 100);

  /* From a layout already without overlap, a second pass keeps it so. */
  {
    TfRect from[2] = { TF_RECT_INIT (0, 0, 10, 10), TF_RECT_INIT (100, 0, 20, 20) };
    TfRect to[2] = { TF_RECT_INIT (100, 200, 10, 10), TF_RECT_INIT (0, 0, 40, 20) };
    TfRect out[2];

    tf_actor_layout_interpolate (from, to, 2, 0.25, out);
    assert_rect (&out[0], &TF_RECT_INIT (25, 50, 10, 10));
    assert_rect (&out[1], &TF_RECT_INIT (75, 0, 25, 20));
    tf_actor_layout_interpolate (from, to, 2, 2.0, out);
    assert_rect (&out[1], &to[1]);
  }
}

static gboolean
is_on_board (TfScene *scene,
             gint64   id)
{
  return tf_scene_lookup (scene, id) != NULL;
}

static gint64
actor_map_of (TfStore *store,
              gint64   experiment)
{
  g_autoptr(GListStore) boards = tf_archive_list_boards (store, experiment, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
    {
      g_autoptr(TfBoard) b = g_list_model_get_item (G_LIST_MODEL (boards), i);
      if (g_strcmp0 (tf_board_get_kind_id (b), "actor-map") == 0)
        return tf_board_get_id (b);
    }
  return 0;
}

static void
check_actor_map (TfScene *scene)
{
  GPtrArray *items = tf_scene_get_items (scene);
  guint pools = 0, legends = 0, links = 0, actors = 0;
  g_autoptr(TfLegend) legend = tf_legend_compute (scene);

  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      double x0, y0, x1, y1;

      if (item->kind == &tf_pool_kind)
        {
          const TfPoolData *pool = item->data;

          pools++;
          g_assert_cmpuint (pool->members->len, >=, 4);
          for (guint m = 0; m < pool->members->len; m++)
            g_assert_true (is_on_board (scene, g_array_index (pool->members, gint64, m)));
          g_assert_cmpstr (item->text, !=, "");
        }
      else if (item->kind == &tf_link_kind)
        {
          const TfLinkData *link = item->data;

          links++;
          g_assert_true (is_on_board (scene, link->source));
          g_assert_true (is_on_board (scene, link->target));
          g_assert_true (tf_link_item_get_ends (item, scene, &x0, &y0, &x1, &y1));
          /* The stored bounds hold the drawn line. */
          g_assert_true (tf_rect_contains_point (&item->bounds, x0, y0));
          g_assert_true (tf_rect_contains_point (&item->bounds, x1, y1));
        }
      else if (item->kind == &tf_legend_kind)
        legends++;
      else if (item->kind == &tf_stamp_kind)
        {
          actors++;
          g_assert_cmpstr (tf_stamp_item_get_family (item), !=, "");
        }
    }
  g_assert_cmpuint (pools, ==, 3);
  g_assert_cmpuint (legends, ==, 1);
  g_assert_cmpuint (actors, >=, 15);
  g_assert_cmpuint (links, >=, 15);
  g_assert_nonnull (tf_legend_find_family (legend, "elus"));
  g_assert_nonnull (tf_legend_find_family (legend, "entourage"));
  g_assert_nonnull (tf_legend_find_family (legend, "administration"));
  g_assert_cmpuint (tf_legend_find_family (legend, "elus")->count, ==, 4);
  for (guint i = 0; i < tf_relation_get_n_builtin (); i++)
    g_assert_nonnull (tf_legend_find_relation (legend, tf_relation_get_nth (i)->id));
}

/* An archive written by Transfo before format 4 (checked in: the demo made
 * by the program of commit 71684a8, format 3, with an empty `links` table)
 * opens, migrates, loses no item, and its relations still repair: deleting
 * an actor deletes its links and takes it out of its pools, undo brings all
 * of it back. */
static guint
count_kind (TfScene    *scene,
            const char *kind)
{
  GPtrArray *items = tf_scene_get_items (scene);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    n += g_strcmp0 (((TfItem *) g_ptr_array_index (items, i))->kind_id, kind) == 0;
  return n;
}

static guint
count_naming (TfScene *scene,
              gint64   id)
{
  GPtrArray *items = tf_scene_get_items (scene);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (gint64));

      tf_item_references (g_ptr_array_index (items, i), refs);
      for (guint k = 0; k < refs->len; k++)
        n += g_array_index (refs, gint64, k) == id;
    }
  return n;
}

static void
test_format_3_archive (void)
{
  g_autofree char *path = tf_test_archive_path ("format-3");
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  TfStore *store;
  TfHistory *history;
  TfScene *scene;
  gint64 board, busiest = 0;
  guint most = 0, n_items;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "archive-format-3.sqlite", NULL),
                                      &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);

  store = tf_store_open (path, TF_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tf_store_get_schema_version (store), ==, TF_SCHEMA_VERSION);
  g_assert_cmpint (tf_test_sql_int (tf_store_get_db (store),
                                    "SELECT count(*) FROM sqlite_master WHERE name = 'links'"), ==, 0);
  board = actor_map_of (store, tf_archive_find_demo (store));
  scene = tf_scene_new_for_board (store, board, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tf_scene_get_n_skipped (scene, TF_CONTENT_OK), ==, 0);
  check_actor_map (scene);
  n_items = tf_scene_get_n_items (scene);
  g_assert_cmpuint (count_kind (scene, "link"), ==, 23);
  g_assert_cmpuint (count_kind (scene, "pool"), ==, 3);

  /* The actor most named by links and pools. */
  {
    GPtrArray *items = tf_scene_get_items (scene);

    for (guint i = 0; i < items->len; i++)
      {
        TfItem *it = g_ptr_array_index (items, i);
        guint n = count_naming (scene, it->id);

        if (n > most)
          {
            most = n;
            busiest = it->id;
          }
      }
  }
  g_assert_cmpuint (most, >=, 3);

  history = tf_history_new (store);
  tf_test_execute (history, tf_command_delete_items (&busiest, 1));
  g_assert_null (tf_scene_lookup (scene, busiest));
  g_assert_cmpuint (count_naming (scene, busiest), ==, 0);
  g_assert_cmpuint (tf_scene_get_n_items (scene), <, n_items - 1);
  tf_test_undo (history);
  g_assert_nonnull (tf_scene_lookup (scene, busiest));
  /* The live scene shows every link and pool again at once, though undo
   * restores the rows in the changeset's order (links before their end)… */
  g_assert_cmpuint (count_naming (scene, busiest), ==, most);
  g_assert_cmpuint (tf_scene_get_n_items (scene), ==, n_items);
  /* …and so does a scene read afresh from the archive. */
  {
    g_autoptr(TfScene) fresh = tf_scene_new_for_board (store, board, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (count_naming (fresh, busiest), ==, most);
    g_assert_cmpuint (tf_scene_get_n_items (fresh), ==, n_items);
    check_actor_map (fresh);
  }

  g_assert_finalize_object (scene);
  g_assert_finalize_object (history);
  g_assert_finalize_object (store);
  g_assert_true (tf_store_verify (path, NULL, &error));
  g_assert_no_error (error);
  tf_test_remove_archive (path);
}

static void
test_demo (void)
{
  g_autofree char *path = tf_test_archive_path ("demo-map");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_test_store_open (path, TF_STORE_OPEN_CREATE, &error);
  g_autoptr(TfScene) scene = NULL;
  gint64 demo, board;

  g_assert_no_error (error);
  demo = tf_archive_find_demo (store);
  board = actor_map_of (store, demo);
  g_assert_cmpint (board, >, 0);
  {
    g_autoptr(TfBoard) b = tf_archive_get_board (store, board, &error);
    g_assert_cmpstr (tf_board_get_name (b), ==, "Réseau des élus");
    g_assert_cmpint (tf_board_get_position (b), ==, 1);
  }
  scene = tf_scene_new_for_board (store, board, &error);
  g_assert_no_error (error);
  check_actor_map (scene);

  /* No personal names: roles only. */
  {
    GPtrArray *items = tf_scene_get_items (scene);

    for (guint i = 0; i < items->len; i++)
      {
        TfItem *item = g_ptr_array_index (items, i);
        g_assert_null (strstr (item->text, "Parat"));
        g_assert_null (strstr (item->payload, "Caron"));
        g_assert_null (strstr (item->payload, "Vandi"));
      }
  }

  /* It draws on screen at every level of detail, and into a vector PDF. */
  {
    g_autoptr(TfRenderer) renderer = tf_renderer_new ();
    TfRect extents = tf_scene_get_extents (scene);
    double zooms[] = { 0.05, 0.3, 0.7, 1.5 };

    for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
      {
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 480);
        cairo_t *cr = cairo_create (surface);
        TfViewport vp = { extents.x, extents.y, zooms[z], 640, 480 };

        tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_BACKGROUND);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
    {
      g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
      cairo_surface_t *surface = cairo_pdf_surface_create (pdf, 842, 595);
      cairo_t *cr = cairo_create (surface);
      TfViewport vp;

      tf_viewport_fit (&vp, &extents, 842, 595, 20, 0.01, 10);
      tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_PRINT);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
      g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
      g_unlink (pdf);
    }
  }

  /* A duplicate of the experiment has its own, working, map. */
  {
    g_autoptr(TfCommand) duplicate = tf_command_duplicate_experiment (demo, TRUE);
    g_autoptr(TfScene) copy = NULL;
    gint64 copy_board;

    g_assert_true (tf_command_execute (duplicate, store, &error));
    g_assert_no_error (error);
    copy_board = actor_map_of (store, tf_command_get_result_id (duplicate));
    g_assert_cmpint (copy_board, !=, board);
    copy = tf_scene_new_for_board (store, copy_board, &error);
    g_assert_no_error (error);
    check_actor_map (copy);
  }

  g_clear_object (&scene);
  g_assert_finalize_object (g_steal_pointer (&store));
  tf_test_remove_archive (path);
}

/* Far away an actor is a disc of its family's colour. */
static void
test_lod (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(TfRenderer) renderer = tf_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 100, 100);
  cairo_t *cr = cairo_create (surface);
  TfViewport vp = { -500, -500, 0.1, 100, 100 };
  const guint8 *px;
  double cx, cy, r;
  TfRect bounds = TF_RECT_INIT (0, 0, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT);

  add_actor (f, "elu", 0, 0, "Élu");
  tf_stamp_item_get_disc (&bounds, &cx, &cy, &r);
  tf_renderer_draw (renderer, f->scene, cr, &vp, TF_RENDER_DEFAULT);
  cairo_surface_flush (surface);
  px = cairo_image_surface_get_data (surface) + (int) ((cy + 500) * 0.1) * cairo_image_surface_get_stride (surface)
       + 4 * (int) ((cx + 500) * 0.1);
  /* BGRA, premultiplied: the blue of the élus. */
  g_assert_cmpint (px[3], >, 200);
  g_assert_cmpint (px[0], >, px[2] + 60);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The facilitator's week, point 8: a layout never leaves the legend in the
 * middle of the map. Each layout moves it with the actors to the corner it
 * was at, outside them, in the same step. */
static void
test_legend_anchored (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const stamps[] = { "elu", "collaborateur", "assistant", "direction", "agent", "usager" };
  gint64 actors[12], legend;
  TfRect legend_before;

  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    actors[i] = add_actor (f, stamps[i % G_N_ELEMENTS (stamps)], 60.0 * (i % 4), 60.0 * (i / 4), "Acteur");
  for (guint i = 1; i < G_N_ELEMENTS (actors); i++)
    add_link (f, actors[(i - 1) / 3], actors[i], "information", "forward");
  /* At the top right of the actors as they are. */
  legend = add_item (f, "legend", TF_RECT_INIT (500, -20, 260, 200), "", NULL, "{}");
  legend_before = tf_scene_lookup (f->scene, legend)->bounds;

  for (int rings = 0; rings < 2; rings++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
      double radii[3];
      TfRect extent = { 0 }, placed = { 0 };
      gboolean found = FALSE, any = FALSE;

      if (rings)
        g_assert_true (tf_actor_layout_rings (f->scene, actors[0], ids, rects, radii));
      else
        tf_actor_layout_force (f->scene, 7, ids, rects);
      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);
          const TfRect *r = &g_array_index (rects, TfRect, i);

          if (id == legend)
            {
              placed = *r;
              found = TRUE;
              continue;
            }
          extent = any ? tf_rect_union (&extent, r) : *r;
          any = TRUE;
        }
      g_test_message ("%s: actors %.0f,%.0f %.0fx%.0f; legend at %.0f,%.0f", rings ? "rings" : "force",
                      extent.x, extent.y, extent.width, extent.height, placed.x, placed.y);
      g_assert_true (found);
      g_assert_cmpfloat (placed.width, ==, legend_before.width);
      /* Outside the actors, on their right, level with their top. */
      g_assert_false (tf_rect_intersects (&placed, &extent));
      g_assert_cmpfloat (placed.x, >=, extent.x + extent.width);
      g_assert_cmpfloat_with_epsilon (placed.y, extent.y, 1e-6);
      tf_test_execute (f->history, tf_command_set_bounds ((gint64 *) ids->data, (TfRect *) rects->data,
                                                          ids->len, "Layout"));
    }
}

/* The facilitator's week, point 8: a stamp placed or dropped on another
 * lands at the nearest free place, never on it. */
static void
test_free_place (Fixture       *f,
                 gconstpointer  data)
{
  TfRect wanted = TF_RECT_INIT (100, 100, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT);
  TfRect far = TF_RECT_INIT (2000, 2000, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT);
  TfRect placed;
  double d;

  /* Nothing there: it stays where it is wanted. */
  placed = tf_actor_layout_free_place (f->scene, &far);
  assert_rect (&placed, &far);

  add_actor (f, "elu", 100, 100, "Élue");
  add_actor (f, "agent", 100 + TF_STAMP_ITEM_WIDTH + 30, 100, "Agent");
  for (int n = 0; n < 6; n++)
    {
      GPtrArray *items = tf_scene_get_items (f->scene);

      placed = tf_actor_layout_free_place (f->scene, &wanted);
      for (guint i = 0; i < items->len; i++)
        g_assert_false (tf_rect_intersects (&placed, &((TfItem *) g_ptr_array_index (items, i))->bounds));
      /* Near: within two stamps of where it was wanted. */
      d = hypot (placed.x - wanted.x, placed.y - wanted.y);
      g_assert_cmpfloat (d, <, 2.5 * MAX (TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT));
      g_assert_cmpfloat (placed.width, ==, wanted.width);
      add_actor (f, "usager", placed.x, placed.y, "Usager");
    }
}

/* The facilitator's week, point 8: a link whose straight line would cross
 * another actor bends around it; with nothing in the way it is straight. */
static void
test_link_route (Fixture       *f,
                 gconstpointer  data)
{
  gint64 a = add_actor (f, "elu", 0, 0, "Élue");
  gint64 b = add_actor (f, "agent", 900, 0, "Agent");
  gint64 c = add_actor (f, "usager", 450, 200, "Usager");
  gint64 straight = add_link (f, a, c, "information", "forward");
  gint64 across = add_link (f, a, b, "trust", "both");
  TfAnchor obstacle;
  double x0, y0, cx, cy, x1, y1, x, y, nearest = G_MAXDOUBLE;
  TfItem *link;

  /* Nothing between the first two: the control point is the middle. */
  link = tf_scene_lookup (f->scene, straight);
  g_assert_true (tf_link_item_get_route (link, f->scene, &x0, &y0, &cx, &cy, &x1, &y1));
  g_assert_cmpfloat_with_epsilon (cx, (x0 + x1) / 2, 1e-6);
  g_assert_cmpfloat_with_epsilon (cy, (y0 + y1) / 2, 1e-6);

  /* The third actor right on the line between the two others. */
  tf_test_execute (f->history, tf_command_set_bounds (&c, &TF_RECT_INIT (450, 0, TF_STAMP_ITEM_WIDTH,
                                                                        TF_STAMP_ITEM_HEIGHT), 1, "Move"));
  link = tf_scene_lookup (f->scene, across);
  g_assert_true (tf_link_item_get_route (link, f->scene, &x0, &y0, &cx, &cy, &x1, &y1));
  g_assert_false (fabs (cy - (y0 + y1) / 2) < 1.0);
  tf_actor_item_get_anchor (tf_scene_lookup (f->scene, c), &obstacle);
  for (int s = 0; s <= 100; s++)
    {
      tf_link_route_point (x0, y0, cx, cy, x1, y1, s / 100.0, &x, &y);
      nearest = MIN (nearest, hypot (x - obstacle.cx, y - obstacle.cy) - obstacle.radius);
      g_assert_false (x > obstacle.rect.x && x < obstacle.rect.x + obstacle.rect.width &&
                      y > obstacle.rect.y && y < obstacle.rect.y + obstacle.rect.height);
    }
  g_test_message ("route bends to %.0f, %.0f; nearest to the actor's disc: %.1f", cx, cy, nearest);
  g_assert_cmpfloat (nearest, >, 0);
  /* Picked along its curve, not along the straight line it no longer is. */
  tf_link_route_point (x0, y0, cx, cy, x1, y1, 0.5, &x, &y);
  g_assert_cmpfloat (tf_link_item_distance (link, f->scene, x, y), <, 1.0);
  g_assert_cmpfloat (tf_link_item_distance (link, f->scene, obstacle.cx, obstacle.cy), >, obstacle.radius);
  /* Its bounds hold the curve. */
  g_assert_true (x >= link->bounds.x && x <= link->bounds.x + link->bounds.width);
  g_assert_true (y >= link->bounds.y && y <= link->bounds.y + link->bounds.height);
  (void) b;
}

/* The facilitator's week, point 8(d): on generated maps, a pool's name sits
 * on its hull's top edge and meets no actor (disc or name) nor link label,
 * even with an actor and a labelled link right where the middle of that
 * edge is. */
static void
test_pool_title (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  PangoContext *pango = tf_text_context_new ();

  for (int map = 0; map < 12; map++)
    {
      g_autoptr(GString) members = g_string_new ("{\"members\":[");
      g_autoptr(GPtrArray) items = NULL;
      guint n = (guint) g_rand_int_range (rand, 3, 6);
      double x0 = map * 5000.0, gap = g_rand_double_range (rand, 200, 320), top = 0, middle;
      gint64 pool, left, right;
      TfRect title;

      for (guint i = 0; i < n; i++)
        {
          gint64 id = add_actor (f, "agent", x0 + i * gap, g_rand_double_range (rand, 0, 30), "Agent d’accueil");

          g_string_append_printf (members, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", id);
        }
      g_string_append (members, "]}");
      pool = add_item (f, "pool", TF_RECT_INIT (0, 0, 1, 1), "Pool du maire adjoint", NULL, members->str);
      middle = x0 + (n - 1) * gap / 2 + TF_STAMP_ITEM_WIDTH / 2;
      /* An actor whose name reaches down into the middle of the top edge,
       * and a labelled link crossing there. */
      add_actor (f, "usager", middle - TF_STAMP_ITEM_WIDTH / 2 + g_rand_double_range (rand, -60, 60),
                         -TF_STAMP_ITEM_HEIGHT - g_rand_double_range (rand, 10, 40), "Parent d’élève");
      left = add_actor (f, "elu", middle - 900, -70, "Élue");
      right = add_actor (f, "agent", middle + 900, -70, "Agent");
      {
        g_autofree char *payload = g_strdup_printf ("{\"source\":%" G_GINT64_FORMAT ",\"target\":%" G_GINT64_FORMAT
                                                    ",\"relation\":\"information\",\"direction\":\"forward\","
                                                    "\"label\":\"Ramassage 6 h 40\"}", left, right);

        add_item (f, "link", TF_RECT_INIT (0, 0, 1, 1), "", NULL, payload);
      }

      g_assert_true (tf_pool_item_get_title_rect (tf_scene_lookup (f->scene, pool), f->scene, pango, &title));
      items = g_ptr_array_ref (tf_scene_get_items (f->scene));
      top = G_MAXDOUBLE;
      for (guint i = 0; i < items->len; i++)
        {
          const TfItem *item = g_ptr_array_index (items, i);
          TfRect label;

          if (item->kind == &tf_stamp_kind && tf_rect_intersects (&item->bounds, &title))
            g_error ("map %d: the pool's name on actor “%s”", map, item->text);
          if (item->kind == &tf_link_kind && tf_link_item_get_label_rect (item, f->scene, pango, &label) &&
              tf_rect_intersects (&label, &title))
            g_error ("map %d: the pool's name on a link's label", map);
        }
      /* On the hull: just over its outline (members stand up to 30 units
       * lower than the highest), within a line or two of it. */
      {
        g_autoptr(GArray) hull = g_array_new (FALSE, FALSE, sizeof (double));
        double hull_top = G_MAXDOUBLE;

        g_assert_true (tf_pool_item_get_hull (tf_scene_lookup (f->scene, pool), f->scene, hull));
        for (guint i = 1; i < hull->len; i += 2)
          hull_top = MIN (hull_top, g_array_index (hull, double, i));
        top = title.y + title.height;
        g_test_message ("map %d: name at %.0f, %.0f (%.0f × %.0f), hull top %.0f", map, title.x, title.y,
                        title.width, title.height, hull_top);
        g_assert_cmpfloat (top, <=, hull_top + 30 - TF_POOL_PADDING);
        g_assert_cmpfloat (top, >=, hull_top - TF_POOL_PADDING - 60);
      }
    }
  g_object_unref (pango);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add ("/transfo/actor-map/links-follow", Fixture, NULL, fixture_setup, test_links_follow, fixture_teardown);
  g_test_add_func ("/transfo/actor-map/format-3-archive", test_format_3_archive);
  g_test_add ("/transfo/actor-map/delete-actor", Fixture, NULL, fixture_setup, test_delete_actor, fixture_teardown);
  g_test_add ("/transfo/actor-map/pools", Fixture, NULL, fixture_setup, test_pools, fixture_teardown);
  g_test_add ("/transfo/actor-map/pool-title", Fixture, NULL, fixture_setup, test_pool_title, fixture_teardown);
  g_test_add ("/transfo/actor-map/legend", Fixture, NULL, fixture_setup, test_legend, fixture_teardown);
  g_test_add ("/transfo/actor-map/layout/rings", Fixture, NULL, fixture_setup, test_rings, fixture_teardown);
  g_test_add ("/transfo/actor-map/layout/force", Fixture, NULL, fixture_setup, test_force, fixture_teardown);
  g_test_add ("/transfo/actor-map/lod", Fixture, NULL, fixture_setup, test_lod, fixture_teardown);
  g_test_add_func ("/transfo/actor-map/demo", test_demo);
  g_test_add ("/transfo/actor-map/layout/legend-anchored", Fixture, NULL, fixture_setup, test_legend_anchored,
              fixture_teardown);
  g_test_add ("/transfo/actor-map/link-route", Fixture, NULL, fixture_setup, test_link_route, fixture_teardown);
  g_test_add ("/transfo/actor-map/free-place", Fixture, NULL, fixture_setup, test_free_place, fixture_teardown);

  return g_test_run ();
}
