/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-blueprint-layout"

#include <string.h>

#include "canvas/tf-text-block.h"
#include "canvas/tf-text-fit.h"
#include "tf-blueprint-kinds.h"
#include "tf-blueprint-layout.h"

/* --- Measuring a card's text ---
 *
 * With Pango, at the card's size and width, in a context of the thread
 * (fonts are per thread); the heights are kept by text, so laying out a
 * blueprint again after a step moved measures nothing. */

static GPrivate text_context = G_PRIVATE_INIT (g_object_unref);
static GMutex heights_lock;
static GHashTable *heights;   /* text (owned) → double * */

#define HEIGHTS_MAX 20000

static double
measure_text (const char *text)
{
  PangoContext *context = g_private_get (&text_context);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(TfTextBlock) block = NULL;
  PangoFontDescription *font;
  PangoRectangle logical;

  if (context == NULL)
    {
      context = tf_text_context_new ();
      g_private_set (&text_context, context);
    }
  /* Plain Latin text: the font's advances give Pango's lines (and their
   * height) at a tenth of the cost (canvas/tf-text-block.h). */
  block = tf_text_block_fit (context, text, TF_BP_CARD_WIDTH - 2 * TF_BP_CARD_PAD, G_MAXINT / 2,
                             TF_BP_CARD_TEXT_SIZE, TF_BP_CARD_TEXT_SIZE);
  if (block != NULL)
    return tf_text_block_get_height (block);
  layout = pango_layout_new (context);
  font = pango_font_description_from_string (TF_BOARD_FONT_FAMILY);
  pango_font_description_set_absolute_size (font, TF_BP_CARD_TEXT_SIZE * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) ((TF_BP_CARD_WIDTH - 2 * TF_BP_CARD_PAD) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

static double
text_height (const char *text)
{
  double *cached, height;

  if (text == NULL)
    text = "";
  g_mutex_lock (&heights_lock);
  if (heights == NULL)
    heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cached = g_hash_table_lookup (heights, text);
  height = cached != NULL ? *cached : -1;
  g_mutex_unlock (&heights_lock);
  if (height >= 0)
    return height;

  height = measure_text (text);
  g_mutex_lock (&heights_lock);
  if (g_hash_table_size (heights) >= HEIGHTS_MAX)
    g_hash_table_remove_all (heights);
  g_hash_table_replace (heights, g_strdup (text), g_memdup2 (&height, sizeof height));
  g_mutex_unlock (&heights_lock);
  return height;
}

/* The card's height from what it shows: the pictogram band, the text (a
 * little slack so that no font rounding ever cuts a line) and the badges. */
static double
card_height (const char *text,
             gboolean    head,
             gboolean    foot)
{
  double h = 2 * TF_BP_CARD_PAD + text_height (text) + 2;

  if (head)
    h += TF_BP_CARD_HEAD_HEIGHT + TF_BP_CARD_PAD / 2;
  if (foot)
    h += TF_BP_CARD_FOOT_HEIGHT + TF_BP_CARD_PAD / 2;
  return MAX (TF_BP_CARD_MIN_HEIGHT, h);
}

double
tf_bp_card_height_for_text (const char *text,
                            guint       marks)
{
  return card_height (text, FALSE, marks != 0);
}

double
tf_bp_card_height (const TfBpCard *card)
{
  gboolean head = (card->actor != NULL && card->actor[0] != '\0') ||
                  (card->department != NULL && card->department[0] != '\0');
  gboolean foot = card->marks != 0 || card->has_evidence || (card->cites != NULL && card->cites->len > 0);

  return card_height (card->text, head, foot);
}

/* --- The layout --- */

void
tf_bp_layout_free (TfBpLayout *layout)
{
  if (layout == NULL)
    return;
  g_array_unref (layout->columns);
  g_array_unref (layout->rows);
  g_array_unref (layout->stage_bands);
  g_array_unref (layout->step_headers);
  g_array_unref (layout->lane_headers);
  g_hash_table_unref (layout->cards);
  g_free (layout);
}

typedef struct {
  const TfBpCard *card;
  int             step;
  int             lane;
  double          height;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const Placed *x = a, *y = b;

  if (x->step != y->step)
    return x->step < y->step ? -1 : 1;
  if (x->lane != y->lane)
    return x->lane < y->lane ? -1 : 1;
  if (x->card->order != y->card->order)
    return x->card->order < y->card->order ? -1 : 1;
  return x->card->item_id < y->card->item_id ? -1 : x->card->item_id > y->card->item_id;
}

static GHashTable *
index_of_ids (GPtrArray *array,
              gsize      id_offset)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < array->len; i++)
    {
      const char *id = G_STRUCT_MEMBER (const char *, g_ptr_array_index (array, i), id_offset);

      if (id != NULL && !g_hash_table_contains (index, id))
        g_hash_table_insert (index, (gpointer) id, GINT_TO_POINTER (i + 1));
    }
  return index;
}

static int
lookup_index (GHashTable *index,
              const char *id)
{
  return id != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (index, id)) - 1 : -1;
}

/* Whether some step names a stage of the grid: then the stage band shows. */
static gboolean
has_stages (const TfBlueprint *bp,
            GHashTable        *stage_index)
{
  for (guint i = 0; i < bp->steps->len; i++)
    {
      const TfBpStep *step = g_ptr_array_index (bp->steps, i);

      if (lookup_index (stage_index, step->stage_id) >= 0)
        return TRUE;
    }
  return FALSE;
}

TfBpLayout *
tf_blueprint_layout (const TfBlueprint *bp)
{
  TfBpLayout *layout = g_new0 (TfBpLayout, 1);
  g_autoptr(GHashTable) step_index = index_of_ids (bp->steps, G_STRUCT_OFFSET (TfBpStep, id));
  g_autoptr(GHashTable) lane_index = index_of_ids (bp->lanes, G_STRUCT_OFFSET (TfBpLane, id));
  g_autoptr(GHashTable) stage_index = index_of_ids (bp->stages, G_STRUCT_OFFSET (TfBpStage, id));
  g_autoptr(GArray) placed = g_array_sized_new (FALSE, FALSE, sizeof (Placed), bp->cards->len);
  guint n_steps = bp->steps->len, n_lanes = bp->lanes->len;
  g_autofree double *fill = g_new0 (double, (gsize) MAX (1u, n_steps * n_lanes));
  g_autofree double *lane_height = g_new0 (double, MAX (1u, n_lanes));
  double stage_h, rows_top, right, y;

  layout->columns = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), n_steps);
  layout->rows = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), n_lanes);
  layout->stage_bands = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), bp->stages->len);
  layout->step_headers = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), n_steps);
  layout->lane_headers = g_array_sized_new (FALSE, FALSE, sizeof (TfRect), n_lanes);
  layout->cards = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  /* The cards of visible lanes, by cell and order; those whose step or
   * lane is not in the grid go to the first cell. */
  for (guint i = 0; i < bp->cards->len; i++)
    {
      const TfBpCard *card = g_ptr_array_index (bp->cards, i);
      Placed p = { card, lookup_index (step_index, card->step_id), lookup_index (lane_index, card->lane_id), 0 };

      if (n_steps == 0 || n_lanes == 0)
        break;
      if (p.step < 0 || p.lane < 0)
        p.step = p.lane = 0;
      if (((const TfBpLane *) g_ptr_array_index (bp->lanes, p.lane))->hidden)
        continue;
      p.height = tf_bp_card_height (card);
      g_array_append_val (placed, p);
    }
  g_array_sort (placed, compare_placed);

  /* How much each cell holds; each lane is as tall as its fullest cell. */
  for (guint i = 0; i < placed->len; i++)
    {
      const Placed *p = &g_array_index (placed, Placed, i);

      fill[p->step * n_lanes + p->lane] += p->height + TF_BP_GAP;
    }
  for (guint l = 0; l < n_lanes; l++)
    {
      const TfBpLane *lane = g_ptr_array_index (bp->lanes, l);
      double h = TF_BP_LANE_MIN_HEIGHT;

      if (lane->hidden)
        continue;
      for (guint s = 0; s < n_steps; s++)
        h = MAX (h, fill[s * n_lanes + l] + TF_BP_GAP);
      lane_height[l] = h;
    }

  stage_h = has_stages (bp, stage_index) ? TF_BP_STAGE_HEIGHT : 0;
  rows_top = stage_h + TF_BP_STEP_HEIGHT;
  right = TF_BP_HEADER_WIDTH + n_steps * TF_BP_COLUMN_WIDTH;

  y = rows_top;
  for (guint l = 0; l < n_lanes; l++)
    {
      TfRect row = TF_RECT_INIT (TF_BP_HEADER_WIDTH, y, right - TF_BP_HEADER_WIDTH, lane_height[l]);
      TfRect header = TF_RECT_INIT (0, y, TF_BP_HEADER_WIDTH, lane_height[l]);

      g_array_append_val (layout->rows, row);
      g_array_append_val (layout->lane_headers, header);
      y += lane_height[l];
    }
  for (guint s = 0; s < n_steps; s++)
    {
      double x = TF_BP_HEADER_WIDTH + s * TF_BP_COLUMN_WIDTH;
      TfRect column = TF_RECT_INIT (x, rows_top, TF_BP_COLUMN_WIDTH, y - rows_top);
      TfRect header = TF_RECT_INIT (x, stage_h, TF_BP_COLUMN_WIDTH, TF_BP_STEP_HEIGHT);

      g_array_append_val (layout->columns, column);
      g_array_append_val (layout->step_headers, header);
    }
  for (guint k = 0; k < bp->stages->len; k++)
    {
      const TfBpStage *stage = g_ptr_array_index (bp->stages, k);
      double x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE;
      TfRect band = TF_RECT_INIT (0, 0, 0, 0);

      for (guint s = 0; s < n_steps; s++)
        {
          const TfBpStep *step = g_ptr_array_index (bp->steps, s);

          if (step->stage_id == NULL || g_strcmp0 (step->stage_id, stage->id) != 0)
            continue;
          x0 = MIN (x0, TF_BP_HEADER_WIDTH + s * TF_BP_COLUMN_WIDTH);
          x1 = MAX (x1, TF_BP_HEADER_WIDTH + (s + 1) * TF_BP_COLUMN_WIDTH);
        }
      if (x1 > x0)
        band = TF_RECT_INIT (x0, 0, x1 - x0, TF_BP_STAGE_HEIGHT);
      g_array_append_val (layout->stage_bands, band);
    }
  layout->bounds = TF_RECT_INIT (0, 0, right, y);

  for (int line = 0; line < TF_BP_N_LINES; line++)
    {
      TfBpLaneRole role = line == TF_BP_LINE_INTERACTION ? TF_BP_LANE_CUSTOMER
                        : line == TF_BP_LINE_VISIBILITY ? TF_BP_LANE_FRONTSTAGE
                        : TF_BP_LANE_BACKSTAGE;

      layout->line_y[line] = -1;
      for (guint l = 0; l < n_lanes; l++)
        {
          const TfBpLane *lane = g_ptr_array_index (bp->lanes, l);
          const TfRect *row = &g_array_index (layout->rows, TfRect, l);

          if (lane->role != role)
            continue;
          if (!lane->hidden)
            layout->line_y[line] = row->y + row->height;
          break;
        }
    }

  /* The cards stack from the top of their cell, centred in its width. */
  memset (fill, 0, sizeof (double) * MAX (1u, n_steps * n_lanes));
  for (guint i = 0; i < placed->len; i++)
    {
      const Placed *p = &g_array_index (placed, Placed, i);
      const TfRect *row = &g_array_index (layout->rows, TfRect, p->lane);
      double *at = &fill[p->step * n_lanes + p->lane];
      TfRect rect = TF_RECT_INIT (TF_BP_HEADER_WIDTH + p->step * TF_BP_COLUMN_WIDTH
                                  + (TF_BP_COLUMN_WIDTH - TF_BP_CARD_WIDTH) / 2,
                                  row->y + TF_BP_GAP + *at, TF_BP_CARD_WIDTH, p->height);

      *at += p->height + TF_BP_GAP;
      g_hash_table_insert (layout->cards, g_memdup2 (&p->card->item_id, sizeof (gint64)),
                           g_memdup2 (&rect, sizeof rect));
    }
  return layout;
}

gboolean
tf_bp_layout_cell_at (const TfBpLayout  *layout,
                      const TfBlueprint *bp,
                      double             x,
                      double             y,
                      int               *step_index,
                      int               *lane_index)
{
  int step = -1, lane = -1;

  for (guint s = 0; s < layout->columns->len && step < 0; s++)
    {
      const TfRect *c = &g_array_index (layout->columns, TfRect, s);

      if (x >= c->x && x < c->x + c->width)
        step = (int) s;
    }
  for (guint l = 0; l < layout->rows->len && lane < 0; l++)
    {
      const TfRect *r = &g_array_index (layout->rows, TfRect, l);
      const TfBpLane *data = l < bp->lanes->len ? g_ptr_array_index (bp->lanes, l) : NULL;

      if (data != NULL && data->hidden)
        continue;
      if (y >= r->y && y < r->y + r->height)
        lane = (int) l;
    }
  if (step < 0 || lane < 0)
    return FALSE;
  if (step_index != NULL)
    *step_index = step;
  if (lane_index != NULL)
    *lane_index = lane;
  return TRUE;
}

TfRect
tf_bp_layout_cell (const TfBpLayout *layout,
                   int               step_index,
                   int               lane_index)
{
  const TfRect *c, *r;

  if (step_index < 0 || lane_index < 0 || (guint) step_index >= layout->columns->len ||
      (guint) lane_index >= layout->rows->len)
    return TF_RECT_INIT (0, 0, 0, 0);
  c = &g_array_index (layout->columns, TfRect, step_index);
  r = &g_array_index (layout->rows, TfRect, lane_index);
  return TF_RECT_INIT (c->x, r->y, c->width, r->height);
}
