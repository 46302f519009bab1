/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-items"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-renderer.h"
#include "core/tf-content.h"
#include "core/tf-item-rows.h"
#include "tf-mockup-follow.h"
#include "tf-mockup-items.h"

/* A free arrow over the photo, from a point to another: a thick stroke in
 * the accent colour on a white halo (legible on any photo), its head at
 * "to". The bounds hold both ends with a margin for the head. */

/* Board units: the stroke, the head's length, and the margin around the
 * ends in the bounds. */
#define LINE   8.0
#define HEAD  36.0
#define MARGIN 32.0

typedef struct {
  double x1, y1, x2, y2;     /* relative to the bounds' top-left */
} Arrow;

static gboolean
read_point (JsonObject *o,
            const char *member,
            double     *x,
            double     *y)
{
  JsonNode *node = json_object_get_member (o, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != 2)
    return FALSE;
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      double v;

      if (!JSON_NODE_HOLDS_VALUE (e) ||
          (json_node_get_value_type (e) != G_TYPE_INT64 && json_node_get_value_type (e) != G_TYPE_DOUBLE))
        return FALSE;
      v = json_node_get_double (e);
      if (!isfinite (v))
        return FALSE;
      *(i == 0 ? x : y) = CLAMP (v, -TF_CONTENT_MAX_SIZE, TF_CONTENT_MAX_SIZE);
    }
  return TRUE;
}

static gpointer
arrow_parse (const TfItem *item)
{
  g_autoptr(JsonNode) root = tf_item_parse_json (item->payload);
  Arrow *arrow = g_new0 (Arrow, 1);
  JsonObject *o = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

  /* Missing ends: across the bounds, left to right. */
  if (o == NULL || !read_point (o, "from", &arrow->x1, &arrow->y1) || !read_point (o, "to", &arrow->x2, &arrow->y2))
    *arrow = (Arrow) { 0, item->bounds.height / 2, item->bounds.width, item->bounds.height / 2 };
  return arrow;
}

gboolean
tf_mk_arrow_item_ends (const TfItem *item,
                       double       *x1,
                       double       *y1,
                       double       *x2,
                       double       *y2)
{
  const Arrow *arrow;

  if (item == NULL || item->kind != &tf_mk_arrow_kind || item->data == NULL)
    return FALSE;
  arrow = item->data;
  *x1 = item->bounds.x + arrow->x1;
  *y1 = item->bounds.y + arrow->y1;
  *x2 = item->bounds.x + arrow->x2;
  *y2 = item->bounds.y + arrow->y2;
  return TRUE;
}

static void
arrow_path (cairo_t *cr,
            double   x1,
            double   y1,
            double   x2,
            double   y2,
            double   head)
{
  double len = hypot (x2 - x1, y2 - y1);
  double ux = (x2 - x1) / len, uy = (y2 - y1) / len;
  double bx = x2 - ux * head, by = y2 - uy * head;

  /* The shaft stops inside the head, whose tip is sharp. */
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, bx + ux * head * 0.3, by + uy * head * 0.3);
  cairo_move_to (cr, x2, y2);
  cairo_line_to (cr, bx - uy * head * 0.55, by + ux * head * 0.55);
  cairo_line_to (cr, bx + ux * head * 0.2, by + uy * head * 0.2);
  cairo_line_to (cr, bx + uy * head * 0.55, by - ux * head * 0.55);
  cairo_close_path (cr);
}

static void
arrow_draw (const TfItem    *item,
            cairo_t         *cr,
            TfRenderContext *ctx)
{
  double x1, y1, x2, y2, len, head, line;

  if (!tf_mk_arrow_item_ends (item, &x1, &y1, &x2, &y2))
    return;
  len = hypot (x2 - x1, y2 - y1);
  if (len < 1e-6)
    return;
  head = MIN (HEAD, len * 0.6);
  line = MIN (LINE, head / 3);
  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* The halo, then the arrow. */
  arrow_path (cr, x1, y1, x2, y2, head);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, line * 2.2);
  cairo_stroke (cr);
  arrow_path (cr, x1, y1, x2, y2, head);
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1);
  cairo_set_line_width (cr, line);
  cairo_stroke_preserve (cr);
  /* Only the head fills: its closed sub-path. */
  cairo_new_path (cr);
  {
    double ux = (x2 - x1) / len, uy = (y2 - y1) / len;
    double bx = x2 - ux * head, by = y2 - uy * head;

    cairo_move_to (cr, x2, y2);
    cairo_line_to (cr, bx - uy * head * 0.55, by + ux * head * 0.55);
    cairo_line_to (cr, bx + ux * head * 0.2, by + uy * head * 0.2);
    cairo_line_to (cr, bx + uy * head * 0.55, by - ux * head * 0.55);
    cairo_close_path (cr);
    cairo_fill (cr);
  }
  cairo_restore (cr);
}

/* From a board point to the shaft. */
static double
arrow_distance (const TfItem *item,
                TfScene      *scene,
                double        x,
                double        y)
{
  double x1, y1, x2, y2, dx, dy, t, len2;

  if (!tf_mk_arrow_item_ends (item, &x1, &y1, &x2, &y2))
    return G_MAXDOUBLE;
  dx = x2 - x1;
  dy = y2 - y1;
  len2 = dx * dx + dy * dy;
  t = len2 > 0 ? CLAMP (((x - x1) * dx + (y - y1) * dy) / len2, 0, 1) : 0;
  return MAX (0.0, hypot (x - (x1 + t * dx), y - (y1 + t * dy)) - LINE);
}

/* What the commands call these items: "Move an arrow". */
static char *
mk_arrow_name (guint count)
{
  if (count == 1)
    return g_strdup (_("an arrow"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u arrow", "%u arrows", count), count);
}

/* A board's summary counts them (tf_item_kinds_count_line()). */
static char *
mk_arrow_count (guint count)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u arrow", "%u arrows", count), count);
}

const TfItemKind tf_mk_arrow_kind = {
  .id = TF_MK_ARROW_KIND,
  .layer = TF_LAYER_THINGS,
  .parse = arrow_parse,
  .free_data = g_free,
  .draw = arrow_draw,
  .roles = TF_ITEM_ROLE_CONTENT,
  .pick_rank = TF_ITEM_PICK_THING,
  .distance = arrow_distance,
  .handles = TF_ITEM_HANDLES_NONE,
  .min_width = 1,
  .min_height = 1,
  .name = mk_arrow_name,
  .count = mk_arrow_count,
};

char *
tf_mk_arrow_payload (double  x1,
                     double  y1,
                     double  x2,
                     double  y2,
                     TfRect *bounds)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  *bounds = TF_RECT_INIT (MIN (x1, x2) - MARGIN, MIN (y1, y2) - MARGIN,
                          fabs (x2 - x1) + 2 * MARGIN, fabs (y2 - y1) + 2 * MARGIN);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, x1 - bounds->x);
  json_builder_add_double_value (builder, y1 - bounds->y);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "to");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, x2 - bounds->x);
  json_builder_add_double_value (builder, y2 - bounds->y);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* --- Commands --- */

typedef struct {
  TfCommand *inner;
  gint64     id;
  double     x1, y1, x2, y2;
} AddArgs;

static void
add_args_free (gpointer data)
{
  AddArgs *args = data;

  g_clear_object (&args->inner);
  g_free (args);
}

/* The item commands settle the board themselves (the type's hook). */
static gboolean
run_add (TfCommand  *command,
         TfStore    *store,
         GError    **error)
{
  AddArgs *args = tf_command_get_data (command);
  const gint64 *ids;
  guint n_ids = 0;

  if (!tf_command_run_within (args->inner, store, error))
    return FALSE;
  ids = tf_item_command_get_ids (args->inner, &n_ids);
  tf_command_set_result_id (command, n_ids > 0 ? ids[0] : 0);
  return TRUE;
}

static TfCommand *
add_one (gint64           board_id,
         const TfNewItem *item,
         const char      *label)
{
  AddArgs *args = g_new0 (AddArgs, 1);

  args->inner = tf_command_add_items (board_id, item, 1, label);
  return tf_command_new (label, run_add, args, add_args_free);
}

TfCommand *
tf_mk_command_add_note (gint64      board_id,
                        double      x,
                        double      y,
                        const char *text)
{
  TfNewItem item = {
    .kind = TF_MK_NOTE_KIND,
    .bounds = TF_RECT_INIT (x - TF_MK_NOTE_SIDE / 2, y - TF_MK_NOTE_SIDE / 2, TF_MK_NOTE_SIDE, TF_MK_NOTE_SIDE),
    .text = text != NULL ? text : "",
  };

  return add_one (board_id, &item, _("Add a post-it note"));
}

TfCommand *
tf_mk_command_add_label (gint64      board_id,
                         double      x,
                         double      y,
                         const char *text)
{
  TfNewItem item = {
    .kind = TF_MK_LABEL_KIND,
    .bounds = TF_RECT_INIT (x, y, 360, 80),
    .text = text != NULL ? text : "",
  };

  return add_one (board_id, &item, _("Add a label"));
}

TfCommand *
tf_mk_command_add_arrow (gint64 board_id,
                         double x1,
                         double y1,
                         double x2,
                         double y2)
{
  TfNewItem item = { .kind = TF_MK_ARROW_KIND };
  g_autofree char *payload = tf_mk_arrow_payload (x1, y1, x2, y2, &item.bounds);

  item.payload = payload;
  return add_one (board_id, &item, _("Draw an arrow"));
}

static gboolean
set_arrow (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  AddArgs *args = tf_command_get_data (command);
  g_autofree char *ends = NULL;
  g_autoptr(JsonNode) old = NULL, fresh = NULL;
  g_autofree char *payload = NULL;
  TfItemRow row = { 0 };
  TfRect b;
  gboolean changed;
  gint64 board;

  if (!tf_item_rows_read (store, args->id, &row) || g_strcmp0 (row.kind, TF_MK_ARROW_KIND) != 0)
    {
      tf_item_row_clear (&row);
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("This arrow is no longer on the board"));
      return FALSE;
    }
  board = row.board_id;
  ends = tf_mk_arrow_payload (args->x1, args->y1, args->x2, args->y2, &b);
  /* The other keys stay (where it was on its photo). */
  old = tf_item_parse_json (row.payload);
  fresh = tf_item_parse_json (ends);
  tf_item_row_clear (&row);
  if (old != NULL && JSON_NODE_HOLDS_OBJECT (old) && fresh != NULL)
    {
      JsonObject *o = json_node_get_object (old), *f = json_node_get_object (fresh);

      json_object_set_member (o, "from", json_node_copy (json_object_get_member (f, "from")));
      json_object_set_member (o, "to", json_node_copy (json_object_get_member (f, "to")));
      payload = json_to_string (old, FALSE);
    }
  else
    payload = g_steal_pointer (&ends);
  if (!tf_content_check_coord (b.x) || !tf_content_check_coord (b.y) ||
      !tf_content_check_size (b.width) || !tf_content_check_size (b.height))
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, _("The arrow would leave the board"));
      return FALSE;
    }
  return tf_item_rows_set_bounds (store, args->id, b.x, b.y, b.width, b.height, &changed, error) &&
         tf_item_rows_set_payload (store, args->id, payload, &changed, error) &&
         tf_store_touch_item (store, args->id, NULL, error) &&
         tf_mockup_settle (store, board, error);
}

TfCommand *
tf_mk_command_set_arrow (gint64 id,
                         double x1,
                         double y1,
                         double x2,
                         double y2)
{
  AddArgs *args = g_new0 (AddArgs, 1);

  args->id = id;
  args->x1 = x1;
  args->y1 = y1;
  args->x2 = x2;
  args->y2 = y2;
  return tf_command_new (_("Move an arrow's end"), set_arrow, args, add_args_free);
}
