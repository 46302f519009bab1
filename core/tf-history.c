/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-history"

#include "tf-history.h"

/* Deep enough for a long workshop; the oldest edits fall off the bottom. */
#define MAX_DEPTH 1000

struct _TfHistory
{
  GObject    parent_instance;

  TfStore   *store;
  GPtrArray *undo_stack;  /* TfCommand, newest last */
  GPtrArray *redo_stack;  /* TfCommand, next redo last */
};

G_DEFINE_FINAL_TYPE (TfHistory, tf_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REPLAYING,
  REPLAYED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
tf_history_dispose (GObject *object)
{
  TfHistory *self = (TfHistory *)object;

  g_clear_object (&self->store);
  if (self->undo_stack)
    g_ptr_array_set_size (self->undo_stack, 0);
  if (self->redo_stack)
    g_ptr_array_set_size (self->redo_stack, 0);

  G_OBJECT_CLASS (tf_history_parent_class)->dispose (object);
}

static void
tf_history_finalize (GObject *object)
{
  TfHistory *self = (TfHistory *)object;

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);

  G_OBJECT_CLASS (tf_history_parent_class)->finalize (object);
}

static void
tf_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TfHistory *self = TF_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, tf_history_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, tf_history_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, tf_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, tf_history_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TfHistory *self = TF_HISTORY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_history_class_init (TfHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tf_history_dispose;
  object_class->finalize = tf_history_finalize;
  object_class->get_property = tf_history_get_property;
  object_class->set_property = tf_history_set_property;

  /* "replaying" (gboolean undo) before an undo or a redo runs,
   * "replayed" (gboolean undo) after it, whether it ran or failed: a
   * board keeps its selection through it (the items it changed). */
  signals[REPLAYING] =
    g_signal_new ("replaying", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[REPLAYED] =
    g_signal_new ("replayed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TF_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tf_history_init (TfHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func (g_object_unref);
  self->redo_stack = g_ptr_array_new_with_free_func (g_object_unref);
}

TfHistory *
tf_history_new (TfStore *store)
{
  g_return_val_if_fail (TF_IS_STORE (store), NULL);
  return g_object_new (TF_TYPE_HISTORY, "store", store, NULL);
}

TfStore *
tf_history_get_store (TfHistory *self)
{
  g_return_val_if_fail (TF_IS_HISTORY (self), NULL);
  return self->store;
}

gboolean
tf_history_get_can_undo (TfHistory *self)
{
  g_return_val_if_fail (TF_IS_HISTORY (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
tf_history_get_can_redo (TfHistory *self)
{
  g_return_val_if_fail (TF_IS_HISTORY (self), FALSE);
  return self->redo_stack->len > 0;
}

static const char *
top_label (GPtrArray *stack)
{
  if (stack->len == 0)
    return NULL;
  return tf_command_get_label (g_ptr_array_index (stack, stack->len - 1));
}

const char *
tf_history_get_undo_label (TfHistory *self)
{
  g_return_val_if_fail (TF_IS_HISTORY (self), NULL);
  return top_label (self->undo_stack);
}

const char *
tf_history_get_redo_label (TfHistory *self)
{
  g_return_val_if_fail (TF_IS_HISTORY (self), NULL);
  return top_label (self->redo_stack);
}

static void
notify_all (TfHistory *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

gboolean
tf_history_execute (TfHistory  *self,
                    TfCommand  *command,
                    GError    **error)
{
  g_return_val_if_fail (TF_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (TF_IS_COMMAND (command), FALSE);

  if (!tf_command_execute (command, self->store, error))
    return FALSE;

  /* An edit that changed nothing (the same value again) is not worth an undo. */
  if (g_bytes_get_size (tf_command_get_changeset (command)) == 0)
    return TRUE;

  g_ptr_array_add (self->undo_stack, g_object_ref (command));
  if (self->undo_stack->len > MAX_DEPTH)
    g_ptr_array_remove_index (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_all (self);
  return TRUE;
}

/* Moves the top command of @from onto @to after running it one way. */
static gboolean
step (TfHistory  *self,
      GPtrArray  *from,
      GPtrArray  *to,
      gboolean    undo,
      GError    **error)
{
  TfCommand *command;
  gboolean ok;

  if (from->len == 0)
    return TRUE;

  command = g_ptr_array_index (from, from->len - 1);
  g_signal_emit (self, signals[REPLAYING], 0, undo);
  ok = undo ? tf_command_undo (command, self->store, error)
            : tf_command_redo (command, self->store, error);
  g_signal_emit (self, signals[REPLAYED], 0, undo);
  if (!ok)
    return FALSE;

  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  notify_all (self);
  return TRUE;
}

gboolean
tf_history_undo (TfHistory  *self,
                 GError    **error)
{
  g_return_val_if_fail (TF_IS_HISTORY (self), FALSE);
  return step (self, self->undo_stack, self->redo_stack, TRUE, error);
}

gboolean
tf_history_redo (TfHistory  *self,
                 GError    **error)
{
  g_return_val_if_fail (TF_IS_HISTORY (self), FALSE);
  return step (self, self->redo_stack, self->undo_stack, FALSE, error);
}

void
tf_history_clear (TfHistory *self)
{
  g_return_if_fail (TF_IS_HISTORY (self));
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  notify_all (self);
}

gboolean
tf_history_retract (TfHistory  *self,
                    TfCommand  *command,
                    GError    **error)
{
  g_return_val_if_fail (TF_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (TF_IS_COMMAND (command), FALSE);

  if (self->undo_stack->len == 0 ||
      g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1) != (gpointer) command)
    return FALSE;
  if (!tf_command_undo (command, self->store, error))
    return FALSE;
  g_ptr_array_remove_index (self->undo_stack, self->undo_stack->len - 1);
  notify_all (self);
  return TRUE;
}

gboolean
tf_history_fold (TfHistory  *self,
                 TfCommand  *command,
                 GError    **error)
{
  TfCommand *last;
  guint len;

  g_return_val_if_fail (TF_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (TF_IS_COMMAND (command), FALSE);

  len = self->undo_stack->len;
  if (len < 2 || g_ptr_array_index (self->undo_stack, len - 2) != (gpointer) command)
    return FALSE;
  last = g_ptr_array_index (self->undo_stack, len - 1);
  if (!tf_command_absorb (command, last, error))
    return FALSE;
  tf_command_set_label (command, tf_command_get_label (last));
  g_ptr_array_remove_index (self->undo_stack, len - 1);
  notify_all (self);
  return TRUE;
}
