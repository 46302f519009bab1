/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-insight"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "core/tf-content.h"
#include "tf-insight.h"

/* Pastel versions of the Okabe–Ito colours, light enough for dark text and
 * far enough apart to survive colour-vision deficiencies and photocopies. */
static const TfNoteColor note_colors[] = {
  { "yellow", N_("Yellow"), 0xF6E27A },
  { "orange", N_("Orange"), 0xF4B04F },
  { "coral",  N_("Coral"),  0xEE8A6A },
  { "pink",   N_("Pink"),   0xE7A9CF },
  { "lilac",  N_("Lilac"),  0xB9A6E8 },
  { "sky",    N_("Sky"),    0x92CDF0 },
  { "green",  N_("Green"),  0x8FD0A8 },
  { "white",  N_("White"),  0xF4F1EA },
};

typedef struct {
  const char *id;
  const char *alias;   /* the French word users type in CSV files */
  const char *label;   /* N_() */
} Named;

static const Named sources[TF_N_SOURCES] = {
  { "unknown",    "inconnu",       N_("Not said") },
  { "elected",    "élu",           N_("Elected official") },
  { "staff",      "collaborateur", N_("Official's staff") },
  { "cabinet",    "cabinet",       N_("President's cabinet") },
  { "department", "service",       N_("Department") },
  { "agent",      "agent",         N_("Agent") },
  { "citizen",    "usager",        N_("Citizen or user") },
  { "partner",    "partenaire",    N_("Partner") },
  { "resident",   "résident",      N_("Resident (design team)") },
  { "other",      "autre",         N_("Other") },
};

static const Named consents[TF_N_CONSENTS] = {
  { "to-check",   "à vérifier", N_("To check") },
  { "anonymised", "anonymisé",  N_("Anonymised") },
  { "given",      "accord",     N_("Wording approved") },
  { "withdrawn",  "retiré",     N_("Withdrawn") },
};

static const Named sizes[TF_N_NOTE_SIZES] = {
  { "s", "petit", N_("Small") },
  { "m", "moyen", N_("Medium") },
  { "l", "grand", N_("Large") },
};

/* Lower-case ASCII without accents, separators dropped: "Élu(e)" → "elue". */
static char *
fold (const char *str)
{
  g_autofree char *ascii = g_str_to_ascii (str, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static gboolean
lookup (const Named *table,
        guint        n,
        const char  *str,
        int         *value)
{
  g_autofree char *key = NULL;

  if (str == NULL)
    return FALSE;
  /* What Transfo writes itself: the id, exactly (a wall's payloads are
   * read by the hundred thousand, folding is for what people typed). */
  for (guint i = 0; i < n; i++)
    if (strcmp (str, table[i].id) == 0)
      {
        *value = (int) i;
        return TRUE;
      }
  key = fold (str);
  if (key[0] == '\0')
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = fold (table[i].id);
      g_autofree char *alias = fold (table[i].alias);
      g_autofree char *label = fold (table[i].label);
      g_autofree char *translated = fold (_(table[i].label));

      /* "élue", "élus" and "collaboratrice" are common spellings. */
      if (g_str_equal (key, id) || g_str_equal (key, alias) || g_str_equal (key, label) ||
          g_str_equal (key, translated) ||
          (g_str_has_prefix (key, alias) && strlen (key) <= strlen (alias) + 2))
        {
          *value = (int) i;
          return TRUE;
        }
    }
  return FALSE;
}

const TfNoteColor *
tf_note_colors (guint *n_colors)
{
  if (n_colors)
    *n_colors = G_N_ELEMENTS (note_colors);
  return note_colors;
}

const TfNoteColor *
tf_note_color_default (void)
{
  return &note_colors[0];
}

const TfNoteColor *
tf_note_color_lookup (const char *id_or_label)
{
  g_autofree char *key = NULL;

  if (id_or_label == NULL)
    return NULL;
  /* A style's own id, as Transfo writes it. */
  for (guint i = 0; i < G_N_ELEMENTS (note_colors); i++)
    if (strcmp (id_or_label, note_colors[i].id) == 0)
      return &note_colors[i];
  key = fold (id_or_label);
  for (guint i = 0; i < G_N_ELEMENTS (note_colors); i++)
    {
      g_autofree char *label = fold (_(note_colors[i].label));

      if (g_str_equal (key, note_colors[i].id) || g_str_equal (key, label))
        return &note_colors[i];
    }
  /* The French names, as people type them in spreadsheets. */
  {
    static const struct { const char *fr; guint index; } french[] = {
      { "jaune", 0 }, { "orange", 1 }, { "corail", 2 }, { "rose", 3 },
      { "lilas", 4 }, { "violet", 4 }, { "bleu", 5 }, { "ciel", 5 }, { "vert", 6 }, { "blanc", 7 },
    };
    for (guint i = 0; i < G_N_ELEMENTS (french); i++)
      if (g_str_equal (key, french[i].fr))
        return &note_colors[french[i].index];
  }
  return NULL;
}

void
tf_insight_fields_init (TfInsightFields *fields)
{
  memset (fields, 0, sizeof *fields);
  fields->date = g_strdup ("");
  fields->tags = g_new0 (char *, 1);
  fields->consent = TF_CONSENT_TO_CHECK;
}

void
tf_insight_fields_clear (TfInsightFields *fields)
{
  g_clear_pointer (&fields->date, g_free);
  g_clear_pointer (&fields->tags, g_strfreev);
  g_clear_pointer (&fields->extra, g_free);
}

static const char * const known_keys[] = {
  "source", "date", "tags", "consent", "retired", "votes", "star", NULL
};

void
tf_insight_fields_parse (TfInsightFields *fields,
                         const char      *payload)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonNode *root;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(JsonNode) extra_node = NULL;
  GList *members;

  tf_insight_fields_clear (fields);
  tf_insight_fields_init (fields);

  if (payload == NULL || payload[0] == '\0' || !tf_content_check_json (payload, -1))
    return;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, payload, -1, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);

  if (json_object_has_member (object, "source"))
    tf_source_from_string (tf_content_json_string (object, "source", ""),
                           &fields->source);
  if (json_object_has_member (object, "date"))
    {
      g_free (fields->date);
      fields->date = g_strdup (tf_content_json_string (object, "date", ""));
    }
  if (json_object_has_member (object, "tags") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "tags")))
    {
      JsonArray *array = json_object_get_array_member (object, "tags");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
      g_strfreev (fields->tags);
      fields->tags = g_strv_builder_end (builder);
    }
  if (json_object_has_member (object, "consent"))
    tf_consent_from_string (tf_content_json_string (object, "consent", ""),
                            &fields->consent);
  fields->retired = tf_content_json_boolean (object, "retired", FALSE);
  fields->votes = (guint) CLAMP (tf_content_json_int (object, "votes", 0), 0, 9999);
  fields->star = tf_content_json_boolean (object, "star", FALSE);

  /* Keys written by a later version survive a round trip through this one. */
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (known_keys, l->data))
      {
        if (extra == NULL)
          extra = json_object_new ();
        json_object_set_member (extra, l->data, json_node_copy (json_object_get_member (object, l->data)));
      }
  g_list_free (members);
  if (extra != NULL)
    {
      extra_node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (extra_node, extra);
      fields->extra = json_to_string (extra_node, FALSE);
    }
}

char *
tf_insight_fields_to_json (const TfInsightFields *fields)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, tf_source_to_id (fields->source));
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, fields->date ? fields->date : "");
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; fields->tags && fields->tags[i]; i++)
    json_builder_add_string_value (builder, fields->tags[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "consent");
  json_builder_add_string_value (builder, tf_consent_to_id (fields->consent));
  json_builder_set_member_name (builder, "retired");
  json_builder_add_boolean_value (builder, fields->retired);
  json_builder_set_member_name (builder, "votes");
  json_builder_add_int_value (builder, fields->votes);
  json_builder_set_member_name (builder, "star");
  json_builder_add_boolean_value (builder, fields->star);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  object = json_node_get_object (root);

  if (fields->extra != NULL)
    {
      g_autoptr(JsonNode) extra = json_from_string (fields->extra, NULL);

      if (extra != NULL && JSON_NODE_HOLDS_OBJECT (extra))
        {
          JsonObject *extra_object = json_node_get_object (extra);
          GList *members = json_object_get_members (extra_object);

          for (GList *l = members; l; l = l->next)
            if (!json_object_has_member (object, l->data))
              json_object_set_member (object, l->data,
                                      json_node_copy (json_object_get_member (extra_object, l->data)));
          g_list_free (members);
        }
    }

  return json_to_string (root, FALSE);
}

const char *
tf_source_to_id (TfSource source)
{
  g_return_val_if_fail (source < TF_N_SOURCES, NULL);
  return sources[source].id;
}

const char *
tf_source_get_label (TfSource source)
{
  g_return_val_if_fail (source < TF_N_SOURCES, NULL);
  return _(sources[source].label);
}

gboolean
tf_source_from_string (const char *str,
                       TfSource   *source)
{
  int value;

  if (!lookup (sources, TF_N_SOURCES, str, &value))
    return FALSE;
  *source = (TfSource) value;
  return TRUE;
}

const char *
tf_consent_to_id (TfConsent consent)
{
  g_return_val_if_fail (consent < TF_N_CONSENTS, NULL);
  return consents[consent].id;
}

const char *
tf_consent_get_label (TfConsent consent)
{
  g_return_val_if_fail (consent < TF_N_CONSENTS, NULL);
  return _(consents[consent].label);
}

gboolean
tf_consent_from_string (const char *str,
                        TfConsent  *consent)
{
  int value;

  if (!lookup (consents, TF_N_CONSENTS, str, &value))
    return FALSE;
  *consent = (TfConsent) value;
  return TRUE;
}

const char *
tf_note_size_to_id (TfNoteSize size)
{
  g_return_val_if_fail (size < TF_N_NOTE_SIZES, NULL);
  return sizes[size].id;
}

double
tf_note_size_get_side (TfNoteSize size)
{
  static const double sides[TF_N_NOTE_SIZES] = {
    TF_NOTE_SMALL_SIDE, TF_NOTE_MEDIUM_SIDE, TF_NOTE_LARGE_SIDE
  };

  g_return_val_if_fail (size < TF_N_NOTE_SIZES, TF_NOTE_MEDIUM_SIDE);
  return sides[size];
}

gboolean
tf_note_size_from_string (const char *str,
                          TfNoteSize *size)
{
  int value;

  if (!lookup (sizes, TF_N_NOTE_SIZES, str, &value))
    return FALSE;
  *size = (TfNoteSize) value;
  return TRUE;
}
