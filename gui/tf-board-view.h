/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "canvas/tf-scene.h"
#include "core/tf-history.h"
#include "tf-canvas-view.h"

G_BEGIN_DECLS

#define TF_TYPE_BOARD_VIEW (tf_board_view_get_type ())
/* The board editor: a TfCanvasView that owns the selection, inline
 * editing, the clipboard, the board's actions and a current tool. */
G_DECLARE_FINAL_TYPE (TfBoardView, tf_board_view, TF, BOARD_VIEW, TfCanvasView)

/* Zoom is in screen pixels per board unit: 2 % to 800 %; a board too big
 * to fit at 2 % zooms out further (tf_board_view_get_min_zoom()). */
#define TF_BOARD_VIEW_MIN_ZOOM  TF_CANVAS_VIEW_MIN_ZOOM
#define TF_BOARD_VIEW_MAX_ZOOM  TF_CANVAS_VIEW_MAX_ZOOM
#define TF_BOARD_VIEW_ZOOM_STEP 1.25

GtkWidget    *tf_board_view_new              (void);

TfHistory    *tf_board_view_get_history      (TfBoardView  *self);
gint64        tf_board_view_get_board_id     (TfBoardView  *self);
/* The board's items, NULL when no board is shown. */
TfScene      *tf_board_view_get_scene        (TfBoardView  *self);
double        tf_board_view_get_zoom         (TfBoardView  *self);
/* The furthest this view zooms out: 2 %, or what fits the whole board. */
double        tf_board_view_get_min_zoom     (TfBoardView  *self);
/* Whether the board has nothing to show (no visible item). */
gboolean      tf_board_view_get_empty        (TfBoardView  *self);
/* Files dropped on a board that are a bundle (an experiment shared as a
 * .transfo file) are not the board's: they go to the window's import
 * preview (the action "bundle.open-uri"). A board kind that takes drops of
 * files calls this first and stops when it answers TRUE. */
gboolean      tf_board_view_drop_bundle      (TfBoardView  *self,
                                              const GValue *value);
/* Whether a note's text is being typed on the board. */
gboolean      tf_board_view_get_editing      (TfBoardView  *self);
gboolean      tf_board_view_get_snap_to_grid (TfBoardView  *self);
/* Actor maps: the stamp each click on the board stamps, NULL for none. */
const char   *tf_board_view_get_stamp_tool   (TfBoardView  *self);
/* Actor maps: whether dragging from an actor draws a link; the tool is
 * put down after one link unless it is locked. */
gboolean      tf_board_view_get_link_tool    (TfBoardView  *self);
gboolean      tf_board_view_get_link_tool_locked (TfBoardView *self);
/* The selected item ids, in the order they were selected. */
GArray       *tf_board_view_get_selection    (TfBoardView  *self) G_GNUC_WARN_UNUSED_RESULT;
guint         tf_board_view_get_n_selected   (TfBoardView  *self);
/* The view's actions ("canvas.*"), for menus outside the view. */
GActionGroup *tf_board_view_get_actions      (TfBoardView  *self);

void          tf_board_view_set_history      (TfBoardView  *self,
                                              TfHistory    *history);
/* FALSE for a read-only archive: the board can be looked at, searched,
 * selected, copied and exported, not changed. TRUE by default. */
gboolean      tf_board_view_get_editable     (TfBoardView  *self);
void          tf_board_view_set_editable     (TfBoardView  *self,
                                              gboolean      editable);
/* Shows a board (0: none) and fits it in view; FALSE if it cannot be read. */
gboolean      tf_board_view_set_board_id     (TfBoardView  *self,
                                              gint64        board_id,
                                              GError      **error);
/* Zooms around the centre of the view. */
void          tf_board_view_set_zoom         (TfBoardView  *self,
                                              double        zoom);
void          tf_board_view_set_snap_to_grid (TfBoardView  *self,
                                              gboolean      snap_to_grid);
void          tf_board_view_set_stamp_tool   (TfBoardView  *self,
                                              const char   *stamp_id);
void          tf_board_view_set_link_tool    (TfBoardView  *self,
                                              gboolean      link_tool);
/* Takes the link tool up locked: it stays for link after link, until
 * Escape or the tool's button. */
void          tf_board_view_lock_link_tool   (TfBoardView  *self);

/* Zooms so that the board point under (@x, @y), in widget coordinates,
 * stays under it. */
void          tf_board_view_zoom_at          (TfBoardView  *self,
                                              double        zoom,
                                              double        x,
                                              double        y);
/* The board point at a widget point, and back. */
void          tf_board_view_to_board         (TfBoardView  *self,
                                              double        x,
                                              double        y,
                                              double       *board_x,
                                              double       *board_y);
void          tf_board_view_to_widget        (TfBoardView  *self,
                                              double        board_x,
                                              double        board_y,
                                              double       *x,
                                              double       *y);
void          tf_board_view_select           (TfBoardView  *self,
                                              const gint64 *ids,
                                              guint         n_ids);
/* Brings an item to the centre of the view, legible, smoothly. */
void          tf_board_view_reveal_item      (TfBoardView  *self,
                                              gint64        id);
/* Search matches: outlined in the accent colour, the rest dimmed; @current
 * is outlined more strongly. NULL clears. */
void          tf_board_view_set_highlights   (TfBoardView  *self,
                                              const gint64 *ids,
                                              guint         n_ids,
                                              gint64        current);
/* Runs an edit of the board through the window's history; an error shows
 * as a toast. Returns whether it ran. */
gboolean      tf_board_view_execute          (TfBoardView  *self,
                                              TfCommand    *command);
/* Starts writing a new note, holding @text, at the next free place. */
void          tf_board_view_start_capture    (TfBoardView  *self,
                                              const char   *text);
/* Edits the text of a note, a label or a zone's title. */
/* Edits item @id's text starting from @text instead of its own (typing
 * over an actor's name renames it). */
void          tf_board_view_edit_item_with   (TfBoardView  *self,
                                              gint64        id,
                                              const char   *text);
void          tf_board_view_edit_item        (TfBoardView  *self,
                                              gint64        id);
/* Commits what is being typed, and ends editing. */
void          tf_board_view_stop_editing     (TfBoardView  *self);

/* The board's title, for screen readers: the view's accessible name when
 * nothing is selected, and the start of its description. */
void      tf_board_view_set_accessible_title (TfBoardView *self,
                                              const char  *title);
/* Says where the keyboard is: updates the view's accessible name (the
 * selected item's description, its place in the reading order) so that a
 * screen reader reads it; called as the selection or the item changes. */
void      tf_board_view_announce          (TfBoardView *self);

G_END_DECLS
