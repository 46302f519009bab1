/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-regional-preview"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "core/tf-archive.h"
#include "core/tf-bundle.h"
#include "core/tf-experiment.h"
#include "tf-board-view.h"
#include "tf-regional-gui.h"
#include "tf-regional-preview.h"

struct _TfRegionalPreview
{
  char   *dir;            /* private (0700), removed with the preview */
  char   *path;           /* the temporary archive */
  gint64  experiment_id;  /* in it */
  char   *title;
  guint   anonymised;     /* TfBundleDrop, from the bundle's manifest */
};

/* The folder holds the archive and SQLite's files beside it, no folder. */
static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_unlink (path) != 0)
        g_debug ("Cannot remove %s", path);
    }
  if (g_rmdir (dir) != 0)
    g_debug ("Cannot remove %s", dir);
}

void
tf_regional_preview_free (TfRegionalPreview *preview)
{
  if (preview == NULL)
    return;
  if (preview->dir != NULL)
    remove_dir (preview->dir);
  g_free (preview->dir);
  g_free (preview->path);
  g_free (preview->title);
  g_free (preview);
}

static gpointer
prepare_job (TfRegional   *regional,
             gpointer      data,
             GCancellable *cancellable,
             GError      **error)
{
  gint64 *id = data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TfStore) store = NULL;
  g_autoptr(TfHistory) history = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(TfRegionalPreview) preview = g_new0 (TfRegionalPreview, 1);
  g_autoptr(TfBundle) bundle = NULL;

  bytes = tf_regional_fetch (regional, *id, 0, error);
  if (bytes == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  bundle = tf_bundle_open_bytes (bytes, _("The regional archive’s copy"), error);
  if (bundle == NULL)
    return NULL;
  preview->title = g_strdup (tf_bundle_get_info (bundle)->title);
  preview->anonymised = tf_bundle_get_info (bundle)->anonymised;
  preview->dir = g_dir_make_tmp ("transfo-preview-XXXXXX", error);
  if (preview->dir == NULL)
    return NULL;
  preview->path = g_build_filename (preview->dir, "preview.sqlite", NULL);
  store = tf_store_open (preview->path, TF_STORE_OPEN_CREATE | TF_STORE_OPEN_NO_DEMO, error);
  if (store == NULL)
    return NULL;
  history = tf_history_new (store);
  /* The bundle outlives the command's run. */
  command = tf_bundle_import_command (bundle, 0);
  if (!tf_history_execute (history, command, error))
    return NULL;
  preview->experiment_id = tf_command_get_result_id (command);
  return g_steal_pointer (&preview);
}

void
tf_regional_preview_prepare (const char          *conninfo,
                             gint64               id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  tf_regional_gui_run (conninfo, prepare_job, g_memdup2 (&id, sizeof id), g_free,
                       (GDestroyNotify) tf_regional_preview_free, cancellable, callback, user_data);
}

TfRegionalPreview *
tf_regional_preview_prepare_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return tf_regional_gui_finish (result, error);
}

/* --- The window --- */

typedef struct {
  TfRegionalPreview *preview;
  TfStore           *store;     /* read-only */
  TfHistory         *history;
  GListStore        *boards;
  TfBoardView       *view;
  GtkDropDown       *dropdown;
  GtkWidget         *fields;
  GtkWidget         *empty;     /* says why a board shows nothing */
  GObject           *owner;     /* weak */
  TfRegionalPreviewFetch fetch;
  gint64             region_id;
} Window;

#define WINDOW "tf-regional-preview"

static void
window_free (gpointer data)
{
  Window *self = data;

  g_clear_object (&self->boards);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  /* After the archive is closed: its folder goes. */
  g_clear_pointer (&self->preview, tf_regional_preview_free);
  g_clear_weak_pointer (&self->owner);
  g_free (self);
}

static void
board_chosen (GtkDropDown *dropdown,
              GParamSpec  *pspec,
              Window      *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);
  g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (self->boards), position);
  g_autoptr(GError) error = NULL;

  if (board != NULL && !tf_board_view_set_board_id (self->view, tf_board_get_id (board), &error))
    g_warning ("Cannot show the board: %s", error->message);
  gtk_widget_set_visible (self->empty, board != NULL && self->store != NULL &&
                                       tf_archive_count_items (self->store, tf_board_get_id (board)) == 0);
}

static void
fetch_clicked (GtkButton *button,
               GtkWidget *window)
{
  Window *self = g_object_get_data (G_OBJECT (window), WINDOW);

  GObject *owner = self->owner;
  TfRegionalPreviewFetch fetch = self->fetch;
  gint64 id = self->region_id;

  gtk_window_destroy (GTK_WINDOW (window));
  if (owner != NULL)
    fetch (owner, id);
}

static GtkWidget *
make_banner (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
  GtkWidget *label = gtk_label_new (_("A preview from the regional archive: it can be read, not changed, and "
                                      "nothing of it is written to your archive. Fetch it to work on it."));

  gtk_widget_add_css_class (box, "tf-banner");
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

/* One field of the experiment, read-only: its name above its value. */
static void
add_field (GtkBox     *box,
           const char *name,
           const char *value)
{
  GtkWidget *heading, *label;

  if (value == NULL || value[0] == '\0')
    return;
  heading = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "caption-heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_top (heading, 10);
  label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Read with its name by a screen reader. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  gtk_box_append (box, heading);
  gtk_box_append (box, label);
}

/* What the experiment's page says, read-only, beside its boards. */
static GtkWidget *
make_fields (TfExperiment *experiment)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *dates = tf_experiment_format_dates (experiment);
  g_autofree char *tags = NULL;
  g_autofree char *phase = NULL;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  /* Translators: the phase and the status of an experiment, such as “Immersion · Active”. */
  phase = g_strdup_printf (_("%s · %s"), tf_phase_get_label (tf_experiment_get_phase (experiment)),
                           tf_status_get_label (tf_experiment_get_status (experiment)));
  if (tf_experiment_get_tags (experiment) != NULL)
    tags = g_strjoinv (", ", (GStrv) tf_experiment_get_tags (experiment));
  for (TfExperimentField field = TF_FIELD_TITLE; field < TF_N_FIELDS; field++)
    {
      if (field == TF_FIELD_START_DATE)
        add_field (GTK_BOX (box), _("Dates"), dates);
      else if (field == TF_FIELD_END_DATE)
        {
          add_field (GTK_BOX (box), _("Phase"), phase);
          add_field (GTK_BOX (box), _("Tags"), tags);
        }
      else
        add_field (GTK_BOX (box), tf_experiment_field_get_label (field), tf_experiment_get_text (experiment, field));
    }
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_widget_set_size_request (scrolled, 260, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("About This Experiment"), -1);
  return scrolled;
}

GtkWidget *
tf_regional_preview_window_new (GtkWindow              *parent,
                                TfRegionalPreview      *preview,
                                gint64                  region_id,
                                TfRegionalPreviewFetch  fetch,
                                GObject                *owner)
{
  Window *self = g_new0 (Window, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(TfExperiment) experiment = NULL;
  GtkWidget *window, *box, *header, *title, *fetch_button, *view, *body, *overlay;

  self->preview = preview;
  self->region_id = region_id;
  self->fetch = fetch;
  g_set_weak_pointer (&self->owner, owner);
  window = adw_window_new ();
  g_object_set_data_full (G_OBJECT (window), WINDOW, self, window_free);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_title (GTK_WINDOW (window), preview->title);

  self->store = tf_store_open (preview->path, TF_STORE_OPEN_READ_ONLY, &error);
  if (self->store != NULL)
    {
      self->history = tf_history_new (self->store);
      self->boards = tf_archive_list_boards (self->store, preview->experiment_id, &error);
      if (self->boards != NULL)
        experiment = tf_archive_get_experiment (self->store, preview->experiment_id, &error);
    }
  if (self->boards == NULL)
    {
      g_warning ("Cannot read the preview: %s", error != NULL ? error->message : "");
      self->boards = g_list_store_new (TF_TYPE_BOARD);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->boards)); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (self->boards), i);

      gtk_string_list_append (names, tf_board_get_name (board));
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  title = adw_window_title_new (preview->title, _("Preview from the region, read-only"));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dropdown), _("Board"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->dropdown));
  fetch_button = gtk_button_new_with_mnemonic (_("_Fetch to This Computer"));
  gtk_widget_add_css_class (fetch_button, "suggested-action");
  g_signal_connect (fetch_button, "clicked", G_CALLBACK (fetch_clicked), window);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), fetch_button);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), make_banner ());

  view = tf_board_view_new ();
  self->view = TF_BOARD_VIEW (view);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_widget_set_hexpand (view, TRUE);
  tf_board_view_set_editable (self->view, FALSE);
  if (self->history != NULL)
    tf_board_view_set_history (self->view, self->history);
  body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  if (experiment != NULL)
    {
      self->fields = make_fields (experiment);
      gtk_box_append (GTK_BOX (body), self->fields);
      gtk_box_append (GTK_BOX (body), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
    }
  overlay = gtk_overlay_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), view);
  /* An empty board in the published copy: why, when the bundle says. */
  self->empty = gtk_label_new ((preview->anonymised & TF_BUNDLE_DROP_UNCONSENTED)
                               ? _("Insights without consent were left out when this experiment was published.")
                               : _("This board is empty in the published copy."));
  gtk_label_set_wrap (GTK_LABEL (self->empty), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->empty), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (self->empty), 40);
  gtk_widget_set_halign (self->empty, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->empty, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (self->empty, 24);
  gtk_widget_set_margin_end (self->empty, 24);
  gtk_widget_set_can_target (self->empty, FALSE);
  gtk_widget_add_css_class (self->empty, "dim-label");
  gtk_widget_add_css_class (self->empty, "title-4");
  gtk_widget_set_visible (self->empty, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->empty);
  gtk_box_append (GTK_BOX (body), overlay);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (box), body);
  adw_window_set_content (ADW_WINDOW (window), box);

  g_signal_connect (self->dropdown, "notify::selected", G_CALLBACK (board_chosen), self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->boards)) > 0)
    board_chosen (self->dropdown, NULL, self);
  return window;
}

GtkWidget *
tf_regional_preview_window_get_view (GtkWidget *window)
{
  Window *self = g_object_get_data (G_OBJECT (window), WINDOW);

  return GTK_WIDGET (self->view);
}

GtkDropDown *
tf_regional_preview_window_get_boards (GtkWidget *window)
{
  Window *self = g_object_get_data (G_OBJECT (window), WINDOW);

  return self->dropdown;
}

GtkWidget *
tf_regional_preview_window_get_empty (GtkWidget *window)
{
  Window *self = g_object_get_data (G_OBJECT (window), WINDOW);

  return self->empty;
}

GtkWidget *
tf_regional_preview_window_get_fields (GtkWidget *window)
{
  Window *self = g_object_get_data (G_OBJECT (window), WINDOW);

  return self->fields;
}

const char *
tf_regional_preview_window_get_path (GtkWidget *window)
{
  Window *self = g_object_get_data (G_OBJECT (window), WINDOW);

  return self->preview->path;
}
