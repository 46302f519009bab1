/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The session's agenda prepared in the experiment view with the keyboard
 * alone, keys sent through the X server (xdotool) as a keyboard sends
 * them: Ctrl+F5 puts the keyboard on the agenda, Insert opens the Add
 * Step menu whose arrows and Enter add the wall, one of its clusters and
 * a blueprint's stage; Alt+Up and Ctrl+Down move a step; the minutes
 * typed in a step's field and its notes are written; Delete removes a
 * step. Each is one undo step in the archive, which is read back, and
 * Ctrl+Z takes the last back. Then the time a session spent, overtime
 * marked, and a step dragged by its handle with the pointer. TRANSFO_TEST_SHOT (a folder) keeps screenshots there,
 * TRANSFO_TEST_SIZE (800x600) sizes the window; LANGUAGE=fr with
 * TRANSFO_LOCALEDIR shows it in French. */
#include "config.h"

#include <glib/gi18n.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <string.h>

#include "core/tf-store-private.h"
#include "room/tf-room-agenda.h"
#include "tf-widget-util.h"
#include "room/tf-room-check.h"
#include "room/tf-room-check-dialog.h"
#include "tf-board-page.h"
#include "tf-board-view.h"
#include "room/tf-session.h"
#include "tf-gui-test-util.h"
#include "tf-gui-wings.h"
#include "tf-test-util.h"

typedef struct {
  TfWindow      *window;
  TfRoomAgenda  *agenda;
  char          *path;
  gint64         experiment;
} Fixture;

/* Types @text where the keyboard is. */
static void
type_text (GtkWindow  *window,
           const char *text)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  const char *argv[] = { "timeout", "30", "xdotool", "windowfocus", "--sync", xid,
                         "type", "--clearmodifiers", "--delay", "20", text, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  tf_gui_test_settle (20);
}

static GtkWidget *
focus_of (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static GtkWidget *
popover_of (Fixture *f)
{
  return GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (tf_room_agenda_get_add_button (f->agenda))));
}

static gboolean
menu_open (gpointer data)
{
  Fixture *f = data;
  GtkWidget *popover = popover_of (f);

  return popover != NULL && gtk_widget_get_mapped (popover);
}

static gboolean
menu_closed (gpointer data)
{
  return !menu_open (data);
}

/* The label of the focused widget (a menu item), or "". */
static const char *
focused_text (GtkWidget *focus)
{
  GtkWidget *label;

  if (focus == NULL)
    return "";
  if (GTK_IS_LABEL (focus))
    return gtk_label_get_text (GTK_LABEL (focus));
  label = tf_gui_test_find_widget (focus, GTK_TYPE_LABEL);
  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

/* The focus in the open menu, after the key. */
static const char *
menu_focus (Fixture *f)
{
  /* The popover is in the window's tree: the window's focus is in it. */
  return focused_text (focus_of (f));
}

typedef struct {
  Fixture   *f;
  GtkWidget *before;
} FocusWait;

static gboolean
focus_moved (gpointer data)
{
  FocusWait *wait = data;

  return focus_of (wait->f) != wait->before;
}

/* Down in the open menu until the focused item reads @text (at most
 * 40), then @then (Return, or Right for a submenu). */
static void
choose (Fixture    *f,
        const char *text,
        const char *then)
{
  for (guint i = 0; i < 40; i++)
    {
      FocusWait wait = { f, focus_of (f) };

      g_test_message ("menu: on “%s”, looking for “%s”", menu_focus (f), text);
      if (g_str_has_prefix (menu_focus (f), text))
        {
          tf_gui_test_send_key (GTK_WINDOW (f->window), then);
          return;
        }
      tf_gui_test_send_key (GTK_WINDOW (f->window), "Down");
      /* One item further before looking again. */
      tf_gui_test_wait_until (focus_moved, &wait, "the next item of the menu");
    }
  g_error ("No menu item “%s” (the focus is on “%s”)", text, menu_focus (f));
}

typedef struct {
  Fixture *f;
  guint    n;
} CountWait;

static gboolean
has_steps (gpointer data)
{
  CountWait *wait = data;

  return tf_room_agenda_get_n_steps (wait->f->agenda) == wait->n;
}

static void
wait_steps (Fixture *f,
            guint    n)
{
  CountWait wait = { f, n };

  tf_gui_test_wait_until (has_steps, &wait, "the agenda's steps");
}

/* The stored agenda: its steps' titles and kinds, "|"-separated. */
static GArray *
stored (Fixture *f)
{
  TfStore *store = tf_history_get_store (tf_window_get_history (f->window));
  GArray *steps = tf_session_step_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 session_id;

  g_assert_true (tf_session_load (store, f->experiment, &session_id, steps, &error));
  g_assert_no_error (error);
  return steps;
}

static char *
stored_titles (Fixture *f)
{
  g_autoptr(GArray) steps = stored (f);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < steps->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", g_array_index (steps, TfSessionStep, i).title);
  return g_string_free (out, FALSE);
}

/* Waits until the stored titles start (or end) with @text. */
typedef struct {
  Fixture    *f;
  const char *text;
  gboolean    suffix;
  guint       index;
  gint64      planned;
  GtkWidget  *entry;
} Wait;

static gboolean
titles_match (gpointer data)
{
  Wait *wait = data;
  g_autofree char *titles = stored_titles (wait->f);

  return wait->suffix ? g_str_has_suffix (titles, wait->text) : g_str_has_prefix (titles, wait->text);
}

static void
wait_titles (Fixture    *f,
             const char *text,
             gboolean    suffix)
{
  Wait wait = { f, text, suffix, 0, 0, NULL };

  tf_gui_test_wait_until (titles_match, &wait, text);
}

static gboolean
planned_is (gpointer data)
{
  Wait *wait = data;
  g_autoptr(GArray) steps = stored (wait->f);

  return wait->index < steps->len && g_array_index (steps, TfSessionStep, wait->index).planned_seconds == wait->planned;
}

static gboolean
notes_are (gpointer data)
{
  Wait *wait = data;
  g_autoptr(GArray) steps = stored (wait->f);

  return wait->index < steps->len && g_strcmp0 (g_array_index (steps, TfSessionStep, wait->index).notes, wait->text) == 0;
}

static gboolean
entry_is (gpointer data)
{
  Wait *wait = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (wait->entry)), wait->text) == 0;
}

static gboolean
row_focused (gpointer data)
{
  Wait *wait = data;

  return gtk_root_get_focus (GTK_ROOT (wait->f->window)) == tf_room_agenda_get_row (wait->f->agenda, wait->index);
}

static void
shoot (Fixture    *f,
       const char *name)
{
  const char *dir = g_getenv ("TRANSFO_TEST_SHOT");
  const char *lang = g_getenv ("LANGUAGE") != NULL && g_str_has_prefix (g_getenv ("LANGUAGE"), "fr") ? "fr" : "en";
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  file = g_strdup_printf ("agenda-%s-%s.png", name, lang);
  path = g_build_filename (dir, file, NULL);
  tf_gui_test_shoot_screen (GTK_WIDGET (f->window), path);
}

static gboolean
in_minutes (gpointer data)
{
  GtkWidget *widget = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
default_focused (gpointer data)
{
  Fixture *f = data;
  GtkWidget *focus = focus_of (f);
  GtkWidget *button = tf_room_agenda_get_default_button (f->agenda);

  return focus != NULL && gtk_widget_get_mapped (button) && (focus == button || gtk_widget_is_ancestor (focus, button));
}

static gboolean
selected_is (gpointer data)
{
  Fixture *f = data;
  GtkWidget *focus = focus_of (f);

  return focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) != NULL;
}

/* Moves the pointer to @x, @y of the window's X window, then presses or
 * releases its first button (@command "mousedown", "mouseup"; NULL: a
 * move only). */
static void
xdotool (Fixture     *f,
         const char  *command,
         double       x,
         double       y)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  g_autofree char *sx = g_strdup_printf ("%d", (int) x);
  g_autofree char *sy = g_strdup_printf ("%d", (int) y);
  const char *move[] = { "timeout", "30", "xdotool", "mousemove", "--sync", "--window", xid, sx, sy, NULL };
  const char *button[] = { "timeout", "30", "xdotool", command, "1", NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) move, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, NULL));
  if (command != NULL)
    g_assert_true (g_spawn_sync (NULL, (char **) button, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, NULL));
  tf_gui_test_settle (20);
}

/* Where a widget's centre is on the window's X window. */
static void
centre_of (Fixture   *f,
           GtkWidget *widget,
           double    *x,
           double    *y)
{
  graphene_point_t p;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (f->window),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0), &p));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &dx, &dy);
  *x = p.x + dx;
  *y = p.y + dy;
}

/* Drags row @from by its handle (its first widget) onto row @to with the
 * pointer, in small moves, as a hand does. */
static void
drag_row (Fixture *f,
          guint    from,
          guint    to)
{
  GtkWidget *row = tf_room_agenda_get_row (f->agenda, from);
  GtkWidget *handle = gtk_widget_get_first_child (gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))));
  double x0, y0, x1, y1;

  g_assert_true (GTK_IS_IMAGE (handle));
  /* The agenda in view, as a hand scrolls to it. */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (f->agenda), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    double top;

    centre_of (f, tf_room_agenda_get_row (f->agenda, 0), &x1, &top);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top - 150);
    gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
    tf_gui_test_settle (50);
  }
  centre_of (f, handle, &x0, &y0);
  centre_of (f, tf_room_agenda_get_row (f->agenda, to), &x1, &y1);
  g_test_message ("drag from %.0f,%.0f to %.0f,%.0f", x0, y0, x1, y1);
  xdotool (f, "mousedown", x0, y0);
  for (guint i = 1; i <= 10; i++)
    xdotool (f, NULL, x0 + (x1 - x0) * i / 10.0, y0 + (y1 - y0) * i / 10.0);
  shoot (f, "drag");
  xdotool (f, "mouseup", x1, y1);
}

static void
test_keyboard (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  TfApplication *app = NULL;
  g_autoptr(GArray) steps = NULL;
  g_autofree char *titles = NULL;
  g_autofree char *moved = NULL;
  GtkWidget *minutes, *notes, *spent;
  gint64 spent_id;

  f->path = tf_gui_test_archive_path ();
  f->window = tf_gui_test_start (f->path, &app);
  tf_gui_test_apply_size (f->window);
  g_assert_cmpint (tf_gui_test_find_demo_board (f->path, "insight-wall", &f->experiment), >, 0);
  g_assert_true (tf_window_show_experiment (f->window, f->experiment));
  tf_gui_test_settle (100);
  f->agenda = TF_ROOM_AGENDA (tf_gui_test_find_widget (GTK_WIDGET (f->window), TF_TYPE_ROOM_AGENDA));
  g_assert_nonnull (f->agenda);

  /* No session yet: the empty state says what to do. */
  g_assert_cmpuint (tf_room_agenda_get_n_steps (f->agenda), ==, 0);
  g_assert_nonnull (tf_gui_test_find_label (GTK_WIDGET (f->agenda),
                                           _("No agenda yet. Add the views the room will see, in order, with Add Step, "
                                             "or start from every board, then each of its parts. F5 runs the session.")));

  /* The pointer out of the way: a menu item under it takes the focus
   * back from the arrow keys whenever the window is focused again. */
  {
    const char *argv[] = { "timeout", "30", "xdotool", "mousemove", "--sync", "1279", "1023", NULL };
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &status, NULL));
  }

  /* Ctrl+F5: the keyboard on the empty agenda's Use the Default Agenda
   * (Insert still opens the Add Step menu from there). */
  tf_gui_test_send_key (GTK_WINDOW (f->window), "ctrl+F5");
  tf_gui_test_wait_until (default_focused, f, "the keyboard on Use the Default Agenda");
  shoot (f, "empty");

  /* Insert: the menu; the wall, its whole board. */
  tf_gui_test_send_key (GTK_WINDOW (f->window), "Insert");
  tf_gui_test_wait_until (menu_open, f, "the Add Step menu");
  shoot (f, "menu");
  choose (f, "Insights", "Right");
  choose (f, _("Whole Board"), "Return");
  wait_steps (f, 1);
  tf_gui_test_wait_until (menu_closed, f, "the menu closed");
  /* The new step has the keyboard. */
  tf_gui_test_wait_until (selected_is, f, "the keyboard on the new step");

  /* Then a cluster of the wall, then the blueprint's first stage. */
  tf_gui_test_send_key (GTK_WINDOW (f->window), "Insert");
  tf_gui_test_wait_until (menu_open, f, "the Add Step menu");
  choose (f, "Insights", "Right");
  choose (f, "Suite-projet", "Return");
  wait_steps (f, 2);
  tf_gui_test_send_key (GTK_WINDOW (f->window), "Insert");
  tf_gui_test_wait_until (menu_open, f, "the Add Step menu");
  choose (f, "Kit du mandat régional", "Right");
  choose (f, "Avant", "Return");
  wait_steps (f, 3);
  titles = stored_titles (f);
  g_assert_true (g_str_has_suffix (titles, "|Suite-projet|Avant l’installation"));
  steps = stored (f);
  g_assert_cmpint (g_array_index (steps, TfSessionStep, 0).kind, ==, TF_SESSION_STEP_BOARD);
  g_assert_cmpint (g_array_index (steps, TfSessionStep, 1).kind, ==, TF_SESSION_STEP_AREA);
  g_assert_cmpint (g_array_index (steps, TfSessionStep, 2).kind, ==, TF_SESSION_STEP_STAGE);
  g_clear_pointer (&steps, g_array_unref);

  /* Alt+Up twice: the stage first; Ctrl+Down: second. */
  tf_gui_test_wait_until (selected_is, f, "the keyboard on the new step");
  tf_gui_test_send_key (GTK_WINDOW (f->window), "alt+Up");
  wait_titles (f, "|Avant l’installation|Suite-projet", TRUE);
  tf_gui_test_send_key (GTK_WINDOW (f->window), "alt+Up");
  wait_titles (f, "Avant l’installation|", FALSE);
  g_assert_cmpint (tf_room_agenda_get_step_id (f->agenda, 0), ==, g_array_index (stored (f), TfSessionStep, 0).id);
  tf_gui_test_send_key (GTK_WINDOW (f->window), "ctrl+Down");
  wait_titles (f, "|Avant l’installation|Suite-projet", TRUE);
  {
    Wait wait = { f, NULL, FALSE, 1, 0, NULL };

    tf_gui_test_wait_until (row_focused, &wait, "the keyboard on the moved step");
  }

  /* Tab to its minutes, 12 typed, Tab: planned. Then its notes. */
  tf_gui_test_send_key (GTK_WINDOW (f->window), "Tab");
  minutes = tf_room_agenda_get_minutes (f->agenda, 1);
  tf_gui_test_wait_until (in_minutes, minutes, "the keyboard in the minutes");
  tf_gui_test_send_key (GTK_WINDOW (f->window), "ctrl+a");
  type_text (GTK_WINDOW (f->window), "12");
  {
    Wait wait = { f, "12", FALSE, 1, 0, minutes };

    tf_gui_test_wait_until (entry_is, &wait, "12 typed");
  }
  tf_gui_test_send_key (GTK_WINDOW (f->window), "Tab");
  {
    Wait wait = { f, NULL, FALSE, 1, 12 * 60, NULL };

    tf_gui_test_wait_until (planned_is, &wait, "12 minutes planned");
  }
  /* Past the remove button, the notes. */
  tf_gui_test_send_key (GTK_WINDOW (f->window), "Tab");
  notes = tf_room_agenda_get_notes (f->agenda, 1);
  tf_gui_test_wait_until (in_minutes, notes, "the keyboard in the notes");
  type_text (GTK_WINDOW (f->window), "Montrer le parcours");
  {
    Wait wait = { f, "Montrer le parcours", FALSE, 1, 0, notes };

    tf_gui_test_wait_until (entry_is, &wait, "the notes typed");
    tf_gui_test_send_key (GTK_WINDOW (f->window), "Return");
    tf_gui_test_wait_until (notes_are, &wait, "the notes written");
  }
  shoot (f, "three-steps");

  /* Ctrl+F5 again: the keyboard on the selected step; Delete removes it. */
  tf_gui_test_send_key (GTK_WINDOW (f->window), "ctrl+F5");
  {
    Wait wait = { f, NULL, FALSE, 1, 0, NULL };

    tf_gui_test_wait_until (row_focused, &wait, "the keyboard on the selected step");
  }
  tf_gui_test_send_key (GTK_WINDOW (f->window), "Delete");
  wait_steps (f, 2);
  g_free (moved);
  moved = stored_titles (f);
  g_assert_true (g_str_has_suffix (moved, "|Suite-projet"));
  g_assert_null (strstr (moved, "Avant"));
  /* A toast says which, with its Undo. */
  {
    GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (f->agenda), ADW_TYPE_TOAST_OVERLAY);
    AdwToast *toast = overlay != NULL ? tf_widget_replaced_toast (ADW_TOAST_OVERLAY (overlay)) : NULL;

    g_assert_nonnull (toast);
    g_assert_nonnull (strstr (adw_toast_get_title (toast), "Avant l’installation"));
    g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.undo");
    g_assert_nonnull (adw_toast_get_button_label (toast));
  }

  /* Ctrl+Z: it is back, with its minutes and notes. */
  tf_gui_test_send_key (GTK_WINDOW (f->window), "ctrl+z");
  wait_steps (f, 3);
  steps = stored (f);
  g_assert_cmpstr (g_array_index (steps, TfSessionStep, 1).title, ==, "Avant l’installation");
  g_assert_cmpint (g_array_index (steps, TfSessionStep, 1).planned_seconds, ==, 12 * 60);
  g_assert_cmpstr (g_array_index (steps, TfSessionStep, 1).notes, ==, "Montrer le parcours");
  spent_id = g_array_index (steps, TfSessionStep, 1).id;
  g_clear_pointer (&steps, g_array_unref);

  /* A session spent 15 minutes on it: shown, over the plan. */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(TfCommand) record = NULL;
    g_autoptr(GError) error = NULL;
    gint64 s = 15 * 60;

    g_array_append_val (ids, spent_id);
    g_array_append_val (seconds, s);
    record = tf_session_command_record_spent (ids, seconds);
    g_assert_true (tf_history_execute (tf_window_get_history (f->window), record, &error));
    g_assert_no_error (error);
  }
  tf_gui_test_settle (50);
  spent = tf_gui_test_find_label (tf_room_agenda_get_row (f->agenda, 1), "15:00 / 12:00");
  g_assert_nonnull (spent);
  g_assert_true (gtk_widget_get_visible (spent));
  g_assert_true (gtk_widget_has_css_class (spent, "error"));
  shoot (f, "spent");

  /* Dragged by its handle onto the first step, the last takes its place. */
  drag_row (f, 2, 0);
  wait_titles (f, "Suite-projet|", FALSE);

  tf_gui_test_stop (f->window, &app, &f->path, 100);
}

static TfSessionRoom
stored_room (Fixture *f)
{
  TfStore *store = tf_history_get_store (tf_window_get_history (f->window));
  g_autoptr(GError) error = NULL;
  TfSessionRoom room;

  g_assert_true (tf_session_rows_room (store, f->experiment, &room, &error));
  g_assert_no_error (error);
  return room;
}

typedef struct {
  Fixture *f;
  int      depth_mm;
  int      screen_mm;
} RoomWait;

static gboolean
room_is (gpointer data)
{
  RoomWait *wait = data;
  TfSessionRoom room = stored_room (wait->f);

  return room.depth_mm == wait->depth_mm && room.screen_mm == wait->screen_mm;
}

/* The room check's dialog is open, mapped, the keyboard on its first
 * card (or on the window, in the empty state). */
static gboolean
check_open (gpointer data)
{
  Fixture *f = data;
  GtkWindow *dialog = tf_room_agenda_get_check_dialog (f->agenda);
  GtkListBox *list;
  GtkWidget *focus;

  if (dialog == NULL || !gtk_widget_get_mapped (GTK_WIDGET (dialog)))
    return FALSE;
  list = tf_room_check_dialog_get_list (dialog);
  if (list == NULL)
    return TRUE;
  focus = gtk_window_get_focus (dialog);
  return focus != NULL && focus == GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0));
}

static gboolean
check_closed (gpointer data)
{
  Fixture *f = data;

  return tf_room_agenda_get_check_dialog (f->agenda) == NULL;
}

typedef struct {
  Fixture *f;
  gint64   board_id;
  gint64   item_id;
} CardWait;

/* The card's board is open in the window, the card alone selected. */
static gboolean
card_selected (gpointer data)
{
  CardWait *wait = data;
  TfBoardPage *page = TF_BOARD_PAGE (tf_gui_test_find_widget (GTK_WIDGET (wait->f->window), TF_TYPE_BOARD_PAGE));
  g_autoptr(GArray) selection = NULL;

  if (page == NULL || tf_board_page_get_board_id (page) != wait->board_id)
    return FALSE;
  selection = tf_board_view_get_selection (tf_board_page_get_view (page));
  return selection->len == 1 && g_array_index (selection, gint64, 0) == wait->item_id;
}

/* "alt+" and the key of @label's mnemonic, in the language shown. */
static char *
mnemonic_of (GtkWidget *label)
{
  guint keyval;

  g_assert_true (GTK_IS_LABEL (label));
  keyval = gtk_label_get_mnemonic_keyval (GTK_LABEL (label));
  g_assert_cmpuint (keyval, !=, GDK_KEY_VoidSymbol);
  return g_strdup_printf ("alt+%s", gdk_keyval_name (gdk_keyval_to_lower (keyval)));
}

/* Types @text into @field by its label's mnemonic (the label before
 * it), all of it replaced, then Tab. */
static void
type_in_field (Fixture    *f,
               GtkWidget  *field,
               const char *text)
{
  g_autofree char *mnemonic = mnemonic_of (gtk_widget_get_prev_sibling (field));

  tf_gui_test_send_key (GTK_WINDOW (f->window), mnemonic);
  tf_gui_test_wait_until (in_minutes, field, "the keyboard in the room's field");
  tf_gui_test_send_key (GTK_WINDOW (f->window), "ctrl+a");
  type_text (GTK_WINDOW (f->window), text);
  tf_gui_test_send_key (GTK_WINDOW (f->window), "Tab");
}

/* The room in the Session section, by the keyboard: its depth and the
 * image's width typed (each one undo step, stored with the experiment),
 * Check the Room (Alt+K) opens a dialog of the cards too small in a deep
 * room with a narrow image, grouped by step, the keyboard on the first;
 * Escape closes it; Enter on a card shows it selected on its board. In a
 * small room the dialog says every card is legible. */
static void
test_room_check (void)
{
  Fixture fixture = { 0 }, *f = &fixture;
  TfApplication *app = NULL;
  GtkWidget *depth, *screen = NULL, *summary, *row;
  g_autofree char *check_key = NULL;
  g_autoptr(GArray) problems = tf_room_problem_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  GtkListBox *list;
  guint n_rows = 0, n_headers = 0, n_steps = 0;
  const char *text;

  f->path = tf_gui_test_archive_path ();
  f->window = tf_gui_test_start (f->path, &app);
  tf_gui_test_apply_size (f->window);
  g_assert_cmpint (tf_gui_test_find_demo_board (f->path, "insight-wall", &f->experiment), >, 0);
  g_assert_true (tf_window_show_experiment (f->window, f->experiment));
  tf_gui_test_settle (100);
  f->agenda = TF_ROOM_AGENDA (tf_gui_test_find_widget (GTK_WIDGET (f->window), TF_TYPE_ROOM_AGENDA));
  g_assert_nonnull (f->agenda);
  depth = tf_room_agenda_get_room_depth (f->agenda);
  check_key = mnemonic_of (gtk_button_get_child (GTK_BUTTON (tf_room_agenda_get_check_button (f->agenda))));
  /* The defaults: 8 m, a 2.4 m image, 1920 × 1080. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (depth)), ==, 8.0);
  g_assert_null (tf_room_agenda_get_check_dialog (f->agenda));
  /* The image's width: the line after the depth's. */
  screen = tf_gui_test_find_widget (gtk_widget_get_next_sibling (gtk_widget_get_parent (depth)),
                                    GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (screen);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (screen)), ==, 2.4);

  tf_gui_test_send_key (GTK_WINDOW (f->window), "ctrl+F5");
  tf_gui_test_wait_until (default_focused, f, "the keyboard on Use the Default Agenda");

  /* A hall 30 m deep on a 1 m image. */
  type_in_field (f, depth, "30");
  {
    RoomWait wait = { f, 30000, TF_SESSION_ROOM_SCREEN_MM };

    tf_gui_test_wait_until (room_is, &wait, "the depth stored");
  }
  type_in_field (f, screen, "1");
  {
    RoomWait wait = { f, 30000, 1000 };

    tf_gui_test_wait_until (room_is, &wait, "the image's width stored");
  }
  tf_gui_test_send_key (GTK_WINDOW (f->window), check_key);
  tf_gui_test_wait_until (check_open, f, "the room check's dialog, the keyboard on its first card");
  dialog = tf_room_agenda_get_check_dialog (f->agenda);
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (f->window));
  list = tf_room_check_dialog_get_list (dialog);
  g_assert_nonnull (list);
  g_assert_null (tf_room_check_dialog_get_status (dialog));
  summary = tf_room_check_dialog_get_summary (dialog);
  text = gtk_label_get_text (GTK_LABEL (summary));
  g_test_message ("%s", text);
  {
    const char *heading = g_dngettext (GETTEXT_PACKAGE,
                                       "%u card would still be too small to read from the back of the room.",
                                       "%u cards would still be too small to read from the back of the room.", 2);

    /* Past its "%u". */
    g_assert_true (g_str_has_prefix (heading, "%u"));
    g_assert_nonnull (strstr (text, heading + 2));
  }
  /* The same cards as the check finds, in its order; a heading over the
   * first card of each step. */
  {
    TfStore *store = tf_history_get_store (tf_window_get_history (f->window));
    TfSessionRoom room = stored_room (f);

    g_assert_true (tf_room_check (store, f->experiment, &room, problems, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (problems->len, >, 1);
  for (GtkListBoxRow *r; (r = gtk_list_box_get_row_at_index (list, n_rows)) != NULL; n_rows++)
    {
      const TfRoomProblem *problem = &g_array_index (problems, TfRoomProblem, MIN (n_rows, problems->len - 1));
      gboolean first = n_rows == 0 ||
                       problem->step_index != g_array_index (problems, TfRoomProblem, n_rows - 1).step_index;

      g_assert_true (gtk_list_box_row_get_activatable (r));
      g_assert_true (ADW_IS_ACTION_ROW (r));
      /* How small and what is needed: 150 mm at 30 m. */
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (r)), "150 mm"));
      g_assert_true ((gtk_list_box_row_get_header (r) != NULL) == first);
      if (first)
        {
          g_autofree char *number = g_strdup_printf ("%u", problem->step_index + 1);
          GtkWidget *header = gtk_list_box_row_get_header (r);

          g_assert_true (GTK_IS_LABEL (header));
          g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (header)), number));
          g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (header)), problem->step_title));
          n_steps++;
        }
      n_headers += gtk_list_box_row_get_header (r) != NULL;
    }
  g_assert_cmpuint (n_rows, ==, problems->len);
  g_assert_cmpuint (n_headers, ==, n_steps);
  g_assert_cmpuint (n_steps, >, 1);
  shoot (f, "room-check");

  /* Escape closes it; the window is as it was. */
  tf_gui_test_send_key (dialog, "Escape");
  tf_gui_test_wait_until (check_closed, f, "the room check's dialog closed by Escape");

  /* Again, then Down and Enter: the second card, selected on its board. */
  tf_gui_test_send_key (GTK_WINDOW (f->window), check_key);
  tf_gui_test_wait_until (check_open, f, "the room check's dialog again");
  dialog = tf_room_agenda_get_check_dialog (f->agenda);
  list = tf_room_check_dialog_get_list (dialog);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1));
  tf_gui_test_send_key (dialog, "Down");
  tf_gui_test_wait_until (in_minutes, row, "the keyboard on the second card");
  tf_gui_test_send_key (dialog, "Return");
  tf_gui_test_wait_until (check_closed, f, "the room check's dialog closed by the card");
  {
    const TfRoomProblem *problem = &g_array_index (problems, TfRoomProblem, 1);
    CardWait wait = { f, problem->board_id, problem->item_id };

    g_assert_cmpint (problem->board_id, >, 0);
    tf_gui_test_wait_until (card_selected, &wait, "the card selected on its board");
  }
  tf_gui_test_send_key (GTK_WINDOW (f->window), "Escape");
  g_assert_true (tf_window_show_experiment (f->window, f->experiment));
  tf_gui_test_settle (50);

  /* Ctrl+Z from the agenda: the image's width as it was. */
  tf_gui_test_send_key (GTK_WINDOW (f->window), "ctrl+F5");
  tf_gui_test_wait_until (default_focused, f, "the keyboard on Use the Default Agenda");
  tf_gui_test_send_key (GTK_WINDOW (f->window), "ctrl+z");
  {
    RoomWait wait = { f, 30000, TF_SESSION_ROOM_SCREEN_MM };

    tf_gui_test_wait_until (room_is, &wait, "the image's width undone");
  }
  tf_gui_test_settle (50);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (screen)), ==, 2.4);

  /* A small room 2 m deep: every card legible (the actor map's and the
   * blueprint's whole views too). */
  type_in_field (f, depth, "2");
  {
    RoomWait wait = { f, 2000, TF_SESSION_ROOM_SCREEN_MM };

    tf_gui_test_wait_until (room_is, &wait, "the small room stored");
  }
  tf_gui_test_send_key (GTK_WINDOW (f->window), check_key);
  tf_gui_test_wait_until (check_open, f, "the room check's dialog, every card legible");
  dialog = tf_room_agenda_get_check_dialog (f->agenda);
  g_assert_null (tf_room_check_dialog_get_list (dialog));
  g_assert_nonnull (tf_room_check_dialog_get_status (dialog));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (tf_room_check_dialog_get_status (dialog))), ==,
                   _("Every card is legible from the back of the room"));
  shoot (f, "room-legible");
  tf_gui_test_send_key (dialog, "Escape");
  tf_gui_test_wait_until (check_closed, f, "the empty dialog closed by Escape");

  tf_gui_test_stop (f->window, &app, &f->path, 100);
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  tf_gui_wings_init ();
  g_test_add_func ("/room-agenda/keyboard", test_keyboard);
  g_test_add_func ("/room-agenda/room-check", test_room_check);
  return g_test_run ();
}
