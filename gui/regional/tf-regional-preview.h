/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A result of the region opened read-only: its bundle fetched and checked
 * (tf_bundle_open_bytes()), imported into a temporary archive of its own in
 * a private folder (never the user's), shown with the board view that
 * cannot change it; the folder goes when the window closes. */

typedef struct _TfRegionalPreview TfRegionalPreview;

/* In a thread: fetches experiment @id of the region and makes its
 * temporary archive. */
void               tf_regional_preview_prepare        (const char          *conninfo,
                                                       gint64               id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
TfRegionalPreview *tf_regional_preview_prepare_finish (GAsyncResult        *result,
                                                       GError             **error);
void               tf_regional_preview_free           (TfRegionalPreview   *preview);

/* The window showing @preview (taken); "Fetch to This Computer" calls
 * @fetch with @owner, while @owner lives. */
typedef void (*TfRegionalPreviewFetch) (GObject *owner,
                                        gint64   region_id);
GtkWidget         *tf_regional_preview_window_new     (GtkWindow              *parent,
                                                       TfRegionalPreview      *preview,
                                                       gint64                  region_id,
                                                       TfRegionalPreviewFetch  fetch,
                                                       GObject                *owner);
/* For tests: the board view, the boards' dropdown. */
GtkWidget         *tf_regional_preview_window_get_view     (GtkWidget      *window);
GtkDropDown       *tf_regional_preview_window_get_boards   (GtkWidget      *window);
/* What an empty board says (shown only on an empty board). */
GtkWidget         *tf_regional_preview_window_get_empty    (GtkWidget      *window);
/* The experiment's fields shown beside the boards (NULL when unreadable). */
GtkWidget         *tf_regional_preview_window_get_fields   (GtkWidget      *window);
/* The temporary archive's path. */
const char        *tf_regional_preview_window_get_path     (GtkWidget      *window);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfRegionalPreview, tf_regional_preview_free)

G_END_DECLS
