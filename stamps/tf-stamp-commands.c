/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-stamp-commands"

#include <glib/gi18n.h>

#include "core/tf-stamp-rows.h"
#include "core/tf-store-private.h"
#include "tf-stamp-commands.h"
#include "tf-stamp.h"
#include "tf-svg-check.h"

/* User stamp ids are made from the drawing's hash, so the same pictogram has
 * the same id in every archive (items stay meaningful across bundles). */
#define KEY_PREFIX "user-"
#define KEY_HASH_CHARS 16

typedef struct {
  GBytes *svg;
  char   *family;
  char   *name_fr;
  char   *name_en;
  char   *keywords;
  char   *color;
  char   *key;
} ImportArgs;

static void
import_args_free (gpointer data)
{
  ImportArgs *args = data;

  g_clear_pointer (&args->svg, g_bytes_unref);
  g_free (args->family);
  g_free (args->name_fr);
  g_free (args->name_en);
  g_free (args->keywords);
  g_free (args->color);
  g_free (args->key);
  g_free (args);
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
tf_stamp_check_metadata (const char  *family,
                         const char  *name_fr,
                         const char  *name_en,
                         const char  *color,
                         GError     **error)
{
  if (family == NULL || tf_stamp_family_lookup (family) == NULL)
    {
      GString *ids = g_string_new (NULL);

      for (guint i = 0; i < tf_stamp_family_get_n (); i++)
        g_string_append_printf (ids, "%s%s", i ? ", " : "", tf_stamp_family_get_nth (i)->id);
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_INVALID,
                   _("“%s” is not a family of stamps; the families are %s"),
                   family ? family : "", ids->str);
      g_string_free (ids, TRUE);
      return FALSE;
    }
  if (blank (name_fr) || blank (name_en) ||
      !g_utf8_validate (name_fr, -1, NULL) || !g_utf8_validate (name_en, -1, NULL))
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_INVALID,
                   _("A stamp needs a French and an English name"));
      return FALSE;
    }
  if (color != NULL && color[0] != '\0' && !tf_stamp_parse_color (color, NULL))
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_INVALID,
                   _("“%s” is not a colour; write it as #rrggbb"), color);
      return FALSE;
    }
  return TRUE;
}

/* "a, b ,,c" → "a, b, c" */
static char *
clean_keywords (const char *keywords)
{
  g_auto(GStrv) parts = g_strsplit (keywords ? keywords : "", ",", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i]; i++)
    {
      char *word = g_strstrip (parts[i]);

      if (word[0] == '\0')
        continue;
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", word);
    }
  return g_string_free (out, FALSE);
}

static gboolean
import_stamp (TfCommand  *command,
              TfStore    *store,
              GError    **error)
{
  ImportArgs *args = tf_command_get_data (command);
  const TfStampFamily *family;
  g_autofree char *sha = NULL;
  g_autofree char *key = NULL;
  g_autofree char *keywords = NULL;
  g_autofree char *color = NULL;
  g_autofree char *existing = NULL;
  gint64 asset_id = 0;
  gint64 stamp_id = 0;
  guint32 rgb;

  if (!tf_stamp_check_metadata (args->family, args->name_fr, args->name_en, args->color, error) ||
      !tf_svg_check (args->svg, error))
    return FALSE;

  family = tf_stamp_family_lookup (args->family);
  if (args->color != NULL && args->color[0] != '\0' && tf_stamp_parse_color (args->color, &rgb))
    color = g_strdup_printf ("#%06x", rgb);
  else
    color = g_strdup ("");
  keywords = clean_keywords (args->keywords);
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, args->svg);
  key = g_strdup_printf (KEY_PREFIX "%.*s", KEY_HASH_CHARS, sha);

  if (!tf_stamp_rows_name_of (store, key, &existing, error))
    return FALSE;
  if (existing != NULL)
    {
      g_set_error (error, TF_STAMP_ERROR, TF_STAMP_ERROR_DUPLICATE,
                   _("This drawing is already in the library as “%s” (%s)"),
                   existing, key);
      return FALSE;
    }

  /* The drawing, stored once however many stamps or items use it. */
  if (!tf_asset_rows_add_svg (store, sha, args->name_fr, args->svg, error))
    return FALSE;

  if (!tf_asset_rows_find (store, sha, &asset_id, error))
    return FALSE;
  if (asset_id == 0)
    return tf_store_fail (store, error, _("Could not store the drawing"));

  if (!tf_stamp_rows_insert (store, key, family->id, g_strstrip (args->name_fr), g_strstrip (args->name_en),
                             keywords, color, asset_id, &stamp_id, error))
    return FALSE;

  tf_command_set_result_id (command, stamp_id);
  g_free (args->key);
  args->key = g_steal_pointer (&key);
  return TRUE;
}

TfCommand *
tf_command_import_stamp (GBytes     *svg,
                         const char *family,
                         const char *name_fr,
                         const char *name_en,
                         const char *keywords,
                         const char *color)
{
  ImportArgs *args;

  g_return_val_if_fail (svg != NULL, NULL);

  args = g_new0 (ImportArgs, 1);
  args->svg = g_bytes_ref (svg);
  args->family = g_strdup (family);
  args->name_fr = g_strdup (name_fr);
  args->name_en = g_strdup (name_en);
  args->keywords = g_strdup (keywords);
  args->color = g_strdup (color);
  return tf_command_new (_("Import a stamp"), import_stamp, args, import_args_free);
}

const char *
tf_stamp_command_get_key (TfCommand *command)
{
  ImportArgs *args = tf_command_get_data (command);

  g_return_val_if_fail (args != NULL, NULL);
  return args->key;
}
