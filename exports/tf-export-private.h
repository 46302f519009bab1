/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of exports/: the atomic writer behind every cairo
 * surface, page geometry, and the few typographic helpers all documents
 * use, so every printed page has the same calm style. */

#include <cairo.h>
#include <pango/pangocairo.h>

#include "stamps/tf-legend.h"
#include "canvas/tf-renderer.h"
#include "core/tf-board-type.h"
#include "canvas/tf-text-fit.h"
#include "core/tf-atomic-file.h"
#include "tf-export.h"
#include "tf-export-preview.h"

G_BEGIN_DECLS

/* A preview being drawn in this thread (tf-export-preview.c): writers then
 * draw pages into images and hand them over instead of writing a file. */
typedef struct {
  double            scale;       /* pixels per point */
  double            side_pt;     /* the longest side of any page, in points */
  guint             max_pages;
  TfExportPageFunc  func;
  gpointer          user_data;
} TfExportPreviewSink;

/* The preview drawn by this thread, or NULL while exporting for real. */
TfExportPreviewSink *tf_export_preview_sink   (void);

/* Pango 1.50 declares no autoptr for its contexts. */
typedef PangoContext TfPangoContext;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfPangoContext, g_object_unref)

/* Points per millimetre. */
#define TF_PT_PER_MM (72.0 / 25.4)
/* Points per board unit at real size. */
#define TF_PT_PER_UNIT_REAL (TF_EXPORT_REAL_SIZE_MM_PER_UNIT * TF_PT_PER_MM)

/* The style: one ink, one accent (TF_INK_RGB, TF_ACCENT_RGB), a warm grey
 * for discreet text and a lighter one for cut lines and rules. */
/* Secondary text: 4.5:1 on the paper and on white (tests/test-contrast.c). */
#define TF_EXPORT_GREY_RGB  0x6B675F
#define TF_EXPORT_LIGHT_RGB 0xB9B4AA

/* Room around a board's items when it is fitted to a page, in board units. */
#define TF_EXPORT_BOARD_PAD 24.0

/* A document being written: cairo writes through @stream into a temporary
 * file that becomes the target only when everything succeeded. */
typedef struct {
  char                 *path;
  TfAtomicFile         *file;
  GByteArray           *buffer;       /* what cairo wrote, not yet in the file */
  GError               *write_error;  /* the first write that failed */
  GCancellable         *cancellable;
  TfExportProgressFunc  progress;
  gpointer              progress_data;
  guint                 n_pages;
  TfExportPreviewSink  *preview;      /* not NULL: pages go to the preview, no file */
  double                page_w;       /* the current page, in points */
  double                page_h;
  guint64               offset;       /* bytes cairo has written so far */
  GByteArray           *tail;         /* not NULL: what cairo writes while it finishes */
  guint64               tail_offset;  /* where that began */
  char                 *lang;         /* the document's language (BCP 47) */
  GPtrArray            *alts;         /* the alternative text of each figure begun */
} TfExportWriter;

TfExportWriter  *tf_export_writer_new         (const char            *path,
                                               GCancellable          *cancellable,
                                               TfExportProgressFunc   progress,
                                               gpointer               progress_data,
                                               GError               **error);
/* The cairo write function; its closure is the writer. */
cairo_status_t   tf_export_writer_write       (void                  *closure,
                                               const unsigned char   *data,
                                               unsigned int           length);
/* A PDF surface writing into @self, with Transfo as its creator. */
cairo_surface_t *tf_export_writer_pdf_surface (TfExportWriter        *self,
                                               double                 width_pt,
                                               double                 height_pt);
/* Tagged PDF. A document's structure is cairo's structure tags
 * (cairo_tag_begin/end with "Document", "H1", "P", "TOC"…); begin them
 * after tf_export_writer_set_page_size() on a page (cairo 1.16 drops the
 * tags begun before the size of their page changes). A figure goes
 * through the writer, which keeps its alternative text: cairo 1.16 has no
 * way to write it, nor the document's language (tf-pdf-amend.h). */
void             tf_export_writer_begin_figure (TfExportWriter       *self,
                                               cairo_t               *cr,
                                               const char            *alt);
void             tf_export_writer_end_figure  (TfExportWriter        *self,
                                               cairo_t               *cr);
/* The language of the documents Transfo writes: its user interface's
 * ("fr", "en"), as a BCP 47 tag. */
const char      *tf_export_language           (void);
/* The size of the pages from now on: cairo_pdf_surface_set_size (), which
 * previews follow. */
void             tf_export_writer_set_page_size (TfExportWriter      *self,
                                               cairo_surface_t       *surface,
                                               double                 width_pt,
                                               double                 height_pt);
/* Reports progress, then fails if the export was cancelled or cairo failed. */
gboolean         tf_export_writer_step        (TfExportWriter        *self,
                                               cairo_surface_t       *surface,
                                               double                 fraction,
                                               GError               **error);
/* Shows the page drawn on @cr and counts it, then reports @fraction and
 * checks for a cancel or a cairo failure as tf_export_writer_step() does. */
gboolean         tf_export_writer_end_page    (TfExportWriter        *self,
                                               cairo_surface_t       *surface,
                                               cairo_t               *cr,
                                               double                 fraction,
                                               GError               **error);
/* Finishes @surface (may be NULL), then commits the file. Frees @self. */
gboolean         tf_export_writer_commit      (TfExportWriter        *self,
                                               cairo_surface_t       *surface,
                                               guint                 *n_pages,
                                               GError               **error);
/* Drops everything written; the target stays as it was. Frees @self. */
void             tf_export_writer_abort       (TfExportWriter        *self,
                                               cairo_surface_t       *surface);

/* tf-export-png.c: writes @image (CAIRO_FORMAT_RGB24) into @writer as a PNG
 * that says its resolution, @dpi (pHYs), and its colour space (sRGB). */
gboolean         tf_export_write_png          (TfExportWriter        *writer,
                                               cairo_surface_t       *image,
                                               double                 dpi,
                                               GError               **error);

/* The page for @options: @landscape chosen by the caller. */
void             tf_export_page_size          (TfPaper                paper,
                                               gboolean               landscape,
                                               double                *width_pt,
                                               double                *height_pt);
/* Whether a @width × @height thing fits a page of @paper better lying down. */
gboolean         tf_export_prefer_landscape   (TfOrientation          orientation,
                                               double                 width,
                                               double                 height);

/* The board to print: @index checked, with its extents padded. */
gboolean         tf_export_get_board          (TfExportSource        *source,
                                               guint                  index,
                                               TfScene              **scene,
                                               TfRect                *area,
                                               GError               **error);
/* Draws @area of @scene so that its top-left corner lands at (@x, @y) on
 * @cr, at @zoom points per unit, clipped to @width × @height points. */
void             tf_export_draw_board         (TfRenderer            *renderer,
                                               TfScene               *scene,
                                               cairo_t               *cr,
                                               double                 board_x,
                                               double                 board_y,
                                               double                 zoom,
                                               double                 x,
                                               double                 y,
                                               double                 width,
                                               double                 height);

/* The alternative text of board @index printed as a figure: its kind, its
 * name, then its type's description (TfBoardType.describe) or its texts
 * in reading order. */
char            *tf_export_board_alt          (TfExportSource        *source,
                                               guint                  index) G_GNUC_WARN_UNUSED_RESULT;
/* The same for the part @area of the board: the texts in it. */
char            *tf_export_area_alt           (TfExportSource        *source,
                                               guint                  index,
                                               const TfRect          *area) G_GNUC_WARN_UNUSED_RESULT;
/* The legend of board @index when it is an actor map with actors or links
 * and no legend item of its own (that one is printed with the board), or
 * NULL. */
TfLegend        *tf_export_board_legend       (TfExportSource        *source,
                                               guint                  index) G_GNUC_WARN_UNUSED_RESULT;
/* Draws @legend with its top-left corner at (@x, @y), @scale points per
 * legend unit. */
void             tf_export_draw_legend        (cairo_t               *cr,
                                               PangoContext          *context,
                                               const TfLegend        *legend,
                                               double                 x,
                                               double                 y,
                                               double                 scale);

/* tf-export-keys.c: the key board @index prints beside itself
 * (TfBoardType.key_rows, TfBoardKeyRow), NULL when it has none. */
GArray          *tf_export_board_key_rows     (TfExportSource        *source,
                                               guint                  index) G_GNUC_WARN_UNUSED_RESULT;
/* The parts board @index prints as a grid on its own page
 * (TfBoardType.print_figures, TfBoardFigure), NULL when it prints as laid
 * out (fewer than two). */
GArray          *tf_export_board_figures      (TfExportSource        *source,
                                               guint                  index) G_GNUC_WARN_UNUSED_RESULT;
/* The size a key is printed at when it fits. */
#define TF_EXPORT_KEY_SIZE_PT 9.0
/* The width @rows take at @size on lines as long as they need. */
double           tf_export_key_width          (PangoContext          *context,
                                               GArray                *rows,
                                               double                 size);
/* Draws @rows from (@x, @y) down in a column @width wide, the text @size
 * points, and returns the height drawn; @cr NULL: only measures. */
double           tf_export_draw_key           (cairo_t               *cr,
                                               PangoContext          *context,
                                               GArray                *rows,
                                               double                 x,
                                               double                 y,
                                               double                 width,
                                               double                 size);
/* Draws one of them, @first the key's first row (a heading then needs no
 * room above it); returns how far down the next one starts. The report
 * prints a mockup's key with it, row by row across its pages. */
double           tf_export_draw_key_row       (cairo_t               *cr,
                                               PangoContext          *context,
                                               const TfBoardKeyRow   *row,
                                               gboolean               first,
                                               double                 x,
                                               double                 y,
                                               double                 width,
                                               double                 size);
/* The text size (9 pt, shrunk down to 5 pt at the least) at which @rows
 * fit in a column @width × @height. */
double           tf_export_fit_key            (PangoContext          *context,
                                               GArray                *rows,
                                               double                 width,
                                               double                 height);

/* A layout in the boards' font, @size points, wrapped at @width (or not,
 * when @width <= 0). */
PangoLayout     *tf_export_layout             (PangoContext          *context,
                                               const char            *text,
                                               double                 size,
                                               gboolean               bold,
                                               double                 width) G_GNUC_WARN_UNUSED_RESULT;
/* A small, bold, spaced-out capitals label, as above a title. */
PangoLayout     *tf_export_kicker             (PangoContext          *context,
                                               const char            *text,
                                               double                 size) G_GNUC_WARN_UNUSED_RESULT;
/* Shows @layout with its top-left corner at (@x, @y). */
void             tf_export_show               (cairo_t               *cr,
                                               PangoLayout           *layout,
                                               double                 x,
                                               double                 y,
                                               guint32                rgb);
/* The bottom-margin line of a page: @left at the left, @right at the right,
 * small and grey, on the baseline @baseline. */
void             tf_export_draw_footer        (cairo_t               *cr,
                                               PangoContext          *context,
                                               double                 page_width,
                                               double                 margin,
                                               double                 baseline,
                                               const char            *left,
                                               const char            *right);
/* "26 November 2026", in the user's language. */
char            *tf_export_format_date        (GDateTime             *date) G_GNUC_WARN_UNUSED_RESULT;
char            *tf_export_format_iso_date    (const char            *iso_date) G_GNUC_WARN_UNUSED_RESULT;
/* Sets the PDF's title, author (the experiment's department), subject and
 * keywords; the creator is "Transfo <version>". NULL or "": not set. */
void             tf_export_set_metadata       (cairo_surface_t       *surface,
                                               const char            *title,
                                               const char            *author,
                                               const char            *subject,
                                               const char            *keywords);

/* The exporters of the table (tf_exporter_get()). */
gboolean         tf_export_board_pdf          (TfExportJob           *job,
                                               GError               **error);
gboolean         tf_export_poster_pdf         (TfExportJob           *job,
                                               GError               **error);
gboolean         tf_export_report_pdf         (TfExportJob           *job,
                                               GError               **error);
/* The quotes of the board options->board (its type's list_quotes). */
gboolean         tf_export_cards_pdf          (TfExportJob           *job,
                                               GError               **error);
/* The strings of options->starters. */
gboolean         tf_export_starters_pdf       (TfExportJob           *job,
                                               GError               **error);
gboolean         tf_export_board_png          (TfExportJob           *job,
                                               GError               **error);
gboolean         tf_export_board_svg          (TfExportJob           *job,
                                               GError               **error);

G_END_DECLS
