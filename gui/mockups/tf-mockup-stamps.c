/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-gui"

#include <glib/gi18n.h>
#include <math.h>

#include "gui/tf-board-view-private.h"
#include "gui/tf-widget-util.h"
#include "mockups/tf-mockup-model.h"
#include "stamps/tf-actor-items.h"
#include "stamps/tf-stamp-library.h"
#include "tf-mockup-gui.h"

/* The tool box's pictograms: a button that opens the library (a search
 * field, then every pictogram on its disc with its name). Picking one
 * takes a stamp tool: a click on the board stamps it there, then the
 * select tool is back, as after every drawing tool of the mockup (an
 * actor map's stamp tool, gui/actors/, stamps on every click); Escape
 * puts it down unused. Opened from the keyboard, the pictogram picked is
 * stamped at once in the middle of what is shown (on the selected photo's
 * centre when it shows), then can be moved with the arrows. */

#define PICTOGRAM_SIZE 40
/* The width of a name in the picker, in characters: "intercommunalité" whole. */
#define CELL_CHARS 13

typedef struct {
  TfBoardView *view;      /* weak */
  GtkWidget   *button;
  GtkWidget   *search;
  GtkWidget   *flow;
  gboolean     by_key;
  /* The pictogram waiting for its click: the button shows pressed, and a
   * line over the board (weak: in the view's overlay) says what to do. */
  GtkWidget   *hint;
  GtkWidget   *hint_label;
  GtkWidget   *hint_picture;
  char        *pending;
} Picker;

static void
picker_free (gpointer data)
{
  Picker *picker = data;

  if (picker->view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (picker->view), (gpointer *) &picker->view);
  if (picker->hint != NULL)
    {
      GtkWidget *overlay = gtk_widget_get_parent (picker->hint);

      g_object_remove_weak_pointer (G_OBJECT (picker->hint), (gpointer *) &picker->hint);
      if (GTK_IS_OVERLAY (overlay))
        gtk_overlay_remove_overlay (GTK_OVERLAY (overlay), picker->hint);
    }
  g_free (picker->pending);
  g_free (picker);
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0,
                         alpha);
}

static void
draw_pictogram (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  TfStamp *stamp = user_data;
  double size = MIN (width, height);
  double inner = size * TF_STAMP_PICTOGRAM_RATIO;

  cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0 - 1.0, 0, 2 * G_PI);
  set_rgb (cr, tf_stamp_get_color (stamp), 0.18);
  cairo_fill_preserve (cr);
  set_rgb (cr, tf_stamp_get_color (stamp), 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  tf_stamp_library_draw (tf_stamp_library_get_default (), tf_stamp_get_id (stamp), cr,
                         width / 2.0 - inner / 2, height / 2.0 - inner / 2, inner, FALSE);
}

/* The middle of what the view shows, or of the selected photo when it
 * shows: widget pixels. */
static void
stamp_point (TfBoardView *view,
             double      *x,
             double      *y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  g_autoptr(GArray) selection = tf_board_view_get_selection (view);
  TfScene *scene = tf_board_view_get_scene (view);
  TfItem *item = selection->len == 1 && scene != NULL
                 ? tf_scene_lookup (scene, g_array_index (selection, gint64, 0)) : NULL;

  *x = width / 2.0;
  *y = height / 2.0;
  if (item != NULL)
    {
      double wx, wy;

      tf_board_view_to_widget (view, item->bounds.x + item->bounds.width / 2,
                               item->bounds.y + item->bounds.height / 2, &wx, &wy);
      if (wx >= 0 && wy >= 0 && wx < width && wy < height)
        {
          *x = wx;
          *y = wy;
        }
      /* On a free spot of the photo (or of the photo under the selected
       * item), its disc where tf_board_view_stamp_at() wants it. */
      {
        TfRect origin = TF_RECT_INIT (0, 0, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT);
        double cx, cy, dx, dy, radius;

        if (tf_mockup_gui_anchor (view, 0, TF_STAMP_ITEM_WIDTH, TF_STAMP_ITEM_HEIGHT, &cx, &cy) == TF_MK_ANCHOR_FREE)
          {
            tf_stamp_item_get_disc (&origin, &dx, &dy, &radius);
            tf_board_view_to_widget (view, cx - TF_STAMP_ITEM_WIDTH / 2 + dx,
                                     cy - TF_STAMP_ITEM_HEIGHT / 2 + dy, x, y);
          }
      }
    }
}

/* The pictogram picked waits for its click: the picker's button shows
 * pressed (as a tool's does), and the line over the board names it. */
static void
show_pending (Picker  *picker,
              TfStamp *stamp)
{
  GtkWidget *toggle = gtk_widget_get_first_child (picker->button);
  g_autofree char *text = NULL;

  g_free (picker->pending);
  picker->pending = g_strdup (tf_stamp_get_id (stamp));
  if (toggle != NULL)
    gtk_widget_set_state_flags (toggle, GTK_STATE_FLAG_CHECKED, FALSE);
  if (picker->hint == NULL)
    return;
  /* Translators: %s is a pictogram's name. */
  text = g_strdup_printf (_("Click on the photo to place “%s” · Escape to cancel"), tf_stamp_get_name (stamp));
  gtk_label_set_text (GTK_LABEL (picker->hint_label), text);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (picker->hint_picture), draw_pictogram, g_object_ref (stamp),
                                  g_object_unref);
  gtk_widget_set_visible (picker->hint, TRUE);
}

static void
hide_pending (Picker *picker)
{
  GtkWidget *toggle = gtk_widget_get_first_child (picker->button);
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (picker->button));

  g_clear_pointer (&picker->pending, g_free);
  /* Unless the library is open: then the button is pressed for it. */
  if (toggle != NULL && (popover == NULL || !gtk_widget_get_visible (GTK_WIDGET (popover))))
    gtk_widget_unset_state_flags (toggle, GTK_STATE_FLAG_CHECKED);
  if (picker->hint != NULL)
    gtk_widget_set_visible (picker->hint, FALSE);
}

/* The stamp tool of a mockup: one pictogram, one click. */

typedef struct {
  TfTool     parent;
  char      *stamp_id;
  GtkWidget *button;      /* weak: the picker's, told when put down */
} OnceTool;

#define ONCE_TOOL_ID "mockup-stamp"

static gboolean
once_put_down (gpointer data)
{
  TfBoardView *view = data;

  if (g_strcmp0 (tf_tool_get_id (tf_board_view_get_tool (view)), ONCE_TOOL_ID) == 0)
    tf_board_view_set_tool (view, NULL);
  g_object_unref (view);
  return G_SOURCE_REMOVE;
}

static gboolean
once_press (TfTool          *tool,
            TfBoardView     *view,
            GdkModifierType  state,
            double           x,
            double           y)
{
  g_autofree char *stamp = g_strdup (((OnceTool *) tool)->stamp_id);

  /* Stamping may take the tool down (a refused pictogram): a copy. Put
   * down once this press is over: the tool is running. */
  if (tf_board_view_stamp_at (view, stamp, x, y) != 0)
    g_idle_add_full (G_PRIORITY_DEFAULT, once_put_down, g_object_ref (view), NULL);
  return TRUE;
}

static void
once_free (TfTool *tool)
{
  OnceTool *self = (OnceTool *) tool;

  if (self->button != NULL)
    {
      Picker *picker = g_object_get_data (G_OBJECT (self->button), "tf-mockup-stamps");

      g_object_remove_weak_pointer (G_OBJECT (self->button), (gpointer *) &self->button);
      if (picker != NULL && g_strcmp0 (picker->pending, self->stamp_id) == 0)
        hide_pending (picker);
    }
  g_free (self->stamp_id);
  g_free (self);
}

static const TfToolClass once_tool_class = {
  .id = ONCE_TOOL_ID,
  .cursor = "crosshair",
  .press = once_press,
  .free = once_free,
};

static TfTool *
once_tool_new (const char *stamp_id,
               GtkWidget  *button)
{
  OnceTool *tool = g_new0 (OnceTool, 1);

  tool->parent.klass = &once_tool_class;
  tool->stamp_id = g_strdup (stamp_id);
  tool->button = button;
  g_object_add_weak_pointer (G_OBJECT (button), (gpointer *) &tool->button);
  return &tool->parent;
}

static void
stamp_clicked (GtkButton *button,
               Picker    *picker)
{
  const char *id = g_object_get_data (G_OBJECT (button), "stamp-id");
  TfBoardView *view = picker->view;
  gboolean by_key = picker->by_key;

  gtk_menu_button_popdown (GTK_MENU_BUTTON (picker->button));
  if (view == NULL || id == NULL)
    return;
  if (by_key)
    {
      double x, y;

      stamp_point (view, &x, &y);
      tf_board_view_set_tool (view, NULL);
      tf_board_view_stamp_at (view, id, x, y);
    }
  else if (tf_board_view_set_tool (view, once_tool_new (id, picker->button)))
    {
      g_autoptr(TfStamp) stamp = tf_stamp_library_lookup (tf_stamp_library_get_default (), id);

      if (stamp != NULL)
        show_pending (picker, stamp);
    }
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

static GtkWidget *
stamp_button_new (Picker  *picker,
                  TfStamp *stamp)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (tf_stamp_get_name (stamp));

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), PICTOGRAM_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), PICTOGRAM_SIZE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_pictogram, g_object_ref (stamp), g_object_unref);
  gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
  /* The name whole, wrapped and centred under its pictogram ("Cabinet du
   * président" on two lines): an ellipsized one said "Cabinet d…", and its
   * measure gave GTK 4.8 a negative minimum width to warn about. Every cell
   * is as wide as the longest word of the library's names needs. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_width_chars (GTK_LABEL (label), CELL_CHARS);
  gtk_label_set_max_width_chars (GTK_LABEL (label), CELL_CHARS);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), area);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tf_stamp_get_name (stamp));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tf_stamp_get_name (stamp), -1);
  g_object_set_data_full (G_OBJECT (button), "stamp-id", g_strdup (tf_stamp_get_id (stamp)), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (stamp_clicked), picker);
  return button;
}

static void
rebuild (Picker *picker)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (picker->search));
  g_autoptr(GPtrArray) found = tf_stamp_library_search (tf_stamp_library_get_default (), query);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (picker->flow)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (picker->flow), child);
  for (guint i = 0; i < found->len; i++)
    {
      GtkWidget *button = stamp_button_new (picker, g_ptr_array_index (found, i));

      gtk_flow_box_append (GTK_FLOW_BOX (picker->flow), button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
}

/* Enter in the search field stamps the first pictogram found. */
static void
search_activated (GtkSearchEntry *entry,
                  Picker         *picker)
{
  GtkWidget *first = gtk_widget_get_first_child (picker->flow);

  if (first != NULL)
    stamp_clicked (GTK_BUTTON (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (first))), picker);
}

static void
popover_shown (GtkWidget *popover,
               Picker    *picker)
{
  gtk_editable_set_text (GTK_EDITABLE (picker->search), "");
  rebuild (picker);
  gtk_widget_grab_focus (picker->search);
}

static void
popover_closed (GtkPopover *popover,
                Picker     *picker)
{
  GtkWidget *toggle = gtk_widget_get_first_child (picker->button);

  picker->by_key = FALSE;
  /* The menu button's toggle was let go as the popover closed: still
   * pressed while a pictogram waits. */
  if (picker->pending != NULL && toggle != NULL)
    gtk_widget_set_state_flags (toggle, GTK_STATE_FLAG_CHECKED, FALSE);
}

/* The line over the board while a pictogram waits, in the view's
 * overlay (at the bottom, as the progress of a photo being read). */
static void
make_hint (Picker *picker)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (picker->view));
  GtkWidget *box;

  if (!GTK_IS_OVERLAY (overlay))
    return;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  picker->hint_picture = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (picker->hint_picture), 24);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (picker->hint_picture), 24);
  gtk_widget_set_valign (picker->hint_picture, GTK_ALIGN_CENTER);
  picker->hint_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (picker->hint_label), TRUE);
  gtk_widget_set_name (picker->hint_label, "stamp-pending");
  gtk_box_append (GTK_BOX (box), picker->hint_picture);
  gtk_box_append (GTK_BOX (box), picker->hint_label);
  tf_widget_make_osd_hint (box, GTK_ALIGN_END);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), box);
  picker->hint = box;
  g_object_add_weak_pointer (G_OBJECT (box), (gpointer *) &picker->hint);
}

GtkWidget *
tf_mockup_stamps_new (TfBoardView *view)
{
  Picker *picker = g_new0 (Picker, 1);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  const char *tooltip = _("Pictogram (Alt+S)");

  picker->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &picker->view);
  picker->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (picker->button), "tf-actor-map-symbolic");
  gtk_widget_set_tooltip_text (picker->button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picker->button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  g_object_set_data_full (G_OBJECT (picker->button), "tf-mockup-stamps", picker, picker_free);
  make_hint (picker);

  picker->search = gtk_search_entry_new ();
  g_object_set (picker->search, "placeholder-text", _("Search pictograms"), NULL);
  g_signal_connect_swapped (picker->search, "search-changed", G_CALLBACK (rebuild), picker);
  g_signal_connect (picker->search, "activate", G_CALLBACK (search_activated), picker);
  picker->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (picker->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (picker->flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (picker->flow), 4);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (picker->flow), 4);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), picker->flow);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_box_append (GTK_BOX (box), picker->search);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_RIGHT);
  g_signal_connect (popover, "show", G_CALLBACK (popover_shown), picker);
  g_signal_connect (popover, "closed", G_CALLBACK (popover_closed), picker);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (picker->button), popover);
  tf_widget_quiet_tooltip_while_open (GTK_MENU_BUTTON (picker->button));
  return picker->button;
}

void
tf_mockup_stamps_popup (GtkWidget *button,
                        gboolean   by_key)
{
  Picker *picker = button != NULL ? g_object_get_data (G_OBJECT (button), "tf-mockup-stamps") : NULL;

  if (picker == NULL)
    return;
  picker->by_key = by_key;
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  /* popup may reset it through "closed" of a previous showing. */
  picker->by_key = by_key;
}
