/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-blueprint-panel"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "blueprints/tf-blueprint-checks.h"
#include "tf-a11y.h"
#include "blueprints/tf-blueprint-commands.h"
#include "blueprints/tf-blueprint-model.h"
#include "canvas/tf-item.h"
#include "canvas/tf-scene.h"
#include "core/tf-board-rows.h"
#include "core/tf-board-type.h"
#include "core/tf-content.h"
#include "core/tf-history.h"
#include "core/tf-item-rows.h"
#include "insights/tf-insight.h"
#include "stamps/tf-actor-items.h"
#include "stamps/tf-stamp-library.h"
#include "gui/tf-text-field.h"
#include "gui/tf-widget-util.h"
#include "gui/blueprints/tf-blueprint-panel.h"

/* Beside a blueprint: the selected card's fields (text, actor, department,
 * marks, the insights it cites, the checks it silences), the linter's
 * findings kept live as the blueprint changes, and its versions (duplicate
 * as to-be, compare with the as-is). Every change is one command through
 * the history; a typed field commits when it is left or activated. */

#define PICTOGRAM_SIZE 28
/* How long the checks wait for the edits to stop before running again. */
#define REFRESH_DELAY_MS 120

typedef struct {
  gint64  id;
  char   *text;
  char   *detail;
  char   *folded;
} Quote;

struct _TfBlueprintPanel
{
  TfBoardPanel      parent_instance;

  TfBoardView      *view;
  TfBlueprint      *bp;               /* of the view's scene, NULL when stale */
  gint64            card_id;          /* the card the fields show, 0 for none */
  gboolean          updating;
  guint             refresh_source;
  GPtrArray        *findings;         /* TfBpFinding *, as listed */
  GPtrArray        *quotes;           /* Quote *, the picker's */
  TfScene          *as_is_scene;      /* the compared as-is board */
  char             *actor_id;         /* the actor the button shows */

  AdwViewStack     *view_stack;
  GtkStack         *card_stack;
  GtkLabel         *cell_label;
  TfTextField      *text_field;
  GtkMenuButton    *actor_button;
  GtkPopover       *actor_popover;
  GtkSearchEntry   *actor_search;
  GtkListBox       *actor_list;
  GtkWidget        *actor_picture;
  GtkLabel         *actor_name;
  GtkEntry         *department_entry;
  AdwExpanderRow   *fail_row;
  AdwEntryRow      *owner_row;
  AdwEntryRow      *mitigation_row;
  AdwExpanderRow   *wait_row;
  AdwEntryRow      *duration_row;
  GtkSwitch        *pain_switch;
  GtkSwitch        *opportunity_switch;
  AdwPreferencesGroup *cites_group;
  GtkMenuButton    *cite_button;
  GtkPopover       *cite_popover;
  GtkSearchEntry   *cite_search;
  GtkListBox       *cite_list;
  GtkListBox       *cites_list;
  AdwExpanderRow   *evidence_row;
  AdwEntryRow      *evidence_label_row;
  GtkWidget        *silenced_group;
  GtkListBox       *silenced_list;
  AdwViewStackPage *findings_page;
  GtkStack         *findings_stack;
  GtkLabel         *findings_summary;
  GtkListBox       *findings_list;
  GtkWidget        *duplicate_button;
  GtkWidget        *compare_group;
  GtkSwitch        *compare_switch;
  GtkWidget        *compare_legend;
  GtkLabel         *added_label;
  GtkLabel         *changed_label;
  GtkLabel         *removed_label;
  GtkListBox       *removed_list;
};

G_DEFINE_FINAL_TYPE (TfBlueprintPanel, tf_blueprint_panel, TF_TYPE_BOARD_PANEL)

static void queue_refresh (TfBlueprintPanel *self);

static void
quote_free (gpointer data)
{
  Quote *quote = data;

  g_free (quote->text);
  g_free (quote->detail);
  g_free (quote->folded);
  g_free (quote);
}

static TfScene *
scene_of (TfBlueprintPanel *self)
{
  return self->view != NULL ? tf_board_view_get_scene (self->view) : NULL;
}

static TfStore *
store_of (TfBlueprintPanel *self)
{
  TfHistory *history = self->view != NULL ? tf_board_view_get_history (self->view) : NULL;

  return history != NULL ? tf_history_get_store (history) : NULL;
}

/* The blueprint as the scene holds it now. */
static TfBlueprint *
blueprint (TfBlueprintPanel *self)
{
  TfScene *scene = scene_of (self);

  if (self->bp == NULL && scene != NULL)
    self->bp = tf_blueprint_from_scene (scene);
  return self->bp;
}

static void
forget_blueprint (TfBlueprintPanel *self)
{
  g_clear_pointer (&self->bp, tf_blueprint_free);
}

static TfBpCard *
shown_card (TfBlueprintPanel *self)
{
  TfBlueprint *bp = blueprint (self);

  return bp != NULL && self->card_id != 0 ? tf_blueprint_card (bp, self->card_id) : NULL;
}

static void
run (TfBlueprintPanel *self,
     TfCommand        *command)
{
  g_autoptr(TfCommand) owned = command;

  if (self->view == NULL || owned == NULL)
    return;
  tf_board_view_execute (self->view, owned);
  /* Whatever happened, the blueprint is read again from the scene. */
  forget_blueprint (self);
}

/* Writes @card (a card of self->bp, changed in place) as one command. */
static void
commit_card (TfBlueprintPanel *self,
             TfBpCard         *card,
             const char       *label)
{
  if (self->updating || card == NULL)
    return;
  run (self, tf_bp_command_set_card (card, label));
}

static void
set_editable_text (GtkEditable *editable,
                   const char  *text,
                   gboolean     force)
{
  if (!force && tf_widget_focus_within (GTK_WIDGET (editable)))
    return;
  if (g_strcmp0 (gtk_editable_get_text (editable), text != NULL ? text : "") != 0)
    gtk_editable_set_text (editable, text != NULL ? text : "");
}

static char *
stripped (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Pictograms. */

static void
set_rgb (cairo_t *cr,
         guint32  rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static void
draw_stamp (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  const char *id = user_data;
  g_autoptr(TfStamp) stamp = id != NULL && id[0] != '\0'
                             ? tf_stamp_library_lookup (tf_stamp_library_get_default (), id) : NULL;
  double size = MIN (width, height);
  double inner = size * TF_STAMP_PICTOGRAM_RATIO;

  if (stamp == NULL)
    {
      /* No actor: an empty dashed disc. */
      static const double dash[] = { 3.0, 3.0 };

      cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0 - 1.5, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0.4, 0.4, 0.4, 0.6);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
      return;
    }
  cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0 - 1.0, 0, 2 * G_PI);
  set_rgb (cr, tf_stamp_get_color (stamp), 0.18);
  cairo_fill_preserve (cr);
  set_rgb (cr, tf_stamp_get_color (stamp), 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  tf_stamp_library_draw (tf_stamp_library_get_default (), id, cr,
                         (width - inner) / 2, (height - inner) / 2, inner, FALSE);
}

static GtkWidget *
pictogram_new (const char *id,
               int         size)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_stamp, g_strdup (id), g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  return area;
}

static char *
stamp_name (const char *id)
{
  g_autoptr(TfStamp) stamp = NULL;

  if (id == NULL || id[0] == '\0')
    return g_strdup (_("None"));
  stamp = tf_stamp_library_lookup (tf_stamp_library_get_default (), id);
  return g_strdup (stamp != NULL ? tf_stamp_get_name (stamp) : id);
}

static void
show_actor (TfBlueprintPanel *self,
            const char       *id)
{
  g_autofree char *name = stamp_name (id);

  if (g_strcmp0 (self->actor_id, id) != 0)
    {
      replace (&self->actor_id, id);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->actor_picture), draw_stamp,
                                      g_strdup (id), g_free);
    }
  gtk_label_set_label (self->actor_name, name);
}

/* The actor picker. */

static GtkWidget *
actor_choice_new (TfStamp *stamp)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  const char *id = stamp != NULL ? tf_stamp_get_id (stamp) : "";
  g_autofree char *name = stamp_name (id);
  GtkWidget *label = gtk_label_new (name);
  const TfStampFamily *family = stamp != NULL ? tf_stamp_get_family (stamp) : NULL;

  gtk_box_append (GTK_BOX (box), pictogram_new (id, PICTOGRAM_SIZE));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (family != NULL)
    {
      GtkWidget *detail = gtk_label_new (tf_stamp_family_get_name (family));

      gtk_widget_add_css_class (detail, "caption");
      gtk_widget_add_css_class (detail, "dim-label");
      gtk_box_append (GTK_BOX (box), detail);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "stamp-id", g_strdup (id), g_free);
  return row;
}

static void
fill_actor_list (TfBlueprintPanel *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->actor_search));
  g_autoptr(GPtrArray) found = tf_stamp_library_search (tf_stamp_library_get_default (), query);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actor_list))) != NULL)
    gtk_list_box_remove (self->actor_list, child);
  if (query[0] == '\0')
    gtk_list_box_append (self->actor_list, actor_choice_new (NULL));
  for (guint i = 0; i < found->len; i++)
    gtk_list_box_append (self->actor_list, actor_choice_new (g_ptr_array_index (found, i)));
}

static void
actor_popover_shown (TfBlueprintPanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->actor_search), "");
  fill_actor_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->actor_search));
}

static void
actor_search_changed (TfBlueprintPanel *self)
{
  fill_actor_list (self);
}

static void
pick_actor (TfBlueprintPanel *self,
            const char       *id)
{
  TfBpCard *card = shown_card (self);

  gtk_popover_popdown (self->actor_popover);
  if (card == NULL || g_strcmp0 (card->actor, id) == 0)
    return;
  replace (&card->actor, id);
  commit_card (self, card, id[0] != '\0' ? _("Set the actor") : _("Remove the actor"));
}

static void
actor_row_activated (TfBlueprintPanel *self,
                     GtkListBoxRow    *row)
{
  pick_actor (self, g_object_get_data (G_OBJECT (row), "stamp-id"));
}

/* Enter in the search takes the first match. */
static void
actor_search_activated (TfBlueprintPanel *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->actor_list, 0);

  if (row != NULL)
    pick_actor (self, g_object_get_data (G_OBJECT (row), "stamp-id"));
}

/* The boards of the experiment. */

typedef struct {
  gint64  id;
  char   *kind;
  char   *name;
} Board;

static void
board_clear (gpointer data)
{
  Board *board = data;

  g_free (board->kind);
  g_free (board->name);
}

static gboolean
collect_board (sqlite3_stmt *row,
               gpointer      user_data)
{
  Board board = {
    sqlite3_column_int64 (row, 0),
    g_strdup ((const char *) sqlite3_column_text (row, 1)),
    g_strdup ((const char *) sqlite3_column_text (row, 2)),
  };

  g_array_append_val ((GArray *) user_data, board);
  return TRUE;
}

static GArray *
experiment_boards (TfBlueprintPanel *self)
{
  GArray *boards = g_array_new (FALSE, TRUE, sizeof (Board));
  TfStore *store = store_of (self);
  g_autoptr(GError) error = NULL;

  g_array_set_clear_func (boards, board_clear);
  if (store != NULL && self->view != NULL &&
      !tf_board_rows_siblings (store, tf_board_view_get_board_id (self->view), collect_board, boards, &error))
    g_warning ("%s", error->message);
  return boards;
}

static const Board *
find_board (GArray *boards,
            gint64  id)
{
  for (guint i = 0; i < boards->len; i++)
    if (g_array_index (boards, Board, i).id == id)
      return &g_array_index (boards, Board, i);
  return NULL;
}

/* Departments already used by the cards of the experiment's boards of this
 * board's type, for the entry's completion. */
static void
add_department (GPtrArray  *names,
                const char *name)
{
  if (name == NULL || name[0] == '\0')
    return;
  for (guint i = 0; i < names->len; i++)
    if (g_utf8_collate (g_ptr_array_index (names, i), name) == 0)
      return;
  g_ptr_array_add (names, g_strdup (name));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
fill_departments (TfBlueprintPanel *self)
{
  g_autoptr(GArray) boards = experiment_boards (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  TfBlueprint *bp = blueprint (self);
  TfStore *store = store_of (self);
  gint64 own = self->view != NULL ? tf_board_view_get_board_id (self->view) : 0;
  const Board *self_board = find_board (boards, own);
  GtkEntryCompletion *completion = gtk_entry_get_completion (self->department_entry);
  GtkListStore *model = GTK_LIST_STORE (gtk_entry_completion_get_model (completion));

  for (guint i = 0; bp != NULL && i < bp->cards->len; i++)
    add_department (names, ((TfBpCard *) g_ptr_array_index (bp->cards, i))->department);
  for (guint b = 0; store != NULL && self_board != NULL && b < boards->len; b++)
    {
      const Board *board = &g_array_index (boards, Board, b);
      g_autoptr(GArray) rows = NULL;

      if (board->id == own || g_strcmp0 (board->kind, self_board->kind) != 0)
        continue;
      rows = tf_item_row_array_new ();
      if (!tf_item_rows_list (store, board->id, NULL, rows, NULL))
        continue;
      for (guint r = 0; r < rows->len; r++)
        {
          TfItemRow *row = &g_array_index (rows, TfItemRow, r);
          g_autoptr(JsonNode) root = row->payload != NULL ? tf_item_parse_json (row->payload) : NULL;

          if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
            add_department (names, tf_content_json_string (json_node_get_object (root),
                                                           "department", NULL));
        }
    }
  g_ptr_array_sort (names, compare_names);
  gtk_list_store_clear (model);
  for (guint i = 0; i < names->len; i++)
    gtk_list_store_insert_with_values (model, NULL, -1, 0, g_ptr_array_index (names, i), -1);
}

/* Cited insights. */

#define MAX_CITED_ROWS 200

typedef struct {
  GtkListBox *list;
  GHashTable *seen;
  TfBlueprintPanel *self;
} CitedRows;

static void
uncite_clicked (GtkButton        *button,
                TfBlueprintPanel *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "insight-id");
  TfBpCard *card = shown_card (self);

  if (card == NULL || card->cites == NULL)
    return;
  for (guint i = 0; i < card->cites->len; i++)
    if (g_array_index (card->cites, gint64, i) == id)
      {
        g_array_remove_index (card->cites, i);
        commit_card (self, card, _("Remove a cited insight"));
        return;
      }
}

static GtkWidget *
quote_row_new (TfBlueprintPanel *self,
               gint64            id,
               const char       *text,
               const char       *detail,
               gboolean          removable)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *quote = gtk_label_new (text);
  GtkWidget *source = gtk_label_new (detail);

  gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (quote), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (quote), 3);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (quote), 30);
  gtk_label_set_xalign (GTK_LABEL (source), 0);
  gtk_label_set_ellipsize (GTK_LABEL (source), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (source, "caption");
  gtk_widget_add_css_class (source, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), quote);
  gtk_box_append (GTK_BOX (texts), source);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, removable ? 6 : 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_tooltip_text (row, text);
  if (removable)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Cite No More"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Cite No More"), -1);
      g_object_set_data_full (G_OBJECT (button), "insight-id", g_memdup2 (&id, sizeof id), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (uncite_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    }
  g_object_set_data_full (G_OBJECT (row), "insight-id", g_memdup2 (&id, sizeof id), g_free);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static char *
source_of (const char *payload)
{
  g_auto(TfInsightFields) fields = { 0 };

  tf_insight_fields_init (&fields);
  tf_insight_fields_parse (&fields, payload);
  return g_strdup (tf_source_get_label (fields.source));
}

static gboolean
add_cited_row (sqlite3_stmt *row,
               gpointer      user_data)
{
  CitedRows *rows = user_data;
  gint64 id = sqlite3_column_int64 (row, 0);
  g_autofree char *source = source_of ((const char *) sqlite3_column_text (row, 3));

  g_hash_table_add (rows->seen, g_memdup2 (&id, sizeof id));
  gtk_list_box_append (rows->list,
                       quote_row_new (rows->self, id, (const char *) sqlite3_column_text (row, 2), source, TRUE));
  return TRUE;
}

static void
fill_cites (TfBlueprintPanel *self,
            TfBpCard         *card)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  CitedRows rows = { self->cites_list, seen, self };
  TfStore *store = store_of (self);
  GtkWidget *child;
  guint n = card->cites != NULL ? card->cites->len : 0;
  gint64 experiment = 0;

  /* A list a person reads: an archive's card may cite thousands of ids. */
  guint shown = MIN (n, MAX_CITED_ROWS);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cites_list))) != NULL)
    gtk_list_box_remove (self->cites_list, child);
  /* Only quotes of the card's experiment: a payload may cite foreign ids. */
  if (store != NULL && shown > 0 && self->view != NULL &&
      tf_board_rows_experiment (store, tf_board_view_get_board_id (self->view), &experiment, NULL))
    tf_item_rows_by_ids (store, experiment, (const gint64 *) card->cites->data, shown,
                         add_cited_row, &rows, NULL);
  /* Ids of insights no longer in the archive: still removable. */
  for (guint i = 0; i < shown; i++)
    {
      gint64 id = g_array_index (card->cites, gint64, i);

      if (!g_hash_table_contains (seen, &id))
        gtk_list_box_append (self->cites_list,
                             quote_row_new (self, id, _("An insight no longer in the archive"), "", TRUE));
    }
  if (n > shown)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more insight",
                                                            "and %u more insights", n - shown),
                                               n - shown);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (more);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 8);
      gtk_widget_set_margin_bottom (label, 8);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_name (row, "more-cites");
      gtk_list_box_append (self->cites_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->cites_list), n > 0);
  adw_preferences_group_set_description (self->cites_group,
                                         n == 0 ? _("No quote behind this card yet: cite the insights of the "
                                                    "experiment’s walls that show it.")
                                                : NULL);
}

/* The picker: every quote of the experiment's boards, searchable. */

static void
load_quotes (TfBlueprintPanel *self)
{
  g_autoptr(GArray) boards = experiment_boards (self);
  TfStore *store = store_of (self);

  g_ptr_array_set_size (self->quotes, 0);
  for (guint b = 0; store != NULL && b < boards->len; b++)
    {
      const Board *board = &g_array_index (boards, Board, b);
      const TfBoardType *type = tf_board_type_lookup (board->kind);
      g_autoptr(TfScene) scene = NULL;
      g_autoptr(GPtrArray) items = NULL;

      if (type == NULL || type->list_quotes == NULL)
        continue;
      scene = tf_scene_new_for_board (store, board->id, NULL);
      if (scene == NULL)
        continue;
      items = type->list_quotes (scene);
      for (guint i = 0; items != NULL && i < items->len; i++)
        {
          TfItem *item = g_ptr_array_index (items, i);
          Quote *quote = g_new0 (Quote, 1);
          g_autofree char *source = source_of (item->payload);
          g_autofree char *folded = tf_stamp_fold (item->text);

          quote->id = item->id;
          quote->text = g_strdup (item->text);
          quote->detail = g_strdup_printf ("%s · %s", source, board->name);
          quote->folded = g_strdup (folded);
          g_ptr_array_add (self->quotes, quote);
        }
    }
}

static gboolean
cites (const TfBpCard *card,
       gint64          id)
{
  for (guint i = 0; card != NULL && card->cites != NULL && i < card->cites->len; i++)
    if (g_array_index (card->cites, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
fill_cite_list (TfBlueprintPanel *self)
{
  g_autofree char *query = tf_stamp_fold (gtk_editable_get_text (GTK_EDITABLE (self->cite_search)));
  TfBpCard *card = shown_card (self);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cite_list))) != NULL)
    gtk_list_box_remove (self->cite_list, child);
  for (guint i = 0; i < self->quotes->len; i++)
    {
      Quote *quote = g_ptr_array_index (self->quotes, i);
      GtkWidget *row;

      if (query[0] != '\0' && strstr (quote->folded, query) == NULL)
        continue;
      row = quote_row_new (self, quote->id, quote->text, quote->detail, FALSE);
      /* Already cited: shown, not offered again. */
      if (cites (card, quote->id))
        gtk_widget_set_sensitive (row, FALSE);
      gtk_list_box_append (self->cite_list, row);
      shown++;
    }
  if (shown == 0)
    {
      GtkWidget *none = gtk_label_new (self->quotes->len == 0
                                       ? _("The experiment’s walls have no insight yet.")
                                       : _("No insight matches"));

      gtk_label_set_wrap (GTK_LABEL (none), TRUE);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_widget_set_margin_top (none, 12);
      gtk_widget_set_margin_bottom (none, 12);
      gtk_list_box_append (self->cite_list, none);
      gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->cite_list, 0), FALSE);
    }
}

static void
cite_popover_shown (TfBlueprintPanel *self)
{
  load_quotes (self);
  gtk_editable_set_text (GTK_EDITABLE (self->cite_search), "");
  fill_cite_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->cite_search));
}

static void
cite_search_changed (TfBlueprintPanel *self)
{
  fill_cite_list (self);
}

static void
cite_row_activated (TfBlueprintPanel *self,
                    GtkListBoxRow    *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "insight-id");
  TfBpCard *card = shown_card (self);

  if (id == NULL || card == NULL)
    return;
  gtk_popover_popdown (self->cite_popover);
  if (cites (card, *id))
    return;
  if (card->cites == NULL)
    card->cites = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (card->cites, *id);
  commit_card (self, card, _("Cite an insight"));
}

/* Silenced checks. */

static const char *
check_title (const char *id)
{
  const TfBpCheck *check = tf_bp_check_lookup (id);

  return check != NULL ? _(check->title) : id;
}

static void
unsilence_clicked (GtkButton        *button,
                   TfBlueprintPanel *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "check-id");
  TfBpCard *card = shown_card (self);

  if (card == NULL || card->silenced == NULL || !g_hash_table_remove (card->silenced, id))
    return;
  commit_card (self, card, _("Check again"));
}

static void
fill_silenced (TfBlueprintPanel *self,
               TfBpCard         *card)
{
  g_autoptr(GList) keys = card->silenced != NULL ? g_hash_table_get_keys (card->silenced) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->silenced_list))) != NULL)
    gtk_list_box_remove (self->silenced_list, child);
  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Check Again"));
      const char *reason = g_hash_table_lookup (card->silenced, l->data);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), check_title (l->data));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason != NULL ? reason : "");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data_full (G_OBJECT (button), "check-id", g_strdup (l->data), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (unsilence_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->silenced_list, row);
    }
  gtk_widget_set_visible (self->silenced_group, keys != NULL);
}

/* The card's fields. */

static void
commit_fields (TfBlueprintPanel *self);

static char *
cell_text (TfBlueprint *bp,
           TfBpCard    *card)
{
  int step = tf_blueprint_step_index (bp, card->step_id);
  int lane = tf_blueprint_lane_index (bp, card->lane_id);
  const TfBpStep *s = step >= 0 ? g_ptr_array_index (bp->steps, step) : NULL;
  const TfBpLane *l = lane >= 0 ? g_ptr_array_index (bp->lanes, lane) : NULL;

  if (s == NULL || l == NULL)
    return g_strdup ("");
  /* TRANSLATORS: where a card is: "Step 2 · Recevoir le kit · Frontstage". */
  return g_strdup_printf (_("Step %d · %s · %s"), step + 1,
                          s->title != NULL && s->title[0] != '\0' ? s->title : _("Untitled"),
                          tf_bp_lane_title (l));
}

static void
refresh_card (TfBlueprintPanel *self)
{
  g_autoptr(GArray) selection = NULL;
  TfBlueprint *bp = blueprint (self);
  TfBpCard *card = NULL;
  g_autofree char *cell = NULL;
  gboolean changed;

  if (bp != NULL && self->view != NULL)
    {
      selection = tf_board_view_get_selection (self->view);
      if (selection->len >= 1)
        card = tf_blueprint_card (bp, g_array_index (selection, gint64, 0));
    }

  changed = (card != NULL ? card->item_id : 0) != self->card_id;
  if (changed)
    {
      /* What was typed for the card shown so far goes to that card. */
      commit_fields (self);
      bp = blueprint (self);
      card = bp != NULL && card != NULL ? tf_blueprint_card (bp, g_array_index (selection, gint64, 0)) : NULL;
      self->card_id = card != NULL ? card->item_id : 0;
    }
  if (card == NULL)
    {
      gtk_stack_set_visible_child_name (self->card_stack, "none");
      return;
    }

  self->updating = TRUE;
  cell = cell_text (bp, card);
  gtk_label_set_label (self->cell_label, cell);
  if (changed || !tf_widget_focus_within (GTK_WIDGET (self->text_field)))
    tf_text_field_set_text (self->text_field, card->text != NULL ? card->text : "");
  show_actor (self, card->actor);
  set_editable_text (GTK_EDITABLE (self->department_entry), card->department, changed);

  adw_expander_row_set_enable_expansion (self->fail_row, (card->marks & TF_BP_MARK_FAIL) != 0);
  set_editable_text (GTK_EDITABLE (self->owner_row), card->fail_owner, changed);
  set_editable_text (GTK_EDITABLE (self->mitigation_row), card->fail_mitigation, changed);
  adw_expander_row_set_enable_expansion (self->wait_row, (card->marks & TF_BP_MARK_WAIT) != 0);
  set_editable_text (GTK_EDITABLE (self->duration_row), card->wait_duration, changed);
  gtk_switch_set_active (self->pain_switch, (card->marks & TF_BP_MARK_PAIN) != 0);
  gtk_switch_set_active (self->opportunity_switch, (card->marks & TF_BP_MARK_OPPORTUNITY) != 0);
  adw_expander_row_set_enable_expansion (self->evidence_row, card->has_evidence);
  set_editable_text (GTK_EDITABLE (self->evidence_label_row), card->evidence_label, changed);
  if (changed)
    {
      adw_expander_row_set_expanded (self->fail_row, (card->marks & TF_BP_MARK_FAIL) != 0);
      adw_expander_row_set_expanded (self->wait_row, (card->marks & TF_BP_MARK_WAIT) != 0);
      adw_expander_row_set_expanded (self->evidence_row, card->has_evidence);
      fill_departments (self);
    }
  fill_cites (self, card);
  fill_silenced (self, card);
  self->updating = FALSE;

  /* A read-only archive: the fields show, greyed, and change nothing. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->card_stack), tf_board_view_get_editable (self->view));
  gtk_stack_set_visible_child_name (self->card_stack, "fields");
}

static void
text_committed (TfBlueprintPanel *self,
                const char       *text)
{
  TfBpCard *card = shown_card (self);

  if (card == NULL || g_strcmp0 (card->text, text) == 0)
    return;
  replace (&card->text, text);
  commit_card (self, card, _("Edit the card’s text"));
}

/* Typed fields: each commits when left or activated, once per change. */
typedef enum {
  FIELD_DEPARTMENT,
  FIELD_OWNER,
  FIELD_MITIGATION,
  FIELD_DURATION,
  FIELD_EVIDENCE,
} Field;

static GtkEditable *
field_editable (TfBlueprintPanel *self,
                Field             field)
{
  switch (field)
    {
    case FIELD_DEPARTMENT: return GTK_EDITABLE (self->department_entry);
    case FIELD_OWNER: return GTK_EDITABLE (self->owner_row);
    case FIELD_MITIGATION: return GTK_EDITABLE (self->mitigation_row);
    case FIELD_DURATION: return GTK_EDITABLE (self->duration_row);
    case FIELD_EVIDENCE: return GTK_EDITABLE (self->evidence_label_row);
    default: g_assert_not_reached ();
    }
}

static void
commit_field (TfBlueprintPanel *self,
              Field             field)
{
  TfBpCard *card;
  g_autofree char *text = NULL;
  char **slot = NULL;
  const char *label = NULL;

  if (self->updating || (card = shown_card (self)) == NULL)
    return;
  text = stripped (field_editable (self, field));
  switch (field)
    {
    case FIELD_DEPARTMENT:
      slot = &card->department;
      label = _("Set the department");
      break;
    case FIELD_OWNER:
      slot = &card->fail_owner;
      label = _("Set the fail point’s owner");
      break;
    case FIELD_MITIGATION:
      slot = &card->fail_mitigation;
      label = _("Set the fail point’s mitigation");
      break;
    case FIELD_DURATION:
      slot = &card->wait_duration;
      label = _("Set the wait’s duration");
      break;
    case FIELD_EVIDENCE:
      slot = &card->evidence_label;
      label = _("Name the physical evidence");
      break;
    default:
      g_assert_not_reached ();
    }
  if (g_strcmp0 (*slot != NULL ? *slot : "", text) == 0)
    return;
  replace (slot, text);
  /* Typing an owner or a duration marks the card too. */
  if (field == FIELD_OWNER || field == FIELD_MITIGATION)
    card->marks |= TF_BP_MARK_FAIL;
  else if (field == FIELD_DURATION)
    card->marks |= TF_BP_MARK_WAIT;
  else if (field == FIELD_EVIDENCE)
    card->has_evidence = TRUE;
  commit_card (self, card, label);
}

static void
commit_fields (TfBlueprintPanel *self)
{
  if (self->card_id == 0)
    return;
  tf_text_field_commit (self->text_field);
  for (Field f = FIELD_DEPARTMENT; f <= FIELD_EVIDENCE; f++)
    commit_field (self, f);
}

static void
field_left (GtkEventControllerFocus *controller,
            TfBlueprintPanel        *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  commit_field (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "field")));
}

static void
field_activated (GtkWidget        *widget,
                 TfBlueprintPanel *self)
{
  commit_field (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "field")));
}

static void
commit_on_leave (TfBlueprintPanel *self,
                 Field             field)
{
  GtkWidget *widget = GTK_WIDGET (field_editable (self, field));
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data (G_OBJECT (widget), "field", GINT_TO_POINTER (field));
  g_signal_connect (focus, "leave", G_CALLBACK (field_left), self);
  gtk_widget_add_controller (widget, focus);
  g_signal_connect (widget, ADW_IS_ENTRY_ROW (widget) ? "entry-activated" : "activate",
                    G_CALLBACK (field_activated), self);
}

static void
toggle_mark (TfBlueprintPanel *self,
             TfBpMarks         mark,
             gboolean          on,
             const char       *label_on,
             const char       *label_off)
{
  TfBpCard *card;

  if (self->updating || (card = shown_card (self)) == NULL || ((card->marks & mark) != 0) == on)
    return;
  if (on)
    card->marks |= mark;
  else
    card->marks &= ~(guint) mark;
  commit_card (self, card, on ? label_on : label_off);
}

static void
fail_toggled (TfBlueprintPanel *self)
{
  gboolean on = adw_expander_row_get_enable_expansion (self->fail_row);

  if (self->updating)
    return;
  toggle_mark (self, TF_BP_MARK_FAIL, on, _("Mark a fail point"), _("Remove the fail point"));
  if (on)
    adw_expander_row_set_expanded (self->fail_row, TRUE);
}

static void
wait_toggled (TfBlueprintPanel *self)
{
  gboolean on = adw_expander_row_get_enable_expansion (self->wait_row);

  if (self->updating)
    return;
  toggle_mark (self, TF_BP_MARK_WAIT, on, _("Mark a wait point"), _("Remove the wait point"));
  if (on)
    adw_expander_row_set_expanded (self->wait_row, TRUE);
}

static void
pain_toggled (TfBlueprintPanel *self)
{
  toggle_mark (self, TF_BP_MARK_PAIN, gtk_switch_get_active (self->pain_switch),
               _("Mark a pain point"), _("Remove the pain point"));
}

static void
opportunity_toggled (TfBlueprintPanel *self)
{
  toggle_mark (self, TF_BP_MARK_OPPORTUNITY, gtk_switch_get_active (self->opportunity_switch),
               _("Mark an opportunity"), _("Remove the opportunity"));
}

static void
evidence_toggled (TfBlueprintPanel *self)
{
  gboolean on = adw_expander_row_get_enable_expansion (self->evidence_row);
  TfBpCard *card;

  if (self->updating || (card = shown_card (self)) == NULL || card->has_evidence == on)
    return;
  card->has_evidence = on;
  commit_card (self, card, on ? _("Add physical evidence") : _("Remove the physical evidence"));
  if (on)
    adw_expander_row_set_expanded (self->evidence_row, TRUE);
}

/* Findings. */

static const char *
severity_icon (TfBpSeverity severity)
{
  switch (severity)
    {
    case TF_BP_SEVERITY_ERROR: return "dialog-error-symbolic";
    case TF_BP_SEVERITY_WARNING: return "dialog-warning-symbolic";
    case TF_BP_SEVERITY_INFO:
    default: return "dialog-information-symbolic";
    }
}

static const char *
severity_title (TfBpSeverity severity)
{
  switch (severity)
    {
    case TF_BP_SEVERITY_ERROR: return _("Errors");
    case TF_BP_SEVERITY_WARNING: return _("Warnings");
    case TF_BP_SEVERITY_INFO:
    default: return _("Suggestions");
    }
}

/* One finding's severity, in a word. */
static const char *
severity_name (TfBpSeverity severity)
{
  switch (severity)
    {
    case TF_BP_SEVERITY_ERROR: return _("Error");
    case TF_BP_SEVERITY_WARNING: return _("Warning");
    case TF_BP_SEVERITY_INFO:
    default: return _("Suggestion");
    }
}

static const char *
severity_class (TfBpSeverity severity)
{
  switch (severity)
    {
    case TF_BP_SEVERITY_ERROR: return "error";
    case TF_BP_SEVERITY_WARNING: return "warning";
    case TF_BP_SEVERITY_INFO:
    default: return "accent";
    }
}

/* The first card a finding names: where a silence is written. */
static TfBpCard *
finding_card (TfBlueprintPanel  *self,
              const TfBpFinding *finding)
{
  TfBlueprint *bp = blueprint (self);

  for (guint i = 0; bp != NULL && finding->items != NULL && i < finding->items->len; i++)
    {
      TfBpCard *card = tf_blueprint_card (bp, g_array_index (finding->items, gint64, i));

      if (card != NULL)
        return card;
    }
  return NULL;
}

typedef struct {
  TfBlueprintPanel *self;
  char             *check_id;
  gint64            card_id;
  GtkEntry         *entry;
} Silence;

static void
silence_free (gpointer data)
{
  Silence *silence = data;

  g_object_unref (silence->self);
  g_free (silence->check_id);
  g_free (silence);
}

static void
silence_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Silence          *silence)
{
  TfBlueprintPanel *self = silence->self;
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (silence->entry))));
  TfBlueprint *bp = blueprint (self);
  TfBpCard *card = bp != NULL ? tf_blueprint_card (bp, silence->card_id) : NULL;

  if (g_strcmp0 (response, "silence") != 0 || card == NULL || reason[0] == '\0')
    return;
  if (card->silenced == NULL)
    card->silenced = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (card->silenced, g_strdup (silence->check_id), g_strdup (reason));
  commit_card (self, card, _("Silence a check"));
}

static void
reason_changed (GtkEditable      *entry,
                AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "silence", reason[0] != '\0');
}

static void
silence_clicked (GtkButton        *button,
                 TfBlueprintPanel *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "finding"));
  const TfBpFinding *finding = index < self->findings->len ? g_ptr_array_index (self->findings, index) : NULL;
  TfBpCard *card = finding != NULL ? finding_card (self, finding) : NULL;
  GtkWidget *dialog, *entry;
  Silence *silence;
  g_autofree char *body = NULL;

  if (card == NULL)
    return;
  body = g_strdup_printf (_("“%s” will no longer be reported for the card “%s”. Say why, for whoever reads "
                            "the blueprint next."),
                          _(finding->check->title), card->text != NULL ? card->text : "");
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Silence This Check?"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("The reason (the service handles it by phone…)"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "silence", _("_Silence"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "silence", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "silence", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "silence");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (reason_changed), dialog);
  /* Enter answers as the Silence button does, and closes the dialog
   * (adw_message_dialog_response() alone would leave it open). */
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);

  silence = g_new0 (Silence, 1);
  silence->self = g_object_ref (self);
  silence->check_id = g_strdup (finding->check->id);
  silence->card_id = card->item_id;
  silence->entry = GTK_ENTRY (entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (silence_response), silence,
                         (GClosureNotify) (void (*) (void)) silence_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static GtkWidget *
heading_row_new (const char *icon,
                 const char *title,
                 const char *css_class)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (image, css_class);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 2);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  return row;
}

static GtkWidget *
finding_row_new (TfBlueprintPanel  *self,
                 const TfBpFinding *finding,
                 guint              index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *image = gtk_image_new_from_icon_name (severity_icon (finding->check->severity));
  GtkWidget *message = gtk_label_new (finding->message);
  GtkWidget *fix = gtk_label_new (finding->fix);

  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_widget_set_margin_top (image, 2);
  gtk_widget_add_css_class (image, severity_class (finding->check->severity));
  /* The severity is told by the icon alone: named, read with the row. */
  tf_a11y_set_label (image, severity_name (finding->check->severity));
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (message), 32);
  gtk_label_set_max_width_chars (GTK_LABEL (fix), 36);
  gtk_label_set_wrap (GTK_LABEL (fix), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (fix), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (fix), 0);
  gtk_widget_add_css_class (fix, "caption");
  gtk_widget_add_css_class (fix, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), message);
  gtk_box_append (GTK_BOX (texts), fix);
  if (finding->silenced != NULL)
    {
      g_autofree char *why = g_strdup_printf (_("Silenced: %s"), finding->silenced);
      GtkWidget *reason = gtk_label_new (why);

      gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (reason), 36);
      gtk_label_set_xalign (GTK_LABEL (reason), 0);
      gtk_widget_add_css_class (reason, "caption");
      gtk_box_append (GTK_BOX (texts), reason);
      gtk_widget_add_css_class (row, "silenced-finding");
      gtk_widget_add_css_class (message, "dim-label");
    }
  else if (finding_card (self, finding) != NULL && tf_board_view_get_editable (self->view))
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Silence…"));

      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_widget_set_margin_top (button, 4);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "caption");
      gtk_widget_set_tooltip_text (button, _("Stop reporting this check for this card, with a reason"));
      g_object_set_data (G_OBJECT (button), "finding", GUINT_TO_POINTER (index));
      g_signal_connect (button, "clicked", G_CALLBACK (silence_clicked), self);
      gtk_box_append (GTK_BOX (texts), button);
    }
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "finding", GUINT_TO_POINTER (index));
  gtk_widget_set_tooltip_text (row, _("Show on the board"));
  return row;
}

static void
refresh_findings (TfBlueprintPanel *self)
{
  TfBlueprint *bp = blueprint (self);
  GtkWidget *child;
  guint counts[3] = { 0, 0, 0 };
  guint n_silenced = 0, n_open;
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  if (bp != NULL)
    {
      /* A card citing a mockup's photo has evidence (read from the archive). */
      g_autoptr(GHashTable) evidence = tf_blueprint_cited_evidence (bp, store_of (self), NULL);
      TfBpCheckOptions options = { .evidence = evidence };

      self->findings = tf_blueprint_check (bp, &options);
    }
  else
    self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_bp_finding_free);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, child);

  for (guint i = 0; i < self->findings->len; i++)
    {
      TfBpFinding *finding = g_ptr_array_index (self->findings, i);

      if (finding->silenced != NULL)
        n_silenced++;
      else
        counts[CLAMP ((int) finding->check->severity, 0, 2)]++;
    }
  /* Errors first, then warnings, then suggestions; the silenced last. */
  for (int severity = TF_BP_SEVERITY_ERROR; severity >= TF_BP_SEVERITY_INFO; severity--)
    {
      if (counts[severity] == 0)
        continue;
      gtk_list_box_append (self->findings_list,
                           heading_row_new (severity_icon (severity), severity_title (severity),
                                            severity_class (severity)));
      for (guint i = 0; i < self->findings->len; i++)
        {
          TfBpFinding *finding = g_ptr_array_index (self->findings, i);

          if (finding->silenced == NULL && (int) finding->check->severity == severity)
            gtk_list_box_append (self->findings_list, finding_row_new (self, finding, i));
        }
    }
  if (n_silenced > 0)
    {
      gtk_list_box_append (self->findings_list,
                           heading_row_new ("notifications-disabled-symbolic", _("Silenced"), "dim-label"));
      for (guint i = 0; i < self->findings->len; i++)
        {
          TfBpFinding *finding = g_ptr_array_index (self->findings, i);

          if (finding->silenced != NULL)
            gtk_list_box_append (self->findings_list, finding_row_new (self, finding, i));
        }
    }

  n_open = counts[0] + counts[1] + counts[2];
  adw_view_stack_page_set_badge_number (self->findings_page, n_open);
  adw_view_stack_page_set_needs_attention (self->findings_page, counts[TF_BP_SEVERITY_ERROR] > 0);
  if (n_open == 0 && n_silenced == 0)
    {
      gtk_stack_set_visible_child_name (self->findings_stack, "none");
      return;
    }
  if (n_open == 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The blueprint passes all checks, %u of them silenced.",
                                            "The blueprint passes all checks, %u of them silenced.",
                                            n_silenced),
                               n_silenced);
  else
    {
      /* "2 errors, 3 warnings": the kinds that have findings. */
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

      if (counts[2] > 0)
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                                              counts[2]), counts[2]));
      if (counts[1] > 0)
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                              counts[1]), counts[1]));
      if (counts[0] > 0)
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u suggestion",
                                                              "%u suggestions", counts[0]), counts[0]));
      g_ptr_array_add (parts, NULL);
      summary = g_strjoinv (", ", (char **) parts->pdata);
    }
  gtk_label_set_label (self->findings_summary, summary);
  gtk_stack_set_visible_child_name (self->findings_stack, "list");
}

static void
finding_activated (TfBlueprintPanel *self,
                   GtkListBoxRow    *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "finding"));
  TfScene *scene = scene_of (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const TfBpFinding *finding;

  if (scene == NULL || index >= self->findings->len)
    return;
  finding = g_ptr_array_index (self->findings, index);
  for (guint i = 0; finding->items != NULL && i < finding->items->len; i++)
    {
      gint64 id = g_array_index (finding->items, gint64, i);

      if (tf_scene_lookup (scene, id) != NULL)
        g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    return;
  tf_board_view_select (self->view, (const gint64 *) ids->data, ids->len);
  tf_board_view_reveal_item (self->view, g_array_index (ids, gint64, 0));
}

/* As-is and to-be. */

static void
clear_comparison (TfBlueprintPanel *self)
{
  if (self->view != NULL)
    tf_canvas_view_clear_tints (TF_CANVAS_VIEW (self->view));
}

static void
refresh_compare (TfBlueprintPanel *self)
{
  TfBlueprint *bp = blueprint (self);
  gint64 as_is_board = bp != NULL ? bp->compare_board : 0;
  g_autoptr(TfBlueprint) as_is = NULL;
  TfBpComparison *comparison;
  g_autofree char *added = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *removed = NULL;
  TfStore *store = store_of (self);
  GtkWidget *child;

  gtk_widget_set_visible (self->compare_group, as_is_board != 0);
  gtk_widget_set_sensitive (self->duplicate_button,
                            bp != NULL && self->view != NULL && tf_board_view_get_editable (self->view));
  clear_comparison (self);
  gtk_widget_set_visible (self->compare_legend, FALSE);
  if (as_is_board == 0 || !gtk_switch_get_active (self->compare_switch) || store == NULL)
    {
      g_clear_object (&self->as_is_scene);
      return;
    }
  if (self->as_is_scene == NULL || tf_scene_get_board_id (self->as_is_scene) != as_is_board)
    {
      g_clear_object (&self->as_is_scene);
      self->as_is_scene = tf_scene_new_for_board (store, as_is_board, NULL);
      if (self->as_is_scene == NULL)
        return;
      /* The as-is board may change too (another window, undo). */
      g_signal_connect_object (self->as_is_scene, "items-changed", G_CALLBACK (queue_refresh), self,
                               G_CONNECT_SWAPPED);
    }
  as_is = tf_blueprint_from_scene (self->as_is_scene);
  comparison = tf_blueprint_compare (as_is, bp);

  tf_canvas_view_set_tints (TF_CANVAS_VIEW (self->view), (const gint64 *) comparison->added->data,
                            comparison->added->len, TF_BLUEPRINT_ADDED_RGB);
  tf_canvas_view_set_tints (TF_CANVAS_VIEW (self->view), (const gint64 *) comparison->changed->data,
                            comparison->changed->len, TF_BLUEPRINT_CHANGED_RGB);

  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "● %u card added", "● %u cards added",
                                        comparison->added->len), comparison->added->len);
  changed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "● %u card changed", "● %u cards changed",
                                          comparison->changed->len), comparison->changed->len);
  removed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u card removed", "%u cards removed",
                                          comparison->removed->len), comparison->removed->len);
  gtk_label_set_label (self->added_label, added);
  gtk_label_set_label (self->changed_label, changed);
  gtk_label_set_label (self->removed_label, removed);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->removed_list))) != NULL)
    gtk_list_box_remove (self->removed_list, child);
  for (guint i = 0; i < comparison->removed->len; i++)
    {
      TfBpCard *card = tf_blueprint_card (as_is, g_array_index (comparison->removed, gint64, i));
      GtkWidget *row = adw_action_row_new ();

      if (card == NULL)
        continue;
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), card->text);
      gtk_list_box_append (self->removed_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->removed_list), comparison->removed->len > 0);
  gtk_widget_set_visible (self->compare_legend, TRUE);
  tf_bp_comparison_free (comparison);
}

static void
compare_toggled (TfBlueprintPanel *self)
{
  refresh_compare (self);
}

static void
duplicate_clicked (TfBlueprintPanel *self)
{
  g_autoptr(GArray) boards = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autofree char *name = NULL;
  const Board *board;
  gint64 board_id, to_be;

  if (self->view == NULL || (board_id = tf_board_view_get_board_id (self->view)) == 0)
    return;
  boards = experiment_boards (self);
  board = find_board (boards, board_id);
  /* TRANSLATORS: the name of a blueprint's to-be copy. */
  name = g_strdup_printf (_("%s (to-be)"), board != NULL ? board->name : _("Blueprint"));
  command = tf_bp_command_duplicate_to_be (board_id, name);
  if (!tf_board_view_execute (self->view, command))
    return;
  to_be = tf_command_get_result_id (command);
  if (to_be != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-board", "x", to_be);
}

/* Following the view. */

static gboolean
refresh_timeout (gpointer user_data)
{
  TfBlueprintPanel *self = user_data;

  self->refresh_source = 0;
  /* Hidden (another board type's panel shows): nothing to run. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->card_id = 0;
      return G_SOURCE_REMOVE;
    }
  refresh_card (self);
  refresh_findings (self);
  refresh_compare (self);
  return G_SOURCE_REMOVE;
}

/* The checks run again once the edits pause, not for every change. */
static void
queue_refresh (TfBlueprintPanel *self)
{
  forget_blueprint (self);
  if (self->refresh_source != 0)
    return;
  self->refresh_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, REFRESH_DELAY_MS, refresh_timeout,
                                             self, NULL);
}

static void
selection_changed (TfBlueprintPanel *self)
{
  refresh_card (self);
}

/* The card shown follows its own changes at once (an undo, a field just
 * committed); the checks and the comparison wait for a pause. */
static void
items_changed (TfBlueprintPanel *self,
               GArray           *ids)
{
  gboolean shown = FALSE;

  queue_refresh (self);
  for (guint i = 0; ids != NULL && i < ids->len && !shown; i++)
    shown = self->card_id != 0 && g_array_index (ids, gint64, i) == self->card_id;
  if (shown && gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_card (self);
}

static void
board_changed (TfBlueprintPanel *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  forget_blueprint (self);
  g_clear_object (&self->as_is_scene);
  self->card_id = 0;
  self->updating = TRUE;
  gtk_switch_set_active (self->compare_switch, FALSE);
  self->updating = FALSE;
  refresh_timeout (self);
}

static void
tf_blueprint_panel_map (GtkWidget *widget)
{
  TfBlueprintPanel *self = TF_BLUEPRINT_PANEL (widget);

  GTK_WIDGET_CLASS (tf_blueprint_panel_parent_class)->map (widget);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  forget_blueprint (self);
  refresh_timeout (self);
}

static void
tf_blueprint_panel_dispose (GObject *object)
{
  TfBlueprintPanel *self = TF_BLUEPRINT_PANEL (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  tf_blueprint_panel_set_view (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TF_TYPE_BLUEPRINT_PANEL);
  forget_blueprint (self);
  g_clear_object (&self->as_is_scene);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->quotes, g_ptr_array_unref);
  g_clear_pointer (&self->actor_id, g_free);

  G_OBJECT_CLASS (tf_blueprint_panel_parent_class)->dispose (object);
}

static TfBoardView *
tf_blueprint_panel_get_board_view (TfBoardPanel *panel)
{
  return tf_blueprint_panel_get_view (TF_BLUEPRINT_PANEL (panel));
}

static void
tf_blueprint_panel_set_board_view (TfBoardPanel *panel,
                                   TfBoardView  *view)
{
  tf_blueprint_panel_set_view (TF_BLUEPRINT_PANEL (panel), view);
}

static void
add_css (void)
{
  static gboolean added;
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autofree char *css = NULL;

  if (added || gdk_display_get_default () == NULL)
    return;
  added = TRUE;
  css = g_strdup_printf (".blueprint-panel label.compare-added { color: #%06x; font-weight: bold; }\n"
                         ".blueprint-panel label.compare-changed { color: #%06x; font-weight: bold; }\n"
                         ".blueprint-panel .findings-list row { padding-left: 12px; padding-right: 12px; }\n",
                         TF_BLUEPRINT_ADDED_RGB, 0xB07400);
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css, -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
tf_blueprint_panel_class_init (TfBlueprintPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_blueprint_panel_dispose;
  widget_class->map = tf_blueprint_panel_map;
  TF_BOARD_PANEL_CLASS (klass)->get_view = tf_blueprint_panel_get_board_view;
  TF_BOARD_PANEL_CLASS (klass)->set_view = tf_blueprint_panel_set_board_view;

  g_type_ensure (TF_TYPE_TEXT_FIELD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/transfo/Transfo/tf-blueprint-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, card_stack);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, cell_label);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, text_field);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, actor_button);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, actor_popover);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, actor_search);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, actor_list);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, department_entry);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, fail_row);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, owner_row);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, mitigation_row);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, wait_row);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, duration_row);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, pain_switch);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, opportunity_switch);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, cites_group);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, cite_button);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, cite_popover);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, cite_search);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, cite_list);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, cites_list);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, evidence_row);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, evidence_label_row);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, silenced_group);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, silenced_list);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, findings_page);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, findings_stack);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, findings_summary);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, findings_list);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, duplicate_button);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, compare_group);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, compare_switch);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, compare_legend);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, added_label);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, changed_label);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, removed_label);
  gtk_widget_class_bind_template_child (widget_class, TfBlueprintPanel, removed_list);
  gtk_widget_class_bind_template_callback (widget_class, text_committed);
  gtk_widget_class_bind_template_callback (widget_class, actor_popover_shown);
  gtk_widget_class_bind_template_callback (widget_class, actor_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, actor_search_activated);
  gtk_widget_class_bind_template_callback (widget_class, actor_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, fail_toggled);
  gtk_widget_class_bind_template_callback (widget_class, wait_toggled);
  gtk_widget_class_bind_template_callback (widget_class, pain_toggled);
  gtk_widget_class_bind_template_callback (widget_class, opportunity_toggled);
  gtk_widget_class_bind_template_callback (widget_class, evidence_toggled);
  gtk_widget_class_bind_template_callback (widget_class, cite_popover_shown);
  gtk_widget_class_bind_template_callback (widget_class, cite_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, cite_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, finding_activated);
  gtk_widget_class_bind_template_callback (widget_class, compare_toggled);
  gtk_widget_class_bind_template_callback (widget_class, duplicate_clicked);
}

static void
tf_blueprint_panel_init (TfBlueprintPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GtkListStore) departments = gtk_list_store_new (1, G_TYPE_STRING);
  GtkEntryCompletion *completion = gtk_entry_completion_new ();

  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  add_css ();
  self->quotes = g_ptr_array_new_with_free_func (quote_free);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) tf_bp_finding_free);

  /* The actor button: the pictogram and its name. */
  self->actor_picture = pictogram_new (NULL, 24);
  self->actor_name = GTK_LABEL (gtk_label_new (_("None")));
  gtk_label_set_ellipsize (self->actor_name, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->actor_name, 14);
  gtk_box_append (GTK_BOX (box), self->actor_picture);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->actor_name));
  gtk_menu_button_set_child (self->actor_button, box);

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (departments));
  gtk_entry_completion_set_text_column (completion, 0);
  /* Offered from the first letter typed; never written in by itself (an
   * inline completion would fill an emptied field). */
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_set_completion (self->department_entry, completion);
  g_object_unref (completion);

  commit_on_leave (self, FIELD_DEPARTMENT);
  commit_on_leave (self, FIELD_OWNER);
  commit_on_leave (self, FIELD_MITIGATION);
  commit_on_leave (self, FIELD_DURATION);
  commit_on_leave (self, FIELD_EVIDENCE);
  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->card_stack, "none");
  gtk_widget_set_visible (self->compare_group, FALSE);
}

GtkWidget *
tf_blueprint_panel_new (void)
{
  return g_object_new (TF_TYPE_BLUEPRINT_PANEL, NULL);
}

TfBoardView *
tf_blueprint_panel_get_view (TfBlueprintPanel *self)
{
  g_return_val_if_fail (TF_IS_BLUEPRINT_PANEL (self), NULL);

  return self->view;
}

GPtrArray *
tf_blueprint_panel_get_findings (TfBlueprintPanel *self)
{
  g_return_val_if_fail (TF_IS_BLUEPRINT_PANEL (self), NULL);

  return self->findings;
}

void
tf_blueprint_panel_refresh_now (TfBlueprintPanel *self)
{
  g_return_if_fail (TF_IS_BLUEPRINT_PANEL (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  forget_blueprint (self);
  refresh_timeout (self);
}

void
tf_blueprint_panel_set_view (TfBlueprintPanel *self,
                             TfBoardView      *view)
{
  g_return_if_fail (TF_IS_BLUEPRINT_PANEL (self));
  g_return_if_fail (view == NULL || TF_IS_BOARD_VIEW (view));

  if (self->view == view)
    return;

  if (self->view != NULL)
    {
      clear_comparison (self);
      g_signal_handlers_disconnect_by_data (self->view, self);
    }
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
