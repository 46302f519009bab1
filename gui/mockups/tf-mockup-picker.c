/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-picker"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "core/tf-asset-source.h"
#include "core/tf-history.h"
#include "gui/tf-board-view-private.h"
#include "gui/tf-widget-util.h"
#include "mockups/tf-mockup-images.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-pixels.h"
#include "tf-mockup-gui.h"

/* Which image goes on a photo: "Choose a File…" first, then the photos
 * and placed images the experiment's mockups already hold, each drawn
 * small (by the sandboxed helper, through the pixels' cache) with its
 * name. A grid: the arrows move, Enter or a click chooses, Escape
 * closes. */

#define THUMB_W 160
#define THUMB_H 120

typedef struct {
  TfBoardView   *view;      /* weak */
  gint64         photo_id;
  GtkWidget     *window;
  GtkWidget     *grid;
  GPtrArray     *images;    /* TfMkImage, the grid's children from the second on */
  GPtrArray     *pictures;  /* GtkPicture, one per image */
  TfAssetSource *assets;
  gulong         ready_handler;
} Picker;

static void
picker_free (Picker *picker)
{
  g_clear_signal_handler (&picker->ready_handler, tf_mk_pixels_get_default ());
  g_clear_weak_pointer (&picker->view);
  g_clear_pointer (&picker->images, g_ptr_array_unref);
  g_clear_pointer (&picker->pictures, g_ptr_array_unref);
  g_clear_pointer (&picker->assets, tf_asset_source_unref);
  g_free (picker);
}

/* Draws image @i in its picture when its pixels are there; asks for them
 * otherwise (::ready comes back here). */
static void
show_thumb (Picker *picker,
            guint   i)
{
  const TfMkImage *image = g_ptr_array_index (picker->images, i);
  GtkWidget *picture = g_ptr_array_index (picker->pictures, i);
  TfRenderContext ctx = { .scale = 1.0, .assets = picker->assets };
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gboolean pending = FALSE;
  cairo_surface_t *pixels;

  if (gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL &&
      g_object_get_data (G_OBJECT (picture), "final") != NULL)
    return;
  pixels = tf_mk_pixels_get (tf_mk_pixels_get_default (), &ctx, image->asset, image->page, TF_MK_PIXELS_MIN_SIDE,
                             TF_MK_PIXELS_SCREEN, &pending, &error);
  if (pixels == NULL)
    {
      if (!pending)
        {
          /* Nothing to draw: the name says what it is. */
          gtk_widget_set_tooltip_text (picture, error != NULL ? error->message : NULL);
          g_object_set_data (G_OBJECT (picture), "final", GINT_TO_POINTER (1));
        }
      return;
    }
  /* Drawn at the tile's size: a picture asks for its image's own size. */
  {
    int w = cairo_image_surface_get_width (pixels), h = cairo_image_surface_get_height (pixels);
    double scale = MIN (1.0, MIN ((double) THUMB_W / MAX (w, 1), (double) THUMB_H / MAX (h, 1)));
    cairo_surface_t *thumb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, MAX (1, (int) (w * scale)),
                                                         MAX (1, (int) (h * scale)));
    cairo_t *cr = cairo_create (thumb);

    cairo_scale (cr, scale, scale);
    cairo_set_source_surface (cr, pixels, 0, 0);
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
    cairo_paint (cr);
    cairo_destroy (cr);
    texture = tf_texture_new_for_surface (thumb);
    cairo_surface_destroy (thumb);
  }
  cairo_surface_destroy (pixels);
  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  if (!pending)
    g_object_set_data (G_OBJECT (picture), "final", GINT_TO_POINTER (1));
}

static void
on_ready (TfMkPixels *pixels,
          gint64      asset_id,
          Picker     *picker)
{
  for (guint i = 0; i < picker->images->len; i++)
    if (((TfMkImage *) g_ptr_array_index (picker->images, i))->asset == asset_id)
      show_thumb (picker, i);
}

static void
on_activated (GtkFlowBox      *grid,
              GtkFlowBoxChild *child,
              Picker          *picker)
{
  int index = gtk_flow_box_child_get_index (child);
  TfBoardView *view = picker->view;
  gint64 photo = picker->photo_id;

  if (view == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (picker->window));
      return;
    }
  if (index == 0)
    {
      gtk_window_destroy (GTK_WINDOW (picker->window));
      tf_mockup_gui_choose_place_file (view, photo);
    }
  else if (index > 0 && (guint) index <= picker->images->len)
    {
      const TfMkImage *image = g_ptr_array_index (picker->images, index - 1);
      gint64 asset = image->asset;
      int page = image->page;

      gtk_window_destroy (GTK_WINDOW (picker->window));
      tf_mockup_gui_place_asset (view, photo, asset, page);
    }
}

static GtkWidget *
tile_new (GtkWidget  *top,
          const char *name,
          const char *detail)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *child = gtk_flow_box_child_new ();

  GtkWidget *frame = gtk_center_box_new ();

  /* A space of the thumbnail's size, the image at its own size centred
   * in it (never stretched). */
  gtk_widget_set_size_request (frame, THUMB_W, THUMB_H);
  gtk_widget_set_vexpand (frame, FALSE);
  gtk_widget_set_halign (top, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (top, GTK_ALIGN_CENTER);
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (frame), top);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_box_append (GTK_BOX (box), label);
  if (detail != NULL && detail[0] != '\0')
    {
      GtkWidget *sub = gtk_label_new (detail);

      gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
      gtk_label_set_justify (GTK_LABEL (sub), GTK_JUSTIFY_CENTER);
      gtk_label_set_max_width_chars (GTK_LABEL (sub), 20);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_widget_add_css_class (sub, "caption");
      gtk_box_append (GTK_BOX (box), sub);
    }
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return child;
}

static gboolean
close_picker (GtkWidget *widget,
              GVariant  *args,
              gpointer   data)
{
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

void
tf_mockup_picker_show (TfBoardView *view,
                       gint64       photo_id)
{
  TfScene *scene = tf_board_view_get_scene (view);
  TfStore *store = view->history != NULL ? tf_history_get_store (view->history) : NULL;
  TfItem *photo_item = scene != NULL ? tf_scene_lookup (scene, photo_id) : NULL;
  const TfMkPhoto *photo = photo_item != NULL ? tf_mk_photo_item_get (photo_item) : NULL;
  TfAssetSource *assets = view->canvas.renderer != NULL ? tf_renderer_get_assets (view->canvas.renderer) : NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (view));
  GtkWidget *header, *content, *intro, *scrolled, *icon;
  GtkEventController *shortcuts;
  Picker *picker;

  if (store != NULL && scene != NULL && photo != NULL && assets != NULL)
    images = tf_mk_images_list (store, scene, photo->asset, photo->page, &error);
  if (error != NULL)
    g_debug ("No images listed: %s", error->message);
  /* Nothing else in the experiment: the file chooser at once. */
  if (images == NULL || images->len == 0)
    {
      tf_mockup_gui_choose_place_file (view, photo_id);
      return;
    }

  picker = g_new0 (Picker, 1);
  g_set_weak_pointer (&picker->view, view);
  picker->photo_id = photo_id;
  picker->images = g_steal_pointer (&images);
  picker->pictures = g_ptr_array_new ();
  picker->assets = tf_asset_source_ref (assets);

  picker->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (picker->window), _("Place an Image on the Photo"));
  gtk_window_set_modal (GTK_WINDOW (picker->window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (picker->window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (picker->window), GTK_WINDOW (root));
  /* Three images a line, inside the window even at 800 × 600. */
  {
    int width = 760, height = 560;

    if (GTK_IS_WIDGET (root) && gtk_widget_get_width (GTK_WIDGET (root)) > 0)
      {
        width = MIN (width, gtk_widget_get_width (GTK_WIDGET (root)) - 40);
        height = MIN (height, gtk_widget_get_height (GTK_WIDGET (root)) - 40);
      }
    gtk_window_set_default_size (GTK_WINDOW (picker->window), MAX (width, 360), MAX (height, 300));
  }
  header = adw_header_bar_new ();
  gtk_window_set_titlebar (GTK_WINDOW (picker->window), header);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (close_picker, NULL, NULL)));
  gtk_widget_add_controller (picker->window, shortcuts);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  intro = gtk_label_new (_("An image this experiment holds already, or a file. "
                           "Its four corners can be moved once it is placed."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_set_margin_start (intro, 18);
  gtk_widget_set_margin_end (intro, 18);
  gtk_widget_set_margin_top (intro, 12);
  gtk_box_append (GTK_BOX (content), intro);

  picker->grid = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (picker->grid), GTK_SELECTION_BROWSE);
  gtk_flow_box_set_activate_on_single_click (GTK_FLOW_BOX (picker->grid), TRUE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (picker->grid), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (picker->grid), 3);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (picker->grid), 8);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (picker->grid), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (picker->grid), 6);
  gtk_widget_set_valign (picker->grid, GTK_ALIGN_START);
  gtk_widget_set_margin_start (picker->grid, 12);
  gtk_widget_set_margin_end (picker->grid, 12);
  gtk_widget_set_margin_bottom (picker->grid, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picker->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Images to place"), -1);

  icon = gtk_image_new_from_icon_name ("document-open-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 48);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_flow_box_append (GTK_FLOW_BOX (picker->grid),
                       tile_new (icon, _("Choose a File…"), _("A photo, an image or a page of a PDF")));
  for (guint i = 0; i < picker->images->len; i++)
    {
      const TfMkImage *image = g_ptr_array_index (picker->images, i);
      GtkWidget *picture = gtk_picture_new ();

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
      g_ptr_array_add (picker->pictures, picture);
      gtk_flow_box_append (GTK_FLOW_BOX (picker->grid), tile_new (picture, image->name, image->board));
    }
  g_signal_connect (picker->grid, "child-activated", G_CALLBACK (on_activated), picker);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), picker->grid);
  gtk_box_append (GTK_BOX (content), scrolled);
  gtk_window_set_child (GTK_WINDOW (picker->window), content);
  g_object_set_data_full (G_OBJECT (picker->window), "tf-picker", picker, (GDestroyNotify) picker_free);

  picker->ready_handler = g_signal_connect (tf_mk_pixels_get_default (), "ready", G_CALLBACK (on_ready), picker);
  for (guint i = 0; i < picker->images->len; i++)
    show_thumb (picker, i);

  gtk_window_present (GTK_WINDOW (picker->window));
  /* The keyboard on "Choose a File…", the arrows to the images. */
  {
    GtkFlowBoxChild *first = gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (picker->grid), 0);

    gtk_flow_box_select_child (GTK_FLOW_BOX (picker->grid), first);
    gtk_widget_grab_focus (GTK_WIDGET (first));
  }
}
