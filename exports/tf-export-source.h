/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "canvas/tf-scene.h"
#include "core/tf-asset-source.h"
#include "core/tf-board.h"
#include "core/tf-experiment.h"
#include "core/tf-store.h"

G_BEGIN_DECLS

#define TF_TYPE_EXPORT_SOURCE (tf_export_source_get_type ())
G_DECLARE_FINAL_TYPE (TfExportSource, tf_export_source, TF, EXPORT_SOURCE, GObject)

/* What an export prints: a private copy of an experiment and snapshots of
 * its boards, made on the main thread, then only read, so an export can run
 * in a worker thread while the user goes on editing. Snapshots leave out
 * what must never be printed: retired insights and insights whose consent
 * was withdrawn. */

TfExportSource *tf_export_source_new            (TfExperiment   *experiment) G_GNUC_WARN_UNUSED_RESULT;
/* The experiment @experiment_id with every board, in board order. */
TfExportSource *tf_export_source_new_from_store (TfStore        *store,
                                                 gint64          experiment_id,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* The same, stopped within milliseconds when @cancellable is cancelled
 * (NULL and G_IO_ERROR_CANCELLED): seconds of reading a 100k wall end as
 * soon as whoever waits for them goes away. @store must be used by this
 * thread alone meanwhile (a read-only connection of the reader's own). */
TfExportSource *tf_export_source_new_from_store_cancellable (TfStore        *store,
                                                             gint64          experiment_id,
                                                             GCancellable   *cancellable,
                                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;

TfExperiment   *tf_export_source_get_experiment (TfExportSource *self);
guint           tf_export_source_get_n_boards   (TfExportSource *self);
TfBoard        *tf_export_source_get_board      (TfExportSource *self,
                                                 guint           index);
TfScene        *tf_export_source_get_scene      (TfExportSource *self,
                                                 guint           index);
/* The index of the board called @name (exact, then ignoring case), or -1. */
int             tf_export_source_find_board     (TfExportSource *self,
                                                 const char     *name);

/* Adds a snapshot of @scene (copied now) as the board @board. */
void            tf_export_source_add_board      (TfExportSource *self,
                                                 TfBoard        *board,
                                                 TfScene        *scene);

/* Where the boards' items read the images and PDF pages they draw (photos
 * of mockups): set by tf_export_source_new_from_store(); NULL when none. */
TfAssetSource  *tf_export_source_get_assets     (TfExportSource *self);
void            tf_export_source_set_assets     (TfExportSource *self,
                                                 TfAssetSource  *assets);

/* The experiment's session agenda (TfSessionStep, room/tf-session.h), as
 * tf_export_source_new_from_store() read it: empty when it has none.
 * Set copies @steps. */
GArray         *tf_export_source_get_session    (TfExportSource *self);
void            tf_export_source_set_session    (TfExportSource *self,
                                                 GArray         *steps);

G_END_DECLS
