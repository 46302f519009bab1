/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <poppler.h>
#include <turbojpeg.h>
#include <sqlite3.h>
#include <string.h>

#include "blueprints/tf-blueprint-checks.h"
#include "blueprints/tf-blueprint.h"
#include "blueprints/tf-blueprint-kinds.h"
#include "canvas/tf-item-commands.h"
#include "canvas/tf-renderer.h"
#include "core/tf-archive.h"
#include "core/tf-board-rows.h"
#include "core/tf-demo.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-item-rows.h"
#include "core/tf-stamp-rows.h"
#include "exports/tf-export.h"
#include "mockups/tf-mockup.h"
#include "mockups/tf-mockup-commands.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-links.h"
#include "mockups/tf-mockup-pixels.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* Mockups in the deliverables: a photo of people neither blurred nor
 * consented blocks every export (and `transfo export`); blur regions are
 * in the pixels of the PNG and of the PDF (the image embedded for the
 * photo included); the report prints each photo's legend; the demo's
 * mockup exists and exports; a blueprint card citing a mockup's photo has
 * its physical evidence. */

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

static const char *transfo_program;

#define PHOTO_W 600
#define PHOTO_H 400

typedef struct {
  char    *path;
  char    *dir;
  TfStore *store;
  gint64   experiment;
  gint64   board;
  gint64   photo;
} Fixture;

/* A photo of noise: every pixel its own grey, so that any window of it
 * varies a lot, and a window of a pixelated region does not. */
static GBytes *
noise_png_seeded (guint32 seed)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PHOTO_W, PHOTO_H);
  GByteArray *out = g_byte_array_new ();
  GRand *rand = g_rand_new_with_seed (seed);
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  for (int y = 0; y < PHOTO_H; y++)
    for (int x = 0; x < PHOTO_W; x++)
      {
        guint32 v = g_rand_int_range (rand, 0, 256);

        ((guint32 *) (data + y * stride))[x] = 0xFF000000u | v << 16 | v << 8 | v;
      }
  cairo_surface_mark_dirty (surface);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, tf_test_append_bytes, out), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_rand_free (rand);
  return g_byte_array_free_to_bytes (out);
}

static GBytes *
noise_png (void)
{
  return noise_png_seeded (7);
}

static void
free_tj (gpointer data)
{
  tjFree (data);
}

/* The same noise as a JPEG (a camera's photo): exports write it as a
 * JPEG again, blur regions drawn first. */
static GBytes *
noise_jpeg (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PHOTO_W, PHOTO_H);
  GRand *rand = g_rand_new_with_seed (7);
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  unsigned char *jpeg = NULL;
  unsigned long size = 0;
  tjhandle tj = tjInitCompress ();

  for (int y = 0; y < PHOTO_H; y++)
    for (int x = 0; x < PHOTO_W; x++)
      {
        guint32 v = g_rand_int_range (rand, 0, 256);

        ((guint32 *) (data + y * stride))[x] = 0xFF000000u | v << 16 | v << 8 | v;
      }
  g_assert_cmpint (tjCompress2 (tj, data, PHOTO_W, stride, PHOTO_H, TJPF_BGRX, &jpeg, &size, TJSAMP_444, 95, 0),
                   ==, 0);
  tjDestroy (tj);
  cairo_surface_destroy (surface);
  g_rand_free (rand);
  return g_bytes_new_with_free_func (jpeg, size, free_tj, jpeg);
}

static void
run (Fixture   *f,
     TfCommand *command,
     gint64    *result)
{
  g_autoptr(TfCommand) owned = command;
  g_autoptr(GError) error = NULL;

  g_assert_true (tf_command_execute (owned, f->store, &error));
  g_assert_no_error (error);
  if (result != NULL)
    *result = tf_command_get_result_id (owned);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExperiment) draft = tf_experiment_new ("Résidence au lycée");
  /* data: "jpeg" for a JPEG photo, else a PNG. */
  g_autoptr(GBytes) png = g_strcmp0 (data, "jpeg") == 0 ? noise_jpeg () : noise_png ();
  TfDecodeOptions options = { .wants = TF_DECODE_WANT_STORED };
  g_autoptr(TfDecoded) decoded = NULL;
  g_autoptr(TfCommand) command = NULL;
  TfMkSource source = { 0 };

  (void) data;
  f->path = tf_test_archive_path ("mockup-export.sqlite");
  f->store = tf_store_open (f->path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  run (f, tf_command_create_experiment (draft), &f->experiment);

  decoded = tf_decode_bytes (png, &options, NULL, &error);
  g_assert_no_error (error);
  source.stored = decoded->stored;
  source.mime_type = decoded->mime_type;
  source.name = g_strcmp0 (data, "jpeg") == 0 ? "cour.jpg" : "cour.png";
  source.width = decoded->width;
  source.height = decoded->height;
  command = tf_mk_command_add_photo (f->experiment, 0, "Cour du lycée", &source);
  g_assert_true (tf_command_execute (command, f->store, &error));
  g_assert_no_error (error);
  f->photo = tf_command_get_result_id (command);
  f->board = tf_mk_command_get_board_id (command);
  g_assert_cmpint (f->photo, >, 0);
  f->dir = g_path_get_dirname (f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  g_clear_object (&f->store);
  tf_test_remove_archive (f->path);
  g_free (f->path);
  g_free (f->dir);
}

static TfExportSource *
source_of (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  TfExportSource *source = tf_export_source_new_from_store (f->store, f->experiment, &error);

  g_assert_no_error (error);
  return source;
}

static char *
out_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Exports @kind of the mockup board into @name; the error when it fails. */
static GError *
try_export (Fixture      *f,
            TfExportKind  kind,
            const char   *name)
{
  g_autoptr(TfExportSource) source = source_of (f);
  g_autofree char *path = out_path (f, name);
  g_auto(TfExportOptions) options;
  GError *error = NULL;

  tf_export_options_init (&options);
  options.board = (guint) tf_export_source_find_board (source, "Cour du lycée");
  options.dpi = 60;
  g_unlink (path);
  if (tf_export_run (kind, source, &options, path, NULL, NULL, NULL, NULL, &error))
    {
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
      return NULL;
    }
  /* Nothing left behind. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  return error;
}

static gboolean
insert_func (TfStore  *store,
             gpointer  user_data,
             GError  **error)
{
  gpointer *args = user_data;
  Fixture *f = args[0];
  gint64 *id = args[5];

  return tf_item_rows_insert (store, f->board, args[1], ((TfRect *) args[2])->x, ((TfRect *) args[2])->y,
                              ((TfRect *) args[2])->width, ((TfRect *) args[2])->height, 100, 0, args[3], "{}",
                              args[4], id, error);
}

/* Adds an annotation row in a transaction of its own. */
static gint64
add_annotation (Fixture    *f,
                const char *kind,
                TfRect      r,
                const char *text,
                const char *payload)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  gpointer args[] = { f, (gpointer) kind, &r, (gpointer) text, (gpointer) payload, &id };

  g_assert_true (tf_store_edit (f->store, insert_func, args, NULL, &error));
  g_assert_no_error (error);
  return id;
}

static TfRect
photo_bounds (Fixture *f)
{
  TfItemRow row = { 0 };
  TfRect r;

  g_assert_true (tf_item_rows_read (f->store, f->photo, &row));
  r = TF_RECT_INIT (row.x, row.y, row.width, row.height);
  tf_item_row_clear (&row);
  return r;
}

/* A blur region over the middle of the photo; its bounds. */
static TfRect
add_blur (Fixture *f)
{
  TfRect p = photo_bounds (f);
  TfRect r = TF_RECT_INIT (p.x + p.width * 0.3, p.y + p.height * 0.3, p.width * 0.4, p.height * 0.4);
  TfMkBlur blur = { .photo = f->photo, .shape = TF_MK_BLUR_RECT, .mode = TF_MK_BLUR_PIXELATE };
  g_autofree char *json = tf_mk_blur_to_json (&blur, NULL);

  add_annotation (f, TF_MK_BLUR_KIND, r, "", json);
  return r;
}

/* The standard deviation of the grey levels of a @side × @side window. */
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

/* Of the windows of @image centred at the fractions @fx of @area (image
 * pixels), how many are flat (one pixelation block) and how many noisy. */
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

/* --- People visible --- */

static const TfExportKind every_kind[] = {
  TF_EXPORT_BOARD, TF_EXPORT_POSTER, TF_EXPORT_PNG, TF_EXPORT_SVG, TF_EXPORT_REPORT,
};
static const char *every_name[] = { "board.pdf", "poster.pdf", "board.png", "board.svg", "report.pdf" };

static int
cli_export (Fixture    *f,
            const char *format,
            char      **err)
{
  g_autofree char *archive = g_strconcat ("--archive=", f->path, NULL);
  g_autofree char *target = out_path (f, format[0] == 'p' && format[1] == 'n' ? "cli.png" : "cli.pdf");
  g_autofree char *experiment = g_strdup_printf ("%" G_GINT64_FORMAT, f->experiment);
  const char *argv[] = { transfo_program, archive, "export", experiment, "--board", "Cour du lycée",
                         "--format", format, "-o", target, "--force", NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err,
                               &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 255;
}

static void
assert_all_blocked (Fixture *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (every_kind); i++)
    {
      g_autoptr(GError) error = try_export (f, every_kind[i], every_name[i]);

      g_assert_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_BLOCKED);
      /* It names the photo and both ways out. */
      g_assert_nonnull (strstr (error->message, "Cour du lycée"));
      g_assert_nonnull (strstr (error->message, "Photo 1"));
      g_assert_nonnull (strstr (error->message, "blur region"));
      g_assert_nonnull (strstr (error->message, "consent"));
    }
}

static void
assert_all_pass (Fixture *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (every_kind); i++)
    {
      g_autoptr(GError) error = try_export (f, every_kind[i], every_name[i]);

      g_assert_no_error (error);
    }
}

static void
test_people_visible (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autoptr(TfCommand) withdraw = NULL;
  g_autoptr(GError) error = NULL;

  (void) data;
  /* Nobody on it: everything prints. */
  assert_all_pass (f);

  run (f, tf_mk_command_set_people_visible (f->photo, TRUE), NULL);
  assert_all_blocked (f);
  if (transfo_program != NULL)
    {
      g_assert_cmpint (cli_export (f, "pdf", &err), !=, 0);
      g_assert_nonnull (strstr (err, "blur region"));
      g_assert_cmpint (cli_export (f, "png", &err2), !=, 0);
      g_assert_nonnull (strstr (err2, "Cour du lycée"));
    }

  /* Consent recorded: it prints; taken back: blocked again. */
  run (f, tf_mk_command_set_consent (f->photo, TRUE), NULL);
  assert_all_pass (f);
  withdraw = tf_mk_command_set_consent (f->photo, FALSE);
  g_assert_true (tf_command_execute (withdraw, f->store, &error));
  g_assert_no_error (error);
  assert_all_blocked (f);

  /* A blur region: it prints, from the window's CLI too. */
  add_blur (f);
  assert_all_pass (f);
  if (transfo_program != NULL)
    {
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (cli_export (f, "pdf", &err), ==, 0);
    }
}

/* --- Blur in the pixels --- */

static void
test_blur_png (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(TfExportSource) source = NULL;
  g_autofree char *path = out_path (f, "blur.png");
  g_auto(TfExportOptions) options;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  TfRect region, photo, extents, in_image, photo_in_image;
  double s;
  guint flat, noisy;

  (void) data;
  run (f, tf_mk_command_set_people_visible (f->photo, TRUE), NULL);
  region = add_blur (f);
  photo = photo_bounds (f);
  source = source_of (f);
  tf_export_options_init (&options);
  options.board = (guint) tf_export_source_find_board (source, "Cour du lycée");
  options.dpi = 100;
  g_assert_true (tf_export_run (TF_EXPORT_PNG, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* The PNG is the board's extents padded, at one scale. */
  extents = tf_scene_get_extents (tf_export_source_get_scene (source, options.board));
  s = cairo_image_surface_get_width (image) / (extents.width + 2 * 24.0);
  g_assert_cmpfloat (fabs (cairo_image_surface_get_height (image) / (extents.height + 2 * 24.0) - s), <, 0.02);
  in_image = TF_RECT_INIT ((region.x - extents.x + 24) * s, (region.y - extents.y + 24) * s,
                           region.width * s, region.height * s);
  photo_in_image = TF_RECT_INIT ((photo.x - extents.x + 24) * s, (photo.y - extents.y + 24) * s,
                                 photo.width * s * 0.25, photo.height * s * 0.25);

  /* Outside the region, the noise; under it, flat blocks. */
  count_flat (image, &photo_in_image, 6, &flat, &noisy);
  g_assert_cmpuint (noisy, >=, 14);
  count_flat (image, &in_image, 6, &flat, &noisy);
  g_assert_cmpuint (flat, >=, 10);
  g_assert_cmpuint (noisy, ==, 0);
  cairo_surface_destroy (image);
}

static void
test_blur_pdf (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = out_path (f, "board.pdf");
  g_autofree char *uri = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  GList *mapping;
  guint n_photos = 0;
  TfRect region, photo;

  /* A JPEG photo is written as a JPEG of its blurred pixels: its blocks
   * ring a little at their edges (flat windows fewer, none noisy). */
  gboolean jpeg = g_strcmp0 (data, "jpeg") == 0;

  run (f, tf_mk_command_set_people_visible (f->photo, TRUE), NULL);
  region = add_blur (f);
  photo = photo_bounds (f);
  g_assert_null (try_export (f, TF_EXPORT_BOARD, "board.pdf"));

  uri = g_filename_to_uri (path, NULL, &error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (doc, 0);

  /* Every image embedded in the page: the photo's is already pixelated
   * under the region (the unblurred photo is nowhere in the file). */
  mapping = poppler_page_get_image_mapping (page);
  for (GList *l = mapping; l != NULL; l = l->next)
    {
      PopplerImageMapping *m = l->data;
      cairo_surface_t *image = poppler_page_get_image (page, m->image_id);
      int w, h;
      TfRect under, outside;
      guint flat, noisy;

      g_assert_nonnull (image);
      w = cairo_image_surface_get_width (image);
      h = cairo_image_surface_get_height (image);
      /* A photo's pixels, not the page's other images (there are none). */
      g_assert_cmpint (w, >=, PHOTO_W / 2);
      n_photos++;
      under = TF_RECT_INIT ((region.x - photo.x) / photo.width * w, (region.y - photo.y) / photo.height * h,
                            region.width / photo.width * w, region.height / photo.height * h);
      outside = TF_RECT_INIT (0, 0, w * 0.25, h * 0.25);
      count_flat (image, &outside, 4, &flat, &noisy);
      g_assert_cmpuint (noisy, >=, 14);
      count_flat (image, &under, 4, &flat, &noisy);
      g_assert_cmpuint (flat, >=, jpeg ? 6 : 10);
      g_assert_cmpuint (noisy, ==, 0);
      cairo_surface_destroy (image);
    }
  poppler_page_free_image_mapping (mapping);
  g_assert_cmpuint (n_photos, ==, 1);

  /* And the page as Poppler draws it. */
  {
    double pw, ph, scale = 2.0;
    cairo_surface_t *render;
    cairo_t *cr;
    PopplerRectangle *rects = NULL;
    guint n_rects = 0;
    g_autofree char *text = NULL;

    poppler_page_get_size (page, &pw, &ph);
    render = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (pw * scale), (int) (ph * scale));
    cr = cairo_create (render);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    cairo_scale (cr, scale, scale);
    poppler_page_render_for_printing (page, cr);
    cairo_destroy (cr);
    (void) rects;
    (void) n_rects;

    mapping = poppler_page_get_image_mapping (page);
    g_assert_nonnull (mapping);
    {
      PopplerImageMapping *m = mapping->data;
      double x0 = m->area.x1 * scale, y0 = m->area.y1 * scale;
      double w = (m->area.x2 - m->area.x1) * scale, h = (m->area.y2 - m->area.y1) * scale;
      TfRect under = TF_RECT_INIT (x0 + (region.x - photo.x) / photo.width * w,
                                   y0 + (region.y - photo.y) / photo.height * h,
                                   region.width / photo.width * w, region.height / photo.height * h);
      guint flat, noisy;

      count_flat (render, &under, 3, &flat, &noisy);
      g_assert_cmpuint (flat, >=, jpeg ? 5 : 8);
      g_assert_cmpuint (noisy, ==, 0);
    }
    poppler_page_free_image_mapping (mapping);
    cairo_surface_destroy (render);
  }
}

/* --- The report --- */

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
test_report_legend (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = out_path (f, "report.pdf");
  g_autofree char *uri = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *squeezed = NULL;
  TfRect p = photo_bounds (f);
  TfMkCallout callout = { .photo = f->photo };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *a, *b;

  (void) data;
  /* Added in the reverse order of their numbers. */
  callout.order = 5;
  second = tf_mk_callout_to_json (&callout, NULL);
  add_annotation (f, TF_MK_CALLOUT_KIND, TF_RECT_INIT (p.x + 100, p.y + 100, 56, 56),
                  "Le banc abrité près du portail", second);
  callout.order = 1;
  first = tf_mk_callout_to_json (&callout, NULL);
  add_annotation (f, TF_MK_CALLOUT_KIND, TF_RECT_INIT (p.x + 500, p.y + 300, 56, 56),
                  "Le panneau des horaires de la cantine", first);
  g_assert_null (try_export (f, TF_EXPORT_REPORT, "report.pdf"));

  uri = g_filename_to_uri (path, NULL, &error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);

      g_string_append (all, text);
    }
  squeezed = squeeze (all->str);
  /* The section, then number → text, 1 before 2. */
  g_assert_nonnull (strstr (squeezed, "Mockup:Courdulycée"));
  a = strstr (squeezed, "1Lepanneaudeshorairesdelacantine");
  b = strstr (squeezed, "2Lebancabritéprèsduportail");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (a < b);
}

/* --- The key beside the board --- */

/* Two callouts on the photo, numbered against their order of creation. */
static void
add_two_callouts (Fixture *f)
{
  TfRect p = photo_bounds (f);
  TfMkCallout callout = { .photo = f->photo };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  callout.order = 5;
  second = tf_mk_callout_to_json (&callout, NULL);
  add_annotation (f, TF_MK_CALLOUT_KIND, TF_RECT_INIT (p.x + 100, p.y + 100, 56, 56),
                  "Le banc abrité près du portail", second);
  callout.order = 1;
  first = tf_mk_callout_to_json (&callout, NULL);
  add_annotation (f, TF_MK_CALLOUT_KIND, TF_RECT_INIT (p.x + 500, p.y + 300, 56, 56),
                  "Le panneau des horaires de la cantine, affiché trop haut pour les élèves de sixième", first);
}

/* Exports @kind of the board on @paper into @name, the legend on or off. */
static void
export_with (Fixture      *f,
             TfExportKind  kind,
             TfPaper       paper,
             gboolean      legend,
             const char   *name)
{
  g_autoptr(TfExportSource) source = source_of (f);
  g_autofree char *path = out_path (f, name);
  g_auto(TfExportOptions) options;
  g_autoptr(GError) error = NULL;

  tf_export_options_init (&options);
  options.board = (guint) tf_export_source_find_board (source, "Cour du lycée");
  options.paper = paper;
  options.legend = legend;
  options.dpi = 60;
  g_assert_true (tf_export_run (kind, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Page @index of PDF @name: its words squeezed, and whether every word
 * of @word lies inside the page, clear of its edges. */
static char *
page_text (Fixture    *f,
           const char *name,
           int         index,
           const char *word,
           gboolean   *inside)
{
  g_autofree char *path = out_path (f, name);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = poppler_document_new_from_file (uri, NULL, &error);
  g_autoptr(PopplerPage) page = NULL;
  g_autofree char *text = NULL;
  GList *found;
  double w, h;

  g_assert_no_error (error);
  if (index < 0)
    index = poppler_document_get_n_pages (doc) + index;
  page = poppler_document_get_page (doc, index);
  g_assert_nonnull (page);
  poppler_page_get_size (page, &w, &h);
  text = poppler_page_get_text (page);
  found = poppler_page_find_text (page, word);
  *inside = found != NULL;
  for (GList *l = found; l != NULL; l = l->next)
    {
      PopplerRectangle *r = l->data;

      if (MIN (r->x1, r->x2) < 5 || MAX (r->x1, r->x2) > w - 5 || MIN (r->y1, r->y2) < 5 || MAX (r->y1, r->y2) > h - 5)
        *inside = FALSE;
    }
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return squeeze (text);
}

static void
assert_key (const char *squeezed)
{
  const char *a = strstr (squeezed, "1Lepanneaudeshorairesdelacantine");
  const char *b = strstr (squeezed, "2Lebancabritéprèsduportail");

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (a < b);
  g_assert_nonnull (strstr (squeezed, "sixième"));
}

static void
test_board_key (Fixture       *f,
                gconstpointer  data)
{
  static const TfPaper papers[] = { TF_PAPER_A4, TF_PAPER_A3 };
  static const char *names[] = { "key-a4.pdf", "key-a3.pdf" };
  g_autoptr(GError) error = NULL;
  cairo_surface_t *with, *without;
  g_autofree char *with_path = out_path (f, "key.png");
  g_autofree char *without_path = out_path (f, "nokey.png");
  g_autofree char *name = NULL;
  TfItemRow row = { 0 };

  (void) data;
  add_two_callouts (f);

  /* The board's own page, A4 and A3: number → text beside the photo,
   * whole (nothing past the page's edges). */
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      gboolean inside = FALSE;
      g_autofree char *text = NULL;

      export_with (f, TF_EXPORT_BOARD, papers[i], TRUE, names[i]);
      text = page_text (f, names[i], 0, "sixième", &inside);
      assert_key (text);
      g_assert_true (inside);
    }
  /* Without legends, no key. */
  {
    gboolean inside = FALSE;
    g_autofree char *text = NULL;

    export_with (f, TF_EXPORT_BOARD, TF_PAPER_A4, FALSE, "nokey.pdf");
    text = page_text (f, "nokey.pdf", 0, "sixième", &inside);
    g_assert_null (strstr (text, "cantine"));
  }

  /* A poster: the key on a sheet of its own, after the board's. */
  {
    gboolean inside = FALSE;
    g_autofree char *text = NULL;

    export_with (f, TF_EXPORT_POSTER, TF_PAPER_A4, TRUE, "key-poster.pdf");
    text = page_text (f, "key-poster.pdf", -1, "sixième", &inside);
    assert_key (text);
    g_assert_true (inside);
  }

  /* A PNG: a column at the right, with the key's ink in it. */
  export_with (f, TF_EXPORT_PNG, TF_PAPER_A4, TRUE, "key.png");
  export_with (f, TF_EXPORT_PNG, TF_PAPER_A4, FALSE, "nokey.png");
  with = cairo_image_surface_create_from_png (with_path);
  without = cairo_image_surface_create_from_png (without_path);
  g_assert_cmpint (cairo_surface_status (with), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (with), >, cairo_image_surface_get_width (without));
  {
    /* The first disc: accent blue, in the column. */
    int x0 = cairo_image_surface_get_width (without), n_accent = 0;

    for (int y = 0; y < cairo_image_surface_get_height (with); y++)
      for (int x = x0; x < cairo_image_surface_get_width (with); x++)
        {
          guint32 p = tf_test_pixel (with, x, y);

          if (abs ((int) ((p >> 16) & 0xFF) - 0x2A) < 12 && abs ((int) ((p >> 8) & 0xFF) - 0x6F) < 12 &&
              abs ((int) (p & 0xFF) - 0x97) < 12)
            n_accent++;
        }
    g_assert_cmpint (n_accent, >, 20);
  }
  cairo_surface_destroy (with);
  cairo_surface_destroy (without);

  /* The photo's file name, kept with its asset. */
  g_assert_true (tf_item_rows_read (f->store, f->photo, &row));
  {
    g_autoptr(JsonObject) payload = tf_mk_parse_payload (row.payload);
    TfMkPhoto photo;

    tf_mk_photo_read (&photo, payload);
    g_assert_cmpint (photo.asset, >, 0);
    g_assert_true (tf_asset_rows_name_of (f->store, photo.asset, &name, &error));
    tf_mk_photo_clear (&photo);
  }
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "cour.png");
  g_clear_pointer (&name, g_free);
  g_assert_true (tf_asset_rows_name_of (f->store, 987654, &name, &error));
  g_assert_null (name);
  tf_item_row_clear (&row);

  /* Two photos with callouts: each group is headed by the photo's name as
   * the side panel gives it (tf_mockup_photo_number(): by creation), not
   * by its place in the key. The second photo, added left of the first,
   * comes first in the key but is still "Photo 2". */
  {
    TfRect p = photo_bounds (f);
    TfMkCallout callout = { .order = 1 };
    g_autofree char *json = NULL;
    g_autofree char *text = NULL;
    const char *second, *fountain, *first, *panel;
    gboolean inside = FALSE;
    gint64 other;

    g_assert_true (tf_item_rows_read (f->store, f->photo, &row));
    other = add_annotation (f, TF_MK_PHOTO_KIND, TF_RECT_INIT (p.x - p.width - 400, p.y, p.width, p.height),
                            "", row.payload);
    tf_item_row_clear (&row);
    g_assert_cmpint (other, >, f->photo);
    callout.photo = other;
    json = tf_mk_callout_to_json (&callout, NULL);
    add_annotation (f, TF_MK_CALLOUT_KIND, TF_RECT_INIT (p.x - p.width - 300, p.y + 100, 56, 56),
                    "La fontaine sèche", json);
    export_with (f, TF_EXPORT_BOARD, TF_PAPER_A3, TRUE, "key-two.pdf");
    text = page_text (f, "key-two.pdf", 0, "fontaine", &inside);
    g_assert_true (inside);
    second = strstr (text, "Photo2");
    fountain = strstr (text, "Lafontainesèche");
    first = strstr (text, "Photo1");
    panel = strstr (text, "Lepanneaudeshorairesdelacantine");
    g_assert_nonnull (second);
    g_assert_nonnull (fountain);
    g_assert_nonnull (first);
    g_assert_nonnull (panel);
    /* The headings in the key's order, the texts too (the PDF's text
     * lists each column of the key apart). */
    g_assert_true (second < first);
    g_assert_true (fountain < panel);
  }
}


/* --- One name for each photo: panel, key, report, refusal --- */

/* The words of every page of PDF @name, squeezed. */
static char *
pdf_text (Fixture    *f,
          const char *name)
{
  g_autofree char *path = out_path (f, name);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = poppler_document_new_from_file (uri, NULL, &error);
  g_autoptr(GString) all = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);

      g_string_append (all, text);
    }
  return squeeze (all->str);
}

/* Two photos from two files, the second moved left of the first: the key's
 * headings, the report's and the refusal name each by its number on the
 * board as the side panel does (tf_mockup_photo_number(): by creation, not
 * by place) and the key and the report by its file ("Photo 2 ·
 * bureau.png"). */
static void
test_photo_names (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) png = noise_png_seeded (11);
  TfDecodeOptions options = { .wants = TF_DECODE_WANT_STORED };
  g_autoptr(TfDecoded) decoded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *report = NULL;
  TfMkSource from = { 0 };
  TfMkCallout callout = { .order = 1 };
  g_autofree char *json1 = NULL;
  g_autofree char *json2 = NULL;
  TfRect p1, p2;
  gint64 other = 0;
  const char *a, *b;

  (void) data;
  decoded = tf_decode_bytes (png, &options, NULL, &error);
  g_assert_no_error (error);
  from.stored = decoded->stored;
  from.mime_type = decoded->mime_type;
  from.name = "bureau.png";
  from.width = decoded->width;
  from.height = decoded->height;
  run (f, tf_mk_command_add_photo (f->experiment, f->board, NULL, &from), &other);
  g_assert_cmpint (other, >, f->photo);
  p1 = photo_bounds (f);
  {
    TfItemRow row = { 0 };

    g_assert_true (tf_item_rows_read (f->store, other, &row));
    p2 = TF_RECT_INIT (row.x, row.y, row.width, row.height);
    tf_item_row_clear (&row);
  }
  /* The second photo now left of the first: first in reading order. */
  run (f, tf_command_move_items (&other, 1, p1.x - p2.width - 300 - p2.x, p1.y - p2.y), NULL);
  p2 = TF_RECT_INIT (p1.x - p2.width - 300, p1.y, p2.width, p2.height);

  callout.photo = f->photo;
  json1 = tf_mk_callout_to_json (&callout, NULL);
  add_annotation (f, TF_MK_CALLOUT_KIND, TF_RECT_INIT (p1.x + 100, p1.y + 100, 56, 56),
                  "Le panneau des horaires", json1);
  callout.photo = other;
  json2 = tf_mk_callout_to_json (&callout, NULL);
  add_annotation (f, TF_MK_CALLOUT_KIND, TF_RECT_INIT (p2.x + 100, p2.y + 100, 56, 56),
                  "La fontaine sèche", json2);

  /* The key beside the board: headed by number and file. */
  export_with (f, TF_EXPORT_BOARD, TF_PAPER_A3, TRUE, "names-board.pdf");
  key = pdf_text (f, "names-board.pdf");
  a = strstr (key, "Photo2·bureau.png");
  b = strstr (key, "Photo1·cour.png");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (a < b);
  g_assert_null (strstr (key, "Photo1·bureau"));

  /* The report: the same headings, in reading order. */
  g_assert_null (try_export (f, TF_EXPORT_REPORT, "names-report.pdf"));
  report = pdf_text (f, "names-report.pdf");
  a = strstr (report, "Photo2·bureau.png");
  b = strstr (report, "Photo1·cour.png");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (a < b);
  g_assert_nonnull (strstr (a, "Lafontainesèche"));

  /* Each photo's caption under it, on the board's page: its number and
   * file, or its own name once it has one (as the side panel shows it). */
  run (f, tf_mk_command_set_photo_name (other, "Le bureau, après"), NULL);
  export_with (f, TF_EXPORT_BOARD, TF_PAPER_A3, TRUE, "names-caption.pdf");
  {
    g_autofree char *text = pdf_text (f, "names-caption.pdf");
    const char *first = strstr (text, "Photo1·cour.png");

    g_assert_nonnull (strstr (text, "Photo2·Lebureau,après"));
    /* Photo 1's in its caption and in the key's heading. */
    g_assert_nonnull (first);
    g_assert_nonnull (strstr (first + 1, "Photo1·cour.png"));
  }

  /* The refusal: the first photo by creation, second by place, is Photo 1. */
  run (f, tf_mk_command_set_people_visible (f->photo, TRUE), NULL);
  {
    g_autoptr(GError) refused = try_export (f, TF_EXPORT_BOARD, "names-refused.pdf");

    g_assert_error (refused, TF_EXPORT_ERROR, TF_EXPORT_ERROR_BLOCKED);
    g_assert_nonnull (strstr (refused->message, "Photo 1 · cour.png, on “Cour du lycée”, shows people"));
  }
  run (f, tf_mk_command_set_people_visible (f->photo, FALSE), NULL);
  run (f, tf_mk_command_set_people_visible (other, TRUE), NULL);
  /* Named as the side panel names it: by its own name once it has one. */
  {
    g_autoptr(GError) refused = try_export (f, TF_EXPORT_REPORT, "names-refused.pdf");

    g_assert_error (refused, TF_EXPORT_ERROR, TF_EXPORT_ERROR_BLOCKED);
    g_assert_nonnull (strstr (refused->message, "Photo 2 · Le bureau, après, on “Cour du lycée”, shows people"));
  }
}

/* --- The demo --- */

static gboolean
collect_id (sqlite3_stmt *row,
            gpointer      user_data)
{
  gint64 id = sqlite3_column_int64 (row, 0);

  g_array_append_val (user_data, id);
  return TRUE;
}

typedef struct {
  gint64      id;
  const char *json;
} CiteArgs;

static gboolean
cite_func (TfStore  *store,
           gpointer  user_data,
           GError  **error)
{
  CiteArgs *args = user_data;

  return tf_item_rows_set_key (store, TF_ITEM_COLUMN_PAYLOAD, args->id, "$.cites", args->json, NULL, error);
}

static void
test_demo (void)
{
  g_autofree char *path = tf_test_archive_path ("mockup-demo.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_store_open (path, TF_STORE_OPEN_CREATE, &error);
  g_autoptr(TfExportSource) source = NULL;
  g_autoptr(TfScene) scene = NULL;
  g_auto(TfExportOptions) options;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *report = NULL;
  gint64 demo = 0, board;
  guint photos = 0, places = 0, callouts = 0, blurs = 0, befores = 0;
  GPtrArray *items;

  g_assert_no_error (error);
  g_assert_true (tf_demo_ensure (store, &demo, &error));
  g_assert_no_error (error);
  g_assert_cmpint (demo, >, 0);
  board = tf_mk_first_board (store, demo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (board, >, 0);
  scene = tf_scene_new_for_board (store, board, &error);
  g_assert_no_error (error);
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      const TfMkPhoto *photo = tf_mk_photo_item_get (item);

      if (photo != NULL)
        {
          photos++;
          befores += photo->before_of > 0;
          g_assert_cmpint (photo->natural_width, >, 600);
        }
      else if (tf_mk_place_item_get (item) != NULL)
        {
          TfQuad quad;

          places++;
          g_assert_true (tf_mk_place_item_quad (item, &quad));
        }
      else if (g_str_equal (item->kind->id, TF_MK_CALLOUT_KIND))
        {
          callouts++;
          g_assert_cmpuint (strlen (item->text), >, 20);
        }
      else if (g_str_equal (item->kind->id, TF_MK_BLUR_KIND))
        blurs++;
    }
  g_assert_cmpuint (photos, ==, 2);
  g_assert_cmpuint (befores, ==, 1);
  g_assert_cmpuint (places, ==, 1);
  g_assert_cmpuint (callouts, ==, 2);
  g_assert_cmpuint (blurs, ==, 2);

  /* It prints, on its own and in the report. */
  source = tf_export_source_new_from_store (store, demo, &error);
  g_assert_no_error (error);
  dir = g_path_get_dirname (path);
  pdf = g_build_filename (dir, "demo-mockup.pdf", NULL);
  report = g_build_filename (dir, "demo-report.pdf", NULL);
  tf_export_options_init (&options);
  options.board = (guint) tf_export_source_find_board (source, "Couverture du Kit sur le bureau d’un élu");
  g_assert_true (tf_export_run (TF_EXPORT_BOARD, source, &options, pdf, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tf_export_run (TF_EXPORT_REPORT, source, &options, report, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_unlink (pdf);
  g_unlink (report);

  /* A card of the demo's blueprint cites the montage: the photo lists its
   * step. */
  {
    static const char * const card_kinds[] = { TF_BP_CARD_KIND, NULL };
    g_autoptr(GArray) boards = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GArray) rows = tf_item_row_array_new ();
    g_autoptr(GPtrArray) links = NULL;
    g_autofree char *json = NULL;
    gint64 montage = 0;
    const TfMkLink *link;
    CiteArgs args;

    for (guint i = 0; i < items->len; i++)
      {
        const TfMkPhoto *photo = tf_mk_photo_item_get (g_ptr_array_index (items, i));

        if (photo != NULL && photo->before_of > 0)
          montage = photo->before_of;
      }
    g_assert_cmpint (montage, >, 0);
    g_assert_true (tf_board_rows_of_kind (store, demo, TF_BLUEPRINT_TYPE_ID, collect_id, boards, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (boards->len, ==, 1);
    g_assert_true (tf_item_rows_list (store, g_array_index (boards, gint64, 0), card_kinds, rows, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, >, 0);
    args.id = g_array_index (rows, TfItemRow, 0).id;
    json = g_strdup_printf ("[%" G_GINT64_FORMAT "]", montage);
    args.json = json;
    g_assert_true (tf_store_edit (store, cite_func, &args, NULL, &error));
    g_assert_no_error (error);

    links = tf_mk_photo_cited_by (store, montage, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (links->len, ==, 1);
    link = g_ptr_array_index (links, 0);
    g_assert_cmpint (link->item_id, ==, args.id);
    g_assert_cmpint (link->board_id, ==, g_array_index (boards, gint64, 0));
    g_assert_nonnull (strstr (link->board_name, "Kit du mandat"));
    g_assert_cmpstr (link->place, ==, "Step 1, “Recevoir le Kit du mandat”");
  }
  g_clear_object (&store);
  tf_test_remove_archive (path);
}

/* --- Linked to the blueprint --- */

static void
test_blueprint_citation (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TfBlueprint) bp = tf_blueprint_new ();
  g_autoptr(GHashTable) evidence = NULL;
  g_autoptr(GHashTable) none = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  TfBpCheckOptions options = { 0 };
  TfBpCard *card;
  gint64 evidence_count = 0;

  (void) data;
  tf_blueprint_add_step (bp, -1, "Trouver la cantine", NULL);
  tf_blueprint_add_lane (bp, -1, TF_BP_LANE_EVIDENCE, NULL);
  tf_blueprint_add_lane (bp, -1, TF_BP_LANE_CUSTOMER, NULL);
  card = tf_blueprint_add_card (bp, 900, ((TfBpStep *) g_ptr_array_index (bp->steps, 0))->id,
                                tf_blueprint_lane_of_role (bp, TF_BP_LANE_CUSTOMER)->id, "Cherche le panneau");

  /* No evidence: the check says so. */
  findings = tf_blueprint_check (bp, NULL);
  for (guint i = 0; i < findings->len; i++)
    evidence_count += g_str_equal (((TfBpFinding *) g_ptr_array_index (findings, i))->check->id, "evidence-missing");
  g_assert_cmpint (evidence_count, ==, 1);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Citing something that is no evidence (the board's experiment, an
   * unknown id) changes nothing. */
  g_array_append_val (card->cites, (gint64) { 999999 });
  none = tf_blueprint_cited_evidence (bp, f->store, NULL);
  g_assert_cmpuint (g_hash_table_size (none), ==, 0);

  /* Citing the mockup's photo: evidence, read from the archive. */
  g_array_append_val (card->cites, f->photo);
  evidence = tf_blueprint_cited_evidence (bp, f->store, NULL);
  g_assert_cmpuint (g_hash_table_size (evidence), ==, 1);
  g_assert_true (g_hash_table_contains (evidence, &f->photo));
  options.evidence = evidence;
  findings = tf_blueprint_check (bp, &options);
  evidence_count = 0;
  for (guint i = 0; i < findings->len; i++)
    evidence_count += g_str_equal (((TfBpFinding *) g_ptr_array_index (findings, i))->check->id, "evidence-missing");
  g_assert_cmpint (evidence_count, ==, 0);

}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();
  if (argc > 1)
    transfo_program = argv[1];

  g_test_add ("/mockup-export/people-visible", Fixture, NULL, fixture_set_up, test_people_visible,
              fixture_tear_down);
  /* A JPEG photo is written as a JPEG: of its blurred pixels. */
  g_test_add ("/mockup-export/blur-pdf-jpeg", Fixture, "jpeg", fixture_set_up, test_blur_pdf, fixture_tear_down);
  g_test_add ("/mockup-export/blur-png", Fixture, NULL, fixture_set_up, test_blur_png, fixture_tear_down);
  g_test_add ("/mockup-export/blur-pdf", Fixture, NULL, fixture_set_up, test_blur_pdf, fixture_tear_down);
  g_test_add ("/mockup-export/report-legend", Fixture, NULL, fixture_set_up, test_report_legend,
              fixture_tear_down);
  g_test_add ("/mockup-export/blueprint-citation", Fixture, NULL, fixture_set_up, test_blueprint_citation,
              fixture_tear_down);
  g_test_add ("/mockup-export/board-key", Fixture, NULL, fixture_set_up, test_board_key, fixture_tear_down);
  g_test_add ("/mockup-export/photo-names", Fixture, NULL, fixture_set_up, test_photo_names, fixture_tear_down);
  g_test_add_func ("/mockup-export/demo", test_demo);
  return g_test_run ();
}
