/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-actor-panel"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "stamps/tf-actor-items.h"
#include "canvas/tf-item-commands.h"
#include "canvas/tf-item-kinds.h"
#include "stamps/tf-legend.h"
#include "insights/tf-insight.h"
#include "stamps/tf-stamp-library.h"
#include "gui/actors/tf-actor-panel.h"
#include "gui/actors/tf-stamp-import.h"

/* Beside an actor map: the stamps to stamp with, grouped by family and
 * searchable in both languages; what the selected actor, link or pool says;
 * and how many actors of each family and links of each type the map has.
 * Every edit is one command, committed when a field is left or activated. */

#define PICTOGRAM_SIZE 44
/* The panel's width, pixels. */
#define PANEL_WIDTH 264
/* The palette always shows at least this much, pixels: two rows of stamps
 * with their family's heading (names on two lines). */
#define PALETTE_MIN_HEIGHT 260

struct _TfActorPanel
{
  TfBoardPanel          parent_instance;

  TfBoardView    *view;
  GtkSearchEntry *search;
  GtkBox         *palette;
  GPtrArray      *stamp_buttons;    /* GtkToggleButton, with their "stamp-id" */
  gboolean        updating;

  gint64          item_id;          /* the item the details show, 0 for none */
  GtkWidget      *details_title;
  GtkWidget      *details_hint;
  GtkWidget      *actor_box;
  GtkWidget      *actor_family;
  GtkWidget      *actor_swatch;
  guint32         actor_color;
  GtkEntry       *actor_label;
  GtkEntry       *actor_role;
  GtkTextView    *actor_notes;
  GtkWidget      *link_box;
  GtkDropDown    *relation;
  GtkEntry       *relation_custom;
  GtkDropDown    *direction;
  GtkEntry       *link_label;
  GtkWidget      *pool_box;
  GtkEntry       *pool_name;
  GtkBox         *counts;
};

G_DEFINE_FINAL_TYPE (TfActorPanel, tf_actor_panel, TF_TYPE_BOARD_PANEL)


static char *
json_string (const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text != NULL ? text : "");
  return json_to_string (node, FALSE);
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

/* The palette. */

static void
draw_pictogram (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  TfStamp *stamp = user_data;
  double size = MIN (width, height);
  double cx = width / 2.0, cy = height / 2.0;
  double inner = size * TF_STAMP_PICTOGRAM_RATIO;

  /* As on the board: the pictogram on a disc of its family's colour. */
  cairo_arc (cr, cx, cy, size / 2.0 - 1.0, 0, 2 * G_PI);
  set_rgb (cr, tf_stamp_get_color (stamp), 0.18);
  cairo_fill_preserve (cr);
  set_rgb (cr, tf_stamp_get_color (stamp), 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  tf_stamp_library_draw (tf_stamp_library_get_default (), tf_stamp_get_id (stamp), cr,
                         cx - inner / 2, cy - inner / 2, inner, FALSE);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  guint32 rgb = GPOINTER_TO_UINT (user_data);

  /* A faint ring keeps the palest colours visible on the panel. */
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1.0, 0, 2 * G_PI);
  set_rgb (cr, rgb, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static GtkWidget *
swatch_new (guint32 rgb,
            int     size)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, GUINT_TO_POINTER (rgb), NULL);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  return area;
}

static void
sync_stamp_buttons (TfActorPanel *self)
{
  const char *picked = self->view != NULL ? tf_board_view_get_stamp_tool (self->view) : NULL;

  self->updating = TRUE;
  for (guint i = 0; i < self->stamp_buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->stamp_buttons, i);

      gtk_toggle_button_set_active (button, g_strcmp0 (g_object_get_data (G_OBJECT (button), "stamp-id"),
                                                       picked) == 0);
    }
  self->updating = FALSE;
}

/* A click picks the stamp (a rubber stamp: every click on the board stamps
 * it), a second click puts it down. */
static void
stamp_toggled (GtkToggleButton *button,
               TfActorPanel    *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "stamp-id");

  if (self->updating || self->view == NULL)
    return;
  if (gtk_toggle_button_get_active (button))
    tf_board_view_set_stamp_tool (self->view, id);
  else if (g_strcmp0 (tf_board_view_get_stamp_tool (self->view), id) == 0)
    tf_board_view_set_stamp_tool (self->view, NULL);
  if (gtk_toggle_button_get_active (button))
    gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static GdkContentProvider *
stamp_drag_prepare (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkWidget     *button)
{
  const char *id = g_object_get_data (G_OBJECT (button), "stamp-id");
  GtkWidget *picture = g_object_get_data (G_OBJECT (button), "pictogram");
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (picture);

  gtk_drag_source_set_icon (source, icon, PICTOGRAM_SIZE / 2, PICTOGRAM_SIZE / 2);
  return gdk_content_provider_new_typed (G_TYPE_STRING, id);
}

static GtkWidget *
stamp_button_new (TfActorPanel *self,
                  TfStamp      *stamp)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (tf_stamp_get_name (stamp));
  GtkDragSource *source = gtk_drag_source_new ();
  g_autofree char *tooltip = g_strdup_printf ("%s\n%s", tf_stamp_get_name (stamp),
                                              _("Click, then click on the board to stamp; or drag it there"));

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), PICTOGRAM_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), PICTOGRAM_SIZE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_pictogram, g_object_ref (stamp),
                                  g_object_unref);
  gtk_widget_set_halign (area, GTK_ALIGN_CENTER);

  /* The whole name, on as many lines as it needs: "Secrétaire de
   * direction en mairie" is never cut. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 10);
  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_widget_add_css_class (label, "caption");

  gtk_box_append (GTK_BOX (box), area);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tf_stamp_get_name (stamp), -1);
  g_object_set_data_full (G_OBJECT (button), "stamp-id", g_strdup (tf_stamp_get_id (stamp)), g_free);
  g_object_set_data (G_OBJECT (button), "pictogram", area);
  g_signal_connect (button, "toggled", G_CALLBACK (stamp_toggled), self);

  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (stamp_drag_prepare), button);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (source));

  g_ptr_array_add (self->stamp_buttons, button);
  return button;
}

static GtkWidget *
family_group_new (TfActorPanel *self,
                  const char   *title,
                  guint32       color,
                  GPtrArray    *stamps)
{
  GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (header), swatch_new (color, 10));
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (group), header);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 2);
  for (guint i = 0; i < stamps->len; i++)
    {
      GtkWidget *button = stamp_button_new (self, g_ptr_array_index (stamps, i));

      gtk_flow_box_append (GTK_FLOW_BOX (flow), button);
      /* The flow box's children take no focus of their own: the buttons do. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  gtk_box_append (GTK_BOX (group), flow);
  return group;
}

static void
rebuild_palette (TfActorPanel *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search));
  g_autoptr(GPtrArray) found = tf_stamp_library_search (tf_stamp_library_get_default (), query);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->palette))) != NULL)
    gtk_box_remove (self->palette, child);
  g_ptr_array_set_size (self->stamp_buttons, 0);

  for (guint f = 0; f < tf_stamp_family_get_n (); f++)
    {
      const TfStampFamily *family = tf_stamp_family_get_nth (f);
      g_autoptr(GPtrArray) stamps = g_ptr_array_new ();

      for (guint i = 0; i < found->len; i++)
        {
          TfStamp *stamp = g_ptr_array_index (found, i);

          if (tf_stamp_get_family (stamp) == family)
            g_ptr_array_add (stamps, stamp);
        }
      if (stamps->len > 0)
        gtk_box_append (self->palette,
                        family_group_new (self, tf_stamp_family_get_name (family), family->color, stamps));
    }

  /* User stamps of a family this version does not know. */
  for (guint i = 0; i < found->len; i++)
    if (tf_stamp_get_family (g_ptr_array_index (found, i)) == NULL)
      g_ptr_array_add (others, g_ptr_array_index (found, i));
  if (others->len > 0)
    gtk_box_append (self->palette, family_group_new (self, _("Other"), 0x6b6b6b, others));

  if (found->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No stamp matches"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (self->palette, none);
    }
  sync_stamp_buttons (self);
}

/* Details of the selection. */

static TfItem *
shown_item (TfActorPanel *self)
{
  TfScene *scene;

  if (self->view == NULL || self->item_id == 0)
    return NULL;
  scene = tf_board_view_get_scene (self->view);
  return scene != NULL ? tf_scene_lookup (scene, self->item_id) : NULL;
}

static void
run (TfActorPanel *self,
     TfCommand    *command)
{
  g_autoptr(TfCommand) owned = command;

  tf_board_view_execute (self->view, owned);
}

static void
set_payload (TfActorPanel *self,
             const char   *key,
             const char   *value,
             const char   *label)
{
  TfItem *item = shown_item (self);
  g_autofree char *json = json_string (value);

  if (item == NULL)
    return;
  run (self, tf_command_set_payload_key (&item->id, 1, key, json, label));
}

static void
set_text_if_changed (GtkEditable *editable,
                     const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text) != 0)
    gtk_editable_set_text (editable, text != NULL ? text : "");
}

static void
show_details (TfActorPanel *self)
{
  g_autoptr(GArray) selection = NULL;
  TfScene *scene = self->view != NULL ? tf_board_view_get_scene (self->view) : NULL;
  TfItem *item = NULL;
  gboolean editable;

  if (scene != NULL)
    {
      selection = tf_board_view_get_selection (self->view);
      if (selection->len == 1)
        item = tf_scene_lookup (scene, g_array_index (selection, gint64, 0));
    }
  if (item != NULL && item->kind != &tf_stamp_kind && item->kind != &tf_link_kind &&
      item->kind != &tf_pool_kind)
    item = NULL;

  self->item_id = item != NULL ? item->id : 0;
  self->updating = TRUE;
  gtk_widget_set_visible (self->actor_box, item != NULL && item->kind == &tf_stamp_kind);
  gtk_widget_set_visible (self->link_box, item != NULL && item->kind == &tf_link_kind);
  gtk_widget_set_visible (self->pool_box, item != NULL && item->kind == &tf_pool_kind);
  gtk_widget_set_visible (self->details_hint, item == NULL);
  /* A read-only archive: the details show, greyed, and change nothing. */
  editable = self->view == NULL || tf_board_view_get_editable (self->view);
  gtk_widget_set_sensitive (self->actor_box, editable);
  gtk_widget_set_sensitive (self->link_box, editable);
  gtk_widget_set_sensitive (self->pool_box, editable);

  if (item == NULL)
    gtk_label_set_label (GTK_LABEL (self->details_title), _("Selection"));
  else if (item->kind == &tf_stamp_kind)
    {
      TfStampData *data = item->data;
      const TfStampFamily *family = tf_stamp_family_lookup (tf_stamp_item_get_family (item));
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->actor_notes);
      GtkTextIter start, end;
      g_autofree char *notes = NULL;

      gtk_label_set_label (GTK_LABEL (self->details_title), _("Actor"));
      gtk_label_set_label (GTK_LABEL (self->actor_family),
                           family != NULL ? tf_stamp_family_get_name (family) : _("Other"));
      self->actor_color = tf_actor_item_get_color (item);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->actor_swatch), draw_swatch,
                                      GUINT_TO_POINTER (self->actor_color), NULL);
      gtk_widget_queue_draw (self->actor_swatch);
      if (!gtk_widget_has_focus (GTK_WIDGET (self->actor_label)) &&
          !gtk_widget_is_focus (gtk_widget_get_first_child (GTK_WIDGET (self->actor_label))))
        set_text_if_changed (GTK_EDITABLE (self->actor_label), item->text);
      set_text_if_changed (GTK_EDITABLE (self->actor_role), data != NULL ? data->role : "");
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (notes, data != NULL ? data->notes : "") != 0)
        gtk_text_buffer_set_text (buffer, data != NULL && data->notes ? data->notes : "", -1);
    }
  else if (item->kind == &tf_link_kind)
    {
      TfLinkData *data = item->data;
      const char *relation = data != NULL && data->relation != NULL ? data->relation : "information";
      guint position = 0, n = 0;
      gboolean builtin = FALSE;

      gtk_label_set_label (GTK_LABEL (self->details_title), _("Link"));
      for (guint i = 0; i < tf_relation_get_n_builtin (); i++)
        {
          const TfRelationStyle *style = tf_relation_get_nth (i);

          if (g_strcmp0 (style->id, TF_RELATION_CUSTOM) == 0)
            continue;
          if (g_strcmp0 (style->id, relation) == 0)
            {
              position = n;
              builtin = TRUE;
            }
          n++;
        }
      gtk_drop_down_set_selected (self->relation, builtin ? position : n);
      gtk_widget_set_visible (GTK_WIDGET (self->relation_custom), !builtin);
      set_text_if_changed (GTK_EDITABLE (self->relation_custom), builtin ? "" : relation);
      gtk_drop_down_set_selected (self->direction, data != NULL ? (guint) data->direction : 0);
      set_text_if_changed (GTK_EDITABLE (self->link_label), data != NULL ? data->label : "");
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (self->details_title), _("Pool"));
      set_text_if_changed (GTK_EDITABLE (self->pool_name), item->text);
    }
  self->updating = FALSE;
}

static void
label_committed (TfActorPanel *self)
{
  TfItem *item = shown_item (self);
  GtkEditable *entry = GTK_EDITABLE (item != NULL && item->kind == &tf_pool_kind ? self->pool_name
                                                                                  : self->actor_label);
  const char *text = gtk_editable_get_text (entry);

  if (self->updating || item == NULL || g_strcmp0 (item->text, text) == 0)
    return;
  run (self, tf_command_set_item_text (item->id, text));
}

static void
role_committed (TfActorPanel *self)
{
  TfItem *item = shown_item (self);
  TfStampData *data = item != NULL && item->kind == &tf_stamp_kind ? item->data : NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->actor_role));

  if (self->updating || data == NULL || g_strcmp0 (data->role, text) == 0)
    return;
  set_payload (self, "role", text, _("Set Role"));
}

static void
notes_committed (TfActorPanel *self)
{
  TfItem *item = shown_item (self);
  TfStampData *data = item != NULL && item->kind == &tf_stamp_kind ? item->data : NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->actor_notes);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (self->updating || data == NULL || g_strcmp0 (data->notes, text) == 0)
    return;
  set_payload (self, "notes", text, _("Set Notes"));
}

static void
relation_chosen (TfActorPanel *self)
{
  TfItem *item = shown_item (self);
  TfLinkData *data = item != NULL && item->kind == &tf_link_kind ? item->data : NULL;
  guint selected = gtk_drop_down_get_selected (self->relation);
  const char *relation = NULL;
  guint n = 0;

  if (self->updating || data == NULL)
    return;
  for (guint i = 0; i < tf_relation_get_n_builtin (); i++)
    {
      const TfRelationStyle *style = tf_relation_get_nth (i);

      if (g_strcmp0 (style->id, TF_RELATION_CUSTOM) == 0)
        continue;
      if (n++ == selected)
        relation = style->id;
    }
  if (relation == NULL)
    {
      /* "Other…": the user names it. */
      gtk_widget_set_visible (GTK_WIDGET (self->relation_custom), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->relation_custom));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->relation_custom), FALSE);
  if (g_strcmp0 (data->relation, relation) != 0)
    set_payload (self, "relation", relation, _("Set Relation"));
}

static void
custom_relation_committed (TfActorPanel *self)
{
  TfItem *item = shown_item (self);
  TfLinkData *data = item != NULL && item->kind == &tf_link_kind ? item->data : NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->relation_custom))));

  if (self->updating || data == NULL || *text == '\0' || g_strcmp0 (data->relation, text) == 0)
    return;
  set_payload (self, "relation", text, _("Set Relation"));
}

static void
direction_chosen (TfActorPanel *self)
{
  TfItem *item = shown_item (self);
  TfLinkData *data = item != NULL && item->kind == &tf_link_kind ? item->data : NULL;
  TfLinkDirection direction = gtk_drop_down_get_selected (self->direction);

  if (self->updating || data == NULL || data->direction == direction)
    return;
  set_payload (self, "direction", tf_link_direction_to_id (direction), _("Set Direction"));
}

static void
link_label_committed (TfActorPanel *self)
{
  TfItem *item = shown_item (self);
  TfLinkData *data = item != NULL && item->kind == &tf_link_kind ? item->data : NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->link_label));

  if (self->updating || data == NULL || g_strcmp0 (data->label, text) == 0)
    return;
  set_payload (self, "label", text, _("Set Link Label"));
}

static void
pool_color_clicked (GtkButton    *button,
                    TfActorPanel *self)
{
  TfItem *item = shown_item (self);
  guint32 rgb = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "rgb"));
  g_autofree char *value = g_strdup_printf ("\"#%06x\"", rgb);

  if (item == NULL || item->kind != &tf_pool_kind)
    return;
  run (self, tf_command_set_style_key (&item->id, 1, "color", value, _("Pool Colour")));
}

/* Counts. */

static void
add_count (GtkGrid    *grid,
           int         row,
           GtkWidget  *mark,
           const char *name,
           guint       count)
{
  GtkWidget *label = gtk_label_new (name);
  g_autofree char *number = g_strdup_printf ("%u", count);
  GtkWidget *value = gtk_label_new (number);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (value, "numeric");
  gtk_grid_attach (grid, mark, 0, row, 1, 1);
  gtk_grid_attach (grid, label, 1, row, 1, 1);
  gtk_grid_attach (grid, value, 2, row, 1, 1);
}

static void
draw_relation (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  const TfRelationStyle *style = tf_relation_style_lookup (user_data);

  /* The legend's sample at half size: arrowheads scale with the line. */
  cairo_scale (cr, 0.5, 0.5);
  tf_link_draw_line (cr, style, TF_LINK_FORWARD, 2, height, 2 * width - 2, height, 2.0);
}

static void
update_counts (TfActorPanel *self)
{
  TfScene *scene = self->view != NULL ? tf_board_view_get_scene (self->view) : NULL;
  g_autoptr(TfLegend) legend = NULL;
  GtkWidget *child, *grid;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->counts))) != NULL)
    gtk_box_remove (self->counts, child);
  if (scene == NULL)
    return;

  legend = tf_legend_compute (scene);
  if (tf_legend_is_empty (legend))
    {
      GtkWidget *none = gtk_label_new (_("Nothing stamped yet"));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_box_append (self->counts, none);
      return;
    }

  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  for (guint i = 0; i < legend->families->len; i++)
    {
      const TfLegendFamily *entry = g_ptr_array_index (legend->families, i);
      const TfStampFamily *family = tf_stamp_family_lookup (entry->family);

      add_count (GTK_GRID (grid), row++, swatch_new (family != NULL ? family->color : 0x6b6b6b, 12),
                 family != NULL ? tf_stamp_family_get_name (family) : _("Other"), entry->count);
    }
  for (guint i = 0; i < legend->relations->len; i++)
    {
      const TfLegendRelation *entry = g_ptr_array_index (legend->relations, i);
      GtkWidget *sample = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (sample), 28);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (sample), 12);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (sample), draw_relation,
                                      g_strdup (entry->relation), g_free);
      if (row > 0 && i == 0)
        gtk_widget_set_margin_top (sample, 8);
      add_count (GTK_GRID (grid), row++, sample, tf_relation_get_name (entry->relation), entry->count);
    }
  gtk_box_append (self->counts, grid);
}

static void
view_items_changed (TfActorPanel *self)
{
  show_details (self);
  update_counts (self);
}

/* Building. */

static GtkWidget *
heading_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  return label;
}

static GtkWidget *
field_new (const char *title,
           GtkWidget  *field)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new_with_mnemonic (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), field);
  return box;
}

/* A field commits when activated and when the focus leaves it. */
static void
commit_on_leave (GtkWidget *widget,
                 GCallback  callback,
                 gpointer   self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_swapped (focus, "leave", callback, self);
  gtk_widget_add_controller (widget, focus);
  if (GTK_IS_ENTRY (widget))
    g_signal_connect_swapped (widget, "activate", callback, self);
}

static GtkEntry *
entry_new (void)
{
  return GTK_ENTRY (gtk_entry_new ());
}

static void
import_clicked (TfActorPanel *self)
{
  if (self->view != NULL)
    tf_stamp_import_start (self->view);
}

static void
build_details (TfActorPanel *self,
               GtkBox       *box)
{
  GtkWidget *family_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *scrolled, *colors;
  g_autoptr(GtkStringList) relations = gtk_string_list_new (NULL);
  const char * const directions[] = { _("One way"), _("Both ways"), _("No direction"), NULL };
  const TfNoteColor *palette;
  guint n_colors;

  self->details_title = heading_new (_("Selection"));
  gtk_box_append (box, self->details_title);
  self->details_hint = gtk_label_new (_("Select an actor, a link or a pool to edit it."));
  gtk_label_set_wrap (GTK_LABEL (self->details_hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->details_hint), 0);
  gtk_widget_add_css_class (self->details_hint, "dim-label");
  gtk_box_append (box, self->details_hint);

  /* An actor. */
  self->actor_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  self->actor_swatch = swatch_new (0x6b6b6b, 14);
  self->actor_family = gtk_label_new ("");
  gtk_label_set_xalign (GTK_LABEL (self->actor_family), 0);
  gtk_box_append (GTK_BOX (family_row), self->actor_swatch);
  gtk_box_append (GTK_BOX (family_row), self->actor_family);
  gtk_box_append (GTK_BOX (self->actor_box), family_row);
  self->actor_label = entry_new ();
  commit_on_leave (GTK_WIDGET (self->actor_label), G_CALLBACK (label_committed), self);
  gtk_box_append (GTK_BOX (self->actor_box), field_new (_("_Label"), GTK_WIDGET (self->actor_label)));
  self->actor_role = entry_new ();
  gtk_entry_set_placeholder_text (self->actor_role, _("What they do here"));
  commit_on_leave (GTK_WIDGET (self->actor_role), G_CALLBACK (role_committed), self);
  gtk_box_append (GTK_BOX (self->actor_box), field_new (_("_Role"), GTK_WIDGET (self->actor_role)));
  self->actor_notes = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->actor_notes, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->actor_notes, 6);
  gtk_text_view_set_bottom_margin (self->actor_notes, 6);
  gtk_text_view_set_left_margin (self->actor_notes, 6);
  gtk_text_view_set_right_margin (self->actor_notes, 6);
  commit_on_leave (GTK_WIDGET (self->actor_notes), G_CALLBACK (notes_committed), self);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->actor_notes));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 72);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (self->actor_box), field_new (_("_Notes"), scrolled));
  gtk_box_append (box, self->actor_box);

  /* A link. */
  self->link_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  for (guint i = 0; i < tf_relation_get_n_builtin (); i++)
    {
      const TfRelationStyle *style = tf_relation_get_nth (i);

      if (g_strcmp0 (style->id, TF_RELATION_CUSTOM) != 0)
        gtk_string_list_append (relations, tf_relation_get_name (style->id));
    }
  gtk_string_list_append (relations, _("Other…"));
  self->relation = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (relations)), NULL));
  g_signal_connect_swapped (self->relation, "notify::selected", G_CALLBACK (relation_chosen), self);
  gtk_box_append (GTK_BOX (self->link_box), field_new (_("_Relation"), GTK_WIDGET (self->relation)));
  self->relation_custom = entry_new ();
  gtk_entry_set_placeholder_text (self->relation_custom, _("Name of the relation"));
  commit_on_leave (GTK_WIDGET (self->relation_custom), G_CALLBACK (custom_relation_committed), self);
  gtk_box_append (GTK_BOX (self->link_box), GTK_WIDGET (self->relation_custom));
  self->direction = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (directions));
  g_signal_connect_swapped (self->direction, "notify::selected", G_CALLBACK (direction_chosen), self);
  gtk_box_append (GTK_BOX (self->link_box), field_new (_("_Direction"), GTK_WIDGET (self->direction)));
  self->link_label = entry_new ();
  gtk_entry_set_placeholder_text (self->link_label, _("Optional"));
  commit_on_leave (GTK_WIDGET (self->link_label), G_CALLBACK (link_label_committed), self);
  gtk_box_append (GTK_BOX (self->link_box), field_new (_("_Label"), GTK_WIDGET (self->link_label)));
  gtk_box_append (box, self->link_box);

  /* A pool. */
  self->pool_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  self->pool_name = entry_new ();
  commit_on_leave (GTK_WIDGET (self->pool_name), G_CALLBACK (label_committed), self);
  gtk_box_append (GTK_BOX (self->pool_box), field_new (_("_Name"), GTK_WIDGET (self->pool_name)));
  colors = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  palette = tf_note_colors (&n_colors);
  for (guint i = 0; i < n_colors; i++)
    {
      GtkWidget *button = gtk_button_new ();

      gtk_button_set_child (GTK_BUTTON (button), swatch_new (palette[i].rgb, 18));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, _(palette[i].label));
      g_object_set_data (G_OBJECT (button), "rgb", GUINT_TO_POINTER (palette[i].rgb));
      g_signal_connect (button, "clicked", G_CALLBACK (pool_color_clicked), self);
      gtk_box_append (GTK_BOX (colors), button);
    }
  gtk_box_append (GTK_BOX (self->pool_box), field_new (_("Colour"), colors));
  gtk_box_append (box, self->pool_box);

  gtk_widget_set_visible (self->actor_box, FALSE);
  gtk_widget_set_visible (self->link_box, FALSE);
  gtk_widget_set_visible (self->pool_box, FALSE);
}

static void
tf_actor_panel_dispose (GObject *object)
{
  TfActorPanel *self = TF_ACTOR_PANEL (object);

  tf_actor_panel_set_view (self, NULL);
  g_clear_pointer (&self->stamp_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (tf_actor_panel_parent_class)->dispose (object);
}

static TfBoardView *
tf_actor_panel_get_board_view (TfBoardPanel *panel)
{
  return tf_actor_panel_get_view (TF_ACTOR_PANEL (panel));
}

static void
tf_actor_panel_set_board_view (TfBoardPanel *panel,
                                TfBoardView  *view)
{
  tf_actor_panel_set_view (TF_ACTOR_PANEL (panel), view);
}

static void
tf_actor_panel_class_init (TfActorPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_actor_panel_dispose;
  TF_BOARD_PANEL_CLASS (klass)->get_view = tf_actor_panel_get_board_view;
  TF_BOARD_PANEL_CLASS (klass)->set_view = tf_actor_panel_set_board_view;

  gtk_widget_class_set_css_name (widget_class, "actorpanel");
}

static GtkWidget *
scrolled_new (GtkWidget *child)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_set_margin_top (child, 12);
  gtk_widget_set_margin_bottom (child, 18);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), child);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  return scrolled;
}

static void
tf_actor_panel_init (TfActorPanel *self)
{
  GtkWidget *paned = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *palette_scrolled, *details_scrolled, *hint;

  self->stamp_buttons = g_ptr_array_new ();
  /* Narrow enough for an 800 × 600 window to keep most of it for the map. */
  gtk_widget_set_size_request (GTK_WIDGET (self), PANEL_WIDTH, -1);
  gtk_widget_add_css_class (GTK_WIDGET (self), "insight-panel");

  /* Above, the palette, which scrolls on its own; below, what is selected
   * and the counts, always in sight. */
  gtk_box_append (GTK_BOX (header), heading_new (_("Stamps")));
  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search, "placeholder-text", _("Find a stamp"), NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->search),
                               _("Names, families and keywords, in French or English"));
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (rebuild_palette), self);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->search));
  /* The stamps first, then how to use them: in a short window the hint
   * scrolls away, never the stamps. */
  self->palette = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->palette));
  hint = gtk_label_new (_("Drag a stamp onto the board, or click it and then click on the board "
                          "as many times as needed (Escape stops). To link two actors, drag "
                          "from the edge of one to the other, or hold Ctrl, or press L."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (top), hint);
  {
    GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import a Pictogram…"));

    gtk_widget_set_tooltip_text (import, _("Add your own SVG drawing to the stamps"));
    gtk_widget_set_halign (import, GTK_ALIGN_START);
    g_signal_connect_swapped (import, "clicked", G_CALLBACK (import_clicked), self);
    gtk_box_append (GTK_BOX (top), import);
  }
  palette_scrolled = scrolled_new (top);
  gtk_widget_set_margin_top (top, 0);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (palette_scrolled), FALSE);
  gtk_widget_set_size_request (palette_scrolled, -1, PALETTE_MIN_HEIGHT);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);

  build_details (self, GTK_BOX (details));
  gtk_box_append (GTK_BOX (bottom), details);
  gtk_box_append (GTK_BOX (bottom), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (bottom), heading_new (_("Counts")));
  self->counts = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->counts));

  details_scrolled = scrolled_new (bottom);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (details_scrolled), 360);
  gtk_widget_set_vexpand (palette_scrolled, TRUE);
  gtk_box_append (GTK_BOX (paned), header);
  gtk_box_append (GTK_BOX (paned), palette_scrolled);
  gtk_box_append (GTK_BOX (paned), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (paned), details_scrolled);
  adw_bin_set_child (ADW_BIN (self), paned);

  rebuild_palette (self);
  g_signal_connect_object (tf_stamp_library_get_default (), "items-changed",
                           G_CALLBACK (rebuild_palette), self, G_CONNECT_SWAPPED);
  /* An archive's pictogram shows as soon as its drawing passed its check. */
  g_signal_connect_object (tf_stamp_library_get_default (), "stamp-verified",
                           G_CALLBACK (rebuild_palette), self, G_CONNECT_SWAPPED);
}

GtkWidget *
tf_actor_panel_new (void)
{
  return g_object_new (TF_TYPE_ACTOR_PANEL, NULL);
}

TfBoardView *
tf_actor_panel_get_view (TfActorPanel *self)
{
  g_return_val_if_fail (TF_IS_ACTOR_PANEL (self), NULL);

  return self->view;
}

void
tf_actor_panel_set_view (TfActorPanel *self,
                         TfBoardView  *view)
{
  g_return_if_fail (TF_IS_ACTOR_PANEL (self));
  g_return_if_fail (view == NULL || TF_IS_BOARD_VIEW (view));

  if (self->view == view)
    return;
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_object (&self->view, view);
  if (view != NULL)
    {
      g_signal_connect_object (view, "selection-changed", G_CALLBACK (show_details), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "items-changed", G_CALLBACK (view_items_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::board-id", G_CALLBACK (view_items_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::stamp-tool", G_CALLBACK (sync_stamp_buttons), self,
                               G_CONNECT_SWAPPED);
    }
  view_items_changed (self);
  sync_stamp_buttons (self);
  g_object_notify (G_OBJECT (self), "view");
}
