/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "core/tf-content.h"
#include "core/tf-store.h"
#include "tf-item.h"

G_BEGIN_DECLS

#define TF_TYPE_SCENE (tf_scene_get_type ())
G_DECLARE_FINAL_TYPE (TfScene, tf_scene, TF, SCENE, GObject)

/* The items of one board in memory, indexed for culling and hit-testing.
 * Loaded from the archive, then kept in step with it: a scene bound to a
 * store reloads the rows each committed edit touched. Signal
 * "items-changed" (gpointer ids): a GArray of gint64 ids that were added,
 * changed or removed. Signal "damaged" (const TfRect *area): the board area
 * (where an item was and where it is) that an add, a change or a removal
 * may have made look different, for caches of drawings. */

TfScene      *tf_scene_new            (void) G_GNUC_WARN_UNUSED_RESULT;
/* Reads every item of @board_id and follows the store's changes. Items whose
 * row cannot be read safely (see core/tf-content.h) are left out, and
 * counted: their rows stay in the archive, untouched. A parent that is not on
 * the board or loops is ignored. */
TfScene      *tf_scene_new_for_board  (TfStore      *store,
                                       gint64        board_id,
                                       GError      **error) G_GNUC_WARN_UNUSED_RESULT;

gint64        tf_scene_get_board_id   (TfScene      *self);
guint         tf_scene_get_n_items    (TfScene      *self);
TfItem       *tf_scene_lookup         (TfScene      *self,
                                       gint64        id);
/* The bounds of every visible item; empty when there is none. */
TfRect        tf_scene_get_extents    (TfScene      *self);

/* Takes @item; replaces an item with the same id. */
void          tf_scene_add            (TfScene      *self,
                                       TfItem       *item);
gboolean      tf_scene_remove         (TfScene      *self,
                                       gint64        id);
/* Tells the scene an item's geometry, z or fields changed in place. */
void          tf_scene_item_changed   (TfScene      *self,
                                       TfItem       *item);

/* Appends the visible items meeting @area to @items (borrowed pointers), in
 * drawing order: by layer, then z, then id. */
void          tf_scene_query          (TfScene      *self,
                                       const TfRect *area,
                                       GPtrArray    *items);
/* The topmost visible item under a point, or NULL; @slop widens the test
 * (in board units) for thin things. */
TfItem       *tf_scene_hit_test       (TfScene      *self,
                                       double        x,
                                       double        y,
                                       double        slop);

/* Whether any item is visible: what tf_scene_get_items() would tell,
 * without putting the board in drawing order. */
gboolean      tf_scene_has_visible_items (TfScene   *self);
/* Every item (visible or not) in drawing order, borrowed. */
GPtrArray    *tf_scene_get_items      (TfScene      *self);

/* How many items were left out when the board was read because of
 * @problem; TF_CONTENT_OK counts them all. */
guint         tf_scene_get_n_skipped    (TfScene          *self,
                                         TfContentProblem  problem);
/* Why, as a translated list ("a link to a missing item: 2, …"), or NULL
 * when nothing was left out. */
char         *tf_scene_describe_skipped (TfScene          *self) G_GNUC_WARN_UNUSED_RESULT;

/* A copy for a background thread (exports): same items, no store. */
TfScene      *tf_scene_copy           (TfScene      *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
