/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "insights/tf-insight-csv.h"
#include "tf-board-view.h"

G_BEGIN_DECLS

/* Importing insights from a CSV/TSV/text file into the wall @view shows,
 * after a preview of what will be written and what is rejected; exporting
 * the wall's insights to a CSV file. Both ask for the file themselves. */
void tf_insight_import_run (TfBoardView *view);
void tf_insight_export_run (TfBoardView *view,
                            const char  *board_name);

/* Reads and parses @file in a thread, then shows the preview, or a message
 * saying why the file cannot be imported (a device, a pipe, too big, too
 * many rows…). What tf_insight_import_run() does with the chosen file. */
void tf_insight_import_file (TfBoardView *view,
                             GFile       *file);

/* The preview, for a parsed file: a dialog whose "import" response writes
 * the rows in one command. Exposed for the GUI tests. */
/* Takes @csv. */
GtkWidget *tf_insight_import_preview_new (TfBoardView  *view,
                                          const char   *file_name,
                                          TfInsightCsv *csv) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
