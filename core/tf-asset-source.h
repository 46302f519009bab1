/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tf-store.h"

G_BEGIN_DECLS

/* The archive's assets (photos, PDF pages, pictograms: the `assets` table)
 * for drawing, from any thread: each thread that asks reads through a
 * read-only connection of its own, and what was read is kept, so the screen
 * and an export worker share it. Reference counted; thread-safe. */
typedef struct _TfAssetSource TfAssetSource;

/* For the archive at @path, which a TfStore has open (or had). */
TfAssetSource *tf_asset_source_new         (const char    *path) G_GNUC_WARN_UNUSED_RESULT;
TfAssetSource *tf_asset_source_new_for_store (TfStore     *store) G_GNUC_WARN_UNUSED_RESULT;
TfAssetSource *tf_asset_source_ref         (TfAssetSource *self);
void           tf_asset_source_unref       (TfAssetSource *self);
/* The bytes of asset @asset_id and its MIME type; NULL with @error set
 * when there is no such asset or the archive cannot be read. */
GBytes        *tf_asset_source_load        (TfAssetSource *self,
                                            gint64         asset_id,
                                            char         **mime_type,
                                            GError       **error) G_GNUC_WARN_UNUSED_RESULT;
/* The name of the file asset @asset_id was first added from
 * ("bureau.jpg"), NULL when it came with none (a pasted image), is not
 * valid UTF-8, or cannot be read. Any thread. */
char          *tf_asset_source_name        (TfAssetSource *self,
                                            gint64         asset_id) G_GNUC_WARN_UNUSED_RESULT;
/* Forgets what was read (the assets changed: an undo, another archive). */
void           tf_asset_source_forget      (TfAssetSource *self);

/* Stores @data as an asset, once per content (SHA-256); returns its id, 0
 * with @error set on failure. Runs inside tf_store_edit() (a command). */
gint64         tf_asset_insert             (TfStore       *store,
                                            const char    *mime_type,
                                            const char    *name,
                                            GBytes        *data,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfAssetSource, tf_asset_source_unref)

G_END_DECLS
