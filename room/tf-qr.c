/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <qrencode.h>

#include "tf-qr.h"

TfQr *
tf_qr_new (const char *text)
{
  QRcode *code;
  TfQr *qr;

  g_return_val_if_fail (text != NULL, NULL);
  code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    return NULL;
  qr = g_new0 (TfQr, 1);
  qr->width = (guint) code->width;
  qr->version = (guint) code->version;
  qr->modules = g_new (guint8, qr->width * qr->width);
  /* libqrencode's bytes carry more than the colour: bit 0 is dark. */
  for (guint i = 0; i < qr->width * qr->width; i++)
    qr->modules[i] = code->data[i] & 1;
  QRcode_free (code);
  return qr;
}

void
tf_qr_free (TfQr *qr)
{
  if (qr == NULL)
    return;
  g_free (qr->modules);
  g_free (qr);
}

gboolean
tf_qr_get (const TfQr *qr,
           guint       x,
           guint       y)
{
  return x < qr->width && y < qr->width && qr->modules[y * qr->width + x] != 0;
}
