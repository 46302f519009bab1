/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-stamp"

#include <string.h>

#include "core/tf-text-match.h"
#include "tf-stamp-private.h"

struct _TfStamp
{
  GObject   parent_instance;

  char     *id;
  char     *family;
  char     *name_fr;
  char     *name_en;
  char    **keywords;
  char     *folded;     /* every searchable text, folded, one per line */
  guint32   color;
  gboolean  builtin;
  GBytes   *svg;
};

G_DEFINE_FINAL_TYPE (TfStamp, tf_stamp, G_TYPE_OBJECT)

G_DEFINE_QUARK (tf-stamp-error-quark, tf_stamp_error)

static void
tf_stamp_finalize (GObject *object)
{
  TfStamp *self = (TfStamp *)object;

  g_free (self->id);
  g_free (self->family);
  g_free (self->name_fr);
  g_free (self->name_en);
  g_strfreev (self->keywords);
  g_free (self->folded);
  g_clear_pointer (&self->svg, g_bytes_unref);

  G_OBJECT_CLASS (tf_stamp_parent_class)->finalize (object);
}

static void
tf_stamp_class_init (TfStampClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tf_stamp_finalize;
}

static void
tf_stamp_init (TfStamp *self)
{
}

char *
tf_stamp_fold (const char *text)
{
  return tf_text_fold (text);
}

gboolean
tf_stamp_parse_color (const char *text,
                      guint32    *rgb)
{
  char digits[7];
  gsize len;

  if (text == NULL)
    return FALSE;
  if (text[0] == '#')
    text++;
  len = strlen (text);
  if (len == 3)
    {
      for (guint i = 0; i < 3; i++)
        digits[2 * i] = digits[2 * i + 1] = text[i];
    }
  else if (len == 6)
    memcpy (digits, text, 6);
  else
    return FALSE;
  digits[6] = '\0';
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isxdigit (digits[i]))
      return FALSE;
  if (rgb)
    *rgb = (guint32) g_ascii_strtoull (digits, NULL, 16);
  return TRUE;
}

gboolean
tf_stamp_prefer_french (void)
{
  const char * const *languages = g_get_language_names ();

  /* The first entry is the most preferred ("fr_FR.UTF-8", "fr"…); "C" means
   * the untranslated English interface. */
  return languages[0] != NULL && g_str_has_prefix (languages[0], "fr");
}

guint
tf_stamp_family_get_n (void)
{
  return tf_stamp_builtins_get ()->n_families;
}

const TfStampFamily *
tf_stamp_family_get_nth (guint index)
{
  const TfStampBuiltins *builtins = tf_stamp_builtins_get ();

  g_return_val_if_fail (index < builtins->n_families, NULL);
  return &builtins->families[index];
}

const TfStampFamily *
tf_stamp_family_lookup (const char *name)
{
  const TfStampBuiltins *builtins = tf_stamp_builtins_get ();
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;

  if (name == NULL)
    return NULL;
  for (guint i = 0; i < builtins->n_families; i++)
    if (g_str_equal (builtins->families[i].id, name))
      return &builtins->families[i];

  trimmed = g_strstrip (g_strdup (name));
  folded = tf_stamp_fold (trimmed);
  for (guint i = 0; i < builtins->n_families; i++)
    {
      g_autofree char *fr = tf_stamp_fold (builtins->families[i].name_fr);
      g_autofree char *en = tf_stamp_fold (builtins->families[i].name_en);

      if (g_str_equal (folded, fr) || g_str_equal (folded, en))
        return &builtins->families[i];
    }
  return NULL;
}

const char *
tf_stamp_family_get_name (const TfStampFamily *family)
{
  g_return_val_if_fail (family != NULL, NULL);
  return tf_stamp_prefer_french () ? family->name_fr : family->name_en;
}

TfStamp *
tf_stamp_new (const char         *id,
              const char         *family,
              const char         *name_fr,
              const char         *name_en,
              const char * const *keywords,
              guint32             color,
              gboolean            builtin,
              GBytes             *svg)
{
  TfStamp *self;
  const TfStampFamily *fam;
  GString *folded;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (svg != NULL, NULL);

  self = g_object_new (TF_TYPE_STAMP, NULL);
  self->id = g_strdup (id);
  self->family = g_strdup (family ? family : "");
  self->name_fr = g_strdup (name_fr ? name_fr : "");
  self->name_en = g_strdup (name_en ? name_en : "");
  self->keywords = g_strdupv ((char **) keywords);
  if (self->keywords == NULL)
    self->keywords = g_new0 (char *, 1);
  self->color = color;
  self->builtin = builtin;
  self->svg = g_bytes_ref (svg);

  /* One folded text to search: names, keywords and the family's names. */
  folded = g_string_new (NULL);
  g_string_append_printf (folded, "%s\n%s\n%s\n", self->id, self->name_fr, self->name_en);
  for (guint i = 0; self->keywords[i]; i++)
    g_string_append_printf (folded, "%s\n", self->keywords[i]);
  fam = tf_stamp_family_lookup (self->family);
  if (fam != NULL)
    g_string_append_printf (folded, "%s\n%s\n", fam->name_fr, fam->name_en);
  self->folded = tf_stamp_fold (folded->str);
  g_string_free (folded, TRUE);
  return self;
}

const char *
tf_stamp_get_id (TfStamp *self)
{
  g_return_val_if_fail (TF_IS_STAMP (self), NULL);
  return self->id;
}

const char *
tf_stamp_get_family_id (TfStamp *self)
{
  g_return_val_if_fail (TF_IS_STAMP (self), NULL);
  return self->family;
}

const TfStampFamily *
tf_stamp_get_family (TfStamp *self)
{
  g_return_val_if_fail (TF_IS_STAMP (self), NULL);
  return tf_stamp_family_lookup (self->family);
}

const char *
tf_stamp_get_name_fr (TfStamp *self)
{
  g_return_val_if_fail (TF_IS_STAMP (self), NULL);
  return self->name_fr;
}

const char *
tf_stamp_get_name_en (TfStamp *self)
{
  g_return_val_if_fail (TF_IS_STAMP (self), NULL);
  return self->name_en;
}

const char *
tf_stamp_get_name (TfStamp *self)
{
  g_return_val_if_fail (TF_IS_STAMP (self), NULL);
  if (tf_stamp_prefer_french ())
    return self->name_fr[0] ? self->name_fr : self->name_en;
  return self->name_en[0] ? self->name_en : self->name_fr;
}

const char * const *
tf_stamp_get_keywords (TfStamp *self)
{
  g_return_val_if_fail (TF_IS_STAMP (self), NULL);
  return (const char * const *) self->keywords;
}

guint32
tf_stamp_get_color (TfStamp *self)
{
  g_return_val_if_fail (TF_IS_STAMP (self), 0);
  return self->color;
}

gboolean
tf_stamp_get_builtin (TfStamp *self)
{
  g_return_val_if_fail (TF_IS_STAMP (self), FALSE);
  return self->builtin;
}

GBytes *
tf_stamp_get_svg (TfStamp *self)
{
  g_return_val_if_fail (TF_IS_STAMP (self), NULL);
  return self->svg;
}

gboolean
tf_stamp_matches (TfStamp    *self,
                  const char *query)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (TF_IS_STAMP (self), FALSE);

  if (query == NULL)
    return TRUE;
  folded = tf_stamp_fold (query);
  words = g_strsplit_set (folded, " \t\n,;", -1);
  for (guint i = 0; words[i]; i++)
    if (words[i][0] != '\0' && strstr (self->folded, words[i]) == NULL)
      return FALSE;
  return TRUE;
}
