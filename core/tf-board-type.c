/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tf-board-type.h"

static GPtrArray *types;  /* const TfBoardType * */

void
tf_board_type_register (const TfBoardType *type)
{
  g_return_if_fail (type != NULL && type->id != NULL);

  if (types == NULL)
    types = g_ptr_array_new ();
  for (guint i = 0; i < types->len; i++)
    if (g_str_equal (((const TfBoardType *) types->pdata[i])->id, type->id))
      return;
  g_ptr_array_add (types, (gpointer) type);
}

/* Lower-case ASCII without spaces, dashes or underscores: "Mur", "mur" and
 * "MUR" compare alike, as do "actor-map" and "Actor map". */
static char *
fold (const char *str)
{
  g_autofree char *ascii = g_str_to_ascii (str, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (*p != ' ' && *p != '-' && *p != '_' && *p != '/')
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

const TfBoardType *
tf_board_type_lookup (const char *id)
{
  g_autofree char *folded = NULL;

  if (id == NULL || types == NULL)
    return NULL;
  /* The stored id first: the common case, and no allocation. */
  for (guint i = 0; i < types->len; i++)
    if (g_str_equal (((const TfBoardType *) types->pdata[i])->id, id))
      return types->pdata[i];

  folded = fold (id);
  for (guint i = 0; i < types->len; i++)
    {
      const TfBoardType *type = types->pdata[i];
      const char *names[] = { type->id, type->alias, type->label, _(type->label) };

      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        {
          g_autofree char *name = names[j] != NULL ? fold (names[j]) : NULL;

          if (name != NULL && g_str_equal (name, folded))
            return type;
        }
    }
  return NULL;
}

GPtrArray *
tf_board_type_list (void)
{
  if (types == NULL)
    types = g_ptr_array_new ();
  return types;
}

const char *
tf_board_type_get_label (const TfBoardType *type)
{
  return _(type->label);
}

static void
board_text_clear (gpointer data)
{
  g_free (((TfBoardText *) data)->text);
}

GArray *
tf_board_text_array_new (void)
{
  GArray *texts = g_array_new (FALSE, TRUE, sizeof (TfBoardText));

  g_array_set_clear_func (texts, board_text_clear);
  return texts;
}

static void
board_key_row_clear (gpointer data)
{
  TfBoardKeyRow *row = data;

  g_free (row->key);
  g_free (row->text);
}

GArray *
tf_board_key_row_array_new (void)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (TfBoardKeyRow));

  g_array_set_clear_func (rows, board_key_row_clear);
  return rows;
}

static void
board_figure_clear (gpointer data)
{
  TfBoardFigure *figure = data;

  g_free (figure->caption);
}

GArray *
tf_board_figure_array_new (void)
{
  GArray *figures = g_array_new (FALSE, TRUE, sizeof (TfBoardFigure));

  g_array_set_clear_func (figures, board_figure_clear);
  return figures;
}
