/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An axis-aligned rectangle in board units (1 unit = 1 px at 100 % zoom). */
typedef struct {
  double x;
  double y;
  double width;
  double height;
} TfRect;

#define TF_RECT_INIT(x, y, w, h) ((TfRect) { (x), (y), (w), (h) })

static inline gboolean
tf_rect_is_empty (const TfRect *r)
{
  return r->width <= 0 || r->height <= 0;
}

static inline gboolean
tf_rect_intersects (const TfRect *a,
                    const TfRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static inline gboolean
tf_rect_contains_point (const TfRect *r,
                        double        x,
                        double        y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

static inline gboolean
tf_rect_contains_rect (const TfRect *outer,
                       const TfRect *inner)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

/* The smallest rectangle holding both; an empty rectangle is ignored. */
static inline TfRect
tf_rect_union (const TfRect *a,
               const TfRect *b)
{
  double x0, y0, x1, y1;

  if (tf_rect_is_empty (a))
    return *b;
  if (tf_rect_is_empty (b))
    return *a;
  x0 = MIN (a->x, b->x);
  y0 = MIN (a->y, b->y);
  x1 = MAX (a->x + a->width, b->x + b->width);
  y1 = MAX (a->y + a->height, b->y + b->height);
  return TF_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
}

/* The part of @a inside @b, in @out; FALSE (and @out untouched) when they
 * do not overlap. */
static inline gboolean
tf_rect_intersection (const TfRect *a,
                      const TfRect *b,
                      TfRect       *out)
{
  double x0 = MAX (a->x, b->x), y0 = MAX (a->y, b->y);
  double x1 = MIN (a->x + a->width, b->x + b->width), y1 = MIN (a->y + a->height, b->y + b->height);

  if (x1 <= x0 || y1 <= y0)
    return FALSE;
  *out = TF_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
  return TRUE;
}

G_END_DECLS
