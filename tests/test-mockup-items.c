/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-text-fit.h"
#include "core/tf-board-type.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-history.h"
#include "core/tf-item-rows.h"
#include "exports/tf-export.h"
#include "exports/tf-export-source.h"
#include "mockups/tf-mockup.h"
#include "mockups/tf-mockup-annotate.h"
#include "mockups/tf-mockup-commands.h"
#include "mockups/tf-mockup-follow.h"
#include "mockups/tf-mockup-items.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-place.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* What goes on top of a mockup's photo besides its own annotations
 * (pictograms, post-its, labels, arrows), what sits on a photo following
 * it (move, resize, crop; one undo step), and blur regions covering the
 * images placed on the photo, in the pixels of the PNG and of the PDF. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define PHOTO_W 600
#define PHOTO_H 400

typedef TfTestMockup Fixture;

/* Noise in blocks of @block pixels: any window of it varies a lot, one of
 * a pixelated region does not. */
static GBytes *
noise_png (int width,
           int height,
           int block,
           int seed)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  GRand *rand = g_rand_new_with_seed (seed);
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  GBytes *bytes;

  for (int y = 0; y < height; y += block)
    for (int x = 0; x < width; x += block)
      {
        guint32 v = g_rand_int_range (rand, 0, 256);

        for (int j = y; j < MIN (height, y + block); j++)
          for (int i = x; i < MIN (width, x + block); i++)
            ((guint32 *) (data + j * stride))[i] = 0xFF000000u | v << 16 | v << 8 | v;
      }
  cairo_surface_mark_dirty (surface);
  bytes = tf_test_png_bytes (surface);
  cairo_surface_destroy (surface);
  g_rand_free (rand);
  return bytes;
}

static gint64
run (Fixture   *f,
     TfCommand *command)
{
  return tf_test_execute (f->history, command);
}

static TfDecoded *
decode (GBytes *png)
{
  TfDecodeOptions options = { .wants = TF_DECODE_WANT_STORED };
  g_autoptr(GError) error = NULL;
  TfDecoded *decoded = tf_decode_bytes (png, &options, NULL, &error);

  g_assert_no_error (error);
  return decoded;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) png = noise_png (PHOTO_W, PHOTO_H, 1, 7);

  (void) data;
  tf_test_mockup_set_up (f, "mockup-items.sqlite", "Résidence à la médiathèque", "Hall", png, "hall.png");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  tf_test_mockup_tear_down (f);
}

static gboolean
exists (Fixture *f,
        gint64   id)
{
  TfItemRow row = { 0 };
  gboolean found = tf_item_rows_read (f->store, id, &row);

  tf_item_row_clear (&row);
  return found;
}

static void
assert_rect (const TfRect *a,
             double        x,
             double        y,
             double        w,
             double        h)
{
  g_assert_cmpfloat_with_epsilon (a->x, x, 0.01);
  g_assert_cmpfloat_with_epsilon (a->y, y, 0.01);
  g_assert_cmpfloat_with_epsilon (a->width, w, 0.01);
  g_assert_cmpfloat_with_epsilon (a->height, h, 0.01);
}

static gint64
add_stamp (Fixture *f,
           double   x,
           double   y)
{
  TfNewItem item = {
    .kind = TF_MK_STAMP_KIND,
    .bounds = TF_RECT_INIT (x - 65, y - 65, 130, 190),
    .text = "Élu",
    .payload = "{\"stamp\":\"elu\",\"role\":\"\",\"notes\":\"\"}",
  };
  g_autoptr(TfCommand) command = tf_command_add_items (f->board, &item, 1, "Stamp");
  const gint64 *ids;
  guint n = 0;

  tf_test_execute (f->history, g_object_ref (command));
  ids = tf_item_command_get_ids (command, &n);
  g_assert_cmpuint (n, ==, 1);
  return ids[0];
}

/* Each kind of thing on top of a photo: registered, taken by the board
 * type, added and undone in one step each, and its data read back. */
static void
test_items (Fixture       *f,
            gconstpointer  data)
{
  const TfBoardType *type = tf_board_type_lookup (TF_MOCKUP_TYPE_ID);
  const char *wanted[] = { TF_MK_STAMP_KIND, TF_MK_LABEL_KIND, TF_MK_NOTE_KIND, TF_MK_ARROW_KIND };
  TfRect p = tf_test_mockup_bounds (f, f->photo);
  double cx = p.x + p.width / 2, cy = p.y + p.height / 2;
  gint64 note, label, arrow, stamp;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfScene) scene = NULL;
  TfItem *item;
  double x1, y1, x2, y2;

  (void) data;
  g_assert_nonnull (type);
  g_assert_true (type->settle == tf_mockup_settle);
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      gboolean found = FALSE;

      g_assert_nonnull (tf_item_kind_lookup (wanted[i]));
      for (guint k = 0; type->item_kinds[k] != NULL; k++)
        found |= g_str_equal (type->item_kinds[k], wanted[i]);
      g_assert_true (found);
    }

  note = run (f, tf_mk_command_add_note (f->board, cx, cy, "Borne de prêt"));
  label = run (f, tf_mk_command_add_label (f->board, p.x + 20, p.y + 40, "Entrée"));
  arrow = run (f, tf_mk_command_add_arrow (f->board, p.x + 50, p.y + 60, cx, cy));
  stamp = add_stamp (f, cx + 100, cy);
  g_assert_cmpint (note, >, 0);
  g_assert_cmpint (label, >, 0);
  g_assert_cmpint (arrow, >, 0);
  assert_rect ((TfRect[]) { tf_test_mockup_bounds (f, note) }, cx - TF_MK_NOTE_SIDE / 2, cy - TF_MK_NOTE_SIDE / 2,
               TF_MK_NOTE_SIDE, TF_MK_NOTE_SIDE);

  scene = tf_scene_new_for_board (f->store, f->board, &error);
  g_assert_no_error (error);
  item = tf_scene_lookup (scene, arrow);
  g_assert_nonnull (item);
  g_assert_true (tf_mk_arrow_item_ends (item, &x1, &y1, &x2, &y2));
  g_assert_cmpfloat_with_epsilon (x1, p.x + 50, 0.01);
  g_assert_cmpfloat_with_epsilon (y1, p.y + 60, 0.01);
  g_assert_cmpfloat_with_epsilon (x2, cx, 0.01);
  g_assert_cmpfloat_with_epsilon (y2, cy, 0.01);
  /* Picking: on its shaft, not beside it. */
  g_assert_cmpfloat (tf_item_distance (item, scene, (x1 + x2) / 2, (y1 + y2) / 2), ==, 0);
  g_assert_cmpfloat (tf_item_distance (item, scene, x2 + 100, y1), >, 20);
  g_assert_cmpstr (tf_scene_lookup (scene, note)->text, ==, "Borne de prêt");
  g_assert_true (tf_item_text_region (tf_scene_lookup (scene, note), (TfRect[]) { { 0 } }));
  g_assert_cmpstr (tf_scene_lookup (scene, label)->text, ==, "Entrée");
  g_assert_nonnull (tf_scene_lookup (scene, stamp));

  /* Each add was one step; so is moving an arrow's end. */
  run (f, tf_mk_command_set_arrow (arrow, p.x + 10, p.y + 10, cx + 40, cy + 30));
  g_assert_true (tf_mk_arrow_item_ends (tf_scene_lookup (scene, arrow), &x1, &y1, &x2, &y2));
  g_assert_cmpfloat_with_epsilon (x2, cx + 40, 0.01);
  tf_test_undo (f->history);
  g_assert_true (tf_mk_arrow_item_ends (tf_scene_lookup (scene, arrow), &x1, &y1, &x2, &y2));
  g_assert_cmpfloat_with_epsilon (x2, cx, 0.01);
  tf_test_undo (f->history);
  g_assert_false (exists (f, stamp));
  g_assert_true (exists (f, arrow));
  tf_test_undo (f->history);
  g_assert_false (exists (f, arrow));
  tf_test_undo (f->history);
  g_assert_false (exists (f, label));
  g_assert_true (exists (f, note));
  tf_test_undo (f->history);
  g_assert_false (exists (f, note));
  tf_test_redo (f->history);
  g_assert_true (exists (f, note));
}

/* Runs one of the wing's own commands settled, as the window does. */
static gint64
run_settled (Fixture   *f,
             TfCommand *inner)
{
  g_autoptr(TfCommand) owned = inner;

  return run (f, tf_mk_command_settled (inner, f->board));
}

typedef struct {
  gint64 id;
  TfRect was;
} Seen;

/* Everything that goes on a photo (callout, bubble, blur region, placed
 * image, note, label, arrow, pictogram), in @on with where it is. */
static void
populate (Fixture *f,
          GArray  *on)
{
  TfRect p = tf_test_mockup_bounds (f, f->photo);
  double cx = p.x + p.width / 2, cy = p.y + p.height / 2;
  TfRect region = TF_RECT_INIT (p.x + p.width * 0.3, p.y + p.height * 0.3, p.width * 0.2, p.height * 0.2);
  g_autoptr(GBytes) png = noise_png (200, 100, 4, 3);
  g_autoptr(TfDecoded) decoded = decode (png);
  TfMkSource source = { .stored = decoded->stored, .mime_type = decoded->mime_type, .name = "affiche.png",
                        .width = decoded->width, .height = decoded->height };
  gint64 ids[8];

  ids[0] = run_settled (f, tf_mk_command_add_callout (f->photo, p.x + 100, p.y + 100, "Accueil"));
  ids[1] = run_settled (f, tf_mk_command_add_bubble (f->photo, cx + 200, cy - 100, "On attend ici"));
  ids[2] = run_settled (f, tf_mk_command_add_blur (f->photo, &region, TF_MK_BLUR_RECT, TF_MK_BLUR_PIXELATE));
  ids[3] = run_settled (f, tf_mk_command_add_place (f->photo, &source));
  ids[4] = run (f, tf_mk_command_add_note (f->board, cx - 150, cy + 100, "Borne"));
  ids[5] = run (f, tf_mk_command_add_label (f->board, p.x + 40, p.y + p.height - 120, "Sortie"));
  ids[6] = run (f, tf_mk_command_add_arrow (f->board, p.x + 60, p.y + 60, cx, cy));
  ids[7] = add_stamp (f, cx + 120, cy + 60);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      Seen seen = { ids[i], tf_test_mockup_bounds (f, ids[i]) };

      g_assert_cmpint (ids[i], >, 0);
      g_array_append_val (on, seen);
    }
}

/* Moving a photo carries what is on it, in one undoable step; what lies
 * beside it stays; moved together with the photo, a note moves once. */
static void
test_follow_move (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GArray) on = g_array_new (FALSE, FALSE, sizeof (Seen));
  TfRect p = tf_test_mockup_bounds (f, f->photo);
  gint64 off = run (f, tf_mk_command_add_note (f->board, p.x + p.width + 400, p.y, "À côté"));
  TfRect off_was = tf_test_mockup_bounds (f, off);
  gint64 pair[2];

  (void) data;
  populate (f, on);
  /* The photo alone, by 150 × −80. */
  run (f, tf_command_move_items (&f->photo, 1, 150, -80));
  for (guint i = 0; i < on->len; i++)
    {
      Seen *s = &g_array_index (on, Seen, i);
      TfRect now = tf_test_mockup_bounds (f, s->id);

      assert_rect (&now, s->was.x + 150, s->was.y - 80, s->was.width, s->was.height);
    }
  assert_rect ((TfRect[]) { tf_test_mockup_bounds (f, off) }, off_was.x, off_was.y, off_was.width, off_was.height);

  /* One undo puts everything back. */
  tf_test_undo (f->history);
  assert_rect ((TfRect[]) { tf_test_mockup_bounds (f, f->photo) }, p.x, p.y, p.width, p.height);
  for (guint i = 0; i < on->len; i++)
    {
      Seen *s = &g_array_index (on, Seen, i);
      TfRect now = tf_test_mockup_bounds (f, s->id);

      assert_rect (&now, s->was.x, s->was.y, s->was.width, s->was.height);
    }

  /* The photo and its note selected together: each moves once. */
  pair[0] = f->photo;
  pair[1] = g_array_index (on, Seen, 4).id;
  run (f, tf_command_move_items (pair, 2, -60, 40));
  for (guint i = 0; i < on->len; i++)
    {
      Seen *s = &g_array_index (on, Seen, i);
      TfRect now = tf_test_mockup_bounds (f, s->id);

      assert_rect (&now, s->was.x - 60, s->was.y + 40, s->was.width, s->was.height);
    }

  /* A note moved off the photo no longer follows it. */
  run (f, tf_command_move_items (&pair[1], 1, 3000, 0));
  {
    TfRect note = tf_test_mockup_bounds (f, pair[1]);

    run (f, tf_command_move_items (&f->photo, 1, 10, 10));
    assert_rect ((TfRect[]) { tf_test_mockup_bounds (f, pair[1]) }, note.x, note.y, note.width, note.height);
  }
}

/* Where a board point of the photo lands when its bounds go from @a to
 * @b and its crop from @ca to @cb. */
static void
map (const TfRect *a,
     const TfRect *ca,
     const TfRect *b,
     const TfRect *cb,
     double        x,
     double        y,
     double       *ox,
     double       *oy)
{
  double u = ca->x + (x - a->x) / a->width * ca->width;
  double v = ca->y + (y - a->y) / a->height * ca->height;

  *ox = b->x + (u - cb->x) / cb->width * b->width;
  *oy = b->y + (v - cb->y) / cb->height * b->height;
}

/* Resizing a photo: the blur region and the placement scale with it, a
 * note keeps its size, its centre on the same spot of the photo. Cropping:
 * everything stays on the same pixels of the photo. */
static void
test_follow_resize_crop (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GArray) on = g_array_new (FALSE, FALSE, sizeof (Seen));
  TfRect p = tf_test_mockup_bounds (f, f->photo);
  TfRect big = TF_RECT_INIT (p.x - 100, p.y - 50, p.width * 2, p.height * 2);
  TfRect full = TF_RECT_INIT (0, 0, 1, 1);
  double x, y;

  (void) data;
  populate (f, on);
  run (f, tf_command_set_bounds (&f->photo, &big, 1, "Resize"));
  for (guint i = 0; i < on->len; i++)
    {
      Seen *s = &g_array_index (on, Seen, i);
      TfRect now = tf_test_mockup_bounds (f, s->id);

      if (i == 2 || i == 3 || i == 6)
        {
          /* Blur region, placement, arrow: scaled. */
          map (&p, &full, &big, &full, s->was.x, s->was.y, &x, &y);
          assert_rect (&now, x, y, s->was.width * 2, s->was.height * 2);
        }
      else
        {
          map (&p, &full, &big, &full, s->was.x + s->was.width / 2, s->was.y + s->was.height / 2, &x, &y);
          assert_rect (&now, x - s->was.width / 2, y - s->was.height / 2, s->was.width, s->was.height);
        }
    }
  tf_test_undo (f->history);
  for (guint i = 0; i < on->len; i++)
    {
      Seen *s = &g_array_index (on, Seen, i);
      TfRect now = tf_test_mockup_bounds (f, s->id);

      assert_rect (&now, s->was.x, s->was.y, s->was.width, s->was.height);
    }

  /* Cropped to its right half: the blur region (on the left half) keeps
   * its place on the photo's pixels. */
  {
    TfRect keep = TF_RECT_INIT (p.x + p.width * 0.25, p.y + p.height * 0.25, p.width * 0.5, p.height * 0.5);
    TfRect crop = TF_RECT_INIT (0.25, 0.25, 0.5, 0.5);
    TfRect after, blur_now;
    Seen *blur = &g_array_index (on, Seen, 2);

    run_settled (f, tf_mk_command_crop (f->photo, &keep));
    after = tf_test_mockup_bounds (f, f->photo);
    blur_now = tf_test_mockup_bounds (f, blur->id);
    map (&p, &full, &after, &crop, blur->was.x, blur->was.y, &x, &y);
    g_assert_cmpfloat_with_epsilon (blur_now.x, x, 0.01);
    g_assert_cmpfloat_with_epsilon (blur_now.y, y, 0.01);
    g_assert_cmpfloat_with_epsilon (blur_now.width, blur->was.width * after.width / keep.width, 0.01);
    tf_test_undo (f->history);
    blur_now = tf_test_mockup_bounds (f, blur->id);
    assert_rect (&blur_now, blur->was.x, blur->was.y, blur->was.width, blur->was.height);
  }
}

/* --- Blur over a placed image, in the pixels --- */

static double
window_spread (cairo_surface_t *image,
               int              cx,
               int              cy,
               int              side)
{
  double sum = 0, sum2 = 0;
  int n = 0;

  for (int y = cy - side / 2; y < cy + side / 2; y++)
    for (int x = cx - side / 2; x < cx + side / 2; x++)
      {
        guint32 p = tf_test_pixel (image, x, y);
        double v = ((p >> 16) & 0xFF) * 0.3 + ((p >> 8) & 0xFF) * 0.59 + (p & 0xFF) * 0.11;

        sum += v;
        sum2 += v * v;
        n++;
      }
  return sqrt (MAX (0, sum2 / n - (sum / n) * (sum / n)));
}

/* Of windows at the fractions of @area, how many are flat, how many noisy. */
static void
count_flat (cairo_surface_t *image,
            const TfRect    *area,
            int              side,
            guint           *flat,
            guint           *noisy)
{
  static const double fx[] = { 0.2, 0.4, 0.6, 0.8 };

  *flat = *noisy = 0;
  for (guint i = 0; i < G_N_ELEMENTS (fx); i++)
    for (guint j = 0; j < G_N_ELEMENTS (fx); j++)
      {
        double spread = window_spread (image, (int) (area->x + area->width * fx[i]),
                                       (int) (area->y + area->height * fx[j]), side);

        if (spread < 4)
          (*flat)++;
        else if (spread > 30)
          (*noisy)++;
      }
}

/* A photo of people with a noisy image placed on it (half its size,
 * centred), a blur region over the middle of both: the region (all on the
 * placed image); the placement's bounds in @place. */
static TfRect
blurred_placement (Fixture *f,
                   TfRect  *place)
{
  g_autoptr(GBytes) png = noise_png (400, 300, 2, 11);
  g_autoptr(TfDecoded) decoded = decode (png);
  TfMkSource source = { .stored = decoded->stored, .mime_type = decoded->mime_type, .name = "affiche.png",
                        .width = decoded->width, .height = decoded->height };
  TfRect region;
  gint64 id;

  run (f, tf_mk_command_set_people_visible (f->photo, TRUE));
  id = run_settled (f, tf_mk_command_add_place (f->photo, &source));
  *place = tf_test_mockup_bounds (f, id);
  region = TF_RECT_INIT (place->x + place->width * 0.2, place->y + place->height * 0.2,
                         place->width * 0.6, place->height * 0.6);
  run_settled (f, tf_mk_command_add_blur (f->photo, &region, TF_MK_BLUR_RECT, TF_MK_BLUR_PIXELATE));
  return region;
}

static char *
export (Fixture      *f,
        TfExportKind  kind,
        const char   *name,
        double        dpi,
        TfRect       *extents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExportSource) source = tf_export_source_new_from_store (f->store, f->experiment, &error);
  g_auto(TfExportOptions) options;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_no_error (error);
  tf_export_options_init (&options);
  options.board = (guint) tf_export_source_find_board (source, "Hall");
  options.dpi = dpi;
  g_unlink (path);
  g_assert_true (tf_export_run (kind, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (extents != NULL)
    *extents = tf_scene_get_extents (tf_export_source_get_scene (source, options.board));
  return path;
}

static void
test_blur_place_png (Fixture       *f,
                     gconstpointer  data)
{
  TfRect place, region = blurred_placement (f, &place);
  TfRect extents, in_image, place_in_image;
  g_autofree char *path = NULL;
  cairo_surface_t *image;
  guint flat, noisy;
  double s;

  (void) data;
  path = export (f, TF_EXPORT_PNG, "place.png", 100, &extents);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* The board's extents padded by 24 units, at one scale. */
  s = cairo_image_surface_get_width (image) / (extents.width + 2 * 24.0);
  in_image = TF_RECT_INIT ((region.x - extents.x + 24) * s, (region.y - extents.y + 24) * s,
                           region.width * s, region.height * s);
  /* The placed image's top-left band, outside the region: its noise. */
  place_in_image = TF_RECT_INIT ((place.x - extents.x + 24) * s, (place.y - extents.y + 24) * s,
                                 place.width * s * 0.18, place.height * s * 0.18);
  count_flat (image, &place_in_image, 6, &flat, &noisy);
  g_assert_cmpuint (noisy, >=, 12);
  /* Under the region, on the placed image: flat blocks only. */
  count_flat (image, &in_image, 4, &flat, &noisy);
  g_test_message ("under the region: %u flat, %u noisy", flat, noisy);
  /* (The windows that fall across two blocks are neither.) */
  g_assert_cmpuint (flat, >=, 3);
  g_assert_cmpuint (noisy, ==, 0);
  cairo_surface_destroy (image);
}

static void
test_blur_place_pdf (Fixture       *f,
                     gconstpointer  data)
{
  TfRect place, region = blurred_placement (f, &place);
  TfRect photo = tf_test_mockup_bounds (f, f->photo);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  GList *mapping;
  PopplerRectangle photo_area = { 0 };
  double best = 0, sx, sy;
  guint checked = 0;

  (void) data;
  path = export (f, TF_EXPORT_BOARD, "place.pdf", 0, NULL);
  uri = g_filename_to_uri (path, NULL, &error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (doc, 0);

  /* The largest image is the photo: it tells where the board is on the
   * page. */
  mapping = poppler_page_get_image_mapping (page);
  for (GList *l = mapping; l != NULL; l = l->next)
    {
      PopplerImageMapping *m = l->data;
      double area = (m->area.x2 - m->area.x1) * (m->area.y2 - m->area.y1);

      if (area > best)
        {
          best = area;
          photo_area = m->area;
        }
    }
  g_assert_cmpfloat (best, >, 0);
  sx = (photo_area.x2 - photo_area.x1) / photo.width;
  sy = (photo_area.y2 - photo_area.y1) / photo.height;

  /* Every image in the file, under the region: flat blocks only; the
   * placed image (or what was made of it) is one of them. */
  for (GList *l = mapping; l != NULL; l = l->next)
    {
      PopplerImageMapping *m = l->data;
      cairo_surface_t *image = poppler_page_get_image (page, m->image_id);
      int w = cairo_image_surface_get_width (image), h = cairo_image_surface_get_height (image);
      double ix = w / (m->area.x2 - m->area.x1), iy = h / (m->area.y2 - m->area.y1);
      /* The region, in page points, then in the image's pixels. */
      double rx0 = photo_area.x1 + (region.x - photo.x) * sx, ry0 = photo_area.y1 + (region.y - photo.y) * sy;
      double rx1 = rx0 + region.width * sx, ry1 = ry0 + region.height * sy;
      TfRect under = TF_RECT_INIT ((MAX (rx0, m->area.x1) - m->area.x1) * ix, (MAX (ry0, m->area.y1) - m->area.y1) * iy,
                                   (MIN (rx1, m->area.x2) - MAX (rx0, m->area.x1)) * ix,
                                   (MIN (ry1, m->area.y2) - MAX (ry0, m->area.y1)) * iy);
      guint flat, noisy;

      if (under.width > 40 && under.height > 40)
        {
          count_flat (image, &under, 4, &flat, &noisy);
          g_test_message ("image %d × %d: %u flat, %u noisy under the region", w, h, flat, noisy);
          g_assert_cmpuint (noisy, ==, 0);
          g_assert_cmpuint (flat, >=, 3);
          checked++;
        }
      cairo_surface_destroy (image);
    }
  poppler_page_free_image_mapping (mapping);
  g_assert_cmpuint (checked, >=, 2);

  /* And the page as Poppler draws it. */
  {
    double pw, ph, scale = 2.0;
    cairo_surface_t *render;
    cairo_t *cr;
    TfRect under;
    guint flat, noisy;

    poppler_page_get_size (page, &pw, &ph);
    render = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (pw * scale), (int) (ph * scale));
    cr = cairo_create (render);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    cairo_scale (cr, scale, scale);
    poppler_page_render_for_printing (page, cr);
    cairo_destroy (cr);
    under = TF_RECT_INIT ((photo_area.x1 + (region.x - photo.x) * sx) * scale,
                          (photo_area.y1 + (region.y - photo.y) * sy) * scale,
                          region.width * sx * scale, region.height * sy * scale);
    count_flat (render, &under, 3, &flat, &noisy);
    g_test_message ("the page drawn, under the region: %u flat, %u noisy", flat, noisy);
    g_assert_cmpuint (noisy, ==, 0);
    g_assert_cmpuint (flat, >=, 3);
    cairo_surface_destroy (render);
  }
}

/* What a generic command's label says, in the language of the process:
 * the kind's own name ("a photo"), its count and plural ("3 post-it
 * notes"), "items" when the kinds differ. */
typedef struct {
  const char *move_photo;
  const char *move_notes;
  const char *move_mixed;
  const char *delete_notes;
  const char *duplicate_photo;
  const char *resize_photo;
  const char *change_notes;
  const char *add_stamp;
  const char *before_run;
} Labels;

static const Labels english = {
  "Move a photo", "Move 3 post-it notes", "Move 4 items", "Delete 2 post-it notes",
  "Duplicate a photo", "Resize a photo", "Change 3 post-it notes", "Add a pictogram", "Move 3 items",
};

static const Labels french = {
  "Déplacer une photo", "Déplacer 3 post-it", "Déplacer 4 éléments", "Supprimer 2 post-it",
  "Dupliquer une photo", "Redimensionner une photo", "Modifier 3 post-it", "Ajouter un pictogramme",
  "Déplacer 3 éléments",
};

static void
assert_undo_label (Fixture    *f,
                   TfCommand  *command,
                   const char *label)
{
  tf_test_execute (f->history, g_object_ref (command));
  g_assert_cmpstr (tf_command_get_label (command), ==, label);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, label);
}

static void
check_labels (Fixture      *f,
              const Labels *expect)
{
  TfRect p = tf_test_mockup_bounds (f, f->photo);
  gint64 notes[3];
  gint64 mixed[4];
  TfRect bigger = TF_RECT_INIT (p.x, p.y, p.width + 40, p.height + 40);
  TfNewItem stamp = {
    .kind = TF_MK_STAMP_KIND,
    .bounds = TF_RECT_INIT (p.x + 20, p.y + 20, 130, 190),
    .text = "Élu",
    .payload = "{\"stamp\":\"elu\",\"role\":\"\",\"notes\":\"\"}",
  };
  g_autoptr(TfCommand) command = NULL;
  gint64 stamp_id;

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    notes[i] = run (f, tf_mk_command_add_note (f->board, p.x + p.width + 200 + 300 * i, p.y, "Idée"));

  /* A photo alone, by a generic command: the board's settle wraps nothing
   * here, the label comes from the command. */
  command = tf_command_move_items (&f->photo, 1, 30, 0);
  g_assert_cmpstr (tf_command_get_label (command), !=, expect->move_photo);
  assert_undo_label (f, command, expect->move_photo);
  g_clear_object (&command);

  /* Before it runs, a command made with ids knows only their number. */
  command = tf_command_move_items (notes, 3, 0, 50);
  g_assert_cmpstr (tf_command_get_label (command), ==, expect->before_run);
  assert_undo_label (f, command, expect->move_notes);
  g_clear_object (&command);

  command = tf_command_add_items (f->board, &stamp, 1, NULL);
  g_assert_cmpstr (tf_command_get_label (command), ==, expect->add_stamp);
  stamp_id = tf_test_execute (f->history, g_object_ref (command));
  g_clear_object (&command);

  /* Kinds mixed: items. */
  mixed[0] = f->photo;
  mixed[1] = notes[0];
  mixed[2] = notes[1];
  mixed[3] = stamp_id;
  command = tf_command_move_items (mixed, 4, -30, 0);
  assert_undo_label (f, command, expect->move_mixed);
  g_clear_object (&command);

  command = tf_command_set_style_key (notes, 3, "color", "\"pink\"", NULL);
  assert_undo_label (f, command, expect->change_notes);
  g_clear_object (&command);

  command = tf_command_set_bounds (&f->photo, &bigger, 1, NULL);
  assert_undo_label (f, command, expect->resize_photo);
  g_clear_object (&command);

  command = tf_command_duplicate_items (&f->photo, 1, 2000, 0);
  assert_undo_label (f, command, expect->duplicate_photo);
  g_clear_object (&command);

  /* A label given by the caller stays. */
  command = tf_command_set_bounds (&f->photo, &p, 1, "Align");
  assert_undo_label (f, command, "Align");
  g_clear_object (&command);

  /* Deleting names what is gone. */
  command = tf_command_delete_items (&notes[1], 2);
  assert_undo_label (f, command, expect->delete_notes);
  g_clear_object (&command);
  g_assert_false (exists (f, notes[2]));
  tf_test_undo (f->history);
  g_assert_true (exists (f, notes[2]));
  g_assert_cmpstr (tf_history_get_redo_label (f->history), ==, expect->delete_notes);
}

static void
test_command_labels (Fixture       *f,
                     gconstpointer  data)
{
  (void) data;
  check_labels (f, &english);
}

/* The same in French, through the build's translations, in a process of
 * its own: GLib decides once per process whether to translate. */
static void
test_command_labels_french (void)
{
  const char *localedir = g_getenv ("TRANSFO_LOCALEDIR");
  g_autofree char *mo = NULL;

  if (localedir == NULL || *localedir == '\0')
    {
      g_test_skip ("TRANSFO_LOCALEDIR is not set");
      return;
    }
  mo = g_build_filename (localedir, "fr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (mo, G_FILE_TEST_EXISTS));

  if (g_test_subprocess ())
    {
      Fixture f = { 0 };

      g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "fr");
      fixture_set_up (&f, NULL);
      check_labels (&f, &french);
      fixture_tear_down (&f, NULL);
      return;
    }
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("LANGUAGE");
  g_test_trap_assert_passed ();
}

/* Items added from the keyboard go to a free spot of the photo: its
 * centre when free, else the nearest spot overlapping nothing there, each
 * new one beside the ones before; the centre when the photo is full. */
static void
test_free_spot (void)
{
  TfRect photo = TF_RECT_INIT (0, 0, 1600, 1200);
  TfRect taken[8] = { { 0 } };
  guint n = 0;
  double x, y;

  g_assert_true (tf_mockup_free_spot (&photo, taken, 0, 360, 80, &x, &y));
  g_assert_cmpfloat (x, ==, 800);
  g_assert_cmpfloat (y, ==, 600);
  /* A bubble in the middle: a label, a note and a blur region each find
   * a spot of their own, inside the photo, meeting none of the others. */
  taken[n++] = TF_RECT_INIT (800 - 120, 600 - 55, 240, 110);
  for (int k = 0; k < 4; k++)
    {
      double w = k == 1 ? 160 : k == 3 ? 320 : 360;
      double h = k == 1 ? 160 : k == 3 ? 240 : 80;
      TfRect r;

      g_assert_true (tf_mockup_free_spot (&photo, taken, n, w, h, &x, &y));
      r = TF_RECT_INIT (x - w / 2, y - h / 2, w, h);
      g_assert_true (tf_rect_contains_rect (&photo, &r));
      for (guint i = 0; i < n; i++)
        g_assert_false (tf_rect_intersects (&r, &taken[i]));
      /* Near the middle, not in a corner. */
      g_assert_cmpfloat (fabs (x - 800), <, 600);
      g_assert_cmpfloat (fabs (y - 600), <, 450);
      taken[n++] = r;
    }
  /* A full photo: the centre, said not free. */
  taken[0] = photo;
  g_assert_false (tf_mockup_free_spot (&photo, taken, 1, 360, 80, &x, &y));
  g_assert_cmpfloat (x, ==, 800);
  g_assert_cmpfloat (y, ==, 600);
}

/* A label's box, fitted when its text is set, holds its text as the label
 * kind draws it (canvas/tf-label-kind.c): at its size, a title of a few
 * words on one line (a label wraps at 32 times its size, 1152 here, or at
 * its photo's edge), a closing » never alone on a line, nothing cut. */
static void
test_label_fits (Fixture       *f,
                 gconstpointer  data)
{
  const char *texts[] = { "Bureau de l\u2019\u00e9lue \u2014 \u00ab\u00a0accueil\u00a0\u00bb",
                          "Bureau de l'\u00e9lue \u2014 \u00ab accueil \u00bb",
                          "Entr\u00e9e", "WWWWW MMMM", "il ll" };
  TfRect p = tf_test_mockup_bounds (f, f->photo);

  (void) data;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gint64 label = run (f, tf_mk_command_add_label (f->board, p.x + 20, p.y + 40, texts[i]));
      TfRect box = tf_test_mockup_bounds (f, label);
      PangoContext *context = tf_text_context_new ();
      PangoLayout *layout, *widest;
      double size = 0;

      layout = tf_text_fit (context, texts[i], box.width, box.height, 36.0, 12.0, TRUE, &size);
      widest = tf_text_fit (context, texts[i], 1152, 10000, 36.0, 36.0, TRUE, NULL);
      g_test_message ("%s: box %.1f × %.1f, size %.1f, %d line(s)", texts[i], box.width, box.height, size,
                      pango_layout_get_line_count (layout));
      g_assert_cmpfloat (size, ==, 36.0);
      g_assert_cmpint (pango_layout_get_line_count (layout), ==, pango_layout_get_line_count (widest));
      g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
      g_assert_false (pango_layout_is_ellipsized (layout));
      g_assert_cmpfloat (box.width, <=, 1152 + 6);
      g_object_unref (widest);
      g_object_unref (layout);
      g_object_unref (context);
    }
}

/* Dark pixels (ink) in a rectangle of @surface. */
static guint
count_ink (cairo_surface_t *surface,
           int              x0,
           int              y0,
           int              width,
           int              height)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint ink = 0;

  cairo_surface_flush (surface);
  for (int y = MAX (0, y0); y < MIN (cairo_image_surface_get_height (surface), y0 + height); y++)
    for (int x = MAX (0, x0); x < MIN (cairo_image_surface_get_width (surface), x0 + width); x++)
      {
        guint32 px = ((guint32 *) (data + y * stride))[x];

        if (((px >> 16) & 0xFF) < 110 && ((px >> 8) & 0xFF) < 110 && (px & 0xFF) < 110)
          ink++;
      }
  return ink;
}

/* A post-it's words are drawn at the zooms a bubble's are (27 % and
 * below), not only its paper: the mockup's post-it has no far-away card
 * of its own colour. Its words show as long as the post-it is 12 pixels
 * high (words of 3). */
static void
test_note_text_far (void)
{
  const double zooms[] = { 0.27, 0.2, 0.12 };
  g_autoptr(TfRenderer) renderer = tf_renderer_new ();
  g_autoptr(TfScene) scene = tf_scene_new ();
  TfItem *note = tf_item_new_with_texts (1, TF_MK_NOTE_KIND, "Accueil", NULL, NULL);
  TfItem *bubble = tf_item_new_with_texts (2, TF_MK_BUBBLE_KIND, "Accueil", NULL, "{\"photo\":0,\"tail\":[80,80]}");

  note->bounds = TF_RECT_INIT (0, 0, TF_MK_NOTE_SIDE, TF_MK_NOTE_SIDE);
  tf_item_changed (note);
  bubble->bounds = TF_RECT_INIT (400, 0, TF_MK_NOTE_SIDE, TF_MK_NOTE_SIDE);
  tf_item_changed (bubble);
  tf_scene_add (scene, note);
  tf_scene_add (scene, bubble);
  for (guint i = 0; i < G_N_ELEMENTS (zooms); i++)
    {
      double z = zooms[i];
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 100);
      cairo_t *cr = cairo_create (surface);
      TfViewport vp = { -10, -10, z, 200, 100 };
      int side = (int) (TF_MK_NOTE_SIDE * z);
      guint note_ink, bubble_ink;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_DEFAULT);
      cairo_destroy (cr);
      /* Inside each item, clear of its outline and shadow. */
      note_ink = count_ink (surface, (int) (10 * z) + 3, (int) (10 * z) + 3, side - 6, side - 6);
      bubble_ink = count_ink (surface, (int) (410 * z) + 3, (int) (10 * z) + 3, side - 6, side - 6);
      g_test_message ("at %.0f %%: %u ink pixels in the post-it, %u in the bubble", z * 100, note_ink, bubble_ink);
      /* At 12 % a bubble's words are a pixel high: too faint to count. */
      if (z >= 0.2)
        g_assert_cmpuint (bubble_ink, >, 0);
      g_assert_cmpuint (note_ink, >, 0);
      cairo_surface_destroy (surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("TRANSFO_LOCALEDIR");

  setlocale (LC_ALL, "");
  if (localedir != NULL && *localedir != '\0')
    {
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();
  g_test_add ("/mockup-items/command-labels", Fixture, NULL, fixture_set_up, test_command_labels,
              fixture_tear_down);
  g_test_add_func ("/mockup-items/command-labels-french", test_command_labels_french);
  g_test_add_func ("/mockup-items/free-spot", test_free_spot);
  g_test_add_func ("/mockup-items/note-text-far", test_note_text_far);
  g_test_add ("/mockup-items/label-fits", Fixture, NULL, fixture_set_up, test_label_fits, fixture_tear_down);
  g_test_add ("/mockup-items/items", Fixture, NULL, fixture_set_up, test_items, fixture_tear_down);
  g_test_add ("/mockup-items/follow-move", Fixture, NULL, fixture_set_up, test_follow_move, fixture_tear_down);
  g_test_add ("/mockup-items/follow-resize-crop", Fixture, NULL, fixture_set_up, test_follow_resize_crop,
              fixture_tear_down);
  g_test_add ("/mockup-items/blur-place-png", Fixture, NULL, fixture_set_up, test_blur_place_png,
              fixture_tear_down);
  g_test_add ("/mockup-items/blur-place-pdf", Fixture, NULL, fixture_set_up, test_blur_place_pdf,
              fixture_tear_down);
  return g_test_run ();
}
