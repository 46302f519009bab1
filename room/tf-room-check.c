/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-room"

#include <glib/gi18n.h>
#include <math.h>

#include "canvas/tf-item-kinds.h"
#include "canvas/tf-scene.h"
#include "canvas/tf-text-fit.h"
#include "room/tf-room-check.h"
#include "room/tf-session.h"

/* How many words of a card's text name it. */
#define WORDS 5

double
tf_room_needed_mm (const TfSessionRoom *room)
{
  return room->depth_mm / 200.0;
}

double
tf_room_px_to_mm (const TfSessionRoom *room,
                  double               px)
{
  return px * room->screen_mm / MAX (room->width_px, 1);
}

double
tf_room_needed_px (const TfSessionRoom *room)
{
  return tf_room_needed_mm (room) * room->width_px / MAX (room->screen_mm, 1);
}

double
tf_room_step_zoom (const TfSessionStep *step,
                   TfScene             *scene,
                   const TfSessionRoom *room)
{
  TfRect area = tf_session_step_area (step, scene);
  double cx, cy, zoom;

  tf_room_camera (&area, room->width_px, room->height_px, &cx, &cy, &zoom);
  return zoom;
}

static gboolean
draws_text (const TfItem *item)
{
  /* A kind may draw text of its own (a callout's number): it says 0 when
   * it draws none. */
  return item->kind != NULL && item->kind->text_size != NULL;
}

GArray *
tf_room_step_texts (const TfSessionStep *step,
                    const char          *board_kind,
                    TfScene             *scene,
                    const TfSessionRoom *room,
                    PangoContext        *context,
                    double               min_px)
{
  GArray *texts = g_array_new (FALSE, TRUE, sizeof (TfRoomCardText));
  double zoom = tf_room_step_zoom (step, scene, room);
  g_autoptr(GPtrArray) cards = NULL;

  if (step->kind == TF_SESSION_STEP_REVEAL)
    cards = tf_session_step_reveal_cards (step, board_kind, scene);
  else
    {
      TfRect area = tf_session_step_area (step, scene);
      GPtrArray *items = tf_scene_get_items (scene);

      cards = g_ptr_array_new ();
      for (guint i = 0; i < items->len; i++)
        {
          const TfItem *item = g_ptr_array_index (items, i);

          if (!item->hidden && tf_rect_intersects (&item->bounds, &area))
            g_ptr_array_add (cards, (gpointer) item);
        }
    }

  for (guint i = 0; i < cards->len; i++)
    {
      const TfItem *item = g_ptr_array_index (cards, i);
      TfRoomCardText text = { .item_id = item->id };
      double size;

      if (!draws_text (item))
        continue;
      size = item->kind->text_size (item, context, min_px > 0 ? min_px / zoom : 0, &text.cut);
      if (size <= 0)
        continue;
      text.text_px = size * zoom;
      text.text_mm = tf_room_px_to_mm (room, text.text_px);
      g_array_append_val (texts, text);
    }
  return texts;
}

void
tf_room_problem_clear (TfRoomProblem *problem)
{
  g_clear_pointer (&problem->step_title, g_free);
  g_clear_pointer (&problem->words, g_free);
}

GArray *
tf_room_problem_array_new (void)
{
  GArray *problems = g_array_new (FALSE, TRUE, sizeof (TfRoomProblem));

  g_array_set_clear_func (problems, (GDestroyNotify) tf_room_problem_clear);
  return problems;
}

/* The first words of @text, on one line, "…" when there are more. */
static char *
first_words (const char *text)
{
  g_auto(GStrv) words = g_regex_split_simple ("\\s+", text, 0, 0);
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (n == WORDS)
        {
          g_string_append (out, "…");
          break;
        }
      if (n > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
      n++;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What names a card in a problem: its first words, else what its kind
 * calls it ("a numbered callout"). */
static char *
card_words (const TfItem *item)
{
  const char *ids[] = { NULL, NULL };

  if (item == NULL)
    return g_strdup ("");
  if (item->text != NULL && item->text[0] != '\0')
    return first_words (item->text);
  ids[0] = item->kind->id;
  return tf_item_kinds_name (ids, 1);
}

typedef struct {
  gint64  id;
  char   *kind;
} BoardKind;

static gboolean
collect_board (sqlite3_stmt *stmt,
               gpointer      user_data)
{
  GArray *boards = user_data;
  BoardKind board = { sqlite3_column_int64 (stmt, 0), g_strdup ((const char *) sqlite3_column_text (stmt, 1)) };

  g_array_append_val (boards, board);
  return TRUE;
}

static void
board_kind_clear (BoardKind *board)
{
  g_free (board->kind);
}

gboolean
tf_room_check (TfStore             *store,
               gint64               experiment_id,
               const TfSessionRoom *room,
               GArray              *problems,
               GError             **error)
{
  g_autoptr(GArray) steps = tf_session_step_array_new ();
  g_autoptr(GArray) boards = g_array_new (FALSE, TRUE, sizeof (BoardKind));
  g_autoptr(GHashTable) scenes = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  PangoContext *context;
  TfSessionRoom own;
  gint64 session_id = 0;
  double needed_px;

  g_array_set_clear_func (boards, (GDestroyNotify) board_kind_clear);
  if (room == NULL)
    {
      if (!tf_session_rows_room (store, experiment_id, &own, error))
        return FALSE;
      room = &own;
    }
  needed_px = tf_room_needed_px (room);
  context = tf_text_context_new ();
  if (!tf_session_load (store, experiment_id, &session_id, steps, error))
    return FALSE;
  if (session_id == 0 && !tf_session_default_steps (store, experiment_id, steps, error))
    return FALSE;
  if (!tf_session_rows_boards (store, experiment_id, collect_board, boards, error))
    return FALSE;

  for (guint i = 0; i < steps->len; i++)
    {
      const TfSessionStep *step = &g_array_index (steps, TfSessionStep, i);
      const char *kind = NULL;
      TfScene *scene;
      g_autoptr(GArray) texts = NULL;

      for (guint b = 0; b < boards->len; b++)
        if (g_array_index (boards, BoardKind, b).id == step->board_id)
          kind = g_array_index (boards, BoardKind, b).kind;
      if (kind == NULL)
        continue;
      scene = g_hash_table_lookup (scenes, &step->board_id);
      if (scene == NULL)
        {
          scene = tf_scene_new_for_board (store, step->board_id, error);
          if (scene == NULL)
            {
              g_object_unref (context);
              return FALSE;
            }
          g_hash_table_insert (scenes, (gpointer) &step->board_id, scene);
        }
      texts = tf_room_step_texts (step, kind, scene, room, context, needed_px);
      for (guint t = 0; t < texts->len; t++)
        {
          const TfRoomCardText *text = &g_array_index (texts, TfRoomCardText, t);
          const TfItem *item;
          TfRoomProblem problem = { 0 };

          /* A quarter of a pixel is rounding, not a problem. */
          if (text->text_px >= needed_px - 0.25)
            continue;
          item = tf_scene_lookup (scene, text->item_id);
          problem.step_index = i;
          problem.step_title = tf_session_step_describe (step);
          problem.board_id = step->board_id;
          problem.item_id = text->item_id;
          problem.words = card_words (item);
          problem.text_mm = text->text_mm;
          problem.text_px = text->text_px;
          problem.needed_mm = tf_room_needed_mm (room);
          problem.needed_px = needed_px;
          g_array_append_val (problems, problem);
        }
    }
  g_object_unref (context);
  return TRUE;
}

char *
tf_room_problem_describe (const TfRoomProblem *problem)
{
  /* TRANSLATORS: a line of the room check: the step's number and title, the
   * first words of the card, then its text's height and the height needed,
   * in millimetres */
  return g_strdup_printf (_("Step %u “%s”, card “%s”: text %.0f mm high, %.0f mm needed"),
                          problem->step_index + 1, problem->step_title, problem->words,
                          floor (problem->text_mm), ceil (problem->needed_mm));
}

char *
tf_room_check_all_legible (const TfSessionRoom *room)
{
  g_autofree char *depth = g_strdup_printf ("%g", room->depth_mm / 1000.0);

  /* TRANSLATORS: %s is the room's depth in metres ("8", "12.5") */
  return g_strdup_printf (_("Every step is legible from the back of the room (%s m)"), depth);
}
