/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-export-dialog"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "core/tf-archive.h"
#include "core/tf-atomic-file.h"
#include "tf-confirm.h"
#include "tf-export-dialog-private.h"
#include "tf-print.h"
#include "tf-widget-util.h"
#include "tf-window.h"

/* Printing and exporting: the kind and its options on the left, a preview
 * of the pages on the right. The preview is the real export's pages, laid
 * out by the exporter from the snapshot taken when the dialog opened and
 * drawn in a thread straight at the preview's size, shown one by one as
 * they come: what is shown is what will be printed. An export runs in a
 * thread too, and the window never waits for it. */

/* Options settle for this long before the preview is drawn again. */
#define PREVIEW_DELAY_MS  250
/* The experiment is read once the dialog has drawn its first frame, or
 * after this long if it has not (never shown). */
#define LOAD_FALLBACK_MS  300
/* What the dialog leaves free of its window's width and height. */
#define DIALOG_MARGIN     48

typedef enum {
  SIZE_FIT,
  SIZE_SCALE,
  SIZE_GRID,
  SIZE_REAL,
} SizeMode;

struct _TfExportDialog
{
  AdwWindow         parent_instance;

  TfExportSource   *source;
  GtkWindow        *parent;
  guint             board;           /* index in the source */
  gboolean          updating;        /* rows are being refilled: no preview yet */
  gboolean          closed;          /* destroyed: late thread results touch no
                                      * widget, nothing new starts */
  GCancellable     *load_cancellable; /* the experiment being read in a thread */
  gpointer          pending_load;    /* SourceLoad, until the first frame is drawn */
  guint             load_timeout;
  GdkFrameClock    *load_clock;
  gulong            load_paint_id;
  gboolean          loaded;          /* the experiment is read (or failed to) */

  guint             preview_timeout;
  guint             resize_idle;
  int               single_px;       /* the size the page on show was drawn at */
  GCancellable     *preview_cancellable;
  guint             preview_generation;
  guint             preview_pages;
  GPtrArray        *preview_textures;  /* the pages on show */
  guint             textures_generation;

  GCancellable     *export_cancellable;
  gboolean          printing;        /* from the export to the print dialog's end */
  GError           *error;
  char             *archive_path;

  GtkStringList    *paper_model;
  GtkStringList    *size_model;
  TfPaper           papers[TF_N_PAPERS];
  SizeMode          sizes[4];

  AdwWindowTitle   *window_title;
  GtkWidget        *export_button;
  GtkWidget        *print_button;
  AdwComboRow      *kind_row;
  AdwComboRow      *board_row;
  GtkWidget        *starters_group;
  GtkTextView      *starters_view;
  GtkWidget        *page_group;
  AdwComboRow      *paper_row;
  AdwComboRow      *orientation_row;
  GtkWidget        *margin_row;
  GtkSpinButton    *margin_spin;
  GtkWidget        *title_block_row;
  GtkSwitch        *title_block_switch;
  GtkWidget        *back_row;
  GtkSwitch        *back_switch;
  GtkWidget        *size_group;
  AdwComboRow      *size_row;
  GtkWidget        *columns_row;
  GtkSpinButton    *columns_spin;
  GtkWidget        *rows_row;
  GtkSpinButton    *rows_spin;
  GtkWidget        *scale_row;
  GtkSpinButton    *scale_spin;
  GtkWidget        *dpi_row;
  GtkSpinButton    *dpi_spin;
  GtkLabel         *summary_label;
  GtkSpinner       *preview_spinner;
  GtkStack         *preview_stack;
  GtkFlowBox       *pages_box;
  AdwStatusPage    *preview_status;
  GtkRevealer      *error_revealer;
  /* The preview says a board refuses to leave the archive, because of
   * item blocked_item (0: not one item) of board blocked_board. */
  gboolean          blocked_shown;
  gint64            blocked_board;
  gint64            blocked_item;
  GtkWidget        *blocked_button;
  GtkLabel         *error_label;
  GtkRevealer      *progress_revealer;
  GtkProgressBar   *progress_bar;
};

G_DEFINE_FINAL_TYPE (TfExportDialog, tf_export_dialog, ADW_TYPE_WINDOW)

enum {
  LOADED,
  PREVIEW_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void source_load_free       (gpointer        data);
static void free_source_in_thread  (TfExportSource *source);
static void stop_waiting_for_frame (TfExportDialog *self);
static void wait_for_first_frame   (TfExportDialog *self);

/* The table of exporters says what each kind is. */
static const char *
kind_label (TfExportKind kind)
{
  return tf_exporter_get_label (tf_exporter_get (kind));
}

static const char *
paper_label (TfPaper paper)
{
  /* Paper names are the same in every language, but Letter. */
  return paper == TF_PAPER_LETTER ? _("Letter") : tf_paper_to_id (paper);
}

static const char *
size_label (SizeMode mode)
{
  switch (mode)
    {
    case SIZE_FIT:
      return _("Fit to the page");
    case SIZE_SCALE:
      return _("Fixed scale");
    case SIZE_GRID:
      return _("Sheets across and down");
    case SIZE_REAL:
      return _("Real size (a post-it prints at 76 mm)");
    default:
      g_assert_not_reached ();
    }
}

static gboolean
kind_needs_board (TfExportKind kind)
{
  return tf_exporter_get (kind)->scope == TF_EXPORT_SCOPE_BOARD;
}

static gboolean
kind_is_pdf (TfExportKind kind)
{
  return g_str_equal (tf_exporter_get (kind)->extension, "pdf");
}

TfExportKind
tf_export_dialog_get_kind (TfExportDialog *self)
{
  g_return_val_if_fail (TF_IS_EXPORT_DIALOG (self), TF_EXPORT_BOARD);

  return (TfExportKind) adw_combo_row_get_selected (self->kind_row);
}

static SizeMode
current_size (TfExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->size_row);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->size_model));

  return selected < n ? self->sizes[selected] : SIZE_FIT;
}

static TfPaper
current_paper (TfExportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->paper_row);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->paper_model));

  return selected < n ? self->papers[selected] : TF_PAPER_A4;
}

static GStrv
read_starters (TfExportDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->starters_view);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* One starter a line, blank lines skipped: as the command line reads them. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] != '\0')
        g_ptr_array_add (kept, g_strdup (line));
    }
  g_ptr_array_add (kept, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&kept), FALSE);
}

/* The options as the widgets show them, for the kind chosen. */
static void
read_options (TfExportDialog  *self,
              TfExportOptions *options)
{
  TfExportKind kind = tf_export_dialog_get_kind (self);
  SizeMode size = current_size (self);

  tf_export_options_init (options);
  options->paper = current_paper (self);
  options->orientation = (TfOrientation) adw_combo_row_get_selected (self->orientation_row);
  options->margin_mm = gtk_spin_button_get_value (self->margin_spin);
  options->title_block = gtk_switch_get_active (self->title_block_switch);
  options->back = gtk_switch_get_active (self->back_switch);
  options->board = self->board;
  options->dpi = gtk_spin_button_get_value (self->dpi_spin);

  if (kind == TF_EXPORT_BOARD && size == SIZE_SCALE)
    options->scale = gtk_spin_button_get_value (self->scale_spin);
  if (kind == TF_EXPORT_POSTER)
    {
      if (size == SIZE_GRID)
        {
          options->columns = (guint) gtk_spin_button_get_value_as_int (self->columns_spin);
          options->rows = (guint) gtk_spin_button_get_value_as_int (self->rows_spin);
        }
      else
        {
          options->scale = size == SIZE_REAL ? 1.0 : gtk_spin_button_get_value (self->scale_spin);
        }
    }
  if (kind == TF_EXPORT_STARTERS)
    options->starters = read_starters (self);
}

static void
show_preview_message (TfExportDialog *self,
                      const char     *title,
                      const char     *description)
{
  adw_status_page_set_icon_name (self->preview_status, "document-print-symbolic");
  adw_status_page_set_title (self->preview_status, title);
  adw_status_page_set_description (self->preview_status, description);
  gtk_widget_set_visible (self->blocked_button, FALSE);
  gtk_stack_set_visible_child_name (self->preview_stack, "message");
}

static void clear_pages (TfExportDialog *self);

/* A board refuses to leave the archive: said once, where the preview
 * would be, with the way to what stops it; nothing to export meanwhile. */
static void
show_blocked (TfExportDialog *self,
              const char     *message)
{
  clear_pages (self);
  g_ptr_array_set_size (self->preview_textures, 0);
  gtk_label_set_label (self->summary_label, "");
  adw_status_page_set_icon_name (self->preview_status, "view-conceal-symbolic");
  /* TRANSLATORS: the preview's title when a board may not be exported as it is */
  adw_status_page_set_title (self->preview_status, _("Not Ready to Leave the Archive"));
  adw_status_page_set_description (self->preview_status, message);
  gtk_widget_set_visible (self->blocked_button, self->blocked_item != 0);
  gtk_stack_set_visible_child_name (self->preview_stack, "message");
}

static void
clear_pages (TfExportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_flow_box_remove (self->pages_box, child);
}

static char *
describe_paper (TfExportDialog *self,
                double          width_pt,
                double          height_pt)
{
  double width_mm = width_pt * 25.4 / 72.0, height_mm = height_pt * 25.4 / 72.0;
  const char *name = NULL;

  for (guint p = 0; p < TF_N_PAPERS && name == NULL; p++)
    {
      double w, h;

      tf_paper_get_size_mm ((TfPaper) p, &w, &h);
      if ((fabs (w - width_mm) < 1 && fabs (h - height_mm) < 1) ||
          (fabs (h - width_mm) < 1 && fabs (w - height_mm) < 1))
        name = paper_label ((TfPaper) p);
    }
  if (name == NULL)
    /* Translators: a page size in millimetres, “420 × 297 mm”. */
    return g_strdup_printf (_("%.0f × %.0f mm"), width_mm, height_mm);
  /* Translators: a paper and its orientation, “A4 landscape”. */
  return g_strdup_printf (width_pt > height_pt ? _("%s landscape") : _("%s portrait"), name);
}

static void
preview_ready (GObject      *object,
               GAsyncResult *res,
               gpointer      user_data)
{
  /* The reference start_preview() took, dropped here in the main thread. */
  g_autoptr(TfExportDialog) self = user_data;
  TfExportPreviewJob *job = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  g_autoptr(TfExportPreview) result = g_task_propagate_pointer (G_TASK (res), &error);
  g_autofree char *summary = NULL;
  TfExportKind kind = job->kind;

  /* An older render, overtaken by new options: its successor shows. */
  if (self->closed || job->generation != self->preview_generation ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->preview_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_spinner), FALSE);

  if (result == NULL && g_error_matches (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_BLOCKED))
    {
      show_blocked (self, error->message);
      return;
    }
  if (result == NULL)
    {
      clear_pages (self);
      g_ptr_array_set_size (self->preview_textures, 0);
      gtk_label_set_label (self->summary_label, "");
      if (g_error_matches (error, TF_EXPORT_ERROR, TF_EXPORT_ERROR_EMPTY))
        show_preview_message (self, _("Nothing to Print"),
                              kind == TF_EXPORT_STARTERS
                              ? _("Type the discussion starters on the left, one per line.")
                              : error->message);
      else
        show_preview_message (self, _("No Preview"), error->message);
      return;
    }

  self->preview_pages = result->n_pages;
  if (kind == TF_EXPORT_PNG)
    {
      TfExportOptions options;
      int width = 0, height = 0;

      read_options (self, &options);
      tf_export_png_size (self->source, &options, &width, &height, NULL);
      tf_export_options_clear (&options);
      /* Translators: the size of the image a PNG export writes. */
      summary = g_strdup_printf (_("One image, %d × %d pixels"), width, height);
    }
  else if (kind == TF_EXPORT_SVG)
    {
      summary = g_strdup (_("One drawing; it stays sharp at any size"));
    }
  else
    {
      g_autofree char *paper = describe_paper (self, result->width_pt, result->height_pt);

      /* Translators: the pages of the preview, then their paper, “3 pages · A4 portrait”. */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page · %s", "%u pages · %s",
                                              result->n_pages),
                                 result->n_pages, paper);
      if (result->n_pages > PREVIEW_MAX_PAGES)
        {
          g_autofree char *more = g_strdup_printf (_("%s (the first %u shown)"), summary,
                                                   PREVIEW_MAX_PAGES);

          g_free (summary);
          summary = g_steal_pointer (&more);
        }
    }
  gtk_label_set_label (self->summary_label, summary);

}

/* Shows the pages drawn so far: one alone, big, fills the room; smaller
 * ones flow in a grid. */
static void
show_pages (TfExportDialog *self)
{
  gboolean single = FALSE;

  clear_pages (self);
  if (self->preview_textures->len == 1)
    {
      GdkTexture *texture = g_ptr_array_index (self->preview_textures, 0);

      single = MAX (gdk_texture_get_width (texture), gdk_texture_get_height (texture)) > PREVIEW_MANY_PX;
    }
  for (guint i = 0; i < self->preview_textures->len; i++)
    {
      GdkTexture *texture = g_ptr_array_index (self->preview_textures, i);
      int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
      g_autofree char *name = g_strdup_printf (_("Page %u"), i + 1);
      GtkWidget *page;

      if (single)
        {
          /* One page alone, drawn to fit the room: shown centred at its
           * own size, pixel for pixel (shrunk, keeping its shape, only
           * while the room is smaller than it was drawn for), its shadow
           * hugging the paper. */
          page = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
          gtk_widget_add_css_class (page, "export-page");
          gtk_widget_set_halign (page, GTK_ALIGN_CENTER);
          gtk_widget_set_valign (page, GTK_ALIGN_CENTER);
          gtk_widget_set_hexpand (page, TRUE);
          gtk_widget_set_vexpand (page, TRUE);
        }
      else
        {
          /* An image keeps a fixed size where a picture would grow with the
           * height it is offered, one page to a line. */
          page = gtk_image_new_from_paintable (GDK_PAINTABLE (texture));
          gtk_image_set_pixel_size (GTK_IMAGE (page), MAX (width, height));
          gtk_widget_set_tooltip_text (page, name);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      gtk_flow_box_append (self->pages_box, page);
    }
  /* A single page takes the whole height; pages flow from the top. */
  gtk_widget_set_valign (GTK_WIDGET (self->pages_box),
                         single ? GTK_ALIGN_FILL : GTK_ALIGN_START);
  /* Pages of one document share their size: a grid of equal cells wraps
   * them as many to a line as the room allows. */
  gtk_flow_box_set_homogeneous (self->pages_box, self->preview_textures->len > 1);
}

void
tf_export_dialog_add_preview_page (TfExportDialog *self,
                                   guint           generation,
                                   guint           index,
                                   GdkTexture     *texture,
                                   double          width_pt,
                                   double          height_pt)
{
  gboolean first = FALSE;

  /* A page of a preview overtaken by new options never shows. */
  if (self->closed || generation != self->preview_generation)
    return;
  if (self->textures_generation != generation || self->preview_textures->len == 0)
    {
      g_ptr_array_set_size (self->preview_textures, 0);
      self->textures_generation = generation;
      first = TRUE;
    }
  if (index < self->preview_textures->len)
    {
      g_object_unref (g_ptr_array_index (self->preview_textures, index));
      g_ptr_array_index (self->preview_textures, index) = g_object_ref (texture);
    }
  else if (index == self->preview_textures->len)
    g_ptr_array_add (self->preview_textures, g_object_ref (texture));
  else
    return;
  show_pages (self);
  if (first)
    {
      gtk_stack_set_visible_child_name (self->preview_stack, "pages");
      g_signal_emit (self, signals[PREVIEW_READY], 0);
    }
}

/* The longest side of one page alone, in pixels: what the room on screen
 * shows of it, no more (a 1400 px page is 8 MB three times over: drawn,
 * its texture, and on the GPU). */
static int
preview_single_px (TfExportDialog *self)
{
  GtkWidget *room = GTK_WIDGET (self->preview_stack);
  int side = MAX (gtk_widget_get_width (room), gtk_widget_get_height (room));

  if (side <= 0)
    return PREVIEW_SINGLE_PX;
  return CLAMP (side * gtk_widget_get_scale_factor (room), PREVIEW_SINGLE_MIN_PX, PREVIEW_SINGLE_PX);
}

/* The room one page alone has on screen, in device pixels: the preview
 * less the margins of the pages' box and a little for the flow box
 * child's padding. The page is fitted into it in the worker and shown
 * pixel for pixel, where it was drawn to the room's longest side and
 * scaled by the window's renderer at each redraw (a portrait A4 in a tall
 * room: 474 × 669 pixels shown at 419 × 591). */
#define PAGES_BOX_MARGIN 18
#define PAGE_SLACK 8

static void
preview_box (TfExportDialog *self,
             int            *width,
             int            *height)
{
  GtkWidget *room = GTK_WIDGET (self->preview_stack);
  int scale = gtk_widget_get_scale_factor (room);

  *width = (gtk_widget_get_width (room) - 2 * PAGES_BOX_MARGIN - PAGE_SLACK) * scale;
  *height = (gtk_widget_get_height (room) - 2 * PAGES_BOX_MARGIN - PAGE_SLACK) * scale;
  if (*width <= 0 || *height <= 0)
    *width = *height = 0;
}

static void schedule_preview (TfExportDialog *self);

static gboolean
redraw_bigger (gpointer user_data)
{
  TfExportDialog *self = user_data;

  self->resize_idle = 0;
  schedule_preview (self);
  return G_SOURCE_REMOVE;
}

/* Grown much larger than the page on show was drawn for: drawn again. */
static void
tf_export_dialog_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  TfExportDialog *self = TF_EXPORT_DIALOG (widget);

  GTK_WIDGET_CLASS (tf_export_dialog_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->single_px > 0 && self->single_px < PREVIEW_SINGLE_PX && self->source != NULL &&
      self->resize_idle == 0 && self->preview_textures->len == 1 &&
      preview_single_px (self) > self->single_px * 5 / 4)
    self->resize_idle = g_idle_add (redraw_bigger, self);
}

static gboolean
start_preview (gpointer user_data)
{
  TfExportDialog *self = user_data;
  g_autoptr(GTask) task = NULL;
  TfExportPreviewJob *job;

  self->preview_timeout = 0;
  if (self->source == NULL || self->closed)
    return G_SOURCE_REMOVE;

  job = g_new0 (TfExportPreviewJob, 1);
  job->kind = tf_export_dialog_get_kind (self);
  job->source = g_object_ref (self->source);
  read_options (self, &job->options);
  job->generation = self->preview_generation;
  job->single_px = self->single_px = preview_single_px (self);
  preview_box (self, &job->box_width, &job->box_height);
  job->dialog = self;

  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  /* No source object: see start_load(). */
  task = g_task_new (NULL, self->preview_cancellable, preview_ready, g_object_ref (self));
  g_task_set_source_tag (task, start_preview);
  g_task_set_task_data (task, job, tf_export_preview_job_free);
  g_task_run_in_thread (task, tf_export_preview_in_thread);
  return G_SOURCE_REMOVE;
}

/* Any option changed: the preview on show is outdated, the one being drawn
 * is dropped, a new one starts once the options settle. */
static void
schedule_preview (TfExportDialog *self)
{
  if (self->updating || self->closed)
    return;

  self->preview_generation++;
  self->preview_pages = 0;
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  /* The first preview starts at once: options only settle once shown. */
  self->preview_timeout = g_timeout_add (self->textures_generation == 0 ? 0 : PREVIEW_DELAY_MS,
                                         start_preview, self);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_spinner), TRUE);
  gtk_spinner_set_spinning (self->preview_spinner, TRUE);
}

static gboolean check_blocked (TfExportDialog *self);
static char    *default_name  (TfExportDialog *self);

static void
options_changed (TfExportDialog *self)
{
  TfExportKind kind = tf_export_dialog_get_kind (self);
  SizeMode size = current_size (self);
  guint board = adw_combo_row_get_selected (self->board_row);

  if (self->updating)
    return;
  if (self->source != NULL && board < tf_export_source_get_n_boards (self->source))
    self->board = board;

  gtk_widget_set_visible (self->columns_row, kind == TF_EXPORT_POSTER && size == SIZE_GRID);
  gtk_widget_set_visible (self->scale_row, (kind == TF_EXPORT_BOARD && size == SIZE_SCALE) ||
                                           (kind == TF_EXPORT_POSTER && size == SIZE_SCALE));
  gtk_widget_set_visible (self->rows_row, kind == TF_EXPORT_POSTER && size == SIZE_GRID);
  gtk_widget_set_visible (GTK_WIDGET (self->size_row),
                          kind == TF_EXPORT_BOARD || kind == TF_EXPORT_POSTER);
  /* Before the experiment is read, its preview waits for it. */
  if (self->source != NULL)
    {
      check_blocked (self);
      schedule_preview (self);
    }
}

static void
fill_string_list (GtkStringList *list,
                  const char    *labels[])
{
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), labels);
}

/* The rows that apply to the kind, and the choices they offer. */
static void
kind_changed (TfExportDialog *self)
{
  TfExportKind kind = tf_export_dialog_get_kind (self);
  TfPaper paper = current_paper (self);
  SizeMode size = current_size (self);
  /* Kinds that lay a board or the report out on pages of their own. */
  gboolean laid_out = kind == TF_EXPORT_BOARD || kind == TF_EXPORT_POSTER ||
                      kind == TF_EXPORT_REPORT;
  const char *labels[TF_N_PAPERS + 1] = { NULL };
  guint n = 0, selected = 0;

  /* The rows and their choices follow from the kind alone: the dialog's
   * first frame shows them as they will stay, before the experiment is
   * read; only the boards wait for it. */
  self->updating = TRUE;

  /* Posters tile sheets that any printer takes. */
  for (guint p = 0; p < TF_N_PAPERS; p++)
    if (kind != TF_EXPORT_POSTER || p == TF_PAPER_A4 || p == TF_PAPER_A3)
      {
        if (p == paper)
          selected = n;
        self->papers[n] = (TfPaper) p;
        labels[n++] = paper_label ((TfPaper) p);
      }
  labels[n] = NULL;
  fill_string_list (self->paper_model, labels);
  adw_combo_row_set_selected (self->paper_row, selected);

  n = selected = 0;
  if (kind == TF_EXPORT_POSTER)
    {
      self->sizes[n++] = SIZE_GRID;
      self->sizes[n++] = SIZE_REAL;
      self->sizes[n++] = SIZE_SCALE;
    }
  else
    {
      self->sizes[n++] = SIZE_FIT;
      self->sizes[n++] = SIZE_SCALE;
    }
  for (guint i = 0; i < n; i++)
    {
      if (self->sizes[i] == size)
        selected = i;
      labels[i] = size_label (self->sizes[i]);
    }
  labels[n] = NULL;
  fill_string_list (self->size_model, labels);
  adw_combo_row_set_selected (self->size_row, selected);

  /* A board the export applies to (cards come from an insight wall). */
  if (self->source != NULL && self->board < tf_export_source_get_n_boards (self->source) &&
      !tf_exporter_applies_to (tf_exporter_get (kind), tf_export_source_get_board (self->source, self->board)))
    for (guint i = 0; i < tf_export_source_get_n_boards (self->source); i++)
      if (tf_exporter_applies_to (tf_exporter_get (kind), tf_export_source_get_board (self->source, i)))
        {
          self->board = i;
          break;
        }
  if (self->source != NULL)
    adw_combo_row_set_selected (self->board_row, self->board);

  gtk_widget_set_visible (GTK_WIDGET (self->board_row), kind_needs_board (kind));
  gtk_widget_set_visible (self->starters_group, kind == TF_EXPORT_STARTERS);
  gtk_widget_set_visible (self->page_group, kind_is_pdf (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->orientation_row), laid_out);
  gtk_widget_set_visible (self->margin_row, laid_out);
  gtk_widget_set_visible (self->title_block_row, laid_out);
  gtk_widget_set_visible (self->back_row, kind == TF_EXPORT_CARDS || kind == TF_EXPORT_STARTERS);
  gtk_widget_set_visible (self->size_group, kind == TF_EXPORT_BOARD || kind == TF_EXPORT_POSTER ||
                                            kind == TF_EXPORT_PNG);
  gtk_widget_set_visible (self->dpi_row, kind == TF_EXPORT_PNG);
  /* Paper prints; images are saved. */
  gtk_widget_set_visible (self->print_button, kind_is_pdf (kind));
  gtk_button_set_label (GTK_BUTTON (self->export_button),
                        kind_is_pdf (kind) ? _("_Export PDF…") : _("_Export…"));
  gtk_window_set_default_widget (GTK_WINDOW (self), kind_is_pdf (kind) ? self->print_button
                                                                      : self->export_button);
  if (kind_is_pdf (kind))
    {
      gtk_widget_add_css_class (self->print_button, "suggested-action");
      gtk_widget_remove_css_class (self->export_button, "suggested-action");
    }
  else
    gtk_widget_add_css_class (self->export_button, "suggested-action");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.print",
                                 kind_is_pdf (kind) && self->export_cancellable == NULL &&
                                 !self->blocked_shown);

  self->updating = FALSE;
  options_changed (self);
}

/* Exporting. */

typedef struct {
  TfExportDialog *dialog;
  GtkWindow      *parent;
  GFile          *file;
  GApplication   *app;        /* held while the worker runs */
  /* Printing: the PDF is written in this private folder, then printed
   * (to the file print_to instead of a printer when the tests ask). */
  char           *print_dir;
  char           *print_to;
  double          posted;     /* the last fraction sent to the main thread */
} ExportOp;

typedef struct {
  TfExportDialog *dialog;
  double          fraction;
} Progress;

static void
export_op_free (ExportOp *op)
{
  g_object_unref (op->dialog);
  g_clear_object (&op->parent);
  if (op->print_dir != NULL)
    {
      g_autofree char *path = g_file_get_path (op->file);

      g_remove (path);
      g_rmdir (op->print_dir);
      g_free (op->print_dir);
    }
  g_object_unref (op->file);
  g_free (op->print_to);
  if (op->app != NULL)
    {
      /* The application may now close the archive and exit. */
      g_application_release (op->app);
      g_object_unref (op->app);
    }
  g_free (op);
}

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;

  if (!progress->dialog->closed && progress->dialog->export_cancellable != NULL)
    gtk_progress_bar_set_fraction (progress->dialog->progress_bar, progress->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->dialog);
  g_free (progress);
}

/* In the export's thread: hop to the main thread, a percent at a time. */
static void
export_progress (double   fraction,
                 gpointer user_data)
{
  ExportOp *op = user_data;
  Progress *progress;

  if (fraction - op->posted < 0.01 && fraction < 1.0)
    return;
  op->posted = fraction;
  progress = g_new0 (Progress, 1);
  progress->dialog = g_object_ref (op->dialog);
  progress->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress, progress, progress_free);
}

static void
set_exporting (TfExportDialog *self,
               gboolean        exporting)
{
  gtk_revealer_set_reveal_child (self->progress_revealer, exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", !exporting && !self->blocked_shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.print",
                                 !exporting && !self->blocked_shown &&
                                 kind_is_pdf (tf_export_dialog_get_kind (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", exporting);
  /* The options stay as they are while their export is written. */
  gtk_widget_set_sensitive (gtk_widget_get_parent (self->page_group), !exporting);
}

static void
show_error (TfExportDialog *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

/* Whether the boards this export prints may leave the archive as they are
 * (a mockup's photo of people with neither a blur region nor consent must
 * not): says why not in the dialog, before any file is chosen. */
static gboolean
check_blocked (TfExportDialog *self)
{
  g_auto(TfExportOptions) options;
  g_autoptr(GError) error = NULL;

  if (self->source == NULL)
    return TRUE;
  read_options (self, &options);
  if (tf_export_check_boards_at (tf_export_dialog_get_kind (self), self->source, &options,
                                 &self->blocked_board, &self->blocked_item, &error))
    {
      if (self->blocked_shown)
        g_clear_error (&self->error);
      self->blocked_shown = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", self->export_cancellable == NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.print",
                                     self->export_cancellable == NULL &&
                                     kind_is_pdf (tf_export_dialog_get_kind (self)));
      return TRUE;
    }
  /* Said once, in the preview's place (not again under it). */
  show_error (self, NULL);
  show_blocked (self, error->message);
  g_clear_error (&self->error);
  self->error = g_steal_pointer (&error);
  self->blocked_shown = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.print", FALSE);
  return FALSE;
}

/* "Show the Photo": the window goes to what stops the export, selected on
 * its board, and the dialog closes (the export is asked again after). */
static void
tf_export_dialog_show_blocked (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  TfExportDialog *self = TF_EXPORT_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (!self->blocked_shown || self->blocked_item == 0 || parent == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-item", "(xx)",
                              self->blocked_board, self->blocked_item);
  gtk_window_close (GTK_WINDOW (self));
}

static void
open_exported (AdwToast *toast,
               GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
say_print_error (TfExportDialog *self,
                 const GError   *error)
{
  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  if (!self->closed && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: why the print dialog could not be shown or the
       * document not printed. */
      g_autofree char *message = g_strdup_printf (_("Not printed: %s"), error->message);

      show_error (self, message);
    }
}

static void
print_done (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            TfExportDialog          *self)
{
  g_autoptr(GError) error = NULL;

  self->printing = FALSE;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        say_print_error (self, error);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_clear_error (&self->error);
      if (!self->closed)
        gtk_window_destroy (GTK_WINDOW (self));
    }
  if (!self->closed)
    set_exporting (self, FALSE);
  g_object_unref (self);
}

/* The PDF is written: the system print dialog shows it (or, for the tests,
 * prints it to op->print_to). The file goes once read. */
static void
printed_pdf (ExportOp     *op,
             GAsyncResult *result)
{
  TfExportDialog *self = op->dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *path = g_file_get_path (op->file);
  g_autofree char *name = g_path_get_basename (path);
  GtkPrintOperationResult run;

  g_clear_object (&self->export_cancellable);
  if (!tf_export_run_finish (result, NULL, &error) ||
      (operation = tf_print_operation_new_for_pdf (path, name, &error)) == NULL)
    {
      self->printing = FALSE;
      if (!self->closed)
        set_exporting (self, FALSE);
      say_print_error (self, error);
      return;
    }
  if (self->closed)
    {
      self->printing = FALSE;
      return;
    }
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (print_done), g_object_ref (self));
  if (op->print_to != NULL)
    gtk_print_operation_set_export_filename (operation, op->print_to);
  run = gtk_print_operation_run (operation, op->print_to != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                                 : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                 GTK_WINDOW (self), &error);
  /* "done" has been emitted unless the operation goes on by itself. */
  if (run == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    say_print_error (self, error);
}

static void
exported (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  ExportOp *op = user_data;
  TfExportDialog *self = op->dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (op->file);
  g_autofree char *display = g_filename_display_name (name);
  guint n_pages = 0;

  g_clear_object (&self->export_cancellable);
  if (!self->closed)
    set_exporting (self, FALSE);

  if (op->print_dir != NULL)
    {
      printed_pdf (op, result);
      export_op_free (op);
      return;
    }
  if (tf_export_run_finish (result, &n_pages, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Exported “%s”"), display);
      AdwToast *toast = adw_toast_new (title);

      g_clear_error (&self->error);
      adw_toast_set_button_label (toast, _("_Open"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_exported),
                             g_object_ref (op->file),
                             (GClosureNotify) (void (*) (void)) g_object_unref, 0);
      if (op->parent != NULL && TF_IS_WINDOW (op->parent))
        tf_window_add_toast (TF_WINDOW (op->parent), toast);
      else
        g_object_unref (g_object_ref_sink (toast));
      if (!self->closed)
        gtk_window_destroy (GTK_WINDOW (self));
    }
  else
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
      if (self->closed)
        {
          /* Closed while exporting: the window has gone, nothing to say. */
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_error (self, NULL);
          gtk_progress_bar_set_fraction (self->progress_bar, 0);
        }
      else
        {
          /* Translators: a file name, then why it could not be written. */
          g_autofree char *message = g_strdup_printf (_("“%s” was not exported: %s"), display,
                                                      error->message);

          show_error (self, message);
        }
    }
  export_op_free (op);
}

static void
start_export (TfExportDialog *self,
              GFile          *file,
              const char     *path,
              char           *print_dir,
              const char     *print_to)
{
  g_auto(TfExportOptions) options = { 0 };
  ExportOp *op;

  show_error (self, NULL);
  g_clear_error (&self->error);
  read_options (self, &options);
  op = g_new0 (ExportOp, 1);
  op->dialog = g_object_ref (self);
  op->parent = self->parent != NULL ? g_object_ref (self->parent) : NULL;
  op->file = g_object_ref (file);
  op->print_dir = print_dir;
  op->print_to = g_strdup (print_to);
  self->printing = print_dir != NULL;
  self->export_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_exporting (self, TRUE);
  /* Quitting while the worker writes waits for it to end (a cancel cleans
   * up its temporary file) before the archive is closed. */
  op->app = G_APPLICATION (gtk_window_get_application (op->parent != NULL ? op->parent
                                                                           : GTK_WINDOW (self)));
  if (op->app != NULL)
    g_application_hold (g_object_ref (op->app));
  tf_export_run_async (tf_export_dialog_get_kind (self), self->source, &options, path,
                       self->export_cancellable, export_progress, op, exported, op);
}

static void
replace_database_response (AdwMessageDialog *dialog,
                           const char       *response,
                           TfExportDialog   *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  g_autofree char *path = g_file_get_path (file);

  if (g_str_equal (response, "replace") && self->export_cancellable == NULL && !self->closed)
    start_export (self, file, path, NULL, NULL);
}

void
tf_export_dialog_export_to_file (TfExportDialog *self,
                                 GFile          *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TF_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->export_cancellable != NULL || self->source == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("Choose a folder on this computer: the file cannot be written there."));
      return;
    }

  /* Never over the archive; over another database only once confirmed. */
  if (!tf_atomic_file_check_target (path, self->archive_path, FALSE, &error))
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
      if (g_error_matches (error, TF_ATOMIC_FILE_ERROR, TF_ATOMIC_FILE_ERROR_DATABASE))
        {
          GtkWidget *dialog = tf_confirm_replace_database_new (GTK_WINDOW (self), path);

          g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
          g_signal_connect_object (dialog, "response", G_CALLBACK (replace_database_response),
                                   self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        /* It names the file and says why. */
        show_error (self, error->message);
      return;
    }

  start_export (self, file, path, NULL, NULL);
}

gboolean
tf_export_dialog_get_printing (TfExportDialog *self)
{
  g_return_val_if_fail (TF_IS_EXPORT_DIALOG (self), FALSE);

  return self->printing;
}

void
tf_export_dialog_print (TfExportDialog *self,
                        const char     *print_to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  char *dir;

  g_return_if_fail (TF_IS_EXPORT_DIALOG (self));

  if (self->export_cancellable != NULL || self->printing || self->source == NULL ||
      !kind_is_pdf (tf_export_dialog_get_kind (self)) || !check_blocked (self))
    return;
  /* A folder of our own (0700), gone with the PDF once it is read. */
  dir = g_dir_make_tmp ("transfo-print-XXXXXX", &error);
  if (dir == NULL)
    {
      say_print_error (self, error);
      return;
    }
  name = default_name (self);
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  start_export (self, file, path, dir, print_to);
}

static void
tf_export_dialog_print_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  tf_export_dialog_print (TF_EXPORT_DIALOG (widget), NULL);
}

/* Enter: print what prints on paper, save the images. */
static void
tf_export_dialog_default_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  TfExportDialog *self = TF_EXPORT_DIALOG (widget);

  gtk_widget_activate_action (widget, kind_is_pdf (tf_export_dialog_get_kind (self))
                                      ? "export.print" : "export.export", NULL);
}

void
tf_export_dialog_cancel_export (TfExportDialog *self)
{
  g_return_if_fail (TF_IS_EXPORT_DIALOG (self));

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

static char *
default_name (TfExportDialog *self)
{
  TfExportKind kind = tf_export_dialog_get_kind (self);
  TfExperiment *experiment = tf_export_source_get_experiment (self->source);
  TfBoard *board = self->board < tf_export_source_get_n_boards (self->source)
                   ? tf_export_source_get_board (self->source, self->board) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return tf_export_suggest_name (kind, tf_experiment_get_title (experiment),
                                 board != NULL ? tf_board_get_name (board) : NULL, now);
}

static void
file_chosen (GtkNativeDialog *chooser,
             int              response,
             TfExportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL)
    tf_export_dialog_export_to_file (self, file);
  g_object_unref (self);
}

static void
tf_export_dialog_choose_file (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TfExportDialog *self = TF_EXPORT_DIALOG (widget);
  TfExportKind kind = tf_export_dialog_get_kind (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->source == NULL || self->export_cancellable != NULL)
    return;
  if (!check_blocked (self))
    return;

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  switch (kind)
    {
    case TF_EXPORT_PNG:
      gtk_file_filter_set_name (filter, _("PNG images"));
      gtk_file_filter_add_mime_type (filter, "image/png");
      break;
    case TF_EXPORT_SVG:
      gtk_file_filter_set_name (filter, _("SVG drawings"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
      break;
    case TF_EXPORT_BOARD:
    case TF_EXPORT_POSTER:
    case TF_EXPORT_REPORT:
    case TF_EXPORT_CARDS:
    case TF_EXPORT_STARTERS:
    case TF_N_EXPORT_KINDS:
    default:
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      break;
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = default_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
tf_export_dialog_cancel (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  tf_export_dialog_cancel_export (TF_EXPORT_DIALOG (widget));
}

/* Destroyed (closed, or gtk_window_destroy()): GTK lets the window go but
 * it lives on until the workers running for it have called back. What they
 * do is dropped: the read and the preview are cancelled, their results
 * touch no widget and start nothing new; an export under way is cancelled,
 * nothing is left behind. */
static void
stop_work (TfExportDialog *self)
{
  self->closed = TRUE;
  stop_waiting_for_frame (self);
  g_clear_pointer (&self->pending_load, source_load_free);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  self->preview_generation++;
  g_clear_handle_id (&self->preview_timeout, g_source_remove);
  g_clear_handle_id (&self->resize_idle, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

static void
tf_export_dialog_unrealize (GtkWidget *widget)
{
  stop_work (TF_EXPORT_DIALOG (widget));
  GTK_WIDGET_CLASS (tf_export_dialog_parent_class)->unrealize (widget);
}

static void
tf_export_dialog_dispose (GObject *object)
{
  TfExportDialog *self = TF_EXPORT_DIALOG (object);

  stop_work (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TF_TYPE_EXPORT_DIALOG);
  g_clear_object (&self->parent);

  G_OBJECT_CLASS (tf_export_dialog_parent_class)->dispose (object);
}

static void
tf_export_dialog_finalize (GObject *object)
{
  TfExportDialog *self = TF_EXPORT_DIALOG (object);

  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->load_cancellable);
  free_source_in_thread (g_steal_pointer (&self->source));
  g_clear_object (&self->paper_model);
  g_clear_object (&self->size_model);
  g_clear_error (&self->error);
  g_free (self->archive_path);
  g_clear_pointer (&self->preview_textures, g_ptr_array_unref);

  G_OBJECT_CLASS (tf_export_dialog_parent_class)->finalize (object);
}

static void
tf_export_dialog_class_init (TfExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_export_dialog_dispose;
  object_class->finalize = tf_export_dialog_finalize;
  widget_class->unrealize = tf_export_dialog_unrealize;
  widget_class->size_allocate = tf_export_dialog_size_allocate;

  /* The experiment is read (the dialog opens before, at once). */
  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The first page of a preview is on show; the others follow one by one
   * (tf_export_dialog_get_preview_shown()). */
  signals[PREVIEW_READY] =
    g_signal_new ("preview-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/transfo/Transfo/tf-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, board_row);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, starters_group);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, starters_view);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, page_group);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, margin_row);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, margin_spin);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, title_block_row);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, title_block_switch);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, back_row);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, back_switch);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, size_group);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, columns_row);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, columns_spin);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, rows_row);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, rows_spin);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, scale_spin);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, pages_box);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, preview_status);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, blocked_button);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, TfExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, options_changed);

  /* Enter exports (unless a row or the starters' text takes it first);
   * Escape closes, cancelling an export under way. */
  gtk_widget_class_install_action (widget_class, "export.export", NULL,
                                   tf_export_dialog_choose_file);
  gtk_widget_class_install_action (widget_class, "export.print", NULL, tf_export_dialog_print_action);
  gtk_widget_class_install_action (widget_class, "export.default", NULL, tf_export_dialog_default_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "export.default", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "export.default", NULL);
  /* Ctrl+P prints, Ctrl+E saves a file (Ctrl+S too). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "export.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "export.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "export.export", NULL);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, tf_export_dialog_cancel);
  gtk_widget_class_install_action (widget_class, "export.show-blocked", NULL, tf_export_dialog_show_blocked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* The choices of "What" and "Board" whole, wrapped on two lines when long
 * ("Rapport d’expérimentation", a board's long name), never cut as the
 * combo row's own labels are past 20 characters. */
static void
choice_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
choice_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      GTK_IS_STRING_OBJECT (string) ? gtk_string_object_get_string (string) : "");
}

static void
set_choice_factory (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (choice_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (choice_bind), NULL);
  adw_combo_row_set_factory (row, factory);
}

static void
tf_export_dialog_init (TfExportDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  self->paper_model = gtk_string_list_new (NULL);
  self->size_model = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The options scroll: the wheel over a spin button scrolls them. */
  {
    GtkWidget *spins[] = { GTK_WIDGET (self->margin_spin), GTK_WIDGET (self->columns_spin),
                           GTK_WIDGET (self->rows_spin), GTK_WIDGET (self->scale_spin),
                           GTK_WIDGET (self->dpi_spin) };

    for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
      tf_widget_spin_wheel_when_focused (spins[i]);
  }
  set_choice_factory (self->kind_row);
  set_choice_factory (self->board_row);

  for (guint k = 0; k < TF_N_EXPORT_KINDS; k++)
    gtk_string_list_append (kinds, kind_label ((TfExportKind) k));
  self->updating = TRUE;
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->paper_row, G_LIST_MODEL (self->paper_model));
  adw_combo_row_set_model (self->size_row, G_LIST_MODEL (self->size_model));
  self->updating = FALSE;

  self->preview_textures = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect_object (gtk_text_view_get_buffer (self->starters_view), "changed",
                           G_CALLBACK (schedule_preview), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", FALSE);
}

/* The experiment and its boards, read into the dialog's source: the rows
 * that depend on them fill, and the first preview starts. */
static void
source_loaded (TfExportDialog *self,
               TfExportSource *source,
               const GError   *error,
               gint64          board_id)
{
  g_autoptr(GtkStringList) boards = gtk_string_list_new (NULL);
  TfExperiment *experiment;

  self->source = source;
  if (self->source == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->preview_spinner), FALSE);
      show_preview_message (self, _("Cannot Read the Experiment"), error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", FALSE);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", TRUE);

  for (guint i = 0; i < tf_export_source_get_n_boards (self->source); i++)
    {
      TfBoard *board = tf_export_source_get_board (self->source, i);

      gtk_string_list_append (boards, tf_board_get_name (board));
      if (tf_board_get_id (board) == board_id)
        self->board = i;
    }
  self->updating = TRUE;
  adw_combo_row_set_model (self->board_row, G_LIST_MODEL (boards));
  self->updating = FALSE;

  experiment = tf_export_source_get_experiment (self->source);
  adw_window_title_set_subtitle (self->window_title, tf_experiment_get_title (experiment));
  kind_changed (self);
}

/* Reading a big experiment (a 100k wall) takes seconds: a worker thread
 * reads it through a read-only connection of its own while the dialog
 * shows, and the window goes on drawing. */
typedef struct {
  char   *archive_path;
  gint64  experiment_id;
  gint64  board_id;
} SourceLoad;

static void
source_load_free (gpointer data)
{
  SourceLoad *load = data;

  g_free (load->archive_path);
  g_free (load);
}

/* Workers of dialogs running now: the load and the previews. */
static gint n_workers;

guint
tf_export_dialog_get_n_workers (void)
{
  return (guint) g_atomic_int_get (&n_workers);
}

void
tf_export_dialog_worker_begin (void)
{
  g_atomic_int_inc (&n_workers);
}

void
tf_export_dialog_worker_end (void)
{
  /* The heap is not given back here (see free_source()): malloc_trim()
   * walks every arena, the main thread's too, each under its lock. At the
   * end of the read it held the preview's worker back (a 100k wall's first
   * page 5.1 s instead of 1.4 s, one run each on a loaded machine), and at
   * the end of a preview the first frame showing the page paid for the
   * main thread's memory given back (page faults and clearing: 24–27 ms of
   * its CPU instead of 3–12, under Xvfb at 10k). */
  g_atomic_int_add (&n_workers, -1);
  /* Whoever waits for the count in the main loop sees it: a freeing
   * thread ends with no callback of its own to wake it. */
  g_main_context_wakeup (NULL);
}

static gpointer
free_source (gpointer data)
{
  TfExportSource *source = data;
  gint64 start = g_get_monotonic_time ();

  g_object_unref (source);
  /* What a big read or preview left in the heap goes back to the system
   * once the dialog is closed: the window keeps running for hours. */
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  g_debug ("experiment freed in %.1f ms", (g_get_monotonic_time () - start) / 1e3);
  tf_export_dialog_worker_end ();
  return NULL;
}

/* Freeing what was read for a big wall takes as long as a good part of the
 * read (0.1 s at 12k notes, with the machine busy): not in the main thread,
 * where the window would freeze as the dialog closes. The source is the
 * exporter's, GTK-free, read in a thread too; whatever else holds it (a
 * preview or an export still running) lets it go in its own thread. */
static void
free_source_in_thread (TfExportSource *source)
{
  GThread *thread;

  if (source == NULL)
    return;
  /* Counted from here, so that no one sees the dialog's workers done
   * before this one has started. */
  tf_export_dialog_worker_begin ();
  thread = g_thread_new ("tf-export-free", free_source, source);
  g_thread_unref (thread);
}

static void
load_source_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  SourceLoad *load = task_data;
  g_autoptr(TfStore) store = NULL;
  TfExportSource *source = NULL;
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();

  tf_export_dialog_worker_begin ();
  if (!g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      store = tf_store_open (load->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
      if (store != NULL)
        source = tf_export_source_new_from_store_cancellable (store, load->experiment_id, cancellable, &error);
    }
  g_debug ("experiment read in %.1f ms", (g_get_monotonic_time () - start) / 1e3);
  if (source == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, source, g_object_unref);
  tf_export_dialog_worker_end ();
}

static void
source_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  /* The reference start_load() took, dropped here in the main thread. */
  g_autoptr(TfExportDialog) self = user_data;
  SourceLoad *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  TfExportSource *source = g_task_propagate_pointer (G_TASK (result), &error);
  gint64 start = g_get_monotonic_time ();

  if (self->closed)
    {
      free_source_in_thread (source);
      return;
    }
  g_clear_object (&self->load_cancellable);
  source_loaded (self, source, error, load->board_id);
  g_debug ("experiment taken in %.1f ms", (g_get_monotonic_time () - start) / 1e3);
  self->loaded = TRUE;
  g_signal_emit (self, signals[LOADED], 0);
}

static void
stop_waiting_for_frame (TfExportDialog *self)
{
  g_clear_handle_id (&self->load_timeout, g_source_remove);
  if (self->load_clock != NULL)
    g_clear_signal_handler (&self->load_paint_id, self->load_clock);
  g_clear_object (&self->load_clock);
  g_signal_handlers_disconnect_by_func (self, wait_for_first_frame, NULL);
}

static void
start_load (TfExportDialog *self)
{
  g_autoptr(GTask) task = NULL;

  stop_waiting_for_frame (self);
  if (self->pending_load == NULL || self->closed)
    return;
  /* The dialog is not the task's source object: a task holds its source
   * object until it is finalized, and a task run in a thread is finalized
   * by whichever of the worker and the main thread lets it go last. When
   * that was the worker, the dialog's last reference went with it (it had
   * been closed meanwhile) and the dialog was disposed in the worker
   * thread, its widgets torn down while the main thread still drew them
   * (GtkTextView's validation idle crashed on its buffer, gone). The
   * callback's own reference is dropped in the main thread. */
  task = g_task_new (NULL, self->load_cancellable, source_ready, g_object_ref (self));
  g_task_set_source_tag (task, tf_export_dialog_new);
  g_task_set_task_data (task, g_steal_pointer (&self->pending_load), source_load_free);
  g_task_run_in_thread (task, load_source_in_thread);
}

static void
first_frame_drawn (GdkFrameClock  *clock,
                   TfExportDialog *self)
{
  start_load (self);
}

static gboolean
load_after_timeout (gpointer user_data)
{
  TfExportDialog *self = user_data;

  self->load_timeout = 0;
  start_load (self);
  return G_SOURCE_REMOVE;
}

static void
wait_for_first_frame (TfExportDialog *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_handlers_disconnect_by_func (self, wait_for_first_frame, NULL);
  if (clock == NULL || self->load_clock != NULL)
    return;
  self->load_clock = g_object_ref (clock);
  self->load_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (first_frame_drawn), self);
}

/* The .ui's default size, but never larger than the window it comes from
 * (less a margin): on an 800×600 screen the dialog stays on it, and its
 * options scroll. */
static void
fit_to_parent (TfExportDialog *self,
               GtkWindow      *parent)
{
  int width = 0, height = 0, parent_width = 0, parent_height = 0;

  if (parent == NULL)
    return;
  parent_width = gtk_widget_get_width (GTK_WIDGET (parent));
  parent_height = gtk_widget_get_height (GTK_WIDGET (parent));
  if (parent_width <= 0 || parent_height <= 0)
    gtk_window_get_default_size (parent, &parent_width, &parent_height);
  if (parent_width <= 0 || parent_height <= 0)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  width = MIN (width, MAX (parent_width - DIALOG_MARGIN, 320));
  height = MIN (height, MAX (parent_height - DIALOG_MARGIN, 240));
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
}

TfExportDialog *
tf_export_dialog_new (GtkWindow *parent,
                      TfStore   *store,
                      gint64     experiment_id,
                      gint64     board_id)
{
  TfExportDialog *self;
  SourceLoad *load;
  guint kind;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  self = g_object_new (TF_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->parent = parent != NULL ? g_object_ref (parent) : NULL;
  fit_to_parent (self, parent);
  self->archive_path = g_strdup (tf_store_get_path (store));
  /* The kind shows at once; its rows fill once the experiment is read. */
  kind = board_id != 0 ? TF_EXPORT_BOARD : TF_EXPORT_REPORT;
  if (adw_combo_row_get_selected (self->kind_row) != kind)
    adw_combo_row_set_selected (self->kind_row, kind);
  else
    kind_changed (self);

  if (self->archive_path == NULL)
    {
      g_autoptr(GError) error = NULL;
      TfExportSource *source = tf_export_source_new_from_store (store, experiment_id, &error);

      source_loaded (self, source, error, board_id);
      self->loaded = TRUE;
      return self;
    }

  /* Nothing to export until the experiment is read; the spinner says so.
   * The read starts once the dialog is on screen: its first frame does not
   * share the processor with it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_spinner), TRUE);
  gtk_spinner_set_spinning (self->preview_spinner, TRUE);
  load = g_new0 (SourceLoad, 1);
  load->archive_path = g_strdup (self->archive_path);
  load->experiment_id = experiment_id;
  load->board_id = board_id;
  self->pending_load = load;
  self->load_cancellable = g_cancellable_new ();
  g_signal_connect (self, "map", G_CALLBACK (wait_for_first_frame), NULL);
  self->load_timeout = g_timeout_add (LOAD_FALLBACK_MS, load_after_timeout, self);
  return self;
}

gboolean
tf_export_dialog_get_loaded (TfExportDialog *self)
{
  g_return_val_if_fail (TF_IS_EXPORT_DIALOG (self), FALSE);

  return self->loaded;
}

guint
tf_export_dialog_get_preview_pages (TfExportDialog *self)
{
  g_return_val_if_fail (TF_IS_EXPORT_DIALOG (self), 0);

  return self->preview_pages;
}

guint
tf_export_dialog_get_preview_shown (TfExportDialog *self)
{
  g_return_val_if_fail (TF_IS_EXPORT_DIALOG (self), 0);

  return self->textures_generation == self->preview_generation ? self->preview_textures->len : 0;
}

GdkTexture *
tf_export_dialog_get_preview_texture (TfExportDialog *self,
                                      guint           index)
{
  g_return_val_if_fail (TF_IS_EXPORT_DIALOG (self), NULL);

  return index < self->preview_textures->len ? g_ptr_array_index (self->preview_textures, index) : NULL;
}

gboolean
tf_export_dialog_get_exporting (TfExportDialog *self)
{
  g_return_val_if_fail (TF_IS_EXPORT_DIALOG (self), FALSE);

  return self->export_cancellable != NULL;
}

const GError *
tf_export_dialog_get_error (TfExportDialog *self)
{
  g_return_val_if_fail (TF_IS_EXPORT_DIALOG (self), NULL);

  return self->error;
}

void
tf_export_dialog_set_kind (TfExportDialog *self,
                           TfExportKind    kind)
{
  g_return_if_fail (TF_IS_EXPORT_DIALOG (self));
  g_return_if_fail (kind < TF_N_EXPORT_KINDS);

  adw_combo_row_set_selected (self->kind_row, kind);
}

void
tf_export_dialog_set_paper (TfExportDialog *self,
                            TfPaper         paper)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->paper_model));

  g_return_if_fail (TF_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < n; i++)
    if (self->papers[i] == paper)
      adw_combo_row_set_selected (self->paper_row, i);
}

void
tf_export_dialog_set_orientation (TfExportDialog *self,
                                  TfOrientation   orientation)
{
  g_return_if_fail (TF_IS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->orientation_row, orientation);
}
