/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-export-report"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "insights/tf-insight.h"
#include "core/tf-board-type.h"
#include "room/tf-room.h"
#include "room/tf-session.h"
#include "tf-export-private.h"
#include "tf-export-report.h"

/* The experiment report: a cover, the contents, the experiment's fields
 * and lessons as flowing text, every board on a page of its own and the
 * insights of each wall listed by cluster.
 *
 * The text flows through a small paginator, run twice: first to measure
 * (where each section lands, so the contents can give page numbers), then
 * to draw. Both runs take the same decisions from the same layouts. */

#define MARGIN_X_MM      22.0
#define MARGIN_TOP_MM    22.0
#define MARGIN_BOTTOM_MM 24.0

#define BODY_SIZE    10.5
#define BODY_SPACING 1.2     /* line height, times the font's */
#define SMALL_SIZE   8.5
#define H1_SIZE      20.0
#define H2_SIZE      12.5
#define LABEL_W_MM   40.0

typedef struct {
  char  *title;
  int    level;      /* 1 or 2 */
  guint  page;
} Entry;

typedef struct _TfReportFlow Flow;

struct _TfReportFlow {
  TfExportSource  *source;
  TfExperiment    *experiment;
  PangoContext    *pango;
  TfRenderer      *renderer;
  TfPaper          paper;
  double           margin_x, margin_top, margin_bottom;

  /* Drawing; all NULL while measuring. */
  TfExportWriter  *writer;
  cairo_surface_t *surface;
  cairo_t         *cr;
  GError         **error;
  gboolean         failed;

  guint            page;
  guint            total_pages;   /* known when drawing */
  guint            toc_pages;
  double           page_w, page_h;
  double           y;
  gboolean         in_page;
  gboolean         footer;

  GPtrArray       *entries;       /* Entry, in document order */
  guint            n_entries;     /* made so far in this run */
  guint            n_dests;       /* named destinations written */
  int              outline_parent;
  char            *footer_left;
  char            *date;          /* of the export, in every footer */
  /* The structure tags open (static names, innermost last): a page's
   * footer is no part of them, so they are closed before it and opened
   * again on the next page. The whole run is inside "Document". */
  GPtrArray       *open_tags;
  gboolean         document;
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->title);
  g_free (entry);
}

static double
content_width (Flow *flow)
{
  return flow->page_w - 2 * flow->margin_x;
}

static double
content_bottom (Flow *flow)
{
  return flow->page_h - flow->margin_bottom;
}

/* Structure tags, while drawing (a tagged PDF: its reading order is the
 * order things are drawn in). */
static void
tag_begin (Flow       *flow,
           const char *name)
{
  if (flow->cr == NULL)
    return;
  cairo_tag_begin (flow->cr, name, "");
  g_ptr_array_add (flow->open_tags, (gpointer) name);
}

static void
tag_end (Flow       *flow,
         const char *name)
{
  if (flow->cr == NULL || flow->open_tags->len == 0)
    return;
  g_warn_if_fail (g_str_equal (g_ptr_array_index (flow->open_tags, flow->open_tags->len - 1), name));
  cairo_tag_end (flow->cr, name);
  g_ptr_array_set_size (flow->open_tags, flow->open_tags->len - 1);
}

static void
end_page (Flow *flow)
{
  if (!flow->in_page)
    return;
  flow->in_page = FALSE;
  if (flow->cr == NULL || flow->failed)
    return;

  for (guint i = flow->open_tags->len; i-- > 0;)
    cairo_tag_end (flow->cr, g_ptr_array_index (flow->open_tags, i));
  if (flow->footer)
    {
      /* As a board's page says it: the date of export, then the page. */
      g_autofree char *right = g_strdup_printf (_("%s  ·  page %u/%u"), flow->date, flow->page, flow->total_pages);

      cairo_tag_begin (flow->cr, "P", "");
      tf_export_draw_footer (flow->cr, flow->pango, flow->page_w, flow->margin_x,
                             flow->page_h - flow->margin_bottom / 2 + 2.5, flow->footer_left, right);
      cairo_tag_end (flow->cr, "P");
    }
  if (!tf_export_writer_end_page (flow->writer, flow->surface, flow->cr,
                                  flow->page / (double) (flow->total_pages + 1), flow->error))
    {
      /* Cancelled or failed: the rest is only measured, nothing drawn. */
      flow->failed = TRUE;
      flow->cr = NULL;
    }
}

static void
begin_page (Flow     *flow,
            gboolean  landscape,
            gboolean  footer)
{
  end_page (flow);
  tf_export_page_size (flow->paper, landscape, &flow->page_w, &flow->page_h);
  if (flow->cr != NULL)
    {
      /* The size first: cairo 1.16 forgets the tags begun on a page
       * before its size changes. */
      tf_export_writer_set_page_size (flow->writer, flow->surface, flow->page_w, flow->page_h);
      if (!flow->document)
        {
          cairo_tag_begin (flow->cr, "Document", "");
          flow->document = TRUE;
        }
      for (guint i = 0; i < flow->open_tags->len; i++)
        cairo_tag_begin (flow->cr, g_ptr_array_index (flow->open_tags, i), "");
    }
  flow->page++;
  flow->y = flow->margin_top;
  flow->in_page = TRUE;
  flow->footer = footer;
}

static void
show_layout_at (Flow        *flow,
                PangoLayout *layout,
                double       x,
                double       y,
                guint32      rgb)
{
  if (flow->cr == NULL)
    return;
  /* A text outside any structure element is a paragraph of its own. */
  if (flow->open_tags->len == 0)
    cairo_tag_begin (flow->cr, "P", "");
  tf_export_show (flow->cr, layout, x, y, rgb);
  if (flow->open_tags->len == 0)
    cairo_tag_end (flow->cr, "P");
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

/* Flows @layout's lines from the cursor on, over as many pages as needed,
 * never leaving a paragraph's first or last line alone on a page. */
typedef struct {
  double           top, bottom, baseline, x;
  PangoLayoutLine *line;
} Line;

static void
flow_layout (Flow        *flow,
             PangoLayout *layout,
             double       x,
             guint32      rgb)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  gboolean own = flow->cr != NULL && flow->open_tags->len == 0;
  guint i = 0;

  do
    {
      PangoRectangle logical;
      int y0, y1;
      Line line;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line.top = y0 / (double) PANGO_SCALE;
      line.bottom = y1 / (double) PANGO_SCALE;
      line.baseline = pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
      line.x = logical.x / (double) PANGO_SCALE;
      line.line = pango_layout_iter_get_line_readonly (iter);
      g_array_append_val (lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  if (own)
    tag_begin (flow, "P");
  while (i < lines->len)
    {
      double shift = flow->y - g_array_index (lines, Line, i).top;
      guint left = lines->len - i, fit = 0;

      while (fit < left && g_array_index (lines, Line, i + fit).bottom + shift <= content_bottom (flow) + 0.01)
        fit++;
      if (fit < left)
        {
          if (i == 0 && fit == 1 && left > 1)
            fit = 0;              /* no first line alone at the foot of a page */
          else if (left - fit == 1 && fit >= 2)
            fit--;                /* no last line alone at the top of the next */
        }
      if (fit == 0)
        {
          if (flow->y > flow->margin_top + 0.01)
            {
              begin_page (flow, flow->page_w > flow->page_h, TRUE);
              continue;
            }
          fit = 1;                /* taller than a page: it goes anyway */
        }

      if (flow->cr != NULL)
        {
          tf_cairo_set_rgb (flow->cr, rgb, 1.0);
          for (guint j = i; j < i + fit; j++)
            {
              const Line *line = &g_array_index (lines, Line, j);

              cairo_move_to (flow->cr, x + line->x, line->baseline + shift);
              pango_cairo_show_layout_line (flow->cr, line->line);
            }
        }
      flow->y = g_array_index (lines, Line, i + fit - 1).bottom + shift;
      i += fit;
      if (i < lines->len)
        begin_page (flow, flow->page_w > flow->page_h, TRUE);
    }
  if (own)
    tag_end (flow, "P");
}

/* Starts a new page when less than @height is left. */
static void
ensure_room (Flow   *flow,
             double  height)
{
  if (flow->y + height > content_bottom (flow) + 0.01 && flow->y > flow->margin_top + 0.01)
    begin_page (flow, flow->page_w > flow->page_h, TRUE);
}

static PangoLayout *
body_layout (Flow       *flow,
             const char *text,
             double      size,
             double      width)
{
  PangoLayout *layout = tf_export_layout (flow->pango, text, size, FALSE, width);

  pango_layout_set_line_spacing (layout, BODY_SPACING);
  return layout;
}

/* A heading, with its place in the contents and the outline. */
static void heading_keep (Flow       *flow,
                          int         level,
                          const char *text,
                          double      keep);

static void
heading (Flow       *flow,
         int         level,
         const char *text)
{
  heading_keep (flow, level, text, 0);
}

/* A heading kept on one page with the @keep points that follow it (at
 * least the first three lines of text), so that it never ends a page. */
static void
heading_keep (Flow       *flow,
              int         level,
              const char *text,
              double      keep)
{
  double size = level == 1 ? H1_SIZE : H2_SIZE;
  g_autoptr(PangoLayout) layout = tf_export_layout (flow->pango, text, size, TRUE, content_width (flow));
  g_autofree char *dest = NULL;
  double height = layout_height (layout);
  Entry *entry;

  if (level == 2)
    {
      /* Keep the heading with the first lines that follow it. */
      if (flow->y > flow->margin_top + 0.01)
        flow->y += 14;
      /* What is taller than a page starts a page and flows on from there. */
      keep = MIN (keep, content_bottom (flow) - flow->margin_top - height - 5);
      ensure_room (flow, height + 5 + MAX (keep, 3 * BODY_SIZE * 1.4));
    }

  if (flow->n_entries < flow->entries->len)
    {
      entry = g_ptr_array_index (flow->entries, flow->n_entries);
      /* Both runs take the same decisions: the contents are right. */
      g_warn_if_fail (flow->cr == NULL || entry->page == flow->page);
      entry->page = flow->page;
    }
  else
    {
      entry = g_new0 (Entry, 1);
      entry->title = g_strdup (text);
      entry->level = level;
      entry->page = flow->page;
      g_ptr_array_add (flow->entries, entry);
    }
  dest = g_strdup_printf ("section-%u", flow->n_entries);
  flow->n_entries++;

  if (flow->cr != NULL)
    {
      g_autofree char *attributes = g_strdup_printf ("name='%s'", dest);
      g_autofree char *link = g_strdup_printf ("dest='%s'", dest);
      int id;

      tag_begin (flow, level == 1 ? "H1" : "H2");
      cairo_tag_begin (flow->cr, CAIRO_TAG_DEST, attributes);
      show_layout_at (flow, layout, flow->margin_x, flow->y, level == 1 ? TF_ACCENT_RGB : TF_INK_RGB);
      cairo_tag_end (flow->cr, CAIRO_TAG_DEST);
      tag_end (flow, level == 1 ? "H1" : "H2");
      flow->n_dests++;

      id = cairo_surface_get_type (flow->surface) != CAIRO_SURFACE_TYPE_PDF ? 0 :
        cairo_pdf_surface_add_outline (flow->surface,
                                       level == 1 ? CAIRO_PDF_OUTLINE_ROOT : flow->outline_parent,
                                       text, link, level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      if (level == 1)
        flow->outline_parent = id;
    }
  flow->y += height + (level == 1 ? 16 : 5);
}

/* A top-level section: a new page and its heading. */
static void
section (Flow       *flow,
         const char *title,
         gboolean    landscape)
{
  begin_page (flow, landscape, TRUE);
  heading (flow, 1, title);
}

static void
paragraphs (Flow       *flow,
            const char *text)
{
  g_auto(GStrv) blocks = g_regex_split_simple ("\\n\\s*\\n", text, 0, 0);

  for (guint i = 0; blocks[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      char *block = g_strstrip (blocks[i]);

      if (block[0] == '\0')
        continue;
      layout = body_layout (flow, block, BODY_SIZE, content_width (flow));
      tag_begin (flow, "P");
      flow_layout (flow, layout, flow->margin_x, TF_INK_RGB);
      tag_end (flow, "P");
      flow->y += 0.6 * BODY_SIZE;
    }
}

/* The height paragraphs() gives @text @width wide, when it does not
 * break a page. */
static double
paragraphs_height_at (Flow       *flow,
                      const char *text,
                      double      width)
{
  g_auto(GStrv) blocks = g_regex_split_simple ("\\n\\s*\\n", text, 0, 0);
  double height = 0;

  for (guint i = 0; blocks[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      char *block = g_strstrip (blocks[i]);

      if (block[0] == '\0')
        continue;
      layout = body_layout (flow, block, BODY_SIZE, width);
      height += layout_height (layout) + 0.6 * BODY_SIZE;
    }
  return height;
}

static double
paragraphs_height (Flow       *flow,
                   const char *text)
{
  return paragraphs_height_at (flow, text, content_width (flow));
}

/* A row of a two-column list: a small grey label, then the value; its
 * height (0 for an empty value) when @draw is FALSE. */
static double
label_row_full (Flow       *flow,
                const char *label,
                const char *value,
                gboolean    draw)
{
  double label_w = LABEL_W_MM * TF_PT_PER_MM;
  g_autoptr(PangoLayout) l = NULL;
  g_autoptr(PangoLayout) v = NULL;
  double offset, height;

  if (value == NULL || value[0] == '\0')
    return 0;
  l = tf_export_layout (flow->pango, label, SMALL_SIZE, FALSE, label_w - 8);
  v = body_layout (flow, value, BODY_SIZE, content_width (flow) - label_w);
  /* Both on one baseline. */
  offset = (pango_layout_get_baseline (v) - pango_layout_get_baseline (l)) / (double) PANGO_SCALE;
  height = MAX (layout_height (l) + offset, layout_height (v)) + 5;
  if (!draw)
    return height;
  ensure_room (flow, MAX (layout_height (l), layout_height (v)));
  tag_begin (flow, "P");
  show_layout_at (flow, l, flow->margin_x, flow->y + offset, TF_EXPORT_GREY_RGB);
  show_layout_at (flow, v, flow->margin_x + label_w, flow->y, TF_INK_RGB);
  tag_end (flow, "P");
  flow->y += height;
  return height;
}

static void
label_row (Flow       *flow,
           const char *label,
           const char *value)
{
  label_row_full (flow, label, value, TRUE);
}

static char *
experiment_dates (TfExperiment *experiment)
{
  g_autofree char *start = tf_export_format_iso_date (tf_experiment_get_text (experiment, TF_FIELD_START_DATE));
  g_autofree char *end = tf_export_format_iso_date (tf_experiment_get_text (experiment, TF_FIELD_END_DATE));

  if (start != NULL && end != NULL)
    return g_strdup_printf ("%s – %s", start, end);
  if (start != NULL)
    return g_steal_pointer (&start);
  if (end != NULL)
    /* TRANSLATORS: an experiment with only an end date, e.g. "until 15 December 2009" */
    return g_strdup_printf (C_("date", "until %s"), end);
  return g_strdup ("");
}

static void
hairline (Flow    *flow,
          double   x,
          double   y,
          double   width,
          guint32  rgb,
          double   line_width)
{
  if (flow->cr == NULL)
    return;
  cairo_move_to (flow->cr, x, y);
  cairo_line_to (flow->cr, x + width, y);
  tf_cairo_set_rgb (flow->cr, rgb, 1.0);
  cairo_set_line_width (flow->cr, line_width);
  cairo_stroke (flow->cr);
}

/* The cover */

static void
cover (Flow *flow)
{
  TfExperiment *e = flow->experiment;
  g_autoptr(PangoLayout) kicker = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) made = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = tf_export_format_date (now);
  g_autofree char *made_text = NULL;
  g_autofree char *dates = experiment_dates (e);
  const char *theme = tf_experiment_get_text (e, TF_FIELD_THEME);
  const char *team = tf_experiment_get_text (e, TF_FIELD_TEAM);

  begin_page (flow, FALSE, FALSE);

  kicker = tf_export_kicker (flow->pango, _("Experiment report"), 8.5);
  tag_begin (flow, "P");
  show_layout_at (flow, kicker, flow->margin_x, flow->margin_top, TF_ACCENT_RGB);
  tag_end (flow, "P");

  flow->y = flow->page_h * 0.24;
  if (flow->cr != NULL)
    {
      cairo_rectangle (flow->cr, flow->margin_x, flow->y - 22, 44, 4);
      tf_cairo_set_rgb (flow->cr, TF_ACCENT_RGB, 1.0);
      cairo_fill (flow->cr);
    }
  title = tf_export_layout (flow->pango, tf_experiment_get_title (e), 28.0, TRUE, content_width (flow));
  pango_layout_set_line_spacing (title, 1.05);
  /* The document's title: no heading of the outline. */
  tag_begin (flow, "P");
  show_layout_at (flow, title, flow->margin_x, flow->y, TF_INK_RGB);
  tag_end (flow, "P");
  flow->y += layout_height (title) + 10;
  if (theme[0] != '\0')
    {
      g_autoptr(PangoLayout) subtitle = tf_export_layout (flow->pango, theme, 14.0, FALSE, content_width (flow));

      tag_begin (flow, "P");
      show_layout_at (flow, subtitle, flow->margin_x, flow->y, TF_EXPORT_GREY_RGB);
      tag_end (flow, "P");
      flow->y += layout_height (subtitle);
    }

  flow->y += 36;
  hairline (flow, flow->margin_x, flow->y, content_width (flow), TF_EXPORT_LIGHT_RGB, 0.5);
  flow->y += 14;
  label_row (flow, tf_experiment_field_get_label (TF_FIELD_PLACE), tf_experiment_get_text (e, TF_FIELD_PLACE));
  label_row (flow, tf_experiment_field_get_label (TF_FIELD_TERRITORY), tf_experiment_get_text (e, TF_FIELD_TERRITORY));
  label_row (flow, _("Dates"), dates);
  label_row (flow, _("Phase"), tf_phase_get_label (tf_experiment_get_phase (e)));
  label_row (flow, _("Status"), tf_status_get_label (tf_experiment_get_status (e)));
  /* Roles only: the team field never holds names. */
  label_row (flow, tf_experiment_field_get_label (TF_FIELD_TEAM), team);

  /* TRANSLATORS: at the foot of a report's cover */
  made_text = g_strdup_printf (_("Made with Transfo on %s"), flow->date);
  made = tf_export_layout (flow->pango, made_text, 8.0, FALSE, content_width (flow));
  tag_begin (flow, "P");
  show_layout_at (flow, made, flow->margin_x, content_bottom (flow) - layout_height (made), TF_EXPORT_GREY_RGB);
  tag_end (flow, "P");
}

/* The contents */

#define TOC_L1 17.0
#define TOC_L2 14.5

static void
contents (Flow *flow)
{
  double dot_w = 4.2;

  section (flow, _("Contents"), FALSE);
  /* A TOC of TOCI items, each with its link inside. */
  tag_begin (flow, "TOC");
  for (guint i = 1; i < flow->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (flow->entries, i);
      double size = entry->level == 1 ? 10.5 : 9.5;
      double indent = entry->level == 1 ? 0 : 6 * TF_PT_PER_MM;
      double room = entry->level == 1 ? TOC_L1 : TOC_L2;
      g_autofree char *number = g_strdup_printf ("%u", entry->page);
      g_autoptr(PangoLayout) num = tf_export_layout (flow->pango, number, size, entry->level == 1, -1);
      double num_w = layout_width (num);
      g_autoptr(PangoLayout) text = tf_export_layout (flow->pango, entry->title, size, entry->level == 1,
                                                      content_width (flow) - indent - num_w - 24);
      double baseline, text_end, right = flow->margin_x + content_width (flow);

      pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (text, 0);
      if (entry->level == 1 && i > 1)
        flow->y += 5;
      ensure_room (flow, room);
      if (flow->cr != NULL)
        {
          g_autofree char *link = NULL;

          link = g_strdup_printf ("dest='section-%u'", i);

          baseline = flow->y + pango_layout_get_baseline (text) / (double) PANGO_SCALE;
          tag_begin (flow, "TOCI");
          cairo_tag_begin (flow->cr, CAIRO_TAG_LINK, link);
          show_layout_at (flow, text, flow->margin_x + indent, flow->y,
                          entry->level == 1 ? TF_INK_RGB : TF_EXPORT_GREY_RGB);
          show_layout_at (flow, num, right - num_w, flow->y, entry->level == 1 ? TF_INK_RGB : TF_EXPORT_GREY_RGB);
          cairo_tag_end (flow->cr, CAIRO_TAG_LINK);
          tag_end (flow, "TOCI");

          /* Leader dots, drawn (not typed, so they stay out of the text) on a
           * common grid so that the columns line up. */
          text_end = flow->margin_x + indent + layout_width (text) + 6;
          for (double x = ceil (text_end / dot_w) * dot_w; x < right - num_w - 6; x += dot_w)
            {
              cairo_new_sub_path (flow->cr);
              cairo_arc (flow->cr, x, baseline - 0.6, 0.45, 0, 2 * G_PI);
            }
          tf_cairo_set_rgb (flow->cr, TF_EXPORT_LIGHT_RGB, 1.0);
          cairo_fill (flow->cr);
        }
      flow->y += room;
    }
  tag_end (flow, "TOC");
}

/* The experiment's fields */

static void
experiment_section (Flow *flow)
{
  TfExperiment *e = flow->experiment;
  g_autofree char *dates = experiment_dates (e);
  g_autofree char *tags = g_strjoinv (", ", (char **) tf_experiment_get_tags (e));
  const TfExperimentField blocks[] = { TF_FIELD_CONTEXT, TF_FIELD_OUTCOMES };

  section (flow, _("The experiment"), FALSE);
  for (TfExperimentField f = TF_FIELD_THEME; f <= TF_FIELD_DEPARTMENT; f++)
    label_row (flow, tf_experiment_field_get_label (f), tf_experiment_get_text (e, f));
  label_row (flow, _("Dates"), dates);
  label_row (flow, _("Phase"), tf_phase_get_label (tf_experiment_get_phase (e)));
  label_row (flow, _("Status"), tf_status_get_label (tf_experiment_get_status (e)));
  label_row (flow, _("Tags"), tags);

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      const char *text = tf_experiment_get_text (e, blocks[i]);

      if (text[0] == '\0')
        continue;
      heading (flow, 2, tf_experiment_field_get_label (blocks[i]));
      paragraphs (flow, text);
    }
}

static void
lessons_section (Flow *flow)
{
  const char *lessons = tf_experiment_get_text (flow->experiment, TF_FIELD_LESSONS);

  if (lessons[0] == '\0')
    return;
  section (flow, tf_experiment_field_get_label (TF_FIELD_LESSONS), FALSE);
  paragraphs (flow, lessons);
}

/* Boards */

/* What kind of board it is, as the report's caption says it: a type this
 * version does not know is a plain board. */
static const char *
board_type_label (TfBoard *board)
{
  const TfBoardType *type = tf_board_type_lookup (tf_board_get_kind_id (board));

  return type != NULL ? tf_board_type_get_label (type) : _("Board");
}

static guint
count_visible (TfScene *scene)
{
  GPtrArray *items = tf_scene_get_items (scene);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (!((TfItem *) g_ptr_array_index (items, i))->hidden)
      n++;
  return n;
}

/* Draws @width × @height points of @scene from board point (@board_x,
 * @board_y) at @zoom, at (@x, @y) of the page; while measuring, tells the
 * renderer the document will (tf_renderer_plan_print(): a photo on a
 * board's page and in its figure is embedded once). */
static void
draw_board (Flow       *flow,
            TfScene    *scene,
            const char *alt,
            double      board_x,
            double      board_y,
            double      zoom,
            double      x,
            double      y,
            double      width,
            double      height)
{
  if (flow->cr != NULL)
    {
      tf_export_writer_begin_figure (flow->writer, flow->cr, alt);
      tf_export_draw_board (flow->renderer, scene, flow->cr, board_x, board_y, zoom, x, y, width, height);
      tf_export_writer_end_figure (flow->writer, flow->cr);
    }
  else if (zoom > 0)
    {
      TfRect area = TF_RECT_INIT (board_x, board_y, width / zoom, height / zoom);

      tf_renderer_plan_print (flow->renderer, scene, &area, zoom);
    }
}

static void
board_page (Flow  *flow,
            guint  index)
{
  TfBoard *board = tf_export_source_get_board (flow->source, index);
  TfScene *scene = tf_export_source_get_scene (flow->source, index);
  g_autoptr(PangoLayout) probe = tf_export_layout (flow->pango, tf_board_get_name (board), H1_SIZE, TRUE, -1);
  g_autoptr(PangoLayout) caption = NULL;
  g_autofree char *caption_text = NULL;
  double head = layout_height (probe) + 16 + 24;
  double zoom[2], page_w, page_h, box_w, box_h;
  gboolean landscape;
  TfRect area;

  tf_export_get_board (flow->source, index, &scene, &area, NULL);
  /* The orientation that shows the board bigger. */
  for (int l = 0; l < 2; l++)
    {
      tf_export_page_size (flow->paper, l, &page_w, &page_h);
      zoom[l] = MIN ((page_w - 2 * flow->margin_x) / area.width,
                     (page_h - flow->margin_top - flow->margin_bottom - head) / area.height);
    }
  landscape = zoom[1] > zoom[0] * 1.02;

  section (flow, tf_board_get_name (board), landscape);
  {
    guint n = count_visible (scene);
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", n), n);

    caption_text = g_strdup_printf ("%s  ·  %s", board_type_label (board), count);
    caption = tf_export_layout (flow->pango, caption_text, SMALL_SIZE, FALSE, content_width (flow));
  }
  show_layout_at (flow, caption, flow->margin_x, flow->y - 12, TF_EXPORT_GREY_RGB);
  flow->y += 12;


  box_w = content_width (flow);
  box_h = content_bottom (flow) - flow->y;
  if (!flow->failed && box_h > 10)
    {
      double z = MIN (box_w / area.width, box_h / area.height);
      g_autofree char *alt = flow->cr != NULL ? tf_export_board_alt (flow->source, index) : NULL;

      draw_board (flow, scene, alt, area.x + area.width / 2 - box_w / 2 / z, area.y + area.height / 2 - box_h / 2 / z,
                  z, flow->margin_x, flow->y, box_w, box_h);
    }
  flow->y = content_bottom (flow);
}

/* Insights by cluster */

#define SOURCE_W_MM 34.0
#define VOTES_W_MM  16.0

static void
table_header (Flow *flow)
{
  double source_w = SOURCE_W_MM * TF_PT_PER_MM, votes_w = VOTES_W_MM * TF_PT_PER_MM;
  double right = flow->margin_x + content_width (flow);
  g_autoptr(PangoLayout) quote = tf_export_layout (flow->pango, _("Insight"), 7.5, TRUE, -1);
  g_autoptr(PangoLayout) source = tf_export_layout (flow->pango, _("Said by"), 7.5, TRUE, -1);
  g_autoptr(PangoLayout) votes = tf_export_layout (flow->pango, _("Votes"), 7.5, TRUE, -1);

  tag_begin (flow, "P");
  show_layout_at (flow, quote, flow->margin_x, flow->y, TF_EXPORT_GREY_RGB);
  show_layout_at (flow, source, right - votes_w - source_w, flow->y, TF_EXPORT_GREY_RGB);
  show_layout_at (flow, votes, right - layout_width (votes), flow->y, TF_EXPORT_GREY_RGB);
  tag_end (flow, "P");
  flow->y += layout_height (quote) + 3;
  hairline (flow, flow->margin_x, flow->y, content_width (flow), TF_EXPORT_GREY_RGB, 0.6);
  flow->y += 6;
}

static void
insight_row (Flow         *flow,
             const TfItem *item)
{
  double source_w = SOURCE_W_MM * TF_PT_PER_MM, votes_w = VOTES_W_MM * TF_PT_PER_MM;
  double right = flow->margin_x + content_width (flow);
  g_auto(TfInsightFields) fields = { 0 };
  g_autoptr(PangoLayout) quote = NULL;
  g_autoptr(PangoLayout) source = NULL;
  g_autoptr(PangoLayout) votes = NULL;
  g_autofree char *count = NULL;
  double height;

  tf_insight_fields_init (&fields);
  tf_insight_fields_parse (&fields, item->payload);
  quote = body_layout (flow, item->text, 10.0, content_width (flow) - source_w - votes_w - 8);
  source = tf_export_layout (flow->pango, tf_source_get_label (fields.source), SMALL_SIZE, FALSE, source_w - 6);
  count = fields.votes > 0 ? g_strdup_printf ("%u", fields.votes) : g_strdup ("–");
  if (fields.star)
    {
      g_autofree char *starred = g_strconcat ("★ ", count, NULL);
      g_free (count);
      count = g_steal_pointer (&starred);
    }
  votes = tf_export_layout (flow->pango, count, 9.5, fields.votes > 0, -1);
  if (fields.star)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoAttribute *accent = pango_attr_foreground_new (((TF_ACCENT_RGB >> 16) & 0xff) * 257,
                                                          ((TF_ACCENT_RGB >> 8) & 0xff) * 257,
                                                          (TF_ACCENT_RGB & 0xff) * 257);

      accent->start_index = 0;
      accent->end_index = strlen ("★");
      pango_attr_list_insert (attrs, accent);
      pango_layout_set_attributes (votes, attrs);
      pango_attr_list_unref (attrs);
    }

  height = MAX (layout_height (quote), layout_height (source));
  if (flow->y + height + 8 > content_bottom (flow))
    {
      begin_page (flow, FALSE, TRUE);
      table_header (flow);
    }
  /* The quote, who said it and its votes: one paragraph, read in that
   * order. */
  tag_begin (flow, "P");
  show_layout_at (flow, quote, flow->margin_x, flow->y, TF_INK_RGB);
  {
    double offset = (pango_layout_get_baseline (quote) - pango_layout_get_baseline (source)) / (double) PANGO_SCALE;
    double voffset = (pango_layout_get_baseline (quote) - pango_layout_get_baseline (votes)) / (double) PANGO_SCALE;

    show_layout_at (flow, source, right - votes_w - source_w, flow->y + offset, TF_EXPORT_GREY_RGB);
    show_layout_at (flow, votes, right - layout_width (votes), flow->y + voffset,
                    fields.votes > 0 ? TF_INK_RGB : TF_EXPORT_GREY_RGB);
  }
  tag_end (flow, "P");
  flow->y += height + 4;
  hairline (flow, flow->margin_x, flow->y, content_width (flow), TF_EXPORT_LIGHT_RGB, 0.3);
  flow->y += 5;
}

TfExportSource *
tf_report_flow_get_source (TfReportFlow *flow)
{
  return flow->source;
}

gboolean
tf_report_flow_quotes (TfReportFlow  *flow,
                       const char    *title,
                       GPtrArray     *items,
                       GPtrArray     *groups,
                       GError       **error)
{
  g_autofree char *current = NULL;

  g_return_val_if_fail (items != NULL && groups != NULL && items->len == groups->len, FALSE);

  if (items->len == 0)
    return !flow->failed;
  section (flow, title, FALSE);
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      const char *group = g_ptr_array_index (groups, i);
      const char *name = group != NULL ? group : _("Not in a cluster");

      if (i == 0 || g_strcmp0 (name, current) != 0)
        {
          heading (flow, 2, name);
          g_free (current);
          current = g_strdup (name);
          table_header (flow);
        }
      insight_row (flow, item);
    }
  /* The flow's own error was set where it failed. */
  (void) error;
  return !flow->failed;
}

gboolean
tf_report_flow_section (TfReportFlow *flow,
                        const char   *title)
{
  if (!flow->failed)
    section (flow, title, FALSE);
  return !flow->failed;
}

gboolean
tf_report_flow_heading (TfReportFlow *flow,
                        const char   *title)
{
  if (!flow->failed)
    heading (flow, 2, title);
  return !flow->failed;
}

gboolean
tf_report_flow_paragraphs (TfReportFlow *flow,
                           const char   *text)
{
  if (!flow->failed)
    paragraphs (flow, text);
  return !flow->failed;
}

gboolean
tf_report_flow_row (TfReportFlow *flow,
                    const char   *label,
                    const char   *text)
{
  if (!flow->failed)
    label_row (flow, label, text);
  return !flow->failed;
}

double
tf_report_flow_paragraphs_height (TfReportFlow *flow,
                                  const char   *text)
{
  return paragraphs_height (flow, text);
}

double
tf_report_flow_row_height (TfReportFlow *flow,
                           const char   *label,
                           const char   *text)
{
  return label_row_full (flow, label, text, FALSE);
}

gboolean
tf_report_flow_heading_keep (TfReportFlow *flow,
                             const char   *title,
                             double        keep)
{
  if (!flow->failed)
    heading_keep (flow, 2, title, keep);
  return !flow->failed;
}

/* A key of numbered callouts as a board's page prints it (the number in
 * the accent disc, tf-export-keys.c), the width of the text, each row
 * whole on a page and a heading kept with the row after it; its height
 * on one page when @draw is FALSE. */
#define KEY_SIZE BODY_SIZE

static double
key_rows_at (Flow     *flow,
             GArray   *rows,
             double    x,
             double    width,
             gboolean  draw)
{
  double height = 0;

  for (guint i = 0; i < rows->len && !flow->failed; i++)
    {
      const TfBoardKeyRow *row = &g_array_index (rows, TfBoardKeyRow, i);
      double h = tf_export_draw_key_row (NULL, flow->pango, row, i == 0, 0, 0, width, KEY_SIZE);

      height += h;
      if (!draw)
        continue;
      if (row->key == NULL && i + 1 < rows->len)
        ensure_room (flow, h + tf_export_draw_key_row (NULL, flow->pango, &g_array_index (rows, TfBoardKeyRow, i + 1),
                                                       FALSE, 0, 0, width, KEY_SIZE));
      else
        ensure_room (flow, h);
      if (flow->cr != NULL)
        {
          tag_begin (flow, "P");
          tf_export_draw_key_row (flow->cr, flow->pango, row, i == 0, x, flow->y, width, KEY_SIZE);
          tag_end (flow, "P");
        }
      flow->y += h;
    }
  return height;
}

gboolean
tf_report_flow_key (TfReportFlow *flow,
                    GArray       *rows)
{
  if (!flow->failed)
    key_rows_at (flow, rows, flow->margin_x, content_width (flow), TRUE);
  return !flow->failed;
}

double
tf_report_flow_key_height (TfReportFlow *flow,
                           GArray       *rows)
{
  return key_rows_at (flow, rows, flow->margin_x, content_width (flow), FALSE);
}

/* The zoom at which @area prints as a figure, and its height. */
static double
figure_zoom (Flow         *flow,
             const TfRect *area,
             double        max_height,
             double       *height)
{
  double zoom = content_width (flow) / area->width;

  if (max_height > 0 && area->height * zoom > max_height)
    zoom = max_height / area->height;
  *height = area->height * zoom;
  return zoom;
}

double
tf_report_flow_figure_height (TfReportFlow *flow,
                              const TfRect *area,
                              double        max_height)
{
  double height = 0;

  if (area->width > 0 && area->height > 0)
    figure_zoom (flow, area, max_height, &height);
  return height;
}

gboolean
tf_report_flow_figure (TfReportFlow *flow,
                       guint         board_index,
                       const TfRect *area,
                       double        max_height)
{
  TfScene *scene;
  double width, zoom, height;

  if (flow->failed)
    return FALSE;
  scene = tf_export_source_get_scene (flow->source, board_index);
  if (scene == NULL || area->width <= 0 || area->height <= 0)
    return TRUE;
  width = content_width (flow);
  zoom = figure_zoom (flow, area, max_height, &height);
  ensure_room (flow, height);
  if (!flow->failed)
    {
      g_autofree char *alt = flow->cr != NULL ? tf_export_area_alt (flow->source, board_index, area) : NULL;

      draw_board (flow, scene, alt, area->x, area->y, zoom, flow->margin_x + (width - area->width * zoom) / 2, flow->y,
                  area->width * zoom, height);
    }
  flow->y += height + 10;
  return !flow->failed;
}

/* The smallest a figure page's figures get (when their key is long). */
#define REPORT_FIGURES_MIN_H 120.0

/* Figures side by side (a mockup's "before" and its montage): one height
 * for all, as high as the text's width and @max_height allow. */
#define FIGURE_GAP 12.0

static double
figures_height (Flow         *flow,
                const TfRect *areas,
                guint         n_areas,
                double        max_height)
{
  double aspects = 0, height;

  for (guint i = 0; i < n_areas; i++)
    if (areas[i].width > 0 && areas[i].height > 0)
      aspects += areas[i].width / areas[i].height;
  if (aspects <= 0)
    return 0;
  height = (content_width (flow) - (n_areas - 1) * FIGURE_GAP) / aspects;
  if (max_height > 0)
    height = MIN (height, max_height);
  return MAX (height, 0.0);
}

double
tf_report_flow_figures_height (TfReportFlow *flow,
                               const TfRect *areas,
                               guint         n_areas,
                               double        max_height)
{
  return figures_height (flow, areas, n_areas, max_height);
}

gboolean
tf_report_flow_figures (TfReportFlow *flow,
                        guint         board_index,
                        const TfRect *areas,
                        guint         n_areas,
                        double        max_height)
{
  TfScene *scene;
  double height, total = 0, x;

  if (flow->failed)
    return FALSE;
  scene = tf_export_source_get_scene (flow->source, board_index);
  height = figures_height (flow, areas, n_areas, max_height);
  if (scene == NULL || height <= 0)
    return TRUE;
  for (guint i = 0; i < n_areas; i++)
    if (areas[i].width > 0 && areas[i].height > 0)
      total += (total > 0 ? FIGURE_GAP : 0) + areas[i].width * height / areas[i].height;
  ensure_room (flow, height);
  x = flow->margin_x + (content_width (flow) - total) / 2;
  for (guint i = 0; i < n_areas; i++)
    {
      double zoom;

      if (areas[i].width <= 0 || areas[i].height <= 0)
        continue;
      zoom = height / areas[i].height;
      if (!flow->failed)
        {
          g_autofree char *alt = flow->cr != NULL ? tf_export_area_alt (flow->source, board_index, &areas[i]) : NULL;

          draw_board (flow, scene, alt, areas[i].x, areas[i].y, zoom, x, flow->y, areas[i].width * zoom, height);
        }
      x += areas[i].width * zoom + FIGURE_GAP;
    }
  flow->y += height + 10;
  return !flow->failed;
}

/* A figure page: figures side by side (a mockup's photo, its "before"
 * beside it) under their heading, their caption under them and their key
 * under them or at their right, on a page standing up or lying down:
 * whichever prints the figures biggest with the key whole beside or
 * under them. */
#define KEY_GAP 14.0
#define KEY_MAX_SHARE 0.4   /* of the text's width, a key at the right */
#define REPORT_FIGURE_HERE_SHARE 0.6

/* What a figure page shows. */
typedef struct {
  const char   *heading;
  const TfRect *areas;
  guint         n_areas;
  const char   *caption;     /* or NULL */
  GArray       *rows;        /* the key, or NULL */
  const char   *notes;       /* paragraphs kept under them, or NULL */
} Figures;

typedef struct {
  gboolean landscape, key_right, fresh;
  double   height;            /* of the figures */
  double   key_w;
} FigureLayout;

/* The figures' height on a page of @page_w × @page_h from @top down,
 * the key at the right or under them; 0 when the key does not fit. */
static double
figure_layout_height (Flow          *flow,
                      double         page_w,
                      double         page_h,
                      double         top,
                      const Figures *figures,
                      gboolean       key_right,
                      double        *key_w_out)
{
  const TfRect *areas = figures->areas;
  guint n_areas = figures->n_areas;
  const char *caption = figures->caption;
  GArray *rows = figures->rows;
  double text_w = page_w - 2 * flow->margin_x, bottom = page_h - flow->margin_bottom;
  double aspects = 0, fig_w = text_w, key_w = 0, key_h = 0, caption_h = 0, room, height;
  g_autoptr(PangoLayout) title = tf_export_layout (flow->pango, figures->heading, H2_SIZE, TRUE, text_w);

  for (guint i = 0; i < n_areas; i++)
    if (areas[i].width > 0 && areas[i].height > 0)
      aspects += areas[i].width / areas[i].height;
  if (aspects <= 0)
    return 0;
  room = bottom - top - layout_height (title) - 5 - 10;
  if (key_right)
    {
      if (rows == NULL || rows->len == 0)
        return 0;
      key_w = MIN (KEY_MAX_SHARE * text_w, tf_export_key_width (flow->pango, rows, KEY_SIZE));
      fig_w = text_w - key_w - KEY_GAP;
      key_h = key_rows_at (flow, rows, 0, key_w, FALSE);
    }
  else if (rows != NULL)
    key_h = key_rows_at (flow, rows, 0, text_w, FALSE);
  if (caption != NULL)
    {
      g_autoptr(PangoLayout) layout = body_layout (flow, caption, BODY_SIZE, fig_w);

      caption_h = layout_height (layout) + 0.6 * BODY_SIZE;
      room -= caption_h;
    }
  if (figures->notes != NULL)
    {
      /* The notes (who is visible, consent) stay with their photo. */
      room -= paragraphs_height_at (flow, figures->notes, text_w);
    }
  height = (fig_w - (n_areas - 1) * FIGURE_GAP) / aspects;
  if (key_right)
    {
      height = MIN (height, room);
      /* The key beside the figures and their caption, on this page. */
      if (key_h > room + 10 + caption_h)
        return 0;
    }
  else
    height = MIN (height, room - key_h);
  *key_w_out = key_w;
  return MAX (height, 0.0);
}

static FigureLayout
figure_page_layout (Flow          *flow,
                    const char    *section_title,
                    const Figures *figures)
{
  FigureLayout best = { FALSE, FALSE, TRUE, 0, 0 };
  double here = 0;

  /* A fresh page standing up or lying down, the key under or beside. */
  for (int i = 0; i < 4; i++)
    {
      FigureLayout l = { i / 2 == 1, i % 2 == 1, TRUE, 0, 0 };
      double page_w, page_h, top = flow->margin_top;

      tf_export_page_size (flow->paper, l.landscape, &page_w, &page_h);
      if (section_title != NULL)
        {
          g_autoptr(PangoLayout) title = tf_export_layout (flow->pango, section_title, H1_SIZE, TRUE,
                                                           page_w - 2 * flow->margin_x);

          top += layout_height (title) + 16;
        }
      l.height = figure_layout_height (flow, page_w, page_h, top, figures, l.key_right, &l.key_w);
      if (l.height > best.height + 0.5)
        best = l;
    }
  /* What is left of this page, when it prints them at a reasonable size
   * (REPORT_FIGURE_HERE_SHARE of a page of their own): not a page half
   * empty before each photo. */
  if (section_title == NULL && flow->in_page)
    {
      double top = flow->y + (flow->y > flow->margin_top + 0.01 ? 14 : 0);
      FigureLayout h = { flow->page_w > flow->page_h, FALSE, FALSE, 0, 0 };

      for (int i = 0; i < 2; i++)
        {
          double key_w = 0;

          here = figure_layout_height (flow, flow->page_w, flow->page_h, top, figures, i == 1, &key_w);
          if (here > h.height + 0.5)
            {
              h.key_right = i == 1;
              h.height = here;
              h.key_w = key_w;
            }
        }
      if (h.height > 0 && h.height >= REPORT_FIGURE_HERE_SHARE * best.height)
        best = h;
    }
  return best;
}

gboolean
tf_report_flow_figure_page (TfReportFlow *flow,
                            guint         board_index,
                            const char   *section_title,
                            const char   *heading,
                            const TfRect *areas,
                            guint         n_areas,
                            const char   *caption,
                            GArray       *rows,
                            const char   *notes)
{
  TfScene *scene;
  FigureLayout layout;
  double total = 0, x, top, text_w, fig_w;

  if (flow->failed)
    return FALSE;
  scene = tf_export_source_get_scene (flow->source, board_index);
  if (rows != NULL && rows->len == 0)
    rows = NULL;
  {
    Figures figures = { heading, areas, n_areas, caption, rows, notes };

    layout = figure_page_layout (flow, section_title, &figures);
  }
  if (layout.height <= 0)
    {
      /* Not even a key at the right fits: figures as wide as the text,
       * the key flowing on to the next page. */
      layout = (FigureLayout) { flow->page_w > flow->page_h, FALSE, FALSE,
                                figures_height (flow, areas, n_areas, REPORT_FIGURES_MIN_H * 2), 0 };
    }
  if (section_title != NULL)
    {
      section (flow, section_title, layout.landscape);
      /* The title's own space is over the heading: not heading_keep()'s
       * 14 pt more, which figure_page_layout() did not count (they sent
       * the heading and its figures to the next page, the title alone). */
      flow->y -= 14;
    }
  else if (layout.fresh)
    begin_page (flow, layout.landscape, TRUE);
  heading_keep (flow, 2, heading, layout.height);
  text_w = content_width (flow);
  fig_w = layout.key_right ? text_w - layout.key_w - KEY_GAP : text_w;
  for (guint i = 0; i < n_areas; i++)
    if (areas[i].width > 0 && areas[i].height > 0)
      total += (total > 0 ? FIGURE_GAP : 0) + areas[i].width * layout.height / areas[i].height;
  ensure_room (flow, layout.height);
  top = flow->y;
  x = flow->margin_x + (fig_w - total) / 2;
  for (guint i = 0; i < n_areas && scene != NULL; i++)
    {
      double zoom;

      if (areas[i].width <= 0 || areas[i].height <= 0)
        continue;
      zoom = layout.height / areas[i].height;
      if (!flow->failed)
        {
          g_autofree char *alt = flow->cr != NULL ? tf_export_area_alt (flow->source, board_index, &areas[i]) : NULL;

          draw_board (flow, scene, alt, areas[i].x, areas[i].y, zoom, x, flow->y, areas[i].width * zoom,
                      layout.height);
        }
      x += areas[i].width * zoom + FIGURE_GAP;
    }
  flow->y += layout.height + 10;
  if (caption != NULL)
    {
      g_autoptr(PangoLayout) text = body_layout (flow, caption, BODY_SIZE, fig_w);

      flow_layout (flow, text, flow->margin_x, TF_INK_RGB);
      flow->y += 0.6 * BODY_SIZE;
    }
  if (rows != NULL && layout.key_right)
    {
      /* At the right of the figures, from their top. */
      double below = flow->y;

      flow->y = top;
      key_rows_at (flow, rows, flow->margin_x + fig_w + KEY_GAP, layout.key_w, TRUE);
      flow->y = MAX (flow->y, below);
    }
  else if (rows != NULL)
    key_rows_at (flow, rows, flow->margin_x, text_w, TRUE);
  if (notes != NULL)
    paragraphs (flow, notes);
  return !flow->failed;
}

/* Legends: one per actor map, for maps whose legend is not on the board. */
static void
legends_section (Flow *flow)
{
  gboolean started = FALSE;

  for (guint i = 0; i < tf_export_source_get_n_boards (flow->source) && !flow->failed; i++)
    {
      g_autoptr(TfLegend) legend = tf_export_board_legend (flow->source, i);
      double w, h, scale;

      if (legend == NULL)
        continue;
      if (!started)
        section (flow, _("Legends"), FALSE);
      started = TRUE;
      tf_legend_measure (legend, flow->pango, NULL, &w, &h);
      scale = MIN (0.8, content_width (flow) / w);
      heading (flow, 2, tf_board_get_name (tf_export_source_get_board (flow->source, i)));
      ensure_room (flow, h * scale);
      if (flow->cr != NULL)
        tf_export_draw_legend (flow->cr, flow->pango, legend, flow->margin_x, flow->y, scale);
      flow->y += h * scale + 12;
    }
}

/* The session in the room: each step of the agenda, the board it shows,
 * the time planned for it and the time spent on it (written when a
 * session ends), overtime marked; the totals last. */

#define SESSION_TIME_W_MM 24.0

static void
session_times (Flow       *flow,
               const char *planned,
               const char *spent,
               gboolean    over,
               gboolean    bold,
               double      y,
               double      baseline)
{
  double time_w = SESSION_TIME_W_MM * TF_PT_PER_MM;
  double right = flow->margin_x + content_width (flow);
  g_autoptr(PangoLayout) p = tf_export_layout (flow->pango, planned, 9.5, bold, -1);
  g_autoptr(PangoLayout) s = tf_export_layout (flow->pango, spent, 9.5, bold || over, -1);

  show_layout_at (flow, p, right - time_w - layout_width (p),
                  y + baseline - pango_layout_get_baseline (p) / (double) PANGO_SCALE, TF_INK_RGB);
  show_layout_at (flow, s, right - layout_width (s),
                  y + baseline - pango_layout_get_baseline (s) / (double) PANGO_SCALE,
                  over ? TF_ACCENT_RGB : TF_INK_RGB);
}

static char *
session_time (gint64 seconds)
{
  return seconds > 0 ? tf_room_format_time (seconds * G_USEC_PER_SEC) : g_strdup ("–");
}

static void
session_section (Flow *flow)
{
  GArray *steps = tf_export_source_get_session (flow->source);
  double time_w = SESSION_TIME_W_MM * TF_PT_PER_MM;
  double text_w = content_width (flow) - 2 * time_w - 8;
  gint64 planned_total = 0, spent_total = 0;
  g_autofree char *planned = NULL;
  g_autofree char *spent = NULL;

  if (steps == NULL || steps->len == 0)
    return;
  section (flow, _("Session"), FALSE);
  paragraphs (flow, _("The agenda of the session in the room: what each step showed, the time planned for it "
                      "and the time spent on it. A time spent beyond the plan is marked with a plus."));
  {
    g_autoptr(PangoLayout) step = tf_export_layout (flow->pango, _("Step"), 7.5, TRUE, -1);
    g_autoptr(PangoLayout) p = tf_export_layout (flow->pango, _("Planned"), 7.5, TRUE, -1);
    g_autoptr(PangoLayout) s = tf_export_layout (flow->pango, _("Spent"), 7.5, TRUE, -1);
    double right = flow->margin_x + content_width (flow);

    ensure_room (flow, 60);
    show_layout_at (flow, step, flow->margin_x, flow->y, TF_EXPORT_GREY_RGB);
    show_layout_at (flow, p, right - time_w - layout_width (p), flow->y, TF_EXPORT_GREY_RGB);
    show_layout_at (flow, s, right - layout_width (s), flow->y, TF_EXPORT_GREY_RGB);
    flow->y += layout_height (step) + 3;
    hairline (flow, flow->margin_x, flow->y, content_width (flow), TF_EXPORT_GREY_RGB, 0.6);
    flow->y += 6;
  }
  for (guint i = 0; i < steps->len; i++)
    {
      const TfSessionStep *step = &g_array_index (steps, TfSessionStep, i);
      g_autofree char *title = tf_session_step_describe (step);
      g_autofree char *line = g_strdup_printf ("%u. %s", i + 1, title);
      const char *board = "";
      g_autofree char *what = NULL;
      g_autofree char *p = session_time (step->planned_seconds);
      g_autofree char *s = session_time (step->spent_seconds);
      g_autoptr(PangoLayout) text = NULL;
      g_autoptr(PangoLayout) under = NULL;
      gboolean over = step->planned_seconds > 0 && step->spent_seconds > step->planned_seconds;
      double height;

      for (guint b = 0; b < tf_export_source_get_n_boards (flow->source); b++)
        if (tf_board_get_id (tf_export_source_get_board (flow->source, b)) == step->board_id)
          board = tf_board_get_name (tf_export_source_get_board (flow->source, b));
      /* TRANSLATORS: under a step of the session in the report: the board, what of it the step shows */
      what = g_strdup_printf (_("%s · %s"), board, tf_session_step_kind_label (step));
      if (step->notes != NULL && step->notes[0] != '\0')
        {
          char *with_notes = g_strdup_printf ("%s\n%s", what, step->notes);

          g_free (what);
          what = with_notes;
        }
      if (over)
        {
          g_autofree char *extra = tf_room_format_time ((step->spent_seconds - step->planned_seconds) * G_USEC_PER_SEC);
          char *marked = g_strdup_printf ("+%s  %s", extra, s);

          g_free (s);
          s = marked;
        }
      text = body_layout (flow, line, 10.0, text_w);
      under = tf_export_layout (flow->pango, what, SMALL_SIZE, FALSE, text_w);
      height = layout_height (text) + 1 + layout_height (under);
      ensure_room (flow, height + 8);
      show_layout_at (flow, text, flow->margin_x, flow->y, TF_INK_RGB);
      session_times (flow, p, s, over, FALSE, flow->y, pango_layout_get_baseline (text) / (double) PANGO_SCALE);
      show_layout_at (flow, under, flow->margin_x, flow->y + layout_height (text) + 1, TF_EXPORT_GREY_RGB);
      flow->y += height + 4;
      hairline (flow, flow->margin_x, flow->y, content_width (flow), TF_EXPORT_LIGHT_RGB, 0.3);
      flow->y += 5;
      planned_total += step->planned_seconds;
      spent_total += step->spent_seconds;
    }
  planned = session_time (planned_total);
  spent = session_time (spent_total);
  {
    g_autoptr(PangoLayout) total = tf_export_layout (flow->pango, _("The whole session"), 10.0, TRUE, text_w);

    ensure_room (flow, layout_height (total) + 4);
    show_layout_at (flow, total, flow->margin_x, flow->y, TF_INK_RGB);
    session_times (flow, planned, spent, planned_total > 0 && spent_total > planned_total, TRUE, flow->y,
                   pango_layout_get_baseline (total) / (double) PANGO_SCALE);
    flow->y += layout_height (total) + 6;
  }
}

static void
build (Flow *flow)
{
  guint n = tf_export_source_get_n_boards (flow->source);

  flow->page = 0;
  flow->n_entries = 0;
  flow->outline_parent = CAIRO_PDF_OUTLINE_ROOT;

  cover (flow);
  if (flow->cr != NULL)
    contents (flow);
  else
    {
      /* Measuring: the contents take the pages computed for them. */
      for (guint i = 0; i < flow->toc_pages; i++)
        begin_page (flow, FALSE, TRUE);
      if (flow->n_entries < flow->entries->len)
        ((Entry *) g_ptr_array_index (flow->entries, 0))->page = flow->page - flow->toc_pages + 1;
      else
        {
          Entry *entry = g_new0 (Entry, 1);

          entry->title = g_strdup (_("Contents"));
          entry->level = 1;
          entry->page = flow->page - flow->toc_pages + 1;
          g_ptr_array_add (flow->entries, entry);
        }
      flow->n_entries++;
    }
  if (flow->failed)
    return;

  experiment_section (flow);
  lessons_section (flow);
  for (guint i = 0; i < n && !flow->failed; i++)
    board_page (flow, i);
  /* Each board type's own section (a wall's insights by cluster). */
  for (guint i = 0; i < n && !flow->failed; i++)
    {
      const TfBoardType *type = tf_board_type_lookup (tf_board_get_kind_id (tf_export_source_get_board (flow->source, i)));

      if (type != NULL && type->report_section != NULL)
        type->report_section (flow, i, NULL);
    }
  session_section (flow);
  legends_section (flow);
  end_page (flow);
}

/* How many pages the contents need for the entries found so far. */
static guint
count_toc_pages (Flow *flow)
{
  Entry *own = g_ptr_array_index (flow->entries, 0);
  guint own_page = own->page;
  Flow probe = *flow;

  probe.cr = NULL;
  probe.page = 0;
  probe.n_entries = 0;
  probe.in_page = FALSE;
  contents (&probe);
  /* The probe moved the contents' own entry to its page 1: put it back. */
  own->page = own_page;
  return probe.page;
}

gboolean
tf_export_report_pdf (TfExportJob  *job,
                      GError      **error)
{
  TfExportSource *source = job->source;
  const TfExportOptions *options = job->options;
  const char *path = job->path;
  GCancellable *cancellable = job->cancellable;
  TfExportProgressFunc progress = job->progress;
  gpointer user_data = job->progress_data;
  guint *n_pages = &job->n_pages;
  TfExperiment *experiment;
  g_autoptr(TfRenderer) renderer = NULL;
  g_autoptr(TfPangoContext) pango = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (entry_free);
  g_autofree char *keywords = NULL;
  g_autofree char *date = NULL;
  const char *theme;
  Flow flow = { 0 };
  g_autoptr(GPtrArray) open_tags = g_ptr_array_new ();
  cairo_t *cr;
  guint toc;

  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (source), FALSE);
  g_return_val_if_fail (options != NULL && path != NULL, FALSE);

  experiment = tf_export_source_get_experiment (source);
  renderer = tf_renderer_new ();
  tf_renderer_set_assets (renderer, tf_export_source_get_assets (source));
  pango = tf_text_context_new ();

  flow.source = source;
  flow.experiment = experiment;
  flow.pango = pango;
  flow.renderer = renderer;
  flow.paper = options->paper;
  flow.margin_x = MAX (options->margin_mm, MARGIN_X_MM) * TF_PT_PER_MM;
  flow.margin_top = MAX (options->margin_mm, MARGIN_TOP_MM) * TF_PT_PER_MM;
  flow.margin_bottom = MAX (options->margin_mm, MARGIN_BOTTOM_MM) * TF_PT_PER_MM;
  flow.entries = entries;
  flow.open_tags = open_tags;
  flow.toc_pages = 1;
  flow.footer_left = (char *) tf_experiment_get_title (experiment);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    /* One date for the cover and every footer. */
    flow.date = date = tf_export_format_date (now);
  }
  flow.error = error;

  /* Measure, count the contents' pages, and measure again if they need more. */
  build (&flow);
  toc = count_toc_pages (&flow);
  if (toc != flow.toc_pages)
    {
      flow.toc_pages = toc;
      build (&flow);
    }
  flow.total_pages = flow.page;

  flow.writer = tf_export_writer_new (path, cancellable, progress, user_data, error);
  if (flow.writer == NULL)
    return FALSE;
  flow.surface = tf_export_writer_pdf_surface (flow.writer, 100, 100);
  keywords = g_strjoinv (", ", (char **) tf_experiment_get_tags (experiment));
  theme = tf_experiment_get_text (experiment, TF_FIELD_THEME);
  tf_export_set_metadata (flow.surface, tf_experiment_get_title (experiment),
                          tf_experiment_get_text (experiment, TF_FIELD_DEPARTMENT),
                          theme[0] != '\0' ? theme : _("Experiment report"), keywords);
  cr = cairo_create (flow.surface);
  flow.cr = cr;
  /* Links need a structure tree around them: without one, cairo 1.16 lists
   * the links' structure elements in the parent tree but never writes them
   * (a damaged cross-reference table). The first page begins "Document"
   * (begin_page ()), after its size. */
  build (&flow);
  flow.cr = NULL;

  if (flow.failed)
    {
      /* The contents link to sections never reached: cairo 1.16 must find
       * every name it links to, even in a document that is thrown away. */
      for (guint i = flow.n_dests; i < entries->len; i++)
        {
          g_autofree char *attributes = g_strdup_printf ("name='section-%u' x=0 y=0", i);

          cairo_tag_begin (cr, CAIRO_TAG_DEST, attributes);
          cairo_tag_end (cr, CAIRO_TAG_DEST);
        }
      if (flow.document)
        cairo_tag_end (cr, "Document");
      cairo_destroy (cr);
      tf_export_writer_abort (flow.writer, flow.surface);
      return FALSE;
    }
  if (flow.document)
    cairo_tag_end (cr, "Document");
  cairo_destroy (cr);
  return tf_export_writer_commit (flow.writer, flow.surface, n_pages, error);
}
