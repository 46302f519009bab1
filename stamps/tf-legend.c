/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-legend"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "stamps/tf-stamp-library.h"
#include "stamps/tf-actor-items.h"
#include "stamps/tf-legend.h"
#include "canvas/tf-renderer.h"
#include "canvas/tf-text-fit.h"

/* The box's measures, in board units. */
#define PADDING      16.0
#define TITLE_SIZE   19.0
#define TEXT_SIZE    14.0
#define FAMILY_ROW   38.0
#define PICTO_SIZE   28.0
#define PICTO_STEP   32.0
#define MAX_PICTOS   4
#define RELATION_ROW 28.0
#define SAMPLE_WIDTH 58.0
#define GAP          12.0

static void
family_free (gpointer data)
{
  TfLegendFamily *family = data;

  g_free (family->family);
  g_ptr_array_unref (family->stamps);
  g_free (family);
}

static void
relation_free (gpointer data)
{
  TfLegendRelation *relation = data;

  g_free (relation->relation);
  g_free (relation);
}

void
tf_legend_free (TfLegend *legend)
{
  if (legend == NULL)
    return;
  g_ptr_array_unref (legend->families);
  g_ptr_array_unref (legend->relations);
  g_free (legend);
}

static int
family_rank (const char *id)
{
  for (guint i = 0; i < tf_stamp_family_get_n (); i++)
    if (g_str_equal (tf_stamp_family_get_nth (i)->id, id))
      return (int) i;
  return G_MAXINT;
}

static int
compare_families (gconstpointer a,
                  gconstpointer b)
{
  const TfLegendFamily *x = *(TfLegendFamily * const *) a;
  const TfLegendFamily *y = *(TfLegendFamily * const *) b;
  int rx = family_rank (x->family), ry = family_rank (y->family);

  return rx != ry ? (rx < ry ? -1 : 1) : strcmp (x->family, y->family);
}

static int
relation_rank (const char *id)
{
  for (guint i = 0; i < tf_relation_get_n_builtin (); i++)
    if (g_str_equal (tf_relation_get_nth (i)->id, id))
      return (int) i;
  return G_MAXINT;
}

static int
compare_relations (gconstpointer a,
                   gconstpointer b)
{
  const TfLegendRelation *x = *(TfLegendRelation * const *) a;
  const TfLegendRelation *y = *(TfLegendRelation * const *) b;
  int rx = relation_rank (x->relation), ry = relation_rank (y->relation);

  return rx != ry ? (rx < ry ? -1 : 1) : g_utf8_collate (x->relation, y->relation);
}

TfLegend *
tf_legend_compute (TfScene *scene)
{
  TfLegend *legend = g_new0 (TfLegend, 1);
  g_autoptr(GHashTable) families = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) relations = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *items;

  legend->families = g_ptr_array_new_with_free_func (family_free);
  legend->relations = g_ptr_array_new_with_free_func (relation_free);
  g_return_val_if_fail (TF_IS_SCENE (scene), legend);

  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);

      if (item->hidden || item->data == NULL)
        continue;
      if (item->kind == &tf_stamp_kind)
        {
          const TfStampData *data = item->data;
          const char *id = tf_stamp_item_get_family (item);
          TfLegendFamily *family = g_hash_table_lookup (families, id);
          gboolean seen = FALSE;

          if (family == NULL)
            {
              family = g_new0 (TfLegendFamily, 1);
              family->family = g_strdup (id);
              family->stamps = g_ptr_array_new_with_free_func (g_free);
              g_ptr_array_add (legend->families, family);
              g_hash_table_insert (families, family->family, family);
            }
          family->count++;
          legend->n_actors++;
          for (guint s = 0; s < family->stamps->len && !seen; s++)
            seen = g_str_equal (g_ptr_array_index (family->stamps, s), data->stamp);
          if (!seen && data->stamp[0] != '\0')
            g_ptr_array_add (family->stamps, g_strdup (data->stamp));
        }
      else if (item->kind == &tf_link_kind)
        {
          const TfLinkData *data = item->data;
          TfLegendRelation *relation = g_hash_table_lookup (relations, data->relation);

          if (relation == NULL)
            {
              relation = g_new0 (TfLegendRelation, 1);
              relation->relation = g_strdup (data->relation);
              g_ptr_array_add (legend->relations, relation);
              g_hash_table_insert (relations, relation->relation, relation);
            }
          relation->count++;
          legend->n_links++;
        }
    }

  g_ptr_array_sort (legend->families, compare_families);
  g_ptr_array_sort (legend->relations, compare_relations);
  return legend;
}

const TfLegendFamily *
tf_legend_find_family (const TfLegend *legend,
                       const char     *family)
{
  g_return_val_if_fail (legend != NULL, NULL);

  for (guint i = 0; i < legend->families->len; i++)
    {
      const TfLegendFamily *f = g_ptr_array_index (legend->families, i);

      if (g_strcmp0 (f->family, family) == 0)
        return f;
    }
  return NULL;
}

const TfLegendRelation *
tf_legend_find_relation (const TfLegend *legend,
                         const char     *relation)
{
  g_return_val_if_fail (legend != NULL, NULL);

  for (guint i = 0; i < legend->relations->len; i++)
    {
      const TfLegendRelation *r = g_ptr_array_index (legend->relations, i);

      if (g_strcmp0 (r->relation, relation) == 0)
        return r;
    }
  return NULL;
}

gboolean
tf_legend_is_empty (const TfLegend *legend)
{
  return legend == NULL || (legend->families->len == 0 && legend->relations->len == 0);
}

static const char *
family_name (const char *id)
{
  const TfStampFamily *family = tf_stamp_family_lookup (id);

  return family ? tf_stamp_family_get_name (family) : _("Other actors");
}

static PangoLayout *
text_layout (PangoContext *pango,
             const char   *text,
             double        size,
             gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoFontDescription *font = pango_font_description_from_string (bold ? TF_BOARD_FONT_FAMILY " Bold"
                                                                        : TF_BOARD_FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (font);
  return layout;
}

static double
text_width (PangoContext *pango,
            const char   *text,
            double        size,
            gboolean      bold)
{
  g_autoptr(PangoLayout) layout = text_layout (pango, text, size, bold);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

const char *
tf_legend_get_title (const char *title)
{
  /* The default is stored as "" (older archives and demos stored it in
   * French or English): it reads in the language of the interface. */
  if (title == NULL || title[0] == '\0' || g_str_equal (title, "Legend") || g_str_equal (title, "Légende"))
    return _("Legend");
  return title;
}

static double
pictos_width (const TfLegendFamily *family)
{
  guint n = CLAMP (family->stamps->len, 1, MAX_PICTOS);

  return PICTO_SIZE + (n - 1) * PICTO_STEP;
}

void
tf_legend_measure (const TfLegend *legend,
                   PangoContext   *pango,
                   const char     *title,
                   double         *width,
                   double         *height)
{
  double w, h;

  g_return_if_fail (legend != NULL);

  w = text_width (pango, tf_legend_get_title (title), TITLE_SIZE, TRUE);
  h = PADDING + TITLE_SIZE * 1.3;
  if (legend->families->len > 0)
    h += GAP + legend->families->len * FAMILY_ROW;
  for (guint i = 0; i < legend->families->len; i++)
    {
      const TfLegendFamily *family = g_ptr_array_index (legend->families, i);

      w = MAX (w, pictos_width (family) + GAP + text_width (pango, family_name (family->family), TEXT_SIZE, FALSE));
    }
  if (legend->relations->len > 0)
    h += GAP + legend->relations->len * RELATION_ROW;
  for (guint i = 0; i < legend->relations->len; i++)
    {
      const TfLegendRelation *relation = g_ptr_array_index (legend->relations, i);

      w = MAX (w, SAMPLE_WIDTH + GAP + text_width (pango, tf_relation_get_name (relation->relation),
                                                    TEXT_SIZE, FALSE));
    }
  *width = ceil (w + 2 * PADDING);
  *height = ceil (h + PADDING);
}

static void
show_text (cairo_t      *cr,
           PangoContext *pango,
           const char   *text,
           double        size,
           gboolean      bold,
           double        x,
           double        middle)
{
  g_autoptr(PangoLayout) layout = text_layout (pango, text, size, bold);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  cairo_move_to (cr, x, middle - logical.height / 2.0 / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
}

void
tf_legend_draw (const TfLegend *legend,
                cairo_t        *cr,
                PangoContext   *pango,
                const char     *title,
                double          x,
                double          y,
                gboolean        vector)
{
  TfStampLibrary *library = tf_stamp_library_get_default ();
  double width, height, row;

  g_return_if_fail (legend != NULL);

  tf_legend_measure (legend, pango, title, &width, &height);
  cairo_save (cr);

  /* A card of paper, a little whiter than the board. */
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - 10, y + 10, 10, -G_PI / 2, 0);
  cairo_arc (cr, x + width - 10, y + height - 10, 10, 0, G_PI / 2);
  cairo_arc (cr, x + 10, y + height - 10, 10, G_PI / 2, G_PI);
  cairo_arc (cr, x + 10, y + 10, 10, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1.0, 0.995, 0.98);
  cairo_fill_preserve (cr);
  tf_cairo_set_rgb (cr, TF_INK_RGB, 0.45);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  tf_cairo_set_rgb (cr, TF_INK_RGB, 1.0);
  show_text (cr, pango, tf_legend_get_title (title), TITLE_SIZE, TRUE, x + PADDING, y + PADDING + TITLE_SIZE * 0.65);
  row = y + PADDING + TITLE_SIZE * 1.3;

  if (legend->families->len > 0)
    row += GAP;
  for (guint i = 0; i < legend->families->len; i++, row += FAMILY_ROW)
    {
      const TfLegendFamily *family = g_ptr_array_index (legend->families, i);
      const TfStampFamily *known = tf_stamp_family_lookup (family->family);
      guint32 color = known ? known->color : 0x9a9a9a;
      double middle = row + FAMILY_ROW / 2;
      guint n = MIN (family->stamps->len, MAX_PICTOS);

      for (guint s = 0; s < MAX (n, 1); s++)
        {
          double cx = x + PADDING + PICTO_SIZE / 2 + s * PICTO_STEP;

          cairo_new_sub_path (cr);
          cairo_arc (cr, cx, middle, PICTO_SIZE / 2 + 1, 0, 2 * G_PI);
          tf_cairo_set_rgb (cr, color, s < n ? 0.30 : 0.9);
          cairo_fill (cr);
          if (s < n)
            tf_stamp_library_draw (library, g_ptr_array_index (family->stamps, s), cr,
                                   cx - PICTO_SIZE * 0.36, middle - PICTO_SIZE * 0.36, PICTO_SIZE * 0.72, vector);
        }
      tf_cairo_set_rgb (cr, TF_INK_RGB, 1.0);
      show_text (cr, pango, family_name (family->family), TEXT_SIZE, FALSE,
                 x + PADDING + pictos_width (family) + GAP, middle);
    }

  if (legend->relations->len > 0)
    {
      row += GAP;
      if (legend->families->len > 0)
        {
          cairo_move_to (cr, x + PADDING, row - GAP / 2);
          cairo_line_to (cr, x + width - PADDING, row - GAP / 2);
          tf_cairo_set_rgb (cr, TF_INK_RGB, 0.15);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }
    }
  for (guint i = 0; i < legend->relations->len; i++, row += RELATION_ROW)
    {
      const TfLegendRelation *relation = g_ptr_array_index (legend->relations, i);
      double middle = row + RELATION_ROW / 2;

      cairo_save (cr);
      tf_link_draw_line (cr, tf_relation_style_lookup (relation->relation), TF_LINK_FORWARD,
                         x + PADDING, middle, x + PADDING + SAMPLE_WIDTH, middle, 1.0);
      cairo_restore (cr);
      tf_cairo_set_rgb (cr, TF_INK_RGB, 1.0);
      show_text (cr, pango, tf_relation_get_name (relation->relation), TEXT_SIZE, FALSE,
                 x + PADDING + SAMPLE_WIDTH + GAP, middle);
    }
  cairo_restore (cr);
}
