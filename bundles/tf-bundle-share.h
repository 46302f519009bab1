/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What of an experiment leaves the archive in a bundle: the core writes
 * the rows (core/tf-bundle.h) and knows no kind; this asks every item's
 * kind what it sends (TfItemKind.share: an insight without consent stays
 * home, an interview date is taken off, a photo of people that nothing
 * blurs stays home), then what names an item left home forgets it, as a
 * deletion would (a link without its end stays home too). */

#include "core/tf-bundle.h"

G_BEGIN_DECLS

/* Exports experiment @experiment_id of @store to @path with the
 * anonymisation of @drop (TfBundleDrop); @department (nullable) is who
 * exports. @n_left_out (nullable): how many items stayed home. */
gboolean  tf_bundle_export  (TfStore     *store,
                             gint64       experiment_id,
                             guint        drop,
                             const char  *department,
                             gboolean     force,
                             const char  *path,
                             guint       *n_items,
                             guint       *n_assets,
                             guint       *n_left_out,
                             GError     **error);
/* The same, with a cancel checked between steps (a cancelled export
 * leaves no file, not even a temporary one) and @progress (nullable) told
 * the fraction done (0 to 1) from the thread that exports. */
gboolean  tf_bundle_export_full (TfStore     *store,
                                 gint64       experiment_id,
                                 guint        drop,
                                 const char  *department,
                                 gboolean     force,
                                 const char  *path,
                                 GCancellable *cancellable,
                                 void        (*progress) (double fraction, gpointer user_data),
                                 gpointer     progress_data,
                                 guint       *n_items,
                                 guint       *n_assets,
                                 guint       *n_left_out,
                                 GError     **error);

/* What each anonymisation option would change in experiment
 * @experiment_id, for the share dialog: the items each kind would leave
 * home or change under that option alone (links that name them are not
 * counted), and the steps whose notes would go. */
typedef struct {
  guint n_boards;
  guint n_items;
  guint unconsented;    /* TF_BUNDLE_DROP_UNCONSENTED: items left home */
  guint dated;          /* TF_BUNDLE_DROP_DATES: items whose date goes */
  guint people_photos;  /* TF_BUNDLE_DROP_PEOPLE_PHOTOS: items left home */
  guint notes;          /* TF_BUNDLE_DROP_NOTES: steps whose notes go */
} TfBundleShareCounts;

gboolean  tf_bundle_share_count (TfStore              *store,
                                 gint64                experiment_id,
                                 TfBundleShareCounts  *counts,
                                 GError              **error);

G_END_DECLS
