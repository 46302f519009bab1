/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-blueprint-kinds"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "canvas/tf-renderer.h"
#include "canvas/tf-text-fit.h"
#include "core/tf-content.h"
#include "stamps/tf-stamp-library.h"
#include "stamps/tf-stamp.h"
#include "tf-blueprint-kinds.h"
#include "tf-blueprint-layout.h"
#include "tf-blueprint-model.h"

/* Colours of the wall: paper, ink and one accent (canvas/tf-renderer.h),
 * with quiet greys for the structure and three signal colours for the
 * markers. */
#define CARD_PAPER_RGB   0xFFFEFA
#define CARD_EDGE_RGB    0xD6D0C2
#define ROW_LIGHT_RGB    0xFCFBF7
#define ROW_DARK_RGB     0xF4F1E9
#define HEADER_RGB       0xE9E5DA
#define RULE_RGB         0xD3CDBF
#define FAIL_RGB         0xB8322A
#define WAIT_RGB         0xB7791F
#define PAIN_RGB         0x8E4585
#define OPPORTUNITY_RGB  0x2E7D4F
#define MUTED_RGB        0x6E695E

#define STEP_TITLE_SIZE  18.0
#define STEP_NOTE_SIZE   14.0
#define STAGE_TITLE_SIZE 20.0
#define LANE_TITLE_SIZE  19.0
#define LINE_LABEL_SIZE  13.0
#define DEPARTMENT_SIZE  13.0
#define BADGE_TEXT_SIZE  13.0

static JsonObject *
object_of (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return object_of (node);
}

static GArray *
numbers_of (JsonArray *array)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      double value = 0;

      if (JSON_NODE_HOLDS_VALUE (node) &&
          (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64))
        value = json_node_get_double (node);
      if (!isfinite (value))
        value = 0;
      g_array_append_val (numbers, value);
    }
  return numbers;
}

/* A layout of @text at @size in @width (board units), wrapped, not cut. */
static PangoLayout *
text_layout (PangoContext *pango,
             const char   *text,
             double        size,
             double        width,
             const char   *face,
             int           max_lines)
{
  PangoLayout *layout = pango_layout_new (pango);
  g_autofree char *family = g_strconcat (TF_BOARD_FONT_FAMILY, face ? " " : "", face ? face : "", NULL);
  PangoFontDescription *font = pango_font_description_from_string (family);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (MAX (1.0, width) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (max_lines > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
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

static void
show_text (cairo_t      *cr,
           PangoContext *pango,
           const char   *text,
           double        x,
           double        y,
           double        size,
           double        width,
           const char   *face,
           int           max_lines,
           guint32       rgb,
           double        alpha)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (text == NULL || text[0] == '\0')
    return;
  layout = text_layout (pango, text, size, width, face, max_lines);
  tf_cairo_set_rgb (cr, rgb, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Whether text of @size would be read at the context's scale. */
static gboolean
legible (TfRenderContext *ctx,
         double           size)
{
  return ctx->print || size * ctx->scale >= 3.5;
}

/* --- The grid --- */

typedef struct {
  char *id;
  char *title;
  char *stage;
  char *duration;
} GridStep;

typedef struct {
  TfBpLaneRole role;
  char        *title;
  gboolean     hidden;
} GridLane;

typedef struct {
  GPtrArray *steps;     /* GridStep * */
  GPtrArray *lanes;     /* GridLane * */
  GPtrArray *stages;    /* GridStep * (id, title) */
  GArray    *cols;      /* double: column edges */
  GArray    *rows;      /* double: row edges */
  double     top;
  gboolean   has_top;
} GridData;

static void
grid_step_free (gpointer data)
{
  GridStep *step = data;

  g_free (step->id);
  g_free (step->title);
  g_free (step->stage);
  g_free (step->duration);
  g_free (step);
}

static void
grid_lane_free (gpointer data)
{
  GridLane *lane = data;

  g_free (lane->title);
  g_free (lane);
}

static void
grid_free_data (gpointer data)
{
  GridData *grid = data;

  g_ptr_array_unref (grid->steps);
  g_ptr_array_unref (grid->lanes);
  g_ptr_array_unref (grid->stages);
  g_array_unref (grid->cols);
  g_array_unref (grid->rows);
  g_free (grid);
}

static gpointer
grid_parse (const TfItem *item)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  JsonObject *p = object_of (payload);
  JsonObject *geometry = object_member (p, "geometry");
  GridData *grid = g_new0 (GridData, 1);
  JsonArray *array;

  grid->steps = g_ptr_array_new_with_free_func (grid_step_free);
  grid->lanes = g_ptr_array_new_with_free_func (grid_lane_free);
  grid->stages = g_ptr_array_new_with_free_func (grid_step_free);

  array = array_member (p, "steps");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = object_of (json_array_get_element (array, i));
      GridStep *step = g_new0 (GridStep, 1);

      step->id = g_strdup (tf_content_json_string (o, "id", ""));
      step->title = g_strdup (tf_content_json_string (o, "title", ""));
      step->stage = g_strdup (tf_content_json_string (o, "stage", ""));
      step->duration = g_strdup (tf_content_json_string (o, "duration", ""));
      g_ptr_array_add (grid->steps, step);
    }
  array = array_member (p, "stages");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = object_of (json_array_get_element (array, i));
      GridStep *stage = g_new0 (GridStep, 1);

      stage->id = g_strdup (tf_content_json_string (o, "id", ""));
      stage->title = g_strdup (tf_content_json_string (o, "title", ""));
      g_ptr_array_add (grid->stages, stage);
    }
  array = array_member (p, "lanes");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = object_of (json_array_get_element (array, i));
      GridLane *lane = g_new0 (GridLane, 1);

      lane->role = tf_bp_lane_role_from_string (tf_content_json_string (o, "role", "custom"));
      lane->title = g_strdup (tf_content_json_string (o, "title", ""));
      lane->hidden = tf_content_json_boolean (o, "hidden", FALSE);
      g_ptr_array_add (grid->lanes, lane);
    }
  grid->cols = numbers_of (array_member (geometry, "cols"));
  grid->rows = numbers_of (array_member (geometry, "rows"));
  grid->has_top = geometry != NULL && json_object_has_member (geometry, "top");
  grid->top = tf_content_json_double (geometry, "top", item->bounds.y);
  return grid;
}

gboolean
tf_bp_grid_item_get_geometry (const TfItem  *item,
                              GArray       **cols,
                              GArray       **rows)
{
  const GridData *grid = item->data;

  if (item->kind != &tf_bp_grid_kind || grid == NULL || grid->cols->len == 0 || grid->rows->len == 0)
    return FALSE;
  *cols = grid->cols;
  *rows = grid->rows;
  return TRUE;
}

static const char *
grid_lane_title (const GridLane *lane)
{
  TfBpLane tmp = { NULL, lane->role, lane->title, lane->hidden };

  return tf_bp_lane_title (&tmp);
}

/* The stage of the step at @i, NULL for none. */
static const GridStep *
grid_stage_of (const GridData *grid,
               guint           i)
{
  const GridStep *step = g_ptr_array_index (grid->steps, i);

  if (step->stage == NULL || step->stage[0] == '\0')
    return NULL;
  for (guint k = 0; k < grid->stages->len; k++)
    {
      const GridStep *stage = g_ptr_array_index (grid->stages, k);

      if (g_strcmp0 (stage->id, step->stage) == 0)
        return stage;
    }
  return NULL;
}

static gboolean
meets (const double clip[4],
       double       x0,
       double       y0,
       double       x1,
       double       y1)
{
  return x1 >= clip[0] && x0 <= clip[2] && y1 >= clip[1] && y0 <= clip[3];
}

/* A small clock: a ring and two hands, centred at (@cx, @cy). */
static void
clock_path (cairo_t *cr,
            double   cx,
            double   cy,
            double   r,
            double   width)
{
  cairo_set_line_width (cr, width);
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_move_to (cr, cx, cy - r * 0.6);
  cairo_line_to (cr, cx, cy);
  cairo_line_to (cr, cx + r * 0.45, cy + r * 0.3);
}

static void
grid_draw (const TfItem    *item,
           cairo_t         *cr,
           TfRenderContext *ctx)
{
  const GridData *grid = item->data;
  const TfRect *b = &item->bounds;
  guint n_steps, n_lanes;
  double left, right, top, bottom, rows_top, head_top, clip[4];
  gboolean has_stages = FALSE;
  static const double dash[] = { 10.0, 7.0 };

  if (grid == NULL)
    return;
  n_steps = grid->steps->len;
  n_lanes = grid->lanes->len;
  /* Before the first settle there is no geometry: draw nothing rather
   * than guess. */
  if (grid->cols->len != n_steps + 1 || grid->rows->len != n_lanes + 1)
    return;

  cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);
  left = b->x;
  right = g_array_index (grid->cols, double, n_steps);
  top = grid->has_top ? grid->top : b->y;
  rows_top = g_array_index (grid->rows, double, 0);
  bottom = g_array_index (grid->rows, double, n_lanes);
  for (guint i = 0; i < n_steps && !has_stages; i++)
    has_stages = grid_stage_of (grid, i) != NULL;
  head_top = top + (has_stages ? TF_BP_STAGE_HEIGHT : 0);

  cairo_save (cr);

  /* The rows: alternate light paper, the lane headers on a darker strip. */
  for (guint l = 0; l < n_lanes; l++)
    {
      double y0 = g_array_index (grid->rows, double, l);
      double y1 = g_array_index (grid->rows, double, l + 1);

      if (y1 - y0 < 0.5 || !meets (clip, left, y0, right, y1))
        continue;
      tf_cairo_set_rgb (cr, l % 2 == 0 ? ROW_LIGHT_RGB : ROW_DARK_RGB, 1.0);
      cairo_rectangle (cr, g_array_index (grid->cols, double, 0), y0,
                       right - g_array_index (grid->cols, double, 0), y1 - y0);
      cairo_fill (cr);
      tf_cairo_set_rgb (cr, HEADER_RGB, 1.0);
      cairo_rectangle (cr, left, y0, g_array_index (grid->cols, double, 0) - left, y1 - y0);
      cairo_fill (cr);
    }

  /* The step headers' band. */
  tf_cairo_set_rgb (cr, HEADER_RGB, 1.0);
  cairo_rectangle (cr, g_array_index (grid->cols, double, 0), head_top,
                   right - g_array_index (grid->cols, double, 0), rows_top - head_top);
  cairo_fill (cr);

  /* The light cell grid: columns, then rows. */
  tf_cairo_set_rgb (cr, RULE_RGB, 1.0);
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i <= n_steps; i++)
    {
      double x = g_array_index (grid->cols, double, i);

      cairo_move_to (cr, x, head_top);
      cairo_line_to (cr, x, bottom);
    }
  for (guint l = 0; l <= n_lanes; l++)
    {
      double y = g_array_index (grid->rows, double, l);

      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
    }
  cairo_stroke (cr);

  /* Stage bands over their steps (consecutive steps of one stage). */
  for (guint i = 0; i < n_steps;)
    {
      const GridStep *stage = grid_stage_of (grid, i);
      guint j = i + 1;
      double x0, x1;

      while (j < n_steps && stage != NULL && grid_stage_of (grid, j) == stage)
        j++;
      if (stage != NULL)
        {
          x0 = g_array_index (grid->cols, double, i) + 6;
          x1 = g_array_index (grid->cols, double, j) - 6;
          if (meets (clip, x0, top, x1, head_top))
            {
              tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.13);
              cairo_rectangle (cr, x0, top + 8, x1 - x0, TF_BP_STAGE_HEIGHT - 16);
              cairo_fill (cr);
              tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
              cairo_rectangle (cr, x0, top + 8, 5, TF_BP_STAGE_HEIGHT - 16);
              cairo_fill (cr);
              if (legible (ctx, STAGE_TITLE_SIZE))
                show_text (cr, ctx->pango, stage->title, x0 + 18, top + TF_BP_STAGE_HEIGHT / 2 - STAGE_TITLE_SIZE * 0.62,
                           STAGE_TITLE_SIZE, x1 - x0 - 30, "Bold", 1, TF_ACCENT_RGB, 1.0);
            }
        }
      i = j;
    }

  /* Step headers: number, title (two lines at most), duration. */
  for (guint i = 0; i < n_steps; i++)
    {
      const GridStep *step = g_ptr_array_index (grid->steps, i);
      double x0 = g_array_index (grid->cols, double, i);
      double x1 = g_array_index (grid->cols, double, i + 1);
      double w = x1 - x0 - 32;
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      if (!meets (clip, x0, head_top, x1, rows_top) || !legible (ctx, STEP_NOTE_SIZE))
        continue;
      {
        /* The step's number in a small accent disc, its title beside it. */
        g_autoptr(PangoLayout) digits = text_layout (ctx->pango, number, STEP_NOTE_SIZE, 60, "Bold", 1);
        double dw = layout_width (digits), dh = layout_height (digits);
        double r = MAX (dh, dw + 8) / 2 + 1;
        double cx = x0 + 16 + r, cy = head_top + 14 + STEP_TITLE_SIZE * 0.62;

        tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
        cairo_new_sub_path (cr);
        cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
        cairo_fill (cr);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_move_to (cr, cx - dw / 2, cy - dh / 2);
        pango_cairo_show_layout (cr, digits);
        show_text (cr, ctx->pango, step->title[0] ? step->title : _("Untitled step"), x0 + 16 + 2 * r + 8,
                   head_top + 14, STEP_TITLE_SIZE, w - 2 * r - 8, step->title[0] ? "Bold" : "Italic", 2,
                   TF_INK_RGB, step->title[0] ? 1.0 : 0.45);
      }
      if (step->duration[0] != '\0')
        {
          double cy = rows_top - 16;

          tf_cairo_set_rgb (cr, MUTED_RGB, 1.0);
          clock_path (cr, x0 + 23, cy, 6.5, 1.6);
          cairo_stroke (cr);
          show_text (cr, ctx->pango, step->duration, x0 + 36, cy - STEP_NOTE_SIZE * 0.62, STEP_NOTE_SIZE,
                     w - 20, "Italic", 1, MUTED_RGB, 1.0);
        }
    }

  /* Lane headers: the title, wrapped, from the top of the row. */
  for (guint l = 0; l < n_lanes; l++)
    {
      const GridLane *lane = g_ptr_array_index (grid->lanes, l);
      double y0 = g_array_index (grid->rows, double, l);
      double y1 = g_array_index (grid->rows, double, l + 1);
      double w = g_array_index (grid->cols, double, 0) - left;

      if (y1 - y0 < 0.5 || !meets (clip, left, y0, left + w, y1) || !legible (ctx, LANE_TITLE_SIZE))
        continue;
      show_text (cr, ctx->pango, grid_lane_title (lane), left + 20, y0 + 18, LANE_TITLE_SIZE, w - 36,
                 "Bold", 3, TF_INK_RGB, 1.0);
    }

  /* The three lines, dashed, each under its lane and labelled above it at
   * the left of the cells. */
  for (int line = 0; line < TF_BP_N_LINES; line++)
    {
      TfBpLaneRole role = line == TF_BP_LINE_INTERACTION ? TF_BP_LANE_CUSTOMER
                        : line == TF_BP_LINE_VISIBILITY ? TF_BP_LANE_FRONTSTAGE
                        : TF_BP_LANE_BACKSTAGE;
      double y = -1;

      /* The first lane of the role, as the layout's line_y. */
      for (guint l = 0; l < n_lanes; l++)
        {
          const GridLane *lane = g_ptr_array_index (grid->lanes, l);

          if (lane->role != role)
            continue;
          if (!lane->hidden)
            y = g_array_index (grid->rows, double, l + 1);
          break;
        }
      if (y < 0 || !meets (clip, left, y - 30, right, y + 4))
        continue;
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.9);
      cairo_set_line_width (cr, 2.5);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (legible (ctx, LINE_LABEL_SIZE))
        show_text (cr, ctx->pango, tf_bp_line_label (line), left + 20, y - LINE_LABEL_SIZE * 1.55,
                   LINE_LABEL_SIZE, g_array_index (grid->cols, double, 0) - left - 28, "Bold Italic", 1,
                   TF_ACCENT_RGB, 1.0);
    }

  /* A firm outer edge. */
  tf_cairo_set_rgb (cr, RULE_RGB, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_rectangle (cr, left, head_top, right - left, bottom - head_top);
  cairo_stroke (cr);

  cairo_restore (cr);
}

/* Pressing on the grid never takes hold of it: the cells are the board. */
static gboolean
grid_grips (const TfItem *item,
            double        x,
            double        y,
            double        slop)
{
  (void) item;
  (void) x;
  (void) y;
  (void) slop;
  return FALSE;
}

/* What the commands call these items: "Move a blueprint grid". */
static char *
bp_grid_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a blueprint grid"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u blueprint grid", "%u blueprint grids", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
bp_grid_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u blueprint grid", "%u blueprint grids", count), count);
}

const TfItemKind tf_bp_grid_kind = {
  .id = TF_BP_GRID_KIND,
  .layer = TF_LAYER_ZONES,
  .parse = grid_parse,
  .free_data = grid_free_data,
  .draw = grid_draw,
  .roles = TF_ITEM_ROLE_DERIVED,
  .pick_rank = TF_ITEM_PICK_POOL - 1,
  .handles = TF_ITEM_HANDLES_NONE,
  .grips = grid_grips,
  .name = bp_grid_name,
  .count = bp_grid_count,
};

/* --- The card --- */

typedef struct {
  TfBpCard    *card;       /* what the payload says */
  const char  *step;       /* borrowed from @card */
  const char  *lane;
  int          order;
  const char  *actor;
  const char  *department;
  const char  *wait;
  guint        marks;
  gboolean     evidence;
  guint        n_cites;
  gboolean     off;
  PangoContext *pango;     /* the cached layout's context; compared only */
  double        width;
  PangoLayout  *layout;
} CardData;

static void
card_free_data (gpointer data)
{
  CardData *card = data;

  tf_bp_card_free (card->card);
  g_clear_object (&card->layout);
  g_free (card);
}

static gpointer
card_parse (const TfItem *item)
{
  g_autoptr(JsonNode) payload = tf_item_parse_json (item->payload);
  JsonObject *p = object_of (payload);
  CardData *card = g_new0 (CardData, 1);
  TfBpCard *model = tf_bp_card_from_item (item, p);

  card->card = model;
  card->step = model->step_id;
  card->lane = model->lane_id;
  card->order = model->order;
  card->actor = model->actor;
  card->department = model->department;
  card->wait = model->wait_duration;
  card->marks = model->marks;
  card->evidence = model->has_evidence;
  card->n_cites = model->cites != NULL ? model->cites->len : 0;
  card->off = tf_content_json_boolean (p, "off", FALSE);
  return card;
}

const TfBpCard *
tf_bp_card_item_get_card (const TfItem *item)
{
  const CardData *card = item->data;

  if (item->kind != &tf_bp_card_kind || card == NULL)
    return NULL;
  return card->card;
}

gboolean
tf_bp_card_item_get_place (const TfItem  *item,
                           const char   **step_id,
                           const char   **lane_id,
                           int           *order,
                           gboolean      *off)
{
  const CardData *card = item->data;

  if (item->kind != &tf_bp_card_kind || card == NULL)
    return FALSE;
  *step_id = card->step;
  *lane_id = card->lane;
  *order = card->order;
  *off = card->off;
  return TRUE;
}

static gboolean
card_is_hidden (const TfItem *item)
{
  const CardData *card = item->data;

  return card != NULL && card->off;
}

static gboolean
card_has_head (const CardData *card)
{
  return card != NULL && (card->actor[0] != '\0' || card->department[0] != '\0');
}

static gboolean
card_has_foot (const CardData *card)
{
  return card != NULL && (card->marks != 0 || card->evidence || card->n_cites > 0);
}

/* The text's box: under the pictogram band, above the badges. */
static TfRect
card_text_box (const TfItem *item)
{
  const CardData *card = item->data;
  const TfRect *b = &item->bounds;
  double top = b->y + TF_BP_CARD_PAD + (card_has_head (card) ? TF_BP_CARD_HEAD_HEIGHT + TF_BP_CARD_PAD / 2 : 0);
  double bottom = b->y + b->height - TF_BP_CARD_PAD - (card_has_foot (card) ? TF_BP_CARD_FOOT_HEIGHT + TF_BP_CARD_PAD / 2 : 0);

  return TF_RECT_INIT (b->x + TF_BP_CARD_PAD, top, MAX (1.0, b->width - 2 * TF_BP_CARD_PAD), MAX (1.0, bottom - top));
}

static gboolean
card_text_region (const TfItem *item,
                  TfRect       *region)
{
  *region = card_text_box (item);
  return TRUE;
}

static PangoLayout *
card_layout (const TfItem    *item,
             TfRenderContext *ctx,
             double           width)
{
  CardData *card = item->data;

  if (card->layout != NULL && card->pango == ctx->pango && card->width == width)
    return card->layout;
  g_clear_object (&card->layout);
  card->pango = ctx->pango;
  card->width = width;
  card->layout = text_layout (ctx->pango, item->text, TF_BP_CARD_TEXT_SIZE, width, NULL, 0);
  return card->layout;
}

/* A badge: a disc of @rgb, its glyph drawn by the caller in white. */
static void
badge_disc (cairo_t *cr,
            double   cx,
            double   cy,
            double   r,
            guint32  rgb)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  tf_cairo_set_rgb (cr, rgb, 1.0);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
}

static double
draw_badges (const TfItem    *item,
             cairo_t         *cr,
             TfRenderContext *ctx,
             double           x,
             double           cy)
{
  const CardData *card = item->data;
  double r = TF_BP_CARD_FOOT_HEIGHT / 2 - 1;
  double right = item->bounds.x + item->bounds.width - TF_BP_CARD_PAD;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (card->marks & TF_BP_MARK_FAIL)
    {
      /* A fail point: a red disc with an exclamation mark. */
      badge_disc (cr, x + r, cy, r, FAIL_RGB);
      cairo_set_line_width (cr, 3.2);
      cairo_move_to (cr, x + r, cy - r * 0.52);
      cairo_line_to (cr, x + r, cy + r * 0.12);
      cairo_stroke (cr);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + r, cy + r * 0.5, 1.9, 0, 2 * G_PI);
      cairo_fill (cr);
      x += 2 * r + 6;
    }
  if (card->marks & TF_BP_MARK_WAIT)
    {
      /* A wait point: a clock, and its duration when there is room. */
      badge_disc (cr, x + r, cy, r, WAIT_RGB);
      clock_path (cr, x + r, cy, r * 0.62, 2.0);
      cairo_stroke (cr);
      x += 2 * r + 4;
      if (card->wait[0] != '\0' && legible (ctx, BADGE_TEXT_SIZE))
        {
          g_autoptr(PangoLayout) layout = text_layout (ctx->pango, card->wait, BADGE_TEXT_SIZE,
                                                       MAX (20.0, MIN (90.0, right - x - 40)), "Bold", 1);

          tf_cairo_set_rgb (cr, WAIT_RGB, 1.0);
          cairo_move_to (cr, x, cy - layout_height (layout) / 2);
          pango_cairo_show_layout (cr, layout);
          x += layout_width (layout) + 8;
        }
      else
        x += 2;
    }
  if (card->marks & TF_BP_MARK_PAIN)
    {
      /* A pain point: a frowning face. */
      badge_disc (cr, x + r, cy, r, PAIN_RGB);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + r - r * 0.36, cy - r * 0.22, 1.8, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + r + r * 0.36, cy - r * 0.22, 1.8, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_line_width (cr, 2.0);
      cairo_arc (cr, x + r, cy + r * 0.62, r * 0.38, 1.15 * G_PI, 1.85 * G_PI);
      cairo_stroke (cr);
      x += 2 * r + 6;
    }
  if (card->marks & TF_BP_MARK_OPPORTUNITY)
    {
      /* An opportunity: a four-pointed spark. */
      double s = r * 0.62;

      badge_disc (cr, x + r, cy, r, OPPORTUNITY_RGB);
      cairo_move_to (cr, x + r, cy - s);
      cairo_curve_to (cr, x + r + s * 0.15, cy - s * 0.15, x + r + s * 0.15, cy - s * 0.15, x + r + s, cy);
      cairo_curve_to (cr, x + r + s * 0.15, cy + s * 0.15, x + r + s * 0.15, cy + s * 0.15, x + r, cy + s);
      cairo_curve_to (cr, x + r - s * 0.15, cy + s * 0.15, x + r - s * 0.15, cy + s * 0.15, x + r - s, cy);
      cairo_curve_to (cr, x + r - s * 0.15, cy - s * 0.15, x + r - s * 0.15, cy - s * 0.15, x + r, cy - s);
      cairo_fill (cr);
      x += 2 * r + 6;
    }
  if (card->evidence)
    {
      /* The evidence: a photo's frame, a mountain and a sun (a placeholder
       * until the picture itself is drawn). */
      double w = 2 * r + 6, h = 2 * r - 4, y0 = cy - h / 2;

      tf_cairo_set_rgb (cr, MUTED_RGB, 1.0);
      cairo_set_line_width (cr, 1.6);
      cairo_rectangle (cr, x + 0.8, y0, w - 1.6, h);
      cairo_stroke (cr);
      cairo_move_to (cr, x + 3, y0 + h - 2);
      cairo_line_to (cr, x + w * 0.4, y0 + h * 0.38);
      cairo_line_to (cr, x + w * 0.62, y0 + h * 0.68);
      cairo_line_to (cr, x + w * 0.74, y0 + h * 0.52);
      cairo_line_to (cr, x + w - 3, y0 + h - 2);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x + w * 0.75, y0 + h * 0.28, 2.2, 0, 2 * G_PI);
      cairo_fill (cr);
      x += w + 6;
    }
  if (card->n_cites > 0 && legible (ctx, BADGE_TEXT_SIZE))
    {
      /* The insights it cites: a quotation mark and their count, at the
       * right. */
      g_autofree char *count = g_strdup_printf ("\u201C %u", card->n_cites);
      g_autoptr(PangoLayout) layout = text_layout (ctx->pango, count, BADGE_TEXT_SIZE + 1, 80, "Bold", 1);
      double w = layout_width (layout) + 14;
      double x0 = MAX (x, right - w);

      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.12);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x0 + r * 0.8, cy, r * 0.8, G_PI / 2, 3 * G_PI / 2);
      cairo_arc (cr, x0 + w - r * 0.8, cy, r * 0.8, 3 * G_PI / 2, G_PI / 2);
      cairo_close_path (cr);
      cairo_fill (cr);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
      cairo_move_to (cr, x0 + 7, cy - layout_height (layout) / 2);
      pango_cairo_show_layout (cr, layout);
      x = x0 + w;
    }
  cairo_restore (cr);
  return x;
}

/* A card on the wall: white paper with a soft shadow on screen, its
 * actor's pictogram and department on top, the text at one size (the
 * card grows to hold it: nothing is cut), the markers as small badges at
 * the bottom. */
static void
card_draw (const TfItem    *item,
           cairo_t         *cr,
           TfRenderContext *ctx)
{
  const CardData *card = item->data;
  const TfRect *b = &item->bounds;
  TfRect box;

  if (!ctx->print && TF_BP_CARD_TEXT_SIZE * ctx->scale >= 6.0)
    {
      cairo_rectangle (cr, b->x + 1.5, b->y + 3.5, b->width, b->height);
      cairo_set_source_rgba (cr, 0.18, 0.14, 0.08, 0.09);
      cairo_fill (cr);
    }
  cairo_rectangle (cr, b->x, b->y, b->width, b->height);
  tf_cairo_set_rgb (cr, CARD_PAPER_RGB, 1.0);
  cairo_fill_preserve (cr);
  tf_cairo_set_rgb (cr, CARD_EDGE_RGB, 1.0);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  if (card == NULL)
    return;
  if (card->marks & TF_BP_MARK_FAIL)
    {
      /* A fail point shows from afar too: a red edge on the left. */
      tf_cairo_set_rgb (cr, FAIL_RGB, 1.0);
      cairo_rectangle (cr, b->x, b->y, 4, b->height);
      cairo_fill (cr);
    }

  /* Details by the size the text has on screen, not by the card's side
   * (the renderer's levels are tuned for square notes): a card shows whole
   * as long as its text can be read. */
  if (!ctx->print && TF_BP_CARD_TEXT_SIZE * ctx->scale < 2.0)
    return;
  if (!ctx->print && TF_BP_CARD_TEXT_SIZE * ctx->scale < 6.0)
    {
      PangoLayout *line = tf_render_context_line (ctx, item, b->width - 2 * TF_BP_CARD_PAD,
                                                  TF_BP_CARD_TEXT_SIZE * 1.3, FALSE);

      tf_cairo_set_rgb (cr, TF_INK_RGB, 1.0);
      cairo_move_to (cr, b->x + TF_BP_CARD_PAD, b->y + TF_BP_CARD_PAD);
      pango_cairo_show_layout (cr, line);
      return;
    }

  if (card_has_head (card))
    {
      double x = b->x + TF_BP_CARD_PAD, y = b->y + TF_BP_CARD_PAD;
      double side = TF_BP_CARD_HEAD_HEIGHT;

      g_autoptr(TfStamp) stamp = card->actor[0] != '\0'
                                 ? tf_stamp_library_lookup (tf_stamp_library_get_default (), card->actor) : NULL;

      /* An actor this library does not know (another archive's stamp):
       * no pictogram rather than an empty disc. */
      if (stamp != NULL)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, x + side / 2, y + side / 2, side / 2, 0, 2 * G_PI);
          tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.10);
          cairo_fill (cr);
          tf_stamp_library_draw (tf_stamp_library_get_default (), card->actor, cr,
                                 x + side * 0.14, y + side * 0.14, side * 0.72, ctx->print);
          x += side + 8;
        }
      if (card->department[0] != '\0' && legible (ctx, DEPARTMENT_SIZE))
        {
          g_autoptr(PangoLayout) layout = text_layout (ctx->pango, card->department, DEPARTMENT_SIZE,
                                                       b->x + b->width - TF_BP_CARD_PAD - x, "Semi-Bold", 2);

          tf_cairo_set_rgb (cr, MUTED_RGB, 1.0);
          cairo_move_to (cr, x, y + (side - layout_height (layout)) / 2);
          pango_cairo_show_layout (cr, layout);
        }
    }

  box = card_text_box (item);
  if (item->text[0] != '\0')
    {
      tf_cairo_set_rgb (cr, TF_INK_RGB, 1.0);
      cairo_move_to (cr, box.x, box.y);
      pango_cairo_show_layout (cr, card_layout (item, ctx, box.width));
    }

  if (card_has_foot (card))
    draw_badges (item, cr, ctx, b->x + TF_BP_CARD_PAD,
                 b->y + b->height - TF_BP_CARD_PAD - TF_BP_CARD_FOOT_HEIGHT / 2);
}

/* The smallest text card_draw() draws in full detail: the card's text, or
 * its department's name in the head. The blueprint's layout gives each
 * card the height its text takes at its one size, so "room" rendering
 * (@min_size) changes nothing here: the room check says what is too small. */
static double
card_text_size (const TfItem  *item,
                PangoContext  *context,
                double         min_size,
                gboolean      *cut)
{
  const CardData *card = item->data;

  *cut = FALSE;
  if (item->text == NULL || item->text[0] == '\0')
    return 0;
  if (card_has_head (card) && card->department[0] != '\0')
    return MIN (TF_BP_CARD_TEXT_SIZE, DEPARTMENT_SIZE);
  return TF_BP_CARD_TEXT_SIZE;
}

/* A card lies in its cell: it is moved (to another cell), never resized. */
/* What the commands call these items: "Move a card". */
static char *
bp_card_name (guint count)
{
  if (count == 1)
    return g_strdup (_("a card"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
bp_card_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card", "%u cards", count), count);
}

const TfItemKind tf_bp_card_kind = {
  .id = TF_BP_CARD_KIND,
  .layer = TF_LAYER_THINGS,
  .parse = card_parse,
  .free_data = card_free_data,
  .draw = card_draw,
  /* No flat colour: the renderer's levels go by the item's shorter side,
   * tuned for square notes, and would draw a short card blank beside a
   * tall one showing its text; the card picks its own details by the size
   * its text has on screen (card_draw). */
  .is_hidden = card_is_hidden,
  .roles = TF_ITEM_ROLE_CONTENT,
  .pick_rank = TF_ITEM_PICK_THING,
  .handles = TF_ITEM_HANDLES_NONE,
  .min_width = TF_BP_CARD_WIDTH,
  .min_height = TF_BP_CARD_MIN_HEIGHT,
  .square = FALSE,
  .text_region = card_text_region,
  .text_size = card_text_size,
  .name = bp_card_name,
  .count = bp_card_count,
};
