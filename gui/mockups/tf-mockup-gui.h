/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gui/tf-board-view.h"
#include "gui/tf-tool.h"
#include "mockups/tf-perspective.h"

G_BEGIN_DECLS

/* A mockup on the board editor (gui/mockups/): photos dropped, pasted or
 * chosen, decoded by the sandboxed helper in the background (a progress
 * bar with Cancel; a refusal is one toast, the board unchanged); images
 * placed in perspective by their four corners (pointer, or 1–4 / Tab to
 * pick a corner, the arrows to move it, Enter to keep it); the tools of its
 * tool box (place an image, numbered callout, speech bubble, blur region,
 * crop); its actions (mockup.*) and context menus. */
void     tf_mockup_gui_init          (void);

typedef enum {
  TF_MK_TOOL_SELECT,
  TF_MK_TOOL_PLACE,     /* a click on a photo places an image on it */
  TF_MK_TOOL_CALLOUT,   /* a click: a numbered disc, then its legend */
  TF_MK_TOOL_BUBBLE,    /* a click: a bubble pointing there */
  TF_MK_TOOL_BLUR,      /* a drag: a region (Shift: an ellipse) */
  TF_MK_TOOL_CROP,      /* handles on the photo; Enter crops, Escape cancels */
  TF_MK_TOOL_NOTE,      /* a click: a post-it there, its text typed at once */
  TF_MK_TOOL_TEXT,      /* a click: a text label typed there */
  TF_MK_TOOL_ARROW,     /* a drag: an arrow from the press to the release */
} TfMkToolMode;

void         tf_mockup_gui_set_tool  (TfBoardView  *view,
                                      TfMkToolMode  mode);
TfMkToolMode tf_mockup_gui_get_tool  (TfBoardView  *view);

/* What a drop, a paste or the file chooser hands over: added as a photo
 * of the board (@page of a PDF, -1 to ask which when it has several), or
 * placed on photo @photo_id, or replacing the image of placement
 * @place_id. Decoded in the background; FALSE when @view shows no mockup. */
gboolean tf_mockup_gui_add_file      (TfBoardView  *view,
                                      GFile        *file,
                                      int           page);
gboolean tf_mockup_gui_add_bytes     (TfBoardView  *view,
                                      GBytes       *bytes,
                                      const char   *name,
                                      int           page);
gboolean tf_mockup_gui_place_file    (TfBoardView  *view,
                                      gint64        photo_id,
                                      GFile        *file);
gboolean tf_mockup_gui_replace_file  (TfBoardView  *view,
                                      gint64        place_id,
                                      GFile        *file);
/* How many files are being read or decoded. */
guint    tf_mockup_gui_get_n_pending (TfBoardView  *view);

/* The corner of the selected placement being moved (0–3), -1 for none;
 * the quad as moved so far (board units). */
int      tf_mockup_gui_get_corner    (TfBoardView  *view,
                                      TfQuad       *quad);
/* Whether the selected bubble's tail is being aimed with the keys ("Aim
 * the Tail", Alt+Q); where its tip is so far (board units). */
gboolean tf_mockup_gui_get_aiming    (TfBoardView  *view,
                                      double       *x,
                                      double       *y);

/* tf-mockup-tool.c: the tools. */
TfTool  *tf_mockup_tool_new          (TfMkToolMode  mode);
/* A text label made at board point @bx, @by (inside what the view shows)
 * and written in place, @text typed in it already; taken back if left
 * empty. */
void     tf_mockup_tool_write_label  (TfBoardView  *view,
                                      double        bx,
                                      double        by,
                                      const char   *text);
/* Enter on the selected photo: the side panel shows, the keyboard in the
 * text of its legend (its first callout's; a new callout in its middle
 * when it has none). FALSE when no photo alone is selected. */
gboolean tf_mockup_tool_enter_photo  (TfBoardView  *view);
/* The view @tool is for, told of it when the tool is put down. */
void     tf_mockup_tool_set_view     (TfTool       *tool,
                                      TfBoardView  *view);
/* The mode of @tool, TF_MK_TOOL_SELECT when it is not a mockup tool. */
TfMkToolMode tf_mockup_tool_get_mode (TfTool       *tool);
/* tf-mockup-gui.c, for the tools. */
gint64   tf_mockup_gui_photo_at      (TfBoardView  *view,
                                      double        bx,
                                      double        by);
/* The photo item @item_id sits on: the one its payload names (a callout,
 * a bubble, a blur region, a placed image), else the topmost photo under
 * its centre (a post-it, a label, a pictogram, an arrow), as what follows
 * a photo is decided (mockups/tf-mockup-follow.h); 0 for a photo or an
 * item on none. */
gint64   tf_mockup_gui_photo_under   (TfBoardView  *view,
                                      gint64        item_id);
/* Where an item is put when nothing says where (a key, a menu, the
 * pictogram picker from the keyboard), by tf_mockup_gui_anchor(). */
typedef enum {
  TF_MK_ANCHOR_OFF_PHOTO,  /* no photo: the selected item's middle, else the pointer, else the view's */
  TF_MK_ANCHOR_CROWDED,    /* on the photo, no spot free: the middle of what shows of it */
  TF_MK_ANCHOR_FREE,       /* on a free spot of the photo (or of the image placed on it) */
} TfMkAnchor;

/* The one place an item @width × @height (board units) added without a
 * point goes, its centre in @bx, @by: on photo @photo_id (0: the photo
 * selected, or under the selected item), covering nothing already there
 * (mockups/tf-mockup-place.h), within what the view shows of it; on the
 * image placed on that photo when it is selected and the item fits there,
 * so that what is added is about it. */
TfMkAnchor tf_mockup_gui_anchor      (TfBoardView  *view,
                                      gint64        photo_id,
                                      double        width,
                                      double        height,
                                      double       *bx,
                                      double       *by);
/* Asks which image goes on photo @photo_id (tf_mockup_picker_show()). */
void     tf_mockup_gui_choose_place  (TfBoardView  *view,
                                      gint64        photo_id);
/* The file chooser alone, for an image placed on photo @photo_id. */
void     tf_mockup_gui_choose_place_file (TfBoardView *view,
                                          gint64       photo_id);
/* Places page @page of asset @asset_id (an image the archive holds) on
 * photo @photo_id, read from the archive and decoded by the helper in the
 * background; FALSE when @view shows no mockup it can edit. */
gboolean tf_mockup_gui_place_asset   (TfBoardView  *view,
                                      gint64        photo_id,
                                      gint64        asset_id,
                                      int           page);
/* tf-mockup-picker.c: which image goes on photo @photo_id: the photos and
 * placed images of the experiment's mockups, or "Choose a File…" (the file
 * chooser at once when the experiment holds no other image). */
void     tf_mockup_picker_show       (TfBoardView  *view,
                                      gint64        photo_id);
void     tf_mockup_gui_edit_callout  (TfBoardView  *view,
                                      gint64        callout_id);
void     tf_mockup_gui_tool_changed  (TfBoardView  *view);
/* Runs @command (taken) on @view's board, settled so that what sits on a
 * photo follows it (mockups/tf-mockup-follow.h), in one undo step; FALSE
 * when it failed (a toast says why). */
gboolean tf_mockup_gui_run           (TfBoardView  *view,
                                      TfCommand    *command);
/* The same for an item made to be written at once (a bubble, a callout,
 * a label, a post-it): selected; when its writing ends, its first text is
 * folded into the command that made it (one undo step), or with no text
 * it is taken back as if never made. Its id, 0 when it failed. */
gint64   tf_mockup_gui_run_fresh     (TfBoardView  *view,
                                      TfCommand    *command);
/* Types a text label at board point @bx, @by (the editor opens there). */
void     tf_mockup_gui_write_label   (TfBoardView  *view,
                                      double        bx,
                                      double        by);

/* tf-mockup-stamps.c: the pictogram picker of the tool box. Picking one
 * takes the stamp tool (a click on the board stamps it); opened from the
 * keyboard (@by_key), the pictogram picked is stamped at once in the
 * middle of the view. */
GtkWidget *tf_mockup_stamps_new      (TfBoardView  *view);
void       tf_mockup_stamps_popup    (GtkWidget    *picker,
                                      gboolean      by_key);

/* tf-mockup-arrow.c: the two ends of the selected arrow, dragged. */
gboolean tf_mockup_arrow_press       (TfBoardView  *view,
                                      double        x,
                                      double        y);
void     tf_mockup_arrow_drag        (TfBoardView  *view,
                                      double        x,
                                      double        y);
void     tf_mockup_arrow_release     (TfBoardView  *view);
void     tf_mockup_arrow_cancel      (TfBoardView  *view);
void     tf_mockup_arrow_draw        (TfBoardView  *view,
                                      cairo_t      *cr);

G_END_DECLS
