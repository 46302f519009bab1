/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tf-board-view.h"

G_BEGIN_DECLS

typedef struct _TfBoardTypeGui TfBoardTypeGui;

/* An entry of a menu a board type fills: its label (N_(), with its
 * mnemonic), its action, the accelerator shown (NULL: none). */
typedef struct {
  const char *label;
  const char *action;
  const char *accel;
} TfBoardMenuEntry;

/* The GUI side of a board type (canvas/tf-board-type.h): what the board
 * page and the editor ask of it instead of comparing kinds. A wing defines
 * one under gui/<wing>/ and registers it from its GUI init, listed in
 * gui/tf-gui-wings.c. A board whose type has none (a blueprint today, a
 * kind from a newer Transfo) opens with the generic select tool only. */
struct _TfBoardTypeGui
{
  const char *type_id;        /* TfBoardType.id: "insight-wall" */
  /* The prefix of the action group attach() adds ("wall"), or NULL. */
  const char *action_prefix;
  /* The side panel (a widget with a "view" property), NULL for none; the
   * panel button's tooltip (N_()); whether it opens with the board. */
  GType     (*panel_type)     (void);
  const char *panel_tooltip;
  gboolean    panel_open;
  /* The section of the shortcuts window (gui/gtk/help-overlay.ui) shown
   * first when it opens over a board of this type; NULL: the general one. */
  const char *shortcuts_section;
  /* The empty-state hint, already translated; NULL for the generic one. */
  const char *(*empty_hint)   (void);
  /* Whether "Start typing" writes on an empty board: the hint has no title. */
  gboolean    typing_writes;
  /* The smallest zoom a board of this type opens at: when the whole board
   * would show smaller than this, it opens on its top-left corner at this
   * zoom instead (a blueprint's cards readable from the first frame); 0 to
   * open on the whole board. Fitting on request still shows it all. */
  double      open_zoom;
  /* Whether the type places its items itself (a blueprint's cells): then
   * the Arrange menu (align, distribute, tidy, arrange all) and the
   * z-order commands are off, since whatever they moved would settle back. */
  gboolean    fixed_layout;
  /* The first section of the Arrange menu, ended by an entry with a NULL
   * label: a wall's clusters, an actor map's pools and layouts; NULL: the
   * generic Tidy and Arrange All. */
  const TfBoardMenuEntry *arrange_entries;
  /* Whether the board imports and exports plain-text insights. */
  gboolean    transfers_text;
  /* Whether the page shows the link tool's button. */
  gboolean    link_button;
  /* The item kind typed or pasted text becomes ("note"); NULL takes the
   * one registered with @capture_fallback set, as any board without its
   * own (an actor map, a blueprint) does. */
  const char *capture_kind;
  gboolean    capture_fallback;
  /* The undo label of typed text becoming an item (N_("Write label"));
   * NULL: "Write insight". */
  const char *capture_label;
  /* Adds the type's actions and tools to the editor, and takes them back
   * off when another type's board is shown; either may be NULL. */
  void      (*attach)         (TfBoardView *view);
  void      (*detach)         (TfBoardView *view);
  /* Ctrl+G: groups the selection the type's way (a cluster, a pool);
   * returns whether it did; NULL when the type has no groups. */
  gboolean  (*group)          (TfBoardView *view);
  /* How many selected items grouping applies to. */
  guint     (*n_groupable)    (TfBoardView *view);
  /* The toast after deleting @n items, NULL for the generic one. */
  char     *(*removal_title)  (TfBoardView  *view,
                               const GArray *ids,
                               gboolean      cut);
  /* The board's own keys (a cell cursor's arrows, Enter, Tab), asked
   * before the editor's shortcuts and after the current tool; TRUE when
   * handled. Not asked while text is being typed. NULL: none. */
  gboolean  (*key)            (TfBoardView     *view,
                               guint            keyval,
                               GdkModifierType  state);
  /* A printable key typed on the board with no shortcut of its own
   * (@text: its UTF-8): TRUE when the type took it (an actor map renames
   * the selected actor); else it starts a new item of the capture kind. */
  gboolean  (*typed)          (TfBoardView     *view,
                               const char      *text);
  /* A double-click at a board point on an editable board: TRUE when the
   * type handled it; else the editor edits the item there or writes one. */
  gboolean  (*activate)       (TfBoardView     *view,
                               double           bx,
                               double           by);
  /* A secondary click at a widget point: TRUE when it showed a menu. */
  gboolean  (*context_menu)   (TfBoardView     *view,
                               double           x,
                               double           y);
  /* The inline editor closed on item @id (Enter, Escape, a click
   * elsewhere, another board), what was typed already written: the type
   * may fold that text into the making of an item its tool had just made
   * to be written (one undo step), or take the item back when it was left
   * empty (a speech bubble). NULL: nothing. */
  void      (*editing_ended)  (TfBoardView     *view,
                               gint64           id);
  /* Draws over the board (widget pixels), before the current tool does. */
  void      (*draw_overlay)   (TfBoardView     *view,
                               cairo_t         *cr);
  /* The order Tab goes through the board's items in (gint64 ids; a
   * mockup: each photo, then what is on it), when the generic one does
   * not fit (tf_board_view_reading_order: items without a parent, each
   * followed by what it holds, top to bottom, left to right). NULL: the
   * generic one. */
  GArray   *(*reading_order)  (TfBoardView     *view);
  /* What a screen reader says of where the keyboard is on the board (the
   * view's accessible name, tf_board_view_announce()), when it is not the
   * selected item's own description (a blueprint's cell cursor): newly
   * allocated, translated; NULL for the generic one. */
  char     *(*announce)       (TfBoardView     *view);
};

void                  tf_board_type_gui_register (const TfBoardTypeGui *gui);
/* The GUI descriptor of a board type id, NULL when it has none. */
const TfBoardTypeGui *tf_board_type_gui_lookup   (const char           *type_id);
/* The kind written by typing on a board of @gui's type (NULL: none). */
const char           *tf_board_type_gui_capture_kind (const TfBoardTypeGui *gui);

G_END_DECLS
