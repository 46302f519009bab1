/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "core/tf-history.h"
#include "core/tf-store-private.h"
#include "stamps/tf-stamp-commands.h"
#include "stamps/tf-stamp-library.h"
#include "stamps/tf-stamp-private.h"
#include "stamps/tf-svg-check.h"
#include "stamps/tf-svg-sandbox.h"
#include "tf-test-util.h"
#include "wings/tf-wings.h"

/* A small, valid pictogram. */
#define GOOD_SVG \
  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 48\" width=\"48\" height=\"48\">" \
  "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#f00\"/></linearGradient></defs>" \
  "<circle cx=\"24\" cy=\"24\" r=\"18\" fill=\"url(#g)\" stroke=\"#2b2b2b\" stroke-width=\"3\"/>" \
  "</svg>"

/* Within every bound of the markup check, but librsvg needs minutes: 4,000
 * segments across the square, dashed every hundredth of a unit. */
static char *
slow_svg (const char *color)
{
  GString *svg = g_string_new (NULL);

  g_string_append_printf (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 48\">"
                          "<circle cx=\"24\" cy=\"24\" r=\"20\" fill=\"%s\"/><path d=\"M0 0", color);
  for (int i = 0; i < 4000; i++)
    g_string_append_printf (svg, " L%d %.3f", (i % 2) * 48, i * 48.0 / 4000);
  g_string_append (svg, "\" fill=\"none\" stroke=\"#000\" stroke-width=\"0.5\" stroke-dasharray=\"0.01\"/></svg>");
  return g_string_free (svg, FALSE);
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_builtins (void)
{
  g_autoptr(TfStampLibrary) library = tf_stamp_library_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (library));
  static const char * const required[] = {
    "elu", "collaborateur", "assistant", "cabinet", "direction", "agent", "charge_mission", "usager",
    "lyceen", "association", "entreprise", "commune", "region", "partenaire", "chercheur", "designer",
    "presse", "telephone", "agenda", "parapheur", "note", "courriel", "reunion", "document", "lieu",
    "proviseur", "gestionnaire", "agent_entretien", "benevole", "parent",
  };

  g_assert_cmpuint (n, >=, 24);
  g_assert_cmpuint (tf_stamp_library_get_n_builtin (library), ==, n);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (library)) == TF_TYPE_STAMP);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autoptr(TfStamp) stamp = tf_stamp_library_lookup (library, required[i]);
      g_assert_nonnull (stamp);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TfStamp) stamp = g_list_model_get_item (G_LIST_MODEL (library), i);
      g_autoptr(GError) error = NULL;
      const TfStampFamily *family = tf_stamp_get_family (stamp);
      cairo_surface_t *surface;
      const guint8 *pixels;
      guint painted = 0;
      int stride;

      g_test_message ("stamp %s", tf_stamp_get_id (stamp));
      g_assert_true (g_hash_table_add (ids, (gpointer) tf_stamp_get_id (stamp)));
      g_assert_true (tf_stamp_get_builtin (stamp));
      g_assert_nonnull (family);
      g_assert_cmpuint (tf_stamp_get_color (stamp), ==, family->color);
      g_assert_cmpstr (tf_stamp_get_name_fr (stamp), !=, "");
      g_assert_cmpstr (tf_stamp_get_name_en (stamp), !=, "");
      g_assert_cmpuint (g_strv_length ((char **) tf_stamp_get_keywords (stamp)), >=, 3);

      /* Our own drawings pass the checks imported ones must pass. */
      g_assert_true (tf_svg_check (tf_stamp_get_svg (stamp), &error));
      g_assert_no_error (error);

      /* And draw something at 24 px. */
      surface = tf_stamp_library_render (library, tf_stamp_get_id (stamp), 24);
      g_assert_nonnull (surface);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 24);
      pixels = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      for (int y = 0; y < 24; y++)
        for (int x = 0; x < 24; x++)
          painted += ((const guint32 *) (pixels + y * stride))[x] >> 24 > 128;
      g_assert_cmpuint (painted, >, 24 * 24 / 10);
      cairo_surface_destroy (surface);
    }

  /* Every family has pictograms. */
  for (guint f = 0; f < tf_stamp_family_get_n (); f++)
    {
      const TfStampFamily *family = tf_stamp_family_get_nth (f);
      guint count = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TfStamp) stamp = g_list_model_get_item (G_LIST_MODEL (library), i);
          count += g_str_equal (tf_stamp_get_family_id (stamp), family->id);
        }
      g_assert_cmpuint (count, >=, 1);
    }
}

static void
test_families (void)
{
  const TfStampFamily *elus = tf_stamp_family_lookup ("elus");

  g_assert_nonnull (elus);
  g_assert_true (tf_stamp_family_lookup ("Élus") == elus);
  g_assert_true (tf_stamp_family_lookup ("ELUS") == elus);
  g_assert_true (tf_stamp_family_lookup ("elected officials") == elus);
  g_assert_null (tf_stamp_family_lookup ("martians"));
  g_assert_null (tf_stamp_family_lookup (NULL));
  g_assert_cmpstr (tf_stamp_family_get_name (elus), ==, "Elected officials");
}

static char *
search_ids (TfStampLibrary *library,
            const char     *query)
{
  g_autoptr(GPtrArray) found = tf_stamp_library_search (library, query);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (ids, "%s%s", i ? "," : "", tf_stamp_get_id (g_ptr_array_index (found, i)));
  return g_string_free (ids, FALSE);
}

static gboolean
has_id (const char *ids,
        const char *id)
{
  g_auto(GStrv) parts = g_strsplit (ids, ",", -1);

  return g_strv_contains ((const char * const *) parts, id);
}

static void
test_search (void)
{
  g_autoptr(TfStampLibrary) library = tf_stamp_library_new ();
  struct { const char *query; const char *expected; } cases[] = {
    { "élu", "elu" },
    { "ELU", "elu" },
    { "Elue", "elu" },
    { "mayor", "elu" },
    { "téléphone", "telephone" },
    { "TELEPHONE", "telephone" },
    { "phone", "telephone" },
    { "parapheur", "parapheur" },
    { "signature folder", "parapheur" },
    { "cabinet président", "cabinet" },
    { "lyceenne", "lyceen" },
    { "étudiant", "lyceen" },
    { "student", "lyceen" },
    { "mairie", "commune" },
    { "town hall", "commune" },
    { "journaliste", "presse" },
    { "courriel", "courriel" },
    { "e-mail", "courriel" },
    { "Réunion", "reunion" },
    { "meeting", "reunion" },
    { "chargée de mission", "charge_mission" },
    { "recherche", "chercheur" },
    /* The roles a residency meets in a lycée, a commune, an association
     * (the facilitator's week, point 8). */
    { "proviseur", "proviseur" },
    { "Proviseure adjointe", "proviseur" },
    { "CPE", "proviseur" },
    { "head teacher", "proviseur" },
    { "gestionnaire", "gestionnaire" },
    { "intendant", "gestionnaire" },
    { "bursar", "gestionnaire" },
    { "agent d'entretien", "agent_entretien" },
    { "agent d’entretien", "agent_entretien" },
    { "caretaker", "agent_entretien" },
    { "secrétaire de mairie", "secretaire" },
    { "maire", "elu" },
    { "adjoint", "elu" },
    { "conseillère municipale", "elu" },
    { "élu", "elu" },
    { "bénévole", "benevole" },
    { "volunteer", "benevole" },
    { "président d'association", "association" },
    { "parent d'élève", "parent" },
    { "FCPE", "parent" },
    { "DGS", "direction" },
    { "directrice générale des services", "direction" },
    { "ramassage", "chauffeur" },
    { "délégué de classe", "lyceen" },
    { "conseil d'administration", "reunion" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = search_ids (library, cases[i].query);

      g_test_message ("%s → %s", cases[i].query, ids);
      g_assert_true (has_id (ids, cases[i].expected));
    }

  /* All words must match: "téléphone" and "signature" never meet. */
  {
    g_autofree char *ids = search_ids (library, "téléphone signature");
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search_ids (library, "zzzqx");
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autoptr(GPtrArray) all = tf_stamp_library_search (library, "");
    g_assert_cmpuint (all->len, ==, g_list_model_get_n_items (G_LIST_MODEL (library)));
  }
  /* A family's name finds its stamps. */
  {
    g_autofree char *ids = search_ids (library, "objets et lieux");
    g_assert_true (has_id (ids, "telephone") && has_id (ids, "lieu") && !has_id (ids, "elu"));
  }
  {
    g_autofree char *folded = tf_stamp_fold ("Élu(e) d’ÉTAT");
    g_assert_cmpstr (folded, ==, "elu(e) d'etat");
  }
}

static void
test_cache (void)
{
  g_autoptr(TfStampLibrary) library = tf_stamp_library_new ();
  cairo_surface_t *a, *b, *c;
  cairo_surface_t *target;
  cairo_t *cr;

  g_assert_cmpuint (tf_stamp_library_get_cache_size (library), ==, 0);
  a = tf_stamp_library_render (library, "elu", 48);
  b = tf_stamp_library_render (library, "elu", 48);
  c = tf_stamp_library_render (library, "elu", 96);
  g_assert_true (a == b);
  g_assert_true (a != c);
  g_assert_cmpuint (tf_stamp_library_get_cache_size (library), ==, 48 * 4 * 48 + 96 * 4 * 96);
  g_assert_null (tf_stamp_library_render (library, "no-such-stamp", 48));
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  cairo_surface_destroy (c);
  tf_stamp_library_clear_cache (library);
  g_assert_cmpuint (tf_stamp_library_get_cache_size (library), ==, 0);

  /* On screen, a scaled context takes the bitmap of the device size… */
  target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 200);
  cr = cairo_create (target);
  cairo_scale (cr, 2, 2);
  g_assert_true (tf_stamp_library_draw (library, "telephone", cr, 10, 10, 40, FALSE));
  g_assert_cmpuint (tf_stamp_library_get_cache_size (library), ==, 80 * 4 * 80);
  g_assert_false (tf_stamp_library_draw (library, "no-such-stamp", cr, 10, 10, 40, FALSE));
  cairo_destroy (cr);
  cairo_surface_destroy (target);

  /* …and print draws vectors, with no bitmap. */
  tf_stamp_library_clear_cache (library);
  target = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (target);
  g_assert_true (tf_stamp_library_draw (library, "parapheur", cr, 0, 0, 100, TRUE));
  g_assert_cmpuint (tf_stamp_library_get_cache_size (library), ==, 0);
  {
    double x, y, w, h;

    cairo_recording_surface_ink_extents (target, &x, &y, &w, &h);
    g_assert_cmpfloat (w, >, 50);
    g_assert_cmpfloat (h, >, 50);
  }
  cairo_destroy (cr);
  cairo_surface_destroy (target);
}

/* Hostile and broken files: each is refused with the right reason, fast. */
typedef struct {
  const char *name;
  int         code;
  char       *data;
  gsize       size;
} Hostile;

static char *
svg_with (const char *body)
{
  return g_strdup_printf ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
                          " viewBox=\"0 0 48 48\">%s<circle cx=\"24\" cy=\"24\" r=\"10\"/></svg>", body);
}

static GPtrArray *
hostile_files (void)
{
  GPtrArray *files = g_ptr_array_new ();
  Hostile *h;

#define ADD(NAME, CODE, DATA) \
  G_STMT_START { \
    h = g_new0 (Hostile, 1); \
    h->name = NAME; \
    h->code = CODE; \
    h->data = DATA; \
    h->size = strlen (h->data); \
    g_ptr_array_add (files, h); \
  } G_STMT_END

  ADD ("file-href", TF_STAMP_ERROR_EXTERNAL, svg_with ("<use href=\"file:///etc/passwd#x\"/>"));
  ADD ("xlink-href", TF_STAMP_ERROR_EXTERNAL, svg_with ("<use xlink:href=\"other.svg#a\"/>"));
  ADD ("image-passwd", TF_STAMP_ERROR_EXTERNAL, svg_with ("<image href=\"/etc/passwd\" width=\"10\" height=\"10\"/>"));
  ADD ("image-http", TF_STAMP_ERROR_EXTERNAL, svg_with ("<image xlink:href=\"http://example.org/a.png\"/>"));
  ADD ("data-uri", TF_STAMP_ERROR_EXTERNAL, svg_with ("<image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/>"));
  ADD ("url-in-style-attr", TF_STAMP_ERROR_EXTERNAL, svg_with ("<rect width=\"4\" height=\"4\" style=\"fill: url(http://example.org/p.svg#p)\"/>"));
  ADD ("url-in-fill", TF_STAMP_ERROR_EXTERNAL, svg_with ("<rect width=\"4\" height=\"4\" fill=\"URL( 'file:///tmp/x.svg#p' )\"/>"));
  ADD ("url-in-style-element", TF_STAMP_ERROR_EXTERNAL, svg_with ("<style>circle { fill: url(http://example.org/x#p) }</style>"));
  ADD ("url-in-cdata", TF_STAMP_ERROR_EXTERNAL, svg_with ("<style><![CDATA[ rect { fill: url(\"file:///etc/passwd\") } ]]></style>"));
  ADD ("css-import", TF_STAMP_ERROR_EXTERNAL, svg_with ("<style>@import 'http://example.org/a.css';</style>"));
  ADD ("css-escape", TF_STAMP_ERROR_FORBIDDEN, svg_with ("<style>circle { fill: \\75 rl(http://example.org/x) }</style>"));
  ADD ("xml-stylesheet", TF_STAMP_ERROR_EXTERNAL,
       g_strconcat ("<?xml version=\"1.0\"?><?xml-stylesheet href=\"http://example.org/a.css\" type=\"text/css\"?>",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>", NULL));
  ADD ("xinclude", TF_STAMP_ERROR_FORBIDDEN,
       g_strdup ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
                 "<xi:include href=\"/etc/passwd\" parse=\"text\"/></svg>"));
  ADD ("xinclude-other-prefix", TF_STAMP_ERROR_FORBIDDEN,
       g_strdup ("<svg xmlns=\"http://www.w3.org/2000/svg\"><text><q:include xmlns:q=\"http://www.w3.org/2001/XInclude\""
                 " parse=\"text\" href=\"#\"/></text></svg>"));
  ADD ("xml-base", TF_STAMP_ERROR_EXTERNAL, svg_with ("<g xml:base=\"http://example.org/\"><use href=\"#x\"/></g>"));
  ADD ("entity-bomb", TF_STAMP_ERROR_DOCTYPE,
       g_strdup ("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n"
                 "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
                 "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
                 "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
                 "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
                 "]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&d;&d;&d;&d;</text></svg>"));
  ADD ("external-entity", TF_STAMP_ERROR_DOCTYPE,
       g_strdup ("<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>"));
  ADD ("undeclared-entity", TF_STAMP_ERROR_NOT_SVG,
       g_strdup ("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&x;</text></svg>"));
  ADD ("script", TF_STAMP_ERROR_FORBIDDEN, svg_with ("<script>alert(1)</script>"));
  ADD ("script-uppercase", TF_STAMP_ERROR_FORBIDDEN, svg_with ("<SCRIPT>alert(1)</SCRIPT>"));
  ADD ("foreign-object", TF_STAMP_ERROR_FORBIDDEN,
       svg_with ("<foreignObject width=\"10\" height=\"10\"><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></foreignObject>"));
  ADD ("huge-size", TF_STAMP_ERROR_TOO_COMPLEX,
       g_strdup ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100000\" height=\"100000\"><circle r=\"4\"/></svg>"));
  ADD ("huge-viewbox", TF_STAMP_ERROR_TOO_COMPLEX,
       g_strdup ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100000 100000\"><circle r=\"4\"/></svg>"));
  ADD ("bad-viewbox", TF_STAMP_ERROR_NOT_SVG,
       g_strdup ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 nan\"><circle r=\"4\"/></svg>"));
  {
    GString *deep = g_string_new ("<svg xmlns=\"http://www.w3.org/2000/svg\">");

    for (int i = 0; i < 1000; i++)
      g_string_append (deep, "<g>");
    g_string_append (deep, "<circle r=\"4\"/>");
    for (int i = 0; i < 1000; i++)
      g_string_append (deep, "</g>");
    g_string_append (deep, "</svg>");
    ADD ("deep-nesting", TF_STAMP_ERROR_TOO_COMPLEX, g_string_free (deep, FALSE));
  }
  {
    /* Ten levels of ten uses each: 10^10 circles once expanded, from 100 <use>. */
    GString *bomb = g_string_new ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
                                  "<defs><circle id=\"l0\" r=\"1\"/>");

    for (int level = 1; level <= 10; level++)
      {
        g_string_append_printf (bomb, "<g id=\"l%d\">", level);
        for (int i = 0; i < 10; i++)
          g_string_append_printf (bomb, "<use xlink:href=\"#l%d\"/>", level - 1);
        g_string_append (bomb, "</g>");
      }
    g_string_append (bomb, "</defs><use xlink:href=\"#l10\"/></svg>");
    ADD ("use-fanout-bomb", TF_STAMP_ERROR_TOO_COMPLEX, g_string_free (bomb, FALSE));
  }
  {
    GString *many = g_string_new ("<svg xmlns=\"http://www.w3.org/2000/svg\"><circle id=\"c\" r=\"1\"/>");

    for (int i = 0; i < 300; i++)
      g_string_append (many, "<use href=\"#c\"/>");
    g_string_append (many, "</svg>");
    ADD ("too-many-uses", TF_STAMP_ERROR_TOO_COMPLEX, g_string_free (many, FALSE));
  }
  {
    GString *many = g_string_new ("<svg xmlns=\"http://www.w3.org/2000/svg\">");

    for (int i = 0; i < 6000; i++)
      g_string_append (many, "<rect/>");
    g_string_append (many, "</svg>");
    ADD ("too-many-elements", TF_STAMP_ERROR_TOO_COMPLEX, g_string_free (many, FALSE));
  }
  {
    /* A pattern that paints itself with itself. */
    ADD ("reference-cycle", TF_STAMP_ERROR_TOO_COMPLEX,
         svg_with ("<defs><pattern id=\"p\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\" fill=\"url(#p)\"/>"
                   "</pattern></defs><rect width=\"9\" height=\"9\" fill=\"url(#p)\"/>"));
  }
  ADD ("use-self", TF_STAMP_ERROR_TOO_COMPLEX, svg_with ("<g id=\"a\"><use href=\"#a\"/></g>"));
  /* What librsvg crashes or spends minutes on. */
  ADD ("convolve-panic", TF_STAMP_ERROR_FORBIDDEN, g_strdup (TF_TEST_PANIC_SVG));
  ADD ("turbulence-octaves", TF_STAMP_ERROR_FORBIDDEN,
       svg_with ("<filter id=\"t\"><feTurbulence baseFrequency=\"0.05\" numOctaves=\"1000000000\"/></filter>"
                 "<rect width=\"48\" height=\"48\" filter=\"url(#t)\"/>"));
  ADD ("blur-huge", TF_STAMP_ERROR_FORBIDDEN,
       svg_with ("<filter id=\"b\" x=\"-100\" y=\"-100\" width=\"200\" height=\"200\">"
                 "<feGaussianBlur stdDeviation=\"5000\"/></filter><rect width=\"48\" height=\"48\" filter=\"url(#b)\"/>"));
  ADD ("filter-function-style", TF_STAMP_ERROR_FORBIDDEN,
       svg_with ("<rect width=\"48\" height=\"48\" style=\"fill: red; filter : blur(500px)\"/>"));
  ADD ("filter-function-attribute", TF_STAMP_ERROR_FORBIDDEN,
       svg_with ("<rect width=\"48\" height=\"48\" filter=\"drop-shadow(3px 3px 900px red)\"/>"));
  ADD ("filter-function-sheet", TF_STAMP_ERROR_FORBIDDEN,
       svg_with ("<style>rect { FILTER: blur(500px) }</style><rect width=\"48\" height=\"48\"/>"));
  {
    GString *text = g_string_new ("<text x=\"0\" y=\"20\">");

    for (int i = 0; i < 100 * 1024 / 8; i++)
      g_string_append (text, "ABCDEFGH");
    g_string_append (text, "</text>");
    ADD ("text-100k", TF_STAMP_ERROR_TOO_COMPLEX, svg_with (text->str));
    g_string_free (text, TRUE);
  }
  {
    GString *text = g_string_new ("<text x=\"0\" y=\"20\"><tspan><![CDATA[");

    for (int i = 0; i < 2000; i++)
      g_string_append (text, "x");
    g_string_append (text, "]]></tspan></text>");
    ADD ("text-in-cdata", TF_STAMP_ERROR_TOO_COMPLEX, svg_with (text->str));
    g_string_free (text, TRUE);
  }
  {
    /* 55,000 vertices in one path. */
    GString *path = g_string_new ("<path fill=\"none\" stroke=\"#000\" d=\"M0 0");

    for (int i = 0; i < 55000; i++)
      g_string_append_printf (path, " %d %d", i % 48, (i / 48) % 48);
    g_string_append (path, "\"/>");
    ADD ("path-55k-vertices", TF_STAMP_ERROR_TOO_COMPLEX, svg_with (path->str));
    g_string_free (path, TRUE);
  }
  {
    GString *line = g_string_new ("<polyline fill=\"none\" stroke=\"#000\" points=\"");

    for (int i = 0; i < 12000; i++)
      g_string_append_printf (line, "%d,%d ", i % 48, i % 47);
    g_string_append (line, "\"/>");
    ADD ("polyline-12k-points", TF_STAMP_ERROR_TOO_COMPLEX, svg_with (line->str));
    g_string_free (line, TRUE);
  }
  {
    /* A marker at each of 2,000 vertices, which is itself a busy drawing. */
    GString *markers = g_string_new ("<marker id=\"m\" markerWidth=\"48\" markerHeight=\"48\">"
                                     "<circle r=\"20\"/><circle r=\"10\"/></marker>"
                                     "<path fill=\"none\" stroke=\"#000\" marker-mid=\"url(#m)\" d=\"M0 0");

    for (int i = 0; i < 2000; i++)
      g_string_append_printf (markers, " L%d %d", i % 48, i % 41);
    g_string_append (markers, "\"/>");
    ADD ("markers-per-vertex", TF_STAMP_ERROR_TOO_COMPLEX, svg_with (markers->str));
    g_string_free (markers, TRUE);
  }
  {
    /* The same through a style sheet, inherited from a group. */
    GString *markers = g_string_new ("<style>g.m { marker-start: url(#m); MARKER: url(#m) }</style>"
                                     "<marker id=\"m\"><circle r=\"20\"/></marker><g class=\"m\"><path d=\"M0 0");

    for (int i = 0; i < 300; i++)
      g_string_append_printf (markers, " L%d %d", i % 48, i % 41);
    g_string_append (markers, "\"/></g>");
    ADD ("markers-from-style-sheet", TF_STAMP_ERROR_TOO_COMPLEX, svg_with (markers->str));
    g_string_free (markers, TRUE);
  }
  {
    GString *dashes = g_string_new ("<path stroke=\"#000\" d=\"M0 0 L48 48\" stroke-dasharray=\"");

    for (int i = 0; i < 1000; i++)
      g_string_append (dashes, "0.01 ");
    g_string_append (dashes, "\"/>");
    ADD ("dasharray-1000", TF_STAMP_ERROR_TOO_COMPLEX, svg_with (dashes->str));
    g_string_free (dashes, TRUE);
  }
  ADD ("dasharray-in-style", TF_STAMP_ERROR_TOO_COMPLEX,
       svg_with ("<path d=\"M0 0 L48 48\" style=\"stroke:#000;stroke-dasharray:1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1"
                 " 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1\"/>"));
  ADD ("pattern-recursion", TF_STAMP_ERROR_TOO_COMPLEX,
       svg_with ("<pattern id=\"a\" width=\"0.1\" height=\"0.1\" patternUnits=\"userSpaceOnUse\">"
                 "<rect width=\"0.1\" height=\"0.1\" fill=\"url(#b)\"/></pattern>"
                 "<pattern id=\"b\" width=\"0.1\" height=\"0.1\" patternUnits=\"userSpaceOnUse\" href=\"#a\">"
                 "<rect width=\"0.1\" height=\"0.1\" fill=\"url(#a)\"/></pattern>"
                 "<rect width=\"48\" height=\"48\" fill=\"url(#a)\"/>"));
  {
    /* Patterns that tile patterns that tile patterns… */
    GString *nested = g_string_new ("<pattern id=\"p0\" width=\"0.5\" height=\"0.5\" patternUnits=\"userSpaceOnUse\">"
                                    "<rect width=\"0.2\" height=\"0.2\"/></pattern>");

    for (int i = 1; i < 12; i++)
      g_string_append_printf (nested, "<pattern id=\"p%d\" width=\"0.5\" height=\"0.5\" patternUnits=\"userSpaceOnUse\">"
                              "<rect width=\"48\" height=\"48\" fill=\"url(#p%d)\"/></pattern>", i, i - 1);
    g_string_append (nested, "<rect width=\"48\" height=\"48\" fill=\"url(#p11)\"/>");
    ADD ("patterns-nested", TF_STAMP_ERROR_TOO_COMPLEX, svg_with (nested->str));
    g_string_free (nested, TRUE);
  }
  ADD ("empty", TF_STAMP_ERROR_EMPTY, g_strdup (""));
  ADD ("not-xml", TF_STAMP_ERROR_NOT_SVG, g_strdup ("hello, this is not a drawing"));
  ADD ("html", TF_STAMP_ERROR_NOT_SVG, g_strdup ("<html><body>hi</body></html>"));
  ADD ("truncated", TF_STAMP_ERROR_NOT_SVG,
       g_strdup ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 48\"><circle cx=\"24\" cy=\"2"));
  ADD ("latin1-declared", TF_STAMP_ERROR_NOT_SVG,
       g_strdup ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>"));
  ADD ("draws-nothing", TF_STAMP_ERROR_UNRENDERABLE,
       g_strdup ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 48\"><g/></svg>"));
  {
    /* A PNG renamed .svg: its signature and a bit of binary. */
    static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                  0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89 };

    h = g_new0 (Hostile, 1);
    h->name = "png-renamed";
    h->code = TF_STAMP_ERROR_NOT_SVG;
    h->data = g_memdup2 (png, sizeof png);
    h->size = sizeof png;
    g_ptr_array_add (files, h);
  }
  {
    guint8 *garbage = g_malloc (4096);
    GRand *rand = g_rand_new_with_seed (42);

    for (int i = 0; i < 4096; i++)
      garbage[i] = (guint8) g_rand_int_range (rand, 0, 256);
    g_rand_free (rand);
    h = g_new0 (Hostile, 1);
    h->name = "binary-garbage";
    h->code = TF_STAMP_ERROR_NOT_SVG;
    h->data = (char *) garbage;
    h->size = 4096;
    g_ptr_array_add (files, h);
  }
  {
    gsize size = TF_SVG_MAX_BYTES + 1;
    char *big = g_malloc (size);

    memset (big, ' ', size);
    memcpy (big, "<svg xmlns=\"http://www.w3.org/2000/svg\">", 40);
    h = g_new0 (Hostile, 1);
    h->name = "too-big";
    h->code = TF_STAMP_ERROR_TOO_BIG;
    h->data = big;
    h->size = size;
    g_ptr_array_add (files, h);
  }
#undef ADD
  return files;
}

static void
hostile_free (gpointer data)
{
  Hostile *h = data;

  g_free (h->data);
  g_free (h);
}

static void
test_hostile (gconstpointer data)
{
  const Hostile *h = data;
  g_autoptr(GBytes) bytes = g_bytes_new (h->data, h->size);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  ok = tf_svg_check (bytes, &error);
  g_test_message ("%s: %s", h->name, error ? error->message : "accepted");
  g_assert_false (ok);
  g_assert_error (error, TF_STAMP_ERROR, h->code);
  g_assert_cmpuint (strlen (error->message), >, 10);
  /* Well under a second, even under the sanitizers; what only the helper
   * process can refuse, within its deadline. */
  if (h->code == TF_STAMP_ERROR_UNRENDERABLE)
    g_assert_cmpint (g_get_monotonic_time () - start, <, TF_SVG_PROBE_DEADLINE_MS * 1000);
  else
    g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
}

static void
test_good_svgs (void)
{
  static const char * const good[] = {
    GOOD_SVG,
    /* A BOM, an XML declaration, a comment, local references of every kind. */
    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?><!-- a pictogram -->"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"48mm\" height=\"48mm\""
    " viewBox=\"0,0,48,48\"><defs><clipPath id=\"c\"><rect width=\"48\" height=\"30\"/></clipPath>"
    "<g id=\"dot\"><circle r=\"3\"/></g></defs><style>.a { fill: #f80; stroke: url( '#grad' ) }</style>"
    "<g clip-path=\"url(#c)\"><use xlink:href=\"#dot\" x=\"10\" y=\"10\"/><use href=\"#dot\" x=\"20\" y=\"20\"/>"
    "<rect class=\"a\" width=\"40\" height=\"40\"/></g></svg>",
    /* A fan-out that stays small: 3 levels of 5. */
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 48\"><defs><circle id=\"a\" r=\"1\"/>"
    "<g id=\"b\"><use href=\"#a\"/><use href=\"#a\" x=\"2\"/><use href=\"#a\" x=\"4\"/><use href=\"#a\" x=\"6\"/><use href=\"#a\" x=\"8\"/></g>"
    "<g id=\"c\"><use href=\"#b\"/><use href=\"#b\" y=\"2\"/><use href=\"#b\" y=\"4\"/><use href=\"#b\" y=\"6\"/><use href=\"#b\" y=\"8\"/></g>"
    "</defs><use href=\"#c\" x=\"10\" y=\"10\"/></svg>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GBytes) bytes = bytes_of (good[i]);
      g_autoptr(GError) error = NULL;

      g_assert_true (tf_svg_check (bytes, &error));
      g_assert_no_error (error);
    }
}

typedef struct {
  char      *path;
  TfStore   *store;
  TfHistory *history;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->path = tf_test_archive_path ("stamps");
  f->store = tf_store_open (f->path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, &error);
  g_assert_no_error (error);
  f->history = tf_history_new (f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->history);
  g_assert_finalize_object (f->store);
  tf_test_remove_archive (f->path);
  g_free (f->path);
}

static gint64
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (tf_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
count_emission (guint    *count,
                gpointer  changes)
{
  (*count)++;
}

static void
test_import_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) files = hostile_files ();
  guint emissions = 0;

  g_signal_connect_swapped (f->store, "changed", G_CALLBACK (count_emission), &emissions);
  for (guint i = 0; i < files->len; i++)
    {
      const Hostile *h = g_ptr_array_index (files, i);
      g_autoptr(GBytes) bytes = g_bytes_new (h->data, h->size);
      g_autoptr(TfCommand) command = tf_command_import_stamp (bytes, "elus", "Élu", "Elected", "", NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (tf_history_execute (f->history, command, &error));
      g_assert_error (error, TF_STAMP_ERROR, h->code);
    }
  for (guint i = 0; i < files->len; i++)
    hostile_free (g_ptr_array_index (files, i));

  /* Nothing was written. */
  g_assert_cmpint (count_rows (f, "assets"), ==, 0);
  g_assert_cmpint (count_rows (f, "stamps"), ==, 0);
  g_assert_false (tf_history_get_can_undo (f->history));
  g_assert_cmpuint (emissions, ==, 0);

  /* Bad metadata is refused too, before anything. */
  {
    g_autoptr(GBytes) good = bytes_of (GOOD_SVG);
    struct { const char *family, *fr, *en, *color; } bad[] = {
      { "martians", "A", "B", NULL },
      { "elus", "", "B", NULL },
      { "elus", "A", "   ", NULL },
      { "elus", "A", "B", "blue" },
      { NULL, "A", "B", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(TfCommand) command = tf_command_import_stamp (good, bad[i].family, bad[i].fr, bad[i].en, NULL, bad[i].color);
        g_autoptr(GError) error = NULL;

        g_assert_false (tf_history_execute (f->history, command, &error));
        g_assert_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_INVALID);
      }
    g_assert_cmpint (count_rows (f, "stamps"), ==, 0);
  }
}

/* The helper process: a crash, a timeout and a missing helper are verdicts,
 * remembered; good drawings pass. */
static void
test_probe (void)
{
  g_autoptr(GBytes) panic = bytes_of (TF_TEST_PANIC_SVG);
  g_autofree char *slow_text = slow_svg ("#c00");
  g_autoptr(GBytes) slow = bytes_of (slow_text);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, panic);
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 start;

  /* librsvg aborts on it, in the helper: here, an error. */
  start = g_get_monotonic_time ();
  g_assert_false (tf_svg_probe (panic, &error));
  g_assert_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_UNRENDERABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "crashed"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, TF_SVG_PROBE_DEADLINE_MS * 1000);
  g_clear_error (&error);
  g_assert_cmpint (tf_svg_probe_lookup (sha, &reason), ==, TF_SVG_VERDICT_UNSAFE);
  g_assert_nonnull (reason);
  /* Remembered: no second run. */
  start = g_get_monotonic_time ();
  g_assert_false (tf_svg_probe (panic, &error));
  g_assert_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_UNRENDERABLE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 20);
  g_clear_error (&error);

  /* Minutes of work within the markup bounds: stopped at the deadline. */
  g_assert_true (tf_svg_check_markup (slow, NULL));
  start = g_get_monotonic_time ();
  g_assert_false (tf_svg_check (slow, &error));
  g_assert_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_UNRENDERABLE);
  g_test_message ("%s (%.1f s)", error->message, (g_get_monotonic_time () - start) / 1e6);
  g_assert_nonnull (strstr (error->message, "seconds"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, (TF_SVG_PROBE_DEADLINE_MS + 3000) * 1000);
  g_clear_error (&error);

  /* The built-in drawings pass, in the helper too. */
  {
    g_autoptr(GBytes) elu = tf_stamp_builtins_load_svg ("elu");

    g_assert_true (tf_svg_probe (elu, &error));
    g_assert_no_error (error);
  }

  /* Without the helper, nothing from elsewhere is drawn. */
  {
    g_autofree char *saved = g_strdup (g_getenv ("TRANSFO_SVG_PROBE"));
    g_autoptr(GBytes) fresh = bytes_of ("<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"7\"/></svg>");

    g_setenv ("TRANSFO_SVG_PROBE", "/nonexistent/transfo-svg-probe", TRUE);
    g_assert_false (tf_svg_probe (fresh, &error));
    g_assert_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_UNRENDERABLE);
    g_assert_nonnull (strstr (error->message, TF_SVG_PROBE_NAME));
    g_clear_error (&error);
    g_setenv ("TRANSFO_SVG_PROBE", saved, TRUE);
    g_assert_true (tf_svg_probe (fresh, &error));
    g_assert_no_error (error);
  }
}

static gboolean
draws (TfStampLibrary *library,
       const char     *id,
       gboolean        vector)
{
  cairo_surface_t *target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
  cairo_t *cr = cairo_create (target);
  gboolean drawn = tf_stamp_library_draw (library, id, cr, 0, 0, 64, vector);

  cairo_destroy (cr);
  cairo_surface_destroy (target);
  return drawn;
}

/* Drawings planted in an archive by hand: those the markup check refuses are
 * left out, those the helper fails on are never drawn in this process; both
 * are said. The good one draws. */
static void
test_archive_hostile (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TfStampLibrary) library = tf_stamp_library_new ();
  g_autofree char *slow = slow_svg ("#0c0");
  g_auto(GStrv) refusals = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  tf_test_plant_stamp (tf_store_get_db (f->store), "user-panic", "Panique", TF_TEST_PANIC_SVG);
  tf_test_plant_stamp (tf_store_get_db (f->store), "user-slow", "Lente", slow);
  tf_test_plant_stamp (tf_store_get_db (f->store), "user-good", "Bonne", GOOD_SVG);
  g_assert_true (tf_stamp_library_set_store (library, f->store, &error));
  g_assert_no_error (error);

  refusals = tf_stamp_library_dup_refusals (library);
  g_assert_cmpuint (g_strv_length (refusals), ==, 1);
  g_assert_nonnull (strstr (refusals[0], "user-panic"));
  g_assert_nonnull (strstr (refusals[0], "filter"));
  g_clear_pointer (&refusals, g_strfreev);
  g_assert_false (draws (library, "user-panic", FALSE));

  /* Not the main thread of a running loop: the check is waited for. */
  start = g_get_monotonic_time ();
  g_assert_false (draws (library, "user-slow", FALSE));
  g_assert_cmpint (g_get_monotonic_time () - start, <, (TF_SVG_PROBE_DEADLINE_MS + 3000) * 1000);
  start = g_get_monotonic_time ();
  g_assert_false (draws (library, "user-slow", TRUE));
  g_assert_null (tf_stamp_library_render (library, "user-slow", 32));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 10);
  refusals = tf_stamp_library_dup_refusals (library);
  g_assert_cmpuint (g_strv_length (refusals), ==, 2);
  g_assert_nonnull (strstr (refusals[0], "user-slow") ? refusals[0] : refusals[1]);

  g_assert_true (draws (library, "user-good", FALSE));
  g_assert_true (draws (library, "user-good", TRUE));
  g_assert_true (draws (library, "elu", FALSE));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TfStampLibrary) library = tf_stamp_library_new ();
  g_autoptr(GBytes) svg = bytes_of (GOOD_SVG);
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStamp) stamp = NULL;
  g_autofree char *key = NULL;
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, svg);
  guint n_builtin = tf_stamp_library_get_n_builtin (library);
  guint changes = 0;

  g_assert_true (tf_stamp_library_set_store (library, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_builtin);
  g_signal_connect (library, "items-changed", G_CALLBACK (on_items_changed), &changes);

  command = tf_command_import_stamp (svg, "Société civile", "Conseil citoyen", "Citizens' council",
                                     " quartier, , habitants ", "#12AB34");
  g_assert_true (tf_history_execute (f->history, command, &error));
  g_assert_no_error (error);
  key = g_strdup (tf_stamp_command_get_key (command));
  g_assert_true (g_str_has_prefix (key, "user-"));
  g_assert_cmpint (tf_command_get_result_id (command), >, 0);
  g_assert_cmpstr (tf_history_get_undo_label (f->history), ==, "Import a stamp");

  /* Stored once, by its hash, with its metadata. */
  g_assert_cmpint (count_rows (f, "assets"), ==, 1);
  g_assert_cmpint (count_rows (f, "stamps"), ==, 1);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (tf_store_get_db (f->store),
                                         "SELECT a.sha256, a.mime_type, s.family, s.keywords, s.color, length (a.data)"
                                         " FROM stamps s JOIN assets a ON a.id = s.asset_id", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, sha);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "image/svg+xml");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "societe");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "quartier, habitants");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "#12ab34");
    g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, (gint64) strlen (GOOD_SVG));
    sqlite3_finalize (stmt);
  }

  /* Listed after the built-in stamps, found by its names and keywords. */
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_builtin + 1);
  stamp = g_list_model_get_item (G_LIST_MODEL (library), n_builtin);
  g_assert_cmpstr (tf_stamp_get_id (stamp), ==, key);
  g_assert_false (tf_stamp_get_builtin (stamp));
  g_assert_cmpstr (tf_stamp_get_name_fr (stamp), ==, "Conseil citoyen");
  g_assert_cmpuint (tf_stamp_get_color (stamp), ==, 0x12ab34);
  {
    g_autofree char *ids = search_ids (library, "habitants");
    g_assert_cmpstr (ids, ==, key);
  }
  {
    g_autofree char *ids = search_ids (library, "citizens council");
    g_assert_cmpstr (ids, ==, key);
  }
  {
    cairo_surface_t *surface = tf_stamp_library_render (library, key, 24);
    g_assert_nonnull (surface);
    cairo_surface_destroy (surface);
  }

  /* Another library reading the same archive sees it too. */
  {
    g_autoptr(GPtrArray) users = tf_stamp_library_read_user_stamps (f->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (users->len, ==, 1);
  }

  /* The same drawing twice is refused. */
  {
    g_autoptr(TfCommand) again = tf_command_import_stamp (svg, "elus", "X", "Y", NULL, NULL);
    g_autoptr(GError) dup = NULL;

    g_assert_false (tf_history_execute (f->history, again, &dup));
    g_assert_error (dup, TF_STAMP_ERROR, TF_STAMP_ERROR_DUPLICATE);
  }

  /* Undo removes the stamp and its drawing; redo brings both back. */
  g_assert_true (tf_history_undo (f->history, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "stamps"), ==, 0);
  g_assert_cmpint (count_rows (f, "assets"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_builtin);
  {
    g_autoptr(TfStamp) gone = tf_stamp_library_lookup (library, key);
    g_assert_null (gone);
  }
  g_assert_true (tf_history_redo (f->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_builtin + 1);

  g_assert_true (tf_stamp_library_set_store (library, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (library)), ==, n_builtin);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = NULL;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tf_wings_init ();

  g_test_add_func ("/transfo/stamps/builtins", test_builtins);
  g_test_add_func ("/transfo/stamps/families", test_families);
  g_test_add_func ("/transfo/stamps/search", test_search);
  g_test_add_func ("/transfo/stamps/cache", test_cache);
  g_test_add_func ("/transfo/stamps/svg/accepted", test_good_svgs);
  files = hostile_files ();
  g_ptr_array_set_free_func (files, hostile_free);
  for (guint i = 0; i < files->len; i++)
    {
      const Hostile *h = g_ptr_array_index (files, i);
      g_autofree char *path = g_strconcat ("/transfo/stamps/svg/refused/", h->name, NULL);

      g_test_add_data_func (path, h, test_hostile);
    }
  g_test_add ("/transfo/stamps/import/refused", Fixture, NULL, fixture_setup, test_import_refused, fixture_teardown);
  g_test_add ("/transfo/stamps/import", Fixture, NULL, fixture_setup, test_import, fixture_teardown);
  g_test_add_func ("/transfo/stamps/svg/probe", test_probe);
  g_test_add ("/transfo/stamps/archive/hostile", Fixture, NULL, fixture_setup, test_archive_hostile, fixture_teardown);

  return g_test_run ();
}
