/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "test-mockup-items"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "core/tf-archive.h"
#include "core/tf-experiment-commands.h"
#include "core/tf-history.h"
#include "exports/tf-export.h"
#include "exports/tf-export-source.h"
#include "gui/mockups/tf-mockup-gui.h"
#include "mockups/tf-mockup-items.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-model.h"
#include "tf-board-view-private.h"
#include "tf-mockup-test-util.h"
#include "tf-test-util.h"
#include "tf-window.h"

/* What goes on top of a photo, in the real window: a pictogram picked in
 * the tool box's library from the keyboard (Alt+S, Enter), a text label
 * typed with the pointer on the photo, an arrow drawn with the arrow tool
 * (then the select tool is back), a post-it from the keyboard (Alt+N);
 * then the photo dragged with the pointer: everything on it followed, in
 * one undo step. Speech bubbles and post-its left empty (Escape, Enter, a
 * click elsewhere) go, with no undo step left; every drawing tool makes
 * one item, then gives the select tool back (the pictogram picked with
 * the pointer too); the photo's menu opens from the Menu key.
 *
 * /mockup-items/delete-toasts: two deletions in a row leave one toast,
 * the second's (with its Undo); the first is dismissed at once, and none
 * shows once the second is closed.
 *
 * TRANSFO_TEST_SIZE=800x600 sets the window's size, TRANSFO_TEST_SHOT a
 * screenshot's path (for looking at it by hand). */

#define LABEL "Entrée des lecteurs"

/* A PNG of @width × @height in one colour, in the fixture's folder. */
typedef TfMkFixture Fixture;

static void
shoot (Fixture    *fixture,
       const char *path)
{
  tf_gui_test_shoot_screen (GTK_WIDGET (fixture->window), path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tf_mk_test_start_board (fixture, "test-mockup-items");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  tf_mk_test_stop (fixture);
}

static gboolean
has_label (Fixture *fixture,
           gpointer data)
{
  TfItem *item = tf_mk_test_find_kind (fixture, TF_MK_LABEL_KIND);

  return item != NULL && g_strcmp0 (item->text, data) == 0;
}

/* The tool box's pictogram button's popover. */
static GtkWidget *
library (Fixture *fixture)
{
  GtkWidget *button = tf_gui_test_find_widget (gtk_widget_get_parent (GTK_WIDGET (fixture->view)),
                                               GTK_TYPE_MENU_BUTTON);

  return button != NULL ? GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))) : NULL;
}

/* How many items of @kind the archive itself holds on the board. */
static guint
count_stored (Fixture    *fixture,
              const char *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TfStore) store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
  g_autoptr(TfScene) scene = NULL;
  guint n = 0;

  g_assert_no_error (error);
  scene = tf_scene_new_for_board (store, fixture->board_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < tf_scene_get_items (scene)->len; i++)
    if (g_strcmp0 (((TfItem *) g_ptr_array_index (tf_scene_get_items (scene), i))->kind_id, kind) == 0)
      n++;
  return n;
}

static gboolean
popover_shown (Fixture *fixture,
               gpointer data)
{
  GtkWidget *popover = library (fixture);

  return popover != NULL && gtk_widget_get_visible (popover);
}

typedef struct {
  gint64 id;
  TfRect was;
} Seen;

/* Whether the photo (the first of @data) moved by as much as asked (the
 * view may snap it to its grid: within a grid step) and every other item
 * moved exactly as it did; with a zero request, whether all are back. */
static gboolean
moved_by (Fixture *fixture,
          gpointer data)
{
  GArray *seen = data;
  TfScene *scene = tf_board_view_get_scene (fixture->view);
  const Seen *photo = &g_array_index (seen, Seen, 0);
  TfItem *item = tf_scene_lookup (scene, photo->id);
  double dx, dy;

  if (item == NULL)
    return FALSE;
  dx = item->bounds.x - photo->was.x;
  dy = item->bounds.y - photo->was.y;
  /* was.width, was.height: the move asked for. */
  if (fabs (dx - photo->was.width) > 25 || fabs (dy - photo->was.height) > 25)
    return FALSE;
  for (guint i = 1; i < seen->len; i++)
    {
      const Seen *s = &g_array_index (seen, Seen, i);

      item = tf_scene_lookup (scene, s->id);
      if (item == NULL || fabs (item->bounds.x - (s->was.x + dx)) > 0.5 || fabs (item->bounds.y - (s->was.y + dy)) > 0.5)
        return FALSE;
    }
  return TRUE;
}

static void
test_mockup_items (Fixture       *fixture,
                   gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  g_autofree char *photo_path = tf_gui_test_write_png (fixture->dir, "hall.png", 800, 600, 50 / 255.0, 100 / 255.0, 140 / 255.0);
  g_autoptr(GFile) photo_file = g_file_new_for_path (photo_path);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (Seen));
  const char *shot = g_getenv ("TRANSFO_TEST_SHOT");
  TfItem *photo, *stamp, *label, *arrow, *note;
  gint64 photo_id;
  TfRect p;
  double x, y, x1, y1, x2, y2, zoom;
  Seen delta = { 0 };

  /* The photo. */
  g_assert_true (tf_mockup_gui_add_file (view, photo_file, -1));
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_PHOTO_KIND, "the photo on the board");
  tf_mk_test_wait_for (fixture, tf_mk_test_nothing_pending, NULL, "the photo's decoding done");
  photo = tf_mk_test_find_kind (fixture, TF_MK_PHOTO_KIND);
  photo_id = photo->id;
  p = photo->bounds;
  /* Once the view went to the new photo. */
  tf_gui_test_settle (20);
  tf_board_view_fit_all (view, FALSE);
  tf_gui_test_settle (20);

  /* The tool box is beside the board, never over the photo. */
  {
    GtkWidget *toolbox = gtk_widget_get_parent (tf_gui_test_find_widget (gtk_widget_get_parent (GTK_WIDGET (view)),
                                                                         GTK_TYPE_MENU_BUTTON));
    graphene_rect_t box;
    double px, py;

    while (toolbox != NULL && !gtk_widget_has_css_class (toolbox, "toolbar"))
      toolbox = gtk_widget_get_parent (toolbox);
    g_assert_nonnull (toolbox);
    g_assert_true (gtk_widget_compute_bounds (toolbox, GTK_WIDGET (view), &box));
    tf_board_view_to_widget (view, p.x, p.y, &px, &py);
    g_test_message ("tool box right edge %.0f, photo's left edge %.0f", box.origin.x + box.size.width, px);
    g_assert_cmpfloat (box.origin.x + box.size.width, <=, px);
  }

  /* A pictogram from the keyboard: Alt+S with the photo selected opens
   * the library, Enter stamps the first one found on the photo. */
  tf_board_view_select (view, &photo_id, 1);
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_s, GDK_ALT_MASK));
  tf_mk_test_wait_for (fixture, popover_shown, NULL, "the pictogram library");
  {
    GtkWidget *popover = library (fixture);
    GtkWidget *search = tf_gui_test_find_widget (popover, GTK_TYPE_SEARCH_ENTRY);

    if (shot != NULL)
      {
        g_autofree char *path = g_strconcat (shot, ".stamps.png", NULL);

        shoot (fixture, path);
      }
    g_signal_emit_by_name (search, "activate");
  }
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_STAMP_KIND, "the pictogram on the photo");
  stamp = tf_mk_test_find_kind (fixture, TF_MK_STAMP_KIND);
  g_assert_true (tf_rect_contains_point (&p, stamp->bounds.x + stamp->bounds.width / 2,
                                         stamp->bounds.y + stamp->bounds.height / 2));

  /* A label: typed with the pointer on the photo's upper left. */
  tf_board_view_clear_selection (view);
  tf_board_view_to_widget (view, p.x + p.width * 0.1, p.y + p.height * 0.15, &x, &y);
  view->pointer_inside = TRUE;
  view->pointer_x = x;
  view->pointer_y = y;
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_E, GDK_SHIFT_MASK));
  g_assert_true (tf_board_view_get_editing (view));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view->editor_text), LABEL + 1, -1);
  tf_board_view_stop_editing (view);
  tf_mk_test_wait_for (fixture, has_label, (gpointer) LABEL, "the label typed");
  label = tf_mk_test_find_kind (fixture, TF_MK_LABEL_KIND);
  g_assert_cmpfloat_with_epsilon (label->bounds.x, p.x + p.width * 0.1, 1.0);
  g_assert_true (tf_rect_contains_point (&p, label->bounds.x, label->bounds.y + label->bounds.height / 2));

  /* An arrow, dragged with its tool from the lower left to the middle. */
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_ARROW);
  g_assert_cmpint (tf_mockup_gui_get_tool (view), ==, TF_MK_TOOL_ARROW);
  tf_board_view_to_widget (view, p.x + p.width * 0.2, p.y + p.height * 0.8, &x, &y);
  zoom = tf_board_view_get_zoom (view);
  tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, x, y);
  tf_board_view_drag_update (view, 0, p.width * 0.3 * zoom, -p.height * 0.3 * zoom);
  tf_board_view_drag_end (view);
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_ARROW_KIND, "the arrow");
  arrow = tf_mk_test_find_kind (fixture, TF_MK_ARROW_KIND);
  g_assert_true (tf_mk_arrow_item_ends (arrow, &x1, &y1, &x2, &y2));
  g_assert_cmpfloat_with_epsilon (x1, p.x + p.width * 0.2, 1.0);
  g_assert_cmpfloat_with_epsilon (y2, p.y + p.height * 0.5, 1.0);
  /* One arrow made: the select tool is back, and the tool box shows it. */
  tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the tool box's select tool after the arrow");
  g_assert_cmpint (tf_mockup_gui_get_tool (view), ==, TF_MK_TOOL_SELECT);
  /* A post-it from the keyboard, on the selected photo, its text typed. */
  tf_board_view_select (view, &photo_id, 1);
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_n, GDK_ALT_MASK));
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_NOTE_KIND, "the post-it");
  g_assert_true (tf_board_view_get_editing (view));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view->editor_text), "Borne de prêt", -1);
  tf_board_view_stop_editing (view);
  note = tf_mk_test_find_kind (fixture, TF_MK_NOTE_KIND);
  g_assert_cmpstr (note->text, ==, "Borne de prêt");
  g_assert_true (tf_rect_contains_point (&p, note->bounds.x + note->bounds.width / 2,
                                         note->bounds.y + note->bounds.height / 2));
  /* Another one left empty (Enter at once): gone, no step left to undo. */
  {
    TfHistory *history = tf_window_get_history (fixture->window);
    g_autofree char *undo_label = g_strdup (tf_history_get_undo_label (history));

    tf_board_view_select (view, &photo_id, 1);
    g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_n, GDK_ALT_MASK));
    tf_mk_test_wait_count (fixture, TF_MK_NOTE_KIND, 2, "the second post-it");
    g_assert_true (tf_board_view_get_editing (view));
    g_assert_true (tf_board_view_editor_key (view, GDK_KEY_Return, 0));
    tf_mk_test_wait_count (fixture, TF_MK_NOTE_KIND, 1, "the empty post-it gone");
    g_assert_cmpstr (tf_history_get_undo_label (history), ==, undo_label);
    g_assert_false (tf_history_get_can_redo (history));
    g_assert_cmpuint (count_stored (fixture, TF_MK_NOTE_KIND), ==, 1);
    note = tf_mk_test_find_kind (fixture, TF_MK_NOTE_KIND);
    g_assert_cmpstr (note->text, ==, "Borne de prêt");
  }
  if (shot != NULL)
    {
      g_autoptr(TfStore) store = NULL;
      g_autoptr(TfExportSource) source = NULL;
      g_auto(TfExportOptions) options;
      g_autoptr(GError) error = NULL;
      g_autofree char *pdf = g_strconcat (shot, ".pdf", NULL);

      tf_board_view_fit_all (view, FALSE);
      shoot (fixture, shot);
      store = tf_store_open (fixture->archive_path, TF_STORE_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      source = tf_export_source_new_from_store (store, fixture->experiment_id, &error);
      g_assert_no_error (error);
      tf_export_options_init (&options);
      options.board = (guint) tf_export_source_find_board (source, "Accueil");
      g_assert_true (tf_export_run (TF_EXPORT_BOARD, source, &options, pdf, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  zoom = tf_board_view_get_zoom (view);

  /* The photo dragged by the pointer, from a spot with nothing on it. */
  delta = (Seen) { photo_id, TF_RECT_INIT (p.x, p.y, -120, 90) };
  g_array_append_val (seen, delta);
  {
    TfItem *items[] = { stamp, label, arrow, note };

    for (guint i = 0; i < G_N_ELEMENTS (items); i++)
      {
        Seen s = { items[i]->id, items[i]->bounds };

        g_array_append_val (seen, s);
      }
  }
  tf_board_view_clear_selection (view);
  tf_board_view_to_widget (view, p.x + p.width * 0.85, p.y + p.height * 0.2, &x, &y);
  g_assert_true (tf_board_view_pick_item (view, p.x + p.width * 0.85, p.y + p.height * 0.2) == photo);
  tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, x, y);
  tf_board_view_drag_update (view, 0, -60 * zoom, 45 * zoom);
  tf_board_view_drag_update (view, 0, -120 * zoom, 90 * zoom);
  tf_board_view_drag_end (view);
  tf_mk_test_wait_for (fixture, moved_by, seen, "the photo and what is on it moved");

  /* One undo: all back. */
  g_assert_true (tf_history_undo (tf_window_get_history (fixture->window), NULL));
  g_array_index (seen, Seen, 0).was = TF_RECT_INIT (p.x, p.y, 0, 0);
  tf_mk_test_wait_for (fixture, moved_by, seen, "everything back");
  photo = tf_mk_test_find_kind (fixture, TF_MK_PHOTO_KIND);
  g_assert_cmpfloat_with_epsilon (photo->bounds.x, p.x, 0.01);

  /* A blur dragged from near the right edge past it: from corner to
   * corner, never past the photo. */
  tf_board_view_clear_selection (view);
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_BLUR);
  zoom = tf_board_view_get_zoom (view);
  tf_board_view_to_widget (view, p.x + p.width * 0.9, p.y + p.height * 0.3, &x, &y);
  tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, x, y);
  tf_board_view_drag_update (view, 0, p.width * 0.2 * zoom, p.height * 0.1 * zoom);
  tf_board_view_drag_end (view);
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_BLUR_KIND, "the blur");
  {
    TfItem *blur = tf_mk_test_find_kind (fixture, TF_MK_BLUR_KIND);

    g_test_message ("blur %.1f,%.1f %.1f×%.1f on photo %.1f,%.1f %.1f×%.1f", blur->bounds.x, blur->bounds.y,
                    blur->bounds.width, blur->bounds.height, p.x, p.y, p.width, p.height);
    g_assert_cmpfloat_with_epsilon (blur->bounds.x, p.x + p.width * 0.9, 1.0);
    g_assert_cmpfloat_with_epsilon (blur->bounds.y, p.y + p.height * 0.3, 1.0);
    g_assert_cmpfloat (blur->bounds.x + blur->bounds.width, <=, p.x + p.width + 0.5);
  }
  tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the select tool after the blur");

  /* Bubbles left empty go, however their editing ends, with no step left
   * to undo and none to redo: Escape, then a click elsewhere. */
  {
    TfHistory *history = tf_window_get_history (fixture->window);
    g_autofree char *undo_label = g_strdup (tf_history_get_undo_label (history));

    for (int i = 0; i < 2; i++)
      {
        tf_mockup_gui_set_tool (view, TF_MK_TOOL_BUBBLE);
        tf_board_view_to_widget (view, p.x + p.width * 0.85, p.y + p.height * 0.2, &x, &y);
        tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, x, y);
        tf_board_view_drag_end (view);
        tf_mk_test_wait_count (fixture, TF_MK_BUBBLE_KIND, 1, "an empty bubble");
        g_assert_true (tf_board_view_get_editing (view));
        if (i == 0)
          g_assert_true (tf_board_view_editor_key (view, GDK_KEY_Escape, 0));
        else
          {
            /* Off the photo, where no tool makes anything. */
            tf_board_view_to_widget (view, p.x + p.width * 0.3, p.y + p.height * 1.05, &x, &y);
            tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, x, y);
            tf_board_view_drag_end (view);
          }
        g_assert_false (tf_board_view_get_editing (view));
        tf_mk_test_wait_count (fixture, TF_MK_BUBBLE_KIND, 0, "the empty bubble gone");
        g_assert_cmpstr (tf_history_get_undo_label (history), ==, undo_label);
        g_assert_false (tf_history_get_can_redo (history));
        g_assert_cmpuint (count_stored (fixture, TF_MK_BUBBLE_KIND), ==, 0);
        tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the select tool after the bubble");
      }
  }

  /* A bubble written; a press on it with the bubble tool taken again acts
   * on it: no second, empty bubble over it. */
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_BUBBLE);
  tf_board_view_to_widget (view, p.x + p.width * 0.85, p.y + p.height * 0.2, &x, &y);
  tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, x, y);
  tf_board_view_drag_end (view);
  tf_mk_test_wait_for (fixture, tf_mk_test_has_kind, (gpointer) TF_MK_BUBBLE_KIND, "the bubble");
  g_assert_true (tf_board_view_get_editing (view));
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (view->editor_text), "Ici", -1);
  tf_board_view_stop_editing (view);
  tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the select tool after the written bubble");
  {
    TfItem *bubble = tf_mk_test_find_kind (fixture, TF_MK_BUBBLE_KIND);

    g_assert_cmpstr (bubble->text, ==, "Ici");
    tf_board_view_to_widget (view, bubble->bounds.x + bubble->bounds.width / 2,
                             bubble->bounds.y + bubble->bounds.height / 2, &x, &y);
  }
  g_assert_cmpuint (count_stored (fixture, TF_MK_BUBBLE_KIND), ==, 1);
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_BUBBLE);
  tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, x, y);
  tf_board_view_drag_end (view);
  tf_gui_test_settle (20);
  g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_BUBBLE_KIND), ==, 1);
  /* Nothing made: the tool is still in hand, and Escape puts it down. */
  g_assert_cmpint (tf_mockup_gui_get_tool (view), ==, TF_MK_TOOL_BUBBLE);
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_Escape, 0));
  tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the bubble tool put down");

  /* A press a tool took with nothing under way (the crop tool, off its
   * handles), the button still down: one Escape puts the tool down, not
   * only the press. */
  tf_board_view_select (view, &photo_id, 1);
  tf_mockup_gui_set_tool (view, TF_MK_TOOL_CROP);
  tf_board_view_to_widget (view, p.x + p.width * 0.5, p.y + p.height * 1.2, &x, &y);
  tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, x, y);
  g_assert_true (view->tool_grab);
  g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_Escape, 0));
  g_assert_null (tf_board_view_get_tool (view));
  tf_board_view_drag_end (view);
  tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the crop tool put down by one Escape");

  /* A pictogram picked in the library with the pointer: one click stamps
   * it, then the select tool is back (not an actor map's stamping on
   * every click). */
  {
    guint stamps = tf_mk_test_count_kind (fixture, TF_MK_STAMP_KIND);
    GtkWidget *button = tf_gui_test_find_widget (gtk_widget_get_parent (GTK_WIDGET (view)), GTK_TYPE_MENU_BUTTON);
    GtkWidget *flow, *first;

    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    tf_mk_test_wait_for (fixture, popover_shown, NULL, "the pictogram library, opened with the pointer");
    flow = tf_gui_test_find_widget (library (fixture), GTK_TYPE_FLOW_BOX);
    first = gtk_widget_get_first_child (flow);
    g_assert_nonnull (first);
    g_signal_emit_by_name (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (first)), "clicked");
    g_assert_nonnull (tf_board_view_get_tool (view));
    tf_board_view_to_widget (view, p.x + p.width * 0.6, p.y + p.height * 0.8, &x, &y);
    tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, x, y);
    tf_board_view_drag_end (view);
    tf_mk_test_wait_count (fixture, TF_MK_STAMP_KIND, stamps + 1, "the pictogram stamped");
    tf_mk_test_wait_for (fixture, tf_mk_test_tool_is_select, NULL, "the select tool after the pictogram");
    tf_board_view_to_widget (view, p.x + p.width * 0.45, p.y + p.height * 0.85, &x, &y);
    tf_board_view_drag_begin (view, GDK_BUTTON_PRIMARY, 0, x, y);
    tf_board_view_drag_end (view);
    tf_gui_test_settle (20);
    g_assert_cmpuint (tf_mk_test_count_kind (fixture, TF_MK_STAMP_KIND), ==, stamps + 1);
  }

  /* The photo's menu from the Menu key, the keyboard in it; closed, the
   * board has the keyboard again. */
  {
    GtkWidget *menu = NULL;
    GtkWidget *focus;

    tf_board_view_select (view, &photo_id, 1);
    gtk_widget_grab_focus (GTK_WIDGET (view));
    g_assert_true (tf_board_view_key_pressed (view, GDK_KEY_Menu, 0));
    for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (view)); c != NULL; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_POPOVER_MENU (c) && gtk_widget_get_visible (c))
        menu = c;
    g_assert_nonnull (menu);
    focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, menu));
    if (shot != NULL)
      {
        g_autofree char *path = g_strconcat (shot, ".menu.png", NULL);

        shoot (fixture, path);
      }
    gtk_popover_popdown (GTK_POPOVER (menu));
    tf_gui_test_settle (20);
    g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  }

  /* The shortcuts window lists the mockup's keys (looked at by hand: its
   * page with them shown). */
  if (shot != NULL)
    {
      g_autofree char *path = g_strconcat (shot, ".shortcuts.png", NULL);
      GListModel *toplevels = gtk_window_get_toplevels ();
      GtkWidget *shortcuts = NULL, *section, *stack;
      GLogLevelFlags fatal;

      /* GTK 4.8's shortcuts window measures one of its labels below zero
       * (a warning, whatever its groups: at the commit before them too);
       * only looked at by hand, with TRANSFO_TEST_SHOT. */
      fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-help-overlay", NULL);
      tf_gui_test_settle (50);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels) && shortcuts == NULL; i++)
        {
          g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

          if (GTK_IS_SHORTCUTS_WINDOW (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
            shortcuts = GTK_WIDGET (w);
        }
      g_assert_nonnull (shortcuts);
      section = tf_gui_test_find_widget (shortcuts, GTK_TYPE_SHORTCUTS_SECTION);
      stack = section != NULL ? tf_gui_test_find_widget (section, GTK_TYPE_STACK) : NULL;
      for (GtkWidget *page = stack != NULL ? gtk_widget_get_first_child (stack) : NULL; page != NULL;
           page = gtk_widget_get_next_sibling (page))
        if (tf_gui_test_find_label (page, _("Mockup")) != NULL)
          gtk_stack_set_visible_child (GTK_STACK (stack), page);
      gtk_test_widget_wait_for_draw (shortcuts);
      tf_gui_test_settle (50);
      shoot (fixture, path);
      gtk_window_close (GTK_WINDOW (shortcuts));
      tf_gui_test_settle (20);
      g_log_set_always_fatal (fatal);
    }
}

/* The toasts the window's overlay shows or hides (libadwaita's toast
 * widgets, named "toast"): a toast waiting in its queue is not one. */
static guint
count_toasts (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += g_strcmp0 (gtk_widget_get_css_name (child), "toast") == 0 ? 1 : count_toasts (child);
  return n;
}

static gboolean
no_toast_shown (Fixture *fixture,
                gpointer data)
{
  return count_toasts (GTK_WIDGET (fixture->window)) == 0;
}

static void
count_gone (AdwToast *toast,
            gpointer  user_data)
{
  (*(guint *) user_data)++;
}

/* Two deletions in a row show one toast, the second one's (with its
 * Undo): the first says the second's words, or went at once, instead of
 * waiting to show when the second is closed. */
static void
test_mockup_delete_toasts (Fixture       *fixture,
                           gconstpointer  data)
{
  TfBoardView *view = fixture->view;
  AdwToast *first, *second;
  guint gone = 0;
  gint64 ids[3];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_true (tf_mockup_gui_run (view, tf_mk_command_add_note (fixture->board_id, 100 + 300 * i, 100,
                                                                      i == 0 ? "Accueil" : "Prêt")));
      tf_mk_test_wait_count (fixture, TF_MK_NOTE_KIND, i + 1, "the post-it");
    }
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = ((TfItem *) g_ptr_array_index (tf_scene_get_items (tf_board_view_get_scene (view)), i))->id;

  tf_board_view_select (view, ids, 2);
  tf_board_view_delete_selection (view, FALSE);
  first = tf_board_view_get_toast (view);
  g_assert_nonnull (first);
  g_object_ref (first);
  g_signal_connect (first, "dismissed", G_CALLBACK (count_gone), &gone);
  tf_board_view_select (view, &ids[2], 1);
  tf_board_view_delete_selection (view, FALSE);
  tf_mk_test_wait_count (fixture, TF_MK_NOTE_KIND, 0, "the post-its deleted");
  second = tf_board_view_get_toast (view);
  g_assert_nonnull (second);
  g_assert_true (second == first || gone == 1);
  g_assert_cmpstr (adw_toast_get_title (second), ==, "1 item deleted");
  g_assert_cmpstr (adw_toast_get_button_label (second), ==, _("_Undo"));
  tf_gui_test_settle (50);
  g_assert_cmpuint (count_toasts (GTK_WIDGET (fixture->window)), <=, 1);

  /* The second closed: no toast left to show. */
  adw_toast_dismiss (second);
  g_assert_null (tf_board_view_get_toast (view));
  tf_mk_test_wait_for (fixture, no_toast_shown, NULL, "no toast shown");
  tf_gui_test_settle (100);
  g_assert_cmpuint (count_toasts (GTK_WIDGET (fixture->window)), ==, 0);
  g_signal_handlers_disconnect_by_func (first, count_gone, &gone);
  g_object_unref (first);
}

int
main (int   argc,
      char *argv[])
{
  if (!tf_gui_test_init (&argc, &argv, FALSE))
    return 77;
  g_test_add ("/mockup-items/stamp-label-arrow-follow", Fixture, NULL, fixture_set_up, test_mockup_items,
              fixture_tear_down);
  g_test_add ("/mockup-items/delete-toasts", Fixture, NULL, fixture_set_up, test_mockup_delete_toasts,
              fixture_tear_down);
  return g_test_run ();
}
