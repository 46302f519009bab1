/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-command"

#include "tf-command.h"

struct _TfCommand
{
  GObject         parent_instance;

  char           *label;
  TfCommandFunc   func;
  gpointer        data;
  GDestroyNotify  destroy;
  GBytes         *changeset;
  gint64          result_id;
};

G_DEFINE_FINAL_TYPE (TfCommand, tf_command, G_TYPE_OBJECT)

static void
tf_command_finalize (GObject *object)
{
  TfCommand *self = (TfCommand *)object;

  if (self->destroy != NULL)
    self->destroy (self->data);
  g_clear_pointer (&self->changeset, g_bytes_unref);
  g_free (self->label);

  G_OBJECT_CLASS (tf_command_parent_class)->finalize (object);
}

static void
tf_command_class_init (TfCommandClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tf_command_finalize;
}

static void
tf_command_init (TfCommand *self)
{
}

/**
 * tf_command_new:
 * @label: what the command does, translated, for "Undo …" messages
 * @func: the forward edit
 * @data: (transfer full): what @func needs
 * @destroy: frees @data
 *
 * Returns: (transfer full): a command that has not run yet
 */
TfCommand *
tf_command_new (const char     *label,
                TfCommandFunc   func,
                gpointer        data,
                GDestroyNotify  destroy)
{
  TfCommand *self;

  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  self = g_object_new (TF_TYPE_COMMAND, NULL);
  self->label = g_strdup (label);
  self->func = func;
  self->data = data;
  self->destroy = destroy;
  return self;
}

const char *
tf_command_get_label (TfCommand *self)
{
  g_return_val_if_fail (TF_IS_COMMAND (self), NULL);
  return self->label;
}

gpointer
tf_command_get_data (TfCommand *self)
{
  g_return_val_if_fail (TF_IS_COMMAND (self), NULL);
  return self->data;
}

gint64
tf_command_get_result_id (TfCommand *self)
{
  g_return_val_if_fail (TF_IS_COMMAND (self), 0);
  return self->result_id;
}

void
tf_command_set_result_id (TfCommand *self,
                          gint64     id)
{
  g_return_if_fail (TF_IS_COMMAND (self));
  self->result_id = id;
}

void
tf_command_set_label (TfCommand  *self,
                      const char *label)
{
  char *copy;

  g_return_if_fail (TF_IS_COMMAND (self));
  g_return_if_fail (label != NULL);
  copy = g_strdup (label);
  g_free (self->label);
  self->label = copy;
}

GBytes *
tf_command_get_changeset (TfCommand *self)
{
  g_return_val_if_fail (TF_IS_COMMAND (self), NULL);
  return self->changeset;
}

gboolean
tf_command_get_done (TfCommand *self)
{
  g_return_val_if_fail (TF_IS_COMMAND (self), FALSE);
  return self->changeset != NULL;
}

static gboolean
run_func (TfStore   *store,
          gpointer   user_data,
          GError   **error)
{
  TfCommand *self = user_data;

  return self->func (self, store, error);
}

gboolean
tf_command_execute (TfCommand  *self,
                    TfStore    *store,
                    GError    **error)
{
  g_return_val_if_fail (TF_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (TF_IS_STORE (store), FALSE);
  g_return_val_if_fail (self->changeset == NULL, FALSE);

  return tf_store_edit (store, run_func, self, &self->changeset, error);
}

gboolean
tf_command_run_within (TfCommand  *self,
                       TfStore    *store,
                       GError    **error)
{
  g_return_val_if_fail (TF_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (TF_IS_STORE (store), FALSE);

  return self->func (self, store, error);
}

gboolean
tf_command_absorb (TfCommand  *self,
                   TfCommand  *next,
                   GError    **error)
{
  GBytes *joined;

  g_return_val_if_fail (TF_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (TF_IS_COMMAND (next), FALSE);
  g_return_val_if_fail (self->changeset != NULL && next->changeset != NULL, FALSE);

  joined = tf_store_concat_changesets (self->changeset, next->changeset, error);
  if (joined == NULL)
    return FALSE;
  g_bytes_unref (self->changeset);
  self->changeset = joined;
  return TRUE;
}

gboolean
tf_command_undo (TfCommand  *self,
                 TfStore    *store,
                 GError    **error)
{
  g_return_val_if_fail (TF_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (self->changeset != NULL, FALSE);

  return tf_store_apply_changeset (store, self->changeset, TRUE, error);
}

gboolean
tf_command_redo (TfCommand  *self,
                 TfStore    *store,
                 GError    **error)
{
  g_return_val_if_fail (TF_IS_COMMAND (self), FALSE);
  g_return_val_if_fail (self->changeset != NULL, FALSE);

  return tf_store_apply_changeset (store, self->changeset, FALSE, error);
}
