/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The items of actor maps: stamped actors, links between items, pools
 * around a group of actors. Their parsed data, the relation types with their
 * line styles, and the geometry shared by the kinds, the legend and the
 * layouts. */

#include "canvas/tf-scene.h"

G_BEGIN_DECLS

/* The actor map's kinds, each in its own file. */
extern const TfItemKind tf_stamp_kind;  /* an actor stamped on a map */
extern const TfItemKind tf_link_kind;   /* a relation between two items */
extern const TfItemKind tf_pool_kind;   /* a named hull around a group of actors */
extern const TfItemKind tf_legend_kind; /* the legend of an actor map, drawn from the board */

/* An actor's default size in board units: the disc with its pictogram, and
 * room for two lines of label under it. */
#define TF_STAMP_ITEM_WIDTH   130.0
#define TF_STAMP_ITEM_HEIGHT  190.0
/* The share of the disc the pictogram fills. */
#define TF_STAMP_PICTOGRAM_RATIO 0.66
/* The free text an actor map holds besides its actors (the board type's
 * kinds, tf-actor-map.c): what typing writes there with nothing selected. */
#define TF_ACTOR_LABEL_KIND "label"

/* Parsed payload of a "stamp" item: {"stamp": id, "role": …, "notes": …,
 * "ring": 1|2|3}; its label is the item's text. The pictogram's family and
 * colour come from the stamp library when needed, so a user stamp loaded
 * after the board still shows in its colour. */
typedef struct {
  char     *stamp;      /* the pictogram's id, "" when none */
  char     *role;
  char     *notes;
  int       ring;       /* 0 when not set */
  gpointer  role_cache; /* the kind's: the role's layout */
} TfStampData;

typedef enum {
  TF_LINK_FORWARD,    /* from source to target */
  TF_LINK_BOTH,
  TF_LINK_NONE,
} TfLinkDirection;

/* Parsed payload of a "link" item: {"source": id, "target": id,
 * "relation": …, "direction": "forward|both|none", "label": …}. */
typedef struct {
  gint64           source;
  gint64           target;
  char            *relation;   /* "information", … or the user's own word */
  TfLinkDirection  direction;
  char            *label;
} TfLinkData;

/* Parsed payload and style of a "pool" item: {"members": [ids]} and
 * {"color": "#rrggbb"}; its name is the item's text. */
typedef struct {
  GArray  *members;   /* gint64 */
  guint32  color;
} TfPoolData;

/* How a relation type is drawn. A relation the user defines is drawn in the
 * style of "custom" under its own name. */
typedef struct {
  const char   *id;
  const char   *name;        /* N_(): translate with tf_relation_get_name() */
  guint32       color;
  double        width;       /* board units */
  const double *dash;        /* NULL for a solid line */
  int           n_dash;
  gboolean      double_line; /* two parallel strokes (money) */
  gboolean      bar;         /* a bar across the source end (hierarchy) */
} TfRelationStyle;

#define TF_RELATION_CUSTOM "custom"

guint                  tf_relation_get_n_builtin (void);
const TfRelationStyle *tf_relation_get_nth       (guint          index);
/* The style of @relation; the custom style for any word that is not built in. */
const TfRelationStyle *tf_relation_style_lookup  (const char    *relation);
gboolean               tf_relation_is_builtin    (const char    *relation);
/* The translated name of a built-in relation, or @relation itself. */
const char            *tf_relation_get_name      (const char    *relation);
const char            *tf_link_direction_to_id   (TfLinkDirection direction);
TfLinkDirection        tf_link_direction_from_id (const char    *id);

/* Where an actor is for links: a disc for a stamp (with the block of its
 * label under it, which links stop at too), its rectangle otherwise. */
typedef struct {
  double   cx;
  double   cy;
  double   radius;    /* of the disc, 0 for a rectangle */
  TfRect   rect;      /* the item's rectangle, or a stamp's label block */
} TfAnchor;

void      tf_actor_item_get_anchor    (const TfItem *item,
                                       TfAnchor     *anchor);
/* What a screen reader says of an actor, a link, a pool
 * (TfItemKind.describe, tf-actor-describe.c). */
char     *tf_stamp_item_describe      (const TfItem *item,
                                       TfScene      *scene) G_GNUC_WARN_UNUSED_RESULT;
char     *tf_link_item_describe       (const TfItem *item,
                                       TfScene      *scene) G_GNUC_WARN_UNUSED_RESULT;
char     *tf_pool_item_describe       (const TfItem *item,
                                       TfScene      *scene) G_GNUC_WARN_UNUSED_RESULT;
/* The disc behind a stamp's pictogram, within @bounds. */
void      tf_stamp_item_get_disc      (const TfRect *bounds,
                                       double       *cx,
                                       double       *cy,
                                       double       *radius);
/* The two drawn ends of a link, from the border of its source to the border
 * of its target, as they are in @scene now. FALSE when an end is missing or
 * the two items overlap so that there is no line to draw. */
gboolean  tf_link_item_get_ends       (const TfItem *link,
                                       TfScene      *scene,
                                       double       *x0,
                                       double       *y0,
                                       double       *x1,
                                       double       *y1);
/* The route of a link's drawn line: its ends (tf_link_item_get_ends()) and
 * the control point (@cx, @cy) of the quadratic Bézier curve between them.
 * When the straight line would cross another actor (its disc or its name),
 * the curve bends around it, on the side with the smallest detour; else the
 * control point is the middle of the line (a straight line). */
gboolean  tf_link_item_get_route      (const TfItem *link,
                                       TfScene      *scene,
                                       double       *x0,
                                       double       *y0,
                                       double       *cx,
                                       double       *cy,
                                       double       *x1,
                                       double       *y1);
/* Where a link's label is drawn on screen (the middle of its curve), with
 * the patch of paper under it; FALSE when it has no label or no line. */
gboolean  tf_link_item_get_label_rect (const TfItem *link,
                                       TfScene      *scene,
                                       PangoContext *pango,
                                       TfRect       *rect);
/* The point of that curve at @t (0–1). */
void      tf_link_route_point         (double        x0,
                                       double        y0,
                                       double        cx,
                                       double        cy,
                                       double        x1,
                                       double        y1,
                                       double        t,
                                       double       *x,
                                       double       *y);
/* Draws a link's curve (tf_link_draw_line() when it is straight). */
void      tf_link_draw_route          (cairo_t                *cr,
                                       const TfRelationStyle  *style,
                                       TfLinkDirection         direction,
                                       double                  x0,
                                       double                  y0,
                                       double                  cx,
                                       double                  cy,
                                       double                  x1,
                                       double                  y1,
                                       double                  min_width);
/* Distance from a point to a link's drawn line, for hit-testing; G_MAXDOUBLE
 * when it is not drawn. */
double    tf_link_item_distance       (const TfItem *link,
                                       TfScene      *scene,
                                       double        x,
                                       double        y);
/* The convex hull around a pool's members as they are in @scene now, before
 * padding: an array of points (x, y pairs) in drawing order. FALSE when no
 * member is on the board. */
gboolean  tf_pool_item_get_hull       (const TfItem *pool,
                                       TfScene      *scene,
                                       GArray       *points);
/* Where a pool's name is drawn: just outside its hull's outline, along
 * its top edge (the middle first, then on either side), at the first place
 * that meets no actor (disc or name) and no link's label; the least
 * crowded one when all do. FALSE when it has no name or no member. */
gboolean  tf_pool_item_get_title_rect (const TfItem *pool,
                                       TfScene      *scene,
                                       PangoContext *pango,
                                       TfRect       *rect);
/* Adds the rounded hull of @points (x, y pairs), grown by @padding, to @cr's
 * path. */
void      tf_pool_hull_path           (cairo_t      *cr,
                                       GArray       *points,
                                       double        padding);

/* Draws the line of a relation type from (x0, y0) to (x1, y1), with its
 * arrowheads and marks, no thinner than @min_width: links and the legend's
 * samples. */
void      tf_link_draw_line           (cairo_t                *cr,
                                       const TfRelationStyle  *style,
                                       TfLinkDirection         direction,
                                       double                  x0,
                                       double                  y0,
                                       double                  x1,
                                       double                  y1,
                                       double                  min_width);

/* Typed builders of the kinds' JSON, never written by hand:
 * a stamp's payload {"stamp", "role", "notes"[, "ring" when @ring > 0]};
 * a link's payload {"source", "target", "relation", "direction", "label"};
 * a pool's payload {"members": [ids]} and style {"color": "#rrggbb"}. */
char     *tf_stamp_payload_build      (const char   *stamp_id,
                                       const char   *role,
                                       const char   *notes,
                                       int           ring) G_GNUC_WARN_UNUSED_RESULT;
char     *tf_link_payload_build       (gint64        source,
                                       gint64        target,
                                       const char   *relation,
                                       TfLinkDirection direction,
                                       const char   *label) G_GNUC_WARN_UNUSED_RESULT;
char     *tf_pool_payload_build       (const gint64 *members,
                                       guint         n_members) G_GNUC_WARN_UNUSED_RESULT;
char     *tf_pool_style_build         (guint32       rgb) G_GNUC_WARN_UNUSED_RESULT;

/* Colours of items: the stamp's family colour, a pool's colour. */
guint32   tf_actor_item_get_color     (const TfItem *item);
/* The family id of a stamped actor's pictogram; "" when it is unknown. */
const char *tf_stamp_item_get_family  (const TfItem *item);

G_END_DECLS
