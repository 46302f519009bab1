/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "tf-blueprint-checks.h"

/* As-is / to-be. A to-be blueprint is a copy of the as-is one (its grid
 * keeps the step and lane ids) whose cards remember, in `origin`, the
 * as-is card they were copied from; a card made in the to-be has none.
 * So the comparison needs no matching by text or place: the origin says
 * which card became which. */

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

/* What a facilitator sees of a card: its text, its cell, who does it and
 * its markers, with what each marker says. */
static gboolean
card_changed (const TfBpCard *was,
              const TfBpCard *is)
{
  if (!same_text (was->text, is->text)
      || !same_text (was->step_id, is->step_id)
      || !same_text (was->lane_id, is->lane_id)
      || !same_text (was->actor, is->actor)
      || !same_text (was->department, is->department)
      || was->marks != is->marks)
    return TRUE;
  if ((is->marks & TF_BP_MARK_FAIL)
      && (!same_text (was->fail_owner, is->fail_owner)
          || !same_text (was->fail_mitigation, is->fail_mitigation)))
    return TRUE;
  if ((is->marks & TF_BP_MARK_WAIT) && !same_text (was->wait_duration, is->wait_duration))
    return TRUE;
  return FALSE;
}

TfBpComparison *
tf_blueprint_compare (const TfBlueprint *as_is,
                      const TfBlueprint *to_be)
{
  g_autoptr(GHashTable) by_id = NULL;    /* gint64 * → TfBpCard *, of @as_is */
  g_autoptr(GHashTable) kept = NULL;     /* gint64 *: as-is cards with a copy */
  TfBpComparison *comparison;

  g_return_val_if_fail (as_is != NULL, NULL);
  g_return_val_if_fail (to_be != NULL, NULL);

  comparison = g_new0 (TfBpComparison, 1);
  comparison->added = g_array_new (FALSE, FALSE, sizeof (gint64));
  comparison->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  comparison->removed = g_array_new (FALSE, FALSE, sizeof (gint64));

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  kept = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < as_is->cards->len; i++)
    {
      TfBpCard *card = g_ptr_array_index (as_is->cards, i);
      g_hash_table_insert (by_id, &card->item_id, card);
    }

  for (guint i = 0; i < to_be->cards->len; i++)
    {
      const TfBpCard *card = g_ptr_array_index (to_be->cards, i);
      const TfBpCard *origin = card->origin != 0 ? g_hash_table_lookup (by_id, &card->origin) : NULL;

      if (origin == NULL)
        g_array_append_val (comparison->added, card->item_id);
      else
        {
          g_hash_table_add (kept, (gpointer) &origin->item_id);
          if (card_changed (origin, card))
            g_array_append_val (comparison->changed, card->item_id);
        }
    }

  for (guint i = 0; i < as_is->cards->len; i++)
    {
      const TfBpCard *card = g_ptr_array_index (as_is->cards, i);
      if (!g_hash_table_contains (kept, &card->item_id))
        g_array_append_val (comparison->removed, card->item_id);
    }

  return comparison;
}

void
tf_bp_comparison_free (TfBpComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_array_unref (comparison->added);
  g_array_unref (comparison->changed);
  g_array_unref (comparison->removed);
  g_free (comparison);
}
