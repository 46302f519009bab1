/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The images an experiment's mockups already hold (their photos and the
 * images placed on them), for the placement picker: an image placed again
 * is read from the archive, never from the file it came from. */

#include "canvas/tf-scene.h"
#include "core/tf-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64  asset;
  int     page;       /* of a PDF */
  gint64  board_id;
  char   *name;       /* "Photo 2 · bureau.jpg", "Placed image · affiche.png" */
  char   *board;      /* the board's name */
} TfMkImage;

void       tf_mk_image_free        (TfMkImage  *image);

/* The photos and placed images of every mockup board of the experiment
 * of @scene's board, that board's first (as @scene shows it), then the
 * others in their order, photos before placed images; each asset and page
 * once, @skip_asset's @skip_page (the photo an image goes on) left out.
 * A GPtrArray of TfMkImage; NULL with @error set when the archive cannot
 * be read. */
GPtrArray *tf_mk_images_list       (TfStore    *store,
                                    TfScene    *scene,
                                    gint64      skip_asset,
                                    int         skip_page,
                                    GError    **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfMkImage, tf_mk_image_free)

G_END_DECLS
