/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-row"

#include <glib/gi18n.h>

#include "core/tf-experiment-commands.h"
#include "core/tf-board-type.h"
#include "canvas/tf-item-kinds.h"
#include "tf-board-row.h"

/* A board in the experiment view. Activating it opens the board; its buttons
 * rename, move and delete it, each as one undoable command. */
struct _TfBoardRow
{
  AdwActionRow  parent_instance;

  TfBoard      *board;
  TfHistory    *history;
  guint         n_boards;

  GtkImage     *icon;
  GtkLabel     *count_label;
  GtkPopover   *rename_popover;
  GtkEntry     *rename_entry;
  GtkWidget    *rename_button;
  GtkWidget    *menu_button;
};

G_DEFINE_FINAL_TYPE (TfBoardRow, tf_board_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_BOARD,
  PROP_HISTORY,
  PROP_N_BOARDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tf_board_row_toast (TfBoardRow *self,
                    AdwToast   *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

/* Runs @command; the row may be rebuilt afterwards, when the view reloads. */
static gboolean
tf_board_row_execute (TfBoardRow *self,
                      TfCommand  *command)
{
  g_autoptr(GError) error = NULL;

  if (self->history == NULL)
    return FALSE;

  if (!tf_history_execute (self->history, command, &error))
    {
      tf_board_row_toast (self, adw_toast_new (error->message));
      return FALSE;
    }

  return TRUE;
}

static void
tf_board_row_rename_shown (TfBoardRow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), tf_board_get_name (self->board));
  gtk_widget_grab_focus (GTK_WIDGET (self->rename_entry));
}

static void
tf_board_row_rename_confirmed (TfBoardRow *self)
{
  g_autoptr(TfCommand) command = NULL;
  g_autofree char *name = NULL;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rename_entry))));
  gtk_popover_popdown (self->rename_popover);

  if (*name == '\0' || g_strcmp0 (name, tf_board_get_name (self->board)) == 0)
    return;

  command = tf_command_rename_board (tf_board_get_id (self->board), name);
  tf_board_row_execute (self, command);
}

static void
tf_board_row_move (TfBoardRow *self,
                   int         offset)
{
  g_autoptr(TfCommand) command = NULL;
  int position = tf_board_get_position (self->board) + offset;

  if (position < 0 || position >= (int) self->n_boards)
    return;

  command = tf_command_move_board (tf_board_get_id (self->board), position);
  tf_board_row_execute (self, command);
}

static void
tf_board_row_move_up (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  tf_board_row_move (TF_BOARD_ROW (widget), -1);
}

static void
tf_board_row_move_down (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  tf_board_row_move (TF_BOARD_ROW (widget), 1);
}

static void
tf_board_row_delete (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TfBoardRow *self = TF_BOARD_ROW (widget);
  g_autoptr(TfCommand) command = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  command = tf_command_delete_board (tf_board_get_id (self->board));
  if (!tf_board_row_execute (self, command))
    return;

  /* Translators: %s is the name of a board. */
  title = g_strdup_printf (_("Board “%s” deleted"), tf_board_get_name (self->board));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  tf_board_row_toast (self, toast);
}

static void
tf_board_row_update (TfBoardRow *self)
{
  const TfBoardType *type = tf_board_type_lookup (tf_board_get_kind_id (self->board));
  guint n_items = tf_board_get_item_count (self->board);
  int position = tf_board_get_position (self->board);
  g_autofree char *count = NULL;
  g_autoptr(GVariant) target = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), tf_board_get_name (self->board));
  /* A kind this version does not know (a newer Transfo's) is a plain board. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), type != NULL ? tf_board_type_get_label (type) : _("Board"));
  gtk_image_set_from_icon_name (self->icon, type != NULL && type->icon_name != NULL ? type->icon_name
                                                                                  : "view-grid-symbolic");

  if (n_items == 0)
    count = g_strdup (_("Empty"));
  else
    {
      const guint *counts = NULL;
      guint n_kinds = 0;
      const char * const *kinds = tf_board_get_kind_counts (self->board, &counts, &n_kinds);

      /* "21 insights · 2 clusters": each kind in its own words. */
      count = tf_item_kinds_count_line (kinds, counts, n_kinds);
    }
  gtk_label_set_label (self->count_label, count);

  target = g_variant_ref_sink (g_variant_new_int64 (tf_board_get_id (self->board)));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self), target);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.move-up", position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.move-down",
                                 position + 1 < (int) self->n_boards);
}

static void
tf_board_row_constructed (GObject *object)
{
  TfBoardRow *self = TF_BOARD_ROW (object);

  G_OBJECT_CLASS (tf_board_row_parent_class)->constructed (object);

  tf_board_row_update (self);
}

static void
tf_board_row_dispose (GObject *object)
{
  TfBoardRow *self = TF_BOARD_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TF_TYPE_BOARD_ROW);
  g_clear_object (&self->board);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (tf_board_row_parent_class)->dispose (object);
}

static void
tf_board_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TfBoardRow *self = TF_BOARD_ROW (object);

  switch (prop_id)
    {
    case PROP_BOARD:
      g_value_set_object (value, self->board);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_N_BOARDS:
      g_value_set_uint (value, self->n_boards);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_board_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TfBoardRow *self = TF_BOARD_ROW (object);

  switch (prop_id)
    {
    case PROP_BOARD:
      self->board = g_value_dup_object (value);
      break;

    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      break;

    case PROP_N_BOARDS:
      self->n_boards = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_board_row_class_init (TfBoardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tf_board_row_constructed;
  object_class->dispose = tf_board_row_dispose;
  object_class->get_property = tf_board_row_get_property;
  object_class->set_property = tf_board_row_set_property;

  properties[PROP_BOARD] =
    g_param_spec_object ("board", NULL, NULL,
                         TF_TYPE_BOARD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         TF_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_BOARDS] =
    g_param_spec_uint ("n-boards", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/transfo/Transfo/tf-board-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TfBoardRow, icon);
  gtk_widget_class_bind_template_child (widget_class, TfBoardRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, TfBoardRow, rename_popover);
  gtk_widget_class_bind_template_child (widget_class, TfBoardRow, rename_entry);
  gtk_widget_class_bind_template_child (widget_class, TfBoardRow, rename_button);
  gtk_widget_class_bind_template_child (widget_class, TfBoardRow, menu_button);
  gtk_widget_class_bind_template_callback (widget_class, tf_board_row_rename_shown);
  gtk_widget_class_bind_template_callback (widget_class, tf_board_row_rename_confirmed);

  gtk_widget_class_install_action (widget_class, "board.move-up", NULL, tf_board_row_move_up);
  gtk_widget_class_install_action (widget_class, "board.move-down", NULL, tf_board_row_move_down);
  gtk_widget_class_install_action (widget_class, "board.delete", NULL, tf_board_row_delete);
}

static void
tf_board_row_init (TfBoardRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tf_board_row_new (TfBoard   *board,
                  TfHistory *history,
                  guint      n_boards)
{
  g_return_val_if_fail (TF_IS_BOARD (board), NULL);
  g_return_val_if_fail (TF_IS_HISTORY (history), NULL);

  return g_object_new (TF_TYPE_BOARD_ROW,
                       "board", board,
                       "history", history,
                       "n-boards", n_boards,
                       NULL);
}

TfBoard *
tf_board_row_get_board (TfBoardRow *self)
{
  g_return_val_if_fail (TF_IS_BOARD_ROW (self), NULL);

  return self->board;
}

/* A read-only archive: the row opens its board, nothing more. */
void
tf_board_row_set_editable (TfBoardRow *self,
                           gboolean    editable)
{
  g_return_if_fail (TF_IS_BOARD_ROW (self));

  gtk_widget_set_visible (self->rename_button, editable);
  gtk_widget_set_visible (self->menu_button, editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.delete", editable);
  if (!editable)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.move-up", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "board.move-down", FALSE);
    }
}
