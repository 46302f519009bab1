/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-page"

#include <glib/gi18n.h>

#include "core/tf-board-type.h"
#include "core/tf-archive.h"
#include "tf-a11y.h"
#include "tf-board-page.h"
#include "tf-board-type-gui.h"
#include "tf-board-view-private.h"
#include "tf-export-dialog.h"
#include "tf-gui-wings.h"
#include "tf-widget-util.h"
#include "tf-history-buttons.h"
#include "gui/insights/tf-insight-transfer.h"

/* One board, full size: the canvas, a search bar that finds notes on it,
 * and the side panel of the selected insight. Alt+Left or the back button
 * goes back to its experiment (Escape never does: it clears). */
struct _TfBoardPage
{
  AdwBin            parent_instance;

  TfHistory        *history;
  gint64            board_id;
  const TfBoardTypeGui *type_gui;  /* NULL: a type with no GUI of its own */
  char             *type_id;    /* the board's kind id, as stored */
  GHashTable       *panels;        /* GType → its panel, made when first needed */
  GArray           *matches;       /* gint64 ids of the search's notes, in reading order */
  int               match_index;

  GtkWidget        *header_bar;
  AdwWindowTitle   *window_title;
  TfHistoryButtons *history_buttons;
  TfBoardView      *board_view;
  GtkWidget        *board_overlay;
  GtkWidget        *message;
  GtkLabel         *empty_title;
  GtkLabel         *empty_hint;
  GtkLabel         *zoom_label;
  GtkWidget        *zoom_fit_button;
  GtkSearchBar     *search_bar;
  GtkSearchEntry   *search_entry;
  GtkLabel         *match_label;
  GtkRevealer      *panel_revealer;
  GtkWidget        *panel_button;
  GtkWidget        *link_button;
  GtkWidget        *arrange_button;
  GMenu            *arrange_type_section;
};

G_DEFINE_FINAL_TYPE (TfBoardPage, tf_board_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_BOARD_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* The Arrange menu's first section: what the board type registered (a
 * wall's clusters, an actor map's pools), else the generic entries. */
static void
fill_arrange_menu (TfBoardPage          *self,
                   const TfBoardTypeGui *gui)
{
  static const TfBoardMenuEntry generic[] = {
    { N_("_Tidy"), "canvas.tidy", NULL },
    { N_("_Arrange All"), "canvas.arrange-all", NULL },
    { NULL, NULL, NULL },
  };
  const TfBoardMenuEntry *entries = gui != NULL && gui->arrange_entries != NULL
                                    ? gui->arrange_entries : generic;

  g_menu_remove_all (self->arrange_type_section);
  for (guint i = 0; entries[i].label != NULL; i++)
    tf_widget_menu_append (self->arrange_type_section, _(entries[i].label), entries[i].action,
                           entries[i].accel);
}

/* The second press of a double-click on the link tool's button locks the
 * tool instead of toggling it off again. The lock is the board type's
 * action "<prefix>.lock-link-tool". */
static void
link_button_pressed (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     TfBoardPage     *self)
{
  g_autofree char *action = NULL;

  if (n_press != 2 || self->type_gui == NULL || self->type_gui->action_prefix == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  action = g_strconcat (self->type_gui->action_prefix, ".lock-link-tool", NULL);
  gtk_widget_activate_action (self->link_button, action, NULL);
}

static const char *
tf_board_page_get_hint (TfBoardPage *self)
{
  const TfBoardType *type = tf_board_type_lookup (self->type_id);

  if (self->type_gui != NULL && self->type_gui->empty_hint != NULL)
    return self->type_gui->empty_hint ();
  if (type != NULL && type->empty_hint != NULL)
    return g_dgettext (GETTEXT_PACKAGE, type->empty_hint);
  return _("Its tools arrive in the next release.");
}

static char *
format_zoom (gpointer unused,
             double   zoom)
{
  /* Translators: a zoom level, such as “100 %”; keep the %% sign. */
  return g_strdup_printf (_("%.0f %%"), zoom * 100.0);
}

/* The hint shows on an empty board, until typing starts. */
static void
update_message (TfBoardPage *self)
{
  gboolean show = self->board_id != 0 && tf_board_view_get_empty (self->board_view) &&
                  !tf_board_view_get_editing (self->board_view);

  gtk_widget_set_visible (self->message, show);
}

static void
update_hint (TfBoardPage *self)
{
  gboolean editable = tf_board_view_get_editable (self->board_view);

  gtk_widget_set_visible (GTK_WIDGET (self->empty_title),
                          !editable || self->type_gui == NULL || !self->type_gui->typing_writes);
  gtk_label_set_label (self->empty_hint,
                       editable ? tf_board_page_get_hint (self)
                                : _("The archive is read-only: nothing can be added to it."));
}

/* The side panel of the board's type, made once per page. */
static void
show_panel (TfBoardPage *self,
            gboolean     type_changed)
{
  GType type = self->type_gui != NULL && self->type_gui->panel_type != NULL
               ? self->type_gui->panel_type () : G_TYPE_NONE;
  GtkWidget *panel = NULL;

  if (type != G_TYPE_NONE)
    {
      panel = g_hash_table_lookup (self->panels, GSIZE_TO_POINTER (type));
      if (panel == NULL)
        {
          panel = g_object_new (type, "view", self->board_view, NULL);
          g_hash_table_insert (self->panels, GSIZE_TO_POINTER (type), g_object_ref_sink (panel));
        }
    }
  if (gtk_revealer_get_child (self->panel_revealer) != panel)
    gtk_revealer_set_child (self->panel_revealer, panel);
  gtk_widget_set_visible (self->panel_button, panel != NULL);
  if (panel != NULL)
    gtk_widget_set_tooltip_text (self->panel_button, g_dgettext (GETTEXT_PACKAGE, self->type_gui->panel_tooltip));
  /* Open as the type likes when the type changes; then as the user left it
   * (the board is shown again after each of its edits). */
  if (panel == NULL)
    gtk_revealer_set_reveal_child (self->panel_revealer, FALSE);
  else if (type_changed)
    gtk_revealer_set_reveal_child (self->panel_revealer, self->type_gui->panel_open);
}

static void
tf_board_page_show_board (TfBoardPage *self,
                          TfBoard     *board)
{
  const TfBoardType *type;
  const TfBoardTypeGui *gui;
  gboolean type_changed;

  g_free (self->type_id);
  self->type_id = g_strdup (tf_board_get_kind_id (board));
  type = tf_board_type_lookup (self->type_id);
  gui = tf_board_type_gui_lookup (self->type_id);
  adw_window_title_set_title (self->window_title, tf_board_get_name (board));
  adw_window_title_set_subtitle (self->window_title,
                                 type != NULL ? tf_board_type_get_label (type) : self->type_id);
  tf_board_view_set_accessible_title (self->board_view, tf_board_get_name (board));

  /* The type's actions and tools on the editor, its panel beside it. */
  type_changed = gui != self->type_gui;
  if (type_changed)
    {
      GActionGroup *group;

      if (self->type_gui != NULL && self->type_gui->action_prefix != NULL)
        gtk_widget_insert_action_group (GTK_WIDGET (self), self->type_gui->action_prefix, NULL);
      self->type_gui = gui;
      tf_board_view_set_type_gui (self->board_view, gui);
      group = gui != NULL && gui->action_prefix != NULL
              ? tf_board_view_lookup_actions (self->board_view, gui->action_prefix) : NULL;
      if (group != NULL)
        gtk_widget_insert_action_group (GTK_WIDGET (self), gui->action_prefix, group);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.import",
                                 gui != NULL && gui->transfers_text &&
                                 tf_board_view_get_editable (self->board_view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.export", gui != NULL && gui->transfers_text);
  gtk_widget_set_visible (self->link_button, gui != NULL && gui->link_button);
  gtk_widget_set_visible (self->arrange_button, gui == NULL || !gui->fixed_layout);
  if (type_changed)
    fill_arrange_menu (self, gui);
  show_panel (self, type_changed);

  /* On a wall, one sentence says how to start; elsewhere, what will come. */
  gtk_label_set_label (self->empty_title, _("This board is empty"));
  update_hint (self);
  update_message (self);
}

/* Search. */

static void
show_match (TfBoardPage *self,
            gboolean     reveal)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gint64 current = 0;

  if (self->matches->len > 0)
    {
      g_autofree char *label = NULL;

      current = g_array_index (self->matches, gint64, self->match_index);
      /* Translators: the position of the match shown among all matches, “3 of 12”. */
      label = g_strdup_printf (_("%d of %u"), self->match_index + 1, self->matches->len);
      gtk_label_set_label (self->match_label, label);
    }
  else
    {
      gtk_label_set_label (self->match_label, text != NULL && *text != '\0' ? _("No matches") : "");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.next-match", self->matches->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.previous-match", self->matches->len > 0);
  tf_board_view_set_highlights (self->board_view, (const gint64 *) self->matches->data,
                                self->matches->len, current);
  if (reveal && current != 0)
    {
      tf_board_view_select (self->board_view, &current, 1);
      tf_board_view_reveal_item (self->board_view, current);
    }
}

static int
compare_reading_order (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  TfScene *scene = user_data;
  const TfItem *x = tf_scene_lookup (scene, *(const gint64 *) a);
  const TfItem *y = tf_scene_lookup (scene, *(const gint64 *) b);
  double rx = x->bounds.y + x->bounds.height / 2, ry = y->bounds.y + y->bounds.height / 2;

  /* Notes whose middles are within half a note of each other share a row. */
  if (rx < y->bounds.y || ry > x->bounds.y + x->bounds.height)
    return rx < ry ? -1 : 1;
  if (x->bounds.x != y->bounds.x)
    return x->bounds.x < y->bounds.x ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
search_changed (TfBoardPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  TfScene *scene = tf_board_view_get_scene (self->board_view);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  const TfBoardType *type;

  g_array_set_size (self->matches, 0);
  self->match_index = 0;

  if (text != NULL && *text != '\0' && scene != NULL && self->history != NULL)
    {
      if (!tf_archive_search_board (tf_history_get_store (self->history), self->board_id, text,
                                    found, &error))
        g_debug ("Cannot search the board: %s", error->message);
      /* What the board shows of its items besides their own text (a
       * mockup's photos by their file's name): the board type's to say. */
      type = tf_board_type_lookup (self->type_id);
      if (type != NULL && type->search_items != NULL)
        type->search_items (tf_history_get_store (self->history), scene, text, found);

      for (guint i = 0; i < found->len; i++)
        {
          TfItem *item = tf_scene_lookup (scene, g_array_index (found, gint64, i));
          gboolean seen = FALSE;

          for (guint j = 0; item != NULL && j < self->matches->len && !seen; j++)
            seen = g_array_index (self->matches, gint64, j) == item->id;
          /* Retired notes are off the wall: not found on it either. */
          if (item != NULL && !item->hidden && !seen)
            g_array_append_val (self->matches, item->id);
        }
      g_array_sort_with_data (self->matches, compare_reading_order, scene);
    }

  show_match (self, TRUE);
}

static void
step_match (TfBoardPage *self,
            int          delta)
{
  if (self->matches->len == 0)
    return;
  self->match_index = (self->match_index + delta + (int) self->matches->len) % (int) self->matches->len;
  show_match (self, TRUE);
}

static void
next_match (TfBoardPage *self)
{
  step_match (self, 1);
}

static void
previous_match (TfBoardPage *self)
{
  step_match (self, -1);
}

/* Enter steps forward; Shift+Enter, caught before the entry, steps back. */
static void
search_activated (TfBoardPage *self)
{
  step_match (self, 1);
}

static gboolean
search_key_pressed (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    TfBoardPage           *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_SHIFT_MASK))
    {
      step_match (self, -1);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
search_mode_changed (TfBoardPage *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;

  /* Closing the bar clears the highlights and gives the keys back to the board. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_array_set_size (self->matches, 0);
  show_match (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->board_view));
}

static void
tf_board_page_search (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TfBoardPage *self = TF_BOARD_PAGE (widget);

  tf_board_view_stop_editing (self->board_view);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
tf_board_page_next_match (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  step_match (TF_BOARD_PAGE (widget), 1);
}

static void
tf_board_page_previous_match (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  step_match (TF_BOARD_PAGE (widget), -1);
}

static void
tf_board_page_import (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TfBoardPage *self = TF_BOARD_PAGE (widget);

  tf_board_view_stop_editing (self->board_view);
  tf_insight_import_run (self->board_view);
}

static void
tf_board_page_export (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TfBoardPage *self = TF_BOARD_PAGE (widget);

  tf_board_view_stop_editing (self->board_view);
  tf_insight_export_run (self->board_view, adw_window_title_get_title (self->window_title));
}

/* Ctrl+P: print or export this board, or anything else of its experiment. */
static void
tf_board_page_print (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TfBoardPage *self = TF_BOARD_PAGE (widget);
  g_autoptr(TfBoard) board = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  TfExportDialog *dialog;

  if (self->history == NULL || self->board_id == 0)
    return;
  tf_board_view_stop_editing (self->board_view);
  board = tf_archive_get_board (tf_history_get_store (self->history), self->board_id, &error);
  if (board == NULL)
    {
      g_debug ("Cannot print board %" G_GINT64_FORMAT ": %s", self->board_id, error->message);
      return;
    }
  dialog = tf_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 tf_history_get_store (self->history),
                                 tf_board_get_experiment_id (board), self->board_id);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tf_board_page_toggle_panel (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  TfBoardPage *self = TF_BOARD_PAGE (widget);
  GtkRevealer *revealer = self->panel_revealer;

  gtk_revealer_set_reveal_child (revealer, !gtk_revealer_get_reveal_child (revealer));
}

/* The view's items changed: matches that left the board leave the search. */
static void
board_items_changed (TfBoardPage *self,
                     GArray      *ids)
{
  TfScene *scene = tf_board_view_get_scene (self->board_view);
  guint before = self->matches->len;

  for (guint i = self->matches->len; i > 0; i--)
    {
      TfItem *item = scene ? tf_scene_lookup (scene, g_array_index (self->matches, gint64, i - 1)) : NULL;

      if (item == NULL || item->hidden)
        g_array_remove_index (self->matches, i - 1);
    }
  if (self->matches->len != before)
    {
      self->match_index = MIN (self->match_index, MAX ((int) self->matches->len - 1, 0));
      show_match (self, FALSE);
    }
}

/* Tab past the side panel's last field goes to the page's header (its
 * first button), not round to the board: board → panel → header → …
 * Escape in the panel goes back to the board. */
static gboolean
panel_key_pressed (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   TfBoardPage           *self)
{
  GtkWidget *panel = gtk_revealer_get_child (self->panel_revealer);

  /* Escape in the panel gives the board the keyboard back (a second
   * Escape there deselects; none leaves the board). */
  if (keyval == GDK_KEY_Escape && (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->board_view)) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab) ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || panel == NULL)
    return GDK_EVENT_PROPAGATE;
  if (gtk_widget_child_focus (panel, GTK_DIR_TAB_FORWARD))
    return GDK_EVENT_STOP;
  return gtk_widget_child_focus (self->header_bar, GTK_DIR_TAB_FORWARD) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

/* Tab past the board's last item with the side panel folded: the board
 * is the end of the window's chain, the header is the way on (backwards
 * too), so the keyboard is never kept on the board. */
static gboolean
view_keynav_failed (GtkWidget        *view,
                    GtkDirectionType  direction,
                    TfBoardPage      *self)
{
  GtkWidget *panel = gtk_revealer_get_child (self->panel_revealer);

  if (direction != GTK_DIR_TAB_FORWARD && direction != GTK_DIR_TAB_BACKWARD)
    return FALSE;
  if (direction == GTK_DIR_TAB_FORWARD && panel != NULL && gtk_revealer_get_reveal_child (self->panel_revealer) &&
      gtk_widget_child_focus (panel, direction))
    return TRUE;
  return gtk_widget_child_focus (self->header_bar, direction);
}

/* F6 and Shift+F6 go from pane to pane, as in GNOME applications: the
 * board, the panes its kind lays over it (a tool rail), the side panel
 * when it shows, the header, and round to the board. */
static gboolean
page_key_pressed (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  TfBoardPage           *self)
{
  GtkWidget *panes[8];
  GtkWidget *panel = gtk_revealer_get_child (self->panel_revealer);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean backwards;
  int n = 0, at = 0;

  if (keyval != GDK_KEY_F6 ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  backwards = (state & GDK_SHIFT_MASK) != 0;
  panes[n++] = GTK_WIDGET (self->board_view);
  for (GtkWidget *w = gtk_widget_get_first_child (self->board_overlay);
       w != NULL && n < (int) G_N_ELEMENTS (panes) - 2; w = gtk_widget_get_next_sibling (w))
    if (tf_widget_is_pane (w))
      panes[n++] = w;
  if (panel != NULL && gtk_revealer_get_reveal_child (self->panel_revealer))
    panes[n++] = panel;
  panes[n++] = self->header_bar;
  for (int i = 0; i < n; i++)
    if (focus != NULL && (focus == panes[i] || gtk_widget_is_ancestor (focus, panes[i])))
      at = i;
  for (int step = 1; step <= n; step++)
    {
      GtkWidget *pane = panes[(at + (backwards ? n - step : step)) % n];

      if (pane == GTK_WIDGET (self->board_view) ? gtk_widget_grab_focus (pane) : tf_widget_enter_pane (pane))
        return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static gboolean
tf_board_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TF_BOARD_PAGE (widget)->board_view));
}

static void
tf_board_page_dispose (GObject *object)
{
  TfBoardPage *self = TF_BOARD_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TF_TYPE_BOARD_PAGE);
  g_clear_pointer (&self->panels, g_hash_table_unref);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (tf_board_page_parent_class)->dispose (object);
}

static void
tf_board_page_finalize (GObject *object)
{
  TfBoardPage *self = TF_BOARD_PAGE (object);

  g_clear_pointer (&self->matches, g_array_unref);

  g_free (self->type_id);
  G_OBJECT_CLASS (tf_board_page_parent_class)->finalize (object);
}

static void
tf_board_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TfBoardPage *self = TF_BOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_BOARD_ID:
      g_value_set_int64 (value, self->board_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_board_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TfBoardPage *self = TF_BOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      tf_board_page_set_history (self, g_value_get_object (value));
      break;

    case PROP_BOARD_ID:
      tf_board_page_set_board_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_board_page_class_init (TfBoardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_board_page_dispose;
  /* The board types' GUI, registered at startup; again here for the tests. */
  tf_gui_wings_init ();
  object_class->finalize = tf_board_page_finalize;
  object_class->get_property = tf_board_page_get_property;
  object_class->set_property = tf_board_page_set_property;

  widget_class->grab_focus = tf_board_page_grab_focus;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         TF_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BOARD_ID] =
    g_param_spec_int64 ("board-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TF_TYPE_BOARD_VIEW);
  g_type_ensure (TF_TYPE_HISTORY_BUTTONS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/transfo/Transfo/tf-board-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, history_buttons);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, board_view);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, board_overlay);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, message);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, empty_title);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, empty_hint);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, zoom_fit_button);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, match_label);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, panel_revealer);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, panel_button);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, link_button);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, arrange_button);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, arrange_type_section);
  gtk_widget_class_bind_template_callback (widget_class, format_zoom);
  gtk_widget_class_bind_template_callback (widget_class, update_message);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, search_activated);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, next_match);
  gtk_widget_class_bind_template_callback (widget_class, previous_match);

  /* Ctrl+F on a board finds notes on it; elsewhere it searches the archive. */
  gtk_widget_class_install_action (widget_class, "board.search", NULL, tf_board_page_search);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "board.search", NULL);

  gtk_widget_class_install_action (widget_class, "board.next-match", NULL,
                                   tf_board_page_next_match);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "board.next-match", NULL);

  gtk_widget_class_install_action (widget_class, "board.previous-match", NULL,
                                   tf_board_page_previous_match);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, GDK_SHIFT_MASK,
                                       "board.previous-match", NULL);

  /* Insights in and out of a wall as CSV files. */
  gtk_widget_class_install_action (widget_class, "board.import", NULL, tf_board_page_import);
  gtk_widget_class_install_action (widget_class, "board.export", NULL, tf_board_page_export);

  gtk_widget_class_install_action (widget_class, "board.print", NULL, tf_board_page_print);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "board.print", NULL);

  gtk_widget_class_install_action (widget_class, "board.toggle-panel", NULL,
                                   tf_board_page_toggle_panel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "board.toggle-panel", NULL);

  /* The window owns the action; these keys reach it from anywhere on the page. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.close-board", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK,
                                       "win.close-board", NULL);
}

static void
board_editable_changed (TfBoardPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.import",
                                 self->type_gui != NULL && self->type_gui->transfers_text &&
                                 tf_board_view_get_editable (self->board_view));
  update_hint (self);
  update_message (self);
}

static void
tf_board_page_init (TfBoardPage *self)
{
  GtkEventController *controller;

  self->matches = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->panels = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* What the zoom button does names it, not the zoom it shows. */
  tf_a11y_set_label (self->zoom_fit_button, _("Show the Whole Board"));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (panel_key_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->panel_revealer), keys);
    g_signal_connect (self->board_view, "keynav-failed", G_CALLBACK (view_keynav_failed), self);
  }

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (page_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* A double-click on the link tool's button locks the tool on. */
  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "pressed", G_CALLBACK (link_button_pressed), self);
  gtk_widget_add_controller (self->link_button, controller);

  /* The header bar's menus reach the canvas's actions. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "canvas",
                                  tf_board_view_get_actions (self->board_view));
  g_signal_connect_object (self->board_view, "items-changed",
                           G_CALLBACK (board_items_changed), self, G_CONNECT_SWAPPED);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (search_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.next-match", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.previous-match", FALSE);
  /* The window makes the view read-only for a read-only archive: no import. */
  g_signal_connect_object (self->board_view, "notify::editable",
                           G_CALLBACK (board_editable_changed), self, G_CONNECT_SWAPPED);
  update_message (self);
}

TfHistory *
tf_board_page_get_history (TfBoardPage *self)
{
  g_return_val_if_fail (TF_IS_BOARD_PAGE (self), NULL);

  return self->history;
}

gint64
tf_board_page_get_board_id (TfBoardPage *self)
{
  g_return_val_if_fail (TF_IS_BOARD_PAGE (self), 0);

  return self->board_id;
}

TfBoardView *
tf_board_page_get_view (TfBoardPage *self)
{
  g_return_val_if_fail (TF_IS_BOARD_PAGE (self), NULL);

  return self->board_view;
}

const char *
tf_board_page_get_shortcuts_section (TfBoardPage *self)
{
  g_return_val_if_fail (TF_IS_BOARD_PAGE (self), NULL);

  return self->type_gui != NULL ? self->type_gui->shortcuts_section : NULL;
}

void
tf_board_page_set_history (TfBoardPage *self,
                           TfHistory   *history)
{
  g_return_if_fail (TF_IS_BOARD_PAGE (self));
  g_return_if_fail (history == NULL || TF_IS_HISTORY (history));

  if (!g_set_object (&self->history, history))
    return;

  tf_history_buttons_set_history (self->history_buttons, history);
  tf_board_view_set_history (self->board_view, history);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

gboolean
tf_board_page_set_board_id (TfBoardPage *self,
                            gint64       board_id)
{
  g_autoptr(TfBoard) board = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TF_IS_BOARD_PAGE (self), FALSE);

  /* Reloads the name even for the same id; the canvas follows its items by
   * itself and keeps its scene. */
  if (board_id != 0 && self->history != NULL)
    {
      board = tf_archive_get_board (tf_history_get_store (self->history), board_id, &error);
      if (board == NULL)
        g_debug ("Board %" G_GINT64_FORMAT " is gone: %s", board_id, error->message);
    }

  if (board != NULL && !tf_board_view_set_board_id (self->board_view, board_id, &error))
    {
      g_debug ("Cannot show board %" G_GINT64_FORMAT ": %s", board_id, error->message);
      g_clear_object (&board);
    }

  if (board != NULL)
    tf_board_page_show_board (self, board);
  else
    board_id = 0;

  if (self->board_id != board_id)
    {
      self->board_id = board_id;
      if (board_id == 0)
        tf_board_view_set_board_id (self->board_view, 0, NULL);
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      update_message (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOARD_ID]);
    }

  return board != NULL;
}
