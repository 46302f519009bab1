/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "tf-rect.h"

G_BEGIN_DECLS

typedef struct _TfItem          TfItem;
typedef struct _TfItemKind      TfItemKind;
typedef struct _TfRenderContext TfRenderContext;

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
 * means writing one of these in its own file and listing it in
 * tf-item-kinds.c; nothing else changes. */
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
};

TfItem           *tf_item_new          (gint64         id,
                                        const char    *kind_id) G_GNUC_WARN_UNUSED_RESULT;
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

const TfItemKind *tf_item_kind_lookup  (const char    *id);

/* Parses an item's style or payload: NULL unless it is JSON that
 * tf_content_check_json() accepts (json-glib recurses: a deeply nested text
 * would exhaust the stack). Kinds parse with this, never json_from_string(). */
JsonNode         *tf_item_parse_json   (const char    *json) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfItem, tf_item_free)

G_END_DECLS
