/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-board-view"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "canvas/tf-item-commands.h"
#include "canvas/tf-item-kinds.h"
#include "core/tf-content.h"
#include "insights/tf-insight.h"
#include "insights/tf-note-kind.h"
#include "tf-board-view-private.h"

/* Items copied from a board, for pasting into a board. */
#define TF_ITEMS_MIME "application/x-transfo-items+json"

#define PASTE_OFFSET   40.0
/* A pasted text longer than this many lines is cut there. */
#define MAX_PASTED_NOTES 2000

static void
select_created (TfBoardView *self,
                TfCommand   *command)
{
  guint n = 0;
  const gint64 *ids = tf_item_command_get_ids (command, &n);

  tf_board_view_select (self, ids, n);
}

/* Clipboard: our own format for whole items, and plain text (one line per
 * quote) for every other application. */

static char *
item_line (const TfItem *item)
{
  char *line = g_strdup (item->text);

  g_strdelimit (line, "\r\n\t", ' ');
  return g_strstrip (line);
}

static GdkContentProvider *
make_content (TfBoardView *self,
              GArray      *ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  char *json;
  g_autoptr(GBytes) bytes = NULL;
  GdkContentProvider *providers[2];

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  /* Zones first: notes pasted inside a pasted zone join its cluster. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < ids->len; i++)
      {
        TfItem *item = tf_scene_lookup (self->canvas.scene, g_array_index (ids, gint64, i));

        if (item == NULL || tf_board_view_is_tidy_container (self, item) != (pass == 0))
          continue;
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "kind");
        json_builder_add_string_value (builder, item->kind_id);
        json_builder_set_member_name (builder, "x");
        json_builder_add_double_value (builder, item->bounds.x);
        json_builder_set_member_name (builder, "y");
        json_builder_add_double_value (builder, item->bounds.y);
        json_builder_set_member_name (builder, "width");
        json_builder_add_double_value (builder, item->bounds.width);
        json_builder_set_member_name (builder, "height");
        json_builder_add_double_value (builder, item->bounds.height);
        json_builder_set_member_name (builder, "text");
        json_builder_add_string_value (builder, item->text);
        json_builder_set_member_name (builder, "style");
        json_builder_add_string_value (builder, item->style);
        json_builder_set_member_name (builder, "payload");
        json_builder_add_string_value (builder, item->payload);
        json_builder_end_object (builder);

        if (!tf_board_view_is_tidy_container (self, item) && item->text[0] != '\0')
          {
            g_autofree char *line = item_line (item);

            g_string_append (text, line);
            g_string_append_c (text, '\n');
          }
      }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  bytes = g_bytes_new_take (json, strlen (json));
  providers[0] = gdk_content_provider_new_for_bytes (TF_ITEMS_MIME, bytes);
  providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, text->str);
  return gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
}

gboolean
tf_board_view_copy (TfBoardView *self)
{
  g_autoptr(GArray) ids = tf_board_view_selected_ids (self, NULL);
  g_autoptr(GdkContentProvider) content = NULL;

  if (ids->len == 0)
    return FALSE;
  content = make_content (self, ids);
  return gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), content);
}

/* Where pasted things go: centred on the pointer when it is on the board,
 * else a step down and right of where they were copied from. */
static void
paste_offset (TfBoardView  *self,
              const TfRect *all,
              double       *dx,
              double       *dy)
{
  *dx = *dy = PASTE_OFFSET;
  if (self->pointer_inside && !tf_rect_is_empty (all))
    {
      double bx, by;

      tf_board_view_to_board (self, self->pointer_x, self->pointer_y, &bx, &by);
      *dx = bx - (all->x + all->width / 2);
      *dy = by - (all->y + all->height / 2);
    }
}

static void
paste_items (TfBoardView *self,
             const char  *json,
             gsize        length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) news = g_array_new (FALSE, TRUE, sizeof (TfNewItem));
  g_autoptr(TfCommand) command = NULL;
  g_autofree char *noun = NULL;
  g_autofree char *label = NULL;
  JsonNode *root;
  JsonArray *array;
  TfRect all = { 0 };
  double dx, dy;
  const char *capture_kind = tf_board_view_capture_kind (self);

  /* The clipboard may hold anything another program put there: checked
   * like an archive's JSON before the (recursive) parser sees it. */
  if (length > G_MAXSSIZE || !tf_content_check_json (json, (gssize) length) ||
      !json_parser_load_from_data (parser, json, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "items") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "items")))
    {
      tf_board_view_show_toast (self, _("The clipboard holds nothing to paste on a board"), FALSE);
      return;
    }

  array = json_object_get_array_member (json_node_get_object (root), "items");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      TfNewItem item = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      item.kind = tf_content_json_string (object, "kind", capture_kind);
      if (item.kind == NULL)
        continue;
      item.bounds = TF_RECT_INIT (tf_content_json_double (object, "x", 0),
                                  tf_content_json_double (object, "y", 0),
                                  CLAMP (tf_content_json_double (object, "width", 200), 1, 100000),
                                  CLAMP (tf_content_json_double (object, "height", 200), 1, 100000));
      item.text = tf_content_json_string (object, "text", "");
      item.style = tf_content_json_string (object, "style", "{}");
      item.payload = tf_content_json_string (object, "payload", "{}");
      if (!isfinite (item.bounds.x) || !isfinite (item.bounds.y))
        continue;
      all = tf_rect_union (&all, &item.bounds);
      g_array_append_val (news, item);
    }
  if (news->len == 0)
    return;

  paste_offset (self, &all, &dx, &dy);
  for (guint i = 0; i < news->len; i++)
    {
      g_array_index (news, TfNewItem, i).bounds.x += dx;
      g_array_index (news, TfNewItem, i).bounds.y += dy;
    }

  noun = tf_new_items_name ((const TfNewItem *) news->data, news->len);
  label = g_strdup_printf (_("Paste %s"), noun);
  command = tf_command_add_items (self->board_id, (const TfNewItem *) news->data, news->len, label);
  if (tf_board_view_execute (self, command))
    select_created (self, command);
}

/* Plain text: one note per non-empty line, each at the next free place. */
static void
paste_text (TfBoardView *self,
            const char  *text)
{
  g_auto(GStrv) lines = g_strsplit_set (text, "\r\n", -1);
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) news = g_array_new (FALSE, TRUE, sizeof (TfNewItem));
  g_autoptr(TfScene) scratch = NULL;
  g_autoptr(TfCommand) command = NULL;
  g_autofree char *style = NULL;
  const char *capture_kind = tf_board_view_capture_kind (self);

  if (capture_kind == NULL)
    {
      tf_board_view_show_nothing_to_paste (self);
      return;
    }
  for (guint i = 0; lines[i] != NULL && quotes->len < MAX_PASTED_NOTES; i++)
    {
      char *line = g_strstrip (g_strdup (lines[i]));

      if (line[0] == '\0' || !g_utf8_validate (line, -1, NULL))
        g_free (line);
      else
        g_ptr_array_add (quotes, line);
    }
  if (quotes->len == 0)
    {
      tf_board_view_show_nothing_to_paste (self);
      return;
    }

  style = tf_note_style_build (self->capture_color,
                           tf_note_size_to_id (TF_NOTE_MEDIUM));

  /* Places are found on a copy of the board that receives each new note in
   * turn, so that no two overlap. */
  scratch = tf_scene_copy (self->canvas.scene);
  self->last_capture_id = 0;
  for (guint i = 0; i < quotes->len; i++)
    {
      TfNewItem item = { 0 };
      TfItem *placed;

      item.kind = capture_kind;
      item.text = g_ptr_array_index (quotes, i);
      item.style = style;
      if (i == 0)
        item.bounds = tf_board_view_next_place (self, scratch, TRUE);
      else
        {
          const TfNewItem *prev = &g_array_index (news, TfNewItem, i - 1);
          double side = prev->bounds.width;

          item.bounds = tf_layout_next_free_place (scratch, TRUE,
                                                   prev->bounds.x + side + TF_LAYOUT_GAP + side / 2,
                                                   prev->bounds.y + side / 2, side);
        }
      placed = tf_item_new (-(gint64) i - 1, capture_kind);
      placed->bounds = item.bounds;
      tf_scene_add (scratch, placed);
      g_array_append_val (news, item);
    }

  command = tf_command_add_items (self->board_id, (const TfNewItem *) news->data, news->len,
                                  g_dngettext (GETTEXT_PACKAGE, "Paste an insight", "Paste insights",
                                               news->len));
  if (tf_board_view_execute (self, command))
    {
      TfRect bounds;

      select_created (self, command);
      bounds = tf_board_view_selection_bounds (self);
      tf_board_view_animate_to (self, &bounds, MAX (self->canvas.zoom, 0.5));
    }
}

static void
paste_text_ready (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TfBoardView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL)
    {
      g_debug ("Cannot paste text: %s", error ? error->message : "empty");
      if (self->board_id != 0)
        tf_board_view_show_nothing_to_paste (self);
      return;
    }
  if (self->board_id != 0)
    paste_text (self, text);
}

static void
paste_items_spliced (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TfBoardView) self = user_data;
  g_autoptr(GError) error = NULL;
  GMemoryOutputStream *out = G_MEMORY_OUTPUT_STREAM (source);

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (out), result, &error) < 0)
    {
      g_debug ("Cannot paste items: %s", error->message);
      return;
    }
  if (self->board_id != 0)
    paste_items (self, g_memory_output_stream_get_data (out),
                 g_memory_output_stream_get_data_size (out));
}

static void
paste_items_ready (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TfBoardView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  g_autoptr(GOutputStream) out = NULL;

  if (stream == NULL)
    {
      g_debug ("Cannot paste items: %s", error->message);
      return;
    }
  out = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (out, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_items_spliced, g_steal_pointer (&self));
}

void
tf_board_view_paste (TfBoardView *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (gdk_content_formats_contain_mime_type (formats, TF_ITEMS_MIME))
    {
      static const char *mime_types[] = { TF_ITEMS_MIME, NULL };

      gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL,
                                paste_items_ready, g_object_ref (self));
    }
  else if (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING))
    {
      gdk_clipboard_read_text_async (clipboard, NULL, paste_text_ready, g_object_ref (self));
    }
  else
    tf_board_view_show_nothing_to_paste (self);
}

void
tf_board_view_show_nothing_to_paste (TfBoardView *self)
{
  /* Ctrl+V with an empty clipboard, or with nothing this board takes. */
  tf_board_view_show_toast (self, _("Nothing to paste"), FALSE);
}
