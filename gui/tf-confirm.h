/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Asks before an export replaces @path, an existing SQLite database
 * (perhaps another archive): "Cancel" (the default) or "Replace"
 * (destructive). Connect to "response" and present it. */
GtkWidget   *tf_confirm_replace_database_new (GtkWindow  *parent,
                                              const char *path);

G_END_DECLS
