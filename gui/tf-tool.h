/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _TfBoardView TfBoardView;
typedef struct _TfTool      TfTool;
typedef struct _TfToolClass TfToolClass;

/* What a tool does with the pointer and the keyboard on the board editor
 * (TfBoardView). The select tool (move, rubber band, resize, a link from an
 * actor's edge; tf_board_view_get_select_tool() in tf-board-view-private.h)
 * gets the press when no tool is set, or when a tool's press returns FALSE;
 * panning (middle button, Space) is the editor's whatever the tool.
 * Coordinates are widget pixels; tf_board_view_to_board() converts. Every
 * hook may be NULL. A tool is cancelled (its gesture dropped, nothing
 * written) by Escape, by a change of board and when the archive turns
 * read-only; a read-only editor refuses tools. */
struct _TfToolClass
{
  const char *id;            /* "link", "stamp"… */
  const char *cursor;        /* the pointer's shape while the tool is on */
  /* A press: TRUE when the tool takes it (then the drag and release are
   * its own), FALSE to leave it to the select tool. */
  gboolean  (*press)        (TfTool          *tool,
                             TfBoardView     *view,
                             GdkModifierType  state,
                             double           x,
                             double           y);
  /* The pointer moved @ox, @oy from the press. */
  void      (*drag)         (TfTool          *tool,
                             TfBoardView     *view,
                             GdkModifierType  state,
                             double           ox,
                             double           oy);
  void      (*release)      (TfTool          *tool,
                             TfBoardView     *view);
  void      (*motion)       (TfTool          *tool,
                             TfBoardView     *view,
                             double           x,
                             double           y);
  /* TRUE when handled. */
  gboolean  (*key)          (TfTool          *tool,
                             TfBoardView     *view,
                             guint            keyval,
                             GdkModifierType  state);
  /* Draws over the board, after the select tool's overlays, in widget
   * pixels (tf_board_view_to_widget() converts). */
  void      (*draw_overlay) (TfTool          *tool,
                             TfBoardView     *view,
                             cairo_t         *cr);
  /* Drops the gesture in progress; returns whether there was one. */
  gboolean  (*cancel)       (TfTool          *tool,
                             TfBoardView     *view);
  void      (*free)         (TfTool          *tool);
};

/* A tool: its class, and its state after it (a tool allocates its own
 * struct with a TfTool first). */
struct _TfTool
{
  const TfToolClass *klass;
};

void        tf_tool_free      (TfTool *tool);
const char *tf_tool_get_id    (TfTool *tool);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfTool, tf_tool_free)

/* The editor's current tool, NULL for the select tool. */
TfTool     *tf_board_view_get_tool    (TfBoardView *self);
/* Sets the current tool, which the editor then owns; the last one is
 * cancelled and freed. FALSE (and @tool freed) when the board is
 * read-only or no board is shown: the select tool stays. */
gboolean    tf_board_view_set_tool    (TfBoardView *self,
                                       TfTool      *tool);
/* Cancels the current tool's gesture (a link being drawn) and puts the
 * tool down; FALSE when there was neither. */
gboolean    tf_board_view_cancel_tool (TfBoardView *self);

G_END_DECLS
