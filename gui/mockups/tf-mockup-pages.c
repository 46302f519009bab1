/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "gui/tf-widget-util.h"
#include "mockups/tf-decode-pages.h"
#include "tf-mockup-pages.h"

/* A page drawn to fit this (a portrait A4 is 106 × 150). */
#define THUMB_WIDTH   120
#define THUMB_HEIGHT  150
/* Pages kept drawn; the others are asked for again when they come back. */
#define CACHE_PAGES   240

/* --- The pages as a list model: one small object a page, made when asked --- */

#define TF_TYPE_MK_PAGE (tf_mk_page_get_type ())
G_DECLARE_FINAL_TYPE (TfMkPage, tf_mk_page, TF, MK_PAGE, GObject)

struct _TfMkPage {
  GObject parent_instance;
  int     page;   /* from 0 */
};

G_DEFINE_FINAL_TYPE (TfMkPage, tf_mk_page, G_TYPE_OBJECT)

static void tf_mk_page_class_init (TfMkPageClass *klass) { }
static void tf_mk_page_init (TfMkPage *self) { }

#define TF_TYPE_MK_PAGE_LIST (tf_mk_page_list_get_type ())
G_DECLARE_FINAL_TYPE (TfMkPageList, tf_mk_page_list, TF, MK_PAGE_LIST, GObject)

struct _TfMkPageList {
  GObject    parent_instance;
  guint      n_pages;
  TfMkPage **pages;   /* made when first asked for */
};

static GType
page_list_get_item_type (GListModel *model)
{
  return TF_TYPE_MK_PAGE;
}

static guint
page_list_get_n_items (GListModel *model)
{
  return TF_MK_PAGE_LIST (model)->n_pages;
}

static gpointer
page_list_get_item (GListModel *model,
                    guint       position)
{
  TfMkPageList *self = TF_MK_PAGE_LIST (model);

  if (position >= self->n_pages)
    return NULL;
  if (self->pages[position] == NULL)
    {
      self->pages[position] = g_object_new (TF_TYPE_MK_PAGE, NULL);
      self->pages[position]->page = (int) position;
    }
  return g_object_ref (self->pages[position]);
}

static void
page_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = page_list_get_item_type;
  iface->get_n_items = page_list_get_n_items;
  iface->get_item = page_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TfMkPageList, tf_mk_page_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, page_list_model_init))

static void
tf_mk_page_list_finalize (GObject *object)
{
  TfMkPageList *self = TF_MK_PAGE_LIST (object);

  for (guint i = 0; i < self->n_pages; i++)
    g_clear_object (&self->pages[i]);
  g_free (self->pages);
  G_OBJECT_CLASS (tf_mk_page_list_parent_class)->finalize (object);
}

static void
tf_mk_page_list_class_init (TfMkPageListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tf_mk_page_list_finalize;
}

static void
tf_mk_page_list_init (TfMkPageList *self)
{
}

static GListModel *
page_list_new (guint n_pages)
{
  TfMkPageList *self = g_object_new (TF_TYPE_MK_PAGE_LIST, NULL);

  self->n_pages = n_pages;
  self->pages = g_new0 (TfMkPage *, n_pages);
  return G_LIST_MODEL (self);
}

/* --- The dialog --- */

typedef struct {
  GtkWidget          *window;
  GtkWidget          *grid;
  GtkWidget          *scrolled;
  guint               sight_id;  /* the pages in sight asked for, when idle */
  GtkSingleSelection *selection;
  GtkWidget          *spin;
  GtkWidget          *message;
  int                 n_pages;
  TfDecodePages      *pages;
  GHashTable         *shown;     /* page → GtkPicture of a bound cell */
  GHashTable         *cache;     /* page → GdkTexture */
  GQueue              order;     /* pages in the cache, latest drawn first */
  gboolean            syncing;   /* the spin and the selection follow each other */
  int                 initial;   /* the page selected on opening */
  guint               focus_id;  /* the keyboard put on it once shown */
  guint               focus_tries;
  TfMkPageChosen      chosen;
  gpointer            user_data;
} Ask;

static void
ask_free (gpointer data)
{
  Ask *ask = data;

  g_clear_handle_id (&ask->focus_id, g_source_remove);
  g_clear_handle_id (&ask->sight_id, g_source_remove);
  if (ask->chosen != NULL)
    ask->chosen (-1, ask->user_data);
  tf_decode_pages_close (ask->pages);
  g_signal_handlers_disconnect_by_data (ask->pages, ask);
  g_object_unref (ask->pages);
  g_hash_table_unref (ask->shown);
  g_hash_table_unref (ask->cache);
  g_queue_clear (&ask->order);
  g_free (ask);
}

static Ask *
ask_of (GtkWidget *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "tf-mockup-pages");
}

/* Answers once, then goes. */
static void
answer (Ask *ask,
        int  page)
{
  TfMkPageChosen chosen = ask->chosen;

  ask->chosen = NULL;
  if (chosen != NULL)
    chosen (page, ask->user_data);
  gtk_window_destroy (GTK_WINDOW (ask->window));
}

static void
use_clicked (GtkButton *button,
             Ask       *ask)
{
  guint selected = gtk_single_selection_get_selected (ask->selection);

  if (selected != GTK_INVALID_LIST_POSITION)
    answer (ask, (int) selected);
}

static void
cancel_clicked (GtkButton *button,
                Ask       *ask)
{
  answer (ask, -1);
}

static gboolean
close_requested (GtkWindow *window,
                 Ask       *ask)
{
  answer (ask, -1);
  return TRUE;
}

static gboolean
escape_pressed (GtkWidget *widget,
                GVariant  *args,
                gpointer   data)
{
  answer (data, -1);
  return TRUE;
}

/* Enter or a double click on a page. */
static void
grid_activated (GtkGridView *grid,
                guint        position,
                Ask         *ask)
{
  answer (ask, (int) position);
}

/* Selects @page, shows it and gives it the keyboard. */
static void
go_to (Ask *ask,
       int  page)
{
  page = CLAMP (page, 0, ask->n_pages - 1);
  gtk_single_selection_set_selected (ask->selection, (guint) page);
  /* Scrolls to it and moves the grid's focus onto it. */
  gtk_widget_activate_action (ask->grid, "list.scroll-to-item", "u", (guint) page);
}

static void
spin_changed (GtkSpinButton *spin,
              Ask           *ask)
{
  if (ask->syncing)
    return;
  ask->syncing = TRUE;
  go_to (ask, gtk_spin_button_get_value_as_int (spin) - 1);
  ask->syncing = FALSE;
}

/* Enter in "Go to page" chooses that page. */
static void
spin_activated (GtkWidget *text,
                Ask       *ask)
{
  gtk_spin_button_update (GTK_SPIN_BUTTON (ask->spin));
  answer (ask, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (ask->spin)) - 1);
}

static void
selection_changed (GtkSingleSelection *selection,
                   GParamSpec         *pspec,
                   Ask                *ask)
{
  guint selected = gtk_single_selection_get_selected (selection);

  if (ask->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  ask->syncing = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ask->spin), selected + 1);
  ask->syncing = FALSE;
}

/* The grid has no cell to focus before it is shown: the selected page
 * gets the keyboard once it has one. */
static gboolean
focus_initial (gpointer data)
{
  Ask *ask = data;
  int page = (int) gtk_single_selection_get_selected (ask->selection);
  GtkWidget *picture = g_hash_table_lookup (ask->shown, GINT_TO_POINTER (page));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (ask->window));

  if (focus != NULL && focus != ask->grid && gtk_widget_is_ancestor (focus, ask->grid))
    {
      ask->focus_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (picture == NULL && ++ask->focus_tries < 100)
    {
      /* Not bound yet: scrolled to, and tried again once it is. */
      go_to (ask, page);
      return G_SOURCE_CONTINUE;
    }
  ask->focus_id = 0;
  if (picture == NULL)
    {
      gtk_widget_grab_focus (ask->grid);
      return G_SOURCE_REMOVE;
    }
  /* The grid's cell that holds the page (the list item's widget): the
   * grid's own focus follows it, and the arrows go from there. */
  gtk_widget_grab_focus (gtk_widget_get_parent (gtk_widget_get_parent (picture)));
  return G_SOURCE_REMOVE;
}

static void
grid_mapped (GtkWidget *grid,
             Ask       *ask)
{
  if (ask->focus_id == 0)
    ask->focus_id = g_timeout_add (20, focus_initial, ask);
}

/* --- Pages drawn --- */

static void
cache_put (Ask        *ask,
           int         page,
           GdkTexture *texture)
{
  gpointer key = GINT_TO_POINTER (page);

  if (g_hash_table_contains (ask->cache, key))
    g_queue_remove (&ask->order, key);
  g_hash_table_insert (ask->cache, key, g_object_ref (texture));
  g_queue_push_head (&ask->order, key);
  while (g_queue_get_length (&ask->order) > CACHE_PAGES)
    g_hash_table_remove (ask->cache, g_queue_pop_tail (&ask->order));
}

static void
page_drawn (TfDecodePages   *pages,
            int              page,
            cairo_surface_t *surface,
            Ask             *ask)
{
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *picture;

  if (surface == NULL)
    return;   /* a page the helper refused stays blank */
  texture = tf_texture_new_for_surface (surface);
  cache_put (ask, page, texture);
  picture = g_hash_table_lookup (ask->shown, GINT_TO_POINTER (page));
  if (picture != NULL)
    gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
}

static void
pages_failed (TfDecodePages *pages,
              GError        *error,
              Ask           *ask)
{
  g_debug ("The pages cannot be drawn: %s", error->message);
  gtk_label_set_text (GTK_LABEL (ask->message),
                      _("The pages cannot be shown: the PDF reader stopped. You can still choose a page by its number."));
  gtk_widget_set_tooltip_text (ask->message, error->message);
  gtk_widget_set_visible (ask->message, TRUE);
}

/* The grid keeps many more cells than it shows (GTK 4.8: thirty rows):
 * only the pages whose cell is in sight are asked for, from the top (the
 * helper draws the latest asked first), and the others are forgotten. */
static int
compare_down (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

static gboolean
ask_pages_in_sight (gpointer data)
{
  Ask *ask = data;
  graphene_rect_t sight = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (ask->scrolled),
                                              gtk_widget_get_height (ask->scrolled));
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (int));
  GHashTableIter iter;
  gpointer key, value;

  ask->sight_id = 0;
  g_hash_table_iter_init (&iter, ask->shown);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int page = GPOINTER_TO_INT (key);
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (value, ask->scrolled, &bounds) &&
          graphene_rect_intersection (&bounds, &sight, NULL))
        {
          if (!g_hash_table_contains (ask->cache, key))
            g_array_append_val (wanted, page);
        }
      else
        tf_decode_pages_forget (ask->pages, page);
    }
  g_array_sort (wanted, compare_down);
  for (guint i = 0; i < wanted->len; i++)
    tf_decode_pages_want (ask->pages, g_array_index (wanted, int, i));
  return G_SOURCE_REMOVE;
}

static void
sight_changed (Ask *ask)
{
  if (ask->sight_id == 0)
    ask->sight_id = g_idle_add (ask_pages_in_sight, ask);
}

static void
scroll_moved (GtkAdjustment *adjustment,
          Ask           *ask)
{
  sight_changed (ask);
}

/* --- The grid's cells --- */

static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            Ask                      *ask)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_size_request (picture, THUMB_WIDTH, THUMB_HEIGHT);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_add_css_class (picture, "tf-page-thumb");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           Ask                      *ask)
{
  TfMkPage *page = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *picture = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  GdkTexture *texture = g_hash_table_lookup (ask->cache, GINT_TO_POINTER (page->page));
  g_autofree char *number = g_strdup_printf ("%d", page->page + 1);
  /* Translators: a page of a PDF in the grid of its pages. */
  g_autofree char *name = g_strdup_printf (_("Page %d of %d"), page->page + 1, ask->n_pages);

  gtk_label_set_text (GTK_LABEL (label), number);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (box, name);
  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  g_hash_table_insert (ask->shown, GINT_TO_POINTER (page->page), picture);
  if (texture == NULL)
    sight_changed (ask);
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             Ask                      *ask)
{
  TfMkPage *page = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  if (page == NULL)
    return;
  if (g_hash_table_lookup (ask->shown, GINT_TO_POINTER (page->page)) == gtk_widget_get_first_child (box))
    g_hash_table_remove (ask->shown, GINT_TO_POINTER (page->page));
  /* Out of sight: not drawn if not already on its way. */
  tf_decode_pages_forget (ask->pages, page->page);
}

static void
add_css (void)
{
  static gboolean done;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (done)
    return;
  done = TRUE;
  provider = gtk_css_provider_new ();
  /* A blank sheet until the page is drawn. */
  gtk_css_provider_load_from_data (provider,
                                   ".tf-page-thumb { background: white; border-radius: 2px;"
                                   " box-shadow: 0 0 0 1px alpha(black, 0.15), 0 1px 3px alpha(black, 0.2); }",
                                   -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

GtkWidget *
tf_mockup_pages_ask (GtkWindow      *parent,
                     GBytes         *pdf,
                     int             n_pages,
                     int             selected,
                     TfMkPageChosen  chosen,
                     gpointer        user_data)
{
  Ask *ask = g_new0 (Ask, 1);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *use = gtk_button_new_with_mnemonic (_("_Use This Page"));
  g_autofree char *text = g_strdup_printf (ngettext ("This PDF has %d page. Which one goes on the mockup?",
                                                     "This PDF has %d pages. Which one goes on the mockup?",
                                                     n_pages), n_pages);
  GtkWidget *intro = gtk_label_new (text);
  GtkWidget *scrolled = ask->scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *go_label = gtk_label_new_with_mnemonic (_("_Go to page"));
  GtkEventController *keys = gtk_shortcut_controller_new ();
  GtkAdjustment *adjustment;

  g_return_val_if_fail (pdf != NULL && n_pages >= 1, NULL);

  add_css ();
  ask->n_pages = n_pages;
  ask->chosen = chosen;
  ask->user_data = user_data;
  ask->shown = g_hash_table_new (NULL, NULL);
  ask->cache = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  g_queue_init (&ask->order);
  ask->pages = tf_decode_pages_new (pdf, THUMB_WIDTH, THUMB_HEIGHT);
  g_signal_connect (ask->pages, "page-drawn", G_CALLBACK (page_drawn), ask);
  g_signal_connect (ask->pages, "failed", G_CALLBACK (pages_failed), ask);

  ask->window = adw_window_new ();
  gtk_widget_set_name (ask->window, "tf-page-chooser");
  g_object_set_data_full (G_OBJECT (ask->window), "tf-mockup-pages", ask, ask_free);
  gtk_window_set_title (GTK_WINDOW (ask->window), _("Choose a Page"));
  gtk_window_set_modal (GTK_WINDOW (ask->window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (ask->window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (ask->window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (ask->window), 700, 560);
  g_signal_connect (ask->window, "close-request", G_CALLBACK (close_requested), ask);

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), use);
  gtk_widget_add_css_class (use, "suggested-action");
  g_signal_connect (cancel, "clicked", G_CALLBACK (cancel_clicked), ask);
  g_signal_connect (use, "clicked", G_CALLBACK (use_clicked), ask);
  gtk_box_append (GTK_BOX (content), header);

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_set_margin_top (intro, 12);
  gtk_widget_set_margin_bottom (intro, 6);
  gtk_widget_set_margin_start (intro, 18);
  gtk_widget_set_margin_end (intro, 18);
  gtk_box_append (GTK_BOX (content), intro);

  ask->selection = gtk_single_selection_new (page_list_new ((guint) n_pages));
  gtk_single_selection_set_autoselect (ask->selection, TRUE);
  gtk_single_selection_set_can_unselect (ask->selection, FALSE);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), ask);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), ask);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), ask);
  ask->grid = gtk_grid_view_new (GTK_SELECTION_MODEL (ask->selection), factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (ask->grid), 8);
  gtk_grid_view_set_min_columns (GTK_GRID_VIEW (ask->grid), 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->grid), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pages"), -1);
  g_signal_connect (ask->grid, "activate", G_CALLBACK (grid_activated), ask);
  g_signal_connect (ask->grid, "map", G_CALLBACK (grid_mapped), ask);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), ask->grid);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (scroll_moved), ask);
  g_signal_connect_swapped (adjustment, "notify::page-size", G_CALLBACK (sight_changed), ask);
  gtk_box_append (GTK_BOX (content), scrolled);

  ask->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (ask->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (ask->message), 0);
  gtk_widget_set_hexpand (ask->message, TRUE);
  gtk_widget_add_css_class (ask->message, "error");
  gtk_widget_set_visible (ask->message, FALSE);
  ask->spin = gtk_spin_button_new_with_range (1, n_pages, 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (go_label), ask->spin);
  gtk_widget_set_halign (go_label, GTK_ALIGN_END);
  gtk_widget_set_hexpand (go_label, TRUE);
  gtk_widget_set_margin_top (bottom, 8);
  gtk_widget_set_margin_bottom (bottom, 8);
  gtk_widget_set_margin_start (bottom, 18);
  gtk_widget_set_margin_end (bottom, 18);
  gtk_widget_set_margin_top (ask->message, 8);
  gtk_widget_set_margin_start (ask->message, 18);
  gtk_widget_set_margin_end (ask->message, 18);
  gtk_box_append (GTK_BOX (bottom), go_label);
  gtk_box_append (GTK_BOX (bottom), ask->spin);
  gtk_box_append (GTK_BOX (content), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (content), ask->message);
  gtk_box_append (GTK_BOX (content), bottom);
  g_signal_connect (ask->spin, "value-changed", G_CALLBACK (spin_changed), ask);
  g_signal_connect_after (gtk_editable_get_delegate (GTK_EDITABLE (ask->spin)), "activate",
                          G_CALLBACK (spin_activated), ask);
  g_signal_connect (ask->selection, "notify::selected", G_CALLBACK (selection_changed), ask);

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (keys), GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (escape_pressed, ask, NULL)));
  gtk_widget_add_controller (ask->window, keys);

  adw_window_set_content (ADW_WINDOW (ask->window), content);
  gtk_window_set_default_widget (GTK_WINDOW (ask->window), use);

  selected = CLAMP (selected, 0, n_pages - 1);
  ask->syncing = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ask->spin), selected + 1);
  ask->syncing = FALSE;
  go_to (ask, selected);
  gtk_window_present (GTK_WINDOW (ask->window));
  gtk_widget_grab_focus (ask->grid);
  return ask->window;
}

gboolean
tf_mockup_pages_is_dialog (GtkWidget *widget)
{
  return GTK_IS_WIDGET (widget) && ask_of (widget) != NULL;
}

guint
tf_mockup_pages_get_n_drawn (GtkWidget *dialog)
{
  Ask *ask = ask_of (dialog);

  return ask != NULL ? tf_decode_pages_get_n_drawn (ask->pages) : 0;
}

GPid
tf_mockup_pages_get_pid (GtkWidget *dialog)
{
  Ask *ask = ask_of (dialog);

  return ask != NULL ? tf_decode_pages_get_pid (ask->pages) : 0;
}

const char *
tf_mockup_pages_get_message (GtkWidget *dialog)
{
  Ask *ask = ask_of (dialog);

  /* On screen: mapped and laid out. */
  if (ask == NULL || !gtk_widget_get_mapped (ask->message) || gtk_widget_get_width (ask->message) == 0)
    return NULL;
  return gtk_label_get_text (GTK_LABEL (ask->message));
}
