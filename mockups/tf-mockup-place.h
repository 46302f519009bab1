/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Where something added from the keyboard or a menu goes on a photo
 * (issue #11): not on top of what is already there. No GTK. */

#include "canvas/tf-rect.h"

G_BEGIN_DECLS

/* The centre of the first free spot for a @width × @height item inside
 * @area: its centre, else the spots of a grid across @area (half the
 * item's size apart) nearest its centre first, the first whose rectangle
 * meets none of the @n_taken rectangles of @taken. With no free spot (or
 * an item bigger than @area): @area's centre. Returns whether the spot
 * is free. */
gboolean   tf_mockup_free_spot          (const TfRect *area,
                                         const TfRect *taken,
                                         guint         n_taken,
                                         double        width,
                                         double        height,
                                         double       *cx,
                                         double       *cy);

G_END_DECLS
