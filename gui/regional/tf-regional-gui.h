/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The window's side of the regional archive (regional/tf-regional.h): the
 * connection kept in the preferences, regional work run in a thread with
 * a cancel that reaches the server, the "regional" actions of the window
 * (Preferences…, Publish to the Region…) and fetching a result into the
 * archive through the bundle import preview. */

#include "regional/tf-regional.h"
#include "tf-window.h"

G_BEGIN_DECLS

/* The GSettings key of the connection. */
#define TF_REGIONAL_GUI_SETTING "regional-connection"

/* The connection configured for @app ("" when none): the one given for
 * this run (tf_regional_gui_set_connection()), else the preferences'. */
char       *tf_regional_gui_dup_connection (GtkApplication *app) G_GNUC_WARN_UNUSED_RESULT;
/* Sets it for this run (the command line's --regional) when @persist is
 * FALSE, else in the preferences. */
void        tf_regional_gui_set_connection (GtkApplication *app,
                                            const char     *conninfo,
                                            gboolean        persist);
/* What the user typed, as libpq reads it: a bare word is a service name
 * ("region" → "service=region"). */
char       *tf_regional_gui_normalize      (const char     *text) G_GNUC_WARN_UNUSED_RESULT;

/* Work on the regional archive in a thread: connects with @conninfo, runs
 * @job, closes. Cancelling @cancellable asks the server to stop the
 * statement under way and returns at once (G_IO_ERROR_CANCELLED). */
typedef gpointer (*TfRegionalGuiJob) (TfRegional   *regional,
                                      gpointer      data,
                                      GCancellable *cancellable,
                                      GError      **error);
void        tf_regional_gui_run    (const char          *conninfo,
                                    TfRegionalGuiJob     job,
                                    gpointer             data,
                                    GDestroyNotify       data_free,
                                    GDestroyNotify       result_free,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gpointer    tf_regional_gui_finish (GAsyncResult        *result,
                                    GError             **error);
/* A short heading for what went wrong ("Cannot Reach the Regional Archive"). */
const char *tf_regional_gui_error_heading (const GError *error);

/* Adds the "regional" action group to @window: preferences, publish. */
void        tf_regional_gui_install (TfWindow *window);
/* Fetches experiment @id of the region and reads it as a bundle (all of
 * its checks), in a thread: a TfBundle, or NULL with @error set. */
void        tf_regional_gui_fetch_bundle  (const char          *conninfo,
                                           gint64               id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* Shows the bundle import preview over @window (Import, or Update the
 * copy): @bundle taken. */
void        tf_regional_gui_show_import   (TfWindow            *window,
                                           TfBundle            *bundle);
/* Opens the preferences with the regional archive's connection. */
void        tf_regional_gui_show_preferences (GtkWindow        *parent);

G_END_DECLS
