/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tf-item-kinds.h"

static const TfItemKind * const kinds[] = {
  &tf_note_kind,
  &tf_label_kind,
  &tf_zone_kind,
  &tf_stamp_kind,
  &tf_link_kind,
  &tf_pool_kind,
  &tf_legend_kind,
};

static GPtrArray *registered;  /* const TfItemKind * */

void
tf_item_kind_register (const TfItemKind *kind)
{
  if (registered == NULL)
    registered = g_ptr_array_new ();
  for (guint i = 0; i < registered->len; i++)
    if (g_str_equal (((const TfItemKind *) registered->pdata[i])->id, kind->id))
      return;
  g_ptr_array_add (registered, (gpointer) kind);
}

const TfItemKind *
tf_item_kind_lookup (const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; registered != NULL && i < registered->len; i++)
    if (g_str_equal (((const TfItemKind *) registered->pdata[i])->id, id))
      return registered->pdata[i];
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i]->id, id))
      return kinds[i];
  /* A kind from a newer Transfo: kept in the archive, drawn as a placeholder. */
  return NULL;
}

void
tf_item_kind_foreach (void     (*func) (const TfItemKind *kind,
                                        gpointer          data),
                      gpointer   data)
{
  for (guint i = 0; registered != NULL && i < registered->len; i++)
    func (registered->pdata[i], data);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (tf_item_kind_lookup (kinds[i]->id) == kinds[i])
      func (kinds[i], data);
}
