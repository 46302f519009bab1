/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "exports/tf-export.h"
#include "tf-export-dialog.h"

G_BEGIN_DECLS

/* Pages drawn in the preview; the count still says how many there are. */
#define PREVIEW_MAX_PAGES 24
/* The longest side, in pixels, of one page alone and of each of several.
 * One page alone is drawn at the size the preview has on screen, up to
 * PREVIEW_SINGLE_PX, and again if the dialog grows much larger. */
#define PREVIEW_SINGLE_PX 1400
#define PREVIEW_SINGLE_MIN_PX 480
#define PREVIEW_MANY_PX   240

/* A preview to draw (tf-export-dialog-preview.c), from the main thread's
 * options, and what it gives back. */
typedef struct {
  TfExportDialog  *dialog;      /* kept alive by the task's callback */
  TfExportKind     kind;
  TfExportSource  *source;
  TfExportOptions  options;
  char            *path;
  guint            generation;
  int              single_px;   /* one page alone: its longest side */
  int              box_width;   /* and the box it is shown in, device pixels */
  int              box_height;  /* (0: unknown): the page is fitted into it */
} TfExportPreviewJob;

typedef struct {
  guint      n_pages;
  double     width_pt;   /* of the first page */
  double     height_pt;
} TfExportPreview;

void          tf_export_preview_job_free        (gpointer        job);
void          tf_export_preview_free            (gpointer        preview);
/* A GTaskThreadFunc: the job is the task data; returns a TfExportPreview. */
void          tf_export_preview_in_thread       (GTask          *task,
                                                 gpointer        source_object,
                                                 gpointer        task_data,
                                                 GCancellable   *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfExportPreview, tf_export_preview_free)

/* Worker threads of export dialogs (the experiment's read, previews, the
 * freeing of what was read) running now, in any dialog: each calls begin
 * and end around its work. */
guint         tf_export_dialog_get_n_workers    (void);
void          tf_export_dialog_worker_begin     (void);
void          tf_export_dialog_worker_end       (void);

/* A page of the preview @generation, drawn: shows it (main thread). */
void          tf_export_dialog_add_preview_page (TfExportDialog *self,
                                                 guint           generation,
                                                 guint           index,
                                                 GdkTexture     *texture,
                                                 double          width_pt,
                                                 double          height_pt);

/* What the tests drive: the same paths as the widgets, minus the native
 * file chooser. */

TfExportKind  tf_export_dialog_get_kind         (TfExportDialog *self);
/* Whether the experiment is read: the dialog maps at once and reads it in
 * a thread; signal "loaded" then, and "preview-ready" each time a preview's
 * pages show. */
gboolean      tf_export_dialog_get_loaded       (TfExportDialog *self);
/* Pages of the finished preview's document, 0 while it is being drawn or
 * has failed. */
guint         tf_export_dialog_get_preview_pages (TfExportDialog *self);
/* Pages of the current preview on show so far: they come one by one. */
guint         tf_export_dialog_get_preview_shown (TfExportDialog *self);
/* Page @index of those on show (borrowed), or NULL. */
GdkTexture   *tf_export_dialog_get_preview_texture (TfExportDialog *self,
                                                   guint           index);
gboolean      tf_export_dialog_get_exporting    (TfExportDialog *self);
/* The error of the last export, NULL after a success. */
const GError *tf_export_dialog_get_error        (TfExportDialog *self);

void          tf_export_dialog_set_kind         (TfExportDialog *self,
                                                 TfExportKind    kind);
void          tf_export_dialog_set_paper        (TfExportDialog *self,
                                                 TfPaper         paper);
void          tf_export_dialog_set_orientation  (TfExportDialog *self,
                                                 TfOrientation   orientation);

/* What the file chooser's Save calls: starts the export in a thread. */
void          tf_export_dialog_export_to_file   (TfExportDialog *self,
                                                 GFile          *file);
/* What the Print button calls (Ctrl+P): writes the PDF in a private
 * temporary folder, then shows the system print dialog over it; with a
 * @print_to file, prints there instead (GTK_PRINT_OPERATION_ACTION_EXPORT),
 * no dialog shown. */
void          tf_export_dialog_print            (TfExportDialog *self,
                                                 const char     *print_to);
/* From the start of a print to the print dialog's end. */
gboolean      tf_export_dialog_get_printing     (TfExportDialog *self);
/* What the Cancel button calls. */
void          tf_export_dialog_cancel_export    (TfExportDialog *self);

G_END_DECLS
