/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What a facilitator pins on the wall (issue 17, "On paper"): exports read
 * back with Poppler, as whole words at a legible size. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include <cairo-pdf.h>

#include "canvas/tf-item-kinds.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-text-block.h"
#include "canvas/tf-text-fit.h"
#include "core/tf-archive.h"
#include "exports/tf-export.h"
#include "exports/tf-export-private.h"
#include "insights/tf-note-kind.h"
#include "tf-test-pdf.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* The least text size (points) anyone reads on a printed map. */
#define LEGIBLE_PT 4.9

/* Every page's text, squeezed with its hyphens (a name wraps at "Vice-"). */
static char *
document_text (PopplerDocument *doc)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *text = poppler_page_get_text (page);

      g_string_append (all, text);
    }
  return tf_test_squeeze_hyphens (all->str);
}

static gboolean
has_text (const char *squeezed,
          const char *text)
{
  g_autofree char *needle = tf_test_squeeze_hyphens (text);

  return strstr (squeezed, needle) != NULL;
}

static TfItem *
make_item (gint64      id,
           const char *kind,
           double      x,
           double      y,
           double      w,
           double      h,
           const char *text,
           const char *payload)
{
  TfItem *item = tf_item_new (id, kind);

  item->bounds = TF_RECT_INIT (x, y, w, h);
  item->z = (int) id;
  tf_item_set_text (item, text);
  tf_item_set_style (item, "{}");
  tf_item_set_payload (item, payload);
  tf_item_changed (item);
  return item;
}

/* A lycée's residency: long names, roles, labelled links, and a map wide
 * enough that A4 "fit to page" prints it at about a quarter of its size. */
static const char *const map_names[] = {
  "Chauffeur de la vice-présidente",
  "Vice-présidente aux lycées",
  "Direction des lycées",
  "Direction de l'éducation",
  "Direction du patrimoine bâti",
  "Proviseure du lycée Jean-Bart",
  "Gestionnaire du lycée",
  "Agents d'accueil et d'entretien",
};
static const char *const map_links[] = {
  "Ramassage 6 h 40",
  "Accueil, clés",
  "Dotation de fonctionnement",
  "Travaux d'été",
  "Conseil d'administration",
  "Planning des salles",
  "Demandes d'intervention",
};

static TfExportSource *
lycee_map_source (void)
{
  g_autoptr(TfExperiment) experiment = tf_experiment_new ("Résidence au lycée");
  g_autoptr(TfBoard) board = tf_board_new (9, 1, "actor-map", "Qui travaille avec qui", 0, 3);
  g_autoptr(TfScene) scene = tf_scene_new ();
  TfExportSource *source;
  gint64 id = 1;

  for (guint i = 0; i < G_N_ELEMENTS (map_names); i++)
    {
      g_autofree char *payload = g_strdup_printf ("{\"stamp\":\"agent\",\"role\":\"%s\"}",
                                                  i % 2 ? "Référent résidence, deux jours par semaine" : "");

      tf_scene_add (scene, make_item (id++, "stamp", (i % 4) * 800.0, (i / 4) * 700.0, 130, 190,
                                      map_names[i], payload));
    }
  for (guint i = 0; i < G_N_ELEMENTS (map_links); i++)
    {
      g_autofree char *payload = g_strdup_printf ("{\"source\":%u,\"target\":%u,\"relation\":\"%s\"}",
                                                  i + 1, i + 2, i % 2 ? "service" : "information");

      tf_scene_add (scene, make_item (id++, "link", 0, 0, 10, 10, map_links[i], payload));
    }
  source = tf_export_source_new (experiment);
  tf_export_source_add_board (source, board, scene);
  return source;
}

/* Where @needle (one line of it) is on @page, in points; FALSE if absent. */
static gboolean
find_rect (PopplerPage      *page,
           const char       *needle,
           PopplerRectangle *rect)
{
  GList *found = poppler_page_find_text (page, needle);

  if (found == NULL)
    return FALSE;
  *rect = *(PopplerRectangle *) found->data;
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return TRUE;
}

static gboolean
rects_meet (const PopplerRectangle *a,
            const PopplerRectangle *b)
{
  return MIN (a->x2, b->x2) > MAX (a->x1, b->x1) + 0.5 && MIN (a->y2, b->y2) > MAX (a->y1, b->y1) + 0.5;
}

/* Every name and link label is on the page whole (in pdftotext's text,
 * no ellipsis), no text on it is smaller than LEGIBLE_PT, and no link
 * label meets another or a name. */
static void
assert_map_page (PopplerDocument *doc,
                 int              index)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (doc, index);
  g_autofree char *raw = poppler_page_get_text (page);
  g_autofree char *text = tf_test_squeeze_hyphens (raw);
  GList *attributes = poppler_page_get_text_attributes (page);
  PopplerRectangle labels[G_N_ELEMENTS (map_links)];

  for (guint i = 0; i < G_N_ELEMENTS (map_names); i++)
    if (!has_text (text, map_names[i]))
      g_error ("name cut or missing on page %d: %s\n%s", index + 1, map_names[i], raw);
  for (guint i = 0; i < G_N_ELEMENTS (map_links); i++)
    if (!has_text (text, map_links[i]))
      g_error ("link label missing on page %d: %s\n%s", index + 1, map_links[i], raw);
  g_assert_null (strstr (raw, "…"));

  for (GList *l = attributes; l != NULL; l = l->next)
    {
      PopplerTextAttributes *a = l->data;

      if (a->font_size < LEGIBLE_PT)
        g_error ("text at %.1f pt on page %d: too small to read", a->font_size, index + 1);
    }
  poppler_page_free_text_attributes (attributes);

  /* Labels of one line: found as they are. */
  for (guint i = 0; i < G_N_ELEMENTS (map_links); i++)
    {
      const char *first_word_end = strchr (map_links[i], ' ');
      g_autofree char *first = g_strndup (map_links[i], first_word_end ? first_word_end - map_links[i] : -1);

      g_assert_true (find_rect (page, first, &labels[i]));
      for (guint j = 0; j < i; j++)
        if (rects_meet (&labels[i], &labels[j]))
          g_error ("link labels “%s” and “%s” collide", map_links[i], map_links[j]);
      for (guint n = 0; n < G_N_ELEMENTS (map_names); n++)
        {
          PopplerRectangle name;
          const char *end = strchr (map_names[n], ' ');
          g_autofree char *word = g_strndup (map_names[n], end - map_names[n]);

          if (find_rect (page, word, &name) && rects_meet (&labels[i], &name))
            g_error ("link label “%s” covers the name “%s”", map_links[i], map_names[n]);
        }
    }
}

static void
test_actor_map_a4 (void)
{
  g_autofree char *dir = tf_test_make_dir ("paper");
  g_autofree char *board = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *report = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(TfExportSource) source = lycee_map_source ();
  g_auto(TfExportOptions) options = { 0 };
  g_autoptr(GError) error = NULL;

  tf_export_options_init (&options);
  options.paper = TF_PAPER_A4;
  g_assert_true (tf_export_run (TF_EXPORT_BOARD, source, &options, board, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PopplerDocument) doc = tf_test_open_pdf (board);

    assert_map_page (doc, 0);
  }

  g_assert_true (tf_export_run (TF_EXPORT_REPORT, source, &options, report, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PopplerDocument) doc = tf_test_open_pdf (report);
    g_autofree char *all = document_text (doc);

    for (guint i = 0; i < G_N_ELEMENTS (map_names); i++)
      if (!has_text (all, map_names[i]))
        g_error ("name cut or missing in the report: %s", map_names[i]);
    for (guint i = 0; i < G_N_ELEMENTS (map_links); i++)
      if (!has_text (all, map_links[i]))
        g_error ("link label missing in the report: %s", map_links[i]);
  }
  tf_test_remove_tree (dir);
}

/* 3. French typography: a line never ends with « nor starts with » ! ? : ;
 * ("m'a dit : «" / "On ne sait"), whichever way a quote is laid out (the
 * plain-text fast path of the wall, Pango for the rest and for cards). */
static const char french_quote[] =
  "Elle m'a dit : « On ne sait jamais à quelle heure le car passe ! » Et puis : "
  "« Vous croyez ? » ; personne ne répond : « Demandez au lycée » ; voilà !";

static void
assert_french_lines (const char *raw,
                     guint       page)
{
  g_auto(GStrv) lines = g_strsplit (raw, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (lines[i]));
      gunichar first = g_utf8_get_char (line);

      if (line[0] == '\0')
        continue;
      if (g_str_has_suffix (line, "«") || first == 0x00BB || first == '!' || first == '?' || first == ':' ||
          first == ';')
        g_error ("page %u: a line breaks at a French mark: “%s”\n%s", page + 1, line, raw);
    }
}

static void
test_french_marks (void)
{
  g_autofree char *dir = tf_test_make_dir ("paper");
  g_autofree char *path = g_build_filename (dir, "lines.pdf", NULL);
  g_autoptr(GObject) pango_object = G_OBJECT (tf_text_context_new ());
  PangoContext *pango = PANGO_CONTEXT (pango_object);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 600, 400);
  cairo_t *cr = cairo_create (surface);
  guint fast = 0, pages = 0;

  /* Each width on a page of its own: the fast path, then Pango. */
  for (double width = 150; width <= 420; width += 6)
    {
      g_autoptr(TfTextBlock) block = tf_text_block_fit (pango, french_quote, width, 390, 16, 16);
      g_autoptr(PangoLayout) layout = tf_text_fit (pango, french_quote, width, 1000, 16, 16, FALSE, NULL);

      if (block != NULL)
        {
          tf_text_block_draw (block, cr, 0, 0);
          cairo_show_page (cr);
          fast++;
          pages++;
        }
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);
      pages++;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (fast, >, 20);

  {
    g_autoptr(PopplerDocument) doc = tf_test_open_pdf (path);

    g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) pages);
    for (guint i = 0; i < pages; i++)
      {
        g_autoptr(PopplerPage) page = poppler_document_get_page (doc, (int) i);
        g_autofree char *raw = poppler_page_get_text (page);

        assert_french_lines (raw, i);
      }
  }
  tf_test_remove_tree (dir);
}

/* Pixels of @surface (ARGB32) in [x0, x1) × [y0, y1) near @rgb. */
static guint
count_near (cairo_surface_t *surface,
            guint32          rgb,
            int              x0,
            int              y0,
            int              x1,
            int              y1)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 p = *(const guint32 *) (data + y * stride + 4 * x);
        int dr = (int) ((p >> 16) & 0xff) - (int) ((rgb >> 16) & 0xff);
        int dg = (int) ((p >> 8) & 0xff) - (int) ((rgb >> 8) & 0xff);
        int db = (int) (p & 0xff) - (int) (rgb & 0xff);

        if (ABS (dr) + ABS (dg) + ABS (db) < 60)
          n++;
      }
  return n;
}

/* Cards: no “ ornament before a quote that opens with its own «. */
static void
test_cards_quote_mark (void)
{
  g_autofree char *dir = tf_test_make_dir ("paper");
  g_autofree char *path = g_build_filename (dir, "cards.pdf", NULL);
  g_autoptr(TfExperiment) experiment = tf_experiment_new ("Résidence au lycée");
  g_autoptr(TfBoard) board = tf_board_new (7, 1, "insight-wall", "Mur", 0, 2);
  g_autoptr(TfScene) scene = tf_scene_new ();
  g_autoptr(TfExportSource) source = NULL;
  g_auto(TfExportOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  double mm = 72.0 / 25.4, card_w = 95 * mm, card_h = 65 * mm;
  double x0 = (595.28 - 2 * card_w) / 2, y0 = (841.89 - 4 * card_h) / 2;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint with_own, plain;

  tf_scene_add (scene, make_item (1, "note", 0, 0, 200, 200, "« On ne sait jamais quand le car passe. »",
                                  "{\"source\":\"usager\"}"));
  tf_scene_add (scene, make_item (2, "note", 300, 0, 200, 200, "Le car passe trop tôt.", "{\"source\":\"usager\"}"));
  source = tf_export_source_new (experiment);
  tf_export_source_add_board (source, board, scene);
  tf_export_options_init (&options);
  g_assert_true (tf_export_run (TF_EXPORT_CARDS, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  {
    g_autoptr(PopplerDocument) doc = tf_test_open_pdf (path);
    g_autoptr(PopplerPage) page = poppler_document_get_page (doc, 0);
    g_autofree char *raw = poppler_page_get_text (page);

    g_assert_nonnull (strstr (raw, "« On ne sait"));
    g_assert_null (strstr (raw, "“«"));
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 596, 842);
    cr = cairo_create (surface);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    poppler_page_render_for_printing (page, cr);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
  }
  /* The ornament's corner of each card: the first two, side by side. */
  with_own = count_near (surface, TF_ACCENT_RGB, (int) x0, (int) y0, (int) (x0 + 14 * mm), (int) (y0 + 14 * mm));
  plain = count_near (surface, TF_ACCENT_RGB, (int) (x0 + card_w), (int) y0, (int) (x0 + card_w + 14 * mm),
                      (int) (y0 + 14 * mm));
  cairo_surface_destroy (surface);
  g_assert_cmpuint (plain, >, 15);
  g_assert_cmpuint (with_own, ==, 0);
  tf_test_remove_tree (dir);
}

/* 4. A poster leaves out the sheets nothing prints on, and its assembly
 * labels count the sheets printed. A board shaped like a diagonal: on a
 * 2 × 2 grid, the top right and bottom left sheets are blank. */
static void
test_poster_blank_sheets (void)
{
  g_autofree char *dir = tf_test_make_dir ("paper");
  g_autofree char *path = g_build_filename (dir, "poster.pdf", NULL);
  g_autoptr(TfExperiment) experiment = tf_experiment_new ("Résidence au lycée");
  g_autoptr(TfBoard) board = tf_board_new (7, 1, "insight-wall", "Mur", 0, 2);
  g_autoptr(TfScene) scene = tf_scene_new ();
  g_autoptr(TfExportSource) source = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_auto(TfExportOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  guint pages = 0;

  tf_scene_add (scene, make_item (1, "note", 0, 0, 200, 200, "En haut à gauche", "{}"));
  tf_scene_add (scene, make_item (2, "note", 2000, 1400, 200, 200, "En bas à droite", "{}"));
  source = tf_export_source_new (experiment);
  tf_export_source_add_board (source, board, scene);
  tf_export_options_init (&options);
  options.columns = 2;
  options.rows = 2;
  options.orientation = TF_ORIENTATION_LANDSCAPE;
  g_assert_true (tf_export_run (TF_EXPORT_POSTER, source, &options, path, NULL, NULL, NULL, &pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages, ==, 2);
  doc = tf_test_open_pdf (path);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 2);
  all = document_text (doc);
  g_assert_true (has_text (all, "Row 1 / Column 1 — sheet 1 of 2"));
  g_assert_true (has_text (all, "Row 2 / Column 2 — sheet 2 of 2"));
  g_assert_true (has_text (all, "En haut à gauche"));
  g_assert_true (has_text (all, "En bas à droite"));
  g_assert_null (strstr (all, "of4"));
  tf_test_remove_tree (dir);
}

/* 4. Suggested file names say what they hold: one board's page, poster,
 * cards and PNG each a name of their own, with the day; the report and
 * discussion cards the experiment's. */
static void
test_suggested_names (void)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 12, 6, 10, 0, 0);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (TfExportKind kind = 0; kind < TF_N_EXPORT_KINDS; kind++)
    {
      g_autofree char *name = tf_export_suggest_name (kind, "Résidence au lycée", "Insight wall", day);

      g_test_message ("%s", name);
      g_assert_nonnull (strstr (name, "2026-12-06"));
      g_assert_null (strchr (name, '/'));
      g_assert_true (g_str_has_suffix (name, tf_exporter_get (kind)->extension));
      g_assert_false (g_hash_table_contains (seen, name));
      g_hash_table_add (seen, g_steal_pointer (&name));
    }
  {
    g_autofree char *poster = tf_export_suggest_name (TF_EXPORT_POSTER, "Résidence", "Insight wall", day);
    g_autofree char *report = tf_export_suggest_name (TF_EXPORT_REPORT, "Résidence", "Insight wall", day);
    g_autofree char *cards = tf_export_suggest_name (TF_EXPORT_CARDS, "Résidence", "Insight wall", day);
    g_autofree char *slash = tf_export_suggest_name (TF_EXPORT_BOARD, "Résidence", "Avant/après", NULL);

    g_assert_cmpstr (poster, ==, "Insight wall – poster – 2026-12-06.pdf");
    g_assert_cmpstr (report, ==, "Résidence – report – 2026-12-06.pdf");
    g_assert_cmpstr (cards, ==, "Insight wall – cards – 2026-12-06.pdf");
    g_assert_cmpstr (slash, ==, "Avant-après – one page.pdf");
  }
}

/* 2. A long quote: a bigger note shows more of it (its lines reflow, its
 * letters stay the same legible size), a note can grow to fit it, and the
 * printed wall sets it whole at a legible size rather than cut it. */
static const char long_quote[] =
  "Le matin, les élèves arrivent par le car de 6 h 40 et attendent devant la grille fermée jusqu’à "
  "7 h 30 ; personne ne sait qui doit ouvrir, alors on fait comme on peut : le surveillant passe par "
  "derrière, les agents d’entretien laissent la porte de la cantine entrouverte, et quand il pleut "
  "tout le monde se serre sous l’auvent du gymnase. On en a parlé au conseil deux fois, et rien ne "
  "change vraiment.";

static void
test_long_quote (void)
{
  g_autofree char *dir = tf_test_make_dir ("paper");
  g_autofree char *path = g_build_filename (dir, "wall.pdf", NULL);
  g_autoptr(GObject) pango_object = G_OBJECT (tf_text_context_new ());
  PangoContext *pango = PANGO_CONTEXT (pango_object);
  g_autoptr(TfExperiment) experiment = tf_experiment_new ("Résidence au lycée");
  g_autoptr(TfBoard) board = tf_board_new (7, 1, "insight-wall", "Mur", 0, 2);
  g_autoptr(TfScene) scene = tf_scene_new ();
  g_autoptr(TfExportSource) source = NULL;
  g_auto(TfExportOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  const TfItemKind *kind = tf_item_kind_lookup ("note");
  double medium_size, large_size, side;
  gboolean medium_cut, large_cut;

  g_assert_cmpuint (g_utf8_strlen (long_quote, -1), ==, 402);
  {
    g_autoptr(TfItem) medium = make_item (1, "note", 0, 0, 200, 200, long_quote, "{}");
    g_autoptr(TfItem) large = make_item (2, "note", 0, 0, 280, 280, long_quote, "{}");
    g_autoptr(TfItem) grown = NULL;
    gboolean grown_cut;

    medium_size = kind->text_size (medium, pango, 0, &medium_cut);
    large_size = kind->text_size (large, pango, 0, &large_cut);
    /* The same legible letters, more of them on the Large note: all. */
    g_assert_cmpfloat (medium_size, >=, 12.5);
    g_assert_cmpfloat (large_size, >=, medium_size);
    g_assert_false (large_cut);

    side = tf_note_side_for_text (pango, long_quote, 200, 0);
    g_test_message ("Medium %.1f (cut %d), Large %.1f; fits at %.0f", medium_size, medium_cut,
                    large_size, side);
    g_assert_cmpfloat (side, >=, 200);
    g_assert_cmpfloat (side, <=, 280);
    grown = make_item (3, "note", 0, 0, side, side, long_quote, "{}");
    kind->text_size (grown, pango, 0, &grown_cut);
    g_assert_false (grown_cut);
    /* A short quote keeps its note. */
    g_assert_cmpfloat (tf_note_side_for_text (pango, "Le car passe trop tôt.", 150, 0), ==, 150);
  }

  /* A wall of Medium notes on A4: the long one prints whole. */
  for (guint i = 0; i < 12; i++)
    tf_scene_add (scene, make_item (i + 1, "note", (i % 4) * 220.0, (i / 4) * 220.0, 200, 200,
                                    i == 5 ? long_quote : "Le car passe trop tôt.", "{}"));
  source = tf_export_source_new (experiment);
  tf_export_source_add_board (source, board, scene);
  tf_export_options_init (&options);
  options.paper = TF_PAPER_A4;
  g_assert_true (tf_export_run (TF_EXPORT_BOARD, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(PopplerDocument) doc = tf_test_open_pdf (path);
    g_autoptr(PopplerPage) page = poppler_document_get_page (doc, 0);
    g_autofree char *raw = poppler_page_get_text (page);
    g_autofree char *text = tf_test_squeeze_hyphens (raw);
    GList *attributes = poppler_page_get_text_attributes (page);

    if (!has_text (text, long_quote))
      g_error ("the long quote is cut on paper:\n%s", raw);
    g_assert_null (strstr (raw, "…"));
    /* Each word drawn, not folded into an ellipsis whose text stands for
     * the rest (Poppler reads that as the words, each a sliver wide). */
    for (const char *const *word = (const char *const[]) { "gymnase", "conseil", "vraiment", NULL };
         *word != NULL; word++)
      {
        PopplerRectangle rect = { 0 };

        g_assert_true (find_rect (page, *word, &rect));
        if (rect.x2 - rect.x1 < 0.4 * LEGIBLE_PT * strlen (*word))
          g_error ("“%s” is not drawn whole on paper (%.1f pt wide)", *word, rect.x2 - rect.x1);
      }
    for (GList *l = attributes; l != NULL; l = l->next)
      {
        PopplerTextAttributes *a = l->data;

        if (a->font_size < LEGIBLE_PT)
          g_error ("text at %.1f pt: too small to read", a->font_size);
      }
    poppler_page_free_text_attributes (attributes);
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

  g_test_add_func ("/transfo/paper/actor-map-a4", test_actor_map_a4);
  g_test_add_func ("/transfo/paper/french-marks", test_french_marks);
  g_test_add_func ("/transfo/paper/cards-quote-mark", test_cards_quote_mark);
  g_test_add_func ("/transfo/paper/poster-blank-sheets", test_poster_blank_sheets);
  g_test_add_func ("/transfo/paper/suggested-names", test_suggested_names);
  g_test_add_func ("/transfo/paper/long-quote", test_long_quote);

  return g_test_run ();
}
