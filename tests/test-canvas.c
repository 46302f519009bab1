/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "canvas/tf-item-kinds.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-text-block.h"
#include "canvas/tf-text-fit.h"
#include "core/tf-archive.h"
#include "core/tf-content.h"
#include "core/tf-demo.h"
#include "core/tf-store-private.h"
#include "insights/tf-insight.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

static TfItem *
make_item (gint64      id,
           const char *kind,
           double      x,
           double      y,
           double      w,
           double      h,
           int         z,
           const char *text,
           const char *style,
           const char *payload)
{
  TfItem *item = tf_item_new (id, kind);

  item->bounds = TF_RECT_INIT (x, y, w, h);
  item->z = z;
  tf_item_set_text (item, text);
  tf_item_set_style (item, style);
  tf_item_set_payload (item, payload);
  tf_item_changed (item);
  return item;
}

static void
test_text_never_overflows (void)
{
  PangoContext *context = tf_text_context_new ();
  g_autofree char *very_long = NULL;
  GString *builder = g_string_new (NULL);
  const double boxes[][2] = { { 164, 164 }, { 122, 96 }, { 230, 200 }, { 60, 40 } };

  for (int i = 0; i < 120; i++)
    g_string_append (builder, "les élus ne savent pas où trouver l'information ");
  very_long = g_string_free (builder, FALSE);

  {
    const char *texts[] = {
      "Oui.",
      "À leur arrivée, certains nouveaux élus ne savent pas ce qu'est une délib’.",
      "Anticonstitutionnellementanticonstitutionnellementanticonstitutionnellement",
      "Les mails, je les lis 📧 et je fais suivre à l'élu.\nSi c'est urgent je téléphone.",
      "שלום עולם — مرحبا بالعالم",
      very_long,
    };

    for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
      for (guint b = 0; b < G_N_ELEMENTS (boxes); b++)
        {
          double w = boxes[b][0], h = boxes[b][1], size = 0;
          g_autoptr(PangoLayout) layout = tf_text_fit (context, texts[t], w, h, 0.14 * h + 4, 0.065 * h + 2,
                                                       FALSE, &size);
          PangoRectangle ink, logical;

          pango_layout_get_extents (layout, &ink, &logical);
          g_assert_cmpfloat (logical.height / (double) PANGO_SCALE, <=, h + 0.01);
          g_assert_cmpfloat (logical.width / (double) PANGO_SCALE, <=, w + 0.01);
          g_assert_cmpfloat (size, >=, 0.065 * h + 2 - 0.01);
          g_assert_cmpfloat (size, <=, 0.14 * h + 4 + 0.01);
          /* The very long text cannot fit: it is cut, not overflowing. */
          if (texts[t] == very_long)
            g_assert_true (pango_layout_is_ellipsized (layout));
        }
  }

  /* A short quote gets a big font; a long one a smaller one. */
  {
    double big = 0, small = 0;
    g_autoptr(PangoLayout) a = tf_text_fit (context, "Oui.", 164, 164, 28, 13, FALSE, &big);
    g_autoptr(PangoLayout) b = tf_text_fit (context,
                                            "Lorsqu'un élu a besoin d'une information sur un projet, ce n'est "
                                            "pas forcément celle qui intéresse le chargé de mission.",
                                            164, 164, 28, 13, FALSE, &small);
    g_assert_cmpfloat (big, ==, 28);
    g_assert_cmpfloat (small, <, 28);
    g_assert_cmpfloat (small, >=, 13);
    g_assert_false (pango_layout_is_ellipsized (b));
  }

  g_object_unref (context);
}

/* Plain Latin quotes take the path without Pango and fit their box;
 * anything else is left to Pango. */
static void
test_text_block (void)
{
  PangoContext *context = tf_text_context_new ();
  const char *plain[] = {
    "Oui.",
    "À leur arrivée, certains nouveaux élus ne savent pas ce qu'est une délib’.",
    "Les mails, je les lis et je fais suivre à l'élu.\nSi c'est urgent je téléphone.",
  };
  const char *other[] = {
    "שלום עולם",                      /* another script, right to left */
    "e\xcc\x81" "lus de\xcc\x81" "compose\xcc\x81" "s",  /* combining accents */
    "Anticonstitutionnellementanticonstitutionnellementanticonstitutionnellement",  /* wider than the box */
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_autoptr(TfTextBlock) block = tf_text_block_fit (context, plain[i], 164, 164, 28, 13);

      g_assert_nonnull (block);
      g_assert_cmpfloat (tf_text_block_get_height (block), <=, 164);
      g_assert_cmpfloat (tf_text_block_get_size (block), >=, 13);
      g_assert_cmpfloat (tf_text_block_get_size (block), <=, 28);
    }
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    g_assert_null (tf_text_block_fit (context, other[i], 164, 164, 28, 13));

  /* Short text gets the largest size, long text a smaller one. */
  {
    g_autoptr(TfTextBlock) a = tf_text_block_fit (context, plain[0], 164, 164, 28, 13);
    g_autoptr(TfTextBlock) b = tf_text_block_fit (context, plain[1], 164, 164, 28, 13);

    g_assert_cmpfloat (tf_text_block_get_size (a), ==, 28);
    g_assert_cmpfloat (tf_text_block_get_size (b), <, 28);
  }

  g_object_unref (context);
}

static void
test_scene_order_and_hits (void)
{
  g_autoptr(TfScene) scene = tf_scene_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  TfItem *hit;
  TfRect extents;

  tf_scene_add (scene, make_item (1, "note", 0, 0, 200, 200, 5, "top", "{}", "{}"));
  tf_scene_add (scene, make_item (2, "note", 100, 100, 200, 200, 3, "below", "{}", "{}"));
  tf_scene_add (scene, make_item (3, "zone", -50, -50, 600, 600, 99, "Cluster", "{}", "{}"));
  tf_scene_add (scene, make_item (4, "note", 1000, 0, 200, 200, 1, "retired", "{}", "{\"retired\":true}"));
  tf_scene_add (scene, make_item (5, "sticker-from-the-future", 2000, 0, 50, 50, 0, "", "{}", "{}"));

  g_assert_cmpuint (tf_scene_get_n_items (scene), ==, 5);
  g_assert_null (tf_scene_lookup (scene, 5)->kind);

  /* Zones first whatever their z, then by z. */
  tf_scene_query (scene, &TF_RECT_INIT (-1000, -1000, 5000, 5000), found);
  g_assert_cmpuint (found->len, ==, 4);
  g_assert_cmpint (((TfItem *) found->pdata[0])->id, ==, 3);
  g_assert_cmpint (((TfItem *) found->pdata[1])->id, ==, 5);
  g_assert_cmpint (((TfItem *) found->pdata[2])->id, ==, 2);
  g_assert_cmpint (((TfItem *) found->pdata[3])->id, ==, 1);

  /* The topmost item wins where two overlap; a retired note is off the board. */
  hit = tf_scene_hit_test (scene, 150, 150, 0);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->id, ==, 1);
  hit = tf_scene_hit_test (scene, 250, 250, 0);
  g_assert_cmpint (hit->id, ==, 2);
  hit = tf_scene_hit_test (scene, 500, 500, 0);
  g_assert_cmpint (hit->id, ==, 3);
  g_assert_null (tf_scene_hit_test (scene, 1100, 100, 0));
  g_assert_null (tf_scene_hit_test (scene, 5000, 5000, 10));

  extents = tf_scene_get_extents (scene);
  g_assert_cmpfloat (extents.x, ==, -50);
  g_assert_cmpfloat (extents.width, ==, 2100);

  /* Moving an item refiles it. */
  tf_scene_lookup (scene, 1)->bounds.x = 3000;
  tf_scene_item_changed (scene, tf_scene_lookup (scene, 1));
  hit = tf_scene_hit_test (scene, 150, 150, 0);
  g_assert_cmpint (hit->id, ==, 2);
  hit = tf_scene_hit_test (scene, 3100, 100, 0);
  g_assert_cmpint (hit->id, ==, 1);

  g_assert_true (tf_scene_remove (scene, 2));
  g_assert_false (tf_scene_remove (scene, 2));
  g_assert_cmpint (tf_scene_hit_test (scene, 250, 250, 0)->id, ==, 3);
}

/* Extents, drawing order and emptiness kept up as items are read again
 * (moved, edited, hidden, removed) are those a scene built afresh from the
 * same items measures. */
static void
assert_same_as_fresh (TfScene *scene)
{
  g_autoptr(TfScene) fresh = tf_scene_copy (scene);
  TfRect a = tf_scene_get_extents (scene), b = tf_scene_get_extents (fresh);
  GPtrArray *kept = tf_scene_get_items (scene), *sorted = tf_scene_get_items (fresh);

  g_assert_cmpfloat_with_epsilon (a.x, b.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (a.y, b.y, 1e-9);
  g_assert_cmpfloat_with_epsilon (a.width, b.width, 1e-9);
  g_assert_cmpfloat_with_epsilon (a.height, b.height, 1e-9);
  g_assert_cmpuint (kept->len, ==, sorted->len);
  for (guint i = 0; i < kept->len; i++)
    {
      g_assert_cmpint (((TfItem *) kept->pdata[i])->id, ==, ((TfItem *) sorted->pdata[i])->id);
      g_assert_true (kept->pdata[i] == tf_scene_lookup (scene, ((TfItem *) kept->pdata[i])->id));
    }
  g_assert_cmpint (tf_scene_has_visible_items (scene), ==, tf_scene_has_visible_items (fresh));
}

static void
test_scene_kept_up (void)
{
  g_autoptr(TfScene) scene = tf_scene_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);

  g_assert_false (tf_scene_has_visible_items (scene));
  tf_scene_add (scene, make_item (1, "note", 0, 0, 200, 200, 0, "retired", "{}", "{\"retired\":true}"));
  g_assert_false (tf_scene_has_visible_items (scene));
  assert_same_as_fresh (scene);
  for (gint64 id = 2; id <= 40; id++)
    tf_scene_add (scene, make_item (id, id % 7 == 0 ? "zone" : "note", (id % 8) * 240, (id / 8) * 240,
                                    200, 200, (int) (id % 3), "", "{}", "{}"));
  assert_same_as_fresh (scene);
  for (guint step = 0; step < 400; step++)
    {
      gint64 id = g_rand_int_range (rand, 1, 41);
      double x = g_rand_int_range (rand, -3, 11) * 240, y = g_rand_int_range (rand, -3, 8) * 240;
      int z = g_rand_int_range (rand, 0, 3);
      /* A move, an edit in place, a note hidden and shown, one gone and back. */
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          tf_scene_remove (scene, id);
          break;
        case 1:
          tf_scene_add (scene, make_item (id, "note", x, y, 200, 200, z, "", "{}",
                                          g_rand_boolean (rand) ? "{\"retired\":true}" : "{}"));
          break;
        default:
          tf_scene_add (scene, make_item (id, id % 7 == 0 ? "zone" : "note", x, y, 200, 200, z, "moved", "{}", "{}"));
          break;
        }
      /* Measured now and then, so some changes find them measured. */
      if (step % 3 == 0)
        assert_same_as_fresh (scene);
    }
  assert_same_as_fresh (scene);
}

static gboolean
rename_first_note (TfStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  sqlite3_stmt *stmt = tf_store_prepare (store, "UPDATE items SET text = 'Nouveau texte', x = 5000"
                                                " WHERE id = (SELECT min (id) FROM items)", error);

  return stmt != NULL && tf_store_step_done (store, stmt, error);
}

static void
on_items_changed (TfScene  *scene,
                  GArray   *ids,
                  guint    *count)
{
  *count += ids->len;
}

static void
test_scene_follows_store (void)
{
  g_autofree char *path = tf_test_archive_path ("canvas");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_test_store_open (path, TF_STORE_OPEN_CREATE, &error);
  g_autoptr(GListStore) boards = NULL;
  g_autoptr(TfBoard) board = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_autoptr(GBytes) changeset = NULL;
  guint changed = 0;
  TfItem *first;
  gint64 first_id;

  g_assert_no_error (error);
  boards = tf_archive_list_boards (store, tf_archive_find_demo (store), &error);
  board = g_list_model_get_item (G_LIST_MODEL (boards), 0);
  scene = tf_scene_new_for_board (store, tf_board_get_id (board), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tf_scene_get_n_items (scene), ==, 9);
  g_signal_connect (scene, "items-changed", G_CALLBACK (on_items_changed), &changed);

  first = tf_scene_get_items (scene)->pdata[0];
  first_id = first->id;
  g_assert_true (tf_store_edit (store, rename_first_note, NULL, &changeset, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  first = tf_scene_lookup (scene, first_id);
  g_assert_cmpstr (first->text, ==, "Nouveau texte");
  g_assert_cmpint (tf_scene_hit_test (scene, 5100, 100, 0)->id, ==, first_id);

  g_assert_true (tf_store_apply_changeset (store, changeset, TRUE, &error));
  g_assert_cmpuint (changed, ==, 2);
  first = tf_scene_lookup (scene, first_id);
  g_assert_cmpstr (first->text, !=, "Nouveau texte");
  g_assert_null (tf_scene_hit_test (scene, 5100, 100, 0));

  /* Searching one board: the délib’ quote, accent-folded, and nothing else. */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

    g_assert_true (tf_archive_search_board (store, tf_board_get_id (board), "delib", ids, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_nonnull (strstr (tf_scene_lookup (scene, g_array_index (ids, gint64, 0))->text, "délib"));
    g_array_set_size (ids, 0);
    g_assert_true (tf_archive_search_board (store, tf_board_get_id (board) + 1000, "delib", ids, &error));
    g_assert_cmpuint (ids->len, ==, 0);
  }

  g_clear_object (&scene);
  g_assert_finalize_object (g_steal_pointer (&store));
  tf_test_remove_archive (path);
}

static TfScene *
small_wall (void)
{
  TfScene *scene = tf_scene_new ();

  tf_scene_add (scene, make_item (1, "zone", 20, 20, 520, 300, 0, "Outils des élus", "{\"color\":\"sky\"}", "{}"));
  tf_scene_add (scene, make_item (2, "note", 50, 80, 200, 200, 1,
                                  "À leur arrivée, certains nouveaux élus ne savent pas ce qu'est une délib’.",
                                  "{\"color\":\"yellow\"}", "{\"votes\":3,\"star\":true}"));
  tf_scene_add (scene, make_item (3, "note", 300, 80, 200, 200, 2, "Raccroche si tu es en réunion.",
                                  "{\"color\":\"pink\"}", "{}"));
  tf_scene_add (scene, make_item (4, "label", 580, 40, 260, 60, 3, "Semaine 1", "{}", "{}"));
  tf_scene_add (scene, make_item (5, "note", 600, 120, 150, 150, 4, "Oui.", "{\"color\":\"green\"}", "{}"));
  return scene;
}

static void
test_render_reference (void)
{
  g_autoptr(TfScene) scene = small_wall ();
  g_autoptr(TfRenderer) renderer = tf_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 880, 340);
  cairo_t *cr = cairo_create (surface);
  TfViewport vp = { 0, 0, 1.0, 880, 340 };

  tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_BACKGROUND);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* A few anti-aliased pixels may differ between font versions. */
  tf_test_assert_reference (surface, "render-small-wall.png", 24, 0.01);

  cairo_surface_destroy (surface);
}

static void
test_render_levels_of_detail (void)
{
  g_autoptr(TfScene) scene = small_wall ();
  g_autoptr(TfRenderer) renderer = tf_renderer_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 100, 40);
  cairo_t *cr = cairo_create (surface);
  TfViewport vp = { 0, 0, 0.1, 100, 40 };

  /* At 10 %, a note is a flat card of its colour. */
  tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_BACKGROUND);
  cairo_surface_flush (surface);
  g_assert_cmphex (tf_test_pixel (surface, 15, 18), ==, tf_note_color_lookup ("yellow")->rgb);
  g_assert_cmphex (tf_test_pixel (surface, 40, 18), ==, tf_note_color_lookup ("pink")->rgb);
  /* Outside everything: paper. */
  g_assert_cmphex (tf_test_pixel (surface, 95, 38), ==, TF_PAPER_RGB);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Pixels of @area dark enough to be ink (text, strokes). */
static guint
count_ink (cairo_surface_t *surface,
           const TfRect    *area)
{
  guint n = 0;

  for (int y = (int) area->y; y < (int) (area->y + area->height); y++)
    for (int x = (int) area->x; x < (int) (area->x + area->width); x++)
      {
        guint32 p = tf_test_pixel (surface, x, y);

        n += ((p >> 16) & 0xff) < 0x70 && ((p >> 8) & 0xff) < 0x70 && (p & 0xff) < 0x70;
      }
  return n;
}

static void
test_render_print_is_vector (void)
{
  g_autoptr(TfScene) scene = small_wall ();
  g_autoptr(TfRenderer) renderer = tf_renderer_new ();
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  TfViewport vp = { 0, 0, 0.1, 100, 40 };

  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 880, 340);
  cairo_surface_t *screen = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 880, 340);
  guint print_ink, screen_ink;
  cairo_t *replay;

  /* Printing draws every item in full detail at any scale where a note's
   * quote can be read (notes of 15 and 20 points here; smaller ones print
   * as specks: TF_PRINT_SPECK_MAX, see test-export's board/specks). */
  tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_PRINT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* Played back ten times larger, at one pixel per board unit, the
   * vectors are sharp: the quote's ink and the star are there. */
  replay = cairo_create (image);
  cairo_set_source_rgb (replay, 1, 1, 1);
  cairo_paint (replay);
  cairo_scale (replay, 1 / 0.1, 1 / 0.1);
  cairo_set_source_surface (replay, surface, 0, 0);
  cairo_paint (replay);
  cairo_destroy (replay);
  cairo_surface_flush (image);
  print_ink = count_ink (image, &TF_RECT_INIT (60, 100, 180, 140));
  g_assert_cmpuint (print_ink, >, 300);
  /* The star, top right of the first note, in the marks' colour. */
  g_assert_cmphex (tf_test_pixel (image, 50 + 200 - 15, 80 + 15), ==, TF_NOTE_MARK_RGB);
  /* The second note's paper, and the third's quote. */
  g_assert_cmphex (tf_test_pixel (image, 305, 200), ==, tf_note_color_lookup ("pink")->rgb);
  g_assert_cmpuint (count_ink (image, &TF_RECT_INIT (610, 170, 130, 50)), >, 30);

  /* On screen at 5 %, the same note is a flat card: no ink at all. */
  cairo_destroy (cr);
  cr = cairo_create (screen);
  vp = (TfViewport) { 0, 0, 0.05, 44, 17 };
  tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_BACKGROUND);
  cairo_surface_flush (screen);
  screen_ink = count_ink (screen, &TF_RECT_INIT (3, 5, 9, 7));
  g_assert_cmpuint (screen_ink, ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  cairo_surface_destroy (image);
  cairo_surface_destroy (screen);
}

/* Text that is not UTF-8 (an archive may hold any bytes): fitted and drawn
 * without reading past its end. Each text sits in a buffer of exactly its
 * size, so that the sanitizer build sees any over-read. */
static void
test_text_not_utf8 (void)
{
  static const char * const texts[] = {
    "La d\xc3\xa9\xf0",          /* the first byte of a four-byte letter, then the end */
    "\xf4",
    "abc \xe2\x82",
    "\xc3\x28 \xa0\xa1 mots\nvalides \xf8\x88\x80\x80\x80",
  };
  PangoContext *context = tf_text_context_new ();

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gsize length = strlen (texts[i]);
      g_autofree char *text = g_memdup2 (texts[i], length + 1);
      g_autoptr(PangoLayout) fitted = NULL;
      g_autoptr(PangoLayout) line = NULL;
      g_autoptr(TfTextBlock) block = NULL;
      double size = 0;

      fitted = tf_text_fit (context, text, 160, 160, 40, 9, FALSE, &size);
      g_assert_nonnull (fitted);
      g_assert_true (g_utf8_validate (pango_layout_get_text (fitted), -1, NULL));
      g_assert_cmpfloat (size, >=, 9);
      line = tf_text_line (context, text, 160, 12, TRUE);
      g_assert_nonnull (line);
      block = tf_text_block_fit (context, text, 160, 160, 40, 9);
      g_assert_null (block);
    }
  g_object_unref (context);
}

/* What an archive's content may hold (core/tf-content.h). */
static void
test_content_checks (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) strings = g_string_new ("[");
  g_autofree char *big = NULL;

  g_assert_true (tf_content_check_json ("{}", -1));
  g_assert_true (tf_content_check_json ("{\"members\":[1,2,3],\"a\":{\"b\":[[]]}}", -1));
  for (guint i = 0; i < TF_CONTENT_MAX_JSON_DEPTH; i++)
    g_string_append_c (deep, '[');
  g_assert_true (tf_content_check_json (deep->str, -1));
  g_string_append_c (deep, '{');
  g_assert_false (tf_content_check_json (deep->str, -1));
  /* Brackets in strings do not nest, escaped quotes do not end them. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (strings, "\"[[{\\\"[\",");
  g_string_append (strings, "1]");
  g_assert_true (tf_content_check_json (strings->str, -1));
  g_assert_false (tf_content_check_json ("{\"a\":\"\xff\"}", -1));
  g_assert_false (tf_content_check_json ("{\"a\":1}\0{", 9));
  big = g_strnfill (TF_CONTENT_MAX_JSON + 1, ' ');
  g_assert_false (tf_content_check_json (big, -1));

  g_assert_true (tf_content_check_text ("À leur arrivée", -1, 100));
  g_assert_false (tf_content_check_text ("abc\xf0", -1, 100));
  g_assert_false (tf_content_check_text ("ab\0c", 4, 100));
  g_assert_false (tf_content_check_text ("abcdef", -1, 5));
  g_assert_false (tf_content_check_text (NULL, -1, 5));

  g_assert_true (tf_content_check_coord (-TF_CONTENT_MAX_COORD));
  g_assert_false (tf_content_check_coord (1e308));
  g_assert_false (tf_content_check_coord (NAN));
  g_assert_false (tf_content_check_coord (-INFINITY));
  g_assert_true (tf_content_check_size (0));
  g_assert_true (tf_content_check_size (TF_CONTENT_MAX_SIZE));
  g_assert_false (tf_content_check_size (-1));
  g_assert_false (tf_content_check_size (1e7));
  g_assert_false (tf_content_check_size (INFINITY));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/transfo/canvas/text/never-overflows", test_text_never_overflows);
  g_test_add_func ("/transfo/canvas/text/block", test_text_block);
  g_test_add_func ("/transfo/canvas/text/not-utf8", test_text_not_utf8);
  g_test_add_func ("/transfo/canvas/content/checks", test_content_checks);
  g_test_add_func ("/transfo/canvas/scene/order-and-hits", test_scene_order_and_hits);
  g_test_add_func ("/transfo/canvas/scene/follows-store", test_scene_follows_store);
  g_test_add_func ("/transfo/canvas/scene/kept-up", test_scene_kept_up);
  g_test_add_func ("/transfo/canvas/render/reference", test_render_reference);
  g_test_add_func ("/transfo/canvas/render/levels-of-detail", test_render_levels_of_detail);
  g_test_add_func ("/transfo/canvas/render/print", test_render_print_is_vector);

  return g_test_run ();
}
