/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-gui"

#include <glib/gi18n.h>
#include <math.h>

#include "gui/tf-board-page.h"
#include "gui/tf-board-view-private.h"
#include "mockups/tf-mockup-annotate.h"
#include "mockups/tf-mockup-follow.h"
#include "mockups/tf-mockup-items.h"
#include "mockups/tf-mockup-kinds.h"
#include "tf-mockup-gui.h"
#include "tf-mockup-panel.h"

/* The tools of a mockup's tool box. Each acts on the photo under the
 * pointer; a press off every photo is the select tool's. Place: a click
 * on a photo chooses the image to place on it. Callout: a click writes a
 * numbered disc there and asks for its legend. Bubble: a click writes a
 * bubble pointing there and its text is typed at once. Blur: a drag
 * covers a region (Shift: an ellipse; a click, a square around it),
 * pixelated. Crop: handles on the photo's edges and corners, Enter crops
 * to them, Escape leaves the photo as it was. Note, text and arrow act
 * anywhere on the board: a click sticks a post-it there (its text typed at
 * once) or opens a label to type; a drag draws an arrow from the press to
 * the release (a click, one pointing at it from the upper left).
 *
 * A drawing tool makes one item, then the select tool is back (as a shape
 * tool does by default in Figma or Inkscape): what was just made is
 * selected, to be moved, written or deleted at once. A callout, a bubble,
 * a label or a post-it is one undo step with its first text, and goes
 * again when left with none (tf_mockup_gui_run_fresh). */

#define GRAB 12.0

typedef struct {
  TfTool        parent;
  TfMkToolMode  mode;
  TfBoardView  *view;       /* weak: to tell the tool box when put down */
  gint64        photo;      /* the photo pressed (blur), or cropped */
  gboolean      active;     /* a drag in progress */
  gboolean      ellipse;
  double        x0, y0;     /* board units: the press */
  double        x1, y1;     /* and the pointer now */
  TfRect        crop;       /* board units */
  TfRect        crop_start;
  int           handle;     /* crop: 0–7 clockwise from top-left, 8: move, -1 */
} MkTool;

static gboolean
photo_ok (TfBoardView *view,
          gint64       id,
          TfItem     **out)
{
  TfScene *scene = tf_board_view_get_scene (view);
  TfItem *item = scene != NULL && id != 0 ? tf_scene_lookup (scene, id) : NULL;

  if (out != NULL)
    *out = item;
  return item != NULL && tf_mk_photo_item_get (item) != NULL;
}

static gint64
selected_id (TfBoardView *view)
{
  g_autoptr(GArray) selection = tf_board_view_get_selection (view);

  return selection->len == 1 ? g_array_index (selection, gint64, 0) : 0;
}

/* Crop: the photo to crop, from the selection (or the only photo). */
static gboolean
crop_target (MkTool      *self,
             TfBoardView *view)
{
  TfItem *item;
  TfScene *scene;

  if (photo_ok (view, self->photo, &item))
    return TRUE;
  self->photo = 0;
  if (!photo_ok (view, selected_id (view), &item))
    {
      scene = tf_board_view_get_scene (view);
      item = NULL;
      for (guint i = 0; scene != NULL && i < tf_scene_get_items (scene)->len; i++)
        {
          TfItem *it = g_ptr_array_index (tf_scene_get_items (scene), i);

          if (tf_mk_photo_item_get (it) != NULL)
            {
              if (item != NULL)
                return FALSE;
              item = it;
            }
        }
      if (item == NULL)
        return FALSE;
    }
  self->photo = item->id;
  self->crop = item->bounds;
  return TRUE;
}

static void
crop_handle_point (const TfRect *r,
                   int           handle,
                   double       *x,
                   double       *y)
{
  static const double fx[] = { 0, 0.5, 1, 1, 1, 0.5, 0, 0 };
  static const double fy[] = { 0, 0, 0, 0.5, 1, 1, 1, 0.5 };

  *x = r->x + r->width * fx[handle];
  *y = r->y + r->height * fy[handle];
}

typedef struct {
  TfBoardView  *view;
  TfMkToolMode  mode;
} PutDown;

static gboolean
put_down (gpointer data)
{
  PutDown *put = data;

  /* Without taking the focus: a bubble's text or a callout's legend is
   * being typed. */
  if (tf_mockup_gui_get_tool (put->view) == put->mode)
    {
      tf_board_view_set_tool (put->view, NULL);
      tf_mockup_gui_tool_changed (put->view);
    }
  g_object_unref (put->view);
  g_free (put);
  return G_SOURCE_REMOVE;
}

/* The tool is put down once the event that used it is over (it is
 * running now). */
static void
put_down_later (MkTool      *self,
                TfBoardView *view)
{
  PutDown *put = g_new0 (PutDown, 1);

  put->view = g_object_ref (view);
  put->mode = self->mode;
  /* As soon as the press or the key is handled, before any redraw. */
  g_idle_add_full (G_PRIORITY_DEFAULT, put_down, put, NULL);
}

/* A new label's size, in board units (tf_mk_command_add_label()). */
#define LABEL_WIDTH  360.0
#define LABEL_HEIGHT 80.0

void
tf_mockup_tool_write_label (TfBoardView *view,
                            double       bx,
                            double       by,
                            const char  *text)
{
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  double zoom = tf_board_view_get_zoom (view);
  double x = bx, y = by - LABEL_HEIGHT / 2;
  gint64 id;

  if (tf_board_view_get_editing (view))
    tf_board_view_stop_editing (view);
  /* Where it was asked, its text starting there, inside what the view
   * shows: the view stays where it is and as zoomed as it is. */
  if (width > 0 && height > 0 && zoom > 0)
    {
      double left, top, right, bottom, margin = 8 / zoom;

      tf_board_view_to_board (view, 0, 0, &left, &top);
      tf_board_view_to_board (view, width, height, &right, &bottom);
      x = MAX (MIN (x, right - margin - LABEL_WIDTH), left + margin);
      y = MAX (MIN (y, bottom - margin - LABEL_HEIGHT), top + margin);
    }
  id = tf_mockup_gui_run_fresh (view, tf_mk_command_add_label (view->board_id, x, y, ""));
  if (id == 0)
    return;
  tf_board_view_edit_item (view, id);
  if (text != NULL && text[0] != '\0' && tf_board_view_get_editing (view))
    gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view->editor_text), text, -1);
}

static gboolean
tool_press (TfTool          *tool,
            TfBoardView     *view,
            GdkModifierType  state,
            double           x,
            double           y)
{
  MkTool *self = (MkTool *) tool;
  double bx, by;
  gint64 photo;

  tf_board_view_to_board (view, x, y, &bx, &by);
  if (self->mode == TF_MK_TOOL_CROP)
    {
      if (!crop_target (self, view))
        return FALSE;
      self->handle = -1;
      for (int i = 0; i < 8; i++)
        {
          double hx, hy, wx, wy;

          crop_handle_point (&self->crop, i, &hx, &hy);
          tf_board_view_to_widget (view, hx, hy, &wx, &wy);
          if (hypot (wx - x, wy - y) <= GRAB)
            self->handle = i;
        }
      if (self->handle < 0 && tf_rect_contains_point (&self->crop, bx, by))
        self->handle = 8;
      if (self->handle < 0)
        return TRUE;
      self->active = TRUE;
      self->crop_start = self->crop;
      self->x0 = bx;
      self->y0 = by;
      return TRUE;
    }

  switch (self->mode)
    {
    case TF_MK_TOOL_NOTE:
      {
        gint64 id = tf_mockup_gui_run_fresh (view, tf_mk_command_add_note (view->board_id, bx, by, ""));

        if (id != 0)
          {
            tf_board_view_edit_item (view, id);
            put_down_later (self, view);
          }
        return TRUE;
      }

    case TF_MK_TOOL_TEXT:
      tf_mockup_gui_write_label (view, bx, by);
      put_down_later (self, view);
      return TRUE;

    case TF_MK_TOOL_ARROW:
      self->active = TRUE;
      self->x0 = self->x1 = bx;
      self->y0 = self->y1 = by;
      return TRUE;

    default:
      break;
    }

  photo = tf_mockup_gui_photo_at (view, bx, by);
  /* A press on something already on the photo (a bubble, a callout…)
   * acts on it, as the select tool would: never a new, empty one on top
   * of it. An image placed on the photo is part of the picture: what the
   * tool makes goes on it, on the photo that holds it. */
  {
    TfItem *hit = tf_board_view_pick_item (view, bx, by);
    const TfMkPlace *place = tf_mk_place_item_get (hit);

    if (place != NULL && photo_ok (view, place->photo, NULL))
      photo = place->photo;
    else if (hit != NULL && hit->id != photo && tf_mk_photo_item_get (hit) == NULL)
      return FALSE;
  }
  if (photo == 0)
    return FALSE;
  switch (self->mode)
    {
    case TF_MK_TOOL_PLACE:
      /* One image placed, as one item drawn: then the select tool. */
      tf_mockup_gui_choose_place (view, photo);
      put_down_later (self, view);
      return TRUE;

    case TF_MK_TOOL_CALLOUT:
      {
        gint64 id = tf_mockup_gui_run_fresh (view, tf_mk_command_add_callout (photo, bx, by, ""));

        if (id != 0)
          {
            tf_mockup_gui_edit_callout (view, id);
            put_down_later (self, view);
          }
        return TRUE;
      }

    case TF_MK_TOOL_BUBBLE:
      {
        gint64 id = tf_mockup_gui_run_fresh (view, tf_mk_command_add_bubble (photo, bx, by, ""));

        if (id != 0)
          {
            tf_board_view_edit_item (view, id);
            put_down_later (self, view);
          }
        return TRUE;
      }

    case TF_MK_TOOL_BLUR:
      self->photo = photo;
      self->active = TRUE;
      self->ellipse = (state & GDK_SHIFT_MASK) != 0;
      self->x0 = self->x1 = bx;
      self->y0 = self->y1 = by;
      return TRUE;

    case TF_MK_TOOL_SELECT:
    case TF_MK_TOOL_CROP:
    default:
      return FALSE;
    }
}

static void
tool_drag (TfTool          *tool,
           TfBoardView     *view,
           GdkModifierType  state,
           double           ox,
           double           oy)
{
  MkTool *self = (MkTool *) tool;
  TfItem *photo;
  double bx, by;

  if (!self->active)
    return;
  view->drag_started = TRUE;
  tf_board_view_to_board (view, view->drag_start_x + ox, view->drag_start_y + oy, &bx, &by);
  if (self->mode == TF_MK_TOOL_ARROW)
    {
      self->x1 = bx;
      self->y1 = by;
    }
  else if (self->mode == TF_MK_TOOL_BLUR)
    {
      self->x1 = bx;
      self->y1 = by;
      if (state & GDK_SHIFT_MASK)
        self->ellipse = TRUE;
    }
  else if (self->mode == TF_MK_TOOL_CROP && photo_ok (view, self->photo, &photo))
    {
      const TfRect *p = &photo->bounds;
      double dx = bx - self->x0, dy = by - self->y0;
      double left = self->crop_start.x, top = self->crop_start.y;
      double right = left + self->crop_start.width, bottom = top + self->crop_start.height;
      double min = 16 / tf_board_view_get_zoom (view);

      if (self->handle == 8)
        {
          dx = CLAMP (dx, p->x - left, p->x + p->width - right);
          dy = CLAMP (dy, p->y - top, p->y + p->height - bottom);
          left += dx;
          right += dx;
          top += dy;
          bottom += dy;
        }
      else
        {
          if (self->handle == 0 || self->handle == 6 || self->handle == 7)
            left = CLAMP (left + dx, p->x, right - min);
          if (self->handle == 2 || self->handle == 3 || self->handle == 4)
            right = CLAMP (right + dx, left + min, p->x + p->width);
          if (self->handle == 0 || self->handle == 1 || self->handle == 2)
            top = CLAMP (top + dy, p->y, bottom - min);
          if (self->handle == 4 || self->handle == 5 || self->handle == 6)
            bottom = CLAMP (bottom + dy, top + min, p->y + p->height);
        }
      self->crop = TF_RECT_INIT (left, top, right - left, bottom - top);
    }
  gtk_widget_queue_draw (GTK_WIDGET (view));
}

static void
tool_release (TfTool      *tool,
              TfBoardView *view)
{
  MkTool *self = (MkTool *) tool;
  TfRect region;
  double zoom = tf_board_view_get_zoom (view);

  if (!self->active)
    return;
  self->active = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (view));
  if (self->mode == TF_MK_TOOL_ARROW)
    {
      g_autoptr(TfCommand) command = NULL;

      /* A click: an arrow pointing at it from the upper left, some 120
       * pixels long on screen. */
      if (hypot (self->x1 - self->x0, self->y1 - self->y0) * zoom < 8)
        {
          self->x0 -= 85 / zoom;
          self->y0 -= 85 / zoom;
        }
      command = tf_mk_command_add_arrow (view->board_id, self->x0, self->y0, self->x1, self->y1);
      if (tf_mockup_gui_run (view, g_object_ref (command)))
        {
          gint64 id = tf_command_get_result_id (command);

          tf_board_view_select (view, &id, 1);
          put_down_later (self, view);
        }
      return;
    }
  if (self->mode != TF_MK_TOOL_BLUR)
    return;
  /* From corner to corner, as drawn. */
  region = TF_RECT_INIT (MIN (self->x0, self->x1), MIN (self->y0, self->y1),
                         fabs (self->x1 - self->x0), fabs (self->y1 - self->y0));
  /* A click: a square around it, some 120 pixels on screen. */
  if (region.width * zoom < 8 && region.height * zoom < 8)
    region = TF_RECT_INIT (self->x0 - 60 / zoom, self->y0 - 60 / zoom, 120 / zoom, 120 / zoom);
  /* Never past the photo's edges. */
  {
    TfItem *photo;

    if (photo_ok (view, self->photo, &photo))
      {
        const TfRect *p = &photo->bounds;
        double left = CLAMP (region.x, p->x, p->x + p->width);
        double top = CLAMP (region.y, p->y, p->y + p->height);
        double right = CLAMP (region.x + region.width, p->x, p->x + p->width);
        double bottom = CLAMP (region.y + region.height, p->y, p->y + p->height);

        if (right - left <= 0 || bottom - top <= 0)
          return;
        region = TF_RECT_INIT (left, top, right - left, bottom - top);
      }
  }
  {
    g_autoptr(TfCommand) command = tf_mk_command_add_blur (self->photo, &region,
                                                           self->ellipse ? TF_MK_BLUR_ELLIPSE : TF_MK_BLUR_RECT,
                                                           TF_MK_BLUR_PIXELATE);

    if (tf_mockup_gui_run (view, g_object_ref (command)))
      {
        gint64 id = tf_command_get_result_id (command);

        tf_board_view_select (view, &id, 1);
        put_down_later (self, view);
      }
  }
}

/* Whether @keyval typed with @state is a letter that would start a text
 * label with the pointer on a photo. */
static gboolean
is_typed_letter (guint           keyval,
                 GdkModifierType state)
{
  gunichar c = gdk_keyval_to_unicode (keyval);

  /* Digits, + and - stay the view's zoom keys. */
  return (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) == 0 &&
         c != 0 && g_unichar_isprint (c) && !g_unichar_isspace (c) && !g_unichar_isdigit (c) &&
         c != '+' && c != '-' && c != '=';
}

/* The photo a key applies an armed tool to: the selected one, the photo
 * of the selected item, else the only photo; 0 when there is none. */
static gint64
key_photo (TfBoardView *view)
{
  TfScene *scene = tf_board_view_get_scene (view);
  gint64 id = selected_id (view), only = 0;
  guint n = 0;

  if (photo_ok (view, id, NULL))
    return id;
  if (id != 0)
    return tf_mockup_gui_photo_under (view, id);
  for (guint i = 0; scene != NULL && i < tf_scene_get_items (scene)->len; i++)
    if (photo_ok (view, ((TfItem *) g_ptr_array_index (tf_scene_get_items (scene), i))->id, NULL))
      {
        only = ((TfItem *) g_ptr_array_index (tf_scene_get_items (scene), i))->id;
        n++;
      }
  return n == 1 ? only : 0;
}

typedef struct {
  TfBoardView *view;
  gint64       photo;
  const char  *action;
} ApplyLater;

/* Once the key is handled: the tool put down, the photo selected, and the
 * photo's own action run as its menu runs it (the image chooser, a callout
 * and its legend, a bubble and its text, a blur region to move). */
static gboolean
apply_later (gpointer data)
{
  ApplyLater *apply = data;
  TfScene *scene = tf_board_view_get_scene (apply->view);

  if (scene != NULL && tf_scene_lookup (scene, apply->photo) != NULL)
    {
      tf_board_view_set_tool (apply->view, NULL);
      tf_mockup_gui_tool_changed (apply->view);
      tf_board_view_select (apply->view, &apply->photo, 1);
      gtk_widget_activate_action (GTK_WIDGET (apply->view), apply->action, NULL);
    }
  g_object_unref (apply->view);
  g_free (apply);
  return G_SOURCE_REMOVE;
}

/* Enter or Space with a photo's tool armed (from the rail, with the
 * keyboard): the tool applied to the selected photo, as a click on it
 * would; with no photo to apply it to, a hint. */
static gboolean
apply_key (MkTool      *self,
           TfBoardView *view)
{
  const char *action;
  ApplyLater *apply;
  gint64 photo;

  switch (self->mode)
    {
    case TF_MK_TOOL_PLACE:
      action = "mockup.place-image";
      break;
    case TF_MK_TOOL_CALLOUT:
      action = "mockup.add-callout";
      break;
    case TF_MK_TOOL_BUBBLE:
      action = "mockup.add-bubble";
      break;
    case TF_MK_TOOL_BLUR:
      action = "mockup.blur-region";
      break;
    default:
      return FALSE;
    }
  photo = key_photo (view);
  if (photo == 0)
    {
      tf_board_view_show_toast (view, _("Select a photo first: Tab goes from item to item"), FALSE);
      return TRUE;
    }
  apply = g_new0 (ApplyLater, 1);
  apply->view = g_object_ref (view);
  apply->photo = photo;
  apply->action = action;
  g_idle_add_full (G_PRIORITY_DEFAULT, apply_later, apply, NULL);
  return TRUE;
}

static gboolean
tool_key (TfTool          *tool,
          TfBoardView     *view,
          guint            keyval,
          GdkModifierType  state)
{
  MkTool *self = (MkTool *) tool;

  /* A drawing tool in hand (its click missed, or not made yet): what is
   * typed was meant for the item it makes (a callout's legend), never a
   * stray text label on the photo; the text tool writes one. */
  if (self->mode != TF_MK_TOOL_TEXT && self->mode != TF_MK_TOOL_CROP && is_typed_letter (keyval, state))
    {
      gtk_widget_error_bell (GTK_WIDGET (view));
      return TRUE;
    }
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_space) &&
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK)) == 0 &&
      !self->active && apply_key (self, view))
    return TRUE;
  if (self->mode != TF_MK_TOOL_CROP || (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter))
    return FALSE;
  if (crop_target (self, view))
    {
      tf_mockup_gui_run (view, tf_mk_command_crop (self->photo, &self->crop));
    }
  put_down_later (self, view);
  return TRUE;
}

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
tool_draw_overlay (TfTool      *tool,
                   TfBoardView *view,
                   cairo_t     *cr)
{
  MkTool *self = (MkTool *) tool;
  double x, y, w, h;

  cairo_save (cr);
  if (self->mode == TF_MK_TOOL_ARROW && self->active)
    {
      double x0, y0, x1, y1;

      tf_board_view_to_widget (view, self->x0, self->y0, &x0, &y0);
      tf_board_view_to_widget (view, self->x1, self->y1, &x1, &y1);
      cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
      cairo_set_line_width (cr, 3.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }
  else if (self->mode == TF_MK_TOOL_BLUR && self->active)
    {
      TfRect region = TF_RECT_INIT (MIN (self->x0, self->x1), MIN (self->y0, self->y1),
                                    fabs (self->x1 - self->x0), fabs (self->y1 - self->y0));

      widget_rect (view, &region, &x, &y, &w, &h);
      if (self->ellipse && w > 0 && h > 0)
        {
          cairo_save (cr);
          cairo_translate (cr, x + w / 2, y + h / 2);
          cairo_scale (cr, w / 2, h / 2);
          cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
          cairo_restore (cr);
        }
      else
        cairo_rectangle (cr, x, y, w, h);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 0.18);
      cairo_fill_preserve (cr);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
      cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
  else if (self->mode == TF_MK_TOOL_CROP && crop_target (self, view))
    {
      TfItem *photo;
      double px, py, pw, ph;

      photo_ok (view, self->photo, &photo);
      widget_rect (view, &photo->bounds, &px, &py, &pw, &ph);
      widget_rect (view, &self->crop, &x, &y, &w, &h);
      /* What goes, darkened; what stays, outlined with its thirds. */
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_rectangle (cr, px, py, pw, ph);
      cairo_rectangle (cr, x, y, w, h);
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.55);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
      cairo_set_line_width (cr, 1.0);
      for (int i = 1; i < 3; i++)
        {
          cairo_move_to (cr, x + w * i / 3, y);
          cairo_line_to (cr, x + w * i / 3, y + h);
          cairo_move_to (cr, x, y + h * i / 3);
          cairo_line_to (cr, x + w, y + h * i / 3);
        }
      cairo_stroke (cr);
      tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_rectangle (cr, x, y, w, h);
      cairo_stroke (cr);
      for (int i = 0; i < 8; i++)
        {
          double hx, hy, wx, wy;

          crop_handle_point (&self->crop, i, &hx, &hy);
          tf_board_view_to_widget (view, hx, hy, &wx, &wy);
          cairo_rectangle (cr, wx - 5, wy - 5, 10, 10);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          tf_cairo_set_rgb (cr, TF_ACCENT_RGB, 1.0);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

static gboolean
tool_cancel (TfTool      *tool,
             TfBoardView *view)
{
  MkTool *self = (MkTool *) tool;
  gboolean had = self->active;

  self->active = FALSE;
  if (had && self->mode == TF_MK_TOOL_CROP)
    self->crop = self->crop_start;
  gtk_widget_queue_draw (GTK_WIDGET (view));
  return had;
}

static gboolean
tell_toolbox (gpointer data)
{
  TfBoardView *view = data;

  tf_mockup_gui_tool_changed (view);
  g_object_unref (view);
  return G_SOURCE_REMOVE;
}

static void
tool_free (TfTool *tool)
{
  MkTool *self = (MkTool *) tool;

  if (self->view != NULL)
    {
      g_idle_add (tell_toolbox, g_object_ref (self->view));
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
    }
  g_free (self);
}

static const TfToolClass mockup_tool_class = {
  .id = "mockup",
  .cursor = "crosshair",
  .press = tool_press,
  .drag = tool_drag,
  .release = tool_release,
  .key = tool_key,
  .draw_overlay = tool_draw_overlay,
  .cancel = tool_cancel,
  .free = tool_free,
};

TfTool *
tf_mockup_tool_new (TfMkToolMode mode)
{
  MkTool *tool = g_new0 (MkTool, 1);

  tool->parent.klass = &mockup_tool_class;
  tool->mode = mode;
  tool->handle = -1;
  return &tool->parent;
}

void
tf_mockup_tool_set_view (TfTool      *tool,
                         TfBoardView *view)
{
  MkTool *self = (MkTool *) tool;

  if (tool == NULL || tool->klass != &mockup_tool_class || self->view != NULL)
    return;
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
}

TfMkToolMode
tf_mockup_tool_get_mode (TfTool *tool)
{
  if (tool == NULL || tool->klass != &mockup_tool_class)
    return TF_MK_TOOL_SELECT;
  return ((MkTool *) tool)->mode;
}

/* --- Enter on a photo --- */

/* What a photo shows as text is its legend (its callouts' texts, in the
 * key beside it and in the side panel): Enter on it goes there. */

static GtkWidget *
find_below (GtkWidget  *root,
            GType       type,
            const char *name)
{
  if ((type == G_TYPE_NONE || G_TYPE_CHECK_INSTANCE_TYPE (root, type)) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_below (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
focus_when_mapped (GtkWidget *widget,
                   gpointer   data)
{
  g_signal_handlers_disconnect_by_func (widget, focus_when_mapped, data);
  gtk_widget_grab_focus (widget);
}

gboolean
tf_mockup_tool_enter_photo (TfBoardView *view)
{
  TfScene *scene = tf_board_view_get_scene (view);
  GtkWidget *page, *panel, *row;
  TfItem *photo, *first = NULL;
  int first_number = G_MAXINT;

  if (!photo_ok (view, selected_id (view), &photo))
    return FALSE;
  for (guint i = 0; i < tf_scene_get_items (scene)->len; i++)
    {
      TfItem *item = g_ptr_array_index (tf_scene_get_items (scene), i);
      const TfMkCallout *callout = item->data;
      int number;

      if (item->kind != &tf_mk_callout_kind || callout == NULL || callout->photo != photo->id)
        continue;
      number = tf_mk_callout_number (scene, item);
      if (number < first_number)
        {
          first = item;
          first_number = number;
        }
    }
  /* None yet: the legend starts with a callout in the photo's middle, its
   * text typed at once (left empty, it goes). */
  if (first == NULL)
    return gtk_widget_activate_action (GTK_WIDGET (view), "mockup.add-callout", NULL);

  /* The panel shown (F9 may have hidden it), the keyboard in its first
   * callout's text; Tab goes through the others. */
  page = gtk_widget_get_ancestor (GTK_WIDGET (view), TF_TYPE_BOARD_PAGE);
  panel = page != NULL ? find_below (page, TF_TYPE_MOCKUP_PANEL, NULL) : NULL;
  if (panel != NULL && GTK_IS_REVEALER (gtk_widget_get_parent (panel)))
    gtk_revealer_set_reveal_child (GTK_REVEALER (gtk_widget_get_parent (panel)), TRUE);
  if (panel != NULL)
    tf_mockup_panel_refresh_now (TF_MOCKUP_PANEL (panel));
  row = panel != NULL ? find_below (panel, G_TYPE_NONE, "legend-row") : NULL;
  /* No panel: the first callout's text beside its disc. */
  if (row == NULL)
    {
      tf_mockup_gui_edit_callout (view, first->id);
      return TRUE;
    }
  if (gtk_widget_get_mapped (row))
    gtk_widget_grab_focus (row);
  else
    g_signal_connect (row, "map", G_CALLBACK (focus_when_mapped), NULL);
  return TRUE;
}
