/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "tf-board"

#include <string.h>

#include "tf-board.h"

/* A board as listed in its experiment: a snapshot read from the archive.
 * Boards change through commands, after which the list is read again. */
struct _TfBoard
{
  GObject      parent_instance;

  gint64       id;
  gint64       experiment_id;
  char        *kind_id;
  char        *name;
  int          position;
  guint        item_count;
  GPtrArray   *count_kinds;   /* char *, NULL-terminated */
  GArray      *counts;        /* guint, one per kind */
};

G_DEFINE_FINAL_TYPE (TfBoard, tf_board, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_POSITION,
  PROP_ITEM_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tf_board_finalize (GObject *object)
{
  TfBoard *self = (TfBoard *)object;

  g_free (self->kind_id);
  g_free (self->name);
  g_clear_pointer (&self->count_kinds, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_array_unref);

  G_OBJECT_CLASS (tf_board_parent_class)->finalize (object);
}

static void
tf_board_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TfBoard *self = TF_BOARD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    case PROP_ITEM_COUNT:
      g_value_set_uint (value, self->item_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tf_board_class_init (TfBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tf_board_finalize;
  object_class->get_property = tf_board_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind-id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_POSITION] = g_param_spec_int ("position", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_ITEM_COUNT] = g_param_spec_uint ("item-count", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tf_board_init (TfBoard *self)
{
}

TfBoard *
tf_board_new (gint64       id,
              gint64       experiment_id,
              const char  *kind_id,
              const char  *name,
              int          position,
              guint        item_count)
{
  TfBoard *self = g_object_new (TF_TYPE_BOARD, NULL);

  self->id = id;
  self->experiment_id = experiment_id;
  self->kind_id = g_strdup (kind_id != NULL ? kind_id : "");
  self->name = g_strdup (name);
  self->position = position;
  self->item_count = item_count;
  return self;
}

gint64
tf_board_get_id (TfBoard *self)
{
  g_return_val_if_fail (TF_IS_BOARD (self), 0);
  return self->id;
}

gint64
tf_board_get_experiment_id (TfBoard *self)
{
  g_return_val_if_fail (TF_IS_BOARD (self), 0);
  return self->experiment_id;
}

/* The `boards.kind` column as stored, known to this version or not; what
 * it means is tf_board_type_lookup()'s business. */
const char *
tf_board_get_kind_id (TfBoard *self)
{
  g_return_val_if_fail (TF_IS_BOARD (self), NULL);
  return self->kind_id;
}

const char *
tf_board_get_name (TfBoard *self)
{
  g_return_val_if_fail (TF_IS_BOARD (self), NULL);
  return self->name;
}

int
tf_board_get_position (TfBoard *self)
{
  g_return_val_if_fail (TF_IS_BOARD (self), 0);
  return self->position;
}

guint
tf_board_get_item_count (TfBoard *self)
{
  g_return_val_if_fail (TF_IS_BOARD (self), 0);
  return self->item_count;
}

const char * const *
tf_board_get_kind_counts (TfBoard      *self,
                          const guint **counts,
                          guint        *n_kinds)
{
  g_return_val_if_fail (TF_IS_BOARD (self), NULL);

  if (counts != NULL)
    *counts = self->counts != NULL ? (const guint *) (gpointer) self->counts->data : NULL;
  if (n_kinds != NULL)
    *n_kinds = self->counts != NULL ? self->counts->len : 0;
  return self->count_kinds != NULL ? (const char * const *) self->count_kinds->pdata : NULL;
}

void
tf_board_set_kind_counts (TfBoard    *self,
                          const char *packed)
{
  g_auto(GStrv) pairs = NULL;

  g_return_if_fail (TF_IS_BOARD (self));

  g_clear_pointer (&self->count_kinds, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_array_unref);
  if (packed == NULL || *packed == '\0')
    return;
  self->count_kinds = g_ptr_array_new_with_free_func (g_free);
  self->counts = g_array_new (FALSE, FALSE, sizeof (guint));
  pairs = g_strsplit (packed, "\x1e", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *separator = strchr (pairs[i], '\x1f');
      guint64 n = 0;

      if (separator == NULL || separator == pairs[i] ||
          !g_ascii_string_to_unsigned (separator + 1, 10, 1, G_MAXUINT, &n, NULL))
        continue;
      g_ptr_array_add (self->count_kinds, g_strndup (pairs[i], separator - pairs[i]));
      g_array_append_val (self->counts, (guint) { n });
      /* The most numerous first, then by kind (SQLite does not promise
       * group_concat's order). */
      for (guint j = self->counts->len - 1; j > 0; j--)
        {
          guint *c = (guint *) (gpointer) self->counts->data;
          char **k = (char **) self->count_kinds->pdata;

          if (c[j - 1] > c[j] || (c[j - 1] == c[j] && strcmp (k[j - 1], k[j]) <= 0))
            break;
          { guint t = c[j]; c[j] = c[j - 1]; c[j - 1] = t; }
          { char *t = k[j]; k[j] = k[j - 1]; k[j - 1] = t; }
        }
    }
  g_ptr_array_add (self->count_kinds, NULL);
}
