/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "tf-item-kinds.h"

/* The kinds a board's summary names (tf_item_kinds_count_line()). */
#define MAX_NAMED 2

/* The kinds registered by the wings (wings/tf-wings.c) and by
 * tf_canvas_register_kinds(). Registration happens once, at start-up, before
 * any board is read; lookups after that only read the list, from any
 * thread. */
static GPtrArray *registered;  /* const TfItemKind * */
static GMutex     registry_lock;

void
tf_item_kind_register (const TfItemKind *kind)
{
  g_return_if_fail (kind != NULL && kind->id != NULL);

  g_mutex_lock (&registry_lock);
  if (registered == NULL)
    registered = g_ptr_array_new ();
  for (guint i = 0; i < registered->len; i++)
    if (g_str_equal (((const TfItemKind *) registered->pdata[i])->id, kind->id))
      {
        g_mutex_unlock (&registry_lock);
        return;
      }
  g_ptr_array_add (registered, (gpointer) kind);
  g_mutex_unlock (&registry_lock);
}

const TfItemKind *
tf_item_kind_lookup (const char *id)
{
  const TfItemKind *found = NULL;

  if (id == NULL)
    return NULL;
  g_mutex_lock (&registry_lock);
  for (guint i = 0; registered != NULL && i < registered->len; i++)
    if (g_str_equal (((const TfItemKind *) registered->pdata[i])->id, id))
      {
        found = registered->pdata[i];
        break;
      }
  g_mutex_unlock (&registry_lock);
  /* NULL: a kind from a newer Transfo, kept in the archive and drawn as a
   * placeholder (or a program that forgot tf_wings_init()). */
  return found;
}

char **
tf_item_kind_ids_with_role (guint roles)
{
  GPtrArray *ids = g_ptr_array_new ();

  g_mutex_lock (&registry_lock);
  for (guint i = 0; registered != NULL && i < registered->len; i++)
    {
      const TfItemKind *kind = registered->pdata[i];

      if ((kind->roles & roles) != 0)
        g_ptr_array_add (ids, g_strdup (kind->id));
    }
  g_mutex_unlock (&registry_lock);
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}

void
tf_canvas_register_kinds (void)
{
  tf_label_kind_register ();
  tf_zone_kind_register ();
}

void
tf_item_kind_foreach (void     (*func) (const TfItemKind *kind,
                                        gpointer          data),
                      gpointer   data)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();

  /* A copy: @func may look kinds up. */
  g_mutex_lock (&registry_lock);
  for (guint i = 0; registered != NULL && i < registered->len; i++)
    g_ptr_array_add (kinds, registered->pdata[i]);
  g_mutex_unlock (&registry_lock);
  for (guint i = 0; i < kinds->len; i++)
    func (kinds->pdata[i], data);
}

char *
tf_item_kinds_name (const char * const *kind_ids,
                    guint               count)
{
  const TfItemKind *kind = NULL;
  gboolean one_kind = count > 0 && kind_ids != NULL && kind_ids[0] != NULL;

  /* Every item of one kind: that kind names them. */
  for (guint i = 1; one_kind && i < count; i++)
    one_kind = g_strcmp0 (kind_ids[i], kind_ids[0]) == 0;
  if (one_kind)
    kind = tf_item_kind_lookup (kind_ids[0]);
  if (kind != NULL && kind->name != NULL)
    return kind->name (count);
  if (count == 1)
    return g_strdup (_("an item"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", count), count);
}

char *
tf_item_kinds_count_line (const char * const *kind_ids,
                          const guint        *counts,
                          guint               n)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint others = 0;

  /* What the board says first (its most numerous content kind: insights,
   * actors, cards), then the rest (clusters, links, arrows) by number; at
   * most MAX_NAMED kinds named, so that the line stays short beside the
   * board's name. */
  guint first = n;

  for (guint i = 0; i < n && first == n; i++)
    {
      const TfItemKind *kind = kind_ids[i] != NULL ? tf_item_kind_lookup (kind_ids[i]) : NULL;

      if (counts[i] > 0 && kind != NULL && (kind->roles & TF_ITEM_ROLE_CONTENT) && kind->count != NULL)
        first = i;
    }
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        const TfItemKind *kind = kind_ids[i] != NULL ? tf_item_kind_lookup (kind_ids[i]) : NULL;

        if (counts[i] == 0 || (kind != NULL && (kind->roles & TF_ITEM_ROLE_DERIVED)) ||
            (i == first) != (pass == 0))
          continue;
        if (kind != NULL && kind->count != NULL && parts->len < MAX_NAMED)
          g_ptr_array_add (parts, kind->count (counts[i]));
        else
          others += counts[i];
      }
  if (others > 0)
    g_ptr_array_add (parts, g_strdup_printf (parts->len > 0
                                             ? g_dngettext (GETTEXT_PACKAGE, "%u other item", "%u other items", others)
                                             : g_dngettext (GETTEXT_PACKAGE, "%u item", "%u items", others),
                                             others));
  if (parts->len == 0)
    return g_strdup (_("Empty"));
  /* A wrapped summary breaks between counts, never inside "23 links". */
  for (guint i = 0; i < parts->len; i++)
    {
      g_auto(GStrv) words = g_strsplit (g_ptr_array_index (parts, i), " ", -1);

      g_free (g_ptr_array_index (parts, i));
      g_ptr_array_index (parts, i) = g_strjoinv ("\u00a0", words);
    }
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: what separates the counts of a board's summary:
   * "21 insights · 2 clusters" */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

char *
tf_item_quote (const char *text)
{
  g_autofree char *line = g_strdup (text != NULL ? text : "");

  /* One line: a screen reader pauses at a line break. */
  g_strstrip (g_strdelimit (line, "\r\n\t", ' '));
  /* TRANSLATORS: a quote in what a screen reader says; French: « %s » */
  return g_strdup_printf (_("“%s”"), line);
}

char *
tf_item_describe (const TfItem *item,
                  TfScene      *scene)
{
  g_autofree char *name = NULL;
  g_autofree char *quote = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  if (item->kind != NULL && item->kind->describe != NULL)
    return item->kind->describe (item, scene);
  name = tf_item_kinds_name ((const char * const *) &item->kind_id, 1);
  if (item->text == NULL || *item->text == '\0')
    return g_steal_pointer (&name);
  quote = tf_item_quote (item->text);
  /* TRANSLATORS: an item and its text, said by a screen reader:
   * "a label: “Entrée”" */
  return g_strdup_printf (_("%s: %s"), name, quote);
}
