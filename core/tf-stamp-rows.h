/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The rows of the `stamps` and `assets` tables, for the stamp library and
 * its commands. */

#include "tf-item-rows.h"

G_BEGIN_DECLS

/* The French name of stamp @key in @name_fr, NULL when there is none. */
gboolean tf_stamp_rows_name_of      (TfStore       *store,
                                     const char    *key,
                                     char         **name_fr,
                                     GError       **error);
/* The name of the file asset @asset_id was first added from ("bureau.jpg")
 * in @name: "" when it came with none (a pasted image) or is not valid
 * UTF-8, NULL when there is no such asset. */
gboolean tf_asset_rows_name_of      (TfStore       *store,
                                     gint64         asset_id,
                                     char         **name,
                                     GError       **error);
/* Stores the SVG drawing @svg under @sha256 unless it is there already. */
gboolean tf_asset_rows_add_svg      (TfStore       *store,
                                     const char    *sha256,
                                     const char    *name,
                                     GBytes        *svg,
                                     GError       **error);
/* The id of the asset @sha256 in @id, 0 when there is none. */
gboolean tf_asset_rows_find         (TfStore       *store,
                                     const char    *sha256,
                                     gint64        *id,
                                     GError       **error);
gboolean tf_stamp_rows_insert       (TfStore       *store,
                                     const char    *key,
                                     const char    *family,
                                     const char    *name_fr,
                                     const char    *name_en,
                                     const char    *keywords,
                                     const char    *color,
                                     gint64         asset_id,
                                     gint64        *id,
                                     GError       **error);
/* Whether the archive has a `stamps` table (an old one may not). */
gboolean tf_stamp_rows_have_table   (TfStore       *store);
/* Every stamp, by id: key, family, name_fr, name_en, keywords, color, and
 * the drawing (a blob). */
gboolean tf_stamp_rows_each         (TfStore       *store,
                                     TfRowFunc      func,
                                     gpointer       user_data,
                                     GError       **error);

G_END_DECLS
