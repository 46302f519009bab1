/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-zone-kind"

#include <glib/gi18n.h>

#include <json-glib/json-glib.h>

#include "core/tf-content.h"
#include "insights/tf-insight.h"
#include "tf-item-kinds.h"
#include "tf-scene.h"
#include "tf-zone-kind.h"
#include "tf-layout.h"
#include "tf-renderer.h"
#include "tf-svg-sink.h"

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

char *
tf_zone_style_build (const char *color_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (color_id != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "color");
  json_builder_add_string_value (builder, color_id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Its title, on one line at one size (the room's minimum does not change
 * it: a cluster's title is as large as a post-it's text already). */
static double
zone_text_size (const TfItem  *item,
                PangoContext  *context,
                double         min_size,
                gboolean      *cut)
{
  *cut = FALSE;
  return item->text != NULL && item->text[0] != '\0' ? TITLE_SIZE : 0;
}

/* The title is typed in its band at the top, at most this wide. */
#define TITLE_EDIT_WIDTH 480.0

static gboolean
zone_text_region (const TfItem *item,
                  TfRect       *region)
{
  *region = TF_RECT_INIT (item->bounds.x, item->bounds.y,
                          MIN (item->bounds.width, TITLE_EDIT_WIDTH), TF_LAYOUT_ZONE_TITLE);
  return TRUE;
}

/* A zone's members are its children. */
static gboolean
zone_accepts (const TfItem *zone,
              const TfItem *other)
{
  return other->parent_id != 0 && other->parent_id == zone->id;
}

/* A thing whose centre lies in the zone (edges included) belongs to it; a
 * zone never belongs to another. */
static gboolean
zone_adopts (const TfItem *zone,
             const TfItem *other)
{
  double cx = other->bounds.x + other->bounds.width / 2;
  double cy = other->bounds.y + other->bounds.height / 2;

  if (tf_item_has_role (other, TF_ITEM_ROLE_CLUSTER))
    return FALSE;
  return cx >= zone->bounds.x && cx <= zone->bounds.x + zone->bounds.width &&
         cy >= zone->bounds.y && cy <= zone->bounds.y + zone->bounds.height;
}

/* Picked up by its title band or its border; its body is the board. */
static gboolean
zone_grips (const TfItem *zone,
            double        x,
            double        y,
            double        slop)
{
  return !(y > zone->bounds.y + TF_LAYOUT_ZONE_TITLE &&
           x > zone->bounds.x + slop &&
           x < zone->bounds.x + zone->bounds.width - slop &&
           y < zone->bounds.y + zone->bounds.height - slop);
}

/* What the commands call these items: "Move a cluster". */
static char *
zone_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a cluster"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cluster", "%u clusters", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
zone_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cluster", "%u clusters", count), count);
}

/* The zone as zone_draw() prints it: its rounded box, its title as text. */
static void
zone_write_svg (const TfItem    *item,
                TfSvgSink       *svg,
                TfRenderContext *ctx)
{
  GString *out = tf_svg_sink_get_body (svg);
  double x = item->bounds.x, y = item->bounds.y;
  double w = item->bounds.width, h = item->bounds.height;
  double r = MIN (18.0, MIN (w, h) / 4);
  guint32 rgb = item->data ? *(guint32 *) item->data : 0x92CDF0;

  g_string_append (out, "<rect x=\"");
  tf_svg_append_number (out, x);
  g_string_append (out, "\" y=\"");
  tf_svg_append_number (out, y);
  g_string_append (out, "\" width=\"");
  tf_svg_append_number (out, w);
  g_string_append (out, "\" height=\"");
  tf_svg_append_number (out, h);
  g_string_append (out, "\" rx=\"");
  tf_svg_append_number (out, r);
  g_string_append (out, "\" fill=\"");
  tf_svg_append_color (out, rgb);
  g_string_append (out, "\" fill-opacity=\"0.22\" stroke=\"");
  tf_svg_append_color (out, rgb);
  g_string_append (out, "\" stroke-opacity=\"0.9\" stroke-width=\"");
  tf_svg_append_number (out, MAX (2.0, 1.5 / ctx->scale));
  g_string_append (out, "\"/>\n");

  if (item->text[0] != '\0' && TITLE_SIZE * ctx->scale >= 4.0)
    {
      PangoLayout *title = tf_render_context_line (ctx, item, MAX (1.0, w - 40), TITLE_SIZE, TRUE);

      tf_svg_sink_layout (svg, title, x + 20, y + 14, TF_INK_RGB, 0.9);
    }
}

/* Cluster “Waiting”, 4 notes. */
static char *
zone_describe (const TfItem *item,
               TfScene      *scene)
{
  GPtrArray *items = scene != NULL ? tf_scene_get_items (scene) : NULL;
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autofree char *title = NULL;
  g_autofree char *held = NULL;
  GString *said = g_string_new (NULL);

  if (item->text != NULL && item->text[0] != '\0')
    {
      title = tf_item_quote (item->text);
      g_string_append_printf (said, _("Cluster %s"), title);
    }
  else
    g_string_append (said, _("Untitled cluster"));
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const TfItem *other = g_ptr_array_index (items, i);

      if (other->parent_id == item->id && other->id != item->id && !other->hidden)
        g_ptr_array_add (kinds, other->kind_id);
    }
  if (kinds->len == 0)
    g_string_append (said, _(", empty"));
  else
    {
      held = tf_item_kinds_name ((const char * const *) kinds->pdata, kinds->len);
      g_string_append_printf (said, ", %s", held);
    }
  return g_string_free (said, FALSE);
}

const TfItemKind tf_zone_kind = {
  .id = "zone",
  .layer = TF_LAYER_ZONES,
  .parse = zone_parse,
  .free_data = g_free,
  .draw = zone_draw,
  .write_svg = zone_write_svg,
  .roles = TF_ITEM_ROLE_CONTAINER | TF_ITEM_ROLE_CLUSTER,
  .pick_rank = TF_ITEM_PICK_THING,
  .handles = TF_ITEM_HANDLES_ALL,
  .min_width = TF_ITEM_MIN_SIDE,
  .min_height = TF_ITEM_MIN_SIDE,
  .text_region = zone_text_region,
  .text_size = zone_text_size,
  .accepts = zone_accepts,
  .adopts = zone_adopts,
  .grips = zone_grips,
  .name = zone_name,
  .count = zone_count,
  .describe = zone_describe,
};

void
tf_zone_kind_register (void)
{
  tf_item_kind_register (&tf_zone_kind);
}
