/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-stamps"

#include <glib/gi18n.h>

#include "canvas/tf-item-kinds.h"
#include "stamps/tf-actor-items.h"
#include "stamps/tf-stamp-library.h"

/* What a screen reader says of the items of an actor map when the
 * keyboard is on one (TfItemKind.describe): an actor's label, family and
 * links, a link's relation and ends, a pool's name and members. */

/* An actor's links said one by one, then how many more. */
#define MAX_LINKS_SAID 8

/* An actor as the others' descriptions name it: its label quoted, else its
 * pictogram's name, else "an item". */
static char *
actor_name (TfScene *scene,
            gint64   id)
{
  TfItem *item = scene != NULL ? tf_scene_lookup (scene, id) : NULL;
  const TfStampData *data;

  if (item == NULL)
    return g_strdup (_("a missing item"));
  if (item->text != NULL && item->text[0] != '\0')
    return tf_item_quote (item->text);
  data = item->kind == &tf_stamp_kind ? item->data : NULL;
  if (data != NULL && data->stamp[0] != '\0')
    {
      g_autoptr(TfStamp) stamp = tf_stamp_library_lookup (tf_stamp_library_get_default (), data->stamp);

      if (stamp != NULL)
        return g_strdup (tf_stamp_get_name (stamp));
    }
  return tf_item_kinds_name ((const char * const *) &item->kind_id, 1);
}

/* A relation within a sentence: a built-in one in lower case, the user's
 * own word as written. */
static char *
relation_name (const char *relation)
{
  if (tf_relation_is_builtin (relation))
    return g_utf8_strdown (tf_relation_get_name (relation), -1);
  return g_strdup (tf_relation_get_name (relation));
}

/* “Président”, actor, Elected officials (Elected official); 2 links:
 * information to “Cabinet”, hierarchy from “DGS”. */
char *
tf_stamp_item_describe (const TfItem *item,
                        TfScene      *scene)
{
  const TfStampData *data = item->data;
  g_autoptr(TfStamp) stamp = NULL;
  g_autofree char *name = actor_name (scene, item->id);
  GString *said = g_string_new (NULL);
  GPtrArray *items = scene != NULL ? tf_scene_get_items (scene) : NULL;
  guint n_links = 0;

  if (data != NULL && data->stamp[0] != '\0')
    stamp = tf_stamp_library_lookup (tf_stamp_library_get_default (), data->stamp);
  /* TRANSLATORS: said of an actor stamped on a map: “Président”, actor */
  g_string_append_printf (said, _("%s, actor"), name);
  if (stamp != NULL)
    {
      const TfStampFamily *family = tf_stamp_get_family (stamp);

      if (family != NULL)
        g_string_append_printf (said, ", %s", tf_stamp_family_get_name (family));
      if (item->text != NULL && item->text[0] != '\0')
        g_string_append_printf (said, " (%s)", tf_stamp_get_name (stamp));
    }
  if (data != NULL && data->role != NULL && data->role[0] != '\0')
    g_string_append_printf (said, ", %s", data->role);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const TfItem *link = g_ptr_array_index (items, i);
      const TfLinkData *ld = link->kind == &tf_link_kind ? link->data : NULL;
      gboolean out;
      g_autofree char *other = NULL;
      g_autofree char *relation = NULL;

      if (ld == NULL || link->hidden || (ld->source != item->id && ld->target != item->id) ||
          ld->source == ld->target)
        continue;
      n_links++;
      if (n_links > MAX_LINKS_SAID)
        continue;
      out = ld->source == item->id;
      other = actor_name (scene, out ? ld->target : ld->source);
      relation = relation_name (ld->relation);
      g_string_append (said, n_links == 1 ? _("; links: ") : ", ");
      if (ld->direction != TF_LINK_FORWARD)
        /* TRANSLATORS: a link of an actor: “information with “Cabinet”” */
        g_string_append_printf (said, _("%s with %s"), relation, other);
      else if (out)
        g_string_append_printf (said, _("%s to %s"), relation, other);
      else
        g_string_append_printf (said, _("%s from %s"), relation, other);
    }
  if (n_links == 0)
    g_string_append (said, _("; no links"));
  else if (n_links > MAX_LINKS_SAID)
    g_string_append_printf (said, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                               n_links - MAX_LINKS_SAID),
                            n_links - MAX_LINKS_SAID);
  return g_string_free (said, FALSE);
}

/* Link, information, from “Président” to “Cabinet”, “weekly”. */
char *
tf_link_item_describe (const TfItem *item,
                       TfScene      *scene)
{
  const TfLinkData *data = item->data;
  g_autofree char *source = NULL;
  g_autofree char *target = NULL;
  g_autofree char *relation = NULL;
  GString *said;

  if (data == NULL)
    return g_strdup (_("Link"));
  source = actor_name (scene, data->source);
  target = actor_name (scene, data->target);
  relation = relation_name (data->relation);
  said = g_string_new (NULL);
  if (data->direction == TF_LINK_FORWARD)
    g_string_append_printf (said, _("Link, %s, from %s to %s"), relation,
                            source, target);
  else
    g_string_append_printf (said, _("Link, %s, between %s and %s"), relation,
                            source, target);
  if (data->direction == TF_LINK_BOTH)
    g_string_append (said, _(", both ways"));
  if (data->label != NULL && data->label[0] != '\0')
    {
      g_autofree char *label = tf_item_quote (data->label);

      g_string_append_printf (said, ", %s", label);
    }
  return g_string_free (said, FALSE);
}

/* Pool “Cabinet du président”, 3 actors: “A”, “B”, “C”. */
char *
tf_pool_item_describe (const TfItem *item,
                       TfScene      *scene)
{
  const TfPoolData *data = item->data;
  guint n = data != NULL ? data->members->len : 0;
  g_autofree char *title = NULL;
  GString *said = g_string_new (NULL);

  if (item->text != NULL && item->text[0] != '\0')
    {
      title = tf_item_quote (item->text);
      g_string_append_printf (said, _("Pool %s"), title);
    }
  else
    g_string_append (said, _("Untitled pool"));
  g_string_append_printf (said, g_dngettext (GETTEXT_PACKAGE, ", %u actor", ", %u actors", n), n);
  for (guint i = 0; i < n && i < MAX_LINKS_SAID; i++)
    {
      g_autofree char *member = actor_name (scene, g_array_index (data->members, gint64, i));

      g_string_append_printf (said, i == 0 ? ": %s" : ", %s", member);
    }
  return g_string_free (said, FALSE);
}
