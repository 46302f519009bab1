/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-page"

#include <glib/gi18n.h>

#include "core/tf-archive.h"
#include "tf-board-page.h"
#include "tf-board-view.h"
#include "tf-history-buttons.h"

/* One board, full size. Escape or Alt+Left goes back to its experiment. */
struct _TfBoardPage
{
  AdwBin            parent_instance;

  TfHistory        *history;
  gint64            board_id;

  AdwWindowTitle   *window_title;
  TfHistoryButtons *history_buttons;
  TfBoardView      *board_view;
  GtkLabel         *empty_title;
  GtkLabel         *empty_hint;
  GtkLabel         *zoom_label;
};

G_DEFINE_FINAL_TYPE (TfBoardPage, tf_board_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HISTORY,
  PROP_BOARD_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
tf_board_page_get_hint (TfBoardKind kind)
{
  switch (kind)
    {
    case TF_BOARD_INSIGHT_WALL:
      return _("Insights, the short anonymous quotes of the interviews, will go up here "
               "on post-its. Its tools arrive in the next release.");
    case TF_BOARD_ACTOR_MAP:
      return _("Stamps of the families of actors, linked to show who works with whom, "
               "will go here. Its tools arrive in the next release.");
    case TF_BOARD_BLUEPRINT:
      return _("The user actions, frontstage, backstage and support processes of a service "
               "will be laid out here. Its tools arrive in the next release.");
    case TF_BOARD_MOCKUP:
      return _("A photo with simple overlays, to picture a service that does not exist yet, "
               "will go here. Its tools arrive in the next release.");
    case TF_N_BOARD_KINDS:
    default:
      return _("Its tools arrive in the next release.");
    }
}

static char *
format_zoom (gpointer unused,
             double   zoom)
{
  /* Translators: a zoom level, such as “100 %”; keep the %% sign. */
  return g_strdup_printf (_("%.0f %%"), zoom * 100.0);
}

static void
tf_board_page_show_board (TfBoardPage *self,
                          TfBoard     *board)
{
  TfBoardKind kind = tf_board_get_kind (board);
  guint n_items = tf_board_get_item_count (board);

  adw_window_title_set_title (self->window_title, tf_board_get_name (board));
  adw_window_title_set_subtitle (self->window_title, tf_board_kind_get_label (kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->board_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tf_board_get_name (board),
                                  -1);

  if (n_items == 0)
    {
      gtk_label_set_label (self->empty_title, _("This board is empty"));
      gtk_label_set_label (self->empty_hint, tf_board_page_get_hint (kind));
    }
  else
    {
      g_autofree char *title = NULL;

      title = g_strdup_printf (ngettext ("This board holds %u item", "This board holds %u items",
                                         n_items),
                               n_items);
      gtk_label_set_label (self->empty_title, title);
      gtk_label_set_label (self->empty_hint,
                           _("The canvas that shows and edits them arrives in the next release."));
    }
}

static void
tf_board_page_zoom_in (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TfBoardView *view = TF_BOARD_PAGE (widget)->board_view;

  tf_board_view_set_zoom (view, tf_board_view_get_zoom (view) * TF_BOARD_VIEW_ZOOM_STEP);
}

static void
tf_board_page_zoom_out (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TfBoardView *view = TF_BOARD_PAGE (widget)->board_view;

  tf_board_view_set_zoom (view, tf_board_view_get_zoom (view) / TF_BOARD_VIEW_ZOOM_STEP);
}

static void
tf_board_page_zoom_reset (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  tf_board_view_set_zoom (TF_BOARD_PAGE (widget)->board_view, 1.0);
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
  g_clear_object (&self->history);

  G_OBJECT_CLASS (tf_board_page_parent_class)->dispose (object);
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
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, history_buttons);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, board_view);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, empty_title);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, empty_hint);
  gtk_widget_class_bind_template_child (widget_class, TfBoardPage, zoom_label);
  gtk_widget_class_bind_template_callback (widget_class, format_zoom);

  gtk_widget_class_install_action (widget_class, "board.zoom-in", NULL, tf_board_page_zoom_in);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "board.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "board.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "board.zoom-in", NULL);

  gtk_widget_class_install_action (widget_class, "board.zoom-out", NULL, tf_board_page_zoom_out);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "board.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "board.zoom-out", NULL);

  gtk_widget_class_install_action (widget_class, "board.zoom-reset", NULL,
                                   tf_board_page_zoom_reset);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "board.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "board.zoom-reset", NULL);

  /* The window owns the action; these keys reach it from anywhere on the page. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-board", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.close-board", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK,
                                       "win.close-board", NULL);
}

static void
tf_board_page_init (TfBoardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

void
tf_board_page_set_history (TfBoardPage *self,
                           TfHistory   *history)
{
  g_return_if_fail (TF_IS_BOARD_PAGE (self));
  g_return_if_fail (history == NULL || TF_IS_HISTORY (history));

  if (!g_set_object (&self->history, history))
    return;

  tf_history_buttons_set_history (self->history_buttons, history);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

gboolean
tf_board_page_set_board_id (TfBoardPage *self,
                            gint64       board_id)
{
  g_autoptr(TfBoard) board = NULL;

  g_return_val_if_fail (TF_IS_BOARD_PAGE (self), FALSE);

  /* Reloads even for the same id: the name or the items may have changed. */
  if (board_id != 0 && self->history != NULL)
    {
      g_autoptr(GError) error = NULL;

      board = tf_archive_get_board (tf_history_get_store (self->history), board_id, &error);
      if (board == NULL)
        g_debug ("Board %" G_GINT64_FORMAT " is gone: %s", board_id, error->message);
    }

  if (board != NULL)
    tf_board_page_show_board (self, board);
  else
    board_id = 0;

  if (self->board_id != board_id)
    {
      self->board_id = board_id;
      tf_board_view_set_zoom (self->board_view, 1.0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOARD_ID]);
    }

  return board != NULL;
}
