/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tf-application.h"

G_BEGIN_DECLS

#define TF_TYPE_WINDOW (tf_window_get_type ())
G_DECLARE_FINAL_TYPE (TfWindow, tf_window, TF, WINDOW, AdwApplicationWindow)

TfWindow   *tf_window_new                 (TfApplication *application);

TfHistory  *tf_window_get_history         (TfWindow      *self);
/* FALSE for a read-only archive. */
gboolean    tf_window_get_editable        (TfWindow      *self);
/* The shortcuts window's section for what the window shows: the board
 * kind's when a board is open, else the general one. */
const char *tf_window_get_shortcuts_section (TfWindow   *self);
const char *tf_window_get_sort_order      (TfWindow      *self);
/* The experiment shown on the right, 0 when none. */
gint64      tf_window_get_experiment_id   (TfWindow      *self);
/* What the content pane shows: "welcome", "empty", "experiment" or "board". */
const char *tf_window_get_page           (TfWindow      *self);
/* The archive list, a GListModel of TfExperiment. */
GListModel *tf_window_get_experiments     (TfWindow      *self);
/* Whether the archive shows beside an open board (Ctrl+F9); beside an
 * experiment it always does. */
gboolean    tf_window_get_show_archive    (TfWindow      *self);

void        tf_window_set_sort_order      (TfWindow      *self,
                                           const char    *sort_order);
void        tf_window_set_show_archive    (TfWindow      *self,
                                           gboolean       show_archive);
/* Shows an experiment (0: none); returns FALSE if the archive has no such one. */
gboolean    tf_window_show_experiment     (TfWindow      *self,
                                           gint64         experiment_id);
void        tf_window_add_toast           (TfWindow      *self,
                                           AdwToast      *toast);
/* The archive pane shows "local" (this computer's) or "region". */
void        tf_window_show_place          (TfWindow      *self,
                                           const char    *place);
/* The archive pane's "Region" (a TfRegionalPane). */
GtkWidget  *tf_window_get_regional_pane   (TfWindow      *self);
/* How many times the window read the archive again after a change (for
 * tests: a phone's insight must not). */
guint       tf_window_get_n_reloads       (TfWindow      *self);
/* The last “Undone”/“Redone” toast, while it lives (for tests). */
AdwToast   *tf_window_get_replay_toast    (TfWindow      *self);

G_END_DECLS
