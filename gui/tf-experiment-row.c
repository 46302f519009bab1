/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#define G_LOG_DOMAIN "tf-experiment-row"

#include <glib/gi18n.h>

#include "tf-experiment-row.h"

/* One experiment in the archive list: title, where it happened, when, and how
 * many boards it has. */
struct _TfExperimentRow
{
  GtkListBoxRow  parent_instance;

  TfExperiment  *experiment;
  GtkWidget     *origin_box;
  GtkWidget     *origin_label;
  GtkWidget     *excerpt_label;
};

G_DEFINE_FINAL_TYPE (TfExperimentRow, tf_experiment_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_EXPERIMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
append_part (GString    *string,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;

  if (string->len > 0)
    /* Translators: separates the parts of a line such as “Immersion · Lille · Culture”. */
    g_string_append (string, _(" · "));

  g_string_append (string, part);
}

static char *
format_title (gpointer      unused,
              TfExperiment *experiment)
{
  const char *title;

  if (experiment == NULL)
    return NULL;

  title = tf_experiment_get_title (experiment);
  return g_strdup (title != NULL && *title != '\0' ? title : _("Untitled experiment"));
}

static char *
format_where (gpointer      unused,
              TfExperiment *experiment)
{
  GString *string;

  if (experiment == NULL)
    return NULL;

  string = g_string_new (NULL);
  append_part (string, tf_phase_get_label (tf_experiment_get_phase (experiment)));
  append_part (string, tf_experiment_get_text (experiment, TF_FIELD_PLACE));
  append_part (string, tf_experiment_get_text (experiment, TF_FIELD_DEPARTMENT));

  return g_string_free (string, FALSE);
}

static char *
format_when (gpointer      unused,
             TfExperiment *experiment)
{
  g_autofree char *dates = NULL;
  g_autofree char *boards = NULL;
  GString *string;
  guint n_boards;

  if (experiment == NULL)
    return NULL;

  n_boards = tf_experiment_get_board_count (experiment);
  dates = tf_experiment_format_dates (experiment);
  if (n_boards == 0)
    boards = g_strdup (_("No boards"));
  else
    boards = g_strdup_printf (ngettext ("%u board", "%u boards", n_boards),
                              n_boards);

  string = g_string_new (NULL);
  append_part (string, dates);
  append_part (string, boards);

  return g_string_free (string, FALSE);
}

static void
tf_experiment_row_dispose (GObject *object)
{
  TfExperimentRow *self = TF_EXPERIMENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TF_TYPE_EXPERIMENT_ROW);
  g_clear_object (&self->experiment);

  G_OBJECT_CLASS (tf_experiment_row_parent_class)->dispose (object);
}

static void
tf_experiment_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TfExperimentRow *self = TF_EXPERIMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      g_value_set_object (value, self->experiment);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_experiment_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TfExperimentRow *self = TF_EXPERIMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EXPERIMENT:
      /* The template's bindings watch this property. */
      self->experiment = g_value_dup_object (value);
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_experiment_row_class_init (TfExperimentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tf_experiment_row_dispose;
  object_class->get_property = tf_experiment_row_get_property;
  object_class->set_property = tf_experiment_row_set_property;

  properties[PROP_EXPERIMENT] =
    g_param_spec_object ("experiment", NULL, NULL,
                         TF_TYPE_EXPERIMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/transfo/Transfo/tf-experiment-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, format_title);
  gtk_widget_class_bind_template_callback (widget_class, format_where);
  gtk_widget_class_bind_template_callback (widget_class, format_when);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentRow, origin_box);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentRow, origin_label);
  gtk_widget_class_bind_template_child (widget_class, TfExperimentRow, excerpt_label);
}

static void
tf_experiment_row_init (TfExperimentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
tf_experiment_row_new (TfExperiment *experiment)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT (experiment), NULL);

  return g_object_new (TF_TYPE_EXPERIMENT_ROW,
                       "experiment", experiment,
                       NULL);
}

TfExperiment *
tf_experiment_row_get_experiment (TfExperimentRow *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT_ROW (self), NULL);

  return self->experiment;
}

void
tf_experiment_row_set_origin (TfExperimentRow *self,
                              const char      *department)
{
  g_autofree char *text = NULL;

  g_return_if_fail (TF_IS_EXPERIMENT_ROW (self));

  gtk_widget_set_visible (self->origin_box, department != NULL);
  if (department == NULL)
    return;
  if (department[0] != '\0')
    /* Translators: under an experiment's title in the archive list; %s is
     * the department that shared it. */
    text = g_strdup_printf (_("Imported from %s"), department);
  else
    text = g_strdup (_("Imported from a shared file"));
  gtk_label_set_text (GTK_LABEL (self->origin_label), text);
}

void
tf_experiment_row_set_excerpt (TfExperimentRow *self,
                               const char      *markup)
{
  g_return_if_fail (TF_IS_EXPERIMENT_ROW (self));

  gtk_widget_set_visible (self->excerpt_label, markup != NULL);
  gtk_label_set_markup (GTK_LABEL (self->excerpt_label), markup != NULL ? markup : "");
}

const char *
tf_experiment_row_get_excerpt (TfExperimentRow *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT_ROW (self), NULL);

  if (!gtk_widget_get_visible (self->excerpt_label))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (self->excerpt_label));
}
