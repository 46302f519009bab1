/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo's blueprint through the export machinery, read back: Poppler
 * for PDFs (the lane, line, stage and step titles and every card's text,
 * whole and on the page), the SVG's text layer, the PNG's size, and the
 * report's section of findings. */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "blueprints/tf-blueprint-checks.h"
#include "blueprints/tf-blueprint-layout.h"
#include "blueprints/tf-blueprint.h"
#include "core/tf-archive.h"
#include "core/tf-board-type.h"
#include "exports/tf-export.h"
#include "tf-test-pdf.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

#define PT_PER_MM (72.0 / 25.4)

typedef struct {
  char           *dir;
  TfStore        *store;
  TfExportSource *source;
  guint           board;      /* the blueprint's index in the source */
  TfBlueprint    *bp;
  GPtrArray      *titles;     /* every grid title the export must show */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  f->dir = tf_test_make_dir ("blueprint-export");
  path = g_build_filename (f->dir, "archive.sqlite", NULL);
  f->store = tf_test_store_open (path, TF_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->source = tf_export_source_new_from_store (f->store, tf_archive_find_demo (f->store), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tf_export_source_get_n_boards (f->source) && !found; i++)
    if (tf_board_type_lookup (tf_board_get_kind_id (tf_export_source_get_board (f->source, i))) == &tf_blueprint_type)
      {
        f->board = i;
        found = TRUE;
      }
  g_assert_true (found);
  f->bp = tf_blueprint_from_scene (tf_export_source_get_scene (f->source, f->board));
  g_assert_cmpuint (f->bp->steps->len, >=, 6);
  g_assert_cmpuint (f->bp->stages->len, >=, 3);
  g_assert_cmpuint (f->bp->cards->len, >=, 30);
  g_assert_cmpuint (f->bp->arrows->len, >=, 10);

  f->titles = g_ptr_array_new ();
  for (guint i = 0; i < f->bp->lanes->len; i++)
    g_ptr_array_add (f->titles, (gpointer) tf_bp_lane_title (g_ptr_array_index (f->bp->lanes, i)));
  for (int line = 0; line < TF_BP_N_LINES; line++)
    g_ptr_array_add (f->titles, (gpointer) tf_bp_line_label (line));
  for (guint i = 0; i < f->bp->stages->len; i++)
    g_ptr_array_add (f->titles, ((TfBpStage *) g_ptr_array_index (f->bp->stages, i))->title);
  for (guint i = 0; i < f->bp->steps->len; i++)
    g_ptr_array_add (f->titles, ((TfBpStep *) g_ptr_array_index (f->bp->steps, i))->title);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->titles);
  tf_blueprint_free (f->bp);
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

/* Every title and every card's whole text is in @squeezed. */
static void
assert_everything (Fixture    *f,
                   const char *squeezed,
                   const char *what)
{
  for (guint i = 0; i < f->titles->len; i++)
    if (!tf_test_has_text (squeezed, g_ptr_array_index (f->titles, i)))
      g_error ("%s: title missing: %s", what, (char *) g_ptr_array_index (f->titles, i));
  for (guint i = 0; i < f->bp->cards->len; i++)
    {
      const TfBpCard *card = g_ptr_array_index (f->bp->cards, i);

      if (!tf_test_has_text (squeezed, card->text))
        g_error ("%s: card text missing or cut: %s", what, card->text);
    }
}

/* Every glyph of page @index lies inside the page, @margin points from its
 * edges: nothing printed is cut by the paper. Returns the page's text. */
static char *
page_text_inside (PopplerDocument *doc,
                  int              index,
                  double           margin)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *boxes = NULL;
  guint n_boxes = 0;
  double w, h;

  poppler_page_get_size (page, &w, &h);
  g_assert_true (poppler_page_get_text_layout (page, &boxes, &n_boxes));
  g_assert_cmpuint (n_boxes, >, 0);
  for (guint i = 0; i < n_boxes; i++)
    {
      /* Line breaks have boxes of no size. */
      if (boxes[i].x2 - boxes[i].x1 <= 0.01)
        continue;
      g_assert_cmpfloat (boxes[i].x1, >=, margin);
      g_assert_cmpfloat (boxes[i].y1, >=, margin);
      g_assert_cmpfloat (boxes[i].x2, <=, w - margin);
      g_assert_cmpfloat (boxes[i].y2, <=, h - margin);
    }
  g_free (boxes);
  return tf_test_squeeze (text);
}

static void
export_board_pdf (Fixture *f,
                  TfPaper  paper,
                  double   expected_w,
                  double   expected_h)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "blueprint.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autofree char *text = NULL;
  guint pages = 0;
  double w, h;

  tf_export_options_init (&options);
  options.paper = paper;
  options.board = f->board;
  g_assert_true (tf_export_run (TF_EXPORT_BOARD, f->source, &options, path, NULL, NULL, NULL, &pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages, ==, 1);

  doc = tf_test_open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, &w, &h);
  /* A blueprint is wide: landscape. */
  g_assert_cmpfloat_with_epsilon (w, expected_w, 0.05);
  g_assert_cmpfloat_with_epsilon (h, expected_h, 0.05);
  /* Nothing within 3 mm of the paper's edge (the title block is at 4.5). */
  text = page_text_inside (doc, 0, 3 * PT_PER_MM);
  assert_everything (f, text, tf_paper_to_id (paper));
  g_assert_true (tf_test_has_text (text, tf_board_get_name (tf_export_source_get_board (f->source, f->board))));
  g_unlink (path);
}

static void
test_pdf_a3 (Fixture       *f,
             gconstpointer  data)
{
  export_board_pdf (f, TF_PAPER_A3, 420 * PT_PER_MM, 297 * PT_PER_MM);
}

static void
test_pdf_a4 (Fixture       *f,
             gconstpointer  data)
{
  export_board_pdf (f, TF_PAPER_A4, 297 * PT_PER_MM, 210 * PT_PER_MM);
}

/* A wall poster of A4 sheets: the lane titles, at the left, are on the
 * sheets of the first column; every title is somewhere. */
static void
test_poster (Fixture       *f,
             gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "poster.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  guint pages = 0;

  tf_export_options_init (&options);
  options.board = f->board;
  options.columns = 3;
  options.rows = 2;
  g_assert_true (tf_export_run (TF_EXPORT_POSTER, f->source, &options, path, NULL, NULL, NULL, &pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages, ==, 6);
  doc = tf_test_open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 6);
  for (int i = 0; i < 6; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *squeezed = tf_test_squeeze (text);

      g_string_append (all, squeezed);
    }
  for (guint i = 0; i < f->bp->lanes->len; i++)
    g_assert_true (tf_test_has_text (all->str, tf_bp_lane_title (g_ptr_array_index (f->bp->lanes, i))));
  for (int line = 0; line < TF_BP_N_LINES; line++)
    g_assert_true (tf_test_has_text (all->str, tf_bp_line_label (line)));
}

static void
test_png (Fixture       *f,
          gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "blueprint.png");
  g_autoptr(GError) error = NULL;
  g_autoptr(TfBpLayout) layout = tf_blueprint_layout (f->bp);
  TfRect extents = tf_scene_get_extents (tf_export_source_get_scene (f->source, f->board));
  double ppu = 150 / 25.4 * 0.38;
  cairo_surface_t *image;
  int width = 0, height = 0;

  tf_export_options_init (&options);
  options.board = f->board;
  g_assert_true (tf_export_run (TF_EXPORT_PNG, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  /* The grid is the board: the scene's extents are the layout's bounds,
   * printed with 24 units of border each side at 150 dpi of real size. */
  g_assert_cmpfloat_with_epsilon (extents.width, layout->bounds.width, 0.5);
  g_assert_cmpfloat_with_epsilon (extents.height, layout->bounds.height, 0.5);
  g_assert_true (tf_export_png_size (f->source, &options, &width, &height, &error));
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, height);
  g_assert_cmpint (width, ==, (int) ceil ((layout->bounds.width + 48) * ppu));
  g_assert_cmpint (height, ==, (int) ceil ((layout->bounds.height + 48) * ppu));
  cairo_surface_destroy (image);
}

/* The SVG's invisible text layer: every card, and the grid's titles. */
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
  if (g_str_equal (element, "text"))
    ((SvgState *) user_data)->in_text++;
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  if (g_str_equal (element, "text"))
    ((SvgState *) user_data)->in_text--;
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
    {
      g_string_append_len (state->text, text, length);
      g_string_append_c (state->text, '\n');
    }
}

static void
test_svg (Fixture       *f,
          gconstpointer  data)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "blueprint.svg");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *squeezed = NULL;
  SvgState state = { g_string_new (NULL), 0 };
  GMarkupParseContext *context;
  gsize length;

  tf_export_options_init (&options);
  options.board = f->board;
  g_assert_true (tf_export_run (TF_EXPORT_SVG, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  squeezed = tf_test_squeeze (state.text->str);
  assert_everything (f, squeezed, "svg");
  g_string_free (state.text, TRUE);
}

/* The report: the blueprint's page, then a section of its findings. */
static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *path = out_path (f, "report.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GPtrArray) findings = tf_blueprint_check (f->bp, NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *section = NULL;
  const char *name = tf_board_get_name (tf_export_source_get_board (f->source, f->board));

  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_REPORT, f->source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = tf_test_open_pdf (path);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *squeezed = tf_test_squeeze (text);

      g_string_append (all, squeezed);
    }
  /* The board's page shows the grid's titles. */
  for (guint i = 0; i < f->bp->lanes->len; i++)
    g_assert_true (tf_test_has_text (all->str, tf_bp_lane_title (g_ptr_array_index (f->bp->lanes, i))));
  /* The findings' section, after it: every finding's check and message. */
  section = g_strdup_printf ("Blueprint checks: %s", name);
  g_assert_true (tf_test_has_text (all->str, section));
  g_assert_cmpuint (findings->len, >, 0);
  for (guint i = 0; i < findings->len; i++)
    {
      const TfBpFinding *finding = g_ptr_array_index (findings, i);

      g_assert_true (tf_test_has_text (all->str, finding->check->id));
      g_assert_true (tf_test_has_text (all->str, finding->message));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

#define ADD(path, func) \
  g_test_add ("/transfo/blueprint-export/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("pdf-a3", test_pdf_a3);
  ADD ("pdf-a4", test_pdf_a4);
  ADD ("poster", test_poster);
  ADD ("png", test_png);
  ADD ("svg", test_svg);
  ADD ("report", test_report);
#undef ADD

  return g_test_run ();
}
