/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-insight-panel"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "canvas/tf-item-commands.h"
#include "tf-a11y.h"
#include "canvas/tf-item-kinds.h"
#include "insights/tf-note-kind.h"
#include "canvas/tf-renderer.h"
#include "core/tf-board-type.h"
#include "core/tf-citations.h"
#include "core/tf-date.h"
#include "gui/tf-date-picker.h"
#include "core/tf-history.h"
#include "insights/tf-insight.h"
#include "gui/insights/tf-insight-panel.h"
#include "gui/tf-board-view-private.h"

/* The side panel of a wall. "Note" shows and edits the fields of the
 * selected insights (each change one command through the history); the
 * fields of the first selected note stand for all. "Insights" ranks the
 * wall's notes by votes, cluster or date, and lists the retired ones with a
 * way back to the wall. */
struct _TfInsightPanel
{
  TfBoardPanel      parent_instance;

  TfBoardView      *view;
  TfRankBy          rank_by;
  GtkStringList    *ranking;
  guint             refresh_source;
  gboolean          updating;

  AdwViewStack     *view_stack;
  GtkStack         *note_stack;
  GtkLabel         *selection_label;
  GtkFlowBox       *swatches;
  GtkFlowBox       *new_swatches;  /* with nothing selected: the colour of new notes */
  GtkToggleButton  *size_small;
  GtkToggleButton  *size_medium;
  GtkToggleButton  *size_large;
  AdwComboRow      *source_row;
  AdwEntryRow      *date_row;
  AdwEntryRow      *tags_row;
  AdwComboRow      *consent_row;
  AdwActionRow     *votes_row;
  GtkSwitch        *star_switch;
  AdwPreferencesGroup *cited_group;
  GtkListBox       *cited_list;
  GtkLabel         *count_label;
  GtkDropDown      *sort_dropdown;
  GtkListView      *ranking_view;
  GtkMenuButton    *retired_button;
  GtkListBox       *retired_list;
};

G_DEFINE_FINAL_TYPE (TfInsightPanel, tf_insight_panel, TF_TYPE_BOARD_PANEL)


static TfScene *
scene_of (TfInsightPanel *self)
{
  return self->view != NULL ? tf_board_view_get_scene (self->view) : NULL;
}

/* The selected notes, the first one and its fields. */
static GArray *
selected_notes (TfInsightPanel *self)
{
  g_autoptr(GArray) all = tf_board_view_get_selection (self->view);
  TfScene *scene = scene_of (self);
  GArray *notes = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; scene != NULL && i < all->len; i++)
    {
      TfItem *item = tf_scene_lookup (scene, g_array_index (all, gint64, i));

      if (item != NULL && item->kind == &tf_note_kind)
        g_array_append_val (notes, item->id);
    }
  return notes;
}

static void
apply_payload (TfInsightPanel *self,
               const char     *key,
               const char     *json,
               const char     *label)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(TfCommand) command = NULL;

  if (self->updating || self->view == NULL)
    return;
  ids = selected_notes (self);
  if (ids->len == 0)
    return;
  command = tf_command_set_payload_key ((const gint64 *) ids->data, ids->len, key, json, label);
  tf_board_view_execute (self->view, command);
}

static char *
json_string (const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return json_to_string (node, FALSE);
}

static TfNoteSize
size_of (const TfItem *item)
{
  double side = MIN (item->bounds.width, item->bounds.height);

  if (side < (TF_NOTE_SMALL_SIDE + TF_NOTE_MEDIUM_SIDE) / 2)
    return TF_NOTE_SMALL;
  if (side < (TF_NOTE_MEDIUM_SIDE + TF_NOTE_LARGE_SIDE) / 2)
    return TF_NOTE_MEDIUM;
  return TF_NOTE_LARGE;
}

static void
mark_swatch (GtkFlowBox *swatches,
             const char *color_id)
{
  guint n_colors = 0;
  const TfNoteColor *colors = tf_note_colors (&n_colors);

  for (guint i = 0; i < n_colors; i++)
    {
      GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (swatches, (int) i);
      GtkWidget *button = gtk_flow_box_child_get_child (child);

      gtk_button_set_icon_name (GTK_BUTTON (button),
                                g_strcmp0 (colors[i].id, color_id) == 0 ? "object-select-symbolic" : "");
    }
}

static void
update_swatches (TfInsightPanel *self,
                 const char     *color_id)
{
  mark_swatch (self->swatches, color_id);
}

/* Nothing selected: the colour the next notes are written in, marked. */
static void
update_new_swatches (TfInsightPanel *self)
{
  mark_swatch (self->new_swatches, self->view != NULL ? self->view->capture_color : NULL);
}

/* Who cites the note: items of the experiment's other boards (blueprint
 * cards) that list it under the generic payload key "cites". */
static void
refresh_cited (TfInsightPanel *self,
               gint64          note_id)
{
  TfHistory *history = tf_board_view_get_history (self->view);
  TfStore *store = history != NULL ? tf_history_get_store (history) : NULL;
  g_autoptr(GPtrArray) citations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cited_list))) != NULL)
    gtk_list_box_remove (self->cited_list, child);
  if (store != NULL && note_id != 0)
    {
      citations = tf_citations_of (store, note_id, &error);
      if (citations == NULL)
        g_warning ("%s", error->message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->cited_group), citations != NULL && citations->len > 0);
  if (citations == NULL || citations->len == 0)
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Used by %u card", "Used by %u cards", citations->len),
                           citations->len);
  adw_preferences_group_set_title (self->cited_group, title);
  for (guint i = 0; i < citations->len; i++)
    {
      TfCitation *citation = g_ptr_array_index (citations, i);
      const TfBoardType *type = tf_board_type_lookup (citation->board_type);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *where = NULL;

      /* TRANSLATORS: where a citing card is: "Kit du mandat · Blueprint". */
      where = type != NULL ? g_strdup_printf (_("%s · %s"), citation->board_name, tf_board_type_get_label (type))
                           : g_strdup (citation->board_name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     citation->text[0] != '\0' ? citation->text : _("Untitled card"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Open the board at this card"));
      g_object_set_data_full (G_OBJECT (row), "board-id", g_memdup2 (&citation->board_id, sizeof (gint64)),
                              g_free);
      g_object_set_data_full (G_OBJECT (row), "item-id", g_memdup2 (&citation->item_id, sizeof (gint64)),
                              g_free);
      gtk_list_box_append (self->cited_list, row);
    }
}

/* Opens the citing card's board, the card selected and in view. */
static void
cited_activated (TfInsightPanel *self,
                 GtkListBoxRow  *row)
{
  gint64 *board_id = g_object_get_data (G_OBJECT (row), "board-id");
  gint64 *item_id = g_object_get_data (G_OBJECT (row), "item-id");
  g_autoptr(TfBoardView) view = self->view != NULL ? g_object_ref (self->view) : NULL;
  gint64 card, board;

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
refresh_note (TfInsightPanel *self)
{
  g_autoptr(GArray) ids = NULL;
  g_auto(TfInsightFields) fields = { 0 };
  g_autofree char *tags = NULL;
  g_autofree char *votes = NULL;
  g_autofree char *heading = NULL;
  TfScene *scene = scene_of (self);
  TfItem *item;
  const TfNoteData *data;
  TfNoteSize size;

  if (self->view == NULL || scene == NULL)
    {
      gtk_stack_set_visible_child_name (self->note_stack, "none");
      return;
    }
  ids = selected_notes (self);
  if (ids->len == 0)
    {
      update_new_swatches (self);
      gtk_stack_set_visible_child_name (self->note_stack, "none");
      return;
    }

  item = tf_scene_lookup (scene, g_array_index (ids, gint64, 0));
  data = item->data;
  tf_insight_fields_init (&fields);
  tf_insight_fields_parse (&fields, item->payload);

  self->updating = TRUE;

  if (ids->len == 1)
    heading = g_strdup (item->text);
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u insight selected",
                                            "%u insights selected", ids->len),
                               ids->len);
  gtk_label_set_label (self->selection_label, heading);

  update_swatches (self, data != NULL ? data->color_id : NULL);

  size = size_of (item);
  gtk_toggle_button_set_active (size == TF_NOTE_SMALL ? self->size_small
                                : size == TF_NOTE_MEDIUM ? self->size_medium : self->size_large,
                                TRUE);

  adw_combo_row_set_selected (self->source_row, fields.source);
  adw_combo_row_set_selected (self->consent_row, fields.consent);
  {
    /* Stored as ISO, shown as the person writes dates. */
    g_autofree char *shown = tf_date_format_user (fields.date != NULL ? fields.date : "", NULL);

    gtk_editable_set_text (GTK_EDITABLE (self->date_row), shown);
  }
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  tags = g_strjoinv (", ", fields.tags);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags);

  votes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u vote", "%u votes", fields.votes),
                           fields.votes);
  adw_action_row_set_subtitle (self->votes_row, votes);
  gtk_switch_set_active (self->star_switch, fields.star);
  refresh_cited (self, ids->len == 1 ? item->id : 0);

  self->updating = FALSE;
  /* A read-only archive: the fields show, greyed, and change nothing. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->note_stack), tf_board_view_get_editable (self->view));
  gtk_stack_set_visible_child_name (self->note_stack, "fields");
}

/* Ranking. */

typedef struct {
  gint64      id;
  guint       votes;
  gboolean    star;
  const char *cluster;
  char       *date;
  double      y, x;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Ranked *x = a, *y = b;
  TfRankBy by = GPOINTER_TO_INT (user_data);
  int c = 0;

  if (by == TF_RANK_BY_CLUSTER)
    {
      /* Named clusters first, alphabetically; loose notes last. */
      if ((x->cluster == NULL) != (y->cluster == NULL))
        return x->cluster == NULL ? 1 : -1;
      if (x->cluster != NULL && (c = g_utf8_collate (x->cluster, y->cluster)) != 0)
        return c;
    }
  else if (by == TF_RANK_BY_DATE)
    {
      /* Newest first; undated last. */
      if ((x->date[0] == '\0') != (y->date[0] == '\0'))
        return x->date[0] == '\0' ? 1 : -1;
      if ((c = strcmp (y->date, x->date)) != 0)
        return c;
    }

  if (x->votes != y->votes)
    return x->votes > y->votes ? -1 : 1;
  if (x->star != y->star)
    return x->star ? -1 : 1;
  if (x->y != y->y)
    return x->y < y->y ? -1 : 1;
  if (x->x != y->x)
    return x->x < y->x ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
clear_ranked (gpointer data)
{
  g_free (((Ranked *) data)->date);
}

static GtkWidget *
retired_row (TfInsightPanel *self,
             TfItem         *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *quote = gtk_label_new (item->text);
  GtkWidget *button = gtk_button_new_with_label (_("Restore"));

  gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (quote), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (quote), 2);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (quote), 28);
  gtk_label_set_width_chars (GTK_LABEL (quote), 20);
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_widget_set_hexpand (quote, TRUE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "wall.restore");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", item->id);
  gtk_widget_set_tooltip_text (button, _("Put This Insight Back on the Wall"));
  gtk_box_append (GTK_BOX (box), quote);
  gtk_box_append (GTK_BOX (box), button);
  return box;
}

static void
refresh_lists (TfInsightPanel *self)
{
  TfScene *scene = scene_of (self);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GPtrArray) retired = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_autofree char *count = NULL;
  g_autofree char *retired_label = NULL;
  GtkWidget *child;
  GPtrArray *items;

  g_array_set_clear_func (ranked, clear_ranked);

  items = scene != NULL ? tf_scene_get_items (scene) : NULL;
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      TfItem *item = g_ptr_array_index (items, i);
      const TfNoteData *data = item->data;
      g_auto(TfInsightFields) fields = { 0 };
      TfItem *zone;
      Ranked r = { 0 };

      if (item->kind != &tf_note_kind)
        continue;
      if (item->hidden)
        {
          g_ptr_array_add (retired, item);
          continue;
        }
      r.id = item->id;
      r.votes = data != NULL ? data->votes : 0;
      r.star = data != NULL && data->star;
      zone = item->parent_id != 0 ? tf_scene_lookup (scene, item->parent_id) : NULL;
      r.cluster = zone != NULL && zone->text[0] != '\0' ? zone->text : NULL;
      if (self->rank_by == TF_RANK_BY_DATE)
        {
          tf_insight_fields_init (&fields);
          tf_insight_fields_parse (&fields, item->payload);
          r.date = g_steal_pointer (&fields.date);
        }
      else
        {
          r.date = g_strdup ("");
        }
      r.x = item->bounds.x;
      r.y = item->bounds.y;
      g_array_append_val (ranked, r);
    }
  g_array_sort_with_data (ranked, compare_ranked, GINT_TO_POINTER (self->rank_by));

  for (guint i = 0; i < ranked->len; i++)
    {
      char text[24];

      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, g_array_index (ranked, Ranked, i).id);
      g_strv_builder_add (builder, text);
    }
  ids = g_strv_builder_end (builder);
  gtk_string_list_splice (self->ranking, 0, g_list_model_get_n_items (G_LIST_MODEL (self->ranking)),
                          (const char * const *) ids);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u insight on the wall",
                                        "%u insights on the wall", ranked->len),
                           ranked->len);
  gtk_label_set_label (self->count_label, count);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->retired_list))) != NULL)
    gtk_list_box_remove (self->retired_list, child);
  for (guint i = 0; i < retired->len; i++)
    gtk_list_box_append (self->retired_list, retired_row (self, g_ptr_array_index (retired, i)));
  retired_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Retired Insight",
                                                "%u Retired Insights", retired->len),
                                   retired->len);
  gtk_menu_button_set_label (self->retired_button, retired_label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->retired_button), retired->len > 0);
}

static gboolean
refresh_idle (gpointer user_data)
{
  TfInsightPanel *self = user_data;

  self->refresh_source = 0;
  refresh_lists (self);
  return G_SOURCE_REMOVE;
}

/* The lists follow the wall, at most once per main loop turn, and only
 * while they can be seen: a big wall is not sorted for nothing. */
static void
queue_refresh (TfInsightPanel *self)
{
  if (self->refresh_source != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "insights") != 0)
    return;
  self->refresh_source = g_idle_add_full (G_PRIORITY_LOW, refresh_idle, self, NULL);
}

static void
page_changed (TfInsightPanel *self)
{
  queue_refresh (self);
}

static void
sort_changed (TfInsightPanel *self)
{
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  if (selected != GTK_INVALID_LIST_POSITION)
    tf_insight_panel_set_rank_by (self, (TfRankBy) selected);
}

static gint64
ranking_id (TfInsightPanel *self,
            guint           position)
{
  const char *text = gtk_string_list_get_string (self->ranking, position);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static void
ranking_activated (TfInsightPanel *self,
                   guint           position)
{
  gint64 id = ranking_id (self, position);

  if (id == 0 || self->view == NULL)
    return;
  tf_board_view_select (self->view, &id, 1);
  tf_board_view_reveal_item (self->view, id);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *quote = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *star = gtk_image_new_from_icon_name ("starred-symbolic");
  GtkWidget *votes = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), quote);
  gtk_box_append (GTK_BOX (text), detail);
  gtk_widget_add_css_class (star, "accent");
  /* The star says something: named, never hidden as a decoration. */
  tf_a11y_set_label (star, _("Starred"));
  gtk_widget_add_css_class (votes, "numeric");
  gtk_widget_add_css_class (votes, "vote-count");
  gtk_widget_set_valign (votes, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), star);
  gtk_box_append (GTK_BOX (box), votes);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          TfInsightPanel           *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *text = gtk_widget_get_first_child (box);
  GtkWidget *quote = gtk_widget_get_first_child (text);
  GtkWidget *detail = gtk_widget_get_next_sibling (quote);
  GtkWidget *star = gtk_widget_get_next_sibling (text);
  GtkWidget *votes = gtk_widget_get_next_sibling (star);
  TfScene *scene = scene_of (self);
  gint64 id = ranking_id (self, gtk_list_item_get_position (list_item));
  TfItem *item = scene != NULL ? tf_scene_lookup (scene, id) : NULL;
  const TfNoteData *data = item != NULL ? item->data : NULL;
  g_autofree char *first = NULL;
  g_autofree char *count = NULL;
  TfItem *zone;
  const char *end;

  if (item == NULL)
    return;

  end = strchr (item->text, '\n');
  first = end != NULL ? g_strndup (item->text, end - item->text) : g_strdup (item->text);
  gtk_label_set_label (GTK_LABEL (quote), first);
  gtk_widget_set_tooltip_text (box, item->text);

  zone = item->parent_id != 0 ? tf_scene_lookup (scene, item->parent_id) : NULL;
  gtk_label_set_label (GTK_LABEL (detail), zone != NULL ? zone->text : "");
  gtk_widget_set_visible (detail, zone != NULL && zone->text[0] != '\0');

  gtk_widget_set_visible (star, data != NULL && data->star);
  /* Read with the row while it is shown (tf-a11y.c names rows by their
   * texts and named icons); silent otherwise. */
  if (data != NULL && data->star)
    gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Starred"), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL);
  count = g_strdup_printf ("%u", data != NULL ? data->votes : 0);
  gtk_label_set_label (GTK_LABEL (votes), count);
  gtk_widget_set_visible (votes, data != NULL && data->votes > 0);
}

/* Fields. */

static void
color_clicked (GtkButton      *button,
               TfInsightPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "color-id");

  if (self->view != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "wall.set-color", "s", id);
  update_new_swatches (self);
  tf_board_panel_return_focus (TF_BOARD_PANEL (self));
}

static void
size_toggled (TfInsightPanel  *self,
              GtkToggleButton *button)
{
  const char *size;

  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  size = button == self->size_small ? tf_note_size_to_id (TF_NOTE_SMALL)
       : button == self->size_medium ? tf_note_size_to_id (TF_NOTE_MEDIUM)
       : tf_note_size_to_id (TF_NOTE_LARGE);
  gtk_widget_activate_action (GTK_WIDGET (self), "wall.set-size", "s", size);
  tf_board_panel_return_focus (TF_BOARD_PANEL (self));
}

/* The button runs wall.fit-text; the keyboard goes back to the board. */
static void
fit_text_clicked (TfInsightPanel *self)
{
  tf_board_panel_return_focus (TF_BOARD_PANEL (self));
}

static void
source_changed (TfInsightPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->source_row);
  g_autofree char *json = NULL;

  if (selected >= TF_N_SOURCES)
    return;
  json = json_string (tf_source_to_id ((TfSource) selected));
  apply_payload (self, "source", json, _("Set the source"));
}

static void
consent_changed (TfInsightPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->consent_row);
  g_autofree char *json = NULL;

  if (selected >= TF_N_CONSENTS)
    return;
  json = json_string (tf_consent_to_id ((TfConsent) selected));
  apply_payload (self, "consent", json, _("Set the consent"));
}

static void
date_applied (TfInsightPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = tf_date_parse_user (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), NULL, &error);
  g_autofree char *json = NULL;

  if (iso == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row), error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row), NULL);
  json = json_string (iso);
  apply_payload (self, "date", json, _("Set the interview date"));
}

static void
tags_applied (TfInsightPanel *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)), ",", -1);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autofree char *json = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);
      gboolean dup = FALSE;

      for (guint j = 0; j < seen->len && !dup; j++)
        dup = g_str_equal (g_ptr_array_index (seen, j), tag);
      if (tag[0] == '\0' || dup)
        continue;
      g_ptr_array_add (seen, tag);
      json_builder_add_string_value (builder, tag);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  apply_payload (self, "tags", json, _("Set the tags"));
}

static void
star_changed (TfInsightPanel *self)
{
  gboolean active = gtk_switch_get_active (self->star_switch);

  apply_payload (self, "star", active ? "true" : "false",
                 active ? _("Star as a key insight") : _("Remove the star"));
}

static void
selection_changed (TfInsightPanel *self)
{
  refresh_note (self);
}

static void
items_changed (TfInsightPanel *self,
               GArray         *ids)
{
  refresh_note (self);
  queue_refresh (self);
}

static void
board_changed (TfInsightPanel *self)
{
  refresh_note (self);
  queue_refresh (self);
}

static void
fill_choices (TfInsightPanel *self)
{
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) consents = gtk_string_list_new (NULL);
  g_autoptr(GString) css = g_string_new (NULL);
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  guint n_colors = 0;
  const TfNoteColor *colors = tf_note_colors (&n_colors);
  static gboolean css_added;

  for (int s = 0; s < TF_N_SOURCES; s++)
    gtk_string_list_append (sources, tf_source_get_label ((TfSource) s));
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (sources));

  for (int c = 0; c < TF_N_CONSENTS; c++)
    gtk_string_list_append (consents, tf_consent_get_label ((TfConsent) c));
  adw_combo_row_set_model (self->consent_row, G_LIST_MODEL (consents));

  /* The swatches take their colours from the palette the renderer uses;
   * the same again for the colour of new notes, with nothing selected. */
  for (guint i = 0; i < n_colors; i++)
    {
      GtkWidget *button = gtk_button_new ();
      g_autofree char *css_class = g_strdup_printf ("swatch-%s", colors[i].id);
      /* Translators: %s is a colour, "Yellow". */
      g_autofree char *label = g_strdup_printf (_("New notes in %s"), _(colors[i].label));

      gtk_widget_add_css_class (button, "swatch");
      gtk_widget_add_css_class (button, css_class);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (button), "color-id", (gpointer) colors[i].id);
      g_signal_connect (button, "clicked", G_CALLBACK (color_clicked), self);
      gtk_flow_box_append (self->new_swatches, button);
      /* The keyboard goes from swatch to swatch, not through the flow box's children. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  for (guint i = 0; i < n_colors; i++)
    {
      GtkWidget *button = gtk_button_new ();
      g_autofree char *css_class = g_strdup_printf ("swatch-%s", colors[i].id);

      gtk_widget_add_css_class (button, "swatch");
      gtk_widget_add_css_class (button, css_class);
      gtk_widget_set_tooltip_text (button, _(colors[i].label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(colors[i].label),
                                      -1);
      g_object_set_data (G_OBJECT (button), "color-id", (gpointer) colors[i].id);
      g_signal_connect (button, "clicked", G_CALLBACK (color_clicked), self);
      gtk_flow_box_append (self->swatches, button);

      g_string_append_printf (css, "button.swatch.%s { background: #%06x; color: #%06x; }\n",
                              css_class, colors[i].rgb, TF_INK_RGB);
    }
  if (css_added)
    return;
  css_added = TRUE;
  gtk_css_provider_load_from_data (provider, css->str, -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
tf_insight_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (tf_insight_panel_parent_class)->map (widget);
  queue_refresh (TF_INSIGHT_PANEL (widget));
}

static void
tf_insight_panel_dispose (GObject *object)
{
  TfInsightPanel *self = TF_INSIGHT_PANEL (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  tf_insight_panel_set_view (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TF_TYPE_INSIGHT_PANEL);
  g_clear_object (&self->ranking);

  G_OBJECT_CLASS (tf_insight_panel_parent_class)->dispose (object);
}

static TfBoardView *
tf_insight_panel_get_board_view (TfBoardPanel *panel)
{
  return tf_insight_panel_get_view (TF_INSIGHT_PANEL (panel));
}

static void
tf_insight_panel_set_board_view (TfBoardPanel *panel,
                                  TfBoardView  *view)
{
  tf_insight_panel_set_view (TF_INSIGHT_PANEL (panel), view);
}

static void
tf_insight_panel_class_init (TfInsightPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_insight_panel_dispose;
  TF_BOARD_PANEL_CLASS (klass)->get_view = tf_insight_panel_get_board_view;
  TF_BOARD_PANEL_CLASS (klass)->set_view = tf_insight_panel_set_board_view;

  widget_class->map = tf_insight_panel_map;


  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/transfo/Transfo/tf-insight-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, note_stack);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, selection_label);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, swatches);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, new_swatches);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, size_small);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, size_medium);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, size_large);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, source_row);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, date_row);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, tags_row);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, consent_row);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, votes_row);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, star_switch);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, cited_group);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, cited_list);
  gtk_widget_class_bind_template_callback (widget_class, cited_activated);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, ranking_view);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, retired_button);
  gtk_widget_class_bind_template_child (widget_class, TfInsightPanel, retired_list);
  gtk_widget_class_bind_template_callback (widget_class, page_changed);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed);
  gtk_widget_class_bind_template_callback (widget_class, ranking_activated);
  gtk_widget_class_bind_template_callback (widget_class, size_toggled);
  gtk_widget_class_bind_template_callback (widget_class, fit_text_clicked);
  gtk_widget_class_bind_template_callback (widget_class, source_changed);
  gtk_widget_class_bind_template_callback (widget_class, consent_changed);
  gtk_widget_class_bind_template_callback (widget_class, date_applied);
  gtk_widget_class_bind_template_callback (widget_class, tags_applied);
  gtk_widget_class_bind_template_callback (widget_class, star_changed);
}

static void
tf_insight_panel_init (TfInsightPanel *self)
{
  GtkListItemFactory *factory;
  GtkNoSelection *selection;

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  tf_date_picker_attach (self->date_row);
  fill_choices (self);

  self->ranking = gtk_string_list_new (NULL);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->ranking)));
  gtk_list_view_set_model (self->ranking_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->ranking_view, factory);
  g_object_unref (selection);
  g_object_unref (factory);
  self->updating = FALSE;

  refresh_note (self);
}

GtkWidget *
tf_insight_panel_new (void)
{
  return g_object_new (TF_TYPE_INSIGHT_PANEL, NULL);
}

TfBoardView *
tf_insight_panel_get_view (TfInsightPanel *self)
{
  g_return_val_if_fail (TF_IS_INSIGHT_PANEL (self), NULL);

  return self->view;
}

GListModel *
tf_insight_panel_get_ranking (TfInsightPanel *self)
{
  g_return_val_if_fail (TF_IS_INSIGHT_PANEL (self), NULL);

  return G_LIST_MODEL (self->ranking);
}

void
tf_insight_panel_set_view (TfInsightPanel *self,
                           TfBoardView    *view)
{
  g_return_if_fail (TF_IS_INSIGHT_PANEL (self));
  g_return_if_fail (view == NULL || TF_IS_BOARD_VIEW (view));

  if (self->view == view)
    return;

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_set_object (&self->view, view);
  if (view != NULL)
    {
      g_signal_connect_object (view, "selection-changed", G_CALLBACK (selection_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "items-changed", G_CALLBACK (items_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::board-id", G_CALLBACK (board_changed), self,
                               G_CONNECT_SWAPPED);
    }
  board_changed (self);
  g_object_notify (G_OBJECT (self), "view");
}

void
tf_insight_panel_set_rank_by (TfInsightPanel *self,
                              TfRankBy        rank_by)
{
  g_return_if_fail (TF_IS_INSIGHT_PANEL (self));

  if (self->rank_by == rank_by)
    return;
  self->rank_by = rank_by;
  if (gtk_drop_down_get_selected (self->sort_dropdown) != (guint) rank_by)
    gtk_drop_down_set_selected (self->sort_dropdown, rank_by);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  refresh_lists (self);
}
