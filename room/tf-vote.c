/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-vote"

#include <glib/gi18n.h>

#include "canvas/tf-item-commands.h"
#include "tf-session.h"
#include "tf-vote.h"

struct _TfVoteRound
{
  gint64    board_id;
  gint64    session_id;
  gint64    item_id;
  char     *title;
  GArray   *notes;      /* gint64 */
  guint     n_colours;
  guint     dots;
  gboolean  hidden;
  gboolean  revealed;
  guint    *counts;     /* n_notes × n_colours */
};

static int
compare_reading (gconstpointer a,
                 gconstpointer b)
{
  const TfItem *x = *(TfItem * const *) a;
  const TfItem *y = *(TfItem * const *) b;

  if (x->bounds.y + x->bounds.height / 2 < y->bounds.y)
    return -1;
  if (y->bounds.y + y->bounds.height / 2 < x->bounds.y)
    return 1;
  return x->bounds.x < y->bounds.x ? -1 : x->bounds.x > y->bounds.x;
}

GPtrArray *
tf_vote_round_list_notes (const TfSessionStep *step,
                          const char          *board_kind,
                          TfScene             *scene)
{
  TfSessionStep reveal = *step;
  GPtrArray *notes;

  /* The cards a reveal of this view would show: a cluster's, or, for a
   * whole board, every insight. */
  if (step->kind != TF_SESSION_STEP_REVEAL)
    {
      reveal.kind = TF_SESSION_STEP_REVEAL;
      reveal.reveal = step->kind == TF_SESSION_STEP_BOARD ? TF_SESSION_REVEAL_VOTES
                                                          : TF_SESSION_REVEAL_CLUSTER;
    }
  notes = tf_session_step_reveal_cards (&reveal, board_kind, scene);
  g_ptr_array_sort (notes, compare_reading);
  return notes;
}

TfVoteRound *
tf_vote_round_new (gint64        board_id,
                   gint64        session_id,
                   gint64        item_id,
                   const char   *title,
                   const gint64 *note_ids,
                   guint         n_notes,
                   guint         n_colours,
                   guint         dots,
                   gboolean      hidden)
{
  TfVoteRound *self;

  g_return_val_if_fail (n_colours >= 1 && n_colours <= TF_VOTE_MAX_COLOURS, NULL);
  g_return_val_if_fail (dots >= 1 && dots <= TF_VOTE_MAX_DOTS, NULL);

  self = g_new0 (TfVoteRound, 1);
  self->board_id = board_id;
  self->session_id = session_id;
  self->item_id = item_id;
  self->title = g_strdup (title != NULL ? title : "");
  self->notes = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n_notes; i++)
    if (tf_vote_round_find_note (self, note_ids[i]) < 0)
      g_array_append_val (self->notes, note_ids[i]);
  self->n_colours = n_colours;
  self->dots = dots;
  self->hidden = hidden;
  self->counts = g_new0 (guint, MAX (self->notes->len, 1) * n_colours);
  return self;
}

void
tf_vote_round_free (TfVoteRound *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_array_unref (self->notes);
  g_free (self->counts);
  g_free (self);
}

gint64
tf_vote_round_get_board (TfVoteRound *self)
{
  return self->board_id;
}

guint
tf_vote_round_get_n_notes (TfVoteRound *self)
{
  return self->notes->len;
}

gint64
tf_vote_round_get_note (TfVoteRound *self,
                        guint        index)
{
  return index < self->notes->len ? g_array_index (self->notes, gint64, index) : 0;
}

int
tf_vote_round_find_note (TfVoteRound *self,
                         gint64       note_id)
{
  for (guint i = 0; i < self->notes->len; i++)
    if (g_array_index (self->notes, gint64, i) == note_id)
      return (int) i;
  return -1;
}

guint
tf_vote_round_get_n_colours (TfVoteRound *self)
{
  return self->n_colours;
}

guint
tf_vote_round_get_dots (TfVoteRound *self)
{
  return self->dots;
}

gboolean
tf_vote_round_get_hidden (TfVoteRound *self)
{
  return self->hidden;
}

gboolean
tf_vote_round_get_shown (TfVoteRound *self)
{
  return !self->hidden || self->revealed;
}

void
tf_vote_round_reveal (TfVoteRound *self)
{
  self->revealed = TRUE;
}

static guint *
cell (TfVoteRound *self,
      gint64       note_id,
      guint        colour)
{
  int index = tf_vote_round_find_note (self, note_id);

  if (index < 0 || colour >= self->n_colours)
    return NULL;
  return &self->counts[(guint) index * self->n_colours + colour];
}

gboolean
tf_vote_round_cast (TfVoteRound *self,
                    gint64       note_id,
                    guint        colour)
{
  guint *count = cell (self, note_id, colour);

  if (count == NULL || tf_vote_round_get_remaining (self, colour) == 0)
    return FALSE;
  (*count)++;
  return TRUE;
}

gboolean
tf_vote_round_uncast (TfVoteRound *self,
                      gint64       note_id,
                      guint        colour)
{
  guint *count = cell (self, note_id, colour);

  if (count == NULL || *count == 0)
    return FALSE;
  (*count)--;
  return TRUE;
}

guint
tf_vote_round_get_count (TfVoteRound *self,
                         gint64       note_id,
                         guint        colour)
{
  guint *count = cell (self, note_id, colour);

  return count != NULL ? *count : 0;
}

guint
tf_vote_round_get_total (TfVoteRound *self,
                         gint64       note_id)
{
  guint total = 0;

  for (guint c = 0; c < self->n_colours; c++)
    total += tf_vote_round_get_count (self, note_id, c);
  return total;
}

guint
tf_vote_round_get_remaining (TfVoteRound *self,
                             guint        colour)
{
  guint used = 0;

  if (colour >= self->n_colours)
    return 0;
  for (guint i = 0; i < self->notes->len; i++)
    used += self->counts[i * self->n_colours + colour];
  return self->dots - MIN (used, self->dots);
}

guint
tf_vote_round_get_n_cast (TfVoteRound *self)
{
  guint n = 0;

  for (guint i = 0; i < self->notes->len * self->n_colours; i++)
    n += self->counts[i];
  return n;
}

/* Closing */

typedef struct {
  TfVoteRoundRow  row;
  GArray         *counts;  /* TfVoteCount */
} Close;

static void
close_free (gpointer data)
{
  Close *close = data;

  tf_vote_round_row_clear (&close->row);
  g_array_unref (close->counts);
  g_free (close);
}

static gboolean
run_close (TfCommand  *command,
           TfStore    *store,
           GError    **error)
{
  Close *close = tf_command_get_data (command);
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) by_total = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                                          (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer key, value;
  gint64 round_id;

  if (!tf_vote_rows_insert_round (store, &close->row, &round_id, error))
    return FALSE;
  for (guint i = 0; i < close->counts->len; i++)
    {
      const TfVoteCount *count = &g_array_index (close->counts, TfVoteCount, i);
      gint64 *note;

      /* A note deleted (or moved to another board) since keeps no dot. */
      if (tf_item_rows_board_of (store, count->item_id) != close->row.board_id)
        continue;
      if (!tf_vote_rows_insert_count (store, round_id, count, error))
        return FALSE;
      note = g_new (gint64, 1);
      *note = count->item_id;
      value = g_hash_table_lookup (totals, note);
      g_hash_table_replace (totals, note, GINT_TO_POINTER (GPOINTER_TO_INT (value) + count->count));
    }

  /* The notes' vote counts, by the item commands' own vote (the board
   * type settles after it): one call per total. */
  g_hash_table_iter_init (&iter, totals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *ids = g_hash_table_lookup (by_total, value);

      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (by_total, value, ids);
        }
      g_array_append_val (ids, *(gint64 *) key);
    }
  g_hash_table_iter_init (&iter, by_total);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *ids = value;
      g_autoptr(TfCommand) vote = tf_command_vote ((const gint64 *) ids->data, ids->len, GPOINTER_TO_INT (key));

      if (!tf_command_run_within (vote, store, error))
        return FALSE;
    }
  tf_command_set_result_id (command, round_id);
  return TRUE;
}

TfCommand *
tf_vote_round_command_close (TfVoteRound *self)
{
  Close *close = g_new0 (Close, 1);

  close->row.board_id = self->board_id;
  close->row.session_id = self->session_id;
  close->row.item_id = self->item_id;
  close->row.title = g_strdup (self->title);
  close->row.n_colours = (int) self->n_colours;
  close->row.dots = (int) self->dots;
  close->row.hidden = self->hidden;
  close->counts = g_array_new (FALSE, FALSE, sizeof (TfVoteCount));
  for (guint i = 0; i < self->notes->len; i++)
    for (guint c = 0; c < self->n_colours; c++)
      {
        TfVoteCount count = { g_array_index (self->notes, gint64, i), (int) c,
                              (int) self->counts[i * self->n_colours + c] };

        if (count.count > 0)
          g_array_append_val (close->counts, count);
      }
  return tf_command_new (_("Close the voting round"), run_close, close, close_free);
}

/* Two of Okabe and Ito's colours a little darker or lighter than theirs
 * (vermilion, bluish green): neither white nor the ink read on them at
 * 4.5:1. */
static const guint32 vote_palette[TF_VOTE_MAX_COLOURS] = {
  0xBA5200, 0x0072B2, 0x00AB7D, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x332288, 0x882255, 0x117733,
};

guint32
tf_vote_colour_rgb (guint colour)
{
  g_return_val_if_fail (colour < TF_VOTE_MAX_COLOURS, 0);

  return vote_palette[colour];
}
