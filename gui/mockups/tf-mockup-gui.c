/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-gui"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "canvas/tf-item-commands.h"
#include "core/tf-asset-source.h"
#include "core/tf-board-rows.h"
#include "core/tf-history.h"
#include "core/tf-input-file.h"
#include "gui/tf-board-view-private.h"
#include "gui/tf-clipboard-read.h"
#include "gui/tf-view-popover.h"
#include "gui/tf-widget-util.h"
#include "mockups/tf-decode.h"
#include "mockups/tf-mockup.h"
#include "mockups/tf-mockup-annotate.h"
#include "mockups/tf-mockup-commands.h"
#include "mockups/tf-mockup-follow.h"
#include "mockups/tf-mockup-items.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-pixels.h"
#include "mockups/tf-mockup-place.h"
#include "tf-mockup-gui.h"
#include "tf-mockup-pages.h"
#include "tf-mockup-panel.h"

/* A mockup on the board editor. Photos come in by drag and drop (files or
 * images), Ctrl+V and "Add Photo…"; the bytes go to the sandboxed decoder
 * in the background (a bar with Cancel shows while it works), then one
 * command stores them. A placement selected shows its four corners: a drag
 * moves one (drawn warped coarsely while dragging), 1–4 pick one for the
 * arrows (then Tab goes round them), Enter keeps them; the set-corners command corrects a
 * crossed or mirrored quad and refuses a dented one (the corner goes
 * back). A selected bubble shows its tail's handle, a selected arrow its
 * two ends' (tf-mockup-arrow.c). The tool box at the top left holds the
 * tools (tf-mockup-tool.c) and the pictograms (tf-mockup-stamps.c). Typing
 * on the board writes a text label, on the photo under the pointer. Every
 * command of the wing runs settled (tf-mockup-follow.h): what sits on a
 * photo follows it in the same undo step. */

#define GUI_KEY "tf-mockup-gui"
/* A corner's handle: its radius, and how near a press takes it (pixels). */
#define HANDLE_RADIUS 7.0
#define HANDLE_GRAB   14.0

typedef struct {
  TfBoardView  *view;
  GtkWidget    *overlay;
  GtkWidget    *toolbox;
  GtkEventController *shortcuts;   /* Ctrl+O, on the overlay */
  GtkWidget    *stamps;
  GtkWidget    *progress;
  GtkWidget    *progress_label;
  GtkWidget    *progress_bar;
  GtkWidget    *tool_hint;       /* the line over the board: what the tool waits for */
  GtkWidget    *tool_hint_label;
  guint         pulse_id;
  GCancellable *cancellable;
  guint         n_pending;
  guint         n_asking;    /* of them, waiting for the user (a PDF's page) */
  GtkDropTarget *drop;
  GtkGesture   *handle_drag;
  GtkWidget    *popover;
  GSimpleActionGroup *group;
  gulong        selection_handler;
  gulong        items_handler;
  gulong        pixels_handler;
  gulong        board_handler;
  gboolean      syncing;
  /* The corners being moved: of placement place_id, corner (0–3, -1:
   * none), the quad as moved (board units); dragging: by the pointer. */
  gint64        place_id;
  int           corner;
  TfQuad        quad;
  gboolean      moved;
  gboolean      dragging;
  TfQuadPoint   grab_origin;
  /* A bubble's tail being dragged, or aimed with the arrows (aiming:
   * "Aim the Tail", Alt+Q; the line that says the keys). */
  gint64        tail_id;
  gboolean      aiming;
  GtkWidget    *aim_hint;
  /* An arrow's end being dragged (tf-mockup-arrow.c). */
  gboolean      arrow_end;
  double        tail_x;
  double        tail_y;
  /* The point a context menu was opened at, board units. */
  double        menu_x;
  double        menu_y;
  gint64        menu_item;
  /* The item last made to be written at once (a bubble, a callout, a
   * post-it) and the command that made it: taken back if left empty. */
  TfCommand    *fresh;
  gint64        fresh_id;
} MkGui;

typedef enum {
  JOB_ADD_PHOTO,
  JOB_PLACE,
  JOB_REPLACE_IMAGE,
  JOB_REPLACE_PHOTO,
} JobKind;

typedef struct {
  MkGui   *gui;
  JobKind  kind;
  gint64   target;
  gint64   board_id;
  char    *name;
  GBytes  *bytes;
  int      page;       /* -1: ask */
} Job;

static MkGui *
get_gui (TfBoardView *view)
{
  return view != NULL ? g_object_get_data (G_OBJECT (view), GUI_KEY) : NULL;
}

static gboolean
is_kind (const TfItem *item,
         const char   *kind)
{
  return item != NULL && g_strcmp0 (item->kind_id, kind) == 0;
}

static TfItem *
lookup (TfBoardView *view,
        gint64       id)
{
  TfScene *scene = tf_board_view_get_scene (view);

  return scene != NULL && id != 0 ? tf_scene_lookup (scene, id) : NULL;
}

/* The only selected item, when it is of @kind. */
static TfItem *
selected_one (TfBoardView *view,
              const char  *kind)
{
  g_autoptr(GArray) selection = tf_board_view_get_selection (view);
  TfItem *item;

  if (selection->len != 1)
    return NULL;
  item = lookup (view, g_array_index (selection, gint64, 0));
  return is_kind (item, kind) ? item : NULL;
}

gint64
tf_mockup_gui_photo_at (TfBoardView *view,
                        double       bx,
                        double       by)
{
  TfScene *scene = tf_board_view_get_scene (view);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  TfRect probe = TF_RECT_INIT (bx, by, 0.001, 0.001);

  if (scene == NULL)
    return 0;
  tf_scene_query (scene, &probe, found);
  for (guint i = found->len; i > 0; i--)
    {
      TfItem *item = g_ptr_array_index (found, i - 1);

      if (is_kind (item, TF_MK_PHOTO_KIND) && tf_rect_contains_point (&item->bounds, bx, by))
        return item->id;
    }
  return 0;
}

/* The photo an annotation or placement sits on, else @item's own id when
 * it is a photo, else 0. */
static gint64
photo_of (TfItem *item)
{
  const gint64 *photo;

  if (item == NULL)
    return 0;
  if (is_kind (item, TF_MK_PHOTO_KIND))
    return item->id;
  if (is_kind (item, TF_MK_PLACE_KIND))
    return tf_mk_place_item_get (item)->photo;
  if (is_kind (item, TF_MK_CALLOUT_KIND) || is_kind (item, TF_MK_BUBBLE_KIND) || is_kind (item, TF_MK_BLUR_KIND))
    {
      photo = item->data;
      return photo != NULL ? *photo : 0;
    }
  return 0;
}

/* An item whose text "Edit Text" edits: a callout's legend, a bubble's
 * words, a post-it's or a label's text; not a pictogram, which has none
 * on a mockup. */
static gboolean
has_text (TfItem *item)
{
  if (is_kind (item, TF_MK_CALLOUT_KIND) || is_kind (item, TF_MK_BUBBLE_KIND))
    return TRUE;
  return item != NULL && item->kind != NULL && item->kind->text_region != NULL &&
         g_strcmp0 (item->kind_id, TF_MK_STAMP_KIND) != 0;
}

gint64
tf_mockup_gui_photo_under (TfBoardView *view,
                           gint64       item_id)
{
  TfItem *item;
  gint64 photo;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), 0);

  item = lookup (view, item_id);
  if (item == NULL || is_kind (item, TF_MK_PHOTO_KIND))
    return 0;
  photo = photo_of (item);
  if (photo == 0)
    photo = tf_mockup_gui_photo_at (view, item->bounds.x + item->bounds.width / 2,
                                    item->bounds.y + item->bounds.height / 2);
  return lookup (view, photo) != NULL ? photo : 0;
}

gboolean
tf_mockup_gui_run (TfBoardView *view,
                   TfCommand   *command)
{
  g_autoptr(TfCommand) owned = command;
  g_autoptr(TfCommand) settled = NULL;

  if (command == NULL)
    return FALSE;
  settled = tf_mk_command_settled (command, view->board_id);
  return tf_board_view_execute (view, settled);
}

static gboolean
run (TfBoardView *view,
     TfCommand   *command)
{
  return tf_mockup_gui_run (view, command);
}

gint64
tf_mockup_gui_run_fresh (TfBoardView *view,
                         TfCommand   *command)
{
  g_autoptr(TfCommand) owned = command;
  g_autoptr(TfCommand) settled = NULL;
  MkGui *gui = get_gui (view);
  gint64 id;

  if (command == NULL)
    return 0;
  settled = tf_mk_command_settled (command, view->board_id);
  if (!tf_board_view_execute (view, settled))
    return 0;
  id = tf_command_get_result_id (command);
  if (id == 0)
    return 0;
  if (gui != NULL)
    {
      g_set_object (&gui->fresh, settled);
      gui->fresh_id = id;
    }
  tf_board_view_select (view, &id, 1);
  return id;
}

/* An item made to be written at once is one undo step with its first
 * text: the text written is folded into the command that made it. Left
 * empty, it goes as if it had never been made: the command that made it
 * is taken back, with no undo step left (its number, if a callout, is
 * free again). */
static void
settle_fresh (MkGui  *gui,
              gint64  id)
{
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;
  TfItem *item;

  if (gui->fresh == NULL || gui->fresh_id != id)
    return;
  command = g_steal_pointer (&gui->fresh);
  gui->fresh_id = 0;
  item = lookup (gui->view, id);
  if (item == NULL || gui->view->history == NULL)
    return;
  if (item->text != NULL && item->text[0] != '\0')
    {
      if (!tf_history_fold (gui->view->history, command, &error) && error != NULL)
        g_warning ("Could not join item %" G_GINT64_FORMAT " with its text: %s", id, error->message);
      return;
    }
  if (tf_history_retract (gui->view->history, command, NULL))
    g_debug ("Item %" G_GINT64_FORMAT " left empty: taken back", id);
}

/* The editor closed on @id: a bubble or a post-it just made is one undo
 * step with its text, or goes when left empty. */
static void
mockup_editing_ended (TfBoardView *view,
                      gint64       id)
{
  MkGui *gui = get_gui (view);

  if (gui != NULL)
    settle_fresh (gui, id);
}

static gboolean
run_select (TfBoardView *view,
            TfCommand   *command)
{
  g_autoptr(TfCommand) owned = command;
  gint64 id;

  if (command == NULL || !tf_mockup_gui_run (view, g_object_ref (command)))
    return FALSE;
  id = tf_command_get_result_id (command);
  if (id != 0)
    tf_board_view_select (view, &id, 1);
  return TRUE;
}

/* --- Progress --- */

static gboolean
pulse (gpointer data)
{
  MkGui *gui = data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (gui->progress_bar));
  return G_SOURCE_CONTINUE;
}

static void
update_progress (MkGui *gui)
{
  if (gui->progress == NULL)
    return;
  /* Not behind a dialog asking which page: nothing is read meanwhile. */
  gtk_widget_set_visible (gui->progress, gui->n_pending > gui->n_asking);
  if (gui->n_pending > 0 && gui->pulse_id == 0)
    gui->pulse_id = g_timeout_add (120, pulse, gui);
  else if (gui->n_pending == 0)
    g_clear_handle_id (&gui->pulse_id, g_source_remove);
}

static void
cancel_clicked (GtkButton *button,
                MkGui     *gui)
{
  g_cancellable_cancel (gui->cancellable);
  g_clear_object (&gui->cancellable);
  gui->cancellable = g_cancellable_new ();
}

/* --- Jobs: a file's bytes, decoded, stored --- */

static void
job_free (Job *job)
{
  g_free (job->name);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

static void job_decode (Job *job);

/* Jobs in flight point to their gui; when it goes, they are told. */
static GHashTable *live_guis;

static gboolean
alive (MkGui *gui)
{
  return gui != NULL && live_guis != NULL && g_hash_table_contains (live_guis, gui);
}

static void
job_done (Job *job)
{
  if (alive (job->gui))
    {
      job->gui->n_pending--;
      update_progress (job->gui);
    }
  job_free (job);
}

static void
job_fail (Job        *job,
          const char *message)
{
  g_debug ("A photo refused: %s", message != NULL ? message : "(cancelled)");
  if (alive (job->gui) && message != NULL)
    tf_board_view_show_toast (job->gui->view, message, FALSE);
  job_done (job);
}

static void
job_store (Job       *job,
           TfDecoded *decoded)
{
  MkGui *gui = job->gui;
  TfBoardView *view = gui->view;
  TfMkSource source = {
    .stored = decoded->stored,
    .mime_type = decoded->mime_type,
    .name = job->name != NULL ? job->name : "",
    .page = MAX (job->page, 0),
    .width = decoded->width,
    .height = decoded->height,
  };
  TfCommand *command = NULL;

  g_debug ("Decoded %s, %d × %d, for board %" G_GINT64_FORMAT, decoded->mime_type, decoded->width,
           decoded->height, job->board_id);
  if (view->board_id != job->board_id || !view->editable)
    return;
  switch (job->kind)
    {
    case JOB_ADD_PHOTO:
      {
        gint64 experiment = 0;
        g_autoptr(GError) error = NULL;

        if (!tf_board_rows_experiment (tf_history_get_store (view->history), job->board_id, &experiment, &error))
          {
            tf_board_view_show_toast (view, error->message, FALSE);
            return;
          }
        command = tf_mk_command_add_photo (experiment, job->board_id, NULL, &source);
        if (run_select (view, command))
          {
            TfItem *item = lookup (view, tf_command_get_result_id (command));

            if (item != NULL)
              tf_board_view_animate_to (view, &item->bounds, 1.0);
          }
        return;
      }
    case JOB_PLACE:
      command = tf_mk_command_add_place (job->target, &source);
      break;
    case JOB_REPLACE_IMAGE:
      command = tf_mk_command_replace_image (job->target, &source);
      break;
    case JOB_REPLACE_PHOTO:
      command = tf_mk_command_replace_photo (job->target, &source);
      break;
    default:
      g_assert_not_reached ();
    }
  run_select (view, command);
}

/* The page chosen in the grid of the PDF's pages, or -1. */
static void
page_chosen (int      page,
             gpointer data)
{
  Job *job = data;

  if (alive (job->gui))
    {
      job->gui->n_asking--;
      update_progress (job->gui);
    }
  if (page >= 0 && alive (job->gui))
    {
      job->page = page;
      job_decode (job);
    }
  else
    job_done (job);
}

/* A PDF of several pages: which one? */
static void
ask_page (Job *job,
          int  n_pages)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (job->gui->view));

  job->gui->n_asking++;
  update_progress (job->gui);
  tf_mockup_pages_ask (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, job->bytes, n_pages, 0,
                       page_chosen, job);
}

static void
decoded_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TfDecoded) decoded = tf_decode_bytes_finish (result, &error);

  if (!alive (job->gui) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      job_done (job);
      return;
    }
  if (decoded == NULL)
    {
      tf_decode_error_name_file (error, job->name);
      job_fail (job, error->message);
      return;
    }
  if (job->page < 0 && decoded->n_pages > 1)
    {
      ask_page (job, decoded->n_pages);
      return;
    }
  job->page = MAX (job->page, 0);
  job_store (job, decoded);
  job_done (job);
}

static void
job_decode (Job *job)
{
  TfDecodeOptions options = { .wants = TF_DECODE_WANT_STORED, .page = MAX (job->page, 0) };

  tf_decode_bytes_async (job->bytes, &options, job->gui->cancellable, decoded_cb, job);
}

static void
job_start (MkGui      *gui,
           JobKind     kind,
           gint64      target,
           GBytes     *bytes,
           const char *name,
           int         page)
{
  Job *job = g_new0 (Job, 1);

  job->gui = gui;
  job->kind = kind;
  job->target = target;
  job->board_id = gui->view->board_id;
  job->bytes = g_bytes_ref (bytes);
  job->name = g_strdup (name);
  job->page = page;
  gui->n_pending++;
  update_progress (gui);
  job_decode (job);
}

typedef struct {
  MkGui   *gui;
  JobKind  kind;
  gint64   target;
  int      page;
  char    *name;
} FileJob;

static void
file_loaded (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  FileJob *fj = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  MkGui *gui = fj->gui;

  if (alive (gui))
    {
      gui->n_pending--;
      update_progress (gui);
      if (bytes != NULL)
        job_start (gui, fj->kind, fj->target, bytes, fj->name, fj->page);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” cannot be read: %s"), fj->name, error->message);

          tf_board_view_show_toast (gui->view, message, FALSE);
        }
    }
  g_free (fj->name);
  g_free (fj);
}

static gboolean
start_file (MkGui   *gui,
            JobKind  kind,
            gint64   target,
            GFile   *file,
            int      page)
{
  g_autoptr(GFileInfo) info = NULL;
  FileJob *fj;

  if (gui == NULL || !gui->view->editable || gui->view->board_id == 0)
    return FALSE;
  /* Only files of this computer: an address (a copied or dropped web
   * link) is not fetched, nothing leaves the machine. */
  if (!g_file_is_native (file))
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a file on this computer and is not read"), uri);

      tf_board_view_show_toast (gui->view, message, FALSE);
      return TRUE;
    }
  /* The open archive dropped or chosen as a photo: never opened. */
  {
    g_autofree char *path = g_file_get_path (file);
    g_autoptr(GError) error = NULL;

    if (path != NULL && !tf_input_file_check (path, &error))
      {
        tf_board_view_show_toast (gui->view, error->message, FALSE);
        return TRUE;
      }
  }
  fj = g_new0 (FileJob, 1);
  fj->gui = gui;
  fj->kind = kind;
  fj->target = target;
  fj->page = page;
  fj->name = g_file_get_basename (file);
  if (fj->name == NULL)
    fj->name = g_strdup ("");
  /* The size first: reading is not parsing, but 2 GB are not read. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_get_size (info) > TF_DECODE_MAX_FILE)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is too large for a mockup (over %d MB)"), fj->name,
                                                  TF_DECODE_MAX_FILE / (1024 * 1024));

      tf_board_view_show_toast (gui->view, message, FALSE);
      g_free (fj->name);
      g_free (fj);
      return TRUE;
    }
  gui->n_pending++;
  update_progress (gui);
  g_file_load_bytes_async (file, gui->cancellable, file_loaded, fj);
  return TRUE;
}

gboolean
tf_mockup_gui_add_file (TfBoardView *view,
                        GFile       *file,
                        int          page)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return start_file (get_gui (view), JOB_ADD_PHOTO, 0, file, page);
}

gboolean
tf_mockup_gui_add_bytes (TfBoardView *view,
                         GBytes      *bytes,
                         const char  *name,
                         int          page)
{
  MkGui *gui = get_gui (view);

  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), FALSE);

  if (gui == NULL || !view->editable || view->board_id == 0)
    return FALSE;
  job_start (gui, JOB_ADD_PHOTO, 0, bytes, name, page);
  return TRUE;
}

gboolean
tf_mockup_gui_place_file (TfBoardView *view,
                          gint64       photo_id,
                          GFile       *file)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), FALSE);

  return start_file (get_gui (view), JOB_PLACE, photo_id, file, 0);
}

gboolean
tf_mockup_gui_replace_file (TfBoardView *view,
                            gint64       place_id,
                            GFile       *file)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), FALSE);

  return start_file (get_gui (view), JOB_REPLACE_IMAGE, place_id, file, 0);
}

guint
tf_mockup_gui_get_n_pending (TfBoardView *view)
{
  MkGui *gui = get_gui (view);

  return gui != NULL ? gui->n_pending : 0;
}

/* --- The file chooser --- */

typedef struct {
  MkGui   *gui;
  JobKind  kind;
  gint64   target;
} Choice;

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  Choice          *choice)
{
  if (response == GTK_RESPONSE_ACCEPT && alive (choice->gui))
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          start_file (choice->gui, choice->kind, choice->target, file, -1);
        }
    }
  g_free (choice);
  g_object_unref (chooser);
}

static void
choose (MkGui      *gui,
        JobKind     kind,
        gint64      target,
        const char *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (gui->view));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  Choice *choice = g_new0 (Choice, 1);

  choice->gui = gui;
  choice->kind = kind;
  choice->target = target;
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Photos and PDF files"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_filter_add_suffix (filter, "webp");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), kind == JOB_ADD_PHOTO);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
tf_mockup_gui_choose_place (TfBoardView *view,
                            gint64       photo_id)
{
  MkGui *gui = get_gui (view);

  if (gui != NULL && photo_id != 0 && view->editable)
    tf_mockup_picker_show (view, photo_id);
}

void
tf_mockup_gui_choose_place_file (TfBoardView *view,
                                 gint64       photo_id)
{
  MkGui *gui = get_gui (view);

  if (gui != NULL && photo_id != 0 && view->editable)
    choose (gui, JOB_PLACE, photo_id, _("Place an Image on the Photo"));
}

gboolean
tf_mockup_gui_place_asset (TfBoardView *view,
                           gint64       photo_id,
                           gint64       asset_id,
                           int          page)
{
  MkGui *gui = get_gui (view);
  TfAssetSource *assets;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), FALSE);

  if (gui == NULL || !view->editable || view->board_id == 0 || view->canvas.renderer == NULL)
    return FALSE;
  assets = tf_renderer_get_assets (view->canvas.renderer);
  if (assets == NULL)
    return FALSE;
  /* The archive's bytes go through the helper as a file's do: what the
   * archive holds may have come from anywhere. */
  bytes = tf_asset_source_load (assets, asset_id, &mime, &error);
  if (bytes == NULL)
    {
      tf_board_view_show_toast (view, error->message, FALSE);
      return TRUE;
    }
  name = tf_asset_source_name (assets, asset_id);
  job_start (gui, JOB_PLACE, photo_id, bytes, name != NULL ? name : "", page);
  return TRUE;
}

/* --- Drop and paste --- */

static void
texture_to_job (MkGui      *gui,
                GdkTexture *texture,
                JobKind     kind,
                gint64      target)
{
  g_autoptr(GBytes) png = gdk_texture_save_to_png_bytes (texture);

  if (kind == JOB_PLACE || kind == JOB_REPLACE_IMAGE)
    job_start (gui, kind, target, png, "", 0);
  else
    job_start (gui, kind, target, png, "", -1);
}

typedef struct {
  MkGui   *gui;
  GValue   value;
  gint64   place;
} DropChoice;

static void
handle_value (MkGui        *gui,
              const GValue *value,
              JobKind       kind,
              gint64        target)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
        start_file (gui, kind, target, l->data, -1);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    start_file (gui, kind, target, g_value_get_object (value), -1);
  else if (G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    texture_to_job (gui, g_value_get_object (value), kind, target);
  /* An image placed: its corners are the select tool's to drag, not a
   * press to choose another image. */
  if (kind == JOB_PLACE && tf_mockup_gui_get_tool (gui->view) == TF_MK_TOOL_PLACE)
    tf_mockup_gui_set_tool (gui->view, TF_MK_TOOL_SELECT);
}

static void
drop_response (AdwMessageDialog *dialog,
               const char       *response,
               DropChoice       *choice)
{
  if (alive (choice->gui))
    {
      if (g_strcmp0 (response, "replace") == 0)
        handle_value (choice->gui, &choice->value, JOB_REPLACE_IMAGE, choice->place);
      else if (g_strcmp0 (response, "add") == 0)
        handle_value (choice->gui, &choice->value, JOB_ADD_PHOTO, 0);
    }
  g_value_unset (&choice->value);
  g_free (choice);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         MkGui         *gui)
{
  TfBoardView *view = gui->view;
  TfItem *item;
  double bx, by;

  /* A bundle is the window's (its import preview), not a photo. */
  if (tf_board_view_drop_bundle (view, value))
    return TRUE;
  if (!view->editable || view->board_id == 0)
    return FALSE;
  tf_board_view_to_board (view, x, y, &bx, &by);
  item = tf_board_view_pick_item (view, bx, by);
  if (is_kind (item, TF_MK_PLACE_KIND))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("Replace the Placed Image?"),
                                                  _("The new image takes the place of the old one, "
                                                    "on the same four corners."));
      DropChoice *choice = g_new0 (DropChoice, 1);

      choice->gui = gui;
      choice->place = item->id;
      g_value_init (&choice->value, G_VALUE_TYPE (value));
      g_value_copy (value, &choice->value);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "add", _("Add as a _Photo"),
                                        "replace", _("_Replace Image (Keep Placement)"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "replace");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (drop_response), choice);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }
  if (tf_mockup_gui_get_tool (view) == TF_MK_TOOL_PLACE)
    {
      gint64 photo = tf_mockup_gui_photo_at (view, bx, by);

      if (photo != 0)
        {
          handle_value (gui, value, JOB_PLACE, photo);
          /* One image placed: the select tool is back. */
          tf_mockup_gui_set_tool (view, TF_MK_TOOL_SELECT);
          return TRUE;
        }
    }
  handle_value (gui, value, JOB_ADD_PHOTO, 0);
  return TRUE;
}

/* What another program put on the clipboard is read as bytes (never
 * parsed here), bounded and under a deadline: a file list (a file
 * manager's copy) or an image (an image editor's). */

#define PASTE_TIMEOUT_MS   10000
#define PASTE_MAX_URI_LIST (1024 * 1024)

static const char * const paste_file_types[] = { "text/uri-list", "x-special/gnome-copied-files", NULL };
static const char * const paste_image_types[] = { "image/png", "image/jpeg", "image/webp", NULL };

static void paste_image (MkGui *gui);

/* A paste given up or failed: one message (none when cancelled). */
static void
paste_failed (MkGui      *gui,
              GError     *error,
              const char *message)
{
  g_debug ("Cannot paste: %s", error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    tf_board_view_show_toast (gui->view, _("The program holding the clipboard does not answer"), FALSE);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      g_autofree char *text = g_strdup_printf (_("What is on the clipboard is too large for a mockup (over %d MB)"),
                                               TF_DECODE_MAX_FILE / (1024 * 1024));

      tf_board_view_show_toast (gui->view, text, FALSE);
    }
  else
    tf_board_view_show_toast (gui->view, message, FALSE);
}

static void
paste_image_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  MkGui *gui = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = tf_clipboard_read_bytes_finish (GDK_CLIPBOARD (source), result, &error);

  if (!alive (gui))
    return;
  gui->n_pending--;
  update_progress (gui);
  if (bytes == NULL)
    paste_failed (gui, error, _("The image on the clipboard cannot be read"));
  else if (gui->view->editable && gui->view->board_id != 0)
    /* The bytes as they came: the helper decodes them as a file's. */
    job_start (gui, JOB_ADD_PHOTO, 0, bytes, "", -1);
}

/* The files of a text/uri-list or of x-special/gnome-copied-files
 * ("copy" or "cut" first, then one URI a line). */
static GPtrArray *
paste_parse_files (GBytes *bytes)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#' || g_uri_peek_scheme (line) == NULL)
        continue;
      g_ptr_array_add (files, g_file_new_for_uri (line));
    }
  return files;
}

static void
paste_files_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  MkGui *gui = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = tf_clipboard_read_bytes_finish (GDK_CLIPBOARD (source), result, &error);
  g_autoptr(GPtrArray) files = NULL;
  guint n_local = 0;

  if (!alive (gui))
    return;
  gui->n_pending--;
  update_progress (gui);
  if (bytes == NULL)
    {
      paste_failed (gui, error, _("The files on the clipboard cannot be read"));
      return;
    }
  if (!gui->view->editable || gui->view->board_id == 0)
    return;
  files = paste_parse_files (bytes);
  for (guint i = 0; i < files->len; i++)
    n_local += g_file_is_native (files->pdata[i]);
  /* A copied web image comes with its address: its pixels instead. */
  if (n_local == 0 && tf_clipboard_offers (GDK_CLIPBOARD (source), paste_image_types) != NULL)
    {
      paste_image (gui);
      return;
    }
  if (files->len == 0)
    tf_board_view_show_toast (gui->view, _("The files on the clipboard cannot be read"), FALSE);
  for (guint i = 0; i < files->len; i++)
    start_file (gui, JOB_ADD_PHOTO, 0, files->pdata[i], -1);
}

static void
paste_image (MkGui *gui)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (gui->view));
  const char *type = tf_clipboard_offers (clipboard, paste_image_types);

  gui->n_pending++;
  update_progress (gui);
  tf_clipboard_read_bytes_async (clipboard, type, TF_DECODE_MAX_FILE, PASTE_TIMEOUT_MS, gui->cancellable,
                                 paste_image_cb, gui);
}

/* Ctrl+V of an image or of files: photos; anything else is the editor's. */
static gboolean
paste (MkGui *gui)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (gui->view));
  const char *type;

  if (!gui->view->editable)
    return FALSE;
  type = tf_clipboard_offers (clipboard, paste_file_types);
  if (type != NULL)
    {
      gui->n_pending++;
      update_progress (gui);
      tf_clipboard_read_bytes_async (clipboard, type, PASTE_MAX_URI_LIST, PASTE_TIMEOUT_MS, gui->cancellable,
                                     paste_files_cb, gui);
      return TRUE;
    }
  if (tf_clipboard_offers (clipboard, paste_image_types) != NULL)
    {
      paste_image (gui);
      return TRUE;
    }
  return FALSE;
}

/* --- Corners of a placement, the tail of a bubble --- */

static void aim_end (MkGui    *gui,
                     gboolean  keep);

static void
corners_reset (MkGui *gui)
{
  gui->place_id = 0;
  gui->corner = -1;
  gui->moved = FALSE;
  gui->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
}

/* Starts moving the corners of @item from where they are. */
static void
corners_take (MkGui  *gui,
              TfItem *item,
              int     corner)
{
  if (gui->place_id != item->id)
    {
      if (!tf_mk_place_item_quad (item, &gui->quad))
        return;
      gui->place_id = item->id;
      gui->moved = FALSE;
    }
  gui->corner = corner;
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
}

static void
corners_commit (MkGui *gui)
{
  TfBoardView *view = gui->view;
  gint64 id = gui->place_id;
  TfQuad quad = gui->quad;
  gboolean moved = gui->moved;
  TfQuad checked = quad;

  gui->dragging = FALSE;
  if (id == 0 || !moved)
    return;
  gui->moved = FALSE;
  if (!tf_quad_correct (&checked))
    {
      /* Refused: the corners go back where they were. */
      TfItem *item = lookup (view, id);

      tf_board_view_show_toast (view, _("These four corners do not make a surface: a corner cannot point "
                                        "inwards"), FALSE);
      if (item != NULL)
        tf_mk_place_item_quad (item, &gui->quad);
      gtk_widget_queue_draw (GTK_WIDGET (view));
      return;
    }
  if (run (view, tf_mk_command_set_corners (id, &quad)))
    {
      TfItem *item = lookup (view, id);

      if (item != NULL)
        tf_mk_place_item_quad (item, &gui->quad);
    }
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

int
tf_mockup_gui_get_corner (TfBoardView *view,
                          TfQuad      *quad)
{
  MkGui *gui = get_gui (view);

  if (gui == NULL || gui->place_id == 0)
    return -1;
  if (quad != NULL)
    *quad = gui->quad;
  return gui->corner;
}

/* The quad shown for @item: the one being moved, else its own. */
static gboolean
shown_quad (MkGui  *gui,
            TfItem *item,
            TfQuad *quad)
{
  if (gui->place_id == item->id)
    {
      *quad = gui->quad;
      return TRUE;
    }
  return tf_mk_place_item_quad (item, quad);
}

static int
corner_at (MkGui  *gui,
           TfItem *place,
           double  x,
           double  y)
{
  TfQuad quad;
  int best = -1;
  double best_d = HANDLE_GRAB;

  if (!shown_quad (gui, place, &quad))
    return -1;
  for (int i = 0; i < 4; i++)
    {
      double wx, wy, d;

      tf_board_view_to_widget (gui->view, quad.p[i].x, quad.p[i].y, &wx, &wy);
      d = hypot (wx - x, wy - y);
      if (d <= best_d)
        {
          best = i;
          best_d = d;
        }
    }
  return best;
}

static gboolean
tail_at (MkGui  *gui,
         TfItem *bubble,
         double  x,
         double  y)
{
  const TfMkBubble *b = bubble->data;
  double wx, wy;

  if (b == NULL)
    return FALSE;
  tf_board_view_to_widget (gui->view, bubble->bounds.x + b->tail_x, bubble->bounds.y + b->tail_y, &wx, &wy);
  return hypot (wx - x, wy - y) <= HANDLE_GRAB;
}

static void
on_handle_begin (GtkGestureDrag *gesture,
                 double          x,
                 double          y,
                 MkGui          *gui)
{
  TfBoardView *view = gui->view;
  TfItem *item;
  int corner;

  if (!view->editable || tf_board_view_get_editing (view) ||
      /* Whatever the tool but crop (its own handles), a selected item's
       * handle is dragged rather than a new item made under it. */
      tf_mockup_gui_get_tool (view) == TF_MK_TOOL_CROP)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if ((item = selected_one (view, TF_MK_PLACE_KIND)) != NULL && (corner = corner_at (gui, item, x, y)) >= 0)
    {
      corners_take (gui, item, corner);
      gui->dragging = TRUE;
      gui->grab_origin = gui->quad.p[corner];
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  if (tf_mockup_arrow_press (view, x, y))
    {
      gui->arrow_end = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  if ((item = selected_one (view, TF_MK_BUBBLE_KIND)) != NULL && tail_at (gui, item, x, y))
    {
      const TfMkBubble *b = item->data;

      aim_end (gui, FALSE);
      gui->tail_id = item->id;
      gui->tail_x = item->bounds.x + b->tail_x;
      gui->tail_y = item->bounds.y + b->tail_y;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_handle_update (GtkGestureDrag *gesture,
                  double          ox,
                  double          oy,
                  MkGui          *gui)
{
  double zoom = tf_board_view_get_zoom (gui->view);

  if (gui->dragging && gui->corner >= 0)
    {
      gui->quad.p[gui->corner].x = gui->grab_origin.x + ox / zoom;
      gui->quad.p[gui->corner].y = gui->grab_origin.y + oy / zoom;
      gui->moved = TRUE;
    }
  else if (gui->arrow_end)
    {
      double sx, sy;

      gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
      tf_mockup_arrow_drag (gui->view, sx + ox, sy + oy);
    }
  else if (gui->tail_id != 0)
    {
      double sx, sy;

      gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
      tf_board_view_to_board (gui->view, sx + ox, sy + oy, &gui->tail_x, &gui->tail_y);
    }
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
}

static void
on_handle_end (GtkGestureDrag *gesture,
               double          ox,
               double          oy,
               MkGui          *gui)
{
  if (gui->dragging)
    {
      on_handle_update (gesture, ox, oy, gui);
      corners_commit (gui);
    }
  else if (gui->arrow_end)
    {
      on_handle_update (gesture, ox, oy, gui);
      gui->arrow_end = FALSE;
      tf_mockup_arrow_release (gui->view);
    }
  else if (gui->tail_id != 0)
    {
      gint64 id = gui->tail_id;

      on_handle_update (gesture, ox, oy, gui);
      gui->tail_id = 0;
      run (gui->view, tf_mk_command_set_tail (id, gui->tail_x, gui->tail_y));
    }
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
}

static void
on_handle_cancel (GtkGesture       *gesture,
                  GdkEventSequence *sequence,
                  MkGui            *gui)
{
  if (gui->dragging)
    {
      TfItem *item = lookup (gui->view, gui->place_id);

      gui->dragging = FALSE;
      gui->moved = FALSE;
      if (item != NULL)
        tf_mk_place_item_quad (item, &gui->quad);
    }
  gui->tail_id = 0;
  if (gui->arrow_end)
    tf_mockup_arrow_cancel (gui->view);
  gui->arrow_end = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
}

/* "Aim the Tail" (Alt+Q): the arrows move the selected bubble's tip,
 * Enter keeps it (one undo step), Escape puts it back. */
static void
aim_begin (MkGui  *gui,
           TfItem *bubble)
{
  const TfMkBubble *b = bubble->data;

  if (b == NULL)
    return;
  gui->tail_id = bubble->id;
  gui->aiming = TRUE;
  gui->tail_x = bubble->bounds.x + b->tail_x;
  gui->tail_y = bubble->bounds.y + b->tail_y;
  if (gui->aim_hint != NULL)
    gtk_widget_set_visible (gui->aim_hint, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
}

static void
aim_end (MkGui    *gui,
         gboolean  keep)
{
  gint64 id = gui->tail_id;

  if (!gui->aiming)
    return;
  gui->aiming = FALSE;
  gui->tail_id = 0;
  if (gui->aim_hint != NULL)
    gtk_widget_set_visible (gui->aim_hint, FALSE);
  if (keep && lookup (gui->view, id) != NULL)
    run (gui->view, tf_mk_command_set_tail (id, gui->tail_x, gui->tail_y));
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
}

gboolean
tf_mockup_gui_get_aiming (TfBoardView *view,
                          double      *x,
                          double      *y)
{
  MkGui *gui = get_gui (view);

  if (gui == NULL || !gui->aiming)
    return FALSE;
  if (x != NULL)
    *x = gui->tail_x;
  if (y != NULL)
    *y = gui->tail_y;
  return TRUE;
}

/* A key while the tail is aimed: TRUE when it was the aiming's. */
static gboolean
aim_key (MkGui           *gui,
         guint            keyval,
         GdkModifierType  mods)
{
  TfItem *bubble = selected_one (gui->view, TF_MK_BUBBLE_KIND);
  /* Five screen pixels, forty with Shift. */
  double step = (mods & GDK_SHIFT_MASK ? 40.0 : 5.0) / tf_board_view_get_zoom (gui->view);

  if (bubble == NULL || bubble->id != gui->tail_id)
    {
      aim_end (gui, FALSE);
      return FALSE;
    }
  if (mods & ~GDK_SHIFT_MASK)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      gui->tail_x -= step;
      break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      gui->tail_x += step;
      break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      gui->tail_y -= step;
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      gui->tail_y += step;
      break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      aim_end (gui, TRUE);
      return TRUE;
    case GDK_KEY_Escape:
      aim_end (gui, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
  return TRUE;
}

/* --- Drawing over the board --- */

static void
quad_to_widget (TfBoardView  *view,
                const TfQuad *quad,
                TfQuad       *out)
{
  for (int i = 0; i < 4; i++)
    tf_board_view_to_widget (view, quad->p[i].x, quad->p[i].y, &out->p[i].x, &out->p[i].y);
}

/* The image warped on the quad being moved (coarse while dragging, good
 * at rest), from the pixels on screen already. */
static void
draw_live_place (MkGui   *gui,
                 TfItem  *item,
                 const TfQuad *wq,
                 cairo_t *cr)
{
  const TfMkPlace *place = tf_mk_place_item_get (item);
  TfRenderer *renderer = gui->view->canvas.renderer;
  TfRenderContext ctx = {
    .scale = tf_board_view_get_zoom (gui->view),
    .renderer = renderer,
    .scene = tf_board_view_get_scene (gui->view),
    .assets = tf_renderer_get_assets (renderer),
  };
  cairo_surface_t *image;
  gboolean pending = FALSE;
  double w = 0, h = 0;

  if (place == NULL || ctx.assets == NULL)
    return;
  for (int i = 0; i < 4; i++)
    {
      w = MAX (w, fabs (wq->p[i].x - wq->p[(i + 1) % 4].x));
      h = MAX (h, fabs (wq->p[i].y - wq->p[(i + 1) % 4].y));
    }
  image = tf_mk_pixels_get (tf_mk_pixels_get_default (), &ctx, place->asset, place->page,
                            tf_mk_pixels_side_for (w, h, 0, 0), TF_MK_PIXELS_SCREEN, &pending, NULL);
  if (image == NULL)
    return;
  {
    TfQuad checked = *wq;

    if (tf_quad_shape (&checked) == TF_QUAD_OK)
      tf_perspective_draw (cr, image, &checked, 0,
                           gui->dragging ? TF_PERSPECTIVE_FAST : TF_PERSPECTIVE_GOOD);
  }
  cairo_surface_destroy (image);
}

static void
draw_handle (cairo_t *cr,
             double   x,
             double   y,
             gboolean active,
             int      number)
{
  cairo_arc (cr, x, y, active ? HANDLE_RADIUS + 2 : HANDLE_RADIUS, 0, 2 * G_PI);
  if (active)
    tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
  if (number > 0)
    {
      char text[4];
      cairo_text_extents_t ext;

      g_snprintf (text, sizeof text, "%d", number);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 9.0);
      cairo_text_extents (cr, text, &ext);
      if (active)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
      cairo_move_to (cr, x - ext.width / 2 - ext.x_bearing, y - ext.height / 2 - ext.y_bearing);
      cairo_show_text (cr, text);
    }
}

static void
mockup_draw_overlay (TfBoardView *view,
                     cairo_t     *cr)
{
  MkGui *gui = get_gui (view);
  TfItem *item;

  if (gui == NULL)
    return;
  cairo_save (cr);
  if ((item = selected_one (view, TF_MK_PLACE_KIND)) != NULL)
    {
      TfQuad quad, wq;
      TfQuad checked;
      gboolean ok;

      if (shown_quad (gui, item, &quad))
        {
          quad_to_widget (view, &quad, &wq);
          checked = quad;
          ok = tf_quad_shape (&checked) == TF_QUAD_OK;
          if (gui->place_id == item->id && gui->moved && ok)
            draw_live_place (gui, item, &wq, cr);
          cairo_move_to (cr, wq.p[0].x, wq.p[0].y);
          for (int i = 1; i < 4; i++)
            cairo_line_to (cr, wq.p[i].x, wq.p[i].y);
          cairo_close_path (cr);
          if (ok)
            tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
          else
            cairo_set_source_rgb (cr, 0.85, 0.2, 0.15);
          cairo_set_line_width (cr, 2.0);
          if (!ok)
            cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          for (int i = 0; i < 4; i++)
            draw_handle (cr, wq.p[i].x, wq.p[i].y, gui->place_id == item->id && gui->corner == i, i + 1);
        }
    }
  else if ((item = selected_one (view, TF_MK_BUBBLE_KIND)) != NULL && item->data != NULL)
    {
      const TfMkBubble *b = item->data;
      double tx, ty;

      if (gui->tail_id == item->id)
        tf_board_view_to_widget (view, gui->tail_x, gui->tail_y, &tx, &ty);
      else
        tf_board_view_to_widget (view, item->bounds.x + b->tail_x, item->bounds.y + b->tail_y, &tx, &ty);
      if (gui->tail_id == item->id)
        {
          double cx, cy;

          tf_board_view_to_widget (view, item->bounds.x + item->bounds.width / 2,
                                   item->bounds.y + item->bounds.height / 2, &cx, &cy);
          cairo_set_dash (cr, (double[]) { 5, 4 }, 2, 0);
          tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.9);
          cairo_set_line_width (cr, 2.0);
          cairo_move_to (cr, cx, cy);
          cairo_line_to (cr, tx, ty);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      draw_handle (cr, tx, ty, gui->tail_id == item->id, 0);
    }
  else
    tf_mockup_arrow_draw (view, cr);
  cairo_restore (cr);
}

/* --- Popovers --- */

static void
show_popover (MkGui        *gui,
              GtkWidget    *popover,
              const TfRect *board_rect)
{
  tf_view_popover_show (gui->view, &gui->popover, popover, board_rect);
}

typedef struct {
  MkGui     *gui;
  gint64     id;
  GtkWidget *entry;
} Legend;

/* What the legend's field holds, written if it changed. */
static void
legend_save (Legend *legend)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (legend->entry))));
  TfItem *item = lookup (legend->gui->view, legend->id);

  if (item != NULL && g_strcmp0 (item->text != NULL ? item->text : "", text) != 0)
    run (legend->gui->view, tf_command_set_item_text (legend->id, text));
}

static void
legend_activated (GtkEntry *entry,
                  Legend   *legend)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER);

  legend_save (legend);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

/* However the field closes (Enter, Escape, a click elsewhere), what was
 * typed is kept, as in the board's editor; a callout just made is one undo
 * step with its legend, or goes when left without one. */
static void
legend_closed (GtkPopover *popover,
               Legend     *legend)
{
  MkGui *gui = legend->gui;

  if (!alive (gui) || tf_board_view_get_scene (gui->view) == NULL)
    return;
  legend_save (legend);
  settle_fresh (gui, legend->id);
}

/* A callout's legend: a small entry beside its disc. */
void
tf_mockup_gui_edit_callout (TfBoardView *view,
                            gint64       callout_id)
{
  MkGui *gui = get_gui (view);
  TfItem *item = lookup (view, callout_id);
  GtkWidget *popover, *box, *title, *entry;
  g_autofree char *heading = NULL;
  Legend *legend;

  if (gui == NULL || !is_kind (item, TF_MK_CALLOUT_KIND) || !view->editable)
    return;
  popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* Translators: the heading of a numbered callout's text field. */
  heading = g_strdup_printf (_("Callout %d"), tf_mk_callout_number (tf_board_view_get_scene (view), item));
  title = gtk_label_new (heading);
  entry = gtk_entry_new ();
  legend = g_new0 (Legend, 1);
  legend->gui = gui;
  legend->id = callout_id;
  legend->entry = entry;
  gtk_widget_set_halign (title, GTK_ALIGN_START);
  gtk_widget_add_css_class (title, "heading");
  gtk_editable_set_text (GTK_EDITABLE (entry), item->text != NULL ? item->text : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 28);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What this number shows"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  g_signal_connect (entry, "activate", G_CALLBACK (legend_activated), legend);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_RIGHT);
  show_popover (gui, popover, &item->bounds);
  g_signal_connect_data (popover, "closed", G_CALLBACK (legend_closed), legend,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_widget_grab_focus (entry);
}

/* --- Actions --- */

#define GUI_OF(view) get_gui (TF_BOARD_VIEW (view))

/* The photo the action is about: the context menu's, else the selected
 * item's, else the only photo of the board. */
static gint64
target_photo (MkGui *gui)
{
  g_autoptr(GArray) selection = tf_board_view_get_selection (gui->view);
  TfScene *scene = tf_board_view_get_scene (gui->view);
  gint64 only = 0;
  guint n = 0;

  if (gui->menu_item != 0 && photo_of (lookup (gui->view, gui->menu_item)) != 0)
    return photo_of (lookup (gui->view, gui->menu_item));
  if (selection->len == 1 && photo_of (lookup (gui->view, g_array_index (selection, gint64, 0))) != 0)
    return photo_of (lookup (gui->view, g_array_index (selection, gint64, 0)));
  for (guint i = 0; scene != NULL && i < tf_scene_get_items (scene)->len; i++)
    {
      TfItem *item = g_ptr_array_index (tf_scene_get_items (scene), i);

      if (is_kind (item, TF_MK_PHOTO_KIND))
        {
          only = item->id;
          n++;
        }
    }
  return n == 1 ? only : 0;
}

static gint64
target_of_kind (MkGui      *gui,
                const char *kind)
{
  TfItem *item = lookup (gui->view, gui->menu_item);

  if (is_kind (item, kind))
    return item->id;
  item = selected_one (gui->view, kind);
  return item != NULL ? item->id : 0;
}

static void
add_photo_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  choose (GUI_OF (user_data), JOB_ADD_PHOTO, 0, _("Add Photos to the Mockup"));
}

static void
place_image_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  MkGui *gui = GUI_OF (user_data);
  gint64 photo = target_photo (gui);

  /* Chosen for a photo (its menu, a key): the rail's tool is put down,
   * its hint with it; the chooser places the image. */
  if (photo != 0)
    {
      if (tf_mockup_gui_get_tool (gui->view) == TF_MK_TOOL_PLACE)
        tf_mockup_gui_set_tool (gui->view, TF_MK_TOOL_SELECT);
      tf_mockup_gui_choose_place (gui->view, photo);
    }
  else
    tf_mockup_gui_set_tool (gui->view, TF_MK_TOOL_PLACE);
}

static void
replace_image_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  MkGui *gui = GUI_OF (user_data);
  gint64 place = target_of_kind (gui, TF_MK_PLACE_KIND);

  if (place != 0)
    choose (gui, JOB_REPLACE_IMAGE, place, _("Replace the Placed Image"));
}

static void
replace_photo_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  MkGui *gui = GUI_OF (user_data);
  gint64 photo = target_photo (gui);

  if (photo != 0)
    choose (gui, JOB_REPLACE_PHOTO, photo, _("Replace the Photo"));
}

static void
reset_corners_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  MkGui *gui = GUI_OF (user_data);
  TfItem *item = lookup (gui->view, target_of_kind (gui, TF_MK_PLACE_KIND));
  TfRect b;
  TfQuad quad;

  if (item == NULL)
    return;
  b = item->bounds;
  quad = (TfQuad) { { { b.x, b.y }, { b.x + b.width, b.y }, { b.x + b.width, b.y + b.height },
                      { b.x, b.y + b.height } } };
  corners_reset (gui);
  run (gui->view, tf_mk_command_set_corners (item->id, &quad));
}

/* The "tool" action's states, in the order of TfMkToolMode. */
static const char * const tool_names[] = {
  "select", "place", "callout", "bubble", "blur", "crop", "postit", "text", "arrow"
};

static void
tool_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  const char *name = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tool_names); i++)
    if (g_str_equal (tool_names[i], name))
      tf_mockup_gui_set_tool (TF_BOARD_VIEW (user_data), i);
}

static void
add_callout_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  MkGui *gui = GUI_OF (user_data);
  gint64 photo = target_photo (gui);
  TfItem *item = lookup (gui->view, photo);
  double x, y;

  if (item == NULL)
    return;
  if (gui->menu_item != 0 && tf_rect_contains_point (&item->bounds, gui->menu_x, gui->menu_y))
    {
      x = gui->menu_x;
      y = gui->menu_y;
    }
  else
    {
      /* From a key: on a free spot of the selected placed image, else of
       * the photo. */
      tf_mockup_gui_anchor (gui->view, photo, TF_MK_CALLOUT_SIDE, TF_MK_CALLOUT_SIDE, &x, &y);
    }
  {
    gint64 id = tf_mockup_gui_run_fresh (gui->view, tf_mk_command_add_callout (photo, x, y, ""));

    if (id != 0)
      tf_mockup_gui_edit_callout (gui->view, id);
  }
}

typedef struct {
  TfBoardView *view;
  gint64       board_id;
  gint64       id;
} EditLater;

static gboolean
edit_later_cb (gpointer data)
{
  EditLater *later = data;

  if (later->view->board_id == later->board_id && lookup (later->view, later->id) != NULL &&
      !tf_board_view_get_editing (later->view))
    tf_board_view_edit_item (later->view, later->id);
  g_object_unref (later->view);
  g_free (later);
  return G_SOURCE_REMOVE;
}

/* A speech bubble on the photo, pointing where its menu was opened (else
 * at the photo's middle), its text typed at once: once the menu has
 * closed and given the board its focus back, which would have closed an
 * editor opened at once (and taken the empty bubble back). */
static void
add_bubble_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  MkGui *gui = GUI_OF (user_data);
  gint64 photo = target_photo (gui);
  TfItem *item = lookup (gui->view, photo);
  double x, y;
  gint64 id;

  if (item == NULL)
    return;
  if (gui->menu_item != 0 && tf_rect_contains_point (&item->bounds, gui->menu_x, gui->menu_y))
    {
      x = gui->menu_x;
      y = gui->menu_y;
    }
  else
    {
      /* From a key: its body and tail on a free spot of the selected
       * placed image, else of the photo, the tail at the bottom, a quarter
       * from the left (add_bubble). */
      double gap = TF_MK_BUBBLE_HEIGHT * 0.6, height = TF_MK_BUBBLE_HEIGHT + gap;

      if (tf_mockup_gui_anchor (gui->view, photo, TF_MK_BUBBLE_WIDTH, height, &x, &y) == TF_MK_ANCHOR_FREE)
        {
          x -= TF_MK_BUBBLE_WIDTH / 4;
          y += height / 2;
        }
    }
  id = tf_mockup_gui_run_fresh (gui->view, tf_mk_command_add_bubble (photo, x, y, ""));
  if (id != 0)
    {
      EditLater *later = g_new0 (EditLater, 1);

      later->view = g_object_ref (gui->view);
      later->board_id = gui->view->board_id;
      later->id = id;
      g_idle_add (edit_later_cb, later);
    }
}

/* From a menu or a key there is no drag to draw it: a region a fifth of
 * the photo's width and height, in its middle, selected to be moved with
 * the arrows (and resized by its handles). With no photo to aim at, the
 * blur tool. */
static void
blur_region_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  MkGui *gui = GUI_OF (user_data);
  TfItem *item = lookup (gui->view, target_photo (gui));
  g_autoptr(TfCommand) command = NULL;
  TfRect region;

  if (item == NULL)
    {
      tf_mockup_gui_set_tool (gui->view, TF_MK_TOOL_BLUR);
      return;
    }
  region = TF_RECT_INIT (0, 0, item->bounds.width / 5, item->bounds.height / 5);
  /* On a free spot of the photo, covering nothing there. */
  {
    double cx, cy;

    tf_mockup_gui_anchor (gui->view, item->id, region.width, region.height, &cx, &cy);
    region.x = cx - region.width / 2;
    region.y = cy - region.height / 2;
  }
  command = tf_mk_command_add_blur (item->id, &region, TF_MK_BLUR_RECT, TF_MK_BLUR_PIXELATE);
  if (run (gui->view, g_object_ref (command)))
    {
      gint64 id = tf_command_get_result_id (command);

      if (id != 0)
        tf_board_view_select (gui->view, &id, 1);
    }
  tf_mockup_gui_set_tool (gui->view, TF_MK_TOOL_SELECT);
}

/* Back from what is on a photo to the photo (Alt+Up). */
static void
select_photo_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  MkGui *gui = GUI_OF (user_data);
  g_autoptr(GArray) selection = tf_board_view_get_selection (gui->view);
  gint64 item = gui->menu_item != 0 ? gui->menu_item
                : selection->len == 1 ? g_array_index (selection, gint64, 0) : 0;
  gint64 photo = tf_mockup_gui_photo_under (gui->view, item);

  if (photo != 0)
    tf_board_view_select (gui->view, &photo, 1);
}

static void
crop_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MkGui *gui = GUI_OF (user_data);
  gint64 photo = target_photo (gui);

  if (photo != 0)
    tf_board_view_select (gui->view, &photo, 1);
  tf_mockup_gui_set_tool (gui->view, TF_MK_TOOL_CROP);
}

static void
uncrop_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  MkGui *gui = GUI_OF (user_data);
  gint64 photo = target_photo (gui);

  if (photo != 0)
    run (gui->view, tf_mk_command_uncrop (photo));
}

static void
people_visible_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  MkGui *gui = GUI_OF (user_data);
  gint64 photo = target_photo (gui);
  const TfMkPhoto *data = tf_mk_photo_item_get (lookup (gui->view, photo));

  if (data != NULL)
    run (gui->view, tf_mk_command_set_people_visible (photo, !data->people_visible));
}

static void
edit_text_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  MkGui *gui = GUI_OF (user_data);
  TfItem *item = lookup (gui->view, gui->menu_item);
  g_autoptr(GArray) selection = NULL;

  if (item == NULL)
    {
      selection = tf_board_view_get_selection (gui->view);
      if (selection->len == 1)
        item = lookup (gui->view, g_array_index (selection, gint64, 0));
    }
  if (item == NULL)
    return;
  if (is_kind (item, TF_MK_CALLOUT_KIND))
    tf_mockup_gui_edit_callout (gui->view, item->id);
  else
    tf_board_view_edit_item (gui->view, item->id);
}

static void
aim_tail_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  MkGui *gui = get_gui (TF_BOARD_VIEW (user_data));
  TfItem *bubble = selected_one (TF_BOARD_VIEW (user_data), TF_MK_BUBBLE_KIND);

  if (gui != NULL && bubble != NULL)
    aim_begin (gui, bubble);
}

static void
delete_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  tf_board_view_delete_selection (TF_BOARD_VIEW (user_data), FALSE);
}

static const GActionEntry mockup_entries[] = {
  { "add-photo", add_photo_activated, NULL, NULL, NULL, { 0 } },
  { "place-image", place_image_activated, NULL, NULL, NULL, { 0 } },
  { "replace-image", replace_image_activated, NULL, NULL, NULL, { 0 } },
  { "replace-photo", replace_photo_activated, NULL, NULL, NULL, { 0 } },
  { "reset-corners", reset_corners_activated, NULL, NULL, NULL, { 0 } },
  { "tool", tool_activated, "s", "'select'", NULL, { 0 } },
  { "add-callout", add_callout_activated, NULL, NULL, NULL, { 0 } },
  { "add-bubble", add_bubble_activated, NULL, NULL, NULL, { 0 } },
  { "blur-region", blur_region_activated, NULL, NULL, NULL, { 0 } },
  { "select-photo", select_photo_activated, NULL, NULL, NULL, { 0 } },
  { "crop", crop_activated, NULL, NULL, NULL, { 0 } },
  { "uncrop", uncrop_activated, NULL, NULL, NULL, { 0 } },
  { "people-visible", people_visible_activated, NULL, "false", NULL, { 0 } },
  { "edit-text", edit_text_activated, NULL, NULL, NULL, { 0 } },
  { "aim-tail", aim_tail_activated, NULL, NULL, NULL, { 0 } },
  { "delete", delete_activated, NULL, NULL, NULL, { 0 } },
};

static void
update_mockup_actions (TfBoardView  *view,
                       GActionGroup *group)
{
  MkGui *gui = get_gui (view);
  gboolean idle, photo, place, text;
  const TfMkPhoto *data;
  gint64 photo_id;
  TfItem *item;

  if (gui == NULL || group == NULL)
    return;
  idle = view->board_id != 0 && view->editable && !tf_board_view_get_editing (view);
  photo_id = target_photo (gui);
  photo = idle && photo_id != 0;
  place = idle && target_of_kind (gui, TF_MK_PLACE_KIND) != 0;
  item = lookup (view, gui->menu_item);
  if (item == NULL)
    {
      g_autoptr(GArray) selection = tf_board_view_get_selection (view);

      if (selection->len == 1)
        item = lookup (view, g_array_index (selection, gint64, 0));
    }
  text = idle && has_text (item);
  data = tf_mk_photo_item_get (lookup (view, photo_id));
  {
    struct { const char *name; gboolean enabled; } states[] = {
      { "add-photo", idle },
      { "place-image", idle },
      { "replace-image", place },
      { "replace-photo", photo },
      { "reset-corners", place },
      { "tool", idle },
      { "add-callout", photo },
      { "add-bubble", photo },
      { "blur-region", idle },
      { "select-photo", view->board_id != 0 && item != NULL && tf_mockup_gui_photo_under (view, item->id) != 0 },
      { "crop", photo },
      { "uncrop", photo && data != NULL && (data->crop.width < 1 || data->crop.height < 1) },
      { "people-visible", photo },
      { "edit-text", text },
      { "aim-tail", idle && selected_one (view, TF_MK_BUBBLE_KIND) != NULL },
      { "delete", idle && tf_board_view_get_n_selected (view) > 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (states); i++)
      {
        GAction *action = g_action_map_lookup_action (G_ACTION_MAP (group), states[i].name);

        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), states[i].enabled);
      }
  }
  g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (group), "people-visible")),
                             g_variant_new_boolean (data != NULL && data->people_visible));
}

void
tf_mockup_gui_tool_changed (TfBoardView *view)
{
  MkGui *gui = get_gui (view);
  GAction *action;

  const char *hint = NULL;

  if (gui == NULL || gui->group == NULL)
    return;
  action = g_action_map_lookup_action (G_ACTION_MAP (gui->group), "tool");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (tool_names[tf_mockup_gui_get_tool (view)]));
  /* What the tool waits for, from the moment it is picked. */
  switch (tf_mockup_gui_get_tool (view))
    {
    case TF_MK_TOOL_PLACE:
      hint = _("Click on a photo to place an image on it · Escape to cancel");
      break;
    case TF_MK_TOOL_CROP:
      hint = _("Drag the photo’s handles to crop it · Enter keeps the crop · Escape to cancel");
      break;
    default:
      break;
    }
  if (gui->tool_hint != NULL && gui->tool_hint_label != NULL)
    {
      if (hint != NULL)
        gtk_label_set_text (GTK_LABEL (gui->tool_hint_label), hint);
      gtk_widget_set_visible (gui->tool_hint, hint != NULL);
    }
}

/* Whether the board has a photo: the tools that work on one say to add
 * one first instead of waiting for a click that can do nothing. */
static gboolean
board_has_photo (TfBoardView *view)
{
  TfScene *scene = tf_board_view_get_scene (view);

  for (guint i = 0; scene != NULL && i < tf_scene_get_items (scene)->len; i++)
    if (is_kind (g_ptr_array_index (tf_scene_get_items (scene), i), TF_MK_PHOTO_KIND))
      return TRUE;
  return FALSE;
}

void
tf_mockup_gui_set_tool (TfBoardView  *view,
                        TfMkToolMode  mode)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (view));

  /* Picked again from the rail: the board has the keyboard all the same. */
  if (tf_mockup_gui_get_tool (view) == mode)
    {
      tf_mockup_gui_tool_changed (view);
      gtk_widget_grab_focus (GTK_WIDGET (view));
      return;
    }
  if ((mode == TF_MK_TOOL_PLACE || mode == TF_MK_TOOL_CROP) && !board_has_photo (view))
    {
      tf_board_view_show_toast (view, mode == TF_MK_TOOL_PLACE
                                      ? _("Add a photo first: an image is placed on a photo")
                                      : _("Add a photo first: there is no photo to crop"),
                                FALSE);
      tf_mockup_gui_tool_changed (view);
      gtk_widget_grab_focus (GTK_WIDGET (view));
      return;
    }
  if (mode == TF_MK_TOOL_SELECT)
    tf_board_view_set_tool (view, NULL);
  else
    {
      TfTool *tool = tf_mockup_tool_new (mode);

      tf_mockup_tool_set_view (tool, view);
      tf_board_view_set_tool (view, tool);
    }
  tf_mockup_gui_tool_changed (view);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

TfMkToolMode
tf_mockup_gui_get_tool (TfBoardView *view)
{
  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), TF_MK_TOOL_SELECT);

  return tf_mockup_tool_get_mode (tf_board_view_get_tool (view));
}

/* --- Context menus --- */

static gboolean
mockup_context_menu (TfBoardView *view,
                     double       x,
                     double       y)
{
  MkGui *gui = get_gui (view);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  GtkWidget *popover;
  TfItem *item;
  TfRect where;
  double bx, by;

  if (gui == NULL || !view->editable)
    return FALSE;
  tf_board_view_to_board (view, x, y, &bx, &by);
  item = tf_board_view_pick_item (view, bx, by);
  if (item == NULL)
    {
      /* The board itself: what comes onto it. */
      gui->menu_item = 0;
      tf_widget_menu_append (section, _("Add _Photo…"), "mockup.add-photo", "<Control>o");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      update_mockup_actions (view, G_ACTION_GROUP (gui->group));
      popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
      where = TF_RECT_INIT (bx, by, 1 / tf_board_view_get_zoom (view), 1 / tf_board_view_get_zoom (view));
      show_popover (gui, popover, &where);
      return TRUE;
    }
  gui->menu_item = item->id;
  gui->menu_x = bx;
  gui->menu_y = by;
  if (!tf_board_view_is_selected (view, item->id))
    tf_board_view_select (view, &item->id, 1);
  if (is_kind (item, TF_MK_PHOTO_KIND))
    {
      g_menu_append (section, _("_Place Image…"), "mockup.place-image");
      g_menu_append (section, _("Add _Callout"), "mockup.add-callout");
      g_menu_append (section, _("Speech B_ubble"), "mockup.add-bubble");
      g_menu_append (section, _("_Blur Region"), "mockup.blur-region");
      g_menu_append (section, _("C_rop"), "mockup.crop");
      g_menu_append (section, _("Show the _Whole Photo"), "mockup.uncrop");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_clear_object (&section);
      section = g_menu_new ();
      g_menu_append (section, _("People _Visible"), "mockup.people-visible");
      g_menu_append (section, _("Replace P_hoto…"), "mockup.replace-photo");
    }
  else if (is_kind (item, TF_MK_PLACE_KIND))
    {
      g_menu_append (section, _("_Replace Image…"), "mockup.replace-image");
      g_menu_append (section, _("Re_set Corners"), "mockup.reset-corners");
      g_menu_append (section, _("Add _Callout"), "mockup.add-callout");
      g_menu_append (section, _("_Delete"), "mockup.delete");
    }
  else
    {
      if (has_text (item))
        g_menu_append (section, _("_Edit Text"), "mockup.edit-text");
      if (is_kind (item, TF_MK_BUBBLE_KIND))
        tf_widget_menu_append (section, _("_Aim the Tail"), "mockup.aim-tail", "<Alt>q");
      g_menu_append (section, _("_Delete"), "mockup.delete");
    }
  /* From what is on a photo back to the photo. */
  if (tf_mockup_gui_photo_under (view, item->id) != 0)
    {
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      g_clear_object (&section);
      section = g_menu_new ();
      tf_widget_menu_append (section, _("Select Its _Photo"), "mockup.select-photo", "<Alt>Up");
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  update_mockup_actions (view, G_ACTION_GROUP (gui->group));
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  where = TF_RECT_INIT (bx, by, 1 / tf_board_view_get_zoom (view), 1 / tf_board_view_get_zoom (view));
  show_popover (gui, popover, &where);
  return TRUE;
}

/* --- Writing on the photo --- */

/* A label typed on the photo is this big to start with (board units). */
/* A label is made where it was asked, then written in place as a post-it
 * is (Enter ends it; left empty, it goes): tf-mockup-tool.c. */
static void
write_label (TfBoardView *view,
             double       bx,
             double       by,
             const char  *text)
{
  tf_mockup_tool_write_label (view, bx, by, text);
}

void
tf_mockup_gui_write_label (TfBoardView *view,
                           double       bx,
                           double       by)
{
  write_label (view, bx, by, "");
}

/* The centre of a free spot for a @width × @height item inside @area (in
 * what the view shows of it, when it shows some), covering nothing on
 * photo @photo but the photo and @under (mockups/tf-mockup-place.h). */
static gboolean
free_spot_in (TfBoardView  *view,
              TfItem       *photo,
              const TfRect *area,
              gint64        under,
              double        width,
              double        height,
              double       *cx,
              double       *cy)
{
  TfScene *scene = tf_board_view_get_scene (view);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (TfRect));
  int view_width = gtk_widget_get_width (GTK_WIDGET (view));
  int view_height = gtk_widget_get_height (GTK_WIDGET (view));
  TfRect inside = *area;

  if (view_width > 0 && view_height > 0)
    {
      double left, top, right, bottom;
      TfRect shown, both;

      tf_board_view_to_board (view, 0, 0, &left, &top);
      tf_board_view_to_board (view, view_width, view_height, &right, &bottom);
      shown = TF_RECT_INIT (left, top, right - left, bottom - top);
      if (tf_rect_intersection (area, &shown, &both) && !tf_rect_is_empty (&both))
        inside = both;
    }
  tf_scene_query (scene, &photo->bounds, found);
  for (guint i = 0; i < found->len; i++)
    {
      TfItem *item = g_ptr_array_index (found, i);

      if (item->id != photo->id && item->id != under && !is_kind (item, TF_MK_PHOTO_KIND))
        g_array_append_val (taken, item->bounds);
    }
  return tf_mockup_free_spot (&inside, (const TfRect *) taken->data, taken->len, width, height, cx, cy);
}

TfMkAnchor
tf_mockup_gui_anchor (TfBoardView *view,
                      gint64       photo_id,
                      double       width,
                      double       height,
                      double      *bx,
                      double      *by)
{
  g_autoptr(GArray) selection = NULL;
  MkGui *gui = get_gui (view);
  TfItem *item = NULL, *photo, *image;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), TF_MK_ANCHOR_OFF_PHOTO);

  selection = tf_board_view_get_selection (view);
  if (selection->len == 1)
    item = lookup (view, g_array_index (selection, gint64, 0));
  if (photo_id == 0 && item != NULL)
    photo_id = is_kind (item, TF_MK_PHOTO_KIND) ? item->id : tf_mockup_gui_photo_under (view, item->id);
  photo = lookup (view, photo_id);
  if (!is_kind (photo, TF_MK_PHOTO_KIND) || tf_board_view_get_scene (view) == NULL)
    {
      if (item != NULL)
        {
          *bx = item->bounds.x + item->bounds.width / 2;
          *by = item->bounds.y + item->bounds.height / 2;
        }
      else if (view->pointer_inside)
        tf_board_view_to_board (view, view->pointer_x, view->pointer_y, bx, by);
      else
        tf_board_view_to_board (view, gtk_widget_get_width (GTK_WIDGET (view)) / 2.0,
                                gtk_widget_get_height (GTK_WIDGET (view)) / 2.0, bx, by);
      return TF_MK_ANCHOR_OFF_PHOTO;
    }

  /* The image placed on the photo that is selected (or whose menu is
   * open) first: what is added is about it. */
  image = gui != NULL ? lookup (view, target_of_kind (gui, TF_MK_PLACE_KIND)) : NULL;
  if (image != NULL && photo_of (image) == photo->id &&
      free_spot_in (view, photo, &image->bounds, image->id, width, height, bx, by))
    return TF_MK_ANCHOR_FREE;
  return free_spot_in (view, photo, &photo->bounds, 0, width, height, bx, by) ? TF_MK_ANCHOR_FREE
                                                                               : TF_MK_ANCHOR_CROWDED;
}

/* A new label's size (tf_mk_command_add_label()). */
#define LABEL_WIDTH  360.0
#define LABEL_HEIGHT 80.0

/* A label started with @text on the selected item's photo (or the only
 * photo), on a free spot of it; with no photo to go on, at the view's
 * middle. A label is made by the middle of its left side (write_label). */
static void
label_on_photo (MkGui      *gui,
                const char *text)
{
  TfBoardView *view = gui->view;
  double bx, by;

  if (tf_mockup_gui_anchor (view, 0, LABEL_WIDTH, LABEL_HEIGHT, &bx, &by) != TF_MK_ANCHOR_OFF_PHOTO)
    bx -= LABEL_WIDTH / 2;
  write_label (view, bx, by, text);
}

/* Alt+S, Alt+N, Alt+T, Alt+A: a pictogram, a note, a label, an arrow. */
static gboolean
add_from_key (MkGui *gui,
              guint  keyval)
{
  TfBoardView *view = gui->view;
  double bx, by;

  switch (gdk_keyval_to_lower (keyval))
    {
    case GDK_KEY_s:
      if (gui->stamps == NULL)
        return FALSE;
      tf_mockup_stamps_popup (gui->stamps, TRUE);
      return TRUE;

    case GDK_KEY_n:
      {
        gint64 id;

        tf_mockup_gui_anchor (view, 0, TF_MK_NOTE_SIDE, TF_MK_NOTE_SIDE, &bx, &by);
        id = tf_mockup_gui_run_fresh (view, tf_mk_command_add_note (view->board_id, bx, by, ""));
        if (id != 0)
          tf_board_view_edit_item (view, id);
        return TRUE;
      }

    case GDK_KEY_t:
      label_on_photo (gui, "");
      return TRUE;

    case GDK_KEY_c:
    case GDK_KEY_b:
      /* A callout, a bubble: on the selected (or only) photo, as its menu
       * adds them. */
      {
        const char *name = gdk_keyval_to_lower (keyval) == GDK_KEY_c ? "add-callout" : "add-bubble";

        /* Nothing it could go on: said, rather than the key falling
         * through (and the text typed next becoming a free label). */
        update_mockup_actions (view, G_ACTION_GROUP (gui->group));
        if (!g_action_group_get_action_enabled (G_ACTION_GROUP (gui->group), name))
          {
            if (view->editable && !tf_board_view_get_editing (view))
              tf_board_view_show_toast (view, _("Select a photo first: Tab goes from item to item"), FALSE);
            return TRUE;
          }
        g_action_group_activate_action (G_ACTION_GROUP (gui->group), name, NULL);
        return TRUE;
      }

    case GDK_KEY_p:
    case GDK_KEY_u:
    case GDK_KEY_r:
      /* The rail's photo tools: an image placed on the selected photo (its
       * chooser), a blur region on it, its crop handles; with no photo
       * selected, the tool armed as the rail arms it. */
      {
        guint lower = gdk_keyval_to_lower (keyval);
        const char *name = lower == GDK_KEY_p ? "place-image" : lower == GDK_KEY_u ? "blur-region" : "crop";

        update_mockup_actions (view, G_ACTION_GROUP (gui->group));
        if (lower == GDK_KEY_r && !g_action_group_get_action_enabled (G_ACTION_GROUP (gui->group), name))
          tf_mockup_gui_set_tool (view, TF_MK_TOOL_CROP);
        else if (g_action_group_get_action_enabled (G_ACTION_GROUP (gui->group), name))
          g_action_group_activate_action (G_ACTION_GROUP (gui->group), name, NULL);
        else
          return FALSE;
        return TRUE;
      }

    case GDK_KEY_a:
      {
        double zoom = tf_board_view_get_zoom (view);

        /* Its box's centre, then its tip. */
        if (tf_mockup_gui_anchor (view, 0, 100 / zoom, 70 / zoom, &bx, &by) != TF_MK_ANCHOR_OFF_PHOTO)
          {
            bx += 50 / zoom;
            by += 35 / zoom;
          }
        run_select (view, tf_mk_command_add_arrow (view->board_id, bx - 100 / zoom, by - 70 / zoom, bx, by));
        return TRUE;
      }

    default:
      return FALSE;
    }
}

/* Whether @c starts a label when typed: digits and the zoom keys stay
 * the board's. */
static gboolean
is_label_letter (gunichar c)
{
  return c != 0 && g_unichar_isprint (c) && !g_unichar_isspace (c) && !g_unichar_isdigit (c) &&
         c != '+' && c != '-' && c != '=';
}

/* A letter typed with the pointer on a photo starts a label there. */
static gboolean
type_on_photo (MkGui   *gui,
               guint    keyval)
{
  TfBoardView *view = gui->view;
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[8] = { 0 };
  double bx, by;

  if (!is_label_letter (c) || !view->pointer_inside)
    return FALSE;
  tf_board_view_to_board (view, view->pointer_x, view->pointer_y, &bx, &by);
  if (tf_mockup_gui_photo_at (view, bx, by) == 0)
    return FALSE;
  g_unichar_to_utf8 (c, text);
  write_label (view, bx, by, text);
  return TRUE;
}

/* A letter typed with the pointer off the photos: a label on the photo
 * of the selection (a free spot of it, in the view), as Alt+T makes one;
 * with no photo to write on, nothing but a hint, never a free label at
 * the pointer (over the rail, off the board). Digits and the zoom keys
 * stay the board's. */
static gboolean
type_elsewhere (MkGui *gui,
                guint  keyval)
{
  TfBoardView *view = gui->view;
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[8] = { 0 };

  if (!is_label_letter (c))
    return FALSE;
  if (target_photo (gui) == 0)
    {
      tf_board_view_show_toast (view, _("Select a photo to write on it: Tab goes from item to item, "
                                        "Alt+T adds a label"), FALSE);
      return TRUE;
    }
  g_unichar_to_utf8 (c, text);
  label_on_photo (gui, text);
  return TRUE;
}

/* Enter on what has no text to edit: a placed image's corners taken (1–4
 * and the arrows move them, Enter keeps them), a blur region or a
 * pictogram nothing; with nothing (or several things) selected, a hint
 * instead of an empty label at the pointer. A photo's Enter is
 * tf_mockup_tool_enter_photo()'s; what has text, the board's editor. */
static gboolean
enter_key (MkGui *gui)
{
  TfBoardView *view = gui->view;
  g_autoptr(GArray) selection = tf_board_view_get_selection (view);
  TfItem *item;

  if (selection->len != 1)
    {
      tf_board_view_show_toast (view, selection->len == 0
                                ? _("Nothing is selected: Tab goes from item to item, Enter then edits it")
                                : _("Select one item to edit it"), FALSE);
      return TRUE;
    }
  item = lookup (view, g_array_index (selection, gint64, 0));
  if (item == NULL)
    return TRUE;
  if (is_kind (item, TF_MK_PLACE_KIND))
    {
      /* Moving a corner already: the corner keys' Enter keeps it. */
      if (gui->place_id == item->id && gui->corner >= 0)
        return FALSE;
      if (gui->place_id != 0 && gui->place_id != item->id)
        corners_reset (gui);
      corners_take (gui, item, 0);
      return TRUE;
    }
  return !has_text (item);
}

/* --- Keys --- */

/* The tool rail's button of the current tool, else its first one. */
static gboolean
focus_rail (MkGui *gui)
{
  GtkWidget *first = NULL;
  GtkWidget *active = NULL;
  GtkWidget *w = gui->toolbox;

  if (!gtk_widget_get_visible (gui->toolbox))
    return FALSE;
  /* Depth-first through the rail's boxes. */
  while (w != NULL)
    {
      GtkWidget *next;

      if (GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w))
        {
          if (first == NULL && gtk_widget_is_sensitive (w))
            first = w;
          if (GTK_IS_TOGGLE_BUTTON (w) && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (w)))
            active = w;
          next = NULL;
        }
      else
        next = gtk_widget_get_first_child (w);
      if (next == NULL)
        {
          while (w != NULL && w != gui->toolbox && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          next = w != NULL && w != gui->toolbox ? gtk_widget_get_next_sibling (w) : NULL;
        }
      w = next;
    }
  w = active != NULL ? active : first;
  return w != NULL && gtk_widget_grab_focus (w);
}

static gboolean
enter_rail (GtkWidget *pane,
            gpointer   data)
{
  return focus_rail (data);
}

/* Escape in the rail: back to the board (F6 goes on to the next pane,
 * tf-board-page.c). */
static gboolean
on_rail_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             MkGui                 *gui)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK);

  if (keyval == GDK_KEY_Escape && mods == 0)
    {
      gtk_widget_grab_focus (GTK_WIDGET (gui->view));
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static gboolean
mockup_key (TfBoardView     *view,
            guint            keyval,
            GdkModifierType  state)
{
  MkGui *gui = get_gui (view);
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK);
  TfItem *place;

  if (gui == NULL)
    return FALSE;
  if ((keyval == GDK_KEY_v || keyval == GDK_KEY_V) && mods == GDK_CONTROL_MASK)
    return paste (gui);
  /* Alt+Up: from what is on a photo back to its photo. */
  if ((keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) && mods == GDK_ALT_MASK)
    {
      if (!g_action_group_get_action_enabled (G_ACTION_GROUP (gui->group), "select-photo"))
        return FALSE;
      g_action_group_activate_action (G_ACTION_GROUP (gui->group), "select-photo", NULL);
      return TRUE;
    }
  if (!view->editable)
    return FALSE;
  if (gui->aiming && aim_key (gui, keyval, mods))
    return TRUE;
  /* Alt+Q: aim the selected bubble's tail with the arrows. */
  if ((keyval == GDK_KEY_q || keyval == GDK_KEY_Q) && mods == GDK_ALT_MASK)
    {
      if (!g_action_group_get_action_enabled (G_ACTION_GROUP (gui->group), "aim-tail"))
        return FALSE;
      g_action_group_activate_action (G_ACTION_GROUP (gui->group), "aim-tail", NULL);
      return TRUE;
    }
  if (mods == GDK_ALT_MASK && add_from_key (gui, keyval))
    return TRUE;
  if (mods == 0 && (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && tf_mockup_tool_enter_photo (view))
    return TRUE;
  if (mods == 0 && (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && enter_key (gui))
    return TRUE;
  if ((mods & ~GDK_SHIFT_MASK) == 0 && (type_on_photo (gui, keyval) || type_elsewhere (gui, keyval)))
    return TRUE;

  place = selected_one (view, TF_MK_PLACE_KIND);
  if (place == NULL)
    {
      if (gui->place_id != 0)
        corners_reset (gui);
      return FALSE;
    }
  if (gui->place_id != 0 && gui->place_id != place->id)
    corners_reset (gui);

  switch (keyval)
    {
    case GDK_KEY_1: case GDK_KEY_2: case GDK_KEY_3: case GDK_KEY_4:
    case GDK_KEY_KP_1: case GDK_KEY_KP_2: case GDK_KEY_KP_3: case GDK_KEY_KP_4:
      if (mods != 0)
        return FALSE;
      corners_take (gui, place, (keyval >= GDK_KEY_KP_1 ? keyval - GDK_KEY_KP_1 : keyval - GDK_KEY_1));
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      /* While a corner is being moved (1–4 took it), Tab goes round the
       * corners; otherwise it goes from item to item (the board's). */
      if ((mods & (GDK_CONTROL_MASK | GDK_ALT_MASK)) || gui->place_id != place->id || gui->corner < 0)
        return FALSE;
      {
        gboolean back = keyval == GDK_KEY_ISO_Left_Tab || (mods & GDK_SHIFT_MASK);
        int corner = gui->place_id == place->id && gui->corner >= 0
                     ? (gui->corner + (back ? 3 : 1)) % 4 : (back ? 3 : 0);

        corners_take (gui, place, corner);
      }
      return TRUE;

    case GDK_KEY_Left: case GDK_KEY_Right: case GDK_KEY_Up: case GDK_KEY_Down:
    case GDK_KEY_KP_Left: case GDK_KEY_KP_Right: case GDK_KEY_KP_Up: case GDK_KEY_KP_Down:
      if (gui->place_id != place->id || gui->corner < 0 || (mods & ~GDK_SHIFT_MASK))
        return FALSE;
      {
        /* One screen pixel, ten with Shift. */
        double step = (mods & GDK_SHIFT_MASK ? 10.0 : 1.0) / tf_board_view_get_zoom (view);
        TfQuadPoint *p = &gui->quad.p[gui->corner];

        if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
          p->x -= step;
        else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
          p->x += step;
        else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
          p->y -= step;
        else
          p->y += step;
        gui->moved = TRUE;
        gtk_widget_queue_draw (GTK_WIDGET (view));
      }
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (gui->place_id != place->id || gui->corner < 0)
        return FALSE;
      corners_commit (gui);
      gui->corner = -1;
      gtk_widget_queue_draw (GTK_WIDGET (view));
      return TRUE;

    case GDK_KEY_Escape:
      if (gui->place_id != place->id || gui->corner < 0)
        return FALSE;
      corners_reset (gui);
      return TRUE;

    default:
      return FALSE;
    }
}

/* A double-click: a callout's legend, a bubble's text; elsewhere the
 * editor's (a label on the photo). */
static gboolean
mockup_activate (TfBoardView *view,
                 double       bx,
                 double       by)
{
  TfItem *item = tf_board_view_pick_item (view, bx, by);

  if (is_kind (item, TF_MK_CALLOUT_KIND))
    {
      tf_board_view_select (view, &item->id, 1);
      tf_mockup_gui_edit_callout (view, item->id);
      return TRUE;
    }
  /* On the photo itself: a label typed there. */
  if (is_kind (item, TF_MK_PHOTO_KIND) || is_kind (item, TF_MK_PLACE_KIND) || is_kind (item, TF_MK_BLUR_KIND))
    {
      tf_mockup_gui_write_label (view, bx, by);
      return TRUE;
    }
  return FALSE;
}

/* --- Tool box --- */

static GtkWidget *
tool_button (const char *icon,
             const char *tooltip,
             const char *action,
             const char *target)
{
  GtkWidget *button = target != NULL ? gtk_toggle_button_new () : gtk_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (button), icon);
  gtk_widget_set_tooltip_text (button, tooltip);
  if (target != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

/* The tool box is a rail at the left of the board: the view is narrowed by
 * its width (its margin), so that fitting the board never puts a photo
 * under it, at 800 × 600 as on a wide screen. */
#define RAIL_MARGIN 6

static GtkWidget *
make_toolbox (MkGui *gui)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *tools = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *items = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_widget_set_margin_start (box, RAIL_MARGIN);
  gtk_widget_set_margin_top (box, RAIL_MARGIN);
  gtk_widget_add_css_class (tools, "linked");
  gtk_widget_add_css_class (items, "linked");
  gtk_widget_add_css_class (box, "toolbar");
  gtk_box_append (GTK_BOX (box), tool_button ("list-add-symbolic", _("Add Photo… (Ctrl+O)"), "mockup.add-photo", NULL));
  gtk_box_append (GTK_BOX (tools), tool_button ("edit-select-symbolic", _("Select and Move (Escape)"),
                                                "mockup.tool", "select"));
  gtk_box_append (GTK_BOX (tools), tool_button ("insert-image-symbolic", _("Place an Image in Perspective (Alt+P)"),
                                                "mockup.tool", "place"));
  gtk_box_append (GTK_BOX (tools), tool_button ("mark-location-symbolic", _("Numbered Callout (Alt+C)"),
                                                "mockup.tool", "callout"));
  gtk_box_append (GTK_BOX (tools), tool_button ("user-available-symbolic", _("Speech Bubble (Alt+B)"),
                                                "mockup.tool", "bubble"));
  gtk_box_append (GTK_BOX (tools), tool_button ("view-conceal-symbolic", _("Blur Region (Alt+U; Shift: Ellipse)"),
                                                "mockup.tool", "blur"));
  gtk_box_append (GTK_BOX (tools), tool_button ("zoom-fit-best-symbolic", _("Crop the Photo (Alt+R)"),
                                                "mockup.tool", "crop"));
  gtk_box_append (GTK_BOX (box), tools);
  /* What goes on top of the photo. */
  gui->stamps = tf_mockup_stamps_new (gui->view);
  gtk_box_append (GTK_BOX (items), gui->stamps);
  gtk_box_append (GTK_BOX (items), tool_button ("document-edit-symbolic", _("Post-it Note (Alt+N)"),
                                                "mockup.tool", "postit"));
  gtk_box_append (GTK_BOX (items), tool_button ("insert-text-symbolic", _("Text Label (Alt+T, or type)"),
                                                "mockup.tool", "text"));
  gtk_box_append (GTK_BOX (items), tool_button ("go-next-symbolic", _("Arrow (Alt+A)"),
                                                "mockup.tool", "arrow"));
  gtk_box_append (GTK_BOX (box), items);
  /* A pane of its own, which F6 visits after the board (on the current
   * tool); Escape goes back to the board. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mockup Tools"), -1);
  tf_widget_set_pane (box, enter_rail, gui);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_rail_key), gui);
    gtk_widget_add_controller (box, keys);
  }
  return box;
}

static GtkWidget *
make_progress (MkGui *gui)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_add_css_class (box, "toolbar");
  gui->progress_label = gtk_label_new (_("Reading the photo in a safe place…"));
  gui->progress_bar = gtk_progress_bar_new ();
  gtk_widget_set_valign (gui->progress_bar, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (gui->progress_bar, 120, -1);
  g_signal_connect (cancel, "clicked", G_CALLBACK (cancel_clicked), gui);
  gtk_box_append (GTK_BOX (box), gui->progress_label);
  gtk_box_append (GTK_BOX (box), gui->progress_bar);
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_widget_set_visible (box, FALSE);
  return box;
}

/* The line over the board that says what the tool picked waits for (as
 * a pictogram's does, tf-mockup-stamps.c). */
static GtkWidget *
make_tool_hint (MkGui *gui)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gui->tool_hint_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (gui->tool_hint_label), TRUE);
  gtk_widget_set_name (gui->tool_hint_label, "mockup-tool-hint");
  gtk_box_append (GTK_BOX (box), gui->tool_hint_label);
  /* At the top: the toasts (add a photo first) come at the bottom. */
  tf_widget_make_osd_hint (box, GTK_ALIGN_START);
  /* Gone with the window, before the tool's last word (tell_toolbox). */
  g_object_add_weak_pointer (G_OBJECT (box), (gpointer *) &gui->tool_hint);
  g_object_add_weak_pointer (G_OBJECT (gui->tool_hint_label), (gpointer *) &gui->tool_hint_label);
  return box;
}

/* The line at the bottom of the board while a bubble's tail is aimed
 * with the keys. */
static GtkWidget *
make_aim_hint (void)
{
  GtkWidget *label = gtk_label_new (_("Arrows aim the tail (Shift: further) · Enter keeps it · "
                                      "Escape puts it back"));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_name (label, "aim-tail-hint");
  tf_widget_make_osd_hint (label, GTK_ALIGN_END);
  return label;
}

/* --- Attaching --- */

static void
on_selection_changed (TfBoardView *view,
                      MkGui       *gui)
{
  TfItem *place = selected_one (view, TF_MK_PLACE_KIND);

  TfItem *bubble = selected_one (view, TF_MK_BUBBLE_KIND);

  if (gui->place_id != 0 && (place == NULL || place->id != gui->place_id) && !gui->dragging)
    corners_reset (gui);
  if (gui->aiming && (bubble == NULL || bubble->id != gui->tail_id))
    aim_end (gui, FALSE);
  gui->menu_item = 0;
  update_mockup_actions (view, G_ACTION_GROUP (gui->group));
}

static void
on_items_changed (TfBoardView *view,
                  GArray      *ids,
                  MkGui       *gui)
{
  TfItem *item;

  if (gui->place_id != 0 && !gui->dragging && !gui->moved)
    {
      item = lookup (view, gui->place_id);
      if (item == NULL)
        corners_reset (gui);
      else
        tf_mk_place_item_quad (item, &gui->quad);
    }
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

/* A photo decoded in the background arrived: what was drawn without it
 * (tiles, item bitmaps) is drawn again. */
static void
on_pixels_ready (TfMkPixels *pixels,
                 gint64      asset_id,
                 MkGui      *gui)
{
  if (gui->view->canvas.renderer != NULL)
    tf_renderer_invalidate_all (gui->view->canvas.renderer);
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
}

static void
on_board_changed (TfBoardView *view,
                  GParamSpec  *pspec,
                  MkGui       *gui)
{
  corners_reset (gui);
  gui->menu_item = 0;
  tf_view_popover_close (&gui->popover);
}

static void
mk_gui_free (gpointer data)
{
  MkGui *gui = data;

  g_hash_table_remove (live_guis, gui);
  g_clear_signal_handler (&gui->pixels_handler, tf_mk_pixels_get_default ());
  g_cancellable_cancel (gui->cancellable);
  g_clear_object (&gui->cancellable);
  g_clear_handle_id (&gui->pulse_id, g_source_remove);
  g_clear_object (&gui->fresh);
  if (gui->popover != NULL)
    g_signal_handlers_disconnect_matched (gui->popover, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, legend_closed, NULL);
  tf_view_popover_clear (&gui->popover);
  if (gui->tool_hint_label != NULL)
    g_object_remove_weak_pointer (G_OBJECT (gui->tool_hint_label), (gpointer *) &gui->tool_hint_label);
  if (gui->tool_hint != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (gui->tool_hint), (gpointer *) &gui->tool_hint);
      if (gui->overlay != NULL)
        gtk_overlay_remove_overlay (GTK_OVERLAY (gui->overlay), gui->tool_hint);
    }
  if (gui->overlay != NULL)
    {
      if (gui->toolbox != NULL)
        gtk_overlay_remove_overlay (GTK_OVERLAY (gui->overlay), gui->toolbox);
      if (gui->shortcuts != NULL)
        gtk_widget_remove_controller (gui->overlay, gui->shortcuts);
      gtk_widget_set_margin_start (GTK_WIDGET (gui->view), 0);
      if (gui->progress != NULL)
        gtk_overlay_remove_overlay (GTK_OVERLAY (gui->overlay), gui->progress);
      if (gui->aim_hint != NULL)
        gtk_overlay_remove_overlay (GTK_OVERLAY (gui->overlay), gui->aim_hint);
      g_object_remove_weak_pointer (G_OBJECT (gui->overlay), (gpointer *) &gui->overlay);
    }
  g_clear_object (&gui->group);
  g_free (gui);
}

static void
mockup_attach (TfBoardView *view)
{
  MkGui *gui = g_new0 (MkGui, 1);
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (view));

  if (live_guis == NULL)
    live_guis = g_hash_table_new (NULL, NULL);
  g_hash_table_add (live_guis, gui);
  gui->view = view;
  gui->corner = -1;
  gui->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (view), GUI_KEY, gui, mk_gui_free);
  gui->board_handler = g_signal_connect (view, "notify::board-id", G_CALLBACK (on_board_changed), gui);
  gui->items_handler = g_signal_connect (view, "items-changed", G_CALLBACK (on_items_changed), gui);
  gui->selection_handler = g_signal_connect (view, "selection-changed", G_CALLBACK (on_selection_changed), gui);
  gui->pixels_handler = g_signal_connect (tf_mk_pixels_get_default (), "ready", G_CALLBACK (on_pixels_ready), gui);

  gui->drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (gui->drop, (GType[]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE, GDK_TYPE_TEXTURE }, 3);
  g_signal_connect (gui->drop, "drop", G_CALLBACK (on_drop), gui);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (gui->drop));

  gui->handle_drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gui->handle_drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gui->handle_drag), GTK_PHASE_CAPTURE);
  g_signal_connect (gui->handle_drag, "drag-begin", G_CALLBACK (on_handle_begin), gui);
  g_signal_connect (gui->handle_drag, "drag-update", G_CALLBACK (on_handle_update), gui);
  g_signal_connect (gui->handle_drag, "drag-end", G_CALLBACK (on_handle_end), gui);
  g_signal_connect (gui->handle_drag, "cancel", G_CALLBACK (on_handle_cancel), gui);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (gui->handle_drag));

  gui->group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (gui->group), mockup_entries, G_N_ELEMENTS (mockup_entries), view);
  tf_board_view_add_actions (view, "mockup", G_ACTION_GROUP (gui->group), update_mockup_actions);

  if (GTK_IS_OVERLAY (parent))
    {
      gui->overlay = parent;
      g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &gui->overlay);
      gui->toolbox = make_toolbox (gui);
      gui->progress = make_progress (gui);
      gui->tool_hint = make_tool_hint (gui);
      gtk_overlay_add_overlay (GTK_OVERLAY (parent), gui->toolbox);
      gtk_overlay_add_overlay (GTK_OVERLAY (parent), gui->tool_hint);
      gtk_overlay_add_overlay (GTK_OVERLAY (parent), gui->progress);
      gui->aim_hint = make_aim_hint ();
      gtk_overlay_add_overlay (GTK_OVERLAY (parent), gui->aim_hint);
      /* Ctrl+O, as in any application that opens files: "Add Photo…",
       * from the board or its rail. */
      gui->shortcuts = gtk_shortcut_controller_new ();
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (gui->shortcuts),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_o, GDK_CONTROL_MASK),
                                                              gtk_named_action_new ("mockup.add-photo")));
      gtk_widget_add_controller (parent, gui->shortcuts);
      gtk_widget_insert_action_group (gui->toolbox, "mockup", G_ACTION_GROUP (gui->group));
      {
        int width = 0;

        gtk_widget_measure (gui->toolbox, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
        gtk_widget_set_margin_start (GTK_WIDGET (view), width + 2 * RAIL_MARGIN);
      }
    }
  update_mockup_actions (view, G_ACTION_GROUP (gui->group));
}

static void
mockup_detach (TfBoardView *view)
{
  MkGui *gui = get_gui (view);

  tf_board_view_add_actions (view, "mockup", NULL, NULL);
  if (gui == NULL)
    return;
  g_clear_signal_handler (&gui->board_handler, view);
  g_clear_signal_handler (&gui->items_handler, view);
  g_clear_signal_handler (&gui->pixels_handler, tf_mk_pixels_get_default ());
  g_clear_signal_handler (&gui->selection_handler, view);
  gtk_widget_remove_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (gui->drop));
  gtk_widget_remove_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (gui->handle_drag));
  g_object_set_data (G_OBJECT (view), GUI_KEY, NULL);
}

static const char *
mockup_empty_hint (void)
{
  return _("Drop a photo of the place here, paste one with Ctrl+V, or use “Add Photo…” (Ctrl+O) at the top left. "
           "Then place your project on it in perspective, number what matters and blur the faces.");
}

/* Tab's order: each photo (as they read on the board), then what is on
 * it, top to bottom, left to right; then what is on no photo. */
static GArray *
mockup_reading_order (TfBoardView *view)
{
  TfScene *scene = tf_board_view_get_scene (view);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) on_photo = NULL;
  g_autoptr(GPtrArray) photos = g_ptr_array_new ();
  g_autoptr(GPtrArray) loose = g_ptr_array_new ();
  GPtrArray *items;

  if (scene == NULL)
    return ids;
  on_photo = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      TfItem *photo;
      GPtrArray *list;

      if (!tf_board_view_tab_stop (view, item))
        continue;
      if (is_kind (item, TF_MK_PHOTO_KIND))
        {
          g_ptr_array_add (photos, item);
          continue;
        }
      photo = lookup (view, tf_mockup_gui_photo_under (view, item->id));
      if (!tf_board_view_tab_stop (view, photo))
        {
          g_ptr_array_add (loose, item);
          continue;
        }
      list = g_hash_table_lookup (on_photo, &photo->id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (on_photo, &photo->id, list);
        }
      g_ptr_array_add (list, item);
    }
  tf_board_view_sort_reading (photos);
  for (guint i = 0; i < photos->len; i++)
    {
      TfItem *photo = g_ptr_array_index (photos, i);
      GPtrArray *list = g_hash_table_lookup (on_photo, &photo->id);

      g_array_append_val (ids, photo->id);
      if (list == NULL)
        continue;
      tf_board_view_sort_reading (list);
      for (guint j = 0; j < list->len; j++)
        g_array_append_val (ids, ((TfItem *) g_ptr_array_index (list, j))->id);
    }
  tf_board_view_sort_reading (loose);
  for (guint i = 0; i < loose->len; i++)
    g_array_append_val (ids, ((TfItem *) g_ptr_array_index (loose, i))->id);
  return ids;
}

static const TfBoardTypeGui mockup_gui = {
  .type_id = TF_MOCKUP_TYPE_ID,
  .action_prefix = "mockup",
  /* The side panel: people visible, consent, legend, pairing, uses. */
  .panel_type = tf_mockup_panel_get_type,
  .panel_tooltip = N_("Photo Details (F9)"),
  .shortcuts_section = "mockups",
  .panel_open = TRUE,
  .empty_hint = mockup_empty_hint,
  /* Typing writes a text label (on the photo under the pointer). */
  .typing_writes = TRUE,
  .open_zoom = 0,
  .fixed_layout = FALSE,
  .transfers_text = FALSE,
  .link_button = FALSE,
  .capture_kind = TF_MK_LABEL_KIND,
  .capture_label = N_("Write label"),
  .attach = mockup_attach,
  .detach = mockup_detach,
  .key = mockup_key,
  .activate = mockup_activate,
  .context_menu = mockup_context_menu,
  .editing_ended = mockup_editing_ended,
  .draw_overlay = mockup_draw_overlay,
  .reading_order = mockup_reading_order,
};

void
tf_mockup_gui_init (void)
{
  tf_board_type_gui_register (&mockup_gui);
}
