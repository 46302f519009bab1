/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-note-kind"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>
#include <math.h>

#include "core/tf-bundle.h"
#include "core/tf-content.h"
#include "core/tf-json-peek.h"
#include "insights/tf-insight.h"
#include "insights/tf-note-kind.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-svg-sink.h"
#include "canvas/tf-scene.h"
#include "canvas/tf-text-fit.h"

/* The colour of a style in the plain form (tf-json-peek.h): TRUE when
 * @style is in it, with @color set (NULL: no colour of the palette). */
static gboolean
peek_color (const char         *style,
            const TfNoteColor **color)
{
  TfJsonPeekMember member = { .name = "color" };
  const TfNoteColor *colors;
  guint n_colors;

  if (!tf_json_peek_object (style, -1, &member, 1))
    return FALSE;
  *color = NULL;
  if (member.type != TF_JSON_PEEK_STRING)
    return TRUE;
  /* A style's own id, as Transfo writes it, without a copy. */
  colors = tf_note_colors (&n_colors);
  for (guint i = 0; i < n_colors; i++)
    if (tf_json_peek_string_equal (&member, colors[i].id))
      {
        *color = &colors[i];
        return TRUE;
      }
  {
    g_autofree char *name = g_strndup (member.string, member.length);

    *color = tf_note_color_lookup (name);
  }
  return TRUE;
}

/* The fields a note draws with, from a payload in the plain form
 * (tf-json-peek.h); FALSE when it is not, for tf_insight_fields_parse(). */
static gboolean
peek_fields (const char *payload,
             TfNoteData *data)
{
  enum { RETIRED, VOTES, STAR, N_MEMBERS };
  TfJsonPeekMember members[N_MEMBERS] = {
    [RETIRED] = { .name = "retired" },
    [VOTES] = { .name = "votes" },
    [STAR] = { .name = "star" },
  };

  if (!tf_json_peek_object (payload, -1, members, N_MEMBERS))
    return FALSE;
  /* As tf_insight_fields_parse() reads them: a member of another type is
   * missing. */
  data->retired = members[RETIRED].type == TF_JSON_PEEK_BOOLEAN && members[RETIRED].boolean;
  data->votes = members[VOTES].type == TF_JSON_PEEK_INT ?
                (guint) CLAMP (members[VOTES].integer, 0, 9999) : 0;
  data->star = members[STAR].type == TF_JSON_PEEK_BOOLEAN && members[STAR].boolean;
  return TRUE;
}

/* Read for every note of a board when it opens: the plain form Transfo
 * writes is read without a JSON tree (tf-json-peek.h), and any other text
 * by json-glib, as before. */
static gpointer
note_parse (const TfItem *item)
{
  TfNoteData *data = g_new0 (TfNoteData, 1);
  const TfNoteColor *color = NULL;

  if (item->style != NULL && tf_content_check_json (item->style, -1) &&
      !peek_color (item->style, &color))
    {
      g_autoptr(JsonNode) style = tf_item_parse_json (item->style);

      if (style != NULL && JSON_NODE_HOLDS_OBJECT (style))
        color = tf_note_color_lookup (tf_content_json_string (json_node_get_object (style),
                                                              "color", NULL));
    }
  if (color == NULL)
    color = tf_note_color_default ();
  data->color = color->rgb;
  data->color_id = color->id;

  if (item->payload == NULL || item->payload[0] == '\0' ||
      !tf_content_check_json (item->payload, -1))
    return data;  /* the defaults, as tf_insight_fields_parse() gives them */
  if (!peek_fields (item->payload, data))
    {
      g_auto(TfInsightFields) fields = { 0 };

      tf_insight_fields_init (&fields);
      tf_insight_fields_parse (&fields, item->payload);
      data->votes = fields.votes;
      data->star = fields.star;
      data->retired = fields.retired;
    }
  return data;
}

static void
note_free_data (gpointer data)
{
  g_free (data);
}

static gint64
note_lod_color (const TfItem *item)
{
  const TfNoteData *data = item->data;

  return data ? data->color : tf_note_color_default ()->rgb;
}

static gboolean
note_is_hidden (const TfItem *item)
{
  const TfNoteData *data = item->data;

  return data != NULL && data->retired;
}

static void
star_path (cairo_t *cr,
           double   cx,
           double   cy,
           double   r)
{
  for (int i = 0; i < 10; i++)
    {
      double angle = -G_PI / 2 + i * G_PI / 5;
      double radius = (i % 2 == 0) ? r : r * 0.45;

      if (i == 0)
        cairo_move_to (cr, cx + radius * cos (angle), cy + radius * sin (angle));
      else
        cairo_line_to (cr, cx + radius * cos (angle), cy + radius * sin (angle));
    }
  cairo_close_path (cr);
}

/* @rgb under black of opacity @amount. */
static void
darken (guint32  rgb,
        double   amount,
        double  *r,
        double  *g,
        double  *b)
{
  *r = ((rgb >> 16) & 0xff) / 255.0 * (1 - amount);
  *g = ((rgb >> 8) & 0xff) / 255.0 * (1 - amount);
  *b = (rgb & 0xff) / 255.0 * (1 - amount);
}

static void
set_darkened (cairo_t *cr,
              guint32  rgb,
              double   amount)
{
  double r, g, b;

  darken (rgb, amount, &r, &g, &b);
  cairo_set_source_rgb (cr, r, g, b);
}

static void
add_darkened_stop (cairo_pattern_t *pattern,
                   double           offset,
                   guint32          rgb,
                   double           amount)
{
  double r, g, b;

  darken (rgb, amount, &r, &g, &b);
  cairo_pattern_add_color_stop_rgb (pattern, offset, r, g, b);
}

/* The quote's largest and smallest font sizes on a post-it @h high; in
 * "room" rendering no smaller than @min_size, as far as the card allows
 * (a quarter of its height: three lines or so). The smallest size grows
 * with the note up to NOTE_LEGIBLE (a Medium note's, in board units) and
 * no further: a bigger note shows more of a long quote, its lines
 * reflowed to the note's width, rather than the same words larger. */
#define NOTE_ROOM_MAX 0.25
#define NOTE_LEGIBLE  13.0

static void
note_text_sizes (double  h,
                 double  min_size,
                 double *max_out,
                 double *min_out)
{
  *max_out = 0.14 * h;
  *min_out = MIN (0.065 * h, NOTE_LEGIBLE);
  if (min_size > *min_out)
    {
      /* To a hundredth of the card: a camera gliding from one zoom to the
       * next lays the text out again only now and then. */
      min_size = ceil (min_size / (0.01 * h)) * 0.01 * h;
      *min_out = MIN (min_size, NOTE_ROOM_MAX * h);
      *max_out = MAX (*max_out, *min_out);
    }
}

/* Where a post-it's quote and vote dots go. On a board: a margin of 9 %
 * and, with votes, a band of dots at the foot under the quote. In "room"
 * rendering (@room: the audience view asks for a least text size), the
 * quote takes all but a thin margin, and the dots sit small in the foot's
 * margin, so that a card with votes keeps every line of its text. */
typedef struct
{
  double pad;    /* left, right */
  double top;
  double box_w, box_h;
  double dot_r, dot_cy; /* the dots' radius and centre line, from the top */
} NoteBox;

static NoteBox
note_box (double   w,
          double   h,
          guint    votes,
          gboolean room)
{
  NoteBox b;

  if (room)
    {
      b.pad = 0.05 * w;
      b.top = 0.05 * h;
      b.box_h = h - b.top - 0.07 * h;
      b.dot_r = 0.022 * w;
      b.dot_cy = h - 0.035 * h;
    }
  else
    {
      b.pad = 0.09 * w;
      b.top = b.pad;
      b.box_h = h - 2 * b.pad - (votes > 0 ? 0.13 * h : 0);
      b.dot_r = 0.032 * w;
      b.dot_cy = h - b.pad * 0.6 - b.dot_r;
    }
  b.box_w = w - 2 * b.pad;
  return b;
}

/* The quote's box and its sizes on a post-it @w × @h with @votes, at
 * least @min_size in "room" rendering (0 on a board): what note_draw()
 * draws and note_text_size() tells the room check, from this one place. */
static NoteBox
note_text_box (double  w,
               double  h,
               guint   votes,
               double  min_size,
               double *max_out,
               double *min_out)
{
  note_text_sizes (h, min_size, max_out, min_out);
  return note_box (w, h, votes, min_size > 0);
}

/* Printed, a quote that would be cut at the screen's least size is set
 * smaller, down to TF_PRINT_MIN_TEXT points on the page, before any of it
 * is cut: on paper a long quote is whole whenever it can be read. */
static double
note_paper_min (const TfRenderContext *ctx,
                double                 min_size)
{
  if (!ctx->print || ctx->scale <= 0)
    return min_size;
  return MIN (min_size, TF_PRINT_MIN_TEXT / ctx->scale);
}

/* A post-it: a soft shadow, paper of its colour with a slightly darker
 * adhesive band, the quote as large as it fits, dots for votes and a star
 * for key insights. */
static void
note_draw (const TfItem    *item,
           cairo_t         *cr,
           TfRenderContext *ctx)
{
  const TfNoteData *data = item->data;
  double x = item->bounds.x, y = item->bounds.y;
  double w = item->bounds.width, h = item->bounds.height;
  double pad = 0.09 * w;
  guint32 color = data ? data->color : tf_note_color_default ()->rgb;
  guint votes = data ? data->votes : 0;
  double max_size, min_size;
  NoteBox box = note_text_box (w, h, votes, ctx->scale > 0 ? ctx->min_text / ctx->scale : 0,
                               &max_size, &min_size);
  cairo_pattern_t *fade;

  min_size = note_paper_min (ctx, min_size);

  if (!ctx->print && ctx->lod == TF_LOD_FULL)
    {
      cairo_rectangle (cr, x + 1.5, y + 4, w, h);
      cairo_set_source_rgba (cr, 0.18, 0.14, 0.08, 0.10);
      cairo_fill (cr);
      cairo_rectangle (cr, x + 0.5, y + 1.5, w, h);
      cairo_set_source_rgba (cr, 0.18, 0.14, 0.08, 0.12);
      cairo_fill (cr);
    }

  cairo_rectangle (cr, x, y, w, h);
  tf_cairo_set_rgb (cr, color, 1.0);
  cairo_fill (cr);

  if (ctx->lod == TF_LOD_FULL)
    {
      /* The glued band at the top, and paper lifting a little at the bottom:
       * the paper's colour darkened, opaque, which looks the same as a
       * translucent black and prints without a transparency group per note
       * (a wall's PDF is ten times smaller for it). */
      cairo_rectangle (cr, x, y, w, 0.13 * h);
      set_darkened (cr, color, 0.035);
      cairo_fill (cr);
      fade = cairo_pattern_create_linear (0, y + 0.7 * h, 0, y + h);
      add_darkened_stop (fade, 0, color, 0.0);
      add_darkened_stop (fade, 1, color, 0.05);
      cairo_rectangle (cr, x, y + 0.7 * h, w, 0.3 * h);
      cairo_set_source (cr, fade);
      cairo_fill (cr);
      cairo_pattern_destroy (fade);
    }

  tf_cairo_set_rgb (cr, TF_INK_RGB, 1.0);

  if (ctx->lod == TF_LOD_LINE)
    {
      double size = 0.15 * h;
      PangoLayout *line = tf_render_context_line (ctx, item, w - 2 * pad * 0.6, size, FALSE);

      cairo_move_to (cr, x + pad * 0.6, y + pad * 0.6);
      pango_cairo_show_layout (cr, line);
      return;
    }

  if (ctx->lod == TF_LOD_FULL)
    {
      double box_w = box.box_w;
      double box_h = box.box_h;
      TfTextBlock *block;

      block = tf_render_context_fit_block (ctx, item, box_w, box_h, max_size, min_size);

      if (block != NULL)
        tf_text_block_draw (block, cr, x + box.pad, y + box.top + (box_h - tf_text_block_get_height (block)) / 2);
      else
        {
          PangoLayout *layout = tf_render_context_fit_text (ctx, item, box_w, box_h,
                                                            max_size, min_size, FALSE);
          PangoRectangle logical;

          pango_layout_get_extents (layout, NULL, &logical);
          cairo_move_to (cr, x + box.pad, y + box.top + (box_h - logical.height / (double) PANGO_SCALE) / 2);
          pango_cairo_show_layout (cr, layout);
        }

      if (votes > 0)
        {
          double r = box.dot_r;
          guint shown = MIN (votes, 8);

          tf_cairo_set_rgb (cr, TF_NOTE_MARK_RGB, 1.0);
          for (guint i = 0; i < shown; i++)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, x + box.pad + r + i * 2.6 * r, y + box.dot_cy, r, 0, 2 * G_PI);
            }
          cairo_fill (cr);
          if (votes > shown)
            {
              g_autofree char *more = g_strdup_printf ("+%u", votes - shown);
              PangoLayout *extra = pango_layout_new (ctx->pango);
              PangoFontDescription *font = pango_font_description_from_string (TF_BOARD_FONT_FAMILY " Bold");

              pango_font_description_set_absolute_size (font, 2.4 * r * PANGO_SCALE);
              pango_layout_set_font_description (extra, font);
              pango_layout_set_text (extra, more, -1);
              cairo_move_to (cr, x + box.pad + shown * 2.6 * r, y + box.dot_cy - 1.6 * r);
              pango_cairo_show_layout (cr, extra);
              pango_font_description_free (font);
              g_object_unref (extra);
            }
        }

      if (data != NULL && data->star)
        {
          star_path (cr, x + w - 0.075 * w, y + 0.075 * h, 0.055 * w);
          tf_cairo_set_rgb (cr, TF_NOTE_MARK_RGB, 1.0);
          cairo_fill (cr);
        }
    }
}

/* The size the quote is drawn at in full detail (see note_draw()). */
static double
note_text_size (const TfItem  *item,
                PangoContext  *context,
                double         min_size,
                gboolean      *cut)
{
  const TfNoteData *data = item->data;
  double w = item->bounds.width, h = item->bounds.height;
  double max_size, lo, size = 0;
  NoteBox box = note_text_box (w, h, data != NULL ? data->votes : 0, min_size, &max_size, &lo);
  PangoLayout *layout;

  *cut = FALSE;
  if (item->text == NULL || item->text[0] == '\0')
    return 0;
  layout = tf_text_fit (context, item->text, box.box_w, box.box_h, max_size, lo, FALSE, &size);
  *cut = pango_layout_is_ellipsized (layout);
  g_object_unref (layout);
  return size;
}

/* Whether @text is cut on a note @side square. */
static gboolean
text_cut_at (PangoContext *context,
             const char   *text,
             double        side,
             guint         votes)
{
  double max_size, min_size;
  NoteBox box = note_text_box (side, side, votes, 0, &max_size, &min_size);
  g_autoptr(PangoLayout) layout = tf_text_fit (context, text, box.box_w, box.box_h, max_size, min_size,
                                               FALSE, NULL);

  return pango_layout_is_ellipsized (layout);
}

static double
side_for_text (PangoContext *context,
               const char   *text,
               double        side,
               guint         votes,
               double        max_side)
{
  double lo, hi;

  if (text == NULL || text[0] == '\0' || !isfinite (side) || !isfinite (max_side) || side >= max_side ||
      !text_cut_at (context, text, side, votes))
    return side;
  if (text_cut_at (context, text, max_side, votes))
    return max_side;
  /* Cut at @lo, whole at @hi: halve the gap to the step. */
  lo = side;
  hi = max_side;
  while (hi - lo > 10)
    {
      double mid = (lo + hi) / 2;

      if (text_cut_at (context, text, mid, votes))
        lo = mid;
      else
        hi = mid;
    }
  return MIN (ceil (hi / 10) * 10, max_side);
}

double
tf_note_side_for_text (PangoContext *context,
                       const char   *text,
                       double        side,
                       guint         votes)
{
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), side);

  return side_for_text (context, text, side, votes, TF_NOTE_FIT_MAX_SIDE);
}

/* The kind's hook (TfItemKind.side_for_text). */
static double
note_side_for_text (const TfItem *item,
                    PangoContext *context,
                    const char   *text,
                    double        side,
                    double        max_side)
{
  const TfNoteData *data = item != NULL ? item->data : NULL;

  return side_for_text (context, text, side, data != NULL ? data->votes : 0, max_side);
}

/* The quote is typed on the post-it itself. */
static gboolean
note_text_region (const TfItem *item,
                  TfRect       *region)
{
  *region = item->bounds;
  return TRUE;
}

char *
tf_note_style_build (const char *color_id,
                     const char *size_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (color_id != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, color_id);
  if (size_id != NULL)
    {
      json_builder_set_member_name (builder, "size");
      json_builder_add_string_value (builder, size_id);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* A post-it: content, picked like any thing by its rectangle, resized by its
 * corners only and kept square. */
/* What the commands call these items: "Move a note". */
static char *
note_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a note"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
note_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u insight", "%u insights", count), count);
}

/* A note in a bundle: without consent (to check, withdrawn) it stays
 * home when asked; its interview date goes when asked. */
static gboolean
note_share (const TfItem  *item,
            TfScene       *scene,
            guint          drop,
            char         **payload)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  if (!(drop & (TF_BUNDLE_DROP_UNCONSENTED | TF_BUNDLE_DROP_DATES)))
    return TRUE;
  root = tf_item_parse_json (item->payload);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return !(drop & TF_BUNDLE_DROP_UNCONSENTED);
  object = json_node_get_object (root);
  if (drop & TF_BUNDLE_DROP_UNCONSENTED)
    {
      TfConsent consent = TF_CONSENT_TO_CHECK;

      tf_consent_from_string (tf_content_json_string (object, "consent", ""), &consent);
      if (consent != TF_CONSENT_GIVEN && consent != TF_CONSENT_ANONYMISED)
        return FALSE;
    }
  if ((drop & TF_BUNDLE_DROP_DATES) && json_object_has_member (object, "date"))
    {
      json_object_remove_member (object, "date");
      *payload = json_to_string (root, FALSE);
    }
  return TRUE;
}


/* @rgb under black of opacity @amount, in 8 bits. */
static guint32
darkened_rgb (guint32 rgb,
              double  amount)
{
  double r, g, b;

  darken (rgb, amount, &r, &g, &b);
  return (guint32) lround (r * 255) << 16 | (guint32) lround (g * 255) << 8 | (guint32) lround (b * 255);
}

static void
svg_rect (GString *out,
          double   x,
          double   y,
          double   w,
          double   h)
{
  g_string_append (out, "<rect x=\"");
  tf_svg_append_number (out, x);
  g_string_append (out, "\" y=\"");
  tf_svg_append_number (out, y);
  g_string_append (out, "\" width=\"");
  tf_svg_append_number (out, w);
  g_string_append (out, "\" height=\"");
  tf_svg_append_number (out, h);
  g_string_append (out, "\"");
}

/* The post-it as note_draw() prints it, in SVG: its paper, band and fade
 * (one gradient per colour for the whole wall), the quote as text, votes
 * and star. */
static void
note_write_svg (const TfItem    *item,
                TfSvgSink       *svg,
                TfRenderContext *ctx)
{
  const TfNoteData *data = item->data;
  GString *out = tf_svg_sink_get_body (svg);
  double x = item->bounds.x, y = item->bounds.y;
  double w = item->bounds.width, h = item->bounds.height;
  double pad = 0.09 * w;
  guint32 color = data ? data->color : tf_note_color_default ()->rgb;
  guint votes = data ? data->votes : 0;
  double vote_band = votes > 0 ? 0.13 * h : 0;
  double box_w = w - 2 * pad, box_h = h - 2 * pad - vote_band;
  double max_size, min_size;
  TfTextBlock *block;

  svg_rect (out, x, y, w, h);
  g_string_append (out, " fill=\"");
  tf_svg_append_color (out, color);
  g_string_append (out, "\"/>");
  svg_rect (out, x, y, w, 0.13 * h);
  g_string_append (out, " fill=\"");
  tf_svg_append_color (out, darkened_rgb (color, 0.035));
  g_string_append (out, "\"/>");
  svg_rect (out, x, y + 0.7 * h, w, 0.3 * h);
  g_string_append_printf (out, " fill=\"url(#%s)\"/>\n",
                          tf_svg_sink_gradient (svg, darkened_rgb (color, 0), darkened_rgb (color, 0.05)));

  note_text_sizes (h, ctx->scale > 0 ? ctx->min_text / ctx->scale : 0, &max_size, &min_size);
  min_size = note_paper_min (ctx, min_size);
  block = tf_render_context_fit_block (ctx, item, box_w, box_h, max_size, min_size);
  if (block != NULL)
    tf_text_block_write_svg (block, out, x + pad, y + pad + (box_h - tf_text_block_get_height (block)) / 2,
                             TF_INK_RGB);
  else
    {
      PangoLayout *layout = tf_render_context_fit_text (ctx, item, box_w, box_h, max_size, min_size, FALSE);
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      tf_svg_sink_layout (svg, layout, x + pad, y + pad + (box_h - logical.height / (double) PANGO_SCALE) / 2,
                          TF_INK_RGB, 1.0);
    }

  if (votes > 0)
    {
      double r = 0.032 * w;
      guint shown = MIN (votes, 8);

      for (guint i = 0; i < shown; i++)
        {
          g_string_append (out, "<circle cx=\"");
          tf_svg_append_number (out, x + pad + r + i * 2.6 * r);
          g_string_append (out, "\" cy=\"");
          tf_svg_append_number (out, y + h - pad * 0.6 - r);
          g_string_append (out, "\" r=\"");
          tf_svg_append_number (out, r);
          g_string_append (out, "\" fill=\"");
          tf_svg_append_color (out, TF_ACCENT_RGB);
          g_string_append (out, "\"/>");
        }
      if (votes > shown)
        {
          g_autofree char *more = g_strdup_printf ("+%u", votes - shown);
          g_autoptr(PangoLayout) extra = pango_layout_new (ctx->pango);
          PangoFontDescription *font = pango_font_description_from_string (TF_BOARD_FONT_FAMILY " Bold");

          pango_font_description_set_absolute_size (font, 2.4 * r * PANGO_SCALE);
          pango_layout_set_font_description (extra, font);
          pango_layout_set_text (extra, more, -1);
          tf_svg_sink_layout (svg, extra, x + pad + shown * 2.6 * r, y + h - pad * 0.6 - 2.6 * r, TF_ACCENT_RGB, 1.0);
          pango_font_description_free (font);
        }
      g_string_append_c (out, '\n');
    }

  if (data != NULL && data->star)
    {
      double cx = x + w - 0.075 * w, cy = y + 0.075 * h, r = 0.055 * w;

      g_string_append (out, "<path d=\"");
      for (int i = 0; i < 10; i++)
        {
          double angle = -G_PI / 2 + i * G_PI / 5;
          double radius = (i % 2 == 0) ? r : r * 0.45;

          g_string_append_c (out, i == 0 ? 'M' : 'L');
          tf_svg_append_number (out, cx + radius * cos (angle));
          g_string_append_c (out, ' ');
          tf_svg_append_number (out, cy + radius * sin (angle));
        }
      g_string_append (out, "Z\" fill=\"");
      tf_svg_append_color (out, TF_ACCENT_RGB);
      g_string_append (out, "\"/>\n");
    }
}

/* Said when the keyboard is on the note: “quote”, yellow, in cluster
 * “Waiting”, 2 votes, key insight. */
static char *
note_describe (const TfItem *item,
               TfScene      *scene)
{
  const TfNoteData *data = item->data;
  const TfNoteColor *color = tf_note_color_lookup (data != NULL ? data->color_id : NULL);
  TfItem *cluster = scene != NULL && item->parent_id != 0 ? tf_scene_lookup (scene, item->parent_id) : NULL;
  g_autofree char *quote = tf_item_quote (item->text);
  GString *said = g_string_new (quote);

  if (color == NULL)
    color = tf_note_color_default ();
  {
    g_autofree char *name = g_utf8_strdown (g_dgettext (GETTEXT_PACKAGE, color->label), -1);

    g_string_append_printf (said, ", %s", name);
  }
  if (cluster != NULL && tf_item_has_role (cluster, TF_ITEM_ROLE_CLUSTER))
    {
      g_autofree char *title = tf_item_quote (cluster->text);

      if (cluster->text != NULL && *cluster->text != '\0')
        /* TRANSLATORS: said of an insight in a cluster */
        g_string_append_printf (said, _(", in cluster %s"), title);
      else
        g_string_append (said, _(", in an untitled cluster"));
    }
  if (data != NULL && data->votes > 0)
    g_string_append_printf (said, g_dngettext (GETTEXT_PACKAGE, ", %u vote", ", %u votes", data->votes),
                            data->votes);
  if (data != NULL && data->star)
    g_string_append (said, _(", key insight (starred)"));
  return g_string_free (said, FALSE);
}

const TfItemKind tf_note_kind = {
  .id = "note",
  .layer = TF_LAYER_THINGS,
  .parse = note_parse,
  .free_data = note_free_data,
  .draw = note_draw,
  .write_svg = note_write_svg,
  .lod_color = note_lod_color,
  .is_hidden = note_is_hidden,
  .roles = TF_ITEM_ROLE_CONTENT,
  .pick_rank = TF_ITEM_PICK_THING,
  .handles = TF_ITEM_HANDLES_CORNERS,
  .min_width = TF_ITEM_MIN_SIDE,
  .min_height = TF_ITEM_MIN_SIDE,
  .square = TRUE,
  .text_region = note_text_region,
  .text_size = note_text_size,
  .name = note_name,
  .count = note_count,
  .share = note_share,
  .describe = note_describe,
  .side_for_text = note_side_for_text,
};
