/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/tf-session-rows.h"
#include "tf-blueprint-layout.h"
#include "tf-blueprint-outputs.h"

/* The room: each stage of a blueprint is a view of a session, showing the
 * columns of its steps from the stage's band to the foot of the grid. A
 * stage with no step shows nothing and is left out; a blueprint without
 * stages offers only the whole board. */
void
tf_blueprint_list_session_steps (TfScene *scene,
                                 GArray  *steps)
{
  g_autoptr(TfBlueprint) bp = tf_blueprint_from_scene (scene);
  g_autoptr(TfBpLayout) layout = NULL;

  if (bp->stages->len == 0)
    return;
  layout = tf_blueprint_layout (bp);
  for (guint i = 0; i < bp->stages->len && i < layout->stage_bands->len; i++)
    {
      const TfBpStage *stage = g_ptr_array_index (bp->stages, i);
      const TfRect *band = &g_array_index (layout->stage_bands, TfRect, i);
      TfSessionStep step = { 0 };

      if (tf_rect_is_empty (band))
        continue;
      step.kind = TF_SESSION_STEP_STAGE;
      if (stage->title != NULL && stage->title[0] != '\0')
        step.title = g_strdup (stage->title);
      else
        /* TRANSLATORS: a step of a session: the stage %u of a blueprint, which has no title */
        step.title = g_strdup_printf (_("Stage %u"), i + 1);
      step.notes = g_strdup ("");
      step.x = band->x;
      step.y = band->y;
      step.width = band->width;
      step.height = layout->bounds.y + layout->bounds.height - band->y;
      g_array_append_val (steps, step);
    }
}
