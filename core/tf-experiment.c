/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-experiment"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tf-date.h"
#include "tf-experiment.h"

typedef struct {
  const char *column;    /* SQL column and JSON key */
  const char *property;  /* GObject property name */
  const char *label;     /* N_() */
  gboolean    multiline;
} FieldInfo;

static const FieldInfo fields[TF_N_FIELDS] = {
  { "title",      "title",      N_("Title"),           FALSE },
  { "theme",      "theme",      N_("Theme"),           FALSE },
  { "place",      "place",      N_("Place"),           FALSE },
  { "territory",  "territory",  N_("Territory"),       FALSE },
  { "department", "department", N_("Department"),      FALSE },
  { "start_date", "start-date", N_("Start date"),      FALSE },
  { "end_date",   "end-date",   N_("End date"),        FALSE },
  { "team",       "team",       N_("Team roles"),      TRUE },
  { "context",    "context",    N_("Context"),         TRUE },
  { "outcomes",   "outcomes",   N_("Projects and outcomes"), TRUE },
  { "lessons",    "lessons",    N_("Lessons learned"), TRUE },
};

struct _TfExperiment
{
  GObject   parent_instance;

  gint64    id;
  char     *uuid;
  char     *texts[TF_N_FIELDS];
  TfPhase   phase;
  TfStatus  status;
  GStrv     tags;
  guint     board_count;
  char     *created;
  char     *modified;
};

G_DEFINE_FINAL_TYPE (TfExperiment, tf_experiment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PHASE,
  PROP_STATUS,
  PROP_TAGS,
  PROP_BOARD_COUNT,
  PROP_FIRST_FIELD,
  N_PROPS = PROP_FIRST_FIELD + TF_N_FIELDS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() is GLib 2.76; Debian 12 has 2.74. */
static gboolean
set_str (char       **str,
         const char  *value)
{
  if (g_strcmp0 (*str, value) == 0)
    return FALSE;
  g_free (*str);
  *str = g_strdup (value);
  return TRUE;
}

static void
tf_experiment_finalize (GObject *object)
{
  TfExperiment *self = (TfExperiment *)object;

  for (guint i = 0; i < TF_N_FIELDS; i++)
    g_free (self->texts[i]);
  g_free (self->uuid);
  g_strfreev (self->tags);
  g_free (self->created);
  g_free (self->modified);

  G_OBJECT_CLASS (tf_experiment_parent_class)->finalize (object);
}

static void
tf_experiment_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TfExperiment *self = TF_EXPERIMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_PHASE:
      g_value_set_uint (value, self->phase);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_BOARD_COUNT:
      g_value_set_uint (value, self->board_count);
      break;
    default:
      if (prop_id >= PROP_FIRST_FIELD && prop_id < N_PROPS)
        g_value_set_string (value, tf_experiment_get_text (self, prop_id - PROP_FIRST_FIELD));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_experiment_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TfExperiment *self = TF_EXPERIMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      tf_experiment_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_UUID:
      tf_experiment_set_uuid (self, g_value_get_string (value));
      break;
    case PROP_PHASE:
      tf_experiment_set_phase (self, g_value_get_uint (value));
      break;
    case PROP_STATUS:
      tf_experiment_set_status (self, g_value_get_uint (value));
      break;
    case PROP_TAGS:
      tf_experiment_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_BOARD_COUNT:
      tf_experiment_set_board_count (self, g_value_get_uint (value));
      break;
    default:
      if (prop_id >= PROP_FIRST_FIELD && prop_id < N_PROPS)
        tf_experiment_set_text (self, prop_id - PROP_FIRST_FIELD, g_value_get_string (value));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_experiment_class_init (TfExperimentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tf_experiment_finalize;
  object_class->get_property = tf_experiment_get_property;
  object_class->set_property = tf_experiment_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UUID] =
    g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_PHASE] =
    g_param_spec_uint ("phase", NULL, NULL, 0, TF_N_PHASES - 1, 0, flags);
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, TF_N_STATUSES - 1, 0, flags);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_BOARD_COUNT] =
    g_param_spec_uint ("board-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  for (guint i = 0; i < TF_N_FIELDS; i++)
    properties[PROP_FIRST_FIELD + i] =
      g_param_spec_string (fields[i].property, NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tf_experiment_init (TfExperiment *self)
{
  for (guint i = 0; i < TF_N_FIELDS; i++)
    self->texts[i] = g_strdup ("");
  self->tags = g_new0 (char *, 1);
  self->created = g_strdup ("");
  self->modified = g_strdup ("");
}

TfExperiment *
tf_experiment_new (const char *title)
{
  TfExperiment *self = g_object_new (TF_TYPE_EXPERIMENT, NULL);

  if (title != NULL)
    tf_experiment_set_text (self, TF_FIELD_TITLE, title);
  return self;
}

gint64
tf_experiment_get_id (TfExperiment *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT (self), 0);
  return self->id;
}

const char *
tf_experiment_get_uuid (TfExperiment *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT (self), NULL);
  return self->uuid;
}

const char *
tf_experiment_get_text (TfExperiment      *self,
                        TfExperimentField  field)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT (self), NULL);
  g_return_val_if_fail (field < TF_N_FIELDS, NULL);
  return self->texts[field];
}

const char *
tf_experiment_get_title (TfExperiment *self)
{
  return tf_experiment_get_text (self, TF_FIELD_TITLE);
}

TfPhase
tf_experiment_get_phase (TfExperiment *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT (self), 0);
  return self->phase;
}

TfStatus
tf_experiment_get_status (TfExperiment *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT (self), 0);
  return self->status;
}

const char * const *
tf_experiment_get_tags (TfExperiment *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT (self), NULL);
  return (const char * const *) self->tags;
}

guint
tf_experiment_get_board_count (TfExperiment *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT (self), 0);
  return self->board_count;
}

const char *
tf_experiment_get_created (TfExperiment *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT (self), NULL);
  return self->created;
}

const char *
tf_experiment_get_modified (TfExperiment *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT (self), NULL);
  return self->modified;
}

/* The months are named in the interface's language from our own table, not
 * from the locale's LC_TIME as g_date_time_format()'s %B would: with only
 * LANGUAGE=fr set (no French locale installed) %B says "October". */
static const char * const month_names[] = {
  NC_("month name", "January"), NC_("month name", "February"), NC_("month name", "March"),
  NC_("month name", "April"), NC_("month name", "May"), NC_("month name", "June"),
  NC_("month name", "July"), NC_("month name", "August"), NC_("month name", "September"),
  NC_("month name", "October"), NC_("month name", "November"), NC_("month name", "December"),
};

const char *
tf_date_month_name (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");
  return g_dpgettext2 (GETTEXT_PACKAGE, "month name", month_names[month - 1]);
}

static gboolean
parse_month (const char *date,
             int        *year,
             int        *month)
{
  int day;

  if (date == NULL || date[0] == '\0' || !tf_date_is_valid (date))
    return FALSE;
  return sscanf (date, "%d-%d-%d", year, month, &day) == 3 && *month >= 1 && *month <= 12;
}

static char *
format_month_year (int year,
                   int month)
{
  /* TRANSLATORS: a month and its year in lists of experiments ("October 2009") */
  return g_strdup_printf (C_("month and year", "%s %d"), tf_date_month_name (month), year);
}

char *
tf_date_format_months (const char *start,
                       const char *end)
{
  int sy = 0, sm = 0, ey = 0, em = 0;
  gboolean has_start = parse_month (start, &sy, &sm);
  gboolean has_end = parse_month (end, &ey, &em);

  if (has_start && has_end && sy == ey && sm == em)
    has_end = FALSE;
  if (has_start && has_end && sy == ey)
    /* TRANSLATORS: the months of an experiment within one year ("October – December 2009") */
    return g_strdup_printf (C_("months", "%s – %s %d"), tf_date_month_name (sm), tf_date_month_name (em), sy);
  if (has_start && has_end)
    {
      g_autofree char *from = format_month_year (sy, sm);
      g_autofree char *to = format_month_year (ey, em);

      return g_strdup_printf ("%s – %s", from, to);
    }
  if (has_start)
    return format_month_year (sy, sm);
  if (has_end)
    {
      g_autofree char *to = format_month_year (ey, em);

      /* TRANSLATORS: an experiment with only an end date, e.g. "until December 2009" */
      return g_strdup_printf (C_("month", "until %s"), to);
    }
  return g_strdup ("");
}

char *
tf_experiment_format_dates (TfExperiment *self)
{
  g_return_val_if_fail (TF_IS_EXPERIMENT (self), NULL);

  return tf_date_format_months (self->texts[TF_FIELD_START_DATE], self->texts[TF_FIELD_END_DATE]);
}

void
tf_experiment_set_id (TfExperiment *self,
                      gint64        id)
{
  g_return_if_fail (TF_IS_EXPERIMENT (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
tf_experiment_set_uuid (TfExperiment *self,
                        const char   *uuid)
{
  g_return_if_fail (TF_IS_EXPERIMENT (self));

  if (set_str (&self->uuid, uuid))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UUID]);
}

void
tf_experiment_set_text (TfExperiment      *self,
                        TfExperimentField  field,
                        const char        *value)
{
  g_return_if_fail (TF_IS_EXPERIMENT (self));
  g_return_if_fail (field < TF_N_FIELDS);

  if (set_str (&self->texts[field], value ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_FIELD + field]);
}

void
tf_experiment_set_phase (TfExperiment *self,
                         TfPhase       phase)
{
  g_return_if_fail (TF_IS_EXPERIMENT (self));
  g_return_if_fail (phase < TF_N_PHASES);

  if (self->phase == phase)
    return;
  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

void
tf_experiment_set_status (TfExperiment *self,
                          TfStatus      status)
{
  g_return_if_fail (TF_IS_EXPERIMENT (self));
  g_return_if_fail (status < TF_N_STATUSES);

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
tf_experiment_set_tags (TfExperiment       *self,
                        const char * const *tags)
{
  g_return_if_fail (TF_IS_EXPERIMENT (self));

  static const char * const none[] = { NULL };

  if (tags == NULL)
    tags = none;
  if (g_strv_equal ((const char * const *) self->tags, tags))
    return;
  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

void
tf_experiment_set_board_count (TfExperiment *self,
                               guint         count)
{
  g_return_if_fail (TF_IS_EXPERIMENT (self));

  if (self->board_count == count)
    return;
  self->board_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOARD_COUNT]);
}

void
tf_experiment_set_timestamps (TfExperiment *self,
                              const char   *created,
                              const char   *modified)
{
  g_return_if_fail (TF_IS_EXPERIMENT (self));

  set_str (&self->created, created ? created : "");
  set_str (&self->modified, modified ? modified : "");
}

const char *
tf_experiment_field_to_id (TfExperimentField field)
{
  g_return_val_if_fail (field < TF_N_FIELDS, NULL);
  return fields[field].column;
}

gboolean
tf_experiment_field_from_id (const char        *id,
                             TfExperimentField *field)
{
  for (guint i = 0; i < TF_N_FIELDS; i++)
    if (g_strcmp0 (id, fields[i].column) == 0 || g_strcmp0 (id, fields[i].property) == 0)
      {
        *field = i;
        return TRUE;
      }
  return FALSE;
}

const char *
tf_experiment_field_get_label (TfExperimentField field)
{
  g_return_val_if_fail (field < TF_N_FIELDS, NULL);
  return _(fields[field].label);
}

gboolean
tf_experiment_field_is_multiline (TfExperimentField field)
{
  g_return_val_if_fail (field < TF_N_FIELDS, FALSE);
  return fields[field].multiline;
}

gboolean
tf_date_is_valid (const char *date)
{
  return date == NULL || date[0] == '\0' || tf_date_parse_iso (date, NULL, NULL);
}
