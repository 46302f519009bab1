/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <poppler.h>
#include <string.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-text-fit.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-scene.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-item-rows.h"
#include "exports/tf-export.h"
#include "mockups/tf-mockup.h"
#include "mockups/tf-mockup-annotate.h"
#include "mockups/tf-mockup-commands.h"
#include "mockups/tf-mockup-items.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-pair.h"
#include "stamps/tf-actor-items.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* A mockup on paper, read back from the PDF (Poppler): the key of a photo
 * paired with a "before" one, the report's pair side by side with its
 * caption and key on one page, the footer's date in the export's
 * language, post-it quotes never broken inside a word, text labels' boxes
 * as wide as their text, and a photo with its key filling the page. */

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define PHOTO_W 600
#define PHOTO_H 400
#define BOARD_NAME "Cour du lycée"

typedef TfTestMockup Fixture;

/* A photo of soft stripes, @seed its hue. */
static GBytes *
photo_png (guint seed)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PHOTO_W, PHOTO_H);
  cairo_t *cr = cairo_create (surface);
  GBytes *bytes;

  for (int i = 0; i < 12; i++)
    {
      cairo_rectangle (cr, i * PHOTO_W / 12.0, 0, PHOTO_W / 12.0, PHOTO_H);
      cairo_set_source_rgb (cr, 0.3 + 0.05 * (i % 3), 0.4 + 0.1 * seed, 0.6 - 0.03 * i);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  bytes = tf_test_png_bytes (surface);
  cairo_surface_destroy (surface);
  return bytes;
}

static gint64
run (Fixture   *f,
     TfCommand *command)
{
  return tf_test_execute (f->history, command);
}

/* Adds a photo to the board; its id. */
static gint64
add_photo (Fixture    *f,
           guint       seed,
           const char *name)
{
  g_autoptr(GBytes) png = photo_png (seed);

  return tf_test_mockup_add_photo (f, png, name);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) png = photo_png (0);

  (void) data;
  tf_test_mockup_set_up (f, "mockup-print.sqlite", "Résidence au lycée", BOARD_NAME, png, "cour.png");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  (void) data;
  tf_test_mockup_tear_down (f);
}

static char *
out_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
move_to (Fixture *f,
         gint64   id,
         double   x,
         double   y)
{
  TfRect r = tf_test_mockup_bounds (f, id);

  run (f, tf_command_move_items (&id, 1, x - r.x, y - r.y));
}

static void
export (Fixture      *f,
        TfExportKind  kind,
        const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExportSource) source = tf_export_source_new_from_store (f->store, f->experiment, &error);
  g_autofree char *path = out_path (f, name);
  g_auto(TfExportOptions) options;

  g_assert_no_error (error);
  tf_export_options_init (&options);
  options.board = (guint) tf_export_source_find_board (source, BOARD_NAME);
  options.dpi = 60;
  g_assert_true (tf_export_run (kind, source, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static PopplerDocument *
open_pdf (Fixture    *f,
          const char *name)
{
  g_autofree char *path = out_path (f, name);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

/* Where @word first is on @page, top-down page coordinates; FALSE when it
 * is not there. */
static gboolean
find_word (PopplerPage *page,
           const char  *word,
           TfRect      *where)
{
  GList *found = poppler_page_find_text (page, word);
  double w, h;

  poppler_page_get_size (page, &w, &h);
  if (found != NULL)
    {
      PopplerRectangle *r = found->data;

      /* Poppler's search answers with the PDF's origin, at the bottom. */
      *where = TF_RECT_INIT (MIN (r->x1, r->x2), h - MAX (r->y1, r->y2), fabs (r->x2 - r->x1), fabs (r->y2 - r->y1));
    }
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return found != NULL;
}

/* The last page of @doc where @word is (the contents name headings too),
 * -1 when none. */
static int
page_of (PopplerDocument *doc,
         const char      *word)
{
  for (int i = poppler_document_get_n_pages (doc) - 1; i >= 0; i--)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      TfRect r;

      if (find_word (page, word, &r))
        return i;
    }
  return -1;
}

/* The images drawn on @page, top-down page coordinates, biggest first. */
static GArray *
images_of (PopplerPage *page)
{
  GArray *areas = g_array_new (FALSE, FALSE, sizeof (TfRect));
  GList *mapping = poppler_page_get_image_mapping (page);

  for (GList *l = mapping; l != NULL; l = l->next)
    {
      PopplerImageMapping *m = l->data;
      TfRect r = TF_RECT_INIT (m->area.x1, m->area.y1, m->area.x2 - m->area.x1, m->area.y2 - m->area.y1);

      /* Photos, not the little icons of a renderer. */
      if (r.width > 40 && r.height > 40)
        g_array_append_val (areas, r);
    }
  poppler_page_free_image_mapping (mapping);
  return areas;
}

static const char * const montage_key[] = {
  "Le banc abrité près du portail",
  "Le panneau des horaires de la cantine",
  "La fontaine refaite en granit",
  "Les casiers du foyer des élèves",
  "Un abri pour les vélos du personnel",
  "La porte vitrée de la vie scolaire",
  "Le plan du lycée à hauteur d’enfant",
  "Les bancs de la cour ombragée",
  "La boîte à idées de la conseillère",
  "Le panneau des clubs du midi",
  "Les horaires du car scolaire",
  "La vitrine des travaux des élèves",
};

/* --- 1. A paired photo keeps its key on the board's page --- */

static void
test_paired_key (Fixture       *f,
                 gconstpointer  data)
{
  TfRect p = tf_test_mockup_bounds (f, f->photo);
  gint64 other = add_photo (f, 1, "cour-avant.png");
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  TfRect r;

  (void) data;
  move_to (f, other, p.x + p.width + 80, p.y);
  run (f, tf_mk_command_add_callout (f->photo, p.x + 100, p.y + 100, "Le banc abrité près du portail"));
  run (f, tf_mk_command_add_callout (f->photo, p.x + 300, p.y + 200, "La fontaine sèche"));

  /* The photo with callouts made the "before" of the other: its numbers
   * are still on it, and so is its key. Then the other way round. */
  for (int way = 0; way < 2; way++)
    {
      g_autofree char *name = g_strdup_printf ("paired-%d.pdf", way);

      if (way == 0)
        run (f, tf_mk_command_set_original (other, f->photo));
      else
        {
          run (f, tf_mk_command_set_original (other, 0));
          run (f, tf_mk_command_set_original (f->photo, other));
        }
      export (f, TF_EXPORT_BOARD, name);
      doc = open_pdf (f, name);
      page = poppler_document_get_page (doc, 0);
      g_assert_true (find_word (page, "Le banc abrité", &r));
      g_assert_true (find_word (page, "La fontaine sèche", &r));
      g_clear_object (&page);
      g_clear_object (&doc);
    }
  /* Both photos paired to each other (the panel allows it): both keys. */
  {
    run (f, tf_mk_command_add_callout (other, p.x + p.width + 200, p.y + 100, "Le préau sans bancs"));
    run (f, tf_mk_command_set_original (other, f->photo));
    export (f, TF_EXPORT_BOARD, "paired-both.pdf");
    doc = open_pdf (f, "paired-both.pdf");
    page = poppler_document_get_page (doc, 0);
    g_assert_true (find_word (page, "Le banc abrité", &r));
    g_assert_true (find_word (page, "Le préau sans bancs", &r));
    g_clear_object (&page);
    g_clear_object (&doc);
    /* And the report shows them once, as a pair. */
    export (f, TF_EXPORT_REPORT, "paired-both-report.pdf");
    doc = open_pdf (f, "paired-both-report.pdf");
    g_assert_cmpint (page_of (doc, "before and after"), >=, 0);
    g_assert_cmpint (page_of (doc, "Le préau sans bancs"), >=, 0);
    g_assert_cmpint (page_of (doc, "Le banc abrité"), >=, 0);
  }
}

/* --- 2. The report's pair: side by side, caption under, key on the page --- */

static void
test_report_pair (Fixture       *f,
                  gconstpointer  data)
{
  TfRect p = tf_test_mockup_bounds (f, f->photo);
  gint64 first = add_photo (f, 2, "preau.png");
  gint64 before = add_photo (f, 1, "cour-avant.png");
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autoptr(GArray) images = NULL;
  TfRect heading, caption, key, a, b;
  int at;

  (void) data;
  /* A photo alone first, then the montage, its "before" at its left. */
  move_to (f, first, p.x, p.y - p.height - 200);
  move_to (f, before, p.x - p.width - 100, p.y);
  run (f, tf_mk_command_set_original (f->photo, before));
  for (guint i = 0; i < G_N_ELEMENTS (montage_key); i++)
    run (f, tf_mk_command_add_callout (f->photo, p.x + 40 + 45 * i, p.y + 60 + 20 * i, montage_key[i]));

  /* The pair fits under the first photo, its key does not: all three
   * start the next page, the key not left alone on it. */
  export (f, TF_EXPORT_REPORT, "pair-row.pdf");
  doc = open_pdf (f, "pair-row.pdf");
  at = page_of (doc, "before and after");
  g_assert_cmpint (at, >=, 0);
  for (guint i = 0; i < G_N_ELEMENTS (montage_key); i++)
    g_assert_cmpint (page_of (doc, montage_key[i]), ==, at);
  g_assert_cmpint (page_of (doc, "Left, the place as it is"), ==, at);
  g_clear_object (&doc);

  /* The "before" under the montage on the board (stacked, as a
   * facilitator may leave them): still side by side in the report. */
  move_to (f, before, p.x, p.y + p.height + 200);
  export (f, TF_EXPORT_REPORT, "pair.pdf");
  doc = open_pdf (f, "pair.pdf");
  at = page_of (doc, "before and after");
  g_assert_cmpint (at, >=, 0);
  page = poppler_document_get_page (doc, at);
  g_assert_true (find_word (page, "before and after", &heading));

  /* Two photos side by side under the heading: level, the "before" at the
   * left. */
  images = images_of (page);
  g_assert_cmpuint (images->len, ==, 2);
  a = g_array_index (images, TfRect, 0);
  b = g_array_index (images, TfRect, 1);
  if (b.x < a.x)
    {
      TfRect t = a;

      a = b;
      b = t;
    }
  g_assert_cmpfloat (a.y, >, heading.y);
  g_assert_cmpfloat (fabs (a.y - b.y), <, 2);
  g_assert_cmpfloat (fabs (a.height - b.height), <, 2);
  g_assert_cmpfloat (a.x + a.width, <, b.x);
  /* Which is which: the before's stripes are greener (seed 1). */
  {
    double w, h;
    cairo_surface_t *surface;
    cairo_t *cr;
    guint32 left, right;

    poppler_page_get_size (page, &w, &h);
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
    cr = cairo_create (surface);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    poppler_page_render_for_printing (page, cr);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    left = tf_test_pixel (surface, (int) (a.x + a.width * 0.95), (int) (a.y + a.height * 0.95));
    right = tf_test_pixel (surface, (int) (b.x + b.width * 0.95), (int) (b.y + b.height * 0.95));
    g_assert_cmpint ((int) ((left >> 8) & 0xFF), >, (int) ((right >> 8) & 0xFF) + 10);
    cairo_surface_destroy (surface);
  }

  /* The caption under them, the whole key after it or at their right,
   * on the same page. */
  g_assert_true (find_word (page, "Left, the place as it is", &caption));
  g_assert_cmpfloat (caption.y, >, a.y + a.height);
  for (guint i = 0; i < G_N_ELEMENTS (montage_key); i++)
    {
      g_assert_true (find_word (page, montage_key[i], &key));
      if (key.x < b.x + b.width)
        g_assert_cmpfloat (key.y, >, caption.y);
      else
        g_assert_cmpfloat (key.y, >=, a.y - 1);
    }
  /* Each number in the accent disc, as on the photo and the board's
   * page (not a small grey number). */
  {
    double w, h;
    cairo_surface_t *surface;
    cairo_t *cr;

    poppler_page_get_size (page, &w, &h);
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w * 2, (int) h * 2);
    cr = cairo_create (surface);
    cairo_scale (cr, 2, 2);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    poppler_page_render_for_printing (page, cr);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    for (guint i = 0; i < G_N_ELEMENTS (montage_key); i++)
      {
        guint32 pixel;

        g_assert_true (find_word (page, montage_key[i], &key));
        /* The disc's left part, on the text's first line. */
        pixel = tf_test_pixel (surface, (int) ((key.x - 22) * 2), (int) ((key.y + key.height / 2) * 2));
        g_assert_cmpuint (pixel & 0xFFFFFF, ==, TF_ACCENT_RGB);
      }
    cairo_surface_destroy (surface);
  }
}

/* --- 3. The footer's date in the export's language --- */

static const char * const french_months[] = {
  "janvier", "février", "mars", "avril", "mai", "juin",
  "juillet", "août", "septembre", "octobre", "novembre", "décembre",
};
static const char * const english_months[] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};

static char *
expected_date (GDateTime *now,
               gboolean   french)
{
  int day = g_date_time_get_day_of_month (now);
  int month = g_date_time_get_month (now) - 1;

  if (french && day == 1)
    return g_strdup_printf ("1er %s %d", french_months[month], g_date_time_get_year (now));
  if (french)
    return g_strdup_printf ("%d %s %d", day, french_months[month], g_date_time_get_year (now));
  return g_strdup_printf ("%d %s %d", day, english_months[month], g_date_time_get_year (now));
}

static void
check_footer_date (gboolean french)
{
  Fixture f = { 0 };
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  const char *names[] = { "date-board.pdf", "date-report.pdf" };
  const TfExportKind kinds[] = { TF_EXPORT_BOARD, TF_EXPORT_REPORT };

  fixture_set_up (&f, NULL);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(PopplerDocument) doc = NULL;
      g_autoptr(PopplerPage) page = NULL;
      double w, h;
      TfRect r;
      gboolean found;

      g_clear_pointer (&before, g_date_time_unref);
      g_clear_pointer (&after, g_date_time_unref);
      g_clear_pointer (&one, g_free);
      g_clear_pointer (&two, g_free);
      before = g_date_time_new_now_local ();
      export (&f, kinds[k], names[k]);
      after = g_date_time_new_now_local ();
      one = expected_date (before, french);
      two = expected_date (after, french);
      doc = open_pdf (&f, names[k]);
      /* The board's page, the report's cover (its date) and last page. */
      page = poppler_document_get_page (doc, poppler_document_get_n_pages (doc) - 1);
      poppler_page_get_size (page, &w, &h);
      if (kinds[k] == TF_EXPORT_BOARD)
        {
          found = find_word (page, one, &r) || find_word (page, two, &r);
          if (!found)
            {
              g_autofree char *text = poppler_page_get_text (page);

              g_test_message ("no “%s” on the page: %s", one, text);
            }
          g_assert_true (found);
          /* In the footer. */
          g_assert_cmpfloat (r.y, >, h - 40);
        }
      else
        {
          /* In the footer of its last page as on a board's, and on its cover. */
          found = find_word (page, one, &r) || find_word (page, two, &r);
          g_assert_true (found);
          g_assert_cmpfloat (r.y, >, h - 50);
          g_clear_object (&page);
          page = poppler_document_get_page (doc, 0);
          g_assert_true (find_word (page, one, &r) || find_word (page, two, &r));
        }
      /* No month of the other language anywhere on it. */
      for (int m = 0; m < 12; m++)
        {
          const char *other = french ? english_months[m] : french_months[m];
          g_autofree char *text = poppler_page_get_text (page);

          /* "mars" and "mai" are words of other sentences too. */
          if (french || m == 2 || m == 4)
            g_assert_null (strstr (text, other));
        }
    }
  fixture_tear_down (&f, NULL);
}

static void
test_date_english (void)
{
  check_footer_date (FALSE);
}

/* In French, through the build's translations, in a process of its own:
 * GLib decides once per process whether to translate. LC_ALL stays
 * C.UTF-8 (the test environment's), whose LC_TIME names months in English. */
static void
test_date_french (void)
{
  const char *localedir = g_getenv ("TRANSFO_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    {
      g_test_skip ("TRANSFO_LOCALEDIR is not set");
      return;
    }
  if (g_test_subprocess ())
    {
      g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "fr");
      /* The translations are there. */
      g_assert_cmpstr (_("Left, the place as it is; right, the mockup."), !=,
                       "Left, the place as it is; right, the mockup.");
      check_footer_date (TRUE);
      return;
    }
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("LANGUAGE");
  g_test_trap_assert_passed ();
}

/* --- 4. Quotes are broken between words only --- */

/* Quotes a facilitator typed on post-its: short ones are set big, and a
 * long word then no longer fits a line. */
#define QUOTE "Trois cents exemplaires, vite !"
static const char * const quotes[] = {
  QUOTE,
  "Il nous faudrait trois cents exemplaires du livret",
  "Des exemplaires pour tous les élus",
  "Il nous faudrait au moins trois cents exemplaires du livret pour les élus de la commission",
};

/* Whether a line of @layout starts inside a word. */
static gboolean
breaks_a_word (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  int n_attrs;
  const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  GSList *lines = pango_layout_get_lines_readonly (layout);

  for (GSList *l = lines != NULL ? lines->next : NULL; l != NULL; l = l->next)
    {
      const PangoLayoutLine *line = l->data;
      glong offset = g_utf8_pointer_to_offset (text, text + line->start_index);

      if (offset < n_attrs && !attrs[offset].is_line_break)
        return TRUE;
    }
  return FALSE;
}

static void
test_whole_words (Fixture       *f,
                  gconstpointer  data)
{
  PangoContext *context = tf_text_context_new ();
  const char *widest = "exemplaires";
  guint broken_sides = 0;
  double side_broken = 0;

  (void) data;
  /* A post-it of each side from small to big, as the mk-note draws it
   * (tf-mk-note-kind.c): no word broken while it fits the note whole. */
  for (guint q = 0; q < G_N_ELEMENTS (quotes); q++)
  for (double side = 100; side <= 420; side += 2)
    {
      double pad = side * 0.1, size = 0;
      g_autoptr(PangoLayout) layout = tf_text_fit (context, quotes[q], side - 2 * pad, side - 2 * pad, side / 4, 8,
                                                   FALSE, &size);
      /* At the smallest size the note allows, the word fits whole. */
      g_autoptr(PangoLayout) word = tf_text_fit (context, widest, 1e6, 1e6, 8, 8, FALSE, NULL);
      PangoRectangle logical;

      pango_layout_get_extents (word, NULL, &logical);
      if (breaks_a_word (layout))
        {
          /* Only when the longest word is wider than the note at its
           * smallest size. */
          if (logical.width <= (side - 2 * pad) * PANGO_SCALE)
            {
              broken_sides++;
              side_broken = side;
            }
        }
    }

  /* A word wider than the note is still broken, not cut. */
  {
    g_autoptr(PangoLayout) layout = tf_text_fit (context, "anticonstitutionnellement", 60, 200, 30, 12, FALSE, NULL);

    g_assert_true (breaks_a_word (layout));
    g_assert_false (pango_layout_is_ellipsized (layout));
  }
  /* Lines the quote's own line breaks start are no breaks of words. */
  {
    g_autoptr(PangoLayout) layout = tf_text_fit (context, "Trois cents\nexemplaires", 300, 300, 40, 8, FALSE, NULL);

    g_assert_false (breaks_a_word (layout));
    g_assert_cmpint (pango_layout_get_line_count (layout), ==, 2);
  }
  g_object_unref (context);

  /* In print: post-its of the mockup (the size the tool makes, and a few
   * others), the word whole in the PDF's text. */
  {
    TfRect p = tf_test_mockup_bounds (f, f->photo);
    static const double sides[] = { TF_MK_NOTE_SIDE, 150, 170, 190, 230, 260 };
    g_autoptr(PopplerDocument) doc = NULL;
    g_autoptr(PopplerPage) page = NULL;
    g_autofree char *text = NULL;
    guint whole = 0;

    for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
      {
        gint64 note = run (f, tf_mk_command_add_note (f->board, p.x + 150 + 60 * i, p.y + 150, QUOTE));
        TfRect r = TF_RECT_INIT (p.x + 10 + (i % 3) * 300, p.y + 10 + (i / 3) * 300, sides[i], sides[i]);

        run (f, tf_command_set_bounds (&note, &r, 1, "Resize"));
      }
    export (f, TF_EXPORT_BOARD, "notes.pdf");
    doc = open_pdf (f, "notes.pdf");
    page = poppler_document_get_page (doc, 0);
    text = poppler_page_get_text (page);
    for (const char *s = text; (s = strstr (s, "exemplaires")) != NULL; s++)
      whole++;
    if (broken_sides > 0)
      g_test_message ("%u note sides break a word, %g the last; in print, %u of %u “exemplaires” whole",
                      broken_sides, side_broken, whole, (guint) G_N_ELEMENTS (sides));
    g_assert_cmpuint (broken_sides, ==, 0);
    g_assert_null (strstr (text, "exempla-"));
    g_assert_cmpuint (whole, ==, G_N_ELEMENTS (sides));
  }
}

/* --- 5. A text label's box is as wide as its text --- */

static void
test_label_box (Fixture       *f,
                gconstpointer  data)
{
  TfRect p = tf_test_mockup_bounds (f, f->photo);
  PangoContext *context = tf_text_context_new ();
  g_autoptr(PangoLayout) alone = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  PangoRectangle logical;
  gint64 label, typed;
  TfRect box, typed_box, word;

  (void) data;
  label = run (f, tf_mk_command_add_label (f->board, p.x + 20, p.y + 40, "Entrée"));
  box = tf_test_mockup_bounds (f, label);
  alone = tf_text_fit (context, "Entrée", 1e6, 1e6, 36, 36, TRUE, NULL);
  pango_layout_get_extents (alone, NULL, &logical);
  g_object_unref (context);
  /* Its text, with a little room: not a 360-unit box. */
  g_assert_cmpfloat (box.width, >=, logical.width / (double) PANGO_SCALE);
  g_assert_cmpfloat (box.width, <=, logical.width / (double) PANGO_SCALE + 12);
  g_assert_cmpfloat (box.height, >=, logical.height / (double) PANGO_SCALE);
  g_assert_cmpfloat (box.height, <=, logical.height / (double) PANGO_SCALE + 12);
  g_assert_cmpfloat (box.x, ==, p.x + 20);
  g_assert_cmpfloat (box.y, ==, p.y + 40);

  /* Typed on the board (a post-it-sized box), the same. */
  {
    TfNewItem item = { .kind = TF_MK_LABEL_KIND, .bounds = TF_RECT_INIT (p.x + 20, p.y + 200, 240, 240),
                       .text = "Sortie" };
    g_autoptr(TfCommand) command = tf_command_add_items (f->board, &item, 1, "Write label");
    g_autoptr(GError) error = NULL;
    const gint64 *ids;
    guint n_ids = 0;

    g_assert_true (tf_command_execute (command, f->store, &error));
    g_assert_no_error (error);
    ids = tf_item_command_get_ids (command, &n_ids);
    g_assert_cmpuint (n_ids, ==, 1);
    typed = ids[0];
  }
  typed_box = tf_test_mockup_bounds (f, typed);
  g_assert_cmpfloat (typed_box.width, <, 200);
  g_assert_cmpfloat (typed_box.height, <, 60);
  /* Its text made longer: the box grows with it, on one line. */
  run (f, tf_command_set_item_text (typed, "Sortie de secours"));
  {
    TfRect r = tf_test_mockup_bounds (f, typed);

    g_assert_cmpfloat (r.width, >, typed_box.width + 100);
    g_assert_cmpfloat (r.height, ==, typed_box.height);
    g_assert_cmpfloat (r.x, ==, typed_box.x);
  }

  /* A long text wraps; a label narrowed by hand keeps the size it is
   * given (its text wraps more) until its text changes. */
  {
    gint64 narrow = run (f, tf_mk_command_add_label (f->board, p.x + 20, p.y + 300,
                                                     "Entrée des élèves par le portail principal, côté avenue du Peuple belge"));
    TfRect r = tf_test_mockup_bounds (f, narrow);

    g_assert_cmpfloat (r.width, <=, 32 * 36 + 6);
    g_assert_cmpfloat (r.height, >, 2 * 36);
    r.width = r.height = 200;
    run (f, tf_command_set_bounds (&narrow, &r, 1, "Resize"));
    r = tf_test_mockup_bounds (f, narrow);
    g_assert_cmpfloat (r.width, ==, 200);
    g_assert_cmpfloat (r.height, ==, 200);
  }

  /* In print: the text is where the box is, the box no wider. */
  export (f, TF_EXPORT_BOARD, "labels.pdf");
  doc = open_pdf (f, "labels.pdf");
  page = poppler_document_get_page (doc, 0);
  g_assert_true (find_word (page, "Entrée", &word));
  g_assert_true (find_word (page, "Sortie", &word));
}

/* --- 6. A photo and its key fill the page --- */

static void
test_fills_page (Fixture       *f,
                 gconstpointer  data)
{
  TfRect p = tf_test_mockup_bounds (f, f->photo);
  const char *names[] = { "fill-one.pdf", "fill-two.pdf" };

  (void) data;
  run (f, tf_mk_command_add_callout (f->photo, p.x + 100, p.y + 100, "Le banc abrité près du portail"));
  run (f, tf_mk_command_add_callout (f->photo, p.x + 300, p.y + 200,
                                     "Le panneau des horaires de la cantine, affiché trop haut pour les élèves de sixième"));
  for (int n = 0; n < 2; n++)
    {
      g_autoptr(PopplerDocument) doc = NULL;
      g_autoptr(PopplerPage) page = NULL;
      g_autoptr(GArray) images = NULL;
      double w, h, used = 0, printable;
      TfRect key;

      if (n == 1)
        {
          /* Its "before" beside it: the two photos, then the key. */
          gint64 before = add_photo (f, 1, "cour-avant.png");

          move_to (f, before, p.x - p.width - 60, p.y);
          run (f, tf_mk_command_set_original (f->photo, before));
        }
      export (f, TF_EXPORT_BOARD, names[n]);
      doc = open_pdf (f, names[n]);
      page = poppler_document_get_page (doc, 0);
      poppler_page_get_size (page, &w, &h);
      images = images_of (page);
      g_assert_cmpuint (images->len, ==, (guint) n + 1);
      for (guint i = 0; i < images->len; i++)
        used += g_array_index (images, TfRect, i).width * g_array_index (images, TfRect, i).height;
      /* The page less its 12 mm margins and its footer. */
      printable = (w - 2 * 12 * 72 / 25.4) * (h - 2 * 12 * 72 / 25.4);
      g_test_message ("%s: %.0f × %.0f pt, photos %.0f %% of the printable area", names[n], w, h,
                      100 * used / printable);
      g_assert_cmpfloat (used, >, (n == 0 ? 0.55 : 0.4) * printable);
      /* The key is on it, inside the page. */
      g_assert_true (find_word (page, "Le banc abrité", &key));
      g_assert_cmpfloat (key.x + key.width, <, w - 12);
      g_assert_cmpfloat (key.y + key.height, <, h - 12);

      /* The report too: the photos as big as the page leaves them with
       * their key (it printed one on 29 % of the page, a pair on 14 %). */
      {
        g_autofree char *report = g_strdup_printf ("report-%s", names[n]);
        int at;

        g_clear_object (&page);
        g_clear_object (&doc);
        g_clear_pointer (&images, g_array_unref);
        export (f, TF_EXPORT_REPORT, report);
        doc = open_pdf (f, report);
        at = page_of (doc, "Le banc abrité");
        g_assert_cmpint (at, >=, 0);
        page = poppler_document_get_page (doc, at);
        poppler_page_get_size (page, &w, &h);
        images = images_of (page);
        g_assert_cmpuint (images->len, ==, (guint) n + 1);
        used = 0;
        for (guint i = 0; i < images->len; i++)
          used += g_array_index (images, TfRect, i).width * g_array_index (images, TfRect, i).height;
        g_test_message ("%s: %.0f × %.0f pt, photos %.0f %% of the page", report, w, h, 100 * used / (w * h));
        g_assert_cmpfloat (used, >, (n == 0 ? 0.33 : 0.25) * w * h);
        g_assert_true (find_word (page, "Le banc abrité", &key));
        g_assert_cmpfloat (key.x + key.width, <, w - 12);
        g_assert_cmpfloat (key.y + key.height, <, h - 12);
      }
    }
}

/* --- 7. A text label prints whole, on one line, where its box is --- */

/* The characters of @page's text from @from to the end of @to (both
 * found in the text), with their boxes (top-down page coordinates). */
static gboolean
text_boxes (PopplerPage *page,
            const char  *from,
            const char  *to,
            GArray      *boxes)
{
  g_autofree char *text = poppler_page_get_text (page);
  PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  const char *start, *end;
  glong first, last;
  double w, h;

  start = text != NULL ? strstr (text, from) : NULL;
  end = start != NULL ? strstr (start, to) : NULL;
  if (end == NULL || !poppler_page_get_text_layout (page, &rects, &n_rects))
    {
      g_free (rects);
      return FALSE;
    }
  poppler_page_get_size (page, &w, &h);
  first = g_utf8_pointer_to_offset (text, start);
  last = g_utf8_pointer_to_offset (text, end + strlen (to));
  for (glong i = first; i < last && i < (glong) n_rects; i++)
    {
      PopplerRectangle *r = &rects[i];
      TfRect box = TF_RECT_INIT (MIN (r->x1, r->x2), MIN (r->y1, r->y2), fabs (r->x2 - r->x1), fabs (r->y2 - r->y1));

      g_array_append_val (boxes, box);
    }
  g_free (rects);
  (void) h;
  return boxes->len > 0;
}

/* The biggest image of @page whose area holds @point. */
static gboolean
image_under (PopplerPage *page,
             double       x,
             double       y,
             TfRect      *area)
{
  g_autoptr(GArray) images = images_of (page);

  for (guint i = 0; i < images->len; i++)
    if (tf_rect_contains_point (&g_array_index (images, TfRect, i), x, y))
      {
        *area = g_array_index (images, TfRect, i);
        return TRUE;
      }
  return FALSE;
}

/* The label's text in the PDF: one line, every character inside the page
 * and inside the photo it is written on (which a report's figure shows
 * whole). */
static void
check_printed_label (PopplerDocument *doc,
                     const char      *pdf,
                     const char      *first_word,
                     const char      *last_word)
{
  int at = page_of (doc, "accueil");
  g_autoptr(PopplerPage) page = NULL;
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (TfRect));
  TfRect photo = { 0 }, first;
  double w, h;

  g_assert_cmpint (at, >=, 0);
  page = poppler_document_get_page (doc, at);
  poppler_page_get_size (page, &w, &h);
  g_assert_true (text_boxes (page, first_word, last_word, boxes));
  first = g_array_index (boxes, TfRect, 0);
  g_assert_true (image_under (page, first.x + first.width / 2, first.y + first.height / 2, &photo));
  for (guint i = 0; i < boxes->len; i++)
    {
      const TfRect *r = &g_array_index (boxes, TfRect, i);

      if (r->width <= 0)
        continue;
      if (fabs (r->y - first.y) > first.height / 2 || r->x + r->width > photo.x + photo.width + 0.5 ||
          r->x < photo.x - 0.5 || r->x + r->width > w || r->y + r->height > h)
        g_test_message ("%s: character %u of the label at %.1f, %.1f (%.1f × %.1f); first at %.1f, %.1f; "
                        "photo %.1f, %.1f, %.1f × %.1f", pdf, i, r->x, r->y, r->width, r->height,
                        first.x, first.y, photo.x, photo.y, photo.width, photo.height);
      /* On the first one's line. */
      g_assert_cmpfloat (fabs (r->y - first.y), <=, first.height / 2);
      /* Inside the photo, so inside the page. */
      g_assert_cmpfloat (r->x, >=, photo.x - 0.5);
      g_assert_cmpfloat (r->x + r->width, <=, photo.x + photo.width + 0.5);
      g_assert_cmpfloat (r->y, >=, photo.y - 0.5);
      g_assert_cmpfloat (r->y + r->height, <=, photo.y + photo.height + 0.5);
    }
}

/* The widths of @layout's lines, in board units. */
static GArray *
line_widths (PangoLayout *layout)
{
  GArray *widths = g_array_new (FALSE, FALSE, sizeof (double));
  int n = pango_layout_get_line_count (layout);

  for (int i = 0; i < n; i++)
    {
      PangoRectangle logical;
      double w;

      pango_layout_line_get_extents (pango_layout_get_line_readonly (layout, i), NULL, &logical);
      w = logical.width / (double) PANGO_SCALE;
      g_array_append_val (widths, w);
    }
  return widths;
}

/* The text of line @i of @layout. */
static char *
line_text (PangoLayout *layout,
           int          i)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (layout, i);

  return g_strstrip (g_strndup (pango_layout_get_text (layout) + line->start_index, line->length));
}

/* The shortest line over the longest. */
static double
line_ratio (PangoLayout *layout)
{
  g_autoptr(GArray) widths = line_widths (layout);
  double lo = G_MAXDOUBLE, hi = 0;

  for (guint i = 0; i < widths->len; i++)
    {
      lo = MIN (lo, g_array_index (widths, double, i));
      hi = MAX (hi, g_array_index (widths, double, i));
    }
  return hi > 0 ? lo / hi : 0;
}

/* A label that wraps has even lines: the greedy wrap left "B" alone
 * ("…version / B"); balanced, the same number of lines, as narrow as
 * that allows, a word never alone, the French marks kept with their
 * words. */
static void
test_label_balanced (Fixture       *f,
                     gconstpointer  data)
{
  static const char text[] = "Présentation du kit du mandat régional, version B";
  PangoContext *context = tf_text_context_new ();
  g_autoptr(PangoLayout) one = NULL;
  g_autoptr(PangoLayout) greedy = NULL;
  g_autoptr(PangoLayout) balanced = NULL;
  g_autofree char *last = NULL;
  PangoRectangle logical;
  double wrap, width, size = 0;

  (void) data;
  /* A width where everything but " B" fits on the first line. */
  one = tf_text_fit (context, "Présentation du kit du mandat régional, version", 1e6, 1e6, 36, 36, TRUE, NULL);
  pango_layout_get_extents (one, NULL, &logical);
  wrap = logical.width / (double) PANGO_SCALE + 4;
  greedy = tf_text_fit (context, text, wrap, 1e6, 36, 12, TRUE, NULL);
  g_assert_cmpint (pango_layout_get_line_count (greedy), ==, 2);
  last = line_text (greedy, 1);
  g_assert_cmpstr (last, ==, "B");
  g_assert_cmpfloat (line_ratio (greedy), <, 0.1);
  g_clear_pointer (&last, g_free);

  width = tf_text_balance_width (context, text, wrap, 1e6, 36, 12, TRUE);
  g_assert_cmpfloat (width, <, wrap * 0.75);
  balanced = tf_text_fit (context, text, width, 1e6, 36, 12, TRUE, &size);
  g_assert_cmpfloat (size, ==, 36);
  g_assert_cmpint (pango_layout_get_line_count (balanced), ==, 2);
  last = line_text (balanced, 1);
  g_assert_true (g_str_has_suffix (last, "version B"));
  g_assert_cmpfloat (line_ratio (balanced), >, 0.6);
  /* Narrower would need a third line: it is the narrowest. */
  {
    g_autoptr(PangoLayout) narrower = tf_text_fit (context, text, width - 4, 1e6, 36, 12, TRUE, NULL);

    g_assert_cmpint (pango_layout_get_line_count (narrower), ==, 3);
  }
  /* One line stays as it is. */
  g_assert_cmpfloat (tf_text_balance_width (context, "Version B", wrap, 1e6, 36, 12, TRUE), ==, wrap);

  /* The rule on French marks holds in the balanced lines. */
  {
    static const char marks[] = "Bureau de l’élue — « accueil des visiteurs » : entrée !";
    double w = tf_text_balance_width (context, marks, 520, 1e6, 36, 12, TRUE);
    g_autoptr(PangoLayout) l = tf_text_fit (context, marks, w, 1e6, 36, 12, TRUE, NULL);

    g_assert_cmpint (pango_layout_get_line_count (l), >=, 2);
    for (int i = 0; i < pango_layout_get_line_count (l); i++)
      {
        g_autofree char *t = line_text (l, i);

        g_assert_false (g_str_has_prefix (t, "»") || g_str_has_prefix (t, ":") || g_str_has_prefix (t, "!"));
        g_assert_false (g_str_has_suffix (t, "«"));
      }
  }

  /* On the board: a label's box is the balanced width (as narrow, lines
   * as even); narrowed by hand, it keeps that size. */
  {
    TfRect p = tf_test_mockup_bounds (f, f->photo);
    gint64 label = run (f, tf_mk_command_add_label (f->board, p.x + p.width - wrap - 6 - 10, p.y + 40, text));
    TfRect r = tf_test_mockup_bounds (f, label);
    g_autoptr(PangoLayout) drawn = NULL;

    drawn = tf_text_fit (context, text, r.width, r.height, 36, 12, TRUE, NULL);
    g_assert_cmpint (pango_layout_get_line_count (drawn), ==, 2);
    g_assert_cmpfloat (line_ratio (drawn), >, 0.6);
    g_assert_cmpfloat (r.width, <, wrap * 0.8);
    r.width = 400;
    r.height = 200;
    run (f, tf_command_set_bounds (&label, &r, 1, "Resize"));
    r = tf_test_mockup_bounds (f, label);
    g_assert_cmpfloat (r.width, ==, 400);
  }
  g_object_unref (context);
}

static void
test_label_whole (Fixture       *f,
                  gconstpointer  data)
{
  TfRect p = tf_test_mockup_bounds (f, f->photo);
  const char *texts[] = { "Bureau de l\u2019\u00e9lue \u2014 \u00ab\u00a0accueil\u00a0\u00bb",
                          "Bureau de l'\u00e9lue \u2014 \u00ab accueil \u00bb" };

  (void) data;
  /* Wrapped where Pango alone would leave the closing » on a line of its
   * own, the » stays with its word. */
  {
    PangoContext *context = tf_text_context_new ();
    PangoLayout *first = tf_text_fit (context, "Bureau de l'\u00e9lue \u2014 \u00ab accueil", 1e6, 1e6, 36, 36, TRUE, NULL);
    PangoLayout *layout;
    PangoRectangle logical;
    GSList *lines;

    pango_layout_get_extents (first, NULL, &logical);
    layout = tf_text_fit (context, texts[1], logical.width / (double) PANGO_SCALE + 4, 1000, 36, 36, TRUE, NULL);
    lines = pango_layout_get_lines_readonly (layout);
    g_assert_cmpint (pango_layout_get_line_count (layout), ==, 2);
    g_assert_cmpstr (pango_layout_get_text (layout) + ((PangoLayoutLine *) lines->next->data)->start_index, ==,
                     "\u00ab accueil \u00bb");
    g_object_unref (layout);
    g_object_unref (first);
    g_object_unref (context);
  }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *board_pdf = g_strdup_printf ("label-%u.pdf", i);
      g_autofree char *report_pdf = g_strdup_printf ("label-report-%u.pdf", i);
      g_autoptr(PopplerDocument) doc = NULL;
      TfNewItem item = { .kind = TF_MK_LABEL_KIND, .bounds = TF_RECT_INIT (p.x + 20, p.y + 40, 240, 240),
                         .text = "" };
      g_autoptr(TfCommand) command = tf_command_add_items (f->board, &item, 1, "Write label");
      g_autoptr(GError) error = NULL;
      const gint64 *ids;
      guint n_ids = 0;
      gint64 label;

      /* Made empty where the pointer is, then typed (the board's tool). */
      g_assert_true (tf_command_execute (command, f->store, &error));
      g_assert_no_error (error);
      ids = tf_item_command_get_ids (command, &n_ids);
      label = ids[0];
      run (f, tf_command_set_item_text (label, texts[i]));
      /* On screen (canvas/tf-label-kind.c draws it so): at its size, on
       * one line, its ink inside its box. */
      {
        TfRect r = tf_test_mockup_bounds (f, label);
        PangoContext *context = tf_text_context_new ();
        double size = 0;
        PangoLayout *layout = tf_text_fit (context, texts[i], r.width, r.height, 36.0, 12.0, TRUE, &size);
        PangoRectangle ink;

        g_test_message ("label box %.1f, %.1f, %.1f × %.1f on photo %.1f, %.1f, %.1f × %.1f",
                        r.x, r.y, r.width, r.height, p.x, p.y, p.width, p.height);
        pango_layout_get_extents (layout, &ink, NULL);
        g_assert_cmpfloat (size, ==, 36.0);
        g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
        g_assert_false (pango_layout_is_ellipsized (layout));
        g_assert_cmpint (ink.x, >=, 0);
        g_assert_cmpfloat ((ink.x + ink.width) / (double) PANGO_SCALE, <=, r.width);
        g_assert_cmpfloat ((ink.y + ink.height) / (double) PANGO_SCALE, <=, r.height);
        g_object_unref (layout);
        g_object_unref (context);
      }
      export (f, TF_EXPORT_BOARD, board_pdf);
      doc = open_pdf (f, board_pdf);
      check_printed_label (doc, board_pdf, "Bureau", "\u00bb");
      g_clear_object (&doc);
      export (f, TF_EXPORT_REPORT, report_pdf);
      doc = open_pdf (f, report_pdf);
      check_printed_label (doc, report_pdf, "Bureau", "\u00bb");
      g_clear_object (&doc);
      run (f, tf_command_delete_items (&label, 1));
    }
}

/* Whether "Usager / citoyen" is printed whole on @page. Poppler reads a
 * cut text whole, the ellipsis standing for the letters it hides: they
 * share its box, so a cut "citoyen" is far narrower than "Usager". */
static gboolean
caption_printed_whole (PopplerPage *page)
{
  TfRect usager, citoyen;

  if (!find_word (page, "Usager", &usager) || !find_word (page, "citoyen", &citoyen))
    return FALSE;
  g_test_message ("Usager %.1f pt wide, citoyen %.1f pt", usager.width, citoyen.width);
  return citoyen.width > 0.7 * usager.width;
}

/* A pictogram on the photo prints its caption whole ("Usager / cit…"
 * was cut): read back from the board PDF, on one line or two. */
static void
test_pictogram_caption (Fixture       *f,
                        gconstpointer  data)
{
  TfRect p = tf_test_mockup_bounds (f, f->photo);
  TfNewItem item = { .kind = "stamp", .bounds = TF_RECT_INIT (p.x + 60, p.y + 40, TF_STAMP_ITEM_WIDTH * 0.5,
                                                              TF_STAMP_ITEM_HEIGHT * 0.5),
                     .text = "Usager / citoyen", .payload = "{\"stamp\":\"usager\",\"role\":\"\",\"notes\":\"\"}" };
  g_autoptr(TfCommand) command = tf_command_add_items (f->board, &item, 1, "Add a pictogram");
  const TfExportKind kinds[] = { TF_EXPORT_BOARD, TF_EXPORT_REPORT };
  g_autoptr(GError) error = NULL;

  (void) data;
  g_assert_true (tf_command_execute (command, f->store, &error));
  g_assert_no_error (error);
  /* A board far wider than the photo: printed small, as a board of
   * photos from a camera is (its label had the far-away single line). */
  move_to (f, add_photo (f, 1, "loin.png"), p.x + 12000, p.y);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(PopplerDocument) doc = NULL;
      g_autoptr(GString) all = g_string_new (NULL);
      g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
      g_autofree char *flat = NULL;

      export (f, kinds[k], "pictogram.pdf");
      doc = open_pdf (f, "pictogram.pdf");
      for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
        {
          g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
          g_autofree char *text = poppler_page_get_text (page);

          g_string_append_printf (all, "%s\n", text != NULL ? text : "");
        }
      flat = g_regex_replace_literal (spaces, all->str, -1, 0, " ", 0, NULL);
      g_test_message ("%s", flat);
      g_assert_nonnull (strstr (flat, "Usager / citoyen"));
      for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
        {
          g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
          g_autofree char *text = poppler_page_get_text (page);

          if (text != NULL && strstr (text, "citoyen") != NULL)
            g_assert_true (caption_printed_whole (page));
        }
      g_assert_null (strstr (flat, "\u2026"));
    }

  /* Drawn far away (a camera's photo fitted on a page or a screen, a
   * label under 5 pixels): whole too, not one line cut at the stamp's
   * width. */
  {
    g_autoptr(TfScene) scene = tf_scene_new_for_board (f->store, f->board, &error);
    g_autoptr(TfRenderer) renderer = tf_renderer_new ();
    g_autofree char *path = out_path (f, "far.pdf");
    g_autoptr(PopplerDocument) doc = NULL;
    g_autoptr(PopplerPage) page = NULL;
    g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
    g_autofree char *text = NULL;
    g_autofree char *flat = NULL;
    TfViewport vp = { p.x, p.y, 0.2, 200, 200 };
    cairo_surface_t *surface;
    cairo_t *cr;

    g_assert_no_error (error);
    surface = cairo_pdf_surface_create (path, vp.width, vp.height);
    cr = cairo_create (surface);
    tf_renderer_draw (renderer, scene, cr, &vp, TF_RENDER_PRINT);
    cairo_destroy (cr);
    cairo_surface_finish (surface);
    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (surface);
    doc = open_pdf (f, "far.pdf");
    page = poppler_document_get_page (doc, 0);
    text = poppler_page_get_text (page);
    flat = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
    g_test_message ("far: %s", flat);
    g_assert_nonnull (strstr (flat, "Usager / citoyen"));
    g_assert_true (caption_printed_whole (page));
    g_assert_null (strstr (flat, "\u2026"));
  }
}

/* The index of the last page of @doc whose text holds @text, or -1. */
static int
last_page_with (PopplerDocument *doc,
                const char      *text)
{
  int found = -1;

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (doc, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      if (page_text != NULL && strstr (page_text, text) != NULL)
        found = i;
    }
  return found;
}

/* A new mockup board of two photos, people visible on the second with
 * their consent: in the report, the section's title is on its first
 * photo's page, and the consent sentence on its photo's page. */
static void
test_report_two_photos (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PopplerDocument) doc = NULL;
  g_autofree char *section = NULL;
  gint64 second;
  int title_page, first_page, consent_page, second_page;

  (void) data;
  second = add_photo (f, 1, "rue.png");
  run (f, tf_mk_command_set_people_visible (second, TRUE));
  run (f, tf_mk_command_set_consent (second, TRUE));
  export (f, TF_EXPORT_REPORT, "two-photos.pdf");
  doc = open_pdf (f, "two-photos.pdf");
  section = g_strdup_printf (_("Mockup: %s"), BOARD_NAME);
  title_page = last_page_with (doc, section);
  first_page = last_page_with (doc, "cour.png");
  second_page = last_page_with (doc, "rue.png");
  consent_page = last_page_with (doc, _("People can be recognised on this photo; their consent is recorded in the archive."));
  g_test_message ("pages: %d, title %d, first photo %d, second %d, consent %d",
                  poppler_document_get_n_pages (doc), title_page, first_page, second_page, consent_page);
  g_assert_cmpint (title_page, >=, 0);
  g_assert_cmpint (first_page, ==, title_page);
  g_assert_cmpint (consent_page, >=, 0);
  g_assert_cmpint (consent_page, ==, second_page);
}

/* --- The board's page of several photos: a grid, one series of numbers --- */

/* Whether the key prints @number beside @text: a word @number at the
 * left of @text's first line, level with it. */
static gboolean
key_says (PopplerPage *page,
          const char  *number,
          const char  *text)
{
  GList *found = poppler_page_find_text (page, number);
  TfRect t;
  gboolean beside = FALSE;
  double w, h;

  poppler_page_get_size (page, &w, &h);
  g_assert_true (find_word (page, text, &t));
  for (GList *l = found; l != NULL; l = l->next)
    {
      PopplerRectangle *r = l->data;
      double x = MAX (r->x1, r->x2), y = h - MAX (r->y1, r->y2);

      if (x <= t.x && x > t.x - 30 && fabs (y - t.y) < 6)
        beside = TRUE;
    }
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return beside;
}

/* Where @text is printed right under one of @images, at its left edge. */
static gboolean
find_caption (PopplerPage *page,
              const char  *text,
              GArray      *images,
              TfRect      *where)
{
  GList *found = poppler_page_find_text (page, text);
  gboolean under = FALSE;
  double w, h;

  poppler_page_get_size (page, &w, &h);
  for (GList *l = found; l != NULL && !under; l = l->next)
    {
      PopplerRectangle *r = l->data;
      TfRect c = TF_RECT_INIT (MIN (r->x1, r->x2), h - MAX (r->y1, r->y2), fabs (r->x2 - r->x1), fabs (r->y2 - r->y1));

      for (guint i = 0; i < images->len && !under; i++)
        {
          TfRect *a = &g_array_index (images, TfRect, i);

          if (fabs (c.x - a->x) < 2 && c.y >= a->y + a->height - 1 && c.y < a->y + a->height + 12)
            {
              *where = c;
              under = TRUE;
            }
        }
    }
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
  return under;
}

static void
test_board_grid (Fixture       *f,
                 gconstpointer  data)
{
  TfRect p = tf_test_mockup_bounds (f, f->photo);
  gint64 second = add_photo (f, 2, "preau.png");
  gint64 before = add_photo (f, 1, "cour-avant.png");
  static const char * const texts[] = {
    "Le banc abrité près du portail", "La fontaine refaite en granit",
    "Les casiers du foyer des élèves", "Un abri pour les vélos du personnel",
  };
  gint64 callouts[4];
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  g_autoptr(GArray) images = NULL;
  g_autofree char *all = NULL;
  double pw, ph;

  (void) data;
  /* Laid out in one column on the board: printed as laid out, each
   * photo would be a third of the page's height and its caption tiny. */
  move_to (f, second, p.x, p.y + p.height + 400);
  move_to (f, before, p.x, p.y + 2 * (p.height + 400));
  run (f, tf_mk_command_set_original (f->photo, before));
  for (int i = 0; i < 4; i++)
    {
      gint64 on = i < 2 ? f->photo : second;
      TfRect r = tf_test_mockup_bounds (f, on);

      callouts[i] = run (f, tf_mk_command_add_callout (on, r.x + 100 + 150 * i, r.y + 100, texts[i]));
    }
  /* One series for the board: 1 to 4, none twice. */
  {
    g_autoptr(TfScene) scene = tf_scene_new_for_board (f->store, f->board, NULL);
    gboolean seen[5] = { FALSE };

    for (int i = 0; i < 4; i++)
      {
        int n = tf_mk_callout_number (scene, tf_scene_lookup (scene, callouts[i]));

        g_assert_cmpint (n, >=, 1);
        g_assert_cmpint (n, <=, 4);
        g_assert_false (seen[n]);
        seen[n] = TRUE;
      }
  }

  export (f, TF_EXPORT_BOARD, "grid.pdf");
  doc = open_pdf (f, "grid.pdf");
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, &pw, &ph);
  images = images_of (page);
  g_assert_cmpuint (images->len, ==, 3);
  /* Nothing cut, nothing over another. */
  for (guint i = 0; i < images->len; i++)
    {
      TfRect *a = &g_array_index (images, TfRect, i);

      g_assert_cmpfloat (a->x, >=, 0);
      g_assert_cmpfloat (a->y, >=, 0);
      g_assert_cmpfloat (a->x + a->width, <=, pw);
      g_assert_cmpfloat (a->y + a->height, <=, ph);
      /* Bigger than printed as laid out (a third of the page's height). */
      g_assert_cmpfloat (a->width, >, 0.3 * pw);
      for (guint j = i + 1; j < images->len; j++)
        {
          TfRect *b = &g_array_index (images, TfRect, j);
          TfRect both;

          g_assert_false (tf_rect_intersection (a, b, &both) && both.width > 1 && both.height > 1);
        }
    }
  /* The "before" beside its montage, at one height, at its left; each
   * caption at 8 pt at least, under its photo, inside the page (the key's
   * headings say the same words elsewhere). */
  {
    TfRect cour, avant, preau;

    g_assert_true (find_caption (page, "Photo 1 · cour.png", images, &cour));
    g_assert_true (find_caption (page, "Photo 3 · cour-avant.png", images, &avant));
    g_assert_true (find_caption (page, "Photo 2 · preau.png", images, &preau));
    g_assert_cmpfloat (fabs (cour.y - avant.y), <, 1);
    g_assert_cmpfloat (avant.x, <, cour.x);
    for (const TfRect *c = (const TfRect[]) { cour, avant, preau }, *end = c + 3; c < end; c++)
      {
        g_assert_cmpfloat (c->height, >=, 8);
        g_assert_cmpfloat (c->y + c->height, <=, ph);
      }
  }
  /* The key beside: each text after its own number. */
  for (int i = 0; i < 4; i++)
    {
      g_autoptr(TfScene) scene = tf_scene_new_for_board (f->store, f->board, NULL);
      g_autofree char *number = g_strdup_printf ("%d", tf_mk_callout_number (scene, tf_scene_lookup (scene, callouts[i])));

      g_assert_true (key_says (page, number, texts[i]));
    }
  all = poppler_page_get_text (page);
  for (int i = 0; i < 4; i++)
    g_assert_nonnull (strstr (all, texts[i]));
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
  g_test_add ("/mockup-print/paired-key", Fixture, NULL, fixture_set_up, test_paired_key, fixture_tear_down);
  g_test_add ("/mockup-print/board-grid", Fixture, NULL, fixture_set_up, test_board_grid, fixture_tear_down);
  g_test_add ("/mockup-print/report-pair", Fixture, NULL, fixture_set_up, test_report_pair, fixture_tear_down);
  g_test_add_func ("/mockup-print/date-english", test_date_english);
  g_test_add_func ("/mockup-print/date-french", test_date_french);
  g_test_add ("/mockup-print/whole-words", Fixture, NULL, fixture_set_up, test_whole_words, fixture_tear_down);
  g_test_add ("/mockup-print/label-box", Fixture, NULL, fixture_set_up, test_label_box, fixture_tear_down);
  g_test_add ("/mockup-print/fills-page", Fixture, NULL, fixture_set_up, test_fills_page, fixture_tear_down);
  g_test_add ("/mockup-print/label-balanced", Fixture, NULL, fixture_set_up, test_label_balanced, fixture_tear_down);
  g_test_add ("/mockup-print/label-whole", Fixture, NULL, fixture_set_up, test_label_whole, fixture_tear_down);
  g_test_add ("/mockup-print/pictogram-caption", Fixture, NULL, fixture_set_up, test_pictogram_caption,
              fixture_tear_down);
  g_test_add ("/mockup-print/report-two-photos", Fixture, NULL, fixture_set_up, test_report_two_photos,
              fixture_tear_down);
  return g_test_run ();
}
