/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tf-widget-util.h"

gboolean
tf_widget_focus_within (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* How long a toast's show animation may run (libadwaita 1.2: 500 ms when
 * it replaces one) and a margin for a busy machine's late frames. */
#define TOAST_SHOWING_US (900 * G_TIME_SPAN_MILLISECOND)
#define LAST_TOAST_KEY "tf-last-toast"

typedef struct {
  AdwToast *toast;     /* weak: cleared when it is dismissed or goes */
  gulong    handler;
  gint64    shown_at;  /* monotonic */
} LastToast;

static void
last_toast_forget (LastToast *last)
{
  if (last->toast != NULL)
    g_clear_signal_handler (&last->handler, last->toast);
  last->handler = 0;
  g_clear_weak_pointer (&last->toast);
}

static void
last_toast_free (gpointer data)
{
  LastToast *last = data;

  /* The overlay goes; the toast may outlive it (a test's reference). */
  last_toast_forget (last);
  g_free (last);
}

/* A toast gone (timed out, closed, replaced) is never dismissed again. */
static void
last_toast_dismissed (AdwToast  *toast,
                      LastToast *last)
{
  if (last->toast == toast)
    last_toast_forget (last);
}

AdwToast *
tf_widget_replaced_toast (AdwToastOverlay *overlay)
{
  LastToast *last;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);

  last = g_object_get_data (G_OBJECT (overlay), LAST_TOAST_KEY);
  return last != NULL ? last->toast : NULL;
}

AdwToast *
tf_widget_replace_toast (AdwToastOverlay *overlay,
                         const char      *title,
                         const char      *button_label,
                         const char      *action_name)
{
  LastToast *last;
  AdwToast *toast;
  gint64 now = g_get_monotonic_time ();

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  last = g_object_get_data (G_OBJECT (overlay), LAST_TOAST_KEY);
  if (last == NULL)
    {
      last = g_new0 (LastToast, 1);
      g_object_set_data_full (G_OBJECT (overlay), LAST_TOAST_KEY, last, last_toast_free);
    }

  /* Still sliding in: it takes the new words and stays. */
  if (last->toast != NULL && now - last->shown_at < TOAST_SHOWING_US)
    {
      adw_toast_set_title (last->toast, title);
      adw_toast_set_button_label (last->toast, button_label);
      adw_toast_set_action_name (last->toast, action_name);
      return last->toast;
    }

  if (last->toast != NULL)
    {
      AdwToast *before = last->toast;

      last_toast_forget (last);
      adw_toast_dismiss (before);
    }
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, action_name);
  /* Shown at once, before any toast waiting: it is the newest news, and
   * its show animation starts now. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_set_weak_pointer (&last->toast, toast);
  last->shown_at = now;
  last->handler = g_signal_connect (toast, "dismissed", G_CALLBACK (last_toast_dismissed), last);
  adw_toast_overlay_add_toast (overlay, toast);
  return toast;
}

static void
menu_popover_visible (GtkWidget  *popover,
                      GParamSpec *pspec,
                      GtkWidget  *button)
{
  /* No tooltip over the menu's first item while it is open; back once it
   * closes. Turning has-tooltip off also takes down the one shown. */
  gtk_widget_set_has_tooltip (button, !gtk_widget_get_visible (popover));
}

static void
menu_popover_changed (GtkMenuButton *button,
                      GParamSpec    *pspec,
                      gpointer       user_data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  if (popover != NULL &&
      g_signal_handler_find (popover, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, menu_popover_visible, NULL) == 0)
    g_signal_connect_object (popover, "notify::visible", G_CALLBACK (menu_popover_visible), button, 0);
}

void
tf_widget_quiet_tooltip_while_open (GtkMenuButton *button)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));

  g_signal_connect (button, "notify::popover", G_CALLBACK (menu_popover_changed), NULL);
  g_signal_connect (button, "notify::menu-model", G_CALLBACK (menu_popover_changed), NULL);
  menu_popover_changed (button, NULL, NULL);
}

void
tf_widget_make_osd_hint (GtkWidget *widget,
                         GtkAlign   valign)
{
  gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (widget, valign);
  if (valign == GTK_ALIGN_START)
    gtk_widget_set_margin_top (widget, 12);
  else
    gtk_widget_set_margin_bottom (widget, 24);
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_end (widget, 12);
  gtk_widget_add_css_class (widget, "osd");
  gtk_widget_add_css_class (widget, "toolbar");
  gtk_widget_set_can_target (widget, FALSE);
  gtk_widget_set_visible (widget, FALSE);
}

/* The spin button's own wheel controller on (@on) or off: off, the
 * wheel goes up to the scrolled window. */
static void
spin_wheel_set (GtkWidget *spin,
                gboolean   on)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (spin);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller) &&
          g_object_get_data (G_OBJECT (controller), "tf-focus-watch") == NULL)
        gtk_event_controller_set_propagation_phase (controller, on ? GTK_PHASE_BUBBLE : GTK_PHASE_NONE);
    }
}

static void
spin_focus_enter (GtkEventControllerFocus *focus,
                  gpointer                 data)
{
  spin_wheel_set (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)), TRUE);
}

static void
spin_focus_leave (GtkEventControllerFocus *focus,
                  gpointer                 data)
{
  spin_wheel_set (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)), FALSE);
}

void
tf_widget_spin_wheel_when_focused (GtkWidget *spin)
{
  GtkEventController *focus;

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  focus = gtk_event_controller_focus_new ();
  g_object_set_data (G_OBJECT (focus), "tf-focus-watch", GINT_TO_POINTER (1));
  g_signal_connect (focus, "enter", G_CALLBACK (spin_focus_enter), NULL);
  g_signal_connect (focus, "leave", G_CALLBACK (spin_focus_leave), NULL);
  gtk_widget_add_controller (spin, focus);
  spin_wheel_set (spin, gtk_widget_has_focus (spin) || tf_widget_focus_within (spin));
}

void
tf_widget_menu_append (GMenu      *menu,
                       const char *label,
                       const char *action,
                       const char *accel)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, action);

  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (menu, item);
}

#define PANE_KEY "tf-pane"

typedef struct {
  TfPaneEnter enter;
  gpointer    data;
} Pane;

void
tf_widget_set_pane (GtkWidget   *widget,
                    TfPaneEnter  enter,
                    gpointer     data)
{
  Pane *pane = g_new0 (Pane, 1);

  pane->enter = enter;
  pane->data = data;
  g_object_set_data_full (G_OBJECT (widget), PANE_KEY, pane, g_free);
}

gboolean
tf_widget_is_pane (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), PANE_KEY) != NULL;
}

gboolean
tf_widget_enter_pane (GtkWidget *widget)
{
  Pane *pane = g_object_get_data (G_OBJECT (widget), PANE_KEY);

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_sensitive (widget))
    return FALSE;
  if (pane != NULL && pane->enter != NULL)
    return pane->enter (widget, pane->data);
  return gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
}

GdkTexture *
tf_texture_new_for_surface (cairo_surface_t *surface)
{
  int width, height, stride;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (surface != NULL, NULL);
  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32, NULL);

  cairo_surface_flush (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* A copy: the texture outlives the surface (and the thread that made
   * it). GDK_MEMORY_DEFAULT is cairo's ARGB32 in memory order. */
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}
