/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What an actor map shows: the families of its actors and the relation
 * types of its links, counted. The same summary draws the legend (on the
 * board, as a "legend" item, and in exports) and feeds the side panel's
 * counts. Only what is actually on the board is listed. */

#include <pango/pangocairo.h>

#include "canvas/tf-scene.h"

G_BEGIN_DECLS

typedef struct {
  char      *family;   /* a family id; "" for actors whose pictogram is unknown */
  guint      count;    /* actors of this family on the board */
  GPtrArray *stamps;   /* char *: the pictograms used, in order of first use */
} TfLegendFamily;

typedef struct {
  char  *relation;     /* "information"…, or a relation the user named */
  guint  count;        /* links of this type */
} TfLegendRelation;

typedef struct {
  GPtrArray *families;   /* TfLegendFamily, in the order of the stamp families */
  GPtrArray *relations;  /* TfLegendRelation: built-in types in order, then the others by name */
  guint      n_actors;
  guint      n_links;
} TfLegend;

/* Counts per family and per relation type of the visible items of @scene. */
TfLegend               *tf_legend_compute          (TfScene        *scene) G_GNUC_WARN_UNUSED_RESULT;
void                    tf_legend_free             (TfLegend       *legend);
const TfLegendFamily   *tf_legend_find_family      (const TfLegend *legend,
                                                    const char     *family);
const TfLegendRelation *tf_legend_find_relation    (const TfLegend *legend,
                                                    const char     *relation);
gboolean                tf_legend_is_empty         (const TfLegend *legend);

/* The title a legend shows for its item's text @title: the text, else the
 * default "Legend" in the interface's language (for NULL, "", and the
 * default's own words in English or French, as older archives stored it). */
const char             *tf_legend_get_title        (const char     *title);

/* The legend box's natural size in board units, its title included (NULL or
 * "" for the default, "Legend"). */
void                    tf_legend_measure          (const TfLegend *legend,
                                                    PangoContext   *pango,
                                                    const char     *title,
                                                    double         *width,
                                                    double         *height);
/* Draws the legend box at (@x, @y) at its natural size in @cr's user units:
 * a pictogram on its family's colour per family, a line sample per relation
 * type. @vector: pictograms as vectors (print). */
void                    tf_legend_draw             (const TfLegend *legend,
                                                    cairo_t        *cr,
                                                    PangoContext   *pango,
                                                    const char     *title,
                                                    double          x,
                                                    double          y,
                                                    gboolean        vector);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfLegend, tf_legend_free)

G_END_DECLS
