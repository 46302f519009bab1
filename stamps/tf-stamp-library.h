/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "core/tf-store.h"
#include "tf-stamp.h"

G_BEGIN_DECLS

#define TF_TYPE_STAMP_LIBRARY (tf_stamp_library_get_type ())
G_DECLARE_FINAL_TYPE (TfStampLibrary, tf_stamp_library, TF, STAMP_LIBRARY, GObject)

/* The pictograms a board can be stamped with: the built-in ones, then the
 * user stamps of one archive. A GListModel of TfStamp, in that order. Lookup
 * and drawing are thread-safe (exports draw on a worker thread); binding a
 * store and the list model belong to the main thread. */

/* A library of the built-in stamps alone. */
TfStampLibrary  *tf_stamp_library_new            (void) G_GNUC_WARN_UNUSED_RESULT;
/* The process-wide library that item kinds draw from: the built-in stamps,
 * plus those of the archive bound with tf_stamp_library_set_store(). */
TfStampLibrary  *tf_stamp_library_get_default    (void);

/* Reads the user stamps of @store (NULL: none) and follows its changes, so an
 * import, or its undo, shows at once. The library does not keep @store
 * alive. A user stamp's drawing came from elsewhere: it is drawn only once
 * it passed a render in a separate process (tf-svg-sandbox.h), waited for on
 * the command line and in exports' threads; on the main thread of a running
 * loop (the window) every one is checked in the background from here on,
 * the placeholder shows meanwhile, and ::stamp-verified asks for a redraw.
 * One that fails is never drawn: ::stamp-refused says so. */
gboolean         tf_stamp_library_set_store      (TfStampLibrary  *self,
                                                  TfStore         *store,
                                                  GError         **error);

guint            tf_stamp_library_get_n_builtin  (TfStampLibrary  *self);
/* (transfer full): the stamp, or NULL. */
TfStamp         *tf_stamp_library_lookup         (TfStampLibrary  *self,
                                                  const char      *id) G_GNUC_WARN_UNUSED_RESULT;
/* The stamps matching @query (see tf_stamp_matches()), in library order: a
 * GPtrArray of TfStamp references. */
GPtrArray       *tf_stamp_library_search         (TfStampLibrary  *self,
                                                  const char      *query) G_GNUC_WARN_UNUSED_RESULT;

/* A bitmap of the pictogram, @pixels square, from a cache kept per
 * (stamp, size); NULL for an unknown id. (transfer full) */
cairo_surface_t *tf_stamp_library_render         (TfStampLibrary  *self,
                                                  const char      *id,
                                                  int              pixels) G_GNUC_WARN_UNUSED_RESULT;
/* Draws the pictogram in the square (@x, @y, @size) of @cr's user space: from
 * the bitmap cache at the device size, or as vectors when @vector is set
 * (print, PDF). Returns FALSE, drawing nothing, for an unknown id. */
gboolean         tf_stamp_library_draw           (TfStampLibrary  *self,
                                                  const char      *id,
                                                  cairo_t         *cr,
                                                  double           x,
                                                  double           y,
                                                  double           size,
                                                  gboolean         vector);
void             tf_stamp_library_clear_cache    (TfStampLibrary  *self);
/* Bytes held by the bitmap cache, for tests and benchmarks. */
gsize            tf_stamp_library_get_cache_size (TfStampLibrary  *self);

/* The sentences saying which of the archive's stamps show as the
 * placeholder and why (a drawing that fails the checks), sorted; empty when
 * none. (transfer full) */
char           **tf_stamp_library_dup_refusals   (TfStampLibrary  *self) G_GNUC_WARN_UNUSED_RESULT;
/* The sentence for the stamp @id, or NULL when it is not refused. */
char            *tf_stamp_library_dup_refusal    (TfStampLibrary  *self,
                                                  const char      *id) G_GNUC_WARN_UNUSED_RESULT;

/* The user stamps stored in @store, in import order: a GPtrArray of TfStamp.
 * An archive from before user stamps has none. Stamps whose SVG fails the
 * markup check (an archive edited elsewhere) are left out. */
GPtrArray       *tf_stamp_library_read_user_stamps (TfStore       *store,
                                                    GError       **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
