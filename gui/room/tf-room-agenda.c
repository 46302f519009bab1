/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-room-agenda"

#include <glib/gi18n.h>
#include <string.h>

#include "core/tf-archive.h"
#include "core/tf-board.h"
#include "gui/tf-a11y.h"
#include "gui/tf-widget-util.h"
#include "room/tf-room.h"
#include "room/tf-room-check.h"
#include "room/tf-session.h"
#include "tf-room-agenda.h"
#include "tf-room-check-dialog.h"

#define MAX_MINUTES 600

struct _TfRoomAgenda
{
  AdwBin          parent_instance;

  TfHistory      *history;
  gint64          experiment_id;
  gboolean        editable;
  gint64          session_id;
  GArray         *steps;         /* TfSessionStep, as stored */
  GHashTable     *board_names;   /* board id → name */
  GArray         *views;         /* TfSessionStep: what the Add Step menu offers */

  GtkWidget      *group;
  GtkMenuButton  *add_button;
  GtkWidget      *start_button;
  GtkListBox     *list;
  GtkLabel       *totals;
  GtkWidget      *default_button;
  GtkWidget      *empty_state;   /* beside the list (a list box's placeholder
                                  * is not in the focus chain: Tab skipped
                                  * its button) */
  /* The room: its depth, the image's width, the projector's pixels, and
   * the room check's findings. */
  GtkSpinButton  *depth;
  GtkSpinButton  *screen;
  GtkSpinButton  *width_px;
  GtkSpinButton  *height_px;
  GtkWidget      *check_button;
  GtkWindow      *check_dialog;   /* the room check's, while it is open */
  TfSessionRoom   room;

  gint64          focus_step_id;  /* the row to focus after the next rebuild */
  gboolean        filling;
  guint           reload_source;
};

G_DEFINE_FINAL_TYPE (TfRoomAgenda, tf_room_agenda, ADW_TYPE_BIN)

static void reload (TfRoomAgenda *self);

/* Commands */

static gboolean
execute (TfRoomAgenda *self,
         TfCommand    *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfCommand) owned = command;

  if (self->history == NULL || !self->editable)
    return FALSE;
  if (!tf_history_execute (self->history, owned, &error))
    {
      g_warning ("Could not change the session: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static const TfSessionStep *
step_of (TfRoomAgenda *self,
         gint64        step_id,
         guint        *index)
{
  for (guint i = 0; i < self->steps->len; i++)
    if (g_array_index (self->steps, TfSessionStep, i).id == step_id)
      {
        if (index != NULL)
          *index = i;
        return &g_array_index (self->steps, TfSessionStep, i);
      }
  return NULL;
}

static int
selected_index (TfRoomAgenda *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

/* Adds @steps after the selected step (at the end when none), or makes
 * the session with them when the experiment has none: one undo step. */
static void
add_steps (TfRoomAgenda *self,
           GArray       *steps)
{
  g_autoptr(TfCommand) command = NULL;
  int index = selected_index (self);

  if (steps->len == 0)
    return;
  if (self->session_id == 0)
    {
      command = tf_session_command_create (self->experiment_id, steps);
      if (execute (self, g_object_ref (command)))
        {
          g_autoptr(GArray) loaded = tf_session_step_array_new ();
          gint64 session_id;

          if (tf_session_load (tf_history_get_store (self->history), self->experiment_id,
                               &session_id, loaded, NULL) && loaded->len > 0)
            self->focus_step_id = g_array_index (loaded, TfSessionStep, 0).id;
        }
    }
  else
    {
      command = tf_session_command_add_steps (self->session_id, steps, index < 0 ? -1 : index + 1);
      if (execute (self, g_object_ref (command)))
        self->focus_step_id = tf_command_get_result_id (command);
    }
  reload (self);
}

static void
action_add (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TfRoomAgenda *self = TF_ROOM_AGENDA (widget);
  int index = g_variant_get_int32 (parameter);
  g_autoptr(GArray) one = tf_session_step_array_new ();
  TfSessionStep step;

  if (index < 0 || (guint) index >= self->views->len)
    return;
  tf_session_step_copy (&step, &g_array_index (self->views, TfSessionStep, index));
  g_array_append_val (one, step);
  add_steps (self, one);
}

static void
action_add_default (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TfRoomAgenda *self = TF_ROOM_AGENDA (widget);
  g_autoptr(GArray) steps = tf_session_step_array_new ();
  g_autoptr(GError) error = NULL;

  if (self->history == NULL || self->experiment_id == 0)
    return;
  if (!tf_session_default_steps (tf_history_get_store (self->history), self->experiment_id, steps, &error))
    {
      g_warning ("Could not make the default agenda: %s", error->message);
      return;
    }
  add_steps (self, steps);
}

static void
action_add_menu (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TfRoomAgenda *self = TF_ROOM_AGENDA (widget);

  if (self->editable)
    gtk_menu_button_popup (self->add_button);
}

static gint64
selected_step_id (TfRoomAgenda *self)
{
  int index = selected_index (self);

  return index >= 0 && (guint) index < self->steps->len ? g_array_index (self->steps, TfSessionStep, index).id : 0;
}

static void
remove_step (TfRoomAgenda *self,
             gint64        step_id)
{
  const TfSessionStep *step;
  g_autofree char *described = NULL;
  GtkWidget *overlay;
  guint index;

  if ((step = step_of (self, step_id, &index)) == NULL)
    return;
  described = tf_session_step_describe (step);
  /* The keyboard goes to the step that takes its place. */
  if (index + 1 < self->steps->len)
    self->focus_step_id = g_array_index (self->steps, TfSessionStep, index + 1).id;
  else if (index > 0)
    self->focus_step_id = g_array_index (self->steps, TfSessionStep, index - 1).id;
  else
    self->focus_step_id = 0;
  if (!execute (self, tf_session_command_remove_step (step_id)))
    return;
  reload (self);
  /* Said, with its Undo (Ctrl+Z does the same). */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      /* TRANSLATORS: %s describes a step of the session's agenda */
      g_autofree char *title = g_strdup_printf (_("Step “%s” removed"), described);

      tf_widget_replace_toast (ADW_TOAST_OVERLAY (overlay), title, _("_Undo"), "win.undo");
    }
  if (self->steps->len == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
action_remove (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TfRoomAgenda *self = TF_ROOM_AGENDA (widget);

  remove_step (self, selected_step_id (self));
}

/* @now: the list follows at once (keys come faster than an idle);
 * else at idle, after the store's signal (a drop, whose row the list
 * rebuilds). */
static void
move_step (TfRoomAgenda *self,
           gint64        step_id,
           int           to,
           gboolean      now)
{
  guint index;

  if (step_of (self, step_id, &index) == NULL || to < 0 || to >= (int) self->steps->len ||
      to == (int) index)
    return;
  self->focus_step_id = step_id;
  execute (self, tf_session_command_move_step (step_id, to));
  if (now)
    reload (self);
}

static void
action_move (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TfRoomAgenda *self = TF_ROOM_AGENDA (widget);
  int index = selected_index (self);

  if (index < 0)
    return;
  move_step (self, selected_step_id (self), index + g_variant_get_int32 (parameter), TRUE);
}

/* Rows */

static char *
describe_where (TfRoomAgenda        *self,
                const TfSessionStep *step)
{
  const char *board = g_hash_table_lookup (self->board_names, &step->board_id);

  /* TRANSLATORS: under a step of the session: the board, what of it the step shows */
  return g_strdup_printf (_("%s · %s"), board != NULL ? board : "", tf_session_step_kind_label (step));
}

static void
set_spent (GtkLabel            *label,
           const TfSessionStep *step)
{
  g_autofree char *spent = NULL;
  g_autofree char *text = NULL;
  gboolean over = step->planned_seconds > 0 && step->spent_seconds > step->planned_seconds;

  gtk_widget_set_visible (GTK_WIDGET (label), step->spent_seconds > 0);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  if (step->spent_seconds <= 0)
    return;
  spent = tf_room_format_time (step->spent_seconds * G_USEC_PER_SEC);
  if (step->planned_seconds > 0)
    {
      g_autofree char *planned = tf_room_format_time (step->planned_seconds * G_USEC_PER_SEC);

      /* TRANSLATORS: time spent on a step / time planned for it. */
      text = g_strdup_printf (_("%s / %s"), spent, planned);
    }
  else
    text = g_strdup (spent);
  if (over)
    {
      g_autofree char *extra = tf_room_format_time ((step->spent_seconds - step->planned_seconds) * G_USEC_PER_SEC);
      g_autofree char *tip = g_strdup_printf (_("Spent in the room: %s over the plan"), extra);

      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), tip);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (label), _("Time spent in the room / time planned"));
  gtk_label_set_text (label, text);
}

static void
fill_row (TfRoomAgenda        *self,
          GtkWidget           *row,
          guint                index,
          const TfSessionStep *step)
{
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  g_autofree char *title = tf_session_step_describe (step);
  g_autofree char *where = describe_where (self, step);
  GtkEditable *notes = g_object_get_data (G_OBJECT (row), "notes");
  GtkSpinButton *minutes = g_object_get_data (G_OBJECT (row), "minutes");
  g_autofree char *accessible = g_strdup_printf (_("Step %u: %s, %s"), index + 1, title, where);

  self->filling = TRUE;
  g_object_set_data_full (G_OBJECT (row), "step-id", g_memdup2 (&step->id, sizeof step->id), g_free);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "number"), number);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "title"), title);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "where"), where);
  set_spent (g_object_get_data (G_OBJECT (row), "spent"), step);
  if ((gint64) gtk_spin_button_get_value_as_int (minutes) * 60 != step->planned_seconds)
    gtk_spin_button_set_value (minutes, (double) ((step->planned_seconds + 30) / 60));
  /* What is being typed stays until it is committed. */
  if (!tf_widget_focus_within (GTK_WIDGET (notes)) && g_strcmp0 (gtk_editable_get_text (notes), step->notes) != 0)
    gtk_editable_set_text (notes, step->notes != NULL ? step->notes : "");
  gtk_editable_set_editable (notes, self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (minutes), self->editable);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "remove"), self->editable);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  self->filling = FALSE;
}

static gint64
row_step_id (GtkWidget *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "step-id");

  return id != NULL ? *id : 0;
}

static GtkWidget *
row_of (GtkWidget *child)
{
  return gtk_widget_get_ancestor (child, GTK_TYPE_LIST_BOX_ROW);
}

static void
minutes_changed (GtkSpinButton *spin,
                 TfRoomAgenda  *self)
{
  gint64 id = row_step_id (row_of (GTK_WIDGET (spin)));
  const TfSessionStep *step = step_of (self, id, NULL);
  gint64 seconds = (gint64) gtk_spin_button_get_value_as_int (spin) * 60;

  if (self->filling || step == NULL || step->planned_seconds == seconds)
    return;
  execute (self, tf_session_command_set_planned (id, seconds));
}

static void
commit_notes (TfRoomAgenda *self,
              GtkEditable  *notes)
{
  GtkWidget *row = row_of (GTK_WIDGET (notes));
  gint64 id = row != NULL ? row_step_id (row) : 0;
  const TfSessionStep *step = step_of (self, id, NULL);
  const char *text = gtk_editable_get_text (notes);

  if (self->filling || step == NULL || g_strcmp0 (step->notes, text) == 0)
    return;
  execute (self, tf_session_command_set_notes (id, text));
}

static void
notes_activated (GtkEntry     *entry,
                 TfRoomAgenda *self)
{
  commit_notes (self, GTK_EDITABLE (entry));
}

static void
notes_left (GtkEventControllerFocus *controller,
            TfRoomAgenda            *self)
{
  commit_notes (self, GTK_EDITABLE (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
remove_clicked (GtkButton    *button,
                TfRoomAgenda *self)
{
  remove_step (self, row_step_id (row_of (GTK_WIDGET (button))));
}

/* Drag and drop: a row's handle carries its step's id; dropped on a row,
 * the step takes that row's place. */

static GdkContentProvider *
drag_prepare (GtkDragSource *source,
              double         x,
              double         y,
              TfRoomAgenda  *self)
{
  GtkWidget *row = row_of (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source)));
  gint64 id = row_step_id (row);

  (void) x;
  (void) y;
  if (!self->editable || id == 0)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, id);
}

static void
drag_begin (GtkDragSource *source,
            GdkDrag       *drag,
            TfRoomAgenda  *self)
{
  GtkWidget *row = row_of (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source)));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  (void) drag;
  (void) self;
  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
drop_on_row (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             TfRoomAgenda  *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  (void) x;
  (void) y;
  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  move_step (self, g_value_get_int64 (value), gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), FALSE);
  return TRUE;
}

static GtkWidget *
row_new (TfRoomAgenda *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");
  GtkWidget *number = gtk_label_new ("");
  GtkWidget *title = gtk_label_new ("");
  GtkWidget *where = gtk_label_new ("");
  GtkWidget *spent = gtk_label_new ("");
  GtkWidget *minutes = gtk_spin_button_new_with_range (0, MAX_MINUTES, 1);
  GtkWidget *unit = gtk_label_new (_("min"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *notes = gtk_entry_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  tf_widget_spin_wheel_when_focused (minutes);
  gtk_widget_add_css_class (handle, "dim-label");
  gtk_widget_set_tooltip_text (handle, _("Drag to reorder; Alt+Up and Alt+Down move the step"));
  gtk_widget_set_cursor_from_name (handle, "grab");
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin), self);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (drop_on_row), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (number), 2);
  gtk_label_set_xalign (GTK_LABEL (number), 1);
  /* A step's title and where it is read whole: the page keeps a column
   * of its own width however wide the window, so they wrap, not cut. */
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_label_set_wrap (GTK_LABEL (where), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (where), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (where, "dim-label");
  gtk_widget_add_css_class (where, "caption");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), where);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (spent, "numeric");
  gtk_widget_set_valign (spent, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (minutes, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (minutes), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (minutes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Minutes planned"), -1);
  gtk_widget_set_tooltip_text (minutes, _("Minutes planned for this step (0: no plan)"));
  g_signal_connect (minutes, "value-changed", G_CALLBACK (minutes_changed), self);
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Step (Delete)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove This Step"), -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked), self);

  gtk_box_append (GTK_BOX (line), handle);
  gtk_box_append (GTK_BOX (line), number);
  gtk_box_append (GTK_BOX (line), texts);
  gtk_box_append (GTK_BOX (line), spent);
  gtk_box_append (GTK_BOX (line), minutes);
  gtk_box_append (GTK_BOX (line), unit);
  gtk_box_append (GTK_BOX (line), remove);

  gtk_entry_set_placeholder_text (GTK_ENTRY (notes), _("Notes for the facilitator"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (notes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Notes for the facilitator"), -1);
  gtk_editable_set_enable_undo (GTK_EDITABLE (notes), FALSE);
  g_signal_connect (notes, "activate", G_CALLBACK (notes_activated), self);
  g_signal_connect (focus, "leave", G_CALLBACK (notes_left), self);
  gtk_widget_add_controller (notes, focus);
  gtk_widget_set_margin_start (notes, 40);

  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), notes);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  g_object_set_data (G_OBJECT (row), "number", number);
  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "where", where);
  g_object_set_data (G_OBJECT (row), "spent", spent);
  g_object_set_data (G_OBJECT (row), "minutes", minutes);
  g_object_set_data (G_OBJECT (row), "notes", notes);
  g_object_set_data (G_OBJECT (row), "remove", remove);
  return row;
}

/* The whole view from the archive. */

static gboolean
same_order (TfRoomAgenda *self)
{
  guint i = 0;
  GtkListBoxRow *row;

  for (; (row = gtk_list_box_get_row_at_index (self->list, (int) i)) != NULL; i++)
    if (i >= self->steps->len || row_step_id (GTK_WIDGET (row)) != g_array_index (self->steps, TfSessionStep, i).id)
      return FALSE;
  return i == self->steps->len;
}

static void
update_totals (TfRoomAgenda *self)
{
  gint64 planned = 0, spent = 0;
  g_autofree char *planned_text = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->steps->len; i++)
    {
      planned += g_array_index (self->steps, TfSessionStep, i).planned_seconds;
      spent += g_array_index (self->steps, TfSessionStep, i).spent_seconds;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->totals), self->steps->len > 0);
  planned_text = tf_room_format_time (planned * G_USEC_PER_SEC);
  if (spent > 0)
    {
      g_autofree char *spent_text = tf_room_format_time (spent * G_USEC_PER_SEC);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step, %s planned, %s spent in the room",
                                           "%u steps, %s planned, %s spent in the room", self->steps->len),
                              self->steps->len, planned_text, spent_text);
    }
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step, %s planned",
                                         "%u steps, %s planned", self->steps->len),
                            self->steps->len, planned_text);
  gtk_label_set_text (self->totals, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->totals), "error");
  if (planned > 0 && spent > planned)
    gtk_widget_add_css_class (GTK_WIDGET (self->totals), "error");
}

/* The room */

static void
fill_room (TfRoomAgenda *self)
{
  self->filling = TRUE;
  gtk_spin_button_set_value (self->depth, self->room.depth_mm / 1000.0);
  gtk_spin_button_set_value (self->screen, self->room.screen_mm / 1000.0);
  gtk_spin_button_set_value (self->width_px, self->room.width_px);
  gtk_spin_button_set_value (self->height_px, self->room.height_px);
  self->filling = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->depth), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->screen), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->width_px), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->height_px), self->editable);
}

static void
room_changed (TfRoomAgenda *self)
{
  TfSessionRoom room;

  if (self->filling || self->experiment_id == 0)
    return;
  room.depth_mm = (int) (gtk_spin_button_get_value (self->depth) * 1000 + 0.5);
  room.screen_mm = (int) (gtk_spin_button_get_value (self->screen) * 1000 + 0.5);
  room.width_px = gtk_spin_button_get_value_as_int (self->width_px);
  room.height_px = gtk_spin_button_get_value_as_int (self->height_px);
  if (memcmp (&room, &self->room, sizeof room) == 0 || !tf_session_room_is_valid (&room))
    return;
  self->room = room;
  execute (self, tf_session_command_set_room (self->experiment_id, &room));
}

/* Check the Room: the cards still too small, in a dialog over the window
 * (gui/room/tf-room-check-dialog.c). */
static void
action_check_room (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TfRoomAgenda *self = TF_ROOM_AGENDA (widget);
  TfStore *store = self->history != NULL ? tf_history_get_store (self->history) : NULL;
  g_autoptr(GArray) problems = tf_room_problem_array_new ();
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean ok;

  (void) action_name;
  (void) parameter;
  if (store == NULL || self->experiment_id == 0 || tf_store_is_closed (store) || !GTK_IS_WINDOW (root))
    return;
  ok = tf_room_check (store, self->experiment_id, &self->room, problems, &error);
  if (self->check_dialog != NULL)
    gtk_window_destroy (self->check_dialog);
  self->check_dialog = tf_room_check_dialog_new (GTK_WINDOW (root), &self->room, problems,
                                                 ok ? NULL : error->message);
  g_object_add_weak_pointer (G_OBJECT (self->check_dialog), (gpointer *) &self->check_dialog);
  gtk_window_present (self->check_dialog);
}

static GtkSpinButton *
room_spin (GtkWidget    *box,
           const char   *label_text,
           const char   *unit_text,
           const char   *tooltip,
           double        lower,
           double        upper,
           double        step,
           guint         digits,
           TfRoomAgenda *self)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);
  GtkWidget *unit = gtk_label_new (unit_text);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  tf_widget_spin_wheel_when_focused (spin);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spin, tooltip);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip, -1);
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), unit);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (room_changed), self);
  return GTK_SPIN_BUTTON (spin);
}

/* Alt+T, Alt+W, Alt+J, Alt+K: the room's fields and its check, the same
 * keys in every language (a translation's mnemonics would move them). */
static gboolean
room_shortcut (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  TfRoomAgenda *self = TF_ROOM_AGENDA (widget);
  const char *which = g_variant_get_string (args, NULL);

  (void) user_data;
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;
  if (g_str_equal (which, "k"))
    return gtk_widget_activate (self->check_button);
  return gtk_widget_grab_focus (GTK_WIDGET (g_str_equal (which, "t") ? self->depth :
                                            g_str_equal (which, "w") ? self->screen : self->width_px));
}

static void
add_room_shortcuts (TfRoomAgenda *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  static const struct { guint key; const char *which; } keys[] = {
    { GDK_KEY_t, "t" }, { GDK_KEY_w, "w" }, { GDK_KEY_j, "j" }, { GDK_KEY_k, "k" },
  };

  /* Managed: from anywhere in the window while the section is shown. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, GDK_ALT_MASK),
                                                gtk_callback_action_new (room_shortcut, NULL, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_string (keys[i].which));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static GtkWidget *
room_box_new (TfRoomAgenda *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *sizes = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *part;

  part = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->depth = room_spin (part, _("Dep_th of the room"), _("m"),
                           _("From the screen to the back row: text on the screen is never smaller "
                             "than this ÷ 200 (40 mm at 8 m)"),
                           TF_SESSION_ROOM_MIN_DEPTH_MM / 1000.0, TF_SESSION_ROOM_MAX_DEPTH_MM / 1000.0,
                           0.5, 1, self);
  gtk_box_append (GTK_BOX (sizes), part);
  part = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->screen = room_spin (part, _("Image _width"), _("m"),
                            _("The width of the projected image (or of the screen) in metres"),
                            TF_SESSION_ROOM_MIN_SCREEN_MM / 1000.0, TF_SESSION_ROOM_MAX_SCREEN_MM / 1000.0,
                            0.1, 2, self);
  gtk_box_append (GTK_BOX (sizes), part);
  part = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->width_px = room_spin (part, _("Pro_jector"), "×",
                              _("The projector's width in pixels"),
                              TF_SESSION_ROOM_MIN_WIDTH_PX, TF_SESSION_ROOM_MAX_PX, 1, 0, self);
  self->height_px = room_spin (part, "", _("pixels"), _("The projector's height in pixels"),
                               TF_SESSION_ROOM_MIN_HEIGHT_PX, TF_SESSION_ROOM_MAX_PX, 1, 0, self);
  /* One label, "Projector", shows for both fields; each is named apart. */
  tf_a11y_set_label (GTK_WIDGET (self->width_px), _("Projector width"));
  tf_a11y_set_label (GTK_WIDGET (self->height_px), _("Projector height"));
  gtk_box_append (GTK_BOX (sizes), part);

  self->check_button = gtk_button_new_with_mnemonic (_("Chec_k the Room"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->check_button), "agenda.check-room");
  gtk_widget_set_tooltip_text (self->check_button,
                               _("List the cards whose text would be too small from the back of the room"));
  gtk_widget_set_halign (self->check_button, GTK_ALIGN_START);

  gtk_box_append (GTK_BOX (box), sizes);
  gtk_box_append (GTK_BOX (box), self->check_button);
  gtk_widget_set_margin_top (box, 6);
  return box;
}

static void
reload (TfRoomAgenda *self)
{
  TfStore *store = self->history != NULL ? tf_history_get_store (self->history) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) boards = NULL;
  GtkWidget *focus_row = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gint64 focused_id = 0;
  /* The empty state's button hands the keyboard on to the agenda it made. */
  gboolean had_focus = focus != NULL && (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)) ||
                                         focus == self->default_button);
  gboolean rebuilt;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_array_set_size (self->steps, 0);
  g_hash_table_remove_all (self->board_names);
  self->session_id = 0;
  if (store != NULL && self->experiment_id != 0 && !tf_store_is_closed (store))
    {
      if (!tf_session_load (store, self->experiment_id, &self->session_id, self->steps, &error))
        g_warning ("Could not read the session: %s", error->message);
      boards = tf_archive_list_boards (store, self->experiment_id, NULL);
    }
  for (guint i = 0; boards != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);
      gint64 *key = g_new (gint64, 1);

      *key = tf_board_get_id (board);
      g_hash_table_insert (self->board_names, key, g_strdup (tf_board_get_name (board)));
    }

  if (had_focus)
    {
      GtkWidget *row = row_of (focus);

      if (row != NULL)
        focused_id = row_step_id (row);
    }
  if (self->focus_step_id != 0)
    {
      focused_id = self->focus_step_id;
      had_focus = TRUE;
    }
  self->focus_step_id = 0;

  rebuilt = !same_order (self);
  if (!rebuilt)
    {
      for (guint i = 0; i < self->steps->len; i++)
        {
          GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, (int) i));

          fill_row (self, row, i, &g_array_index (self->steps, TfSessionStep, i));
          if (g_array_index (self->steps, TfSessionStep, i).id == focused_id)
            focus_row = row;
        }
    }
  else
    {
      GtkListBoxRow *row;

      while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
        gtk_list_box_remove (self->list, GTK_WIDGET (row));
      for (guint i = 0; i < self->steps->len; i++)
        {
          GtkWidget *new_row = row_new (self);

          fill_row (self, new_row, i, &g_array_index (self->steps, TfSessionStep, i));
          gtk_list_box_append (self->list, new_row);
          if (g_array_index (self->steps, TfSessionStep, i).id == focused_id)
            focus_row = new_row;
        }
      /* Focus that was in a row now gone goes to the list's first. */
      if (had_focus && focus_row == NULL)
        focus_row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, 0));
    }
  /* Shown before the focus goes to a row of it. */
  gtk_widget_set_visible (GTK_WIDGET (self->list), self->steps->len > 0);
  gtk_widget_set_visible (self->empty_state, self->steps->len == 0);
  if (focus_row != NULL)
    {
      gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (focus_row));
      /* The focus widget of a rebuilt list is gone: not looked at. */
      if (had_focus && (rebuilt || focus == NULL || row_of (focus) != focus_row))
        gtk_widget_grab_focus (focus_row);
    }
  tf_session_room_init_default (&self->room);
  if (store != NULL && self->experiment_id != 0 && !tf_store_is_closed (store))
    {
      g_autoptr(GError) room_error = NULL;

      if (!tf_session_rows_room (store, self->experiment_id, &self->room, &room_error))
        g_warning ("Could not read the room: %s", room_error->message);
    }
  fill_room (self);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agenda.add-default", self->editable && self->steps->len == 0);
  update_totals (self);
}

static gboolean
reload_idle (gpointer user_data)
{
  TfRoomAgenda *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed (TfRoomAgenda *self,
               GArray       *changes,
               TfStore      *store)
{
  static const char * const not_shown[] = { "contributions", "vote_rounds", "vote_counts", NULL };

  (void) store;
  /* Deferred: the widget that made the edit may be rebuilt. The phones'
   * contributions and the votes are not in the agenda. */
  if (self->experiment_id == 0 || self->reload_source != 0 || tf_store_changes_only_in (changes, not_shown))
    return;
  self->reload_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reload_idle, self, NULL);
}

/* The Add Step menu, made each time it opens: the experiment's boards,
 * each with the views it offers. */

static char *
menu_label (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", "_", -1);

  /* No mnemonic from a board's or a cluster's name. */
  return g_strjoinv ("__", parts);
}

static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  TfRoomAgenda *self = user_data;
  TfStore *store = self->history != NULL ? tf_history_get_store (self->history) : NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) first = g_menu_new ();
  g_autoptr(GMenu) boards_section = g_menu_new ();
  g_autoptr(GListStore) boards = NULL;

  g_array_set_size (self->views, 0);
  g_menu_append (first, _("_Every Board, Then Each of Its Parts"), "agenda.add-default");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (first));
  if (store != NULL && self->experiment_id != 0)
    boards = tf_archive_list_boards (store, self->experiment_id, NULL);
  for (guint i = 0; boards != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (boards)); i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);
      g_autoptr(GMenu) submenu = g_menu_new ();
      g_autoptr(GMenu) views = g_menu_new ();
      g_autoptr(GMenu) reveals = g_menu_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *board_label = menu_label (tf_board_get_name (board));
      guint from = self->views->len;

      if (!tf_session_board_views (store, tf_board_get_id (board), self->views, &error))
        {
          g_warning ("Could not list the views of a board: %s", error->message);
          continue;
        }
      for (guint v = from; v < self->views->len; v++)
        {
          const TfSessionStep *view = &g_array_index (self->views, TfSessionStep, v);
          g_autofree char *escaped = menu_label (view->title);
          g_autofree char *label = NULL;
          g_autoptr(GMenuItem) item = NULL;

          if (view->kind == TF_SESSION_STEP_BOARD)
            label = g_strdup (_("Whole Board"));
          else if (view->kind == TF_SESSION_STEP_REVEAL && view->reveal == TF_SESSION_REVEAL_CLUSTER)
            /* TRANSLATORS: an item of the Add Step menu: the cards of a part of a board (a cluster) shown one by one */
            label = g_strdup_printf (_("%s, Cards One by One"), escaped);
          else if (view->kind == TF_SESSION_STEP_REVEAL)
            label = g_strdup (_("Insights by Votes, One by One"));
          else
            label = g_steal_pointer (&escaped);
          item = g_menu_item_new (label, NULL);
          g_menu_item_set_action_and_target_value (item, "agenda.add", g_variant_new_int32 ((gint32) v));
          g_menu_append_item (view->kind == TF_SESSION_STEP_REVEAL ? reveals : views, item);
        }
      g_menu_append_section (submenu, NULL, G_MENU_MODEL (views));
      if (g_menu_model_get_n_items (G_MENU_MODEL (reveals)) > 0)
        g_menu_append_section (submenu, NULL, G_MENU_MODEL (reveals));
      g_menu_append_submenu (boards_section, board_label, G_MENU_MODEL (submenu));
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (boards_section));
  /* The same popover, given the new menu: setting the button's model
   * would destroy its popover and make another at each popup, and GTK 4.8
   * then sometimes asks where the pointer is over the old one's surface
   * (a critical, seen in the GUI test one run in two). */
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (gtk_menu_button_get_popover (button)), G_MENU_MODEL (menu));
}

/* Keys: Alt+Up / Alt+Down (Ctrl too) move the selected step, Delete
 * removes it (not while typing: an entry takes Delete first). */

static void
row_selected (TfRoomAgenda  *self,
              GtkListBoxRow *row)
{
  (void) row;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agenda.remove", self->editable && row != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agenda.move", self->editable && row != NULL);
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             TfRoomAgenda          *self)
{
  GdkModifierType mods = state & (GDK_ALT_MASK | GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK);
  int index = selected_index (self);
  int by;

  (void) controller;
  (void) keycode;
  if (mods != GDK_ALT_MASK && mods != GDK_CONTROL_MASK)
    return FALSE;
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    by = -1;
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    by = 1;
  else
    return FALSE;
  /* Before the list, which moves its cursor on Ctrl+Up. */
  if (index >= 0 && self->editable)
    move_step (self, selected_step_id (self), index + by, TRUE);
  return TRUE;
}

/* A row's child taking the focus selects its row. */
static void
focus_changed (TfRoomAgenda *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    return;
  row = row_of (focus);
  if (row != NULL && gtk_list_box_get_selected_row (self->list) != GTK_LIST_BOX_ROW (row))
    gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
}

static void
root_changed (TfRoomAgenda *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL)
    g_signal_connect_object (root, "notify::focus-widget", G_CALLBACK (focus_changed), self, G_CONNECT_SWAPPED);
}

static void
tf_room_agenda_dispose (GObject *object)
{
  TfRoomAgenda *self = TF_ROOM_AGENDA (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->check_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->check_dialog), (gpointer *) &self->check_dialog);
  self->check_dialog = NULL;
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (tf_history_get_store (self->history), store_changed, self);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (tf_room_agenda_parent_class)->dispose (object);
}

static void
tf_room_agenda_finalize (GObject *object)
{
  TfRoomAgenda *self = TF_ROOM_AGENDA (object);

  g_array_unref (self->steps);
  g_array_unref (self->views);
  g_hash_table_unref (self->board_names);
  G_OBJECT_CLASS (tf_room_agenda_parent_class)->finalize (object);
}

static void
tf_room_agenda_class_init (TfRoomAgendaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_room_agenda_dispose;
  object_class->finalize = tf_room_agenda_finalize;

  gtk_widget_class_install_action (widget_class, "agenda.add", "i", action_add);
  gtk_widget_class_install_action (widget_class, "agenda.add-default", NULL, action_add_default);
  gtk_widget_class_install_action (widget_class, "agenda.add-menu", NULL, action_add_menu);
  gtk_widget_class_install_action (widget_class, "agenda.remove", NULL, action_remove);
  gtk_widget_class_install_action (widget_class, "agenda.move", "i", action_move);
  gtk_widget_class_install_action (widget_class, "agenda.check-room", NULL, action_check_room);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "agenda.add-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Insert, 0, "agenda.add-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "agenda.remove", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "agenda.remove", NULL);
}

static void
tf_room_agenda_init (TfRoomAgenda *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add_content = adw_button_content_new ();
  GtkWidget *placeholder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *empty = gtk_label_new (_("No agenda yet. Add the views the room will see, in order, with Add Step, "
                                      "or start from every board, then each of its parts. F5 runs the session."));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  self->editable = TRUE;
  self->steps = tf_session_step_array_new ();
  self->views = tf_session_step_array_new ();
  self->board_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Session"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The views F5 shows in the room, in order. Insert adds a step after the "
                                           "selected one, Alt+Up and Alt+Down move it, Delete removes it."));
  self->add_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (add_content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (add_content), _("Add _Step"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (add_content), TRUE);
  gtk_menu_button_set_child (self->add_button, add_content);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), _("Add a View of a Board to the Session"));
  gtk_menu_button_set_popover (self->add_button, gtk_popover_menu_new_from_model (NULL));
  gtk_menu_button_set_create_popup_func (self->add_button, create_menu, self, NULL);
  gtk_widget_set_valign (GTK_WIDGET (self->add_button), GTK_ALIGN_CENTER);
  self->start_button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_button), "win.present");
  gtk_widget_set_tooltip_text (self->start_button, _("Start the Session (F5)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->start_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Start the Session"), -1);
  gtk_widget_set_valign (self->start_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (suffix), self->start_button);
  gtk_box_append (GTK_BOX (suffix), GTK_WIDGET (self->add_button));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Steps of the session"), -1);
  g_signal_connect_swapped (self->list, "row-selected", G_CALLBACK (row_selected), self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->list), keys);
  }
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_label_set_justify (GTK_LABEL (empty), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (empty, "dim-label");
  self->default_button = gtk_button_new_with_mnemonic (_("Use the _Default Agenda"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->default_button), "agenda.add-default");
  gtk_widget_set_halign (self->default_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->default_button, "pill");
  gtk_box_append (GTK_BOX (placeholder), empty);
  gtk_box_append (GTK_BOX (placeholder), self->default_button);
  gtk_widget_set_margin_top (empty, 18);
  gtk_widget_set_margin_start (empty, 18);
  gtk_widget_set_margin_end (empty, 18);
  gtk_widget_set_margin_bottom (self->default_button, 18);
  gtk_widget_add_css_class (placeholder, "card");
  self->empty_state = placeholder;

  self->totals = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->totals, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->totals), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->totals), "numeric");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (box), self->empty_state);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->totals));
  gtk_box_append (GTK_BOX (box), room_box_new (self));
  add_room_shortcuts (self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  self->group = group;
  adw_bin_set_child (ADW_BIN (self), group);

  g_signal_connect (self, "notify::root", G_CALLBACK (root_changed), NULL);
  row_selected (self, NULL);
  reload (self);
}

GtkWidget *
tf_room_agenda_new (void)
{
  return g_object_new (TF_TYPE_ROOM_AGENDA, NULL);
}

void
tf_room_agenda_set_history (TfRoomAgenda *self,
                            TfHistory    *history)
{
  g_return_if_fail (TF_IS_ROOM_AGENDA (self));

  if (self->history == history)
    return;
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_func (tf_history_get_store (self->history), store_changed, self);
  g_set_object (&self->history, history);
  if (history != NULL)
    g_signal_connect_object (tf_history_get_store (history), "changed", G_CALLBACK (store_changed), self,
                             G_CONNECT_SWAPPED);
  reload (self);
}

void
tf_room_agenda_set_experiment_id (TfRoomAgenda *self,
                                  gint64        experiment_id)
{
  g_return_if_fail (TF_IS_ROOM_AGENDA (self));

  if (self->experiment_id == experiment_id)
    return;
  self->experiment_id = experiment_id;
  reload (self);
}

void
tf_room_agenda_set_editable (TfRoomAgenda *self,
                             gboolean      editable)
{
  g_return_if_fail (TF_IS_ROOM_AGENDA (self));

  self->editable = !!editable;
  /* The rows take it at once. */
  g_array_set_size (self->steps, 0);
  reload (self);
  row_selected (self, gtk_list_box_get_selected_row (self->list));
}

void
tf_room_agenda_reload (TfRoomAgenda *self)
{
  g_return_if_fail (TF_IS_ROOM_AGENDA (self));
  reload (self);
}

void
tf_room_agenda_focus (TfRoomAgenda *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (TF_IS_ROOM_AGENDA (self));

  /* The window's scrolled view follows the focus (its viewport scrolls
   * to it): a scroll of our own here would leave the Add Step menu,
   * opened at once after, where the button was (off the screen). */
  row = gtk_list_box_get_selected_row (self->list);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list, 0);
  if (row != NULL)
    {
      gtk_list_box_select_row (self->list, row);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  else if (gtk_widget_get_visible (self->empty_state) && gtk_widget_is_sensitive (self->default_button))
    /* An empty agenda: its first step is the default agenda (Enter);
     * Insert still opens the Add Step menu from there. */
    gtk_widget_grab_focus (self->default_button);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

guint
tf_room_agenda_get_n_steps (TfRoomAgenda *self)
{
  g_return_val_if_fail (TF_IS_ROOM_AGENDA (self), 0);
  return self->steps->len;
}

gint64
tf_room_agenda_get_step_id (TfRoomAgenda *self,
                            guint         index)
{
  g_return_val_if_fail (TF_IS_ROOM_AGENDA (self), 0);
  return index < self->steps->len ? g_array_index (self->steps, TfSessionStep, index).id : 0;
}

GtkWidget *
tf_room_agenda_get_row (TfRoomAgenda *self,
                        guint         index)
{
  g_return_val_if_fail (TF_IS_ROOM_AGENDA (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, (int) index));
}

GtkWidget *
tf_room_agenda_get_minutes (TfRoomAgenda *self,
                            guint         index)
{
  GtkWidget *row = tf_room_agenda_get_row (self, index);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "minutes") : NULL;
}

GtkWidget *
tf_room_agenda_get_notes (TfRoomAgenda *self,
                          guint         index)
{
  GtkWidget *row = tf_room_agenda_get_row (self, index);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "notes") : NULL;
}

GtkWidget *
tf_room_agenda_get_check_button (TfRoomAgenda *self)
{
  g_return_val_if_fail (TF_IS_ROOM_AGENDA (self), NULL);
  return self->check_button;
}

GtkWindow *
tf_room_agenda_get_check_dialog (TfRoomAgenda *self)
{
  g_return_val_if_fail (TF_IS_ROOM_AGENDA (self), NULL);
  return self->check_dialog;
}

GtkWidget *
tf_room_agenda_get_room_depth (TfRoomAgenda *self)
{
  g_return_val_if_fail (TF_IS_ROOM_AGENDA (self), NULL);
  return GTK_WIDGET (self->depth);
}

GtkWidget *
tf_room_agenda_get_add_button (TfRoomAgenda *self)
{
  g_return_val_if_fail (TF_IS_ROOM_AGENDA (self), NULL);
  return GTK_WIDGET (self->add_button);
}

GtkWidget *
tf_room_agenda_get_default_button (TfRoomAgenda *self)
{
  g_return_val_if_fail (TF_IS_ROOM_AGENDA (self), NULL);
  return self->default_button;
}
