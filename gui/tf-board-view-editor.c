/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <glib/gi18n.h>
#include <math.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-item-kinds.h"
#include "canvas/tf-layout.h"
#include "core/tf-history.h"
#include "insights/tf-note-kind.h"
#include "stamps/tf-actor-items.h"
#include "canvas/tf-text-fit.h"
#include "insights/tf-insight.h"
#include "tf-board-view-private.h"

/* Writing on the board: a text view laid over the note being written, in
 * the note's colour, scaled with the board but never too small to type in.
 * A new note is written to the archive only when it is committed (Enter,
 * Escape, or a click elsewhere): one add command per note. When the
 * editing of an item ends, its board type is told (editing_ended). */

/* The editor is never smaller than this on screen, in logical pixels. */
#define EDITOR_MIN_SIDE 220.0
/* The margin around the text of the other items' editor: their text
 * region is already inside their padding. */
#define EDITOR_PAD 2

/* Whether @item is of the kind typing writes (a note on a wall): its text
 * fills its face, and is never emptied by accident. */
static gboolean
is_capture (TfBoardView  *self,
            const TfItem *item)
{
  return item != NULL && g_strcmp0 (item->kind_id, tf_board_view_capture_kind (self)) == 0;
}

/* The paper under the text: the item's flat colour, or the colour the next
 * note takes; white for the rest. */
static guint32
editing_rgb (TfBoardView *self)
{
  TfItem *item = self->editing_id != 0 ? tf_scene_lookup (self->canvas.scene, self->editing_id) : NULL;
  const TfNoteColor *color;
  gint64 rgb;

  if (is_capture (self, item) && item->data != NULL && item->kind->lod_color != NULL &&
      (rgb = item->kind->lod_color (item)) >= 0)
    return (guint32) rgb;
  if (item == NULL && (color = tf_note_color_lookup (self->capture_color)) != NULL)
    return color->rgb;
  return 0xFFFFFF;
}

/* Whether the text is written on a face of paper (a note): what typing
 * makes, when its kind has a paper colour. Free text (a mockup's label,
 * the kind typing makes there) is written where and as it is drawn. */
static gboolean
editing_note (TfBoardView *self)
{
  TfItem *item = self->editing_id != 0 ? tf_scene_lookup (self->canvas.scene, self->editing_id) : NULL;
  const char *capture = tf_board_view_capture_kind (self);
  const TfItemKind *kind = item != NULL ? item->kind : capture != NULL ? tf_item_kind_lookup (capture) : NULL;

  if (item != NULL && !is_capture (self, item))
    return FALSE;
  return kind == NULL || kind->lod_color != NULL;
}

/* The editor's font on items other than notes: about what the board's
 * texts are drawn at, never too small to type in. */
#define EDITOR_MIN_FONT 15.0
/* A small item's editor holds a line of this many letters (editor_rect()). */
#define EDITOR_MIN_CHARS 14

static double
editor_font (TfBoardView *self)
{
  return CLAMP (30.0 * self->canvas.zoom, EDITOR_MIN_FONT, 36.0);
}

/* The editor's place on screen: a note's, grown around its centre to a size
 * one can type in; a title's band, at least one comfortable line. Always
 * inside the view. */
static TfRect
editor_rect (TfBoardView *self)
{
  TfRect b = self->editing_bounds;
  double x, y, w = b.width * self->canvas.zoom, h = b.height * self->canvas.zoom;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (!editing_note (self))
    {
      /* Where the item's text is, as large as it shows; an item narrower
       * than a readable line (zoomed out, a bubble is a few dozen pixels
       * wide) grows around its centre to EDITOR_MIN_CHARS letters of the
       * smallest editor font on three lines, so that what is typed stays
       * in sight; a wide one (a title's band) to one line. */
      double font = editor_font (self);
      double min_w = MIN (MAX (font * 3, EDITOR_MIN_FONT * EDITOR_MIN_CHARS * 0.55) + 2 * EDITOR_PAD,
                          MAX (1.0, width - 16.0));
      double min_h = ceil (font * 1.5) + 2 * EDITOR_PAD;

      tf_board_view_to_widget (self, b.x, b.y, &x, &y);
      if (w < min_w)
        {
          x -= (min_w - w) / 2;
          w = min_w;
          min_h = MAX (min_h, MIN (ceil (EDITOR_MIN_FONT * 1.2 * 3) + 2 * EDITOR_PAD, MAX (1.0, height - 16.0)));
        }
      if (h < min_h)
        {
          y -= (min_h - h) / 2;
          h = min_h;
        }
      /* Inside the view when it can be (whole pixels, as placed). */
      w = round (w);
      h = round (h);
      if (width > 0 && w <= width)
        x = CLAMP (x, 0, width - w);
      if (height > 0 && h <= height)
        y = CLAMP (y, 0, height - h);
      return TF_RECT_INIT (round (x), round (y), round (w), round (h));
    }

  {
    double grow = MAX (1.0, EDITOR_MIN_SIDE / MAX (1.0, MIN (w, h)));

    tf_board_view_to_widget (self, b.x + b.width / 2, b.y + b.height / 2, &x, &y);
    w = MIN (w * grow, MAX (EDITOR_MIN_SIDE, width - 16.0));
    h = MIN (h * grow, MAX (EDITOR_MIN_SIDE * 0.4, height - 16.0));
    x -= w / 2;
    y -= h / 2;
  }
  /* Inside the view when it can be: a note growing as its quote is typed
   * near the view's edge keeps the line being typed in sight. */
  w = round (w);
  h = round (h);
  if (width > 0 && w <= width)
    x = CLAMP (x, 0, width - w);
  if (height > 0 && h <= height)
    y = CLAMP (y, 0, height - h);
  return TF_RECT_INIT (round (x), round (y), w, h);
}

static void
update_style (TfBoardView  *self,
              const TfRect *rect)
{
  gboolean note = editing_note (self);
  double side = MIN (rect->width, rect->height);
  double board_side = MIN (self->editing_bounds.width, self->editing_bounds.height);
  /* About the size the renderer fits a note's text at, which grows with
   * the note only up to a Medium note's: a bigger note holds more words,
   * not bigger ones (so a note growing as its quote is typed shows the
   * same letters). A zone's title at the size it is drawn. */
  double legible = board_side > TF_NOTE_MEDIUM_SIDE ? side * TF_NOTE_MEDIUM_SIDE / board_side : side;
  double font = note ? CLAMP (0.11 * legible, 15.0, 44.0) : editor_font (self);
  guint32 rgb = editing_rgb (self);
  int pad = note ? (int) round (0.09 * rect->width) : EDITOR_PAD;
  g_autofree char *css = NULL;

  css = g_strdup_printf ("scrolledwindow.note-editor {"
                         "  background-color: #%06x;"
                         "  color: #%06x;"
                         "  border-radius: 2px;"
                         "  box-shadow: 0 1px 2px rgba(46, 36, 20, 0.18), 0 6px 18px rgba(46, 36, 20, 0.22);"
                         "  outline: 2px solid #%06x;"
                         "  outline-offset: 3px;"
                         "}"
                         "textview.note-text, textview.note-text > text {"
                         "  background-color: transparent;"
                         "  color: #%06x;"
                         "  caret-color: #%06x;"
                         "  font-family: \"%s\";"
                         "  font-size: %.1fpx;"
                         "  font-weight: %s;"
                         "}",
                         rgb, TF_INK_RGB, TF_ACCENT_RGB, TF_INK_RGB, TF_ACCENT_RGB,
                         TF_BOARD_FONT_FAMILY, font, note ? "normal" : "bold");
  gtk_css_provider_load_from_data (self->editor_css, css, -1);

  gtk_text_view_set_justification (self->editor_text, note ? GTK_JUSTIFY_CENTER : GTK_JUSTIFY_LEFT);
  gtk_text_view_set_left_margin (self->editor_text, pad);
  gtk_text_view_set_right_margin (self->editor_text, pad);
  gtk_text_view_set_top_margin (self->editor_text, pad);
  gtk_text_view_set_bottom_margin (self->editor_text, pad);
}

void
tf_board_view_place_editor (TfBoardView *self)
{
  TfRect rect;
  int min_w, min_h;

  if (!tf_board_view_get_editing (self))
    return;

  rect = editor_rect (self);
  update_style (self, &rect);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (self->editor, GTK_ORIENTATION_VERTICAL, MAX (min_w, (int) rect.width),
                      &min_h, NULL, NULL, NULL);
  gtk_widget_size_allocate (self->editor,
                            &(GtkAllocation) {
                              (int) rect.x, (int) rect.y,
                              MAX (min_w, (int) rect.width), MAX (min_h, (int) rect.height)
                            }, -1);
}

static char *
editor_text (TfBoardView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->editor_text);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* A note grows while its quote is typed (grow_with_text()): once written,
 * it takes its grown bounds, slid where it hides no other item, in the
 * same undo step as its text (@command, just done). */
static void
clear_grown (TfBoardView *self,
             TfCommand   *command,
             gint64       id)
{
  TfItem *item = tf_scene_lookup (self->canvas.scene, id);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rects = g_array_new (FALSE, FALSE, sizeof (TfRect));
  g_autoptr(TfCommand) place = NULL;
  const TfRect *r;

  if (item == NULL || (self->editing_bounds.width == self->editing_start.width &&
                       self->editing_bounds.height == self->editing_start.height))
    return;
  g_array_append_val (ids, id);
  g_array_append_val (rects, self->editing_bounds);
  tf_layout_clear_overlaps (self->canvas.scene, ids, rects, TF_LAYOUT_SLIDE_ANY);
  r = &g_array_index (rects, TfRect, 0);
  if (r->x == item->bounds.x && r->y == item->bounds.y &&
      r->width == item->bounds.width && r->height == item->bounds.height)
    return;
  place = tf_command_set_bounds (&id, r, 1, tf_command_get_label (command));
  if (tf_board_view_execute (self, place))
    tf_history_fold (self->history, command, NULL);
}

/* While a quote is typed on a note (a kind that grows with its text), the
 * note grows from its top left corner so that the text stays whole at the
 * legible size, up to TF_NOTE_TYPING_MAX_SIDE; it shrinks back, never
 * below its size when the editing began, as text is taken out. */
static void
grow_with_text (TfBoardView *self)
{
  TfItem *item = self->editing_id != 0 ? tf_scene_lookup (self->canvas.scene, self->editing_id) : NULL;
  const char *capture = tf_board_view_capture_kind (self);
  const TfItemKind *kind = item != NULL ? item->kind : capture != NULL ? tf_item_kind_lookup (capture) : NULL;
  g_autofree char *text = NULL;
  double side, start = MIN (self->editing_start.width, self->editing_start.height);

  if (self->editor_loading || kind == NULL || kind->side_for_text == NULL || !editing_note (self) ||
      (item != NULL && !is_capture (self, item)) || start <= 0)
    return;
  if (self->fit_context == NULL)
    self->fit_context = tf_text_context_new ();
  text = editor_text (self);
  g_strstrip (text);
  side = tf_item_kind_side_for_text (kind, item, self->fit_context, text, start,
                                     MAX (start, TF_NOTE_TYPING_MAX_SIDE));
  if (side == self->editing_bounds.width && side == self->editing_bounds.height)
    return;
  self->editing_bounds.width = self->editing_bounds.height = side;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
on_editor_changed (GtkTextBuffer *buffer,
                   TfBoardView   *self)
{
  if (tf_board_view_get_editing (self))
    grow_with_text (self);
}

/* Writes what was typed: a new note, or the new text of an item. Returns
 * the id written, 0 when nothing was. */
static gint64
commit (TfBoardView *self)
{
  g_autofree char *text = editor_text (self);
  g_autoptr(TfCommand) command = NULL;

  g_strstrip (text);

  if (self->editing_id == 0)
    {
      g_autofree char *style = NULL;
      TfNewItem item = { 0 };
      const gint64 *ids;
      guint n_ids = 0;

      if (text[0] == '\0' || self->board_id == 0)
        return 0;

      style = tf_note_style_build (self->capture_color,
                               tf_note_size_to_id (TF_NOTE_MEDIUM));
      item.kind = tf_board_view_capture_kind (self);
      if (item.kind == NULL)
        return 0;
      item.bounds = self->editing_bounds;
      item.text = text;
      item.style = style;
      command = tf_command_add_items (self->board_id, &item, 1,
                                      self->type_gui != NULL && self->type_gui->capture_label != NULL
                                      ? g_dgettext (GETTEXT_PACKAGE, self->type_gui->capture_label)
                                      : _("Write insight"));
      if (!tf_board_view_execute (self, command))
        return 0;
      ids = tf_item_command_get_ids (command, &n_ids);
      self->last_capture_id = n_ids > 0 ? ids[0] : 0;
      if (self->last_capture_id != 0)
        clear_grown (self, command, self->last_capture_id);
      return self->last_capture_id;
    }
  else
    {
      TfItem *item = tf_scene_lookup (self->canvas.scene, self->editing_id);
      gint64 id;

      /* A quote is never emptied by accident: clearing it keeps the old one. */
      if (item == NULL || g_strcmp0 (item->text, text) == 0 ||
          (text[0] == '\0' && is_capture (self, item)))
        return 0;

      /* The scene may read the item again while the command runs. */
      id = item->id;
      command = tf_command_set_item_text (id, text);
      if (!tf_board_view_execute (self, command))
        return 0;
      clear_grown (self, command, id);
      return id;
    }
}

static void
hide_editor (TfBoardView *self)
{
  gboolean had_focus = gtk_widget_has_focus (GTK_WIDGET (self->editor_text));

  gtk_widget_set_visible (self->editor, FALSE);
  self->editing_id = 0;
  self->capturing = FALSE;
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  tf_board_view_notify_editing (self);
}

void
tf_board_view_stop_editing (TfBoardView *self)
{
  gint64 written, edited;
  gboolean capturing;

  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  if (!tf_board_view_get_editing (self) || self->committing)
    return;

  self->committing = TRUE;
  capturing = self->capturing;
  edited = self->editing_id;
  written = commit (self);
  if (capturing && written == 0)
    written = self->last_capture_id;
  hide_editor (self);
  /* The board type's word on the item whose editing ended (a bubble made
   * by its tool and left empty is taken back). */
  if (edited != 0 && self->type_gui != NULL && self->type_gui->editing_ended != NULL)
    self->type_gui->editing_ended (self, edited);
  self->committing = FALSE;

  /* What was just written stays selected, ready to be moved or coloured. */
  if (written != 0 && self->canvas.scene != NULL && tf_scene_lookup (self->canvas.scene, written) != NULL)
    tf_board_view_select (self, &written, 1);
}

static void
show_editor (TfBoardView  *self,
             gint64        id,
             const TfRect *bounds,
             const char   *text,
             gboolean      capturing)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->editor_text);
  GtkTextIter end;

  self->editing_id = id;
  self->editing_bounds = *bounds;
  self->editing_start = *bounds;
  self->capturing = capturing;

  /* A quote already cut stays as it is until it is typed in. */
  self->editor_loading = TRUE;
  gtk_text_buffer_set_text (buffer, text, -1);
  self->editor_loading = FALSE;
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);

  gtk_widget_set_visible (self->editor, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->editor_text));
  tf_board_view_notify_editing (self);
}

/* Brings a board rectangle into view if it is not. */
static void
ensure_visible (TfBoardView  *self,
                const TfRect *bounds)
{
  double x0, y0, x1, y1;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  tf_board_view_to_widget (self, bounds->x, bounds->y, &x0, &y0);
  tf_board_view_to_widget (self, bounds->x + bounds->width, bounds->y + bounds->height, &x1, &y1);
  if (width <= 0 || (x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height))
    return;

  tf_board_view_animate_centre (self, bounds->x + bounds->width / 2, bounds->y + bounds->height / 2,
                                MAX (self->canvas.zoom, MIN (1.0, MIN (width, height) * 0.6 / MAX (1.0, bounds->width))));
}

TfRect
tf_board_view_next_place (TfBoardView *self,
                          TfScene     *scene,
                          gboolean     near_pointer)
{
  double side = tf_note_size_get_side (TF_NOTE_MEDIUM);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double bx, by, ex, ey;

  if (near_pointer && self->pointer_inside)
    {
      tf_board_view_to_board (self, self->pointer_x, self->pointer_y, &bx, &by);
      return tf_layout_next_free_place (scene, TRUE, bx, by, side);
    }
  if (width <= 0 || height <= 0 || self->canvas.zoom <= 0)
    return tf_layout_next_free_place (scene, FALSE, 0, 0, side);
  /* Notes written one after the other fill what the user saw when the
   * series began, in rows, in the order they were said; then the rows go
   * on below (and the view follows, ensure_visible()). */
  if (!near_pointer && self->last_capture_id != 0 && self->capture_view.width > 0)
    return tf_layout_place_in_view (scene, &self->capture_view, side);
  tf_board_view_to_board (self, 0, 0, &bx, &by);
  tf_board_view_to_board (self, width, height, &ex, &ey);
  self->capture_view = TF_RECT_INIT (bx, by, ex - bx, ey - by);
  return tf_layout_place_in_view (scene, &self->capture_view, side);
}

void
tf_board_view_start_capture (TfBoardView *self,
                             const char  *text)
{
  TfRect place;
  gboolean continuing;

  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  if (self->board_id == 0 || self->history == NULL)
    return;
  if (!self->editable)
    {
      tf_board_view_show_read_only (self);
      return;
    }

  continuing = self->capturing;
  if (tf_board_view_get_editing (self))
    tf_board_view_stop_editing (self);
  if (!continuing)
    self->last_capture_id = 0;

  /* The first note of a series goes where the pointer is, if it is on the board. */
  place = tf_board_view_next_place (self, self->canvas.scene, !continuing);
  tf_board_view_clear_selection (self);
  show_editor (self, 0, &place, text != NULL ? text : "", TRUE);
  ensure_visible (self, &place);
}

void
tf_board_view_edit_item (TfBoardView *self,
                         gint64       id)
{
  tf_board_view_edit_item_with (self, id, NULL);
}

void
tf_board_view_edit_item_with (TfBoardView *self,
                              gint64       id,
                              const char  *text)
{
  TfItem *item;
  TfRect bounds;

  g_return_if_fail (TF_IS_BOARD_VIEW (self));

  item = tf_scene_lookup (self->canvas.scene, id);
  if (item == NULL || item->hidden || !self->editable)
    return;

  if (tf_board_view_get_editing (self))
    tf_board_view_stop_editing (self);

  /* Where the kind's text goes: a zone's title band, a pool's name above
   * its hull; the whole item otherwise. */
  if (!tf_item_text_region (item, &bounds))
    bounds = item->bounds;
  tf_board_view_select (self, &id, 1);
  show_editor (self, id, &bounds, text != NULL ? text : item->text, FALSE);
  ensure_visible (self, &bounds);
}

gboolean
tf_board_view_editor_key (TfBoardView     *self,
                          guint            keyval,
                          GdkModifierType  state)
{
  gboolean capturing = self->capturing;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      /* Shift+Enter is a new line in the quote. */
      if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK))
        return GDK_EVENT_PROPAGATE;
      if (capturing)
        {
          g_autofree char *text = editor_text (self);

          /* Enter on an empty note ends the series instead of leaving gaps. */
          g_strstrip (text);
          if (text[0] == '\0')
            tf_board_view_stop_editing (self);
          else
            tf_board_view_start_capture (self, "");
        }
      else
        {
          tf_board_view_stop_editing (self);
        }
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      tf_board_view_stop_editing (self);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static gboolean
on_editor_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       TfBoardView           *self)
{
  return tf_board_view_editor_key (self, keyval, state);
}

/* Clicking elsewhere, or leaving for the side panel, writes the note. */
static void
on_editor_focus_leave (GtkEventControllerFocus *controller,
                       TfBoardView             *self)
{
  if (!self->committing && tf_board_view_get_editing (self))
    tf_board_view_stop_editing (self);
}

void
tf_board_view_init_editor (TfBoardView *self)
{
  GtkEventController *controller;

  self->capture_color = g_strdup (tf_note_color_default ()->id);
  self->editor_css = gtk_css_provider_new ();

  self->editor_text = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->editor_text, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->editor_text, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->editor_text), "note-text");
  g_signal_connect_object (gtk_text_view_get_buffer (self->editor_text), "changed",
                           G_CALLBACK (on_editor_changed), self, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor_text),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Insight text"),
                                  -1);

  self->editor = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->editor),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->editor), GTK_WIDGET (self->editor_text));
  gtk_widget_add_css_class (self->editor, "note-editor");
  gtk_widget_set_overflow (self->editor, GTK_OVERFLOW_HIDDEN);

  /* A provider per widget: it styles only the widget it is added to. */
  gtk_style_context_add_provider (gtk_widget_get_style_context (self->editor),
                                  GTK_STYLE_PROVIDER (self->editor_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->editor_text)),
                                  GTK_STYLE_PROVIDER (self->editor_css),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_editor_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->editor_text), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_editor_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->editor_text), controller);

  gtk_widget_set_visible (self->editor, FALSE);
  gtk_widget_set_parent (self->editor, GTK_WIDGET (self));
}

void
tf_board_view_dispose_editor (TfBoardView *self)
{
  if (self->editor != NULL)
    {
      /* Closing a board writes the note being typed. */
      if (self->history != NULL && self->canvas.scene != NULL)
        tf_board_view_stop_editing (self);
      g_clear_pointer (&self->editor, gtk_widget_unparent);
      self->editor_text = NULL;
    }
  g_clear_object (&self->editor_css);
  g_clear_object (&self->fit_context);
}
