/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What a board type's report_section hook (canvas/tf-board-type.h) may
 * write into the experiment report. */

#include "canvas/tf-rect.h"
#include "tf-export-source.h"

G_BEGIN_DECLS

typedef struct _TfReportFlow TfReportFlow;

/* What the report prints: the boards and scenes of the experiment. */
TfExportSource *tf_report_flow_get_source (TfReportFlow  *flow);
/* A section titled @title: a table of quotes (@items, const TfItem *, in
 * order) with who said them and their votes, under a heading per group
 * (@groups: one string or NULL per item, "Not in a cluster" for NULL; a
 * heading each time the group changes). FALSE once the report failed. */
gboolean        tf_report_flow_quotes     (TfReportFlow  *flow,
                                           const char    *title,
                                           GPtrArray     *items,
                                           GPtrArray     *groups,
                                           GError       **error);

/* For sections of other shapes (a blueprint's findings): a new page
 * titled @title, in the contents and the outline; a sub-heading; paragraphs
 * (separated by blank lines); a row of a two-column list, a small grey
 * @label then @text. Each returns FALSE once the report failed. */
gboolean        tf_report_flow_section    (TfReportFlow  *flow,
                                           const char    *title);
gboolean        tf_report_flow_heading    (TfReportFlow  *flow,
                                           const char    *title);
gboolean        tf_report_flow_paragraphs (TfReportFlow  *flow,
                                           const char    *text);
gboolean        tf_report_flow_row        (TfReportFlow  *flow,
                                           const char    *label,
                                           const char    *text);

/* A figure: @area of board @board_index as printed, the width of the text
 * (no taller than @max_height points, 0: no limit), on this page when it
 * fits, on a new one otherwise. */
gboolean        tf_report_flow_figure     (TfReportFlow  *flow,
                                           guint          board_index,
                                           const TfRect  *area,
                                           double         max_height);
/* A sub-heading kept on one page with the @keep points that follow it
 * (a figure's height from tf_report_flow_figure_height(), say), so that
 * it never ends a page alone. */
gboolean        tf_report_flow_heading_keep  (TfReportFlow  *flow,
                                              const char    *title,
                                              double         keep);
double          tf_report_flow_figure_height (TfReportFlow  *flow,
                                              const TfRect  *area,
                                              double         max_height);
/* @n_areas figures side by side, in order, one height for all (the
 * width of the text and @max_height allow), on this page when they fit;
 * and that height. */
gboolean        tf_report_flow_figures        (TfReportFlow  *flow,
                                               guint          board_index,
                                               const TfRect  *areas,
                                               guint          n_areas,
                                               double         max_height);
double          tf_report_flow_figures_height (TfReportFlow  *flow,
                                               const TfRect  *areas,
                                               guint          n_areas,
                                               double         max_height);
/* A key of numbered callouts (@rows: TfBoardKeyRow, a heading or a
 * number and its text) drawn as the board's own page draws it: the
 * number in the accent disc, its text beside it; and its height. */
gboolean        tf_report_flow_key            (TfReportFlow  *flow,
                                               GArray        *rows);
double          tf_report_flow_key_height     (TfReportFlow  *flow,
                                               GArray        *rows);
/* @n_areas figures of board @board_index side by side under @heading
 * (in the contents; a new section titled @section_title starts on their
 * page when not NULL), @caption (or NULL) under them and the key @rows (or
 * NULL) under them or at their right, then @notes (paragraphs, or NULL)
 * kept on their page: on what is left of this page when it prints them at
 * least 60 % as big as a page of their own, else on a page of their own
 * standing up or lying down, whichever prints them biggest, nothing cut;
 * @section_title stays on the page of its first figures. */
gboolean        tf_report_flow_figure_page    (TfReportFlow  *flow,
                                               guint          board_index,
                                               const char    *section_title,
                                               const char    *heading,
                                               const TfRect  *areas,
                                               guint          n_areas,
                                               const char    *caption,
                                               GArray        *rows,
                                               const char    *notes);
/* The height tf_report_flow_paragraphs() and tf_report_flow_row() take
 * for their text (within one page), to keep them with a heading. */
double          tf_report_flow_paragraphs_height (TfReportFlow  *flow,
                                                  const char    *text);
double          tf_report_flow_row_height        (TfReportFlow  *flow,
                                                  const char    *label,
                                                  const char    *text);

G_END_DECLS
