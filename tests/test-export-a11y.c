/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the exports say to who cannot see them, read back: the structure
 * tree of tagged PDFs with Poppler (the report's reading order, the
 * figures' alternative text, a 2,000-note wall whose every quote stays in
 * it), the incremental update that adds what cairo 1.16 cannot write;
 * PNG chunks (resolution, colour space); an SVG's title, description and
 * language. */
#include "config.h"

#include <locale.h>
#include <poppler.h>
#include <string.h>

#include "canvas/tf-item-kinds.h"
#include "core/tf-archive.h"
#include "exports/tf-export.h"
#include "exports/tf-export-private.h"
#include "exports/tf-pdf-amend.h"
#include "insights/tf-note-kind.h"
#include "tf-test-pdf.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

typedef struct {
  PopplerStructureElementKind kind;
  char                       *text;   /* squeezed, recursive */
  char                       *alt;
} Element;

static void
element_clear (gpointer data)
{
  Element *e = data;

  g_free (e->text);
  g_free (e->alt);
}

/* Every structure element of @iter and below, depth first (the reading
 * order). */
static void
collect (PopplerStructureElementIter *iter,
         GArray                      *elements)
{
  do
    {
      PopplerStructureElement *element = poppler_structure_element_iter_get_element (iter);
      PopplerStructureElementIter *child = poppler_structure_element_iter_get_child (iter);
      g_autofree char *text = poppler_structure_element_get_text (element, POPPLER_STRUCTURE_GET_TEXT_RECURSIVE);
      Element e = {
        poppler_structure_element_get_kind (element),
        tf_test_squeeze (text != NULL ? text : ""),
        poppler_structure_element_get_alt_text (element),
      };

      g_array_append_val (elements, e);
      g_object_unref (element);
      if (child != NULL)
        {
          collect (child, elements);
          poppler_structure_element_iter_free (child);
        }
    }
  while (poppler_structure_element_iter_next (iter));
}

static GArray *
structure_of (PopplerDocument *doc)
{
  GArray *elements = g_array_new (FALSE, TRUE, sizeof (Element));
  PopplerStructureElementIter *iter = poppler_structure_element_iter_new (doc);

  g_array_set_clear_func (elements, element_clear);
  g_assert_nonnull (iter);
  collect (iter, elements);
  poppler_structure_element_iter_free (iter);
  return elements;
}

static guint
count_kind (GArray                      *elements,
            PopplerStructureElementKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < elements->len; i++)
    n += g_array_index (elements, Element, i).kind == kind;
  return n;
}

/* The first figure whose alternative text holds @text, or NULL. */
static const Element *
figure_saying (GArray     *elements,
               const char *text)
{
  for (guint i = 0; i < elements->len; i++)
    {
      const Element *e = &g_array_index (elements, Element, i);

      if (e->kind == POPPLER_STRUCTURE_ELEMENT_FIGURE && e->alt != NULL && strstr (e->alt, text) != NULL)
        return e;
    }
  return NULL;
}

/* Whether the quotes of @quotes come in this order in @text. */
static gboolean
in_order (const char *text,
          GPtrArray  *quotes)
{
  const char *at = text;

  for (guint i = 0; i < quotes->len; i++)
    {
      at = strstr (at, g_ptr_array_index (quotes, i));
      if (at == NULL)
        return FALSE;
      at += strlen (g_ptr_array_index (quotes, i));
    }
  return TRUE;
}

/* The demo's report: a tagged document with its contents as TOC/TOCI
 * items holding their links, headings, and a figure for each board whose
 * alternative text says it (the wall's: every quote in reading order).
 * That each insight of the list is one paragraph (its quote, then who
 * said it) is checked by tests/test-cli-pdf-check.sh on the content
 * streams: Poppler 22.12 stops reading a structure element's text at
 * the first marked span inside it. */
static void
test_report_order (void)
{
  g_autofree char *dir = tf_test_make_dir ("export-a11y");
  g_autofree char *archive = g_build_filename (dir, "archive.sqlite", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_test_store_open (archive, TF_STORE_OPEN_CREATE, &error);
  g_autoptr(TfExportSource) source = NULL;
  g_auto(TfExportOptions) options = { 0 };
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GArray) elements = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  const TfBoardType *type;
  TfScene *wall;
  const Element *figure;

  g_assert_no_error (error);
  source = tf_export_source_new_from_store (store, tf_archive_find_demo (store), &error);
  g_assert_no_error (error);
  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_REPORT, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  doc = tf_test_open_pdf (path);
  elements = structure_of (doc);
  g_assert_cmpint (g_array_index (elements, Element, 0).kind, ==, POPPLER_STRUCTURE_ELEMENT_DOCUMENT);
  g_assert_cmpuint (count_kind (elements, POPPLER_STRUCTURE_ELEMENT_TOC), ==, 1);
  g_assert_cmpuint (count_kind (elements, POPPLER_STRUCTURE_ELEMENT_TOC_ITEM), >=, 6);
  g_assert_cmpuint (count_kind (elements, POPPLER_STRUCTURE_ELEMENT_LINK), >=, 6);
  g_assert_cmpuint (count_kind (elements, POPPLER_STRUCTURE_ELEMENT_HEADING_1), >=, 6);
  /* One figure per board page at least, each with its text. */
  g_assert_cmpuint (count_kind (elements, POPPLER_STRUCTURE_ELEMENT_FIGURE), >=, tf_export_source_get_n_boards (source));
  for (guint i = 0; i < elements->len; i++)
    {
      const Element *e = &g_array_index (elements, Element, i);

      if (e->kind == POPPLER_STRUCTURE_ELEMENT_FIGURE)
        g_assert_true (e->alt != NULL && e->alt[0] != '\0');
    }

  /* The wall's quotes, in the order the wall reads. */
  wall = tf_export_source_get_scene (source, 0);
  type = tf_board_type_lookup (tf_board_get_kind_id (tf_export_source_get_board (source, 0)));
  quotes = type->list_quotes (wall);
  g_assert_cmpuint (quotes->len, ==, 9);
  {
    g_autoptr(GPtrArray) texts = g_ptr_array_new ();

    for (guint i = 0; i < quotes->len; i++)
      g_ptr_array_add (texts, ((TfItem *) g_ptr_array_index (quotes, i))->text);
    figure = figure_saying (elements, texts->pdata[0]);
    g_assert_nonnull (figure);
    g_assert_true (in_order (figure->alt, texts));
  }

  g_clear_object (&doc);
  g_assert_finalize_object (g_steal_pointer (&source));
  g_assert_finalize_object (g_steal_pointer (&store));
  tf_test_remove_tree (dir);
}

/* A wall of 2,000 notes in 10 clusters, on one A4 page: far more glyphs
 * than Poppler keeps of a page (50,000), but the board's figure says every
 * quote, cluster by cluster; the report's list prints every one too. */
#define BIG_CLUSTERS 10
#define BIG_PER      200

static TfItem *
make_item (gint64      id,
           const char *kind,
           double      x,
           double      y,
           double      side,
           const char *text,
           const char *payload)
{
  TfItem *item = tf_item_new (id, kind);

  item->bounds = TF_RECT_INIT (x, y, side, side);
  item->z = (int) id;
  tf_item_set_text (item, text);
  tf_item_set_style (item, "{}");
  tf_item_set_payload (item, payload);
  tf_item_changed (item);
  return item;
}

static TfExportSource *
big_wall_source (GPtrArray *quotes)
{
  g_autoptr(TfExperiment) experiment = tf_experiment_new ("Grand mur");
  g_autoptr(TfBoard) board = tf_board_new (7, 1, "insight-wall", "Deux mille", 0, BIG_CLUSTERS * (BIG_PER + 1));
  g_autoptr(TfScene) scene = tf_scene_new ();
  TfExportSource *source;
  gint64 id = 1;

  for (guint c = 0; c < BIG_CLUSTERS; c++)
    {
      g_autofree char *name = g_strdup_printf ("Groupe %u", c + 1);
      gint64 zone = id++;
      double x0 = (c % 5) * 20 * 240.0, y0 = (c / 5) * 11 * 240.0;
      TfItem *z = make_item (zone, "zone", x0 - 20, y0 - 60, 1, name, "{}");

      z->bounds = TF_RECT_INIT (x0 - 20, y0 - 60, 20 * 240.0, 10 * 240.0 + 80);
      tf_scene_add (scene, z);
      for (guint i = 0; i < BIG_PER; i++)
        {
          g_autofree char *quote = g_strdup_printf ("Citation %u du groupe %u, mot à mot", i + 1, c + 1);
          TfItem *note = make_item (id++, "note", x0 + (i % 20) * 240.0, y0 + (i / 20) * 240.0, 200,
                                    quote, "{\"source\":\"usager\"}");

          note->parent_id = zone;
          tf_scene_add (scene, note);
          g_ptr_array_add (quotes, g_steal_pointer (&quote));
        }
    }
  source = tf_export_source_new (experiment);
  tf_export_source_add_board (source, board, scene);
  return source;
}

static void
test_big_wall (void)
{
  g_autofree char *dir = tf_test_make_dir ("export-a11y");
  g_autofree char *board_path = g_build_filename (dir, "board.pdf", NULL);
  g_autofree char *report_path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TfExportSource) source = big_wall_source (quotes);
  g_auto(TfExportOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(GArray) elements = NULL;
  g_autofree char *squeezed = NULL;
  const Element *figure;

  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_BOARD, source, &options, board_path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = tf_test_open_pdf (board_path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  elements = structure_of (doc);
  g_assert_cmpuint (count_kind (elements, POPPLER_STRUCTURE_ELEMENT_FIGURE), ==, 1);
  figure = figure_saying (elements, "Citation 1 du groupe 1,");
  g_assert_nonnull (figure);
  /* Every quote, in its cluster, in order. */
  g_assert_true (in_order (figure->alt, quotes));
  for (guint c = 0; c < BIG_CLUSTERS; c++)
    {
      g_autofree char *name = g_strdup_printf ("“Groupe %u”", c + 1);

      g_assert_nonnull (strstr (figure->alt, name));
    }
  g_clear_object (&doc);

  /* The report lists every quote as text. */
  g_assert_true (tf_export_run (TF_EXPORT_REPORT, source, &options, report_path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  doc = tf_test_open_pdf (report_path);
  squeezed = tf_test_pdf_text (doc);
  for (guint i = 0; i < quotes->len; i++)
    {
      g_autofree char *quote = tf_test_squeeze (g_ptr_array_index (quotes, i));

      g_assert_nonnull (strstr (squeezed, quote));
    }
}

/* The incremental update: refused for what is not a PDF cairo finished,
 * or when the figures and their texts do not match; otherwise the new
 * catalogue and figures, a cross-reference section of 20-byte entries
 * pointing at them, and a trailer chained to cairo's. */
static void
test_amend (void)
{
  static const char pdf[] =
    "%PDF-1.5\n"
    "1 0 obj\n<< /Type /StructElem\n   /S /Figure\n   /P 3 0 R\n>>\nendobj\n"
    "2 0 obj\n<< /Type /Catalog\n   /Pages 4 0 R\n>>\nendobj\n"
    "xref\n0 5\n"
    "trailer\n<< /Size 5\n   /Root 2 0 R\n   /Info 3 0 R\n>>\nstartxref\n1234\n%%EOF\n";
  const char *bad[] = { "", "%PDF-1.5\n", "trailer << /Size 5 >>\nstartxref\n12\n%%EOF\n",
                        "trailer\n<< /Size 5\n   /Root 2 0 R\n>>\nstartxref\n12\n%%EOF\n",
                        "trailer\n<< /Size 2\n   /Root 9 0 R\n>>\nstartxref\nx\n%%EOF\n" };
  g_autoptr(GPtrArray) alts = g_ptr_array_new ();
  g_autoptr(GPtrArray) two = g_ptr_array_new ();
  g_autoptr(GBytes) update = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *xref, *entry;
  gsize len;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) none = tf_pdf_amend ((const guint8 *) bad[i], strlen (bad[i]), 0, "fr", NULL, &error);

      g_assert_null (none);
      g_assert_error (error, TF_PDF_AMEND_ERROR, 0);
      g_clear_error (&error);
    }
  /* One figure, two texts: refused. */
  g_ptr_array_add (two, "a");
  g_ptr_array_add (two, "b");
  g_assert_null (tf_pdf_amend ((const guint8 *) pdf, strlen (pdf), 0, "fr", two, &error));
  g_assert_error (error, TF_PDF_AMEND_ERROR, 0);
  g_clear_error (&error);

  g_ptr_array_add (alts, "Un mur « é »");
  update = tf_pdf_amend ((const guint8 *) pdf, strlen (pdf), 100, "fr", alts, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (update, &len), g_bytes_get_size (update));
  g_assert_cmpuint (strlen (text), ==, len);
  /* The catalogue at 100 + the file's length, then the figure. */
  g_assert_true (g_str_has_prefix (text, "2 0 obj\n<< /Type /Catalog\n   /Pages 4 0 R\n   /Lang (fr)\n>>\nendobj\n"));
  g_assert_nonnull (strstr (text, "1 0 obj\n<< /Type /StructElem\n   /S /Figure\n   /Alt <FEFF"
                                  "0055006E0020006D00750072002000AB002000E9002000BB>"));
  xref = strstr (text, "xref\n");
  g_assert_nonnull (xref);
  entry = strstr (xref, "1 1\n");
  g_assert_nonnull (entry);
  g_assert_cmpuint (strlen ("0000000000 00000 n \n"), ==, 20);
  {
    g_autofree char *at = g_strdup_printf ("%010u 00000 n \n", (guint) (100 + strlen (pdf) + (strstr (text, "1 0 obj") - text)));

    g_assert_true (g_str_has_prefix (entry + 4, at));
  }
  g_assert_nonnull (strstr (xref, "/Prev 1234\n"));
  g_assert_nonnull (strstr (xref, "/Root 2 0 R\n"));
  g_assert_nonnull (strstr (xref, "/Info 3 0 R\n"));
  {
    g_autofree char *start = g_strdup_printf ("startxref\n%u\n%%%%EOF\n", (guint) (100 + strlen (pdf) + (xref - text)));

    g_assert_true (g_str_has_suffix (text, start));
  }

  /* A language that would need escaping is left out; no figure text. */
  g_clear_pointer (&update, g_bytes_unref);
  update = tf_pdf_amend ((const guint8 *) pdf, strlen (pdf), 0, "fr) /Evil (", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (update), ==, 0);
}

/* A PNG says its resolution and its colour space: the chunks, read back. */
/* A PNG's big-endian number at any offset (chunks are not aligned). */
static guint32
be32 (const guchar *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
test_png_chunks (void)
{
  g_autofree char *dir = tf_test_make_dir ("export-a11y");
  g_autofree char *archive = g_build_filename (dir, "archive.sqlite", NULL);
  g_autofree char *path = g_build_filename (dir, "wall.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_test_store_open (archive, TF_STORE_OPEN_CREATE, &error);
  g_autoptr(TfExportSource) source = NULL;
  g_auto(TfExportOptions) options = { 0 };
  g_autofree guchar *data = NULL;
  gsize len = 0, at = 8;
  gboolean srgb = FALSE, phys = FALSE, idat = FALSE;
  cairo_surface_t *image;

  g_assert_no_error (error);
  source = tf_export_source_new_from_store (store, tf_archive_find_demo (store), &error);
  g_assert_no_error (error);
  tf_export_options_init (&options);
  options.dpi = 120;
  g_assert_true (tf_export_run (TF_EXPORT_PNG, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, (char **) &data, &len, &error));
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  while (at + 12 <= len)
    {
      guint32 n = be32 (data + at);
      const char *type = (const char *) data + at + 4;
      const guchar *body = data + at + 8;

      g_assert_cmpuint (at + 12 + n, <=, len);
      if (memcmp (type, "sRGB", 4) == 0)
        {
          g_assert_false (idat);
          g_assert_cmpuint (n, ==, 1);
          g_assert_cmpuint (body[0], ==, 0);   /* perceptual */
          srgb = TRUE;
        }
      else if (memcmp (type, "pHYs", 4) == 0)
        {
          g_assert_false (idat);
          g_assert_cmpuint (n, ==, 9);
          /* 120 dpi: 4,724 pixels a metre, both ways. */
          g_assert_cmpuint (be32 (body), ==, 4724);
          g_assert_cmpuint (be32 (body + 4), ==, 4724);
          g_assert_cmpuint (body[8], ==, 1);   /* metre */
          phys = TRUE;
        }
      else if (memcmp (type, "IDAT", 4) == 0)
        idat = TRUE;
      at += 12 + n;
    }
  g_assert_true (srgb && phys && idat);

  /* And it is still the picture: cairo reads it, paper-coloured at a corner. */
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), >, 100);
  {
    guint32 corner = *(guint32 *) cairo_image_surface_get_data (image) & 0xffffff;

    g_assert_cmphex (corner, ==, TF_PAPER_RGB);
  }
  cairo_surface_destroy (image);

  g_assert_finalize_object (g_steal_pointer (&source));
  g_assert_finalize_object (g_steal_pointer (&store));
  tf_test_remove_tree (dir);
}

/* The words of every <text> of @svg, tags taken out, squeezed (a quote's
 * lines are <tspan>s of one <text>). */
static char *
svg_text_content (const char *svg)
{
  g_autoptr(GString) words = g_string_new (NULL);
  const char *at = svg;

  while ((at = strstr (at, "<text")) != NULL)
    {
      const char *end = strstr (at, "</text>");
      gboolean in_tag = FALSE;

      g_assert_nonnull (end);
      for (const char *c = at; c < end; c++)
        {
          if (*c == '<')
            in_tag = TRUE;
          else if (*c == '>')
            in_tag = FALSE;
          else if (!in_tag)
            g_string_append_c (words, *c);
        }
      at = end;
    }
  return tf_test_squeeze (words->str);
}

/* An SVG says what it shows first (its title, then a description with
 * every quote), in which language, and its quotes are text. */
static void
test_svg_description (void)
{
  g_autofree char *dir = tf_test_make_dir ("export-a11y");
  g_autofree char *archive = g_build_filename (dir, "archive.sqlite", NULL);
  g_autofree char *path = g_build_filename (dir, "wall.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_test_store_open (archive, TF_STORE_OPEN_CREATE, &error);
  g_autoptr(TfExportSource) source = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_auto(TfExportOptions) options = { 0 };
  g_autofree char *svg = NULL;
  g_autofree char *words = NULL;
  const char *root, *first, *title, *desc, *desc_end;
  const TfBoardType *type;

  g_assert_no_error (error);
  source = tf_export_source_new_from_store (store, tf_archive_find_demo (store), &error);
  g_assert_no_error (error);
  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_SVG, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, NULL, &error));

  root = strstr (svg, "<svg ");
  g_assert_nonnull (root);
  g_assert_true (g_str_has_prefix (root, "<svg xml:lang=\"en\" "));
  /* The first elements inside the root: the title, then the description. */
  first = strchr (strchr (root, '>') + 1, '<');
  title = strstr (svg, "<title>");
  desc = strstr (svg, "<desc>");
  g_assert_true (first == title);
  g_assert_true (g_str_has_prefix (title, "<title>Insights de la résidence</title>"));
  g_assert_true (desc != NULL && desc > title && desc < strchr (title, '>') + 40);
  desc_end = strstr (desc, "</desc>");
  g_assert_nonnull (desc_end);

  type = tf_board_type_lookup (tf_board_get_kind_id (tf_export_source_get_board (source, 0)));
  quotes = type->list_quotes (tf_export_source_get_scene (source, 0));
  g_assert_cmpuint (quotes->len, ==, 9);
  words = svg_text_content (desc_end);
  for (guint i = 0; i < quotes->len; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (((TfItem *) g_ptr_array_index (quotes, i))->text, -1);
      g_autofree char *as_text = tf_test_squeeze (escaped);
      const char *in_desc = strstr (desc, escaped);

      /* In the description, and written as text. */
      g_assert_true (in_desc != NULL && in_desc < desc_end);
      g_assert_nonnull (strstr (words, as_text));
    }
  /* As text, not glyph outlines. */
  g_assert_null (strstr (svg, "<use"));

  g_assert_finalize_object (g_steal_pointer (&source));
  g_assert_finalize_object (g_steal_pointer (&store));
  tf_test_remove_tree (dir);
}

/* A 2,000-note wall's SVG (24 MB through cairo: a <use> per glyph, a
 * gradient per note) stays under 3 MB: one gradient per colour, every
 * quote as text. */
static void
test_svg_big_wall (void)
{
  g_autofree char *dir = tf_test_make_dir ("export-a11y");
  g_autofree char *path = g_build_filename (dir, "wall.svg", NULL);
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TfExportSource) source = big_wall_source (quotes);
  g_auto(TfExportOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *words = NULL;
  gsize len = 0;
  guint gradients = 0;

  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_SVG, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &svg, &len, &error));
  g_test_message ("the 2,000-note wall's SVG: %" G_GSIZE_FORMAT " bytes", len);
  g_assert_cmpuint (len, <=, 3 * 1000 * 1000);
  g_assert_null (strstr (svg, "<use"));
  for (const char *at = svg; (at = strstr (at, "<linearGradient")) != NULL; at++)
    gradients++;
  g_assert_cmpuint (gradients, >=, 1);
  g_assert_cmpuint (gradients, <=, 8);
  words = svg_text_content (svg);
  for (guint i = 0; i < quotes->len; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (quotes, i), -1);
      g_autofree char *quote = tf_test_squeeze (escaped);

      g_assert_nonnull (strstr (words, quote));
    }
  tf_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/transfo/export-a11y/amend", test_amend);
  g_test_add_func ("/transfo/export-a11y/report-order", test_report_order);
  g_test_add_func ("/transfo/export-a11y/big-wall", test_big_wall);
  g_test_add_func ("/transfo/export-a11y/png-chunks", test_png_chunks);
  g_test_add_func ("/transfo/export-a11y/svg-description", test_svg_description);
  g_test_add_func ("/transfo/export-a11y/svg-big-wall", test_svg_big_wall);
  return g_test_run ();
}
