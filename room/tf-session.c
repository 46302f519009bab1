/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-session"

#include <glib/gi18n.h>

#include "core/tf-board-rows.h"
#include "core/tf-board-type.h"
#include "tf-session.h"

gboolean
tf_session_load (TfStore  *store,
                 gint64    experiment_id,
                 gint64   *session_id,
                 GArray   *steps,
                 GError  **error)
{
  if (!tf_session_rows_first (store, experiment_id, session_id, error))
    return FALSE;
  if (*session_id == 0)
    return TRUE;
  return tf_session_rows_steps (store, *session_id, steps, error);
}

typedef struct {
  gint64  id;
  char   *kind;
  char   *name;
} BoardRow;

static void
board_row_clear (BoardRow *row)
{
  g_free (row->kind);
  g_free (row->name);
}

static gboolean
collect_board (sqlite3_stmt *stmt,
               gpointer      user_data)
{
  GArray *boards = user_data;
  BoardRow row = {
    sqlite3_column_int64 (stmt, 0),
    g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
    g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
  };

  g_array_append_val (boards, row);
  return TRUE;
}

static void
append_step (GArray            *steps,
             TfSessionStepKind  kind,
             gint64             board_id,
             const char        *title)
{
  TfSessionStep step = { 0 };

  step.kind = kind;
  step.board_id = board_id;
  step.title = g_strdup (title != NULL ? title : "");
  step.notes = g_strdup ("");
  g_array_append_val (steps, step);
}

gboolean
tf_session_default_steps (TfStore  *store,
                          gint64    experiment_id,
                          GArray   *steps,
                          GError  **error)
{
  g_autoptr(GArray) boards = g_array_new (FALSE, TRUE, sizeof (BoardRow));

  g_array_set_clear_func (boards, (GDestroyNotify) board_row_clear);
  if (!tf_session_rows_boards (store, experiment_id, collect_board, boards, error))
    return FALSE;

  /* Every board first, the way the team walks the room through its walls. */
  for (guint i = 0; i < boards->len; i++)
    {
      BoardRow *row = &g_array_index (boards, BoardRow, i);

      append_step (steps, TF_SESSION_STEP_BOARD, row->id, row->name);
    }
  /* Then the parts each board's type offers (a wall's clusters). */
  for (guint i = 0; i < boards->len; i++)
    {
      BoardRow *row = &g_array_index (boards, BoardRow, i);
      const TfBoardType *type = tf_board_type_lookup (row->kind);
      g_autoptr(TfScene) scene = NULL;
      guint first = steps->len;

      if (type == NULL || type->list_session_steps == NULL)
        continue;
      scene = tf_scene_new_for_board (store, row->id, error);
      if (scene == NULL)
        return FALSE;
      type->list_session_steps (scene, steps);
      for (guint j = first; j < steps->len; j++)
        g_array_index (steps, TfSessionStep, j).board_id = row->id;
    }
  return TRUE;
}

char *
tf_session_step_describe (const TfSessionStep *step)
{
  if (step->title != NULL && step->title[0] != '\0')
    return g_strdup (step->title);
  switch (step->kind)
    {
    case TF_SESSION_STEP_BOARD:
      return g_strdup (_("Board"));
    case TF_SESSION_STEP_AREA:
      return g_strdup (_("Part of a board"));
    case TF_SESSION_STEP_STAGE:
      return g_strdup (_("Stage"));
    case TF_SESSION_STEP_MOCKUP:
      return g_strdup (_("Mockup"));
    case TF_SESSION_STEP_REVEAL:
      return g_strdup (_("Cards one by one"));
    case TF_N_SESSION_STEP_KINDS:
    default:
      break;
    }
  return g_strdup (_("Step"));
}

const char *
tf_session_step_kind_label (const TfSessionStep *step)
{
  switch (step->kind)
    {
    case TF_SESSION_STEP_BOARD:
      return _("Whole board");
    case TF_SESSION_STEP_AREA:
      return _("Part of the board");
    case TF_SESSION_STEP_STAGE:
      return _("Stage of the blueprint");
    case TF_SESSION_STEP_MOCKUP:
      return _("Photo of the mockup");
    case TF_SESSION_STEP_REVEAL:
      return step->reveal == TF_SESSION_REVEAL_VOTES ? _("Insights by votes, one by one")
                                                     : _("Cards one by one");
    case TF_N_SESSION_STEP_KINDS:
    default:
      break;
    }
  return _("Step");
}

typedef struct {
  gint64  board_id;
  char   *kind;
  char   *name;
  gboolean found;
} OneBoard;

static gboolean
find_board (sqlite3_stmt *stmt,
            gpointer      user_data)
{
  OneBoard *board = user_data;

  if (sqlite3_column_int64 (stmt, 0) != board->board_id)
    return TRUE;
  board->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  board->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  board->found = TRUE;
  return FALSE;
}

gboolean
tf_session_board_views (TfStore  *store,
                        gint64    board_id,
                        GArray   *steps,
                        GError  **error)
{
  OneBoard board = { board_id, NULL, NULL, FALSE };
  const TfBoardType *type;
  g_autoptr(TfScene) scene = NULL;
  gint64 experiment_id;
  guint first = steps->len, n_views;

  if (!tf_board_rows_experiment (store, board_id, &experiment_id, error))
    return FALSE;
  if (experiment_id != 0 && !tf_session_rows_boards (store, experiment_id, find_board, &board, error))
    {
      g_free (board.kind);
      g_free (board.name);
      return FALSE;
    }
  if (!board.found)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no board %lld in this archive"), (long long) board_id);
      return FALSE;
    }
  append_step (steps, TF_SESSION_STEP_BOARD, board_id, board.name);
  type = tf_board_type_lookup (board.kind);
  g_free (board.kind);
  g_free (board.name);
  if (type == NULL)
    return TRUE;
  scene = tf_scene_new_for_board (store, board_id, error);
  if (scene == NULL)
    return FALSE;
  if (type->list_session_steps != NULL)
    type->list_session_steps (scene, steps);
  /* Each part of the board again, its cards one by one. */
  n_views = steps->len;
  for (guint i = first + 1; i < n_views; i++)
    {
      TfSessionStep reveal;

      if (g_array_index (steps, TfSessionStep, i).kind != TF_SESSION_STEP_AREA)
        continue;
      tf_session_step_copy (&reveal, &g_array_index (steps, TfSessionStep, i));
      reveal.kind = TF_SESSION_STEP_REVEAL;
      reveal.reveal = TF_SESSION_REVEAL_CLUSTER;
      g_array_append_val (steps, reveal);
    }
  /* A type that orders its cards itself ranks them by votes too. */
  if (type->list_reveal_cards != NULL)
    {
      TfSessionStep votes = { 0 };

      votes.kind = TF_SESSION_STEP_REVEAL;
      votes.reveal = TF_SESSION_REVEAL_VOTES;
      votes.title = g_strdup (_("Insights by votes"));
      votes.notes = g_strdup ("");
      g_array_append_val (steps, votes);
    }
  for (guint i = first; i < steps->len; i++)
    g_array_index (steps, TfSessionStep, i).board_id = board_id;
  return TRUE;
}

static TfRect
visible_extents (TfScene *scene)
{
  GPtrArray *items = tf_scene_get_items (scene);
  TfRect r = { 0, 0, 0, 0 };
  gboolean any = FALSE;

  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);
      double x1, y1;

      if (item->hidden)
        continue;
      if (!any)
        {
          r = item->bounds;
          any = TRUE;
          continue;
        }
      x1 = MAX (r.x + r.width, item->bounds.x + item->bounds.width);
      y1 = MAX (r.y + r.height, item->bounds.y + item->bounds.height);
      r.x = MIN (r.x, item->bounds.x);
      r.y = MIN (r.y, item->bounds.y);
      r.width = x1 - r.x;
      r.height = y1 - r.y;
    }
  return any ? r : tf_scene_get_extents (scene);
}

TfRect
tf_session_step_area (const TfSessionStep *step,
                      TfScene             *scene)
{
  TfRect r = TF_RECT_INIT (step->x, step->y, step->width, step->height);

  if (step->kind == TF_SESSION_STEP_BOARD ||
      (step->kind == TF_SESSION_STEP_MOCKUP && step->item_id == 0 && tf_rect_is_empty (&r)))
    return visible_extents (scene);
  if (step->item_id != 0)
    {
      const TfItem *item = tf_scene_lookup (scene, step->item_id);

      if (item != NULL && !item->hidden)
        return item->bounds;
    }
  if (tf_rect_is_empty (&r))
    return visible_extents (scene);
  return r;
}

int
tf_session_compare_reading (gconstpointer a,
                            gconstpointer b)
{
  return tf_item_compare_top_left (a, b);
}

GPtrArray *
tf_session_step_reveal_cards (const TfSessionStep *step,
                              const char          *board_kind,
                              TfScene             *scene)
{
  const TfBoardType *type = board_kind != NULL ? tf_board_type_lookup (board_kind) : NULL;
  GPtrArray *cards;
  GPtrArray *items;
  TfRect area;

  if (step->kind != TF_SESSION_STEP_REVEAL)
    return g_ptr_array_new ();
  if (type != NULL && type->list_reveal_cards != NULL)
    return type->list_reveal_cards (scene, step);

  /* The items inside the area, but the one that frames it. */
  cards = g_ptr_array_new ();
  area = tf_session_step_area (step, scene);
  items = tf_scene_get_items (scene);
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);

      if (item->hidden || item->id == step->item_id ||
          item->bounds.x < area.x || item->bounds.y < area.y ||
          item->bounds.x + item->bounds.width > area.x + area.width ||
          item->bounds.y + item->bounds.height > area.y + area.height)
        continue;
      g_ptr_array_add (cards, (gpointer) item);
    }
  g_ptr_array_sort (cards, tf_session_compare_reading);
  return cards;
}

/* Commands */

typedef struct {
  gint64   id;
  gint64   value;
  char    *text;
  GArray  *steps;    /* TfSessionStep */
  GArray  *ids;      /* gint64 */
  GArray  *values;   /* gint64 */
} Args;

static void
args_free (gpointer data)
{
  Args *args = data;

  g_free (args->text);
  g_clear_pointer (&args->steps, g_array_unref);
  g_clear_pointer (&args->ids, g_array_unref);
  g_clear_pointer (&args->values, g_array_unref);
  g_free (args);
}

static GArray *
copy_steps (GArray *steps)
{
  GArray *copy = tf_session_step_array_new ();

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      TfSessionStep step;

      tf_session_step_copy (&step, &g_array_index (steps, TfSessionStep, i));
      g_array_append_val (copy, step);
    }
  return copy;
}

static gboolean
no_such_step (gint64   id,
              GError **error)
{
  g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
               _("There is no step %lld in the sessions of this archive"), (long long) id);
  return FALSE;
}

/* Writes @steps' positions 0, 1, 2… where they changed. */
static gboolean
renumber (TfStore  *store,
          GArray   *steps,
          GError  **error)
{
  for (guint i = 0; i < steps->len; i++)
    {
      TfSessionStep *step = &g_array_index (steps, TfSessionStep, i);

      if (step->position == (int) i)
        continue;
      step->position = (int) i;
      if (!tf_session_rows_update_step (store, step, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_create (TfCommand  *command,
            TfStore    *store,
            GError    **error)
{
  Args *args = tf_command_get_data (command);
  gboolean found;
  gint64 session_id;

  if (!tf_experiment_rows_exists (store, args->id, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no experiment %lld in this archive"), (long long) args->id);
      return FALSE;
    }
  if (!tf_session_rows_insert (store, args->id, "", &session_id, error))
    return FALSE;
  for (guint i = 0; i < args->steps->len; i++)
    {
      TfSessionStep step = g_array_index (args->steps, TfSessionStep, i);
      gint64 id;

      step.session_id = session_id;
      step.position = (int) i;
      if (!tf_session_rows_insert_step (store, &step, &id, error))
        return FALSE;
    }
  tf_command_set_result_id (command, session_id);
  return TRUE;
}

TfCommand *
tf_session_command_create (gint64  experiment_id,
                           GArray *steps)
{
  Args *args = g_new0 (Args, 1);

  args->id = experiment_id;
  args->steps = copy_steps (steps);
  return tf_command_new (_("Prepare the session"), run_create, args, args_free);
}

static gboolean
run_add_step (TfCommand  *command,
              TfStore    *store,
              GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GArray) steps = tf_session_step_array_new ();
  gint64 experiment_id, first_id = 0;
  int index = (int) args->value;

  if (!tf_session_rows_experiment (store, args->id, &experiment_id, error))
    return FALSE;
  if (experiment_id == 0)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no session %lld in this archive"), (long long) args->id);
      return FALSE;
    }
  if (!tf_session_rows_steps (store, args->id, steps, error))
    return FALSE;
  if (index < 0 || index > (int) steps->len)
    index = (int) steps->len;
  for (guint i = 0; i < args->steps->len; i++)
    {
      TfSessionStep step;
      gint64 id;

      tf_session_step_copy (&step, &g_array_index (args->steps, TfSessionStep, i));
      step.session_id = args->id;
      step.position = -1;
      if (!tf_session_rows_insert_step (store, &step, &id, error))
        {
          tf_session_step_clear (&step);
          return FALSE;
        }
      step.id = id;
      if (i == 0)
        first_id = id;
      g_array_insert_val (steps, index + i, step);
    }
  tf_command_set_result_id (command, first_id);
  return renumber (store, steps, error);
}

TfCommand *
tf_session_command_add_step (gint64               session_id,
                             const TfSessionStep *step,
                             int                  index)
{
  Args *args = g_new0 (Args, 1);
  TfSessionStep copy;

  args->id = session_id;
  args->value = index;
  args->steps = tf_session_step_array_new ();
  tf_session_step_copy (&copy, step);
  g_array_append_val (args->steps, copy);
  return tf_command_new (_("Add a step to the session"), run_add_step, args, args_free);
}

TfCommand *
tf_session_command_add_steps (gint64  session_id,
                              GArray *steps,
                              int     index)
{
  Args *args = g_new0 (Args, 1);

  args->id = session_id;
  args->value = index;
  args->steps = copy_steps (steps);
  return tf_command_new (_("Add steps to the session"), run_add_step, args, args_free);
}

/* Reads step @id and its agenda; the step's index in @index. */
static gboolean
read_agenda (TfStore  *store,
             gint64    id,
             GArray   *steps,
             guint    *index,
             GError  **error)
{
  TfSessionStep step = { 0 };
  gboolean found;

  if (!tf_session_rows_read_step (store, id, &step, &found, error))
    return FALSE;
  if (!found)
    return no_such_step (id, error);
  if (!tf_session_rows_steps (store, step.session_id, steps, error))
    {
      tf_session_step_clear (&step);
      return FALSE;
    }
  tf_session_step_clear (&step);
  for (guint i = 0; i < steps->len; i++)
    if (g_array_index (steps, TfSessionStep, i).id == id)
      {
        *index = i;
        return TRUE;
      }
  return no_such_step (id, error);
}

static gboolean
run_remove_step (TfCommand  *command,
                 TfStore    *store,
                 GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GArray) steps = tf_session_step_array_new ();
  guint index;

  if (!read_agenda (store, args->id, steps, &index, error))
    return FALSE;
  if (!tf_session_rows_delete_step (store, args->id, error))
    return FALSE;
  g_array_remove_index (steps, index);
  return renumber (store, steps, error);
}

TfCommand *
tf_session_command_remove_step (gint64 step_id)
{
  Args *args = g_new0 (Args, 1);

  args->id = step_id;
  return tf_command_new (_("Remove a step from the session"), run_remove_step, args, args_free);
}

static gboolean
run_move_step (TfCommand  *command,
               TfStore    *store,
               GError    **error)
{
  Args *args = tf_command_get_data (command);
  g_autoptr(GArray) steps = tf_session_step_array_new ();
  TfSessionStep moved;
  guint index;
  int to = (int) args->value;

  if (!read_agenda (store, args->id, steps, &index, error))
    return FALSE;
  to = CLAMP (to, 0, (int) steps->len - 1);
  moved = g_array_index (steps, TfSessionStep, index);
  /* Take it out without clearing it, put it back at its new place. */
  g_array_set_clear_func (steps, NULL);
  g_array_remove_index (steps, index);
  g_array_insert_val (steps, to, moved);
  g_array_set_clear_func (steps, (GDestroyNotify) tf_session_step_clear);
  return renumber (store, steps, error);
}

TfCommand *
tf_session_command_move_step (gint64 step_id,
                              int    index)
{
  Args *args = g_new0 (Args, 1);

  args->id = step_id;
  args->value = index;
  return tf_command_new (_("Move a step of the session"), run_move_step, args, args_free);
}

/* Reads step @id, lets @edit change it, writes it back. */
static gboolean
update_step (TfStore   *store,
             gint64     id,
             Args      *args,
             void     (*edit) (TfSessionStep *step, Args *args),
             GError   **error)
{
  TfSessionStep step = { 0 };
  gboolean found, ok;

  if (!tf_session_rows_read_step (store, id, &step, &found, error))
    return FALSE;
  if (!found)
    return no_such_step (id, error);
  edit (&step, args);
  ok = tf_session_rows_update_step (store, &step, error);
  tf_session_step_clear (&step);
  return ok;
}

static void
edit_notes (TfSessionStep *step,
            Args          *args)
{
  g_free (step->notes);
  step->notes = g_strdup (args->text);
}

static gboolean
run_set_notes (TfCommand  *command,
               TfStore    *store,
               GError    **error)
{
  Args *args = tf_command_get_data (command);

  return update_step (store, args->id, args, edit_notes, error);
}

TfCommand *
tf_session_command_set_notes (gint64      step_id,
                              const char *notes)
{
  Args *args = g_new0 (Args, 1);

  args->id = step_id;
  args->text = g_strdup (notes != NULL ? notes : "");
  return tf_command_new (_("Change the notes of a step"), run_set_notes, args, args_free);
}

static void
edit_planned (TfSessionStep *step,
              Args          *args)
{
  step->planned_seconds = args->value;
}

static gboolean
run_set_planned (TfCommand  *command,
                 TfStore    *store,
                 GError    **error)
{
  Args *args = tf_command_get_data (command);

  return update_step (store, args->id, args, edit_planned, error);
}

TfCommand *
tf_session_command_set_planned (gint64 step_id,
                                gint64 seconds)
{
  Args *args = g_new0 (Args, 1);

  args->id = step_id;
  args->value = seconds;
  return tf_command_new (_("Change the planned time of a step"), run_set_planned, args, args_free);
}

static gboolean
run_record_spent (TfCommand  *command,
                  TfStore    *store,
                  GError    **error)
{
  Args *args = tf_command_get_data (command);

  for (guint i = 0; i < args->ids->len; i++)
    {
      gint64 id = g_array_index (args->ids, gint64, i);
      TfSessionStep step = { 0 };
      gboolean found, ok;

      if (!tf_session_rows_read_step (store, id, &step, &found, error))
        return FALSE;
      /* A step removed while the session ran keeps no time. */
      if (!found)
        continue;
      step.spent_seconds = MIN (step.spent_seconds + g_array_index (args->values, gint64, i),
                                TF_SESSION_MAX_SECONDS);
      ok = tf_session_rows_update_step (store, &step, error);
      tf_session_step_clear (&step);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

TfCommand *
tf_session_command_record_spent (GArray *step_ids,
                                 GArray *seconds)
{
  Args *args = g_new0 (Args, 1);

  g_return_val_if_fail (step_ids->len == seconds->len, NULL);
  args->ids = g_array_copy (step_ids);
  args->values = g_array_copy (seconds);
  return tf_command_new (_("Record the time spent in the session"), run_record_spent, args, args_free);
}

static gboolean
run_set_room (TfCommand  *command,
              TfStore    *store,
              GError    **error)
{
  Args *args = tf_command_get_data (command);
  TfSessionRoom room = {
    .depth_mm = g_array_index (args->values, int, 0),
    .screen_mm = g_array_index (args->values, int, 1),
    .width_px = g_array_index (args->values, int, 2),
    .height_px = g_array_index (args->values, int, 3),
  };
  gboolean found;

  if (!tf_experiment_rows_exists (store, args->id, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, TF_STORE_ERROR, TF_STORE_ERROR_NO_SUCH_ROW,
                   _("There is no experiment %lld in this archive"), (long long) args->id);
      return FALSE;
    }
  return tf_session_rows_set_room (store, args->id, &room, error);
}

TfCommand *
tf_session_command_set_room (gint64               experiment_id,
                             const TfSessionRoom *room)
{
  Args *args;

  g_return_val_if_fail (tf_session_room_is_valid (room), NULL);
  args = g_new0 (Args, 1);
  args->id = experiment_id;
  args->values = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_vals (args->values, &room->depth_mm, 1);
  g_array_append_vals (args->values, &room->screen_mm, 1);
  g_array_append_vals (args->values, &room->width_px, 1);
  g_array_append_vals (args->values, &room->height_px, 1);
  return tf_command_new (_("Change the room"), run_set_room, args, args_free);
}
