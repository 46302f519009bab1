/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <pango/pango.h>

#include "tf-rect.h"

G_BEGIN_DECLS

typedef struct _TfItem          TfItem;
typedef struct _TfItemKind      TfItemKind;
typedef struct _TfRenderContext TfRenderContext;
typedef struct _TfScene         TfScene;
typedef struct _TfSvgSink       TfSvgSink;

/* One thing on a board, as stored in the `items` table. Geometry is in board
 * units. `serial` changes whenever anything about the item changes, so caches
 * key on (id, serial). */
struct _TfItem
{
  gint64            id;
  const TfItemKind *kind;
  char             *kind_id;    /* as stored; kept for kinds this version does not know */
  TfRect            bounds;
  double            rotation;
  int               z;
  gint64            parent_id;
  char             *text;
  char             *style;      /* JSON object text */
  char             *payload;    /* JSON object text */
  guint             serial;
  gpointer          data;       /* the kind's parsed form of style and payload */
  gboolean          hidden;     /* off the board (a retired insight) */
};

typedef enum {
  TF_LAYER_ZONES,
  TF_LAYER_LINKS,
  TF_LAYER_THINGS,
  TF_N_LAYERS
} TfLayer;

/* How a kind of item behaves. Adding a kind (stamp, connector, image, lane)
 * means writing one of these in its own file and registering it from its
 * wing's init (tf_item_kind_register()); nothing else changes. */
struct _TfItemKind
{
  const char *id;          /* the `kind` column: "note", "label", "zone"… */
  TfLayer     layer;
  /* Parses style and payload into item->data; NULL when the kind needs none. */
  gpointer  (*parse)       (const TfItem *item);
  void      (*free_data)   (gpointer      data);
  /* Draws the item with @cr in board units. */
  void      (*draw)        (const TfItem    *item,
                            cairo_t         *cr,
                            TfRenderContext *ctx);
  /* The flat colour of the item's simplest level of detail (0xRRGGBB), or -1
   * when it has none; notes far away are drawn as cards of this colour. */
  gint64    (*lod_color)   (const TfItem *item);
  /* Whether the item is hidden from the board (a retired insight). */
  gboolean  (*is_hidden)   (const TfItem *item);
  /* Appends to @ids (gint64) the items this one cannot be drawn without (a
   * link's two ends): when one is not on the board, the item is left out. */
  void      (*required)    (const TfItem *item,
                            GArray       *ids);

  /* --- Behaviour the editor, the commands and the exports ask of a kind
   * instead of comparing kinds (issue #9). Every hook may be NULL; the
   * tf_item_*() wrappers below give the default. --- */

  /* The kind's roles, a mask of TfItemRole. */
  guint       roles;
  /* Picking: among items under the pointer, the highest rank wins (then
   * the highest z). Default 0. */
  int         pick_rank;
  /* Distance in board units from a board point to the item's drawn shape,
   * 0 on or inside it. Default: to the bounds rectangle. */
  double    (*distance)    (const TfItem *item,
                            TfScene      *scene,
                            double        x,
                            double        y);
  /* Which of the eight resize handles the item offers (TfItemHandles), and
   * its smallest size. Default: all handles, 24 × 24. */
  guint       handles;
  double      min_width;
  double      min_height;
  /* Where the item's text is typed in place, in board units; FALSE when it
   * has no inline text. Default: FALSE. */
  gboolean  (*text_region) (const TfItem *item,
                            TfRect       *region);
  /* Containment (a zone, a pool, a blueprint lane): whether @container
   * holds @other as a member. Default: FALSE. */
  gboolean  (*accepts)     (const TfItem *container,
                            const TfItem *other);
  /* Appends to @ids (gint64) every item id the payload references (link
   * ends, pool members); copies remap them. */
  void      (*references)  (const TfItem *item,
                            GArray       *ids);
  /* A new payload with the referenced ids replaced through @map (gint64* →
   * gint64*); an id missing from the map is dropped, or the whole item when
   * it cannot do without it (then returns NULL). */
  char     *(*remap_payload) (const TfItem *item,
                              GHashTable   *map);
  /* Bounds that follow from other items (a link from its ends, a pool from
   * its members); FALSE when the item's own bounds hold. */
  gboolean  (*derive_bounds) (const TfItem *item,
                              TfScene      *scene,
                              TfRect       *bounds);

  /* Added with the kinds' implementations. */
  /* Resizing keeps the item square (a post-it): the larger side wins.
   * Default FALSE. */
  gboolean    square;
  /* Membership by position, for kinds with TF_ITEM_ROLE_CLUSTER: whether
   * @container takes @other as its child (parent_id) where @other lies now.
   * When several would, the topmost (highest z, then highest id) does.
   * Default: FALSE. */
  gboolean  (*adopts)      (const TfItem *container,
                            const TfItem *other);
  /* Whether a press at a board point on the picked item takes hold of it to
   * move it, @slop being the pointer's tolerance in board units (a zone: by
   * its title band and its border; its body is the board, where a rubber
   * band starts). Default: TRUE. */
  gboolean  (*grips)       (const TfItem *item,
                            double        x,
                            double        y,
                            double        slop);
  /* How the commands call @count (≥ 1) items of the kind, translated: a
   * noun phrase with its article for one ("a photo", "une photo"), the
   * count and the plural for more ("3 photos", through ngettext), so that
   * "Move %s" reads "Move a photo" or "Move 3 photos" (tf_item_kinds_name()).
   * Default: "an item", "3 items". */
  char     *(*name)        (guint         count);
  /* How a board's summary counts them: "21 insights", "1 actor" (a
   * number, unlike name()); NULL: they count as items. */
  char     *(*count)       (guint         count);
  /* The room's legibility (room/tf-room-check.h): the font size, in board
   * units, of the smallest text the item draws in full detail when its
   * text may not be drawn smaller than @min_size (0: as on the board; the
   * drawing's TfRenderContext.min_text), and in @cut whether its whole
   * text fits at that size. 0 when it draws no text. Default: NULL, no
   * text the room checks. */
  double    (*text_size)   (const TfItem  *item,
                            PangoContext  *context,
                            double         min_size,
                            gboolean      *cut);
  /* The area the item draws on when it reaches past its bounds (a photo's
   * caption under it), in board units; FALSE when it draws within them.
   * The scene indexes it, damages it and counts it in its extents, so that
   * tiles, "fit" and exports show that part whole. Default: NULL. */
  gboolean  (*ink_bounds)  (const TfItem  *item,
                            TfRect        *ink);
  /* What leaves the archive in a bundle (core/tf-bundle.h) when @drop (a
   * mask of TfBundleDrop) asks for anonymisation: FALSE to leave the item
   * out; TRUE with *@payload set (newly allocated) to send that payload
   * instead, or left NULL to send the item as it is. @scene is the item's
   * board. Default: sent as it is. */
  gboolean  (*share)       (const TfItem  *item,
                            TfScene       *scene,
                            guint          drop,
                            char         **payload);
  /* Writes the item as SVG elements into @svg (tf-svg-sink.h), in board
   * units, as it prints (@ctx: a print context at full detail): its shapes
   * as shapes, its text as <text>. Default: NULL, the board's SVG is then
   * drawn through cairo's SVG surface. */
  void      (*write_svg)   (const TfItem    *item,
                            TfSvgSink       *svg,
                            TfRenderContext *ctx);
  /* What a screen reader says of the item when the keyboard is on it
   * (the board view's accessible name): translated, newly allocated, its
   * own words first, then what it is and what it relates to on @scene (a
   * note's colour, cluster, votes and star; an actor's family and links;
   * a link's relation and ends). Default: its kind's name and its text
   * (tf_item_describe()). */
  char     *(*describe)    (const TfItem  *item,
                            TfScene       *scene);
  /* Items that grow with their text (a note on a wall, kept square): the
   * side at which @text shows whole at a legible size, from @side up to
   * @max_side (@item: its votes and the like; NULL for one not written
   * yet). For "Fit to text" and for the text typed in place. Default:
   * NULL, the item keeps its size. */
  /* Whether the item places part of its drawing where the items near it
   * leave room (a pool's name): a change to any of them redraws it whole.
   * Default FALSE. */
  gboolean    placed_among_neighbours;
  double    (*side_for_text) (const TfItem *item,
                              PangoContext *context,
                              const char   *text,
                              double        side,
                              double        max_side);
};

/* What a kind is, for the editor and the exports. */
typedef enum {
  TF_ITEM_ROLE_NONE      = 0,
  TF_ITEM_ROLE_CONTAINER = 1 << 0,  /* groups others (zone, pool, lane) */
  TF_ITEM_ROLE_CONNECTOR = 1 << 1,  /* drawn between others (link) */
  TF_ITEM_ROLE_CONTENT   = 1 << 2,  /* carries what the board says (note, stamp, label) */
  TF_ITEM_ROLE_DERIVED   = 1 << 3,  /* drawn from the board (legend) */
  TF_ITEM_ROLE_CLUSTER   = 1 << 4,  /* a container whose members are its children
                                     * (parent_id), by where they lie: a zone;
                                     * it sits under them (negative z) */
  TF_ITEM_ROLE_EVIDENCE  = 1 << 5,  /* shows a service's physical evidence (a
                                     * mockup's photo): an item citing one
                                     * (payload "cites") has evidence */
} TfItemRole;

/* Pick ranks of today's kinds: a thing under the pointer wins over a link
 * near it, which wins over a pool around it. */
enum {
  TF_ITEM_PICK_POOL  = -2,
  TF_ITEM_PICK_LINK  = -1,
  TF_ITEM_PICK_THING = 0,
};

/* The smallest side a resize leaves to the kinds that can be resized. */
#define TF_ITEM_MIN_SIDE 60.0

/* The eight handles, clockwise from the top-left corner. */
typedef enum {
  TF_ITEM_HANDLES_NONE    = 0,
  TF_ITEM_HANDLES_CORNERS = 0x55,
  TF_ITEM_HANDLES_ALL     = 0xff,
} TfItemHandles;

TfItem           *tf_item_new          (gint64         id,
                                        const char    *kind_id) G_GNUC_WARN_UNUSED_RESULT;
/* The same with its texts (NULL: "" for @text, "{}" for @style and
 * @payload), not parsed yet: set its geometry, then tf_item_changed(). */
TfItem           *tf_item_new_with_texts (gint64      id,
                                          const char *kind_id,
                                          const char *text,
                                          const char *style,
                                          const char *payload) G_GNUC_WARN_UNUSED_RESULT;
TfItem           *tf_item_copy         (const TfItem  *item) G_GNUC_WARN_UNUSED_RESULT;
void              tf_item_free         (TfItem        *item);
/* Re-parses style and payload after they changed, and bumps the serial. */
void              tf_item_changed      (TfItem        *item);
void              tf_item_set_text     (TfItem        *item,
                                        const char    *text);
void              tf_item_set_style    (TfItem        *item,
                                        const char    *style);
void              tf_item_set_payload  (TfItem        *item,
                                        const char    *payload);

/* Kinds register from their wing's init (see wings/tf-wings.c); a kind id
 * the program does not know (from a newer Transfo) looks up as NULL. */
void              tf_item_kind_register (const TfItemKind *kind);
const TfItemKind *tf_item_kind_lookup  (const char    *id);
/* Calls @func on every kind the program knows, once each. */
void              tf_item_kind_foreach (void         (*func) (const TfItemKind *kind,
                                                              gpointer          data),
                                        gpointer       data);

/* The kind's behaviour, with the defaults documented in TfItemKind. */
gboolean          tf_item_has_role     (const TfItem  *item,
                                        TfItemRole     role);
int               tf_item_pick_rank    (const TfItem  *item);
double            tf_item_distance     (const TfItem  *item,
                                        TfScene       *scene,
                                        double         x,
                                        double         y);
guint             tf_item_handles      (const TfItem  *item);
/* The smallest size a resize leaves; 24 × 24 when the kind says nothing. */
void              tf_item_min_size     (const TfItem  *item,
                                        double        *width,
                                        double        *height);
gboolean          tf_item_keeps_square (const TfItem  *item);
/* Where the item draws: its bounds, or more (the kind's ink_bounds). */
TfRect            tf_item_get_ink_bounds (const TfItem *item);
/* Two items (TfItem **) by their top, then their left, then their id: the
 * start of a reading order (for g_ptr_array_sort). */
int               tf_item_compare_top_left (gconstpointer a,
                                            gconstpointer b);
/* The kind's describe(), or its name and its text: "a label: “Entrée”". */
char             *tf_item_describe     (const TfItem  *item,
                                        TfScene       *scene) G_GNUC_WARN_UNUSED_RESULT;
/* A quote as the descriptions give it, on one line: “text”; newly allocated. */
char             *tf_item_quote        (const char    *text) G_GNUC_WARN_UNUSED_RESULT;
gboolean          tf_item_text_region  (const TfItem  *item,
                                        TfRect        *region);
/* @kind's side_for_text() (@item may be NULL), or @side when it has none. */
double            tf_item_kind_side_for_text (const TfItemKind *kind,
                                              const TfItem     *item,
                                              PangoContext     *context,
                                              const char       *text,
                                              double            side,
                                              double            max_side);
gboolean          tf_item_accepts      (const TfItem  *container,
                                        const TfItem  *other);
gboolean          tf_item_adopts       (const TfItem  *container,
                                        const TfItem  *other);
gboolean          tf_item_grips        (const TfItem  *item,
                                        double         x,
                                        double         y,
                                        double         slop);
void              tf_item_references   (const TfItem  *item,
                                        GArray        *ids);
char             *tf_item_remap_payload (const TfItem *item,
                                         GHashTable   *map) G_GNUC_WARN_UNUSED_RESULT;
gboolean          tf_item_derive_bounds (const TfItem *item,
                                         TfScene      *scene,
                                         TfRect       *bounds);

/* Parses an item's style or payload: NULL unless it is JSON that
 * tf_content_check_json() accepts (json-glib recurses: a deeply nested text
 * would exhaust the stack). Kinds parse with this, never json_from_string(). */
JsonNode         *tf_item_parse_json   (const char    *json) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfItem, tf_item_free)

G_END_DECLS
