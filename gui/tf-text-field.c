/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-text-field"

#include "tf-text-field.h"

/* A titled, framed multi-line text. Typing changes nothing in the archive: the
 * text is committed once, when the focus leaves it, so that one edit of a
 * paragraph is one undo step. */
struct _TfTextField
{
  GtkWidget    parent_instance;

  char        *text;

  GtkLabel    *title_label;
  GtkLabel    *subtitle_label;
  GtkTextView *text_view;
};

G_DEFINE_FINAL_TYPE (TfTextField, tf_text_field, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_TEXT,
  N_PROPS
};

enum {
  SIGNAL_COMMIT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
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

static void
tf_text_field_dispose (GObject *object)
{
  GtkWidget *child;

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TfTextField::commit:
   * @text: the new text
   *
   * The text was edited and the focus left it.
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
  gtk_widget_class_bind_template_child (widget_class, TfTextField, text_view);
  gtk_widget_class_bind_template_callback (widget_class, tf_text_field_focus_leave);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "textfield");
}

static void
tf_text_field_init (TfTextField *self)
{
  GtkLayoutManager *layout;

  self->text = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));

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
