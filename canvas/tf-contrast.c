/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "tf-contrast.h"
#include "tf-renderer.h"

static double
channel (guint32 value)
{
  double c = (value & 0xff) / 255.0;

  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
tf_contrast_luminance (guint32 rgb)
{
  return 0.2126 * channel (rgb >> 16) + 0.7152 * channel (rgb >> 8) + 0.0722 * channel (rgb);
}

double
tf_contrast_ratio (guint32 a,
                   guint32 b)
{
  double la = tf_contrast_luminance (a);
  double lb = tf_contrast_luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

guint32
tf_contrast_text_on (guint32 background)
{
  return tf_contrast_ratio (TF_INK_RGB, background) >= tf_contrast_ratio (0xFFFFFF, background)
           ? TF_INK_RGB : 0xFFFFFF;
}

guint32
tf_contrast_darken (guint32 rgb,
                    double  amount)
{
  guint32 out = 0;

  for (int shift = 16; shift >= 0; shift -= 8)
    out |= (guint32) (((rgb >> shift) & 0xff) * (1 - amount)) << shift;
  return out;
}
