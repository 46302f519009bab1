/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-mockup-panel"

#include <glib/gi18n.h>
#include <math.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-item.h"
#include "canvas/tf-scene.h"
#include "core/tf-board-type.h"
#include "core/tf-history.h"
#include "core/tf-stamp-rows.h"
#include "mockups/tf-decode.h"
#include "mockups/tf-mockup-commands.h"
#include "mockups/tf-mockup-items.h"
#include "mockups/tf-mockup-kinds.h"
#include "mockups/tf-mockup-links.h"
#include "mockups/tf-mockup-model.h"
#include "mockups/tf-mockup-outputs.h"
#include "mockups/tf-mockup-pair.h"
#include "stamps/tf-actor-items.h"
#include "stamps/tf-stamp-library.h"
#include "gui/tf-text-field.h"
#include "gui/mockups/tf-mockup-gui.h"
#include "gui/mockups/tf-mockup-panel.h"

/* The panel is rebuilt from the scene whenever the selection or the items
 * change (an edit, undo, redo), at the next idle moment; a field that had
 * the focus gets it back, with what was typed in it. Typed fields commit
 * when activated or left: a name on Enter; a text of several sentences
 * (a legend, what a post-it or a bubble says) is a field of several lines
 * (TfTextField) that keeps it on Ctrl+Enter, or on Enter where the text is
 * one paragraph (a legend, a caption). */

struct _TfMockupPanel
{
  TfBoardPanel  parent_instance;

  TfBoardView  *view;
  guint         refresh_source;
  gboolean      updating;
  GCancellable *decode;           /* a replacement image being read */
  gint64        decode_place;
  char         *place_error;      /* the last replacement's refusal */

  GtkStack     *stack;
  GtkBox       *details_box;

  GdkSurface   *surface;          /* its window's, while realized */
  guint         width_source;
};

/* The panel's width: at most a quarter of the window's or so. A window
 * narrower than NARROW_WINDOW (800 × 600) leaves the board most of its
 * width with a narrower panel, its labels wrapping at words. */
#define PANEL_WIDTH        300
#define PANEL_NARROW_WIDTH 240
#define NARROW_WINDOW      1000

G_DEFINE_FINAL_TYPE (TfMockupPanel, tf_mockup_panel, TF_TYPE_BOARD_PANEL)

static void queue_refresh (TfMockupPanel *self);

static TfScene *
scene_of (TfMockupPanel *self)
{
  return self->view != NULL ? tf_board_view_get_scene (self->view) : NULL;
}

static TfStore *
store_of (TfMockupPanel *self)
{
  TfHistory *history = self->view != NULL ? tf_board_view_get_history (self->view) : NULL;

  return history != NULL ? tf_history_get_store (history) : NULL;
}

static gboolean
run (TfMockupPanel *self,
     TfCommand     *command)
{
  g_autoptr(TfCommand) owned = command;

  if (self->view == NULL || owned == NULL || self->updating)
    return FALSE;
  /* Settled like the board's own edits: what sits on a photo follows it. */
  return tf_mockup_gui_run (self->view, g_steal_pointer (&owned));
}

static gboolean
is_kind (const TfItem *item,
         const char   *kind_id)
{
  return item != NULL && item->kind != NULL && item->data != NULL && g_strcmp0 (item->kind_id, kind_id) == 0;
}

/* The photo an annotation or a placement sits on. */
static gint64
photo_of (const TfItem *item)
{
  if (is_kind (item, TF_MK_PLACE_KIND))
    return ((const TfMkPlace *) item->data)->photo;
  if (is_kind (item, TF_MK_CALLOUT_KIND))
    return ((const TfMkCallout *) item->data)->photo;
  if (is_kind (item, TF_MK_BUBBLE_KIND))
    return ((const TfMkBubble *) item->data)->photo;
  if (is_kind (item, TF_MK_BLUR_KIND))
    return ((const TfMkBlur *) item->data)->photo;
  return 0;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const TfItem *x = *(TfItem * const *) a;
  const TfItem *y = *(TfItem * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

/* The board's photos, by id (borrowed). */
static GPtrArray *
board_photos (TfScene *scene)
{
  GPtrArray *items = tf_scene_get_items (scene);
  GPtrArray *photos = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    if (tf_mk_photo_item_get (g_ptr_array_index (items, i)) != NULL)
      g_ptr_array_add (photos, g_ptr_array_index (items, i));
  g_ptr_array_sort (photos, compare_ids);
  return photos;
}

/* The name of the file asset @asset_id came from, NULL when it came with
 * none (a pasted image) or cannot be read. */
static char *
asset_name (TfMockupPanel *self,
            gint64         asset_id)
{
  TfStore *store = store_of (self);
  g_autoptr(GError) error = NULL;
  char *name = NULL;

  if (store == NULL || asset_id <= 0)
    return NULL;
  if (!tf_asset_rows_name_of (store, asset_id, &name, &error))
    {
      g_warning ("%s", error->message);
      return NULL;
    }
  if (name != NULL && name[0] == '\0')
    g_clear_pointer (&name, g_free);
  return name;
}

/* "Photo 2 · bureau.jpg": the photos are numbered by their rank on the
 * board (tf_mockup_photo_number(), as the printed key numbers them), and
 * named by their own name, given here, else by the file they came from
 * when it had a name (tf_mockup_photo_heading()). */
static char *
photo_name (TfMockupPanel *self,
            TfScene       *scene,
            gint64         photo_id)
{
  TfItem *item = tf_scene_lookup (scene, photo_id);
  g_autofree char *file = NULL;

  if (item == NULL || tf_mockup_photo_number (scene, photo_id) == 0 || tf_mk_photo_item_get (item) == NULL)
    return g_strdup (_("No photo"));
  if (item->text == NULL || item->text[0] == '\0')
    file = asset_name (self, tf_mk_photo_item_get (item)->asset);
  return tf_mockup_photo_heading (scene, item, file);
}

/* Widgets. */

static GtkWidget *
group_new (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static GtkWidget *
row_new (const char *title,
         const char *subtitle,
         const char *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (icon != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  return row;
}

/* The panel's mnemonics are the window's: they take Alt+letter before
 * the board, so none may be a letter of the board's own Alt keys (A, B,
 * C, N, S, T: an arrow, a bubble, a callout, a note, a pictogram, a
 * label; Q: aim a bubble's tail), in English as in French. */
static GtkWidget *
button_new (const char *label,
            const char *name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

/* A button's label that wraps at words, centred, when its button gets
 * less than the label's width on one line. */
static void
label_wraps (GtkWidget *button)
{
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
}

/* Typed fields: a key names each ("text:12"), so that the focus can come
 * back to it after a rebuild. */

static void
commit_text (TfMockupPanel *self,
             GtkWidget     *field,
             const char    *text)
{
  gint64 *id = g_object_get_data (G_OBJECT (field), "item-id");
  TfScene *scene = scene_of (self);
  TfItem *item = scene != NULL && id != NULL ? tf_scene_lookup (scene, *id) : NULL;

  if (self->updating || item == NULL || g_strcmp0 (item->text != NULL ? item->text : "", text) == 0)
    return;
  /* Committed: no longer what was typed and not stored yet. A photo's
   * text is its name, set by a command of its own ("Name a photo"). */
  if (run (self, tf_mk_photo_item_get (item) != NULL ? tf_mk_command_set_photo_name (item->id, text)
                                                      : tf_command_set_item_text (item->id, text)) &&
      GTK_IS_EDITABLE (field))
    g_object_set_data_full (G_OBJECT (field), "shown-text", g_strdup (text), g_free);
}

static void
field_left (GtkEventControllerFocus *controller,
            TfMockupPanel           *self)
{
  GtkWidget *field = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  commit_text (self, field, gtk_editable_get_text (GTK_EDITABLE (field)));
}

static void
field_activated (GtkWidget     *widget,
                 TfMockupPanel *self)
{
  commit_text (self, widget, gtk_editable_get_text (GTK_EDITABLE (widget)));
}

static void
text_committed (TfTextField   *field,
                const char    *text,
                TfMockupPanel *self)
{
  commit_text (self, GTK_WIDGET (field), text);
}

static void
field_keys (GtkWidget    *field,
            const TfItem *item)
{
  g_autofree char *key = g_strdup_printf ("text:%" G_GINT64_FORMAT, item->id);

  g_object_set_data_full (G_OBJECT (field), "item-id", g_memdup2 (&item->id, sizeof (gint64)), g_free);
  g_object_set_data_full (G_OBJECT (field), "field-key", g_steal_pointer (&key), g_free);
}

/* A name: one line, kept on Enter or when left. */
static void
text_field_setup (TfMockupPanel *self,
                  GtkWidget     *editable,
                  const TfItem  *item)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_editable_set_text (GTK_EDITABLE (editable), item->text != NULL ? item->text : "");
  g_object_set_data_full (G_OBJECT (editable), "shown-text", g_strdup (item->text != NULL ? item->text : ""),
                          g_free);
  field_keys (editable, item);
  g_signal_connect (focus, "leave", G_CALLBACK (field_left), self);
  gtk_widget_add_controller (editable, focus);
  g_signal_connect (editable, ADW_IS_ENTRY_ROW (editable) ? "entry-activated" : "activate",
                    G_CALLBACK (field_activated), self);
}

/* A text of a few sentences: wrapped over the panel's width, as tall as
 * it is up to TEXT_LINES lines, then scrolled. */
#define TEXT_LINES 6

static GtkWidget *
long_text_new (TfMockupPanel *self,
               const TfItem  *item,
               const char    *title,
               gboolean       one_paragraph)
{
  GtkWidget *field = g_object_new (TF_TYPE_TEXT_FIELD, "title", title, NULL);

  tf_text_field_set_one_paragraph (TF_TEXT_FIELD (field), one_paragraph);
  tf_text_field_set_max_lines (TF_TEXT_FIELD (field), TEXT_LINES);
  tf_text_field_set_text (TF_TEXT_FIELD (field), item->text != NULL ? item->text : "");
  field_keys (field, item);
  g_signal_connect (field, "commit", G_CALLBACK (text_committed), self);
  return field;
}

/* A photo. */

static void
people_toggled (GtkSwitch     *sw,
                GParamSpec    *pspec,
                TfMockupPanel *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (sw), "item-id");

  (void) pspec;
  if (!self->updating && id != NULL)
    run (self, tf_mk_command_set_people_visible (*id, gtk_switch_get_active (sw)));
}

static void
consent_response (AdwMessageDialog *dialog,
                  const char       *response,
                  TfMockupPanel    *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (dialog), "item-id");

  if (g_strcmp0 (response, "record") == 0 && id != NULL)
    run (self, tf_mk_command_set_consent (*id, TRUE));
}

static void
consent_clicked (GtkButton     *button,
                 TfMockupPanel *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "item-id");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (id == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Record Consent?"),
                                   _("Record in the archive that the people who can be recognised on this photo "
                                     "agreed to be shown. The photo can then be exported without blurring their "
                                     "faces."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record Consent"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "item-id", g_memdup2 (id, sizeof (gint64)), g_free);
  gtk_widget_set_name (dialog, "consent-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (consent_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
withdraw_clicked (GtkButton     *button,
                  TfMockupPanel *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "item-id");

  if (id != NULL)
    run (self, tf_mk_command_set_consent (*id, FALSE));
}

static void
original_selected (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   TfMockupPanel *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "item-id");
  GArray *choices = g_object_get_data (G_OBJECT (row), "choices");
  guint selected = adw_combo_row_get_selected (row);

  (void) pspec;
  if (self->updating || id == NULL || choices == NULL || selected >= choices->len)
    return;
  run (self, tf_mk_command_set_original (*id, g_array_index (choices, gint64, selected)));
}

/* Opens the citing card's board, the card selected and in view. */
static void
cited_activated (GtkListBox    *list,
                 GtkListBoxRow *row,
                 TfMockupPanel *self)
{
  gint64 *board_id = g_object_get_data (G_OBJECT (row), "board-id");
  gint64 *item_id = g_object_get_data (G_OBJECT (row), "item-id");
  g_autoptr(TfBoardView) view = self->view != NULL ? g_object_ref (self->view) : NULL;
  gint64 card, board;

  (void) list;
  if (view == NULL || board_id == NULL || item_id == NULL)
    return;
  /* The rows go once the other board shows: their ids are copied first. */
  card = *item_id;
  board = *board_id;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-board", "x", board);
  if (tf_board_view_get_board_id (view) != board)
    return;
  tf_board_view_select (view, &card, 1);
  tf_board_view_reveal_item (view, card);
}

static void
set_id (gpointer object,
        gint64   id)
{
  g_object_set_data_full (G_OBJECT (object), "item-id", g_memdup2 (&id, sizeof (gint64)), g_free);
}

static char *
consent_date (const char *at)
{
  g_autoptr(GDateTime) utc = at != NULL && at[0] != '\0' ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  /* ISO 8601: read the same in every language. */
  return local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup (at != NULL ? at : "");
}

static int
compare_callouts (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  TfScene *scene = user_data;

  return tf_mk_callout_number (scene, *(TfItem * const *) a) - tf_mk_callout_number (scene, *(TfItem * const *) b);
}

static void
add_legend (TfMockupPanel *self,
            TfScene       *scene,
            const TfItem  *photo)
{
  GPtrArray *items = tf_scene_get_items (scene);
  g_autoptr(GPtrArray) callouts = g_ptr_array_new ();
  GtkWidget *group;

  for (guint i = 0; i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);

      if (is_kind (item, TF_MK_CALLOUT_KIND) && photo_of (item) == photo->id)
        g_ptr_array_add (callouts, item);
    }
  g_ptr_array_sort_with_data (callouts, compare_callouts, scene);
  group = group_new (_("Legend"), callouts->len == 0 ? _("Number what matters on the photo with callouts: "
                                                          "their texts make the legend beside it.") : NULL);
  gtk_box_append (self->details_box, group);
  for (guint i = 0; i < callouts->len; i++)
    {
      TfItem *callout = g_ptr_array_index (callouts, i);
      g_autofree char *title = g_strdup_printf (_("Callout %d"), tf_mk_callout_number (scene, callout));
      GtkWidget *field = long_text_new (self, callout, title, TRUE);

      gtk_widget_set_name (field, "legend-row");
      if (i > 0)
        gtk_widget_set_margin_top (field, 12);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field);
    }
}

static void
add_pairing (TfMockupPanel *self,
             TfScene       *scene,
             const TfItem  *photo)
{
  g_autoptr(GPtrArray) photos = board_photos (scene);
  GtkStringList *names = gtk_string_list_new (NULL);
  GArray *choices = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *group = group_new (_("Before / After"), _("The photo before the montage, shown beside it in exports"));
  GtkWidget *row = adw_combo_row_new ();
  const TfMkPhoto *own = tf_mk_photo_item_get (photo);
  guint selected = 0;
  gint64 none = 0;

  gtk_string_list_append (names, _("None"));
  g_array_append_val (choices, none);
  for (guint i = 0; i < photos->len; i++)
    {
      TfItem *other = g_ptr_array_index (photos, i);
      const TfMkPhoto *data = tf_mk_photo_item_get (other);
      g_autofree char *name = photo_name (self, scene, other->id);

      if (other->id == photo->id)
        continue;
      if (data->before_of == photo->id)
        selected = choices->len;
      gtk_string_list_append (names, name);
      g_array_append_val (choices, other->id);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Original photo"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  g_object_unref (names);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data_full (G_OBJECT (row), "choices", choices, (GDestroyNotify) g_array_unref);
  set_id (row, photo->id);
  gtk_widget_set_name (row, "original-row");
  gtk_widget_set_sensitive (row, choices->len > 1);
  g_signal_connect (row, "notify::selected", G_CALLBACK (original_selected), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  if (own->before_of != 0 && tf_scene_lookup (scene, own->before_of) != NULL)
    {
      g_autofree char *name = photo_name (self, scene, own->before_of);
      g_autofree char *title = g_strdup_printf (_("This photo is the original of %s"), name);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row_new (title, NULL, "image-x-generic-symbolic"));
    }
  gtk_box_append (self->details_box, group);
}

static void
add_cited_by (TfMockupPanel *self,
              const TfItem  *photo)
{
  TfStore *store = store_of (self);
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *group, *list;

  if (store != NULL)
    {
      links = tf_mk_photo_cited_by (store, photo->id, &error);
      if (links == NULL)
        g_warning ("%s", error->message);
    }
  if (links == NULL || links->len == 0)
    {
      gtk_box_append (self->details_box,
                      group_new (_("Used By"), _("No blueprint card shows this photo as its evidence yet.")));
      return;
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Used by %u card", "Used by %u cards", links->len),
                           links->len);
  group = group_new (title, NULL);
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_set_name (list, "cited-list");
  g_signal_connect (list, "row-activated", G_CALLBACK (cited_activated), self);
  for (guint i = 0; i < links->len; i++)
    {
      TfMkLink *link = g_ptr_array_index (links, i);
      const TfBoardType *type = tf_board_type_lookup (link->board_type);
      g_autofree char *where = NULL;
      GtkWidget *row;

      if (link->place != NULL && link->place[0] != '\0')
        /* TRANSLATORS: where a citing card is: "Kit du mandat · Accueil". */
        where = g_strdup_printf (_("%s · %s"), link->board_name, link->place);
      else if (type != NULL)
        where = g_strdup_printf (_("%s · %s"), link->board_name, tf_board_type_get_label (type));
      else
        where = g_strdup (link->board_name);
      row = row_new (link->text != NULL && link->text[0] != '\0' ? link->text : _("Untitled card"), where, NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Open the board at this card"));
      g_object_set_data_full (G_OBJECT (row), "board-id", g_memdup2 (&link->board_id, sizeof (gint64)), g_free);
      set_id (row, link->item_id);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_box_append (self->details_box, group);
}

static void
show_photo (TfMockupPanel *self,
            TfScene       *scene,
            const TfItem  *item)
{
  const TfMkPhoto *photo = tf_mk_photo_item_get (item);
  g_autofree char *name = photo_name (self, scene, item->id);
  g_autofree char *size = NULL;
  g_autoptr(GPtrArray) blurs = g_ptr_array_new ();
  GtkWidget *group, *row, *sw;

  if (photo->page > 0)
    size = g_strdup_printf (_("%d × %d pixels · page %d"), photo->natural_width, photo->natural_height,
                            photo->page + 1);
  else
    size = g_strdup_printf (_("%d × %d pixels"), photo->natural_width, photo->natural_height);
  group = group_new (name, size);
  /* Its own name: two photos of one file ("after", "before", "from the
   * door") read apart here, in the key and in the report. */
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Name"));
  gtk_widget_set_name (row, "photo-name");
  gtk_widget_set_tooltip_text (row, _("A name of its own, to tell it from the board’s other photos"));
  text_field_setup (self, row, item);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = row_new (_("People can be recognised on this photo"), NULL, NULL);
  sw = gtk_switch_new ();
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_widget_set_name (sw, "people-switch");
  gtk_switch_set_active (GTK_SWITCH (sw), photo->people_visible);
  set_id (sw, item->id);
  g_signal_connect (sw, "notify::active", G_CALLBACK (people_toggled), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  if (photo->people_visible)
    {
      g_autofree char *blurred = NULL;
      GtkWidget *button;

      tf_mk_blur_regions (scene, item->id, blurs);
      blurred = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u blur region over it",
                                              "%u blur regions over it", blurs->len), blurs->len);
      if (photo->consent_given)
        {
          g_autofree char *date = consent_date (photo->consent_at);
          g_autofree char *title = g_strdup_printf (_("Consent recorded on %s"), date);

          row = row_new (title, blurred, "emblem-ok-symbolic");
          gtk_widget_set_name (row, "consent-status");
        }
      else
        {
          row = row_new (blurs->len == 0 ? _("Blur the faces, or record consent, before export")
                                         : _("Faces blurred: the photo can be exported"),
                         blurred, blurs->len == 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
          gtk_widget_set_name (row, "consent-status");
          if (blurs->len == 0)
            gtk_widget_add_css_class (row, "warning");
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      if (photo->consent_given)
        {
          button = button_new (_("_Withdraw"), "withdraw-button");
          gtk_widget_set_halign (button, GTK_ALIGN_END);
          gtk_widget_set_margin_top (button, 12);
          gtk_widget_set_tooltip_text (button, _("Take the recorded consent back"));
          set_id (button, item->id);
          g_signal_connect (button, "clicked", G_CALLBACK (withdraw_clicked), self);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
        }
      else
        {
          /* Under the list, its own width: the label stays whole. */
          button = button_new (_("Consent _Given…"), "consent-button");
          gtk_widget_set_halign (button, GTK_ALIGN_END);
          gtk_widget_set_margin_top (button, 12);
          gtk_widget_set_tooltip_text (button, _("The people agreed to be shown"));
          set_id (button, item->id);
          g_signal_connect (button, "clicked", G_CALLBACK (consent_clicked), self);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), button);
        }
    }
  gtk_box_append (self->details_box, group);
  add_legend (self, scene, item);
  add_pairing (self, scene, item);
  add_cited_by (self, item);
}

/* A placed image. */

typedef struct {
  TfMockupPanel *self;
  gint64         place_id;
} Replace;

static void
decode_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *path = task_data;
  TfDecodeOptions options = { .wants = TF_DECODE_WANT_STORED };
  GError *error = NULL;
  TfDecoded *decoded;

  (void) source;
  decoded = tf_decode_file (path, &options, cancellable, &error);
  if (decoded == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, decoded, (GDestroyNotify) tf_decoded_free);
}

static void
decode_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  /* The reference chooser_response() took, dropped here in the main thread. */
  g_autoptr(TfMockupPanel) self = user_data;
  GTask *task = G_TASK (result);
  g_autoptr(TfDecoded) decoded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_path_get_basename (g_task_get_task_data (task));
  g_autoptr(TfCommand) command = NULL;
  TfMkSource src = { 0 };

  /* Cancelled (a newer image, the board changed, the panel gone from its
   * window): nothing to place, no widget touched. */
  decoded = g_task_propagate_pointer (task, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->decode);
  g_clear_pointer (&self->place_error, g_free);
  if (decoded == NULL)
    {
      tf_decode_error_name_file (error, name);
      self->place_error = g_strdup (error->message);
      queue_refresh (self);
      return;
    }
  src.stored = decoded->stored;
  src.mime_type = decoded->mime_type;
  src.name = name;
  src.page = 0;
  src.width = decoded->width;
  src.height = decoded->height;
  command = tf_mk_command_replace_image (self->decode_place, &src);
  if (self->view != NULL && !tf_board_view_execute (self->view, g_steal_pointer (&command)))
    self->place_error = g_strdup (_("The image could not be replaced."));
  queue_refresh (self);
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  TfMockupPanel   *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (chooser), "item-id");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  char *path;

  if (response == GTK_RESPONSE_ACCEPT && id != NULL && gtk_widget_get_realized (GTK_WIDGET (self)) &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      if (self->decode != NULL)
        g_cancellable_cancel (self->decode);
      g_clear_object (&self->decode);
      self->decode = g_cancellable_new ();
      self->decode_place = *id;
      /* No source object: a task run in a thread is finalized by whichever
       * of the worker and the main thread lets it go last, and the panel
       * with it if it were the source object, torn down in the worker
       * thread once its window had gone. The callback's own reference is
       * dropped in the main thread. */
      task = g_task_new (NULL, self->decode, decode_done, g_object_ref (self));
      g_task_set_task_data (task, path, g_free);
      g_task_run_in_thread (task, decode_thread);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
replace_clicked (GtkButton     *button,
                 TfMockupPanel *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "item-id");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (id == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Replace Image"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Replace"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Images and PDF files"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/webp");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  gtk_file_filter_add_suffix (filter, "webp");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  set_id (chooser, *id);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static double
distance (TfQuadPoint a,
          TfQuadPoint b)
{
  return hypot (a.x - b.x, a.y - b.y);
}

/* Back to an upright rectangle centred on the photo, half its size, of the
 * aspect the placed image shows now (the mean of its opposite sides). */
static void
reset_clicked (GtkButton     *button,
               TfMockupPanel *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (button), "item-id");
  TfScene *scene = scene_of (self);
  TfItem *item = scene != NULL && id != NULL ? tf_scene_lookup (scene, *id) : NULL;
  TfItem *photo = item != NULL ? tf_scene_lookup (scene, photo_of (item)) : NULL;
  TfQuad quad;
  double w, h, scale;
  TfRect frame;

  if (photo == NULL || !tf_mk_place_item_quad (item, &quad))
    return;
  w = (distance (quad.p[0], quad.p[1]) + distance (quad.p[3], quad.p[2])) / 2;
  h = (distance (quad.p[0], quad.p[3]) + distance (quad.p[1], quad.p[2])) / 2;
  if (w <= 0 || h <= 0)
    w = h = 1;
  frame = photo->bounds;
  scale = MIN (frame.width / 2 / w, frame.height / 2 / h);
  w *= scale;
  h *= scale;
  quad.p[0] = (TfQuadPoint) { frame.x + (frame.width - w) / 2, frame.y + (frame.height - h) / 2 };
  quad.p[1] = (TfQuadPoint) { quad.p[0].x + w, quad.p[0].y };
  quad.p[2] = (TfQuadPoint) { quad.p[0].x + w, quad.p[0].y + h };
  quad.p[3] = (TfQuadPoint) { quad.p[0].x, quad.p[0].y + h };
  run (self, tf_mk_command_set_corners (item->id, &quad));
}

static void
show_place (TfMockupPanel *self,
            TfScene       *scene,
            const TfItem  *item)
{
  const TfMkPlace *place = tf_mk_place_item_get (item);
  g_autofree char *on = photo_name (self, scene, place->photo);
  g_autofree char *where = g_strdup_printf (_("Placed in perspective on %s"), on);
  g_autofree char *file = asset_name (self, place->asset);
  g_autofree char *source = file != NULL ? g_strdup (file)
                                         : g_strdup_printf (_("Image %lld of the archive"), (long long) place->asset);
  GtkWidget *group = group_new (_("Placed Image"), where);
  GtkWidget *row, *button, *box;

  /* The file's name on one line, ellipsized; the explanation wraps at
   * words over the panel's width, and each button sits under its row at
   * its own width, as on a photo's panel: a suffix would squeeze the
   * labels into a one-syllable column. */
  row = row_new (source, _("Replacing it keeps its corners: poster v1 becomes v2 in place"),
                 "image-x-generic-symbolic");
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  gtk_widget_set_tooltip_text (row, source);
  gtk_widget_set_name (row, "place-source");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  if (self->decode != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row_new (_("Reading the image…"), NULL, NULL));
  else if (self->place_error != NULL && self->decode_place == item->id)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               row_new (self->place_error, NULL, "dialog-warning-symbolic"));
  row = row_new (_("Corners"), _("Drag the four corners on the photo onto the surface"), NULL);
  gtk_widget_set_name (row, "place-corners");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  /* The buttons under the list, one above the other at the wider one's
   * width: side by side they asked more than the panel's 300 pixels (in
   * English too, a third more in French) and the panel, widened, took
   * the right of the photo from the view. A label longer than the
   * panel's width wraps at words. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_widget_set_margin_top (box, 12);
  button = button_new (_("_Replace Image…"), "replace-button");
  label_wraps (button);
  set_id (button, item->id);
  gtk_widget_set_sensitive (button, self->decode == NULL);
  g_signal_connect (button, "clicked", G_CALLBACK (replace_clicked), self);
  gtk_box_append (GTK_BOX (box), button);
  button = button_new (_("Reset C_orners"), "reset-button");
  label_wraps (button);
  set_id (button, item->id);
  g_signal_connect (button, "clicked", G_CALLBACK (reset_clicked), self);
  gtk_box_append (GTK_BOX (box), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);
  gtk_box_append (self->details_box, group);
}

/* A callout, a bubble, a blur region. */

static void
blur_choice (AdwComboRow   *row,
             GParamSpec    *pspec,
             TfMockupPanel *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "item-id");
  const char *key = g_object_get_data (G_OBJECT (row), "key");
  guint selected = adw_combo_row_get_selected (row);
  const char *value;
  g_autofree char *json = NULL;

  (void) pspec;
  if (self->updating || id == NULL || key == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (g_strcmp0 (key, "shape") == 0)
    value = tf_mk_blur_shape_to_string (selected == 1 ? TF_MK_BLUR_ELLIPSE : TF_MK_BLUR_RECT);
  else
    value = tf_mk_blur_mode_to_string (selected == 1 ? TF_MK_BLUR_BLUR : TF_MK_BLUR_PIXELATE);
  json = g_strdup_printf ("\"%s\"", value);
  run (self, tf_command_set_payload_key (id, 1, key, json,
                                         g_strcmp0 (key, "shape") == 0 ? _("Change the blur region’s shape")
                                                                        : _("Change the blur region’s effect")));
}

static GtkWidget *
blur_row_new (TfMockupPanel *self,
              const TfItem  *item,
              const char    *title,
              const char    *key,
              const char    *first,
              const char    *second,
              guint          selected)
{
  GtkWidget *row = adw_combo_row_new ();
  const char *names[] = { first, second, NULL };
  GtkStringList *model = gtk_string_list_new (names);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_object_unref (model);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data (G_OBJECT (row), "key", (gpointer) key);
  set_id (row, item->id);
  g_signal_connect (row, "notify::selected", G_CALLBACK (blur_choice), self);
  return row;
}

/* The way back to the photo an item sits on (Alt+Up on the board). */
static void
append_select_photo (TfMockupPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *button = button_new (_("Select Its _Photo"), "select-photo");

  gtk_widget_set_halign (box, GTK_ALIGN_END);
  label_wraps (button);
  gtk_widget_set_tooltip_text (button, _("Select the photo this sits on (Alt+Up)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "mockup.select-photo");
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (self->details_box, box);
}

static void
show_mark (TfMockupPanel *self,
           TfScene       *scene,
           const TfItem  *item)
{
  g_autofree char *on = photo_name (self, scene, photo_of (item));
  g_autofree char *where = g_strdup_printf (_("On %s"), on);
  g_autofree char *title = NULL;
  GtkWidget *group, *row;

  if (is_kind (item, TF_MK_CALLOUT_KIND))
    title = g_strdup_printf (_("Callout %d"), tf_mk_callout_number (scene, item));
  else if (is_kind (item, TF_MK_BUBBLE_KIND))
    title = g_strdup (_("Speech Bubble"));
  else
    title = g_strdup (_("Blur Region"));
  group = group_new (title, where);
  if (is_kind (item, TF_MK_BLUR_KIND))
    {
      const TfMkBlur *blur = item->data;

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 blur_row_new (self, item, _("Shape"), "shape", _("Rectangle"), _("Ellipse"),
                                               blur->shape == TF_MK_BLUR_ELLIPSE));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 blur_row_new (self, item, _("Effect"), "mode", _("Pixelate"), _("Blur"),
                                               blur->mode == TF_MK_BLUR_BLUR));
    }
  else
    {
      /* A legend is one paragraph; a bubble may say several lines. */
      row = long_text_new (self, item, is_kind (item, TF_MK_CALLOUT_KIND) ? _("Legend text") : _("What is said"),
                           is_kind (item, TF_MK_CALLOUT_KIND));
      gtk_widget_set_name (row, "mark-text");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->details_box, group);
  /* A blur region, a callout, a bubble: back to their photo as the rest. */
  append_select_photo (self);
}

/* What else sits on a photo (a post-it, a text label, a pictogram, an
 * arrow): what it is, the photo it is on, and the way back to that photo
 * (Alt+Up on the board). */
static void
show_other (TfMockupPanel *self,
            TfScene       *scene,
            const TfItem  *item)
{
  gint64 photo = self->view != NULL ? tf_mockup_gui_photo_under (self->view, item->id) : 0;
  g_autofree char *on = photo != 0 ? photo_name (self, scene, photo) : NULL;
  g_autofree char *where = on != NULL ? g_strdup_printf (_("On %s"), on) : g_strdup (_("On no photo"));
  g_autofree char *title = NULL;
  const char *field = NULL;
  gboolean one_paragraph = FALSE;
  GtkWidget *group;

  /* (Not is_kind(): these kinds may parse no data.) Each says what it is
   * and what can be written on it, as a callout and a bubble do. */
  if (g_strcmp0 (item->kind_id, TF_MK_NOTE_KIND) == 0)
    {
      title = g_strdup (_("Post-it Note"));
      field = _("What is written");
    }
  else if (g_strcmp0 (item->kind_id, TF_MK_LABEL_KIND) == 0)
    {
      title = g_strdup (_("Text Label"));
      field = _("Text");
    }
  else if (g_strcmp0 (item->kind_id, TF_MK_ARROW_KIND) == 0)
    title = g_strdup (_("Arrow"));
  else if (g_strcmp0 (item->kind_id, TF_MK_STAMP_KIND) == 0)
    {
      const TfStampData *data = item->data;
      g_autoptr(TfStamp) stamp = data != NULL ? tf_stamp_library_lookup (tf_stamp_library_get_default (),
                                                                         data->stamp) : NULL;

      /* Which pictogram, by its name in the library. */
      if (stamp != NULL)
        /* TRANSLATORS: the side panel's title for a pictogram on a mockup: "Pictogram · Town Hall" */
        title = g_strdup_printf (_("Pictogram · %s"), tf_stamp_get_name (stamp));
      else
        title = g_strdup (_("Pictogram"));
      field = _("Caption");
      one_paragraph = TRUE;
    }
  else
    title = g_strdup (_("Item"));
  group = group_new (title, where);
  gtk_widget_set_name (group, "other-item");
  if (field != NULL)
    {
      GtkWidget *row = long_text_new (self, item, field, one_paragraph);

      gtk_widget_set_name (row, "mark-text");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->details_box, group);
  if (photo == 0)
    return;
  append_select_photo (self);
}

/* Following the view. */

static char *
focused_key (TfMockupPanel *self,
             char         **text,
             char         **shown,
             int           *position)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self->details_box); w = gtk_widget_get_parent (w))
    {
      const char *key = g_object_get_data (G_OBJECT (w), "field-key");

      if (key != NULL && GTK_IS_EDITABLE (w))
        {
          *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (w)));
          *shown = g_strdup (g_object_get_data (G_OBJECT (w), "shown-text"));
          *position = gtk_editable_get_position (GTK_EDITABLE (w));
          return g_strdup (key);
        }
      if (key != NULL && TF_IS_TEXT_FIELD (w))
        {
          *text = tf_text_field_dup_typed_text (TF_TEXT_FIELD (w));
          *shown = g_strdup (tf_text_field_get_text (TF_TEXT_FIELD (w)));
          *position = tf_text_field_get_cursor (TF_TEXT_FIELD (w));
          return g_strdup (key);
        }
    }
  return NULL;
}

static GtkWidget *
find_key (GtkWidget  *widget,
          const char *key)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "field-key"), key) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_key (child, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
refresh (TfMockupPanel *self)
{
  TfScene *scene = scene_of (self);
  g_autoptr(GArray) selection = NULL;
  g_autofree char *key = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *shown = NULL;
  int position = 0;
  TfItem *item = NULL;
  GtkWidget *child, *again;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (scene != NULL)
    {
      selection = tf_board_view_get_selection (self->view);
      if (selection->len == 1)
        item = tf_scene_lookup (scene, g_array_index (selection, gint64, 0));
    }

  key = focused_key (self, &typed, &shown, &position);
  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details_box))) != NULL)
    gtk_box_remove (self->details_box, child);
  if (tf_mk_photo_item_get (item) != NULL)
    show_photo (self, scene, item);
  else if (is_kind (item, TF_MK_PLACE_KIND))
    show_place (self, scene, item);
  else if (is_kind (item, TF_MK_CALLOUT_KIND) || is_kind (item, TF_MK_BUBBLE_KIND) ||
           is_kind (item, TF_MK_BLUR_KIND))
    show_mark (self, scene, item);
  else if (item != NULL)
    show_other (self, scene, item);
  gtk_stack_set_visible_child_name (self->stack, item != NULL ? "details" : "none");
  /* A read-only archive: the details show, greyed, and change nothing. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->details_box),
                            self->view != NULL && tf_board_view_get_editable (self->view));
  if (key != NULL && (again = find_key (GTK_WIDGET (self->details_box), key)) != NULL)
    {
      /* What was typed and not committed yet stays; else the field
       * shows the item's text now (an undo). */
      gboolean pending = g_strcmp0 (typed, shown) != 0;

      gtk_widget_grab_focus (again);
      if (TF_IS_TEXT_FIELD (again))
        {
          if (pending)
            tf_text_field_set_typed_text (TF_TEXT_FIELD (again), typed);
          tf_text_field_set_cursor (TF_TEXT_FIELD (again), position);
        }
      else
        {
          if (pending)
            gtk_editable_set_text (GTK_EDITABLE (again), typed);
          gtk_editable_set_position (GTK_EDITABLE (again), position);
        }
    }
  self->updating = FALSE;
}

static gboolean
refresh_idle (gpointer user_data)
{
  TfMockupPanel *self = user_data;

  self->refresh_source = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (TfMockupPanel *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle, self, NULL);
}

static void
board_changed (TfMockupPanel *self)
{
  if (self->decode != NULL)
    g_cancellable_cancel (self->decode);
  g_clear_object (&self->decode);
  g_clear_pointer (&self->place_error, g_free);
  queue_refresh (self);
}

/* Never in the middle of the window's layout: a moment later. */
static gboolean
apply_width (gpointer user_data)
{
  TfMockupPanel *self = user_data;
  int width = PANEL_WIDTH;

  self->width_source = 0;
  if (self->surface != NULL && gdk_surface_get_width (self->surface) > 0 &&
      gdk_surface_get_width (self->surface) < NARROW_WINDOW)
    width = PANEL_NARROW_WIDTH;
  gtk_widget_set_size_request (GTK_WIDGET (self), width, -1);
  return G_SOURCE_REMOVE;
}

static void
on_surface_layout (TfMockupPanel *self,
                   int            width,
                   int            height,
                   GdkSurface    *surface)
{
  int wanted = width > 0 && width < NARROW_WINDOW ? PANEL_NARROW_WIDTH : PANEL_WIDTH;
  int request = -1;

  gtk_widget_get_size_request (GTK_WIDGET (self), &request, NULL);
  if (wanted != request && self->width_source == 0)
    self->width_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_width, self, NULL);
}

static void
tf_mockup_panel_realize (GtkWidget *widget)
{
  TfMockupPanel *self = TF_MOCKUP_PANEL (widget);
  GtkNative *native;

  GTK_WIDGET_CLASS (tf_mockup_panel_parent_class)->realize (widget);
  native = gtk_widget_get_native (widget);
  if (native != NULL && gtk_native_get_surface (native) != NULL)
    {
      self->surface = g_object_ref (gtk_native_get_surface (native));
      g_signal_connect_object (self->surface, "layout", G_CALLBACK (on_surface_layout), self, G_CONNECT_SWAPPED);
      apply_width (self);
    }
}

static void
tf_mockup_panel_map (GtkWidget *widget)
{
  TfMockupPanel *self = TF_MOCKUP_PANEL (widget);

  GTK_WIDGET_CLASS (tf_mockup_panel_parent_class)->map (widget);
  refresh (self);
}

/* Gone from its window (closed with it): an image being read is dropped. */
static void
tf_mockup_panel_unrealize (GtkWidget *widget)
{
  TfMockupPanel *self = TF_MOCKUP_PANEL (widget);

  if (self->decode != NULL)
    g_cancellable_cancel (self->decode);
  g_clear_object (&self->decode);
  if (self->surface != NULL)
    g_signal_handlers_disconnect_by_data (self->surface, self);
  g_clear_object (&self->surface);
  g_clear_handle_id (&self->width_source, g_source_remove);
  GTK_WIDGET_CLASS (tf_mockup_panel_parent_class)->unrealize (widget);
}

static void
tf_mockup_panel_dispose (GObject *object)
{
  TfMockupPanel *self = TF_MOCKUP_PANEL (object);

  tf_mockup_panel_set_view (self, NULL);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->width_source, g_source_remove);
  if (self->decode != NULL)
    g_cancellable_cancel (self->decode);
  g_clear_object (&self->decode);
  gtk_widget_dispose_template (GTK_WIDGET (self), TF_TYPE_MOCKUP_PANEL);
  g_clear_pointer (&self->place_error, g_free);

  G_OBJECT_CLASS (tf_mockup_panel_parent_class)->dispose (object);
}

static TfBoardView *
tf_mockup_panel_get_board_view (TfBoardPanel *panel)
{
  return tf_mockup_panel_get_view (TF_MOCKUP_PANEL (panel));
}

static void
tf_mockup_panel_set_board_view (TfBoardPanel *panel,
                                TfBoardView  *view)
{
  tf_mockup_panel_set_view (TF_MOCKUP_PANEL (panel), view);
}

static void
add_css (void)
{
  static gboolean added;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (added || gdk_display_get_default () == NULL)
    return;
  added = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider,
                                   ".mockup-panel row.warning image { color: @warning_color; }\n",
                                   -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
tf_mockup_panel_class_init (TfMockupPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_mockup_panel_dispose;
  widget_class->realize = tf_mockup_panel_realize;
  widget_class->map = tf_mockup_panel_map;
  widget_class->unrealize = tf_mockup_panel_unrealize;
  TF_BOARD_PANEL_CLASS (klass)->get_view = tf_mockup_panel_get_board_view;
  TF_BOARD_PANEL_CLASS (klass)->set_view = tf_mockup_panel_set_board_view;

  gtk_widget_class_set_template_from_resource (widget_class, "/fr/transfo/Transfo/tf-mockup-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TfMockupPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, TfMockupPanel, details_box);
}

static void
tf_mockup_panel_init (TfMockupPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_css ();
  gtk_stack_set_visible_child_name (self->stack, "none");
}

GtkWidget *
tf_mockup_panel_new (void)
{
  return g_object_new (TF_TYPE_MOCKUP_PANEL, NULL);
}

TfBoardView *
tf_mockup_panel_get_view (TfMockupPanel *self)
{
  g_return_val_if_fail (TF_IS_MOCKUP_PANEL (self), NULL);

  return self->view;
}

void
tf_mockup_panel_refresh_now (TfMockupPanel *self)
{
  g_return_if_fail (TF_IS_MOCKUP_PANEL (self));

  refresh (self);
}

void
tf_mockup_panel_set_view (TfMockupPanel *self,
                          TfBoardView   *view)
{
  g_return_if_fail (TF_IS_MOCKUP_PANEL (self));
  g_return_if_fail (view == NULL || TF_IS_BOARD_VIEW (view));

  if (self->view == view)
    return;
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_object (&self->view, view);
  if (view != NULL)
    {
      g_signal_connect_object (view, "selection-changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "items-changed", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::board-id", G_CALLBACK (board_changed), self, G_CONNECT_SWAPPED);
    }
  board_changed (self);
  g_object_notify (G_OBJECT (self), "view");
}
