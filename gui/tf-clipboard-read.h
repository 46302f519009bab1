/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

const char *tf_clipboard_offers             (GdkClipboard        *clipboard,
                                             const char * const  *mime_types);
void        tf_clipboard_read_bytes_async   (GdkClipboard        *clipboard,
                                             const char          *mime_type,
                                             gsize                max_size,
                                             guint                timeout_ms,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GBytes     *tf_clipboard_read_bytes_finish  (GdkClipboard        *clipboard,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
