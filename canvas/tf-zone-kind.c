/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-zone-kind"

#include <json-glib/json-glib.h>

#include "core/tf-content.h"
#include "insights/tf-insight.h"
#include "tf-item-kinds.h"
#include "tf-renderer.h"

/* The title band at the top of a zone, in board units. */
#define TITLE_SIZE 30.0

static gpointer
zone_parse (const TfItem *item)
{
  g_autoptr(JsonNode) style = tf_item_parse_json (item->style);
  const TfNoteColor *color = NULL;
  guint32 *rgb = g_new (guint32, 1);

  if (style != NULL && JSON_NODE_HOLDS_OBJECT (style))
    color = tf_note_color_lookup (tf_content_json_string (json_node_get_object (style),
                                                          "color", NULL));
  *rgb = color ? color->rgb : tf_note_color_lookup ("sky")->rgb;
  return rgb;
}

/* A cluster: a lightly tinted, rounded area with its title. */
static void
zone_draw (const TfItem    *item,
           cairo_t         *cr,
           TfRenderContext *ctx)
{
  double x = item->bounds.x, y = item->bounds.y;
  double w = item->bounds.width, h = item->bounds.height;
  double r = MIN (18.0, MIN (w, h) / 4);
  guint32 rgb = item->data ? *(guint32 *) item->data : 0x92CDF0;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  tf_cairo_set_rgb (cr, rgb, 0.22);
  cairo_fill_preserve (cr);
  tf_cairo_set_rgb (cr, rgb, 0.9);
  cairo_set_line_width (cr, MAX (2.0, 1.5 / ctx->scale));
  cairo_stroke (cr);

  if (item->text[0] != '\0' && TITLE_SIZE * ctx->scale >= 4.0)
    {
      PangoLayout *title = tf_render_context_line (ctx, item, MAX (1.0, w - 40), TITLE_SIZE, TRUE);

      tf_cairo_set_rgb (cr, TF_INK_RGB, 0.9);
      cairo_move_to (cr, x + 20, y + 14);
      pango_cairo_show_layout (cr, title);
    }
}

const TfItemKind tf_zone_kind = {
  .id = "zone",
  .layer = TF_LAYER_ZONES,
  .parse = zone_parse,
  .free_data = g_free,
  .draw = zone_draw,
};
