/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "core/tf-history.h"
#include "room/tf-room-link.h"

G_BEGIN_DECLS

/* Phones in the room (#13), the session's side: opens the room's server
 * (room/tf-room-link.h) on one address the facilitator picks (O), shows
 * its QR code and address over the audience view (Q) and on the
 * presenter, and the moderation queue on the presenter, hidden from the
 * audience: J and K choose a waiting insight (the oldest first), A
 * accepts it at the board's next free place (G into a cluster, M merges it
 * into a note, each chosen from a list), E edits it, X or Delete rejects
 * it, U restores the last one rejected; the accept-all switch. Each an
 * undoable command of room/tf-contribution.h (Ctrl+Z undoes). What is
 * accepted is said on the panel a moment and D shows it to the room. The
 * audience's code sits in a corner (Q hides it, Shift+Q makes it large
 * with the address). */

#define TF_TYPE_ROOM_PHONES (tf_room_phones_get_type ())
G_DECLARE_FINAL_TYPE (TfRoomPhones, tf_room_phones, TF, ROOM_PHONES, GObject)

TfRoomPhones *tf_room_phones_new          (TfHistory    *history,
                                           gint64        experiment_id) G_GNUC_WARN_UNUSED_RESULT;
/* The presenter's part: the room's state, its address and small QR code,
 * the queue. */
GtkWidget    *tf_room_phones_get_panel    (TfRoomPhones *self);
/* The audience's part: the QR code and address, large (an overlay). */
GtkWidget    *tf_room_phones_get_audience (TfRoomPhones *self);
/* One of the keys above; TRUE when it was the phones'. */
gboolean      tf_room_phones_key          (TfRoomPhones *self,
                                           guint         keyval,
                                           GdkModifierType state);
/* Whether the address chooser, the cluster or note chooser or the editor
 * has the keyboard. */
gboolean      tf_room_phones_get_busy     (TfRoomPhones *self);
/* Opens the room on @address (port 0: a free one); FALSE with @error,
 * which the panel shows too. */
gboolean      tf_room_phones_open         (TfRoomPhones *self,
                                           const char   *address,
                                           GError      **error);
/* G and M: a list pops up over @over (NULL: the presenter's queue) with
 * the wall's clusters (G) or its notes (M), searched as one types; the
 * arrows choose, Enter accepts the waiting insight (the one selected, else
 * the oldest) into that cluster or merges it into that note, one undo step;
 * Escape leaves it as it was. @pointed (the item the pointer is over, 0:
 * none) is chosen first when it is in the list. The list shows only what
 * is on the wall, never the insight: it may show over the audience view. */
void          tf_room_phones_pick_cluster (TfRoomPhones *self,
                                           GtkWidget    *over,
                                           gint64        pointed);
void          tf_room_phones_pick_note    (TfRoomPhones *self,
                                           GtkWidget    *over,
                                           gint64        pointed);
/* The voting round the phones vote in (NULL: none), with its notes'
 * texts in its order (@texts, char *); the round stays the caller's, who
 * sets NULL before freeing it. Whether the room opens before or after the
 * round, the phone page offers it. "voted" (guint colour, guint n_dots):
 * a phone's ballot went into the round. */
void          tf_room_phones_set_round    (TfRoomPhones *self,
                                           TfVoteRound  *round,
                                           GPtrArray    *texts);
/* Closes the room: the server stops and its token is no longer valid. */
void          tf_room_phones_close        (TfRoomPhones *self);
TfRoomLink   *tf_room_phones_get_link     (TfRoomPhones *self);
/* The address shown (with its token), NULL when the room is closed. */
const char   *tf_room_phones_get_url      (TfRoomPhones *self);
gboolean      tf_room_phones_get_qr_shown (TfRoomPhones *self);
/* The contributions waiting in the queue as listed. */
guint         tf_room_phones_get_n_waiting (TfRoomPhones *self);
/* The one the keys act on (J and K choose it; the oldest unless chosen);
 * 0: none. */
gint64        tf_room_phones_get_selected (TfRoomPhones *self);
/* The note the last contribution accepted here became (0: none), which D
 * shows ("show-accepted", gint64 item); "accepted" (gint64 item) says each
 * one accepted. */
gint64        tf_room_phones_get_last_accepted (TfRoomPhones *self);
/* The panel's "Added to the wall" line while it shows, else NULL. */
const char   *tf_room_phones_get_notice   (TfRoomPhones *self);
/* Whether the audience's code is large (Shift+Q) or in its corner. */
gboolean      tf_room_phones_get_qr_large (TfRoomPhones *self);
/* How many times the code over the audience view was drawn (for tests: a
 * phone's insight must not draw it again, as that repaints the whole
 * audience window without GL). */
guint         tf_room_phones_get_n_code_draws (TfRoomPhones *self);
/* The code's module in pixels over an audience view of @width × @height,
 * for a code of @modules (without its quiet zone). */
int           tf_room_phones_module_for   (guint         modules,
                                           int           width,
                                           int           height,
                                           gboolean      large);
/* The queue's list and the count waiting (for tests). */
GtkWidget    *tf_room_phones_get_queue    (TfRoomPhones *self);
GtkWidget    *tf_room_phones_get_count    (TfRoomPhones *self);

G_END_DECLS
