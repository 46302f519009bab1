/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-date-picker"

#include <glib/gi18n.h>

#include "core/tf-date.h"
#include "tf-date-picker.h"

#define ROW_KEY "tf-date-picker-row"
#define OPENED_KEY "tf-date-picker-opened-text"
#define LOADING_KEY "tf-date-picker-loading"

static AdwEntryRow *
row_of (GtkWidget *calendar)
{
  return g_object_get_data (G_OBJECT (calendar), ROW_KEY);
}

static void
on_popover_show (GtkPopover  *popover,
                 GtkCalendar *calendar)
{
  AdwEntryRow *row = row_of (GTK_WIDGET (calendar));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *iso = tf_date_parse_user (text, NULL, NULL);
  g_autoptr(GDateTime) day = NULL;
  GDate date;

  g_object_set_data_full (G_OBJECT (calendar), OPENED_KEY, g_strdup (text), g_free);
  /* The row's date, else today (not picked until the person picks it). */
  if (iso != NULL && iso[0] != '\0' && tf_date_parse_iso (iso, &date, NULL))
    day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), 12, 0, 0);
  else
    day = g_date_time_new_now_local ();
  g_object_set_data (G_OBJECT (calendar), LOADING_KEY, GINT_TO_POINTER (TRUE));
  gtk_calendar_select_day (calendar, day);
  g_object_set_data (G_OBJECT (calendar), LOADING_KEY, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (calendar));
}

/* A day chosen (a click, the arrow keys) is written in the row at once;
 * the row's own signals run when the popover closes. */
static void
on_day_selected (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *shown = NULL;

  if (g_object_get_data (G_OBJECT (calendar), LOADING_KEY) != NULL)
    return;
  day = gtk_calendar_get_date (calendar);
  iso = g_date_time_format (day, "%Y-%m-%d");
  shown = tf_date_format_user (iso, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row_of (GTK_WIDGET (calendar))), shown);
}

static void
on_popover_closed (GtkPopover  *popover,
                   GtkCalendar *calendar)
{
  AdwEntryRow *row = row_of (GTK_WIDGET (calendar));
  const char *opened = g_object_get_data (G_OBJECT (calendar), OPENED_KEY);

  if (g_strcmp0 (opened, gtk_editable_get_text (GTK_EDITABLE (row))) == 0)
    return;
  g_signal_emit_by_name (row, "apply");
  g_signal_emit_by_name (row, "entry-activated");
}

/* A click on a day (not on the arrows of the month or the year) picks it. */
static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkWidget       *calendar)
{
  GtkWidget *target = gtk_widget_pick (calendar, x, y, GTK_PICK_DEFAULT);

  for (; target != NULL && target != calendar; target = gtk_widget_get_parent (target))
    if (gtk_widget_has_css_class (target, "day-number"))
      {
        gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (calendar, GTK_TYPE_POPOVER)));
        return;
      }
}

/* GTK 4.8's calendar moves a focus box with the arrow keys, starting on
 * the 1st whatever day is picked, and picks nothing until Space: two days
 * marked, and Enter would close on the old one. Here the arrows move the
 * picked day itself (a day, a week; Page Up/Down a month, Home/End the
 * month's first and last day), so that what is marked is what Enter keeps;
 * the stray focus box is not drawn (style.css, .tf-date-calendar). */
static gboolean
move_day (GtkCalendar *calendar,
          guint        keyval)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) moved = NULL;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      moved = g_date_time_add_days (day, gtk_widget_get_direction (GTK_WIDGET (calendar)) == GTK_TEXT_DIR_RTL ? 1 : -1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      moved = g_date_time_add_days (day, gtk_widget_get_direction (GTK_WIDGET (calendar)) == GTK_TEXT_DIR_RTL ? -1 : 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      moved = g_date_time_add_days (day, -7);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      moved = g_date_time_add_days (day, 7);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      moved = g_date_time_add_months (day, -1);
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      moved = g_date_time_add_months (day, 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      moved = g_date_time_add_days (day, 1 - g_date_time_get_day_of_month (day));
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      {
        g_autoptr(GDateTime) next = g_date_time_add_months (day, 1);

        moved = g_date_time_add_days (next, -g_date_time_get_day_of_month (next));
      }
      break;
    default:
      return FALSE;
    }
  if (moved == NULL)
    return TRUE;  /* past year 9999 or before year 1 */
  gtk_calendar_select_day (calendar, moved);
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *keys,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkWidget             *calendar)
{
  GtkWidget *popover = gtk_widget_get_ancestor (calendar, GTK_TYPE_POPOVER);

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      gtk_popover_popdown (GTK_POPOVER (popover));
      return TRUE;
    case GDK_KEY_Escape:
      /* Escape takes back what the arrows wrote. */
      gtk_editable_set_text (GTK_EDITABLE (row_of (calendar)),
                             g_object_get_data (G_OBJECT (calendar), OPENED_KEY));
      gtk_popover_popdown (GTK_POPOVER (popover));
      return TRUE;
    default:
      if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
        return FALSE;
      return move_day (GTK_CALENDAR (calendar), keyval);
    }
}

void
tf_date_picker_attach (AdwEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  g_object_set_data (G_OBJECT (calendar), ROW_KEY, row);
  gtk_widget_add_css_class (calendar, "tf-date-calendar");
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Date"), -1);
  g_signal_connect (popover, "show", G_CALLBACK (on_popover_show), calendar);
  g_signal_connect (popover, "closed", G_CALLBACK (on_popover_closed), calendar);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_day_selected), NULL);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), calendar);
  gtk_widget_add_controller (calendar, GTK_EVENT_CONTROLLER (click));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), calendar);
  gtk_widget_add_controller (calendar, keys);
  adw_entry_row_add_suffix (row, button);
}
