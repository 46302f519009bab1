/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-text-field"

#include <string.h>

#include "tf-text-field.h"

/* A titled, framed multi-line text. Typing changes nothing in the archive: the
 * text is committed once, when the focus leaves it or on Ctrl+Enter, so that
 * one edit of a paragraph is one undo step. Enter starts a new line, unless
 * the field holds one paragraph (a callout's legend, a caption): there Enter
 * commits too, and line breaks become spaces. With max-lines, the field
 * grows with its text up to that many lines, then scrolls. */
struct _TfTextField
{
  GtkWidget          parent_instance;

  char              *text;
  gboolean           one_paragraph;
  int                max_lines;
  guint              resize_source;

  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkScrolledWindow *scroller;
  GtkTextView       *text_view;
};

G_DEFINE_FINAL_TYPE (TfTextField, tf_text_field, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_TEXT,
  PROP_ONE_PARAGRAPH,
  PROP_MAX_LINES,
  N_PROPS
};

enum {
  SIGNAL_COMMIT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void tf_text_field_apply_max_lines (TfTextField *self);

char *
tf_text_field_dup_typed_text (TfTextField *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
tf_text_field_focus_leave (TfTextField *self)
{
  tf_text_field_commit (self);
}

static gboolean
tf_text_field_key_pressed (TfTextField     *self,
                           guint            keyval,
                           guint            keycode,
                           GdkModifierType  state)
{
  (void) keycode;
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;
  /* Ctrl+Enter keeps what was typed, in every field; Enter too where the
   * text is one paragraph (Shift+Enter included: no line break there). */
  if ((state & GDK_CONTROL_MASK) != 0 || (self->one_paragraph && (state & GDK_ALT_MASK) == 0))
    {
      tf_text_field_commit (self);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* The height of @lines lines of the view's font, with its margins. */
static void
tf_text_field_apply_max_lines (TfTextField *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->text_view));
  PangoFontMetrics *metrics;
  int line;

  if (self->max_lines <= 0)
    {
      gtk_scrolled_window_set_max_content_height (self->scroller, -1);
      return;
    }
  metrics = pango_context_get_metrics (context, NULL, NULL);
  line = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
  if (line <= 0)
    line = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics));
  pango_font_metrics_unref (metrics);
  gtk_scrolled_window_set_max_content_height (self->scroller,
                                              MAX (self->max_lines * line + gtk_text_view_get_top_margin (self->text_view) +
                                                     gtk_text_view_get_bottom_margin (self->text_view),
                                                   gtk_scrolled_window_get_min_content_height (self->scroller)));
}

/* A text view does not ask its scrolled window for room again when its
 * text changes: the field does, to grow (or shrink) with its text, once
 * the view has laid its lines out (in an idle of a higher priority). */
static gboolean
tf_text_field_resize_idle (gpointer user_data)
{
  TfTextField *self = user_data;

  self->resize_source = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self->scroller));
  return G_SOURCE_REMOVE;
}

static void
tf_text_field_content_changed (TfTextField *self)
{
  if (self->resize_source == 0)
    self->resize_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, tf_text_field_resize_idle, self, NULL);
}

static gboolean
tf_text_field_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TF_TEXT_FIELD (widget)->text_view));
}

static void
tf_text_field_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (tf_text_field_parent_class)->css_changed (widget, change);
  /* Another font, another line height. */
  if (TF_TEXT_FIELD (widget)->max_lines > 0)
    tf_text_field_apply_max_lines (TF_TEXT_FIELD (widget));
}

static void
tf_text_field_dispose (GObject *object)
{
  GtkWidget *child;

  g_clear_handle_id (&TF_TEXT_FIELD (object)->resize_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), TF_TYPE_TEXT_FIELD);

  /* The frame is not a bound template child: unparent it too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (tf_text_field_parent_class)->dispose (object);
}

static void
tf_text_field_finalize (GObject *object)
{
  TfTextField *self = TF_TEXT_FIELD (object);

  g_free (self->text);

  G_OBJECT_CLASS (tf_text_field_parent_class)->finalize (object);
}

static void
tf_text_field_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TfTextField *self = TF_TEXT_FIELD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, tf_text_field_get_title (self));
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, tf_text_field_get_subtitle (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, tf_text_field_get_text (self));
      break;

    case PROP_ONE_PARAGRAPH:
      g_value_set_boolean (value, tf_text_field_get_one_paragraph (self));
      break;

    case PROP_MAX_LINES:
      g_value_set_int (value, tf_text_field_get_max_lines (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_text_field_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TfTextField *self = TF_TEXT_FIELD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      tf_text_field_set_title (self, g_value_get_string (value));
      break;

    case PROP_SUBTITLE:
      tf_text_field_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      tf_text_field_set_text (self, g_value_get_string (value));
      break;

    case PROP_ONE_PARAGRAPH:
      tf_text_field_set_one_paragraph (self, g_value_get_boolean (value));
      break;

    case PROP_MAX_LINES:
      tf_text_field_set_max_lines (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_text_field_class_init (TfTextFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_text_field_dispose;
  object_class->finalize = tf_text_field_finalize;
  object_class->get_property = tf_text_field_get_property;
  object_class->set_property = tf_text_field_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ONE_PARAGRAPH] =
    g_param_spec_boolean ("one-paragraph", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_LINES] =
    g_param_spec_int ("max-lines", NULL, NULL,
                      0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TfTextField::commit:
   * @text: the new text
   *
   * The text was edited and the focus left it, or it was kept with
   * Ctrl+Enter (Enter in a one-paragraph field).
   */
  signals[SIGNAL_COMMIT] =
    g_signal_new ("commit",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/transfo/Transfo/tf-text-field.ui");
  gtk_widget_class_bind_template_child (widget_class, TfTextField, title_label);
  gtk_widget_class_bind_template_child (widget_class, TfTextField, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TfTextField, scroller);
  gtk_widget_class_bind_template_child (widget_class, TfTextField, text_view);
  gtk_widget_class_bind_template_callback (widget_class, tf_text_field_focus_leave);
  gtk_widget_class_bind_template_callback (widget_class, tf_text_field_key_pressed);
  widget_class->grab_focus = tf_text_field_grab_focus;
  widget_class->css_changed = tf_text_field_css_changed;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "textfield");
}

static void
tf_text_field_init (TfTextField *self)
{
  GtkLayoutManager *layout;

  self->text = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (tf_text_field_content_changed), self, G_CONNECT_SWAPPED);

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
}

const char *
tf_text_field_get_title (TfTextField *self)
{
  g_return_val_if_fail (TF_IS_TEXT_FIELD (self), NULL);

  return gtk_label_get_label (self->title_label);
}

const char *
tf_text_field_get_subtitle (TfTextField *self)
{
  g_return_val_if_fail (TF_IS_TEXT_FIELD (self), NULL);

  return gtk_label_get_label (self->subtitle_label);
}

const char *
tf_text_field_get_text (TfTextField *self)
{
  g_return_val_if_fail (TF_IS_TEXT_FIELD (self), NULL);

  return self->text;
}

void
tf_text_field_set_title (TfTextField *self,
                         const char  *title)
{
  g_return_if_fail (TF_IS_TEXT_FIELD (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;

  gtk_label_set_label (self->title_label, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
tf_text_field_set_subtitle (TfTextField *self,
                            const char  *subtitle)
{
  g_return_if_fail (TF_IS_TEXT_FIELD (self));

  if (g_strcmp0 (subtitle, gtk_label_get_label (self->subtitle_label)) == 0)
    return;

  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && *subtitle != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

void
tf_text_field_set_text (TfTextField *self,
                        const char  *text)
{
  g_autofree char *typed = NULL;

  g_return_if_fail (TF_IS_TEXT_FIELD (self));

  if (text == NULL)
    text = "";

  /* Leave the buffer alone when it already shows that text: the cursor and
   * the undo history of the view stay where they are. */
  typed = tf_text_field_dup_typed_text (self);
  if (g_strcmp0 (typed, text) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
tf_text_field_commit (TfTextField *self)
{
  g_autofree char *typed = NULL;

  g_return_if_fail (TF_IS_TEXT_FIELD (self));

  typed = tf_text_field_dup_typed_text (self);
  if (self->one_paragraph && strpbrk (typed, "\r\n") != NULL)
    {
      /* Pasted lines of one paragraph: joined by spaces, shown so. */
      g_strdelimit (typed, "\r\n", ' ');
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), typed, -1);
    }
  if (g_strcmp0 (typed, self->text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (typed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);

  g_signal_emit (self, signals[SIGNAL_COMMIT], 0, typed);
}

void
tf_text_field_set_editable (TfTextField *self,
                            gboolean     editable)
{
  g_return_if_fail (TF_IS_TEXT_FIELD (self));

  gtk_text_view_set_editable (self->text_view, editable);
  gtk_text_view_set_cursor_visible (self->text_view, editable);
}

gboolean
tf_text_field_get_one_paragraph (TfTextField *self)
{
  g_return_val_if_fail (TF_IS_TEXT_FIELD (self), FALSE);

  return self->one_paragraph;
}

void
tf_text_field_set_one_paragraph (TfTextField *self,
                                 gboolean     one_paragraph)
{
  g_return_if_fail (TF_IS_TEXT_FIELD (self));

  one_paragraph = !!one_paragraph;
  if (self->one_paragraph == one_paragraph)
    return;
  self->one_paragraph = one_paragraph;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONE_PARAGRAPH]);
}

int
tf_text_field_get_max_lines (TfTextField *self)
{
  g_return_val_if_fail (TF_IS_TEXT_FIELD (self), 0);

  return self->max_lines;
}

void
tf_text_field_set_max_lines (TfTextField *self,
                             int          max_lines)
{
  g_return_if_fail (TF_IS_TEXT_FIELD (self));

  max_lines = MAX (max_lines, 0);
  if (self->max_lines == max_lines)
    return;
  self->max_lines = max_lines;
  tf_text_field_apply_max_lines (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_LINES]);
}

void
tf_text_field_set_typed_text (TfTextField *self,
                              const char  *typed)
{
  g_return_if_fail (TF_IS_TEXT_FIELD (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), typed != NULL ? typed : "", -1);
}

int
tf_text_field_get_cursor (TfTextField *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_val_if_fail (TF_IS_TEXT_FIELD (self), 0);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&iter);
}

void
tf_text_field_set_cursor (TfTextField *self,
                          int          offset)
{
  GtkTextBuffer *buffer;
  GtkTextIter iter;

  g_return_if_fail (TF_IS_TEXT_FIELD (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_buffer_place_cursor (buffer, &iter);
}

GtkTextView *
tf_text_field_get_text_view (TfTextField *self)
{
  g_return_val_if_fail (TF_IS_TEXT_FIELD (self), NULL);

  return self->text_view;
}
