/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The QR code of the room's address (libqrencode), as a square matrix of
 * modules for whoever draws it (the audience view, a test). No GTK. */

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint   width;     /* modules a side, without the quiet zone */
  guint   version;   /* 1 to 40 */
  guint8 *modules;   /* width × width, row by row; 1: dark */
} TfQr;

/* The code of @text (8-bit mode, error correction M), NULL when it is too
 * long for any version. */
TfQr    *tf_qr_new        (const char *text) G_GNUC_WARN_UNUSED_RESULT;
void     tf_qr_free       (TfQr       *qr);
gboolean tf_qr_get        (const TfQr *qr,
                           guint       x,
                           guint       y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TfQr, tf_qr_free)

G_END_DECLS
