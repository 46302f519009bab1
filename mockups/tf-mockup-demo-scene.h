/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The demo mockup's desk photo, shared by the program that draws it at
 * build time (tf-mockup-demo-draw.c) and the demo that places the cover and
 * the annotations on it (tf-mockup-demo.c). */

/* The desk is drawn in these units (then stored smaller). */
#define DESK_W 1800
#define DESK_H 1200

/* Where the blank booklet lies on the desk photo, in its pixels: top-left,
 * top-right, bottom-right, bottom-left (the bottom edge nearer, so longer). */
static const double booklet[8] = { 590, 236, 1040, 200, 1108, 830, 628, 884 };
/* The name badge, to blur: its box in the desk's pixels. */
static const double badge_box[4] = { 118, 250, 330, 250 };
