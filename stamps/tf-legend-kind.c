/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-legend-kind"

#include <glib/gi18n.h>

#include "stamps/tf-actor-items.h"
#include "stamps/tf-legend.h"
#include "canvas/tf-renderer.h"

/* The legend on the board: computed from the scene at every frame, so it
 * follows each stamp, link and relation change; scaled to fit the item. Its
 * text, when set, is the title. */
static void
legend_draw (const TfItem    *item,
             cairo_t         *cr,
             TfRenderContext *ctx)
{
  g_autoptr(TfLegend) legend = NULL;
  double width, height, scale;

  if (ctx->scene == NULL)
    return;
  legend = tf_legend_compute (ctx->scene);
  tf_legend_measure (legend, ctx->pango, item->text, &width, &height);
  scale = MIN (item->bounds.width / width, item->bounds.height / height);
  if (scale <= 0)
    return;

  cairo_translate (cr, item->bounds.x, item->bounds.y);
  cairo_scale (cr, scale, scale);
  if (ctx->lod == TF_LOD_CARD)
    {
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_set_source_rgb (cr, 1.0, 0.995, 0.98);
      cairo_fill (cr);
      return;
    }
  tf_legend_draw (legend, cr, ctx->pango, item->text, 0, 0, ctx->print);
}

/* Its title is typed over the whole legend. */
static gboolean
legend_text_region (const TfItem *item,
                    TfRect       *region)
{
  *region = item->bounds;
  return TRUE;
}

/* What the commands call these items: "Move a legend". */
static char *
legend_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a legend"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u legend", "%u legends", count), count);
}

const TfItemKind tf_legend_kind = {
  .id = "legend",
  .layer = TF_LAYER_THINGS,
  .draw = legend_draw,
  .roles = TF_ITEM_ROLE_DERIVED,
  .pick_rank = TF_ITEM_PICK_THING,
  .handles = TF_ITEM_HANDLES_ALL,
  .min_width = TF_ITEM_MIN_SIDE,
  .min_height = TF_ITEM_MIN_SIDE,
  .text_region = legend_text_region,
  .name = legend_name,
};
