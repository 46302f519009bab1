/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of TfBoardView: drawing and viewport
 * (tf-board-view.c), pointer and keyboard (tf-board-view-input.c), actions
 * and clipboard (tf-board-view-actions.c), the inline editor
 * (tf-board-view-editor.c). The GUI tests include it to drive the same code
 * paths the event controllers do. */

#include <adwaita.h>

#include "canvas/tf-layout.h"
#include "canvas/tf-renderer.h"
#include "tf-board-type-gui.h"
#include "tf-board-view.h"
#include "tf-canvas-view-private.h"
#include "tf-tool.h"

G_BEGIN_DECLS

typedef enum {
  TF_DRAG_NONE,
  TF_DRAG_PAN,
  TF_DRAG_MOVE,      /* pressed on an item: moves once past the threshold */
  TF_DRAG_RUBBER,
  TF_DRAG_RESIZE,
  TF_DRAG_LINK,      /* from an actor to another: a new link */
} TfDragMode;

/* The eight handles around a single selected item, clockwise from the
 * top-left corner; -1 for none. */
#define TF_N_HANDLES 8

/* Room between the grid's dots, in board units: the renderer's grid. */
#define TF_BOARD_GRID_STEP 24.0

struct _TfBoardView
{
  /* The scene, the renderer, the viewport, its animation and the search
   * matches: what any board on screen has (tf-canvas-view.c). */
  TfCanvasView        canvas;

  TfHistory          *history;
  char               *stamp_notice;  /* a refused pictogram of the board, said once mapped */
  GSimpleActionGroup *actions;
  gint64              board_id;
  gboolean            editable;          /* FALSE: a read-only archive, look only */

  /* Selection: a set of ids, and the order they were picked in. */
  GHashTable         *selected;
  GArray             *selection;
  gint64              hover_id;
  /* The width last allocated (a side panel opening narrows it). */
  int                 alloc_width;

  /* Pointer. */
  gboolean            pointer_inside;
  double              pointer_x;
  double              pointer_y;
  gboolean            space_held;
  double              pinch_zoom;        /* the zoom when a pinch began */

  /* Dragging. Moved items are displaced in the scene only, then put back
   * before the one move command runs. */
  TfDragMode          drag_mode;
  double              drag_start_x;      /* widget coordinates */
  double              drag_start_y;
  double              drag_view_x;       /* the view's origin at the start of a pan */
  double              drag_view_y;
  gboolean            drag_started;      /* past the drag threshold */
  GArray             *drag_ids;          /* gint64: what moves visually */
  GArray             *drag_origins;      /* TfRect: where each was */
  TfRect              drag_box;          /* the union of drag_origins */
  double              drag_dx;           /* board units, snapped */
  double              drag_dy;
  double              guide_x;           /* snap guides, NAN for none */
  double              guide_y;
  GHashTable         *drag_ignore;       /* gint64 set: not snap targets */
  gint64              press_id;          /* the item pressed, for a click */
  gboolean            press_toggled;     /* Shift-click changed the selection */
  GHashTable         *rubber_base;       /* selection before a Shift rubber band */
  TfRect              rubber;            /* board units */
  int                 resize_handle;
  TfRect              resize_rect;
  gboolean            snap_to_grid;

  /* The inline editor of a note's text. */
  GtkWidget          *editor;            /* GtkScrolledWindow around editor_text */
  GtkTextView        *editor_text;
  GtkCssProvider     *editor_css;
  gint64              editing_id;        /* 0 for a new note */
  TfRect              editing_bounds;    /* board units; grows with a note's text */
  TfRect              editing_start;     /* editing_bounds when the editing began */
  gboolean            editor_loading;    /* the editor's text is being set, not typed */
  PangoContext       *fit_context;       /* to measure the text typed (side_for_text) */
  gboolean            capturing;         /* Enter goes on to the next note */
  gboolean            committing;
  char               *capture_color;
  gint64              last_capture_id;   /* the note written last, to write the next beside it */
  /* What the user saw when a series of notes began (board units): the
   * series fills it in rows (tf_board_view_next_place). */
  TfRect              capture_view;
  /* The item the keyboard is on (0: the one selected last), and whether
   * the selection is being built from the keyboard (Shift+Space): then
   * Tab and the arrows move the keyboard without changing the selection. */
  gint64              key_focus_id;
  gboolean            key_building;

  /* Actor maps: the picked stamp (stamping on every click), the link tool,
   * the link being drawn, and a layout being animated. */
  gboolean            actor_map;
  GtkDropTarget      *stamp_drop;        /* the stamp palette's drops, on actor maps only */
  gboolean            hover_ring;        /* the pointer is on an actor's edge */
  gint64              link_source;
  gint64              link_target;
  double              link_x;            /* board units: the loose end */
  double              link_y;
  guint               layout_tick;
  gint64              layout_start;
  GArray             *layout_ids;        /* gint64 */
  GArray             *layout_from;       /* TfRect */
  GArray             *layout_to;         /* TfRect */
  char               *layout_label;

  /* The board type's GUI (NULL: generic select tool only), the actions it
   * added (prefix → TfViewActions), and the current tool (NULL: select). */
  const TfBoardTypeGui *type_gui;
  GHashTable         *extra_actions;
  TfTool             *tool;
  gboolean            tool_grab;         /* the tool took the press: it gets the drag */

  /* The keyboard (tf-board-view-focus.c): the item Tab left the board
   * from, past the end (coming back, Tab starts again); an undo or redo
   * running, and the ids it changed. */
  gint64              tab_left_id;
  gboolean            replaying;
  GArray             *replay_ids;        /* gint64 */
  /* What the view's accessible name and description say now, and the
   * board's title for them (tf_board_view_announce()). */
  char               *a11y_title;
  char               *a11y_name;
  char               *a11y_description;
};

/* tf-board-view.c */
void      tf_board_view_notify_editing    (TfBoardView  *self);
/* Says, in a toast, that a read-only archive cannot be changed. */
void      tf_board_view_show_read_only    (TfBoardView  *self);
void      tf_board_view_selection_changed (TfBoardView  *self);
void      tf_board_view_set_zoom_internal (TfBoardView  *self,
                                           double        zoom);
/* Says @title in a toast (with an Undo button: @undo_button); it takes
 * the place of the board's toast before, which goes at once. */
void      tf_board_view_show_toast        (TfBoardView  *self,
                                           const char   *title,
                                           gboolean      undo_button);
/* The window's last toast (the board's or an undo's) while it shows or
 * waits, else NULL. */
AdwToast *tf_board_view_get_toast         (TfBoardView  *self);
/* The handle at a widget point, or -1. */
int       tf_board_view_handle_at         (TfBoardView  *self,
                                           double        x,
                                           double        y);

/* tf-board-view-viewport.c */
void      tf_board_view_stop_animation    (TfBoardView  *self);
void      tf_board_view_set_origin        (TfBoardView  *self,
                                           double        x,
                                           double        y);
void      tf_board_view_animate_centre    (TfBoardView  *self,
                                           double        cx,
                                           double        cy,
                                           double        zoom);
void      tf_board_view_animate_to        (TfBoardView  *self,
                                           const TfRect *area,
                                           double        max_zoom);
void      tf_board_view_fit_all           (TfBoardView  *self,
                                           gboolean      animate);

/* tf-board-view-selection.c */
void      tf_board_view_clear_selection   (TfBoardView  *self);
void      tf_board_view_remove_selected   (TfBoardView  *self,
                                           gint64        id);
void      tf_board_view_toggle_selected   (TfBoardView  *self,
                                           gint64        id);
gboolean  tf_board_view_is_selected       (TfBoardView  *self,
                                           gint64        id);
/* The selected ids as a plain array, @kind ("note"…) or NULL for all. */
GArray   *tf_board_view_selected_ids      (TfBoardView  *self,
                                           const char   *kind) G_GNUC_WARN_UNUSED_RESULT;
TfRect    tf_board_view_selection_bounds  (TfBoardView  *self);
/* The item at a board point, by the kinds' distance and pick rank (links
 * by their line, actors before links before pools). */
TfItem   *tf_board_view_pick_item         (TfBoardView  *self,
                                           double        bx,
                                           double        by);

/* tf-board-view-input.c: the controllers, and the handlers they call. */
void      tf_board_view_init_input        (TfBoardView  *self);
gboolean  tf_board_view_key_pressed       (TfBoardView  *self,
                                           guint         keyval,
                                           GdkModifierType state);
void      tf_board_view_key_released      (TfBoardView  *self,
                                           guint         keyval);
void      tf_board_view_pointer_motion    (TfBoardView  *self,
                                           double        x,
                                           double        y);
gboolean  tf_board_view_scroll            (TfBoardView  *self,
                                           double        dx,
                                           double        dy,
                                           GdkScrollUnit unit,
                                           GdkModifierType state);
void      tf_board_view_drag_begin        (TfBoardView  *self,
                                           guint         button,
                                           GdkModifierType state,
                                           double        x,
                                           double        y);
void      tf_board_view_drag_update       (TfBoardView  *self,
                                           GdkModifierType state,
                                           double        offset_x,
                                           double        offset_y);
void      tf_board_view_drag_end          (TfBoardView  *self);
/* The select tool (pan, move, rubber band, resize, a link from an actor's
 * edge): what a press gets when no tool is set or the tool leaves it. */
TfTool   *tf_board_view_get_select_tool   (void);
/* Puts what a drag displaced back, except the items in @reloaded (ids the
 * scene has just read again from the archive); NULL for all. */
void      tf_board_view_cancel_drag       (TfBoardView  *self,
                                           GArray       *reloaded);

/* tf-board-view-actions.c */
/* A board type's own action group (wall.*, actors.*) on the view: @update
 * enables its actions whenever the generic ones are; NULL @group removes. */
typedef void (*TfViewActionsUpdate) (TfBoardView  *self,
                                     GActionGroup *group);
void      tf_board_view_add_actions       (TfBoardView  *self,
                                           const char   *prefix,
                                           GActionGroup *group,
                                           TfViewActionsUpdate update);
typedef struct {
  GActionGroup        *group;
  TfViewActionsUpdate  update;
} TfViewActions;
GActionGroup *tf_board_view_lookup_actions (TfBoardView *self,
                                           const char   *prefix);
/* Shows the board type's GUI: takes the last one's actions and tools off,
 * adds this one's. NULL for a type with none. */
void      tf_board_view_set_type_gui      (TfBoardView  *self,
                                           const TfBoardTypeGui *gui);
/* Whether @item holds others by parent (a zone): tidy lays them out. */
gboolean  tf_board_view_is_tidy_container (TfBoardView *self,
                                           const TfItem *item);
/* Whether @item's bounds follow from other items (a link, a pool). */
gboolean  tf_board_view_is_derived       (TfBoardView  *self,
                                           const TfItem *item);
/* The selected ids whose item passes @filter (NULL: all). */
GArray   *tf_board_view_selected_filtered (TfBoardView  *self,
                                           gboolean    (*filter) (TfBoardView  *self,
                                                                  const TfItem *item)) G_GNUC_WARN_UNUSED_RESULT;
/* The item kind typed or pasted text becomes on this board, NULL for none. */
const char *tf_board_view_capture_kind    (TfBoardView  *self);
/* Runs @command, which it frees. */
gboolean  tf_board_view_execute_owned     (TfBoardView  *self,
                                           TfCommand    *command);
/* The bounds of @ids, for layout functions; g_free() it. */
TfRect   *tf_board_view_bounds_of         (TfBoardView  *self,
                                           GArray       *ids) G_GNUC_WARN_UNUSED_RESULT;
void      tf_board_view_init_actions      (TfBoardView  *self);
void      tf_board_view_class_init_keys   (GtkWidgetClass *widget_class);
void      tf_board_view_update_actions    (TfBoardView  *self);
/* Deletes (or cuts) the selection in one command, with a toast offering Undo. */
void      tf_board_view_delete_selection  (TfBoardView  *self,
                                           gboolean      cut);
/* Moves items by (dx, dy) in one command: what a drag and the arrow keys do. */
gboolean  tf_board_view_move_items        (TfBoardView  *self,
                                           const gint64 *ids,
                                           guint         n_ids,
                                           double        dx,
                                           double        dy);

/* tf-board-view-clipboard.c: whole items between boards, plain text (one
 * line per quote) with every other application. */
gboolean  tf_board_view_copy              (TfBoardView  *self);
void      tf_board_view_paste             (TfBoardView  *self);
/* The toast of a Ctrl+V that finds nothing the board can take. */
void      tf_board_view_show_nothing_to_paste (TfBoardView  *self);

/* tf-board-view-focus.c: Tab from item to item, the focus frame, the
 * selection through undo and redo. */
/* Sorts @items (TfItem *) in reading order: rows top to bottom, each left
 * to right. For a board type's TfBoardTypeGui.reading_order. */
void      tf_board_view_sort_reading      (GPtrArray    *items);
/* Whether Tab stops on @item: shown, its bounds its own (not a link). */
gboolean  tf_board_view_tab_stop          (TfBoardView  *self,
                                           const TfItem *item);
/* The generic reading order: the items without a parent, each followed
 * by what it holds (a cluster's notes), each level sorted as it reads. */
GArray   *tf_board_view_reading_order     (TfBoardView  *self) G_GNUC_WARN_UNUSED_RESULT;
/* Tab (or Shift+Tab): selects the next (previous) item in the board
 * type's reading order and brings it into view if it is not shown; FALSE
 * past the last (first) one, when the keyboard should leave the board. */
gboolean  tf_board_view_tab               (TfBoardView  *self,
                                           gboolean      backwards);
/* Moves the keyboard out of the board, as Tab does in a window (past the
 * last item, Ctrl+Tab; a board type that takes Tab itself). */
void      tf_board_view_leave             (TfBoardView  *self,
                                           gboolean      backwards);
void      tf_board_view_draw_focus_frame  (TfBoardView  *self,
                                           cairo_t      *cr);
/* The keys that move the keyboard between items besides Tab: Home, End,
 * Alt+Up (out of a cluster), Alt+Down (into it), Ctrl+arrows (the nearest
 * item that way); TRUE when handled. */
gboolean  tf_board_view_focus_key         (TfBoardView  *self,
                                           guint         keyval,
                                           GdkModifierType state);
/* The item Tab would go to after (before) @id in the reading order, 0 for
 * none; @id 0: the first (last). */
gint64    tf_board_view_next_in_order     (TfBoardView  *self,
                                           gint64        id,
                                           gboolean      backwards);
/* Follows the history's undo and redo (after tf_board_view_set_history). */
void      tf_board_view_watch_history     (TfBoardView  *self,
                                           TfHistory    *old_history);
/* The ids an items-changed brought, gathered while an undo or redo runs. */
void      tf_board_view_note_replayed_items (TfBoardView *self,
                                           GArray       *ids);

/* tf-board-view-editor.c */
void      tf_board_view_init_editor       (TfBoardView  *self);
void      tf_board_view_dispose_editor    (TfBoardView  *self);
void      tf_board_view_place_editor      (TfBoardView  *self);
/* What the editor's key controller does with a key; TRUE when handled. */
gboolean  tf_board_view_editor_key        (TfBoardView  *self,
                                           guint         keyval,
                                           GdkModifierType state);
/* Room for a new note near the pointer or after the last one. */
TfRect    tf_board_view_next_place        (TfBoardView  *self,
                                           TfScene      *scene,
                                           gboolean      near_pointer);

/* tf-board-view-actors.c: stamps, links, pools, legend and layouts of
 * actor maps. */
void      tf_board_view_init_actors       (TfBoardView  *self);
void      tf_board_view_dispose_actors    (TfBoardView  *self);
/* Stamps @stamp_id centred on a widget point: one add command. Returns the
 * new item's id, 0 when nothing was added. What a drop and a click with
 * the stamp tool do. */
gint64    tf_board_view_stamp_at          (TfBoardView  *self,
                                           const char   *stamp_id,
                                           double        x,
                                           double        y);
/* The drop target's handler: a stamp id dropped at a widget point. */
gboolean  tf_board_view_drop_stamp        (TfBoardView  *self,
                                           const char   *stamp_id,
                                           double        x,
                                           double        y);
/* Whether a press at a widget point starts a link (the link tool is on, or
 * Ctrl is held, and it is on an actor); then starts it. */
gboolean  tf_board_view_link_begin        (TfBoardView  *self,
                                           GdkModifierType state,
                                           double        bx,
                                           double        by);
/* Whether a board point on @item is where a drag draws a link by itself:
 * the edge of an actor's disc. */
gboolean  tf_board_view_on_link_ring      (TfBoardView  *self,
                                           const TfItem *item,
                                           double        bx,
                                           double        by);
void      tf_board_view_link_update       (TfBoardView  *self,
                                           double        bx,
                                           double        by);
/* Adds the link being drawn if it ends on another actor. */
void      tf_board_view_link_end          (TfBoardView  *self);
void      tf_board_view_draw_actor_overlays (TfBoardView *self,
                                           cairo_t      *cr);
/* Outlines a link along its line (hover, selection); FALSE for other kinds. */
gboolean  tf_board_view_outline_link      (TfBoardView  *self,
                                           cairo_t      *cr,
                                           const TfItem *item,
                                           double        alpha,
                                           double        width);
/* Pools the selected actors in one command; the pool's id, or 0. */
gint64    tf_board_view_new_pool          (TfBoardView  *self);
gint64    tf_board_view_add_legend        (TfBoardView  *self);
/* Starts an animated layout: rings around the selected actor, or the force
 * layout of the whole network. FALSE when it does not apply. */
gboolean  tf_board_view_start_layout      (TfBoardView  *self,
                                           gboolean      rings);
/* Ends a layout being animated at once, with its one command. */
void      tf_board_view_finish_layout     (TfBoardView  *self);
gboolean  tf_board_view_has_actors        (TfBoardView  *self);
/* A refused pictogram of the board is said in a toast once it shows. */
void      tf_board_view_notice_refused_stamps (TfBoardView *self);
void      tf_board_view_show_stamp_notice (TfBoardView  *self);
/* Whether the board is an actor map: its tools and actions apply. */
void      tf_board_view_set_actor_map     (TfBoardView  *self,
                                           gboolean      actor_map);

G_END_DECLS
