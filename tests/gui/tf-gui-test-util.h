/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the GUI tests share: the real application and window on the
 * archive $TRANSFO_ARCHIVE (created with the demo), a board opened as its
 * row opens it, the main loop let run, and screenshots. */

#include <gtk/gtk.h>

#include "canvas/tf-item.h"
#include "core/tf-command.h"
#include "core/tf-enums.h"
#include "tf-application.h"
#include "tf-board-view.h"
#include "tf-window.h"

G_BEGIN_DECLS

/* How long a GUI test waits for anything (a window, a frame, a thread):
 * generous, for a machine loaded by a parallel build under ASan. */
#define TF_GUI_TEST_DEADLINE_MS 60000

/* setlocale(), the build's translations when TRANSFO_LOCALEDIR names them,
 * g_test_init() and tf_test_fatal_log_handler(), then GTK;
 * with @animations FALSE, views jump instead of gliding. FALSE (after
 * saying so) without a display: the test then exits with 77, a skip. */
gboolean     tf_gui_test_init            (int            *argc,
                                          char         ***argv,
                                          gboolean        animations);

/* Runs at most @iterations pending main loop iterations: the deferred
 * reloads and the redraws. */
void         tf_gui_test_settle          (guint           iterations);
/* Focuses @window in the X server (X11 only), then sends @key as a
 * keyboard would (xdotool), and settles. */
void         tf_gui_test_send_key        (GtkWindow      *window,
                                          const char     *key);
/* The same without settling: the key is on its way, the test waits for
 * what it does (tf_gui_test_wait_until()). */
void         tf_gui_test_send_key_only   (GtkWindow      *window,
                                          const char     *key);

/* $TRANSFO_ARCHIVE (which must be set), its leftovers removed. */
char        *tf_gui_test_archive_path    (void) G_GNUC_WARN_UNUSED_RESULT;
/* A non-unique application on @archive_path with an id of its own, not
 * registered yet. */
TfApplication *tf_gui_test_new_application (const char *archive_path) G_GNUC_WARN_UNUSED_RESULT;
/* Waits (at most TF_GUI_TEST_DEADLINE_MS) until @window is mapped, then
 * for its first frame. */
void         tf_gui_test_wait_ready      (TfWindow        *window);
/* A non-unique application on @archive_path, registered and activated as
 * a launch does: returns its window once it is mapped and drawn, on
 * whatever page the launch shows (the welcome page on a first launch). */
TfWindow    *tf_gui_test_launch          (const char      *archive_path,
                                          TfApplication  **app);
/* tf_gui_test_launch(), then past the welcome page to an experiment, as
 * a person who chose "Explore the Example" would. */
TfWindow    *tf_gui_test_start           (const char      *archive_path,
                                          TfApplication  **app);
/* The first mapped toplevel window of @type, or NULL. */
GtkWindow   *tf_gui_test_find_toplevel   (GType            type);
/* Closes @window, settles for @iterations, quits and drops *@app, then
 * removes the archive files and frees *@archive_path. */
void         tf_gui_test_stop            (TfWindow        *window,
                                          TfApplication  **app,
                                          char           **archive_path,
                                          guint            iterations);

/* The first widget of @type below @root, depth-first; NULL if none. */
GtkWidget   *tf_gui_test_find_widget     (GtkWidget       *root,
                                          GType            type);
/* A label below @root whose text contains @text, or NULL. */
GtkWidget   *tf_gui_test_find_label      (GtkWidget       *root,
                                          const char      *text);
/* Runs the main loop until a label holding @text shows under @root (a
 * toast, a banner), failing after @timeout_ms. */
void         tf_gui_test_wait_for_label  (GtkWidget       *root,
                                          const char      *text,
                                          guint            timeout_ms);
/* The first board of @kind of the demo in @archive_path, read through a
 * read-only connection; the demo's id in @demo_id, if not NULL. */
gint64       tf_gui_test_find_demo_board (const char      *archive_path,
                                          const char      *kind_id,
                                          gint64          *demo_id);
/* Opens board @board_id through "win.open-board" and settles (100): returns
 * the board page it shows. */
GtkWidget   *tf_gui_test_open_board      (TfWindow        *window,
                                          gint64           board_id);
/* The same, then focuses the page's view, lets the window draw and settles
 * (100): returns the view, at least 200 pixels wide. */
TfBoardView *tf_gui_test_open_board_view (TfWindow        *window,
                                          gint64           board_id);

/* A condition a test waits for, on the test's fixture. */
typedef gboolean (*TfGuiTestCondition) (gpointer fixture);

/* Runs the main loop until @condition holds for @fixture, failing with
 * @what after TF_GUI_TEST_DEADLINE_MS. */
void         tf_gui_test_wait_until      (TfGuiTestCondition condition,
                                          gpointer        fixture,
                                          const char     *what);
/* The first column of the first row of @sql on the archive at @path,
 * opened read-only beside the running app (sqlite3 asserted). */
gint64       tf_gui_test_archive_int     (const char     *path,
                                          const char     *sql);
char        *tf_gui_test_archive_text    (const char     *path,
                                          const char     *sql) G_GNUC_WARN_UNUSED_RESULT;
/* Conditions on the room's session (gui/room/): one runs with its
 * audience window mapped; none runs. */
gboolean     tf_gui_test_session_running (gpointer        fixture);
gboolean     tf_gui_test_session_ended   (gpointer        fixture);
/* Conditions on a session's voting round (@session, a TfRoomSession):
 * one is open; none is. */
gboolean     tf_gui_test_round_open      (gpointer        session);
gboolean     tf_gui_test_round_closed    (gpointer        session);
/* Runs @command (taken) on @view's history, asserting it succeeded;
 * returns its result id. */
gint64       tf_gui_test_execute         (TfBoardView    *view,
                                          TfCommand      *command);
/* A screenshot of @window, settled and drawn, at @dir/@name; nothing when
 * @dir is NULL ($TF_SHOTS unset). */
void         tf_gui_test_shoot           (GtkWidget      *window,
                                          const char     *dir,
                                          const char     *name);

/* The whole screen (popovers included) at @path, with ImageMagick's
 * `import` when installed, else the window through its own renderer. */
void         tf_gui_test_shoot_screen    (GtkWidget      *window,
                                          const char     *path);
/* A PNG of @width × @height in one colour at @dir/@name; returns its path. */
char        *tf_gui_test_write_png       (const char     *dir,
                                          const char     *name,
                                          int             width,
                                          int             height,
                                          double          r,
                                          double          g,
                                          double          b) G_GNUC_WARN_UNUSED_RESULT;
/* The first item of kind @kind on @view's board (borrowed), or NULL. */
TfItem      *tf_gui_test_find_kind       (TfBoardView    *view,
                                          const char     *kind);
/* Removes @dir and the files in it. */
void         tf_gui_test_remove_dir      (const char     *dir);
/* Sets @window's default size from $TRANSFO_TEST_SIZE ("800x600"), if set. */
void         tf_gui_test_apply_size      (TfWindow       *window);
/* Adds a board of @kind named @name to the demo experiment of
 * @archive_path, as "New board" does, and opens it in @window; the
 * experiment's and the board's ids in @experiment_id and @board_id. */
TfBoardView *tf_gui_test_new_board       (TfWindow       *window,
                                          const char     *archive_path,
                                          const char     *kind,
                                          const char     *name,
                                          gint64         *experiment_id,
                                          gint64         *board_id);

/* Widget → paintable → render node → texture → PNG at @path, through the
 * window's own renderer. */
void         tf_gui_test_save_screenshot (GtkWidget       *widget,
                                          const char      *path);

G_END_DECLS
