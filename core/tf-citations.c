/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "tf-citations.h"
#include "tf-item-rows.h"

void
tf_citation_free (TfCitation *citation)
{
  if (citation == NULL)
    return;
  g_free (citation->board_type);
  g_free (citation->board_name);
  g_free (citation->text);
  g_free (citation);
}

static char *
column_text (sqlite3_stmt *row,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (row, column);

  return g_strdup (text != NULL ? (const char *) text : "");
}

static gboolean
add_citation (sqlite3_stmt *row,
              gpointer      user_data)
{
  GPtrArray *citations = user_data;
  TfCitation *citation = g_new0 (TfCitation, 1);

  citation->item_id = sqlite3_column_int64 (row, 0);
  citation->board_id = sqlite3_column_int64 (row, 1);
  citation->board_type = column_text (row, 2);
  citation->board_name = column_text (row, 3);
  citation->text = column_text (row, 4);
  g_ptr_array_add (citations, citation);
  return TRUE;
}

GPtrArray *
tf_citations_of (TfStore  *store,
                 gint64    item_id,
                 GError  **error)
{
  g_autoptr(GPtrArray) citations = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_citation_free);

  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  if (!tf_item_rows_citing (store, item_id, add_citation, citations, error))
    return NULL;
  return g_steal_pointer (&citations);
}
