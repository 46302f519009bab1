/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-blueprint-gui"

#include <glib/gi18n.h>

#include "blueprints/tf-blueprint.h"
#include "blueprints/tf-blueprint-commands.h"
#include "blueprints/tf-blueprint-kinds.h"
#include "blueprints/tf-blueprint-layout.h"
#include "canvas/tf-item-commands.h"
#include "core/tf-history.h"
#include "gui/tf-board-view-private.h"
#include "gui/tf-view-popover.h"
#include "tf-blueprint-gui.h"
#include "tf-blueprint-panel.h"

/* A blueprint on the board editor. A cell cursor (a step × a lane, outlined
 * in the accent colour) moves with the arrow keys; Tab goes from card to
 * card in reading order; Enter edits the card under the cursor or writes a
 * new one in an empty cell. Steps and lanes are inserted, moved, renamed,
 * hidden and deleted from the keyboard, the board menu and the headers'
 * context menu. Every edit is one blueprint command
 * (blueprints/tf-blueprint-commands.h), so one undo step; the cards' places
 * follow from the grid (tf_blueprint_settle()). */

#define GUI_KEY "tf-blueprint-gui"

typedef struct {
  TfBoardView *view;
  /* The cell cursor, by ids so that it stays on its cell through reflows. */
  char        *step_id;
  char        *lane_id;
  int          last_step;   /* where they were: a deleted step leaves the */
  int          last_lane;   /* cursor on the step that takes its place */
  /* The keyboard arrow: its first card, chosen; the cursor picks the other. */
  gint64       arrow_from;
  /* The board whose missing grid was asked for, once. */
  gint64       grid_board;
  /* The blueprint and its layout, read from the scene when needed. */
  TfBlueprint *bp;
  TfBpLayout  *layout;
  GtkWidget   *popover;
  GtkGesture  *click;
  gulong       board_handler;
  gulong       items_handler;
  gulong       selection_handler;
  gboolean     selecting;
} BpGui;

static void update_blueprint_actions (TfBoardView  *view,
                                      GActionGroup *group);

static BpGui *
get_gui (TfBoardView *view)
{
  return view != NULL ? g_object_get_data (G_OBJECT (view), GUI_KEY) : NULL;
}

static void
forget_model (BpGui *gui)
{
  g_clear_pointer (&gui->layout, tf_bp_layout_free);
  g_clear_pointer (&gui->bp, tf_blueprint_free);
}

static TfBlueprint *
get_bp (BpGui *gui)
{
  TfScene *scene = tf_board_view_get_scene (gui->view);

  if (scene == NULL)
    {
      forget_model (gui);
      return NULL;
    }
  if (gui->bp == NULL)
    gui->bp = tf_blueprint_from_scene (scene);
  return gui->bp;
}

static TfBpLayout *
get_layout (BpGui *gui)
{
  TfBlueprint *bp = get_bp (gui);

  if (bp == NULL)
    return NULL;
  if (gui->layout == NULL)
    gui->layout = tf_blueprint_layout (bp);
  return gui->layout;
}

static gboolean
lane_visible (TfBlueprint *bp,
              int          lane)
{
  return lane >= 0 && (guint) lane < bp->lanes->len &&
         !((TfBpLane *) g_ptr_array_index (bp->lanes, lane))->hidden;
}

/* The cursor's indexes, put back on a cell that exists: a deleted step
 * leaves it on its neighbour, a hidden lane on the next shown one. FALSE
 * when the grid has no cell. */
static gboolean
cursor_indexes (BpGui *gui,
                int   *step,
                int   *lane)
{
  TfBlueprint *bp = get_bp (gui);
  int s, l;

  *step = *lane = -1;
  if (bp == NULL || bp->steps->len == 0 || bp->lanes->len == 0)
    return FALSE;

  s = gui->step_id != NULL ? tf_blueprint_step_index (bp, gui->step_id) : -1;
  l = gui->lane_id != NULL ? tf_blueprint_lane_index (bp, gui->lane_id) : -1;
  if (s < 0)
    s = gui->step_id != NULL ? gui->last_step : 0;
  if (l < 0 && gui->lane_id != NULL)
    l = gui->last_lane;
  if (l < 0)
    {
      TfBpLane *customer = tf_blueprint_lane_of_role (bp, TF_BP_LANE_CUSTOMER);

      l = customer != NULL ? tf_blueprint_lane_index (bp, customer->id) : 0;
    }
  s = CLAMP (s, 0, (int) bp->steps->len - 1);
  l = CLAMP (l, 0, (int) bp->lanes->len - 1);
  if (!lane_visible (bp, l))
    {
      int found = -1;

      for (int d = 1; d < (int) bp->lanes->len && found < 0; d++)
        {
          if (lane_visible (bp, l + d))
            found = l + d;
          else if (lane_visible (bp, l - d))
            found = l - d;
        }
      if (found < 0)
        return FALSE;
      l = found;
    }
  *step = gui->last_step = s;
  *lane = gui->last_lane = l;
  return TRUE;
}

static const char *
step_id_at (TfBlueprint *bp,
            int          step)
{
  return ((TfBpStep *) g_ptr_array_index (bp->steps, step))->id;
}

static const char *
lane_id_at (TfBlueprint *bp,
            int          lane)
{
  return ((TfBpLane *) g_ptr_array_index (bp->lanes, lane))->id;
}

/* Brings a board rectangle into view if it is not. */
static void
ensure_visible (TfBoardView  *view,
                const TfRect *bounds)
{
  double x0, y0, x1, y1;
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));

  tf_board_view_to_widget (view, bounds->x, bounds->y, &x0, &y0);
  tf_board_view_to_widget (view, bounds->x + bounds->width, bounds->y + bounds->height, &x1, &y1);
  if (width <= 0 || (x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height))
    return;
  tf_board_view_animate_centre (view, bounds->x + bounds->width / 2, bounds->y + bounds->height / 2,
                                tf_board_view_get_zoom (view));
}

/* The cards of the cursor's cell (borrowed TfBpCard *). */
static GPtrArray *
cursor_cards (BpGui *gui)
{
  TfBlueprint *bp = get_bp (gui);
  int s, l;

  if (!cursor_indexes (gui, &s, &l))
    return g_ptr_array_new ();
  return tf_blueprint_cell_cards (bp, step_id_at (bp, s), lane_id_at (bp, l));
}

/* The card under the cursor: the selected one if it is in the cell, else
 * the cell's first; 0 for an empty cell. */
static gint64
cursor_card (BpGui *gui)
{
  g_autoptr(GPtrArray) cards = cursor_cards (gui);
  g_autoptr(GArray) selection = tf_board_view_get_selection (gui->view);

  for (guint i = 0; i < cards->len; i++)
    for (guint j = 0; j < selection->len; j++)
      if (((TfBpCard *) g_ptr_array_index (cards, i))->item_id == g_array_index (selection, gint64, j))
        return g_array_index (selection, gint64, j);
  return cards->len > 0 ? ((TfBpCard *) g_ptr_array_index (cards, 0))->item_id : 0;
}

/* Moves the cursor; with @select, its cell's first card is selected (an
 * empty cell selects nothing), so that Delete and the panel follow. */
static void
cursor_set (BpGui   *gui,
            int      step,
            int      lane,
            gboolean select)
{
  TfBlueprint *bp = get_bp (gui);
  TfBpLayout *layout = get_layout (gui);
  TfRect cell;

  if (bp == NULL || step < 0 || lane < 0 || (guint) step >= bp->steps->len ||
      (guint) lane >= bp->lanes->len)
    return;
  g_free (gui->step_id);
  g_free (gui->lane_id);
  gui->step_id = g_strdup (step_id_at (bp, step));
  gui->lane_id = g_strdup (lane_id_at (bp, lane));
  gui->last_step = step;
  gui->last_lane = lane;
  if (select)
    {
      gint64 card = cursor_card (gui);

      gui->selecting = TRUE;
      tf_board_view_select (gui->view, &card, card != 0 ? 1 : 0);
      gui->selecting = FALSE;
    }
  cell = tf_bp_layout_cell (layout, step, lane);
  ensure_visible (gui->view, &cell);
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
  update_blueprint_actions (gui->view, tf_board_view_lookup_actions (gui->view, "blueprint"));
  /* A screen reader says the cell the cursor is on. */
  tf_board_view_announce (gui->view);
}

static gboolean
run (BpGui     *gui,
     TfCommand *command)
{
  g_autoptr(TfCommand) owned = command;
  gboolean done = tf_board_view_execute (gui->view, command);

  forget_model (gui);
  return done;
}

/* Cards. */

static void
edit_card (BpGui  *gui,
           gint64  card,
           gunichar first)
{
  tf_board_view_edit_item (gui->view, card);
  if (first != 0 && tf_board_view_get_editing (gui->view))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (gui->view->editor_text);
      char text[8] = { 0 };

      g_unichar_to_utf8 (first, text);
      gtk_text_buffer_set_text (buffer, text, -1);
    }
}

/* A new card at the end of the cursor's cell, edited at once. */
static void
add_card (BpGui    *gui,
          gunichar  first)
{
  TfBlueprint *bp = get_bp (gui);
  g_autoptr(TfCommand) command = NULL;
  int s, l;

  if (!cursor_indexes (gui, &s, &l))
    return;
  command = tf_bp_command_add_card (bp->board_id, step_id_at (bp, s), lane_id_at (bp, l), -1, "");
  if (tf_board_view_execute (gui->view, command))
    {
      gint64 id = tf_command_get_result_id (command);

      forget_model (gui);
      edit_card (gui, id, first);
    }
  forget_model (gui);
}

static void
edit_or_add (BpGui    *gui,
             gunichar  first)
{
  gint64 card = cursor_card (gui);

  if (card != 0 && first == 0)
    edit_card (gui, card, 0);
  else if (card == 0)
    add_card (gui, first);
}

/* The cards in reading order: step by step, lane by lane (shown lanes). */
static GArray *
reading_order (TfBlueprint *bp)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint s = 0; s < bp->steps->len; s++)
    for (guint l = 0; l < bp->lanes->len; l++)
      {
        g_autoptr(GPtrArray) cards = NULL;

        if (!lane_visible (bp, l))
          continue;
        cards = tf_blueprint_cell_cards (bp, step_id_at (bp, s), lane_id_at (bp, l));
        for (guint i = 0; i < cards->len; i++)
          g_array_append_val (ids, ((TfBpCard *) g_ptr_array_index (cards, i))->item_id);
      }
  return ids;
}

static void
go_to_card (BpGui  *gui,
            gint64  id)
{
  TfBlueprint *bp = get_bp (gui);
  TfBpCard *card = tf_blueprint_card (bp, id);

  if (card == NULL)
    return;
  cursor_set (gui, tf_blueprint_step_index (bp, card->step_id),
              tf_blueprint_lane_index (bp, card->lane_id), FALSE);
  gui->selecting = TRUE;
  tf_board_view_select (gui->view, &id, 1);
  gui->selecting = FALSE;
}

/* Tab: the next card after the one under the cursor (or after the
 * cursor's cell when it is empty); FALSE past the last one (the first,
 * backwards), where the keyboard leaves the board as on any board.
 * Coming back to the card Tab left from, it starts again. */
static gboolean
next_card (BpGui    *gui,
           gboolean  backwards)
{
  TfBlueprint *bp = get_bp (gui);
  g_autoptr(GArray) ids = NULL;
  gint64 current = cursor_card (gui);
  int s, l, n, found = -1;

  if (bp == NULL)
    return FALSE;
  ids = reading_order (bp);
  n = ids->len;
  if (n == 0)
    return FALSE;
  for (int i = 0; i < n; i++)
    if (g_array_index (ids, gint64, i) == current)
      found = i;
  if (found >= 0 && current == gui->view->tab_left_id)
    {
      found = backwards ? n - 1 : 0;
    }
  else if (found >= 0)
    {
      found = backwards ? found - 1 : found + 1;
      if (found < 0 || found >= n)
        return FALSE;
    }
  else if (cursor_indexes (gui, &s, &l))
    {
      /* From an empty cell: the first card after it in reading order. */
      found = backwards ? n - 1 : 0;
      for (int i = 0; i < n; i++)
        {
          TfBpCard *card = tf_blueprint_card (bp, g_array_index (ids, gint64, i));
          int cs = tf_blueprint_step_index (bp, card->step_id);
          int cl = tf_blueprint_lane_index (bp, card->lane_id);
          gboolean after = cs > s || (cs == s && cl > l);

          if (!backwards && after)
            {
              found = i;
              break;
            }
          if (backwards && !after)
            found = i;
        }
    }
  else
    {
      found = 0;
    }
  go_to_card (gui, g_array_index (ids, gint64, found));
  gui->view->tab_left_id = 0;
  return TRUE;
}

/* Steps and lanes. */

static void
insert_step (BpGui *gui,
             int    offset)
{
  TfBlueprint *bp = get_bp (gui);
  g_autoptr(TfCommand) command = NULL;
  int s, l, index;

  if (bp == NULL)
    return;
  if (!cursor_indexes (gui, &s, &l))
    {
      s = (int) bp->steps->len - 1;
      l = -1;
    }
  index = s < 0 ? -1 : s + offset;
  if (index >= (int) bp->steps->len)
    index = -1;
  command = tf_bp_command_insert_step (bp->board_id, index, "",
                                       s >= 0 ? ((TfBpStep *) g_ptr_array_index (bp->steps, s))->stage_id
                                       : NULL);
  if (tf_board_view_execute (gui->view, command))
    {
      g_free (gui->step_id);
      gui->step_id = g_strdup (tf_bp_command_get_new_id (command));
      forget_model (gui);
      if (cursor_indexes (gui, &s, &l))
        cursor_set (gui, s, l, TRUE);
    }
  forget_model (gui);
}

static void
insert_lane (BpGui        *gui,
             int           offset,
             TfBpLaneRole  role)
{
  TfBlueprint *bp = get_bp (gui);
  g_autoptr(TfCommand) command = NULL;
  int s, l, index;

  if (bp == NULL)
    return;
  if (!cursor_indexes (gui, &s, &l))
    l = (int) bp->lanes->len - 1;
  index = l < 0 ? -1 : l + offset;
  if (index >= (int) bp->lanes->len)
    index = -1;
  command = tf_bp_command_insert_lane (bp->board_id, index, role, "");
  if (tf_board_view_execute (gui->view, command))
    {
      g_free (gui->lane_id);
      gui->lane_id = g_strdup (tf_bp_command_get_new_id (command));
      forget_model (gui);
      if (cursor_indexes (gui, &s, &l))
        cursor_set (gui, s, l, TRUE);
    }
  forget_model (gui);
}

static void
move_step (BpGui *gui,
           int    delta)
{
  TfBlueprint *bp = get_bp (gui);
  int s, l;

  if (!cursor_indexes (gui, &s, &l) || s + delta < 0 || s + delta >= (int) bp->steps->len)
    return;
  run (gui, tf_bp_command_move_step (bp->board_id, step_id_at (bp, s), s + delta));
  if (cursor_indexes (gui, &s, &l))
    cursor_set (gui, s, l, FALSE);
}

static void
move_lane (BpGui *gui,
           int    delta)
{
  TfBlueprint *bp = get_bp (gui);
  int s, l, to;

  if (!cursor_indexes (gui, &s, &l))
    return;
  /* Over hidden lanes, to the next shown one. */
  to = l + delta;
  while (to >= 0 && to < (int) bp->lanes->len && !lane_visible (bp, to))
    to += delta;
  if (to < 0 || to >= (int) bp->lanes->len)
    return;
  run (gui, tf_bp_command_move_lane (bp->board_id, lane_id_at (bp, l), to));
  if (cursor_indexes (gui, &s, &l))
    cursor_set (gui, s, l, FALSE);
}

static const char *
step_title (TfBlueprint *bp,
            int          step,
            char       **owned)
{
  TfBpStep *s = g_ptr_array_index (bp->steps, step);

  if (s->title != NULL && *s->title != '\0')
    return s->title;
  /* Translators: a step with no title, by its position. */
  *owned = g_strdup_printf (_("Step %d"), step + 1);
  return *owned;
}

static void
delete_step (BpGui *gui)
{
  TfBlueprint *bp = get_bp (gui);
  g_autofree char *owned = NULL;
  g_autofree char *title = NULL;
  int s, l;

  if (!cursor_indexes (gui, &s, &l))
    return;
  if (*step_title (bp, s, &owned) != '\0' && owned == NULL)
    title = g_strdup_printf (_("Step “%s” deleted"), step_title (bp, s, &owned));
  else
    title = g_strdup_printf (_("Step %d deleted"), s + 1);
  if (run (gui, tf_bp_command_delete_step (bp->board_id, step_id_at (bp, s))))
    {
      tf_board_view_show_toast (gui->view, title, TRUE);
      if (cursor_indexes (gui, &s, &l))
        cursor_set (gui, s, l, TRUE);
    }
}

static void
delete_lane (BpGui *gui)
{
  TfBlueprint *bp = get_bp (gui);
  g_autofree char *title = NULL;
  int s, l;

  if (!cursor_indexes (gui, &s, &l))
    return;
  title = g_strdup_printf (_("Lane “%s” deleted"),
                           tf_bp_lane_title (g_ptr_array_index (bp->lanes, l)));
  if (run (gui, tf_bp_command_delete_lane (bp->board_id, lane_id_at (bp, l))))
    {
      tf_board_view_show_toast (gui->view, title, TRUE);
      if (cursor_indexes (gui, &s, &l))
        cursor_set (gui, s, l, TRUE);
    }
}

/* The keyboard arrow: from the card under the cursor; Enter on another
 * card draws it, Escape drops it. */

static void
arrow_begin (BpGui *gui)
{
  gui->arrow_from = cursor_card (gui);
  if (gui->arrow_from != 0)
    tf_board_view_show_toast (gui->view,
                              _("Move to the other card, then press Enter to draw the arrow"),
                              FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
}

static void
arrow_finish (BpGui *gui)
{
  TfBlueprint *bp = get_bp (gui);
  gint64 to = cursor_card (gui);
  gint64 from = gui->arrow_from;

  gui->arrow_from = 0;
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
  if (bp == NULL || to == 0 || tf_blueprint_card (bp, from) == NULL)
    return;
  run (gui, tf_bp_command_add_arrow (bp->board_id, from, to, FALSE, FALSE));
}

/* A small entry over a header or a card: a title, a duration, an owner. */

typedef void (*EntryDone) (BpGui      *gui,
                           const char *text,
                           gpointer    data);

typedef struct {
  BpGui     *gui;
  EntryDone  done;
  char      *data;
} EntryClosure;

static void
entry_closure_free (gpointer data)
{
  EntryClosure *closure = data;

  g_free (closure->data);
  g_free (closure);
}

static void
entry_activated (GtkEntry     *entry,
                 EntryClosure *closure)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  BpGui *gui = closure->gui;
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER);

  closure->done (gui, text, closure->data);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
close_popover (BpGui *gui)
{
  tf_view_popover_close (&gui->popover);
}

static void
show_popover (BpGui        *gui,
              GtkWidget    *popover,
              const TfRect *board_rect)
{
  tf_view_popover_show (gui->view, &gui->popover, popover, board_rect);
}

/* A header's title: where its entry points, right under it. */
static TfRect
title_of (const TfRect *header)
{
  return TF_RECT_INIT (header->x, header->y, header->width, MIN (header->height, 48.0));
}

static void
ask_text (BpGui        *gui,
          const TfRect *where,
          const char   *label,
          const char   *text,
          EntryDone     done,
          const char   *data)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (label);
  GtkWidget *entry = gtk_entry_new ();
  EntryClosure *closure = g_new0 (EntryClosure, 1);

  closure->gui = gui;
  closure->done = done;
  closure->data = g_strdup (data);
  gtk_widget_set_halign (title, GTK_ALIGN_START);
  gtk_widget_add_css_class (title, "heading");
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_data (entry, "activate", G_CALLBACK (entry_activated), closure,
                         (GClosureNotify) (void (*) (void)) entry_closure_free, 0);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), entry);
  show_popover (gui, popover, where);
  gtk_widget_grab_focus (entry);
}

static void
step_title_done (BpGui      *gui,
                 const char *text,
                 gpointer    data)
{
  TfBlueprint *bp = get_bp (gui);

  if (bp != NULL && tf_blueprint_step_index (bp, data) >= 0)
    run (gui, tf_bp_command_set_step (bp->board_id, data, text, NULL, NULL));
}

static void
step_duration_done (BpGui      *gui,
                    const char *text,
                    gpointer    data)
{
  TfBlueprint *bp = get_bp (gui);

  if (bp != NULL && tf_blueprint_step_index (bp, data) >= 0)
    run (gui, tf_bp_command_set_step (bp->board_id, data, NULL, NULL, text));
}

static TfBpStage *
find_stage (TfBlueprint *bp,
            const char  *stage_id)
{
  for (guint i = 0; stage_id != NULL && *stage_id != '\0' && i < bp->stages->len; i++)
    {
      TfBpStage *stage = g_ptr_array_index (bp->stages, i);

      if (g_strcmp0 (stage->id, stage_id) == 0)
        return stage;
    }
  return NULL;
}

/* The stage of a step: its title renames the step's stage; an empty one
 * takes the step out of it; a step without a stage joins its previous
 * step's stage of the same title, or starts a new stage. */
static void
step_stage_done (BpGui      *gui,
                 const char *text,
                 gpointer    data)
{
  TfBlueprint *bp = get_bp (gui);
  int s = bp != NULL ? tf_blueprint_step_index (bp, data) : -1;
  TfBpStep *step;
  TfBpStage *stage, *previous = NULL;

  if (s < 0)
    return;
  step = g_ptr_array_index (bp->steps, s);
  stage = find_stage (bp, step->stage_id);
  if (s > 0)
    previous = find_stage (bp, ((TfBpStep *) g_ptr_array_index (bp->steps, s - 1))->stage_id);
  if (*text == '\0')
    {
      if (stage != NULL)
        run (gui, tf_bp_command_set_step (bp->board_id, step->id, NULL, "", NULL));
    }
  else if (stage != NULL)
    {
      run (gui, tf_bp_command_set_stage (bp->board_id, stage->id, text));
    }
  else if (previous != NULL && g_strcmp0 (previous->title, text) == 0)
    {
      run (gui, tf_bp_command_set_step (bp->board_id, step->id, NULL, previous->id, NULL));
    }
  else
    {
      const char *ids[] = { step->id };

      run (gui, tf_bp_command_add_stage (bp->board_id, text, ids, 1));
    }
}

static void
lane_title_done (BpGui      *gui,
                 const char *text,
                 gpointer    data)
{
  TfBlueprint *bp = get_bp (gui);

  if (bp != NULL && tf_blueprint_lane_index (bp, data) >= 0)
    run (gui, tf_bp_command_set_lane (bp->board_id, data, text, -1));
}

static void
fail_owner_done (BpGui      *gui,
                 const char *text,
                 gpointer    data)
{
  TfBlueprint *bp = get_bp (gui);
  TfBpCard *card = bp != NULL ? tf_blueprint_card (bp, g_ascii_strtoll (data, NULL, 10)) : NULL;

  if (card == NULL)
    return;
  card->marks |= TF_BP_MARK_FAIL;
  g_free (card->fail_owner);
  card->fail_owner = g_strdup (text);
  run (gui, tf_bp_command_set_card (card, _("Set the owner of a fail point")));
}

static void
rename_step (BpGui *gui)
{
  TfRect where;
  TfBlueprint *bp = get_bp (gui);
  TfBpLayout *layout = get_layout (gui);
  int s, l;

  if (!cursor_indexes (gui, &s, &l))
    return;
  where = title_of (&g_array_index (layout->step_headers, TfRect, s));
  ask_text (gui, &where, _("Step title"),
            ((TfBpStep *) g_ptr_array_index (bp->steps, s))->title, step_title_done, step_id_at (bp, s));
}

static void
set_duration (BpGui *gui)
{
  TfRect where;
  TfBlueprint *bp = get_bp (gui);
  TfBpLayout *layout = get_layout (gui);
  int s, l;

  if (!cursor_indexes (gui, &s, &l))
    return;
  where = title_of (&g_array_index (layout->step_headers, TfRect, s));
  ask_text (gui, &where, _("Duration of the step"),
            ((TfBpStep *) g_ptr_array_index (bp->steps, s))->duration, step_duration_done,
            step_id_at (bp, s));
}

static void
set_stage (BpGui *gui)
{
  TfRect where;
  TfBlueprint *bp = get_bp (gui);
  TfBpLayout *layout = get_layout (gui);
  TfBpStage *stage;
  int s, l;

  if (!cursor_indexes (gui, &s, &l))
    return;
  stage = find_stage (bp, ((TfBpStep *) g_ptr_array_index (bp->steps, s))->stage_id);
  where = title_of (&g_array_index (layout->step_headers, TfRect, s));
  ask_text (gui, &where, _("Stage of the step"),
            stage != NULL ? stage->title : "", step_stage_done, step_id_at (bp, s));
}

static void
rename_lane (BpGui *gui)
{
  TfRect where;
  TfBlueprint *bp = get_bp (gui);
  TfBpLayout *layout = get_layout (gui);
  int s, l;

  if (!cursor_indexes (gui, &s, &l))
    return;
  where = title_of (&g_array_index (layout->lane_headers, TfRect, l));
  ask_text (gui, &where, _("Lane title"),
            tf_bp_lane_title (g_ptr_array_index (bp->lanes, l)), lane_title_done, lane_id_at (bp, l));
}

static void
set_fail_owner (BpGui *gui)
{
  TfBlueprint *bp = get_bp (gui);
  gint64 id = cursor_card (gui);
  TfBpCard *card = id != 0 ? tf_blueprint_card (bp, id) : NULL;
  TfItem *item = card != NULL ? tf_scene_lookup (tf_board_view_get_scene (gui->view), id) : NULL;
  g_autofree char *data = NULL;
  TfRect where;

  if (item == NULL)
    return;
  where = item->bounds;
  data = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  ask_text (gui, &where, _("Who answers for this fail point?"), card->fail_owner,
            fail_owner_done, data);
}

/* Hit tests. */

typedef enum {
  HIT_NONE,
  HIT_STEP_HEADER,
  HIT_LANE_HEADER,
  HIT_STAGE,
  HIT_CELL,
} HitKind;

static HitKind
hit (BpGui  *gui,
     double  bx,
     double  by,
     int    *step,
     int    *lane)
{
  TfBlueprint *bp = get_bp (gui);
  TfBpLayout *layout = get_layout (gui);

  *step = *lane = -1;
  if (layout == NULL)
    return HIT_NONE;
  for (guint i = 0; i < layout->step_headers->len; i++)
    if (tf_rect_contains_point (&g_array_index (layout->step_headers, TfRect, i), bx, by))
      {
        *step = i;
        return HIT_STEP_HEADER;
      }
  for (guint i = 0; i < layout->stage_bands->len; i++)
    if (tf_rect_contains_point (&g_array_index (layout->stage_bands, TfRect, i), bx, by))
      {
        /* The stage's first step. */
        TfBpStage *stage = g_ptr_array_index (bp->stages, i);

        for (guint s = 0; s < bp->steps->len && *step < 0; s++)
          if (g_strcmp0 (((TfBpStep *) g_ptr_array_index (bp->steps, s))->stage_id, stage->id) == 0)
            *step = s;
        return *step >= 0 ? HIT_STAGE : HIT_NONE;
      }
  for (guint i = 0; i < layout->lane_headers->len; i++)
    if (lane_visible (bp, i) &&
        tf_rect_contains_point (&g_array_index (layout->lane_headers, TfRect, i), bx, by))
      {
        *lane = i;
        return HIT_LANE_HEADER;
      }
  if (tf_bp_layout_cell_at (layout, bp, bx, by, step, lane) && lane_visible (bp, *lane))
    return HIT_CELL;
  *step = *lane = -1;
  return HIT_NONE;
}

static gboolean
is_card (const TfItem *item)
{
  return item != NULL && g_strcmp0 (item->kind_id, TF_BP_CARD_KIND) == 0;
}

gint64
tf_blueprint_gui_card_at (TfBoardView *view,
                          double       bx,
                          double       by)
{
  TfScene *scene = tf_board_view_get_scene (view);
  g_autoptr(GPtrArray) found = NULL;
  TfRect probe = TF_RECT_INIT (bx, by, 0.001, 0.001);
  TfItem *top;

  if (scene == NULL)
    return 0;
  top = tf_scene_hit_test (scene, bx, by, 0);
  if (is_card (top))
    return top->id;
  /* An arrow's bounds (its whole route's box, not its line) may lie over
   * the card: the topmost card under the point, from the same index. */
  found = g_ptr_array_new ();
  tf_scene_query (scene, &probe, found);
  for (guint i = found->len; i > 0; i--)
    {
      TfItem *item = g_ptr_array_index (found, i - 1);

      if (is_card (item) && tf_rect_contains_point (&item->bounds, bx, by))
        return item->id;
    }
  return 0;
}

static gint64
card_at (BpGui  *gui,
         double  bx,
         double  by)
{
  return tf_blueprint_gui_card_at (gui->view, bx, by);
}

static gint64
arrow_at (BpGui  *gui,
          double  bx,
          double  by)
{
  TfBlueprint *bp = get_bp (gui);
  TfItem *item = tf_board_view_pick_item (gui->view, bx, by);

  for (guint i = 0; item != NULL && bp != NULL && i < bp->arrows->len; i++)
    if (((TfBpArrow *) g_ptr_array_index (bp->arrows, i))->item_id == item->id)
      return item->id;
  return 0;
}

static TfBpArrow *
selected_arrow (BpGui *gui)
{
  TfBlueprint *bp = get_bp (gui);
  g_autoptr(GArray) selection = tf_board_view_get_selection (gui->view);

  if (bp == NULL || selection->len != 1)
    return NULL;
  for (guint i = 0; i < bp->arrows->len; i++)
    {
      TfBpArrow *arrow = g_ptr_array_index (bp->arrows, i);

      if (arrow->item_id == g_array_index (selection, gint64, 0))
        return arrow;
    }
  return NULL;
}

/* Menus: the same items in the board menu (board-page.ui), the context
 * menus and the shortcuts window. */

static void
append (GMenu      *menu,
        const char *label,
        const char *action,
        const char *accel)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, action);

  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (menu, item);
}

static GMenu *
card_section (void)
{
  GMenu *menu = g_menu_new ();

  append (menu, _("_Edit Card"), "blueprint.edit-card", "Return");
  append (menu, _("_Add a Card in This Cell"), "blueprint.add-card", "<Control>Return");
  append (menu, _("Draw an _Arrow from This Card"), "blueprint.arrow-from", "<Control>l");
  append (menu, _("_Fail Point"), "blueprint.mark-fail", "<Control><Shift>f");
  append (menu, _("Owner of the Fail _Point…"), "blueprint.set-fail-owner", NULL);
  return menu;
}

static GMenu *
step_section (void)
{
  GMenu *menu = g_menu_new ();

  append (menu, _("_Rename Step…"), "blueprint.rename-step", "<Shift>F2");
  append (menu, _("Step _Duration…"), "blueprint.set-duration", NULL);
  append (menu, _("Step _Stage…"), "blueprint.set-stage", NULL);
  append (menu, _("Insert Step _Before"), "blueprint.add-step-before", "<Control><Shift>Left");
  append (menu, _("Insert Step _After"), "blueprint.add-step-after", "<Control><Shift>Right");
  append (menu, _("Move Step _Left"), "blueprint.move-step-left", "<Alt><Shift>Left");
  append (menu, _("Move Step Ri_ght"), "blueprint.move-step-right", "<Alt><Shift>Right");
  append (menu, _("Delete S_tep"), "blueprint.delete-step", "<Control>Delete");
  return menu;
}

static GMenu *
add_lane_menu (void)
{
  static const struct {
    TfBpLaneRole role;
    const char  *label;
  } roles[] = {
    { TF_BP_LANE_TIME, N_("_Time") },
    { TF_BP_LANE_EMOTION, N_("_Emotion") },
    { TF_BP_LANE_POLICY, N_("_Policy and Rules") },
    { TF_BP_LANE_METRICS, N_("_Metrics") },
    { TF_BP_LANE_PAIN, N_("P_ain Points") },
    { TF_BP_LANE_OPPORTUNITY, N_("_Opportunities") },
    { TF_BP_LANE_CUSTOM, N_("_Custom Lane") },
  };
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(roles[i].label), NULL);

      g_menu_item_set_action_and_target (item, "blueprint.add-lane", "s",
                                         tf_bp_lane_role_to_string (roles[i].role));
      g_menu_append_item (menu, item);
    }
  return menu;
}

static GMenu *
lane_section (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) roles = add_lane_menu ();

  append (menu, _("Re_name Lane…"), "blueprint.rename-lane", "<Control>F2");
  append (menu, _("Insert Lane Abo_ve"), "blueprint.add-lane-above", "<Control><Shift>Up");
  append (menu, _("Insert Lane Belo_w"), "blueprint.add-lane-below", "<Control><Shift>Down");
  g_menu_append_submenu (menu, _("Add an _Optional Lane"), G_MENU_MODEL (roles));
  append (menu, _("Move Lane _Up"), "blueprint.move-lane-up", "<Alt><Shift>Up");
  append (menu, _("Move Lane Do_wn"), "blueprint.move-lane-down", "<Alt><Shift>Down");
  append (menu, _("_Hide Lane"), "blueprint.hide-lane", NULL);
  append (menu, _("Show _Hidden Lanes"), "blueprint.show-lanes", NULL);
  append (menu, _("Delete La_ne"), "blueprint.delete-lane", "<Control><Shift>Delete");
  return menu;
}

/* An arrow's items, for the arrow @id. */
static GMenu *
arrow_section (gint64 id)
{
  static const struct {
    const char *label;
    const char *action;
  } items[] = {
    { N_("_Two-Way Arrow"), "blueprint.arrow-two-way" },
    { N_("_Loop"), "blueprint.arrow-loop" },
    { N_("_Delete Arrow"), "blueprint.delete-arrow" },
  };
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target (item, items[i].action, "x", id);
      g_menu_append_item (menu, item);
    }
  return menu;
}

/* The arrows of the card under the cursor, each its own section. */
static void
add_arrow_sections (BpGui *gui,
                    GMenu *menu)
{
  TfBlueprint *bp = get_bp (gui);
  gint64 card = cursor_card (gui);
  g_autoptr(GMenu) arrows = g_menu_new ();

  for (guint i = 0; card != 0 && i < bp->arrows->len; i++)
    {
      TfBpArrow *arrow = g_ptr_array_index (bp->arrows, i);
      TfBpCard *other;
      g_autoptr(GMenu) section = NULL;
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;

      if (arrow->from != card && arrow->to != card)
        continue;
      other = tf_blueprint_card (bp, arrow->from == card ? arrow->to : arrow->from);
      text = g_utf8_substring (other != NULL && other->text != NULL ? other->text : "", 0, 24);
      title = g_strdup_printf (arrow->from == card ? _("Arrow to “%s”") : _("Arrow from “%s”"), text);
      section = arrow_section (arrow->item_id);
      g_menu_append_submenu (arrows, title, G_MENU_MODEL (section));
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (arrows)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (arrows));
}

static void
show_menu (BpGui        *gui,
           GMenuModel   *model,
           const TfRect *where)
{
  GtkWidget *popover = gtk_popover_menu_new_from_model (model);

  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  show_popover (gui, popover, where);
}

/* A header's menu holds its items; a cell's menu, its card's items and
 * the step's and the lane's in submenus (a short menu at any size). */
static void
add_sections (GMenu   *menu,
              gboolean card,
              gboolean step,
              gboolean lane)
{
  gboolean nested = card;

  if (card)
    {
      g_autoptr(GMenu) section = card_section ();

      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
    }
  if (nested && (step || lane))
    {
      g_autoptr(GMenu) section = g_menu_new ();

      if (step)
        {
          g_autoptr(GMenu) items = step_section ();

          g_menu_append_submenu (section, _("_Step"), G_MENU_MODEL (items));
        }
      if (lane)
        {
          g_autoptr(GMenu) items = lane_section ();

          g_menu_append_submenu (section, _("_Lane"), G_MENU_MODEL (items));
        }
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      return;
    }
  if (step)
    {
      g_autoptr(GMenu) section = step_section ();

      g_menu_append_section (menu, _("Step"), G_MENU_MODEL (section));
    }
  if (lane)
    {
      g_autoptr(GMenu) section = lane_section ();

      g_menu_append_section (menu, _("Lane"), G_MENU_MODEL (section));
    }
}

/* The context menu of the cursor's cell, from the keyboard (Menu,
 * Shift+F10): its card, its step and its lane. */
static void
cursor_menu (BpGui *gui)
{
  TfBpLayout *layout = get_layout (gui);
  g_autoptr(GMenu) menu = g_menu_new ();
  TfRect cell;
  int s, l;

  if (selected_arrow (gui) != NULL)
    {
      g_autoptr(GMenu) section = arrow_section (selected_arrow (gui)->item_id);
      TfItem *item = tf_scene_lookup (tf_board_view_get_scene (gui->view), selected_arrow (gui)->item_id);

      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      if (item != NULL)
        {
          TfRect where = item->bounds;

          show_menu (gui, G_MENU_MODEL (menu), &where);
          return;
        }
    }
  if (!cursor_indexes (gui, &s, &l))
    {
      g_autoptr(GMenu) section = g_menu_new ();

      append (section, _("Insert Step _After"), "blueprint.add-step-after", "<Control><Shift>Right");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      if (layout == NULL)
        return;
      cell = layout->bounds;
      show_menu (gui, G_MENU_MODEL (menu), &cell);
      return;
    }
  add_sections (menu, TRUE, TRUE, TRUE);
  add_arrow_sections (gui, menu);
  cell = tf_bp_layout_cell (layout, s, l);
  show_menu (gui, G_MENU_MODEL (menu), &cell);
}

/* Actions (blueprint.*). */

#define GUI_OF(user_data) get_gui (user_data)

static void
edit_card_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  edit_or_add (GUI_OF (user_data), 0);
}

static void
add_card_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  add_card (GUI_OF (user_data), 0);
}

static void
add_step_before_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  insert_step (GUI_OF (user_data), 0);
}

static void
add_step_after_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  insert_step (GUI_OF (user_data), 1);
}

static void
add_lane_above_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  insert_lane (GUI_OF (user_data), 0, TF_BP_LANE_CUSTOM);
}

static void
add_lane_below_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  insert_lane (GUI_OF (user_data), 1, TF_BP_LANE_CUSTOM);
}

static void
add_lane_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  insert_lane (GUI_OF (user_data), 1, tf_bp_lane_role_from_string (g_variant_get_string (parameter, NULL)));
}

static void
move_step_left_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  move_step (GUI_OF (user_data), -1);
}

static void
move_step_right_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  move_step (GUI_OF (user_data), 1);
}

static void
move_lane_up_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  move_lane (GUI_OF (user_data), -1);
}

static void
move_lane_down_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  move_lane (GUI_OF (user_data), 1);
}

static void
delete_step_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  delete_step (GUI_OF (user_data));
}

static void
delete_lane_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  delete_lane (GUI_OF (user_data));
}

static void
rename_step_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  rename_step (GUI_OF (user_data));
}

static void
set_duration_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  set_duration (GUI_OF (user_data));
}

static void
set_stage_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  set_stage (GUI_OF (user_data));
}

static void
rename_lane_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  rename_lane (GUI_OF (user_data));
}

static void
hide_lane_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  BpGui *gui = GUI_OF (user_data);
  TfBlueprint *bp = get_bp (gui);
  g_autofree char *title = NULL;
  int s, l;

  if (!cursor_indexes (gui, &s, &l))
    return;
  title = g_strdup_printf (_("Lane “%s” hidden"), tf_bp_lane_title (g_ptr_array_index (bp->lanes, l)));
  if (run (gui, tf_bp_command_set_lane (bp->board_id, lane_id_at (bp, l), NULL, TRUE)))
    {
      tf_board_view_show_toast (gui->view, title, TRUE);
      if (cursor_indexes (gui, &s, &l))
        cursor_set (gui, s, l, TRUE);
    }
}

static void
show_lanes_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  BpGui *gui = GUI_OF (user_data);
  TfBlueprint *bp = get_bp (gui);
  g_autoptr(GPtrArray) hidden = g_ptr_array_new_with_free_func (g_free);

  if (bp == NULL)
    return;
  for (guint i = 0; i < bp->lanes->len; i++)
    if (!lane_visible (bp, i))
      g_ptr_array_add (hidden, g_strdup (lane_id_at (bp, i)));
  /* One command per lane: each can be undone. */
  for (guint i = 0; i < hidden->len; i++)
    if (!run (gui, tf_bp_command_set_lane (bp->board_id, g_ptr_array_index (hidden, i), NULL, FALSE)))
      break;
  gtk_widget_queue_draw (GTK_WIDGET (gui->view));
}

static void
mark_fail_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  BpGui *gui = GUI_OF (user_data);
  TfBlueprint *bp = get_bp (gui);
  gint64 id = cursor_card (gui);
  TfBpCard *card = id != 0 ? tf_blueprint_card (bp, id) : NULL;
  gboolean on;

  if (card == NULL)
    return;
  on = !(card->marks & TF_BP_MARK_FAIL);
  card->marks ^= TF_BP_MARK_FAIL;
  run (gui, tf_bp_command_set_card (card, on ? _("Mark a fail point") : _("Remove the fail point")));
}

static void
set_fail_owner_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  BpGui *gui = GUI_OF (user_data);

  if (parameter != NULL)
    {
      g_autofree char *data = g_strdup_printf ("%" G_GINT64_FORMAT, cursor_card (gui));

      fail_owner_done (gui, g_variant_get_string (parameter, NULL), data);
      return;
    }
  set_fail_owner (gui);
}

static void
arrow_from_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  arrow_begin (GUI_OF (user_data));
}

static void
arrow_tool_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TfBoardView *view = user_data;

  tf_blueprint_gui_set_arrow_tool (view, !tf_blueprint_gui_get_arrow_tool (view));
}

static TfBpArrow *
find_arrow (BpGui  *gui,
            gint64  id)
{
  TfBlueprint *bp = get_bp (gui);

  for (guint i = 0; bp != NULL && i < bp->arrows->len; i++)
    if (((TfBpArrow *) g_ptr_array_index (bp->arrows, i))->item_id == id)
      return g_ptr_array_index (bp->arrows, i);
  return NULL;
}

static void
set_arrow (BpGui    *gui,
           GVariant *parameter,
           gboolean  two_way_toggle,
           gboolean  loop_toggle)
{
  TfBpArrow *arrow = find_arrow (gui, g_variant_get_int64 (parameter));

  if (arrow == NULL)
    return;
  run (gui, tf_bp_command_set_arrow (arrow->item_id, arrow->two_way ^ two_way_toggle,
                                     arrow->loop ^ loop_toggle, arrow->label));
}

static void
arrow_two_way_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  set_arrow (GUI_OF (user_data), parameter, TRUE, FALSE);
}

static void
arrow_loop_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  set_arrow (GUI_OF (user_data), parameter, FALSE, TRUE);
}

static void
delete_arrow_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  BpGui *gui = GUI_OF (user_data);
  TfBpArrow *arrow = find_arrow (gui, g_variant_get_int64 (parameter));

  if (arrow != NULL)
    run (gui, tf_command_delete_items (&arrow->item_id, 1));
}

static void
context_menu_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  cursor_menu (GUI_OF (user_data));
}

static const GActionEntry blueprint_entries[] = {
  { "edit-card", edit_card_activated, NULL, NULL, NULL, { 0 } },
  { "add-card", add_card_activated, NULL, NULL, NULL, { 0 } },
  { "add-step-before", add_step_before_activated, NULL, NULL, NULL, { 0 } },
  { "add-step-after", add_step_after_activated, NULL, NULL, NULL, { 0 } },
  { "add-lane-above", add_lane_above_activated, NULL, NULL, NULL, { 0 } },
  { "add-lane-below", add_lane_below_activated, NULL, NULL, NULL, { 0 } },
  { "add-lane", add_lane_activated, "s", NULL, NULL, { 0 } },
  { "move-step-left", move_step_left_activated, NULL, NULL, NULL, { 0 } },
  { "move-step-right", move_step_right_activated, NULL, NULL, NULL, { 0 } },
  { "move-lane-up", move_lane_up_activated, NULL, NULL, NULL, { 0 } },
  { "move-lane-down", move_lane_down_activated, NULL, NULL, NULL, { 0 } },
  { "delete-step", delete_step_activated, NULL, NULL, NULL, { 0 } },
  { "delete-lane", delete_lane_activated, NULL, NULL, NULL, { 0 } },
  { "rename-step", rename_step_activated, NULL, NULL, NULL, { 0 } },
  { "set-duration", set_duration_activated, NULL, NULL, NULL, { 0 } },
  { "set-stage", set_stage_activated, NULL, NULL, NULL, { 0 } },
  { "rename-lane", rename_lane_activated, NULL, NULL, NULL, { 0 } },
  { "hide-lane", hide_lane_activated, NULL, NULL, NULL, { 0 } },
  { "show-lanes", show_lanes_activated, NULL, NULL, NULL, { 0 } },
  { "mark-fail", mark_fail_activated, NULL, NULL, NULL, { 0 } },
  { "set-fail-owner", set_fail_owner_activated, NULL, NULL, NULL, { 0 } },
  { "set-fail-owner-to", set_fail_owner_activated, "s", NULL, NULL, { 0 } },
  { "arrow-from", arrow_from_activated, NULL, NULL, NULL, { 0 } },
  { "arrow-tool", arrow_tool_activated, NULL, NULL, NULL, { 0 } },
  { "arrow-two-way", arrow_two_way_activated, "x", NULL, NULL, { 0 } },
  { "arrow-loop", arrow_loop_activated, "x", NULL, NULL, { 0 } },
  { "delete-arrow", delete_arrow_activated, "x", NULL, NULL, { 0 } },
  { "context-menu", context_menu_activated, NULL, NULL, NULL, { 0 } },
};

static void
update_blueprint_actions (TfBoardView  *view,
                          GActionGroup *group)
{
  BpGui *gui = get_gui (view);
  TfBlueprint *bp;
  gboolean board, idle, cell, card, hidden = FALSE;
  int s = -1, l = -1;

  if (gui == NULL || group == NULL)
    return;
  bp = get_bp (gui);
  board = view->board_id != 0 && bp != NULL;
  idle = board && !tf_board_view_get_editing (view) && view->editable;
  cell = idle && cursor_indexes (gui, &s, &l);
  card = cell && cursor_card (gui) != 0;
  for (guint i = 0; board && i < bp->lanes->len; i++)
    hidden = hidden || !lane_visible (bp, i);
  {
    struct { const char *name; gboolean enabled; } states[] = {
      { "edit-card", cell },
      { "add-card", cell },
      { "add-step-before", idle },
      { "add-step-after", idle },
      { "add-lane-above", idle },
      { "add-lane-below", idle },
      { "add-lane", idle },
      { "move-step-left", cell && s > 0 },
      { "move-step-right", cell && s + 1 < (int) bp->steps->len },
      { "move-lane-up", cell && l > 0 },
      { "move-lane-down", cell && l + 1 < (int) bp->lanes->len },
      { "delete-step", cell },
      { "delete-lane", cell },
      { "rename-step", cell },
      { "set-duration", cell },
      { "set-stage", cell },
      { "rename-lane", cell },
      { "hide-lane", cell },
      { "show-lanes", idle && hidden },
      { "mark-fail", card },
      { "set-fail-owner", card },
      { "set-fail-owner-to", card },
      { "arrow-from", card },
      { "arrow-tool", idle },
      { "arrow-two-way", idle },
      { "arrow-loop", idle },
      { "delete-arrow", idle },
      { "context-menu", board },
    };

    for (guint i = 0; i < G_N_ELEMENTS (states); i++)
      {
        GAction *action = g_action_map_lookup_action (G_ACTION_MAP (group), states[i].name);

        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), states[i].enabled);
      }
  }
}

/* Keys. */

static gboolean
is_zoom_key (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_0: case GDK_KEY_KP_0: case GDK_KEY_1: case GDK_KEY_KP_1:
    case GDK_KEY_3: case GDK_KEY_KP_3: case GDK_KEY_plus: case GDK_KEY_equal:
    case GDK_KEY_KP_Add: case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
activate (TfBoardView *view,
          const char  *name)
{
  GActionGroup *group = tf_board_view_lookup_actions (view, "blueprint");

  update_blueprint_actions (view, group);
  if (group != NULL && g_action_group_get_action_enabled (group, name))
    g_action_group_activate_action (group, name, NULL);
  /* Taken even when it does not apply: the keys are the board's. */
  return TRUE;
}

static gboolean
blueprint_key (TfBoardView     *view,
               guint            keyval,
               GdkModifierType  state)
{
  BpGui *gui = get_gui (view);
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK);
  TfBlueprint *bp;
  int s, l, ds = 0, dl = 0;
  gunichar c;

  if (gui == NULL || (bp = get_bp (gui)) == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: ds = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: ds = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: dl = -1; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: dl = 1; break;
    default: break;
    }
  if (ds != 0 || dl != 0)
    {
      if (mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
        return activate (view, ds < 0 ? "add-step-before" : ds > 0 ? "add-step-after"
                               : dl < 0 ? "add-lane-above" : "add-lane-below");
      if (mods == (GDK_ALT_MASK | GDK_SHIFT_MASK))
        return activate (view, ds < 0 ? "move-step-left" : ds > 0 ? "move-step-right"
                               : dl < 0 ? "move-lane-up" : "move-lane-down");
      if (mods != 0)
        return FALSE;
      if (!cursor_indexes (gui, &s, &l))
        return TRUE;
      s = CLAMP (s + ds, 0, (int) bp->steps->len - 1);
      if (dl != 0)
        {
          int to = l + dl;

          while (to >= 0 && to < (int) bp->lanes->len && !lane_visible (bp, to))
            to += dl;
          if (to >= 0 && to < (int) bp->lanes->len)
            l = to;
        }
      cursor_set (gui, s, l, gui->arrow_from == 0);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      /* Tab goes from card to card, then off the board; Ctrl+Tab off it
       * at once (the window's). */
      if (mods & (GDK_CONTROL_MASK | GDK_ALT_MASK))
        return FALSE;
      if (!next_card (gui, keyval == GDK_KEY_ISO_Left_Tab || (mods & GDK_SHIFT_MASK)))
        {
          view->tab_left_id = cursor_card (gui);
          tf_board_view_leave (view, keyval == GDK_KEY_ISO_Left_Tab || (mods & GDK_SHIFT_MASK));
        }
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (!view->editable)
        return FALSE;
      if (gui->arrow_from != 0 && mods == 0)
        {
          arrow_finish (gui);
          return TRUE;
        }
      if (mods == GDK_CONTROL_MASK)
        return activate (view, "add-card");
      if (mods != 0)
        return FALSE;
      if (bp->steps->len == 0)
        return activate (view, "add-step-after");
      return activate (view, "edit-card");

    case GDK_KEY_F2:
      if (mods == GDK_SHIFT_MASK)
        return activate (view, "rename-step");
      if (mods == GDK_CONTROL_MASK)
        return activate (view, "rename-lane");
      if (mods == 0 && view->editable)
        return activate (view, "edit-card");
      return FALSE;

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (mods == GDK_CONTROL_MASK)
        return activate (view, "delete-step");
      if (mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
        return activate (view, "delete-lane");
      /* Delete alone: the selected card, the editor's. */
      return FALSE;

    case GDK_KEY_Escape:
      if (gui->arrow_from != 0)
        {
          gui->arrow_from = 0;
          gtk_widget_queue_draw (GTK_WIDGET (view));
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_Menu:
      return activate (view, "context-menu");

    case GDK_KEY_F10:
      return mods == GDK_SHIFT_MASK ? activate (view, "context-menu") : FALSE;

    case GDK_KEY_l:
    case GDK_KEY_L:
      if (mods == GDK_CONTROL_MASK)
        return activate (view, "arrow-from");
      if (mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
        return activate (view, "arrow-tool");
      break;

    case GDK_KEY_f:
    case GDK_KEY_F:
      if (mods == (GDK_CONTROL_MASK | GDK_SHIFT_MASK))
        return activate (view, "mark-fail");
      break;

    default:
      break;
    }

  /* A letter on an empty cell starts its card, as on a wall; the zoom
   * keys stay the view's; no loose note is written on a blueprint. */
  if (mods & ~GDK_SHIFT_MASK)
    return FALSE;
  c = gdk_keyval_to_unicode (keyval);
  if (c == 0 || !g_unichar_isprint (c) || is_zoom_key (keyval) || keyval == GDK_KEY_space)
    return FALSE;
  if (view->editable && cursor_card (gui) == 0 && cursor_indexes (gui, &s, &l))
    add_card (gui, c);
  return TRUE;
}

/* Pointer. */

/* The cursor on @step (its lane as it is) or on @lane (its step as it is). */
static void
cursor_to (BpGui *gui,
           int    step,
           int    lane)
{
  int s, l;

  if (!cursor_indexes (gui, &s, &l))
    s = l = 0;
  cursor_set (gui, step >= 0 ? step : s, lane >= 0 ? lane : l, FALSE);
}

/* Double-click: a card is edited, an empty cell gets a new card, a header
 * is renamed. Nothing else is written on a blueprint. */
static gboolean
blueprint_activate (TfBoardView *view,
                    double       bx,
                    double       by)
{
  BpGui *gui = get_gui (view);
  gint64 card;
  int s, l;

  if (gui == NULL || get_bp (gui) == NULL)
    return FALSE;
  card = card_at (gui, bx, by);
  if (card != 0)
    {
      go_to_card (gui, card);
      edit_card (gui, card, 0);
      return TRUE;
    }
  if (arrow_at (gui, bx, by) != 0)
    return TRUE;
  switch (hit (gui, bx, by, &s, &l))
    {
    case HIT_STEP_HEADER:
      cursor_to (gui, s, -1);
      rename_step (gui);
      break;
    case HIT_STAGE:
      cursor_to (gui, s, -1);
      set_stage (gui);
      break;
    case HIT_LANE_HEADER:
      cursor_to (gui, -1, l);
      rename_lane (gui);
      break;
    case HIT_CELL:
      cursor_set (gui, s, l, TRUE);
      add_card (gui, 0);
      break;
    case HIT_NONE:
    default:
      break;
    }
  return TRUE;
}

/* Right-click: the menu of what is under the pointer. */
static gboolean
blueprint_context_menu (TfBoardView *view,
                        double       x,
                        double       y)
{
  BpGui *gui = get_gui (view);
  TfBpLayout *layout;
  g_autoptr(GMenu) menu = g_menu_new ();
  TfRect where;
  double bx, by;
  gint64 id;
  int s, l;

  if (gui == NULL || (layout = get_layout (gui)) == NULL || !view->editable)
    return FALSE;
  tf_board_view_to_board (view, x, y, &bx, &by);
  where = TF_RECT_INIT (bx, by, 1 / tf_board_view_get_zoom (view), 1 / tf_board_view_get_zoom (view));
  id = card_at (gui, bx, by);
  if (id == 0 && (id = arrow_at (gui, bx, by)) != 0)
    {
      g_autoptr(GMenu) section = arrow_section (id);

      tf_board_view_select (view, &id, 1);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
      update_blueprint_actions (view, tf_board_view_lookup_actions (view, "blueprint"));
      show_menu (gui, G_MENU_MODEL (menu), &where);
      return TRUE;
    }
  if (id != 0)
    {
      go_to_card (gui, id);
      add_sections (menu, TRUE, TRUE, TRUE);
      add_arrow_sections (gui, menu);
    }
  else
    {
      switch (hit (gui, bx, by, &s, &l))
        {
        case HIT_STEP_HEADER:
        case HIT_STAGE:
          cursor_to (gui, s, -1);
          add_sections (menu, FALSE, TRUE, FALSE);
          break;
        case HIT_LANE_HEADER:
          cursor_to (gui, -1, l);
          add_sections (menu, FALSE, FALSE, TRUE);
          break;
        case HIT_CELL:
          cursor_set (gui, s, l, TRUE);
          add_sections (menu, TRUE, TRUE, TRUE);
          break;
        case HIT_NONE:
        default:
          return FALSE;
        }
    }
  update_blueprint_actions (view, tf_board_view_lookup_actions (view, "blueprint"));
  show_menu (gui, G_MENU_MODEL (menu), &where);
  return TRUE;
}

/* A single press on a cell puts the cursor there (the select tool does
 * the rest: selection, moves). */
static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            BpGui           *gui)
{
  double bx, by;
  int s, l;

  tf_board_view_to_board (gui->view, x, y, &bx, &by);
  if (get_bp (gui) != NULL && hit (gui, bx, by, &s, &l) == HIT_CELL)
    cursor_set (gui, s, l, FALSE);
}

/* The card a click selected brings the cursor to its cell. */
static void
on_selection_changed (TfBoardView *view,
                      BpGui       *gui)
{
  TfBlueprint *bp = get_bp (gui);
  g_autoptr(GArray) selection = NULL;
  TfBpCard *card;

  if (gui->selecting || bp == NULL)
    return;
  selection = tf_board_view_get_selection (view);
  if (selection->len != 1 || (card = tf_blueprint_card (bp, g_array_index (selection, gint64, 0))) == NULL)
    return;
  g_free (gui->step_id);
  g_free (gui->lane_id);
  gui->step_id = g_strdup (card->step_id);
  gui->lane_id = g_strdup (card->lane_id);
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

/* Drawing: the cursor's cell, outlined in the accent colour; the keyboard
 * arrow's first card and a dashed line to the cursor. */
static void
widget_rect (TfBoardView  *view,
             const TfRect *r,
             double       *x,
             double       *y,
             double       *w,
             double       *h)
{
  double x1, y1;

  tf_board_view_to_widget (view, r->x, r->y, x, y);
  tf_board_view_to_widget (view, r->x + r->width, r->y + r->height, &x1, &y1);
  *w = x1 - *x;
  *h = y1 - *y;
}

static void
blueprint_draw_overlay (TfBoardView *view,
                        cairo_t     *cr)
{
  BpGui *gui = get_gui (view);
  TfBpLayout *layout;
  TfRect cell;
  double x, y, w, h, radius;
  int s, l;

  if (gui == NULL || (layout = get_layout (gui)) == NULL || !cursor_indexes (gui, &s, &l))
    return;
  cell = tf_bp_layout_cell (layout, s, l);
  widget_rect (view, &cell, &x, &y, &w, &h);
  radius = MIN (8.0, MIN (w, h) / 4);
  cairo_save (cr);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.06);
  cairo_fill_preserve (cr);
  tf_cairo_set_rgb (cr, TF_ACCENT_RGB, gtk_widget_has_focus (GTK_WIDGET (view)) ? 0.85 : 0.4);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);

  if (gui->arrow_from != 0)
    {
      TfItem *from = tf_scene_lookup (tf_board_view_get_scene (view), gui->arrow_from);

      if (from != NULL)
        {
          double fx, fy, fw, fh;

          widget_rect (view, &from->bounds, &fx, &fy, &fw, &fh);
          tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
          cairo_set_line_width (cr, 3.0);
          cairo_rectangle (cr, fx - 3, fy - 3, fw + 6, fh + 6);
          cairo_stroke (cr);
          cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
          cairo_set_line_width (cr, 2.0);
          cairo_move_to (cr, fx + fw / 2, fy + fh / 2);
          cairo_line_to (cr, x + w / 2, y + h / 2);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

/* A fallback for old archives: boards made now (tf_command_add_board(),
 * tf_command_duplicate_experiment()) get their grid from the type's settle
 * hook inside their own command, but a blueprint board created by the
 * previous release has none. It gets it (the standard lanes, its first
 * steps: tf_blueprint_settle()) when it is first shown, written in one
 * transaction outside the history: there is no command of the user's to
 * attach it to, and undo must never take the grid away from under the
 * user (the board cannot be drawn on without it). */
static gboolean
lay_out (TfCommand  *command,
         TfStore    *store,
         GError    **error)
{
  return tf_blueprint_settle (store, *(gint64 *) tf_command_get_data (command), error);
}

static void
ensure_grid (BpGui *gui)
{
  TfBoardView *view = gui->view;
  TfBlueprint *bp = get_bp (gui);
  g_autoptr(TfCommand) command = NULL;
  g_autoptr(GError) error = NULL;

  if (bp == NULL || !view->editable || view->history == NULL || gui->grid_board == view->board_id ||
      bp->grid_item_id != 0)
    return;
  gui->grid_board = view->board_id;
  command = tf_command_new (_("Lay out the blueprint"), lay_out,
                            g_memdup2 (&view->board_id, sizeof (gint64)), g_free);
  if (!tf_command_execute (command, tf_history_get_store (view->history), &error))
    g_warning ("Cannot lay out blueprint %" G_GINT64_FORMAT ": %s", view->board_id, error->message);
  forget_model (gui);
}

static void
on_items_changed (TfBoardView *view,
                  GArray      *ids,
                  BpGui       *gui)
{
  forget_model (gui);
  if (gui->arrow_from != 0 && tf_scene_lookup (tf_board_view_get_scene (view), gui->arrow_from) == NULL)
    gui->arrow_from = 0;
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

static void
on_board_changed (TfBoardView *view,
                  GParamSpec  *pspec,
                  BpGui       *gui)
{
  forget_model (gui);
  close_popover (gui);
  g_clear_pointer (&gui->step_id, g_free);
  g_clear_pointer (&gui->lane_id, g_free);
  gui->arrow_from = 0;
  ensure_grid (gui);
}

static void
bp_gui_free (gpointer data)
{
  BpGui *gui = data;

  tf_view_popover_clear (&gui->popover);
  forget_model (gui);
  g_free (gui->step_id);
  g_free (gui->lane_id);
  g_free (gui);
}

static void
blueprint_attach (TfBoardView *view)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  BpGui *gui = g_new0 (BpGui, 1);

  gui->view = view;
  g_object_set_data_full (G_OBJECT (view), GUI_KEY, gui, bp_gui_free);
  gui->board_handler = g_signal_connect (view, "notify::board-id", G_CALLBACK (on_board_changed), gui);
  gui->items_handler = g_signal_connect (view, "items-changed", G_CALLBACK (on_items_changed), gui);
  gui->selection_handler = g_signal_connect (view, "selection-changed",
                                             G_CALLBACK (on_selection_changed), gui);
  gui->click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gui->click), GDK_BUTTON_PRIMARY);
  g_signal_connect (gui->click, "pressed", G_CALLBACK (on_pressed), gui);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (gui->click));

  g_action_map_add_action_entries (G_ACTION_MAP (group), blueprint_entries, G_N_ELEMENTS (blueprint_entries),
                                   view);
  tf_board_view_add_actions (view, "blueprint", G_ACTION_GROUP (group), update_blueprint_actions);
  ensure_grid (gui);
}

static void
blueprint_detach (TfBoardView *view)
{
  BpGui *gui = get_gui (view);

  tf_board_view_add_actions (view, "blueprint", NULL, NULL);
  if (gui == NULL)
    return;
  g_clear_signal_handler (&gui->board_handler, view);
  g_clear_signal_handler (&gui->items_handler, view);
  g_clear_signal_handler (&gui->selection_handler, view);
  gtk_widget_remove_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (gui->click));
  g_object_set_data (G_OBJECT (view), GUI_KEY, NULL);
}

static const char *
blueprint_empty_hint (void)
{
  return _("Steps run left to right, lanes top to bottom. Arrow keys move between cells, "
           "Enter writes a card, Ctrl+Shift+→ adds a step.");
}

/* Public. */

gboolean
tf_blueprint_gui_get_cursor (TfBoardView *view,
                             char       **step_id,
                             char       **lane_id)
{
  BpGui *gui = get_gui (view);
  TfBlueprint *bp;
  int s, l;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), FALSE);

  if (gui == NULL || !cursor_indexes (gui, &s, &l))
    return FALSE;
  bp = get_bp (gui);
  if (step_id != NULL)
    *step_id = g_strdup (step_id_at (bp, s));
  if (lane_id != NULL)
    *lane_id = g_strdup (lane_id_at (bp, l));
  return TRUE;
}

gboolean
tf_blueprint_gui_set_cursor (TfBoardView *view,
                             const char  *step_id,
                             const char  *lane_id)
{
  BpGui *gui = get_gui (view);
  TfBlueprint *bp;
  int s, l;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), FALSE);

  if (gui == NULL || (bp = get_bp (gui)) == NULL)
    return FALSE;
  s = tf_blueprint_step_index (bp, step_id);
  l = tf_blueprint_lane_index (bp, lane_id);
  if (s < 0 || l < 0 || !lane_visible (bp, l))
    return FALSE;
  cursor_set (gui, s, l, TRUE);
  return TRUE;
}

void
tf_blueprint_gui_set_arrow_tool (TfBoardView *view,
                                 gboolean     arrow_tool)
{
  g_return_if_fail (TF_IS_BOARD_VIEW (view));

  if (tf_blueprint_gui_get_arrow_tool (view) == !!arrow_tool)
    return;
  tf_board_view_set_tool (view, arrow_tool ? tf_blueprint_arrow_tool_new () : NULL);
}

gboolean
tf_blueprint_gui_get_arrow_tool (TfBoardView *view)
{
  TfTool *tool;

  g_return_val_if_fail (TF_IS_BOARD_VIEW (view), FALSE);

  tool = tf_board_view_get_tool (view);
  return tool != NULL && tf_blueprint_arrow_tool_is (tool);
}

/* The cards as Tab reads them (its own key goes by them too). */
static GArray *
blueprint_reading_order (TfBoardView *view)
{
  BpGui *gui = get_gui (view);
  TfBlueprint *bp = gui != NULL ? get_bp (gui) : NULL;

  return bp != NULL ? reading_order (bp) : g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Said of the cell cursor: its step, its lane, the card under it and
 * which of the cell's cards it is, or that the cell is empty. */
static char *
blueprint_announce (TfBoardView *view)
{
  BpGui *gui = get_gui (view);
  TfBlueprint *bp = gui != NULL ? get_bp (gui) : NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *owned = NULL;
  g_autofree char *step = NULL;
  g_autofree char *lane = NULL;
  g_autofree char *said = NULL;
  gint64 card;
  TfItem *item;
  int s, l;

  if (bp == NULL || !cursor_indexes (gui, &s, &l))
    return NULL;
  step = tf_item_quote (step_title (bp, s, &owned));
  lane = tf_item_quote (tf_bp_lane_title (g_ptr_array_index (bp->lanes, l)));
  cards = cursor_cards (gui);
  card = cursor_card (gui);
  item = card != 0 ? tf_scene_lookup (view->canvas.scene, card) : NULL;
  if (item == NULL)
    /* TRANSLATORS: said by a screen reader of a blueprint's cell */
    return g_strdup_printf (_("Step %s, lane %s: empty cell"), step, lane);
  said = tf_item_describe (item, view->canvas.scene);
  for (guint i = 0; i < cards->len; i++)
    if (((TfBpCard *) g_ptr_array_index (cards, i))->item_id == card)
      /* TRANSLATORS: said by a screen reader of a blueprint's cell:
       * "Step “Arrive”, lane “Customer actions”: a card: “…”; 1 of 2 cards" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Step %s, lane %s: %s; %u of %u card",
                                           "Step %s, lane %s: %s; %u of %u cards", cards->len),
                              step, lane, said, i + 1, cards->len);
  return g_strdup_printf (_("Step %s, lane %s: %s"), step, lane, said);
}

static const TfBoardTypeGui blueprint_gui = {
  .type_id = TF_BLUEPRINT_TYPE_ID,
  .action_prefix = "blueprint",
  .panel_type = tf_blueprint_panel_get_type,
  .panel_tooltip = N_("Card Details and Checks (F9)"),
  .shortcuts_section = "blueprints",
  .panel_open = TRUE,
  .empty_hint = blueprint_empty_hint,
  .typing_writes = FALSE,
  /* Cards' text (18 units) at 12 px or more. */
  .open_zoom = 0.7,
  .fixed_layout = TRUE,
  .transfers_text = FALSE,
  .link_button = FALSE,
  .capture_kind = NULL,
  .attach = blueprint_attach,
  .detach = blueprint_detach,
  .key = blueprint_key,
  .activate = blueprint_activate,
  .context_menu = blueprint_context_menu,
  .draw_overlay = blueprint_draw_overlay,
  .reading_order = blueprint_reading_order,
  .announce = blueprint_announce,
};

void
tf_blueprint_gui_init (void)
{
  tf_board_type_gui_register (&blueprint_gui);
}
