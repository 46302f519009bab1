/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The app's side of the room's server for phones (server/, #13): starts
 * transfo-room-server on one address, reads the contributions it passes
 * on (already checked), checks them again and stores them in the
 * archive, each in its own transaction before the phone hears
 * "received"; tells the server the source categories and the open voting
 * round. Closing the link ends the server, and its token with it.
 *
 * The pipe protocol (docs/architecture.md), one line each way, text
 * fields with backslash, newline and tab escaped:
 *   server → app  LISTEN ADDR PORT TOKEN | INSIGHT KEY CATEGORY|- TEXT |
 *                 VOTE KEY COLOUR ID,ID,…
 *   app → server  CATEGORIES ID… | ROUND COLOURS DOTS, NOTE ID TEXT… |
 *                 NOROUND | STORED KEY | REFUSED KEY
 * No GTK. */

#include <gio/gio.h>

#include "core/tf-history.h"
#include "tf-vote.h"

G_BEGIN_DECLS

#define TF_TYPE_ROOM_LINK (tf_room_link_get_type ())
G_DECLARE_FINAL_TYPE (TfRoomLink, tf_room_link, TF, ROOM_LINK, GObject)

/* Signals:
 *   "received" (gint64 contribution id, gboolean new): a contribution is
 *     stored (new FALSE: a resend of one that was).
 *   "voted" (guint colour, guint n_dots): a ballot went into the round.
 *   "closed": the server stopped (closed, or died). */

/* A link for @experiment_id that puts what arrives in its queue; with
 * @history (may be NULL) the accept-all switch runs its commands there. */
TfRoomLink  *tf_room_link_new           (TfStore     *store,
                                         TfHistory   *history,
                                         gint64       experiment_id) G_GNUC_WARN_UNUSED_RESULT;
/* Starts the server on @address (one IP address, never the any-address)
 * and @port (0: a free one); FALSE with @error when it cannot. */
gboolean     tf_room_link_open          (TfRoomLink  *self,
                                         const char  *address,
                                         guint        port,
                                         GError     **error);
void         tf_room_link_close         (TfRoomLink  *self);
gboolean     tf_room_link_get_open      (TfRoomLink  *self);
/* The page's full address, token included; NULL when closed. */
const char  *tf_room_link_get_url       (TfRoomLink  *self);
/* What arrives is accepted at once onto @board_id (0: queued only). */
void         tf_room_link_set_accept_all (TfRoomLink *self,
                                         gint64       board_id);
/* The round phones vote in (NULL: none), with the texts of its notes in
 * its order (@texts, char *). The round stays the caller's. */
void         tf_room_link_set_round     (TfRoomLink  *self,
                                         TfVoteRound *round,
                                         GPtrArray   *texts);

/* The machine's addresses a room may listen on (IPv4 first, loopback
 * last), as text; the caller picks one. */
GStrv        tf_room_link_list_addresses (void) G_GNUC_WARN_UNUSED_RESULT;
/* What @address is for a person: the kind of network and its interface
 * ("Wi-Fi (wlp2s0)"), or that the loopback reaches no phone. */
char        *tf_room_link_describe_address (const char *address) G_GNUC_WARN_UNUSED_RESULT;
/* Where transfo-room-server is: $TRANSFO_ROOM_SERVER, beside the
 * program, in the build tree, or installed; NULL when nowhere. */
char        *tf_room_link_find_server   (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
