/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The preferences: the regional archive's connection (kept in the
 * settings), with "Test the Connection" run in a thread. */
GtkWidget  *tf_regional_preferences_new      (GtkWindow *parent);
/* For tests: the connection row, the test's button and what it said. */
AdwEntryRow *tf_regional_preferences_get_entry  (GtkWidget *preferences);
GtkButton   *tf_regional_preferences_get_test   (GtkWidget *preferences);
const char  *tf_regional_preferences_get_status (GtkWidget *preferences);
/* TRUE while the connection is being tested. */
gboolean     tf_regional_preferences_get_busy   (GtkWidget *preferences);

G_END_DECLS
