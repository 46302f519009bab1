/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What tf-decode.c and tf-decode-pages.c share to run the helper:
 * its limits, its pipes, and what its answers and its end mean. */

#include <sys/types.h>

#include "tf-decode.h"
#include "tf-decode-protocol.h"

/* TF_DECODE_DEADLINE_MS, or less when TRANSFO_DECODE_DEADLINE_MS says so. */
int              tf_decode_deadline_ms      (void);
/* In the child between fork and exec: a process group of its own, CPU,
 * core, file size, descriptors and address space limited. */
void             tf_decode_limit_child      (gpointer               user_data);
/* A sealed-off copy of @data to read from (-1 and errno on failure). */
int              tf_decode_memfd_for        (GBytes                *data);
/* An ARGB32 surface of rows width × 4 bytes, or NULL without memory. */
cairo_surface_t *tf_decode_pixels_surface   (int                    width,
                                             int                    height);
/* The user's message for a refusal in @answer (@options may be NULL). */
void             tf_decode_set_user_error   (GError               **error,
                                             const TfDecodeAnswer  *answer,
                                             const TfDecodeOptions *options);
/* Whether @answer may be believed, for what @options asked. */
gboolean         tf_decode_answer_valid     (const TfDecodeAnswer  *answer,
                                             const TfDecodeOptions *options);
/* Reads up to @len bytes until the end, @deadline (monotonic) or a byte
 * on @cancel_fd (-1: none): the count, or -1 with errno (ETIMEDOUT,
 * ECANCELED, the read's). */
gssize           tf_decode_read_until       (int                    fd,
                                             int                    cancel_fd,
                                             gint64                 deadline,
                                             guint8                *buffer,
                                             gsize                  len);
/* Waits for @pid until @deadline, kills its group at once if @kill_it or
 * at the deadline, always reaps it; TRUE if it ended by itself in time. */
gboolean         tf_decode_reap             (GPid                   pid,
                                             gint64                 deadline,
                                             gboolean               kill_it,
                                             int                   *wait_status);
/* Why the helper gave no usable answer, from how the reading went
 * (@failure: an errno, 0 if none) and how it ended; FALSE when it
 * answered properly (nothing set). */
gboolean         tf_decode_set_helper_error (GError               **error,
                                             int                    failure,
                                             gboolean               garbled,
                                             gboolean               killed,
                                             gboolean               in_time,
                                             int                    wait_status);
