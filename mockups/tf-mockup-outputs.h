/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the mockup board type plugs into the generic layers (its
 * TfBoardType hooks, mockups/tf-mockup.c), and what they share. */

#include "core/tf-board-type.h"
#include "core/tf-board.h"
#include "canvas/tf-scene.h"

G_BEGIN_DECLS

/* tf-mockup-export.c: no photo of people leaves the archive unless a blur
 * region covers it or their consent is recorded. */
gboolean   tf_mockup_export_check   (TfBoard       *board,
                                     TfScene       *scene,
                                     TfAssetSource *assets,
                                     gint64        *item_id,
                                     GError       **error);
/* The report: each photo as printed, its "before" beside it, then the
 * legend of its numbered callouts. */
gboolean   tf_mockup_report_section (TfReportFlow *flow,
                                     guint         board_index,
                                     GError      **error);
/* The board's page as a grid (TfBoardType.print_figures): each photo
 * with what is drawn on it, its "before" beside it when it has one, under
 * each its name as the side panel gives it. */
void       tf_mockup_print_figures  (TfScene       *scene,
                                     TfAssetSource *assets,
                                     GArray        *figures);
/* The key printed beside the board (TfBoardType.key_rows): each photo's
 * callouts, number and text, under the photo's heading when several have
 * some ("Photo 2 · bureau.jpg", the file's name read through @assets, as
 * the side panel shows it). */
void       tf_mockup_key_rows       (TfScene       *scene,
                                     TfAssetSource *assets,
                                     GArray        *rows);
/* The photo items of @scene in reading order (left to right, then top to
 * bottom), hidden ones left out, "before" photos included (borrowed). */
GPtrArray *tf_mockup_photos         (TfScene      *scene) G_GNUC_WARN_UNUSED_RESULT;
/* The number the side panel shows for photo @photo_id ("Photo 2"): its
 * rank among the board's photos by creation (1 for the first), 0 when
 * it is not one of them. The printed key uses it too. */
guint      tf_mockup_photo_number   (TfScene      *scene,
                                     gint64        photo_id);
/* "Photo 2 · Desk, after": the photo's number and its own name (its
 * item's text), else @file (the name of the file it came from; NULL:
 * none), else the number alone. The side panel, the key and the report
 * name photos so. */
char      *tf_mockup_photo_heading  (TfScene      *scene,
                                     const TfItem *photo,
                                     const char   *file) G_GNUC_WARN_UNUSED_RESULT;
/* The callouts of photo @photo_id in their numbers' order (borrowed). */
GPtrArray *tf_mockup_callouts       (TfScene      *scene,
                                     gint64        photo_id) G_GNUC_WARN_UNUSED_RESULT;

/* tf-mockup-session.c: the room's views of a mockup
 * (list_session_steps), each photo with its original beside it. */
void       tf_mockup_list_session_steps (TfScene  *scene,
                                         GArray   *steps);

/* tf-mockup-search.c: the board's search (TfBoardType.search_items)
 * finds a photo by the name of its file and by its legend. */
void       tf_mockup_search_items   (TfStore      *store,
                                     TfScene      *scene,
                                     const char   *text,
                                     GArray       *found);

/* tf-mockup-demo.c */
gboolean   tf_mockup_insert_demo    (TfStore      *store,
                                     gint64        experiment_id,
                                     int           position,
                                     GError      **error);

G_END_DECLS
