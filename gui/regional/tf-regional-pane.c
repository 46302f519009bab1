/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-regional-pane"

#include <glib/gi18n.h>

#include "core/tf-archive.h"
#include "core/tf-experiment.h"
#include "core/tf-enums.h"
#include "tf-application.h"
#include "tf-regional-gui.h"
#include "tf-regional-pane.h"
#include "tf-regional-preview.h"
#include "tf-window.h"

struct _TfRegionalPane
{
  AdwBin          parent_instance;

  GtkStack       *stack;          /* "setup" or "search" */
  GtkStack       *results;        /* loading, list, empty, no-results, error */
  GtkSearchEntry *search_entry;
  GtkMenuButton  *filter_button;
  GtkEditable    *department_entry;
  GtkEditable    *territory_entry;
  GtkDropDown    *phase_dropdown;
  GtkSpinButton  *year_spin;
  GtkEditable    *tag_entry;
  GtkListBox     *list_box;
  GtkScrolledWindow *scrolled;
  AdwStatusPage  *error_page;
  GtkWidget      *more_row;       /* "Show More Results", last of the list, or NULL */
  GtkButton      *more_button;
  GtkSpinner     *more_spinner;
  GtkRevealer    *busy_banner;
  GtkLabel       *busy_label;
  GtkSpinner     *busy_spinner;

  GSettings      *settings;       /* the application's, NULL without the schema */
  GPtrArray      *hits;           /* TfRegionalHit shown */
  gpointer        shown_search;   /* Search: what the hits answer (for the next page) */
  gboolean        more;           /* more results than the hits */
  GCancellable   *search_cancellable; /* a search or its next page */
  GCancellable   *busy_cancellable; /* a preview or a fetch */
  guint           filter_source;
  gboolean        searched;       /* once shown */
  GtkWindow      *preview;        /* weak: the last preview opened */
  gint64          preview_id;
  guint           n_searches;     /* ended, not cancelled */
  guint           n_more;         /* next pages shown */
  guint           focus_row;      /* the first of a next page */
  guint           focus_frames;
  guint           n_withdrawn;
  char           *searched_text;  /* the words of the last one */
};

G_DEFINE_FINAL_TYPE (TfRegionalPane, tf_regional_pane, ADW_TYPE_BIN)

static char *
dup_connection (TfRegionalPane *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return tf_regional_gui_dup_connection (GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL);
}

/* --- Results --- */

/* The excerpt as Pango markup: the words found in bold. */
static char *
excerpt_markup (const char *excerpt)
{
  g_autofree char *flat = tf_archive_mark_excerpt (excerpt, TF_REGIONAL_MARK_START, TF_REGIONAL_MARK_END);

  /* Translators: an excerpt of a text found, between quotes. */
  return g_strdup_printf (_("“%s”"), flat);
}

static void preview_clicked (GtkButton *button, TfRegionalPane *self);
static void fetch_clicked (GtkButton *button, TfRegionalPane *self);
static void withdraw_clicked (GtkButton *button, TfRegionalPane *self);
static void more_clicked (TfRegionalPane *self);
static void show_busy_error (TfRegionalPane *self, const GError *error);

static GtkWidget *
make_row (TfRegionalPane      *self,
          const TfRegionalHit *hit,
          guint                index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (hit->title[0] != '\0' ? hit->title : _("Untitled experiment"));
  GtkWidget *meta, *buttons, *preview, *fetch;
  g_autofree char *dates = tf_date_format_months (hit->start_date, hit->end_date);
  g_autoptr(GString) line = g_string_new (hit->department_name[0] != '\0' ? hit->department_name : hit->department);

  if (hit->place[0] != '\0')
    g_string_append_printf (line, " · %s", hit->place);
  else if (hit->territory[0] != '\0')
    g_string_append_printf (line, " · %s", hit->territory);
  if (dates != NULL && dates[0] != '\0')
    g_string_append_printf (line, " · %s", dates);
  if (hit->phase >= 0 && hit->phase < TF_N_PHASES)
    g_string_append_printf (line, " · %s", tf_phase_get_label (hit->phase));

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  meta = gtk_label_new (line->str);
  gtk_label_set_wrap (GTK_LABEL (meta), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (meta), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_box_append (GTK_BOX (box), meta);
  if (hit->excerpt != NULL && hit->excerpt[0] != '\0')
    {
      g_autofree char *markup = excerpt_markup (hit->excerpt);
      GtkWidget *excerpt = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (excerpt), markup);
      gtk_label_set_wrap (GTK_LABEL (excerpt), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (excerpt), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (excerpt), 3);
      gtk_label_set_ellipsize (GTK_LABEL (excerpt), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (excerpt), 0);
      gtk_box_append (GTK_BOX (box), excerpt);
    }
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (buttons, 4);
  preview = gtk_button_new_with_mnemonic (_("_Preview"));
  fetch = gtk_button_new_with_mnemonic (_("_Fetch to This Computer"));
  gtk_widget_set_tooltip_text (preview, _("Read it here without changing anything"));
  gtk_widget_set_tooltip_text (fetch, _("Import a copy into your archive, to work on it"));
  g_object_set_data (G_OBJECT (preview), "index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (row), "preview", preview);
  g_object_set_data (G_OBJECT (fetch), "index", GUINT_TO_POINTER (index));
  g_signal_connect (preview, "clicked", G_CALLBACK (preview_clicked), self);
  g_signal_connect (fetch, "clicked", G_CALLBACK (fetch_clicked), self);
  gtk_box_append (GTK_BOX (buttons), preview);
  gtk_box_append (GTK_BOX (buttons), fetch);
  /* Only what the connection's department published (or an
   * administrator): the database refuses the others anyway. */
  if (hit->may_withdraw)
    {
      GtkWidget *withdraw = gtk_button_new_with_mnemonic (_("_Withdraw…"));

      gtk_widget_set_tooltip_text (withdraw, _("Withdraw from the Region…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (withdraw), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Withdraw from the Region…"), -1);
      gtk_widget_add_css_class (withdraw, "flat");
      g_object_set_data (G_OBJECT (withdraw), "index", GUINT_TO_POINTER (index));
      g_object_set_data (G_OBJECT (row), "withdraw", withdraw);
      g_signal_connect (withdraw, "clicked", G_CALLBACK (withdraw_clicked), self);
      gtk_box_append (GTK_BOX (buttons), withdraw);
    }
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  hit->title, -1);
  return row;
}

/* The last row when the region has more: the next page on demand. */
static GtkWidget *
make_more_row (TfRegionalPane *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Show _More Results"));
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_tooltip_text (button, _("The next results, in the same order"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (more_clicked), self);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  self->more_button = GTK_BUTTON (button);
  self->more_spinner = GTK_SPINNER (spinner);
  return row;
}

static void
remove_more_row (TfRegionalPane *self)
{
  if (self->more_row != NULL)
    gtk_list_box_remove (self->list_box, self->more_row);
  self->more_row = NULL;
  self->more_button = NULL;
  self->more_spinner = NULL;
}

/* Rows for the hits from @first on, then "Show More Results" when the
 * region has more. */
static void
append_rows (TfRegionalPane *self,
             guint           first)
{
  /* Before "Show More Results", which keeps its place (and the focus). */
  for (guint i = first; i < self->hits->len; i++)
    gtk_list_box_insert (self->list_box, make_row (self, g_ptr_array_index (self->hits, i), i), (int) i);
  if (self->more && self->more_row == NULL)
    {
      self->more_row = make_more_row (self);
      gtk_list_box_append (self->list_box, self->more_row);
    }
  else if (!self->more)
    remove_more_row (self);
}

static void
clear_rows (TfRegionalPane *self)
{
  GtkWidget *child;

  remove_more_row (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
}

static void
show_hits (TfRegionalPane *self,
           GPtrArray      *hits,
           gboolean        searched_words)
{
  clear_rows (self);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  self->hits = hits;
  append_rows (self, 0);
  if (hits->len > 0)
    gtk_stack_set_visible_child_name (self->results, "list");
  else
    gtk_stack_set_visible_child_name (self->results, searched_words ? "no-results" : "empty");
}

static void
show_error (TfRegionalPane *self,
            const GError   *error)
{
  adw_status_page_set_title (self->error_page, tf_regional_gui_error_heading (error));
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->results, "error");
}

/* --- Searching --- */

typedef struct {
  char *text, *department, *territory, *tag;
  int   phase, year;
  int   offset;   /* of the page shown last, less what was withdrawn since */
} Search;

/* A page of results. */
typedef struct {
  GPtrArray *hits;
  gboolean   more;
} Page;

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->hits, g_ptr_array_unref);
  g_free (page);
}

static Search *
search_copy (const Search *search)
{
  Search *copy = g_memdup2 (search, sizeof *search);

  copy->text = g_strdup (search->text);
  copy->department = g_strdup (search->department);
  copy->territory = g_strdup (search->territory);
  copy->tag = g_strdup (search->tag);
  return copy;
}

static void
search_free (gpointer data)
{
  Search *search = data;

  g_free (search->text);
  g_free (search->department);
  g_free (search->territory);
  g_free (search->tag);
  g_free (search);
}

static gpointer
search_job (TfRegional   *regional,
            gpointer      data,
            GCancellable *cancellable,
            GError      **error)
{
  Search *search = data;
  TfRegionalQuery query = TF_REGIONAL_QUERY_INIT;
  Page *page = g_new0 (Page, 1);

  query.text = search->text;
  query.department = search->department;
  query.territory = search->territory;
  query.phase = search->phase;
  query.year = search->year;
  query.tag = search->tag;
  query.excerpts = TRUE;
  query.offset = (guint) MAX (search->offset, 0);
  page->hits = tf_regional_search_page (regional, &query, &page->more, error);
  if (page->hits == NULL)
    g_clear_pointer (&page, g_free);
  return page;
}

typedef struct {
  TfRegionalPane *pane;
  gboolean        words;
  char           *text;
  Search         *search;   /* a copy, kept for the next page */
} SearchDone;

static void
search_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SearchDone *done = user_data;
  g_autoptr(TfRegionalPane) self = done->pane;
  g_autoptr(GError) error = NULL;
  Page *page = tf_regional_gui_finish (result, &error);
  GPtrArray *hits = page != NULL ? g_steal_pointer (&page->hits) : NULL;
  gboolean words = done->words;
  g_autofree char *text = done->text;
  Search *search = done->search;

  gboolean more = page != NULL && page->more;

  g_clear_pointer (&page, page_free);
  g_free (done);
  /* A newer search took its place, or the pane went. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_clear_pointer (&hits, g_ptr_array_unref);
      search_free (search);
      return;
    }
  self->more = more;
  g_clear_pointer (&self->shown_search, search_free);
  self->shown_search = search;
  g_clear_object (&self->search_cancellable);
  self->n_searches++;
  g_free (self->searched_text);
  self->searched_text = g_steal_pointer (&text);
  if (hits == NULL)
    {
      g_debug ("Search failed: %s", error->message);
      show_error (self, error);
      return;
    }
  g_debug ("Region: %u results", hits->len);
  show_hits (self, hits, words);
}

static char *
field (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

void
tf_regional_pane_refresh (TfRegionalPane *self)
{
  g_autofree char *conninfo = NULL;
  Search *search;
  SearchDone *done;
  guint phase;

  g_return_if_fail (TF_IS_REGIONAL_PANE (self));

  self->searched = TRUE;
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  conninfo = dup_connection (self);
  if (conninfo[0] == '\0')
    {
      gtk_stack_set_visible_child_name (self->stack, "setup");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "search");
  search = g_new0 (Search, 1);
  search->text = field (GTK_EDITABLE (self->search_entry));
  search->department = field (self->department_entry);
  search->territory = field (self->territory_entry);
  search->tag = field (self->tag_entry);
  phase = gtk_drop_down_get_selected (self->phase_dropdown);
  search->phase = phase == 0 || phase == GTK_INVALID_LIST_POSITION ? -1 : (int) phase - 1;
  search->year = gtk_spin_button_get_value_as_int (self->year_spin);
  done = g_new0 (SearchDone, 1);
  done->pane = g_object_ref (self);
  done->text = g_strdup (search->text != NULL ? search->text : "");
  done->words = search->text != NULL || search->department != NULL || search->territory != NULL ||
                search->tag != NULL || search->phase >= 0 || search->year > 0;
  done->search = search_copy (search);
  gtk_stack_set_visible_child_name (self->results, "loading");
  self->search_cancellable = g_cancellable_new ();
  tf_regional_gui_run (conninfo, search_job, search, search_free, page_free,
                       self->search_cancellable, search_done, done);
}

/* --- The next page --- */

/* The second frame after the rows were added: they are laid out. */
static gboolean
focus_new_rows (GtkWidget     *list_box,
                GdkFrameClock *clock,
                gpointer       data)
{
  TfRegionalPane *self = data;
  GtkListBoxRow *row;

  if (++self->focus_frames < 2)
    return G_SOURCE_CONTINUE;
  self->focus_frames = 0;
  row = gtk_list_box_get_row_at_index (self->list_box, (int) self->focus_row);
  if (row == NULL || row == (GtkListBoxRow *) self->more_row)
    row = NULL;
  if (row != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
      GtkWidget *preview = g_object_get_data (G_OBJECT (row), "preview");
      graphene_point_t top;

      gtk_widget_grab_focus (preview != NULL ? preview : GTK_WIDGET (row));
      /* In sight: near the bottom, where the button was. */
      if (gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (self->list_box), &GRAPHENE_POINT_INIT (0, 0), &top) &&
          top.y + gtk_widget_get_height (GTK_WIDGET (row)) > gtk_adjustment_get_value (adjustment) +
                                                             gtk_adjustment_get_page_size (adjustment))
        gtk_adjustment_set_value (adjustment, top.y + gtk_widget_get_height (GTK_WIDGET (row)) -
                                              gtk_adjustment_get_page_size (adjustment));
    }
  else if (self->more_button != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->more_button));
  self->n_more++;
  return G_SOURCE_REMOVE;
}

static void
more_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TfRegionalPane) self = user_data;
  g_autoptr(GError) error = NULL;
  Page *page = tf_regional_gui_finish (result, &error);
  guint first;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_clear_pointer (&page, page_free);
      return;
    }
  g_clear_object (&self->search_cancellable);
  if (page == NULL)
    {
      /* The list shown stays; the button again, and why. */
      if (self->more_spinner != NULL)
        gtk_spinner_stop (self->more_spinner);
      show_busy_error (self, error);
      return;
    }
  first = self->hits->len;
  /* What was published meanwhile may shift a result into the next page:
   * each experiment once. */
  for (guint i = 0; i < page->hits->len; i++)
    {
      TfRegionalHit *hit = g_ptr_array_index (page->hits, i);
      gboolean shown = FALSE;

      for (guint j = 0; j < first && !shown; j++)
        shown = ((TfRegionalHit *) g_ptr_array_index (self->hits, j))->id == hit->id;
      if (!shown)
        g_ptr_array_add (self->hits, g_ptr_array_steal_index (page->hits, i--));
    }
  self->more = page->more;
  page_free (page);
  ((Search *) self->shown_search)->offset += TF_REGIONAL_SEARCH_LIMIT;
  g_debug ("Region: %u more results", self->hits->len - first);
  append_rows (self, first);
  /* The keyboard goes on where the new results start, once they have
   * their place (the list scrolls to them). */
  self->focus_row = first;
  gtk_widget_add_tick_callback (GTK_WIDGET (self->list_box), focus_new_rows, g_object_ref (self), g_object_unref);
}

static void
more_clicked (TfRegionalPane *self)
{
  g_autofree char *conninfo = dup_connection (self);
  Search *search;

  if (self->shown_search == NULL || self->hits == NULL || self->search_cancellable != NULL || conninfo[0] == '\0')
    return;
  search = search_copy (self->shown_search);
  search->offset = search->offset + TF_REGIONAL_SEARCH_LIMIT;
  gtk_spinner_start (self->more_spinner);
  self->search_cancellable = g_cancellable_new ();
  tf_regional_gui_run (conninfo, search_job, search, search_free, page_free, self->search_cancellable, more_done,
                       g_object_ref (self));
}

static void
search_changed (TfRegionalPane *self)
{
  tf_regional_pane_refresh (self);
}

static void
cancel_search (TfRegionalPane *self)
{
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (self->hits != NULL)
    gtk_stack_set_visible_child_name (self->results, self->hits->len > 0 ? "list" : "empty");
  else
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     _("The search was cancelled."));

      show_error (self, error);
      adw_status_page_set_title (self->error_page, _("Search Cancelled"));
    }
}

static gboolean
filters_settled (gpointer data)
{
  TfRegionalPane *self = data;

  self->filter_source = 0;
  tf_regional_pane_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
filters_changed (TfRegionalPane *self)
{
  g_clear_handle_id (&self->filter_source, g_source_remove);
  self->filter_source = g_timeout_add (300, filters_settled, self);
}

static void
clear_filters (TfRegionalPane *self)
{
  gtk_editable_set_text (self->department_entry, "");
  gtk_editable_set_text (self->territory_entry, "");
  gtk_editable_set_text (self->tag_entry, "");
  gtk_drop_down_set_selected (self->phase_dropdown, 0);
  gtk_spin_button_set_value (self->year_spin, 0);
  gtk_menu_button_popdown (self->filter_button);
}

/* --- Preview and fetch --- */

static void
set_busy (TfRegionalPane *self,
          const char     *text)
{
  gtk_revealer_set_reveal_child (self->busy_banner, text != NULL);
  if (text != NULL)
    {
      gtk_label_set_text (self->busy_label, text);
      gtk_spinner_start (self->busy_spinner);
    }
  else
    {
      gtk_spinner_stop (self->busy_spinner);
      g_clear_object (&self->busy_cancellable);
    }
}

static void
show_busy_error (TfRegionalPane *self,
                 const GError   *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (!GTK_IS_WINDOW (root))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (root), tf_regional_gui_error_heading (error), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preview_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TfRegionalPane) self = user_data;
  g_autoptr(GError) error = NULL;
  TfRegionalPreview *preview = tf_regional_preview_prepare_finish (result, &error);
  gint64 id = self->preview_id;
  GtkRoot *root;
  GtkWidget *window;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_clear_pointer (&preview, tf_regional_preview_free);
      return;
    }
  set_busy (self, NULL);
  if (preview == NULL)
    {
      show_busy_error (self, error);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  window = tf_regional_preview_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, preview, id,
                                           (TfRegionalPreviewFetch) tf_regional_pane_fetch_id, G_OBJECT (self));
  g_set_weak_pointer (&self->preview, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

static const TfRegionalHit *
get_hit (TfRegionalPane *self,
         guint           index)
{
  return self->hits != NULL && index < self->hits->len ? g_ptr_array_index (self->hits, index) : NULL;
}

void
tf_regional_pane_preview (TfRegionalPane *self,
                          guint           index)
{
  const TfRegionalHit *hit = get_hit (self, index);
  g_autofree char *conninfo = dup_connection (self);
  g_autofree char *text = NULL;
  g_autoptr(GTask) marker = NULL;

  g_return_if_fail (TF_IS_REGIONAL_PANE (self));

  if (hit == NULL || self->busy_cancellable != NULL)
    return;
  /* Translators: %s is an experiment's title. */
  text = g_strdup_printf (_("Opening “%s”…"), hit->title);
  self->busy_cancellable = g_cancellable_new ();
  self->preview_id = hit->id;
  set_busy (self, text);
  tf_regional_preview_prepare (conninfo, hit->id, self->busy_cancellable, preview_done, g_object_ref (self));
}

static void
fetch_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TfRegionalPane) self = user_data;
  g_autoptr(GError) error = NULL;
  TfBundle *bundle = tf_regional_gui_finish (result, &error);
  GtkRoot *root;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_clear_pointer (&bundle, tf_bundle_free);
      return;
    }
  set_busy (self, NULL);
  if (bundle == NULL)
    {
      show_busy_error (self, error);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (TF_IS_WINDOW (root))
    tf_regional_gui_show_import (TF_WINDOW (root), bundle);
  else
    tf_bundle_free (bundle);
}

void
tf_regional_pane_fetch_id (TfRegionalPane *self,
                           gint64          id)
{
  g_autofree char *conninfo = dup_connection (self);

  g_return_if_fail (TF_IS_REGIONAL_PANE (self));

  if (self->busy_cancellable != NULL)
    return;
  self->busy_cancellable = g_cancellable_new ();
  set_busy (self, _("Fetching from the region…"));
  tf_regional_gui_fetch_bundle (conninfo, id, self->busy_cancellable, fetch_done, g_object_ref (self));
}

void
tf_regional_pane_fetch (TfRegionalPane *self,
                        guint           index)
{
  const TfRegionalHit *hit = get_hit (self, index);

  g_return_if_fail (TF_IS_REGIONAL_PANE (self));

  if (hit != NULL)
    tf_regional_pane_fetch_id (self, hit->id);
}

static void
preview_clicked (GtkButton      *button,
                 TfRegionalPane *self)
{
  tf_regional_pane_preview (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

static void
fetch_clicked (GtkButton      *button,
               TfRegionalPane *self)
{
  tf_regional_pane_fetch (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

/* --- Withdrawing --- */

typedef struct {
  TfRegionalPane *pane;
  gint64          id;
  char           *title;
} Withdraw;

static void
withdraw_free (gpointer data)
{
  Withdraw *withdraw = data;

  g_clear_object (&withdraw->pane);
  g_free (withdraw->title);
  g_free (withdraw);
}

static gpointer
withdraw_job (TfRegional   *regional,
              gpointer      data,
              GCancellable *cancellable,
              GError      **error)
{
  gint64 *id = data;

  /* The command line's: the experiment and every version of it. */
  return tf_regional_withdraw (regional, *id, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

/* Takes the result of experiment @id out of the list, the keyboard on the
 * one after it. */
static void
remove_hit (TfRegionalPane *self,
            gint64          id)
{
  GtkListBoxRow *row;
  guint index;

  if (self->hits == NULL)
    return;
  for (index = 0; index < self->hits->len; index++)
    if (((TfRegionalHit *) g_ptr_array_index (self->hits, index))->id == id)
      break;
  if (index == self->hits->len)
    return;
  g_ptr_array_remove_index (self->hits, index);
  /* The region's next page starts one result earlier now. */
  if (self->shown_search != NULL)
    ((Search *) self->shown_search)->offset--;
  /* The rows' buttons know their index: made again. */
  clear_rows (self);
  append_rows (self, 0);
  if (self->hits->len == 0 && !self->more)
    {
      gtk_stack_set_visible_child_name (self->results, self->searched_text != NULL && self->searched_text[0] != '\0'
                                                       ? "no-results" : "empty");
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return;
    }
  row = gtk_list_box_get_row_at_index (self->list_box, (int) MIN (index, self->hits->len > 0 ? self->hits->len - 1 : 0));
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
withdraw_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Withdraw *withdraw = user_data;
  TfRegionalPane *self = withdraw->pane;
  g_autoptr(GError) error = NULL;
  gboolean done = tf_regional_gui_finish (result, &error) != NULL;
  GtkRoot *root;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      withdraw_free (withdraw);
      return;
    }
  set_busy (self, NULL);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (done)
    {
      /* Translators: %s is an experiment's title. */
      g_autofree char *message = g_strdup_printf (_("“%s” withdrawn from the region"), withdraw->title);

      g_debug ("Withdrawn: experiment %" G_GINT64_FORMAT " of the region", withdraw->id);
      remove_hit (self, withdraw->id);
      self->n_withdrawn++;
      if (TF_IS_WINDOW (root))
        tf_window_add_toast (TF_WINDOW (root), adw_toast_new (message));
    }
  else
    {
      g_debug ("Not withdrawn: %s", error->message);
      /* Gone already (another laptop of the department): not listed. */
      if (g_error_matches (error, TF_REGIONAL_ERROR, TF_REGIONAL_ERROR_NOT_FOUND))
        remove_hit (self, withdraw->id);
      show_busy_error (self, error);
    }
  withdraw_free (withdraw);
}

static void
withdraw_confirmed (AdwMessageDialog *dialog,
                    const char       *response,
                    Withdraw         *withdraw)
{
  TfRegionalPane *self = withdraw->pane;
  g_autofree char *conninfo = NULL;
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "withdraw") || self->busy_cancellable != NULL)
    return;
  conninfo = dup_connection (self);
  /* Translators: %s is an experiment's title. */
  text = g_strdup_printf (_("Withdrawing “%s” from the region…"), withdraw->title);
  self->busy_cancellable = g_cancellable_new ();
  set_busy (self, text);
  tf_regional_gui_run (conninfo, withdraw_job, g_memdup2 (&withdraw->id, sizeof withdraw->id), g_free, NULL,
                       self->busy_cancellable, withdraw_done,
                       g_memdup2 (withdraw, sizeof *withdraw));
  /* The copy owns them now. */
  withdraw->pane = NULL;
  withdraw->title = NULL;
}

static void
withdraw_notify (gpointer  data,
                 GClosure *closure)
{
  withdraw_free (data);
}

void
tf_regional_pane_withdraw (TfRegionalPane *self,
                           guint           index)
{
  const TfRegionalHit *hit = get_hit (self, index);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *title;
  g_autofree char *heading = NULL, *body = NULL;
  GtkWidget *dialog;
  Withdraw *withdraw;

  g_return_if_fail (TF_IS_REGIONAL_PANE (self));

  if (hit == NULL || !hit->may_withdraw || self->busy_cancellable != NULL || !GTK_IS_WINDOW (root))
    return;
  title = hit->title[0] != '\0' ? hit->title : _("Untitled experiment");
  /* Translators: %s is an experiment's title. */
  heading = g_strdup_printf (_("Withdraw “%s” from the Region?"), title);
  body = g_strdup (_("Other departments will no longer find it, preview it or fetch it. Every version "
                            "published of it leaves the regional archive (no history is kept there); to share it "
                            "again, publish it anew. Your own archive is not changed, nor the copies other "
                            "departments already fetched."));
  dialog = adw_message_dialog_new (GTK_WINDOW (root), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "withdraw", _("_Withdraw"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "withdraw", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  withdraw = g_new0 (Withdraw, 1);
  withdraw->pane = g_object_ref (self);
  withdraw->id = hit->id;
  withdraw->title = g_strdup (title);
  g_signal_connect_data (dialog, "response", G_CALLBACK (withdraw_confirmed), withdraw,
                         withdraw_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
withdraw_clicked (GtkButton      *button,
                  TfRegionalPane *self)
{
  tf_regional_pane_withdraw (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

static void
cancel_busy (TfRegionalPane *self)
{
  if (self->busy_cancellable != NULL)
    g_cancellable_cancel (self->busy_cancellable);
  set_busy (self, NULL);
}

/* --- The widgets --- */

static GtkWidget *
status_page (const char *icon,
             const char *title,
             const char *description)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
  gtk_widget_add_css_class (page, "compact");
  return page;
}

static GtkWidget *
pill (const char *label,
      const char *action,
      gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  if (action != NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static GtkWidget *
filter_row (GtkGrid    *grid,
            int         row,
            const char *label,
            GtkWidget  *widget)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  return widget;
}

static GtkEditable *
filter_entry (TfRegionalPane *self,
              GtkGrid        *grid,
              int             row,
              const char     *label)
{
  GtkWidget *entry = gtk_entry_new ();

  g_signal_connect_swapped (entry, "changed", G_CALLBACK (filters_changed), self);
  return GTK_EDITABLE (filter_row (grid, row, label, entry));
}


/* The year 0 (any year) shows as an empty field that says so. */
static gboolean
year_output (GtkSpinButton *spin,
             gpointer       user_data)
{
  if (gtk_spin_button_get_value_as_int (spin) != 0)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (spin), "");
  return TRUE;
}

static int
year_input (GtkSpinButton *spin,
            double        *value,
            gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  if (text[0] != '\0')
    return FALSE;
  *value = 0;
  return TRUE;
}

static GtkWidget *
make_filters (TfRegionalPane *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  g_autoptr(GtkStringList) phases = gtk_string_list_new (NULL);
  GtkWidget *clear;

  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 6);
  self->department_entry = filter_entry (self, grid, 0, _("_Department"));
  self->territory_entry = filter_entry (self, grid, 1, _("_Territory"));
  gtk_string_list_append (phases, _("Any phase"));
  for (int phase = 0; phase < TF_N_PHASES; phase++)
    gtk_string_list_append (phases, tf_phase_get_label (phase));
  self->phase_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (phases)), NULL));
  g_signal_connect_swapped (self->phase_dropdown, "notify::selected", G_CALLBACK (filters_changed), self);
  filter_row (grid, 2, _("_Phase"), GTK_WIDGET (self->phase_dropdown));
  self->year_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 2100, 1));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_spin), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Any year"), -1);
  g_signal_connect (self->year_spin, "output", G_CALLBACK (year_output), NULL);
  g_signal_connect (self->year_spin, "input", G_CALLBACK (year_input), NULL);
  gtk_text_set_placeholder_text (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->year_spin))),
                                 _("Any year"));
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (filters_changed), self);
  filter_row (grid, 3, _("_Year"), GTK_WIDGET (self->year_spin));
  self->tag_entry = filter_entry (self, grid, 4, _("T_ag"));
  clear = gtk_button_new_with_mnemonic (_("_Clear Filters"));
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (clear_filters), self);
  gtk_grid_attach (grid, clear, 0, 5, 2, 1);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (grid));
  return popover;
}

void
tf_regional_pane_connection_changed (TfRegionalPane *self)
{
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    tf_regional_pane_refresh (self);
  else
    self->searched = FALSE;
}

static void watch_settings (TfRegionalPane *self);

static void
tf_regional_pane_map (GtkWidget *widget)
{
  TfRegionalPane *self = TF_REGIONAL_PANE (widget);

  GTK_WIDGET_CLASS (tf_regional_pane_parent_class)->map (widget);
  watch_settings (self);
  /* The newest of the region the first time it shows. */
  if (!self->searched)
    tf_regional_pane_refresh (self);
}

/* Follows the preferences' connection, once the window has its
 * application (not yet while its template is built). */
static void
watch_settings (TfRegionalPane *self)
{
  GtkRoot *root;
  GtkApplication *app;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  if (self->settings == NULL && TF_IS_APPLICATION (app) && tf_application_get_settings (TF_APPLICATION (app)) != NULL)
    {
      self->settings = g_object_ref (tf_application_get_settings (TF_APPLICATION (app)));
      g_signal_connect_object (self->settings, "changed::" TF_REGIONAL_GUI_SETTING,
                               G_CALLBACK (tf_regional_pane_connection_changed), self, G_CONNECT_SWAPPED);
    }
}

static void
tf_regional_pane_dispose (GObject *object)
{
  TfRegionalPane *self = TF_REGIONAL_PANE (object);

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  if (self->busy_cancellable != NULL)
    g_cancellable_cancel (self->busy_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->busy_cancellable);
  g_clear_handle_id (&self->filter_source, g_source_remove);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_clear_pointer (&self->shown_search, search_free);
  g_clear_pointer (&self->searched_text, g_free);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->preview);

  G_OBJECT_CLASS (tf_regional_pane_parent_class)->dispose (object);
}

static void
tf_regional_pane_class_init (TfRegionalPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_regional_pane_dispose;
  widget_class->map = tf_regional_pane_map;
}

static void
tf_regional_pane_init (TfRegionalPane *self)
{
  GtkWidget *search, *bar, *page, *scrolled, *box, *loading, *spinner, *cancel, *retry, *banner;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  /* Not set up: what to do. */
  page = status_page ("network-server-symbolic", _("No Regional Archive Yet"),
                      _("Set up the regional archive in Preferences to search the experiments of every "
                        "department of the region, and to publish yours."));
  adw_status_page_set_child (ADW_STATUS_PAGE (page), pill (_("Open _Preferences"), "regional.preferences", TRUE));
  gtk_stack_add_named (self->stack, page, "setup");

  /* The search. */
  search = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _("Search the region"), NULL);
  gtk_search_entry_set_search_delay (self->search_entry, 300);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the region"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search_entry));
  self->filter_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->filter_button, "tf-filter-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button), _("Filters"));
  gtk_menu_button_set_popover (self->filter_button, make_filters (self));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->filter_button));
  gtk_box_append (GTK_BOX (search), bar);

  self->results = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->results), TRUE);
  loading = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_valign (loading, GTK_ALIGN_CENTER);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_box_append (GTK_BOX (loading), spinner);
  gtk_box_append (GTK_BOX (loading), gtk_label_new (_("Searching the region…")));
  cancel = pill (_("_Cancel"), NULL, FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_search), self);
  gtk_box_append (GTK_BOX (loading), cancel);
  gtk_stack_add_named (self->results, loading, "loading");

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Experiments of the region"), -1);
  scrolled = gtk_scrolled_window_new ();
  self->scrolled = GTK_SCROLLED_WINDOW (scrolled);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_box));
  gtk_stack_add_named (self->results, scrolled, "list");

  gtk_stack_add_named (self->results,
                       status_page ("fr.transfo.Transfo-symbolic", _("Nothing Published Yet"),
                                    _("No experiment of the region is open to your department yet. Publish one "
                                      "of yours from the main menu: Publish to the Region…")),
                       "empty");
  gtk_stack_add_named (self->results,
                       status_page ("edit-find-symbolic", _("No Results Found"),
                                    _("No experiment of the region matches. Try other words (in French or "
                                      "English), or clear the filters.")),
                       "no-results");
  page = status_page ("network-error-symbolic", "", "");
  self->error_page = ADW_STATUS_PAGE (page);
  retry = pill (_("_Retry"), NULL, TRUE);
  g_signal_connect_swapped (retry, "clicked", G_CALLBACK (tf_regional_pane_refresh), self);
  adw_status_page_set_child (self->error_page, retry);
  gtk_stack_add_named (self->results, page, "error");
  gtk_box_append (GTK_BOX (search), GTK_WIDGET (self->results));

  /* A preview or a fetch under way, with its cancel. */
  self->busy_banner = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->busy_banner, GTK_REVEALER_TRANSITION_TYPE_SLIDE_UP);
  banner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (banner, "tf-banner");
  self->busy_spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_box_append (GTK_BOX (banner), GTK_WIDGET (self->busy_spinner));
  self->busy_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->busy_label, TRUE);
  gtk_label_set_xalign (self->busy_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->busy_label), TRUE);
  gtk_box_append (GTK_BOX (banner), GTK_WIDGET (self->busy_label));
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_busy), self);
  gtk_box_append (GTK_BOX (banner), cancel);
  gtk_revealer_set_child (self->busy_banner, banner);
  gtk_box_append (GTK_BOX (search), GTK_WIDGET (self->busy_banner));
  gtk_stack_add_named (self->stack, search, "search");

  box = GTK_WIDGET (self->stack);
  adw_bin_set_child (ADW_BIN (self), box);
}

GtkWidget *
tf_regional_pane_new (void)
{
  return g_object_new (TF_TYPE_REGIONAL_PANE, NULL);
}

void
tf_regional_pane_focus (TfRegionalPane *self)
{
  g_return_if_fail (TF_IS_REGIONAL_PANE (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "search") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else
    gtk_widget_child_focus (GTK_WIDGET (self->stack), GTK_DIR_TAB_FORWARD);
}

GtkEditable *
tf_regional_pane_get_search_entry (TfRegionalPane *self)
{
  g_return_val_if_fail (TF_IS_REGIONAL_PANE (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

const char *
tf_regional_pane_get_state (TfRegionalPane *self)
{
  g_return_val_if_fail (TF_IS_REGIONAL_PANE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "setup") == 0)
    return "setup";
  return gtk_stack_get_visible_child_name (self->results);
}

GPtrArray *
tf_regional_pane_get_hits (TfRegionalPane *self)
{
  g_return_val_if_fail (TF_IS_REGIONAL_PANE (self), NULL);

  return self->hits;
}

gboolean
tf_regional_pane_get_busy (TfRegionalPane *self)
{
  g_return_val_if_fail (TF_IS_REGIONAL_PANE (self), FALSE);

  return self->busy_cancellable != NULL;
}

guint
tf_regional_pane_get_n_searches (TfRegionalPane *self,
                                 const char    **text)
{
  g_return_val_if_fail (TF_IS_REGIONAL_PANE (self), 0);

  if (text != NULL)
    *text = self->searched_text;
  return self->n_searches;
}

void
tf_regional_pane_show_more (TfRegionalPane *self)
{
  g_return_if_fail (TF_IS_REGIONAL_PANE (self));

  if (self->more_button != NULL)
    more_clicked (self);
}

gboolean
tf_regional_pane_get_more (TfRegionalPane *self,
                           guint          *n_pages,
                           guint          *n_withdrawn)
{
  g_return_val_if_fail (TF_IS_REGIONAL_PANE (self), FALSE);

  if (n_pages != NULL)
    *n_pages = self->n_more;
  if (n_withdrawn != NULL)
    *n_withdrawn = self->n_withdrawn;
  return self->more_row != NULL;
}

GtkWidget *
tf_regional_pane_get_withdraw_button (TfRegionalPane *self,
                                      guint           index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (TF_IS_REGIONAL_PANE (self), NULL);

  row = get_hit (self, index) != NULL ? gtk_list_box_get_row_at_index (self->list_box, (int) index) : NULL;
  return row != NULL ? g_object_get_data (G_OBJECT (row), "withdraw") : NULL;
}

GtkWidget *
tf_regional_pane_get_more_button (TfRegionalPane *self)
{
  g_return_val_if_fail (TF_IS_REGIONAL_PANE (self), NULL);

  return GTK_WIDGET (self->more_button);
}

GtkWindow *
tf_regional_pane_get_preview (TfRegionalPane *self)
{
  g_return_val_if_fail (TF_IS_REGIONAL_PANE (self), NULL);

  return self->preview;
}
