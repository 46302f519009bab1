/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Layouts of actor maps on demand. Like tf-layout.h, pure geometry: each
 * fills arrays of item ids and their new rectangles, which the view applies
 * with one tf_command_set_bounds() (one undo step; links and pools follow).
 * The view animates from the old rectangles to the new ones with
 * tf_actor_layout_interpolate(). Only stamped actors move. */

#include "canvas/tf-scene.h"

G_BEGIN_DECLS

/* The three rings of a stakeholder map, from the centre out. */
typedef enum {
  TF_RING_ESSENTIAL = 1,
  TF_RING_IMPORTANT = 2,
  TF_RING_INTERESTING = 3,
} TfRing;

/* The ring of @actor around @center: its payload's "ring" (1–3) if set,
 * otherwise by link distance (a direct link is essential, two steps
 * important, further or unlinked interesting). 0 for the centre itself. */
int      tf_actor_layout_get_ring    (TfScene       *scene,
                                      gint64         center_id,
                                      gint64         actor_id);
/* Concentric rings around the actor @center_id, which stays where it is.
 * Every other actor goes on its ring, spread evenly in the order it had
 * around the centre; no two actors overlap. @radii gets the radius of each
 * ring (centre to centre, board units). FALSE when @center_id is not an
 * actor of the scene. */
gboolean tf_actor_layout_rings       (TfScene       *scene,
                                      gint64         center_id,
                                      GArray        *ids,
                                      GArray        *rects,
                                      double         radii[3]);
/* A force-directed layout of the whole network (Fruchterman–Reingold:
 * linked actors attract, all repel), from the actors' current places and a
 * deterministic @seed, kept centred where the network was; then a pass that
 * moves actors apart until no two overlap. */
void     tf_actor_layout_force       (TfScene       *scene,
                                      guint32        seed,
                                      GArray        *ids,
                                      GArray        *rects);
/* Appends to @ids and @rects (a layout's result, actors only) the new
 * place of each legend of the scene: at the corner of the laid-out actors
 * it was nearest to before, outside them, so that a layout never leaves
 * the legend in the middle of the map. Called by both layouts. */
void     tf_actor_layout_anchor_legends (TfScene    *scene,
                                      GArray        *ids,
                                      GArray        *rects);
/* Where an actor of @width × @height wanted at @wanted's place goes: there
 * when it overlaps no other actor or legend (with a small gap),
 * else the nearest free place around it (rings of candidates outward). */
TfRect   tf_actor_layout_free_place  (TfScene       *scene,
                                      const TfRect  *wanted);
/* The rectangles a fraction @t (0–1) of the way from @from to @to. */
void     tf_actor_layout_interpolate (const TfRect  *from,
                                      const TfRect  *to,
                                      guint          n,
                                      double         t,
                                      TfRect        *out);

G_END_DECLS
