/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-room-check-dialog"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "tf-room-check-dialog.h"

/* A row's card: its board and its id. */
typedef struct {
  guint  step_index;
  char  *step_title;
  gint64 board_id;
  gint64 item_id;
} RowCard;

static void
row_card_free (gpointer data)
{
  RowCard *card = data;

  g_free (card->step_title);
  g_free (card);
}

static RowCard *
row_card (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "tf-room-card") : NULL;
}

/* A heading over the first card of each step. */
static void
step_header (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  RowCard *card = row_card (row), *previous = row_card (before);
  g_autofree char *text = NULL;
  GtkWidget *label;

  (void) user_data;
  if (card == NULL || (previous != NULL && previous->step_index == card->step_index))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  /* TRANSLATORS: a heading of the room check's list: the step's number
   * in the agenda and its title */
  text = g_strdup_printf (_("Step %u — %s"), card->step_index + 1, card->step_title);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "tf-room-check-step");
  gtk_widget_set_margin_top (label, before != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_row_set_header (row, label);
}

/* A card chosen: the dialog closes, the card shows selected on its board. */
static void
row_activated (GtkWindow     *dialog,
               GtkListBoxRow *row)
{
  RowCard *card = row_card (row);
  GtkWindow *parent = gtk_window_get_transient_for (dialog);
  gint64 board_id, item_id;

  if (card == NULL || parent == NULL)
    return;
  board_id = card->board_id;
  item_id = card->item_id;
  g_object_ref (parent);
  gtk_window_destroy (dialog);
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-item", "(xx)", board_id, item_id);
  g_object_unref (parent);
}

static GtkWidget *
problem_row (const TfRoomProblem *problem)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *quoted = NULL, *title = NULL, *subtitle = NULL, *line = NULL;
  RowCard *card = g_new0 (RowCard, 1);

  /* TRANSLATORS: a card of the room check's list: its first words */
  quoted = g_strdup_printf (_("“%s”"), problem->words != NULL && *problem->words != '\0' ? problem->words : "…");
  title = g_markup_escape_text (quoted, -1);
  /* TRANSLATORS: how small a card's text is on the projected image and
   * what the room needs: millimetres on the screen, projector pixels */
  subtitle = g_strdup_printf (_("Text %.0f mm high (%.0f px): %.0f mm needed (%.0f px)"),
                              floor (problem->text_mm), floor (problem->text_px),
                              ceil (problem->needed_mm), ceil (problem->needed_px));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* The whole line for screen readers: the step is in the heading only. */
  line = tf_room_problem_describe (problem);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, line, -1);
  gtk_widget_set_tooltip_text (row, _("Show this card selected on its board"));
  card->step_index = problem->step_index;
  card->step_title = g_strdup (problem->step_title);
  card->board_id = problem->board_id;
  card->item_id = problem->item_id;
  g_object_set_data_full (G_OBJECT (row), "tf-room-card", card, row_card_free);
  return row;
}

static char *
summary_text (GArray *problems)
{
  g_autoptr(GHashTable) steps = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree char *cards = NULL, *where = NULL;

  for (guint i = 0; i < problems->len; i++)
    g_hash_table_add (steps, GUINT_TO_POINTER (g_array_index (problems, TfRoomProblem, i).step_index + 1));
  /* TRANSLATORS: the room check's summary, first sentence */
  cards = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u card would still be too small to read from the back of the room.",
                                        "%u cards would still be too small to read from the back of the room.",
                                        problems->len),
                           problems->len);
  /* TRANSLATORS: the room check's summary, second sentence */
  where = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "On %u step of the session; choose a card to see it on its board.",
                                        "On %u steps of the session; choose a card to see it on its board.",
                                        g_hash_table_size (steps)),
                           g_hash_table_size (steps));
  return g_strconcat (cards, " ", where, NULL);
}

GtkWindow *
tf_room_check_dialog_new (GtkWindow           *parent,
                          const TfSessionRoom *room,
                          GArray              *problems,
                          const char          *failure)
{
  GtkWidget *dialog = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkShortcutController *shortcuts;
  g_autofree char *depth = g_strdup_printf ("%g", room->depth_mm / 1000.0);
  g_autofree char *subtitle = NULL;
  GtkWidget *focus = NULL;

  gtk_window_set_title (GTK_WINDOW (dialog), _("Room Check"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 560);
  /* TRANSLATORS: the room check's subtitle: the room's depth in metres
   * ("8", "12.5") and the least text height it needs, in millimetres */
  subtitle = g_strdup_printf (_("A room %s m deep: text at least %.0f mm high"), depth, ceil (tf_room_needed_mm (room)));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Room Check"), subtitle));
  gtk_box_append (GTK_BOX (box), header);

  if (failure != NULL || problems == NULL || problems->len == 0)
    {
      GtkWidget *status = adw_status_page_new ();

      if (failure != NULL)
        {
          adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "dialog-warning-symbolic");
          adw_status_page_set_title (ADW_STATUS_PAGE (status), _("The room could not be checked"));
          adw_status_page_set_description (ADW_STATUS_PAGE (status), failure);
        }
      else
        {
          g_autofree char *ok = NULL;

          /* TRANSLATORS: the room check's empty state: the least text
           * height in millimetres, the room's depth in metres ("8", "12.5") */
          ok = g_strdup_printf (_("No step of the session shows text smaller than %.0f mm at %s m."),
                                ceil (tf_room_needed_mm (room)), depth);
          adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-ok-symbolic");
          adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Every card is legible from the back of the room"));
          adw_status_page_set_description (ADW_STATUS_PAGE (status), ok);
        }
      gtk_widget_set_vexpand (status, TRUE);
      gtk_box_append (GTK_BOX (box), status);
      g_object_set_data (G_OBJECT (dialog), "tf-room-check-status", status);
    }
  else
    {
      g_autofree char *summary = summary_text (problems);
      GtkWidget *label = gtk_label_new (summary);
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *clamp = adw_clamp_new ();

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 18);
      gtk_widget_set_margin_end (label, 18);
      gtk_box_append (GTK_BOX (box), label);
      g_object_set_data (G_OBJECT (dialog), "tf-room-check-summary", label);

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_list_box_set_header_func (GTK_LIST_BOX (list), step_header, NULL, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Cards too small"), -1);
      for (guint i = 0; i < problems->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (list), problem_row (&g_array_index (problems, TfRoomProblem, i)));
      g_signal_connect_swapped (list, "row-activated", G_CALLBACK (row_activated), dialog);
      gtk_widget_set_margin_top (list, 6);
      gtk_widget_set_margin_bottom (list, 18);
      gtk_widget_set_margin_start (list, 12);
      gtk_widget_set_margin_end (list, 12);
      gtk_widget_set_valign (list, GTK_ALIGN_START);
      adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
      adw_clamp_set_child (ADW_CLAMP (clamp), list);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
      gtk_widget_set_vexpand (scrolled, TRUE);
      gtk_box_append (GTK_BOX (box), scrolled);
      g_object_set_data (G_OBJECT (dialog), "tf-room-check-list", list);
      focus = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
    }
  adw_window_set_content (ADW_WINDOW (dialog), box);

  /* Escape closes, as any dialog. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (dialog, GTK_EVENT_CONTROLLER (shortcuts));
  /* The keyboard on the list's first card. */
  if (focus != NULL)
    gtk_window_set_focus (GTK_WINDOW (dialog), focus);
  return GTK_WINDOW (dialog);
}

GtkListBox *
tf_room_check_dialog_get_list (GtkWindow *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "tf-room-check-list");
}

GtkWidget *
tf_room_check_dialog_get_summary (GtkWindow *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "tf-room-check-summary");
}

GtkWidget *
tf_room_check_dialog_get_status (GtkWindow *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "tf-room-check-status");
}
