/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "canvas/tf-renderer.h"

G_BEGIN_DECLS

/* The board as GPU-friendly pieces: at each zoom the board is cut into
 * square tiles of device pixels, rendered once by a TfRenderer into
 * GdkTextures that GTK's renderer keeps on the GPU and reuses frame after
 * frame. Tiles are forgotten, least recently used first, past a budget of
 * bytes; those an item change touches (the scene's "damaged" signal) are
 * drawn again. Right after a zoom jump, a frame shows the nearest zoom it
 * has, scaled, and renders the missing tiles within a time budget, centre
 * first: the view draws again until the frame is complete. */

typedef struct _TfTileCache TfTileCache;

#define TF_TILE_CACHE_TILE_SIZE   256
#define TF_TILE_CACHE_BUDGET      (32 * 1024 * 1024)
#define TF_TILE_CACHE_FRAME_US    8000
/* Tiles kept in a store (the X server's pixmaps) cost it an upload each,
 * on top of what the frame draws: a frame of a zoom in motion, with an
 * older zoom standing in for the missing tiles, hands over at most this
 * many. */
#define TF_TILE_CACHE_STORE_TILES_PER_FRAME 6

TfTileCache *tf_tile_cache_new             (TfRenderer       *renderer,
                                            int               tile_size,
                                            gsize             budget_bytes);
void         tf_tile_cache_free            (TfTileCache      *self);

/* Appends @scene as seen through @viewport (zoom in board units per
 * logical pixel) to @snapshot, from tiles made at @scale device pixels per
 * logical pixel. At most @budget_us is spent rendering tiles that an older
 * zoom can stand in for (< 0: no limit). Returns FALSE when some tiles
 * are still missing: snapshot again soon. */
gboolean     tf_tile_cache_snapshot        (TfTileCache      *self,
                                            GtkSnapshot      *snapshot,
                                            TfScene          *scene,
                                            const TfViewport *viewport,
                                            int               scale,
                                            gint64            budget_us);
/* Between frames: makes, within @budget_us, the tiles just outside the
 * last complete frame at rest (a ring of one, two deep ahead of the pan,
 * that side first), without pushing out what the view shows. Returns
 * TRUE when some are left: call again. */
gboolean     tf_tile_cache_prefetch        (TfTileCache      *self,
                                            gint64            budget_us);
/* TRUE when the last frame was complete at rest: tiles around it may be
 * made. */
gboolean     tf_tile_cache_wants_prefetch  (TfTileCache      *self);
/* Drops the tiles meeting @area (board units), or every tile. */
void         tf_tile_cache_invalidate      (TfTileCache      *self,
                                            const TfRect     *area);
void         tf_tile_cache_invalidate_all  (TfTileCache      *self);

/* Tiles as Cairo render nodes (for GTK's Cairo renderer, which replays a
 * Cairo node as recorded but converts a texture's pixels one by one at
 * every frame) rather than textures (for GPU renderers, which keep a
 * texture). With @store, the nodes' pixels are kept in surfaces similar
 * to it (on X11: pixmaps the X server keeps, so that frames only copy
 * them); otherwise in image surfaces. Changing it drops every tile. */
void         tf_tile_cache_set_cairo_nodes (TfTileCache      *self,
                                            gboolean          cairo_nodes,
                                            cairo_surface_t  *store);
gboolean     tf_tile_cache_get_cairo_nodes (TfTileCache      *self);

/* For tests and benches. */
gsize        tf_tile_cache_get_bytes       (TfTileCache      *self);
guint        tf_tile_cache_get_n_tiles     (TfTileCache      *self);
/* Tiles rendered since the cache was made. */
guint64      tf_tile_cache_get_n_rendered  (TfTileCache      *self);

/* FALSE when $TRANSFO_TILES is "0": views then draw each frame whole, as
 * before tiles (to compare). */
gboolean     tf_tile_cache_enabled         (void);

/* The cache a widget draws @renderer's boards with, made on first use and
 * freed with the widget. */
TfTileCache *tf_tile_cache_for_widget      (GtkWidget        *widget,
                                            TfRenderer       *renderer);

G_END_DECLS
