/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The bounds the room's server keeps every phone within (README.md, "The
 * room's network"). */

#define TF_ROOM_REQUEST_MAX          (16 * 1024)  /* request line, headers and body */
#define TF_ROOM_HEADER_BYTES_MAX     (8 * 1024)   /* request line and headers */
#define TF_ROOM_HEADERS_MAX          32
#define TF_ROOM_FIELDS_MAX           128          /* form fields (a ballot's notes) */
#define TF_ROOM_CONNECTIONS_MAX      128          /* at once */
#define TF_ROOM_CONNECTIONS_PER_CLIENT 8          /* at once from one address */
#define TF_ROOM_REQUEST_TIMEOUT_MS   5000         /* the whole request, from the connection */
#define TF_ROOM_APP_TIMEOUT_MS       8000         /* the app's word on a submission */
#define TF_ROOM_RATE_BURST           30.0         /* requests a client may make at once… */
#define TF_ROOM_RATE_PER_SECOND      1.0          /* …and then per second */
#define TF_ROOM_CLIENTS_REMEMBERED   4096
#define TF_ROOM_SAME_KEY_MAX         4            /* resends waiting at once */
#define TF_ROOM_BACKLOG_MAX          (1024 * 1024) /* bytes for the app not yet written */
#define TF_ROOM_ROUND_NOTES_MAX      500
