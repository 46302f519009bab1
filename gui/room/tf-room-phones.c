/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-room-phones"

#include <glib/gi18n.h>
#include <string.h>

#include "core/tf-contribution-rows.h"
#include "insights/tf-insight.h"
#include "room/tf-contribution.h"
#include "room/tf-qr.h"
#include "tf-room-phones.h"

struct _TfRoomPhones
{
  GObject       parent_instance;

  TfHistory    *history;
  TfStore      *store;
  gint64        experiment_id;
  TfRoomLink   *link;
  TfQr         *qr;
  gboolean      qr_shown;
  gboolean      qr_large;      /* Shift+Q: the code large, with the address */
  guint         n_code_draws;  /* of the audience's code, for tests */
  gboolean      accept_all;
  gint64        last_rejected;
  gint64        last_accepted; /* the note it became */
  guint         refresh_id;
  guint         show_tick;     /* scrolls the chosen row into sight */
  GArray       *waiting;       /* TfContributionRow, as listed */

  GtkWidget    *panel;
  GtkWidget    *open_button;
  GtkWidget    *chooser;       /* the popover of addresses */
  GtkWidget    *addresses;     /* its box of check buttons */
  GtkWidget    *choosing;      /* the address to focus when it pops up */
  GtkLabel     *status;
  GtkLabel     *count;
  GtkWidget    *small_qr;
  GtkWidget    *accept_switch;
  GtkListBox   *queue;
  GtkWidget    *queue_scrolled;
  GtkLabel     *empty;
  GtkWidget    *notice;        /* "Added to the wall", a moment */
  GtkLabel     *notice_label;
  guint         notice_id;
  GtkWidget    *editor;        /* a GtkEntry, shown while editing */
  gint64        editing;
  GtkWidget    *audience;      /* the large QR code */
  TfVoteRound  *round;         /* borrowed: the session's open round */
  GPtrArray    *round_texts;   /* its notes' texts, in its order */

  /* G and M: the chooser of a cluster or a note. */
  GtkWidget    *picker;        /* a popover */
  GtkLabel     *picker_title;
  GtkWidget    *picker_search; /* a GtkSearchEntry, for notes */
  GtkListBox   *picker_list;
  GtkWidget    *picker_scrolled;
  GPtrArray    *targets;       /* TfContributionTarget, as listed */
  gboolean      picking_notes;
  gint64        picking_for;   /* the contribution */
};

enum { VOTED, ACCEPTED, SHOW_ACCEPTED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TfRoomPhones, tf_room_phones, G_TYPE_OBJECT)

/* The QR code, drawn */

/* Modules of white around the code (the standard's quiet zone). */
#define QUIET 4

static void
draw_code (cairo_t    *cr,
           const TfQr *qr,
           double      x,
           double      y,
           double      module)
{
  double side = module * (qr->width + 2 * QUIET);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, side, side);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint j = 0; j < qr->width; j++)
    for (guint i = 0; i < qr->width; i++)
      if (tf_qr_get (qr, i, j))
        cairo_rectangle (cr, x + (i + QUIET) * module, y + (j + QUIET) * module, module, module);
  cairo_fill (cr);
}

static void
draw_small (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  TfRoomPhones *self = user_data;
  double module;

  (void) area;
  if (self->qr == NULL)
    return;
  /* Whole pixels a module, so that the code stays sharp. */
  module = MAX (1, (int) (MIN (width, height) / (self->qr->width + 2 * QUIET)));
  draw_code (cr, self->qr, (width - module * (self->qr->width + 2 * QUIET)) / 2, 0, module);
}

/* The code's module in pixels over an audience view of @width × @height:
 * in a corner (a quarter of the height, at least 4 pixels a module, so
 * that a phone reads it from the front rows), or large (two thirds of the
 * height, from the back of the room). */
int
tf_room_phones_module_for (guint    modules,
                           int      width,
                           int      height,
                           gboolean large)
{
  double room = large ? MIN (height * 0.62, width * 0.45) : MIN (height * 0.25, width * 0.3);

  modules += 2 * QUIET;
  return MAX (large ? 2 : 4, (int) (room / modules));
}

/* A centred text of the code's card, @px high in @font, @width wide;
 * its height in @height. */
static PangoLayout *
card_layout (GtkWidget    *widget,
             const char   *text,
             const char   *font_name,
             int           px,
             int           width,
             PangoWrapMode wrap,
             int          *height)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoFontDescription *font = pango_font_description_from_string (font_name);

  pango_font_description_set_absolute_size (font, px * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, wrap);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, NULL, height);
  return layout;
}

/* Over the audience view: the code in the bottom-right corner under a
 * short title, or (Shift+Q) large on the right with the address under
 * it; black on white whatever the view's colours. */
static void
draw_large (TfRoomPhones *self,
            GtkWidget    *area,
            GtkSnapshot  *snapshot,
            int           width,
            int           height)
{
  const char *url = tf_room_phones_get_url (self);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) title = NULL;
  int modules, module, side, margin, text_h = 0, title_h, pad, title_px;
  double x, y, card_h;
  cairo_t *cr;

  if (self->qr == NULL || url == NULL)
    return;
  self->n_code_draws++;
  modules = self->qr->width + 2 * QUIET;
  module = tf_room_phones_module_for (self->qr->width, width, height, self->qr_large);
  side = module * modules;
  pad = self->qr_large ? MAX (8, side / 30) : MAX (4, side / 40);
  margin = self->qr_large ? MAX (16, height / 30) : MAX (8, height / 60);
  /* Legible in the room: never under 14 pixels, the corner's title too. */
  title_px = self->qr_large ? MAX (14, side / 16) : MAX (14, side / 12);

  if (self->qr_large)
    {
      layout = card_layout (area, url, "Monospace Bold", MAX (12, side / 26), side - 2 * pad,
                            PANGO_WRAP_CHAR, &text_h);
      text_h += pad;
    }
  title = card_layout (area, self->qr_large ? _("Send your insights from your phone")
                                                         : _("Your insights by phone"),
                       "Sans Bold", title_px, side - 2 * pad, PANGO_WRAP_WORD, &title_h);

  card_h = title_h + side + text_h + 2 * pad;
  x = width - margin - side;
  y = self->qr_large ? MAX (margin, (height - card_h) / 2) : height - margin - card_h;
  /* A node as large as the card: drawn again, it repaints the card alone,
   * not the whole audience window under it. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x, y, side, card_h));
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, side, card_h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, x + pad, y + pad);
  pango_cairo_show_layout (cr, title);
  draw_code (cr, self->qr, x, y + title_h + pad, module);
  if (layout != NULL)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, x + pad, y + title_h + pad + side);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);
}

/* The code's layer over the audience view: as large as the view, drawing
 * the card alone (a drawing area's node would cover the whole view). */
#define TF_TYPE_ROOM_CODE_LAYER (tf_room_code_layer_get_type ())
G_DECLARE_FINAL_TYPE (TfRoomCodeLayer, tf_room_code_layer, TF, ROOM_CODE_LAYER, GtkWidget)

struct _TfRoomCodeLayer
{
  GtkWidget     parent_instance;
  TfRoomPhones *phones;   /* not referenced: it clears this as it goes */
};

G_DEFINE_FINAL_TYPE (TfRoomCodeLayer, tf_room_code_layer, GTK_TYPE_WIDGET)

static void
tf_room_code_layer_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  TfRoomCodeLayer *self = TF_ROOM_CODE_LAYER (widget);

  if (self->phones != NULL)
    draw_large (self->phones, widget, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
}

static void
tf_room_code_layer_class_init (TfRoomCodeLayerClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = tf_room_code_layer_snapshot;
}

static void
tf_room_code_layer_init (TfRoomCodeLayer *self)
{
  (void) self;
}

/* The queue */

/* The codes are drawn again only when they change (the room opened or
 * closed, Q, Shift+Q), never for a phone's insight: without GL, drawing
 * over the audience view repaints the whole window. */
static void
queue_draw_codes (TfRoomPhones *self)
{
  gtk_widget_queue_draw (self->small_qr);
  gtk_widget_queue_draw (self->audience);
}

static void
update_state (TfRoomPhones *self)
{
  gboolean open = self->link != NULL && tf_room_link_get_open (self->link);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u waiting", "%u waiting",
                                                         self->waiting->len), self->waiting->len);

  gtk_button_set_label (GTK_BUTTON (self->open_button), open ? _("Close the Room (O)") : _("Open the Room (O)"));
  gtk_label_set_text (self->count, count);
  gtk_widget_set_visible (self->small_qr, open);
  gtk_widget_set_visible (self->audience, open && self->qr_shown);
  gtk_widget_set_visible (GTK_WIDGET (self->empty), self->waiting->len == 0);
  gtk_widget_set_visible (self->queue_scrolled, self->waiting->len > 0);
  if (!open)
    gtk_label_set_text (self->empty, _("Open the room (O) so that people can send insights from their phones, "
                                       "over this room’s network"));
  else if (!self->qr_shown)
    gtk_label_set_text (self->empty, _("Show the QR code (Q) so that people can send insights from their phones"));
  else
    gtk_label_set_text (self->empty, _("Waiting for insights from phones"));
}

/* One line a contribution (its time, its text cut, its category): a short
 * screen lists many; the one selected shows its whole text. */
static GtkWidget *
queue_row_new (const TfContributionRow *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_label_new (row->text);
  g_autoptr(GDateTime) arrived = g_date_time_new_from_iso8601 (row->arrived_at, NULL);
  g_autoptr(GDateTime) local = arrived != NULL ? g_date_time_to_local (arrived) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("");
  GtkWidget *caption = gtk_label_new (when);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_yalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_widget_add_css_class (caption, "numeric");
  gtk_box_append (GTK_BOX (box), caption);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_tooltip_text (text, row->text);
  gtk_box_append (GTK_BOX (box), text);
  g_object_set_data (G_OBJECT (box), "tf-text", text);
  if (row->category[0] != '\0')
    {
      TfSource source;
      /* Shown as the insights name it ("Official's staff"), not its id. */
      const char *category = tf_source_from_string (row->category, &source) ? tf_source_get_label (source)
                                                                            : row->category;
      GtkWidget *label = gtk_label_new (category);

      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  return box;
}

/* The selected row unfolds its text; the others keep one line. */
static void
queue_selected (TfRoomPhones *self)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->queue);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->queue)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = GTK_IS_LIST_BOX_ROW (row) ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)) : NULL;
      GtkLabel *text = child != NULL ? g_object_get_data (G_OBJECT (child), "tf-text") : NULL;
      gboolean open = row == GTK_WIDGET (selected);

      if (text == NULL || gtk_label_get_wrap (text) == open)
        continue;
      gtk_label_set_single_line_mode (text, !open);
      gtk_label_set_wrap (text, open);
      gtk_label_set_lines (text, open ? 6 : -1);
    }
}

/* @row scrolled into the queue's sight once it has its place. */
static void
queue_show_row (TfRoomPhones  *self,
                GtkListBoxRow *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->queue_scrolled));
  graphene_rect_t bounds;

  if (row != NULL && gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->queue), &bounds))
    gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
}

/* The row chosen after a listing, scrolled into sight once the new rows
 * have their place (a frame later). */
static gboolean
queue_show_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  TfRoomPhones *self = user_data;
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->queue);

  (void) widget;
  (void) clock;
  if (row != NULL && gtk_widget_get_height (GTK_WIDGET (row)) == 0 && gtk_widget_get_mapped (widget))
    return G_SOURCE_CONTINUE;
  self->show_tick = 0;
  queue_show_row (self, row);
  return G_SOURCE_REMOVE;
}

/* J and K: the next or the previous waiting insight. */
static void
queue_move (TfRoomPhones *self,
            int           step)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->queue);
  int index = row != NULL ? gtk_list_box_row_get_index (row) + step : 0;

  if (self->waiting->len == 0)
    return;
  index = CLAMP (index, 0, (int) self->waiting->len - 1);
  row = gtk_list_box_get_row_at_index (self->queue, index);
  gtk_list_box_select_row (self->queue, row);
  queue_show_row (self, row);
}

static gboolean
same_row (const TfContributionRow *a,
          const TfContributionRow *b)
{
  return a->id == b->id && g_strcmp0 (a->text, b->text) == 0 && g_strcmp0 (a->category, b->category) == 0;
}

/* Whether @shorter is @longer without its row @at. */
static gboolean
one_removed (GArray *longer,
             GArray *shorter,
             guint   at)
{
  if (longer->len != shorter->len + 1)
    return FALSE;
  for (guint i = at; i < shorter->len; i++)
    if (!same_row (&g_array_index (longer, TfContributionRow, i + 1), &g_array_index (shorter, TfContributionRow, i)))
      return FALSE;
  return TRUE;
}

/* The queue listed again. Rows are kept where they are the same: phones
 * add at the end and a moderation takes one away, so that a burst of 600
 * insights lays out only the rows that came, not the whole list again. */
static void
refresh (TfRoomPhones *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) old = self->waiting;
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->queue);
  int index = selected != NULL ? gtk_list_box_row_get_index (selected) : -1;
  gint64 selected_id = index >= 0 && (guint) index < old->len ? g_array_index (old, TfContributionRow, index).id : 0;
  int chosen = -1;
  guint same = 0;
  GtkWidget *child;

  self->waiting = tf_contribution_row_array_new ();
  if (!tf_contribution_rows_list (self->store, self->experiment_id, TF_CONTRIBUTION_QUEUED, self->waiting, &error))
    g_warning ("Could not list the contributions: %s", error->message);
  while (same < old->len && same < self->waiting->len &&
         same_row (&g_array_index (old, TfContributionRow, same), &g_array_index (self->waiting, TfContributionRow, same)))
    same++;
  if (same < old->len && one_removed (old, self->waiting, same))
    {
      GtkListBoxRow *gone = gtk_list_box_get_row_at_index (self->queue, (int) same);

      if (gone != NULL)
        gtk_list_box_remove (self->queue, GTK_WIDGET (gone));
      same = self->waiting->len;
    }
  else if (same < old->len)
    {
      /* Anything else (an undo, an edit): listed again whole. */
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->queue))) != NULL)
        gtk_list_box_remove (self->queue, child);
      same = 0;
    }
  for (guint i = same; i < self->waiting->len; i++)
    gtk_list_box_append (self->queue, queue_row_new (&g_array_index (self->waiting, TfContributionRow, i)));
  for (guint i = 0; i < self->waiting->len && chosen < 0; i++)
    if (g_array_index (self->waiting, TfContributionRow, i).id == selected_id)
      chosen = (int) i;
  /* What the facilitator selected stays selected as phones send; once it
   * is moderated, the one after it (the keys always act on a row seen
   * selected), scrolled into sight. */
  if (chosen < 0 && self->waiting->len > 0)
    chosen = CLAMP (index, 0, (int) self->waiting->len - 1);
  if (chosen >= 0 && gtk_list_box_get_selected_row (self->queue) != gtk_list_box_get_row_at_index (self->queue, chosen))
    gtk_list_box_select_row (self->queue, gtk_list_box_get_row_at_index (self->queue, chosen));
  queue_selected (self);
  if (chosen >= 0 && g_array_index (self->waiting, TfContributionRow, chosen).id != selected_id &&
      self->show_tick == 0)
    self->show_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->queue), queue_show_tick, self, NULL);
  update_state (self);
}

static gboolean
refresh_idle (gpointer user_data)
{
  TfRoomPhones *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Many phones at once: one listing for all that arrived meanwhile. */
static void
schedule_refresh (TfRoomPhones *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_LOW, refresh_idle, self, NULL);
}

/* The queue lists contributions: other edits (a note typed) list nothing. */
static void
store_changed (TfRoomPhones *self,
               GArray       *changes,
               TfStore      *store)
{
  (void) store;
  for (guint i = 0; i < changes->len; i++)
    if (g_strcmp0 (g_array_index (changes, TfChange, i).table, "contributions") == 0)
      {
        schedule_refresh (self);
        return;
      }
}

static void
show_error (TfRoomPhones *self,
            const char   *message)
{
  gtk_label_set_text (self->status, message);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->status), TRUE);
}

static void
run (TfRoomPhones *self,
     TfCommand    *command)
{
  g_autoptr(TfCommand) owned = command;
  g_autoptr(GError) error = NULL;

  if (!tf_history_execute (self->history, owned, &error))
    show_error (self, error->message);
  refresh (self);
}

/* The contribution the keys act on: the one selected, else the oldest. */
static const TfContributionRow *
target (TfRoomPhones *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->queue);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : 0;

  if (index < 0 || (guint) index >= self->waiting->len)
    return NULL;
  return &g_array_index (self->waiting, TfContributionRow, index);
}

static gint64
board (TfRoomPhones *self)
{
  g_autoptr(GError) error = NULL;
  gint64 board_id = 0;

  if (!tf_contribution_find_board (self->store, self->experiment_id, &board_id, &error))
    g_warning ("%s", error->message);
  if (board_id == 0)
    show_error (self, _("No board of this experiment takes insights: add an insight wall to accept them"));
  return board_id;
}

static gboolean
notice_done (gpointer user_data)
{
  TfRoomPhones *self = user_data;

  self->notice_id = 0;
  gtk_widget_set_visible (self->notice, FALSE);
  return G_SOURCE_REMOVE;
}

/* Contribution @id went onto the wall (or did not): the note it became is
 * announced, for the session to show where it landed, and said on the
 * panel a moment, with the way to see it (D). */
static void
accepted (TfRoomPhones *self,
          gint64        id)
{
  g_auto(TfContributionRow) row = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean found = FALSE;

  if (!tf_contribution_rows_read (self->store, id, &row, &found, &error))
    g_warning ("%s", error->message);
  if (!found || row.state != TF_CONTRIBUTION_ACCEPTED || row.item_id == 0)
    return;
  self->last_accepted = row.item_id;
  g_clear_handle_id (&self->notice_id, g_source_remove);
  self->notice_id = g_timeout_add_seconds (10, notice_done, self);
  /* TRANSLATORS: the insight's text, cut. */
  text = g_strdup_printf (_("Added to the wall: “%s”"), row.text);
  gtk_label_set_text (self->notice_label, text);
  gtk_widget_set_visible (self->notice, TRUE);
  g_signal_emit (self, signals[ACCEPTED], 0, row.item_id);
}

static void
accept (TfRoomPhones *self)
{
  const TfContributionRow *row = target (self);
  gint64 board_id, id;

  if (row == NULL || (board_id = board (self)) == 0)
    return;
  id = row->id;
  run (self, tf_contribution_command_accept (&id, 1, board_id, 0));
  accepted (self, id);
}

static void
reject (TfRoomPhones *self)
{
  const TfContributionRow *row = target (self);

  if (row == NULL)
    return;
  self->last_rejected = row->id;
  run (self, tf_contribution_command_reject (row->id));
}

static void
restore (TfRoomPhones *self)
{
  g_autoptr(GArray) rejected = tf_contribution_row_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  /* The last one rejected here, else the last one rejected at all. */
  if (!tf_contribution_rows_list (self->store, self->experiment_id, TF_CONTRIBUTION_REJECTED, rejected, &error))
    g_warning ("%s", error->message);
  for (guint i = 0; i < rejected->len; i++)
    {
      const TfContributionRow *row = &g_array_index (rejected, TfContributionRow, i);

      if (row->id == self->last_rejected || id == 0 || i == rejected->len - 1)
        id = row->id;
      if (row->id == self->last_rejected)
        break;
    }
  if (id != 0)
    run (self, tf_contribution_command_restore (id));
}

static void
edit_done (TfRoomPhones *self,
           gboolean      keep)
{
  gint64 id = self->editing;
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor)));

  self->editing = 0;
  gtk_widget_set_visible (self->editor, FALSE);
  if (keep && id != 0)
    run (self, tf_contribution_command_edit (id, g_strstrip (text)));
}

static void
edit (TfRoomPhones *self)
{
  const TfContributionRow *row = target (self);

  if (row == NULL)
    return;
  self->editing = row->id;
  gtk_editable_set_text (GTK_EDITABLE (self->editor), row->text);
  gtk_widget_set_visible (self->editor, TRUE);
  gtk_widget_grab_focus (self->editor);
}

static void
editor_activate (TfRoomPhones *self)
{
  edit_done (self, TRUE);
}

/* G and M: choosing a cluster or a note */

static gboolean
picker_row_shown (GtkListBoxRow *row,
                  gpointer       user_data)
{
  TfRoomPhones *self = user_data;
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->picker_search));
  int index = gtk_list_box_row_get_index (row);
  const TfContributionTarget *target;
  g_autofree char *wanted = NULL;
  g_autofree char *text = NULL;

  if (typed[0] == '\0' || index < 0 || (guint) index >= self->targets->len)
    return TRUE;
  target = g_ptr_array_index (self->targets, index);
  wanted = g_utf8_casefold (typed, -1);
  text = g_utf8_casefold (target->text, -1);
  return strstr (text, wanted) != NULL;
}

/* The next row shown from @row on, going @step (1 or -1); NULL: none. */
static GtkListBoxRow *
picker_shown_from (TfRoomPhones *self,
                   int           index,
                   int           step)
{
  for (; index >= 0 && (guint) index < self->targets->len; index += step)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->picker_list, index);

      if (row != NULL && picker_row_shown (row, self))
        return row;
    }
  return NULL;
}

static void
picker_select (TfRoomPhones  *self,
               GtkListBoxRow *row)
{
  gtk_list_box_select_row (self->picker_list, row);
  if (row != NULL)
    {
      /* Scrolled into sight without taking the search entry's focus. */
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->picker_scrolled));
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->picker_list), &bounds))
        gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
    }
}

static void
picker_typed (TfRoomPhones *self)
{
  gtk_list_box_invalidate_filter (self->picker_list);
  picker_select (self, picker_shown_from (self, 0, 1));
}

static void
picker_choose (TfRoomPhones *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->picker_list);
  int index = row != NULL && picker_row_shown (row, self) ? gtk_list_box_row_get_index (row) : -1;
  gint64 id = self->picking_for, target_id, board_id;

  if (index < 0 || (guint) index >= self->targets->len)
    return;
  target_id = ((const TfContributionTarget *) g_ptr_array_index (self->targets, index))->id;
  gtk_popover_popdown (GTK_POPOVER (self->picker));
  if (self->picking_notes)
    run (self, tf_contribution_command_merge (id, target_id));
  else if ((board_id = board (self)) != 0)
    {
      run (self, tf_contribution_command_accept (&id, 1, board_id, target_id));
      accepted (self, id);
    }
}

static void
picker_activated (TfRoomPhones  *self,
                  GtkListBoxRow *row)
{
  picker_select (self, row);
  picker_choose (self);
}

static void
move_picker (TfRoomPhones *self,
             GtkWidget    *parent)
{
  g_autoptr(GtkWidget) picker = NULL;

  if (gtk_widget_get_parent (self->picker) == parent)
    return;
  /* Its parent holds the only reference. */
  picker = g_object_ref (self->picker);
  gtk_widget_unparent (picker);
  gtk_widget_set_parent (picker, parent);
}

/* Back under the queue once closed, so that the view it showed over can go
 * without it. */
static gboolean
picker_home (gpointer data)
{
  TfRoomPhones *self = data;

  if (self->picker != NULL && !gtk_widget_get_visible (self->picker) &&
      gtk_widget_get_parent (self->picker) != self->queue_scrolled)
    move_picker (self, self->queue_scrolled);
  return G_SOURCE_REMOVE;
}

static void
picker_closed (TfRoomPhones *self)
{
  self->picking_for = 0;
  if (gtk_widget_get_parent (self->picker) != self->queue_scrolled)
    g_idle_add_full (G_PRIORITY_DEFAULT, picker_home, g_object_ref (self), g_object_unref);
}

static void
pick (TfRoomPhones *self,
      gboolean      notes,
      GtkWidget    *over,
      gint64        pointed)
{
  const TfContributionTarget *row = NULL;
  const TfContributionRow *waiting = target (self);
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  gint64 board_id;
  int chosen = 0;

  if (waiting == NULL || (board_id = board (self)) == 0)
    return;
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  self->targets = tf_contribution_list_targets (self->store, board_id, !notes, &error);
  if (self->targets == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (self->targets->len == 0)
    {
      show_error (self, notes ? _("The wall has no note yet to merge into")
                              : _("The wall has no cluster yet: A puts the insight at the next free place"));
      return;
    }
  self->picking_notes = notes;
  self->picking_for = waiting->id;
  gtk_label_set_text (self->picker_title, notes ? _("Merge into which note?") : _("Accept into which cluster?"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picker_search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  notes ? _("Find a note by its text") : _("Find a cluster by its title"), -1);
  gtk_editable_set_text (GTK_EDITABLE (self->picker_search), "");
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->picker_list))) != NULL)
    gtk_list_box_remove (self->picker_list, child);
  for (guint i = 0; i < self->targets->len; i++)
    {
      GtkWidget *label;

      row = g_ptr_array_index (self->targets, i);
      label = gtk_label_new (row->text[0] != '\0' ? row->text : _("A cluster without a title"));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_set_tooltip_text (label, row->text);
      gtk_list_box_append (self->picker_list, label);
      if (row->id == pointed)
        chosen = (int) i;
    }
  move_picker (self, over != NULL ? over : self->queue_scrolled);
  if (over != NULL)
    {
      GdkRectangle middle = { gtk_widget_get_width (over) / 2, gtk_widget_get_height (over) / 3, 1, 1 };

      gtk_popover_set_pointing_to (GTK_POPOVER (self->picker), &middle);
    }
  else
    gtk_popover_set_pointing_to (GTK_POPOVER (self->picker), NULL);
  gtk_popover_popup (GTK_POPOVER (self->picker));
  picker_select (self, gtk_list_box_get_row_at_index (self->picker_list, chosen));
  gtk_widget_grab_focus (self->picker_search);
}

void
tf_room_phones_pick_cluster (TfRoomPhones *self,
                             GtkWidget    *over,
                             gint64        pointed)
{
  pick (self, FALSE, over, pointed);
}

void
tf_room_phones_pick_note (TfRoomPhones *self,
                          GtkWidget    *over,
                          gint64        pointed)
{
  pick (self, TRUE, over, pointed);
}

/* The keys of the editor and of the chooser, one handler: Escape leaves
 * either as it was; in the chooser, the arrows move and Enter chooses
 * (typing goes to its search entry). */
static gboolean
moderation_key (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                gpointer               user_data)
{
  TfRoomPhones *self = user_data;
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkListBoxRow *row;

  (void) keycode;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (widget == self->editor)
    {
      if (keyval != GDK_KEY_Escape)
        return FALSE;
      edit_done (self, FALSE);
      return TRUE;
    }
  row = gtk_list_box_get_selected_row (self->picker_list);
  switch (keyval)
    {
    case GDK_KEY_Escape:
      gtk_popover_popdown (GTK_POPOVER (self->picker));
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      picker_choose (self);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      {
        int step = keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? -1 : 1;
        GtkListBoxRow *next = row != NULL ? picker_shown_from (self, gtk_list_box_row_get_index (row) + step, step)
                                          : picker_shown_from (self, 0, 1);

        if (next != NULL)
          picker_select (self, next);
        return TRUE;
      }
    default:
      return FALSE;
    }
}

static void
add_moderation_keys (TfRoomPhones *self,
                     GtkWidget    *widget)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (moderation_key), self);
  gtk_widget_add_controller (widget, keys);
}

static void
build_picker (TfRoomPhones *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *hint = gtk_label_new (_("Type to find · ↑ ↓ choose · Enter · Escape leaves it as it was"));

  self->picker = gtk_popover_new ();
  gtk_widget_add_css_class (self->picker, "tf-room-picker");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  self->picker_title = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->picker_title, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->picker_title), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->picker_title));
  self->picker_search = gtk_search_entry_new ();
  g_signal_connect_swapped (self->picker_search, "changed", G_CALLBACK (picker_typed), self);
  gtk_box_append (GTK_BOX (box), self->picker_search);
  self->picker_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->picker_list, GTK_SELECTION_SINGLE);
  gtk_list_box_set_filter_func (self->picker_list, picker_row_shown, self, NULL);
  g_signal_connect_swapped (self->picker_list, "row-activated", G_CALLBACK (picker_activated), self);
  self->picker_scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->picker_scrolled), GTK_WIDGET (self->picker_list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->picker_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->picker_scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->picker_scrolled), 280);
  gtk_widget_set_size_request (self->picker_scrolled, 280, -1);
  gtk_box_append (GTK_BOX (box), self->picker_scrolled);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (box), hint);
  gtk_popover_set_child (GTK_POPOVER (self->picker), box);
  g_signal_connect_swapped (self->picker, "closed", G_CALLBACK (picker_closed), self);
  /* Whatever is typed in the popover goes to the search. */
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (self->picker_search), self->picker);
  add_moderation_keys (self, self->picker);
  gtk_widget_set_parent (self->picker, self->queue_scrolled);
}

static void
set_accept_all (TfRoomPhones *self,
                gboolean      on)
{
  gint64 board_id = on ? board (self) : 0;

  self->accept_all = on && board_id != 0;
  if (self->link != NULL)
    tf_room_link_set_accept_all (self->link, self->accept_all ? board_id : 0);
  if (self->accept_all && self->waiting->len > 0)
    run (self, tf_contribution_command_accept_all (self->experiment_id, board_id, 0));
  if (gtk_switch_get_active (GTK_SWITCH (self->accept_switch)) != self->accept_all)
    gtk_switch_set_active (GTK_SWITCH (self->accept_switch), self->accept_all);
}

static void
accept_switched (TfRoomPhones *self)
{
  if (gtk_switch_get_active (GTK_SWITCH (self->accept_switch)) != self->accept_all)
    set_accept_all (self, gtk_switch_get_active (GTK_SWITCH (self->accept_switch)));
}

/* Opening and closing */

static void
link_closed (TfRoomPhones *self)
{
  g_clear_pointer (&self->qr, tf_qr_free);
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  update_state (self);
  queue_draw_codes (self);
}

static void
link_voted (TfRoomPhones *self,
            guint         colour,
            guint         n_dots)
{
  g_signal_emit (self, signals[VOTED], 0, colour, n_dots);
}

void
tf_room_phones_set_round (TfRoomPhones *self,
                          TfVoteRound  *round,
                          GPtrArray    *texts)
{
  g_return_if_fail (TF_IS_ROOM_PHONES (self));

  self->round = round;
  if (texts != self->round_texts)
    {
      g_clear_pointer (&self->round_texts, g_ptr_array_unref);
      self->round_texts = texts != NULL ? g_ptr_array_ref (texts) : NULL;
    }
  if (self->link != NULL)
    tf_room_link_set_round (self->link, round, self->round_texts);
}

gboolean
tf_room_phones_open (TfRoomPhones *self,
                     const char   *address,
                     GError      **error)
{
  GError *local = NULL;
  g_autofree char *status = NULL;

  tf_room_phones_close (self);
  if (self->link == NULL)
    {
      self->link = tf_room_link_new (self->store, self->history, self->experiment_id);
      g_signal_connect_object (self->link, "received", G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->link, "closed", G_CALLBACK (link_closed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->link, "voted", G_CALLBACK (link_voted), self, G_CONNECT_SWAPPED);
    }
  /* A round opened before the room: the phones vote in it at once. */
  tf_room_link_set_round (self->link, self->round, self->round_texts);
  if (!tf_room_link_open (self->link, address, 0, &local))
    {
      g_autofree char *message = g_strdup_printf (_("The room could not open: %s"), local->message);

      show_error (self, message);
      g_propagate_error (error, local);
      update_state (self);
      return FALSE;
    }
  if (self->accept_all)
    set_accept_all (self, TRUE);
  self->qr = tf_qr_new (tf_room_link_get_url (self->link));
  self->qr_shown = TRUE;
  status = g_strdup_printf (_("Phones on this network: %s"), tf_room_link_get_url (self->link));
  gtk_label_set_text (self->status, status);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->status), TRUE);
  update_state (self);
  queue_draw_codes (self);
  return TRUE;
}

void
tf_room_phones_close (TfRoomPhones *self)
{
  if (self->link != NULL && tf_room_link_get_open (self->link))
    tf_room_link_close (self->link);
  link_closed (self);
}

static void
chooser_open (TfRoomPhones *self)
{
  GtkWidget *check;

  for (check = gtk_widget_get_first_child (self->addresses); check != NULL; check = gtk_widget_get_next_sibling (check))
    if (GTK_IS_CHECK_BUTTON (check) && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
      {
        g_autofree char *address = g_strdup (g_object_get_data (G_OBJECT (check), "tf-address"));

        gtk_popover_popdown (GTK_POPOVER (self->chooser));
        tf_room_phones_open (self, address, NULL);
        return;
      }
}

static gboolean
address_key (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             TfRoomPhones          *self)
{
  GtkWidget *check = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  (void) keycode;
  (void) state;
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  chooser_open (self);
  return TRUE;
}

static void
popup_chooser (TfRoomPhones *self)
{
  GtkWidget *choosing = g_steal_pointer (&self->choosing);

  if (choosing == NULL)
    return;
  gtk_popover_popup (GTK_POPOVER (self->chooser));
  gtk_widget_grab_focus (choosing);
}

/* The machine's addresses, the first that is not the loopback chosen:
 * never every interface at once. */
static void
show_chooser (TfRoomPhones *self)
{
  g_auto(GStrv) addresses = tf_room_link_list_addresses ();
  GtkWidget *child, *first = NULL, *chosen = NULL;

  self->choosing = NULL;
  while ((child = gtk_widget_get_first_child (self->addresses)) != NULL)
    gtk_box_remove (GTK_BOX (self->addresses), child);
  child = gtk_label_new (_("The network phones use to reach this computer:"));
  gtk_label_set_xalign (GTK_LABEL (child), 0);
  gtk_widget_add_css_class (child, "heading");
  gtk_box_append (GTK_BOX (self->addresses), child);
  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (addresses[i]);
      g_autofree char *what = tf_room_link_describe_address (addresses[i]);
      /* TRANSLATORS: an address and what it is, "192.168.1.20 — Wi-Fi (wlp2s0)". */
      g_autofree char *label = g_strdup_printf (_("%s — %s"), addresses[i], what);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      GtkEventController *keys = gtk_event_controller_key_new ();

      g_object_set_data_full (G_OBJECT (check), "tf-address", g_strdup (addresses[i]), g_free);
      /* Enter on an address opens the room on it (a check button would
       * only toggle). */
      g_signal_connect (keys, "key-pressed", G_CALLBACK (address_key), self);
      gtk_widget_add_controller (check, keys);

      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (first));
      else
        first = check;
      if (chosen == NULL && inet != NULL && !g_inet_address_get_is_loopback (inet))
        chosen = check;
      gtk_box_append (GTK_BOX (self->addresses), check);
    }
  if (first == NULL)
    {
      show_error (self, _("This computer has no network address: connect it to the room’s network "
                          "or start a hotspot"));
      return;
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (chosen != NULL ? chosen : first), TRUE);
  child = gtk_button_new_with_label (_("Open"));
  gtk_widget_add_css_class (child, "suggested-action");
  g_signal_connect_swapped (child, "clicked", G_CALLBACK (chooser_open), self);
  gtk_box_append (GTK_BOX (self->addresses), child);
  gtk_popover_set_default_widget (GTK_POPOVER (self->chooser), child);
  self->choosing = chosen != NULL ? chosen : first;
  /* The presenter's controls just shown over the audience view are not
   * there yet: the chooser waits for its button. */
  if (gtk_widget_get_mapped (self->open_button))
    popup_chooser (self);
}

static void
toggle_open (TfRoomPhones *self)
{
  if (self->link != NULL && tf_room_link_get_open (self->link))
    tf_room_phones_close (self);
  else
    show_chooser (self);
}

/* Q shows or hides the code; Shift+Q makes it large (with the address)
 * or puts it back in its corner, shown either way. */
static void
toggle_qr (TfRoomPhones *self,
           gboolean      size)
{
  if (size)
    {
      self->qr_large = self->qr_shown ? !self->qr_large : TRUE;
      self->qr_shown = TRUE;
    }
  else
    self->qr_shown = !self->qr_shown;
  update_state (self);
  queue_draw_codes (self);
}

static void
show_accepted (TfRoomPhones *self)
{
  if (self->last_accepted != 0)
    g_signal_emit (self, signals[SHOW_ACCEPTED], 0, self->last_accepted);
}

gboolean
tf_room_phones_key (TfRoomPhones    *self,
                    guint            keyval,
                    GdkModifierType  state)
{
  g_autoptr(GError) error = NULL;

  if ((state & GDK_CONTROL_MASK) != 0)
    {
      gboolean shift = (state & GDK_SHIFT_MASK) != 0;

      if (keyval == GDK_KEY_Z && shift)
        keyval = GDK_KEY_y;
      if (keyval == GDK_KEY_z || keyval == GDK_KEY_Z)
        {
          if (tf_history_get_can_undo (self->history) && !tf_history_undo (self->history, &error))
            show_error (self, error->message);
        }
      else if (keyval == GDK_KEY_y || keyval == GDK_KEY_Y)
        {
          if (tf_history_get_can_redo (self->history) && !tf_history_redo (self->history, &error))
            show_error (self, error->message);
        }
      else
        return FALSE;
      refresh (self);
      return TRUE;
    }
  if ((state & GDK_ALT_MASK) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_o:
    case GDK_KEY_O:
      toggle_open (self);
      return TRUE;
    case GDK_KEY_q:
    case GDK_KEY_Q:
      toggle_qr (self, (state & GDK_SHIFT_MASK) != 0);
      return TRUE;
    case GDK_KEY_j:
    case GDK_KEY_J:
      queue_move (self, 1);
      return TRUE;
    case GDK_KEY_k:
    case GDK_KEY_K:
      queue_move (self, -1);
      return TRUE;
    case GDK_KEY_d:
    case GDK_KEY_D:
      show_accepted (self);
      return TRUE;
    case GDK_KEY_a:
    case GDK_KEY_A:
      accept (self);
      return TRUE;
    case GDK_KEY_e:
    case GDK_KEY_E:
      edit (self);
      return TRUE;
    case GDK_KEY_x:
    case GDK_KEY_X:
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      reject (self);
      return TRUE;
    case GDK_KEY_u:
    case GDK_KEY_U:
      restore (self);
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
tf_room_phones_get_busy (TfRoomPhones *self)
{
  return gtk_widget_get_visible (self->chooser) || gtk_widget_get_visible (self->picker) || self->editing != 0;
}

/* Building */

static void
build_panel (TfRoomPhones *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (_("Insights from phones"));
  GtkWidget *switch_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *switch_label = gtk_label_new (_("Accept all"));
  GtkWidget *hint = gtk_label_new (_("J K choose · A accept · G into a cluster · M merge into a note · E edit · "
                                   "X reject · U restore · D show the one accepted · Ctrl+Z undo"));
  GtkWidget *open_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *open_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *show_button;
  GtkWidget *popover_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->panel = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (self->panel, "tf-room-phones");

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_hexpand (title, TRUE);
  /* The count stays whole in a narrow column; the title takes two lines
   * there rather than being cut (800 × 600, in French), broken between
   * words only: its least width is its longest word's, not a letter's
   * ("Insig-hts des télép-hones" in a 1280-pixel presenter window). */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD);
  self->count = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->count), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->count), "accent");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->count));
  gtk_box_append (GTK_BOX (self->panel), header);

  self->open_button = gtk_button_new_with_label (_("Open the Room (O)"));
  gtk_widget_set_focus_on_click (self->open_button, FALSE);
  gtk_widget_set_tooltip_text (self->open_button,
                               _("Serve a page on this room’s network where phones send insights; nothing leaves the room"));
  g_signal_connect_swapped (self->open_button, "clicked", G_CALLBACK (toggle_open), self);
  g_signal_connect_swapped (self->open_button, "map", G_CALLBACK (popup_chooser), self);
  self->chooser = gtk_popover_new ();
  self->addresses = popover_box;
  gtk_widget_set_margin_start (popover_box, 6);
  gtk_widget_set_margin_end (popover_box, 6);
  gtk_widget_set_margin_top (popover_box, 6);
  gtk_widget_set_margin_bottom (popover_box, 6);
  gtk_popover_set_child (GTK_POPOVER (self->chooser), popover_box);
  gtk_widget_set_parent (self->chooser, self->open_button);
  gtk_box_append (GTK_BOX (open_box), self->open_button);

  self->status = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_wrap_mode (self->status, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (self->status, TRUE);
  gtk_label_set_xalign (self->status, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  gtk_box_append (GTK_BOX (open_box), GTK_WIDGET (self->status));
  gtk_widget_set_hexpand (open_box, TRUE);

  /* The small code beside the button and the address: the queue keeps
   * the height of a short screen. */
  self->small_qr = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->small_qr), 96);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->small_qr), 96);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->small_qr), draw_small, self, NULL);
  gtk_widget_set_visible (self->small_qr, FALSE);
  gtk_widget_set_valign (self->small_qr, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (open_row), self->small_qr);
  gtk_box_append (GTK_BOX (open_row), open_box);
  gtk_box_append (GTK_BOX (self->panel), open_row);

  /* What was accepted, a moment, and the way to show it to the room. */
  self->notice = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->notice, "tf-room-notice");
  self->notice_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_ellipsize (self->notice_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->notice_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->notice_label), TRUE);
  gtk_box_append (GTK_BOX (self->notice), GTK_WIDGET (self->notice_label));
  show_button = gtk_button_new_with_label (_("Show It (D)"));
  gtk_widget_set_focus_on_click (show_button, FALSE);
  gtk_widget_add_css_class (show_button, "flat");
  gtk_widget_set_tooltip_text (show_button, _("Take the audience view to the note it became, and back with Z"));
  g_signal_connect_swapped (show_button, "clicked", G_CALLBACK (show_accepted), self);
  gtk_box_append (GTK_BOX (self->notice), show_button);
  gtk_widget_set_visible (self->notice, FALSE);
  gtk_box_append (GTK_BOX (self->panel), self->notice);

  self->accept_switch = gtk_switch_new ();
  gtk_widget_set_focus_on_click (self->accept_switch, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->accept_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Accept all"), -1);
  g_signal_connect_swapped (self->accept_switch, "notify::active", G_CALLBACK (accept_switched), self);
  gtk_label_set_xalign (GTK_LABEL (switch_label), 0);
  gtk_widget_set_hexpand (switch_label, TRUE);
  gtk_widget_set_hexpand (switch_label, FALSE);
  gtk_widget_set_margin_start (switch_box, 12);
  gtk_box_append (GTK_BOX (switch_box), switch_label);
  gtk_box_append (GTK_BOX (switch_box), self->accept_switch);
  /* On the title's line: the queue keeps the height of a short screen. */
  gtk_widget_set_valign (self->accept_switch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (header), switch_box);

  self->empty = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->empty, TRUE);
  gtk_label_set_xalign (self->empty, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty), "dim-label");
  gtk_box_append (GTK_BOX (self->panel), GTK_WIDGET (self->empty));

  self->queue = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->queue), "boxed-list");
  gtk_list_box_set_selection_mode (self->queue, GTK_SELECTION_SINGLE);
  self->queue_scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->queue_scrolled), GTK_WIDGET (self->queue));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->queue_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  /* It takes the height left, at least four rows: the header and its
   * count stay in sight while it scrolls. */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->queue_scrolled), 120);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->queue_scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->queue_scrolled), 400);
  gtk_widget_set_vexpand (self->queue_scrolled, TRUE);
  gtk_box_append (GTK_BOX (self->panel), self->queue_scrolled);
  g_signal_connect_swapped (self->queue, "selected-rows-changed", G_CALLBACK (queue_selected), self);

  self->editor = gtk_entry_new ();
  gtk_entry_set_max_length (GTK_ENTRY (self->editor), TF_CONTRIBUTION_MAX_TEXT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The insight’s text (Enter keeps it, Escape leaves it as it was)"), -1);
  g_signal_connect_swapped (self->editor, "activate", G_CALLBACK (editor_activate), self);
  add_moderation_keys (self, self->editor);
  gtk_widget_set_visible (self->editor, FALSE);
  gtk_box_append (GTK_BOX (self->panel), self->editor);

  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (self->panel), hint);

  build_picker (self);

  self->audience = g_object_new (TF_TYPE_ROOM_CODE_LAYER, NULL);
  TF_ROOM_CODE_LAYER (self->audience)->phones = self;
  gtk_widget_set_can_target (self->audience, FALSE);
  gtk_widget_set_visible (self->audience, FALSE);
}

TfRoomPhones *
tf_room_phones_new (TfHistory *history,
                    gint64     experiment_id)
{
  TfRoomPhones *self = g_object_new (TF_TYPE_ROOM_PHONES, NULL);

  self->history = g_object_ref (history);
  self->store = g_object_ref (tf_history_get_store (history));
  self->experiment_id = experiment_id;
  self->waiting = tf_contribution_row_array_new ();
  build_panel (self);
  g_object_ref_sink (self->panel);
  g_object_ref_sink (self->audience);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed), self, G_CONNECT_SWAPPED);
  refresh (self);
  return self;
}

GtkWidget *
tf_room_phones_get_panel (TfRoomPhones *self)
{
  return self->panel;
}

GtkWidget *
tf_room_phones_get_audience (TfRoomPhones *self)
{
  return self->audience;
}

TfRoomLink *
tf_room_phones_get_link (TfRoomPhones *self)
{
  return self->link;
}

const char *
tf_room_phones_get_url (TfRoomPhones *self)
{
  return self->link != NULL ? tf_room_link_get_url (self->link) : NULL;
}

gboolean
tf_room_phones_get_qr_shown (TfRoomPhones *self)
{
  return self->qr_shown && tf_room_phones_get_url (self) != NULL;
}

guint
tf_room_phones_get_n_waiting (TfRoomPhones *self)
{
  return self->waiting->len;
}

gint64
tf_room_phones_get_selected (TfRoomPhones *self)
{
  const TfContributionRow *row = target (self);

  return row != NULL ? row->id : 0;
}

gint64
tf_room_phones_get_last_accepted (TfRoomPhones *self)
{
  return self->last_accepted;
}

const char *
tf_room_phones_get_notice (TfRoomPhones *self)
{
  return gtk_widget_get_visible (self->notice) ? gtk_label_get_text (self->notice_label) : NULL;
}

guint
tf_room_phones_get_n_code_draws (TfRoomPhones *self)
{
  g_return_val_if_fail (TF_IS_ROOM_PHONES (self), 0);

  return self->n_code_draws;
}

gboolean
tf_room_phones_get_qr_large (TfRoomPhones *self)
{
  return self->qr_large;
}

GtkWidget *
tf_room_phones_get_queue (TfRoomPhones *self)
{
  return GTK_WIDGET (self->queue);
}

GtkWidget *
tf_room_phones_get_count (TfRoomPhones *self)
{
  return GTK_WIDGET (self->count);
}

static void
tf_room_phones_dispose (GObject *object)
{
  TfRoomPhones *self = TF_ROOM_PHONES (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->notice_id, g_source_remove);
  if (self->show_tick != 0 && self->queue != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->queue), self->show_tick);
  self->show_tick = 0;
  if (self->link != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->link, self);
      tf_room_link_close (self->link);
      g_clear_object (&self->link);
    }
  if (self->chooser != NULL)
    g_clear_pointer (&self->chooser, gtk_widget_unparent);
  if (self->picker != NULL)
    g_clear_pointer (&self->picker, gtk_widget_unparent);
  g_clear_object (&self->panel);
  if (self->audience != NULL)
    TF_ROOM_CODE_LAYER (self->audience)->phones = NULL;
  g_clear_object (&self->audience);
  G_OBJECT_CLASS (tf_room_phones_parent_class)->dispose (object);
}

static void
tf_room_phones_finalize (GObject *object)
{
  TfRoomPhones *self = TF_ROOM_PHONES (object);

  g_clear_pointer (&self->qr, tf_qr_free);
  g_clear_pointer (&self->waiting, g_array_unref);
  g_clear_pointer (&self->round_texts, g_ptr_array_unref);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->history);
  G_OBJECT_CLASS (tf_room_phones_parent_class)->finalize (object);
}

static void
tf_room_phones_class_init (TfRoomPhonesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tf_room_phones_dispose;
  object_class->finalize = tf_room_phones_finalize;

  /* A phone's ballot went into the round (its colour, its dots). */
  signals[VOTED] = g_signal_new ("voted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /* A contribution went onto the wall: the note it became. */
  signals[ACCEPTED] = g_signal_new ("accepted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* D or the notice's button: show that note to the room. */
  signals[SHOW_ACCEPTED] = g_signal_new ("show-accepted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
tf_room_phones_init (TfRoomPhones *self)
{
  (void) self;
}
