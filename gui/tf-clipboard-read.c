/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-clipboard"

#include "tf-clipboard-read.h"

/* Reading what another program put on the clipboard, without trusting it.
 *
 * GDK reads a clipboard owned elsewhere asynchronously, but it waits for
 * the owner as long as it takes: a program that never answers (hung, or
 * hostile) would leave a paste pending for ever. And GDK's own readers of
 * values (textures) parse the bytes in this process. Here the bytes are
 * only read, in chunks, up to a size, and the read gives up when the
 * owner stays silent for a while (or the caller cancels): the task
 * always returns. Parsing them is the caller's business (a sandboxed
 * helper for images). */

#define CHUNK_SIZE (64 * 1024)

typedef struct {
  GCancellable *inner;          /* the reads of GDK, cancelled when given up */
  GSource      *cancel_source;  /* the caller's cancellable */
  guint         timeout_id;
  guint         timeout_ms;
  GByteArray   *data;
  gsize         max_size;
  char         *mime_type;
  gboolean      returned;
} ReadState;

static void
read_state_free (ReadState *state)
{
  g_clear_handle_id (&state->timeout_id, g_source_remove);
  if (state->cancel_source != NULL)
    g_source_destroy (state->cancel_source);
  g_clear_pointer (&state->cancel_source, g_source_unref);
  g_clear_object (&state->inner);
  g_clear_pointer (&state->data, g_byte_array_unref);
  g_free (state->mime_type);
  g_free (state);
}

/* The task returns once; what GDK answers later is dropped. */
static void
read_return (GTask  *task,
             GError *error)
{
  ReadState *state = g_task_get_task_data (task);

  if (state->returned)
    {
      g_clear_error (&error);
      return;
    }
  state->returned = TRUE;
  g_clear_handle_id (&state->timeout_id, g_source_remove);
  if (state->cancel_source != NULL)
    g_source_destroy (state->cancel_source);
  g_clear_pointer (&state->cancel_source, g_source_unref);
  if (error != NULL)
    {
      g_cancellable_cancel (state->inner);
      g_task_return_error (task, error);
    }
  else
    {
      GBytes *bytes = g_byte_array_free_to_bytes (g_steal_pointer (&state->data));

      g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
    }
}

static gboolean
timed_out (gpointer data)
{
  GTask *task = data;
  ReadState *state = g_task_get_task_data (task);

  state->timeout_id = 0;
  g_debug ("The clipboard's owner did not answer in %u ms", state->timeout_ms);
  read_return (task, g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                  "The program holding the clipboard does not answer"));
  return G_SOURCE_REMOVE;
}

static void
restart_timeout (GTask *task)
{
  ReadState *state = g_task_get_task_data (task);

  g_clear_handle_id (&state->timeout_id, g_source_remove);
  /* Borrowed: the source goes when the task returns, before it can go. */
  state->timeout_id = g_timeout_add (state->timeout_ms, timed_out, task);
}

static gboolean
caller_cancelled (GCancellable *cancellable,
                  gpointer      data)
{
  read_return (G_TASK (data), g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
  return G_SOURCE_REMOVE;
}

static void read_next (GTask        *task,
                       GInputStream *stream);

static void
chunk_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GTask) task = data;
  ReadState *state = g_task_get_task_data (task);
  GInputStream *stream = G_INPUT_STREAM (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (stream, result, &error);

  if (state->returned)
    return;
  if (chunk == NULL)
    {
      read_return (task, g_steal_pointer (&error));
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      read_return (task, NULL);
      return;
    }
  if (state->data->len + g_bytes_get_size (chunk) > state->max_size)
    {
      read_return (task, g_error_new (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                      "Over %" G_GSIZE_FORMAT " bytes on the clipboard", state->max_size));
      return;
    }
  g_byte_array_append (state->data, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
  restart_timeout (task);
  read_next (task, stream);
}

static void
read_next (GTask        *task,
           GInputStream *stream)
{
  ReadState *state = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (stream, CHUNK_SIZE, G_PRIORITY_DEFAULT, state->inner, chunk_ready,
                                   g_object_ref (task));
}

static void
stream_ready (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  ReadState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);

  if (state->returned)
    return;
  if (stream == NULL)
    {
      read_return (task, g_steal_pointer (&error));
      return;
    }
  restart_timeout (task);
  read_next (task, stream);
}

/* The first of @mime_types the clipboard can give (as bytes), or NULL. */
const char *
tf_clipboard_offers (GdkClipboard       *clipboard,
                     const char * const *mime_types)
{
  g_autoptr(GdkContentFormats) formats = NULL;

  g_return_val_if_fail (GDK_IS_CLIPBOARD (clipboard), NULL);

  /* Content of this process is offered as types: what they turn into. */
  formats = gdk_content_formats_union_serialize_mime_types (gdk_content_formats_ref (gdk_clipboard_get_formats (clipboard)));
  for (guint i = 0; mime_types[i] != NULL; i++)
    if (gdk_content_formats_contain_mime_type (formats, mime_types[i]))
      return mime_types[i];
  return NULL;
}

/* Reads the clipboard's content as @mime_type, at most @max_size bytes,
 * giving up when its owner sends nothing for @timeout_ms. */
void
tf_clipboard_read_bytes_async (GdkClipboard        *clipboard,
                               const char          *mime_type,
                               gsize                max_size,
                               guint                timeout_ms,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadState *state;
  const char *mime_types[] = { mime_type, NULL };

  g_return_if_fail (GDK_IS_CLIPBOARD (clipboard));
  g_return_if_fail (mime_type != NULL);

  task = g_task_new (clipboard, cancellable, callback, user_data);
  g_task_set_source_tag (task, tf_clipboard_read_bytes_async);
  state = g_new0 (ReadState, 1);
  state->inner = g_cancellable_new ();
  state->data = g_byte_array_new ();
  state->max_size = max_size;
  state->timeout_ms = MAX (timeout_ms, 1);
  state->mime_type = g_strdup (mime_type);
  g_task_set_task_data (task, state, (GDestroyNotify) read_state_free);
  if (cancellable != NULL)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          read_return (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
          return;
        }
      state->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (state->cancel_source, G_SOURCE_FUNC (caller_cancelled), task, NULL);
      g_source_attach (state->cancel_source, g_main_context_get_thread_default ());
    }
  restart_timeout (task);
  gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, state->inner, stream_ready,
                            g_object_ref (task));
}

GBytes *
tf_clipboard_read_bytes_finish (GdkClipboard  *clipboard,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, clipboard), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
