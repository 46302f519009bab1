/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the mockup GUI tests share: a fixture of the real window on its
 * own archive, a new mockup board and a photo on it, and the waits and
 * looks at the board's items every test of the mockups makes. */

#include "canvas/tf-rect.h"
#include "tf-gui-test-util.h"

G_BEGIN_DECLS

typedef struct {
  char          *archive_path;
  char          *dir;            /* the test's own folder, for the files it writes */
  TfApplication *app;
  TfWindow      *window;
  TfBoardView   *view;           /* the mockup board's, once made */
  gint64         experiment_id;
  gint64         board_id;
  gint64         photo_id;       /* the photo tf_mk_test_add_photo() added */
  TfRect         photo;          /* its bounds then */
} TfMkFixture;

/* A condition a mockup test waits for. */
typedef gboolean (*TfMkCondition) (TfMkFixture *fixture,
                                   gpointer     data);

/* The window on $TRANSFO_ARCHIVE, mapped and drawn, at the size
 * $TRANSFO_TEST_SIZE asks for; a temporary folder named after @name. */
void         tf_mk_test_start           (TfMkFixture   *fixture,
                                         const char    *name);
/* A new mockup board "Accueil" in the demo experiment, opened. */
void         tf_mk_test_new_board       (TfMkFixture   *fixture);
/* Both: the window on a new mockup board. */
void         tf_mk_test_start_board     (TfMkFixture   *fixture,
                                         const char    *name);
/* Adds a PNG of @width × @height in one colour, written as @file, to the
 * board as "Add Photo…" does; waits until it is decoded, then fits the
 * board to it. Sets photo_id and photo. */
void         tf_mk_test_add_photo       (TfMkFixture   *fixture,
                                         const char    *file,
                                         int            width,
                                         int            height,
                                         double         r,
                                         double         g,
                                         double         b);
/* Closes the window, removes the archive and the folder. */
void         tf_mk_test_stop            (TfMkFixture   *fixture);

/* Runs the main loop until @condition holds, failing with @what after
 * TF_GUI_TEST_DEADLINE_MS. */
void         tf_mk_test_wait_for        (TfMkFixture   *fixture,
                                         TfMkCondition  condition,
                                         gpointer       data,
                                         const char    *what);
/* The first item of @kind on the board (borrowed), or NULL. */
TfItem      *tf_mk_test_find_kind       (TfMkFixture   *fixture,
                                         const char    *kind);
/* How many items of @kind the board shows. */
guint        tf_mk_test_count_kind      (TfMkFixture   *fixture,
                                         const char    *kind);
/* Waits until the board shows @n items of @kind. */
void         tf_mk_test_wait_count      (TfMkFixture   *fixture,
                                         const char    *kind,
                                         guint          n,
                                         const char    *what);

/* The view drawn where it is now: its coordinates are right. */
void         tf_mk_test_view_drawn      (TfMkFixture   *fixture);
/* The whole screen, popovers included, at $TF_SHOTS/@name: nothing when
 * $TF_SHOTS is unset. */
void         tf_mk_test_shoot           (TfMkFixture   *fixture,
                                         const char    *name);
/* The window's X window (X11 only). */
gulong       tf_mk_test_window_xid      (TfMkFixture   *fixture);
/* The view's widget point (@x, @y) in the X window's pixels. */
void         tf_mk_test_to_window       (TfMkFixture   *fixture,
                                         double         x,
                                         double         y,
                                         int           *wx,
                                         int           *wy);

/* Conditions: an item of kind @data shows; no file is being decoded;
 * the select tool is back (the tool box says so too). */
gboolean     tf_mk_test_has_kind        (TfMkFixture   *fixture,
                                         gpointer       data);
gboolean     tf_mk_test_nothing_pending (TfMkFixture   *fixture,
                                         gpointer       data);
gboolean     tf_mk_test_tool_is_select  (TfMkFixture   *fixture,
                                         gpointer       data);

G_END_DECLS
