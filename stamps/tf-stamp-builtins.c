/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-stamp-builtins"

#include <json-glib/json-glib.h>

#include "tf-stamp-private.h"
#include "stamps/tf-stamps-resources.h"

#define RESOURCE_PREFIX "/fr/transfo/Transfo/stamps/"

/* The bundle is registered on first use: nothing else refers to it. */
static GResource *
stamps_resource (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      tf_stamps_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  return tf_stamps_get_resource ();
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  return g_strdup (json_object_get_string_member_with_default (object, name, ""));
}

/* The metadata ships with the program: a parse failure is a build error,
 * caught by the tests, so it is fatal here. */
static TfStampBuiltins *
load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resource_lookup_data (stamps_resource (),
                                                    RESOURCE_PREFIX "stamps.json",
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  TfStampBuiltins *builtins = g_new0 (TfStampBuiltins, 1);
  JsonObject *root;
  JsonArray *families, *stamps;

  if (bytes == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("The built-in stamp metadata is unreadable: %s", error->message);

  root = json_node_get_object (json_parser_get_root (parser));
  families = json_object_get_array_member (root, "families");
  stamps = json_object_get_array_member (root, "stamps");

  builtins->n_families = json_array_get_length (families);
  builtins->families = g_new0 (TfStampFamily, builtins->n_families);
  for (guint i = 0; i < builtins->n_families; i++)
    {
      JsonObject *family = json_array_get_object_element (families, i);
      TfStampFamily *out = &builtins->families[i];

      out->id = dup_member (family, "id");
      out->name_fr = dup_member (family, "name_fr");
      out->name_en = dup_member (family, "name_en");
      if (!tf_stamp_parse_color (json_object_get_string_member_with_default (family, "color", ""),
                                 &out->color))
        g_error ("The built-in stamp family %s has no colour", out->id);
    }

  builtins->n_stamps = json_array_get_length (stamps);
  builtins->stamps = g_new0 (TfBuiltinStamp, builtins->n_stamps);
  for (guint i = 0; i < builtins->n_stamps; i++)
    {
      JsonObject *stamp = json_array_get_object_element (stamps, i);
      JsonArray *keywords = json_object_get_array_member (stamp, "keywords");
      TfBuiltinStamp *out = &builtins->stamps[i];
      guint n = keywords ? json_array_get_length (keywords) : 0;

      out->id = dup_member (stamp, "id");
      out->family = dup_member (stamp, "family");
      out->name_fr = dup_member (stamp, "name_fr");
      out->name_en = dup_member (stamp, "name_en");
      out->keywords = g_new0 (char *, n + 1);
      for (guint k = 0; k < n; k++)
        out->keywords[k] = g_strdup (json_array_get_string_element (keywords, k));
    }

  return builtins;
}

const TfStampBuiltins *
tf_stamp_builtins_get (void)
{
  static gsize builtins = 0;

  if (g_once_init_enter (&builtins))
    g_once_init_leave (&builtins, (gsize) load ());
  return (const TfStampBuiltins *) builtins;
}

GBytes *
tf_stamp_builtins_load_svg (const char *id)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, id, ".svg", NULL);

  return g_resource_lookup_data (stamps_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}
