/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Printable exports: a board on one page, a wall poster tiled over sheets,
 * the experiment report, card sheets, PNG and SVG. Every export draws with
 * the canvas renderer, writes its file atomically (nothing is left behind
 * on failure or cancel) and reads nothing but its TfExportSource, so it can
 * run in a worker thread. */

#include <gio/gio.h>

#include "tf-export-source.h"

G_BEGIN_DECLS

#define TF_EXPORT_ERROR (tf_export_error_quark ())

typedef enum {
  TF_EXPORT_ERROR_INVALID,    /* options that cannot work: no board, scale too big… */
  TF_EXPORT_ERROR_TOO_LARGE,  /* an image over TF_EXPORT_MAX_PIXELS a side */
  TF_EXPORT_ERROR_EMPTY,      /* nothing to print: no insight, no starter */
  TF_EXPORT_ERROR_FAILED,     /* cairo could not write the document */
  TF_EXPORT_ERROR_BLOCKED,    /* a board must not leave the archive as it is
                               * (its type's export_check: a photo of people
                               * neither blurred nor consented) */
} TfExportError;

typedef enum {
  TF_EXPORT_BOARD,     /* PDF: one board on one page */
  TF_EXPORT_POSTER,    /* PDF: one board tiled over sheets, with crop marks */
  TF_EXPORT_REPORT,    /* PDF: the whole experiment */
  TF_EXPORT_CARDS,     /* PDF: a board's insights as cut-out cards */
  TF_EXPORT_STARTERS,  /* PDF: discussion-starter cards */
  TF_EXPORT_PNG,       /* one board as a bitmap */
  TF_EXPORT_SVG,       /* one board as vectors */
  TF_N_EXPORT_KINDS
} TfExportKind;

typedef enum {
  TF_PAPER_A4,
  TF_PAPER_A3,
  TF_PAPER_A2,
  TF_PAPER_A1,
  TF_PAPER_A0,
  TF_PAPER_LETTER,
  TF_N_PAPERS
} TfPaper;

typedef enum {
  TF_ORIENTATION_AUTO,       /* whichever fits the board better */
  TF_ORIENTATION_PORTRAIT,
  TF_ORIENTATION_LANDSCAPE,
} TfOrientation;

/* "Real size": a medium post-it (200 board units) prints at 76 × 76 mm. */
#define TF_EXPORT_REAL_SIZE_MM_PER_UNIT 0.38
/* Bitmaps wider or taller than this are refused. */
#define TF_EXPORT_MAX_PIXELS 20000

typedef struct {
  TfPaper        paper;        /* A4 */
  TfOrientation  orientation;  /* auto */
  double         margin_mm;    /* 12 */
  /* 0 fits the board to the page (or the poster's grid); otherwise a
   * multiple of real size: 1 prints a medium post-it at 76 mm. */
  double         scale;
  gboolean       title_block;  /* TRUE: experiment, board, date and page in the bottom margin */
  gboolean       legend;       /* TRUE: the legend of actor maps, where there is one */
  guint          board;        /* which board of the source: an index */
  /* Posters: a grid of columns × rows, or 0 × 0 to compute it from the scale. */
  guint          columns;
  guint          rows;
  double         overlap_mm;   /* 10: what two neighbouring sheets share */
  double         dpi;          /* 150: PNG resolution relative to real size */
  gboolean       back;         /* cards: a back side for duplex printing */
  GStrv          starters;     /* discussion-starter cards, one string each */
} TfExportOptions;

/* Called from the thread that exports, with the done fraction (0..1). */
typedef void (*TfExportProgressFunc) (double   fraction,
                                      gpointer user_data);

GQuark       tf_export_error_quark        (void);

void         tf_export_options_init       (TfExportOptions       *options);
void         tf_export_options_clear      (TfExportOptions       *options);
void         tf_export_options_copy       (const TfExportOptions *options,
                                           TfExportOptions       *copy);

/* The paper's size in millimetres, portrait; and its short name ("A4"). */
void         tf_paper_get_size_mm         (TfPaper                paper,
                                           double                *width,
                                           double                *height);
const char  *tf_paper_to_id               (TfPaper                paper);
gboolean     tf_paper_from_string         (const char            *str,
                                           TfPaper               *paper);

/* The size in pixels a PNG export would have, without drawing it. */
gboolean     tf_export_png_size           (TfExportSource        *source,
                                           const TfExportOptions *options,
                                           int                   *width,
                                           int                   *height,
                                           GError               **error);

/* One export to run: what to write, from what, where. */
typedef struct {
  TfExportKind           kind;
  TfExportSource        *source;
  const TfExportOptions *options;
  const char            *path;
  GCancellable          *cancellable;
  /* Called from the thread that exports. */
  TfExportProgressFunc   progress;
  gpointer               progress_data;
  /* Out: the pages written (1 for PNG and SVG). */
  guint                  n_pages;
} TfExportJob;

/* What an exporter prints. */
typedef enum {
  TF_EXPORT_SCOPE_BOARD,       /* the board options->board; applies by its type's export_kinds */
  TF_EXPORT_SCOPE_EXPERIMENT,  /* the whole experiment */
  TF_EXPORT_SCOPE_NONE,        /* what the options carry (discussion starters) */
} TfExportScope;

/* One row of the table of exporters. */
typedef struct {
  TfExportKind   kind;
  const char    *id;         /* stable: "board", "poster", "report", "cards", "starters", "png", "svg" */
  const char    *label;      /* N_(); tf_exporter_get_label() translates */
  const char    *extension;  /* of the file it writes: "pdf", "png", "svg" */
  TfExportScope  scope;
  /* Writes job->path atomically and sets job->n_pages. Errors:
   * TF_EXPORT_ERROR, G_IO_ERROR (G_IO_ERROR_CANCELLED when cancelled). */
  gboolean     (*run)        (TfExportJob  *job,
                              GError      **error);
} TfExporter;

/* The board exports a board of a type this version does not know (a newer
 * Transfo's) gets: it prints as a plain board. */
#define TF_EXPORT_PLAIN_KINDS (1u << TF_EXPORT_BOARD | 1u << TF_EXPORT_POSTER | \
                               1u << TF_EXPORT_PNG | 1u << TF_EXPORT_SVG)

/* The table, in TfExportKind order; by stable id (any case); NULL when unknown. */
const TfExporter *tf_exporter_get         (TfExportKind       kind);
const TfExporter *tf_exporter_lookup      (const char        *id);
const char       *tf_exporter_get_label   (const TfExporter  *exporter);
/* The file name an export suggests: what it holds (the board, or the
 * experiment for the report and discussion cards), the kind, the day
 * (@date may be NULL) and the extension: "Insight wall – poster –
 * 2026-12-06.pdf". Never contains a directory separator. */
char             *tf_export_suggest_name  (TfExportKind       kind,
                                           const char        *experiment_title,
                                           const char        *board_name,
                                           GDateTime         *date) G_GNUC_WARN_UNUSED_RESULT;
/* Whether it can print @board (for an exporter of boards: whether the
 * board's type lists it; a type this version does not know prints as a
 * plain board). Exporters of the experiment apply to any board. */
gboolean          tf_exporter_applies_to  (const TfExporter  *exporter,
                                           TfBoard           *board);

/* Whether every board @kind would print from @source (the board
 * options->board, or all of them for the report) may leave the archive:
 * asks their types' export_check; FALSE with TF_EXPORT_ERROR_BLOCKED. */
gboolean     tf_export_check_boards       (TfExportKind           kind,
                                           TfExportSource        *source,
                                           const TfExportOptions *options,
                                           GError               **error);
/* The same, and when it is FALSE, the board and the item that stop it
 * (0: not one item), for a way to them. */
gboolean     tf_export_check_boards_at    (TfExportKind           kind,
                                           TfExportSource        *source,
                                           const TfExportOptions *options,
                                           gint64                *board_id,
                                           gint64                *item_id,
                                           GError               **error);

/* Runs @job's exporter, once tf_export_check_boards() allows it;
 * job->n_pages is set on success. */
gboolean     tf_export_job_run            (TfExportJob           *job,
                                           GError               **error);
/* The same in a worker thread; @job is copied (the source referenced, the
 * options and the path copied). Finish with tf_export_run_finish(). */
void         tf_export_job_run_async      (const TfExportJob     *job,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);

/* Shorthands building the job from arguments. */
gboolean     tf_export_run                (TfExportKind           kind,
                                           TfExportSource        *source,
                                           const TfExportOptions *options,
                                           const char            *path,
                                           GCancellable          *cancellable,
                                           TfExportProgressFunc   progress,
                                           gpointer               user_data,
                                           guint                 *n_pages,
                                           GError               **error);
/* The same in a worker thread. @progress is called in that thread: hop to
 * the main context before touching widgets. @options is copied. */
void         tf_export_run_async          (TfExportKind           kind,
                                           TfExportSource        *source,
                                           const TfExportOptions *options,
                                           const char            *path,
                                           GCancellable          *cancellable,
                                           TfExportProgressFunc   progress,
                                           gpointer               progress_data,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
gboolean     tf_export_run_finish         (GAsyncResult          *result,
                                           guint                 *n_pages,
                                           GError               **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TfExportOptions, tf_export_options_clear)

G_END_DECLS
