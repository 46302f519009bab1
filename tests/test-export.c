/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Every kind of export, read back: Poppler for PDFs (pages, sizes, text,
 * outline, metadata, pixels), cairo for PNGs, GMarkup for SVGs. */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <poppler.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "canvas/tf-item-kinds.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-text-block.h"
#include "canvas/tf-text-fit.h"
#include "core/tf-archive.h"
#include "core/tf-item-rows.h"
#include "exports/tf-export.h"
#include "exports/tf-export-preview.h"
#include "exports/tf-export-private.h"
#include "insights/tf-insight.h"
#include "insights/tf-note-kind.h"
#include "tf-test-pdf.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* poppler-glib 22.12 declares no autoptr cleanups (tf-test-pdf.h has the others). */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerAction, poppler_action_free)

#define A4_W 595.28
#define A4_H 841.89
#define PT_PER_MM (72.0 / 25.4)

typedef struct {
  char           *dir;
  TfStore        *store;
  TfExportSource *source;
  GPtrArray      *quotes;    /* the demo wall's nine quotes */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  f->dir = tf_test_make_dir ("export");
  path = g_build_filename (f->dir, "archive.sqlite", NULL);
  f->store = tf_test_store_open (path, TF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->source = tf_export_source_new_from_store (f->store, tf_archive_find_demo (f->store), &error);
  g_assert_no_error (error);
  /* The demo's first board is its insight wall (an actor map may follow). */
  g_assert_cmpuint (tf_export_source_get_n_boards (f->source), >=, 1);
  g_assert_cmpstr (tf_board_get_kind_id (tf_export_source_get_board (f->source, 0)), ==, "insight-wall");

  f->quotes = g_ptr_array_new ();
  items = tf_scene_get_items (tf_export_source_get_scene (f->source, 0));
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((TfItem *) g_ptr_array_index (items, i))->kind_id, "note"))
      g_ptr_array_add (f->quotes, ((TfItem *) g_ptr_array_index (items, i))->text);
  g_assert_cmpuint (f->quotes->len, ==, 9);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->quotes);
  g_assert_finalize_object (f->source);
  g_assert_finalize_object (f->store);
  tf_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
out_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Files in @dir other than the archive and its companions. */
static guint
count_outputs (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    if (!g_str_has_prefix (name, "archive.sqlite"))
      n++;
  return n;
}

static void
assert_page_size (PopplerDocument *doc,
                  int              index,
                  double           width,
                  double           height)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);
  double w, h;

  poppler_page_get_size (page, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, width, 0.05);
  g_assert_cmpfloat_with_epsilon (h, height, 0.05);
}

static void
assert_every_quote (Fixture    *f,
                    const char *squeezed)
{
  for (guint i = 0; i < f->quotes->len; i++)
    if (!tf_test_has_text (squeezed, g_ptr_array_index (f->quotes, i)))
      g_error ("quote missing from the export: %s", (char *) g_ptr_array_index (f->quotes, i));
}

/* Renders page @index at @scale pixels per point on white. */
static cairo_surface_t *
render_page (PopplerDocument *doc,
             int              index,
             double           scale)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  poppler_page_get_size (page, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w * scale), (int) ceil (h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static int
luminance (guint32 rgb)
{
  return (((rgb >> 16) & 0xff) * 3 + ((rgb >> 8) & 0xff) * 6 + (rgb & 0xff)) / 10;
}

static gboolean
near_color (guint32 a,
            guint32 b,
            int     tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* The darkest pixel of a rectangle, in points. */
static int
darkest (cairo_surface_t *surface,
         double           scale,
         double           x0,
         double           y0,
         double           x1,
         double           y1)
{
  int best = 255;

  for (int y = (int) floor (y0 * scale); y <= (int) ceil (y1 * scale); y++)
    for (int x = (int) floor (x0 * scale); x <= (int) ceil (x1 * scale); x++)
      if (x >= 0 && y >= 0 && x < cairo_image_surface_get_width (surface) &&
          y < cairo_image_surface_get_height (surface))
        best = MIN (best, luminance (tf_test_pixel (surface, x, y)));
  return best;
}

/* One board on one page */

static void
test_board_pdf (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "board.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *title = NULL;
  guint pages = 0;

  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_BOARD, f->source, &options, path, NULL, NULL, NULL, &pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages, ==, 1);
  g_assert_cmpuint (count_outputs (f->dir), ==, 1);

  doc = tf_test_open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  /* A square board on A4: portrait. */
  assert_page_size (doc, 0, A4_W, A4_H);
  text = tf_test_pdf_page_text (doc, 0);
  assert_every_quote (f, text);
  /* The title block: experiment, board, page. */
  g_assert_true (tf_test_has_text (text, "Laboratoire d'innovation régional"));
  g_assert_true (tf_test_has_text (text, "Insights de la résidence"));
  g_assert_true (tf_test_has_text (text, "page 1/1"));
  creator = poppler_document_get_creator (doc);
  g_assert_cmpstr (creator, ==, "Transfo " PACKAGE_VERSION);
  title = poppler_document_get_title (doc);
  g_assert_cmpstr (title, ==, "Insights de la résidence");
}

static void
test_board_papers (Fixture       *f,
                   gconstpointer  data)
{
  const struct {
    TfPaper       paper;
    TfOrientation orientation;
    double        w, h;
  } cases[] = {
    { TF_PAPER_A3, TF_ORIENTATION_LANDSCAPE, 1190.55, 841.89 },
    { TF_PAPER_LETTER, TF_ORIENTATION_PORTRAIT, 612.0, 792.0 },
    { TF_PAPER_A0, TF_ORIENTATION_AUTO, 2383.94, 3370.39 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(TfExportOptions) options = { 0 };
      g_autofree char *path = out_path (f, "paper.pdf");
      g_autoptr(GError) error = NULL;
      g_autoptr(PopplerDocument) doc = NULL;
      g_autofree char *text = NULL;

      tf_export_options_init (&options);
      options.paper = cases[i].paper;
      options.orientation = cases[i].orientation;
      g_assert_true (tf_export_run (TF_EXPORT_BOARD, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      doc = tf_test_open_pdf (path);
      assert_page_size (doc, 0, cases[i].w, cases[i].h);
      text = tf_test_pdf_page_text (doc, 0);
      assert_every_quote (f, text);
    }
}

static void
test_board_fixed_scale (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "scaled.pdf");
  g_autoptr(GError) error = NULL;

  /* Real size fits on A3 (the wall is 680 units, 258 mm)… */
  tf_export_options_init (&options);
  options.paper = TF_PAPER_A3;
  options.scale = 1.0;
  g_assert_true (tf_export_run (TF_EXPORT_BOARD, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* …but twice real size does not fit on A4: refused, never clipped. */
  g_unlink (path);
  options.paper = TF_PAPER_A4;
  options.scale = 2.0;
  g_assert_false (tf_export_run (TF_EXPORT_BOARD, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "poster"));
  g_assert_cmpuint (count_outputs (f->dir), ==, 0);
}

static TfItem *
make_item (gint64      id,
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

/* A source built by hand: one wall with clusters, votes, a star, a retired
 * insight and one whose speaker withdrew consent. */
static TfExportSource *
clustered_source (void)
{
  g_autoptr(TfExperiment) experiment = tf_experiment_new ("Atelier lycées");
  g_autoptr(TfBoard) board = tf_board_new (7, 1, "insight-wall", "Mur de test", 0, 6);
  g_autoptr(TfScene) scene = tf_scene_new ();
  TfExportSource *source;

  tf_scene_add (scene, make_item (1, "zone", 0, 0, 500, 300, "Transports", "{}", "{}"));
  tf_scene_add (scene, make_item (2, "note", 20, 60, 200, 200, "Le car passe trop tôt.", "{}",
                                  "{\"source\":\"usager\",\"votes\":3,\"star\":true}"));
  tf_scene_lookup (scene, 2)->parent_id = 1;
  tf_scene_add (scene, make_item (3, "note", 260, 60, 200, 200, "Personne ne connaît les horaires.", "{}",
                                  "{\"source\":\"agent\",\"votes\":1}"));
  tf_scene_lookup (scene, 3)->parent_id = 1;
  tf_scene_add (scene, make_item (4, "note", 600, 60, 200, 200, "On mange mal à la cantine.", "{}",
                                  "{\"source\":\"usager\"}"));
  tf_scene_add (scene, make_item (5, "note", 900, 60, 200, 200, "Citation retirée du mur.", "{}",
                                  "{\"retired\":true}"));
  tf_scene_add (scene, make_item (6, "note", 1200, 60, 200, 200, "Citation sans consentement.", "{}",
                                  "{\"consent\":\"withdrawn\"}"));

  source = tf_export_source_new (experiment);
  tf_export_source_add_board (source, board, scene);
  return source;
}

static void
test_never_printed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TfExportSource) source = clustered_source ();
  g_auto(TfExportOptions) options = { 0 };
  const TfExportKind kinds[] = { TF_EXPORT_BOARD, TF_EXPORT_REPORT, TF_EXPORT_CARDS };

  tf_export_options_init (&options);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *path = out_path (f, "private.pdf");
      g_autoptr(GError) error = NULL;
      g_autoptr(PopplerDocument) doc = NULL;
      g_autofree char *text = NULL;

      g_assert_true (tf_export_run (kinds[k], source, &options, path, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      doc = tf_test_open_pdf (path);
      text = tf_test_pdf_text (doc);
      g_assert_true (tf_test_has_text (text, "Le car passe trop tôt."));
      g_assert_true (tf_test_has_text (text, "On mange mal à la cantine."));
      g_assert_false (tf_test_has_text (text, "Citation retirée"));
      g_assert_false (tf_test_has_text (text, "sans consentement"));
    }
}

/* A wall too big for its notes to be read on one A4 page: 20,000 notes of
 * all eight colours, 125 columns × 160 rows. */
#define SPECK_COLUMNS 125
#define SPECK_ROWS    160
#define SPECK_PITCH   240.0
#define SPECK_SIDE    200.0

static const TfNoteColor *
speck_color (guint i)
{
  guint n_colors;
  const TfNoteColor *colors = tf_note_colors (&n_colors);

  /* Neighbours differ, and every colour has many notes. */
  return &colors[(i * 3 + i / SPECK_COLUMNS) % n_colors];
}

static gboolean
speck_blank (guint i)
{
  return i % 97 == 5;
}

static TfExportSource *
speck_source (void)
{
  g_autoptr(TfExperiment) experiment = tf_experiment_new ("Grand mur");
  g_autoptr(TfBoard) board = tf_board_new (7, 1, "insight-wall", "Mur de vingt mille", 0,
                                           SPECK_COLUMNS * SPECK_ROWS);
  g_autoptr(TfScene) scene = tf_scene_new ();
  TfExportSource *source;

  for (guint i = 0; i < SPECK_COLUMNS * SPECK_ROWS; i++)
    {
      g_autofree char *style = tf_note_style_build (speck_color (i)->id, NULL);
      g_autofree char *quote = g_strdup_printf ("Citation illisible numéro %u", i);

      /* Retired insights and withdrawn quotes leave their place blank,
       * however small. */
      const char *payload = speck_blank (i) ? (i % 2 ? "{\"retired\":true}" : "{\"consent\":\"withdrawn\"}")
                                            : "{\"source\":\"usager\",\"votes\":2,\"star\":true}";

      tf_scene_add (scene, make_item (i + 1, "note", (i % SPECK_COLUMNS) * SPECK_PITCH,
                                      (i / SPECK_COLUMNS) * SPECK_PITCH, SPECK_SIDE, SPECK_SIDE, quote, style,
                                      payload));
    }
  source = tf_export_source_new (experiment);
  tf_export_source_add_board (source, board, scene);
  return source;
}

/* The operators of every content stream of the PDF at @path (cairo
 * deflates them all; font programs, binary, are left out), counted by
 * name. */
static GHashTable *
count_pdf_operators (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize length;
  const char *p, *end;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  p = data;
  end = data + length;
  /* memmem: the data holds NUL bytes. */
  while ((p = memmem (p, end - p, "stream\n", strlen ("stream\n"))) != NULL)
    {
      const char *start = p + strlen ("stream\n");
      const char *stop;
      g_autoptr(GConverter) inflate = NULL;
      g_autoptr(GByteArray) out = NULL;
      gsize in_off = 0;

      if (p > data && p[-1] == 'd')  /* "endstream\n" of the previous object */
        {
          p = start;
          continue;
        }
      stop = memmem (start, end - start, "endstream", strlen ("endstream"));
      g_assert_nonnull (stop);
      out = g_byte_array_new ();
      inflate = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
      for (;;)
        {
          guint8 buffer[65536];
          gsize read = 0, written = 0;
          GConverterResult result;
          g_autoptr(GError) inflate_error = NULL;

          result = g_converter_convert (inflate, start + in_off, stop - start - in_off, buffer, sizeof buffer,
                                        G_CONVERTER_INPUT_AT_END, &read, &written, &inflate_error);
          in_off += read;
          g_byte_array_append (out, buffer, written);
          if (result == G_CONVERTER_ERROR || result == G_CONVERTER_FINISHED)
            break;
        }
      p = stop;
      if (out->len == 0 || memchr (out->data, '\0', out->len) != NULL)
        continue;
      g_byte_array_append (out, (const guint8 *) "", 1);
      {
        g_auto(GStrv) tokens = g_strsplit_set ((const char *) out->data, " \n\r\t[]<>()", -1);

        for (guint i = 0; tokens[i] != NULL; i++)
          if (g_ascii_isalpha (tokens[i][0]) || tokens[i][0] == '\'' || tokens[i][0] == '"')
            {
              gpointer n = g_hash_table_lookup (counts, tokens[i]);

              g_hash_table_replace (counts, g_strdup (tokens[i]), GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
            }
      }
    }
  return counts;
}

static guint
count_of (GHashTable *counts,
          const char *op)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, op));
}

/* Notes too small on paper for a word of theirs to be read print as specks
 * of their colour, one fill per colour for all of them: cairo records a
 * PDF page whole until it ends, and 3 to 4 fills and the glyphs of every
 * note made a 100k-note wall take a gigabyte. */
static void
test_board_specks (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(TfExportSource) source = speck_source ();
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "specks.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GHashTable) ops = NULL;
  g_autofree char *text = NULL;
  guint n_notes = SPECK_COLUMNS * SPECK_ROWS, n_colors, fills, wrong = 0;
  double margin = 12.0 * PT_PER_MM, box_w, box_h, zoom, board_x, board_y, scale = 3.0;
  TfRect area;
  cairo_surface_t *page;

  tf_note_colors (&n_colors);
  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_BOARD, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = tf_test_open_pdf (path);
  assert_page_size (doc, 0, A4_W, A4_H);

  /* Drawing operations: one four-sided figure a note (cairo writes a
   * path of rectangles as lines), and a handful of fills. */
  ops = count_pdf_operators (path);
  fills = count_of (ops, "f") + count_of (ops, "f*") + count_of (ops, "F") + count_of (ops, "B") +
          count_of (ops, "B*") + count_of (ops, "b") + count_of (ops, "b*");
  g_test_message ("%u notes: %u figures, %u lines, %u fills, %u shadings, %u text runs", n_notes,
                  count_of (ops, "m") + count_of (ops, "re"), count_of (ops, "l"), fills, count_of (ops, "sh"),
                  count_of (ops, "Tj") + count_of (ops, "TJ"));
  g_assert_cmpuint (count_of (ops, "m") + count_of (ops, "re"), >=, n_notes - n_notes / 97 - 1);
  g_assert_cmpuint (count_of (ops, "m") + count_of (ops, "re"), <=, n_notes + 16);
  g_assert_cmpuint (count_of (ops, "l") + count_of (ops, "c"), <=, 3 * (n_notes + 16));
  g_assert_cmpuint (fills, <=, n_colors + 16);
  g_assert_cmpuint (count_of (ops, "sh") + count_of (ops, "Do"), ==, 0);
  /* The title block's two runs, not a glyph of the notes. */
  g_assert_cmpuint (count_of (ops, "Tj") + count_of (ops, "TJ"), <=, 4);
  text = tf_test_pdf_page_text (doc, 0);
  g_assert_true (tf_test_has_text (text, "Grand mur"));
  g_assert_true (tf_test_has_text (text, "page 1/1"));
  g_assert_false (tf_test_has_text (text, "Citation illisible"));

  /* Each speck where its note is, of the note's colour, read back. */
  area = TF_RECT_INIT (-TF_EXPORT_BOARD_PAD, -TF_EXPORT_BOARD_PAD,
                       (SPECK_COLUMNS - 1) * SPECK_PITCH + SPECK_SIDE + 2 * TF_EXPORT_BOARD_PAD,
                       (SPECK_ROWS - 1) * SPECK_PITCH + SPECK_SIDE + 2 * TF_EXPORT_BOARD_PAD);
  box_w = A4_W - 2 * margin;
  box_h = A4_H - 2 * margin;
  zoom = MIN (box_w / area.width, box_h / area.height);
  g_assert_cmpfloat (SPECK_SIDE * zoom, <, TF_PRINT_SPECK_MAX);
  g_assert_cmpfloat (SPECK_SIDE * zoom * scale, >, 8.0);
  board_x = area.x + area.width / 2 - box_w / 2 / zoom;
  board_y = area.y + area.height / 2 - box_h / 2 / zoom;
  page = render_page (doc, 0, scale);
  for (guint i = 0; i < n_notes; i++)
    {
      double cx = margin + ((i % SPECK_COLUMNS) * SPECK_PITCH + SPECK_SIDE / 2 - board_x) * zoom;
      double cy = margin + ((i / SPECK_COLUMNS) * SPECK_PITCH + SPECK_SIDE / 2 - board_y) * zoom;
      guint32 pixel = tf_test_pixel (page, (int) (cx * scale), (int) (cy * scale));
      guint32 expected = speck_blank (i) ? 0xffffff : speck_color (i)->rgb;

      if (!near_color (pixel, expected, 4) && wrong++ < 5)
        g_test_message ("note %u at %.1f, %.1f pt: %06x, not %06x", i, cx, cy, pixel & 0xffffff, expected);
    }
  cairo_surface_destroy (page);
  g_assert_cmpuint (wrong, ==, 0);
}

/* Read from the archive: a snapshot that later edits never reach, and in
 * which no insight whose speaker withdrew consent is kept, however the
 * payload spells it (the quick look at plain payloads must agree with a
 * full read of each). */
typedef struct {
  gint64      board_id;
  const char *payloads[12];
  gint64      ids[12];
  gint64      edited;
} ConsentNotes;

static gboolean
insert_consent_notes (TfStore   *store,
                      gpointer   user_data,
                      GError   **error)
{
  ConsentNotes *notes = user_data;

  for (guint i = 0; notes->payloads[i] != NULL; i++)
    if (!tf_item_rows_insert (store, notes->board_id, "note", 3000 + 250 * i, 3000, 200, 200, 0, 0,
                              "Consent probe", "{}", notes->payloads[i], &notes->ids[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
edit_consent_note (TfStore   *store,
                   gpointer   user_data,
                   GError   **error)
{
  ConsentNotes *notes = user_data;

  return tf_item_rows_set_text (store, notes->edited, "Edited after the snapshot", NULL, error) &&
         tf_item_rows_set_payload (store, notes->ids[1], "{\"consent\":\"given\"}", NULL, error);
}

static void
test_source_snapshot (Fixture       *f,
                      gconstpointer  data)
{
  ConsentNotes notes = {
    .payloads = {
      "{\"consent\":\"given\",\"votes\":2}",
      "{\"consent\":\"withdrawn\"}",
      "{\"consent\":\"retiré\"}",
      "{\"consent\":\"given\",\"consent\":\"withdrawn\"}",
      "{\"consent\":\"withdrawn\",\"consent\":\"given\"}",
      "{\"cons\\u0065nt\":\"withdrawn\"}",
      "{\"consent\" : \"withdrawn\"}",
      "{\"consent\":\"given\",\"tags\":[\"no consent\"]}",
      "{\"consent\":\"anonymised\"}",
      "{\"consent\":\"to-check\"}",
      "{\"consent\":\"Withdrawn\"}",
      NULL,
    },
  };
  g_autoptr(TfExportSource) source = NULL;
  g_autoptr(GError) error = NULL;
  TfScene *scene;
  guint printed = 0;

  notes.board_id = tf_board_get_id (tf_export_source_get_board (f->source, 0));
  g_assert_true (tf_store_edit (f->store, insert_consent_notes, &notes, NULL, &error));
  g_assert_no_error (error);

  source = tf_export_source_new_from_store (f->store, tf_archive_find_demo (f->store), &error);
  g_assert_no_error (error);
  scene = tf_export_source_get_scene (source, 0);
  for (guint i = 0; notes.payloads[i] != NULL; i++)
    {
      g_auto(TfInsightFields) fields = { 0 };
      TfItem *item = tf_scene_lookup (scene, notes.ids[i]);

      tf_insight_fields_init (&fields);
      tf_insight_fields_parse (&fields, notes.payloads[i]);
      g_test_message ("%s: %s", notes.payloads[i], item != NULL ? "printed" : "left out");
      g_assert_true ((item != NULL) == (fields.consent != TF_CONSENT_WITHDRAWN));
      printed += item != NULL;
    }
  /* given, given with a tag, anonymised, to check, and the duplicate key
   * the full read takes as given; every other spelling of withdrawn is
   * left out. */
  g_assert_cmpuint (printed, ==, 5);
  g_assert_nonnull (tf_scene_lookup (scene, notes.ids[0]));
  g_assert_null (tf_scene_lookup (scene, notes.ids[1]));
  g_assert_null (tf_scene_lookup (scene, notes.ids[5]));

  /* Later edits do not reach the snapshot. */
  notes.edited = notes.ids[0];
  g_assert_true (tf_store_edit (f->store, edit_consent_note, &notes, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tf_scene_lookup (scene, notes.ids[0])->text, ==, "Consent probe");
  g_assert_null (tf_scene_lookup (scene, notes.ids[1]));
}

static void
test_insight_order (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TfExportSource) source = clustered_source ();
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "report.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  const char *car, *horaires, *cantine, *cluster, *unclustered;

  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_REPORT, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = tf_test_open_pdf (path);
  /* The list is the last section, after the board itself. */
  text = tf_test_pdf_page_text (doc, poppler_document_get_n_pages (doc) - 1);
  g_assert_true (tf_test_has_text (text, "Insights by cluster"));

  /* The cluster's insights, then the others; votes and stars in the list. */
  cluster = strstr (text, "Transports");
  g_assert_nonnull (cluster);
  car = strstr (text, "Lecarpasse");
  horaires = strstr (text, "Personneneconnaît");
  cantine = strstr (text, "Onmangemal");
  unclustered = strstr (text, "Notinacluster");
  g_assert_nonnull (car);
  g_assert_nonnull (unclustered);
  g_assert_true (car < horaires && horaires < unclustered && unclustered < cantine);
  g_assert_nonnull (strstr (car, "★3"));
  /* Sources by category, never by name. */
  g_assert_true (tf_test_has_text (text, tf_source_get_label (TF_SOURCE_CITIZEN)));
}

/* Actor maps: the legend beside the board, and in the report. */
static TfExportSource *
actor_map_source (gboolean with_legend_item)
{
  g_autoptr(TfExperiment) experiment = tf_experiment_new ("Carte des acteurs");
  g_autoptr(TfBoard) board = tf_board_new (9, 1, "actor-map", "Qui travaille avec qui", 0, 3);
  g_autoptr(TfScene) scene = tf_scene_new ();
  TfExportSource *source;

  tf_scene_add (scene, make_item (1, "stamp", 0, 0, 130, 190, "Élue", "{}", "{\"stamp\":\"elu\"}"));
  tf_scene_add (scene, make_item (2, "stamp", 500, 0, 130, 190, "Collaborateur", "{}",
                                  "{\"stamp\":\"collaborateur\"}"));
  tf_scene_add (scene, make_item (3, "link", 130, 60, 370, 20, "", "{}",
                                  "{\"source\":1,\"target\":2,\"relation\":\"information\"}"));
  if (with_legend_item)
    tf_scene_add (scene, make_item (4, "legend", 0, 300, 300, 200, "", "{}", "{}"));
  source = tf_export_source_new (experiment);
  tf_export_source_add_board (source, board, scene);
  return source;
}

static guint
count_text (const char *haystack,
            const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_legend (Fixture       *f,
             gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "map.pdf");
  g_autofree char *report = out_path (f, "map-report.pdf");
  g_autoptr(GError) error = NULL;

  tf_export_options_init (&options);
  for (int with_item = 0; with_item < 2; with_item++)
    {
      g_autoptr(TfExportSource) source = actor_map_source (with_item);
      g_autoptr(PopplerDocument) doc = NULL;
      g_autofree char *text = NULL;

      g_assert_true (tf_export_run (TF_EXPORT_BOARD, source, &options, path, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      doc = tf_test_open_pdf (path);
      text = tf_test_pdf_page_text (doc, 0);
      /* One legend: beside the board, or the board's own. */
      g_assert_cmpuint (count_text (text, "Legend"), ==, 1);
      g_assert_true (tf_test_has_text (text, "Collaborateur"));
    }

  /* Without the option, no legend is added. */
  {
    g_autoptr(TfExportSource) source = actor_map_source (FALSE);
    g_autoptr(PopplerDocument) doc = NULL;
    g_autofree char *text = NULL;
    g_autofree char *all = NULL;

    options.legend = FALSE;
    g_assert_true (tf_export_run (TF_EXPORT_BOARD, source, &options, path, NULL, NULL, NULL, NULL, &error));
    doc = tf_test_open_pdf (path);
    text = tf_test_pdf_page_text (doc, 0);
    g_assert_cmpuint (count_text (text, "Legend"), ==, 0);
    g_clear_object (&doc);

    /* The report has a section of legends. */
    g_assert_true (tf_export_run (TF_EXPORT_REPORT, source, &options, report, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    doc = tf_test_open_pdf (report);
    all = tf_test_pdf_text (doc);
    g_assert_true (tf_test_has_text (all, "Legends"));
    g_assert_cmpuint (count_text (all, "Legend"), >=, 3);  /* contents, heading, the legend */
  }
}

/* Wall posters */

static void
test_poster_grid (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "poster.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *all = NULL;
  double margin = 12 * PT_PER_MM, gap = 2 * PT_PER_MM, len = 5 * PT_PER_MM;
  guint pages = 0;

  tf_export_options_init (&options);
  options.columns = 3;
  options.rows = 2;
  g_assert_true (tf_export_run (TF_EXPORT_POSTER, f->source, &options, path, NULL, NULL, NULL, &pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages, ==, 6);
  doc = tf_test_open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 6);

  for (int i = 0; i < 6; i++)
    {
      g_autofree char *text = tf_test_pdf_page_text (doc, i);
      g_autofree char *label = g_strdup_printf ("Row %d / Column %d — sheet %d of 6", i / 3 + 1, i % 3 + 1, i + 1);
      cairo_surface_t *sheet;
      double w, h;

      assert_page_size (doc, i, A4_W, A4_H);
      /* The assembly label on every sheet, with the board's name. */
      g_assert_true (tf_test_has_text (text, label));
      g_assert_true (tf_test_has_text (text, "Insights de la résidence"));

      /* Crop marks at the four corners of the image area, in the margin. */
      sheet = render_page (doc, i, 2.0);
      w = A4_W;
      h = A4_H;
      g_assert_cmpint (darkest (sheet, 2, margin - gap - len + 1, margin - 0.5, margin - gap - 1, margin + 0.5), <, 200);
      g_assert_cmpint (darkest (sheet, 2, margin - 0.5, margin - gap - len + 1, margin + 0.5, margin - gap - 1), <, 200);
      g_assert_cmpint (darkest (sheet, 2, w - margin + gap + 1, margin - 0.5, w - margin + gap + len - 1, margin + 0.5), <, 200);
      g_assert_cmpint (darkest (sheet, 2, margin - gap - len + 1, h - margin - 0.5, margin - gap - 1, h - margin + 0.5), <, 200);
      g_assert_cmpint (darkest (sheet, 2, w - margin - 0.5, h - margin + gap + 1, w - margin + 0.5, h - margin + gap + len - 1), <, 200);
      /* Nothing but white at the very corner of the sheet. */
      g_assert_cmpint (darkest (sheet, 2, 0, 0, margin - gap - len - 1, margin - gap - len - 1), ==, 255);
      cairo_surface_destroy (sheet);
    }

  /* Every quote is somewhere on the poster. */
  all = tf_test_pdf_text (doc);
  for (guint i = 0; i < f->quotes->len; i++)
    {
      /* A quote cut by a sheet's edge is split across two pages: check its
       * first word only. */
      g_auto(GStrv) words = g_strsplit (g_ptr_array_index (f->quotes, i), " ", 2);
      g_assert_true (tf_test_has_text (all, words[0]));
    }
}

/* The width, in points, of the run of note-coloured pixels on row @y
 * (in points) starting at the first such pixel. */
static double
note_run (cairo_surface_t *surface,
          double           scale,
          int              row)
{
  int w = cairo_image_surface_get_width (surface);
  int start = -1, end = -1;

  for (int x = 0; x < w; x++)
    {
      guint32 p = tf_test_pixel (surface, x, row);
      gboolean yellow = ((p >> 16) & 0xff) > 200 && ((p >> 8) & 0xff) > 180 && (p & 0xff) < 170;

      if (yellow && start < 0)
        start = x;
      if (!yellow && start >= 0)
        {
          end = x;
          break;
        }
    }
  if (start < 0)
    return 0;
  return (end - start) / scale;
}

static void
test_poster_real_size (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "real.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  cairo_surface_t *sheet;
  double scale = 4.0, width = 0;
  int height, row;
  guint pages = 0;

  tf_export_options_init (&options);
  options.scale = 1.0;
  g_assert_true (tf_export_run (TF_EXPORT_POSTER, f->source, &options, path, NULL, NULL, NULL, &pages, &error));
  g_assert_no_error (error);
  /* 728 units (the wall and its border) at 0.38 mm: 277 mm, two A4 sheets each way. */
  g_assert_cmpuint (pages, ==, 4);

  doc = tf_test_open_pdf (path);
  sheet = render_page (doc, 0, scale);
  height = cairo_image_surface_get_height (sheet);
  /* The first row that meets a note: there, the note's top edge. */
  for (row = 0; row < height && note_run (sheet, scale, row) == 0; row++)
    ;
  g_assert_cmpint (row, <, height);
  /* A little lower, in the glued band: no text to interrupt the run. */
  width = note_run (sheet, scale, row + (int) (4 * scale));
  g_test_message ("a medium note prints %.2f mm wide", width / PT_PER_MM);
  g_assert_cmpfloat (fabs (width / PT_PER_MM - 76.0), <=, 0.5);
  cairo_surface_destroy (sheet);
}

static void
test_poster_refusals (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "poster.pdf");
  g_autoptr(GError) error = NULL;

  tf_export_options_init (&options);
  options.paper = TF_PAPER_A1;
  options.scale = 1;
  g_assert_false (tf_export_run (TF_EXPORT_POSTER, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_INVALID);
  g_clear_error (&error);

  options.paper = TF_PAPER_A4;
  options.scale = 50;
  g_assert_false (tf_export_run (TF_EXPORT_POSTER, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_TOO_LARGE);
  g_assert_cmpuint (count_outputs (f->dir), ==, 0);
}

/* The report */

static void
check_outline (PopplerDocument *doc,
               PopplerIndexIter *iter,
               GPtrArray        *titles,
               int               depth)
{
  do
    {
      g_autoptr(PopplerAction) action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child;
      PopplerDest *dest;
      int page = -1;

      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      dest = action->goto_dest.dest;
      if (dest->type == POPPLER_DEST_NAMED)
        {
          PopplerDest *named = poppler_document_find_dest (doc, dest->named_dest);

          g_assert_nonnull (named);
          page = named->page_num;
          poppler_dest_free (named);
        }
      else
        page = dest->page_num;
      /* The bookmark leads to the page that starts with its title. */
      g_assert_cmpint (page, >=, 1);
      {
        g_autofree char *text = tf_test_pdf_page_text (doc, page - 1);
        g_assert_true (tf_test_has_text (text, action->any.title));
      }
      g_ptr_array_add (titles, g_strdup_printf ("%d:%s", depth, action->any.title));

      child = poppler_index_iter_get_child (iter);
      if (child != NULL)
        check_outline (doc, child, titles, depth + 1);
      poppler_index_iter_free (child);
    }
  while (poppler_index_iter_next (iter));
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "report.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *all = NULL;
  g_autofree char *cover = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *title = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *joined = NULL;
  PopplerIndexIter *iter;
  guint pages = 0;
  int n;

  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_REPORT, f->source, &options, path, NULL, on_progress, fractions, &pages, &error));
  g_assert_no_error (error);
  doc = tf_test_open_pdf (path);
  n = poppler_document_get_n_pages (doc);
  g_assert_cmpint (n, ==, (int) pages);
  g_assert_cmpint (n, >=, 6);
  assert_page_size (doc, 0, A4_W, A4_H);

  /* Progress goes up to 1. */
  g_assert_cmpuint (fractions->len, >=, pages);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  /* Metadata. */
  title = poppler_document_get_title (doc);
  g_assert_cmpstr (title, ==, "Laboratoire d'innovation régional — Nord-Pas de Calais");
  creator = poppler_document_get_creator (doc);
  g_assert_cmpstr (creator, ==, "Transfo " PACKAGE_VERSION);
  keywords = poppler_document_get_keywords (doc);
  g_assert_nonnull (strstr (keywords, "élus"));

  /* The cover: title, place, dates, phase, team roles. */
  cover = tf_test_pdf_page_text (doc, 0);
  g_assert_true (tf_test_has_text (cover, "EXPERIMENT REPORT"));
  g_assert_true (tf_test_has_text (cover, "Siège du conseil régional, Lille"));
  g_assert_true (tf_test_has_text (cover, "1 October 2009 – 15 December 2009"));
  g_assert_true (tf_test_has_text (cover, "Review"));
  g_assert_true (tf_test_has_text (cover, "Une anthropologue-vidéaste"));

  /* The contents, with page numbers. */
  contents = tf_test_pdf_page_text (doc, 1);
  g_assert_true (tf_test_has_text (contents, "Contents"));
  g_assert_true (tf_test_has_text (contents, "Lessons learned"));
  g_assert_true (tf_test_has_text (contents, "Insights by cluster"));

  /* Each line of the contents is a link to its section's page. */
  {
    g_autoptr(PopplerPage) page = poppler_document_get_page (doc, 1);
    GList *links = poppler_page_get_link_mapping (page);

    g_assert_cmpuint (g_list_length (links), >=, 10);
    for (GList *l = links; l != NULL; l = l->next)
      {
        PopplerLinkMapping *link = l->data;
        PopplerDest *dest;

        g_assert_cmpint (link->action->type, ==, POPPLER_ACTION_GOTO_DEST);
        g_assert_cmpint (link->action->goto_dest.dest->type, ==, POPPLER_DEST_NAMED);
        dest = poppler_document_find_dest (doc, link->action->goto_dest.dest->named_dest);
        g_assert_nonnull (dest);
        g_assert_cmpint (dest->page_num, >=, 3);
        g_assert_cmpint (dest->page_num, <=, n);
        poppler_dest_free (dest);
      }
    poppler_page_free_link_mapping (links);
  }

  /* Flowing text and every insight, with their clusters. */
  all = tf_test_pdf_text (doc);
  g_assert_true (tf_test_has_text (all, "Les compétences existent au sein de la collectivité"));
  g_assert_true (tf_test_has_text (all, "d'innovation régional lui-même."));
  assert_every_quote (f, all);
  g_assert_true (tf_test_has_text (all, "Kit du mandat"));
  g_assert_true (tf_test_has_text (all, "page 3/"));

  /* The outline: every section, each leading to its page. */
  iter = poppler_index_iter_new (doc);
  g_assert_nonnull (iter);
  check_outline (doc, iter, titles, 0);
  poppler_index_iter_free (iter);
  g_ptr_array_add (titles, NULL);
  joined = g_strjoinv ("|", (char **) titles->pdata);
  g_test_message ("outline: %s", joined);
  /* In this order, with whatever other boards the demo has in between. */
  {
    static const char * const expected[] = {
      "0:Contents", "0:The experiment", "1:Context", "1:Projects and outcomes", "0:Lessons learned",
      "0:Insights de la résidence", "0:Insights by cluster", "1:Co-laboratoire", "1:Kit du mandat",
      "1:Suite-projet", "1:Transfo",
    };
    const char *at = joined;

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        const char *found = strstr (at, expected[i]);

        if (found == NULL)
          g_error ("“%s” missing from the outline, or out of order: %s", expected[i], joined);
        at = found + strlen (expected[i]);
      }
    g_assert_true (g_str_has_prefix (joined, "0:Contents|0:The experiment|1:Context"));
  }
}

/* Card sheets */

static void
test_cards (Fixture       *f,
            gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "cards.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *fronts = NULL;
  g_autofree char *back = NULL;
  g_autofree char *front1 = NULL;
  g_autofree char *front2 = NULL;
  cairo_surface_t *surface;
  double card_w = 95 * PT_PER_MM, card_h = 65 * PT_PER_MM;
  double x0 = (A4_W - 2 * card_w) / 2, y0 = (A4_H - 4 * card_h) / 2;
  guint pages = 0;

  /* Nine insights, eight cards a sheet: two sheets. */
  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_CARDS, f->source, &options, path, NULL, NULL, NULL, &pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages, ==, 2);
  g_clear_object (&doc);

  /* With backs: front, back, front, back. */
  options.back = TRUE;
  g_assert_true (tf_export_run (TF_EXPORT_CARDS, f->source, &options, path, NULL, NULL, NULL, &pages, &error));
  g_assert_cmpuint (pages, ==, 4);
  doc = tf_test_open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 4);
  for (int i = 0; i < 4; i++)
    assert_page_size (doc, i, A4_W, A4_H);
  front1 = tf_test_pdf_page_text (doc, 0);
  front2 = tf_test_pdf_page_text (doc, 2);
  fronts = g_strconcat (front1, front2, NULL);
  assert_every_quote (f, fronts);
  /* The source's category at the foot of each card. */
  g_assert_true (tf_test_has_text (front1, tf_source_get_label (TF_SOURCE_STAFF)));
  back = tf_test_pdf_page_text (doc, 3);
  g_assert_true (tf_test_has_text (back, "Laboratoire d'innovation régional"));
  g_assert_false (tf_test_has_text (back, "On aurait besoin"));

  /* The ninth card is alone on the second sheet, top left; its back is
   * mirrored to the top right, so it lands behind it in duplex. */
  surface = render_page (doc, 2, 1.0);
  g_assert_cmpint (darkest (surface, 1, x0 + 20, y0 + 20, x0 + card_w - 20, y0 + card_h - 20), <, 100);
  g_assert_cmpint (darkest (surface, 1, x0 + card_w + 20, y0 + 20, x0 + 2 * card_w - 20, y0 + card_h - 20), ==, 255);
  cairo_surface_destroy (surface);
  surface = render_page (doc, 3, 1.0);
  g_assert_cmpint (darkest (surface, 1, x0 + 20, y0 + 20, x0 + card_w - 20, y0 + card_h - 20), ==, 255);
  g_assert_cmpint (darkest (surface, 1, x0 + card_w + 20, y0 + 20, x0 + 2 * card_w - 20, y0 + card_h - 20), <, 200);
  cairo_surface_destroy (surface);
}

static void
test_starters (Fixture       *f,
               gconstpointer  data)
{
  static const char * const starters[] = {
    "Quel outil utilisez-vous le plus dans votre journée ?",
    "Racontez la dernière réunion qui vous a été utile.",
    "   ",
    "Qu'est-ce qui vous fait perdre du temps chaque semaine ?",
    NULL,
  };
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "starters.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *text = NULL;
  guint pages = 0;

  tf_export_options_init (&options);
  options.paper = TF_PAPER_LETTER;
  options.back = TRUE;
  options.starters = g_strdupv ((char **) starters);
  g_assert_true (tf_export_run (TF_EXPORT_STARTERS, f->source, &options, path, NULL, NULL, NULL, &pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages, ==, 2);
  doc = tf_test_open_pdf (path);
  assert_page_size (doc, 0, 612, 792);
  text = tf_test_pdf_page_text (doc, 0);
  g_assert_true (tf_test_has_text (text, starters[0]));
  g_assert_true (tf_test_has_text (text, starters[1]));
  g_assert_true (tf_test_has_text (text, starters[3]));
  g_assert_true (tf_test_has_text (text, "DISCUSSION CARD"));

  /* Nothing to print: refused, nothing written. */
  g_unlink (path);
  g_strfreev (options.starters);
  options.starters = g_strsplit ("  \n \n", "\n", -1);
  g_assert_false (tf_export_run (TF_EXPORT_STARTERS, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_EMPTY);
  g_assert_cmpuint (count_outputs (f->dir), ==, 0);
}

/* PNG and SVG */

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "board.png");
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  double ppu = 150 / 25.4 * 0.38;
  int width, height;

  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_PNG, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* The wall is 680 units and 24 units of border each side, at 150 dpi of real size. */
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  g_assert_cmpint (width, ==, (int) ceil (728 * ppu));
  g_assert_cmpint (height, ==, (int) ceil (728 * ppu));
  /* Paper around, the first note's yellow in its glued band. */
  g_assert_true (near_color (tf_test_pixel (image, 3, 3), TF_PAPER_RGB, 2));
  g_assert_true (near_color (tf_test_pixel (image, (int) ((24 + 100) * ppu), (int) ((24 + 8) * ppu)),
                             tf_note_color_lookup ("yellow")->rgb, 14));
  cairo_surface_destroy (image);

  /* Too big a bitmap is refused with the resolution that would do. */
  g_unlink (path);
  options.dpi = 2400;
  g_assert_false (tf_export_run (TF_EXPORT_PNG, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "20000"));
  g_assert_cmpuint (count_outputs (f->dir), ==, 0);
}

typedef struct {
  GString *text;
  int      in_text;
} SvgState;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgState *state = user_data;

  if (g_str_equal (element, "text"))
    state->in_text++;
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  SvgState *state = user_data;

  if (g_str_equal (element, "text"))
    state->in_text--;
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              user_data,
          GError              **error)
{
  SvgState *state = user_data;

  if (state->in_text > 0)
    g_string_append_len (state->text, text, length);
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "board.svg");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *squeezed = NULL;
  SvgState state = { g_string_new (NULL), 0 };
  GMarkupParseContext *context;
  gsize length;

  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_SVG, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* Vector, at real size: 728 units at 0.38 mm. */
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"784.1"));

  /* Well-formed, with every quote as text. */
  context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  squeezed = tf_test_squeeze (state.text->str);
  assert_every_quote (f, squeezed);
  g_string_free (state.text, TRUE);
}

/* A reference render */

static void
test_reference (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TfExportSource) source = clustered_source ();
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "reference.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  cairo_surface_t *render;

  /* No title block: it holds today's date. */
  tf_export_options_init (&options);
  options.title_block = FALSE;
  options.orientation = TF_ORIENTATION_LANDSCAPE;
  g_assert_true (tf_export_run (TF_EXPORT_BOARD, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = tf_test_open_pdf (path);
  render = render_page (doc, 0, 1.0);
  tf_test_assert_reference (render, "export-board.png", 24, 0.01);
  cairo_surface_destroy (render);
}

/* Failures leave nothing behind */

static void
test_missing_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "nowhere", "board.pdf", NULL);
  g_auto(TfExportOptions) options = { 0 };
  g_autoptr(GError) error = NULL;

  tf_export_options_init (&options);
  for (TfExportKind kind = 0; kind < TF_N_EXPORT_KINDS; kind++)
    {
      if (kind == TF_EXPORT_STARTERS)
        continue;
      g_assert_false (tf_export_run (kind, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "board.pdf"));
      g_clear_error (&error);
    }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_outputs (f->dir), ==, 0);
}

static void
cancel_on_first_page (double   fraction,
                      gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = out_path (f, "cancelled.pdf");
  g_auto(TfExportOptions) options = { 0 };
  const TfExportKind kinds[] = { TF_EXPORT_REPORT, TF_EXPORT_POSTER, TF_EXPORT_CARDS, TF_EXPORT_BOARD,
                                 TF_EXPORT_PNG, TF_EXPORT_SVG };

  /* An older export is there: a cancelled one leaves it alone. */
  g_assert_true (g_file_set_contents (path, "older", -1, NULL));
  tf_export_options_init (&options);
  options.columns = 2;
  options.rows = 2;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;

      g_assert_false (tf_export_run (kinds[k], f->source, &options, path, cancellable, cancel_on_first_page,
                                     cancellable, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      /* No temporary file left, the old file untouched. */
      g_assert_cmpuint (count_outputs (f->dir), ==, 1);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, "older");
    }
}

/* A full disk: a small filesystem in a mount namespace of our own (root). */
static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "small", NULL);
  pid_t pid;
  int status = 0;

  if (geteuid () != 0)
    {
      g_test_skip ("mounting a small filesystem needs root");
      return;
    }
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      const TfExportKind kinds[] = { TF_EXPORT_POSTER, TF_EXPORT_PNG, TF_EXPORT_SVG };
      g_autofree char *path = g_build_filename (dir, "export.out", NULL);
      TfExportOptions options;

      if (unshare (CLONE_NEWNS) != 0 || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
          mount ("tmpfs", dir, "tmpfs", 0, "size=8k") != 0)
        _exit (10);
      if (!g_file_set_contents (path, "old export", -1, NULL))
        _exit (11);
      tf_export_options_init (&options);
      /* Big enough not to fit in what the old export leaves (a wall's SVG,
       * written from its items, is a few kB): 64 sheets, a 1634-pixel image, a
       * vector wall. */
      options.columns = 8;
      options.rows = 8;
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          GError *error = NULL;
          g_autofree char *contents = NULL;

          if (tf_export_run (kinds[k], f->source, &options, path, NULL, NULL, NULL, NULL, &error))
            _exit (20 + k);
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE) || strstr (error->message, "export.out") == NULL)
            _exit (30 + k);
          if (!g_file_get_contents (path, &contents, NULL, NULL) || !g_str_equal (contents, "old export"))
            _exit (40 + k);
          if (count_outputs (dir) != 1)
            _exit (50 + k);
          g_error_free (error);
        }
      umount (dir);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 10)
    g_test_skip ("this machine does not allow a private mount namespace");
  else
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  guint *pages = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (tf_export_run_finish (result, pages, &error));
  g_assert_no_error (error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = out_path (f, "async.pdf");
  g_auto(TfExportOptions) options = { 0 };
  guint pages = 0;

  tf_export_options_init (&options);
  options.columns = 2;
  options.rows = 1;
  tf_export_run_async (TF_EXPORT_POSTER, f->source, &options, path, NULL, NULL, NULL, on_exported, &pages);
  while (pages == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (pages, ==, 2);
  /* The worker thread lets go of the snapshot just after the callback ran:
   * wait for it (at most five seconds), so tear-down can check nothing leaks. */
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (g_atomic_int_get (&G_OBJECT (f->source)->ref_count) > 1 && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
  }
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* A plain-text block goes to cairo in one call for all its lines (a PDF
 * page records each call): the PDF still holds every line, in order, each
 * on a line of its own, with no word run into the next. */
static void
test_text_block_lines (void)
{
  const char *text = "Personne ne sait où trouver information quand je reçois un document avant demain.";
  g_autofree char *dir = g_dir_make_tmp ("transfo-test-block-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "block.pdf", NULL);
  g_autoptr(TfTextBlock) block = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autofree char *extracted = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  PangoContext *context = tf_text_context_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_lines = 0;

  block = tf_text_block_fit (context, text, 160, 160, 18, 18);
  g_assert_nonnull (block);

  surface = cairo_pdf_surface_create (path, 200, 200);
  cr = cairo_create (surface);
  tf_text_block_draw (block, cr, 20, 20);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  doc = tf_test_open_pdf (path);
  page = poppler_document_get_page (doc, 0);
  extracted = poppler_page_get_text (page);
  lines = g_strsplit (extracted, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, lines[i]);
      n_lines++;
    }
  g_assert_cmpuint (n_lines, >=, 3);
  g_assert_cmpstr (joined->str, ==, text);

  g_unlink (path);
  g_rmdir (dir);
  g_object_unref (context);
}

/* Previews: the exporter's own pages drawn straight at a small size */

static void
keep_page (guint            index,
           cairo_surface_t *page,
           double           width_pt,
           double           height_pt,
           gpointer         user_data)
{
  GPtrArray *pages = user_data;

  g_assert_cmpuint (index, ==, pages->len);
  g_assert_cmpint (cairo_image_surface_get_format (page), ==, CAIRO_FORMAT_ARGB32);
  g_ptr_array_add (pages, cairo_surface_reference (page));
}

/* Mean absolute difference of two images' grey levels, over the smaller. */
static double
mean_difference (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  int w = MIN (cairo_image_surface_get_width (a), cairo_image_surface_get_width (b));
  int h = MIN (cairo_image_surface_get_height (a), cairo_image_surface_get_height (b));
  double sum = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      sum += ABS (luminance (tf_test_pixel (a, x, y)) - luminance (tf_test_pixel (b, x, y)));
  return sum / MAX (w * h, 1);
}

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  static const TfExportKind kinds[] = {
    TF_EXPORT_BOARD, TF_EXPORT_POSTER, TF_EXPORT_REPORT, TF_EXPORT_CARDS, TF_EXPORT_STARTERS,
  };
  const int longest = 300;
  const double scale = longest / A4_H;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_auto(TfExportOptions) options = { 0 };
      g_autofree char *path = g_strdup_printf ("%s/preview-%u.pdf", f->dir, k);
      g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
      g_autoptr(GError) error = NULL;
      g_autoptr(PopplerDocument) doc = NULL;
      guint outputs, n_pdf = 0, n_preview = 0;

      tf_export_options_init (&options);
      if (kinds[k] == TF_EXPORT_POSTER)
        options.columns = 2, options.rows = 2;
      if (kinds[k] == TF_EXPORT_STARTERS)
        options.starters = g_strsplit ("What surprised you?|Who was missing?|What would you keep?", "|", -1);
      g_assert_true (tf_export_run (kinds[k], f->source, &options, path, NULL, NULL, NULL, &n_pdf, &error));
      g_assert_no_error (error);
      doc = tf_test_open_pdf (path);
      outputs = count_outputs (f->dir);

      g_assert_true (tf_export_preview (kinds[k], f->source, &options, longest, 3, NULL, keep_page, pages,
                                        &n_preview, &error));
      g_assert_no_error (error);
      /* The same pages as the document, the first three drawn, no file. */
      g_assert_cmpuint (n_preview, ==, n_pdf);
      g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) n_pdf);
      g_assert_cmpuint (pages->len, ==, MIN (n_pdf, 3));
      g_assert_cmpuint (count_outputs (f->dir), ==, outputs);

      for (guint i = 0; i < pages->len; i++)
        {
          cairo_surface_t *page = g_ptr_array_index (pages, i);
          cairo_surface_t *pdf = render_page (doc, (int) i, scale);
          double difference = mean_difference (page, pdf);

          /* The page's size and, roughly, its look: text and details differ
           * at this size (levels of detail), the layout does not. */
          g_assert_cmpint (ABS (cairo_image_surface_get_width (page) - cairo_image_surface_get_width (pdf)), <=, 1);
          g_assert_cmpint (ABS (cairo_image_surface_get_height (page) - cairo_image_surface_get_height (pdf)), <=, 1);
          g_test_message ("kind %d page %u: mean difference %.2f", kinds[k], i, difference);
          if (g_getenv ("TF_TEST_SAVE_PREVIEW") != NULL)
            {
              g_autofree char *a = g_strdup_printf ("/tmp/preview-%d-%u.png", kinds[k], i);
              g_autofree char *b = g_strdup_printf ("/tmp/pdf-%d-%u.png", kinds[k], i);

              cairo_surface_write_to_png (page, a);
              cairo_surface_write_to_png (pdf, b);
            }
          g_assert_cmpfloat (difference, <, 12.0);
          cairo_surface_destroy (pdf);
        }
    }
}

static void
test_preview_blank_differs (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "board.pdf");
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  cairo_surface_t *blank, *pdf;
  cairo_t *cr;
  guint n = 0;

  /* The comparison above can fail: a white page is further than 12 from the board. */
  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_BOARD, f->source, &options, path, NULL, NULL, NULL, &n, &error));
  doc = tf_test_open_pdf (path);
  pdf = render_page (doc, 0, 300 / A4_H);
  blank = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width (pdf),
                                      cairo_image_surface_get_height (pdf));
  cr = cairo_create (blank);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_test_message ("blank page: mean difference %.2f", mean_difference (blank, pdf));
  g_assert_cmpfloat (mean_difference (blank, pdf), >, 12.0);
  cairo_surface_destroy (blank);
  cairo_surface_destroy (pdf);

  /* PNG and SVG: one image of the board, with the export's proportions. */
  for (TfExportKind kind = TF_EXPORT_PNG; kind <= TF_EXPORT_SVG; kind++)
    {
      int width = 0, height = 0;
      cairo_surface_t *image;

      g_ptr_array_set_size (pages, 0);
      g_assert_true (tf_export_png_size (f->source, &options, &width, &height, &error));
      g_assert_true (tf_export_preview (kind, f->source, &options, 300, 3, NULL, keep_page, pages, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpuint (pages->len, ==, 1);
      image = g_ptr_array_index (pages, 0);
      g_assert_cmpint (MAX (cairo_image_surface_get_width (image), cairo_image_surface_get_height (image)), ==, 300);
      g_assert_cmpfloat (fabs (cairo_image_surface_get_width (image) / (double) cairo_image_surface_get_height (image) -
                               width / (double) height), <, 0.02);
    }
  g_ptr_array_set_size (pages, 0);

  /* A cancelled preview draws nothing. */
  g_cancellable_cancel (cancellable);
  g_assert_false (tf_export_preview (TF_EXPORT_REPORT, f->source, &options, 300, 3, cancellable, keep_page,
                                     pages, &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (pages->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

#define ADD(path, func) g_test_add ("/transfo/export/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("board/a4", test_board_pdf);
  ADD ("board/papers", test_board_papers);
  ADD ("board/fixed-scale", test_board_fixed_scale);
  ADD ("board/never-printed", test_never_printed);
  ADD ("board/source-snapshot", test_source_snapshot);
  ADD ("board/reference", test_reference);
  ADD ("board/legend", test_legend);
  ADD ("board/specks", test_board_specks);
  ADD ("poster/grid", test_poster_grid);
  ADD ("poster/real-size", test_poster_real_size);
  ADD ("poster/refusals", test_poster_refusals);
  ADD ("report/demo", test_report);
  ADD ("report/insight-order", test_insight_order);
  ADD ("cards/insights", test_cards);
  ADD ("cards/starters", test_starters);
  ADD ("png", test_png);
  ADD ("preview/pages", test_preview);
  ADD ("preview/blank-differs", test_preview_blank_differs);
  ADD ("svg", test_svg);
  ADD ("failure/missing-folder", test_missing_folder);
  ADD ("failure/cancel", test_cancel);
  ADD ("failure/full-disk", test_full_disk);
  ADD ("async", test_async);
#undef ADD
  g_test_add_func ("/transfo/export/text-block-lines", test_text_block_lines);

  return g_test_run ();
}
