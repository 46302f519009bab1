/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-label-kind"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "core/tf-content.h"
#include "tf-label-kind.h"
#include "tf-renderer.h"
#include "tf-svg-sink.h"
#include "tf-text-fit.h"

#define DEFAULT_SIZE 36.0

static gpointer
label_parse (const TfItem *item)
{
  g_autoptr(JsonNode) style = tf_item_parse_json (item->style);
  double *size = g_new (double, 1);

  *size = DEFAULT_SIZE;
  if (style != NULL && JSON_NODE_HOLDS_OBJECT (style))
    *size = CLAMP (tf_content_json_double (json_node_get_object (style),
                                           "font_size", DEFAULT_SIZE),
                   8.0, 400.0);
  return size;
}

/* A label shrinks its text down to 12 units to fit its box; in "room"
 * rendering no smaller than @room_min, as far as its own size allows. */
static double
label_min_size (double size,
                double room_min)
{
  return tf_text_room_min (MIN (size, 12.0), size, room_min, 1.0);
}

/* Free text: headings and notes of the facilitator, in ink, no paper. */
static void
label_draw (const TfItem    *item,
            cairo_t         *cr,
            TfRenderContext *ctx)
{
  double size = item->data ? *(double *) item->data : DEFAULT_SIZE;
  PangoLayout *layout;

  if (size * ctx->scale < 3.0)
    {
      /* Too small to read: a grey stroke where the text is. */
      cairo_rectangle (cr, item->bounds.x, item->bounds.y + item->bounds.height / 3,
                       item->bounds.width, item->bounds.height / 3);
      tf_cairo_set_rgb (cr, TF_INK_RGB, 0.25);
      cairo_fill (cr);
      return;
    }

  layout = tf_render_context_fit_text (ctx, item, item->bounds.width, item->bounds.height,
                                       size, label_min_size (size, ctx->scale > 0 ? ctx->min_text / ctx->scale : 0),
                                       TRUE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  tf_cairo_set_rgb (cr, TF_INK_RGB, 1.0);
  cairo_move_to (cr, item->bounds.x, item->bounds.y);
  pango_cairo_show_layout (cr, layout);
}

/* The size label_draw() fits the text at in full detail. */
static double
label_text_size (const TfItem  *item,
                 PangoContext  *context,
                 double         min_size,
                 gboolean      *cut)
{
  double size = item->data ? *(double *) item->data : DEFAULT_SIZE;
  double fitted = 0;
  g_autoptr(PangoLayout) layout = NULL;

  *cut = FALSE;
  if (item->text == NULL || item->text[0] == '\0')
    return 0;
  layout = tf_text_fit (context, item->text, item->bounds.width, item->bounds.height,
                        size, label_min_size (size, min_size), TRUE, &fitted);
  *cut = pango_layout_is_ellipsized (layout);
  return fitted;
}

/* Its text is typed where it is drawn. */
static gboolean
label_text_region (const TfItem *item,
                   TfRect       *region)
{
  *region = item->bounds;
  return TRUE;
}

/* What the commands call these items: "Move a text label". */
static char *
label_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a text label"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u text label", "%u text labels", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
label_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u text label", "%u text labels", count), count);
}

/* The label as label_draw() prints it, its text as text. */
static void
label_write_svg (const TfItem    *item,
                 TfSvgSink       *svg,
                 TfRenderContext *ctx)
{
  double size = item->data ? *(double *) item->data : DEFAULT_SIZE;
  PangoLayout *layout;

  if (size * ctx->scale < 3.0)
    {
      GString *out = tf_svg_sink_get_body (svg);

      g_string_append (out, "<rect x=\"");
      tf_svg_append_number (out, item->bounds.x);
      g_string_append (out, "\" y=\"");
      tf_svg_append_number (out, item->bounds.y + item->bounds.height / 3);
      g_string_append (out, "\" width=\"");
      tf_svg_append_number (out, item->bounds.width);
      g_string_append (out, "\" height=\"");
      tf_svg_append_number (out, item->bounds.height / 3);
      g_string_append (out, "\" fill=\"");
      tf_svg_append_color (out, TF_INK_RGB);
      g_string_append (out, "\" fill-opacity=\"0.25\"/>\n");
      return;
    }
  layout = tf_render_context_fit_text (ctx, item, item->bounds.width, item->bounds.height,
                                       size, label_min_size (size, ctx->scale > 0 ? ctx->min_text / ctx->scale : 0),
                                       TRUE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  tf_svg_sink_layout (svg, layout, item->bounds.x, item->bounds.y, TF_INK_RGB, 1.0);
}

const TfItemKind tf_label_kind = {
  .id = "label",
  .layer = TF_LAYER_THINGS,
  .parse = label_parse,
  .free_data = g_free,
  .draw = label_draw,
  .write_svg = label_write_svg,
  .roles = TF_ITEM_ROLE_CONTENT,
  .pick_rank = TF_ITEM_PICK_THING,
  .handles = TF_ITEM_HANDLES_ALL,
  .min_width = TF_ITEM_MIN_SIDE,
  .min_height = TF_ITEM_MIN_SIDE,
  .text_region = label_text_region,
  .text_size = label_text_size,
  .name = label_name,
  .count = label_count,
};

void
tf_label_kind_register (void)
{
  tf_item_kind_register (&tf_label_kind);
}
