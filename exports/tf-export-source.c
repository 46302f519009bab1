/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#define G_LOG_DOMAIN "tf-export-source"

#include "core/tf-archive.h"
#include "insights/tf-insight.h"
#include "room/tf-session.h"
#include "tf-export-source.h"

struct _TfExportSource
{
  GObject       parent_instance;

  TfExperiment *experiment;
  GPtrArray    *boards;   /* TfBoard */
  GPtrArray    *scenes;   /* TfScene, snapshots */
  TfAssetSource *assets;  /* the archive's images and PDF pages, or NULL */
  GArray       *session;  /* TfSessionStep: the session's agenda */
};

G_DEFINE_FINAL_TYPE (TfExportSource, tf_export_source, G_TYPE_OBJECT)

static void
tf_export_source_finalize (GObject *object)
{
  TfExportSource *self = (TfExportSource *)object;

  g_clear_object (&self->experiment);
  g_clear_pointer (&self->boards, g_ptr_array_unref);
  g_clear_pointer (&self->scenes, g_ptr_array_unref);
  g_clear_pointer (&self->assets, tf_asset_source_unref);
  g_clear_pointer (&self->session, g_array_unref);

  G_OBJECT_CLASS (tf_export_source_parent_class)->finalize (object);
}

static void
tf_export_source_class_init (TfExportSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tf_export_source_finalize;
}

static void
tf_export_source_init (TfExportSource *self)
{
  self->boards = g_ptr_array_new_with_free_func (g_object_unref);
  self->scenes = g_ptr_array_new_with_free_func (g_object_unref);
  self->session = tf_session_step_array_new ();
}

/* The window keeps editing its own TfExperiment: the export reads a copy. */
static TfExperiment *
copy_experiment (TfExperiment *experiment)
{
  TfExperiment *copy = tf_experiment_new (tf_experiment_get_title (experiment));

  tf_experiment_set_id (copy, tf_experiment_get_id (experiment));
  tf_experiment_set_uuid (copy, tf_experiment_get_uuid (experiment));
  for (TfExperimentField f = 0; f < TF_N_FIELDS; f++)
    tf_experiment_set_text (copy, f, tf_experiment_get_text (experiment, f));
  tf_experiment_set_phase (copy, tf_experiment_get_phase (experiment));
  tf_experiment_set_status (copy, tf_experiment_get_status (experiment));
  tf_experiment_set_tags (copy, tf_experiment_get_tags (experiment));
  tf_experiment_set_board_count (copy, tf_experiment_get_board_count (experiment));
  tf_experiment_set_timestamps (copy, tf_experiment_get_created (experiment),
                                tf_experiment_get_modified (experiment));
  return copy;
}

TfExportSource *
tf_export_source_new (TfExperiment *experiment)
{
  TfExportSource *self;

  g_return_val_if_fail (TF_IS_EXPERIMENT (experiment), NULL);

  self = g_object_new (TF_TYPE_EXPORT_SOURCE, NULL);
  self->experiment = copy_experiment (experiment);
  return self;
}

static gboolean add_snapshot (TfExportSource *self, TfBoard *board, TfScene *copy,
                              GCancellable *cancellable);

static TfExportSource *
read_store (TfStore       *store,
            gint64         experiment_id,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(TfExportSource) self = NULL;
  g_autoptr(TfExperiment) experiment = NULL;
  g_autoptr(GListStore) boards = NULL;
  guint n;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  experiment = tf_archive_get_experiment (store, experiment_id, error);
  if (experiment == NULL)
    return NULL;
  boards = tf_archive_list_boards (store, experiment_id, error);
  if (boards == NULL)
    return NULL;

  self = tf_export_source_new (experiment);
  self->assets = tf_asset_source_new_for_store (store);
  {
    gint64 session_id;

    if (!tf_session_load (store, experiment_id, &session_id, self->session, error))
      return NULL;
  }
  n = g_list_model_get_n_items (G_LIST_MODEL (boards));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TfBoard) board = g_list_model_get_item (G_LIST_MODEL (boards), i);
      g_autoptr(TfScene) scene = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      /* The store's statements stop as soon as @cancellable is cancelled:
       * the read of a big board ends there, not at its last row. */
      scene = tf_scene_new_for_board (store, tf_board_get_id (board), error);
      if (scene == NULL)
        return NULL;
      /* Read for the export alone: kept as it is, no copy (each copy parses
       * every item again: seconds at 100k notes), and no longer following
       * the store, so later edits never reach it. */
      g_signal_handlers_disconnect_matched (store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, scene);
      if (!add_snapshot (self, board, g_steal_pointer (&scene), cancellable))
        {
          g_cancellable_set_error_if_cancelled (cancellable, error);
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

TfExportSource *
tf_export_source_new_from_store (TfStore  *store,
                                 gint64    experiment_id,
                                 GError  **error)
{
  g_return_val_if_fail (TF_IS_STORE (store), NULL);

  return read_store (store, experiment_id, NULL, error);
}

TfExportSource *
tf_export_source_new_from_store_cancellable (TfStore       *store,
                                             gint64         experiment_id,
                                             GCancellable  *cancellable,
                                             GError       **error)
{
  TfExportSource *self;

  g_return_val_if_fail (TF_IS_STORE (store), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  tf_store_set_cancellable (store, cancellable);
  self = read_store (store, experiment_id, cancellable, error);
  tf_store_set_cancellable (store, NULL);
  return self;
}

TfExperiment *
tf_export_source_get_experiment (TfExportSource *self)
{
  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (self), NULL);
  return self->experiment;
}

guint
tf_export_source_get_n_boards (TfExportSource *self)
{
  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (self), 0);
  return self->boards->len;
}

TfBoard *
tf_export_source_get_board (TfExportSource *self,
                            guint           index)
{
  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (self), NULL);
  g_return_val_if_fail (index < self->boards->len, NULL);
  return g_ptr_array_index (self->boards, index);
}

TfScene *
tf_export_source_get_scene (TfExportSource *self,
                            guint           index)
{
  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (self), NULL);
  g_return_val_if_fail (index < self->scenes->len, NULL);
  return g_ptr_array_index (self->scenes, index);
}

int
tf_export_source_find_board (TfExportSource *self,
                             const char     *name)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->boards->len; i++)
    if (g_str_equal (tf_board_get_name (g_ptr_array_index (self->boards, i)), name))
      return (int) i;

  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < self->boards->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (tf_board_get_name (g_ptr_array_index (self->boards, i)), -1);

      if (g_utf8_collate (folded, other) == 0)
        return (int) i;
    }
  return -1;
}

/* An insight whose speaker withdrew consent must not be printed, whatever
 * the board shows. Only what a board says carries a speaker's consent: an
 * item whose payload has no "consent" field keeps the default. */
/* Whether @payload says plainly that its consent is one that prints,
 * without reading it all (a full read of every note costs seconds at 100k
 * notes): no escape anywhere (that could spell a key "consent"), and the
 * word "consent" either absent or there once, as a key, followed by one
 * of those values written as the program writes them. Anything else is
 * read in full. */
static gboolean
consent_plainly_printable (const char *payload)
{
  static const char *const printable[] = { "\"consent\":\"to-check\"", "\"consent\":\"given\"",
                                           "\"consent\":\"anonymised\"" };
  const char *at;

  if (strchr (payload, '\\') != NULL)
    return FALSE;
  at = strstr (payload, "consent");
  if (at == NULL)
    return TRUE;
  if (at == payload || strstr (at + 1, "consent") != NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (printable); i++)
    if (strncmp (at - 1, printable[i], strlen (printable[i])) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
must_not_print (const TfItem *item)
{
  g_auto(TfInsightFields) fields = { 0 };

  if (item->payload == NULL || consent_plainly_printable (item->payload))
    return FALSE;
  tf_insight_fields_init (&fields);
  tf_insight_fields_parse (&fields, item->payload);
  return fields.consent == TF_CONSENT_WITHDRAWN;
}

/* How many items are checked between two looks at the cancellable. */
#define ITEMS_BETWEEN_CHECKS 4096

/* Adds @copy (taken), a scene of the export's own, as the board @board,
 * without what must not be printed. FALSE, @copy freed, when @cancellable
 * was cancelled meanwhile. */
static gboolean
add_snapshot (TfExportSource *self,
              TfBoard        *board,
              TfScene        *copy,
              GCancellable   *cancellable)
{
  g_autoptr(GArray) withdrawn = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *items;

  items = tf_scene_get_items (copy);
  for (guint i = 0; i < items->len; i++)
    {
      const TfItem *item = g_ptr_array_index (items, i);

      if (i % ITEMS_BETWEEN_CHECKS == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_object_unref (copy);
          return FALSE;
        }

      if (must_not_print (item))
        g_array_append_val (withdrawn, item->id);
    }
  for (guint i = 0; i < withdrawn->len; i++)
    tf_scene_remove (copy, g_array_index (withdrawn, gint64, i));

  g_ptr_array_add (self->boards, tf_board_new (tf_board_get_id (board), tf_board_get_experiment_id (board),
                                               tf_board_get_kind_id (board), tf_board_get_name (board),
                                               tf_board_get_position (board),
                                               tf_board_get_item_count (board)));
  g_ptr_array_add (self->scenes, copy);
  return TRUE;
}

void
tf_export_source_add_board (TfExportSource *self,
                            TfBoard        *board,
                            TfScene        *scene)
{
  g_return_if_fail (TF_IS_EXPORT_SOURCE (self));
  g_return_if_fail (TF_IS_BOARD (board));
  g_return_if_fail (TF_IS_SCENE (scene));

  add_snapshot (self, board, tf_scene_copy (scene), NULL);
}

TfAssetSource *
tf_export_source_get_assets (TfExportSource *self)
{
  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (self), NULL);
  return self->assets;
}

void
tf_export_source_set_assets (TfExportSource *self,
                             TfAssetSource  *assets)
{
  g_return_if_fail (TF_IS_EXPORT_SOURCE (self));
  if (assets != NULL)
    tf_asset_source_ref (assets);
  g_clear_pointer (&self->assets, tf_asset_source_unref);
  g_clear_pointer (&self->session, g_array_unref);
  self->assets = assets;
}

GArray *
tf_export_source_get_session (TfExportSource *self)
{
  g_return_val_if_fail (TF_IS_EXPORT_SOURCE (self), NULL);
  return self->session;
}

void
tf_export_source_set_session (TfExportSource *self,
                              GArray         *steps)
{
  g_return_if_fail (TF_IS_EXPORT_SOURCE (self));
  g_array_set_size (self->session, 0);
  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      TfSessionStep step;

      tf_session_step_copy (&step, &g_array_index (steps, TfSessionStep, i));
      g_array_append_val (self->session, step);
    }
}
