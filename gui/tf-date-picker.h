/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Gives @row a calendar button: its popover opens on the date the row
 * holds (written as the person writes dates, or ISO); picking a day writes
 * it in the user's format (tf_date_format_user()) and emits the row's
 * "apply" and "entry-activated", as the person's own Enter would. */
void tf_date_picker_attach (AdwEntryRow *row);

G_END_DECLS
