/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-renderer.h"
#include "core/tf-archive.h"
#include "core/tf-asset-source.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-item-rows.h"
#include "mockups/tf-mockup.h"
#include "mockups/tf-mockup-commands.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-model.h"
#include "mockups/tf-mockup-pixels.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* The mockup wing's stored format (payloads read back, hostile ones, caps),
 * its commands (each undone) and its drawing, read back from pixels. */

/* --- Helpers --- */

/* A @width × @height PNG: red left half, blue right half. */
static GBytes *
make_png (int     width,
          int     height,
          guint32 left,
          guint32 right)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *out = g_byte_array_new ();

  tf_cairo_set_rgb (cr, left, 1);
  cairo_rectangle (cr, 0, 0, width / 2.0, height);
  cairo_fill (cr);
  tf_cairo_set_rgb (cr, right, 1);
  cairo_rectangle (cr, width / 2.0, 0, width / 2.0, height);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, tf_test_append_bytes, out), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (out);
}

static TfItem *
item_of (gint64      id,
         const char *kind,
         TfRect      bounds,
         const char *payload)
{
  TfItem *item = tf_item_new (id, kind);

  item->bounds = bounds;
  tf_item_set_payload (item, payload);
  tf_item_changed (item);
  return item;
}

static gint64
count (const char *path,
       const char *sql)
{
  sqlite3 *db = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  n = tf_test_sql_int (db, sql);
  sqlite3_close (db);
  return n;
}

static void
mockup_set_up (TfTestBoard   *f,
               gconstpointer  data)
{
  (void) data;
  tf_test_board_set_up (f, "mockup-model", "Maquette du kit", TF_MOCKUP_TYPE_ID);
}

static void
mockup_tear_down (TfTestBoard   *f,
                  gconstpointer  data)
{
  (void) data;
  tf_test_board_tear_down (f);
}

static gint64
experiment_of (TfTestBoard *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfBoard) board = tf_archive_get_board (f->store, f->board, &error);

  g_assert_no_error (error);
  return tf_board_get_experiment_id (board);
}

static gboolean
execute (TfTestBoard *f,
         TfCommand   *command,
         GError     **error)
{
  return tf_history_execute (f->history, command, error);
}

/* --- The stored format --- */

static void
test_round_trip (void)
{
  TfMkPhoto photo = { 0 }, photo2;
  TfMkPlace place = { 0 }, place2;
  TfMkCallout callout = { 9, 2.5 }, callout2;
  TfMkBubble bubble = { 9, -40, 250.5 }, bubble2;
  TfMkBlur blur = { 9, TF_MK_BLUR_ELLIPSE, TF_MK_BLUR_BLUR, 12 }, blur2;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) o = NULL;

  photo.asset = 12;
  photo.page = 3;
  photo.natural_width = 4000;
  photo.natural_height = 3000;
  photo.crop = TF_RECT_INIT (0.25, 0.125, 0.5, 0.75);
  photo.people_visible = TRUE;
  photo.consent_given = TRUE;
  photo.consent_at = g_strdup ("2026-12-05T11:40:00Z");
  photo.before_of = 34;
  /* Unknown keys stay. */
  json = tf_mk_photo_to_json (&photo, "{\"future\":{\"x\":1},\"asset\":1}");
  o = tf_mk_parse_payload (json);
  g_assert_nonnull (o);
  g_assert_true (json_object_has_member (o, "future"));
  tf_mk_photo_read (&photo2, o);
  g_assert_cmpint (photo2.asset, ==, 12);
  g_assert_cmpint (photo2.page, ==, 3);
  g_assert_cmpint (photo2.natural_width, ==, 4000);
  g_assert_cmpint (photo2.natural_height, ==, 3000);
  g_assert_cmpfloat (photo2.crop.x, ==, 0.25);
  g_assert_cmpfloat (photo2.crop.height, ==, 0.75);
  g_assert_true (photo2.people_visible);
  g_assert_true (photo2.consent_given);
  g_assert_cmpstr (photo2.consent_at, ==, "2026-12-05T11:40:00Z");
  g_assert_cmpint (photo2.before_of, ==, 34);
  /* Withdrawn consent leaves no trace of a date. */
  photo2.consent_given = FALSE;
  g_clear_pointer (&json, g_free);
  json = tf_mk_photo_to_json (&photo2, json);
  g_assert_null (strstr (json, "consent"));
  tf_mk_photo_clear (&photo);
  tf_mk_photo_clear (&photo2);

  place.asset = 13;
  place.photo = 9;
  place.has_corners = TRUE;
  place.corners = (TfQuad) { { { 0, 10 }, { 100.5, 0 }, { 110, 80 }, { 5, 90 } } };
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&o, json_object_unref);
  json = tf_mk_place_to_json (&place, NULL);
  o = tf_mk_parse_payload (json);
  tf_mk_place_read (&place2, o);
  g_assert_cmpint (place2.asset, ==, 13);
  g_assert_cmpint (place2.photo, ==, 9);
  g_assert_true (place2.has_corners);
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (place2.corners.p[i].x, ==, place.corners.p[i].x);
      g_assert_cmpfloat (place2.corners.p[i].y, ==, place.corners.p[i].y);
    }

  g_clear_pointer (&json, g_free);
  g_clear_pointer (&o, json_object_unref);
  json = tf_mk_callout_to_json (&callout, NULL);
  o = tf_mk_parse_payload (json);
  tf_mk_callout_read (&callout2, o);
  g_assert_cmpint (callout2.photo, ==, 9);
  g_assert_cmpfloat (callout2.order, ==, 2.5);

  g_clear_pointer (&json, g_free);
  g_clear_pointer (&o, json_object_unref);
  json = tf_mk_bubble_to_json (&bubble, NULL);
  o = tf_mk_parse_payload (json);
  tf_mk_bubble_read (&bubble2, o);
  g_assert_cmpfloat (bubble2.tail_x, ==, -40);
  g_assert_cmpfloat (bubble2.tail_y, ==, 250.5);

  g_clear_pointer (&json, g_free);
  g_clear_pointer (&o, json_object_unref);
  json = tf_mk_blur_to_json (&blur, NULL);
  o = tf_mk_parse_payload (json);
  tf_mk_blur_read (&blur2, o);
  g_assert_cmpint (blur2.shape, ==, TF_MK_BLUR_ELLIPSE);
  g_assert_cmpint (blur2.mode, ==, TF_MK_BLUR_BLUR);
  g_assert_cmpfloat (blur2.cell, ==, 12);
}

/* Payloads an archive from elsewhere may hold: each is read into defaults
 * or clamped values, and every kind draws it without a warning. */
static void
test_hostile_payloads (void)
{
  static const char *payloads[] = {
    "",
    "[]",
    "not json",
    "{\"asset\":\"12\",\"page\":-5,\"natural\":[1e308,-1],\"crop\":[2,2,-1,5]}",
    "{\"asset\":-3,\"page\":99999999,\"natural\":[1,2,3],\"crop\":\"all\"}",
    "{\"natural\":[\"a\",\"b\"],\"crop\":[0,0,0,0],\"consent\":[1],\"people_visible\":\"yes\"}",
    "{\"corners\":[0,0,1,1,2,2,3],\"photo\":{\"id\":1}}",
    "{\"corners\":[0,0,1e300,0,1e300,1e300,0,1e300],\"photo\":1}",
    "{\"corners\":[0,0,100,100,100,0,0,100]}",
    "{\"corners\":[0,0,0,0,0,0,0,0]}",
    "{\"tail\":[1e300,-1e300],\"order\":1e300}",
    "{\"shape\":7,\"mode\":[],\"cell\":-4}",
    "{\"shape\":\"ellipse\",\"mode\":\"blur\",\"cell\":1e300}",
  };
  static const char *kinds[] = {
    TF_MK_PHOTO_KIND, TF_MK_PLACE_KIND, TF_MK_CALLOUT_KIND, TF_MK_BUBBLE_KIND, TF_MK_BLUR_KIND,
  };
  g_autoptr(TfRenderer) renderer = tf_renderer_new ();
  g_autoptr(TfScene) scene = tf_scene_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 200);
  cairo_t *cr = cairo_create (surface);
  TfViewport vp = { -10, -10, 1.0, 200, 200 };
  gint64 id = 1;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint p = 0; p < G_N_ELEMENTS (payloads); p++)
      {
        TfItem *item = item_of (id, kinds[k], TF_RECT_INIT (0, 0, 120, 80), payloads[p]);

        g_assert_nonnull (item->kind);
        g_assert_nonnull (item->data);
        tf_scene_add (scene, item);
        id++;
      }
  /* Read: clamped and defaulted. */
  {
    const TfMkPhoto *photo = tf_mk_photo_item_get (tf_scene_lookup (scene, 4));

    g_assert_nonnull (photo);
    g_assert_cmpint (photo->asset, ==, 0);   /* a string is no id */
    g_assert_cmpint (photo->page, ==, 0);
    g_assert_cmpint (photo->natural_width, ==, 0);
    g_assert_cmpfloat (photo->crop.x, <=, 1 - TF_MK_MIN_CROP);
    g_assert_cmpfloat (photo->crop.x + photo->crop.width, <=, 1.0 + 1e-9);
    g_assert_cmpfloat (photo->crop.height, >=, TF_MK_MIN_CROP);
    photo = tf_mk_photo_item_get (tf_scene_lookup (scene, 5));
    g_assert_cmpint (photo->asset, ==, 0);
    g_assert_cmpint (photo->page, ==, TF_MK_MAX_PAGE);
    g_assert_cmpfloat (photo->crop.width, ==, 1);
  }
  {
    const TfMkPlace *place = tf_mk_place_item_get (tf_scene_lookup (scene, G_N_ELEMENTS (payloads) + 7));

    g_assert_nonnull (place);
    g_assert_false (place->has_corners);    /* seven numbers */
    g_assert_cmpint (place->photo, ==, 0);  /* an object is no id */
    place = tf_mk_place_item_get (tf_scene_lookup (scene, G_N_ELEMENTS (payloads) + 8));
    g_assert_true (place->has_corners);
    g_assert_cmpfloat (place->corners.p[2].x, ==, 1e6);   /* clamped to the board */
  }

  /* Drawn, on screen and for print, without an asset source. */
  g_assert_true (tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_DEFAULT) || TRUE);
  tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_PRINT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* Deeply nested: not parsed at all. */
  {
    GString *deep = g_string_new ("{\"a\":");

    for (int i = 0; i < 10000; i++)
      g_string_append (deep, "[");
    g_assert_null (tf_mk_parse_payload (deep->str));
    g_string_free (deep, TRUE);
  }
}

/* Callouts are numbered once for the board: photo by photo in reading
 * order, each photo's by order then id; blur regions are capped. */
static void
test_numbers_and_caps (void)
{
  g_autoptr(TfScene) scene = tf_scene_new ();
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  TfItem *second;

  tf_scene_add (scene, item_of (1, TF_MK_PHOTO_KIND, TF_RECT_INIT (0, 0, 400, 300), "{}"));
  tf_scene_add (scene, item_of (10, TF_MK_CALLOUT_KIND, TF_RECT_INIT (0, 0, 40, 40), "{\"photo\":1,\"order\":2}"));
  tf_scene_add (scene, item_of (11, TF_MK_CALLOUT_KIND, TF_RECT_INIT (0, 0, 40, 40), "{\"photo\":1,\"order\":1}"));
  tf_scene_add (scene, item_of (12, TF_MK_CALLOUT_KIND, TF_RECT_INIT (0, 0, 40, 40), "{\"photo\":1,\"order\":1}"));
  tf_scene_add (scene, item_of (13, TF_MK_CALLOUT_KIND, TF_RECT_INIT (0, 0, 40, 40), "{\"photo\":2,\"order\":0}"));
  g_assert_cmpint (tf_mk_callout_number (scene, tf_scene_lookup (scene, 11)), ==, 1);
  g_assert_cmpint (tf_mk_callout_number (scene, tf_scene_lookup (scene, 12)), ==, 2);
  g_assert_cmpint (tf_mk_callout_number (scene, tf_scene_lookup (scene, 10)), ==, 3);
  /* On a photo the board does not show: after the others, never a 1 again. */
  g_assert_cmpint (tf_mk_callout_number (scene, tf_scene_lookup (scene, 13)), ==, 4);
  g_assert_cmpint (tf_mk_callout_number (scene, tf_scene_lookup (scene, 1)), ==, 0);
  /* Photo 2 right of photo 1: its callout goes on from photo 1's. */
  tf_scene_add (scene, item_of (2, TF_MK_PHOTO_KIND, TF_RECT_INIT (500, 0, 400, 300), "{}"));
  g_assert_cmpint (tf_mk_callout_number (scene, tf_scene_lookup (scene, 13)), ==, 4);
  /* Moved left of photo 1: read first, numbered first, the others after. */
  second = tf_scene_lookup (scene, 2);
  second->bounds.x = -500;
  tf_scene_item_changed (scene, second);
  g_assert_cmpint (tf_mk_callout_number (scene, tf_scene_lookup (scene, 13)), ==, 1);
  g_assert_cmpint (tf_mk_callout_number (scene, tf_scene_lookup (scene, 11)), ==, 2);
  g_assert_cmpint (tf_mk_callout_number (scene, tf_scene_lookup (scene, 10)), ==, 4);
  /* Deleting one renumbers the others. */
  tf_scene_remove (scene, 11);
  g_assert_cmpint (tf_mk_callout_number (scene, tf_scene_lookup (scene, 12)), ==, 2);
  g_assert_cmpint (tf_mk_callout_number (scene, tf_scene_lookup (scene, 10)), ==, 3);

  for (int i = 0; i < TF_MK_MAX_ANNOTATIONS + 50; i++)
    tf_scene_add (scene, item_of (100 + i, TF_MK_BLUR_KIND, TF_RECT_INIT (i, 0, 10, 10), "{\"photo\":1}"));
  tf_scene_add (scene, item_of (99, TF_MK_BLUR_KIND, TF_RECT_INIT (0, 0, 10, 10), "{\"photo\":5}"));
  tf_mk_blur_regions (scene, 1, regions);
  g_assert_cmpuint (regions->len, ==, TF_MK_MAX_ANNOTATIONS);
  g_ptr_array_set_size (regions, 0);
  tf_mk_blur_regions (scene, 5, regions);
  g_assert_cmpuint (regions->len, ==, 1);

  /* The default pixelation block: a tenth of the region, at least 4. */
  {
    TfMkBlur blur = { 1, TF_MK_BLUR_RECT, TF_MK_BLUR_PIXELATE, 0 };
    TfRect big = TF_RECT_INIT (0, 0, 300, 200), small = TF_RECT_INIT (0, 0, 10, 10);

    g_assert_cmpfloat (tf_mk_blur_cell (&blur, &big), ==, 20);
    g_assert_cmpfloat (tf_mk_blur_cell (&blur, &small), ==, 4);
  }
}

/* --- Commands --- */

static TfMkSource
source_of (GBytes     *png,
           int         width,
           int         height,
           const char *name)
{
  TfMkSource source = { png, "image/png", name, 0, width, height };

  return source;
}

static void
test_add_photo (TfTestBoard   *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png (400, 300, 0xff0000, 0x0000ff);
  TfMkSource source = source_of (png, 400, 300, "bureau.png");
  g_autoptr(TfCommand) first = tf_mk_command_add_photo (experiment_of (f), 0, NULL, &source);
  g_autoptr(TfCommand) second = tf_mk_command_add_photo (experiment_of (f), f->board, NULL, &source);
  g_autoptr(GError) error = NULL;
  TfItemRow a = { 0 }, b = { 0 };
  g_autoptr(JsonObject) payload = NULL;
  TfMkPhoto photo;

  (void) data;
  g_assert_true (execute (f, first, &error));
  g_assert_no_error (error);
  /* The experiment's mockup board, not a new one. */
  g_assert_cmpint (tf_mk_command_get_board_id (first), ==, f->board);
  g_assert_true (execute (f, second, &error));
  g_assert_cmpint (tf_mk_command_get_asset_id (first), >, 0);
  /* Deduplicated by content. */
  g_assert_cmpint (tf_mk_command_get_asset_id (second), ==, tf_mk_command_get_asset_id (first));
  g_assert_cmpint (count (f->path, "SELECT count(*) FROM assets"), ==, 1);
  g_assert_cmpint (count (f->path, "SELECT count(*) FROM items WHERE asset_id IS NOT NULL"), ==, 2);

  g_assert_true (tf_item_rows_read (f->store, tf_command_get_result_id (first), &a));
  g_assert_true (tf_item_rows_read (f->store, tf_command_get_result_id (second), &b));
  g_assert_cmpstr (a.kind, ==, TF_MK_PHOTO_KIND);
  g_assert_cmpfloat (a.width, ==, TF_MK_PHOTO_SIDE);
  g_assert_cmpfloat (a.height, ==, 900);
  /* The second right of the first. */
  g_assert_cmpfloat (b.x, ==, a.x + a.width + TF_MK_PHOTO_GAP);
  g_assert_cmpfloat (b.y, ==, a.y);
  payload = tf_mk_parse_payload (a.payload);
  tf_mk_photo_read (&photo, payload);
  g_assert_cmpint (photo.asset, ==, tf_mk_command_get_asset_id (first));
  g_assert_cmpint (photo.natural_width, ==, 400);
  g_assert_false (photo.people_visible);
  tf_mk_photo_clear (&photo);
  tf_item_row_clear (&a);
  tf_item_row_clear (&b);

  /* Undone: the rows go, the asset last. */
  tf_test_undo (f->history);
  tf_test_undo (f->history);
  g_assert_cmpint (count (f->path, "SELECT count(*) FROM items"), ==, 0);
  g_assert_cmpint (count (f->path, "SELECT count(*) FROM assets"), ==, 0);
  tf_test_redo (f->history);
  g_assert_cmpint (count (f->path, "SELECT count(*) FROM items"), ==, 1);

  /* An experiment without a mockup board gets one. */
  {
    g_autoptr(TfExperiment) draft = tf_experiment_new ("Sans maquette");
    g_autoptr(TfCommand) create = tf_command_create_experiment (draft);
    g_autoptr(TfCommand) add = NULL;
    g_autoptr(TfBoard) board = NULL;

    g_assert_true (execute (f, create, &error));
    add = tf_mk_command_add_photo (tf_command_get_result_id (create), 0, NULL, &source);
    g_assert_true (execute (f, add, &error));
    g_assert_cmpint (tf_mk_command_get_board_id (add), !=, f->board);
    board = tf_archive_get_board (f->store, tf_mk_command_get_board_id (add), &error);
    g_assert_nonnull (board);
    g_assert_true (tf_mockup_board_is (tf_board_get_kind_id (board)));
    g_assert_cmpstr (tf_board_get_name (board), ==, "Mockup");
  }

  /* Refused: a board of another experiment, a source without bytes. */
  {
    g_autoptr(TfCommand) wrong = tf_mk_command_add_photo (experiment_of (f) + 1, f->board, NULL, &source);
    TfMkSource empty = source_of (NULL, 400, 300, "");
    g_autoptr(TfCommand) nothing = tf_mk_command_add_photo (experiment_of (f), f->board, NULL, &empty);
    gint64 before = count (f->path, "SELECT count(*) FROM items");

    g_assert_false (execute (f, wrong, &error));
    g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
    g_clear_error (&error);
    g_assert_false (execute (f, nothing, &error));
    g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (count (f->path, "SELECT count(*) FROM items"), ==, before);
  }
}

static void
read_place (TfTestBoard *f,
            gint64       id,
            TfItemRow   *row,
            TfMkPlace   *place)
{
  g_autoptr(JsonObject) payload = NULL;

  tf_item_row_clear (row);
  g_assert_true (tf_item_rows_read (f->store, id, row));
  payload = tf_mk_parse_payload (row->payload);
  tf_mk_place_read (place, payload);
}

static void
test_placements (TfTestBoard   *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png (400, 300, 0xff0000, 0x0000ff);
  g_autoptr(GBytes) poster = make_png (100, 200, 0x00ff00, 0xffff00);
  g_autoptr(GBytes) poster2 = make_png (100, 200, 0xffffff, 0x000000);
  TfMkSource source = source_of (png, 400, 300, "bureau.png");
  TfMkSource image = source_of (poster, 100, 200, "affiche.png");
  TfMkSource image2 = source_of (poster2, 100, 200, "affiche-v2.png");
  g_autoptr(GError) error = NULL;
  TfItemRow photo = { 0 }, row = { 0 };
  TfMkPlace place;
  gint64 photo_id, place_id, first_asset;
  g_autofree char *before = NULL;

  (void) data;
  {
    g_autoptr(TfCommand) add = tf_mk_command_add_photo (experiment_of (f), 0, NULL, &source);

    g_assert_true (execute (f, add, &error));
    photo_id = tf_command_get_result_id (add);
  }
  g_assert_true (tf_item_rows_read (f->store, photo_id, &photo));
  {
    g_autoptr(TfCommand) add = tf_mk_command_add_place (photo_id, &image);

    g_assert_true (execute (f, add, &error));
    g_assert_no_error (error);
    place_id = tf_command_get_result_id (add);
    first_asset = tf_mk_command_get_asset_id (add);
  }
  /* Half the photo's height (the image is taller), centred. */
  read_place (f, place_id, &row, &place);
  g_assert_cmpstr (row.kind, ==, TF_MK_PLACE_KIND);
  g_assert_cmpint (place.photo, ==, photo_id);
  g_assert_cmpint (place.asset, ==, first_asset);
  g_assert_cmpfloat (fabs (row.height - photo.height / 2), <, 1e-6);
  g_assert_cmpfloat (fabs (row.width - row.height / 2), <, 1e-6);
  g_assert_cmpfloat (fabs (row.x + row.width / 2 - (photo.x + photo.width / 2)), <, 1e-6);
  g_assert_true (place.has_corners);
  g_assert_cmpfloat (place.corners.p[0].x, ==, 0);
  g_assert_cmpfloat (place.corners.p[2].x, ==, row.width);

  /* Corners: a perspective, stored relative to the bounds. */
  {
    TfQuad quad = { { { 100, 100 }, { 300, 140 }, { 290, 400 }, { 120, 380 } } };
    g_autoptr(TfCommand) set = tf_mk_command_set_corners (place_id, &quad);

    g_assert_true (execute (f, set, &error));
    read_place (f, place_id, &row, &place);
    g_assert_cmpfloat (row.x, ==, 100);
    g_assert_cmpfloat (row.y, ==, 100);
    g_assert_cmpfloat (row.width, ==, 200);
    g_assert_cmpfloat (row.height, ==, 300);
    g_assert_cmpfloat (place.corners.p[1].x, ==, 200);
    g_assert_cmpfloat (place.corners.p[1].y, ==, 40);
  }
  /* A bow-tie is corrected. */
  {
    TfQuad quad = { { { 100, 100 }, { 300, 100 }, { 100, 300 }, { 300, 300 } } };
    g_autoptr(TfCommand) set = tf_mk_command_set_corners (place_id, &quad);
    TfQuad drawn;

    g_assert_true (execute (f, set, &error));
    read_place (f, place_id, &row, &place);
    for (int i = 0; i < 4; i++)
      {
        drawn.p[i].x = row.x + place.corners.p[i].x;
        drawn.p[i].y = row.y + place.corners.p[i].y;
      }
    g_assert_cmpint (tf_quad_shape (&drawn), ==, TF_QUAD_OK);
  }
  /* A dent is refused, the archive unchanged. */
  before = g_strdup (row.payload);
  {
    TfQuad quad = { { { 100, 100 }, { 300, 100 }, { 150, 150 }, { 100, 300 } } };
    g_autoptr(TfCommand) set = tf_mk_command_set_corners (place_id, &quad);

    g_assert_false (execute (f, set, &error));
    g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID);
    g_clear_error (&error);
    read_place (f, place_id, &row, &place);
    g_assert_cmpstr (row.payload, ==, before);
  }
  /* Replaced, the corners kept. */
  {
    g_autoptr(TfCommand) replace = tf_mk_command_replace_image (place_id, &image2);
    TfMkPlace kept = place;
    TfItemRow old = row;

    row = (TfItemRow) { 0 };
    g_assert_true (execute (f, replace, &error));
    read_place (f, place_id, &row, &place);
    g_assert_cmpint (place.asset, ==, tf_mk_command_get_asset_id (replace));
    g_assert_cmpint (place.asset, !=, first_asset);
    g_assert_true (memcmp (&place.corners, &kept.corners, sizeof (TfQuad)) == 0);
    g_assert_cmpfloat (row.x, ==, old.x);
    g_assert_cmpfloat (row.width, ==, old.width);
    g_assert_cmpint (count (f->path, "SELECT count(*) FROM items WHERE asset_id IS NOT NULL"), ==, 2);
    tf_item_row_clear (&old);
    tf_test_undo (f->history);
    read_place (f, place_id, &row, &place);
    g_assert_cmpint (place.asset, ==, first_asset);
  }
  /* A placement needs a photo. */
  {
    g_autoptr(TfCommand) add = tf_mk_command_add_place (place_id, &image);

    g_assert_false (execute (f, add, &error));
    g_assert_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW);
    g_clear_error (&error);
  }

  /* People and consent. */
  {
    g_autoptr(TfCommand) people = tf_mk_command_set_people_visible (photo_id, TRUE);
    g_autoptr(TfCommand) consent = tf_mk_command_set_consent (photo_id, TRUE);
    g_autoptr(JsonObject) payload = NULL;
    TfItemRow p = { 0 };
    TfMkPhoto read;

    g_assert_true (execute (f, people, &error));
    g_assert_true (execute (f, consent, &error));
    g_assert_true (tf_item_rows_read (f->store, photo_id, &p));
    payload = tf_mk_parse_payload (p.payload);
    tf_mk_photo_read (&read, payload);
    g_assert_true (read.people_visible);
    g_assert_true (read.consent_given);
    g_assert_cmpint (strlen (read.consent_at), ==, 20);
    tf_mk_photo_clear (&read);
    tf_item_row_clear (&p);
    g_clear_pointer (&payload, json_object_unref);

    tf_test_undo (f->history);
    g_assert_true (tf_item_rows_read (f->store, photo_id, &p));
    payload = tf_mk_parse_payload (p.payload);
    tf_mk_photo_read (&read, payload);
    g_assert_true (read.people_visible);
    g_assert_false (read.consent_given);
    tf_mk_photo_clear (&read);
    tf_item_row_clear (&p);
  }
  tf_item_row_clear (&photo);
  tf_item_row_clear (&row);
}

/* --- Drawing, through the decoder --- */

/* A photo (red | blue) with a placement (green | yellow) and a blur region
 * over the red-blue edge, drawn for print at one pixel a unit. */
static void
test_draw (TfTestBoard   *f,
           gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png (400, 300, 0xff0000, 0x0000ff);
  g_autoptr(GBytes) poster = make_png (100, 200, 0x00ff00, 0xffff00);
  TfMkSource source = source_of (png, 400, 300, "bureau.png");
  TfMkSource image = source_of (poster, 100, 200, "affiche.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfAssetSource) assets = tf_asset_source_new_for_store (f->store);
  g_autoptr(TfRenderer) renderer = tf_renderer_new ();
  g_autoptr(TfScene) scene = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1300, 1000);
  cairo_t *cr = cairo_create (surface);
  TfViewport vp = { 0, 0, 1.0, 1300, 1000 };
  gint64 photo_id, place_id;
  guint decodes;

  (void) data;
  tf_mk_pixels_clear (tf_mk_pixels_get_default ());
  {
    g_autoptr(TfCommand) add = tf_mk_command_add_photo (experiment_of (f), 0, NULL, &source);

    g_assert_true (execute (f, add, &error));
    photo_id = tf_command_get_result_id (add);
  }
  {
    g_autoptr(TfCommand) add = tf_mk_command_add_place (photo_id, &image);
    /* Upright, top-left at (100, 100), 200 × 400 units. */
    TfQuad quad = { { { 100, 100 }, { 300, 100 }, { 300, 500 }, { 100, 500 } } };
    g_autoptr(TfCommand) set = NULL;

    g_assert_true (execute (f, add, &error));
    place_id = tf_command_get_result_id (add);
    set = tf_mk_command_set_corners (place_id, &quad);
    g_assert_true (execute (f, set, &error));
  }
  {
    /* Across the edge between red and blue (x = 600), 200 units wide. */
    TfNewItem blur = { .kind = TF_MK_BLUR_KIND, .bounds = TF_RECT_INIT (550, 600, 200, 200),
                       .payload = NULL };
    g_autofree char *payload = g_strdup_printf ("{\"photo\":%" G_GINT64_FORMAT ",\"cell\":100}", photo_id);

    blur.payload = payload;
    tf_test_board_add (f, &blur);
  }
  scene = tf_scene_new_for_board (f->store, f->board, &error);
  g_assert_no_error (error);
  tf_renderer_set_assets (renderer, assets);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_PRINT);
  cairo_surface_flush (surface);
  cairo_surface_write_to_png (surface, "/tmp/transfo-test-mockup-draw.png");

  /* The photo, 1200 × 900 at (0, 0): red left, blue right. */
  g_assert_cmphex (tf_test_pixel (surface, 50, 50), ==, 0xff0000);
  g_assert_cmphex (tf_test_pixel (surface, 1100, 800), ==, 0x0000ff);
  /* The placement over it: green left, yellow right. */
  g_assert_cmphex (tf_test_pixel (surface, 150, 300), ==, 0x00ff00);
  g_assert_cmphex (tf_test_pixel (surface, 250, 300), ==, 0xffff00);
  /* The blur region: blocks of 100 units, each one colour: the left one
   * (550–650) the mean of red and blue, the edge at 600 gone; the right one
   * (650–750) blue. */
  {
    guint32 mixed = tf_test_pixel (surface, 560, 610);

    g_assert_cmphex (tf_test_pixel (surface, 640, 690), ==, mixed);
    g_assert_cmphex (tf_test_pixel (surface, 590, 650), ==, mixed);
    g_assert_cmpint ((mixed >> 16) & 0xff, >, 0x40);
    g_assert_cmpint (mixed & 0xff, >, 0x40);
    g_assert_cmphex (tf_test_pixel (surface, 660, 610), ==, 0x0000ff);
  }
  /* Outside the photo: the paper. */
  g_assert_cmphex (tf_test_pixel (surface, 1250, 950), ==, 0xffffff);

  /* Cached: drawing again decodes nothing. */
  decodes = tf_mk_pixels_get_n_decodes (tf_mk_pixels_get_default ());
  tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_PRINT);
  g_assert_cmpuint (tf_mk_pixels_get_n_decodes (tf_mk_pixels_get_default ()), ==, decodes);
  g_assert_cmpuint (tf_mk_pixels_get_size (tf_mk_pixels_get_default ()), >, 0);
  g_assert_cmpuint (tf_mk_pixels_get_size (tf_mk_pixels_get_default ()), <=, TF_MK_PIXELS_BUDGET);

  /* On the board the region has a dashed outline along its edges; the
   * export dialog's preview (TF_RENDER_PAPER, not PRINT) draws it as the
   * PDF does, without: its top edge the colour of the cells below it. */
  {
    cairo_surface_t *edit = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1300, 1000);
    cairo_t *ecr = cairo_create (edit);
    guint outlined = 0;

    cairo_set_source_rgb (ecr, 1, 1, 1);
    cairo_paint (ecr);
    tf_renderer_draw (renderer, scene, ecr, &vp, TF_RENDER_NO_BITMAPS);
    cairo_surface_flush (edit);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_NO_BITMAPS | TF_RENDER_PAPER);
    cairo_surface_flush (surface);
    for (int x = 555; x < 745; x++)
      {
        if (x > 640 && x < 660)
          continue;
        if (tf_test_pixel (edit, x, 600) != tf_test_pixel (edit, x, 650))
          outlined++;
        g_assert_cmphex (tf_test_pixel (surface, x, 600), ==, tf_test_pixel (surface, x, 650));
      }
    g_assert_cmpuint (outlined, >, 40);
    cairo_destroy (ecr);
    cairo_surface_destroy (edit);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  tf_renderer_set_assets (renderer, NULL);
}

static void
on_ready (TfMkPixels *pixels,
          gint64      asset_id,
          gpointer    user_data)
{
  (void) pixels;
  (void) asset_id;
  (*(guint *) user_data)++;
}

/* On the main thread of a running loop (the window) a frame never waits for
 * the helper: the photo is a placeholder until ::ready, then its pixels. */
static void
test_screen_async (TfTestBoard   *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) png = make_png (400, 300, 0xff0000, 0x0000ff);
  TfMkSource source = source_of (png, 400, 300, "bureau.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfAssetSource) assets = tf_asset_source_new_for_store (f->store);
  g_autoptr(TfRenderer) renderer = tf_renderer_new ();
  g_autoptr(TfScene) scene = NULL;
  TfMkPixels *pixels = tf_mk_pixels_get_default ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 450);
  cairo_t *cr = cairo_create (surface);
  TfViewport vp = { 0, 0, 0.5, 600, 450 };
  gint64 deadline;
  guint ready = 0, decodes;
  gulong handler;

  (void) data;
  tf_mk_pixels_clear (pixels);
  decodes = tf_mk_pixels_get_n_decodes (pixels);
  {
    g_autoptr(TfCommand) add = tf_mk_command_add_photo (experiment_of (f), 0, NULL, &source);

    g_assert_true (execute (f, add, &error));
  }
  scene = tf_scene_new_for_board (f->store, f->board, &error);
  tf_renderer_set_assets (renderer, assets);
  handler = g_signal_connect (pixels, "ready", G_CALLBACK (on_ready), &ready);

  g_assert_true (g_main_context_acquire (NULL));
  {
    gint64 start = g_get_monotonic_time ();

    tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_DEFAULT);
    /* The frame took no helper's time (a decode is some 100 ms or more). */
    g_test_message ("first frame: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  }
  cairo_surface_flush (surface);
  /* The placeholder's paper, not the photo. */
  g_assert_cmphex (tf_test_pixel (surface, 20, 20), ==, 0xE4E0D6);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (ready == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ready, ==, 1);
  tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_DEFAULT);
  cairo_surface_flush (surface);
  g_assert_cmphex (tf_test_pixel (surface, 20, 20), ==, 0xff0000);
  g_assert_cmphex (tf_test_pixel (surface, 580, 430), ==, 0x0000ff);
  /* At the size drawn (600 px: the 1024 bucket, above the photo's 400:
   * its own size), not decoded again. */
  tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_DEFAULT);
  g_assert_cmpuint (tf_mk_pixels_get_n_decodes (pixels), ==, decodes + 1);
  g_main_context_release (NULL);

  g_signal_handler_disconnect (pixels, handler);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  tf_renderer_set_assets (renderer, NULL);
}

/* Pixelating destroys what was there: a fine pattern under a region comes
 * out as flat blocks. */
static void
test_blur_region (void)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 100);
  cairo_surface_t *out = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 100);
  cairo_t *cr = cairo_create (image);
  TfRect region = TF_RECT_INIT (20, 20, 40, 40);

  /* One-pixel stripes. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int x = 0; x < 100; x += 2)
    cairo_rectangle (cr, x, 0, 1, 100);
  cairo_fill (cr);
  cairo_destroy (cr);

  cr = cairo_create (out);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  tf_mk_draw_blur_region (cr, image, &region, 10, TF_MK_BLUR_RECT, TF_MK_BLUR_PIXELATE);
  cairo_destroy (cr);
  cairo_surface_flush (out);

  /* Inside: neighbouring pixels alike (the stripes are gone), grey. */
  for (int x = 21; x < 59; x++)
    g_assert_cmphex (tf_test_pixel (out, x, 30), ==, tf_test_pixel (out, x + 1, 30) );
  {
    guint32 grey = tf_test_pixel (out, 25, 25);
    int level = grey & 0xff;

    g_assert_cmpint (level, >, 0x40);
    g_assert_cmpint (level, <, 0xc0);
  }
  /* Outside: untouched. */
  g_assert_cmphex (tf_test_pixel (out, 10, 30), !=, tf_test_pixel (out, 11, 30));
  cairo_surface_destroy (image);
  cairo_surface_destroy (out);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/mockup/round-trip", test_round_trip);
  g_test_add_func ("/mockup/hostile-payloads", test_hostile_payloads);
  g_test_add_func ("/mockup/numbers-and-caps", test_numbers_and_caps);
  g_test_add_func ("/mockup/blur-region", test_blur_region);
  g_test_add ("/mockup/add-photo", TfTestBoard, NULL, mockup_set_up, test_add_photo, mockup_tear_down);
  g_test_add ("/mockup/placements", TfTestBoard, NULL, mockup_set_up, test_placements, mockup_tear_down);
  g_test_add ("/mockup/draw", TfTestBoard, NULL, mockup_set_up, test_draw, mockup_tear_down);
  g_test_add ("/mockup/screen-async", TfTestBoard, NULL, mockup_set_up, test_screen_async, mockup_tear_down);
  return g_test_run ();
}
