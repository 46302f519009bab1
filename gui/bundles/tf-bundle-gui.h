/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The window's side of bundles (core/tf-bundle.h): the "bundle" actions
 * (share the experiment shown, import a bundle, back up the archive, show
 * a written file in its folder), a bundle dropped on the window, and the
 * words that say where an imported experiment came from. */

#include "tf-window.h"

G_BEGIN_DECLS

/* The file extension of bundles, with its dot. */
#define TF_BUNDLE_GUI_EXTENSION ".transfo"
#define TF_BUNDLE_GUI_MIME_TYPE "application/x-transfo-bundle"

/* Adds the "bundle" action group and the drop target to @window. */
void   tf_bundle_gui_install      (TfWindow    *window);
/* Reads @file as a bundle in a thread, then shows its import preview over
 * @window, or says why it is refused (nothing is written either way until
 * the preview's button is pressed). */
void   tf_bundle_gui_open         (TfWindow    *window,
                                   GFile       *file);
/* The first bundle (a .transfo file) of a dropped value (a file list or a
 * file), or NULL: (transfer none). Whatever takes drops of files (a board)
 * gives a bundle to the window's action "bundle.open-uri" instead. */
GFile *tf_bundle_gui_find_dropped (const GValue *value);
/* Backs the archive up to @file in a thread, a progress dialog shown. */
void   tf_bundle_gui_backup_to    (TfWindow    *window,
                                   GFile       *file);
/* "Imported on … from …" for an experiment that came in a bundle, NULL for
 * one made here. */
char  *tf_bundle_gui_origin_text  (TfStore     *store,
                                   gint64       experiment_id) G_GNUC_WARN_UNUSED_RESULT;
/* A toast on @window saying @message, with "Show in Folder" for @file. */
void   tf_bundle_gui_toast_written (TfWindow   *window,
                                    const char *message,
                                    GFile      *file);
/* An ISO 8601 time or date as the user reads it ("6 December 2026"). */
char  *tf_bundle_gui_format_date  (const char  *iso) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
