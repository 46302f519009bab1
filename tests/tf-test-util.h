/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the test programs share: temporary archives, commands run through a
 * history, a board to edit, pixels of renders, and a main loop to wait on.
 * GTK-free, so that every suite links it. */

#include <cairo.h>
#include <glib.h>
#include <sqlite3.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-scene.h"
#include "core/tf-enums.h"
#include "core/tf-history.h"

G_BEGIN_DECLS

/* Plain SQLite on an archive, bypassing the store (to look at the file or
 * make it hostile): each fails the test on an error. _int and _text return
 * the first column of the one row @sql gives. */
void      tf_test_sql_exec              (sqlite3         *db,
                                         const char      *sql);
gint64    tf_test_sql_int               (sqlite3         *db,
                                         const char      *sql);
char     *tf_test_sql_text              (sqlite3         *db,
                                         const char      *sql) G_GNUC_WARN_UNUSED_RESULT;
/* An SVG within every markup limit on which librsvg 2.54 panics (an
 * assertion on an empty surface once kernelUnitLength scales an
 * feConvolveMatrix): a process that draws it aborts. */
#define TF_TEST_PANIC_SVG \
  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 48\">" \
  "<circle cx=\"24\" cy=\"24\" r=\"20\" fill=\"#c00\"/><filter id=\"f\">" \
  "<feOffset dx=\"3\" dy=\"3\"/><feConvolveMatrix order=\"1 4\" kernelMatrix=\"-1 0 2 1\" targetX=\"0\"" \
  " edgeMode=\"wrap\" kernelUnitLength=\"1000 30\" preserveAlpha=\"true\" x=\"-50\"/></filter>" \
  "<g transform=\"scale(-1,1)\"><rect x=\"200\" y=\"1e-3\" width=\"0.5\" height=\"0.2\" fill=\"red\"" \
  " filter=\"url(#f)\"/></g></svg>"

/* Writes a user stamp @key (named @name, or @key when NULL, family "elus")
 * with the drawing @svg straight into the archive, unchecked: the way a
 * hostile archive would hold it. */
void      tf_test_plant_stamp           (sqlite3         *db,
                                         const char      *key,
                                         const char      *name,
                                         const char      *svg);

/* A fresh folder "transfo-NAME-XXXXXX" in the temporary folder. */
/* What an experiment's rows say, without ids: equal after remapping (a
 * bundle's round trip). */
char     *tf_test_describe_experiment   (sqlite3         *db,
                                         gint64           experiment) G_GNUC_WARN_UNUSED_RESULT;
char     *tf_test_make_dir              (const char      *name) G_GNUC_WARN_UNUSED_RESULT;
/* An archive path, not yet created, in a fresh folder of its own. */
char     *tf_test_archive_path          (const char      *name) G_GNUC_WARN_UNUSED_RESULT;
/* Removes the archive @path and its companions (-wal, -shm, -journal,
 * .lock), whichever exist. */
void      tf_test_remove_archive_files  (const char      *path);
/* The same, then the folder tf_test_archive_path() made for it. */
void      tf_test_remove_archive        (const char      *path);
/* Runs the command line @transfo (the program's path) on @archive with
 * the one argument @what ("demo", "list"), failing the test if it fails. */
void      tf_test_run_transfo           (const char      *transfo,
                                         const char      *archive,
                                         const char      *what);
/* Whether a companion of @archive (@suffix: "-wal", "-shm") exists. */
gboolean  tf_test_exists_beside         (const char      *archive,
                                         const char      *suffix);
/* Removes @path and everything below it, failing the test on any error. */
void      tf_test_remove_tree           (const char      *path);

/* Executes @command (and drops it) on @history, failing the test if it
 * fails; returns the command's result id. */
gint64    tf_test_execute               (TfHistory       *history,
                                         TfCommand       *command);
void      tf_test_undo                  (TfHistory       *history);
void      tf_test_redo                  (TfHistory       *history);

/* A fresh archive holding one experiment titled @title with one board of
 * @kind, and that board's scene: the fixture of the tests editing items. */
typedef struct {
  char      *path;
  TfStore   *store;
  TfHistory *history;
  TfScene   *scene;
  gint64     board;
} TfTestBoard;

void      tf_test_board_set_up          (TfTestBoard     *board,
                                         const char      *name,
                                         const char      *title,
                                         const char      *kind_id);
/* Checks that nothing outlives the fixture, then removes the archive. */
void      tf_test_board_tear_down       (TfTestBoard     *board);
/* Adds @item to the board through the history; returns its id. */
gint64    tf_test_board_add             (TfTestBoard     *board,
                                         const TfNewItem *item);

/* The 0xRRGGBB colour of a pixel of an image surface. */
guint32   tf_test_pixel                 (cairo_surface_t *surface,
                                         int              x,
                                         int              y);
/* The fraction of pixels of two images of the same size that differ by
 * more than @tolerance in any channel. */
double    tf_test_fraction_differing    (cairo_surface_t *a,
                                         cairo_surface_t *b,
                                         int              tolerance);
/* Compares @render with tests/data/@reference (rewritten from @render when
 * $TRANSFO_UPDATE_REFERENCES is set): less than @max_fraction of the pixels
 * may differ by more than @tolerance. The render is left in the temporary
 * folder as transfo-@reference, to look at. */
void      tf_test_assert_reference      (cairo_surface_t *render,
                                         const char      *reference,
                                         int              tolerance,
                                         double           max_fraction);

/* A log handler for g_test_log_set_fatal_handler(): Xvfb runs without a
 * D-Bus session bus, GtkApplication warns about it and goes on as a
 * non-unique application. Every other warning stays fatal. */
gboolean  tf_test_fatal_log_handler     (const char      *log_domain,
                                         GLogLevelFlags   log_level,
                                         const char      *message,
                                         gpointer         user_data);
/* A GSourceFunc that sets the gboolean @user_data points to. */
gboolean  tf_test_timed_out             (gpointer         user_data);
/* Runs the main loop for @ms milliseconds: transitions finish, toasts show. */
void      tf_test_run_for               (guint            ms);
/* Whether case @index belongs to this process: $TF_TEST_SHARD, "K/N" with
 * 1 <= K <= N, splits a binary's cases between N tests that meson runs in
 * parallel (case i is shard i % N + 1's); unset, every case does. */
gboolean  tf_test_in_shard              (guint            index);

/* tf_store_open(), then the demo when the store wants it (a new archive
 * opened without TF_STORE_OPEN_NO_DEMO), as the window and the command line
 * do it. */
TfStore  *tf_test_store_open            (const char       *path,
                                         TfStoreOpenFlags  flags,
                                         GError          **error);

/* A cairo write function appending to the GByteArray @closure (a PNG or
 * a PDF written to memory). */
cairo_status_t tf_test_append_bytes     (void                *closure,
                                         const unsigned char *data,
                                         unsigned int         length);
/* @surface's pixels as PNG bytes. */
GBytes   *tf_test_png_bytes             (cairo_surface_t *surface) G_GNUC_WARN_UNUSED_RESULT;

/* A fresh archive holding one experiment titled @title and a mockup board
 * @board_name with one photo (@png, a file named @file_name): the fixture
 * of the tests of a mockup's items and prints. */
typedef struct {
  char      *path;
  char      *dir;        /* the archive's folder: what a test writes goes there */
  TfStore   *store;
  TfHistory *history;
  gint64     experiment;
  gint64     board;
  gint64     photo;
} TfTestMockup;

void      tf_test_mockup_set_up         (TfTestMockup    *mockup,
                                         const char      *name,
                                         const char      *title,
                                         const char      *board_name,
                                         GBytes          *png,
                                         const char      *file_name);
/* Adds another photo to the board, decoded as a drop decodes it; its id. */
gint64    tf_test_mockup_add_photo      (TfTestMockup    *mockup,
                                         GBytes          *png,
                                         const char      *file_name);
/* The bounds of item @id as the archive holds them. */
TfRect    tf_test_mockup_bounds         (TfTestMockup    *mockup,
                                         gint64           id);
/* Removes the archive and whatever the test wrote beside it. */
void      tf_test_mockup_tear_down      (TfTestMockup    *mockup);

G_END_DECLS
