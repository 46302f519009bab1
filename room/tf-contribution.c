/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-contribution"

#include <glib/gi18n.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-layout.h"
#include "canvas/tf-scene.h"
#include "core/tf-board-rows.h"
#include "core/tf-board-type.h"
#include "core/tf-store-private.h"
#include "tf-contribution.h"
#include "tf-session.h"

typedef struct {
  gint64              experiment_id;
  const char         *key;
  const char         *text;
  const char         *category;
  gint64             *id;
  gboolean           *inserted;
} Receive;

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, TF_STORE_ERROR, TF_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
run_receive (TfStore  *store,
             gpointer  data,
             GError  **error)
{
  Receive *receive = data;

  return tf_contribution_rows_insert (store, receive->experiment_id, receive->key, receive->text,
                                      receive->category, TF_CONTRIBUTION_QUEUED,
                                      receive->id, receive->inserted, error);
}

gboolean
tf_contribution_receive (TfStore             *store,
                         gint64               experiment_id,
                         const char          *key,
                         const char          *text,
                         const char          *category,
                         const char * const  *categories,
                         gint64              *id,
                         gboolean            *inserted,
                         GError             **error)
{
  g_autofree char *clean = tf_contribution_clean_text (text, -1, NULL);
  Receive receive = { experiment_id, key, clean, category != NULL ? category : "", id, inserted };

  if (clean == NULL)
    return refuse (error, _("This contribution has no text, too much, or text that is not readable"));
  if (!tf_contribution_check_key (key))
    return refuse (error, _("This contribution has no valid key"));
  if (!tf_contribution_check_category (receive.category, categories))
    return refuse (error, _("This contribution names a source that is not in the list"));
  return tf_store_edit (store, run_receive, &receive, NULL, error);
}

typedef struct {
  gint64 board_id;
} FirstBoard;

static gboolean
first_board (sqlite3_stmt *stmt,
             gpointer      data)
{
  FirstBoard *first = data;

  first->board_id = sqlite3_column_int64 (stmt, 0);
  return FALSE;
}

gboolean
tf_contribution_find_board (TfStore  *store,
                            gint64    experiment_id,
                            gint64   *board_id,
                            GError  **error)
{
  GPtrArray *types = tf_board_type_list ();

  *board_id = 0;
  for (guint i = 0; i < types->len; i++)
    {
      const TfBoardType *type = g_ptr_array_index (types, i);
      FirstBoard first = { 0 };

      if (type->new_quote == NULL)
        continue;
      if (!tf_board_rows_of_kind (store, experiment_id, type->id, first_board, &first, error))
        return FALSE;
      if (first.board_id != 0)
        {
          *board_id = first.board_id;
          return TRUE;
        }
    }
  return TRUE;
}

static const TfBoardType *
quote_type (TfStore *store,
            gint64   board_id)
{
  g_autofree char *kind = NULL;
  const TfBoardType *type;

  if (!tf_board_rows_kind (store, board_id, &kind, NULL) || kind == NULL)
    return NULL;
  type = tf_board_type_lookup (kind);
  return type != NULL && type->new_quote != NULL ? type : NULL;
}

const char * const *
tf_contribution_board_categories (TfStore *store,
                                  gint64   board_id)
{
  const TfBoardType *type = quote_type (store, board_id);

  return type != NULL ? type->quote_sources : NULL;
}

/* What to accept into, what to merge into */

static void
target_free (gpointer data)
{
  TfContributionTarget *target = data;

  g_free (target->text);
  g_free (target);
}

GPtrArray *
tf_contribution_list_targets (TfStore  *store,
                              gint64    board_id,
                              gboolean  clusters,
                              GError  **error)
{
  g_autoptr(TfScene) scene = tf_scene_new_for_board (store, board_id, error);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  GPtrArray *targets;
  GPtrArray *items;

  if (scene == NULL)
    return NULL;
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      gboolean cluster = tf_item_has_role (item, TF_ITEM_ROLE_CLUSTER);

      if (item->hidden || cluster != clusters)
        continue;
      if (!cluster && (!tf_item_has_role (item, TF_ITEM_ROLE_CONTENT) ||
                       tf_item_has_role (item, TF_ITEM_ROLE_CONTAINER) ||
                       item->text == NULL || item->text[0] == '\0'))
        continue;
      g_ptr_array_add (chosen, item);
    }
  g_ptr_array_sort (chosen, tf_session_compare_reading);
  targets = g_ptr_array_new_with_free_func (target_free);
  for (guint i = 0; i < chosen->len; i++)
    {
      const TfItem *item = g_ptr_array_index (chosen, i);
      TfContributionTarget *target = g_new0 (TfContributionTarget, 1);

      target->id = item->id;
      target->text = g_strdup (item->text != NULL ? item->text : "");
      g_ptr_array_add (targets, target);
    }
  return targets;
}

/* Accepting */

typedef struct {
  GArray *ids;            /* gint64; NULL: every queued one of the experiment */
  gint64  experiment_id;
  gint64  board_id;
  gint64  cluster_id;
} Accept;

static void
accept_free (gpointer data)
{
  Accept *accept = data;

  g_clear_pointer (&accept->ids, g_array_unref);
  g_free (accept);
}

/* Where a new note of @side goes: the board's next free place, or inside
 * the cluster's zone, which is tidied to hold it afterwards. */
static TfRect
place_note (TfScene *scene,
            gint64   cluster_id,
            double   side)
{
  TfItem *zone = cluster_id != 0 ? tf_scene_lookup (scene, cluster_id) : NULL;

  if (zone != NULL)
    return tf_layout_next_free_place (scene, TRUE,
                                      zone->bounds.x + TF_LAYOUT_ZONE_PADDING + side / 2,
                                      zone->bounds.y + TF_LAYOUT_ZONE_TITLE + side / 2, side);
  return tf_layout_next_free_place (scene, FALSE, 0, 0, side);
}

static gboolean
tidy_cluster (TfStore  *store,
              gint64    board_id,
              gint64    cluster_id,
              GError  **error)
{
  g_autoptr(TfScene) scene = tf_scene_new_for_board (store, board_id, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
  g_autoptr(TfCommand) tidy = NULL;
  GPtrArray *items;
  TfItem *zone;

  if (scene == NULL)
    return FALSE;
  zone = tf_scene_lookup (scene, cluster_id);
  if (zone == NULL)
    return TRUE;
  g_array_append_val (ids, zone->id);
  g_array_append_val (rects, zone->bounds);
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (item->parent_id == cluster_id && !item->hidden)
        {
          g_array_append_val (ids, item->id);
          g_array_append_val (rects, item->bounds);
        }
    }
  tf_layout_tidy_zone ((TfRect *) rects->data, rects->len);
  tidy = tf_command_set_bounds ((const gint64 *) ids->data, (const TfRect *) rects->data, ids->len, NULL);
  return tf_command_run_within (tidy, store, error);
}

static gboolean
accept_one (TfStore                  *store,
            const TfBoardType        *type,
            const Accept             *accept,
            const TfContributionRow  *row,
            GError                  **error)
{
  g_autoptr(TfScene) scene = tf_scene_new_for_board (store, accept->board_id, error);
  g_autoptr(TfCommand) add = NULL;
  g_autofree char *payload = NULL;
  const char *kind = NULL;
  double side = 0;
  const gint64 *ids;
  guint n_ids;
  TfNewItem item = { 0 };

  if (scene == NULL)
    return FALSE;
  type->new_quote (row->category, &kind, &side, &payload);
  item.kind = kind;
  item.bounds = place_note (scene, accept->cluster_id, side);
  item.text = row->text;
  item.payload = payload;
  item.parent_id = accept->cluster_id != 0 && tf_scene_lookup (scene, accept->cluster_id) != NULL
                   ? accept->cluster_id : 0;
  add = tf_command_add_items (accept->board_id, &item, 1, NULL);
  if (!tf_command_run_within (add, store, error))
    return FALSE;
  ids = tf_item_command_get_ids (add, &n_ids);
  if (n_ids != 1)
    return refuse (error, _("The note could not be added"));
  if (!tf_contribution_rows_set_state (store, row->id, TF_CONTRIBUTION_ACCEPTED, ids[0], error))
    return FALSE;
  if (item.parent_id != 0)
    return tidy_cluster (store, accept->board_id, item.parent_id, error);
  return TRUE;
}

static gboolean
run_accept (TfCommand  *command,
            TfStore    *store,
            GError    **error)
{
  Accept *accept = tf_command_get_data (command);
  const TfBoardType *type = quote_type (store, accept->board_id);
  g_autoptr(GArray) queued = NULL;
  gint64 experiment_id = 0;
  guint n_accepted = 0;

  if (type == NULL)
    return refuse (error, _("This board takes no insights from phones"));
  if (!tf_board_rows_experiment (store, accept->board_id, &experiment_id, error))
    return FALSE;

  if (accept->ids == NULL)
    {
      queued = tf_contribution_row_array_new ();
      if (!tf_contribution_rows_list (store, accept->experiment_id, TF_CONTRIBUTION_QUEUED, queued, error))
        return FALSE;
    }
  else
    {
      queued = tf_contribution_row_array_new ();
      for (guint i = 0; i < accept->ids->len; i++)
        {
          TfContributionRow row = { 0 };
          gboolean found;

          if (!tf_contribution_rows_read (store, g_array_index (accept->ids, gint64, i), &row, &found, error))
            return FALSE;
          if (found && row.state == TF_CONTRIBUTION_QUEUED)
            g_array_append_val (queued, row);
          else
            tf_contribution_row_clear (&row);
        }
    }

  for (guint i = 0; i < queued->len; i++)
    {
      const TfContributionRow *row = &g_array_index (queued, TfContributionRow, i);

      /* A board of another experiment never takes them. */
      if (row->experiment_id != experiment_id)
        continue;
      if (!accept_one (store, type, accept, row, error))
        return FALSE;
      n_accepted++;
    }
  if (n_accepted == 0)
    return refuse (error, _("No contribution is waiting"));
  tf_command_set_label (command, n_accepted == 1 ? _("Accept a contribution") : _("Accept contributions"));
  tf_command_set_result_id (command, n_accepted);
  return TRUE;
}

TfCommand *
tf_contribution_command_accept (const gint64 *ids,
                                guint         n_ids,
                                gint64        board_id,
                                gint64        cluster_id)
{
  Accept *accept;

  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);
  accept = g_new0 (Accept, 1);
  accept->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (accept->ids, ids, n_ids);
  accept->board_id = board_id;
  accept->cluster_id = cluster_id;
  return tf_command_new (_("Accept a contribution"), run_accept, accept, accept_free);
}

TfCommand *
tf_contribution_command_accept_all (gint64 experiment_id,
                                    gint64 board_id,
                                    gint64 cluster_id)
{
  Accept *accept = g_new0 (Accept, 1);

  accept->experiment_id = experiment_id;
  accept->board_id = board_id;
  accept->cluster_id = cluster_id;
  return tf_command_new (_("Accept contributions"), run_accept, accept, accept_free);
}

/* Editing, merging, rejecting, restoring */

typedef struct {
  gint64  id;
  gint64  note_id;
  char   *text;
  int     to;     /* TfContributionState */
} Moderate;

static void
moderate_free (gpointer data)
{
  Moderate *moderate = data;

  g_free (moderate->text);
  g_free (moderate);
}

static gboolean
run_moderate (TfCommand  *command,
              TfStore    *store,
              GError    **error)
{
  Moderate *moderate = tf_command_get_data (command);
  g_auto(TfContributionRow) row = { 0 };
  gboolean found;

  if (!tf_contribution_rows_read (store, moderate->id, &row, &found, error))
    return FALSE;
  if (!found)
    return refuse (error, _("There is no such contribution"));

  if (moderate->text != NULL)
    {
      if (row.state != TF_CONTRIBUTION_QUEUED)
        return refuse (error, _("Only a waiting contribution can be edited"));
      return tf_contribution_rows_set_text (store, row.id, moderate->text, error);
    }
  switch (moderate->to)
    {
    case TF_CONTRIBUTION_QUEUED:
      if (row.state != TF_CONTRIBUTION_REJECTED && row.state != TF_CONTRIBUTION_MERGED)
        return refuse (error, _("Only a rejected or merged contribution can be restored"));
      return tf_contribution_rows_set_state (store, row.id, TF_CONTRIBUTION_QUEUED, 0, error);
    case TF_CONTRIBUTION_REJECTED:
      if (row.state != TF_CONTRIBUTION_QUEUED)
        return refuse (error, _("Only a waiting contribution can be rejected"));
      return tf_contribution_rows_set_state (store, row.id, TF_CONTRIBUTION_REJECTED, 0, error);
    case TF_CONTRIBUTION_MERGED:
      {
        g_autoptr(TfCommand) vote = NULL;
        gint64 board_id = tf_item_rows_board_of (store, moderate->note_id);
        gint64 experiment_id = 0;

        if (row.state != TF_CONTRIBUTION_QUEUED)
          return refuse (error, _("Only a waiting contribution can be merged"));
        if (board_id <= 0 || quote_type (store, board_id) == NULL ||
            !tf_board_rows_experiment (store, board_id, &experiment_id, error) ||
            experiment_id != row.experiment_id)
          return refuse (error, _("A contribution merges only into a note of its own experiment"));
        if (!tf_contribution_rows_set_state (store, row.id, TF_CONTRIBUTION_MERGED, moderate->note_id, error))
          return FALSE;
        vote = tf_command_vote (&moderate->note_id, 1, 1);
        return tf_command_run_within (vote, store, error);
      }
    default:
      g_assert_not_reached ();
    }
}

static TfCommand *
moderate_new (const char *label,
              gint64      id,
              int         to,
              gint64      note_id,
              const char *text)
{
  Moderate *moderate = g_new0 (Moderate, 1);

  moderate->id = id;
  moderate->to = to;
  moderate->note_id = note_id;
  moderate->text = g_strdup (text);
  return tf_command_new (label, run_moderate, moderate, moderate_free);
}

TfCommand *
tf_contribution_command_edit (gint64      id,
                              const char *text)
{
  g_autofree char *clean = tf_contribution_clean_text (text, -1, NULL);

  /* An invalid text fails when the command runs, as a phone's would. */
  return moderate_new (_("Edit a contribution"), id, TF_CONTRIBUTION_QUEUED, 0,
                       clean != NULL ? clean : "");
}

TfCommand *
tf_contribution_command_merge (gint64 id,
                               gint64 note_id)
{
  return moderate_new (_("Merge a contribution"), id, TF_CONTRIBUTION_MERGED, note_id, NULL);
}

TfCommand *
tf_contribution_command_reject (gint64 id)
{
  return moderate_new (_("Reject a contribution"), id, TF_CONTRIBUTION_REJECTED, 0, NULL);
}

TfCommand *
tf_contribution_command_restore (gint64 id)
{
  return moderate_new (_("Restore a contribution"), id, TF_CONTRIBUTION_QUEUED, 0, NULL);
}

gboolean
tf_contribution_cast_ballot (TfVoteRound  *round,
                             guint         colour,
                             const gint64 *dots,
                             guint         n_dots)
{
  guint n_notes = tf_vote_round_get_n_notes (round);
  g_autofree gint64 *notes = g_new0 (gint64, MAX (n_notes, 1));

  for (guint i = 0; i < n_notes; i++)
    notes[i] = tf_vote_round_get_note (round, i);
  if (!tf_contribution_check_ballot (dots, n_dots, colour, notes, n_notes,
                                     tf_vote_round_get_n_colours (round), tf_vote_round_get_dots (round)) ||
      tf_vote_round_get_remaining (round, colour) < n_dots)
    return FALSE;
  for (guint i = 0; i < n_dots; i++)
    if (!tf_vote_round_cast (round, dots[i], colour))
      {
        /* Cannot happen after the checks above; taken back all the same. */
        for (guint j = 0; j < i; j++)
          tf_vote_round_uncast (round, dots[j], colour);
        return FALSE;
      }
  return TRUE;
}
