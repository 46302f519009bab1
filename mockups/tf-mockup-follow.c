/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-follow"

#include <math.h>

#include "core/tf-content.h"
#include "core/tf-item-rows.h"
#include "canvas/tf-item.h"
#include "canvas/tf-text-fit.h"
#include "tf-mockup-follow.h"
#include "tf-mockup-items.h"
#include "tf-mockup-model.h"

/* Two positions closer than this (board units) are the same. */
#define SAME 1e-6

#define N_ON 13

typedef struct {
  gint64 id;
  TfRect bounds;
  TfRect crop;
  int    z;
} Photo;

static gboolean
same (double a,
      double b)
{
  return fabs (a - b) <= SAME * MAX (1.0, MAX (fabs (a), fabs (b)));
}

static gboolean
same_rect (const TfRect *a,
           const TfRect *b)
{
  return same (a->x, b->x) && same (a->y, b->y) && same (a->width, b->width) && same (a->height, b->height);
}

static gboolean
is (const TfItemRow *row,
    const char      *kind)
{
  return g_strcmp0 (row->kind, kind) == 0;
}

/* The kinds whose photo their payload names. */
static gboolean
names_its_photo (const TfItemRow *row)
{
  return is (row, TF_MK_PLACE_KIND) || is (row, TF_MK_CALLOUT_KIND) ||
         is (row, TF_MK_BUBBLE_KIND) || is (row, TF_MK_BLUR_KIND);
}

/* The kinds that cover part of the photo, scaled with it; the others keep
 * their size and only their centre follows. */
static gboolean
scales (const TfItemRow *row)
{
  return is (row, TF_MK_PLACE_KIND) || is (row, TF_MK_BLUR_KIND) || is (row, TF_MK_ARROW_KIND);
}

static const Photo *
find_photo (GArray *photos,
            gint64  id)
{
  for (guint i = 0; i < photos->len; i++)
    if (g_array_index (photos, Photo, i).id == id)
      return &g_array_index (photos, Photo, i);
  return NULL;
}

/* The topmost photo under a board point. */
static const Photo *
photo_under (GArray *photos,
             double  x,
             double  y)
{
  const Photo *best = NULL;

  for (guint i = 0; i < photos->len; i++)
    {
      const Photo *p = &g_array_index (photos, Photo, i);

      if (!tf_rect_contains_point (&p->bounds, x, y))
        continue;
      if (best == NULL || p->z > best->z || (p->z == best->z && p->id > best->id))
        best = p;
    }
  return best;
}

/* The numbers of array @member, FALSE when it is not @n finite numbers. */
static gboolean
get_numbers (JsonObject *o,
             const char *member,
             double     *out,
             guint       n)
{
  JsonNode *node = json_object_get_member (o, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (e) ||
          (json_node_get_value_type (e) != G_TYPE_INT64 && json_node_get_value_type (e) != G_TYPE_DOUBLE))
        return FALSE;
      out[i] = json_node_get_double (e);
      if (!isfinite (out[i]))
        return FALSE;
    }
  return TRUE;
}

static void
set_numbers (JsonObject   *o,
             const char   *member,
             const double *values,
             guint         n)
{
  JsonArray *array = json_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    json_array_add_double_element (array, values[i]);
  json_object_set_array_member (o, member, array);
}

/* Where a photo shows a board point after it moved from @from to @to (its
 * bounds and crop): the same pixel of the photo. */
static void
map_point (const Photo *from,
           const Photo *to,
           double       x,
           double       y,
           double      *ox,
           double      *oy)
{
  double u = from->crop.x + (x - from->bounds.x) / from->bounds.width * from->crop.width;
  double v = from->crop.y + (y - from->bounds.y) / from->bounds.height * from->crop.height;

  *ox = to->bounds.x + (u - to->crop.x) / to->crop.width * to->bounds.width;
  *oy = to->bounds.y + (v - to->crop.y) / to->crop.height * to->bounds.height;
}

static double
clamp_coord (double v)
{
  return isfinite (v) ? CLAMP (v, -TF_CONTENT_MAX_COORD, TF_CONTENT_MAX_COORD) : 0;
}

/* Scales the point arrays of the payload relative to the bounds. */
static void
scale_member (JsonObject *o,
              const char *member,
              guint       n,
              double      sx,
              double      sy)
{
  double v[8];

  if (n > G_N_ELEMENTS (v) || !get_numbers (o, member, v, n))
    return;
  for (guint i = 0; i < n; i++)
    v[i] = clamp_coord (v[i] * (i % 2 == 0 ? sx : sy));
  set_numbers (o, member, v, n);
}

/* Moves @row as photo @from became @to; @o is its payload, changed in
 * place. */
static TfRect
carry (const TfItemRow *row,
       JsonObject      *o,
       const Photo     *from,
       const Photo     *to)
{
  const TfRect *b = &(TfRect) { row->x, row->y, row->width, row->height };
  double sx = to->bounds.width / to->crop.width * from->crop.width / from->bounds.width;
  double sy = to->bounds.height / to->crop.height * from->crop.height / from->bounds.height;
  double x0, y0, x1, y1, cx, cy;
  gboolean scaled = !same (sx, 1.0) || !same (sy, 1.0);

  if (scales (row))
    {
      map_point (from, to, b->x, b->y, &x0, &y0);
      map_point (from, to, b->x + b->width, b->y + b->height, &x1, &y1);
      if (scaled)
        {
          scale_member (o, "corners", 8, sx, sy);
          scale_member (o, "from", 2, sx, sy);
          scale_member (o, "to", 2, sx, sy);
        }
      return (TfRect) { x0, y0, MAX (x1 - x0, 1.0), MAX (y1 - y0, 1.0) };
    }

  map_point (from, to, b->x + b->width / 2, b->y + b->height / 2, &cx, &cy);
  x0 = cx - b->width / 2;
  y0 = cy - b->height / 2;
  if (scaled && is (row, TF_MK_BUBBLE_KIND))
    {
      /* The tail still points at the same thing. */
      double tail[2];

      if (get_numbers (o, "tail", tail, 2))
        {
          map_point (from, to, b->x + tail[0], b->y + tail[1], &tail[0], &tail[1]);
          tail[0] = clamp_coord (tail[0] - x0);
          tail[1] = clamp_coord (tail[1] - y0);
          set_numbers (o, "tail", tail, 2);
        }
    }
  return (TfRect) { x0, y0, b->width, b->height };
}

static void
record (JsonObject   *o,
        const TfRect *bounds,
        const Photo  *photo)
{
  double on[N_ON] = { photo != NULL ? (double) photo->id : 0,
                      bounds->x, bounds->y, bounds->width, bounds->height };

  if (photo != NULL)
    {
      on[5] = photo->bounds.x;
      on[6] = photo->bounds.y;
      on[7] = photo->bounds.width;
      on[8] = photo->bounds.height;
      on[9] = photo->crop.x;
      on[10] = photo->crop.y;
      on[11] = photo->crop.width;
      on[12] = photo->crop.height;
    }
  set_numbers (o, TF_MK_ON_KEY, on, N_ON);
}

/* Settles one item; @photos are the board's. */
static gboolean
settle_item (TfStore          *store,
             const TfItemRow  *row,
             GArray           *photos,
             GError          **error)
{
  g_autoptr(JsonNode) root = tf_item_parse_json (row->payload);
  g_autofree char *payload = NULL;
  TfRect bounds = { row->x, row->y, row->width, row->height };
  TfRect was;
  double on[N_ON];
  const Photo *photo = NULL;
  Photo before;
  JsonObject *o;
  gboolean known, moved_itself, changed;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;
  o = json_node_get_object (root);
  known = get_numbers (o, TF_MK_ON_KEY, on, N_ON);
  was = (TfRect) { on[1], on[2], on[3], on[4] };
  moved_itself = !known || !same_rect (&was, &bounds);

  if (names_its_photo (row))
    photo = find_photo (photos, tf_content_json_int (o, "photo", 0));
  else if (moved_itself || (photo = find_photo (photos, (gint64) on[0])) == NULL)
    photo = photo_under (photos, bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);

  if (!moved_itself && photo != NULL && (gint64) on[0] == photo->id)
    {
      before = (Photo) { photo->id, { on[5], on[6], on[7], on[8] }, { on[9], on[10], on[11], on[12] }, 0 };
      if (same_rect (&before.bounds, &photo->bounds) && same_rect (&before.crop, &photo->crop))
        return TRUE;   /* neither moved */
      if (before.bounds.width > 0 && before.bounds.height > 0 && before.crop.width > 0 && before.crop.height > 0)
        {
          bounds = carry (row, o, &before, photo);
          bounds.x = clamp_coord (bounds.x);
          bounds.y = clamp_coord (bounds.y);
          bounds.width = MIN (bounds.width, TF_CONTENT_MAX_SIZE);
          bounds.height = MIN (bounds.height, TF_CONTENT_MAX_SIZE);
          if (!tf_item_rows_set_bounds (store, row->id, bounds.x, bounds.y, bounds.width, bounds.height,
                                        &changed, error))
            return FALSE;
          if (changed && !tf_store_touch_item (store, row->id, NULL, error))
            return FALSE;
        }
    }
  else if (known && !moved_itself && photo == NULL && on[0] == 0)
    return TRUE;       /* on no photo, and still there */

  record (o, &bounds, photo);
  payload = json_to_string (root, FALSE);
  return tf_item_rows_set_payload (store, row->id, payload, &changed, error);
}

/* --- A text label's box fits its text --- */

typedef struct {
  char   *text;
  double  size;
} LabelText;

static gboolean
read_label_text (sqlite3_stmt *stmt,
                 gpointer      user_data)
{
  LabelText *label = user_data;
  const char *text = (const char *) sqlite3_column_text (stmt, 9);
  g_autoptr(JsonNode) style = tf_item_parse_json ((const char *) sqlite3_column_text (stmt, 10));

  label->text = g_strdup (text != NULL ? text : "");
  /* As the label kind reads it (canvas/tf-label-kind.c). */
  label->size = 36.0;
  if (style != NULL && JSON_NODE_HOLDS_OBJECT (style))
    label->size = CLAMP (tf_content_json_double (json_node_get_object (style), "font_size", 36.0), 8.0, 400.0);
  return FALSE;
}

/* A label's box is fitted to its text each time its text changes (made
 * in a post-it-sized box by typing on the photo, or 360 × 80 by the
 * command): its lines as the label kind draws them at its size, with a
 * little room right and below. A title of a few words stays on one line:
 * it wraps at LABEL_WRAP_EMS times its size, or at the right edge of the
 * photo under it when that is nearer (never under LABEL_WRAP_MIN), so it
 * is no wider than its photo; its lines are then balanced (the narrowest
 * width keeping their number: "…du kit, / version B", never "…du kit,
 * version / B"). Between two changes of its text it keeps
 * the size it is given (narrowed to wrap). The text's hash fitted last is
 * kept in the payload; @row's bounds and payload follow. */
#define LABEL_PAD      6.0
#define LABEL_WRAP_EMS 32.0
#define LABEL_WRAP_MIN 240.0
/* "mk_fit" held the hash of texts fitted by the rule before (wrapped at
 * 600 units): those labels are fitted again, once. */
#define LABEL_FIT_KEY "mk_fit2"
#define LABEL_OLD_FIT_KEY "mk_fit"

static double
label_wrap (const TfItemRow *row,
            GArray          *photos,
            double           size)
{
  const Photo *photo = photo_under (photos, row->x + MIN (row->width, 10.0), row->y + MIN (row->height, 10.0));
  double wrap = LABEL_WRAP_EMS * size;

  if (photo != NULL)
    wrap = MIN (wrap, photo->bounds.x + photo->bounds.width - row->x - LABEL_PAD);
  return MAX (wrap, LABEL_WRAP_MIN);
}

static gboolean
fit_label (TfStore    *store,
           TfItemRow  *row,
           GArray     *photos,
           GError    **error)
{
  LabelText label = { NULL, 0 };
  g_autoptr(JsonNode) root = NULL;
  gboolean found = FALSE, changed = FALSE, ok = TRUE;
  JsonObject *o;
  gint64 hash;

  root = tf_item_parse_json (row->payload);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;
  o = json_node_get_object (root);
  if (!tf_item_rows_read_full (store, row->board_id, row->id, read_label_text, &label, &found, error))
    return FALSE;
  hash = found ? (gint64) g_str_hash (label.text) : 0;
  if (found && label.text[0] != '\0' &&
      (!json_object_has_member (o, LABEL_FIT_KEY) || tf_content_json_int (o, LABEL_FIT_KEY, 0) != hash))
    {
      PangoContext *context = tf_text_context_new ();
      /* Its lines balanced: as many as the wrap gives, as even as can be. */
      double wrap = tf_text_balance_width (context, label.text, label_wrap (row, photos, label.size),
                                           TF_CONTENT_MAX_SIZE, label.size, MIN (label.size, 12.0), TRUE);
      PangoLayout *layout = tf_text_fit (context, label.text, wrap, TF_CONTENT_MAX_SIZE, label.size,
                                         MIN (label.size, 12.0), TRUE, NULL);
      g_autofree char *payload = NULL;
      PangoRectangle logical;
      double width, height;

      pango_layout_get_extents (layout, NULL, &logical);
      g_object_unref (layout);
      g_object_unref (context);
      width = ceil (logical.width / (double) PANGO_SCALE + LABEL_PAD);
      height = ceil (logical.height / (double) PANGO_SCALE + LABEL_PAD);
      json_object_set_int_member (o, LABEL_FIT_KEY, hash);
      if (json_object_has_member (o, LABEL_OLD_FIT_KEY))
        json_object_remove_member (o, LABEL_OLD_FIT_KEY);
      payload = json_to_string (root, FALSE);
      ok = tf_item_rows_set_bounds (store, row->id, row->x, row->y, width, height, &changed, error) &&
           (!changed || tf_store_touch_item (store, row->id, NULL, error)) &&
           tf_item_rows_set_payload (store, row->id, payload, NULL, error);
      if (ok)
        {
          row->width = width;
          row->height = height;
          g_free (row->payload);
          row->payload = g_steal_pointer (&payload);
        }
    }
  g_free (label.text);
  return ok;
}

gboolean
tf_mockup_settle (TfStore  *store,
                  gint64    board_id,
                  GError  **error)
{
  g_autoptr(GArray) rows = tf_item_row_array_new ();
  g_autoptr(GArray) photos = g_array_new (FALSE, FALSE, sizeof (Photo));

  if (!tf_item_rows_list (store, board_id, NULL, rows, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const TfItemRow *row = &g_array_index (rows, TfItemRow, i);
      g_autoptr(JsonObject) payload = NULL;
      TfMkPhoto data;
      Photo photo;

      if (!is (row, TF_MK_PHOTO_KIND) || row->width <= 0 || row->height <= 0)
        continue;
      payload = tf_mk_parse_payload (row->payload);
      tf_mk_photo_read (&data, payload);
      photo = (Photo) { row->id, { row->x, row->y, row->width, row->height }, data.crop, row->z };
      tf_mk_photo_clear (&data);
      g_array_append_val (photos, photo);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      TfItemRow *row = &g_array_index (rows, TfItemRow, i);

      if (is (row, TF_MK_PHOTO_KIND))
        continue;
      if (is (row, TF_MK_LABEL_KIND) && !fit_label (store, row, photos, error))
        return FALSE;
      if (!settle_item (store, row, photos, error))
        return FALSE;
    }
  return TRUE;
}

/* --- Settling after the wing's own commands --- */

typedef struct {
  TfCommand *inner;
  gint64     board_id;
} Settled;

static void
settled_free (gpointer data)
{
  Settled *s = data;

  g_object_unref (s->inner);
  g_free (s);
}

static gboolean
run_settled (TfCommand  *command,
             TfStore    *store,
             GError    **error)
{
  Settled *s = tf_command_get_data (command);

  if (!tf_command_run_within (s->inner, store, error))
    return FALSE;
  /* A generic command names its items as it runs. */
  tf_command_set_label (command, tf_command_get_label (s->inner));
  tf_command_set_result_id (command, tf_command_get_result_id (s->inner));
  return tf_mockup_settle (store, s->board_id, error);
}

TfCommand *
tf_mk_command_settled (TfCommand *inner,
                       gint64     board_id)
{
  Settled *s;

  g_return_val_if_fail (TF_IS_COMMAND (inner), NULL);

  s = g_new0 (Settled, 1);
  s->inner = g_object_ref (inner);
  s->board_id = board_id;
  return tf_command_new (tf_command_get_label (inner), run_settled, s, settled_free);
}
