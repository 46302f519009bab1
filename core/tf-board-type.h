/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "core/tf-asset-source.h"
#include "core/tf-session-rows.h"
#include "core/tf-store.h"

G_BEGIN_DECLS

typedef struct _TfBoardType TfBoardType;
/* Defined by canvas/ and exports/: the registry lives in core/ (the
 * archive checks a new board's kind against it and writes the demo with
 * it) and only points at them. */
typedef struct _TfScene      TfScene;
typedef struct _TfReportFlow TfReportFlow;
typedef struct _TfBoard      TfBoard;

/* What a kind of board is, in the library: everything the archive list,
 * the exports, the report and the command line need to know about it. A
 * wing (insights/, stamps/, blueprints/…) defines one in its own folder
 * and registers it from its init (wings/tf-wings.c); nothing outside the
 * wing names it. The GUI side (tools, actions, panel) is TfBoardTypeGui in
 * gui/tf-board-type-gui.h. */
/* A text a board draws that is no item's own text (a blueprint's lane and
 * step titles), with the board rectangle it is drawn in. */
typedef struct {
  char   *text;
  double  x, y, width, height;
} TfBoardText;

/* A row of the key a board prints beside itself (a mockup's numbered
 * callouts): @key ("1") and its @text; a row without a key is a heading
 * ("Photo 2") for the rows after it. */
typedef struct {
  char *key;
  char *text;
} TfBoardKeyRow;

/* A part of a board its own page prints apart, in a grid (a mockup's
 * photo): the area drawn (board units) and the caption printed under it;
 * @with_previous: beside the part before it, at its height (a "before"
 * and its montage). */
typedef struct {
  double   x, y, width, height;
  char    *caption;
  gboolean with_previous;
} TfBoardFigure;

struct _TfBoardType
{
  const char         *id;           /* the `boards.kind` column: "insight-wall" */
  const char         *alias;        /* accepted on the command line too: "mur" */
  const char         *label;        /* N_("Insight wall"); tf_board_type_get_label() translates */
  const char         *icon_name;    /* "tf-insight-wall-symbolic" */
  const char         *empty_hint;   /* N_(): what an empty board says to do */
  /* Whether "New board" offers it. */
  gboolean            creatable;
  /* The item kinds a user adds to it, NULL-terminated. */
  const char * const *item_kinds;
  /* The export kinds that apply to it, a mask of 1 << TfExportKind (the
   * ones that print one board; those of the whole experiment apply to
   * every experiment). */
  guint               export_kinds;
  /* Its own section of the experiment report after the board's page (the
   * insights by cluster of a wall); NULL for none. */
  gboolean          (*report_section) (TfReportFlow *flow,
                                       guint         board_index,
                                       GError      **error);
  /* Writes its demo board into the demo experiment, inside the demo's
   * transaction; NULL for none. */
  gboolean          (*insert_demo)    (TfStore      *store,
                                       gint64        experiment_id,
                                       int           position,
                                       GError      **error);
  /* Whether a printed page of this board gets the legend of its
   * pictograms in the margin (when the export asks for legends); NULL for
   * never. */
  gboolean          (*export_legend)  (TfScene      *scene);
  /* The items that print as quotes (insight cards), in reading order:
   * borrowed TfItem pointers into @scene, hidden ones left out; NULL when
   * the board has none to print. */
  GPtrArray        *(*list_quotes)    (TfScene      *scene);
  /* What a printed board says to who cannot see it: the alternative text
   * of its figure in a tagged PDF and the description of its SVG, in the
   * user's language and in reading order (a wall's clusters, each with
   * its quotes; every quote, however many). NULL: the items' own texts
   * in reading order. */
  char             *(*describe)       (TfScene      *scene);
  /* Called inside the transaction of every item command (canvas/
   * tf-item-commands.c) on a board of this type, after the change: a
   * blueprint puts a moved card in the cell under it and reflows its grid.
   * NULL for none. */
  gboolean          (*settle)         (TfStore      *store,
                                       gint64        board_id,
                                       GError      **error);
  /* Appends to @texts (TfBoardText) the texts its board draws besides its
   * items' own, for the SVG export's invisible text layer (the words of a
   * drawing are outlines there). NULL for none. */
  void              (*list_texts)     (TfScene      *scene,
                                       GArray       *texts);
  /* Asked by every export that prints @board (its own page, poster, PNG,
   * SVG, the report) before anything is written: FALSE with an error for
   * the user (TF_EXPORT_ERROR_BLOCKED: what stops it and the ways out)
   * when the board must not leave the archive as it is (a mockup's photo
   * of people with neither a blur region nor their consent). NULL: always
   * printable. @assets (may be NULL) names what the message cites;
   * @item_id (may be NULL) is set to the item that stops it (0: none),
   * for a way to it. */
  gboolean          (*export_check)   (TfBoard       *board,
                                       TfScene       *scene,
                                       TfAssetSource *assets,
                                       gint64        *item_id,
                                       GError       **error);
  /* Where item @item_id of @scene (this type's board) stands, for a list of
   * the items citing something (a blueprint card: its step's title), in
   * the user's language; NULL when there is nothing more to say than the
   * board's name. */
  char             *(*item_place)     (TfScene      *scene,
                                       gint64        item_id);
  /* Appends to @rows (TfBoardKeyRow) the key a printed board shows beside
   * itself when the export asks for legends (its own page, a poster's last
   * sheet, a PNG's right column): a mockup's callout numbers and their
   * texts, under headings naming each photo by the file it came from
   * (read through @assets, the export's; NULL: no names). NULL, or no
   * row: none. */
  void              (*key_rows)       (TfScene       *scene,
                                       TfAssetSource *assets,
                                       GArray        *rows);
  /* Appends to @figures (TfBoardFigure) the parts the board's own page
   * prints as a grid, each with its caption, when the board is better
   * read so than drawn as laid out (a mockup of several photos: each one
   * printed as large as the page allows, its caption legible). Fewer than
   * two: the board is printed as it is laid out. NULL: always so. */
  void              (*print_figures)  (TfScene       *scene,
                                       TfAssetSource *assets,
                                       GArray        *figures);
  /* The views of this board that a session in the room (room/) offers
   * after the whole boards, in order: appends to @steps (TfSessionStep,
   * kind, item, area and title; the caller sets the board) a wall's
   * clusters, a blueprint's stages. NULL: only the whole board. */
  void              (*list_session_steps) (TfScene            *scene,
                                           GArray             *steps);
  /* The cards a reveal step on this board shows one by one, in order
   * (borrowed items of @scene): a cluster's (the step's item, or its
   * title), or the insights by vote rank. NULL: the items inside the
   * step's area, in reading order. */
  GPtrArray        *(*list_reveal_cards)  (TfScene            *scene,
                                           const TfSessionStep *step);
  /* The board's search (Ctrl+F) finds items by their own text (the
   * archive's index); this appends to @found (gint64 ids of @scene's
   * items) those @text finds by what the board shows of them besides it:
   * a mockup's photos by the name of the file they came from and by their
   * legend. @text as typed; @store the board's archive. NULL: none. */
  void              (*search_items)       (TfStore            *store,
                                           TfScene            *scene,
                                           const char         *text,
                                           GArray             *found);
  /* What a quote sent from a phone in the room (room/tf-contribution.h)
   * becomes on this board: the item kind's id in @kind, its side in board
   * units in @side, and in @payload (newly allocated JSON) its fields for
   * a speaker of category @source (an id of tf_board_type_quote_sources(),
   * "" for none). NULL: the board takes no quotes. */
  void              (*new_quote)          (const char         *source,
                                           const char        **kind,
                                           double             *side,
                                           char              **payload);
  /* The categories of speaker a quote may name: ids, NULL-terminated;
   * NULL when new_quote is. */
  const char * const *quote_sources;
};

void               tf_board_type_register  (const TfBoardType *type);
/* A GArray of TfBoardText that frees their texts. */
GArray            *tf_board_text_array_new (void) G_GNUC_WARN_UNUSED_RESULT;
/* A GArray of TfBoardFigure that frees their captions. */
GArray            *tf_board_figure_array_new (void) G_GNUC_WARN_UNUSED_RESULT;
/* A GArray of TfBoardKeyRow that frees their strings. */
GArray            *tf_board_key_row_array_new (void) G_GNUC_WARN_UNUSED_RESULT;
/* The type of an id, its alias or its label in any case, with or without
 * accents ("mur", "Mur d’observations"); NULL when unknown. */
const TfBoardType *tf_board_type_lookup    (const char        *id);
/* Every registered type, in registration order (const TfBoardType *). */
GPtrArray         *tf_board_type_list      (void);
const char        *tf_board_type_get_label (const TfBoardType *type);

G_END_DECLS
